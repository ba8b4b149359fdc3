package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"regie"
)

// Retention and destruction (Jeugdwet 7.3.8 and 7.3.9): the privacy
// officer's page, legal holds, the approval of destruction in batches, the
// requests to destroy, and the run that destroys what is due, approved and
// not held. See doc/design.md, "Bewaartermijnen en vernietiging".

// destroyStep removes a family's rows from one table: where selects them
// with $1 the family's id. The steps run in this order, children before
// the rows they reference.
type destroyStep struct{ Table, Where string }

const (
	inContacts    = "contact_id IN (SELECT id FROM contacts WHERE family_id = $1)"
	inVersions    = "version_id IN (SELECT id FROM plan_versions WHERE family_id = $1)"
	inEvaluations = "evaluation_id IN (SELECT id FROM evaluations WHERE family_id = $1)"
	inConsents    = "consent_id IN (SELECT id FROM consents WHERE family_id = $1)"
	inNetMeetings = "meeting_id IN (SELECT id FROM network_meetings WHERE family_id = $1)"
	inTracks      = "track_id IN (SELECT id FROM youth_tracks WHERE family_id = $1)"
	inCouncils    = "council_id IN (SELECT id FROM councils WHERE family_id = $1)"
	ofFamily      = "family_id = $1"
)

// destroySteps are the family's tables. A table added later that holds a
// family's or member's rows must be added here (or to keptTables, with the
// reason): TestRetention_EveryFamilyTableHandled reads the schema and fails
// until it is.
var destroySteps = []destroyStep{
	{"contact_members", inContacts},
	{"contact_versions", inContacts},
	{"contacts", ofFamily},
	{"contact_months", ofFamily},
	{"checklist_ticks", "transition_id IN (SELECT id FROM phase_transitions WHERE family_id = $1)"},
	{"phase_transitions", ofFamily},
	{"safety_concerns", ofFamily},
	{"intensive_extensions", ofFamily},
	{"family_summaries", ofFamily},
	{"meeting_decisions", ofFamily},
	{"agreement_progress", ofFamily},
	{"evaluation_members", inEvaluations},
	{"evaluation_goals", inEvaluations},
	{"evaluation_end_terms", inEvaluations},
	{"evaluations", ofFamily},
	{"moment_scores", "moment_id IN (SELECT id FROM score_moments WHERE family_id = $1)"},
	{"score_moments", ofFamily},
	{"council_agreements", inCouncils},
	{"council_notes", inCouncils},
	{"council_people", inCouncils},
	{"councils", ofFamily},
	{"plan_domains", inVersions},
	{"plan_member_scores", inVersions},
	{"plan_goals", inVersions},
	{"plan_agreements", inVersions},
	{"plan_versions", ofFamily},
	{"trajectories", ofFamily},
	{"consent_signers", inConsents},
	{"consent_parties", inConsents},
	{"consents", ofFamily},
	{"documents", ofFamily},
	{"handovers", ofFamily},
	{"commitment_checks", ofFamily},
	{"network_progress", inNetMeetings + " OR agreement_id IN (SELECT id FROM network_agreements WHERE family_id = $1)"},
	{"network_agreement_updates", ofFamily},
	{"network_attendees", inNetMeetings},
	{"network_agreements", ofFamily},
	{"network_meetings", ofFamily},
	{"family_closings", ofFamily},
	{"checkup_parties", "checkup_id IN (SELECT id FROM checkups WHERE family_id = $1)"},
	{"checkups", ofFamily},
	{"supervision_families", ofFamily},
	{"network_persons", ofFamily},
	{"genogram_relations", ofFamily},
	{"genogram_persons", ofFamily},
	{"sociogram_ties", ofFamily},
	{"sociogram_moments", ofFamily},
	{"balance_factors", ofFamily},
	{"balance_moments", ofFamily},
	{"balance_goal_lines", ofFamily},
	{"youth_evaluation_goals", "evaluation_id IN (SELECT e.id FROM youth_evaluations e JOIN youth_tracks t ON t.id = e.track_id WHERE t.family_id = $1)"},
	{"youth_evaluations", inTracks},
	{"youth_goals", inTracks},
	{"youth_agreements", inTracks},
	{"youth_scores", "moment_id IN (SELECT m.id FROM youth_score_moments m JOIN youth_tracks t ON t.id = m.track_id WHERE t.family_id = $1)"},
	{"youth_score_moments", inTracks},
	{"youth_tracks", ofFamily},
	{"youth_consent_orgs", "consent_id IN (SELECT id FROM youth_consents WHERE family_id = $1)"},
	{"youth_consents", ofFamily},
	{"stagnation_reports", ofFamily},
	// Break-glass accesses: the explanation may name the family; the
	// access log's rows, marked "noodtoegang", keep that they happened.
	{"emergency_access_seen", "access_id IN (SELECT id FROM emergency_accesses WHERE family_id = $1)"},
	{"emergency_accesses", ofFamily},
	// Requests to correct data go with the data they concern.
	{"rectifications", ofFamily},
	{"assignments", ofFamily},
	{"retention_holds", ofFamily},
	{"intake_decisions", ofFamily},
}

