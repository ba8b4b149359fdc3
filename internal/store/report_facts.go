package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"regie"
)

// reportFacts reads the facts of a report's filter (regie.ReportFacts):
// the referrals received in the period, the families in scope with their
// phases, work, closings, check-ups and — for the effect cohort — scores,
// goals, end terms and agencies, and the workers. One query per kind of
// fact for the whole scope, never one per family; the contacts are summed
// in SQL. No access check: the caller decided. All in tx, one kind after
// the other; Store.reportFactsFanned reads the same on more cores.
func (tx *tx) reportFacts(ctx context.Context, f regie.ReportFilter) (*regie.ReportFacts, error) {
	r := &reportReader{}
	if err := r.first(ctx, tx, f); err != nil {
		return nil, err
	}
	for _, lane := range reportLanes {
		if err := r.lane(ctx, tx, lane); err != nil {
			return nil, err
		}
	}
	return r.facts, nil
}

// reportFactsFanned reads what reportFacts reads, the lanes side by side
// in read transactions of their own (readFanned): a year of a large city
// on more than one core.
func (s *Store) reportFactsFanned(ctx context.Context, f regie.ReportFilter) (*regie.ReportFacts, error) {
	r := &reportReader{}
	lanes := make([]func(*tx) error, len(reportLanes))
	for i, lane := range reportLanes {
		lanes[i] = func(t *tx) error { return r.lane(ctx, t, lane) }
	}
	if err := s.readFanned(ctx, func(t *tx) error { return r.first(ctx, t, f) }, lanes...); err != nil {
		return nil, err
	}
	return r.facts, nil
}

// reportLanes are the kinds of facts read after the families, in lanes
// that each fill their own fields of the families (and of the facts), so
// lanes can run side by side; within a lane, in order (the effect cohort
// needs the phases, the scores and agencies the cohort).
var reportLanes = [][]func(*reportReader, context.Context) error{
	{(*reportReader).phases, (*reportReader).finalEvaluations, (*reportReader).scores, (*reportReader).intensiveMinutes, (*reportReader).agencies},
	{(*reportReader).work, (*reportReader).coordinators, (*reportReader).checkups},
	{(*reportReader).referrals, (*reportReader).workers},
}

// first reads the norms, the rates and the families in scope.
func (r *reportReader) first(ctx context.Context, tx *tx, f regie.ReportFilter) error {
	if err := tx.customPlans(ctx); err != nil {
		return err
	}
	norms, err := tx.norms(ctx)
	if err != nil {
		return err
	}
	settings := map[string]string{}
	if err := tx.settings(ctx, settings); err != nil {
		return err
	}
	*r = reportReader{tx: tx, byID: map[int64]*regie.ReportFamily{}, intensive: map[int64]int{},
		facts: &regie.ReportFacts{Filter: f, Today: tx.today(), Norms: norms, Rates: regie.RatesFrom(settings)},
		args:  []any{ts(f.To.AddDays(1).Time()), f.From.ISO(), f.To.ISO(), f.TeamID, f.DistrictID, f.WorkerID}}
	return r.families(ctx)
}

// lane reads a lane's kinds of facts in tx, on a copy of the reader: the
// lane's own state (the cohort) stays its own.
func (r *reportReader) lane(ctx context.Context, tx *tx, steps []func(*reportReader, context.Context) error) error {
	if err := tx.customPlans(ctx); err != nil {
		return err
	}
	lr := *r
	lr.tx = tx
	for _, step := range steps {
		if err := step(&lr, ctx); err != nil {
			return err
		}
	}
	return nil
}

// reportReader reads the kinds of facts one by one into facts.
type reportReader struct {
	tx    *tx
	facts *regie.ReportFacts
	// args are $1…$6 of every query (reportScope's parameters).
	args []any
	byID map[int64]*regie.ReportFamily
	// intensive is each family's minutes in phases 1–4 ever (the
	// summary's minutes_intensive).
	intensive map[int64]int
	// cohort are the families whose latest final evaluation lies in the
	// period, by the id of that evaluation.
	cohort map[int64]*regie.ReportFamily
}

