package ui_test

import (
	"net/http"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestPartner_EveryFamilyPage walks every family route a partner can ask
// for, under the widest consent there is (every section, every life
// domain) and under one that covers only the household. No page shows a
// BSN, not even its last digits; the assignment page (the team's staff
// and caseloads), a youth worker's assignment, the consents and their
// signed paper stay closed; and under the narrow consent no page reads
// "no safety concerns" while the family has an open one — it says the
// safety is not shared.
func TestPartner_EveryFamilyPage(t *testing.T) {
	e := newEnv(t)
	f := e.f
	fam := f.FamAssigned
	lead := storetest.As(f.TeamLeader)
	m := fam.Members[0]
	const bsn = "111222333"
	if err := e.store.UpdateMember(lead, fam.ID, m.ID, regie.MemberInput{GivenName: m.GivenName, FamilyName: m.FamilyName,
		BirthDate: m.BirthDate.ISO(), Relation: m.Relation, BSN: bsn}); err != nil {
		t.Fatal(err)
	}
	token := e.session(f.Partner1)
	consent := func(kinds ...regie.InfoKind) int64 {
		t.Helper()
		c, err := e.store.CreateConsent(lead, fam.ID, regie.ConsentInput{SignedOn: "2026-03-02", Signers: []int64{m.ID},
			Parties: []regie.ConsentParty{{OrgID: f.Partner.ID, Purpose: "Afstemming", Kinds: kinds}}})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	closed := map[string]bool{
		"GET /gezinnen/{id}/toewijzing":                  true,
		"GET /gezinnen/{id}/jeugd/{mid}":                 true,
		"GET /gezinnen/{id}/toestemming":                 true,
		"GET /gezinnen/{id}/toestemming/nieuw":           true,
		"GET /gezinnen/{id}/toestemming/formulier.pdf":   true,
		"GET /gezinnen/{id}/toestemming/{vid}/intrekken": true,
		"GET /gezinnen/{id}/documenten/{did}":            true,
		"GET /gezinnen/{id}/plan/{nr}/pdf":               true,
	}
	walk := func(scenario string, check func(pattern string, r response)) {
		for _, rt := range e.ui.Routes() {
			if !strings.HasPrefix(rt.Pattern, "GET /gezinnen/{id}") {
				continue
			}
			r := e.do(http.MethodGet, path(rt.Pattern, f, "assigned"), token, nil)
			if r.status >= 500 {
				t.Errorf("%s: %s: %d", scenario, rt.Pattern, r.status)
			}
			if strings.Contains(r.body, bsn) || strings.Contains(r.body, "BSN eindigt op") || strings.Contains(r.body, "burgerservicenummer: ") {
				t.Errorf("%s: %s shows the BSN to a partner", scenario, rt.Pattern)
			}
			if closed[rt.Pattern] && r.status != http.StatusNotFound && r.status != http.StatusForbidden {
				t.Errorf("%s: %s answers a partner %d, want 404 or 403", scenario, rt.Pattern, r.status)
			}
			check(rt.Pattern, r)
		}
	}

	// The household, and (the fixture's consent) the plan on no life
	// domain: the family page opens and says what is not shared; the plan
	// opens without its goals and agreements.
	consent(regie.InfoFamily)
	walk("household only", func(pattern string, r response) {
		if strings.Contains(r.body, "Geen open zorgen") {
			t.Errorf("household only: %s tells a partner there are no safety concerns", pattern)
		}
		switch pattern {
		case "GET /gezinnen/{id}":
			for _, want := range []string{"De veiligheid van de kinderen: niet gedeeld onder de toestemming",
				"De gezinsleden: niet gedeeld onder de toestemming", "De trajecten bij instanties: niet gedeeld onder de toestemming",
				"De contactmomenten en uren: niet gedeeld onder de toestemming", f.Casemanager.Name} {
				if !strings.Contains(r.body, want) {
					t.Errorf("household only: the family page does not say %q", want)
				}
			}
		case "GET /gezinnen/{id}/contacten", "GET /gezinnen/{id}/trajecten":
			if r.status != http.StatusNotFound {
				t.Errorf("household only: %s answers %d", pattern, r.status)
			}
		case "GET /gezinnen/{id}/plan", "GET /gezinnen/{id}/plan/{nr}":
			// The fixture's plan: a goal on money, an agreement without
			// a life domain.
			if r.status != http.StatusOK || strings.Contains(r.body, "Overzicht van de schulden") || strings.Contains(r.body, "Post bewaren") ||
				!strings.Contains(r.body, "Doelen op andere leefgebieden: niet gedeeld onder de toestemming") {
				t.Errorf("household only: %s answers %d and shows what no consent covers, or does not say so", pattern, r.status)
			}
		}
	})

	// Everything a consent can name.
	var all []regie.InfoKind
	for _, s := range regie.InfoSections {
		all = append(all, s.Value)
	}
	for _, d := range regie.Domains {
		all = append(all, regie.DomainKind(d.Value))
	}
	consent(all...)
	walk("everything", func(pattern string, r response) {
		// The open concern (about the whole family) and the members show.
		if pattern == "GET /gezinnen/{id}" && (r.status != http.StatusOK || !strings.Contains(r.body, "Het hele gezin") ||
			!strings.Contains(r.body, m.Name()) || strings.Contains(r.body, "De veiligheid van de kinderen: niet gedeeld")) {
			t.Errorf("everything: the family page answers %d without the concern or the members", r.status)
		}
	})
}
