-- A password made by an administrator (a new account, a reset) is
-- temporary: the user chooses their own at the next log-in. Same logical
-- schema as sqlite/000005.

ALTER TABLE users ADD COLUMN password_temporary boolean NOT NULL DEFAULT false;
