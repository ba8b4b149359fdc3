package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/storetest"
)

// `regie retention run` destroys a file closed more than twenty years ago
// that the privacy officer approved, prints the report, and says so in one
// line when there is nothing to do or the command is wrong.
func TestCLI_RetentionRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	env := map[string]string{"REGIE_DATABASE": db, "REGIE_KEY_FILE": testKeyFile(t)}
	s := storetest.OpenSQLiteAt(t, db, regie.SystemClock())
	f := storetest.NewFixture(t, s)
	if err := s.CloseFamily(storetest.As(f.TeamLeader), f.FamAssigned.ID, "Doelen bereikt."); err != nil {
		t.Fatal(err)
	}
	// An old installation: the file was closed 21 years ago.
	long := time.Now().AddDate(-regie.RetentionYears-1, 0, 0).UTC().Format("2006-01-02T15:04:05.000000Z")
	if _, err := s.DB().Exec(`UPDATE families SET closed_at = $1 WHERE id = $2`, long, f.FamAssigned.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApproveDestruction(storetest.As(f.Privacy), []int64{f.FamAssigned.ID}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	out, err := cli(t, env, "retention", "run")
	if err != nil || !strings.Contains(out, "1 dossier(s) vernietigd: "+regie.DossierNumber(f.FamAssigned.ID)) || !strings.Contains(out, "contacts") && !strings.Contains(out, "members") {
		t.Fatalf("retention run: %v\n%s", err, out)
	}
	if out, err := cli(t, env, "retention", "run"); err != nil || !strings.Contains(out, "niets te vernietigen") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	if _, err := cli(t, env, "retention"); err == nil || strings.Contains(oneLine(err), "\n") {
		t.Fatalf("retention without run: %v", err)
	}
}

// The daily job of `regie serve` runs the same destruction, on the
// injected clock: twenty-one years on, the approved closed demo file is
// gone and the run is on the privacy officer's page.
func TestServe_RetentionJob(t *testing.T) {
	clock := storetest.NewClock(time.Now())
	m := startRegieWith(t, filepath.Join(t.TempDir(), "regie.db"), true, func(m *Main) { m.Clock, m.RetentionDelay = clock, 24*time.Hour })
	ctx := context.Background()
	po, err := m.Store.FindUserByEmail(ctx, "privacy@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	as := regie.NewContextWithActor(ctx, &regie.Actor{UserID: po.ID, Name: po.Name, Role: po.Role})
	clock.Set(time.Now().AddDate(regie.RetentionYears+1, 0, 0))
	ret, err := m.Store.FindRetention(as)
	if err != nil || len(ret.Due) != 1 {
		t.Fatalf("due after 21 years: %v %+v", err, ret)
	}
	id := ret.Due[0].FamilyID
	if _, err := m.Store.ApproveDestruction(as, []int64{id}); err != nil {
		t.Fatal(err)
	}
	if ran, err := m.Jobs.runOnce(ctx, m.retentionJob()); err != nil || !ran {
		t.Fatalf("retention job: ran %v, %v", ran, err)
	}
	if ret, err = m.Store.FindRetention(as); err != nil || len(ret.Runs) != 1 || len(ret.Runs[0].Families) != 1 || ret.Runs[0].Families[0] != id {
		t.Fatalf("after the job: %v %+v", err, ret)
	}
}
