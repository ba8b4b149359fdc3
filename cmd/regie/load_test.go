package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"regie"
	"regie/internal/keys"
	"regie/internal/password"
	"regie/internal/seed"
	"regie/internal/store"
)

// TestCLI_Load runs `regie load` against a real instance (a second factor
// required) on a seeded database: it logs casemanagers in, enrols their
// second factor on the way, and reports both pages with no failures. Bad
// flags are one clear line each.
func TestCLI_Load(t *testing.T) {
	for _, args := range [][]string{
		{"load"},
		{"load", "--emails", "cm@test.nl"},
		{"load", "--emails", "cm@test.nl", "--password", "x", "--url", "ftp://server"},
	} {
		if _, err := cli(t, nil, args...); err == nil || strings.Contains(oneLine(err), "\n") {
			t.Errorf("%v: %v, want one clear line", args, err)
		}
	}

	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "regie.db")
	st, err := store.Open(ctx, db, store.Options{Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	const pw = "load-test-wachtwoord"
	hash, err := password.NewHasher(cheapArgon2, 1).Hash(ctx, pw)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Generate(ctx, st, seed.Options{Families: 40, Seed: 1, PasswordHash: hash, ContactsPerFamily: 10}); err != nil {
		t.Fatal(err)
	}
	role := regie.RoleCasemanager
	cms, err := st.FindUsers(ctx, regie.UserFilter{Role: &role})
	if err != nil || len(cms) < 2 {
		t.Fatalf("casemanagers: %d, %v", len(cms), err)
	}
	st.Close()
	m := startRegieOn(t, db, false)

	if _, err := cli(t, nil, "load", "--url", m.Server.URL(), "--emails", cms[0].Email, "--password", "fout-wachtwoord-123"); err == nil ||
		!strings.Contains(oneLine(err), "klopt het wachtwoord") {
		t.Errorf("wrong password: %v", err)
	}
	out, err := cli(t, nil, "load", "--url", m.Server.URL(), "--emails", cms[0].Email+","+cms[1].Email, "--password", pw,
		"--concurrency", "2", "--duration", "1s")
	if err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	for _, line := range []string{`(?m)^gezinnen +[1-9]\d* verzoeken`, `(?m)^gezin +[1-9]\d* verzoeken`, `mislukt: 0\n`} {
		if !regexp.MustCompile(line).MatchString(out) {
			t.Errorf("the report lacks %s:\n%s", line, out)
		}
	}
}
