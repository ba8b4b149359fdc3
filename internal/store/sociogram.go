package store

import (
	"context"
	"fmt"
	"time"

	"regie"
	"regie/internal/policy"
)

// The sociogram (regie.SociogramService): the family's ties kept at
// moments in time, and the wrap-around flower drawn from the trajectories
// and the informal network.

// FindSociograms implements regie.SociogramService.
func (s *Store) FindSociograms(ctx context.Context, familyID int64) (*regie.Sociograms, error) {
	return s.sociograms(ctx, familyID, regie.ActionRead)
}

// ExportSociograms implements regie.SociogramService.
func (s *Store) ExportSociograms(ctx context.Context, familyID int64) (*regie.Sociograms, error) {
	return s.sociograms(ctx, familyID, regie.ActionExport)
}

// sociograms reads the moments for a page (ActionRead) or a printed page
// (ActionExport), decided and audited as that action.
func (s *Store) sociograms(ctx context.Context, familyID int64, act regie.Action) (*regie.Sociograms, error) {
	out := &regie.Sociograms{}
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, act, regie.SegSociogram, familyID, 0)
		if err != nil {
			return err
		}
		if out.Moments, err = tx.socioMoments(ctx, familyID); err != nil {
			return err
		}
		out.CanEdit = policy.Can(tx.actor, regie.ActionUpdate, regie.SegSociogram, f)
		out.CanExport = policy.Can(tx.actor, regie.ActionExport, regie.SegSociogram, f)
		return tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegSociogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: "sociogram"})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// socioMoments returns the family's moments, oldest first, with their ties.
func (tx *tx) socioMoments(ctx context.Context, familyID int64) ([]*regie.SocioMoment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.family_id, m.on_date, m.label, m.note, u.name, m.created_at
		FROM sociogram_moments m JOIN users u ON u.id = m.created_by
		WHERE m.family_id = $1 ORDER BY m.on_date, m.id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: sociogram moments: %w", err)
	}
	defer rows.Close()
	var out []*regie.SocioMoment
	byID := map[int64]*regie.SocioMoment{}
	for rows.Next() {
		m := &regie.SocioMoment{}
		if err := rows.Scan(&m.ID, &m.FamilyID, dateScan{&m.On}, &m.Label, &m.Note, &m.CreatedByName, timeScan{&m.CreatedAt}); err != nil {
			return nil, err
		}
		out = append(out, m)
		byID[m.ID] = m
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ties, err := tx.socioTies(ctx, familyID, 0)
	if err != nil {
		return nil, err
	}
	for _, t := range ties {
		if m := byID[t.MomentID]; m != nil {
			m.Ties = append(m.Ties, t)
		}
	}
	for _, m := range out {
		regie.SortTies(m.Ties)
	}
	return out, nil
}

