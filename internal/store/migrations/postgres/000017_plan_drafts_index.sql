-- The team agenda lists every plan draft of the team's open families. The
-- drafts are few among many agreed versions whose rows are wide (the
-- plan's texts); a partial index finds them without reading the versions.
-- Same logical schema as the other dialect's 000017.

CREATE INDEX plan_versions_drafts ON plan_versions (family_id) WHERE status = 'concept';
