package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"regie"
	"regie/internal/keys"
)

// The access log's hashes come in two forms:
//
//   - v1, "<64 hex digits>": plain SHA-256, written before regie had a key
//     file. Anyone with the database can recompute it, so it only shows
//     changes made without recomputing.
//   - v2, "h2:<key id>:<64 hex digits>": HMAC-SHA256 under the audit key
//     derived from that key of the key file (internal/keys), which the
//     database never holds: without the key file a row can be neither
//     changed nor removed with the rest of its chain recomputed.
//
// A chain switches from v1 to v2 once (the first row written after the
// upgrade) and never back: an unkeyed row after keyed ones is a finding.
const auditHashV2 = "h2:"

// AuditKey keys the hashes of new access-log rows: the audit key derived
// from one key of the key file.
type AuditKey struct {
	id     string
	secret []byte
}

// NewAuditKey returns the audit key derived from the ring's newest key,
// the one new rows are hashed with; nil for a nil ring.
func NewAuditKey(r *keys.Ring) *AuditKey {
	if r == nil {
		return nil
	}
	return auditKeyFor(r, r.CurrentID())
}

func auditKeyFor(r *keys.Ring, id string) *AuditKey {
	secret, ok := r.Derive(id, keys.PurposeAudit)
	if !ok {
		return nil
	}
	return &AuditKey{id: id, secret: secret}
}

// ID is the id of the key file's key the audit key is derived from.
func (k *AuditKey) ID() string { return k.id }

// Hash is the v2 hash of an audit row: HMAC-SHA256 over a canonical JSON
// array of the row's fields, the previous row's hash and the key's id.
// JSON makes the encoding unambiguous whatever the fields contain.
func (k *AuditKey) Hash(e *regie.AuditEntry) string {
	mac := hmac.New(sha256.New, k.secret)
	mac.Write(auditFields("v2", k.id, e))
	return auditHashV2 + k.id + ":" + hex.EncodeToString(mac.Sum(nil))
}

// AuditHashV1 is the unkeyed hash of rows written before regie had a key
// file: SHA-256 over the same fields. New rows never get it; it is
// exported to verify old rows and for tests that play the insider who
// recomputes a chain without the key.
func AuditHashV1(e *regie.AuditEntry) string {
	sum := sha256.Sum256(auditFields("v1", "", e))
	return hex.EncodeToString(sum[:])
}

// auditFields is the canonical form of a row that its hash covers: the
// JSON array json.Marshal makes of [version, keyID (when set), chain, seq,
// ts, user, role, action, outcome, family, member, referral, ip, user
// agent, basis, segment, detail, prev_hash] — written by hand, byte for
// byte the same (FuzzAuditFields), because every access-log
// row is hashed once when written and again by each verify, and
// json.Marshal of a []any costs a reflection walk per field: a list page
// hashes a row per family it shows.
func auditFields(version, keyID string, e *regie.AuditEntry) []byte {
	b := make([]byte, 0, 256+len(e.UserAgent)+len(e.Basis)+len(e.Detail))
	b = append(b, '[')
	b = appendJSONString(b, version)
	if keyID != "" {
		b = appendJSONString(append(b, ','), keyID)
	}
	b = strconv.AppendInt(append(b, ','), int64(e.Chain), 10)
	b = strconv.AppendInt(append(b, ','), e.Seq, 10)
	b = appendJSONString(append(b, ','), ts(e.Time))
	b = strconv.AppendInt(append(b, ','), e.UserID, 10)
	for _, s := range []string{string(e.Role), string(e.Action), string(e.Outcome)} {
		b = appendJSONString(append(b, ','), s)
	}
	for _, n := range []int64{e.FamilyID, e.MemberID, e.ReferralID} {
		b = strconv.AppendInt(append(b, ','), n, 10)
	}
	for _, s := range []string{e.IP, e.UserAgent, e.Basis, string(e.Segment), e.Detail, e.PrevHash} {
		b = appendJSONString(append(b, ','), s)
	}
	return append(b, ']')
}

// appendJSONString appends s as json.Marshal writes it: quoted as is when
// it holds only printable ASCII that JSON and json.Marshal's HTML-safe
// escaping leave alone (the usual case: ids, hashes, Dutch words), and
// otherwise as json.Marshal itself writes it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// AuditKey is the key the store hashes new access-log rows with, or nil
// when it was opened without keys (and so writes no audit rows). The bulk
// loader of synthetic data (internal/seed) continues the chains with it.
func (s *Store) AuditKey() *AuditKey { return s.auditKey }

