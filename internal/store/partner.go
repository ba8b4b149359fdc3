package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"regie"
	"regie/internal/policy"
)

// A network partner's own work (regie.PartnerService): the families whose
// consent names the partner's organisation, and in each its own
// agreements and reports. What a partner may do is the policy's
// (partnerWork, partner); which agreements are the organisation's own and
// visible under the consent is decided here, on what was read.

// validConsentOfOrg selects the families with a consent, valid on $2,
// that names organisation $1: signed on or before the day, not past its
// last day, not withdrawn on or before it (regie.Consent.Valid).
const validConsentOfOrg = `SELECT c.family_id FROM consents c JOIN consent_parties cp ON cp.consent_id = c.id
	WHERE cp.org_id = $1 AND c.signed_on <= $2 AND (c.valid_until IS NULL OR c.valid_until >= $2)
	AND (c.withdrawn_on IS NULL OR c.withdrawn_on > $2)`

// FindPartnerFamilies implements regie.PartnerService. One query reads the
// families with their valid consents naming the organisation and their
// coordinator; two more, over all of them at once, the organisation's
// agreements and its open reports. Each family listed gets a read row in
// its log naming the consents the partner saw it under.
func (s *Store) FindPartnerFamilies(ctx context.Context, filter regie.PartnerFilter) (*regie.PartnerFamilies, error) {
	var (
		list []*regie.PartnerFamily
		out  = &regie.PartnerFamilies{}
	)
	if filter.Limit <= 0 {
		filter.Limit = regie.PartnerFamiliesPerPage
	}
	filter.Offset = max(filter.Offset, 0)
	err := s.write(ctx, func(tx *tx) error {
		ff := regie.FamilyFilter{Scope: regie.ScopePartner}
		scope, ok := policy.ListScope(tx.actor, ff)
		dec := policy.Decide(tx.actor, regie.ActionRead, regie.SegFamilyList, nil)
		if !ok || !dec.Allow || scope.OrgID == 0 {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeDenied, Segment: regie.SegFamilyList,
				Basis: policy.Denied, Detail: "gezinnen onder toestemming"}); err != nil {
				return err
			}
			return &errDenied{err: regie.Forbidden()}
		}
		today := tx.today()
		rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, f.closed_at, c.id, c.signed_on, c.valid_until,
				c.withdrawn_on, cp.kinds, COALESCE(u.name, ''), COALESCE(u.phone, '')
			FROM consent_parties cp JOIN consents c ON c.id = cp.consent_id JOIN families f ON f.id = c.family_id
			LEFT JOIN assignments a ON a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL
			LEFT JOIN users u ON u.id = a.user_id
			WHERE cp.org_id = $1 AND c.signed_on <= $2 AND (c.valid_until IS NULL OR c.valid_until >= $2)
				AND (c.withdrawn_on IS NULL OR c.withdrawn_on > $2)
			ORDER BY f.sort_name, f.id, c.id`, scope.OrgID, today.ISO())
		if err != nil {
			return fmt.Errorf("store: partner families: %w", err)
		}
		defer rows.Close()
		var (
			byID     = map[int64]*regie.PartnerFamily{}
			consents = map[int64][]*regie.Consent{}
		)
		for rows.Next() {
			var (
				pf     regie.PartnerFamily
				c      regie.Consent
				kinds  string
				closed = new(regie.Family).ClosedAt
			)
			if err := rows.Scan(&pf.ID, &pf.HouseholdName, timeScan{&closed}, &c.ID, dateScan{&c.SignedOn}, dateScan{&c.ValidUntil},
				dateScan{&c.WithdrawnOn}, &kinds, &pf.Coordinator, &pf.CoordinatorPhone); err != nil {
				return err
			}
			c.FamilyID = pf.ID
			c.Parties = []regie.ConsentParty{{OrgID: scope.OrgID, Kinds: parseKinds(kinds)}}
			if byID[pf.ID] == nil {
				pf.Closed = !closed.IsZero()
				p := pf
				byID[pf.ID] = &p
				list = append(list, &p)
			}
			consents[pf.ID] = append(consents[pf.ID], &c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		bases := map[string][]auditSubject{}
		var order []string
		decisions := map[int64]policy.Decision{}
		for _, pf := range list {
			cs := consents[pf.ID]
			org := policy.OrganisationConsent(scope.OrgID, cs, today)
			pf.Disclosure = disclosure(org)
			pf.ValidUntil = lastValidDay(cs)
			facts := &policy.Facts{Exists: true, Closed: pf.Closed, Consents: cs, Today: today}
			pf.FamilyPage = policy.Can(tx.actor, regie.ActionRead, regie.SegFamily, facts)
			if !pf.Disclosure.Shares(regie.InfoFamily) {
				pf.HouseholdName = ""
			}
			decisions[pf.ID] = org
		}
		// Named families by name (the query's order), then those shown by
		// dossier number, by number: their order must not hint at names.
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i], list[j]
			switch {
			case a.HouseholdName != "" && b.HouseholdName != "":
				return false
			case a.HouseholdName == "" && b.HouseholdName == "":
				return a.ID < b.ID
			}
			return a.HouseholdName != ""
		})
		// The page asked for: only its families are read further, shown and
		// in the access log.
		var matched []*regie.PartnerFamily
		for _, f := range list {
			if filter.Matches(f) {
				matched = append(matched, f)
			}
		}
		out.Total = len(matched)
		list = matched[min(filter.Offset, len(matched)):min(filter.Offset+filter.Limit, len(matched))]
		byID = map[int64]*regie.PartnerFamily{}
		for _, f := range list {
			byID[f.ID] = f
			b := decisions[f.ID].Basis
			if bases[b] == nil {
				order = append(order, b)
			}
			bases[b] = append(bases[b], auditSubject{FamilyID: f.ID})
		}
		ids := make([]int64, len(list))
		for i, f := range list {
			ids[i] = f.ID
		}
		agreements, err := tx.orgAgreements(ctx, scope.OrgID, ids)
		if err != nil {
			return err
		}
		for _, pf := range list {
			for _, a := range visibleAgreements(agreements[pf.ID], pf.Disclosure) {
				if !a.Status.Finished() {
					pf.OpenAgreements++
				}
			}
		}
		if err := tx.orgOpenStagnations(ctx, scope.OrgID, today, byID); err != nil {
			return err
		}
		out.List = list
		// One row per family listed, under the consents it was listed by.
		detail := fmt.Sprintf("gezinnen onder toestemming: %d van %d gezinnen", len(list), out.Total)
		if len(list) == 0 {
			return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegFamilyList,
				Basis: dec.Basis, Detail: detail})
		}
		for _, b := range order {
			if err := tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegFamilyList,
				Basis: b, Detail: detail}, bases[b]); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// parseKinds splits a consent party's comma-separated kinds.
func parseKinds(s string) []regie.InfoKind {
	var out []regie.InfoKind
	for _, k := range strings.Split(s, ",") {
		if k != "" {
			out = append(out, regie.InfoKind(k))
		}
	}
	return out
}

// lastValidDay is the last day any of the consents holds; zero when one
// holds until it is withdrawn.
func lastValidDay(cs []*regie.Consent) regie.Date {
	var last regie.Date
	for _, c := range cs {
		if c.ValidUntil.IsZero() {
			return regie.Date{}
		}
		if c.ValidUntil.After(last) {
			last = c.ValidUntil
		}
	}
	return last
}

// orgOpenStagnations counts the organisation's reports not yet picked up in
// the families listed.
func (tx *tx) orgOpenStagnations(ctx context.Context, orgID int64, today regie.Date, byID map[int64]*regie.PartnerFamily) error {
	rows, err := tx.QueryContext(ctx, `SELECT r.family_id, count(*) FROM stagnation_reports r
		WHERE r.org_id = $1 AND r.handled_on IS NULL AND r.family_id IN (`+validConsentOfOrg+`)
		GROUP BY r.family_id`, orgID, today.ISO())
	if err != nil {
		return fmt.Errorf("store: open stagnations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		if pf := byID[id]; pf != nil {
			pf.OpenStagnations = n
		}
	}
	return rows.Err()
}

// orgAgreements reads the agreements organisation orgID owns, with how
// they stand now, in the families given (a page of the list, or one):
// of the plan in force (the newest agreed version) and of the network
// meetings. No access check, no filter on what a consent covers
// (visibleAgreements).
func (tx *tx) orgAgreements(ctx context.Context, orgID int64, familyIDs []int64) (map[int64][]*regie.PartnerAgreement, error) {
	out := map[int64][]*regie.PartnerAgreement{}
	if len(familyIDs) == 0 {
		return out, nil
	}
	args := []any{orgID}
	marks := make([]string, len(familyIDs))
	for i, id := range familyIDs {
		args = append(args, id)
		marks[i] = fmt.Sprintf("$%d", i+2)
	}
	families := `v.family_id IN (` + strings.Join(marks, ", ") + `)`
	rows, err := tx.QueryContext(ctx, `SELECT v.family_id, a.key, a.domain, a.what, a.due, COALESCE(p.status, 'afgesproken'),
			COALESCE(pu.name, ''), p.at, COALESCE(p.note, '')
		FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id
		LEFT JOIN agreement_progress p ON p.id = (SELECT MAX(p2.id) FROM agreement_progress p2 WHERE p2.family_id = v.family_id AND p2.key = a.key)
		LEFT JOIN users pu ON pu.id = p.by_user
		WHERE a.owner_kind = 'organisatie' AND a.org_id = $1 AND v.status = 'vastgesteld'
			AND v.number = (SELECT MAX(v2.number) FROM plan_versions v2 WHERE v2.family_id = v.family_id AND v2.status = 'vastgesteld')
			AND `+families+`
		ORDER BY v.family_id, a.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: organisation's plan agreements: %w", err)
	}
	for rows.Next() {
		var (
			fid            int64
			domain, status string
			at             = new(regie.Agreement).StatusAt
		)
		a := &regie.PartnerAgreement{Source: regie.SourcePlan}
		if err := rows.Scan(&fid, &a.Key, &domain, &a.What, dateScan{&a.Due}, &status, &a.StatusBy, timeScan{&at}, &a.Note); err != nil {
			rows.Close()
			return nil, err
		}
		a.Domain, a.Status = regie.Domain(domain), regie.AgreementStatus(status)
		if !at.IsZero() {
			a.StatusOn = regie.DateOf(at)
		}
		out[fid] = append(out[fid], a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	families = strings.ReplaceAll(families, "v.family_id", "a.family_id")
	rows, err = tx.QueryContext(ctx, `SELECT a.family_id, a.id, m.held_on, a.what, a.due, np.status, npm.held_on,
			u.status, u.on_date, COALESCE(uu.name, ''), COALESCE(u.note, '')
		FROM network_agreements a JOIN network_meetings m ON m.id = a.meeting_id
		LEFT JOIN network_progress np ON np.id = (SELECT p.id FROM network_progress p JOIN network_meetings pm ON pm.id = p.meeting_id
			WHERE p.agreement_id = a.id ORDER BY pm.held_on DESC, p.id DESC LIMIT 1)
		LEFT JOIN network_meetings npm ON npm.id = np.meeting_id
		LEFT JOIN network_agreement_updates u ON u.id = (SELECT MAX(u2.id) FROM network_agreement_updates u2 WHERE u2.agreement_id = a.id)
		LEFT JOIN users uu ON uu.id = u.by_user
		WHERE a.owner_org_id = $1 AND `+families+`
		ORDER BY a.family_id, m.held_on, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: organisation's network agreements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			fid, id            int64
			meetStatus, status *string
			meetOn, on         regie.Date
			by, note           string
		)
		a := &regie.PartnerAgreement{Source: regie.SourceNetwork}
		if err := rows.Scan(&fid, &id, dateScan{&a.MadeOn}, &a.What, dateScan{&a.Due}, &meetStatus, dateScan{&meetOn},
			&status, dateScan{&on}, &by, &note); err != nil {
			return nil, err
		}
		a.Key = fmt.Sprint(id)
		a.Status = newestNetworkStatus(meetStatus, meetOn, status, on)
		if status != nil && (meetStatus == nil || !on.Before(meetOn)) {
			a.StatusBy, a.StatusOn, a.Note = by, on, note
		}
		out[fid] = append(out[fid], a)
	}
	return out, rows.Err()
}

// newestNetworkStatus is a network agreement's status: the newest of the
// progress a meeting gave it and a partner's update between meetings, by
// day (on the same day the partner's, recorded after the meeting).
func newestNetworkStatus(meeting *string, meetingOn regie.Date, update *string, updateOn regie.Date) regie.AgreementStatus {
	switch {
	case update != nil && (meeting == nil || !updateOn.Before(meetingOn)):
		return regie.AgreementStatus(*update)
	case meeting != nil:
		return regie.AgreementStatus(*meeting)
	}
	return regie.AgreementOpen
}

// visibleAgreements keeps the agreements a partner's consents let it see:
// a plan agreement when the plan and its life domain are shared (one
// without a domain is shared with no partner, as on the plan), a network
// agreement when the network meetings are.
func visibleAgreements(as []*regie.PartnerAgreement, d regie.Disclosure) []*regie.PartnerAgreement {
	var out []*regie.PartnerAgreement
	for _, a := range as {
		switch a.Source {
		case regie.SourcePlan:
			if a.Domain != "" && d.Shares(regie.InfoPlan) && d.SharesDomain(a.Domain) {
				out = append(out, a)
			}
		case regie.SourceNetwork:
			if d.Shares(regie.InfoNetwork) {
				out = append(out, a)
			}
		}
	}
	return out
}

// partnerWorkDecision authorizes a partner's own work with a family:
// act on SegAgreements under a valid consent naming the organisation. The
// work is the partner's: for anyone else the page does not exist.
func (tx *tx) partnerWorkDecision(ctx context.Context, act regie.Action, familyID int64) (policy.Decision, *policy.Facts, policy.Decision, error) {
	if !policy.OrganisationWork(tx.actor) {
		if err := tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeDenied, Segment: regie.SegAgreements,
			FamilyID: familyID, Basis: policy.Denied, Detail: "samenwerking: alleen voor een netwerkpartner"}); err != nil {
			return policy.Decision{}, nil, policy.Decision{}, err
		}
		return policy.Decision{}, nil, policy.Decision{}, &errDenied{err: regie.NotFound()}
	}
	dec, f, err := tx.authorizeFamily(ctx, act, regie.SegAgreements, familyID, 0)
	if err != nil {
		return dec, f, policy.Decision{}, err
	}
	org := policy.OrganisationConsent(tx.actor.OrganisationID, f.Consents, f.Today)
	return dec, f, org, nil
}

// FindPartnerWork implements regie.PartnerService.
func (s *Store) FindPartnerWork(ctx context.Context, familyID int64) (*regie.PartnerWork, error) {
	var w *regie.PartnerWork
	err := s.write(ctx, func(tx *tx) error {
		dec, f, org, err := tx.partnerWorkDecision(ctx, regie.ActionRead, familyID)
		if err != nil {
			return err
		}
		w = &regie.PartnerWork{}
		// Only what the page shows: the household's name, whom to call.
		fam := &regie.Family{ID: familyID}
		if err := tx.QueryRowContext(ctx, `SELECT f.household_name, f.closed_at, o.name FROM families f, organisations o
			WHERE f.id = $1 AND o.id = $2`, familyID, tx.actor.OrganisationID).Scan(&fam.HouseholdName, timeScan{&fam.ClosedAt},
			&w.OrgName); err != nil {
			return fmt.Errorf("store: partner work: %w", err)
		}
		if fam.Assignments, err = tx.findAssignments(ctx, familyID, true); err != nil {
			return err
		}
		w.FamilyID, w.Disclosure, w.Closed = familyID, disclosure(org), fam.Closed()
		w.Coordinator, w.Duo = fam.Coordinator(), fam.Duo()
		w.ValidUntil = lastValidDay(orgConsents(f.Consents, tx.actor.OrganisationID, f.Today))
		if w.Disclosure.Shares(regie.InfoFamily) {
			w.HouseholdName = fam.HouseholdName
		}
		w.FamilyPage = policy.Can(tx.actor, regie.ActionRead, regie.SegFamily, f)
		w.Network = policy.Can(tx.actor, regie.ActionRead, regie.SegNetwork, f)
		can := policy.FamilyPermissions(tx.actor, f)
		w.CanProgress, w.CanReport = can.Agreements, can.ReportStagnation
		all, err := tx.orgAgreements(ctx, tx.actor.OrganisationID, []int64{familyID})
		if err != nil {
			return err
		}
		w.Agreements = visibleAgreements(all[familyID], w.Disclosure)
		if can.ReadStagnation {
			if w.Stagnations, err = tx.stagnations(ctx, familyID, tx.actor.OrganisationID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegAgreements,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("samenwerking: %d eigen afspraken, %d stagnatiemeldingen",
				len(w.Agreements), len(w.Stagnations))})
	})
	return w, err
}

// orgConsents keeps the consents valid today that name the organisation.
func orgConsents(cs []*regie.Consent, orgID int64, today regie.Date) []*regie.Consent {
	var out []*regie.Consent
	for _, c := range cs {
		if !c.Valid(today) {
			continue
		}
		for _, p := range c.Parties {
			if p.OrgID == orgID {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// RecordAgreementProgress implements regie.PartnerService. The agreement
// must be the organisation's own and one its consents let it see; any
// other is, for the partner, not there (ENOTFOUND, audited as denied).
func (s *Store) RecordAgreementProgress(ctx context.Context, familyID int64, in regie.AgreementProgressInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, org, err := tx.partnerWorkDecision(ctx, regie.ActionUpdate, familyID)
		if err != nil {
			return err
		}
		source, key, err := in.Validate()
		if err != nil {
			if regie.ErrorCode(err) == regie.ENOTFOUND {
				return tx.deniedAgreement(ctx, familyID, in.Agreement)
			}
			return err
		}
		all, err := tx.orgAgreements(ctx, tx.actor.OrganisationID, []int64{familyID})
		if err != nil {
			return err
		}
		var found *regie.PartnerAgreement
		for _, a := range visibleAgreements(all[familyID], disclosure(org)) {
			if a.Source == source && a.Key == key {
				found = a
			}
		}
		if found == nil {
			return tx.deniedAgreement(ctx, familyID, in.Agreement)
		}
		switch source {
		case regie.SourcePlan:
			_, err = tx.ExecContext(ctx, `INSERT INTO agreement_progress (family_id, key, status, by_user, at, note, org_id)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, familyID, key, string(in.Status), tx.actor.UserID, ts(tx.now), in.Note,
				tx.actor.OrganisationID)
		case regie.SourceNetwork:
			_, err = tx.ExecContext(ctx, `INSERT INTO network_agreement_updates (family_id, agreement_id, status, note, org_id, by_user, on_date, at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, familyID, regie.NetworkAgreementID(key), string(in.Status), in.Note,
				tx.actor.OrganisationID, tx.actor.UserID, tx.today().ISO(), ts(tx.now))
		}
		if err != nil {
			return fmt.Errorf("store: agreement progress: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegAgreements,
			FamilyID: familyID, Basis: dec.Basis, Detail: truncate(fmt.Sprintf("voortgang afspraak (%s) %q: %s", source, found.What,
				in.Status.Label()), 500)})
	})
}

// deniedAgreement refuses progress on an agreement that is not the
// partner's organisation's own or not visible to it, and logs the attempt.
func (tx *tx) deniedAgreement(ctx context.Context, familyID int64, ref string) error {
	if err := tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeDenied, Segment: regie.SegAgreements,
		FamilyID: familyID, Basis: policy.Denied, Detail: truncate("voortgang op een afspraak die niet van de eigen organisatie is: "+ref, 500)}); err != nil {
		return err
	}
	return &errDenied{err: regie.NotFound()}
}
