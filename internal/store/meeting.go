package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// meetingDay parses a meeting's day.
func meetingDay(day string) (regie.Date, error) {
	d, err := regie.ParseDate(day)
	if err != nil {
		return d, addField(nil, "day", regie.MsgDateInvalid)
	}
	return d, nil
}

// authorizeMeeting decides on an access to the actor's team meeting.
func (tx *tx) authorizeMeeting(ctx context.Context, act regie.Action) (policy.Decision, error) {
	var f *policy.Facts
	if tx.actor != nil && tx.actor.TeamID != 0 {
		f = &policy.Facts{Exists: true, TeamID: tx.actor.TeamID}
	}
	return tx.decide(ctx, act, regie.SegMeeting, f, 0, 0, forbidden())
}

// agendaSize bounds each list of the agenda: a meeting discusses what
// matters most, and the page stays fast for a team of any size.
const agendaSize = 40

// FindAgenda implements regie.MeetingService.
func (s *Store) FindAgenda(ctx context.Context, day string, export bool) (*regie.Agenda, error) {
	var ag *regie.Agenda
	err := s.write(ctx, func(tx *tx) error {
		act := regie.ActionRead
		if export {
			act = regie.ActionExport
		}
		dec, err := tx.authorizeMeeting(ctx, act)
		if err != nil {
			return err
		}
		d, err := meetingDay(day)
		if err != nil {
			return err
		}
		teamID := tx.actor.TeamID
		past := tx.meetingPast(d)
		// A past meeting is only read: looking back at a week without a
		// meeting does not create one.
		var id int64
		if past {
			err = tx.QueryRowContext(ctx, `SELECT id FROM meetings WHERE team_id = $1 AND held_on = $2`, teamID, d.ISO()).Scan(&id)
			if isNoRows(err) {
				err = nil
			}
		} else {
			id, err = tx.meeting(ctx, teamID, d)
		}
		if err != nil {
			return err
		}
		ag = &regie.Agenda{Meeting: &regie.Meeting{ID: id, TeamID: teamID, HeldOn: d}, Past: past,
			CanDecide: !past && policy.Decide(tx.actor, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: teamID}).Allow}
		// The agenda's parts are read together, in two rounds (on
		// PostgreSQL two round trips): the second holds what follows from
		// the first — the referrals' priorities, the check-ups since the
		// previous meeting, what the shown families need besides their
		// summaries. The known-family search follows (agendaDuplicates).
		b := tx.batch()
		b.row("team", `SELECT name FROM teams WHERE id = $1`, []any{teamID}, func(sc scanner) error { return sc.Scan(&ag.Meeting.TeamName) })
		if !past {
			b.previousMeeting(ag, teamID, d)
			b.agendaReferrals(ag, teamID, id, d)
			b.agendaFamilies(ag, teamID)
			b.agendaEvaluations(ag, teamID)
			b.agendaDrafts(ag, teamID)
			b.agendaStagnations(ag, teamID)
		}
		intakeFamilies := map[int64]int64{}
		b.agendaMinutes(ag, id, intakeFamilies)
		if err := b.run(ctx); err != nil {
			return err
		}
		if !past && !export {
			dups, err := tx.agendaDuplicates(ctx, ag, teamID)
			if err != nil {
				return err
			}
			if err := tx.auditDuplicates(ctx, dups, d); err != nil {
				return err
			}
		}
		detail := "agenda van het teamoverleg van " + d.Dutch()
		if export {
			detail = "agenda en notulen van " + d.Dutch() + " afgedrukt"
		}
		return tx.auditEach(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegMeeting,
			Basis: dec.Basis, Detail: detail}, agendaSubjects(ag, intakeFamilies))
	})
	return ag, err
}

