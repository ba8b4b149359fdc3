package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"regie"
)

// phaseConfigKey is the settings key of the administrator's changes to the
// phases (labels, items switched off, items added, exit criteria).
const phaseConfigKey = "phases"

// phaseConfig returns the phases: the defaults of package regie with the
// stored changes.
func (tx *tx) phaseConfig(ctx context.Context) (regie.PhaseConfig, error) {
	cfg := regie.PhaseConfig(regie.DefaultPhases())
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, phaseConfigKey).Scan(&raw)
	if isNoRows(err) {
		return cfg, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: phase config: %w", err)
	}
	var stored []regie.PhaseDef
	if err := json.Unmarshal([]byte(raw), &stored); err != nil {
		return nil, fmt.Errorf("store: phase config: %w", err)
	}
	for i := range cfg {
		for _, st := range stored {
			if st.Phase == cfg[i].Phase {
				cfg[i] = mergePhase(cfg[i], st)
			}
		}
	}
	return cfg, nil
}

// mergePhase applies stored changes to a default phase: default items keep
// their place (a stored label or switch overrides), added items follow.
func mergePhase(def, st regie.PhaseDef) regie.PhaseDef {
	out := def
	out.Checklist = nil
	for _, it := range def.Checklist {
		for _, s := range st.Checklist {
			if s.Key == it.Key {
				if s.Label != "" {
					it.Label = s.Label
				}
				it.Active = s.Active
			}
		}
		out.Checklist = append(out.Checklist, it)
	}
	for _, s := range st.Checklist {
		if !slices.ContainsFunc(def.Checklist, func(it regie.ChecklistItem) bool { return it.Key == s.Key }) {
			out.Checklist = append(out.Checklist, s)
		}
	}
	if len(st.ExitCriteria) > 0 {
		out.ExitCriteria = st.ExitCriteria
	}
	return out
}

// FindPhaseConfig implements regie.PhaseService.
func (s *Store) FindPhaseConfig(ctx context.Context) (regie.PhaseConfig, error) {
	var cfg regie.PhaseConfig
	err := s.read(ctx, func(tx *tx) error {
		var err error
		cfg, err = tx.phaseConfig(ctx)
		return err
	})
	return cfg, err
}

// SavePhaseConfig implements regie.PhaseService.
func (s *Store) SavePhaseConfig(ctx context.Context, cfg regie.PhaseConfig) error {
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegSettings, nil, 0, 0, forbidden())
		if err != nil {
			return err
		}
		var v regie.Validation
		for _, d := range cfg {
			for i, it := range d.Checklist {
				it.Label = regie.Clean(it.Label)
				if it.Label == "" {
					v.Add(fmt.Sprintf("phase-%d-item-%d", d.Phase, i), regie.MsgRequired)
				}
				v.MaxLen(fmt.Sprintf("phase-%d-item-%d", d.Phase, i), it.Label, 200)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		b, err := json.Marshal(cfg)
		if err != nil {
			return err
		}
		if err := tx.saveSetting(ctx, phaseConfigKey, string(b)); err != nil {
			return fmt.Errorf("store: save phase config: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegSettings,
			Basis: dec.Basis, Detail: "fasen en checklists gewijzigd"})
	})
}

