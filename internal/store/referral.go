package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"regie"
	"regie/internal/policy"
)

// referralFacts reads what the policy needs about a referral.
func (tx *tx) referralFacts(ctx context.Context, id int64) (*policy.Facts, error) {
	f := &policy.Facts{}
	err := tx.QueryRowContext(ctx, `SELECT team_id, referrer_user_id FROM referrals WHERE id = $1`, id).
		Scan(&f.TeamID, idScan{&f.ReferrerUserID})
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: referral facts: %w", err)
	}
	f.Exists = true
	return f, nil
}

// authorizeReferral decides on an access to a referral; a denial is logged
// and answered as not found.
func (tx *tx) authorizeReferral(ctx context.Context, act regie.Action, seg regie.Segment, id int64) (policy.Decision, error) {
	f, err := tx.referralFacts(ctx, id)
	if err != nil {
		return policy.Decision{}, err
	}
	return tx.decideRecord(ctx, act, seg, f, auditRecord{ReferralID: id}, regie.NotFound())
}

// CreateReferral implements regie.ReferralService.
func (s *Store) CreateReferral(ctx context.Context, in regie.ReferralInput) (*regie.Referral, error) {
	in.Normalize()
	var ref *regie.Referral
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegReferral, nil, 0, 0, forbidden())
		if err != nil {
			return err
		}
		a := tx.actor
		onBehalf := policy.ReferOnBehalf(a)
		births, verr := in.Validate(tx.today(), onBehalf)
		var teamID int64
		if in.DistrictID != 0 {
			err := tx.QueryRowContext(ctx, `SELECT team_id FROM districts WHERE id = $1`, in.DistrictID).Scan(&teamID)
			if errors.Is(err, sql.ErrNoRows) {
				verr = addField(verr, "district", regie.MsgChoiceInvalid)
			} else if err != nil {
				return err
			}
		}
		for field, id := range map[string]int64{"referrer_org": in.ReferrerOrgID, "introducer_org": in.IntroducerOrgID} {
			if id == 0 || (field == "referrer_org" && !onBehalf) {
				continue
			}
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, id); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, field, regie.MsgChoiceInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		referrerUser, via := nullID(a.UserID), in.ReceivedVia
		if onBehalf {
			referrerUser = nil
		} else {
			// A referrer refers on behalf of their own organisation, as
			// themselves.
			in.ReferrerOrgID, in.ReferrerName, via = a.OrganisationID, a.Name, "portaal"
			if in.ReferrerEmail == "" {
				if err := tx.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, a.UserID).Scan(&in.ReferrerEmail); err != nil {
					return err
				}
			}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO referrals
			(id, team_id, status, referrer_user_id, referrer_org_id, referrer_name, referrer_function, referrer_phone, referrer_email,
			 entered_by, received_via, household_name, street, postcode, city, district_id, dutch_proficiency, languages,
			 problem_duration, help_tried, introducer_name, introducer_function, introducer_phone, introducer_org_id,
			 commitment, commitment_notes, safety, safety_notes, created_at)
			VALUES (`+tx.s.d.newID("referrals")+`, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
			 $24, $25, $26, $27, $28) RETURNING id`,
			teamID, string(regie.ReferralReceived), referrerUser, in.ReferrerOrgID, in.ReferrerName, in.ReferrerFunction,
			in.ReferrerPhone, in.ReferrerEmail, a.UserID, string(via), in.HouseholdName, in.Street, in.Postcode, in.City,
			in.DistrictID, string(in.DutchProficiency), in.Languages, string(in.ProblemDuration), in.HelpTried,
			in.IntroducerName, in.IntroducerFunction, in.IntroducerPhone, nullID(in.IntroducerOrgID),
			string(in.Commitment), in.CommitmentNotes, string(in.Safety), in.SafetyNotes, ts(tx.now),
		).Scan(&id); err != nil {
			return fmt.Errorf("store: create referral: %w", err)
		}
		for i, m := range in.Members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO referral_members (referral_id, given_name, family_name, birth_date, relation)
				VALUES ($1, $2, $3, $4, $5)`, id, m.GivenName, m.FamilyName, births[i].ISO(), string(m.Relation)); err != nil {
				return fmt.Errorf("store: create referral: %w", err)
			}
		}
		for _, d := range regie.Domains {
			if t, ok := in.Signals[d.Value]; ok {
				if _, err := tx.ExecContext(ctx, `INSERT INTO referral_signals (referral_id, domain, text) VALUES ($1, $2, $3)`,
					id, string(d.Value), t); err != nil {
					return fmt.Errorf("store: create referral: %w", err)
				}
			}
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegReferral,
			ReferralID: id, Basis: dec.Basis, Detail: "aanmelding " + regie.ReferralNumber(id) + " ontvangen"}); err != nil {
			return err
		}
		tx.result = id
		ref, err = tx.findReferral(ctx, id)
		return err
	})
	if id, ok := replayedResult(ctx); ok && err == nil {
		return &regie.Referral{ID: id}, nil // created by an earlier submit of this form
	}
	return ref, err
}

