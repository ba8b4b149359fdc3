package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// youthFacts reads the facts of one youth's track on top of the family's:
// the youth's age today, the youth worker assigned to them now, and the
// youth's own consents. A member of another family, or none, leaves
// f.Exists false: the decision is then a denial like any other.
func (tx *tx) youthFacts(ctx context.Context, familyID, memberID int64) (*policy.Facts, error) {
	f, err := tx.familyFacts(ctx, familyID)
	if err != nil || !f.Exists {
		return f, err
	}
	return f, tx.addYouthFacts(ctx, f, familyID, memberID)
}

// youthFactsFrom returns a copy of the family's facts f, read already in
// this transaction, with those of one of its youths: a page that names
// several youths reads the family's facts once.
func (tx *tx) youthFactsFrom(ctx context.Context, f *policy.Facts, familyID, memberID int64) (*policy.Facts, error) {
	yf := *f
	yf.Youth = nil
	if !yf.Exists {
		return &yf, nil
	}
	return &yf, tx.addYouthFacts(ctx, &yf, familyID, memberID)
}

// addYouthFacts adds to a family's facts those of one of its youths (a
// copy of the family's facts per youth when a page names several).
func (tx *tx) addYouthFacts(ctx context.Context, f *policy.Facts, familyID, memberID int64) error {
	var birth regie.Date
	err := tx.QueryRowContext(ctx, `SELECT birth_date FROM members WHERE id = $1 AND family_id = $2`, memberID, familyID).Scan(dateScan{&birth})
	if isNoRows(err) {
		f.Exists = false
		return nil
	} else if err != nil {
		return fmt.Errorf("store: youth facts: %w", err)
	}
	y := &policy.YouthFacts{MemberID: memberID, Age: regie.YouthAge(birth.YearsOn(f.Today))}
	err = tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(user_id), 0) FROM assignments
		WHERE family_id = $1 AND member_id = $2 AND kind = $3 AND ended_on IS NULL`,
		familyID, memberID, string(regie.AssignYouth)).Scan(&y.WorkerUserID)
	if err != nil {
		return fmt.Errorf("store: youth facts: %w", err)
	}
	if y.Consents, err = tx.findYouthConsents(ctx, familyID, memberID); err != nil {
		return err
	}
	f.Youth = y
	return nil
}

// authorizeYouth reads the youth's facts and asks the policy; a denial is
// audited (with the member) and comes back as ENOTFOUND.
func (tx *tx) authorizeYouth(ctx context.Context, act regie.Action, seg regie.Segment, familyID, memberID int64) (policy.Decision, *policy.Facts, error) {
	f, err := tx.youthFacts(ctx, familyID, memberID)
	if err != nil {
		return policy.Decision{}, nil, err
	}
	dec, err := tx.decide(ctx, act, seg, f, familyID, memberID, regie.NotFound())
	return dec, f, err
}

// findYouthConsents returns a youth's own consents, newest first, with the
// organisations they name.
func (tx *tx) findYouthConsents(ctx context.Context, familyID, memberID int64) ([]*regie.YouthConsent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.family_id, c.member_id, c.signed_on, c.valid_until, c.withdrawn_on,
			c.youth_signed, c.parent_id, COALESCE(p.given_name || ' ' || p.family_name, ''), c.share_coordinator, c.share_family,
			c.note, u.name, c.created_at
		FROM youth_consents c JOIN users u ON u.id = c.created_by LEFT JOIN members p ON p.id = c.parent_id
		WHERE c.family_id = $1 AND c.member_id = $2 ORDER BY c.signed_on DESC, c.id DESC`, familyID, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: youth consents: %w", err)
	}
	var cs []*regie.YouthConsent
	byID := map[int64]*regie.YouthConsent{}
	for rows.Next() {
		c := &regie.YouthConsent{}
		if err := rows.Scan(&c.ID, &c.FamilyID, &c.MemberID, dateScan{&c.SignedOn}, dateScan{&c.ValidUntil}, dateScan{&c.WithdrawnOn},
			&c.YouthSigned, idScan{&c.ParentID}, &c.ParentName, &c.ShareCoordinator, &c.ShareFamily,
			&c.Note, &c.CreatedByName, timeScan{&c.CreatedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		cs = append(cs, c)
		byID[c.ID] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(cs) == 0 {
		return cs, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT o.consent_id, o.org_id, g.name
		FROM youth_consent_orgs o JOIN youth_consents c ON c.id = o.consent_id JOIN organisations g ON g.id = o.org_id
		WHERE c.family_id = $1 AND c.member_id = $2 ORDER BY g.name`, familyID, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: youth consent organisations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid, org int64
		var name string
		if err := rows.Scan(&cid, &org, &name); err != nil {
			return nil, err
		}
		if c := byID[cid]; c != nil {
			c.OrgIDs, c.OrgNames = append(c.OrgIDs, org), append(c.OrgNames, name)
		}
	}
	return cs, rows.Err()
}
