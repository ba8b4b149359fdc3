package regie_test

import (
	"testing"

	"regie"
)

func TestCloseInput_Validate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     regie.CloseInput
		fields []string
	}{
		{"OK", regie.CloseInput{Reason: "Netwerk neemt over", Outcome: regie.CloseNetwork}, nil},
		{"OnwardOK", regie.CloseInput{Reason: "x", Outcome: regie.CloseOnward, OnwardOrgID: 3, OnwardReason: "blijvende hulp"}, nil},
		{"ErrReasonAndOutcome", regie.CloseInput{Reason: "  ", Outcome: "weg"}, []string{"close_reason", "close_outcome"}},
		{"ErrOnwardIncomplete", regie.CloseInput{Reason: "x", Outcome: regie.CloseOnward}, []string{"onward_org", "onward_reason"}},
		{"ErrOnwardWithOtherOutcome", regie.CloseInput{Reason: "x", Outcome: regie.CloseMoved, OnwardReason: "y"}, []string{"onward_org"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := regie.ErrorFields(tc.in.Validate())
			if len(got) != len(tc.fields) {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
			for _, f := range tc.fields {
				if got[f] == "" {
					t.Errorf("no message on %s: %v", f, got)
				}
			}
		})
	}
}

func TestNetworkMeetingInput_Validate(t *testing.T) {
	today := regie.NewDate(2026, 3, 2)
	in := regie.NetworkMeetingInput{HeldOn: "2026-03-01", Others: " \nOma\n",
		Agreements: []regie.NetworkAgreementInput{{}, {Owner: "School", What: "Bellen", Due: "2026-04-01"}}}
	on, dues, err := in.Validate(today)
	if err != nil || on.ISO() != "2026-03-01" || !dues[0].IsZero() || dues[1].ISO() != "2026-04-01" {
		t.Fatalf("valid meeting: %v %v %v", on, dues, err)
	}
	if got := in.OtherNames(); len(got) != 1 || got[0] != "Oma" {
		t.Fatalf("others = %q", got)
	}
	in = regie.NetworkMeetingInput{HeldOn: "2026-03-01", Others: "Oma",
		Agreements: []regie.NetworkAgreementInput{{What: "Bellen", Due: "2026-02-01"}},
		Progress:   map[int64]regie.AgreementStatus{7: "misschien"}}
	_, _, err = in.Validate(today)
	fields := regie.ErrorFields(err)
	for _, f := range []string{"agreement-0-who", "agreement-0-due", "progress-7"} {
		if fields[f] == "" {
			t.Errorf("no message on %s: %v", f, fields)
		}
	}
}

func TestTrajectories_AgenciesOn(t *testing.T) {
	d := func(s string) regie.Date { x, _ := regie.ParseDate(s); return x }
	ts := &regie.Trajectories{List: []*regie.Trajectory{
		{OrgID: 1, Status: regie.TrajectoryRunning, StartedOn: d("2026-01-01")},
		{OrgID: 1, Status: regie.TrajectoryFinished, StartedOn: d("2025-06-01"), EndedOn: d("2026-02-01")},
		{OrgID: 2, Status: regie.TrajectoryFinished, StartedOn: d("2025-06-01"), EndedOn: d("2026-02-01")},
		{OrgID: 3, Status: regie.TrajectoryWaiting, WaitingSince: d("2026-02-15")},
		{OrgID: 4, Status: regie.TrajectoryProposed},
	}}
	for on, want := range map[string]int{"2025-05-31": 0, "2025-12-01": 2, "2026-02-01": 2, "2026-02-02": 1, "2026-03-01": 2} {
		if got := ts.AgenciesOn(d(on)); got != want {
			t.Errorf("AgenciesOn(%s) = %d, want %d", on, got, want)
		}
	}
}
