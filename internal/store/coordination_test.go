package store_test

import (
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// toPhase5 moves the fixture's assigned family from phase 1 to phase 5, a
// month between the moves.
func toPhase5(t *testing.T, s *store.Store, clock *storetest.Clock, f *storetest.Fixture, famID int64) {
	t.Helper()
	for _, p := range []regie.Phase{2, 3, 4, 5} {
		clock.Advance(30 * 24 * time.Hour)
		if err := s.MovePhase(storetest.As(f.Casemanager), famID, regie.PhaseMove{To: p, Reason: "versneld voor de test"}); err != nil {
			t.Fatal(err)
		}
	}
}

// auditOf returns the family's access log rows of a segment, oldest first.
func auditOf(t *testing.T, s *store.Store, f *storetest.Fixture, famID int64, seg regie.Segment) []*regie.AuditEntry {
	t.Helper()
	entries, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &famID, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	var out []*regie.AuditEntry
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Segment == seg {
			out = append(out, entries[i])
		}
	}
	return out
}

// auditTally counts a family's access-log rows of one segment: allowed
// reads, exports and other (writing) actions, and denied attempts of any
// action.
type auditTally struct{ reads, exports, writes, denied int }

func tallyAudit(t *testing.T, s *store.Store, f *storetest.Fixture, famID int64, seg regie.Segment) auditTally {
	t.Helper()
	var n auditTally
	for _, e := range auditOf(t, s, f, famID, seg) {
		switch {
		case e.Outcome != regie.OutcomeOK:
			n.denied++
		case e.Action == regie.ActionRead:
			n.reads++
		case e.Action == regie.ActionExport:
			n.exports++
		default:
			n.writes++
		}
	}
	return n
}

func TestHandover_RecordsValidationAndAudit(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned

		// Bad input: a message per field, nothing stored.
		_, err := s.AddHandover(cm, fam.ID, regie.HandoverInput{On: "2099-01-01", Goals: "  "})
		fields := regie.ErrorFields(err)
		for _, k := range []string{"org", "contact_person", "on", "goals", "tasks"} {
			if fields[k] == "" {
				t.Errorf("no message on %s: %v", k, fields)
			}
		}
		if _, err := s.AddHandover(cm, fam.ID, regie.HandoverInput{OrgID: 99999, ContactPerson: "X", On: "2026-03-01", Goals: "a", Tasks: "b"}); regie.ErrorFields(err)["org"] == "" {
			t.Fatalf("unknown organisation: %v", err)
		}
		h, err := s.AddHandover(cm, fam.ID, regie.HandoverInput{OrgID: f.Partner.ID, ContactPerson: "Meester Jan", On: "2026-03-01",
			Goals: "Kevin gaat elke dag naar school.", Tasks: "School belt moeder bij verzuim; de casemanager coördineert."})
		if err != nil {
			t.Fatal(err)
		}
		if h.OrgName != f.Partner.Name || h.On.ISO() != "2026-03-01" || h.CreatedByName != f.Casemanager.Name {
			t.Fatalf("handover = %+v", h)
		}
		if err := s.ConfirmCommitment(cm, fam.ID, regie.CommitmentInput{}); regie.ErrorFields(err)["confirmed_by"] == "" ||
			regie.ErrorFields(err)["confirmed_on"] == "" {
			t.Fatalf("empty confirmation: %v", err)
		}
		if err := s.ConfirmCommitment(cm, fam.ID, regie.CommitmentInput{ConfirmedBy: "Wijkagent Bos", On: "2026-03-02"}); err != nil {
			t.Fatal(err)
		}
		hs, err := s.FindHandovers(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hs.List) != 1 || hs.Commitment == nil || hs.Commitment.ConfirmedBy != "Wijkagent Bos" || !hs.CanEdit || !hs.CanExport {
			t.Fatalf("handovers = %+v", hs)
		}

		// Who reaches the handover: the coordinator and the team leader
		// write; the youth worker of the family reads; another team, the
		// partner and the referrer do not see it at all.
		if _, err := s.FindHandovers(storetest.As(f.TeamLeader), fam.ID); err != nil {
			t.Fatalf("team leader: %v", err)
		}
		for _, u := range []*regie.User{f.Partner1, f.Referrer, f.CasemanagerB, f.Casemanager2, f.Admin, f.Privacy} {
			if _, err := s.FindHandovers(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s (%s) reads handovers: %v", u.Name, u.Role, err)
			}
			if _, err := s.ExportHandoverLetter(storetest.As(u), fam.ID, h.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s (%s) exports the letter: %v", u.Name, u.Role, err)
			}
		}
		if _, err := s.AddHandover(storetest.As(f.Partner1), fam.ID, regie.HandoverInput{OrgID: f.Partner.ID, ContactPerson: "X",
			On: "2026-03-01", Goals: "a", Tasks: "b"}); code(err) != regie.ENOTFOUND {
			t.Fatalf("partner writes a handover: %v", err)
		}

		rows := auditOf(t, s, f, fam.ID, regie.SegHandover)
		var created, read, denied int
		for _, r := range rows {
			switch {
			case r.Outcome == regie.OutcomeDenied:
				denied++
			case r.Action == regie.ActionCreate:
				created++
			case r.Action == regie.ActionRead:
				read++
			}
		}
		if created != 2 || read != 2 || denied != 13 {
			t.Fatalf("audit: %d created, %d read, %d denied", created, read, denied)
		}
	})
}

