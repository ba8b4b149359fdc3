-- The youth worker's own track (seed 003 §6, issue 12): the youth's plan
-- per life domain, agreements, self-reliance scores and the final
-- evaluation, on the youth_tracks of 000018. Same logical schema as
-- postgres/000019.
--
-- All of it is what the youth told in confidence (SegYouthConfidential),
-- except the agreements with concerns_family set: those are shared with
-- the family's casemanager (SegYouth). The contacts of a track are the
-- family's contacts with contacts.youth_member_id set (000018).

-- youth_goals: the goal on one life domain in the youth's own words and
-- the steps the youth takes; one per domain per track, changed in place.
CREATE TABLE youth_goals (
	id         INTEGER PRIMARY KEY,
	track_id   INTEGER NOT NULL REFERENCES youth_tracks (id),
	domain     TEXT NOT NULL,
	words      TEXT NOT NULL,
	steps      TEXT NOT NULL DEFAULT '',
	updated_by INTEGER NOT NULL REFERENCES users (id),
	updated_at TEXT NOT NULL,
	UNIQUE (track_id, domain)
);

-- youth_agreements: who (in words) does what by when; status as the
-- plan's agreements (regie.AgreementStatuses).
CREATE TABLE youth_agreements (
	id              INTEGER PRIMARY KEY,
	track_id        INTEGER NOT NULL REFERENCES youth_tracks (id),
	owner           TEXT NOT NULL,
	what            TEXT NOT NULL,
	due             TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT 'afgesproken',
	concerns_family INTEGER NOT NULL DEFAULT 0,
	status_by       INTEGER REFERENCES users (id),
	status_at       TEXT,
	created_by      INTEGER NOT NULL REFERENCES users (id),
	created_at      TEXT NOT NULL
);
CREATE INDEX youth_agreements_track ON youth_agreements (track_id, due);

-- youth_score_moments / youth_scores: the youth's self-reliance per life
-- domain (regie.Score, 1–5) at a moment (kind: start, tussen, eind).
CREATE TABLE youth_score_moments (
	id         INTEGER PRIMARY KEY,
	track_id   INTEGER NOT NULL REFERENCES youth_tracks (id),
	scored_on  TEXT NOT NULL,
	kind       TEXT NOT NULL,
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE INDEX youth_score_moments_track ON youth_score_moments (track_id, scored_on);
CREATE TABLE youth_scores (
	moment_id INTEGER NOT NULL REFERENCES youth_score_moments (id),
	domain    TEXT NOT NULL,
	score     INTEGER NOT NULL,
	PRIMARY KEY (moment_id, domain)
);

-- youth_evaluations: the final evaluation that closes the track (one per
-- track); how_now is how it goes now in the youth's own words. Per goal
-- (youth_evaluation_goals) how far it was reached (regie.GoalDegrees),
-- with the goal's words as they were.
CREATE TABLE youth_evaluations (
	id         INTEGER PRIMARY KEY,
	track_id   INTEGER NOT NULL UNIQUE REFERENCES youth_tracks (id),
	held_on    TEXT NOT NULL,
	how_now    TEXT NOT NULL,
	created_by INTEGER NOT NULL REFERENCES users (id),
	created_at TEXT NOT NULL
);
CREATE TABLE youth_evaluation_goals (
	evaluation_id INTEGER NOT NULL REFERENCES youth_evaluations (id),
	goal_id       INTEGER NOT NULL REFERENCES youth_goals (id),
	position      INTEGER NOT NULL,
	domain        TEXT NOT NULL,
	words         TEXT NOT NULL,
	degree        TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (evaluation_id, goal_id)
);

-- The contacts of a youth's track, for the track's page.
CREATE INDEX contacts_youth ON contacts (youth_member_id, contact_date);