// agendaSubjects names every family and every referral the agenda shows
// — in its lists, its decisions and its intake decisions — so that each
// family's (and referral's) log has the meeting that discussed it.
// intakeFamilies gives the family of a referral decided on in the
// meeting, if any.
func agendaSubjects(ag *regie.Agenda, intakeFamilies map[int64]int64) []auditSubject {
	var subjects []auditSubject
	seen := map[auditSubject]bool{}
	add := func(sub auditSubject) {
		if sub != (auditSubject{}) && !seen[sub] {
			seen[sub] = true
			subjects = append(subjects, sub)
		}
	}
	for _, l := range [][]*regie.FamilySummary{ag.Acute, ag.Plans, ag.Evaluations, ag.Signals, ag.Closings, ag.Unassigned} {
		for _, fs := range l {
			add(auditSubject{FamilyID: fs.ID})
		}
	}
	for _, c := range ag.Checkups {
		add(auditSubject{FamilyID: c.FamilyID})
	}
	for _, d := range ag.Drafts {
		add(auditSubject{FamilyID: d.FamilyID})
	}
	for _, l := range [][]*regie.ReferralSummary{ag.Referrals, ag.Waiting, ag.PortfolioDue} {
		for _, r := range l {
			add(auditSubject{FamilyID: r.FamilyID, ReferralID: r.ID})
		}
	}
	for _, e := range ag.EvaluationsToDiscuss {
		add(auditSubject{FamilyID: e.FamilyID})
	}
	for _, r := range ag.Stagnations {
		add(auditSubject{FamilyID: r.FamilyID})
	}
	for _, d := range ag.Decisions {
		add(auditSubject{FamilyID: d.FamilyID, ReferralID: d.ReferralID})
	}
	for _, d := range ag.IntakeDecisions {
		add(auditSubject{FamilyID: intakeFamilies[d.ReferralID], ReferralID: d.ReferralID})
	}
	return subjects
}

// meetingPast reports whether a meeting on day d was held in an earlier
// week than this one. Its minutes are fixed: nothing is added to them.
func (tx *tx) meetingPast(d regie.Date) bool {
	return d.Before(tx.today().Monday())
}

// agendaReferrals queues the referrals awaiting a decision, the waiting
// list and the portfolio reviews that have come due; their priorities
// follow in the next round.
func (b *batch) agendaReferrals(ag *regie.Agenda, teamID, meetingID int64, day regie.Date) {
	var all []*regie.ReferralSummary
	b.each("agenda referrals", `SELECT r.id, r.status, r.household_name, d.name, ro.name, r.created_at, r.safety, r.meeting_id,
			dd.decided_at, dd.review_on, COALESCE(dd.contact_keeper, ''), r.family_id
		FROM referrals r JOIN districts d ON d.id = r.district_id JOIN organisations ro ON ro.id = r.referrer_org_id
		LEFT JOIN intake_decisions dd ON dd.id = (SELECT x.id FROM intake_decisions x WHERE x.referral_id = r.id
			ORDER BY x.decided_at DESC, x.id DESC LIMIT 1)
		WHERE r.team_id = $1 AND r.status IN ('ontvangen', 'agenda', 'wachtlijst', 'portefeuille')
		ORDER BY r.created_at LIMIT 500`, []any{teamID}, func(sc scanner) error {
		r := &regie.ReferralSummary{}
		var status, safety string
		var mid int64
		if err := sc.Scan(&r.ID, &status, &r.HouseholdName, &r.DistrictName, &r.ReferrerOrg, timeScan{&r.CreatedAt}, &safety,
			idScan{&mid}, timeScan{&r.DecidedAt}, dateScan{&r.ReviewOn}, &r.ContactKeeper, idScan{&r.FamilyID}); err != nil {
			return err
		}
		r.Status, r.Safety = regie.ReferralStatus(status), regie.SafetyLevel(safety)
		// A referral on another meeting's agenda waits for that one.
		if r.Status == regie.ReferralOnAgenda && mid != meetingID {
			r.MeetingDate = regie.Date{}
		}
		all = append(all, r)
		return nil
	})
	prio := map[int64]*regie.Priority{}
	b.then(func(_ context.Context, next *batch) error {
		ids := make([]int64, len(all))
		for i, r := range all {
			ids[i] = r.ID
		}
		next.priorities(ids, prio)
		next.then(func(context.Context, *batch) error {
			for _, r := range all {
				r.Priority = prio[r.ID]
			}
			sortReferrals(all)
			for _, r := range all {
				switch {
				case r.Status.Open():
					ag.Referrals = append(ag.Referrals, r)
				case r.Status == regie.ReferralWaiting:
					ag.Waiting = append(ag.Waiting, r)
				case r.Status == regie.ReferralPortfolio && !r.ReviewOn.After(day):
					ag.PortfolioDue = append(ag.PortfolioDue, r)
				}
			}
			return nil
		})
		return nil
	})
}

