package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestPartner_OwnWork walks a partner's own work over HTTP: the list of
// families under consent (by name only where the household is shared),
// the page of one family with whom to call and the organisation's own
// network agreement, progress recorded on it (the coordinator's meeting
// page shows the new status), stagnation reported (a blank reason comes
// back as a field error), the network meeting without its notes; after
// the consents are withdrawn the family leaves the list and its pages
// answer 404.
func TestPartner_OwnWork(t *testing.T) {
	e := newEnv(t)
	f := e.f
	fam := f.FamAssigned
	lead := storetest.As(f.TeamLeader)
	if _, err := e.store.DB().Exec(`UPDATE users SET phone = '030 765 43 21' WHERE id = $1`, f.Casemanager.ID); err != nil {
		t.Fatal(err)
	}
	c, err := e.store.CreateConsent(lead, fam.ID, regie.ConsentInput{SignedOn: "2026-03-02", Signers: []int64{fam.Members[0].ID},
		Parties: []regie.ConsentParty{{OrgID: f.Partner.ID, Purpose: "Schoolgang", Kinds: []regie.InfoKind{regie.InfoFamily, regie.InfoNetwork}}}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := e.store.AddNetworkMeeting(storetest.As(f.Casemanager), fam.ID, regie.NetworkMeetingInput{HeldOn: "2026-03-02",
		Members:       []int64{fam.Members[0].ID},
		Professionals: []regie.NetworkAttendeeInput{{Name: "Juf Anna", OrgID: f.Partner.ID}},
		Agreements: []regie.NetworkAgreementInput{{OwnerChoice: fmt.Sprintf("o:%d", f.Partner.ID), What: "Kevin elke ochtend opvangen.",
			Due: "2026-04-01"}},
		Notes: "Vertrouwelijk verslag van het overleg."})
	if err != nil {
		t.Fatal(err)
	}
	agreement := m.Agreements[0].ID
	token := e.session(f.Partner1)
	base := fmt.Sprintf("/gezinnen/%d", fam.ID)

	r := e.do(http.MethodGet, "/", token, nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/partner" {
		t.Fatalf("start page: %d to %q", r.status, r.header.Get("Location"))
	}
	r = e.do(http.MethodGet, "/partner", token, nil)
	if r.status != http.StatusOK {
		t.Fatalf("list: %d", r.status)
	}
	for _, want := range []string{html.EscapeString(fam.HouseholdName), base + "/samenwerking", f.Casemanager.Name, "030 765 43 21",
		regie.DossierNumber(f.FamTeam.ID), "tot intrekken"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	if strings.Contains(r.body, html.EscapeString(f.FamTeam.HouseholdName)) {
		t.Errorf("list names a family whose household is not shared")
	}

	r = e.do(http.MethodGet, base+"/samenwerking", token, nil)
	if r.status != http.StatusOK {
		t.Fatalf("work page: %d", r.status)
	}
	for _, want := range []string{"Kevin elke ochtend opvangen.", "Stagnatie melden", "030 765 43 21", "Uw afspraken"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("work page lacks %q", want)
		}
	}
	r = e.do(http.MethodGet, base, token, nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, base+"/samenwerking") || !strings.Contains(r.body, "030 765 43 21") {
		t.Errorf("family page: %d, no link to the partner's work or no phone", r.status)
	}

	// Progress on the own agreement; the coordinator sees it.
	r = e.do(http.MethodPost, base+"/samenwerking/voortgang", token, url.Values{"agreement": {fmt.Sprintf("netwerk:%d", agreement)},
		"status": {"gedaan"}, "note": {"Loopt goed, elke ochtend op tijd."}})
	if r.status != http.StatusSeeOther || r.cookie("__Host-regie-flash") != string(regie.MsgFlashPartnerProgress) {
		t.Fatalf("progress: %d, flash %q", r.status, r.cookie("__Host-regie-flash"))
	}
	r = e.do(http.MethodPost, base+"/samenwerking/voortgang", token, url.Values{"agreement": {fmt.Sprintf("netwerk:%d", agreement)},
		"status": {"onzin"}, "note": {"Iets"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, html.EscapeString(regie.Text(regie.MsgChoiceInvalid))) ||
		!strings.Contains(r.body, `value="Iets"`) {
		t.Errorf("bad status: %d", r.status)
	}
	cm := e.session(f.Casemanager)
	r = e.do(http.MethodGet, fmt.Sprintf("%s/netwerkoverleg/%d", base, m.ID), cm, nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, "Gedaan") {
		t.Errorf("the coordinator's meeting page: %d, no new status", r.status)
	}

	// Stagnation: a blank reason comes back; a reason is reported.
	r = e.do(http.MethodPost, base+"/stagnatie", token, url.Values{"reason": {"  "}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "error-summary") {
		t.Errorf("blank reason: %d", r.status)
	}
	r = e.do(http.MethodPost, base+"/stagnatie", token, url.Values{"reason": {"Kevin is al twee weken niet op school."}})
	if r.status != http.StatusSeeOther || r.cookie("__Host-regie-flash") != string(regie.MsgFlashStagnationReported) {
		t.Fatalf("stagnation: %d, flash %q", r.status, r.cookie("__Host-regie-flash"))
	}
	r = e.do(http.MethodGet, base+"/samenwerking", token, nil)
	if !strings.Contains(r.body, "Kevin is al twee weken niet op school.") || !strings.Contains(r.body, "Loopt goed, elke ochtend op tijd.") {
		t.Errorf("work page lacks the report or the note")
	}

	// The meetings: the own one, without the notes.
	r = e.do(http.MethodGet, fmt.Sprintf("%s/netwerkoverleg/%d", base, m.ID), token, nil)
	if r.status != http.StatusOK || strings.Contains(r.body, "Vertrouwelijk verslag") || !strings.Contains(r.body, "Het verslag: niet gedeeld") {
		t.Errorf("partner's meeting page: %d", r.status)
	}

	// Withdrawn: gone from the list, every page 404.
	for _, id := range []int64{c.ID, template.consents[fam.ID]} {
		if err := e.store.WithdrawConsent(lead, fam.ID, id, "2026-03-02", "Moeder wil het niet meer."); err != nil {
			t.Fatal(err)
		}
	}
	r = e.do(http.MethodGet, "/partner", token, nil)
	if r.status != http.StatusOK || strings.Contains(r.body, base+"/samenwerking") {
		t.Errorf("after withdrawal the list: %d, still lists the family", r.status)
	}
	for _, p := range []string{base, base + "/samenwerking", base + "/netwerkoverleg", fmt.Sprintf("%s/netwerkoverleg/%d", base, m.ID)} {
		if r := e.do(http.MethodGet, p, token, nil); r.status != http.StatusNotFound {
			t.Errorf("after withdrawal %s: %d, want 404", p, r.status)
		}
	}
	r = e.do(http.MethodPost, base+"/stagnatie", token, url.Values{"reason": {"Nog een keer."}})
	if r.status != http.StatusNotFound {
		t.Errorf("after withdrawal a report: %d, want 404", r.status)
	}
}
