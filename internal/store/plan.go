package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"strings"
	"time"

	"regie"
	"regie/internal/policy"
)

const versionColumns = `v.id, v.family_id, v.number, v.status, v.origin, v.history, v.strengths, v.obstacles, v.problems, v.situation,
	v.closing_question, v.discussed_at, COALESCE(du.name, ''), m.held_on, v.agreed_on, v.agreed_with, COALESCE(au.name, ''),
	v.created_at, cu.name, v.updated_at, v.revision, COALESCE(ub.name, ''), v.changed_after_discussion`

const versionFrom = ` FROM plan_versions v JOIN users cu ON cu.id = v.created_by LEFT JOIN users du ON du.id = v.discussed_by
	LEFT JOIN users au ON au.id = v.agreed_by LEFT JOIN meetings m ON m.id = v.meeting_id LEFT JOIN users ub ON ub.id = v.updated_by`

func scanVersion(sc interface{ Scan(...any) error }, v *regie.PlanVersion) error {
	var status, origin string
	err := sc.Scan(&v.ID, &v.FamilyID, &v.Number, &status, &origin, &v.History, &v.Strengths, &v.Obstacles, &v.Problems, &v.Situation,
		&v.ClosingQuestion, timeScan{&v.DiscussedAt}, &v.DiscussedBy, dateScan{&v.MeetingDate}, dateScan{&v.AgreedOn}, &v.AgreedWith,
		&v.AgreedBy, timeScan{&v.CreatedAt}, &v.CreatedByName, timeScan{&v.UpdatedAt}, &v.Revision, &v.UpdatedByName,
		timeScan{&v.ChangedAfterDiscussion})
	v.Status, v.Origin = regie.PlanStatus(status), regie.PlanOrigin(origin)
	return err
}

// planVersions returns the family's versions, newest first, without content.
func (tx *tx) planVersions(ctx context.Context, familyID int64) ([]*regie.PlanVersion, error) {
	var vs []*regie.PlanVersion
	b := tx.batch()
	b.planVersions(familyID, &vs)
	return vs, b.run(ctx)
}

// planVersions queues tx.planVersions's read into *vs.
func (b *batch) planVersions(familyID int64, vs *[]*regie.PlanVersion) {
	b.each("plan versions", `SELECT `+versionColumns+versionFrom+` WHERE v.family_id = $1 ORDER BY v.number DESC`, []any{familyID},
		func(sc scanner) error {
			v := &regie.PlanVersion{}
			if err := scanVersion(sc, v); err != nil {
				return err
			}
			*vs = append(*vs, v)
			return nil
		})
}

