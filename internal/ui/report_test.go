package ui_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"regie"
	"regie/internal/xlsx"
)

var familiesLink = regexp.MustCompile(`href="(/rapportages/gezinnen\?[^"]+)"`)

// TestReports_TeamLeader: the team leader finds Rapportages in the menu,
// sees the last twelve months of the own team (no choice of team), every
// section with its notes, the figures linked to the families behind them,
// the charts, print and downloads.
func TestReports_TeamLeader(t *testing.T) {
	e := newEnv(t)
	lead := e.session(e.f.TeamLeader)
	page := e.do(http.MethodGet, "/rapportages", lead, nil)
	if page.status != ok {
		t.Fatalf("status %d:\n%.2000s", page.status, page.body)
	}
	today := regie.DateOf(e.clock.Now())
	from := regie.DefaultReportFilter(today).From
	for _, want := range []string{
		`href="/rapportages" aria-current="page"`,
		`name="van" type="date" value="` + from.ISO() + `"`, `name="tot" type="date" value="` + today.ISO() + `"`,
		`name="wijk"`, `name="medewerker"`, "Overvecht",
		html.EscapeString(from.Dutch() + " t/m " + today.Dutch()),
		"Instroom", `href="/rapportages/grafiek/instroom?`, `href="/rapportages/afdruk?`,
		`href="/rapportages.csv?`, `href="/rapportages.xlsx?`, `class="table-wrap report-table"`,
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(page.body, `name="team"`) {
		t.Error("a team leader of one team is offered a choice of team")
	}
	// A figure of the store's report with families behind it opens
	// them (the fixture's facts may have none: TestReports_Figures
	// renders a report with families behind a figure).
	if m := familiesLink.FindStringSubmatch(page.body); m != nil {
		list := e.do(http.MethodGet, html.UnescapeString(m[1]), lead, nil)
		if list.status != ok || !strings.Contains(list.body, "Gezinnen achter een cijfer") || !strings.Contains(list.body, `href="/gezinnen/`) {
			t.Fatalf("drill-down %s: %d\n%.2000s", m[1], list.status, list.body)
		}
	}
	// The total of the referrals opens (maybe no) families.
	if list := e.do(http.MethodGet, "/rapportages/gezinnen?tabel=instroom&rij=totaal&kolom=0", lead, nil); list.status != ok ||
		!strings.Contains(list.body, "Gezinnen achter een cijfer") {
		t.Errorf("drill-down of the total: %d\n%.2000s", list.status, list.body)
	}

	// A figure that is not there.
	if nf := e.do(http.MethodGet, "/rapportages/gezinnen?tabel=geen&rij=x&kolom=0", lead, nil); nf.status != notFound {
		t.Errorf("an unknown figure: %d", nf.status)
	}
}

// TestReports_FilterError: a wrong period comes back 422 with what was
// typed, the fields marked and a Dutch summary.
func TestReports_FilterError(t *testing.T) {
	e := newEnv(t)
	bad := e.do(http.MethodGet, "/rapportages?van=2026-02-30&tot=2025-01-01&wijk=999999", e.session(e.f.TeamLeader), nil)
	if bad.status != invalid {
		t.Fatalf("status %d, want 422:\n%.2000s", bad.status, bad.body)
	}
	for _, want := range []string{`value="2026-02-30"`, `value="2025-01-01"`, "Er is iets niet goed ingevuld", `aria-invalid="true"`,
		`href="#f-van"`, `href="#f-wijk"`, html.EscapeString(regie.Text(regie.MsgReportChoiceUnknown)), "Overvecht"} {
		if !strings.Contains(bad.body, want) {
			t.Errorf("the 422 lacks %q", want)
		}
	}
	if strings.Contains(bad.body, "report-table") {
		t.Error("a wrong filter still shows figures")
	}
}

// TestReports_Manager: the manager lands on the reports, may choose a
// team, sees suppressed figures and no families behind them.
func TestReports_Manager(t *testing.T) {
	e := newEnv(t)
	mgr := e.session(template.manager)
	if home := e.do(http.MethodGet, "/", mgr, nil); home.status != redirect || home.header.Get("Location") != "/rapportages" {
		t.Errorf("the manager's start page: %d %s", home.status, home.header.Get("Location"))
	}
	page := e.do(http.MethodGet, "/rapportages", mgr, nil)
	if page.status != ok {
		t.Fatalf("status %d:\n%.2000s", page.status, page.body)
	}
	for _, want := range []string{`name="team"`, "Team Noordoost", "Team Zuidwest", "kleiner dan 5", `href="/rapportages/grafiek/instroom?`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the manager's page lacks %q", want)
		}
	}
	if strings.Contains(page.body, "/rapportages/gezinnen") || strings.Contains(page.body, `href="/gezinnen`) {
		t.Error("the manager's page links families")
	}
	drill := e.do(http.MethodGet, "/rapportages/gezinnen?tabel=instroom&rij=totaal&kolom=0", mgr, nil)
	if drill.status != forbid || !strings.Contains(drill.body, "Geen toegang") {
		t.Errorf("the manager's drill-down: %d, want 403 in Dutch\n%.1000s", drill.status, drill.body)
	}
	// Not for a casemanager.
	cmToken := e.session(e.f.Casemanager)
	if cm := e.do(http.MethodGet, "/rapportages", cmToken, nil); cm.status != forbid {
		t.Errorf("a casemanager: %d", cm.status)
	}
	if menu := e.do(http.MethodGet, "/werkbak", cmToken, nil); strings.Contains(menu.body, `href="/rapportages"`) {
		t.Error("the casemanager's menu links the reports")
	}
}

