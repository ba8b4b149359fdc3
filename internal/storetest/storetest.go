// Package storetest opens real databases for tests — a SQLite file per test,
// and a PostgreSQL database per test from a throwaway cluster — and builds
// the fixture most tests start from: two teams, a user of every role, and
// families in each relation to them (assigned, same team, other team).
package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"regie"
	"regie/internal/keys"
	"regie/internal/pgtest"
	"regie/internal/store"
)

var cluster struct {
	once sync.Once
	c    *pgtest.Cluster
}

func pg() *pgtest.Cluster {
	cluster.once.Do(func() { cluster.c = pgtest.Start() })
	return cluster.c
}

// Main runs the tests of a package and stops the PostgreSQL cluster, if one
// was started. Use it from TestMain: os.Exit(storetest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if cluster.c != nil {
		cluster.c.Stop()
	}
	return code
}

// Clock is a settable clock for tests.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now implements regie.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Set sets the clock.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Start is the moment fixtures start at: a Monday morning in Utrecht.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, regie.Amsterdam)

// OpenSQLite returns a migrated store on a new SQLite file.
func OpenSQLite(tb testing.TB, clock regie.Clock) *store.Store {
	tb.Helper()
	return open(tb, filepath.Join(tb.TempDir(), "regie.db"), clock, true)
}

// OpenSQLiteAt returns a migrated store on the SQLite file at path.
func OpenSQLiteAt(tb testing.TB, path string, clock regie.Clock) *store.Store {
	tb.Helper()
	return open(tb, path, clock, true)
}

// OpenPostgres returns a store on a new, migrated PostgreSQL database. It
// skips the test when no PostgreSQL is available (fails under CI=true).
func OpenPostgres(tb testing.TB, clock regie.Clock) *store.Store {
	tb.Helper()
	return open(tb, PostgresURL(tb), clock, false)
}

// PostgresURL returns the URL of a new, migrated PostgreSQL database,
// reached as the cluster's superuser, which owns its tables. It skips the
// test when no PostgreSQL is available (fails under CI=true).
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	return pg().NewDatabase(tb, func(url string) error {
		s, err := store.Open(context.Background(), url, store.Options{})
		if err != nil {
			return err
		}
		defer s.Close()
		_, err = s.Migrate(context.Background())
		return err
	})
}

func open(tb testing.TB, dsn string, clock regie.Clock, migrate bool) *store.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn, store.Options{Clock: clock, Keys: keys.ForTest()})
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	if migrate {
		if _, err := s.Migrate(ctx); err != nil {
			tb.Fatalf("migrate: %v", err)
		}
	}
	return s
}

// ForEachDB runs fn as a subtest on SQLite and on PostgreSQL: the one store
// conformance suite for both databases.
func ForEachDB(t *testing.T, fn func(t *testing.T, s *store.Store, clock *Clock)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		clock := NewClock(Start)
		fn(t, OpenSQLite(t, clock), clock)
	})
	t.Run("postgres", func(t *testing.T) {
		clock := NewClock(Start)
		fn(t, OpenPostgres(t, clock), clock)
	})
}

// As returns a context in which u acts.
func As(u *regie.User) context.Context {
	return regie.NewContextWithActor(context.Background(), ActorOf(u))
}

// ActorOf returns the actor for a user, from a test access point.
func ActorOf(u *regie.User) *regie.Actor {
	return &regie.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, OrganisationID: u.OrganisationID, TeamID: u.TeamID,
		IP: "192.0.2.10", UserAgent: "storetest"}
}

// System returns a context in which the command line acts.
func System() context.Context {
	return regie.NewContextWithActor(context.Background(), regie.SystemActor())
}

// Fixture is a small organisation: team A (Overvecht, Zuilen) and team B
// (Kanaleneiland), one user of every role, and three families.
type Fixture struct {
	Org     *regie.Organisation
	Partner *regie.Organisation
	TeamA   *regie.Team
	TeamB   *regie.Team

	Casemanager  *regie.User // team A; coordinator of FamAssigned
	Casemanager2 *regie.User // team A; coordinator of FamTeam
	CasemanagerB *regie.User // team B; coordinator of FamOther
	YouthWorker  *regie.User // team A
	TeamLeader   *regie.User // team A
	TeamLeaderB  *regie.User // team B
	Referrer     *regie.User // partner organisation
	Partner1     *regie.User // partner organisation
	Admin        *regie.User
	Privacy      *regie.User

	FamAssigned *regie.Family // team A, assigned to Casemanager
	FamTeam     *regie.Family // team A, assigned to Casemanager2
	FamOther    *regie.Family // team B, assigned to CasemanagerB
}

// PasswordHash is the hash every fixture user gets; tests that log in with a
// password make their own.
const PasswordHash = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$0PGPvo+8cQ8dH5dyW6Tnp6Lb2VtNGHPl4aZ9S7o4u+g" //nolint:gosec // the fixture's test password

