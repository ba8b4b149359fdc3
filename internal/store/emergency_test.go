package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestEmergency_Lifecycle walks a break-glass access: a casemanager of the
// family's team, not assigned to it, gives a reason and reads the family
// (every audit row marked with the access) until the clock passes its end;
// the coordinator and the team leader are told; the privacy officer
// reviews it once. Those who may not use break-glass get the family's
// not-found answer, and their attempt is logged.
func TestEmergency_Lifecycle(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		start := time.Date(2026, 3, 6, 22, 10, 0, 0, regie.Amsterdam)
		clock.Set(start)
		cm, cm2, lead, po := storetest.As(f.Casemanager), storetest.As(f.Casemanager2), storetest.As(f.TeamLeader), storetest.As(f.Privacy)
		fam := f.FamTeam // team A, coordinated by Casemanager2
		good := regie.EmergencyInput{Reason: regie.EmergencyUnsafe, Confirmed: true,
			Explanation: "Politie belt: melding huiselijk geweld, regisseur met verlof en duo onbereikbaar."}

		t.Run("Denied", func(t *testing.T) {
			if _, err := s.FindFamilyByID(cm, fam.ID); code(err) != regie.ENOTFOUND {
				t.Fatalf("before: %v", err)
			}
			for _, tc := range []struct {
				name string
				u    *regie.User
				id   int64
			}{
				{"other team", f.CasemanagerB, fam.ID}, {"coordinator", f.Casemanager2, fam.ID}, {"team leader", f.TeamLeader, fam.ID},
				{"admin", f.Admin, fam.ID}, {"privacy", f.Privacy, fam.ID}, {"partner", f.Partner1, fam.ID},
				{"referrer", f.Referrer, fam.ID}, {"missing family", f.Casemanager, 999999},
			} {
				name, u, id, uid := tc.name, tc.u, tc.id, tc.u.ID
				if _, err := s.EmergencyOffer(storetest.As(u), id); code(err) != regie.ENOTFOUND {
					t.Errorf("%s: offer %v", name, err)
				}
				if _, err := s.StartEmergencyAccess(storetest.As(u), id, good); code(err) != regie.ENOTFOUND {
					t.Errorf("%s: start %v", name, err)
				}
				action, outcome, _, seg, user, _ := lastAudit(t, s)
				if action != string(regie.ActionCreate) || outcome != string(regie.OutcomeDenied) || seg != string(regie.SegEmergency) || user != uid {
					t.Errorf("%s: the refusal is not in the log: %s %s %s %d", name, action, outcome, seg, user)
				}
			}
		})

		var access *regie.EmergencyAccess
		t.Run("Give", func(t *testing.T) {
			o, err := s.EmergencyOffer(cm, fam.ID)
			if err != nil || o.HouseholdName != fam.HouseholdName || o.Active != nil {
				t.Fatalf("offer %+v, %v", o, err)
			}
			_, err = s.StartEmergencyAccess(cm, fam.ID, regie.EmergencyInput{Reason: "x", Explanation: "kort"})
			fields := regie.ErrorFields(err)
			if code(err) != regie.EINVALID || fields["reason"] == "" || !strings.Contains(fields["explanation"], "20 tekens") || fields["confirm"] == "" {
				t.Fatalf("bad input: %v %v", err, fields)
			}
			if access, err = s.StartEmergencyAccess(cm, fam.ID, good); err != nil {
				t.Fatal(err)
			}
			if !access.ExpiresAt.Equal(start.Add(regie.EmergencyAccessDuration)) {
				t.Errorf("expires %v", access.ExpiresAt)
			}
			if _, err := s.StartEmergencyAccess(cm, fam.ID, good); code(err) != regie.ENOTFOUND {
				t.Errorf("a second access while the first runs: %v", err)
			}
		})

		basis := "noodtoegang " + itoa(access.ID) + ": Acute onveiligheid"
		t.Run("Read", func(t *testing.T) {
			got, err := s.FindFamilyByID(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Emergency == nil || got.Emergency.ID != access.ID || got.Can.Edit || got.Can.Contacts || got.Can.ExportPlan || got.Can.ReadConsent {
				t.Errorf("page: emergency %+v, can %+v", got.Emergency, got.Can)
			}
			if got.EmergencyAccesses != nil {
				t.Errorf("the user of the access sees the family's list of accesses")
			}
			if _, _, b, seg, _, fid := lastAudit(t, s); b != basis || seg != string(regie.SegFamily) || fid != fam.ID {
				t.Errorf("audit basis %q (%s, %d), want %q", b, seg, fid, basis)
			}
			if _, err := s.FindPlan(cm, fam.ID); err != nil {
				t.Fatal(err)
			}
			if _, _, b, seg, _, _ := lastAudit(t, s); b != basis || seg != string(regie.SegPlan) {
				t.Errorf("plan audit basis %q (%s)", b, seg)
			}
			if _, err := s.FindConsents(cm, fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("consents under break-glass: %v", err)
			}
			if _, _, err := s.ExportPlan(cm, fam.ID, 1); code(err) != regie.ENOTFOUND {
				t.Errorf("export under break-glass: %v", err)
			}
			o, err := s.EmergencyOffer(cm, fam.ID)
			if err != nil || o.Active == nil || o.Active.ID != access.ID {
				t.Errorf("offer while running: %+v %v", o, err)
			}
		})

		t.Run("Told", func(t *testing.T) {
			for _, tc := range []struct {
				name string
				ctx  context.Context
			}{{"coordinator", cm2}, {"team leader", lead}} {
				name, c := tc.name, tc.ctx
				list, err := s.UnseenEmergencyAccesses(c)
				if err != nil || len(list) != 1 || list[0].ID != access.ID || list[0].UserName != f.Casemanager.Name {
					t.Fatalf("%s: unseen %v %v", name, list, err)
				}
				// "Mijn gezinnen" shows the same notice, and reading it
				// there does not mark it seen either.
				fl, err := s.FindFamilyList(c, regie.FamilyFilter{Scope: regie.ScopeMine}, regie.ListWith{Emergencies: true})
				if err != nil || len(fl.Emergencies) != 1 || fl.Emergencies[0].ID != access.ID {
					t.Fatalf("%s: Mijn gezinnen's notices %v %v", name, fl, err)
				}
				if _, _, _, seg, _, fid := lastAudit(t, s); seg != string(regie.SegEmergency) || fid != fam.ID {
					t.Errorf("%s: the notice is not in the family's log: %s %d", name, seg, fid)
				}
				got, err := s.FindFamilyByID(c, fam.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(got.EmergencyAccesses) != 1 || got.EmergencyAccesses[0].Seen || got.EmergencyAccesses[0].Explanation != good.Explanation {
					t.Fatalf("%s: family page accesses %+v", name, got.EmergencyAccesses)
				}
				if list, err := s.UnseenEmergencyAccesses(c); err != nil || len(list) != 0 {
					t.Errorf("%s: still unseen after the family page: %v %v", name, list, err)
				}
				got, _ = s.FindFamilyByID(c, fam.ID)
				if !got.EmergencyAccesses[0].Seen {
					t.Errorf("%s: not marked seen", name)
				}
			}
			if list, err := s.UnseenEmergencyAccesses(cm); err != nil || len(list) != 0 {
				t.Errorf("the user is told of their own access: %v %v", list, err)
			}
			if list, err := s.UnseenEmergencyAccesses(storetest.As(f.TeamLeaderB)); err != nil || len(list) != 0 {
				t.Errorf("another team's leader is told: %v %v", list, err)
			}
		})

		t.Run("Expiry", func(t *testing.T) {
			clock.Set(start.Add(regie.EmergencyAccessDuration - time.Second))
			if _, err := s.FindFamilyByID(cm, fam.ID); err != nil {
				t.Fatalf("a second before the end: %v", err)
			}
			clock.Set(start.Add(regie.EmergencyAccessDuration))
			if _, err := s.FindFamilyByID(cm, fam.ID); code(err) != regie.ENOTFOUND {
				t.Fatalf("at the end: %v", err)
			}
			if _, outcome, b, _, _, _ := lastAudit(t, s); outcome != string(regie.OutcomeDenied) || b != "geen" {
				t.Errorf("the refusal after expiry: %s %s", outcome, b)
			}
		})

		t.Run("Review", func(t *testing.T) {
			if _, err := s.FindEmergencyAccesses(cm2, regie.EmergencyFilter{Open: true}); code(err) != regie.EFORBIDDEN {
				t.Errorf("a casemanager lists accesses: %v", err)
			}
			if err := s.ReviewEmergencyAccess(lead, access.ID, regie.EmergencyReviewInput{Verdict: regie.EmergencyJustified}); code(err) != regie.ENOTFOUND {
				t.Errorf("the team leader reviews: %v", err)
			}
			open, err := s.FindEmergencyAccesses(po, regie.EmergencyFilter{Open: true})
			if err != nil || len(open) != 1 || open[0].HouseholdName != fam.HouseholdName || open[0].Reviewed() {
				t.Fatalf("open reviews: %+v %v", open, err)
			}
			err = s.ReviewEmergencyAccess(po, access.ID, regie.EmergencyReviewInput{Verdict: regie.EmergencyUnjustified})
			if code(err) != regie.EINVALID || regie.ErrorFields(err)["note"] == "" {
				t.Fatalf("unjustified without a note: %v", err)
			}
			in := regie.EmergencyReviewInput{Verdict: regie.EmergencyJustified, Note: "Acute situatie, terecht."}
			if err := s.ReviewEmergencyAccess(po, access.ID, in); err != nil {
				t.Fatal(err)
			}
			action, _, b, seg, _, fid := lastAudit(t, s)
			if action != string(regie.ActionUpdate) || seg != string(regie.SegEmergency) || fid != fam.ID || !strings.HasPrefix(b, "privacy officer") {
				t.Errorf("review audit: %s %s %s %d", action, b, seg, fid)
			}
			if err := s.ReviewEmergencyAccess(po, access.ID, in); code(err) != regie.EINVALID {
				t.Errorf("a second review: %v", err)
			}
			if open, err := s.FindEmergencyAccesses(po, regie.EmergencyFilter{Open: true}); err != nil || len(open) != 0 {
				t.Errorf("open after review: %v %v", open, err)
			}
			done, err := s.FindEmergencyAccesses(po, regie.EmergencyFilter{})
			if err != nil || len(done) != 1 || done[0].Verdict != regie.EmergencyJustified || done[0].ReviewerName != f.Privacy.Name {
				t.Fatalf("reviewed: %+v %v", done, err)
			}
			// The audit rows of the access, as the privacy officer's link opens them.
			uid, famID := f.Casemanager.ID, fam.ID
			rows, _, err := s.FindAuditEntries(po, regie.AuditFilter{FamilyID: &famID, UserID: &uid, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			marked := 0
			for _, r := range rows {
				if r.Outcome == regie.OutcomeOK && r.Segment != regie.SegEmergency {
					if r.Basis != basis {
						t.Errorf("an unmarked row during the access: %s %s %q", r.Action, r.Segment, r.Basis)
					}
					marked++
				}
			}
			if marked < 3 {
				t.Errorf("%d marked rows, want the family, plan and expiry test's reads", marked)
			}
		})
	})
}
