package store

import (
	"context"
	"fmt"
	"strings"

	"regie"
	"regie/internal/policy"
)

// Break-glass access (noodtoegang): giving one, the facts the policy reads
// of it, the family's list for its coordinator and team leader, the start
// page's notice of new ones, and the privacy officer's review.

const emergencyColumns = `e.id, e.family_id, f.household_name, e.team_id, e.user_id, u.name, u.role, e.reason, e.explanation,
	e.started_at, e.expires_at, e.reviewed_at, COALESCE(e.reviewed_by, 0), COALESCE(r.name, ''), e.verdict, e.review_note`

const emergencyFrom = ` FROM emergency_accesses e JOIN families f ON f.id = e.family_id JOIN users u ON u.id = e.user_id
	LEFT JOIN users r ON r.id = e.reviewed_by`

func scanEmergency(sc interface{ Scan(...any) error }, e *regie.EmergencyAccess, extra ...any) error {
	var role, reason, verdict string
	dest := []any{&e.ID, &e.FamilyID, &e.HouseholdName, &e.TeamID, &e.UserID, &e.UserName, &role, &reason, &e.Explanation,
		timeScan{&e.StartedAt}, timeScan{&e.ExpiresAt}, timeScan{&e.ReviewedAt}, &e.ReviewedBy, &e.ReviewerName, &verdict, &e.ReviewNote}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	e.UserRole, e.Reason, e.Verdict = regie.Role(role), regie.EmergencyReason(reason), regie.EmergencyVerdict(verdict)
	return nil
}

// emergencyFact reads the actor's newest break-glass access to the
// family, running or not (the policy decides by the clock), or nil.
func (tx *tx) emergencyFact(ctx context.Context, familyID int64) (*regie.EmergencyAccess, error) {
	e := &regie.EmergencyAccess{FamilyID: familyID}
	var reason string
	err := tx.QueryRowContext(ctx, `SELECT id, user_id, team_id, reason, started_at, expires_at FROM emergency_accesses
		WHERE family_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT 1`, familyID, tx.actor.UserID).
		Scan(&e.ID, &e.UserID, &e.TeamID, &reason, timeScan{&e.StartedAt}, timeScan{&e.ExpiresAt})
	if isNoRows(err) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: emergency facts: %w", err)
	}
	e.Reason = regie.EmergencyReason(reason)
	return e, nil
}

// EmergencyOffer implements regie.EmergencyService.
func (s *Store) EmergencyOffer(ctx context.Context, familyID int64) (*regie.EmergencyOffer, error) {
	var o *regie.EmergencyOffer
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.familyFacts(ctx, familyID)
		if err != nil {
			return err
		}
		var basis string
		if f.Emergency.Active(tx.now) && policy.Can(tx.actor, regie.ActionRead, regie.SegFamily, f) {
			basis = f.Emergency.Basis() // running already: the form sends on to the family
		} else {
			dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegEmergency, f, familyID, 0, regie.NotFound())
			if err != nil {
				return err
			}
			basis = dec.Basis
		}
		o = &regie.EmergencyOffer{FamilyID: familyID}
		if f.Emergency.Active(tx.now) {
			o.Active = f.Emergency
		}
		if err := tx.QueryRowContext(ctx, `SELECT household_name FROM families WHERE id = $1`, familyID).Scan(&o.HouseholdName); err != nil {
			return fmt.Errorf("store: emergency offer: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegEmergency,
			FamilyID: familyID, Basis: basis, Detail: "formulier noodtoegang (naam van het huishouden)"})
	})
	return o, err
}

