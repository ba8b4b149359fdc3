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

// councilIDs are the fixture's family council per family: held on the
// fixture's day, recorded with one agreement, not taken over.
var councilIDs map[int64]int64

// councilExtras gives every fixture family a recorded council.
func councilExtras(s *store.Store, f *storetest.Fixture) error {
	councilIDs = map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		ctx := storetest.As(f.TeamLeader)
		if fam == f.FamOther {
			ctx = storetest.As(f.TeamLeaderB)
		}
		mother := fam.Members[0].ID
		c, err := s.PlanCouncil(ctx, fam.ID, regie.CouncilPlanInput{On: "2026-03-02", Place: "Thuis",
			Invited: regie.CouncilPeopleInput{Members: []int64{mother}}})
		if err != nil {
			return err
		}
		if err := s.RecordCouncil(ctx, fam.ID, c.ID, regie.CouncilRecordInput{Attended: regie.CouncilPeopleInput{Members: []int64{mother}},
			Agreements: []regie.AgreementInput{{Owner: fmt.Sprintf("m:%d", mother), What: "Zondag de week plannen", Due: "2026-03-29"}}}); err != nil {
			return err
		}
		councilIDs[fam.ID] = c.ID
	}
	return nil
}

func councilPlanForm(f *storetest.Fixture, rel string) url.Values {
	fam := familyOf(f, rel)
	return url.Values{"on": {"2026-03-09"}, "place": {"Thuis"}, "member": {fmt.Sprint(fam.Members[0].ID)},
		"person": {fmt.Sprint(coordIDs.persons[fam.ID])}}
}

func councilRecordForm(f *storetest.Fixture, rel string) url.Values {
	fam := familyOf(f, rel)
	return url.Values{"member": {fmt.Sprint(fam.Members[0].ID)}, "note-goed-gevoel": {"Trots"}, "agreement_rows": {"3"},
		"agreement-0-what": {"Jassen aan de kapstok"}, "agreement-0-owner": {fmt.Sprintf("m:%d", fam.Members[0].ID)},
		"agreement-0-due": {"2026-03-20"}}
}

