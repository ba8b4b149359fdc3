-- Every family list and the team agenda name each family's current
-- coordinator (and duo), looked up per family by kind among its open
-- assignments. By family alone the lookup read each of the family's
-- assignments from the table to check its kind and end; this index
-- answers it from the index: on the 25,000-family city the agenda's
-- families query (~740 families) went from 4.5 to 3.0 ms on SQLite and
-- from about 5 to 3.7 ms on PostgreSQL.

CREATE INDEX assignments_current_family ON assignments (family_id, kind, user_id) WHERE ended_on IS NULL;
