package drawing

import (
	"fmt"
	"math"
	"strings"

	"regie"
)

// The balance model drawn as an old-fashioned pair of scales (seed 003
// §3.1): a beam on a fulcrum with two pans, the carrying capacity
// (draagkracht) on the left, the burden (draaglast) on the right. The
// beam tilts towards the heavier side by the weighted sums, at most
// balanceMaxTilt degrees; under each pan its factors are listed by level.
// The tilt is also said in words, in the drawing and in its description,
// so it reads without the picture.

// The balance's geometry, in user units.
const (
	balanceWidth   = 720.0
	balancePivotX  = balanceWidth / 2
	balancePivotY  = 120.0
	balanceArm     = 220.0 // from the pivot to a pan's hook
	balanceHang    = 70.0  // from the hook to the pan's rim
	balanceMaxTilt = 15.0  // degrees
	balanceDegree  = 3.0   // degrees per point of difference
	balanceLine    = 18.0  // the height of a line of the lists
	balanceColumn  = 330.0 // a list's width
	balanceClip    = 30    // characters of a factor's text
)

// BalanceTilt is the beam's angle in degrees: positive when the burden
// (right) goes down, negative when the carrying capacity does.
func BalanceTilt(m *regie.BalanceMoment) float64 {
	a := float64(m.Burden()-m.Carrying()) * balanceDegree
	return math.Max(-balanceMaxTilt, math.Min(balanceMaxTilt, a))
}

// BalanceSentence says the balance in words: which side weighs more, and
// the sums.
func BalanceSentence(m *regie.BalanceMoment) string {
	if m.Tilt() == regie.TiltEmpty {
		return m.Tilt().Label() + "."
	}
	return fmt.Sprintf("%s (draagkracht %d tegen draaglast %d).", m.Tilt().Label(), m.Carrying(), m.Burden())
}

// Balance draws the balance of one moment with its factors listed under
// the pans: the printed page's drawing.
func Balance(m *regie.BalanceMoment) *Drawing {
	d := BalanceScales(m)
	y1 := balanceList(d, 20, 366, regie.CarryingLevels, m)
	y2 := balanceList(d, balanceWidth-20-balanceColumn, 366, regie.BurdenLevels, m)
	d.Height = math.Max(y1, y2) + 10
	return d
}

// BalanceScales draws the balance of one moment without the lists: the
// screen's drawing, which the page's text lists under (on a phone the
// lists would be too small to read inside the drawing).
func BalanceScales(m *regie.BalanceMoment) *Drawing {
	d := &Drawing{ID: "balans", Width: balanceWidth, Height: 345,
		Title: "Balansmodel op " + m.On.Dutch(),
		Desc:  BalanceSentence(m) + " " + balanceCounts(m)}
	a := BalanceTilt(m) * math.Pi / 180
	dx, dy := balanceArm*math.Cos(a), balanceArm*math.Sin(a)
	left := Point{balancePivotX - dx, balancePivotY - dy}
	right := Point{balancePivotX + dx, balancePivotY + dy}

	// The sides' names above the pans.
	d.Items = append(d.Items,
		Text{X: balancePivotX - balanceArm, Y: 30, Text: "Draagkracht", Size: 16, Bold: true, Anchor: Middle, Fill: Green},
		Text{X: balancePivotX - balanceArm, Y: 48, Text: "beschermende factoren", Size: 11, Anchor: Middle, Fill: Grey},
		Text{X: balancePivotX + balanceArm, Y: 30, Text: "Draaglast", Size: 16, Bold: true, Anchor: Middle, Fill: Red},
		Text{X: balancePivotX + balanceArm, Y: 48, Text: "taken en risicofactoren", Size: 11, Anchor: Middle, Fill: Grey},
	)
	// The fulcrum and its foot.
	d.Items = append(d.Items,
		Polygon{Points: []Point{{balancePivotX, balancePivotY}, {balancePivotX - 40, 270}, {balancePivotX + 40, 270}},
			Style: Style{Fill: Light, Width: 1.5}},
		Rect{X: balancePivotX - 70, Y: 270, W: 140, H: 10, Style: Style{Fill: Grey, Stroke: Grey}},
	)
	// The pans hang from the beam's ends; the beam goes over them.
	d.Items = append(d.Items, balancePan(left, "Draagkracht", m.Carrying(), Green)...)
	d.Items = append(d.Items, balancePan(right, "Draaglast", m.Burden(), Red)...)
	d.Items = append(d.Items,
		Line{X1: left.X, Y1: left.Y, X2: right.X, Y2: right.Y, Style: Style{Width: 6}},
		Circle{CX: balancePivotX, CY: balancePivotY, R: 6, Style: Style{Fill: Black}},
	)
	d.Items = append(d.Items, Text{X: balancePivotX, Y: 310, Text: m.Tilt().Label() + ".", Size: 15, Bold: true, Anchor: Middle})
	if m.Tilt() != regie.TiltEmpty {
		d.Items = append(d.Items, Text{X: balancePivotX, Y: 330, Text: fmt.Sprintf("Draagkracht %d tegen draaglast %d", m.Carrying(), m.Burden()),
			Size: 12, Anchor: Middle, Fill: Grey})
	}
	return d
}

