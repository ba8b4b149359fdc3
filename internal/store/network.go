package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// The family's informal network (regie.NetworkPersonService): persons
// outside the household and outside organisations, who own agreements and
// attend network meetings. They are ended, never deleted.

// FindNetworkPersons implements regie.NetworkPersonService.
func (s *Store) FindNetworkPersons(ctx context.Context, familyID int64) (*regie.NetworkPersons, error) {
	out := &regie.NetworkPersons{}
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegNetworkPersons, familyID, 0)
		if err != nil {
			return err
		}
		if out.List, err = tx.networkPersons(ctx, familyID, 0); err != nil {
			return err
		}
		out.CanEdit = policy.Can(tx.actor, regie.ActionUpdate, regie.SegNetworkPersons, f)
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegNetworkPersons,
			FamilyID: familyID, Basis: dec.Basis, Detail: "informeel netwerk"})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// networkPersons returns the family's persons (or the one with id): those
// taking part first, then the ended ones, each by name.
func (tx *tx) networkPersons(ctx context.Context, familyID, id int64) ([]*regie.NetworkPerson, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.family_id, p.name, p.relation, p.phone, p.note, p.ended_on, u.name, p.updated_at
		FROM network_persons p JOIN users u ON u.id = p.created_by
		WHERE p.family_id = $1 AND ($2 = 0 OR p.id = $2)
		ORDER BY CASE WHEN p.ended_on IS NULL THEN 0 ELSE 1 END, p.name, p.id`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: network persons: %w", err)
	}
	defer rows.Close()
	var out []*regie.NetworkPerson
	for rows.Next() {
		p := &regie.NetworkPerson{}
		var rel string
		if err := rows.Scan(&p.ID, &p.FamilyID, &p.Name, &rel, &p.Phone, &p.Note, dateScan{&p.EndedOn}, &p.CreatedByName,
			timeScan{&p.UpdatedAt}); err != nil {
			return nil, err
		}
		p.Relation = regie.NetworkRelation(rel)
		out = append(out, p)
	}
	return out, rows.Err()
}

// networkPerson returns one person of the family, or nil when the person
// is not of this family (or does not exist).
func (tx *tx) networkPerson(ctx context.Context, familyID, id int64) (*regie.NetworkPerson, error) {
	if id <= 0 {
		return nil, nil
	}
	list, err := tx.networkPersons(ctx, familyID, id)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// checkNetworkPerson is the store's half of choosing a person for an
// agreement or a meeting: the person must be of this family and take part
// on day on (regie.NetworkPerson.ActiveOn). It returns the person, or a
// field error added to verr.
func (tx *tx) checkNetworkPerson(ctx context.Context, familyID, id int64, on regie.Date, field string, verr error) (*regie.NetworkPerson, error, error) {
	p, err := tx.networkPerson(ctx, familyID, id)
	if err != nil {
		return nil, verr, err
	}
	switch {
	case p == nil:
		return nil, addField(verr, field, regie.MsgNetworkPersonOtherFamily), nil
	case !on.IsZero() && !p.ActiveOn(on):
		return p, addField(verr, field, regie.MsgNetworkPersonEnded, p.EndedOn.Dutch()), nil
	}
	return p, verr, nil
}

// AddNetworkPerson implements regie.NetworkPersonService.
func (s *Store) AddNetworkPerson(ctx context.Context, familyID int64, in regie.NetworkPersonInput) (*regie.NetworkPerson, error) {
	var out *regie.NetworkPerson
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegNetworkPersons, familyID, 0)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO network_persons (family_id, name, relation, phone, note, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, familyID, in.Name, string(in.Relation), in.Phone, in.Note,
			tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: add network person: %w", err)
		}
		if out, err = tx.networkPerson(ctx, familyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegNetworkPersons,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("netwerkpersoon %d toegevoegd: %s", id, in.Relation.Label())})
	})
	return out, err
}

// UpdateNetworkPerson implements regie.NetworkPersonService.
func (s *Store) UpdateNetworkPerson(ctx context.Context, familyID, id int64, in regie.NetworkPersonInput) (*regie.NetworkPerson, error) {
	var out *regie.NetworkPerson
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegNetworkPersons, familyID, 0)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE network_persons SET name = $1, relation = $2, phone = $3, note = $4, updated_at = $5
			WHERE family_id = $6 AND id = $7`, in.Name, string(in.Relation), in.Phone, in.Note, ts(tx.now), familyID, id)
		if err != nil {
			return fmt.Errorf("store: update network person: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: update network person: %w", err)
		} else if n == 0 {
			return regie.NotFound()
		}
		if out, err = tx.networkPerson(ctx, familyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegNetworkPersons,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("netwerkpersoon %d gewijzigd", id)})
	})
	return out, err
}

// EndNetworkPerson implements regie.NetworkPersonService.
func (s *Store) EndNetworkPerson(ctx context.Context, familyID, id int64, in regie.NetworkPersonEnd) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegNetworkPersons, familyID, 0)
		if err != nil {
			return err
		}
		on, err := in.Validate(tx.today())
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE network_persons SET ended_on = $1, updated_at = $2
			WHERE family_id = $3 AND id = $4 AND ended_on IS NULL`, on.ISO(), ts(tx.now), familyID, id)
		if err != nil {
			return fmt.Errorf("store: end network person: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: end network person: %w", err)
		} else if n == 0 {
			return regie.NotFound()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegNetworkPersons,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("netwerkpersoon %d beëindigd op %s", id, on.ISO())})
	})
}
