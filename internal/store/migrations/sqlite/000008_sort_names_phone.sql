-- Dutch names sort by surname without its tussenvoegsel ("de Bruijn" under
-- B): families and users get the key regie.SortName makes of their name.
-- The key is made in Go, so the step that runs with this migration
-- (fillSortNames in migrate.go) fills it for the rows that exist; the store
-- sets it on every write of a name from then on. SQLite compares text byte
-- by byte, which is the order the key is made for.
--
-- users.phone: the number a family and its partners reach their
-- coordinator on; shown where the coordinator is named and on the printed
-- plan. Same logical schema as postgres/…_sort_names_phone.sql.

ALTER TABLE families ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
CREATE INDEX families_team_sort ON families (team_id, sort_name);
