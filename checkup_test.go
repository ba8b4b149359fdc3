package regie_test

import (
	"testing"

	"regie"
)

// TestNextCheckup: the check-ups after closing fall due 3, 6 and 12
// months after the closing; each one held covers a moment, a late one
// also the moments passed before it; a reopened file has none due.
func TestNextCheckup(t *testing.T) {
	closed := regie.NewDate(2026, 1, 15)
	d := regie.MustParseDate
	for _, tc := range []struct {
		name   string
		months []int
		facts  regie.FamilyFacts
		moment int
		on     string // "" when none is due
	}{
		{"Open", []int{3, 6, 12}, regie.FamilyFacts{}, 0, ""},
		{"ReopenedAfterCheckups", []int{3, 6, 12}, regie.FamilyFacts{CheckupsDone: 0, LastCheckupOn: d("2026-04-15")}, 0, ""},
		{"JustClosed", []int{3, 6, 12}, regie.FamilyFacts{ClosedOn: closed}, 1, "2026-04-15"},
		{"FirstDone", []int{3, 6, 12}, regie.FamilyFacts{ClosedOn: closed, CheckupsDone: 1, LastCheckupOn: d("2026-04-10")}, 2, "2026-07-15"},
		{"FirstEarly", []int{3, 6, 12}, regie.FamilyFacts{ClosedOn: closed, CheckupsDone: 1, LastCheckupOn: d("2026-03-01")}, 2, "2026-07-15"},
		{"FirstLateCoversSecond", []int{3, 6, 12}, regie.FamilyFacts{ClosedOn: closed, CheckupsDone: 1, LastCheckupOn: d("2026-08-01")}, 3, "2027-01-15"},
		{"TwoDone", []int{3, 6, 12}, regie.FamilyFacts{ClosedOn: closed, CheckupsDone: 2, LastCheckupOn: d("2026-07-20")}, 3, "2027-01-15"},
		{"AllDone", []int{3, 6, 12}, regie.FamilyFacts{ClosedOn: closed, CheckupsDone: 3, LastCheckupOn: d("2027-01-10")}, 0, ""},
		{"OneLateCoversAll", []int{3, 6, 12}, regie.FamilyFacts{ClosedOn: closed, CheckupsDone: 1, LastCheckupOn: d("2027-02-01")}, 0, ""},
		{"CustomMoments", []int{1, 24}, regie.FamilyFacts{ClosedOn: closed}, 1, "2026-02-15"},
		{"CustomSecond", []int{1, 24}, regie.FamilyFacts{ClosedOn: closed, CheckupsDone: 1, LastCheckupOn: d("2026-02-16")}, 2, "2028-01-15"},
		{"NoMoments", nil, regie.FamilyFacts{ClosedOn: closed}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := regie.DefaultNorms()
			n.CheckupMonths = tc.months
			moment, on, ok := regie.NextCheckup(tc.facts, n)
			if got, want := ok, tc.on != ""; got != want {
				t.Fatalf("due = %v, want %v (moment %d on %s)", got, want, moment, on)
			}
			if !ok {
				return
			}
			if moment != tc.moment || on.ISO() != tc.on {
				t.Errorf("moment %d on %s, want %d on %s", moment, on, tc.moment, tc.on)
			}
			// Dues says the same, and nothing of the phases.
			f := tc.facts
			f.Phase, f.CoordinationStartedOn = regie.PhaseCoordination, closed.AddMonths(-6)
			dues := regie.Dues(f, n)
			if len(dues) != 1 || dues[0].Kind != regie.DueCheckup || dues[0].On != on {
				t.Errorf("Dues = %+v, want only the check-up on %s", dues, on)
			}
		})
	}
}

