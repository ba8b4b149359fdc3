package regie

import (
	"testing"
)

func TestCompareSociograms(t *testing.T) {
	tie := func(s SocioSector, name string, st TieStrength, q TieQuality) *SocioTie {
		return &SocioTie{Sector: s, Name: name, Strength: st, Quality: q}
	}
	start := &SocioMoment{Label: "Start", Ties: []*SocioTie{
		tie(SectorFamily, "Oma Riet", TieWeak, TieAmbivalent),
		tie(SectorNeighbours, "Buurman", TieWeak, TieStressful),
		tie(SectorAgencies, "Schuldhulp", TieModerate, TieSupportive),
		tie(SectorAgencies, "Huisarts", TieWeak, TieSupportive),
	}}
	end := &SocioMoment{Label: "Einde", Ties: []*SocioTie{
		tie(SectorFamily, "  oma   riet ", TieStrong, TieSupportive), // the same tie, typed differently
		tie(SectorClubs, "Voetbalclub", TieModerate, TieSupportive),
		tie(SectorAgencies, "Schuldhulp", TieModerate, TieSupportive),
		tie(SectorAgencies, "Huisarts", TieWeak, TieSupportive),
	}}
	if !start.Isolated() || start.InformalSupport() != 0 || start.Supportive() != 2 {
		t.Fatalf("start: isolated %v, informal %d, supportive %d", start.Isolated(), start.InformalSupport(), start.Supportive())
	}
	c := CompareSociograms(start, end)
	if len(c.Added) != 1 || c.Added[0].Name != "Voetbalclub" || len(c.Lost) != 1 || c.Lost[0].Name != "Buurman" ||
		len(c.Changed) != 1 || c.Changed[0].Strength != TieStrong || !c.IsolationBroken {
		t.Fatalf("comparison = %+v", c)
	}
	for _, sc := range c.PerSector {
		want := map[SocioSector][2]int{SectorFamily: {1, 1}, SectorNeighbours: {1, 0}, SectorClubs: {0, 1}, SectorAgencies: {2, 2}}[sc.Sector]
		if sc.From != want[0] || sc.To != want[1] {
			t.Errorf("%s: %d → %d, want %v", sc.Sector, sc.From, sc.To, want)
		}
	}
	// One supportive tie outside the agencies is still isolated.
	if CompareSociograms(start, &SocioMoment{Ties: end.Ties[:1]}).IsolationBroken {
		t.Errorf("one supportive tie breaks the isolation")
	}
}

func TestSocioInput_Validate(t *testing.T) {
	today := NewDate(2026, 3, 1)
	in := SocioMomentInput{On: "2026-03-02", Label: " "}
	if _, err := in.Validate(today); ErrorFields(err)["moment_on"] == "" || ErrorFields(err)["moment_label"] == "" {
		t.Errorf("moment: %v", err)
	}
	tin := SocioTieInput{Sector: SectorSchool, Name: " Juf Anna ", Strength: TieModerate, Quality: TieSupportive}
	if err := tin.Validate(); err != nil || tin.Name != "Juf Anna" {
		t.Errorf("tie: %v, name %q", err, tin.Name)
	}
}

func TestFlowers_OnTheirDays(t *testing.T) {
	d := MustParseDate
	ff := &FlowerFacts{Opened: d("2026-01-05"), HandoverOn: d("2026-06-01"), Today: d("2026-09-01"),
		Coordinators: []FlowerCoordinator{{Name: "Sanne", From: d("2026-01-05"), To: d("2026-05-01")}, {Name: "Youssef", From: d("2026-05-01")}},
		Trajectories: []*Trajectory{
			{OrgID: 1, OrgName: "Kredietbank", Intervention: "Schuldhulp", Status: TrajectoryRunning, StartedOn: d("2025-12-01")},
			{OrgID: 1, OrgName: "Kredietbank", Intervention: "Budgetbeheer", Status: TrajectoryRunning, StartedOn: d("2026-02-01")},
			{OrgID: 2, OrgName: "GGZ", Intervention: "Behandeling", Status: TrajectoryFinished, StartedOn: d("2026-01-01"), EndedOn: d("2026-05-15")},
			{OrgID: 3, OrgName: "Jeugdhulp", Intervention: "Opvoedsteun", Status: TrajectoryProposed},
			{OrgID: 4, OrgName: "Woningcorporatie", Intervention: "Wachtlijst", Status: TrajectoryWaiting, WaitingSince: d("2026-07-01")},
		},
		Persons: []FlowerPerson{
			{Name: "Oma Riet", Relation: NetworkGrandparent, From: d("2026-02-01")},
			{Name: "Buurman", Relation: NetworkNeighbour, From: d("2026-02-01"), To: d("2026-06-01")},
		},
	}
	fl := ff.Flowers().List
	if len(fl) != 3 || fl[0].Label != "Start" || fl[1].Label != "Overdracht naar coördinatie" || fl[2].Label != "Vandaag" {
		t.Fatalf("flowers = %+v", fl)
	}
	for i, want := range []struct {
		agencies, informal int
		coordinator        string
	}{{2, 0, "Sanne"}, {1, 1, "Youssef"}, {2, 1, "Youssef"}} {
		f := fl[i]
		if f.Agencies() != want.agencies || f.Informal() != want.informal || f.Coordinator != want.coordinator {
			t.Errorf("%s: %d agencies, %d informal, coordinator %q; want %+v", f.Label, f.Agencies(), f.Informal(), f.Coordinator, want)
		}
	}
	if p := fl[2].Petals[0]; p.Name != "Kredietbank" || p.Detail != "Schuldhulp, Budgetbeheer" {
		t.Errorf("an agency is one petal with its interventions: %+v", p)
	}
	// A file opened today has only today's flower.
	if n := len((&FlowerFacts{Opened: d("2026-09-01"), Today: d("2026-09-01")}).Flowers().List); n != 1 {
		t.Errorf("%d flowers for a file opened today", n)
	}
}
