-- TEMPORARY placeholder on branch h/metrics so the numbers stay consecutive
-- (migration 000030 is this branch's). Drop this file when merging: another
-- branch owns number 000025.
SELECT 1;
