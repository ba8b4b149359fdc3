package ui_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestBadInput_NeverA500: a malformed percent-encoding, a NUL character,
// bytes that are not UTF-8, a text over the maximum and thousands of
// repeated parameters each get a Dutch answer of 400 or 422 — never a 500
// — and nothing is saved. The check runs before any handler or store
// call, so SQLite and PostgreSQL answer alike (PostgreSQL would refuse
// the NUL with an error, SQLite would store it).
func TestBadInput_NeverA500(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	members := func() int {
		t.Helper()
		f, err := e.store.FindFamilyByID(storetest.As(e.f.Casemanager), fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(f.Members)
	}
	before := members()
	// raw sends body as it is, not encoded again, as the casemanager.
	raw := func(method, path, body string) response {
		t.Helper()
		req := e.request(method, path, nil)
		if body != "" {
			req = e.request(method, path, url.Values{})
			req.Body = io.NopCloser(strings.NewReader(body))
			req.ContentLength = int64(len(body))
		}
		req.Header.Set("Cookie", "__Host-regie="+token)
		return e.send(req)
	}
	addMember := fmt.Sprintf("/gezinnen/%d/leden", fam.ID)
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"malformed escape in a form", http.MethodPost, addMember, "given_name=%zz&family_name=Jansen", http.StatusBadRequest, "Het verzoek kon niet gelezen worden"},
		{"malformed escape in a query", http.MethodGet, "/gezinnen?q=%zz", "", http.StatusBadRequest, "Ongeldig verzoek"},
		{"a NUL in a name", http.MethodPost, addMember, "given_name=An%00na&family_name=Jansen&relation=kind&birth_date=2015-01-01", http.StatusUnprocessableEntity, "‘Voornaam’ bevat tekens die regie niet kan opslaan"},
		{"not UTF-8 in a name", http.MethodPost, addMember, "given_name=%ffAnna&family_name=Jansen&relation=kind&birth_date=2015-01-01", http.StatusUnprocessableEntity, "Niet opgeslagen"},
		{"not UTF-8 in a search", http.MethodGet, "/gezinnen?q=%c3", "", http.StatusUnprocessableEntity, "Niet opgeslagen"},
		{"a name of 10,001 characters", http.MethodPost, addMember, "given_name=" + strings.Repeat("a", regie.MaxTextLen+1) + "&family_name=Jansen&relation=kind&birth_date=2015-01-01", http.StatusUnprocessableEntity, "te lang"},
		{"20,000 repeated parameters", http.MethodPost, addMember, strings.Repeat("x=1&", 20000) + "given_name=Anna", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := raw(tc.method, tc.path, tc.body)
			if r.status >= 500 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if tc.status == 0 {
				if r.status != http.StatusBadRequest && r.status != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 400 or 422", r.status)
				}
				return
			}
			if r.status != tc.status || !strings.Contains(r.body, tc.want) {
				t.Fatalf("status %d, want %d with %q; body:\n%s", r.status, tc.status, tc.want, r.body)
			}
		})
	}
	if after := members(); after != before {
		t.Fatalf("the family has %d members after the refused posts, had %d", after, before)
	}
	// The same form with good input is saved, so the refusals above were
	// about the bytes, not the form.
	r := raw(http.MethodPost, addMember, "given_name=Anna&family_name=Jansen&relation=kind&birth_date=2015-01-01")
	if r.status != http.StatusSeeOther {
		t.Fatalf("the good form: status %d", r.status)
	}
	if after := members(); after != before+1 {
		t.Fatalf("the good form added %d members", after-before)
	}
}
