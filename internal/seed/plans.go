package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"regie"
)

// Plans and evaluations (regie.PlanService, regie.EvaluationService), drawn
// from their own random source so the rest of the city stays the same.
//
// Every intensive period (from the start, or from a relapse into phase 3)
// gets its plan as the method has it: for about 90 % of the families that
// reached phase 3, the first version was made in phase 2, discussed in a
// team meeting and then agreed with the family before the move to phase
// 3; most of the others agreed it in their first two months of phase 3,
// a few have none (the plan-overdue signal). About half of the families
// that have been in phase 2 for six weeks or more agreed theirs already.
// A version has 3–5 life domains with their scores (also a scoring moment
// "plan"), 2–4 goals and 2–5 agreements with owners and due dates; most
// agreements past their date are done, some failed, the rest are overdue.
// After a relapse about 60 % agreed a changed version.
//
// Interim evaluations follow the agreed plan every three months (two
// weeks early to three weeks late) while the family is intensive, each
// setting the next three months on; about one family in ten skips them.
// Most are discussed in the team meeting of the Monday after (a meeting
// decision linked to it), the newest ones are still on the agenda; about
// a third lead to a new version, agreed a few weeks later. About 90 % of
// the periods that ended in phase 5, or in a closure in phase 4, have
// their final evaluation in the last weeks: every goal with its degree,
// all eight end terms scored. The checklist items of the plan and the
// evaluations are ticked by regie itself (the store's autoItems), so
// history writes no ticks for them; the summary's plan_agreed_on,
// interim_done_on, next_interim_on and final_eval_on are set here as
// computeSummary computes them.

// planPeriod is one intensive period of a family: from its start (or a
// relapse) to the move into phase 5, a closure, or today.
type planPeriod struct {
	start, phase2, phase3, phase5 regie.Date
	closedIn                      regie.Phase // the phase the file was closed in, if in this period
	end                           regie.Date  // the move into phase 5, the closure or today
	relapse                       bool
}

// periods cuts the family's story into its intensive periods.
func (f *family) periods(today regie.Date) []planPeriod {
	var ps []planPeriod
	for _, m := range f.moves {
		switch {
		case len(ps) == 0 || m.relapse && m.phase == regie.PhaseExecution:
			ps = append(ps, planPeriod{start: m.on, relapse: m.relapse})
		}
		p := &ps[len(ps)-1]
		switch m.phase {
		case regie.PhaseContact:
			p.phase2 = m.on
		case regie.PhaseExecution:
			p.phase3 = m.on
		case regie.PhaseCoordination:
			p.phase5 = m.on
		}
	}
	for i := range ps {
		p := &ps[i]
		switch {
		case !p.phase5.IsZero():
			p.end = p.phase5
		case !f.closeOn.IsZero():
			p.end = f.closeOn
			p.closedIn = f.moves[len(f.moves)-1].phase
		default:
			p.end = today
		}
	}
	return ps
}

type planGoal struct {
	key    string
	term   string
	domain regie.Domain
	text   string
}

type planAgreement struct {
	key      string
	owner    regie.OwnerKind
	member   int64
	user     int64
	domain   regie.Domain
	what     string
	due      regie.Date
	finished bool
}

type planVersion struct {
	id         int64
	number     int
	agreed     regie.Date
	domains    []regie.Domain
	goals      []planGoal
	agreements []planAgreement
}

type planSeed struct {
	g                                              *gen
	versions, domains, goals, agreements, progress *inserter
	moments, scores, evals, evalMembers, evalGoals *inserter
	endTerms, decisions                            *inserter
	nVersions, nInterim, nFinal, nDiscussed        int
}

