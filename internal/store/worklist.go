package store

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/policy"
)

// worklistSource loads some of a worker's families for the werkbak, with
// their facts; the werkbak adds their agreements and phase items.
type worklistSource func(ctx context.Context, userID int64) ([]*regie.FamilyWork, error)

// worklistSources are where the werkbak's families come from: the
// worker's current assignments, the closed files whose last coordinator
// the worker was and whose check-ups are not all done, and the youth
// worker's running tracks.
func (tx *tx) worklistSources() []worklistSource {
	return []worklistSource{tx.assignedWork, tx.checkupWork, tx.youthWork}
}

// checkupWork is the werkbak's source of the closed files whose check-ups
// the worker holds as their last coordinator (checkupFamilies).
func (tx *tx) checkupWork(ctx context.Context, userID int64) ([]*regie.FamilyWork, error) {
	closed, err := tx.checkupFamilies(ctx, userID)
	if err != nil {
		return nil, err
	}
	list := make([]*regie.FamilyWork, 0, len(closed))
	for _, fs := range closed {
		list = append(list, &regie.FamilyWork{FamilyID: fs.ID, FamilyName: fs.HouseholdName, Facts: fs.Facts, Journey: true})
	}
	return list, nil
}

// FindWorklist implements regie.WorklistService: the actor's werkbak. It
// reads the summaries of the actor's families (a few dozen), their open
// agreements due by the end of the week and the open items of their
// current phase, and writes one audit row per family it names.
func (s *Store) FindWorklist(ctx context.Context) (*regie.Worklist, error) {
	var wl *regie.Worklist
	err := s.write(ctx, func(tx *tx) error {
		scope, ok := policy.WorklistScope(tx.actor)
		dec := policy.Decide(tx.actor, regie.ActionRead, regie.SegFamilyList, nil)
		if !ok || !dec.Allow || scope.UserID == 0 {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeDenied, Segment: regie.SegFamilyList,
				Basis: policy.Denied, Detail: "werkbak"}); err != nil {
				return err
			}
			return &errDenied{err: regie.Forbidden()}
		}
		today := tx.today()
		wl = &regie.Worklist{Today: today, WeekEnd: regie.WeekEnd(today)}
		var families []*regie.FamilyWork
		byID := map[int64]*regie.FamilyWork{}
		for _, src := range tx.worklistSources() {
			list, err := src(ctx, scope.UserID)
			if err != nil {
				return err
			}
			for _, fw := range list {
				if have := byID[fw.FamilyID]; have != nil {
					have.Journey = have.Journey || fw.Journey
					have.YouthTracks = append(have.YouthTracks, fw.YouthTracks...)
					continue
				}
				byID[fw.FamilyID] = fw
				families = append(families, fw)
			}
		}
		wl.Families = len(families)
		if err := tx.workAgreements(ctx, byID, wl.WeekEnd); err != nil {
			return err
		}
		if err := tx.workPhaseItems(ctx, byID); err != nil {
			return err
		}
		if err := tx.workStagnations(ctx, byID); err != nil {
			return err
		}
		norms, err := tx.norms(ctx)
		if err != nil {
			return err
		}
		var subjects []auditSubject
		for _, fw := range families {
			items := regie.WorkFor(*fw, norms, today)
			if len(items) > 0 {
				subjects = append(subjects, auditSubject{FamilyID: fw.FamilyID})
			}
			wl.Items = append(wl.Items, items...)
		}
		regie.SortWork(wl.Items)
		// One row per family the werkbak names (NEN 7513).
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegFamilyList,
			Basis: dec.Basis, Detail: fmt.Sprintf("werkbak: %d punten bij %d gezinnen", len(wl.Items), len(subjects))}, subjects)
	})
	return wl, err
}

// assignedWork is the werkbak's source of the families the worker is
// currently assigned to, open ones only; a family with several of the
// worker's assignments (a youth worker for two children) comes once.
func (tx *tx) assignedWork(ctx context.Context, userID int64) ([]*regie.FamilyWork, error) {
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, a.kind,
			EXISTS (SELECT 1 FROM safety_concerns sc WHERE sc.family_id = f.id AND sc.severity = 'acuut' AND sc.resolved_on IS NULL),
			`+factsColumns+`
		FROM assignments a JOIN families f ON f.id = a.family_id LEFT JOIN family_summaries s ON s.family_id = f.id
		WHERE a.user_id = $1 AND a.ended_on IS NULL AND f.closed_at IS NULL ORDER BY f.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: werkbak families: %w", err)
	}
	defer rows.Close()
	var list []*regie.FamilyWork
	byID := map[int64]*regie.FamilyWork{}
	for rows.Next() {
		fw := &regie.FamilyWork{}
		var kind string
		if err := rows.Scan(append([]any{&fw.FamilyID, &fw.FamilyName, &kind, &fw.Facts.Acute}, factsDest(&fw.Facts)...)...); err != nil {
			return nil, err
		}
		fw.Journey = regie.AssignmentKind(kind).Journey()
		if have := byID[fw.FamilyID]; have != nil {
			have.Journey = have.Journey || fw.Journey
			continue
		}
		byID[fw.FamilyID] = fw
		list = append(list, fw)
	}
	return list, rows.Err()
}