// referralSteps remove one of the family's referrals ($1 its id): the
// referral that became the family and those made for it again (a
// check-up's), with what the team decided about them.
var referralSteps = []destroyStep{
	{"intake_decisions", "referral_id = $1"},
	{"commitment_checks", "referral_id = $1"},
	{"checkups", "referral_id = $1"},
	{"meeting_decisions", "referral_id = $1"},
	{"referral_members", "referral_id = $1"},
	{"referral_signals", "referral_id = $1"},
	{"priority_events", "referral_id = $1"},
	{"referrals", "id = $1"},
}

// keptTables hold rows that name a family or member and are kept when
// its file is destroyed, each with the reason.
var keptTables = map[string]string{
	"audit":                 "het toegangslog (NEN 7513): eigen bewaartermijn, hash-keten; nooit met het dossier vernietigd",
	"destroyed_families":    "de grafsteen: nummer, sluitdatum, vernietigd op, goedkeuring, wettelijke grond; geen namen",
	"destruction_approvals": "de goedkeuring van de vernietiging: alleen dossiernummers",
	"destruction_requests":  "het verzoek tot vernietiging en de uitkomst (Jeugdwet 7.3.9): alleen nummers en data, de tekst wordt gewist",
}

// DestructionPlan lists, for the schema test, the tables destruction
// removes rows from and the tables it keeps with the reason.
func DestructionPlan() (removed []string, kept map[string]string) {
	seen := map[string]bool{}
	for _, st := range append(append(append([]destroyStep{}, destroySteps...), referralSteps...),
		destroyStep{Table: "members"}, destroyStep{Table: "families"}) {
		if !seen[st.Table] {
			seen[st.Table] = true
			removed = append(removed, st.Table)
		}
	}
	return removed, keptTables
}

// retentionCandidate is one family's facts for the retention rule.
type retentionCandidate struct {
	file      regie.RetentionFile
	facts     regie.RetentionFacts
	held      bool
	requested bool
}

