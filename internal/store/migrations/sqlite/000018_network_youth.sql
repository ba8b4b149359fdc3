-- The partners' work and the youth worker's own track (issue 12): the
-- shared schema the parts build on.
-- Same logical schema as the other dialect's 000018.

-- The informal network: people outside the household and outside
-- organisations (grandmother, neighbour, friend, sports coach), recorded
-- once per family; they own agreements and attend meetings, never log in.
-- relation is one of regie.NetworkRelations; ended_on: no longer part of
-- the network (kept for the history of meetings and agreements).
CREATE TABLE network_persons (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	name       TEXT NOT NULL,
	relation   TEXT NOT NULL,
	phone      TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	ended_on   TEXT,
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX network_persons_family ON network_persons (family_id);

-- Who owns an agreement of a network meeting: an organisation (whose
-- partners see it and record its progress), a member, a person of the
-- informal network, or the casemanager; owner stays the name as shown.
-- owner_kind '' is an agreement recorded before, by name only.
ALTER TABLE network_agreements ADD COLUMN owner_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE network_agreements ADD COLUMN owner_org_id INTEGER REFERENCES organisations (id);
ALTER TABLE network_agreements ADD COLUMN owner_member_id INTEGER REFERENCES members (id);
ALTER TABLE network_agreements ADD COLUMN owner_person_id INTEGER REFERENCES network_persons (id);
CREATE INDEX network_agreements_org ON network_agreements (owner_org_id, family_id);
-- A person of the informal network at a network meeting.
ALTER TABLE network_attendees ADD COLUMN person_id INTEGER REFERENCES network_persons (id);
-- A person of the informal network owns an agreement of the plan.
ALTER TABLE plan_agreements ADD COLUMN person_id INTEGER REFERENCES network_persons (id);

-- A youth's own track with a youth worker (seed 003 §6): one row per
-- period the youth worker works with the youth; closed_on is set by the
-- youth's own final evaluation.
CREATE TABLE youth_tracks (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	member_id  INTEGER NOT NULL REFERENCES members (id),
	worker_id  INTEGER NOT NULL REFERENCES users (id),
	started_on TEXT NOT NULL,
	closed_on  TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX youth_tracks_family ON youth_tracks (family_id, member_id);
CREATE INDEX youth_tracks_worker ON youth_tracks (worker_id, closed_on);

-- The youth's own consent to share what they told in confidence
-- (regie.YouthConsent): from 16 the youth signs alone, 12–15 with a
-- parent (parent_id, a member).
CREATE TABLE youth_consents (
	id                INTEGER PRIMARY KEY,
	family_id         INTEGER NOT NULL REFERENCES families (id),
	member_id         INTEGER NOT NULL REFERENCES members (id),
	signed_on         TEXT NOT NULL,
	valid_until       TEXT,
	withdrawn_on      TEXT,
	withdraw_reason   TEXT NOT NULL DEFAULT '',
	youth_signed      INTEGER NOT NULL DEFAULT 0,
	parent_id         INTEGER REFERENCES members (id),
	share_coordinator INTEGER NOT NULL DEFAULT 0,
	share_family      INTEGER NOT NULL DEFAULT 0,
	note              TEXT NOT NULL DEFAULT '',
	created_by        INTEGER NOT NULL REFERENCES users (id),
	created_at        TEXT NOT NULL
);
CREATE INDEX youth_consents_member ON youth_consents (family_id, member_id);
CREATE TABLE youth_consent_orgs (
	consent_id INTEGER NOT NULL REFERENCES youth_consents (id),
	org_id     INTEGER NOT NULL REFERENCES organisations (id),
	PRIMARY KEY (consent_id, org_id)
);

-- A contact in a youth's track: its note is what the youth told in
-- confidence (SegYouthConfidential); its day, kind and hours count for
-- the family like every contact.
ALTER TABLE contacts ADD COLUMN youth_member_id INTEGER REFERENCES members (id);

-- A partner's report that the help stagnates (regie.Stagnation): a signal
-- for the coordinator until handled_on, an item on the team's agenda until
-- discussed_on (the day of the meeting that discussed it).
CREATE TABLE stagnation_reports (
	id            INTEGER PRIMARY KEY,
	family_id     INTEGER NOT NULL REFERENCES families (id),
	org_id        INTEGER NOT NULL REFERENCES organisations (id),
	reported_by   INTEGER NOT NULL REFERENCES users (id),
	reported_on   TEXT NOT NULL,
	reason        TEXT NOT NULL,
	handled_on    TEXT,
	handled_by    INTEGER REFERENCES users (id),
	handled_note  TEXT NOT NULL DEFAULT '',
	discussed_on  TEXT,
	discussed_by  INTEGER REFERENCES users (id),
	created_at    TEXT NOT NULL
);
CREATE INDEX stagnation_reports_family ON stagnation_reports (family_id, reported_on);
