package store_test

import (
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// hasAlert reports whether the list holds an alert of the kind.
func hasAlert(ss []regie.Signal, kind regie.SignalKind) bool {
	for _, s := range ss {
		if s.Kind == kind && s.Alert {
			return true
		}
	}
	return false
}

// stagnationWork returns the werkbak's items that ask to pick a report up.
func stagnationWork(t *testing.T, s *store.Store, u *regie.User) []*regie.WorkItem {
	t.Helper()
	wl, err := s.FindWorklist(storetest.As(u))
	if err != nil {
		t.Fatalf("werkbak of %s: %v", u.Name, err)
	}
	var out []*regie.WorkItem
	for _, it := range wl.Items {
		if it.Kind == regie.WorkStagnation {
			out = append(out, it)
		}
	}
	return out
}

// TestStagnation_SignalWerkbakAndPickUp: a partner's report is an alert on
// the family page and in "Mijn gezinnen" of the coordinator, an item on
// the werkbak of the coordinator and the duo partner (due the day it was
// made, late from the next day) and of no one else; the partner does not
// see the signal. Only the coordinator's side picks it up, with a note;
// then it is gone from the werkbak and the signals, and a second pick-up
// is a conflict. Each step is in the access log.
func TestStagnation_SignalWerkbakAndPickUp(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, lead, partner := storetest.As(f.Casemanager), storetest.As(f.TeamLeader), storetest.As(f.Partner1)
		fam := f.FamAssigned
		if err := s.AssignFamily(lead, fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID, DuoID: f.Casemanager2.ID, Confirmed: true}); err != nil {
			t.Fatal(err)
		}
		if err := s.AssignYouthWorker(lead, fam.ID, fam.Members[1].ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateConsent(cm, fam.ID, consentInput(f, regie.InfoFamily)); err != nil {
			t.Fatal(err)
		}
		r, err := s.ReportStagnation(partner, fam.ID, regie.StagnationInput{Reason: "Moeder komt niet meer naar de afspraken."})
		if err != nil {
			t.Fatal(err)
		}

		// The werkbak: the coordinator and the duo partner, due today.
		for _, u := range []*regie.User{f.Casemanager, f.Casemanager2} {
			items := stagnationWork(t, s, u)
			if len(items) != 1 {
				t.Fatalf("werkbak of %s: %d stagnation items, want 1", u.Name, len(items))
			}
			it := items[0]
			if it.FamilyID != fam.ID || it.Urgency != regie.UrgencyToday || !it.Alert || !strings.Contains(it.What, f.Partner.Name) ||
				!strings.Contains(it.What, "Moeder komt niet meer") || it.Link != regie.WorkLink(regie.WorkStagnation, fam.ID) {
				t.Errorf("werkbak item of %s: %+v", u.Name, it)
			}
		}
		if items := stagnationWork(t, s, f.YouthWorker); len(items) != 0 {
			t.Errorf("the youth worker's werkbak lists the report: %+v", items[0])
		}
		if items := stagnationWork(t, s, f.CasemanagerB); len(items) != 0 {
			t.Errorf("another team's casemanager's werkbak lists the report")
		}

		// The signal on the family page and in the own list.
		got, err := s.FindFamilyByID(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !hasAlert(got.Summary.Signals, regie.SignalStagnation) {
			t.Errorf("family page signals: %+v", got.Summary.Signals)
		}
		list, _, err := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || !hasAlert(list[0].Signals, regie.SignalStagnation) || list[0].Facts.OpenStagnations != 1 {
			t.Errorf("Mijn gezinnen: %+v", list)
		}
		if pf, err := s.FindFamilyByID(partner, fam.ID); err != nil {
			t.Fatal(err)
		} else if pf.Summary != nil && hasAlert(pf.Summary.Signals, regie.SignalStagnation) {
			t.Error("the partner sees the team's signal")
		}

		// The next day, not picked up: late.
		clock.Advance(24 * time.Hour)
		if items := stagnationWork(t, s, f.Casemanager); len(items) != 1 || items[0].Urgency != regie.UrgencyOverdue {
			t.Fatalf("a day later: %+v", items)
		}

		// Who picks it up.
		note := regie.StagnationHandling{Note: "Huisbezoek gepland; moeder gebeld."}
		if err := s.HandleStagnation(storetest.As(f.YouthWorker), fam.ID, r.ID, note); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("youth worker picks up: %v", err)
		}
		if err := s.HandleStagnation(partner, fam.ID, r.ID, note); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("partner picks up: %v", err)
		}
		if err := s.HandleStagnation(storetest.As(f.CasemanagerB), fam.ID, r.ID, note); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("another team's casemanager picks up: %v", err)
		}
		if err := s.HandleStagnation(cm, fam.ID, r.ID, regie.StagnationHandling{Note: " "}); regie.ErrorFields(err)["note"] == "" {
			t.Errorf("blank note: %v", err)
		}
		if err := s.HandleStagnation(cm, f.FamTeam.ID, r.ID, note); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("the report through another family: %v", err)
		}
		if err := s.HandleStagnation(cm, fam.ID, r.ID, note); err != nil {
			t.Fatal(err)
		}
		if err := s.HandleStagnation(storetest.As(f.Casemanager2), fam.ID, r.ID, note); regie.ErrorCode(err) != regie.ECONFLICT {
			t.Errorf("picked up twice: %v", err)
		}
		reports, err := s.FindStagnations(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h := reports[0]; h.Open() || h.HandledByName != f.Casemanager.Name || h.HandledNote != note.Note ||
			h.HandledOn != regie.DateOf(clock.Now()) {
			t.Errorf("picked up: %+v", h)
		}
		for _, u := range []*regie.User{f.Casemanager, f.Casemanager2} {
			if items := stagnationWork(t, s, u); len(items) != 0 {
				t.Errorf("werkbak of %s after the pick-up: %+v", u.Name, items[0])
			}
		}
		if got, err = s.FindFamilyByID(cm, fam.ID); err != nil {
			t.Fatal(err)
		} else if hasAlert(got.Summary.Signals, regie.SignalStagnation) {
			t.Error("the signal stays after the pick-up")
		}

		log, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var handled, refused int
		for _, e := range log {
			if e.Segment == regie.SegStagnation && e.Action == regie.ActionUpdate {
				switch e.Outcome {
				case regie.OutcomeOK:
					handled++
				case regie.OutcomeDenied:
					refused++
				}
			}
		}
		if handled != 1 || refused != 3 {
			t.Errorf("access log: %d picked up, %d refused; want 1 and 3", handled, refused)
		}
	})
}

