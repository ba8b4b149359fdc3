-- The life domain an agreement serves, so that a partner organisation
-- whose consent covers some life domains sees only those agreements (as it
-- sees only those goals). Agreements made before have none ('') and are
-- shared with no partner until a new version of the plan gives them one:
-- an agreed version is frozen, so they are not guessed here. Same logical
-- schema as sqlite/000006.

ALTER TABLE plan_agreements ADD COLUMN domain text NOT NULL DEFAULT '';
