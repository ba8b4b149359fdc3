package store

import (
	"context"

	"regie"
)

// MigrationLock is the advisory lock key of a migration run, for tests.
const MigrationLock = migrationLock

// FillSortNames runs the step of migration 000008 again, for tests.
func (s *Store) FillSortNames(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if err := fillSortNames(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// GoStepNames lists the migrations (file names without their number) that
// have a step in Go, for tests.
func GoStepNames() []string {
	var names []string
	for n := range goSteps {
		names = append(names, n)
	}
	return names
}

// ReportFactsFannedForTest reads the facts as FindReport does, the lanes
// side by side, without a policy decision or an audit row.
func (s *Store) ReportFactsFannedForTest(ctx context.Context, f regie.ReportFilter) (*regie.ReportFacts, error) {
	return s.reportFactsFanned(ctx, f)
}

// ReportFactsForTest reads the facts of a report's filter without a
// policy decision or an audit row, for tests.
func (s *Store) ReportFactsForTest(ctx context.Context, f regie.ReportFilter) (*regie.ReportFacts, error) {
	var out *regie.ReportFacts
	err := s.read(ctx, func(tx *tx) error {
		var err error
		out, err = tx.reportFacts(ctx, f)
		return err
	})
	return out, err
}

// MigrateUpToForTest applies the migrations up to and including version
// last: a database as an older regie left it.
func (s *Store) MigrateUpToForTest(ctx context.Context, last int) (int, error) {
	return s.migrateSQL(ctx, last)
}

// PlanCacheMode is PostgreSQL's plan_cache_mode in a write transaction,
// after customPlans when custom, for tests.
func (s *Store) PlanCacheMode(ctx context.Context, custom bool) (string, error) {
	var mode string
	err := s.write(ctx, func(tx *tx) error {
		if custom {
			if err := tx.customPlans(ctx); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `SHOW plan_cache_mode`).Scan(&mode)
	})
	return mode, err
}
