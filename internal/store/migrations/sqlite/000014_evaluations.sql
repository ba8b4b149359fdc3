-- Interim and final evaluations of the plan (seed 003 §5.4, §5.5,
-- appendix 2). One row per evaluation; who of the family took part, what
-- it found per goal and how the final one scored the eight end terms are
-- rows of their own, countable for the reports. The scores of self-
-- reliance are a scoring moment (moment_id). period_on is the day the
-- intensive period began (a relapse begins a new one): at most one final
-- evaluation per period, enforced by the partial unique index.
-- Same logical schema as postgres/000014.

CREATE TABLE evaluations (
	id             INTEGER PRIMARY KEY,
	family_id      INTEGER NOT NULL REFERENCES families (id),
	kind           TEXT NOT NULL,
	on_date        TEXT NOT NULL,
	period_on      TEXT NOT NULL,
	version_id     INTEGER NOT NULL REFERENCES plan_versions (id),
	casemanager    INTEGER NOT NULL DEFAULT 0,
	team           INTEGER NOT NULL DEFAULT 0,
	others         TEXT NOT NULL DEFAULT '',
	closing_answer TEXT NOT NULL DEFAULT '',
	next_due_on    TEXT,
	moment_id      INTEGER REFERENCES score_moments (id),
	new_version_id INTEGER REFERENCES plan_versions (id),
	meeting_id     INTEGER REFERENCES meetings (id),
	discussed_at   TEXT,
	discussed_by   INTEGER REFERENCES users (id),
	created_by     INTEGER NOT NULL REFERENCES users (id),
	created_at     TEXT NOT NULL
);
CREATE INDEX evaluations_family ON evaluations (family_id, on_date);
CREATE UNIQUE INDEX evaluations_final_once ON evaluations (family_id, period_on) WHERE kind = 'eind';
-- The team agenda lists the evaluations not yet discussed.
CREATE INDEX evaluations_undiscussed ON evaluations (on_date) WHERE discussed_at IS NULL;

CREATE TABLE evaluation_members (
	evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
	member_id     INTEGER NOT NULL REFERENCES members (id),
	PRIMARY KEY (evaluation_id, member_id)
);

-- The goal's words are kept: the plan changes after the evaluation.
-- degree: behaald, deels, niet (final only; '' in an interim one).
CREATE TABLE evaluation_goals (
	evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
	goal_key      TEXT NOT NULL,
	goal_text     TEXT NOT NULL,
	domain        TEXT NOT NULL,
	member_name   TEXT NOT NULL DEFAULT '',
	progress      TEXT NOT NULL DEFAULT '',
	changes       TEXT NOT NULL DEFAULT '',
	degree        TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL DEFAULT '',
	position      INTEGER NOT NULL,
	PRIMARY KEY (evaluation_id, goal_key)
);

-- term: a regie.EndTerms key; score: behaald, deels, niet, nvt.
CREATE TABLE evaluation_end_terms (
	evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
	term          TEXT NOT NULL,
	score         TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (evaluation_id, term)
);
