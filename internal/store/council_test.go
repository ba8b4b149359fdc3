package store_test

import (
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// councilRecord is a record of a council: Sandra and the casemanager
// attended, notes at two points, two agreements (Sandra, the
// casemanager) due in March.
func councilRecord(f *storetest.Fixture) regie.CouncilRecordInput {
	sandra := f.FamAssigned.Members[0].ID
	return regie.CouncilRecordInput{
		Attended: regie.CouncilPeopleInput{Members: []int64{sandra}, Workers: []int64{f.Casemanager.ID}},
		Notes: []regie.CouncilNote{
			{Point: "goed", Aspect: "gevoel", Text: "Trots dat Kevin elke dag naar school ging."},
			{Point: "ergernis", Aspect: "oorzaak", Text: "De rommel in de gang."},
			{Point: "ergernis", Aspect: "oplossing", Text: "Een vaste plek voor de jassen."},
		},
		Agreements: []regie.AgreementInput{
			{Owner: "m:" + itoa(sandra), What: "Elke zondag samen de week plannen.", Due: "2026-03-29"},
			{},
			{Owner: "c:" + itoa(f.Casemanager.ID), What: "Een kapstok regelen via de kringloop.", Due: "2026-03-20"},
		},
	}
}

func TestCouncil_PlanRecordTakeOverIntoANewPlan(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		sandra, kevin := fam.Members[0].ID, fam.Members[1].ID
		oma, err := s.AddNetworkPerson(cm, fam.ID, regie.NetworkPersonInput{Name: "Oma Jansen", Relation: regie.NetworkGrandparent})
		if err != nil {
			t.Fatal(err)
		}

		// Planning: a day and at least one person, of this family.
		_, err = s.PlanCouncil(cm, fam.ID, regie.CouncilPlanInput{On: "morgen"})
		if fields := regie.ErrorFields(err); fields["on"] == "" || fields["invited"] == "" {
			t.Fatalf("bad plan: %v", err)
		}
		_, err = s.PlanCouncil(cm, fam.ID, regie.CouncilPlanInput{On: "2026-03-05",
			Invited: regie.CouncilPeopleInput{Members: []int64{f.FamOther.Members[0].ID}}})
		if regie.ErrorFields(err)["invited"] == "" {
			t.Fatalf("a member of another family invited: %v", err)
		}
		if n := countRows(t, s, "councils"); n != 0 {
			t.Fatalf("refused plans stored %d councils", n)
		}
		c, err := s.PlanCouncil(cm, fam.ID, regie.CouncilPlanInput{On: "2026-03-05", Place: "Thuis, aan de keukentafel",
			Invited: regie.CouncilPeopleInput{Members: []int64{sandra, kevin}, Persons: []int64{oma.ID}, Workers: []int64{f.Casemanager.ID}}})
		if err != nil {
			t.Fatal(err)
		}
		if c.On.ISO() != "2026-03-05" || c.Place != "Thuis, aan de keukentafel" || len(c.Invited()) != 4 || c.Recorded() {
			t.Fatalf("planned = %+v", c)
		}
		if got := c.Invited()[2]; got.Kind != regie.CouncilNetwork || got.Name != "Oma Jansen" {
			t.Fatalf("third invited = %+v, want oma (members first, then the network)", got)
		}

		// Recording: not before the day; at least one attendee; the
		// plan's rules for agreements.
		if err := s.RecordCouncil(cm, fam.ID, c.ID, councilRecord(f)); regie.ErrorFields(err)["attended"] == "" {
			t.Fatalf("recorded before it was held: %v", err)
		}
		clock.Set(time.Date(2026, 3, 6, 10, 0, 0, 0, regie.Amsterdam))
		bad := councilRecord(f)
		bad.Attended = regie.CouncilPeopleInput{}
		bad.Agreements[0].Owner = ""
		bad.Agreements[2].Due = ""
		fields := regie.ErrorFields(s.RecordCouncil(cm, fam.ID, c.ID, bad))
		for _, k := range []string{"attended", "agreement-0-owner", "agreement-2-due"} {
			if fields[k] == "" {
				t.Errorf("no message on %s: %v", k, fields)
			}
		}
		if n := countRows(t, s, "council_agreements"); n != 0 {
			t.Fatalf("a refused record stored %d agreements", n)
		}
		// Nothing to take over yet.
		if _, err := s.TakeOverCouncilAgreements(cm, fam.ID, c.ID); code(err) != regie.ECONFLICT {
			t.Fatalf("take over before recording: %v", err)
		}
		rec := councilRecord(f)
		rec.Attended.Persons = []int64{oma.ID}
		if err := s.RecordCouncil(cm, fam.ID, c.ID, rec); err != nil {
			t.Fatal(err)
		}
		c, err = s.FindCouncil(cm, fam.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Recorded() || len(c.Attendees()) != 3 || len(c.Invited()) != 4 || len(c.Agreements) != 2 || !c.CanTakeOver || !c.CanRecord {
			t.Fatalf("recorded = %+v", c)
		}
		if c.Note("ergernis", "oplossing") != "Een vaste plek voor de jassen." || !c.PointNoted("goed") || c.PointNoted("kinderen") {
			t.Fatalf("notes = %+v", c.Notes)
		}
		if a := c.Agreements[1]; a.OwnerKind != regie.OwnerCasemanager || a.Owner != f.Casemanager.Name || a.Due.ISO() != "2026-03-20" {
			t.Fatalf("second agreement = %+v", a)
		}

		// Who may take over: the plan's writers; the youth worker of the
		// family reads the council but is not offered the take-over.
		if err := s.AssignYouthWorker(storetest.As(f.TeamLeader), fam.ID, kevin, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		yw := storetest.As(f.YouthWorker)
		if yc, err := s.FindCouncil(yw, fam.ID, c.ID); err != nil || yc.CanTakeOver || yc.CanRecord {
			t.Fatalf("youth worker: %+v, %v", yc, err)
		}
		if _, err := s.TakeOverCouncilAgreements(yw, fam.ID, c.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("youth worker takes over: %v", err)
		}
		for _, u := range []*regie.User{f.CasemanagerB, f.Partner1, f.Referrer} {
			if _, err := s.FindCouncils(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s reads the councils: %v", u.Role, u.Name, err)
			}
		}

		// No plan yet: the take-over starts the first one with them.
		n, err := s.TakeOverCouncilAgreements(cm, fam.ID, c.ID)
		if err != nil || n != 1 {
			t.Fatalf("take over = %d, %v", n, err)
		}
		v, err := s.FindPlanVersion(cm, fam.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if v.Origin != "eerste" || v.Status != regie.PlanDraft || len(v.Agreements) != 2 {
			t.Fatalf("plan = %+v", v)
		}
		if a := v.Agreements[0]; a.OwnerKind != regie.OwnerMember || a.MemberID != sandra || a.What != "Elke zondag samen de week plannen." ||
			a.Due.ISO() != "2026-03-29" || a.Key == "" {
			t.Fatalf("first plan agreement = %+v", a)
		}
		if a := v.Agreements[1]; a.OwnerKind != regie.OwnerCasemanager || a.MemberID != f.Casemanager.ID || a.Due.ISO() != "2026-03-20" {
			t.Fatalf("second plan agreement = %+v", a)
		}
		// Once: the council remembers, and its record is closed.
		if _, err := s.TakeOverCouncilAgreements(cm, fam.ID, c.ID); code(err) != regie.ECONFLICT {
			t.Fatalf("taken over twice: %v", err)
		}
		if err := s.RecordCouncil(cm, fam.ID, c.ID, councilRecord(f)); code(err) != regie.ECONFLICT {
			t.Fatalf("recorded after the take-over: %v", err)
		}
		c, err = s.FindCouncil(cm, fam.ID, c.ID)
		if err != nil || c.TakenOverIn != 1 || c.TakenOverBy != f.Casemanager.Name || c.CanTakeOver || c.CanRecord {
			t.Fatalf("after take-over: %+v, %v", c, err)
		}

		// In the log: the new version, the plan's change and the
		// council's, and the youth worker's refusal.
		var planned, started, added, takenOver, denied int
		entries := append(auditOf(t, s, f, fam.ID, regie.SegCouncil), auditOf(t, s, f, fam.ID, regie.SegPlan)...)
		for _, e := range entries {
			switch {
			case e.Outcome != regie.OutcomeOK && e.Segment == regie.SegPlan && e.UserID == f.YouthWorker.ID:
				denied++
			case e.Segment == regie.SegCouncil && strings.Contains(e.Detail, "gepland"):
				planned++
			case e.Segment == regie.SegPlan && strings.Contains(e.Detail, "begonnen (Eerste plan) voor de afspraken van het familieberaad"):
				started++
			case e.Segment == regie.SegPlan && strings.Contains(e.Detail, "2 afspraken uit het familieberaad van"):
				added++
			case e.Segment == regie.SegCouncil && strings.Contains(e.Detail, "overgenomen in hulpverleningsplan versie 1"):
				takenOver++
			}
		}
		if planned != 1 || started != 1 || added != 1 || takenOver != 1 || denied != 1 {
			t.Errorf("audit: planned %d, started %d, added %d, taken over %d, denied %d", planned, started, added, takenOver, denied)
		}
	})
}

func TestCouncil_TakeOverIntoTheDraftOrANewVersion(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, tl := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		fam := f.FamAssigned
		sandra := fam.Members[0].ID
		held := func() *regie.Council {
			t.Helper()
			c, err := s.PlanCouncil(cm, fam.ID, regie.CouncilPlanInput{On: "2026-03-02", Invited: regie.CouncilPeopleInput{Members: []int64{sandra}}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.RecordCouncil(cm, fam.ID, c.ID, councilRecord(f)); err != nil {
				t.Fatal(err)
			}
			return c
		}

		// The plan is agreed (frozen): a new version "wijziging" with the
		// agreed plan's three agreements and the council's two; version 1
		// stays as it was.
		agreed := agreedPlan(t, s, f)
		first := held()
		n, err := s.TakeOverCouncilAgreements(tl, fam.ID, first.ID)
		if err != nil || n != 2 {
			t.Fatalf("take over = %d, %v", n, err)
		}
		v2, err := s.FindPlanVersion(cm, fam.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		if v2.Origin != "wijziging" || len(v2.Agreements) != 5 || v2.Agreements[3].What != "Elke zondag samen de week plannen." {
			t.Fatalf("version 2 = %+v", v2)
		}
		if v1, err := s.FindPlanVersion(cm, fam.ID, 1); err != nil || len(v1.Agreements) != len(agreed.Agreements) {
			t.Fatalf("the agreed version changed: %+v, %v", v1, err)
		}

		// A draft is open, and discussed: they are added to it, it goes
		// back to concept, and a plan form read before is stale.
		if err := s.MarkPlanDiscussed(tl, fam.ID, 2); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Hour)
		second := held()
		if n, err := s.TakeOverCouncilAgreements(cm, fam.ID, second.ID); err != nil || n != 2 {
			t.Fatalf("take over into the draft = %d, %v", n, err)
		}
		v2b, err := s.FindPlanVersion(cm, fam.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(v2b.Agreements) != 7 || v2b.Status != regie.PlanDraft || v2b.ChangedAfterDiscussion.IsZero() || v2b.Revision == v2.Revision {
			t.Fatalf("draft after the take-over = %+v", v2b)
		}
		stale := planInput(f)
		stale.Revision = v2.Revision
		if err := s.SavePlanDraft(cm, fam.ID, 2, stale); code(err) != regie.ESTALE {
			t.Fatalf("a plan form read before the take-over saves: %v", err)
		}
		if vs, err := s.FindPlan(cm, fam.ID); err != nil || len(vs.Versions) != 2 {
			t.Fatalf("versions: %+v, %v", vs, err)
		}
	})
}