// reportScopeFull selects the ids of the families in scope, with parameters
// $1 (the instant after the period), $2 and $3 (its first and last day),
// $4 team, $5 district and $6 worker (0: any): open on some day of the
// period, or with a final evaluation or a check-up in it; for a worker,
// the families they were assigned to (coordinator, duo or a youth) in it.
const reportScopeFull = `SELECT f.id FROM families f JOIN family_summaries s ON s.family_id = f.id
	WHERE ($4 = 0 OR f.team_id = $4) AND ($5 = 0 OR f.district_id = $5)
		AND ($6 = 0 OR EXISTS (SELECT 1 FROM assignments a WHERE a.family_id = f.id AND a.user_id = $6
			AND a.started_on <= $3 AND (a.ended_on IS NULL OR a.ended_on >= $2)))
		AND ((f.created_at < $1 AND (s.closed_on IS NULL OR s.closed_on >= $2))
			OR EXISTS (SELECT 1 FROM checkups k WHERE k.family_id = f.id AND k.held_on >= $2 AND k.held_on <= $3)
			OR EXISTS (SELECT 1 FROM evaluations e WHERE e.family_id = f.id AND e.kind = 'eind' AND e.on_date >= $2 AND e.on_date <= $3))`

// reportScope is a cheaper superset of reportScopeFull for the queries
// after the families': the team, district and worker, without the
// conditions on the period that cost an index search per family; their
// rows of families outside the full scope are left out in Go (byID).
const reportScope = `SELECT f.id FROM families f
	WHERE ($4 = 0 OR f.team_id = $4) AND ($5 = 0 OR f.district_id = $5) AND f.created_at < $1
		AND ($6 = 0 OR EXISTS (SELECT 1 FROM assignments a WHERE a.family_id = f.id AND a.user_id = $6
			AND a.started_on <= $3 AND (a.ended_on IS NULL OR a.ended_on >= $2)))`

// cohortScope selects the ids of the families in scope with a final
// evaluation in the period (a superset of the effect cohort: the latest
// one decides, in Go).
const cohortScope = `SELECT e.family_id FROM evaluations e WHERE e.kind = 'eind' AND e.on_date >= $2 AND e.on_date <= $3
	AND e.family_id IN (` + reportScope + `)`

// query runs q with the scope's arguments ($1…$6) and more, calling scan
// per row.
func (r *reportReader) query(ctx context.Context, what, q string, scan func(rows interface{ Scan(...any) error }) error, more ...any) error {
	return r.queryArgs(ctx, what, q, scan, append(append([]any{}, r.args...), more...)...)
}

// queryArgs runs q with args, calling scan per row.
func (r *reportReader) queryArgs(ctx context.Context, what, q string, scan func(rows interface{ Scan(...any) error }) error, args ...any) error {
	rows, err := r.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: report %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("store: report %s: %w", what, err)
		}
	}
	return rows.Err()
}

// families reads the families in scope with their closing.
func (r *reportReader) families(ctx context.Context) error {
	return r.query(ctx, "families", `SELECT f.id, f.team_id, f.district_id, f.created_at, s.closed_on, s.minutes_total, s.minutes_intensive,
			COALESCE((SELECT c.outcome FROM family_closings c WHERE c.family_id = f.id ORDER BY c.closed_on DESC, c.id DESC LIMIT 1), '')
		FROM families f JOIN family_summaries s ON s.family_id = f.id
		WHERE f.id IN (`+reportScopeFull+`) ORDER BY f.id`, func(rows interface{ Scan(...any) error }) error {
		rf := &regie.ReportFamily{AgenciesStart: -1, AgenciesHandover: -1, AgenciesAfter: -1}
		var created time.Time
		var outcome string
		var intensive int
		if err := rows.Scan(&rf.ID, &rf.TeamID, &rf.DistrictID, timeScan{&created}, dateScan{&rf.ClosedOn}, &rf.MinutesTotal, &intensive, &outcome); err != nil {
			return err
		}
		r.intensive[rf.ID] = intensive
		rf.CreatedOn = regie.DateOf(created)
		if !rf.ClosedOn.IsZero() {
			rf.CloseOutcome = regie.CloseOutcome(outcome)
		}
		r.facts.Families = append(r.facts.Families, rf)
		r.byID[rf.ID] = rf
		return nil
	})
}

