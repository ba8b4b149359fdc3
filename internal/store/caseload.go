package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"regie"
)

// caseloads returns the active workers of a role in the family's team with
// their load: families (or youths) now, and started in the last twelve
// months, against the norm.
func (tx *tx) caseloads(ctx context.Context, familyID int64, role regie.Role) ([]*regie.Caseload, error) {
	var teamID, districtID int64
	if err := tx.QueryRowContext(ctx, `SELECT team_id, district_id FROM families WHERE id = $1`, familyID).Scan(&teamID, &districtID); err != nil {
		return nil, fmt.Errorf("store: caseloads: %w", err)
	}
	norms, err := tx.norms(ctx)
	if err != nil {
		return nil, err
	}
	kind, norm := regie.AssignCoordinator, norms.CasemanagerFamiliesPerYear
	if role == regie.RoleYouthWorker {
		kind, norm = regie.AssignYouth, norms.YouthWorkerYouthsPerYear
	}
	yearAgo := tx.today().AddDays(-365).ISO()
	rows, err := tx.QueryContext(ctx, `SELECT u.id, u.name,
			(SELECT count(*) FROM assignments a WHERE a.user_id = u.id AND a.kind = $1 AND a.ended_on IS NULL),
			(SELECT count(*) FROM assignments a WHERE a.user_id = u.id AND a.kind = $1 AND a.started_on > $2)
		FROM users u WHERE u.team_id = $3 AND u.role = $4 AND u.disabled_at IS NULL ORDER BY u.sort_name, u.id`,
		string(kind), yearAgo, teamID, string(role))
	if err != nil {
		return nil, fmt.Errorf("store: caseloads: %w", err)
	}
	var loads []*regie.Caseload
	for rows.Next() {
		l := &regie.Caseload{Role: role, Norm: norm}
		if err := rows.Scan(&l.UserID, &l.Name, &l.Current, &l.StartedThisYear); err != nil {
			rows.Close()
			return nil, err
		}
		loads = append(loads, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, l := range loads {
		rows, err := tx.QueryContext(ctx, `SELECT d.id, d.name FROM user_districts ud JOIN districts d ON d.id = ud.district_id
			WHERE ud.user_id = $1 ORDER BY d.name`, l.UserID)
		if err != nil {
			return nil, err
		}
		var names []string
		var ids []int64
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return nil, err
			}
			ids, names = append(ids, id), append(names, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		l.District, l.InDistrict = strings.Join(names, ", "), slices.Contains(ids, districtID)
	}
	return loads, nil
}

// FindCaseloads implements regie.FamilyService: the casemanagers and youth
// workers of the family's team, for the assignment screens.
func (s *Store) FindCaseloads(ctx context.Context, familyID int64) ([]*regie.Caseload, error) {
	var out []*regie.Caseload
	err := s.write(ctx, func(tx *tx) error {
		if _, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegAssignment, familyID, 0); err != nil {
			return err
		}
		for _, role := range []regie.Role{regie.RoleCasemanager, regie.RoleYouthWorker} {
			loads, err := tx.caseloads(ctx, familyID, role)
			if err != nil {
				return err
			}
			out = append(out, loads...)
		}
		return nil
	})
	return out, err
}

// AssignYouthWorker implements regie.FamilyService.
func (s *Store) AssignYouthWorker(ctx context.Context, familyID, memberID, userID int64, confirmed bool) error {
	return s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegAssignment, familyID, memberID)
		if err != nil {
			return err
		}
		m, err := tx.findMember(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		var v regie.Validation
		if age := m.AgeOn(tx.today()); userID != 0 && (age < 12 || age > 24) {
			v.Add("youth_worker", regie.MsgYouthAgeRange)
		}
		if userID != 0 {
			ok, err := tx.exists(ctx, `SELECT count(*) FROM users WHERE id = $1 AND team_id = $2 AND role = $3 AND disabled_at IS NULL`,
				userID, f.TeamID, string(regie.RoleYouthWorker))
			if err != nil {
				return err
			}
			if !ok {
				v.Add("youth_worker", regie.MsgNotAYouthWorker)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		var cur int64
		var curID int64
		err = tx.QueryRowContext(ctx, `SELECT id, user_id FROM assignments WHERE family_id = $1 AND member_id = $2 AND kind = $3 AND ended_on IS NULL`,
			familyID, memberID, string(regie.AssignYouth)).Scan(&curID, &cur)
		if err != nil && !isNoRows(err) {
			return err
		}
		if cur == userID {
			return nil
		}
		if userID != 0 && !confirmed {
			loads, err := tx.caseloads(ctx, familyID, regie.RoleYouthWorker)
			if err != nil {
				return err
			}
			for _, l := range loads {
				if l.UserID == userID && l.Over() {
					return addField(nil, "confirm", regie.MsgCaseloadConfirm)
				}
			}
		}
		if curID != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE assignments SET ended_on = $1 WHERE id = $2`, tx.today().ISO(), curID); err != nil {
				return err
			}
		}
		detail := "jeugdhulpverlener beëindigd"
		if userID != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO assignments (family_id, user_id, kind, member_id, started_on, assigned_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, familyID, userID, string(regie.AssignYouth), memberID, tx.today().ISO(),
				tx.actor.UserID, ts(tx.now)); err != nil {
				return fmt.Errorf("store: assign youth worker: %w", err)
			}
			detail = "jeugdhulpverlener toegewezen"
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegAssignment,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: detail})
	})
}
