// Package reportfile writes a report's figures as files that leave regie:
// CSV for Dutch spreadsheet programs and XLSX. Both lay the report out the
// same way: on top the title, the period and selection, the day it was
// made and how small groups are hidden; then per table its title, header
// and rows, and under it the note on how it was computed and every
// interval, warning and source of its figures — a figure never leaves
// without its source.
//
// Only a suppressed report leaves (regie.Report.Suppress,
// AudienceOutside): CSV and XLSX refuse any other, and hide a figure
// about fewer than regie.MinGroup families even if a caller forgot to.
// Every cell is written formula-safe (response.SafeCell; the XLSX writes
// text as text, never as a formula).
package reportfile

import (
	"errors"
	"io"
	"math"
	"strings"

	"regie"
	"regie/internal/response"
	"regie/internal/xlsx"
)

// ErrNotSuppressed is returned for a report that was not suppressed: its
// small groups and links to families must not leave regie.
var ErrNotSuppressed = errors.New("reportfile: the report is not suppressed for outside the team")

// CSV writes the report as one CSV (semicolons, as Dutch spreadsheet
// settings expect): the lines on top, then per section its title and its
// tables. It starts with a byte order mark, without which Excel reads
// the file as Windows-1252 and garbles "€", "–" and "ë".
func CSV(w io.Writer, p *regie.ReportPage) error {
	if err := check(p); err != nil {
		return err
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	c := response.NewCSV(w)
	rows := head(p)
	for _, s := range p.Report.Sections {
		rows = append(rows, nil, []cell{boldText(s.Title)})
		rows = append(rows, section(s)...)
	}
	for _, r := range rows {
		texts := make([]string, len(r))
		for i, cl := range r {
			texts[i] = cl.plain
		}
		if err := c.Write(texts...); err != nil {
			return err
		}
	}
	return c.Flush()
}

// XLSX writes the report as a workbook with one sheet per section, each
// starting with the lines on top so that a sheet printed or sent alone
// still says what it is.
func XLSX(w io.Writer, p *regie.ReportPage) error {
	if err := check(p); err != nil {
		return err
	}
	var sheets []xlsx.Sheet
	widths := []float64{44, 16, 16, 16, 16, 16, 16, 16}
	for _, s := range p.Report.Sections {
		rows := append(head(p), nil)
		rows = append(rows, section(s)...)
		sheets = append(sheets, xlsx.Sheet{Name: s.Title, Rows: cells(rows), ColumnWidths: widths})
	}
	if len(sheets) == 0 {
		sheets = append(sheets, xlsx.Sheet{Name: regie.Text(regie.MsgReportFileSheet), Rows: cells(head(p)), ColumnWidths: widths})
	}
	return xlsx.Write(w, sheets)
}

func check(p *regie.ReportPage) error {
	if p == nil || p.Report == nil {
		return errors.New("reportfile: no report")
	}
	if p.Report.Audience != regie.AudienceOutside {
		return ErrNotSuppressed
	}
	return nil
}

// bom is the UTF-8 byte order mark.
const bom = "\uFEFF"

// cell is one cell of the layout: the workbook's cell and the CSV's text.
type cell struct {
	x     xlsx.Cell
	plain string
}

func text(s string) cell     { return cell{x: xlsx.Text(s), plain: s} }
func boldText(s string) cell { return cell{x: xlsx.Bold(s), plain: s} }

func cells(rows [][]cell) [][]xlsx.Cell {
	out := make([][]xlsx.Cell, len(rows))
	for i, r := range rows {
		for _, c := range r {
			out[i] = append(out[i], c.x)
		}
	}
	return out
}

// head is the lines on top of every file and sheet.
func head(p *regie.ReportPage) [][]cell {
	return [][]cell{
		{boldText(regie.Text(regie.MsgReportFileTitle))},
		{text(regie.Text(regie.MsgReportFileSelection, p.Described))},
		{text(regie.Text(regie.MsgReportFileMade, p.Report.Today.Dutch()))},
		{text(regie.Text(regie.MsgReportFileSuppressed, regie.MinGroup))},
	}
}

// section is the section's tables, each followed by an empty line.
func section(s *regie.ReportSection) [][]cell {
	var rows [][]cell
	for _, t := range s.Tables {
		rows = append(rows, table(t)...)
		rows = append(rows, nil)
	}
	return rows
}

// table is a table's title, header and rows, and the lines under it.
func table(t *regie.ReportTable) [][]cell {
	rows := [][]cell{{boldText(t.Title)}}
	header := []cell{boldText(t.RowHeader)}
	for _, c := range t.Columns {
		header = append(header, boldText(c))
	}
	rows = append(rows, header)
	var notes remarks
	for _, r := range t.Rows {
		label := text(r.Label)
		if r.Total {
			label = boldText(r.Label)
		}
		line := []cell{label}
		for i, c := range r.Cells {
			line = append(line, figure(c))
			at := r.Label
			if len(r.Cells) > 1 && i < len(t.Columns) {
				at += ", " + t.Columns[i]
			}
			if c.Interval && !hidden(c) && !c.Empty {
				lo, hi := rounded(regie.CellNumber, c.Low), rounded(regie.CellNumber, c.High)
				notes.add(at, regie.MsgReportFileInterval, lo.Plain(), hi.Plain())
			}
			if !hidden(c) { // a warning may speak of the hidden group
				notes.add(at, regie.MsgReportFileWarning, c.Warning)
			}
			notes.add(at, regie.MsgReportFileSource, c.Source)
		}
		rows = append(rows, line)
	}
	if t.Note != "" {
		rows = append(rows, []cell{text(regie.Text(regie.MsgReportFileNote, t.Note))})
	}
	for _, s := range notes.lines() {
		rows = append(rows, []cell{text(s)})
	}
	return rows
}

// hidden: the cell is suppressed, or should have been (defence in depth:
// a figure about fewer than MinGroup families never leaves).
func hidden(c regie.ReportCell) bool {
	return c.Suppressed || (c.N > 0 && c.N < regie.MinGroup)
}

// figure is a cell as the files hold it: a number with its unit as the
// number format, rounded as the page shows it; text for what is hidden,
// empty or text.
func figure(c regie.ReportCell) cell {
	switch {
	case hidden(c):
		return text(regie.ReportCell{Suppressed: true}.Plain())
	case c.Empty:
		return text("–")
	case c.Kind == regie.CellText:
		return text(c.Text)
	}
	format := "#,##0"
	switch c.Kind {
	case regie.CellNumber, regie.CellHours:
		format = "#,##0.0"
	case regie.CellPercent:
		format = `0" %"`
	case regie.CellMoney:
		format = `"€ "#,##0`
	}
	r := rounded(c.Kind, c.Value)
	return cell{x: xlsx.Number(r.Value, format), plain: r.Plain()}
}

// rounded is a figure rounded as the page shows it (one decimal for a
// mean or hours, whole otherwise), without a minus sign on zero.
func rounded(kind regie.CellKind, v float64) regie.ReportCell {
	p := 1.0
	if kind == regie.CellNumber || kind == regie.CellHours {
		p = 10
	}
	v = math.Round(v*p) / p
	if v == 0 {
		v = 0 // -0 is 0
	}
	return regie.ReportCell{Kind: kind, Value: v}
}

// remarks gathers a table's intervals, warnings and sources: one line per
// remark, naming every figure it is about, in the order of the table.
type remarks struct {
	keys []remarkKey
	at   map[remarkKey][]string
}

// remarkKey is a remark: its message and the message's arguments after
// the figures it is about.
type remarkKey struct {
	msg  regie.Msg
	args [2]string
}

func (r *remarks) add(at string, msg regie.Msg, args ...string) {
	if args[0] == "" {
		return
	}
	k := remarkKey{msg: msg}
	copy(k.args[:], args)
	if r.at == nil {
		r.at = map[remarkKey][]string{}
	}
	if _, ok := r.at[k]; !ok {
		r.keys = append(r.keys, k)
	}
	r.at[k] = append(r.at[k], at)
}

func (r *remarks) lines() []string {
	var out []string
	for _, k := range r.keys {
		args := []any{strings.Join(r.at[k], "; "), k.args[0]}
		if k.args[1] != "" {
			args = append(args, k.args[1])
		}
		out = append(out, regie.Text(k.msg, args...))
	}
	return out
}
