package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"regie/internal/keys"
	"regie/internal/store"
)

// cli runs the regie command line with env as its environment.
func cli(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestCLI_SetUpAnInstanceAndVerifyTheAuditLog(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	env := map[string]string{"REGIE_DATABASE": db}

	// Before migrating, every command says what to do.
	if _, err := cli(t, env, "user", "list"); err == nil || !strings.Contains(oneLine(err), "regie migrate") {
		t.Fatalf("user list on an empty database: %v", err)
	}
	if out, err := cli(t, env, "migrate"); err != nil || !strings.Contains(out, "versie") {
		t.Fatalf("migrate: %v %s", err, out)
	}
	if out, err := cli(t, env, "user", "create", "--email", "beheer@gemeente.nl", "--name", "Esther Vos",
		"--role", "functioneel_beheerder", "--organisation", "Stade Profiel"); err != nil || !strings.Contains(out, "Tijdelijk wachtwoord") {
		t.Fatalf("first administrator: %v %s", err, out)
	}
	if out, err := cli(t, env, "team", "create", "--name", "Team Noordoost", "--districts", "Overvecht, Zuilen"); err != nil {
		t.Fatalf("team create: %v %s", err, out)
	}
	if out, err := cli(t, env, "user", "create", "--email", "anouk@gemeente.nl", "--name", "Anouk de Vries",
		"--role", "casemanager", "--team", "Team Noordoost", "--districts", "Overvecht"); err != nil {
		t.Fatalf("casemanager: %v %s", err, out)
	}
	// Bad input: one clear line, nothing created.
	_, err := cli(t, env, "user", "create", "--email", "geen-adres", "--name", "", "--role", "casemanager", "--team", "Team Noordoost")
	if err == nil || strings.Contains(oneLine(err), "\n") || !strings.Contains(oneLine(err), "email") {
		t.Fatalf("bad user: %v", err)
	}
	if out, err := cli(t, env, "user", "reset-password", "--email", "anouk@gemeente.nl"); err != nil || !strings.Contains(out, "Tijdelijk wachtwoord voor") {
		t.Fatalf("reset: %v %s", err, out)
	}
	if out, err := cli(t, env, "user", "disable", "--email", "anouk@gemeente.nl"); err != nil || !strings.Contains(out, "geblokkeerd") {
		t.Fatalf("disable: %v %s", err, out)
	}
	out, err := cli(t, env, "user", "list")
	// Anouk is blocked; the administrator made on the command line still
	// has the temporary password.
	if err != nil || !strings.Contains(out, "Anouk de Vries") || !strings.Contains(out, "geblokkeerd") || !strings.Contains(out, "tijdelijk wachtwoord") {
		t.Fatalf("list: %v\n%s", err, out)
	}

	if out, err := cli(t, env, "audit", "verify"); err != nil || !strings.Contains(out, "in orde") {
		t.Fatalf("verify: %v %s", err, out)
	}
	// Someone with access to the database file rewrites a row.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `UPDATE audit SET detail = 'niets gebeurd' WHERE seq = 2 AND chain = 0`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	out, err = cli(t, env, "audit", "verify")
	if err == nil || !strings.Contains(oneLine(err), "NIET in orde") || !strings.Contains(out, "FOUT: keten 0, regel 2 (id ") {
		t.Fatalf("verify after tampering: %v\n%s", err, out)
	}
}

func TestServe_RefusesAnOutOfDateSchema(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	m := &Main{Config: Config{Database: db, Addr: "127.0.0.1:0", KeyFile: testKeyFile(t)}}
	err = m.Run(context.Background())
	m.Close(context.Background())
	if err == nil || !strings.Contains(oneLine(err), "regie migrate") {
		t.Fatalf("serve on an unmigrated database: %v", err)
	}
}

func TestConfig_OneClearLine(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"REGIE_DATABASE": ""}, "REGIE_DATABASE ontbreekt"},
		{map[string]string{"REGIE_DATABASE": "x.db", "REGIE_SESSION_IDLE": "dertig"}, "REGIE_SESSION_IDLE: ongeldige duur"},
		{map[string]string{"REGIE_DATABASE": "x.db", "REGIE_SESSION_IDLE": "13h"}, "langer dan REGIE_SESSION_MAX"},
		{map[string]string{"REGIE_DATABASE": "x.db", "REGIE_LOG_FORMAT": "xml"}, "REGIE_LOG_FORMAT"},
		{map[string]string{"REGIE_DATABASE": "x.db", "REGIE_TLS_CERT": "c.pem"}, "REGIE_TLS_KEY"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			_, err := cli(t, tc.env, "serve")
			if err == nil || !strings.Contains(oneLine(err), tc.want) || strings.Contains(oneLine(err), "\n") {
				t.Errorf("env %v: %v, want one line with %q", tc.env, err, tc.want)
			}
		})
	}
	if _, err := cli(t, nil, "bestaat-niet"); err == nil {
		t.Error("an unknown command succeeded")
	}
}

// testKeyFile makes a key file for a regie served in a test.
func testKeyFile(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "regie.key")
	if _, err := keys.Create(path); err != nil {
		tb.Fatal(err)
	}
	return path
}
