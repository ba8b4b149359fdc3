package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"regie"
	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestCLI_SummaryCheckAndRecompute: `regie summary check` names the family
// whose hours lost a contact and exits non-zero; `recompute` repairs it;
// the check then passes.
func TestCLI_SummaryCheckAndRecompute(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	env := map[string]string{"REGIE_DATABASE": db}
	ctx := context.Background()
	if out, err := cli(t, env, "migrate"); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	ring, err := keys.Load(db + ".key") // made by migrate beside the database
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, db, store.Options{Clock: storetest.NewClock(storetest.Start), Keys: ring})
	if err != nil {
		t.Fatal(err)
	}
	f := storetest.NewFixture(t, s)
	if _, err := s.CreateContact(storetest.As(f.Casemanager), f.FamAssigned.ID, regie.ContactInput{Date: "2026-03-01", Start: "10:00",
		Minutes: "90", Kind: "huisbezoek", Attempt: "contact"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE family_summaries SET minutes_total = 60, contacts = 0 WHERE family_id = $1`, f.FamAssigned.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	dossier := regie.DossierNumber(f.FamAssigned.ID)

	out, err := cli(t, env, "summary", "check")
	if err == nil || !strings.Contains(oneLine(err), "NIET in orde: 1 van 3 gezinnen") || !strings.Contains(oneLine(err), "regie summary recompute") {
		t.Fatalf("check of a wrong summary: %v\n%s", err, out)
	}
	if !strings.Contains(out, dossier+" wijkt af: uren totaal: 1 → 1,5; contactmomenten: 0 → 1\n") {
		t.Fatalf("check does not name the family and what differs:\n%s", out)
	}
	out, err = cli(t, env, "summary", "recompute")
	if err != nil || !strings.Contains(out, dossier+" hersteld") || !strings.Contains(out, "3 gezinnen gecontroleerd, 1 hersteld") {
		t.Fatalf("recompute: %v\n%s", err, out)
	}
	if out, err := cli(t, env, "summary", "check"); err != nil || !strings.Contains(out, "Samenvattingen in orde: 3 gezinnen") {
		t.Fatalf("check after recompute: %v\n%s", err, out)
	}
	if _, err := cli(t, env, "summary"); err == nil || !strings.Contains(err.Error(), "regie summary check") {
		t.Fatalf("summary without a subcommand: %v", err)
	}
}
