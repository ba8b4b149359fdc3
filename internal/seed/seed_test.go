package seed_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"regie"
	"regie/internal/seed"
	"regie/internal/store"
	"regie/internal/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func count(t *testing.T, s *store.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func verifyAudit(t *testing.T, s *store.Store) int64 {
	t.Helper()
	rep, err := s.VerifyAudit(context.Background())
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	if rep.Broken != nil {
		t.Fatalf("VerifyAudit: broken at chain %d row %d (id %d): %s", rep.Broken.Chain, rep.Broken.Seq, rep.Broken.ID, rep.Reason)
	}
	return rep.Rows
}

func TestGenerate(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		var progress bytes.Buffer
		if err := seed.Generate(ctx, s, seed.Options{Families: 300, Seed: 7, Now: clock.Now(), Progress: &progress}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(progress.String(), "\rgezinnen: 300/300") {
			t.Errorf("progress does not count the families:\n%q", progress.String())
		}

		// Counts: one team (300/800 rounds up to one), 11 casemanagers
		// (≈ 28 families each), a team leader, a youth worker, an
		// administrator and a privacy officer.
		if n := count(t, s, `SELECT count(*) FROM families`); n != 300 {
			t.Errorf("families = %d, want 300", n)
		}
		if n := count(t, s, `SELECT count(*) FROM teams`); n != 1 {
			t.Errorf("teams = %d, want 1", n)
		}
		if n := count(t, s, `SELECT count(*) FROM districts`); n < 2 || n > 4 {
			t.Errorf("districts = %d, want 2–4", n)
		}
		if n := count(t, s, `SELECT count(*) FROM users WHERE role = 'casemanager'`); n != 11 {
			t.Errorf("casemanagers = %d, want 11", n)
		}
		if n := count(t, s, `SELECT count(*) FROM users`); n != 15 {
			t.Errorf("users = %d, want 15", n)
		}
		if n := count(t, s, `SELECT count(*) FROM families f WHERE (SELECT count(*) FROM members m WHERE m.family_id = f.id) NOT BETWEEN 2 AND 7`); n != 0 {
			t.Errorf("%d families without 2–7 members", n)
		}
		if n := count(t, s, `SELECT count(*) FROM members WHERE ended_on IS NOT NULL`); n == 0 {
			t.Error("no member has left a household")
		}

		// Every family has exactly one current coordinator, a casemanager
		// of its own team, and each casemanager has 25–30 families.
		if n := count(t, s, `SELECT count(*) FROM families f WHERE (SELECT count(*) FROM assignments a
			JOIN users u ON u.id = a.user_id AND u.role = 'casemanager' AND u.team_id = f.team_id
			WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL) <> 1`); n != 0 {
			t.Errorf("%d families without exactly one current coordinator of their team", n)
		}
		if n := count(t, s, `SELECT count(*) FROM (SELECT a.user_id FROM assignments a WHERE a.kind = 'regisseur' AND a.ended_on IS NULL
			GROUP BY a.user_id HAVING count(*) NOT BETWEEN 25 AND 30) x`); n != 0 {
			t.Errorf("%d casemanagers without 25–30 families", n)
		}
		if n := count(t, s, `SELECT count(*) FROM assignments WHERE kind = 'duo' AND ended_on IS NULL`); n == 0 {
			t.Error("no family has a duo partner")
		}

		// Ages fit the roles.
		rows, err := s.DB().Query(`SELECT relation, birth_date FROM members`)
		if err != nil {
			t.Fatal(err)
		}
		today := regie.DateOf(clock.Now())
		for rows.Next() {
			var rel string
			var birth any
			if err := rows.Scan(&rel, &birth); err != nil {
				t.Fatal(err)
			}
			d := parseDate(t, birth)
			age := d.YearsOn(today)
			if rel == "ouder" && (age < 20 || age > 60) || rel == "kind" && (age < 0 || age > 24) {
				t.Errorf("%s born %s is %d", rel, d, age)
			}
		}
		rows.Close()

		// The search text is what the store would keep.
		var id int64
		var text string
		if err := s.DB().QueryRow(`SELECT id, search_text FROM families ORDER BY id LIMIT 1`).Scan(&id, &text); err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(text, " | ")
		if len(parts) < 3 || !strings.HasPrefix(parts[0], "gezin ") || parts[0] != strings.ToLower(parts[0]) {
			t.Errorf("search text %q", text)
		}

		// A casemanager finds their families through the store.
		cms, err := s.FindUsers(ctx, regie.UserFilter{Role: ptr(regie.RoleCasemanager)})
		if err != nil {
			t.Fatal(err)
		}
		cm := cms[0]
		want := ids(t, s, `SELECT family_id FROM assignments WHERE user_id = $1 AND ended_on IS NULL ORDER BY family_id`, cm.ID)
		list, total, err := s.FindFamilies(storetest.As(cm), regie.FamilyFilter{Scope: regie.ScopeMine, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, f := range list {
			got = append(got, f.ID)
		}
		sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
		if total != len(want) || !equal(got, want) {
			t.Errorf("FindFamilies(mine) = %v (total %d), want %v", got, total, want)
		}
		fam, err := s.FindFamilyByID(storetest.As(cm), want[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(fam.Members) < 2 || fam.Coordinator() == nil && fam.Duo() == nil {
			t.Errorf("family %d: %d members, coordinator %v", fam.ID, len(fam.Members), fam.Coordinator())
		}

		// The access log verifies, and holds the generated rows plus the
		// two reads above.
		n := verifyAudit(t, s)
		if n < 300*8 || n != int64(count(t, s, `SELECT count(*) FROM audit`)) {
			t.Errorf("VerifyAudit checked %d rows", n)
		}

		// A second run is refused.
		if err := seed.Generate(ctx, s, seed.Options{Families: 10, Now: clock.Now()}); err == nil || !strings.Contains(err.Error(), "already has 300 families") {
			t.Errorf("second Generate: %v", err)
		}
	})
}

// TestGenerateForce seeds a database that already has data and an access
// log: the ids and the hash chains continue, and regie's own writes after
// it (new ids from PostgreSQL's sequences, new audit rows) still work.
func TestGenerateForce(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		fx := storetest.NewFixture(t, s)
		if err := seed.Generate(ctx, s, seed.Options{Families: 50, Now: clock.Now()}); err == nil {
			t.Fatal("Generate on a database with families did not refuse")
		}
		if err := seed.Generate(ctx, s, seed.Options{Families: 50, Teams: 2, CasemanagersPerTeam: 3, Seed: 1, Now: clock.Now(), Force: true}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT count(*) FROM families`); n != 53 {
			t.Errorf("families = %d, want 53", n)
		}
		if n := count(t, s, `SELECT count(*) FROM organisations WHERE own = $1`, true); n != 1 {
			t.Errorf("own organisations = %d, want the fixture's one", n)
		}
		verifyAudit(t, s)
		fam, err := s.CreateFamily(storetest.As(fx.TeamLeader), regie.FamilyInput{HouseholdName: "Gezin Na", DistrictID: fx.TeamA.Districts[0].ID, DutchProficiency: "goed"})
		if err != nil {
			t.Fatalf("CreateFamily after seeding: %v", err)
		}
		if _, err := s.AddMember(storetest.As(fx.TeamLeader), fam.ID, regie.MemberInput{GivenName: "Ina", FamilyName: "Na", BirthDate: "1990-01-01", Relation: "ouder"}); err != nil {
			t.Fatalf("AddMember after seeding: %v", err)
		}
		verifyAudit(t, s)
	})
}

// TestGenerateDeterministic: the same seed and moment give the same data.
func TestGenerateDeterministic(t *testing.T) {
	clock := storetest.NewClock(storetest.Start)
	dump := func(seedValue int64) string {
		s := storetest.OpenSQLite(t, clock)
		if err := seed.Generate(context.Background(), s, seed.Options{Families: 40, Seed: seedValue, Now: clock.Now()}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, q := range []string{
			`SELECT id || household_name || street || postcode || search_text || created_at FROM families ORDER BY id`,
			`SELECT id || family_id || user_id || kind || started_on FROM assignments ORDER BY id`,
			`SELECT hash FROM audit ORDER BY id`,
		} {
			rows, err := s.DB().Query(q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v string
				rows.Scan(&v)
				b.WriteString(v + "\n")
			}
			rows.Close()
		}
		return b.String()
	}
	a, b, c := dump(3), dump(3), dump(4)
	if a != b {
		t.Error("two runs with the same seed differ")
	}
	if a == c {
		t.Error("two runs with different seeds are the same")
	}
}

func TestGenerateNeedsSchema(t *testing.T) {
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "leeg.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := seed.Generate(context.Background(), s, seed.Options{Families: 1}); err == nil {
		t.Error("Generate on an empty schema did not fail")
	}
}

func ids(t *testing.T, s *store.Store, q string, args ...any) []int64 {
	t.Helper()
	rows, err := s.DB().Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

func parseDate(t *testing.T, v any) regie.Date {
	t.Helper()
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case interface{ Format(string) string }:
		s = v.Format("2006-01-02")
	}
	if len(s) > 10 {
		s = s[:10]
	}
	d, err := regie.ParseDate(s)
	if err != nil {
		t.Fatalf("date %v: %v", v, err)
	}
	return d
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func ptr[T any](v T) *T { return &v }
