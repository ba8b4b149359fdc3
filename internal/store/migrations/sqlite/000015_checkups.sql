-- Check-ups after closing (seed 003, bijlage 2; seed 004): when the
-- coordination of care has stopped, the team checks with the family's
-- network how the family and the cooperation are doing, by default 3, 6
-- and 12 months after the file was closed (the norm
-- norm.checkup_maanden). family_doing and cooperation are the two
-- questions of the seed; assessment is goed, zorgen or ernstige_zorgen
-- (regie.CheckupAssessments). referral_id is the new referral a worrying
-- check-up started. The summary's checkups_done and last_checkup_on
-- (000012) are computed from this table.
-- Same logical schema as the other dialect's 000015.

CREATE TABLE checkups (
	id           INTEGER PRIMARY KEY,
	family_id    INTEGER NOT NULL REFERENCES families (id),
	held_on      TEXT NOT NULL,
	family_doing TEXT NOT NULL,
	cooperation  TEXT NOT NULL,
	assessment   TEXT NOT NULL,
	referral_id  INTEGER REFERENCES referrals (id),
	created_by   INTEGER NOT NULL REFERENCES users (id),
	created_at   TEXT NOT NULL
);
CREATE INDEX checkups_family ON checkups (family_id, held_on);
CREATE INDEX checkups_created ON checkups (created_at);

-- Who was spoken to: a member of the family, someone of an organisation
-- of the social map (name is the contact person), or anyone else (name
-- as typed).
CREATE TABLE checkup_parties (
	id         INTEGER PRIMARY KEY,
	checkup_id INTEGER NOT NULL REFERENCES checkups (id),
	kind       TEXT NOT NULL,
	member_id  INTEGER REFERENCES members (id),
	org_id     INTEGER REFERENCES organisations (id),
	name       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checkup_parties_checkup ON checkup_parties (checkup_id);

-- The check-ups a casemanager still has to do are of the closed files
-- they coordinated last (their ended coordinator assignments): found from
-- the user's side without scanning every assignment.
CREATE INDEX assignments_user_coordinator ON assignments (user_id, family_id) WHERE kind = 'regisseur';
