-- A password made by an administrator (a new account, a reset) is
-- temporary: the user chooses their own at the next log-in. Same logical
-- schema as postgres/000005.

ALTER TABLE users ADD COLUMN password_temporary INTEGER NOT NULL DEFAULT 0;
