package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"regie/internal/demo"
)

// TestBrowser_InformalNetwork: the informal network of a demo family in
// phase 5 — the page, adding someone (first with the errors), changing and
// ending someone, and the network meeting form offering them as attendee
// and as owner next to the organisations — passes axe and fits a phone; a
// partner finds no such page.
func TestBrowser_InformalNetwork(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "netwerk-")
	m := startRegieForBrowser(t, true)
	tl := newBrowserTab(t, browser, m.Server.URL(), "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	pinas := evalJS[string](tl, `(Array.from(document.querySelectorAll('ul.list a.title')).find(a => a.textContent.trim() === 'Gezin Pinas') || {}).pathname || ''`)
	if pinas == "" {
		tl.fatal("find Gezin Pinas", fmt.Errorf("not on the team's list"))
	}

	tl.open(pinas, http.StatusOK)
	tl.press(`#h-coordinatie + ul a[href$="/netwerk"]`, http.StatusOK)
	tl.wantText("#h-betrokken + ul", "Coach Ricardo")
	tl.wantText("#h-eerder + p + ul", "Buurman Frits")
	check(tl, "lijst")

	tl.typeNew("#f-note", "Woont om de hoek")
	tl.press(`form[action$="/netwerk"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Relatie tot het gezin")
	tl.wantValue("#f-note", "Woont om de hoek")
	check(tl, "toevoegen-fouten")
	tl.typeNew("#f-name", "Opa Lucien")
	tl.choose("#f-network_relation", "Groot", "Grootouder")
	tl.press(`form[action$="/netwerk"] button[type=submit]`, http.StatusOK)
	tl.wantText(".flash", "opgeslagen")
	tl.wantText("#h-betrokken + ul", "Opa Lucien")

	tl.press(`#h-betrokken + ul li:first-child a`, http.StatusOK)
	tl.wantPath(`/gezinnen/\d+/netwerk/\d+$`)
	check(tl, "persoon")
	tl.typeDate("#f-ended_on", "2099-01-01")
	tl.press(`form[action$="/beeindigen"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "toekomst")
	check(tl, "beeindigen-fouten")

	tl.open(pinas+"/netwerkoverleg/nieuw", http.StatusOK)
	tl.wantText("#f-attendees", "Tante Gloria (oom of tante) — informeel netwerk")
	owners := evalJS[string](tl, `Array.from(document.querySelectorAll('#f-agreement-0-who optgroup')).map(g => g.label + ': ' +
		Array.from(g.children).map(o => o.text).join(', ')).join(' | ')`)
	for _, want := range []string{"Informeel netwerk: Coach Ricardo (sportcoach of trainer), Opa Lucien (grootouder)", "GGZ Utrecht Noord (demo)",
		"Gezin: Marcia Pinas"} {
		if !strings.Contains(owners, want) {
			tl.fatal("read the owners", fmt.Errorf("%q lacks %q", owners, want))
		}
	}
	if strings.Contains(owners, "Buurman Frits") {
		tl.fatal("read the owners", fmt.Errorf("an ended person is offered: %q", owners))
	}
	check(tl, "netwerkoverleg-nieuw")
	// The meetings held name the informal network and the GGZ.
	tl.open(pinas+"/netwerkoverleg", http.StatusOK)
	meeting := evalJS[string](tl, `Array.from(document.querySelectorAll('#h-overleggen + ul a')).pop().pathname`)
	tl.open(meeting, http.StatusOK)
	tl.wantText("#h-wie + ul", "Buurman Frits (netwerk)")
	tl.wantText("#h-afspraken + .table-wrap", "GGZ Utrecht Noord (demo)")
	check(tl, "netwerkoverleg-verslag")

	partner := newBrowserTab(t, browser, m.Server.URL(), "netwerkpartner")
	partner.logIn("partner@demo.regie.nl", demo.Password)
	partner.open(pinas+"/netwerk", http.StatusNotFound)
}
