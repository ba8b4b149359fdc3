package main

// The family council (familieberaad) in a real browser: Sanne plans one
// for Gezin Jansen from the family page — first without a date, which
// comes back marked — with the household, oma Thea and herself invited;
// the council's page is the agenda to print (saved as an A4 PDF and as a
// picture of the print); she records who came and two agreements with
// owners and dates (first one without a date, marked), and takes them
// over: they are in the plan's draft with their owners and dates. Every
// new page passes axe at 1280 and 375 px.
//
//	go test ./cmd/regie/ -run TestBrowser_FamilyCouncil -v
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run TestBrowser_FamilyCouncil

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

func TestBrowser_FamilyCouncil(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "familieberaad-")
	shots := newScreenshots(t, "familieberaad")
	m := startRegieForBrowser(t, true)
	today := regie.DateOf(time.Now())

	cm := newBrowserTab(t, browser, m.Server.URL(), "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	fam := cm.linkTo(`ul.list a.title`, "Gezin Jansen")
	cm.open(fam, http.StatusOK)
	cm.press(`a[href="`+fam+`/familieberaad"]`, http.StatusOK)
	cm.wantText("h1", "Familieberaad")
	cm.wantText("ul.councils", "vastgelegd") // the demo's council held
	check(cm, "lijst")

	// Planning: without a date the form comes back, the place kept.
	cm.press(`a[href="`+fam+`/familieberaad/nieuw"]`, http.StatusOK)
	cm.typeNew("#f-place", "Thuis, aan de keukentafel")
	cm.press(`form[action="`+fam+`/familieberaad"] button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", "Datum")
	cm.wantValue("#f-place", "Thuis, aan de keukentafel")
	check(cm, "plannen-fouten")
	cm.typeDate("#f-on", today.ISO())
	tick := func(label string) {
		cm.t.Helper()
		if !evalJS[bool](cm, fmt.Sprintf(`(l => { if (!l) return false; document.getElementById(l.htmlFor).click(); return true })(
			Array.from(document.querySelectorAll('.checkbox label')).find(l => l.textContent.includes(%q)))`, label)) {
			cm.fatal("tick "+label, fmt.Errorf("no checkbox labelled %q", label))
		}
	}
	tick("Oma Thea")
	tick("Sanne Verbeek")
	if n := evalJS[int](cm, `document.querySelectorAll('input[name=member]:checked').length`); n != 5 {
		cm.fatal("read the invited", fmt.Errorf("%d members ticked, want the household's 5", n))
	}
	shots.take(cm, "plannen")
	cm.press(`form[action="`+fam+`/familieberaad"] button[type=submit]`, http.StatusOK)
	council := cm.wantPath(`/gezinnen/\d+/familieberaad/(\d+)$`)[0]
	cm.wantText(".flash", "Het familieberaad is gepland.")
	cm.wantText("h1", "Familieberaad "+today.Dutch())
	cm.wantText(".council-people", "Oma Thea (netwerk)")
	cm.wantText(".council-people", "Sanne Verbeek (casemanager)")
	cm.wantText(".council-agenda", "De kinderen eerst")
	cm.wantText(".council-agenda", "Oplossingen")
	check(cm, "agenda")
	printA4(t, cm, "familieberaad-agenda")

	// Recording: who came and two agreements, the second first without
	// a date.
	cm.press(`a[href="`+council+`/verslag"]`, http.StatusOK)
	check(cm, "verslag")
	tick("Rob Jansen") // Rob worked late after all: untick him
	cm.typeNew("#f-note-goed-gevoel", "Trots dat Dylan elke dag naar school ging.")
	cm.typeNew("#f-note-ergernis-oorzaak", "Geen afspraak over de Playstation.")
	cm.typeNew("#f-agreement-0-what", "Zelf de wekker zetten en om acht uur de deur uit")
	cm.choose("#f-agreement-0-owner", "Dylan", "Dylan Jansen")
	due0, due1 := today.AddDays(14), today.AddDays(21)
	cm.typeDate("#f-agreement-0-due", due0.ISO())
	cm.typeNew("#f-agreement-1-what", "Woensdag Lotte uit school halen")
	cm.choose("#f-agreement-1-owner", "Oma", "Oma Thea")
	cm.press(`form[action="`+council+`/verslag"] button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", "Afspraak 2, uiterlijk")
	cm.wantValue("#f-agreement-1-what", "Woensdag Lotte uit school halen")
	cm.wantSelected("#f-agreement-1-owner", "Oma Thea")
	check(cm, "verslag-fouten")
	cm.typeDate("#f-agreement-1-due", due1.ISO())
	cm.press(`form[action="`+council+`/verslag"] button[type=submit]`, http.StatusOK)
	cm.wantPath(council + `$`)
	cm.wantText(".flash", "Het familieberaad is vastgelegd.")
	cm.wantText(".council-agreements", "Dylan Jansen")
	cm.wantText(".council-agreements", due1.Dutch())
	if strings.Contains(cm.text(".council-people"), "Rob Jansen") {
		cm.fatal("read who came", fmt.Errorf("Rob is listed as present"))
	}
	check(cm, "vastgelegd")
	shots.take(cm, "vastgelegd")

	// The take-over: the plan's draft holds them, with owners and dates.
	cm.press(`form[action="`+council+`/overnemen"] button[type=submit]`, http.StatusOK)
	cm.wantPath(`/gezinnen/\d+/plan/\d+$`)
	cm.wantText(".flash", "De afspraken staan nu in het hulpverleningsplan.")
	rows := evalJS[[]string](cm, `Array.from(document.querySelectorAll('[id^="h-wie-"] + .table-wrap tbody tr')).map(r => r.innerText.replace(/\s+/g, ' ').trim())`)
	for _, want := range []string{"Dylan Jansen Zelf de wekker zetten en om acht uur de deur uit " + due0.Dutch(),
		"Oma Thea Woensdag Lotte uit school halen " + due1.Dutch()} {
		found := false
		for _, r := range rows {
			found = found || r == want
		}
		if !found {
			cm.fatal("read the plan's agreements", fmt.Errorf("no row %q in %q", want, rows))
		}
	}
	shots.take(cm, "plan")
	cm.open(council, http.StatusOK)
	cm.wantText(".notice", "hulpverleningsplan, versie")
	if n := evalJS[int](cm, `document.querySelectorAll('form[action$="/overnemen"]').length`); n != 0 {
		cm.fatal("look for the take-over", fmt.Errorf("still offered after the take-over"))
	}
	check(cm, "overgenomen")

	// A partner finds no council at all.
	partner := newBrowserTab(t, browser, m.Server.URL(), "netwerkpartner")
	partner.logIn("partner@demo.regie.nl", demo.Password)
	partner.open(council, http.StatusNotFound)
}

// printA4 prints the tab's page as a browser does on A4 paper: the PDF
// (checked to be one, of one or two pages) and, for a reviewer to look at,
// a picture of the page in print media at A4's width (794 px), both saved
// under REGIE_SCREENSHOTS when set.
func printA4(t *testing.T, tb *browserTab, name string) {
	t.Helper()
	yes := true
	pdf, err := chromedp.Call(tb.ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &yes})
	if err != nil {
		tb.fatal("print to PDF", err)
	}
	if !bytes.HasPrefix(pdf.Data, []byte("%PDF-")) {
		tb.fatal("print to PDF", fmt.Errorf("not a PDF"))
	}
	if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf.Data, -1)); n < 1 || n > 2 {
		t.Errorf("the printed agenda has %d pages, want at most 2", n)
	}
	dir := os.Getenv("REGIE_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		tb.fatal("emulate print", err)
	}
	tb.do("set the width to A4", chromedp.EmulateViewport(794, 1123))
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.fatal("screenshot", err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+"-a4.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		tb.fatal("end print emulation", err)
	}
	tb.do("set the width back", chromedp.EmulateViewport(1280, 800))
}
