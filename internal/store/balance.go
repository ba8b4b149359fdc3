package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// The balance model (regie.BalanceService): a family's carrying capacity
// against its burden, at moments, and the working lines tied to the
// plan's goals. Every access goes through the policy on SegBalance and is
// audited in its transaction.

// FindBalance implements regie.BalanceService.
func (s *Store) FindBalance(ctx context.Context, familyID int64) (*regie.Balance, error) {
	var b *regie.Balance
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegBalance, familyID, 0)
		if err != nil {
			return err
		}
		if b, err = tx.balance(ctx, familyID, f); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("balansmodel (%d momenten)", len(b.Moments))})
	})
	return b, err
}

// ExportBalance implements regie.BalanceService.
func (s *Store) ExportBalance(ctx context.Context, familyID int64) (*regie.Balance, *regie.Family, error) {
	var (
		b   *regie.Balance
		fam *regie.Family
	)
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionExport, regie.SegBalance, familyID, 0)
		if err != nil {
			return err
		}
		if b, err = tx.balance(ctx, familyID, f); err != nil {
			return err
		}
		if fam, err = tx.findFamily(ctx, familyID); err != nil {
			return err
		}
		discloseFamily(fam, disclosure(dec))
		return tx.audit(ctx, auditRecord{Action: regie.ActionExport, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
			FamilyID: familyID, Basis: dec.Basis, Detail: "balansmodel als PDF"})
	})
	return b, fam, err
}

