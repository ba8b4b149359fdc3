-- Three lookups that scanned a whole table, found by running the test
-- suite with every query's plan checked (issue 16):
--   - the team meeting's minutes read the intake decisions taken in the
--     meeting by meeting_id: every agenda scanned all decisions (31,000
--     on a 25,000-family city; 2.7 ms a page on SQLite);
--   - the check for a known family reads families by postcode, for each
--     referral on the agenda and on the referral's page: every check
--     scanned all families;
--   - the network meetings' progress is read through its meeting: every
--     coordination page scanned all progress rows.

CREATE INDEX intake_decisions_meeting ON intake_decisions (meeting_id);
CREATE INDEX families_postcode ON families (postcode);
CREATE INDEX network_progress_meeting ON network_progress (meeting_id);
