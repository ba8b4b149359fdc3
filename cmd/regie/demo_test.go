package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regie/internal/store"
)

// runDemo starts `regie demo` on db and stops it again.
func runDemo(t *testing.T, db string) error {
	t.Helper()
	cfg := defaultConfig(true)
	cfg.Database, cfg.Addr = db, "127.0.0.1:0"
	m := &Main{Config: cfg, Demo: true, Password: cheapArgon2}
	err := m.Run(context.Background())
	m.Close(context.Background())
	return err
}

func TestDemo_RefusesADatabaseItDidNotCreate(t *testing.T) {
	ctx := context.Background()
	// A real installation, migrated by `regie migrate` (no demo marker).
	real := filepath.Join(t.TempDir(), "regie.db")
	st, err := store.Open(ctx, real, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	// Some other SQLite file.
	other := filepath.Join(t.TempDir(), "ander.db")
	raw, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE boeken (titel TEXT)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	for _, db := range []string{real, other} {
		err := runDemo(t, db)
		if err == nil || !strings.Contains(oneLine(err), "geen database van regie demo") || strings.Contains(oneLine(err), "\n") {
			t.Fatalf("demo on %s = %v, want one Dutch line refusing it", filepath.Base(db), err)
		}
		if _, err := os.Stat(db + ".key"); !os.IsNotExist(err) {
			t.Errorf("the refused demo left a key file beside %s", filepath.Base(db))
		}
	}
	raw, err = sql.Open("sqlite", real)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var users int
	if err := raw.QueryRow(`SELECT count(*) FROM users`).Scan(&users); err != nil || users != 0 {
		t.Fatalf("the refused demo wrote %d users (%v)", users, err)
	}

	// Its own database it makes, marks, and opens again.
	own := filepath.Join(t.TempDir(), "demo.db")
	if err := runDemo(t, own); err != nil {
		t.Fatalf("a new demo: %v", err)
	}
	if err := runDemo(t, own); err != nil {
		t.Fatalf("the demo on its own database again: %v", err)
	}
}
