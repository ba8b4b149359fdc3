package store

import (
	"context"
	"fmt"
	"sort"

	"regie"
	"regie/internal/policy"
)

// FindReport implements regie.ReportService: the policy, the options,
// the filter's check and the audit row in one short write transaction;
// then the facts are read in read transactions, side by side
// (reportFactsFanned), and the figures built — an aggregate read never
// holds SQLite's single writer (the report shows no family's content).
func (s *Store) FindReport(ctx context.Context, filter regie.ReportFilter, export bool) (*regie.ReportPage, error) {
	var page *regie.ReportPage
	err := s.write(ctx, func(tx *tx) error {
		act := regie.ActionRead
		if export {
			act = regie.ActionExport
		}
		p, dec, err := tx.reportDecide(ctx, act, regie.SegReports, &filter)
		page = p
		if err != nil {
			return err
		}
		detail := "rapportage " + p.Described
		if export {
			detail = "rapportage geëxporteerd: " + p.Described
		}
		return tx.audit(ctx, auditRecord{Action: act, Outcome: regie.OutcomeOK, Segment: regie.SegReports, Basis: dec.Basis, Detail: detail})
	})
	if err != nil {
		return page, err
	}
	facts, err := s.reportFactsFanned(ctx, filter)
	if err != nil {
		return nil, err
	}
	reportBuild(ctx, page, facts, export)
	return page, nil
}

// FindReportFamilies implements regie.ReportService: the families behind
// one figure, each read into its own log.
func (s *Store) FindReportFamilies(ctx context.Context, filter regie.ReportFilter, table, row string, col int) (*regie.ReportPage, []*regie.ReportFamilyRow, error) {
	var (
		page *regie.ReportPage
		out  []*regie.ReportFamilyRow
	)
	err := s.write(ctx, func(tx *tx) error {
		p, dec, err := tx.reportDecide(ctx, regie.ActionRead, regie.SegReportFamilies, &filter)
		if err != nil {
			return err
		}
		facts, err := tx.reportFacts(ctx, filter)
		if err != nil {
			return err
		}
		reportBuild(ctx, p, facts, false)
		page = p
		t, cell := p.Report.Table(table), p.Report.Cell(table, row, col)
		if cell == nil || cell.Suppressed {
			return regie.NotFound()
		}
		if out, err = tx.reportFamilyRows(ctx, cell.Families); err != nil {
			return err
		}
		label := row
		for _, r := range t.Rows {
			if r.Key == row {
				label = r.Label
			}
		}
		subjects := make([]auditSubject, len(out))
		for i, f := range out {
			subjects[i] = auditSubject{FamilyID: f.ID}
		}
		return tx.auditEach(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegReportFamilies,
			Basis: dec.Basis, Detail: fmt.Sprintf("gezinnen achter %q, %q (%s)", t.Title, label, p.Described)}, subjects)
	})
	return page, out, err
}

// reportDecide decides on a report of the filter: the actor's scope fixes
// the team (a team leader's own), the policy decides (a denial is
// logged), the choices are read and the filter is checked (an invalid one
// returns the page with its choices).
func (tx *tx) reportDecide(ctx context.Context, act regie.Action, seg regie.Segment, filter *regie.ReportFilter) (*regie.ReportPage, policy.Decision, error) {
	teamID, ok := policy.ReportScope(tx.actor, filter.TeamID)
	dec, err := tx.decide(ctx, act, seg, &policy.Facts{Exists: ok, TeamID: teamID}, 0, 0, regie.Forbidden())
	if err != nil {
		return nil, dec, err
	}
	filter.TeamID = teamID
	page := &regie.ReportPage{}
	if err := tx.reportOptions(ctx, page, teamID); err != nil {
		return nil, dec, err
	}
	if err := checkReportFilter(filter, page, tx.today()); err != nil {
		return page, dec, err // the choices, so the form comes back with them
	}
	page.Described = filter.Describe(optionName(page.Teams, filter.TeamID), optionName(page.Districts, filter.DistrictID), optionName(page.Workers, filter.WorkerID))
	return page, dec, nil
}

