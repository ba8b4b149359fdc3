package ui

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"regie"
)

// conflict is what an edit form shows when it was saved over a record
// that someone else changed after the form was read (ESTALE): nothing was
// saved, what was typed is still in the form, and per field what is stored
// now stands next to what was typed. The form then carries the stored
// version, so saving again keeps what was typed, knowingly.
type conflict struct {
	Message string
	By      string    // who saved in between ("" when unknown)
	At      time.Time // when (zero when unknown)
	Fields  []conflictField
}

// conflictField is one field that differs: its Dutch label, the value
// stored now and the value typed, both as a person reads them.
type conflictField struct {
	Label, Stored, Typed string
}

// newConflict starts the conflict of a refused save.
func newConflict(err error, by string, at time.Time) *conflict {
	return &conflict{Message: regie.ErrorMessage(err), By: by, At: at}
}

// diffValues lists the fields, in order, whose stored value differs from
// the typed one. show turns a field's values into what a person reads
// (the label of a choice, names for ids); nil shows them as they are.
func diffValues(stored url.Values, typed *form, fields []string, show func(field string, values []string) string) []conflictField {
	if show == nil {
		show = func(_ string, vs []string) string { return strings.Join(vs, ", ") }
	}
	var out []conflictField
	for _, name := range fields {
		s, t := cleanValues(stored[name]), cleanValues(typed.Values[name])
		if slices.Equal(s, t) {
			continue
		}
		out = append(out, conflictField{Label: regie.FieldLabel(name), Stored: shown(show(name, s)), Typed: shown(show(name, t))})
	}
	return out
}

// cleanValues trims and sorts a field's values and drops empty ones, so a
// checkbox list in another order or trailing spaces are no difference.
func cleanValues(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = regie.Clean(v); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// shown writes an empty value as such.
func shown(s string) string {
	if s == "" {
		return "(leeg)"
	}
	return s
}

// choiceLabel returns the label of a choice value, or the value.
func choiceLabel(opts []option, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// planConflict lists what differs between the draft stored now and the
// typed one: the texts, each life domain, and the goals and agreements by
// their key, so a goal someone else added in between is named as such
// (saving the stale form again would drop it).
func planConflict(v *regie.PlanVersion, in regie.PlanInput) []conflictField {
	var out []conflictField
	add := func(label, stored, typed string) {
		if regie.Clean(stored) != regie.Clean(typed) {
			out = append(out, conflictField{Label: label, Stored: shown(regie.Clean(stored)), Typed: shown(regie.Clean(typed))})
		}
	}
	for _, f := range []struct{ name, stored, typed string }{
		{"history", v.History, in.History}, {"strengths", v.Strengths, in.Strengths}, {"obstacles", v.Obstacles, in.Obstacles},
		{"problems", v.Problems, in.Problems}, {"situation", v.Situation, in.Situation},
	} {
		add(regie.FieldLabel(f.name), f.stored, f.typed)
	}
	for _, d := range regie.Domains {
		s, t := v.Domain(d.Value), in.Domains[d.Value]
		if t == nil {
			t = &regie.DomainAssessment{}
		}
		add(d.Label+", situatie", s.Situation, t.Situation)
		add(d.Label+", krachten", s.Strengths, t.Strengths)
		add(d.Label+", belemmeringen", s.Obstacles, t.Obstacles)
		add(d.Label+", score", scoreText(s.Score), scoreText(t.Score))
	}
	typedGoals := map[string]regie.GoalInput{}
	for _, g := range in.Goals {
		if g.Key != "" && !g.Empty() {
			typedGoals[g.Key] = g
		}
	}
	for _, g := range v.Goals {
		t, ok := typedGoals[g.Key]
		switch {
		case !ok:
			add("Doel, intussen toegevoegd", g.Text, "")
		default:
			add("Doel", g.Text, t.Text)
			add("Doel, termijn ("+g.Text+")", g.Term.Label(), t.Term.Label())
			add("Doel, leefgebied ("+g.Text+")", g.Domain.Label(), t.Domain.Label())
		}
		delete(typedGoals, g.Key)
	}
	for _, g := range in.Goals {
		if _, gone := typedGoals[g.Key]; gone && g.Key != "" {
			add("Doel, intussen verwijderd", "", g.Text)
		}
	}
	typedAgreements := map[string]regie.AgreementInput{}
	for _, a := range in.Agreements {
		if a.Key != "" && !a.Empty() {
			typedAgreements[a.Key] = a
		}
	}
	for _, a := range v.Agreements {
		t, ok := typedAgreements[a.Key]
		switch {
		case !ok:
			add("Afspraak, intussen toegevoegd", agreementText(a.What, a.Due.ISO()), "")
		default:
			add("Afspraak", agreementText(a.What, a.Due.ISO()), agreementText(t.What, t.Due))
		}
		delete(typedAgreements, a.Key)
	}
	for _, a := range in.Agreements {
		if _, gone := typedAgreements[a.Key]; gone && a.Key != "" {
			add("Afspraak, intussen verwijderd", "", agreementText(a.What, a.Due))
		}
	}
	add(regie.FieldLabel("closing_question"), v.ClosingQuestion, in.ClosingQuestion)
	return out
}

func scoreText(s regie.Score) string {
	if s == 0 {
		return ""
	}
	return fmt.Sprint(int(s))
}

func agreementText(what, due string) string {
	what = regie.Clean(what)
	if due = regie.Clean(due); due != "" {
		if d, err := regie.ParseDate(due); err == nil {
			due = d.Dutch()
		}
		return what + " (uiterlijk " + due + ")"
	}
	return what
}