// agendaFamilies queues the team's running families for the agenda: acute
// unsafety, plans, evaluations, other signals; and, from them, the
// closings and the families without a casemanager (agendaFromTeam). It
// reads the summaries, so its cost does not grow with the families'
// histories; those shown are enriched in the next round. (f.team_id
// repeats s.team_id — a summary keeps its family's team — so that
// PostgreSQL finds the team's families by families_team instead of
// scanning all of them.)
func (b *batch) agendaFamilies(ag *regie.Agenda, teamID int64) {
	var (
		list  []*regie.FamilySummary
		norms regie.Norms
	)
	b.each("agenda families", `SELECT f.id, f.household_name, f.sort_name, d.name,
			EXISTS (SELECT 1 FROM safety_concerns sc WHERE sc.family_id = f.id AND sc.severity = 'acuut' AND sc.resolved_on IS NULL),
			COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
				WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL LIMIT 1), ''),
			`+factsColumns+`
		FROM family_summaries s JOIN families f ON f.id = s.family_id JOIN districts d ON d.id = f.district_id
		WHERE s.team_id = $1 AND f.team_id = $1 AND f.closed_at IS NULL`, []any{teamID}, func(sc scanner) error {
		fs := &regie.FamilySummary{}
		ft := &fs.Facts
		if err := sc.Scan(append([]any{&fs.ID, &fs.HouseholdName, &fs.SortKey, &fs.DistrictName, &fs.Acute, &fs.Coordinator},
			factsDest(ft)...)...); err != nil {
			return err
		}
		fs.Phase, ft.Acute = ft.Phase, fs.Acute
		list = append(list, fs)
		return nil
	})
	b.norms(&norms)
	// Runs when the whole round is in: agendaFromTeam needs the previous
	// meeting's day too.
	b.then(func(_ context.Context, next *batch) error {
		next.enrichSummaries(agendaSignals(next.tx.actor, ag, list, norms, next.tx.today()))
		return nil
	})
}

// agendaSignals fills the agenda's lists of families with signals, and,
// through agendaFromTeam, its closings and families without a
// casemanager, from the team's families; it returns the families shown.
func agendaSignals(actor *regie.Actor, ag *regie.Agenda, list []*regie.FamilySummary, norms regie.Norms, today regie.Date) []*regie.FamilySummary {
	var flagged []*regie.FamilySummary
	// The signals choose who is on the agenda; what is due next is only
	// for those shown, and enrichSummaries computes it with their signals.
	for _, fs := range list {
		fs.Signals = regie.Signals(fs.Facts, norms, today)
		if len(fs.Signals) > 0 {
			flagged = append(flagged, fs)
		}
	}
	sortFamilies(flagged, "signalen")
	seen := map[int64]bool{}
	take := func(dst *[]*regie.FamilySummary, keep func(*regie.FamilySummary) bool) {
		for _, fs := range flagged {
			if len(*dst) < agendaSize && !seen[fs.ID] && keep(fs) {
				*dst, seen[fs.ID] = append(*dst, fs), true
			}
		}
	}
	hasSignal := func(k regie.SignalKind) func(*regie.FamilySummary) bool {
		return func(fs *regie.FamilySummary) bool {
			for _, s := range fs.Signals {
				if s.Kind == k {
					return true
				}
			}
			return false
		}
	}
	take(&ag.Acute, func(fs *regie.FamilySummary) bool { return fs.Acute })
	take(&ag.Plans, hasSignal(regie.SignalPlanOverdue))
	take(&ag.Evaluations, hasSignal(regie.SignalInterimDue))
	take(&ag.Signals, func(*regie.FamilySummary) bool { return true })
	// Only the families on the agenda (at most 4 × agendaSize) get their
	// extension reason and month's hours: not every flagged family of the
	// team (most of several hundred). Enriching changes no signal's kind or
	// alert, so neither the order above nor what was taken.
	var shown []*regie.FamilySummary
	for _, l := range [][]*regie.FamilySummary{ag.Acute, ag.Plans, ag.Evaluations, ag.Signals} {
		shown = append(shown, l...)
	}
	return append(shown, agendaFromTeam(actor, ag, list)...)
}