func (tx *tx) exists(ctx context.Context, q string, args ...any) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, q, args...).Scan(&n)
	return n > 0, err
}

const referralColumns = `r.id, r.team_id, t.name, r.status, r.referrer_user_id, r.referrer_org_id, ro.name, r.referrer_name,
	r.referrer_function, r.referrer_phone, r.referrer_email, r.entered_by, eu.name, r.received_via, r.household_name, r.street,
	r.postcode, r.city, r.district_id, d.name, r.dutch_proficiency, r.languages, r.problem_duration, r.help_tried,
	r.introducer_name, r.introducer_function, r.introducer_phone, r.introducer_org_id, COALESCE(io.name, ''),
	r.commitment, r.commitment_notes, r.safety, r.safety_notes, r.family_id, r.meeting_id, mt.held_on, r.created_at`

const referralFrom = ` FROM referrals r JOIN teams t ON t.id = r.team_id JOIN organisations ro ON ro.id = r.referrer_org_id
	JOIN users eu ON eu.id = r.entered_by JOIN districts d ON d.id = r.district_id
	LEFT JOIN organisations io ON io.id = r.introducer_org_id LEFT JOIN meetings mt ON mt.id = r.meeting_id`

// findReferral loads a referral with members, signals, decisions and its
// place on the priority list, without an access check.
func (tx *tx) findReferral(ctx context.Context, id int64) (*regie.Referral, error) {
	r := &regie.Referral{}
	var status, via, prof, dur, commit, safety string
	err := tx.QueryRowContext(ctx, `SELECT `+referralColumns+referralFrom+` WHERE r.id = $1`, id).Scan(
		&r.ID, &r.TeamID, &r.TeamName, &status, idScan{&r.ReferrerUserID}, &r.ReferrerOrgID, &r.ReferrerOrgName, &r.ReferrerName,
		&r.ReferrerFunction, &r.ReferrerPhone, &r.ReferrerEmail, &r.EnteredBy, &r.EnteredByName, &via, &r.HouseholdName, &r.Street,
		&r.Postcode, &r.City, &r.DistrictID, &r.DistrictName, &prof, &r.Languages, &dur, &r.HelpTried,
		&r.IntroducerName, &r.IntroducerFunction, &r.IntroducerPhone, idScan{&r.IntroducerOrgID}, &r.IntroducerOrgName,
		&commit, &r.CommitmentNotes, &safety, &r.SafetyNotes, idScan{&r.FamilyID}, idScan{&r.MeetingID}, dateScan{&r.MeetingDate},
		timeScan{&r.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, regie.NotFound()
	} else if err != nil {
		return nil, fmt.Errorf("store: find referral: %w", err)
	}
	r.Status, r.ReceivedVia, r.DutchProficiency = regie.ReferralStatus(status), regie.ReceivedVia(via), regie.Proficiency(prof)
	r.ProblemDuration, r.Commitment, r.Safety = regie.ProblemDuration(dur), regie.Commitment(commit), regie.SafetyLevel(safety)

	b := tx.batch()
	b.referralMembers(map[int64]*regie.Referral{id: r})
	if err := b.run(ctx); err != nil {
		return nil, err
	}
	signals := map[regie.Domain]string{}
	rows, err := tx.QueryContext(ctx, `SELECT domain, text FROM referral_signals WHERE referral_id = $1`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d, t string
		if err := rows.Scan(&d, &t); err != nil {
			rows.Close()
			return nil, err
		}
		signals[regie.Domain(d)] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, d := range regie.Domains {
		if t, ok := signals[d.Value]; ok {
			r.Signals = append(r.Signals, regie.DomainSignal{Domain: d.Value, Text: t})
		}
	}
	if r.Decisions, err = tx.findDecisions(ctx, id); err != nil {
		return nil, err
	}
	prio, err := tx.priorities(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	r.Priority = prio[id]
	return r, nil
}

// referralMembers queues the read of the members of the referrals of
// byID (by id), oldest first.
func (b *batch) referralMembers(byID map[int64]*regie.Referral) {
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	d := b.tx.s.d
	b.each("referral members", `SELECT referral_id, id, given_name, family_name, birth_date, relation FROM referral_members
		WHERE `+d.inIDs("referral_id", 1)+` ORDER BY birth_date, id`, []any{d.idsArg(ids)}, func(sc scanner) error {
		var id int64
		var rel string
		m := &regie.ReferralMember{}
		if err := sc.Scan(&id, &m.ID, &m.GivenName, &m.FamilyName, dateScan{&m.BirthDate}, &rel); err != nil {
			return err
		}
		m.Relation = regie.Relation(rel)
		byID[id].Members = append(byID[id].Members, m)
		return nil
	})
}

func (tx *tx) findDecisions(ctx context.Context, referralID int64) ([]*regie.IntakeDecision, error) {
	var ds []*regie.IntakeDecision
	b := tx.batch()
	b.each("find decisions", `SELECT `+decisionColumns+decisionFrom+` WHERE d.referral_id = $1 ORDER BY d.decided_at DESC, d.id DESC`,
		[]any{referralID}, func(sc scanner) error {
			d, err := scanDecision(sc)
			if err != nil {
				return err
			}
			ds = append(ds, d)
			return nil
		})
	return ds, b.run(ctx)
}

// decisionColumns and decisionFrom read intake decisions for scanDecision.
const (
	decisionColumns = `d.id, d.referral_id, d.outcome, d.decided_by, u.name, d.decided_at, d.meeting_id, m.held_on,
		d.review_on, d.contact_keeper, d.contra_indications, d.override_reason, d.warm_referral_org_id, COALESCE(o.name, ''),
		d.feedback, d.notes, d.family_id`
	decisionFrom = ` FROM intake_decisions d JOIN users u ON u.id = d.decided_by
		LEFT JOIN meetings m ON m.id = d.meeting_id LEFT JOIN organisations o ON o.id = d.warm_referral_org_id`
)

// scanDecision scans a row of decisionColumns, and the columns after
// them into extra.
func scanDecision(sc scanner, extra ...any) (*regie.IntakeDecision, error) {
	d := &regie.IntakeDecision{}
	var outcome, contra string
	if err := sc.Scan(append([]any{&d.ID, &d.ReferralID, &outcome, &d.DecidedBy, &d.DecidedByName, timeScan{&d.DecidedAt}, idScan{&d.MeetingID},
		dateScan{&d.MeetingDate}, dateScan{&d.ReviewOn}, &d.ContactKeeper, &contra, &d.OverrideReason, idScan{&d.WarmReferralOrgID},
		&d.WarmReferralOrgName, &d.Feedback, &d.Notes, idScan{&d.FamilyID}}, extra...)...); err != nil {
		return nil, err
	}
	d.Outcome = regie.IntakeOutcome(outcome)
	for _, c := range strings.Split(contra, ",") {
		if c != "" {
			d.ContraIndications = append(d.ContraIndications, regie.ContraIndication(c))
		}
	}
	return d, nil
}

// priorities derives the priority-list state of referrals from their
// events: placed, an opening, removed.
func (tx *tx) priorities(ctx context.Context, ids []int64) (map[int64]*regie.Priority, error) {
	out := map[int64]*regie.Priority{}
	b := tx.batch()
	b.priorities(ids, out)
	return out, b.run(ctx)
}

// priorities queues the read of tx.priorities into out.
func (b *batch) priorities(ids []int64, out map[int64]*regie.Priority) {
	if len(ids) == 0 {
		return
	}
	b.each("priorities", `SELECT p.referral_id, p.kind, p.opening_kind, p.note, p.at, u.name
		FROM priority_events p JOIN users u ON u.id = p.by_user
		WHERE `+b.tx.s.d.inIDs("p.referral_id", 1)+` ORDER BY p.at, p.id`, []any{b.tx.s.d.idsArg(ids)}, func(sc scanner) error {
		var (
			id                      int64
			kind, opening, note, by string
			at                      time.Time
		)
		if err := sc.Scan(&id, &kind, &opening, &note, timeScan{&at}, &by); err != nil {
			return err
		}
		switch kind {
		case "geplaatst":
			out[id] = &regie.Priority{Reason: note, Since: at, PlacedBy: by}
		case "opening":
			if p := out[id]; p != nil {
				p.OpeningKind, p.OpeningNote, p.OpeningAt = regie.OpeningKind(opening), note, at
			}
		case "verwijderd":
			delete(out, id)
		}
		return nil
	})
}

// FindReferralByID implements regie.ReferralService.
func (s *Store) FindReferralByID(ctx context.Context, id int64) (*regie.Referral, error) {
	var ref *regie.Referral
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.referralFacts(ctx, id)
		if err != nil {
			return err
		}
		dec, err := tx.decideRecord(ctx, regie.ActionRead, regie.SegReferral, f, auditRecord{ReferralID: id}, regie.NotFound())
		if err != nil {
			return err
		}
		if ref, err = tx.findReferral(ctx, id); err != nil {
			return err
		}
		var family *policy.Facts
		if ref.FamilyID != 0 {
			if family, err = tx.familyFacts(ctx, ref.FamilyID); err != nil {
				return err
			}
		}
		ref.Can = policy.ReferralPermissions(tx.actor, f, ref.Status.Final(), family)
		journey := ""
		if ref.Can.Journey {
			if ref.Journey, journey, err = tx.referralJourney(ctx, ref.FamilyID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegReferral,
			ReferralID: id, FamilyID: ref.FamilyID, Basis: dec.Basis, Detail: "aanmelding " + ref.Number() + journey})
	})
	return ref, err
}

// FindReferrals implements regie.ReferralService.
func (s *Store) FindReferrals(ctx context.Context, f regie.ReferralFilter) ([]*regie.ReferralSummary, error) {
	var list []*regie.ReferralSummary
	err := s.write(ctx, func(tx *tx) error {
		scope, ok := policy.ReferralScope(tx.actor, f.Own)
		dec := policy.Decide(tx.actor, regie.ActionRead, regie.SegReferrals, nil)
		if !ok || !dec.Allow {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeDenied, Segment: regie.SegReferrals,
				Basis: policy.Denied}); err != nil {
				return err
			}
			return &errDenied{err: forbidden()}
		}
		var (
			where []string
			args  []any
		)
		add := func(cond string, v any) {
			args = append(args, v)
			where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
		}
		switch {
		case scope.UserID != 0 && tx.actor.Role == regie.RoleReferrer:
			add("r.referrer_user_id = ?", scope.UserID)
		case scope.UserID != 0:
			add("r.entered_by = ?", scope.UserID)
		default:
			add("r.team_id = ?", scope.TeamID)
		}
		if len(f.Statuses) > 0 {
			var ph []string
			for _, st := range f.Statuses {
				args = append(args, string(st))
				ph = append(ph, fmt.Sprintf("$%d", len(args)))
			}
			where = append(where, "r.status IN ("+strings.Join(ph, ", ")+")")
		}
		limit := f.Limit
		if limit <= 0 || limit > 1000 {
			limit = 500
		}
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.status, r.household_name, d.name, ro.name, r.created_at, r.safety,
				mt.held_on, r.family_id, dd.decided_at, dd.review_on, COALESCE(dd.contact_keeper, ''), COALESCE(dd.feedback, ''),
				COALESCE(wo.name, '')
			FROM referrals r JOIN districts d ON d.id = r.district_id JOIN organisations ro ON ro.id = r.referrer_org_id
			LEFT JOIN meetings mt ON mt.id = r.meeting_id
			LEFT JOIN intake_decisions dd ON dd.id = (SELECT x.id FROM intake_decisions x WHERE x.referral_id = r.id
				ORDER BY x.decided_at DESC, x.id DESC LIMIT 1)
			LEFT JOIN organisations wo ON wo.id = dd.warm_referral_org_id
			WHERE `+strings.Join(where, " AND ")+` ORDER BY r.created_at, r.id LIMIT `+fmt.Sprint(limit), args...)
		if err != nil {
			return fmt.Errorf("store: find referrals: %w", err)
		}
		var ids []int64
		for rows.Next() {
			r := &regie.ReferralSummary{}
			var status, safety string
			if err := rows.Scan(&r.ID, &status, &r.HouseholdName, &r.DistrictName, &r.ReferrerOrg, timeScan{&r.CreatedAt}, &safety,
				dateScan{&r.MeetingDate}, idScan{&r.FamilyID}, timeScan{&r.DecidedAt}, dateScan{&r.ReviewOn}, &r.ContactKeeper,
				&r.Feedback, &r.WarmReferralOrg); err != nil {
				rows.Close()
				return err
			}
			r.Status, r.Safety = regie.ReferralStatus(status), regie.SafetyLevel(safety)
			list = append(list, r)
			ids = append(ids, r.ID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		prio, err := tx.priorities(ctx, ids)
		if err != nil {
			return err
		}
		for _, r := range list {
			r.Priority = prio[r.ID]
		}
		sortReferrals(list)
		// One row per referral shown, with its family once it has one
		// (NEN 7513); one without either when there are none.
		rec := auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegReferrals,
			Basis: dec.Basis, Detail: fmt.Sprintf("%d aanmeldingen", len(list))}
		subjects := make([]auditSubject, len(list))
		for i, r := range list {
			subjects[i] = auditSubject{FamilyID: r.FamilyID, ReferralID: r.ID}
		}
		return tx.auditEach(ctx, rec, subjects)
	})
	return list, err
}

// sortReferrals puts acute unsafety first, then a priority family with an
// opening (immediate start), then the priority list, then the longest
// waiting.
func sortReferrals(list []*regie.ReferralSummary) {
	rank := func(r *regie.ReferralSummary) int {
		switch {
		case r.Safety == regie.SafetyAcute:
			return 0
		case r.Priority.Immediate():
			return 1
		case r.Priority != nil:
			return 2
		}
		return 3
	}
	since := func(r *regie.ReferralSummary) time.Time {
		if !r.DecidedAt.IsZero() && (r.Status == regie.ReferralWaiting || r.Status == regie.ReferralPortfolio) {
			return r.DecidedAt
		}
		return r.CreatedAt
	}
	sort.SliceStable(list, func(i, j int) bool {
		if a, b := rank(list[i]), rank(list[j]); a != b {
			return a < b
		}
		return since(list[i]).Before(since(list[j]))
	})
}

// ScheduleReferral implements regie.ReferralService.
func (s *Store) ScheduleReferral(ctx context.Context, id int64, meeting string) error {
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.authorizeReferral(ctx, regie.ActionUpdate, regie.SegReferral, id)
		if err != nil {
			return err
		}
		ref, err := tx.findReferral(ctx, id)
		if err != nil {
			return err
		}
		var v regie.Validation
		day, perr := regie.ParseDate(meeting)
		switch {
		case meeting == "":
			v.Add("meeting", regie.MsgRequired)
		case perr != nil:
			v.Add("meeting", regie.MsgDateInvalid)
		case day.Before(tx.today()):
			v.Add("meeting", regie.MsgDateInPast)
		}
		if ref.Status.Final() {
			v.Add("meeting", regie.MsgReferralDecided)
		}
		if err := v.Err(); err != nil {
			return err
		}
		meetingID, err := tx.meeting(ctx, ref.TeamID, day)
		if err != nil {
			return err
		}
		status := ref.Status
		if status == regie.ReferralReceived {
			status = regie.ReferralOnAgenda
		}
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET meeting_id = $1, status = $2 WHERE id = $3`, meetingID, string(status), id); err != nil {
			return fmt.Errorf("store: schedule referral: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegReferral,
			ReferralID: id, FamilyID: ref.FamilyID, Basis: dec.Basis, Detail: "op de agenda van het teamoverleg van " + day.Dutch()})
	})
}

