package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"regie"
)

// GrantAppRole gives the PostgreSQL role of the running application what
// regie needs and nothing more, on every table of the schema: SELECT,
// INSERT, UPDATE and DELETE on the data; on the access log only SELECT
// and INSERT (no UPDATE, DELETE or TRUNCATE); on the chain heads SELECT
// and UPDATE (forward only, by trigger); schema_migrations read only. The
// role owns nothing, so it cannot ALTER a table or disable its triggers.
// Run it as the owner, after migrating (`regie migrate --app-role NAME`);
// a later migration's new tables need it again. The role must exist and
// must not be a superuser or the owner.
func (s *Store) GrantAppRole(ctx context.Context, role string) error {
	if s.d.name != "postgres" {
		return regie.Errorf(regie.EINVALID, "--app-role geldt alleen voor PostgreSQL: bij SQLite is er geen databaserol")
	}
	var super bool
	var current, schema string
	err := s.db.QueryRowContext(ctx, `SELECT rolsuper, current_user, current_schema() FROM pg_roles WHERE rolname = $1`, role).Scan(&super, &current, &schema)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return regie.Errorf(regie.EINVALID, "de rol %q bestaat niet; maak hem eerst: CREATE ROLE %s LOGIN PASSWORD '…' (zie README, PostgreSQL-rollen)", role, quoteIdent(role))
	case err != nil:
		return fmt.Errorf("store: grant app role: %w", err)
	case super:
		return regie.Errorf(regie.EINVALID, "de rol %q is superuser: die kan het toegangslog altijd wijzigen; geef regie een gewone rol", role)
	case role == current:
		return regie.Errorf(regie.EINVALID, "de rol %q is de eigenaar die migreert: de applicatie moet met een andere rol verbinden", role)
	}
	r, sch := quoteIdent(role), quoteIdent(schema)
	return s.write(ctx, func(tx *tx) error {
		for _, q := range []string{
			`GRANT USAGE ON SCHEMA ` + sch + ` TO ` + r,
			`REVOKE ALL ON ALL TABLES IN SCHEMA ` + sch + ` FROM ` + r,
			`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ` + sch + ` TO ` + r,
			`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ` + r,
			`REVOKE UPDATE, DELETE ON audit FROM ` + r,
			`REVOKE INSERT, DELETE ON audit_heads FROM ` + r,
			`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ` + sch + ` FROM ` + r,
			`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ` + sch + ` TO ` + r,
			// Where verify starts a chain after a detach: only regie
			// audit detach (the owner) writes it.
			`REVOKE INSERT, UPDATE, DELETE ON audit_cuts FROM ` + r,
			// The daily job makes the coming months' partitions.
			`GRANT EXECUTE ON FUNCTION audit_make_partition(date) TO ` + r,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("store: grant app role: %s: %w", q, err)
			}
		}
		// The access log's partitions (and months detached but not yet
		// dropped) are reached through audit only.
		rows, err := tx.QueryContext(ctx, `SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
			AND (c.relname = 'audit_default' OR c.relname LIKE 'audit\_y%' OR c.relname LIKE 'audit\_before\_%') ORDER BY 1`)
		if err != nil {
			return fmt.Errorf("store: grant app role: %w", err)
		}
		var parts []string
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				rows.Close() //nolint:sqlclosecheck // closed on each early return and after the loop
				return err
			}
			parts = append(parts, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, p := range parts {
			if _, err := tx.ExecContext(ctx, `REVOKE ALL ON `+quoteIdent(p)+` FROM `+r); err != nil { //nolint:gosec // a table name from the catalog, quoted
				return fmt.Errorf("store: grant app role: %w", err)
			}
		}
		return nil
	})
}

// AuditWritable reports, on PostgreSQL, whether the connected role could
// change or remove access-log rows itself: as superuser, as the owner of
// the audit table, or with UPDATE, DELETE or TRUNCATE on it. It is false
// on SQLite, where whoever has the file has everything anyway.
func (s *Store) AuditWritable(ctx context.Context) (bool, error) {
	if s.d.name != "postgres" {
		return false, nil
	}
	var w bool
	err := s.rdb.QueryRowContext(ctx, `SELECT r.rolsuper
		OR pg_has_role(current_user, c.relowner, 'USAGE')
		OR has_table_privilege('audit', 'UPDATE, DELETE, TRUNCATE')
		FROM pg_class c, pg_roles r
		WHERE c.oid = 'audit'::regclass AND r.rolname = current_user`).Scan(&w)
	if err != nil {
		return false, fmt.Errorf("store: audit privileges: %w", err)
	}
	return w, nil
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
