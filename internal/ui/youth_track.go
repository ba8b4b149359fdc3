package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"regie"
	"regie/internal/request"
)

// The youth worker's own track (seed 003 §6): the page of one youth's
// track and the youth worker's forms — the start, the youth's plan, the
// scores, a contact with the youth and the final evaluation that closes
// it. The page and its forms are offered from regie.YouthPermissions,
// computed by the policy; the team leader's assignment of the youth
// worker stays at /gezinnen/{id}/jeugd/{mid}.

// youthAgreementRows is the number of new agreement rows the plan form
// offers.
const youthAgreementRows = 3

type youthTrackPage struct {
	Track    *regie.YouthTrack
	Can      regie.YouthPermissions
	Domains  []regie.Choice[regie.Domain]
	Statuses []option
}

// youthPath returns the family's and the youth's ids from the path.
func youthPath(r *http.Request) (familyID, memberID int64, err error) {
	if familyID, err = request.ID(r, "id"); err != nil {
		return 0, 0, err
	}
	memberID, err = request.ID(r, "mid")
	return familyID, memberID, err
}

// youthTrackFromPath reads the track of the path.
func (h *Handler) youthTrackFromPath(r *http.Request) (*regie.YouthTrack, regie.YouthPermissions, error) {
	id, mid, err := youthPath(r)
	if err != nil {
		return nil, regie.YouthPermissions{}, err
	}
	return h.Youth.FindYouthTrack(r.Context(), id, mid)
}

func (h *Handler) renderYouthTrack(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	t, can, err := h.youthTrackFromPath(r)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(url.Values{"started_on": {regie.DateOf(h.Clock.Now()).ISO()}}, "started_on")
	}
	h.render(w, r, status, "youth_track", &view{Title: "Jeugdtraject van " + t.MemberName, Nav: h.familyNav(r), Form: f,
		Page: youthTrackPage{Track: t, Can: can, Domains: regie.Domains, Statuses: choiceOptions(regie.AgreementStatuses)}})
	return nil
}

func (h *Handler) showYouthTrack(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthTrack(w, r, http.StatusOK, nil)
}