// TestCheckupSignalsAndMoments: a closed file signals only its check-up,
// and only once it is past due; the moments page marks done and next.
func TestCheckupSignalsAndMoments(t *testing.T) {
	n := regie.DefaultNorms()
	closed := regie.NewDate(2026, 1, 15)
	// A file closed in phase 5 long after the norms of the phase ran out.
	f := regie.FamilyFacts{Phase: regie.PhaseCoordination, CoordinationStartedOn: closed.AddMonths(-20),
		LastNetworkMeetingOn: closed.AddMonths(-10), ClosedOn: closed}
	if ss := regie.Signals(f, n, closed.AddMonths(3)); len(ss) != 0 {
		t.Errorf("on the day the check-up is due: %v, want no signals", kinds(ss))
	}
	ss := regie.Signals(f, n, closed.AddMonths(3).AddDays(1))
	if len(ss) != 1 || ss[0].Kind != regie.SignalCheckupDue {
		t.Fatalf("a day later: %v, want only the check-up", kinds(ss))
	}
	if ss[0].Text != "De check-up na 3 maanden is aan de beurt sinds 15 april 2026." {
		t.Errorf("text %q", ss[0].Text)
	}
	f.Acute = true
	if ss := regie.Signals(f, n, closed.AddDays(1)); len(ss) != 1 || ss[0].Kind != regie.SignalAcute {
		t.Errorf("acute unsafety on a closed file: %v", kinds(ss))
	}
	if got := regie.NextDue(f, n, closed.AddDays(1)); got.Kind != regie.DueCheckup || got.What != "Check-up na 3 maanden" {
		t.Errorf("NextDue = %+v", got)
	}

	f.CheckupsDone, f.LastCheckupOn = 1, closed.AddMonths(3)
	ms := regie.CheckupMoments(f, n)
	if len(ms) != 3 || !ms[0].Done || ms[1].Done || !ms[1].Next || ms[2].Next || ms[2].On.ISO() != "2027-01-15" {
		t.Errorf("moments %+v", ms)
	}
	if ms := regie.CheckupMoments(regie.FamilyFacts{}, n); ms != nil {
		t.Errorf("an open file has moments: %+v", ms)
	}
}

// TestCheckupNorm: the moments are a norm, typed as increasing months.
func TestCheckupNorm(t *testing.T) {
	key := "norm.checkup_maanden"
	for _, tc := range []struct {
		value string
		ok    bool
	}{
		{"3, 6, 12", true}, {"1", true}, {"2 4 60", true}, {"", false}, {"3, 6, 6", false}, {"6, 3", false},
		{"0, 3", false}, {"3, 61", false}, {"3, zes", false},
	} {
		err := regie.ValidateNorms(map[string]string{key: tc.value})
		if got := err == nil; got != tc.ok {
			t.Errorf("%q: err = %v, want ok %v", tc.value, err, tc.ok)
		}
		if !tc.ok && regie.ErrorFields(err)[key] == "" {
			t.Errorf("%q: no message on the field: %v", tc.value, err)
		}
	}
	n := regie.DefaultNorms()
	n.Apply(map[string]string{key: "2, 4, 8, 24"})
	if got := n.CheckupMonths; len(got) != 4 || got[3] != 24 {
		t.Errorf("applied %v", got)
	}
	n.Apply(map[string]string{key: "kapot"})
	if got := n.CheckupMonths; len(got) != 4 {
		t.Errorf("a bad stored value changed the norm: %v", got)
	}
	for _, s := range regie.NormSettings {
		if s.Key == key && s.Value(regie.DefaultNorms()) != "3, 6, 12" {
			t.Errorf("shown as %q", s.Value(regie.DefaultNorms()))
		}
	}
}

// TestCheckupInput_Validate: a Dutch message per field.
func TestCheckupInput_Validate(t *testing.T) {
	closed, today := regie.NewDate(2026, 1, 15), regie.NewDate(2026, 4, 20)
	good := regie.CheckupInput{HeldOn: "2026-04-16", MemberIDs: []int64{1}, Family: "Het gaat goed.",
		Cooperation: "De school en het buurtteam houden contact.", Assessment: regie.CheckupGood}
	if held, err := good.Validate(closed, today); err != nil || held.ISO() != "2026-04-16" {
		t.Fatalf("good input: %v %v", held, err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*regie.CheckupInput)
		field string
	}{
		{"NoDate", func(in *regie.CheckupInput) { in.HeldOn = "" }, "checkup_on"},
		{"Future", func(in *regie.CheckupInput) { in.HeldOn = "2026-04-21" }, "checkup_on"},
		{"BeforeClosing", func(in *regie.CheckupInput) { in.HeldOn = "2026-01-14" }, "checkup_on"},
		{"NoOne", func(in *regie.CheckupInput) { in.MemberIDs = nil }, "spoken_with"},
		{"NoFamily", func(in *regie.CheckupInput) { in.Family = "" }, "family_doing"},
		{"NoCooperation", func(in *regie.CheckupInput) { in.Cooperation = "" }, "cooperation"},
		{"NoAssessment", func(in *regie.CheckupInput) { in.Assessment = "" }, "assessment"},
		{"BadAssessment", func(in *regie.CheckupInput) { in.Assessment = "matig" }, "assessment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.edit(&in)
			in.Normalize()
			if _, err := in.Validate(closed, today); regie.ErrorFields(err)[tc.field] == "" {
				t.Errorf("err = %v, want a message on %s", err, tc.field)
			}
		})
	}
	in := good
	in.MemberIDs, in.Others = nil, "  De buurvrouw  "
	in.Normalize()
	if _, err := in.Validate(closed, today); err != nil || in.Others != "De buurvrouw" {
		t.Errorf("free text alone: %v (%q)", err, in.Others)
	}
}
