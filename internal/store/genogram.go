package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"regie"
	"regie/internal/policy"
)

// The family's genogram (regie.GenogramService): persons over generations
// — members of the household and relatives recorded only here — and the
// relations between them. Every access goes through SegGenogram.

// FindGenogram implements regie.GenogramService.
func (s *Store) FindGenogram(ctx context.Context, familyID int64) (*regie.Genogram, error) {
	return s.genogramFor(ctx, familyID, regie.ActionRead, "genogram")
}

// ExportGenogram implements regie.GenogramService.
func (s *Store) ExportGenogram(ctx context.Context, familyID int64) (*regie.Genogram, error) {
	return s.genogramFor(ctx, familyID, regie.ActionExport, "genogram als pdf")
}

func (s *Store) genogramFor(ctx context.Context, familyID int64, act regie.Action, detail string) (*regie.Genogram, error) {
	var out *regie.Genogram
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, act, regie.SegGenogram, familyID, 0)
		if err != nil {
			return err
		}
		if out, err = tx.genogram(ctx, familyID); err != nil {
			return err
		}
		out.CanEdit = policy.Can(tx.actor, regie.ActionUpdate, regie.SegGenogram, f)
		out.CanExport = policy.Can(tx.actor, regie.ActionExport, regie.SegGenogram, f)
		return tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegGenogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: detail})
	})
	return out, err
}

// genogram reads the family's genogram: the persons by generation (a
// member's name and birth year from the member's record), then the
// relations in the order they were recorded.
func (tx *tx) genogram(ctx context.Context, familyID int64) (*regie.Genogram, error) {
	g := &regie.Genogram{FamilyID: familyID}
	members, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*regie.Member{}
	for _, m := range members {
		byID[m.ID] = m
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, family_id, member_id, name, sex, birth_year, death_year, deceased, generation, markers, note
		FROM genogram_persons WHERE family_id = $1 ORDER BY generation, COALESCE(birth_year, 9999), id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: genogram persons: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		p := &regie.GenogramPerson{}
		var member, birth, death sql.NullInt64
		var sex, markers string
		if err := rows.Scan(&p.ID, &p.FamilyID, &member, &p.Name, &sex, &birth, &death, &p.Deceased, &p.Generation,
			&markers, &p.Note); err != nil {
			return nil, err
		}
		p.MemberID, p.BirthYear, p.DeathYear = member.Int64, int(birth.Int64), int(death.Int64)
		p.Sex = regie.GenogramSex(sex)
		for _, m := range strings.Split(markers, ",") {
			if m != "" {
				p.Markers = append(p.Markers, regie.GenogramMarker(m))
			}
		}
		if m := byID[p.MemberID]; m != nil {
			p.Name, p.ShortName, p.InHousehold = m.Name(), m.GivenName, m.EndedOn.IsZero()
			if !m.BirthDate.IsZero() {
				p.BirthYear = m.BirthDate.Time().Year()
			}
		}
		g.Persons = append(g.Persons, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rels, err := tx.QueryContext(ctx, `SELECT id, family_id, from_id, to_id, kind, note FROM genogram_relations
		WHERE family_id = $1 ORDER BY id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: genogram relations: %w", err)
	}
	defer rels.Close()
	for rels.Next() {
		r := &regie.GenogramRelation{}
		var kind string
		if err := rels.Scan(&r.ID, &r.FamilyID, &r.FromID, &r.ToID, &kind, &r.Note); err != nil {
			return nil, err
		}
		r.Kind = regie.GenogramRelationKind(kind)
		g.Relations = append(g.Relations, r)
	}
	return g, rels.Err()
}

// genogramPersonFacts reads what a person's input is checked against: the
// member chosen, if of this family, and whether another person of the
// genogram is that member already.
func (tx *tx) genogramPersonFacts(ctx context.Context, familyID, id int64, in regie.GenogramPersonInput) (regie.GenogramPersonFacts, error) {
	f := regie.GenogramPersonFacts{ThisYear: tx.today().Time().Year()}
	if in.MemberID == 0 {
		return f, nil
	}
	members, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return f, err
	}
	for _, m := range members {
		if m.ID == in.MemberID {
			f.Member = m
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM genogram_persons WHERE member_id = $1 AND id <> $2`,
		in.MemberID, id).Scan(&n); err != nil {
		return f, fmt.Errorf("store: genogram member taken: %w", err)
	}
	f.MemberTaken = n > 0
	return f, nil
}

// nullInt is 0 as NULL: an unknown year.
func nullInt(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n != 0} }

func markerList(ms []regie.GenogramMarker) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = string(m)
	}
	return strings.Join(s, ",")
}