// agendaMinutes queues the items, the decisions and the intake decisions
// of the meeting; families gets the family of each referral decided on
// that has one (an accepted referral), for the audit rows.
func (b *batch) agendaMinutes(ag *regie.Agenda, meetingID int64, families map[int64]int64) {
	b.each("meeting items", `SELECT i.id, i.title, i.note, u.name FROM meeting_items i JOIN users u ON u.id = i.created_by
		WHERE i.meeting_id = $1 ORDER BY i.id`, []any{meetingID}, func(sc scanner) error {
		it := &regie.MeetingItem{}
		if err := sc.Scan(&it.ID, &it.Title, &it.Note, &it.CreatedBy); err != nil {
			return err
		}
		ag.Items = append(ag.Items, it)
		return nil
	})
	b.each("meeting decisions", `SELECT md.id, md.meeting_id, md.family_id, COALESCE(f.household_name, ''), md.referral_id, md.item_id,
			COALESCE(mi.title, ''), md.text, md.linked_kind, md.linked_id, u.name, md.decided_at,
			COALESCE(pt.phase, 0)
		FROM meeting_decisions md JOIN users u ON u.id = md.decided_by
		LEFT JOIN families f ON f.id = md.family_id LEFT JOIN meeting_items mi ON mi.id = md.item_id
		LEFT JOIN phase_transitions pt ON md.linked_kind = 'fase' AND pt.id = md.linked_id
		WHERE md.meeting_id = $1 ORDER BY md.decided_at, md.id`, []any{meetingID}, func(sc scanner) error {
		d := &regie.MeetingDecision{}
		var kind string
		var phase regie.Phase
		if err := sc.Scan(&d.ID, &d.MeetingID, idScan{&d.FamilyID}, &d.FamilyName, idScan{&d.ReferralID}, idScan{&d.ItemID},
			&d.ItemTitle, &d.Text, &kind, idScan{&d.LinkedID}, &d.DecidedBy, timeScan{&d.DecidedAt}, &phase); err != nil {
			return err
		}
		d.LinkedKind = regie.DecisionLink(kind)
		if phase != 0 {
			d.LinkedText = fmt.Sprintf("naar fase %d (%s)", phase, phase.Label())
		}
		ag.Decisions = append(ag.Decisions, d)
		return nil
	})
	ag.IntakeNames = map[int64]string{}
	b.each("meeting intake decisions", `SELECT `+decisionColumns+`, r.household_name, r.family_id`+decisionFrom+`
		JOIN referrals r ON r.id = d.referral_id
		WHERE d.meeting_id = $1 ORDER BY d.decided_at, d.id`, []any{meetingID}, func(sc scanner) error {
		var (
			name   string
			family int64
		)
		d, err := scanDecision(sc, &name, idScan{&family})
		if err != nil {
			return err
		}
		ag.IntakeDecisions = append(ag.IntakeDecisions, d)
		ag.IntakeNames[d.ReferralID] = name
		if family != 0 {
			families[d.ReferralID] = family
		}
		return nil
	})
}

