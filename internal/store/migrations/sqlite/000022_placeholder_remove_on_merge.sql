-- Placeholder on the branch h/subject only: migration numbers must be
-- contiguous, and 000022 belongs to another part of issue 14
-- (break-glass). Remove this file when merging that part's 000022.
SELECT 1;
