package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// code returns the regie error code of err, for comparisons.
func code(err error) string { return regie.ErrorCode(err) }

// countRows counts the rows of a table.
func countRows(t *testing.T, s *store.Store, table string) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// lastAudit returns the newest audit row.
func lastAudit(t *testing.T, s *store.Store) (action, outcome, basis, segment string, userID, familyID int64) {
	t.Helper()
	err := s.DB().QueryRow(`SELECT action, outcome, basis, segment, user_id, family_id FROM audit ORDER BY id DESC LIMIT 1`).
		Scan(&action, &outcome, &basis, &segment, &userID, &familyID)
	if err != nil {
		t.Fatalf("last audit row: %v", err)
	}
	return
}

func TestMigrations_SameLogicalSchema(t *testing.T) {
	type column struct{ Table, Column string }
	columns := func(t *testing.T, s *store.Store) []column {
		var q string
		if s.Dialect() == "sqlite" {
			q = `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
				WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, 2`
		} else {
			q = `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
				AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition) ORDER BY 1, 2` // partitions of audit (PostgreSQL) are the parent's
		}
		rows, err := s.DB().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var cs []column
		for rows.Next() {
			var c column
			if err := rows.Scan(&c.Table, &c.Column); err != nil {
				t.Fatal(err)
			}
			cs = append(cs, c)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		sort.Slice(cs, func(i, j int) bool {
			return cs[i].Table < cs[j].Table || cs[i].Table == cs[j].Table && cs[i].Column < cs[j].Column
		})
		return cs
	}
	lite := storetest.OpenSQLite(t, storetest.NewClock(storetest.Start))
	pg := storetest.OpenPostgres(t, storetest.NewClock(storetest.Start))
	if diff := cmp.Diff(columns(t, lite), columns(t, pg)); diff != "" {
		t.Fatalf("SQLite and PostgreSQL schemas differ (-sqlite +postgres):\n%s", diff)
	}
	for _, s := range []*store.Store{lite, pg} {
		applied, latest, err := s.SchemaVersion(context.Background())
		if err != nil || applied != latest || latest == 0 {
			t.Fatalf("%s: schema version %d of %d, err %v", s.Dialect(), applied, latest, err)
		}
		if err := s.CheckSchema(context.Background()); err != nil {
			t.Fatalf("%s: CheckSchema on a migrated database: %v", s.Dialect(), err)
		}
		if n, err := s.Migrate(context.Background()); err != nil || n != 0 {
			t.Fatalf("%s: migrating again applied %d, err %v; want 0, nil", s.Dialect(), n, err)
		}
	}
}

func TestCheckSchema_RefusesUnmigrated(t *testing.T) {
	s, err := store.Open(context.Background(), t.TempDir()+"/new.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.CheckSchema(context.Background())
	if code(err) != regie.EUNAVAILABLE || !strings.Contains(err.Error(), "regie migrate") {
		t.Fatalf("CheckSchema on an empty database = %v, want EUNAVAILABLE that says to run regie migrate", err)
	}
}

// TestStartup_RefusesWhatItCannotServe: a database file that is not
// there is refused without leaving an empty one behind; a schema newer
// than the binary is refused naming both versions; a database that can
// only be read is refused before the first save (PostgreSQL: a server
// that starts every transaction read-only).
func TestStartup_RefusesWhatItCannotServe(t *testing.T) {
	ctx := context.Background()
	t.Run("missing file", func(t *testing.T) {
		path := t.TempDir() + "/ontbreekt.db"
		_, err := store.Open(ctx, path, store.Options{MustExist: true})
		if code(err) != regie.EUNAVAILABLE || !strings.Contains(err.Error(), "bestaat niet") || !strings.Contains(err.Error(), "regie migrate") {
			t.Fatalf("Open of a missing file = %v, want EUNAVAILABLE that says it does not exist and to run regie migrate", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("the refused open left a file behind: %v", err)
		}
	})
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		if err := s.CheckWritable(ctx); err != nil {
			t.Fatalf("CheckWritable on a writable database: %v", err)
		}
		applied, latest, err := s.SchemaVersion(ctx)
		if err != nil || applied != latest {
			t.Fatalf("schema version %d of %d, err %v", applied, latest, err)
		}
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'uit de toekomst', '')`, latest+1); err != nil {
			t.Fatal(err)
		}
		err = s.CheckSchema(ctx)
		if code(err) != regie.EUNAVAILABLE || !strings.Contains(err.Error(), fmt.Sprintf("versie %d, nieuwer dan deze regie (versie %d)", latest+1, latest)) {
			t.Fatalf("CheckSchema on a newer schema = %v, want EUNAVAILABLE naming both versions", err)
		}
		if applied, _, err := s.SchemaVersion(ctx); err != nil || applied != latest+1 {
			t.Fatalf("after the probe the schema is at %d (err %v): CheckWritable left a row", applied, err)
		}
	})
	t.Run("read-only postgres", func(t *testing.T) {
		u, err := url.Parse(storetest.PostgresURL(t))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
		ro, err := store.Open(ctx, u.String(), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if err := ro.CheckSchema(ctx); err != nil {
			t.Fatalf("CheckSchema reads: %v", err)
		}
		err = ro.CheckWritable(ctx)
		if code(err) != regie.EUNAVAILABLE || !strings.Contains(err.Error(), "kan niet beschreven worden") {
			t.Fatalf("CheckWritable on a read-only server = %v, want EUNAVAILABLE in Dutch", err)
		}
	})
}

// TestDeadline_AStuckDatabaseIsUnavailable: while another connection
// holds a lock the save needs, a save with a deadline is refused as
// EUNAVAILABLE (the UI's 503, "tijdelijk niet beschikbaar") instead of
// waiting, and the same save goes through once the lock is gone.
func TestDeadline_AStuckDatabaseIsUnavailable(t *testing.T) {
	ctx := context.Background()
	check := func(t *testing.T, s *store.Store, conn *sql.Conn, lock, unlock string) {
		f := storetest.NewFixture(t, s)
		in := regie.FamilyInput{HouseholdName: "Gezin Jansen-de Boer", DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed", Version: 1}
		if _, err := conn.ExecContext(ctx, lock); err != nil {
			t.Fatal(err)
		}
		short, cancel := context.WithTimeout(storetest.As(f.TeamLeader), 200*time.Millisecond)
		defer cancel()
		err := s.UpdateFamily(short, f.FamAssigned.ID, in)
		if code(err) != regie.EUNAVAILABLE {
			t.Fatalf("a save while the database is locked = %v, want EUNAVAILABLE", err)
		}
		if _, err := conn.ExecContext(ctx, unlock); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateFamily(storetest.As(f.TeamLeader), f.FamAssigned.ID, in); err != nil {
			t.Fatalf("the save once the lock is gone: %v", err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		// SQLite's one write lock, taken by another handle on the file.
		path := filepath.Join(t.TempDir(), "regie.db")
		s := storetest.OpenSQLiteAt(t, path, storetest.NewClock(storetest.Start))
		other, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		conn, err := other.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		check(t, s, conn, `BEGIN IMMEDIATE`, `ROLLBACK`)
	})
	t.Run("postgres", func(t *testing.T) {
		// A lock on the families table, held by a connection of its own.
		s := storetest.OpenPostgres(t, storetest.NewClock(storetest.Start))
		conn, err := s.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		check(t, s, conn, `BEGIN; LOCK TABLE families IN ACCESS EXCLUSIVE MODE`, `ROLLBACK`)
	})
}

func TestFamily_CreateAndAccess(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned

		t.Run("OK", func(t *testing.T) {
			got, err := s.FindFamilyByID(storetest.As(f.Casemanager), fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.HouseholdName != "Gezin Jansen" || got.DistrictName != "Overvecht" || got.TeamName != "Team Noordoost" {
				t.Fatalf("family = %+v", got)
			}
			if got, want := len(got.CurrentMembers()), 2; got != want {
				t.Fatalf("members = %d, want %d", got, want)
			}
			if c := got.Coordinator(); c == nil || c.UserID != f.Casemanager.ID {
				t.Fatalf("coordinator = %+v, want %s", c, f.Casemanager.Name)
			}
			action, outcome, basis, seg, uid, fid := lastAudit(t, s)
			if action != "read" || outcome != "ok" || basis != "toewijzing: vaste regisseur" || seg != "gezin" || uid != f.Casemanager.ID || fid != fam.ID {
				t.Fatalf("audit row = %s %s %q %s user %d family %d", action, outcome, basis, seg, uid, fid)
			}
		})

		for _, tc := range []struct {
			name  string
			user  *regie.User
			allow bool
			basis string
		}{
			{"TeamLeader", f.TeamLeader, true, "teamleider van het team"},
			{"OtherCasemanagerSameTeam", f.Casemanager2, false, ""},
			{"OtherTeamLeader", f.TeamLeaderB, false, ""},
			{"YouthWorkerNotAssigned", f.YouthWorker, false, ""},
			{"Admin", f.Admin, false, ""},
			{"Privacy", f.Privacy, false, ""},
			{"Referrer", f.Referrer, false, ""},
			{"Partner", f.Partner1, false, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := countRows(t, s, "audit")
				_, err := s.FindFamilyByID(storetest.As(tc.user), fam.ID)
				if tc.allow {
					if err != nil {
						t.Fatalf("FindFamilyByID = %v, want allowed", err)
					}
				} else if code(err) != regie.ENOTFOUND {
					t.Fatalf("FindFamilyByID = %v, want ENOTFOUND", err)
				}
				if got := countRows(t, s, "audit"); got != before+1 {
					t.Fatalf("audit rows %d → %d, want one more", before, got)
				}
				_, outcome, basis, _, uid, fid := lastAudit(t, s)
				wantOutcome, wantBasis := "denied", "geen"
				if tc.allow {
					wantOutcome, wantBasis = "ok", tc.basis
				}
				if outcome != wantOutcome || basis != wantBasis || uid != tc.user.ID || fid != fam.ID {
					t.Fatalf("audit row = %s %q user %d family %d, want %s %q user %d family %d", outcome, basis, uid, fid, wantOutcome, wantBasis, tc.user.ID, fam.ID)
				}
			})
		}

		t.Run("MissingIsNotFoundAndAudited", func(t *testing.T) {
			_, err := s.FindFamilyByID(storetest.As(f.TeamLeader), 999999)
			if code(err) != regie.ENOTFOUND {
				t.Fatalf("err = %v, want ENOTFOUND", err)
			}
			_, outcome, _, _, _, fid := lastAudit(t, s)
			if outcome != "denied" || fid != 999999 {
				t.Fatalf("audit = %s family %d", outcome, fid)
			}
		})

		t.Run("NoActorDenied", func(t *testing.T) {
			_, err := s.FindFamilyByID(context.Background(), fam.ID)
			if code(err) != regie.ENOTFOUND {
				t.Fatalf("err = %v, want ENOTFOUND", err)
			}
		})

		t.Run("OnlyTeamLeaderCreates", func(t *testing.T) {
			in := regie.FamilyInput{HouseholdName: "Gezin Nieuw", DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed"}
			for _, u := range []*regie.User{f.Casemanager, f.Admin, f.Privacy, f.Referrer, f.YouthWorker} {
				before := countRows(t, s, "families")
				if _, err := s.CreateFamily(storetest.As(u), in); code(err) != regie.EFORBIDDEN {
					t.Fatalf("%s: CreateFamily = %v, want EFORBIDDEN", u.Role, err)
				}
				if got := countRows(t, s, "families"); got != before {
					t.Fatalf("%s: a denied create changed families %d → %d", u.Role, before, got)
				}
			}
		})
	})
}

func TestFamily_Validation(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := storetest.As(f.TeamLeader)
		before := countRows(t, s, "families")
		_, err := s.CreateFamily(ctx, regie.FamilyInput{HouseholdName: "  ", Postcode: "12345", DistrictID: f.TeamB.Districts[0].ID, DutchProficiency: "vloeiend"})
		if code(err) != regie.EINVALID {
			t.Fatalf("err = %v, want EINVALID", err)
		}
		fields := regie.ErrorFields(err)
		for _, field := range []string{"household_name", "postcode", "district", "dutch_proficiency"} {
			if fields[field] == "" {
				t.Errorf("no message for field %s; fields = %v", field, fields)
			}
		}
		if got := countRows(t, s, "families"); got != before {
			t.Fatalf("families %d → %d after a refused create", before, got)
		}

		// The postcode is written as 1234 AB.
		fam, err := s.CreateFamily(ctx, regie.FamilyInput{HouseholdName: "Gezin Ouali", Postcode: "3531ab", DistrictID: f.TeamA.Districts[1].ID, DutchProficiency: "matig"})
		if err != nil {
			t.Fatal(err)
		}
		if fam.Postcode != "3531 AB" || fam.DistrictName != "Zuilen" {
			t.Fatalf("postcode %q district %q", fam.Postcode, fam.DistrictName)
		}
	})
}

func TestMembers(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := storetest.As(f.Casemanager)
		fam := f.FamAssigned

		t.Run("Invalid", func(t *testing.T) {
			before := countRows(t, s, "members")
			_, err := s.AddMember(ctx, fam.ID, regie.MemberInput{GivenName: "", FamilyName: "Jansen", BirthDate: "2030-01-01", Relation: "kind", BSN: "123456789"})
			fields := regie.ErrorFields(err)
			if code(err) != regie.EINVALID || fields["given_name"] == "" || fields["birth_date"] == "" || fields["bsn"] == "" {
				t.Fatalf("err = %v, want EINVALID on given_name, birth_date, bsn", err)
			}
			if got := countRows(t, s, "members"); got != before {
				t.Fatalf("members %d → %d", before, got)
			}
		})

		var m *regie.Member
		t.Run("Add", func(t *testing.T) {
			var err error
			m, err = s.AddMember(ctx, fam.ID, regie.MemberInput{GivenName: "Lotte", FamilyName: "Jansen", BirthDate: "14-02-2020", Relation: "kind", BSN: "111 222 333"})
			if err != nil {
				t.Fatal(err)
			}
			if m.BirthDate.ISO() != "2020-02-14" || m.BSN != "111222333" || m.StartedOn.ISO() != "2026-03-02" {
				t.Fatalf("member = %+v", m)
			}
			if got := m.AgeOn(regie.DateOf(clock.Now())); got != 6 {
				t.Fatalf("age = %d, want 6", got)
			}
		})

		t.Run("Update", func(t *testing.T) {
			if err := s.UpdateMember(ctx, fam.ID, m.ID, regie.MemberInput{GivenName: "Lotte", FamilyName: "Jansen-de Boer", BirthDate: "2020-02-14", Relation: "kind"}); err != nil {
				t.Fatal(err)
			}
			got, err := s.FindFamilyByID(ctx, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, x := range got.Members {
				if x.ID == m.ID {
					found = x.FamilyName == "Jansen-de Boer" && x.BSN == ""
				}
			}
			if !found {
				t.Fatal("updated member not found with new name")
			}
		})

		t.Run("OtherFamilysMemberIsNotFound", func(t *testing.T) {
			other := f.FamOther.Members[0]
			err := s.UpdateMember(ctx, fam.ID, other.ID, regie.MemberInput{GivenName: "X", FamilyName: "Y", BirthDate: "2000-01-01", Relation: "ouder"})
			if code(err) != regie.ENOTFOUND {
				t.Fatalf("err = %v, want ENOTFOUND", err)
			}
		})

		t.Run("End", func(t *testing.T) {
			err := s.EndMember(ctx, fam.ID, m.ID, regie.MemberEnd{EndedOn: "2026-03-01", Reason: ""})
			if code(err) != regie.EINVALID || regie.ErrorFields(err)["reason"] == "" {
				t.Fatalf("end without reason = %v", err)
			}
			if err := s.EndMember(ctx, fam.ID, m.ID, regie.MemberEnd{EndedOn: "2026-03-01", Reason: "Verhuisd naar oma"}); err != nil {
				t.Fatal(err)
			}
			got, _ := s.FindFamilyByID(ctx, fam.ID)
			if n := len(got.FormerMembers()); n != 1 || got.FormerMembers()[0].EndReason != "Verhuisd naar oma" {
				t.Fatalf("former members = %d", n)
			}
			if err := s.EndMember(ctx, fam.ID, m.ID, regie.MemberEnd{EndedOn: "2026-03-01", Reason: "nogmaals"}); code(err) != regie.EINVALID {
				t.Fatalf("ending twice = %v, want EINVALID", err)
			}
		})

		t.Run("DeniedForOtherCasemanager", func(t *testing.T) {
			_, err := s.AddMember(storetest.As(f.Casemanager2), fam.ID, regie.MemberInput{GivenName: "A", FamilyName: "B", BirthDate: "2001-01-01", Relation: "kind"})
			if code(err) != regie.ENOTFOUND {
				t.Fatalf("err = %v, want ENOTFOUND", err)
			}
		})
	})
}

func TestFindFamilies_ScopeAndSearch(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		names := func(list []*regie.FamilySummary) []string {
			var ns []string
			for _, x := range list {
				ns = append(ns, x.HouseholdName)
			}
			return ns
		}
		list, total, err := s.FindFamilies(storetest.As(f.Casemanager), regie.FamilyFilter{Scope: regie.ScopeMine})
		if err != nil || total != 1 {
			t.Fatalf("mine: %v total %d", err, total)
		}
		if diff := cmp.Diff([]string{"Gezin Jansen"}, names(list)); diff != "" {
			t.Fatal(diff)
		}
		if list[0].Coordinator != "Anouk de Vries" || list[0].MemberCount != 2 || list[0].DistrictName != "Overvecht" {
			t.Fatalf("summary = %+v", list[0])
		}

		list, _, err = s.FindFamilies(storetest.As(f.TeamLeader), regie.FamilyFilter{Scope: regie.ScopeTeam})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"Gezin Jansen", "Gezin Pietersen"}, names(list)); diff != "" {
			t.Fatal(diff)
		}

		// Search by a member's name, case-insensitive; LIKE wildcards are literal.
		list, _, err = s.FindFamilies(storetest.As(f.TeamLeader), regie.FamilyFilter{Scope: regie.ScopeTeam, Query: "kevin PIETERSEN"})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"Gezin Pietersen"}, names(list)); diff != "" {
			t.Fatal(diff)
		}
		list, _, _ = s.FindFamilies(storetest.As(f.TeamLeader), regie.FamilyFilter{Scope: regie.ScopeTeam, Query: "%"})
		if len(list) != 0 {
			t.Fatalf("search for %% found %v", names(list))
		}
		action, outcome, _, seg, _, _ := lastAudit(t, s)
		if action != "search" || outcome != "ok" || seg != "gezinslijst" {
			t.Fatalf("search audit = %s %s %s", action, outcome, seg)
		}
		var detail string
		if err := s.DB().QueryRow(`SELECT detail FROM audit ORDER BY id DESC LIMIT 1`).Scan(&detail); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(detail, `"%"`) {
			t.Fatalf("search audit detail %q does not name the terms", detail)
		}

		// A casemanager may not list the whole team; others no list at all.
		for _, u := range []*regie.User{f.Casemanager, f.Admin, f.Privacy, f.Referrer} {
			if _, _, err := s.FindFamilies(storetest.As(u), regie.FamilyFilter{Scope: regie.ScopeTeam}); code(err) != regie.EFORBIDDEN {
				t.Fatalf("%s team list: %v, want EFORBIDDEN", u.Role, err)
			}
		}
	})
}

func TestAssignFamily(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		lead := storetest.As(f.TeamLeader)

		t.Run("Invalid", func(t *testing.T) {
			for _, tc := range []struct {
				in    regie.AssignInput
				field string
			}{
				{regie.AssignInput{}, "coordinator"},
				{regie.AssignInput{CoordinatorID: f.Casemanager.ID, DuoID: f.Casemanager.ID}, "duo"},
				{regie.AssignInput{CoordinatorID: f.CasemanagerB.ID}, "coordinator"}, // other team
				{regie.AssignInput{CoordinatorID: f.YouthWorker.ID}, "coordinator"},  // not a casemanager
			} {
				err := s.AssignFamily(lead, fam.ID, tc.in)
				if code(err) != regie.EINVALID || regie.ErrorFields(err)[tc.field] == "" {
					t.Fatalf("AssignFamily(%+v) = %v, want EINVALID on %s", tc.in, err, tc.field)
				}
			}
		})

		t.Run("DuoThenSwap", func(t *testing.T) {
			if err := s.AssignFamily(lead, fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID, DuoID: f.Casemanager2.ID}); err != nil {
				t.Fatal(err)
			}
			// Now the duo partner reads the family too.
			if _, err := s.FindFamilyByID(storetest.As(f.Casemanager2), fam.ID); err != nil {
				t.Fatalf("duo partner: %v", err)
			}
			_, _, basis, _, _, _ := lastAudit(t, s)
			if basis != "toewijzing: duo-partner" {
				t.Fatalf("basis = %q", basis)
			}
			clock.Advance(24 * time.Hour)
			// Swap: the duo becomes the coordinator, no duo.
			if err := s.AssignFamily(lead, fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager2.ID}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FindFamilyByID(storetest.As(f.Casemanager), fam.ID); code(err) != regie.ENOTFOUND {
				t.Fatalf("former coordinator still reads the family: %v", err)
			}
			fa, err := s.FindFamilyAssignments(lead, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c := fa.Current(regie.AssignCoordinator); c == nil || c.UserID != f.Casemanager2.ID || c.StartedOn.ISO() != "2026-03-03" {
				t.Fatalf("current coordinator = %+v", c)
			}
			if fa.Current(regie.AssignDuo) != nil {
				t.Fatal("a duo partner is still current")
			}
			if got := len(fa.History); got != 3 {
				t.Fatalf("history has %d assignments, want 3 (kept, never overwritten)", got)
			}
		})

		t.Run("AdminCannotAssign", func(t *testing.T) {
			// Separation of duties: the administrator makes accounts, so
			// must not also give one a family.
			admin := storetest.As(f.Admin)
			before, _ := s.FindFamilyAssignments(lead, fam.ID)
			if err := s.AssignFamily(admin, fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID}); code(err) != regie.ENOTFOUND {
				t.Fatalf("admin assigned: %v", err)
			}
			if err := s.AssignYouthWorker(admin, fam.ID, fam.Members[1].ID, f.YouthWorker.ID, true); code(err) != regie.ENOTFOUND {
				t.Fatalf("admin assigned a youth worker: %v", err)
			}
			if _, err := s.FindAssignmentRows(admin); code(err) != regie.EFORBIDDEN {
				t.Fatalf("admin reads the assignment overview: %v", err)
			}
			_, outcome, basis, _, _, _ := lastAudit(t, s)
			if outcome != string(regie.OutcomeDenied) || basis != "geen" {
				t.Fatalf("last audit: %s %s, want a denied attempt", outcome, basis)
			}
			after, _ := s.FindFamilyAssignments(lead, fam.ID)
			if len(after.History) != len(before.History) {
				t.Fatalf("assignments changed: %d → %d", len(before.History), len(after.History))
			}
		})

		t.Run("OtherTeamLeaderDenied", func(t *testing.T) {
			err := s.AssignFamily(storetest.As(f.TeamLeaderB), fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID})
			if code(err) != regie.ENOTFOUND {
				t.Fatalf("err = %v, want ENOTFOUND", err)
			}
		})
	})
}

// TestAudit_RollbackWhenAuditFails injects a failure into the audit insert
// (a database trigger, so no test hook lives in the application) and checks
// that the change it belonged to is not kept.
func TestAudit_RollbackWhenAuditFails(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		var ddl []string
		if s.Dialect() == "sqlite" {
			ddl = []string{`CREATE TRIGGER audit_fail BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END`}
		} else {
			ddl = []string{
				`CREATE FUNCTION audit_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected audit failure'; END; $$`,
				`CREATE TRIGGER audit_fail BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_fail()`,
			}
		}
		for _, q := range ddl {
			if _, err := s.DB().Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		families, members, assignments := countRows(t, s, "families"), countRows(t, s, "members"), countRows(t, s, "assignments")
		lead := storetest.As(f.TeamLeader)
		if _, err := s.CreateFamily(lead, regie.FamilyInput{HouseholdName: "Gezin Zonder Log", DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed"}); err == nil {
			t.Fatal("CreateFamily succeeded without its audit row")
		}
		if _, err := s.AddMember(lead, f.FamAssigned.ID, regie.MemberInput{GivenName: "A", FamilyName: "B", BirthDate: "2001-01-01", Relation: "kind"}); err == nil {
			t.Fatal("AddMember succeeded without its audit row")
		}
		if err := s.AssignFamily(lead, f.FamAssigned.ID, regie.AssignInput{CoordinatorID: f.Casemanager2.ID}); err == nil {
			t.Fatal("AssignFamily succeeded without its audit row")
		}
		if err := s.UpdateFamily(lead, f.FamAssigned.ID, regie.FamilyInput{HouseholdName: "Gezin Gewijzigd", DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed", Version: 1}); err == nil {
			t.Fatal("UpdateFamily succeeded without its audit row")
		}
		if _, err := s.FindFamilyByID(lead, f.FamAssigned.ID); err == nil {
			t.Fatal("a read succeeded without its audit row")
		}
		if got := countRows(t, s, "families"); got != families {
			t.Errorf("families %d → %d", families, got)
		}
		if got := countRows(t, s, "members"); got != members {
			t.Errorf("members %d → %d", members, got)
		}
		if got := countRows(t, s, "assignments"); got != assignments {
			t.Errorf("assignments %d → %d", assignments, got)
		}
		var name string
		if err := s.DB().QueryRow(`SELECT household_name FROM families WHERE id = $1`, f.FamAssigned.ID).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != "Gezin Jansen" {
			t.Errorf("household name = %q: the update was kept", name)
		}
	})
}

func TestAudit_VerifyDetectsTampering(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := context.Background()
		rep, err := s.VerifyAudit(ctx, nil)
		if err != nil || !rep.OK() || rep.Rows == 0 {
			t.Fatalf("fresh log: %+v, %v", rep, err)
		}

		// The application never changes audit rows, and the database refuses it.
		if _, err := s.DB().Exec(`UPDATE audit SET detail = 'x' WHERE id = 1`); err == nil {
			t.Fatal("the database allowed an audit row to be changed")
		}
		if _, err := s.DB().Exec(`DELETE FROM audit WHERE id = 1`); err == nil {
			t.Fatal("the database allowed an audit row to be removed")
		}

		// Someone with full access to the database drops the guard and
		// rewrites who looked at a family.
		var id int64
		if err := s.DB().QueryRow(`SELECT id FROM audit WHERE family_id = $1 AND action = 'read' ORDER BY id LIMIT 1`, f.FamAssigned.ID).Scan(&id); err != nil {
			t.Fatal(err)
		}
		if s.Dialect() == "sqlite" {
			mustExec(t, s.DB(), `DROP TRIGGER audit_no_update`)
		} else {
			mustExec(t, s.DB(), `DROP TRIGGER audit_no_update ON audit`)
		}
		mustExec(t, s.DB(), `UPDATE audit SET user_id = $1 WHERE id = $2`, f.Admin.ID, id)
		rep, err = s.VerifyAudit(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) != 1 || rep.Findings[0].ID != id || rep.Findings[0].Kind != regie.FindingChanged {
			t.Fatalf("verify = %+v, want the altered row %d reported as changed", rep, id)
		}
	})
}

