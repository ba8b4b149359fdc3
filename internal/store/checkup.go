package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"regie"
	"regie/internal/policy"
)

// Check-ups after closing (regie.CheckupService): the records, the facts
// they decide in the summary, the coordinator's list of check-ups due and
// the team agenda's outcomes.

// lastCoordinator reports whether userID was the family's coordinator
// last: the newest coordinator assignment (assignments are only added, and
// closing the file ends them all).
func (tx *tx) lastCoordinator(ctx context.Context, familyID, userID int64) (bool, error) {
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT user_id FROM assignments WHERE family_id = $1 AND kind = 'regisseur'
		ORDER BY id DESC LIMIT 1`, familyID).Scan(&last)
	if isNoRows(err) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("store: last coordinator: %w", err)
	}
	return last == userID, nil
}

// checkupFacts computes the check-up facts of the summary: the check-ups
// held since the file was closed. An open file (reopened or never
// closed) has none.
func (tx *tx) checkupFacts(ctx context.Context, familyID int64, f *regie.FamilyFacts) error {
	f.CheckupsDone, f.LastCheckupOn = 0, regie.Date{}
	if f.ClosedOn.IsZero() {
		return nil
	}
	err := tx.QueryRowContext(ctx, `SELECT count(*), MAX(held_on) FROM checkups WHERE family_id = $1 AND held_on >= $2`,
		familyID, date(f.ClosedOn)).Scan(&f.CheckupsDone, dateScan{&f.LastCheckupOn})
	if err != nil {
		return fmt.Errorf("store: checkup facts: %w", err)
	}
	return nil
}

// FindCheckups implements regie.CheckupService.
func (s *Store) FindCheckups(ctx context.Context, familyID int64) (*regie.Checkups, error) {
	var out *regie.Checkups
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegCheckups, familyID, 0)
		if err != nil {
			return err
		}
		if out, err = tx.checkups(ctx, familyID); err != nil {
			return err
		}
		out.Can = policy.CheckupPermissions(tx.actor, f)
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegCheckups,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("check-ups na afsluiting: %d", len(out.List))})
	})
	return out, err
}

// checkups loads the check-up page of a family, without an access check.
func (tx *tx) checkups(ctx context.Context, familyID int64) (*regie.Checkups, error) {
	out := &regie.Checkups{FamilyID: familyID}
	if err := tx.QueryRowContext(ctx, `SELECT household_name, close_reason FROM families WHERE id = $1`, familyID).
		Scan(&out.HouseholdName, &out.CloseReason); err != nil {
		return nil, fmt.Errorf("store: checkups: %w", err)
	}
	sum, err := tx.readSummary(ctx, familyID)
	if err != nil {
		return nil, err
	}
	out.ClosedOn = sum.facts.ClosedOn
	if out.ClosedOn.IsZero() {
		out.CloseReason = ""
	}
	members, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.EndedOn.IsZero() {
			out.Members = append(out.Members, m)
		}
	}
	if out.List, err = tx.findCheckups(ctx, familyID, 0); err != nil {
		return nil, err
	}
	norms, err := tx.norms(ctx)
	if err != nil {
		return nil, err
	}
	out.Moments = regie.CheckupMoments(sum.facts, norms)
	return out, nil
}

// findCheckups returns a family's check-ups (or the one with id), the
// newest first, with whom was spoken.
func (tx *tx) findCheckups(ctx context.Context, familyID, id int64) ([]*regie.Checkup, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.family_id, c.held_on, c.family_doing, c.cooperation, c.assessment,
			c.referral_id, c.created_by, u.name, c.created_at
		FROM checkups c JOIN users u ON u.id = c.created_by
		WHERE c.family_id = $1 AND ($2 = 0 OR c.id = $2) ORDER BY c.held_on DESC, c.id DESC`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: checkups: %w", err)
	}
	var list []*regie.Checkup
	byID := map[int64]*regie.Checkup{}
	for rows.Next() {
		c := &regie.Checkup{}
		var assessment string
		if err := rows.Scan(&c.ID, &c.FamilyID, dateScan{&c.HeldOn}, &c.Family, &c.Cooperation, &assessment,
			idScan{&c.ReferralID}, &c.CreatedBy, &c.CreatedByName, timeScan{&c.CreatedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		c.Assessment = regie.CheckupAssessment(assessment)
		list = append(list, c)
		byID[c.ID] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return list, nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT p.checkup_id, p.kind, p.member_id, p.org_id, p.name, COALESCE(o.name, '')
		FROM checkup_parties p JOIN checkups c ON c.id = p.checkup_id LEFT JOIN organisations o ON o.id = p.org_id
		WHERE c.family_id = $1 AND ($2 = 0 OR c.id = $2) ORDER BY p.id`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: checkup parties: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var p regie.CheckupParty
		var kind string
		if err := rows.Scan(&cid, &kind, idScan{&p.MemberID}, idScan{&p.OrgID}, &p.Name, &p.OrgName); err != nil {
			return nil, err
		}
		p.Kind = regie.CheckupPartyKind(kind)
		if c := byID[cid]; c != nil {
			c.Parties = append(c.Parties, p)
		}
	}
	return list, rows.Err()
}

// CreateCheckup implements regie.CheckupService.
func (s *Store) CreateCheckup(ctx context.Context, familyID int64, in regie.CheckupInput) (*regie.Checkup, error) {
	in.Normalize()
	var out *regie.Checkup
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegCheckups, familyID, 0)
		if err != nil {
			return err
		}
		// The summary is computed from the check-ups: lock it first.
		sum, err := tx.lockSummary(ctx, familyID)
		if err != nil {
			return err
		}
		held, verr := in.Validate(sum.facts.ClosedOn, tx.today())
		var parties []regie.CheckupParty
		members, err := tx.findMembers(ctx, familyID)
		if err != nil {
			return err
		}
		for _, id := range in.MemberIDs {
			i := -1
			for j, m := range members {
				if m.ID == id {
					i = j
				}
			}
			if i < 0 {
				verr = addField(verr, "spoken_with", regie.MsgMemberOtherFamily)
				continue
			}
			parties = append(parties, regie.CheckupParty{Kind: regie.PartyMember, MemberID: id, Name: members[i].Name()})
		}
		for _, o := range in.Orgs {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, o.OrgID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "orgs", regie.MsgChoiceInvalid)
				continue
			}
			parties = append(parties, regie.CheckupParty{Kind: regie.PartyOrganisation, OrgID: o.OrgID, Name: o.Name})
		}
		if in.Others != "" {
			parties = append(parties, regie.CheckupParty{Kind: regie.PartyOther, Name: in.Others})
		}
		if verr != nil {
			return verr
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO checkups (family_id, held_on, family_doing, cooperation, assessment,
				created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			familyID, held.ISO(), in.Family, in.Cooperation, string(in.Assessment), tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: create checkup: %w", err)
		}
		for _, p := range parties {
			if _, err := tx.ExecContext(ctx, `INSERT INTO checkup_parties (checkup_id, kind, member_id, org_id, name)
				VALUES ($1, $2, $3, $4, $5)`, id, string(p.Kind), nullID(p.MemberID), nullID(p.OrgID), p.Name); err != nil {
				return fmt.Errorf("store: create checkup: %w", err)
			}
		}
		if err := tx.refreshSummary(ctx, familyID); err != nil {
			return err
		}
		list, err := tx.findCheckups(ctx, familyID, id)
		if err != nil {
			return err
		}
		out = list[0]
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegCheckups,
			FamilyID: familyID, Basis: dec.Basis,
			Detail: fmt.Sprintf("check-up %d van %s: %s", id, held.Dutch(), strings.ToLower(in.Assessment.Label()))})
	})
	return out, err
}

// nextMeetingDay is the day of the team meeting a new item goes to: today
// when the team meets today (Monday), else next Monday.
func nextMeetingDay(today regie.Date) regie.Date {
	if today.Monday() == today {
		return today
	}
	return today.Monday().AddDays(7)
}

// ReferFromCheckup implements regie.CheckupService. Whoever may record
// the check-up may refer the family from it: the referral is noted on the
// team's behalf, linked to the family (the intake decision offers to
// reopen that file) and put on the agenda of the next team meeting, in
// the same transaction as its audit rows.
func (s *Store) ReferFromCheckup(ctx context.Context, familyID, checkupID int64) (*regie.Referral, error) {
	var ref *regie.Referral
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegCheckups, familyID, 0)
		if err != nil {
			return err
		}
		list, err := tx.findCheckups(ctx, familyID, checkupID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return regie.NotFound()
		}
		c := list[0]
		var v regie.Validation
		switch {
		case !c.Assessment.Worrying():
			v.Add("", regie.MsgCheckupNotWorrying)
		case c.ReferralID != 0:
			v.Add("", regie.MsgCheckupReferred)
		}
		if err := v.Err(); err != nil {
			return err
		}
		in, teamID, err := tx.checkupReferralInput(ctx, familyID, c)
		if err != nil {
			return err
		}
		births, err := in.Validate(tx.today(), true)
		if err != nil {
			return err
		}
		day := nextMeetingDay(tx.today())
		meetingID, err := tx.meeting(ctx, teamID, day)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO referrals
			(id, team_id, status, referrer_org_id, referrer_name, referrer_function, referrer_phone, referrer_email,
			 entered_by, received_via, household_name, street, postcode, city, district_id, dutch_proficiency, languages,
			 problem_duration, help_tried, introducer_name, introducer_function, introducer_phone,
			 commitment, commitment_notes, safety, safety_notes, created_at, meeting_id, family_id)
			VALUES (`+tx.s.d.newID("referrals")+`, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, '', '', '',
			 $19, '', $20, '', $21, $22, $23) RETURNING id`,
			teamID, string(regie.ReferralOnAgenda), in.ReferrerOrgID, in.ReferrerName, in.ReferrerFunction, in.ReferrerPhone,
			in.ReferrerEmail, tx.actor.UserID, string(in.ReceivedVia), in.HouseholdName, in.Street, in.Postcode, in.City,
			in.DistrictID, string(in.DutchProficiency), in.Languages, string(in.ProblemDuration), in.HelpTried,
			string(in.Commitment), string(in.Safety), ts(tx.now), meetingID, familyID).Scan(&id); err != nil {
			return fmt.Errorf("store: refer from checkup: %w", err)
		}
		for i, m := range in.Members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO referral_members (referral_id, given_name, family_name, birth_date, relation)
				VALUES ($1, $2, $3, $4, $5)`, id, m.GivenName, m.FamilyName, births[i].ISO(), string(m.Relation)); err != nil {
				return fmt.Errorf("store: refer from checkup: %w", err)
			}
		}
		for d, text := range in.Signals {
			if _, err := tx.ExecContext(ctx, `INSERT INTO referral_signals (referral_id, domain, text) VALUES ($1, $2, $3)`,
				id, string(d), text); err != nil {
				return fmt.Errorf("store: refer from checkup: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE checkups SET referral_id = $1 WHERE id = $2`, id, c.ID); err != nil {
			return fmt.Errorf("store: refer from checkup: %w", err)
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegReferral,
			FamilyID: familyID, ReferralID: id, Basis: dec.Basis,
			Detail: fmt.Sprintf("aanmelding %s vanuit check-up %d, op de agenda van het teamoverleg van %s",
				regie.ReferralNumber(id), c.ID, day.Dutch())}); err != nil {
			return err
		}
		ref, err = tx.findReferral(ctx, id)
		return err
	})
	return ref, err
}

