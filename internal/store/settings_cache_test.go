package store

import (
	"context"
	"path/filepath"
	"testing"

	"regie"
)

// TestSettings_ReadOncePerTransaction proves that a transaction reads the
// settings once (a second read is served from what it read, so a change
// made outside it does not show), and that a setting it saves itself
// shows in its next read.
func TestSettings_ReadOncePerTransaction(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	read := func(tx *tx) map[string]string {
		m := map[string]string{}
		if err := tx.settings(ctx, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	err = s.write(ctx, func(tx *tx) error {
		tx.actor = &regie.Actor{UserID: 1}
		if got := read(tx)["k"]; got != "" {
			t.Fatalf("a new database has setting k = %q", got)
		}
		// Behind the cache's back: the transaction's next read does not
		// go to the database.
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('k', 'direct', '', 0)`); err != nil {
			return err
		}
		if got := read(tx)["k"]; got != "" {
			t.Errorf("the second read went to the database: k = %q", got)
		}
		if err := tx.saveSetting(ctx, "k", "saved"); err != nil {
			return err
		}
		if got := read(tx)["k"]; got != "saved" {
			t.Errorf("after saveSetting k = %q, want saved", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