// retentionCandidates reads, with their facts, the families that are
// due, become due within regie.RetentionSoonDays, are held or approved —
// or, for familyID not 0, that one family whatever its state.
func (tx *tx) retentionCandidates(ctx context.Context, familyID int64) ([]*retentionCandidate, error) {
	today := tx.today()
	// A superset by the closing day (the check-ups can only make the date
	// later); the rule decides in Go.
	cutoff := today.AddDays(regie.RetentionSoonDays + 2).AddMonths(-12 * regie.RetentionYears)
	where := `(f.closed_at IS NOT NULL AND f.closed_at < $1)
		OR EXISTS (SELECT 1 FROM retention_holds h WHERE h.family_id = f.id AND h.lifted_at IS NULL)
		OR EXISTS (SELECT 1 FROM destruction_approvals a WHERE a.family_id = f.id)`
	args := []any{ts(cutoff.Time())}
	if familyID != 0 {
		where, args = "f.id = $1", []any{familyID}
	}
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, t.name, f.closed_at,
		(SELECT max(c.held_on) FROM checkups c WHERE c.family_id = f.id),
		(SELECT max(a.batch_id) FROM destruction_approvals a WHERE a.family_id = f.id),
		CASE WHEN EXISTS (SELECT 1 FROM destruction_requests r WHERE r.family_id = f.id AND r.outcome = 'toegewezen') THEN 1 ELSE 0 END
		FROM families f JOIN teams t ON t.id = f.team_id
		WHERE `+where+` ORDER BY f.closed_at, f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: retention candidates: %w", err)
	}
	defer rows.Close()
	var out []*retentionCandidate
	byID := map[int64]*retentionCandidate{}
	for rows.Next() {
		c := &retentionCandidate{}
		var closedAt time.Time
		var batch int64
		var requested int
		if err := rows.Scan(&c.file.FamilyID, &c.file.HouseholdName, &c.file.TeamName, timeScan{&closedAt},
			dateScan{&c.facts.LastCheckupOn}, idScan{&batch}, &requested); err != nil {
			return nil, err
		}
		if !closedAt.IsZero() {
			c.facts.ClosedOn = regie.DateOf(closedAt)
		}
		c.file.ClosedOn, c.file.ApprovedBatch, c.requested = c.facts.ClosedOn, batch, requested == 1
		out = append(out, c)
		byID[c.file.FamilyID] = c
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hrows, err := tx.QueryContext(ctx, `SELECT h.id, h.family_id, h.reason, u.name, h.placed_at
		FROM retention_holds h JOIN users u ON u.id = h.placed_by WHERE h.lifted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: retention holds: %w", err)
	}
	defer hrows.Close()
	for hrows.Next() {
		h := &regie.RetentionHold{}
		if err := hrows.Scan(&h.ID, &h.FamilyID, &h.Reason, &h.PlacedBy, timeScan{&h.PlacedAt}); err != nil {
			return nil, err
		}
		if c := byID[h.FamilyID]; c != nil {
			c.file.Hold, c.held = h, true
		}
	}
	if err := hrows.Err(); err != nil {
		return nil, err
	}
	for _, c := range out {
		due, ok := regie.RetentionDate(regie.RetainFamilyFile, c.facts)
		c.file.RetainUntil = due
		c.file.State = regie.StateOn(due, ok, c.held, today)
	}
	return out, nil
}

// FindRetention implements regie.RetentionService.
func (s *Store) FindRetention(ctx context.Context) (*regie.Retention, error) {
	out := &regie.Retention{}
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegRetention, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		out.Today = tx.today()
		cands, err := tx.retentionCandidates(ctx, 0)
		if err != nil {
			return err
		}
		var subjects []auditSubject
		for _, c := range cands {
			f := c.file
			switch {
			case f.State == regie.RetentionHeld:
				out.Held = append(out.Held, &f)
			case f.ApprovedBatch != 0:
				out.Approved = append(out.Approved, &f)
			case f.State == regie.RetentionDue:
				out.Due = append(out.Due, &f)
			case f.State == regie.RetentionSoon:
				out.Soon = append(out.Soon, &f)
			default:
				continue
			}
			subjects = append(subjects, auditSubject{FamilyID: f.FamilyID})
		}
		if out.Requests, err = tx.destructionRequests(ctx, 0); err != nil {
			return err
		}
		if out.Batches, err = tx.destructionBatches(ctx); err != nil {
			return err
		}
		if out.Runs, err = tx.destructionRuns(ctx); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM destroyed_families`).Scan(&out.Tombstone); err != nil {
			return fmt.Errorf("store: count destroyed: %w", err)
		}
		for _, r := range out.Requests {
			if r.Outcome == regie.RequestOpen && r.HouseholdName != "" {
				subjects = append(subjects, auditSubject{FamilyID: r.FamilyID})
			}
		}
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegRetention,
			Basis: dec.Basis, Detail: fmt.Sprintf("bewaartermijnen: %d dossiers", len(subjects))}, subjects)
	})
	return out, err
}

