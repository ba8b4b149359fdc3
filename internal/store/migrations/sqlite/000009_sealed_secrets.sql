-- BSNs and TOTP secrets are sealed at rest with regie's key file, which
-- the database never holds (internal/keys). A sealed BSN cannot be
-- compared, so each member also gets a keyed blind index of it
-- ("<key id>:<HMAC-SHA256>") for equality search. The values already in
-- the database are sealed by the Go step that `regie migrate` runs after
-- the migrations (Store.SealSecrets), since SQL has no key to do it with.
-- Same logical schema as postgres/000009.

ALTER TABLE members ADD COLUMN bsn_index TEXT NOT NULL DEFAULT '';
CREATE INDEX members_bsn_index ON members (bsn_index) WHERE bsn_index <> '';
