-- Reports (issue 13): the contacts summed per family, month (its first
-- day), phase and author, kept in the same transaction as every contact
-- save, edit and phase move, so a report of a year of a large city reads
-- a quarter of the rows and sums only the partial months at the period's
-- edges from the contacts. Same logical schema as the other dialect's
-- 000021.
CREATE TABLE contact_months (
	family_id bigint NOT NULL REFERENCES families (id),
	month     date NOT NULL,
	phase     integer NOT NULL,
	user_id   bigint NOT NULL REFERENCES users (id),
	minutes   integer NOT NULL,
	contacts  integer NOT NULL,
	no_answer integer NOT NULL,
	refused   integer NOT NULL,
	PRIMARY KEY (family_id, month, phase, user_id)
);
INSERT INTO contact_months (family_id, month, phase, user_id, minutes, contacts, no_answer, refused)
	SELECT family_id, date_trunc('month', contact_date)::date, phase, user_id, SUM(minutes), COUNT(*),
		SUM(CASE WHEN attempt = 'geen_gehoor' THEN 1 ELSE 0 END), SUM(CASE WHEN attempt = 'afgewezen' THEN 1 ELSE 0 END)
	FROM contacts GROUP BY 1, 2, 3, 4;
-- The days of the months at a period's edges, by day, for the whole city.
CREATE INDEX contacts_date ON contacts (contact_date) INCLUDE (family_id, phase, user_id, minutes, attempt);
