package store_test

import (
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestGenogram_PersonsRelationsAndAccess: a genogram over three
// generations with a member of the household and relatives recorded only
// here; the rules refuse what cannot be drawn; removing a person removes
// their relations; the team reads, the coordinator writes, a partner and
// another team never; every access is in the log, the refused ones too.
func TestGenogram_PersonsRelationsAndAccess(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		sandra, kevin := fam.Members[0], fam.Members[1]
		add := func(in regie.GenogramPersonInput) *regie.GenogramPerson {
			t.Helper()
			p, err := s.AddGenogramPerson(cm, fam.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		relate := func(from, to *regie.GenogramPerson, k regie.GenogramRelationKind) *regie.GenogramRelation {
			t.Helper()
			r, err := s.AddGenogramRelation(cm, fam.ID, regie.GenogramRelationInput{FromID: from.ID, ToID: to.ID, Kind: k})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}

		// Bad input: a message per field, nothing stored.
		_, err := s.AddGenogramPerson(cm, fam.ID, regie.GenogramPersonInput{Sex: "q", BirthYear: "1990", DeathYear: "1980", Generation: "7"})
		if fe := regie.ErrorFields(err); fe["name"] == "" || fe["sex"] == "" || fe["death_year"] == "" || fe["generation"] == "" {
			t.Fatalf("bad person: %v", err)
		}
		if n := countRows(t, s, "genogram_persons"); n != 0 {
			t.Fatalf("refused input stored %d persons", n)
		}

		mother := add(regie.GenogramPersonInput{MemberID: sandra.ID, Sex: regie.SexFemale, Generation: "0",
			Markers: []regie.GenogramMarker{regie.MarkerDebt}})
		if mother.Name != sandra.Name() || mother.BirthYear != sandra.BirthDate.Time().Year() {
			t.Fatalf("a member's name and year come from the member: %+v", mother)
		}
		// A member is one person of the genogram; a member of another
		// family none.
		if _, err := s.AddGenogramPerson(cm, fam.ID, regie.GenogramPersonInput{MemberID: sandra.ID, Sex: regie.SexFemale, Generation: "0"}); regie.ErrorFields(err)["genogram_member"] == "" {
			t.Fatalf("member twice: %v", err)
		}
		if _, err := s.AddGenogramPerson(cm, fam.ID, regie.GenogramPersonInput{MemberID: f.FamOther.Members[0].ID, Sex: regie.SexFemale, Generation: "0"}); regie.ErrorFields(err)["genogram_member"] == "" {
			t.Fatalf("member of another family: %v", err)
		}
		son := add(regie.GenogramPersonInput{MemberID: kevin.ID, Sex: regie.SexMale, Generation: "1"})
		father := add(regie.GenogramPersonInput{Name: "Marco", Sex: regie.SexMale, BirthYear: "1979", Generation: "0",
			Markers: []regie.GenogramMarker{regie.MarkerAddiction, regie.MarkerDetention}})
		opa := add(regie.GenogramPersonInput{Name: "Opa Henk", Sex: regie.SexMale, BirthYear: "1950", DeathYear: "2020", Generation: "-1"})
		if !opa.Deceased {
			t.Fatalf("a death year means deceased: %+v", opa)
		}
		oma := add(regie.GenogramPersonInput{Name: "Oma Riet", Sex: regie.SexFemale, BirthYear: "1952", Generation: "-1"})

		relate(opa, oma, regie.RelMarried)
		relate(opa, mother, regie.RelChild)
		relate(oma, mother, regie.RelChild)
		div := relate(mother, father, regie.RelDivorced)
		relate(mother, son, regie.RelChild)
		relate(father, son, regie.RelChild)
		conflict := relate(oma, father, regie.RelConflict)

		// What cannot be drawn is refused, with the field marked.
		for name, tc := range map[string]struct {
			in    regie.GenogramRelationInput
			field string
		}{
			"to oneself":                 {regie.GenogramRelationInput{FromID: oma.ID, ToID: oma.ID, Kind: regie.RelClose}, "to_id"},
			"a child in the wrong row":   {regie.GenogramRelationInput{FromID: oma.ID, ToID: son.ID, Kind: regie.RelChild}, "to_id"},
			"partners across generation": {regie.GenogramRelationInput{FromID: oma.ID, ToID: father.ID, Kind: regie.RelTogether}, "to_id"},
			"a second partner relation":  {regie.GenogramRelationInput{FromID: father.ID, ToID: mother.ID, Kind: regie.RelMarried}, "relation_kind"},
			"an unknown kind":            {regie.GenogramRelationInput{FromID: oma.ID, ToID: father.ID, Kind: "vriend"}, "relation_kind"},
			"a person of no genogram":    {regie.GenogramRelationInput{FromID: oma.ID, ToID: 99999, Kind: regie.RelClose}, "to_id"},
		} {
			if _, err := s.AddGenogramRelation(cm, fam.ID, tc.in); regie.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: %v", name, err)
			}
		}
		// Moving the son to another row would break his parents' lines.
		if _, err := s.UpdateGenogramPerson(cm, fam.ID, son.ID, regie.GenogramPersonInput{MemberID: kevin.ID, Sex: regie.SexMale, Generation: "2"}); regie.ErrorFields(err)["generation"] == "" {
			t.Fatalf("generation breaking a relation: %v", err)
		}
		if err := s.UpdateGenogramRelation(cm, fam.ID, div.ID, regie.GenogramRelationInput{FromID: mother.ID, ToID: father.ID, Kind: regie.RelSeparated, Note: "sinds 2019"}); err != nil {
			t.Fatal(err)
		}

		g, err := s.FindGenogram(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Persons) != 5 || len(g.Relations) != 7 || !g.CanEdit {
			t.Fatalf("genogram: %d persons, %d relations, edit %v", len(g.Persons), len(g.Relations), g.CanEdit)
		}
		if gens := g.Generations(); len(gens) != 3 || gens[0].Generation != -1 || gens[2].Persons[0].ID != son.ID {
			t.Fatalf("generations = %+v", gens)
		}
		if p := g.Person(mother.ID); !p.InHousehold || !p.HasMarker(regie.MarkerDebt) {
			t.Fatalf("mother = %+v", p)
		}
		if p := g.Person(father.ID); p.InHousehold || len(p.Markers) != 2 {
			t.Fatalf("father = %+v", p)
		}
		lines := g.Lines()
		want := map[string]bool{
			"Grootouders: Opa Henk (man, 1950–2020, overleden)":  true,
			"Oma Riet en Marco: conflict":                        true,
			sandra.Name() + " en Marco: uit elkaar — sinds 2019": true,
		}
		for _, l := range lines {
			delete(want, l)
		}
		if len(want) > 0 {
			t.Errorf("text alternative lacks %v:\n%v", want, lines)
		}

		// Removing a person removes their relations.
		if err := s.RemoveGenogramPerson(cm, fam.ID, oma.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveGenogramRelation(cm, fam.ID, conflict.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Fatalf("the removed person's relation is gone: %v", err)
		}
		if n := countRows(t, s, "genogram_relations"); n != 4 {
			t.Fatalf("relations left: %d", n)
		}

		// The youth worker of the family reads, and may not write.
		if err := s.AssignYouthWorker(storetest.As(f.TeamLeader), fam.ID, kevin.ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		yw := storetest.As(f.YouthWorker)
		if g, err := s.FindGenogram(yw, fam.ID); err != nil || g.CanEdit || len(g.Persons) != 4 {
			t.Fatalf("youth worker reads: %v", err)
		}
		if _, err := s.AddGenogramPerson(yw, fam.ID, regie.GenogramPersonInput{Name: "X", Sex: regie.SexOther, Generation: "0"}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Fatalf("youth worker writes: %v", err)
		}
		// Outside the family: not found, a partner under consent too.
		for _, u := range []*regie.User{f.CasemanagerB, f.Casemanager2, f.Partner1, f.Referrer} {
			if _, err := s.FindGenogram(storetest.As(u), fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Errorf("%s %s reads the genogram: %v", u.Role, u.Name, err)
			}
			if _, err := s.ExportGenogram(storetest.As(u), fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Errorf("%s %s exports the genogram: %v", u.Role, u.Name, err)
			}
		}
		if _, err := s.ExportGenogram(cm, fam.ID); err != nil {
			t.Fatal(err)
		}

		n := tallyAudit(t, s, f, fam.ID, regie.SegGenogram)
		// 5 persons, 7 relations, 1 change of a relation, 1 removal.
		if n.reads != 2 || n.exports != 1 || n.writes != 14 || n.denied < 9 {
			t.Errorf("audit: %d reads, %d exports, %d writes, %d denied", n.reads, n.exports, n.writes, n.denied)
		}
	})
}
