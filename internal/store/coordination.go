package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"regie"
	"regie/internal/policy"
)

// The warm handover, the network meetings of phase 5 and closing the
// coordination with an outcome (regie.CoordinationService).

// FindHandovers implements regie.CoordinationService.
func (s *Store) FindHandovers(ctx context.Context, familyID int64) (*regie.Handovers, error) {
	out := &regie.Handovers{}
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegHandover, familyID, 0)
		if err != nil {
			return err
		}
		if out.List, err = tx.handovers(ctx, familyID, 0); err != nil {
			return err
		}
		if out.Intake, err = tx.familyIntake(ctx, familyID); err != nil {
			return err
		}
		if out.Commitment, err = tx.commitmentCheck(ctx, familyID); err != nil {
			return err
		}
		out.CanEdit = policy.Can(tx.actor, regie.ActionCreate, regie.SegHandover, f)
		out.CanExport = policy.Can(tx.actor, regie.ActionExport, regie.SegHandover, f)
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegHandover,
			FamilyID: familyID, Basis: dec.Basis, Detail: "warme overdracht"})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// handovers returns the family's handovers (or the one with id), newest first.
func (tx *tx) handovers(ctx context.Context, familyID, id int64) ([]*regie.Handover, error) {
	rows, err := tx.QueryContext(ctx, `SELECT h.id, h.family_id, h.org_id, o.name, h.contact_person, h.handed_over_on, h.goals, h.tasks,
			u.name, h.created_at
		FROM handovers h JOIN organisations o ON o.id = h.org_id JOIN users u ON u.id = h.created_by
		WHERE h.family_id = $1 AND ($2 = 0 OR h.id = $2) ORDER BY h.handed_over_on DESC, h.id DESC`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: handovers: %w", err)
	}
	defer rows.Close()
	var hs []*regie.Handover
	for rows.Next() {
		h := &regie.Handover{}
		if err := rows.Scan(&h.ID, &h.FamilyID, &h.OrgID, &h.OrgName, &h.ContactPerson, dateScan{&h.On}, &h.Goals, &h.Tasks,
			&h.CreatedByName, timeScan{&h.CreatedAt}); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// commitmentCheck returns the newest confirmation of the referrer's
// commitment, or nil.
func (tx *tx) commitmentCheck(ctx context.Context, familyID int64) (*regie.CommitmentCheck, error) {
	c := &regie.CommitmentCheck{}
	err := tx.QueryRowContext(ctx, `SELECT c.id, c.confirmed_by, c.confirmed_on, c.note, u.name
		FROM commitment_checks c JOIN users u ON u.id = c.created_by
		WHERE c.family_id = $1 ORDER BY c.confirmed_on DESC, c.id DESC LIMIT 1`, familyID).
		Scan(&c.ID, &c.ConfirmedBy, dateScan{&c.On}, &c.Note, &c.CreatedByName)
	if isNoRows(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: commitment check: %w", err)
	}
	return c, nil
}

// orgExists reports whether the social map holds the organisation.
func (tx *tx) orgExists(ctx context.Context, id int64) (bool, error) {
	return tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, id)
}

// AddHandover implements regie.CoordinationService.
func (s *Store) AddHandover(ctx context.Context, familyID int64, in regie.HandoverInput) (*regie.Handover, error) {
	var out *regie.Handover
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegHandover, familyID, 0)
		if err != nil {
			return err
		}
		on, verr := in.Validate(tx.today())
		if in.OrgID != 0 {
			if ok, err := tx.orgExists(ctx, in.OrgID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "org", regie.MsgChoiceInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO handovers (family_id, org_id, contact_person, handed_over_on, goals, tasks,
			created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			familyID, in.OrgID, in.ContactPerson, on.ISO(), in.Goals, in.Tasks, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: add handover: %w", err)
		}
		list, err := tx.handovers(ctx, familyID, id)
		if err != nil {
			return err
		}
		out = list[0]
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegHandover,
			FamilyID: familyID, Basis: dec.Basis, Detail: truncate(fmt.Sprintf("warme overdracht %d aan %s", id, out.OrgName), 500)})
	})
	return out, err
}