func TestHandover_LetterLimitedByConsent(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		if _, err := s.SaveTrajectory(cm, fam.ID, 0, regie.TrajectoryInput{Domain: "kinderen", OrgID: f.Partner.ID, Intervention: "Verzuimbegeleiding",
			Status: regie.TrajectoryRunning, StartedOn: "2026-02-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveTrajectory(cm, fam.ID, 0, regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID, Intervention: "Schuldhulp",
			Status: regie.TrajectoryRunning, StartedOn: "2026-02-01"}); err != nil {
			t.Fatal(err)
		}
		h, err := s.AddHandover(cm, fam.ID, regie.HandoverInput{OrgID: f.Partner.ID, ContactPerson: "Meester Jan", On: "2026-03-01",
			Goals: "Kevin gaat elke dag naar school.", Tasks: "School belt moeder bij verzuim."})
		if err != nil {
			t.Fatal(err)
		}

		// No consent names the school: the agreements only.
		l, err := s.ExportHandoverLetter(cm, fam.ID, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if l.Consent || l.Family.Street != "" || len(l.Family.Members) != 0 || len(l.Trajectories) != 0 || len(l.Goals) != 0 ||
			len(l.Withheld) != 4 || l.Handover.Goals != h.Goals {
			t.Fatalf("letter without consent = %+v", l)
		}

		// A consent for the members and the trajectories on the children.
		if _, err := s.CreateConsent(cm, fam.ID, regie.ConsentInput{SignedOn: "2026-03-02", Signers: []int64{fam.Members[0].ID},
			Parties: []regie.ConsentParty{{OrgID: f.Partner.ID, Purpose: "Schoolgang",
				Kinds: []regie.InfoKind{regie.InfoMembers, regie.InfoTrajectories, regie.DomainKind("kinderen")}}},
			Document: &regie.Upload{Name: "verklaring.pdf", Content: []byte("%PDF-1.4\n% getekend\n")}}); err != nil {
			t.Fatal(err)
		}
		l, err = s.ExportHandoverLetter(cm, fam.ID, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !l.Consent || l.Family.Street != "" || len(l.Family.Members) != 2 || len(l.Trajectories) != 1 ||
			l.Trajectories[0].Intervention != "Verzuimbegeleiding" {
			t.Fatalf("letter under consent: consent %v, street %q, %d members, trajectories %+v", l.Consent, l.Family.Street,
				len(l.Family.Members), l.Trajectories)
		}
		for _, m := range l.Family.Members {
			if m.BSN != "" {
				t.Fatal("a BSN in the letter")
			}
		}
		if strings.Join(l.Withheld, "|") != regie.LabelOf(regie.InfoSections, regie.InfoFamily)+"|"+regie.LabelOf(regie.InfoSections, regie.InfoPlan) {
			t.Fatalf("withheld = %q", l.Withheld)
		}
		rows := auditOf(t, s, f, fam.ID, regie.SegHandover)
		exports := 0
		for _, r := range rows {
			if r.Action == regie.ActionExport {
				exports++
				if exports == 1 && !strings.Contains(r.Detail, "geen geldige toestemming") ||
					exports == 2 && !strings.Contains(r.Detail, "toestemmingsverklaring") {
					t.Errorf("export %d detail %q", exports, r.Detail)
				}
			}
		}
		if exports != 2 {
			t.Fatalf("%d exports audited", exports)
		}
	})
}

