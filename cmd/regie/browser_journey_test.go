package main

// One family's journey in a real browser, months long on an injected
// clock: from an agreed plan through the interim and the final evaluation,
// the warm handover, the coordination of care and closing, to a check-up
// that refers the family again.
//
//	go test ./cmd/regie/ -run TestBrowser_Journey -v

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

// shiftClock is the server's clock in a browser test that spans months:
// the wall clock moved on by a shift the test sets, so the family's
// journey passes its norms without the test waiting.
type shiftClock struct {
	mu    sync.Mutex
	shift time.Duration
}

func (c *shiftClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.shift)
}

// advance moves the clock on by days.
func (c *shiftClock) advance(days int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.shift += time.Duration(days) * 24 * time.Hour
}

// advanceTo moves the clock on to day d, at the same time of day give or
// take the change to or from summer time.
func (c *shiftClock) advanceTo(d regie.Date) {
	for today := c.today(); today != d; today = c.today() {
		c.advance(today.DaysUntil(d))
	}
}

// today is the clock's day in Amsterdam.
func (c *shiftClock) today() regie.Date { return regie.DateOf(c.Now()) }

// newDayClock is a shiftClock at noon of today in Amsterdam when the test
// starts: a browser test that runs for minutes stays on one day, at any
// hour the test is run, without waiting for midnight to pass.
func newDayClock() *shiftClock {
	now := time.Now()
	y, mo, d := now.In(regie.Amsterdam).Date()
	return &shiftClock{shift: time.Date(y, mo, d, 12, 0, 0, 0, regie.Amsterdam).Sub(now)}
}

// startDemoOnDay serves the demo, seeded and run on a day clock.
func startDemoOnDay(t *testing.T) *Main {
	t.Helper()
	return startDemoOnClock(t, newDayClock())
}

// startDemoOnClock serves the demo, seeded and run on clock.
func startDemoOnClock(t *testing.T, clock regie.Clock) *Main {
	t.Helper()
	return startRegieWith(t, filepath.Join(t.TempDir(), "regie.db"), true, func(m *Main) { m.Clock = clock })
}

// demoActor is a context acting as a demo user, for the test's setup.
func demoActor(t *testing.T, m *Main, email string) context.Context {
	t.Helper()
	ctx := context.Background()
	u, err := m.Store.FindUserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	return regie.NewContextWithActor(ctx, &regie.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, OrganisationID: u.OrganisationID,
		TeamID: u.TeamID, IP: "127.0.0.1", UserAgent: "browser test setup"})
}

// journeyFamily is the demo's Gezin Hoogendoorn (phase 3, casemanager3),
// referred again by the demo's referrer: Linda Meijer's referral is
// accepted and linked to the file, so she follows its journey.
func journeyFamily(t *testing.T, m *Main) (familyID, referralID int64) {
	t.Helper()
	cm := demoActor(t, m, "casemanager3@demo.regie.nl")
	list, _, err := m.Store.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine, Query: "Hoogendoorn", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, fs := range list {
		if fs.HouseholdName == "Gezin Hoogendoorn" {
			familyID = fs.ID
		}
	}
	if familyID == 0 {
		t.Fatal("Gezin Hoogendoorn is not among casemanager3's families")
	}
	fam, err := m.Store.FindFamilyByID(cm, familyID)
	if err != nil {
		t.Fatal(err)
	}
	in := regie.ReferralInput{ReferrerPhone: "030 299 00 00", ReferrerFunction: "schoolmaatschappelijk werker",
		HouseholdName: fam.HouseholdName, Street: fam.Street, Postcode: fam.Postcode, City: fam.City, DistrictID: fam.DistrictID,
		DutchProficiency: "goed", ProblemDuration: "lang", Commitment: "ja", Safety: regie.SafetyNone,
		Signals:   map[regie.Domain]string{"kinderen": "Sven en Mila verzuimen veel van school."},
		HelpTried: "Leerplicht en het buurtteam; het gezin kwam niet verder."}
	for _, mb := range fam.Members {
		in.Members = append(in.Members, regie.MemberInput{GivenName: mb.GivenName, FamilyName: mb.FamilyName,
			BirthDate: mb.BirthDate.ISO(), Relation: mb.Relation})
	}
	ref, err := m.Store.CreateReferral(demoActor(t, m, "aanmelder@demo.regie.nl"), in)
	if err != nil {
		t.Fatalf("the referral: %v", err)
	}
	if _, err := m.Store.DecideIntake(demoActor(t, m, "teamleider@demo.regie.nl"), ref.ID, regie.DecisionInput{
		Outcome: regie.IntakeAccept, LinkFamilyID: familyID,
		Feedback: "Het gezin is al bij ons bekend; de casemanager neemt uw aanmelding mee."}); err != nil {
		t.Fatalf("the decision: %v", err)
	}
	return familyID, ref.ID
}

