package store

import "context"

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
