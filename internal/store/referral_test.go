package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// referralInput is a complete referral of a family in team A's Overvecht.
func referralInput(f *storetest.Fixture, name string) regie.ReferralInput {
	return regie.ReferralInput{
		ReferrerFunction: "schoolmaatschappelijk werker", ReferrerPhone: "030 123 45 67",
		HouseholdName: name, Street: "Wolgadreef 12", Postcode: "3562KN", City: "Utrecht",
		DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "matig", Languages: "Arabisch",
		Members: []regie.MemberInput{
			{GivenName: "Fatima", FamilyName: "Benali", BirthDate: "1990-05-01", Relation: "ouder"},
			{GivenName: "Anas", FamilyName: "Benali", BirthDate: "2012-03-03", Relation: "kind"},
			{}, // an empty row of the form is ignored
		},
		Signals: map[regie.Domain]string{
			"financien": "Deurwaarder komt langs; energie dreigt te worden afgesloten.",
			"kinderen":  "Anas verzuimt veel; komt zonder ontbijt op school.",
			"wonen":     "  ",
		},
		ProblemDuration: "lang", HelpTried: "Schuldhulp (afgehaakt), opvoedondersteuning (afgehaakt).",
		IntroducerName: "Karin de Wit", IntroducerFunction: "schoolmaatschappelijk werker", IntroducerOrgID: f.Partner.ID,
		Commitment: "ja", Safety: regie.SafetyNone,
	}
}

func TestReferral_SubmitAndAccess(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		referrer := storetest.As(f.Referrer)

		t.Run("RefusedWithoutMembersOrSignals", func(t *testing.T) {
			in := referralInput(f, "Gezin Leeg")
			in.Members, in.Signals = nil, map[regie.Domain]string{"wonen": " "}
			before := countRows(t, s, "referrals")
			_, err := s.CreateReferral(referrer, in)
			fields := regie.ErrorFields(err)
			if code(err) != regie.EINVALID || fields["members"] == "" || fields["signals"] == "" {
				t.Fatalf("err = %v", err)
			}
			if countRows(t, s, "referrals") != before {
				t.Fatal("a refused referral was saved")
			}
			in = referralInput(f, "Gezin Half")
			in.Members = []regie.MemberInput{{GivenName: "Piet", BirthDate: "2030-01-01", Relation: "kind"}}
			in.Safety = regie.SafetyAcute
			fields = regie.ErrorFields(func() error { _, err := s.CreateReferral(referrer, in); return err }())
			for _, want := range []string{"member-0-family_name", "member-0-birth_date", "safety_notes"} {
				if fields[want] == "" {
					t.Errorf("no message for %s: %v", want, fields)
				}
			}
		})

		ref, err := s.CreateReferral(referrer, referralInput(f, "Gezin Benali"))
		if err != nil {
			t.Fatal(err)
		}
		if ref.Status != regie.ReferralReceived || ref.TeamID != f.TeamA.ID || ref.ReferrerOrgID != f.Partner.ID ||
			ref.ReferrerName != f.Referrer.Name || ref.ReceivedVia != "portaal" || ref.Postcode != "3562 KN" {
			t.Fatalf("referral = %+v", ref)
		}
		if len(ref.Members) != 2 || len(ref.Signals) != 2 || ref.Signals[0].Domain != "financien" {
			t.Fatalf("members %d signals %v", len(ref.Members), ref.Signals)
		}

		for _, tc := range []struct {
			u     *regie.User
			allow bool
		}{
			{f.Referrer, true}, {f.TeamLeader, true}, {f.Casemanager, true}, {f.YouthWorker, true},
			{f.TeamLeaderB, false}, {f.CasemanagerB, false}, {f.Admin, false}, {f.Privacy, false}, {f.Partner1, false},
		} {
			_, err := s.FindReferralByID(storetest.As(tc.u), ref.ID)
			if tc.allow != (err == nil) || !tc.allow && code(err) != regie.ENOTFOUND {
				t.Errorf("%s (%s) reads the referral: %v, want allowed=%v", tc.u.Name, tc.u.Role, err, tc.allow)
			}
		}

		// Another referrer of the same organisation does not see it.
		other, err := s.CreateUser(storetest.System(), regie.NewUser{Email: "ib@test.nl", Name: "Ilse Brouwer", Role: regie.RoleReferrer,
			OrganisationID: f.Partner.ID, Password: "wachtwoord-voor-test"}, storetest.PasswordHash)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindReferralByID(storetest.As(other), ref.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("another referrer: %v", err)
		}
		list, err := s.FindReferrals(storetest.As(other), regie.ReferralFilter{})
		if err != nil || len(list) != 0 {
			t.Fatalf("another referrer's list: %d, %v", len(list), err)
		}
		list, err = s.FindReferrals(referrer, regie.ReferralFilter{})
		if err != nil || len(list) != 1 {
			t.Fatalf("own list: %d, %v", len(list), err)
		}
		// A referrer cannot decide, schedule or open the family file.
		if _, err := s.DecideIntake(referrer, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept}); code(err) != regie.ENOTFOUND {
			t.Fatalf("referrer decides: %v", err)
		}
		if _, err := s.FindFamilyByID(referrer, f.FamAssigned.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("referrer reads a family: %v", err)
		}

		// Staff enter a referral received by phone on a referrer's behalf.
		in := referralInput(f, "Gezin Telefoon")
		if _, err := s.CreateReferral(storetest.As(f.Casemanager), in); regie.ErrorFields(err)["referrer_name"] == "" {
			t.Fatalf("on behalf without referrer: %v", err)
		}
		in.ReferrerOrgID, in.ReferrerName, in.ReceivedVia = f.Partner.ID, "Wijkagent Jan Bos", "telefoon"
		byPhone, err := s.CreateReferral(storetest.As(f.Casemanager), in)
		if err != nil {
			t.Fatal(err)
		}
		if byPhone.ReferrerUserID != 0 || byPhone.EnteredBy != f.Casemanager.ID || byPhone.ReceivedVia != "telefoon" {
			t.Fatalf("by phone = %+v", byPhone)
		}
	})
}

