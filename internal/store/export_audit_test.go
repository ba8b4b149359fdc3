package store

import (
	"context"

	"regie"
)

// AuditEachForTest writes one list row per family of families[i], in one
// transaction and one call of auditEach, as users[i] when that is not zero
// (so several chains in one call) and otherwise as the context's actor.
func (s *Store) AuditEachForTest(ctx context.Context, users, families []int64) error {
	return s.write(ctx, func(tx *tx) error {
		recs := make([]auditRecord, len(families))
		for i, fam := range families {
			recs[i] = auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegFamilyList,
				FamilyID: fam, Basis: "test", Detail: "batch", UserID: users[i]}
		}
		return tx.auditEach(ctx, recs)
	})
}
