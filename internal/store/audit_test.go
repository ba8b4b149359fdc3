package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

// busyLog builds the fixture and has several users read families, so that
// many chains hold a handful of rows.
func busyLog(t *testing.T, s *store.Store) *storetest.Fixture {
	t.Helper()
	f := storetest.NewFixture(t, s)
	for range 3 {
		for _, u := range []*regie.User{f.Casemanager, f.Casemanager2, f.CasemanagerB, f.TeamLeader, f.TeamLeaderB, f.YouthWorker} {
			for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
				_, _ = s.FindFamilyByID(storetest.As(u), fam.ID) // allowed or denied, each is logged
			}
		}
	}
	return f
}

// anchorsNow returns the current heads as anchors, as the anchor file
// would hold them.
func anchorsNow(t *testing.T, s *store.Store) []regie.AuditAnchor {
	t.Helper()
	heads, err := s.AuditHeads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var as []regie.AuditAnchor
	for i, h := range heads {
		if h.Seq > 0 {
			as = append(as, regie.AuditAnchor{AuditHead: h, Time: storetest.Start, Line: i + 1})
		}
	}
	return as
}

// chainsBySize returns the chains with at least min rows, busiest first.
func chainsBySize(t *testing.T, s *store.Store, min int) []int {
	t.Helper()
	rows, err := s.DB().Query(`SELECT chain FROM audit GROUP BY chain HAVING count(*) >= $1 ORDER BY count(*) DESC, chain`, min)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cs []int
	for rows.Next() {
		var c int
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cs
}

// finding is the part of a finding the tests compare.
type finding struct {
	Kind         regie.FindingKind
	Chain        int
	Seq, LastSeq int64
	HeadSeq      int64
}

func findings(rep *regie.AuditReport) []finding {
	var out []finding
	for _, f := range rep.Findings {
		out = append(out, finding{Kind: f.Kind, Chain: f.Chain, Seq: f.Seq, LastSeq: f.LastSeq, HeadSeq: f.HeadSeq})
	}
	return out
}

func lastSeq(t *testing.T, s *store.Store, chain int) int64 {
	t.Helper()
	rows := storetest.AuditChain(t, s.DB(), chain)
	return rows[len(rows)-1].Seq
}

func TestAudit_RowsAreKeyed(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		busyLog(t, s)
		var plain int
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit WHERE hash NOT LIKE 'h2:k1:%'`).Scan(&plain); err != nil {
			t.Fatal(err)
		}
		if plain != 0 {
			t.Fatalf("%d rows without a keyed hash", plain)
		}
		rep, err := s.VerifyAudit(context.Background(), anchorsNow(t, s))
		if err != nil || !rep.OK() {
			t.Fatalf("verify = %+v, %v", rep, err)
		}
		if rep.Keyed != rep.Rows || rep.Anchors == 0 {
			t.Fatalf("keyed %d of %d rows, %d anchors", rep.Keyed, rep.Rows, rep.Anchors)
		}
	})
}

// TestAudit_VerifyReportsEveryBreak plays the insider on several chains
// at once; verify reports each break, not just the first.
func TestAudit_VerifyReportsEveryBreak(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		busyLog(t, s)
		anchors := anchorsNow(t, s)
		cs := chainsBySize(t, s, 5)
		if len(cs) < 5 {
			t.Fatalf("only %d chains with 5 rows or more", len(cs))
		}
		sha, wrongKey, unknownKey, cut, gone := cs[0], cs[1], cs[2], cs[3], cs[4]
		last := map[int]int64{}
		for _, c := range cs[:5] {
			last[c] = lastSeq(t, s, c)
		}
		storetest.DropAuditGuards(t, s.DB(), s.Dialect() == "postgres")

		// Remove row 3 and recompute the rest: with plain SHA-256, with a
		// key of the right name but not regie's, with a key of its own.
		storetest.RemoveAuditRowAndRecompute(t, s.DB(), sha, 3, store.AuditHashV1)
		other, err := keys.Parse([]byte("k1 " + strings.Repeat("cd", 32)))
		if err != nil {
			t.Fatal(err)
		}
		storetest.RemoveAuditRowAndRecompute(t, s.DB(), wrongKey, 3, store.NewAuditKey(other).Hash)
		k9, _ := keys.Parse([]byte("k9 " + strings.Repeat("ef", 32)))
		storetest.RemoveAuditRowAndRecompute(t, s.DB(), unknownKey, 3, store.NewAuditKey(k9).Hash)
		// Remove the two newest rows and move the head back.
		storetest.RemoveNewestAuditRows(t, s.DB(), cut, 2)
		// Remove a middle row and leave the rest.
		if _, err := s.DB().Exec(`DELETE FROM audit WHERE chain = $1 AND seq = 2`, gone); err != nil {
			t.Fatal(err)
		}

		rep, err := s.VerifyAudit(ctx, anchors)
		if err != nil {
			t.Fatal(err)
		}
		want := []finding{
			{Kind: regie.FindingUnkeyed, Chain: sha, Seq: 3, LastSeq: last[sha] - 1},
			{Kind: regie.FindingAnchorMissing, Chain: sha, Seq: last[sha], LastSeq: last[sha]},
			{Kind: regie.FindingChanged, Chain: wrongKey, Seq: 3, LastSeq: last[wrongKey] - 1},
			{Kind: regie.FindingAnchorMissing, Chain: wrongKey, Seq: last[wrongKey], LastSeq: last[wrongKey]},
			{Kind: regie.FindingUnknownKey, Chain: unknownKey, Seq: 3, LastSeq: last[unknownKey] - 1},
			{Kind: regie.FindingAnchorMissing, Chain: unknownKey, Seq: last[unknownKey], LastSeq: last[unknownKey]},
			{Kind: regie.FindingAnchorMissing, Chain: cut, Seq: last[cut], LastSeq: last[cut]},
			{Kind: regie.FindingMissingRows, Chain: gone, Seq: 2, LastSeq: 2, HeadSeq: 3},
		}
		got := findings(rep)
		byChain := func(a, b finding) int {
			if a.Chain != b.Chain {
				return a.Chain - b.Chain
			}
			return strings.Compare(string(a.Kind), string(b.Kind))
		}
		slices.SortFunc(want, byChain)
		slices.SortFunc(got, byChain)
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("findings (-want +got):\n%s", d)
		}
		for _, f := range rep.Findings {
			if m := f.Message(); !strings.HasPrefix(m, "keten ") || strings.Contains(m, "\n") {
				t.Errorf("message %q", m)
			}
		}

		// Without the anchors, the shortened chain is a valid chain: the
		// residual window of rows written after the last anchor.
		rep, err = s.VerifyAudit(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if f.Chain == cut {
				t.Errorf("without anchors: %s", f.Message())
			}
		}
	})
}

// TestAudit_UnkeyedChainsGoOnKeyed: a chain written before regie had keys
// (plain SHA-256) verifies, goes on with keyed rows, and may not switch
// back.
func TestAudit_UnkeyedChainsGoOnKeyed(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		f := storetest.NewFixture(t, s)
		chain := int(f.TeamLeader.ID % 16)
		storetest.DropAuditGuards(t, s.DB(), s.Dialect() == "postgres")
		storetest.RecomputeAuditRows(t, s.DB(), chain, 1, store.AuditHashV1)
		old := int64(len(storetest.AuditChain(t, s.DB(), chain)))

		for range 2 {
			if _, err := s.FindFamilyByID(storetest.As(f.TeamLeader), f.FamAssigned.ID); err != nil {
				t.Fatal(err)
			}
		}
		rows := storetest.AuditChain(t, s.DB(), chain)
		if e := rows[len(rows)-1]; !strings.HasPrefix(e.Hash, "h2:k1:") || e.PrevHash != rows[len(rows)-2].Hash {
			t.Fatalf("the next row is %+v", e)
		}
		rep, err := s.VerifyAudit(ctx, anchorsNow(t, s))
		if err != nil || !rep.OK() || rep.Keyed != rep.Rows-old {
			t.Fatalf("verify = %+v, %v (unkeyed rows %d)", rep, err, old)
		}

		// Back to unkeyed at the newest row: refused.
		storetest.RecomputeAuditRows(t, s.DB(), chain, int64(len(rows)), store.AuditHashV1)
		rep, err = s.VerifyAudit(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := findings(rep); len(got) != 1 || got[0].Kind != regie.FindingUnkeyed || got[0].Seq != int64(len(rows)) {
			t.Fatalf("findings = %+v", got)
		}
	})
}

// TestAudit_HeadsOnlyMoveForward: the database refuses to wind a chain's
// head back, to rewrite it in place, or to remove it.
func TestAudit_HeadsOnlyMoveForward(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		chain := int(f.TeamLeader.ID % 16)
		for _, q := range []string{
			`UPDATE audit_heads SET seq = seq - 1 WHERE chain = $1`,
			`UPDATE audit_heads SET hash = 'x' WHERE chain = $1`,
			`DELETE FROM audit_heads WHERE chain = $1`,
		} {
			if _, err := s.DB().Exec(q, chain); err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
		if s.Dialect() == "postgres" {
			for _, q := range []string{`TRUNCATE audit`, `TRUNCATE audit_heads`} {
				if _, err := s.DB().Exec(q); err == nil {
					t.Errorf("%s: allowed", q)
				}
			}
		}
		rep, err := s.VerifyAudit(context.Background(), nil)
		if err != nil || !rep.OK() {
			t.Fatalf("verify = %+v, %v", rep, err)
		}
	})
}

// BenchmarkAuditHash compares the keyed hash of a new row with the
// unkeyed one it replaces.
func BenchmarkAuditHash(b *testing.B) {
	e := &regie.AuditEntry{Chain: 3, Seq: 120, Time: storetest.Start, UserID: 51, Role: regie.RoleCasemanager, Action: regie.ActionRead,
		Outcome: regie.OutcomeOK, FamilyID: 7, IP: "192.0.2.10", UserAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", Basis: "coördinator",
		Segment: regie.SegFamily, PrevHash: "h2:k1:" + strings.Repeat("ab", 32)}
	k := store.NewAuditKey(keys.ForTest())
	b.Run("v1-sha256", func(b *testing.B) {
		for b.Loop() {
			store.AuditHashV1(e)
		}
	})
	b.Run("v2-hmac", func(b *testing.B) {
		for b.Loop() {
			k.Hash(e)
		}
	})
}

// TestAudit_NoKeysNoAccess: a store opened without the key file writes no
// unkeyed audit rows, and so does nothing that needs one.
func TestAudit_NoKeysNoAccess(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, t.TempDir()+"/regie.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateOrganisation(storetest.System(), "Stade Profiel", true); err == nil || !strings.Contains(err.Error(), "without keys") {
		t.Fatalf("CreateOrganisation without keys: %v", err)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM organisations`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("organisations: %d, %v", n, err)
	}
}

