package drawing

import (
	"strings"
	"testing"

	"regie"
)

// eightPetals is a flower with five agencies and three persons of the
// informal network.
func eightPetals() *regie.Flower {
	f := &regie.Flower{Label: "Start", On: regie.NewDate(2026, 1, 12), Coordinator: "Fatima El Amrani"}
	for _, n := range []string{"Bureau Schuldhulpverlening Noord", "GGZ Centrum", "Jeugdbescherming Regio", "Woningcorporatie Thuis", "Veilig Thuis"} {
		f.Petals = append(f.Petals, &regie.Petal{Kind: regie.PetalAgency, Name: n})
	}
	for _, n := range []string{"Oma Riet", "Buurvrouw Els", "Trainer Mo"} {
		f.Petals = append(f.Petals, &regie.Petal{Kind: regie.PetalInformal, Name: n})
	}
	return f
}

func TestGolden_Flower8Petals(t *testing.T) {
	f := eightPetals()
	d := Flower("f", "Gezin Jansen", f)
	golden(t, "flower", d)
	svg := string(d.SVG())
	if got := strings.Count(svg, "<ellipse"); got != 8+2 {
		t.Errorf("%d ellipses, want 8 petals and 2 in the legend", got)
	}
	for _, want := range []string{"5 instanties · 3 uit het informele netwerk", "Fatima El Amrani", "8. Trainer Mo", "1. Bureau Schuldhulpverlen…"} {
		if !strings.Contains(svg, want) {
			t.Errorf("flower lacks %q", want)
		}
	}
}

func TestFlower_NoPetals(t *testing.T) {
	d := Flower("e", "Gezin Leeg", &regie.Flower{Label: "Vandaag", On: regie.NewDate(2026, 1, 1)})
	wellFormed(t, d.SVG())
	if !strings.Contains(d.Desc, "0 instanties · 0 uit het informele netwerk") {
		t.Errorf("desc = %q", d.Desc)
	}
}
