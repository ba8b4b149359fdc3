package store_test

import (
	"context"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// seenBy reports whether the access log of the family (or, with
// referral, of the referral) has an allowed row of user in segment seg.
func seenBy(t *testing.T, s *store.Store, f *storetest.Fixture, family, referral int64, user *regie.User, seg regie.Segment) bool {
	t.Helper()
	filter := regie.AuditFilter{Limit: 500}
	if referral != 0 {
		filter.ReferralID = &referral
	} else {
		filter.FamilyID = &family
	}
	entries, _, err := s.FindAuditEntries(storetest.As(f.Privacy), filter)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.UserID == user.ID && e.Segment == seg && e.Outcome == regie.OutcomeOK &&
			(family == 0 || e.FamilyID == family) && (referral == 0 || e.ReferralID == referral) {
			return true
		}
	}
	return false
}

// TestAudit_ListsLogEveryFamilyShown: every page that lists families or
// referrals writes a row into the log of each one it shows, so "who saw
// my file" includes the lists — the team meeting's agenda above all,
// which shows a family's signals to staff not assigned to it.
func TestAudit_ListsLogEveryFamilyShown(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead, cm := storetest.As(f.TeamLeader), storetest.As(f.Casemanager)
		ref, err := s.CreateReferral(storetest.As(f.Referrer), referralInput(f, "Gezin Agenda"))
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(20 * 24 * time.Hour) // no contact for 20 days: signals
		if err := s.AddSafetyConcern(lead, f.FamTeam.ID, regie.SafetyInput{What: "Geweld", Since: "2026-03-20", Severity: "acuut", Meldcode: "gemeld"}); err != nil {
			t.Fatal(err)
		}

		// Mijn gezinnen.
		if list, _, err := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine}); err != nil || len(list) != 1 {
			t.Fatalf("mijn gezinnen: %d, %v", len(list), err)
		}
		if !seenBy(t, s, f, f.FamAssigned.ID, 0, f.Casemanager, regie.SegFamilyList) {
			t.Error("Mijn gezinnen is not in the log of the family it shows")
		}

		// The agenda, read by a casemanager not assigned to FamTeam.
		ag, err := s.FindAgenda(cm, "2026-03-23", false)
		if err != nil {
			t.Fatal(err)
		}
		if len(ag.Acute) != 1 || len(ag.Signals) != 1 || len(ag.Referrals) != 1 {
			t.Fatalf("agenda: acute %v, signals %v, referrals %v", ag.Acute, ag.Signals, ag.Referrals)
		}
		for _, fam := range []int64{f.FamTeam.ID, f.FamAssigned.ID} {
			if !seenBy(t, s, f, fam, 0, f.Casemanager, regie.SegMeeting) {
				t.Errorf("the agenda is not in the log of family %d", fam)
			}
		}
		if !seenBy(t, s, f, 0, ref.ID, f.Casemanager, regie.SegMeeting) {
			t.Error("the agenda is not in the log of the referral it shows")
		}
		// A decision names a family in the minutes; printing them is in
		// its log too.
		if _, err := s.RecordMeetingDecision(lead, "2026-03-23", regie.MeetingDecisionInput{FamilyID: f.FamAssigned.ID, Text: "Besproken"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindAgenda(lead, "2026-03-23", true); err != nil {
			t.Fatal(err)
		}
		fam := f.FamAssigned.ID
		entries, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if e := entries[0]; e.UserID != f.TeamLeader.ID || e.Action != regie.ActionExport || e.Segment != regie.SegMeeting {
			t.Errorf("newest row of the family after printing the agenda = %+v", e)
		}

		// The team's list, supervision, the assignments and the referrals.
		if _, _, err := s.FindFamilies(lead, regie.FamilyFilter{Scope: regie.ScopeTeam}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindSupervision(lead, f.Casemanager.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindAssignmentRows(lead); err != nil {
			t.Fatal(err)
		}
		if list, err := s.FindReferrals(lead, regie.ReferralFilter{}); err != nil || len(list) != 1 {
			t.Fatalf("referrals: %d, %v", len(list), err)
		}
		for _, c := range []struct {
			name             string
			family, referral int64
			seg              regie.Segment
		}{
			{"team list", f.FamTeam.ID, 0, regie.SegFamilyList},
			{"team list", f.FamAssigned.ID, 0, regie.SegFamilyList},
			{"supervision", f.FamAssigned.ID, 0, regie.SegSupervision},
			{"assignments", f.FamTeam.ID, 0, regie.SegAssignments},
			{"referrals", 0, ref.ID, regie.SegReferrals},
		} {
			if !seenBy(t, s, f, c.family, c.referral, f.TeamLeader, c.seg) {
				t.Errorf("%s: not in the log of family %d / referral %d", c.name, c.family, c.referral)
			}
		}
		// Supervision of one casemanager shows only that one's families.
		if seenBy(t, s, f, f.FamTeam.ID, 0, f.TeamLeader, regie.SegSupervision) {
			t.Error("supervision of Anouk logged a family she does not have")
		}

		// The privacy officer's search.
		if list, _, err := s.FindFamilies(storetest.As(f.Privacy), regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: "jansen", Closed: true}); err != nil || len(list) != 1 {
			t.Fatalf("search: %d, %v", len(list), err)
		}
		if !seenBy(t, s, f, f.FamAssigned.ID, 0, f.Privacy, regie.SegFamilyList) {
			t.Error("the search is not in the log of the family it found")
		}

		// Nothing of team A's lists reached team B's family.
		other := f.FamOther.ID
		entries, _, err = s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &other, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.UserID == f.TeamLeader.ID || e.UserID == f.Casemanager.ID || e.Segment == regie.SegMeeting {
				t.Errorf("team B's family has a row of team A's pages: %+v", e)
			}
		}

		rep, err := s.VerifyAudit(context.Background(), nil)
		if err != nil || !rep.OK() {
			t.Fatalf("verify after the list rows = %+v, %v", rep, err)
		}
	})
}

