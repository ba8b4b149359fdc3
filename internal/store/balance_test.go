package store_test

import (
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

func TestBalance_MomentsFactorsLinesAndAccess(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned

		// Bad input: a message per field, nothing stored.
		if _, err := s.AddBalanceMoment(cm, fam.ID, regie.BalanceMomentInput{On: "2099-01-01"}); regie.ErrorFields(err)["on"] == "" {
			t.Fatalf("moment in the future: %v", err)
		}
		if n := countRows(t, s, "balance_moments"); n != 0 {
			t.Fatalf("refused moment stored: %d", n)
		}

		start, err := s.AddBalanceMoment(cm, fam.ID, regie.BalanceMomentInput{On: "2026-02-02", Note: "Bij de start."})
		if err != nil {
			t.Fatal(err)
		}
		if start.On.ISO() != "2026-02-02" || start.Note != "Bij de start." || len(start.Factors) != 0 {
			t.Fatalf("start = %+v", start)
		}
		for _, in := range []regie.BalanceFactorInput{
			{Kind: regie.BalanceProtective, Level: regie.LevelPerson, Text: "Moeder is doortastend", Weight: "2"},
			{Kind: regie.BalanceRisk, Level: regie.LevelMacro, Text: "Schulden", Weight: "3"},
			{Kind: regie.BalanceTask, Level: regie.LevelMicro, Text: "Drie jonge kinderen", Weight: "2"},
		} {
			if err := s.AddBalanceFactor(cm, fam.ID, start.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		// A level of the other side, a weight out of range: refused.
		err = s.AddBalanceFactor(cm, fam.ID, start.ID, regie.BalanceFactorInput{Kind: regie.BalanceProtective, Level: regie.LevelMacro,
			Text: "Oma", Weight: "4"})
		if fields := regie.ErrorFields(err); fields["balance_level"] == "" || fields["weight"] == "" {
			t.Fatalf("bad factor: %v", err)
		}
		// A moment of another family is not found through this one.
		if err := s.AddBalanceFactor(cm, f.FamOther.ID, start.ID, regie.BalanceFactorInput{Kind: regie.BalanceRisk,
			Level: regie.LevelMicro, Text: "X", Weight: "1"}); code(err) != regie.ENOTFOUND {
			t.Fatalf("factor through another family: %v", err)
		}

		// A later moment copies the factors of the newest one.
		clock.Advance(24 * time.Hour)
		now, err := s.AddBalanceMoment(cm, fam.ID, regie.BalanceMomentInput{On: "2026-03-02", Copy: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(now.Factors) != 3 || now.Carrying() != 2 || now.Burden() != 5 || now.Tilt() != regie.TiltBurden {
			t.Fatalf("copied moment = %+v", now)
		}
		if err := s.AddBalanceFactor(cm, fam.ID, now.ID, regie.BalanceFactorInput{Kind: regie.BalanceProtective,
			Level: regie.LevelEnvironment, Text: "Oma past op", Weight: "3"}); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveBalanceFactor(cm, fam.ID, now.ID, now.Factors[1].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveBalanceFactor(cm, fam.ID, now.ID, now.Factors[1].ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("removed twice: %v", err)
		}

		// A working line tied to a goal of the newest plan version.
		v, err := s.StartPlanVersion(cm, fam.ID, "eerste")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SavePlanDraft(cm, fam.ID, v.Number, regie.PlanInput{Revision: v.Revision,
			Goals: []regie.GoalInput{{Term: "kort", Domain: "financien", Text: "We weten hoeveel schuld we hebben."}}}); err != nil {
			t.Fatal(err)
		}
		b, err := s.FindBalance(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Goals) != 1 || !b.Can.Edit || !b.Can.Export || len(b.Moments) != 2 || b.Newest().ID != now.ID || b.First().ID != start.ID {
			t.Fatalf("balance = %+v", b)
		}
		if n := b.Newest(); n.Carrying() != 5 || n.Burden() != 2 || n.Tilt() != regie.TiltCarrying {
			t.Fatalf("newest: %d against %d, %s", n.Carrying(), n.Burden(), n.Tilt())
		}
		key := b.Goals[0].Key
		if err := s.TieWorkingLine(cm, fam.ID, regie.GoalLineInput{GoalKey: "onbekend", Line: "toveren"}); regie.ErrorFields(err)["goal"] == "" ||
			regie.ErrorFields(err)["working_line"] == "" {
			t.Fatalf("bad tie: %v", err)
		}
		if err := s.TieWorkingLine(cm, fam.ID, regie.GoalLineInput{GoalKey: key, Line: regie.LineStress}); err != nil {
			t.Fatal(err)
		}
		if err := s.TieWorkingLine(cm, fam.ID, regie.GoalLineInput{GoalKey: key, Line: regie.LineStress}); regie.ErrorFields(err)["working_line"] == "" {
			t.Fatalf("tied twice: %v", err)
		}
		if err := s.TieWorkingLine(cm, fam.ID, regie.GoalLineInput{GoalKey: key, Line: regie.LineSkills}); err != nil {
			t.Fatal(err)
		}
		if err := s.UntieWorkingLine(cm, fam.ID, key, regie.LineSkills); err != nil {
			t.Fatal(err)
		}
		// The plan page shows the line beside the goal.
		o, err := s.FindPlan(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := o.Current.Goals[0].WorkingLines; len(got) != 1 || got[0] != regie.LineStress {
			t.Fatalf("plan goal's lines = %v", got)
		}
		b, err = s.FindBalance(cm, fam.ID)
		if err != nil || len(b.Lines) != 1 || b.Lines[0].GoalText != "We weten hoeveel schuld we hebben." {
			t.Fatalf("lines = %+v, %v", b.Lines, err)
		}

		// The team leader writes too; the youth worker reads only; a
		// partner named by the consent does not see it.
		if err := s.AddBalanceFactor(storetest.As(f.TeamLeader), fam.ID, now.ID, regie.BalanceFactorInput{Kind: regie.BalanceRisk,
			Level: regie.LevelMeso, Text: "Weinig contact met buren", Weight: "1"}); err != nil {
			t.Fatal(err)
		}
		if err := s.AssignYouthWorker(storetest.As(f.TeamLeader), fam.ID, fam.Members[1].ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		yw := storetest.As(f.YouthWorker)
		if b, err := s.FindBalance(yw, fam.ID); err != nil || b.Can.Edit {
			t.Fatalf("youth worker reads: %+v, %v", b, err)
		}
		if _, err := s.AddBalanceMoment(yw, fam.ID, regie.BalanceMomentInput{On: "2026-03-02"}); code(err) != regie.ENOTFOUND {
			t.Fatalf("youth worker writes: %v", err)
		}
		for _, u := range []*regie.User{f.CasemanagerB, f.Casemanager2, f.Partner1, f.Referrer} {
			if _, err := s.FindBalance(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s reads the balance: %v", u.Role, u.Name, err)
			}
			if _, _, err := s.ExportBalance(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s prints the balance: %v", u.Role, u.Name, err)
			}
			if err := s.TieWorkingLine(storetest.As(u), fam.ID, regie.GoalLineInput{GoalKey: key, Line: regie.LineTasks}); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s ties a line: %v", u.Role, u.Name, err)
			}
		}
		if _, fam2, err := s.ExportBalance(cm, fam.ID); err != nil || fam2.ID != fam.ID {
			t.Fatalf("export: %v", err)
		}

		// Every access in the log, the refused ones too.
		n := tallyAudit(t, s, f, fam.ID, regie.SegBalance)
		// Reads: two of the casemanager, the plan page's lines, the youth
		// worker's. Writes: 2 moments, 4 factors, 1 removal, 2 ties, 1
		// untie, the team leader's factor.
		if n.reads != 4 || n.writes != 11 || n.exports != 1 || n.denied < 13 {
			t.Errorf("audit: %d reads, %d writes, %d exports, %d denied", n.reads, n.writes, n.exports, n.denied)
		}
	})
}
