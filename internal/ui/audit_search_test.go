package ui_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestAuditSearch_NeedsAName: one letter is not a search; the form comes
// back with the field's error in Dutch and what was typed.
func TestAuditSearch_NeedsAName(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Privacy)
	r := e.do(http.MethodGet, "/toegangslog?q=+J+", token, nil)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.status)
	}
	for _, want := range []string{"ten minste twee letters", `aria-invalid="true"`, `name="q" type="search" value="J"`, "error-summary"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if r := e.do(http.MethodGet, "/toegangslog?q=Jansen", token, nil); r.status != http.StatusOK || !strings.Contains(r.body, e.f.FamAssigned.HouseholdName) {
		t.Fatalf("search by name: status %d", r.status)
	}
}
