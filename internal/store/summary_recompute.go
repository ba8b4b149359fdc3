package store

import (
	"context"
	"fmt"

	"regie"
)

// SummaryRow is a family_summaries row as the store reads it. It exists
// for RecomputeSummaryForTest only.
type SummaryRow struct {
	TeamID       int64
	TransitionID int64
	Contacts     int
	Facts        regie.FamilyFacts
}

// RecomputeSummaryForTest returns a family's stored summary row and the
// row that refreshSummary computes from its phase transitions, contacts
// and checklist ticks, in a transaction that is rolled back: nothing
// changes and nothing is audited. FOR TESTS AND BENCHMARKS ONLY: the seed
// generator (internal/seed) writes summaries itself, and its test checks
// them with this.
func (s *Store) RecomputeSummaryForTest(ctx context.Context, familyID int64) (stored, recomputed SummaryRow, err error) {
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return stored, recomputed, fmt.Errorf("store: begin: %w", err)
	}
	defer sqlTx.Rollback() //nolint:errcheck // always rolled back
	t := &tx{Tx: sqlTx, s: s, now: s.Clock.Now().UTC(), actor: regie.ActorFromContext(ctx)}
	row := func() (SummaryRow, error) {
		sum, err := t.readSummary(ctx, familyID)
		if err != nil {
			return SummaryRow{}, err
		}
		return SummaryRow{TeamID: sum.teamID, TransitionID: sum.transitionID, Contacts: sum.contacts, Facts: sum.facts}, nil
	}
	if stored, err = row(); err != nil {
		return stored, recomputed, err
	}
	if err := t.refreshSummary(ctx, familyID); err != nil {
		return stored, recomputed, err
	}
	recomputed, err = row()
	return stored, recomputed, err
}
