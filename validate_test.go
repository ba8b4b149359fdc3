package regie_test

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"regie"
)

func TestValidateValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values url.Values
		fields []string // the fields refused; none for nil
	}{
		{"ordinary Dutch text", url.Values{"note": {"Moeder zegt: “het gaat beter” — € 20 gespaard."}, "email": {"a@b.nl"}}, nil},
		{"a NUL character", url.Values{"note": {"a\x00b"}}, []string{"note"}},
		{"invalid UTF-8", url.Values{"email": {"\xffa@b.nl"}}, []string{"email"}},
		{"just too long", url.Values{"note": {strings.Repeat("é", regie.MaxTextLen+1)}}, []string{"note"}},
		{"as long as allowed", url.Values{"note": {strings.Repeat("é", regie.MaxTextLen)}}, nil},
		{"two fields and a good one", url.Values{"a": {"x\x00"}, "b": {"\xc3"}, "c": {"goed"}}, []string{"a", "b"}},
		{"a bad field name", url.Values{"x\xff": {"goed"}}, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := regie.ValidateValues(tc.values)
			if len(tc.fields) == 0 {
				if err != nil {
					t.Fatalf("ValidateValues = %v, want nil", err)
				}
				return
			}
			if regie.ErrorCode(err) != regie.EINVALID {
				t.Fatalf("ValidateValues = %v, want EINVALID", err)
			}
			got := regie.ErrorFields(err)
			if len(got) != len(tc.fields) {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
			for _, f := range tc.fields {
				if got[f] == "" {
					t.Errorf("field %q not marked: %v", f, got)
				}
			}
			if msg := regie.ErrorMessage(err); !strings.HasPrefix(msg, "Niet opgeslagen: ") {
				t.Errorf("message %q", msg)
			}
		})
	}
	// A field with a Dutch label is named by it.
	err := regie.ValidateValues(url.Values{"email": {"a\x00"}})
	if msg := regie.ErrorMessage(err); !strings.Contains(msg, "‘E-mailadres’") {
		t.Errorf("message %q does not name the field by its label", msg)
	}
}

// FuzzValidateValues: whatever a query or form holds, ValidateValues
// never panics and lets a value through exactly when a database can store
// it and it is not too long.
func FuzzValidateValues(f *testing.F) {
	for _, s := range []string{"note=goed", "a=%00", "a=%ff%fe", "a=1&a=2&b=%c3%a9", "%zz", strings.Repeat("x=1&", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		values, err := url.ParseQuery(raw)
		if err != nil {
			return // refused earlier, as EBADREQUEST
		}
		storable := true
		for name, vals := range values {
			for _, v := range vals {
				for _, s := range []string{name, v} {
					if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
						storable = false
					}
				}
				if utf8.RuneCountInString(v) > regie.MaxTextLen {
					storable = false
				}
			}
		}
		err = regie.ValidateValues(values)
		if (err == nil) != storable {
			t.Fatalf("ValidateValues(%q) = %v, storable %v", raw, err, storable)
		}
		if err != nil && regie.ErrorCode(err) != regie.EINVALID {
			t.Fatalf("code %q, want EINVALID", regie.ErrorCode(err))
		}
	})
}
