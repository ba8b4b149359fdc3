package main

// The intake in a real browser, on a demo instance: a referrer refers a
// family, the team leader puts it on the team meeting and decides, the
// casemanager finds it, the referrer reads the answer.
//
//	go test ./cmd/regie/ -run TestBrowser_IntakeFlow -v

import (
	"fmt"
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

// TestBrowser_IntakeFlow walks the intake of seed 003 end to end: the
// administrator lowers the norm; a referrer refers a family the team
// already knows (first forgetting the members and signals); the team
// leader schedules it, sees the possible duplicate, accepts it into the
// existing dossier and, over the norm and knowingly, makes Sanne its
// coordinator; Sanne finds the family in phase 1; the referrer reads the
// decision but cannot open the family. Then a second referral is declined,
// with a contra-indication and a warm referral, and the referrer reads why.
func TestBrowser_IntakeFlow(t *testing.T) {
	browser := newBrowser(t)
	m := startRegieForBrowser(t, true)
	base := m.Server.URL()
	began := time.Now()
	step := func(what string) { t.Logf("%5.1fs %s", time.Since(began).Seconds(), what) }

	// The functional administrator lowers "Gezinnen per casemanager per
	// jaar" to 3: Sanne, who started 3 demo families, is then over it.
	step("norms")
	admin := newBrowserTab(t, browser, base, "functioneel beheerder")
	admin.logIn("beheer@demo.regie.nl", demo.Password)
	admin.press(`nav a[href="/beheer/normen"]`, http.StatusOK)
	admin.wantPath(`/beheer/normen`)
	const normField = `input[name="norm.casemanager_gezinnen_per_jaar"]`
	admin.wantLabel(normField, "Gezinnen per casemanager per jaar")
	admin.wantValue(normField, "6")
	admin.typeInto(normField, "3")
	admin.press(`form[action="/beheer/normen"] button[type=submit]`, http.StatusOK)
	admin.wantPath(`/beheer/normen`)
	admin.wantText(".flash", "De normen zijn opgeslagen.")
	admin.wantValue(normField, "3")

	// The team leader looks up the existing family, Gezin Willems — helped
	// before, its file closed — and the birth date of its mother, Ingrid,
	// as the family page shows it.
	step("existing family")
	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	tl.typeInto("#f-q", "Willems")
	tl.press(`form.search button[type=submit]`, http.StatusOK)
	willems := tl.linkTo(`ul.list a.title`, "Gezin Willems")
	willemsID := strings.TrimPrefix(willems, "/gezinnen/")
	tl.press(`ul.list a.title[href="`+willems+`"]`, http.StatusOK)
	tl.wantPath(willems)
	tl.wantText("h1", "Gezin Willems")
	tl.wantText(".notice", "Dossier gesloten")
	ingridBorn := parseDutchDate(t, evalJS[string](tl, `(Array.from(document.querySelectorAll('ul.members li')).find(li => li.textContent.includes('Ingrid Willems')) || {}).textContent || ''`))
	step("Ingrid Willems born " + ingridBorn)

	// The referrer refers Gezin Willems, but forgets the members and the
	// signals: the form comes back with both named, and keeps the rest.
	step("referral, incomplete")
	ref := newBrowserTab(t, browser, base, "aanmelder")
	ref.logIn("aanmelder@demo.regie.nl", demo.Password)
	ref.wantPath(`/aanmeldingen`)
	ref.wantText("h1", "Mijn aanmeldingen")
	ref.press(`nav a[href="/aanmeldingen/nieuw"]`, http.StatusOK)
	ref.wantPath(`/aanmeldingen/nieuw`)
	ref.wantText("h1", "Gezin aanmelden")
	ref.typeInto("#f-referrer_function", "Intern begeleider")
	ref.typeInto("#f-referrer_phone", "030 299 12 34")
	ref.typeInto("#f-household_name", "Gezin Willems")
	ref.choose("#f-district", "Overvecht", "Overvecht")
	ref.click(`input[name=dutch_proficiency][value=matig]`)
	ref.click(`input[name=problem_duration][value=jaren]`)
	ref.typeInto("#f-introducer_name", "Anke Visser")
	ref.typeInto("#f-introducer_function", "Praktijkondersteuner")
	ref.choose("#f-introducer_org", "Huisarts", "Huisartsenpraktijk De Dreef (demo)")
	ref.click(`input[name=commitment][value=ja]`)
	ref.click(`input[name=safety][value=geen_zorgen]`)
	ref.press(`form[action="/aanmeldingen"] button[type=submit]`, http.StatusUnprocessableEntity)
	ref.wantPath(`/aanmeldingen`)
	summary := evalJS[[]string](ref, `Array.from(document.querySelectorAll('.error-summary li'), li => li.innerText.trim())`)
	if len(summary) != 2 || !strings.HasPrefix(summary[0], "Gezinsleden") || !strings.HasPrefix(summary[1], "Signalen") {
		ref.fatal("read the error summary", fmt.Errorf("items %q, want one on Gezinsleden and one on Signalen", summary))
	}
	ref.wantValue("#f-household_name", "Gezin Willems")
	ref.wantValue("#f-referrer_phone", "030 299 12 34")
	ref.wantValue("#f-referrer_function", "Intern begeleider")
	ref.wantValue("#f-introducer_name", "Anke Visser")
	ref.wantSelected("#f-district", "Overvecht")
	ref.wantSelected("#f-introducer_org", "Huisartsenpraktijk De Dreef (demo)")
	for _, radio := range []string{`input[name=dutch_proficiency][value=matig]`, `input[name=problem_duration][value=jaren]`,
		`input[name=commitment][value=ja]`, `input[name=safety][value=geen_zorgen]`} {
		ref.wantChecked(radio, true)
	}

	// Now complete: Ingrid with a typo in her family name, a new baby,
	// and signals on two life domains, each behind its <details>.
	step("referral, complete")
	babyBorn := m.Clock.Now().AddDate(0, -5, 0).Format(time.DateOnly)
	ref.fillReferralMember(0, "Ingrid", "Wilems", ingridBorn, "Ouder")
	ref.fillReferralMember(1, "Mekdes", "Willems", babyBorn, "Kind")
	ref.writeSignal("financien", "Financiële situatie", "Huurachterstand van drie maanden; post blijft ongeopend.")
	ref.writeSignal("kinderen", "Kinderen", "Daniel verzuimt vaak en is stil in de klas.")
	ref.press(`form[action="/aanmeldingen"] button[type=submit]`, http.StatusOK)
	refID := ref.wantPath(`/aanmeldingen/(\d+)`)[1]
	ref.wantText(".flash", "De aanmelding is verstuurd.")
	ref.wantText("h1", "Gezin Willems")
	ref.wantText(".status-card .badge", "Ontvangen")

	// The team leader finds it among the referrals to discuss and puts it
	// on the team meeting of the date the form suggests.
	step("schedule")
	refLink := `ul.list a.title[href="/aanmeldingen/` + refID + `"]`
	tl.press(`nav a[href="/aanmeldingen"]`, http.StatusOK)
	tl.wantPath(`/aanmeldingen`)
	tl.wantInSection("Te bespreken in het teamoverleg", refLink)
	tl.press(refLink, http.StatusOK)
	tl.wantPath(`/aanmeldingen/` + refID)
	tl.wantText(".status-card .badge", "Ontvangen")
	meeting := evalJS[string](tl, `document.querySelector('#f-meeting').value`)
	meetingDay, err := regie.ParseDate(meeting)
	if err != nil {
		tl.fatal("read the suggested meeting date", fmt.Errorf("%q: %v", meeting, err))
	}
	tl.press(`form[action$="/agenda"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/aanmeldingen/` + refID)
	tl.wantText(".flash", "De aanmelding staat op de agenda van het teamoverleg.")
	tl.wantText(".status-card .badge", "Op de agenda van het teamoverleg")
	tl.wantText(".status-card", "teamoverleg van "+meetingDay.Dutch())
	tl.press(`nav a[href="/aanmeldingen"]`, http.StatusOK)
	tl.wantInSection("Te bespreken in het teamoverleg", refLink)
	if item := tl.itemOf(refLink); !strings.Contains(item, "Op de agenda van het teamoverleg") || !strings.Contains(item, "teamoverleg "+meetingDay.Dutch()) {
		tl.fatal("read the referral on the list", fmt.Errorf("%q, want its status and the meeting of %s", item, meetingDay.Dutch()))
	}

	// The referral page names the family the team knows already.
	step("duplicate and decision")
	tl.press(refLink, http.StatusOK)
	tl.wantText("#h-dubbel", "Mogelijk al bekend")
	tl.wantText(`section[aria-labelledby=h-dubbel] a.title[href="`+willems+`"]`, "Gezin Willems")
	tl.wantText(`section[aria-labelledby=h-dubbel]`, "Ingrid Wilems: zelfde geboortedatum")

	// Accept, into the existing dossier.
	tl.press(`.page-head a[href="/aanmeldingen/`+refID+`/besluit"]`, http.StatusOK)
	tl.wantPath(`/aanmeldingen/` + refID + `/besluit`)
	tl.wantText("h1", "Intakebesluit")
	tl.click(`input[name=outcome][value=accepteren]`)
	tl.wantLabel("#f-link-"+willemsID, "Koppelen aan het bestaande dossier Gezin Willems")
	tl.click(`#f-link-` + willemsID)
	const acceptFeedback = "Het gezin is geaccepteerd; de casemanager belt u deze week over de introductie."
	tl.typeNew("#f-feedback", acceptFeedback)
	tl.press(`form[action$="/besluit"] button[type=submit]`, http.StatusOK)
	tl.wantPath(willems + `/toewijzing`)
	tl.wantText(".flash", "het gezin staat in fase 1 (Introductie)")

	// Sanne is over the new norm; choosing her asks for a confirmation.
	step("assignment")
	sanne := evalJS[struct {
		ID    string `json:"id"`
		Label string `json:"label"`
	}](tl, `(() => {
		const r = Array.from(document.querySelectorAll('#f-coordinator .radio')).find(d => d.innerText.includes('Sanne Verbeek'));
		return r ? {id: r.querySelector('input').id, label: r.innerText.replace(/\s+/g, ' ').trim()} : {id: '', label: ''};
	})()`)
	if sanne.ID == "" {
		tl.fatal("find Sanne Verbeek", fmt.Errorf("not among the coordinators"))
	}
	for _, want := range []string{"4 gestart in 12 maanden", "norm 3 per jaar", "boven de norm"} {
		if !strings.Contains(sanne.Label, want) {
			tl.fatal("read Sanne's load", fmt.Errorf("label %q does not contain %q", sanne.Label, want))
		}
	}
	tl.click("#" + sanne.ID)
	tl.press(`form[action$="/toewijzing"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantPath(willems + `/toewijzing`)
	tl.wantText(".error-summary", "Deze keuze gaat boven de norm")
	tl.wantLabel("#f-confirm", "Ik weet het, toch toewijzen")
	tl.wantChecked("#"+sanne.ID, true)
	tl.wantChecked("#f-confirm", false)
	tl.click("#f-confirm")
	tl.press(`form[action$="/toewijzing"] button[type=submit]`, http.StatusOK)
	tl.wantPath(willems)
	tl.wantText(".flash", "De toewijzing is opgeslagen.")
	tl.wantText("h1", "Gezin Willems")
	tl.wantText(".page-head .badge.phase", "Fase 1 · Introductie")
	tl.wantText("#h-nu ~ dl.facts", "Fase 1 · Introductie")
	tl.wantText("#h-regie + dl.facts", "Sanne Verbeek")
	tl.wantText("#h-intake", "Intake")
	for _, want := range []string{"Linda Meijer", "Anke Visser, Praktijkondersteuner", "Huisartsenpraktijk De Dreef (demo)",
		"teamoverleg " + meetingDay.Dutch()} {
		tl.wantText("#h-intake + dl.facts", want)
	}

	// Sanne finds the family in "Mijn gezinnen", in phase 1.
	step("casemanager")
	cm := newBrowserTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.wantPath(`/gezinnen`)
	cm.wantText(`nav a[aria-current="page"]`, "Mijn gezinnen")
	famLink := `ul.list a.title[href="` + willems + `"]`
	cm.wantText(famLink, "Gezin Willems")
	if item := cm.itemOf(famLink); !strings.Contains(item, "Fase 1 · Introductie") || !strings.Contains(item, "regisseur: Sanne Verbeek") {
		cm.fatal("read Gezin Willems on the list", fmt.Errorf("%q, want Fase 1 · Introductie and Sanne as coordinator", item))
	}

	// The referrer reads the decision and the feedback, but the family's
	// dossier is not for her.
	step("referrer reads acceptance")
	ref.press(`nav a[href="/aanmeldingen"]`, http.StatusOK)
	ref.wantPath(`/aanmeldingen`)
	ref.wantInSection("Besloten", refLink)
	if item := ref.itemOf(refLink); !strings.Contains(item, "Geaccepteerd") || !strings.Contains(item, acceptFeedback) {
		ref.fatal("read the referral on the list", fmt.Errorf("%q, want Geaccepteerd and the feedback", item))
	}
	ref.open(willems, http.StatusNotFound)

	// A second family, not known to the team, is declined: first without
	// a contra-indication, which the form refuses.
	step("second referral")
	ref.press(`nav a[href="/aanmeldingen/nieuw"]`, http.StatusOK)
	ref.typeInto("#f-referrer_phone", "030 299 12 34")
	ref.typeInto("#f-household_name", "Gezin Okonkwo")
	ref.choose("#f-district", "Overvecht", "Overvecht")
	ref.fillReferralMember(0, "Grace", "Okonkwo", "1990-03-15", "Ouder")
	ref.writeSignal("wonen", "Woonsituatie", "Moeder slaapt met haar zoon bij wisselende vrienden.")
	ref.click(`input[name=safety][value=geen_zorgen]`)
	ref.press(`form[action="/aanmeldingen"] button[type=submit]`, http.StatusOK)
	declID := ref.wantPath(`/aanmeldingen/(\d+)`)[1]
	ref.wantText(".status-card .badge", "Ontvangen")

	step("decline")
	declLink := `ul.list a.title[href="/aanmeldingen/` + declID + `"]`
	tl.press(`nav a[href="/aanmeldingen"]`, http.StatusOK)
	tl.wantInSection("Te bespreken in het teamoverleg", declLink)
	tl.press(declLink, http.StatusOK)
	tl.wantText("h1", "Gezin Okonkwo")
	tl.press(`.page-head a[href="/aanmeldingen/`+declID+`/besluit"]`, http.StatusOK)
	tl.click(`input[name=outcome][value=afwijzen]`)
	const declineFeedback = "Zonder eigen woning past actief casemanagement niet; de opvang neemt contact op."
	tl.typeNew("#f-feedback", declineFeedback)
	tl.press(`form[action$="/besluit"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Kies bij afwijzen minstens één contra-indicatie")
	tl.wantText("#f-contra_indications .field-error", "Kies bij afwijzen minstens één contra-indicatie")
	tl.wantChecked(`input[name=outcome][value=afwijzen]`, true)
	tl.wantValue("#f-feedback", declineFeedback)
	homeless := `input[name=contra_indications][value=dakloos]`
	tl.wantLabel(homeless, "Het gezin is dakloos")
	tl.click(homeless)
	tl.choose("#f-warm_referral_org", "Maatschappelijke", "Maatschappelijke opvang (demo)")
	tl.press(`form[action$="/besluit"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/aanmeldingen/` + declID)
	tl.wantText(".flash", "Het besluit is vastgelegd.")
	tl.wantText(".status-card .badge", "Afgewezen")
	tl.wantText(".status-card", "Het gezin is dakloos")
	tl.wantText(".status-card", "Maatschappelijke opvang (demo)")

	// The referrer reads why, and where the family can go instead.
	step("referrer reads decline")
	ref.press(`nav a[href="/aanmeldingen"]`, http.StatusOK)
	ref.wantInSection("Besloten", declLink)
	item := ref.itemOf(declLink)
	for _, want := range []string{"Afgewezen", declineFeedback, "Doorverwezen naar: Maatschappelijke opvang (demo)"} {
		if !strings.Contains(item, want) {
			ref.fatal("read the declined referral on the list", fmt.Errorf("%q does not contain %q", item, want))
		}
	}
	step("done")
}

// click clicks an element that does not load a page: a radio, a checkbox,
// a <summary>.
func (tb *browserTab) click(sel string) {
	tb.t.Helper()
	tb.do("click "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// typeNew types text into an empty field. typeInto's Clear fails on a
// <textarea> without text, which has no text node to clear.
func (tb *browserTab) typeNew(sel, text string) {
	tb.t.Helper()
	tb.wantValue(sel, "")
	tb.do("type into "+sel, typeText(sel, text))
}

// choose picks an option of a <select> as a person does with the keyboard:
// focus it and type the start of the option's label. It fails unless the
// option chosen then starts with want.
func (tb *browserTab) choose(sel, typed, want string) {
	tb.t.Helper()
	tb.do("choose in "+sel, chromedp.Focus(chromedp.CSS(sel), chromedp.NodeVisible), chromedp.SendKeys(chromedp.CSS(sel), typed))
	tb.wantSelected(sel, want)
}

// wantSelected fails unless the selected option of a <select> starts with want.
func (tb *browserTab) wantSelected(sel, want string) {
	tb.t.Helper()
	got := evalJS[string](tb, fmt.Sprintf(`(s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text.trim())(document.querySelector(%q))`, sel))
	if !strings.HasPrefix(got, want) {
		tb.fatal("read "+sel, fmt.Errorf("option %q is selected, want %q", got, want))
	}
}

// wantValue fails unless the field sel holds want.
func (tb *browserTab) wantValue(sel, want string) {
	tb.t.Helper()
	if got := evalJS[string](tb, fmt.Sprintf(`document.querySelector(%q).value`, sel)); got != want {
		tb.fatal("read "+sel, fmt.Errorf("value %q, want %q", got, want))
	}
}

// wantChecked fails unless the radio or checkbox sel is (or is not) checked.
func (tb *browserTab) wantChecked(sel string, want bool) {
	tb.t.Helper()
	if got := evalJS[bool](tb, fmt.Sprintf(`document.querySelector(%q).checked`, sel)); got != want {
		tb.fatal("read "+sel, fmt.Errorf("checked is %v, want %v", got, want))
	}
}

// wantLabel fails unless the label of the field sel says want.
func (tb *browserTab) wantLabel(sel, want string) {
	tb.t.Helper()
	got := evalJS[string](tb, fmt.Sprintf(`(f => f && f.labels.length ? f.labels[0].innerText.trim() : '')(document.querySelector(%q))`, sel))
	if !strings.HasPrefix(got, want) {
		tb.fatal("read the label of "+sel, fmt.Errorf("%q, want %q", got, want))
	}
}

// linkTo returns the path of the first link matching sel whose text
// contains text; it fails when there is none.
func (tb *browserTab) linkTo(sel, text string) string {
	tb.t.Helper()
	p := evalJS[string](tb, fmt.Sprintf(`(Array.from(document.querySelectorAll(%q)).find(a => a.textContent.includes(%q)) || {}).pathname || ''`, sel, text))
	if p == "" {
		tb.fatal("find a link to "+text, fmt.Errorf("no %s with %q", sel, text))
	}
	return p
}

// itemOf returns the text of the list item that holds the element sel,
// with its white space collapsed.
func (tb *browserTab) itemOf(sel string) string {
	tb.t.Helper()
	return evalJS[string](tb, fmt.Sprintf(`((document.querySelector(%q) || {closest: () => null}).closest('li') || {innerText: ''}).innerText.replace(/\s+/g, ' ').trim()`, sel))
}

// wantInSection fails unless the element sel is in the list that follows
// the <h2> heading.
func (tb *browserTab) wantInSection(heading, sel string) {
	tb.t.Helper()
	ok := evalJS[bool](tb, fmt.Sprintf(`(() => {
		const h = Array.from(document.querySelectorAll('main h2')).find(h => h.textContent.trim() === %q);
		const list = h && h.nextElementSibling;
		return !!(list && list.matches('ul.list') && list.querySelector(%q));
	})()`, heading, sel))
	if !ok {
		tb.fatal("find "+sel, fmt.Errorf("not in the list under %q", heading))
	}
}

// fillReferralMember fills row n of the referral form's members; birth is
// YYYY-MM-DD, relation the label of the role.
func (tb *browserTab) fillReferralMember(n int, given, family, birth, relation string) {
	tb.t.Helper()
	f := func(name string) string { return fmt.Sprintf("#f-member-%d-%s", n, name) }
	tb.typeInto(f("given_name"), given)
	tb.typeInto(f("family_name"), family)
	tb.typeDate(f("birth_date"), birth)
	tb.choose(f("relation"), relation, relation)
}

// writeSignal opens a life domain of the referral form by its <summary>
// and writes what the referrer saw.
func (tb *browserTab) writeSignal(domain, label, text string) {
	tb.t.Helper()
	summary := fmt.Sprintf(`details.domain:has(#f-signal-%s) > summary`, domain)
	tb.wantText(summary, label)
	tb.click(summary)
	tb.typeNew("#f-signal-"+domain, text)
}

// parseDutchDate finds "Geboren 3 maart 1982" in text and returns the date
// as 1982-03-03.
func parseDutchDate(t *testing.T, text string) string {
	t.Helper()
	months := []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	m := regexp.MustCompile(`Geboren (\d{1,2}) ([a-z]+) (\d{4})`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no birth date in %q", text)
	}
	for i, name := range months {
		if name == m[2] {
			d, _ := strconv.Atoi(m[1])
			return fmt.Sprintf("%s-%02d-%02d", m[3], i+1, d)
		}
	}
	t.Fatalf("no month %q", m[2])
	return ""
}
