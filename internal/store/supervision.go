package store

import (
	"context"
	"fmt"
	"slices"

	"regie"
	"regie/internal/policy"
)

// Work supervision (werkbegeleiding) as records: the team leader writes a
// session with a casemanager or youth worker of the team, the worker reads
// their own. Every access decides through policy.Decide (SegSupervision)
// and writes its audit row in the same transaction — a row per family a
// session names, so the family's log shows it was discussed.

const sessionColumns = `s.id, s.worker_id, w.name, s.team_id, s.held_on, s.leader_points, s.worker_points, s.agreements,
	cu.name, s.created_at, COALESCE(ub.name, ''), s.updated_at, s.version`

const sessionFrom = ` FROM supervision_sessions s JOIN users w ON w.id = s.worker_id JOIN users cu ON cu.id = s.created_by
	LEFT JOIN users ub ON ub.id = s.updated_by`

func scanSession(sc interface{ Scan(...any) error }, s *regie.SupervisionSession) error {
	return sc.Scan(&s.ID, &s.WorkerID, &s.WorkerName, &s.TeamID, dateScan{&s.HeldOn}, &s.LeaderPoints, &s.WorkerPoints, &s.Agreements,
		&s.CreatedBy, timeScan{&s.CreatedAt}, &s.UpdatedBy, timeScan{&s.UpdatedAt}, &s.Version)
}

// workerFacts reads the facts of supervision with a worker: their team,
// and whether they are a casemanager or youth worker at all.
func (tx *tx) workerFacts(ctx context.Context, workerID int64) (*policy.Facts, error) {
	var teamID int64
	var role string
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(team_id, 0), role FROM users WHERE id = $1`, workerID).Scan(&teamID, &role)
	if err != nil && !isNoRows(err) {
		return nil, fmt.Errorf("store: supervision worker: %w", err)
	}
	worker := regie.Role(role) == regie.RoleCasemanager || regie.Role(role) == regie.RoleYouthWorker
	return &policy.Facts{Exists: err == nil && teamID != 0 && worker, TeamID: teamID, WorkerUserID: workerID}, nil
}

// sessionFacts reads the facts of one session: the worker and the team it
// was held in. A missing session has Exists false.
func (tx *tx) sessionFacts(ctx context.Context, id int64) (*policy.Facts, error) {
	f := &policy.Facts{}
	err := tx.QueryRowContext(ctx, `SELECT worker_id, team_id FROM supervision_sessions WHERE id = $1`, id).Scan(&f.WorkerUserID, &f.TeamID)
	if isNoRows(err) {
		return f, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: supervision session: %w", err)
	}
	f.Exists = true
	return f, nil
}

// sessions reads sessions with their families, newest first: those of a
// worker (by worker_id) or one (by id).
func (tx *tx) sessions(ctx context.Context, column string, value int64) ([]*regie.SupervisionSession, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+sessionColumns+sessionFrom+` WHERE s.`+column+` = $1 ORDER BY s.held_on DESC, s.id DESC`, value)
	if err != nil {
		return nil, fmt.Errorf("store: supervision sessions: %w", err)
	}
	var list []*regie.SupervisionSession
	byID := map[int64]*regie.SupervisionSession{}
	for rows.Next() {
		s := &regie.SupervisionSession{}
		if err := scanSession(rows, s); err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, s)
		byID[s.ID] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT sf.session_id, f.id, f.household_name FROM supervision_families sf
		JOIN supervision_sessions s ON s.id = sf.session_id JOIN families f ON f.id = sf.family_id
		WHERE s.`+column+` = $1 ORDER BY f.sort_name, f.id`, value)
	if err != nil {
		return nil, fmt.Errorf("store: supervision families: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sessionID int64
		fn := &regie.FamilyName{}
		if err := rows.Scan(&sessionID, &fn.ID, &fn.Name); err != nil {
			return nil, err
		}
		if s := byID[sessionID]; s != nil {
			s.Families = append(s.Families, fn)
		}
	}
	return list, rows.Err()
}

// sessionSubjects are the families the sessions name, each once: every
// one is an access to that family, in its log.
func sessionSubjects(list []*regie.SupervisionSession, more []auditSubject) []auditSubject {
	seen := map[int64]bool{}
	for _, m := range more {
		seen[m.FamilyID] = true
	}
	out := more
	for _, s := range list {
		for _, f := range s.Families {
			if !seen[f.ID] {
				seen[f.ID] = true
				out = append(out, auditSubject{FamilyID: f.ID})
			}
		}
	}
	return out
}

// sessionDetail describes a session for the access log.
func sessionDetail(workerID int64, on regie.Date) string {
	return fmt.Sprintf("werkbegeleiding van gebruiker %d op %s", workerID, on.Dutch())
}

// checkSessionFamilies returns the families to name in a session: each
// one must be a family of the worker (now or before).
func (tx *tx) checkSessionFamilies(ctx context.Context, workerID int64, ids []int64) ([]int64, error) {
	var out []int64
	for _, id := range ids {
		if id <= 0 || slices.Contains(out, id) {
			continue
		}
		ok, err := tx.exists(ctx, `SELECT count(*) FROM assignments WHERE family_id = $1 AND user_id = $2`, id, workerID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, addField(nil, "families", regie.MsgSupervisionFamily)
		}
		out = append(out, id)
	}
	return out, nil
}