// NewFixture builds the fixture in s.
func NewFixture(tb testing.TB, s *store.Store) *Fixture {
	tb.Helper()
	ctx := System()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatalf("fixture: %v", err)
		}
	}
	f := &Fixture{}
	var err error
	f.Org, err = s.CreateOrganisation(ctx, "Stade Profiel", true)
	must(err)
	f.Partner, err = s.CreateOrganisation(ctx, "Basisschool De Regenboog", false)
	must(err)
	f.TeamA, err = s.CreateTeam(ctx, f.Org.ID, "Team Noordoost", []string{"Overvecht", "Zuilen"})
	must(err)
	f.TeamB, err = s.CreateTeam(ctx, f.Org.ID, "Team Zuidwest", []string{"Kanaleneiland"})
	must(err)
	user := func(email, name string, role regie.Role, org *regie.Organisation, team *regie.Team) *regie.User {
		tb.Helper()
		n := regie.NewUser{Email: email, Name: name, Role: role, OrganisationID: org.ID, Password: "wachtwoord-voor-test"} //nolint:gosec // the fixture's test password
		if team != nil {
			n.TeamID = team.ID
			n.DistrictIDs = []int64{team.Districts[0].ID}
		}
		u, err := s.CreateUser(ctx, n, PasswordHash)
		must(err)
		return u
	}
	f.Casemanager = user("cm@test.nl", "Anouk de Vries", regie.RoleCasemanager, f.Org, f.TeamA)
	f.Casemanager2 = user("cm2@test.nl", "Bram Jansen", regie.RoleCasemanager, f.Org, f.TeamA)
	f.CasemanagerB = user("cmb@test.nl", "Chantal Bakker", regie.RoleCasemanager, f.Org, f.TeamB)
	f.YouthWorker = user("jhv@test.nl", "Dewi Visser", regie.RoleYouthWorker, f.Org, f.TeamA)
	f.TeamLeader = user("tl@test.nl", "Erik Smit", regie.RoleTeamLeader, f.Org, f.TeamA)
	f.TeamLeaderB = user("tlb@test.nl", "Fatima El Idrissi", regie.RoleTeamLeader, f.Org, f.TeamB)
	f.Referrer = user("aanmelder@test.nl", "Gerda Mulder", regie.RoleReferrer, f.Partner, nil)
	f.Partner1 = user("partner@test.nl", "Hans Peters", regie.RolePartner, f.Partner, nil)
	f.Admin = user("beheer@test.nl", "Ingrid Kok", regie.RoleAdmin, f.Org, nil)
	f.Privacy = user("fg@test.nl", "Jeroen Bos", regie.RolePrivacy, f.Org, nil)

	family := func(lead *regie.User, team *regie.Team, name string, cm *regie.User) *regie.Family {
		tb.Helper()
		fam, err := s.CreateFamily(As(lead), regie.FamilyInput{HouseholdName: name, DistrictID: team.Districts[0].ID,
			DutchProficiency: "redelijk", Street: "Teststraat 1", Postcode: "3563 AB", City: "Utrecht"})
		must(err)
		_, err = s.AddMember(As(lead), fam.ID, regie.MemberInput{GivenName: "Sandra", FamilyName: name[6:], BirthDate: "1985-04-12", Relation: "ouder"})
		must(err)
		_, err = s.AddMember(As(lead), fam.ID, regie.MemberInput{GivenName: "Kevin", FamilyName: name[6:], BirthDate: "2012-09-30", Relation: "kind"})
		must(err)
		must(s.AssignFamily(As(lead), fam.ID, regie.AssignInput{CoordinatorID: cm.ID}))
		fam, err = s.FindFamilyByID(As(lead), fam.ID)
		must(err)
		return fam
	}
	f.FamAssigned = family(f.TeamLeader, f.TeamA, "Gezin Jansen", f.Casemanager)
	f.FamTeam = family(f.TeamLeader, f.TeamA, "Gezin Pietersen", f.Casemanager2)
	f.FamOther = family(f.TeamLeaderB, f.TeamB, "Gezin Yilmaz", f.CasemanagerB)
	return f
}

// ProcessTempDir makes a directory, named by prefix and the process id,
// for a benchmark database that every benchmark of the process shares: it
// lives as long as the process. As no hook runs at exit, directories of
// earlier processes that are gone are removed here.
func ProcessTempDir(tb testing.TB, prefix string) string {
	tb.Helper()
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), prefix+"*"))
	for _, dir := range old {
		pid, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(filepath.Base(dir), prefix), "-", 2)[0])
		if err == nil && pid != os.Getpid() && syscall.Kill(pid, 0) == syscall.ESRCH {
			os.RemoveAll(dir)
		}
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", prefix, os.Getpid()))
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}
