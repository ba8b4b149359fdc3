-- Reserved: the number of another branch of issues 15/16 (h/council takes
-- 000028). Drop this file when the branches are merged.
SELECT 1;