func TestAudit_VerifyDetectsRemovedRows(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		storetest.NewFixture(t, s)
		if s.Dialect() == "sqlite" {
			mustExec(t, s.DB(), `DROP TRIGGER audit_no_delete`)
		} else {
			mustExec(t, s.DB(), `DROP TRIGGER audit_no_update ON audit`)
		}
		// Remove the newest row of a chain: only the head notices.
		mustExec(t, s.DB(), `DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)`)
		rep, err := s.VerifyAudit(context.Background(), nil)
		if err != nil || len(rep.Findings) != 1 || rep.Findings[0].Kind != regie.FindingHead {
			t.Fatalf("verify after removing the last row = %+v, %v", rep, err)
		}
	})
}

// TestAudit_ConcurrentWritersKeepChains hammers the log from many
// goroutines (as many actors, so several chains) and verifies it after.
func TestAudit_ConcurrentWritersKeepChains(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		users := []*regie.User{f.Casemanager, f.Casemanager2, f.TeamLeader, f.CasemanagerB, f.TeamLeaderB, f.YouthWorker}
		fams := []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther}
		var wg sync.WaitGroup
		errs := make(chan error, 1000)
		for i := range 12 {
			wg.Go(func() {
				u := users[i%len(users)]
				for j := range 20 {
					_, err := s.FindFamilyByID(storetest.As(u), fams[(i+j)%len(fams)].ID)
					if err != nil && code(err) != regie.ENOTFOUND {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		rep, err := s.VerifyAudit(context.Background(), nil)
		if err != nil || !rep.OK() {
			t.Fatalf("verify = %+v, %v", rep, err)
		}
		var chains int
		if err := s.DB().QueryRow(`SELECT count(DISTINCT chain) FROM audit`).Scan(&chains); err != nil {
			t.Fatal(err)
		}
		if chains < 3 {
			t.Fatalf("rows spread over %d chains, want several", chains)
		}
	})
}

func TestFindAuditEntries(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		_, _ = s.FindFamilyByID(storetest.As(f.Casemanager2), f.FamAssigned.ID) // denied, logged
		fam := f.FamAssigned.ID
		entries, total, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(entries) || total < 5 {
			t.Fatalf("total %d, entries %d", total, len(entries))
		}
		newest := entries[0]
		if newest.UserName != "Bram Jansen" || newest.Outcome != regie.OutcomeDenied {
			t.Fatalf("newest entry = %+v, want Bram Jansen's denied read", newest)
		}
		for i := 1; i < len(entries); i++ {
			if entries[i].Time.After(entries[i-1].Time) {
				t.Fatal("entries are not newest first")
			}
		}
		uid := f.Casemanager2.ID
		if _, n, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{UserID: &uid, Limit: 1}); err != nil || n < 1 {
			t.Fatalf("per user: %d, %v", n, err)
		}
		for _, u := range []*regie.User{f.Admin, f.TeamLeader, f.Casemanager} {
			if _, _, err := s.FindAuditEntries(storetest.As(u), regie.AuditFilter{FamilyID: &fam}); code(err) != regie.EFORBIDDEN {
				t.Fatalf("%s read the access log: %v", u.Role, err)
			}
		}
	})
}

