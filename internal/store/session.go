package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"regie"
)

// CreateSession implements regie.SessionService.
func (s *Store) CreateSession(ctx context.Context, sess *regie.Session, replaces int64, detail string) error {
	return s.write(ctx, func(tx *tx) error {
		var role string
		if err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE id = $1`, sess.UserID).Scan(&role); err != nil {
			return fmt.Errorf("store: create session: %w", err)
		}
		if replaces != 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1 AND user_id = $2`, replaces, sess.UserID); err != nil {
				return fmt.Errorf("store: rotate session: %w", err)
			}
		}
		sess.CreatedAt, sess.LastSeenAt = tx.now, tx.now
		pending, err := s.seal(sess.PendingTOTPSecret)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO sessions
			(token_hash, user_id, created_at, last_seen_at, mfa, pending_totp_secret, ip, user_agent)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			sess.TokenHash, sess.UserID, ts(tx.now), ts(tx.now), sess.MFA, pending, sess.IP, truncate(sess.UserAgent, 300),
		).Scan(&sess.ID); err != nil {
			return fmt.Errorf("store: create session: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionLogin, Outcome: regie.OutcomeOK, Segment: regie.SegSession,
			UserID: sess.UserID, Role: regie.Role(role), Basis: "eigen account", Detail: detail})
	})
}

// FindSessionByToken implements regie.SessionService.
func (s *Store) FindSessionByToken(ctx context.Context, tokenHash []byte) (*regie.Session, *regie.User, error) {
	sess, u := &regie.Session{}, &regie.User{}
	found := false
	err := s.readBatch(ctx, func(b *batch) {
		b.row("find session", `SELECT s.id, s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.mfa,
				s.pending_totp_secret, s.ip, s.user_agent, `+userColumns+userFrom+` JOIN sessions s ON s.user_id = u.id
			WHERE s.token_hash = $1`, []any{tokenHash}, func(row scanner) error {
			// The session's columns, then the user's as scanUser reads them.
			err := b.tx.scanUser(prefixScanner{row, []any{&sess.ID, &sess.TokenHash, &sess.UserID, timeScan{&sess.CreatedAt},
				timeScan{&sess.LastSeenAt}, &sess.MFA, openScan{s, &sess.PendingTOTPSecret}, &sess.IP, &sess.UserAgent}}, u)
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			found = err == nil
			return err
		})
	})
	if err != nil {
		return nil, nil, err
	}
	if !found {
		return nil, nil, regie.NotFound()
	}
	return sess, u, nil
}

// TouchSession implements regie.SessionService.
func (s *Store) TouchSession(ctx context.Context, id int64, at time.Time) error {
	return s.write(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id = $2`, ts(at), id)
		return err
	})
}

// SetPendingTOTP implements regie.SessionService.
func (s *Store) SetPendingTOTP(ctx context.Context, sessionID int64, secret string) error {
	sealed, err := s.seal(secret)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET pending_totp_secret = $1 WHERE id = $2`, sealed, sessionID)
		return err
	})
}

// DeleteSession implements regie.SessionService.
func (s *Store) DeleteSession(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("store: delete session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionLogout, Outcome: regie.OutcomeOK, Segment: regie.SegSession,
			Basis: "eigen account", Detail: "uitgelogd"})
	})
}

// RecordLoginFailure implements regie.SessionService. Failures older than
// an hour are pruned in the same transaction; the rate limit looks back one
// minute.
func (s *Store) RecordLoginFailure(ctx context.Context, key string, userID int64, detail string) error {
	return s.write(ctx, func(tx *tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, ts(tx.now.Add(-time.Hour))); err != nil {
			return fmt.Errorf("store: prune login failures: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (account_key, at) VALUES ($1, $2)`, key, ts(tx.now)); err != nil {
			return fmt.Errorf("store: record login failure: %w", err)
		}
		var role regie.Role
		if userID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE id = $1`, userID).Scan((*string)(&role)); err != nil {
				return err
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionLogin, Outcome: regie.OutcomeFailed, Segment: regie.SegSession,
			UserID: userID, Role: role, Basis: "eigen account", Detail: detail})
	})
}

// CountLoginFailures implements regie.SessionService.
func (s *Store) CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := s.read(ctx, func(tx *tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM login_failures WHERE account_key = $1 AND at >= $2`, key, ts(since)).Scan(&n)
	})
	return n, err
}