// coordinators reads each family's coordinator now, or the last one (at
// the closing): the open assignment, else the one that ended last.
func (r *reportReader) coordinators(ctx context.Context) error {
	return r.query(ctx, "coordinators", `SELECT a.family_id, a.user_id FROM assignments a
		WHERE a.kind = $7 AND a.family_id IN (`+reportScope+`)
		ORDER BY a.family_id, a.ended_on IS NULL, a.ended_on, a.id`, func(rows interface{ Scan(...any) error }) error {
		var famID, userID int64
		if err := rows.Scan(&famID, &userID); err != nil {
			return err
		}
		if fam := r.byID[famID]; fam != nil {
			fam.CoordinatorID = userID // the last row of a family wins
		}
		return nil
	}, string(regie.AssignCoordinator))
}

// phases reads the families' stays in a phase from their transitions: a
// stay lasts until the next transition, the last one until the closing.
func (r *reportReader) phases(ctx context.Context) error {
	err := r.query(ctx, "phases", `SELECT p.family_id, p.phase, p.started_on, p.reason FROM phase_transitions p
		WHERE p.family_id IN (`+reportScope+`) ORDER BY p.family_id, p.started_on, p.id`, func(rows interface{ Scan(...any) error }) error {
		var famID int64
		var t regie.PhaseTransition
		if err := rows.Scan(&famID, &t.Phase, dateScan{&t.StartedOn}, &t.Reason); err != nil {
			return err
		}
		fam := r.byID[famID]
		if fam == nil {
			return nil
		}
		if n := len(fam.Phases); n > 0 {
			fam.Phases[n-1].To = t.StartedOn
		}
		fam.Phases = append(fam.Phases, regie.ReportPhase{Phase: t.Phase, From: t.StartedOn, Relapse: t.Relapse()})
		return nil
	})
	if err != nil {
		return err
	}
	for _, fam := range r.facts.Families {
		if n := len(fam.Phases); n > 0 && !fam.ClosedOn.IsZero() {
			fam.Phases[n-1].To = fam.ClosedOn
		}
	}
	return nil
}

// work sums the families' contacts in the period per phase and author
// (for a worker, their own contacts only): the whole months from
// contact_months, the days of the months at the period's edges from the
// contacts.
func (r *reportReader) work(ctx context.Context) error {
	f := r.facts.Filter
	fullFrom, fullTo := fullMonths(f.From, f.To)
	return r.query(ctx, "work", `SELECT w.family_id, w.phase, w.user_id, SUM(w.minutes), SUM(w.contacts), SUM(w.no_answer), SUM(w.refused)
		FROM (SELECT m.family_id, m.phase, m.user_id, m.minutes, m.contacts, m.no_answer, m.refused FROM contact_months m
				WHERE m.month >= $7 AND m.month < $8 AND ($6 = 0 OR m.user_id = $6) AND m.family_id IN (`+reportScope+`)
			UNION ALL
			SELECT c.family_id, c.phase, c.user_id, c.minutes, 1, CASE WHEN c.attempt = $9 THEN 1 ELSE 0 END, CASE WHEN c.attempt = $10 THEN 1 ELSE 0 END
				FROM contacts c
				WHERE (c.contact_date >= $2 AND c.contact_date < $7 OR c.contact_date >= $8 AND c.contact_date <= $3) AND ($6 = 0 OR c.user_id = $6)
					AND c.family_id IN (`+reportScope+`)) w
		GROUP BY w.family_id, w.phase, w.user_id ORDER BY w.family_id, w.phase, w.user_id`, func(rows interface{ Scan(...any) error }) error {
		var famID int64
		var w regie.ReportWork
		if err := rows.Scan(&famID, &w.Phase, &w.UserID, &w.Minutes, &w.Contacts, &w.NoAnswer, &w.Refused); err != nil {
			return err
		}
		if fam := r.byID[famID]; fam != nil {
			fam.Work = append(fam.Work, w)
		}
		return nil
	}, fullFrom.ISO(), fullTo.ISO(), string(regie.AttemptNoAnswer), string(regie.AttemptRefused))
}

