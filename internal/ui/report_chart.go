package ui

import (
	"strings"
	"unicode/utf8"

	"regie"
)

// reportChart is a report table drawn as horizontal bars in SVG: one bar
// per row (ChartBars) or two, start and end (ChartPairs), under the row's
// label (a label beside the bar would not fit on a phone). Each bar carries
// its figure as text, so the chart reads without colour; a suppressed or
// empty figure draws no bar and says "< 5" or "–".
type reportChart struct {
	Width, Height int
	// LabelWidth is where the bars start; Full their longest length.
	LabelWidth, Full int
	Rows             []reportChartRow
	// Series names the bars of a pair (the two columns), for the legend.
	Series []string
}

type reportChartRow struct {
	// Lines is the row's label, wrapped to the chart's width.
	Lines []reportChartLine
	Y     int // the top of the row
	Bars  []reportChartBar
}

type reportChartLine struct {
	Text string
	Y    int // the baseline
}

type reportChartBar struct {
	Y, Width int
	// Second: the second bar of a pair (drawn in another fill).
	Second bool
	Text   string
	TextX  int
}

// The geometry of a report chart.
const (
	reportChartWidth  = 400
	reportChartLabel  = 0  // the bars start at the left edge, under their label
	reportChartLabelH = 20 // the room for a line of a row's label above its bars
	// reportChartLabelRunes is the most characters of a label on one line
	// (14 px text in 400 units); a longer label wraps at a space.
	reportChartLabelRunes = 50
	reportChartThick      = 18
	reportChartGap        = 10
	reportChartTextGp     = 6
)

// newReportChart draws a table's ChartColumn (and, for pairs, the column
// after it) of every row but a total.
func newReportChart(t *regie.ReportTable) *reportChart {
	cols := []int{t.ChartColumn}
	if t.Chart == regie.ChartPairs {
		cols = append(cols, t.ChartColumn+1)
	}
	c := &reportChart{Width: reportChartWidth, LabelWidth: reportChartLabel, Full: reportChartWidth - reportChartLabel - 110}
	for _, i := range cols {
		if i < len(t.Columns) {
			c.Series = append(c.Series, t.Columns[i])
		}
	}
	maxV := 0.0
	for _, r := range t.Rows {
		for _, i := range cols {
			if i < len(r.Cells) && drawable(r.Cells[i]) {
				maxV = max(maxV, r.Cells[i].Value)
			}
		}
	}
	y := 8
	for _, r := range t.Rows {
		if r.Total {
			continue
		}
		row := reportChartRow{Y: y}
		for _, line := range wrapLabel(r.Label, reportChartLabelRunes) {
			row.Lines = append(row.Lines, reportChartLine{Text: line, Y: y + 14})
			y += reportChartLabelH
		}
		for k, i := range cols {
			if i >= len(r.Cells) {
				continue
			}
			cell := r.Cells[i]
			w := 0
			if drawable(cell) && maxV > 0 && cell.Value > 0 {
				w = max(1, int(cell.Value/maxV*float64(c.Full)))
			}
			row.Bars = append(row.Bars, reportChartBar{Y: y, Width: w, Second: k == 1, Text: cell.String(),
				TextX: c.LabelWidth + w + reportChartTextGp})
			y += reportChartThick + 2
		}
		y += reportChartGap
		c.Rows = append(c.Rows, row)
	}
	c.Height = y + 4
	return c
}

// drawable: the figure has a value to draw.
func drawable(c regie.ReportCell) bool {
	return !c.Suppressed && !c.Empty && c.Kind != regie.CellText
}

// wrapLabel breaks s into lines of at most n characters at spaces; a
// word longer than n gets a line of its own.
func wrapLabel(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// TextY is the baseline of a bar's figure.
func (b reportChartBar) TextY() int { return b.Y + reportChartThick - 5 }

// BarHeight is a bar's thickness.
func (reportChartBar) Height() int { return reportChartThick }
