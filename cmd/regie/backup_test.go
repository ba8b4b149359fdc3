package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLI_BackupOfTheDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if err := runDemo(t, db); err != nil {
		t.Fatalf("demo: %v", err)
	}
	copyDB := filepath.Join(dir, "backup", "regie-2026-12-04.db")
	if err := os.Mkdir(filepath.Dir(copyDB), 0o700); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"REGIE_DATABASE": db}

	out, err := cli(t, env, "backup", "--to", copyDB)
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	// It says where the key file is and that the backup lacks it.
	if !strings.Contains(out, "Back-up gemaakt: "+copyDB) || !strings.Contains(out, "sleutelbestand "+db+".key zit NIET in de back-up") {
		t.Errorf("backup output:\n%s", out)
	}
	fi, err := os.Stat(copyDB)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("backup file mode %o, want 600", perm)
	}

	// The copy is the database: the same families and access log, and
	// the log verifies with the original's key file and anchor file, as
	// after a restore.
	for _, table := range []string{"families", "contacts", "audit"} {
		if a, b := count(t, db, table), count(t, copyDB, table); a != b || a == 0 {
			t.Errorf("%s: %d rows in the database, %d in the backup", table, a, b)
		}
	}
	verifyEnv := map[string]string{"REGIE_DATABASE": copyDB, "REGIE_KEY_FILE": db + ".key"}
	if out, err := cli(t, verifyEnv, "audit", "verify"); err != nil || !strings.Contains(out, "Toegangslog in orde") {
		t.Fatalf("audit verify on the backup: %v\n%s", err, out)
	}

	// Never over an existing file: one Dutch line, the file untouched.
	before, err := os.ReadFile(copyDB)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cli(t, env, "backup", "--to", copyDB)
	if err == nil || !strings.Contains(oneLine(err), "bestaat al") || strings.Contains(oneLine(err), "\n") {
		t.Fatalf("backup onto an existing file: %v", err)
	}
	if after, err := os.ReadFile(copyDB); err != nil || string(after) != string(before) {
		t.Errorf("the existing backup was changed (%v)", err)
	}

	if _, err := cli(t, env, "backup"); err == nil || !strings.Contains(oneLine(err), "--to") {
		t.Errorf("backup without --to: %v", err)
	}
	// PostgreSQL: its own tools, before anything is reached.
	pgEnv := map[string]string{"REGIE_DATABASE": "postgres://regie@192.0.2.1/regie", "REGIE_KEY_FILE": db + ".key"}
	_, err = cli(t, pgEnv, "backup", "--to", filepath.Join(dir, "pg.db"))
	if err == nil || !strings.Contains(oneLine(err), "pg_dump") || !strings.Contains(oneLine(err), "README") || strings.Contains(oneLine(err), "\n") {
		t.Errorf("backup of PostgreSQL: %v", err)
	}
}

// count returns the number of rows of table in the SQLite file db.
func count(t *testing.T, db, table string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil { //nolint:gosec // a table name of the test
		t.Fatal(err)
	}
	return n
}
