package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"regie"
	"regie/internal/demo"
	"regie/internal/keys"
	"regie/internal/password"
	"regie/internal/store"
)

// TestSeed_CheckupsAfterClosing: the demo's closed file had its first
// check-up, and the next one is due: on the last coordinator's list with
// its signal, and on the family page of the team leader, who may record
// it and nothing else.
func TestSeed_CheckupsAfterClosing(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := demo.Seed(ctx, st, password.NewHasher(password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}, 2), regie.SystemClock()); err != nil {
		t.Fatal(err)
	}
	u, err := st.FindUserByEmail(ctx, "casemanager2@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	cm := regie.NewContextWithActor(ctx, &regie.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, OrganisationID: u.OrganisationID, TeamID: u.TeamID})
	due, err := st.FindCheckupsDue(cm)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].HouseholdName != "Gezin Willems" || due[0].Facts.CheckupsDone != 1 {
		t.Fatalf("the last coordinator's check-ups: %+v", due)
	}
	if sig := due[0].Signals; len(sig) != 1 || sig[0].Kind != regie.SignalCheckupDue {
		t.Errorf("signals %+v, want the check-up after 6 months past due", sig)
	}
	page, err := st.FindFamilyByID(teamLeader(t, st), due[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !page.Closed() || !page.Can.Checkup || page.Can.Contacts || page.Can.Edit || page.Can.Plan {
		t.Errorf("the closed family page offers %+v", page.Can)
	}
}
