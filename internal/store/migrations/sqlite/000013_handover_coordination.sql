-- The end of the intensive phase and the coordination of care (seed 003
-- §5.4–§5.6). handovers: the warm handover per receiving agency, with the
-- agreements on the long-term goals and the division of tasks.
-- commitment_checks: the referring organisation's commitment to resume
-- low-threshold care, checked off by name and day (the newest counts).
-- network_meetings: the quarterly meeting of phase 5; agencies is the
-- number of agencies involved on the day, recorded then so it is history.
-- network_attendees: who was there (a professional of an organisation of
-- the social map, a family member, or anyone as written).
-- network_agreements: who does what by when; network_progress: the status a
-- later meeting gave it (the newest row per agreement counts).
-- family_closings: each closing of the file with its outcome from the one
-- list (regie.CloseOutcomes), and the onward referral to long-term help.
-- Same logical schema as the other dialect's 000013.

CREATE TABLE handovers (
	id             INTEGER PRIMARY KEY,
	family_id      INTEGER NOT NULL REFERENCES families (id),
	org_id         INTEGER NOT NULL REFERENCES organisations (id),
	contact_person TEXT NOT NULL,
	handed_over_on TEXT NOT NULL,
	goals          TEXT NOT NULL,
	tasks          TEXT NOT NULL,
	created_by     INTEGER NOT NULL REFERENCES users (id),
	created_at     TEXT NOT NULL
);
CREATE INDEX handovers_family ON handovers (family_id);

CREATE TABLE commitment_checks (
	id           INTEGER PRIMARY KEY,
	family_id    INTEGER NOT NULL REFERENCES families (id),
	referral_id  INTEGER REFERENCES referrals (id),
	confirmed_by TEXT NOT NULL,
	confirmed_on TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	created_by   INTEGER NOT NULL REFERENCES users (id),
	created_at   TEXT NOT NULL
);
CREATE INDEX commitment_checks_family ON commitment_checks (family_id);

CREATE TABLE network_meetings (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	held_on    TEXT NOT NULL,
	agencies   INTEGER NOT NULL,
	notes      TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX network_meetings_family ON network_meetings (family_id, held_on);

CREATE TABLE network_attendees (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES network_meetings (id),
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	org_id     INTEGER REFERENCES organisations (id),
	member_id  INTEGER REFERENCES members (id)
);
CREATE INDEX network_attendees_meeting ON network_attendees (meeting_id);

CREATE TABLE network_agreements (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES network_meetings (id),
	family_id  INTEGER NOT NULL REFERENCES families (id),
	owner      TEXT NOT NULL,
	what       TEXT NOT NULL,
	due        TEXT NOT NULL
);
CREATE INDEX network_agreements_family ON network_agreements (family_id);

CREATE TABLE network_progress (
	id           INTEGER PRIMARY KEY,
	meeting_id   INTEGER NOT NULL REFERENCES network_meetings (id),
	agreement_id INTEGER NOT NULL REFERENCES network_agreements (id),
	status       TEXT NOT NULL
);
CREATE INDEX network_progress_agreement ON network_progress (agreement_id);

CREATE TABLE family_closings (
	id            INTEGER PRIMARY KEY,
	family_id     INTEGER NOT NULL REFERENCES families (id),
	closed_on     TEXT NOT NULL,
	outcome       TEXT NOT NULL,
	reason        TEXT NOT NULL,
	onward_org_id INTEGER REFERENCES organisations (id),
	onward_reason TEXT NOT NULL DEFAULT '',
	created_by    INTEGER NOT NULL REFERENCES users (id),
	created_at    TEXT NOT NULL
);
CREATE INDEX family_closings_family ON family_closings (family_id);
CREATE INDEX family_closings_outcome ON family_closings (outcome);
