package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"regie"
)

// findConsents returns a family's consents with signers and parties,
// newest first.
func (tx *tx) findConsents(ctx context.Context, familyID int64) ([]*regie.Consent, error) {
	var cs []*regie.Consent
	b := tx.batch()
	b.consents(familyID, &cs)
	return cs, b.run(ctx)
}

// consents queues findConsents's reads into *cs: the consents, their
// signers and their parties in one round.
func (b *batch) consents(familyID int64, cs *[]*regie.Consent) {
	byID := map[int64]*regie.Consent{}
	b.each("find consents", `SELECT c.id, c.family_id, c.signed_on, c.valid_until, c.withdrawn_on, c.withdraw_reason,
			c.document_id, COALESCE(d.name, ''), u.name, c.created_at
		FROM consents c JOIN users u ON u.id = c.created_by LEFT JOIN documents d ON d.id = c.document_id
		WHERE c.family_id = $1 ORDER BY c.signed_on DESC, c.id DESC`, []any{familyID}, func(sc scanner) error {
		c := &regie.Consent{}
		if err := sc.Scan(&c.ID, &c.FamilyID, dateScan{&c.SignedOn}, dateScan{&c.ValidUntil}, dateScan{&c.WithdrawnOn},
			&c.WithdrawReason, idScan{&c.DocumentID}, &c.DocumentName, &c.CreatedBy, timeScan{&c.CreatedAt}); err != nil {
			return err
		}
		*cs = append(*cs, c)
		byID[c.ID] = c
		return nil
	})
	b.each("consent signers", `SELECT s.consent_id, m.id, m.given_name || ' ' || m.family_name, m.birth_date
		FROM consent_signers s JOIN members m ON m.id = s.member_id JOIN consents c ON c.id = s.consent_id
		WHERE c.family_id = $1 ORDER BY m.birth_date`, []any{familyID}, func(sc scanner) error {
		var cid int64
		var s regie.ConsentSigner
		var birth regie.Date
		if err := sc.Scan(&cid, &s.MemberID, &s.Name, dateScan{&birth}); err != nil {
			return err
		}
		if c := byID[cid]; c != nil {
			s.Age = birth.YearsOn(c.SignedOn)
			c.Signers = append(c.Signers, s)
		}
		return nil
	})
	b.each("consent parties", `SELECT p.consent_id, p.org_id, o.name, p.purpose, p.kinds
		FROM consent_parties p JOIN organisations o ON o.id = p.org_id JOIN consents c ON c.id = p.consent_id
		WHERE c.family_id = $1 ORDER BY o.name`, []any{familyID}, func(sc scanner) error {
		var cid int64
		var p regie.ConsentParty
		var kinds string
		if err := sc.Scan(&cid, &p.OrgID, &p.OrgName, &p.Purpose, &kinds); err != nil {
			return err
		}
		for _, k := range strings.Split(kinds, ",") {
			if k != "" {
				p.Kinds = append(p.Kinds, regie.InfoKind(k))
			}
		}
		if c := byID[cid]; c != nil {
			c.Parties = append(c.Parties, p)
		}
		return nil
	})
}

// FindConsents implements regie.ConsentService.
func (s *Store) FindConsents(ctx context.Context, familyID int64) ([]*regie.Consent, error) {
	var cs []*regie.Consent
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegConsent, familyID, 0)
		if err != nil {
			return err
		}
		if cs, err = tx.findConsents(ctx, familyID); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegConsent,
			FamilyID: familyID, Basis: dec.Basis, Detail: "toestemmingsverklaringen"})
	})
	return cs, err
}

// AuthorizeConsentUpload implements regie.ConsentService: the same
// decision as CreateConsent's, taken before the body is read. Allowed, it
// writes nothing (CreateConsent audits the consent itself).
func (s *Store) AuthorizeConsentUpload(ctx context.Context, familyID int64) error {
	return s.write(ctx, func(tx *tx) error {
		_, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegConsent, familyID, 0)
		return err
	})
}

