package main

// The check-up after closing in a real browser, on a phone: Youssef, the
// last coordinator of the demo's closed Gezin Willems, finds the check-up
// that has come due on "Mijn gezinnen", records it with the mother and the
// buurtteam, and — it gives concerns — refers the family again for the team
// meeting with one tap; the team leader finds it on the agenda.
//
//	go test ./cmd/regie/ -run TestBrowser_CheckupAfterClosing -v

import (
	"net/http"
	"strings"
	"testing"

	"regie/internal/demo"
)

func TestBrowser_CheckupAfterClosing(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	m := startDemoOnDay(t)
	base := m.Server.URL()

	cm := newPhoneTab(t, browser, base, "casemanager2")
	cm.logIn("casemanager2@demo.regie.nl", demo.Password)
	cm.wantPath(`/gezinnen`)
	cm.wantText("#h-checkups", "Check-ups na afsluiting")
	cm.wantText("ul.checkups", "De check-up na 6 maanden is aan de beurt sinds")
	page := cm.linkTo(`ul.checkups a.title`, "Gezin Willems")
	cm.tapTo(`ul.checkups a.title[href="`+page+`"]`, http.StatusOK)
	cm.wantPath(`/gezinnen/\d+/checkups$`)
	cm.wantText("h1", "Check-ups na afsluiting")
	cm.wantText("ul.checkup-moments", "te laat")
	cm.wantText("ul.checkups", "Mirjam Kuipers, Buurtteam Overvecht (demo)")
	cm.checkPhoneLayout("check-ups")
	cm.wantOnFirstScreen(`.page-head a[href="` + page + `/nieuw"]`)

	cm.tapTo(`.page-head a[href="`+page+`/nieuw"]`, http.StatusOK)
	cm.wantText("h1", "Check-up vastleggen")
	cm.checkPhoneLayout("check-up vastleggen")
	cm.tap(`input[name=member] + label`) // Ingrid, the first member
	cm.tap("#f-family_doing")
	cm.typeFocused("#f-family_doing", "Ingrid heeft haar baan verloren; de huur van deze maand is niet betaald.")
	cm.tap("#f-cooperation")
	cm.typeFocused("#f-cooperation", "Het buurtteam is drie weken niet geweest.")
	cm.tap(`input[name=assessment][value=zorgen]`)
	cm.reportSmallTargets("check-up vastleggen")
	cm.tapTo(`form[action="`+page+`"] button[type=submit]`, http.StatusOK)
	cm.wantPath(page + `$`)
	cm.wantText(".flash", "De check-up is vastgelegd.")

	cm.wantOnFirstScreen(`form[action$="/aanmelding"] button`)
	cm.tapTo(`form[action$="/aanmelding"] button`, http.StatusOK)
	cm.wantText(".flash", "Het gezin is opnieuw aangemeld en staat op de agenda van het teamoverleg.")
	cm.wantText("ul.checkups", "Opnieuw aangemeld voor het teamoverleg")
	if n := evalJS[int](cm.browserTab, `document.querySelectorAll('form[action$="/aanmelding"]').length`); n != 0 {
		t.Errorf("the button is still offered after the referral: %d", n)
	}

	// This week's meeting shows the outcome, with the new referral.
	lead := newBrowserTab(t, browser, base, "teamleider")
	lead.logIn("teamleider@demo.regie.nl", demo.Password)
	lead.open("/teamoverleg", http.StatusOK)
	if got := lead.text("#h-checkups ~ ul.checkups"); !strings.Contains(got, "Gezin Willems") || !strings.Contains(got, "opnieuw aangemeld") {
		t.Errorf("the agenda's check-ups: %q", got)
	}

	// The pages pass axe, at desk and phone width, a form with errors too.
	check := accessibilityCheck(t, axeSource(t), "checkup-")
	check(lead, "teamoverleg")
	lead.open(page, http.StatusOK)
	check(lead, "checkups")
	lead.open(page+"/nieuw", http.StatusOK)
	check(lead, "checkup-form")
	lead.press(`form[action="`+page+`"] button[type=submit]`, http.StatusUnprocessableEntity)
	lead.wantText(".error-summary", "Met wie heeft u gesproken")
	check(lead, "checkup-form-fouten")
}