func TestIntake_AcceptCreatesFamilyInPhase1(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		in := referralInput(f, "Gezin Benali")
		in.Safety, in.SafetyNotes = regie.SafetyAcute, "Kinderen alleen thuis, geen eten in huis."
		ref, err := s.CreateReferral(storetest.As(f.Referrer), in)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ScheduleReferral(lead, ref.ID, "2026-03-09"); err != nil {
			t.Fatal(err)
		}
		if err := s.ScheduleReferral(lead, ref.ID, "2026-01-01"); regie.ErrorFields(err)["meeting"] == "" {
			t.Fatalf("meeting in the past: %v", err)
		}
		got, _ := s.FindReferralByID(lead, ref.ID)
		if got.Status != regie.ReferralOnAgenda || got.MeetingDate.ISO() != "2026-03-09" {
			t.Fatalf("scheduled: %s %s", got.Status, got.MeetingDate)
		}

		// A contra-indication without an override reason is refused.
		_, err = s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept, ContraIndications: []regie.ContraIndication{"een_probleem"}})
		if regie.ErrorFields(err)["override_reason"] == "" {
			t.Fatalf("accept with contra-indication, no reason: %v", err)
		}
		d, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept,
			ContraIndications: []regie.ContraIndication{"een_probleem"},
			OverrideReason:    "Verslaving van vader; moeder wordt gesteund om de verantwoordelijkheid te nemen (uitzondering).",
			Feedback:          "Welkom; de casemanager neemt contact met u op voor de introductie."})
		if err != nil {
			t.Fatal(err)
		}
		if d.FamilyID == 0 || d.MeetingDate.ISO() != "2026-03-09" || d.DecidedByName != f.TeamLeader.Name {
			t.Fatalf("decision = %+v", d)
		}
		fam, err := s.FindFamilyByID(lead, d.FamilyID)
		if err != nil {
			t.Fatal(err)
		}
		if fam.HouseholdName != "Gezin Benali" || len(fam.Members) != 2 || fam.Phase == nil || fam.Phase.Phase != 1 {
			t.Fatalf("family = %+v phase %+v", fam, fam.Phase)
		}
		if fam.Intake == nil || fam.Intake.IntroducerName != "Karin de Wit" || fam.Intake.Commitment != "ja" ||
			!strings.Contains(fam.Intake.OverrideReason, "uitzondering") {
			t.Fatalf("intake = %+v", fam.Intake)
		}
		if !fam.Acute() || len(fam.OpenSafetyConcerns()) != 1 {
			t.Fatal("the acute safety check did not become a visible safety concern")
		}
		list, _, _ := s.FindFamilies(lead, regie.FamilyFilter{Scope: regie.ScopeTeam})
		if !list[0].Acute || list[0].ID != fam.ID || list[0].Phase != 1 {
			t.Fatalf("the acute family is not first: %+v", list[0])
		}
		// An accepted referral is not decided again.
		if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeDecline,
			ContraIndications: []regie.ContraIndication{"dakloos"}, Feedback: "x"}); regie.ErrorFields(err)["outcome"] == "" {
			t.Fatalf("deciding again: %v", err)
		}
		ref2, _ := s.FindReferralByID(storetest.As(f.Referrer), ref.ID)
		if ref2.Status != regie.ReferralAccepted {
			t.Fatalf("the referrer sees %s", ref2.Status)
		}
	})
}

