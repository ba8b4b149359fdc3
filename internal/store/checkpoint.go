package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// SQLite's write-ahead log is copied into the database file by a
// checkpoint. Left to SQLite, the commit that takes the log past 1,000
// pages (4 MB) does it, so one request in a few pays for copying the
// others' pages and syncing the file: the team agenda, ~300 pages a
// view, paid every third view (p95 55 ms against 35–44 ms with
// checkpoints off the request). The checkpointer copies the log on its
// own connection instead, at most once per checkpointEvery and only after
// a commit, while the writer goes on (PASSIVE: it never waits for the
// writer or the readers, and the writer never waits for it). The writer's
// own automatic checkpoint stays on at a larger size, checkpointSafety,
// should the checkpointer fall behind or fail: a checkpoint that did not
// happen loses nothing — the log holds every committed write, synced.

const (
	// checkpointEvery is how often the checkpointer looks: a second's
	// writes at the contact-save budget are ~15,000 pages.
	checkpointEvery = time.Second
	// checkpointSafety is the writer's own automatic checkpoint, in pages
	// (64 MB): only when the checkpointer did not keep up.
	checkpointSafety = 16384
)

// checkpointer copies SQLite's log into the file in the background.
type checkpointer struct {
	db     *sql.DB
	wrote  atomic.Bool // a write committed since the last checkpoint
	stop   chan struct{}
	done   chan struct{}
	closer sync.Once
	err    error // of closing
}

// startCheckpointer opens the checkpointer's connection to the SQLite
// file path and starts it.
func startCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			if c.wrote.Swap(false) {
				// An error is left for the next look (see checkpoint).
				_, _, _ = c.checkpoint(context.Background())
			}
		}
	}
}

// checkpoint copies what it can of the log into the file now; it reports
// the log's pages and those copied.
func (c *checkpointer) checkpoint(ctx context.Context) (log, copied int, err error) {
	var busy int
	err = c.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &copied)
	// An error (a full disk, a read-only file) is left for the next look
	// and for the writer's own checkpoint, whose commit reports it:
	// nothing is lost.
	return log, copied, err
}

// committed notes a write for the next look.
func (c *checkpointer) committed() {
	if c != nil {
		c.wrote.Store(true)
	}
}

// close stops the checkpointer and closes its connection; once.
func (c *checkpointer) close() error {
	if c == nil {
		return nil
	}
	c.closer.Do(func() {
		close(c.stop)
		<-c.done
		c.err = c.db.Close()
	})
	return c.err
}
