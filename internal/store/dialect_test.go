package store

import (
	"testing"

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
