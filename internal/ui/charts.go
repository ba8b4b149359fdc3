package ui

import (
	"fmt"
	"strings"

	"regie"
)

// Charts are SVG drawn on the server: no script, no styles in attributes
// the CSP would refuse, and every value written next to its mark so a
// chart reads without colour. Each chart also comes with its numbers as a
// table for screen readers.

// scoreChart is the path of one life domain's self-reliance scores over
// the scoring moments.
type scoreChart struct {
	Domain regie.Choice[regie.Domain]
	Points []chartPoint
	Line   string // the polyline's points
	Last   regie.Score
	Change int // the last score minus the first
}

// chartPoint is one scoring moment on a chart.
type chartPoint struct {
	X, Y  int
	Score regie.Score
	Kind  string
	On    regie.Date
}

// The geometry of a score chart: five levels from bottom to top.
const (
	chartWidth    = 320
	chartLeft     = 40
	chartRight    = 266
	chartTop      = 14
	chartLevelGap = 18
	chartMaxShown = 6 // the newest moments; older ones are in the table
)

// chartY is the height of a level.
func chartY(s regie.Score) int { return chartTop + (5-int(s))*chartLevelGap }

// ChartLevels are the gridlines with their labels, for the template.
func (scoreChart) Levels() []chartPoint {
	var ls []chartPoint
	for s := regie.Score(1); s <= 5; s++ {
		ls = append(ls, chartPoint{X: chartLeft - 8, Y: chartY(s), Score: s})
	}
	return ls
}

// Right is the x of the gridlines' end.
func (scoreChart) Right() int { return chartRight + 8 }

// Height is the chart's height, with room for the labels below.
func (scoreChart) Height() int { return chartY(1) + 34 }

// shortKind names a moment briefly, under its mark.
func shortKind(k regie.MomentKind) string {
	switch k {
	case "plan":
		return "Plan"
	case "eindevaluatie":
		return "Eindevaluatie"
	}
	return k.Label()
}

// scoreCharts draws a chart per life domain that has a score, in the
// order of the domains.
func scoreCharts(moments []*regie.ScoreMoment) []scoreChart {
	var charts []scoreChart
	for _, d := range regie.Domains {
		var pts []chartPoint
		for _, m := range moments {
			if s := m.Scores[d.Value]; s != 0 {
				pts = append(pts, chartPoint{Score: s, Kind: shortKind(m.Kind), On: m.On})
			}
		}
		if len(pts) == 0 {
			continue
		}
		c := scoreChart{Domain: d, Last: pts[len(pts)-1].Score, Change: int(pts[len(pts)-1].Score - pts[0].Score)}
		shown := pts[max(0, len(pts)-chartMaxShown):]
		var line []string
		for i := range shown {
			p := &shown[i]
			p.X = (chartLeft + chartRight) / 2
			if len(shown) > 1 {
				p.X = chartLeft + i*(chartRight-chartLeft)/(len(shown)-1)
			}
			p.Y = chartY(p.Score)
			line = append(line, fmt.Sprintf("%d,%d", p.X, p.Y))
		}
		c.Points, c.Line = shown, strings.Join(line, " ")
		charts = append(charts, c)
	}
	return charts
}

// agencyBars is the number of agencies involved per month, as bars.
type agencyBars struct {
	Bars []agencyBar
	Max  int
}

type agencyBar struct {
	X, Y, Height int
	Count        int
	Month        string
}

// agencyChart draws the agencies per month of the last year.
func agencyChart(months []regie.AgencyCount) agencyBars {
	var c agencyBars
	for _, m := range months {
		c.Max = max(c.Max, m.Count)
	}
	scaleTo := max(c.Max, 4)
	for i, m := range months {
		h := m.Count * 60 / scaleTo
		c.Bars = append(c.Bars, agencyBar{X: 4 + i*26, Y: 80 - h, Height: h, Count: m.Count, Month: dutchMonth(m.Month)})
	}
	return c
}

// dutchMonth abbreviates a month in Dutch.
func dutchMonth(d regie.Date) string {
	return [...]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}[d.Time().Month()-1]
}