// familyFacts returns what the store knows of the family's journey.
func familyFacts(t *testing.T, m *Main, familyID int64) regie.FamilyFacts {
	t.Helper()
	list, _, err := m.Store.FindFamilies(demoActor(t, m, "casemanager3@demo.regie.nl"),
		regie.FamilyFilter{Scope: regie.ScopeMine, Query: "Hoogendoorn", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, fs := range list {
		if fs.ID == familyID {
			return fs.Facts
		}
	}
	t.Fatalf("family %d is not among casemanager3's families", familyID)
	return regie.FamilyFacts{}
}

// werkbakItem returns the werkbak's item for family that says what, or "".
func werkbakItem(tb *browserTab, family, what string) string {
	tb.t.Helper()
	tb.open("/werkbak", http.StatusOK)
	return evalJS[string](tb, fmt.Sprintf(`(Array.from(document.querySelectorAll('main ul.list > li')).find(li => li.innerText.includes(%q) && li.innerText.includes(%q)) || {innerText: ''}).innerText.replace(/\s+/g, ' ').trim()`, family, what))
}

// onWerkbak says whether the werkbak shows an item for family that says what.
func onWerkbak(tb *browserTab, family, what string) bool {
	tb.t.Helper()
	return werkbakItem(tb, family, what) != ""
}

// pickFirst chooses the first option of a <select> with a value and
// returns that value.
func pickFirst(tb *browserTab, sel string) string {
	tb.t.Helper()
	v := evalJS[string](tb, fmt.Sprintf(`(Array.from(document.querySelectorAll('%s option')).find(o => o.value !== '') || {value: ''}).value`, sel))
	if v == "" {
		tb.fatal("choose in "+sel, fmt.Errorf("no option"))
	}
	tb.do("choose in "+sel, chromedp.SetValue(chromedp.CSS(sel), v))
	return v
}

// agendaSection returns the text of the agenda's section under heading id.
func agendaSection(tb *browserTab, id string) string {
	tb.t.Helper()
	return evalJS[string](tb, fmt.Sprintf(`(document.getElementById(%q) || {closest: () => null}).closest('section')?.innerText || ''`, id))
}

// TestBrowser_Journey takes the demo's Gezin Hoogendoorn (phase 3; its
// casemanager Petra, casemanager3, works on her phone) through the rest of
// its journey on a clock the test moves on by weeks and months, logging in
// again after every jump. The team leader discusses the plan's new version
// (from the demo's interim evaluation) and the family agrees it. On the day
// the next interim evaluation is due the werkbak says so (and did not a
// fortnight before) and the agenda lists it; Petra records it and makes
// plan version 3 from it, which the team discusses and the family agrees.
// The team moves the family to phase 4 in the team meeting; two weeks on
// Petra records the final evaluation with all eight end terms, the team
// discusses it, she records the warm handover and ticks off the referrer's
// commitment — and Linda Meijer, the referrer, sees both on her referral
// (the test has her refer the family again, linked to its file, at the
// start). Phase 5: each network meeting shows on the werkbak on the day it
// is due, three months apart, and leaves it once held. Petra closes the
// file (the network took over; the referrer sees it closed); three months
// on the check-up is due, gives concerns and refers the family again, and
// the agenda shows both. Finally the access log, on its page and through
// the store's query, holds the reads and writes of every step on its day.
func TestBrowser_Journey(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	clock := newDayClock()
	m := startDemoOnClock(t, clock)
	base := m.Server.URL()
	began, startedAt := time.Now(), clock.Now()
	step := func(what string) { t.Logf("%5.1fs %s: %s", time.Since(began).Seconds(), clock.today(), what) }
	shots := newScreenshots(t, "journey")
	famID, refID := journeyFamily(t, m)
	fam := "/gezinnen/" + strconv.FormatInt(famID, 10)
	const name = "Gezin Hoogendoorn"

	// Each jump of the clock ends the sessions: a new tab logs in again.
	casemanager := func() *phoneTab {
		p := newPhoneTab(t, browser, base, "casemanager3 "+clock.today().ISO())
		p.logIn("casemanager3@demo.regie.nl", demo.Password)
		return p
	}
	leader := func() *browserTab {
		tb := newBrowserTab(t, browser, base, "teamleider "+clock.today().ISO())
		tb.logIn("teamleider@demo.regie.nl", demo.Password)
		return tb
	}

	// decide records a decision in this week's team meeting that moves
	// the family to the next phase.
	decide := func(tl *browserTab, text string) {
		t.Helper()
		tl.open("/teamoverleg", http.StatusOK)
		tl.do("choose the family", chromedp.SetValue(chromedp.CSS(`#f-family`), strconv.FormatInt(famID, 10)))
		tl.typeNew("#f-text", text)
		tl.click("#f-move_phase")
		tl.typeNew("#f-phase_reason", "Besproken: verder, de rest van de checklist volgt.")
		tl.press(`form[action$="/besluiten"] button[type=submit]`, http.StatusOK)
		tl.wantText(".flash", "")
	}
	// agree records the family's agreement to plan version n.
	agree := func(cm *phoneTab, n int) {
		t.Helper()
		cm.open(fam+"/plan", http.StatusOK)
		cm.typeDate("#f-agreed_on", clock.today().ISO())
		cm.typeInto("#f-agreed_with", "Erwin Hoogendoorn")
		cm.tapTo(fmt.Sprintf(`form[action="%s/plan/%d/vaststellen"] button`, fam, n), http.StatusOK)
		cm.wantText(".flash", "")
	}

	// dueOn moves the clock to a fortnight before due, when the werkbak
	// does not show what yet, and then to due, when it says "vandaag".
	dueOn := func(due regie.Date, what string) *phoneTab {
		t.Helper()
		if before := due.AddDays(-14); before.After(clock.today()) {
			clock.advanceTo(before)
			cm := casemanager()
			if got := werkbakItem(cm.browserTab, name, what); got != "" {
				t.Errorf("%s: the werkbak shows %q a fortnight before it is due: %s", clock.today(), what, got)
			}
		} else {
			t.Fatalf("%s is due on %s, less than a fortnight from %s", what, due, clock.today())
		}
		clock.advanceTo(due)
		cm := casemanager()
		if got := werkbakItem(cm.browserTab, name, what); !strings.Contains(got, "vandaag") {
			t.Errorf("%s: the werkbak's item %q on the day it is due: %q", clock.today(), what, got)
		}
		return cm
	}
	start := clock.today()
	step("the team discusses the plan's new version and the interim evaluation it came from")
	tl := leader()
	tl.open("/teamoverleg", http.StatusOK)
	if got := agendaSection(tl, "h-concepten"); !strings.Contains(got, name) {
		t.Fatalf("the agenda's drafts: %q", got)
	}
	tl.press(`form[action="`+fam+`/plan/2/besproken"] button`, http.StatusOK)
	tl.open("/teamoverleg", http.StatusOK)
	tl.press(`form[action^="`+fam+`/evaluaties/"][action$="/besproken"] button`, http.StatusOK)
	step("the casemanager agrees it with the family")
	cm := casemanager()
	agree(cm, 2)
	shots.take(cm.browserTab, "plan-vastgesteld")

	// The next interim evaluation is three months after the demo's last
	// one, some three weeks from now.
	interim := familyFacts(t, m, famID).NextInterimOn
	step("the next interim evaluation is due on " + interim.ISO())
	cm = dueOn(interim, "Volgende tussenevaluatie")
	shots.take(cm.browserTab, "werkbak-tussenevaluatie")
	tl = leader()
	tl.open("/teamoverleg", http.StatusOK)
	if got := agendaSection(tl, "h-eval"); !strings.Contains(got, name) {
		t.Fatalf("the agenda's evaluations due: %q", got)
	}
	cm.open(fam+"/evaluaties", http.StatusOK)
	cm.tapTo(`a[href="`+fam+`/evaluaties/nieuw?soort=tussen"]`, http.StatusOK)
	cm.tap(`input[name=members]`)
	cm.choose("#f-score-financien", "3", "3 —")
	cm.tapTo(`.form-actions button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "De evaluatie is vastgelegd.")
	cm.tapTo(`form[action$="/planversie"] button`, http.StatusOK)
	cm.wantPath(fam + `/plan/3/bewerken`)

	step("the team discusses the interim evaluation and the new version; the family agrees it")
	tl.open("/teamoverleg", http.StatusOK)
	if got := agendaSection(tl, "h-eval-bespreken"); !strings.Contains(got, name+": tussenevaluatie van "+clock.today().Dutch()) {
		t.Fatalf("the agenda's evaluations to discuss: %q", got)
	}
	tl.press(`form[action^="`+fam+`/evaluaties/"][action$="/besproken"] button`, http.StatusOK)
	tl.open("/teamoverleg", http.StatusOK)
	tl.press(`form[action="`+fam+`/plan/3/besproken"] button`, http.StatusOK)
	agree(cm, 3)
	if onWerkbak(cm.browserTab, name, "tussenevaluatie") {
		t.Errorf("the werkbak still shows the interim evaluation as due this week: %s", cm.text("main"))
	}

	step("the team moves the family to phase 4")
	decide(tl, "De belangrijkste doelen zijn bereikt; de intensieve fase wordt afgerond en geëvalueerd.")
	if got := agendaSection(tl, "h-afsluiting"); !strings.Contains(got, name) {
		t.Fatalf("the agenda's closings of the intensive phase: %q", got)
	}

	clock.advance(14)
	final := clock.today()
	step("two weeks on: the final evaluation, with the eight end terms")
	cm = casemanager()
	cm.open(fam+"/evaluaties", http.StatusOK)
	cm.tapTo(`a[href="`+fam+`/evaluaties/nieuw?soort=eind"]`, http.StatusOK)
	cm.tap(`input[name=members]`)
	for _, id := range evalJS[[]string](cm.browserTab, `Array.from(document.querySelectorAll('input[type=radio][id$="-degree-0"]'), r => r.id)`) {
		cm.tap("#" + id) // behaald
	}
	for _, term := range regie.EndTerms {
		cm.choose("#f-term-"+string(term.Value)+"-score", "Beh", "Behaald")
	}
	cm.typeNew("#f-closing_answer", "Het buurtteam blijft langskomen; de school houdt het verzuim bij.")
	cm.choose("#f-score-financien", "4", "4 —")
	cm.tapTo(`.form-actions button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "De evaluatie is vastgelegd.")
	if n := evalJS[int](cm.browserTab, `document.querySelectorAll('section[aria-labelledby=h-eindtermen] tbody tr').length`); n != 8 {
		cm.fatal("count the end terms", fmt.Errorf("%d rows, want 8", n))
	}
	tl = leader()
	tl.open("/teamoverleg", http.StatusOK)
	if got := agendaSection(tl, "h-eval-bespreken"); !strings.Contains(got, name+": eindevaluatie van "+clock.today().Dutch()) {
		t.Fatalf("the agenda's evaluations to discuss: %q", got)
	}
	tl.press(`form[action^="`+fam+`/evaluaties/"][action$="/besproken"] button`, http.StatusOK)

	step("the warm handover, and the referrer's commitment")
	cm.open(fam+"/overdracht", http.StatusOK)
	org := pickFirst(cm.browserTab, "#f-org")
	cm.typeInto("#f-contact_person", "Karin de Wit")
	cm.typeDate("#f-on", clock.today().ISO())
	cm.typeNew("#f-goals", "Erwin houdt de administratie zelf bij; het buurtteam kijkt maandelijks mee.")
	cm.typeNew("#f-tasks", "Het buurtteam: maandelijks langs. De casemanager: het netwerkoverleg.")
	cm.tapTo(`form[action="`+fam+`/overdracht"] button[type=submit]`, http.StatusOK)
	cm.wantText("#h-overdrachten + ul", "Karin de Wit")
	cm.typeInto("#f-confirmed_by", "Linda Meijer")
	cm.typeDate("#f-confirmed_on", clock.today().ISO())
	cm.tapTo(`form[action="`+fam+`/overdracht/toezegging"] button[type=submit]`, http.StatusOK)
	cm.wantText("#h-toezegging ~ p.badge", "Afgevinkt")

	step("the referrer sees it on her referral")
	ref := newBrowserTab(t, browser, base, "aanmelder")
	ref.logIn("aanmelder@demo.regie.nl", demo.Password)
	ref.open(fmt.Sprintf("/aanmeldingen/%d", refID), http.StatusOK)
	ref.wantText("#h-verloop ~ dl", "Warme overdracht")
	ref.wantText("#h-verloop ~ dl", "Gedaan op "+clock.today().Dutch())
	ref.wantText("#h-verloop ~ dl", "Uw toezegging")

	step("the team moves the family to phase 5")
	decide(tl, "Eindevaluatie besproken; het netwerk neemt de zorg over. Door naar coördinatie van zorg.")
	if got := agendaSection(tl, "h-afsluiting"); !strings.Contains(got, name) {
		t.Fatalf("the agenda's closings of the intensive phase after the move to phase 5: %q", got)
	}

	var network []regie.Date
	for i := 1; i <= 2; i++ {
		held := final.AddMonths(3)
		if i > 1 {
			held = network[i-2].AddMonths(3)
		}
		network = append(network, held)
		step(fmt.Sprintf("three months on: network meeting %d", i))
		cm = dueOn(held, "Netwerkoverleg")
		cm.open(fam+"/netwerkoverleg/nieuw", http.StatusOK)
		cm.typeDate("#f-held_on", clock.today().ISO())
		cm.tap(`input[name=member]`)
		cm.typeInto("#f-attendee-0-name", "Karin de Wit")
		if got := pickFirst(cm.browserTab, "#f-attendee-0-org"); got != org {
			cm.do("choose Karin's organisation", chromedp.SetValue(chromedp.CSS(`#f-attendee-0-org`), org))
		}
		cm.typeNew("#f-notes", fmt.Sprintf("Netwerkoverleg %d: de afspraken lopen.", i))
		cm.tapTo(`form[action="`+fam+`/netwerkoverleg"] button[type=submit]`, http.StatusOK)
		cm.wantText(".flash", "")
		if onWerkbak(cm.browserTab, name, "Netwerkoverleg") {
			t.Errorf("the werkbak still shows the network meeting after it was held: %s", cm.text("main"))
		}
	}
	step("the casemanager closes the file: the network took over")
	cm.open(fam+"/fase", http.StatusOK)
	cm.tap(`input[name=close_outcome][value="` + string(regie.CloseNetwork) + `"]`)
	cm.typeNew("#f-close_reason", "Het buurtteam en de school hebben de zorg overgenomen; het gezin redt het.")
	cm.tapTo(`form[action="`+fam+`/sluiten"] button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "")
	closedOn := clock.today()
	ref.logIn("aanmelder@demo.regie.nl", demo.Password)
	ref.open(fmt.Sprintf("/aanmeldingen/%d", refID), http.StatusOK)
	ref.wantText("#h-verloop ~ dl", "Gesloten op "+closedOn.Dutch())

	checkup := closedOn.AddMonths(3)
	step("three months after closing: the check-up, with concerns, refers the family again")
	cm = dueOn(checkup, "Check-up na 3 maanden")
	shots.take(cm.browserTab, "werkbak-checkup")
	cm.open(fam+"/checkups/nieuw", http.StatusOK)
	cm.tap(`input[name=member] + label`)
	cm.tap("#f-family_doing")
	cm.typeFocused("#f-family_doing", "Erwin is zijn werk kwijt; Sven verzuimt weer.")
	cm.tap("#f-cooperation")
	cm.typeFocused("#f-cooperation", "Het buurtteam komt nog, maar minder vaak.")
	cm.tap(`input[name=assessment][value=zorgen]`)
	cm.tapTo(`form[action="`+fam+`/checkups"] button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "De check-up is vastgelegd.")
	cm.tapTo(`form[action$="/aanmelding"] button`, http.StatusOK)
	cm.wantText(".flash", "Het gezin is opnieuw aangemeld en staat op de agenda van het teamoverleg.")
	if onWerkbak(cm.browserTab, name, "Check-up na 3 maanden") {
		t.Errorf("the werkbak still shows the check-up after it was held: %s", cm.text("main"))
	}
	tl = leader()
	tl.open("/teamoverleg", http.StatusOK)
	if got := agendaSection(tl, "h-checkups"); !strings.Contains(got, name) || !strings.Contains(got, "opnieuw aangemeld") {
		t.Fatalf("the agenda's check-ups: %q", got)
	}
	if got := agendaSection(tl, "h-aanm"); !strings.Contains(got, name) {
		t.Fatalf("the agenda's new referrals: %q", got)
	}

	step("the access log holds every step")
	pr := newBrowserTab(t, browser, base, "privacy")
	pr.logIn("privacy@demo.regie.nl", demo.Password)
	pr.open("/toegangslog/gezinnen/"+strconv.FormatInt(famID, 10), http.StatusOK)
	pr.wantText("main table", "check-up")
	pr.wantText("main table", "vanuit check-up")
	// The store's audit query, a page at a time: the rows written since
	// the test began.
	privacy := demoActor(t, m, "privacy@demo.regie.nl")
	var entries []*regie.AuditEntry
	for {
		page, total, err := m.Store.FindAuditEntries(privacy, regie.AuditFilter{FamilyID: &famID, Since: startedAt.Add(-time.Second), Offset: len(entries)})
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, page...)
		if len(page) == 0 || len(entries) >= total {
			break
		}
	}
	const (
		petra   = "Petra Hoekstra"   // casemanager3
		jolanda = "Jolanda van Dijk" // the team leader
		linda   = "Linda Meijer"     // the referrer
	)
	wants := []struct {
		on                  regie.Date
		who, action, detail string
	}{
		{start, jolanda, "Wijzigen · Hulpverleningsplan", "versie 2 besproken in het teamoverleg"},
		{start, petra, "Wijzigen · Hulpverleningsplan", "versie 2 vastgesteld met het gezin"},
		{interim, petra, "Inzien · Evaluaties", ""},
		{interim, petra, "Aanmaken · Evaluaties", "tussenevaluatie van " + interim.Dutch() + " vastgelegd"},
		{interim, petra, "Aanmaken · Hulpverleningsplan", "versie 3 begonnen uit de tussenevaluatie"},
		{interim, jolanda, "Wijzigen · Evaluaties", "tussenevaluatie van " + interim.Dutch() + " besproken"},
		{interim, jolanda, "Wijzigen · Hulpverleningsplan", "versie 3 besproken in het teamoverleg"},
		{interim, petra, "Wijzigen · Hulpverleningsplan", "versie 3 vastgesteld met het gezin"},
		{interim, jolanda, "Wijzigen · Fase", "naar fase 4"},
		{final, petra, "Aanmaken · Evaluaties", "eindevaluatie van " + final.Dutch() + " vastgelegd"},
		{final, jolanda, "Wijzigen · Evaluaties", "eindevaluatie van " + final.Dutch() + " besproken"},
		{final, petra, "Inzien · Warme overdracht", "warme overdracht"},
		{final, petra, "Aanmaken · Warme overdracht", "warme overdracht"},
		{final, petra, "Aanmaken · Warme overdracht", "toezegging van de aanmelder afgevinkt"},
		{final, linda, "Inzien · Aanmelding", "overdracht " + final.ISO()},
		{final, jolanda, "Wijzigen · Fase", "naar fase 5"},
		{network[0], petra, "Inzien · Gezinnenlijst", "werkbak"},
		{network[0], petra, "Aanmaken · Netwerkoverleg en coördinatie van zorg", "op " + network[0].ISO()},
		{network[1], petra, "Aanmaken · Netwerkoverleg en coördinatie van zorg", "op " + network[1].ISO()},
		{closedOn, petra, "Wijzigen · Gezinsgegevens", "dossier gesloten (Het netwerk heeft de zorg overgenomen)"},
		{closedOn, linda, "Inzien · Aanmelding", "gesloten " + closedOn.ISO()},
		{checkup, petra, "Inzien · Check-ups na afsluiting", ""},
		{checkup, petra, "Aanmaken · Check-ups na afsluiting", "van " + checkup.Dutch() + ": zorgen"},
		{checkup, petra, "Aanmaken · Aanmelding", "vanuit check-up"},
		{checkup, jolanda, "Inzien · Teamoverleg", ""},
	}
	for _, w := range wants {
		if !slices.ContainsFunc(entries, func(e *regie.AuditEntry) bool {
			return regie.DateOf(e.Time) == w.on && e.UserName == w.who && e.Outcome == regie.OutcomeOK &&
				e.Action.Label()+" · "+e.Segment.Label() == w.action && strings.Contains(e.Detail, w.detail)
		}) {
			t.Errorf("the access log has no row on %s by %s: %s %q", w.on, w.who, w.action, w.detail)
		}
	}
	step("done")
}
