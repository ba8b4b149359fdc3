package ui

import (
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
	Label string
	Y     int // the top of the row
	Bars  []reportChartBar
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
	reportChartLabelH = 20 // the room for a row's label above its bars
	reportChartThick  = 18
	reportChartGap    = 10
	reportChartTextGp = 6
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
		row := reportChartRow{Label: r.Label, Y: y}
		y += reportChartLabelH
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

// LabelY is the baseline of a row's label, above its bars.
func (r reportChartRow) LabelY() int { return r.Y + 14 }

// TextY is the baseline of a bar's figure.
func (b reportChartBar) TextY() int { return b.Y + reportChartThick - 5 }

// BarHeight is a bar's thickness.
func (reportChartBar) Height() int { return reportChartThick }
