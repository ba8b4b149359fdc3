package store

import (
	"context"
	"fmt"
	"time"

	"regie"
)

// The family summary (family_summaries) keeps, per family, what lists and
// signals need — phase, minutes, last contact — in the same transaction as
// every contact and phase change, so no list sums a family's history.

// createSummary adds the summary row of a new family.
func (tx *tx) createSummary(ctx context.Context, familyID, teamID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO family_summaries (family_id, team_id) VALUES ($1, $2)`, familyID, teamID)
	if err != nil {
		return fmt.Errorf("store: create summary: %w", err)
	}
	return nil
}

// summary is the stored row.
type summary struct {
	teamID       int64
	transitionID int64
	facts        regie.FamilyFacts
	contacts     int
}

// factsColumns are the summary columns that make a family's facts, in the
// order of factsDest: every list that shows signals reads them, joined as
// family_summaries s (a LEFT JOIN gives zeros).
const factsColumns = `COALESCE(s.phase, 0), s.phase_started_on, s.intensive_started_on, s.coordination_started_on,
	COALESCE(s.minutes_total, 0), COALESCE(s.minutes_intensive, 0), COALESCE(s.minutes_phase, 0),
	s.last_contact_on, s.last_reached_on, COALESCE(s.rejected_streak, 0), s.last_network_meeting_on,
	s.interim_done_on, s.plan_agreed_on, s.next_interim_on, s.final_eval_on, s.closed_on,
	COALESCE(s.checkups_done, 0), s.last_checkup_on`

// factsDest are the scan destinations of factsColumns.
func factsDest(f *regie.FamilyFacts) []any {
	return []any{&f.Phase, dateScan{&f.PhaseStartedOn}, dateScan{&f.IntensiveStartedOn}, dateScan{&f.CoordinationStartedOn},
		&f.MinutesTotal, &f.MinutesIntensive, &f.MinutesPhase,
		dateScan{&f.LastContactOn}, dateScan{&f.LastReachedOn}, &f.RejectedStreak, dateScan{&f.LastNetworkMeetingOn},
		dateScan{&f.InterimDoneOn}, dateScan{&f.PlanAgreedOn}, dateScan{&f.NextInterimOn}, dateScan{&f.FinalEvalOn},
		dateScan{&f.ClosedOn}, &f.CheckupsDone, dateScan{&f.LastCheckupOn}}
}

const summaryColumns = `s.team_id, s.transition_id, s.contacts, ` + factsColumns

func summaryDest(s *summary) []any {
	return append([]any{&s.teamID, idScan{&s.transitionID}, &s.contacts}, factsDest(&s.facts)...)
}

// readSummary reads the summary for display. A transaction that writes
// the summary reads it with lockSummary instead.
func (tx *tx) readSummary(ctx context.Context, familyID int64) (*summary, error) {
	return tx.selectSummary(ctx, familyID, "")
}

// lockSummary reads the summary to change it and locks its row until the
// transaction ends, so two writers of one family take turns. Without the
// lock, on PostgreSQL (READ COMMITTED) two people saving a contact at once
// both add to the same old figures and the later write erases the other's
// contact from the hours and the count. Take it before reading anything
// the new summary is computed from: once the lock is held, every later
// statement sees what the previous writer committed. SQLite needs no lock
// (BEGIN IMMEDIATE already holds the only write lock).
func (tx *tx) lockSummary(ctx context.Context, familyID int64) (*summary, error) {
	return tx.selectSummary(ctx, familyID, tx.s.d.forUpdate)
}

func (tx *tx) selectSummary(ctx context.Context, familyID int64, lock string) (*summary, error) {
	s := &summary{}
	if err := tx.QueryRowContext(ctx, `SELECT `+summaryColumns+` FROM family_summaries s WHERE s.family_id = $1`+lock, familyID).
		Scan(summaryDest(s)...); err != nil {
		return nil, fmt.Errorf("store: read summary: %w", err)
	}
	return s, nil
}

func (tx *tx) writeSummary(ctx context.Context, familyID int64, s *summary) error {
	f := s.facts
	_, err := tx.ExecContext(ctx, `UPDATE family_summaries SET phase = $1, transition_id = $2, phase_started_on = $3,
		intensive_started_on = $4, coordination_started_on = $5, minutes_total = $6, minutes_intensive = $7, minutes_phase = $8,
		contacts = $9, last_contact_on = $10, last_reached_on = $11, rejected_streak = $12, last_network_meeting_on = $13,
		interim_done_on = $14, plan_agreed_on = $15, next_interim_on = $16, final_eval_on = $17, closed_on = $18,
		checkups_done = $19, last_checkup_on = $20 WHERE family_id = $21`,
		int(f.Phase), nullID(s.transitionID), date(f.PhaseStartedOn), date(f.IntensiveStartedOn), date(f.CoordinationStartedOn),
		f.MinutesTotal, f.MinutesIntensive, f.MinutesPhase, s.contacts, date(f.LastContactOn), date(f.LastReachedOn),
		f.RejectedStreak, date(f.LastNetworkMeetingOn), date(f.InterimDoneOn), date(f.PlanAgreedOn), date(f.NextInterimOn),
		date(f.FinalEvalOn), date(f.ClosedOn), f.CheckupsDone, date(f.LastCheckupOn), familyID)
	if err != nil {
		return fmt.Errorf("store: write summary: %w", err)
	}
	return nil
}

// refreshSummary recomputes a family's summary from its phase transitions,
// contacts and checklist: after a phase change, an edited contact, a tick.
func (tx *tx) refreshSummary(ctx context.Context, familyID int64) error {
	stored, err := tx.lockSummary(ctx, familyID)
	if err != nil {
		return err
	}
	s, err := tx.computeSummary(ctx, familyID, stored.teamID)
	if err != nil {
		return err
	}
	return tx.writeSummary(ctx, familyID, s)
}

// computeSummary computes a family's summary from its phase transitions,
// contacts and checklist, without writing it.
func (tx *tx) computeSummary(ctx context.Context, familyID, teamID int64) (*summary, error) {
	s := &summary{teamID: teamID}
	f := &s.facts

	rows, err := tx.QueryContext(ctx, `SELECT id, phase, started_on FROM phase_transitions WHERE family_id = $1 ORDER BY started_on, id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: refresh summary: %w", err)
	}
	var prev regie.Phase
	for rows.Next() {
		var id int64
		var p regie.Phase
		var on regie.Date
		if err := rows.Scan(&id, &p, dateScan{&on}); err != nil {
			rows.Close()
			return nil, err
		}
		switch {
		case p.Intensive() && (prev == 0 || prev == regie.PhaseCoordination):
			// A start, or a relapse back for a short intervention: the
			// intensive phase's clock starts again.
			f.IntensiveStartedOn = on
		case p == regie.PhaseCoordination && prev != regie.PhaseCoordination:
			f.CoordinationStartedOn = on
		}
		prev, f.Phase, f.PhaseStartedOn, s.transitionID = p, p, on, id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	err = tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(minutes), 0),
			COALESCE(SUM(CASE WHEN phase BETWEEN 1 AND 4 THEN minutes ELSE 0 END), 0),
			count(*), MAX(contact_date),
			MAX(CASE WHEN attempt = 'contact' AND `+withFamilySQL+` THEN contact_date END),
			MAX(CASE WHEN kind = 'netwerkoverleg' THEN contact_date END)
		FROM contacts WHERE family_id = $1`, familyID).
		Scan(&f.MinutesTotal, &f.MinutesIntensive, &s.contacts, dateScan{&f.LastContactOn}, dateScan{&f.LastReachedOn},
			dateScan{&f.LastNetworkMeetingOn})
	if err != nil {
		return nil, fmt.Errorf("store: refresh summary: %w", err)
	}
	if err := tx.networkFacts(ctx, familyID, f); err != nil {
		return nil, err
	}
	if !f.PhaseStartedOn.IsZero() {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(minutes), 0) FROM contacts WHERE family_id = $1 AND contact_date >= $2`,
			familyID, f.PhaseStartedOn.ISO()).Scan(&f.MinutesPhase); err != nil {
			return nil, fmt.Errorf("store: refresh summary: %w", err)
		}
	}
	if f.RejectedStreak, err = tx.rejectedStreak(ctx, familyID); err != nil {
		return nil, err
	}
	var interim time.Time
	if err := tx.QueryRowContext(ctx, `SELECT MAX(ct.at) FROM checklist_ticks ct JOIN phase_transitions pt ON pt.id = ct.transition_id
		WHERE pt.family_id = $1 AND ct.item_key = $2 AND ct.done`, familyID, regie.ItemInterimEval).Scan(timeScan{&interim}); err != nil {
		return nil, fmt.Errorf("store: refresh summary: %w", err)
	}
	if !interim.IsZero() {
		f.InterimDoneOn = regie.DateOf(interim)
	}
	if f.PlanAgreedOn, err = tx.planAgreedOn(ctx, familyID, f.IntensiveStartedOn); err != nil {
		return nil, err
	}
	if err := tx.evaluationSummary(ctx, familyID, f); err != nil {
		return nil, err
	}
	var closed time.Time
	if err := tx.QueryRowContext(ctx, `SELECT closed_at FROM families WHERE id = $1`, familyID).Scan(timeScan{&closed}); err != nil {
		return nil, fmt.Errorf("store: refresh summary: %w", err)
	}
	if !closed.IsZero() {
		f.ClosedOn = regie.DateOf(closed)
	}
	if err := tx.checkupFacts(ctx, familyID, f); err != nil {
		return nil, err
	}
	return s, nil
}

