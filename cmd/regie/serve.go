package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"

	"regie"
	"regie/internal/anchor"
	"regie/internal/auth"
	"regie/internal/demo"
	"regie/internal/metrics"
	"regie/internal/password"
	"regie/internal/server"
	"regie/internal/store"
	"regie/internal/ui"
)

// Main is a running regie: the composition root that wires the store, the
// log-in service, the UI and the server. Tests build one on ":0".
type Main struct {
	Config Config
	// Demo fills an empty database with the fictional team and families,
	// shows the demo banner and lets demo accounts log in without a second
	// factor.
	Demo   bool
	Clock  regie.Clock
	Logger *slog.Logger
	// Password sets the argon2id cost; zero means password.Default.
	Password password.Params

	Store  *store.Store
	Server *server.Server
	// Anchorer writes the access log's chain heads to the anchor file,
	// every AnchorInterval and at Close.
	Anchorer *anchor.Anchorer
	// AnchorInterval is how often the heads are anchored; zero means a
	// minute.
	AnchorInterval time.Duration
	// RetentionInterval is how often the retention run destroys what is
	// due and approved; zero means a day.
	RetentionInterval time.Duration
	// RetentionDelay is how long after the start the first retention run
	// is tried; zero means a minute.
	RetentionDelay time.Duration
	// Metrics are the process's counts, served on Config.MetricsAddr;
	// Run makes the registry when it is nil.
	Metrics *metrics.Registry
	// Jobs runs the scheduled jobs, once per period over all processes.
	Jobs   *jobRunner
	cancel context.CancelFunc
	done   sync.WaitGroup
}

