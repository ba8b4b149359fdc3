package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// The team's side of the partners' reports of stagnation: a signal for
// the family's coordinator until picked up (the family's signals and the
// werkbak), and an item on the team's agenda until the team leader records
// that the meeting discussed it.

// HandleStagnation implements regie.StagnationService.
func (s *Store) HandleStagnation(ctx context.Context, familyID, id int64, in regie.StagnationHandling) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegStagnation, familyID, 0)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		r, err := tx.stagnation(ctx, familyID, id)
		if err != nil {
			return err
		}
		if !r.Open() {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgStagnationHandled))
		}
		// Only while still open: a second click waits for the first one's
		// write and then changes nothing.
		res, err := tx.ExecContext(ctx, `UPDATE stagnation_reports SET handled_on = $1, handled_by = $2, handled_note = $3
			WHERE id = $4 AND family_id = $5 AND handled_on IS NULL`, date(tx.today()), tx.actor.UserID, in.Note, id, familyID)
		if err != nil {
			return fmt.Errorf("store: handle stagnation: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: handle stagnation: %w", err)
		} else if n == 0 {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgStagnationHandled))
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegStagnation,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("stagnatiemelding %d van %s opgepakt", id, r.OrgName)})
	})
}

// MarkStagnationDiscussed implements regie.StagnationService: a decision
// of this week's team meeting, linked to the report; discussed_on is the
// meeting's day.
func (s *Store) MarkStagnationDiscussed(ctx context.Context, familyID, id int64) error {
	return s.write(ctx, func(tx *tx) error {
		_, pf, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegStagnation, familyID, 0)
		if err != nil {
			return err
		}
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: pf.TeamID}, familyID, 0, forbidden())
		if err != nil {
			return err
		}
		r, err := tx.stagnation(ctx, familyID, id)
		if err != nil {
			return err
		}
		if !r.DiscussedOn.IsZero() {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgStagnationDiscussed))
		}
		day := tx.today().Monday()
		meetingID, err := tx.meeting(ctx, pf.TeamID, day)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE stagnation_reports SET discussed_on = $1, discussed_by = $2
			WHERE id = $3 AND family_id = $4 AND discussed_on IS NULL`, day.ISO(), tx.actor.UserID, id, familyID)
		if err != nil {
			return fmt.Errorf("store: stagnation discussed: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: stagnation discussed: %w", err)
		} else if n == 0 {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgStagnationDiscussed))
		}
		what := regie.Text(regie.MsgStagnationDecision, r.OrgName, r.ReportedOn.Dutch())
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_decisions (meeting_id, family_id, text, linked_kind, linked_id, decided_by, decided_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, meetingID, familyID, what, string(regie.LinkStagnation), id,
			tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: stagnation discussed: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegStagnation,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("stagnatiemelding %d besproken in het teamoverleg van %s", id, day.Dutch())})
	})
}

// stagnation returns one report of the family. ENOTFOUND.
func (tx *tx) stagnation(ctx context.Context, familyID, id int64) (*regie.Stagnation, error) {
	list, err := tx.stagnations(ctx, familyID, 0)
	if err != nil {
		return nil, err
	}
	for _, r := range list {
		if r.ID == id {
			return r, nil
		}
	}
	return nil, regie.NotFound()
}

// openStagnations sets, of each family, how many partners' reports no one
// picked up yet and the day of the oldest: the signal of the family lists
// and the family page.
func (b *batch) openStagnations(byID map[int64]*regie.FamilySummary, idsArg string) {
	b.each("open stagnations", `SELECT family_id, count(*), MIN(reported_on) FROM stagnation_reports
		WHERE handled_on IS NULL AND `+b.tx.s.d.inIDs("family_id", 1)+` GROUP BY family_id`, []any{idsArg}, func(sc scanner) error {
		var id int64
		var n int
		var since regie.Date
		if err := sc.Scan(&id, &n, dateScan{&since}); err != nil {
			return err
		}
		byID[id].Facts.OpenStagnations, byID[id].Facts.StagnationSince = n, since
		return nil
	})
}

// workStagnations adds to each open family whose journey the worker keeps
// (coordinator or duo) the reports no one picked up yet: the werkbak's
// items to pick up.
func (tx *tx) workStagnations(ctx context.Context, byID map[int64]*regie.FamilyWork) error {
	var ids []int64
	for id, fw := range byID {
		if fw.Journey && fw.Facts.ClosedOn.IsZero() {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.id, r.family_id, r.org_id, o.name, r.reported_on, r.reason
		FROM stagnation_reports r JOIN organisations o ON o.id = r.org_id
		WHERE r.handled_on IS NULL AND `+tx.s.d.inIDs("r.family_id", 1)+` ORDER BY r.reported_on, r.id`, tx.s.d.idsArg(ids))
	if err != nil {
		return fmt.Errorf("store: werkbak stagnations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r := &regie.Stagnation{}
		if err := rows.Scan(&r.ID, &r.FamilyID, &r.OrgID, &r.OrgName, dateScan{&r.ReportedOn}, &r.Reason); err != nil {
			return err
		}
		byID[r.FamilyID].Stagnations = append(byID[r.FamilyID].Stagnations, r)
	}
	return rows.Err()
}

// agendaStagnations queues the reports of the team's open families that
// the team has not discussed yet, oldest first. The team leader marks
// each discussed (Agenda.CanDecide).
func (b *batch) agendaStagnations(ag *regie.Agenda, teamID int64) {
	b.each("agenda stagnations", `SELECT r.id, r.family_id, f.household_name, r.org_id, o.name, u.name, r.reported_on, r.reason,
			r.handled_on, COALESCE(h.name, ''), r.handled_note
		FROM stagnation_reports r JOIN families f ON f.id = r.family_id JOIN organisations o ON o.id = r.org_id
		JOIN users u ON u.id = r.reported_by LEFT JOIN users h ON h.id = r.handled_by
		WHERE f.team_id = $1 AND f.closed_at IS NULL AND r.discussed_on IS NULL
		ORDER BY r.reported_on, r.id LIMIT `+fmt.Sprint(agendaSize), []any{teamID}, func(sc scanner) error {
		r := &regie.Stagnation{}
		if err := sc.Scan(&r.ID, &r.FamilyID, &r.FamilyName, &r.OrgID, &r.OrgName, &r.ReportedByName, dateScan{&r.ReportedOn},
			&r.Reason, dateScan{&r.HandledOn}, &r.HandledByName, &r.HandledNote); err != nil {
			return err
		}
		ag.Stagnations = append(ag.Stagnations, r)
		return nil
	})
}
