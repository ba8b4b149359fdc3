package regie_test

import (
	"strings"
	"testing"

	"regie"
)

// kinds returns the kinds of the signals.
func kinds(ss []regie.Signal) []regie.SignalKind {
	var ks []regie.SignalKind
	for _, s := range ss {
		ks = append(ks, s.Kind)
	}
	return ks
}

func has(ss []regie.Signal, k regie.SignalKind) *regie.Signal {
	for i := range ss {
		if ss[i].Kind == k {
			return &ss[i]
		}
	}
	return nil
}

// TestSignals walks a family's life on the calendar — days, weeks, months —
// and checks each norm of seed 003 turns into its signal exactly when it
// should.
func TestSignals(t *testing.T) {
	n := regie.DefaultNorms()
	start := regie.NewDate(2026, 1, 5)
	day := func(days int) regie.Date { return start.AddDays(days) }
	month := func(m int) regie.Date { return start.AddMonths(m) }
	base := regie.FamilyFacts{Phase: regie.PhaseIntroduction, PhaseStartedOn: start, IntensiveStartedOn: start,
		LastContactOn: start, LastReachedOn: start}

	t.Run("NewFamilyHasNone", func(t *testing.T) {
		if ss := regie.Signals(base, n, day(3)); len(ss) != 0 {
			t.Fatalf("signals = %v", kinds(ss))
		}
	})
	t.Run("NoContactForNDays", func(t *testing.T) {
		if has(regie.Signals(base, n, day(14)), regie.SignalNoContact) != nil {
			t.Fatal("signal on day 14; the norm says after 14 days")
		}
		s := has(regie.Signals(base, n, day(15)), regie.SignalNoContact)
		if s == nil || !strings.Contains(s.Text, "15 dagen") {
			t.Fatalf("no signal on day 15: %+v", s)
		}
		f := base
		f.LastReachedOn = day(10)
		if has(regie.Signals(f, n, day(20)), regie.SignalNoContact) != nil {
			t.Fatal("signal although there was contact 10 days ago")
		}
	})
	t.Run("RejectedAttemptsInARow", func(t *testing.T) {
		f := base
		f.RejectedStreak = 4
		if has(regie.Signals(f, n, day(3)), regie.SignalRejectedStreak) != nil {
			t.Fatal("signal after 4 attempts; the norm is 5")
		}
		f.RejectedStreak = 5
		if has(regie.Signals(f, n, day(3)), regie.SignalRejectedStreak) == nil {
			t.Fatal("no signal after 5 attempts")
		}
	})
	t.Run("ContactPhaseBelowWeeklyHours", func(t *testing.T) {
		f := base
		f.Phase, f.PhaseStartedOn = regie.PhaseContact, day(0)
		f.MinutesPhase = 3 * 8 * 60 // three weeks' worth
		if s := has(regie.Signals(f, n, day(21)), regie.SignalContactHoursLow); s != nil {
			t.Fatalf("signal at exactly 8 h a week: %s", s.Text)
		}
		f.MinutesPhase = 3*8*60 - 90
		s := has(regie.Signals(f, n, day(21)), regie.SignalContactHoursLow)
		if s == nil || !strings.Contains(s.Text, "7,5 uur per week") {
			t.Fatalf("signal below 8 h a week: %+v", s)
		}
		f.MinutesPhase = 0
		if has(regie.Signals(f, n, day(13)), regie.SignalContactHoursLow) != nil {
			t.Fatal("signal in the first two weeks of the phase")
		}
	})
	t.Run("PlanOverdueAfterFourMonths", func(t *testing.T) {
		f := base
		f.Phase = regie.PhaseContact
		f.LastReachedOn = month(4)
		if has(regie.Signals(f, n, month(4).AddDays(-1)), regie.SignalPlanOverdue) != nil {
			t.Fatal("plan overdue before 4 months")
		}
		if has(regie.Signals(f, n, month(4)), regie.SignalPlanOverdue) == nil {
			t.Fatal("no plan after 4 months and no signal")
		}
		f.PlanAgreedOn = month(3)
		if has(regie.Signals(f, n, month(4)), regie.SignalPlanOverdue) != nil {
			t.Fatal("signal although the plan is agreed")
		}
	})
	t.Run("InterimEvaluationThreeMonthsAfterPlan", func(t *testing.T) {
		f := base
		f.Phase, f.PlanAgreedOn, f.LastReachedOn = regie.PhaseExecution, month(3), month(6)
		if has(regie.Signals(f, n, month(6).AddDays(-1)), regie.SignalInterimDue) != nil {
			t.Fatal("interim evaluation due before 3 months after the plan")
		}
		if has(regie.Signals(f, n, month(6)), regie.SignalInterimDue) == nil {
			t.Fatal("no interim signal 3 months after the plan")
		}
		f.InterimDoneOn = month(6)
		if has(regie.Signals(f, n, month(6).AddDays(3)), regie.SignalInterimDue) != nil {
			t.Fatal("signal after the interim evaluation was held")
		}
		if d := regie.NextDue(f, n, month(6)); d.What != regie.Text(regie.MsgDueIntensiveEnd) || d.On != month(9) {
			t.Fatalf("next due = %+v", d)
		}
	})
	t.Run("IntensivePhaseOverNineMonthsOr200Hours", func(t *testing.T) {
		f := base
		f.Phase, f.PlanAgreedOn, f.InterimDoneOn, f.LastReachedOn = regie.PhaseExecution, month(3), month(6), month(9)
		if has(regie.Signals(f, n, month(9).AddDays(-1)), regie.SignalIntensiveLong) != nil {
			t.Fatal("signal before 9 months")
		}
		s := has(regie.Signals(f, n, month(9)), regie.SignalIntensiveLong)
		if s == nil || !s.Alert || !strings.Contains(s.Text, "doorverwijzen") && !strings.Contains(s.Text, "door te verwijzen") {
			t.Fatalf("9 months: %+v", s)
		}
		f.Extension = "Wacht op de wachtlijst van de Kredietbank (8 weken)"
		if s := has(regie.Signals(f, n, month(10)), regie.SignalIntensiveLong); s == nil || s.Explained != f.Extension {
			t.Fatalf("the recorded reason does not explain the signal: %+v", s)
		}
		f.MinutesIntensive = 200 * 60
		if has(regie.Signals(f, n, month(5)), regie.SignalIntensiveHours) != nil {
			t.Fatal("signal at exactly 200 hours")
		}
		f.MinutesIntensive = 200*60 + 1
		if has(regie.Signals(f, n, month(5)), regie.SignalIntensiveHours) == nil {
			t.Fatal("no signal over 200 hours")
		}
	})
	t.Run("CoordinationNetworkMeetingAndEighteenMonths", func(t *testing.T) {
		c := month(8)
		f := regie.FamilyFacts{Phase: regie.PhaseCoordination, PhaseStartedOn: c, IntensiveStartedOn: start, CoordinationStartedOn: c,
			PlanAgreedOn: month(3), InterimDoneOn: month(6), LastReachedOn: c, MinutesIntensive: 250 * 60}
		ss := regie.Signals(f, n, c.AddMonths(3))
		if len(ss) != 0 {
			t.Fatalf("phase 5 signals after exactly 3 months: %v (the intensive-phase norms no longer apply)", kinds(ss))
		}
		if s := has(regie.Signals(f, n, c.AddMonths(3).AddDays(1)), regie.SignalNetworkOverdue); s == nil || !strings.Contains(s.Text, "Nog geen netwerkoverleg") {
			t.Fatalf("no network meeting in the first 3 months: %+v", s)
		}
		f.LastNetworkMeetingOn = c.AddMonths(2)
		if has(regie.Signals(f, n, c.AddMonths(4)), regie.SignalNetworkOverdue) != nil {
			t.Fatal("signal although a network meeting was 2 months ago")
		}
		if d := regie.NextDue(f, n, c.AddMonths(4)); d.What != regie.Text(regie.MsgDueNetwork) || d.On != c.AddMonths(5) {
			t.Fatalf("next due = %+v", d)
		}
		f.LastNetworkMeetingOn = c.AddMonths(17)
		if has(regie.Signals(f, n, c.AddMonths(18).AddDays(-1)), regie.SignalCoordinationLong) != nil {
			t.Fatal("signal before 18 months")
		}
		if has(regie.Signals(f, n, c.AddMonths(18)), regie.SignalCoordinationLong) == nil {
			t.Fatal("no signal at 18 months of coordination")
		}
	})
	t.Run("AcuteAlwaysFirst", func(t *testing.T) {
		f := base
		f.Acute, f.RejectedStreak = true, 9
		ss := regie.Signals(f, n, day(1))
		if len(ss) < 2 || ss[0].Kind != regie.SignalAcute || !ss[0].Alert {
			t.Fatalf("signals = %v", kinds(ss))
		}
	})
	t.Run("NormsAreConfigurable", func(t *testing.T) {
		m := n
		m.NoContactDays = 7
		if has(regie.Signals(base, m, day(8)), regie.SignalNoContact) == nil {
			t.Fatal("a changed norm is not used")
		}
	})
}

func TestMonthsBetween(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"2026-01-05", "2026-04-04", 2},
		{"2026-01-05", "2026-04-05", 3},
		{"2026-01-31", "2026-02-28", 0},
		{"2026-05-01", "2026-01-01", 0},
	} {
		if got := regie.MonthsBetween(regie.MustParseDate(tc.a), regie.MustParseDate(tc.b)); got != tc.want {
			t.Errorf("MonthsBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