// ConfirmCommitment implements regie.CoordinationService.
func (s *Store) ConfirmCommitment(ctx context.Context, familyID int64, in regie.CommitmentInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegHandover, familyID, 0)
		if err != nil {
			return err
		}
		on, err := in.Validate(tx.today())
		if err != nil {
			return err
		}
		intake, err := tx.familyIntake(ctx, familyID)
		if err != nil {
			return err
		}
		var referralID int64
		if intake != nil {
			referralID = intake.ReferralID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO commitment_checks (family_id, referral_id, confirmed_by, confirmed_on, note,
			created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			familyID, nullID(referralID), in.ConfirmedBy, on.ISO(), in.Note, tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: confirm commitment: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegHandover,
			FamilyID: familyID, ReferralID: referralID, Basis: dec.Basis, Detail: "toezegging van de aanmelder afgevinkt"})
	})
}

// ExportHandoverLetter implements regie.CoordinationService. What the
// letter holds of the family is decided as for a partner of the receiving
// organisation: only under a consent valid today that names it, and only
// the kinds it covers (policy.OrganisationConsent); never a BSN, the
// contacts, the safety concerns, the intake or the consents.
func (s *Store) ExportHandoverLetter(ctx context.Context, familyID, handoverID int64) (*regie.HandoverLetter, error) {
	var out *regie.HandoverLetter
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionExport, regie.SegHandover, familyID, 0)
		if err != nil {
			return err
		}
		list, err := tx.handovers(ctx, familyID, handoverID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return regie.NotFound()
		}
		h := list[0]
		consents, err := tx.findConsents(ctx, familyID)
		if err != nil {
			return err
		}
		org := policy.OrganisationConsent(h.OrgID, consents, tx.today())
		fam, err := tx.findFamily(ctx, familyID)
		if err != nil {
			return err
		}
		if out, err = tx.handoverLetter(ctx, h, fam, org); err != nil {
			return err
		}
		detail := fmt.Sprintf("overdrachtsbrief %d aan %s als PDF: ", h.ID, h.OrgName)
		if org.Allow {
			detail += "gedeeld onder " + org.Basis
		} else {
			detail += "geen geldige toestemming voor deze organisatie, alleen de afspraken"
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionExport, Outcome: regie.OutcomeOK, Segment: regie.SegHandover,
			FamilyID: familyID, Basis: dec.Basis, Detail: truncate(detail, 500)})
	})
	return out, err
}

// handoverLetter keeps of fam what the organisation's consent covers.
func (tx *tx) handoverLetter(ctx context.Context, h *regie.Handover, fam *regie.Family, org policy.Decision) (*regie.HandoverLetter, error) {
	l := &regie.HandoverLetter{Handover: h, Consent: org.Allow, Disclosure: disclosure(org)}
	// The household's name and dossier number, and whom to call: the
	// letter is about this handover, which was made with the agency.
	lf := &regie.Family{ID: fam.ID, HouseholdName: fam.HouseholdName, TeamName: fam.TeamName}
	for _, a := range fam.Assignments {
		if a.Kind == regie.AssignCoordinator || a.Kind == regie.AssignDuo {
			lf.Assignments = append(lf.Assignments, a)
		}
	}
	l.Family = lf
	shares := func(k regie.InfoKind) bool { return org.Allow && l.Disclosure.Shares(k) }
	withhold := func(k regie.InfoKind) { l.Withheld = append(l.Withheld, regie.LabelOf(regie.InfoSections, k)) }
	if shares(regie.InfoFamily) {
		lf.Street, lf.Postcode, lf.City, lf.Languages = fam.Street, fam.Postcode, fam.City, fam.Languages
		lf.DutchProficiency, lf.InterpreterNeeded = fam.DutchProficiency, fam.InterpreterNeeded
	} else {
		withhold(regie.InfoFamily)
	}
	if shares(regie.InfoMembers) {
		for _, m := range fam.CurrentMembers() {
			c := *m
			c.BSN = ""
			lf.Members = append(lf.Members, &c)
		}
	} else {
		withhold(regie.InfoMembers)
	}
	if shares(regie.InfoPlan) {
		vs, err := tx.planVersions(ctx, fam.ID)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			if v.Status != regie.PlanAgreed {
				continue
			}
			if err := tx.versionContent(ctx, v); err != nil {
				return nil, err
			}
			disclosePlan(v, l.Disclosure)
			l.Goals, l.Agreements = v.Goals, v.Agreements
			break
		}
		if !l.Disclosure.AllDomains() {
			l.Withheld = append(l.Withheld, "Doelen en afspraken op de andere leefgebieden")
		}
	} else {
		withhold(regie.InfoPlan)
	}
	if shares(regie.InfoTrajectories) {
		ts := &regie.Trajectories{}
		var err error
		if ts.List, err = tx.trajectories(ctx, fam.ID, 0); err != nil {
			return nil, err
		}
		discloseTrajectories(ts, l.Disclosure)
		l.Trajectories = ts.List
	} else {
		withhold(regie.InfoTrajectories)
	}
	return l, nil
}

