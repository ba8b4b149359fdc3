package store

import (
	"context"

	"regie"
)

// AuditEachForTest writes one list row per family of families, as the
// context's actor, in one transaction and one call of auditEach.
func (s *Store) AuditEachForTest(ctx context.Context, families []int64) error {
	return s.write(ctx, func(tx *tx) error {
		subjects := make([]auditSubject, len(families))
		for i, fam := range families {
			subjects[i].FamilyID = fam
		}
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegFamilyList,
			Basis: "test", Detail: "batch"}, subjects)
	})
}
