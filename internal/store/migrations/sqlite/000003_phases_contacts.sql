-- Phases, contacts and hours, signals, the team meeting's items and
-- decisions. Same logical schema as postgres/000003.

-- Why a family's file was closed (coordination ended, moved away…).
ALTER TABLE families ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';

-- Contacts (contactmomenten). A door not opened is a contact too
-- (attempt <> 'contact'). phase is the family's phase on the day, so hours
-- roll up per phase.
CREATE TABLE contacts (
	id           INTEGER PRIMARY KEY,
	family_id    INTEGER NOT NULL REFERENCES families (id),
	user_id      INTEGER NOT NULL REFERENCES users (id),
	contact_date TEXT NOT NULL,
	start_time   TEXT NOT NULL,
	minutes      INTEGER NOT NULL,
	kind         TEXT NOT NULL,
	attempt      TEXT NOT NULL,
	partners     TEXT NOT NULL DEFAULT '',
	practical    TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	phase        INTEGER NOT NULL DEFAULT 0,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
-- The family page and the hours look up by family and date and sum the
-- minutes: SQLite has no INCLUDE, so the summed columns are in the key.
CREATE INDEX contacts_family_date ON contacts (family_id, contact_date, minutes, attempt, kind, phase);
-- Hours per worker and week (supervision).
CREATE INDEX contacts_user_date ON contacts (user_id, contact_date, minutes);

CREATE TABLE contact_members (
	contact_id INTEGER NOT NULL REFERENCES contacts (id),
	member_id  INTEGER NOT NULL REFERENCES members (id),
	PRIMARY KEY (contact_id, member_id)
);

-- Earlier versions of edited contacts, as JSON: edits keep history.
CREATE TABLE contact_versions (
	id         INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id),
	version    INTEGER NOT NULL,
	snapshot   TEXT NOT NULL,
	changed_by INTEGER NOT NULL REFERENCES users (id),
	changed_at TEXT NOT NULL,
	UNIQUE (contact_id, version)
);

-- Ticks of a phase's checklist, per entry into the phase: who and when.
-- Unticking adds a row with done = 0; the newest row per item counts.
CREATE TABLE checklist_ticks (
	id            INTEGER PRIMARY KEY,
	transition_id INTEGER NOT NULL REFERENCES phase_transitions (id),
	item_key      TEXT NOT NULL,
	done          INTEGER NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	by_user       INTEGER NOT NULL REFERENCES users (id),
	at            TEXT NOT NULL
);
CREATE INDEX checklist_ticks_transition ON checklist_ticks (transition_id, item_key, id);

-- Why an intensive phase takes longer (another agency's waiting list).
CREATE TABLE intensive_extensions (
	id            INTEGER PRIMARY KEY,
	family_id     INTEGER NOT NULL REFERENCES families (id),
	reason        TEXT NOT NULL,
	agency_org_id INTEGER REFERENCES organisations (id),
	since         TEXT NOT NULL,
	ended_on      TEXT,
	created_by    INTEGER NOT NULL REFERENCES users (id),
	created_at    TEXT NOT NULL
);
CREATE INDEX intensive_extensions_family ON intensive_extensions (family_id);

-- One row per family with what the lists and signals need: kept in the
-- same transaction as every contact and phase change, so "Mijn gezinnen"
-- and the team agenda never sum a family's whole history.
CREATE TABLE family_summaries (
	family_id               INTEGER PRIMARY KEY REFERENCES families (id),
	team_id                 INTEGER NOT NULL REFERENCES teams (id),
	phase                   INTEGER NOT NULL DEFAULT 0,
	transition_id           INTEGER,
	phase_started_on        TEXT,
	intensive_started_on    TEXT,
	coordination_started_on TEXT,
	minutes_total           INTEGER NOT NULL DEFAULT 0,
	minutes_intensive       INTEGER NOT NULL DEFAULT 0,
	minutes_phase           INTEGER NOT NULL DEFAULT 0,
	contacts                INTEGER NOT NULL DEFAULT 0,
	last_contact_on         TEXT,
	last_reached_on         TEXT,
	rejected_streak         INTEGER NOT NULL DEFAULT 0,
	last_network_meeting_on TEXT,
	interim_done_on         TEXT,
	plan_agreed_on          TEXT
);
CREATE INDEX family_summaries_team ON family_summaries (team_id, phase);
INSERT INTO family_summaries (family_id, team_id) SELECT id, team_id FROM families;

-- The team meeting: free agenda items, and decisions per item, linked to
-- what they decided (an intake decision, a phase change, a plan).
CREATE TABLE meeting_items (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id),
	title      TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX meeting_items_meeting ON meeting_items (meeting_id);

CREATE TABLE meeting_decisions (
	id            INTEGER PRIMARY KEY,
	meeting_id    INTEGER NOT NULL REFERENCES meetings (id),
	family_id     INTEGER REFERENCES families (id),
	referral_id   INTEGER REFERENCES referrals (id),
	item_id       INTEGER REFERENCES meeting_items (id),
	text          TEXT NOT NULL,
	linked_kind   TEXT NOT NULL DEFAULT '',
	linked_id     INTEGER,
	decided_by    INTEGER NOT NULL REFERENCES users (id),
	decided_at    TEXT NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_id);
CREATE INDEX meeting_decisions_family ON meeting_decisions (family_id);
