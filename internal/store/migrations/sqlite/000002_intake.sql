-- Referral, intake decision, priority list, waiting list, the social map,
-- safety concerns, the start of the phases, settings (norms), and the team
-- meeting a referral is put on. Same logical schema as postgres/000002.

-- The social map: organisations gain what a casemanager needs to reach them.
ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'overig';
ALTER TABLE organisations ADD COLUMN district_id INTEGER REFERENCES districts (id);
ALTER TABLE organisations ADD COLUMN contact_person TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN email TEXT NOT NULL DEFAULT '';
-- Waiting time in weeks; -1 when unknown.
ALTER TABLE organisations ADD COLUMN waiting_weeks INTEGER NOT NULL DEFAULT -1;
ALTER TABLE organisations ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
UPDATE organisations SET kind = 'eigen' WHERE own = 1;

-- The access log names the referral an access concerned (before a family
-- exists, a referral is the only handle).
ALTER TABLE audit ADD COLUMN referral_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX audit_referral_ts ON audit (referral_id, ts DESC) WHERE referral_id <> 0;

-- Settings the functional administrator changes (norms), as key and value.
CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by INTEGER NOT NULL
);

-- The weekly team meeting (teamoverleg).
CREATE TABLE meetings (
	id         INTEGER PRIMARY KEY,
	team_id    INTEGER NOT NULL REFERENCES teams (id),
	held_on    TEXT NOT NULL,
	created_by INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (team_id, held_on)
);

CREATE TABLE referrals (
	id                  INTEGER PRIMARY KEY,
	team_id             INTEGER NOT NULL REFERENCES teams (id),
	status              TEXT NOT NULL,
	referrer_user_id    INTEGER REFERENCES users (id),
	referrer_org_id     INTEGER NOT NULL REFERENCES organisations (id),
	referrer_name       TEXT NOT NULL,
	referrer_function   TEXT NOT NULL DEFAULT '',
	referrer_phone      TEXT NOT NULL DEFAULT '',
	referrer_email      TEXT NOT NULL DEFAULT '',
	entered_by          INTEGER NOT NULL REFERENCES users (id),
	received_via        TEXT NOT NULL,
	household_name      TEXT NOT NULL,
	street              TEXT NOT NULL DEFAULT '',
	postcode            TEXT NOT NULL DEFAULT '',
	city                TEXT NOT NULL DEFAULT '',
	district_id         INTEGER NOT NULL REFERENCES districts (id),
	dutch_proficiency   TEXT NOT NULL,
	languages           TEXT NOT NULL DEFAULT '',
	problem_duration    TEXT NOT NULL,
	help_tried          TEXT NOT NULL DEFAULT '',
	introducer_name     TEXT NOT NULL DEFAULT '',
	introducer_function TEXT NOT NULL DEFAULT '',
	introducer_phone    TEXT NOT NULL DEFAULT '',
	introducer_org_id   INTEGER REFERENCES organisations (id),
	commitment          TEXT NOT NULL,
	commitment_notes    TEXT NOT NULL DEFAULT '',
	safety              TEXT NOT NULL,
	safety_notes        TEXT NOT NULL DEFAULT '',
	family_id           INTEGER REFERENCES families (id),
	meeting_id          INTEGER REFERENCES meetings (id),
	created_at          TEXT NOT NULL
);
CREATE INDEX referrals_team_status ON referrals (team_id, status);
CREATE INDEX referrals_referrer ON referrals (referrer_user_id);
CREATE INDEX referrals_family ON referrals (family_id);

CREATE TABLE referral_members (
	id          INTEGER PRIMARY KEY,
	referral_id INTEGER NOT NULL REFERENCES referrals (id),
	given_name  TEXT NOT NULL,
	family_name TEXT NOT NULL,
	birth_date  TEXT NOT NULL,
	relation    TEXT NOT NULL
);
CREATE INDEX referral_members_referral ON referral_members (referral_id);

-- What the referrer saw, per life domain.
CREATE TABLE referral_signals (
	referral_id INTEGER NOT NULL REFERENCES referrals (id),
	domain      TEXT NOT NULL,
	text        TEXT NOT NULL,
	PRIMARY KEY (referral_id, domain)
);

-- Intake decisions are records: a changed decision is a new row.
CREATE TABLE intake_decisions (
	id                   INTEGER PRIMARY KEY,
	referral_id          INTEGER NOT NULL REFERENCES referrals (id),
	outcome              TEXT NOT NULL,
	decided_by           INTEGER NOT NULL REFERENCES users (id),
	decided_at           TEXT NOT NULL,
	meeting_id           INTEGER REFERENCES meetings (id),
	review_on            TEXT,
	contact_keeper       TEXT NOT NULL DEFAULT '',
	contra_indications   TEXT NOT NULL DEFAULT '',
	override_reason      TEXT NOT NULL DEFAULT '',
	warm_referral_org_id INTEGER REFERENCES organisations (id),
	feedback             TEXT NOT NULL DEFAULT '',
	notes                TEXT NOT NULL DEFAULT '',
	family_id            INTEGER REFERENCES families (id)
);
CREATE INDEX intake_decisions_referral ON intake_decisions (referral_id, decided_at);

-- The priority list: placing, an opening, removing — each a record.
CREATE TABLE priority_events (
	id           INTEGER PRIMARY KEY,
	referral_id  INTEGER NOT NULL REFERENCES referrals (id),
	kind         TEXT NOT NULL,
	opening_kind TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	at           TEXT NOT NULL,
	by_user      INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX priority_events_referral ON priority_events (referral_id, at);

-- A family's entries into the phases of the method; the current phase is
-- the newest row.
CREATE TABLE phase_transitions (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	phase      INTEGER NOT NULL,
	started_on TEXT NOT NULL,
	reason     TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX phase_transitions_family ON phase_transitions (family_id, started_on, id);

CREATE TABLE safety_concerns (
	id            INTEGER PRIMARY KEY,
	family_id     INTEGER NOT NULL REFERENCES families (id),
	member_id     INTEGER REFERENCES members (id),
	what          TEXT NOT NULL,
	since         TEXT NOT NULL,
	severity      TEXT NOT NULL,
	actions       TEXT NOT NULL DEFAULT '',
	meldcode      TEXT NOT NULL,
	created_by    INTEGER NOT NULL REFERENCES users (id),
	created_at    TEXT NOT NULL,
	resolved_on   TEXT,
	resolved_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX safety_concerns_family ON safety_concerns (family_id);
-- "Acute unsafety first" in every list looks here.
CREATE INDEX safety_concerns_acute ON safety_concerns (family_id) WHERE severity = 'acuut' AND resolved_on IS NULL;