// TestAudit_NoUnkeyedRowAfterAnAnchor: a chain that was unkeyed (written
// before regie had keys) takes no unkeyed row after its anchored head:
// only a regie with keys anchors, and it writes keyed rows.
func TestAudit_NoUnkeyedRowAfterAnAnchor(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		f := storetest.NewFixture(t, s)
		chain := int(f.TeamLeaderB.ID % 16)
		storetest.DropAuditGuards(t, s.DB(), s.Dialect() == "postgres")
		storetest.RecomputeAuditRows(t, s.DB(), chain, 1, store.AuditHashV1)
		anchors := anchorsNow(t, s)
		if rep, err := s.VerifyAudit(ctx, anchors); err != nil || !rep.OK() {
			t.Fatalf("verify = %+v, %v", rep, err)
		}
		seq := storetest.AppendAuditRow(t, s.DB(), chain, store.AuditHashV1)
		rep, err := s.VerifyAudit(ctx, anchors)
		if err != nil {
			t.Fatal(err)
		}
		if got := findings(rep); len(got) != 1 || got[0].Kind != regie.FindingUnkeyed || got[0].Chain != chain || got[0].Seq != seq {
			t.Fatalf("findings = %+v", got)
		}
	})
}

// TestAudit_ABusyChainIsNotWaitedFor holds the head of a casemanager's own
// chain, as another of her requests would until it commits: her next page
// view writes its row on a free chain instead of waiting (PostgreSQL; on
// SQLite one writer at a time is the design). The chains still verify,
// the row on another chain included.
func TestAudit_ABusyChainIsNotWaitedFor(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if s.Dialect() != "postgres" {
			t.Skip("SQLite writes one transaction at a time")
		}
		f := storetest.NewFixture(t, s)
		own := int(f.Casemanager.ID % 16)
		holder, err := s.DB().BeginTx(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer holder.Rollback() //nolint:errcheck // rolled back below; a no-op then
		var seq int64
		if err := holder.QueryRow(`SELECT seq FROM audit_heads WHERE chain = $1 FOR UPDATE`, own).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		// Bounded, so a regression fails instead of hanging the run.
		ctx, cancel := context.WithTimeout(storetest.As(f.Casemanager), time.Minute)
		defer cancel()
		if _, err := s.FindFamilyByID(ctx, f.FamAssigned.ID); err != nil {
			t.Fatalf("page view while the own chain is busy: %v", err)
		}
		var chain int
		if err := s.DB().QueryRow(`SELECT chain FROM audit WHERE user_id = $1 AND family_id = $2 ORDER BY id DESC LIMIT 1`,
			f.Casemanager.ID, f.FamAssigned.ID).Scan(&chain); err != nil {
			t.Fatal(err)
		}
		if chain == own {
			t.Fatalf("the row went to the busy chain %d", own)
		}
		if err := holder.Rollback(); err != nil {
			t.Fatal(err)
		}
		// Free again: the next view takes the own chain.
		if _, err := s.FindFamilyByID(ctx, f.FamAssigned.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DB().QueryRow(`SELECT chain FROM audit WHERE user_id = $1 AND family_id = $2 ORDER BY id DESC LIMIT 1`,
			f.Casemanager.ID, f.FamAssigned.ID).Scan(&chain); err != nil {
			t.Fatal(err)
		}
		if chain != own {
			t.Fatalf("with the own chain free the row went to chain %d, want %d", chain, own)
		}
		rep, err := s.VerifyAudit(context.Background(), anchorsNow(t, s))
		if err != nil || !rep.OK() {
			t.Fatalf("verify = %+v, %v", rep, err)
		}
	})
}
