-- The access log at city scale (issue 16). On PostgreSQL the audit table
-- is partitioned by month (see the postgres folder's 000031); SQLite keeps
-- one audit table: it serves small teams, whose log stays small, and has
-- no partitions. Only the table of cuts is the same on both, so verify
-- reads it on both; on SQLite it stays empty (regie audit detach is for
-- PostgreSQL only).
CREATE TABLE audit_cuts (
	chain       INTEGER PRIMARY KEY,
	seq         INTEGER NOT NULL,
	hash        TEXT NOT NULL,
	detached_at TEXT NOT NULL,
	before_ts   TEXT NOT NULL
);