// plans writes the plans and evaluations of every family and updates the
// summaries.
func (g *gen) plans() error {
	saved := g.r
	g.r = rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x706c616e73)) //nolint:gosec // synthetic data, reproducible
	defer func() { g.r = saved }()

	s := &planSeed{g: g}
	// A version is written as discussed and made agreed after its parts
	// (an agreed version is frozen: its parts cannot be added after).
	s.versions = g.insert("plan_versions", []string{"id", "family_id", "number", "status", "origin", "history", "strengths",
		"obstacles", "problems", "situation", "closing_question", "discussed_at", "discussed_by", "meeting_id", "agreed_on",
		"agreed_with", "agreed_by", "created_by", "created_at", "updated_at", "revision", "updated_by"})
	s.domains = g.insert("plan_domains", []string{"version_id", "domain", "situation", "strengths", "obstacles", "score"}, s.versions)
	s.goals = g.insert("plan_goals", []string{"id", "version_id", "key", "term", "domain", "member_id", "text", "position"}, s.versions)
	s.agreements = g.insert("plan_agreements", []string{"id", "version_id", "key", "owner_kind", "member_id", "org_id", "user_id",
		"domain", "what", "due", "position"}, s.versions)
	s.progress = g.insert("agreement_progress", []string{"id", "family_id", "key", "status", "by_user", "at"})
	s.moments = g.insert("score_moments", []string{"id", "family_id", "kind", "on_date", "version_id", "created_by", "created_at"}, s.versions)
	s.scores = g.insert("moment_scores", []string{"moment_id", "domain", "member_id", "score"}, s.moments)
	s.evals = g.insert("evaluations", []string{"id", "family_id", "kind", "on_date", "period_on", "version_id", "casemanager", "team",
		"others", "closing_answer", "next_due_on", "moment_id", "new_version_id", "meeting_id", "discussed_at", "discussed_by",
		"created_by", "created_at"}, s.versions, s.moments)
	s.evalMembers = g.insert("evaluation_members", []string{"evaluation_id", "member_id"}, s.evals)
	s.evalGoals = g.insert("evaluation_goals", []string{"evaluation_id", "goal_key", "goal_text", "domain", "member_name", "progress",
		"changes", "degree", "note", "position"}, s.evals)
	s.endTerms = g.insert("evaluation_end_terms", []string{"evaluation_id", "term", "score", "note"}, s.evals)
	s.decisions = g.insert("meeting_decisions", []string{"id", "meeting_id", "family_id", "text", "linked_kind", "linked_id",
		"decided_by", "decided_at"}, s.versions, s.evals)

	type facts struct{ plan, interim, next, final regie.Date }
	summaries := map[int64]facts{}
	p := g.progress("plannen en evaluaties", len(g.fams))
	for _, f := range g.fams {
		sum, err := s.family(f)
		if err != nil {
			return err
		}
		if sum != (facts{}) {
			summaries[f.id] = sum
		}
		p.add(1)
	}
	p.done()
	for _, in := range []*inserter{s.versions, s.domains, s.goals, s.agreements, s.progress, s.moments, s.scores, s.evals,
		s.evalMembers, s.evalGoals, s.endTerms, s.decisions} {
		if err := in.flush(); err != nil {
			return err
		}
	}
	if _, err := g.tx.ExecContext(g.ctx, `UPDATE plan_versions SET status = $1 WHERE status = $2 AND agreed_on IS NOT NULL`,
		string(regie.PlanAgreed), string(regie.PlanDiscussed)); err != nil {
		return fmt.Errorf("agree plan versions: %w", err)
	}
	st, err := g.tx.PrepareContext(g.ctx, `UPDATE family_summaries SET plan_agreed_on = $1, interim_done_on = $2, next_interim_on = $3,
		final_eval_on = $4 WHERE family_id = $5`)
	if err != nil {
		return err
	}
	defer st.Close()
	for id, s := range summaries {
		if _, err := st.ExecContext(g.ctx, dateArg(s.plan), dateArg(s.interim), dateArg(s.next), dateArg(s.final), id); err != nil {
			return fmt.Errorf("plan summary: %w", err)
		}
	}
	return nil
}

