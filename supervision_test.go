package regie_test

import (
	"testing"

	"regie"
)

func TestSupervisionDueOn(t *testing.T) {
	n := regie.DefaultNorms()
	d := regie.MustParseDate
	for _, tc := range []struct {
		last, today string
		due         string
		state       regie.SupervisionState
	}{
		{"", "2026-03-02", "", regie.SupervisionNone},
		{"2026-03-02", "2026-03-02", "2026-04-02", regie.SupervisionOnTime},
		{"2026-03-02", "2026-03-25", "2026-04-02", regie.SupervisionOnTime},
		{"2026-03-02", "2026-03-26", "2026-04-02", regie.SupervisionDueSoon}, // a week before
		{"2026-03-02", "2026-04-02", "2026-04-02", regie.SupervisionDueSoon}, // the day itself
		{"2026-03-02", "2026-04-03", "2026-04-02", regie.SupervisionOverdue},
	} {
		var last regie.Date
		if tc.last != "" {
			last = d(tc.last)
		}
		got := regie.SupervisionDueOn(last, n, d(tc.today))
		if got.State != tc.state || (tc.due != "" && got.DueOn.ISO() != tc.due) || (tc.due == "" && !got.DueOn.IsZero()) {
			t.Errorf("last %q, today %s: %+v, want due %q %s", tc.last, tc.today, got, tc.due, tc.state)
		}
	}
	// The norm decides: every two months.
	n.SupervisionMonths = 2
	if got := regie.SupervisionDueOn(d("2026-03-02"), n, d("2026-04-03")); got.State != regie.SupervisionOnTime || got.DueOn.ISO() != "2026-05-02" {
		t.Errorf("every two months: %+v", got)
	}
}

func TestSupervisionInput_Validate(t *testing.T) {
	today := regie.MustParseDate("2026-03-02")
	in := regie.SupervisionInput{HeldOn: "2026-03-02", Agreements: "  Sanne: huisbezoek\n\n  Jolanda: bellen  "}
	on, err := in.Validate(today)
	if err != nil || on != today || in.Agreements != "Sanne: huisbezoek\n\n  Jolanda: bellen" {
		t.Fatalf("valid input: %v, %v, %q", on, err, in.Agreements)
	}
	s := regie.SupervisionSession{Agreements: in.Agreements}
	if got := s.AgreementLines(); len(got) != 2 || got[1] != "Jolanda: bellen" {
		t.Errorf("lines = %q", got)
	}
	for _, bad := range []struct {
		in    regie.SupervisionInput
		field string
	}{
		{regie.SupervisionInput{WorkerPoints: "x"}, "session_on"},
		{regie.SupervisionInput{HeldOn: "2026-03-03", WorkerPoints: "x"}, "session_on"},
		{regie.SupervisionInput{HeldOn: "2026-03-01", LeaderPoints: " "}, "leader_points"},
	} {
		if _, err := bad.in.Validate(today); regie.ErrorFields(err)[bad.field] == "" {
			t.Errorf("%+v: %v, want a message on %s", bad.in, err, bad.field)
		}
	}
}