// startYouthTrack is the youth worker's "Traject starten".
func (h *Handler) startYouthTrack(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := youthPath(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "started_on")
	if err != nil {
		return err
	}
	_, err = h.Youth.StartYouthTrack(r.Context(), id, mid, regie.YouthStartInput{StartedOn: f.Get("started_on")})
	if f.withError(err) {
		return h.renderYouthTrack(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, regie.YouthTrackLink(id, mid), regie.MsgFlashYouthTrackStarted)
	return nil
}

// setYouthAgreementStatus records how one agreement goes, from the
// track's page.
func (h *Handler) setYouthAgreementStatus(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := youthPath(r)
	if err != nil {
		return err
	}
	aid, err := request.ID(r, "aid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	err = h.Youth.SetYouthAgreementStatus(r.Context(), id, mid, regie.YouthAgreementStatusInput{AgreementID: aid,
		Status: regie.AgreementStatus(f.Get("status"))})
	if f.withError(err) {
		return h.renderYouthTrack(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, regie.YouthTrackLink(id, mid)+"#h-afspraken", regie.MsgFlashYouthStatusSaved)
	return nil
}

// The youth's plan: the goal per life domain in the youth's words, the
// steps, and new agreements.

type youthPlanPage struct {
	Track   *regie.YouthTrack
	Domains []regie.Choice[regie.Domain]
	Rows    []int
}

func youthPlanOrder() []string {
	var order []string
	for _, d := range regie.Domains {
		order = append(order, "domain-"+string(d.Value), "steps-"+string(d.Value))
	}
	for i := range youthAgreementRows {
		for _, n := range []string{"owner", "what", "due"} {
			order = append(order, fmt.Sprintf("agreement-%d-%s", i, n))
		}
	}
	return order
}

func (h *Handler) renderYouthPlan(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	t, can, err := h.youthTrackFromPath(r)
	if err != nil {
		return err
	}
	if !can.Plan {
		return regie.Forbidden()
	}
	if f == nil {
		f = newForm(url.Values{})
		for _, g := range t.Goals {
			f.Values.Set("domain-"+string(g.Domain), g.Words)
			f.Values.Set("steps-"+string(g.Domain), g.Steps)
		}
	}
	f.Order = youthPlanOrder()
	p := youthPlanPage{Track: t, Domains: regie.Domains}
	for i := range youthAgreementRows {
		p.Rows = append(p.Rows, i)
	}
	h.render(w, r, status, "youth_plan_form", &view{Title: "Plan van " + t.MemberName, Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showYouthPlan(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthPlan(w, r, http.StatusOK, nil)
}

func (h *Handler) saveYouthPlan(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := youthPath(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	in := regie.YouthPlanInput{Goals: map[regie.Domain]string{}, Steps: map[regie.Domain]string{}}
	for _, d := range regie.Domains {
		if vs, ok := f.Values["domain-"+string(d.Value)]; ok && len(vs) > 0 {
			in.Goals[d.Value] = vs[0]
		}
		if vs, ok := f.Values["steps-"+string(d.Value)]; ok && len(vs) > 0 {
			in.Steps[d.Value] = vs[0]
		}
	}
	for i := range youthAgreementRows {
		p := fmt.Sprintf("agreement-%d-", i)
		in.Agreements = append(in.Agreements, regie.YouthAgreementInput{Owner: f.Get(p + "owner"), What: f.Get(p + "what"),
			Due: f.Get(p + "due"), ConcernsFamily: f.Get(p+"family") != ""})
	}
	err = h.Youth.SaveYouthPlan(r.Context(), id, mid, in)
	if f.withError(err) {
		return h.renderYouthPlan(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, regie.YouthTrackLink(id, mid), regie.MsgFlashYouthPlanSaved)
	return nil
}

// Self-reliance scores of the youth.

type youthScoresPage struct {
	Track   *regie.YouthTrack
	Domains []regie.Choice[regie.Domain]
	Kinds   []option
	Scores  []option
}

func scoreOptions() []option {
	var opts []option
	for _, s := range regie.Scores {
		opts = append(opts, option{strconv.Itoa(int(s.Score)), fmt.Sprintf("%d — %s", s.Score, s.Label)})
	}
	return opts
}

// formScores reads the score-<domain> selects.
func formScores(f *form) map[regie.Domain]regie.Score {
	scores := map[regie.Domain]regie.Score{}
	for _, d := range regie.Domains {
		if v := f.Get("score-" + string(d.Value)); v != "" && v != "0" {
			n, err := strconv.Atoi(v)
			if err != nil {
				n = -1 // the service names the field
			}
			scores[d.Value] = regie.Score(n)
		}
	}
	return scores
}

func scoreOrder(order ...string) []string {
	for _, d := range regie.Domains {
		order = append(order, "score-"+string(d.Value))
	}
	return order
}

func (h *Handler) renderYouthScores(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	t, can, err := h.youthTrackFromPath(r)
	if err != nil {
		return err
	}
	if !can.Plan {
		return regie.Forbidden()
	}
	if f == nil {
		kind := regie.YouthScoreBetween
		if len(t.Scores) == 0 {
			kind = regie.YouthScoreStart
		}
		f = newForm(url.Values{"scored_on": {regie.DateOf(h.Clock.Now()).ISO()}, "kind": {string(kind)}})
		if last := t.LatestScores(); last != nil {
			for d, s := range last.Scores {
				f.Values.Set("score-"+string(d), strconv.Itoa(int(s)))
			}
		}
	}
	f.Order = scoreOrder("kind", "scored_on", "scores")
	kinds := choiceOptions(regie.YouthScoreKinds[:2]) // the final scores come with the final evaluation
	h.render(w, r, status, "youth_scores_form", &view{Title: "Zelfredzaamheid van " + t.MemberName, Nav: h.familyNav(r), Form: f,
		Page: youthScoresPage{Track: t, Domains: regie.Domains, Kinds: kinds, Scores: scoreOptions()}})
	return nil
}

func (h *Handler) showYouthScores(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthScores(w, r, http.StatusOK, nil)
}

func (h *Handler) saveYouthScores(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := youthPath(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	err = h.Youth.ScoreYouth(r.Context(), id, mid, regie.YouthScoresInput{On: f.Get("scored_on"), Kind: regie.YouthScoreKind(f.Get("kind")),
		Scores: formScores(f)})
	if f.withError(err) {
		return h.renderYouthScores(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, regie.YouthTrackLink(id, mid)+"#h-scores", regie.MsgFlashYouthScoresSaved)
	return nil
}

// A contact with the youth, from the track: the youth is who was there,
// the note is confidential.

var youthContactFields = []string{"kind", "attempt", "date", "start", "minutes", "note"}

type youthContactPage struct {
	Track    *regie.YouthTrack
	Kinds    []option
	Attempts []option
}

func (h *Handler) renderYouthContact(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	t, can, err := h.youthTrackFromPath(r)
	if err != nil {
		return err
	}
	if !can.Contact {
		return regie.Forbidden()
	}
	if f == nil {
		now := h.Clock.Now().In(regie.Amsterdam)
		start := now.Add(-60 * time.Minute).Truncate(5 * time.Minute)
		f = newForm(url.Values{"date": {regie.DateOf(start).ISO()}, "start": {start.Format("15:04")}, "minutes": {"60"},
			"kind": {string(regie.ContactAccompany)}, "attempt": {string(regie.AttemptReached)}})
	}
	f.Order = youthContactFields
	var kinds []regie.Choice[regie.ContactKind]
	for _, k := range regie.ContactKinds {
		if k.Value.WithFamily() && k.Value != regie.ContactCouncil {
			kinds = append(kinds, k)
		}
	}
	h.render(w, r, status, "youth_contact_form", &view{Title: "Contact met " + t.MemberName, Nav: h.familyNav(r), Form: f,
		Page: youthContactPage{Track: t, Kinds: choiceOptions(kinds), Attempts: choiceOptions(regie.Attempts)}})
	return nil
}

func (h *Handler) showYouthContact(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthContact(w, r, http.StatusOK, nil)
}

func (h *Handler) createYouthContact(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := youthPath(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, youthContactFields...)
	if err != nil {
		return err
	}
	_, err = h.Youth.CreateYouthContact(r.Context(), id, mid, contactInput(f))
	if f.withError(err) {
		return h.renderYouthContact(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, regie.YouthTrackLink(id, mid)+"#h-contacten", regie.MsgFlashYouthContactSaved)
	return nil
}

// The final evaluation, which closes the track.

type youthEvaluationPage struct {
	Track   *regie.YouthTrack
	Domains []regie.Choice[regie.Domain]
	Degrees []option
	Scores  []option
}

func youthEvaluationOrder(t *regie.YouthTrack) []string {
	order := []string{"evaluated_on"}
	for i := range t.Goals {
		order = append(order, fmt.Sprintf("goal-%d-degree", i), fmt.Sprintf("goal-%d-note", i))
	}
	return scoreOrder(append(order, "how_now", "scores")...)
}

func (h *Handler) renderYouthEvaluation(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	t, can, err := h.youthTrackFromPath(r)
	if err != nil {
		return err
	}
	if !can.Close {
		return regie.Forbidden()
	}
	if f == nil {
		f = newForm(url.Values{"evaluated_on": {regie.DateOf(h.Clock.Now()).ISO()}})
		if last := t.LatestScores(); last != nil {
			for d, s := range last.Scores {
				f.Values.Set("score-"+string(d), strconv.Itoa(int(s)))
			}
		}
	}
	f.Order = youthEvaluationOrder(t)
	h.render(w, r, status, "youth_evaluation_form", &view{Title: "Eindevaluatie met " + t.MemberName, Nav: h.familyNav(r), Form: f,
		Page: youthEvaluationPage{Track: t, Domains: regie.Domains, Degrees: choiceOptions(regie.GoalDegrees), Scores: scoreOptions()}})
	return nil
}

func (h *Handler) showYouthEvaluation(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthEvaluation(w, r, http.StatusOK, nil)
}

func (h *Handler) closeYouthTrack(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := youthPath(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	in := regie.YouthEvaluationInput{On: f.Get("evaluated_on"), HowNow: f.Get("how_now"), Scores: formScores(f)}
	for _, v := range f.Values["goal"] {
		// goal carries "<row>:<goal id>": the row names the fields.
		var row int
		var gid int64
		if _, err := fmt.Sscanf(v, "%d:%d", &row, &gid); err != nil {
			continue
		}
		p := fmt.Sprintf("goal-%d-", row)
		in.Goals = append(in.Goals, regie.YouthGoalResultInput{GoalID: gid, Degree: regie.GoalDegree(f.Get(p + "degree")), Note: f.Get(p + "note")})
	}
	err = h.Youth.CloseYouthTrack(r.Context(), id, mid, in)
	if f.withError(err) {
		return h.renderYouthEvaluation(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, regie.YouthTrackLink(id, mid), regie.MsgFlashYouthTrackClosed)
	return nil
}
