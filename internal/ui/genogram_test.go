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

// genoIDs are the fixture's genogram per family: a grandmother outside
// the household, the first member, and the relation between them.
var genoIDs struct {
	grandmother, member, relation map[int64]int64
}

// genogramExtras gives every fixture family a small genogram.
func genogramExtras(s *store.Store, f *storetest.Fixture) error {
	genoIDs.grandmother, genoIDs.member, genoIDs.relation = map[int64]int64{}, map[int64]int64{}, map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		ctx := storetest.As(f.TeamLeader)
		if fam == f.FamOther {
			ctx = storetest.As(f.TeamLeaderB)
		}
		oma, err := s.AddGenogramPerson(ctx, fam.ID, regie.GenogramPersonInput{Name: "Oma Truus", Sex: regie.SexFemale,
			BirthYear: "1950", Generation: "-1"})
		if err != nil {
			return err
		}
		m, err := s.AddGenogramPerson(ctx, fam.ID, regie.GenogramPersonInput{MemberID: fam.Members[0].ID, Sex: regie.SexFemale, Generation: "0"})
		if err != nil {
			return err
		}
		r, err := s.AddGenogramRelation(ctx, fam.ID, regie.GenogramRelationInput{FromID: oma.ID, ToID: m.ID, Kind: regie.RelChild})
		if err != nil {
			return err
		}
		genoIDs.grandmother[fam.ID], genoIDs.member[fam.ID], genoIDs.relation[fam.ID] = oma.ID, m.ID, r.ID
	}
	return nil
}

func genogramPersonForm(*storetest.Fixture, string) url.Values {
	return url.Values{"name": {"Oom Piet"}, "sex": {"m"}, "generation": {"-1"}, "birth_year": {"1975"}, "markers": {"schulden"}}
}

func genogramRelationForm(f *storetest.Fixture, rel string) url.Values {
	fam := familyOf(f, rel)
	return url.Values{"from_id": {fmt.Sprint(genoIDs.grandmother[fam.ID])}, "to_id": {fmt.Sprint(genoIDs.member[fam.ID])},
		"relation_kind": {"nauw"}}
}

