// Package pgtest gives tests a real PostgreSQL: a throwaway cluster started
// from the initdb/postgres binaries on the machine, one per test binary,
// with a fresh database per test cloned from a migrated template.
//
// When TEST_DATABASE_URL is set, that server is used instead (its user must
// be allowed to create databases). When neither is available, tests skip
// with a clear message — except when CI=true, where they fail: CI proves
// everything.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for admin statements
)

// Cluster is a running PostgreSQL server for tests.
type Cluster struct {
	adminURL string // URL of a database to run CREATE DATABASE in
	dir      string // our temporary directory; empty when using TEST_DATABASE_URL
	cmd      *exec.Cmd
	admin    *sql.DB

	mu       sync.Mutex
	template string // name of the migrated template database
	seq      atomic.Int64
	// SkipReason is set when no PostgreSQL is available.
	SkipReason string
}

// Start starts a cluster, or returns one whose SkipReason says why none
// could be had. Call Stop when the tests are done (from TestMain).
func Start() *Cluster {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		c := &Cluster{adminURL: u}
		if err := c.openAdmin(); err != nil {
			return &Cluster{SkipReason: fmt.Sprintf("TEST_DATABASE_URL is set but does not answer: %v", err)}
		}
		return c
	}
	bin, err := findBinaries()
	if err != nil {
		return &Cluster{SkipReason: err.Error()}
	}
	c, err := startCluster(bin)
	if err != nil {
		return &Cluster{SkipReason: fmt.Sprintf("PostgreSQL binaries found in %s but the test cluster did not start: %v", bin, err)}
	}
	return c
}

// findBinaries returns the directory holding initdb and postgres.
func findBinaries() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "postgres")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("no PostgreSQL server binaries (initdb, postgres) on this machine: install Debian's postgresql package, or set TEST_DATABASE_URL")
}

func startCluster(bin string) (*Cluster, error) {
	// A short path: the Unix socket path must stay under 108 bytes, which a
	// t.TempDir() under a long test name can exceed.
	dir, err := os.MkdirTemp("", "pg")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	cred, err := credential(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	args := []string{"-D", data, "-k", dir, "-c", "listen_addresses=", "-c", "max_connections=200"}
	// Tests need no durability; benchmarks of writes do
	// (REGIE_PGTEST_DURABLE=1 keeps PostgreSQL's defaults: fsync, full
	// page writes and synchronous commit on, as in production).
	if os.Getenv("REGIE_PGTEST_DURABLE") != "1" {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	c.cmd = exec.Command(filepath.Join(bin, "postgres"), args...)
	// Its own process group, and killed with us: an aborted test run must
	// not leave a postmaster behind.
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Setpgid: true, Pdeathsig: syscall.SIGKILL}
	logf, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err == nil {
		c.cmd.Stdout, c.cmd.Stderr = logf, logf
		if cred != nil {
			_ = os.Chown(logf.Name(), int(cred.Uid), int(cred.Gid)) // the log is a help, not a need
		}
	}
	if err := c.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	c.adminURL = "postgres:///postgres?" + url.Values{"host": {dir}, "user": {"postgres"}, "sslmode": {"disable"}}.Encode()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err = c.openAdmin()
		if err == nil {
			return c, nil
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
			c.Stop()
			return nil, fmt.Errorf("postgres did not accept connections: %v\n%s", err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// credential returns the postgres user's credential when running as root
// (initdb refuses root) and gives it the directory; nil otherwise.
func credential(dir string) (*syscall.Credential, error) {
	if os.Getuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("running as root and there is no postgres user to run initdb as")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil //nolint:gosec // ids of an existing OS user
}

func (c *Cluster) openAdmin() error {
	db, err := sql.Open("pgx", c.adminURL)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return err
	}
	c.admin = db
	return nil
}

// Stop stops the server and removes its files.
func (c *Cluster) Stop() {
	if c.admin != nil {
		c.admin.Close()
	}
	if c.cmd != nil && c.cmd.Process != nil {
		// SIGQUIT: immediate shutdown; the data is thrown away anyway.
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGQUIT)
		done := make(chan struct{})
		go func() { _ = c.cmd.Wait(); close(done) }() // exits by our signal
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		}
	}
	if c.dir != "" {
		os.RemoveAll(c.dir)
	}
}

// Require skips (or, under CI=true, fails) the test when no PostgreSQL is
// available.
func (c *Cluster) Require(tb testing.TB) {
	tb.Helper()
	if c == nil || c.SkipReason == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("PostgreSQL is required in CI: %s", c.SkipReason)
	}
	tb.Skipf("skipping PostgreSQL test: %s", c.SkipReason)
}

// NewDatabase returns the URL of a new, empty-but-migrated database for one
// test, cloned from a template that migrate prepared once. The database is
// dropped when the test ends.
func (c *Cluster) NewDatabase(tb testing.TB, migrate func(url string) error) string {
	tb.Helper()
	c.Require(tb)
	c.mu.Lock()
	if c.template == "" {
		name := fmt.Sprintf("regie_template_%d", os.Getpid())
		if _, err := c.admin.Exec(`CREATE DATABASE ` + name); err != nil {
			c.mu.Unlock()
			tb.Fatalf("pgtest: create template: %v", err)
		}
		if err := migrate(c.urlFor(name)); err != nil {
			c.mu.Unlock()
			tb.Fatalf("pgtest: migrate template: %v", err)
		}
		c.template = name
	}
	c.mu.Unlock()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), c.seq.Add(1))
	if _, err := c.admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + c.template); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = c.admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) // the cluster goes at the end anyway
	})
	return c.urlFor(name)
}

// urlFor returns the admin URL pointed at another database.
func (c *Cluster) urlFor(name string) string {
	u, err := url.Parse(c.adminURL)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}
