package regie_test

import (
	"strings"
	"testing"

	"regie"
)

func TestEndTerms_EightWithStableKeys(t *testing.T) {
	want := []regie.EndTerm{"leefsituatie", "verantwoordelijkheid", "ondersteuning", "vertrouwen", "isolement", "overlast",
		"financien", "opvoeding"}
	if len(regie.EndTerms) != len(want) {
		t.Fatalf("%d end terms, want 8", len(regie.EndTerms))
	}
	for i, term := range regie.EndTerms {
		if term.Value != want[i] || term.Label == "" {
			t.Errorf("end term %d = %+v, want key %s", i, term, want[i])
		}
	}
}

func TestEvaluationInput_Validate(t *testing.T) {
	plan := regie.MustParseDate("2026-03-02")
	goals := []*regie.Goal{{Key: "g1"}, {Key: "g2"}}
	facts := regie.EvaluationFacts{Today: regie.MustParseDate("2026-06-10"), PlanAgreedOn: plan, Goals: goals,
		Members: map[int64]bool{1: true}, Norms: regie.DefaultNorms()}
	interim := func() regie.EvaluationInput {
		return regie.EvaluationInput{Kind: regie.EvalInterim, On: "2026-06-09", Casemanager: true,
			Scores: map[regie.Domain]regie.Score{"wonen": 3}}
	}
	final := func() regie.EvaluationInput {
		in := regie.EvaluationInput{Kind: regie.EvalFinal, On: "2026-06-09", Team: true, ClosingAnswer: "Buurtteam",
			Scores: map[regie.Domain]regie.Score{"wonen": 4}, EndTerms: map[regie.EndTerm]*regie.EndTermInput{},
			Goals: map[string]*regie.GoalEvaluationInput{"g1": {Degree: "behaald"}, "g2": {Degree: "niet", Note: "Wachtlijst"}}}
		for _, term := range regie.EndTerms {
			in.EndTerms[term.Value] = &regie.EndTermInput{Score: "nvt"}
		}
		return in
	}
	t.Run("InterimDefaultNext", func(t *testing.T) {
		in := interim()
		on, next, err := in.Validate(facts)
		if err != nil || on != regie.MustParseDate("2026-06-09") || next != regie.MustParseDate("2026-09-09") {
			t.Fatalf("= %v, %v, %v", on, next, err)
		}
	})
	t.Run("InterimNextSetByTheTeam", func(t *testing.T) {
		in := interim()
		in.NextDue = "2026-07-15"
		if _, next, err := in.Validate(facts); err != nil || next != regie.MustParseDate("2026-07-15") {
			t.Fatalf("= %v, %v", next, err)
		}
	})
	t.Run("FinalOK", func(t *testing.T) {
		in := final()
		if _, next, err := in.Validate(facts); err != nil || !next.IsZero() {
			t.Fatalf("= %v, %v", next, err)
		}
	})
	for _, tc := range []struct {
		name   string
		in     func() regie.EvaluationInput
		facts  func(regie.EvaluationFacts) regie.EvaluationFacts
		fields []string
	}{
		{"ErrFuture", func() regie.EvaluationInput { in := interim(); in.On = "2026-06-11"; return in }, nil, []string{"on"}},
		{"ErrBeforePlan", func() regie.EvaluationInput { in := interim(); in.On = "2026-03-01"; return in }, nil, []string{"on"}},
		{"ErrNoPlan", interim, func(f regie.EvaluationFacts) regie.EvaluationFacts { f.PlanAgreedOn = regie.Date{}; return f }, []string{"on"}},
		{"ErrNobody", func() regie.EvaluationInput { in := interim(); in.Casemanager = false; return in }, nil, []string{"participants"}},
		{"ErrMemberOfAnother", func() regie.EvaluationInput { in := interim(); in.Members = []int64{9}; return in }, nil, []string{"members"}},
		{"ErrNextBefore", func() regie.EvaluationInput { in := interim(); in.NextDue = "2026-06-09"; return in }, nil, []string{"next_due"}},
		{"ErrNextBad", func() regie.EvaluationInput { in := interim(); in.NextDue = "morgen"; return in }, nil, []string{"next_due"}},
		{"ErrNoScores", func() regie.EvaluationInput { in := interim(); in.Scores = nil; return in }, nil, []string{"scores"}},
		{"ErrNoteTooLong", func() regie.EvaluationInput {
			in := interim()
			in.Goals = map[string]*regie.GoalEvaluationInput{"g1": {Progress: strings.Repeat("x", 4001)}}
			return in
		}, nil, []string{"goal-g1-progress"}},
		{"ErrFinalTwice", final, func(f regie.EvaluationFacts) regie.EvaluationFacts {
			f.FinalOn = regie.MustParseDate("2026-05-01")
			return f
		}, []string{"kind"}},
		{"ErrInterimAfterFinal", interim, func(f regie.EvaluationFacts) regie.EvaluationFacts {
			f.FinalOn = regie.MustParseDate("2026-05-01")
			return f
		}, []string{"kind"}},
		{"ErrEndTermMissing", func() regie.EvaluationInput { in := final(); delete(in.EndTerms, "overlast"); return in }, nil,
			[]string{"term-overlast-score"}},
		{"ErrEndTermBadScore", func() regie.EvaluationInput { in := final(); in.EndTerms["isolement"].Score = "half"; return in }, nil,
			[]string{"term-isolement-score"}},
		{"ErrGoalDegree", func() regie.EvaluationInput { in := final(); in.Goals["g2"].Degree = ""; return in }, nil,
			[]string{"goal-g2-degree"}},
		{"ErrClosingAnswer", func() regie.EvaluationInput { in := final(); in.ClosingAnswer = "  "; return in }, nil,
			[]string{"closing_answer"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := facts
			if tc.facts != nil {
				f = tc.facts(f)
			}
			in := tc.in()
			_, _, err := in.Validate(f)
			fields := regie.ErrorFields(err)
			for _, k := range tc.fields {
				if fields[k] == "" {
					t.Errorf("no message on %s: %v", k, fields)
				}
			}
			if len(fields) != len(tc.fields) {
				t.Errorf("messages = %v, want only %v", fields, tc.fields)
			}
		})
	}
}

