package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"regie/internal/keys"
)

func TestCLI_KeysCreateRotateSeal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	env := map[string]string{"REGIE_DATABASE": db}
	if out, err := cli(t, env, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	// migrate made the key file beside the database; create refuses to
	// overwrite it.
	if _, err := cli(t, env, "keys", "create"); err == nil || !strings.Contains(oneLine(err), db+".key") {
		t.Fatalf("keys create over an existing file: %v", err)
	}
	if out, err := cli(t, env, "user", "create", "--email", "beheer@gemeente.nl", "--name", "Esther Vos",
		"--role", "functioneel_beheerder", "--organisation", "Stade Profiel"); err != nil {
		t.Fatalf("user create: %v %s", err, out)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// A secret left in the clear, as before sealing existed.
	if _, err := raw.Exec(`UPDATE users SET totp_secret = 'PLAINSECRET'`); err != nil {
		t.Fatal(err)
	}
	if out, err := cli(t, env, "keys", "seal-existing"); err != nil || !strings.Contains(out, "1 TOTP-geheimen,") {
		t.Fatalf("seal-existing: %v %s", err, out)
	}
	stored := func() string {
		var v string
		if err := raw.QueryRow(`SELECT totp_secret FROM users`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := stored(); keys.SealedWith(v) != "k1" {
		t.Fatalf("after seal-existing: %q", v)
	}
	out, err := cli(t, env, "keys", "rotate")
	if err != nil || !strings.Contains(out, "Nieuwe sleutel k2") || !strings.Contains(out, "1 TOTP-geheimen,") {
		t.Fatalf("rotate: %v %s", err, out)
	}
	if v := stored(); keys.SealedWith(v) != "k2" {
		t.Fatalf("after rotate: %q", v)
	}
	r, err := keys.Load(db + ".key")
	if err != nil || strings.Join(r.IDs(), ",") != "k2,k1" {
		t.Fatalf("key file after rotate: %v, %v", r.IDs(), err)
	}
	if out, err := cli(t, env, "keys", "seal-existing"); err != nil || !strings.Contains(out, ": 0 BSN's, 0 TOTP-geheimen") {
		t.Fatalf("seal-existing again: %v %s", err, out)
	}
}
