package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrBackupPostgres is returned by BackupTo on a PostgreSQL store: its
// backups are the database's own tools (pg_dump, pg_basebackup with WAL
// archiving; see README, "Back-up en herstel").
var ErrBackupPostgres = errors.New("store: backup: PostgreSQL is backed up with pg_dump or pg_basebackup, not by regie")

// ErrBackupExists is returned by BackupTo when the target file exists:
// a backup never overwrites a file.
var ErrBackupExists = errors.New("store: backup: target exists")

// BackupTo writes a consistent copy of the SQLite database to path, a new
// file readable by its owner only (it holds personal data). It is safe
// while regie serves the database: VACUUM INTO reads one snapshot in a read
// transaction on a read connection, so writers in this and other processes
// go on (WAL) and a save committed before the backup began is in the copy.
// The copy is a compact, ordinary database file without a -wal companion,
// synced to disk before BackupTo returns. It never overwrites: an existing
// path gives ErrBackupExists, and a failed backup removes what it made.
//
// The key file is not in the database; it must be backed up separately.
func (s *Store) BackupTo(ctx context.Context, path string) (err error) {
	if s.d.name != "sqlite" {
		return ErrBackupPostgres
	}
	// Create the file first, exclusively and 0600: that refuses an
	// existing file without a race, and VACUUM INTO accepts an empty
	// target and keeps its mode.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) //nolint:gosec // the path the operator chose
	if errors.Is(err, os.ErrExist) {
		return ErrBackupExists
	} else if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(path)
		}
	}()
	if err := s.vacuumInto(ctx, path); err != nil {
		return err
	}
	return syncFile(path)
}

// vacuumInto runs VACUUM INTO on a connection of the read pool, so the
// write connection stays free for saves. Those connections are query_only,
// which refuses VACUUM INTO although it writes only the new file: the
// connection lifts it for the backup and sets it again, or is discarded.
func (s *Store) vacuumInto(ctx context.Context, path string) (err error) {
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer func() {
		// Back to the pool read-only, or not at all. A fresh context:
		// ctx may be what ended the backup.
		if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only(1)`); rerr != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		if cerr := conn.Close(); err == nil && cerr != nil && !errors.Is(cerr, driver.ErrBadConn) {
			err = fmt.Errorf("store: backup: %w", cerr)
		}
	}()
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only(0)`); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		return fmt.Errorf("store: backup: vacuum into: %w", err)
	}
	return nil
}

// syncFile flushes a file and its directory entry to disk.
func syncFile(path string) error {
	for _, p := range []string{path, filepath.Dir(path)} {
		f, err := os.Open(p) //nolint:gosec // the backup file and its directory
		if err != nil {
			return fmt.Errorf("store: backup: sync: %w", err)
		}
		serr := f.Sync()
		if cerr := f.Close(); serr == nil {
			serr = cerr
		}
		if serr != nil {
			return fmt.Errorf("store: backup: sync %s: %w", p, serr)
		}
	}
	return nil
}
