-- Foundation: organisations, teams, districts, users, sessions, families,
-- members, assignments and the hash-chained access log.
--
-- Conventions for SQLite (see also the postgres folder, same numbers):
-- * instants are TEXT in one fixed-width UTC form, 2006-01-02T15:04:05.000000Z,
--   so comparing text compares time and range scans on indexes work;
-- * dates are TEXT 2006-01-02;
-- * booleans are INTEGER 0/1;
-- * "no value" for an optional reference is 0 only in the audit table (which
--   has no foreign keys, so a denied attempt on a missing id can be logged);
--   elsewhere it is NULL.

CREATE TABLE organisations (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	own        INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

CREATE TABLE teams (
	id              INTEGER PRIMARY KEY,
	organisation_id INTEGER NOT NULL REFERENCES organisations (id),
	name            TEXT NOT NULL
);

CREATE TABLE districts (
	id      INTEGER PRIMARY KEY,
	team_id INTEGER NOT NULL REFERENCES teams (id),
	name    TEXT NOT NULL,
	UNIQUE (team_id, name)
);

CREATE TABLE users (
	id                    INTEGER PRIMARY KEY,
	organisation_id       INTEGER NOT NULL REFERENCES organisations (id),
	team_id               INTEGER REFERENCES teams (id),
	email                 TEXT NOT NULL UNIQUE,
	name                  TEXT NOT NULL,
	role                  TEXT NOT NULL,
	password_hash         TEXT NOT NULL,
	totp_secret           TEXT NOT NULL DEFAULT '',
	-- The last accepted TOTP time step: a code at or before it is a replay.
	totp_last_step        INTEGER NOT NULL DEFAULT 0,
	usual_contact_minutes INTEGER NOT NULL DEFAULT 60,
	disabled_at           TEXT,
	created_at            TEXT NOT NULL
);

CREATE TABLE user_districts (
	user_id     INTEGER NOT NULL REFERENCES users (id),
	district_id INTEGER NOT NULL REFERENCES districts (id),
	PRIMARY KEY (user_id, district_id)
);

-- Server-side sessions. token_hash is the SHA-256 of the cookie's token.
CREATE TABLE sessions (
	id                  INTEGER PRIMARY KEY,
	token_hash          BLOB NOT NULL UNIQUE,
	user_id             INTEGER NOT NULL REFERENCES users (id),
	created_at          TEXT NOT NULL,
	last_seen_at        TEXT NOT NULL,
	mfa                 INTEGER NOT NULL DEFAULT 0,
	pending_totp_secret TEXT NOT NULL DEFAULT '',
	ip                  TEXT NOT NULL DEFAULT '',
	user_agent          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed log-ins per account key (a hash of the e-mail typed), for the
-- limit of five a minute. Old rows are deleted as they age.
CREATE TABLE login_failures (
	id  INTEGER PRIMARY KEY,
	account_key TEXT NOT NULL,
	at  TEXT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (account_key, at);

CREATE TABLE families (
	id                 INTEGER PRIMARY KEY,
	household_name     TEXT NOT NULL,
	street             TEXT NOT NULL DEFAULT '',
	postcode           TEXT NOT NULL DEFAULT '',
	city               TEXT NOT NULL DEFAULT '',
	district_id        INTEGER NOT NULL REFERENCES districts (id),
	team_id            INTEGER NOT NULL REFERENCES teams (id),
	dutch_proficiency  TEXT NOT NULL,
	languages          TEXT NOT NULL DEFAULT '',
	interpreter_needed INTEGER NOT NULL DEFAULT 0,
	composition_notes  TEXT NOT NULL DEFAULT '',
	-- Lower-cased household and member names, kept by the store, for search.
	search_text        TEXT NOT NULL DEFAULT '',
	created_at         TEXT NOT NULL,
	created_by         INTEGER NOT NULL REFERENCES users (id),
	closed_at          TEXT
);
CREATE INDEX families_team ON families (team_id, household_name);
CREATE INDEX families_district ON families (district_id);

CREATE TABLE members (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id),
	given_name  TEXT NOT NULL,
	family_name TEXT NOT NULL,
	birth_date  TEXT NOT NULL,
	relation    TEXT NOT NULL,
	bsn         TEXT NOT NULL DEFAULT '',
	started_on  TEXT NOT NULL,
	ended_on    TEXT,
	end_reason  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX members_family ON members (family_id);
-- For finding the same person when a family is referred again.
CREATE INDEX members_birth ON members (birth_date, family_name);

-- Who works with a family, with history: ending an assignment sets ended_on.
CREATE TABLE assignments (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id),
	user_id     INTEGER NOT NULL REFERENCES users (id),
	kind        TEXT NOT NULL,
	member_id   INTEGER REFERENCES members (id),
	started_on  TEXT NOT NULL,
	ended_on    TEXT,
	assigned_by INTEGER NOT NULL,
	created_at  TEXT NOT NULL
);
CREATE INDEX assignments_family ON assignments (family_id);
-- "Mijn gezinnen" starts here: the current assignments of one worker.
CREATE INDEX assignments_user_current ON assignments (user_id, family_id) WHERE ended_on IS NULL;

-- The access log (NEN 7513). Rows form AUDIT_CHAINS hash chains; each chain
-- has a head row that the writer reads and updates in the transaction of the
-- access (SQLite's BEGIN IMMEDIATE serialises writers). No foreign keys: a
-- denied attempt on an id that does not exist is logged as well.
CREATE TABLE audit (
	id         INTEGER PRIMARY KEY,
	chain      INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	ts         TEXT NOT NULL,
	user_id    INTEGER NOT NULL DEFAULT 0,
	role       TEXT NOT NULL DEFAULT '',
	action     TEXT NOT NULL,
	outcome    TEXT NOT NULL,
	family_id  INTEGER NOT NULL DEFAULT 0,
	member_id  INTEGER NOT NULL DEFAULT 0,
	ip         TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT '',
	basis      TEXT NOT NULL DEFAULT '',
	segment    TEXT NOT NULL DEFAULT '',
	detail     TEXT NOT NULL DEFAULT '',
	prev_hash  TEXT NOT NULL,
	hash       TEXT NOT NULL,
	UNIQUE (chain, seq)
);
CREATE INDEX audit_family_ts ON audit (family_id, ts DESC) WHERE family_id <> 0;
CREATE INDEX audit_user_ts ON audit (user_id, ts DESC);
-- The privacy officer's list of recent refused or failed attempts: rare rows,
-- so a small partial index.
CREATE INDEX audit_not_ok_ts ON audit (ts DESC) WHERE outcome <> 'ok';

CREATE TABLE audit_heads (
	chain INTEGER PRIMARY KEY,
	seq   INTEGER NOT NULL,
	hash  TEXT NOT NULL
);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 15)
INSERT INTO audit_heads (chain, seq, hash) SELECT i, 0, '' FROM n;

-- The application never changes or removes audit rows; the database
-- refuses it too.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows cannot be removed');
END;