// Run opens the database, checks (or, for the demo, migrates) the schema,
// and starts serving. It returns once the server listens.
func (m *Main) Run(ctx context.Context) error {
	if m.Clock == nil {
		m.Clock = regie.SystemClock()
	}
	if m.Logger == nil {
		m.Logger = m.Config.logger(os.Stderr)
	}
	if m.Password == (password.Params{}) {
		m.Password = password.Default
	}
	if m.Metrics == nil {
		m.Metrics = metrics.New()
	}
	var newDemo bool
	if m.Demo {
		// Before a key file is made beside it: is this the demo's own?
		var err error
		if newDemo, err = checkDemoDatabase(ctx, m.Config.Database); err != nil {
			return err
		}
	}
	ring, err := m.Config.loadKeys(m.Demo)
	if err != nil {
		return err
	}
	// serve opens a database `migrate` made (the demo makes its own).
	st, err := store.Open(ctx, m.Config.Database, store.Options{Clock: m.Clock, MaxConns: m.Config.DBMaxConns, Keys: ring, MustExist: !m.Demo, Metrics: m.Metrics})
	if err != nil {
		return err
	}
	m.Store = st
	hasher := password.NewHasher(m.Password, runtime.NumCPU())
	if m.Demo {
		if _, err := st.Migrate(ctx); err != nil {
			return err
		}
		if newDemo {
			if err := st.MarkDemo(ctx); err != nil {
				return err
			}
		}
		if err := demo.Seed(ctx, st, hasher, m.Clock); err != nil {
			return fmt.Errorf("demogegevens aanmaken: %w", err)
		}
	}
	if err := st.CheckSchema(ctx); err != nil {
		return err
	}
	if err := st.CheckWritable(ctx); err != nil {
		return err
	}
	authn := auth.New(st, st, hasher, m.Clock, auth.Config{
		IdleTimeout: m.Config.SessionIdle, MaxAge: m.Config.SessionMax, RequireMFA: !m.Demo, Keys: ring,
		Shared: sharedFailures(st), Metrics: m.Metrics,
	})
	h, err := ui.New(ui.Config{
		Families: st, Users: st, Audit: st, Referrals: st, SocialMap: st, Settings: st, Rates: st, Reports: st,
		Contacts: st, Phases: st, Meetings: st, Plans: st, Consents: st, Trajectories: st, Coordination: st, Councils: st, Genograms: st, Evaluations: st, Permissions: st, Checkups: st, Stagnation: st, YouthConsents: st, Youth: st, Partners: st, Emergencies: st, Retention: st, Privacy: st, Sociograms: st,
		Balances: st,
		Auth:     authn, Clock: m.Clock, Logger: m.Logger,
		Demo: m.Demo, DevTemplates: m.Config.DevTemplates, TrustedProxies: m.Config.proxies, Timeout: m.Config.RequestTimeout,
	})
	if err != nil {
		return err
	}
	m.Server = server.New(server.Config{
		Addr: m.Config.Addr, UI: h, Logger: m.Logger, TLSCert: m.Config.TLSCert, TLSKey: m.Config.TLSKey,
		CrossSiteRefused: http.HandlerFunc(h.CrossSiteRefused),
		Metrics:          m.Metrics, MetricsAddr: m.Config.MetricsAddr,
		// Ready: the database answers, has this binary's schema, and can
		// be written (a read-only file or a full disk is not ready).
		Ready: func(ctx context.Context) error {
			if err := st.Ping(ctx); err != nil {
				return err
			}
			if err := st.CheckSchema(ctx); err != nil {
				return err
			}
			return st.CheckWritable(ctx)
		},
	})
	if err := m.Server.Open(); err != nil {
		return err
	}
	if w, err := st.AuditWritable(ctx); err != nil {
		return err
	} else if w {
		m.Logger.Warn("regie connects to PostgreSQL as a role that may change or remove access-log rows (superuser, owner, or UPDATE/DELETE/TRUNCATE on audit): " +
			"connect as an application role instead (regie migrate --app-role; README, \"PostgreSQL roles\")")
	}
	m.Anchorer = &anchor.Anchorer{File: &anchor.File{Path: m.Config.anchorFile(), Keys: ring}, Heads: st.AuditHeads, Clock: m.Clock, Logger: m.Logger}
	if m.AnchorInterval <= 0 {
		m.AnchorInterval = time.Minute
	}
	bg, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	// The access log's heads go outside the database at once and then
	// every interval (and at Close): rows after the last anchor are the
	// window in which removing a chain's newest rows goes unseen.
	m.done.Go(func() {
		t := time.NewTicker(m.AnchorInterval)
		defer t.Stop()
		for {
			if _, err := m.Anchorer.Anchor(bg); err != nil && bg.Err() == nil {
				m.Logger.Error("anchor the access log", slog.String("error", err.Error()))
			}
			select {
			case <-bg.Done():
				return
			case <-t.C:
			}
		}
	})
	// The scheduled jobs run once per period over all regie processes on
	// the database (see job): the daily retention run, first
	// RetentionDelay after the start and then every RetentionInterval, and
	// the sweep of expired sessions with the tokens of forms saved over a
	// week ago (store.IdempotencyKept: a retry comes within seconds).
	if m.RetentionInterval <= 0 {
		m.RetentionInterval = 24 * time.Hour
	}
	if m.RetentionDelay <= 0 {
		m.RetentionDelay = time.Minute
	}
	m.Jobs = newJobRunner(st, m.Clock, m.Logger, m.Metrics)
	m.done.Go(func() { m.Jobs.loop(bg, m.sessionSweepJob(), 0, sessionSweepInterval) })
	m.done.Go(func() { m.Jobs.loop(bg, m.retentionJob(), m.RetentionDelay, m.RetentionInterval) })
	m.done.Go(func() { m.Jobs.loop(bg, m.auditPartitionsJob(), m.RetentionDelay, m.RetentionInterval) })
	if m.Config.TLSCert == "" && len(m.Config.proxies) == 0 && !loopback(m.Config.Addr) {
		m.Logger.Warn("regie listens on a network address without TLS: browsers keep the Secure session cookie only over HTTPS " +
			"(or on localhost), so put a TLS proxy in front (REGIE_TRUSTED_PROXIES) or set REGIE_TLS_CERT and REGIE_TLS_KEY")
	}
	m.Logger.Info("regie started", slog.String("url", m.Server.URL()), slog.String("database", st.Dialect()), slog.Bool("demo", m.Demo),
		slog.String("metrics", m.Server.MetricsURL()))
	return nil
}

// sessionSweepInterval is how often expired sessions are cleared.
const sessionSweepInterval = 10 * time.Minute

// sessionSweepJob clears expired sessions from the table (they are
// refused at once anyway) and the tokens of forms saved over a week ago.
func (m *Main) sessionSweepJob() job {
	return job{name: "session_sweep", period: slotPeriod(sessionSweepInterval), stale: sessionSweepInterval,
		run: func(ctx context.Context) error {
			now := m.Clock.Now()
			if _, err := m.Store.DeleteExpiredSessions(ctx, now.Add(-m.Config.SessionIdle), now.Add(-m.Config.SessionMax)); err != nil {
				return err
			}
			_, err := m.Store.PurgeIdempotency(ctx, now.Add(-store.IdempotencyKept))
			return err
		}}
}