func TestIntake_DeclineAndChangedDecisionsAreRecords(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		ref, err := s.CreateReferral(storetest.As(f.Referrer), referralInput(f, "Gezin Dakloos"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeDecline})
		if fs := regie.ErrorFields(err); fs["contra_indications"] == "" || fs["feedback"] == "" {
			t.Fatalf("decline without reason or feedback: %v", err)
		}
		// Waiting list first, then — a week later — declined.
		if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeWaiting}); regie.ErrorFields(err)["contact_keeper"] == "" {
			t.Fatalf("waiting list without contact keeper: %v", err)
		}
		if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeWaiting, ContactKeeper: "Karin de Wit (school)"}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(7 * 24 * time.Hour)
		if _, err := s.CreateOrganisationEntry(lead, regie.OrganisationInput{Name: "Opvang", Kind: "wonen"}); code(err) != regie.EFORBIDDEN {
			t.Fatalf("a team leader changed the social map: %v", err)
		}
		shelter, err := s.CreateOrganisationEntry(storetest.As(f.Admin), regie.OrganisationInput{Name: "Maatschappelijke opvang Utrecht", Kind: "wonen", WaitingWeeks: "3"})
		if err != nil {
			t.Fatal(err)
		}
		d, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeDecline, ContraIndications: []regie.ContraIndication{"dakloos"},
			WarmReferralOrgID: shelter.ID, Feedback: "Het gezin heeft geen woning; eerst opvang. Wij hebben contact gelegd met de maatschappelijke opvang."})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.FindReferralByID(storetest.As(f.Referrer), ref.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != regie.ReferralDeclined || len(got.Decisions) != 2 || got.Decision().ID != d.ID ||
			got.Decisions[1].Outcome != regie.IntakeWaiting || got.Decision().WarmReferralOrgName != "Maatschappelijke opvang Utrecht" {
			t.Fatalf("referral = %s, %d decisions", got.Status, len(got.Decisions))
		}
		list, _ := s.FindReferrals(storetest.As(f.Referrer), regie.ReferralFilter{})
		if len(list) != 1 || !strings.Contains(list[0].Feedback, "eerst opvang") || list[0].WarmReferralOrg == "" {
			t.Fatalf("the referrer's list lacks the feedback: %+v", list)
		}
	})
}

