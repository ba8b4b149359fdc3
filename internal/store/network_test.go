package store_test

import (
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

func TestNetworkPersons_AddChangeEndAndAccess(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned

		// Bad input: a message per field, nothing stored.
		_, err := s.AddNetworkPerson(cm, fam.ID, regie.NetworkPersonInput{Name: " ", Relation: "collega"})
		if fields := regie.ErrorFields(err); fields["name"] == "" || fields["network_relation"] == "" {
			t.Fatalf("bad person: %v", err)
		}
		if n := countRows(t, s, "network_persons"); n != 0 {
			t.Fatalf("refused input stored %d persons", n)
		}

		oma, err := s.AddNetworkPerson(cm, fam.ID, regie.NetworkPersonInput{Name: "Oma Jansen", Relation: regie.NetworkGrandparent,
			Phone: "06 1111 2222", Note: "Past op woensdag op Lotte."})
		if err != nil {
			t.Fatal(err)
		}
		if oma.Name != "Oma Jansen" || oma.FamilyID != fam.ID || oma.CreatedByName != f.Casemanager.Name || !oma.EndedOn.IsZero() {
			t.Fatalf("oma = %+v", oma)
		}
		// The team leader of the team writes too.
		buur, err := s.AddNetworkPerson(storetest.As(f.TeamLeader), fam.ID, regie.NetworkPersonInput{Name: "Buurman Kees", Relation: regie.NetworkNeighbour})
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Hour)
		buur, err = s.UpdateNetworkPerson(cm, fam.ID, buur.ID, regie.NetworkPersonInput{Name: "Kees de Wit", Relation: regie.NetworkNeighbour,
			Phone: "06 3333 4444"})
		if err != nil || buur.Name != "Kees de Wit" || buur.Phone != "06 3333 4444" {
			t.Fatalf("update = %+v, %v", buur, err)
		}
		// A person is changed only through their own family.
		if _, err := s.UpdateNetworkPerson(cm, fam.ID, 99999, regie.NetworkPersonInput{Name: "X", Relation: regie.NetworkOther}); code(err) != regie.ENOTFOUND {
			t.Fatalf("unknown person: %v", err)
		}

		// Ending: a day not in the future; once.
		if err := s.EndNetworkPerson(cm, fam.ID, buur.ID, regie.NetworkPersonEnd{EndedOn: "2099-01-01"}); regie.ErrorFields(err)["ended_on"] == "" {
			t.Fatalf("end in the future: %v", err)
		}
		if err := s.EndNetworkPerson(cm, fam.ID, buur.ID, regie.NetworkPersonEnd{EndedOn: "2026-03-02"}); err != nil {
			t.Fatal(err)
		}
		if err := s.EndNetworkPerson(cm, fam.ID, buur.ID, regie.NetworkPersonEnd{EndedOn: "2026-03-02"}); code(err) != regie.ENOTFOUND {
			t.Fatalf("ended twice: %v", err)
		}
		ps, err := s.FindNetworkPersons(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		today := regie.DateOf(clock.Now())
		if len(ps.List) != 2 || ps.List[0].ID != oma.ID || ps.List[1].EndedOn.ISO() != "2026-03-02" || !ps.CanEdit {
			t.Fatalf("persons = %+v", ps)
		}
		if a, e := ps.Active(today), ps.Ended(today); len(a) != 1 || a[0].ID != oma.ID || len(e) != 1 || e[0].ID != buur.ID {
			t.Fatalf("active %v, ended %v", a, e)
		}

		// The youth worker of the family reads, and may not write.
		if err := s.AssignYouthWorker(storetest.As(f.TeamLeader), fam.ID, fam.Members[1].ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		yw := storetest.As(f.YouthWorker)
		if ps, err := s.FindNetworkPersons(yw, fam.ID); err != nil || ps.CanEdit || len(ps.List) != 2 {
			t.Fatalf("youth worker reads: %+v, %v", ps, err)
		}
		if _, err := s.AddNetworkPerson(yw, fam.ID, regie.NetworkPersonInput{Name: "X", Relation: regie.NetworkOther}); code(err) != regie.ENOTFOUND &&
			code(err) != regie.EFORBIDDEN {
			t.Fatalf("youth worker writes: %v", err)
		}
		// Outside the family: not found, even a partner whose organisation
		// the family's consent names — no consent covers the informal
		// network.
		for _, u := range []*regie.User{f.CasemanagerB, f.Casemanager2, f.Partner1, f.Referrer} {
			if _, err := s.FindNetworkPersons(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s reads the informal network: %v", u.Role, u.Name, err)
			}
			if _, err := s.AddNetworkPerson(storetest.As(u), fam.ID, regie.NetworkPersonInput{Name: "X", Relation: regie.NetworkOther}); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s adds to the informal network: %v", u.Role, u.Name, err)
			}
		}

		// Every access in the log, the refused ones too.
		n := tallyAudit(t, s, f, fam.ID, regie.SegNetworkPersons)
		if n.reads != 2 || n.writes != 4 || n.exports != 0 || n.denied < 8 {
			t.Errorf("audit: %d reads, %d writes, %d exports, %d denied", n.reads, n.writes, n.exports, n.denied)
		}
	})
}

