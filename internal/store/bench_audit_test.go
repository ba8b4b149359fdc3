package store_test

// The per-family access-log view at city scale (issue 16): the privacy
// officer's "who read this file" (FindAuditEntries with a family: a page
// of 50 and the count) on a PostgreSQL whose audit table holds tens of
// millions of rows over five years of monthly partitions. Only when
// REGIE_BENCH_AUDIT_ROWS names the sizes, so CI never builds the rows:
//
//	REGIE_BENCH_AUDIT_ROWS=10000000,25000000,50000000 CI=true go test ./internal/store \
//	  -run '^$' -bench BenchmarkAuditFamilyLog -benchtime 2000x -timeout 120m
//
// The sizes are reached one after the other in one database (each step
// adds rows to every month), so each sub-benchmark measures the log as
// it grew. The rows are made by generate_series in the database, not by
// regie: their hashes are a fixed string of the real length and do NOT
// verify (this benchmark measures reading, not the chain). Their shape
// follows the seeded city: 25,000 families, 1,200 users, four in five
// rows name a family, one in two hundred is a denied attempt, a browser's
// user agent. The months lie in 2027–2031 so that each has its own
// partition (the template database's past partition holds everything
// before 2027). Besides p50/p95 it reports the rows, the bytes per row
// on disk (heap, indexes and TOAST of all partitions), the rows per
// family and the time to detach one month.

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

const (
	benchAuditMonths   = 60
	benchAuditFamilies = 25000
	benchAuditUsers    = 1200
)

var benchAuditFirst = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

// benchAudit is the growing database of the benchmark.
var benchAudit struct {
	st      *store.Store
	privacy *regie.User
	rows    int64
}

func BenchmarkAuditFamilyLog(b *testing.B) {
	v := os.Getenv("REGIE_BENCH_AUDIT_ROWS")
	if v == "" {
		b.Skip("REGIE_BENCH_AUDIT_ROWS is not set (e.g. 10000000,25000000,50000000)")
	}
	var sizes []int64
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || n < benchAuditMonths {
			b.Fatalf("REGIE_BENCH_AUDIT_ROWS=%q: not a list of row counts", v)
		}
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			st, privacy := benchAuditDB(b, n)
			ctx := storetest.As(privacy)
			storetest.Timed(b, func(i int) error {
				fam := int64(1 + (i*7919)%benchAuditFamilies)
				entries, total, err := st.FindAuditEntries(ctx, regie.AuditFilter{FamilyID: &fam, Limit: 50})
				if err == nil && (len(entries) != min(50, total)) {
					err = fmt.Errorf("family %d: %d rows of %d, want a page", fam, len(entries), total)
				}
				return err
			})
			benchAuditFigures(b, st)
		})
	}
	benchAuditDetach(b)
}

