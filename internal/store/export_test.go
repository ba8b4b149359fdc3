package store

// MigrationLock is the advisory lock key of a migration run, for tests.
const MigrationLock = migrationLock