// StartEmergencyAccess implements regie.EmergencyService. The access's
// reason is in the audit row's detail; its explanation only in the
// access, for the privacy officer.
func (s *Store) StartEmergencyAccess(ctx context.Context, familyID int64, in regie.EmergencyInput) (*regie.EmergencyAccess, error) {
	var e *regie.EmergencyAccess
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.familyFacts(ctx, familyID)
		if err != nil {
			return err
		}
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegEmergency, f, familyID, 0, regie.NotFound())
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		e = &regie.EmergencyAccess{FamilyID: familyID, TeamID: f.TeamID, UserID: tx.actor.UserID, UserName: tx.actor.Name,
			UserRole: tx.actor.Role, Reason: in.Reason, Explanation: in.Explanation,
			StartedAt: tx.now, ExpiresAt: tx.now.Add(regie.EmergencyAccessDuration)}
		err = tx.QueryRowContext(ctx, `INSERT INTO emergency_accesses
			(family_id, user_id, team_id, reason, explanation, started_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			familyID, e.UserID, e.TeamID, string(e.Reason), e.Explanation, ts(e.StartedAt), ts(e.ExpiresAt)).Scan(&e.ID)
		if err != nil {
			return fmt.Errorf("store: start emergency access: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegEmergency,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("noodtoegang %d gegeven tot %s", e.ID, regie.FormatDateTime(e.ExpiresAt))})
	})
	return e, err
}

// FindEmergencyAccesses implements regie.EmergencyService.
func (s *Store) FindEmergencyAccesses(ctx context.Context, flt regie.EmergencyFilter) ([]*regie.EmergencyAccess, error) {
	var list []*regie.EmergencyAccess
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decideRecord(ctx, regie.ActionRead, regie.SegEmergency, nil, auditRecord{Detail: "lijst noodtoegang"}, regie.Forbidden())
		if err != nil {
			return err
		}
		where, order, what := `e.reviewed_at IS NULL`, `e.started_at, e.id`, "te beoordelen"
		if !flt.Open {
			where, order, what = `e.reviewed_at IS NOT NULL`, `e.reviewed_at DESC, e.id DESC`, "beoordeelde"
		}
		limit := flt.Limit
		if limit <= 0 || limit > 500 {
			limit = 200
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+emergencyColumns+emergencyFrom+` WHERE `+where+` ORDER BY `+order+` LIMIT $1`, limit)
		if err != nil {
			return fmt.Errorf("store: find emergency accesses: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e := &regie.EmergencyAccess{}
			if err := scanEmergency(rows, e); err != nil {
				return err
			}
			list = append(list, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegEmergency,
			Basis: dec.Basis, Detail: fmt.Sprintf("%d %s noodtoegangen", len(list), what)})
	})
	return list, err
}

// findEmergency reads one access, without any access check.
func (tx *tx) findEmergency(ctx context.Context, id int64) (*regie.EmergencyAccess, error) {
	e := &regie.EmergencyAccess{}
	err := scanEmergency(tx.QueryRowContext(ctx, `SELECT `+emergencyColumns+emergencyFrom+` WHERE e.id = $1`, id), e)
	if isNoRows(err) {
		return nil, regie.NotFound()
	} else if err != nil {
		return nil, fmt.Errorf("store: find emergency access: %w", err)
	}
	return e, nil
}

// FindEmergencyAccess implements regie.EmergencyService.
func (s *Store) FindEmergencyAccess(ctx context.Context, id int64) (*regie.EmergencyAccess, error) {
	var e *regie.EmergencyAccess
	err := s.write(ctx, func(tx *tx) error {
		rec := auditRecord{Detail: fmt.Sprintf("noodtoegang %d", id)}
		dec, err := tx.decideRecord(ctx, regie.ActionRead, regie.SegEmergency, nil, rec, regie.NotFound())
		if err != nil {
			return err
		}
		if e, err = tx.findEmergency(ctx, id); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegEmergency,
			FamilyID: e.FamilyID, Basis: dec.Basis, Detail: rec.Detail})
	})
	return e, err
}

// ReviewEmergencyAccess implements regie.EmergencyService.
func (s *Store) ReviewEmergencyAccess(ctx context.Context, id int64, in regie.EmergencyReviewInput) error {
	return s.write(ctx, func(tx *tx) error {
		rec := auditRecord{Detail: fmt.Sprintf("beoordeling noodtoegang %d", id)}
		dec, err := tx.decideRecord(ctx, regie.ActionUpdate, regie.SegEmergency, nil, rec, regie.NotFound())
		if err != nil {
			return err
		}
		e, err := tx.findEmergency(ctx, id)
		if err != nil {
			return err
		}
		if e.Reviewed() {
			return regie.Errorf(regie.EINVALID, "%s", regie.Text(regie.MsgEmergencyReviewed))
		}
		if err := in.Validate(); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE emergency_accesses SET reviewed_at = $1, reviewed_by = $2, verdict = $3, review_note = $4
			WHERE id = $5 AND reviewed_at IS NULL`, ts(tx.now), tx.actor.UserID, string(in.Verdict), in.Note, id)
		if err != nil {
			return fmt.Errorf("store: review emergency access: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return regie.Errorf(regie.EINVALID, "%s", regie.Text(regie.MsgEmergencyReviewed))
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegEmergency,
			FamilyID: e.FamilyID, Basis: dec.Basis, Detail: rec.Detail + ": " + in.Verdict.Label()})
	})
}