// family writes one family's plans and evaluations, and returns the
// summary facts they decide, as computeSummary computes them.
func (s *planSeed) family(f *family) (struct{ plan, interim, next, final regie.Date }, error) {
	g := s.g
	var out struct{ plan, interim, next, final regie.Date }
	periods := f.periods(g.today)
	last := g.today.AddDays(-1)
	if !f.closeOn.IsZero() && f.closeOn.Before(last) {
		last = f.closeOn
	}
	var (
		cur      *planVersion // the newest agreed version
		agreedOn []regie.Date
		number   int
		// newest interim evaluation and final evaluation per family
		interims []struct{ on, next regie.Date }
		finals   []regie.Date
	)
	skipEvals := g.chance(0.1)
	for pi, p := range periods {
		// The plan of the period.
		var agreed regie.Date
		switch {
		case pi > 0:
			if g.chance(0.6) {
				agreed = weekday(p.start.AddDays(g.between(14, 45)))
			}
		case !p.phase3.IsZero():
			switch r := g.r.Float64(); {
			case r < 0.9 && p.phase2.DaysUntil(p.phase3) > 10:
				n := p.phase2.DaysUntil(p.phase3)
				agreed = weekday(p.phase2.AddDays(g.between(n*2/5, n-1)))
			case r < 0.96:
				agreed = weekday(p.phase3.AddDays(g.between(7, 60)))
			}
		case !p.phase2.IsZero():
			if n := p.phase2.DaysUntil(last); n >= 42 && g.chance(0.55) {
				agreed = weekday(p.phase2.AddDays(g.between(40, n)))
			}
		}
		if agreed.IsZero() || agreed.After(last) || !agreed.Before(p.end) || agreed.Before(p.start.AddDays(14)) {
			if cur == nil {
				continue
			}
			agreed = regie.Date{}
		}
		if !agreed.IsZero() {
			number++
			origin := "eerste"
			if cur != nil {
				origin = "wijziging"
			}
			v, err := s.version(f, cur, number, origin, agreed, regie.Date{})
			if err != nil {
				return out, err
			}
			cur = v
			agreedOn = append(agreedOn, agreed)
		}
		if cur == nil {
			continue
		}

		// The final evaluation, at the end of the period.
		var final regie.Date
		switch {
		case !p.phase5.IsZero():
			final = weekday(p.phase5.AddDays(-g.between(0, 21)))
		case p.closedIn == regie.PhaseClosing:
			final = weekday(p.end.AddDays(-g.between(0, 14)))
		}
		if !final.IsZero() && (final.Before(cur.agreed.AddDays(14)) || final.After(last) || !g.chance(0.9)) {
			final = regie.Date{}
		}
		limit := p.end
		if !final.IsZero() {
			limit = final
		}
		if limit.After(last) {
			limit = last.AddDays(1)
		}

		// The interim evaluations, every three months from the plan.
		base := cur.agreed
		if base.Before(p.start) {
			base = p.start // a relapse without a new version
		}
		next := base.AddMonths(3)
		for !skipEvals {
			on := weekday(next.AddDays(g.between(-14, 21)))
			if !on.Before(limit) || !on.After(base) {
				break
			}
			nextDue := on.AddMonths(3)
			var newV *planVersion
			if g.chance(0.35) {
				created := on.AddDays(g.between(1, 7))
				vAgreed := weekday(nextMonday(created).AddDays(g.between(1, 10)))
				if vAgreed.Before(limit) && vAgreed.Before(nextDue) && !vAgreed.After(last) {
					number++
					v, err := s.version(f, cur, number, "tussenevaluatie", vAgreed, created)
					if err != nil {
						return out, err
					}
					newV = v
				}
			}
			if err := s.evaluation(f, p, cur, regie.EvalInterim, on, nextDue, newV); err != nil {
				return out, err
			}
			interims = append(interims, struct{ on, next regie.Date }{on, nextDue})
			if newV != nil {
				cur = newV
				agreedOn = append(agreedOn, newV.agreed)
			}
			next = nextDue
		}
		if !final.IsZero() {
			if err := s.evaluation(f, p, cur, regie.EvalFinal, final, regie.Date{}, nil); err != nil {
				return out, err
			}
			finals = append(finals, final)
		}
	}

	// The summary, as computeSummary computes it: the current period is
	// the last.
	if len(periods) == 0 {
		return out, nil
	}
	since := periods[len(periods)-1].start
	var first, newest regie.Date
	for _, d := range agreedOn {
		if !d.Before(since) && (first.IsZero() || d.Before(first)) {
			first = d
		}
		if d.After(newest) {
			newest = d
		}
	}
	out.plan = first
	if first.IsZero() {
		out.plan = newest
	}
	for _, e := range interims {
		// Later evaluations come later in the list: on a tie the higher id.
		if !e.on.Before(since) && !e.on.Before(out.interim) {
			out.interim, out.next = e.on, e.next
		}
	}
	for _, d := range finals {
		if !d.Before(since) && d.After(out.final) {
			out.final = d
		}
	}
	return out, nil
}

