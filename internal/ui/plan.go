package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"regie"
	"regie/internal/pdf"
	"regie/internal/request"
)

// The plan: one per family, in versions. The overview shows the newest
// version and what can be done with it; the draft is written in one long
// form (general part, the life domains, goals, agreements, the closing
// question) that comes back whole when something is wrong.

// planPage is the data of the plan overview and of a version's view.
type planPage struct {
	Family   *regie.Family
	Plan     *regie.PlanOverview
	Version  *regie.PlanVersion // the version shown, with content
	Origins  []option
	Statuses []option
	Today    regie.Date
	Norms    regie.Norms // when the plan is due
}

// planNumber reads the {nr} of a plan URL.
func planNumber(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.PathValue("nr"))
	if err != nil || n <= 0 {
		return 0, regie.NotFound()
	}
	return n, nil
}

func (h *Handler) renderPlan(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	o, err := h.Plans.FindPlan(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(url.Values{"agreed_on": {regie.DateOf(h.Clock.Now()).ISO()}, "origin": {"wijziging"}}, "origin", "agreed_on", "agreed_with")
	}
	norms, err := h.Settings.FindNorms(r.Context())
	if err != nil {
		return err
	}
	p := planPage{Family: fam, Plan: o, Version: o.Current, Origins: choiceOptions(regie.PlanOrigins[1:]),
		Statuses: choiceOptions(regie.AgreementStatuses), Today: regie.DateOf(h.Clock.Now()), Norms: norms}
	h.render(w, r, status, "plan", &view{Title: "Hulpverleningsplan", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showPlan(w http.ResponseWriter, r *http.Request) error {
	return h.renderPlan(w, r, http.StatusOK, nil)
}

// showPlanVersion shows one version, read-only: older versions stay
// readable as they were agreed.
func (h *Handler) showPlanVersion(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := planNumber(r)
	if err != nil {
		return err
	}
	fam, err := h.Families.FindFamilyByID(r.Context(), id)
	if err != nil {
		return err
	}
	v, err := h.Plans.FindPlanVersion(r.Context(), id, n)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "plan_version", &view{Title: fmt.Sprintf("Hulpverleningsplan, versie %d", n), Nav: h.familyNav(r),
		Page: planPage{Family: fam, Plan: fam.Plan, Version: v, Today: regie.DateOf(h.Clock.Now())}})
	return nil
}

func (h *Handler) startPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "origin")
	if err != nil {
		return err
	}
	origin := regie.PlanOrigin(f.Get("origin"))
	if origin == "" {
		origin = "eerste"
	}
	v, err := h.Plans.StartPlanVersion(r.Context(), id, origin)
	switch {
	case regie.ErrorCode(err) == regie.ECONFLICT: // a draft is open already
		f.Errors = map[string]string{"origin": regie.ErrorMessage(err)}
		return h.renderPlan(w, r, http.StatusConflict, f)
	case f.withError(err):
		return h.renderPlan(w, r, http.StatusUnprocessableEntity, f)
	case err != nil:
		return err
	}
	flash := regie.MsgFlashPlanStarted
	if v.Number == 1 {
		flash = ""
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan/%d/bewerken", id, v.Number), flash)
	return nil
}

func (h *Handler) discussPlan(w http.ResponseWriter, r *http.Request) error {
	return h.planAction(w, r, regie.MsgFlashPlanDiscussed, func(id int64, n int, f *form) error {
		return h.Plans.MarkPlanDiscussed(r.Context(), id, n)
	})
}

func (h *Handler) agreePlan(w http.ResponseWriter, r *http.Request) error {
	return h.planAction(w, r, regie.MsgFlashPlanAgreed, func(id int64, n int, f *form) error {
		return h.Plans.AgreePlan(r.Context(), id, n, regie.PlanAgreement{On: f.Get("agreed_on"), With: f.Get("agreed_with")})
	})
}

// planAction runs a step on a version from the overview: the overview
// comes back with the message when it cannot be done.
func (h *Handler) planAction(w http.ResponseWriter, r *http.Request, flash regie.Msg, do func(id int64, n int, f *form) error) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := planNumber(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "agreed_on", "agreed_with")
	if err != nil {
		return err
	}
	err = do(id, n, f)
	if regie.ErrorCode(err) == regie.ECONFLICT {
		f.Errors = map[string]string{"": regie.ErrorMessage(err)}
		return h.renderPlan(w, r, http.StatusConflict, f)
	}
	if f.withError(err) {
		return h.renderPlan(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan", id), flash)
	return nil
}

func (h *Handler) setAgreementStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "status")
	if err != nil {
		return err
	}
	err = h.Plans.SetAgreementStatus(r.Context(), id, r.PathValue("key"), regie.AgreementStatus(f.Get("status")))
	if f.withError(err) {
		return h.renderPlan(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan#afspraken", id), regie.MsgFlashAgreementStatus)
	return nil
}

// The draft form.

// planFormPage is the data of the draft form.
type planFormPage struct {
	Family        *regie.Family
	Version       *regie.PlanVersion
	Domains       []regie.Choice[regie.Domain]
	Terms         []option
	DomainOptions []option
	MemberOptions []option // goal for: the family or a member
	Owners        []option
	// Kept is, per agreement row, the owner it holds that is no longer
	// offered: a person of the informal network who ended.
	Kept          map[int]option
	GoalRows      []int
	AgreementRows []int
	Members       []*regie.Member
	Scores        []option
}

// OwnersFor are the owners offered on agreement row i: everyone who can
// own an agreement, and the ended person the row holds, if any.
func (p planFormPage) OwnersFor(i int) []option {
	if o, ok := p.Kept[i]; ok {
		return append(slices.Clone(p.Owners), o)
	}
	return p.Owners
}

// planFormRows is how many empty rows the form offers beyond those filled.
const planFormRows = 2

// planFields lists the form's fields top to bottom, for the summary.
func planFields(goals, agreements int) []string {
	fs := []string{"history", "strengths", "obstacles", "problems", "situation"}
	for _, d := range regie.Domains {
		fs = append(fs, "domain-"+string(d.Value), "score-"+string(d.Value))
	}
	for i := range goals {
		for _, k := range []string{"text", "term", "domain", "member"} {
			fs = append(fs, fmt.Sprintf("goal-%d-%s", i, k))
		}
	}
	for i := range agreements {
		for _, k := range []string{"what", "owner", "domain", "due"} {
			fs = append(fs, fmt.Sprintf("agreement-%d-%s", i, k))
		}
	}
	return append(fs, "closing_question")
}

// versionValues fills the form from a version.
func versionValues(v *regie.PlanVersion) url.Values {
	vals := url.Values{"history": {v.History}, "strengths": {v.Strengths}, "obstacles": {v.Obstacles}, "problems": {v.Problems},
		"situation": {v.Situation}, "closing_question": {v.ClosingQuestion}, "revision": {strconv.Itoa(v.Revision)}}
	for _, a := range v.Domains {
		d := string(a.Domain)
		vals.Set("domain-"+d+"-situation", a.Situation)
		vals.Set("domain-"+d+"-strengths", a.Strengths)
		vals.Set("domain-"+d+"-obstacles", a.Obstacles)
		vals.Set("score-"+d, strconv.Itoa(int(a.Score)))
		for m, sc := range a.MemberScores {
			vals.Set(fmt.Sprintf("score-%s-m%d", d, m), strconv.Itoa(int(sc)))
		}
	}
	for i, g := range v.Goals {
		set := func(k, val string) { vals.Set(fmt.Sprintf("goal-%d-%s", i, k), val) }
		set("key", g.Key)
		set("term", string(g.Term))
		set("domain", string(g.Domain))
		set("text", g.Text)
		if g.MemberID != 0 {
			set("member", strconv.FormatInt(g.MemberID, 10))
		}
	}
	for i, a := range v.Agreements {
		set := func(k, val string) { vals.Set(fmt.Sprintf("agreement-%d-%s", i, k), val) }
		set("key", a.Key)
		set("what", a.What)
		set("domain", string(a.Domain))
		set("due", a.Due.ISO())
		set("owner", ownerValue(a))
	}
	vals.Set("goal_rows", strconv.Itoa(len(v.Goals)+planFormRows))
	vals.Set("agreement_rows", strconv.Itoa(len(v.Agreements)+planFormRows))
	return vals
}

// rowCount reads a row count the form carries, within bounds.
func rowCount(f *form, name string) int {
	n, _ := strconv.Atoi(f.Get(name))
	return min(max(n, planFormRows+1), 60)
}

// planInput reads the draft form. Member scores are score-<domain>-m<id>;
// the store checks that the members belong to the family.
func planInput(f *form) regie.PlanInput {
	in := regie.PlanInput{History: f.Get("history"), Strengths: f.Get("strengths"), Obstacles: f.Get("obstacles"),
		Problems: f.Get("problems"), Situation: f.Get("situation"), ClosingQuestion: f.Get("closing_question"),
		Domains: map[regie.Domain]*regie.DomainAssessment{}, Revision: int(f.Int64("revision"))}
	for _, d := range regie.Domains {
		key := string(d.Value)
		sc, _ := strconv.Atoi(f.Get("score-" + key))
		a := &regie.DomainAssessment{Situation: f.Get("domain-" + key + "-situation"), Strengths: f.Get("domain-" + key + "-strengths"),
			Obstacles: f.Get("domain-" + key + "-obstacles"), Score: regie.Score(sc), MemberScores: map[int64]regie.Score{}}
		for name := range f.Values {
			idText, ok := strings.CutPrefix(name, "score-"+key+"-m")
			id, err := strconv.ParseInt(idText, 10, 64)
			if ms, _ := strconv.Atoi(f.Get(name)); ok && err == nil && ms != 0 {
				a.MemberScores[id] = regie.Score(ms)
			}
		}
		if !a.Empty() {
			in.Domains[d.Value] = a
		}
	}
	for i := range rowCount(f, "goal_rows") {
		get := func(k string) string { return f.Get(fmt.Sprintf("goal-%d-%s", i, k)) }
		member, _ := strconv.ParseInt(get("member"), 10, 64)
		in.Goals = append(in.Goals, regie.GoalInput{Key: get("key"), Term: regie.GoalTerm(get("term")), Domain: regie.Domain(get("domain")),
			MemberID: member, Text: get("text")})
	}
	for i := range rowCount(f, "agreement_rows") {
		get := func(k string) string { return f.Get(fmt.Sprintf("agreement-%d-%s", i, k)) }
		in.Agreements = append(in.Agreements, regie.AgreementInput{Key: get("key"), Owner: get("owner"), Domain: regie.Domain(get("domain")),
			What: get("what"), Due: get("due")})
	}
	return in
}

func (h *Handler) renderPlanForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := planNumber(r)
	if err != nil {
		return err
	}
	fam, err := h.Families.FindFamilyByID(r.Context(), id)
	if err != nil {
		return err
	}
	if fam.Plan == nil || !fam.Plan.CanEdit {
		return regie.Forbidden()
	}
	v, err := h.Plans.FindPlanVersion(r.Context(), id, n)
	if err != nil {
		return err
	}
	if v.Frozen() {
		// An old link or a second tab: say why there is no form.
		h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan/%d", id, n), regie.MsgFlashPlanFrozen)
		return nil
	}
	if f == nil {
		f = newForm(versionValues(v))
	}
	if f.Conflict != nil {
		// Saved by someone else in between (savePlan): compare with the
		// draft as stored now, and save again from its revision.
		f.Conflict.By, f.Conflict.At = v.UpdatedByName, v.UpdatedAt
		f.Conflict.Fields = planConflict(v, planInput(f))
		f.Values.Set("revision", strconv.Itoa(v.Revision))
	}
	goals, agreements := rowCount(f, "goal_rows"), rowCount(f, "agreement_rows")
	f.Order = planFields(goals, agreements)
	p := planFormPage{Family: fam, Version: v, Domains: regie.Domains, Terms: choiceOptions(regie.GoalTerms),
		DomainOptions: choiceOptions(regie.Domains), Members: fam.CurrentMembers()}
	for i := range goals {
		p.GoalRows = append(p.GoalRows, i)
		if name := fmt.Sprintf("goal-%d-term", i); f.Get(name) == "" {
			f.Values.Set(name, "kort")
		}
	}
	for i := range agreements {
		p.AgreementRows = append(p.AgreementRows, i)
	}
	for _, m := range p.Members {
		p.MemberOptions = append(p.MemberOptions, option{strconv.FormatInt(m.ID, 10), m.GivenName})
	}
	// The informal network: those taking part today, and an ended person
	// on the rows that already hold them.
	ps, err := h.networkOf(r, fam)
	if err != nil {
		return err
	}
	today := regie.DateOf(h.Clock.Now())
	if p.Owners, err = h.agreementOwners(r, fam, ps, today); err != nil {
		return err
	}
	p.Kept = map[int]option{}
	for i := range agreements {
		if o, ok := endedPersonOption(ps, today, f.Get(fmt.Sprintf("agreement-%d-owner", i))); ok {
			p.Kept[i] = o
		}
	}
	for _, s := range regie.Scores {
		p.Scores = append(p.Scores, option{strconv.Itoa(int(s.Score)), fmt.Sprintf("%d — %s", s.Score, s.Label)})
	}
	h.render(w, r, status, "plan_form", &view{Title: fmt.Sprintf("Hulpverleningsplan, versie %d bewerken", n), Nav: h.familyNav(r),
		Form: f, Page: p})
	return nil
}

func (h *Handler) showPlanEdit(w http.ResponseWriter, r *http.Request) error {
	return h.renderPlanForm(w, r, http.StatusOK, nil)
}

func (h *Handler) savePlan(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := planNumber(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	err = h.Plans.SavePlanDraft(r.Context(), id, n, planInput(f))
	if regie.ErrorCode(err) == regie.ESTALE {
		// Someone saved the draft in between: nothing was saved; the form
		// shows what was typed and what differs from the draft now.
		f.Conflict = newConflict(err, "", time.Time{})
		return h.renderPlanForm(w, r, http.StatusConflict, f)
	}
	if regie.ErrorCode(err) == regie.ECONFLICT {
		// Agreed in the meantime (another tab): say so, keep what was typed.
		f.Errors = map[string]string{"": regie.ErrorMessage(err)}
		return h.renderPlanForm(w, r, http.StatusConflict, f)
	}
	if f.withError(err) {
		return h.renderPlanForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	if f.Get("stay") != "" {
		// Saved in between: back to the form, with room for more rows.
		h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan/%d/bewerken", id, n), regie.MsgFlashPlanSaved)
		return nil
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan", id), regie.MsgFlashPlanSaved)
	return nil
}

// Comparing two versions.

type comparePage struct {
	Family   *regie.Family
	From, To *regie.PlanVersion
	Rows     []regie.CompareRow
	Changes  int
	Versions []option
}

func (h *Handler) comparePlan(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	if fam.Plan == nil || len(fam.Plan.Versions) < 2 {
		return regie.NotFound()
	}
	vs := fam.Plan.Versions
	from, _ := strconv.Atoi(r.URL.Query().Get("van"))
	to, _ := strconv.Atoi(r.URL.Query().Get("met"))
	if to == 0 {
		to = vs[0].Number
	}
	if from == 0 {
		from = to - 1
	}
	a, err := h.Plans.FindPlanVersion(r.Context(), fam.ID, from)
	if err != nil {
		return err
	}
	b, err := h.Plans.FindPlanVersion(r.Context(), fam.ID, to)
	if err != nil {
		return err
	}
	p := comparePage{Family: fam, From: a, To: b, Rows: regie.ComparePlans(a, b)}
	for _, row := range p.Rows {
		if row.Changed {
			p.Changes++
		}
	}
	for _, v := range vs {
		p.Versions = append(p.Versions, option{strconv.Itoa(v.Number), fmt.Sprintf("Versie %d — %s", v.Number, strings.ToLower(v.Status.Label()))})
	}
	f := newForm(url.Values{"van": {strconv.Itoa(from)}, "met": {strconv.Itoa(to)}})
	h.render(w, r, http.StatusOK, "plan_compare", &view{Title: fmt.Sprintf("Versie %d en %d vergeleken", from, to), Nav: h.familyNav(r),
		Form: f, Page: p})
	return nil
}

// Scoring moments outside the plan: the start, evaluations, the end.

type scoresPage struct {
	Family  *regie.Family
	Domains []regie.Choice[regie.Domain]
	Kinds   []option
	Scores  []option
}

func (h *Handler) renderScores(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	if fam.Plan == nil || !fam.Plan.CanEdit {
		return regie.Forbidden()
	}
	if f == nil {
		f = newForm(url.Values{"on": {regie.DateOf(h.Clock.Now()).ISO()}, "kind": {"tussenevaluatie"}})
	}
	f.Order = []string{"kind", "on", "scores"}
	for _, d := range regie.Domains {
		f.Order = append(f.Order, "score-"+string(d.Value))
	}
	p := scoresPage{Family: fam, Domains: regie.Domains, Kinds: choiceOptions(regie.MomentKinds)}
	for _, s := range regie.Scores {
		p.Scores = append(p.Scores, option{strconv.Itoa(int(s.Score)), fmt.Sprintf("%d — %s", s.Score, s.Label)})
	}
	h.render(w, r, status, "scores_form", &view{Title: "Zelfredzaamheid scoren", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showScoresNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderScores(w, r, http.StatusOK, nil)
}

func (h *Handler) addScores(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
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
	err = h.Plans.AddScoreMoment(r.Context(), id, regie.MomentKind(f.Get("kind")), f.Get("on"), scores)
	if f.withError(err) {
		return h.renderScores(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan#zelfredzaamheid", id), regie.MsgFlashScoresSaved)
	return nil
}

// planPDF serves a version as an A4 PDF to print and sign (audited as an
// export).
func (h *Handler) planPDF(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	n, err := planNumber(r)
	if err != nil {
		return err
	}
	v, fam, err := h.Plans.ExportPlan(r.Context(), id, n)
	if err != nil {
		return err
	}
	figures, err := h.genogramFigure(r, fam)
	if err != nil {
		return err
	}
	b, err := pdf.Plan(v, fam, h.Clock.Now(), figures...)
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("hulpverleningsplan-%s-versie-%d.pdf", fam.DossierNumber(), n), b)
	return nil
}