// TestDues_EveryInterimEvaluation: the first interim evaluation is due
// the norm after the plan, every later one on the day the previous set,
// none after the final evaluation.
func TestDues_EveryInterimEvaluation(t *testing.T) {
	n := regie.DefaultNorms()
	f := regie.FamilyFacts{Phase: regie.PhaseExecution, IntensiveStartedOn: regie.MustParseDate("2026-01-05"),
		PlanAgreedOn: regie.MustParseDate("2026-03-02")}
	interimDue := func(f regie.FamilyFacts) regie.Due {
		for _, d := range regie.Dues(f, n) {
			if d.Kind == regie.DueInterim {
				return d
			}
		}
		return regie.Due{}
	}
	if d := interimDue(f); d.On != regie.MustParseDate("2026-06-02") || d.What != regie.Text(regie.MsgDueInterim) {
		t.Fatalf("first = %+v", d)
	}
	f.InterimDoneOn, f.NextInterimOn = regie.MustParseDate("2026-06-04"), regie.MustParseDate("2026-08-01")
	if d := interimDue(f); d.On != f.NextInterimOn || d.What != regie.Text(regie.MsgDueInterimNext) {
		t.Fatalf("second = %+v", d)
	}
	if s := regie.Signals(f, n, regie.MustParseDate("2026-07-31")); hasKind(s, regie.SignalInterimDue) {
		t.Fatal("signal before the second is due")
	}
	if s := regie.Signals(f, n, regie.MustParseDate("2026-08-01")); !hasKind(s, regie.SignalInterimDue) {
		t.Fatal("no signal when the second is due")
	}
	f.FinalEvalOn = regie.MustParseDate("2026-07-01")
	if d := interimDue(f); d.Kind != "" {
		t.Fatalf("after the final evaluation = %+v", d)
	}
	if s := regie.Signals(f, n, regie.MustParseDate("2026-08-01")); hasKind(s, regie.SignalInterimDue) {
		t.Fatal("signal after the final evaluation")
	}
}

func hasKind(ss []regie.Signal, k regie.SignalKind) bool {
	for _, s := range ss {
		if s.Kind == k {
			return true
		}
	}
	return false
}