func TestNetworkOwners_MeetingsAndPlan(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		add := func(u *regie.User, famID int64, name string, rel regie.NetworkRelation) *regie.NetworkPerson {
			t.Helper()
			p, err := s.AddNetworkPerson(storetest.As(u), famID, regie.NetworkPersonInput{Name: name, Relation: rel})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		oma := add(f.Casemanager, fam.ID, "Oma Jansen", regie.NetworkGrandparent)
		coach := add(f.Casemanager, fam.ID, "Trainer Mo", regie.NetworkCoach)
		buur := add(f.Casemanager, fam.ID, "Buurvrouw Els", regie.NetworkNeighbour)
		stranger := add(f.CasemanagerB, f.FamOther.ID, "Oom Piet", regie.NetworkUncleAunt)
		if err := s.EndNetworkPerson(cm, fam.ID, buur.ID, regie.NetworkPersonEnd{EndedOn: "2026-03-01"}); err != nil {
			t.Fatal(err)
		}
		today := regie.DateOf(clock.Now())
		due := today.AddDays(30).ISO()
		pick := func(kind string, id int64) string { return kind + ":" + itoa(id) }

		// A person of another family, an ended person, a member of another
		// family: each refused with a message on the field.
		_, err := s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: today.ISO(), Persons: []int64{stranger.ID},
			Agreements: []regie.NetworkAgreementInput{
				{OwnerChoice: pick("p", stranger.ID), What: "Oppassen", Due: due},
				{OwnerChoice: pick("p", buur.ID), What: "Boodschappen", Due: due},
				{OwnerChoice: pick("m", f.FamOther.Members[0].ID), What: "Bellen", Due: due},
				{OwnerChoice: pick("o", 99999), What: "Bellen", Due: due},
			}})
		fields := regie.ErrorFields(err)
		if got, want := fields["agreement-0-who"], regie.Text(regie.MsgNetworkPersonOtherFamily); got != want {
			t.Errorf("another family's person: %q, want %q", got, want)
		}
		if got, want := fields["attendees"], regie.Text(regie.MsgNetworkPersonOtherFamily); got != want {
			t.Errorf("another family's person attending: %q, want %q", got, want)
		}
		if got, want := fields["agreement-1-who"], regie.Text(regie.MsgNetworkPersonEnded, "1 maart 2026"); got != want {
			t.Errorf("an ended person: %q, want %q", got, want)
		}
		if fields["agreement-2-who"] == "" || fields["agreement-3-who"] == "" {
			t.Errorf("another family's member, an unknown organisation: %v", fields)
		}
		if n := countRows(t, s, "network_meetings"); n != 0 {
			t.Fatalf("refused meeting stored: %d", n)
		}

		// Every kind of owner, chosen; and one typed as before.
		m, err := s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: today.ISO(), Persons: []int64{oma.ID, coach.ID},
			Professionals: []regie.NetworkAttendeeInput{{Name: "Juf Anna", OrgID: f.Partner.ID}},
			Agreements: []regie.NetworkAgreementInput{
				{OwnerChoice: pick("o", f.Partner.ID), What: "Verzuim dezelfde dag melden", Due: due},
				{OwnerChoice: pick("p", oma.ID), What: "Woensdag oppassen op Lotte", Due: due},
				{OwnerChoice: pick("m", fam.Members[0].ID), What: "Post meenemen", Due: due},
				{OwnerChoice: pick("c", f.Casemanager.ID), What: "Kredietbank bellen", Due: due},
				{Owner: "Tante Ans", What: "Verjaardag organiseren", Due: due},
			}})
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			owner string
			kind  regie.OwnerKind
			org   int64
			id    int64
		}{
			{f.Partner.Name, regie.OwnerOrganisation, f.Partner.ID, 0},
			{"Oma Jansen", regie.OwnerNetwork, 0, oma.ID},
			{fam.Members[0].Name(), regie.OwnerMember, 0, fam.Members[0].ID},
			{f.Casemanager.Name, regie.OwnerCasemanager, 0, 0},
			{"Tante Ans", "", 0, 0},
		}
		if len(m.Agreements) != len(want) {
			t.Fatalf("agreements = %+v", m.Agreements)
		}
		for i, w := range want {
			a := m.Agreements[i]
			if a.Owner != w.owner || a.OwnerKind != w.kind || a.OwnerOrgID != w.org || a.OwnerID != w.id {
				t.Errorf("agreement %d = %+v, want %+v", i, a, w)
			}
		}
		var orgID int64
		if err := s.DB().QueryRow(`SELECT owner_org_id FROM network_agreements WHERE id = $1`, m.Agreements[0].ID).Scan(&orgID); err != nil ||
			orgID != f.Partner.ID {
			t.Errorf("owner_org_id = %d, %v", orgID, err)
		}
		var labels []string
		for _, a := range m.Attendees {
			labels = append(labels, a.Label())
		}
		if len(labels) != 3 || labels[0] != "Oma Jansen (netwerk)" || labels[1] != "Trainer Mo (netwerk)" || m.Attendees[0].PersonID != oma.ID {
			t.Errorf("attendees = %q", labels)
		}

		// The plan: a person of the informal network owns an agreement.
		v, err := s.StartPlanVersion(cm, fam.ID, "eerste")
		if err != nil {
			t.Fatal(err)
		}
		in := planInput(f)
		in.Revision = v.Revision
		in.Agreements = append(in.Agreements, regie.AgreementInput{Owner: pick("p", coach.ID), What: "Dylan meenemen naar de training.", Due: due})
		if err := s.SavePlanDraft(cm, fam.ID, 1, in); err != nil {
			t.Fatal(err)
		}
		v, err = s.FindPlanVersion(cm, fam.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		a := v.Agreements[3]
		if a.Owner != "Trainer Mo" || a.OwnerKind != regie.OwnerNetwork || a.PersonID != coach.ID {
			t.Fatalf("plan agreement = %+v", a)
		}

		// The coach ends: the old agreements keep the name; the draft keeps
		// the coach on the agreement they had; a new one is refused.
		clock.Advance(24 * time.Hour)
		if err := s.EndNetworkPerson(cm, fam.ID, coach.ID, regie.NetworkPersonEnd{EndedOn: regie.DateOf(clock.Now()).ISO()}); err != nil {
			t.Fatal(err)
		}
		in.Revision = v.Revision
		in.Agreements[3].Key = a.Key
		in.Agreements = append(in.Agreements, regie.AgreementInput{Owner: pick("p", coach.ID), What: "Nog een training.", Due: due},
			regie.AgreementInput{Owner: pick("p", stranger.ID), What: "Oppassen.", Due: due})
		fields = regie.ErrorFields(s.SavePlanDraft(cm, fam.ID, 1, in))
		if got, want := fields["agreement-4-owner"], regie.Text(regie.MsgNetworkPersonEnded, regie.DateOf(clock.Now()).Dutch()); got != want {
			t.Errorf("a new agreement for an ended person: %q, want %q", got, want)
		}
		if got, want := fields["agreement-5-owner"], regie.Text(regie.MsgNetworkPersonOtherFamily); got != want {
			t.Errorf("another family's person on the plan: %q, want %q", got, want)
		}
		if fields["agreement-3-owner"] != "" {
			t.Errorf("the agreement the coach had: %q", fields["agreement-3-owner"])
		}
		in.Agreements = in.Agreements[:4]
		if err := s.SavePlanDraft(cm, fam.ID, 1, in); err != nil {
			t.Fatalf("keeping the ended coach on their agreement: %v", err)
		}
		m, err = s.FindNetworkMeeting(cm, fam.ID, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m.Attendees[1].Label() != "Trainer Mo (netwerk)" || m.Agreements[1].Owner != "Oma Jansen" {
			t.Errorf("meeting after the end = %+v", m)
		}
		v, err = s.FindPlanVersion(cm, fam.ID, 1)
		if err != nil || v.Agreements[3].Owner != "Trainer Mo" {
			t.Fatalf("plan after the end: %+v, %v", v, err)
		}
		// A new version copies the person onto its agreements.
		if err := s.MarkPlanDiscussed(storetest.As(f.TeamLeader), fam.ID, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.AgreePlan(cm, fam.ID, 1, regie.PlanAgreement{On: regie.DateOf(clock.Now()).ISO(), With: "Sandra Jansen"}); err != nil {
			t.Fatal(err)
		}
		v2, err := s.StartPlanVersion(cm, fam.ID, "wijziging")
		if err != nil {
			t.Fatal(err)
		}
		if v2, err = s.FindPlanVersion(cm, fam.ID, v2.Number); err != nil || len(v2.Agreements) != 4 || v2.Agreements[3].PersonID != coach.ID {
			t.Fatalf("copied version: %+v, %v", v2, err)
		}
	})
}
