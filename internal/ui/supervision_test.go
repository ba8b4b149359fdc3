package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// offers reports whether a page links to or has a form posting to u.
func offers(t *testing.T, body, u string) bool {
	t.Helper()
	links, forms, err := parsePage(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l == u {
			return true
		}
	}
	for _, f := range forms {
		if f.action == u {
			return true
		}
	}
	return false
}

// TestSupervision_Pages: the team leader records a session from the
// worker's page, which shows the last session's agreements; the worker
// finds it under Mijn werkbegeleiding (in the menu); the privacy officer
// does not read it, and the refusal is in the access log.
func TestSupervision_Pages(t *testing.T) {
	e := newEnv(t)
	leader, worker := e.session(e.f.TeamLeader), e.session(e.f.Casemanager)
	page := fmt.Sprintf("/werkbegeleiding/%d", e.f.Casemanager.ID)

	r := e.do(http.MethodGet, "/werkbegeleiding", leader, nil)
	if r.status != http.StatusOK || !strings.Contains(visibleText(r.body), "Laatste gesprek 2 maart 2026") {
		t.Fatalf("the list: status %d\n%s", r.status, visibleText(r.body))
	}
	r = e.do(http.MethodGet, page, leader, nil)
	text := visibleText(r.body)
	if r.status != http.StatusOK || !strings.Contains(text, "Afspraken van het vorige gesprek") ||
		!strings.Contains(text, "Sanne plant een huisbezoek met de duo-partner") {
		t.Fatalf("the worker's page does not show the last agreements: status %d\n%s", r.status, text)
	}
	if !offers(t, r.body, page+"/gesprekken") {
		t.Fatal("the team leader is not offered the session form")
	}
	r = e.do(http.MethodPost, page+"/gesprekken", leader, url.Values{"session_on": {"2026-03-02"}, "leader_points": {"Verlof"},
		"agreements": {"Sanne vraagt verlof aan, deze week"}, "families": {fmt.Sprint(e.f.FamAssigned.ID)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("record a session: status %d\n%.500s", r.status, r.body)
	}
	session := r.header.Get("Location")
	if !strings.HasPrefix(session, page+"/gesprekken/") {
		t.Fatalf("redirect to %q", session)
	}
	// Nothing written: the form comes back with the message, what was
	// typed kept.
	r = e.do(http.MethodPost, page+"/gesprekken", leader, url.Values{"session_on": {"2026-03-02"}, "leader_points": {" "}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, regie.Text(regie.MsgSupervisionEmpty)) {
		t.Fatalf("an empty session: status %d", r.status)
	}

	// The worker: the menu item, the own page, the session without an
	// edit link.
	r = e.do(http.MethodGet, "/gezinnen", worker, nil)
	if !offers(t, r.body, "/werkbegeleiding/mijn") {
		t.Error("the casemanager's menu has no Mijn werkbegeleiding")
	}
	r = e.do(http.MethodGet, "/werkbegeleiding/mijn", worker, nil)
	if r.status != http.StatusOK || !strings.Contains(visibleText(r.body), "Sanne vraagt verlof aan, deze week") {
		t.Fatalf("own supervision: status %d\n%s", r.status, visibleText(r.body))
	}
	r = e.do(http.MethodGet, session, worker, nil)
	if r.status != http.StatusOK || offers(t, r.body, session+"/bewerken") {
		t.Fatalf("the worker's session: status %d, edit offered %v", r.status, offers(t, r.body, session+"/bewerken"))
	}
	r = e.do(http.MethodGet, "/gezinnen?overzicht=team", leader, nil)
	if offers(t, r.body, "/werkbegeleiding/mijn") {
		t.Error("the team leader's menu has Mijn werkbegeleiding")
	}

	// The privacy officer and the administrator do not read it; the log
	// has their attempt.
	for _, u := range []*regie.User{e.f.Privacy, e.f.Admin, e.f.Casemanager2} {
		if r := e.do(http.MethodGet, session, e.session(u), nil); r.status != http.StatusNotFound {
			t.Errorf("%s reads a session: status %d", u.Name, r.status)
		}
		var n int
		if err := e.store.DB().QueryRow(`SELECT count(*) FROM audit WHERE user_id = $1 AND segment = $2 AND outcome = $3`,
			u.ID, string(regie.SegSupervision), string(regie.OutcomeDenied)).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s: %d denied rows, %v", u.Name, n, err)
		}
	}
}

// TestPlanPage_Order: what the plan page offers follows the plan's order.
// A concept: the casemanager gets a note instead of the agree form, the
// team leader the discussion. A discussed draft: the agree form. Changed
// after the discussion: back to concept, with the note that says so.
func TestPlanPage_Order(t *testing.T) {
	e := newEnv(t)
	cm, tl := e.session(e.f.Casemanager), e.session(e.f.TeamLeader)
	concept := fmt.Sprintf("/gezinnen/%d/plan", e.f.FamAssigned.ID)
	discussed := fmt.Sprintf("/gezinnen/%d/plan", e.f.FamTeam.ID)

	r := e.do(http.MethodGet, concept, cm, nil)
	if offers(t, r.body, concept+"/2/vaststellen") || offers(t, r.body, concept+"/2/besproken") ||
		!strings.Contains(visibleText(r.body), "Vraag de teamleider de bespreking vast te leggen") {
		t.Errorf("casemanager on a concept:\n%s", visibleText(r.body))
	}
	r = e.do(http.MethodGet, concept, tl, nil)
	if offers(t, r.body, concept+"/2/vaststellen") || !offers(t, r.body, concept+"/2/besproken") {
		t.Error("team leader on a concept: want the discussion, not the agree form")
	}
	// Agreeing anyway: refused, with what to do.
	r = e.do(http.MethodPost, concept+"/2/vaststellen", cm, url.Values{"agreed_on": {"2026-03-02"}, "agreed_with": {"Sandra"}})
	if r.status != http.StatusConflict || !strings.Contains(r.body, regie.Text(regie.MsgPlanNotDiscussed)) {
		t.Errorf("agree a concept: status %d", r.status)
	}

	r = e.do(http.MethodGet, discussed, tl, nil)
	if !offers(t, r.body, discussed+"/2/vaststellen") || offers(t, r.body, discussed+"/2/besproken") {
		t.Error("team leader on a discussed draft: want the agree form, not the discussion")
	}
	// Changed after the discussion: back to concept, with the note.
	o, err := e.store.FindPlan(storetest.As(e.f.TeamLeader), e.f.FamTeam.ID)
	if err != nil {
		t.Fatal(err)
	}
	r = e.do(http.MethodPost, discussed+"/2", tl, url.Values{"situation": {"Rustiger"}, "goal_rows": {"0"}, "agreement_rows": {"0"},
		"revision": {fmt.Sprint(o.Current.Revision)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("save the discussed draft: status %d\n%.500s", r.status, r.body)
	}
	r = e.do(http.MethodGet, discussed, tl, nil)
	if !strings.Contains(visibleText(r.body), "Gewijzigd na bespreking: opnieuw bespreken in het teamoverleg") ||
		offers(t, r.body, discussed+"/2/vaststellen") || !offers(t, r.body, discussed+"/2/besproken") {
		t.Errorf("after the change:\n%s", visibleText(r.body))
	}
}
