// Package store is regie's storage: hand-written, portable SQL over
// database/sql, on SQLite (modernc.org/sqlite, pure Go, the embedded
// default) or PostgreSQL (pgx, for large cities). The SQL text is the same
// on both wherever it can be; the few differences live in dialect.go.
//
// The store is also where the access policy and the audit meet the data:
// every public method that touches family data opens one transaction, reads
// the facts the policy needs, asks policy.Decide, does the work and writes
// the audit row — allowed or denied — before it commits. If the audit row
// cannot be written, nothing is.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"regie"
	"regie/internal/keys"
	"regie/internal/metrics"
)

// Store implements regie's service interfaces on a database.
type Store struct {
	// db takes every transaction that writes, including reads of family
	// data (each writes its audit row). On SQLite it has one connection:
	// one writer at a time is what SQLite does best, and it never waits
	// on a lock.
	db *sql.DB
	// rdb serves reads that write nothing (sessions, choice lists). On
	// PostgreSQL it is the same pool as db.
	rdb  *sql.DB
	pool *pgxpool.Pool // PostgreSQL only
	// stmts and rstmts keep SQLite's prepared statements for db and rdb
	// (see stmtCache); nil on PostgreSQL.
	stmts, rstmts *stmtCache
	d             dialect
	// Clock gives the time of every transaction; tests replace it.
	Clock regie.Clock
	// keys are regie's own keys, never stored in the database: they seal
	// secrets at rest and key the access log's hashes.
	keys *keys.Ring
	// auditKey hashes new access-log rows: derived from the key file's
	// newest key (nil without keys).
	auditKey *AuditKey
	// fanout admits one readFanned at a time to read on more connections
	// than one (see readFanned).
	fanout chan struct{}
	// metrics counts access-log rows; nil without Options.Metrics.
	metrics *storeMetrics
	// genericPlans: PostgreSQL's connections plan every statement once
	// (see genericPlans and tx.customPlans).
	genericPlans bool
	// ckpt copies SQLite's log into the file off the requests (see
	// checkpoint.go); nil on PostgreSQL and in memory.
	ckpt *checkpointer
}

// Options tunes Open.
type Options struct {
	Clock regie.Clock
	// MaxConns bounds the PostgreSQL pool and the SQLite read pool. Zero
	// means twice the number of cores, where PERFORMANCE.md found the knee.
	MaxConns int
	// Keys is the key file's ring (internal/keys). Required for every
	// store that holds data; a store opened without keys can only migrate.
	Keys *keys.Ring
	// MustExist refuses a SQLite file that is not there yet, instead of
	// creating an empty one: `serve` opens a database `migrate` made.
	MustExist bool
	// Metrics, when set, gets the store's counts: access-log rows
	// written and the connection pools' state.
	Metrics *metrics.Registry
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn: a postgres:// URL, or else the path
// of a SQLite file (created if absent). It does not migrate; see Migrate and
// CheckSchema.
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	if opt.Clock == nil {
		opt.Clock = regie.SystemClock()
	}
	if opt.MaxConns <= 0 {
		opt.MaxConns = 2 * runtime.NumCPU()
	}
	s := &Store{Clock: opt.Clock, keys: opt.Keys, auditKey: NewAuditKey(opt.Keys), fanout: make(chan struct{}, 1)}
	if IsPostgres(dsn) {
		cfg, err := pgxpool.ParseConfig(dsn)
		if err != nil {
			return nil, fmt.Errorf("store: parse postgres url: %w", redactURLError(err))
		}
		cfg.MaxConns = int32(opt.MaxConns) //nolint:gosec // a configured pool size, far below 2³¹
		// A server that does not answer a new connection is given up on
		// (the URL's connect_timeout, when set, decides instead).
		if cfg.ConnConfig.ConnectTimeout == 0 {
			cfg.ConnConfig.ConnectTimeout = 5 * time.Second
		}
		// Every statement is planned once per connection, not on every
		// execution (see genericPlans); the URL's plan_cache_mode, when
		// set, decides instead.
		if _, set := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !set {
			cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = genericPlans
		}
		s.genericPlans = cfg.ConnConfig.RuntimeParams["plan_cache_mode"] == genericPlans
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("store: connect postgres: %w", err)
		}
		s.pool = pool
		s.db = stdlib.OpenDBFromPool(pool)
		s.rdb = s.db
		s.d = postgresDialect
	} else {
		if opt.MustExist {
			if err := sqliteFileExists(dsn); err != nil {
				return nil, err
			}
		}
		if err := restrictSQLiteFiles(dsn); err != nil {
			return nil, err
		}
		w, err := sql.Open("sqlite", sqliteDSN(dsn, false))
		if err != nil {
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxLifetime(0)
		r, err := sql.Open("sqlite", sqliteDSN(dsn, true))
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		r.SetMaxOpenConns(opt.MaxConns)
		r.SetMaxIdleConns(opt.MaxConns)
		s.db, s.rdb, s.d = w, r, sqliteDialect
		s.stmts, s.rstmts = newStmtCache(w), newStmtCache(r)
		if _, inMemory := sqlitePath(dsn); !inMemory {
			if s.ckpt, err = startCheckpointer(dsn); err != nil {
				s.Close()
				return nil, err
			}
		}
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: ping database: %w", err)
	}
	s.registerMetrics(opt.Metrics)
	return s, nil
}

