package store

import (
	"context"
	"fmt"
	"strings"

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

// SummaryReport is what CheckSummaries found: how many families it
// checked and each family whose stored summary differs from the one its
// rows give.
type SummaryReport struct {
	Families   int
	Mismatches []SummaryMismatch
	// Fixed: the mismatches were written over with the recomputed summary.
	Fixed bool
}

// SummaryMismatch is one family's differing summary: per field, in Dutch,
// the stored and the recomputed value ("uren totaal: 493,5 → 533").
type SummaryMismatch struct {
	FamilyID int64
	Fields   []string
}

// CheckSummaries recomputes every family's summary (family_summaries) from
// its phase transitions, contacts, checklist and plan, and compares it with
// the stored one. With fix, it writes the recomputed summary where they
// differ — each family in its own transaction, holding that family's summary
// lock (lockSummary) so it cannot race a contact being saved — and audits
// each correction as the command line. It repairs installations whose
// summaries lost counts to concurrent saves on PostgreSQL before the lock
// (regie summary check|recompute).
func (s *Store) CheckSummaries(ctx context.Context, fix bool) (*SummaryReport, error) {
	rep := &SummaryReport{Fixed: fix}
	var ids []int64
	err := s.read(ctx, func(tx *tx) error {
		var err error
		if ids, err = tx.queryIDs(ctx, `SELECT family_id FROM family_summaries ORDER BY family_id`); err != nil {
			return fmt.Errorf("store: check summaries: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		check := func(tx *tx) error {
			read := tx.readSummary
			if fix {
				read = tx.lockSummary
			}
			stored, err := read(ctx, id)
			if err != nil {
				return err
			}
			computed, err := tx.computeSummary(ctx, id, stored.teamID)
			if err != nil {
				return err
			}
			diff := summaryDiff(stored, computed)
			if len(diff) == 0 {
				return nil
			}
			rep.Mismatches = append(rep.Mismatches, SummaryMismatch{FamilyID: id, Fields: diff})
			if !fix {
				return nil
			}
			if err := tx.writeSummary(ctx, id, computed); err != nil {
				return err
			}
			return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegContacts,
				FamilyID: id, Basis: "beheer: samenvatting herberekend", Detail: truncate("samenvatting herberekend: "+strings.Join(diff, "; "), 500)})
		}
		if fix {
			err = s.write(ctx, check)
		} else {
			err = s.read(ctx, check)
		}
		if err != nil {
			return rep, fmt.Errorf("store: check summary of %s: %w", regie.DossierNumber(id), err)
		}
		rep.Families++
	}
	return rep, nil
}

// summaryDiff names, in Dutch, the fields in which two summaries differ.
func summaryDiff(stored, computed *summary) []string {
	a, b := stored.facts, computed.facts
	hours := func(m int) string { return regie.FormatHours(m) }
	day := func(d regie.Date) string {
		if d.IsZero() {
			return "geen"
		}
		return d.ISO()
	}
	var out []string
	for _, f := range []struct{ label, stored, computed string }{
		{"fase", fmt.Sprint(int(a.Phase)), fmt.Sprint(int(b.Phase))},
		{"faseovergang", fmt.Sprint(stored.transitionID), fmt.Sprint(computed.transitionID)},
		{"fase begonnen op", day(a.PhaseStartedOn), day(b.PhaseStartedOn)},
		{"intensieve fase begonnen op", day(a.IntensiveStartedOn), day(b.IntensiveStartedOn)},
		{"regiefase begonnen op", day(a.CoordinationStartedOn), day(b.CoordinationStartedOn)},
		{"uren totaal", hours(a.MinutesTotal), hours(b.MinutesTotal)},
		{"uren intensieve fase", hours(a.MinutesIntensive), hours(b.MinutesIntensive)},
		{"uren huidige fase", hours(a.MinutesPhase), hours(b.MinutesPhase)},
		{"contactmomenten", fmt.Sprint(stored.contacts), fmt.Sprint(computed.contacts)},
		{"laatste contact", day(a.LastContactOn), day(b.LastContactOn)},
		{"laatst bereikt", day(a.LastReachedOn), day(b.LastReachedOn)},
		{"pogingen zonder contact op rij", fmt.Sprint(a.RejectedStreak), fmt.Sprint(b.RejectedStreak)},
		{"laatste netwerkoverleg", day(a.LastNetworkMeetingOn), day(b.LastNetworkMeetingOn)},
		{"tussenevaluatie", day(a.InterimDoneOn), day(b.InterimDoneOn)},
		{"plan vastgesteld op", day(a.PlanAgreedOn), day(b.PlanAgreedOn)},
		{"volgende tussenevaluatie", day(a.NextInterimOn), day(b.NextInterimOn)},
		{"eindevaluatie", day(a.FinalEvalOn), day(b.FinalEvalOn)},
		{"dossier gesloten op", day(a.ClosedOn), day(b.ClosedOn)},
		{"check-ups", fmt.Sprint(a.CheckupsDone), fmt.Sprint(b.CheckupsDone)},
		{"laatste check-up", day(a.LastCheckupOn), day(b.LastCheckupOn)},
	} {
		if f.stored != f.computed {
			out = append(out, fmt.Sprintf("%s: %s → %s", f.label, f.stored, f.computed))
		}
	}
	return out
}