// versionContent fills a version's domains, goals and agreements (with
// the agreements' current progress).
func (tx *tx) versionContent(ctx context.Context, v *regie.PlanVersion) error {
	v.Domains, v.Goals, v.Agreements = nil, nil, nil
	byDomain := map[regie.Domain]*regie.DomainAssessment{}
	rows, err := tx.QueryContext(ctx, `SELECT domain, situation, strengths, obstacles, score FROM plan_domains WHERE version_id = $1`, v.ID)
	if err != nil {
		return fmt.Errorf("store: plan domains: %w", err)
	}
	for rows.Next() {
		a := &regie.DomainAssessment{MemberScores: map[int64]regie.Score{}}
		var d string
		if err := rows.Scan(&d, &a.Situation, &a.Strengths, &a.Obstacles, &a.Score); err != nil {
			rows.Close()
			return err
		}
		a.Domain = regie.Domain(d)
		byDomain[a.Domain] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT domain, member_id, score FROM plan_member_scores WHERE version_id = $1`, v.ID)
	if err != nil {
		return fmt.Errorf("store: plan member scores: %w", err)
	}
	for rows.Next() {
		var d string
		var m int64
		var sc regie.Score
		if err := rows.Scan(&d, &m, &sc); err != nil {
			rows.Close()
			return err
		}
		a := byDomain[regie.Domain(d)]
		if a == nil {
			a = &regie.DomainAssessment{Domain: regie.Domain(d), MemberScores: map[int64]regie.Score{}}
			byDomain[a.Domain] = a
		}
		a.MemberScores[m] = sc
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range regie.Domains {
		if a := byDomain[d.Value]; a != nil {
			v.Domains = append(v.Domains, a)
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT g.id, g.key, g.term, g.domain, g.member_id, COALESCE(m.given_name, ''), g.text
		FROM plan_goals g LEFT JOIN members m ON m.id = g.member_id WHERE g.version_id = $1 ORDER BY g.position`, v.ID)
	if err != nil {
		return fmt.Errorf("store: plan goals: %w", err)
	}
	for rows.Next() {
		g := &regie.Goal{}
		var term, d string
		if err := rows.Scan(&g.ID, &g.Key, &term, &d, idScan{&g.MemberID}, &g.Member, &g.Text); err != nil {
			rows.Close()
			return err
		}
		g.Term, g.Domain = regie.GoalTerm(term), regie.Domain(d)
		v.Goals = append(v.Goals, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return tx.versionAgreements(ctx, v)
}

// versionAgreements fills a version's agreements with their progress.
func (tx *tx) versionAgreements(ctx context.Context, v *regie.PlanVersion) error {
	b := tx.batch()
	b.versionAgreements(v)
	return b.run(ctx)
}

// versionAgreements queues tx.versionAgreements's reads: the agreements,
// and their progress in the same round (it is read by family, and kept
// for the agreements found).
func (b *batch) versionAgreements(v *regie.PlanVersion) {
	v.Agreements = nil
	b.each("plan agreements", `SELECT a.id, a.key, a.owner_kind, a.member_id, a.org_id, a.user_id, a.person_id,
			COALESCE(m.given_name || ' ' || m.family_name, o.name, u.name, np.name, ''), a.domain, a.what, a.due
		FROM plan_agreements a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN organisations o ON o.id = a.org_id
		LEFT JOIN users u ON u.id = a.user_id LEFT JOIN network_persons np ON np.id = a.person_id
		WHERE a.version_id = $1 ORDER BY a.position`, []any{v.ID}, func(sc scanner) error {
		a := &regie.Agreement{Status: regie.AgreementOpen}
		var kind, domain string
		var userID int64
		if err := sc.Scan(&a.ID, &a.Key, &kind, idScan{&a.MemberID}, idScan{&a.OrgID}, idScan{&userID}, idScan{&a.PersonID}, &a.Owner,
			&domain, &a.What, dateScan{&a.Due}); err != nil {
			return err
		}
		a.OwnerKind, a.Domain = regie.OwnerKind(kind), regie.Domain(domain)
		if a.OwnerKind == regie.OwnerCasemanager {
			a.MemberID = userID // the user, for the form's owner value
		}
		v.Agreements = append(v.Agreements, a)
		return nil
	})
	var progress []agreementStatus
	b.agreementProgress(v.FamilyID, &progress)
	b.then(func(context.Context, *batch) error {
		applyProgress(v.Agreements, progress)
		return nil
	})
}

// agreementStatus is one row of an agreement's progress.
type agreementStatus struct {
	key, status, by, note string
	at                    time.Time
}

// agreementProgress queues the read of the family's agreement progress,
// oldest first, into *into.
func (b *batch) agreementProgress(familyID int64, into *[]agreementStatus) {
	b.each("agreement progress", `SELECT p.key, p.status, u.name, p.at, p.note FROM agreement_progress p JOIN users u ON u.id = p.by_user
		WHERE p.family_id = $1 ORDER BY p.id`, []any{familyID}, func(sc scanner) error {
		var p agreementStatus
		if err := sc.Scan(&p.key, &p.status, &p.by, timeScan{&p.at}, &p.note); err != nil {
			return err
		}
		*into = append(*into, p)
		return nil
	})
}

// applyProgress sets each agreement's newest status from the progress
// rows, oldest first.
func applyProgress(as []*regie.Agreement, progress []agreementStatus) {
	byKey := map[string]*regie.Agreement{}
	for _, a := range as {
		byKey[a.Key] = a
	}
	for _, p := range progress {
		if a := byKey[p.key]; a != nil {
			a.Status, a.StatusBy, a.StatusAt, a.StatusNote = regie.AgreementStatus(p.status), p.by, p.at, p.note
		}
	}
}

// FindPlan implements regie.PlanService.
func (s *Store) FindPlan(ctx context.Context, familyID int64) (*regie.PlanOverview, error) {
	var o *regie.PlanOverview
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		if o, err = tx.planOverview(ctx, familyID, dec, f, true); err != nil {
			return err
		}
		if shown, err := tx.planGoalLines(ctx, o, f); err != nil {
			return err
		} else if shown {
			bal := policy.Decide(tx.actor, regie.ActionRead, regie.SegBalance, f)
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegBalance,
				FamilyID: familyID, Basis: bal.Basis, Detail: "werklijnen bij de doelen van het plan"}); err != nil {
				return err
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: "hulpverleningsplan"})
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// planOverview reads the plan: the versions, the scoring moments and, with
// withCurrent, the content of the agreed and the newest version — without
// it (the family page) only the agreed version's agreements; all filtered
// to what a consent covers for a partner.
func (tx *tx) planOverview(ctx context.Context, familyID int64, dec policy.Decision, f *policy.Facts, withCurrent bool) (*regie.PlanOverview, error) {
	b := tx.batch()
	o := b.planOverview(familyID, dec, f, withCurrent)
	if err := b.run(ctx); err != nil {
		return nil, err
	}
	return o, nil
}

// planOverview queues tx.planOverview's reads: the versions and the
// scoring moments, then the agreements of the plan in force (or, with
// withCurrent, the content of the plan in force and the newest version).
func (b *batch) planOverview(familyID int64, dec policy.Decision, f *policy.Facts, withCurrent bool) *regie.PlanOverview {
	tx := b.tx
	o := &regie.PlanOverview{FamilyID: familyID}
	o.CanEdit = policy.Decide(tx.actor, regie.ActionUpdate, regie.SegPlan, f).Allow
	o.CanExport = policy.Decide(tx.actor, regie.ActionExport, regie.SegPlan, f).Allow
	mayDiscuss := policy.Decide(tx.actor, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: f.TeamID}).Allow
	b.planVersions(familyID, &o.Versions)
	b.scoreMoments(familyID, &o.Moments)
	b.then(func(ctx context.Context, next *batch) error {
		for _, v := range o.Versions {
			if o.Current == nil {
				c := *v
				o.Current = &c
			}
			if v.Frozen() && o.Agreed == nil {
				a := *v
				o.Agreed = &a
			}
		}
		// What the page offers for the draft is what the store allows: the
		// policy for the actor, the plan's order for the version.
		if d := o.Draft(); d != nil {
			o.CanDiscuss = mayDiscuss && d.Status.CheckDiscuss() == nil
			o.CanAgree = o.CanEdit && d.Status.CheckAgree() == nil
		}
		for _, v := range []*regie.PlanVersion{o.Agreed, o.Current} {
			switch {
			case v == nil:
				continue
			case withCurrent:
				if err := tx.versionContent(ctx, v); err != nil {
					return err
				}
			case v == o.Agreed:
				// The family page shows the plan in force's agreements
				// only, disclosed once they are read.
				next.versionAgreements(v)
				next.then(func(context.Context, *batch) error {
					disclosePlan(v, disclosure(dec))
					return nil
				})
				continue
			}
			disclosePlan(v, disclosure(dec))
		}
		o.Disclosure = disclosure(dec)
		o.Moments = discloseMoments(o.Moments, o.Disclosure)
		return nil
	})
	return o
}

