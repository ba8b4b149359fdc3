package demo

import (
	"context"

	"regie"
)

// The demo's evaluations: every family three months into the execution
// phase has an interim evaluation (its scores a little better); for
// families that go on working in phase 3 the team makes the next plan
// version from it and has yet to discuss it (the agenda shows it); the
// others were discussed in the team meeting of their week. A family that
// reaches phase 5 has its final evaluation with the eight end terms.

// interimEvaluation records the interim evaluation on day d; with
// newVersion a plan version is started from it (left as a draft for the
// casemanager to adjust).
func (w *world) interimEvaluation(cm context.Context, f family, id int64, d regie.Date, newVersion bool) error {
	members, _, err := memberIDs(cm, w.st, id)
	if err != nil {
		return err
	}
	o, err := w.st.FindPlan(cm, id)
	if err != nil || o.Agreed == nil {
		return err
	}
	scores := map[regie.Domain]regie.Score{}
	for dm, s := range planFor(f).scores {
		scores[dm] = min(s+1, 5)
	}
	in := regie.EvaluationInput{Kind: regie.EvalInterim, On: d.ISO(), Members: []int64{members[f.members[0].given]},
		Casemanager: true, Team: true, Goals: map[string]*regie.GoalEvaluationInput{}, Scores: scores}
	for i, g := range o.Agreed.Goals {
		gi := &regie.GoalEvaluationInput{Progress: "Gaat de goede kant op: de eerste stappen zijn gezet."}
		if i == 0 {
			gi.Progress = "Gelukt: het overzicht is er."
			gi.Changes = "Het doel wordt: het zelf bijhouden, met hulp van het buurtteam."
		}
		in.Goals[g.Key] = gi
	}
	e, err := w.st.RecordEvaluation(cm, id, in)
	if err != nil {
		return err
	}
	if err := w.balanceInterim(cm, f, id, d); err != nil {
		return err
	}
	if newVersion {
		// Left for this week's team meeting: the agenda shows it.
		_, err = w.st.StartPlanFromEvaluation(cm, id, e.ID)
		return err
	}
	return w.st.MarkEvaluationDiscussed(w.lead, id, e.ID)
}

// finalEvaluation records the final evaluation on day d, every end term
// scored, and returns it.
func (w *world) finalEvaluation(cm context.Context, f family, id int64, d regie.Date) (*regie.Evaluation, error) {
	members, _, err := memberIDs(cm, w.st, id)
	if err != nil {
		return nil, err
	}
	o, err := w.st.FindPlan(cm, id)
	if err != nil {
		return nil, err
	}
	scores := map[regie.Domain]regie.Score{}
	for dm, s := range planFor(f).scores {
		scores[dm] = finalScore(f, dm, s)
	}
	in := regie.EvaluationInput{Kind: regie.EvalFinal, On: d.ISO(), Members: []int64{members[f.members[0].given]}, Casemanager: true,
		Goals: map[string]*regie.GoalEvaluationInput{}, EndTerms: map[regie.EndTerm]*regie.EndTermInput{}, Scores: scores,
		ClosingAnswer: "Een vast aanspreekpunt in de wijk (het buurtteam), de schuldhulp tot de schulden zijn afgelost, en school die meekijkt."}
	if o.Agreed != nil {
		for i, g := range o.Agreed.Goals {
			degree := regie.GoalDegree("behaald")
			if i%3 == 2 {
				degree = "deels"
			}
			in.Goals[g.Key] = &regie.GoalEvaluationInput{Degree: degree, Note: "Besproken met het gezin."}
		}
	}
	notes := map[regie.EndTerm]*regie.EndTermInput{
		"leefsituatie":         {Score: "behaald", Note: "Huur betaald, geen dreiging van uitzetting meer."},
		"verantwoordelijkheid": {Score: "deels", Note: "De post wordt geopend; de rekeningen nog met hulp."},
		"ondersteuning":        {Score: "behaald", Note: "Buurtteam en schuldhulp nemen het over."},
		"vertrouwen":           {Score: "deels", Note: "Durft weer naar school en de gemeente te bellen."},
		"isolement":            {Score: "behaald", Note: "Gaat wekelijks naar de inloop in het buurthuis."},
		"overlast":             {Score: "nvt", Note: "Er was geen overlast of contact met justitie."},
		"financien":            {Score: "behaald", Note: "Schuldregeling loopt; geen nieuwe schulden."},
		"opvoeding":            {Score: "deels", Note: "Opvoedondersteuning gestart, wachtlijst voor de training."},
	}
	for _, t := range regie.EndTerms {
		in.EndTerms[t.Value] = notes[t.Value]
		if f.effect != nil && f.effect.terms[t.Value] != nil {
			in.EndTerms[t.Value] = f.effect.terms[t.Value]
		}
	}
	e, err := w.st.RecordEvaluation(cm, id, in)
	if err != nil {
		return nil, err
	}
	return e, w.st.MarkEvaluationDiscussed(w.lead, id, e.ID)
}
