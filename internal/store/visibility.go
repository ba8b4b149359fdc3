package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// FindPartnerView implements regie.ConsentService: "wie kan wat zien" and
// what partners recorded, for those who read the consents (the
// coordinator, the duo partner, the team leader), audited as a read of
// the consents.
func (s *Store) FindPartnerView(ctx context.Context, familyID int64) (*regie.PartnerView, error) {
	var v *regie.PartnerView
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegConsent, familyID, 0)
		if err != nil {
			return err
		}
		cs, err := tx.findConsents(ctx, familyID)
		if err != nil {
			return err
		}
		today := tx.today()
		v = &regie.PartnerView{Today: today}
		v.Orgs, v.Ended, v.Upcoming = regie.WhoSees(cs, today)
		if err := tx.partnerAccounts(ctx, v.Orgs); err != nil {
			return err
		}
		youths, err := tx.familyYouthConsents(ctx, v, familyID, today)
		if err != nil {
			return err
		}
		if policy.Can(tx.actor, regie.ActionRead, regie.SegStagnation, f) {
			if v.Stagnations, err = tx.stagnations(ctx, familyID, 0); err != nil {
				return err
			}
			v.CanHandle = policy.Can(tx.actor, regie.ActionUpdate, regie.SegStagnation, f)
		}
		if policy.Can(tx.actor, regie.ActionRead, regie.SegAgreements, f) {
			if v.Progress, err = tx.partnerProgress(ctx, familyID); err != nil {
				return err
			}
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegConsent,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("wie kan wat zien: %d organisaties; %d stagnatiemeldingen, %d voortgang van partners",
				len(v.Orgs), len(v.Stagnations), len(v.Progress))}); err != nil {
			return err
		}
		// A youth's own consents are read as the youth's (with the member),
		// as on their own page.
		for _, y := range youths {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegYouthConsent,
				FamilyID: familyID, MemberID: y.memberID, Basis: y.basis, Detail: "toestemmingen van de jongere, bij wie kan wat zien"}); err != nil {
				return err
			}
		}
		return nil
	})
	return v, err
}

// partnerAccounts fills, per organisation, the names of its partner
// accounts that may log in.
func (tx *tx) partnerAccounts(ctx context.Context, orgs []*regie.OrgAccess) error {
	if len(orgs) == 0 {
		return nil
	}
	byID := map[int64]*regie.OrgAccess{}
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		byID[o.OrgID], ids[i] = o, o.OrgID
	}
	rows, err := tx.QueryContext(ctx, `SELECT organisation_id, name FROM users
		WHERE role = $1 AND disabled_at IS NULL AND `+tx.s.d.inIDs("organisation_id", 2)+` ORDER BY sort_name, name, id`,
		string(regie.RolePartner), tx.s.d.idsArg(ids))
	if err != nil {
		return fmt.Errorf("store: partner accounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var org int64
		var name string
		if err := rows.Scan(&org, &name); err != nil {
			return err
		}
		byID[org].Accounts = append(byID[org].Accounts, name)
	}
	return rows.Err()
}

// youthRead is a youth whose own consents a page shows, and the basis
// the policy gave.
type youthRead struct {
	memberID int64
	basis    string
}

// familyYouthConsents adds to v the own consents of every youth of the
// family whose consents the actor may read (policy: SegYouthConsent), newest
// first per youth, each with whether it holds today for the youth's age;
// it returns the youths shown, for their audit rows.
func (tx *tx) familyYouthConsents(ctx context.Context, v *regie.PartnerView, familyID int64, today regie.Date) ([]youthRead, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.given_name || ' ' || m.family_name FROM members m
		WHERE m.family_id = $1 AND m.id IN (SELECT c.member_id FROM youth_consents c WHERE c.family_id = $1)
		ORDER BY m.birth_date, m.id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: youth consents: %w", err)
	}
	type youth struct {
		id   int64
		name string
	}
	var youths []youth
	for rows.Next() {
		var y youth
		if err := rows.Scan(&y.id, &y.name); err != nil {
			rows.Close()
			return nil, err
		}
		youths = append(youths, y)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var shown []youthRead
	for _, y := range youths {
		f, err := tx.youthFacts(ctx, familyID, y.id)
		if err != nil {
			return nil, err
		}
		dec := policy.Decide(tx.actor, regie.ActionRead, regie.SegYouthConsent, f)
		if !dec.Allow || f.Youth == nil {
			continue
		}
		shown = append(shown, youthRead{memberID: y.id, basis: dec.Basis})
		age := int(f.Youth.Age)
		for _, c := range f.Youth.Consents {
			v.YouthConsents = append(v.YouthConsents, &regie.YouthConsentView{Consent: c, MemberID: y.id, MemberName: y.name, Age: age,
				Holds: c.Holds(today, f.Youth.Age)})
		}
	}
	return shown, nil
}

// partnerProgress returns the progress partners recorded, newest first:
// on the plan's agreements (each with its words in the newest version that
// holds it) and on the network meetings' agreements, with their notes.
func (tx *tx) partnerProgress(ctx context.Context, familyID int64) ([]*regie.PartnerProgress, error) {
	rows, err := tx.QueryContext(ctx, `SELECT what, status, note, source, by_name, org_name, at FROM (
			SELECT COALESCE((SELECT a.what FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id
					WHERE v.family_id = p.family_id AND a.key = p.key ORDER BY v.number DESC LIMIT 1), '') AS what,
				p.status AS status, p.note AS note, 'plan' AS source, u.name AS by_name, o.name AS org_name, p.at AS at, p.id AS id
			FROM agreement_progress p JOIN users u ON u.id = p.by_user JOIN organisations o ON o.id = COALESCE(p.org_id, u.organisation_id)
			WHERE p.family_id = $1 AND u.role = $2
			UNION ALL
			SELECT a.what, n.status, n.note, 'netwerkoverleg', u.name, o.name, n.at, n.id
			FROM network_agreement_updates n JOIN network_agreements a ON a.id = n.agreement_id
				JOIN users u ON u.id = n.by_user JOIN organisations o ON o.id = COALESCE(n.org_id, u.organisation_id)
			WHERE n.family_id = $1 AND u.role = $2
		) x ORDER BY at DESC, id DESC LIMIT 100`, familyID, string(regie.RolePartner))
	if err != nil {
		return nil, fmt.Errorf("store: partner progress: %w", err)
	}
	defer rows.Close()
	var out []*regie.PartnerProgress
	for rows.Next() {
		p := &regie.PartnerProgress{}
		var status, source string
		if err := rows.Scan(&p.What, &status, &p.Note, &source, &p.ByName, &p.OrgName, timeScan{&p.At}); err != nil {
			return nil, err
		}
		p.Status, p.Network = regie.AgreementStatus(status), source == "netwerkoverleg"
		out = append(out, p)
	}
	return out, rows.Err()
}
