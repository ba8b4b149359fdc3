package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"regie"
	"regie/internal/policy"
)

// familyFacts reads what the policy needs to decide on the actor's access
// to one family, in the transaction of that access.
func (tx *tx) familyFacts(ctx context.Context, familyID int64) (*policy.Facts, error) {
	f := &policy.Facts{}
	var closed string
	b := tx.batch()
	b.row("family facts", `SELECT team_id, CASE WHEN closed_at IS NULL THEN '' ELSE 'x' END FROM families WHERE id = $1`, []any{familyID},
		func(sc scanner) error {
			err := sc.Scan(&f.TeamID, &closed)
			f.Exists = err == nil
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			return err
		})
	// The actor's assignments to the family, read in the same round trip
	// (none when the family does not exist).
	withUser := tx.actor != nil && tx.actor.UserID != 0 && tx.actor.Role != regie.RolePartner
	if withUser {
		b.each("family facts", `SELECT kind FROM assignments WHERE family_id = $1 AND user_id = $2 AND ended_on IS NULL`,
			[]any{familyID, tx.actor.UserID}, func(sc scanner) error {
				var k string
				if err := sc.Scan(&k); err != nil {
					return err
				}
				f.Assignments = append(f.Assignments, regie.AssignmentKind(k))
				return nil
			})
	}
	if err := b.run(ctx); err != nil {
		return nil, err
	}
	if !f.Exists {
		return &policy.Facts{}, nil
	}
	f.Closed, f.Today, f.Now = closed != "", tx.today(), tx.now
	if tx.actor == nil || tx.actor.UserID == 0 {
		return f, nil
	}
	if tx.actor.Role == regie.RolePartner {
		// A partner reaches a family only through its consents.
		var err error
		f.Consents, err = tx.findConsents(ctx, familyID)
		return f, err
	}
	var err error
	if f.Closed && tx.actor.Role == regie.RoleCasemanager {
		if f.LastCoordinator, err = tx.lastCoordinator(ctx, familyID, tx.actor.UserID); err != nil {
			return nil, err
		}
	}
	if len(f.Assignments) == 0 && !f.Closed && (tx.actor.Role == regie.RoleCasemanager || tx.actor.Role == regie.RoleYouthWorker) {
		// A team member not assigned: a break-glass access may open it.
		if f.Emergency, err = tx.emergencyFact(ctx, familyID); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// authorizeFamily reads the facts and asks the policy; a denial is audited
// and comes back as ENOTFOUND, the same answer as for a missing family.
func (tx *tx) authorizeFamily(ctx context.Context, act regie.Action, seg regie.Segment, familyID, memberID int64) (policy.Decision, *policy.Facts, error) {
	f, err := tx.familyFacts(ctx, familyID)
	if err != nil {
		return policy.Decision{}, nil, err
	}
	dec, err := tx.decide(ctx, act, seg, f, familyID, memberID, regie.NotFound())
	return dec, f, err
}

const familyColumns = `f.id, f.household_name, f.street, f.postcode, f.city, f.district_id, f.team_id,
	f.dutch_proficiency, f.languages, f.interpreter_needed, f.composition_notes, f.created_at, f.created_by, f.closed_at,
	f.close_reason, d.name, t.name, f.version, f.updated_at, COALESCE(ub.name, '')`

func scanFamily(sc interface{ Scan(...any) error }, f *regie.Family) error {
	var prof string
	err := sc.Scan(&f.ID, &f.HouseholdName, &f.Street, &f.Postcode, &f.City, &f.DistrictID, &f.TeamID,
		&prof, &f.Languages, &f.InterpreterNeeded, &f.CompositionNotes, timeScan{&f.CreatedAt}, &f.CreatedBy, timeScan{&f.ClosedAt},
		&f.CloseReason, &f.DistrictName, &f.TeamName, &f.Version, timeScan{&f.UpdatedAt}, &f.UpdatedByName)
	f.DutchProficiency = regie.Proficiency(prof)
	return err
}

// FindFamilyByID implements regie.FamilyService.
func (s *Store) FindFamilyByID(ctx context.Context, id int64) (*regie.Family, error) {
	var fam *regie.Family
	err := s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegFamily, id, 0)
		if err != nil {
			return err
		}
		// The family and the parts of its page the reader may see, read
		// together (on PostgreSQL, three round trips instead of thirty).
		b := tx.batch()
		fam = b.family(id)
		parts := b.familyPageParts(id, fam, f)
		tracked := b.trackedYouths(id)
		emergencies := b.familyEmergencies(id, f)
		if err := b.run(ctx); err != nil {
			return err
		}
		discloseFamily(fam, disclosure(dec))
		fam.Can = policy.FamilyPermissions(tx.actor, f)
		if err := tx.hideConfidential(ctx, f, id, fam.RecentContacts); err != nil {
			return err
		}
		tx.markContactEdits(fam.RecentContacts, f)
		if err := tx.familyYouthTracks(ctx, fam, f, *tracked); err != nil {
			return err
		}
		shown := ""
		if len(*parts) > 0 {
			shown = " (met " + strings.Join(*parts, ", ") + ")"
		}
		if more, err := tx.showEmergencies(ctx, fam, f, *emergencies); err != nil {
			return err
		} else if more != "" {
			shown += "; met " + more
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegFamily,
			FamilyID: id, Basis: dec.Basis, Detail: "gezinspagina" + shown})
	})
	return fam, err
}

