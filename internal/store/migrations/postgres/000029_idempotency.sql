-- Idempotency tokens (issue 16): every rendered form carries a fresh
-- random token; the save it posts records the token here in the same
-- transaction, so a second submit of the same form (a double tap, a phone
-- that retries after a dropped connection, a restart between commit and
-- answer) finds it and is not saved again. Same logical schema as the
-- other dialect's 000029.
--
-- No family or member column on purpose: a token says only that a user
-- saved a form; result is the id the save created (0 when it created
-- nothing), for the answer to the retry. Rows older than a week are
-- purged by the daily job (Store.PurgeIdempotency).
CREATE TABLE idempotency (
	token      text PRIMARY KEY,
	user_id    bigint NOT NULL,
	created_at timestamptz NOT NULL,
	result     bigint NOT NULL DEFAULT 0
);
CREATE INDEX idempotency_created ON idempotency (created_at);
