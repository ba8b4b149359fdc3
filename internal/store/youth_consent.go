package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// The youth's own consent (regie.YouthConsentService) and where it is
// applied: the notes of contacts in a youth's track (hideConfidential),
// the family's plan PDF (youthInPlan), and the one reader of what a youth
// told in confidence (FindYouthConfidential). Each asks the policy on
// SegYouthConfidential with the youth's facts (youthFacts), so the
// youth's consent decides the same everywhere.

// youthOf returns the member of the family, and the family's members.
func (tx *tx) youthOf(ctx context.Context, familyID, memberID int64) (*regie.Member, []*regie.Member, error) {
	members, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return nil, nil, err
	}
	for _, m := range members {
		if m.ID == memberID {
			return m, members, nil
		}
	}
	return nil, nil, regie.NotFound()
}

// FindYouthConsents implements regie.YouthConsentService.
func (s *Store) FindYouthConsents(ctx context.Context, familyID, memberID int64) (*regie.YouthConsents, error) {
	var out *regie.YouthConsents
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeYouth(ctx, regie.ActionRead, regie.SegYouthConsent, familyID, memberID)
		if err != nil {
			return err
		}
		youth, members, err := tx.youthOf(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		out = &regie.YouthConsents{Youth: youth, Age: f.Youth.Age, Consents: f.Youth.Consents,
			Parents: regie.YouthConsentParents(youth, members, tx.today()), Can: policy.YouthPermissions(tx.actor, f)}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConsent,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: "toestemmingen van de jongere"})
	})
	return out, err
}

// CreateYouthConsent implements regie.YouthConsentService.
func (s *Store) CreateYouthConsent(ctx context.Context, familyID, memberID int64, in regie.YouthConsentInput) (*regie.YouthConsent, error) {
	var out *regie.YouthConsent
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeYouth(ctx, regie.ActionCreate, regie.SegYouthConsent, familyID, memberID)
		if err != nil {
			return err
		}
		youth, members, err := tx.youthOf(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		dates, verr := in.Validate(tx.today(), youth, members)
		seen := map[int64]bool{}
		var orgs []int64
		for _, id := range in.OrgIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			// A partner organisation of the social map; not the team's
			// own organisation, which the coordinator stands for.
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1 AND NOT own`, id); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "orgs", regie.MsgChoiceInvalid)
			}
			orgs = append(orgs, id)
		}
		if verr != nil {
			return verr
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO youth_consents (family_id, member_id, signed_on, valid_until, youth_signed, parent_id,
				share_coordinator, share_family, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			familyID, memberID, dates.SignedOn.ISO(), date(dates.ValidUntil), in.YouthSigned, nullID(in.ParentID),
			in.ShareCoordinator, in.ShareFamily, in.Note, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: create youth consent: %w", err)
		}
		for _, org := range orgs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO youth_consent_orgs (consent_id, org_id) VALUES ($1, $2)`, id, org); err != nil {
				return fmt.Errorf("store: create youth consent: %w", err)
			}
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConsent,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis,
			Detail: fmt.Sprintf("toestemming van de jongere %d vastgelegd (%d organisaties)", id, len(orgs))}); err != nil {
			return err
		}
		cs, err := tx.findYouthConsents(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.ID == id {
				out = c
			}
		}
		return nil
	})
	return out, err
}

// WithdrawYouthConsent implements regie.YouthConsentService.
func (s *Store) WithdrawYouthConsent(ctx context.Context, familyID, memberID, consentID int64, on, reason string) error {
	reason = regie.Clean(reason)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeYouth(ctx, regie.ActionUpdate, regie.SegYouthConsent, familyID, memberID)
		if err != nil {
			return err
		}
		var signed, withdrawn regie.Date
		err = tx.QueryRowContext(ctx, `SELECT signed_on, withdrawn_on FROM youth_consents WHERE id = $1 AND family_id = $2 AND member_id = $3`,
			consentID, familyID, memberID).Scan(dateScan{&signed}, dateScan{&withdrawn})
		if isNoRows(err) {
			return regie.NotFound()
		} else if err != nil {
			return fmt.Errorf("store: withdraw youth consent: %w", err)
		}
		day, err := regie.ValidateWithdrawal(on, reason, signed, withdrawn, tx.today())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE youth_consents SET withdrawn_on = $1, withdraw_reason = $2 WHERE id = $3`,
			day.ISO(), reason, consentID); err != nil {
			return fmt.Errorf("store: withdraw youth consent: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConsent,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis,
			Detail: fmt.Sprintf("toestemming van de jongere %d ingetrokken per %s", consentID, day.Dutch())})
	})
}

// FindYouthConfidential implements regie.YouthConsentService: a denial is
// audited and answers ENOTFOUND, as for a youth the actor cannot see.
func (s *Store) FindYouthConfidential(ctx context.Context, familyID, memberID int64) (*regie.YouthConfidential, error) {
	var out *regie.YouthConfidential
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeYouth(ctx, regie.ActionRead, regie.SegYouthConfidential, familyID, memberID)
		if err != nil {
			return err
		}
		youth, _, err := tx.youthOf(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		out = &regie.YouthConfidential{MemberID: memberID, Name: youth.Name()}
		if out.Notes, err = tx.youthNotes(ctx, familyID, memberID); err != nil {
			return err
		}
		if out.Track, err = tx.newestYouthTrack(ctx, familyID, memberID); err != nil {
			return err
		}
		if out.Track != nil {
			out.Track.Confidential = true
			if err := tx.youthConfidentialPart(ctx, out.Track); err != nil {
				return err
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: "wat de jongere in vertrouwen vertelde"})
	})
	return out, err
}

// youthNotes returns the notes of the contacts in a youth's track,
// newest first: with the track's confidential part (youthConfidentialPart)
// what the youth told in confidence.
func (tx *tx) youthNotes(ctx context.Context, familyID, memberID int64) ([]*regie.YouthNote, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.contact_date, u.name, c.note FROM contacts c JOIN users u ON u.id = c.user_id
		WHERE c.family_id = $1 AND c.youth_member_id = $2 AND c.note <> ''
		ORDER BY c.contact_date DESC, c.start_time DESC, c.id DESC`, familyID, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: youth notes: %w", err)
	}
	defer rows.Close()
	var ns []*regie.YouthNote
	for rows.Next() {
		n := &regie.YouthNote{}
		if err := rows.Scan(&n.ContactID, dateScan{&n.Date}, &n.Author, &n.Note); err != nil {
			return nil, err
		}
		ns = append(ns, n)
	}
	return ns, rows.Err()
}

