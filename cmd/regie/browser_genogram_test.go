package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"regie/internal/demo"
)

// TestBrowser_Genogram: the casemanager opens Gezin Jansen's genogram from
// the family page — three generations drawn, the same people and
// relations as text — adds Dylan's grandmother on his father's side (the
// form first comes back with its errors), then the relation to Patrick,
// and sees both in the drawing and in the list; the person's and the
// relation's pages; axe passes at 1280 and 375 px on each; the printed
// genogram and the plan's PDF carry it.
//
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run TestBrowser_Genogram -v
func TestBrowser_Genogram(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "genogram-")
	shots := newScreenshots(t, "genogram")
	m := startRegieForBrowser(t, true)
	cm := newBrowserTab(t, browser, m.Server.URL(), "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	fam := evalJS[string](cm, `(Array.from(document.querySelectorAll('ul.list a.title')).find(a => a.textContent.trim() === 'Gezin Jansen') || {}).pathname || ''`)
	if fam == "" {
		cm.fatal("find Gezin Jansen", fmt.Errorf("not on the casemanager's list"))
	}
	cm.open(fam, http.StatusOK)
	cm.press(`#h-instrumenten + ul a[href$="/genogram"]`, http.StatusOK)
	cm.wantText("h1", "Genogram")
	wantDrawing(cm, "Genogram van Gezin Jansen", "Opa Wim", "1950–2018", "Legenda")
	cm.wantText("section[aria-labelledby=h-tekst]", "Opa Wim (man, 1950–2018, overleden)")
	cm.wantText("section[aria-labelledby=h-tekst]", "Patrick en Sandra Jansen: gescheiden")
	cm.wantText("section[aria-labelledby=h-tekst]", "Patrick en Sandra Jansen: conflict")
	check(cm, "tekening")
	shots.take(cm, "tekening")

	// A grandmother: first without a sex, so the form comes back.
	cm.typeNew("#f-name", "Oma Joke")
	cm.typeNew("#f-birth_year", "1961")
	setValue(cm, "#f-generation", "-1")
	cm.press(`form[action$="/genogram/personen"] button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", "Geslacht")
	cm.wantValue("#f-name", "Oma Joke")
	check(cm, "persoon-fouten")
	cm.do("choose the sex", chromedp.Click(chromedp.CSS(`input[name=sex][value=v] + label`), chromedp.NodeVisible))
	cm.press(`form[action$="/genogram/personen"] button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "staat in het genogram")
	wantDrawing(cm, "Oma Joke")

	// Her relation to Patrick, her son.
	setOption(cm, "#f-from_id", "Oma Joke")
	setValue(cm, "#f-relation_kind", "kind")
	setOption(cm, "#f-to_id", "Patrick")
	cm.press(`form[action$="/genogram/relaties"] button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "De relatie staat in het genogram")
	cm.wantText("section[aria-labelledby=h-tekst]", "Oma Joke is ouder van Patrick")
	cm.wantText("section[aria-labelledby=h-tekst]", "Oma Joke (vrouw, *1961)")
	check(cm, "na-toevoegen")
	shots.take(cm, "na-toevoegen")

	// The person's and the relation's own pages.
	cm.press(`section[aria-labelledby=h-tekst] a[href*="/genogram/personen/"]`, http.StatusOK)
	cm.wantText("h2", "Gegevens wijzigen")
	check(cm, "persoon")
	cm.open(fam+"/genogram", http.StatusOK)
	cm.press(`section[aria-labelledby=h-tekst] a[href*="/genogram/relaties/"]`, http.StatusOK)
	cm.wantText("h1", "Relatie in het genogram")
	check(cm, "relatie")

	// On A4, and in the plan.
	wantPDFText(t, cm.fetchPDF(fam+"/genogram.pdf"), "Genogram", "Gezin Jansen", "Opa Wim", "Legenda", "Oma Joke is ouder van Patrick")
	wantPDFText(t, cm.fetchPDF(fam+"/plan/1/pdf"), "Hulpverleningsplan", "Bijlage: Genogram", "Oma Joke")
}

// setValue sets a <select>'s value as the page's script would not: there
// is none; it stands for choosing with the mouse.
func setValue(tb *browserTab, sel, value string) {
	tb.t.Helper()
	if !evalJS[bool](tb, fmt.Sprintf(`(s => { s.value = %q; return s.value === %q })(document.querySelector(%q))`, value, value, sel)) {
		tb.fatal("choose in "+sel, fmt.Errorf("no option %q", value))
	}
}

// setOption chooses the first option of a <select> whose label starts
// with label.
func setOption(tb *browserTab, sel, label string) {
	tb.t.Helper()
	if !evalJS[bool](tb, fmt.Sprintf(`(s => { const o = Array.from(s.options).find(o => o.text.startsWith(%q)); if (!o) return false; s.value = o.value; return true })(document.querySelector(%q))`, label, sel)) {
		tb.fatal("choose in "+sel, fmt.Errorf("no option %q", label))
	}
}

// wantDrawing fails unless the page's drawing (its title and texts) holds
// each of wants.
func wantDrawing(tb *browserTab, wants ...string) {
	tb.t.Helper()
	got := evalJS[string](tb, `(s => s ? s.textContent : '')(document.querySelector('figure.drawing svg'))`)
	for _, want := range wants {
		if !strings.Contains(got, want) {
			tb.fatal("read the drawing", fmt.Errorf("%q lacks %q", got, want))
		}
	}
}