// TestReports_Downloads: CSV and XLSX read back, named after the period,
// suppressed (a small group shows as "< 5"), in the log as an export; the
// print is suppressed too.
func TestReports_Downloads(t *testing.T) {
	e := newEnv(t)
	lead := e.session(e.f.TeamLeader)
	today := regie.DateOf(e.clock.Now())
	from := regie.DefaultReportFilter(today).From
	name := "rapportage-" + from.ISO() + "-tot-en-met-" + today.ISO()

	c := e.do(http.MethodGet, "/rapportages.csv", lead, nil)
	if c.status != ok || !strings.HasPrefix(c.header.Get("Content-Type"), "text/csv") ||
		c.header.Get("Content-Disposition") != `attachment; filename="`+name+`.csv"` {
		t.Fatalf("csv: %d %s %s", c.status, c.header.Get("Content-Type"), c.header.Get("Content-Disposition"))
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.body, "\ufeff")))
	r.Comma, r.FieldsPerRecord = ';', -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if !csvHas(records, "Rapportage actief casemanagement") || !csvHas(records, "Instroom en doorstroom") {
		t.Errorf("csv without its title:\n%.2000s", c.body)
	}

	x := e.do(http.MethodGet, "/rapportages.xlsx", lead, nil)
	if x.status != ok || x.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		x.header.Get("Content-Disposition") != `attachment; filename="`+name+`.xlsx"` {
		t.Fatalf("xlsx: %d %s %s", x.status, x.header.Get("Content-Type"), x.header.Get("Content-Disposition"))
	}
	sheets, err := xlsx.Read(bytes.NewReader([]byte(x.body)), int64(len(x.body)))
	if err != nil || len(sheets) == 0 {
		t.Fatalf("xlsx: %v, %d sheets", err, len(sheets))
	}
	if !xlsxHas(sheets, "Rapportage actief casemanagement") {
		t.Error("xlsx without its title")
	}

	var action string
	if err := e.store.DB().QueryRow(`SELECT action FROM audit WHERE segment = $1 ORDER BY id DESC LIMIT 1`, string(regie.SegReports)).Scan(&action); err != nil {
		t.Fatal(err)
	}
	if action != string(regie.ActionExport) {
		t.Errorf("the download is logged as %q", action)
	}

	p := e.do(http.MethodGet, "/rapportages/afdruk", lead, nil)
	if p.status != ok || !strings.Contains(p.body, "kleiner dan 5") || strings.Contains(p.body, "/rapportages/gezinnen") {
		t.Errorf("print: %d, want suppressed and without links\n%.2000s", p.status, p.body)
	}
}

