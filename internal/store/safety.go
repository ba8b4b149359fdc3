package store

import (
	"context"
	"fmt"

	"regie"
)

// safetyConcerns queues the read of the family's concerns, open first, newest first, into *cs.
func (b *batch) safetyConcerns(familyID int64, cs *[]*regie.SafetyConcern) {
	b.each("safety concerns", `SELECT s.id, s.family_id, s.member_id, COALESCE(m.given_name || ' ' || m.family_name, ''), s.what,
			s.since, s.severity, s.actions, s.meldcode, s.created_by, s.created_at, s.resolved_on, s.resolved_note
		FROM safety_concerns s LEFT JOIN members m ON m.id = s.member_id
		WHERE s.family_id = $1
		ORDER BY CASE WHEN s.resolved_on IS NULL THEN 0 ELSE 1 END,
			CASE s.severity WHEN 'acuut' THEN 0 WHEN 'hoog' THEN 1 WHEN 'midden' THEN 2 ELSE 3 END, s.since DESC, s.id DESC`,
		[]any{familyID}, func(sc scanner) error {
			c := &regie.SafetyConcern{}
			var sev, meld string
			if err := sc.Scan(&c.ID, &c.FamilyID, idScan{&c.MemberID}, &c.MemberName, &c.What, dateScan{&c.Since}, &sev, &c.Actions,
				&meld, &c.CreatedBy, timeScan{&c.CreatedAt}, dateScan{&c.ResolvedOn}, &c.ResolvedNote); err != nil {
				return err
			}
			c.Severity, c.Meldcode = regie.Severity(sev), regie.Meldcode(meld)
			*cs = append(*cs, c)
			return nil
		})
}

// AddSafetyConcern implements regie.FamilyService.
func (s *Store) AddSafetyConcern(ctx context.Context, familyID int64, in regie.SafetyInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegSafety, familyID, in.MemberID)
		if err != nil {
			return err
		}
		since, verr := in.Validate(tx.today())
		if in.MemberID != 0 {
			if _, err := tx.findMember(ctx, familyID, in.MemberID); err != nil {
				verr = addField(verr, "member", regie.MsgChoiceInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO safety_concerns (family_id, member_id, what, since, severity, actions, meldcode, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, familyID, nullID(in.MemberID), in.What, since.ISO(), string(in.Severity), in.Actions,
			string(in.Meldcode), tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: add safety concern: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegSafety,
			FamilyID: familyID, MemberID: in.MemberID, Basis: dec.Basis, Detail: "zorg over veiligheid vastgelegd (" + in.Severity.Label() + ")"})
	})
}

// ResolveSafetyConcern implements regie.FamilyService.
func (s *Store) ResolveSafetyConcern(ctx context.Context, familyID, concernID int64, note string) error {
	note = regie.Clean(note)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegSafety, familyID, 0)
		if err != nil {
			return err
		}
		var v regie.Validation
		v.Required("note", note)
		v.MaxLen("note", note, 2000)
		if err := v.Err(); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE safety_concerns SET resolved_on = $1, resolved_note = $2
			WHERE id = $3 AND family_id = $4 AND resolved_on IS NULL`, tx.today().ISO(), note, concernID, familyID)
		if err != nil {
			return fmt.Errorf("store: resolve safety concern: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return regie.NotFound()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegSafety,
			FamilyID: familyID, Basis: dec.Basis, Detail: "zorg over veiligheid afgesloten"})
	})
}
