package main

// The final evaluation in a real browser, on a demo instance: the
// casemanager records it on her phone, the team leader records its
// discussion from the team meeting's agenda.
//
//	go test ./cmd/regie/ -run TestBrowser_FinalEvaluation -v

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"regie"
	"regie/internal/demo"
)

// TestBrowser_FinalEvaluation walks the final evaluation of Gezin Jansen
// (phase 4; its interim evaluation was three months into phase 3). Sanne,
// on her phone, opens the family's evaluations, starts the final one and
// sends it with only who took part: the form comes back, the end terms
// marked, what she typed kept. She scores the goals, the eight end terms,
// answers the closing question and scores one life domain; the evaluation
// is recorded. The team leader finds it on this week's agenda under
// "Evaluaties te bespreken", records the discussion, and the minutes say so.
func TestBrowser_FinalEvaluation(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	m := startDemoOnDay(t)
	base := m.Server.URL()
	began := time.Now()
	step := func(what string) { t.Logf("%5.1fs %s", time.Since(began).Seconds(), what) }
	today := regie.DateOf(m.Clock.Now())
	const (
		others  = "Oma Jansen"
		closing = "Een vast aanspreekpunt bij het buurtteam en de schuldhulp tot de schulden zijn afgelost."
	)

	step("casemanager opens the evaluations")
	cm := newPhoneTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	fam := cm.linkTo(`ul.list a.title`, "Gezin Jansen")
	cm.tapTo(`ul.list a.title[href="`+fam+`"]`, http.StatusOK)
	cm.tapTo(`.page-head a[href="`+fam+`/evaluaties"]`, http.StatusOK)
	cm.wantPath(fam + `/evaluaties`)
	cm.wantText("h1", "Evaluaties")
	cm.wantText("ul.evaluations", "Tussenevaluatie van")
	cm.checkPhoneLayout("evaluaties")

	step("an incomplete final evaluation")
	cm.tapTo(`a[href="`+fam+`/evaluaties/nieuw?soort=eind"]`, http.StatusOK)
	cm.wantText("h1", "Eindevaluatie vastleggen")
	cm.typeNew("#f-others", others)
	cm.tapTo(`.form-actions button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", regie.Text(regie.MsgEvalEndTermScore))
	cm.wantText(".error-summary", regie.Text(regie.MsgEvalGoalDegree))
	cm.wantValue("#f-others", others)
	cm.wantNoSideways("de eindevaluatie, met fouten")

	step("complete it")
	for _, id := range evalJS[[]string](cm.browserTab, `Array.from(document.querySelectorAll('input[type=radio][id$="-degree-0"]'), r => r.id)`) {
		cm.tap("#" + id) // behaald
	}
	for i, term := range regie.EndTerms {
		sel := "#f-term-" + string(term.Value) + "-score"
		if i%2 == 0 {
			cm.choose(sel, "Beh", "Behaald")
		} else {
			cm.choose(sel, "Niet v", "Niet van toepassing")
		}
	}
	cm.typeNew("#f-closing_answer", closing)
	cm.choose("#f-score-financien", "4", "4 —")
	cm.tapTo(`.form-actions button[type=submit]`, http.StatusOK)
	cm.wantPath(fam + `/evaluaties/\d+`)
	cm.wantText(".flash", "De evaluatie is vastgelegd.")
	cm.wantText("h1", "Eindevaluatie van "+today.Dutch())
	cm.wantText("#h-wie ~ p", others)
	cm.wantText("#h-slotvraag ~ p", closing)
	if n := evalJS[int](cm.browserTab, `document.querySelectorAll('section[aria-labelledby=h-eindtermen] tbody tr').length`); n != 8 {
		cm.fatal("count the end terms", fmt.Errorf("%d rows, want 8", n))
	}
	cm.checkPhoneLayout("eindevaluatie")
	evaluation := cm.path()

	step("team leader discusses it in the team meeting")
	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.press(`nav a[href="/teamoverleg"]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + regie.NextMeetingDay(today).ISO())
	tl.wantText("#evaluaties", "Gezin Jansen: eindevaluatie van "+today.Dutch())
	tl.press(`form[action="`+evaluation+`/besproken"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + regie.NextMeetingDay(today).ISO())
	tl.wantText(".flash", "Vastgelegd: de evaluatie is besproken in het teamoverleg.")
	if n := evalJS[int](tl, fmt.Sprintf(`document.querySelectorAll('form[action=%q]').length`, evaluation+"/besproken")); n != 0 {
		tl.fatal("look for the button", fmt.Errorf("the discussed evaluation is still offered"))
	}
	// The decision is in this week's minutes: a week before the next
	// meeting once this week's has passed.
	if next, monday := regie.NextMeetingDay(today), today.Monday(); next != monday {
		tl.press(`a[href="/teamoverleg/`+next.AddDays(-7).ISO()+`"]`, http.StatusOK)
		tl.wantPath(`/teamoverleg/` + monday.ISO())
	}
	minutes := evalJS[[]string](tl, `Array.from(document.querySelectorAll('section[aria-labelledby=notulen] ul.minutes > li'), li => li.innerText.replace(/\s+/g, ' ').trim())`)
	if want := "Gezin Jansen — Eindevaluatie van " + today.Dutch() + " besproken"; !containsAny(minutes, want) {
		tl.fatal("read the minutes", fmt.Errorf("%q, want %s", minutes, want))
	}
	step("done")
}