// findFamily loads a family with its members and current assignments,
// without any access check: callers have decided already.
func (tx *tx) findFamily(ctx context.Context, id int64) (*regie.Family, error) {
	b := tx.batch()
	f := b.family(id)
	if err := b.run(ctx); err != nil {
		return nil, err
	}
	return f, nil
}

// family queues findFamily's reads: the family, its members, current
// assignments, phase, intake, safety concerns, summary and newest
// contacts in one round; the summary's counts and signals and the
// contacts' members in the next. A family that does not exist is
// ENOTFOUND when the first round is in.
func (b *batch) family(id int64) *regie.Family {
	f := &regie.Family{}
	found := true
	b.row("find family", `SELECT `+familyColumns+`
		FROM families f JOIN districts d ON d.id = f.district_id JOIN teams t ON t.id = f.team_id
		LEFT JOIN users ub ON ub.id = f.updated_by
		WHERE f.id = $1`, []any{id}, func(sc scanner) error {
		err := scanFamily(sc, f)
		if errors.Is(err, sql.ErrNoRows) {
			found, err = false, nil
		}
		return err
	})
	b.members(id, &f.Members)
	b.assignments(id, true, &f.Assignments)
	b.currentPhase(id, &f.Phase)
	b.familyIntake(id, &f.Intake)
	b.safetyConcerns(id, &f.SafetyConcerns)
	sum, hasSummary := &summary{}, true
	b.row("read summary", `SELECT `+summaryColumns+` FROM family_summaries s WHERE s.family_id = $1`, []any{id}, func(sc scanner) error {
		err := sc.Scan(summaryDest(sum)...)
		if errors.Is(err, sql.ErrNoRows) {
			hasSummary, err = false, nil
		}
		return err
	})
	b.contacts(id, 5, 0, &f.RecentContacts)
	b.then(func(_ context.Context, next *batch) error {
		if !found {
			return regie.NotFound()
		}
		f.Summary = &regie.FamilySummary{ID: f.ID, HouseholdName: f.HouseholdName}
		if hasSummary {
			fs := f.Summary
			fs.Facts, fs.Phase = sum.facts, sum.facts.Phase
			fs.Acute = f.Acute()
			fs.Facts.Acute = fs.Acute
			next.enrichSummaries([]*regie.FamilySummary{fs})
		}
		return nil
	})
	return f
}