// familyPageParts queues the reads of the plan, trajectories, consents,
// stagnation reports and rectification requests for the family page,
// each only when the policy lets the reader see it. The list it returns
// says, once the batch has run, which were shown, for the audit row.
func (b *batch) familyPageParts(familyID int64, fam *regie.Family, f *policy.Facts) *[]string {
	tx := b.tx
	var shown []string
	if dec := policy.Decide(tx.actor, regie.ActionRead, regie.SegPlan, f); dec.Allow {
		fam.Plan = b.planOverview(familyID, dec, f, false)
		shown = append(shown, "plan")
	}
	if dec := policy.Decide(tx.actor, regie.ActionRead, regie.SegTrajectories, f); dec.Allow {
		fam.Trajectories = &regie.Trajectories{}
		b.trajectories(familyID, 0, &fam.Trajectories.List)
		b.then(func(context.Context, *batch) error {
			discloseTrajectories(fam.Trajectories, disclosure(dec))
			fam.Trajectories.CountAgencies(tx.today())
			return nil
		})
		shown = append(shown, "trajecten")
	}
	if policy.Decide(tx.actor, regie.ActionRead, regie.SegConsent, f).Allow {
		b.consents(familyID, &fam.Consents)
		shown = append(shown, "toestemming")
	}
	if policy.Decide(tx.actor, regie.ActionRead, regie.SegStagnation, f).Allow {
		var org int64
		if policy.OrganisationWork(tx.actor) {
			org = tx.actor.OrganisationID // a partner reads its own organisation's reports
		}
		b.stagnations(familyID, org, &fam.Stagnations)
	}
	if policy.Decide(tx.actor, regie.ActionRead, regie.SegRectification, f).Allow {
		b.rectifications(regie.RectificationFilter{FamilyID: &familyID}, &fam.Rectifications)
	}
	b.then(func(context.Context, *batch) error {
		if len(fam.Stagnations) > 0 {
			shown = append(shown, "stagnatiemeldingen")
		}
		if len(fam.Rectifications) > 0 {
			shown = append(shown, "verzoeken tot correctie")
		}
		return nil
	})
	return &shown
}

