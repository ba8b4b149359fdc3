package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"regie"
	"regie/internal/policy"
)

// auditChains is the number of hash chains in the access log (rows in
// audit_heads, made by migration 1). A transaction writes its rows to one
// chain, whose head it locks until it ends (see lockChainHead), so on
// PostgreSQL writers of different chains never wait for each other.
const auditChains = 16

// auditRecord is what an access adds to the log; the actor, access point
// and time come from the transaction.
type auditRecord struct {
	Action     regie.Action
	Outcome    regie.Outcome
	Segment    regie.Segment
	FamilyID   int64
	MemberID   int64
	ReferralID int64
	Basis      string
	Detail     string
	// UserID overrides the actor's user, for log-in steps where the actor
	// is not yet known.
	UserID int64
	Role   regie.Role
}

// audit appends a row to the transaction's chain (see lockChainHead), in the transaction tx. Any
// error fails the whole transaction: no access without its audit row.
func (tx *tx) audit(ctx context.Context, r auditRecord) error {
	e := tx.auditEntry(r)
	var err error
	if e.Chain, e.Seq, e.PrevHash, err = tx.lockChainHead(ctx, e.Chain); err != nil {
		return err
	}
	e.Seq++
	if e.Hash, err = tx.auditHash(&e); err != nil {
		return err
	}
	if err := tx.appendToChain(ctx, "audit: insert", `INSERT INTO audit
		(chain, seq, ts, user_id, role, action, outcome, family_id, member_id, referral_id, ip, user_agent, basis, segment, detail, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
		[]any{e.Chain, e.Seq, ts(e.Time), e.UserID, string(e.Role), string(e.Action), string(e.Outcome), e.FamilyID, e.MemberID, e.ReferralID,
			e.IP, e.UserAgent, e.Basis, string(e.Segment), e.Detail, e.PrevHash, e.Hash}, e.Seq, e.Hash); err != nil {
		return err
	}
	tx.countAudit(e.Action, e.Outcome, 1)
	return nil
}

// lockChainHead locks the head of the chain the transaction writes its
// access-log rows to and returns it: the chain, its last seq and hash.
// The first call picks the chain; later calls of the same transaction
// keep it (their rows follow each other, and one lock is held, not two).
//
// SQLite has one writer at a time: the actor's own chain (preferred). On
// PostgreSQL the head stays locked until the transaction commits, so two
// transactions on one chain run their audit, and everything after it, one
// after the other — the requests of one busy user, or of users whose ids
// share a chain, queued behind each other's commit. So the transaction
// takes the preferred chain when it is free and otherwise the first free
// one (SKIP LOCKED never waits); only when every chain is taken, by more
// writers than chains, does it wait for the preferred one. A chain is a
// sequence of rows, not a user's history: the verifier walks each chain
// by seq whoever wrote the rows.
//
// The transaction keeps the head as it moves it (appendToChain), so only
// its first row reads it.
func (tx *tx) lockChainHead(ctx context.Context, preferred int) (chain int, seq int64, hash string, err error) {
	if tx.chainLocked {
		return tx.chain, tx.chainSeq, tx.chainHash, nil
	}
	if tx.s.d.name == "postgres" {
		err = tx.QueryRowContext(ctx, `SELECT chain, seq, hash FROM audit_heads
			ORDER BY chain = $1 DESC, chain FOR UPDATE SKIP LOCKED LIMIT 1`, preferred).Scan(&chain, &seq, &hash)
		if err == nil {
			tx.chain, tx.chainLocked, tx.chainSeq, tx.chainHash = chain, true, seq, hash
			return chain, seq, hash, nil
		} else if !isNoRows(err) {
			return 0, 0, "", fmt.Errorf("store: audit: lock a chain head: %w", err)
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE chain = $1`+tx.s.d.forUpdate, preferred).Scan(&seq, &hash); err != nil {
		return 0, 0, "", fmt.Errorf("store: audit: read chain head: %w", err)
	}
	tx.chain, tx.chainLocked, tx.chainSeq, tx.chainHash = preferred, true, seq, hash
	return preferred, seq, hash, nil
}

