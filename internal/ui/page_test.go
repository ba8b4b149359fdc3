package ui_test

import (
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"
)

// pageForm is a <form> as a browser would submit it: its method, action,
// encoding and the values of its own fields (what the page filled in).
type pageForm struct {
	method, action, enctype string
	fields                  url.Values
}

// key identifies a form for deduplication across pages: its fields
// without the token, which is fresh on every page (idem.go).
func (f pageForm) key() string {
	fields := url.Values{}
	for k, v := range f.fields {
		if k != "idem" {
			fields[k] = v
		}
	}
	return f.method + " " + f.action + "?" + fields.Encode()
}

// parsePage reads the links (<a href>) and forms of an HTML page the UI
// rendered. The templates produce well-formed markup, so the standard
// library's XML tokenizer in its lenient HTML mode reads it.
func parsePage(body string) (links []string, forms []pageForm, err error) {
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var (
		form     *pageForm
		text     *strings.Builder // a <textarea> or <option> being read
		textName string
		sel      struct {
			name            string
			first, selected []string
			seenOpt         bool
			multiple        bool
		}
		opt struct {
			value    string
			hasValue bool
			selected bool
		}
		inOption, submitSeen bool
	)
	attr := func(se xml.StartElement, name string) (string, bool) {
		for _, a := range se.Attr {
			if strings.EqualFold(a.Name.Local, name) {
				return a.Value, true
			}
		}
		return "", false
	}
	endOption := func() {
		if !inOption {
			return
		}
		inOption = false
		v := opt.value
		if !opt.hasValue {
			v = strings.TrimSpace(text.String())
		}
		text = nil
		if !sel.seenOpt {
			sel.first, sel.seenOpt = []string{v}, true
		}
		if opt.selected {
			sel.selected = append(sel.selected, v)
		}
	}
	for {
		tok, terr := d.Token()
		if errors.Is(terr, io.EOF) {
			break
		}
		if terr != nil {
			return nil, nil, terr
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(t.Name.Local) {
			case "a":
				if href, ok := attr(t, "href"); ok {
					links = append(links, href)
				}
			case "form":
				method, _ := attr(t, "method")
				action, _ := attr(t, "action")
				enctype, _ := attr(t, "enctype")
				form = &pageForm{method: strings.ToUpper(method), action: action, enctype: enctype, fields: url.Values{}}
				if form.method == "" {
					form.method = "GET"
				}
				submitSeen = false
			case "input":
				if form == nil {
					continue
				}
				name, _ := attr(t, "name")
				typ, _ := attr(t, "type")
				value, _ := attr(t, "value")
				_, checked := attr(t, "checked")
				_, disabled := attr(t, "disabled")
				switch strings.ToLower(typ) {
				case "submit", "image":
					if !submitSeen && name != "" && !disabled {
						form.fields.Add(name, value)
					}
					submitSeen = true
					continue
				case "button", "reset", "file":
					continue
				case "checkbox", "radio":
					if !checked {
						continue
					}
					if _, ok := attr(t, "value"); !ok {
						value = "on"
					}
				}
				if name != "" && !disabled {
					form.fields.Add(name, value)
				}
			case "button":
				if form == nil {
					continue
				}
				typ, _ := attr(t, "type")
				if typ == "" || strings.EqualFold(typ, "submit") {
					// The first submit button is the one Enter presses.
					if name, ok := attr(t, "name"); ok && !submitSeen {
						value, _ := attr(t, "value")
						form.fields.Add(name, value)
					}
					submitSeen = true
				}
			case "textarea":
				if form != nil {
					textName, _ = attr(t, "name")
					text = &strings.Builder{}
				}
			case "select":
				if form != nil {
					sel.name, _ = attr(t, "name")
					sel.first, sel.selected, sel.seenOpt = nil, nil, false
					_, sel.multiple = attr(t, "multiple")
				}
			case "option":
				if form != nil {
					endOption()
					inOption = true
					opt.value, opt.hasValue = attr(t, "value")
					_, opt.selected = attr(t, "selected")
					text = &strings.Builder{}
				}
			}
		case xml.CharData:
			if text != nil {
				text.Write(t)
			}
		case xml.EndElement:
			switch strings.ToLower(t.Name.Local) {
			case "form":
				if form != nil {
					forms = append(forms, *form)
				}
				form = nil
			case "textarea":
				if form != nil && text != nil && textName != "" {
					form.fields.Add(textName, strings.TrimPrefix(text.String(), "\n"))
				}
				text = nil
			case "option":
				endOption()
			case "select":
				endOption()
				if form != nil && sel.name != "" {
					vs := sel.selected
					if len(vs) == 0 && !sel.multiple {
						vs = sel.first
					}
					for _, v := range vs {
						form.fields.Add(sel.name, v)
					}
				}
				sel.name = ""
			}
		}
	}
	return links, forms, nil
}
