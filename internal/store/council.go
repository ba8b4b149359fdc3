package store

import (
	"context"
	"fmt"
	"slices"

	"regie"
	"regie/internal/policy"
)

// The family council (regie.CouncilService): planned with the people
// invited, recorded afterwards, and its agreements added to the plan's
// draft in one step.

const councilColumns = `c.id, c.family_id, c.held_on, c.place, c.created_at, cu.name, c.recorded_at, COALESCE(ru.name, ''),
	COALESCE(v.number, 0), c.taken_over_at, COALESCE(tu.name, '')`

const councilFrom = ` FROM councils c JOIN users cu ON cu.id = c.created_by LEFT JOIN users ru ON ru.id = c.recorded_by
	LEFT JOIN users tu ON tu.id = c.taken_over_by LEFT JOIN plan_versions v ON v.id = c.taken_over_version_id`

// councils returns the family's councils (or the one with id), newest
// first, without their people, notes and agreements.
func (tx *tx) councils(ctx context.Context, familyID, id int64) ([]*regie.Council, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+councilColumns+councilFrom+`
		WHERE c.family_id = $1 AND ($2 = 0 OR c.id = $2) ORDER BY c.held_on DESC, c.id DESC`, familyID, id)
	if err != nil {
		return nil, fmt.Errorf("store: councils: %w", err)
	}
	defer rows.Close()
	var out []*regie.Council
	for rows.Next() {
		c := &regie.Council{}
		if err := rows.Scan(&c.ID, &c.FamilyID, dateScan{&c.On}, &c.Place, timeScan{&c.CreatedAt}, &c.CreatedByName,
			timeScan{&c.RecordedAt}, &c.RecordedByName, &c.TakenOverIn, timeScan{&c.TakenOverAt}, &c.TakenOverBy); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// council returns one council of the family with its people, notes and
// agreements. ENOTFOUND.
func (tx *tx) council(ctx context.Context, familyID, id int64) (*regie.Council, error) {
	if id <= 0 {
		return nil, regie.NotFound()
	}
	list, err := tx.councils(ctx, familyID, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, regie.NotFound()
	}
	c := list[0]
	if c.People, err = tx.councilPeople(ctx, c.ID); err != nil {
		return nil, err
	}
	if c.Notes, err = tx.councilNotes(ctx, c.ID); err != nil {
		return nil, err
	}
	if c.Agreements, err = tx.councilAgreements(ctx, c.ID); err != nil {
		return nil, err
	}
	return c, nil
}

// councilPeople returns who was invited or attended: the family, then the
// informal network, then the workers, each by name.
func (tx *tx) councilPeople(ctx context.Context, councilID int64) ([]regie.CouncilPerson, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.kind, COALESCE(p.member_id, p.person_id, p.user_id),
			COALESCE(m.given_name || ' ' || m.family_name, np.name, u.name, ''), p.invited, p.attended
		FROM council_people p LEFT JOIN members m ON m.id = p.member_id LEFT JOIN network_persons np ON np.id = p.person_id
		LEFT JOIN users u ON u.id = p.user_id
		WHERE p.council_id = $1
		ORDER BY CASE p.kind WHEN 'gezinslid' THEN 0 WHEN 'netwerk' THEN 1 ELSE 2 END, 3`, councilID)
	if err != nil {
		return nil, fmt.Errorf("store: council people: %w", err)
	}
	defer rows.Close()
	var out []regie.CouncilPerson
	for rows.Next() {
		var p regie.CouncilPerson
		var kind string
		if err := rows.Scan(&kind, &p.ID, &p.Name, &p.Invited, &p.Attended); err != nil {
			return nil, err
		}
		p.Kind = regie.CouncilPersonKind(kind)
		out = append(out, p)
	}
	return out, rows.Err()
}

// councilNotes returns the notes in the agenda's order.
func (tx *tx) councilNotes(ctx context.Context, councilID int64) ([]regie.CouncilNote, error) {
	rows, err := tx.QueryContext(ctx, `SELECT point, aspect, text FROM council_notes WHERE council_id = $1`, councilID)
	if err != nil {
		return nil, fmt.Errorf("store: council notes: %w", err)
	}
	defer rows.Close()
	var out []regie.CouncilNote
	for rows.Next() {
		var point, aspect, text string
		if err := rows.Scan(&point, &aspect, &text); err != nil {
			return nil, err
		}
		out = append(out, regie.CouncilNote{Point: regie.CouncilPoint(point), Aspect: regie.CouncilAspect(aspect), Text: text})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	order := func(n regie.CouncilNote) int {
		p := slices.IndexFunc(regie.CouncilAgenda, func(a regie.CouncilAgendaPoint) bool { return a.Point == n.Point })
		a := slices.IndexFunc(regie.CouncilAspects, func(c regie.Choice[regie.CouncilAspect]) bool { return c.Value == n.Aspect })
		return p*10 + a
	}
	slices.SortFunc(out, func(a, b regie.CouncilNote) int { return order(a) - order(b) })
	return out, nil
}

// councilAgreements returns the council's agreements with their owners'
// names, in the order they were made.
func (tx *tx) councilAgreements(ctx context.Context, councilID int64) ([]*regie.Agreement, error) {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.owner_kind, a.member_id, a.org_id, a.user_id, a.person_id,
			COALESCE(m.given_name || ' ' || m.family_name, o.name, u.name, np.name, ''), a.domain, a.what, a.due
		FROM council_agreements a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN organisations o ON o.id = a.org_id
		LEFT JOIN users u ON u.id = a.user_id LEFT JOIN network_persons np ON np.id = a.person_id
		WHERE a.council_id = $1 ORDER BY a.position`, councilID)
	if err != nil {
		return nil, fmt.Errorf("store: council agreements: %w", err)
	}
	defer rows.Close()
	var out []*regie.Agreement
	for rows.Next() {
		a := &regie.Agreement{Status: regie.AgreementOpen}
		var kind, domain string
		var userID int64
		if err := rows.Scan(&a.ID, &kind, idScan{&a.MemberID}, idScan{&a.OrgID}, idScan{&userID}, idScan{&a.PersonID}, &a.Owner,
			&domain, &a.What, dateScan{&a.Due}); err != nil {
			return nil, err
		}
		a.OwnerKind, a.Domain = regie.OwnerKind(kind), regie.Domain(domain)
		if a.OwnerKind == regie.OwnerCasemanager {
			a.MemberID = userID // the user, as the plan's agreements hold it
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FindCouncils implements regie.CouncilService.
func (s *Store) FindCouncils(ctx context.Context, familyID int64) (*regie.Councils, error) {
	out := &regie.Councils{}
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegCouncil, familyID, 0)
		if err != nil {
			return err
		}
		if out.List, err = tx.councils(ctx, familyID, 0); err != nil {
			return err
		}
		out.CanPlan = policy.Can(tx.actor, regie.ActionCreate, regie.SegCouncil, f)
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegCouncil,
			FamilyID: familyID, Basis: dec.Basis, Detail: "familieberaden"})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindCouncil implements regie.CouncilService.
func (s *Store) FindCouncil(ctx context.Context, familyID, id int64) (*regie.Council, error) {
	var c *regie.Council
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegCouncil, familyID, 0)
		if err != nil {
			return err
		}
		if c, err = tx.council(ctx, familyID, id); err != nil {
			return err
		}
		// What the page offers is what the store allows: the policy for
		// the actor, the council's state for the action.
		c.CanRecord = policy.Can(tx.actor, regie.ActionUpdate, regie.SegCouncil, f) && c.TakenOverIn == 0
		c.CanTakeOver = policy.Can(tx.actor, regie.ActionUpdate, regie.SegPlan, f) && c.CheckTakeOver() == nil
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegCouncil,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("familieberaad %d", id)})
	})
	return c, err
}