func TestWaitingList_PriorityAndAcuteFirst(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		wait := func(name string, safety regie.SafetyLevel) *regie.Referral {
			in := referralInput(f, name)
			in.Safety = safety
			if safety == regie.SafetyAcute {
				in.SafetyNotes = "acuut"
			}
			ref, err := s.CreateReferral(storetest.As(f.Referrer), in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeWaiting, ContactKeeper: "school"}); err != nil {
				t.Fatal(err)
			}
			clock.Advance(24 * time.Hour)
			return ref
		}
		first := wait("Gezin Eerste", regie.SafetyNone)
		second := wait("Gezin Tweede", regie.SafetyNone)
		third := wait("Gezin Derde", regie.SafetyNone)
		acute := wait("Gezin Acuut", regie.SafetyAcute)
		if err := s.PlaceOnPriorityList(lead, third.ID, ""); regie.ErrorFields(err)["reason"] == "" {
			t.Fatalf("priority without reason: %v", err)
		}
		if err := s.PlaceOnPriorityList(lead, third.ID, "Zeer zorgmijdend; deur blijft dicht."); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordOpening(lead, first.ID, "crisis", "x"); regie.ErrorFields(err)["kind"] == "" {
			t.Fatalf("opening off the list: %v", err)
		}
		if err := s.PlaceOnPriorityList(lead, second.ID, "Zorgmijdend."); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordOpening(lead, second.ID, "uithuiszetting", "Woningcorporatie kondigt ontruiming aan."); err != nil {
			t.Fatal(err)
		}
		list, err := s.FindReferrals(lead, regie.ReferralFilter{Statuses: []regie.ReferralStatus{regie.ReferralWaiting}})
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, r := range list {
			order = append(order, r.HouseholdName)
		}
		want := []string{"Gezin Acuut", "Gezin Tweede", "Gezin Derde", "Gezin Eerste"}
		if strings.Join(order, ",") != strings.Join(want, ",") {
			t.Fatalf("waiting list = %v, want %v", order, want)
		}
		if !list[1].Priority.Immediate() || list[2].Priority.Immediate() {
			t.Fatal("the opening is not flagged for an immediate start")
		}
		if err := s.RemoveFromPriorityList(lead, third.ID, "Gezin verhuisd"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindReferralByID(lead, third.ID)
		if got.Priority != nil {
			t.Fatal("still on the priority list")
		}
		_ = acute
		// Other teams do not see it; a casemanager reads but does not change it.
		if err := s.PlaceOnPriorityList(storetest.As(f.TeamLeaderB), first.ID, "x"); code(err) != regie.ENOTFOUND {
			t.Fatalf("other team leader: %v", err)
		}
		if err := s.PlaceOnPriorityList(storetest.As(f.Casemanager), first.ID, "x"); code(err) != regie.ENOTFOUND {
			t.Fatalf("casemanager: %v", err)
		}
	})
}