// destructionRequests reads the requests (id 0: the open ones and the 50
// newest decided), with the names while the file exists.
func (tx *tx) destructionRequests(ctx context.Context, id int64) ([]*regie.DestructionRequest, error) {
	where, args := "r.outcome = '' OR r.id IN (SELECT id FROM destruction_requests WHERE outcome <> '' ORDER BY id DESC LIMIT 50)", []any{}
	if id != 0 {
		where, args = "r.id = $1", []any{id}
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.id, r.family_id, COALESCE(f.household_name, ''), r.member_id,
		COALESCE(m.given_name, ''), COALESCE(m.family_name, ''), r.received_on, r.what, r.outcome, r.exception, r.reason,
		COALESCE(u.name, ''), r.decided_at, COALESCE(r.batch_id, 0),
		CASE WHEN f.id IS NOT NULL AND f.closed_at IS NULL THEN 1 ELSE 0 END,
		CASE WHEN d.family_id IS NULL THEN 0 ELSE 1 END
		FROM destruction_requests r
		LEFT JOIN families f ON f.id = r.family_id
		LEFT JOIN members m ON m.id = r.member_id
		LEFT JOIN users u ON u.id = r.decided_by
		LEFT JOIN destroyed_families d ON d.family_id = r.family_id
		WHERE `+where+` ORDER BY r.received_on, r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: destruction requests: %w", err)
	}
	defer rows.Close()
	var out []*regie.DestructionRequest
	today := tx.today()
	for rows.Next() {
		r := &regie.DestructionRequest{}
		var given, family, outcome, exception string
		var open, destroyed int
		if err := rows.Scan(&r.ID, &r.FamilyID, &r.HouseholdName, &r.MemberID, &given, &family, dateScan{&r.ReceivedOn}, &r.What,
			&outcome, &exception, &r.Reason, &r.DecidedBy, timeScan{&r.DecidedAt}, &r.BatchID, &open, &destroyed); err != nil {
			return nil, err
		}
		r.MemberName = strings.TrimSpace(given + " " + family)
		r.Outcome, r.Exception = regie.RequestOutcome(outcome), regie.RequestException(exception)
		r.FileOpen, r.Destroyed = open == 1, destroyed == 1
		r.Deadline = regie.RequestDeadline(r.ReceivedOn)
		if r.Outcome == regie.RequestOpen {
			r.Signal = regie.RequestSignal(r.ReceivedOn, today)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// destructionBatches reads the 20 newest batches.
func (tx *tx) destructionBatches(ctx context.Context) ([]*regie.DestructionBatch, error) {
	rows, err := tx.QueryContext(ctx, `SELECT b.id, u.name, b.approved_at, a.family_id,
		CASE WHEN d.family_id IS NULL THEN 0 ELSE 1 END
		FROM destruction_batches b JOIN users u ON u.id = b.approved_by
		JOIN destruction_approvals a ON a.batch_id = b.id
		LEFT JOIN destroyed_families d ON d.family_id = a.family_id
		WHERE b.id IN (SELECT id FROM destruction_batches ORDER BY id DESC LIMIT 20)
		ORDER BY b.id DESC, a.family_id`)
	if err != nil {
		return nil, fmt.Errorf("store: destruction batches: %w", err)
	}
	defer rows.Close()
	var out []*regie.DestructionBatch
	for rows.Next() {
		b := &regie.DestructionBatch{}
		var fam int64
		var destroyed int
		if err := rows.Scan(&b.ID, &b.ApprovedBy, timeScan{&b.ApprovedAt}, &fam, &destroyed); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].ID == b.ID {
			b = out[n-1]
		} else {
			out = append(out, b)
		}
		b.Families = append(b.Families, fam)
		b.Destroyed += destroyed
	}
	return out, rows.Err()
}

// destructionRuns reads the 10 newest runs with their reports.
func (tx *tx) destructionRuns(ctx context.Context) ([]*regie.DestructionRun, error) {
	rows, err := tx.QueryContext(ctx, `SELECT r.id, r.ran_at, r.ran_by, r.counts FROM destruction_runs r ORDER BY r.id DESC LIMIT 10`)
	if err != nil {
		return nil, fmt.Errorf("store: destruction runs: %w", err)
	}
	defer rows.Close()
	var out []*regie.DestructionRun
	for rows.Next() {
		r := &regie.DestructionRun{}
		var counts string
		if err := rows.Scan(&r.ID, timeScan{&r.At}, &r.By, &counts); err != nil {
			return nil, err
		}
		if r.Counts, err = parseCounts(counts); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range out {
		var err error
		if r.Families, err = tx.queryIDs(ctx, `SELECT family_id FROM destroyed_families WHERE run_id = $1 ORDER BY family_id`, r.ID); err != nil {
			return nil, fmt.Errorf("store: destruction run families: %w", err)
		}
	}
	return out, nil
}

func parseCounts(s string) ([]regie.TableCount, error) {
	m := map[string]int64{}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("store: destruction run counts: %w", err)
	}
	var out []regie.TableCount
	for t, n := range m {
		out = append(out, regie.TableCount{Table: t, Rows: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Table < out[j].Table })
	return out, nil
}

// familyExists reports whether the family's file exists (not destroyed).
func (tx *tx) familyExists(ctx context.Context, familyID int64) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM families WHERE id = $1`, familyID).Scan(&n); err != nil {
		return false, fmt.Errorf("store: family exists: %w", err)
	}
	return n == 1, nil
}

// PlaceHold implements regie.RetentionService.
func (s *Store) PlaceHold(ctx context.Context, familyID int64, reason string) error {
	reason = regie.Clean(reason)
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegRetention, nil, familyID, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		var v regie.Validation
		if ok, err := tx.familyExists(ctx, familyID); err != nil {
			return err
		} else if !ok {
			v.Add("family", regie.MsgNotFound)
		}
		v.Required("hold_reason", reason)
		v.MaxLen("hold_reason", reason, 2000)
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM retention_holds WHERE family_id = $1 AND lifted_at IS NULL`, familyID).Scan(&n); err != nil {
			return fmt.Errorf("store: place hold: %w", err)
		}
		if n > 0 {
			v.Add("family", regie.MsgHoldExists)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO retention_holds (family_id, reason, placed_by, placed_at) VALUES ($1, $2, $3, $4)`,
			familyID, reason, tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: place hold: %w", err)
		}
		// The reason stays with the file, out of the log: free text may
		// name people, and the log outlives the file.
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegRetention,
			FamilyID: familyID, Basis: dec.Basis, Detail: "bewaarplicht verlengd"})
	})
}

// LiftHold implements regie.RetentionService.
func (s *Store) LiftHold(ctx context.Context, familyID int64, reason string) error {
	reason = regie.Clean(reason)
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegRetention, nil, familyID, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		var v regie.Validation
		v.Required("hold_reason", reason)
		v.MaxLen("hold_reason", reason, 2000)
		if err := v.Err(); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE retention_holds SET lifted_by = $1, lifted_at = $2, lift_reason = $3
			WHERE family_id = $4 AND lifted_at IS NULL`, tx.actor.UserID, ts(tx.now), reason, familyID)
		if err != nil {
			return fmt.Errorf("store: lift hold: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			v.Add("hold_reason", regie.MsgNoHold)
			return v.Err()
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegRetention,
			FamilyID: familyID, Basis: dec.Basis, Detail: "verlenging van de bewaarplicht opgeheven"})
	})
}

