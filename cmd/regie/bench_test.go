package main

// HTTP benchmarks: a real regie (Main) on loopback, on a SQLite database
// and on a PostgreSQL database (from the throwaway test cluster of
// internal/pgtest; skipped when there is none) with 25,000 generated
// families and their history (2,000,000 contacts), each built once per
// `go test -bench` process and only when a benchmark needs it.
//
//	go test -run '^$' -bench HTTP -benchtime 2000x ./cmd/regie/
//
// The serial sub-benchmarks report the latency of one request (p50-ms,
// p95-ms); the parallel ones, 16 clients at once as in PERFORMANCE.md's
// wrk runs, report req/s as well. REGIE_BENCH_FAMILIES sets another number
// of families; REGIE_BENCH_SQLITE (a file) and REGIE_BENCH_POSTGRES (a
// database's URL) keep the city between runs. The test cluster runs with
// fsync off unless REGIE_PGTEST_DURABLE=1 (see internal/pgtest): set it to
// measure PostgreSQL as durable as SQLite is here.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/keys"
	"regie/internal/password"
	"regie/internal/pgtest"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestMain stops the PostgreSQL test clusters (of storetest, and the one a
// benchmark started).
func TestMain(m *testing.M) {
	code := storetest.Main(m)
	if httpBench.pg != nil {
		httpBench.pg.Stop()
	}
	os.Exit(code)
}

// httpBenchEnv is a running regie with logged-in casemanagers and team
// leaders.
type httpBenchEnv struct {
	m        *Main
	client   *http.Client
	sessions []httpBenchSession // casemanagers
	leaders  []httpBenchSession // team leaders
	dsn      string             // the database, for the floor
	floor    *floorServer       // started by the first floor benchmark
}

// httpBenchSession is one user's session cookie and families.
type httpBenchSession struct {
	cookie   string
	userID   int64
	user     *regie.User
	families []int64
	members  []int64 // one current member per family, for the contact saves
}

var httpBench struct {
	mu     sync.Mutex
	envs   map[string]*httpBenchEnv
	failed map[string]bool
	pg     *pgtest.Cluster
}

// processTB is a testing.TB whose cleanups never run: for a database that
// lives as long as the process.
type processTB struct{ testing.TB }

func (processTB) Cleanup(func()) {}

// httpBenchServer returns the running regie on the dialect's benchmark
// database, building it on the first call of the process.
func httpBenchServer(b *testing.B, dialect string) *httpBenchEnv {
	b.Helper()
	httpBench.mu.Lock()
	defer httpBench.mu.Unlock()
	if env := httpBench.envs[dialect]; env != nil {
		return env
	}
	if httpBench.failed[dialect] {
		b.Skip("setting up the " + dialect + " HTTP benchmark server failed earlier in this process")
	}
	if httpBench.envs == nil {
		httpBench.envs, httpBench.failed = map[string]*httpBenchEnv{}, map[string]bool{}
	}
	httpBench.failed[dialect] = true // until it is done

	ctx := context.Background()
	dsn := storetest.KeptCity(dialect)
	switch {
	case dsn != "":
	case dialect == "sqlite":
		dsn = filepath.Join(storetest.ProcessTempDir(b, "regie-httpbench-"), "regie.db")
	default:
		if httpBench.pg == nil {
			httpBench.pg = pgtest.Start()
		}
		dsn = httpBench.pg.NewDatabase(processTB{b}, func(url string) error {
			s, err := store.Open(ctx, url, store.Options{})
			if err != nil {
				return err
			}
			defer s.Close()
			_, err = s.Migrate(ctx)
			return err
		})
	}
	st, err := store.Open(ctx, dsn, store.Options{Keys: keys.ForTest()})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	storetest.City(b, st, dialect)
	st.Close()

	cfg := defaultConfig(false)
	cfg.Database, cfg.Addr = dsn, "127.0.0.1:0"
	// The key of keys.ForTest, as the store's benchmarks seal with: a kept
	// city's access log is sealed under one key whichever benchmark wrote
	// to it, so `regie audit verify` still passes on it.
	cfg.KeyFile = filepath.Join(storetest.ProcessTempDir(b, "regie-httpbench-key-"), "regie.key")
	if err := keys.ForTestFile(cfg.KeyFile); err != nil {
		b.Fatal(err)
	}
	m := &Main{
		Config: cfg,
		// Requests are logged at debug level; info keeps the cost of
		// deciding not to, as in production.
		Logger:   slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Password: password.Params{MemoryKiB: 1024, Time: 1, Threads: 1},
	}
	if err := m.Run(ctx); err != nil {
		b.Fatal(err)
	}
	env := &httpBenchEnv{m: m, dsn: dsn, client: &http.Client{
		Transport:     &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}

	// Sessions for 16 casemanagers and 16 team leaders, made as the
	// log-in would make them.
	login := func(role regie.Role) []httpBenchSession {
		users, err := m.Store.FindUsers(ctx, regie.UserFilter{Role: ptrTo(role)})
		if err != nil {
			b.Fatal(err)
		}
		slices.SortFunc(users, func(a, b *regie.User) int { return int(a.ID - b.ID) })
		var out []httpBenchSession
		for _, u := range users[:min(16, len(users))] {
			token := rand.Text()
			sess := &regie.Session{TokenHash: auth.HashToken(token), UserID: u.ID, MFA: true, IP: "127.0.0.1", UserAgent: "regie-bench"}
			if err := m.Store.CreateSession(ctx, sess, 0, "benchmark"); err != nil {
				b.Fatal(err)
			}
			s := httpBenchSession{cookie: "__Host-regie=" + token, userID: u.ID, user: u}
			rows, err := m.Store.DB().QueryContext(ctx, `SELECT a.family_id,
				(SELECT min(m.id) FROM members m WHERE m.family_id = a.family_id AND m.ended_on IS NULL)
				FROM assignments a WHERE a.user_id = $1 AND a.kind IN ('regisseur', 'duo') AND a.ended_on IS NULL
				ORDER BY a.family_id`, u.ID)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				var id int64
				var member sql.NullInt64
				if err := rows.Scan(&id, &member); err != nil {
					b.Fatal(err)
				}
				s.families, s.members = append(s.families, id), append(s.members, member.Int64)
			}
			if err := rows.Err(); err != nil {
				b.Fatal(err)
			}
			rows.Close() //nolint:sqlclosecheck // closed in the loop that opened it, before the next
			if len(s.families) == 0 && role == regie.RoleCasemanager {
				b.Fatalf("casemanager %d has no families", u.ID)
			}
			out = append(out, s)
		}
		return out
	}
	env.sessions, env.leaders = login(regie.RoleCasemanager), login(regie.RoleTeamLeader)
	httpBench.envs[dialect], httpBench.failed[dialect] = env, false
	return env
}

func ptrTo[T any](v T) *T { return &v }

// get requests path on base with the session's cookie and reads the
// whole page.
func (env *httpBenchEnv) get(s httpBenchSession, base, path string) error {
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		return err
	}
	// The cookie is Secure; over plain loopback it is set by hand.
	req.Header.Set("Cookie", s.cookie)
	resp, err := env.client.Do(req)
	if err != nil {
		return err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || n == 0 {
		return fmt.Errorf("GET %s: %s, %d bytes", path, resp.Status, n)
	}
	return nil
}

// benchHTTP runs, on SQLite and on PostgreSQL, a serial and a parallel (16
// clients) sub-benchmark of the page that path returns for session s (of
// the casemanagers, or of the team leaders when leaders is set) and
// iteration i.
func benchHTTP(b *testing.B, leaders bool, path func(s httpBenchSession, i int) string) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) { benchHTTPOn(b, d, leaders, path) })
	}
}