// workAgreements adds to each family the agreements of its plan in force
// (the newest agreed version) that are still open and due by until.
func (tx *tx) workAgreements(ctx context.Context, byID map[int64]*regie.FamilyWork, until regie.Date) error {
	if len(byID) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	d := tx.s.d
	rows, err := tx.QueryContext(ctx, `SELECT v.family_id, a.key, a.what, a.due,
			COALESCE(m.given_name || ' ' || m.family_name, o.name, u.name, ''),
			COALESCE((SELECT p.status FROM agreement_progress p WHERE p.family_id = v.family_id AND p.key = a.key
				ORDER BY p.id DESC LIMIT 1), 'afgesproken')
		FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id
		LEFT JOIN members m ON m.id = a.member_id LEFT JOIN organisations o ON o.id = a.org_id LEFT JOIN users u ON u.id = a.user_id
		WHERE `+d.inIDs("v.family_id", 2)+` AND v.status = 'vastgesteld' AND a.due <= $1
		AND v.number = (SELECT MAX(v2.number) FROM plan_versions v2 WHERE v2.family_id = v.family_id AND v2.status = 'vastgesteld')
		ORDER BY a.due, a.position`, until.ISO(), d.idsArg(ids))
	if err != nil {
		return fmt.Errorf("store: werkbak agreements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var familyID int64
		var status string
		a := &regie.Agreement{}
		if err := rows.Scan(&familyID, &a.Key, &a.What, dateScan{&a.Due}, &a.Owner, &status); err != nil {
			return err
		}
		a.Status = regie.AgreementStatus(status)
		if !a.Status.Finished() {
			byID[familyID].Agreements = append(byID[familyID].Agreements, a)
		}
	}
	return rows.Err()
}

// workPhaseItems adds to each family whose journey the worker keeps the
// active checklist items of its current phase that are not ticked, leaving
// out those regie ticks itself (autoItems).
func (tx *tx) workPhaseItems(ctx context.Context, byID map[int64]*regie.FamilyWork) error {
	var ids []int64
	for id, fw := range byID {
		if fw.Journey && fw.Facts.Phase != 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	d := tx.s.d
	rows, err := tx.QueryContext(ctx, `SELECT p.family_id, p.id, p.phase FROM phase_transitions p
		WHERE `+d.inIDs("p.family_id", 1)+` AND p.id = (SELECT p2.id FROM phase_transitions p2 WHERE p2.family_id = p.family_id
			ORDER BY p2.started_on DESC, p2.id DESC LIMIT 1)`, d.idsArg(ids))
	if err != nil {
		return fmt.Errorf("store: werkbak phases: %w", err)
	}
	type current struct {
		familyID int64
		phase    regie.Phase
	}
	byTransition := map[int64]current{}
	var transitions []int64
	for rows.Next() {
		var c current
		var id int64
		if err := rows.Scan(&c.familyID, &id, &c.phase); err != nil {
			rows.Close()
			return err
		}
		byTransition[id] = c
		transitions = append(transitions, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(transitions) == 0 {
		return nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT transition_id, item_key, done FROM checklist_ticks
		WHERE `+d.inIDs("transition_id", 1)+` ORDER BY id`, d.idsArg(transitions))
	if err != nil {
		return fmt.Errorf("store: werkbak checklist: %w", err)
	}
	type tick struct {
		transition int64
		key        string
	}
	done := map[tick]bool{} // the newest tick of each item counts
	for rows.Next() {
		var t tick
		var d bool
		if err := rows.Scan(&t.transition, &t.key, &d); err != nil {
			rows.Close()
			return err
		}
		done[t] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	cfg, err := tx.phaseConfig(ctx)
	if err != nil {
		return err
	}
	for _, id := range transitions {
		c := byTransition[id]
		for _, it := range cfg.Def(c.phase).Items() {
			if _, auto := autoItems[it.Key]; !auto && !done[tick{id, it.Key}] {
				byID[c.familyID].OpenItems = append(byID[c.familyID].OpenItems, it)
			}
		}
	}
	return nil
}
