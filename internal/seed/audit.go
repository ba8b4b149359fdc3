package seed

import (
	"fmt"
	"slices"

	"regie"
)

// auditLog writes the collected events as access-log rows, oldest first,
// continuing each hash chain from its head (locked on PostgreSQL, as the
// store does; SQLite's write transaction already excludes other writers)
// and moving the heads, so the chains verify as if regie had written them.
func (g *gen) auditLog() error {
	if g.opt.NoAudit || len(g.events) == 0 {
		return nil
	}
	forUpdate := ""
	if g.pg {
		forUpdate = " FOR UPDATE"
	}
	type head struct {
		seq   int64
		hash  string
		moved bool
	}
	var heads []*head
	rows, err := g.tx.QueryContext(g.ctx, `SELECT chain, seq, hash FROM audit_heads ORDER BY chain`+forUpdate)
	if err != nil {
		return fmt.Errorf("read chain heads: %w", err)
	}
	for rows.Next() {
		var c int
		h := &head{}
		if err := rows.Scan(&c, &h.seq, &h.hash); err != nil {
			rows.Close() //nolint:sqlclosecheck // closed on each early return and after the loop
			return err
		}
		if c != len(heads) {
			rows.Close()
			return fmt.Errorf("audit_heads has no chain %d", len(heads))
		}
		heads = append(heads, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(heads) == 0 {
		return fmt.Errorf("audit_heads is empty")
	}

	recreate, err := g.deferIndexes("audit", len(g.events))
	if err != nil {
		return err
	}
	slices.SortStableFunc(g.events, func(a, b event) int { return a.at.Compare(b.at) })
	audit := g.insert("audit", []string{"id", "chain", "seq", "ts", "user_id", "role", "action", "outcome", "family_id",
		"member_id", "ip", "user_agent", "basis", "segment", "detail", "prev_hash", "hash"})
	p := g.progress("toegangslog", len(g.events))
	for _, ev := range g.events {
		e := regie.AuditEntry{
			// The chain of the user, as the store picks it.
			Chain:     int(ev.user.id % int64(len(heads))),
			Time:      ev.at,
			UserID:    ev.user.id,
			Role:      ev.user.role,
			Action:    ev.action,
			Outcome:   ev.outcome,
			FamilyID:  ev.family,
			MemberID:  ev.member,
			IP:        ev.user.ip,
			UserAgent: ev.user.ua,
			Basis:     ev.basis,
			Segment:   ev.segment,
			Detail:    ev.detail,
		}
		h := heads[e.Chain]
		e.Seq, e.PrevHash = h.seq+1, h.hash
		e.Hash = g.hash(&e)
		h.seq, h.hash, h.moved = e.Seq, e.Hash, true
		id, err := g.id("audit")
		if err != nil {
			return err
		}
		if err := audit.row(id, e.Chain, e.Seq, ts(e.Time), e.UserID, string(e.Role), string(e.Action), string(e.Outcome),
			e.FamilyID, e.MemberID, e.IP, e.UserAgent, e.Basis, string(e.Segment), e.Detail, e.PrevHash, e.Hash); err != nil {
			return err
		}
		p.add(1)
	}
	if err := audit.flush(); err != nil {
		return err
	}
	if err := recreate(); err != nil {
		return err
	}
	for c, h := range heads {
		if !h.moved {
			continue
		}
		if _, err := g.tx.ExecContext(g.ctx, `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, h.seq, h.hash, c); err != nil {
			return fmt.Errorf("move chain head: %w", err)
		}
	}
	p.done()
	g.events = nil
	return nil
}
