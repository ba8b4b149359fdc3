package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

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

// CheckSchema returns an EUNAVAILABLE error, in Dutch and naming both
// versions, when the database schema is not the one this binary needs:
// older (run `regie migrate`) or newer (a newer regie migrated it).
func (s *Store) CheckSchema(ctx context.Context) error {
	applied, latest, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	switch {
	case applied < latest:
		return regie.Errorf(regie.EUNAVAILABLE, "het databaseschema is op versie %d, deze regie heeft versie %d nodig: voer eerst `regie migrate` uit", applied, latest)
	case applied > latest:
		return regie.Errorf(regie.EUNAVAILABLE, "het databaseschema is op versie %d, nieuwer dan deze regie (versie %d): start de nieuwere regie die het schema bijwerkte", applied, latest)
	}
	return nil
}

// migrationLock is the key of the PostgreSQL advisory lock a migration run
// holds ("regie" in ASCII). Two `regie migrate` runs at once (two deploys,
// or a deploy and an operator) would otherwise race: both create
// schema_migrations, both find a migration missing, and the second fails
// halfway or applies it twice. SQLite needs none: its one write connection,
// held for the run, already serialises them.
const migrationLock int64 = 0x7265676965

// Migrate applies the pending migrations and returns how many it applied.
// The run uses one connection; on PostgreSQL it holds the advisory lock
// migrationLock from before schema_migrations is created until the last
// migration is recorded, so a second run waits and then finds nothing to do.
// With keys it then seals every secret not yet sealed with the newest key
// (SealSecrets), so a database it leaves holds no plain secret.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	n, err := s.migrateSQL(ctx, 0)
	if err != nil {
		return n, err
	}
	// The Go step of the migrations: seal the secrets that SQL cannot
	// (sealed_secrets). It runs after the migration connection is given
	// back: on SQLite that connection is the one writer. A store without
	// keys (a test template) has none to seal.
	if s.keys != nil {
		if _, err := s.SealSecrets(ctx); err != nil {
			return n, err
		}
	}
	return n, nil
}

// migrateSQL applies the pending migrations on one connection, up to and
// including version last when it is not 0 (a test's older schema).
func (s *Store) migrateSQL(ctx context.Context, last int) (n int, err error) {
	ms, err := s.d.migrations()
	if err != nil {
		return 0, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if s.d.name == "postgres" {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
			return 0, fmt.Errorf("store: migrate: take lock: %w", err)
		}
		defer func() {
			// The lock belongs to the connection, which goes back to the pool.
			_, uerr := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)
			if uerr != nil && err == nil {
				err = fmt.Errorf("store: migrate: release lock: %w", uerr)
			}
		}()
	}
	if _, err := conn.ExecContext(ctx, createMigrationsTable); err != nil {
		return 0, fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if last > 0 && m.version > last {
			break
		}
		applied, err := s.migrateOne(ctx, conn, m)
		if err != nil {
			return n, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if applied {
			n++
		}
	}
	return n, nil
}

// migrateOne applies m in its own transaction on conn unless it is recorded
// already.
func (s *Store) migrateOne(ctx context.Context, conn *sql.Conn, m migration) (applied bool, err error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	var c int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&c); err != nil {
		return false, err
	}
	if c > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, err
	}
	_, suffix, _ := strings.Cut(m.name, "_")
	if step := goSteps[suffix]; step != nil {
		if err := step(ctx, tx); err != nil {
			return false, err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		m.version, m.name, ts(s.Clock.Now())); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// goSteps are the parts of a migration SQL cannot do, run in its
// transaction right after its SQL, by the migration's file name without its
// number (so a migration renumbered when branches merge keeps its step).
var goSteps = map[string]func(context.Context, *sql.Tx) error{
	"sort_names_phone.sql": fillSortNames,
	"journey_summary.sql":  fillClosedOn,
}

// fillClosedOn fills family_summaries.closed_on, which migration
// journey_summary adds, for the files closed before it: the closing day
// in Amsterdam, as computeSummary computes it.
func fillClosedOn(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, closed_at FROM families WHERE closed_at IS NOT NULL`)
	if err != nil {
		return err
	}
	closed := map[int64]regie.Date{}
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, timeScan{&at}); err != nil {
			rows.Close()
			return err
		}
		closed[id] = regie.DateOf(at)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id, on := range closed {
		if _, err := tx.ExecContext(ctx, `UPDATE family_summaries SET closed_on = $1 WHERE family_id = $2`, on.ISO(), id); err != nil {
			return fmt.Errorf("fill family_summaries.closed_on: %w", err)
		}
	}
	return nil
}

// fillSortNames fills the sort keys migration sort_names_phone adds for the
// families and users that exist.
func fillSortNames(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"families", "users"} {
		col := "name"
		if table == "families" {
			col = "household_name"
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, `+col+` FROM `+table) //nolint:gosec // table and column from the constant list above
		if err != nil {
			return err
		}
		keys := map[int64]string{}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return err
			}
			keys[id] = regie.SortName(name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for id, key := range keys {
			if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET sort_name = $1 WHERE id = $2`, key, id); err != nil { //nolint:gosec // table from the constant list above
				return fmt.Errorf("fill %s.sort_name: %w", table, err)
			}
		}
	}
	return nil
}

// CheckWritable returns an EUNAVAILABLE error, in Dutch, when the database
// cannot be written: a read-only file or file system, a full disk, a
// PostgreSQL role or server that only reads. It writes a row in a
// transaction it rolls back, so nothing stays. serve calls it at
// start-up, so a database that can only be read is refused there and not
// at the first save.
func (s *Store) CheckWritable(ctx context.Context) error {
	err := s.run(ctx, s.db, false, func(t *tx) error {
		if _, err := t.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (-1, 'schrijfproef', '')`); err != nil {
			return err
		}
		return errWritableProbe
	})
	if errors.Is(err, errWritableProbe) {
		return nil
	}
	return regie.Errorf(regie.EUNAVAILABLE, "de database kan niet beschreven worden (alleen-lezen, schijf vol of geen schrijfrechten): %v", err)
}

// errWritableProbe rolls CheckWritable's transaction back.
var errWritableProbe = errors.New("store: writable probe")
