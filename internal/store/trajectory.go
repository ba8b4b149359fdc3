package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// FindTrajectories implements regie.TrajectoryService.
func (s *Store) FindTrajectories(ctx context.Context, familyID int64) (*regie.Trajectories, error) {
	out := &regie.Trajectories{}
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegTrajectories, familyID, 0)
		if err != nil {
			return err
		}
		if out.List, err = tx.trajectories(ctx, familyID, 0); err != nil {
			return err
		}
		discloseTrajectories(out, disclosure(dec))
		out.CountAgencies(tx.today())
		out.CanEdit = policy.Decide(tx.actor, regie.ActionUpdate, regie.SegTrajectories, f).Allow
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegTrajectories,
			FamilyID: familyID, Basis: dec.Basis, Detail: "trajecten"})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// trajectories returns the family's trajectories (or the one with id),
// the running ones first.
func (tx *tx) trajectories(ctx context.Context, familyID, id int64) ([]*regie.Trajectory, error) {
	var ts []*regie.Trajectory
	b := tx.batch()
	b.trajectories(familyID, id, &ts)
	return ts, b.run(ctx)
}

// trajectories queues tx.trajectories's read into *ts.
func (b *batch) trajectories(familyID, id int64, ts *[]*regie.Trajectory) {
	b.each("trajectories", `SELECT t.id, t.family_id, t.member_id, COALESCE(m.given_name || ' ' || m.family_name, ''),
			t.domain, t.org_id, o.name, t.intervention, t.status, t.waiting_since, t.started_on, t.ended_on, t.reason,
			t.contact_person, t.updated_at
		FROM trajectories t JOIN organisations o ON o.id = t.org_id LEFT JOIN members m ON m.id = t.member_id
		WHERE t.family_id = $1 AND ($2 = 0 OR t.id = $2)
		ORDER BY CASE WHEN t.ended_on IS NULL THEN 0 ELSE 1 END, COALESCE(t.started_on, t.waiting_since, t.created_at) DESC, t.id DESC`,
		[]any{familyID, id}, func(sc scanner) error {
			t := &regie.Trajectory{}
			var domain, status string
			if err := sc.Scan(&t.ID, &t.FamilyID, idScan{&t.MemberID}, &t.MemberName, &domain, &t.OrgID, &t.OrgName, &t.Intervention,
				&status, dateScan{&t.WaitingSince}, dateScan{&t.StartedOn}, dateScan{&t.EndedOn}, &t.Reason, &t.ContactPerson,
				timeScan{&t.UpdatedAt}); err != nil {
				return err
			}
			t.Domain, t.Status = regie.Domain(domain), regie.TrajectoryStatus(status)
			*ts = append(*ts, t)
			return nil
		})
}

// SaveTrajectory implements regie.TrajectoryService.
func (s *Store) SaveTrajectory(ctx context.Context, familyID, id int64, in regie.TrajectoryInput) (*regie.Trajectory, error) {
	var out *regie.Trajectory
	act := regie.ActionCreate
	if id != 0 {
		act = regie.ActionUpdate
	}
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, act, regie.SegTrajectories, familyID, 0)
		if err != nil {
			return err
		}
		waiting, started, ended, verr := in.Validate(tx.today())
		if in.MemberID != 0 {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM members WHERE id = $1 AND family_id = $2`, in.MemberID, familyID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "member", regie.MsgMemberOtherFamily)
			}
		}
		if in.OrgID != 0 {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, in.OrgID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "org", regie.MsgChoiceInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		args := []any{nullID(in.MemberID), string(in.Domain), in.OrgID, in.Intervention, string(in.Status), date(waiting), date(started),
			date(ended), in.Reason, in.ContactPerson, ts(tx.now)}
		if id == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO trajectories (member_id, domain, org_id, intervention, status, waiting_since,
				started_on, ended_on, reason, contact_person, updated_at, created_at, family_id, created_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13) RETURNING id`,
				append(args, familyID, tx.actor.UserID)...).Scan(&id)
			if err != nil {
				return fmt.Errorf("store: create trajectory: %w", err)
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE trajectories SET member_id = $1, domain = $2, org_id = $3, intervention = $4,
				status = $5, waiting_since = $6, started_on = $7, ended_on = $8, reason = $9, contact_person = $10, updated_at = $11
				WHERE family_id = $12 AND id = $13`, append(args, familyID, id)...)
			if err != nil {
				return fmt.Errorf("store: update trajectory: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return regie.NotFound()
			}
		}
		list, err := tx.trajectories(ctx, familyID, id)
		if err != nil {
			return err
		}
		out = list[0]
		return tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegTrajectories, FamilyID: familyID,
			Basis: dec.Basis, Detail: fmt.Sprintf("traject %d: %s", id, out.Status.Label())})
	})
	return out, err
}
