package main

// The youth worker's own track in a real browser (seed 003 §6): the team
// leader assigns Kim de Graaf to Yasmina (14) of the demo's Gezin Benali;
// Kim, on her phone, opens the track, writes Yasmina's plan — a goal in
// her own words, an agreement that concerns the family and one that does
// not — and records a contact with a confidential note. The casemanager
// sees that the track runs, its norm and the family's agreement, not the
// goal, the other agreement or the note; the GGZ, named by the family's
// consent, sees nothing of it. Kim closes the track with the final
// evaluation.
//
//	go test ./cmd/regie/ -run TestBrowser_YouthTrack -v
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run TestBrowser_YouthTrack

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

func TestBrowser_YouthTrack(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "jeugdtraject-")
	m := startDemoOnDay(t)
	base := m.Server.URL()

	// Gezin Benali: Yasmina is 14; the family's consent (made here)
	// names the GGZ for the household, its members, the contacts and
	// the plan.
	cm := demoActor(t, m, "casemanager2@demo.regie.nl")
	list, _, err := m.Store.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine, Query: "Benali", Limit: 10})
	if err != nil || len(list) != 1 {
		t.Fatalf("Gezin Benali: %v, %d", err, len(list))
	}
	fam, err := m.Store.FindFamilyByID(cm, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var yasmina, fatima *regie.Member
	for _, mb := range fam.CurrentMembers() {
		switch mb.GivenName {
		case "Yasmina":
			yasmina = mb
		case "Fatima":
			fatima = mb
		}
	}
	today := regie.DateOf(m.Clock.Now())
	if yasmina == nil || fatima == nil || yasmina.AgeOn(today) != 14 {
		t.Fatalf("demo: Yasmina %+v, Fatima %+v", yasmina, fatima)
	}
	partner, err := m.Store.FindUserByEmail(cm, "partner@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Store.CreateConsent(cm, fam.ID, regie.ConsentInput{SignedOn: today.ISO(), Signers: []int64{fatima.ID},
		Parties: []regie.ConsentParty{{OrgID: partner.OrganisationID, Purpose: "Afstemming over de zorg voor moeder",
			Kinds: []regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.InfoContacts, regie.InfoPlan}}}}); err != nil {
		t.Fatalf("the consent: %v", err)
	}
	famPage := fmt.Sprintf("/gezinnen/%d", fam.ID)
	assign := fmt.Sprintf("%s/jeugd/%d", famPage, yasmina.ID)
	track := assign + "/traject"
	kim, err := m.Store.FindUserByEmail(cm, "jeugd@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}

	// The team leader assigns Kim de Graaf to Yasmina.
	lead := newBrowserTab(t, browser, base, "teamleider")
	lead.logIn("teamleider@demo.regie.nl", demo.Password)
	lead.open(assign, http.StatusOK)
	lead.wantText("h1", "Jeugdhulpverlener voor Yasmina")
	lead.do("choose Kim", chromedp.Click(chromedp.CSS(fmt.Sprintf(`label[for="f-yw-%d"]`, kim.ID)), chromedp.NodeVisible))
	status := http.StatusOK
	if evalJS[bool](lead, `(() => { const l = document.querySelector('label[for="f-yw-`+fmt.Sprint(kim.ID)+`"]'); return l.textContent.includes('boven de norm'); })()`) {
		status = http.StatusUnprocessableEntity // over the norm: the form asks to confirm
	}
	lead.press(`form[action="`+assign+`"] button[type=submit]`, status)
	if status != http.StatusOK {
		lead.do("confirm", chromedp.Click(chromedp.CSS(`label[for="f-confirm"]`), chromedp.NodeVisible))
		lead.press(`form[action="`+assign+`"] button[type=submit]`, http.StatusOK)
	}
	lead.wantPath(famPage)
	lead.wantText("#h-jeugd ~ .youth-track", "Kim de Graaf is jeugdhulpverlener van Yasmina; het jeugdtraject is nog niet gestart.")

	// Kim, on her phone, opens the track from the family page.
	yw := newPhoneTab(t, browser, base, "jeugdhulpverlener")
	yw.logIn("jeugd@demo.regie.nl", demo.Password)
	yw.open(famPage, http.StatusOK)
	yw.tapTo(`a[href="`+track+`"]`, http.StatusOK)
	yw.wantText("h1", "Jeugdtraject van Yasmina")
	yw.wantText("#h-start ~ p", "vanaf dan loopt de norm van 6 tot 9 maanden")
	yw.checkPhoneLayout("jeugdtraject, niet gestart")
	yw.tapTo(`form[action="`+track+`"] button[type=submit]`, http.StatusOK)
	yw.wantText(".flash", "Het jeugdtraject is gestart.")
	yw.wantText("dl.facts", "tussen "+today.AddMonths(6).Dutch()+" en "+today.AddMonths(9).Dutch())

	// Yasmina's plan: a goal in her words, two agreements.
	yw.tapTo(`.page-head a[href="`+track+`/plan"]`, http.StatusOK)
	yw.wantText("h1", "Plan van Yasmina")
	yw.checkPhoneLayout("plan van de jongere")
	goal := "Ik wil niet meer spijbelen en mijn diploma halen."
	family := "Samen met moeder boodschappen doen op zaterdag"
	private := "Met de mentor praten over het spijbelen"
	note := "Yasmina vertelt dat ze een vriendje heeft van 19 en dat haar moeder dat niet mag weten."
	yw.tap(`details:has(#f-domain-dagbesteding) > summary`)
	yw.tap("#f-domain-dagbesteding")
	yw.typeFocused("#f-domain-dagbesteding", goal)
	yw.tap("#f-agreement-0-owner")
	yw.typeFocused("#f-agreement-0-owner", "Yasmina en moeder")
	yw.tap("#f-agreement-0-what")
	yw.typeFocused("#f-agreement-0-what", family)
	yw.typeDate("#f-agreement-0-due", today.AddDays(14).ISO())
	yw.tap("#f-agreement-0-family")
	yw.tap("#f-agreement-1-owner")
	yw.typeFocused("#f-agreement-1-owner", "Yasmina")
	yw.tap("#f-agreement-1-what")
	yw.typeFocused("#f-agreement-1-what", private)
	yw.typeDate("#f-agreement-1-due", today.AddDays(7).ISO())
	yw.reportSmallTargets("plan van de jongere")
	yw.tapTo(`form[action="`+track+`/plan"] button[type=submit]`, http.StatusOK)
	yw.wantText(".flash", "Het plan van de jongere is opgeslagen.")
	yw.wantText("ul.youth-goals", goal)
	yw.wantText("#h-afspraken ~ ul.agreements", private)
	yw.wantText("#h-afspraken ~ ul.agreements", "betreft het gezin")

	// The werkbak lists the running track with its final evaluation.
	yw.open("/werkbak", http.StatusOK)
	yw.wantText("main", "Jeugdtraject Yasmina loopt sinds "+today.Dutch()+": eindevaluatie tussen "+today.AddMonths(6).Dutch())
	yw.checkPhoneLayout("werkbak")
	yw.open(track, http.StatusOK)

	// A contact with a confidential note.
	yw.tapTo(`.page-head a[href="`+track+`/contact"]`, http.StatusOK)
	yw.wantText("h1", "Contact met Yasmina")
	yw.checkPhoneLayout("contact met de jongere")
	yw.tap("#f-note")
	yw.typeFocused("#f-note", note)
	yw.tapTo(`form[action="`+track+`/contact"] button[type=submit]`, http.StatusOK)
	yw.wantText(".flash", "Het contact met de jongere is vastgelegd.")
	yw.wantText("#h-contacten ~ ul.contacts", note)
	yw.checkPhoneLayout("jeugdtraject")

	// The casemanager: that it runs, the norm and the family's agreement.
	cmTab := newBrowserTab(t, browser, base, "casemanager")
	cmTab.logIn("casemanager2@demo.regie.nl", demo.Password)
	cmTab.open(famPage, http.StatusOK)
	cmTab.wantText("#h-jeugd ~ .youth-track", "Jeugdtraject Yasmina loopt bij Kim de Graaf sinds "+today.Dutch()+" (norm 6–9 maanden)")
	cmTab.wantText("#h-jeugd ~ .youth-track", family)
	cmTab.wantText("#h-contacten ~ ul.contacts", "Contact jeugdhulpverlener met Yasmina — inhoud vertrouwelijk")
	page := cmTab.text("main")
	for _, secret := range []string{goal, private, note} {
		if strings.Contains(page, secret) {
			t.Errorf("the casemanager's family page shows %q", secret)
		}
	}
	check(cmTab, "gezinspagina-casemanager")
	cmTab.open(track, http.StatusOK)
	cmTab.wantText(".notice", "Wat Yasmina in vertrouwen vertelt, blijft tussen de jongere en de jeugdhulpverlener.")
	cmTab.wantText("#h-gezinsafspraken ~ ul.agreements", family)
	page = cmTab.text("main")
	for _, secret := range []string{goal, private, note} {
		if strings.Contains(page, secret) {
			t.Errorf("the casemanager's track page shows %q", secret)
		}
	}
	check(cmTab, "traject-casemanager")

	// The GGZ, named by the family's consent: nothing of the track.
	p := newBrowserTab(t, browser, base, "netwerkpartner")
	p.logIn("partner@demo.regie.nl", demo.Password)
	p.open(famPage, http.StatusOK)
	page = p.text("main")
	for _, secret := range []string{goal, private, note, family, "Jeugdtraject Yasmina"} {
		if strings.Contains(page, secret) {
			t.Errorf("the partner's family page shows %q", secret)
		}
	}
	p.open(track, http.StatusNotFound)

	// The pages of the track pass axe, at desk and phone width, and a
	// plan with a mistake comes back with the message and what was typed.
	desk := newBrowserTab(t, browser, base, "jeugdhulpverlener-bureau")
	desk.logIn("jeugd@demo.regie.nl", demo.Password)
	desk.open(track, http.StatusOK)
	check(desk, "traject")
	desk.open(track+"/plan", http.StatusOK)
	check(desk, "plan")
	desk.typeInto("#f-agreement-2-what", "Zonder wie en wanneer")
	desk.press(`form[action="`+track+`/plan"] button[type=submit]`, http.StatusUnprocessableEntity)
	desk.wantText(".error-summary", "Afspraak 3, wie")
	check(desk, "plan-fouten")
	desk.open(track+"/scores", http.StatusOK)
	check(desk, "scores")
	desk.open(track+"/contact", http.StatusOK)
	check(desk, "contact")
	desk.open(track+"/eindevaluatie", http.StatusOK)
	check(desk, "eindevaluatie")

	// Kim closes the track with the final evaluation.
	yw.open(track, http.StatusOK)
	yw.tapTo(`.page-head a[href="`+track+`/eindevaluatie"]`, http.StatusOK)
	yw.wantText("h1", "Eindevaluatie met Yasmina")
	yw.checkPhoneLayout("eindevaluatie")
	yw.tap(`label[for="f-goal-0-degree-1"]`) // deels behaald
	yw.tap("#f-how_now")
	yw.typeFocused("#f-how_now", "Ik ga weer elke dag, maar wiskunde blijft moeilijk.")
	yw.tapTo(`form[action="`+track+`/eindevaluatie"] button[type=submit]`, http.StatusOK)
	yw.wantText(".flash", "De eindevaluatie is vastgelegd en het jeugdtraject is afgesloten.")
	yw.wantText("#h-eindevaluatie ~ blockquote", "Ik ga weer elke dag")
	check(yw.browserTab, "traject-afgesloten")

	cmTab.open(famPage, http.StatusOK)
	cmTab.wantText("#h-jeugd ~ .youth-track", "afgesloten met de eindevaluatie")
	if strings.Contains(cmTab.text("main"), "wiskunde") {
		t.Error("the casemanager sees the final evaluation")
	}

	// Each step is in Gezin Benali's access log, with Yasmina.
	log, _, err := m.Store.FindAuditEntries(demoActor(t, m, "privacy@demo.regie.nl"), regie.AuditFilter{FamilyID: &fam.ID, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range log {
		if (e.Segment == regie.SegYouth || e.Segment == regie.SegYouthConfidential) && e.MemberID == yasmina.ID {
			seen[string(e.Segment)+" "+string(e.Action)+" "+string(e.Outcome)] = true
		}
	}
	for _, want := range []string{"jeugdtraject create ok", "jeugdtraject read ok", "jeugdtraject_vertrouwelijk update ok",
		"jeugdtraject_vertrouwelijk create ok", "jeugdtraject read denied"} {
		if !seen[want] {
			t.Errorf("the access log lacks %q: %v", want, seen)
		}
	}
}
