package main

// The hulpverleningsplan in a real browser, on a demo instance: the
// casemanager writes it on her phone, the team leader discusses it at her
// desk, the family agrees, the PDF carries the goals, and a second version
// shows what changed.
//
//	go test ./cmd/regie/ -run TestBrowser_PlanFlow -v
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run TestBrowser_PlanFlow

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/demo"
)

// TestBrowser_PlanFlow walks the plan of Gezin Yilmaz, which has none yet.
// Sanne, on her phone, begins it: the situation, scores on two life
// domains, two goals and three agreements — the third first without who
// and when, which the form refuses, keeping everything she typed. The team
// leader, at her desk, records it as discussed in the team meeting, and the
// minutes say so. Sanne records the family's agreement; the PDF downloads
// and holds both goals; the family page shows the plan and the scores.
// Then a new version rewords the first goal, and the comparison marks that
// goal, and only that one, as changed.
func TestBrowser_PlanFlow(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	m := startDemoOnDay(t)
	base := m.Server.URL()
	began := time.Now()
	step := func(what string) { t.Logf("%5.1fs %s", time.Since(began).Seconds(), what) }
	today := regie.DateOf(m.Clock.Now())
	monday := today.Monday()
	shots := newScreenshots(t, "plan")

	const (
		history    = "Murat verloor vorig jaar zijn werk; de rekeningen stapelen zich op."
		strengths  = "Elif en Murat zorgen goed voor de kinderen."
		problems   = "Schulden en ongeopende post; Emir komt vaak te laat."
		moneyNote  = "Huurachterstand van twee maanden."
		kidsNote   = "Emir is vaak moe en komt te laat."
		goal1      = "We willen de rekeningen zelf op tijd betalen."
		goal2      = "Emir gaat elke dag op tijd naar school."
		agreement1 = "Samen met Sanne de post openmaken."
		agreement2 = "Aanmelden bij de Kredietbank."
		agreement3 = "Intakegesprek schuldhulpverlening."
		closing    = "Een budgetcoach en een vaste plek voor de post."
		agreedWith = "Elif en Murat Yilmaz"
	)
	due1, due2, due3 := today.AddDays(7).ISO(), today.AddDays(14).ISO(), today.AddDays(30).ISO()

	// Sanne opens Gezin Yilmaz from "Mijn gezinnen", on her phone.
	step("casemanager opens the family")
	cm := newPhoneTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.wantPath(`/gezinnen`)
	fam := cm.linkTo(`ul.list a.title`, "Gezin Yilmaz")
	cm.tapTo(`ul.list a.title[href="`+fam+`"]`, http.StatusOK)
	cm.wantPath(fam)
	cm.wantText("h1", "Gezin Yilmaz")
	cm.wantText("#h-plan ~ p.empty", "Nog geen plan.")
	cm.tapTo(`.page-head a[href="`+fam+`/plan"]`, http.StatusOK)
	cm.wantPath(fam + `/plan`)
	cm.wantText("h1", "Hulpverleningsplan")
	cm.wantText("#h-leeg", "Nog geen plan")
	cm.checkPhoneLayout("plan, leeg")

	// "Plan beginnen" opens the draft form of version 1: three empty goal
	// rows and three empty agreement rows.
	step("begin the plan")
	cm.tapTo(`form[action="`+fam+`/plan"] button[type=submit]`, http.StatusOK)
	cm.wantPath(fam + `/plan/1/bewerken`)
	cm.wantText("h1", "Hulpverleningsplan, versie 1")
	if goals, agreements := cm.planRows(); goals != 3 || agreements != 3 {
		cm.fatal("count the rows", fmt.Errorf("%d goal rows and %d agreement rows, want 3 and 3", goals, agreements))
	}
	cm.wantNoSideways("het planformulier")
	shots.take(cm.browserTab, "formulier-leeg")

	// The situation, in the family's words.
	step("fill in the draft")
	cm.typeNew("#f-history", history)
	cm.typeNew("#f-strengths", strengths)
	cm.typeNew("#f-problems", problems)

	// Two life domains, each opened by its <summary>, with a score.
	cm.scoreDomain("financien", "Financiële situatie", 2, moneyNote)
	cm.scoreDomain("kinderen", "Kinderen", 3, kidsNote)

	// Two goals; the third row stays empty.
	cm.typeNew("#f-goal-0-text", goal1)
	cm.choose("#f-goal-0-term", "Kort", "Korte termijn")
	cm.choose("#f-goal-0-domain", "Fin", "Financiële situatie")
	cm.wantSelected("#f-goal-0-member", "Het hele gezin")
	cm.typeNew("#f-goal-1-text", goal2)
	cm.choose("#f-goal-1-term", "Lang", "Lange termijn")
	cm.choose("#f-goal-1-domain", "Kin", "Kinderen")
	cm.choose("#f-goal-1-member", "Emir", "Emir")

	// Three agreements, but the third without who and when.
	cm.typeInto("#f-agreement-0-what", agreement1)
	cm.choose("#f-agreement-0-owner", "Elif", "Elif Yilmaz (ouder)")
	cm.typeDate("#f-agreement-0-due", due1)
	cm.typeInto("#f-agreement-1-what", agreement2)
	cm.choose("#f-agreement-1-owner", "Sanne", "Sanne Verbeek")
	cm.typeDate("#f-agreement-1-due", due2)
	cm.typeInto("#f-agreement-2-what", agreement3)
	cm.typeNew("#f-closing_question", closing)
	cm.wantNoSideways("het planformulier, ingevuld")

	// "Concept opslaan" is refused: the summary names the third agreement's
	// owner and date, both fields are marked, and nothing typed is lost.
	step("an agreement without who and when")
	cm.tapTo(`.form-actions button[type=submit]:not([name])`, http.StatusUnprocessableEntity)
	cm.wantPath(fam + `/plan/1`)
	ownerMsg := regie.Text(regie.MsgAgreementNeedsOwner)
	const dueMsg = "Geef aan wanneer het gedaan moet zijn."
	cm.wantText(".error-summary", "Er is iets niet goed ingevuld")
	summary := evalJS[[]string](cm.browserTab, `Array.from(document.querySelectorAll('.error-summary li'), li => li.innerText.trim())`)
	if want := []string{"Afspraak 3, wie: " + ownerMsg, "Afspraak 3, uiterlijk: " + dueMsg}; strings.Join(summary, "\n") != strings.Join(want, "\n") {
		cm.fatal("read the error summary", fmt.Errorf("items %q, want %q", summary, want))
	}
	cm.wantText(`.error-summary a[href="#f-agreement-2-owner"]`, ownerMsg)
	cm.wantText(`.error-summary a[href="#f-agreement-2-due"]`, dueMsg)
	cm.wantMarked("#f-agreement-2-owner", ownerMsg)
	cm.wantMarked("#f-agreement-2-due", dueMsg)
	if n := evalJS[int](cm.browserTab, `document.querySelectorAll('.plan-form .has-error, .plan-form [aria-invalid=true]').length`); n != 4 {
		cm.fatal("count the marked fields", fmt.Errorf("%d fields or wrappers are marked, want the 2 fields of Afspraak 3, each with its wrapper", n))
	}
	cm.wantValue("#f-history", history)
	cm.wantValue("#f-strengths", strengths)
	cm.wantValue("#f-problems", problems)
	cm.wantDomain("financien", 2, moneyNote)
	cm.wantDomain("kinderen", 3, kidsNote)
	cm.wantValue("#f-goal-0-text", goal1)
	cm.wantSelected("#f-goal-0-term", "Korte termijn")
	cm.wantSelected("#f-goal-0-domain", "Financiële situatie")
	cm.wantSelected("#f-goal-0-member", "Het hele gezin")
	cm.wantValue("#f-goal-1-text", goal2)
	cm.wantSelected("#f-goal-1-term", "Lange termijn")
	cm.wantSelected("#f-goal-1-domain", "Kinderen")
	cm.wantSelected("#f-goal-1-member", "Emir")
	cm.wantValue("#f-goal-2-text", "")
	cm.wantValue("#f-agreement-0-what", agreement1)
	cm.wantSelected("#f-agreement-0-owner", "Elif Yilmaz (ouder)")
	cm.wantValue("#f-agreement-0-due", due1)
	cm.wantValue("#f-agreement-1-what", agreement2)
	cm.wantSelected("#f-agreement-1-owner", "Sanne Verbeek")
	cm.wantValue("#f-agreement-1-due", due2)
	cm.wantValue("#f-agreement-2-what", agreement3)
	cm.wantValue("#f-closing_question", closing)
	cm.wantNoSideways("het planformulier, met fouten")
	shots.take(cm.browserTab, "formulier-fout")

	// She follows the summary's link to the owner, puts both right and
	// saves in between.
	step("put it right")
	cm.tap(`.error-summary a[href="#f-agreement-2-owner"]`)
	if id := evalJS[string](cm.browserTab, `document.activeElement ? document.activeElement.id : ''`); id != "f-agreement-2-owner" {
		t.Errorf("the link in the error summary moves the focus to %q, want f-agreement-2-owner", id)
	}
	cm.choose("#f-agreement-2-owner", "Kred", "Kredietbank Utrecht (demo)")
	cm.typeDate("#f-agreement-2-due", due3)
	cm.tapTo(`.form-actions button[name=stay]`, http.StatusOK)
	cm.wantPath(fam + `/plan/1/bewerken`)
	cm.wantText(".flash", "Het concept van het plan is opgeslagen.")
	if goals, agreements := cm.planRows(); goals != 4 || agreements != 5 {
		cm.fatal("count the rows", fmt.Errorf("%d goal rows and %d agreement rows after saving 2 and 3, want 4 and 5", goals, agreements))
	}
	cm.wantDomain("financien", 2, moneyNote)
	cm.wantDomain("kinderen", 3, kidsNote)
	cm.wantValue("#f-goal-0-text", goal1)
	cm.wantSelected("#f-goal-1-member", "Emir")
	cm.wantSelected("#f-agreement-2-owner", "Kredietbank Utrecht (demo)")
	cm.wantValue("#f-agreement-2-due", due3)
	cm.tapTo(`.form-actions button[type=submit]:not([name])`, http.StatusOK)
	cm.wantPath(fam + `/plan`)
	cm.wantText(".flash", "Het concept van het plan is opgeslagen.")
	cm.wantText("#h-concept", "Concept: versie 1")
	cm.wantText("section.draft", "Nog niet besproken in het teamoverleg.")
	if n := evalJS[int](cm.browserTab, `document.querySelectorAll('form[action$="/plan/1/besproken"]').length`); n != 0 {
		cm.fatal("look for the team meeting button", fmt.Errorf("a casemanager is offered 'Besproken in het teamoverleg'"))
	}
	cm.checkPhoneLayout("plan, concept")
	shots.take(cm.browserTab, "concept")

	// The team leader, at her desk, finds the family among the team's and
	// records that the plan was discussed in this week's team meeting.
	step("team leader")
	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	if got := tl.linkTo(`ul.list a.title`, "Gezin Yilmaz"); got != fam {
		tl.fatal("find Gezin Yilmaz", fmt.Errorf("the team's list links it to %s, Sanne's to %s", got, fam))
	}
	tl.press(`ul.list a.title[href="`+fam+`"]`, http.StatusOK)
	tl.press(`.page-head a[href="`+fam+`/plan"]`, http.StatusOK)
	tl.wantPath(fam + `/plan`)
	tl.wantText("#h-concept", "Concept: versie 1")
	tl.wantText("section.draft", "Nog niet besproken in het teamoverleg.")
	tl.wantText(`form[action="`+fam+`/plan/1/besproken"] button`, "Besproken in het teamoverleg")
	tl.press(`form[action="`+fam+`/plan/1/besproken"] button[type=submit]`, http.StatusOK)
	tl.wantPath(fam + `/plan`)
	tl.wantText(".flash", "Vastgelegd: het plan is besproken in het teamoverleg.")
	tl.wantText("#h-concept .badge", "Besproken in het teamoverleg")
	tl.wantText("section.draft", "Besproken in het teamoverleg van "+monday.Dutch()+" (Jolanda van Dijk).")
	shots.take(tl, "besproken")

	// The minutes of this week's meeting have it. The menu opens the next
	// meeting, next week's once this week's has passed; this week's is a
	// week before it then.
	tl.press(`nav a[href="/teamoverleg"]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + regie.NextMeetingDay(today).ISO())
	if next := regie.NextMeetingDay(today); next != monday {
		tl.press(`a[href="/teamoverleg/`+next.AddDays(-7).ISO()+`"]`, http.StatusOK)
		tl.wantPath(`/teamoverleg/` + monday.ISO())
	}
	minutes := evalJS[[]string](tl, `Array.from(document.querySelectorAll('section[aria-labelledby=notulen] ul.minutes > li'), li => li.innerText.replace(/\s+/g, ' ').trim())`)
	if !containsAny(minutes, "Gezin Yilmaz — Hulpverleningsplan versie 1 besproken") {
		tl.fatal("read the minutes", fmt.Errorf("%q, want Gezin Yilmaz — Hulpverleningsplan versie 1 besproken", minutes))
	}

	// Sanne records the family's agreement: the day they signed, and who.
	step("agree with the family")
	cm.open(fam+"/plan", http.StatusOK)
	cm.wantText("section.draft", "Besproken in het teamoverleg van "+monday.Dutch())
	cm.wantLabel("#f-agreed_on", "Getekend op")
	cm.wantLabel("#f-agreed_with", "Door wie van het gezin")
	cm.typeDate("#f-agreed_on", today.ISO())
	cm.typeInto("#f-agreed_with", agreedWith)
	cm.tapTo(`form[action="`+fam+`/plan/1/vaststellen"] button[type=submit]`, http.StatusOK)
	cm.wantPath(fam + `/plan`)
	cm.wantText(".flash", "Het plan is vastgesteld met het gezin")
	cm.wantText(".page-head .lead", "geldend: versie 1, vastgesteld op "+today.Dutch())
	version1 := cm.versionRow(1)
	for _, want := range []string{"Vastgesteld met het gezin", monday.Dutch(), today.Dutch() + ", met " + agreedWith} {
		if !strings.Contains(version1, want) {
			cm.fatal("read version 1 in Versies", fmt.Errorf("%q does not contain %q", version1, want))
		}
	}
	for _, what := range []string{agreement1, agreement2, agreement3} {
		cm.wantText("#afspraken-card", what)
	}
	cm.checkPhoneLayout("plan, vastgesteld")
	shots.take(cm.browserTab, "vastgesteld")

	// The PDF: a download, fetched here with Sanne's session.
	step("pdf")
	pdfLink := `.page-head a[href="` + fam + `/plan/1/pdf"]`
	cm.wantText(pdfLink, "PDF van versie 1")
	if !evalJS[bool](cm.browserTab, fmt.Sprintf(`document.querySelector(%q).hasAttribute('download')`, pdfLink)) {
		t.Errorf("the link 'PDF van versie 1' has no download attribute")
	}
	pdfFile := cm.fetchPDF(fam + "/plan/1/pdf")

	// The family page shows the plan, its open agreements and the scores.
	step("family page")
	cm.tapTo(`p.back a[href="`+fam+`"]`, http.StatusOK)
	cm.wantPath(fam)
	cm.wantText("#h-plan", "Hulpverleningsplan")
	cm.wantText("#h-plan + dl.facts", "Versie 1, vastgesteld op "+today.Dutch()+" met "+agreedWith)
	for _, what := range []string{agreement1, agreement2, agreement3} {
		cm.wantText("section[aria-labelledby=h-plan] ul.agreements", what)
	}
	paths := evalJS[[]string](cm.browserTab, `Array.from(document.querySelectorAll('section[aria-labelledby=h-zelfredzaamheid] ul.score-paths > li'), li => li.innerText.replace(/\s+/g, ' ').trim())`)
	if want := []string{"Financiële situatie 2", "Kinderen 3"}; strings.Join(paths, "\n") != strings.Join(want, "\n") {
		cm.fatal("read Zelfredzaamheid", fmt.Errorf("%q, want %q", paths, want))
	}
	cm.checkPhoneLayout("het gezin, met plan")
	shots.take(cm.browserTab, "gezin")

	// A new version, at the interim evaluation: the form comes filled with
	// version 1, and Sanne rewords the first goal.
	step("new version")
	const goal1v2 = "We willen samen met Murat de rekeningen op tijd betalen."
	cm.tapTo(`.page-head a[href="`+fam+`/plan"]`, http.StatusOK)
	cm.wantText("#h-nieuw", "Plan aanpassen")
	cm.choose("#f-origin", "Tus", "Tussenevaluatie")
	cm.tapTo(`section[aria-labelledby=h-nieuw] button[type=submit]`, http.StatusOK)
	cm.wantPath(fam + `/plan/2/bewerken`)
	cm.wantText(".flash", "Er is een nieuwe conceptversie van het plan")
	cm.wantText("h1", "Hulpverleningsplan, versie 2")
	cm.wantText(".lead", "Tussenevaluatie")
	cm.wantValue("#f-history", history)
	cm.wantDomain("financien", 2, moneyNote)
	cm.wantDomain("kinderen", 3, kidsNote)
	cm.wantValue("#f-goal-0-text", goal1)
	cm.wantValue("#f-goal-1-text", goal2)
	cm.wantSelected("#f-goal-1-member", "Emir")
	cm.wantSelected("#f-agreement-2-owner", "Kredietbank Utrecht (demo)")
	cm.wantValue("#f-agreement-2-due", due3)
	cm.typeInto("#f-goal-0-text", goal1v2)
	cm.wantNoSideways("het planformulier, versie 2")
	cm.tapTo(`.form-actions button[type=submit]:not([name])`, http.StatusOK)
	cm.wantPath(fam + `/plan`)
	cm.wantText(".flash", "Het concept van het plan is opgeslagen.")
	cm.wantText("#h-concept", "Concept: versie 2")
	// Version 1 still holds: the family agreed to that one.
	cm.wantText(".page-head .lead", "geldend: versie 1")

	// The comparison marks the first goal, word by word, and nothing else.
	step("compare")
	compare := `a[href="` + fam + `/plan/vergelijken?van=1&met=2"]`
	cm.wantText(compare, "Vergelijk met 1")
	cm.tapTo(compare, http.StatusOK)
	cm.wantPath(fam + `/plan/vergelijken\?van=1&met=2`)
	cm.wantText("h1", "Versie 1 en 2 vergeleken")
	cm.wantText(".lead", "1 onderdeel gewijzigd")
	rows := cm.compareRows()
	var changed []string
	for _, r := range rows {
		if r.Class == "changed" {
			changed = append(changed, r.Label)
		}
	}
	if len(changed) != 1 || changed[0] != "Doel 1" {
		cm.fatal("read the comparison", fmt.Errorf("changed rows %q, want only Doel 1", changed))
	}
	doel1, doel2 := rows.find("Doel 1"), rows.find("Doel 2")
	if doel1 == nil || doel2 == nil {
		cm.fatal("read the comparison", fmt.Errorf("rows %q, want Doel 1 and Doel 2", rows.labels()))
	}
	if doel1.Badge != "gewijzigd" || strings.Join(doel1.Deleted, "|") != "zelf" || strings.Join(doel1.Inserted, "|") != "samen met Murat" {
		cm.fatal("read Doel 1", fmt.Errorf("badge %q, deleted %q, inserted %q; want gewijzigd, [zelf], [samen met Murat]", doel1.Badge, doel1.Deleted, doel1.Inserted))
	}
	if !strings.Contains(doel1.Old, goal1) || !strings.Contains(doel1.New, goal1v2) {
		cm.fatal("read Doel 1", fmt.Errorf("old %q, new %q; want the old and the new goal", doel1.Old, doel1.New))
	}
	if doel2.Class != "same" || doel2.Badge != "" || len(doel2.Deleted)+len(doel2.Inserted) > 0 || !strings.Contains(doel2.New, goal2) {
		cm.fatal("read Doel 2", fmt.Errorf("%+v, want it unchanged", *doel2))
	}
	// On the phone both versions of a goal are read without scrolling the
	// table sideways.
	if !doel1.InView {
		t.Errorf("at %d px the comparison of Doel 1 does not fit the page: a version is hidden beside it", phoneWidth)
	}
	cm.wantNoSideways("vergelijken")
	shots.take(cm.browserTab, "vergelijken")

	// Last, as it may skip: the PDF of version 1 holds both goals.
	step("pdf text")
	wantPDFText(t, pdfFile, "Gezin Yilmaz", goal1, goal2)
	step("done")
}

// planRows counts the goal and agreement rows of the draft form.
func (p *phoneTab) planRows() (goals, agreements int) {
	p.t.Helper()
	n := evalJS[[]int](p.browserTab, `[document.querySelectorAll('fieldset.goal-row').length, document.querySelectorAll('fieldset.agreement-row').length]`)
	return n[0], n[1]
}

// scoreDomain opens a life domain of the draft form by its <summary>,
// taps a score and writes the situation.
func (p *phoneTab) scoreDomain(key, label string, score int, situation string) {
	p.t.Helper()
	summary := fmt.Sprintf(`details#f-domain-%s > summary`, key)
	p.wantText(summary, label)
	if evalJS[bool](p.browserTab, fmt.Sprintf(`document.querySelector('#f-domain-%s').open`, key)) {
		p.fatal("open "+label, fmt.Errorf("the domain is open before anything was filled in"))
	}
	p.tap(summary)
	radio := fmt.Sprintf("#f-score-%s-%d", key, score)
	p.tap(`label[for="` + radio[1:] + `"]`)
	p.wantChecked(radio, true)
	p.tap(fmt.Sprintf("#f-domain-%s-situation", key))
	p.typeFocused(fmt.Sprintf("#f-domain-%s-situation", key), situation)
}

// wantDomain fails unless a life domain of the draft form is open, with
// the score chosen and the situation written.
func (p *phoneTab) wantDomain(key string, score int, situation string) {
	p.t.Helper()
	if !evalJS[bool](p.browserTab, fmt.Sprintf(`document.querySelector('#f-domain-%s').open`, key)) {
		p.fatal("read the domain "+key, fmt.Errorf("closed, want it open with its score"))
	}
	p.wantText(fmt.Sprintf(`details#f-domain-%s > summary .score`, key), fmt.Sprintf("score %d", score))
	p.wantChecked(fmt.Sprintf("#f-score-%s-%d", key, score), true)
	p.wantValue(fmt.Sprintf("#f-domain-%s-situation", key), situation)
}

// wantMarked fails unless the field sel is marked wrong: aria-invalid, its
// wrapper .has-error, and its message next to it, linked by
// aria-describedby.
func (p *phoneTab) wantMarked(sel, msg string) {
	p.t.Helper()
	got := evalJS[struct {
		Invalid   string `json:"invalid"`
		HasError  bool   `json:"hasError"`
		Described string `json:"described"`
	}](p.browserTab, fmt.Sprintf(`(f => ({invalid: f.getAttribute('aria-invalid') || '', hasError: f.closest('.field').classList.contains('has-error'),
		described: f.getAttribute('aria-describedby') || ''}))(document.querySelector(%q))`, sel))
	errID := sel[1:] + "-error"
	if got.Invalid != "true" || !got.HasError || !strings.Contains(got.Described, errID) {
		p.fatal("read "+sel, fmt.Errorf("aria-invalid %q, .has-error %v, aria-describedby %q; want it marked, described by #%s", got.Invalid, got.HasError, got.Described, errID))
	}
	p.wantText("#"+errID, msg)
}

// wantNoSideways fails when the page scrolls sideways: a stricter
// checkPhoneLayout, against the width the page has.
func (p *phoneTab) wantNoSideways(page string) {
	p.t.Helper()
	w := evalJS[[]int](p.browserTab, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
	if w[0] > w[1] {
		wide := evalJS[[]string](p.browserTab, `Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
			.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : ''))`)
		p.t.Errorf("%s: %s (%s): the page is %d px wide in %d px and scrolls sideways; widest: %q", p.name, page, p.path(), w[0], w[1], wide)
	}
}

// versionRow returns the text of a version's row in "Versies".
func (p *phoneTab) versionRow(n int) string {
	p.t.Helper()
	row := evalJS[string](p.browserTab, fmt.Sprintf(`((Array.from(document.querySelectorAll('section[aria-labelledby=h-versies] tbody tr')).find(tr => tr.cells[0].textContent.trim() === '%d')) || {innerText: ''})
		.innerText.replace(/\s+/g, ' ').trim()`, n))
	if row == "" {
		p.fatal(fmt.Sprintf("find version %d", n), fmt.Errorf("not in Versies"))
	}
	return row
}

// compareRow is a row of the comparison of two versions, as shown.
type compareRow struct {
	Label    string   `json:"label"`
	Class    string   `json:"class"`
	Badge    string   `json:"badge"`
	Old      string   `json:"old"`
	New      string   `json:"new"`
	Deleted  []string `json:"deleted"`
	Inserted []string `json:"inserted"`
	InView   bool     `json:"inView"` // both versions' cells within the page's width
}

type compareRows []compareRow

func (p *phoneTab) compareRows() compareRows {
	p.t.Helper()
	return evalJS[compareRows](p.browserTab, `Array.from(document.querySelectorAll('table.compare tbody tr'), tr => {
		const th = tr.querySelector('th'), badge = th.querySelector('.badge');
		const text = e => e.textContent.replace(/\s+/g, ' ').trim();
		return {label: text(th.firstChild), class: tr.className, badge: badge ? text(badge) : '',
			old: text(tr.cells[1]), new: text(tr.cells[2]),
			deleted: Array.from(tr.cells[1].querySelectorAll('del'), text), inserted: Array.from(tr.cells[2].querySelectorAll('ins'), text),
			inView: [tr.cells[1], tr.cells[2]].every(td => td.getBoundingClientRect().right <= document.documentElement.clientWidth)};
	})`)
}

func (rs compareRows) find(label string) *compareRow {
	for i := range rs {
		if rs[i].Label == label {
			return &rs[i]
		}
	}
	return nil
}

func (rs compareRows) labels() []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Label)
	}
	return out
}

// fetchPDF downloads a PDF as the tab's user — with the tab's cookies, as
// the browser would — checks that it is served as a PDF attachment, and
// returns the file it saved it to.
func (tb *browserTab) fetchPDF(path string) string {
	tb.t.Helper()
	body, cd := tb.download(path, "application/pdf")
	if !strings.Contains(cd, ".pdf") {
		tb.fatal("download "+path, fmt.Errorf("Content-Disposition %q, want a .pdf name", cd))
	}
	if !strings.HasPrefix(string(body), "%PDF-") {
		tb.fatal("download "+path, fmt.Errorf("the body starts with %q, want %%PDF-", body[:min(len(body), 16)]))
	}
	file := filepath.Join(tb.t.TempDir(), "download.pdf")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return file
}

// wantPDFText reads a PDF with pdftotext (poppler-utils) and fails unless
// each of wants is in it, white space folded. Without pdftotext it skips,
// or fails under CI=true.
func wantPDFText(t *testing.T, file string, wants ...string) {
	t.Helper()
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		browserSkip(t, "no pdftotext: install poppler-utils to read the plan's PDF")
	}
	out, err := exec.Command(exe, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not contain %q; its text:\n%s", want, indentLines(text))
		}
	}
}
