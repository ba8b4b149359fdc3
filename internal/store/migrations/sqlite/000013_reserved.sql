-- Reserved: 000013 is another branch's migration (issue 11). This placeholder
-- only keeps the numbers contiguous on the branch and is dropped when
-- that migration is merged.
SELECT 1;