// FindCoordination implements regie.CoordinationService.
func (s *Store) FindCoordination(ctx context.Context, familyID int64) (*regie.Coordination, error) {
	out := &regie.Coordination{}
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegNetwork, familyID, 0)
		if err != nil {
			return err
		}
		if out.Meetings, err = tx.networkMeetings(ctx, familyID, 0); err != nil {
			return err
		}
		if out.Open, err = tx.networkAgreements(ctx, familyID, true); err != nil {
			return err
		}
		if out.Closings, err = tx.familyClosings(ctx, familyID); err != nil {
			return err
		}
		phases, err := tx.phaseHistory(ctx, familyID)
		if err != nil {
			return err
		}
		handovers, err := tx.handovers(ctx, familyID, 0)
		if err != nil {
			return err
		}
		ts := &regie.Trajectories{}
		if ts.List, err = tx.trajectories(ctx, familyID, 0); err != nil {
			return err
		}
		ts.CountAgencies(tx.today())
		out.Agencies, out.History = coordinationTimeline(phases, handovers, out.Meetings, out.Closings, ts, tx.today())
		out.CanEdit = policy.Can(tx.actor, regie.ActionCreate, regie.SegNetwork, f)
		detail := "coördinatie van zorg"
		if out.Disclosure = disclosure(dec); out.Disclosure.Partial() {
			// A partner: the meetings its organisation attended, its own
			// agreements; not the rest of the coordination.
			org := tx.actor.OrganisationID
			out.Meetings = discloseNetwork(out.Meetings, org, out.Disclosure)
			out.Open = ownNetworkAgreements(out.Open, org)
			out.Agencies, out.History, out.Closings = nil, nil, nil
			detail = fmt.Sprintf("netwerkoverleggen van de eigen organisatie: %d", len(out.Meetings))
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegNetwork,
			FamilyID: familyID, Basis: dec.Basis, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// coordinationTimeline builds the agencies over time — at every start of
// phase 5 (counted from the trajectories), at every network meeting (as
// recorded then) and now — and the history: the phases with their
// relapses, the handovers, the meetings and the closings.
func coordinationTimeline(phases []*regie.PhaseTransition, handovers []*regie.Handover, meetings []*regie.NetworkMeeting,
	closings []*regie.FamilyClosing, ts *regie.Trajectories, today regie.Date) ([]regie.AgencyMoment, []regie.CoordinationEvent) {
	var (
		moments []regie.AgencyMoment
		history []regie.CoordinationEvent
		prev    regie.Phase
	)
	for _, p := range phases {
		kind, text := "fase", fmt.Sprintf("Fase %d: %s", p.Phase, p.Phase.Label())
		if p.Relapse() {
			kind, text = "terugval", fmt.Sprintf("Terug naar fase %d: %s", p.Phase, p.Phase.Label())
		}
		if p.Reason != "" {
			text += " — " + p.Reason
		}
		history = append(history, regie.CoordinationEvent{On: p.StartedOn, Kind: kind, Text: text})
		if p.Phase == regie.PhaseCoordination && prev != regie.PhaseCoordination {
			moments = append(moments, regie.AgencyMoment{Label: "Start fase 5", On: p.StartedOn, Count: ts.AgenciesOn(p.StartedOn)})
		}
		prev = p.Phase
	}
	for _, h := range handovers {
		history = append(history, regie.CoordinationEvent{On: h.On, Kind: "overdracht",
			Text: fmt.Sprintf("Warme overdracht aan %s (%s)", h.OrgName, h.ContactPerson)})
	}
	for i := len(meetings) - 1; i >= 0; i-- {
		m := meetings[i]
		moments = append(moments, regie.AgencyMoment{Label: "Netwerkoverleg", On: m.HeldOn, Count: m.Agencies})
		history = append(history, regie.CoordinationEvent{On: m.HeldOn, Kind: "netwerkoverleg",
			Text: fmt.Sprintf("Netwerkoverleg: %d deelnemers, %d nieuwe afspraken", len(m.Attendees), len(m.Agreements))})
	}
	for _, c := range closings {
		text := "Dossier gesloten: " + c.Outcome.Label()
		if c.OnwardOrgName != "" {
			text += " — doorverwezen naar " + c.OnwardOrgName + ": " + c.OnwardReason
		}
		history = append(history, regie.CoordinationEvent{On: c.ClosedOn, Kind: "gesloten", Text: text + " (" + c.Reason + ")"})
	}
	sort.SliceStable(moments, func(i, j int) bool { return moments[i].On.Before(moments[j].On) })
	sort.SliceStable(history, func(i, j int) bool { return history[i].On.Before(history[j].On) })
	moments = append(moments, regie.AgencyMoment{Label: "Nu", On: today, Count: ts.AgenciesNow})
	return moments, history
}

// FindNetworkMeeting implements regie.CoordinationService.
func (s *Store) FindNetworkMeeting(ctx context.Context, familyID, id int64) (*regie.NetworkMeeting, error) {
	var out *regie.NetworkMeeting
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegNetwork, familyID, 0)
		if err != nil {
			return err
		}
		list, err := tx.networkMeetings(ctx, familyID, id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return regie.NotFound()
		}
		// A partner sees only a meeting its organisation attended; any
		// other is not there for them, and the attempt is logged.
		if list = discloseNetwork(list, tx.actor.OrganisationID, disclosure(dec)); len(list) == 0 {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeDenied, Segment: regie.SegNetwork,
				FamilyID: familyID, Basis: policy.Denied, Detail: fmt.Sprintf("netwerkoverleg %d: de eigen organisatie was er niet bij", id)}); err != nil {
				return err
			}
			return &errDenied{err: regie.NotFound()}
		}
		out = list[0]
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegNetwork,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("netwerkoverleg %d", id)})
	})
	return out, err
}