// TestCouncil_Pages: the coordinator finds the family council from the
// family page, plans one (bad input comes back with what was typed and
// the fields marked), sees the agenda to print with the invited, records
// it (again bad input kept) — the team leader, a week later — and takes the agreements over: they are in
// the plan's draft with owner and date, and the button is gone. The
// youth worker reads the council without the actions.
func TestCouncil_Pages(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	sandra, kevin := fam.Members[0], fam.Members[1]
	base := fmt.Sprintf("/gezinnen/%d/familieberaad", fam.ID)

	resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, `href="`+base+`"`) {
		t.Fatalf("family page without the council: %d", resp.status)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Familieberaad plannen") || !strings.Contains(resp.body, "2 maart 2026, Thuis") {
		t.Fatalf("list: %d\n%.1500s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, base+"/nieuw", token, nil)
	if resp.status != ok || !strings.Contains(resp.body, fmt.Sprintf(`name="member" value="%d" checked`, sandra.ID)) ||
		!strings.Contains(resp.body, fmt.Sprintf(`name="person" value="%d"`, coordIDs.persons[fam.ID])) ||
		!strings.Contains(resp.body, fmt.Sprintf(`name="worker" value="%d"`, e.f.Casemanager.ID)) {
		t.Fatalf("plan form: %d\n%.3000s", resp.status, resp.body)
	}

	// Planning: nobody invited and no date → the form again, the place
	// kept, both fields named in the summary.
	resp = e.do(http.MethodPost, base, token, url.Values{"on": {""}, "place": {"Bij oma thuis"}})
	if resp.status != invalid || !strings.Contains(resp.body, `value="Bij oma thuis"`) || !strings.Contains(resp.body, "Wie nodigt u uit:") ||
		!strings.Contains(resp.body, "Datum:") {
		t.Fatalf("bad plan: %d\n%.1500s", resp.status, resp.body)
	}
	resp = e.do(http.MethodPost, base, token, url.Values{"on": {"2026-03-09"}, "place": {"Bij oma thuis"},
		"member": {fmt.Sprint(sandra.ID), fmt.Sprint(kevin.ID)}, "person": {fmt.Sprint(coordIDs.persons[fam.ID])},
		"worker": {fmt.Sprint(e.f.Casemanager.ID)}})
	if resp.status != redirect || !strings.HasPrefix(resp.header.Get("Location"), base+"/") {
		t.Fatalf("plan: %d %s\n%.800s", resp.status, resp.header.Get("Location"), resp.body)
	}
	page := resp.header.Get("Location")
	resp = e.do(http.MethodGet, page, token, nil)
	for _, want := range []string{"Familieberaad 9 maart 2026", "Bij oma thuis", "Oma Riet (netwerk)", "Kinderen zijn, als ze dat willen",
		"Wat ging er goed", "Waar heeft u zich aan geërgerd", "Oplossingen", "Gevoel", "Oorzaak", "Gevolg", "Oplossing",
		"Iedereen krijgt een beurt.", "Verslag vastleggen", `class="council-print"`} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("council page without %q", want)
		}
	}
	if strings.Contains(resp.body, "Afspraken overnemen in het plan") {
		t.Error("a planned council offers the take-over")
	}

	// Recording before the day: refused on the attendance, what was
	// typed kept.
	resp = e.do(http.MethodPost, page+"/verslag", token, url.Values{"member": {fmt.Sprint(sandra.ID)}, "note-goed-gevoel": {"Trots op Kevin"}})
	if resp.status != invalid || !strings.Contains(resp.body, "Trots op Kevin") || !strings.Contains(resp.body, "u legt het vast als het geweest is") {
		t.Fatalf("record before the day: %d\n%.1500s", resp.status, resp.body)
	}
	e.clock.Set(e.clock.Now().AddDate(0, 0, 8))
	token = e.session(e.f.TeamLeader) // a week later: the team leader goes on, in a session of her own
	resp = e.do(http.MethodGet, page+"/verslag", token, nil)
	if resp.status != ok || !strings.Contains(resp.body, fmt.Sprintf(`name="member" value="%d" checked`, kevin.ID)) ||
		!strings.Contains(resp.body, `name="note-ergernis-oorzaak"`) || !strings.Contains(resp.body, fmt.Sprintf(`value="p:%d"`, coordIDs.persons[fam.ID])) {
		t.Fatalf("record form (the invited ticked): %d\n%.2000s", resp.status, resp.body)
	}
	// An agreement without an owner or a date: the row is marked and kept.
	record := url.Values{"member": {fmt.Sprint(sandra.ID), fmt.Sprint(kevin.ID)}, "person": {fmt.Sprint(coordIDs.persons[fam.ID])},
		"note-ergernis-oorzaak": {"De rommel in de gang"}, "agreement_rows": {"3"},
		"agreement-0-what": {"Jassen aan de kapstok"}, "agreement-0-owner": {fmt.Sprintf("m:%d", kevin.ID)}, "agreement-0-due": {"2026-03-31"},
		"agreement-1-what": {"Kapstok ophangen"}}
	resp = e.do(http.MethodPost, page+"/verslag", token, record)
	if resp.status != invalid || !strings.Contains(resp.body, `value="Kapstok ophangen"`) || !strings.Contains(resp.body, "Afspraak 2, wie:") ||
		!strings.Contains(resp.body, "Afspraak 2, uiterlijk:") || !strings.Contains(resp.body, "De rommel in de gang") {
		t.Fatalf("bad record: %d\n%.2500s", resp.status, resp.body)
	}
	record.Set("agreement-1-owner", fmt.Sprintf("p:%d", coordIDs.persons[fam.ID]))
	record.Set("agreement-1-due", "2026-03-21")
	resp = e.do(http.MethodPost, page+"/verslag", token, record)
	if resp.status != redirect || resp.header.Get("Location") != page {
		t.Fatalf("record: %d\n%.2500s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, page, token, nil)
	if !strings.Contains(resp.body, "De rommel in de gang") || !strings.Contains(resp.body, "Jassen aan de kapstok") ||
		!strings.Contains(resp.body, "31 maart 2026") || !strings.Contains(resp.body, "Afspraken overnemen in het plan") {
		t.Fatalf("recorded council:\n%.3000s", resp.body)
	}

	// The youth worker of the family reads it, without the actions.
	yw := e.session(e.f.YouthWorker)
	resp = e.do(http.MethodGet, page, yw, nil)
	if resp.status != ok || strings.Contains(resp.body, "Afspraken overnemen in het plan") || strings.Contains(resp.body, "Verslag wijzigen") {
		t.Fatalf("youth worker: %d", resp.status)
	}

	// The take-over: to the plan page, the agreements in the draft with
	// owner and date; once.
	resp = e.do(http.MethodPost, page+"/overnemen", token, url.Values{})
	if resp.status != redirect || resp.header.Get("Location") != fmt.Sprintf("/gezinnen/%d/plan/2#h-wie-2", fam.ID) {
		t.Fatalf("take over: %d %s\n%.800s", resp.status, resp.header.Get("Location"), resp.body)
	}
	resp = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan/2", fam.ID), token, nil)
	for _, want := range []string{"Jassen aan de kapstok", "Kapstok ophangen", "31 maart 2026", "21 maart 2026", kevin.GivenName, "Oma Riet"} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("plan version 2 without %q", want)
		}
	}
	resp = e.do(http.MethodGet, page, token, nil)
	if strings.Contains(resp.body, "Afspraken overnemen in het plan") || strings.Contains(resp.body, "Verslag wijzigen") ||
		!strings.Contains(resp.body, "hulpverleningsplan, versie 2") {
		t.Fatalf("after the take-over:\n%.2000s", resp.body)
	}
	if resp = e.do(http.MethodPost, page+"/overnemen", token, url.Values{}); resp.status != http.StatusConflict {
		t.Fatalf("taken over twice: %d", resp.status)
	}
	if resp = e.do(http.MethodGet, page+"/verslag", token, nil); resp.status != redirect {
		t.Fatalf("record form after the take-over: %d", resp.status)
	}
}
