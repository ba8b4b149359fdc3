package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"regie"
)

// form is a form's state on a page: what was typed (kept when it comes back
// with errors, so nothing is lost) and a message per wrong field.
type form struct {
	Values url.Values
	Errors map[string]string
	// Order lists the fields top to bottom, for the error summary.
	Order []string
	// Conflict is set when the save was refused because someone else
	// changed the record after the form was read (ESTALE).
	Conflict *conflict
}

// newForm returns a form with values.
func newForm(values url.Values, order ...string) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{Values: values, Order: order}
}

// formFromRequest parses a posted form.
func formFromRequest(r *http.Request, order ...string) (*form, error) {
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	return newForm(r.PostForm, order...), nil
}

// Get returns the value of a field.
func (f *form) Get(name string) string { return f.Values.Get(name) }

// Has reports whether a checkbox or multi-value field has value v.
func (f *form) Has(name, v string) bool {
	for _, x := range f.Values[name] {
		if x == v {
			return true
		}
	}
	return false
}

// Err returns the error message of a field.
func (f *form) Err(name string) string { return f.Errors[name] }

// Int64 returns a field as an id (0 when empty or not a number).
func (f *form) Int64(name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(f.Get(name)), 10, 64)
	return n
}

// withError takes the field messages of a validation error. It reports
// whether err was one; any other error is for serveError.
func (f *form) withError(err error) bool {
	if regie.ErrorCode(err) != regie.EINVALID {
		return false
	}
	f.Errors = regie.ErrorFields(err)
	if len(f.Errors) == 0 {
		f.Errors = map[string]string{"": regie.ErrorMessage(err)}
	}
	return true
}

// summaryItem is one line of the error summary at the top of a form.
type summaryItem struct{ Field, Label, Message string }

// ID is the id of the field the line links to.
func (s summaryItem) ID() string { return fieldID(s.Field) }

// fieldID is the element id of a field: names like settings keys hold dots,
// which are awkward in ids.
func fieldID(name string) string { return "f-" + strings.ReplaceAll(name, ".", "-") }

// Summary lists the errors in the order of the fields (then by name, for
// fields the form did not order), each named, so the links differ.
func (f *form) Summary() []summaryItem {
	var items []summaryItem
	seen := map[string]bool{}
	add := func(name string) {
		items = append(items, summaryItem{name, regie.FieldLabel(name), f.Errors[name]})
		seen[name] = true
	}
	for _, name := range f.Order {
		if _, ok := f.Errors[name]; ok {
			add(name)
		}
	}
	var rest []string
	for name := range f.Errors {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		add(name)
	}
	return items
}

// option is one choice of a select or radio group.
type option struct {
	Value string
	Label string
}

// choiceOptions turns a reference list into options.
func choiceOptions[T ~string](list []regie.Choice[T]) []option {
	opts := make([]option, len(list))
	for i, c := range list {
		opts[i] = option{string(c.Value), c.Label}
	}
	return opts
}

// fieldView is what the field partials render: label, hint, value, error.
type fieldView struct {
	Name, Label, Hint string
	Value             string
	Error             string
	Required          bool
	// NoMark leaves "(niet verplicht)" off: a field of an optional row
	// that, once the row is used, must be filled in.
	NoMark       bool
	Type         string // for inputs: text, date, email, password…
	Autocomplete string
	Options      []option
	// Groups are the choices of a select in groups (optgroup), after an
	// empty first choice labelled Empty.
	Groups []optionGroup
	Empty  string
	Form   *form
}

// optionGroup is a labelled group of a select's choices.
type optionGroup struct {
	Label   string
	Options []option
}

// ID is the element id, also the target of the error summary's links.
func (f fieldView) ID() string { return fieldID(f.Name) }

// newField builds a fieldView from the page's form: the template calls
// (field .Form "name" "Label" "hint").
func newField(f *form, name, label, hint string) fieldView {
	return fieldView{Name: name, Label: label, Hint: hint, Value: f.Get(name), Error: f.Err(name), Type: "text", Form: f}
}

// With returns a copy with extra settings, from templates:
// (field …).With "type" "date" "required" "1".
func (f fieldView) With(kv ...string) fieldView {
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "type":
			f.Type = kv[i+1]
		case "required":
			f.Required = kv[i+1] != ""
		case "autocomplete":
			f.Autocomplete = kv[i+1]
		case "mark":
			f.NoMark = kv[i+1] == "none"
		}
	}
	return f
}

// WithGroups returns a copy with the choices of a select in groups, the
// first, empty choice labelled empty.
func (f fieldView) WithGroups(groups []optionGroup, empty string) fieldView {
	f.Groups, f.Empty = groups, empty
	return f
}

// WithOptions returns a copy with the choices of a select or radio group.
func (f fieldView) WithOptions(opts []option) fieldView {
	f.Options = opts
	return f
}