func (tx *tx) writeSessionFamilies(ctx context.Context, sessionID int64, ids []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM supervision_families WHERE session_id = $1`, sessionID); err != nil {
		return fmt.Errorf("store: supervision families: %w", err)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO supervision_families (session_id, family_id) VALUES ($1, $2)`, sessionID, id); err != nil {
			return fmt.Errorf("store: supervision families: %w", err)
		}
	}
	return nil
}

// lastSessions returns the day of the last session of each worker of a
// team.
func (tx *tx) lastSessions(ctx context.Context, teamID int64) (map[int64]regie.Date, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.worker_id, MAX(s.held_on) FROM supervision_sessions s JOIN users u ON u.id = s.worker_id
		WHERE u.team_id = $1 GROUP BY s.worker_id`, teamID)
	if err != nil {
		return nil, fmt.Errorf("store: last supervision: %w", err)
	}
	defer rows.Close()
	last := map[int64]regie.Date{}
	for rows.Next() {
		var id int64
		var d regie.Date
		if err := rows.Scan(&id, dateScan{&d}); err != nil {
			return nil, err
		}
		last[id] = d
	}
	return last, rows.Err()
}

// FindSupervisionWorkers implements regie.SupervisionService.
func (s *Store) FindSupervisionWorkers(ctx context.Context) ([]*regie.SupervisionWorker, error) {
	var out []*regie.SupervisionWorker
	err := s.write(ctx, func(tx *tx) error {
		f := &policy.Facts{Exists: tx.actor.TeamID != 0, TeamID: tx.actor.TeamID}
		dec, err := tx.decideRecord(ctx, regie.ActionRead, regie.SegSupervision, f,
			auditRecord{Detail: "werkbegeleiding: overzicht van het team"}, regie.Forbidden())
		if err != nil {
			return err
		}
		norms, err := tx.norms(ctx)
		if err != nil {
			return err
		}
		last, err := tx.lastSessions(ctx, tx.actor.TeamID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+userFrom+` WHERE u.team_id = $1 AND u.role IN ($2, $3)
			AND u.disabled_at IS NULL ORDER BY u.sort_name, u.id`, tx.actor.TeamID, string(regie.RoleCasemanager), string(regie.RoleYouthWorker))
		if err != nil {
			return fmt.Errorf("store: supervision workers: %w", err)
		}
		for rows.Next() {
			u := &regie.User{}
			if err := tx.scanUser(rows, u); err != nil {
				rows.Close()
				return err
			}
			u.PasswordHash, u.TOTPSecret = "", ""
			out = append(out, &regie.SupervisionWorker{User: u, Due: regie.SupervisionDueOn(last[u.ID], norms, tx.today())})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegSupervision,
			Basis: dec.Basis, Detail: fmt.Sprintf("werkbegeleiding: overzicht van het team (%d medewerkers)", len(out))})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CreateSupervisionSession implements regie.SupervisionService.
func (s *Store) CreateSupervisionSession(ctx context.Context, workerID int64, in regie.SupervisionInput) (*regie.SupervisionSession, error) {
	var out *regie.SupervisionSession
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.workerFacts(ctx, workerID)
		if err != nil {
			return err
		}
		dec, err := tx.decideRecord(ctx, regie.ActionCreate, regie.SegSupervision, f,
			auditRecord{Detail: fmt.Sprintf("werkbegeleiding van gebruiker %d", workerID)}, regie.NotFound())
		if err != nil {
			return err
		}
		on, verr := in.Validate(tx.today())
		ids, err := tx.checkSessionFamilies(ctx, workerID, in.FamilyIDs)
		if err != nil {
			if regie.ErrorCode(err) != regie.EINVALID {
				return err
			}
			verr = addField(verr, "families", regie.MsgSupervisionFamily)
		}
		if verr != nil {
			return verr
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO supervision_sessions (worker_id, team_id, held_on, leader_points, worker_points,
				agreements, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			workerID, f.TeamID, on.ISO(), in.LeaderPoints, in.WorkerPoints, in.Agreements, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: supervision session: %w", err)
		}
		tx.result = id
		if err := tx.writeSessionFamilies(ctx, id, ids); err != nil {
			return err
		}
		list, err := tx.sessions(ctx, "id", id)
		if err != nil {
			return err
		}
		out = list[0]
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegSupervision,
			Basis: dec.Basis, Detail: sessionDetail(workerID, on) + " vastgelegd"}, sessionSubjects(list, nil))
	})
	if id, ok := replayedResult(ctx); ok && err == nil {
		return &regie.SupervisionSession{ID: id}, nil // recorded by an earlier submit of this form
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindSupervisionSession implements regie.SupervisionService.
func (s *Store) FindSupervisionSession(ctx context.Context, id int64) (*regie.SupervisionSession, error) {
	var out *regie.SupervisionSession
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.sessionFacts(ctx, id)
		if err != nil {
			return err
		}
		dec, err := tx.decideRecord(ctx, regie.ActionRead, regie.SegSupervision, f,
			auditRecord{Detail: fmt.Sprintf("werkbegeleidingsgesprek %d", id)}, regie.NotFound())
		if err != nil {
			return err
		}
		list, err := tx.sessions(ctx, "id", id)
		if err != nil {
			return err
		}
		out = list[0]
		out.CanEdit = policy.Can(tx.actor, regie.ActionUpdate, regie.SegSupervision, f)
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegSupervision,
			Basis: dec.Basis, Detail: sessionDetail(out.WorkerID, out.HeldOn)}, sessionSubjects(list, nil))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateSupervisionSession implements regie.SupervisionService.
func (s *Store) UpdateSupervisionSession(ctx context.Context, id int64, in regie.SupervisionInput) error {
	return s.write(ctx, func(tx *tx) error {
		f, err := tx.sessionFacts(ctx, id)
		if err != nil {
			return err
		}
		dec, err := tx.decideRecord(ctx, regie.ActionUpdate, regie.SegSupervision, f,
			auditRecord{Detail: fmt.Sprintf("werkbegeleidingsgesprek %d", id)}, regie.NotFound())
		if err != nil {
			return err
		}
		on, verr := in.Validate(tx.today())
		ids, err := tx.checkSessionFamilies(ctx, f.WorkerUserID, in.FamilyIDs)
		if err != nil {
			if regie.ErrorCode(err) != regie.EINVALID {
				return err
			}
			verr = addField(verr, "families", regie.MsgSupervisionFamily)
		}
		if verr != nil {
			return verr
		}
		before, err := tx.sessions(ctx, "id", id)
		if err != nil {
			return err
		}
		// Only from the version the form showed (compare-and-set): a save
		// from an older tab would erase what was written since.
		res, err := tx.ExecContext(ctx, `UPDATE supervision_sessions SET held_on = $1, leader_points = $2, worker_points = $3,
			agreements = $4, updated_by = $5, updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8`,
			on.ISO(), in.LeaderPoints, in.WorkerPoints, in.Agreements, tx.actor.UserID, ts(tx.now), id, in.Version)
		if err != nil {
			return fmt.Errorf("store: supervision session: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: supervision session: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		if err := tx.writeSessionFamilies(ctx, id, ids); err != nil {
			return err
		}
		after, err := tx.sessions(ctx, "id", id)
		if err != nil {
			return err
		}
		// The families named before and after: a family taken off the
		// session was in it until now.
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegSupervision,
			Basis: dec.Basis, Detail: sessionDetail(f.WorkerUserID, on) + " gewijzigd"}, sessionSubjects(append(before, after...), nil))
	})
}

// FindOwnSupervision implements regie.SupervisionService.
func (s *Store) FindOwnSupervision(ctx context.Context) (*regie.OwnSupervision, error) {
	out := &regie.OwnSupervision{}
	err := s.write(ctx, func(tx *tx) error {
		f := &policy.Facts{Exists: true, TeamID: tx.actor.TeamID, WorkerUserID: tx.actor.UserID}
		dec, err := tx.decideRecord(ctx, regie.ActionRead, regie.SegSupervision, f,
			auditRecord{Detail: "eigen werkbegeleiding"}, regie.Forbidden())
		if err != nil {
			return err
		}
		if out.Sessions, err = tx.sessions(ctx, "worker_id", tx.actor.UserID); err != nil {
			return err
		}
		norms, err := tx.norms(ctx)
		if err != nil {
			return err
		}
		var last regie.Date
		if len(out.Sessions) > 0 {
			last = out.Sessions[0].HeldOn
		}
		out.Due = regie.SupervisionDueOn(last, norms, tx.today())
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegSupervision,
			Basis: dec.Basis, Detail: fmt.Sprintf("eigen werkbegeleiding (%d gesprekken)", len(out.Sessions))}, sessionSubjects(out.Sessions, nil))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// supervisionSessions adds the sessions to the team leader's view of a
// worker, with when the next is due and whether the actor records one.
func (tx *tx) supervisionSessions(ctx context.Context, sv *regie.Supervision, userID int64) error {
	var err error
	if sv.Sessions, err = tx.sessions(ctx, "worker_id", userID); err != nil {
		return err
	}
	// The team leader reads the sessions held in their team only.
	kept := sv.Sessions[:0]
	for _, s := range sv.Sessions {
		if s.TeamID == tx.actor.TeamID {
			kept = append(kept, s)
		}
	}
	sv.Sessions = kept
	norms, err := tx.norms(ctx)
	if err != nil {
		return err
	}
	var last regie.Date
	if len(sv.Sessions) > 0 {
		last = sv.Sessions[0].HeldOn
	}
	sv.Due = regie.SupervisionDueOn(last, norms, tx.today())
	f, err := tx.workerFacts(ctx, userID)
	if err != nil {
		return err
	}
	sv.CanRecord = policy.Can(tx.actor, regie.ActionCreate, regie.SegSupervision, f)
	return nil
}
