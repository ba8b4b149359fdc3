package store

import (
	"context"
	"fmt"
	"time"
)

// What several regie processes on one database share beyond the data:
// the claims of scheduled jobs, and the failed log-ins per client address
// (the per-account counts are in login_failures already). Sessions are
// rows too, so any process serves any request.

// ClaimJob claims the run of job for period (a day, a ten-minute slot):
// it reports true when this call made the claim and the caller is to run
// the job, false when some process (this one included) claimed it first.
// A claim left unfinished for longer than stale (its process died) may be
// taken over. See FinishJob.
func (s *Store) ClaimJob(ctx context.Context, job, period string, stale time.Duration) (bool, error) {
	var claimed bool
	err := s.write(ctx, func(tx *tx) error {
		// Old claims are of no more use; a day's are kept for 90 days, to
		// look back on.
		if _, err := tx.ExecContext(ctx, `DELETE FROM job_runs WHERE started_at < $1`, ts(tx.now.Add(-90*24*time.Hour))); err != nil {
			return fmt.Errorf("store: prune job runs: %w", err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO job_runs (job, period, started_at) VALUES ($1, $2, $3)
			ON CONFLICT (job, period) DO NOTHING`, job, period, ts(tx.now))
		if err != nil {
			return fmt.Errorf("store: claim job: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 1 {
			claimed = true
			return nil
		}
		// Taken over only when unfinished and stale: on PostgreSQL a second
		// process's UPDATE waits for the first's row lock and then finds
		// started_at moved on, so one of them wins.
		res, err = tx.ExecContext(ctx, `UPDATE job_runs SET started_at = $1
			WHERE job = $2 AND period = $3 AND finished_at IS NULL AND started_at < $4`,
			ts(tx.now), job, period, ts(tx.now.Add(-stale)))
		if err != nil {
			return fmt.Errorf("store: take over job: %w", err)
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// FinishJob ends a claimed run: a run that succeeded keeps its claim (the
// period is done), one that failed gives it up, so the next tick of any
// process tries again.
func (s *Store) FinishJob(ctx context.Context, job, period string, ok bool) error {
	return s.write(ctx, func(tx *tx) error {
		q := `DELETE FROM job_runs WHERE job = $1 AND period = $2`
		args := []any{job, period}
		if ok {
			q = `UPDATE job_runs SET finished_at = $3 WHERE job = $1 AND period = $2`
			args = append(args, ts(tx.now))
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: finish job: %w", err)
		}
		return nil
	})
}

// RecordAddressFailure records a failed password from the client address
// whose keyed hash is addressKey. Rows older than an hour are pruned in the
// same transaction; the limits look back one minute.
func (s *Store) RecordAddressFailure(ctx context.Context, addressKey string) error {
	return s.write(ctx, func(tx *tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_address_failures WHERE at < $1`, ts(tx.now.Add(-time.Hour))); err != nil {
			return fmt.Errorf("store: prune address failures: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_address_failures (address_key, at) VALUES ($1, $2)`, addressKey, ts(tx.now)); err != nil {
			return fmt.Errorf("store: record address failure: %w", err)
		}
		return nil
	})
}

// CountAddressFailures returns the failed passwords since a moment from
// the address of addressKey, and from all addresses together.
func (s *Store) CountAddressFailures(ctx context.Context, addressKey string, since time.Time) (fromAddress, total int, err error) {
	err = s.read(ctx, func(tx *tx) error {
		return tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN address_key = $1 THEN 1 ELSE 0 END), 0), count(*)
			FROM login_address_failures WHERE at >= $2`, addressKey, ts(since)).Scan(&fromAddress, &total)
	})
	return fromAddress, total, err
}
