-- Retention and destruction (issue 14; Jeugdwet 7.3.8 and 7.3.9). Same
-- logical schema as the other dialect's 000024.

-- A legal hold (bewaarplicht verlengd): the file is kept beyond its term
-- while the hold is not lifted. Removed with the file when it is
-- destroyed after the hold was lifted.
CREATE TABLE retention_holds (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id),
	reason      TEXT NOT NULL,
	placed_by   INTEGER NOT NULL REFERENCES users (id),
	placed_at   TEXT NOT NULL,
	lifted_by   INTEGER REFERENCES users (id),
	lifted_at   TEXT,
	lift_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX retention_holds_family ON retention_holds (family_id);
CREATE UNIQUE INDEX retention_holds_one ON retention_holds (family_id) WHERE lifted_at IS NULL;

-- The privacy officer's approval of the destruction of some files: who,
-- when, which. The files are named by number only (no FK): the record
-- outlives them.
CREATE TABLE destruction_batches (
	id          INTEGER PRIMARY KEY,
	approved_by INTEGER NOT NULL REFERENCES users (id),
	approved_at TEXT NOT NULL
);
CREATE TABLE destruction_approvals (
	batch_id  INTEGER NOT NULL REFERENCES destruction_batches (id),
	family_id INTEGER NOT NULL,
	PRIMARY KEY (batch_id, family_id)
);
CREATE INDEX destruction_approvals_family ON destruction_approvals (family_id);

-- A run of the destruction (the command line or serve's daily job): its
-- report, the rows removed per table as JSON ({"contacts": 12, …}).
CREATE TABLE destruction_runs (
	id       INTEGER PRIMARY KEY,
	ran_at   TEXT NOT NULL,
	ran_by   TEXT NOT NULL,
	families INTEGER NOT NULL,
	counts   TEXT NOT NULL
);

-- What is left of a destroyed file: its number, when it closed, when and
-- by which batch and run it was destroyed, and on what legal basis. No
-- names, no content. The access log's rows of the family stay as they
-- are (hash-chained, kept under their own term).
CREATE TABLE destroyed_families (
	family_id    INTEGER PRIMARY KEY,
	closed_on    TEXT NOT NULL,
	destroyed_at TEXT NOT NULL,
	batch_id     INTEGER NOT NULL REFERENCES destruction_batches (id),
	run_id       INTEGER NOT NULL REFERENCES destruction_runs (id),
	legal_basis  TEXT NOT NULL
);

-- A family member's request to destroy (Jeugdwet 7.3.9). The family and
-- member are numbers (no FK): the request's record and its outcome
-- outlive the file; what the request said is cleared when the file is
-- destroyed.
CREATE TABLE destruction_requests (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL,
	member_id   INTEGER NOT NULL,
	received_on TEXT NOT NULL,
	what        TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES users (id),
	recorded_at TEXT NOT NULL,
	outcome     TEXT NOT NULL DEFAULT '',
	exception   TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL DEFAULT '',
	decided_by  INTEGER REFERENCES users (id),
	decided_at  TEXT,
	batch_id    INTEGER REFERENCES destruction_batches (id)
);
CREATE INDEX destruction_requests_family ON destruction_requests (family_id);

-- SQLite gives a new row the largest id plus one: after the newest
-- family, member or referral was destroyed, a new one would get its id,
-- and the access log's rows of the destroyed one (family_id, member_id,
-- referral_id) would seem to be about the new one. The floor keeps the
-- largest id destroyed per table; the store's inserts start above it.
-- PostgreSQL's identities never reuse an id; the table is there too (same
-- logical schema) and stays empty.
CREATE TABLE id_floors (
	tbl TEXT PRIMARY KEY,
	id  INTEGER NOT NULL
);

-- An agreed plan version can never change — except that its family's
-- file is destroyed, at the end of its retention: then the whole file
-- goes, frozen plans included. The tombstone is written first, in the
-- same transaction, and lets the deletes through.
DROP TRIGGER plan_versions_frozen_delete;
CREATE TRIGGER plan_versions_frozen_delete BEFORE DELETE ON plan_versions
	WHEN OLD.status = 'vastgesteld' AND NOT EXISTS (SELECT 1 FROM destroyed_families WHERE family_id = OLD.family_id)
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be removed'); END;
DROP TRIGGER plan_domains_frozen_delete;
CREATE TRIGGER plan_domains_frozen_delete BEFORE DELETE ON plan_domains
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
		AND NOT EXISTS (SELECT 1 FROM destroyed_families d JOIN plan_versions v ON v.family_id = d.family_id WHERE v.id = OLD.version_id)
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
DROP TRIGGER plan_member_scores_frozen_delete;
CREATE TRIGGER plan_member_scores_frozen_delete BEFORE DELETE ON plan_member_scores
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
		AND NOT EXISTS (SELECT 1 FROM destroyed_families d JOIN plan_versions v ON v.family_id = d.family_id WHERE v.id = OLD.version_id)
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
DROP TRIGGER plan_goals_frozen_delete;
CREATE TRIGGER plan_goals_frozen_delete BEFORE DELETE ON plan_goals
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
		AND NOT EXISTS (SELECT 1 FROM destroyed_families d JOIN plan_versions v ON v.family_id = d.family_id WHERE v.id = OLD.version_id)
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
DROP TRIGGER plan_agreements_frozen_delete;
CREATE TRIGGER plan_agreements_frozen_delete BEFORE DELETE ON plan_agreements
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
		AND NOT EXISTS (SELECT 1 FROM destroyed_families d JOIN plan_versions v ON v.family_id = d.family_id WHERE v.id = OLD.version_id)
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
