package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"regie"
)

// A list page shows many families at once: Mijn gezinnen, the team's
// families, the meeting's agenda, supervision, the assignments, the
// referrals and the privacy officer's search. NEN 7513 asks that each
// family's log shows who saw it, also in a list, so such a page writes one
// row per family (and per referral) it shows. auditEach writes them in a
// few statements instead of a round trip and a head update per row.

// auditBatchMax is the most rows one INSERT carries: 17 parameters a row
// stays well below the parameter limits of SQLite (32,766) and PostgreSQL
// (65,535).
const auditBatchMax = 256

// auditEach appends one row per record to the actor's chain, in the
// transaction tx and in the order given, exactly as that many calls of
// audit would: each row's seq follows the previous one and its hash
// (AuditHash) covers the previous row's hash. Per chain it reads and locks
// the head once, inserts the rows in statements of a power of two rows
// (so a handful of statement texts serve every length, and stay prepared),
// and moves the head once, to the last row. Chains are taken in ascending
// order, so two writers never wait for each other's heads in a cycle.
// Any error fails the whole transaction.
func (tx *tx) auditEach(ctx context.Context, recs []auditRecord) error {
	if len(recs) == 0 {
		return nil
	}
	entries := make([]regie.AuditEntry, len(recs))
	var chains []int
	for i, r := range recs {
		entries[i] = tx.auditEntry(r)
		if !slices.Contains(chains, entries[i].Chain) {
			chains = append(chains, entries[i].Chain)
		}
	}
	slices.Sort(chains)
	for _, c := range chains {
		var seq int64
		var prev string
		if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE chain = $1`+tx.s.d.forUpdate, c).Scan(&seq, &prev); err != nil {
			return fmt.Errorf("store: audit: read chain head: %w", err)
		}
		var rows []*regie.AuditEntry
		for i := range entries {
			if e := &entries[i]; e.Chain == c {
				seq++
				e.Seq, e.PrevHash = seq, prev
				e.Hash = AuditHash(e)
				prev = e.Hash
				rows = append(rows, e)
			}
		}
		for len(rows) > 0 {
			n := auditBatchMax
			for n > len(rows) {
				n /= 2
			}
			if err := tx.insertAuditRows(ctx, rows[:n]); err != nil {
				return err
			}
			rows = rows[n:]
		}
		if _, err := tx.ExecContext(ctx, `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, seq, prev, c); err != nil {
			return fmt.Errorf("store: audit: move chain head: %w", err)
		}
	}
	return nil
}

// auditEntry fills in an audit row of the transaction's actor, time and
// access point, and its chain; audit's own first half, for auditEach.
func (tx *tx) auditEntry(r auditRecord) regie.AuditEntry {
	e := regie.AuditEntry{
		Time:       tx.now,
		UserID:     r.UserID,
		Role:       r.Role,
		Action:     r.Action,
		Outcome:    r.Outcome,
		FamilyID:   r.FamilyID,
		MemberID:   r.MemberID,
		ReferralID: r.ReferralID,
		Basis:      r.Basis,
		Segment:    r.Segment,
		Detail:     r.Detail,
	}
	if a := tx.actor; a != nil {
		if e.UserID == 0 {
			e.UserID = a.UserID
		}
		if e.Role == "" {
			e.Role = a.Role
		}
		e.IP, e.UserAgent = a.IP, truncate(a.UserAgent, 300)
	}
	e.Chain = int(e.UserID % auditChains)
	return e
}

// auditInsertSQL is the INSERT statement of n audit rows.
func auditInsertSQL(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO audit
		(chain, seq, ts, user_id, role, action, outcome, family_id, member_id, referral_id, ip, user_agent, basis, segment, detail, prev_hash, hash)
		VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range 17 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(i*17 + j + 1))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// insertAuditRows inserts rows, whose count is a power of two of at most
// auditBatchMax, in one statement.
func (tx *tx) insertAuditRows(ctx context.Context, rows []*regie.AuditEntry) error {
	args := make([]any, 0, 17*len(rows))
	for _, e := range rows {
		args = append(args, e.Chain, e.Seq, ts(e.Time), e.UserID, string(e.Role), string(e.Action), string(e.Outcome),
			e.FamilyID, e.MemberID, e.ReferralID, e.IP, e.UserAgent, e.Basis, string(e.Segment), e.Detail, e.PrevHash, e.Hash)
	}
	if _, err := tx.ExecContext(ctx, auditInsertSQL(len(rows)), args...); err != nil {
		return fmt.Errorf("store: audit: insert %d rows: %w", len(rows), err)
	}
	return nil
}