// FindPlanVersion implements regie.PlanService.
func (s *Store) FindPlanVersion(ctx context.Context, familyID int64, number int) (*regie.PlanVersion, error) {
	var v *regie.PlanVersion
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		if v, err = tx.planVersion(ctx, familyID, number); err != nil {
			return err
		}
		disclosePlan(v, disclosure(dec))
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("hulpverleningsplan versie %d", number)})
	})
	return v, err
}

func (tx *tx) planVersion(ctx context.Context, familyID int64, number int) (*regie.PlanVersion, error) {
	v := &regie.PlanVersion{}
	err := scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+versionFrom+` WHERE v.family_id = $1 AND v.number = $2`,
		familyID, number), v)
	if isNoRows(err) {
		return nil, regie.NotFound()
	} else if err != nil {
		return nil, fmt.Errorf("store: plan version: %w", err)
	}
	return v, tx.versionContent(ctx, v)
}

// StartPlanVersion implements regie.PlanService.
func (s *Store) StartPlanVersion(ctx context.Context, familyID int64, origin regie.PlanOrigin) (*regie.PlanVersion, error) {
	var out *regie.PlanVersion
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		number, err := tx.startPlanVersion(ctx, familyID, origin)
		if err != nil {
			return err
		}
		tx.result = int64(number)
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("hulpverleningsplan versie %d begonnen (%s)", number, origin.Label())}); err != nil {
			return err
		}
		out, err = tx.planVersion(ctx, familyID, number)
		return err
	})
	if number, ok := replayedResult(ctx); ok && err == nil {
		return &regie.PlanVersion{Number: int(number)}, nil // started by an earlier submit of this form
	}
	return out, err
}

// startPlanVersion starts the first version, or a new one with the content
// of the newest (frozen) one, and returns its number. ECONFLICT when a
// draft is open.
func (tx *tx) startPlanVersion(ctx context.Context, familyID int64, origin regie.PlanOrigin) (int, error) {
	if !regie.IsChoice(regie.PlanOrigins, origin) {
		return 0, addField(nil, "origin", regie.MsgChoiceInvalid)
	}
	vs, err := tx.planVersions(ctx, familyID)
	if err != nil {
		return 0, err
	}
	number := 1
	var from *regie.PlanVersion
	if len(vs) > 0 {
		if !vs[0].Frozen() {
			return 0, regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgPlanDraftOpen))
		}
		from, number = vs[0], vs[0].Number+1
		if err := tx.versionContent(ctx, from); err != nil {
			return 0, err
		}
	}
	var id int64
	in := regie.PlanVersion{}
	if from != nil {
		in = *from
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO plan_versions (family_id, number, status, origin, history, strengths, obstacles,
				problems, situation, closing_question, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
		familyID, number, string(regie.PlanDraft), string(origin), in.History, in.Strengths, in.Obstacles, in.Problems, in.Situation,
		in.ClosingQuestion, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: start plan version: %w", err)
	}
	if from != nil {
		if err := tx.writeVersionParts(ctx, id, from.Domains, from.Goals, from.Agreements); err != nil {
			return 0, err
		}
	}
	return number, nil
}

// writeVersionParts writes a version's domains, goals and agreements.
func (tx *tx) writeVersionParts(ctx context.Context, versionID int64, ds []*regie.DomainAssessment, gs []*regie.Goal, as []*regie.Agreement) error {
	for _, a := range ds {
		if a.Empty() {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_domains (version_id, domain, situation, strengths, obstacles, score)
			VALUES ($1, $2, $3, $4, $5, $6)`, versionID, string(a.Domain), a.Situation, a.Strengths, a.Obstacles, int(a.Score)); err != nil {
			return fmt.Errorf("store: plan domain: %w", err)
		}
		for m, sc := range a.MemberScores {
			if sc == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO plan_member_scores (version_id, domain, member_id, score) VALUES ($1, $2, $3, $4)`,
				versionID, string(a.Domain), m, int(sc)); err != nil {
				return fmt.Errorf("store: plan member score: %w", err)
			}
		}
	}
	for i, g := range gs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plan_goals (version_id, key, term, domain, member_id, text, position)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, versionID, g.Key, string(g.Term), string(g.Domain), nullID(g.MemberID), g.Text, i); err != nil {
			return fmt.Errorf("store: plan goal: %w", err)
		}
	}
	for i, a := range as {
		if err := tx.insertPlanAgreement(ctx, versionID, a, i); err != nil {
			return err
		}
	}
	return nil
}

