package main

// Contacts and the team meeting in a real browser, on a phone: the
// casemanager logs a home visit on the doorstep, then a door that stayed
// shut; the team leader discusses the signals in the team meeting and
// records decisions.
//
//	go test ./cmd/regie/ -run TestBrowser_ContactsAndMeeting -v
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run TestBrowser_ContactsAndMeeting

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

// The phone: an iPhone SE or 8, the smallest screen casemanagers carry.
const (
	phoneWidth  = 375
	phoneHeight = 667
)

// TestBrowser_ContactsAndMeeting walks contacts and the team meeting at
// phone width, with taps and typing. Sanne, coordinator of Gezin van der
// Linden, has only found a shut door there for weeks; she logs a home visit
// in at most three taps, then a door that stayed shut, then mistypes a
// duration and gets her note back with the error. The team leader finds
// the family's remaining signal on this week's agenda, records a decision
// about it and one that moves another family on to the next phase, and
// finds both in the print view.
func TestBrowser_ContactsAndMeeting(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	m := startDemoOnDay(t)
	base := m.Server.URL()
	began := time.Now()
	step := func(what string) { t.Logf("%5.1fs %s", time.Since(began).Seconds(), what) }
	today := regie.DateOf(m.Clock.Now())
	shots := newScreenshots(t, "contacten")

	// The demo's van der Linden has had 18 days of attempts only: a signal
	// for the days without contact, always, and one for the attempts in a
	// row when there were as many as the norm, which depends on the day
	// the demo is made. The test tops the row up to the norm, with phone
	// calls Sanne made on the days before, so that signal is there too.
	step("setup")
	sanne, usualMinutes := topUpRejectedStreak(t, m, today)

	// Sanne logs in on her phone and opens the family from "Mijn gezinnen".
	step("casemanager opens the family")
	cm := newPhoneTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.wantPath(`/gezinnen`)
	cm.wantText(`nav a[aria-current="page"]`, "Mijn gezinnen")
	cm.checkPhoneLayout("Mijn gezinnen")
	fam := cm.linkTo(`ul.list a.title`, "Gezin van der Linden")
	cm.tapTo(`ul.list a.title[href="`+fam+`"]`, http.StatusOK)
	cm.wantPath(fam)
	cm.wantText("h1", "Gezin van der Linden")
	cm.wantText("#h-regie + dl.facts", sanne)
	cm.checkPhoneLayout("het gezin")
	before := cm.standVanZaken()
	t.Logf("before: laatste contact %q, uren %q, signals %q", before.LastContact, before.Hours, before.Signals)
	if before.LastContact == "" || before.LastContact == "nog geen" {
		cm.fatal("read Laatste contact", fmt.Errorf("%q, want the date of the last attempt", before.LastContact))
	}
	if !strings.Contains(before.LastContact, "laatste keer contact gehad:") {
		cm.fatal("read Laatste contact", fmt.Errorf("%q, want the last time there was contact after the last attempt", before.LastContact))
	}
	before.wantSignal(cm, "dagen geen contact gehad met het gezin.", true)
	before.wantSignal(cm, "pogingen op rij zonder contact.", true)
	// On the doorstep both quick buttons are on the first screen, and
	// large enough for a thumb.
	for _, sel := range []string{`.page-head a[href="` + fam + `/contacten/nieuw"]`, `.page-head a[href="` + fam + `/contacten/nieuw?poging=geen_gehoor"]`} {
		cm.wantOnFirstScreen(sel)
	}
	shots.take(cm.browserTab, "gezin-voor")

	// A home visit: "Contact vastleggen", the note, "Opslaan". The rest is
	// as the form suggests: today, now, a home visit, contact, her usual
	// duration.
	step("home visit")
	cm.taps = 0
	cm.tapTo(`.page-head a[href="`+fam+`/contacten/nieuw"]`, http.StatusOK)
	cm.wantPath(fam + `/contacten/nieuw`)
	cm.wantText("h1", "Contact vastleggen")
	cm.checkPhoneLayout("contact vastleggen")
	visit := cm.contactDefaults(m.Clock.Now(), "huisbezoek", "contact", usualMinutes)
	const visitNote = "Oma Annie deed open. Samen de post doorgenomen; Bo gaat weer naar school. Dinsdag weer langs."
	cm.tap("#f-note")
	cm.typeFocused("#f-note", visitNote)
	cm.reportSmallTargets("contact vastleggen")
	shots.take(cm.browserTab, "contact-vastleggen")
	cm.tapTo(`form[action="`+fam+`/contacten"] button[type=submit]`, http.StatusOK)
	if cm.taps > 3 {
		t.Errorf("logging a home visit took %d taps, want at most 3", cm.taps)
	}
	t.Logf("home visit logged in %d taps", cm.taps)
	cm.wantPath(fam)
	cm.wantText(".flash", "Het contactmoment is opgeslagen.")
	contacts := cm.recentContacts()
	iv := contacts.find(visitNote)
	if iv < 0 {
		cm.fatal("find the home visit", fmt.Errorf("no contact with the note among %q", contacts.texts()))
	}
	wantHead := fmt.Sprintf("Huisbezoek · %s %s · %s", today.Dutch(), visit.Start, regie.FormatMinutes(visit.Minutes))
	if c := contacts[iv]; !strings.HasPrefix(c.Text, wantHead) || c.Badge != "" || c.Class != "contact-contact" {
		cm.fatal("read the home visit", fmt.Errorf("%q (badge %q, class %q), want it to start with %q, without a badge", c.Text, c.Badge, c.Class, wantHead))
	}
	contacts.wantNewest(cm, iv, today, visit.Start)
	after := cm.standVanZaken()
	t.Logf("after the visit: laatste contact %q, uren %q, signals %q", after.LastContact, after.Hours, after.Signals)
	if after.LastContact != today.Dutch() {
		cm.fatal("read Laatste contact", fmt.Errorf("%q, want %q", after.LastContact, today.Dutch()))
	}
	if got, want := after.monthHours(cm)-before.monthHours(cm), float64(visit.Minutes)/60; math.Abs(got-want) > 0.1+1e-9 {
		cm.fatal("read the hours", fmt.Errorf("deze maand went from %q to %q, up %.1f, want up %.1f (±0,1 for the rounding)", before.Hours, after.Hours, got, want))
	}
	after.wantSignal(cm, "pogingen op rij zonder contact.", false)
	after.wantSignal(cm, "dagen geen contact gehad met het gezin.", false)
	shots.take(cm.browserTab, "gezin-na-huisbezoek")

	// The next visit the door stays shut: "Niet opengedaan", "Opslaan".
	step("door stayed shut")
	cm.taps = 0
	cm.tapTo(`.page-head a[href="`+fam+`/contacten/nieuw?poging=geen_gehoor"]`, http.StatusOK)
	cm.wantPath(fam + `/contacten/nieuw\?poging=geen_gehoor`)
	shut := cm.contactDefaults(m.Clock.Now(), "huisbezoek", "geen_gehoor", 15)
	cm.tapTo(`form[action="`+fam+`/contacten"] button[type=submit]`, http.StatusOK)
	t.Logf("shut door logged in %d taps", cm.taps)
	if cm.taps > 2 {
		t.Errorf("logging a shut door took %d taps, want 2", cm.taps)
	}
	cm.wantPath(fam)
	cm.wantText(".flash", "Het contactmoment is opgeslagen.")
	contacts = cm.recentContacts()
	shutHead := fmt.Sprintf("Huisbezoek · %s %s · 15 min", today.Dutch(), shut.Start)
	is := -1
	for i, c := range contacts {
		if strings.HasPrefix(c.Text, shutHead) {
			is = i
			break
		}
	}
	if is < 0 {
		cm.fatal("find the shut door", fmt.Errorf("no contact %q among %q", shutHead, contacts.texts()))
	}
	if c := contacts[is]; c.Badge != "Niet opengedaan of niet opgenomen" || c.Class != "contact-geen_gehoor" {
		cm.fatal("read the shut door", fmt.Errorf("%q has badge %q and class %q, want the badge %q", c.Text, c.Badge, c.Class, "Niet opengedaan of niet opgenomen"))
	}
	contacts.wantNewest(cm, is, today, shut.Start)
	if iv = contacts.find(visitNote); iv < is {
		cm.fatal("read the contacts", fmt.Errorf("the home visit (%d) is listed above the later shut door (%d): %q", iv, is, contacts.texts()))
	}
	afterShut := cm.standVanZaken()
	if afterShut.LastContact != today.Dutch() {
		cm.fatal("read Laatste contact", fmt.Errorf("%q after the shut door, want %q", afterShut.LastContact, today.Dutch()))
	}
	afterShut.wantSignal(cm, "pogingen op rij zonder contact.", false)
	shots.take(cm.browserTab, "gezin-na-dichte-deur")

	// A duration of 0 is refused, in Dutch, with what she typed kept.
	step("a wrong duration")
	cm.tapTo(`.page-head a[href="`+fam+`/contacten/nieuw"]`, http.StatusOK)
	const phoneNote = "Telefonisch met opa Henk: hij belt morgen terug over de afspraak met school."
	cm.tap(`input[name=kind][value=telefoon]`)
	cm.typeInto("#f-minutes", "0")
	cm.tap("#f-note")
	cm.typeFocused("#f-note", phoneNote)
	cm.tapTo(`form[action="`+fam+`/contacten"] button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantPath(fam + `/contacten`)
	const durationMsg = "Geef een duur van 1 minuut tot 24 uur (1440 minuten)."
	cm.wantText(".error-summary", "Er is iets niet goed ingevuld")
	cm.wantText(`.error-summary a[href="#f-minutes"]`, durationMsg)
	cm.wantText("#f-minutes-error", durationMsg)
	cm.wantLabel("#f-minutes", "Duur in minuten")
	if got := evalJS[string](cm.browserTab, `document.querySelector('#f-minutes').getAttribute('aria-invalid') || ''`); got != "true" {
		cm.fatal("read #f-minutes", fmt.Errorf("aria-invalid %q, want true", got))
	}
	cm.wantValue("#f-note", phoneNote)
	cm.wantValue("#f-minutes", "0")
	cm.wantChecked(`input[name=kind][value=telefoon]`, true)
	cm.wantChecked(`input[name=attempt][value=contact]`, true)
	cm.wantValue("#f-date", today.ISO())
	cm.checkPhoneLayout("contact vastleggen, met een fout")
	shots.take(cm.browserTab, "contact-fout")
	// She puts it right, and the contact is saved.
	cm.tap(`.error-summary a[href="#f-minutes"]`)
	if id := evalJS[string](cm.browserTab, `document.activeElement ? document.activeElement.id : ''`); id != "f-minutes" {
		t.Errorf("the link in the error summary moves the focus to %q, want f-minutes", id)
	}
	cm.typeInto("#f-minutes", "10")
	// And she adds who she spoke to, behind "Wie waren er".
	cm.tap(`details.more > summary`)
	henk := evalJS[string](cm.browserTab, `(Array.from(document.querySelectorAll('#f-members label')).find(l => l.textContent.trim() === 'Henk van der Linden') || {htmlFor: ''}).htmlFor`)
	if henk == "" {
		cm.fatal("find Henk among the members", fmt.Errorf("no checkbox labelled Henk van der Linden"))
	}
	cm.tap(`label[for="` + henk + `"]`)
	cm.wantChecked("#"+henk, true)
	cm.reportSmallTargets("contact vastleggen, wie waren er")
	cm.tapTo(`form[action="`+fam+`/contacten"] button[type=submit]`, http.StatusOK)
	cm.wantPath(fam)
	cm.wantText(".flash", "Het contactmoment is opgeslagen.")
	contacts = cm.recentContacts()
	if i := contacts.find(phoneNote); i < 0 || !strings.HasPrefix(contacts[i].Text, "Telefonisch contact · "+today.Dutch()) ||
		!strings.Contains(contacts[i].Text, " · 10 min") || !strings.Contains(contacts[i].Text, "met Henk") {
		cm.fatal("find the phone call", fmt.Errorf("no phone call of 10 min today with Henk and the note among %q", contacts.texts()))
	}

	// The team leader opens the next meeting on her phone: this week's,
	// or next week's once this week's has passed.
	step("team meeting")
	tl := newPhoneTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	tl.tapTo(`nav a[href="/teamoverleg"]`, http.StatusOK)
	monday := regie.NextMeetingDay(today)
	day := monday.ISO()
	tl.wantPath(`/teamoverleg/` + day)
	tl.wantText("h1", "Teamoverleg "+monday.Dutch())
	tl.wantText(`nav a[aria-current="page"]`, "Teamoverleg")
	tl.checkPhoneLayout("teamoverleg")

	// Gezin Hoogendoorn: the intensive phase takes longer than the norm,
	// and the agenda says why.
	hoog := tl.agendaItem("", "Gezin Hoogendoorn")
	for _, want := range []string{"De intensieve fase duurt al", "(norm: hooguit 9)",
		"Verklaard: Vader wacht op een plek bij de GGZ (traumabehandeling)"} {
		if !strings.Contains(hoog, want) {
			tl.fatal("read Gezin Hoogendoorn on the agenda", fmt.Errorf("%q does not contain %q", hoog, want))
		}
	}
	// Gezin van der Linden is still among the families with signals, for
	// its hours in the contact phase, but Sanne's visit has put an end to
	// the days without contact.
	linden := tl.agendaItem("h-signalen", "Gezin van der Linden")
	for _, want := range []string{"regisseur: Sanne Verbeek", "laatste contact: " + today.Dutch(), "Contactfase: gemiddeld", "uur per week bij het gezin (norm: ongeveer 8)."} {
		if !strings.Contains(linden, want) {
			tl.fatal("read Gezin van der Linden on the agenda", fmt.Errorf("%q does not contain %q", linden, want))
		}
	}
	for _, gone := range []string{"dagen geen contact", "pogingen op rij"} {
		if strings.Contains(linden, gone) {
			tl.fatal("read Gezin van der Linden on the agenda", fmt.Errorf("%q still has the signal %q", linden, gone))
		}
	}
	haile := tl.agendaItem("h-signalen", "Gezin Haile")
	if !strings.Contains(haile, "Fase 2 · Contact leggen en motiveren") || !strings.Contains(haile, "Contactfase: gemiddeld") {
		tl.fatal("read Gezin Haile on the agenda", fmt.Errorf("%q, want phase 2 and its signal about the hours", haile))
	}
	shots.take(tl.browserTab, "teamoverleg")

	// A decision about van der Linden.
	step("decision")
	const lindenDecision = "Sanne gaat drie keer per week langs, ook onaangekondigd; over twee weken weer op de agenda."
	tl.choose("#f-family", "Gezin van", "Gezin van der Linden")
	tl.tap("#f-text")
	tl.typeFocused("#f-text", lindenDecision)
	tl.reportSmallTargets("besluit vastleggen")
	tl.tapTo(`form[action="/teamoverleg/`+day+`/besluiten"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + day)
	tl.wantText(".flash", "Het besluit staat in de notulen.")
	if item := tl.minutesItem("Gezin van der Linden", lindenDecision); !strings.Contains(item, "Gezin van der Linden — "+lindenDecision) ||
		!strings.Contains(item, "(Jolanda van Dijk)") {
		tl.fatal("read the minutes", fmt.Errorf("%q, want the decision and who took it", item))
	}

	// Gezin Haile goes on to phase 3, though its checklist is not done:
	// first without saying why, which the form refuses, keeping the rest.
	step("decision with a phase move")
	const haileDecision = "Het gezin doet mee en de problemen zijn in beeld: door naar de uitvoering."
	const haileReason = "Plan en toestemming volgen volgende week; het team wil niet wachten met de trajecten."
	tl.choose("#f-family", "Gezin Hai", "Gezin Haile")
	tl.tap("#f-text")
	tl.typeFocused("#f-text", haileDecision)
	tl.tap(`label[for="f-move_phase"]`)
	tl.wantChecked("#f-move_phase", true)
	tl.tapTo(`form[action="/teamoverleg/`+day+`/besluiten"] button[type=submit]`, http.StatusUnprocessableEntity)
	const reasonMsg = "Nog niet alles op de lijst is gedaan: leg uit waarom het gezin toch door kan."
	tl.wantText(`.error-summary a[href="#f-phase_reason"]`, reasonMsg)
	tl.wantText("#f-phase_reason-error", reasonMsg)
	tl.wantSelected("#f-family", "Gezin Haile")
	tl.wantValue("#f-text", haileDecision)
	tl.wantChecked("#f-move_phase", true)
	tl.checkPhoneLayout("teamoverleg, met een fout")
	shots.take(tl.browserTab, "teamoverleg-fout")
	tl.tap("#f-phase_reason")
	tl.typeFocused("#f-phase_reason", haileReason)
	tl.tapTo(`form[action="/teamoverleg/`+day+`/besluiten"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + day)
	tl.wantText(".flash", "Het besluit staat in de notulen.")
	if item := tl.minutesItem("Gezin Haile", haileDecision); !strings.Contains(item, "Gezin Haile — "+haileDecision) || !strings.Contains(item, "naar fase 3 (Uitvoering)") {
		tl.fatal("read the minutes", fmt.Errorf("%q, want the decision with the badge naar fase 3 (Uitvoering)", item))
	}
	tl.wantText(`section[aria-labelledby=notulen] ul.minutes .badge.phase`, "naar fase 3 (Uitvoering)")
	shots.take(tl.browserTab, "teamoverleg-notulen")

	// The print view has the agenda and both decisions.
	step("print view")
	tl.tapTo(`.page-head a[href="/teamoverleg/`+day+`/afdrukken"]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + day + `/afdrukken`)
	tl.wantText("h1", "Teamoverleg "+monday.Dutch())
	printed := evalJS[[]string](tl.browserTab, `Array.from(document.querySelectorAll('ul.minutes > li'), li => li.innerText.replace(/\s+/g, ' ').trim())`)
	for _, want := range []string{"Gezin van der Linden — " + lindenDecision, "Gezin Haile — " + haileDecision} {
		if !containsAny(printed, want) {
			tl.fatal("read the printed minutes", fmt.Errorf("%q, want %q among them", printed, want))
		}
	}
	if !containsAny(printed, "naar fase 3 (Uitvoering)") {
		tl.fatal("read the printed minutes", fmt.Errorf("%q, want the phase move", printed))
	}
	tl.wantText("main", "Gezin van der Linden: Contactfase: gemiddeld")
	tl.checkPhoneLayout("teamoverleg afdrukken")
	shots.take(tl.browserTab, "teamoverleg-afdrukken")
	step("done")
}

// topUpRejectedStreak makes sure van der Linden's attempts in a row reach
// the norm, with phone calls not answered on the days before today, and
// returns Sanne's name and her usual duration of a contact.
func topUpRejectedStreak(t *testing.T, m *Main, today regie.Date) (string, int) {
	t.Helper()
	ctx := context.Background()
	u, err := m.Store.FindUserByEmail(ctx, "casemanager@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	as := regie.NewContextWithActor(ctx, &regie.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, OrganisationID: u.OrganisationID,
		TeamID: u.TeamID, IP: "127.0.0.1", UserAgent: "browser test setup"})
	norms, err := m.Store.FindNorms(as)
	if err != nil {
		t.Fatal(err)
	}
	find := func() *regie.FamilySummary {
		list, _, err := m.Store.FindFamilies(as, regie.FamilyFilter{Scope: regie.ScopeMine, Query: "van der Linden", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, fs := range list {
			if fs.HouseholdName == "Gezin van der Linden" {
				return fs
			}
		}
		t.Fatalf("Gezin van der Linden is not among %s's families", u.Name)
		return nil
	}
	fs := find()
	t.Logf("demo: %d attempts in a row (norm %d), last contact %s, last reached %s",
		fs.Facts.RejectedStreak, norms.RejectedInARow, fs.Facts.LastContactOn, fs.Facts.LastReachedOn)
	for i := 1; fs.Facts.RejectedStreak+i-1 < norms.RejectedInARow; i++ {
		on := today.AddDays(-i)
		if !on.After(fs.Facts.LastReachedOn) {
			t.Fatalf("no quiet day left to top the attempts up on: last reached %s", fs.Facts.LastReachedOn)
		}
		if _, err := m.Store.CreateContact(as, fs.ID, regie.ContactInput{Date: on.ISO(), Start: "08:15", Minutes: "5",
			Kind: regie.ContactPhone, Attempt: regie.AttemptNoAnswer, Note: "Gebeld om een afspraak te maken; niet opgenomen."}); err != nil {
			t.Fatal(err)
		}
	}
	if fs = find(); fs.Facts.RejectedStreak < norms.RejectedInARow {
		t.Fatalf("%d attempts in a row after the top-up, want %d", fs.Facts.RejectedStreak, norms.RejectedInARow)
	}
	minutes, err := m.Store.UsualContactMinutes(as)
	if err != nil {
		t.Fatal(err)
	}
	return u.Name, minutes
}

// phoneTab is a tab that emulates a phone, held upright, with touch; it
// counts the taps.
type phoneTab struct {
	*browserTab
	taps int
}

func newPhoneTab(t *testing.T, browser context.Context, base, name string) *phoneTab {
	t.Helper()
	tb := newBrowserTab(t, browser, base, name)
	tb.do(fmt.Sprintf("emulate a phone of %d px", phoneWidth), chromedp.EmulateViewport(phoneWidth, phoneHeight,
		chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch))
	return &phoneTab{browserTab: tb}
}

// tapTo taps a link or button that loads a new page, waits for it and
// checks the status of the page it ends on.
func (p *phoneTab) tapTo(sel string, wantStatus int) {
	p.t.Helper()
	p.taps++
	resp, err := chromedp.RunResponse(p.ctx, chromedp.Tap(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		p.fatal("tap "+sel, err)
	}
	if resp == nil || int(resp.Status) != wantStatus {
		p.fatal("tap "+sel, fmt.Errorf("status %v, want %d", respStatus(resp), wantStatus))
	}
}

// tap taps an element that does not load a page: a field, a radio, a label.
func (p *phoneTab) tap(sel string) {
	p.t.Helper()
	p.taps++
	p.do("tap "+sel, chromedp.Tap(chromedp.CSS(sel), chromedp.NodeVisible))
}

// typeFocused types text (see typed) into the field that has the focus,
// which must be sel; the field was empty.
func (p *phoneTab) typeFocused(sel, text string) {
	p.t.Helper()
	if ok := evalJS[bool](p.browserTab, fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, sel)); !ok {
		p.fatal("type into "+sel, fmt.Errorf("the field does not have the focus"))
	}
	p.wantValue(sel, "")
	p.do("type into "+sel, typed(text, func(head string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(head) }))
	p.wantValue(sel, text)
}

// checkPhoneLayout fails when the page scrolls sideways.
func (p *phoneTab) checkPhoneLayout(page string) {
	p.t.Helper()
	if w := evalJS[int](p.browserTab, `document.documentElement.scrollWidth`); w > phoneWidth {
		p.t.Errorf("%s: %s (%s): the page is %d px wide at %d px and scrolls sideways", p.name, page, p.path(), w, phoneWidth)
	}
}

// wantOnFirstScreen fails unless the element is on the first screen, whole,
// and at least 44 px high.
func (p *phoneTab) wantOnFirstScreen(sel string) {
	p.t.Helper()
	r := evalJS[[]float64](p.browserTab, fmt.Sprintf(`(r => [r.left, r.top, r.right, r.bottom, window.scrollY])(document.querySelector(%q).getBoundingClientRect())`, sel))
	top, bottom := r[1]+r[4], r[3]+r[4]
	if r[0] < 0 || r[2] > phoneWidth || bottom > phoneHeight || bottom-top < 44 {
		p.t.Errorf("%s: %s is at x %.0f–%.0f, y %.0f–%.0f; want it whole on the first screen (%d×%d) and at least 44 px high",
			p.name, sel, r[0], r[2], top, bottom, phoneWidth, phoneHeight)
	}
}

// reportSmallTargets logs the form controls of the page that are smaller
// than the 44 px the stylesheet promises, and the checkboxes and radios
// whose label wrapped below them: findings, not failures.
func (p *phoneTab) reportSmallTargets(page string) {
	p.t.Helper()
	found := evalJS[[]string](p.browserTab, `(() => {
		const name = e => e.id ? '#' + e.id : (e.innerText || e.name || e.tagName).trim();
		const visible = e => e.checkVisibility();
		const small = Array.from(document.querySelectorAll('main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main select, main textarea, main button'))
			.filter(visible).map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.height < 44)
			.map(([e, r]) => name(e) + ' (' + e.type + ') is ' + Math.round(r.width) + '×' + Math.round(r.height) + ' px, under 44 px');
		const wrapped = Array.from(document.querySelectorAll('main input[type=radio], main input[type=checkbox]'))
			.filter(e => visible(e) && e.labels.length)
			.filter(e => e.labels[0].getBoundingClientRect().top >= e.getBoundingClientRect().bottom)
			.map(e => name(e) + ': its label ' + JSON.stringify(e.labels[0].innerText.trim()) + ' wrapped below the box');
		return small.concat(wrapped);
	})()`)
	for _, s := range found {
		p.t.Logf("UX %s: %s", page, s)
	}
}

// contactForm is what the contact form suggested.
type contactForm struct {
	Start   string
	Minutes int
}

// contactDefaults checks the suggestions of the contact form — a visit of
// the usual duration that has just ended: its start now minus minutes,
// rounded down to 5 minutes, on the day it started; the kind, the outcome
// and the duration — and returns the start and minutes.
func (p *phoneTab) contactDefaults(now time.Time, kind, attempt string, minutes int) contactForm {
	p.t.Helper()
	began := now.In(regie.Amsterdam).Add(-time.Duration(minutes) * time.Minute)
	p.wantValue("#f-date", regie.DateOf(began).ISO())
	p.wantChecked(`input[name=kind][value=`+kind+`]`, true)
	p.wantChecked(`input[name=attempt][value=`+attempt+`]`, true)
	p.wantValue("#f-minutes", strconv.Itoa(minutes))
	start := evalJS[string](p.browserTab, `document.querySelector('#f-start').value`)
	at, err := time.ParseInLocation("15:04", start, regie.Amsterdam)
	wantMin := began.Hour()*60 + began.Minute()
	if err != nil || at.Minute()%5 != 0 || at.Hour()*60+at.Minute() > wantMin || at.Hour()*60+at.Minute() < wantMin-10 {
		p.fatal("read #f-start", fmt.Errorf("%q, want now minus %d minutes (%s) rounded down to 5 minutes", start, minutes, began.Format("15:04")))
	}
	return contactForm{Start: start, Minutes: minutes}
}

// standVanZaken is the "Stand van zaken" card of a family page.
type standVanZaken struct {
	LastContact string   `json:"lastContact"`
	Hours       string   `json:"hours"`
	Signals     []string `json:"signals"`
}

func (p *phoneTab) standVanZaken() standVanZaken {
	p.t.Helper()
	return evalJS[standVanZaken](p.browserTab, `(() => {
		const card = document.querySelector('section[aria-labelledby=h-nu]');
		const dd = name => ((Array.from(card.querySelectorAll('dl.facts dt')).find(dt => dt.textContent.trim() === name) || {}).nextElementSibling || {textContent: ''})
			.textContent.replace(/\s+/g, ' ').trim();
		return {lastContact: dd('Laatste contact'), hours: dd('Uren'),
			signals: Array.from(card.querySelectorAll('ul.signals > li'), li => li.textContent.replace(/\s+/g, ' ').trim())};
	})()`)
}

// wantSignal fails unless a signal with text is shown (or not).
func (s standVanZaken) wantSignal(p *phoneTab, text string, want bool) {
	p.t.Helper()
	if got := containsAny(s.Signals, text); got != want {
		p.fatal("read the signals", fmt.Errorf("signals %q: a signal with %q is there: %v, want %v", s.Signals, text, got, want))
	}
}

// monthHours reads "deze maand 2,3" as hours.
func (s standVanZaken) monthHours(p *phoneTab) float64 {
	p.t.Helper()
	m := regexp.MustCompile(`deze maand (\d+(?:,\d)?)`).FindStringSubmatch(s.Hours)
	if m == nil {
		p.fatal("read the hours", fmt.Errorf("%q has no hours this month", s.Hours))
	}
	h, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil {
		p.fatal("read the hours", err)
	}
	return h
}

// shownContact is a contact in a list, as shown.
type shownContact struct {
	Text  string `json:"text"`
	Badge string `json:"badge"`
	Class string `json:"class"`
}

type shownContacts []shownContact

// recentContacts reads "Laatste contactmomenten", newest first.
func (p *phoneTab) recentContacts() shownContacts {
	p.t.Helper()
	return evalJS[shownContacts](p.browserTab, `Array.from(document.querySelectorAll('section[aria-labelledby=h-contacten] ul.contacts > li'), li => ({
		text: li.innerText.replace(/\s+/g, ' ').trim(),
		badge: (li.querySelector('.badge.denied') || {textContent: ''}).textContent.trim(),
		class: li.className}))`)
}

// find returns the index of the contact with the note, or -1.
func (cs shownContacts) find(note string) int {
	for i, c := range cs {
		if strings.Contains(c.Text, note) {
			return i
		}
	}
	return -1
}

func (cs shownContacts) texts() []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}

// wantNewest fails unless contact i is the newest: only contacts later on
// the same day may be listed above it.
func (cs shownContacts) wantNewest(p *phoneTab, i int, today regie.Date, start string) {
	p.t.Helper()
	at := regexp.MustCompile(regexp.QuoteMeta(today.Dutch()) + ` (\d\d:\d\d) ·`)
	for _, c := range cs[:i] {
		m := at.FindStringSubmatch(c.Text)
		if m == nil || m[1] <= start {
			p.fatal("read the contacts", fmt.Errorf("%q is listed above the newest contact %q", c.Text, cs[i].Text))
		}
		p.t.Logf("listed above the new contact, later today: %q", c.Text)
	}
}

// agendaItem returns the text of a family on the agenda, in the section
// with the heading id (any agenda section when empty).
func (p *phoneTab) agendaItem(heading, family string) string {
	p.t.Helper()
	sec := `section.agenda`
	if heading != "" {
		sec = fmt.Sprintf(`section[aria-labelledby=%s]`, heading)
	}
	item := evalJS[string](p.browserTab, fmt.Sprintf(`((Array.from(document.querySelectorAll(%q)).find(li => li.querySelector('.title').textContent.trim() === %q)) || {textContent: ''})
		.textContent.replace(/\s+/g, ' ').trim()`, sec+` > ul.list > li`, family))
	if item == "" {
		p.fatal("find "+family+" on the agenda", fmt.Errorf("not in %s", sec))
	}
	return item
}

// minutesItem returns the text of a decision about a family in the minutes
// of the meeting.
func (p *phoneTab) minutesItem(family, decision string) string {
	p.t.Helper()
	item := evalJS[string](p.browserTab, fmt.Sprintf(`((Array.from(document.querySelectorAll('section[aria-labelledby=notulen] ul.minutes > li'))
		.find(li => li.querySelector('strong').textContent.trim() === %q && li.textContent.includes(%q))) || {innerText: ''})
		.innerText.replace(/\s+/g, ' ').trim()`, family, decision))
	if item == "" {
		all := evalJS[[]string](p.browserTab, `Array.from(document.querySelectorAll('section[aria-labelledby=notulen] ul.minutes > li'), li => li.innerText.replace(/\s+/g, ' ').trim())`)
		p.fatal("find the decision about "+family, fmt.Errorf("not under Besluiten (notulen): %q", all))
	}
	return item
}

func containsAny(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}
