-- Reserved for another branch of issues 15/16 (h/idem keeps the numbering
-- contiguous); the merge replaces this file with that branch's migration.
SELECT 1;
