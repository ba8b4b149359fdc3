package main

// The youth's own consent in a real browser: Kim, the demo's youth worker,
// opens Dylan's (15) consents from Gezin Jansen's page, tries to record
// one without his mother — the form says why that does not hold — and
// records it with her; the casemanager then reads it but cannot change
// it. Each page passes axe at desk and phone width.
//
//	go test ./cmd/regie/ -run TestBrowser_YouthConsent -v

import (
	"fmt"
	"net/http"
	"testing"

	"regie/internal/demo"
)

func TestBrowser_YouthConsent(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "jeugdtoestemming-")
	m := startRegieForBrowser(t, true)
	base := m.Server.URL()

	yw := newBrowserTab(t, browser, base, "jeugdhulpverlener")
	yw.logIn("jeugd@demo.regie.nl", demo.Password)
	famPath := evalJS[string](yw, `(Array.from(document.querySelectorAll('a')).find(a => a.textContent.trim() === 'Gezin Jansen') || {}).pathname || ''`)
	if famPath == "" {
		yw.fatal("find Gezin Jansen", fmt.Errorf("not on the youth worker's list at %s", yw.path()))
	}
	yw.open(famPath, http.StatusOK)
	page := yw.linkTo(`ul.members a`, "toestemming van Dylan")
	if evalJS[int](yw, `document.querySelectorAll('a[href$="/toestemming"]:not([href*="/jeugd/"])').length`) != 0 {
		t.Error("the youth worker is offered the family's consents")
	}
	yw.press(`ul.members a[href="`+page+`"]`, http.StatusOK)
	yw.wantText("h1", "Toestemming van Dylan")
	yw.wantText("#h-vertrouwelijk + p + p", "van 12 tot 16 jaar tekent een ouder of verzorger mee")
	check(yw, "jongere-leeg")

	yw.press(`.page-head a[href="`+page+`/nieuw"]`, http.StatusOK)
	yw.wantText("h1", "Toestemming van Dylan vastleggen")
	check(yw, "nieuw")
	yw.click("#f-youth_signed")
	yw.click("#f-share_coordinator")
	yw.press(`form[action="`+page+`"] button[type=submit]`, http.StatusUnprocessableEntity)
	yw.wantText(".error-summary", "Dylan is 15 jaar: van 12 tot 16 jaar tekent een ouder of verzorger mee")
	yw.wantChecked("#f-share_coordinator", true)
	check(yw, "nieuw-fouten")
	yw.choose("#f-parent", "Sandra", "Sandra Jansen (Ouder)")
	yw.press(`form[action="`+page+`"] button[type=submit]`, http.StatusOK)
	yw.wantPath(page + `$`)
	yw.wantText(".flash", "De toestemming van de jongere is vastgelegd.")
	yw.wantText("section.consent", "Dylan Jansen (jongere), Sandra Jansen (ouder)")
	yw.wantText("section.consent h2", "geldig")
	check(yw, "jongere")

	yw.press(`section.consent a[href$="/intrekken"]`, http.StatusOK)
	check(yw, "intrekken")
	yw.press(`form[action$="/intrekken"] button[type=submit]`, http.StatusUnprocessableEntity)
	check(yw, "intrekken-fouten")

	cm := newBrowserTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.open(famPath, http.StatusOK)
	cm.press(`ul.members a[href="`+page+`"]`, http.StatusOK)
	cm.wantText("section.consent", "De casemanager/regisseur")
	if n := evalJS[int](cm, `document.querySelectorAll('a[href$="/nieuw"], a[href$="/intrekken"]').length`); n != 0 {
		t.Errorf("the casemanager is offered %d ways to change the youth's consent", n)
	}
	check(cm, "casemanager")
}