// networkMeetings returns the family's meetings (or the one with id),
// newest first, with attendees, agreements and progress.
func (tx *tx) networkMeetings(ctx context.Context, familyID, id int64) ([]*regie.NetworkMeeting, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, m.family_id, m.held_on, m.agencies, m.notes, u.name, m.created_at
		FROM network_meetings m JOIN users u ON u.id = m.created_by
		WHERE m.family_id = $1 AND ($2 = 0 OR m.id = $2) ORDER BY m.held_on DESC, m.id DESC`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: network meetings: %w", err)
	}
	var ms []*regie.NetworkMeeting
	byID := map[int64]*regie.NetworkMeeting{}
	for rows.Next() {
		m := &regie.NetworkMeeting{}
		if err := rows.Scan(&m.ID, &m.FamilyID, dateScan{&m.HeldOn}, &m.Agencies, &m.Notes, &m.CreatedByName, timeScan{&m.CreatedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		ms = append(ms, m)
		byID[m.ID] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT a.meeting_id, a.kind, a.name, COALESCE(a.org_id, 0), COALESCE(o.name, ''),
			COALESCE(a.member_id, 0), COALESCE(a.person_id, 0), COALESCE(mb.given_name || ' ' || mb.family_name, np.name, '')
		FROM network_attendees a JOIN network_meetings m ON m.id = a.meeting_id
		LEFT JOIN organisations o ON o.id = a.org_id LEFT JOIN members mb ON mb.id = a.member_id
		LEFT JOIN network_persons np ON np.id = a.person_id
		WHERE m.family_id = $1 AND ($2 = 0 OR m.id = $2) ORDER BY a.id`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: network attendees: %w", err)
	}
	for rows.Next() {
		var (
			mid        int64
			a          regie.NetworkAttendee
			kind, name string
		)
		if err := rows.Scan(&mid, &kind, &a.Name, &a.OrgID, &a.OrgName, &a.MemberID, &a.PersonID, &name); err != nil {
			rows.Close()
			return nil, err
		}
		a.Kind = regie.AttendeeKind(kind)
		if a.Kind == regie.AttendeeMember || a.Kind == regie.AttendeeNetwork {
			a.Name = name
		}
		byID[mid].Attendees = append(byID[mid].Attendees, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	all, err := tx.networkAgreements(ctx, familyID, false)
	if err != nil {
		return nil, err
	}
	agreements := map[int64]*regie.NetworkAgreement{}
	for _, a := range all {
		agreements[a.ID] = a
		if m := byID[a.MeetingID]; m != nil {
			m.Agreements = append(m.Agreements, a)
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT p.meeting_id, p.agreement_id, p.status FROM network_progress p
		JOIN network_meetings m ON m.id = p.meeting_id WHERE m.family_id = $1 AND ($2 = 0 OR m.id = $2) ORDER BY p.id`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: network progress: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			mid, aid int64
			status   string
		)
		if err := rows.Scan(&mid, &aid, &status); err != nil {
			return nil, err
		}
		p := regie.NetworkProgress{AgreementID: aid, Status: regie.AgreementStatus(status)}
		if a := agreements[aid]; a != nil {
			p.Owner, p.What = a.Owner, a.What
		}
		byID[mid].Progress = append(byID[mid].Progress, p)
	}
	return ms, rows.Err()
}

// networkAgreements returns the family's network agreements with their
// current status, oldest first; only the unfinished ones when open. The
// status is the newest of the progress the meetings gave it (by the
// meetings' days) and of the owning partner's updates between meetings
// (newestNetworkStatus).
func (tx *tx) networkAgreements(ctx context.Context, familyID int64, open bool) ([]*regie.NetworkAgreement, error) {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.meeting_id, m.held_on, a.owner, a.owner_kind, COALESCE(a.owner_org_id, 0),
			COALESCE(a.owner_member_id, a.owner_person_id, 0), a.what, a.due,
			np.status, npm.held_on, u.status, u.on_date, COALESCE(u.note, '')
		FROM network_agreements a JOIN network_meetings m ON m.id = a.meeting_id
		LEFT JOIN network_progress np ON np.id = (SELECT p.id FROM network_progress p JOIN network_meetings pm ON pm.id = p.meeting_id
			WHERE p.agreement_id = a.id ORDER BY pm.held_on DESC, p.id DESC LIMIT 1)
		LEFT JOIN network_meetings npm ON npm.id = np.meeting_id
		LEFT JOIN network_agreement_updates u ON u.id = (SELECT MAX(u2.id) FROM network_agreement_updates u2 WHERE u2.agreement_id = a.id)
		WHERE a.family_id = $1 ORDER BY m.held_on, a.id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: network agreements: %w", err)
	}
	defer rows.Close()
	var as []*regie.NetworkAgreement
	for rows.Next() {
		a := &regie.NetworkAgreement{}
		var (
			kind               string
			meetStatus, update *string
			meetOn, updateOn   regie.Date
			note               string
		)
		if err := rows.Scan(&a.ID, &a.MeetingID, dateScan{&a.MadeOn}, &a.Owner, &kind, &a.OwnerOrgID, &a.OwnerID, &a.What,
			dateScan{&a.Due}, &meetStatus, dateScan{&meetOn}, &update, dateScan{&updateOn}, &note); err != nil {
			return nil, err
		}
		a.OwnerKind = regie.OwnerKind(kind)
		a.Status = newestNetworkStatus(meetStatus, meetOn, update, updateOn)
		if update != nil && (meetStatus == nil || !updateOn.Before(meetOn)) {
			a.Note = note
		}
		if open && a.Status.Finished() {
			continue
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// AddNetworkMeeting implements regie.CoordinationService.
func (s *Store) AddNetworkMeeting(ctx context.Context, familyID int64, in regie.NetworkMeetingInput) (*regie.NetworkMeeting, error) {
	var out *regie.NetworkMeeting
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegNetwork, familyID, 0)
		if err != nil {
			return err
		}
		// The summary's last network meeting is computed from the
		// meetings: lock it before reading them (lockSummary).
		if _, err := tx.lockSummary(ctx, familyID); err != nil {
			return err
		}
		on, dues, verr := in.Validate(tx.today())
		for _, mid := range in.Members {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM members WHERE id = $1 AND family_id = $2`, mid, familyID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "attendees", regie.MsgMemberOtherFamily)
				break
			}
		}
		for _, pid := range in.Persons {
			if _, verr, err = tx.checkNetworkPerson(ctx, familyID, pid, on, "attendees", verr); err != nil {
				return err
			}
		}
		owners := make([]networkOwner, len(in.Agreements))
		for i, a := range in.Agreements {
			if a.What == "" {
				continue
			}
			if owners[i], verr, err = tx.networkOwner(ctx, familyID, a, on, fmt.Sprintf("agreement-%d-who", i), verr); err != nil {
				return err
			}
		}
		for i, p := range in.Professionals {
			if p.OrgID == 0 {
				continue
			}
			if ok, err := tx.orgExists(ctx, p.OrgID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, fmt.Sprintf("attendee-%d-org", i), regie.MsgChoiceInvalid)
			}
		}
		earlier, err := tx.networkAgreements(ctx, familyID, false)
		if err != nil {
			return err
		}
		known := map[int64]bool{}
		for _, a := range earlier {
			known[a.ID] = true
		}
		for id := range in.Progress {
			if !known[id] {
				verr = addField(verr, fmt.Sprintf("progress-%d", id), regie.MsgChoiceInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		trs := &regie.Trajectories{}
		if trs.List, err = tx.trajectories(ctx, familyID, 0); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO network_meetings (family_id, held_on, agencies, notes, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, familyID, on.ISO(), trs.AgenciesOn(on), in.Notes, tx.actor.UserID,
			ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: add network meeting: %w", err)
		}
		tx.result = id
		attend := func(kind regie.AttendeeKind, name string, org, member, person int64) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO network_attendees (meeting_id, kind, name, org_id, member_id, person_id)
				VALUES ($1, $2, $3, $4, $5, $6)`, id, string(kind), name, nullID(org), nullID(member), nullID(person))
			return err
		}
		for _, mid := range in.Members {
			if err := attend(regie.AttendeeMember, "", 0, mid, 0); err != nil {
				return fmt.Errorf("store: network attendee: %w", err)
			}
		}
		for _, pid := range in.Persons {
			if err := attend(regie.AttendeeNetwork, "", 0, 0, pid); err != nil {
				return fmt.Errorf("store: network attendee: %w", err)
			}
		}
		for _, p := range in.Professionals {
			if p.OrgID != 0 {
				if err := attend(regie.AttendeeOrganisation, p.Name, p.OrgID, 0, 0); err != nil {
					return fmt.Errorf("store: network attendee: %w", err)
				}
			}
		}
		for _, name := range in.OtherNames() {
			if err := attend(regie.AttendeeOther, truncate(name, 200), 0, 0, 0); err != nil {
				return fmt.Errorf("store: network attendee: %w", err)
			}
		}
		for i, a := range in.Agreements {
			if a.What == "" {
				continue
			}
			o := owners[i]
			if _, err := tx.ExecContext(ctx, `INSERT INTO network_agreements (meeting_id, family_id, owner, what, due, owner_kind,
				owner_org_id, owner_member_id, owner_person_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				id, familyID, o.name, a.What, dues[i].ISO(), string(o.kind), nullID(o.org), nullID(o.member), nullID(o.person)); err != nil {
				return fmt.Errorf("store: network agreement: %w", err)
			}
		}
		progress := make([]int64, 0, len(in.Progress))
		for aid := range in.Progress {
			progress = append(progress, aid)
		}
		sort.Slice(progress, func(i, j int) bool { return progress[i] < progress[j] })
		for _, aid := range progress {
			if _, err := tx.ExecContext(ctx, `INSERT INTO network_progress (meeting_id, agreement_id, status) VALUES ($1, $2, $3)`,
				id, aid, string(in.Progress[aid])); err != nil {
				return fmt.Errorf("store: network progress: %w", err)
			}
		}
		if err := tx.refreshSummary(ctx, familyID); err != nil {
			return err
		}
		list, err := tx.networkMeetings(ctx, familyID, id)
		if err != nil {
			return err
		}
		out = list[0]
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegNetwork,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("netwerkoverleg %d op %s", id, on.ISO())})
	})
	if id, ok := replayedResult(ctx); ok && err == nil {
		return &regie.NetworkMeeting{ID: id}, nil // made by an earlier submit of this form
	}
	return out, err
}

