package main

// Rapportages in a real browser, on the demo: the team leader opens the
// reports from the menu, narrows them to this year and one district, opens
// a chart, downloads the CSV and the XLSX and reads them back, and opens
// the families behind a figure; the manager lands on the reports and sees
// no families behind them.
//
//	go test ./cmd/regie/ -run TestBrowser_Reports -v

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"regie"
	"regie/internal/demo"
	"regie/internal/xlsx"
)

func TestBrowser_Reports(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	m := startDemoOnDay(t)
	base := m.Server.URL()
	today := regie.DateOf(m.Clock.Now())

	shots := newScreenshots(t, "reports")
	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.press(`nav a[href="/rapportages"]`, http.StatusOK)
	tl.wantPath(`/rapportages`)
	tl.wantText("h1", "Rapportages")
	tl.wantText(".report-described", today.Dutch())
	tl.wantText("#s-instroom", "Instroom en doorstroom")
	if n := evalJS[int](tl, `document.querySelectorAll('select[name="team"]').length`); n != 0 {
		tl.fatal("the team leader's filter", fmt.Errorf("offers a choice of team"))
	}

	// This year, one district.
	from := regie.NewDate(today.Time().Year(), 1, 1)
	district := evalJS[string](tl, fmt.Sprintf(`(() => {
		document.querySelector('#f-van').value = %q;
		document.querySelector('#f-tot').value = %q;
		const s = document.querySelector('#f-wijk');
		s.selectedIndex = 1;
		return s.options[1].textContent.trim();
	})()`, from.ISO(), today.ISO()))
	if district == "" {
		tl.fatal("choose a district", fmt.Errorf("the filter offers none"))
	}
	tl.press(`form[action="/rapportages"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/rapportages\?.*van=` + from.ISO() + `.*`)
	tl.wantText(".report-described", from.Dutch()+" t/m "+today.Dutch())
	tl.wantText(".report-described", "wijk "+district)
	filtered := tl.path()
	shots.take(tl, "filtered")

	// A chart: SVG with a title and a description, the numbers below.
	tl.press(`a[href^="/rapportages/grafiek/instroom?"]`, http.StatusOK)
	tl.wantText("h1", "Aanmeldingen")
	if title := evalJS[string](tl, `(document.querySelector('svg[role="img"] title') || {}).textContent || ''`); title == "" {
		tl.fatal("the chart", fmt.Errorf("no SVG with a title"))
	}
	if desc := evalJS[string](tl, `(document.querySelector('svg[role="img"] desc') || {}).textContent || ''`); !strings.Contains(desc, district) {
		tl.fatal("the chart", fmt.Errorf("its description %q does not name the selection", desc))
	}
	tl.wantText("main table caption", "Aanmeldingen")
	shots.take(tl, "chart")
	tl.open(filtered, http.StatusOK)

	// The downloads, read back.
	csvPath := evalJS[string](tl, `document.querySelector('a[href^="/rapportages.csv?"]').getAttribute('href')`)
	body, disposition := tl.download(csvPath, "text/csv; charset=utf-8")
	if !strings.Contains(disposition, "rapportage-"+from.ISO()+"-tot-en-met-"+today.ISO()+".csv") {
		tl.fatal("the CSV", fmt.Errorf("Content-Disposition %q does not name the period", disposition))
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	r.Comma, r.FieldsPerRecord = ';', -1
	records, err := r.ReadAll()
	if err != nil {
		tl.fatal("read the CSV", err)
	}
	if len(records) < 5 || records[0][0] != "Rapportage actief casemanagement" || !strings.Contains(records[1][0], "wijk "+district) {
		tl.fatal("the CSV", fmt.Errorf("starts with %q", records[:min(3, len(records))]))
	}
	xlsxPath := evalJS[string](tl, `document.querySelector('a[href^="/rapportages.xlsx?"]').getAttribute('href')`)
	body, _ = tl.download(xlsxPath, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	sheets, err := xlsx.Read(bytes.NewReader(body), int64(len(body)))
	if err != nil || len(sheets) == 0 || len(sheets[0].Rows) == 0 || sheets[0].Rows[0][0].Text != "Rapportage actief casemanagement" {
		tl.fatal("read the XLSX", fmt.Errorf("%v, %d sheets", err, len(sheets)))
	}

	// The families behind a figure: the team leader follows a figure to
	// its families and on to one of them.
	tl.open("/rapportages", http.StatusOK)
	drill := evalJS[string](tl, `(document.querySelector('a[href^="/rapportages/gezinnen?"]') || {getAttribute: () => ''}).getAttribute('href')`)
	if drill == "" {
		tl.fatal("the families behind a figure", fmt.Errorf("no figure links to its families"))
	}
	tl.press(`a[href="`+drill+`"]`, http.StatusOK)
	tl.wantText("h1", "Gezinnen achter een cijfer")
	shots.take(tl, "families")
	fam := evalJS[string](tl, `(document.querySelector('main table a[href^="/gezinnen/"]') || {getAttribute: () => ''}).getAttribute('href')`)
	if fam == "" {
		tl.fatal("the families behind a figure", fmt.Errorf("none listed"))
	}
	tl.press(`main table a[href="`+fam+`"]`, http.StatusOK)
	tl.wantPath(`/gezinnen/\d+`)

	// The manager: straight to the reports, figures without families.
	mgr := newBrowserTab(t, browser, base, "manager")
	mgr.logIn("manager@demo.regie.nl", demo.Password)
	mgr.wantPath(`/rapportages`)
	mgr.wantText("h1", "Rapportages")
	if n := evalJS[int](mgr, `document.querySelectorAll('a[href^="/rapportages/gezinnen"], a[href^="/gezinnen"]').length`); n != 0 {
		mgr.fatal("the manager's reports", fmt.Errorf("%d links to families", n))
	}
	mgr.open("/rapportages/gezinnen?tabel=instroom&rij=totaal&kolom=0", http.StatusForbidden)
	mgr.wantText("h1", "Geen toegang")
}