// currentPhase queues the read of the family's newest phase transition into *into (nil when none).
func (b *batch) currentPhase(familyID int64, into **regie.PhaseTransition) {
	b.row("current phase", `SELECT id, family_id, phase, started_on, reason, created_by, created_at FROM phase_transitions
		WHERE family_id = $1 ORDER BY started_on DESC, id DESC LIMIT 1`, []any{familyID}, func(sc scanner) error {
		p := &regie.PhaseTransition{}
		err := sc.Scan(&p.ID, &p.FamilyID, &p.Phase, dateScan{&p.StartedOn}, &p.Reason, &p.CreatedBy, timeScan{&p.CreatedAt})
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		*into = p
		return nil
	})
}

// familyIntake returns the accepted referral the family came in by, or nil.
func (tx *tx) familyIntake(ctx context.Context, familyID int64) (*regie.FamilyIntake, error) {
	var in *regie.FamilyIntake
	b := tx.batch()
	b.familyIntake(familyID, &in)
	return in, b.run(ctx)
}

// familyIntake queues the read of tx.familyIntake into *into.
func (b *batch) familyIntake(familyID int64, into **regie.FamilyIntake) {
	b.row("family intake", `SELECT r.id, d.decided_at, u.name, m.held_on, d.override_reason, r.referrer_name, ro.name,
			r.introducer_name, r.introducer_function, r.introducer_phone, COALESCE(io.name, ''), r.commitment, r.commitment_notes
		FROM intake_decisions d JOIN referrals r ON r.id = d.referral_id JOIN users u ON u.id = d.decided_by
		JOIN organisations ro ON ro.id = r.referrer_org_id LEFT JOIN organisations io ON io.id = r.introducer_org_id
		LEFT JOIN meetings m ON m.id = d.meeting_id
		WHERE d.family_id = $1 AND d.outcome = 'accepteren' ORDER BY d.decided_at DESC, d.id DESC LIMIT 1`, []any{familyID},
		func(sc scanner) error {
			in := &regie.FamilyIntake{}
			var commit string
			err := sc.Scan(&in.ReferralID, timeScan{&in.DecidedAt}, &in.DecidedByName, dateScan{&in.MeetingDate}, &in.OverrideReason,
				&in.ReferrerName, &in.ReferrerOrgName, &in.IntroducerName, &in.IntroducerFunction, &in.IntroducerPhone,
				&in.IntroducerOrgName, &commit, &in.CommitmentNotes)
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			} else if err != nil {
				return err
			}
			in.Commitment = regie.Commitment(commit)
			*into = in
			return nil
		})
}

// FindFamilies implements regie.FamilyService.
func (s *Store) FindFamilies(ctx context.Context, ff regie.FamilyFilter) ([]*regie.FamilySummary, int, error) {
	if err := checkFamilyFilter(ff); err != nil {
		return nil, 0, err
	}
	var (
		list  []*regie.FamilySummary
		total int
	)
	err := s.write(ctx, func(tx *tx) (err error) {
		list, total, err = tx.findFamilies(ctx, ff)
		return err
	})
	return list, total, err
}

