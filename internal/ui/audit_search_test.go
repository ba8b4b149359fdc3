package ui_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
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

// TestFamilyAuditLog_ShowsTheListsThatShowedIt: after a casemanager opens
// Mijn gezinnen and the team leader the meeting's agenda, the privacy
// officer's log of a family they showed has both.
func TestFamilyAuditLog_ShowsTheListsThatShowedIt(t *testing.T) {
	e := newEnv(t)
	e.clock.Advance(20 * 24 * time.Hour) // no contact for 20 days: on the agenda
	if r := e.do(http.MethodGet, "/gezinnen", e.session(e.f.Casemanager), nil); r.status != http.StatusOK {
		t.Fatalf("Mijn gezinnen: status %d", r.status)
	}
	if r := e.do(http.MethodGet, "/teamoverleg/2026-03-23", e.session(e.f.TeamLeader), nil); r.status != http.StatusOK ||
		!strings.Contains(r.body, e.f.FamAssigned.HouseholdName) {
		t.Fatalf("agenda: status %d, or without the family", r.status)
	}
	r := e.do(http.MethodGet, fmt.Sprintf("/toegangslog/gezinnen/%d", e.f.FamAssigned.ID), e.session(e.f.Privacy), nil)
	if r.status != http.StatusOK {
		t.Fatalf("family log: status %d", r.status)
	}
	for _, want := range []string{"Inzien · Gezinnenlijst", "mijn gezinnen: 1 gezinnen", e.f.Casemanager.Name,
		"Inzien · Teamoverleg", "agenda van het teamoverleg", e.f.TeamLeader.Name} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the family's log lacks %q", want)
		}
	}
}