// CreateConsent implements regie.ConsentService.
func (s *Store) CreateConsent(ctx context.Context, familyID int64, in regie.ConsentInput) (*regie.Consent, error) {
	var out *regie.Consent
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegConsent, familyID, 0)
		if err != nil {
			return err
		}
		var v regie.Validation
		signed := v.PastDate("signed_on", regie.Clean(in.SignedOn), tx.today(), true)
		var until regie.Date
		if u := regie.Clean(in.ValidUntil); u != "" {
			if d, err := regie.ParseDate(u); err != nil {
				v.Add("valid_until", regie.MsgDateInvalid)
			} else if !signed.IsZero() && d.Before(signed) {
				v.Add("valid_until", regie.MsgUntilBeforeSigned)
			} else {
				until = d
			}
		}
		members, err := tx.findMembers(ctx, familyID)
		if err != nil {
			return err
		}
		byID := map[int64]*regie.Member{}
		for _, m := range members {
			byID[m.ID] = m
		}
		if len(in.Signers) == 0 {
			v.Add("signers", regie.MsgConsentNeedsSigner)
		}
		// A youth of 16 or more signs for themself; 12–15 together with
		// a parent or carer.
		on := signed
		if on.IsZero() {
			on = tx.today()
		}
		var youngTeen, adult bool
		for _, id := range in.Signers {
			m := byID[id]
			if m == nil {
				v.Add("signers", regie.MsgMemberOtherFamily)
				continue
			}
			age := m.AgeOn(on)
			if age >= 12 && age < 16 {
				youngTeen = true
			}
			if m.Relation == "ouder" || m.Relation == "verzorger" {
				adult = true
			}
		}
		if youngTeen && !adult {
			v.Add("signers", regie.MsgConsentYouthSigner)
		}
		if len(in.Parties) == 0 {
			v.Add("parties", regie.MsgConsentNeedsParty)
		}
		for i, p := range in.Parties {
			field := fmt.Sprintf("party-%d", i)
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, p.OrgID); err != nil {
				return err
			} else if !ok {
				v.Add(field+"-org", regie.MsgChoiceInvalid)
			}
			in.Parties[i].Purpose = regie.Clean(p.Purpose)
			v.Required(field+"-purpose", in.Parties[i].Purpose)
			v.MaxLen(field+"-purpose", in.Parties[i].Purpose, 1000)
			if len(p.Kinds) == 0 {
				v.Add(field+"-kinds", regie.MsgConsentNeedsKinds)
			}
			for _, k := range p.Kinds {
				if !k.Valid() {
					v.Add(field+"-kinds", regie.MsgChoiceInvalid)
				}
			}
		}
		var mime string
		if d := in.Document; d != nil {
			mime = regie.DetectDocument(d.Content)
			switch {
			case len(d.Content) == 0:
				v.Add("document", regie.MsgFileEmpty)
			case len(d.Content) > regie.MaxUploadMB<<20:
				v.Add("document", regie.MsgFileTooLarge, regie.MaxUploadMB)
			case mime == "":
				v.Add("document", regie.MsgFileType)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		var docID int64
		if d := in.Document; d != nil {
			sum := sha256.Sum256(d.Content)
			if err := tx.QueryRowContext(ctx, `INSERT INTO documents (family_id, name, mime, size, sha256, content, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, familyID, safeName(d.Name, mime), mime, len(d.Content),
				hex.EncodeToString(sum[:]), d.Content, tx.actor.UserID, ts(tx.now)).Scan(&docID); err != nil {
				return fmt.Errorf("store: store document: %w", err)
			}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO consents (family_id, signed_on, valid_until, document_id, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, familyID, signed.ISO(), date(until), nullID(docID), tx.actor.UserID,
			ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: create consent: %w", err)
		}
		for _, m := range in.Signers {
			if _, err := tx.ExecContext(ctx, `INSERT INTO consent_signers (consent_id, member_id) VALUES ($1, $2)`, id, m); err != nil {
				return fmt.Errorf("store: create consent: %w", err)
			}
		}
		for _, p := range in.Parties {
			var kinds []string
			for _, k := range p.Kinds {
				kinds = append(kinds, string(k))
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO consent_parties (consent_id, org_id, purpose, kinds) VALUES ($1, $2, $3, $4)`,
				id, p.OrgID, p.Purpose, strings.Join(kinds, ",")); err != nil {
				return fmt.Errorf("store: create consent: %w", err)
			}
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegConsent,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("toestemmingsverklaring %d vastgelegd (%d organisaties)", id, len(in.Parties))}); err != nil {
			return err
		}
		cs, err := tx.findConsents(ctx, familyID)
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

// safeName keeps a download's file name to letters, digits and a few
// marks, with an extension that matches its content (not its name).
func safeName(name, mime string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:] // a browser on Windows may send the whole path
	}
	name = strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	for _, r := range name {
		if b.Len() >= 60 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ' || r == '.':
			b.WriteRune('-')
		}
	}
	base := strings.Trim(b.String(), "-")
	if base == "" {
		base = "toestemmingsverklaring"
	}
	return base + map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[mime]
}

// WithdrawConsent implements regie.ConsentService.
func (s *Store) WithdrawConsent(ctx context.Context, familyID, consentID int64, on, reason string) error {
	reason = regie.Clean(reason)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegConsent, familyID, 0)
		if err != nil {
			return err
		}
		var signed, withdrawn regie.Date
		err = tx.QueryRowContext(ctx, `SELECT signed_on, withdrawn_on FROM consents WHERE id = $1 AND family_id = $2`, consentID, familyID).
			Scan(dateScan{&signed}, dateScan{&withdrawn})
		if isNoRows(err) {
			return regie.NotFound()
		} else if err != nil {
			return err
		}
		day, err := regie.ValidateWithdrawal(on, reason, signed, withdrawn, tx.today())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE consents SET withdrawn_on = $1, withdraw_reason = $2 WHERE id = $3`,
			day.ISO(), reason, consentID); err != nil {
			return fmt.Errorf("store: withdraw consent: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegConsent,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("toestemmingsverklaring %d ingetrokken per %s", consentID, day.Dutch())})
	})
}

// FindDocument implements regie.ConsentService. A download is an export.
func (s *Store) FindDocument(ctx context.Context, familyID, documentID int64) (*regie.Document, error) {
	d := &regie.Document{}
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionExport, regie.SegConsent, familyID, 0)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT id, family_id, name, mime, content FROM documents WHERE id = $1 AND family_id = $2`,
			documentID, familyID).Scan(&d.ID, &d.FamilyID, &d.Name, &d.MIME, &d.Content)
		if isNoRows(err) {
			return regie.NotFound()
		} else if err != nil {
			return fmt.Errorf("store: find document: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionExport, Outcome: regie.OutcomeOK, Segment: regie.SegConsent,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("getekende verklaring (document %d) gedownload", documentID)})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ExportConsentForm implements regie.ConsentService.
func (s *Store) ExportConsentForm(ctx context.Context, familyID int64) (*regie.Family, error) {
	var fam *regie.Family
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionExport, regie.SegConsent, familyID, 0)
		if err != nil {
			return err
		}
		if fam, err = tx.findFamily(ctx, familyID); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionExport, Outcome: regie.OutcomeOK, Segment: regie.SegConsent,
			FamilyID: familyID, Basis: dec.Basis, Detail: "toestemmingsverklaring (formulier) afgedrukt"})
	})
	return fam, err
}
