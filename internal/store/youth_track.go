package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"regie"
	"regie/internal/policy"
)

// The youth worker's own track (regie.YouthService). Every method reads
// the youth's facts (youthFacts), asks the policy for SegYouth (the shared
// part) or SegYouthConfidential (what the youth told in confidence) and
// writes its audit row with the youth's member id. The confidential part
// is read only when the policy's decision on SegYouthConfidential allows
// it for the reader — the youth's own worker, or whoever the youth's own
// consent opens it to — so nothing here decides confidentiality itself.

// youthTrackColumns are the columns of a track with the youth's and the
// worker's names.
const youthTrackColumns = `t.id, t.family_id, f.household_name, t.member_id, m.given_name, t.worker_id, u.name, t.started_on, t.closed_on
	FROM youth_tracks t JOIN families f ON f.id = t.family_id JOIN members m ON m.id = t.member_id JOIN users u ON u.id = t.worker_id`

func scanYouthTrack(sc interface{ Scan(...any) error }, t *regie.YouthTrack) error {
	return sc.Scan(&t.ID, &t.FamilyID, &t.HouseholdName, &t.MemberID, &t.MemberName, &t.WorkerID, &t.WorkerName,
		dateScan{&t.StartedOn}, dateScan{&t.ClosedOn})
}

// newestYouthTrack returns the youth's newest track, or nil when none was
// started.
func (tx *tx) newestYouthTrack(ctx context.Context, familyID, memberID int64) (*regie.YouthTrack, error) {
	t := &regie.YouthTrack{}
	err := scanYouthTrack(tx.QueryRowContext(ctx, `SELECT `+youthTrackColumns+`
		WHERE t.family_id = $1 AND t.member_id = $2 ORDER BY t.started_on DESC, t.id DESC LIMIT 1`, familyID, memberID), t)
	if isNoRows(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: youth track: %w", err)
	}
	return t, nil
}

// runningYouthTrack returns the youth's running track, or ECONFLICT.
func (tx *tx) runningYouthTrack(ctx context.Context, familyID, memberID int64) (*regie.YouthTrack, error) {
	t, err := tx.newestYouthTrack(ctx, familyID, memberID)
	if err != nil {
		return nil, err
	}
	if !t.Running() {
		return nil, regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgYouthTrackNotRunning))
	}
	return t, nil
}

// trackPermissions narrows the policy's permissions by the track's state.
func trackPermissions(a *regie.Actor, f *policy.Facts, t *regie.YouthTrack) regie.YouthPermissions {
	can := policy.YouthPermissions(a, f)
	running := t.Running()
	can.Start = can.Start && !running
	can.Plan = can.Plan && running
	can.Contact = can.Contact && running
	can.Close = can.Close && running
	return can
}

// FindYouthTrack implements regie.YouthService.
func (s *Store) FindYouthTrack(ctx context.Context, familyID, memberID int64) (*regie.YouthTrack, regie.YouthPermissions, error) {
	var (
		t   *regie.YouthTrack
		can regie.YouthPermissions
	)
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeYouth(ctx, regie.ActionRead, regie.SegYouth, familyID, memberID)
		if err != nil {
			return err
		}
		if t, err = tx.newestYouthTrack(ctx, familyID, memberID); err != nil {
			return err
		}
		if t == nil {
			// No track yet: the youth and the family, to start one.
			t = &regie.YouthTrack{FamilyID: familyID, MemberID: memberID}
			if err := tx.QueryRowContext(ctx, `SELECT f.household_name, m.given_name FROM families f JOIN members m ON m.family_id = f.id
				WHERE f.id = $1 AND m.id = $2`, familyID, memberID).Scan(&t.HouseholdName, &t.MemberName); err != nil {
				return fmt.Errorf("store: youth track: %w", err)
			}
		}
		can = trackPermissions(tx.actor, f, t)
		norms, err := tx.norms(ctx)
		if err != nil {
			return err
		}
		t.ApplyNorm(norms, tx.today())
		detail := "jeugdtraject"
		if t.ID != 0 {
			if t.FamilyAgreements, err = tx.youthAgreements(ctx, t.ID, true); err != nil {
				return err
			}
			detail = fmt.Sprintf("jeugdtraject %d", t.ID)
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegYouth,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: detail}); err != nil {
			return err
		}
		if t.Contacts, err = tx.youthContacts(ctx, f, familyID, memberID); err != nil {
			return err
		}
		cdec := policy.Decide(tx.actor, regie.ActionRead, regie.SegYouthConfidential, f)
		if !cdec.Allow || t.ID == 0 {
			return nil
		}
		t.Confidential = true
		if err := tx.youthConfidentialPart(ctx, t); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: familyID, MemberID: memberID, Basis: cdec.Basis, Detail: fmt.Sprintf("jeugdtraject %d: plan, scores, eindevaluatie", t.ID)})
	})
	return t, can, err
}