// familyEmergencies queues the break-glass accesses to the family, each
// with whether the actor has seen it, for those who may read them: the
// coordinator, duo partner and team leader (SegEmergency). The list is
// filled when the batch has run; showEmergencies puts it on the page.
func (b *batch) familyEmergencies(familyID int64, f *policy.Facts) *[]*regie.EmergencyAccess {
	list := new([]*regie.EmergencyAccess)
	if !policy.Can(b.tx.actor, regie.ActionRead, regie.SegEmergency, f) {
		return list
	}
	b.each("family emergencies", `SELECT `+emergencyColumns+`,
		CASE WHEN EXISTS (SELECT 1 FROM emergency_access_seen s WHERE s.access_id = e.id AND s.user_id = $2) THEN 1 ELSE 0 END`+
		emergencyFrom+` WHERE e.family_id = $1 ORDER BY e.id DESC`, []any{familyID, b.tx.actor.UserID}, func(sc scanner) error {
		e := &regie.EmergencyAccess{}
		var seen int
		if err := scanEmergency(sc, e, &seen); err != nil {
			return err
		}
		e.Seen = seen == 1
		*list = append(*list, e)
		return nil
	})
	return list
}

// showEmergencies adds to the family page the running access the actor
// reads it under, and the accesses familyEmergencies read, and notes that
// the actor has seen them (the start page no longer tells of them). It
// returns what the page's audit row says it showed.
func (tx *tx) showEmergencies(ctx context.Context, fam *regie.Family, f *policy.Facts, list []*regie.EmergencyAccess) (string, error) {
	if f.Emergency != nil && policy.Decide(tx.actor, regie.ActionRead, regie.SegFamily, f).Basis == f.Emergency.Basis() {
		fam.Emergency = f.Emergency
	}
	fam.EmergencyAccesses = list
	for _, e := range list {
		if e.Seen {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO emergency_access_seen (access_id, user_id, seen_at) VALUES ($1, $2, $3)`,
			e.ID, tx.actor.UserID, ts(tx.now)); err != nil {
			return "", fmt.Errorf("store: emergency seen: %w", err)
		}
	}
	if len(list) == 0 {
		return "", nil
	}
	return "noodtoegangen", nil
}

// UnseenEmergencyAccesses implements regie.EmergencyService. Nothing to
// tell reads nothing of a family and writes no audit row.
func (s *Store) UnseenEmergencyAccesses(ctx context.Context) ([]*regie.EmergencyAccess, error) {
	if _, dec := policy.EmergencyNotices(regie.ActorFromContext(ctx)); !dec.Allow {
		return nil, nil
	}
	var list []*regie.EmergencyAccess
	err := s.write(ctx, func(tx *tx) (err error) {
		list, err = tx.unseenEmergencyAccesses(ctx)
		return err
	})
	return list, err
}

// unseenEmergencyAccesses lists the break-glass accesses to the actor's
// families (the team's, for a team leader) the actor has not seen yet,
// each audited; none for an actor who gets no such notices.
func (tx *tx) unseenEmergencyAccesses(ctx context.Context) ([]*regie.EmergencyAccess, error) {
	scope, dec := policy.EmergencyNotices(tx.actor)
	if !dec.Allow {
		return nil, nil
	}
	conds, args := []string{`NOT EXISTS (SELECT 1 FROM emergency_access_seen s WHERE s.access_id = e.id AND s.user_id = $1)`,
		`e.user_id <> $1`, `f.closed_at IS NULL`}, []any{tx.actor.UserID}
	if scope.TeamID != 0 {
		args = append(args, scope.TeamID)
		conds = append(conds, fmt.Sprintf(`f.team_id = $%d`, len(args)))
	} else {
		args = append(args, string(regie.AssignCoordinator), string(regie.AssignDuo))
		conds = append(conds, fmt.Sprintf(`EXISTS (SELECT 1 FROM assignments a WHERE a.family_id = e.family_id AND a.user_id = $1
			AND a.kind IN ($%d, $%d) AND a.ended_on IS NULL)`, len(args)-1, len(args)))
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+emergencyColumns+emergencyFrom+` WHERE `+strings.Join(conds, " AND ")+
		` ORDER BY e.id DESC LIMIT 20`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unseen emergency accesses: %w", err)
	}
	defer rows.Close()
	var list []*regie.EmergencyAccess
	for rows.Next() {
		e := &regie.EmergencyAccess{}
		if err := scanEmergency(rows, e); err != nil {
			return nil, err
		}
		e.Explanation = "" // the family page shows it, and marks it seen
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, e := range list {
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegEmergency,
			FamilyID: e.FamilyID, Basis: dec.Basis, Detail: fmt.Sprintf("melding noodtoegang %d", e.ID)}); err != nil {
			return nil, err
		}
	}
	return list, nil
}
