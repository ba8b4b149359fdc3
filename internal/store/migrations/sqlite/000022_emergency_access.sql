-- Break-glass access, noodtoegang (issue 14): a team member who is not
-- assigned to a family opens it in an emergency, for a reason, for a
-- limited time; the privacy officer reviews every one afterwards.
-- Same logical schema as the other dialect's 000022.

-- One access. team_id is the family's team when it was given (the team
-- leader who is told of it). The review columns stay empty while open.
CREATE TABLE emergency_accesses (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id),
	user_id     INTEGER NOT NULL REFERENCES users (id),
	team_id     INTEGER NOT NULL REFERENCES teams (id),
	reason      TEXT NOT NULL,
	explanation TEXT NOT NULL,
	started_at  TEXT NOT NULL,
	expires_at  TEXT NOT NULL,
	reviewed_at TEXT,
	reviewed_by INTEGER REFERENCES users (id),
	verdict     TEXT NOT NULL DEFAULT '',
	review_note TEXT NOT NULL DEFAULT ''
);
-- The policy's facts: the actor's newest access to the family.
CREATE INDEX emergency_accesses_family_user ON emergency_accesses (family_id, user_id, id);
-- The privacy officer's list of open reviews.
CREATE INDEX emergency_accesses_open ON emergency_accesses (started_at) WHERE reviewed_at IS NULL;

-- Who of the family's coordinator, duo partner and team leader saw an
-- access on the family page: the start page tells of the others.
CREATE TABLE emergency_access_seen (
	access_id INTEGER NOT NULL REFERENCES emergency_accesses (id),
	user_id   INTEGER NOT NULL REFERENCES users (id),
	seen_at   TEXT NOT NULL,
	PRIMARY KEY (access_id, user_id)
);