// hideConfidential withholds the notes of contacts in a youth's track
// from an actor the policy does not let read what that youth told in
// confidence (SegYouthConfidential): the contact stays (its day, kind
// and hours count for the family), its note does not. Notes shown are
// audited as a read of the youth's confidential part, with the basis —
// the youth's own worker, or the youth's consent. f holds the family's
// facts the reader's access was decided on. Every reader of contacts
// passes its contacts through here.
func (tx *tx) hideConfidential(ctx context.Context, f *policy.Facts, familyID int64, cs []*regie.Contact, versions ...*regie.ContactVersion) error {
	decided := map[int64]policy.Decision{}
	shown := map[int64]bool{}
	var order []int64
	for _, c := range cs {
		if c == nil || c.YouthMemberID == 0 {
			continue
		}
		dec, ok := decided[c.YouthMemberID]
		if !ok {
			yf, err := tx.youthFactsFrom(ctx, f, familyID, c.YouthMemberID)
			if err != nil {
				return err
			}
			dec = policy.Decide(tx.actor, regie.ActionRead, regie.SegYouthConfidential, yf)
			decided[c.YouthMemberID] = dec
			order = append(order, c.YouthMemberID)
		}
		if !dec.Allow {
			// Who else was there and what was done can tell as much.
			c.Note, c.Partners, c.Practical, c.NoteWithheld, c.CanEdit = "", "", nil, true, false
			for _, v := range versions {
				if v.Contact.ID == c.ID {
					v.Contact.Note, v.Contact.Partners, v.Contact.Practical, v.Contact.NoteWithheld = "", "", nil, true
				}
			}
		} else if c.Note != "" {
			shown[c.YouthMemberID] = true
		}
	}
	for _, m := range order {
		if !shown[m] {
			continue
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: familyID, MemberID: m, Basis: decided[m].Basis, Detail: "notities van contacten met de jongere"}); err != nil {
			return err
		}
	}
	return nil
}

// youthInPlan returns the youths of the family with a track (a youth
// worker assigned now or before, or a track recorded) for the family's
// plan PDF: the track's shared part (sharedYouthTrack), and what each
// told in confidence — the track's confidential part and the contacts'
// notes — only when the policy lets the actor export it (the youth's
// consent shares it with the parents' side), audited as one export of
// the youth's confidential part.
func (tx *tx) youthInPlan(ctx context.Context, fam *regie.Family) ([]*regie.YouthInPlan, error) {
	ids, err := tx.queryIDs(ctx, `SELECT member_id FROM assignments WHERE family_id = $1 AND kind = $2 AND member_id IS NOT NULL
		UNION SELECT member_id FROM youth_tracks WHERE family_id = $1`, fam.ID, string(regie.AssignYouth))
	if err != nil {
		return nil, fmt.Errorf("store: youths in the plan: %w", err)
	}
	with := map[int64]bool{}
	for _, id := range ids {
		with[id] = true
	}
	var ys []*regie.YouthInPlan
	for _, m := range fam.CurrentMembers() {
		if !with[m.ID] {
			continue
		}
		f, err := tx.youthFacts(ctx, fam.ID, m.ID)
		if err != nil {
			return nil, err
		}
		y := &regie.YouthInPlan{MemberID: m.ID, Name: m.Name()}
		ys = append(ys, y)
		if y.Track, err = tx.sharedYouthTrack(ctx, fam, m.ID); err != nil {
			return nil, err
		}
		dec := policy.Decide(tx.actor, regie.ActionExport, regie.SegYouthConfidential, f)
		if !dec.Allow {
			continue
		}
		y.Shared = true
		if y.Notes, err = tx.youthNotes(ctx, fam.ID, m.ID); err != nil {
			return nil, err
		}
		if y.Track.ID != 0 {
			y.Track.Confidential = true
			if err := tx.youthConfidentialPart(ctx, y.Track); err != nil {
				return nil, err
			}
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionExport, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConfidential,
			FamilyID: fam.ID, MemberID: m.ID, Basis: dec.Basis, Detail: "jeugdtraject in het hulpverleningsplan (PDF)"}); err != nil {
			return nil, err
		}
	}
	return ys, nil
}
