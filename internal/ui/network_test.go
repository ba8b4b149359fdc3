package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestNetwork_Pages: the coordinator finds the informal network from the
// family page, adds a person (bad input comes back with what was typed),
// changes and ends one; an ended person is no longer offered for a new
// network agreement or attendance, but a person taking part is offered
// there and in the plan. The youth worker reads the list without forms.
func TestNetwork_Pages(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	base := fmt.Sprintf("/gezinnen/%d/netwerk", fam.ID)
	oma := coordIDs.persons[fam.ID]

	resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, `href="`+base+`"`) {
		t.Fatalf("family page without the informal network: %d", resp.status)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Oma Riet") || !strings.Contains(resp.body, "Iemand toevoegen") {
		t.Fatalf("network page: %d\n%.800s", resp.status, resp.body)
	}

	bad := url.Values{"name": {""}, "network_relation": {"collega"}, "note": {"Iets dat ik typte"}}
	resp = e.do(http.MethodPost, base, token, bad)
	if resp.status != invalid || !strings.Contains(resp.body, "Iets dat ik typte") || !strings.Contains(resp.body, "Relatie tot het gezin:") ||
		!strings.Contains(resp.body, "Naam:") {
		t.Fatalf("bad person: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodPost, base, token, url.Values{"name": {"Trainer Mo"}, "network_relation": {"sportcoach"}, "phone": {"06 9876 5432"}})
	if resp.status != redirect || resp.header.Get("Location") != base {
		t.Fatalf("add: %d %s", resp.status, resp.header.Get("Location"))
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if !strings.Contains(resp.body, "Trainer Mo") || !strings.Contains(resp.body, "Sportcoach of trainer") || !strings.Contains(resp.body, "06 9876 5432") {
		t.Fatalf("added person not listed:\n%.1500s", resp.body)
	}

	// Change: the form holds what is stored.
	person := fmt.Sprintf("%s/%d", base, oma)
	resp = e.do(http.MethodGet, person, token, nil)
	if resp.status != ok || !strings.Contains(resp.body, `value="Oma Riet"`) || !strings.Contains(resp.body, "Niet meer betrokken") {
		t.Fatalf("person page: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodPost, person, token, url.Values{"name": {"Oma Riet Jansen"}, "network_relation": {"grootouder"}, "note": {"Past op"}})
	if resp.status != redirect {
		t.Fatalf("update: %d\n%.800s", resp.status, resp.body)
	}
	// Ending in the future comes back with the error, and the details
	// form still holds the person.
	resp = e.do(http.MethodPost, person+"/beeindigen", token, url.Values{"ended_on": {"2099-01-01"}})
	if resp.status != invalid || !strings.Contains(resp.body, `value="Oma Riet Jansen"`) || !strings.Contains(resp.body, `value="2099-01-01"`) {
		t.Fatalf("end in the future: %d\n%.800s", resp.status, resp.body)
	}

	// Before the end: offered in the network meeting form and the plan.
	pick := fmt.Sprintf(`value="p:%d"`, oma)
	meetingForm := fmt.Sprintf("/gezinnen/%d/netwerkoverleg/nieuw", fam.ID)
	resp = e.do(http.MethodGet, meetingForm, token, nil)
	if resp.status != ok || !strings.Contains(resp.body, pick) || !strings.Contains(resp.body, fmt.Sprintf(`name="person" value="%d"`, oma)) ||
		!strings.Contains(resp.body, `<optgroup label="Organisatie (sociale kaart)">`) {
		t.Fatalf("meeting form without the person: %d\n%.500s", resp.status, resp.body)
	}
	planForm := fmt.Sprintf("/gezinnen/%d/plan/2/bewerken", fam.ID)
	resp = e.do(http.MethodGet, planForm, token, nil)
	if resp.status != ok || !strings.Contains(resp.body, pick) || !strings.Contains(resp.body, "Oma Riet Jansen (grootouder)") {
		t.Fatalf("plan form without the person: %d", resp.status)
	}

	resp = e.do(http.MethodPost, person+"/beeindigen", token, url.Values{"ended_on": {"2026-03-02"}})
	if resp.status != redirect {
		t.Fatalf("end: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if !strings.Contains(resp.body, "Niet meer betrokken") || !strings.Contains(resp.body, "tot 2 maart 2026") {
		t.Fatalf("ended person not listed as such:\n%.1500s", resp.body)
	}
	resp = e.do(http.MethodGet, meetingForm, token, nil)
	if strings.Contains(resp.body, pick) || !strings.Contains(resp.body, "Trainer Mo (sportcoach of trainer)") {
		t.Fatalf("meeting form after the end:\n%.500s", resp.body)
	}
	resp = e.do(http.MethodGet, planForm, token, nil)
	if strings.Contains(resp.body, pick) {
		t.Fatal("the plan form offers an ended person for a new agreement")
	}

	// The youth worker of the family reads, without forms.
	yw := e.session(e.f.YouthWorker)
	resp = e.do(http.MethodGet, base, yw, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Trainer Mo") || strings.Contains(resp.body, "Iemand toevoegen") ||
		strings.Contains(resp.body, "Wijzigen of beëindigen") {
		t.Fatalf("youth worker: %d\n%.500s", resp.status, resp.body)
	}
	// A partner: not there, and no link from the family page.
	partner := e.session(e.f.Partner1)
	if resp := e.do(http.MethodGet, base, partner, nil); resp.status != notFound {
		t.Fatalf("partner: %d", resp.status)
	}
}

// TestNetwork_MeetingOwners: a network meeting recorded from the form with
// an organisation, a person of the informal network and a typed name as
// owners shows each name; a person of another family is refused with a
// message on the row, and the form keeps what was chosen.
func TestNetwork_MeetingOwners(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	oma := coordIDs.persons[fam.ID]
	form := url.Values{"held_on": {"2026-03-02"}, "person": {fmt.Sprint(oma)},
		"agreement-0-who": {fmt.Sprintf("o:%d", e.f.Partner.ID)}, "agreement-0-what": {"Verzuim melden"}, "agreement-0-due": {"2026-04-02"},
		"agreement-1-who": {fmt.Sprintf("p:%d", coordIDs.persons[e.f.FamOther.ID])}, "agreement-1-what": {"Oppassen"}, "agreement-1-due": {"2026-04-02"},
		"agreement-2-owner": {"Tante Ans"}, "agreement-2-what": {"Verjaardag"}, "agreement-2-due": {"2026-04-02"}}
	resp := e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/netwerkoverleg", fam.ID), token, form)
	if resp.status != invalid || !strings.Contains(resp.body, "Afspraak 2, wie: Deze persoon hoort niet bij het informele netwerk van dit gezin.") ||
		!strings.Contains(resp.body, fmt.Sprintf(`value="o:%d" selected`, e.f.Partner.ID)) {
		t.Fatalf("another family's person: %d\n%.1500s", resp.status, resp.body)
	}
	form.Set("agreement-1-who", fmt.Sprintf("p:%d", oma))
	resp = e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/netwerkoverleg", fam.ID), token, form)
	if resp.status != redirect {
		t.Fatalf("meeting: %d\n%.1500s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, resp.header.Get("Location"), token, nil)
	for _, want := range []string{"Oma Riet (netwerk)", ">" + e.f.Partner.Name + "<", ">Oma Riet<", ">Tante Ans<"} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("meeting page lacks %q", want)
		}
	}
}

// TestNetwork_PlanOwner: a person of the informal network owns an
// agreement of the plan's draft; after they end, the form still shows them
// on that row (and only there), saving it keeps them, and the version page
// names them.
func TestNetwork_PlanOwner(t *testing.T) {
	e := newEnv(t)
	cm := storetest.As(e.f.Casemanager)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	oma := coordIDs.persons[fam.ID]
	v, err := e.store.FindPlanVersion(cm, fam.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	in := regie.PlanInput{Revision: v.Revision, Domains: map[regie.Domain]*regie.DomainAssessment{"financien": {Score: 2}},
		Agreements: []regie.AgreementInput{{Owner: fmt.Sprintf("p:%d", oma), What: "Oppassen op woensdag", Due: "2026-04-01"}}}
	if err := e.store.SavePlanDraft(cm, fam.ID, 2, in); err != nil {
		t.Fatal(err)
	}
	if err := e.store.EndNetworkPerson(cm, fam.ID, oma, regie.NetworkPersonEnd{EndedOn: "2026-03-02"}); err != nil {
		t.Fatal(err)
	}
	form := fmt.Sprintf("/gezinnen/%d/plan/2/bewerken", fam.ID)
	resp := e.do(http.MethodGet, form, token, nil)
	held := fmt.Sprintf(`<option value="p:%d" selected>Oma Riet (grootouder) — niet meer betrokken</option>`, oma)
	if resp.status != ok || strings.Count(resp.body, fmt.Sprintf(`value="p:%d"`, oma)) != 1 || !strings.Contains(resp.body, held) {
		t.Fatalf("plan form: %d, want the ended person on their row only: %q", resp.status, regexp.MustCompile(`<option value="p:[^<]*</option>`).FindAllString(resp.body, -1))
	}
	// Save the form as shown: the agreement keeps its owner.
	vals := url.Values{}
	for _, m := range regexp.MustCompile(`name="([^"]+)"(?: type="hidden")? value="([^"]*)"`).FindAllStringSubmatch(resp.body, -1) {
		vals.Add(m[1], html.UnescapeString(m[2]))
	}
	vals.Set("agreement-0-owner", fmt.Sprintf("p:%d", oma))
	vals.Set("agreement-0-what", "Oppassen op woensdag")
	vals.Set("agreement-0-due", "2026-04-01")
	vals.Set("score-financien", "2")
	resp = e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/plan/2", fam.ID), token, vals)
	if resp.status != redirect {
		t.Fatalf("save the draft: %d\n%.1500s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan/2", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Oma Riet") || !strings.Contains(resp.body, "Oppassen op woensdag") {
		t.Fatalf("version page: %d", resp.status)
	}
}
