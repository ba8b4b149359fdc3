package store

import (
	"context"
	"fmt"
	"strings"

	"regie"
	"regie/internal/policy"
)

// Evaluations: the interim and final evaluations of the agreed plan, their
// place in the summary (when the next interim one is due, when the final
// one was held), the team meeting's discussion of them and the plan
// version made from them.

const evaluationColumns = `e.id, e.family_id, f.household_name, e.kind, e.on_date, v.number, e.casemanager, e.team, e.others,
	e.closing_answer, e.next_due_on, e.moment_id, COALESCE(nv.number, 0), e.discussed_at, COALESCE(du.name, ''), m.held_on,
	cu.name, e.created_at`

const evaluationFrom = ` FROM evaluations e JOIN families f ON f.id = e.family_id JOIN plan_versions v ON v.id = e.version_id
	JOIN users cu ON cu.id = e.created_by LEFT JOIN plan_versions nv ON nv.id = e.new_version_id
	LEFT JOIN users du ON du.id = e.discussed_by LEFT JOIN meetings m ON m.id = e.meeting_id`

func scanEvaluation(sc interface{ Scan(...any) error }, e *regie.Evaluation, momentID *int64) error {
	var kind string
	err := sc.Scan(&e.ID, &e.FamilyID, &e.FamilyName, &kind, dateScan{&e.On}, &e.VersionNumber, &e.Casemanager, &e.Team, &e.Others,
		&e.ClosingAnswer, dateScan{&e.NextDueOn}, idScan{momentID}, &e.NewVersion, timeScan{&e.DiscussedAt}, &e.DiscussedBy,
		dateScan{&e.MeetingDate}, &e.CreatedBy, timeScan{&e.CreatedAt})
	e.Kind = regie.EvaluationKind(kind)
	return err
}

// evalLoad says how much of each evaluation evaluationList reads besides
// its row: the family's list its participants, one evaluation everything.
// (The agenda, which shows no participants, scans the rows itself:
// batch.agendaEvaluations.)
type evalLoad int

const (
	evalMembers evalLoad = iota // the row and the members who took part
	evalDetail                  // and the goals, end terms and scores
)

// evaluationList reads evaluations by a condition on e, and as much more
// of each as load says (one query per evaluation for each part).
func (tx *tx) evaluationList(ctx context.Context, where string, load evalLoad, args ...any) ([]*regie.Evaluation, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+evaluationColumns+evaluationFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: evaluations: %w", err)
	}
	var (
		list    []*regie.Evaluation
		moments []int64
	)
	for rows.Next() {
		e := &regie.Evaluation{}
		var moment int64
		if err := scanEvaluation(rows, e, &moment); err != nil {
			rows.Close()
			return nil, err
		}
		list, moments = append(list, e), append(moments, moment)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, e := range list {
		if err := tx.evaluationMembers(ctx, e); err != nil {
			return nil, err
		}
		if load == evalDetail {
			if err := tx.evaluationDetail(ctx, e, moments[i]); err != nil {
				return nil, err
			}
		}
	}
	return list, nil
}

