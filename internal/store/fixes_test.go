package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	// A step in Go belongs to a migration that exists (its file name
	// without the number, which may change when branches merge).
	for _, step := range store.GoStepNames() {
		found := false
		for _, n := range sqlite {
			_, suffix, _ := strings.Cut(n, "_")
			found = found || suffix == step
		}
		if !found {
			t.Errorf("the Go step for %q has no migration", step)
		}
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

// TestSortByDutchSurname: lists of families and of staff sort by surname
// without its tussenvoegsel ("de Bruijn" under B), in the database's pages
// and in the lists sorted in memory; the key is kept on every write of a
// name and filled for the rows that were there before migration 000008.
func TestSortByDutchSurname(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		for _, name := range []string{"Gezin de Bruijn", "Gezin Bakker", "Gezin van der Meer", "Gezin Centen"} {
			fam, err := s.CreateFamily(lead, regie.FamilyInput{HouseholdName: name, DistrictID: f.TeamA.Districts[0].ID,
				DutchProficiency: "redelijk", Street: "Teststraat 1", Postcode: "3563 AB", City: "Utrecht"})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.AssignFamily(lead, fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID}); err != nil {
				t.Fatal(err)
			}
		}
		// A renamed family moves with its new name.
		fam := f.FamTeam
		if err := s.UpdateFamily(lead, fam.ID, regie.FamilyInput{HouseholdName: "Gezin 't Hart", DistrictID: f.TeamA.Districts[0].ID,
			DutchProficiency: "redelijk", Street: "Teststraat 1", Postcode: "3563 AB", City: "Utrecht", Version: fam.Version}); err != nil {
			t.Fatal(err)
		}
		names := func(ctx context.Context, ff regie.FamilyFilter) []string {
			t.Helper()
			list, _, err := s.FindFamilies(ctx, ff)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, fs := range list {
				out = append(out, fs.HouseholdName)
			}
			return out
		}
		team := []string{"Gezin Bakker", "Gezin de Bruijn", "Gezin Centen", "Gezin 't Hart", "Gezin Jansen", "Gezin van der Meer"}
		if diff := cmp.Diff(team, names(lead, regie.FamilyFilter{Scope: regie.ScopeTeam, Sort: "naam"})); diff != "" {
			t.Errorf("team list (-want +got):\n%s", diff)
		}
		mine := []string{"Gezin Bakker", "Gezin de Bruijn", "Gezin Centen", "Gezin Jansen", "Gezin van der Meer"}
		if diff := cmp.Diff(mine, names(storetest.As(f.Casemanager), regie.FamilyFilter{Scope: regie.ScopeMine, Sort: "naam"})); diff != "" {
			t.Errorf("Mijn gezinnen (-want +got):\n%s", diff)
		}

		// Staff: "Erik Smit" after "Anouk …"; a new "Karin de Boer" under B.
		if _, err := s.CreateUser(storetest.System(), regie.NewUser{Email: "kdb@test.nl", Name: "Karin de Boer", Role: regie.RoleAdmin,
			OrganisationID: f.Org.ID, Password: "wachtwoord-voor-test"}, storetest.PasswordHash); err != nil {
			t.Fatal(err)
		}
		users, err := s.FindUsers(storetest.As(f.Admin), regie.UserFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range users {
			got = append(got, regie.SortName(u.Name))
		}
		if !slices.IsSorted(got) {
			t.Errorf("users not in surname order: %q", got)
		}
		if i := slices.Index(got, regie.SortName("Karin de Boer")); i < 0 || i > 2 {
			t.Errorf("Karin de Boer is number %d of %q, want under B near the top", i, got)
		}

		// Rows from before the migration: the step fills their keys.
		if _, err := s.DB().Exec(`UPDATE families SET sort_name = ''`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec(`UPDATE users SET sort_name = ''`); err != nil {
			t.Fatal(err)
		}
		if err := s.FillSortNames(context.Background()); err != nil {
			t.Fatal(err)
		}
		var name, key string
		if err := s.DB().QueryRow(`SELECT household_name, sort_name FROM families WHERE id = $1`, fam.ID).Scan(&name, &key); err != nil {
			t.Fatal(err)
		}
		if key != regie.SortName(name) || key == "" {
			t.Errorf("filled key of %q = %q, want %q", name, key, regie.SortName(name))
		}
		if diff := cmp.Diff(team, names(lead, regie.FamilyFilter{Scope: regie.ScopeTeam, Sort: "naam"})); diff != "" {
			t.Errorf("team list after the fill (-want +got):\n%s", diff)
		}
		var empty int
		if err := s.DB().QueryRow(`SELECT count(*) FROM users WHERE sort_name = ''`).Scan(&empty); err != nil || empty != 0 {
			t.Errorf("%d users without a sort key after the fill (%v)", empty, err)
		}
	})
}