// weekday moves a Saturday or Sunday back to the Friday before.
func weekday(d regie.Date) regie.Date {
	switch d.Time().Weekday() {
	case time.Saturday:
		return d.AddDays(-1)
	case time.Sunday:
		return d.AddDays(-2)
	}
	return d
}

// nextMonday returns the first Monday after d.
func nextMonday(d regie.Date) regie.Date { return d.Monday().AddDays(7) }

// version writes a plan version agreed on agreed: the first from nothing,
// a later one from from (its goals and unfinished agreements kept, a goal
// and agreements added), made on createdOn (zero: a few weeks before),
// discussed in the team meeting of a Monday before agreed.
func (s *planSeed) version(f *family, from *planVersion, number int, origin string, agreed, createdOn regie.Date) (*planVersion, error) {
	g := s.g
	v := &planVersion{number: number, agreed: agreed}
	var err error
	if v.id, err = g.id("plan_versions"); err != nil {
		return nil, err
	}
	meetingDay := agreed.AddDays(-1 - 7*g.r.IntN(2)).Monday()
	if createdOn.IsZero() {
		createdOn = meetingDay.AddDays(-g.between(4, 21))
	} else {
		meetingDay = nextMonday(createdOn)
	}
	coord, leader := f.coordOn(agreed), f.team.leader
	if from == nil {
		perm := g.r.Perm(len(regie.Domains))
		for _, i := range perm[:g.between(3, 5)] {
			v.domains = append(v.domains, regie.Domains[i].Value)
		}
		for i := range g.between(2, 4) {
			v.goals = append(v.goals, s.goal(v.domains[i%len(v.domains)]))
		}
	} else {
		v.domains = from.domains
		v.goals = append(v.goals, from.goals...)
		if len(v.goals) < 5 && g.chance(0.4) {
			v.goals = append(v.goals, s.goal(pick(g, v.domains)))
		}
		for _, a := range from.agreements {
			if !a.finished {
				v.agreements = append(v.agreements, a)
			}
		}
	}
	for range max(1, g.between(2, 5)-len(v.agreements)) {
		a, err := s.agreement(f, v, agreed)
		if err != nil {
			return nil, err
		}
		v.agreements = append(v.agreements, a)
	}

	created := g.workday(createdOn)
	discussed := g.at(meetingDay, g.between(9*60+30, 11*60+30))
	agreedAt := g.workday(agreed)
	with := parentNames(f, agreed)
	text := planTexts[g.r.IntN(len(planTexts))]
	meeting := g.meetingIDs[f.team.id][meetingDay.ISO()]
	if err := s.versions.row(v.id, f.id, number, string(regie.PlanDiscussed), origin, text[0], text[1], text[2], text[3], text[4],
		"Wat heeft het gezin nodig om op eigen kracht (met reguliere hulp) verder te kunnen?", ts(discussed), leader.id, idArg(meeting),
		agreed.ISO(), with, coord.id, f.coordOn(createdOn).id, ts(created), ts(agreedAt), g.between(1, 6), coord.id); err != nil {
		return nil, err
	}
	g.event(created, f.coordOn(createdOn), regie.ActionCreate, regie.SegPlan, f.id, 0, basisCoord,
		fmt.Sprintf("hulpverleningsplan versie %d begonnen", number))
	if meeting != 0 {
		did, err := g.id("meeting_decisions")
		if err != nil {
			return nil, err
		}
		if err := s.decisions.row(did, meeting, f.id, fmt.Sprintf("Hulpverleningsplan versie %d besproken", number),
			string(regie.LinkPlan), v.id, leader.id, ts(discussed)); err != nil {
			return nil, err
		}
	}
	g.event(discussed, leader, regie.ActionUpdate, regie.SegPlan, f.id, 0, basisLeader,
		fmt.Sprintf("hulpverleningsplan versie %d besproken in het teamoverleg", number))
	g.event(agreedAt, coord, regie.ActionUpdate, regie.SegPlan, f.id, 0, basisCoord,
		fmt.Sprintf("hulpverleningsplan versie %d vastgesteld met het gezin", number))

	scores := map[regie.Domain]int{}
	for _, d := range v.domains {
		scores[d] = g.between(1, 3)
		if err := s.domains.row(v.id, string(d), domainSituation, "", "", scores[d]); err != nil {
			return nil, err
		}
	}
	for i, gl := range v.goals {
		id, err := g.id("plan_goals")
		if err != nil {
			return nil, err
		}
		if err := s.goals.row(id, v.id, gl.key, gl.term, string(gl.domain), nil, gl.text, i); err != nil {
			return nil, err
		}
	}
	for i, a := range v.agreements {
		id, err := g.id("plan_agreements")
		if err != nil {
			return nil, err
		}
		if err := s.agreements.row(id, v.id, a.key, string(a.owner), idArg(a.member), nil, idArg(a.user), string(a.domain), a.what,
			a.due.ISO(), i); err != nil {
			return nil, err
		}
	}
	// The plan's scores are a scoring moment.
	mid, err := g.id("score_moments")
	if err != nil {
		return nil, err
	}
	if err := s.moments.row(mid, f.id, "plan", agreed.ISO(), v.id, coord.id, ts(agreedAt)); err != nil {
		return nil, err
	}
	for _, d := range v.domains {
		if err := s.scores.row(mid, string(d), 0, scores[d]); err != nil {
			return nil, err
		}
	}
	s.nVersions++
	return v, nil
}

