package store

import (
	"context"
	"fmt"
)

// demoMarker is the settings key `regie demo` writes into a database it
// creates. The demo logs in without a second factor and fills the database
// with fictional families, so it must never run on a database it did not
// make.
const demoMarker = "regie_demo"

// DemoState says what the database is to `regie demo`: new (no tables at
// all), made by the demo (its marker is there), or neither.
func (s *Store) DemoState(ctx context.Context) (empty, demo bool, err error) {
	var tables int
	q := `SELECT count(*) FROM sqlite_master WHERE type = 'table'`
	if s.d.name == "postgres" {
		q = `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	if err := s.rdb.QueryRowContext(ctx, q).Scan(&tables); err != nil {
		return false, false, fmt.Errorf("store: demo state: %w", err)
	}
	if tables == 0 {
		return true, false, nil
	}
	var hasSettings bool
	q = `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'settings'`
	if s.d.name == "postgres" {
		q = `SELECT to_regclass('settings') IS NOT NULL`
	}
	if err := s.rdb.QueryRowContext(ctx, q).Scan(&hasSettings); err != nil || !hasSettings {
		return false, false, err
	}
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key = $1`, demoMarker).Scan(&n); err != nil {
		return false, false, fmt.Errorf("store: demo state: %w", err)
	}
	return false, n > 0, nil
}

// MarkDemo writes the demo's marker, once the demo has created the schema
// of a new database.
func (s *Store) MarkDemo(ctx context.Context) error {
	return s.write(ctx, func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, 0)
			ON CONFLICT (key) DO NOTHING`, demoMarker, "deze database is gemaakt door regie demo", ts(tx.now))
		return err
	})
}