// meeting returns the id of the team's meeting on a day, making it.
func (tx *tx) meeting(ctx context.Context, teamID int64, day regie.Date) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM meetings WHERE team_id = $1 AND held_on = $2`, teamID, day.ISO()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `INSERT INTO meetings (team_id, held_on, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			teamID, day.ISO(), tx.actor.UserID, ts(tx.now)).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("store: meeting: %w", err)
	}
	return id, nil
}

// DecideIntake implements regie.ReferralService.
func (s *Store) DecideIntake(ctx context.Context, id int64, in regie.DecisionInput) (*regie.IntakeDecision, error) {
	var decision *regie.IntakeDecision
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.authorizeReferral(ctx, regie.ActionCreate, regie.SegIntake, id)
		if err != nil {
			return err
		}
		ref, err := tx.findReferral(ctx, id)
		if err != nil {
			return err
		}
		review, verr := in.Validate(tx.today())
		if ref.Status.Final() {
			verr = addField(verr, "outcome", regie.MsgReferralDecided)
		}
		if in.WarmReferralOrgID != 0 {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, in.WarmReferralOrgID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "warm_referral_org", regie.MsgChoiceInvalid)
			}
		}
		if in.Outcome == regie.IntakeAccept && in.LinkFamilyID != 0 {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM families WHERE id = $1 AND team_id = $2`, in.LinkFamilyID, ref.TeamID); err != nil {
				return err
			} else if !ok {
				verr = addField(verr, "link_family", regie.MsgLinkFamilyInvalid)
			}
		}
		if verr != nil {
			return verr
		}
		var familyID int64
		if in.Outcome == regie.IntakeAccept {
			if familyID, err = tx.startFamily(ctx, ref, in.LinkFamilyID); err != nil {
				return err
			}
		}
		var contra []string
		for _, c := range in.ContraIndications {
			contra = append(contra, string(c))
		}
		var did int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO intake_decisions
			(referral_id, outcome, decided_by, decided_at, meeting_id, review_on, contact_keeper, contra_indications, override_reason,
			 warm_referral_org_id, feedback, notes, family_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			id, string(in.Outcome), tx.actor.UserID, ts(tx.now), nullID(ref.MeetingID), date(review), in.ContactKeeper,
			strings.Join(contra, ","), in.OverrideReason, nullID(in.WarmReferralOrgID), in.Feedback, in.Notes, nullID(familyID),
		).Scan(&did); err != nil {
			return fmt.Errorf("store: decide intake: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET status = $1, family_id = COALESCE($2, family_id) WHERE id = $3`,
			string(in.Outcome.Status()), nullID(familyID), id); err != nil {
			return fmt.Errorf("store: decide intake: %w", err)
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegIntake,
			ReferralID: id, FamilyID: familyID, Basis: dec.Basis, Detail: "intakebesluit: " + strings.ToLower(string(in.Outcome))}); err != nil {
			return err
		}
		tx.result = familyID
		ds, err := tx.findDecisions(ctx, id)
		if err != nil {
			return err
		}
		decision = ds[0]
		return nil
	})
	if familyID, ok := replayedResult(ctx); ok && err == nil {
		// Decided by an earlier submit of this form.
		return &regie.IntakeDecision{Outcome: in.Outcome, FamilyID: familyID}, nil
	}
	return decision, err
}

