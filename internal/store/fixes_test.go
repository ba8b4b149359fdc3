package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestForeignKeyViolation: a row that refers to one that does not exist is
// refused by the database on both dialects and reaches the user as a
// conflict with a Dutch message, not as an internal error.
func TestForeignKeyViolation(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		storetest.NewFixture(t, s)
		_, err := s.CreateUser(storetest.System(), regie.NewUser{Email: "nieuw@example.nl", Name: "Nieuwe Beheerder",
			Role: regie.RoleAdmin, OrganisationID: 987654, Password: "wachtwoord-voor-test"}, storetest.PasswordHash)
		if got, want := code(err), regie.ECONFLICT; got != want {
			t.Fatalf("CreateUser(unknown organisation) = %v, code %s, want %s", err, got, want)
		}
		if got, want := regie.ErrorMessage(err), regie.Text(regie.MsgReferenceBroken); got != want {
			t.Fatalf("message = %q, want %q", got, want)
		}
	})
}

// TestMigrations_SameNamesInBothDialects: the two folders hold the same
// migrations, file for file, so a number never means one change on SQLite
// and another on PostgreSQL.
func TestMigrations_SameNamesInBothDialects(t *testing.T) {
	names := func(dir string) []string {
		entries, err := os.ReadDir(filepath.Join("migrations", dir))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	sqlite, postgres := names("sqlite"), names("postgres")
	if len(sqlite) < 5 {
		t.Fatalf("found %d SQLite migrations; wrong folder?", len(sqlite))
	}
	if diff := cmp.Diff(sqlite, postgres); diff != "" {
		t.Fatalf("migration names differ (-sqlite +postgres):\n%s", diff)
	}
}

// TestMigrate_WaitsForAdvisoryLock: on PostgreSQL a migration run waits
// while another holds the migration lock, and goes on once it is released.
func TestMigrate_WaitsForAdvisoryLock(t *testing.T) {
	s := storetest.OpenPostgres(t, storetest.NewClock(storetest.Start))
	ctx := context.Background()
	other, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, store.MigrationLock); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Migrate(ctx)
		done <- err
	}()
	// Wait until the run asks for the lock: a request not granted.
	for waiting := 0; waiting == 0; {
		select {
		case err := <-done:
			t.Fatalf("Migrate returned (%v) while another held the migration lock", err)
		default:
		}
		if err := other.QueryRowContext(ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
			AND objid = $1`, store.MigrationLock&0xffffffff).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := other.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, store.MigrationLock); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Migrate after the lock was released = %v", err)
	}
	// And the run released the lock itself.
	var free bool
	if err := other.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, store.MigrationLock).Scan(&free); err != nil || !free {
		t.Fatalf("migration lock still held after Migrate (%v)", err)
	}
}
