package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"regie/internal/keys"
	"regie/internal/metrics"
	"regie/internal/store"
	"regie/internal/storetest"
)

// A job's period is claimed once: a second claim is refused, a failed run
// gives the claim up, a finished one keeps it, and an unfinished claim is
// taken over only once stale.
func TestClaimJob(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		claim := func(job, period string) bool {
			t.Helper()
			ok, err := s.ClaimJob(ctx, job, period, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !claim("retention", "2026-03-02") || claim("retention", "2026-03-02") {
			t.Fatal("first claim refused or second granted")
		}
		if !claim("session_sweep", "2026-03-02") || !claim("retention", "2026-03-03") {
			t.Fatal("another job or period is not free")
		}
		if err := s.FinishJob(ctx, "retention", "2026-03-02", false); err != nil {
			t.Fatal(err)
		}
		if !claim("retention", "2026-03-02") {
			t.Fatal("a failed run kept its claim")
		}
		if err := s.FinishJob(ctx, "retention", "2026-03-02", true); err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * time.Hour)
		if claim("retention", "2026-03-02") {
			t.Fatal("a finished run was claimed again")
		}
		// 2026-03-03 was claimed two hours ago and never finished.
		if !claim("retention", "2026-03-03") || claim("retention", "2026-03-03") {
			t.Fatal("a stale claim was not taken over exactly once")
		}
	})
}

// Two store handles on one PostgreSQL (two regie processes), claiming the
// same period at once: one wins.
func TestClaimJob_TwoHandlesOnOnePostgreSQL(t *testing.T) {
	dsn := storetest.PostgresURL(t)
	ctx := context.Background()
	var handles []*store.Store
	for range 2 {
		s, err := store.Open(ctx, dsn, store.Options{Keys: keys.ForTest()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		handles = append(handles, s)
	}
	for _, period := range []string{"2026-12-04", "2026-12-05", "2026-12-06"} {
		var mu sync.Mutex
		var wg sync.WaitGroup
		won := 0
		for i := range 8 {
			wg.Go(func() {
				ok, err := handles[i%2].ClaimJob(ctx, "retention", period, time.Hour)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					won++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if won != 1 {
			t.Errorf("%s: %d claims won, want 1", period, won)
		}
	}
}

// Failed passwords per address are counted over the last minute, from
// the address and in total.
func TestAddressFailures(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		for _, k := range []string{"a", "a", "b", "a", "c"} {
			if err := s.RecordAddressFailure(ctx, k); err != nil {
				t.Fatal(err)
			}
		}
		count := func(k string) (int, int) {
			t.Helper()
			from, total, err := s.CountAddressFailures(ctx, k, clock.Now().Add(-time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			return from, total
		}
		if from, total := count("a"); from != 3 || total != 5 {
			t.Errorf("a: %d of %d, want 3 of 5", from, total)
		}
		if from, total := count("z"); from != 0 || total != 5 {
			t.Errorf("z: %d of %d, want 0 of 5", from, total)
		}
		clock.Advance(2 * time.Minute)
		if from, total := count("a"); from != 0 || total != 0 {
			t.Errorf("a after two minutes: %d of %d, want none", from, total)
		}
	})
}

// The access-log counter in the metrics equals the rows the access log
// holds, by action and outcome; the pool state is there for the dialect.
func TestMetrics_AuditRowsAndPools(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			dsn, migrate := filepath.Join(t.TempDir(), "regie.db"), true
			if dialect == "postgres" {
				dsn, migrate = storetest.PostgresURL(t), false
			}
			reg := metrics.New()
			s, err := store.Open(ctx, dsn, store.Options{Clock: storetest.NewClock(storetest.Start), Keys: keys.ForTest(), Metrics: reg})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if migrate {
				if _, err := s.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
			}
			f := storetest.NewFixture(t, s)
			if _, err := s.FindFamilyByID(storetest.As(f.Casemanager), f.FamAssigned.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FindFamilyByID(storetest.As(f.Casemanager), f.FamOther.ID); err == nil {
				t.Fatal("read another team's family")
			}
			var b strings.Builder
			if _, err := reg.WriteTo(&b); err != nil {
				t.Fatal(err)
			}
			samples, err := metrics.Parse(strings.NewReader(b.String()))
			if err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
			rows, err := s.DB().QueryContext(ctx, `SELECT action, outcome, count(*) FROM audit GROUP BY action, outcome`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			kinds := 0
			for rows.Next() {
				var action, outcome string
				var n float64
				if err := rows.Scan(&action, &outcome, &n); err != nil {
					t.Fatal(err)
				}
				kinds++
				got := metrics.Find(samples, "regie_audit_rows_total", map[string]string{"action": action, "outcome": outcome})
				if len(got) != 1 || got[0].Value != n {
					t.Errorf("%s/%s: metrics %v, table %v", action, outcome, got, n)
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if kinds < 3 || len(metrics.Find(samples, "regie_audit_rows_total", nil)) != kinds {
				t.Errorf("%d kinds in the table, %d in the metrics", kinds, len(metrics.Find(samples, "regie_audit_rows_total", nil)))
			}
			pools := map[string][]string{"sqlite": {"write", "read"}, "postgres": {"postgres"}}[dialect]
			for _, p := range pools {
				if got := metrics.Find(samples, "regie_db_connections_max", map[string]string{"pool": p}); len(got) != 1 || got[0].Value < 1 {
					t.Errorf("pool %s: %v", p, got)
				}
			}
		})
	}
}
