-- Separation of duties for accounts (issue 10). An account an
-- administrator creates, and a password or second factor an administrator
-- resets, is one row here; it becomes usable only when a second person
-- confirms it (confirmed_at). made_by and confirmed_by are NULL when the
-- command line acted (the operator at the server: bootstrap and recovery).
-- seen_at is when the user read, after logging in, who changed their
-- account and when. Same logical schema as postgres/000010.

CREATE TABLE account_changes (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	-- 'aangemaakt' (a new account), 'wachtwoord' (a reset password) or
	-- 'wachtwoord_totp' (a reset password and second factor).
	kind         TEXT NOT NULL,
	made_by      INTEGER REFERENCES users (id),
	made_at      TEXT NOT NULL,
	confirmed_by INTEGER REFERENCES users (id),
	confirmed_at TEXT,
	seen_at      TEXT
);
CREATE INDEX account_changes_user ON account_changes (user_id);
CREATE INDEX account_changes_pending ON account_changes (confirmed_at) WHERE confirmed_at IS NULL;

-- When the current password was set (or its change confirmed): a
-- temporary password expires a fixed time after it. Existing accounts
-- count from their creation.
ALTER TABLE users ADD COLUMN password_set_at TEXT;
UPDATE users SET password_set_at = created_at;