// youthConfidentialPart reads what the youth told in confidence: the
// goals, every agreement, the scores and the final evaluation.
func (tx *tx) youthConfidentialPart(ctx context.Context, t *regie.YouthTrack) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, domain, words, steps, updated_at FROM youth_goals WHERE track_id = $1 ORDER BY id`, t.ID)
	if err != nil {
		return fmt.Errorf("store: youth goals: %w", err)
	}
	for rows.Next() {
		g := &regie.YouthGoal{}
		var d string
		if err := rows.Scan(&g.ID, &d, &g.Words, &g.Steps, timeScan{&g.UpdatedAt}); err != nil {
			rows.Close()
			return err
		}
		g.Domain = regie.Domain(d)
		t.Goals = append(t.Goals, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// In the order of the life domains, as the plan is read.
	order := map[regie.Domain]int{}
	for i, d := range regie.Domains {
		order[d.Value] = i
	}
	slices.SortStableFunc(t.Goals, func(a, b *regie.YouthGoal) int { return order[a.Domain] - order[b.Domain] })
	if t.Agreements, err = tx.youthAgreements(ctx, t.ID, false); err != nil {
		return err
	}
	if t.Scores, err = tx.youthScores(ctx, t.ID); err != nil {
		return err
	}
	return tx.youthEvaluation(ctx, t)
}

// youthAgreements returns a track's agreements by day; shared: only those
// that concern the family.
func (tx *tx) youthAgreements(ctx context.Context, trackID int64, shared bool) ([]*regie.YouthAgreement, error) {
	q := `SELECT id, owner, what, due, status, concerns_family FROM youth_agreements WHERE track_id = $1`
	if shared {
		q += ` AND concerns_family = $2`
	}
	args := []any{trackID}
	if shared {
		args = append(args, true)
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY due, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: youth agreements: %w", err)
	}
	defer rows.Close()
	var list []*regie.YouthAgreement
	for rows.Next() {
		a := &regie.YouthAgreement{}
		var status string
		if err := rows.Scan(&a.ID, &a.Owner, &a.What, dateScan{&a.Due}, &status, &a.ConcernsFamily); err != nil {
			return nil, err
		}
		a.Status = regie.AgreementStatus(status)
		list = append(list, a)
	}
	return list, rows.Err()
}

// youthScores returns a track's score moments, oldest first.
func (tx *tx) youthScores(ctx context.Context, trackID int64) ([]*regie.YouthScoreMoment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT sm.id, sm.scored_on, sm.kind, s.domain, s.score
		FROM youth_score_moments sm JOIN youth_scores s ON s.moment_id = sm.id
		WHERE sm.track_id = $1 ORDER BY sm.scored_on, sm.id`, trackID)
	if err != nil {
		return nil, fmt.Errorf("store: youth scores: %w", err)
	}
	defer rows.Close()
	var list []*regie.YouthScoreMoment
	for rows.Next() {
		var (
			id     int64
			on     regie.Date
			kind   string
			domain string
			score  int
		)
		if err := rows.Scan(&id, dateScan{&on}, &kind, &domain, &score); err != nil {
			return nil, err
		}
		if len(list) == 0 || list[len(list)-1].ID != id {
			list = append(list, &regie.YouthScoreMoment{ID: id, On: on, Kind: regie.YouthScoreKind(kind), Scores: map[regie.Domain]regie.Score{}})
		}
		list[len(list)-1].Scores[regie.Domain(domain)] = regie.Score(score)
	}
	return list, rows.Err()
}

