package drawing

import (
	"strings"
	"testing"

	"regie"
)

// twelveTies is a sociogram with 12 ties in every sector, ring and
// quality, three in one sector's ring (the crowded case).
func twelveTies() *regie.SocioMoment {
	tie := func(s regie.SocioSector, name string, st regie.TieStrength, q regie.TieQuality) *regie.SocioTie {
		return &regie.SocioTie{Sector: s, Name: name, Strength: st, Quality: q}
	}
	m := &regie.SocioMoment{ID: 1, On: regie.NewDate(2026, 3, 1), Label: "Evaluatie", Ties: []*regie.SocioTie{
		tie(regie.SectorFamily, "Oma Riet", regie.TieStrong, regie.TieSupportive),
		tie(regie.SectorFamily, "Vader Marco", regie.TieWeak, regie.TieStressful),
		tie(regie.SectorFamily, "Tante Ans", regie.TieModerate, regie.TieAmbivalent),
		tie(regie.SectorFriends, "Buurvriendin Saskia van den Berg", regie.TieModerate, regie.TieSupportive),
		tie(regie.SectorNeighbours, "Buurman Kees", regie.TieWeak, regie.TieStressful),
		tie(regie.SectorSchool, "Mentor Kevin", regie.TieModerate, regie.TieSupportive),
		tie(regie.SectorSchool, "Juf Lotte", regie.TieModerate, regie.TieSupportive),
		tie(regie.SectorSchool, "Leerplicht", regie.TieModerate, regie.TieAmbivalent),
		tie(regie.SectorWork, "Werkgever Sandra", regie.TieWeak, regie.TieAmbivalent),
		tie(regie.SectorClubs, "Voetbalclub", regie.TieStrong, regie.TieSupportive),
		tie(regie.SectorAgencies, "Schuldhulp", regie.TieModerate, regie.TieSupportive),
		tie(regie.SectorAgencies, "Woningcorporatie", regie.TieWeak, regie.TieStressful),
	}}
	regie.SortTies(m.Ties)
	return m
}

func TestGolden_Sociogram12Ties(t *testing.T) {
	m := twelveTies()
	d := Sociogram("s", "Gezin Jansen", m)
	golden(t, "sociogram", d)
	svg := string(d.SVG())
	for _, want := range []string{"Oma Riet", "Familie</text>", "3 banden", "1 band<", "Instanties</text>", "doorgetrokken lijn", "zigzaglijn (rood)",
		"12 banden: 6 steunend, 3 wisselend, 3 belastend of conflict."} {
		if !strings.Contains(svg, want) {
			t.Errorf("sociogram lacks %q", want)
		}
	}
}

func TestSociogram_Empty(t *testing.T) {
	d := Sociogram("e", "Gezin Leeg", &regie.SocioMoment{Label: "Start", On: regie.NewDate(2026, 1, 1)})
	wellFormed(t, d.SVG())
	if d.Desc != "Nog geen banden vastgelegd." {
		t.Errorf("desc = %q", d.Desc)
	}
}