// AddMeetingItem implements regie.MeetingService.
func (s *Store) AddMeetingItem(ctx context.Context, day, title, note string) error {
	title, note = regie.Clean(title), regie.Clean(note)
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.authorizeMeeting(ctx, regie.ActionCreate)
		if err != nil {
			return err
		}
		d, err := meetingDay(day)
		if err != nil {
			return err
		}
		var v regie.Validation
		v.Required("title", title)
		v.MaxLen("title", title, 200)
		v.MaxLen("note", note, 4000)
		if tx.meetingPast(d) {
			v.Add("title", regie.MsgMeetingPast)
		}
		if err := v.Err(); err != nil {
			return err
		}
		id, err := tx.meeting(ctx, tx.actor.TeamID, d)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_items (meeting_id, title, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5)`,
			id, title, note, tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: meeting item: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegMeeting,
			Basis: dec.Basis, Detail: "agendapunt toegevoegd voor " + d.Dutch()})
	})
}

// RecordMeetingDecision implements regie.MeetingService.
func (s *Store) RecordMeetingDecision(ctx context.Context, day string, in regie.MeetingDecisionInput) (*regie.MeetingDecision, error) {
	in.Text, in.PhaseReason = regie.Clean(in.Text), regie.Clean(in.PhaseReason)
	out := &regie.MeetingDecision{}
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.authorizeMeeting(ctx, regie.ActionCreate)
		if err != nil {
			return err
		}
		d, err := meetingDay(day)
		if err != nil {
			return err
		}
		var v regie.Validation
		v.Required("text", in.Text)
		v.MaxLen("text", in.Text, 4000)
		if in.FamilyID == 0 && in.ItemID == 0 {
			v.Add("text", regie.MsgDecisionNeedsSubject)
		}
		if tx.meetingPast(d) {
			v.Add("text", regie.MsgMeetingPast)
		}
		if err := v.Err(); err != nil {
			return err
		}
		meetingID, err := tx.meeting(ctx, tx.actor.TeamID, d)
		if err != nil {
			return err
		}
		if in.ItemID != 0 {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM meeting_items WHERE id = $1 AND meeting_id = $2`, in.ItemID, meetingID); err != nil {
				return err
			} else if !ok {
				return regie.NotFound()
			}
		}
		var linkKind regie.DecisionLink
		var linkID int64
		if in.FamilyID != 0 {
			// A decision about a family is an access to it: the team
			// leader's, within the team.
			if _, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPhase, in.FamilyID, 0); err != nil {
				return err
			}
			if in.MovePhase {
				st, err := tx.phaseStatus(ctx, in.FamilyID)
				if err != nil {
					return err
				}
				if st.Current == nil || st.Next() == 0 {
					return addField(nil, "move_phase", regie.MsgPhaseMoveInvalid)
				}
				m := regie.PhaseMove{To: st.Next(), Reason: in.PhaseReason}
				if linkID, err = tx.movePhase(ctx, in.FamilyID, st, m); err != nil {
					if fs := regie.ErrorFields(err); fs["reason"] != "" {
						return addField(nil, "phase_reason", regie.MsgReasonForMove)
					}
					return err
				}
				linkKind = regie.LinkPhase
				if err := tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPhase,
					FamilyID: in.FamilyID, Basis: dec.Basis, Detail: moveDetail(m) + " (teamoverleg " + d.Dutch() + ")"}); err != nil {
					return err
				}
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO meeting_decisions (meeting_id, family_id, item_id, text, linked_kind, linked_id, decided_by, decided_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, meetingID, nullID(in.FamilyID), nullID(in.ItemID), in.Text,
			string(linkKind), nullID(linkID), tx.actor.UserID, ts(tx.now)).Scan(&out.ID); err != nil {
			return fmt.Errorf("store: meeting decision: %w", err)
		}
		out.MeetingID, out.FamilyID, out.ItemID, out.Text, out.LinkedKind, out.LinkedID = meetingID, in.FamilyID, in.ItemID, in.Text, linkKind, linkID
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegMeeting,
			FamilyID: in.FamilyID, Basis: dec.Basis, Detail: "besluit in het teamoverleg van " + d.Dutch()})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindSupervision implements regie.MeetingService.