// agreementOwnerIDs returns the owner's id in the column of its kind: the
// member, the organisation, the user (held in MemberID) or the person of
// the informal network; the other three are 0.
func agreementOwnerIDs(a *regie.Agreement) (member, org, user, person int64) {
	switch a.OwnerKind {
	case regie.OwnerMember:
		member = a.MemberID
	case regie.OwnerOrganisation:
		org = a.OrgID
	case regie.OwnerCasemanager:
		user = a.MemberID
	case regie.OwnerNetwork:
		person = a.PersonID
	}
	return member, org, user, person
}

// insertPlanAgreement writes one agreement of a version at position.
func (tx *tx) insertPlanAgreement(ctx context.Context, versionID int64, a *regie.Agreement, position int) error {
	member, org, user, person := agreementOwnerIDs(a)
	if _, err := tx.ExecContext(ctx, `INSERT INTO plan_agreements (version_id, key, owner_kind, member_id, org_id, user_id, domain, what,
		due, position, person_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, versionID, a.Key, string(a.OwnerKind),
		nullID(member), nullID(org), nullID(user), string(a.Domain), a.What, a.Due.ISO(), position, nullID(person)); err != nil {
		return fmt.Errorf("store: plan agreement: %w", err)
	}
	return nil
}

// newKey returns a short random key for a new goal or agreement.
func newKey() string { return strings.ToLower(rand.Text()[:10]) }

// SavePlanDraft implements regie.PlanService.
func (s *Store) SavePlanDraft(ctx context.Context, familyID int64, number int, in regie.PlanInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		v, err := tx.draft(ctx, familyID, number)
		if err != nil {
			return err
		}
		verr := in.Validate()
		isMember, err := tx.memberSet(ctx, familyID)
		if err != nil {
			return err
		}
		var goals []*regie.Goal
		for i, g := range in.Goals {
			if g.Empty() {
				continue
			}
			if g.MemberID != 0 && !isMember[g.MemberID] {
				verr = addField(verr, fmt.Sprintf("goal-%d-member", i), regie.MsgMemberOtherFamily)
			}
			key := g.Key
			if key == "" {
				key = newKey()
			}
			goals = append(goals, &regie.Goal{Key: key, Term: g.Term, Domain: g.Domain, MemberID: g.MemberID, Text: g.Text})
		}
		// A person of the informal network takes part today — unless
		// the agreement already had them in this draft (copied from the
		// version before), so an ended person stays on the agreements
		// they owned.
		agreements, verr, err := tx.agreementRows(ctx, familyID, in.Agreements, isMember,
			func(a regie.AgreementInput, ag *regie.Agreement) (regie.Date, error) {
				kept, err := tx.exists(ctx, `SELECT count(*) FROM plan_agreements WHERE version_id = $1 AND key = $2 AND person_id = $3`,
					v.ID, a.Key, ag.PersonID)
				if err != nil || kept {
					return regie.Date{}, err
				}
				return tx.today(), nil
			}, verr)
		if err != nil {
			return err
		}
		for _, ag := range agreements {
			if ag.Key == "" {
				ag.Key = newKey()
			}
		}
		var domains []*regie.DomainAssessment
		for d, a := range in.Domains {
			for m := range a.MemberScores {
				if !isMember[m] {
					verr = addField(verr, "score-"+string(d), regie.MsgMemberOtherFamily)
				}
			}
			domains = append(domains, a)
		}
		if verr != nil {
			return verr
		}
		// Only from the revision the form showed: the form holds the whole
		// draft, goals and agreements included, so saving a stale tab
		// would drop what someone else added since. A second save waits
		// for the first one's row lock and then changes no row.
		// The status read is part of the condition too: a discussion
		// recorded in between makes this save stale rather than leaving a
		// changed version marked as discussed.
		res, err := tx.ExecContext(ctx, `UPDATE plan_versions SET history = $1, strengths = $2, obstacles = $3, problems = $4,
			situation = $5, closing_question = $6, updated_at = $7, updated_by = $8, revision = revision + 1
			WHERE id = $9 AND revision = $10 AND status = $11`, in.History, in.Strengths, in.Obstacles, in.Problems,
			in.Situation, in.ClosingQuestion, ts(tx.now), nullID(tx.actor.UserID), v.ID, in.Revision, string(v.Status))
		if err != nil {
			return fmt.Errorf("store: save plan: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: save plan: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		detail := fmt.Sprintf("hulpverleningsplan versie %d bewerkt", number)
		if next, reopened := v.Status.AfterEdit(); reopened {
			// What the team discussed is no longer what the family would
			// sign: back to concept, to be discussed again. The meeting's
			// decision stays in the minutes; the audit row says both.
			if _, err := tx.ExecContext(ctx, `UPDATE plan_versions SET status = $1, discussed_at = NULL, discussed_by = NULL,
				meeting_id = NULL, changed_after_discussion = $2 WHERE id = $3`, string(next), ts(tx.now), v.ID); err != nil {
				return fmt.Errorf("store: save plan: %w", err)
			}
			detail += " na de bespreking in het teamoverleg"
			if !v.MeetingDate.IsZero() {
				detail += " van " + v.MeetingDate.Dutch()
			}
			detail += ": terug naar concept, opnieuw bespreken"
		}
		for _, table := range []string{"plan_member_scores", "plan_domains", "plan_goals", "plan_agreements"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE version_id = $1`, v.ID); err != nil {
				return fmt.Errorf("store: save plan: %w", err)
			}
		}
		if err := tx.writeVersionParts(ctx, v.ID, domains, goals, agreements); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: detail})
	})
}

