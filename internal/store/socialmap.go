package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"regie"
)

const orgColumns = `o.id, o.name, o.own, o.kind, o.district_id, o.contact_person, o.phone, o.email, o.waiting_weeks, o.notes, o.active,
	COALESCE(d.name, '')`

const orgFrom = ` FROM organisations o LEFT JOIN districts d ON d.id = o.district_id`

func scanOrg(sc interface{ Scan(...any) error }, o *regie.Organisation) error {
	var kind string
	err := sc.Scan(&o.ID, &o.Name, &o.Own, &kind, idScan{&o.DistrictID}, &o.ContactPerson, &o.Phone, &o.Email, &o.WaitingWeeks,
		&o.Notes, &o.Active, &o.DistrictName)
	o.Kind = regie.OrgKind(kind)
	return err
}

// FindOrganisationByID implements regie.SocialMapService.
func (s *Store) FindOrganisationByID(ctx context.Context, id int64) (*regie.Organisation, error) {
	o := &regie.Organisation{}
	err := s.read(ctx, func(tx *tx) error {
		err := scanOrg(tx.QueryRowContext(ctx, `SELECT `+orgColumns+orgFrom+` WHERE o.id = $1`, id), o)
		if errors.Is(err, sql.ErrNoRows) {
			return regie.NotFound()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// FindSocialMap implements regie.SocialMapService. The social map holds no
// personal data of families, so reading it is decided but not audited.
func (s *Store) FindSocialMap(ctx context.Context, f regie.OrgFilter) ([]*regie.Organisation, error) {
	var orgs []*regie.Organisation
	err := s.read(ctx, func(tx *tx) error {
		if dec := tx.check(regie.ActionRead, regie.SegSocialMap); !dec {
			return forbidden()
		}
		var (
			where []string
			args  []any
		)
		add := func(cond string, v any) {
			args = append(args, v)
			where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
		}
		if f.Kind != "" {
			add("o.kind = ?", string(f.Kind))
		}
		if f.DistrictID != 0 {
			add("(o.district_id IS NULL OR o.district_id = ?)", f.DistrictID)
		}
		if f.Active {
			where = append(where, "o.active")
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+orgColumns+orgFrom+` WHERE `+strings.Join(append(where, "1 = 1"), " AND ")+
			` ORDER BY o.own DESC, o.name, o.id`, args...)
		if err != nil {
			return fmt.Errorf("store: find social map: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			o := &regie.Organisation{}
			if err := scanOrg(rows, o); err != nil {
				return err
			}
			orgs = append(orgs, o)
		}
		return rows.Err()
	})
	return orgs, err
}

// CreateOrganisationEntry implements regie.SocialMapService.
func (s *Store) CreateOrganisationEntry(ctx context.Context, in regie.OrganisationInput) (*regie.Organisation, error) {
	in.Normalize()
	var id int64
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegSocialMap, nil, 0, 0, forbidden())
		if err != nil {
			return err
		}
		weeks, err := tx.validateOrg(ctx, &in)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO organisations
			(name, own, kind, district_id, contact_person, phone, email, waiting_weeks, notes, active, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			in.Name, false, string(in.Kind), nullID(in.DistrictID), in.ContactPerson, in.Phone, in.Email, weeks, in.Notes, true, ts(tx.now),
		).Scan(&id); err != nil {
			return fmt.Errorf("store: create organisation: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegSocialMap,
			Basis: dec.Basis, Detail: fmt.Sprintf("organisatie %d toegevoegd aan de sociale kaart", id)})
	})
	if err != nil {
		return nil, err
	}
	return s.FindOrganisationByID(ctx, id)
}

// UpdateOrganisationEntry implements regie.SocialMapService.
func (s *Store) UpdateOrganisationEntry(ctx context.Context, id int64, in regie.OrganisationInput) error {
	in.Normalize()
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegSocialMap, nil, 0, 0, forbidden())
		if err != nil {
			return err
		}
		weeks, err := tx.validateOrg(ctx, &in)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE organisations SET name = $1, kind = $2, district_id = $3, contact_person = $4,
			phone = $5, email = $6, waiting_weeks = $7, notes = $8, active = $9 WHERE id = $10`,
			in.Name, string(in.Kind), nullID(in.DistrictID), in.ContactPerson, in.Phone, in.Email, weeks, in.Notes, in.Active, id)
		if err != nil {
			return fmt.Errorf("store: update organisation: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return regie.NotFound()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegSocialMap,
			Basis: dec.Basis, Detail: fmt.Sprintf("organisatie %d op de sociale kaart gewijzigd", id)})
	})
}

func (tx *tx) validateOrg(ctx context.Context, in *regie.OrganisationInput) (int, error) {
	weeks, err := in.Validate()
	if in.DistrictID != 0 {
		var n int
		if qerr := tx.QueryRowContext(ctx, `SELECT count(*) FROM districts WHERE id = $1`, in.DistrictID).Scan(&n); qerr != nil {
			return 0, qerr
		}
		if n == 0 {
			err = addField(err, "district", regie.MsgChoiceInvalid)
		}
	}
	return weeks, err
}

// check asks the policy about an access that is not logged (organisation
// data, no personal data of families).
func (tx *tx) check(act regie.Action, seg regie.Segment) bool {
	return policyDecide(tx.actor, act, seg)
}

func forbidden() error { return regie.Forbidden() }
