package drawing

import (
	"fmt"
	"math"
	"strings"

	"regie"
)

// The sociogram (ecogram) drawn as circles around the household (seed 003
// §4.2): the household in the centre, three rings for the strength of a
// tie (strong close by, weak far out), the sectors (family, friends,
// neighbours, school, work, clubs, agencies) as labelled wedges, and each
// tie a dot in its sector and ring with a line to the centre whose style
// says its quality — solid supportive, dashed ambivalent, zigzag (and red)
// stressful. The legend under it says every meaning, so the drawing reads
// in black and white.

// The sociogram's geometry, in user units.
const (
	socioWidth     = 1000.0
	socioCX        = socioWidth / 2
	socioCY        = 370.0
	socioHome      = 58.0  // the household's circle
	socioRing      = 84.0  // the width of one ring
	socioDot       = 7.0   // a tie's dot
	socioLabel     = 18    // characters of a tie's name
	socioLegendTop = 760.0 // the legend's top
	socioHeight    = 900.0
)

// socioRadius is the outer radius of ring r (0 close, 1 middle, 2 far).
func socioRadius(r int) float64 { return socioHome + socioRing*float64(r+1) }

// socioPoint is the point at radius rad and angle a (degrees clockwise
// from straight up) around the centre.
func socioPoint(rad, a float64) Point {
	t := a * math.Pi / 180
	return Point{X: socioCX + rad*math.Sin(t), Y: socioCY - rad*math.Cos(t)}
}

// socioStyle is the line of a tie's quality.
func socioStyle(q regie.TieQuality) Style {
	switch q {
	case regie.TieSupportive:
		return Style{Stroke: Green, Width: 2.5}
	case regie.TieAmbivalent:
		return Style{Stroke: Black, Width: 1.5, Dash: []float64{6, 4}}
	}
	return Style{Stroke: Red, Width: 1.5}
}

// socioLine is the line from a to b in the quality's style: a zigzag for
// a stressful tie, a straight line else.
func socioLine(a, b Point, q regie.TieQuality) []Item {
	st := socioStyle(q)
	if q != regie.TieStressful && q != "" {
		return []Item{Line{X1: a.X, Y1: a.Y, X2: b.X, Y2: b.Y, Style: st}}
	}
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return nil
	}
	// Teeth of 8 units along the line, 5 units to each side.
	steps := max(2, int(n/8))
	px, py := -dy/n*5, dx/n*5
	var out []Item
	prev := a
	for i := 1; i <= steps; i++ {
		f := float64(i) / float64(steps)
		next := Point{X: a.X + dx*f, Y: a.Y + dy*f}
		if i < steps {
			side := 1.0
			if i%2 == 0 {
				side = -1
			}
			next.X += px * side
			next.Y += py * side
		}
		out = append(out, Line{X1: prev.X, Y1: prev.Y, X2: next.X, Y2: next.Y, Style: st})
		prev = next
	}
	return out
}

