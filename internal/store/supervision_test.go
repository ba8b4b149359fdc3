package store_test

import (
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// userAuditCount counts the audit rows of a user on a segment with an outcome,
// about a family (0: any).
func userAuditCount(t *testing.T, s *store.Store, userID int64, segment regie.Segment, outcome regie.Outcome, familyID int64) int {
	t.Helper()
	q := `SELECT count(*) FROM audit WHERE user_id = $1 AND segment = $2 AND outcome = $3`
	args := []any{userID, string(segment), string(outcome)}
	if familyID != 0 {
		q += ` AND family_id = $4`
		args = append(args, familyID)
	}
	var n int
	if err := s.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSupervision_Sessions: the team leader records, reads and changes a
// session with a worker of the team; the worker reads their own; no one
// else does, and every access — a refused one too — is in the access log,
// of each family the session names as well.
func TestSupervision_Sessions(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		tl, cm := storetest.As(f.TeamLeader), storetest.As(f.Casemanager)
		in := regie.SupervisionInput{HeldOn: "2026-03-02", LeaderPoints: " Uren boven de norm. ", WorkerPoints: "Gezin Jansen zwaar.",
			Agreements: "Sanne: huisbezoek met duo-partner, voor 15 maart\n\nJolanda: overleg met de Kredietbank", FamilyIDs: []int64{f.FamAssigned.ID}}

		t.Run("Validation", func(t *testing.T) {
			bad := []struct {
				name  string
				in    regie.SupervisionInput
				field string
			}{
				{"NoDate", regie.SupervisionInput{LeaderPoints: "x"}, "session_on"},
				{"FutureDate", regie.SupervisionInput{HeldOn: "2026-03-03", LeaderPoints: "x"}, "session_on"},
				{"NothingWritten", regie.SupervisionInput{HeldOn: "2026-03-02", LeaderPoints: "  "}, "leader_points"},
				// Another casemanager's family is not the worker's to discuss.
				{"OtherWorkersFamily", regie.SupervisionInput{HeldOn: "2026-03-02", LeaderPoints: "x", FamilyIDs: []int64{f.FamTeam.ID}}, "families"},
			}
			for _, tc := range bad {
				if _, err := s.CreateSupervisionSession(tl, f.Casemanager.ID, tc.in); regie.ErrorFields(err)[tc.field] == "" {
					t.Errorf("%s: %v, want a message on %s", tc.name, err, tc.field)
				}
			}
			if n := countRows(t, s, "supervision_sessions"); n != 0 {
				t.Fatalf("%d sessions after bad input", n)
			}
		})

		sess, err := s.CreateSupervisionSession(tl, f.Casemanager.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if sess.LeaderPoints != "Uren boven de norm." || sess.HeldOn.ISO() != "2026-03-02" || sess.WorkerID != f.Casemanager.ID ||
			len(sess.Families) != 1 || sess.Families[0].ID != f.FamAssigned.ID || sess.CreatedBy != f.TeamLeader.Name {
			t.Fatalf("created = %+v", sess)
		}
		if got := sess.AgreementLines(); len(got) != 2 {
			t.Errorf("agreement lines = %q", got)
		}
		// Recording it named the family: in the family's log.
		if n := userAuditCount(t, s, f.TeamLeader.ID, regie.SegSupervision, regie.OutcomeOK, f.FamAssigned.ID); n != 1 {
			t.Errorf("%d audit rows of the family for the new session, want 1", n)
		}

		t.Run("WhoReads", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				u    *regie.User
				ok   bool
			}{
				{"team leader", f.TeamLeader, true},
				{"the worker", f.Casemanager, true},
				{"a colleague", f.Casemanager2, false},
				{"the youth worker", f.YouthWorker, false},
				{"another team's leader", f.TeamLeaderB, false},
				{"administrator", f.Admin, false},
				{"privacy officer", f.Privacy, false},
				{"partner", f.Partner1, false},
			} {
				got, err := s.FindSupervisionSession(storetest.As(tc.u), sess.ID)
				if tc.ok {
					if err != nil || got.Agreements != sess.Agreements || len(got.Families) != 1 {
						t.Errorf("%s: %+v, %v", tc.name, got, err)
					}
					if got != nil && got.CanEdit != (tc.u == f.TeamLeader) {
						t.Errorf("%s: CanEdit %v", tc.name, got.CanEdit)
					}
					if n := userAuditCount(t, s, tc.u.ID, regie.SegSupervision, regie.OutcomeOK, f.FamAssigned.ID); n == 0 {
						t.Errorf("%s read it, and the family's log does not say so", tc.name)
					}
					continue
				}
				if code(err) != regie.ENOTFOUND {
					t.Errorf("%s: %v, want ENOTFOUND", tc.name, err)
				}
				// The refused attempt is in the log.
				if n := userAuditCount(t, s, tc.u.ID, regie.SegSupervision, regie.OutcomeDenied, 0); n != 1 {
					t.Errorf("%s: %d denied rows, want 1", tc.name, n)
				}
			}
			if _, err := s.FindSupervisionSession(tl, sess.ID+1000); code(err) != regie.ENOTFOUND {
				t.Errorf("a missing session: %v", err)
			}
		})

		t.Run("WhoWrites", func(t *testing.T) {
			for _, u := range []*regie.User{f.Casemanager, f.Casemanager2, f.TeamLeaderB, f.Admin, f.Privacy} {
				if _, err := s.CreateSupervisionSession(storetest.As(u), f.Casemanager.ID, in); code(err) != regie.ENOTFOUND {
					t.Errorf("%s records a session: %v", u.Name, err)
				}
				if err := s.UpdateSupervisionSession(storetest.As(u), sess.ID, regie.SupervisionInput{HeldOn: "2026-03-02",
					LeaderPoints: "Anders", Version: 1}); code(err) != regie.ENOTFOUND {
					t.Errorf("%s changes a session: %v", u.Name, err)
				}
			}
			// Supervision is for casemanagers and youth workers, not a
			// team leader's own.
			if _, err := s.CreateSupervisionSession(tl, f.TeamLeader.ID, in); code(err) != regie.ENOTFOUND {
				t.Errorf("a session with the team leader: %v", err)
			}
			if n := countRows(t, s, "supervision_sessions"); n != 1 {
				t.Fatalf("%d sessions after refused writes", n)
			}
		})

		t.Run("Update", func(t *testing.T) {
			clock.Advance(time.Hour)
			up := regie.SupervisionInput{HeldOn: "2026-03-01", LeaderPoints: "Uren boven de norm; besproken.", Agreements: "Huisbezoek",
				Version: sess.Version}
			if err := s.UpdateSupervisionSession(tl, sess.ID, up); err != nil {
				t.Fatal(err)
			}
			got, err := s.FindSupervisionSession(cm, sess.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.HeldOn.ISO() != "2026-03-01" || got.WorkerPoints != "" || len(got.Families) != 0 || got.Version != 2 ||
				got.UpdatedBy != f.TeamLeader.Name {
				t.Fatalf("after the update: %+v", got)
			}
			// From an older form: refused.
			if err := s.UpdateSupervisionSession(tl, sess.ID, up); code(err) != regie.ESTALE {
				t.Fatalf("a stale save: %v", err)
			}
		})

		t.Run("OwnAndOverview", func(t *testing.T) {
			own, err := s.FindOwnSupervision(cm)
			if err != nil {
				t.Fatal(err)
			}
			if len(own.Sessions) != 1 || own.Sessions[0].ID != sess.ID || own.Due.Last.ISO() != "2026-03-01" {
				t.Fatalf("own = %+v", own)
			}
			if own, err := s.FindOwnSupervision(storetest.As(f.Casemanager2)); err != nil || len(own.Sessions) != 0 ||
				own.Due.State != regie.SupervisionNone {
				t.Fatalf("a colleague's own: %+v, %v", own, err)
			}
			for _, u := range []*regie.User{f.TeamLeader, f.Admin, f.Privacy} {
				if _, err := s.FindOwnSupervision(storetest.As(u)); code(err) != regie.EFORBIDDEN {
					t.Errorf("%s has own supervision: %v", u.Name, err)
				}
			}
			workers, err := s.FindSupervisionWorkers(tl)
			if err != nil {
				t.Fatal(err)
			}
			states := map[int64]regie.SupervisionState{}
			for _, w := range workers {
				states[w.User.ID] = w.Due.State
			}
			if len(workers) != 3 || states[f.Casemanager.ID] != regie.SupervisionOnTime || states[f.Casemanager2.ID] != regie.SupervisionNone ||
				states[f.YouthWorker.ID] != regie.SupervisionNone {
				t.Fatalf("workers: %v", states)
			}
			if _, err := s.FindSupervisionWorkers(cm); code(err) != regie.EFORBIDDEN {
				t.Errorf("a casemanager lists the team's supervision: %v", err)
			}
			// A month and more later, the casemanager's is overdue.
			clock.Set(storetest.Start.AddDate(0, 1, 5))
			workers, err = s.FindSupervisionWorkers(tl)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range workers {
				if w.User.ID == f.Casemanager.ID && (w.Due.State != regie.SupervisionOverdue || w.Due.DueOn.ISO() != "2026-04-01") {
					t.Errorf("a month later: %+v", w.Due)
				}
			}
			sv, err := s.FindSupervision(tl, f.Casemanager.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(sv.Sessions) != 1 || !sv.CanRecord || sv.Due.State != regie.SupervisionOverdue {
				t.Fatalf("the worker's supervision: %d sessions, record %v, due %+v", len(sv.Sessions), sv.CanRecord, sv.Due)
			}
		})
	})
}
