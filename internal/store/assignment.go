package store

import (
	"context"
	"fmt"
	"strings"

	"regie"
	"regie/internal/policy"
)

// findAssignments returns the family's assignments with the worker's name,
// newest first; only the current ones when current is set.
func (tx *tx) findAssignments(ctx context.Context, familyID int64, current bool) ([]*regie.Assignment, error) {
	var as []*regie.Assignment
	b := tx.batch()
	b.assignments(familyID, current, &as)
	return as, b.run(ctx)
}

// assignments queues findAssignments's read into *as.
func (b *batch) assignments(familyID int64, current bool, as *[]*regie.Assignment) {
	q := `SELECT a.id, a.family_id, a.user_id, a.kind, a.member_id, a.started_on, a.ended_on, a.assigned_by, a.created_at, u.name, u.phone
		FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.family_id = $1`
	if current {
		q += ` AND a.ended_on IS NULL`
	}
	b.each("find assignments", q+` ORDER BY a.started_on DESC, a.id DESC`, []any{familyID}, func(sc scanner) error {
		a := &regie.Assignment{}
		var kind string
		if err := sc.Scan(&a.ID, &a.FamilyID, &a.UserID, &kind, idScan{&a.MemberID}, dateScan{&a.StartedOn}, dateScan{&a.EndedOn},
			&a.AssignedBy, timeScan{&a.CreatedAt}, &a.UserName, &a.UserPhone); err != nil {
			return err
		}
		a.Kind = regie.AssignmentKind(kind)
		*as = append(*as, a)
		return nil
	})
}

// FindFamilyAssignments implements regie.FamilyService.
func (s *Store) FindFamilyAssignments(ctx context.Context, familyID int64) (*regie.FamilyAssignments, error) {
	var fa *regie.FamilyAssignments
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegAssignment, familyID, 0)
		if err != nil {
			return err
		}
		fa = &regie.FamilyAssignments{FamilyID: familyID, TeamID: f.TeamID, Closed: f.Closed}
		fa.Can.Assign = policy.Can(tx.actor, regie.ActionUpdate, regie.SegAssignment, f)
		fa.Can.Read = policy.Can(tx.actor, regie.ActionRead, regie.SegFamily, f)
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT t.name, d.name, f.household_name FROM families f
			JOIN teams t ON t.id = f.team_id JOIN districts d ON d.id = f.district_id WHERE f.id = $1`, familyID).
			Scan(&fa.TeamName, &fa.DistrictName, &name); err != nil {
			return fmt.Errorf("store: find family assignments: %w", err)
		}
		// The name is family content: shown to whoever may read the
		// family (the team leader of its team), not to the administrator.
		if policy.Decide(tx.actor, regie.ActionRead, regie.SegFamily, f).Allow {
			fa.HouseholdName = name
		}
		if fa.History, err = tx.findAssignments(ctx, familyID, false); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegAssignment,
			FamilyID: familyID, Basis: dec.Basis, Detail: "toewijzing ingezien"})
	})
	return fa, err
}

// AssignFamily implements regie.FamilyService. A changed coordinator or duo
// partner ends the previous assignment today and starts a new one, so the
// history shows who coordinated the family when.
func (s *Store) AssignFamily(ctx context.Context, familyID int64, in regie.AssignInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegAssignment, familyID, 0)
		if err != nil {
			return err
		}
		verr := in.Validate()
		for field, id := range map[string]int64{"coordinator": in.CoordinatorID, "duo": in.DuoID} {
			if id == 0 || regie.ErrorFields(verr)[field] != "" {
				continue
			}
			ok, err := tx.isTeamCasemanager(ctx, id, f.TeamID)
			if err != nil {
				return err
			}
			if !ok {
				verr = addField(verr, field, regie.MsgNotACasemanager)
			}
		}
		if verr != nil {
			return verr
		}
		current, err := tx.findAssignments(ctx, familyID, true)
		if err != nil {
			return err
		}
		if !in.Confirmed {
			var cur int64
			for _, a := range current {
				if a.Kind == regie.AssignCoordinator {
					cur = a.UserID
				}
			}
			if in.CoordinatorID != cur {
				loads, err := tx.caseloads(ctx, familyID, regie.RoleCasemanager)
				if err != nil {
					return err
				}
				for _, l := range loads {
					if l.UserID == in.CoordinatorID && (l.Over() || !l.InDistrict) {
						return addField(nil, "confirm", regie.MsgCaseloadConfirm)
					}
				}
			}
		}
		var changes []string
		for _, want := range []struct {
			kind   regie.AssignmentKind
			userID int64
		}{{regie.AssignCoordinator, in.CoordinatorID}, {regie.AssignDuo, in.DuoID}} {
			var cur *regie.Assignment
			for _, a := range current {
				if a.Kind == want.kind {
					cur = a
				}
			}
			if cur != nil && cur.UserID == want.userID {
				continue
			}
			if cur != nil {
				if _, err := tx.ExecContext(ctx, `UPDATE assignments SET ended_on = $1 WHERE id = $2`, tx.today().ISO(), cur.ID); err != nil {
					return fmt.Errorf("store: end assignment: %w", err)
				}
				changes = append(changes, fmt.Sprintf("%s %s beëindigd", strings.ToLower(want.kind.Label()), cur.UserName))
			}
			if want.userID != 0 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO assignments (family_id, user_id, kind, started_on, assigned_by, created_at)
					VALUES ($1, $2, $3, $4, $5, $6)`, familyID, want.userID, string(want.kind), tx.today().ISO(), tx.actor.UserID, ts(tx.now)); err != nil {
					return fmt.Errorf("store: assign: %w", err)
				}
				var name string
				if err := tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, want.userID).Scan(&name); err != nil {
					return err
				}
				changes = append(changes, fmt.Sprintf("%s: %s", strings.ToLower(want.kind.Label()), name))
			}
		}
		if len(changes) == 0 {
			return nil
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegAssignment,
			FamilyID: familyID, Basis: dec.Basis, Detail: strings.Join(changes, "; ")})
	})
}

