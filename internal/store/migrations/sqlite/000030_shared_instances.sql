-- More than one regie on one database (issue 16). Two things that a single
-- process kept to itself now live here, so every process sees them.

-- Failed log-ins per client address (a hash, as in login_failures' pair
-- keys; never the address itself), written only when a password is tried
-- from it and fails, and only on PostgreSQL (SQLite's one process counts in
-- memory). The limit per address and the flood limit over all addresses
-- count these rows over the last minute; rows older than an hour are
-- pruned as new ones come.
CREATE TABLE login_address_failures (
	id          INTEGER PRIMARY KEY,
	address_key TEXT NOT NULL,
	at          TEXT NOT NULL
);
CREATE INDEX login_address_failures_key_at ON login_address_failures (address_key, at);
CREATE INDEX login_address_failures_at ON login_address_failures (at);

-- Scheduled jobs (the daily retention run, the session sweep): a process
-- runs a job for a period only after inserting its row; the primary key
-- makes the second process's insert do nothing, so no period runs twice.
-- A failed run deletes its row, so the next tick (of any process) retries.
CREATE TABLE job_runs (
	job         TEXT NOT NULL,
	period      TEXT NOT NULL,
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	PRIMARY KEY (job, period)
);
