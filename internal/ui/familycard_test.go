package ui

import (
	"strings"
	"testing"

	"regie"
)

// TestFamilyCards: the lines of a family on a list, and the last contact
// read as the team reads it — a shut door is a contact moment, and the
// card says when the family was last actually reached.
func TestFamilyCards(t *testing.T) {
	nov := func(d int) regie.Date { return regie.NewDate(2026, 11, d) }
	for _, tc := range []struct {
		facts regie.FamilyFacts
		want  string
	}{
		{regie.FamilyFacts{}, "nog geen"},
		{regie.FamilyFacts{LastContactOn: nov(20)}, "20 november 2026 (nog geen contact gehad)"},
		{regie.FamilyFacts{LastContactOn: nov(20), LastReachedOn: nov(4)}, "20 november 2026 (laatste keer contact gehad: 4 november 2026)"},
		{regie.FamilyFacts{LastContactOn: nov(20), LastReachedOn: nov(20)}, "20 november 2026"},
	} {
		if got := lastContact(tc.facts); got != tc.want {
			t.Errorf("lastContact(%+v) = %q, want %q", tc.facts, got, tc.want)
		}
	}

	norms := regie.DefaultNorms()
	list := []*regie.FamilySummary{
		{ID: 7, HouseholdName: "Gezin A", Phase: regie.PhaseContact, MinutesMonth: 90, Coordinator: "Sanne",
			Facts: regie.FamilyFacts{PhaseStartedOn: nov(4), MinutesTotal: 600, MinutesIntensive: 600, LastContactOn: nov(24), LastReachedOn: nov(24)},
			Due:   regie.Due{What: "Hulpverleningsplan klaar", On: nov(30)}},
		{ID: 8, HouseholdName: "Gezin B", Phase: regie.PhaseCoordination, ClosedAt: nov(1).Time()},
	}
	cards := familyCards(list, nov(25), &norms)
	a, b := cards[0], cards[1]
	if a.Phase != "Fase 2 · Contact leggen en motiveren" || a.DueWhat != "Hulpverleningsplan klaar" || a.DueOn != "30 november 2026" {
		t.Errorf("card A = %+v", a)
	}
	want := "3 weken in deze fase|deze maand 1,5 u|totaal 10 u (intensief 10 van ±200)|laatste contact: 24 november 2026|regisseur: Sanne"
	if got := strings.Join(a.Meta, "|"); got != want {
		t.Errorf("card A's lines = %q, want %q", got, want)
	}
	if !b.Closed || b.Phase != "" || strings.Contains(strings.Join(b.Meta, "|"), "in deze fase") {
		t.Errorf("a closed file's card = %+v", b)
	}
}

func TestWaited(t *testing.T) {
	today := regie.NewDate(2026, 11, 25)
	for _, tc := range []struct {
		on   regie.Date
		want string
	}{
		{today, "sinds vandaag"},
		{today.AddDays(-1), "1 dag"},
		{today.AddDays(-13), "13 dagen"},
		{today.AddDays(-14), "2 weken"},
		{today.AddDays(-45), "6 weken"},
	} {
		if got := waited(tc.on.Time(), today); got != tc.want {
			t.Errorf("waited since %s = %q, want %q", tc.on, got, tc.want)
		}
	}
}
