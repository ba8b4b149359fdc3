package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// coordIDs are the fixture's handover and network meeting per family.
var coordIDs struct {
	handovers map[int64]int64
	meetings  map[int64]int64
	persons   map[int64]int64 // a person of the informal network
}

// coordinationExtras gives every fixture family a warm handover to the
// partner organisation and a network meeting with one open agreement.
func coordinationExtras(s *store.Store, f *storetest.Fixture) error {
	coordIDs.handovers, coordIDs.meetings, coordIDs.persons = map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		ctx := storetest.As(f.TeamLeader)
		if fam == f.FamOther {
			ctx = storetest.As(f.TeamLeaderB)
		}
		h, err := s.AddHandover(ctx, fam.ID, regie.HandoverInput{OrgID: f.Partner.ID, ContactPerson: "Meester Jan", On: "2026-03-01",
			Goals: "Kevin gaat elke dag naar school.", Tasks: "School belt moeder bij verzuim."})
		if err != nil {
			return err
		}
		coordIDs.handovers[fam.ID] = h.ID
		m, err := s.AddNetworkMeeting(ctx, fam.ID, regie.NetworkMeetingInput{HeldOn: "2026-03-01", Members: []int64{fam.Members[0].ID},
			Professionals: []regie.NetworkAttendeeInput{{Name: "Meester Jan", OrgID: f.Partner.ID}},
			Agreements:    []regie.NetworkAgreementInput{{Owner: "School", What: "Verzuim melden", Due: "2026-04-01"}}})
		if err != nil {
			return err
		}
		coordIDs.meetings[fam.ID] = m.ID
		p, err := s.AddNetworkPerson(ctx, fam.ID, regie.NetworkPersonInput{Name: "Oma Riet", Relation: regie.NetworkGrandparent})
		if err != nil {
			return err
		}
		coordIDs.persons[fam.ID] = p.ID
	}
	return nil
}

func handoverForm(f *storetest.Fixture, rel string) url.Values {
	return url.Values{"org": {fmt.Sprint(f.Partner.ID)}, "contact_person": {"Juf Anna"}, "on": {"2026-03-02"},
		"goals": {"Naar school"}, "tasks": {"School belt"}}
}

func commitmentForm(*storetest.Fixture, string) url.Values {
	return url.Values{"confirmed_by": {"Wijkagent Bos"}, "confirmed_on": {"2026-03-02"}}
}

func networkForm(f *storetest.Fixture, rel string) url.Values {
	fam := familyOf(f, rel)
	return url.Values{"held_on": {"2026-03-02"}, "member": {fmt.Sprint(fam.Members[0].ID)},
		"attendee-0-name": {"Juf Anna"}, "attendee-0-org": {fmt.Sprint(f.Partner.ID)},
		"agreement-0-owner": {"School"}, "agreement-0-what": {"Bellen"}, "agreement-0-due": {"2026-04-02"},
		"person": {fmt.Sprint(coordIDs.persons[fam.ID])}, "agreement-1-who": {fmt.Sprintf("p:%d", coordIDs.persons[fam.ID])},
		"agreement-1-what": {"Oppassen op woensdag"}, "agreement-1-due": {"2026-04-02"},
		fmt.Sprintf("progress-%d", coordIDs.meetings[fam.ID]): {"gedaan"}}
}

func networkPersonForm(*storetest.Fixture, string) url.Values {
	return url.Values{"name": {"Buurman Kees"}, "network_relation": {"buur"}, "phone": {"06 1234 5678"}}
}

func networkEndForm(*storetest.Fixture, string) url.Values {
	return url.Values{"ended_on": {"2026-03-02"}}
}

// TestCoordination_Pages: the coordinator records a network meeting from
// the form, sees it with the agencies over time on the coordination page,
// records a handover and downloads its letter; bad input comes back with
// what was typed.
func TestCoordination_Pages(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned

	resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/netwerkoverleg", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Aantal betrokken instanties") || !strings.Contains(resp.body, "Netwerkoverleg vastleggen") {
		t.Fatalf("coordination page: %d\n%.500s", resp.status, resp.body)
	}
	bad := url.Values{"held_on": {"2099-01-01"}, "agreement-0-what": {"Iets dat ik typte"}}
	resp = e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/netwerkoverleg", fam.ID), token, bad)
	if resp.status != invalid || !strings.Contains(resp.body, "Iets dat ik typte") || !strings.Contains(resp.body, "Afspraak 1, wie") {
		t.Fatalf("bad meeting: %d\n%.800s", resp.status, resp.body)
	}
	form := url.Values{"held_on": {"2026-03-02"}, "member": {fmt.Sprint(fam.Members[0].ID)}, "others": {"Oma Jansen"},
		"agreement-0-owner": {"Buurtteam"}, "agreement-0-what": {"Budgetplan maken"}, "agreement-0-due": {"2026-04-15"}}
	resp = e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/netwerkoverleg", fam.ID), token, form)
	if resp.status != redirect {
		t.Fatalf("meeting: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, resp.header.Get("Location"), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Oma Jansen") || !strings.Contains(resp.body, "Budgetplan maken") ||
		!strings.Contains(resp.body, "Sandra Jansen (gezin)") {
		t.Fatalf("the meeting: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/overdracht", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Meester Jan") || !strings.Contains(resp.body, "brief.pdf") {
		t.Fatalf("handover page: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/overdracht/%d/brief.pdf", fam.ID, coordIDs.handovers[fam.ID]), token, nil)
	if resp.status != ok || !strings.HasPrefix(resp.body, "%PDF") {
		t.Fatalf("letter: %d %.100s", resp.status, resp.body)
	}
	// The handover to other agencies is not the youth worker's work: the
	// page answers as for a family they cannot see.
	resp = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/overdracht", fam.ID), e.session(e.f.YouthWorker), nil)
	if resp.status != http.StatusNotFound {
		t.Fatalf("youth worker's handover page: %d", resp.status)
	}
}
