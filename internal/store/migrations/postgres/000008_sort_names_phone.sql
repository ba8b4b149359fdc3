-- Dutch names sort by surname without its tussenvoegsel ("de Bruijn" under
-- B): families and users get the key regie.SortName makes of their name.
-- The key is made in Go, so the step that runs with this migration
-- (fillSortNames in migrate.go) fills it for the rows that exist; the store
-- sets it on every write of a name from then on. The key is made to be
-- compared byte by byte, so its columns use the "C" collation whatever the
-- database's locale (a locale collation skips the separator in the key).
--
-- users.phone: the number a family and its partners reach their
-- coordinator on; shown where the coordinator is named and on the printed
-- plan. Same logical schema as sqlite/…_sort_names_phone.sql.

ALTER TABLE families ADD COLUMN sort_name text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN sort_name text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN phone text NOT NULL DEFAULT '';
CREATE INDEX families_team_sort ON families (team_id, sort_name);
COMMENT ON COLUMN families.sort_name IS 'regie.SortName(household_name): surname first, without tussenvoegsel';
COMMENT ON COLUMN users.sort_name IS 'regie.SortName(name): surname first, without tussenvoegsel';