// memberSet is the ids of the family's members, for checking what a form
// names.
func (tx *tx) memberSet(ctx context.Context, familyID int64) (map[int64]bool, error) {
	members, err := tx.findMembers(ctx, familyID)
	if err != nil {
		return nil, err
	}
	set := make(map[int64]bool, len(members))
	for _, m := range members {
		set[m.ID] = true
	}
	return set, nil
}

// agreementRows reads the agreement rows of a form (the plan's, a family
// council's), leaving out empty rows: each owner must be a member, a
// worker of the family, an organisation or a person of the family's
// informal network taking part on the day networkOn gives (zero: any
// day); a row whose owner is not is a field error added to verr.
func (tx *tx) agreementRows(ctx context.Context, familyID int64, rows []regie.AgreementInput, isMember map[int64]bool,
	networkOn func(regie.AgreementInput, *regie.Agreement) (regie.Date, error), verr error) ([]*regie.Agreement, error, error) {
	var out []*regie.Agreement
	for i, a := range rows {
		if a.Empty() {
			continue
		}
		field := fmt.Sprintf("agreement-%d-owner", i)
		ag, err := tx.agreementOwner(ctx, familyID, a.Owner, isMember)
		if err != nil {
			verr = addField(verr, field, regie.MsgAgreementNeedsOwner)
		} else if ag.OwnerKind == regie.OwnerNetwork {
			on, err := networkOn(a, ag)
			if err != nil {
				return nil, verr, err
			}
			if _, verr, err = tx.checkNetworkPerson(ctx, familyID, ag.PersonID, on, field, verr); err != nil {
				return nil, verr, err
			}
		}
		ag.Key, ag.Domain, ag.What = a.Key, a.Domain, a.What
		ag.Due, _ = regie.ParseDate(a.Due)
		out = append(out, ag)
	}
	return out, verr, nil
}

// agreementOwner resolves a form's owner value: "m:<member>", "c:<user>"
// (a worker of the family), "o:<organisation>" or "p:<person of the
// informal network>".
func (tx *tx) agreementOwner(ctx context.Context, familyID int64, owner string, isMember map[int64]bool) (*regie.Agreement, error) {
	a := &regie.Agreement{}
	kind, idText, _ := strings.Cut(owner, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return a, regie.NotFound()
	}
	switch kind {
	case "m":
		a.OwnerKind, a.MemberID = regie.OwnerMember, id
		if !isMember[id] {
			return a, regie.NotFound()
		}
	case "c":
		a.OwnerKind, a.MemberID = regie.OwnerCasemanager, id
		if ok, err := tx.exists(ctx, `SELECT count(*) FROM assignments WHERE family_id = $1 AND user_id = $2 AND ended_on IS NULL`, familyID, id); err != nil || !ok {
			return a, regie.NotFound()
		}
	case "o":
		a.OwnerKind, a.OrgID = regie.OwnerOrganisation, id
		if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, id); err != nil || !ok {
			return a, regie.NotFound()
		}
	case "p":
		// The caller checks the person (checkNetworkPerson), to say why
		// one is refused.
		a.OwnerKind, a.PersonID = regie.OwnerNetwork, id
	default:
		return a, regie.NotFound()
	}
	return a, nil
}

