-- Edits that cannot silently erase each other. Every edit form carries the
-- version of the record it showed; the store refuses a save whose version
-- is no longer the stored one (someone else saved in between) and the form
-- comes back with what was typed and what changed. contacts.version exists
-- since 000003. A plan version's edit counter is called revision, since
-- "version" is already the plan's own numbering (plan_versions.number).
-- updated_by and updated_at say who changed a record last and when
-- ("gewijzigd door … op …"); NULL: not changed since it was created.
-- Same logical schema as postgres/000011.

ALTER TABLE families ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE families ADD COLUMN updated_at TEXT;
ALTER TABLE families ADD COLUMN updated_by INTEGER REFERENCES users (id);

ALTER TABLE contacts ADD COLUMN updated_by INTEGER REFERENCES users (id);
-- Who made the current version of an edited contact: the change from
-- version n to n+1 kept version n with its changed_by.
UPDATE contacts SET updated_by = (SELECT v.changed_by FROM contact_versions v
	WHERE v.contact_id = contacts.id AND v.version = contacts.version - 1)
WHERE version > 1;

ALTER TABLE plan_versions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plan_versions ADD COLUMN updated_by INTEGER REFERENCES users (id);