// auditPartitionsJob makes the access log's partitions of this month
// and the next store.AuditMonthsAhead, once a day (PostgreSQL; nothing on
// SQLite), so a month's partition is there months before its first row.
func (m *Main) auditPartitionsJob() job {
	return job{name: "audit_partitions", period: dailyPeriod, stale: 6 * time.Hour,
		run: func(ctx context.Context) error {
			made, err := m.Store.EnsureAuditPartitions(ctx, store.AuditMonthsAhead)
			if len(made) > 0 {
				m.Logger.Info("access log partitions made", slog.Int("partitions", len(made)))
			}
			return err
		}}
}

// retentionJob is the daily destruction: it destroys only what the
// privacy officer approved, is due and not held, once a (Dutch) day. It
// logs counts only, never a family's name.
func (m *Main) retentionJob() job {
	return job{name: "retention", period: dailyPeriod, stale: 6 * time.Hour,
		run: func(ctx context.Context) error {
			run, err := m.Store.RunRetention(regie.NewContextWithActor(ctx, regie.SystemActor()))
			if err != nil {
				return err
			}
			if len(run.Families) > 0 {
				m.Logger.Info("retention run destroyed family files", slog.Int64("run", run.ID), slog.Int("families", len(run.Families)))
			}
			return nil
		}}
}

// sharedFailures is where the log-in limits count per address and in
// total: in the database on PostgreSQL, where several regie processes may
// serve one city and must count together; in memory on SQLite, which one
// process serves (no database round trip for a refusal).
func sharedFailures(st *store.Store) auth.SharedFailures {
	if st.Dialect() == "postgres" {
		return st
	}
	return nil
}

// checkDemoDatabase refuses a database the demo did not create: the demo
// logs in without a second factor and adds fictional families, so it
// must never open a real installation. It reports whether the database
// is new.
func checkDemoDatabase(ctx context.Context, dsn string) (bool, error) {
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return false, err
	}
	defer st.Close()
	empty, isDemo, err := st.DemoState(ctx)
	if err != nil {
		return false, err
	}
	if !empty && !isDemo {
		return false, fmt.Errorf("%s is geen database van regie demo; de demo opent alleen een database die hij zelf heeft gemaakt: "+
			"kies een nieuw bestand met --database (of verwijder een oude demodatabase)", redacted(dsn))
	}
	return empty, nil
}

// loopback reports whether addr listens only on this machine.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Close stops the server (letting running requests finish), then the
// background work, anchors the access log's heads a last time, and closes
// the database.
func (m *Main) Close(ctx context.Context) error {
	var err error
	if m.Server != nil {
		err = m.Server.Close(ctx)
	}
	if m.cancel != nil {
		m.cancel()
		m.done.Wait()
	}
	if m.Anchorer != nil {
		if _, aerr := m.Anchorer.Anchor(ctx); aerr != nil {
			m.Logger.Error("anchor the access log", slog.String("error", aerr.Error()))
			err = errors.Join(err, aerr)
		}
	}
	if m.Store != nil {
		if cerr := m.Store.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// runServe runs `regie serve` and `regie demo` until a signal stops them.
func runServe(ctx context.Context, args []string, stdout io.Writer, isDemo bool) error {
	name := "serve"
	if isDemo {
		name = "demo"
	}
	cfg := defaultConfig(isDemo)
	if err := cfg.load(flag.NewFlagSet(name, flag.ContinueOnError), args, os.Getenv); err != nil {
		return err
	}
	m := &Main{Config: cfg, Demo: isDemo}
	if err := m.Run(ctx); err != nil {
		m.Close(context.Background())
		return err
	}
	if isDemo {
		fmt.Fprintf(stdout, "\nregie-demo draait op %s  (database: %s)\n\n", m.Server.URL(), cfg.Database)
		fmt.Fprintf(stdout, "Demo-accounts, allemaal met wachtwoord %q (geen tweede factor in de demo):\n", demo.Password)
		for _, l := range demo.Logins {
			fmt.Fprintf(stdout, "  %-32s %s — %s\n", l.Email, l.Role.Label(), l.Name)
		}
		fmt.Fprintln(stdout, "\nStoppen met Ctrl+C. De gegevens blijven bewaard in het bestand; verwijder het voor een schone demo.")
	} else {
		fmt.Fprintf(stdout, "regie draait op %s (database: %s)\n", m.Server.URL(), redacted(cfg.Database))
	}
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return m.Close(shutdown)
}
