package store_test

import (
	"context"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// agreedPlan gives FamAssigned an agreed plan (version 1, two goals),
// discussed in the team, agreed on the fixture's first day.
func agreedPlan(t *testing.T, s *store.Store, f *storetest.Fixture) *regie.PlanVersion {
	t.Helper()
	cm, tl := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
	fam := f.FamAssigned
	if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlanDraft(cm, fam.ID, 1, planInput(f)); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPlanDiscussed(tl, fam.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.AgreePlan(cm, fam.ID, 1, regie.PlanAgreement{On: "2026-03-02", With: "Sandra Jansen"}); err != nil {
		t.Fatal(err)
	}
	v, err := s.FindPlanVersion(cm, fam.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// interimInput is an interim evaluation on day with the family's mother,
// the casemanager, and progress on the first goal.
func interimInput(f *storetest.Fixture, v *regie.PlanVersion, day, next string) regie.EvaluationInput {
	return regie.EvaluationInput{Kind: regie.EvalInterim, On: day, Members: []int64{f.FamAssigned.Members[0].ID}, Casemanager: true,
		Goals: map[string]*regie.GoalEvaluationInput{v.Goals[0].Key: {Progress: "Het overzicht van de schulden is er.",
			Changes: "Nu een betalingsregeling."}},
		Scores: map[regie.Domain]regie.Score{"financien": 2, "kinderen": 3}, NextDue: next}
}

// finalInput is a complete final evaluation on day.
func finalInput(v *regie.PlanVersion, day string) regie.EvaluationInput {
	in := regie.EvaluationInput{Kind: regie.EvalFinal, On: day, Casemanager: true, Team: true, Others: "oma",
		Goals: map[string]*regie.GoalEvaluationInput{}, EndTerms: map[regie.EndTerm]*regie.EndTermInput{},
		ClosingAnswer: "Een vaste contactpersoon bij het buurtteam.", Scores: map[regie.Domain]regie.Score{"financien": 4}}
	for i, g := range v.Goals {
		in.Goals[g.Key] = &regie.GoalEvaluationInput{Degree: []regie.GoalDegree{"behaald", "deels"}[i%2], Note: "Zie dossier."}
	}
	for i, term := range regie.EndTerms {
		in.EndTerms[term.Value] = &regie.EndTermInput{Score: regie.EndTermScores[i%4].Value, Note: "Toelichting " + term.Label}
	}
	return in
}

func recordErr(ctx context.Context, s *store.Store, familyID int64, in regie.EvaluationInput) error {
	_, err := s.RecordEvaluation(ctx, familyID, in)
	return err
}

func summaryFacts(t *testing.T, s *store.Store, familyID int64) regie.FamilyFacts {
	t.Helper()
	stored, recomputed, err := s.RecomputeSummaryForTest(storetest.System(), familyID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Facts != recomputed.Facts {
		t.Fatalf("stored summary %+v differs from recomputed %+v", stored.Facts, recomputed.Facts)
	}
	return stored.Facts
}

func auditCount(t *testing.T, s *store.Store, segment, outcome string, familyID int64) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM audit WHERE segment = $1 AND outcome = $2 AND family_id = $3`,
		segment, outcome, familyID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEvaluation_InterimRecordsDueDiscussAndNewVersion(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, tl := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		fam := f.FamAssigned

		if _, err := s.RecordEvaluation(cm, fam.ID, regie.EvaluationInput{Kind: regie.EvalInterim, On: "2026-03-02", Casemanager: true,
			Scores: map[regie.Domain]regie.Score{"wonen": 3}}); regie.ErrorFields(err)["on"] != regie.Text(regie.MsgEvalNoPlan) {
			t.Fatalf("an evaluation without an agreed plan: %v", err)
		}
		v := agreedPlan(t, s, f)
		norms := regie.DefaultNorms()

		// The first interim evaluation is due 3 months after the plan.
		facts := summaryFacts(t, s, fam.ID)
		if d := regie.NextDue(facts, norms, regie.MustParseDate("2026-03-03")); d.Kind != regie.DueInterim ||
			d.On != regie.MustParseDate("2026-06-02") || d.What != regie.Text(regie.MsgDueInterim) {
			t.Fatalf("first interim due = %+v", d)
		}

		clock.Set(time.Date(2026, 6, 10, 10, 0, 0, 0, regie.Amsterdam))
		t.Run("Validation", func(t *testing.T) {
			in := interimInput(f, v, "2026-06-11", "2026-06-01")
			in.Members = append(in.Members, f.FamOther.Members[0].ID)
			in.Goals["onbekend"] = &regie.GoalEvaluationInput{Progress: "x"}
			in.Scores = nil
			_, err := s.RecordEvaluation(cm, fam.ID, in)
			fields := regie.ErrorFields(err)
			for _, k := range []string{"on", "members", "plan_goals", "scores"} {
				if fields[k] == "" {
					t.Errorf("no message on %s: %v", k, fields)
				}
			}
			in = interimInput(f, v, "2026-03-01", "2026-03-01")
			in.Members, in.Casemanager = nil, false
			fields = regie.ErrorFields(recordErr(cm, s, fam.ID, in))
			if fields["on"] == "" || fields["participants"] == "" || fields["next_due"] != regie.Text(regie.MsgEvalNextAfter) {
				t.Errorf("before the plan, nobody, next before: %v", fields)
			}
			if n := countRows(t, s, "evaluations"); n != 0 {
				t.Fatalf("refused input wrote %d evaluations", n)
			}
		})

		if _, err := s.RecordEvaluation(storetest.As(f.YouthWorker), fam.ID, interimInput(f, v, "2026-06-09", "")); code(err) != regie.ENOTFOUND {
			t.Fatalf("a youth worker records an evaluation: %v", err)
		}
		if _, err := s.RecordEvaluation(storetest.As(f.Partner1), fam.ID, interimInput(f, v, "2026-06-09", "")); code(err) != regie.ENOTFOUND {
			t.Fatalf("a partner records an evaluation: %v", err)
		}
		if n := auditCount(t, s, "evaluaties", string(regie.OutcomeDenied), fam.ID); n != 2 {
			t.Fatalf("denied attempts audited: %d, want 2", n)
		}

		// The default next: the norm after this one.
		e1, err := s.RecordEvaluation(cm, fam.ID, interimInput(f, v, "2026-06-09", ""))
		if err != nil {
			t.Fatal(err)
		}
		if e1.NextDueOn != regie.MustParseDate("2026-09-09") || len(e1.Goals) != 2 || e1.Goals[0].Progress == "" ||
			e1.Scores["financien"] != 2 || len(e1.Members) != 1 || !e1.Casemanager || e1.VersionNumber != 1 {
			t.Fatalf("recorded = %+v", e1)
		}
		if action, outcome, _, segment, _, famID := lastAudit(t, s); action != string(regie.ActionCreate) ||
			outcome != string(regie.OutcomeOK) || segment != "evaluaties" || famID != fam.ID {
			t.Fatalf("audit = %s %s %s %d", action, outcome, segment, famID)
		}
		facts = summaryFacts(t, s, fam.ID)
		if facts.InterimDoneOn != e1.On || facts.NextInterimOn != e1.NextDueOn {
			t.Fatalf("facts after the first = %+v", facts)
		}
		st, err := s.FindPhaseStatus(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		_ = st // the family is in phase 1: the interim item is phase 3's

		// The team sets the second one: it is signalled when due.
		e2, err := s.RecordEvaluation(cm, fam.ID, interimInput(f, v, "2026-06-10", "2026-08-01"))
		if err != nil {
			t.Fatal(err)
		}
		facts = summaryFacts(t, s, fam.ID)
		if facts.NextInterimOn != regie.MustParseDate("2026-08-01") {
			t.Fatalf("next interim = %v", facts.NextInterimOn)
		}
		if d := regie.NextDue(facts, norms, regie.MustParseDate("2026-06-11")); d.Kind != regie.DueInterim ||
			d.On != regie.MustParseDate("2026-08-01") || d.What != regie.Text(regie.MsgDueInterimNext) {
			t.Fatalf("second interim due = %+v", d)
		}
		sigs := regie.Signals(facts, norms, regie.MustParseDate("2026-08-01"))
		found := false
		for _, sg := range sigs {
			if sg.Kind == regie.SignalInterimDue && sg.Text == regie.Text(regie.MsgSignalInterimNext, e2.On.Dutch()) {
				found = true
			}
		}
		if !found {
			t.Fatalf("no signal for the second interim evaluation: %+v", sigs)
		}

		list, err := s.FindEvaluations(cm, fam.ID)
		if err != nil || len(list.Evaluations) != 2 || list.Evaluations[0].ID != e2.ID || !list.CanInterim || !list.CanFinal ||
			list.NextInterimOn != regie.MustParseDate("2026-08-01") {
			t.Fatalf("list = %+v, %v", list, err)
		}
		if _, err := s.FindEvaluations(storetest.As(f.Partner1), fam.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("a partner reads the evaluations: %v", err)
		}
		if yl, err := s.FindEvaluations(storetest.As(f.YouthWorker), fam.ID); err == nil {
			t.Fatalf("the fixture's youth worker is not assigned, yet reads: %+v", yl)
		}

		t.Run("Agenda", func(t *testing.T) {
			ag, err := s.FindAgenda(tl, "2026-06-08", false)
			if err != nil {
				t.Fatal(err)
			}
			if len(ag.EvaluationsToDiscuss) != 2 || ag.EvaluationsToDiscuss[0].ID != e1.ID || !ag.EvaluationsToDiscuss[0].CanDiscuss ||
				ag.EvaluationsToDiscuss[0].FamilyName != fam.HouseholdName {
				t.Fatalf("to discuss = %+v", ag.EvaluationsToDiscuss)
			}
			if err := s.MarkEvaluationDiscussed(cm, fam.ID, e1.ID); code(err) != regie.EFORBIDDEN {
				t.Fatalf("a casemanager records the team's decision: %v", err)
			}
			if err := s.MarkEvaluationDiscussed(tl, fam.ID, e1.ID); err != nil {
				t.Fatal(err)
			}
			if err := s.MarkEvaluationDiscussed(tl, fam.ID, e1.ID); code(err) != regie.ECONFLICT {
				t.Fatalf("discussed twice: %v", err)
			}
			ag, err = s.FindAgenda(tl, "2026-06-08", false)
			if err != nil {
				t.Fatal(err)
			}
			if len(ag.EvaluationsToDiscuss) != 1 || ag.EvaluationsToDiscuss[0].ID != e2.ID {
				t.Fatalf("after the discussion = %+v", ag.EvaluationsToDiscuss)
			}
			linked := false
			for _, d := range ag.Decisions {
				if d.LinkedKind == regie.LinkEvaluation && d.LinkedID == e1.ID && d.FamilyID == fam.ID {
					linked = true
				}
			}
			if !linked {
				t.Fatalf("no decision linked to the evaluation: %+v", ag.Decisions)
			}
			e, err := s.FindEvaluation(cm, fam.ID, e1.ID)
			if err != nil || !e.Discussed() || e.DiscussedBy != f.TeamLeader.Name || e.MeetingDate != regie.MustParseDate("2026-06-08") {
				t.Fatalf("discussed = %+v, %v", e, err)
			}
		})

		t.Run("NewPlanVersion", func(t *testing.T) {
			e, err := s.FindEvaluation(cm, fam.ID, e1.ID)
			if err != nil || !e.CanStartVersion {
				t.Fatalf("may start a version: %+v, %v", e, err)
			}
			if _, err := s.StartPlanFromEvaluation(storetest.As(f.CasemanagerB), fam.ID, e1.ID); code(err) != regie.ENOTFOUND {
				t.Fatalf("another team: %v", err)
			}
			pv, err := s.StartPlanFromEvaluation(cm, fam.ID, e1.ID)
			if err != nil || pv.Number != 2 || pv.Origin != "tussenevaluatie" || pv.Status != regie.PlanDraft || len(pv.Goals) != 2 {
				t.Fatalf("version = %+v, %v", pv, err)
			}
			if _, err := s.StartPlanFromEvaluation(cm, fam.ID, e1.ID); code(err) != regie.ECONFLICT {
				t.Fatalf("a second version from the same evaluation: %v", err)
			}
			if _, err := s.StartPlanFromEvaluation(cm, fam.ID, e2.ID); code(err) != regie.ECONFLICT {
				t.Fatalf("a version while a draft is open: %v", err)
			}
			e, err = s.FindEvaluation(cm, fam.ID, e1.ID)
			if err != nil || e.NewVersion != 2 || e.CanStartVersion {
				t.Fatalf("after = %+v, %v", e, err)
			}
			if e2r, _ := s.FindEvaluation(cm, fam.ID, e2.ID); e2r.CanStartVersion {
				t.Fatal("a version is offered while a draft is open")
			}
		})
	})
}

func TestEvaluation_FinalOncePerPeriodWithEndTerms(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		v := agreedPlan(t, s, f)
		clock.Set(time.Date(2026, 9, 1, 10, 0, 0, 0, regie.Amsterdam))

		in := finalInput(v, "2026-08-31")
		delete(in.EndTerms, "opvoeding")
		in.Goals[v.Goals[1].Key].Degree = ""
		in.ClosingAnswer = " "
		fields := regie.ErrorFields(recordErr(cm, s, fam.ID, in))
		for _, k := range []string{"term-opvoeding-score", "goal-" + v.Goals[1].Key + "-degree", "closing_answer"} {
			if fields[k] == "" {
				t.Errorf("no message on %s: %v", k, fields)
			}
		}
		if regie.FieldLabel("term-opvoeding-score") == "" {
			t.Error("the end term's field has no label for the summary")
		}

		e, err := s.RecordEvaluation(cm, fam.ID, finalInput(v, "2026-08-31"))
		if err != nil {
			t.Fatal(err)
		}
		if len(e.EndTerms) != 8 || e.EndTerms[0].Term != regie.EndTerms[0].Value || e.EndTerms[3].Score != "nvt" ||
			e.Goals[0].Degree != "behaald" || e.Goals[1].Degree != "deels" || e.ClosingAnswer == "" {
			t.Fatalf("final = %+v", e)
		}
		// Countable rows: one per end term, one per goal.
		if n := countRows(t, s, "evaluation_end_terms"); n != 8 {
			t.Fatalf("end term rows = %d", n)
		}
		var reached int
		if err := s.DB().QueryRow(`SELECT count(*) FROM evaluation_goals WHERE degree = 'behaald'`).Scan(&reached); err != nil || reached != 1 {
			t.Fatalf("goals reached = %d, %v", reached, err)
		}
		facts := summaryFacts(t, s, fam.ID)
		if facts.FinalEvalOn != e.On {
			t.Fatalf("final evaluation fact = %v", facts.FinalEvalOn)
		}
		// After the final evaluation no interim one is due any more.
		for _, d := range regie.Dues(facts, regie.DefaultNorms()) {
			if d.Kind == regie.DueInterim {
				t.Fatalf("interim due after the final evaluation: %+v", d)
			}
		}
		fields = regie.ErrorFields(recordErr(cm, s, fam.ID, finalInput(v, "2026-09-01")))
		if fields["kind"] == "" {
			t.Fatalf("a second final evaluation in the period: %v", fields)
		}
		list, err := s.FindEvaluations(cm, fam.ID)
		if err != nil || list.CanFinal || list.FinalOn != e.On {
			t.Fatalf("list = %+v, %v", list, err)
		}

		// Into phase 4: the final evaluation ticks its item itself.
		for _, p := range []regie.Phase{regie.PhaseContact, regie.PhaseExecution, regie.PhaseClosing} {
			if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: p, Reason: "test"}); err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.FindPhaseStatus(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		ticked := false
		for _, tk := range st.Ticks {
			if tk.Key == regie.ItemFinalEval {
				ticked = tk.Done && tk.Auto && tk.DoneBy == f.Casemanager.Name
			}
		}
		if !ticked {
			t.Fatalf("final evaluation item = %+v", st.Ticks)
		}
		if err := s.TickItem(cm, fam.ID, regie.ItemFinalEval, false, ""); regie.ErrorFields(err)["item"] == "" {
			t.Fatalf("unticking an automatic item: %v", err)
		}
	})
}

func TestEvaluation_InterimTicksPhaseThreeItem(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		v := agreedPlan(t, s, f)
		for _, p := range []regie.Phase{regie.PhaseContact, regie.PhaseExecution} {
			if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: p, Reason: "test"}); err != nil {
				t.Fatal(err)
			}
		}
		clock.Set(time.Date(2026, 6, 3, 10, 0, 0, 0, regie.Amsterdam))
		if _, err := s.RecordEvaluation(cm, fam.ID, interimInput(f, v, "2026-06-02", "")); err != nil {
			t.Fatal(err)
		}
		st, err := s.FindPhaseStatus(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		ticked := false
		for _, tk := range st.Ticks {
			if tk.Key == regie.ItemInterimEval {
				ticked = tk.Done && tk.Auto && regie.DateOf(tk.DoneAt) == regie.MustParseDate("2026-06-02")
			}
		}
		if !ticked {
			t.Fatalf("interim item = %+v", st.Ticks)
		}
	})
}