func (tx *tx) evaluationMembers(ctx context.Context, e *regie.Evaluation) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.given_name, m.family_name FROM evaluation_members em
		JOIN members m ON m.id = em.member_id WHERE em.evaluation_id = $1 ORDER BY m.id`, e.ID)
	if err != nil {
		return fmt.Errorf("store: evaluation members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m := &regie.Member{}
		if err := rows.Scan(&m.ID, &m.GivenName, &m.FamilyName); err != nil {
			return err
		}
		e.Members = append(e.Members, m)
	}
	return rows.Err()
}

// evaluationDetail fills the goals, the end terms and the scores.
func (tx *tx) evaluationDetail(ctx context.Context, e *regie.Evaluation, momentID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT goal_key, goal_text, domain, member_name, progress, changes, degree, note
		FROM evaluation_goals WHERE evaluation_id = $1 ORDER BY position`, e.ID)
	if err != nil {
		return fmt.Errorf("store: evaluation goals: %w", err)
	}
	for rows.Next() {
		g := &regie.GoalEvaluation{}
		var d, degree string
		if err := rows.Scan(&g.Key, &g.Text, &d, &g.Member, &g.Progress, &g.Changes, &degree, &g.Note); err != nil {
			rows.Close()
			return err
		}
		g.Domain, g.Degree = regie.Domain(d), regie.GoalDegree(degree)
		e.Goals = append(e.Goals, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT term, score, note FROM evaluation_end_terms WHERE evaluation_id = $1`, e.ID)
	if err != nil {
		return fmt.Errorf("store: evaluation end terms: %w", err)
	}
	byTerm := map[regie.EndTerm]*regie.EndTermResult{}
	for rows.Next() {
		r := &regie.EndTermResult{}
		var term, score string
		if err := rows.Scan(&term, &score, &r.Note); err != nil {
			rows.Close()
			return err
		}
		r.Term, r.Score = regie.EndTerm(term), regie.EndTermScore(score)
		byTerm[r.Term] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range regie.EndTerms {
		if r := byTerm[t.Value]; r != nil {
			e.EndTerms = append(e.EndTerms, r)
		}
	}
	e.Scores = map[regie.Domain]regie.Score{}
	if momentID == 0 {
		return nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT domain, score FROM moment_scores WHERE moment_id = $1 AND member_id = 0`, momentID)
	if err != nil {
		return fmt.Errorf("store: evaluation scores: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		var sc regie.Score
		if err := rows.Scan(&d, &sc); err != nil {
			return err
		}
		e.Scores[regie.Domain(d)] = sc
	}
	return rows.Err()
}

// evaluationByID reads one evaluation of a family with its detail.
func (tx *tx) evaluationByID(ctx context.Context, familyID, id int64) (*regie.Evaluation, error) {
	list, err := tx.evaluationList(ctx, `e.family_id = $1 AND e.id = $2`, evalDetail, familyID, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, regie.NotFound()
	}
	return list[0], nil
}

// evaluationRules reads what the rules of a new evaluation look at: the
// newest agreed plan version (nil when none), the family's members, the
// final evaluation of the intensive period that began on period.
func (tx *tx) evaluationRules(ctx context.Context, familyID int64, period regie.Date) (regie.EvaluationFacts, *regie.PlanVersion, error) {
	f := regie.EvaluationFacts{Today: tx.today(), Members: map[int64]bool{}}
	var err error
	if f.Norms, err = tx.norms(ctx); err != nil {
		return f, nil, err
	}
	var number int
	err = tx.QueryRowContext(ctx, `SELECT number FROM plan_versions WHERE family_id = $1 AND status = $2 ORDER BY number DESC LIMIT 1`,
		familyID, string(regie.PlanAgreed)).Scan(&number)
	var v *regie.PlanVersion
	switch {
	case isNoRows(err):
	case err != nil:
		return f, nil, fmt.Errorf("store: evaluation plan: %w", err)
	default:
		if v, err = tx.planVersion(ctx, familyID, number); err != nil {
			return f, nil, err
		}
		f.PlanAgreedOn, f.Goals = v.AgreedOn, v.Goals
	}
	members, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return f, nil, err
	}
	for _, m := range members {
		f.Members[m.ID] = true
	}
	if f.FinalOn, err = tx.finalEvaluationOn(ctx, familyID, period); err != nil {
		return f, nil, err
	}
	return f, v, nil
}

// finalEvaluationOn returns the day of the final evaluation held in the
// intensive period that began on since (zero: none).
func (tx *tx) finalEvaluationOn(ctx context.Context, familyID int64, since regie.Date) (regie.Date, error) {
	var on regie.Date
	err := tx.QueryRowContext(ctx, `SELECT MAX(on_date) FROM evaluations WHERE family_id = $1 AND kind = $2 AND on_date >= $3`,
		familyID, string(regie.EvalFinal), periodStart(since)).Scan(dateScan{&on})
	if err != nil {
		return on, fmt.Errorf("store: final evaluation: %w", err)
	}
	return on, nil
}

