package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"regie/internal/metrics"
	"regie/internal/server"
)

// Requests are counted by the route pattern the surface reports, the
// method (made-up methods as OTHER) and the status class, panics as 5xx;
// the metrics are served on their own listener only.
func TestMetrics_RequestsByRoutePattern(t *testing.T) {
	ui := http.NewServeMux()
	route := func(pattern string, h http.HandlerFunc) {
		ui.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			server.SetRoute(r, pattern)
			h(w, r)
		})
	}
	route("GET /gezinnen/{id}", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "gezin") })
	route("GET /boem", func(w http.ResponseWriter, r *http.Request) { panic("kapot") })
	reg := metrics.New()
	s := server.New(server.Config{Addr: "127.0.0.1:0", MetricsAddr: "127.0.0.1:0", Metrics: reg, UI: ui,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Ready: func(context.Context) error { return nil }})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	do := func(method, path string) int {
		t.Helper()
		req, err := http.NewRequest(method, s.URL()+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	do("GET", "/gezinnen/123")
	do("GET", "/gezinnen/456")
	do("BREW", "/gezinnen/123")
	do("GET", "/boem")
	do("GET", "/healthz")
	if got := do("GET", "/metrics"); got != http.StatusNotFound {
		t.Errorf("/metrics on the public listener: %d", got)
	}

	resp, err := http.Get(s.MetricsURL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	samples, err := metrics.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	for _, c := range []struct {
		labels map[string]string
		want   float64
	}{
		{map[string]string{"route": "/gezinnen/{id}", "method": "GET", "status": "2xx"}, 2},
		{map[string]string{"route": "unmatched", "method": "OTHER", "status": "4xx"}, 1},
		{map[string]string{"route": "/boem", "method": "GET", "status": "5xx"}, 1},
		{map[string]string{"route": "/healthz", "method": "GET", "status": "2xx"}, 1},
	} {
		got := metrics.Find(samples, "regie_http_requests_total", c.labels)
		if len(got) != 1 || got[0].Value != c.want {
			t.Errorf("%v = %v, want %v\n%s", c.labels, got, c.want, b)
		}
	}
	for _, leak := range []string{"123", "456", "BREW"} {
		if strings.Contains(string(b), leak) {
			t.Errorf("the metrics hold %q", leak)
		}
	}
}
