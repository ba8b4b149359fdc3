package store

import (
	"context"
	"path/filepath"
	"testing"
)

// On a SQLite file the checkpointer copies the log into the file after a
// commit, on its own connection; the writer checkpoints by itself only
// past checkpointSafety pages; closing stops it, twice is harmless.
func TestCheckpointer(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "regie.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ckpt == nil {
		t.Fatal("no checkpointer on a SQLite file")
	}
	var auto int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil {
		t.Fatal(err)
	}
	if auto != checkpointSafety {
		t.Errorf("the writer's own checkpoint at %d pages, want %d", auto, checkpointSafety)
	}
	if _, err := s.Migrate(ctx); err != nil { // hundreds of pages in the log
		t.Fatal(err)
	}
	s.ckpt.wrote.Store(false)
	if err := s.write(ctx, func(tx *tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE checkpoint_test (x INTEGER)`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO checkpoint_test (x) VALUES (1)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !s.ckpt.wrote.Load() {
		t.Error("a committed write is not noted for the checkpointer")
	}
	log, copied, err := s.ckpt.checkpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if log == 0 || copied != log {
		t.Errorf("checkpoint: %d of %d pages copied, want all of a log that has pages", copied, log)
	}
	// A read does not wake it.
	s.ckpt.wrote.Store(false)
	if err := s.read(ctx, func(tx *tx) error {
		var n int
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM checkpoint_test`).Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	if s.ckpt.wrote.Load() {
		t.Error("a read is noted as a write")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.ckpt.close(); err != nil {
		t.Errorf("closing again: %v", err)
	}
}

// A database in memory has no log to copy and no checkpointer.
func TestCheckpointer_NotInMemory(t *testing.T) {
	s, err := Open(context.Background(), ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ckpt != nil {
		t.Error("a checkpointer for a database in memory")
	}
}
