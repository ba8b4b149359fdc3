package store_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"

	"regie"
	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestGrantAppRole connects as the application role that `regie migrate
// --app-role` prepares: regie works, but the role cannot change, remove,
// empty or wind back the access log, nor switch off its guards.
func TestGrantAppRole(t *testing.T) {
	ctx := context.Background()
	ownerURL := storetest.PostgresURL(t)
	owner, err := store.Open(ctx, ownerURL, store.Options{Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()

	// Roles are the cluster's, shared by the tests' databases.
	role := fmt.Sprintf("regie_app_%d_%d", os.Getpid(), len(t.Name()))
	mustExec(t, owner.DB(), `CREATE ROLE `+role+` LOGIN`)
	t.Cleanup(func() {
		_, _ = owner.DB().Exec(`DROP OWNED BY ` + role)
		_, _ = owner.DB().Exec(`DROP ROLE ` + role)
	})

	// Refused: a role that does not exist, a superuser, the owner itself.
	for _, r := range []string{"bestaat_niet", "postgres"} {
		if err := owner.GrantAppRole(ctx, r); regie.ErrorCode(err) != regie.EINVALID {
			t.Errorf("GrantAppRole(%q) = %v", r, err)
		}
	}
	if err := owner.GrantAppRole(ctx, role); err != nil {
		t.Fatal(err)
	}
	if w, err := owner.AuditWritable(ctx); err != nil || !w {
		t.Errorf("owner: AuditWritable = %v, %v", w, err)
	}

	u, _ := url.Parse(ownerURL)
	q := u.Query()
	q.Set("user", role)
	u.RawQuery = q.Encode()
	clock := storetest.NewClock(storetest.Start)
	app, err := store.Open(ctx, u.String(), store.Options{Clock: clock, Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()

	// The application works: schema check, family data, audit rows, the
	// privacy officer's log.
	if err := app.CheckSchema(ctx); err != nil {
		t.Fatal(err)
	}
	f := storetest.NewFixture(t, app)
	if err := app.UpdateFamily(storetest.As(f.TeamLeader), f.FamAssigned.ID, regie.FamilyInput{HouseholdName: "Gezin Jansen-de Boer",
		DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed", Version: 1}); err != nil {
		t.Fatal(err)
	}
	fam := f.FamAssigned.ID
	entries, _, err := app.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam})
	if err != nil || len(entries) < 5 {
		t.Fatalf("FindAuditEntries: %d, %v", len(entries), err)
	}
	if rep, err := app.VerifyAudit(ctx, nil); err != nil || !rep.OK() || rep.Rows == 0 {
		t.Fatalf("verify as the app role = %+v, %v", rep, err)
	}
	if w, err := app.AuditWritable(ctx); err != nil || w {
		t.Errorf("app role: AuditWritable = %v, %v", w, err)
	}

	// The insider with the application's credentials gets nowhere.
	for _, q := range []string{
		`UPDATE audit SET detail = 'niets gebeurd'`,
		`DELETE FROM audit`,
		`TRUNCATE audit`,
		`ALTER TABLE audit DISABLE TRIGGER audit_no_update`,
		`ALTER TABLE audit DISABLE TRIGGER ALL`,
		`DROP TRIGGER audit_no_update ON audit`,
		`DROP TABLE audit`,
		`SET session_replication_role = replica`,
		`UPDATE audit_heads SET seq = seq - 1 WHERE seq > 0`,
		`UPDATE audit_heads SET hash = 'x' WHERE seq > 0`,
		`DELETE FROM audit_heads`,
		`INSERT INTO audit_heads (chain, seq, hash) VALUES (99, 0, '')`,
		`TRUNCATE audit_heads`,
		`ALTER TABLE audit_heads DISABLE TRIGGER audit_heads_forward`,
		`DELETE FROM schema_migrations`,
		`CREATE TABLE audit_copy (id bigint)`,
	} {
		_, err := app.DB().ExecContext(ctx, q)
		t.Logf("%s: %v", q, err)
		if err == nil {
			t.Errorf("as the app role, %s: allowed", q)
		}
	}
	if rep, err := owner.VerifyAudit(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify after the attempts = %+v, %v", rep, err)
	}
}