func TestNetworkMeetings_RecordsFactsAndAgencies(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		other, err := s.CreateOrganisation(storetest.System(), "Buurtteam Overvecht", false)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range []regie.TrajectoryInput{
			{Domain: "kinderen", OrgID: f.Partner.ID, Intervention: "Verzuim", Status: regie.TrajectoryRunning, StartedOn: "2026-03-02"},
			{Domain: "financien", OrgID: other.ID, Intervention: "Schuldhulp", Status: regie.TrajectoryRunning, StartedOn: "2026-03-02"},
		} {
			if _, err := s.SaveTrajectory(cm, fam.ID, 0, in); err != nil {
				t.Fatal(err)
			}
		}
		toPhase5(t, s, clock, f, fam.ID) // phase 5 on 2026-06-30
		start := regie.DateOf(clock.Now())

		// Validation: a day, someone there, agreements complete.
		_, err = s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{
			Professionals: []regie.NetworkAttendeeInput{{Name: "Juf Anna"}},
			Agreements:    []regie.NetworkAgreementInput{{What: "Bellen"}, {Owner: "School", What: "Gesprek", Due: "2020-01-01"}}})
		fields := regie.ErrorFields(err)
		for _, k := range []string{"held_on", "attendee-0-org", "agreement-0-who", "agreement-0-due"} {
			if fields[k] == "" {
				t.Errorf("no message on %s: %v", k, fields)
			}
		}
		if _, err := s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: start.ISO()}); regie.ErrorFields(err)["attendees"] == "" {
			t.Fatalf("a meeting without anyone: %v", err)
		}
		if _, err := s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: start.ISO(), Members: []int64{f.FamOther.Members[0].ID}}); regie.ErrorFields(err)["attendees"] == "" {
			t.Fatalf("a member of another family: %v", err)
		}

		// The first meeting, two weeks into phase 5.
		clock.Advance(14 * 24 * time.Hour)
		m1, err := s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: regie.DateOf(clock.Now()).ISO(),
			Members:       []int64{fam.Members[0].ID},
			Professionals: []regie.NetworkAttendeeInput{{Name: "Juf Anna", OrgID: f.Partner.ID}, {OrgID: other.ID}},
			Others:        "Oma Jansen\n\n",
			Agreements: []regie.NetworkAgreementInput{
				{Owner: "School", What: "Verzuim melden aan moeder", Due: regie.DateOf(clock.Now()).AddDays(30).ISO()},
				{Owner: "Buurtteam", What: "Budgetplan maken", Due: regie.DateOf(clock.Now()).AddDays(14).ISO()},
				{},
			}})
		if err != nil {
			t.Fatal(err)
		}
		if len(m1.Attendees) != 4 || len(m1.Agreements) != 2 || m1.Agencies != 2 || m1.Attendees[0].Label() != "Sandra Jansen (gezin)" {
			t.Fatalf("meeting 1 = %+v", m1)
		}
		list, _, _ := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
		if got := list[0].Facts.LastNetworkMeetingOn; got != m1.HeldOn {
			t.Fatalf("last network meeting = %v, want %v", got, m1.HeldOn)
		}
		// A contact of kind netwerkoverleg later still counts: the newest of both.
		clock.Advance(7 * 24 * time.Hour)
		if _, err := s.CreateContact(cm, fam.ID, contactIn(regie.DateOf(clock.Now()).ISO(), "10:00", "60", regie.ContactKind("netwerkoverleg"), regie.AttemptReached)); err != nil {
			t.Fatal(err)
		}
		list, _, _ = s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
		if got := list[0].Facts.LastNetworkMeetingOn; got != regie.DateOf(clock.Now()) {
			t.Fatalf("last network meeting after a contact = %v", got)
		}

		// The budget plan is overdue and counts in the overdue agreements.
		clock.Advance(10 * 24 * time.Hour)
		list, _, _ = s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
		if list[0].Facts.OverdueAgreements != 1 {
			t.Fatalf("overdue agreements = %d", list[0].Facts.OverdueAgreements)
		}

		// The buurtteam's trajectory ends; the second meeting records progress.
		tr, _ := s.FindTrajectories(cm, fam.ID)
		for _, x := range tr.List {
			if x.OrgID == other.ID {
				if _, err := s.SaveTrajectory(cm, fam.ID, x.ID, regie.TrajectoryInput{Domain: x.Domain, OrgID: x.OrgID, Intervention: x.Intervention,
					Status: regie.TrajectoryFinished, StartedOn: x.StartedOn.ISO(), EndedOn: regie.DateOf(clock.Now()).ISO()}); err != nil {
					t.Fatal(err)
				}
			}
		}
		clock.Advance(60 * 24 * time.Hour)
		budget := m1.Agreements[1].ID
		if budget == m1.Agreements[0].ID || m1.Agreements[1].What != "Budgetplan maken" {
			t.Fatalf("agreements = %+v", m1.Agreements)
		}
		if _, err := s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: regie.DateOf(clock.Now()).ISO(), Others: "Oma",
			Progress: map[int64]regie.AgreementStatus{budget: "onzin"}}); regie.ErrorFields(err)["progress-"+itoa(budget)] == "" {
			t.Fatalf("a bad status: %v", err)
		}
		m2, err := s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: regie.DateOf(clock.Now()).ISO(), Others: "Oma",
			Professionals: []regie.NetworkAttendeeInput{{Name: "Juf Anna", OrgID: f.Partner.ID}},
			Progress:      map[int64]regie.AgreementStatus{budget: regie.AgreementDone, m1.Agreements[0].ID: regie.AgreementRunning}})
		if err != nil {
			t.Fatal(err)
		}
		if m2.Agencies != 1 || len(m2.Progress) != 2 {
			t.Fatalf("meeting 2 = %+v", m2)
		}
		list, _, _ = s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
		// "Verzuim melden" is running and its day passed: it is overdue; the
		// budget plan is done.
		if list[0].Facts.OverdueAgreements != 1 || list[0].Facts.LastNetworkMeetingOn != m2.HeldOn {
			t.Fatalf("facts after meeting 2: %+v", list[0].Facts)
		}

		// A relapse and back: the history shows it; agencies at each start.
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 3, Reason: "Moeder trekt zich terug uit de schuldhulp."}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(14 * 24 * time.Hour)
		for _, p := range []regie.Phase{4, 5} {
			if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: p, Reason: "korte interventie klaar"}); err != nil {
				t.Fatal(err)
			}
		}
		c, err := s.FindCoordination(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		var counts []int
		var labels []string
		for _, a := range c.Agencies {
			counts, labels = append(counts, a.Count), append(labels, a.Label)
		}
		if strings.Join(labels, ",") != "Start fase 5,Netwerkoverleg,Netwerkoverleg,Start fase 5,Nu" ||
			counts[0] != 2 || counts[1] != 2 || counts[2] != 1 || counts[3] != 1 || counts[4] != 1 {
			t.Fatalf("agencies = %+v", c.Agencies)
		}
		relapse := false
		for _, e := range c.History {
			relapse = relapse || e.Kind == "terugval" && strings.Contains(e.Text, "schuldhulp")
		}
		if !relapse || len(c.Meetings) != 2 || len(c.Open) != 1 || !c.CanEdit {
			t.Fatalf("coordination: relapse %v, %d meetings, open %+v", relapse, len(c.Meetings), c.Open)
		}
		if got, err := s.FindNetworkMeeting(cm, fam.ID, m1.ID); err != nil || got.Agencies != 2 {
			t.Fatalf("meeting 1 again: %+v, %v", got, err)
		}
		if _, err := s.FindNetworkMeeting(cm, f.FamTeam.ID, m1.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("a meeting through another family: %v", err)
		}

		// Access: the partner, even with a consent covering everything,
		// does not see the meetings; another team's casemanager neither.
		all := []regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.InfoPlan, regie.InfoContacts, regie.InfoSafety, regie.InfoTrajectories}
		if _, err := s.CreateConsent(cm, fam.ID, regie.ConsentInput{SignedOn: regie.DateOf(clock.Now()).ISO(), Signers: []int64{fam.Members[0].ID},
			Parties:  []regie.ConsentParty{{OrgID: f.Partner.ID, Purpose: "Alles", Kinds: all}},
			Document: &regie.Upload{Name: "v.pdf", Content: []byte("%PDF-1.4\n")}}); err != nil {
			t.Fatal(err)
		}
		for _, u := range []*regie.User{f.Partner1, f.CasemanagerB, f.Referrer} {
			if _, err := s.FindCoordination(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s reads the coordination: %v", u.Role, err)
			}
			if _, err := s.AddNetworkMeeting(storetest.As(u), fam.ID, regie.NetworkMeetingInput{HeldOn: "2026-03-02", Others: "x"}); code(err) != regie.ENOTFOUND {
				t.Errorf("%s records a meeting: %v", u.Role, err)
			}
		}
		if fam2, err := s.FindFamilyByID(storetest.As(f.Partner1), fam.ID); err != nil || fam2.Can.ReadNetwork || fam2.Can.ReadHandover {
			t.Fatalf("partner's permissions: %+v, %v", fam2.Can, err)
		}
		if fam2, _ := s.FindFamilyByID(storetest.As(f.YouthWorker), fam.ID); fam2 != nil && (fam2.Can.Network || fam2.Can.Handover) {
			t.Fatalf("youth worker writes: %+v", fam2.Can)
		}
		denied := 0
		for _, r := range auditOf(t, s, f, fam.ID, regie.SegNetwork) {
			if r.Outcome == regie.OutcomeDenied {
				denied++
			}
		}
		if denied != 6 {
			t.Fatalf("%d denied network attempts audited", denied)
		}
	})
}

