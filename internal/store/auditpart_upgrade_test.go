package store_test

import (
	"context"
	"database/sql"
	"net/url"
	"testing"

	"regie"
	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestAuditPartitions_UpgradeKeepsTheLog: migration 31 on a PostgreSQL
// database whose audit table already has rows (migrated to 30 in a schema
// of its own, then written by regie): no row is lost, the old table
// becomes the partition of the past, ids continue after the largest, and
// the chains verify before and after new rows.
func TestAuditPartitions_UpgradeKeepsTheLog(t *testing.T) {
	ctx := context.Background()
	base := storetest.PostgresURL(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA upgrade`); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", "upgrade")
	u.RawQuery = q.Encode()
	clock := storetest.NewClock(storetest.Start)
	s, err := store.Open(ctx, u.String(), store.Options{Clock: clock, Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.MigrateUpToForTest(ctx, 30); err != nil {
		t.Fatal(err)
	}
	f := busyLog(t, s)
	var rows, lastID int64
	if err := s.DB().QueryRow(`SELECT count(*), max(id) FROM audit`).Scan(&rows, &lastID); err != nil || rows == 0 {
		t.Fatalf("rows before the upgrade: %d, %v", rows, err)
	}
	if n, err := s.MigrateUpToForTest(ctx, 31); err != nil || n != 1 {
		t.Fatalf("upgrade applied %d, %v; want migration 31", n, err)
	}
	var after, inPast int64
	var kind string
	if err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM audit),
		(SELECT count(*) FROM audit a JOIN pg_class c ON c.oid = a.tableoid WHERE c.relname LIKE 'audit\_before\_%'),
		(SELECT relkind::text FROM pg_class WHERE oid = 'audit'::regclass)`).Scan(&after, &inPast, &kind); err != nil {
		t.Fatal(err)
	}
	if after != rows || inPast != rows || kind != "p" {
		t.Fatalf("after the upgrade: %d rows (%d in the past partition), relkind %s; want all %d in the past of a partitioned table", after, inPast, kind, rows)
	}
	if rep, err := s.VerifyAudit(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify after the upgrade: %+v, %v", rep, err)
	}
	for _, u := range []*regie.User{f.Casemanager, f.CasemanagerB, f.TeamLeader} {
		_, _ = s.FindFamilyByID(storetest.As(u), f.FamAssigned.ID)
	}
	var minNew int64
	if err := s.DB().QueryRow(`SELECT min(id) FROM audit WHERE id > $1`, lastID).Scan(&minNew); err != nil || minNew != lastID+1 {
		t.Fatalf("first new id %d, %v; want %d", minNew, err, lastID+1)
	}
	if rep, err := s.VerifyAudit(ctx, nil); err != nil || !rep.OK() || rep.Rows <= rows {
		t.Fatalf("verify with new rows: %+v, %v", rep, err)
	}
	// The guards hold on the old rows too.
	if _, err := s.DB().Exec(`UPDATE audit SET detail = 'x' WHERE id = 1`); err == nil {
		t.Fatal("an old row could be changed after the upgrade")
	}
	if _, err := s.DB().Exec(`INSERT INTO audit (chain, seq, ts, action, outcome, prev_hash, hash) SELECT chain, seq, ts, action, outcome, prev_hash, hash FROM audit WHERE id = 1`); err == nil {
		t.Fatal("a row of a seq already written could be added again")
	}
}
