package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/request"
)

// Evaluations of the plan: the list, the form (interim or final, one page
// that comes back whole when something is wrong) and one evaluation, with
// the team leader's "besproken" and the step to the next plan version.

type evaluationsPage struct {
	Family *regie.Family
	List   *regie.EvaluationList
	Today  regie.Date
}

func (h *Handler) showEvaluations(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	list, err := h.Evaluations.FindEvaluations(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "evaluations", &view{Title: "Evaluaties", Nav: h.familyNav(r),
		Page: evaluationsPage{Family: fam, List: list, Today: regie.DateOf(h.Clock.Now())}})
	return nil
}

// evaluationID reads the {eid} of an evaluation URL.
func evaluationID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, regie.NotFound()
	}
	return id, nil
}

type evaluationPage struct {
	Family     *regie.Family
	Evaluation *regie.Evaluation
	Domains    []regie.Choice[regie.Domain]
}

func (h *Handler) renderEvaluation(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	eid, err := evaluationID(r)
	if err != nil {
		return err
	}
	e, err := h.Evaluations.FindEvaluation(r.Context(), fam.ID, eid)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil)
	}
	h.render(w, r, status, "evaluation", &view{Title: e.Kind.Label() + " van " + e.On.Dutch(), Nav: h.familyNav(r), Form: f,
		Page: evaluationPage{Family: fam, Evaluation: e, Domains: regie.Domains}})
	return nil
}

func (h *Handler) showEvaluation(w http.ResponseWriter, r *http.Request) error {
	return h.renderEvaluation(w, r, http.StatusOK, nil)
}

