package ui_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"regie"
)

// TestWorklistPage: the casemanager's werkbak names the family with its
// dossier number and links each item to where it is done; what is late
// comes under "Te laat" once the agreements' days have passed.
func TestWorklistPage(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned
	token := e.session(e.f.Casemanager)
	r := e.do(http.MethodGet, "/werkbak", token, nil)
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	for _, want := range []string{fam.HouseholdName, regie.DossierNumber(fam.ID), fmt.Sprintf(`href="/gezinnen/%d/fase"`, fam.ID),
		`aria-current="page">Werkbak`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the werkbak lacks %q", want)
		}
	}
	// Two months on (a new database: a session lasts a day at most).
	e = newEnv(t)
	e.clock.Advance(60 * 24 * time.Hour)
	r = e.do(http.MethodGet, "/werkbak", e.session(e.f.Casemanager), nil)
	if !strings.Contains(r.body, "Te laat") || !strings.Contains(r.body, fmt.Sprintf(`href="/gezinnen/%d/plan"`, fam.ID)) {
		t.Errorf("two months on, nothing late with a link to the plan:\n%.2000s", r.body)
	}
	if strings.Contains(r.body, e.f.FamTeam.HouseholdName) {
		t.Error("the werkbak shows a family of another casemanager")
	}
}

// TestThisMeeting_NextOnceItHasPassed: on the meeting's day the menu opens
// it; the day after, next week's.
func TestThisMeeting_NextOnceItHasPassed(t *testing.T) {
	e := newEnv(t) // Monday 2 March 2026
	token := e.session(e.f.TeamLeader)
	if r := e.do(http.MethodGet, "/teamoverleg", token, nil); r.header.Get("Location") != "/teamoverleg/2026-03-02" {
		t.Errorf("on the Monday: to %q", r.header.Get("Location"))
	}
	e.clock.Advance(24 * time.Hour)
	token = e.session(e.f.Casemanager)
	if r := e.do(http.MethodGet, "/teamoverleg", token, nil); r.header.Get("Location") != "/teamoverleg/2026-03-09" {
		t.Errorf("on the Tuesday: to %q", r.header.Get("Location"))
	}
}
