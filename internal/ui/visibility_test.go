package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
)

// formActions returns the actions of the page's POST forms.
func formActions(t *testing.T, body string) map[string]bool {
	t.Helper()
	_, forms, err := parsePage(body)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, f := range forms {
		if f.method == http.MethodPost {
			out[f.action] = true
		}
	}
	return out
}

// TestPartners_WhoSeesWhatAndPickUp: the coordinator finds "wie kan wat
// zien" from the family page — the organisation, what it sees, until
// when, on which consent, who of it logs in — with the partner's open
// report; a pick-up without a note comes back with the message at the
// field, with a note it is recorded and shown. The youth worker has
// neither the link nor the page.
func TestPartners_WhoSeesWhatAndPickUp(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	page := fmt.Sprintf("/gezinnen/%d/partners", fam.ID)
	r := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), token, nil)
	body := html.UnescapeString(r.body)
	if r.status != http.StatusOK || !strings.Contains(body, `href="`+page+`"`) || !strings.Contains(body, "1 melding van stagnatie nog niet opgepakt") ||
		!strings.Contains(body, regie.Text(regie.MsgSignalStagnation, "2 maart 2026")) {
		t.Fatalf("family page: %d, without the link, the open report or the signal", r.status)
	}

	// Kevin's own consent (the fixture's: with his mother, he is 13) is
	// shown for what it shares, linked to his consents' page.
	r = e.do(http.MethodGet, page, token, nil)
	body = html.UnescapeString(r.body)
	if r.status != http.StatusOK {
		t.Fatalf("page: %d", r.status)
	}
	for _, want := range []string{"Toestemming van jongeren", fmt.Sprintf(`<a href="/gezinnen/%d/jeugd/%d/toestemming">Kevin Jansen</a> (13 jaar), getekend 2 maart 2026`, fam.ID, fam.Members[1].ID), "getekend door de jongere en Sandra Jansen",
		"Gedeeld met: de regisseur", e.f.Partner.Name, "Hulpverleningsplan: doelen en afspraken", "tot intrekking", "verklaring van 2 maart 2026",
		e.f.Partner1.Name, "Moeder komt de afspraken niet na.", "nog niet opgepakt", "Geen verklaring is verlopen of ingetrokken."} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(body, e.f.Referrer.Name) {
		t.Error("a referrer of the organisation is named as someone who can see the family")
	}
	rid := template.stagnations[fam.ID]
	action := fmt.Sprintf("/gezinnen/%d/stagnatie/%d/opgepakt", fam.ID, rid)
	if !formActions(t, r.body)[action] {
		t.Fatalf("no pick-up form %s", action)
	}

	field := fmt.Sprintf("stagnation-%d", rid)
	r = e.do(http.MethodPost, action, token, url.Values{field: {"  "}})
	body = html.UnescapeString(r.body)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(body, regie.Text(regie.MsgRequired)) ||
		!strings.Contains(body, `id="f-`+field+`-error"`) || !strings.Contains(body, `href="#f-`+field+`"`) {
		t.Fatalf("blank note: %d, no message at the field", r.status)
	}
	r = e.do(http.MethodPost, action, token, url.Values{field: {"Huisbezoek gepland voor donderdag."}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != page+"#stagnatie" {
		t.Fatalf("pick-up: %d %s", r.status, r.header.Get("Location"))
	}
	r = e.do(http.MethodGet, page, token, nil)
	body = html.UnescapeString(r.body)
	if !strings.Contains(body, "Opgepakt door "+e.f.Casemanager.Name) || !strings.Contains(body, "Huisbezoek gepland voor donderdag.") ||
		formActions(t, r.body)[action] {
		t.Error("the picked-up report is not shown as such, or still offers the form")
	}
	if r := e.do(http.MethodPost, action, token, url.Values{field: {"Nog eens"}}); r.status != http.StatusConflict ||
		!strings.Contains(html.UnescapeString(r.body), regie.Text(regie.MsgStagnationHandled)) {
		t.Errorf("picked up twice: %d", r.status)
	}

	yw := e.session(e.f.YouthWorker)
	if r := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), yw, nil); r.status != http.StatusOK || strings.Contains(r.body, `href="`+page+`"`) {
		t.Errorf("youth worker's family page: %d, offers who sees what", r.status)
	}
	if r := e.do(http.MethodGet, page, yw, nil); r.status != http.StatusNotFound {
		t.Errorf("youth worker opens who sees what: %d", r.status)
	}
}

// TestStagnation_WerkbakAndAgenda: the coordinator's werkbak links the
// open report to where it is picked up; the agenda lists the team's
// reports (not another team's) with the team leader's "besproken", which
// records a decision and takes the report off the list.
func TestStagnation_WerkbakAndAgenda(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned
	cm := e.session(e.f.Casemanager)
	r := e.do(http.MethodGet, "/werkbak", cm, nil)
	if link := fmt.Sprintf("/gezinnen/%d/partners#stagnatie", fam.ID); r.status != http.StatusOK || !strings.Contains(r.body, link) ||
		!strings.Contains(html.UnescapeString(r.body), "Stagnatie gemeld door "+e.f.Partner.Name) {
		t.Fatalf("werkbak: %d, without the report", r.status)
	}

	lead := e.session(e.f.TeamLeader)
	r = e.do(http.MethodGet, "/teamoverleg/2026-03-02", lead, nil)
	body := html.UnescapeString(r.body)
	action := fmt.Sprintf("/gezinnen/%d/stagnatie/%d/besproken", fam.ID, template.stagnations[fam.ID])
	other := fmt.Sprintf("/gezinnen/%d/stagnatie/%d/besproken", e.f.FamOther.ID, template.stagnations[e.f.FamOther.ID])
	actions := formActions(t, r.body)
	if r.status != http.StatusOK || !strings.Contains(body, "Stagnatie gemeld door netwerkpartners") || !actions[action] || actions[other] ||
		strings.Contains(body, e.f.FamOther.HouseholdName) {
		t.Fatalf("agenda: %d; section, own button or another team's report wrong", r.status)
	}
	if r := e.do(http.MethodGet, "/teamoverleg/2026-03-02", cm, nil); formActions(t, r.body)[action] {
		t.Error("a casemanager is offered the team leader's button")
	}
	if r := e.do(http.MethodGet, "/teamoverleg/2026-03-02/afdrukken", lead, nil); !strings.Contains(html.UnescapeString(r.body), "Stagnatie gemeld door netwerkpartners:") {
		t.Error("the printed agenda lacks the reports")
	}
	r = e.do(http.MethodPost, action, lead, nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/teamoverleg#stagnatie" {
		t.Fatalf("besproken: %d %s", r.status, r.header.Get("Location"))
	}
	r = e.do(http.MethodGet, "/teamoverleg/2026-03-02", lead, nil)
	if formActions(t, r.body)[action] || !strings.Contains(html.UnescapeString(r.body), regie.Text(regie.MsgStagnationDecision, e.f.Partner.Name, "2 maart 2026")) {
		t.Error("the discussed report is still on the list, or not in the minutes")
	}
}