// networkOwner is who owns a new network agreement, as stored: the name
// shown, and when chosen from a list its kind and the organisation,
// member or person.
type networkOwner struct {
	name                string
	kind                regie.OwnerKind
	org, member, person int64
}

// networkOwner resolves an agreement's owner: the typed name, or the
// choice — an organisation of the social map, a current member of the
// family, a person of its informal network taking part on the meeting's
// day on, or a worker assigned to the family — whose name it keeps. A
// choice that is not of this family adds a field error to verr.
func (tx *tx) networkOwner(ctx context.Context, familyID int64, a regie.NetworkAgreementInput, on regie.Date, field string,
	verr error) (networkOwner, error, error) {
	c, ok := regie.ParseOwnerChoice(a.OwnerChoice)
	if !ok {
		return networkOwner{name: a.Owner}, verr, nil
	}
	o := networkOwner{kind: c.Kind}
	q, args := "", []any{c.ID, familyID}
	switch c.Kind {
	case regie.OwnerOrganisation:
		o.org, q, args = c.ID, `SELECT name FROM organisations WHERE id = $1`, args[:1]
	case regie.OwnerMember:
		o.member, q = c.ID, `SELECT given_name || ' ' || family_name FROM members WHERE id = $1 AND family_id = $2 AND ended_on IS NULL`
	case regie.OwnerCasemanager:
		q = `SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
			WHERE a.user_id = $1 AND a.family_id = $2 AND a.ended_on IS NULL LIMIT 1`
	case regie.OwnerNetwork:
		p, verr, err := tx.checkNetworkPerson(ctx, familyID, c.ID, on, field, verr)
		if p != nil {
			o.person, o.name = p.ID, p.Name
		}
		return o, verr, err
	}
	err := tx.QueryRowContext(ctx, q, args...).Scan(&o.name)
	if errors.Is(err, sql.ErrNoRows) {
		msg := regie.MsgChoiceInvalid
		if c.Kind == regie.OwnerMember {
			msg = regie.MsgMemberOtherFamily
		}
		return o, addField(verr, field, msg), nil
	}
	if err != nil {
		return o, verr, fmt.Errorf("store: network agreement owner: %w", err)
	}
	return o, verr, nil
}