// youthEvaluation reads a track's final evaluation, if any.
func (tx *tx) youthEvaluation(ctx context.Context, t *regie.YouthTrack) error {
	e := &regie.YouthEvaluation{}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT e.id, e.held_on, e.how_now, u.name FROM youth_evaluations e JOIN users u ON u.id = e.created_by
		WHERE e.track_id = $1`, t.ID).Scan(&id, dateScan{&e.On}, &e.HowNow, &e.ByName)
	if isNoRows(err) {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: youth evaluation: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT goal_id, domain, words, degree, note FROM youth_evaluation_goals
		WHERE evaluation_id = $1 ORDER BY position`, id)
	if err != nil {
		return fmt.Errorf("store: youth evaluation goals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		g := &regie.YouthGoalResult{}
		var d, degree string
		if err := rows.Scan(&g.GoalID, &d, &g.Words, &degree, &g.Note); err != nil {
			return err
		}
		g.Domain, g.Degree = regie.Domain(d), regie.GoalDegree(degree)
		e.Goals = append(e.Goals, g)
	}
	t.Evaluation = e
	return rows.Err()
}

// youthContacts returns the contacts with the youth, newest first; what
// the youth told is left out for a reader the policy does not open it to
// (hideConfidential).
func (tx *tx) youthContacts(ctx context.Context, f *policy.Facts, familyID, memberID int64) ([]*regie.Contact, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+contactColumns+contactFrom+`
		WHERE c.family_id = $1 AND c.youth_member_id = $2 ORDER BY c.contact_date DESC, c.start_time DESC, c.id DESC LIMIT 200`,
		familyID, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: youth contacts: %w", err)
	}
	var cs []*regie.Contact
	for rows.Next() {
		c := &regie.Contact{}
		if err := scanContact(rows, c); err != nil {
			rows.Close()
			return nil, err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := tx.contactMembers(ctx, cs); err != nil {
		return nil, err
	}
	return cs, tx.hideConfidential(ctx, f, familyID, cs)
}

// StartYouthTrack implements regie.YouthService. The track starts when
// the youth worker opens it, on the day typed: the youth worker first
// seeks contact and wins the youth's trust (seed 003 §6, "op basis van
// vrijwilligheid"), and the 6–9 months run from the day the youth and
// the worker start working on the youth's own plan — not from the
// assignment.
func (s *Store) StartYouthTrack(ctx context.Context, familyID, memberID int64, in regie.YouthStartInput) (*regie.YouthTrack, error) {
	var t *regie.YouthTrack
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeYouth(ctx, regie.ActionCreate, regie.SegYouth, familyID, memberID)
		if err != nil {
			return err
		}
		if _, err := tx.decide(ctx, regie.ActionCreate, regie.SegYouthConfidential, f, familyID, memberID, regie.NotFound()); err != nil {
			return err
		}
		facts := regie.YouthStartFacts{Today: tx.today()}
		if err := tx.QueryRowContext(ctx, `SELECT m.birth_date, a.started_on FROM members m
			JOIN assignments a ON a.member_id = m.id AND a.family_id = m.family_id AND a.kind = $3 AND a.ended_on IS NULL AND a.user_id = $4
			WHERE m.id = $1 AND m.family_id = $2`, memberID, familyID, string(regie.AssignYouth), tx.actor.UserID).
			Scan(dateScan{&facts.BirthDate}, dateScan{&facts.AssignedOn}); err != nil {
			return fmt.Errorf("store: start youth track: %w", err)
		}
		cur, err := tx.newestYouthTrack(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		facts.Running = cur.Running()
		on, err := in.Validate(facts)
		if err != nil {
			return err
		}
		t = &regie.YouthTrack{FamilyID: familyID, MemberID: memberID, WorkerID: tx.actor.UserID, StartedOn: on}
		if err := tx.QueryRowContext(ctx, `INSERT INTO youth_tracks (family_id, member_id, worker_id, started_on, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, familyID, memberID, tx.actor.UserID, on.ISO(), ts(tx.now)).Scan(&t.ID); err != nil {
			return fmt.Errorf("store: start youth track: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegYouth,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: fmt.Sprintf("jeugdtraject %d gestart op %s", t.ID, on.Dutch())})
	})
	return t, err
}

// authorizeYouthWrite decides a write of a running track: both parts of
// it (the shared agreements and the confidential rest), then the track.
func (tx *tx) authorizeYouthWrite(ctx context.Context, act regie.Action, familyID, memberID int64) (policy.Decision, *regie.YouthTrack, error) {
	dec, f, err := tx.authorizeYouth(ctx, act, regie.SegYouthConfidential, familyID, memberID)
	if err != nil {
		return dec, nil, err
	}
	if _, err := tx.decide(ctx, act, regie.SegYouth, f, familyID, memberID, regie.NotFound()); err != nil {
		return dec, nil, err
	}
	t, err := tx.runningYouthTrack(ctx, familyID, memberID)
	return dec, t, err
}

// SaveYouthPlan implements regie.YouthService.
func (s *Store) SaveYouthPlan(ctx context.Context, familyID, memberID int64, in regie.YouthPlanInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, t, err := tx.authorizeYouthWrite(ctx, regie.ActionUpdate, familyID, memberID)
		if err != nil {
			return err
		}
		in.Normalize()
		dues, err := in.Validate(t.StartedOn)
		if err != nil {
			return err
		}
		var goals, cleared, added, shared int
		for _, d := range regie.Domains {
			words, ok := in.Goals[d.Value]
			if !ok {
				continue
			}
			if words == "" {
				res, err := tx.ExecContext(ctx, `DELETE FROM youth_goals WHERE track_id = $1 AND domain = $2
					AND id NOT IN (SELECT goal_id FROM youth_evaluation_goals)`, t.ID, string(d.Value))
				if err != nil {
					return fmt.Errorf("store: youth plan: %w", err)
				}
				if n, _ := res.RowsAffected(); n > 0 {
					cleared++
				}
				continue
			}
			res, err := tx.ExecContext(ctx, `UPDATE youth_goals SET words = $1, steps = $2, updated_by = $3, updated_at = $4
				WHERE track_id = $5 AND domain = $6`, words, in.Steps[d.Value], tx.actor.UserID, ts(tx.now), t.ID, string(d.Value))
			if err != nil {
				return fmt.Errorf("store: youth plan: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO youth_goals (track_id, domain, words, steps, updated_by, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6)`, t.ID, string(d.Value), words, in.Steps[d.Value], tx.actor.UserID, ts(tx.now)); err != nil {
					return fmt.Errorf("store: youth plan: %w", err)
				}
			}
			goals++
		}
		for i, a := range in.Agreements {
			if a.Empty() {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO youth_agreements (track_id, owner, what, due, status, concerns_family, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, t.ID, a.Owner, a.What, dues[i].ISO(), string(regie.AgreementOpen), a.ConcernsFamily,
				tx.actor.UserID, ts(tx.now)); err != nil {
				return fmt.Errorf("store: youth agreement: %w", err)
			}
			added++
			if a.ConcernsFamily {
				shared++
			}
		}
		detail := fmt.Sprintf("jeugdtraject %d: plan van de jongere, %d doelen, %d afspraken erbij", t.ID, goals, added)
		if cleared > 0 {
			detail += fmt.Sprintf(", %d doelen geschrapt", cleared)
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: detail}); err != nil {
			return err
		}
		if shared == 0 {
			return nil
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegYouth,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis,
			Detail: fmt.Sprintf("jeugdtraject %d: %d afspraken die het gezin betreffen", t.ID, shared)})
	})
}