// benchAuditDetach times what regie audit detach does for the oldest
// month: each chain's last row in it, then DETACH, in one transaction.
func benchAuditDetach(b *testing.B) {
	if benchAudit.st == nil {
		return
	}
	ctx := context.Background()
	start := time.Now()
	tx, err := benchAudit.st.DB().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // committed below
	var chains int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT chain, max(seq) FROM audit_y2027m01 GROUP BY chain) c`).Scan(&chains); err != nil {
		b.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `ALTER TABLE audit DETACH PARTITION audit_y2027m01`); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "bench: detaching one month (%d rows) with its cuts took %s\n", benchAudit.rows/benchAuditMonths, time.Since(start).Round(time.Millisecond))
}

// benchAuditDB returns the database grown to n rows.
func benchAuditDB(b *testing.B, n int64) (*store.Store, *regie.User) {
	b.Helper()
	ctx := context.Background()
	if benchAudit.st == nil {
		st := storetest.OpenPostgres(processTB{b}, storetest.NewClock(time.Date(2032, 1, 15, 9, 0, 0, 0, time.UTC)))
		f := storetest.NewFixture(b, st)
		for m := range benchAuditMonths + 1 {
			if _, err := st.DB().ExecContext(ctx, `SELECT audit_make_partition($1::date)`, benchAuditFirst.AddDate(0, m, 0).Format("2006-01-02")); err != nil {
				b.Fatal(err)
			}
		}
		benchAudit.st, benchAudit.privacy = st, f.Privacy
	}
	st := benchAudit.st
	if benchAudit.rows >= n {
		return st, benchAudit.privacy
	}
	start := time.Now()
	db := st.DB()
	// The seq guard reads the chain's head for every row: the generated
	// rows are numbered far past every head instead, without it.
	if _, err := db.ExecContext(ctx, `ALTER TABLE audit DISABLE TRIGGER audit_seq_ahead`); err != nil {
		b.Fatal(err)
	}
	add := n - benchAudit.rows
	for m := range int64(benchAuditMonths) {
		lo := benchAuditFirst.AddDate(0, int(m), 0)
		hi := lo.AddDate(0, 1, 0)
		// Row g of this step is global number base+g: its seq (unique
		// over the whole log) and what it names derive from it.
		first, last := add*m/benchAuditMonths, add*(m+1)/benchAuditMonths
		base := benchAudit.rows + 1_000_000
		if _, err := db.ExecContext(ctx, `INSERT INTO audit
			(chain, seq, ts, user_id, role, action, outcome, family_id, member_id, referral_id, ip, user_agent, basis, segment, detail, prev_hash, hash)
			SELECT x.n % 16, x.n, $1::timestamptz + (hashint8(x.n)::bigint & 1048575) / 1048576.0 * ($2::timestamptz - $1::timestamptz),
				1 + (x.n * 7) % $3, 'casemanager', CASE WHEN x.n % 10 = 0 THEN 'export' ELSE 'read' END,
				CASE WHEN x.n % 200 = 0 THEN 'denied' ELSE 'ok' END,
				CASE WHEN x.n % 5 = 0 THEN 0 ELSE 1 + (hashint8(x.n * 31)::bigint & 2147483647) % $4 END, 0, 0,
				'10.20.' || (x.n % 250) || '.' || (x.n % 199),
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
				'eigen gezin (regisseur)', 'dossier', '',
				'h2:k20261201:' || repeat('0123456789abcdef', 4), 'h2:k20261201:' || repeat('fedcba9876543210', 4)
			FROM (SELECT $5::bigint + g AS n FROM generate_series($6::bigint, $7::bigint - 1) AS g) x`,
			lo, hi, benchAuditUsers, benchAuditFamilies, base, first, last); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, `ALTER TABLE audit ENABLE TRIGGER audit_seq_ahead`); err != nil {
		b.Fatal(err)
	}
	// Index-only counts need the visibility map: what autovacuum gives a
	// month soon after it is written.
	if _, err := db.ExecContext(ctx, `VACUUM (ANALYZE) audit`); err != nil {
		b.Fatal(err)
	}
	benchAudit.rows = n
	fmt.Fprintf(os.Stderr, "bench: audit grown to %d rows in %s\n", n, time.Since(start).Round(time.Second))
	return st, benchAudit.privacy
}

// benchAuditFigures reports the size figures of the grown log.
func benchAuditFigures(b *testing.B, st *store.Store) {
	b.Helper()
	ctx := context.Background()
	var rows, bytes, famIdx int64
	if err := st.DB().QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM audit),
		(SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'audit'::regclass),
		(SELECT sum(pg_relation_size(i.indexrelid)) FROM pg_inherits h JOIN pg_index i ON i.indrelid = h.inhrelid
			JOIN pg_class c ON c.oid = i.indexrelid WHERE h.inhparent = 'audit'::regclass AND c.relname LIKE '%family%')`).Scan(&rows, &bytes, &famIdx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(bytes)/float64(rows), "disk-B/row")
	b.ReportMetric(float64(bytes)/1e9, "disk-GB")
	b.ReportMetric(float64(famIdx)/1e6/benchAuditMonths, "family-index-MB/month")
	b.ReportMetric(float64(rows)*0.8/benchAuditFamilies, "rows/family")
	fmt.Fprintf(os.Stderr, "bench: audit %d rows, %d bytes on disk (%.0f B/row), family index %d bytes\n", rows, bytes, float64(bytes)/float64(rows), famIdx)
}
