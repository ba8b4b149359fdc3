package store_test

import (
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestAgenda_FullerSections: every plan draft of the team (with the team
// leader's "discussed" for the leader only), the closings of the intensive
// phase since the previous meeting, the families without a casemanager,
// and a referral's possible duplicates where the team decides — each
// family shown in its log.
func TestAgenda_FullerSections(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, lead := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		// The previous meeting: Monday 2 March.
		if _, err := s.FindAgenda(lead, "2026-03-02", false); err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * 24 * time.Hour) // Wednesday 4 March
		// A fresh draft of FamAssigned: not late, still on the agenda.
		if _, err := s.StartPlanVersion(cm, f.FamAssigned.ID, "eerste"); err != nil {
			t.Fatal(err)
		}
		// FamTeam closes its intensive phase.
		for _, p := range []regie.Phase{regie.PhaseContact, regie.PhaseExecution, regie.PhaseClosing} {
			if err := s.MovePhase(storetest.As(f.Casemanager2), f.FamTeam.ID, regie.PhaseMove{To: p, Reason: "test"}); err != nil {
				t.Fatalf("to phase %d: %v", p, err)
			}
		}
		// A family entered by the team leader, nobody assigned yet.
		loose, err := s.CreateFamily(lead, regie.FamilyInput{HouseholdName: "Gezin Zonder", DistrictID: f.TeamA.Districts[0].ID,
			DutchProficiency: "goed", Street: "Losstraat 2", Postcode: "3563 AC", City: "Utrecht"})
		if err != nil {
			t.Fatal(err)
		}
		// A referral of a mother FamAssigned already has.
		in := referralInput(f, "Gezin Jansen-Bakker")
		in.Members[0] = regie.MemberInput{GivenName: "Sandra", FamilyName: "Jansen", BirthDate: "1985-04-12", Relation: "ouder"}
		ref, err := s.CreateReferral(storetest.As(f.Referrer), in)
		if err != nil {
			t.Fatal(err)
		}

		for _, who := range []*regie.User{f.TeamLeader, f.Casemanager} {
			ag, err := s.FindAgenda(storetest.As(who), "2026-03-09", false)
			if err != nil {
				t.Fatal(err)
			}
			leader := who.ID == f.TeamLeader.ID
			if len(ag.Drafts) != 1 || ag.Drafts[0].FamilyID != f.FamAssigned.ID || ag.Drafts[0].Number != 1 ||
				ag.Drafts[0].Coordinator != f.Casemanager.Name || ag.Drafts[0].CanMarkDiscussed != leader {
				t.Errorf("%s: drafts = %+v", who.Name, ag.Drafts)
			}
			if len(ag.Closings) != 1 || ag.Closings[0].ID != f.FamTeam.ID || ag.PreviousOn.ISO() != "2026-03-02" {
				t.Errorf("%s: closings = %v since %s", who.Name, ag.Closings, ag.PreviousOn)
			}
			if len(ag.Unassigned) != 1 || ag.Unassigned[0].ID != loose.ID || ag.CanAssign != leader {
				t.Errorf("%s: unassigned = %v, can assign %v", who.Name, ag.Unassigned, ag.CanAssign)
			}
			dups := ag.Duplicates[ref.ID]
			if len(dups) == 0 || dups[0].FamilyID != f.FamAssigned.ID {
				t.Errorf("%s: duplicates of the referral = %+v", who.Name, dups)
			}
		}
		for _, fam := range []int64{f.FamAssigned.ID, f.FamTeam.ID, loose.ID} {
			if !seenBy(t, s, f, fam, 0, f.Casemanager, regie.SegMeeting) {
				t.Errorf("the agenda is not in the log of family %d", fam)
			}
		}
		if !seenBy(t, s, f, f.FamAssigned.ID, ref.ID, f.Casemanager, regie.SegReferral) {
			t.Error("the duplicate found on the agenda is not in the family's log with the referral")
		}

		t.Run("DiscussedLeavesDrafts", func(t *testing.T) {
			if err := s.MarkPlanDiscussed(lead, f.FamAssigned.ID, 1); err != nil {
				t.Fatal(err)
			}
			ag, err := s.FindAgenda(lead, "2026-03-09", false)
			if err != nil {
				t.Fatal(err)
			}
			if len(ag.Drafts) != 0 {
				t.Errorf("drafts after discussion = %+v", ag.Drafts)
			}
		})
		t.Run("PhaseFiveSincePreviousMeeting", func(t *testing.T) {
			if err := s.MovePhase(storetest.As(f.Casemanager2), f.FamTeam.ID, regie.PhaseMove{To: regie.PhaseCoordination, Reason: "test"}); err != nil {
				t.Fatal(err)
			}
			ag, err := s.FindAgenda(lead, "2026-03-09", false)
			if err != nil {
				t.Fatal(err)
			}
			if len(ag.Closings) != 1 || ag.Closings[0].Phase != regie.PhaseCoordination {
				t.Errorf("closings = %v", ag.Closings)
			}
			// A week after the next meeting it is no news.
			if _, err := s.FindAgenda(lead, "2026-03-09", false); err != nil {
				t.Fatal(err)
			}
			clock.Advance(7 * 24 * time.Hour)
			if ag, err = s.FindAgenda(lead, "2026-03-16", false); err != nil {
				t.Fatal(err)
			}
			if len(ag.Closings) != 0 {
				t.Errorf("closings a meeting later = %v", ag.Closings)
			}
		})
	})
}
