package store_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestCheckups_ClosedFile walks a file from closing through a good and a
// worrying check-up to a new referral that reopens it: who may hold the
// check-ups on the closed file (the team leader and the last coordinator),
// that nothing else may be written there, the summary's facts, the
// coordinator's list, the team agenda, and the access log of each step.
func TestCheckups_ClosedFile(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, cm2, lead := storetest.As(f.Casemanager), storetest.As(f.Casemanager2), storetest.As(f.TeamLeader)
		fam := f.FamAssigned
		good := regie.CheckupInput{HeldOn: "2026-06-02", MemberIDs: []int64{fam.Members[0].ID},
			Orgs:   []regie.CheckupParty{{OrgID: f.Partner.ID, Name: "Juf Anja"}},
			Family: "Sandra heeft werk gevonden; Kevin gaat elke dag naar school.", Cooperation: "School en buurtteam houden contact.",
			Assessment: regie.CheckupGood}

		t.Run("OpenFile", func(t *testing.T) {
			cs, err := s.FindCheckups(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if cs.Can.Record || cs.Moments != nil || !cs.ClosedOn.IsZero() {
				t.Errorf("open file: can record %v, moments %v", cs.Can.Record, cs.Moments)
			}
			in := good
			in.HeldOn = "2026-03-01"
			if _, err := s.CreateCheckup(cm, fam.ID, in); code(err) != regie.ENOTFOUND {
				t.Errorf("a check-up on an open file: %v", err)
			}
			if _, outcome, _, seg, _, fid := lastAudit(t, s); outcome != string(regie.OutcomeDenied) || seg != string(regie.SegCheckups) || fid != fam.ID {
				t.Errorf("the refusal is not in the log: %s %s %d", outcome, seg, fid)
			}
		})

		if err := s.CloseFamily(lead, fam.ID, "Het netwerk heeft de zorg overgenomen"); err != nil {
			t.Fatal(err)
		}
		clock.Set(time.Date(2026, 6, 3, 10, 0, 0, 0, regie.Amsterdam)) // a Wednesday

		t.Run("WhoMay", func(t *testing.T) {
			// The closed file itself stays closed to the coordinator, as before.
			if _, err := s.FindFamilyByID(cm, fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("the last coordinator opens the closed file: %v", err)
			}
			cs, err := s.FindCheckups(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !cs.Can.Record || cs.Can.OpenFamily || cs.HouseholdName != "Gezin Jansen" || len(cs.Members) != 2 {
				t.Errorf("last coordinator: %+v", cs)
			}
			if len(cs.Moments) != 3 || !cs.Moments[0].Next || cs.Moments[0].On.ISO() != "2026-06-02" {
				t.Errorf("moments %+v", cs.Moments)
			}
			if _, _, basis, _, uid, _ := lastAudit(t, s); basis != "laatste regisseur: check-up na afsluiting" || uid != f.Casemanager.ID {
				t.Errorf("audit basis %q", basis)
			}
			if _, err := s.FindCheckups(cm2, fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("another casemanager reads the check-ups: %v", err)
			}
			if _, err := s.CreateCheckup(cm2, fam.ID, good); code(err) != regie.ENOTFOUND {
				t.Errorf("another casemanager records a check-up: %v", err)
			}
			if _, outcome, _, _, uid, _ := lastAudit(t, s); outcome != string(regie.OutcomeDenied) || uid != f.Casemanager2.ID {
				t.Errorf("refusal not audited: %s by %d", outcome, uid)
			}
			if _, err := s.FindCheckups(storetest.As(f.TeamLeaderB), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("another team's leader reads the check-ups: %v", err)
			}
			if _, err := s.FindCheckups(storetest.As(f.Partner1), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("a partner reads the check-ups: %v", err)
			}
			// The team leader's family page offers the check-up and no
			// other write.
			page, err := s.FindFamilyByID(lead, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := regie.FamilyPermissions{Checkup: true, ReadCheckups: true, ReadContacts: true, ReadPhase: true, ReadPlan: true,
				ReadConsent: true, ReadTrajectories: true, ReadAssignment: true, ExportPlan: true, ExportConsent: true,
				ReadHandover: true, ExportHandover: true, ReadNetwork: true, ReadEvaluations: true,
				ReadNetworkPersons: true, ReadAgreements: true, ReadStagnation: true, ReadRectifications: true, ReadGenogram: true, ReadSociogram: true, Flower: true, ReadCouncils: true, ReadBalance: true}
			if page.Can != want {
				t.Errorf("closed file, team leader: %+v\nwant %+v", page.Can, want)
			}
			// Due yesterday: a signal, and only that one.
			if sig := page.Summary.Signals; len(sig) != 1 || sig[0].Kind != regie.SignalCheckupDue {
				t.Errorf("the family page's signals: %+v", sig)
			}
		})

		t.Run("EverythingElseDenied", func(t *testing.T) {
			for _, who := range []*regie.User{f.Casemanager, f.TeamLeader} {
				ctx := storetest.As(who)
				_, err := s.CreateContact(ctx, fam.ID, regie.ContactInput{Date: "2026-06-02", Start: "10:00", Minutes: "30",
					Kind: "huisbezoek", Attempt: "contact"})
				if code(err) != regie.ENOTFOUND {
					t.Errorf("%s records a contact on the closed file: %v", who.Name, err)
				}
				if _, outcome, _, seg, _, _ := lastAudit(t, s); outcome != string(regie.OutcomeDenied) || seg != string(regie.SegContacts) {
					t.Errorf("%s: refusal not audited: %s %s", who.Name, outcome, seg)
				}
				if _, err := s.AddMember(ctx, fam.ID, regie.MemberInput{GivenName: "Nina", FamilyName: "Jansen", BirthDate: "2020-01-01",
					Relation: "kind"}); code(err) != regie.ENOTFOUND {
					t.Errorf("%s adds a member to the closed file: %v", who.Name, err)
				}
			}
		})

		t.Run("Invalid", func(t *testing.T) {
			before := countRows(t, s, "checkups")
			for _, tc := range []struct {
				edit  func(*regie.CheckupInput)
				field string
			}{
				{func(in *regie.CheckupInput) { in.HeldOn = "2026-03-01" }, "checkup_on"},
				{func(in *regie.CheckupInput) { in.HeldOn = "2026-06-04" }, "checkup_on"},
				{func(in *regie.CheckupInput) { in.MemberIDs = []int64{f.FamOther.Members[0].ID} }, "spoken_with"},
				{func(in *regie.CheckupInput) { in.Orgs = []regie.CheckupParty{{OrgID: 999999}} }, "orgs"},
				{func(in *regie.CheckupInput) { in.MemberIDs, in.Orgs = nil, nil }, "spoken_with"},
				{func(in *regie.CheckupInput) { in.Cooperation = " " }, "cooperation"},
				{func(in *regie.CheckupInput) { in.Assessment = "" }, "assessment"},
			} {
				in := good
				tc.edit(&in)
				if _, err := s.CreateCheckup(cm, fam.ID, in); regie.ErrorFields(err)[tc.field] == "" {
					t.Errorf("%+v: err = %v, want a message on %s", in, err, tc.field)
				}
			}
			if got := countRows(t, s, "checkups"); got != before {
				t.Errorf("checkups %d → %d after refused input", before, got)
			}
		})

		var goodID int64
		t.Run("RecordAndFacts", func(t *testing.T) {
			c, err := s.CreateCheckup(cm, fam.ID, good)
			if err != nil {
				t.Fatal(err)
			}
			goodID = c.ID
			if c.HeldOn.ISO() != "2026-06-02" || c.CreatedByName != "Anouk de Vries" || len(c.Parties) != 2 ||
				c.Parties[0].Name != "Sandra Jansen" || c.Parties[1].OrgName != "Basisschool De Regenboog" || c.Parties[1].Name != "Juf Anja" {
				t.Errorf("recorded %+v", c)
			}
			if action, outcome, _, seg, _, fid := lastAudit(t, s); action != string(regie.ActionCreate) || outcome != string(regie.OutcomeOK) ||
				seg != string(regie.SegCheckups) || fid != fam.ID {
				t.Errorf("audit %s %s %s %d", action, outcome, seg, fid)
			}
			due, err := s.FindCheckupsDue(cm)
			if err != nil {
				t.Fatal(err)
			}
			if len(due) != 1 || due[0].ID != fam.ID || due[0].Facts.CheckupsDone != 1 || due[0].Facts.LastCheckupOn.ISO() != "2026-06-02" ||
				due[0].Due.Kind != regie.DueCheckup || due[0].Due.On.ISO() != "2026-09-02" {
				t.Fatalf("due list %+v", due)
			}
			if _, _, _, seg, _, fid := lastAudit(t, s); seg != string(regie.SegFamilyList) || fid != fam.ID {
				t.Errorf("the list is not in the family's log: %s %d", seg, fid)
			}
			if due, err := s.FindCheckupsDue(cm2); err != nil || len(due) != 0 {
				t.Errorf("another casemanager's list: %v %v", due, err)
			}
			// "Mijn gezinnen" has the same check-ups beside the same list
			// FindFamilies gives, in one transaction.
			fl, err := s.FindFamilyList(cm, regie.FamilyFilter{Scope: regie.ScopeMine}, regie.ListWith{Checkups: true, Emergencies: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(fl.Checkups) != 1 || fl.Checkups[0].ID != fam.ID || fl.Checkups[0].Due != due[0].Due {
				t.Errorf("Mijn gezinnen's check-ups %+v, want %+v", fl.Checkups, due)
			}
			mine, total, err := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := familyIDs(fl.Families), familyIDs(mine); fl.Total != total || !slices.Equal(got, want) {
				t.Errorf("Mijn gezinnen's families %v (%d), FindFamilies %v (%d)", got, fl.Total, want, total)
			}
			if !reflect.DeepEqual(fl.Norms, regie.DefaultNorms()) {
				t.Errorf("norms %+v, want the defaults", fl.Norms)
			}
			// What the summary holds is what computeSummary computes.
			if rep, err := s.CheckSummaries(storetest.System(), false); err != nil || len(rep.Mismatches) != 0 {
				t.Errorf("summaries: %+v %v", rep, err)
			}
		})

		t.Run("WorryingStartsReferral", func(t *testing.T) {
			if _, err := s.ReferFromCheckup(cm, fam.ID, goodID); regie.ErrorCode(err) != regie.EINVALID {
				t.Errorf("a referral from a good check-up: %v", err)
			}
			worry := good
			worry.HeldOn, worry.Assessment = "2026-06-03", regie.CheckupConcerns
			worry.Family = "Sandra is haar werk kwijt en de huur is twee maanden niet betaald."
			c, err := s.CreateCheckup(cm, fam.ID, worry)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.ReferFromCheckup(cm2, fam.ID, c.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("another casemanager refers: %v", err)
			}
			before := countRows(t, s, "referrals")
			ref, err := s.ReferFromCheckup(cm, fam.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if countRows(t, s, "referrals") != before+1 || ref.Status != regie.ReferralOnAgenda || ref.FamilyID != fam.ID ||
				ref.MeetingDate.ISO() != "2026-06-08" || ref.HouseholdName != "Gezin Jansen" || len(ref.Members) != 2 {
				t.Errorf("referral %+v", ref)
			}
			if len(ref.Signals) != 1 || ref.Signals[0].Domain != "netwerk" || !strings.Contains(ref.Signals[0].Text, "huur is twee maanden niet betaald") {
				t.Errorf("signals %v", ref.Signals)
			}
			if _, err := s.ReferFromCheckup(cm, fam.ID, c.ID); regie.ErrorCode(err) != regie.EINVALID {
				t.Errorf("a second referral from the same check-up: %v", err)
			}
			ag, err := s.FindAgenda(lead, "2026-06-08", false)
			if err != nil {
				t.Fatal(err)
			}
			onAgenda := false
			for _, r := range ag.Referrals {
				onAgenda = onAgenda || r.ID == ref.ID
			}
			if !onAgenda {
				t.Errorf("the referral is not on the agenda")
			}
			if len(ag.Checkups) != 2 || ag.Checkups[0].ID != c.ID || ag.Checkups[0].ReferralID != ref.ID || ag.Checkups[0].HouseholdName != "Gezin Jansen" {
				t.Errorf("agenda check-ups %+v", ag.Checkups)
			}

			// The intake decision reopens the file: no check-ups due.
			if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept, LinkFamilyID: fam.ID}); err != nil {
				t.Fatal(err)
			}
			if due, err := s.FindCheckupsDue(cm); err != nil || len(due) != 0 {
				t.Errorf("a reopened file on the check-up list: %v %v", due, err)
			}
			page, err := s.FindFamilyByID(lead, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if page.Closed() || page.Summary.Facts.CheckupsDone != 0 || !page.Summary.Facts.ClosedOn.IsZero() || page.Can.Checkup ||
				page.Summary.Due.Kind == regie.DueCheckup {
				t.Errorf("reopened: closed %v, facts %+v, can check-up %v, due %+v", page.Closed(), page.Summary.Facts, page.Can.Checkup, page.Summary.Due)
			}
		})
	})
}

// TestCheckups_NormsMoments: the moments are the administrator's norm.
func TestCheckups_NormsMoments(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		admin := storetest.As(f.Admin)
		if err := s.SaveNorms(admin, map[string]string{"norm.checkup_maanden": "6, 3"}); regie.ErrorFields(err)["norm.checkup_maanden"] == "" {
			t.Errorf("decreasing moments: %v", err)
		}
		if err := s.SaveNorms(admin, map[string]string{"norm.checkup_maanden": "1, 2"}); err != nil {
			t.Fatal(err)
		}
		lead := storetest.As(f.TeamLeader)
		if err := s.CloseFamily(lead, f.FamAssigned.ID, "Afgerond"); err != nil {
			t.Fatal(err)
		}
		cs, err := s.FindCheckups(lead, f.FamAssigned.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs.Moments) != 2 || cs.Moments[1].On.ISO() != "2026-05-02" || !cs.Can.Record || !cs.Can.OpenFamily {
			t.Errorf("moments %+v, can %+v", cs.Moments, cs.Can)
		}
	})
}

// familyIDs are the ids of a family list, in its order.
func familyIDs(list []*regie.FamilySummary) []int64 {
	ids := make([]int64, len(list))
	for i, fs := range list {
		ids[i] = fs.ID
	}
	return ids
}