// councilPerson is one person chosen in a council's form.
type councilPerson struct {
	kind regie.CouncilPersonKind
	id   int64
}

// checkCouncilPeople checks the people chosen: members of the family
// (isMember),
// persons of its informal network taking part on day on, workers assigned
// to it (now, or invited before: known lists them). It returns them, or a
// field error added to verr.
func (tx *tx) checkCouncilPeople(ctx context.Context, familyID int64, isMember map[int64]bool, in regie.CouncilPeopleInput, on regie.Date,
	field string, known []regie.CouncilPerson, verr error) ([]councilPerson, error, error) {
	wasThere := func(kind regie.CouncilPersonKind, id int64) bool {
		return slices.ContainsFunc(known, func(p regie.CouncilPerson) bool { return p.Kind == kind && p.ID == id })
	}
	var out []councilPerson
	for _, id := range in.Members {
		if !isMember[id] {
			verr = addField(verr, field, regie.MsgMemberOtherFamily)
			continue
		}
		out = append(out, councilPerson{regie.CouncilMember, id})
	}
	for _, id := range in.Persons {
		check := on
		if wasThere(regie.CouncilNetwork, id) {
			check = regie.Date{} // invited while taking part: they may still attend
		}
		var (
			p   *regie.NetworkPerson
			err error
		)
		if p, verr, err = tx.checkNetworkPerson(ctx, familyID, id, check, field, verr); err != nil {
			return nil, verr, err
		}
		if p != nil {
			out = append(out, councilPerson{regie.CouncilNetwork, id})
		}
	}
	for _, id := range in.Workers {
		ok, err := tx.exists(ctx, `SELECT count(*) FROM assignments WHERE family_id = $1 AND user_id = $2 AND ended_on IS NULL`, familyID, id)
		if err != nil {
			return nil, verr, err
		}
		if !ok && !wasThere(regie.CouncilWorker, id) {
			verr = addField(verr, field, regie.MsgChoiceInvalid)
			continue
		}
		out = append(out, councilPerson{regie.CouncilWorker, id})
	}
	return out, verr, nil
}

