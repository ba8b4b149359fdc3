package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"regie/internal/password"
	"regie/internal/store"
)

func TestCLI_Seed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	env := map[string]string{"REGIE_DATABASE": db}

	// An empty database is migrated first.
	out, err := cli(t, env, "seed", "--families", "60")
	if err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	for _, want := range []string{"migratie", "\rgezinnen: 60/60", "60 gezinnen aangemaakt", "nooit voor echte gegevens"} {
		if !strings.Contains(out, want) {
			t.Errorf("seed output lacks %q:\n%s", want, out)
		}
	}
	if out, err := cli(t, env, "audit", "verify"); err != nil || !strings.Contains(out, "in orde") {
		t.Errorf("audit verify after seed: %v %s", err, out)
	}

	// The printed password is every generated account's.
	m := regexp.MustCompile(`wachtwoord (\S+), bijvoorbeeld:\n\s+(\S+@seed\.regie\.nl)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no password and account in the output:\n%s", out)
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.FindUserByEmail(context.Background(), m[2])
	st.Close()
	if err != nil {
		t.Fatalf("account %s: %v", m[2], err)
	}
	if err := password.NewHasher(password.Default, 1).Verify(context.Background(), u.PasswordHash, m[1]); err != nil {
		t.Errorf("the printed password does not fit %s: %v", m[2], err)
	}

	// A second run needs --force.
	if _, err := cli(t, env, "seed", "--families", "5"); err == nil || !strings.Contains(err.Error(), "already has 60 families") {
		t.Errorf("second seed without --force: %v", err)
	}
	if out, err := cli(t, env, "seed", "--families", "5", "--force"); err != nil {
		t.Errorf("second seed with --force: %v\n%s", err, out)
	}
	if out, err := cli(t, env, "audit", "verify"); err != nil || !strings.Contains(out, "in orde") {
		t.Errorf("audit verify after the second seed: %v %s", err, out)
	}
}