// networkFacts adds the network meetings to the summary's facts: the last
// network meeting is the newest of the recorded meetings and the contacts
// of kind netwerkoverleg.
func (tx *tx) networkFacts(ctx context.Context, familyID int64, f *regie.FamilyFacts) error {
	var last regie.Date
	if err := tx.QueryRowContext(ctx, `SELECT MAX(held_on) FROM network_meetings WHERE family_id = $1`, familyID).
		Scan(dateScan{&last}); err != nil {
		return fmt.Errorf("store: network facts: %w", err)
	}
	if last.After(f.LastNetworkMeetingOn) {
		f.LastNetworkMeetingOn = last
	}
	return nil
}

// overdueNetworkAgreements adds to the families' overdue agreements those
// of network meetings whose day has passed and that are not finished;
// idsArg holds the families' ids (dialect.idsArg).
func (b *batch) overdueNetworkAgreements(byID map[int64]*regie.FamilySummary, idsArg string) {
	b.each("overdue network agreements", `SELECT a.family_id, count(*) FROM network_agreements a
		WHERE `+b.tx.s.d.inIDs("a.family_id", 2)+` AND a.due < $1
		AND COALESCE((SELECT p.status FROM network_progress p JOIN network_meetings pm ON pm.id = p.meeting_id
			WHERE p.agreement_id = a.id ORDER BY pm.held_on DESC, p.id DESC LIMIT 1), 'afgesproken') IN ('afgesproken', 'loopt')
		GROUP BY a.family_id`, []any{b.tx.today().ISO(), idsArg}, func(sc scanner) error {
		var id int64
		var n int
		if err := sc.Scan(&id, &n); err != nil {
			return err
		}
		byID[id].Facts.OverdueAgreements += n
		return nil
	})
}