func TestCloseCoordination_OutcomeAndOnwardReferral(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		toPhase5(t, s, clock, f, fam.ID)

		err := s.CloseCoordination(cm, fam.ID, regie.CloseInput{Outcome: "onzin"})
		if fields := regie.ErrorFields(err); fields["close_reason"] == "" || fields["close_outcome"] == "" {
			t.Fatalf("bad close: %v", fields)
		}
		err = s.CloseCoordination(cm, fam.ID, regie.CloseInput{Reason: "Blijvende hulp nodig", Outcome: regie.CloseOnward})
		if fields := regie.ErrorFields(err); fields["onward_org"] == "" || fields["onward_reason"] == "" {
			t.Fatalf("onward without organisation: %v", fields)
		}
		err = s.CloseCoordination(cm, fam.ID, regie.CloseInput{Reason: "Verhuisd naar Zwolle", Outcome: regie.CloseMoved, OnwardOrgID: f.Partner.ID})
		if regie.ErrorFields(err)["onward_org"] == "" {
			t.Fatalf("an onward referral with another outcome: %v", err)
		}
		if err := s.CloseCoordination(storetest.As(f.YouthWorker), fam.ID, regie.CloseInput{Reason: "x", Outcome: regie.CloseOther}); code(err) != regie.ENOTFOUND {
			t.Fatalf("youth worker closes: %v", err)
		}
		if err := s.CloseCoordination(cm, fam.ID, regie.CloseInput{Reason: "Na 20 maanden nog steeds veel hulp nodig.", Outcome: regie.CloseOnward,
			OnwardOrgID: f.Partner.ID, OnwardReason: "Blijvende ondersteuning bij de opvoeding."}); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindFamilyByID(cm, fam.ID)
		if code(err) != regie.ENOTFOUND {
			// The casemanager's assignment ended with the file.
			t.Fatalf("casemanager after closing: %v, %v", got, err)
		}
		lead := storetest.As(f.TeamLeader)
		got, err = s.FindFamilyByID(lead, fam.ID)
		if err != nil || !got.Closed() || got.CloseReason != "Na 20 maanden nog steeds veel hulp nodig." {
			t.Fatalf("closed family: %+v, %v", got, err)
		}
		c, err := s.FindCoordination(lead, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Closings) != 1 || c.Closings[0].Outcome != regie.CloseOnward || c.Closings[0].OnwardOrgName != f.Partner.Name || c.CanEdit {
			t.Fatalf("closings = %+v, can edit %v", c.Closings, c.CanEdit)
		}
		last := c.History[len(c.History)-1]
		if last.Kind != "gesloten" || !strings.Contains(last.Text, "doorverwezen naar "+f.Partner.Name) {
			t.Fatalf("history ends with %+v", last)
		}
		// Countable: the outcome is a column of its own.
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM family_closings WHERE outcome = $1`, string(regie.CloseOnward)).Scan(&n); err != nil || n != 1 {
			t.Fatalf("closings counted: %d, %v", n, err)
		}
		if err := s.CloseCoordination(lead, fam.ID, regie.CloseInput{Reason: "x", Outcome: regie.CloseOther}); code(err) != regie.ENOTFOUND {
			t.Fatalf("closing a closed file: %v", err)
		}
	})
}

func TestReferrer_SeesTheEndOfTheIntensivePhaseNotItsContent(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		referrer, lead := storetest.As(f.Referrer), storetest.As(f.TeamLeader)
		ref, err := s.CreateReferral(referrer, referralInput(f, "Gezin Benali"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeAccept}); err != nil {
			t.Fatal(err)
		}
		ref, err = s.FindReferralByID(referrer, ref.ID)
		if err != nil {
			t.Fatal(err)
		}
		famID := ref.FamilyID
		if !ref.Can.Journey || ref.Journey == nil || !ref.Journey.IntensiveEndedOn.IsZero() || !ref.Journey.HandedOverOn.IsZero() {
			t.Fatalf("journey before: %+v, %+v", ref.Can, ref.Journey)
		}
		if err := s.AssignFamily(lead, famID, regie.AssignInput{CoordinatorID: f.Casemanager.ID}); err != nil {
			t.Fatal(err)
		}
		cm := storetest.As(f.Casemanager)
		if _, err := s.AddHandover(cm, famID, regie.HandoverInput{OrgID: f.Partner.ID, ContactPerson: "Meester Jan", On: regie.DateOf(clock.Now()).ISO(),
			Goals: "Geheime afspraak over de schulden", Tasks: "Geheime taakverdeling"}); err != nil {
			t.Fatal(err)
		}
		if err := s.ConfirmCommitment(cm, famID, regie.CommitmentInput{ConfirmedBy: f.Referrer.Name, On: regie.DateOf(clock.Now()).ISO()}); err != nil {
			t.Fatal(err)
		}
		hs, _ := s.FindHandovers(cm, famID)
		if hs.Intake == nil || hs.Intake.ReferralID != ref.ID {
			t.Fatalf("the intake: %+v", hs.Intake)
		}
		handedOver := regie.DateOf(clock.Now())
		toPhase5(t, s, clock, f, famID)

		ref, err = s.FindReferralByID(referrer, ref.ID)
		if err != nil {
			t.Fatal(err)
		}
		j := ref.Journey
		if j.IntensiveEndedOn != regie.DateOf(clock.Now()) || j.HandedOverOn != handedOver || j.CommitmentOn != handedOver || !j.ClosedOn.IsZero() {
			t.Fatalf("journey = %+v", j)
		}
		// The referrer still cannot open the family, nor the handover.
		if ref.Can.OpenFamily {
			t.Fatal("referrer may open the family")
		}
		if _, err := s.FindHandovers(referrer, famID); code(err) != regie.ENOTFOUND {
			t.Fatalf("referrer reads the handover: %v", err)
		}
		// The read is audited with what the referrer was told: days only.
		var detail string
		entries, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{ReferralID: &ref.ID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Segment == regie.SegReferral && e.Action == regie.ActionRead && e.UserID == f.Referrer.ID && detail == "" {
				detail = e.Detail
			}
		}
		if !strings.Contains(detail, "einde intensieve fase "+j.IntensiveEndedOn.ISO()) || !strings.Contains(detail, "overdracht "+handedOver.ISO()) ||
			strings.Contains(detail, "Geheime") {
			t.Fatalf("audit detail %q", detail)
		}
	})
}
