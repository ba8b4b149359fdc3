package store

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"regie"
)

// auditFieldsByMarshal is the canonical form as it was first written: a
// []any through json.Marshal. Rows hashed with it must keep verifying.
func auditFieldsByMarshal(version, keyID string, e *regie.AuditEntry) []byte {
	f := []any{version}
	if keyID != "" {
		f = append(f, keyID)
	}
	f = append(f, e.Chain, e.Seq, ts(e.Time), e.UserID, e.Role, e.Action, e.Outcome,
		e.FamilyID, e.MemberID, e.ReferralID, e.IP, e.UserAgent, e.Basis, e.Segment, e.Detail, e.PrevHash)
	b, err := json.Marshal(f)
	if err != nil {
		panic(err)
	}
	return b
}

// FuzzAuditFields holds the hand-written canonical form to json.Marshal's,
// byte for byte, for any text in any field. `go test -fuzz
// FuzzAuditFields ./internal/store` searches further than the seeds.
func FuzzAuditFields(f *testing.F) {
	for _, s := range []string{"", "gezinspagina", `a "quoted" \\ back`, "<script>&amp;</script>", "tab\tnew\nline\x00nul",
		"Şahin – ‘één’ 🙂", "line\u2028sep\u2029para", "\xff\xfeinvalid", "\x7f del", "Mozilla/5.0 (X11; Linux x86_64)"} {
		f.Add(s, s, int64(42), "k1")
		f.Add(s, "", int64(-7), "")
	}
	f.Fuzz(func(t *testing.T, text, agent string, id int64, keyID string) {
		e := &regie.AuditEntry{Chain: int(id % 16), Seq: id, Time: time.Unix(id%4102444800, id%1e9).UTC(), UserID: id, Role: regie.Role(text),
			Action: regie.ActionRead, Outcome: regie.Outcome(agent), FamilyID: -id, MemberID: id / 3, ReferralID: 0, IP: text,
			UserAgent: agent, Basis: text + agent, Segment: regie.Segment(agent), Detail: text, PrevHash: keyID}
		for _, version := range []string{"v1", "v2"} {
			got, want := auditFields(version, keyID, e), auditFieldsByMarshal(version, keyID, e)
			if !bytes.Equal(got, want) {
				t.Fatalf("auditFields(%q, %q):\n got %s\nwant %s", version, keyID, got, want)
			}
		}
	})
}
