package main

import (
	"fmt"
	"net/http"
	"testing"

	"regie/internal/demo"
)

// TestBrowser_AccessibilityCoordination: the warm handover, the
// coordination of care with its network meetings (the form also with its
// errors) and the closing form pass axe and fit a phone, as the
// casemanager of the demo's families in phase 4 and 5 sees them.
func TestBrowser_AccessibilityCoordination(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "coordinatie-")
	m := startRegieForBrowser(t, true)
	tl := newBrowserTab(t, browser, m.Server.URL(), "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	family := func(name string) string {
		p := evalJS[string](tl, fmt.Sprintf(`(Array.from(document.querySelectorAll('ul.list a.title')).find(a => a.textContent.trim() === %q) || {}).pathname || ''`, name))
		if p == "" {
			tl.fatal("find "+name, fmt.Errorf("not on the team's list"))
		}
		return p
	}
	jansen, pinas := family("Gezin Jansen"), family("Gezin Pinas")
	tl.open(jansen+"/overdracht", http.StatusOK)
	tl.wantText("#h-overdrachten + ul", "Basisschool De Klimop")
	check(tl, "overdracht")
	tl.press(`form[action$="/overdracht"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Vul dit veld in")
	check(tl, "overdracht-fouten")
	tl.open(pinas+"/netwerkoverleg", http.StatusOK)
	tl.wantText("#h-instanties + p + .table-wrap", "Start fase 5")
	check(tl, "netwerkoverleg")
	tl.open(pinas+"/netwerkoverleg/nieuw", http.StatusOK)
	check(tl, "netwerkoverleg-nieuw")
	tl.press(`form[action$="/netwerkoverleg"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Wie waren erbij")
	check(tl, "netwerkoverleg-fouten")
	tl.open(pinas+"/netwerkoverleg", http.StatusOK)
	meeting := evalJS[string](tl, `document.querySelector('#h-overleggen + ul a').pathname`)
	tl.open(meeting, http.StatusOK)
	check(tl, "netwerkoverleg-verslag")
	tl.open(pinas+"/fase", http.StatusOK)
	tl.wantText("#h-sluiten + p + form", "Doorverwezen naar langdurige hulp")
	check(tl, "fase-sluiten")
}
