-- The rest of a family's journey in the summary: what the evaluations,
-- the closing and the check-ups after it decided, so the werkbak and the
-- team agenda find what is due without reading each family's history.
-- next_interim_on: the day the next interim evaluation is due, as the last
-- interim evaluation set it (NULL: none held yet, the norm after the plan
-- applies). final_eval_on: the day of the final evaluation. closed_on: the
-- day the file was closed. checkups_done and last_checkup_on: the check-ups
-- held since it was closed. Every column is computed from the records by
-- computeSummary (summary.go), like the others.
-- Same logical schema as the other dialect's 000012.

ALTER TABLE family_summaries ADD COLUMN next_interim_on TEXT;
ALTER TABLE family_summaries ADD COLUMN final_eval_on TEXT;
ALTER TABLE family_summaries ADD COLUMN closed_on TEXT;
ALTER TABLE family_summaries ADD COLUMN checkups_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE family_summaries ADD COLUMN last_checkup_on TEXT;