func TestDuplicates(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		// Kevin Pietersen (born 2012-09-30) of FamTeam is referred again,
		// with a typo, at a new address; Kevin Yilmaz of team B shares
		// the birth date and given name.
		in := referralInput(f, "Gezin Pieterse")
		in.Members = []regie.MemberInput{{GivenName: "Kevin", FamilyName: "Pieterse", BirthDate: "30-09-2012", Relation: "kind"}}
		ref, err := s.CreateReferral(storetest.As(f.Referrer), in)
		if err != nil {
			t.Fatal(err)
		}
		cands, err := s.FindDuplicates(lead, ref.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) < 2 || cands[0].FamilyID != f.FamTeam.ID || cands[0].HouseholdName != "Gezin Pietersen" || !cands[0].SameTeam {
			for _, c := range cands {
				t.Logf("candidate %+v", *c)
			}
			t.Fatalf("candidates: %d", len(cands))
		}
		for _, c := range cands[1:] {
			if c.SameTeam && c.FamilyID == f.FamOther.ID || !c.SameTeam && c.HouseholdName != "" {
				t.Fatalf("another team's family shows its name: %+v", c)
			}
		}
		// A family at the address of a second referral (a postcode with a
		// space, a street written otherwise): found by its address. The
		// team's agenda searches for both referrals at once and finds
		// what the referral page finds for each.
		home, err := s.CreateFamily(lead, regie.FamilyInput{HouseholdName: "Gezin Verhoeven", Street: "Kerkstraat 1",
			Postcode: "1234 AB", City: "Utrecht", DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed"})
		if err != nil {
			t.Fatal(err)
		}
		in2 := referralInput(f, "Gezin Verhoef")
		in2.Street, in2.Postcode = "kerkstraat  1", "1234 AB"
		ref2, err := s.CreateReferral(storetest.As(f.Referrer), in2)
		if err != nil {
			t.Fatal(err)
		}
		cands2, err := s.FindDuplicates(lead, ref2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(cands2, func(c *regie.DuplicateCandidate) bool {
			return c.FamilyID == home.ID && slices.Contains(c.Reasons, "zelfde adres: kerkstraat  1, 1234 AB")
		}) {
			t.Errorf("the family at the referral's address is not found: %+v", cands2)
		}
		ag, err := s.FindAgenda(lead, regie.DateOf(clock.Now()).Monday().ISO(), false)
		if err != nil {
			t.Fatal(err)
		}
		for r, want := range map[int64][]*regie.DuplicateCandidate{ref.ID: cands, ref2.ID: cands2} {
			if diff := cmp.Diff(want, ag.Duplicates[r]); diff != "" {
				t.Errorf("referral %d: the agenda's known families differ from the referral page's (-page +agenda):\n%s", r, diff)
			}
		}
		// Link instead of duplicating.
		d, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept, LinkFamilyID: f.FamTeam.ID})
		if err != nil || d.FamilyID != f.FamTeam.ID {
			t.Fatalf("link: %+v %v", d, err)
		}
		if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept, LinkFamilyID: f.FamOther.ID}); err == nil {
			t.Fatal("linked twice")
		}
		// The casemanager may read but not search for duplicates.
		if _, err := s.FindDuplicates(storetest.As(f.Casemanager), ref.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("casemanager searches: %v", err)
		}
	})
}