func xlsxHas(sheets []xlsx.Sheet, s string) bool {
	for _, sh := range sheets {
		for _, row := range sh.Rows {
			for _, cell := range row {
				if cell.Text == s {
					return true
				}
			}
		}
	}
	return false
}

func csvHas(records [][]string, s string) bool {
	for _, r := range records {
		for _, f := range r {
			if f == s {
				return true
			}
		}
	}
	return false
}

// TestReports_Chart: a table's chart is SVG with a title and a
// description, labelled, with the numbers as a table below; an unknown
// table or one without a chart is 404.
func TestReports_Chart(t *testing.T) {
	e := newEnv(t)
	lead := e.session(e.f.TeamLeader)
	c := e.do(http.MethodGet, "/rapportages/grafiek/instroom", lead, nil)
	if c.status != ok {
		t.Fatalf("status %d:\n%.2000s", c.status, c.body)
	}
	for _, want := range []string{`<svg`, `role="img"`, `aria-labelledby="chart-title chart-desc"`, `<title id="chart-title">`,
		`<desc id="chart-desc">`, `<table class="data">`, "Terug naar de rapportages"} {
		if !strings.Contains(c.body, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if strings.Contains(c.body, "<script") {
		t.Error("the chart page has a script")
	}
	if nf := e.do(http.MethodGet, "/rapportages/grafiek/bestaat-niet", lead, nil); nf.status != notFound {
		t.Errorf("an unknown table: %d", nf.status)
	}
}

// stubReports is a report service with figures behind which families
// stand, for the rendering of links, warnings, sources and "< 5" (the
// store's facts of the small fixture are mostly empty).
type stubReports struct {
	manager bool
	rows    []*regie.ReportFamilyRow
}

func (s *stubReports) report(f regie.ReportFilter, today regie.Date, export bool) *regie.ReportPage {
	ids := func(from, n int) []int64 {
		var out []int64
		for i := range n {
			out = append(out, int64(from+i))
		}
		return out
	}
	t := &regie.ReportTable{Key: "fasen", Title: "Gezinnen per fase", Note: "Geteld: de open dossiers.", RowHeader: "Fase",
		Columns: []string{"Gezinnen"}, Chart: regie.ChartBars, Rows: []*regie.ReportRow{
			{Key: "1", Label: "Fase 1: Introductie", Cells: []regie.ReportCell{{Kind: regie.CellCount, Value: 6, N: 6, Families: ids(1, 6)}}},
			{Key: "2", Label: "Fase 2: Contact leggen", Cells: []regie.ReportCell{{Kind: regie.CellCount, Value: 2, N: 2, Families: ids(7, 2),
				Warning: "kleine aantallen: voorzichtig interpreteren"}}},
			{Key: "totaal", Label: "Totaal", Total: true, Cells: []regie.ReportCell{{Kind: regie.CellCount, Value: 8, N: 8, Families: ids(1, 8)}}},
		}}
	cost := &regie.ReportTable{Key: "kosten", Title: "Kosten", RowHeader: "Aanpak", Columns: []string{"Kosten totaal"}, Rows: []*regie.ReportRow{
		{Key: "aanpak", Label: "Actief casemanagement", Cells: []regie.ReportCell{{Kind: regie.CellMoney, Value: 12345, Workload: true,
			Source: "uurtarief € 68,50 (Begroting 2026)"}}}}}
	r := &regie.Report{Filter: f, Today: today, Sections: []*regie.ReportSection{
		{Key: "instroom", Title: "Instroom en doorstroom", Intro: "Wie kwam binnen.", Tables: []*regie.ReportTable{t}},
		{Key: "kosten", Title: "Kosten en baten", Tables: []*regie.ReportTable{cost}}}}
	if s.manager || export {
		r.Audience = regie.AudienceOutside
		r.Suppress()
	}
	return &regie.ReportPage{Report: r, Teams: []regie.ReportOption{{ID: 1, Name: "Team Noordoost", TeamID: 1}},
		Districts: []regie.ReportOption{{ID: 1, Name: "Overvecht", TeamID: 1}}, Described: f.Describe("", "", ""),
		CanOpenFamilies: !s.manager && !export, CanExport: true}
}

func (s *stubReports) FindReport(ctx context.Context, f regie.ReportFilter, export bool) (*regie.ReportPage, error) {
	return s.report(f, f.To, export), nil
}

func (s *stubReports) FindReportFamilies(ctx context.Context, f regie.ReportFilter, table, row string, col int) (*regie.ReportPage, []*regie.ReportFamilyRow, error) {
	if s.manager {
		return nil, nil, regie.Forbidden()
	}
	p := s.report(f, f.To, false)
	if p.Report.Cell(table, row, col) == nil {
		return nil, nil, regie.NotFound()
	}
	return p, s.rows, nil
}

// TestReports_Figures: the team leader's figures link to the families
// behind them and the drill-down lists them; a warning and a source stand
// next to their figure; for the manager and in the downloads a small
// group is "< 5" and nothing links.
func TestReports_Figures(t *testing.T) {
	stub := &stubReports{}
	e := newEnv(t, envOptions{reports: stub})
	stub.rows = []*regie.ReportFamilyRow{{ID: e.f.FamAssigned.ID, HouseholdName: e.f.FamAssigned.HouseholdName, DistrictName: "Overvecht",
		CoordinatorName: "Anouk de Vries", Phase: regie.PhaseIntroduction}}
	lead := e.session(e.f.TeamLeader)
	page := e.do(http.MethodGet, "/rapportages", lead, nil)
	for _, want := range []string{"Let op: kleine aantallen", "Bron: uurtarief € 68,50 (Begroting 2026)", "€ 12.345", "Geteld: de open dossiers.",
		"Wie kwam binnen.", `href="/rapportages/grafiek/fasen?`} {
		if !strings.Contains(page.body, html.EscapeString(want)) && !strings.Contains(page.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	links := familiesLink.FindAllStringSubmatch(page.body, -1)
	if len(links) != 3 {
		t.Fatalf("%d figures link to their families, want 3:\n%.5000s", len(links), page.body)
	}
	list := e.do(http.MethodGet, html.UnescapeString(links[0][1]), lead, nil)
	for _, want := range []string{"Gezinnen achter een cijfer", "Gezinnen per fase", "Fase 1: Introductie",
		`href="/gezinnen/` + strconv.FormatInt(e.f.FamAssigned.ID, 10) + `"`, "Anouk de Vries", "Overvecht"} {
		if !strings.Contains(list.body, want) {
			t.Errorf("the drill-down lacks %q", want)
		}
	}

	c := e.do(http.MethodGet, "/rapportages.csv", lead, nil)
	if !strings.Contains(c.body, ";< 5") || strings.Contains(c.body, ";2\r\n") {
		t.Errorf("the CSV does not hide the group of 2:\n%s", c.body)
	}
	x := e.do(http.MethodGet, "/rapportages.xlsx", lead, nil)
	sheets, err := xlsx.Read(bytes.NewReader([]byte(x.body)), int64(len(x.body)))
	if err != nil || !xlsxHas(sheets, "< 5") {
		t.Errorf("the XLSX does not hide the group of 2: %v", err)
	}

	chart := e.do(http.MethodGet, "/rapportages/grafiek/fasen", lead, nil)
	if !strings.Contains(chart.body, `class="bar"`) || !strings.Contains(chart.body, ">6</text>") {
		t.Errorf("the chart draws no bars:\n%.3000s", chart.body)
	}

	stub.manager = true
	mgr := e.do(http.MethodGet, "/rapportages", lead, nil)
	if !strings.Contains(mgr.body, "&lt; 5") || strings.Contains(mgr.body, "/rapportages/gezinnen") {
		t.Errorf("suppressed page: want < 5 and no links\n%.5000s", mgr.body)
	}
}
