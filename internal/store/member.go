package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"regie"
)

const memberColumns = `id, family_id, given_name, family_name, birth_date, relation, bsn, started_on, ended_on, end_reason`

func (tx *tx) scanMember(sc interface{ Scan(...any) error }, m *regie.Member) error {
	var rel string
	err := sc.Scan(&m.ID, &m.FamilyID, &m.GivenName, &m.FamilyName, dateScan{&m.BirthDate}, &rel, openScan{tx.s, &m.BSN},
		dateScan{&m.StartedOn}, dateScan{&m.EndedOn}, &m.EndReason)
	m.Relation = regie.Relation(rel)
	return err
}

// sealBSN returns a BSN sealed for storage and its blind index.
func (tx *tx) sealBSN(bsn string) (sealed, index string, err error) {
	if sealed, err = tx.s.seal(bsn); err != nil {
		return "", "", err
	}
	index, err = tx.s.bsnIndex(bsn)
	return sealed, index, err
}

// findMembers returns the family's members: current ones first, parents
// before children, oldest first.
func (tx *tx) findMembers(ctx context.Context, familyID int64) ([]*regie.Member, error) {
	var ms []*regie.Member
	b := tx.batch()
	b.members(familyID, &ms)
	return ms, b.run(ctx)
}

// members queues findMembers's read into *ms.
func (b *batch) members(familyID int64, ms *[]*regie.Member) {
	b.each("find members", `SELECT `+memberColumns+` FROM members WHERE family_id = $1
		ORDER BY CASE WHEN ended_on IS NULL THEN 0 ELSE 1 END,
			CASE relation WHEN 'ouder' THEN 0 WHEN 'verzorger' THEN 1 WHEN 'overig' THEN 2 ELSE 3 END,
			birth_date, id`, []any{familyID}, func(sc scanner) error {
		m := &regie.Member{}
		if err := b.tx.scanMember(sc, m); err != nil {
			return err
		}
		*ms = append(*ms, m)
		return nil
	})
}

// findMember returns one member of the family, or ENOTFOUND.
func (tx *tx) findMember(ctx context.Context, familyID, memberID int64) (*regie.Member, error) {
	m := &regie.Member{}
	err := tx.scanMember(tx.QueryRowContext(ctx, `SELECT `+memberColumns+` FROM members WHERE id = $1 AND family_id = $2`, memberID, familyID), m)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, regie.NotFound()
	}
	return m, err
}

// AddMember implements regie.FamilyService.
func (s *Store) AddMember(ctx context.Context, familyID int64, in regie.MemberInput) (*regie.Member, error) {
	in.Normalize()
	var m *regie.Member
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegMembers, familyID, 0)
		if err != nil {
			return err
		}
		birth, err := in.Validate(tx.today())
		if err != nil {
			return err
		}
		bsn, index, err := tx.sealBSN(in.BSN)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO members
			(id, family_id, given_name, family_name, birth_date, relation, bsn, bsn_index, started_on, created_at)
			VALUES (`+tx.s.d.newID("members")+`, $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			familyID, in.GivenName, in.FamilyName, birth.ISO(), string(in.Relation), bsn, index, tx.today().ISO(), ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: add member: %w", err)
		}
		if err := tx.refreshSearchText(ctx, familyID); err != nil {
			return err
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegMembers,
			FamilyID: familyID, MemberID: id, Basis: dec.Basis, Detail: "gezinslid toegevoegd"}); err != nil {
			return err
		}
		m, err = tx.findMember(ctx, familyID, id)
		return err
	})
	return m, err
}

// UpdateMember implements regie.FamilyService.
func (s *Store) UpdateMember(ctx context.Context, familyID, memberID int64, in regie.MemberInput) error {
	in.Normalize()
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegMembers, familyID, memberID)
		if err != nil {
			return err
		}
		if _, err := tx.findMember(ctx, familyID, memberID); err != nil {
			return err
		}
		birth, err := in.Validate(tx.today())
		if err != nil {
			return err
		}
		bsn, index, err := tx.sealBSN(in.BSN)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET given_name = $1, family_name = $2, birth_date = $3, relation = $4, bsn = $5, bsn_index = $6
			WHERE id = $7 AND family_id = $8`,
			in.GivenName, in.FamilyName, birth.ISO(), string(in.Relation), bsn, index, memberID, familyID); err != nil {
			return fmt.Errorf("store: update member: %w", err)
		}
		if err := tx.refreshSearchText(ctx, familyID); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegMembers,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: "gezinslid gewijzigd"})
	})
}

// EndMember implements regie.FamilyService.
func (s *Store) EndMember(ctx context.Context, familyID, memberID int64, in regie.MemberEnd) error {
	in.Reason = regie.Clean(in.Reason)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegMembers, familyID, memberID)
		if err != nil {
			return err
		}
		m, err := tx.findMember(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		var v regie.Validation
		if !m.EndedOn.IsZero() {
			v.Add("ended_on", regie.MsgMemberEnded)
		}
		end := v.PastDate("ended_on", in.EndedOn, tx.today(), true)
		if !end.IsZero() && end.Before(m.BirthDate) {
			v.Add("ended_on", regie.MsgBeforeBirth)
		}
		v.Required("reason", in.Reason)
		v.MaxLen("reason", in.Reason, 500)
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET ended_on = $1, end_reason = $2 WHERE id = $3 AND family_id = $4`,
			end.ISO(), in.Reason, memberID, familyID); err != nil {
			return fmt.Errorf("store: end member: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegMembers,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: "gezinslid uitgeschreven"})
	})
}