// goal draws a goal on domain d.
func (s *planSeed) goal(d regie.Domain) planGoal {
	g := s.g
	text, ok := goalTexts[d]
	if !ok {
		text = "Het gezin kan zelf verder op het gebied van " + strings.ToLower(d.Label()) + "."
	}
	return planGoal{key: s.key(), term: pick(g, []string{"kort", "kort", "lang"}), domain: d, text: text}
}

// agreement draws an agreement of v, agreed on agreed, with its progress
// since: most past their date done, some failed, the rest overdue.
func (s *planSeed) agreement(f *family, v *planVersion, agreed regie.Date) (planAgreement, error) {
	g := s.g
	a := planAgreement{key: s.key(), domain: pick(g, v.domains), due: agreed.AddDays(g.between(14, 150))}
	coord := f.coordOn(agreed)
	if parent := parentOn(f, agreed); parent != 0 && g.chance(0.6) {
		a.owner, a.member, a.what = regie.OwnerMember, parent, pick(g, memberAgreements)
	} else {
		a.owner, a.user, a.what = regie.OwnerCasemanager, coord.id, pick(g, coordAgreements)
	}
	end := f.end(g.today)
	var status regie.AgreementStatus
	var on regie.Date
	switch r := g.r.Float64(); {
	case a.due.Before(end) && r < 0.68:
		status, on = regie.AgreementDone, a.due.AddDays(-g.between(0, 10))
	case a.due.Before(end) && r < 0.78:
		status, on = regie.AgreementFailed, a.due.AddDays(g.between(0, 10))
	case !a.due.Before(end) && r < 0.35:
		status, on = regie.AgreementRunning, agreed.AddDays(g.between(1, max(1, agreed.DaysUntil(end)-1)))
	}
	if status == "" {
		return a, nil
	}
	if on.Before(agreed.AddDays(1)) {
		on = agreed.AddDays(1)
	}
	if !on.Before(g.today) || on.After(end) {
		return a, nil
	}
	a.finished = status.Finished()
	id, err := g.id("agreement_progress")
	if err != nil {
		return a, err
	}
	u := f.coordOn(on)
	at := g.workday(on)
	if err := s.progress.row(id, f.id, a.key, string(status), u.id, ts(at)); err != nil {
		return a, err
	}
	g.event(at, u, regie.ActionUpdate, regie.SegPlan, f.id, 0, basisCoord, "afspraak: "+status.Label())
	return a, nil
}