// personColumn is the council_people column that holds a kind's id.
func personColumn(kind regie.CouncilPersonKind) string {
	switch kind {
	case regie.CouncilMember:
		return "member_id"
	case regie.CouncilNetwork:
		return "person_id"
	}
	return "user_id"
}

// PlanCouncil implements regie.CouncilService.
func (s *Store) PlanCouncil(ctx context.Context, familyID int64, in regie.CouncilPlanInput) (*regie.Council, error) {
	var out *regie.Council
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegCouncil, familyID, 0)
		if err != nil {
			return err
		}
		on, verr := in.Validate()
		var people []councilPerson
		isMember, err := tx.memberSet(ctx, familyID)
		if err != nil {
			return err
		}
		if people, verr, err = tx.checkCouncilPeople(ctx, familyID, isMember, in.Invited, on, "invited", nil, verr); err != nil {
			return err
		}
		if verr != nil {
			return verr
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO councils (family_id, held_on, place, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, familyID, on.ISO(), in.Place, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: plan council: %w", err)
		}
		tx.result = id
		for _, p := range people {
			if _, err := tx.ExecContext(ctx, `INSERT INTO council_people (council_id, kind, `+personColumn(p.kind)+`, invited, attended)
				VALUES ($1, $2, $3, $4, $5)`, id, string(p.kind), p.id, true, false); err != nil {
				return fmt.Errorf("store: plan council: %w", err)
			}
		}
		if out, err = tx.council(ctx, familyID, id); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegCouncil,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("familieberaad %d gepland op %s, %d uitgenodigd", id, on.Dutch(), len(people))})
	})
	if id, ok := replayedResult(ctx); ok && err == nil {
		return &regie.Council{ID: id}, nil // planned by an earlier submit of this form
	}
	return out, err
}

