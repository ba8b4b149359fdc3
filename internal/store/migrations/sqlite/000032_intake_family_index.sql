-- The family page reads the intake decision that accepted a family by
-- family_id (familyIntake), and only an index on referral_id was there: on
-- a 25,000-family city every family page scanned all 31,000 decisions
-- (2.4 ms of PostgreSQL's time per page; issue 16's profile).

CREATE INDEX intake_decisions_family ON intake_decisions (family_id, decided_at);