// draft returns the version if it is the family's newest and not frozen:
// the store refuses to change an agreed version.
func (tx *tx) draft(ctx context.Context, familyID int64, number int) (*regie.PlanVersion, error) {
	vs, err := tx.planVersions(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		if v.Number != number {
			continue
		}
		if v.Frozen() || v.Number != vs[0].Number {
			return nil, regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgPlanFrozen))
		}
		return v, nil
	}
	return nil, regie.NotFound()
}

// MarkPlanDiscussed implements regie.PlanService: a decision of this
// week's team meeting, linked to the version.
func (s *Store) MarkPlanDiscussed(ctx context.Context, familyID int64, number int) error {
	return s.write(ctx, func(tx *tx) error {
		_, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: f.TeamID}, familyID, 0, forbidden())
		if err != nil {
			return err
		}
		v, err := tx.draft(ctx, familyID, number)
		if err != nil {
			return err
		}
		if err := v.Status.CheckDiscuss(); err != nil {
			return err
		}
		today := tx.today()
		meetingID, err := tx.meeting(ctx, f.TeamID, today.Monday())
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE plan_versions SET status = $1, discussed_at = $2, discussed_by = $3, meeting_id = $4,
			changed_after_discussion = NULL WHERE id = $5 AND status = $6`,
			string(regie.PlanDiscussed), ts(tx.now), tx.actor.UserID, meetingID, v.ID, string(v.Status))
		if err != nil {
			return fmt.Errorf("store: plan discussed: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: plan discussed: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_decisions (meeting_id, family_id, text, linked_kind, linked_id, decided_by, decided_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, meetingID, familyID, fmt.Sprintf("Hulpverleningsplan versie %d besproken", number),
			string(regie.LinkPlan), v.ID, tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: plan discussed: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("hulpverleningsplan versie %d besproken in het teamoverleg", number)})
	})
}

// AgreePlan implements regie.PlanService.
func (s *Store) AgreePlan(ctx context.Context, familyID int64, number int, in regie.PlanAgreement) error {
	in.With = regie.Clean(in.With)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		v, err := tx.draft(ctx, familyID, number)
		if err != nil {
			return err
		}
		// The plan's order: the team discusses a plan before the family
		// signs it.
		if err := v.Status.CheckAgree(); err != nil {
			return err
		}
		var val regie.Validation
		on := val.PastDate("agreed_on", regie.Clean(in.On), tx.today(), true)
		val.Required("agreed_with", in.With)
		val.MaxLen("agreed_with", in.With, 500)
		if err := val.Err(); err != nil {
			return err
		}
		if err := tx.versionContent(ctx, v); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE plan_versions SET status = $1, agreed_on = $2, agreed_with = $3, agreed_by = $4, updated_at = $5
			WHERE id = $6 AND status = $7`, string(regie.PlanAgreed), on.ISO(), in.With, tx.actor.UserID, ts(tx.now), v.ID, string(v.Status))
		if err != nil {
			return fmt.Errorf("store: agree plan: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: agree plan: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		// The plan's scores are a scoring moment.
		scores := map[regie.Domain]regie.Score{}
		members := map[regie.Domain]map[int64]regie.Score{}
		for _, a := range v.Domains {
			if a.Score != 0 {
				scores[a.Domain] = a.Score
			}
			if len(a.MemberScores) > 0 {
				members[a.Domain] = a.MemberScores
			}
		}
		if len(scores) > 0 || len(members) > 0 {
			if err := tx.insertMoment(ctx, familyID, "plan", on, v.ID, scores, members); err != nil {
				return err
			}
		}
		if err := tx.refreshSummary(ctx, familyID); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("hulpverleningsplan versie %d vastgesteld met het gezin", number)})
	})
}