// genericPlans is PostgreSQL's plan_cache_mode for regie's connections.
// pgx prepares each statement once per connection, but PostgreSQL plans
// a prepared statement again for its parameters on every execution until
// it judges a generic plan as cheap as the custom ones — and for the
// statements that take their ids as one array (dialect.inIDs) it never
// does, so a page spent more time planning than executing (a statement
// log of the family page: bind 1.6 ms, execute 1.2 ms). regie's
// statements are short lookups by key whose best plan does not depend on
// the values; the access log's monthly partitions are pruned when the
// generic plan runs. The reports and searches, whose plans could depend
// on their parameters, were measured under it too (doc/design.md).
const genericPlans = "force_generic_plan"

// sqliteDSN builds the modernc DSN for a file. The PRAGMAs are in the DSN so
// every pooled connection gets them:
//   - busy_timeout first, so even setting WAL waits instead of failing;
//   - WAL lets readers go on while the one writer writes;
//   - synchronous(FULL) syncs the WAL at every commit: a crash or power
//     loss never loses an acknowledged write (NORMAL could lose the last
//     commits);
//   - foreign_keys is off by default in SQLite;
//   - temp_store(MEMORY) keeps the statement journal of a multi-row
//     statement in memory: auditEach's one INSERT of a list's rows (one
//     per family shown) otherwise spills it to a temporary file past
//     64 KiB, a write() per page changed;
//   - _txlock=immediate takes the write lock at BEGIN, so a transaction
//     that reads and then writes never fails with SQLITE_BUSY halfway;
//   - every connection reads the file through a memory map of up to
//     2 GiB (mmap_size): the pages are the operating system's cache,
//     shared by the connections, instead of a read() and a copy into each
//     connection's own cache — a year's report of a 25,000-family city (a
//     2.5 GB file) went from 2.1 s to 1.2 s on the read pool; on the
//     writer the team agenda (whose ~240 audit rows each find their place
//     in the access log's family index) spends a fifth less system time,
//     3–10 % less per call, in alternating runs. SQLite still
//     writes with write(), to the WAL and, when checkpointing, to the
//     file: a full disk is an error, never a fault on the map;
//   - the read pool is query_only and takes deferred transactions;
//   - the writer keeps 64 MiB of pages (cache_size; SQLite's default is
//     2 MiB): every audited page reads on it, in its write transaction,
//     and with the small cache each went back to the file — on a
//     3,000-family city the family page went from 299 to 367 req/s,
//     Mijn gezinnen from 150 to 164 (16 clients, in process).
func sqliteDSN(path string, readOnly bool) string {
	path = strings.TrimPrefix(path, "file:")
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_pragma", "mmap_size(2147483648)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Set("_txlock", "deferred")
	} else {
		q.Add("_pragma", "cache_size(-65536)")
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", checkpointSafety))
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// sqliteFileExists returns an EUNAVAILABLE error, in Dutch, when the
// database file of dsn does not exist (an in-memory database always does).
func sqliteFileExists(dsn string) error {
	path, inMemory := sqlitePath(dsn)
	if inMemory {
		return nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return regie.Errorf(regie.EUNAVAILABLE, "de database %s bestaat niet: maak hem met `regie migrate`, of controleer REGIE_DATABASE", path)
	} else if err != nil {
		return regie.Errorf(regie.EUNAVAILABLE, "de database %s is niet te lezen: %v", path, err)
	}
	return nil
}

// sqlitePath returns the file of a SQLite dsn, or inMemory.
func sqlitePath(dsn string) (path string, inMemory bool) {
	path, _, _ = strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	return path, path == "" || strings.HasPrefix(path, ":")
}

// restrictSQLiteFiles makes the database file readable by its owner only:
// it holds personal data. A new file is created 0600 before SQLite opens
// it, and SQLite gives the -wal and -shm files it makes beside it the
// database file's mode; an existing file and its companions that others
// may read lose those permissions.
func restrictSQLiteFiles(dsn string) error {
	path, inMemory := sqlitePath(dsn)
	if inMemory {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600) //nolint:gosec // the database file the operator configured
	if err != nil {
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return fmt.Errorf("store: open sqlite: %w", err)
		}
		if perm := fi.Mode().Perm(); perm&0o077 != 0 {
			if err := os.Chmod(p, perm&0o700); err != nil {
				return fmt.Errorf("store: restrict %s to its owner: %w", p, err)
			}
		}
	}
	return nil
}