// balance reads the family's balance model for the actor of the facts f.
func (tx *tx) balance(ctx context.Context, familyID int64, f *policy.Facts) (*regie.Balance, error) {
	b := &regie.Balance{FamilyID: familyID}
	b.Can.Edit = policy.Can(tx.actor, regie.ActionUpdate, regie.SegBalance, f)
	b.Can.Export = policy.Can(tx.actor, regie.ActionExport, regie.SegBalance, f)
	var err error
	if b.Moments, err = tx.balanceMoments(ctx, familyID); err != nil {
		return nil, err
	}
	if b.Lines, err = tx.goalLines(ctx, familyID); err != nil {
		return nil, err
	}
	// The goals to tie a line to are the plan's: only for who reads it.
	if policy.Can(tx.actor, regie.ActionRead, regie.SegPlan, f) {
		if b.Goals, err = tx.newestGoals(ctx, familyID); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// balanceMoments returns the family's moments, newest first, with their
// factors in the order recorded.
func (tx *tx) balanceMoments(ctx context.Context, familyID int64) ([]*regie.BalanceMoment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.recorded_on, m.note, u.name, m.created_at
		FROM balance_moments m JOIN users u ON u.id = m.created_by
		WHERE m.family_id = $1 ORDER BY m.recorded_on DESC, m.id DESC`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: balance moments: %w", err)
	}
	var out []*regie.BalanceMoment
	byID := map[int64]*regie.BalanceMoment{}
	for rows.Next() {
		m := &regie.BalanceMoment{FamilyID: familyID}
		if err := rows.Scan(&m.ID, dateScan{&m.On}, &m.Note, &m.CreatedByName, timeScan{&m.CreatedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
		byID[m.ID] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, moment_id, kind, level, text, weight FROM balance_factors
		WHERE family_id = $1 ORDER BY moment_id, id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: balance factors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		fa := &regie.BalanceFactor{}
		var momentID int64
		var kind, level string
		if err := rows.Scan(&fa.ID, &momentID, &kind, &level, &fa.Text, &fa.Weight); err != nil {
			return nil, err
		}
		fa.Kind, fa.Level = regie.BalanceKind(kind), regie.BalanceLevel(level)
		if m := byID[momentID]; m != nil {
			m.Factors = append(m.Factors, fa)
		}
	}
	return out, rows.Err()
}

// goalLines returns the working lines tied to the family's goals, each
// with the goal's text in the newest version that has it.
func (tx *tx) goalLines(ctx context.Context, familyID int64) ([]*regie.GoalLine, error) {
	rows, err := tx.QueryContext(ctx, `SELECT l.goal_key, l.line, u.name,
		COALESCE((SELECT g.text FROM plan_goals g JOIN plan_versions v ON v.id = g.version_id
			WHERE v.family_id = l.family_id AND g.key = l.goal_key ORDER BY v.number DESC LIMIT 1), '')
		FROM balance_goal_lines l JOIN users u ON u.id = l.created_by
		WHERE l.family_id = $1 ORDER BY l.created_at, l.goal_key, l.line`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: goal lines: %w", err)
	}
	defer rows.Close()
	var out []*regie.GoalLine
	for rows.Next() {
		l := &regie.GoalLine{}
		var line string
		if err := rows.Scan(&l.GoalKey, &line, &l.CreatedByName, &l.GoalText); err != nil {
			return nil, err
		}
		l.Line = regie.WorkingLine(line)
		out = append(out, l)
	}
	return out, rows.Err()
}

// newestGoals returns the goals of the family's newest plan version.
func (tx *tx) newestGoals(ctx context.Context, familyID int64) ([]*regie.Goal, error) {
	rows, err := tx.QueryContext(ctx, `SELECT g.id, g.key, g.term, g.domain, g.member_id, COALESCE(m.given_name, ''), g.text
		FROM plan_goals g JOIN plan_versions v ON v.id = g.version_id LEFT JOIN members m ON m.id = g.member_id
		WHERE v.family_id = $1 AND v.number = (SELECT MAX(number) FROM plan_versions WHERE family_id = $1)
		ORDER BY g.position`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: newest goals: %w", err)
	}
	defer rows.Close()
	var out []*regie.Goal
	for rows.Next() {
		g := &regie.Goal{}
		var term, d string
		if err := rows.Scan(&g.ID, &g.Key, &term, &d, idScan{&g.MemberID}, &g.Member, &g.Text); err != nil {
			return nil, err
		}
		g.Term, g.Domain = regie.GoalTerm(term), regie.Domain(d)
		out = append(out, g)
	}
	return out, rows.Err()
}

// AddBalanceMoment implements regie.BalanceService.
func (s *Store) AddBalanceMoment(ctx context.Context, familyID int64, in regie.BalanceMomentInput) (*regie.BalanceMoment, error) {
	var out *regie.BalanceMoment
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegBalance, familyID, 0)
		if err != nil {
			return err
		}
		on, err := in.Validate(tx.today())
		if err != nil {
			return err
		}
		// The moment copied is the newest before this one is added.
		var previous int64
		if in.Copy {
			err := tx.QueryRowContext(ctx, `SELECT id FROM balance_moments WHERE family_id = $1
				ORDER BY recorded_on DESC, id DESC LIMIT 1`, familyID).Scan(&previous)
			if err != nil && !isNoRows(err) {
				return fmt.Errorf("store: newest balance moment: %w", err)
			}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO balance_moments (family_id, recorded_on, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, familyID, on.ISO(), in.Note, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: add balance moment: %w", err)
		}
		detail := fmt.Sprintf("balansmoment %d op %s", id, on.ISO())
		if previous != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO balance_factors (family_id, moment_id, kind, level, text, weight)
				SELECT family_id, $1, kind, level, text, weight FROM balance_factors
				WHERE family_id = $2 AND moment_id = $3 ORDER BY id`, id, familyID, previous); err != nil {
				return fmt.Errorf("store: copy balance factors: %w", err)
			}
			detail += fmt.Sprintf(", factoren overgenomen van moment %d", previous)
		}
		ms, err := tx.balanceMoments(ctx, familyID)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.ID == id {
				out = m
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
			FamilyID: familyID, Basis: dec.Basis, Detail: detail})
	})
	return out, err
}

