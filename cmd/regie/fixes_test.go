package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"regie"
	"regie/internal/store"
)

// TestCLI_UserCreateWithPhone: `regie user create --phone` keeps the work
// number, and refuses one that is not a phone number.
func TestCLI_UserCreateWithPhone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	env := map[string]string{"REGIE_DATABASE": db}
	if out, err := cli(t, env, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	if out, err := cli(t, env, "user", "create", "--email", "beheer@gemeente.nl", "--name", "Esther Vos",
		"--role", "functioneel_beheerder", "--organisation", "Stade Profiel"); err != nil {
		t.Fatalf("administrator: %v %s", err, out)
	}
	if out, err := cli(t, env, "team", "create", "--name", "Team Noordoost", "--districts", "Overvecht"); err != nil {
		t.Fatalf("team create: %v %s", err, out)
	}
	if _, err := cli(t, env, "user", "create", "--email", "x@gemeente.nl", "--name", "X", "--role", "casemanager",
		"--team", "Team Noordoost", "--districts", "Overvecht", "--phone", "onbekend"); err == nil || !strings.Contains(oneLine(err), "phone") {
		t.Fatalf("a phone that is no number: %v", err)
	}
	if out, err := cli(t, env, "user", "create", "--email", "anouk@gemeente.nl", "--name", "Anouk de Vries", "--role", "casemanager",
		"--team", "Team Noordoost", "--districts", "Overvecht", "--phone", "06 1234 5678"); err != nil {
		t.Fatalf("casemanager with phone: %v %s", err, out)
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.FindUserByEmail(regie.NewContextWithActor(context.Background(), regie.SystemActor()), "anouk@gemeente.nl")
	if err != nil || u.Phone != "06 1234 5678" {
		t.Fatalf("user = %+v, %v; want phone 06 1234 5678", u, err)
	}
}
