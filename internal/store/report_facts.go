package store

import (
	"context"
	"fmt"
	"time"

	"regie"
)

// reportFacts reads the facts of a report's filter (regie.ReportFacts):
// the referrals received in the period and the families open in it, in
// the filter's team, district and worker. No access check: the caller
// decided.
func (tx *tx) reportFacts(ctx context.Context, f regie.ReportFilter) (*regie.ReportFacts, error) {
	norms, err := tx.norms(ctx)
	if err != nil {
		return nil, err
	}
	settings := map[string]string{}
	if err := tx.settings(ctx, settings); err != nil {
		return nil, err
	}
	facts := &regie.ReportFacts{Filter: f, Today: tx.today(), Norms: norms, Rates: regie.RatesFrom(settings)}
	if err := tx.reportFamilies(ctx, facts); err != nil {
		return nil, err
	}
	return facts, nil
}

// reportFamilies reads the families in scope: open on some day of the
// period, in the team, district and (as coordinator) worker asked.
func (tx *tx) reportFamilies(ctx context.Context, facts *regie.ReportFacts) error {
	f := facts.Filter
	rows, err := tx.QueryContext(ctx, `SELECT f.id, f.team_id, f.district_id, f.created_at, s.closed_on,
			COALESCE((SELECT c.outcome FROM family_closings c WHERE c.family_id = f.id ORDER BY c.closed_on DESC, c.id DESC LIMIT 1), '')
		FROM families f JOIN family_summaries s ON s.family_id = f.id
		WHERE f.created_at < $1 AND (s.closed_on IS NULL OR s.closed_on >= $2)
			AND ($3 = 0 OR f.team_id = $3) AND ($4 = 0 OR f.district_id = $4)
			AND ($5 = 0 OR EXISTS (SELECT 1 FROM assignments a WHERE a.family_id = f.id AND a.user_id = $5
				AND a.started_on <= $6 AND (a.ended_on IS NULL OR a.ended_on >= $2)))
		ORDER BY f.id`, ts(f.To.AddDays(1).Time()), f.From.ISO(), f.TeamID, f.DistrictID, f.WorkerID, f.To.ISO())
	if err != nil {
		return fmt.Errorf("store: report families: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		rf := &regie.ReportFamily{AgenciesStart: -1, AgenciesHandover: -1, AgenciesAfter: -1}
		var created time.Time
		var outcome string
		if err := rows.Scan(&rf.ID, &rf.TeamID, &rf.DistrictID, timeScan{&created}, dateScan{&rf.ClosedOn}, &outcome); err != nil {
			return err
		}
		rf.CreatedOn = regie.DateOf(created)
		rf.CloseOutcome = regie.CloseOutcome(outcome)
		facts.Families = append(facts.Families, rf)
	}
	return rows.Err()
}