func TestSessions(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := context.Background()
		sess := &regie.Session{TokenHash: []byte("0123456789abcdef0123456789abcdef"), UserID: f.Casemanager.ID, IP: "192.0.2.1", UserAgent: "test"}
		if err := s.CreateSession(ctx, sess, 0, "wachtwoord juist"); err != nil {
			t.Fatal(err)
		}
		got, u, err := s.FindSessionByToken(ctx, sess.TokenHash)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != sess.ID || u.ID != f.Casemanager.ID || u.Role != regie.RoleCasemanager || got.MFA || !got.CreatedAt.Equal(clock.Now().UTC().Truncate(time.Microsecond)) {
			t.Fatalf("session = %+v user %+v", got, u)
		}
		// Rotation: the new session replaces the old in one step.
		next := &regie.Session{TokenHash: []byte("fedcba9876543210fedcba9876543210"), UserID: f.Casemanager.ID, MFA: true}
		if err := s.CreateSession(ctx, next, sess.ID, "tweede factor juist"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSessionByToken(ctx, sess.TokenHash); code(err) != regie.ENOTFOUND {
			t.Fatalf("old session after rotation: %v", err)
		}
		// A password reset ends every session at once.
		if err := s.SetPassword(storetest.System(), f.Casemanager.ID, storetest.PasswordHash, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSessionByToken(ctx, next.TokenHash); code(err) != regie.ENOTFOUND {
			t.Fatalf("session after password reset: %v", err)
		}
		// So does disabling the account.
		third := &regie.Session{TokenHash: []byte("third-session-token-hash-3333333"), UserID: f.Casemanager.ID, MFA: true}
		if err := s.CreateSession(ctx, third, 0, "x"); err != nil {
			t.Fatal(err)
		}
		if err := s.DisableUser(storetest.System(), f.Casemanager.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.FindSessionByToken(ctx, third.TokenHash); code(err) != regie.ENOTFOUND {
			t.Fatalf("session after disable: %v", err)
		}
		if u, _ := s.FindUserByID(ctx, f.Casemanager.ID); !u.Disabled() {
			t.Fatal("user not disabled")
		}
		// Only the administrator (or the command line) changes accounts.
		if err := s.DisableUser(storetest.As(f.TeamLeader), f.Casemanager2.ID); code(err) != regie.EFORBIDDEN {
			t.Fatalf("team leader disabled a user: %v", err)
		}
	})
}

// TestPassword_TemporaryAndOwnChange: a password an administrator makes
// is temporary; the user's own change makes it theirs, keeps the session
// they change it in and ends the others, audited.
func TestPassword_TemporaryAndOwnChange(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := context.Background()
		u, err := s.CreateUser(storetest.System(), regie.NewUser{Email: "nieuw@test.nl", Name: "Nieuwe Collega", Role: regie.RoleCasemanager,
			OrganisationID: f.Org.ID, TeamID: f.TeamA.ID, Password: "tijdelijk-wachtwoord-1", PasswordTemporary: true}, storetest.PasswordHash)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.FindUserByID(ctx, u.ID); !got.PasswordTemporary {
			t.Fatal("a new account's generated password is not temporary")
		}
		here := &regie.Session{TokenHash: []byte("session-where-she-changes-it-000"), UserID: u.ID, MFA: true}
		other := &regie.Session{TokenHash: []byte("session-on-another-computer-0000"), UserID: u.ID, MFA: true}
		for _, sess := range []*regie.Session{here, other} {
			if err := s.CreateSession(ctx, sess, 0, "ingelogd"); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ChangeOwnPassword(storetest.System(), "x"); code(err) != regie.EFORBIDDEN {
			t.Fatalf("the command line changed 'its own' password: %v", err)
		}
		a := storetest.ActorOf(u)
		a.SessionID = here.ID
		if err := s.ChangeOwnPassword(regie.NewContextWithActor(ctx, a), "eigen-hash"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindUserByID(ctx, u.ID)
		if got.PasswordTemporary || got.PasswordHash != "eigen-hash" {
			t.Fatalf("after the change: temporary %v, hash %q", got.PasswordTemporary, got.PasswordHash)
		}
		if _, _, err := s.FindSessionByToken(ctx, here.TokenHash); err != nil {
			t.Fatalf("the session she changed it in: %v", err)
		}
		if _, _, err := s.FindSessionByToken(ctx, other.TokenHash); code(err) != regie.ENOTFOUND {
			t.Fatalf("her other session: %v", err)
		}
		var seg, detail string
		if err := s.DB().QueryRow(`SELECT segment, detail FROM audit WHERE user_id = $1 ORDER BY id DESC LIMIT 1`, u.ID).Scan(&seg, &detail); err != nil {
			t.Fatal(err)
		}
		if seg != string(regie.SegOwnAccount) || !strings.Contains(detail, "1 andere sessies") {
			t.Fatalf("audit: %q %q", seg, detail)
		}
		// An administrator's reset makes it temporary again.
		if err := s.SetPassword(storetest.System(), u.ID, storetest.PasswordHash, true); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.FindUserByID(ctx, u.ID); !got.PasswordTemporary {
			t.Fatal("a reset password is not temporary")
		}
	})
}

func TestLoginFailuresAndTOTPSteps(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := context.Background()
		for range 3 {
			if err := s.RecordLoginFailure(ctx, "k1", f.Casemanager.ID, "wachtwoord onjuist"); err != nil {
				t.Fatal(err)
			}
			clock.Advance(10 * time.Second)
		}
		if err := s.RecordLoginFailure(ctx, "k2", 0, "onbekend e-mailadres"); err != nil {
			t.Fatal(err)
		}
		if n, err := s.CountLoginFailures(ctx, "k1", clock.Now().Add(-time.Minute)); err != nil || n != 3 {
			t.Fatalf("failures in the last minute = %d, %v; want 3", n, err)
		}
		clock.Advance(45 * time.Second)
		if n, _ := s.CountLoginFailures(ctx, "k1", clock.Now().Add(-time.Minute)); n != 1 {
			t.Fatalf("after 45 s more: %d, want 1", n)
		}

		if err := s.EnableTOTP(ctx, f.Casemanager.ID, "SECRET", 100); err != nil {
			t.Fatal(err)
		}
		if err := s.UseTOTPStep(ctx, f.Casemanager.ID, 100); code(err) != regie.ECONFLICT {
			t.Fatalf("reusing the enrolment step = %v, want ECONFLICT", err)
		}
		if err := s.UseTOTPStep(ctx, f.Casemanager.ID, 101); err != nil {
			t.Fatalf("next step = %v", err)
		}
		if err := s.UseTOTPStep(ctx, f.Casemanager.ID, 101); code(err) != regie.ECONFLICT {
			t.Fatalf("replay = %v, want ECONFLICT", err)
		}
		// Lists of accounts carry no secret, but do say who has enrolled.
		users, err := s.FindUsers(ctx, regie.UserFilter{ID: &f.Casemanager.ID})
		if err != nil || len(users) != 1 || users[0].TOTPSecret != "" || !users[0].HasTOTP() {
			t.Fatalf("listed: %+v, %v", users, err)
		}
	})
}

func TestCreateUser_Validation(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		_, err := s.CreateUser(storetest.System(), regie.NewUser{Email: "CM@test.nl", Name: "Dubbel", Role: regie.RoleCasemanager,
			OrganisationID: f.Org.ID, TeamID: f.TeamA.ID, Password: "lang-genoeg-wachtwoord"}, storetest.PasswordHash)
		if code(err) != regie.EINVALID || regie.ErrorFields(err)["email"] == "" {
			t.Fatalf("duplicate e-mail (other case) = %v", err)
		}
		_, err = s.CreateUser(storetest.System(), regie.NewUser{Email: "x@test.nl", Name: "X", Role: regie.RoleCasemanager,
			OrganisationID: f.Org.ID, Password: "kort"}, storetest.PasswordHash)
		fields := regie.ErrorFields(err)
		if fields["team"] == "" || fields["password"] == "" {
			t.Fatalf("fields = %v", fields)
		}
	})
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

var _ = errors.New
var _ = fmt.Sprint
