package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestAuditPartitions_DetachThenVerify: on PostgreSQL the access log is
// partitioned by month. Rows written over several months land in their
// months; a row of a month without a partition lands in DEFAULT and moves
// into its month when that is made; months wholly past the term are
// detached — never younger ones — and stay as plain tables with every
// row; verify passes after the detach (each chain starts at its cut),
// and a row changed afterwards is still found. SQLite keeps one table and
// refuses to detach.
func TestAuditPartitions_DetachThenVerify(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		if s.Dialect() == "sqlite" {
			parts, err := s.AuditPartitions(ctx)
			if err != nil || parts != nil {
				t.Fatalf("AuditPartitions on SQLite = %v, %v; want none", parts, err)
			}
			if _, err := s.DetachAuditBefore(ctx, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)); code(err) != regie.EINVALID {
				t.Fatalf("DetachAuditBefore on SQLite = %v, want EINVALID", err)
			}
			return
		}
		month := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
		clock.Set(month(2027, 3).AddDate(0, 0, 9).Add(10 * time.Hour))
		if _, err := s.EnsureAuditPartitions(ctx, store.AuditMonthsAhead); err != nil {
			t.Fatal(err)
		}
		f := busyLog(t, s)
		for _, m := range []time.Month{4, 5, 6} {
			clock.Set(month(2027, m).AddDate(0, 0, 14))
			for _, u := range []*regie.User{f.Casemanager, f.CasemanagerB, f.TeamLeader} {
				_, _ = s.FindFamilyByID(storetest.As(u), f.FamAssigned.ID)
			}
		}
		// Five years on: a month nobody made a partition for.
		clock.Set(month(2032, 8).AddDate(0, 0, 2))
		for _, u := range []*regie.User{f.Casemanager, f.CasemanagerB} {
			_, _ = s.FindFamilyByID(storetest.As(u), f.FamAssigned.ID)
		}
		var inDefault int
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit_default`).Scan(&inDefault); err != nil || inDefault != 2 {
			t.Fatalf("rows in DEFAULT = %d, %v; want the 2 of a month without partition", inDefault, err)
		}
		made, err := s.EnsureAuditPartitions(ctx, store.AuditMonthsAhead)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"audit_y2032m08", "audit_y2032m09", "audit_y2032m10", "audit_y2032m11"}; !slices.Equal(made, want) {
			t.Fatalf("made %v, want %v", made, want)
		}
		if again, err := s.EnsureAuditPartitions(ctx, store.AuditMonthsAhead); err != nil || len(again) != 0 {
			t.Fatalf("making them again made %v, %v; want nothing", again, err)
		}
		var moved int
		if err := s.DB().QueryRow(`SELECT (SELECT count(*) FROM audit_y2032m08) * 10 + (SELECT count(*) FROM audit_default)`).Scan(&moved); err != nil || moved != 20 {
			t.Fatalf("rows of 2032-08 / 10 + rows in DEFAULT = %d, %v; want 20 (moved out of DEFAULT)", moved, err)
		}
		if rep, err := s.VerifyAudit(ctx, nil); err != nil || !rep.OK() {
			t.Fatalf("verify before detaching: %+v, %v", rep, err)
		}

		// A row of a seq already written cannot come again in another
		// month, where no unique (chain, seq) index would see it.
		_, err = s.DB().Exec(`INSERT INTO audit (chain, seq, ts, action, outcome, prev_hash, hash)
			SELECT chain, seq, $1, action, outcome, prev_hash, hash FROM audit WHERE ts < $2 ORDER BY id LIMIT 1`, month(2027, 6), month(2027, 4))
		if err == nil || !strings.Contains(err.Error(), "not past the chain's head") {
			t.Fatalf("a row of an old seq in another month: %v, want refused by audit_seq_ahead", err)
		}

		// Younger than the term: refused.
		if _, err := s.DetachAuditBefore(ctx, month(2027, 9)); code(err) != regie.EINVALID {
			t.Fatalf("detaching months younger than %d years = %v, want EINVALID", regie.AccessLogYears, err)
		}
		var before int64
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit WHERE ts < $1`, month(2027, 5)).Scan(&before); err != nil || before == 0 {
			t.Fatalf("rows before 2027-05: %d, %v", before, err)
		}
		detached, err := s.DetachAuditBefore(ctx, month(2027, 5))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(detached, "audit_y2027m04") || slices.Contains(detached, "audit_y2027m05") || !slices.Contains(detached, "audit_y2027m03") {
			t.Fatalf("detached %v, want the months up to 2027-04 and not 2027-05", detached)
		}
		var left, kept int64
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit WHERE ts < $1`, month(2027, 5)).Scan(&left); err != nil || left != 0 {
			t.Fatalf("rows before 2027-05 still in the log: %d, %v", left, err)
		}
		for _, name := range detached {
			var n int64
			if err := s.DB().QueryRow(`SELECT count(*) FROM ` + name).Scan(&n); err != nil {
				t.Fatalf("detached table %s: %v", name, err)
			}
			kept += n
		}
		if kept != before {
			t.Fatalf("the detached tables hold %d rows, want all %d", kept, before)
		}
		parts, err := s.AuditPartitions(ctx)
		if err != nil || len(parts) == 0 || parts[0].From != month(2027, 5) || !parts[len(parts)-1].Default {
			t.Fatalf("partitions after the detach: %+v, %v; want 2027-05 first, DEFAULT last", parts, err)
		}
		rep, err := s.VerifyAudit(ctx, nil)
		if err != nil || !rep.OK() {
			t.Fatalf("verify after detaching: %+v, %v", rep, err)
		}

		// A remaining row changed afterwards is still found.
		storetest.DropAuditGuards(t, s.DB(), true)
		if _, err := s.DB().Exec(`UPDATE audit SET detail = 'vervalst' WHERE id = (SELECT min(id) FROM audit WHERE ts >= $1)`, month(2027, 5)); err != nil {
			t.Fatal(err)
		}
		rep, err = s.VerifyAudit(ctx, nil)
		if err != nil || rep.OK() || rep.Findings[0].Kind != regie.FindingChanged {
			t.Fatalf("verify after a change: %+v, %v; want the changed row found", rep, err)
		}
	})
}
