package ui

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"regie"
	"regie/internal/reportfile"
)

// Rapportages (issue 13): the team's figures with the filter above them,
// each table's chart, the families behind a figure, a printable page and
// the CSV and XLSX downloads. The store decides who sees what (the team
// leader exact and linked, a manager suppressed and without families) and
// logs every view; the handlers only read the filter and render.

// reportFields are the filter's fields, top to bottom.
var reportFields = []string{"van", "tot", "team", "wijk", "medewerker"}

// reportFilter reads the filter from the query: without a period the last
// twelve months. A date that is not one becomes a zero date and an id that
// is not one -1, so the store names the field.
func (h *Handler) reportFilter(q url.Values) (regie.ReportFilter, *form) {
	today := regie.DateOf(h.Clock.Now())
	f := regie.DefaultReportFilter(today)
	values := url.Values{}
	if q.Has("van") || q.Has("tot") {
		f.From, _ = regie.ParseDate(strings.TrimSpace(q.Get("van")))
		f.To, _ = regie.ParseDate(strings.TrimSpace(q.Get("tot")))
		values.Set("van", q.Get("van"))
		values.Set("tot", q.Get("tot"))
	} else {
		values.Set("van", f.From.ISO())
		values.Set("tot", f.To.ISO())
	}
	id := func(name string) int64 {
		s := strings.TrimSpace(q.Get(name))
		values.Set(name, s)
		if s == "" {
			return 0
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return -1
		}
		return n
	}
	f.TeamID, f.DistrictID, f.WorkerID = id("team"), id("wijk"), id("medewerker")
	return f, newForm(values, reportFields...)
}

// reportQuery is the filter as a query, for the links from the page.
func reportQuery(f regie.ReportFilter) url.Values {
	q := url.Values{"van": {f.From.ISO()}, "tot": {f.To.ISO()}}
	for name, id := range map[string]int64{"team": f.TeamID, "wijk": f.DistrictID, "medewerker": f.WorkerID} {
		if id != 0 {
			q.Set(name, strconv.FormatInt(id, 10))
		}
	}
	return q
}

// reportView is what the report pages show.
type reportView struct {
	Page *regie.ReportPage
	// Query is the filter as a query string (without "?").
	Query string
	// ShowTeam: the reader has a choice of teams.
	ShowTeam                  bool
	Teams, Districts, Workers []option
	// Table is the one table of a chart or drill-down page; Chart its
	// drawing; Row and Column the figure behind a drill-down.
	Table    *regie.ReportTable
	Chart    *reportChart
	Row      *regie.ReportRow
	Column   string
	Cell     *regie.ReportCell
	Families []*regie.ReportFamilyRow
	// Print: the printable page.
	Print bool
}

// FamiliesURL is the drill-down of a figure.
func (v *reportView) FamiliesURL(table, row string, col int) string {
	q, _ := url.ParseQuery(v.Query)
	q.Set("tabel", table)
	q.Set("rij", row)
	q.Set("kolom", strconv.Itoa(col))
	return "/rapportages/gezinnen?" + q.Encode()
}

// Linked reports whether a cell links to the families behind it.
func (v *reportView) Linked(c regie.ReportCell) bool {
	return v.Page.CanOpenFamilies && !v.Print && !c.Suppressed && len(c.Families) > 0
}

// Outside: the figures are suppressed, as for outside the team.
func (v *reportView) Outside() bool { return v.Page.Report.Audience == regie.AudienceOutside }

// ChartURL is the chart page of a table.
func (v *reportView) ChartURL(table string) string {
	return "/rapportages/grafiek/" + url.PathEscape(table) + "?" + v.Query
}

// Link adds the filter to a path.
func (v *reportView) Link(p string) string { return p + "?" + v.Query }

// newReportView fills the filter's choices from the page.
func newReportView(page *regie.ReportPage, filter regie.ReportFilter) *reportView {
	v := &reportView{Page: page, Query: reportQuery(filter).Encode(), ShowTeam: len(page.Teams) > 1}
	teamName := map[int64]string{}
	for _, t := range page.Teams {
		v.Teams = append(v.Teams, option{strconv.FormatInt(t.ID, 10), t.Name})
		teamName[t.ID] = t.Name
	}
	named := func(o regie.ReportOption) string {
		if v.ShowTeam && teamName[o.TeamID] != "" {
			return o.Name + " (" + teamName[o.TeamID] + ")"
		}
		return o.Name
	}
	for _, d := range page.Districts {
		v.Districts = append(v.Districts, option{strconv.FormatInt(d.ID, 10), named(d)})
	}
	for _, w := range page.Workers {
		v.Workers = append(v.Workers, option{strconv.FormatInt(w.ID, 10), named(w)})
	}
	return v
}