func benchHTTPOn(b *testing.B, dialect string, leaders bool, path func(s httpBenchSession, i int) string) {
	benchHTTPAt(b, dialect, leaders, func(env *httpBenchEnv) string { return env.m.Server.URL() }, path)
}

// benchHTTPAt is benchHTTPOn against the server at base(env): regie's, or
// the floor's (bench_floor_test.go).
func benchHTTPAt(b *testing.B, dialect string, leaders bool, base func(*httpBenchEnv) string, path func(s httpBenchSession, i int) string) {
	sessions := func(env *httpBenchEnv) []httpBenchSession {
		if leaders {
			return env.leaders
		}
		return env.sessions
	}
	b.Run("serial", func(b *testing.B) {
		env := httpBenchServer(b, dialect)
		url := base(env)
		ss := sessions(env)
		storetest.Timed(b, func(i int) error {
			s := ss[0]
			if leaders { // round the team leaders: each team's agenda
				s = ss[i%len(ss)]
			}
			return env.get(s, url, path(s, i))
		})
	})
	b.Run("parallel16", func(b *testing.B) {
		env := httpBenchServer(b, dialect)
		url := base(env)
		ss := sessions(env)
		storetest.TimedParallel(b, 16, "req/s", func(w int) func(i int) error {
			s := ss[w%len(ss)]
			return func(i int) error { return env.get(s, url, path(s, i)) }
		})
	})
}

// BenchmarkHTTPFamilyPage is GET /gezinnen/{id} as the family's
// casemanager: session, policy, the family with its summary, signals and
// newest contacts, its audit row, the template.
func BenchmarkHTTPFamilyPage(b *testing.B) {
	benchHTTP(b, false, func(s httpBenchSession, i int) string {
		return "/gezinnen/" + strconv.FormatInt(s.families[i%len(s.families)], 10)
	})
}

// BenchmarkHTTPMyFamilies is GET /gezinnen, "Mijn gezinnen": about 30
// families with their phase, hours, last contact and signals.
func BenchmarkHTTPMyFamilies(b *testing.B) {
	benchHTTP(b, false, func(httpBenchSession, int) string { return "/gezinnen" })
}

// BenchmarkHTTPTeamAgenda is GET /teamoverleg/{dag} as a team leader, for
// this week's Monday: the agenda of a team of about 800 families.
func BenchmarkHTTPTeamAgenda(b *testing.B) {
	today := regie.DateOf(time.Now())
	day := today.Monday().ISO()
	benchHTTP(b, true, func(httpBenchSession, int) string { return "/teamoverleg/" + day })
}