// reportBuild builds the figures of a decided filter's facts into page —
// suppressed when they leave the team.
func reportBuild(ctx context.Context, page *regie.ReportPage, facts *regie.ReportFacts, export bool) {
	actor := regie.ActorFromContext(ctx)
	filter := facts.Filter
	page.Report = regie.BuildReport(facts)
	page.Report.Audience = policy.ReportAudience(actor, export)
	if page.Report.Audience == regie.AudienceOutside {
		page.Report.Suppress()
	}
	scope := &policy.Facts{Exists: true, TeamID: filter.TeamID}
	page.CanOpenFamilies = page.Report.Audience == regie.AudienceTeam && policy.Can(actor, regie.ActionRead, regie.SegReportFamilies, scope)
	page.CanExport = policy.Can(actor, regie.ActionExport, regie.SegReports, scope)
}

// checkReportFilter validates the filter against today and the choices
// in scope: a district or worker of another team is a field error.
func checkReportFilter(f *regie.ReportFilter, page *regie.ReportPage, today regie.Date) error {
	err := f.Validate(today)
	inScope := func(opts []regie.ReportOption, id int64) bool {
		for _, o := range opts {
			if o.ID == id && (f.TeamID == 0 || o.TeamID == f.TeamID) {
				return true
			}
		}
		return false
	}
	if f.TeamID != 0 && !inScope(page.Teams, f.TeamID) {
		err = addField(err, "team", regie.MsgReportChoiceUnknown)
	}
	if f.DistrictID != 0 && !inScope(page.Districts, f.DistrictID) {
		err = addField(err, "wijk", regie.MsgReportChoiceUnknown)
	}
	if f.WorkerID != 0 && !inScope(page.Workers, f.WorkerID) {
		err = addField(err, "medewerker", regie.MsgReportChoiceUnknown)
	}
	return err
}

// reportOptions reads the filter's choices in scope: the teams (one for a
// team leader), their districts and their casemanagers and youth workers.
func (tx *tx) reportOptions(ctx context.Context, page *regie.ReportPage, teamID int64) error {
	read := func(into *[]regie.ReportOption, q string, args ...any) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: report options: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var o regie.ReportOption
			if err := rows.Scan(&o.ID, &o.Name, &o.TeamID); err != nil {
				return err
			}
			*into = append(*into, o)
		}
		return rows.Err()
	}
	if err := read(&page.Teams, `SELECT id, name, id FROM teams WHERE $1 = 0 OR id = $1 ORDER BY name, id`, teamID); err != nil {
		return err
	}
	if err := read(&page.Districts, `SELECT id, name, team_id FROM districts WHERE $1 = 0 OR team_id = $1 ORDER BY name, id`, teamID); err != nil {
		return err
	}
	return read(&page.Workers, `SELECT id, name, team_id FROM users WHERE role IN ($2, $3) AND team_id IS NOT NULL
		AND ($1 = 0 OR team_id = $1) ORDER BY sort_name, id`, teamID, string(regie.RoleCasemanager), string(regie.RoleYouthWorker))
}

func optionName(opts []regie.ReportOption, id int64) string {
	for _, o := range opts {
		if o.ID == id {
			return o.Name
		}
	}
	return ""
}

// reportFamilyRows reads the drill-down's rows of the families ids, by
// household name (the ids are one parameter however many: inIDs).
func (tx *tx) reportFamilyRows(ctx context.Context, ids []int64) ([]*regie.ReportFamilyRow, error) {
	var out []*regie.ReportFamilyRow
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.household_name, d.name, COALESCE(s.phase, 0),
			COALESCE((SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.family_id = f.id AND a.kind = $1
				ORDER BY a.ended_on IS NULL DESC, a.ended_on DESC, a.id DESC LIMIT 1), ''), s.closed_on
		FROM families f JOIN districts d ON d.id = f.district_id LEFT JOIN family_summaries s ON s.family_id = f.id
		WHERE `+tx.s.d.inIDs("f.id", 2), string(regie.AssignCoordinator), tx.s.d.idsArg(ids))
	if err != nil {
		return nil, fmt.Errorf("store: report families: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r := &regie.ReportFamilyRow{}
		var phase int
		if err := rows.Scan(&r.ID, &r.HouseholdName, &r.DistrictName, &phase, &r.CoordinatorName, dateScan{&r.ClosedOn}); err != nil {
			return nil, err
		}
		r.Phase = regie.Phase(phase)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].HouseholdName != out[j].HouseholdName {
			return out[i].HouseholdName < out[j].HouseholdName
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}
