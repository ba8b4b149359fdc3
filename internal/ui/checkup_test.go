package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"regie"
)

// TestCheckups_ClosedFileFlow: on the closed file ("later"), three months
// on, the last coordinator finds the check-up on "Mijn gezinnen", records
// a worrying one on a phone-sized form, and starts the new referral with
// the page's one button; the team agenda shows both.
func TestCheckups_ClosedFileFlow(t *testing.T) {
	e := newEnv(t, envOptions{later: true})
	e.clock.Set(time.Date(2026, 6, 3, 10, 0, 0, 0, regie.Amsterdam)) // a Wednesday, the check-up after 3 months is a day late
	fam := e.f.FamAssigned
	cm := e.session(e.f.Casemanager)
	base := fmt.Sprintf("/gezinnen/%d/checkups", fam.ID)

	list := e.do(http.MethodGet, "/gezinnen", cm, nil)
	if list.status != http.StatusOK || !strings.Contains(list.body, `href="`+base+`"`) ||
		!strings.Contains(list.body, "De check-up na 3 maanden is aan de beurt sinds 2 juni 2026.") {
		t.Fatalf("Mijn gezinnen (%d) does not list the check-up:\n%.2000s", list.status, list.body)
	}
	if resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), cm, nil); resp.status != http.StatusNotFound {
		t.Errorf("the closed file opens for the last coordinator: %d", resp.status)
	}

	form := e.do(http.MethodGet, base+"/nieuw", cm, nil)
	if form.status != http.StatusOK || !strings.Contains(form.body, `name="family_doing"`) || !strings.Contains(form.body, "Ernstige zorgen") {
		t.Fatalf("form %d", form.status)
	}
	bad := e.do(http.MethodPost, base, cm, url.Values{"checkup_on": {"2026-06-03"}, "family_doing": {"Het gaat slecht."}, "cooperation": {"Stil"},
		"assessment": {"zorgen"}})
	if bad.status != invalid || !strings.Contains(bad.body, regie.Text(regie.MsgCheckupSpokenWith)) || !strings.Contains(bad.body, "Het gaat slecht.") {
		t.Errorf("no one spoken to: %d, the form must come back with the message and what was typed", bad.status)
	}
	ok := e.do(http.MethodPost, base, cm, url.Values{"checkup_on": {"2026-06-03"}, "member": {fmt.Sprint(fam.Members[0].ID)},
		"org-0": {fmt.Sprint(e.f.Partner.ID)}, "org-0-name": {"Juf Anja"},
		"family_doing": {"De huur is twee maanden niet betaald."}, "cooperation": {"Het buurtteam is uit beeld."}, "assessment": {"zorgen"}})
	if ok.status != redirect || ok.header.Get("Location") != base {
		t.Fatalf("save: %d %s\n%.1500s", ok.status, ok.header.Get("Location"), ok.body)
	}
	page := e.do(http.MethodGet, base, cm, nil)
	if !strings.Contains(page.body, "Juf Anja, Basisschool De Regenboog") || !strings.Contains(page.body, "Nieuwe aanmelding voor het teamoverleg") {
		t.Fatalf("the check-ups page:\n%.3000s", page.body)
	}
	var cid int64
	if err := e.store.DB().QueryRow(`SELECT id FROM checkups WHERE family_id = $1`, fam.ID).Scan(&cid); err != nil {
		t.Fatal(err)
	}
	refer := e.do(http.MethodPost, fmt.Sprintf("%s/%d/aanmelding", base, cid), cm, url.Values{})
	if refer.status != redirect {
		t.Fatalf("refer: %d\n%.1500s", refer.status, refer.body)
	}
	again := e.do(http.MethodPost, fmt.Sprintf("%s/%d/aanmelding", base, cid), cm, url.Values{})
	if again.status != invalid || !strings.Contains(again.body, regie.Text(regie.MsgCheckupReferred)) {
		t.Errorf("a second referral: %d", again.status)
	}
	var refID, meeting int64
	var status string
	if err := e.store.DB().QueryRow(`SELECT id, status, meeting_id FROM referrals WHERE family_id = $1 ORDER BY id DESC LIMIT 1`, fam.ID).
		Scan(&refID, &status, &meeting); err != nil || status != "agenda" {
		t.Fatalf("referral %d %s: %v", refID, status, err)
	}

	lead := e.session(e.f.TeamLeader)
	agenda := e.do(http.MethodGet, "/teamoverleg/2026-06-08", lead, nil)
	if !strings.Contains(agenda.body, "Uitkomsten van check-ups") || !strings.Contains(agenda.body, fmt.Sprintf(`href="/aanmeldingen/%d"`, refID)) ||
		!strings.Contains(agenda.body, "De huur is twee maanden niet betaald.") {
		t.Errorf("the agenda:\n%.4000s", agenda.body)
	}
	// The decision page proposes the family's own file.
	decide := e.do(http.MethodGet, fmt.Sprintf("/aanmeldingen/%d/besluit", refID), lead, nil)
	if !strings.Contains(decide.body, fmt.Sprintf(`value="%d" checked`, fam.ID)) {
		t.Errorf("the decision does not propose the closed file:\n%.3000s", decide.body)
	}
	// Every step is in the family's log, the refused page too.
	var n int
	if err := e.store.DB().QueryRow(`SELECT count(*) FROM audit WHERE family_id = $1 AND segment = 'checkups' AND user_id = $2`,
		fam.ID, e.f.Casemanager.ID).Scan(&n); err != nil || n < 4 {
		t.Errorf("check-up rows in the log: %d (%v)", n, err)
	}
	if err := e.store.DB().QueryRow(`SELECT count(*) FROM audit WHERE family_id = $1 AND outcome = 'denied' AND user_id = $2`,
		fam.ID, e.f.Casemanager.ID).Scan(&n); err != nil || n == 0 {
		t.Errorf("the refused family page is not in the log: %d (%v)", n, err)
	}
}