// evaluation writes an evaluation of v on day on, with its scoring
// moment, its participants and goals (and for a final one the end terms),
// discussed in most cases in the team meeting of the Monday after.
func (s *planSeed) evaluation(f *family, p planPeriod, v *planVersion, kind regie.EvaluationKind, on, next regie.Date, newV *planVersion) error {
	g := s.g
	id, err := g.id("evaluations")
	if err != nil {
		return err
	}
	coord, leader := f.coordOn(on), f.team.leader
	at := g.workday(on)
	mid, err := g.id("score_moments")
	if err != nil {
		return err
	}
	if err := s.moments.row(mid, f.id, string(kind.Moment()), on.ISO(), nil, coord.id, ts(at)); err != nil {
		return err
	}
	for _, d := range v.domains {
		if err := s.scores.row(mid, string(d), 0, g.between(2, 5)); err != nil {
			return err
		}
	}
	var meeting int64
	var discussedAt any
	var discussedBy any
	// Discussed in the meeting of the Monday after, most of them; the
	// newest ones may still wait on the agenda (none older than two
	// months). Meetings older than a year were not generated: those
	// evaluations were discussed all the same, without a decision row.
	monday := nextMonday(on)
	what := fmt.Sprintf("%s van %s", kind.Label(), on.Dutch())
	if !monday.After(g.today) && (g.chance(0.85) || monday.AddDays(56).Before(g.today)) {
		meeting = g.meetingIDs[f.team.id][monday.ISO()]
		t := g.at(monday, g.between(9*60+30, 11*60+30))
		discussedAt, discussedBy = ts(t), leader.id
		if meeting != 0 {
			did, err := g.id("meeting_decisions")
			if err != nil {
				return err
			}
			if err := s.decisions.row(did, meeting, f.id, what+" besproken", string(regie.LinkEvaluation), id, leader.id, ts(t)); err != nil {
				return err
			}
		}
		g.event(t, leader, regie.ActionUpdate, regie.SegEvaluations, f.id, 0, basisLeader, strings.ToLower(what)+" besproken in het teamoverleg")
		s.nDiscussed++
	}
	others, closing := "", ""
	if g.chance(0.4) {
		others = pick(g, networkPartners)
	}
	var newID int64
	if newV != nil {
		newID = newV.id
	}
	if kind == regie.EvalFinal {
		closing = pick(g, closingAnswers)
		s.nFinal++
	} else {
		s.nInterim++
	}
	if err := s.evals.row(id, f.id, string(kind), on.ISO(), p.start.ISO(), v.id, true, kind == regie.EvalFinal || g.chance(0.5),
		others, closing, dateArg(next), mid, idArg(newID), idArg(meeting), discussedAt, discussedBy, coord.id, ts(at)); err != nil {
		return err
	}
	if parent := parentOn(f, on); parent != 0 {
		if err := s.evalMembers.row(id, parent); err != nil {
			return err
		}
	}
	for i, gl := range v.goals {
		progress, changes, degree := pick(g, goalProgress), "", ""
		if g.chance(0.3) {
			changes = "Doel aangescherpt in overleg met het gezin."
		}
		if kind == regie.EvalFinal {
			degree = []string{"behaald", "deels", "niet"}[g.weighted([]int{45, 40, 15})]
		}
		if err := s.evalGoals.row(id, gl.key, gl.text, string(gl.domain), "", progress, changes, degree, "", i); err != nil {
			return err
		}
	}
	if kind == regie.EvalFinal {
		for _, t := range regie.EndTerms {
			score := []string{"behaald", "deels", "niet", "nvt"}[g.weighted([]int{40, 35, 15, 10})]
			if err := s.endTerms.row(id, string(t.Value), score, ""); err != nil {
				return err
			}
		}
	}
	g.event(at, coord, regie.ActionCreate, regie.SegEvaluations, f.id, 0, basisCoord,
		fmt.Sprintf("%s van %s vastgelegd (plan versie %d)", strings.ToLower(kind.Label()), on.Dutch(), v.number))
	return nil
}

const keyChars = "abcdefghijklmnopqrstuvwxyz234567"

// key draws a key like the store's newKey.
func (s *planSeed) key() string {
	var b [10]byte
	for i := range b {
		b[i] = keyChars[s.g.r.IntN(len(keyChars))]
	}
	return string(b[:])
}

