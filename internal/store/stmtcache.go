package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps SQLite's prepared statements between transactions.
//
// Parsing and planning a statement costs SQLite about as much as running
// it: a third of a family page's time went into sqlite3_prepare. The store
// writes its SQL inline, so the cache is keyed by the query text and fills
// itself: a query seen twice is prepared on the pool (after its
// transaction, because on SQLite's single write connection preparing
// inside one would wait for itself), and from then on a transaction runs
// it through Tx.StmtContext, which reuses the statement already prepared
// on that connection. PostgreSQL needs none of this: pgx keeps its own
// statement cache per connection.
//
// One driver statement serves every use on a connection, and SQLite's
// driver steps it in place. Two open result sets of the same query on the
// same connection would therefore disturb each other, so a transaction
// takes the cached statement for a multi-row query only at its first use
// of that query; a second use (perhaps inside a loop over the first's
// rows) is prepared on its own, as without the cache. Single-row queries
// and statements are consumed before the caller can run anything else.
type stmtCache struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
	seen  map[string]bool // seen once, not prepared yet
	want  []string        // seen twice: to prepare after the transaction
}

// stmtCacheMax bounds the cache. The store has a few hundred distinct
// queries; the rest are IN lists of every length, which need not stay.
const stmtCacheMax = 1000

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, seen: map[string]bool{}}
}

// get returns the prepared statement for query, or nil, and notes the
// query for preparing when it comes again.
func (c *stmtCache) get(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.stmts[query]; st != nil {
		return st
	}
	switch {
	case len(c.stmts)+len(c.want) >= stmtCacheMax:
	case c.seen[query]:
		delete(c.seen, query)
		c.want = append(c.want, query)
	case len(c.seen) < stmtCacheMax:
		c.seen[query] = true
	}
	return nil
}

// prepareWanted prepares the queries seen twice. It runs after a
// transaction, with no connection held.
func (c *stmtCache) prepareWanted(ctx context.Context) {
	if c == nil {
		return
	}
	c.mu.Lock()
	want := c.want
	c.want = nil
	c.mu.Unlock()
	for _, q := range want {
		st, err := c.db.PrepareContext(context.WithoutCancel(ctx), q) //nolint:sqlclosecheck // the cache keeps the statement; closed with the store
		if err != nil {
			continue // it runs unprepared, as it did
		}
		c.mu.Lock()
		if c.stmts[q] == nil {
			c.stmts[q], st = st, nil
		}
		c.mu.Unlock()
		if st != nil {
			st.Close()
		}
	}
}

// close closes the prepared statements.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// QueryContext runs a multi-row query, through the cache at its first use
// in the transaction.
func (t *tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	t.noteWrite(query)
	if !t.queried[query] {
		if st := t.cache.get(query); st != nil {
			if t.queried == nil {
				t.queried = map[string]bool{}
			}
			t.queried[query] = true
			return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...) //nolint:sqlclosecheck // the cache keeps the statement; closed with the store
		}
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a single-row query through the cache, unless a
// multi-row use of the same query may still be open.
func (t *tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	t.noteWrite(query)
	if t.queried[query] {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	if st := t.cache.get(query); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...) //nolint:sqlclosecheck // the cache keeps the statement; closed with the store
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement through the cache.
func (t *tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	t.noteWrite(query)
	if st := t.cache.get(query); st != nil {
		return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...) //nolint:sqlclosecheck // a transaction's statement closes with the transaction
	}
	return t.Tx.ExecContext(ctx, query, args...)
}