// redactURLError keeps a password in a malformed URL out of error messages.
func redactURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return errors.New("malformed database URL")
	}
	return err
}

// Close closes the database.
func (s *Store) Close() error {
	err := s.ckpt.close()
	s.stmts.close()
	s.rstmts.close()
	if s.rdb != nil && s.rdb != s.db {
		err = errors.Join(err, s.rdb.Close())
	}
	if s.db != nil {
		err = errors.Join(err, s.db.Close())
	}
	if s.pool != nil {
		s.pool.Close()
	}
	return err
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Ping checks that the database answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error { return s.rdb.PingContext(ctx) }

// DB returns the write handle, for tests and the seed generator.
func (s *Store) DB() *sql.DB { return s.db }

// tx is a transaction with the time it started (one "now" for everything it
// writes) and the actor it acts for.
type tx struct {
	*sql.Tx
	// conn is the transaction's connection on PostgreSQL (nil on
	// SQLite), for batch.
	conn  *sql.Conn
	s     *Store
	now   time.Time
	actor *regie.Actor
	// cache holds the pool's prepared statements, or is nil; queried
	// are the multi-row queries this transaction ran through it.
	cache   *stmtCache
	queried map[string]bool
	// track: the request posted a form (regie.Submission), so the
	// transaction notes whether it wrote; wrote is set when it changed
	// data beyond its audit rows: a save, which records the form's token
	// (see idem.go).
	track, wrote bool
	// result is the id a save created, for the answer to a retry of the
	// same form (see Submission.Result).
	result int64
	// chain is the access-log chain whose head the transaction has
	// locked, when chainLocked (see lockChainHead); chainSeq and
	// chainHash are that head as the transaction last moved it.
	chain       int
	chainLocked bool
	chainSeq    int64
	chainHash   string
	// audited counts the access-log rows written, for the metrics.
	audited map[auditCount]int
	// customPlanned: customPlans has run.
	customPlanned bool
	// settingsRead is every setting as the transaction read them, or nil
	// (see batch.settings).
	settingsRead map[string]string
}

// errDenied carries a policy denial out of a transaction function: the
// transaction still commits, because the denied attempt's audit row must be
// kept, and the caller gets err.
type errDenied struct{ err error }

func (e *errDenied) Error() string { return e.err.Error() }
func (e *errDenied) Unwrap() error { return e.err }

// write runs fn in a read-write transaction and commits when fn succeeds
// (or was denied; see errDenied).
func (s *Store) write(ctx context.Context, fn func(*tx) error) error {
	return s.run(ctx, s.db, false, fn)
}

// read runs fn in a read-only transaction that writes nothing (and so no
// audit row): only for data that is not family data.
func (s *Store) read(ctx context.Context, fn func(*tx) error) error {
	return s.run(ctx, s.rdb, true, fn)
}

func (s *Store) run(ctx context.Context, db *sql.DB, readOnly bool, fn func(*tx) error) error {
	return s.runTx(ctx, db, &sql.TxOptions{ReadOnly: readOnly && s.d.name == "postgres"}, fn)
}

func (s *Store) runTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*tx) error) error {
	cache := s.stmts
	if db != s.db {
		cache = s.rstmts
	}
	// After the transaction has ended (deferred calls run last first).
	defer cache.prepareWanted(ctx)
	// On PostgreSQL the transaction keeps its connection at hand, for
	// the batches that pipeline its reads (see batch).
	var (
		conn  *sql.Conn
		sqlTx *sql.Tx
		err   error
	)
	if s.pool != nil {
		if conn, err = db.Conn(ctx); err != nil {
			return s.d.mapError(fmt.Errorf("store: begin: %w", err))
		}
		defer conn.Close()
		sqlTx, err = conn.BeginTx(ctx, opts)
	} else {
		sqlTx, err = db.BeginTx(ctx, opts)
	}
	if err != nil {
		return s.d.mapError(fmt.Errorf("store: begin: %w", err))
	}
	defer sqlTx.Rollback() //nolint:errcheck // a no-op after Commit
	t := &tx{Tx: sqlTx, conn: conn, s: s, now: s.Clock.Now().UTC(), actor: regie.ActorFromContext(ctx), cache: cache}
	sub := regie.SubmissionFromContext(ctx)
	t.track = sub != nil && db == s.db && !opts.ReadOnly
	err = fn(t)
	var denied *errDenied
	isDenied := err != nil && errors.As(err, &denied)
	if t.track && !isDenied {
		if replayed, rerr := t.submitted(ctx, sub, err); rerr != nil {
			return s.d.mapError(rerr)
		} else if replayed {
			return nil // rolled back: the earlier submit's save stands
		}
	}
	if err != nil && !isDenied {
		return s.d.mapError(err)
	}
	if cerr := sqlTx.Commit(); cerr != nil {
		return s.d.mapError(fmt.Errorf("store: commit: %w", cerr))
	}
	if db == s.db {
		s.ckpt.committed()
	}
	t.flushAuditCounts()
	if denied != nil {
		return denied.err
	}
	return nil
}

// customPlans has PostgreSQL plan the rest of the transaction's
// statements for their parameters again (plan_cache_mode auto), where
// the connection otherwise keeps one generic plan per statement (see
// genericPlans): for the aggregate reads whose best plan depends on the
// values — a year of a city's reports, a family's page of a log of
// millions of rows. Under the generic plans one statement of the report
// took 7 s instead of 1 s for the whole report, and the privacy
// officer's view of a family's log went from 4 to 16 ms p95.
func (t *tx) customPlans(ctx context.Context) error {
	if !t.s.genericPlans || t.customPlanned {
		return nil
	}
	if _, err := t.ExecContext(ctx, `SET LOCAL plan_cache_mode = auto`); err != nil {
		return fmt.Errorf("store: custom plans: %w", err)
	}
	t.customPlanned = true
	return nil
}

// queryIDs runs q, which selects one integer column, and returns its
// values in the order of the rows.
func (t *tx) queryIDs(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := t.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// today is the transaction's date in Dutch time.
func (t *tx) today() regie.Date { return regie.DateOf(t.now) }
