package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestStmtCache_NestedUseOfOneQuery proves that the cache prepares a
// query seen twice, and that a transaction may run the same query again
// while the first result set is still open — in a loop over its rows, as
// a single row, or as a statement — without the two disturbing each
// other (they would share one SQLite statement if both came from the
// cache).
func TestStmtCache_NestedUseOfOneQuery(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.db.Exec(`CREATE TABLE n (v INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO n (v) VALUES (1), (2), (3)`); err != nil {
		t.Fatal(err)
	}
	const q = `SELECT v FROM n WHERE v >= $1 ORDER BY v`
	const count = `SELECT count(*) FROM n WHERE v >= $1`
	values := func(tx *tx, from int) []int {
		rows, err := tx.QueryContext(ctx, q, from)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []int
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// Seen twice: prepared after the transaction.
	for range 2 {
		if err := s.write(ctx, func(tx *tx) error {
			values(tx, 1)
			var n int
			return tx.QueryRowContext(ctx, count, 1).Scan(&n)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if s.stmts.stmts[q] == nil || s.stmts.stmts[count] == nil {
		t.Fatalf("not prepared: %v", s.stmts.stmts)
	}
	err = s.write(ctx, func(tx *tx) error {
		rows, err := tx.QueryContext(ctx, q, 1)
		if err != nil {
			return err
		}
		defer rows.Close()
		var outer []int
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				return err
			}
			outer = append(outer, v)
			if inner := values(tx, v); !slices.Equal(inner, []int{1, 2, 3}[v-1:]) {
				t.Errorf("inner query from %d = %v", v, inner)
			}
			var single int
			if err := tx.QueryRowContext(ctx, q, 3).Scan(&single); err != nil || single != 3 {
				t.Errorf("single row = %d, %v", single, err)
			}
			var n int
			if err := tx.QueryRowContext(ctx, count, v).Scan(&n); err != nil || n != 4-v {
				t.Errorf("count from %d = %d, %v", v, n, err)
			}
		}
		if !slices.Equal(outer, []int{1, 2, 3}) {
			t.Errorf("outer query = %v", outer)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}
