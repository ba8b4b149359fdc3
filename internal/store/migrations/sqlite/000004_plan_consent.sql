-- The plan (versions, life domains, goals, agreements and their progress),
-- self-reliance scores over time, trajectories, consents and the signed
-- papers. Same logical schema as postgres/000004.

CREATE TABLE plan_versions (
	id               INTEGER PRIMARY KEY,
	family_id        INTEGER NOT NULL REFERENCES families (id),
	number           INTEGER NOT NULL,
	status           TEXT NOT NULL,
	origin           TEXT NOT NULL,
	history          TEXT NOT NULL DEFAULT '',
	strengths        TEXT NOT NULL DEFAULT '',
	obstacles        TEXT NOT NULL DEFAULT '',
	problems         TEXT NOT NULL DEFAULT '',
	situation        TEXT NOT NULL DEFAULT '',
	closing_question TEXT NOT NULL DEFAULT '',
	discussed_at     TEXT,
	discussed_by     INTEGER REFERENCES users (id),
	meeting_id       INTEGER REFERENCES meetings (id),
	agreed_on        TEXT,
	agreed_with      TEXT NOT NULL DEFAULT '',
	agreed_by        INTEGER REFERENCES users (id),
	created_by       INTEGER NOT NULL REFERENCES users (id),
	created_at       TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	UNIQUE (family_id, number)
);

CREATE TABLE plan_domains (
	version_id INTEGER NOT NULL REFERENCES plan_versions (id),
	domain     TEXT NOT NULL,
	situation  TEXT NOT NULL DEFAULT '',
	strengths  TEXT NOT NULL DEFAULT '',
	obstacles  TEXT NOT NULL DEFAULT '',
	score      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (version_id, domain)
);

CREATE TABLE plan_member_scores (
	version_id INTEGER NOT NULL REFERENCES plan_versions (id),
	domain     TEXT NOT NULL,
	member_id  INTEGER NOT NULL REFERENCES members (id),
	score      INTEGER NOT NULL,
	PRIMARY KEY (version_id, domain, member_id)
);

-- Goals in the family's own words; key is stable across versions.
CREATE TABLE plan_goals (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES plan_versions (id),
	key        TEXT NOT NULL,
	term       TEXT NOT NULL,
	domain     TEXT NOT NULL,
	member_id  INTEGER REFERENCES members (id),
	text       TEXT NOT NULL,
	position   INTEGER NOT NULL
);
CREATE INDEX plan_goals_version ON plan_goals (version_id);

-- Who does what when; key is stable across versions.
CREATE TABLE plan_agreements (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES plan_versions (id),
	key        TEXT NOT NULL,
	owner_kind TEXT NOT NULL,
	member_id  INTEGER REFERENCES members (id),
	org_id     INTEGER REFERENCES organisations (id),
	user_id    INTEGER REFERENCES users (id),
	what       TEXT NOT NULL,
	due        TEXT NOT NULL,
	position   INTEGER NOT NULL
);
CREATE INDEX plan_agreements_version ON plan_agreements (version_id);

-- The progress of agreements, kept apart from the frozen plan: the
-- newest row per family and key counts.
CREATE TABLE agreement_progress (
	id        INTEGER PRIMARY KEY,
	family_id INTEGER NOT NULL REFERENCES families (id),
	key       TEXT NOT NULL,
	status    TEXT NOT NULL,
	by_user   INTEGER NOT NULL REFERENCES users (id),
	at        TEXT NOT NULL
);
CREATE INDEX agreement_progress_family ON agreement_progress (family_id, key, id);

