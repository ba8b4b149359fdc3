package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"regie"
	"regie/internal/policy"
)

// The sections of the team meeting's agenda beyond the signals: every
// plan draft ready for discussion, the closings of the intensive phase,
// the families without a casemanager, and the known families a referral
// may be. Each loader is bounded by agendaSize, so the agenda stays fast
// for a team of any size.

// agendaDrafts queues the plan drafts (concept) of the team's open
// families, the oldest edited first, each with whether the actor may
// record that the team discussed it.
func (b *batch) agendaDrafts(ag *regie.Agenda, teamID int64) {
	// MarkPlanDiscussed decides on the team's meeting, as here.
	can := ag.CanDecide && policy.Can(b.tx.actor, regie.ActionCreate, regie.SegMeeting, &policy.Facts{Exists: true, TeamID: teamID})
	b.each("agenda drafts", `SELECT f.id, f.household_name, v.number, v.updated_at,
			COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
				WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL LIMIT 1), '')
		FROM families f JOIN plan_versions v ON v.family_id = f.id
		WHERE f.team_id = $1 AND f.closed_at IS NULL AND v.status = $2
		ORDER BY v.updated_at, v.id LIMIT `+fmt.Sprint(agendaSize), []any{teamID, string(regie.PlanDraft)}, func(sc scanner) error {
		d := &regie.AgendaDraft{CanMarkDiscussed: can}
		if err := sc.Scan(&d.FamilyID, &d.FamilyName, &d.Number, timeScan{&d.UpdatedAt}, &d.Coordinator); err != nil {
			return err
		}
		ag.Drafts = append(ag.Drafts, d)
		return nil
	})
}

// previousMeeting queues the read of the day of the team's meeting before
// day, or, when there was none, the week before: the agenda's closings and
// check-up outcomes are what happened since then (Agenda.PreviousOn). The
// check-ups follow in the next round.
func (b *batch) previousMeeting(ag *regie.Agenda, teamID int64, day regie.Date) {
	b.row("previous meeting", `SELECT MAX(held_on) FROM meetings WHERE team_id = $1 AND held_on < $2`, []any{teamID, day.ISO()},
		func(sc scanner) error {
			if err := sc.Scan(dateScan{&ag.PreviousOn}); err != nil {
				return err
			}
			if ag.PreviousOn.IsZero() {
				ag.PreviousOn = day.AddDays(-7)
			}
			return nil
		})
	b.then(func(_ context.Context, next *batch) error {
		next.agendaCheckups(ag, teamID, day)
		return nil
	})
}

// agendaFromTeam fills, from the team's open families that agendaFamilies
// read (with their summaries and coordinators), the closings of the
// intensive phase — in phase 4, or entered phase 5 since the team's
// previous meeting (the week before when there was none) — and the
// families without a casemanager (no current coordinator), whom the team
// leader assigns (actor's CanAssign). Both by name, at most agendaSize
// each; it returns them, for agendaSignals to return with the families
// shown, which agendaFamilies enriches in its next round. Taking them from
// that one read costs no query per family.
func agendaFromTeam(actor *regie.Actor, ag *regie.Agenda, team []*regie.FamilySummary) []*regie.FamilySummary {
	prev, teamID := ag.PreviousOn, ag.Meeting.TeamID
	ag.CanAssign = policy.Can(actor, regie.ActionUpdate, regie.SegAssignment, &policy.Facts{Exists: true, TeamID: teamID})
	byName := slices.Clone(team)
	sortKeys(byName)
	slices.SortStableFunc(byName, func(a, b *regie.FamilySummary) int { return strings.Compare(a.SortKey, b.SortKey) })
	for _, fs := range byName {
		closing := fs.Phase == regie.PhaseClosing || (fs.Phase == regie.PhaseCoordination && fs.Facts.PhaseStartedOn.After(prev))
		if closing && len(ag.Closings) < agendaSize {
			ag.Closings = append(ag.Closings, fs)
		}
		if fs.Coordinator == "" && len(ag.Unassigned) < agendaSize {
			ag.Unassigned = append(ag.Unassigned, fs)
		}
	}
	return append(slices.Clone(ag.Closings), ag.Unassigned...)
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
	shown := ag.Referrals[:min(len(ag.Referrals), agendaSize)]
	refs := make([]*regie.Referral, len(shown))
	byID := make(map[int64]*regie.Referral, len(shown))
	ids := make([]int64, len(shown))
	for i, r := range shown {
		refs[i], ids[i] = &regie.Referral{ID: r.ID}, r.ID
		byID[r.ID] = refs[i]
	}
	// What the search needs of each referral, for all of them at once.
	d := tx.s.d
	b := tx.batch()
	b.each("agenda duplicates: referrals", `SELECT id, team_id, street, postcode FROM referrals WHERE `+d.inIDs("id", 1), []any{d.idsArg(ids)},
		func(sc scanner) error {
			var id int64
			var ref regie.Referral
			if err := sc.Scan(&id, &ref.TeamID, &ref.Street, &ref.Postcode); err != nil {
				return err
			}
			r := byID[id]
			r.TeamID, r.Street, r.Postcode = ref.TeamID, ref.Street, ref.Postcode
			return nil
		})
	b.referralMembers(byID)
	ag.Duplicates = map[int64][]*regie.DuplicateCandidate{}
	b.then(func(_ context.Context, next *batch) error {
		next.duplicateCandidates(refs, ag.Duplicates)
		return nil
	})
	if err := b.run(ctx); err != nil {
		return nil, err
	}
	var subjects []auditSubject
	for _, r := range shown {
		for _, c := range ag.Duplicates[r.ID] {
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
