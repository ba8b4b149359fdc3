package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"regie"
)

// A retried save never counts twice. Every form carries a random token
// (regie.Submission); a transaction that saves something for a request
// with a token records the token in the table idempotency in that same
// transaction. When the token is there already — the same form was
// submitted before and its save committed, whether or not its answer
// arrived — the transaction is rolled back and reported as a success,
// with Submission.Replayed set and the id the first save created.
//
// Which transaction is a save is seen, not declared: one that wrote a row
// other than its audit rows (reads of family data write only those). The
// check therefore happens after the transaction's work, at the INSERT
// ... ON CONFLICT DO NOTHING of the token, which also settles two submits
// running at once: the second waits for the first's row and then finds
// it. A save that fails (a plan already agreed, a contact changed since
// the form, a referral already decided) looks for the token too: when an
// earlier submit of this form made the save, its failure now is that
// save's own doing, and the answer is the first one's.

// submitted records the request's token for a transaction that saved, or
// finds it from an earlier submit. fnErr is the transaction's own error.
// It reports whether the save had been made before; the transaction must
// then be rolled back.
func (t *tx) submitted(ctx context.Context, sub *regie.Submission, fnErr error) (bool, error) {
	if sub.Token == "" || t.actor == nil || t.actor.UserID == 0 {
		return false, nil
	}
	key := submissionKey(sub)
	if fnErr != nil {
		switch regie.ErrorCode(t.s.d.mapError(fnErr)) {
		case regie.EINVALID, regie.ESTALE, regie.ECONFLICT, regie.ENOTFOUND:
		default:
			return false, nil
		}
		// Outside the transaction: on PostgreSQL a failed statement
		// leaves it unusable.
		if err := t.Rollback(); err != nil {
			return false, err
		}
		var result int64
		err := t.s.db.QueryRowContext(ctx, `SELECT result FROM idempotency WHERE token = $1 AND user_id = $2`, key, t.actor.UserID).Scan(&result)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		} else if err != nil {
			return false, fmt.Errorf("store: look up the form's token: %w", err)
		}
		sub.Writes++
		sub.Replayed, sub.Result = true, result
		return true, nil
	}
	if !t.wrote {
		return false, nil
	}
	res, err := t.Tx.ExecContext(ctx, `INSERT INTO idempotency (token, user_id, created_at, result) VALUES ($1, $2, $3, $4)
		ON CONFLICT (token) DO NOTHING`, key, t.actor.UserID, ts(t.now), t.result)
	if err != nil {
		return false, fmt.Errorf("store: record the form's token: %w", err)
	}
	sub.Writes++
	if n, err := res.RowsAffected(); err != nil {
		return false, err
	} else if n == 1 {
		sub.Result = t.result
		return false, nil
	}
	// Saved before: undo this save and answer with the first one's.
	if err := t.Rollback(); err != nil {
		return false, err
	}
	var result, userID int64
	if err := t.s.db.QueryRowContext(ctx, `SELECT result, user_id FROM idempotency WHERE token = $1`, key).Scan(&result, &userID); err != nil {
		return false, fmt.Errorf("store: read the form's token: %w", err)
	}
	if userID != t.actor.UserID {
		// Another user's token: never someone else's answer.
		return false, regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgInternal))
	}
	sub.Replayed, sub.Result = true, result
	return true, nil
}

// submissionKey is the token of a request's next save: the form's token
// for the first, with its number after a dot for any further one.
func submissionKey(sub *regie.Submission) string {
	if sub.Writes == 0 {
		return sub.Token
	}
	return sub.Token + "." + strconv.Itoa(sub.Writes)
}

// noteWrite marks the transaction as a save when query changes a row
// other than the access log's.
func (t *tx) noteWrite(query string) {
	if !t.track || t.wrote {
		return
	}
	q := strings.TrimLeft(query, " \t\r\n")
	if len(q) < 7 {
		return
	}
	if verb := q[:6]; !strings.EqualFold(verb, "INSERT") && !strings.EqualFold(verb, "UPDATE") && !strings.EqualFold(verb, "DELETE") {
		return
	}
	if strings.HasPrefix(q, "INSERT INTO audit\n") || strings.HasPrefix(q, "INSERT INTO audit ") ||
		strings.HasPrefix(q, "UPDATE audit_heads ") {
		return
	}
	t.wrote = true
}

// replayedResult returns the id the first submit's save created, when
// the request's last save had been made before.
func replayedResult(ctx context.Context) (int64, bool) {
	sub := regie.SubmissionFromContext(ctx)
	if sub == nil || !sub.Replayed {
		return 0, false
	}
	return sub.Result, true
}

// IdempotencyKept is how long a form's token is kept: a retry comes
// within seconds, a form left open in a tab rarely a week later.
const IdempotencyKept = 7 * 24 * time.Hour

// PurgeIdempotency removes the tokens recorded before before; the daily
// job calls it. It reports how many it removed.
func (s *Store) PurgeIdempotency(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM idempotency WHERE created_at < $1`, ts(before))
		if err != nil {
			return fmt.Errorf("store: purge form tokens: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}
