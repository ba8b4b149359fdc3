package server_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"regie/internal/server"
)

func TestPanicBecomes500AndServerLives(t *testing.T) {
	var logs strings.Builder
	ui := http.NewServeMux()
	ui.HandleFunc("GET /boem", func(w http.ResponseWriter, r *http.Request) { panic("kapot") })
	ui.HandleFunc("GET /goed", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "goed") })
	s := server.New(server.Config{Addr: "127.0.0.1:0", UI: ui, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		Ready: func(context.Context) error { return nil }})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())

	resp, err := http.Get(s.URL() + "/boem")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(body), "Er ging iets mis") {
		t.Fatalf("panic: status %d body %q", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "kapot") {
		t.Fatal("the panic was not logged for the operator")
	}
	resp, err = http.Get(s.URL() + "/goed")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("after a panic: status %d", resp.StatusCode)
	}
}

func TestReadyzReportsTheDatabase(t *testing.T) {
	var ready error
	h := server.New(server.Config{UI: http.NotFoundHandler(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ready: func(context.Context) error { return ready }}).Handler()
	get := func(p string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		return rec.Code
	}
	if got := get("/readyz"); got != 200 {
		t.Fatalf("ready: %d", got)
	}
	ready = errors.New("schema out of date")
	if got := get("/readyz"); got != 503 {
		t.Fatalf("not ready: %d", got)
	}
	if got := get("/healthz"); got != 200 {
		t.Fatalf("healthz while not ready: %d", got)
	}
}

func TestBodyLimit(t *testing.T) {
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "te groot", http.StatusRequestEntityTooLarge)
			return
		}
	})
	h := server.New(server.Config{UI: ui, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1024,
		Ready: func(context.Context) error { return nil }}).Handler()
	req := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(strings.Repeat("a", 4096)))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", rec.Code)
	}
}

func TestHSTSOnlyOverTLS(t *testing.T) {
	h := server.New(server.Config{UI: http.NotFoundHandler(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ready: func(context.Context) error { return nil }}).Handler()
	for _, tls := range []bool{true, false} {
		srv := httptest.NewUnstartedServer(h)
		if tls {
			srv.StartTLS()
		} else {
			srv.Start()
		}
		resp, err := srv.Client().Get(srv.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		srv.Close()
		got := resp.Header.Get("Strict-Transport-Security")
		if tls && !strings.HasPrefix(got, "max-age=") {
			t.Errorf("over TLS: Strict-Transport-Security = %q, want max-age", got)
		}
		if !tls && got != "" {
			t.Errorf("over plain HTTP: Strict-Transport-Security = %q, want none (browsers ignore it; a proxy sets it)", got)
		}
	}
}