// fullMonths returns the whole months of the period from..to as the first
// day of the first and the first day after the last (from ≤ m < to); an
// empty range, both the day after the period, when it holds none.
func fullMonths(from, to regie.Date) (regie.Date, regie.Date) {
	start := regie.NewDate(from.Time().Year(), from.Time().Month(), 1)
	if start.Before(from) {
		start = start.AddMonths(1)
	}
	end := regie.NewDate(to.Time().Year(), to.Time().Month(), 1)
	if to.AddDays(1).Time().Day() == 1 {
		end = to.AddDays(1)
	}
	if !start.Before(end) {
		return to.AddDays(1), to.AddDays(1)
	}
	return start, end
}

// checkups reads the check-ups in the period.
func (r *reportReader) checkups(ctx context.Context) error {
	return r.query(ctx, "check-ups", `SELECT k.family_id, k.held_on, k.assessment FROM checkups k
		WHERE k.held_on >= $2 AND k.held_on <= $3 AND k.family_id IN (`+reportScope+`)
		ORDER BY k.family_id, k.held_on, k.id`, func(rows interface{ Scan(...any) error }) error {
		var famID int64
		var c regie.ReportCheckup
		var a string
		if err := rows.Scan(&famID, dateScan{&c.On}, &a); err != nil {
			return err
		}
		c.Assessment = regie.CheckupAssessment(a)
		if fam := r.byID[famID]; fam != nil {
			fam.Checkups = append(fam.Checkups, c)
		}
		return nil
	})
}