// RecordCouncil implements regie.CouncilService.
func (s *Store) RecordCouncil(ctx context.Context, familyID, id int64, in regie.CouncilRecordInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegCouncil, familyID, 0)
		if err != nil {
			return err
		}
		c, err := tx.council(ctx, familyID, id)
		if err != nil {
			return err
		}
		if c.TakenOverIn != 0 {
			// The plan holds them now: change them there.
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgCouncilTakenOver, c.TakenOverIn))
		}
		verr := in.Validate(c.On, tx.today())
		var people []councilPerson
		isMember, err := tx.memberSet(ctx, familyID)
		if err != nil {
			return err
		}
		if people, verr, err = tx.checkCouncilPeople(ctx, familyID, isMember, in.Attended, c.On, "attended", c.People, verr); err != nil {
			return err
		}
		// A person of the informal network takes part on the council's day.
		var agreements []*regie.Agreement
		agreements, verr, err = tx.agreementRows(ctx, familyID, in.Agreements, isMember,
			func(regie.AgreementInput, *regie.Agreement) (regie.Date, error) { return c.On, nil }, verr)
		if err != nil {
			return err
		}
		if verr != nil {
			return verr
		}
		// Only while not taken over: a take-over in between wins, and
		// this record is refused rather than changing what the plan holds.
		res, err := tx.ExecContext(ctx, `UPDATE councils SET recorded_at = $1, recorded_by = $2, updated_at = $1
			WHERE id = $3 AND taken_over_version_id IS NULL`, ts(tx.now), tx.actor.UserID, c.ID)
		if err != nil {
			return fmt.Errorf("store: record council: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: record council: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		for _, q := range []string{`DELETE FROM council_people WHERE council_id = $1 AND invited = $2`,
			`UPDATE council_people SET attended = $2 WHERE council_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, c.ID, false); err != nil {
				return fmt.Errorf("store: record council: %w", err)
			}
		}
		for _, p := range people {
			res, err := tx.ExecContext(ctx, `UPDATE council_people SET attended = $1 WHERE council_id = $2 AND `+personColumn(p.kind)+` = $3`,
				true, c.ID, p.id)
			if err != nil {
				return fmt.Errorf("store: record council: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("store: record council: %w", err)
			} else if n > 0 {
				continue
			}
			// Came without being invited.
			if _, err := tx.ExecContext(ctx, `INSERT INTO council_people (council_id, kind, `+personColumn(p.kind)+`, invited, attended)
				VALUES ($1, $2, $3, $4, $5)`, c.ID, string(p.kind), p.id, false, true); err != nil {
				return fmt.Errorf("store: record council: %w", err)
			}
		}
		for _, table := range []string{"council_notes", "council_agreements"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE council_id = $1`, c.ID); err != nil {
				return fmt.Errorf("store: record council: %w", err)
			}
		}
		for _, n := range in.Notes {
			if n.Text == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO council_notes (council_id, point, aspect, text) VALUES ($1, $2, $3, $4)`,
				c.ID, string(n.Point), string(n.Aspect), n.Text); err != nil {
				return fmt.Errorf("store: record council: %w", err)
			}
		}
		for i, a := range agreements {
			member, org, user, person := agreementOwnerIDs(a)
			if _, err := tx.ExecContext(ctx, `INSERT INTO council_agreements (council_id, position, owner_kind, member_id, org_id, user_id,
				person_id, domain, what, due) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, c.ID, i, string(a.OwnerKind),
				nullID(member), nullID(org), nullID(user), nullID(person), string(a.Domain), a.What, a.Due.ISO()); err != nil {
				return fmt.Errorf("store: record council: %w", err)
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegCouncil,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("familieberaad %d van %s vastgelegd: %d aanwezig, %d afspraken",
				c.ID, c.On.Dutch(), len(people), len(agreements))})
	})
}