// periodStart is the argument for the first day of an intensive period:
// without one, every evaluation counts.
func periodStart(d regie.Date) string {
	if d.IsZero() {
		return "1900-01-01"
	}
	return d.ISO()
}

// evaluationSummary computes the facts the evaluations decide, for
// computeSummary: the newest interim evaluation of the intensive period
// (its day and the day it set for the next), unless a tick of the
// checklist item (from before evaluations were records) is newer, and
// the final evaluation of the period.
func (tx *tx) evaluationSummary(ctx context.Context, familyID int64, f *regie.FamilyFacts) error {
	var on, next regie.Date
	err := tx.QueryRowContext(ctx, `SELECT on_date, next_due_on FROM evaluations WHERE family_id = $1 AND kind = $2 AND on_date >= $3
		ORDER BY on_date DESC, id DESC LIMIT 1`, familyID, string(regie.EvalInterim), periodStart(f.IntensiveStartedOn)).
		Scan(dateScan{&on}, dateScan{&next})
	switch {
	case isNoRows(err):
	case err != nil:
		return fmt.Errorf("store: evaluation summary: %w", err)
	case !on.Before(f.InterimDoneOn):
		f.InterimDoneOn, f.NextInterimOn = on, next
	}
	f.FinalEvalOn, err = tx.finalEvaluationOn(ctx, familyID, f.IntensiveStartedOn)
	return err
}

// FindEvaluations implements regie.EvaluationService.
func (s *Store) FindEvaluations(ctx context.Context, familyID int64) (*regie.EvaluationList, error) {
	var out *regie.EvaluationList
	err := s.write(ctx, func(tx *tx) error {
		dec, pf, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegEvaluations, familyID, 0)
		if err != nil {
			return err
		}
		out = &regie.EvaluationList{FamilyID: familyID}
		if out.Evaluations, err = tx.evaluationList(ctx, `e.family_id = $1 ORDER BY e.on_date DESC, e.id DESC`, evalMembers, familyID); err != nil {
			return err
		}
		sum, err := tx.readSummary(ctx, familyID)
		if err != nil {
			return err
		}
		norms, err := tx.norms(ctx)
		if err != nil {
			return err
		}
		for _, d := range regie.Dues(sum.facts, norms) {
			if d.Kind == regie.DueInterim {
				out.NextInterimOn = d.On
			}
		}
		out.FinalOn = sum.facts.FinalEvalOn
		if policy.Can(tx.actor, regie.ActionCreate, regie.SegEvaluations, pf) && !sum.facts.PlanAgreedOn.IsZero() {
			out.CanInterim = out.FinalOn.IsZero()
			out.CanFinal = out.FinalOn.IsZero()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegEvaluations,
			FamilyID: familyID, Basis: dec.Basis, Detail: "evaluaties"})
	})
	return out, err
}

// FindEvaluation implements regie.EvaluationService.
func (s *Store) FindEvaluation(ctx context.Context, familyID, id int64) (*regie.Evaluation, error) {
	var e *regie.Evaluation
	err := s.write(ctx, func(tx *tx) error {
		dec, pf, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegEvaluations, familyID, 0)
		if err != nil {
			return err
		}
		if e, err = tx.evaluationByID(ctx, familyID, id); err != nil {
			return err
		}
		e.CanDiscuss = !e.Discussed() && policy.Can(tx.actor, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: pf.TeamID})
		if e.NewVersion == 0 && policy.Can(tx.actor, regie.ActionCreate, regie.SegPlan, pf) {
			open, err := tx.exists(ctx, `SELECT count(*) FROM plan_versions WHERE family_id = $1 AND status <> $2`, familyID, string(regie.PlanAgreed))
			if err != nil {
				return err
			}
			e.CanStartVersion = !open
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegEvaluations,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("%s van %s", strings.ToLower(e.Kind.Label()), e.On.Dutch())})
	})
	return e, err
}