// isTeamCasemanager reports whether the user is an active casemanager of
// the team.
func (tx *tx) isTeamCasemanager(ctx context.Context, userID, teamID int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = $1 AND team_id = $2 AND role = $3 AND disabled_at IS NULL`,
		userID, teamID, string(regie.RoleCasemanager)).Scan(&n)
	return n > 0, err
}

// FindAssignmentRows implements regie.FamilyService: the open families of
// the actor's reach (every team for the administrator, the own team for a
// team leader) by dossier number, district and who coordinates them.
func (s *Store) FindAssignmentRows(ctx context.Context) ([]*regie.AssignmentRow, error) {
	var list []*regie.AssignmentRow
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegAssignments, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		q := `SELECT f.id, f.team_id, f.household_name, t.name, d.name,
				COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
					WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL LIMIT 1), ''),
				COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
					WHERE a.family_id = f.id AND a.kind = 'duo' AND a.ended_on IS NULL LIMIT 1), '')
			FROM families f JOIN teams t ON t.id = f.team_id JOIN districts d ON d.id = f.district_id
			WHERE f.closed_at IS NULL`
		var args []any
		order := ` ORDER BY t.name, f.id`
		if tx.actor.Role == regie.RoleTeamLeader {
			q += ` AND f.team_id = $1`
			args = append(args, tx.actor.TeamID)
			// The team leader sees the names: in the order of names. The
			// administrator's order stays that of dossier numbers, so it
			// says nothing about the names.
			order = ` ORDER BY f.sort_name, f.id`
		}
		rows, err := tx.QueryContext(ctx, q+order+` LIMIT 5000`, args...)
		if err != nil {
			return fmt.Errorf("store: assignment rows: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r := &regie.AssignmentRow{}
			var teamID int64
			var name string
			if err := rows.Scan(&r.FamilyID, &teamID, &name, &r.TeamName, &r.DistrictName, &r.Coordinator, &r.Duo); err != nil {
				return err
			}
			// As on one family's page: the name only for whoever may read
			// the family (the team leader of the team).
			if policy.Decide(tx.actor, regie.ActionRead, regie.SegFamily, &policy.Facts{Exists: true, TeamID: teamID}).Allow {
				r.HouseholdName = name
			}
			list = append(list, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// One row per family shown (NEN 7513); one without a family when
		// there are none.
		rec := auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegAssignments,
			Basis: dec.Basis, Detail: fmt.Sprintf("toewijzingsoverzicht: %d gezinnen", len(list))}
		subjects := make([]auditSubject, len(list))
		for i, r := range list {
			subjects[i].FamilyID = r.FamilyID
		}
		return tx.auditEach(ctx, rec, subjects)
	})
	return list, err
}