func (tx *tx) phaseHistory(ctx context.Context, familyID int64) ([]*regie.PhaseTransition, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.family_id, p.phase, p.started_on, p.reason, p.created_by, p.created_at, u.name
		FROM phase_transitions p JOIN users u ON u.id = p.created_by WHERE p.family_id = $1 ORDER BY p.started_on, p.id`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: phase history: %w", err)
	}
	defer rows.Close()
	var hs []*regie.PhaseTransition
	for rows.Next() {
		p := &regie.PhaseTransition{}
		if err := rows.Scan(&p.ID, &p.FamilyID, &p.Phase, dateScan{&p.StartedOn}, &p.Reason, &p.CreatedBy, timeScan{&p.CreatedAt},
			&p.CreatedByName); err != nil {
			return nil, err
		}
		hs = append(hs, p)
	}
	return hs, rows.Err()
}

// phaseStatus loads the family's phase, checklist and history.
func (tx *tx) phaseStatus(ctx context.Context, familyID int64) (*regie.PhaseStatus, error) {
	st := &regie.PhaseStatus{}
	var err error
	if st.History, err = tx.phaseHistory(ctx, familyID); err != nil {
		return nil, err
	}
	if len(st.History) == 0 {
		return st, nil
	}
	st.Current = st.History[len(st.History)-1]
	cfg, err := tx.phaseConfig(ctx)
	if err != nil {
		return nil, err
	}
	st.Def = cfg.Def(st.Current.Phase)
	rows, err := tx.QueryContext(ctx, `SELECT c.item_key, c.done, c.note, c.at, u.name FROM checklist_ticks c JOIN users u ON u.id = c.by_user
		WHERE c.transition_id = $1 ORDER BY c.id`, st.Current.ID)
	if err != nil {
		return nil, fmt.Errorf("store: checklist: %w", err)
	}
	latest := map[string]regie.Tick{}
	for rows.Next() {
		var t regie.Tick
		if err := rows.Scan(&t.Key, &t.Done, &t.Note, timeScan{&t.DoneAt}, &t.DoneBy); err != nil {
			rows.Close()
			return nil, err
		}
		latest[t.Key] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, it := range st.Def.Checklist {
		t, ticked := latest[it.Key]
		if !it.Active && (!ticked || !t.Done) {
			continue
		}
		t.Key, t.Label, t.Inactive = it.Key, it.Label, !it.Active
		if auto, ok := autoItems[it.Key]; ok {
			t = regie.Tick{Key: it.Key, Label: it.Label, Inactive: !it.Active, Auto: true}
			if err := tx.autoTick(ctx, familyID, auto, &t); err != nil {
				return nil, err
			}
		}
		if !t.Done {
			t.DoneBy, t.DoneAt = "", time.Time{}
		}
		st.Ticks = append(st.Ticks, t)
	}
	ext := &regie.Extension{}
	err = tx.QueryRowContext(ctx, `SELECT e.id, e.family_id, e.reason, e.agency_org_id, COALESCE(o.name, ''), e.since, u.name, e.created_at
		FROM intensive_extensions e JOIN users u ON u.id = e.created_by LEFT JOIN organisations o ON o.id = e.agency_org_id
		WHERE e.family_id = $1 AND e.ended_on IS NULL ORDER BY e.id DESC LIMIT 1`, familyID).
		Scan(&ext.ID, &ext.FamilyID, &ext.Reason, idScan{&ext.AgencyID}, &ext.AgencyName, dateScan{&ext.Since}, &ext.CreatedBy, timeScan{&ext.CreatedAt})
	if err == nil {
		st.Extension = ext
	} else if !isNoRows(err) {
		return nil, fmt.Errorf("store: extension: %w", err)
	}
	return st, nil
}

// autoItems are the checklist items regie ticks itself, with the query
// that finds when and by whom they were satisfied: an agreed plan, a
// consent that was signed and not withdrawn, a recorded interim or final
// evaluation.
var autoItems = map[string]string{
	regie.ItemPlan: `SELECT v.agreed_on, u.name FROM plan_versions v JOIN users u ON u.id = v.agreed_by
		WHERE v.family_id = $1 AND v.status = 'vastgesteld' ORDER BY v.number LIMIT 1`,
	regie.ItemConsent: `SELECT c.signed_on, u.name FROM consents c JOIN users u ON u.id = c.created_by
		WHERE c.family_id = $1 AND c.withdrawn_on IS NULL ORDER BY c.signed_on, c.id LIMIT 1`,
	regie.ItemInterimEval: `SELECT e.on_date, u.name FROM evaluations e JOIN users u ON u.id = e.created_by
		WHERE e.family_id = $1 AND e.kind = 'tussen' ORDER BY e.on_date, e.id LIMIT 1`,
	regie.ItemFinalEval: `SELECT e.on_date, u.name FROM evaluations e JOIN users u ON u.id = e.created_by
		WHERE e.family_id = $1 AND e.kind = 'eind' ORDER BY e.on_date DESC, e.id DESC LIMIT 1`,
}

func (tx *tx) autoTick(ctx context.Context, familyID int64, query string, t *regie.Tick) error {
	var on regie.Date
	err := tx.QueryRowContext(ctx, query, familyID).Scan(dateScan{&on}, &t.DoneBy)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: checklist %s: %w", t.Key, err)
	}
	t.Done, t.DoneAt = true, on.Time()
	return nil
}

// FindPhaseStatus implements regie.PhaseService.
func (s *Store) FindPhaseStatus(ctx context.Context, familyID int64) (*regie.PhaseStatus, error) {
	var st *regie.PhaseStatus
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegPhase, familyID, 0)
		if err != nil {
			return err
		}
		if st, err = tx.phaseStatus(ctx, familyID); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegPhase,
			FamilyID: familyID, Basis: dec.Basis, Detail: "fase en checklist"})
	})
	return st, err
}

// TickItem implements regie.PhaseService.
func (s *Store) TickItem(ctx context.Context, familyID int64, key string, done bool, note string) error {
	note = regie.Clean(note)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPhase, familyID, 0)
		if err != nil {
			return err
		}
		st, err := tx.phaseStatus(ctx, familyID)
		if err != nil {
			return err
		}
		if st.Current == nil {
			return addField(nil, "item", regie.MsgNoPhase)
		}
		if !slices.ContainsFunc(st.Def.Items(), func(it regie.ChecklistItem) bool { return it.Key == key }) {
			return addField(nil, "item", regie.MsgItemUnknown)
		}
		if _, ok := autoItems[key]; ok {
			return addField(nil, "item", regie.MsgItemAuto)
		}
		if err := tx.tick(ctx, st.Current.ID, key, done, note); err != nil {
			return err
		}
		if key == regie.ItemInterimEval {
			if err := tx.refreshSummary(ctx, familyID); err != nil {
				return err
			}
		}
		verb := "afgevinkt"
		if !done {
			verb = "niet meer afgevinkt"
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPhase,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("fase %d: %s %s", st.Current.Phase, key, verb)})
	})
}

func (tx *tx) tick(ctx context.Context, transitionID int64, key string, done bool, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO checklist_ticks (transition_id, item_key, done, note, by_user, at) VALUES ($1, $2, $3, $4, $5, $6)`,
		transitionID, key, done, note, tx.actor.UserID, ts(tx.now))
	if err != nil {
		return fmt.Errorf("store: tick: %w", err)
	}
	return nil
}