// ApproveDestruction implements regie.RetentionService.
func (s *Store) ApproveDestruction(ctx context.Context, familyIDs []int64) (*regie.DestructionBatch, error) {
	var batch *regie.DestructionBatch
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegRetention, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		var v regie.Validation
		if len(familyIDs) == 0 {
			v.Add("families", regie.MsgNoneSelected)
		}
		seen := map[int64]bool{}
		var ids []int64
		for _, id := range familyIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			cands, err := tx.retentionCandidates(ctx, id)
			if err != nil {
				return err
			}
			if len(cands) != 1 || cands[0].file.State != regie.RetentionDue || cands[0].file.ApprovedBatch != 0 {
				v.Add("families", regie.MsgNotDue, regie.DossierNumber(id))
				continue
			}
			ids = append(ids, id)
		}
		if err := v.Err(); err != nil {
			return err
		}
		batch, err = tx.approveBatch(ctx, ids)
		if err != nil {
			return err
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegRetention,
			Basis: dec.Basis, Detail: fmt.Sprintf("vernietiging goedgekeurd: goedkeuring %d, %d dossiers", batch.ID, len(ids))}); err != nil {
			return err
		}
		subjects := make([]auditSubject, len(ids))
		for i, id := range ids {
			subjects[i].FamilyID = id
		}
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegRetention,
			Basis: dec.Basis, Detail: fmt.Sprintf("vernietiging goedgekeurd (goedkeuring %d)", batch.ID)}, subjects)
	})
	return batch, err
}

