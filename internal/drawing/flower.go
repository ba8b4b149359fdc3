package drawing

import (
	"fmt"
	"math"
	"strconv"

	"regie"
)

// The wrap-around flower (seed 002): the family and the coordinator at
// the heart, the agencies and the informal network as petals around it.
// Each petal carries its number, the name is written beyond its tip; an
// agency's petal is white with a thick blue edge, a person's grey with a
// thin green edge, and the legend says so (it reads in black and white).

// The flower's geometry, in user units.
const (
	flowerWidth  = 1000.0
	flowerCX     = flowerWidth / 2
	flowerCY     = 300.0
	flowerHeart  = 78.0  // the heart's radius
	flowerLength = 80.0  // a petal's half length (along the radius)
	flowerBreath = 34.0  // a petal's half breadth, at most
	flowerLabel  = 24    // characters of a petal's name
	flowerHeight = 730.0 // with the counts and the legend
)

// Flower draws flower f of household. id prefixes the drawing's ids.
func Flower(id, household string, f *regie.Flower) *Drawing {
	d := &Drawing{ID: id, Width: flowerWidth, Height: flowerHeight,
		Title: "Wrap-around bloem " + household + ", " + f.Label + " (" + f.On.Dutch() + ")", Desc: FlowerSentence(f)}
	n := len(f.Petals)
	mid := flowerHeart + flowerLength - 6 // the petal's centre, from the heart's
	breadth := flowerBreath
	if n > 0 {
		// Petals side by side around the heart do not overlap much.
		breadth = math.Min(flowerBreath, math.Pi*mid/float64(n)*0.85)
	}
	var labels []Item
	for i, p := range f.Petals {
		a := 360 * float64(i) / float64(max(n, 1))
		t := a * math.Pi / 180
		cx, cy := flowerCX+mid*math.Sin(t), flowerCY-mid*math.Cos(t)
		st := Style{Fill: White, Stroke: Blue, Width: 3}
		if p.Kind == regie.PetalInformal {
			st = Style{Fill: Light, Stroke: Green, Width: 1.5}
		}
		d.Items = append(d.Items, Ellipse{CX: cx, CY: cy, RX: breadth, RY: flowerLength, Rotate: a, Style: st})
		// The number inside the petal, towards its tip.
		nr := mid + flowerLength*0.45
		labels = append(labels, Text{X: flowerCX + nr*math.Sin(t), Y: flowerCY - nr*math.Cos(t) + 5, Text: strconv.Itoa(i + 1),
			Size: 13, Bold: true, Anchor: Middle})
		// The name beyond the tip.
		lr := mid + flowerLength + 14
		lx, ly := flowerCX+lr*math.Sin(t), flowerCY-lr*math.Cos(t)
		anchor := Middle
		switch {
		case lx > flowerCX+25:
			anchor = Start
		case lx < flowerCX-25:
			anchor = End
		}
		if ly > flowerCY+20 {
			ly += 10
		}
		labels = append(labels, Text{X: lx, Y: ly + 4, Text: fmt.Sprintf("%d. %s", i+1, Clip(p.Name, flowerLabel)), Size: 12, Anchor: anchor})
	}
	d.Items = append(d.Items, labels...)
	// The heart: the family and the coordinator.
	coord := "Geen regisseur"
	if f.Coordinator != "" {
		coord = Clip(f.Coordinator, 20)
	}
	d.Items = append(d.Items,
		Circle{CX: flowerCX, CY: flowerCY, R: flowerHeart, Style: Style{Fill: "#fff4cc", Stroke: Black, Width: 2}},
		Text{X: flowerCX, Y: flowerCY - 14, Text: Clip(household, 18), Size: 14, Bold: true, Anchor: Middle},
		Text{X: flowerCX, Y: flowerCY + 6, Text: "Regisseur:", Size: 11, Anchor: Middle},
		Text{X: flowerCX, Y: flowerCY + 22, Text: coord, Size: 11, Anchor: Middle})
	// The count of petals, then the legend.
	y := flowerCY + flowerHeart + 2*flowerLength + 70
	d.Items = append(d.Items, Text{X: flowerCX, Y: y, Text: FlowerCount(f), Size: 16, Bold: true, Anchor: Middle})
	y += 40
	d.Items = append(d.Items,
		Text{X: 20, Y: y, Text: "Legenda", Size: 13, Bold: true},
		Ellipse{CX: 40, CY: y + 22, RX: 18, RY: 9, Style: Style{Fill: White, Stroke: Blue, Width: 3}},
		Text{X: 70, Y: y + 26, Text: "Instantie: wit blad met dikke rand", Size: 12},
		Ellipse{CX: 540, CY: y + 22, RX: 18, RY: 9, Style: Style{Fill: Light, Stroke: Green, Width: 1.5}},
		Text{X: 570, Y: y + 26, Text: "Informeel netwerk: grijs blad met dunne rand", Size: 12},
		Text{X: 20, Y: y + 52, Text: "Het hart is het gezin met de regisseur; het nummer in een blad staat voor de naam erbuiten.", Size: 12, Fill: Grey})
	return d
}

// FlowerCount says the petals in numbers: agencies and informal network.
func FlowerCount(f *regie.Flower) string {
	word := "instanties"
	if f.Agencies() == 1 {
		word = "instantie"
	}
	return fmt.Sprintf("%d %s · %d uit het informele netwerk", f.Agencies(), word, f.Informal())
}

// FlowerSentence says the flower in words, for its description.
func FlowerSentence(f *regie.Flower) string {
	s := "In het hart het gezin"
	if f.Coordinator != "" {
		s += " met regisseur " + f.Coordinator
	}
	return s + ". " + FlowerCount(f) + "."
}