// SetYouthAgreementStatus implements regie.YouthService.
func (s *Store) SetYouthAgreementStatus(ctx context.Context, familyID, memberID int64, in regie.YouthAgreementStatusInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, t, err := tx.authorizeYouthWrite(ctx, regie.ActionUpdate, familyID, memberID)
		if err != nil {
			return err
		}
		if !regie.IsChoice(regie.AgreementStatuses, in.Status) {
			return addField(nil, fmt.Sprintf("status-%d", in.AgreementID), regie.MsgChoiceInvalid)
		}
		var concerns bool
		if err := tx.QueryRowContext(ctx, `SELECT concerns_family FROM youth_agreements WHERE id = $1 AND track_id = $2`,
			in.AgreementID, t.ID).Scan(&concerns); isNoRows(err) {
			return regie.NotFound()
		} else if err != nil {
			return fmt.Errorf("store: youth agreement status: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE youth_agreements SET status = $1, status_by = $2, status_at = $3 WHERE id = $4`,
			string(in.Status), tx.actor.UserID, ts(tx.now), in.AgreementID); err != nil {
			return fmt.Errorf("store: youth agreement status: %w", err)
		}
		seg := regie.SegYouthConfidential
		if concerns {
			seg = regie.SegYouth
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: seg,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis,
			Detail: fmt.Sprintf("jeugdtraject %d: afspraak %d %s", t.ID, in.AgreementID, strings.ToLower(in.Status.Label()))})
	})
}