// approveBatch records the actor's approval of the destruction of ids.
func (tx *tx) approveBatch(ctx context.Context, ids []int64) (*regie.DestructionBatch, error) {
	b := &regie.DestructionBatch{ApprovedBy: tx.actor.Name, ApprovedAt: tx.now, Families: ids}
	if err := tx.QueryRowContext(ctx, `INSERT INTO destruction_batches (approved_by, approved_at) VALUES ($1, $2) RETURNING id`,
		tx.actor.UserID, ts(tx.now)).Scan(&b.ID); err != nil {
		return nil, fmt.Errorf("store: approve destruction: %w", err)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO destruction_approvals (batch_id, family_id) VALUES ($1, $2)`, b.ID, id); err != nil {
			return nil, fmt.Errorf("store: approve destruction: %w", err)
		}
	}
	return b, nil
}

// RunRetention implements regie.RetentionService: it destroys every file
// that is closed, approved and not held, and either past its retention
// date or granted on request; each in the one transaction of the run,
// with its audit row. Nothing destroyed, nothing written.
func (s *Store) RunRetention(ctx context.Context) (*regie.DestructionRun, error) {
	run := &regie.DestructionRun{}
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionDestroy, regie.SegRetention, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		run.At, run.By = tx.now, tx.actor.Name
		approved, err := tx.queryIDs(ctx, `SELECT DISTINCT a.family_id FROM destruction_approvals a JOIN families f ON f.id = a.family_id ORDER BY a.family_id`)
		if err != nil {
			return fmt.Errorf("store: retention run: %w", err)
		}
		counts := map[string]int64{}
		today := tx.today()
		for _, id := range approved {
			cands, err := tx.retentionCandidates(ctx, id)
			if err != nil {
				return err
			}
			if len(cands) != 1 {
				continue
			}
			c := cands[0]
			if !regie.Destructible(c.facts, c.file.ApprovedBatch != 0, c.held, c.requested, today) {
				continue
			}
			if run.ID == 0 {
				if err := tx.QueryRowContext(ctx, `INSERT INTO destruction_runs (ran_at, ran_by, families, counts) VALUES ($1, $2, 0, '{}') RETURNING id`,
					ts(tx.now), tx.actor.Name).Scan(&run.ID); err != nil {
					return fmt.Errorf("store: retention run: %w", err)
				}
			}
			basis := regie.BasisRetention
			if due, _ := regie.RetentionDate(regie.RetainFamilyFile, c.facts); c.requested && today.Before(due) {
				basis = regie.BasisRequest
			}
			n, err := tx.destroyFamily(ctx, c, run.ID, basis, counts)
			if err != nil {
				return err
			}
			run.Families = append(run.Families, id)
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionDestroy, Outcome: regie.OutcomeOK, Segment: regie.SegRetention,
				FamilyID: id, Basis: dec.Basis, Detail: fmt.Sprintf("dossier vernietigd (%s), goedkeuring %d, ronde %d: %d rijen",
					basis.Label(), c.file.ApprovedBatch, run.ID, n)}); err != nil {
				return err
			}
		}
		if run.ID == 0 {
			return nil
		}
		b, err := json.Marshal(counts)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE destruction_runs SET families = $1, counts = $2 WHERE id = $3`, len(run.Families), string(b), run.ID); err != nil {
			return fmt.Errorf("store: retention run: %w", err)
		}
		run.Counts, err = parseCounts(string(b))
		return err
	})
	return run, err
}

