package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// recordAccountChange writes the change an account administrator made to
// the account of userID. Made by a person (the functional administrator,
// who has seen the temporary password), it waits for a second person; made
// by the command line — the operator at the server, who sets up the first
// administrator and recovers a locked-out instance — it is confirmed at
// once. Either way the user is told at the next log-in.
func (tx *tx) recordAccountChange(ctx context.Context, userID int64, kind regie.AccountChangeKind) error {
	var confirmedAt any
	if tx.actor.UserID == 0 {
		confirmedAt = ts(tx.now)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO account_changes (user_id, kind, made_by, made_at, confirmed_at)
		VALUES ($1, $2, $3, $4, $5)`, userID, string(kind), nullID(tx.actor.UserID), ts(tx.now), confirmedAt); err != nil {
		return fmt.Errorf("store: record account change: %w", err)
	}
	return nil
}

const accountChangeColumns = `c.id, c.user_id, c.kind, c.made_by, c.made_at, c.confirmed_by, c.confirmed_at, c.seen_at,
	u.name, u.email, u.role, u.team_id, COALESCE(t.name, ''), COALESCE(m.name, ''), COALESCE(k.name, '')`

const accountChangeFrom = ` FROM account_changes c JOIN users u ON u.id = c.user_id LEFT JOIN teams t ON t.id = u.team_id
	LEFT JOIN users m ON m.id = c.made_by LEFT JOIN users k ON k.id = c.confirmed_by`

func scanAccountChange(sc interface{ Scan(...any) error }, c *regie.AccountChange, teamID *int64) error {
	var kind, role string
	err := sc.Scan(&c.ID, &c.UserID, &kind, idScan{&c.MadeBy}, timeScan{&c.MadeAt}, idScan{&c.ConfirmedBy}, timeScan{&c.ConfirmedAt},
		timeScan{&c.SeenAt}, &c.UserName, &c.UserEmail, &role, idScan{teamID}, &c.UserTeamName, &c.MadeByName, &c.ConfirmedByName)
	c.Kind, c.UserRole = regie.AccountChangeKind(kind), regie.Role(role)
	return err
}

func changeFacts(c *regie.AccountChange, teamID int64) policy.AccountFacts {
	return policy.AccountFacts{UserID: c.UserID, Role: c.UserRole, TeamID: teamID, MadeBy: c.MadeBy}
}

// FindPendingAccountChanges implements regie.AccountConfirmationService.
func (s *Store) FindPendingAccountChanges(ctx context.Context) ([]*regie.AccountChange, error) {
	var list []*regie.AccountChange
	err := s.write(ctx, func(tx *tx) error {
		if !policy.ConfirmsAccounts(tx.actor) {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeDenied, Segment: regie.SegAccountConfirm,
				Basis: policy.Denied, Detail: "te bevestigen accountwijzigingen"}); err != nil {
				return err
			}
			return &errDenied{err: regie.Forbidden()}
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+accountChangeColumns+accountChangeFrom+`
			WHERE c.confirmed_at IS NULL AND u.disabled_at IS NULL ORDER BY c.made_at, c.id`)
		if err != nil {
			return fmt.Errorf("store: pending account changes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c := &regie.AccountChange{}
			var teamID int64
			if err := scanAccountChange(rows, c, &teamID); err != nil {
				return err
			}
			c.CanConfirm = policy.ConfirmAccountChange(tx.actor, changeFacts(c, teamID)).Allow
			// The actor sees what they may confirm and what they made
			// themselves (waiting for someone else).
			if c.CanConfirm || c.MadeBy == tx.actor.UserID {
				list = append(list, c)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegAccountConfirm,
			Basis: "tweede persoon bij accountbeheer", Detail: fmt.Sprintf("%d te bevestigen accountwijzigingen", len(list))})
	})
	return list, err
}

// ConfirmAccountChange implements regie.AccountConfirmationService.
func (s *Store) ConfirmAccountChange(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *tx) error {
		c := &regie.AccountChange{}
		var teamID int64
		err := scanAccountChange(tx.QueryRowContext(ctx, `SELECT `+accountChangeColumns+accountChangeFrom+`
			WHERE c.id = $1 AND c.confirmed_at IS NULL AND u.disabled_at IS NULL`, id), c, &teamID)
		if errors.Is(err, sql.ErrNoRows) {
			return regie.NotFound()
		} else if err != nil {
			return fmt.Errorf("store: confirm account change: %w", err)
		}
		dec := policy.ConfirmAccountChange(tx.actor, changeFacts(c, teamID))
		detail := fmt.Sprintf("account %d: %s door %s op %s", c.UserID, c.Kind.Label(), madeByName(c), c.MadeAt.UTC().Format("2006-01-02 15:04"))
		if !dec.Allow {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeDenied, Segment: regie.SegAccountConfirm,
				Basis: policy.Denied, Detail: "bevestiging geweigerd: " + detail}); err != nil {
				return err
			}
			if c.MadeBy == tx.actor.UserID {
				return &errDenied{err: regie.Errorf(regie.EFORBIDDEN, "%s", regie.Text(regie.MsgChangeOwn))}
			}
			return &errDenied{err: regie.Forbidden()}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE account_changes SET confirmed_by = $1, confirmed_at = $2 WHERE id = $3`,
			tx.actor.UserID, ts(tx.now), id); err != nil {
			return fmt.Errorf("store: confirm account change: %w", err)
		}
		// The temporary password's time starts now that it can be used.
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_set_at = $1 WHERE id = $2 AND password_temporary = $3`,
			ts(tx.now), c.UserID, true); err != nil {
			return fmt.Errorf("store: confirm account change: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegAccountConfirm,
			Basis: dec.Basis, Detail: "bevestigd: " + detail})
	})
}

func madeByName(c *regie.AccountChange) string {
	if c.MadeBy == 0 {
		return "de opdrachtregel"
	}
	return c.MadeByName
}

// FindOwnAccountChanges implements regie.AccountConfirmationService.
func (s *Store) FindOwnAccountChanges(ctx context.Context) ([]*regie.AccountChange, error) {
	var list []*regie.AccountChange
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegOwnAccount, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+accountChangeColumns+accountChangeFrom+`
			WHERE c.user_id = $1 ORDER BY c.made_at DESC, c.id DESC LIMIT 10`, tx.actor.UserID)
		if err != nil {
			return fmt.Errorf("store: own account changes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c := &regie.AccountChange{}
			var teamID int64
			if err := scanAccountChange(rows, c, &teamID); err != nil {
				return err
			}
			list = append(list, c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegOwnAccount,
			Basis: dec.Basis, Detail: "wijzigingen aan het eigen account"})
	})
	return list, err
}