// appendToChain runs insert, which adds rows to the locked chain, and
// moves the chain's head to its last row, seq and hash: on PostgreSQL
// both in one round trip (see batch). The head moves in a statement of
// its own: the trigger audit_seq_ahead checks, at the end of the
// INSERT, that the rows are past the head as it was.
func (tx *tx) appendToChain(ctx context.Context, what, insert string, args []any, seq int64, hash string) error {
	b := tx.batch()
	b.exec(what, insert, args)
	b.exec("audit: move chain head", `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, []any{seq, hash, tx.chain})
	if err := b.run(ctx); err != nil {
		return err
	}
	tx.chainSeq, tx.chainHash = seq, hash
	return nil
}

// auditHash is the hash of a new row: keyed with the store's audit key
// (see auditverify.go). Every writer of audit rows uses it.
func (tx *tx) auditHash(e *regie.AuditEntry) (string, error) {
	if tx.s.auditKey == nil {
		return "", errors.New("store: audit: the store was opened without keys")
	}
	return tx.s.auditKey.Hash(e), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// decide asks the policy and, when it denies, writes the denied attempt's
// audit row and returns errDenied so the transaction commits that row and
// the caller gets deniedErr. When it allows, the caller does the work and
// writes its own audit row with the decision's basis.
func (tx *tx) decide(ctx context.Context, act regie.Action, seg regie.Segment, f *policy.Facts, familyID, memberID int64, deniedErr error) (policy.Decision, error) {
	return tx.decideRecord(ctx, act, seg, f, auditRecord{FamilyID: familyID, MemberID: memberID}, deniedErr)
}

// decideRecord is decide for accesses that name more than a family (a
// referral): rec carries the ids for the denied attempt's row.
func (tx *tx) decideRecord(ctx context.Context, act regie.Action, seg regie.Segment, f *policy.Facts, rec auditRecord, deniedErr error) (policy.Decision, error) {
	dec := policy.Decide(tx.actor, act, seg, f)
	if dec.Allow {
		return dec, nil
	}
	rec.Action, rec.Outcome, rec.Segment, rec.Basis = act, regie.OutcomeDenied, seg, policy.Denied
	if err := tx.audit(ctx, rec); err != nil {
		return dec, err
	}
	return dec, &errDenied{err: deniedErr}
}

const auditColumns = `a.id, a.chain, a.seq, a.ts, a.user_id, a.role, a.action, a.outcome, a.family_id, a.member_id, a.referral_id,
	a.ip, a.user_agent, a.basis, a.segment, a.detail, a.prev_hash, a.hash`

func scanAudit(sc interface{ Scan(...any) error }, e *regie.AuditEntry, extra ...any) error {
	var role, action, outcome, segment string
	dest := []any{&e.ID, &e.Chain, &e.Seq, timeScan{&e.Time}, &e.UserID, &role, &action, &outcome, &e.FamilyID, &e.MemberID, &e.ReferralID,
		&e.IP, &e.UserAgent, &e.Basis, &segment, &e.Detail, &e.PrevHash, &e.Hash}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	e.Role, e.Action, e.Outcome, e.Segment = regie.Role(role), regie.Action(action), regie.Outcome(outcome), regie.Segment(segment)
	return nil
}

// FindAuditEntries implements regie.AuditService. It pages newest first
// inside the family or user index; the count is bounded to that family or
// user (and the time range), never the whole log.
func (s *Store) FindAuditEntries(ctx context.Context, f regie.AuditFilter) ([]*regie.AuditEntry, int, error) {
	var (
		entries []*regie.AuditEntry
		total   int
	)
	err := s.write(ctx, func(tx *tx) error {
		var fam int64
		if f.FamilyID != nil {
			fam = *f.FamilyID
		}
		act := regie.ActionRead
		if f.Export {
			act = regie.ActionExport
		}
		dec, err := tx.decide(ctx, act, regie.SegAuditLog, nil, fam, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		if err := tx.customPlans(ctx); err != nil {
			return err
		}
		where, args := []string{"1 = 1"}, []any{}
		add := func(cond string, v any) {
			args = append(args, v)
			where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
		}
		if f.FamilyID != nil {
			add("a.family_id = ?", *f.FamilyID)
			// The predicate of the partial index audit_family_ts, spelled
			// out: SQLite uses a partial index only when the query
			// implies its WHERE clause.
			where = append(where, "a.family_id <> 0")
		}
		if f.UserID != nil {
			add("a.user_id = ?", *f.UserID)
		}
		if f.ReferralID != nil {
			add("a.referral_id = ?", *f.ReferralID)
			where = append(where, "a.referral_id <> 0") // see above
		}
		if !f.Since.IsZero() {
			add("a.ts >= ?", ts(f.Since))
		}
		if !f.Until.IsZero() {
			add("a.ts < ?", ts(f.Until))
		}
		if f.NotOK {
			where = append(where, "a.outcome <> 'ok'")
		}
		if f.FamilyID == nil && f.UserID == nil && f.ReferralID == nil && (f.Since.IsZero() || !f.NotOK) {
			// Counting the whole log would scan tens of millions of rows.
			return regie.Errorf(regie.EINVALID, "Kies een gezin, een gebruiker of de geweigerde pogingen van een periode.")
		}
		cond := strings.Join(where, " AND ")
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit a WHERE `+cond, args...).Scan(&total); err != nil {
			return fmt.Errorf("store: count audit: %w", err)
		}
		limit := f.Limit
		if limit <= 0 || limit > 500 && !f.Export {
			limit = 50
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+`, COALESCE(u.name, '')
			FROM audit a LEFT JOIN users u ON u.id = a.user_id
			WHERE `+cond+` ORDER BY a.ts DESC, a.id DESC LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(max(f.Offset, 0)), args...)
		if err != nil {
			return fmt.Errorf("store: find audit: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e := &regie.AuditEntry{}
			if err := scanAudit(rows, e, &e.UserName); err != nil {
				return err
			}
			entries = append(entries, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var detail string
		switch {
		case f.FamilyID != nil:
			detail = "toegangslog van gezin " + regie.DossierNumber(*f.FamilyID)
		case f.UserID != nil:
			detail = fmt.Sprintf("toegangslog van gebruiker %d", *f.UserID)
		default:
			detail = "geweigerde en mislukte pogingen"
		}
		return tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegAuditLog,
			FamilyID: fam, Basis: dec.Basis, Detail: detail})
	})
	return entries, total, err
}
