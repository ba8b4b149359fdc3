-- Placeholder on the branch h/retention only: migration numbers must be
-- contiguous, and 000023 belongs to another part of issue 14 (break-glass,
-- the AVG export). Remove this file when merging that part's 000023.
SELECT 1;