// AddGenogramPerson implements regie.GenogramService.
func (s *Store) AddGenogramPerson(ctx context.Context, familyID int64, in regie.GenogramPersonInput) (*regie.GenogramPerson, error) {
	var out *regie.GenogramPerson
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegGenogram, familyID, 0)
		if err != nil {
			return err
		}
		facts, err := tx.genogramPersonFacts(ctx, familyID, 0, in)
		if err != nil {
			return err
		}
		p, err := in.Validate(facts)
		if err != nil {
			return err
		}
		name := p.Name
		if p.MemberID != 0 {
			name = "" // read from the member, who may be corrected
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO genogram_persons (family_id, member_id, name, sex, birth_year, death_year,
			deceased, generation, markers, note, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
			familyID, nullID(p.MemberID), name, string(p.Sex), nullInt(p.BirthYear), nullInt(p.DeathYear), p.Deceased,
			p.Generation, markerList(p.Markers), p.Note, tx.actor.UserID, ts(tx.now)).Scan(&p.ID); err != nil {
			return fmt.Errorf("store: add genogram person: %w", err)
		}
		p.FamilyID, out = familyID, p
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegGenogram,
			FamilyID: familyID, MemberID: p.MemberID, Basis: dec.Basis,
			Detail: fmt.Sprintf("persoon %d toegevoegd aan het genogram (generatie %d)", p.ID, p.Generation)})
	})
	return out, err
}

// UpdateGenogramPerson implements regie.GenogramService.
func (s *Store) UpdateGenogramPerson(ctx context.Context, familyID, id int64, in regie.GenogramPersonInput) (*regie.GenogramPerson, error) {
	var out *regie.GenogramPerson
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegGenogram, familyID, 0)
		if err != nil {
			return err
		}
		g, err := tx.genogram(ctx, familyID)
		if err != nil {
			return err
		}
		if g.Person(id) == nil {
			return regie.NotFound()
		}
		facts, err := tx.genogramPersonFacts(ctx, familyID, id, in)
		if err != nil {
			return err
		}
		p, err := in.Validate(facts)
		if err != nil {
			return err
		}
		// The person's relations must still hold in the new generation.
		g.Person(id).Generation = p.Generation
		for _, r := range g.Relations {
			if r.FromID != id && r.ToID != id {
				continue
			}
			rin := regie.GenogramRelationInput{FromID: r.FromID, ToID: r.ToID, Kind: r.Kind}
			if rin.Validate(g, r.ID) != nil {
				var v regie.Validation
				v.Add("generation", regie.MsgGenogramGenerationBreaks)
				return v.Err()
			}
		}
		name := p.Name
		if p.MemberID != 0 {
			name = ""
		}
		if _, err := tx.ExecContext(ctx, `UPDATE genogram_persons SET member_id = $1, name = $2, sex = $3, birth_year = $4,
			death_year = $5, deceased = $6, generation = $7, markers = $8, note = $9, updated_at = $10
			WHERE family_id = $11 AND id = $12`, nullID(p.MemberID), name, string(p.Sex), nullInt(p.BirthYear),
			nullInt(p.DeathYear), p.Deceased, p.Generation, markerList(p.Markers), p.Note, ts(tx.now), familyID, id); err != nil {
			return fmt.Errorf("store: update genogram person: %w", err)
		}
		p.ID, p.FamilyID, out = id, familyID, p
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegGenogram,
			FamilyID: familyID, MemberID: p.MemberID, Basis: dec.Basis, Detail: fmt.Sprintf("persoon %d in het genogram gewijzigd", id)})
	})
	return out, err
}

