-- A network partner's own work in a family (issue 12): the progress a
-- partner records on its organisation's agreements, with a short note.
-- Same logical schema as the other dialect's 000020.

-- The progress of the plan's agreements: who recorded it for which
-- organisation (NULL: the team), and what they noted.
ALTER TABLE agreement_progress ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE agreement_progress ADD COLUMN org_id INTEGER REFERENCES organisations (id);

-- The progress of a network meeting's agreement between meetings: the
-- owning organisation's partner records how it stands. The agreement's
-- status is the newest of these and of the meetings' progress, by day.
CREATE TABLE network_agreement_updates (
	id           INTEGER PRIMARY KEY,
	family_id    INTEGER NOT NULL REFERENCES families (id),
	agreement_id INTEGER NOT NULL REFERENCES network_agreements (id),
	status       TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	org_id       INTEGER REFERENCES organisations (id),
	by_user      INTEGER NOT NULL REFERENCES users (id),
	on_date      TEXT NOT NULL,
	at           TEXT NOT NULL
);
CREATE INDEX network_agreement_updates_family ON network_agreement_updates (family_id, agreement_id, id);