// TakeOverCouncilAgreements implements regie.CouncilService: the plan's
// write permission, the plan's draft (started as StartPlanVersion does
// when there is none), a new key per agreement, the draft's revision
// moved on (an open plan form is then stale instead of dropping them),
// and the council marked, all in one transaction.
func (s *Store) TakeOverCouncilAgreements(ctx context.Context, familyID, id int64) (int, error) {
	var number int
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPlan, familyID, 0)
		if err != nil {
			return err
		}
		cdec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegCouncil, f, familyID, 0, regie.NotFound())
		if err != nil {
			return err
		}
		c, err := tx.council(ctx, familyID, id)
		if err != nil {
			return err
		}
		if err := c.CheckTakeOver(); err != nil {
			return err
		}
		vs, err := tx.planVersions(ctx, familyID)
		if err != nil {
			return err
		}
		if len(vs) == 0 || vs[0].Frozen() {
			// No draft: the first plan, or a new version of the agreed
			// one for the changed situation.
			origin := regie.PlanOrigin("eerste")
			if len(vs) > 0 {
				origin = "wijziging"
			}
			if number, err = tx.startPlanVersion(ctx, familyID, origin); err != nil {
				return err
			}
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
				FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("hulpverleningsplan versie %d begonnen (%s) voor de afspraken van het familieberaad van %s",
					number, origin.Label(), c.On.Dutch())}); err != nil {
				return err
			}
		} else {
			number = vs[0].Number
		}
		v, err := tx.draft(ctx, familyID, number)
		if err != nil {
			return err
		}
		if err := tx.versionAgreements(ctx, v); err != nil {
			return err
		}
		for i, a := range c.Agreements {
			a.Key = newKey()
			if err := tx.insertPlanAgreement(ctx, v.ID, a, len(v.Agreements)+i); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE plan_versions SET updated_at = $1, updated_by = $2, revision = revision + 1
			WHERE id = $3 AND revision = $4 AND status = $5`, ts(tx.now), nullID(tx.actor.UserID), v.ID, v.Revision, string(v.Status))
		if err != nil {
			return fmt.Errorf("store: take over council: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: take over council: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		tx.result = int64(number)
		detail := fmt.Sprintf("%d afspraken uit het familieberaad van %s toegevoegd aan hulpverleningsplan versie %d",
			len(c.Agreements), c.On.Dutch(), number)
		if next, reopened := v.Status.AfterEdit(); reopened {
			// As SavePlanDraft: what the team discussed is no longer what
			// the family would sign.
			if _, err := tx.ExecContext(ctx, `UPDATE plan_versions SET status = $1, discussed_at = NULL, discussed_by = NULL,
				meeting_id = NULL, changed_after_discussion = $2 WHERE id = $3`, string(next), ts(tx.now), v.ID); err != nil {
				return fmt.Errorf("store: take over council: %w", err)
			}
			detail += " na de bespreking in het teamoverleg: terug naar concept, opnieuw bespreken"
		}
		res, err = tx.ExecContext(ctx, `UPDATE councils SET taken_over_version_id = $1, taken_over_at = $2, taken_over_by = $3, updated_at = $2
			WHERE id = $4 AND taken_over_version_id IS NULL`, v.ID, ts(tx.now), tx.actor.UserID, c.ID)
		if err != nil {
			return fmt.Errorf("store: take over council: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: take over council: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPlan,
			FamilyID: familyID, Basis: dec.Basis, Detail: detail}); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegCouncil,
			FamilyID: familyID, Basis: cdec.Basis, Detail: fmt.Sprintf("afspraken van familieberaad %d overgenomen in hulpverleningsplan versie %d",
				c.ID, number)})
	})
	if n, ok := replayedResult(ctx); ok && err == nil {
		return int(n), nil // taken over by an earlier submit of this form
	}
	return number, err
}