// TestStagnation_TeamAgenda: the agenda lists the reports of the team's
// families not yet discussed — not another team's — picked up or not; the
// team leader alone records "besproken", as a decision of this week's
// meeting on its day; then the agenda no longer lists it. The agenda's
// read is in the family's log.
func TestStagnation_TeamAgenda(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, lead, partner := storetest.As(f.Casemanager), storetest.As(f.TeamLeader), storetest.As(f.Partner1)
		fam, other := f.FamAssigned, f.FamOther
		if _, err := s.CreateConsent(cm, fam.ID, consentInput(f, regie.InfoFamily)); err != nil {
			t.Fatal(err)
		}
		otherConsent := consentInput(f, regie.InfoFamily)
		otherConsent.Signers = []int64{other.Members[0].ID}
		if _, err := s.CreateConsent(storetest.As(f.CasemanagerB), other.ID, otherConsent); err != nil {
			t.Fatal(err)
		}
		r, err := s.ReportStagnation(partner, fam.ID, regie.StagnationInput{Reason: "Kevin is al twee weken niet op school."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReportStagnation(partner, other.ID, regie.StagnationInput{Reason: "Geen reactie."}); err != nil {
			t.Fatal(err)
		}
		// Wednesday: picked up, still to discuss.
		clock.Set(time.Date(2026, 3, 4, 10, 0, 0, 0, regie.Amsterdam))
		if err := s.HandleStagnation(cm, fam.ID, r.ID, regie.StagnationHandling{Note: "Met school gebeld."}); err != nil {
			t.Fatal(err)
		}
		day := regie.NextMeetingDay(regie.DateOf(clock.Now())).ISO()
		ag, err := s.FindAgenda(lead, day, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(ag.Stagnations) != 1 {
			t.Fatalf("agenda of team A: %d reports, want 1", len(ag.Stagnations))
		}
		if a := ag.Stagnations[0]; a.ID != r.ID || a.FamilyName != fam.HouseholdName || a.OrgName != f.Partner.Name ||
			a.ReportedOn != regie.NewDate(2026, 3, 2) || a.Reason != "Kevin is al twee weken niet op school." ||
			a.HandledByName != f.Casemanager.Name || !ag.CanDecide {
			t.Errorf("agenda item: %+v (can decide %v)", a, ag.CanDecide)
		}
		agB, err := s.FindAgenda(storetest.As(f.TeamLeaderB), day, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(agB.Stagnations) != 1 || agB.Stagnations[0].FamilyID != other.ID {
			t.Errorf("agenda of team B: %+v", agB.Stagnations)
		}
		if agCM, err := s.FindAgenda(cm, day, false); err != nil || len(agCM.Stagnations) != 1 || agCM.CanDecide {
			t.Errorf("the casemanager's agenda: %v", err)
		}

		if err := s.MarkStagnationDiscussed(cm, fam.ID, r.ID); regie.ErrorCode(err) != regie.EFORBIDDEN {
			t.Errorf("casemanager marks discussed: %v", err)
		}
		if err := s.MarkStagnationDiscussed(storetest.As(f.TeamLeaderB), fam.ID, r.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("another team's leader marks discussed: %v", err)
		}
		if err := s.MarkStagnationDiscussed(lead, fam.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkStagnationDiscussed(lead, fam.ID, r.ID); regie.ErrorCode(err) != regie.ECONFLICT {
			t.Errorf("discussed twice: %v", err)
		}
		reports, err := s.FindStagnations(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		monday := regie.NewDate(2026, 3, 2)
		if d := reports[0]; d.DiscussedOn != monday || d.DiscussedByName != f.TeamLeader.Name {
			t.Errorf("discussed: %+v", d)
		}
		this, err := s.FindAgenda(lead, monday.ISO(), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(this.Stagnations) != 0 {
			t.Errorf("the agenda still lists the discussed report")
		}
		var decided bool
		for _, d := range this.Decisions {
			if d.FamilyID == fam.ID && d.LinkedKind == regie.LinkStagnation && d.LinkedID == r.ID && strings.Contains(d.Text, f.Partner.Name) {
				decided = true
			}
		}
		if !decided {
			t.Errorf("no decision in the minutes of %s: %+v", monday.Dutch(), this.Decisions)
		}

		log, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var agenda, discussed bool
		for _, e := range log {
			if e.Segment == regie.SegMeeting && e.Action == regie.ActionRead && e.UserID == f.TeamLeader.ID {
				agenda = true
			}
			if e.Segment == regie.SegStagnation && e.Action == regie.ActionUpdate && e.Outcome == regie.OutcomeOK &&
				strings.Contains(e.Detail, "besproken") {
				discussed = true
			}
		}
		if !agenda || !discussed {
			t.Errorf("access log: agenda read %v, discussed %v", agenda, discussed)
		}
	})
}

// TestPartnerView: "wie kan wat zien" from valid, expired and withdrawn
// consents, two of them naming one organisation (the union of what they
// cover, until the latest or until withdrawn), the organisation's partner
// accounts, and what partners recorded; read by the coordinator's side
// only, audited as a read of the consents.
func TestPartnerView(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, partner, sys := storetest.As(f.Casemanager), storetest.As(f.Partner1), storetest.System()
		fam := f.FamAssigned
		ggz, err := s.CreateOrganisation(sys, "GGZ Centraal", false)
		if err != nil {
			t.Fatal(err)
		}
		kredietbank, err := s.CreateOrganisation(sys, "Kredietbank", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(sys, regie.NewUser{Email: "p2@test.nl", Name: "Aart Aalbers", Role: regie.RolePartner,
			OrganisationID: f.Partner.ID, Password: "wachtwoord-voor-test"}, storetest.PasswordHash); err != nil {
			t.Fatal(err)
		}
		school := consentInput(f, regie.InfoFamily, regie.DomainKind("kinderen"))
		open := consentInput(f, regie.InfoContacts, regie.DomainKind("financien"))
		open.ValidUntil = ""
		expired := consentInput(f, regie.InfoPlan)
		expired.ValidUntil = "2026-03-10"
		expired.Parties = []regie.ConsentParty{{OrgID: ggz.ID, Purpose: "Behandeling", Kinds: []regie.InfoKind{regie.InfoPlan}}}
		withdrawn := consentInput(f, regie.InfoPlan)
		withdrawn.Parties = []regie.ConsentParty{{OrgID: kredietbank.ID, Purpose: "Schuldhulp", Kinds: []regie.InfoKind{regie.InfoPlan}}}
		var wid int64
		for _, in := range []regie.ConsentInput{school, open, expired, withdrawn} {
			c, err := s.CreateConsent(cm, fam.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			wid = c.ID
		}
		clock.Set(time.Date(2026, 3, 20, 9, 0, 0, 0, regie.Amsterdam))
		if err := s.WithdrawConsent(cm, fam.ID, wid, "2026-03-15", "Het gezin wil het niet meer."); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReportStagnation(partner, fam.ID, regie.StagnationInput{Reason: "Geen voortgang."}); err != nil {
			t.Fatal(err)
		}
		// A partner's progress on an agreement of the plan, and the
		// coordinator's own (not a partner's: not shown).
		if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePlanDraft(cm, fam.ID, 1, planInput(f)); err != nil {
			t.Fatal(err)
		}
		var key string
		if err := s.DB().QueryRow(`SELECT a.key FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id
			WHERE v.family_id = $1 AND a.what = $2`, fam.ID, "Gesprek met Kevin over verzuim.").Scan(&key); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec(`INSERT INTO agreement_progress (family_id, key, status, by_user, at) VALUES ($1, $2, $3, $4, $5)`,
			fam.ID, key, "loopt", f.Partner1.ID, "2026-03-19T10:00:00Z"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAgreementStatus(cm, fam.ID, key, "gedaan"); err != nil {
			t.Fatal(err)
		}

		// Kevin (13) consented with his mother to share with the school
		// and the coordinator, recorded by his youth worker; an earlier
		// consent of his was withdrawn on 18 March.
		kevin, sandra := fam.Members[1], fam.Members[0]
		yw := storetest.As(f.YouthWorker)
		if err := s.AssignYouthWorker(storetest.As(f.TeamLeader), fam.ID, kevin.ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		old, err := s.CreateYouthConsent(yw, fam.ID, kevin.ID, regie.YouthConsentInput{SignedOn: "2026-03-09", YouthSigned: true,
			ParentID: sandra.ID, ShareFamily: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.WithdrawYouthConsent(yw, fam.ID, kevin.ID, old.ID, "2026-03-18", "Kevin wil het niet meer."); err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateYouthConsent(yw, fam.ID, kevin.ID, regie.YouthConsentInput{SignedOn: "2026-03-19", YouthSigned: true,
			ParentID: sandra.ID, ShareCoordinator: true, OrgIDs: []int64{f.Partner.ID}})
		if err != nil {
			t.Fatal(err)
		}
		yc := c.ID

		v, err := s.FindPartnerView(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.YouthConsents) != 2 {
			t.Fatalf("youth consents: %+v", v.YouthConsents)
		}
		if y := v.YouthConsents[0]; y.Consent.ID != yc || !y.Holds || y.Age != 13 || y.MemberName != "Kevin Jansen" ||
			y.Consent.ParentName != "Sandra Jansen" || strings.Join(y.Consent.OrgNames, ",") != f.Partner.Name {
			t.Errorf("Kevin's consent with his mother: %+v %+v", y, y.Consent)
		}
		if y := v.YouthConsents[1]; y.Holds || y.Consent.ID != old.ID {
			t.Errorf("Kevin's withdrawn consent: %+v %+v", y, y.Consent)
		}
		if len(v.Orgs) != 1 {
			t.Fatalf("organisations that see: %+v", v.Orgs)
		}
		o := v.Orgs[0]
		wantKinds := []regie.InfoKind{regie.InfoFamily, regie.InfoContacts, regie.DomainKind("financien"), regie.DomainKind("kinderen")}
		if o.OrgID != f.Partner.ID || !o.UntilWithdrawn || o.Until != regie.NewDate(2026, 6, 30) || len(o.Consents) != 2 ||
			strings.Join(kindStrings(o.Kinds), ",") != strings.Join(kindStrings(wantKinds), ",") {
			t.Errorf("what %s sees: %+v", f.Partner.Name, o)
		}
		if strings.Join(o.Accounts, ",") != "Aart Aalbers,Hans Peters" {
			t.Errorf("partner accounts: %q", o.Accounts)
		}
		if len(v.Ended) != 2 {
			t.Fatalf("ended: %+v", v.Ended)
		}
		if e := v.Ended[0]; !e.Withdrawn || e.Since != regie.NewDate(2026, 3, 15) || strings.Join(e.Gone, ",") != "Kredietbank" {
			t.Errorf("withdrawn: %+v", e)
		}
		if e := v.Ended[1]; e.Withdrawn || e.Since != regie.NewDate(2026, 3, 11) || strings.Join(e.Gone, ",") != "GGZ Centraal" {
			t.Errorf("expired: %+v", e)
		}
		if len(v.Stagnations) != 1 || !v.CanHandle {
			t.Errorf("reports %d, can handle %v", len(v.Stagnations), v.CanHandle)
		}
		if len(v.Progress) != 1 || v.Progress[0].What != "Gesprek met Kevin over verzuim." || v.Progress[0].ByName != f.Partner1.Name ||
			v.Progress[0].OrgName != f.Partner.Name || v.Progress[0].Status != "loopt" {
			t.Errorf("partners' progress: %+v", v.Progress)
		}

		// Who reads it.
		if lv, err := s.FindPartnerView(storetest.As(f.TeamLeader), fam.ID); err != nil || len(lv.Orgs) != 1 {
			t.Errorf("team leader: %v", err)
		}
		for _, u := range []*regie.User{f.YouthWorker, f.Partner1, f.Casemanager2, f.TeamLeaderB} {
			if _, err := s.FindPartnerView(storetest.As(u), fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Errorf("%s reads who sees what: %v", u.Name, err)
			}
		}
		log, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var read, refused, youth int
		for _, e := range log {
			if e.Segment == regie.SegYouthConsent && e.Action == regie.ActionRead && e.MemberID == kevin.ID && e.Outcome == regie.OutcomeOK {
				youth++
			}
			if e.Segment == regie.SegConsent && e.Action == regie.ActionRead && strings.Contains(e.Detail, "wie kan wat zien") {
				read++
			}
			if e.Segment == regie.SegConsent && e.Action == regie.ActionRead && e.Outcome == regie.OutcomeDenied {
				refused++
			}
		}
		if read != 2 || refused != 4 || youth != 2 {
			t.Errorf("access log: %d reads, %d refused, %d of Kevin's consents; want 2, 4 and 2", read, refused, youth)
		}
	})
}

func kindStrings(ks []regie.InfoKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}