// planAgreedOn returns the day the plan for the current intensive period
// was agreed: the first agreed version since the period started, or else
// the newest agreed version (a relapse keeps the plan in force until a new
// version is agreed).
func (tx *tx) planAgreedOn(ctx context.Context, familyID int64, since regie.Date) (regie.Date, error) {
	var first, newest regie.Date
	err := tx.QueryRowContext(ctx, `SELECT MIN(CASE WHEN agreed_on >= $2 THEN agreed_on END), MAX(agreed_on)
		FROM plan_versions WHERE family_id = $1 AND status = 'vastgesteld'`, familyID, date(since)).Scan(dateScan{&first}, dateScan{&newest})
	if err != nil {
		return regie.Date{}, fmt.Errorf("store: plan agreed: %w", err)
	}
	if first.IsZero() {
		return newest, nil
	}
	return first, nil
}

// withFamilySQL is regie.ContactKind.WithFamily as a condition on a
// contact's kind: a contact with the family, not a meeting about it.
const withFamilySQL = `kind NOT IN ('` + string(regie.ContactNetwork) + `', '` + string(regie.ContactTeam) + `')`

// rejectedStreak counts the newest contacts with the family in a row that
// did not reach it.
func (tx *tx) rejectedStreak(ctx context.Context, familyID int64) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT attempt FROM contacts WHERE family_id = $1 AND `+withFamilySQL+`
		ORDER BY contact_date DESC, start_time DESC, id DESC LIMIT 100`, familyID)
	if err != nil {
		return 0, fmt.Errorf("store: rejected streak: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return 0, err
		}
		if a == string(regie.AttemptReached) {
			break
		}
		n++
	}
	return n, rows.Err()
}