// FindFamilyList implements regie.FamilyService: the list, the norms of
// its signals, the check-ups due and the unseen emergency accesses in one
// transaction, so a page of "Mijn gezinnen" commits once (on SQLite's one
// writer) and not three times, and reads the norms once.
func (s *Store) FindFamilyList(ctx context.Context, ff regie.FamilyFilter, with regie.ListWith) (*regie.FamilyList, error) {
	if err := checkFamilyFilter(ff); err != nil {
		return nil, err
	}
	fl := &regie.FamilyList{}
	err := s.write(ctx, func(tx *tx) (err error) {
		if fl.Norms, err = tx.norms(ctx); err != nil {
			return err
		}
		// The check-ups' families get their signals in the same round
		// as the list's.
		var dec policy.Decision
		if with.Checkups {
			if dec, fl.Checkups, err = tx.readCheckupsDue(ctx); err != nil {
				return err
			}
		}
		if fl.Families, fl.Total, err = tx.findFamilies(ctx, ff, fl.Checkups...); err != nil {
			return err
		}
		if with.Checkups {
			if err := tx.showCheckupsDue(ctx, dec, fl.Checkups); err != nil {
				return err
			}
		}
		if with.Emergencies {
			fl.Emergencies, err = tx.unseenEmergencyAccesses(ctx)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return fl, nil
}

// checkFamilyFilter refuses, before anything is read, a search across
// every family that does not name someone: an input error.
func checkFamilyFilter(ff regie.FamilyFilter) error {
	if ff.Scope == regie.ScopeAccessLog && !regie.NamesSomeone(ff.Query) {
		return addField(nil, "q", regie.MsgSearchNameNeeded)
	}
	return nil
}

// findFamilies lists the families of the filter. The rows come with their
// summary, this month's hours, signals and what is due next. "Mijn
// gezinnen" (at most a few dozen) is sorted in memory in any order; the
// team's list is paged in the database, by name, phase or last contact.
// The summaries of also, read but without their signals yet, get theirs in
// the same round as the list's.
func (tx *tx) findFamilies(ctx context.Context, ff regie.FamilyFilter, also ...*regie.FamilySummary) ([]*regie.FamilySummary, int, error) {
	act := regie.ActionRead
	if ff.Query != "" {
		act = regie.ActionSearch
	}
	scope, ok := policy.ListScope(tx.actor, ff)
	dec := policy.Decide(tx.actor, act, regie.SegFamilyList, nil)
	if !ok || !dec.Allow {
		if err := tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeDenied, Segment: regie.SegFamilyList,
			Basis: policy.Denied, Detail: listDetail(ff, 0)}); err != nil {
			return nil, 0, err
		}
		return nil, 0, &errDenied{err: regie.Forbidden()}
	}
	var (
		where []string
		args  []any
	)
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if scope.UserID != 0 {
		add("f.id IN (SELECT a.family_id FROM assignments a WHERE a.user_id = ? AND a.ended_on IS NULL)", scope.UserID)
	}
	if scope.TeamID != 0 {
		add("f.team_id = ?", scope.TeamID)
	}
	// A search also finds closed files: a family helped before.
	if !ff.Closed && strings.TrimSpace(ff.Query) == "" {
		where = append(where, "f.closed_at IS NULL")
	}
	if q := strings.TrimSpace(ff.Query); q != "" {
		for _, word := range strings.Fields(q) {
			// A BSN is found through its blind index: the sealed
			// column cannot be compared.
			if idx := tx.s.bsnIndexes(word); idx != nil {
				ph := make([]string, len(idx))
				for i, v := range idx {
					args = append(args, v)
					ph[i] = fmt.Sprintf("$%d", len(args))
				}
				where = append(where, "f.id IN (SELECT m.family_id FROM members m WHERE m.bsn_index IN ("+strings.Join(ph, ", ")+"))")
				continue
			}
			add(`f.search_text LIKE ? ESCAPE '\'`, likePattern(word))
		}
	}
	var (
		list  []*regie.FamilySummary
		total int
	)
	inMemory := scope.UserID != 0
	limit, offset := ff.Limit, max(ff.Offset, 0)
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	order := "acute DESC, f.sort_name, f.id"
	switch ff.Sort {
	case "fase":
		order = "acute DESC, COALESCE(s.phase, 0), f.sort_name, f.id"
	case "contact":
		order = "acute DESC, s.last_contact_on, f.sort_name, f.id"
	}
	page := ` LIMIT ` + fmt.Sprint(limit) + ` OFFSET ` + fmt.Sprint(offset)
	if inMemory {
		page = ` LIMIT 1000`
	}
	rows, err := tx.QueryContext(ctx, `SELECT f.id,
			EXISTS (SELECT 1 FROM safety_concerns sc WHERE sc.family_id = f.id AND sc.severity = 'acuut' AND sc.resolved_on IS NULL) AS acute,
			f.household_name, f.sort_name, d.name,
			(SELECT count(*) FROM members m WHERE m.family_id = f.id AND m.ended_on IS NULL),
			COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
				WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL LIMIT 1), ''),
			COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
				WHERE a.family_id = f.id AND a.kind = 'duo' AND a.ended_on IS NULL LIMIT 1), ''),
			f.created_at, f.closed_at, count(*) OVER (),
			`+factsColumns+`
		FROM families f JOIN districts d ON d.id = f.district_id LEFT JOIN family_summaries s ON s.family_id = f.id
		WHERE `+strings.Join(append(where, "1 = 1"), " AND ")+` ORDER BY `+order+page, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find families: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		fs := &regie.FamilySummary{}
		ft := &fs.Facts
		if err := rows.Scan(append([]any{&fs.ID, &fs.Acute, &fs.HouseholdName, &fs.SortKey, &fs.DistrictName, &fs.MemberCount, &fs.Coordinator,
			&fs.Duo, timeScan{&fs.CreatedAt}, timeScan{&fs.ClosedAt}, &total}, factsDest(ft)...)...); err != nil {
			return nil, 0, err
		}
		fs.Phase, ft.Acute = ft.Phase, fs.Acute
		list = append(list, fs)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	if err := tx.enrichSummaries(ctx, withAlso(list, also)); err != nil {
		return nil, 0, err
	}
	if inMemory {
		sortFamilies(list, ff.Sort)
		total = len(list)
		list = list[min(offset, len(list)):min(offset+limit, len(list))]
	}
	// One row per family shown, so each family's log has the list
	// (NEN 7513); one without a family when none was found.
	rec := auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegFamilyList,
		Basis: dec.Basis, Detail: listDetail(ff, total)}
	return list, total, tx.auditEach(ctx, rec, familySubjects(list))
}

// withAlso returns list followed by the summaries of also that are not in
// it. A family in both (a closed family due for a check-up, in a list
// that shows closed files) becomes list's summary in also too, so it is
// enriched once and both show the same.
func withAlso(list, also []*regie.FamilySummary) []*regie.FamilySummary {
	if len(also) == 0 {
		return list
	}
	byID := make(map[int64]*regie.FamilySummary, len(list))
	for _, fs := range list {
		byID[fs.ID] = fs
	}
	all := slices.Clip(list)
	for i, fs := range also {
		if twin := byID[fs.ID]; twin != nil {
			also[i] = twin
			continue
		}
		all = append(all, fs)
	}
	return all
}

// enrichSummaries adds this month's minutes, the recorded reasons for a
// longer intensive phase, the signals and what is due next.
func (tx *tx) enrichSummaries(ctx context.Context, list []*regie.FamilySummary) error {
	b := tx.batch()
	b.enrichSummaries(list)
	return b.run(ctx)
}

// enrichSummaries queues enrichSummaries's reads, and the signals that
// are computed from them after.
func (b *batch) enrichSummaries(list []*regie.FamilySummary) {
	if len(list) == 0 {
		return
	}
	byID := make(map[int64]*regie.FamilySummary, len(list))
	ids := make([]int64, len(list))
	for i, fs := range list {
		byID[fs.ID], ids[i] = fs, fs.ID
	}
	d := b.tx.s.d
	idsArg := d.idsArg(ids)
	today := b.tx.today()
	monthStart := regie.NewDate(today.Time().Year(), today.Time().Month(), 1).ISO()
	// The count of a family: its id and an integer.
	count := func(set func(fs *regie.FamilySummary, n int)) func(scanner) error {
		return func(sc scanner) error {
			var id int64
			var n int
			if err := sc.Scan(&id, &n); err != nil {
				return err
			}
			set(byID[id], n)
			return nil
		}
	}
	b.each("month hours", `SELECT family_id, SUM(minutes) FROM contacts WHERE contact_date >= $1 AND `+d.inIDs("family_id", 2)+`
		GROUP BY family_id`, []any{monthStart, idsArg}, count(func(fs *regie.FamilySummary, n int) { fs.MinutesMonth = n }))
	b.each("extensions", `SELECT family_id, reason FROM intensive_extensions WHERE ended_on IS NULL AND `+d.inIDs("family_id", 1),
		[]any{idsArg}, func(sc scanner) error {
			var id int64
			var reason string
			if err := sc.Scan(&id, &reason); err != nil {
				return err
			}
			byID[id].Facts.Extension = reason
			return nil
		})
	// Agreements of the plan in force whose day has passed and that are
	// not done, failed or dropped; then those of the network meetings.
	b.each("overdue agreements", `SELECT v.family_id, count(*) FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id
		WHERE `+d.inIDs("v.family_id", 2)+` AND v.status = 'vastgesteld' AND a.due < $1
		AND v.number = (SELECT MAX(v2.number) FROM plan_versions v2 WHERE v2.family_id = v.family_id AND v2.status = 'vastgesteld')
		AND COALESCE((SELECT p.status FROM agreement_progress p WHERE p.family_id = v.family_id AND p.key = a.key
			ORDER BY p.id DESC LIMIT 1), 'afgesproken') IN ('afgesproken', 'loopt')
		GROUP BY v.family_id`, []any{today.ISO(), idsArg},
		count(func(fs *regie.FamilySummary, n int) { fs.Facts.OverdueAgreements = n }))
	b.overdueNetworkAgreements(byID, idsArg)
	b.openStagnations(byID, idsArg)
	var norms regie.Norms
	b.norms(&norms)
	b.then(func(context.Context, *batch) error {
		for _, fs := range list {
			fs.Signals = regie.Signals(fs.Facts, norms, today)
			fs.Due = regie.NextDue(fs.Facts, norms, today)
		}
		return nil
	})
}

// sortFamilies orders "Mijn gezinnen": acute unsafety first, then by the
// chosen order; names the Dutch way (regie.SortName, or the key the store
// read with the row).
func sortFamilies(list []*regie.FamilySummary, by regie.FamilySort) {
	sortKeys(list)
	alerts := make(map[*regie.FamilySummary]int, len(list))
	for _, fs := range list {
		alerts[fs] = fs.Alerts()
	}
	byName := func(a, b *regie.FamilySummary) int { return strings.Compare(a.SortKey, b.SortKey) }
	cmp := byName
	switch by {
	case "signalen", "":
		cmp = func(a, b *regie.FamilySummary) int {
			if c := alerts[b] - alerts[a]; c != 0 {
				return c
			}
			if c := len(b.Signals) - len(a.Signals); c != 0 {
				return c
			}
			return byName(a, b)
		}
	case "fase":
		cmp = func(a, b *regie.FamilySummary) int {
			if a.Phase != b.Phase {
				return int(a.Phase) - int(b.Phase)
			}
			return byName(a, b)
		}
	case "contact":
		cmp = func(a, b *regie.FamilySummary) int { return a.Facts.LastContactOn.Compare(b.Facts.LastContactOn) }
	case "uren":
		cmp = func(a, b *regie.FamilySummary) int { return a.MinutesMonth - b.MinutesMonth }
	}
	slices.SortStableFunc(list, func(a, b *regie.FamilySummary) int {
		if a.Acute != b.Acute {
			if a.Acute {
				return -1
			}
			return 1
		}
		return cmp(a, b)
	})
}

// sortKeys gives each family of list that has none its sort key.
func sortKeys(list []*regie.FamilySummary) {
	for _, fs := range list {
		if fs.SortKey == "" {
			fs.SortKey = regie.SortName(fs.HouseholdName)
		}
	}
}

// familySubjects names the families of list, for their audit rows: a
// page that shows families writes a row into each one's log.
func familySubjects(list []*regie.FamilySummary) []auditSubject {
	subjects := make([]auditSubject, len(list))
	for i, fs := range list {
		subjects[i].FamilyID = fs.ID
	}
	return subjects
}

// listDetail describes a list or search for the access log, with the terms
// searched for: a privacy officer must be able to see who looked for whom.
func listDetail(ff regie.FamilyFilter, n int) string {
	what := "mijn gezinnen"
	switch ff.Scope {
	case regie.ScopeTeam:
		what = "gezinnen van het team"
	case regie.ScopeAccessLog:
		what = "alle gezinnen (toegangslog)"
	}
	if ff.Query != "" {
		return fmt.Sprintf("%s, gezocht op %q: %d gevonden", what, truncate(redactBSNs(ff.Query), 100), n)
	}
	return fmt.Sprintf("%s: %d gezinnen", what, n)
}

// CreateFamily implements regie.FamilyService.
func (s *Store) CreateFamily(ctx context.Context, in regie.FamilyInput) (*regie.Family, error) {
	in.Normalize()
	var fam *regie.Family
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegFamily, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		if err := tx.validateFamily(ctx, &in, tx.actor.TeamID); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO families
			(id, household_name, street, postcode, city, district_id, team_id, dutch_proficiency, languages, interpreter_needed,
			 composition_notes, search_text, created_at, created_by)
			VALUES (`+tx.s.d.newID("families")+`, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			in.HouseholdName, in.Street, in.Postcode, in.City, in.DistrictID, tx.actor.TeamID, string(in.DutchProficiency),
			in.Languages, in.InterpreterNeeded, in.CompositionNotes, strings.ToLower(in.HouseholdName), ts(tx.now), tx.actor.UserID,
		).Scan(&id); err != nil {
			return fmt.Errorf("store: create family: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE families SET sort_name = $1 WHERE id = $2`, regie.SortName(in.HouseholdName), id); err != nil {
			return fmt.Errorf("store: create family: %w", err)
		}
		if err := tx.createSummary(ctx, id, tx.actor.TeamID); err != nil {
			return err
		}
		// A family the team leader enters directly was taken in outside
		// regie: it starts in phase 1 all the same.
		if err := tx.startPhase1(ctx, id, tx.today(), "gezin rechtstreeks ingevoerd door de teamleider", false); err != nil {
			return err
		}
		if err := tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegFamily,
			FamilyID: id, Basis: dec.Basis, Detail: "gezin aangemaakt"}); err != nil {
			return err
		}
		tx.result = id
		fam, err = tx.findFamily(ctx, id)
		return err
	})
	if id, ok := replayedResult(ctx); ok && err == nil {
		return &regie.Family{ID: id}, nil // created by an earlier submit of this form
	}
	return fam, err
}