// finalEvaluations reads the latest final evaluation of each family with
// one in the period (the effect cohort), then its goals per degree and its
// end terms.
func (r *reportReader) finalEvaluations(ctx context.Context) error {
	latest := map[int64]int64{} // family → evaluation
	err := r.query(ctx, "final evaluations", `SELECT e.family_id, e.id, e.on_date FROM evaluations e
		WHERE e.kind = 'eind' AND e.family_id IN (`+cohortScope+`) ORDER BY e.family_id, e.on_date, e.id`,
		func(rows interface{ Scan(...any) error }) error {
			var famID, id int64
			var on regie.Date
			if err := rows.Scan(&famID, &id, dateScan{&on}); err != nil {
				return err
			}
			if fam := r.byID[famID]; fam != nil {
				fam.FinalEvaluationOn, latest[famID] = on, id
			}
			return nil
		})
	if err != nil {
		return err
	}
	r.cohort = map[int64]*regie.ReportFamily{}
	for famID, id := range latest {
		if fam := r.byID[famID]; r.facts.Filter.Contains(fam.FinalEvaluationOn) {
			r.cohort[id] = fam
			fam.Goals, fam.EndTerms = map[regie.GoalDegree]int{}, map[regie.EndTerm]regie.EndTermScore{}
		}
	}
	if len(r.cohort) == 0 {
		return nil
	}
	err = r.query(ctx, "goals", `SELECT g.evaluation_id, g.degree, COUNT(*) FROM evaluation_goals g
		WHERE g.evaluation_id IN (SELECT e.id FROM evaluations e WHERE e.kind = 'eind' AND e.on_date >= $2 AND e.on_date <= $3
			AND e.family_id IN (`+reportScope+`))
		GROUP BY g.evaluation_id, g.degree`, func(rows interface{ Scan(...any) error }) error {
		var id int64
		var degree string
		var n int
		if err := rows.Scan(&id, &degree, &n); err != nil {
			return err
		}
		if fam := r.cohort[id]; fam != nil && degree != "" {
			fam.Goals[regie.GoalDegree(degree)] += n
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.query(ctx, "end terms", `SELECT t.evaluation_id, t.term, t.score FROM evaluation_end_terms t
		WHERE t.evaluation_id IN (SELECT e.id FROM evaluations e WHERE e.kind = 'eind' AND e.on_date >= $2 AND e.on_date <= $3
			AND e.family_id IN (`+reportScope+`))`, func(rows interface{ Scan(...any) error }) error {
		var id int64
		var term, score string
		if err := rows.Scan(&id, &term, &score); err != nil {
			return err
		}
		if fam := r.cohort[id]; fam != nil {
			fam.EndTerms[regie.EndTerm(term)] = regie.EndTermScore(score)
		}
		return nil
	})
}

// inCohort returns the family if it is in the effect cohort.
func (r *reportReader) inCohort(famID int64) *regie.ReportFamily {
	fam := r.byID[famID]
	if fam == nil || fam.Goals == nil {
		return nil
	}
	return fam
}

// scores reads the cohort's household scores: per life domain the score
// at the first moment that scored it and at the latest; a domain scored
// at one moment only is in neither.
func (r *reportReader) scores(ctx context.Context) error {
	if len(r.cohort) == 0 {
		return nil
	}
	type seen struct {
		moment int64
		count  int
	}
	moments := map[int64]map[regie.Domain]*seen{}
	err := r.query(ctx, "scores", `SELECT m.family_id, m.id, s.domain, s.score FROM score_moments m JOIN moment_scores s ON s.moment_id = m.id
		WHERE s.member_id = 0 AND m.family_id IN (`+cohortScope+`) ORDER BY m.family_id, m.on_date, m.id`,
		func(rows interface{ Scan(...any) error }) error {
			var famID, moment int64
			var d string
			var sc regie.Score
			if err := rows.Scan(&famID, &moment, &d, &sc); err != nil {
				return err
			}
			fam := r.inCohort(famID)
			if fam == nil {
				return nil
			}
			if fam.StartScores == nil {
				fam.StartScores, fam.EndScores = map[regie.Domain]regie.Score{}, map[regie.Domain]regie.Score{}
				moments[famID] = map[regie.Domain]*seen{}
			}
			dom := regie.Domain(d)
			s := moments[famID][dom]
			if s == nil {
				moments[famID][dom] = &seen{moment: moment, count: 1}
				fam.StartScores[dom] = sc
				return nil
			}
			if s.moment != moment {
				s.moment, s.count = moment, s.count+1
			}
			fam.EndScores[dom] = sc
			return nil
		})
	if err != nil {
		return err
	}
	for famID, doms := range moments {
		fam := r.byID[famID]
		for d, s := range doms {
			if s.count < 2 {
				delete(fam.StartScores, d)
				delete(fam.EndScores, d)
			}
		}
	}
	return nil
}

// intensiveMinutes sets the cohort's minutes of their latest intensive
// period: the contacts in phases 1–4 since the intensive phase last began
// (the summary's intensive_started_on, as the family's page counts it).
// For a family in its first intensive period those are all its minutes
// in phases 1–4 (the summary's minutes_intensive); only the families that
// relapsed are summed from their contacts.
func (r *reportReader) intensiveMinutes(ctx context.Context) error {
	var relapsed []int64
	for _, fam := range r.cohort {
		runs := 0
		prev := regie.Phase(0)
		for _, s := range fam.Phases {
			if s.Phase.Intensive() && !prev.Intensive() {
				runs++
			}
			prev = s.Phase
		}
		if runs <= 1 {
			fam.MinutesIntensive = r.intensive[fam.ID]
		} else {
			relapsed = append(relapsed, fam.ID)
		}
	}
	if len(relapsed) == 0 {
		return nil
	}
	return r.queryArgs(ctx, "intensive minutes", `SELECT c.family_id, SUM(c.minutes) FROM contacts c
		JOIN family_summaries s ON s.family_id = c.family_id
		WHERE c.phase BETWEEN 1 AND 4 AND c.contact_date >= s.intensive_started_on AND `+r.tx.s.d.inIDs("c.family_id", 1)+`
		GROUP BY c.family_id`, func(rows interface{ Scan(...any) error }) error {
		var famID int64
		var m int
		if err := rows.Scan(&famID, &m); err != nil {
			return err
		}
		if fam := r.inCohort(famID); fam != nil {
			fam.MinutesIntensive = m
		}
		return nil
	}, r.tx.s.d.idsArg(relapsed))
}

// agencies reads the cohort's trajectories and counts the agencies
// involved (Trajectories.AgenciesOn) at the start of the intensive period
// that the final evaluation ended, at the handover that followed it, and
// after it: at the closing, or today.
func (r *reportReader) agencies(ctx context.Context) error {
	if len(r.cohort) == 0 {
		return nil
	}
	lists := map[int64]*regie.Trajectories{}
	err := r.query(ctx, "agencies", `SELECT t.family_id, t.org_id, t.status, t.waiting_since, t.started_on, t.ended_on FROM trajectories t
		WHERE t.family_id IN (`+cohortScope+`) ORDER BY t.family_id, t.id`, func(rows interface{ Scan(...any) error }) error {
		var famID int64
		var t regie.Trajectory
		var status string
		if err := rows.Scan(&famID, &t.OrgID, &status, dateScan{&t.WaitingSince}, dateScan{&t.StartedOn}, dateScan{&t.EndedOn}); err != nil {
			return err
		}
		t.Status = regie.TrajectoryStatus(status)
		if lists[famID] == nil {
			lists[famID] = &regie.Trajectories{}
		}
		lists[famID].List = append(lists[famID].List, &t)
		return nil
	})
	if err != nil {
		return err
	}
	for _, fam := range r.cohort {
		ts := lists[fam.ID]
		if ts == nil {
			ts = &regie.Trajectories{}
		}
		start, handover := intensiveStartAndHandover(fam)
		if start.IsZero() {
			continue
		}
		fam.AgenciesStart = ts.AgenciesOn(start)
		if handover.IsZero() {
			continue
		}
		fam.AgenciesHandover = ts.AgenciesOn(handover)
		after := r.facts.Today
		if !fam.ClosedOn.IsZero() {
			after = fam.ClosedOn
		}
		fam.AgenciesAfter = ts.AgenciesOn(after)
	}
	return nil
}

// intensiveStartAndHandover returns the start of the intensive period the
// family's final evaluation ended (the last run of phases 1–4 begun on or
// before it) and the start of the coordination of care that followed it
// (zero when none).
func intensiveStartAndHandover(fam *regie.ReportFamily) (start, handover regie.Date) {
	prev := regie.Phase(0)
	for _, s := range fam.Phases {
		switch {
		case s.Phase.Intensive() && !prev.Intensive() && !s.From.After(fam.FinalEvaluationOn):
			start, handover = s.From, regie.Date{}
		case s.Phase == regie.PhaseCoordination && prev != regie.PhaseCoordination && !start.IsZero() && handover.IsZero():
			handover = s.From
		}
		prev = s.Phase
	}
	return start, handover
}

// referrals reads the referrals received in the period in the team and
// district (for a worker: those that became a family in scope), each with
// its source, its latest intake decision and the first contact with the
// family on or after it.
func (r *reportReader) referrals(ctx context.Context) error {
	f := r.facts.Filter
	// A day from the filter is a day in Amsterdam: read a day more on
	// each side and keep the referrals whose day lies in the period.
	return r.query(ctx, "referrals", `SELECT r.id, r.team_id, r.district_id, r.created_at, o.kind, o.name, r.status, COALESCE(r.family_id, 0),
			d.decided_at, COALESCE(d.outcome, ''), COALESCE(d.contra_indications, ''),
			(SELECT MIN(c.contact_date) FROM contacts c WHERE c.family_id = r.family_id AND c.kind NOT IN ($9, $10)
				AND c.contact_date >= `+r.tx.s.d.dayOf("d.decided_at")+`)
		FROM referrals r JOIN organisations o ON o.id = r.referrer_org_id
			LEFT JOIN intake_decisions d ON d.id = (SELECT d2.id FROM intake_decisions d2 WHERE d2.referral_id = r.id
				ORDER BY d2.decided_at DESC, d2.id DESC LIMIT 1)
		WHERE r.created_at >= $7 AND r.created_at < $8 AND ($4 = 0 OR r.team_id = $4) AND ($5 = 0 OR r.district_id = $5)
			AND ($6 = 0 OR r.family_id IN (`+reportScope+`))
		ORDER BY r.id`, func(rows interface{ Scan(...any) error }) error {
		rr := &regie.ReportReferral{}
		var created, decided time.Time
		var kind, status, outcome, contra string
		if err := rows.Scan(&rr.ID, &rr.TeamID, &rr.DistrictID, timeScan{&created}, &kind, &rr.SourceName, &status, &rr.FamilyID,
			timeScan{&decided}, &outcome, &contra, dateScan{&rr.FirstContactOn}); err != nil {
			return err
		}
		rr.ReceivedOn = regie.DateOf(created)
		if !f.Contains(rr.ReceivedOn) {
			return nil
		}
		rr.SourceKind, rr.Status = regie.OrgKind(kind), regie.ReferralStatus(status)
		if !decided.IsZero() {
			rr.DecidedOn = regie.DateOf(decided)
			rr.ContraIndicated = outcome == string(regie.IntakeDecline) && strings.TrimSpace(contra) != ""
		}
		if rr.FamilyID == 0 || rr.Status != regie.ReferralAccepted || rr.FirstContactOn.Before(rr.DecidedOn) {
			rr.FirstContactOn = regie.Date{}
		}
		r.facts.Referrals = append(r.facts.Referrals, rr)
		return nil
	}, ts(f.From.AddDays(-1).Time()), ts(f.To.AddDays(2).Time()),
		string(regie.ContactNetwork), string(regie.ContactTeam))
}

// workers reads the casemanagers and youth workers in scope (not
// disabled before the period) with their families (youths) at the
// period's end and the assignments begun in it: a casemanager's as
// coordinator or duo, a youth worker's youths.
func (r *reportReader) workers(ctx context.Context) error {
	f := r.facts.Filter
	byID := map[int64]*regie.ReportWorker{}
	err := r.queryArgs(ctx, "workers", `SELECT u.id, u.name, u.role, u.team_id FROM users u
		WHERE u.role IN ($1, $2) AND u.team_id IS NOT NULL AND ($3 = 0 OR u.team_id = $3) AND ($4 = 0 OR u.id = $4)
			AND (u.disabled_at IS NULL OR u.disabled_at >= $5)
		ORDER BY u.sort_name, u.id`, func(rows interface{ Scan(...any) error }) error {
		w := &regie.ReportWorker{}
		var role string
		if err := rows.Scan(&w.UserID, &w.Name, &role, &w.TeamID); err != nil {
			return err
		}
		w.Role = regie.Role(role)
		r.facts.Workers = append(r.facts.Workers, w)
		byID[w.UserID] = w
		return nil
	}, string(regie.RoleCasemanager), string(regie.RoleYouthWorker), f.TeamID, f.WorkerID, ts(f.From.Time()))
	if err != nil || len(byID) == 0 {
		return err
	}
	// One pass over the assignments of the period's end and its starts.
	return r.queryArgs(ctx, "caseloads", `SELECT a.user_id, a.kind,
			SUM(CASE WHEN a.ended_on IS NULL OR a.ended_on > $2 THEN 1 ELSE 0 END),
			SUM(CASE WHEN a.started_on >= $1 THEN 1 ELSE 0 END)
		FROM assignments a
		WHERE a.kind IN ($3, $4, $5) AND a.started_on <= $2 AND (a.ended_on IS NULL OR a.ended_on >= $1)
			AND ($6 = 0 OR a.user_id = $6)
		GROUP BY a.user_id, a.kind`, func(rows interface{ Scan(...any) error }) error {
		var userID int64
		var kind string
		var current, started int
		if err := rows.Scan(&userID, &kind, &current, &started); err != nil {
			return err
		}
		w := byID[userID]
		if w == nil || (kind == string(regie.AssignYouth)) != (w.Role == regie.RoleYouthWorker) {
			return nil
		}
		w.Current += current
		w.Started += started
		return nil
	}, f.From.ISO(), f.To.ISO(), string(regie.AssignCoordinator), string(regie.AssignDuo), string(regie.AssignYouth), f.WorkerID)
}
