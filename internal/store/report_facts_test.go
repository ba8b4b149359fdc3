package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestReportFacts builds a small history through the store's own services
// and reads the report's facts back, field by field, against values
// computed by hand.
func TestReportFacts(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, lead := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		at := func(day string) {
			d, err := regie.ParseDate(day)
			must(err)
			clock.Set(time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), 9, 0, 0, 0, regie.Amsterdam))
		}
		contact := func(famID int64, day, start string, minutes string, attempt regie.Attempt) int64 {
			t.Helper()
			c, err := s.CreateContact(cm, famID, contactIn(day, start, minutes, "huisbezoek", attempt))
			must(err)
			return c.ID
		}
		move := func(famID int64, to regie.Phase, reason string) {
			t.Helper()
			must(s.MovePhase(cm, famID, regie.PhaseMove{To: to, Reason: reason}))
		}

		// 2 March: the assigned family's plan is agreed (its first scores:
		// financien 1, kinderen 2); three referrals: one accepted (a new
		// family in phase 1), one declined for a contra-indication, one on
		// the waiting list.
		fam := f.FamAssigned
		v := agreedPlan(t, s, f)
		_, err := s.SaveTrajectory(cm, fam.ID, 0, regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID,
			Intervention: "Schuldhulp", Status: regie.TrajectoryRunning, StartedOn: "2026-02-01"})
		must(err)
		referral := func(name string) int64 {
			r, err := s.CreateReferral(storetest.As(f.Referrer), referralInput(f, name))
			must(err)
			return r.ID
		}
		r1, r2, r3 := referral("Gezin Benali"), referral("Gezin Dakloos"), referral("Gezin Wacht")
		d1, err := s.DecideIntake(lead, r1, regie.DecisionInput{Outcome: regie.IntakeAccept, Feedback: "Welkom."})
		must(err)
		f1 := d1.FamilyID
		_, err = s.DecideIntake(lead, r2, regie.DecisionInput{Outcome: regie.IntakeDecline, ContraIndications: []regie.ContraIndication{"dakloos"}, Feedback: "Eerst opvang."})
		must(err)
		_, err = s.DecideIntake(lead, r3, regie.DecisionInput{Outcome: regie.IntakeWaiting, ContactKeeper: "Karin de Wit (school)"})
		must(err)
		must(s.AssignFamily(lead, f1, regie.AssignInput{CoordinatorID: f.Casemanager.ID}))
		contact(f1, "2026-03-02", "08:00", "60", regie.AttemptReached)

		// 12 March: both families to phase 2; three contact moments.
		at("2026-03-12")
		move(f1, 2, "versneld voor de test")
		move(fam.ID, 2, "versneld voor de test")
		long := contact(f1, "2026-03-12", "08:00", "90", regie.AttemptReached)
		contact(f1, "2026-03-12", "08:30", "15", regie.AttemptNoAnswer)
		contact(f1, "2026-03-12", "08:45", "10", regie.AttemptRefused)
		at("2026-04-15")
		move(fam.ID, 3, "versneld voor de test")
		at("2026-05-15")
		move(fam.ID, 4, "versneld voor de test")
		at("2026-05-20")
		contact(fam.ID, "2026-05-20", "08:00", "120", regie.AttemptReached)
		at("2026-06-15")
		move(fam.ID, 5, "versneld voor de test")
		at("2026-07-01")
		move(fam.ID, 4, "korte interventie") // a relapse
		at("2026-07-10")
		contact(fam.ID, "2026-07-10", "08:00", "45", regie.AttemptReached)
		at("2026-08-01")
		move(fam.ID, 5, "versneld voor de test")
		at("2026-09-01")
		_, err = s.RecordEvaluation(cm, fam.ID, finalInput(v, "2026-08-31")) // financien 4
		must(err)
		at("2026-09-02")
		must(s.CloseCoordination(cm, fam.ID, regie.CloseInput{Reason: "Het netwerk neemt het over.", Outcome: regie.CloseNetwork}))
		at("2026-09-10")
		_, err = s.CreateCheckup(cm, fam.ID, regie.CheckupInput{HeldOn: "2026-09-10", MemberIDs: []int64{fam.Members[0].ID},
			Family: "Het gaat goed.", Cooperation: "School houdt contact.", Assessment: regie.CheckupGood})
		must(err)
		at("2026-10-01")

		day := func(s string) regie.Date { d, _ := regie.ParseDate(s); return d }
		filter := regie.ReportFilter{From: day("2026-01-01"), To: day("2026-09-30")}
		facts, err := s.ReportFactsForTest(storetest.System(), filter)
		must(err)
		// Read side by side, as FindReport reads them, the facts are the same.
		fanned, err := s.ReportFactsFannedForTest(storetest.System(), filter)
		must(err)
		if diff := cmp.Diff(facts, fanned, cmpopts.EquateComparable(regie.Date{})); diff != "" {
			t.Errorf("facts read side by side differ (-one after the other +side by side):\n%s", diff)
		}

		// Referrals.
		if len(facts.Referrals) != 3 {
			t.Fatalf("referrals: %d, want 3", len(facts.Referrals))
		}
		byRef := map[int64]*regie.ReportReferral{}
		for _, r := range facts.Referrals {
			byRef[r.ID] = r
			if r.ReceivedOn != day("2026-03-02") || r.DecidedOn != day("2026-03-02") || r.SourceName != f.Partner.Name ||
				r.SourceKind != "overig" || r.TeamID != f.TeamA.ID || r.DistrictID != f.TeamA.Districts[0].ID {
				t.Errorf("referral %+v", r)
			}
		}
		if r := byRef[r1]; r.Status != regie.ReferralAccepted || r.FamilyID != f1 || r.FirstContactOn != day("2026-03-02") || r.ContraIndicated {
			t.Errorf("accepted referral %+v", r)
		}
		if r := byRef[r2]; r.Status != regie.ReferralDeclined || !r.ContraIndicated || r.FamilyID != 0 || !r.FirstContactOn.IsZero() {
			t.Errorf("declined referral %+v", r)
		}
		if r := byRef[r3]; r.Status != regie.ReferralWaiting || r.ContraIndicated {
			t.Errorf("waiting referral %+v", r)
		}

		// Families: the fixture's three and the accepted one.
		byFam := map[int64]*regie.ReportFamily{}
		for _, rf := range facts.Families {
			byFam[rf.ID] = rf
		}
		if len(facts.Families) != 4 || byFam[f.FamOther.ID] == nil || byFam[f.FamTeam.ID] == nil {
			t.Fatalf("families: %d", len(facts.Families))
		}
		a := byFam[f1]
		if a == nil || a.CoordinatorID != f.Casemanager.ID || a.CreatedOn != day("2026-03-02") || !a.ClosedOn.IsZero() || a.MinutesTotal != 175 {
			t.Fatalf("accepted family %+v", a)
		}
		if want := []regie.ReportPhase{{Phase: 1, From: day("2026-03-02"), To: day("2026-03-12")}, {Phase: 2, From: day("2026-03-12")}}; !reflect.DeepEqual(a.Phases, want) {
			t.Errorf("phases %+v, want %+v", a.Phases, want)
		}
		cmID := f.Casemanager.ID
		if want := []regie.ReportWork{{Phase: 1, UserID: cmID, Minutes: 60, Contacts: 1}, {Phase: 2, UserID: cmID, Minutes: 115, Contacts: 3, NoAnswer: 1, Refused: 1}}; !reflect.DeepEqual(a.Work, want) {
			t.Errorf("work %+v, want %+v", a.Work, want)
		}
		if !a.FinalEvaluationOn.IsZero() || a.StartScores != nil || a.AgenciesStart != -1 || a.Checkups != nil {
			t.Errorf("the accepted family is not in the effect cohort: %+v", a)
		}

		b := byFam[fam.ID]
		if b.ClosedOn != day("2026-09-02") || b.CloseOutcome != regie.CloseNetwork || b.CoordinatorID != cmID {
			t.Errorf("closed family %+v", b)
		}
		wantPhases := []regie.ReportPhase{
			{Phase: 1, From: day("2026-03-02"), To: day("2026-03-12")}, // the assignment began phase 1
			{Phase: 2, From: day("2026-03-12"), To: day("2026-04-15")},
			{Phase: 3, From: day("2026-04-15"), To: day("2026-05-15")},
			{Phase: 4, From: day("2026-05-15"), To: day("2026-06-15")},
			{Phase: 5, From: day("2026-06-15"), To: day("2026-07-01")},
			{Phase: 4, From: day("2026-07-01"), To: day("2026-08-01"), Relapse: true},
			{Phase: 5, From: day("2026-08-01"), To: day("2026-09-02")},
		}
		if !reflect.DeepEqual(b.Phases, wantPhases) {
			t.Errorf("phases %+v, want %+v", b.Phases, wantPhases)
		}
		if want := []regie.ReportWork{{Phase: 4, UserID: cmID, Minutes: 165, Contacts: 2}}; !reflect.DeepEqual(b.Work, want) {
			t.Errorf("work %+v, want %+v", b.Work, want)
		}
		// Intensive: since the relapse on 1 July, only the 45 minutes.
		if b.MinutesTotal != 165 || b.MinutesIntensive != 45 {
			t.Errorf("minutes %d total, %d intensive; want 165, 45", b.MinutesTotal, b.MinutesIntensive)
		}
		if b.FinalEvaluationOn != day("2026-08-31") {
			t.Errorf("final evaluation on %s", b.FinalEvaluationOn)
		}
		wantGoals := map[regie.GoalDegree]int{}
		for i := range v.Goals {
			wantGoals[[]regie.GoalDegree{"behaald", "deels"}[i%2]]++
		}
		if !reflect.DeepEqual(b.Goals, wantGoals) {
			t.Errorf("goals %v, want %v", b.Goals, wantGoals)
		}
		if len(b.EndTerms) != len(regie.EndTerms) || b.EndTerms[regie.EndTerms[0].Value] != regie.EndTermScores[0].Value {
			t.Errorf("end terms %v", b.EndTerms)
		}
		// financien at the plan (1) and the final evaluation (4); kinderen
		// was scored once only.
		if !reflect.DeepEqual(b.StartScores, map[regie.Domain]regie.Score{"financien": 1}) || !reflect.DeepEqual(b.EndScores, map[regie.Domain]regie.Score{"financien": 4}) {
			t.Errorf("scores %v → %v", b.StartScores, b.EndScores)
		}
		// One agency, running since February: at the (re)start on 1 July,
		// at the handover on 1 August and at the closing.
		if b.AgenciesStart != 1 || b.AgenciesHandover != 1 || b.AgenciesAfter != 1 {
			t.Errorf("agencies %d %d %d", b.AgenciesStart, b.AgenciesHandover, b.AgenciesAfter)
		}
		if want := []regie.ReportCheckup{{On: day("2026-09-10"), Assessment: regie.CheckupGood}}; !reflect.DeepEqual(b.Checkups, want) {
			t.Errorf("check-ups %+v", b.Checkups)
		}

		// Workers: team A's casemanagers and youth worker, team B's casemanager.
		byWorker := map[int64]*regie.ReportWorker{}
		for _, w := range facts.Workers {
			byWorker[w.UserID] = w
		}
		if len(facts.Workers) != 4 || byWorker[f.YouthWorker.ID] == nil || byWorker[f.CasemanagerB.ID] == nil {
			t.Fatalf("workers %d", len(facts.Workers))
		}
		if w := byWorker[cmID]; w.Current != 1 || w.Started != 2 || w.Role != regie.RoleCasemanager || w.TeamID != f.TeamA.ID {
			t.Errorf("casemanager %+v, want 1 now (the accepted family), 2 started", w)
		}

		// The filter: team B has only its own family and worker; a worker
		// narrows the families and the hours.
		tb, err := s.ReportFactsForTest(storetest.System(), regie.ReportFilter{From: filter.From, To: filter.To, TeamID: f.TeamB.ID})
		must(err)
		if len(tb.Families) != 1 || tb.Families[0].ID != f.FamOther.ID || len(tb.Referrals) != 0 || len(tb.Workers) != 1 {
			t.Errorf("team B: %d families, %d referrals, %d workers", len(tb.Families), len(tb.Referrals), len(tb.Workers))
		}
		w2, err := s.ReportFactsForTest(storetest.System(), regie.ReportFilter{From: filter.From, To: filter.To, WorkerID: f.Casemanager2.ID})
		must(err)
		if len(w2.Families) != 1 || w2.Families[0].ID != f.FamTeam.ID || len(w2.Referrals) != 0 || len(w2.Workers) != 1 {
			t.Errorf("worker 2: %d families, %d referrals, %d workers", len(w2.Families), len(w2.Referrals), len(w2.Workers))
		}
		// Before the period: nothing received, the closed family out.
		late, err := s.ReportFactsForTest(storetest.System(), regie.ReportFilter{From: day("2026-09-20"), To: day("2026-09-30")})
		must(err)
		if len(late.Referrals) != 0 || len(late.Families) != 3 {
			t.Errorf("late: %d referrals, %d families", len(late.Referrals), len(late.Families))
		}

		// An edit is summed again: the 90 minutes become 30 on 2 March
		// (phase 1 then); read by whole months and by days.
		edit := contactIn("2026-03-02", "08:30", "30", "huisbezoek", regie.AttemptReached)
		edit.Version = 1
		must(s.UpdateContact(cm, f1, long, edit))
		for _, fl := range []regie.ReportFilter{filter, {From: day("2026-03-02"), To: day("2026-03-12")}} {
			again, err := s.ReportFactsForTest(storetest.System(), fl)
			must(err)
			for _, rf := range again.Families {
				if rf.ID != f1 {
					continue
				}
				want := []regie.ReportWork{{Phase: 1, UserID: cmID, Minutes: 90, Contacts: 2}, {Phase: 2, UserID: cmID, Minutes: 25, Contacts: 2, NoAnswer: 1, Refused: 1}}
				if !reflect.DeepEqual(rf.Work, want) {
					t.Errorf("%s–%s: work after the edit %+v, want %+v", fl.From, fl.To, rf.Work, want)
				}
			}
		}

		// End to end: the team leader's report counts the three referrals
		// and the closing; each view and each drill-down is in the log.
		page, err := s.FindReport(lead, filter, false)
		must(err)
		if c := page.Report.Cell("instroom", "totaal", 0); c == nil || c.Value != 3 {
			t.Errorf("instroom totaal %+v", c)
		}
		if c := page.Report.Cell("afsluiting", string(regie.CloseNetwork), 0); c == nil || c.Value != 1 || c.Suppressed {
			t.Errorf("afsluiting %+v", c)
		}
		if rows := userAudit(t, s, f, f.TeamLeader.ID, regie.SegReports); len(rows) != 1 || rows[0].Outcome != regie.OutcomeOK {
			t.Errorf("report audit %+v", rows)
		}
		_, fams, err := s.FindReportFamilies(lead, filter, "afsluiting", string(regie.CloseNetwork), 0)
		must(err)
		if len(fams) != 1 || fams[0].ID != fam.ID {
			t.Errorf("drill-down %+v", fams)
		}
		if rows := auditOf(t, s, f, fam.ID, regie.SegReportFamilies); len(rows) != 1 {
			t.Errorf("drill-down audit rows of the family: %d", len(rows))
		}
	})
}