// validateFamily validates the input and checks that the district belongs
// to the team.
func (tx *tx) validateFamily(ctx context.Context, in *regie.FamilyInput, teamID int64) error {
	err := in.Validate()
	if in.DistrictID != 0 {
		var n int
		if qerr := tx.QueryRowContext(ctx, `SELECT count(*) FROM districts WHERE id = $1 AND team_id = $2`, in.DistrictID, teamID).Scan(&n); qerr != nil {
			return qerr
		}
		if n == 0 {
			return addField(err, "district", regie.MsgDistrictUnknown)
		}
	}
	return err
}

// addField adds a field message to a validation error (or makes one).
func addField(err error, field string, m regie.Msg, args ...any) error {
	fields := map[string]string{}
	for k, v := range regie.ErrorFields(err) {
		fields[k] = v
	}
	if _, ok := fields[field]; !ok {
		fields[field] = regie.Text(m, args...)
	}
	return &regie.Error{Code: regie.EINVALID, Message: regie.Text(regie.MsgCheckFields), Fields: fields}
}

// UpdateFamily implements regie.FamilyService.
func (s *Store) UpdateFamily(ctx context.Context, id int64, in regie.FamilyInput) error {
	in.Normalize()
	return s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegFamily, id, 0)
		if err != nil {
			return err
		}
		if err := tx.validateFamily(ctx, &in, f.TeamID); err != nil {
			return err
		}
		// Only from the version the form showed. A second save of the
		// same family waits for the first one's row lock and then finds
		// the version moved on: it changes no row.
		res, err := tx.ExecContext(ctx, `UPDATE families SET household_name = $1, street = $2, postcode = $3, city = $4,
			district_id = $5, dutch_proficiency = $6, languages = $7, interpreter_needed = $8, composition_notes = $9,
			version = version + 1, updated_at = $10, updated_by = $11
			WHERE id = $12 AND version = $13`,
			in.HouseholdName, in.Street, in.Postcode, in.City, in.DistrictID, string(in.DutchProficiency), in.Languages,
			in.InterpreterNeeded, in.CompositionNotes, ts(tx.now), nullID(tx.actor.UserID), id, in.Version)
		if err != nil {
			return fmt.Errorf("store: update family: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: update family: %w", err)
		} else if n == 0 {
			return regie.Stale()
		}
		if err := tx.refreshSearchText(ctx, id); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegFamily,
			FamilyID: id, Basis: dec.Basis, Detail: "gezinsgegevens gewijzigd"})
	})
}