// TestUserPhone: a user's work phone is kept, checked, and shown with the
// family's coordinator.
func TestUserPhone(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		sys := storetest.System()
		_, err := s.CreateUser(sys, regie.NewUser{Email: "tel@test.nl", Name: "Tessa Lam", Role: regie.RoleAdmin,
			OrganisationID: f.Org.ID, Phone: "bel me", Password: "wachtwoord-voor-test"}, storetest.PasswordHash)
		if got := regie.ErrorFields(err)["phone"]; got != regie.Text(regie.MsgPhoneInvalid) {
			t.Fatalf("CreateUser(phone %q) = %v, want the phone message", "bel me", err)
		}
		u, err := s.CreateUser(sys, regie.NewUser{Email: "cm9@test.nl", Name: "Noor de Wit", Role: regie.RoleCasemanager,
			OrganisationID: f.Org.ID, TeamID: f.TeamA.ID, DistrictIDs: []int64{f.TeamA.Districts[0].ID},
			Phone: " 06  1234 5678 ", Password: "wachtwoord-voor-test"}, storetest.PasswordHash)
		if err != nil {
			t.Fatal(err)
		}
		if u.Phone != "06 1234 5678" {
			t.Errorf("Phone = %q, want it with its spaces folded", u.Phone)
		}
		lead := storetest.As(f.TeamLeader)
		if err := s.AssignFamily(lead, f.FamAssigned.ID, regie.AssignInput{CoordinatorID: u.ID, Confirmed: true}); err != nil {
			t.Fatal(err)
		}
		fam, err := s.FindFamilyByID(lead, f.FamAssigned.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := fam.Coordinator(); c == nil || c.UserName != "Noor de Wit" || c.UserPhone != "06 1234 5678" {
			t.Errorf("coordinator = %+v, want Noor de Wit with her phone", c)
		}
	})
}

// TestUsualContactMinutes: the worker's usual duration is the median of
// their own reached contacts; attempts without contact and other workers'
// contacts do not count; 60 minutes before the first.
func TestUsualContactMinutes(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, cm2 := storetest.As(f.Casemanager), storetest.As(f.Casemanager2)
		usual := func(ctx context.Context) int {
			t.Helper()
			m, err := s.UsualContactMinutes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		if got := usual(cm); got != 60 {
			t.Fatalf("no contacts yet: %d, want 60", got)
		}
		add := func(ctx context.Context, famID int64, minutes string, attempt regie.Attempt) {
			t.Helper()
			if _, err := s.CreateContact(ctx, famID, regie.ContactInput{Date: "2026-03-01", Start: "10:00", Minutes: minutes,
				Kind: "huisbezoek", Attempt: attempt}); err != nil {
				t.Fatal(err)
			}
		}
		add(cm, f.FamAssigned.ID, "90", regie.AttemptReached)
		add(cm, f.FamAssigned.ID, "120", regie.AttemptReached)
		add(cm, f.FamAssigned.ID, "100", regie.AttemptReached)
		add(cm, f.FamAssigned.ID, "15", regie.AttemptNoAnswer)
		add(cm2, f.FamTeam.ID, "30", regie.AttemptReached)
		if got := usual(cm); got != 100 {
			t.Errorf("usual of 90, 120, 100 (and a 15-minute attempt) = %d, want 100", got)
		}
		if got := usual(cm2); got != 30 {
			t.Errorf("the other worker's usual = %d, want 30", got)
		}
	})
}

// TestAssignments_NameForTheTeamLeader: the team leader's assignment views
// name the family (their own team's); the administrator has none since
// separation of duties (TestSeparationOfDuties_AdminAloneReadsNoFamily).
func TestAssignments_NameForTheTeamLeader(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		if _, err := s.FindFamilyAssignments(storetest.As(f.Admin), f.FamAssigned.ID); err == nil {
			t.Error("the administrator reads a family's assignments")
		}
		for _, tc := range []struct {
			who  *regie.User
			want string
		}{{f.TeamLeader, "Gezin Jansen"}} {
			fa, err := s.FindFamilyAssignments(storetest.As(tc.who), f.FamAssigned.ID)
			if err != nil {
				t.Fatal(err)
			}
			if fa.HouseholdName != tc.want {
				t.Errorf("%s: FindFamilyAssignments name %q, want %q", tc.who.Name, fa.HouseholdName, tc.want)
			}
			rows, err := s.FindAssignmentRows(storetest.As(tc.who))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range rows {
				if r.FamilyID == f.FamAssigned.ID {
					found = true
					if r.HouseholdName != tc.want {
						t.Errorf("%s: assignment row name %q, want %q", tc.who.Name, r.HouseholdName, tc.want)
					}
				}
				if r.FamilyID == f.FamOther.ID && r.HouseholdName != "" {
					t.Errorf("%s: the other team's family is named %q", tc.who.Name, r.HouseholdName)
				}
			}
			if !found {
				t.Errorf("%s: the family is not in the assignment list", tc.who.Name)
			}
			if tc.want != "" {
				var keys []string
				for _, r := range rows {
					keys = append(keys, regie.SortName(r.HouseholdName))
				}
				if !slices.IsSorted(keys) {
					t.Errorf("%s: the assignment list is not in the order of names: %q", tc.who.Name, keys)
				}
			}
		}
	})
}
