// Package server mounts regie's HTTP surfaces on one listener with the
// middleware every request passes — in this order: panic recovery, logging,
// security headers, cross-origin protection, body limit — plus /healthz and
// /readyz, and shuts down gracefully.
package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"regie/internal/metrics"
	"regie/internal/response"
)

// Config is what the server needs.
type Config struct {
	Addr string
	// UI serves the HTML application at /.
	UI http.Handler
	// Ready reports whether the database answers with the right schema.
	Ready  func(context.Context) error
	Logger *slog.Logger
	// TLSCert and TLSKey, when set, make the server speak HTTPS itself;
	// otherwise it expects a TLS-terminating proxy in front (or localhost).
	TLSCert, TLSKey string
	// MaxBodyBytes bounds every request body; routes set tighter limits.
	MaxBodyBytes int64
	// CrossSiteRefused answers a request that would change something but
	// came from another website (403): a page of the UI in Dutch with a
	// way back. Nil means a plain page with the same message.
	CrossSiteRefused http.Handler
	// Metrics, when set, counts every request by route pattern, method and
	// status class, with its latency.
	Metrics *metrics.Registry
	// MetricsAddr, when set, is a second listener that serves only
	// GET /metrics (Metrics in the Prometheus text format): for the
	// operator's scraper, never on the public address.
	MetricsAddr string
}

// Server is regie's HTTP server.
type Server struct {
	cfg Config
	ln  net.Listener
	srv *http.Server
	url string
	// msrv serves /metrics on MetricsAddr; nil without one.
	msrv *http.Server
	murl string
}

// New builds the server; Open starts listening.
func New(cfg Config) *Server {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 16 << 20
	}
	s := &Server{cfg: cfg}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	if cfg.MetricsAddr != "" {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", cfg.Metrics.Handler())
		s.msrv = &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: 10 * time.Second,
			WriteTimeout:      30 * time.Second,
			ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
		}
	}
	return s
}

// Handler returns the whole chain, for tests that use httptest.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		SetRoute(r, "GET /healthz")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		SetRoute(r, "GET /readyz")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.cfg.Ready(ctx); err != nil {
			s.cfg.Logger.WarnContext(ctx, "not ready", slog.String("error", err.Error()))
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "not ready")
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("/", s.cfg.UI)

	cop := http.NewCrossOriginProtection()
	refused := s.cfg.CrossSiteRefused
	if refused == nil {
		refused = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, crossSitePage)
		})
	}
	cop.SetDenyHandler(refused)
	var h http.Handler = mux
	h = limitBody(h, s.cfg.MaxBodyBytes)
	h = cop.Handler(h)
	h = headers(h)
	h = logRequests(h, s.cfg.Logger, newRequestMetrics(s.cfg.Metrics))
	h = recoverPanics(h, s.cfg.Logger)
	return h
}

// Open starts listening (":0" picks a free port; see URL).
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen on %s: %w", s.cfg.Addr, err)
	}
	scheme := "http"
	if s.cfg.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(s.cfg.TLSCert, s.cfg.TLSKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("server: load TLS certificate: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		scheme = "https"
	}
	s.ln = ln
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	s.url = fmt.Sprintf("%s://%s", scheme, net.JoinHostPort(host, port))
	if s.msrv != nil {
		mln, err := net.Listen("tcp", s.cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("server: listen for metrics on %s: %w", s.cfg.MetricsAddr, err)
		}
		s.murl = "http://" + mln.Addr().String()
		go func() {
			if err := s.msrv.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				s.cfg.Logger.Error("metrics server stopped", slog.String("error", err.Error()))
			}
		}()
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.cfg.Logger.Error("server stopped", slog.String("error", err.Error()))
		}
	}()
	return nil
}

// URL returns the address the server listens on, as a URL.
func (s *Server) URL() string { return s.url }

// MetricsURL returns the metrics listener's address as a URL ("" without
// one); the metrics are at MetricsURL()+"/metrics".
func (s *Server) MetricsURL() string { return s.murl }

// Close stops accepting requests and waits for running ones, up to the
// context's deadline; then it stops the metrics listener.
func (s *Server) Close(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if s.msrv != nil {
		err = errors.Join(err, s.msrv.Shutdown(ctx))
	}
	return err
}

// hsts tells browsers to use HTTPS only for the next two years. It is
// sent only over a connection regie itself serves with TLS: behind a
// TLS-terminating proxy, the proxy sets it (see README).
const hsts = "max-age=63072000"

func headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		response.SecurityHeaders(w.Header())
		if r.TLS != nil {
			w.Header().Set("Strict-Transport-Security", hsts)
		}
		next.ServeHTTP(w, r)
	})
}

func limitBody(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs every request at debug level, and counts it in the
// metrics, by route pattern and never by URL: paths hold ids and query
// strings may hold names searched.
func logRequests(next http.Handler, logger *slog.Logger, m *requestMetrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &RouteInfo{}
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			// A panic is answered 500 further out (recoverPanics): counted so.
			if v := recover(); v != nil {
				m.observe(r.Method, ri.Pattern, http.StatusInternalServerError, time.Since(start))
				panic(v)
			}
		}()
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), routeKey{}, ri)))
		m.observe(r.Method, ri.Pattern, sw.status, time.Since(start))
		logger.DebugContext(r.Context(), "request",
			slog.Group("request", slog.String("method", r.Method), slog.String("route", ri.Pattern)),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)))
	})
}

// RouteInfo is filled in by the surface that handles a request, so the
// log line can name the route pattern.
type RouteInfo struct{ Pattern string }

type routeKey struct{}

// SetRoute records the route pattern of the request for the log.
func SetRoute(r *http.Request, pattern string) {
	if ri, ok := r.Context().Value(routeKey{}).(*RouteInfo); ok {
		ri.Pattern = pattern
	}
}

// recoverPanics turns a panic into a 500 page; the process lives on.
func recoverPanics(next http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			logger.ErrorContext(r.Context(), "panic in handler", slog.String("method", r.Method),
				slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, panicPage)
		}()
		next.ServeHTTP(w, r)
	})
}

const crossSitePage = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Niet uitgevoerd — regie</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<h1>Niet uitgevoerd</h1><p>Dit verzoek kwam van een andere website. Om de gegevens van de gezinnen te beschermen, is er niets opgeslagen of gewijzigd.
Ga naar regie en doe het daar opnieuw.</p><p><a href="/">Naar de startpagina van regie</a></p></main></body></html>`

const panicPage = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Er ging iets mis — regie</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<h1>Er ging iets mis</h1><p>Er ging iets mis aan onze kant. Uw laatste wijziging is mogelijk niet opgeslagen: kijk het na.
Blijft het misgaan, meld het dan bij de functioneel beheerder.</p><p><a href="/">Naar de startpagina</a></p></main></body></html>`