-- An agreed version can never change, nor can what belongs to it.
CREATE TRIGGER plan_versions_frozen BEFORE UPDATE ON plan_versions WHEN OLD.status = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_versions_frozen_delete BEFORE DELETE ON plan_versions WHEN OLD.status = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be removed'); END;
CREATE TRIGGER plan_domains_frozen_insert BEFORE INSERT ON plan_domains
	WHEN (SELECT status FROM plan_versions WHERE id = NEW.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_domains_frozen_update BEFORE UPDATE ON plan_domains
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_domains_frozen_delete BEFORE DELETE ON plan_domains
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_member_scores_frozen_insert BEFORE INSERT ON plan_member_scores
	WHEN (SELECT status FROM plan_versions WHERE id = NEW.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_member_scores_frozen_delete BEFORE DELETE ON plan_member_scores
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_goals_frozen_insert BEFORE INSERT ON plan_goals
	WHEN (SELECT status FROM plan_versions WHERE id = NEW.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_goals_frozen_update BEFORE UPDATE ON plan_goals
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_goals_frozen_delete BEFORE DELETE ON plan_goals
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_agreements_frozen_insert BEFORE INSERT ON plan_agreements
	WHEN (SELECT status FROM plan_versions WHERE id = NEW.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_agreements_frozen_update BEFORE UPDATE ON plan_agreements
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;
CREATE TRIGGER plan_agreements_frozen_delete BEFORE DELETE ON plan_agreements
	WHEN (SELECT status FROM plan_versions WHERE id = OLD.version_id) = 'vastgesteld'
BEGIN SELECT RAISE(ABORT, 'an agreed plan version cannot be changed'); END;

-- Self-reliance over time: each scoring moment with its scores (member 0:
-- the household).
CREATE TABLE score_moments (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	kind       TEXT NOT NULL,
	on_date    TEXT NOT NULL,
	version_id INTEGER REFERENCES plan_versions (id),
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX score_moments_family ON score_moments (family_id, on_date);
CREATE TABLE moment_scores (
	moment_id INTEGER NOT NULL REFERENCES score_moments (id),
	domain    TEXT NOT NULL,
	member_id INTEGER NOT NULL DEFAULT 0,
	score     INTEGER NOT NULL,
	PRIMARY KEY (moment_id, domain, member_id)
);

CREATE TABLE trajectories (
	id             INTEGER PRIMARY KEY,
	family_id      INTEGER NOT NULL REFERENCES families (id),
	member_id      INTEGER REFERENCES members (id),
	domain         TEXT NOT NULL,
	org_id         INTEGER NOT NULL REFERENCES organisations (id),
	intervention   TEXT NOT NULL,
	status         TEXT NOT NULL,
	waiting_since  TEXT,
	started_on     TEXT,
	ended_on       TEXT,
	reason         TEXT NOT NULL DEFAULT '',
	contact_person TEXT NOT NULL DEFAULT '',
	created_by     INTEGER NOT NULL REFERENCES users (id),
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX trajectories_family ON trajectories (family_id);

-- Scanned, signed papers: in the database, so they are backed up and
-- written with what refers to them, and never in a served directory.
CREATE TABLE documents (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	name       TEXT NOT NULL,
	mime       TEXT NOT NULL,
	size       INTEGER NOT NULL,
	sha256     TEXT NOT NULL,
	content    BLOB NOT NULL,
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX documents_family ON documents (family_id);

CREATE TABLE consents (
	id              INTEGER PRIMARY KEY,
	family_id       INTEGER NOT NULL REFERENCES families (id),
	signed_on       TEXT NOT NULL,
	valid_until     TEXT,
	withdrawn_on    TEXT,
	withdraw_reason TEXT NOT NULL DEFAULT '',
	document_id     INTEGER REFERENCES documents (id),
	created_by      INTEGER NOT NULL REFERENCES users (id),
	created_at      TEXT NOT NULL
);
CREATE INDEX consents_family ON consents (family_id);
CREATE TABLE consent_signers (
	consent_id INTEGER NOT NULL REFERENCES consents (id),
	member_id  INTEGER NOT NULL REFERENCES members (id),
	PRIMARY KEY (consent_id, member_id)
);
-- kinds: comma-separated regie.InfoKind codes.
CREATE TABLE consent_parties (
	consent_id INTEGER NOT NULL REFERENCES consents (id),
	org_id     INTEGER NOT NULL REFERENCES organisations (id),
	purpose    TEXT NOT NULL,
	kinds      TEXT NOT NULL,
	PRIMARY KEY (consent_id, org_id)
);
-- The policy looks up the consents naming a partner's organisation.
CREATE INDEX consent_parties_org ON consent_parties (org_id);
