package storetest

import (
	"database/sql"
	"fmt"
	"testing"
	"time"

	"regie"
)

// The insider: what someone with the database's credentials (the owner,
// or whoever holds the SQLite file) can do to the access log with plain
// SQL, for tests that prove `regie audit verify` sees it. db is a raw
// connection to the database (no store), pg says which dialect it is.

// DropAuditGuards drops the triggers that refuse changing, removing or
// winding back audit rows and chain heads, as the owner can.
func DropAuditGuards(tb testing.TB, db *sql.DB, pg bool) {
	tb.Helper()
	qs := []string{`DROP TRIGGER audit_no_update`, `DROP TRIGGER audit_no_delete`,
		`DROP TRIGGER audit_heads_forward`, `DROP TRIGGER audit_heads_no_delete`}
	if pg {
		qs = []string{`DROP TRIGGER audit_no_update ON audit`, `DROP TRIGGER audit_no_truncate ON audit`, `DROP TRIGGER audit_seq_ahead ON audit`,
			`DROP TRIGGER audit_heads_forward ON audit_heads`}
	}
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
}

// AuditChain returns the rows of a chain in order.
func AuditChain(tb testing.TB, db *sql.DB, chain int) []*regie.AuditEntry {
	tb.Helper()
	rows, err := db.Query(`SELECT id, chain, seq, ts, user_id, role, action, outcome, family_id, member_id, referral_id,
		ip, user_agent, basis, segment, detail, prev_hash, hash FROM audit WHERE chain = $1 ORDER BY seq`, chain)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []*regie.AuditEntry
	for rows.Next() {
		e := &regie.AuditEntry{}
		var role, action, outcome, segment string
		if err := rows.Scan(&e.ID, &e.Chain, &e.Seq, instant{&e.Time}, &e.UserID, &role, &action, &outcome, &e.FamilyID, &e.MemberID,
			&e.ReferralID, &e.IP, &e.UserAgent, &e.Basis, &segment, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			tb.Fatal(err)
		}
		e.Role, e.Action, e.Outcome, e.Segment = regie.Role(role), regie.Action(action), regie.Outcome(outcome), regie.Segment(segment)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// instant scans a timestamp as either driver returns it.
type instant struct{ t *time.Time }

func (s instant) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*s.t = v.UTC()
	case string:
		t, err := time.Parse(time.RFC3339Nano, v)
		*s.t = t.UTC()
		return err
	case []byte:
		return s.Scan(string(v))
	default:
		return fmt.Errorf("storetest: cannot scan %T into an instant", v)
	}
	return nil
}

// BusiestChain returns the chain with the most rows.
func BusiestChain(tb testing.TB, db *sql.DB) int {
	tb.Helper()
	var c int
	if err := db.QueryRow(`SELECT chain FROM audit GROUP BY chain ORDER BY count(*) DESC, chain LIMIT 1`).Scan(&c); err != nil {
		tb.Fatal(err)
	}
	return c
}

// RemoveNewestAuditRows removes the n newest rows of a chain and moves
// its head back to the last row left: a valid, shorter chain. The guards
// must be dropped first.
func RemoveNewestAuditRows(tb testing.TB, db *sql.DB, chain, n int) {
	tb.Helper()
	rows := AuditChain(tb, db, chain)
	if len(rows) <= n {
		tb.Fatalf("chain %d has %d rows, cannot remove %d and keep one", chain, len(rows), n)
	}
	keep := rows[len(rows)-n-1]
	mustExec(tb, db, `DELETE FROM audit WHERE chain = $1 AND seq > $2`, chain, keep.Seq)
	mustExec(tb, db, `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, keep.Seq, keep.Hash, chain)
}

// RemoveAuditRowAndRecompute removes row seq of a chain, renumbers the
// rows after it, recomputes their links and hashes with hash (plain
// SHA-256, or a key that is not regie's) and moves the head to the new
// last row: what an insider without the key file can do at best. The
// guards must be dropped first.
func RemoveAuditRowAndRecompute(tb testing.TB, db *sql.DB, chain int, seq int64, hash func(*regie.AuditEntry) string) {
	tb.Helper()
	rows := AuditChain(tb, db, chain)
	i := -1
	for j, e := range rows {
		if e.Seq == seq {
			i = j
		}
	}
	if i < 1 || i == len(rows)-1 {
		tb.Fatalf("chain %d: row %d is not a middle row", chain, seq)
	}
	mustExec(tb, db, `DELETE FROM audit WHERE id = $1`, rows[i].ID)
	prev := rows[i-1].Hash
	for _, e := range rows[i+1:] {
		e.Seq--
		e.PrevHash = prev
		e.Hash = hash(e)
		mustExec(tb, db, `UPDATE audit SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4`, e.Seq, e.PrevHash, e.Hash, e.ID)
		prev = e.Hash
	}
	last := rows[len(rows)-1]
	mustExec(tb, db, `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, last.Seq, last.Hash, chain)
}

// RecomputeAuditRows recomputes the links and hashes of a chain's rows
// from row seq on with hash, and moves the head to the last: a chain
// rewritten in place (from row 1 with store.AuditHashV1, a chain as it
// was before regie had keys). The guards must be dropped first.
func RecomputeAuditRows(tb testing.TB, db *sql.DB, chain int, seq int64, hash func(*regie.AuditEntry) string) {
	tb.Helper()
	prev := ""
	var last *regie.AuditEntry
	for _, e := range AuditChain(tb, db, chain) {
		if e.Seq >= seq {
			e.PrevHash = prev
			e.Hash = hash(e)
			mustExec(tb, db, `UPDATE audit SET prev_hash = $1, hash = $2 WHERE id = $3`, e.PrevHash, e.Hash, e.ID)
		}
		prev, last = e.Hash, e
	}
	if last != nil {
		mustExec(tb, db, `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, last.Seq, last.Hash, chain)
	}
}

// AppendAuditRow adds a forged row to the end of a chain (a copy of the
// last row, saying something else), hashed with hash, and moves the head
// to it. It returns the new row's number. The guards must be dropped
// first.
func AppendAuditRow(tb testing.TB, db *sql.DB, chain int, hash func(*regie.AuditEntry) string) int64 {
	tb.Helper()
	rows := AuditChain(tb, db, chain)
	e := *rows[len(rows)-1]
	e.Seq, e.PrevHash, e.Detail = e.Seq+1, e.Hash, "vervalst"
	e.Hash = hash(&e)
	mustExec(tb, db, `INSERT INTO audit (chain, seq, ts, user_id, role, action, outcome, family_id, member_id, referral_id, ip, user_agent, basis, segment, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
		e.Chain, e.Seq, e.Time.UTC().Format("2006-01-02T15:04:05.000000Z"), e.UserID, string(e.Role), string(e.Action), string(e.Outcome),
		e.FamilyID, e.MemberID, e.ReferralID, e.IP, e.UserAgent, e.Basis, string(e.Segment), e.Detail, e.PrevHash, e.Hash)
	mustExec(tb, db, `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, e.Seq, e.Hash, chain)
	return e.Seq
}

func mustExec(tb testing.TB, db *sql.DB, q string, args ...any) {
	tb.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}
