package store_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"regie"
	"regie/internal/demo"
	"regie/internal/password"
	"regie/internal/store"
	"regie/internal/storetest"
)

func familyExists(t *testing.T, s *store.Store, id int64) bool {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM families WHERE id = $1`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// Twenty-five simulated years: files closed in different years, a legal
// hold placed and lifted, one never lifted, a request to destroy granted
// and one refused. Every year the run goes: nothing is destroyed before
// it is due and approved, everything due and approved is, a held file is
// kept, and the access log still verifies.
func TestRetention_TwentyFiveYears(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		po, tl, tlb := storetest.As(f.Privacy), storetest.As(f.TeamLeader), storetest.As(f.TeamLeaderB)
		sys := storetest.System()
		// A fourth family, whose member asks for destruction.
		famD, err := s.CreateFamily(tl, regie.FamilyInput{HouseholdName: "Gezin Dekker", DistrictID: f.TeamA.Districts[0].ID,
			DutchProficiency: "goed", Street: "Dekkerstraat 4", Postcode: "3563 AB", City: "Utrecht"})
		if err != nil {
			t.Fatal(err)
		}
		parentD, err := s.AddMember(tl, famD.ID, regie.MemberInput{GivenName: "Mila", FamilyName: "Dekker", BirthDate: "1990-01-01", Relation: "ouder"})
		if err != nil {
			t.Fatal(err)
		}
		a, b, c, d := f.FamAssigned.ID, f.FamTeam.ID, f.FamOther.ID, famD.ID
		gone := map[int64]int{} // family → the year it must be destroyed
		year := 0
		at := func(y int) {
			year = y
			clock.Set(storetest.Start.AddDate(y, 0, 0).Add(2 * 3600e9))
		}
		mustOK := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("year %d: %v", year, err)
			}
		}
		refusesApproval := func(id int64) {
			t.Helper()
			if _, err := s.ApproveDestruction(po, []int64{id}); regie.ErrorCode(err) != regie.EINVALID {
				t.Fatalf("year %d: approving %d = %v, want EINVALID", year, id, err)
			}
		}
		for y := 0; y <= 25; y++ {
			at(y)
			switch y {
			case 0:
				mustOK(s.CloseFamily(tl, a, "Doelen bereikt."))
				// An open file has no retention date and cannot be approved.
				refusesApproval(b)
			case 1:
				mustOK(s.CloseFamily(tl, d, "Doelen bereikt."))
			case 2:
				mustOK(s.CloseFamily(tl, b, "Verhuisd."))
			case 4:
				// Mila asks to destroy; granted, it is destroyed by the
				// next run, 16 years before its term.
				id, err := s.RecordDestructionRequest(po, regie.DestructionRequestInput{FamilyID: d, MemberID: parentD.ID,
					ReceivedOn: regie.DateOf(clock.Now()).AddDays(-10).ISO(), What: "Het hele dossier."})
				mustOK(err)
				mustOK(s.DecideDestructionRequest(po, id, regie.RequestDecision{Outcome: regie.RequestGranted}))
				gone[d] = 4
			case 5:
				mustOK(s.CloseFamily(tlb, c, "Doelen bereikt."))
				// A refused request changes nothing.
				_, members, err := s.FindRequestMembers(po, b)
				mustOK(err)
				id, err := s.RecordDestructionRequest(po, regie.DestructionRequestInput{FamilyID: b, MemberID: members[0].ID,
					ReceivedOn: regie.DateOf(clock.Now()).ISO(), What: "Alles over mij."})
				mustOK(err)
				mustOK(s.DecideDestructionRequest(po, id, regie.RequestDecision{Outcome: regie.RequestRefused,
					Exception: regie.ExceptionOtherInterest, Reason: "Het dossier gaat ook over de kinderen."}))
			case 10:
				mustOK(s.PlaceHold(po, a, "Lopende rechtszaak over de omgang."))
			case 15:
				mustOK(s.PlaceHold(po, c, "Verzoek van de rechtbank om te bewaren."))
			case 19:
				// Within a year of its date: shown as coming, not approvable.
				r, err := s.FindRetention(po)
				mustOK(err)
				if !slices.ContainsFunc(r.Soon, func(f *regie.RetentionFile) bool { return f.FamilyID == a }) &&
					!slices.ContainsFunc(r.Held, func(f *regie.RetentionFile) bool { return f.FamilyID == a }) {
					t.Fatalf("year 19: family %d neither soon nor held", a)
				}
				refusesApproval(b)
			case 20:
				// Due, but held.
				refusesApproval(a)
			case 21:
				refusesApproval(b) // due on its day in year 22
				mustOK(s.LiftHold(po, a, "Rechtszaak afgerond."))
				_, err := s.ApproveDestruction(po, []int64{a})
				mustOK(err)
				gone[a] = 21
			case 22:
				r, err := s.FindRetention(po)
				mustOK(err)
				if !slices.ContainsFunc(r.Due, func(f *regie.RetentionFile) bool { return f.FamilyID == b }) {
					t.Fatalf("year 22: family %d not due", b)
				}
				// Approved but not yet run: the file is still there.
				_, err = s.ApproveDestruction(po, []int64{b})
				mustOK(err)
				if !familyExists(t, s, b) {
					t.Fatal("approval destroyed the file before the run")
				}
				gone[b] = 22
			case 25:
				refusesApproval(c) // due, but held for ever
			}
			run, err := s.RunRetention(sys)
			mustOK(err)
			for _, id := range []int64{a, b, c, d} {
				g, planned := gone[id]
				want := !planned || g > y
				if got := familyExists(t, s, id); got != want {
					t.Fatalf("year %d: family %d exists = %v, want %v (run %+v)", y, id, got, want, run)
				}
				if planned && g == y && !slices.Contains(run.Families, id) {
					t.Fatalf("year %d: the run's report %v lacks family %d", y, run.Families, id)
				}
			}
		}
		// The tombstones: numbers, dates and the legal basis, nothing else.
		rows, err := s.DB().Query(`SELECT family_id, legal_basis FROM destroyed_families ORDER BY family_id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		bases := map[int64]string{}
		for rows.Next() {
			var id int64
			var basis string
			if err := rows.Scan(&id, &basis); err != nil {
				t.Fatal(err)
			}
			bases[id] = basis
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		want := map[int64]string{a: "jeugdwet_7.3.8", b: "jeugdwet_7.3.8", d: "jeugdwet_7.3.9"}
		if fmt.Sprint(bases) != fmt.Sprint(want) {
			t.Fatalf("tombstones = %v, want %v", bases, want)
		}
		// The destruction of each file is in its own log.
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit WHERE action = 'destroy' AND outcome = 'ok' AND family_id IN ($1, $2, $3)`, a, b, d).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Fatalf("%d destruction rows in the access log, want 3", n)
		}
		rep, err := s.VerifyAudit(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() {
			t.Fatalf("access log after destruction: %+v", rep.Findings)
		}
		// A new family never takes a destroyed one's number.
		e, err := s.CreateFamily(tl, regie.FamilyInput{HouseholdName: "Gezin Nieuw", DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed"})
		if err != nil {
			t.Fatal(err)
		}
		if _, taken := bases[e.ID]; taken {
			t.Fatalf("new family got destroyed number %d", e.ID)
		}
	})
}

// Only the privacy officer reads the page and decides; the command line
// only runs; every refusal is in the log.
func TestRetention_OnlyThePrivacyOfficer(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		for _, u := range []*regie.User{f.Casemanager, f.TeamLeader, f.Admin, f.Partner1} {
			ctx := storetest.As(u)
			if _, err := s.FindRetention(ctx); regie.ErrorCode(err) != regie.EFORBIDDEN {
				t.Fatalf("%s reads retention: %v", u.Role, err)
			}
			if err := s.PlaceHold(ctx, f.FamAssigned.ID, "x"); regie.ErrorCode(err) != regie.EFORBIDDEN {
				t.Fatalf("%s places a hold: %v", u.Role, err)
			}
			if _, err := s.RunRetention(ctx); regie.ErrorCode(err) != regie.EFORBIDDEN {
				t.Fatalf("%s runs retention: %v", u.Role, err)
			}
			if _, _, _, _, _, fam := lastAudit(t, s); fam != f.FamAssigned.ID && fam != 0 {
				t.Fatalf("denied attempt logged for family %d", fam)
			}
		}
		if _, err := s.FindRetention(storetest.System()); regie.ErrorCode(err) != regie.EFORBIDDEN {
			t.Fatalf("the command line reads retention: %v", err)
		}
		// A hold needs a reason.
		if err := s.PlaceHold(storetest.As(f.Privacy), f.FamAssigned.ID, " "); regie.ErrorCode(err) != regie.EINVALID {
			t.Fatalf("hold without reason: %v", err)
		}
	})
}

// After destruction no table holds the family's content: every column of
// every table (text and blobs, the signed consent's scan among them) is
// searched for the demo family's names and address, read from the schema
// of each database. The one exception is the access log's detail column,
// which the law keeps under its own term and which may hold what a user
// typed (a search for the family's name, a closing reason); its other
// columns hold no names.
func TestRetention_NothingLeftAfterDestruction(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		hasher := password.NewHasher(password.Params{MemoryKiB: 64, Time: 1, Threads: 1}, 2)
		if err := demo.Seed(ctx, s, hasher, clock); err != nil {
			t.Fatal(err)
		}
		var famID int64
		var household, street string
		if err := s.DB().QueryRow(`SELECT id, household_name, street FROM families WHERE closed_at IS NOT NULL ORDER BY id LIMIT 1`).
			Scan(&famID, &household, &street); err != nil {
			t.Fatalf("the demo's closed family: %v", err)
		}
		needles := []string{household, street}
		mrows, err := s.DB().Query(`SELECT given_name, family_name FROM members WHERE family_id = $1`, famID)
		if err != nil {
			t.Fatal(err)
		}
		for mrows.Next() {
			var g, fn string
			if err := mrows.Scan(&g, &fn); err != nil {
				t.Fatal(err)
			}
			needles = append(needles, g+" "+fn, fn)
		}
		mrows.Close()
		if err := mrows.Err(); err != nil {
			t.Fatal(err)
		}
		before := findEverywhere(t, s, needles)
		if len(before) < 5 || !slices.Contains(before, "documents.content") || !slices.Contains(before, "members.family_name") {
			t.Fatalf("the search found the family in only %v before destruction: it cannot see (the signed paper's scan among them)", before)
		}
		t.Logf("the family's names and address before destruction: %v", before)
		var privacyID int64
		if err := s.DB().QueryRow(`SELECT id FROM users WHERE role = 'privacy_officer' ORDER BY id LIMIT 1`).Scan(&privacyID); err != nil {
			t.Fatal(err)
		}
		po := regie.NewContextWithActor(ctx, &regie.Actor{UserID: privacyID, Name: "FG", Role: regie.RolePrivacy})
		clock.Set(clock.Now().AddDate(regie.RetentionYears+1, 0, 0))
		if _, err := s.ApproveDestruction(po, []int64{famID}); err != nil {
			t.Fatal(err)
		}
		run, err := s.RunRetention(storetest.System())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(run.Families, famID) || len(run.Counts) < 5 {
			t.Fatalf("run = %+v", run)
		}
		for _, hit := range findEverywhere(t, s, needles) {
			if hit != "audit.detail" {
				t.Errorf("after destruction the family's content is still in %s", hit)
			}
		}
		rep, err := s.VerifyAudit(ctx, nil)
		if err != nil || !rep.OK() {
			t.Fatalf("audit verify after destruction: %v %+v", err, rep)
		}
	})
}

// findEverywhere returns the table.column of every column of every table
// that holds one of the needles (in text or bytes).
func findEverywhere(t *testing.T, s *store.Store, needles []string) []string {
	t.Helper()
	var q string
	if s.Dialect() == "sqlite" {
		q = `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1, 2`
	} else {
		q = `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition)
			AND data_type IN ('text', 'bytea', 'character varying', 'json', 'jsonb') ORDER BY 1, 2`
	}
	rows, err := s.DB().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	type col struct{ table, column string }
	var cols []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.table, &c.column); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	hits := map[string]bool{}
	for _, c := range cols {
		r, err := s.DB().Query(`SELECT "` + c.column + `" FROM "` + c.table + `"`)
		if err != nil {
			t.Fatalf("%s.%s: %v", c.table, c.column, err)
		}
		for r.Next() {
			var v any
			if err := r.Scan(&v); err != nil {
				t.Fatal(err)
			}
			var b []byte
			switch v := v.(type) {
			case string:
				b = []byte(v)
			case []byte:
				b = v
			default:
				continue
			}
			for _, n := range needles {
				if n != "" && bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(n))) {
					hits[c.table+"."+c.column] = true
				}
			}
		}
		r.Close()
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
	}
	out := make([]string, 0, len(hits))
	for h := range hits {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

// Every table that holds a family's or a member's rows — a family_id or
// member_id column, a foreign key to families or members, or a foreign
// key to such a table — is removed by destruction or kept for a stated
// reason. A table added later fails here until destruction covers it.
func TestRetention_EveryFamilyTableHandled(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		var cq, fq string
		if s.Dialect() == "sqlite" {
			cq = `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'`
			fq = `SELECT m.name, f."table" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`
		} else {
			cq = `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition)`
			fq = `SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc
				JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
				WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`
		}
		pairs := func(q string) [][2]string {
			rows, err := s.DB().Query(q)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out [][2]string
			for rows.Next() {
				var p [2]string
				if err := rows.Scan(&p[0], &p[1]); err != nil {
					t.Fatal(err)
				}
				out = append(out, p)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			return out
		}
		family := map[string]bool{"families": true, "members": true}
		for _, c := range pairs(cq) {
			if c[1] == "family_id" || c[1] == "member_id" || strings.HasSuffix(c[1], "_member_id") {
				family[c[0]] = true
			}
		}
		fks := pairs(fq)
		for changed := true; changed; {
			changed = false
			for _, fk := range fks {
				if family[fk[1]] && !family[fk[0]] {
					family[fk[0]], changed = true, true
				}
			}
		}
		removed, kept := store.DestructionPlan()
		for table := range family {
			if !slices.Contains(removed, table) && kept[table] == "" {
				t.Errorf("table %s holds a family's or member's rows but destruction neither removes nor keeps it (internal/store/retention.go)", table)
			}
		}
	})
}