// startFamily turns an accepted referral into a family in phase 1
// (Introductie): a new family with the referred members, or an existing
// one (referred again, or helped before) reopened. The referral's safety
// concerns become the family's, so they stay visible.
func (tx *tx) startFamily(ctx context.Context, ref *regie.Referral, linkID int64) (int64, error) {
	id := linkID
	if id == 0 {
		notes := fmt.Sprintf("Aangemeld door %s (%s), aanmelding %s.", ref.ReferrerName, ref.ReferrerOrgName, ref.Number())
		if err := tx.QueryRowContext(ctx, `INSERT INTO families
			(id, household_name, street, postcode, city, district_id, team_id, dutch_proficiency, languages, composition_notes,
			 created_at, created_by)
			VALUES (`+tx.s.d.newID("families")+`, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			ref.HouseholdName, ref.Street, ref.Postcode, ref.City, ref.DistrictID, ref.TeamID, string(ref.DutchProficiency),
			ref.Languages, notes, ts(tx.now), tx.actor.UserID).Scan(&id); err != nil {
			return 0, fmt.Errorf("store: start family: %w", err)
		}
		if err := tx.createSummary(ctx, id, ref.TeamID); err != nil {
			return 0, err
		}
		for _, m := range ref.Members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO members (id, family_id, given_name, family_name, birth_date, relation, started_on, created_at)
				VALUES (`+tx.s.d.newID("members")+`, $1, $2, $3, $4, $5, $6, $7)`, id, m.GivenName, m.FamilyName, m.BirthDate.ISO(), string(m.Relation),
				tx.today().ISO(), ts(tx.now)); err != nil {
				return 0, fmt.Errorf("store: start family: %w", err)
			}
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegFamily,
			FamilyID: id, ReferralID: ref.ID, Basis: "teamleider van het team", Detail: "gezin aangemaakt uit aanmelding " + ref.Number()}); err != nil {
			return 0, err
		}
	} else {
		if err := tx.addReferredMembers(ctx, id, ref); err != nil {
			return 0, err
		}
	}
	if err := tx.refreshSearchText(ctx, id); err != nil {
		return 0, err
	}
	// A family already in care keeps its phase; a new or closed one starts
	// in phase 1.
	sum, err := tx.readSummary(ctx, id)
	if err != nil {
		return 0, err
	}
	var closed bool
	if err := tx.QueryRowContext(ctx, `SELECT closed_at IS NOT NULL FROM families WHERE id = $1`, id).Scan(&closed); err != nil {
		return 0, err
	}
	if sum.facts.Phase == 0 || closed {
		if _, err := tx.ExecContext(ctx, `UPDATE families SET closed_at = NULL WHERE id = $1`, id); err != nil {
			return 0, fmt.Errorf("store: reopen family: %w", err)
		}
		if err := tx.startPhase1(ctx, id, tx.today(), "intake geaccepteerd ("+ref.Number()+")", true); err != nil {
			return 0, err
		}
	}
	if ref.Safety == regie.SafetyAcute || ref.Safety == regie.SafetyWorried {
		sev, actions := regie.SeverityMedium, ""
		if ref.Safety == regie.SafetyAcute {
			sev, actions = regie.SeverityAcute, "Acuut onveilig bij aanmelding: direct starten."
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO safety_concerns (family_id, what, since, severity, actions, meldcode, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, "Uit de veiligheidscheck bij aanmelding: "+ref.SafetyNotes,
			regie.DateOf(ref.CreatedAt).ISO(), string(sev), actions, "beoordelen", tx.actor.UserID, ts(tx.now)); err != nil {
			return 0, fmt.Errorf("store: safety concern from referral: %w", err)
		}
	}
	return id, nil
}

