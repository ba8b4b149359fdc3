package demo

import (
	"context"
	"fmt"

	"regie"
)

// The genogram in the demo (issue 15): Gezin Jansen over three
// generations. Sandra's father died; Dylan is Sandra's son from her
// marriage to Patrick, which ended in a divorce and still in conflict;
// Kevin and Lotte are Sandra and Rob's; Oma Thea (also in the informal
// network) is close to Sandra and looks after Lotte; Rob keeps his
// distance from his father.

// genoPerson is a person of a demo genogram: a member (by given name) or
// a relative.
type genoPerson struct {
	key, member, name string
	sex               regie.GenogramSex
	generation        string
	born, died        string
	markers           []regie.GenogramMarker
	note              string
}

// genoRelation is a relation between two persons, by key.
type genoRelation struct {
	from, to string
	kind     regie.GenogramRelationKind
	note     string
}

var genograms = map[string]struct {
	persons   []genoPerson
	relations []genoRelation
}{
	"Gezin Jansen": {
		persons: []genoPerson{
			{key: "wim", name: "Opa Wim", sex: regie.SexMale, generation: "-1", born: "1950", died: "2018", note: "Vader van Sandra; overleed na een lang ziekbed."},
			{key: "thea", name: "Oma Thea", sex: regie.SexFemale, generation: "-1", born: "1953"},
			{key: "gerard", name: "Opa Gerard", sex: regie.SexMale, generation: "-1", born: "1956", markers: []regie.GenogramMarker{regie.MarkerAddiction}},
			{key: "ans", name: "Oma Ans", sex: regie.SexFemale, generation: "-1", born: "1958"},
			{key: "patrick", name: "Patrick", sex: regie.SexMale, generation: "0", born: "1986",
				markers: []regie.GenogramMarker{regie.MarkerAddiction, regie.MarkerDebt}, note: "Vader van Dylan; ziet Dylan af en toe."},
			{key: "sandra", member: "Sandra", sex: regie.SexFemale, generation: "0", markers: []regie.GenogramMarker{regie.MarkerDebt}},
			{key: "rob", member: "Rob", sex: regie.SexMale, generation: "0"},
			{key: "dylan", member: "Dylan", sex: regie.SexMale, generation: "1"},
			{key: "kevin", member: "Kevin", sex: regie.SexMale, generation: "1"},
			{key: "lotte", member: "Lotte", sex: regie.SexFemale, generation: "1"},
		},
		relations: []genoRelation{
			{"wim", "thea", regie.RelMarried, ""},
			{"wim", "sandra", regie.RelChild, ""},
			{"thea", "sandra", regie.RelChild, ""},
			{"gerard", "ans", regie.RelMarried, ""},
			{"gerard", "rob", regie.RelChild, ""},
			{"ans", "rob", regie.RelChild, ""},
			{"patrick", "sandra", regie.RelDivorced, "gescheiden in 2013"},
			{"sandra", "rob", regie.RelTogether, ""},
			{"patrick", "dylan", regie.RelChild, ""},
			{"sandra", "dylan", regie.RelChild, ""},
			{"sandra", "kevin", regie.RelChild, ""},
			{"rob", "kevin", regie.RelChild, ""},
			{"sandra", "lotte", regie.RelChild, ""},
			{"rob", "lotte", regie.RelChild, ""},
			{"patrick", "sandra", regie.RelConflict, "ruzie over de omgang met Dylan"},
			{"thea", "sandra", regie.RelClose, ""},
			{"rob", "gerard", regie.RelDistant, ""},
			{"thea", "lotte", regie.RelCare, "woensdagmiddag"},
		},
	},
}

// genogram records the family's genogram, when the demo has one.
func (w *world) genogram(cm context.Context, f family, id int64) error {
	script, ok := genograms[f.name]
	if !ok {
		return nil
	}
	members, _, err := memberIDs(cm, w.st, id)
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, p := range script.persons {
		in := regie.GenogramPersonInput{MemberID: members[p.member], Name: p.name, Sex: p.sex, Generation: p.generation,
			BirthYear: p.born, DeathYear: p.died, Markers: p.markers, Note: p.note}
		gp, err := w.st.AddGenogramPerson(cm, id, in)
		if err != nil {
			return fmt.Errorf("demo genogram person %s: %w", p.key, err)
		}
		ids[p.key] = gp.ID
	}
	for _, r := range script.relations {
		if _, err := w.st.AddGenogramRelation(cm, id, regie.GenogramRelationInput{FromID: ids[r.from], ToID: ids[r.to], Kind: r.kind, Note: r.note}); err != nil {
			return fmt.Errorf("demo genogram relation %s–%s: %w", r.from, r.to, err)
		}
	}
	return nil
}