// destroyFamily removes the family's content from every table, leaving
// the tombstone; counts gains the rows removed per table. It returns the
// number of rows removed.
func (tx *tx) destroyFamily(ctx context.Context, c *retentionCandidate, runID int64, basis regie.LegalBasis, counts map[string]int64) (int64, error) {
	id := c.file.FamilyID
	// The tombstone first: it lets the frozen plan's triggers pass.
	if _, err := tx.ExecContext(ctx, `INSERT INTO destroyed_families (family_id, closed_on, destroyed_at, batch_id, run_id, legal_basis)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, date(c.facts.ClosedOn), ts(tx.now), c.file.ApprovedBatch, runID, string(basis)); err != nil {
		return 0, fmt.Errorf("store: destroy family: tombstone: %w", err)
	}
	referrals, err := tx.queryIDs(ctx, `SELECT id FROM referrals WHERE family_id = $1
		UNION SELECT referral_id FROM intake_decisions WHERE family_id = $1
		UNION SELECT referral_id FROM checkups WHERE family_id = $1 AND referral_id IS NOT NULL
		UNION SELECT referral_id FROM commitment_checks WHERE family_id = $1 AND referral_id IS NOT NULL`, id)
	if err != nil {
		return 0, fmt.Errorf("store: destroy family: referrals: %w", err)
	}
	// The ids the access log names are never given again (SQLite).
	floor := func(table, q string, args ...any) error {
		var top sql.NullInt64
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&top); err != nil {
			return fmt.Errorf("store: destroy family: id floor: %w", err)
		}
		if !top.Valid {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO id_floors (tbl, id) VALUES ($1, $2)
			ON CONFLICT (tbl) DO UPDATE SET id = CASE WHEN excluded.id > id_floors.id THEN excluded.id ELSE id_floors.id END`, table, top.Int64)
		if err != nil {
			return fmt.Errorf("store: destroy family: id floor: %w", err)
		}
		return nil
	}
	if err := floor("families", `SELECT CAST($1 AS bigint)`, id); err != nil {
		return 0, err
	}
	if err := floor("members", `SELECT max(id) FROM members WHERE family_id = $1`, id); err != nil {
		return 0, err
	}
	var total int64
	del := func(st destroyStep, arg int64) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+st.Table+` WHERE `+st.Where, arg)
		if err != nil {
			return fmt.Errorf("store: destroy family: %s: %w", st.Table, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n > 0 {
			counts[st.Table] += n
			total += n
		}
		return nil
	}
	for _, st := range destroySteps {
		if err := del(st, id); err != nil {
			return 0, err
		}
	}
	for _, r := range referrals {
		if err := floor("referrals", `SELECT CAST($1 AS bigint)`, r); err != nil {
			return 0, err
		}
		for _, st := range referralSteps {
			if err := del(st, r); err != nil {
				return 0, err
			}
		}
	}
	if err := del(destroyStep{"members", ofFamily}, id); err != nil {
		return 0, err
	}
	if err := del(destroyStep{"families", "id = $1"}, id); err != nil {
		return 0, err
	}
	// The request's record stays, without what it said.
	if _, err := tx.ExecContext(ctx, `UPDATE destruction_requests SET what = '', reason = '' WHERE family_id = $1`, id); err != nil {
		return 0, fmt.Errorf("store: destroy family: requests: %w", err)
	}
	return total, nil
}

// RecordDestructionRequest implements regie.RetentionService.
func (s *Store) RecordDestructionRequest(ctx context.Context, in regie.DestructionRequestInput) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegDestructionRequest, nil, in.FamilyID, in.MemberID, regie.Forbidden())
		if err != nil {
			return err
		}
		if ok, err := tx.familyExists(ctx, in.FamilyID); err != nil {
			return err
		} else if !ok {
			return regie.NotFound()
		}
		if err := in.Validate(tx.today()); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM members WHERE id = $1 AND family_id = $2`, in.MemberID, in.FamilyID).Scan(&n); err != nil {
			return fmt.Errorf("store: record destruction request: %w", err)
		}
		if n == 0 {
			var v regie.Validation
			v.Add("member_id", regie.MsgChoiceInvalid)
			return v.Err()
		}
		received := regie.MustParseDate(in.ReceivedOn)
		if err := tx.QueryRowContext(ctx, `INSERT INTO destruction_requests (family_id, member_id, received_on, what, recorded_by, recorded_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, in.FamilyID, in.MemberID, received.ISO(), in.What, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: record destruction request: %w", err)
		}
		tx.result = id
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegDestructionRequest,
			FamilyID: in.FamilyID, MemberID: in.MemberID, Basis: dec.Basis,
			Detail: fmt.Sprintf("verzoek tot vernietiging %d vastgelegd, ontvangen %s", id, received.Dutch())})
	})
	if first, ok := replayedResult(ctx); ok && err == nil {
		return first, nil // recorded by an earlier submit of this form
	}
	return id, err
}

// FindDestructionRequest returns one request.
func (s *Store) FindDestructionRequest(ctx context.Context, id int64) (*regie.DestructionRequest, error) {
	var out *regie.DestructionRequest
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegDestructionRequest, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		list, err := tx.destructionRequests(ctx, id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return regie.NotFound()
		}
		out = list[0]
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegDestructionRequest,
			FamilyID: out.FamilyID, MemberID: out.MemberID, Basis: dec.Basis, Detail: fmt.Sprintf("verzoek tot vernietiging %d", id)})
	})
	return out, err
}