// socioTies returns the family's ties (of moment momentID, or all).
func (tx *tx) socioTies(ctx context.Context, familyID, momentID int64) ([]*regie.SocioTie, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, moment_id, sector, name, strength, quality, note
		FROM sociogram_ties WHERE family_id = $1 AND ($2 = 0 OR moment_id = $2) ORDER BY id`, familyID, momentID)
	if err != nil {
		return nil, fmt.Errorf("store: sociogram ties: %w", err)
	}
	defer rows.Close()
	var out []*regie.SocioTie
	for rows.Next() {
		t := &regie.SocioTie{}
		var sector, strength, quality string
		if err := rows.Scan(&t.ID, &t.MomentID, &sector, &t.Name, &strength, &quality, &t.Note); err != nil {
			return nil, err
		}
		t.Sector, t.Strength, t.Quality = regie.SocioSector(sector), regie.TieStrength(strength), regie.TieQuality(quality)
		out = append(out, t)
	}
	return out, rows.Err()
}

// AddSocioMoment implements regie.SociogramService.
func (s *Store) AddSocioMoment(ctx context.Context, familyID int64, in regie.SocioMomentInput) (*regie.SocioMoment, error) {
	var out *regie.SocioMoment
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegSociogram, familyID, 0)
		if err != nil {
			return err
		}
		on, verr := in.Validate(tx.today())
		if in.CopyFrom != 0 {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM sociogram_moments WHERE id = $1 AND family_id = $2`, in.CopyFrom, familyID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "copy_from", regie.MsgChoiceInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO sociogram_moments (family_id, on_date, label, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, familyID, on.ISO(), in.Label, in.Note, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: add sociogram moment: %w", err)
		}
		tx.result = id
		copied := 0
		if in.CopyFrom != 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO sociogram_ties (moment_id, family_id, sector, name, strength, quality, note, updated_at)
				SELECT $1, family_id, sector, name, strength, quality, note, $2 FROM sociogram_ties WHERE moment_id = $3 AND family_id = $4
				ORDER BY id`, id, ts(tx.now), in.CopyFrom, familyID)
			if err != nil {
				return fmt.Errorf("store: copy sociogram ties: %w", err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("store: copy sociogram ties: %w", err)
			}
			copied = int(n)
		}
		moments, err := tx.socioMoments(ctx, familyID)
		if err != nil {
			return err
		}
		out = (&regie.Sociograms{Moments: moments}).Moment(id)
		detail := fmt.Sprintf("sociogrammoment %d op %s toegevoegd", id, on.ISO())
		if in.CopyFrom != 0 {
			detail += fmt.Sprintf(", %d banden overgenomen van moment %d", copied, in.CopyFrom)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegSociogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: detail})
	})
	if id, ok := replayedResult(ctx); ok && err == nil {
		return &regie.SocioMoment{ID: id}, nil // added by an earlier submit of this form
	}
	return out, err
}

// SaveSocioTie implements regie.SociogramService.
func (s *Store) SaveSocioTie(ctx context.Context, familyID, momentID, id int64, in regie.SocioTieInput) (*regie.SocioTie, error) {
	var out *regie.SocioTie
	act := regie.ActionCreate
	if id != 0 {
		act = regie.ActionUpdate
	}
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, act, regie.SegSociogram, familyID, 0)
		if err != nil {
			return err
		}
		if ok, err := tx.exists(ctx, `SELECT count(*) FROM sociogram_moments WHERE id = $1 AND family_id = $2`, momentID, familyID); err != nil {
			return err
		} else if !ok {
			return regie.NotFound()
		}
		if err := in.Validate(); err != nil {
			return err
		}
		if id == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO sociogram_ties (moment_id, family_id, sector, name, strength, quality, note, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, momentID, familyID, string(in.Sector), in.Name, string(in.Strength),
				string(in.Quality), in.Note, ts(tx.now)).Scan(&id); err != nil {
				return fmt.Errorf("store: add sociogram tie: %w", err)
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE sociogram_ties SET sector = $1, name = $2, strength = $3, quality = $4, note = $5,
				updated_at = $6 WHERE id = $7 AND moment_id = $8 AND family_id = $9`, string(in.Sector), in.Name, string(in.Strength),
				string(in.Quality), in.Note, ts(tx.now), id, momentID, familyID)
			if err != nil {
				return fmt.Errorf("store: update sociogram tie: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("store: update sociogram tie: %w", err)
			} else if n == 0 {
				return regie.NotFound()
			}
		}
		ties, err := tx.socioTies(ctx, familyID, momentID)
		if err != nil {
			return err
		}
		for _, t := range ties {
			if t.ID == id {
				out = t
			}
		}
		verb := "toegevoegd"
		if act == regie.ActionUpdate {
			verb = "gewijzigd"
		}
		// The detail names the sector, strength and quality, never the
		// name: it is a person outside the household.
		return tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegSociogram, FamilyID: familyID,
			Basis: dec.Basis, Detail: fmt.Sprintf("band %d van sociogrammoment %d %s: %s, %s, %s", id, momentID, verb,
				in.Sector.Label(), in.Strength, in.Quality)})
	})
	return out, err
}

