package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"regie"
)

// Migrations are embedded, numbered, forward only, one folder per dialect
// with matching numbers (000001_name.sql). Each runs in its own transaction
// and is recorded in schema_migrations.
//
//go:embed migrations
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the dialect's migrations in order.
func (d dialect) migrations() ([]migration, error) {
	dir := path.Join("migrations", d.name)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %s: name must start with a number and _", e.Name())
		}
		b, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// SchemaVersion returns the applied and the latest schema version.
func (s *Store) SchemaVersion(ctx context.Context) (applied, latest int, err error) {
	ms, err := s.d.migrations()
	if err != nil {
		return 0, 0, err
	}
	latest = len(ms)
	var exists bool
	switch s.d.name {
	case "sqlite":
		err = s.rdb.QueryRowContext(ctx, `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&exists)
	default:
		err = s.rdb.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists)
	}
	if err != nil || !exists {
		return 0, latest, err
	}
	err = s.rdb.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&applied)
	return applied, latest, err
}

// CheckSchema returns an EUNAVAILABLE error that says to run `regie migrate`
// when the database schema is not the one this binary needs.
func (s *Store) CheckSchema(ctx context.Context) error {
	applied, latest, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	switch {
	case applied < latest:
		return regie.Errorf(regie.EUNAVAILABLE, "the database schema is at version %d, this regie needs %d: run `regie migrate` first", applied, latest)
	case applied > latest:
		return regie.Errorf(regie.EUNAVAILABLE, "the database schema is at version %d, newer than this regie (%d): run a newer regie", applied, latest)
	}
	return nil
}

// Migrate applies the pending migrations and returns how many it applied.
// With keys it then seals every secret not yet sealed with the newest key
// (SealSecrets), so a database it leaves holds no plain secret.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	ms, err := s.d.migrations()
	if err != nil {
		return 0, err
	}
	if _, err := s.db.ExecContext(ctx, createMigrationsTable); err != nil {
		return 0, fmt.Errorf("store: create schema_migrations: %w", err)
	}
	n := 0
	for _, m := range ms {
		applied := false
		err := s.write(ctx, func(tx *tx) error {
			var c int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&c); err != nil {
				return err
			}
			if c > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, m.version, m.name, ts(tx.now)); err != nil {
				return err
			}
			applied = true
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if applied {
			n++
		}
	}
	// The Go step of the migrations: seal the secrets that SQL cannot
	// (000009). A store without keys (a test template) has none to seal.
	if s.keys != nil {
		if _, err := s.SealSecrets(ctx); err != nil {
			return n, err
		}
	}
	return n, nil
}
