-- The genogram (issue 15; seed 003 §4.2): the extended family over
-- generations. Same logical schema as the other dialect's 000025.

-- A person of the genogram: a member of the household (member_id; the
-- name and birth year are then read from the member) or a relative
-- recorded only here (name, sex, years). generation counts from the
-- parents: -1 the grandparents, 0 the parents, +1 the children. markers
-- is a comma-separated list of regie.GenogramMarkers.
CREATE TABLE genogram_persons (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	member_id  INTEGER REFERENCES members (id),
	name       TEXT NOT NULL DEFAULT '',
	sex        TEXT NOT NULL,
	birth_year INTEGER,
	death_year INTEGER,
	deceased   INTEGER NOT NULL DEFAULT 0,
	generation INTEGER NOT NULL,
	markers    TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX genogram_persons_family ON genogram_persons (family_id);
-- A member is one person of the genogram.
CREATE UNIQUE INDEX genogram_persons_member ON genogram_persons (member_id) WHERE member_id IS NOT NULL;

-- A relation between two persons: kind is one of
-- regie.GenogramRelationKinds; for a child kind from_id is the parent,
-- for care the carer.
CREATE TABLE genogram_relations (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	from_id    INTEGER NOT NULL REFERENCES genogram_persons (id),
	to_id      INTEGER NOT NULL REFERENCES genogram_persons (id),
	kind       TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	CHECK (from_id <> to_id)
);
CREATE INDEX genogram_relations_family ON genogram_relations (family_id);
