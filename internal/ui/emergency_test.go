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

// TestEmergency_Flow: a casemanager finds a family of the team on the
// denied page, asks for break-glass access (a bad form comes back with
// what was typed), reads the family under the banner until the clock
// ends it; the coordinator's and the team leader's pages tell of it; the
// privacy officer reviews it with its audit rows.
func TestEmergency_Flow(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamTeam
	cm := e.session(e.f.YouthWorker) // the fixture's casemanager has an access to FamTeam already
	page := fmt.Sprintf("/gezinnen/%d", fam.ID)
	form := page + "/noodtoegang"

	denied := e.do(http.MethodGet, page, cm, nil)
	if denied.status != http.StatusNotFound || !strings.Contains(denied.body, `href="`+form+`"`) || strings.Contains(denied.body, fam.HouseholdName) {
		t.Fatalf("denied page %d: want 404 with the offer and no name\n%.2000s", denied.status, denied.body)
	}
	// The same page, offer included, for another team's family and a
	// missing one: nothing tells them apart.
	other := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", e.f.FamOther.ID), cm, nil)
	missing := e.do(http.MethodGet, "/gezinnen/999999", cm, nil)
	strip := func(b string, id int64) string {
		return strings.ReplaceAll(withoutTokens(b), fmt.Sprintf("/gezinnen/%d/", id), "/gezinnen/ID/")
	}
	if strip(other.body, e.f.FamOther.ID) != strip(denied.body, fam.ID) || strip(missing.body, 999999) != strip(denied.body, fam.ID) {
		t.Errorf("the denied pages differ between the team's family, another team's and a missing one")
	}
	if resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/noodtoegang", e.f.FamOther.ID), cm, nil); resp.status != http.StatusNotFound ||
		strings.Contains(resp.body, e.f.FamOther.HouseholdName) {
		t.Errorf("another team's family's form: %d", resp.status)
	}
	// A partner's denied page offers nothing.
	if resp := e.do(http.MethodGet, page, e.session(e.f.Partner1), nil); strings.Contains(resp.body, "noodtoegang") {
		t.Errorf("a partner is offered break-glass")
	}

	f := e.do(http.MethodGet, form, cm, nil)
	if f.status != http.StatusOK || !strings.Contains(f.body, fam.HouseholdName) || !strings.Contains(f.body, "Acute onveiligheid") {
		t.Fatalf("form %d\n%.2000s", f.status, f.body)
	}
	bad := e.do(http.MethodPost, form, cm, url.Values{"reason": {"acuut_onveilig"}, "explanation": {"Kort verhaal"}})
	if bad.status != invalid || !strings.Contains(bad.body, "ten minste 20 tekens") || !strings.Contains(bad.body, "Kort verhaal") ||
		!strings.Contains(bad.body, regie.Text(regie.MsgEmergencyConfirm)) || !strings.Contains(bad.body, `value="acuut_onveilig" checked`) {
		t.Fatalf("bad form %d\n%.3000s", bad.status, bad.body)
	}
	good := e.do(http.MethodPost, form, cm, url.Values{"reason": {"acuut_onveilig"}, "confirm": {"1"},
		"explanation": {"Politie belt: melding huiselijk geweld, regisseur met verlof, duo niet bereikbaar."}})
	if good.status != redirect || good.header.Get("Location") != page {
		t.Fatalf("start: %d %s", good.status, good.header.Get("Location"))
	}
	until := e.clock.Now().Add(regie.EmergencyAccessDuration).In(regie.Amsterdam).Format("15:04")
	open := e.do(http.MethodGet, page, cm, nil)
	if open.status != http.StatusOK || !strings.Contains(open.body, "U gebruikt noodtoegang tot "+until+"; alles wordt vastgelegd.") {
		t.Fatalf("family under break-glass %d\n%.2000s", open.status, open.body)
	}
	if strings.Contains(open.body, "/contacten/nieuw") || strings.Contains(open.body, "/bewerken") {
		t.Errorf("the page offers writing under break-glass")
	}
	if again := e.do(http.MethodGet, form, cm, nil); again.status != redirect || again.header.Get("Location") != page {
		t.Errorf("the form while the access runs: %d %s", again.status, again.header.Get("Location"))
	}

	// The team leader is told on the start page, and sees it at the family.
	lead := e.session(e.f.TeamLeader)
	list := e.do(http.MethodGet, "/gezinnen?overzicht=team", lead, nil)
	if !strings.Contains(list.body, "Noodtoegang tot gezinnen van het team") || !strings.Contains(list.body, e.f.YouthWorker.Name) {
		t.Fatalf("the team leader's start page does not tell:\n%.3000s", list.body)
	}
	lp := e.do(http.MethodGet, page, lead, nil)
	if !strings.Contains(lp.body, "Noodtoegang tot dit gezin") || !strings.Contains(lp.body, "Politie belt") || !strings.Contains(lp.body, "Wacht op beoordeling") {
		t.Fatalf("the family page does not list the access:\n%.3000s", lp.body)
	}
	if list := e.do(http.MethodGet, "/gezinnen?overzicht=team", lead, nil); strings.Contains(list.body, "Noodtoegang tot gezinnen van het team") {
		t.Errorf("still told after seeing it at the family")
	}

	// The clock ends it (in steps that keep the sessions from going idle).
	for range int(regie.EmergencyAccessDuration / (20 * time.Minute)) {
		e.clock.Advance(20 * time.Minute)
		e.do(http.MethodGet, "/account", cm, nil)
		e.do(http.MethodGet, "/account", lead, nil)
	}
	if resp := e.do(http.MethodGet, page, cm, nil); resp.status != http.StatusNotFound {
		t.Fatalf("after the end: %d", resp.status)
	}

	// The privacy officer's list and review.
	po := e.session(e.f.Privacy)
	start := e.do(http.MethodGet, "/toegangslog", po, nil)
	if !strings.Contains(start.body, "2 noodtoegangen wachten op uw beoordeling") || !strings.Contains(start.body, `href="/noodtoegang"`) {
		t.Errorf("the privacy officer's start page:\n%.2000s", start.body)
	}
	reviews := e.do(http.MethodGet, "/noodtoegang", po, nil)
	var id int64
	if err := e.store.DB().QueryRow(`SELECT id FROM emergency_accesses WHERE user_id = $1`, e.f.YouthWorker.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if reviews.status != http.StatusOK || !strings.Contains(reviews.body, fmt.Sprintf(`href="/noodtoegang/%d"`, id)) {
		t.Fatalf("reviews %d\n%.2000s", reviews.status, reviews.body)
	}
	rp := e.do(http.MethodGet, fmt.Sprintf("/noodtoegang/%d", id), po, nil)
	if !strings.Contains(rp.body, fmt.Sprintf("noodtoegang %d: Acute onveiligheid", id)) || !strings.Contains(rp.body, "Politie belt") ||
		!strings.Contains(rp.body, fmt.Sprintf(`href="/toegangslog/gezinnen/%d"`, fam.ID)) {
		t.Fatalf("the review page lacks the access's audit rows:\n%.4000s", rp.body)
	}
	if strings.Contains(rp.body, fam.Members[0].GivenName) {
		t.Errorf("the review page shows family content")
	}
	noNote := e.do(http.MethodPost, fmt.Sprintf("/noodtoegang/%d", id), po, url.Values{"verdict": {"niet_gerechtvaardigd"}})
	if noNote.status != invalid || !strings.Contains(noNote.body, `value="niet_gerechtvaardigd" checked`) {
		t.Fatalf("unjustified without a note: %d", noNote.status)
	}
	done := e.do(http.MethodPost, fmt.Sprintf("/noodtoegang/%d", id), po, url.Values{"verdict": {"gerechtvaardigd"}, "note": {"Terecht."}})
	if done.status != redirect || done.header.Get("Location") != "/noodtoegang" {
		t.Fatalf("review: %d", done.status)
	}
	if twice := e.do(http.MethodPost, fmt.Sprintf("/noodtoegang/%d", id), po, url.Values{"verdict": {"gerechtvaardigd"}}); twice.status != invalid ||
		!strings.Contains(twice.body, regie.Text(regie.MsgEmergencyReviewed)) {
		t.Errorf("a second review: %d", twice.status)
	}
	lp = e.do(http.MethodGet, page, lead, nil)
	if !strings.Contains(lp.body, "Beoordeeld door de privacy officer: gerechtvaardigd — Terecht.") {
		t.Errorf("the family page does not show the verdict")
	}
}

// TestEmergency_DossierNumber: "Mijn gezinnen" takes a dossier number to
// its family's form; a number that is no family answers not found.
func TestEmergency_DossierNumber(t *testing.T) {
	e := newEnv(t)
	yw := e.session(e.f.YouthWorker)
	mine := e.do(http.MethodGet, "/gezinnen", yw, nil)
	if !strings.Contains(mine.body, `href="/gezinnen/noodtoegang"`) {
		t.Fatalf("Mijn gezinnen offers no break-glass entry")
	}
	resp := e.do(http.MethodGet, "/gezinnen/noodtoegang?dossier="+url.QueryEscape(regie.DossierNumber(e.f.FamTeam.ID)), yw, nil)
	if want := fmt.Sprintf("/gezinnen/%d/noodtoegang", e.f.FamTeam.ID); resp.status != redirect || resp.header.Get("Location") != want {
		t.Fatalf("dossier number: %d %s", resp.status, resp.header.Get("Location"))
	}
	if resp := e.do(http.MethodGet, "/gezinnen/noodtoegang?dossier=abc", yw, nil); resp.status != invalid || !strings.Contains(resp.body, regie.Text(regie.MsgDossierNumberInvalid)) || !strings.Contains(resp.body, `value="abc"`) {
		t.Errorf("no number: %d", resp.status)
	}
	lead := e.session(e.f.TeamLeader)
	if mine := e.do(http.MethodGet, "/gezinnen", lead, nil); strings.Contains(mine.body, `href="/gezinnen/noodtoegang"`) {
		t.Errorf("the team leader is offered break-glass")
	}
}