// RemoveSocioTie implements regie.SociogramService.
func (s *Store) RemoveSocioTie(ctx context.Context, familyID, momentID, id int64) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegSociogram, familyID, 0)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sociogram_ties WHERE id = $1 AND moment_id = $2 AND family_id = $3`, id, momentID, familyID)
		if err != nil {
			return fmt.Errorf("store: remove sociogram tie: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: remove sociogram tie: %w", err)
		} else if n == 0 {
			return regie.NotFound()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegSociogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("band %d van sociogrammoment %d verwijderd", id, momentID)})
	})
}

// FindFlowers implements regie.SociogramService: the flower reads the
// trajectories and the informal network, each decided and audited as a
// read of its own segment.
func (s *Store) FindFlowers(ctx context.Context, familyID int64) (*regie.Flowers, error) {
	return s.flowers(ctx, familyID, regie.ActionRead)
}

// ExportFlowers implements regie.SociogramService.
func (s *Store) ExportFlowers(ctx context.Context, familyID int64) (*regie.Flowers, error) {
	return s.flowers(ctx, familyID, regie.ActionExport)
}

func (s *Store) flowers(ctx context.Context, familyID int64, act regie.Action) (*regie.Flowers, error) {
	var out *regie.Flowers
	err := s.write(ctx, func(tx *tx) error {
		decT, f, err := tx.authorizeFamily(ctx, act, regie.SegTrajectories, familyID, 0)
		if err != nil {
			return err
		}
		decP, _, err := tx.authorizeFamily(ctx, act, regie.SegNetworkPersons, familyID, 0)
		if err != nil {
			return err
		}
		ff := &regie.FlowerFacts{Today: tx.today()}
		ts := &regie.Trajectories{}
		if ts.List, err = tx.trajectories(ctx, familyID, 0); err != nil {
			return err
		}
		discloseTrajectories(ts, disclosure(decT))
		ff.Trajectories = ts.List
		if err := tx.flowerFacts(ctx, familyID, ff); err != nil {
			return err
		}
		out = ff.Flowers()
		out.CanExport = policy.Can(tx.actor, regie.ActionExport, regie.SegTrajectories, f) &&
			policy.Can(tx.actor, regie.ActionExport, regie.SegNetworkPersons, f)
		if err := tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegTrajectories,
			FamilyID: familyID, Basis: decT.Basis, Detail: "wrap-around bloem: instanties"}); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegNetworkPersons,
			FamilyID: familyID, Basis: decP.Basis, Detail: "wrap-around bloem: informeel netwerk"})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// flowerFacts reads the file's opening, its first handover, its
// coordinators and the informal network with the days each took part.
func (tx *tx) flowerFacts(ctx context.Context, familyID int64, ff *regie.FlowerFacts) error {
	var opened time.Time
	if err := tx.QueryRowContext(ctx, `SELECT created_at FROM families WHERE id = $1`, familyID).Scan(timeScan{&opened}); err != nil {
		return fmt.Errorf("store: flower: family: %w", err)
	}
	ff.Opened = regie.DateOf(opened)
	if err := tx.QueryRowContext(ctx, `SELECT MIN(handed_over_on) FROM handovers WHERE family_id = $1`, familyID).Scan(dateScan{&ff.HandoverOn}); err != nil {
		return fmt.Errorf("store: flower: handover: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT u.name, a.started_on, a.ended_on FROM assignments a JOIN users u ON u.id = a.user_id
		WHERE a.family_id = $1 AND a.kind = $2 ORDER BY a.started_on, a.id`, familyID, string(regie.AssignCoordinator))
	if err != nil {
		return fmt.Errorf("store: flower: coordinators: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c regie.FlowerCoordinator
		if err := rows.Scan(&c.Name, dateScan{&c.From}, dateScan{&c.To}); err != nil {
			return err
		}
		ff.Coordinators = append(ff.Coordinators, c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	prows, err := tx.QueryContext(ctx, `SELECT name, relation, created_at, ended_on FROM network_persons WHERE family_id = $1 ORDER BY name, id`, familyID)
	if err != nil {
		return fmt.Errorf("store: flower: network persons: %w", err)
	}
	defer prows.Close()
	for prows.Next() {
		var p regie.FlowerPerson
		var rel string
		var added time.Time
		if err := prows.Scan(&p.Name, &rel, timeScan{&added}, dateScan{&p.To}); err != nil {
			return err
		}
		p.Relation, p.From = regie.NetworkRelation(rel), regie.DateOf(added)
		ff.Persons = append(ff.Persons, p)
	}
	return prows.Err()
}