// Sociogram draws moment m of household's sociogram. id prefixes the
// drawing's ids (two moments can share a page).
func Sociogram(id, household string, m *regie.SocioMoment) *Drawing {
	d := &Drawing{ID: id, Width: socioWidth, Height: socioHeight,
		Title: "Sociogram " + household + ", " + m.Title(), Desc: SociogramSentence(m)}
	// The rings, outermost first so the inner ones lie on top.
	for r := 2; r >= 0; r-- {
		fill := White
		if r == 0 {
			fill = "#f2f2f2"
		}
		d.Items = append(d.Items, Circle{CX: socioCX, CY: socioCY, R: socioRadius(r), Style: Style{Stroke: Grey, Fill: fill}})
	}
	n := len(regie.SocioSectors)
	wedge := 360.0 / float64(n)
	outer := socioRadius(2)
	for i, s := range regie.SocioSectors {
		a0 := float64(i) * wedge
		p0, p1 := socioPoint(socioHome, a0), socioPoint(outer, a0)
		d.Items = append(d.Items, Line{X1: p0.X, Y1: p0.Y, X2: p1.X, Y2: p1.Y, Style: Style{Stroke: Grey, Dash: []float64{2, 3}}})
		mid := a0 + wedge/2
		lp := socioPoint(outer+16, mid)
		anchor := Middle
		switch {
		case lp.X > socioCX+20:
			anchor = Start
		case lp.X < socioCX-20:
			anchor = End
		}
		if lp.Y > socioCY {
			lp.Y += 8
		} else {
			lp.Y -= 8
		}
		n := len(m.InSector(s.Value))
		count := fmt.Sprintf("%d banden", n)
		if n == 1 {
			count = "1 band"
		}
		d.Items = append(d.Items, Text{X: lp.X, Y: lp.Y, Text: s.Label, Size: 15, Bold: true, Anchor: anchor},
			Text{X: lp.X, Y: lp.Y + 17, Text: count, Size: 13, Anchor: anchor, Fill: Grey})
	}
	// The ties: each at its own angle of its sector's wedge (so no two
	// lines overlap), in the middle of its ring; ties sharing a ring
	// alternate between the ring's inner and outer half. The lines go
	// first, then the dots and the names on a white ground, so no line
	// crosses a name.
	var dots []Item
	for i, s := range regie.SocioSectors {
		a0 := float64(i) * wedge
		ties := m.InSector(s.Value)
		perRing := map[int]int{}
		for _, t := range ties {
			perRing[t.Strength.Ring()]++
		}
		seen := map[int]int{}
		for k, t := range ties {
			ring := t.Strength.Ring()
			a := a0 + wedge*float64(k+1)/float64(len(ties)+1)
			rad := socioRadius(ring) - socioRing/2
			if perRing[ring] > 1 {
				rad += float64(seen[ring]%2*2-1) * socioRing / 5
			}
			seen[ring]++
			p := socioPoint(rad, a)
			d.Items = append(d.Items, socioLine(socioPoint(socioHome, a), socioPoint(rad-socioDot, a), t.Quality)...)
			name := Clip(t.Name, socioLabel)
			w := TextWidth(name, 13)
			x, anchor := p.X+socioDot+4, Start
			if p.X < socioCX {
				x, anchor = p.X-socioDot-4, End
			}
			left := x
			if anchor == End {
				left = x - w
			}
			dots = append(dots,
				Circle{CX: p.X, CY: p.Y, R: socioDot, Style: Style{Fill: White, Width: 2}},
				Rect{X: left - 2, Y: p.Y - 9, W: w + 4, H: 17, Style: Style{Stroke: White, Fill: White}},
				Text{X: x, Y: p.Y + 5, Text: name, Size: 13, Anchor: anchor})
		}
	}
	d.Items = append(d.Items, dots...)
	// The household in the centre.
	d.Items = append(d.Items,
		Circle{CX: socioCX, CY: socioCY, R: socioHome, Style: Style{Fill: Light, Width: 2}},
		Text{X: socioCX, Y: socioCY - 4, Text: "Huishouden", Size: 14, Bold: true, Anchor: Middle},
		Text{X: socioCX, Y: socioCY + 15, Text: Clip(household, 14), Size: 12, Anchor: Middle})
	d.Items = append(d.Items, socioLegend(socioLegendTop)...)
	return d
}

// socioLegend is the legend: the lines of the qualities and the rings.
func socioLegend(top float64) []Item {
	items := []Item{Text{X: 20, Y: top, Text: "Legenda", Size: 15, Bold: true}}
	y := top + 26
	for _, q := range regie.TieQualities {
		items = append(items, socioLine(Point{X: 20, Y: y - 4}, Point{X: 80, Y: y - 4}, q.Value)...)
		items = append(items, Text{X: 92, Y: y, Text: q.Label + ": " + socioLineWord(q.Value), Size: 14})
		y += 26
	}
	y = top + 26
	for _, s := range []string{"Sterke band: binnenste cirkel", "Matige band: middelste cirkel", "Zwakke band: buitenste cirkel"} {
		items = append(items, Text{X: 540, Y: y, Text: s, Size: 14})
		y += 26
	}
	items = append(items, Text{X: 20, Y: y + 8, Text: "Elke stip is een band, met een lijn naar het huishouden; bij elke sector staat het aantal banden.", Size: 13, Fill: Grey})
	return items
}

func socioLineWord(q regie.TieQuality) string {
	switch q {
	case regie.TieSupportive:
		return "doorgetrokken lijn"
	case regie.TieAmbivalent:
		return "gestreepte lijn"
	}
	return "zigzaglijn (rood)"
}

// SociogramSentence says the moment in words: the number of ties by
// quality and by sector, for the drawing's description.
func SociogramSentence(m *regie.SocioMoment) string {
	if len(m.Ties) == 0 {
		return "Nog geen banden vastgelegd."
	}
	byQ := map[regie.TieQuality]int{}
	for _, t := range m.Ties {
		byQ[t.Quality]++
	}
	var parts []string
	for _, q := range regie.TieQualities {
		parts = append(parts, fmt.Sprintf("%d %s", byQ[q.Value], strings.ToLower(q.Label)))
	}
	var secs []string
	for _, s := range regie.SocioSectors {
		if k := len(m.InSector(s.Value)); k > 0 {
			secs = append(secs, fmt.Sprintf("%s %d", strings.ToLower(s.Label), k))
		}
	}
	return fmt.Sprintf("%d banden: %s. Per sector: %s.", len(m.Ties), strings.Join(parts, ", "), strings.Join(secs, ", "))
}