func (s *Store) FindSupervision(ctx context.Context, userID int64) (*regie.Supervision, error) {
	sv := &regie.Supervision{PerPhase: map[regie.Phase]int{}}
	err := s.write(ctx, func(tx *tx) error {
		var teamID int64
		var role string
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(team_id, 0), role FROM users WHERE id = $1`, userID).Scan(&teamID, &role)
		if err != nil && !isNoRows(err) {
			return err
		}
		f := &policy.Facts{Exists: err == nil && teamID != 0, TeamID: teamID}
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegSupervision, f, 0, 0, regie.NotFound())
		if err != nil {
			return err
		}
		u := &regie.User{}
		if err := tx.scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+userFrom+` WHERE u.id = $1`, userID), u); err != nil {
			return err
		}
		u.PasswordHash, u.TOTPSecret = "", ""
		sv.User = u
		if err := tx.supervisionFamilies(ctx, sv, userID); err != nil {
			return err
		}
		if err := tx.supervisionSessions(ctx, sv, userID); err != nil {
			return err
		}
		today := tx.today()
		monthStart := regie.NewDate(today.Time().Year(), today.Time().Month(), 1)
		monday := today.Monday()
		weeks := map[string]int{}
		rows, err := tx.QueryContext(ctx, `SELECT contact_date, minutes FROM contacts WHERE user_id = $1 AND contact_date >= $2`,
			userID, minDate(monthStart, monday.AddDays(-7*7)).ISO())
		if err != nil {
			return fmt.Errorf("store: supervision hours: %w", err)
		}
		for rows.Next() {
			var d regie.Date
			var m int
			if err := rows.Scan(dateScan{&d}, &m); err != nil {
				rows.Close()
				return err
			}
			if !d.Before(monthStart) {
				sv.ThisMonth += m
			}
			weeks[d.Monday().ISO()] += m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := 7; i >= 0; i-- {
			w := monday.AddDays(-7 * i)
			sv.PerWeek = append(sv.PerWeek, regie.WeekHours{Monday: w, Minutes: weeks[w.ISO()]})
		}
		if len(sv.Families) > 0 {
			loads, err := tx.caseloads(ctx, sv.Families[0].ID, regie.Role(role))
			if err != nil {
				return err
			}
			for _, l := range loads {
				if l.UserID == userID {
					sv.Caseload = l
				}
			}
		}
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegSupervision,
			Basis: dec.Basis, Detail: fmt.Sprintf("werkbegeleiding van gebruiker %d", userID)}, sessionSubjects(sv.Sessions, familySubjects(sv.Families)))
	})
	if err != nil {
		return nil, err
	}
	return sv, nil
}

// supervisionFamilies lists the worker's current families with their
// summaries and signals.
func (tx *tx) supervisionFamilies(ctx context.Context, sv *regie.Supervision, userID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, d.name,
			EXISTS (SELECT 1 FROM safety_concerns sc WHERE sc.family_id = f.id AND sc.severity = 'acuut' AND sc.resolved_on IS NULL),
			`+factsColumns+`
		FROM assignments a JOIN families f ON f.id = a.family_id JOIN districts d ON d.id = f.district_id
		JOIN family_summaries s ON s.family_id = f.id
		WHERE a.user_id = $1 AND a.ended_on IS NULL AND f.closed_at IS NULL
		ORDER BY f.sort_name, f.id`, userID)
	if err != nil {
		return fmt.Errorf("store: supervision families: %w", err)
	}
	seen := map[int64]bool{}
	for rows.Next() {
		fs := &regie.FamilySummary{}
		ft := &fs.Facts
		if err := rows.Scan(append([]any{&fs.ID, &fs.HouseholdName, &fs.DistrictName, &fs.Acute}, factsDest(ft)...)...); err != nil {
			rows.Close()
			return err
		}
		if seen[fs.ID] {
			continue
		}
		seen[fs.ID] = true
		fs.Phase, ft.Acute = ft.Phase, fs.Acute
		sv.Families = append(sv.Families, fs)
		sv.PerPhase[fs.Phase]++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := tx.enrichSummaries(ctx, sv.Families); err != nil {
		return err
	}
	sortFamilies(sv.Families, "signalen")
	return nil
}