// RemoveGenogramPerson implements regie.GenogramService.
func (s *Store) RemoveGenogramPerson(ctx context.Context, familyID, id int64) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegGenogram, familyID, 0)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM genogram_relations WHERE family_id = $1 AND (from_id = $2 OR to_id = $2)`, familyID, id)
		if err != nil {
			return fmt.Errorf("store: remove genogram person's relations: %w", err)
		}
		rels, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: remove genogram person: %w", err)
		}
		if err := tx.deleteOne(ctx, `DELETE FROM genogram_persons WHERE family_id = $1 AND id = $2`, familyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegGenogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("persoon %d en %d relaties uit het genogram gehaald", id, rels)})
	})
}

// deleteOne runs a DELETE of one row; none is ENOTFOUND.
func (tx *tx) deleteOne(ctx context.Context, q string, args ...any) error {
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: delete: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: delete: %w", err)
	} else if n == 0 {
		return regie.NotFound()
	}
	return nil
}

// AddGenogramRelation implements regie.GenogramService.
func (s *Store) AddGenogramRelation(ctx context.Context, familyID int64, in regie.GenogramRelationInput) (*regie.GenogramRelation, error) {
	var out *regie.GenogramRelation
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegGenogram, familyID, 0)
		if err != nil {
			return err
		}
		g, err := tx.genogram(ctx, familyID)
		if err != nil {
			return err
		}
		if err := in.Validate(g, 0); err != nil {
			return err
		}
		r := &regie.GenogramRelation{FamilyID: familyID, FromID: in.FromID, ToID: in.ToID, Kind: in.Kind, Note: in.Note}
		if err := tx.QueryRowContext(ctx, `INSERT INTO genogram_relations (family_id, from_id, to_id, kind, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, familyID, r.FromID, r.ToID, string(r.Kind), r.Note,
			tx.actor.UserID, ts(tx.now)).Scan(&r.ID); err != nil {
			return fmt.Errorf("store: add genogram relation: %w", err)
		}
		out = r
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegGenogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("relatie %d in het genogram: %s", r.ID, r.Kind.Label())})
	})
	return out, err
}

// UpdateGenogramRelation implements regie.GenogramService.
func (s *Store) UpdateGenogramRelation(ctx context.Context, familyID, id int64, in regie.GenogramRelationInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegGenogram, familyID, 0)
		if err != nil {
			return err
		}
		g, err := tx.genogram(ctx, familyID)
		if err != nil {
			return err
		}
		found := false
		for _, r := range g.Relations {
			found = found || r.ID == id
		}
		if !found {
			return regie.NotFound()
		}
		if err := in.Validate(g, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE genogram_relations SET from_id = $1, to_id = $2, kind = $3, note = $4
			WHERE family_id = $5 AND id = $6`, in.FromID, in.ToID, string(in.Kind), in.Note, familyID, id); err != nil {
			return fmt.Errorf("store: update genogram relation: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegGenogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("relatie %d in het genogram gewijzigd: %s", id, in.Kind.Label())})
	})
}

// RemoveGenogramRelation implements regie.GenogramService.
func (s *Store) RemoveGenogramRelation(ctx context.Context, familyID, id int64) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegGenogram, familyID, 0)
		if err != nil {
			return err
		}
		if err := tx.deleteOne(ctx, `DELETE FROM genogram_relations WHERE family_id = $1 AND id = $2`, familyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegGenogram,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("relatie %d uit het genogram gehaald", id)})
	})
}