func TestYouthWorkerAndCaseloads(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		fam := f.FamAssigned
		parent, child := fam.Members[0], fam.Members[1] // born 1985 and 2012: 40 and 13
		if err := s.AssignYouthWorker(lead, fam.ID, parent.ID, f.YouthWorker.ID, false); regie.ErrorFields(err)["youth_worker"] == "" {
			t.Fatalf("youth worker for a 40-year-old: %v", err)
		}
		if err := s.AssignYouthWorker(lead, fam.ID, child.ID, f.Casemanager.ID, false); regie.ErrorFields(err)["youth_worker"] == "" {
			t.Fatalf("a casemanager as youth worker: %v", err)
		}
		if err := s.AssignYouthWorker(lead, fam.ID, child.ID, f.YouthWorker.ID, false); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindFamilyByID(storetest.As(f.YouthWorker), fam.ID)
		if err != nil {
			t.Fatalf("the youth worker reads the family: %v", err)
		}
		if a := got.YouthWorkerOf(child.ID); a == nil || a.UserID != f.YouthWorker.ID {
			t.Fatal("no youth worker on the member")
		}

		// Caseload: a norm of 2 a year makes the third new family a warning.
		if err := s.SaveNorms(storetest.As(f.Admin), map[string]string{"norm.casemanager_gezinnen_per_jaar": "2", "norm.jeugdhulpverlener_jongeren_per_jaar": "12"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveNorms(storetest.As(f.TeamLeader), map[string]string{"norm.casemanager_gezinnen_per_jaar": "9"}); code(err) != regie.EFORBIDDEN {
			t.Fatalf("team leader changed norms: %v", err)
		}
		newFam := func(name string) *regie.Family {
			fm, err := s.CreateFamily(lead, regie.FamilyInput{HouseholdName: name, DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed"})
			if err != nil {
				t.Fatal(err)
			}
			return fm
		}
		a, b := newFam("Gezin A"), newFam("Gezin B")
		if err := s.AssignFamily(lead, a.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID}); err != nil {
			t.Fatal(err) // second this year: at the norm
		}
		loads, err := s.FindCaseloads(lead, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		var cm *regie.Caseload
		for _, l := range loads {
			if l.UserID == f.Casemanager.ID {
				cm = l
			}
		}
		if cm == nil || cm.StartedThisYear != 2 || cm.Current != 2 || cm.Norm != 2 || !cm.Over() || !cm.InDistrict {
			t.Fatalf("caseload = %+v", cm)
		}
		if err := s.AssignFamily(lead, b.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID}); regie.ErrorFields(err)["confirm"] == "" {
			t.Fatalf("over the norm without confirmation: %v", err)
		}
		if err := s.AssignFamily(lead, b.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID, Confirmed: true}); err != nil {
			t.Fatal(err)
		}
		// Zuilen is not Bram's district: a warning too.
		c := func() *regie.Family {
			fm, err := s.CreateFamily(lead, regie.FamilyInput{HouseholdName: "Gezin C", DistrictID: f.TeamA.Districts[1].ID, DutchProficiency: "goed"})
			if err != nil {
				t.Fatal(err)
			}
			return fm
		}()
		if err := s.AssignFamily(lead, c.ID, regie.AssignInput{CoordinatorID: f.Casemanager2.ID}); regie.ErrorFields(err)["confirm"] == "" {
			t.Fatalf("outside the district without confirmation: %v", err)
		}
	})
}

func TestSafetyConcerns(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		err := s.AddSafetyConcern(cm, fam.ID, regie.SafetyInput{MemberID: f.FamOther.Members[1].ID, What: "", Since: "2030-01-01", Severity: "heel erg", Meldcode: "x"})
		fs := regie.ErrorFields(err)
		for _, k := range []string{"what", "since", "severity", "meldcode", "member"} {
			if fs[k] == "" {
				t.Errorf("no message for %s: %v", k, fs)
			}
		}
		in := regie.SafetyInput{MemberID: fam.Members[1].ID, What: "Blauwe plekken op armen, gezien door school.", Since: "2026-02-20",
			Severity: regie.SeverityAcute, Actions: "Gesprek met moeder; overleg met Veilig Thuis.", Meldcode: "loopt"}
		if err := s.AddSafetyConcern(cm, fam.ID, in); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindFamilyByID(cm, fam.ID)
		if !got.Acute() || got.SafetyConcerns[0].MemberName != "Kevin Jansen" {
			t.Fatalf("concerns = %+v", got.SafetyConcerns)
		}
		if err := s.ResolveSafetyConcern(cm, fam.ID, got.SafetyConcerns[0].ID, ""); regie.ErrorFields(err)["note"] == "" {
			t.Fatalf("resolve without note: %v", err)
		}
		if err := s.ResolveSafetyConcern(cm, fam.ID, got.SafetyConcerns[0].ID, "Veilig Thuis: veiligheidsplan loopt, situatie stabiel."); err != nil {
			t.Fatal(err)
		}
		got, _ = s.FindFamilyByID(cm, fam.ID)
		if got.Acute() || len(got.SafetyConcerns) != 1 || got.SafetyConcerns[0].Open() {
			t.Fatal("the resolved concern is not kept as history")
		}
		if err := s.AddSafetyConcern(storetest.As(f.YouthWorker), fam.ID, in); code(err) != regie.ENOTFOUND {
			t.Fatalf("youth worker writes: %v", err)
		}
	})
}
