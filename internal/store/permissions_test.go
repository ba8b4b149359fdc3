package store_test

import (
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestAuditLog_PrivacyOfficerExportsAFamilysLog: the download of a
// family's access log works for the privacy officer and is audited as an
// export of that family's log; nobody else may.
func TestAuditLog_PrivacyOfficerExportsAFamilysLog(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned.ID
		entries, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam, Limit: 10000, Export: true})
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		if len(entries) == 0 {
			t.Fatal("the family's log is empty")
		}
		action, outcome, _, segment, userID, familyID := lastAudit(t, s)
		if action != string(regie.ActionExport) || outcome != string(regie.OutcomeOK) || segment != string(regie.SegAuditLog) ||
			userID != f.Privacy.ID || familyID != fam {
			t.Errorf("audit row = %s %s %s user %d family %d, want an export of the family's log by the privacy officer",
				action, outcome, segment, userID, familyID)
		}
		for _, u := range []*regie.User{f.TeamLeader, f.Admin, f.Casemanager} {
			if _, _, err := s.FindAuditEntries(storetest.As(u), regie.AuditFilter{FamilyID: &fam, Export: true}); regie.ErrorCode(err) != regie.EFORBIDDEN {
				t.Errorf("%s exports the access log: %v", u.Role, err)
			}
		}
	})
}

// TestReferral_CanFollowsTheStateAndThePolicy: a referral says what its
// reader may do; once accepted, nothing of the intake is offered, and the
// store refuses the priority list as it refuses scheduling.
func TestReferral_CanFollowsTheStateAndThePolicy(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		ref, err := s.CreateReferral(storetest.As(f.Referrer), referralInput(f, "Gezin Benali"))
		if err != nil {
			t.Fatal(err)
		}
		can := func(u *regie.User) regie.ReferralPermissions {
			t.Helper()
			got, err := s.FindReferralByID(storetest.As(u), ref.ID)
			if err != nil {
				t.Fatalf("%s reads the referral: %v", u.Role, err)
			}
			return got.Can
		}
		if got, want := can(f.TeamLeader), (regie.ReferralPermissions{Team: true, Decide: true, Schedule: true, Priority: true}); got != want {
			t.Errorf("team leader, open: %+v, want %+v", got, want)
		}
		if got, want := can(f.Casemanager), (regie.ReferralPermissions{Team: true}); got != want {
			t.Errorf("casemanager, open: %+v, want %+v", got, want)
		}
		if got := can(f.Referrer); got != (regie.ReferralPermissions{}) {
			t.Errorf("referrer: %+v, want nothing", got)
		}
		if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept}); err != nil {
			t.Fatal(err)
		}
		if got, want := can(f.TeamLeader), (regie.ReferralPermissions{Team: true, OpenFamily: true, Journey: true}); got != want {
			t.Errorf("team leader, accepted: %+v, want %+v", got, want)
		}
		// The casemanager is not (yet) assigned to the new family.
		if got, want := can(f.Casemanager), (regie.ReferralPermissions{Team: true, Journey: true}); got != want {
			t.Errorf("casemanager, accepted: %+v, want %+v", got, want)
		}
		if err := s.PlaceOnPriorityList(lead, ref.ID, "Zeer zorgmijdend"); regie.ErrorFields(err)["reason"] == "" {
			t.Errorf("priority list for an accepted referral: %v", err)
		}
		if err := s.ScheduleReferral(lead, ref.ID, "2026-03-09"); regie.ErrorFields(err)["meeting"] == "" {
			t.Errorf("scheduling an accepted referral: %v", err)
		}
	})
}

// TestFamily_CanOfAClosedFile: a closed file is read, not written in —
// but for its check-ups.
func TestFamily_CanOfAClosedFile(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		fam, err := s.FindFamilyByID(lead, f.FamTeam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !fam.Can.Contacts || !fam.Can.Edit || !fam.Can.Assign {
			t.Fatalf("team leader, open file: %+v", fam.Can)
		}
		if err := s.CloseFamily(lead, f.FamTeam.ID, "Het netwerk heeft de zorg overgenomen"); err != nil {
			t.Fatal(err)
		}
		if fam, err = s.FindFamilyByID(lead, f.FamTeam.ID); err != nil {
			t.Fatal(err)
		}
		want := regie.FamilyPermissions{ReadContacts: true, ReadPhase: true, ReadPlan: true, ReadConsent: true, ReadTrajectories: true,
			ReadAssignment: true, ExportPlan: true, ExportConsent: true, ReadHandover: true, ExportHandover: true, ReadNetwork: true, ReadEvaluations: true,
			Checkup: true, ReadCheckups: true, ReadNetworkPersons: true, ReadAgreements: true, ReadStagnation: true, ReadRectifications: true, ReadGenogram: true, ReadSociogram: true, Flower: true, ReadCouncils: true, ReadBalance: true}
		if fam.Can != want {
			t.Errorf("team leader, closed file: %+v, want %+v", fam.Can, want)
		}
		if _, err := s.CreateContact(lead, f.FamTeam.ID, regie.ContactInput{Date: "2026-03-02", Start: "10:00", Minutes: "30",
			Kind: "telefoon", Attempt: "contact"}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("a contact in a closed file: %v", err)
		}
	})
}
