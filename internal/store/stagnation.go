package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// Partners' reports of stagnation (regie.StagnationService).

// ReportStagnation implements regie.StagnationService.
func (s *Store) ReportStagnation(ctx context.Context, familyID int64, in regie.StagnationInput) (*regie.Stagnation, error) {
	var out *regie.Stagnation
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegStagnation, familyID, 0)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO stagnation_reports (family_id, org_id, reported_by, reported_on, reason, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			familyID, tx.actor.OrganisationID, tx.actor.UserID, date(tx.today()), in.Reason, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: report stagnation: %w", err)
		}
		list, err := tx.stagnations(ctx, familyID, 0)
		if err != nil {
			return err
		}
		for _, r := range list {
			if r.ID == id {
				out = r
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegStagnation,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("stagnatie gemeld (%d)", id)})
	})
	return out, err
}

// FindStagnations implements regie.StagnationService.
func (s *Store) FindStagnations(ctx context.Context, familyID int64) ([]*regie.Stagnation, error) {
	var out []*regie.Stagnation
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegStagnation, familyID, 0)
		if err != nil {
			return err
		}
		var org int64
		if policy.OrganisationWork(tx.actor) {
			org = tx.actor.OrganisationID // a partner reads its own organisation's reports
		}
		if out, err = tx.stagnations(ctx, familyID, org); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegStagnation,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("stagnatiemeldingen: %d", len(out))})
	})
	return out, err
}

// stagnations loads a family's reports, newest first; orgID limits them to
// one organisation's (0: all). No access check.
func (tx *tx) stagnations(ctx context.Context, familyID, orgID int64) ([]*regie.Stagnation, error) {
	var out []*regie.Stagnation
	b := tx.batch()
	b.stagnations(familyID, orgID, &out)
	return out, b.run(ctx)
}

// stagnations queues tx.stagnations's read into *out.
func (b *batch) stagnations(familyID, orgID int64, out *[]*regie.Stagnation) {
	b.each("stagnations", `SELECT r.id, r.family_id, r.org_id, o.name, u.name, r.reported_on, r.reason, r.created_at,
			r.handled_on, COALESCE(h.name, ''), r.handled_note, r.discussed_on, COALESCE(d.name, '')
		FROM stagnation_reports r JOIN organisations o ON o.id = r.org_id JOIN users u ON u.id = r.reported_by
		LEFT JOIN users h ON h.id = r.handled_by LEFT JOIN users d ON d.id = r.discussed_by
		WHERE r.family_id = $1 AND ($2 = 0 OR r.org_id = $2)
		ORDER BY r.reported_on DESC, r.id DESC`, []any{familyID, orgID}, func(sc scanner) error {
		r := &regie.Stagnation{}
		if err := sc.Scan(&r.ID, &r.FamilyID, &r.OrgID, &r.OrgName, &r.ReportedByName, dateScan{&r.ReportedOn}, &r.Reason,
			timeScan{&r.CreatedAt}, dateScan{&r.HandledOn}, &r.HandledByName, &r.HandledNote, dateScan{&r.DiscussedOn},
			&r.DiscussedByName); err != nil {
			return err
		}
		*out = append(*out, r)
		return nil
	})
}
