-- Reserved for the genogram (issue 15, branch h/genogram), which lands
-- its own 000025; this empty placeholder keeps the numbers consecutive on
-- this branch and is dropped when the branches are merged.
SELECT 1;