// auditKeyByID returns the audit key derived from key id of the store's
// key file, or nil when the key file has no such key.
func (s *Store) auditKeyByID(id string) *AuditKey {
	if s.keys == nil {
		return nil
	}
	return auditKeyFor(s.keys, id)
}

// AuditHeads returns the head of every chain, in chain order: what the
// anchoring writes outside the database.
func (s *Store) AuditHeads(ctx context.Context) ([]regie.AuditHead, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT chain, seq, hash FROM audit_heads ORDER BY chain`)
	if err != nil {
		return nil, fmt.Errorf("store: audit heads: %w", err)
	}
	defer rows.Close()
	var heads []regie.AuditHead
	for rows.Next() {
		var h regie.AuditHead
		if err := rows.Scan(&h.Chain, &h.Seq, &h.Hash); err != nil {
			return nil, err
		}
		heads = append(heads, h)
	}
	return heads, rows.Err()
}

// auditVerifier walks the chains and collects the findings.
type auditVerifier struct {
	s       *Store
	rep     *regie.AuditReport
	heads   map[int]regie.AuditHead
	anchors map[int][]regie.AuditAnchor // per chain, by seq
	// cuts is where each chain starts after months were detached
	// (DetachAuditBefore): the last detached row's seq and hash.
	cuts map[int]regie.AuditHead
	keys map[string]*AuditKey

	// The chain being walked.
	chain  int
	seq    int64
	prev   string
	keyed  bool
	next   int // next anchor of the chain to meet
	walked map[int]bool
}

// VerifyAudit implements regie.AuditService: it walks every chain in
// order, recomputes each hash (v1 unkeyed or v2 with its key), checks each
// link, each chain's head and each anchored head, and reports every break
// (consecutive rows with the same break as one finding).
func (s *Store) VerifyAudit(ctx context.Context, anchors []regie.AuditAnchor) (*regie.AuditReport, error) {
	v := &auditVerifier{s: s, rep: &regie.AuditReport{Chains: auditChains}, heads: map[int]regie.AuditHead{},
		anchors: map[int][]regie.AuditAnchor{}, keys: map[string]*AuditKey{}, chain: -1, walked: map[int]bool{}}
	heads, err := s.AuditHeads(ctx)
	if err != nil {
		return nil, err
	}
	if v.cuts, err = s.auditCuts(ctx); err != nil {
		return nil, err
	}
	for _, h := range heads {
		v.heads[h.Chain] = h
	}
	for _, a := range anchors {
		v.anchors[a.Chain] = append(v.anchors[a.Chain], a)
	}
	for c, as := range v.anchors {
		slices.SortStableFunc(as, func(a, b regie.AuditAnchor) int {
			if a.Seq != b.Seq {
				return int(a.Seq - b.Seq)
			}
			return a.Line - b.Line
		})
		// The same head anchored again (every minute while nothing was
		// written on the chain, and after each verify) is checked once.
		v.anchors[c] = slices.CompactFunc(as, func(a, b regie.AuditAnchor) bool { return a.AuditHead == b.AuditHead })
		v.rep.Anchors += len(v.anchors[c])
	}

	rows, err := s.rdb.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit a ORDER BY a.chain, a.seq`)
	if err != nil {
		return nil, fmt.Errorf("store: verify audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e := &regie.AuditEntry{}
		if err := scanAudit(rows, e); err != nil {
			return nil, err
		}
		v.row(e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	v.endChain()
	// Chains without any row: their head and anchors must say so too.
	for c := range auditChains {
		if v.walked[c] {
			continue
		}
		v.start(c)
		v.endChain()
	}
	return v.rep, nil
}

func (v *auditVerifier) row(e *regie.AuditEntry) {
	v.rep.Rows++
	if e.Chain != v.chain {
		v.endChain()
		v.start(e.Chain)
		v.walked[e.Chain] = true
	}
	switch {
	case e.Seq > v.seq+1:
		v.add(regie.AuditFinding{Kind: regie.FindingMissingRows, Chain: e.Chain, Seq: v.seq + 1, LastSeq: e.Seq - 1, HeadSeq: e.Seq})
	case e.PrevHash != v.prev:
		v.add(regie.AuditFinding{Kind: regie.FindingLink, Chain: e.Chain, Seq: e.Seq, ID: e.ID})
	}
	// Anchors of rows before this one were not met: those rows are gone.
	as := v.anchors[e.Chain]
	anchored := false
	for ; v.next < len(as) && as[v.next].Seq <= e.Seq; v.next++ {
		a := as[v.next]
		switch {
		case a.Seq < e.Seq:
			v.add(regie.AuditFinding{Kind: regie.FindingAnchorMissing, Chain: a.Chain, Seq: a.Seq, LastSeq: a.Seq, Line: a.Line, Time: a.Time})
		case a.Hash != e.Hash:
			v.add(regie.AuditFinding{Kind: regie.FindingAnchorChanged, Chain: a.Chain, Seq: a.Seq, LastSeq: a.Seq, ID: e.ID, Line: a.Line, Time: a.Time})
		default:
			anchored = true
		}
	}
	v.checkHash(e)
	// Anchors are written by a regie that has keys: every row after an
	// anchored one is keyed, even in a chain that was unkeyed until then.
	v.keyed = v.keyed || anchored
	v.seq, v.prev = e.Seq, e.Hash
}

// start begins walking chain c: at its first row, or after its cut when
// its first months were detached. Anchors of detached rows are passed
// over: those rows were verified before their months were detached and
// are kept outside the database.
func (v *auditVerifier) start(c int) {
	v.chain, v.seq, v.prev, v.keyed, v.next = c, 0, "", false, 0
	if cut, ok := v.cuts[c]; ok {
		v.seq, v.prev, v.keyed = cut.Seq, cut.Hash, strings.HasPrefix(cut.Hash, auditHashV2)
		as := v.anchors[c]
		for v.next < len(as) && as[v.next].Seq <= cut.Seq {
			v.next++
		}
	}
}

// auditCuts reads audit_cuts by chain.
func (s *Store) auditCuts(ctx context.Context) (map[int]regie.AuditHead, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT chain, seq, hash FROM audit_cuts`)
	if err != nil {
		return nil, fmt.Errorf("store: audit cuts: %w", err)
	}
	defer rows.Close()
	cuts := map[int]regie.AuditHead{}
	for rows.Next() {
		var h regie.AuditHead
		if err := rows.Scan(&h.Chain, &h.Seq, &h.Hash); err != nil {
			return nil, err
		}
		cuts[h.Chain] = h
	}
	return cuts, rows.Err()
}

// checkHash recomputes the row's hash in the form the row names.
func (v *auditVerifier) checkHash(e *regie.AuditEntry) {
	f := regie.AuditFinding{Chain: e.Chain, Seq: e.Seq, ID: e.ID}
	if rest, ok := strings.CutPrefix(e.Hash, auditHashV2); ok {
		v.keyed = true
		v.rep.Keyed++
		id, _, _ := strings.Cut(rest, ":")
		k, ok := v.keys[id]
		if !ok {
			k = v.s.auditKeyByID(id)
			v.keys[id] = k
		}
		switch {
		case k == nil:
			f.Kind, f.KeyID = regie.FindingUnknownKey, id
		case !hmac.Equal([]byte(k.Hash(e)), []byte(e.Hash)):
			f.Kind = regie.FindingChanged
		}
	} else if len(e.Hash) == 64 {
		switch {
		case v.keyed:
			f.Kind = regie.FindingUnkeyed
		case AuditHashV1(e) != e.Hash:
			f.Kind = regie.FindingChanged
		}
	} else {
		f.Kind = regie.FindingHashForm
	}
	if f.Kind != "" {
		v.add(f)
	}
}

// endChain checks the walked chain's head and its anchors past its end.
func (v *auditVerifier) endChain() {
	if v.chain < 0 {
		return
	}
	if h := v.heads[v.chain]; h.Seq != v.seq || h.Hash != v.prev {
		v.add(regie.AuditFinding{Kind: regie.FindingHead, Chain: v.chain, Seq: v.seq, LastSeq: v.seq, HeadSeq: h.Seq})
	}
	as := v.anchors[v.chain]
	for ; v.next < len(as); v.next++ {
		a := as[v.next]
		v.add(regie.AuditFinding{Kind: regie.FindingAnchorMissing, Chain: a.Chain, Seq: a.Seq, LastSeq: a.Seq, Line: a.Line, Time: a.Time})
	}
}

// add records a finding; a row finding that continues the previous one
// (same kind, same chain, the next row) widens it instead.
func (v *auditVerifier) add(f regie.AuditFinding) {
	if f.LastSeq < f.Seq {
		f.LastSeq = f.Seq
	}
	if n := len(v.rep.Findings); n > 0 {
		last := &v.rep.Findings[n-1]
		switch f.Kind {
		case regie.FindingLink, regie.FindingChanged, regie.FindingUnkeyed, regie.FindingUnknownKey, regie.FindingHashForm:
			if last.Kind == f.Kind && last.Chain == f.Chain && last.KeyID == f.KeyID && last.LastSeq+1 == f.Seq {
				last.LastSeq = f.Seq
				return
			}
		}
	}
	v.rep.Findings = append(v.rep.Findings, f)
}