// addReferredMembers adds to an existing family the referred members it
// does not have yet (the same birth date and a similar name count as the
// same person): a baby born since, a partner who moved in.
func (tx *tx) addReferredMembers(ctx context.Context, familyID int64, ref *regie.Referral) error {
	existing, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return err
	}
	for _, m := range ref.Members {
		known := slices.ContainsFunc(existing, func(e *regie.Member) bool {
			return e.BirthDate == m.BirthDate && (similarName(e.GivenName, m.GivenName) || similarName(e.FamilyName, m.FamilyName))
		})
		if known {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO members (id, family_id, given_name, family_name, birth_date, relation, started_on, created_at)
			VALUES (`+tx.s.d.newID("members")+`, $1, $2, $3, $4, $5, $6, $7)`, familyID, m.GivenName, m.FamilyName, m.BirthDate.ISO(), string(m.Relation),
			tx.today().ISO(), ts(tx.now)); err != nil {
			return fmt.Errorf("store: add referred member: %w", err)
		}
	}
	return nil
}

// PlaceOnPriorityList implements regie.ReferralService.
func (s *Store) PlaceOnPriorityList(ctx context.Context, id int64, reason string) error {
	return s.priorityEvent(ctx, id, "geplaatst", "", reason)
}

// RecordOpening implements regie.ReferralService.
func (s *Store) RecordOpening(ctx context.Context, id int64, kind regie.OpeningKind, note string) error {
	return s.priorityEvent(ctx, id, "opening", kind, note)
}

// RemoveFromPriorityList implements regie.ReferralService.
func (s *Store) RemoveFromPriorityList(ctx context.Context, id int64, reason string) error {
	return s.priorityEvent(ctx, id, "verwijderd", "", reason)
}

func (s *Store) priorityEvent(ctx context.Context, id int64, kind string, opening regie.OpeningKind, note string) error {
	note = regie.Clean(note)
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.authorizeReferral(ctx, regie.ActionUpdate, regie.SegReferral, id)
		if err != nil {
			return err
		}
		prio, err := tx.priorities(ctx, []int64{id})
		if err != nil {
			return err
		}
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM referrals WHERE id = $1`, id).Scan(&status); err != nil {
			return fmt.Errorf("store: priority list: %w", err)
		}
		var v regie.Validation
		if regie.ReferralStatus(status).Final() {
			// The family's file is open: the priority list is for those
			// still waiting (see policy.ReferralPermissions).
			field := "reason"
			if kind == "opening" {
				field = "kind"
			}
			v.Add(field, regie.MsgReferralDecided)
		}
		on := prio[id] != nil
		switch kind {
		case "geplaatst":
			if on {
				v.Add("reason", regie.MsgAlreadyOnList)
			}
			v.Required("reason", note)
		case "opening":
			if !on {
				v.Add("kind", regie.MsgNotOnPriorityList)
			}
			if !regie.IsChoice(regie.OpeningKinds, opening) {
				v.Add("kind", regie.MsgChoiceInvalid)
			}
			v.Required("note", note)
		case "verwijderd":
			if !on {
				v.Add("reason", regie.MsgNotOnPriorityList)
			}
			v.Required("reason", note)
		}
		v.MaxLen("reason", note, 2000)
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO priority_events (referral_id, kind, opening_kind, note, at, by_user)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, kind, string(opening), note, ts(tx.now), tx.actor.UserID); err != nil {
			return fmt.Errorf("store: priority list: %w", err)
		}
		detail := map[string]string{"geplaatst": "op de prioriteitenlijst geplaatst", "opening": "opening: " + opening.Label(),
			"verwijderd": "van de prioriteitenlijst gehaald"}[kind]
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegReferral,
			ReferralID: id, Basis: dec.Basis, Detail: detail})
	})
}
