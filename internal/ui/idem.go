package ui

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"html"
	"net/http"
	"sort"
	"strings"

	"regie"
)

// A retried save never counts twice, and a save the database could not
// take keeps what was typed.
//
// Every form that posts gets a hidden field idemField with a fresh random
// token (128 bits, base64url), added to the page as it is rendered
// (withFormTokens), so no template has to remember it. wrap puts the
// posted token into the request's context (regie.Submission); the store
// records it in the transaction of the save and, for a second submit of
// the same form, does not save again but reports the first save (see
// internal/store/idem.go). The handler then answers as it did the first
// time, and redirect says "Dit was al opgeslagen". A form shown again
// after an error keeps its posted token: nothing was saved under it yet.
//
// A save refused because the database is unreachable, locked past the
// deadline or full (EUNAVAILABLE) answers 503 with what was typed, in a
// form that posts it again with the same token (serveUnsaved): once the
// database is back, that saves once, also when the first attempt had in
// fact committed and only its answer was lost.

// idemField is the hidden field of a form's token.
const idemField = "idem"

// newFormToken returns a fresh token: 16 random bytes, base64url.
func newFormToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// validFormToken reports whether s has the shape of a token.
func validFormToken(s string) bool {
	if len(s) != 22 {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}

// withSubmission gives a logged-in POST its submission, with the posted
// token when it has one. A multipart form (an upload) is parsed by its
// handler, which sets the token then (setFormToken).
func withSubmission(r *http.Request, rs *reqSession) *http.Request {
	if r.Method != http.MethodPost || rs == nil {
		return r
	}
	sub := &regie.Submission{}
	if t := r.PostForm.Get(idemField); validFormToken(t) {
		sub.Token = t
	}
	return r.WithContext(regie.NewContextWithSubmission(r.Context(), sub))
}

// setFormToken sets the request's token from a form its handler parsed.
func setFormToken(r *http.Request, f *form) {
	if sub := regie.SubmissionFromContext(r.Context()); sub != nil && validFormToken(f.Get(idemField)) {
		sub.Token = f.Get(idemField)
	}
}

// replayed reports whether the request's save had been made by an
// earlier submit of the same form.
func replayed(r *http.Request) bool {
	sub := regie.SubmissionFromContext(r.Context())
	return sub != nil && sub.Replayed
}

var (
	formOpen   = []byte("<form")
	formClose  = []byte("</form>")
	postMethod = []byte(`method="post"`)
)

// withFormTokens adds the token field to every form of page that posts
// and has none. A page shown again for a posted form (an error) gives
// that form — the first one posting where the request went — the posted
// token; every other form gets a fresh one.
func withFormTokens(r *http.Request, page []byte) []byte {
	if !bytes.Contains(page, postMethod) {
		return page
	}
	posted := ""
	if r.Method == http.MethodPost {
		if sub := regie.SubmissionFromContext(r.Context()); sub != nil {
			posted = sub.Token
		}
	}
	var out bytes.Buffer
	out.Grow(len(page) + 512)
	rest := page
	for {
		i := bytes.Index(rest, formOpen)
		if i < 0 {
			break
		}
		end := bytes.IndexByte(rest[i:], '>')
		if end < 0 {
			break
		}
		end += i + 1
		tag := rest[i:end]
		out.Write(rest[:end])
		rest = rest[end:]
		if !bytes.Contains(tag, postMethod) {
			continue
		}
		body := rest
		if j := bytes.Index(rest, formClose); j >= 0 {
			body = rest[:j]
		}
		if bytes.Contains(body, []byte(`name="`+idemField+`"`)) {
			continue // carries its token already (a kept form)
		}
		token := posted
		if action := formAction(tag); token != "" && (action == r.URL.Path || action == "") {
			posted = ""
		} else {
			token = newFormToken()
		}
		out.WriteString(`<input type="hidden" name="` + idemField + `" value="` + token + `">`)
	}
	out.Write(rest)
	return out.Bytes()
}

// formAction returns the action attribute of a form tag, unescaped.
func formAction(tag []byte) string {
	_, after, ok := bytes.Cut(tag, []byte(` action="`))
	if !ok {
		return ""
	}
	v, _, _ := bytes.Cut(after, []byte(`"`))
	return html.UnescapeString(string(v))
}

// unsavedSkip are fields never sent back in a page: secrets.
var unsavedSkip = map[string]bool{"password": true, "current": true, "new": true, "repeat": true, "code": true}

// serveUnsaved answers a save the database could not take (EUNAVAILABLE)
// with 503 and what was typed, in a form that posts it again — with the
// same token — where it went. It reports whether it did: only a logged-in
// user's URL-encoded form is kept this way; anything else gets the error
// page.
func (h *Handler) serveUnsaved(w http.ResponseWriter, r *http.Request, err error) bool {
	if r.Method != http.MethodPost || regie.ErrorCode(err) != regie.EUNAVAILABLE || len(r.PostForm) == 0 {
		return false
	}
	if rs := sessionFrom(r.Context()); rs == nil || !rs.session.MFA {
		return false
	}
	p := keptPage{Action: r.URL.Path, Unavailable: true}
	names := make([]string, 0, len(r.PostForm))
	for n := range r.PostForm {
		if !unsavedSkip[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		for _, v := range r.PostForm[n] {
			f := keptField{Name: n, Label: regie.FieldLabel(n), Value: v}
			p.Fields = append(p.Fields, f)
			if strings.TrimSpace(v) != "" && f.Label != "" {
				p.Shown = append(p.Shown, f)
			}
		}
	}
	w.Header().Set("Retry-After", "30")
	h.render(w, r, http.StatusServiceUnavailable, "kept_form", &view{Title: "Wat u typte is bewaard", Page: p})
	return true
}