// parentOn returns a parent in the household on day d (0: none).
func parentOn(f *family, d regie.Date) int64 {
	for _, m := range f.members {
		if m.relation == "ouder" && !m.started.After(d) && (m.ended.IsZero() || d.Before(m.ended)) {
			return m.id
		}
	}
	return 0
}

// parentNames names the parents in the household on day d.
func parentNames(f *family, d regie.Date) string {
	var names []string
	for _, m := range f.members {
		if m.relation == "ouder" && !m.started.After(d) && (m.ended.IsZero() || d.Before(m.ended)) {
			names = append(names, m.given+" "+m.surname)
		}
	}
	if len(names) == 0 {
		return "het gezin"
	}
	return strings.Join(names, " en ")
}

const domainSituation = "Besproken met het gezin; zie de doelen."

var planTexts = [][5]string{
	{"Na een huisuitzetting woont het gezin sinds een jaar in een krappe huurwoning.", "Moeder is zorgzaam en wil hulp.",
		"Wantrouwen tegenover instanties.", "Schulden en een overbelaste moeder.", "Rust in huis; de post wordt samen bijgehouden."},
	{"Vader raakte zijn werk kwijt; sindsdien stapelen de rekeningen zich op.", "Een hecht gezin met steun van de oma.",
		"De taal: de brieven worden niet begrepen.", "Geldzorgen en spanningen in huis.", "De schulden zijn in kaart, de kinderen gaan naar school."},
	{"Het gezin is na een scheiding in de wijk komen wonen.", "De oudste dochter helpt veel mee.",
		"Moeder is somber en komt de deur weinig uit.", "Sociaal isolement en verwaarlozing van het huishouden.", "Moeder heeft contact met de huisarts; het huis is op orde."},
}

var goalTexts = map[regie.Domain]string{
	"financien":       "We hebben overzicht over onze schulden en betalen de vaste lasten op tijd.",
	"wonen":           "We kunnen in ons huis blijven wonen; de huurachterstand is geregeld.",
	"netwerk":         "We weten bij wie we terechtkunnen als het even niet gaat.",
	"integratie":      "Moeder volgt een taalcursus en leest zelf de brieven.",
	"zelfredzaamheid": "We regelen zelf onze afspraken met instanties.",
	"dagbesteding":    "Vader heeft een vaste dagbesteding of werk.",
	"huishouding":     "Het huis is schoon en opgeruimd; de was is bij.",
	"verzorging":      "De kinderen zijn verzorgd en hebben kleren die passen.",
	"kinderen":        "De kinderen gaan elke dag naar school.",
	"relaties":        "Er is minder ruzie in huis.",
	"welzijn":         "Moeder slaapt beter en heeft hulp voor haar somberheid.",
	"trauma":          "Moeder is aangemeld voor traumabehandeling.",
	"onmacht":         "We vragen op tijd om hulp.",
	"justitie":        "De oudste zoon houdt zich aan de afspraken van de reclassering.",
}

var memberAgreements = []string{
	"Opent elke dag de post en legt die in de ordner.",
	"Belt de woningcorporatie over een betalingsregeling.",
	"Gaat mee naar het intakegesprek bij de schuldhulp.",
	"Brengt de kinderen elke ochtend op tijd naar school.",
	"Maakt een afspraak met de huisarts.",
}

var coordAgreements = []string{
	"Meldt het gezin aan bij de schuldhulpverlening.",
	"Regelt een gesprek met school over het verzuim.",
	"Zoekt met het gezin een sportclub voor de kinderen.",
	"Vraagt bijzondere bijstand aan voor een bed.",
	"Organiseert een netwerkberaad.",
}

var goalProgress = []string{
	"Gaat goed: de afspraken worden nagekomen.",
	"Langzaam vooruit; het gezin heeft meer tijd nodig.",
	"Nog niet begonnen: eerst de wachtlijst.",
	"Bereikt; het gezin doet het nu zelf.",
}

var closingAnswers = []string{
	"Het buurtteam blijft op de achtergrond betrokken; school houdt een oogje in het zeil.",
	"Schuldhulp loopt door; de oma is het vaste aanspreekpunt.",
	"Het gezin redt zich met de wekelijkse inloop van het buurthuis.",
}
