-- The balance model (balansmodel, Bakker e.a.): a family's carrying
-- capacity (draagkracht) against its burden (draaglast), recorded at
-- moments. A moment's factors carry family_id too, so every query (and
-- the destruction of a file) is scoped by the family without a join.
CREATE TABLE balance_moments (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id),
	recorded_on TEXT NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	created_by  INTEGER NOT NULL REFERENCES users (id),
	created_at  TEXT NOT NULL
);
CREATE INDEX balance_moments_family ON balance_moments (family_id, recorded_on);

-- kind: beschermend (draagkracht), taak or risico (draaglast); level:
-- persoon, gezin, omgeving (draagkracht) or micro, meso, macro
-- (draaglast); weight 1 (licht) to 3 (zwaar).
CREATE TABLE balance_factors (
	id        INTEGER PRIMARY KEY,
	family_id INTEGER NOT NULL REFERENCES families (id),
	moment_id INTEGER NOT NULL REFERENCES balance_moments (id),
	kind      TEXT NOT NULL,
	level     TEXT NOT NULL,
	text      TEXT NOT NULL,
	weight    INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 3)
);
CREATE INDEX balance_factors_moment ON balance_factors (family_id, moment_id);

-- A working line of the model tied to a plan goal by the goal's key,
-- which stays the same across the plan's versions.
CREATE TABLE balance_goal_lines (
	family_id  INTEGER NOT NULL REFERENCES families (id),
	goal_key   TEXT NOT NULL,
	line       TEXT NOT NULL,
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL,
	PRIMARY KEY (family_id, goal_key, line)
);