// TestGenogram_Pages: the coordinator finds the genogram from the family
// page, adds a grandfather (bad input comes back with what was typed and
// the fields marked) and a relation, sees them in the drawing and in the
// text; changes and removes a relation and a person; prints the PDF. The
// youth worker reads without forms.
func TestGenogram_Pages(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	base := fmt.Sprintf("/gezinnen/%d/genogram", fam.ID)
	resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, `href="`+base+`"`) {
		t.Fatalf("family page without the genogram: %d", resp.status)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	mustContain(t, "genogram page", resp.body, "<svg", "Oma Truus", "Legenda", "Oma Truus is ouder van "+fam.Members[0].Name(),
		"Persoon toevoegen", "Relatie toevoegen", base+".pdf")

	// Bad input keeps what was typed.
	bad := url.Values{"name": {"Opa Gerrit"}, "sex": {"m"}, "generation": {"-1"}, "birth_year": {"1948"}, "death_year": {"1940"}, "note": {"Iets dat ik typte"}}
	resp = e.do(http.MethodPost, base+"/personen", token, bad)
	if resp.status != invalid {
		t.Fatalf("bad person: %d", resp.status)
	}
	mustContain(t, "bad person", resp.body, "Iets dat ik typte", `value="Opa Gerrit"`, "Jaar van overlijden:", "vóór het geboortejaar")
	bad.Set("death_year", "2019")
	resp = e.do(http.MethodPost, base+"/personen", token, bad)
	if resp.status != redirect || resp.header.Get("Location") != base {
		t.Fatalf("add person: %d %s\n%.800s", resp.status, resp.header.Get("Location"), resp.body)
	}
	g, err := e.store.FindGenogram(storetest.As(e.f.Casemanager), fam.ID)
	if err != nil {
		t.Fatal(err)
	}
	var opa *regie.GenogramPerson
	for _, p := range g.Persons {
		if p.Name == "Opa Gerrit" {
			opa = p
		}
	}
	if opa == nil || !opa.Deceased || opa.Generation != -1 {
		t.Fatalf("opa = %+v", opa)
	}
	// A relation: a partner across generations is refused with the field
	// marked; a marriage between the grandparents is drawn and listed.
	oma := genoIDs.grandmother[fam.ID]
	resp = e.do(http.MethodPost, base+"/relaties", token, url.Values{"from_id": {fmt.Sprint(opa.ID)}, "to_id": {fmt.Sprint(genoIDs.member[fam.ID])},
		"relation_kind": {"gehuwd"}, "relation_note": {"typte ik"}})
	if resp.status != invalid {
		t.Fatalf("partner across generations: %d", resp.status)
	}
	mustContain(t, "bad relation", resp.body, "typte ik", "Tweede persoon:", "dezelfde generatie")
	resp = e.do(http.MethodPost, base+"/relaties", token, url.Values{"from_id": {fmt.Sprint(opa.ID)}, "to_id": {fmt.Sprint(oma)},
		"relation_kind": {"gehuwd"}})
	if resp.status != redirect {
		t.Fatalf("add relation: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	mustContain(t, "genogram after", resp.body, "Opa Gerrit", "1948–2019", "Opa Gerrit en Oma Truus: gehuwd", "Gehuwd</text>", "Overleden (kruis)")

	// Change the relation, then remove it; remove the grandfather.
	g, _ = e.store.FindGenogram(storetest.As(e.f.Casemanager), fam.ID)
	rid := g.Relations[len(g.Relations)-1].ID
	rel := fmt.Sprintf("%s/relaties/%d", base, rid)
	resp = e.do(http.MethodGet, rel, token, nil)
	mustContain(t, "relation page", resp.body, `<option value="gehuwd" selected>`, "Relatie weghalen")
	resp = e.do(http.MethodPost, rel, token, url.Values{"from_id": {fmt.Sprint(opa.ID)}, "to_id": {fmt.Sprint(oma)}, "relation_kind": {"gescheiden"}})
	if resp.status != redirect {
		t.Fatalf("update relation: %d\n%.800s", resp.status, resp.body)
	}
	mustContain(t, "after the divorce", e.do(http.MethodGet, base, token, nil).body, "Opa Gerrit en Oma Truus: gescheiden")
	if resp = e.do(http.MethodPost, rel+"/verwijderen", token, nil); resp.status != redirect {
		t.Fatalf("remove relation: %d", resp.status)
	}
	person := fmt.Sprintf("%s/personen/%d", base, opa.ID)
	resp = e.do(http.MethodGet, person, token, nil)
	mustContain(t, "person page", resp.body, `value="Opa Gerrit"`, `value="1948"`, `value="2019"`, "Weghalen uit het genogram")
	resp = e.do(http.MethodPost, person, token, url.Values{"name": {"Opa Gerrit"}, "sex": {"m"}, "generation": {"-1"}, "birth_year": {"1948"},
		"deceased": {"1"}, "markers": {"verslaving"}})
	if resp.status != redirect {
		t.Fatalf("update person: %d\n%.800s", resp.status, resp.body)
	}
	mustContain(t, "after the change", e.do(http.MethodGet, base, token, nil).body, "VSL", "VSL: Verslaving", "Opa Gerrit (man, 1948–†, overleden): verslaving")
	if resp = e.do(http.MethodPost, person+"/verwijderen", token, nil); resp.status != redirect {
		t.Fatalf("remove person: %d", resp.status)
	}
	if body := e.do(http.MethodGet, base, token, nil).body; strings.Contains(body, "Opa Gerrit") {
		t.Error("the removed grandfather is still on the page")
	}

	// The PDF.
	resp = e.do(http.MethodGet, base+".pdf", token, nil)
	if resp.status != ok || resp.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.body, "%PDF-") {
		t.Fatalf("pdf: %d %s", resp.status, resp.header.Get("Content-Type"))
	}

	// The youth worker of the family reads, without forms or the PDF.
	if err := e.store.AssignYouthWorker(storetest.As(e.f.TeamLeader), fam.ID, fam.Members[1].ID, e.f.YouthWorker.ID, true); err != nil {
		t.Fatal(err)
	}
	yw := e.session(e.f.YouthWorker)
	resp = e.do(http.MethodGet, base, yw, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Oma Truus") || strings.Contains(resp.body, "Persoon toevoegen") || strings.Contains(resp.body, ".pdf") {
		t.Fatalf("youth worker: %d", resp.status)
	}
}