// CloseFamily implements regie.FamilyService.
func (s *Store) CloseFamily(ctx context.Context, id int64, reason string) error {
	reason = regie.Clean(reason)
	return s.write(ctx, func(tx *tx) error {
		dec, f, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegFamily, id, 0)
		if err != nil {
			return err
		}
		var v regie.Validation
		v.Required("close_reason", reason)
		v.MaxLen("close_reason", reason, 2000)
		if f.Closed {
			v.Add("close_reason", regie.MsgFamilyClosed)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.closeFile(ctx, id, reason); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegFamily,
			FamilyID: id, Basis: dec.Basis, Detail: truncate("dossier gesloten: "+reason, 500)})
	})
}

// closeFile closes the family's file: its assignments end today and the
// summary learns the closing day. The caller decided and validated.
func (tx *tx) closeFile(ctx context.Context, id int64, reason string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE families SET closed_at = $1, close_reason = $2 WHERE id = $3`, ts(tx.now), reason, id); err != nil {
		return fmt.Errorf("store: close family: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE assignments SET ended_on = $1 WHERE family_id = $2 AND ended_on IS NULL`, tx.today().ISO(), id); err != nil {
		return fmt.Errorf("store: close family: %w", err)
	}
	return tx.refreshSummary(ctx, id)
}

// refreshSearchText rebuilds the family's search text from the household
// name and the names of all its members, current and former (a family is
// also found by the name of someone who left), and its sort key
// (regie.SortName of the household name).
func (tx *tx) refreshSearchText(ctx context.Context, familyID int64) error {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT household_name FROM families WHERE id = $1`, familyID).Scan(&name); err != nil {
		return fmt.Errorf("store: search text: %w", err)
	}
	parts := []string{name}
	rows, err := tx.QueryContext(ctx, `SELECT given_name, family_name FROM members WHERE family_id = $1 ORDER BY id`, familyID)
	if err != nil {
		return fmt.Errorf("store: search text: %w", err)
	}
	for rows.Next() {
		var g, f string
		if err := rows.Scan(&g, &f); err != nil {
			rows.Close()
			return err
		}
		parts = append(parts, g+" "+f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE families SET search_text = $1, sort_name = $2 WHERE id = $3`,
		strings.ToLower(strings.Join(parts, " | ")), regie.SortName(name), familyID)
	return err
}
