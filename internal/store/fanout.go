package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// readFanned runs first in a read transaction and then the lanes, each in
// a read transaction of its own on another connection, side by side: a
// long aggregate read (a year of a city's reports) on more than one core.
// Lanes must not touch each other's data.
//
// On PostgreSQL every transaction is REPEATABLE READ and the lanes import
// first's snapshot (pg_export_snapshot), so all read one state of the
// database. SQLite shares no snapshot between connections: a lane's
// begins with its first read, a moment after first's, so a save committed
// in between may be counted by one lane and not by another. That is fine
// for figures and never used for a page that shows a family.
//
// One fanned read at a time: another, or a pool too small to give each
// lane a connection, runs its lanes one after the other in first's
// transaction — so fanned reads can never hold every connection while
// waiting for more.
func (s *Store) readFanned(ctx context.Context, first func(*tx) error, lanes ...func(*tx) error) error {
	opts := &sql.TxOptions{}
	if s.d.name == "postgres" {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return s.runTx(ctx, s.rdb, opts, func(t *tx) error {
		fan := false
		if most := s.rdb.Stats().MaxOpenConnections; most == 0 || most > len(lanes) {
			select {
			case s.fanout <- struct{}{}:
				fan = true
				defer func() { <-s.fanout }()
			default:
			}
		}
		var snapshot string
		if fan && s.d.name == "postgres" {
			if err := t.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&snapshot); err != nil {
				return fmt.Errorf("store: export snapshot: %w", err)
			}
		}
		if err := first(t); err != nil {
			return err
		}
		if !fan {
			for _, lane := range lanes {
				if err := lane(t); err != nil {
					return err
				}
			}
			return nil
		}
		errs := make([]error, len(lanes))
		var wg sync.WaitGroup
		for i, lane := range lanes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.runTx(ctx, s.rdb, opts, func(lt *tx) error {
					if snapshot != "" {
						// The id comes from PostgreSQL, not from a user; the
						// statement takes no parameters.
						if _, err := lt.ExecContext(ctx, `SET TRANSACTION SNAPSHOT '`+snapshot+`'`); err != nil {
							return fmt.Errorf("store: import snapshot: %w", err)
						}
					}
					lt.now, lt.actor = t.now, t.actor
					return lane(lt)
				})
			}()
		}
		wg.Wait()
		return errors.Join(errs...)
	})
}