// MovePhase implements regie.PhaseService.
func (s *Store) MovePhase(ctx context.Context, familyID int64, m regie.PhaseMove) error {
	m.Reason = regie.Clean(m.Reason)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPhase, familyID, 0)
		if err != nil {
			return err
		}
		st, err := tx.phaseStatus(ctx, familyID)
		if err != nil {
			return err
		}
		if _, err := tx.movePhase(ctx, familyID, st, m); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPhase,
			FamilyID: familyID, Basis: dec.Basis, Detail: moveDetail(m)})
	})
}

func moveDetail(m regie.PhaseMove) string {
	detail := fmt.Sprintf("naar fase %d (%s)", m.To, m.To.Label())
	if m.Reason != "" {
		detail += ": " + m.Reason
	}
	return truncate(detail, 500)
}

// movePhase validates and records a move, and returns the new transition's
// id. Forward one phase at a time; from phase 5 back into the intensive
// phase (a relapse: a short intervention) with a reason.
func (tx *tx) movePhase(ctx context.Context, familyID int64, st *regie.PhaseStatus, m regie.PhaseMove) (int64, error) {
	// The move renumbers the phase of later contacts: no contact may be
	// saved for the family in between (see lockSummary).
	if _, err := tx.lockSummary(ctx, familyID); err != nil {
		return 0, err
	}
	var v regie.Validation
	if st.Current == nil {
		return 0, addField(nil, "to", regie.MsgNoPhase)
	}
	relapse := st.Current.Phase == regie.PhaseCoordination && m.To.Intensive()
	if !relapse && (m.To != st.Current.Phase+1 || m.To > regie.PhaseCoordination) {
		v.Add("to", regie.MsgPhaseMoveInvalid)
	}
	if relapse && m.Reason == "" {
		v.Add("reason", regie.MsgRequired)
	}
	if !relapse && !st.Complete() && m.Reason == "" {
		v.Add("reason", regie.MsgReasonForMove)
	}
	on := tx.today()
	if strings.TrimSpace(m.On) != "" {
		on = v.PastDate("on", m.On, tx.today(), true)
		if !on.IsZero() && on.Before(st.Current.StartedOn) {
			v.Add("on", regie.MsgPhaseBeforeCurrent)
		}
	}
	v.MaxLen("reason", m.Reason, 2000)
	if err := v.Err(); err != nil {
		return 0, err
	}
	reason := m.Reason
	if relapse {
		reason = regie.RelapsePrefix + reason
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO phase_transitions (family_id, phase, started_on, reason, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, familyID, int(m.To), on.ISO(), reason, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: move phase: %w", err)
	}
	// Contacts from the new phase's first day on count for the new phase.
	if _, err := tx.ExecContext(ctx, `UPDATE contacts SET phase = $1 WHERE family_id = $2 AND contact_date >= $3`, int(m.To), familyID, on.ISO()); err != nil {
		return 0, fmt.Errorf("store: move phase: %w", err)
	}
	if err := tx.refreshContactMonths(ctx, familyID); err != nil {
		return 0, err
	}
	return id, tx.refreshSummary(ctx, familyID)
}

// startPhase1 puts a family in phase 1 on a day: at intake.
func (tx *tx) startPhase1(ctx context.Context, familyID int64, on regie.Date, reason string, referral bool) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO phase_transitions (family_id, phase, started_on, reason, created_by, created_at)
		VALUES ($1, 1, $2, $3, $4, $5) RETURNING id`, familyID, on.ISO(), reason, tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
		return fmt.Errorf("store: start phase 1: %w", err)
	}
	if referral {
		if err := tx.tick(ctx, id, regie.ItemReferral, true, "aanmelding geaccepteerd"); err != nil {
			return err
		}
	}
	return tx.refreshSummary(ctx, familyID)
}

// SetExtension implements regie.PhaseService.
func (s *Store) SetExtension(ctx context.Context, familyID int64, reason string, agencyID int64) error {
	reason = regie.Clean(reason)
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegPhase, familyID, 0)
		if err != nil {
			return err
		}
		var v regie.Validation
		v.MaxLen("reason", reason, 2000)
		if agencyID != 0 {
			if ok, err := tx.exists(ctx, `SELECT count(*) FROM organisations WHERE id = $1`, agencyID); err != nil {
				return err
			} else if !ok {
				v.Add("agency", regie.MsgChoiceInvalid)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE intensive_extensions SET ended_on = $1 WHERE family_id = $2 AND ended_on IS NULL`,
			tx.today().ISO(), familyID); err != nil {
			return fmt.Errorf("store: extension: %w", err)
		}
		detail := "reden voor langere intensieve fase beëindigd"
		if reason != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO intensive_extensions (family_id, reason, agency_org_id, since, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6)`, familyID, reason, nullID(agencyID), tx.today().ISO(), tx.actor.UserID, ts(tx.now)); err != nil {
				return fmt.Errorf("store: extension: %w", err)
			}
			detail = "reden voor langere intensieve fase vastgelegd"
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegPhase,
			FamilyID: familyID, Basis: dec.Basis, Detail: detail})
	})
}
