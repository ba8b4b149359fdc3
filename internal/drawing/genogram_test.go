package drawing

import (
	"strings"
	"testing"

	"regie"
)

// threeGenerations is the golden genogram: grandparents (Opa Henk
// deceased), the parents divorced and the mother together with a new
// partner, two children and a half-brother in the household, a conflict
// between the parents and a close bond between mother and grandmother.
func threeGenerations() *regie.Genogram {
	g := &regie.Genogram{FamilyID: 1}
	person := func(id int64, name string, sex regie.GenogramSex, gen, born, died int, home bool, ms ...regie.GenogramMarker) {
		g.Persons = append(g.Persons, &regie.GenogramPerson{ID: id, FamilyID: 1, Name: name, Sex: sex, Generation: gen,
			BirthYear: born, DeathYear: died, Deceased: died != 0, InHousehold: home, Markers: ms})
	}
	person(1, "Opa Henk", regie.SexMale, -1, 1948, 2019, false)
	person(2, "Oma Riet", regie.SexFemale, -1, 1950, 0, false)
	person(3, "Oma Fatma", regie.SexFemale, -1, 1955, 0, false)
	person(4, "Marco", regie.SexMale, 0, 1978, 0, false, regie.MarkerAddiction, regie.MarkerDetention)
	person(5, "Sandra", regie.SexFemale, 0, 1982, 0, true, regie.MarkerDebt)
	person(6, "Dennis", regie.SexMale, 0, 1980, 0, true)
	person(7, "Kevin", regie.SexMale, 1, 2010, 0, true)
	person(8, "Lotte", regie.SexFemale, 1, 2013, 0, true)
	person(9, "Noah", regie.SexMale, 1, 2021, 0, true)
	rel := func(id, from, to int64, k regie.GenogramRelationKind) {
		g.Relations = append(g.Relations, &regie.GenogramRelation{ID: id, FamilyID: 1, FromID: from, ToID: to, Kind: k})
	}
	rel(1, 1, 2, regie.RelMarried)
	rel(2, 1, 4, regie.RelChild)
	rel(3, 2, 4, regie.RelChild)
	rel(4, 3, 5, regie.RelChild)
	rel(5, 4, 5, regie.RelDivorced)
	rel(6, 5, 6, regie.RelTogether)
	rel(7, 4, 7, regie.RelChild)
	rel(8, 5, 7, regie.RelChild)
	rel(9, 4, 8, regie.RelChild)
	rel(10, 5, 8, regie.RelChild)
	rel(11, 5, 9, regie.RelChild)
	rel(12, 6, 9, regie.RelChild)
	rel(13, 4, 5, regie.RelConflict)
	rel(14, 3, 5, regie.RelClose)
	return g
}

func TestGolden_Genogram(t *testing.T) {
	golden(t, "genogram", Genogram(threeGenerations(), "Genogram van gezin Bakker"))
}

// TestGenogram_Layout: generations in rows, partners side by side with
// the one who has two partners between them, children under their
// parents, every symbol inside the drawing.
func TestGenogram_Layout(t *testing.T) {
	g := threeGenerations()
	l := newGenoLayout(g)
	l.order()
	l.place()
	x := func(id int64) float64 { return l.pos[id].x }
	y := func(id int64) float64 { return l.pos[id].y }
	if !(y(1) < y(4) && y(4) < y(7) && y(1) == y(3) && y(4) == y(6)) {
		t.Errorf("rows: %v %v %v", y(1), y(4), y(7))
	}
	if !(x(4) < x(5) && x(5) < x(6)) {
		t.Errorf("Sandra stands between her two partners: %v %v %v", x(4), x(5), x(6))
	}
	if mid := (x(1) + x(2)) / 2; mid < x(4)-gCol || mid > x(4)+gCol {
		t.Errorf("Marco's parents (%v) are not above him (%v)", mid, x(4))
	}
	if !(x(3) > x(2)) {
		t.Errorf("Oma Fatma (%v) stands on Sandra's side, right of Marco's parents (%v)", x(3), x(2))
	}
	if x(9) <= x(8) {
		t.Errorf("Noah (Sandra and Dennis) right of Lotte (Sandra and Marco): %v %v", x(9), x(8))
	}
	d := Genogram(g, "t")
	svg := string(d.SVG())
	for _, want := range []string{"Opa Henk", "1948–2019", "VSL DET", "Legenda", "Gescheiden", "Conflict (zigzag)", "SCH: Schulden"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	for _, p := range l.pos {
		if p.x < 0 || p.x > d.Width || p.y > d.Height {
			t.Errorf("%s outside the drawing: %v,%v in %vx%v", p.p.Name, p.x, p.y, d.Width, d.Height)
		}
	}
}

func TestGenogram_Empty(t *testing.T) {
	d := Genogram(&regie.Genogram{}, "Leeg")
	wellFormed(t, d.SVG())
	if d.Width < gMinW || d.Height <= 0 {
		t.Errorf("empty drawing %vx%v", d.Width, d.Height)
	}
}