// AddBalanceFactor implements regie.BalanceService.
func (s *Store) AddBalanceFactor(ctx context.Context, familyID, momentID int64, in regie.BalanceFactorInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegBalance, familyID, 0)
		if err != nil {
			return err
		}
		if err := tx.balanceMomentExists(ctx, familyID, momentID); err != nil {
			return err
		}
		fa, err := in.Validate()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO balance_factors (family_id, moment_id, kind, level, text, weight)
			VALUES ($1, $2, $3, $4, $5, $6)`, familyID, momentID, string(fa.Kind), string(fa.Level), fa.Text, int(fa.Weight)); err != nil {
			return fmt.Errorf("store: add balance factor: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
			FamilyID: familyID, Basis: dec.Basis,
			Detail: fmt.Sprintf("balansmoment %d: factor toegevoegd (%s, %s, %s)", momentID, fa.Kind, fa.Level, fa.Weight.Label())})
	})
}

// balanceMomentExists returns ENOTFOUND unless the moment is the family's.
func (tx *tx) balanceMomentExists(ctx context.Context, familyID, momentID int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM balance_moments WHERE family_id = $1 AND id = $2`,
		familyID, momentID).Scan(&n); err != nil {
		return fmt.Errorf("store: balance moment: %w", err)
	}
	if n == 0 {
		return regie.NotFound()
	}
	return nil
}

// RemoveBalanceFactor implements regie.BalanceService.
func (s *Store) RemoveBalanceFactor(ctx context.Context, familyID, momentID, factorID int64) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegBalance, familyID, 0)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM balance_factors WHERE family_id = $1 AND moment_id = $2 AND id = $3`,
			familyID, momentID, factorID)
		if err != nil {
			return fmt.Errorf("store: remove balance factor: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: remove balance factor: %w", err)
		} else if n == 0 {
			return regie.NotFound()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("balansmoment %d: factor %d verwijderd", momentID, factorID)})
	})
}

// TieWorkingLine implements regie.BalanceService.
func (s *Store) TieWorkingLine(ctx context.Context, familyID int64, in regie.GoalLineInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegBalance, familyID, 0)
		if err != nil {
			return err
		}
		goals, err := tx.newestGoals(ctx, familyID)
		if err != nil {
			return err
		}
		tied, err := tx.goalLines(ctx, familyID)
		if err != nil {
			return err
		}
		if err := in.Validate(goals, tied); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO balance_goal_lines (family_id, goal_key, line, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5)`, familyID, in.GoalKey, string(in.Line), tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: tie working line: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("werklijn %s gekoppeld aan doel %s", in.Line, in.GoalKey)})
	})
}

// UntieWorkingLine implements regie.BalanceService.
func (s *Store) UntieWorkingLine(ctx context.Context, familyID int64, goalKey string, line regie.WorkingLine) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegBalance, familyID, 0)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM balance_goal_lines WHERE family_id = $1 AND goal_key = $2 AND line = $3`,
			familyID, goalKey, string(line))
		if err != nil {
			return fmt.Errorf("store: untie working line: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: untie working line: %w", err)
		} else if n == 0 {
			return regie.NotFound()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("werklijn %s losgekoppeld van doel %s", line, goalKey)})
	})
}

// planGoalLines ties the working lines to the goals of the plan's
// versions shown, for a reader of the balance model; it reports whether
// any were shown.
func (tx *tx) planGoalLines(ctx context.Context, o *regie.PlanOverview, f *policy.Facts) (bool, error) {
	if !policy.Can(tx.actor, regie.ActionRead, regie.SegBalance, f) {
		return false, nil
	}
	lines, err := tx.goalLines(ctx, o.FamilyID)
	if err != nil || len(lines) == 0 {
		return false, err
	}
	b := &regie.Balance{Lines: lines}
	for _, v := range []*regie.PlanVersion{o.Current, o.Agreed} {
		if v == nil {
			continue
		}
		for _, g := range v.Goals {
			g.WorkingLines = b.LinesOf(g.Key)
		}
	}
	return true, nil
}

var _ regie.BalanceService = (*Store)(nil)
