package regie

import (
	"net/mail"
	"sort"
	"strings"
	"unicode/utf8"
)

// Validation collects what is wrong with an input, per field, so a form can
// come back with every problem marked at once instead of one at a time.
type Validation struct {
	fields map[string]string
}

// Add records a problem with a field. The first problem per field wins.
func (v *Validation) Add(field string, m Msg, args ...any) {
	if v.fields == nil {
		v.fields = make(map[string]string)
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = Text(m, args...)
	}
}

// Has reports whether field already has a problem.
func (v *Validation) Has(field string) bool {
	_, ok := v.fields[field]
	return ok
}

// Required adds MsgRequired when value is blank.
func (v *Validation) Required(field, value string) bool {
	if strings.TrimSpace(value) == "" {
		v.Add(field, MsgRequired)
		return false
	}
	return true
}

// MaxLen adds MsgTooLong when value has more than n characters.
func (v *Validation) MaxLen(field, value string, n int) {
	if utf8.RuneCountInString(value) > n {
		v.Add(field, MsgTooLong, n)
	}
}

// Email adds MsgEmailInvalid when value is not a plain e-mail address.
func (v *Validation) Email(field, value string) {
	if !v.Required(field, value) {
		return
	}
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value || !strings.Contains(value, ".") {
		v.Add(field, MsgEmailInvalid)
	}
}

// Err returns nil when nothing was added, else an EINVALID *Error that
// carries every field message.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: Text(MsgCheckFields), Fields: v.fields}
}

// MaxTextLen bounds every text a form or a query may send, whatever the
// field: the fields' own rules (MaxLen) are stricter where they know
// better. A plan's longest text or a contact's note fits well within it.
const MaxTextLen = 10000

// ValidateValues refuses, for every field of a form or query, what no
// database may store or no field needs: a NUL character or bytes that are
// not valid UTF-8 (PostgreSQL refuses both, SQLite would store them
// silently), and a text longer than MaxTextLen. The answer is the same on
// both databases: EINVALID naming the fields.
func ValidateValues(values map[string][]string) error {
	var v Validation
	for name, vals := range values {
		for _, s := range vals {
			if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
				v.Add("", MsgUnstorable)
				continue
			}
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				v.Add(name, MsgUnstorable)
			}
			v.MaxLen(name, s, MaxTextLen)
		}
	}
	if len(v.fields) == 0 {
		return nil
	}
	names := make([]string, 0, len(v.fields))
	for name := range v.fields {
		if name == "" {
			continue
		}
		if label := FieldLabel(name); label != "" {
			name = "‘" + label + "’"
		}
		names = append(names, name)
	}
	sort.Strings(names)
	what := "een veld bevat tekens die regie niet kan opslaan, of is te lang"
	switch len(names) {
	case 0:
	case 1:
		what = names[0] + " bevat tekens die regie niet kan opslaan, of is te lang"
	default:
		what = strings.Join(names, ", ") + " bevatten tekens die regie niet kan opslaan, of zijn te lang"
	}
	return &Error{Code: EINVALID, Message: Text(MsgUnstorableForm, what), Fields: v.fields}
}

// Clean trims surrounding white space; every free-text input passes through
// it before validation so " " never counts as filled in.
func Clean(s string) string { return strings.TrimSpace(s) }