// ScoreYouth implements regie.YouthService.
func (s *Store) ScoreYouth(ctx context.Context, familyID, memberID int64, in regie.YouthScoresInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, t, err := tx.authorizeYouthWrite(ctx, regie.ActionCreate, familyID, memberID)
		if err != nil {
			return err
		}
		on, err := in.Validate(t.StartedOn, tx.today())
		if err != nil {
			return err
		}
		if err := tx.insertYouthScores(ctx, t.ID, on, in.Kind, in.Scores); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis,
			Detail: fmt.Sprintf("jeugdtraject %d: zelfredzaamheid gescoord op %s", t.ID, on.Dutch())})
	})
}

func (tx *tx) insertYouthScores(ctx context.Context, trackID int64, on regie.Date, kind regie.YouthScoreKind, scores map[regie.Domain]regie.Score) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO youth_score_moments (track_id, scored_on, kind, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, trackID, on.ISO(), string(kind), tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
		return fmt.Errorf("store: youth scores: %w", err)
	}
	for _, d := range regie.Domains {
		if sc := scores[d.Value]; sc > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO youth_scores (moment_id, domain, score) VALUES ($1, $2, $3)`,
				id, string(d.Value), int(sc)); err != nil {
				return fmt.Errorf("store: youth scores: %w", err)
			}
		}
	}
	return nil
}

// CreateYouthContact implements regie.YouthService: one of the family's
// contacts (its minutes count for the family's hours), with the youth as
// who was there, marked as the youth's; its note is confidential.
func (s *Store) CreateYouthContact(ctx context.Context, familyID, memberID int64, in regie.ContactInput) (*regie.Contact, error) {
	var c *regie.Contact
	err := s.write(ctx, func(tx *tx) error {
		dec, t, err := tx.authorizeYouthWrite(ctx, regie.ActionCreate, familyID, memberID)
		if err != nil {
			return err
		}
		fdec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegContacts, familyID, memberID)
		if err != nil {
			return err
		}
		in.Members = []int64{memberID}
		if c, err = tx.insertContact(ctx, familyID, &in, memberID); err != nil {
			return err
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegContacts,
			FamilyID: familyID, MemberID: memberID, Basis: fdec.Basis,
			Detail: fmt.Sprintf("contactmoment %d: %s, %s (jeugdtraject)", c.ID, strings.ToLower(in.Kind.Label()), in.Attempt.Label())}); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: fmt.Sprintf("jeugdtraject %d: contactmoment %d", t.ID, c.ID)})
	})
	return c, err
}

// CloseYouthTrack implements regie.YouthService: the final evaluation and
// the track's closed_on in one step.
func (s *Store) CloseYouthTrack(ctx context.Context, familyID, memberID int64, in regie.YouthEvaluationInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, t, err := tx.authorizeYouthWrite(ctx, regie.ActionCreate, familyID, memberID)
		if err != nil {
			return err
		}
		if err := tx.youthConfidentialPart(ctx, t); err != nil {
			return err
		}
		on, err := in.Validate(t, tx.today())
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO youth_evaluations (track_id, held_on, how_now, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, t.ID, on.ISO(), in.HowNow, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: youth evaluation: %w", err)
		}
		byGoal := map[int64]regie.YouthGoalResultInput{}
		for _, g := range in.Goals {
			byGoal[g.GoalID] = g
		}
		for i, g := range t.Goals {
			r := byGoal[g.ID]
			if _, err := tx.ExecContext(ctx, `INSERT INTO youth_evaluation_goals (evaluation_id, goal_id, position, domain, words, degree, note)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, g.ID, i, string(g.Domain), g.Words, string(r.Degree), regie.Clean(r.Note)); err != nil {
				return fmt.Errorf("store: youth evaluation: %w", err)
			}
		}
		scored := false
		for _, sc := range in.Scores {
			scored = scored || sc > 0
		}
		if scored {
			if err := tx.insertYouthScores(ctx, t.ID, on, regie.YouthScoreFinal, in.Scores); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE youth_tracks SET closed_on = $1 WHERE id = $2`, on.ISO(), t.ID); err != nil {
			return fmt.Errorf("store: close youth track: %w", err)
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: fmt.Sprintf("jeugdtraject %d: eindevaluatie", t.ID)}); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegYouth,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: fmt.Sprintf("jeugdtraject %d afgesloten op %s", t.ID, on.Dutch())})
	})
}

// trackedYouths queues the read of the family's members who have a youth
// track, for familyYouthTracks.
func (b *batch) trackedYouths(familyID int64) *[]int64 {
	ids := new([]int64)
	b.each("family youth tracks", `SELECT DISTINCT member_id FROM youth_tracks WHERE family_id = $1`, []any{familyID}, func(sc scanner) error {
		var id int64
		if err := sc.Scan(&id); err != nil {
			return err
		}
		*ids = append(*ids, id)
		return nil
	})
	return ids
}

// familyYouthTracks adds to the family page the shared part of the
// youths' tracks the reader may see (SegYouth): for each member with a
// youth worker now or a track (tracked, from trackedYouths), the newest
// track and its agreements that concern the family. Each youth shown is
// audited with their member id.
func (tx *tx) familyYouthTracks(ctx context.Context, fam *regie.Family, f *policy.Facts, tracked []int64) error {
	fam.YouthCan = map[int64]regie.YouthPermissions{}
	seen := map[int64]bool{}
	var members []int64
	for _, a := range fam.Assignments {
		if a.Kind == regie.AssignYouth && !seen[a.MemberID] {
			seen[a.MemberID] = true
			members = append(members, a.MemberID)
		}
	}
	for _, id := range tracked {
		if !seen[id] {
			seen[id] = true
			members = append(members, id)
		}
	}
	if len(members) == 0 {
		return nil
	}
	norms, err := tx.norms(ctx)
	if err != nil {
		return err
	}
	for _, mid := range members {
		yf, err := tx.youthFactsFrom(ctx, f, fam.ID, mid)
		if err != nil {
			return err
		}
		if m := fam.Member(mid); m != nil && m.EndedOn.IsZero() && fam.YouthWorkerOf(mid) != nil {
			// What the actor may do with the youth's track: the page's links.
			fam.YouthCan[mid] = policy.YouthPermissions(tx.actor, yf)
		}
		dec := policy.Decide(tx.actor, regie.ActionRead, regie.SegYouth, yf)
		if !dec.Allow {
			continue
		}
		t, err := tx.sharedYouthTrack(ctx, fam, mid)
		if err != nil {
			return err
		}
		t.ApplyNorm(norms, tx.today())
		fam.YouthTracks = append(fam.YouthTracks, t)
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegYouth,
			FamilyID: fam.ID, MemberID: mid, Basis: dec.Basis, Detail: "gezinspagina: jeugdtraject"}); err != nil {
			return err
		}
	}
	return nil
}

// sharedYouthTrack returns the shared part of a youth's newest track:
// who, since when, and the agreements that concern the family; without
// a track recorded, the youth and their youth worker (ID 0).
func (tx *tx) sharedYouthTrack(ctx context.Context, fam *regie.Family, memberID int64) (*regie.YouthTrack, error) {
	t, err := tx.newestYouthTrack(ctx, fam.ID, memberID)
	if err != nil {
		return nil, err
	}
	if t == nil {
		t = &regie.YouthTrack{FamilyID: fam.ID, HouseholdName: fam.HouseholdName, MemberID: memberID}
		for _, m := range fam.Members {
			if m.ID == memberID {
				t.MemberName = m.GivenName
			}
		}
		if a := fam.YouthWorkerOf(memberID); a != nil {
			t.WorkerID, t.WorkerName = a.UserID, a.UserName
		}
		return t, nil
	}
	if t.FamilyAgreements, err = tx.youthAgreements(ctx, t.ID, true); err != nil {
		return nil, err
	}
	return t, nil
}

// youthWork is the werkbak's source of the worker's running youth tracks
// (the youth worker assigned to the youth now, the file open), each with
// its open agreements due by the end of the week.
func (tx *tx) youthWork(ctx context.Context, userID int64) ([]*regie.FamilyWork, error) {
	today := tx.today()
	rows, err := tx.QueryContext(ctx, `SELECT t.id, t.family_id, f.household_name, t.member_id, m.given_name, t.started_on
		FROM youth_tracks t JOIN families f ON f.id = t.family_id JOIN members m ON m.id = t.member_id
		JOIN assignments a ON a.family_id = t.family_id AND a.member_id = t.member_id AND a.user_id = t.worker_id
			AND a.kind = $2 AND a.ended_on IS NULL
		WHERE t.worker_id = $1 AND t.closed_on IS NULL AND f.closed_at IS NULL ORDER BY t.started_on, t.id`,
		userID, string(regie.AssignYouth))
	if err != nil {
		return nil, fmt.Errorf("store: werkbak youth tracks: %w", err)
	}
	var list []*regie.FamilyWork
	byFamily := map[int64]*regie.FamilyWork{}
	byTrack := map[int64]*regie.YouthTrackFacts{}
	var tracks []int64
	for rows.Next() {
		var t regie.YouthTrackFacts
		var name string
		if err := rows.Scan(&t.TrackID, &t.FamilyID, &name, &t.MemberID, &t.MemberName, dateScan{&t.StartedOn}); err != nil {
			rows.Close()
			return nil, err
		}
		fw := byFamily[t.FamilyID]
		if fw == nil {
			fw = &regie.FamilyWork{FamilyID: t.FamilyID, FamilyName: name}
			byFamily[t.FamilyID] = fw
			list = append(list, fw)
		}
		fw.YouthTracks = append(fw.YouthTracks, t)
		tracks = append(tracks, t.TrackID)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(tracks) == 0 {
		return list, err
	}
	for _, fw := range list {
		for i := range fw.YouthTracks {
			byTrack[fw.YouthTracks[i].TrackID] = &fw.YouthTracks[i]
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT track_id, id, owner, what, due, status FROM youth_agreements
		WHERE due <= $1 AND `+tx.s.d.inIDs("track_id", 2)+` ORDER BY due, id`, regie.WeekEnd(today).ISO(), tx.s.d.idsArg(tracks))
	if err != nil {
		return nil, fmt.Errorf("store: werkbak youth agreements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var track int64
		var status string
		a := &regie.YouthAgreement{}
		if err := rows.Scan(&track, &a.ID, &a.Owner, &a.What, dateScan{&a.Due}, &status); err != nil {
			return nil, err
		}
		a.Status = regie.AgreementStatus(status)
		if t := byTrack[track]; t != nil && !a.Status.Finished() {
			t.Agreements = append(t.Agreements, a)
		}
	}
	return list, rows.Err()
}
