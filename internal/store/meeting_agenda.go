package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// The sections of the team meeting's agenda beyond the signals: every
// plan draft ready for discussion, the closings of the intensive phase,
// the families without a casemanager, and the known families a referral
// may be. Each loader is bounded by agendaSize, so the agenda stays fast
// for a team of any size.

// agendaDrafts fills the plan drafts (concept) of the team's open
// families, the oldest edited first, each with whether the actor may
// record that the team discussed it.
func (tx *tx) agendaDrafts(ctx context.Context, ag *regie.Agenda, teamID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, v.number, v.updated_at,
			COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
				WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL LIMIT 1), '')
		FROM families f JOIN plan_versions v ON v.family_id = f.id
		WHERE f.team_id = $1 AND f.closed_at IS NULL AND v.status = $2
		ORDER BY v.updated_at, v.id LIMIT `+fmt.Sprint(agendaSize), teamID, string(regie.PlanDraft))
	if err != nil {
		return fmt.Errorf("store: agenda drafts: %w", err)
	}
	defer rows.Close()
	// MarkPlanDiscussed decides on the team's meeting, as here.
	can := ag.CanDecide && policy.Can(tx.actor, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: teamID})
	for rows.Next() {
		d := &regie.AgendaDraft{CanMarkDiscussed: can}
		if err := rows.Scan(&d.FamilyID, &d.FamilyName, &d.Number, timeScan{&d.UpdatedAt}, &d.Coordinator); err != nil {
			return err
		}
		ag.Drafts = append(ag.Drafts, d)
	}
	return rows.Err()
}

// agendaClosings fills the families closing the intensive phase: those in
// phase 4, and those that entered phase 5 since the team's previous
// meeting (the week before when there was none).
func (tx *tx) agendaClosings(ctx context.Context, ag *regie.Agenda, teamID int64, day regie.Date) error {
	var prev regie.Date
	if err := tx.QueryRowContext(ctx, `SELECT MAX(held_on) FROM meetings WHERE team_id = $1 AND held_on < $2`, teamID, day.ISO()).
		Scan(dateScan{&prev}); err != nil {
		return fmt.Errorf("store: previous meeting: %w", err)
	}
	if prev.IsZero() {
		prev = day.AddDays(-7)
	}
	ag.PreviousOn = prev
	list, err := tx.agendaSummaries(ctx, teamID, `(s.phase = $2 OR (s.phase = $3 AND s.phase_started_on > $4))`,
		int(regie.PhaseClosing), int(regie.PhaseCoordination), prev.ISO())
	ag.Closings = list
	return err
}

// agendaUnassigned fills the team's open families that have no current
// coordinator: the team leader assigns one (CanAssign).
func (tx *tx) agendaUnassigned(ctx context.Context, ag *regie.Agenda, teamID int64) error {
	ag.CanAssign = policy.Can(tx.actor, regie.ActionUpdate, regie.SegAssignment, &policy.Facts{Exists: true, TeamID: teamID})
	list, err := tx.agendaSummaries(ctx, teamID, `NOT EXISTS (SELECT 1 FROM assignments a
		WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL)`)
	ag.Unassigned = list
	return err
}

// agendaSummaries reads at most agendaSize of the team's open families
// that meet cond (its arguments from $2 on), with their signals, by name.
func (tx *tx) agendaSummaries(ctx context.Context, teamID int64, cond string, args ...any) ([]*regie.FamilySummary, error) {
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, d.name,
			EXISTS (SELECT 1 FROM safety_concerns sc WHERE sc.family_id = f.id AND sc.severity = 'acuut' AND sc.resolved_on IS NULL),
			COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
				WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL LIMIT 1), ''),
			`+factsColumns+`
		FROM family_summaries s JOIN families f ON f.id = s.family_id JOIN districts d ON d.id = f.district_id
		WHERE s.team_id = $1 AND f.team_id = $1 AND f.closed_at IS NULL AND `+cond+`
		ORDER BY f.sort_name, f.id LIMIT `+fmt.Sprint(agendaSize), append([]any{teamID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: agenda families: %w", err)
	}
	var list []*regie.FamilySummary
	for rows.Next() {
		fs := &regie.FamilySummary{}
		ft := &fs.Facts
		if err := rows.Scan(append([]any{&fs.ID, &fs.HouseholdName, &fs.DistrictName, &fs.Acute, &fs.Coordinator},
			factsDest(ft)...)...); err != nil {
			rows.Close()
			return nil, err
		}
		fs.Phase, ft.Acute = ft.Phase, fs.Acute
		list = append(list, fs)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return list, tx.enrichSummaries(ctx, list)
}

// agendaDuplicates fills, for the referrals awaiting a decision (at most
// agendaSize), the known families each may be, when the policy lets the
// actor see them on the agenda (policy.AgendaDuplicates). It returns the
// audit subjects: like the referral page, the search is in the referral's
// log and in the log of each family it shows.
func (tx *tx) agendaDuplicates(ctx context.Context, ag *regie.Agenda, teamID int64) ([]auditSubject, error) {
	dec := policy.AgendaDuplicates(tx.actor, &policy.Facts{Exists: true, TeamID: teamID})
	if !dec.Allow || len(ag.Referrals) == 0 {
		return nil, nil
	}
	ag.Duplicates = map[int64][]*regie.DuplicateCandidate{}
	var subjects []auditSubject
	for i, r := range ag.Referrals {
		if i == agendaSize {
			break
		}
		ref, err := tx.findReferral(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		cands, err := tx.duplicateCandidates(ctx, ref)
		if err != nil {
			return nil, err
		}
		if len(cands) > 0 {
			ag.Duplicates[r.ID] = cands
		}
		for _, c := range cands {
			subjects = append(subjects, auditSubject{FamilyID: c.FamilyID, ReferralID: r.ID})
		}
	}
	return subjects, nil
}

// auditDuplicates writes the agenda's search for known families, as the
// referral page writes its own: one row per referral and family shown.
func (tx *tx) auditDuplicates(ctx context.Context, subjects []auditSubject, day regie.Date) error {
	if len(subjects) == 0 {
		return nil
	}
	dec := policy.AgendaDuplicates(tx.actor, &policy.Facts{Exists: true, TeamID: tx.actor.TeamID})
	return tx.auditEach(ctx, auditRecord{Action: regie.ActionSearch, Outcome: regie.OutcomeOK, Segment: regie.SegReferral,
		Basis: dec.Basis, Detail: "controle op een bekend gezin, agenda van het teamoverleg van " + day.Dutch()}, subjects)
}