// evaluationAction runs a step on an evaluation: the page comes back with
// the message when it cannot be done.
func (h *Handler) evaluationAction(w http.ResponseWriter, r *http.Request, do func(id, eid int64, f *form) (string, regie.Msg, error)) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	eid, err := evaluationID(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	to, flash, err := do(id, eid, f)
	if regie.ErrorCode(err) == regie.ECONFLICT {
		f.Errors = map[string]string{"": regie.ErrorMessage(err)}
		return h.renderEvaluation(w, r, http.StatusConflict, f)
	}
	if f.withError(err) {
		return h.renderEvaluation(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, to, flash)
	return nil
}

func (h *Handler) discussEvaluation(w http.ResponseWriter, r *http.Request) error {
	return h.evaluationAction(w, r, func(id, eid int64, f *form) (string, regie.Msg, error) {
		to := fmt.Sprintf("/gezinnen/%d/evaluaties/%d", id, eid)
		if f.Get("terug") == "teamoverleg" {
			to = "/teamoverleg#evaluaties"
		}
		return to, regie.MsgFlashEvalDiscussed, h.Evaluations.MarkEvaluationDiscussed(r.Context(), id, eid)
	})
}

func (h *Handler) startPlanFromEvaluation(w http.ResponseWriter, r *http.Request) error {
	return h.evaluationAction(w, r, func(id, eid int64, f *form) (string, regie.Msg, error) {
		v, err := h.Evaluations.StartPlanFromEvaluation(r.Context(), id, eid)
		if err != nil {
			return "", "", err
		}
		return fmt.Sprintf("/gezinnen/%d/plan/%d/bewerken", id, v.Number), regie.MsgFlashEvalVersion, nil
	})
}

// The form.

type evaluationFormPage struct {
	Family     *regie.Family
	Kind       regie.EvaluationKind
	Version    *regie.PlanVersion // the agreed version evaluated, with its goals
	Domains    []regie.Choice[regie.Domain]
	Scores     []option
	Degrees    []option
	EndTerms   []regie.Choice[regie.EndTerm]
	TermScores []option
	// DefaultNext is when the next interim evaluation is due by the norm
	// if the form is sent today.
	DefaultNext regie.Date
}

// evaluationKind reads the kind from the query (soort=tussen|eind) or
// the form.
func evaluationKind(v string) regie.EvaluationKind {
	if regie.EvaluationKind(v) == regie.EvalFinal {
		return regie.EvalFinal
	}
	return regie.EvalInterim
}

func (h *Handler) renderEvaluationForm(w http.ResponseWriter, r *http.Request, status int, f *form, kind regie.EvaluationKind) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	if !fam.Can.Evaluate {
		return regie.Forbidden()
	}
	v, err := h.Evaluations.EvaluationGoals(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	norms, err := h.Settings.FindNorms(r.Context())
	if err != nil {
		return err
	}
	today := regie.DateOf(h.Clock.Now())
	if f == nil {
		f = newForm(url.Values{"on": {today.ISO()}, "casemanager": {"1"}, "kind": {string(kind)}})
	}
	f.Order = []string{"kind", "on", "participants", "members", "others", "plan_goals"}
	for _, g := range v.Goals {
		for _, k := range []string{"progress", "changes", "degree", "note"} {
			f.Order = append(f.Order, "goal-"+g.Key+"-"+k)
		}
	}
	for _, t := range regie.EndTerms {
		f.Order = append(f.Order, "term-"+string(t.Value)+"-score", "term-"+string(t.Value)+"-note")
	}
	f.Order = append(f.Order, "closing_answer", "scores")
	for _, d := range regie.Domains {
		f.Order = append(f.Order, "score-"+string(d.Value))
	}
	f.Order = append(f.Order, "next_due")
	p := evaluationFormPage{Family: fam, Kind: kind, Version: v, Domains: regie.Domains, Degrees: choiceOptions(regie.GoalDegrees),
		EndTerms: regie.EndTerms, TermScores: choiceOptions(regie.EndTermScores),
		DefaultNext: today.AddMonths(norms.InterimAfterPlanMonths)}
	for _, s := range regie.Scores {
		p.Scores = append(p.Scores, option{strconv.Itoa(int(s.Score)), fmt.Sprintf("%d — %s", s.Score, s.Label)})
	}
	h.render(w, r, status, "evaluation_form", &view{Title: kind.Label() + " vastleggen", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showEvaluationNew(w http.ResponseWriter, r *http.Request) error {
	kind := regie.EvalInterim
	if r.URL.Query().Get("soort") == "eind" {
		kind = regie.EvalFinal
	}
	return h.renderEvaluationForm(w, r, http.StatusOK, nil, kind)
}

// evaluationInput reads the form. Goals and end terms come by their keys.
func evaluationInput(f *form) regie.EvaluationInput {
	in := regie.EvaluationInput{Kind: evaluationKind(f.Get("kind")), On: f.Get("on"), Casemanager: f.Get("casemanager") != "",
		Team: f.Get("team") != "", Others: f.Get("others"), ClosingAnswer: f.Get("closing_answer"), NextDue: f.Get("next_due"),
		Goals: map[string]*regie.GoalEvaluationInput{}, EndTerms: map[regie.EndTerm]*regie.EndTermInput{},
		Scores: map[regie.Domain]regie.Score{}}
	for _, m := range f.Values["members"] {
		id, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			id = -1 // the service names the field
		}
		in.Members = append(in.Members, id)
	}
	for _, key := range f.Values["goal"] {
		in.Goals[key] = &regie.GoalEvaluationInput{Progress: f.Get("goal-" + key + "-progress"), Changes: f.Get("goal-" + key + "-changes"),
			Degree: regie.GoalDegree(f.Get("goal-" + key + "-degree")), Note: f.Get("goal-" + key + "-note")}
	}
	if in.Kind == regie.EvalFinal {
		for _, t := range regie.EndTerms {
			key := string(t.Value)
			if s := f.Get("term-" + key + "-score"); s != "" || f.Get("term-"+key+"-note") != "" {
				in.EndTerms[t.Value] = &regie.EndTermInput{Score: regie.EndTermScore(s), Note: f.Get("term-" + key + "-note")}
			}
		}
	}
	for _, d := range regie.Domains {
		if v := f.Get("score-" + string(d.Value)); v != "" && v != "0" {
			n, err := strconv.Atoi(v)
			if err != nil {
				n = -1
			}
			in.Scores[d.Value] = regie.Score(n)
		}
	}
	return in
}

func (h *Handler) saveEvaluation(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	in := evaluationInput(f)
	e, err := h.Evaluations.RecordEvaluation(r.Context(), id, in)
	if f.withError(err) {
		return h.renderEvaluationForm(w, r, http.StatusUnprocessableEntity, f, in.Kind)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/evaluaties/%d", id, e.ID), regie.MsgFlashEvalRecorded)
	return nil
}
