package store

import (
	"context"
	"fmt"
	"strconv"

	"regie"
)

// A list page shows many families at once: Mijn gezinnen, the team's
// families, the meeting's agenda, supervision, the assignments, the
// referrals and the privacy officer's search. NEN 7513 asks that each
// family's log shows who saw it, also in a list, so such a page writes one
// row per family (and per referral) it shows. auditEach writes them with
// one statement instead of a round trip and a head update per row.

// auditSubject is whose data one row of a list's audit names.
type auditSubject struct{ FamilyID, ReferralID int64 }

// auditEach appends to the transaction's chain (see lockChainHead), in the transaction tx, one row
// per subject: rec with the subject's family and referral. The rows are
// exactly those that as many calls of audit would write — each row's seq
// follows the previous one and its keyed hash (auditHash, computed here
// row by row) covers the previous row's hash — but the chain's head is read and
// locked once, the rows go in with one INSERT whatever their number, and
// the head moves once, to the last row. With no subjects it writes rec
// once, so a list that showed nothing is still logged as opened.
//
// The rows travel as one JSON array parameter ([seq, family, referral,
// prev_hash, hash] each), unpacked by the database: the statement text is
// the same for every length, so it stays prepared, and binding does not
// grow with the rows (modernc's SQLite looks up every numbered parameter
// by name, which costs quadratically in their number). Any error fails the
// whole transaction.
func (tx *tx) auditEach(ctx context.Context, rec auditRecord, subjects []auditSubject) error {
	if len(subjects) == 0 {
		return tx.audit(ctx, rec)
	}
	e := tx.auditEntry(rec)
	var (
		seq  int64
		prev string
		err  error
	)
	if e.Chain, seq, prev, err = tx.lockChainHead(ctx, e.Chain); err != nil {
		return err
	}
	rows := make([]byte, 0, len(subjects)*150)
	rows = append(rows, '[')
	for i, sub := range subjects {
		seq++
		e.Seq, e.FamilyID, e.ReferralID, e.PrevHash = seq, sub.FamilyID, sub.ReferralID, prev
		if e.Hash, err = tx.auditHash(&e); err != nil {
			return err
		}
		if i > 0 {
			rows = append(rows, ',')
		}
		// Hashes are hex: no JSON escaping needed.
		rows = append(rows, '[')
		rows = strconv.AppendInt(rows, e.Seq, 10)
		rows = append(rows, ',')
		rows = strconv.AppendInt(rows, e.FamilyID, 10)
		rows = append(rows, ',')
		rows = strconv.AppendInt(rows, e.ReferralID, 10)
		rows = append(rows, `,"`...)
		rows = append(rows, e.PrevHash...)
		rows = append(rows, `","`...)
		rows = append(rows, e.Hash...)
		rows = append(rows, `"]`...)
		prev = e.Hash
	}
	rows = append(rows, ']')
	q := auditEachSQLite
	if tx.s.d.name == "postgres" {
		q = auditEachPostgres
	}
	if err := tx.appendToChain(ctx, fmt.Sprintf("audit: insert %d rows", len(subjects)), q, []any{e.Chain, ts(e.Time), e.UserID,
		string(e.Role), string(e.Action), string(e.Outcome), e.MemberID, e.IP, e.UserAgent, e.Basis, string(e.Segment), e.Detail,
		string(rows)}, seq, prev); err != nil {
		return err
	}
	tx.countAudit(e.Action, e.Outcome, len(subjects))
	return nil
}

// The INSERT of auditEach, per dialect: the JSON array becomes rows in
// its order (json_each on SQLite, json_array_elements on PostgreSQL, which
// also needs the parameters' types spelled out in a SELECT).
const (
	auditEachSQLite = `INSERT INTO audit
		(chain, seq, ts, user_id, role, action, outcome, family_id, member_id, referral_id, ip, user_agent, basis, segment, detail, prev_hash, hash)
		SELECT $1, r.value ->> 0, $2, $3, $4, $5, $6, r.value ->> 1, $7, r.value ->> 2, $8, $9, $10, $11, $12, r.value ->> 3, r.value ->> 4
		FROM json_each($13) r ORDER BY r.key`
	auditEachPostgres = `INSERT INTO audit
		(chain, seq, ts, user_id, role, action, outcome, family_id, member_id, referral_id, ip, user_agent, basis, segment, detail, prev_hash, hash)
		SELECT $1::integer, (r.e ->> 0)::bigint, $2::timestamptz, $3::bigint, $4::text, $5::text, $6::text, (r.e ->> 1)::bigint,
			$7::bigint, (r.e ->> 2)::bigint, $8::text, $9::text, $10::text, $11::text, $12::text, r.e ->> 3, r.e ->> 4
		FROM json_array_elements($13::json) WITH ORDINALITY AS r (e, n) ORDER BY r.n`
)

// auditEntry fills in an audit row of the transaction's actor, time and
// access point, and its chain: the first half of audit and of auditEach.
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
	e.Chain = int(e.UserID % auditChains) // preferred; see lockChainHead
	return e
}
