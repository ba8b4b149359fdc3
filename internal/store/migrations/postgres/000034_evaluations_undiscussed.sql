-- The team agenda reads the evaluations its team has not discussed yet,
-- from the team's open families. The index by day made SQLite read every
-- evaluation of each of the team's ~740 families to find the few not
-- discussed (1.0 ms a page on the 25,000-family city), and PostgreSQL
-- read every undiscussed evaluation of the city; by family it is a probe
-- per family into an index of only the undiscussed ones (0.3 ms).

DROP INDEX evaluations_undiscussed;
CREATE INDEX evaluations_undiscussed ON evaluations (family_id, on_date) WHERE discussed_at IS NULL;