// SetAgreementStatus implements regie.PlanService.
func (s *Store) SetAgreementStatus(ctx context.Context, familyID int64, key string, status regie.AgreementStatus) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		if !regie.IsChoice(regie.AgreementStatuses, status) {
			return addField(nil, "status", regie.MsgChoiceInvalid)
		}
		if ok, err := tx.exists(ctx, `SELECT count(*) FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id
			WHERE v.family_id = $1 AND a.key = $2`, familyID, key); err != nil {
			return err
		} else if !ok {
			return regie.NotFound()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO agreement_progress (family_id, key, status, by_user, at) VALUES ($1, $2, $3, $4, $5)`,
			familyID, key, string(status), tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: agreement status: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: "afspraak: " + status.Label()})
	})
}

// insertMoment records a scoring moment.
func (tx *tx) insertMoment(ctx context.Context, familyID int64, kind regie.MomentKind, on regie.Date, versionID int64,
	scores map[regie.Domain]regie.Score, members map[regie.Domain]map[int64]regie.Score) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO score_moments (family_id, kind, on_date, version_id, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, familyID, string(kind), on.ISO(), nullID(versionID), tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
		return fmt.Errorf("store: score moment: %w", err)
	}
	for d, sc := range scores {
		if _, err := tx.ExecContext(ctx, `INSERT INTO moment_scores (moment_id, domain, member_id, score) VALUES ($1, $2, 0, $3)`, id, string(d), int(sc)); err != nil {
			return fmt.Errorf("store: score: %w", err)
		}
	}
	for d, ms := range members {
		for m, sc := range ms {
			if _, err := tx.ExecContext(ctx, `INSERT INTO moment_scores (moment_id, domain, member_id, score) VALUES ($1, $2, $3, $4)`,
				id, string(d), m, int(sc)); err != nil {
				return fmt.Errorf("store: score: %w", err)
			}
		}
	}
	return nil
}

// AddScoreMoment implements regie.PlanService.
func (s *Store) AddScoreMoment(ctx context.Context, familyID int64, kind regie.MomentKind, on string, scores map[regie.Domain]regie.Score) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		var v regie.Validation
		if !regie.IsChoice(regie.MomentKinds, kind) {
			v.Add("kind", regie.MsgChoiceInvalid)
		}
		day := v.PastDate("on", regie.Clean(on), tx.today(), true)
		n := 0
		for d, sc := range scores {
			if !regie.IsChoice(regie.Domains, d) || sc < 1 || sc > 5 {
				v.Add("score-"+string(d), regie.MsgChoiceInvalid)
			}
			n++
		}
		if n == 0 {
			v.Add("scores", regie.MsgScoresNeeded)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.insertMoment(ctx, familyID, kind, day, 0, scores, nil); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: "zelfredzaamheid gescoord (" + kind.Label() + ")"})
	})
}

// scoreMoments queues the read of the family's scoring moments, oldest first, into *out.
func (b *batch) scoreMoments(familyID int64, out *[]*regie.ScoreMoment) {
	b.each("score moments", `SELECT m.id, m.kind, m.on_date, m.version_id, u.name, s.domain, s.member_id, s.score
		FROM score_moments m JOIN users u ON u.id = m.created_by JOIN moment_scores s ON s.moment_id = m.id
		WHERE m.family_id = $1 ORDER BY m.on_date, m.id`, []any{familyID}, func(row scanner) error {
		var id, version, member int64
		var kind, by, d string
		var on regie.Date
		var sc regie.Score
		if err := row.Scan(&id, &kind, dateScan{&on}, idScan{&version}, &by, &d, &member, &sc); err != nil {
			return err
		}
		ms := *out
		if len(ms) == 0 || ms[len(ms)-1].ID != id {
			ms = append(ms, &regie.ScoreMoment{ID: id, FamilyID: familyID, Kind: regie.MomentKind(kind), On: on, VersionID: version,
				CreatedBy: by, Scores: map[regie.Domain]regie.Score{}, MemberScores: map[regie.Domain]map[int64]regie.Score{}})
			*out = ms
		}
		m := ms[len(ms)-1]
		if member == 0 {
			m.Scores[regie.Domain(d)] = sc
		} else {
			if m.MemberScores[regie.Domain(d)] == nil {
				m.MemberScores[regie.Domain(d)] = map[int64]regie.Score{}
			}
			m.MemberScores[regie.Domain(d)][member] = sc
		}
		return nil
	})
}

// ExportPlan implements regie.PlanService.
func (s *Store) ExportPlan(ctx context.Context, familyID int64, number int) (*regie.PlanVersion, *regie.Family, error) {
	var (
		v   *regie.PlanVersion
		fam *regie.Family
	)
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionExport, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		if v, err = tx.planVersion(ctx, familyID, number); err != nil {
			return err
		}
		if fam, err = tx.findFamily(ctx, familyID); err != nil {
			return err
		}
		// No partner exports today; should the policy ever allow it, the
		// paper holds no more than the screen.
		disclosePlan(v, disclosure(dec))
		discloseFamily(fam, disclosure(dec))
		if v.Youth, err = tx.youthInPlan(ctx, fam); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionExport, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("hulpverleningsplan versie %d als PDF", number)})
	})
	return v, fam, err
}