// EnableTOTP implements regie.SessionService.
func (s *Store) EnableTOTP(ctx context.Context, userID int64, secret string, step int64) error {
	sealed, err := s.seal(secret)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = $1, totp_last_step = $2 WHERE id = $3`, sealed, step, userID); err != nil {
			return fmt.Errorf("store: enable totp: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET pending_totp_secret = '' WHERE user_id = $1`, userID); err != nil {
			return fmt.Errorf("store: enable totp: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegAccount,
			UserID: userID, Basis: "eigen account", Detail: "tweede factor (TOTP) ingesteld"})
	})
}

// UseTOTPStep implements regie.SessionService: the conditional update makes
// the check and the record one step, so two requests with the same code
// cannot both pass.
func (s *Store) UseTOTPStep(ctx context.Context, userID int64, step int64) error {
	return s.write(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
		if err != nil {
			return fmt.Errorf("store: use totp step: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgTOTPInvalid))
		}
		return nil
	})
}

// DeleteExpiredSessions implements regie.SessionService.
func (s *Store) DeleteExpiredSessions(ctx context.Context, idleSince, createdSince time.Time) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2`, ts(idleSince), ts(createdSince))
		if err != nil {
			return fmt.Errorf("store: delete expired sessions: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}

// decideSessions decides on the sessions of userID: the actor's own
// account, or any account for the functional administrator.
func (tx *tx) decideSessions(ctx context.Context, act regie.Action, userID int64) (string, error) {
	seg := regie.SegAccount
	if userID == tx.actor.UserID {
		seg = regie.SegOwnAccount
	}
	dec, err := tx.decideRecord(ctx, act, seg, nil, auditRecord{Detail: fmt.Sprintf("sessies van account %d", userID)}, regie.Forbidden())
	return dec.Basis, err
}

// FindUserSessions implements regie.SessionService.
func (s *Store) FindUserSessions(ctx context.Context, userID int64, idleSince, createdSince time.Time) ([]*regie.Session, error) {
	var list []*regie.Session
	err := s.write(ctx, func(tx *tx) error {
		basis, err := tx.decideSessions(ctx, regie.ActionRead, userID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, created_at, last_seen_at, mfa, ip, user_agent FROM sessions
			WHERE user_id = $1 AND last_seen_at >= $2 AND created_at >= $3 ORDER BY created_at DESC, id DESC`,
			userID, ts(idleSince), ts(createdSince))
		if err != nil {
			return fmt.Errorf("store: find user sessions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			sess := &regie.Session{UserID: userID}
			if err := rows.Scan(&sess.ID, timeScan{&sess.CreatedAt}, timeScan{&sess.LastSeenAt}, &sess.MFA, &sess.IP, &sess.UserAgent); err != nil {
				return err
			}
			list = append(list, sess)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegSession,
			Basis: basis, Detail: fmt.Sprintf("%d actieve sessies van account %d", len(list), userID)})
	})
	return list, err
}

// EndUserSessions implements regie.SessionService.
func (s *Store) EndUserSessions(ctx context.Context, userID, sessionID int64) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *tx) error {
		basis, err := tx.decideSessions(ctx, regie.ActionUpdate, userID)
		if err != nil {
			return err
		}
		q, args := `DELETE FROM sessions WHERE user_id = $1`, []any{userID}
		if sessionID != 0 {
			q, args = q+` AND id = $2`, append(args, sessionID)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: end user sessions: %w", err)
		}
		n, _ = res.RowsAffected()
		if sessionID != 0 && n == 0 {
			return regie.NotFound()
		}
		detail := fmt.Sprintf("alle %d sessies van account %d beëindigd", n, userID)
		if sessionID != 0 {
			detail = fmt.Sprintf("sessie %d van account %d beëindigd", sessionID, userID)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionLogout, Outcome: regie.OutcomeOK, Segment: regie.SegSession,
			Basis: basis, Detail: detail})
	})
	return n, err
}
