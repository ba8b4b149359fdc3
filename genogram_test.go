package regie

import "testing"

func TestGenogramPersonInput_Validate(t *testing.T) {
	mother := &Member{ID: 7, GivenName: "Sandra", FamilyName: "Jansen", BirthDate: NewDate(1988, 3, 1)}
	facts := GenogramPersonFacts{ThisYear: 2026}
	for _, tc := range []struct {
		name  string
		in    GenogramPersonInput
		facts GenogramPersonFacts
		field string // "" when valid
	}{
		{"a relative", GenogramPersonInput{Name: "Opa Henk", Sex: SexMale, Generation: "-1", BirthYear: "1948", DeathYear: "2019"}, facts, ""},
		{"no name", GenogramPersonInput{Sex: SexMale, Generation: "0"}, facts, "name"},
		{"no sex", GenogramPersonInput{Name: "X", Generation: "0"}, facts, "sex"},
		{"death before birth", GenogramPersonInput{Name: "X", Sex: SexOther, Generation: "0", BirthYear: "1990", DeathYear: "1980"}, facts, "death_year"},
		{"a year to come", GenogramPersonInput{Name: "X", Sex: SexOther, Generation: "0", BirthYear: "2030"}, facts, "birth_year"},
		{"no such generation", GenogramPersonInput{Name: "X", Sex: SexOther, Generation: "3"}, facts, "generation"},
		{"an unknown marker", GenogramPersonInput{Name: "X", Sex: SexOther, Generation: "0", Markers: []GenogramMarker{"gokken"}}, facts, "markers"},
		{"a member", GenogramPersonInput{MemberID: 7, Sex: SexFemale, Generation: "0"}, GenogramPersonFacts{Member: mother, ThisYear: 2026}, ""},
		{"a member of another family", GenogramPersonInput{MemberID: 8, Sex: SexFemale, Generation: "0"}, facts, "genogram_member"},
		{"a member twice", GenogramPersonInput{MemberID: 7, Sex: SexFemale, Generation: "0"},
			GenogramPersonFacts{Member: mother, MemberTaken: true, ThisYear: 2026}, "genogram_member"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.in.Validate(tc.facts)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if ErrorFields(err)[tc.field] == "" {
				t.Fatalf("want an error on %s, got %v (%+v)", tc.field, err, p)
			}
		})
	}
	p, _ := (&GenogramPersonInput{MemberID: 7, Sex: SexFemale, Generation: "0"}).Validate(GenogramPersonFacts{Member: mother, ThisYear: 2026})
	if p.Name != "Sandra Jansen" || p.BirthYear != 1988 {
		t.Errorf("a member's name and year: %+v", p)
	}
	p, _ = (&GenogramPersonInput{Name: "Opa", Sex: SexMale, Generation: "-1", DeathYear: "2019"}).Validate(facts)
	if !p.Deceased {
		t.Error("a death year means deceased")
	}
}

func TestGenogramRelationInput_Validate(t *testing.T) {
	g := &Genogram{Persons: []*GenogramPerson{
		{ID: 1, Name: "Opa", Generation: -1}, {ID: 2, Name: "Oma", Generation: -1},
		{ID: 3, Name: "Moeder", Generation: 0}, {ID: 4, Name: "Vader", Generation: 0}, {ID: 5, Name: "Kind", Generation: 1},
		{ID: 6, Name: "Stiefopa", Generation: -1},
	}, Relations: []*GenogramRelation{
		{ID: 1, FromID: 1, ToID: 3, Kind: RelChild}, {ID: 2, FromID: 2, ToID: 3, Kind: RelChild},
		{ID: 3, FromID: 3, ToID: 4, Kind: RelDivorced},
	}}
	for _, tc := range []struct {
		name  string
		in    GenogramRelationInput
		id    int64
		field string
	}{
		{"grandparents married", GenogramRelationInput{FromID: 1, ToID: 2, Kind: RelMarried}, 0, ""},
		{"a child one row down", GenogramRelationInput{FromID: 3, ToID: 5, Kind: RelChild}, 0, ""},
		{"conflict across rows", GenogramRelationInput{FromID: 2, ToID: 5, Kind: RelConflict}, 0, ""},
		{"to oneself", GenogramRelationInput{FromID: 3, ToID: 3, Kind: RelClose}, 0, "to_id"},
		{"partners across rows", GenogramRelationInput{FromID: 1, ToID: 3, Kind: RelTogether}, 0, "to_id"},
		{"a child two rows down", GenogramRelationInput{FromID: 1, ToID: 5, Kind: RelChild}, 0, "to_id"},
		{"the child upside down", GenogramRelationInput{FromID: 5, ToID: 3, Kind: RelChild}, 0, "to_id"},
		{"a third parent", GenogramRelationInput{FromID: 6, ToID: 3, Kind: RelChild}, 0, "to_id"},
		{"a foster parent beside two parents", GenogramRelationInput{FromID: 6, ToID: 3, Kind: RelFoster}, 0, ""},
		{"a second partner relation", GenogramRelationInput{FromID: 4, ToID: 3, Kind: RelMarried}, 0, "relation_kind"},
		{"the relation itself changed", GenogramRelationInput{FromID: 4, ToID: 3, Kind: RelSeparated}, 3, ""},
		{"an unknown person", GenogramRelationInput{FromID: 9, ToID: 3, Kind: RelClose}, 0, "from_id"},
		{"an unknown kind", GenogramRelationInput{FromID: 1, ToID: 2, Kind: "vriend"}, 0, "relation_kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.in.Validate(g, tc.id)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if ErrorFields(err)[tc.field] == "" {
				t.Fatalf("want an error on %s, got %v", tc.field, err)
			}
		})
	}
}
