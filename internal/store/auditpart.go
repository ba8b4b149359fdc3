package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"regie"
)

// The access log's partitions (PostgreSQL only; migration 31). The audit
// table is partitioned by month on ts: audit_yYYYYmMM for a month,
// audit_before_YYYYMM for everything before partitioning (the old table,
// attached whole), audit_default for a row no month was made for. SQLite
// keeps one table: it serves small teams, whose log stays small.

// AuditMonthsAhead is how many months after the current one have their
// partition made in advance (by regie migrate and the daily job), so a
// month's rows never land in the DEFAULT partition while the job runs.
const AuditMonthsAhead = 3

// EnsureAuditPartitions makes the partitions of the current month and the
// ahead months after it that are not there yet, and returns their names.
// Idempotent; on SQLite it does nothing. Rows that landed in the DEFAULT
// partition for such a month move into it (audit_make_partition).
func (s *Store) EnsureAuditPartitions(ctx context.Context, ahead int) ([]string, error) {
	if s.d.name != "postgres" {
		return nil, nil
	}
	var made []string
	err := s.write(ctx, func(tx *tx) error {
		first := time.Date(tx.now.Year(), tx.now.Month(), 1, 0, 0, 0, 0, time.UTC)
		for m := range ahead + 1 {
			month := first.AddDate(0, m, 0)
			var ok bool
			if err := tx.QueryRowContext(ctx, `SELECT audit_make_partition($1::date)`, month.Format(time.DateOnly)).Scan(&ok); err != nil {
				return fmt.Errorf("store: make audit partition %s: %w", month.Format("2006-01"), err)
			}
			if ok {
				made = append(made, auditMonthName(month))
			}
		}
		return nil
	})
	return made, err
}

func auditMonthName(month time.Time) string { return month.Format("audit_y2006m01") }

// AuditPartitions lists the access log's partitions, oldest first, the
// DEFAULT partition last. On SQLite it returns nil: one table.
func (s *Store) AuditPartitions(ctx context.Context) ([]regie.AuditPartition, error) {
	if s.d.name != "postgres" {
		return nil, nil
	}
	var parts []regie.AuditPartition
	err := s.read(ctx, func(tx *tx) error {
		var err error
		parts, err = tx.auditPartitions(ctx)
		return err
	})
	return parts, err
}

func (tx *tx) auditPartitions(ctx context.Context) ([]regie.AuditPartition, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid)
		FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit'::regclass`)
	if err != nil {
		return nil, fmt.Errorf("store: audit partitions: %w", err)
	}
	defer rows.Close()
	var parts []regie.AuditPartition
	for rows.Next() {
		var p regie.AuditPartition
		if err := rows.Scan(&p.Name, &p.Rows, &p.Bytes); err != nil {
			return nil, err
		}
		switch {
		case p.Name == "audit_default":
			p.Default = true
		case strings.HasPrefix(p.Name, "audit_before_"):
			to, err := time.Parse("200601", strings.TrimPrefix(p.Name, "audit_before_"))
			if err != nil {
				return nil, fmt.Errorf("store: audit partition %s: %w", p.Name, err)
			}
			p.To = to
		default:
			from, err := time.Parse("audit_y2006m01", p.Name)
			if err != nil {
				return nil, fmt.Errorf("store: audit partition %s: not made by regie", p.Name)
			}
			p.From, p.To = from, from.AddDate(0, 1, 0)
		}
		parts = append(parts, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Never analysed yet (a new month): count it, it is small.
	for i := range parts {
		if parts[i].Rows < 0 {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(parts[i].Name)).Scan(&parts[i].Rows); err != nil { //nolint:gosec // a partition's name from the catalog, quoted
				return nil, fmt.Errorf("store: count audit partition: %w", err)
			}
		}
	}
	slices.SortFunc(parts, func(a, b regie.AuditPartition) int {
		if a.Default != b.Default {
			if a.Default {
				return 1
			}
			return -1
		}
		return a.To.Compare(b.To)
	})
	return parts, nil
}

// DetachAuditBefore detaches the access log's partitions whose rows all
// lie before the first of month before (UTC), and returns their names.
// Detaching never removes a row: each becomes a plain table the operator
// dumps and drops. before must lie AccessLogYears or more in the past. In
// the same transaction it records each chain's last row inside the
// detached months in audit_cuts, where `regie audit verify` then starts
// that chain, and writes its own audit row. PostgreSQL only.
func (s *Store) DetachAuditBefore(ctx context.Context, before time.Time) ([]string, error) {
	if s.d.name != "postgres" {
		return nil, regie.Errorf(regie.EINVALID, "losmaken kan alleen bij PostgreSQL; bij SQLite blijft het toegangslog één tabel")
	}
	if before.Day() != 1 || !before.Equal(before.Truncate(24*time.Hour)) || before.Location() != time.UTC {
		return nil, regie.Errorf(regie.EINVALID, "--before moet het begin van een maand zijn (JJJJ-MM)")
	}
	var detached []string
	err := s.write(ctx, func(tx *tx) error {
		limit := time.Date(tx.now.Year(), tx.now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(-regie.AccessLogYears, 0, 0)
		if before.After(limit) {
			return regie.Errorf(regie.EINVALID, "het toegangslog wordt %d jaar bewaard: alleen maanden vóór %s kunnen nu losgemaakt worden",
				regie.AccessLogYears, limit.Format("2006-01"))
		}
		parts, err := tx.auditPartitions(ctx)
		if err != nil {
			return err
		}
		for _, p := range parts {
			if !p.Default && !p.To.After(before) {
				detached = append(detached, p.Name)
			}
		}
		if len(detached) == 0 {
			return nil
		}
		// Each chain's last row in the detached months: by the unique
		// (chain, seq) index of each partition, one probe per chain.
		type cut struct {
			seq  int64
			hash string
		}
		cuts := map[int]cut{}
		for _, name := range detached {
			for c := range auditChains {
				var k cut
				err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM `+quoteIdent(name)+` WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, c).Scan(&k.seq, &k.hash) //nolint:gosec // a partition's name from the catalog, quoted
				if err == nil && k.seq > cuts[c].seq {
					cuts[c] = k
				} else if err != nil && !isNoRows(err) {
					return fmt.Errorf("store: audit cut of %s: %w", name, err)
				}
			}
		}
		for c, k := range cuts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_cuts (chain, seq, hash, detached_at, before_ts) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, detached_at = excluded.detached_at, before_ts = excluded.before_ts
				WHERE audit_cuts.seq < excluded.seq`, c, k.seq, k.hash, ts(tx.now), ts(before)); err != nil {
				return fmt.Errorf("store: audit cut: %w", err)
			}
		}
		for _, name := range detached {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE audit DETACH PARTITION `+quoteIdent(name)); err != nil {
				return fmt.Errorf("store: detach %s: %w", name, err)
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegAuditLog,
			Basis:  "beheer van het toegangslog (bewaartermijn verstreken)",
			Detail: fmt.Sprintf("toegangslog vóór %s losgemaakt: %s", before.Format("2006-01"), strings.Join(detached, ", "))})
	})
	if err != nil {
		return nil, err
	}
	return detached, nil
}