// checkupReferralInput prefills a referral from the family and the
// worrying check-up: the household and its current members, the
// check-up's answers as the signal, the earlier file as the help tried.
// The referrer is the actor, for the team's own organisation.
func (tx *tx) checkupReferralInput(ctx context.Context, familyID int64, c *regie.Checkup) (regie.ReferralInput, int64, error) {
	var in regie.ReferralInput
	var teamID int64
	var prof string
	var closed regie.Date
	var closeReason string
	err := tx.QueryRowContext(ctx, `SELECT f.household_name, f.street, f.postcode, f.city, f.district_id, f.team_id,
			f.dutch_proficiency, f.languages, f.close_reason, s.closed_on
		FROM families f JOIN family_summaries s ON s.family_id = f.id WHERE f.id = $1`, familyID).
		Scan(&in.HouseholdName, &in.Street, &in.Postcode, &in.City, &in.DistrictID, &teamID, &prof, &in.Languages,
			&closeReason, dateScan{&closed})
	if err != nil {
		return in, 0, fmt.Errorf("store: referral from checkup: %w", err)
	}
	in.DutchProficiency = regie.Proficiency(prof)
	if err := tx.QueryRowContext(ctx, `SELECT name, phone, email FROM users WHERE id = $1`, tx.actor.UserID).
		Scan(&in.ReferrerName, &in.ReferrerPhone, &in.ReferrerEmail); err != nil {
		return in, 0, fmt.Errorf("store: referral from checkup: %w", err)
	}
	// The team refers for its own organisation (the one that runs regie).
	if in.ReferrerOrgID = tx.actor.OrganisationID; in.ReferrerOrgID == 0 {
		err := tx.QueryRowContext(ctx, `SELECT id FROM organisations ORDER BY own DESC, id LIMIT 1`).Scan(&in.ReferrerOrgID)
		if err != nil && !isNoRows(err) {
			return in, 0, fmt.Errorf("store: referral from checkup: %w", err)
		}
	}
	if in.ReferrerPhone == "" {
		in.ReferrerPhone = regie.Text(regie.MsgCheckupReferrerPhone)
	}
	in.ReferrerFunction = tx.actor.Role.Label()
	in.ReceivedVia = "overleg"
	members, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return in, 0, err
	}
	for _, m := range members {
		if m.EndedOn.IsZero() {
			in.Members = append(in.Members, regie.MemberInput{GivenName: m.GivenName, FamilyName: m.FamilyName,
				BirthDate: m.BirthDate.ISO(), Relation: m.Relation})
		}
	}
	in.Signals = map[regie.Domain]string{"netwerk": regie.CheckupReferralText(c)}
	in.ProblemDuration = "onbekend"
	in.Commitment = "onbekend"
	in.Safety = regie.SafetyUnknown
	in.HelpTried = regie.CheckupReferralHistory(familyID, closed, closeReason)
	in.Normalize()
	return in, teamID, nil
}

