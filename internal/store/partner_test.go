package store_test

import (
	"context"
	"strings"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// partnerPlan agrees a plan for fam with two agreements of the fixture's
// partner organisation (one on "kinderen", one on "financien"), one of
// another organisation on "kinderen", and one of the partner without a
// life domain.
func partnerPlan(t *testing.T, s *store.Store, f *storetest.Fixture, fam *regie.Family, other *regie.Organisation) {
	t.Helper()
	cm := storetest.As(f.Casemanager)
	if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
		t.Fatal(err)
	}
	in := planInput(f)
	in.Goals = nil
	in.Agreements = []regie.AgreementInput{
		{Owner: "o:" + itoa(f.Partner.ID), Domain: "kinderen", What: "Gesprek met Kevin over verzuim.", Due: "2026-03-20"},
		{Owner: "o:" + itoa(f.Partner.ID), Domain: "financien", What: "Schoolkosten regelen.", Due: "2026-03-25"},
		{Owner: "o:" + itoa(other.ID), Domain: "kinderen", What: "Huiswerkbegeleiding.", Due: "2026-03-25"},
		{Owner: "o:" + itoa(f.Partner.ID), What: "Zonder leefgebied.", Due: "2026-03-25"},
	}
	if err := s.SavePlanDraft(cm, fam.ID, 1, in); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkPlanDiscussed(storetest.As(f.TeamLeader), fam.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.AgreePlan(cm, fam.ID, 1, regie.PlanAgreement{On: "2026-03-02", With: "Sandra Jansen"}); err != nil {
		t.Fatal(err)
	}
}

// partnerMeeting records a network meeting the organisations attended,
// with an agreement owned by each (chosen as its owner in the form).
func partnerMeeting(t *testing.T, s *store.Store, f *storetest.Fixture, fam *regie.Family, orgs ...*regie.Organisation) *regie.NetworkMeeting {
	t.Helper()
	in := regie.NetworkMeetingInput{HeldOn: "2026-03-02", Members: []int64{fam.Members[0].ID}, Notes: "Moeder was open over de schulden."}
	for _, o := range orgs {
		in.Professionals = append(in.Professionals, regie.NetworkAttendeeInput{Name: "Iemand van " + o.Name, OrgID: o.ID})
		in.Agreements = append(in.Agreements, regie.NetworkAgreementInput{OwnerChoice: "o:" + itoa(o.ID), What: "Afspraak van " + o.Name,
			Due: "2026-04-01"})
	}
	m, err := s.AddNetworkMeeting(storetest.As(f.Casemanager), fam.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range m.Agreements {
		if a.OwnerOrgID != orgs[i].ID {
			t.Fatalf("agreement %d owned by %d, want %d", a.ID, a.OwnerOrgID, orgs[i].ID)
		}
	}
	return m
}

func partnerConsent(t *testing.T, s *store.Store, f *storetest.Fixture, fam *regie.Family, signed, until string, org int64, kinds ...regie.InfoKind) *regie.Consent {
	t.Helper()
	c, err := s.CreateConsent(leadOf(f, fam), fam.ID, regie.ConsentInput{SignedOn: signed, ValidUntil: until,
		Signers: []int64{fam.Members[0].ID}, Parties: []regie.ConsentParty{{OrgID: org, Purpose: "Afstemming", Kinds: kinds}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// leadOf is the team leader of the family's team.
func leadOf(f *storetest.Fixture, fam *regie.Family) context.Context {
	if fam.TeamID == f.TeamB.ID {
		return storetest.As(f.TeamLeaderB)
	}
	return storetest.As(f.TeamLeader)
}

// partnerLog returns the family's access log rows of the partner.
func partnerLog(t *testing.T, s *store.Store, f *storetest.Fixture, familyID int64) []*regie.AuditEntry {
	t.Helper()
	log, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &familyID, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []*regie.AuditEntry
	for _, e := range log {
		if e.UserID == f.Partner1.ID {
			out = append(out, e)
		}
	}
	return out
}

// TestPartner_FamilyList: the list holds exactly the families whose
// consent, valid today, names the partner's organisation — not one whose
// consent expired, was withdrawn, names another organisation or is signed
// from tomorrow; it names a family only when the household is shared,
// with the coordinator's phone, the last valid day, the open agreements
// the consent shows and the open reports; each family listed has a read
// row in its own log with the consent it was listed under.
func TestPartner_FamilyList(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		partner := storetest.As(f.Partner1)
		findList := func(ctx context.Context, filter regie.PartnerFilter) ([]*regie.PartnerFamily, error) {
			page, err := s.FindPartnerFamilies(ctx, filter)
			if err != nil {
				return nil, err
			}
			return page.List, nil
		}
		other, err := s.CreateOrganisation(storetest.System(), "Buurtteam Overvecht", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec(`UPDATE users SET phone = '030 123 45 67' WHERE id = $1`, f.Casemanager.ID); err != nil {
			t.Fatal(err)
		}
		if list, err := findList(partner, regie.PartnerFilter{}); err != nil || len(list) != 0 {
			t.Fatalf("without consents: %v, %v", list, err)
		}
		if _, err := findList(storetest.As(f.Casemanager), regie.PartnerFilter{}); regie.ErrorCode(err) != regie.EFORBIDDEN {
			t.Fatalf("a casemanager: %v", err)
		}
		// Today is 2026-03-02.
		partnerPlan(t, s, f, f.FamAssigned, other)
		valid := partnerConsent(t, s, f, f.FamAssigned, "2026-03-02", "2026-06-30", f.Partner.ID,
			regie.InfoFamily, regie.InfoPlan, regie.DomainKind("kinderen"))
		partnerConsent(t, s, f, f.FamTeam, "2026-01-01", "2026-03-01", f.Partner.ID, regie.InfoFamily) // expired yesterday
		// Signed tomorrow: the form refuses a day to come, so it is set directly.
		future := partnerConsent(t, s, f, f.FamTeam, "2026-03-02", "", f.Partner.ID, regie.InfoFamily)
		if _, err := s.DB().Exec(`UPDATE consents SET signed_on = $1 WHERE id = $2`, "2026-03-03", future.ID); err != nil {
			t.Fatal(err)
		}
		partnerConsent(t, s, f, f.FamTeam, "2026-03-01", "", other.ID, regie.InfoFamily)                   // another organisation
		withdrawn := partnerConsent(t, s, f, f.FamOther, "2026-02-01", "", f.Partner.ID, regie.InfoFamily) // withdrawn today
		if err := s.WithdrawConsent(leadOf(f, f.FamOther), f.FamOther.ID, withdrawn.ID, "2026-03-02", "Wil het niet meer."); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReportStagnation(partner, f.FamAssigned.ID, regie.StagnationInput{Reason: "Kevin komt niet."}); err != nil {
			t.Fatal(err)
		}

		list, err := findList(partner, regie.PartnerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != f.FamAssigned.ID {
			t.Fatalf("list = %+v, want only %d", list, f.FamAssigned.ID)
		}
		got := list[0]
		if got.Name() != f.FamAssigned.HouseholdName || got.Coordinator != f.Casemanager.Name || got.CoordinatorPhone != "030 123 45 67" ||
			got.ValidUntil.ISO() != "2026-06-30" || !got.FamilyPage || got.OpenStagnations != 1 {
			t.Errorf("row = %+v", got)
		}
		// Kevin's conversation only: the other domain, the other
		// organisation's and the one without a domain are not shown.
		if got.OpenAgreements != 1 {
			t.Errorf("open agreements = %d, want 1", got.OpenAgreements)
		}
		rows := partnerLog(t, s, f, f.FamAssigned.ID)
		var listed bool
		for _, e := range rows {
			if e.Segment == regie.SegFamilyList && e.Outcome == regie.OutcomeOK && e.Basis == "toestemmingsverklaring "+itoa(valid.ID) {
				listed = true
			}
		}
		if !listed {
			t.Errorf("no list row under consent %d in the family's log: %+v", valid.ID, rows)
		}
		for _, fam := range []*regie.Family{f.FamTeam, f.FamOther} {
			for _, e := range partnerLog(t, s, f, fam.ID) {
				if e.Segment == regie.SegFamilyList {
					t.Errorf("family %d not listed but logged as listed: %+v", fam.ID, e)
				}
			}
		}

		// Without the household: the dossier number, no family page.
		partnerConsent(t, s, f, f.FamTeam, "2026-03-01", "", f.Partner.ID, regie.InfoNetwork)
		list, err = findList(partner, regie.PartnerFilter{})
		if err != nil || len(list) != 2 {
			t.Fatalf("two families: %v, %v", list, err)
		}
		for _, pf := range list {
			if pf.ID == f.FamTeam.ID && (pf.HouseholdName != "" || pf.Name() != regie.DossierNumber(f.FamTeam.ID) || pf.FamilyPage ||
				!pf.ValidUntil.IsZero()) {
				t.Errorf("network only: %+v", pf)
			}
		}

		// A page of one, and a search: by the household's name only where
		// it is shared, or by the dossier number; the log names only the
		// family shown.
		before := partnerListRows(t, s, f, f.FamTeam.ID)
		page, err := s.FindPartnerFamilies(partner, regie.PartnerFilter{Limit: 1, Offset: 1})
		if err != nil || page.Total != 2 || len(page.List) != 1 || page.List[0].ID != f.FamTeam.ID {
			t.Fatalf("second page of one: %+v, %v", page, err)
		}
		if after := partnerListRows(t, s, f, f.FamTeam.ID); after != before+1 {
			t.Errorf("the family on the page: %d list rows in its log, want %d", after, before+1)
		}
		before = partnerListRows(t, s, f, f.FamTeam.ID)
		if page, err = s.FindPartnerFamilies(partner, regie.PartnerFilter{Limit: 1}); err != nil || len(page.List) != 1 ||
			page.List[0].ID != f.FamAssigned.ID {
			t.Fatalf("first page of one: %+v, %v", page, err)
		}
		if after := partnerListRows(t, s, f, f.FamTeam.ID); after != before {
			t.Errorf("a family not on the page is logged as listed")
		}
		for q, want := range map[string]int64{
			strings.ToLower(f.FamAssigned.HouseholdName): f.FamAssigned.ID,
			regie.DossierNumber(f.FamTeam.ID):            f.FamTeam.ID,
			strings.ToLower(f.FamTeam.HouseholdName):     0, // not shared: never searched
		} {
			page, err := s.FindPartnerFamilies(partner, regie.PartnerFilter{Query: q})
			if err != nil || (want == 0) != (page.Total == 0) || want != 0 && page.List[0].ID != want {
				t.Errorf("search %q: %+v, %v", q, page, err)
			}
		}

		// The consent ends: the family leaves the list the day after.
		clock.Set(storetest.Start.AddDate(0, 4, 0)) // 2026-07-02
		list, err = findList(partner, regie.PartnerFilter{})
		if err != nil || len(list) != 1 || list[0].ID != f.FamTeam.ID {
			t.Fatalf("after 2026-06-30: %+v, %v", list, err)
		}
	})
}

// TestPartner_AgreementProgress: a partner records progress on its own
// plan agreement (the coordinator's plan shows it) and on its own network
// agreement (the coordination shows the newest status); another
// organisation's agreement, one on a life domain the consent does not
// share and one without a domain are not there for the partner (ENOTFOUND,
// logged as refused); a bad status is a field error; all under the
// consent's basis.
func TestPartner_AgreementProgress(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, partner := storetest.As(f.Casemanager), storetest.As(f.Partner1)
		fam := f.FamAssigned
		other, err := s.CreateOrganisation(storetest.System(), "Buurtteam Overvecht", false)
		if err != nil {
			t.Fatal(err)
		}
		partnerPlan(t, s, f, fam, other)
		m := partnerMeeting(t, s, f, fam, f.Partner, other)
		if _, err := s.FindPartnerWork(partner, fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Fatalf("without consent: %v", err)
		}
		c := partnerConsent(t, s, f, fam, "2026-03-02", "", f.Partner.ID, regie.InfoPlan, regie.DomainKind("kinderen"), regie.InfoNetwork)
		basis := "toestemmingsverklaring " + itoa(c.ID)

		w, err := s.FindPartnerWork(partner, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, a := range w.Agreements {
			refs = append(refs, a.What)
		}
		if strings.Join(refs, "|") != "Gesprek met Kevin over verzuim.|Afspraak van "+f.Partner.Name {
			t.Errorf("own agreements = %q", refs)
		}
		if w.HouseholdName != "" || w.Name() != fam.DossierNumber() || w.FamilyPage || !w.Network || !w.CanProgress || !w.CanReport ||
			w.Coordinator == nil || w.Coordinator.UserName != f.Casemanager.Name {
			t.Errorf("work = %+v", w)
		}
		if _, err := s.FindPartnerWork(cm, fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("the casemanager opens a partner's page: %v", err)
		}

		// Progress on the own plan agreement and the own network one.
		planRef, netRef := w.Agreements[0].Ref(), w.Agreements[1].Ref()
		if err := s.RecordAgreementProgress(partner, fam.ID, regie.AgreementProgressInput{Agreement: planRef, Status: "loopt",
			Note: "Eerste gesprek gehad."}); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAgreementProgress(partner, fam.ID, regie.AgreementProgressInput{Agreement: netRef, Status: "gedaan",
			Note: "Afgerond."}); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAgreementProgress(partner, fam.ID, regie.AgreementProgressInput{Agreement: planRef, Status: "misschien"}); regie.ErrorFields(err)["status"] == "" {
			t.Errorf("bad status: %v", err)
		}
		w, err = s.FindPartnerWork(partner, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a := w.Agreements[0]; a.Status != regie.AgreementRunning || a.Note != "Eerste gesprek gehad." || a.StatusBy != f.Partner1.Name {
			t.Errorf("plan agreement after progress: %+v", a)
		}
		if a := w.Agreements[1]; a.Status != regie.AgreementDone || a.Note != "Afgerond." || a.StatusOn.ISO() != "2026-03-02" {
			t.Errorf("network agreement after progress: %+v", a)
		}
		plan, err := s.FindPlan(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a := plan.Agreed.Agreements[0]; a.Status != regie.AgreementRunning || a.StatusBy != f.Partner1.Name || a.StatusNote != "Eerste gesprek gehad." {
			t.Errorf("the coordinator's plan: %+v", a)
		}
		co, err := s.FindCoordination(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range co.Meetings[0].Agreements {
			if a.OwnerOrgID == f.Partner.ID && (a.Status != regie.AgreementDone || a.Note != "Afgerond.") {
				t.Errorf("the coordination's newest status: %+v", a)
			}
		}
		for _, a := range co.Open {
			if a.OwnerOrgID == f.Partner.ID {
				t.Errorf("a done agreement is still open: %+v", a)
			}
		}
		// Wie kan wat zien lists both, with their notes.
		pv, err := s.FindPartnerView(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		notes := map[bool]string{}
		for _, p := range pv.Progress {
			if p.OrgName != f.Partner.Name || p.ByName != f.Partner1.Name {
				t.Errorf("progress by %s of %s", p.ByName, p.OrgName)
			}
			notes[p.Network] = p.Note
		}
		if len(pv.Progress) != 2 || notes[true] != "Afgerond." || notes[false] != "Eerste gesprek gehad." {
			t.Errorf("partners' progress on wie kan wat zien: %d, notes %v", len(pv.Progress), notes)
		}

		// Not the partner's: another organisation's, another domain, no
		// domain, a made-up one.
		var otherPlanKey, financeKey, noDomainKey string
		for _, a := range plan.Agreed.Agreements {
			switch a.What {
			case "Huiswerkbegeleiding.":
				otherPlanKey = a.Key
			case "Schoolkosten regelen.":
				financeKey = a.Key
			case "Zonder leefgebied.":
				noDomainKey = a.Key
			}
		}
		var otherNet int64
		for _, a := range m.Agreements {
			if a.Owner == other.Name {
				otherNet = a.ID
			}
		}
		for _, ref := range []string{"plan:" + otherPlanKey, "plan:" + financeKey, "plan:" + noDomainKey, "netwerk:" + itoa(otherNet),
			"netwerk:999999", "plan:", "iets:1"} {
			err := s.RecordAgreementProgress(partner, fam.ID, regie.AgreementProgressInput{Agreement: ref, Status: "gedaan"})
			if regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Errorf("%s: %v, want ENOTFOUND", ref, err)
			}
		}
		// The coordinator has no organisation's work here.
		if err := s.RecordAgreementProgress(cm, fam.ID, regie.AgreementProgressInput{Agreement: planRef, Status: "gedaan"}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("the casemanager: %v", err)
		}

		var updated, read, refused int
		for _, e := range partnerLog(t, s, f, fam.ID) {
			if e.Segment != regie.SegAgreements {
				continue
			}
			switch {
			case e.Outcome == regie.OutcomeDenied:
				refused++
			case e.Basis != basis:
				t.Errorf("row without the consent's basis: %+v", e)
			case e.Action == regie.ActionUpdate:
				updated++
			case e.Action == regie.ActionRead:
				read++
			}
		}
		if updated != 2 || read != 2 || refused < 7 {
			t.Errorf("access log: %d updates, %d reads, %d refused", updated, read, refused)
		}

		// Withdrawn: nothing left.
		if err := s.WithdrawConsent(storetest.As(f.TeamLeader), fam.ID, c.ID, "2026-03-02", "Wil het niet meer."); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindPartnerWork(partner, fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("after withdrawal: %v", err)
		}
		if err := s.RecordAgreementProgress(partner, fam.ID, regie.AgreementProgressInput{Agreement: planRef, Status: "gedaan"}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("progress after withdrawal: %v", err)
		}

		// A closed file, under a new consent: the partner still reads its
		// work there, and records nothing more.
		partnerConsent(t, s, f, fam, "2026-03-02", "", f.Partner.ID, regie.InfoPlan, regie.DomainKind("kinderen"))
		if err := s.CloseFamily(storetest.As(f.TeamLeader), fam.ID, "Afgerond"); err != nil {
			t.Fatal(err)
		}
		if w, err := s.FindPartnerWork(partner, fam.ID); err != nil || w.CanProgress || w.CanReport || !w.Closed {
			t.Errorf("closed file: %+v, %v", w, err)
		}
		if err := s.RecordAgreementProgress(partner, fam.ID, regie.AgreementProgressInput{Agreement: planRef, Status: "gedaan"}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("progress on a closed file: %v", err)
		}
		if _, err := s.ReportStagnation(partner, fam.ID, regie.StagnationInput{Reason: "Te laat."}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("stagnation on a closed file: %v", err)
		}
	})
}

// TestPartner_NetworkMeetings: under InfoNetwork a partner sees only the
// meetings its organisation attended, and in them the organisations
// present, the members only when shared, its own agreements; never the
// other organisations' agreements, the notes nor the history.
func TestPartner_NetworkMeetings(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		partner := storetest.As(f.Partner1)
		fam := f.FamAssigned
		other, err := s.CreateOrganisation(storetest.System(), "Buurtteam Overvecht", false)
		if err != nil {
			t.Fatal(err)
		}
		both := partnerMeeting(t, s, f, fam, f.Partner, other)
		without := partnerMeeting(t, s, f, fam, other)
		partnerConsent(t, s, f, fam, "2026-03-02", "", f.Partner.ID, regie.InfoFamily, regie.InfoNetwork)

		co, err := s.FindCoordination(partner, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(co.Meetings) != 1 || co.Meetings[0].ID != both.ID {
			t.Fatalf("meetings = %+v, want only %d", co.Meetings, both.ID)
		}
		m := co.Meetings[0]
		if m.Notes != "" || len(m.Agreements) != 1 || m.Agreements[0].OwnerOrgID != f.Partner.ID || co.History != nil || co.Agencies != nil ||
			!co.Disclosure.Partial() {
			t.Errorf("meeting = %+v, coordination = %+v", m, co)
		}
		for _, a := range m.Attendees {
			if a.Kind != regie.AttendeeOrganisation || a.Name != "" {
				t.Errorf("attendee shown: %+v", a)
			}
		}
		if m.AttendeesWithheld != 1 {
			t.Errorf("withheld = %d, want the member", m.AttendeesWithheld)
		}
		for _, a := range co.Open {
			if a.OwnerOrgID != f.Partner.ID {
				t.Errorf("another organisation's open agreement: %+v", a)
			}
		}
		if _, err := s.FindNetworkMeeting(partner, fam.ID, without.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("a meeting without the organisation: %v", err)
		}
		refused := false
		for _, e := range partnerLog(t, s, f, fam.ID) {
			refused = refused || (e.Segment == regie.SegNetwork && e.Outcome == regie.OutcomeDenied)
		}
		if !refused {
			t.Errorf("the attempt to open a meeting without the organisation is not in the access log")
		}
		one, err := s.FindNetworkMeeting(partner, fam.ID, both.ID)
		if err != nil || len(one.Agreements) != 1 || one.Notes != "" {
			t.Errorf("one meeting: %+v, %v", one, err)
		}
		// The members, when shared.
		partnerConsent(t, s, f, fam, "2026-03-02", "", f.Partner.ID, regie.InfoMembers)
		one, err = s.FindNetworkMeeting(partner, fam.ID, both.ID)
		if err != nil || one.AttendeesWithheld != 0 {
			t.Errorf("with members: %+v, %v", one, err)
		}
		// The team sees it all.
		co, err = s.FindCoordination(storetest.As(f.Casemanager), fam.ID)
		if err != nil || len(co.Meetings) != 2 || co.Meetings[0].Notes == "" {
			t.Errorf("the coordinator: %+v, %v", co, err)
		}
	})
}

// partnerListRows counts the partner list's rows in a family's access log.
func partnerListRows(t *testing.T, s *store.Store, f *storetest.Fixture, familyID int64) int {
	t.Helper()
	rows, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &familyID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range rows {
		if e.Segment == regie.SegFamilyList && e.Outcome == regie.OutcomeOK {
			n++
		}
	}
	return n
}
