-- Work supervision (werkbegeleiding) as a record, and the plan's order.
-- Same logical schema as postgres/000016.
--
-- supervision_sessions: the monthly session of the team leader with one
-- casemanager or youth worker (seed 003, bijlage 1: "zowel de manager als
-- casemanager kunnen zaken aan de orde stellen"). team_id is the worker's
-- team when the session was held, so a later move to another team does not
-- hand the record to the new team leader. agreements is text, one
-- agreement (who, what, by when) a line. version counts the saves, for the
-- edit form's compare-and-set.
CREATE TABLE supervision_sessions (
	id            INTEGER PRIMARY KEY,
	worker_id     INTEGER NOT NULL REFERENCES users (id),
	team_id       INTEGER NOT NULL REFERENCES teams (id),
	held_on       TEXT NOT NULL,
	leader_points TEXT NOT NULL DEFAULT '',
	worker_points TEXT NOT NULL DEFAULT '',
	agreements    TEXT NOT NULL DEFAULT '',
	created_by    INTEGER NOT NULL REFERENCES users (id),
	created_at    TEXT NOT NULL,
	updated_by    INTEGER REFERENCES users (id),
	updated_at    TEXT NOT NULL,
	version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX supervision_sessions_worker ON supervision_sessions (worker_id, held_on);

-- The families discussed in a session: each one named is an access to
-- that family, in its access log.
CREATE TABLE supervision_families (
	session_id INTEGER NOT NULL REFERENCES supervision_sessions (id),
	family_id  INTEGER NOT NULL REFERENCES families (id),
	PRIMARY KEY (session_id, family_id)
);
CREATE INDEX supervision_families_family ON supervision_families (family_id);

-- changed_after_discussion: when a discussed plan version was changed and
-- so went back to concept (regie.PlanStatus.AfterEdit); NULL once it is
-- discussed again. The team meeting's decision that it was discussed
-- stays in the minutes.
ALTER TABLE plan_versions ADD COLUMN changed_after_discussion TEXT;