// DecideDestructionRequest implements regie.RetentionService. A granted
// request approves the file's destruction at once (a batch of its own,
// approved by the privacy officer who decided): the next run destroys it
// once the file is closed and not held — the same path, tombstone and
// report as every destruction.
func (s *Store) DecideDestructionRequest(ctx context.Context, id int64, d regie.RequestDecision) error {
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegDestructionRequest, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		list, err := tx.destructionRequests(ctx, id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return regie.NotFound()
		}
		r := list[0]
		if err := d.Validate(); err != nil {
			return err
		}
		if r.Outcome != regie.RequestOpen {
			var v regie.Validation
			v.Add("outcome", regie.MsgRequestDecided)
			return v.Err()
		}
		var batchID int64
		if d.Outcome == regie.RequestGranted && !r.Destroyed {
			b, err := tx.approveBatch(ctx, []int64{r.FamilyID})
			if err != nil {
				return err
			}
			batchID = b.ID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE destruction_requests SET outcome = $1, exception = $2, reason = $3, decided_by = $4, decided_at = $5, batch_id = $6
			WHERE id = $7 AND outcome = ''`, string(d.Outcome), string(d.Exception), d.Reason, tx.actor.UserID, ts(tx.now), nullID(batchID), id); err != nil {
			return fmt.Errorf("store: decide destruction request: %w", err)
		}
		detail := fmt.Sprintf("verzoek tot vernietiging %d toegewezen: vernietiging goedgekeurd (goedkeuring %d)", id, batchID)
		if d.Outcome == regie.RequestRefused {
			detail = fmt.Sprintf("verzoek tot vernietiging %d geweigerd: %s", id, d.Exception.Label())
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegDestructionRequest,
			FamilyID: r.FamilyID, MemberID: r.MemberID, Basis: dec.Basis, Detail: detail})
	})
}

// FindRequestMembers implements regie.RetentionService.
func (s *Store) FindRequestMembers(ctx context.Context, familyID int64) (string, []*regie.Member, error) {
	var name string
	var members []*regie.Member
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegDestructionRequest, nil, familyID, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT household_name FROM families WHERE id = $1`, familyID).Scan(&name); errors.Is(err, sql.ErrNoRows) {
			return regie.NotFound()
		} else if err != nil {
			return fmt.Errorf("store: request members: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, given_name, family_name, relation FROM members WHERE family_id = $1 ORDER BY birth_date, id`, familyID)
		if err != nil {
			return fmt.Errorf("store: request members: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m := &regie.Member{FamilyID: familyID}
			var rel string
			if err := rows.Scan(&m.ID, &m.GivenName, &m.FamilyName, &rel); err != nil {
				return err
			}
			m.Relation = regie.Relation(rel)
			members = append(members, m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegDestructionRequest,
			FamilyID: familyID, Basis: dec.Basis, Detail: "gezinsleden voor een verzoek tot vernietiging"})
	})
	return name, members, err
}

// RetentionSignals implements regie.RetentionService.
func (s *Store) RetentionSignals(ctx context.Context) (*regie.RetentionSignals, error) {
	out := &regie.RetentionSignals{}
	err := s.write(ctx, func(tx *tx) error {
		if _, err := tx.decide(ctx, regie.ActionRead, regie.SegRetention, nil, 0, 0, regie.Forbidden()); err != nil {
			return err
		}
		cands, err := tx.retentionCandidates(ctx, 0)
		if err != nil {
			return err
		}
		for _, c := range cands {
			if c.file.State == regie.RetentionDue && c.file.ApprovedBatch == 0 {
				out.Due++
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT received_on FROM destruction_requests WHERE outcome = ''`)
		if err != nil {
			return fmt.Errorf("store: retention signals: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d regie.Date
			if err := rows.Scan(dateScan{&d}); err != nil {
				return err
			}
			switch regie.RequestSignal(d, tx.today()) {
			case "binnenkort":
				out.RequestsSoon++
			case "te_laat":
				out.RequestsLate++
			}
		}
		return rows.Err()
	})
	return out, err
}

var _ regie.RetentionService = (*Store)(nil)