// EvaluationGoals implements regie.EvaluationService.
func (s *Store) EvaluationGoals(ctx context.Context, familyID int64) (*regie.PlanVersion, error) {
	var v *regie.PlanVersion
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegEvaluations, familyID, 0)
		if err != nil {
			return err
		}
		sum, err := tx.readSummary(ctx, familyID)
		if err != nil {
			return err
		}
		if _, v, err = tx.evaluationRules(ctx, familyID, sum.facts.IntensiveStartedOn); err != nil {
			return err
		}
		if v == nil {
			return regie.NotFound()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegEvaluations,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("evaluatieformulier (doelen van plan versie %d)", v.Number)})
	})
	return v, err
}

// RecordEvaluation implements regie.EvaluationService.
func (s *Store) RecordEvaluation(ctx context.Context, familyID int64, in regie.EvaluationInput) (*regie.Evaluation, error) {
	var out *regie.Evaluation
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegEvaluations, familyID, 0)
		if err != nil {
			return err
		}
		// The evaluation changes the summary: lock it before reading what
		// the new one is computed from.
		sum, err := tx.lockSummary(ctx, familyID)
		if err != nil {
			return err
		}
		facts, v, err := tx.evaluationRules(ctx, familyID, sum.facts.IntensiveStartedOn)
		if err != nil {
			return err
		}
		on, next, err := in.Validate(facts)
		if err != nil {
			return err
		}
		period := sum.facts.IntensiveStartedOn
		if period.IsZero() || period.After(on) {
			period = on
		}
		var momentID int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO score_moments (family_id, kind, on_date, version_id, created_by, created_at)
			VALUES ($1, $2, $3, NULL, $4, $5) RETURNING id`, familyID, string(in.Kind.Moment()), on.ISO(), tx.actor.UserID, ts(tx.now)).
			Scan(&momentID); err != nil {
			return fmt.Errorf("store: evaluation moment: %w", err)
		}
		for d, sc := range in.Scores {
			if _, err := tx.ExecContext(ctx, `INSERT INTO moment_scores (moment_id, domain, member_id, score) VALUES ($1, $2, 0, $3)`,
				momentID, string(d), int(sc)); err != nil {
				return fmt.Errorf("store: evaluation score: %w", err)
			}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO evaluations (family_id, kind, on_date, period_on, version_id, casemanager, team,
				others, closing_answer, next_due_on, moment_id, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			familyID, string(in.Kind), on.ISO(), period.ISO(), v.ID, in.Casemanager, in.Team, in.Others, in.ClosingAnswer, date(next),
			momentID, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: record evaluation: %w", err)
		}
		tx.result = id
		seen := map[int64]bool{}
		for _, m := range in.Members {
			if seen[m] {
				continue
			}
			seen[m] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_members (evaluation_id, member_id) VALUES ($1, $2)`, id, m); err != nil {
				return fmt.Errorf("store: evaluation member: %w", err)
			}
		}
		for i, g := range v.Goals {
			gi := in.Goals[g.Key]
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_goals (evaluation_id, goal_key, goal_text, domain, member_name,
					progress, changes, degree, note, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				id, g.Key, g.Text, string(g.Domain), g.Member, gi.Progress, gi.Changes, string(gi.Degree), gi.Note, i); err != nil {
				return fmt.Errorf("store: evaluation goal: %w", err)
			}
		}
		if in.Kind == regie.EvalFinal {
			for _, t := range regie.EndTerms {
				ti := in.EndTerms[t.Value]
				if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_end_terms (evaluation_id, term, score, note) VALUES ($1, $2, $3, $4)`,
					id, string(t.Value), string(ti.Score), ti.Note); err != nil {
					return fmt.Errorf("store: evaluation end term: %w", err)
				}
			}
		}
		if err := tx.refreshSummary(ctx, familyID); err != nil {
			return err
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegEvaluations,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("%s van %s vastgelegd (plan versie %d)",
				strings.ToLower(in.Kind.Label()), on.Dutch(), v.Number)}); err != nil {
			return err
		}
		out, err = tx.evaluationByID(ctx, familyID, id)
		return err
	})
	if id, ok := replayedResult(ctx); ok && err == nil {
		return &regie.Evaluation{ID: id}, nil // recorded by an earlier submit of this form
	}
	return out, err
}

// MarkEvaluationDiscussed implements regie.EvaluationService: a decision
// of this week's team meeting, linked to the evaluation.
func (s *Store) MarkEvaluationDiscussed(ctx context.Context, familyID, id int64) error {
	return s.write(ctx, func(tx *tx) error {
		_, pf, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegEvaluations, familyID, 0)
		if err != nil {
			return err
		}
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: pf.TeamID}, familyID, 0, forbidden())
		if err != nil {
			return err
		}
		e, err := tx.evaluationByID(ctx, familyID, id)
		if err != nil {
			return err
		}
		if e.Discussed() {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgEvalDiscussed))
		}
		meetingID, err := tx.meeting(ctx, pf.TeamID, tx.today().Monday())
		if err != nil {
			return err
		}
		// Only when still undiscussed: a second click waits for the first
		// one's row lock and then changes nothing.
		res, err := tx.ExecContext(ctx, `UPDATE evaluations SET discussed_at = $1, discussed_by = $2, meeting_id = $3
			WHERE id = $4 AND discussed_at IS NULL`, ts(tx.now), tx.actor.UserID, meetingID, id)
		if err != nil {
			return fmt.Errorf("store: evaluation discussed: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: evaluation discussed: %w", err)
		} else if n == 0 {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgEvalDiscussed))
		}
		what := fmt.Sprintf("%s van %s", e.Kind.Label(), e.On.Dutch())
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_decisions (meeting_id, family_id, text, linked_kind, linked_id, decided_by, decided_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, meetingID, familyID, what+" besproken", string(regie.LinkEvaluation), id,
			tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: evaluation discussed: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegEvaluations,
			FamilyID: familyID, Basis: dec.Basis, Detail: strings.ToLower(what) + " besproken in het teamoverleg"})
	})
}

// StartPlanFromEvaluation implements regie.EvaluationService.
func (s *Store) StartPlanFromEvaluation(ctx context.Context, familyID, id int64) (*regie.PlanVersion, error) {
	var out *regie.PlanVersion
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		e, err := tx.evaluationByID(ctx, familyID, id)
		if err != nil {
			return err
		}
		if e.NewVersion != 0 {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgEvalVersionMade))
		}
		number, err := tx.startPlanVersion(ctx, familyID, e.Kind.Origin())
		if err != nil {
			return err
		}
		tx.result = int64(number)
		if out, err = tx.planVersion(ctx, familyID, number); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evaluations SET new_version_id = $1 WHERE id = $2`, out.ID, id); err != nil {
			return fmt.Errorf("store: plan from evaluation: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("hulpverleningsplan versie %d begonnen uit de %s van %s", number,
				strings.ToLower(e.Kind.Label()), e.On.Dutch())})
	})
	if number, ok := replayedResult(ctx); ok && err == nil {
		return &regie.PlanVersion{Number: int(number)}, nil // started by an earlier submit of this form
	}
	return out, err
}

// agendaEvaluations queues the team's evaluations not yet discussed,
// oldest first, each with whether the actor may record the discussion.
func (b *batch) agendaEvaluations(ag *regie.Agenda, teamID int64) {
	b.each("agenda evaluations", `SELECT `+evaluationColumns+evaluationFrom+fmt.Sprintf(`
		WHERE f.team_id = $1 AND f.closed_at IS NULL AND e.discussed_at IS NULL
		ORDER BY e.on_date, e.id LIMIT %d`, agendaSize), []any{teamID}, func(sc scanner) error {
		e := &regie.Evaluation{CanDiscuss: ag.CanDecide}
		var moment int64
		if err := scanEvaluation(sc, e, &moment); err != nil {
			return err
		}
		ag.EvaluationsToDiscuss = append(ag.EvaluationsToDiscuss, e)
		return nil
	})
}