// balancePan is a pan hanging from the hook at p, with its side's sum.
func balancePan(p Point, name string, sum int, colour string) []Item {
	rim := p.Y + balanceHang
	return []Item{
		Line{X1: p.X, Y1: p.Y, X2: p.X - 72, Y2: rim, Style: Style{Stroke: Grey}},
		Line{X1: p.X, Y1: p.Y, X2: p.X + 72, Y2: rim, Style: Style{Stroke: Grey}},
		Polygon{Points: []Point{{p.X - 80, rim}, {p.X + 80, rim}, {p.X + 55, rim + 32}, {p.X - 55, rim + 32}},
			Style: Style{Fill: White, Stroke: colour, Width: 2}},
		Text{X: p.X, Y: rim + 22, Text: fmt.Sprintf("%s %d", name, sum), Size: 13, Bold: true, Anchor: Middle, Fill: colour},
	}
}

// balanceList lists the moment's factors of levels in a column at x from
// y on, and returns the y below it.
func balanceList(d *Drawing, x, y float64, levels []regie.Choice[regie.BalanceLevel], m *regie.BalanceMoment) float64 {
	for _, l := range levels {
		// The level's name without its explanation: "Microniveau".
		name, _, _ := strings.Cut(l.Label, " (")
		d.Items = append(d.Items, Text{X: x, Y: y, Text: name, Size: 12, Bold: true})
		y += balanceLine
		fs := m.Level(l.Value)
		if len(fs) == 0 {
			d.Items = append(d.Items, Text{X: x + 12, Y: y, Text: "geen", Size: 12, Fill: Grey})
			y += balanceLine
		}
		for _, f := range fs {
			d.Items = append(d.Items,
				Rect{X: x, Y: y - 9, W: 3 * float64(f.Weight), H: 9, Style: Style{Fill: Grey, Stroke: Grey}},
				Text{X: x + 12, Y: y, Text: Clip(f.Text, balanceClip) + " — " + BalanceFactorNote(f), Size: 12})
			y += balanceLine
		}
		y += 6
	}
	return y
}

// BalanceFactorNote is a factor's kind (for the burden) and weight in
// words: "taak, zwaar", "matig".
func BalanceFactorNote(f *regie.BalanceFactor) string {
	w := strings.ToLower(f.Weight.Label())
	switch f.Kind {
	case regie.BalanceTask:
		return "taak, " + w
	case regie.BalanceRisk:
		return "risico, " + w
	}
	return w
}

// balanceCounts says how many factors each side holds.
func balanceCounts(m *regie.BalanceMoment) string {
	var c, b int
	for _, f := range m.Factors {
		if f.Kind.Carrying() {
			c++
		} else {
			b++
		}
	}
	return fmt.Sprintf("%d beschermende factoren; %d taken en risicofactoren.", c, b)
}
