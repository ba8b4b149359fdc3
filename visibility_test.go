package regie_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"regie"
)

// TestWhoSees: per organisation the union of what its valid consents
// cover, until the latest end or until withdrawn; ended consents with the
// day they stopped holding (withdrawn or expired, whichever came first)
// and the organisations that see nothing since; consents not valid yet.
func TestWhoSees(t *testing.T) {
	d := regie.NewDate
	today := d(2026, 5, 1)
	party := func(org int64, name string, kinds ...regie.InfoKind) regie.ConsentParty {
		return regie.ConsentParty{OrgID: org, OrgName: name, Kinds: kinds}
	}
	school := &regie.Consent{ID: 1, SignedOn: d(2026, 3, 2), ValidUntil: d(2026, 6, 30),
		Parties: []regie.ConsentParty{party(5, "School", regie.DomainKind("kinderen"), regie.InfoFamily)}}
	schoolOpen := &regie.Consent{ID: 2, SignedOn: d(2026, 4, 1),
		Parties: []regie.ConsentParty{party(5, "School", regie.InfoContacts, regie.InfoFamily), party(6, "Alfa Wonen", regie.InfoFamily)}}
	// Withdrawn from 1 June: still valid today, until 31 May.
	wonen := &regie.Consent{ID: 3, SignedOn: d(2026, 3, 2), WithdrawnOn: d(2026, 6, 1),
		Parties: []regie.ConsentParty{party(7, "Bouwfonds", regie.InfoPlan)}}
	expired := &regie.Consent{ID: 4, SignedOn: d(2026, 1, 5), ValidUntil: d(2026, 3, 31),
		Parties: []regie.ConsentParty{party(8, "GGZ", regie.InfoPlan), party(5, "School", regie.InfoSafety)}}
	// Withdrawn before it would have expired.
	withdrawn := &regie.Consent{ID: 5, SignedOn: d(2026, 1, 5), ValidUntil: d(2026, 12, 31), WithdrawnOn: d(2026, 4, 10),
		Parties: []regie.ConsentParty{party(9, "Kredietbank", regie.InfoPlan)}}
	// Withdrawn after it expired: it expired.
	lateWithdrawal := &regie.Consent{ID: 6, SignedOn: d(2026, 1, 5), ValidUntil: d(2026, 2, 28), WithdrawnOn: d(2026, 4, 1),
		Parties: []regie.ConsentParty{party(8, "GGZ", regie.InfoPlan)}}
	future := &regie.Consent{ID: 7, SignedOn: d(2026, 5, 4), Parties: []regie.ConsentParty{party(10, "Politie", regie.InfoSafety)}}

	orgs, ended, upcoming := regie.WhoSees([]*regie.Consent{schoolOpen, school, wonen, expired, withdrawn, lateWithdrawal, future}, today)

	type org struct {
		Name     string
		Kinds    []regie.InfoKind
		Until    regie.Date
		Open     bool
		Consents []int64
	}
	var gotOrgs []org
	for _, o := range orgs {
		g := org{o.OrgName, o.Kinds, o.Until, o.UntilWithdrawn, nil}
		for _, c := range o.Consents {
			g.Consents = append(g.Consents, c.ID)
		}
		gotOrgs = append(gotOrgs, g)
	}
	wantOrgs := []org{
		{"Alfa Wonen", []regie.InfoKind{regie.InfoFamily}, regie.Date{}, true, []int64{2}},
		{"Bouwfonds", []regie.InfoKind{regie.InfoPlan}, d(2026, 5, 31), false, []int64{3}},
		// Sections first, then life domains; the expired consent's
		// safety is not among them.
		{"School", []regie.InfoKind{regie.InfoFamily, regie.InfoContacts, regie.DomainKind("kinderen")}, d(2026, 6, 30), true, []int64{1, 2}},
	}
	if diff := cmp.Diff(wantOrgs, gotOrgs, cmp.AllowUnexported(regie.Date{})); diff != "" {
		t.Errorf("organisations (-want +got):\n%s", diff)
	}

	type end struct {
		ID        int64
		Withdrawn bool
		Since     regie.Date
		Gone      []string
	}
	var gotEnded []end
	for _, e := range ended {
		gotEnded = append(gotEnded, end{e.Consent.ID, e.Withdrawn, e.Since, e.Gone})
	}
	wantEnded := []end{
		{5, true, d(2026, 4, 10), []string{"Kredietbank"}},
		{4, false, d(2026, 4, 1), []string{"GGZ"}}, // School sees on other consents
		{6, false, d(2026, 3, 1), []string{"GGZ"}},
	}
	if diff := cmp.Diff(wantEnded, gotEnded, cmp.AllowUnexported(regie.Date{})); diff != "" {
		t.Errorf("ended (-want +got):\n%s", diff)
	}
	if len(upcoming) != 1 || upcoming[0].ID != 7 {
		t.Errorf("upcoming: %+v", upcoming)
	}
}

// TestStagnationSignalAndWork: an open report is an alert of an open
// file (not of a closed one) and, for the keeper of the journey, a werkbak
// item due the day it was made; a report picked up is neither.
func TestStagnationSignalAndWork(t *testing.T) {
	today := regie.NewDate(2026, 5, 6)
	n := regie.DefaultNorms()
	f := regie.FamilyFacts{Phase: regie.PhaseCoordination, CoordinationStartedOn: today, OpenStagnations: 2, StagnationSince: today.AddDays(-3)}
	var found bool
	for _, s := range regie.Signals(f, n, today) {
		if s.Kind == regie.SignalStagnation {
			found = s.Alert
		}
	}
	if !found {
		t.Error("no stagnation alert for an open file")
	}
	closed := f
	closed.ClosedOn = today
	for _, s := range regie.Signals(closed, n, today) {
		if s.Kind == regie.SignalStagnation {
			t.Error("a closed file signals stagnation")
		}
	}
	reports := []*regie.Stagnation{
		{ID: 1, OrgName: "GGZ", Reason: "Geen voortgang.", ReportedOn: today.AddDays(-3)},
		{ID: 2, OrgName: "School", Reason: "Verzuim.", ReportedOn: today},
		{ID: 3, OrgName: "School", Reason: "Opgepakt.", ReportedOn: today, HandledOn: today},
	}
	for _, tc := range []struct {
		name    string
		journey bool
		want    []regie.Urgency
	}{
		{"coordinator", true, []regie.Urgency{regie.UrgencyOverdue, regie.UrgencyToday}},
		{"youth worker", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []regie.Urgency
			for _, it := range regie.WorkFor(regie.FamilyWork{FamilyID: 4, Facts: f, Journey: tc.journey, Stagnations: reports}, n, today) {
				if it.Kind == regie.WorkStagnation {
					if !it.Alert || it.Link != "/gezinnen/4/partners#stagnatie" {
						t.Errorf("item: %+v", it)
					}
					got = append(got, it.Urgency)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("urgencies (-want +got):\n%s", diff)
			}
		})
	}
}