// TestReport_PolicyAndAudit: another team's leader gets their own team,
// a casemanager is denied (and logged), a manager gets suppressed figures.
func TestReport_PolicyAndAudit(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		filter := regie.DefaultReportFilter(regie.DateOf(clock.Now()))
		if _, err := s.FindReport(storetest.As(f.Casemanager), filter, false); code(err) != regie.EFORBIDDEN && code(err) != regie.ENOTFOUND {
			t.Fatalf("casemanager: %v", err)
		}
		if rows := userAudit(t, s, f, f.Casemanager.ID, regie.SegReports); len(rows) != 1 || rows[0].Outcome != regie.OutcomeDenied {
			t.Errorf("denied attempt not logged: %+v", rows)
		}
		// Team B's leader asks for team A: gets team B.
		asked := filter
		asked.TeamID = f.TeamA.ID
		page, err := s.FindReport(storetest.As(f.TeamLeaderB), asked, false)
		if err != nil {
			t.Fatal(err)
		}
		if page.Report.Filter.TeamID != f.TeamB.ID || !page.CanOpenFamilies {
			t.Errorf("team B's leader sees team %d", page.Report.Filter.TeamID)
		}
		if _, _, err := s.FindReportFamilies(storetest.As(f.TeamLeaderB), asked, "fasen", "totaal", 0); err != nil && code(err) != regie.ENOTFOUND {
			t.Errorf("drill-down: %v", err)
		}
		manager := *f.Admin
		manager.Role = regie.RoleManager
		page, err = s.FindReport(storetest.As(&manager), filter, false)
		if err != nil {
			t.Fatal(err)
		}
		if page.Report.Audience != regie.AudienceOutside || page.CanOpenFamilies {
			t.Errorf("manager: audience %v, can open %v", page.Report.Audience, page.CanOpenFamilies)
		}
		if _, _, err := s.FindReportFamilies(storetest.As(&manager), filter, "fasen", "totaal", 0); code(err) != regie.EFORBIDDEN && code(err) != regie.ENOTFOUND {
			t.Errorf("manager drill-down: %v", err)
		}
		if rows := userAudit(t, s, f, f.Admin.ID, regie.SegReports); len(rows) != 1 || rows[0].Outcome != regie.OutcomeOK {
			t.Errorf("manager's view not logged once: %+v", rows)
		}
	})
}
