-- The sociogram (issue 15; seed 003 §4.2): the family's ties in circles
-- around the household, kept at moments in time. Same logical schema as
-- the other dialect's 000026. The wrap-around flower has no tables: it is
-- drawn from the trajectories and the informal network.

-- A moment: the sociogram on one day ("Start", "Afsluiting").
CREATE TABLE sociogram_moments (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id),
	on_date    TEXT NOT NULL,
	label      TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX sociogram_moments_family ON sociogram_moments (family_id, on_date);

-- A tie of a moment. sector is one of regie.SocioSectors, strength of
-- regie.TieStrengths (the circle), quality of regie.TieQualities. name is
-- a name or a description of a person outside the household: family_id
-- is repeated so the family's destruction and every query scope by it.
CREATE TABLE sociogram_ties (
	id         INTEGER PRIMARY KEY,
	moment_id  INTEGER NOT NULL REFERENCES sociogram_moments (id),
	family_id  INTEGER NOT NULL REFERENCES families (id),
	sector     TEXT NOT NULL,
	name       TEXT NOT NULL,
	strength   TEXT NOT NULL,
	quality    TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL
);
CREATE INDEX sociogram_ties_moment ON sociogram_ties (moment_id);
CREATE INDEX sociogram_ties_family ON sociogram_ties (family_id);