// CloseCoordination implements regie.CoordinationService.
func (s *Store) CloseCoordination(ctx context.Context, familyID int64, in regie.CloseInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegFamily, familyID, 0)
		if err != nil {
			return err
		}
		verr := in.Validate()
		if f.Closed {
			verr = addField(verr, "close_reason", regie.MsgFamilyClosed)
		}
		if in.OnwardOrgID != 0 {
			if ok, err := tx.orgExists(ctx, in.OnwardOrgID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "onward_org", regie.MsgChoiceInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		if err := tx.closeFile(ctx, familyID, in.Reason); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO family_closings (family_id, closed_on, outcome, reason, onward_org_id, onward_reason,
			created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, familyID, tx.today().ISO(), string(in.Outcome), in.Reason,
			nullID(in.OnwardOrgID), in.OnwardReason, tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: close coordination: %w", err)
		}
		detail := "dossier gesloten (" + in.Outcome.Label() + "): " + in.Reason
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegFamily,
			FamilyID: familyID, Basis: dec.Basis, Detail: truncate(detail, 500)})
	})
}

// familyClosings returns the file's closings, oldest first.
func (tx *tx) familyClosings(ctx context.Context, familyID int64) ([]*regie.FamilyClosing, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.closed_on, c.outcome, c.reason, COALESCE(c.onward_org_id, 0), COALESCE(o.name, ''),
			c.onward_reason, u.name
		FROM family_closings c JOIN users u ON u.id = c.created_by LEFT JOIN organisations o ON o.id = c.onward_org_id
		WHERE c.family_id = $1 ORDER BY c.closed_on, c.id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: closings: %w", err)
	}
	defer rows.Close()
	var cs []*regie.FamilyClosing
	for rows.Next() {
		c := &regie.FamilyClosing{}
		var outcome string
		if err := rows.Scan(&c.ID, dateScan{&c.ClosedOn}, &outcome, &c.Reason, &c.OnwardOrgID, &c.OnwardOrgName, &c.OnwardReason,
			&c.CreatedByName); err != nil {
			return nil, err
		}
		c.Outcome = regie.CloseOutcome(outcome)
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// referralJourney reads what the referrer of an accepted referral hears
// of the family's journey: days only.
func (tx *tx) referralJourney(ctx context.Context, familyID int64) (*regie.ReferralJourney, string, error) {
	j := &regie.ReferralJourney{}
	sum, err := tx.readSummary(ctx, familyID)
	if err != nil && !isNoRows(errors.Unwrap(err)) {
		return nil, "", err
	}
	if sum != nil {
		f := sum.facts
		if !f.CoordinationStartedOn.IsZero() && (f.Phase == regie.PhaseCoordination || !f.ClosedOn.IsZero()) {
			j.IntensiveEndedOn = f.CoordinationStartedOn
		}
		j.ClosedOn = f.ClosedOn
	}
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT MAX(handed_over_on) FROM handovers WHERE family_id = $1),
			(SELECT MAX(confirmed_on) FROM commitment_checks WHERE family_id = $1)`, familyID).
		Scan(dateScan{&j.HandedOverOn}, dateScan{&j.CommitmentOn}); err != nil {
		return nil, "", fmt.Errorf("store: referral journey: %w", err)
	}
	var told []string
	if !j.IntensiveEndedOn.IsZero() {
		told = append(told, "einde intensieve fase "+j.IntensiveEndedOn.ISO())
	}
	if !j.HandedOverOn.IsZero() {
		told = append(told, "overdracht "+j.HandedOverOn.ISO())
	}
	if !j.CommitmentOn.IsZero() {
		told = append(told, "toezegging afgevinkt "+j.CommitmentOn.ISO())
	}
	if !j.ClosedOn.IsZero() {
		told = append(told, "gesloten "+j.ClosedOn.ISO())
	}
	detail := ""
	if len(told) > 0 {
		detail = "; verloop: " + strings.Join(told, ", ")
	}
	return j, detail, nil
}
