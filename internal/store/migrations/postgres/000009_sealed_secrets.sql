-- BSNs and TOTP secrets are sealed at rest with regie's key file, which
-- the database never holds (internal/keys). A sealed BSN cannot be
-- compared, so each member also gets a keyed blind index of it for
-- equality search. The values already in the database are sealed by the
-- Go step that `regie migrate` runs after the migrations
-- (Store.SealSecrets), since SQL has no key to do it with. Same logical
-- schema as sqlite/000009.

ALTER TABLE members ADD COLUMN bsn_index text NOT NULL DEFAULT '';
CREATE INDEX members_bsn_index ON members (bsn_index) WHERE bsn_index <> '';

COMMENT ON COLUMN members.bsn IS 'Sealed with the key file (enc:<key id>:…), or empty.';
COMMENT ON COLUMN members.bsn_index IS 'Keyed blind index of the BSN (<key id>:<HMAC-SHA256 hex>), for equality search; empty without a BSN.';
COMMENT ON COLUMN users.totp_secret IS 'Sealed with the key file (enc:<key id>:…), or empty.';
