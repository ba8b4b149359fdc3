package main

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"regie/internal/demo"
)

// TestBrowser_AccountNeedsASecondPerson: the functional administrator
// makes a casemanager account in the screens and sees its temporary
// password; logging in with it is refused until the team leader confirms
// it under Bevestigingen; then the casemanager logs in, reads who made and
// who confirmed the account, and sees their session; the administrator
// sees that session and ends it. Every page passes axe.
func TestBrowser_AccountNeedsASecondPerson(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "accounts-")
	m := startRegieForBrowser(t, true)
	base := m.Server.URL()

	admin := newBrowserTab(t, browser, base, "functioneel beheerder")
	admin.logIn("beheer@demo.regie.nl", demo.Password)
	admin.wantPath(`/beheer/gebruikers`)
	admin.press(`a[href="/beheer/gebruikers/nieuw"]`, http.StatusOK)
	admin.typeInto("#f-name", "Noor Bakker")
	admin.typeInto("#f-email", "noor.bakker@demo.regie.nl")
	admin.do("choose the role", chromedp.SetValue(chromedp.CSS(`#f-role`), "casemanager"))
	org := evalJS[string](admin, `Array.from(document.querySelectorAll('#f-organisation option')).find(o => o.textContent.includes('Stade Profiel')).value`)
	admin.do("choose the organisation", chromedp.SetValue(chromedp.CSS(`#f-organisation`), org))
	admin.do("choose the team", chromedp.Click(chromedp.CSS(`input[name=team]`), chromedp.NodeVisible))
	admin.do("choose a district", chromedp.Click(chromedp.CSS(`input[name=districts]`), chromedp.NodeVisible))
	admin.press(`form[action="/beheer/gebruikers"] button[type=submit]`, http.StatusOK)
	admin.wantText(".notice strong", "werkt pas na bevestiging")
	temp := admin.text(".secret")
	check(admin, "beheer-tijdelijk-wachtwoord")
	// The administrator's own list: waiting, and no button to confirm it.
	admin.press(`nav a[href="/bevestigingen"]`, http.StatusOK)
	admin.wantText("main table", "Noor Bakker")
	admin.wantText("main table", "door u aangevraagd")
	check(admin, "beheer-bevestigingen")

	noor := newBrowserTab(t, browser, base, "nieuwe casemanager")
	noor.open("/inloggen", http.StatusOK)
	noor.typeInto("#f-email", "noor.bakker@demo.regie.nl")
	noor.typeInto("#f-password", temp)
	noor.press(`form[action="/inloggen"] button[type=submit]`, http.StatusUnauthorized)
	noor.wantText("main", "nog niet bevestigd door een tweede persoon")

	// The team leader confirms.
	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.press(`nav a[href="/bevestigingen"]`, http.StatusOK)
	tl.wantText("main table", "Noor Bakker")
	tl.wantText("main table", "Mark Janssen") // the demo's own pending account
	check(tl, "teamleider-bevestigingen")
	id := evalJS[string](tl, `(Array.from(document.querySelectorAll('main tr')).find(tr => tr.textContent.includes('Noor Bakker')).querySelector('form') || {}).getAttribute('action')`)
	tl.press(`form[action="`+id+`"] button[type=submit]`, http.StatusOK)
	tl.wantText(".flash", "Bevestigd")

	// Now the casemanager logs in and is told who did what.
	noor.logIn("noor.bakker@demo.regie.nl", temp)
	noor.wantPath(`/account`)
	noor.wantText("#account-changed", "Esther Vos")
	noor.wantText("#account-changed", "Jolanda van Dijk")
	noor.wantText("main table", "deze sessie")
	check(noor, "casemanager-account-bevestigd")

	// The administrator sees her session and ends it.
	admin.open("/beheer/gebruikers", http.StatusOK)
	sessions := evalJS[string](admin, `(Array.from(document.querySelectorAll('main tr')).find(tr => tr.textContent.includes('Noor Bakker')).querySelector('a[href$="/sessies"]') || {}).getAttribute('href')`)
	admin.open(sessions, http.StatusOK)
	admin.wantText("main table", "Begonnen")
	check(admin, "beheer-sessies")
	admin.press(`form[action$="/sessies/beeindigen"] button[type=submit]`, http.StatusOK)
	admin.wantText(".flash", "Alle sessies")
	noor.open("/account", http.StatusOK)
	noor.wantPath(`/inloggen.*`)
}