// TestAudit_EmptyListStillLogged: a list that shows no family still logs
// that it was opened, with no family.
func TestAudit_EmptyListStillLogged(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		before := countRows(t, s, "audit")
		list, _, err := s.FindFamilies(storetest.As(f.YouthWorker), regie.FamilyFilter{Scope: regie.ScopeMine})
		if err != nil || len(list) != 0 {
			t.Fatalf("youth worker's list: %d, %v", len(list), err)
		}
		if got := countRows(t, s, "audit"); got != before+1 {
			t.Fatalf("audit rows %d → %d, want one more", before, got)
		}
		action, outcome, _, segment, userID, familyID := lastAudit(t, s)
		if action != "read" || outcome != "ok" || segment != string(regie.SegFamilyList) || userID != f.YouthWorker.ID || familyID != 0 {
			t.Fatalf("row = %s %s %s user %d family %d", action, outcome, segment, userID, familyID)
		}
	})
}

// TestAudit_BatchContinuesTheChains: rows written many at a time (a
// thousand in one statement, by several actors and so chains, between
// single rows) keep every chain whole: VerifyAudit passes and each head is
// its chain's last row.
func TestAudit_BatchContinuesTheChains(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		many := make([]int64, 1000)
		for i := range many {
			many[i] = int64(i + 1)
		}
		for _, u := range []*regie.User{f.Casemanager, f.Casemanager2, f.TeamLeader} {
			ctx := storetest.As(u)
			if err := s.AuditEachForTest(ctx, many[:len(many)-int(u.ID)]); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FindFamilyByID(ctx, f.FamAssigned.ID); err != nil && code(err) != regie.ENOTFOUND { // a single row between
				t.Fatal(err)
			}
			if err := s.AuditEachForTest(ctx, many[:3]); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.FindFamilies(ctx, regie.FamilyFilter{Scope: regie.ScopeMine}); err != nil {
				t.Fatal(err)
			}
		}
		want := 3*(len(many)+3) - int(f.Casemanager.ID+f.Casemanager2.ID+f.TeamLeader.ID)
		rep, err := s.VerifyAudit(context.Background(), nil)
		if err != nil || !rep.OK() {
			t.Fatalf("verify = %+v, %v", rep, err)
		}
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit WHERE detail = 'batch'`).Scan(&n); err != nil || n != want {
			t.Fatalf("batch rows = %d, %v; want %d", n, err, want)
		}
		// In the order given: a chain's seq follows the rows' ids.
		var disordered int
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit a JOIN audit b ON b.chain = a.chain AND b.seq = a.seq + 1
			WHERE a.detail = 'batch' AND b.detail = 'batch' AND b.id < a.id`).Scan(&disordered); err != nil || disordered != 0 {
			t.Fatalf("%d batch rows out of order, %v", disordered, err)
		}
		// Each head is the last row of its chain.
		var mismatched int
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit_heads h
			WHERE h.seq <> COALESCE((SELECT max(a.seq) FROM audit a WHERE a.chain = h.chain), 0)
			OR h.hash <> COALESCE((SELECT a.hash FROM audit a WHERE a.chain = h.chain AND a.seq = h.seq), '')`).Scan(&mismatched); err != nil || mismatched != 0 {
			t.Fatalf("%d chain heads not at their last row, %v", mismatched, err)
		}
		// A row in the middle of a batch, changed, is found.
		if s.Dialect() == "sqlite" {
			mustExec(t, s.DB(), `DROP TRIGGER audit_no_update`)
		} else {
			mustExec(t, s.DB(), `DROP TRIGGER audit_no_update ON audit`)
		}
		var id int64
		if err := s.DB().QueryRow(`SELECT id FROM audit WHERE detail = 'batch' AND family_id = 500`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		mustExec(t, s.DB(), `UPDATE audit SET family_id = 501 WHERE id = $1`, id)
		if rep, err := s.VerifyAudit(context.Background(), nil); err != nil || len(rep.Findings) != 1 ||
			rep.Findings[0].ID != id || rep.Findings[0].Kind != regie.FindingChanged {
			t.Fatalf("verify after changing row %d = %+v, %v", id, rep, err)
		}
	})
}
