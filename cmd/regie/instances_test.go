package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"regie/internal/demo"
	"regie/internal/metrics"
	"regie/internal/store"
	"regie/internal/storetest"
)

// noRedirects is a client that shows redirects instead of following them.
func noRedirects() *http.Client {
	return &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// scrape reads a Main's /metrics from its metrics listener, checks the
// format strictly, and returns the text and its samples.
func scrape(t *testing.T, m *Main) (string, []metrics.Sample) {
	t.Helper()
	if m.Server.MetricsURL() == "" {
		t.Fatal("no metrics listener")
	}
	resp, err := http.Get(m.Server.MetricsURL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != metrics.ContentType {
		t.Fatalf("GET /metrics: %d %q %v", resp.StatusCode, resp.Header.Get("Content-Type"), err)
	}
	samples, err := metrics.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("/metrics does not parse: %v\n%s", err, b)
	}
	return string(b), samples
}

// sum adds the values of the samples of name whose labels include want.
func sum(samples []metrics.Sample, name string, want map[string]string) float64 {
	var v float64
	for _, s := range metrics.Find(samples, name, want) {
		v += s.Value
	}
	return v
}

// /metrics is on its own listener only; after a few requests it counts
// them by route pattern (a family's page by /gezinnen/{id}, never by its
// id), has the pools, access-log rows, log-in failures and jobs, and holds
// no path, id or e-mail address.
func TestServe_Metrics(t *testing.T) {
	m := startRegieWith(t, filepath.Join(t.TempDir(), "regie.db"), true, func(m *Main) {
		m.Config.MetricsAddr, m.RetentionDelay = "127.0.0.1:0", 24*time.Hour
	})
	ctx := context.Background()
	client := noRedirects()
	u, err := loadLogIn(ctx, client, m.Server.URL(), "casemanager@demo.regie.nl", demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	if len(u.families) == 0 {
		t.Fatal("the casemanager has no families")
	}
	family := u.families[0] // /gezinnen/<id>
	for _, p := range []string{family, family, "/gezinnen/987654", "/bestaat/niet/42"} {
		if _, _, err := u.get(ctx, client, m.Server.URL()+p); err != nil {
			t.Fatal(err)
		}
	}
	stranger := &loadUser{}
	if status, _, err := stranger.post(ctx, client, m.Server.URL()+"/inloggen",
		url.Values{"email": {"iemand.anders@voorbeeld.nl"}, "password": {"fout-wachtwoord-1"}}); err != nil || status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d %v", status, err)
	}
	if ran, err := m.Jobs.runOnce(ctx, m.retentionJob()); err != nil || !ran {
		t.Fatalf("retention job: %v %v", ran, err)
	}

	// Never on the public listener.
	if status, _, err := stranger.get(ctx, client, m.Server.URL()+"/metrics"); err != nil || status != http.StatusNotFound {
		t.Fatalf("public /metrics: %d %v", status, err)
	}
	text, samples := scrape(t, m)
	for _, c := range []struct {
		name   string
		labels map[string]string
		min    float64
	}{
		{"regie_http_requests_total", map[string]string{"route": "/gezinnen/{id}", "method": "GET", "status": "2xx"}, 2},
		{"regie_http_requests_total", map[string]string{"route": "/gezinnen/{id}", "method": "GET", "status": "4xx"}, 1},
		{"regie_http_requests_total", map[string]string{"route": "/inloggen", "method": "POST", "status": "3xx"}, 1},
		{"regie_http_requests_total", map[string]string{"route": "/inloggen", "method": "POST", "status": "4xx"}, 1},
		{"regie_http_requests_total", map[string]string{"route": "/", "method": "GET", "status": "4xx"}, 1},
		{"regie_http_request_duration_seconds_count", map[string]string{"route": "/gezinnen/{id}", "method": "GET"}, 3},
		{"regie_db_connections_max", map[string]string{"pool": "write"}, 1},
		{"regie_db_connections_max", map[string]string{"pool": "read"}, 1},
		{"regie_audit_rows_total", map[string]string{"action": "read", "outcome": "ok"}, 2},
		{"regie_audit_rows_total", map[string]string{"action": "login", "outcome": "failed"}, 1},
		{"regie_login_failures_total", map[string]string{"step": "password"}, 1},
		{"regie_job_runs_total", map[string]string{"job": "retention", "outcome": "ok"}, 1},
		{"regie_job_last_success_timestamp_seconds", map[string]string{"job": "retention"}, 1},
	} {
		if got := sum(samples, c.name, c.labels); got < c.min {
			t.Errorf("%s%v = %v, want at least %v", c.name, c.labels, got, c.min)
		}
	}
	for _, family := range []string{"regie_db_connections", "regie_db_waits_total", "regie_db_wait_seconds_total", "regie_login_refused_total"} {
		if !strings.Contains(text, "# TYPE "+family+" ") {
			t.Errorf("no family %s", family)
		}
	}
	for _, leak := range []string{family, "987654", "/bestaat", "@", "iemand", "demo.regie.nl"} {
		if strings.Contains(text, leak) {
			t.Errorf("/metrics holds %q:\n%s", leak, text)
		}
	}
}

// Two regie processes on one PostgreSQL share what a city's operations
// need shared: a session made through one is valid on the other, failed
// log-ins through both count toward one limit, and the daily job started
// by both at the same (injected) clock runs once.
func TestServe_TwoProcessesOnOnePostgreSQL(t *testing.T) {
	dsn, keyFile := storetest.PostgresURL(t), testKeyFile(t)
	clock := storetest.NewClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
	ctx := context.Background()
	// The demo (no second factor, demo accounts) on a database the test
	// made: marked as the demo's own.
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.MarkDemo(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	start := func() *Main {
		return startRegieWith(t, dsn, true, func(m *Main) {
			m.Config.KeyFile, m.Config.AnchorFile = keyFile, filepath.Join(t.TempDir(), "anchors")
			m.Config.MetricsAddr, m.Clock = "127.0.0.1:0", clock
			// The test starts the daily job itself, not the timer.
			m.RetentionDelay = 24 * time.Hour
		})
	}
	a, b := start(), start()
	client := noRedirects()

	// A session made through a is valid on b, and ended through b it is
	// gone on a.
	u, err := loadLogIn(ctx, client, a.Server.URL(), "casemanager@demo.regie.nl", demo.Password)
	if err != nil {
		t.Fatal(err)
	}
	if status, body, err := u.get(ctx, client, b.Server.URL()+"/gezinnen"); err != nil || status != http.StatusOK || !strings.Contains(body, "Mijn gezinnen") {
		t.Fatalf("the session on the other process: %d %v", status, err)
	}

	// One account guessed through both: the fifth failure is reached
	// with guesses spread over a and b, and the sixth is refused on either.
	guess := func(m *Main, email string) int {
		t.Helper()
		status, _, err := (&loadUser{}).post(ctx, client, m.Server.URL()+"/inloggen", url.Values{"email": {email}, "password": {"geraden-wachtwoord"}})
		if err != nil {
			t.Fatal(err)
		}
		return status
	}
	for i, m := range []*Main{a, b, a, b, a} {
		if got := guess(m, "teamleider@demo.regie.nl"); got != http.StatusUnauthorized {
			t.Fatalf("guess %d = %d, want 401", i+1, got)
		}
	}
	if got := guess(b, "teamleider@demo.regie.nl"); got != http.StatusTooManyRequests {
		t.Fatalf("sixth guess = %d, want 429", got)
	}
	// Many accounts from one address: the per-address limit (20 a minute,
	// in memory a process would allow each of the two its own 20) is
	// counted over both. Fifteen more failures make twenty.
	for i := range 15 {
		m := []*Main{a, b}[i%2]
		if got := guess(m, fmt.Sprintf("onbekend%d@voorbeeld.nl", i)); got != http.StatusUnauthorized {
			t.Fatalf("guess %d at another account = %d, want 401", i+1, got)
		}
	}
	for _, m := range []*Main{a, b} {
		if got := guess(m, "nog.een@voorbeeld.nl"); got != http.StatusTooManyRequests {
			t.Fatalf("the 21st failure from the address = %d, want 429", got)
		}
	}

	// The daily job, started by both at once at the same clock: one runs.
	run := func() (ranA, ranB bool) {
		var wg sync.WaitGroup
		var errA, errB error
		wg.Go(func() { ranA, errA = a.Jobs.runOnce(ctx, a.retentionJob()) })
		wg.Go(func() { ranB, errB = b.Jobs.runOnce(ctx, b.retentionJob()) })
		wg.Wait()
		if errA != nil || errB != nil {
			t.Fatalf("retention job: %v, %v", errA, errB)
		}
		return ranA, ranB
	}
	if ranA, ranB := run(); ranA == ranB {
		t.Fatalf("today: a ran %v, b ran %v; want exactly one", ranA, ranB)
	}
	if ranA, ranB := run(); ranA || ranB {
		t.Fatalf("again today: a ran %v, b ran %v; want neither", ranA, ranB)
	}
	clock.Advance(24 * time.Hour)
	if ranA, ranB := run(); ranA == ranB {
		t.Fatalf("the next day: a ran %v, b ran %v; want exactly one", ranA, ranB)
	}
	var claims int
	if err := a.Store.DB().QueryRowContext(ctx, `SELECT count(*) FROM job_runs WHERE job = 'retention' AND finished_at IS NOT NULL`).Scan(&claims); err != nil || claims != 2 {
		t.Fatalf("finished retention runs = %d, %v; want 2 (one a day)", claims, err)
	}

	// Each process counts what it did; together the two days' runs.
	_, sa := scrape(t, a)
	_, sb := scrape(t, b)
	if got := sum(sa, "regie_job_runs_total", map[string]string{"job": "retention", "outcome": "ok"}) +
		sum(sb, "regie_job_runs_total", map[string]string{"job": "retention", "outcome": "ok"}); got != 2 {
		t.Errorf("retention runs ok over both = %v, want 2", got)
	}
	if got := sum(sa, "regie_db_connections_max", map[string]string{"pool": "postgres"}); got < 1 {
		t.Errorf("postgres pool max = %v", got)
	}
	if got := sum(sa, "regie_login_refused_total", nil) + sum(sb, "regie_login_refused_total", nil); got != 3 {
		t.Errorf("refused log-ins over both = %v, want 3", got)
	}
}