// checkupFamilies returns the closed families whose last coordinator was
// userID and whose check-ups are not all done, with their facts (not yet
// their signals: see enrichSummaries, and checkupsDue). It
// starts from the user's coordinator assignments, so its cost follows
// the user's history, not the city's.
func (tx *tx) checkupFamilies(ctx context.Context, userID int64) ([]*regie.FamilySummary, error) {
	norms, err := tx.norms(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, d.name, f.created_at, f.closed_at, `+factsColumns+`
		FROM families f JOIN districts d ON d.id = f.district_id JOIN family_summaries s ON s.family_id = f.id
		WHERE f.closed_at IS NOT NULL AND COALESCE(s.checkups_done, 0) < $2
		AND f.id IN (SELECT a.family_id FROM assignments a WHERE a.user_id = $1 AND a.kind = 'regisseur')
		AND (SELECT a.user_id FROM assignments a WHERE a.family_id = f.id AND a.kind = 'regisseur' ORDER BY a.id DESC LIMIT 1) = $1
		ORDER BY f.id LIMIT 500`, userID, len(norms.CheckupMonths))
	if err != nil {
		return nil, fmt.Errorf("store: checkup families: %w", err)
	}
	var list []*regie.FamilySummary
	for rows.Next() {
		fs := &regie.FamilySummary{}
		if err := rows.Scan(append([]any{&fs.ID, &fs.HouseholdName, &fs.DistrictName, timeScan{&fs.CreatedAt}, timeScan{&fs.ClosedAt}},
			factsDest(&fs.Facts)...)...); err != nil {
			rows.Close()
			return nil, err
		}
		fs.Phase = fs.Facts.Phase
		if _, _, ok := regie.NextCheckup(fs.Facts, norms); ok {
			list = append(list, fs)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return list, nil
}

// FindCheckupsDue implements regie.CheckupService.
func (s *Store) FindCheckupsDue(ctx context.Context) ([]*regie.FamilySummary, error) {
	var list []*regie.FamilySummary
	err := s.write(ctx, func(tx *tx) (err error) {
		list, err = tx.checkupsDue(ctx)
		return err
	})
	return list, err
}

// checkupsDue lists the closed families whose last coordinator the actor
// was, with check-ups still to do, each audited as a list read.
func (tx *tx) checkupsDue(ctx context.Context) ([]*regie.FamilySummary, error) {
	dec, list, err := tx.readCheckupsDue(ctx)
	if err != nil {
		return nil, err
	}
	if err := tx.enrichSummaries(ctx, list); err != nil {
		return nil, err
	}
	return list, tx.showCheckupsDue(ctx, dec, list)
}

// readCheckupsDue is checkupsDue's first half: the policy's decision and
// the families, without their signals. Mijn gezinnen adds the signals in
// the same round as its own list's (findFamilies).
func (tx *tx) readCheckupsDue(ctx context.Context) (policy.Decision, []*regie.FamilySummary, error) {
	dec, err := tx.decide(ctx, regie.ActionRead, regie.SegFamilyList, nil, 0, 0, forbidden())
	if err != nil {
		return dec, nil, err
	}
	list, err := tx.checkupFamilies(ctx, tx.actor.UserID)
	return dec, list, err
}

// showCheckupsDue is checkupsDue's second half, once the families have
// their signals: the first check-up due first, and a row in each one's
// access log.
func (tx *tx) showCheckupsDue(ctx context.Context, dec policy.Decision, list []*regie.FamilySummary) error {
	sort.SliceStable(list, func(i, j int) bool { return list[i].Due.On.Before(list[j].Due.On) })
	return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegFamilyList,
		Basis: dec.Basis, Detail: fmt.Sprintf("check-ups na afsluiting: %d gezinnen", len(list))}, familySubjects(list))
}

// agendaCheckups queues the check-ups recorded since the team's previous
// meeting (or in the week before, when there was none), worrying ones
// first. It needs Agenda.PreviousOn (previousMeeting).
func (b *batch) agendaCheckups(ag *regie.Agenda, teamID int64, day regie.Date) {
	prev := ag.PreviousOn
	if prev.Before(day.AddDays(-7)) {
		prev = day.AddDays(-7)
	}
	b.each("agenda checkups", `SELECT c.id, c.family_id, f.household_name, c.held_on, c.family_doing, c.cooperation,
			c.assessment, c.referral_id, c.created_by, u.name, c.created_at
		FROM checkups c JOIN families f ON f.id = c.family_id JOIN users u ON u.id = c.created_by
		WHERE f.team_id = $1 AND c.created_at >= $2
		ORDER BY CASE WHEN c.assessment = 'goed' THEN 1 ELSE 0 END, c.held_on DESC, c.id DESC LIMIT `+fmt.Sprint(agendaSize),
		[]any{teamID, ts(prev.Time())}, func(sc scanner) error {
			c := &regie.Checkup{}
			var assessment string
			if err := sc.Scan(&c.ID, &c.FamilyID, &c.HouseholdName, dateScan{&c.HeldOn}, &c.Family, &c.Cooperation, &assessment,
				idScan{&c.ReferralID}, &c.CreatedBy, &c.CreatedByName, timeScan{&c.CreatedAt}); err != nil {
				return err
			}
			c.Assessment = regie.CheckupAssessment(assessment)
			ag.Checkups = append(ag.Checkups, c)
			return nil
		})
}
