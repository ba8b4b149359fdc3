-- A person's request to correct data (AVG 16) and its outcome, kept with
-- the family and the member it concerns (regie.Rectification). The
-- privacy officer records both; outcome is '' while the request is open,
-- and the answer is due one month after received_on (AVG 12(3)).
CREATE TABLE rectifications (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id),
	member_id   INTEGER NOT NULL REFERENCES members (id),
	segment     TEXT NOT NULL,
	what        TEXT NOT NULL,
	requested   TEXT NOT NULL,
	received_on TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES users (id),
	recorded_at TEXT NOT NULL,
	outcome     TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL DEFAULT '',
	decided_on  TEXT,
	decided_by  INTEGER REFERENCES users (id),
	decided_at  TEXT
);
CREATE INDEX rectifications_family ON rectifications (family_id, member_id);
-- The privacy officer's list: the open requests by deadline.
CREATE INDEX rectifications_open ON rectifications (received_on) WHERE outcome = '';