func (h *Handler) canReports(r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).Reports {
		return regie.Forbidden()
	}
	return nil
}

// showReports is the reports page: the filter and every section.
func (h *Handler) showReports(w http.ResponseWriter, r *http.Request) error {
	if err := h.canReports(r); err != nil {
		return err
	}
	filter, f := h.reportFilter(r.URL.Query())
	page, err := h.Reports.FindReport(r.Context(), filter, false)
	if f.withError(err) && page != nil {
		h.render(w, r, http.StatusUnprocessableEntity, "reports", &view{Title: "Rapportages", Nav: "rapportages", Form: f,
			Page: newReportView(page, filter)})
		return nil
	} else if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "reports", &view{Title: "Rapportages", Nav: "rapportages", Form: f, Page: newReportView(page, filter)})
	return nil
}

// showReportChart draws one table of the report as a chart, with its
// numbers below.
func (h *Handler) showReportChart(w http.ResponseWriter, r *http.Request) error {
	if err := h.canReports(r); err != nil {
		return err
	}
	filter, _ := h.reportFilter(r.URL.Query())
	page, err := h.Reports.FindReport(r.Context(), filter, false)
	if err != nil {
		return err
	}
	t := page.Report.Table(r.PathValue("table"))
	if t == nil || t.Chart == regie.ChartNone {
		return regie.NotFound()
	}
	v := newReportView(page, filter)
	v.Table, v.Chart = t, newReportChart(t)
	h.render(w, r, http.StatusOK, "report_chart", &view{Title: "Grafiek: " + t.Title, Nav: "rapportages", Page: v})
	return nil
}

// showReportFamilies lists the families behind one figure.
func (h *Handler) showReportFamilies(w http.ResponseWriter, r *http.Request) error {
	if err := h.canReports(r); err != nil {
		return err
	}
	q := r.URL.Query()
	filter, _ := h.reportFilter(q)
	col, err := strconv.Atoi(q.Get("kolom"))
	if err != nil {
		return regie.NotFound()
	}
	page, fams, err := h.Reports.FindReportFamilies(r.Context(), filter, q.Get("tabel"), q.Get("rij"), col)
	if err != nil {
		return err
	}
	v := newReportView(page, filter)
	v.Table, v.Families = page.Report.Table(q.Get("tabel")), fams
	v.Cell = page.Report.Cell(q.Get("tabel"), q.Get("rij"), col)
	for _, row := range v.Table.Rows {
		if row.Key == q.Get("rij") {
			v.Row = row
		}
	}
	if col < len(v.Table.Columns) {
		v.Column = v.Table.Columns[col]
	}
	h.render(w, r, http.StatusOK, "report_families", &view{Title: "Gezinnen achter een cijfer", Nav: "rapportages", Page: v})
	return nil
}

// printReport is the report to print: as it leaves the team (suppressed),
// in the log as an export.
func (h *Handler) printReport(w http.ResponseWriter, r *http.Request) error {
	if err := h.canReports(r); err != nil {
		return err
	}
	filter, _ := h.reportFilter(r.URL.Query())
	page, err := h.Reports.FindReport(r.Context(), filter, true)
	if err != nil {
		return err
	}
	v := newReportView(page, filter)
	v.Print = true
	h.render(w, r, http.StatusOK, "report_print", &view{Title: "Rapportage afdrukken", Nav: "rapportages", Page: v})
	return nil
}

// downloadReportCSV and downloadReportXLSX are the exports.
func (h *Handler) downloadReportCSV(w http.ResponseWriter, r *http.Request) error {
	return h.downloadReport(w, r, "csv", "text/csv; charset=utf-8", reportfile.CSV)
}

func (h *Handler) downloadReportXLSX(w http.ResponseWriter, r *http.Request) error {
	return h.downloadReport(w, r, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", reportfile.XLSX)
}

func (h *Handler) downloadReport(w http.ResponseWriter, r *http.Request, ext, contentType string,
	write func(io.Writer, *regie.ReportPage) error) error {
	if err := h.canReports(r); err != nil {
		return err
	}
	filter, _ := h.reportFilter(r.URL.Query())
	page, err := h.Reports.FindReport(r.Context(), filter, true)
	if err != nil {
		return err
	}
	if !page.CanExport {
		return regie.Forbidden()
	}
	var buf bytes.Buffer
	if err := write(&buf, page); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, reportFileName(page.Report.Filter, ext)))
	_, _ = w.Write(buf.Bytes()) // after the header only a client that went away fails
	return nil
}

// reportFileName is the download's name: rapportage-2025-12-05-tot-en-met-2026-12-04.csv.
func reportFileName(f regie.ReportFilter, ext string) string {
	return fmt.Sprintf("rapportage-%s-tot-en-met-%s.%s", f.From.ISO(), f.To.ISO(), ext)
}
