package store

import (
	"context"
	"database/sql"
	"fmt"
	"regie"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A page reads many things that do not depend on each other: the family
// page's members, assignments, phase, intake, concerns, summary, contacts
// and so on. Each read is a round trip to PostgreSQL (about 150 µs of
// both processes' CPU on this machine, mostly in the network stack and
// the wake-ups), so the page's 30-odd reads cost more than the queries
// themselves. A batch collects such reads and sends them to PostgreSQL in
// one round trip (pgx's batch, on the transaction's own connection), and
// runs them one after the other on SQLite, where a query is a function
// call and costs no round trip.
//
// A read is queued with the function that scans its rows. The functions
// run while the batch's results are read, so they must only scan: never
// query (on PostgreSQL the connection is busy with the batch). Work that
// depends on what was read goes in then, which runs after every result
// is in and may queue the reads that follow from them into the next
// round: reads of several parts of a page that each need a second step
// still travel together. Queue a read only where it does not depend on
// an earlier read of the same round.
type batch struct {
	tx    *tx
	items []batchItem
	after []func(ctx context.Context, next *batch) error
}

// scanner is a row: *sql.Row, *sql.Rows or pgx's rows.
type scanner interface{ Scan(dest ...any) error }

type batchItem struct {
	query string
	args  []any
	// scan is called per row; with one set, once, with the first row or
	// with a scanner that answers sql.ErrNoRows.
	scan func(scanner) error
	one  bool
	// exec: a statement that returns no rows (scan is nil).
	exec bool
	what string // for errors: "store: <what>: ..."
}

// batch starts a batch in the transaction.
func (tx *tx) batch() *batch { return &batch{tx: tx} }

// each queues a multi-row read: scan is called for every row, in order.
func (b *batch) each(what, query string, args []any, scan func(scanner) error) {
	b.items = append(b.items, batchItem{query: query, args: args, scan: scan, what: what})
}

// row queues a single-row read: scan is called once, with the first row,
// or, when there is none, with a scanner whose Scan returns sql.ErrNoRows
// (as *sql.Row's does).
func (b *batch) row(what, query string, args []any, scan func(scanner) error) {
	b.items = append(b.items, batchItem{query: query, args: args, scan: scan, one: true, what: what})
}

// exec queues a statement that returns no rows, such as an INSERT: a
// write that needs nothing back can travel with others.
func (b *batch) exec(what, query string, args []any) {
	b.items = append(b.items, batchItem{query: query, args: args, exec: true, what: what})
}

// then queues fn to run after this round's reads, in the order queued.
// fn may query the transaction directly, and may queue reads (and more
// then) into next: the next round, which runs when every fn of this
// round has.
func (b *batch) then(fn func(ctx context.Context, next *batch) error) { b.after = append(b.after, fn) }

// run sends the queued reads, scans their rows, runs the functions queued
// with then, and so on, round after round, until nothing is queued.
func (b *batch) run(ctx context.Context) error {
	for b != nil && (len(b.items) > 0 || len(b.after) > 0) {
		var err error
		switch {
		case len(b.items) == 0:
		case b.tx.conn != nil && (len(b.items) > 1 || b.tx.Tx == nil):
			err = b.runPipelined(ctx, b.items)
		default:
			err = b.runEach(ctx, b.items)
		}
		if err != nil {
			return err
		}
		next := b.tx.batch()
		for _, fn := range b.after {
			if err := fn(ctx, next); err != nil {
				return err
			}
		}
		b = next
	}
	return nil
}

// readBatch runs the reads fn queues, for data that is not family data
// and writes no audit row (a session, the settings): on SQLite in a read
// transaction of the read pool, as read; on PostgreSQL in one round trip
// and no transaction of its own (the batch's statements share one
// implicit transaction), instead of three (BEGIN, the read, COMMIT). The
// functions fn queues with then must not query.
func (s *Store) readBatch(ctx context.Context, fn func(b *batch)) error {
	if s.pool == nil {
		return s.read(ctx, func(tx *tx) error {
			b := tx.batch()
			fn(b)
			return b.run(ctx)
		})
	}
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		return s.d.mapError(fmt.Errorf("store: connect: %w", err))
	}
	defer conn.Close()
	t := &tx{s: s, conn: conn, now: s.Clock.Now().UTC(), actor: regie.ActorFromContext(ctx)}
	b := t.batch()
	fn(b)
	return s.d.mapError(b.run(ctx))
}

// runEach runs the reads one by one, as the transaction's other queries.
func (b *batch) runEach(ctx context.Context, items []batchItem) error {
	for _, it := range items {
		if it.exec {
			if _, err := b.tx.ExecContext(ctx, it.query, it.args...); err != nil {
				return fmt.Errorf("store: %s: %w", it.what, err)
			}
			continue
		}
		rows, err := b.tx.QueryContext(ctx, it.query, it.args...)
		if err != nil {
			return fmt.Errorf("store: %s: %w", it.what, err)
		}
		err = it.read(rows)
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return fmt.Errorf("store: %s: %w", it.what, err)
		}
	}
	return nil
}

// runPipelined sends the reads as one pgx batch on the transaction's
// connection: one round trip (two, the first time a statement is seen on
// the connection, to prepare it).
func (b *batch) runPipelined(ctx context.Context, items []batchItem) error {
	return b.tx.conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return b.runEach(ctx, items)
		}
		pb := &pgx.Batch{}
		for _, it := range items {
			if it.exec {
				b.tx.noteWrite(it.query) // as tx.ExecContext does
			}
			pb.Queue(it.query, it.args...)
		}
		br := sc.Conn().SendBatch(ctx, pb)
		for _, it := range items {
			if it.exec {
				if _, err := br.Exec(); err != nil {
					br.Close()
					return fmt.Errorf("store: %s: %w", it.what, err)
				}
				continue
			}
			rows, err := br.Query()
			if err == nil {
				err = it.read(rows)
				rows.Close()
				if err == nil {
					err = rows.Err()
				}
			}
			if err != nil {
				br.Close()
				return fmt.Errorf("store: %s: %w", it.what, err)
			}
		}
		return br.Close()
	})
}

// rowsReader is what both kinds of rows have in common.
type rowsReader interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// read scans the rows of one item.
func (it batchItem) read(rows rowsReader) error {
	if it.one {
		if !rows.Next() {
			return it.scan(noRows{})
		}
		return it.scan(rows)
	}
	for rows.Next() {
		if err := it.scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// noRows is the row of a single-row read that found none.
type noRows struct{}

func (noRows) Scan(...any) error { return sql.ErrNoRows }
