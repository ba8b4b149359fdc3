package store

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"regie"
)

// dateScan reads the stored form without time.Parse and anything else
// through regie.ParseDate; an impossible day is an error, not the next
// month.
func TestDateScan(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string // ISO, or "" for the zero date
		err  bool
	}{
		{"2026-12-06", "2026-12-06", false},
		{"2026-12-06T09:30:00Z", "2026-12-06", false},
		{[]byte("2024-02-29"), "2024-02-29", false},
		{"2026-02-30", "", true},
		{"2026-13-01", "", true},
		{"2026-1-05", "", true},
		{"6-12-2026", "2026-12-06", false}, // a form ParseDate knows
		{"2026-12-0x", "", true},
		{nil, "", false},
	} {
		var d regie.Date
		err := dateScan{&d}.Scan(c.in)
		if (err != nil) != c.err {
			t.Errorf("Scan(%q): error %v, want error %v", c.in, err, c.err)
			continue
		}
		if !c.err && d.ISO() != c.want {
			t.Errorf("Scan(%q) = %q, want %q", c.in, d.ISO(), c.want)
		}
	}
}

// Where pgx reads the rows itself it scans dates, instants and ids
// without database/sql's boxing (pgtype's scanner interfaces): NULL is
// the zero value, as with Scan, and infinity is an error.
func TestPgxScanners(t *testing.T) {
	day := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	var d regie.Date
	if err := (dateScan{&d}).ScanDate(pgtype.Date{Time: day, Valid: true}); err != nil || d.ISO() != "2026-12-06" {
		t.Errorf("ScanDate = %s, %v", d.ISO(), err)
	}
	if err := (dateScan{&d}).ScanDate(pgtype.Date{}); err != nil || !d.IsZero() {
		t.Errorf("ScanDate(NULL) = %s, %v", d.ISO(), err)
	}
	if err := (dateScan{&d}).ScanDate(pgtype.Date{Valid: true, InfinityModifier: pgtype.Infinity}); err == nil {
		t.Error("ScanDate(infinity): no error")
	}
	var at time.Time
	in := time.Date(2026, 12, 6, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	if err := (timeScan{&at}).ScanTimestamptz(pgtype.Timestamptz{Time: in, Valid: true}); err != nil || !at.Equal(in) || at.Location() != time.UTC {
		t.Errorf("ScanTimestamptz = %s, %v", at, err)
	}
	if err := (timeScan{&at}).ScanTimestamptz(pgtype.Timestamptz{}); err != nil || !at.IsZero() {
		t.Errorf("ScanTimestamptz(NULL) = %s, %v", at, err)
	}
	if err := (timeScan{&at}).ScanTimestamptz(pgtype.Timestamptz{Valid: true, InfinityModifier: pgtype.NegativeInfinity}); err == nil {
		t.Error("ScanTimestamptz(-infinity): no error")
	}
	id := int64(7)
	if err := (idScan{&id}).ScanInt64(pgtype.Int8{Int64: 41, Valid: true}); err != nil || id != 41 {
		t.Errorf("ScanInt64 = %d, %v", id, err)
	}
	if err := (idScan{&id}).ScanInt64(pgtype.Int8{}); err != nil || id != 0 {
		t.Errorf("ScanInt64(NULL) = %d, %v", id, err)
	}
}

// The ids of inIDs travel as one argument in each dialect's form.
func TestIDsArg(t *testing.T) {
	ids := []int64{3, 41, 5926}
	if got := sqliteDialect.idsArg(ids); got != "[3,41,5926]" {
		t.Errorf("SQLite: %s", got)
	}
	if got := postgresDialect.idsArg(ids); got != "{3,41,5926}" {
		t.Errorf("PostgreSQL: %s", got)
	}
	if got := sqliteDialect.idsArg(nil); got != "[]" {
		t.Errorf("SQLite, no ids: %s", got)
	}
}
