-- The family council (familieberaad, issue 15; seed 003 §4.2): planned
-- for a day and a place with the people invited, recorded afterwards with
-- who attended, the notes per agenda point and aspect (regie.CouncilAgenda,
-- regie.CouncilAspects) and the agreements who/what/when. Same logical
-- schema as the other dialect's 000028.

-- recorded_at: when it was recorded after it was held (NULL while only
-- planned). taken_over_version_id: the plan version its agreements were
-- added to, once (the take-over sets it only when NULL).
CREATE TABLE councils (
	id                    INTEGER PRIMARY KEY,
	family_id             INTEGER NOT NULL REFERENCES families (id),
	held_on               TEXT NOT NULL,
	place                 TEXT NOT NULL DEFAULT '',
	created_by            INTEGER NOT NULL REFERENCES users (id),
	created_at            TEXT NOT NULL,
	updated_at            TEXT NOT NULL,
	recorded_at           TEXT,
	recorded_by           INTEGER REFERENCES users (id),
	taken_over_version_id INTEGER REFERENCES plan_versions (id),
	taken_over_at         TEXT,
	taken_over_by         INTEGER REFERENCES users (id)
);
CREATE INDEX councils_family ON councils (family_id, held_on);

-- Who was invited and who attended: a member, a person of the informal
-- network or a worker (kind: regie.CouncilPersonKind), one of the three
-- ids set.
CREATE TABLE council_people (
	council_id INTEGER NOT NULL REFERENCES councils (id),
	kind       TEXT NOT NULL,
	member_id  INTEGER REFERENCES members (id),
	person_id  INTEGER REFERENCES network_persons (id),
	user_id    INTEGER REFERENCES users (id),
	invited    INTEGER NOT NULL DEFAULT 0,
	attended   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX council_people_council ON council_people (council_id);

-- What was said at an agenda point on one aspect (feeling, cause, effect,
-- solution).
CREATE TABLE council_notes (
	council_id INTEGER NOT NULL REFERENCES councils (id),
	point      TEXT NOT NULL,
	aspect     TEXT NOT NULL,
	text       TEXT NOT NULL,
	PRIMARY KEY (council_id, point, aspect)
);

-- The agreements who/what/when, owned as the plan's are (owner_kind:
-- regie.OwnerKind, one of the four ids set).
CREATE TABLE council_agreements (
	id         INTEGER PRIMARY KEY,
	council_id INTEGER NOT NULL REFERENCES councils (id),
	position   INTEGER NOT NULL,
	owner_kind TEXT NOT NULL,
	member_id  INTEGER REFERENCES members (id),
	org_id     INTEGER REFERENCES organisations (id),
	user_id    INTEGER REFERENCES users (id),
	person_id  INTEGER REFERENCES network_persons (id),
	domain     TEXT NOT NULL DEFAULT '',
	what       TEXT NOT NULL,
	due        TEXT NOT NULL
);
CREATE INDEX council_agreements_council ON council_agreements (council_id);
