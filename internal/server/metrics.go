package server

import (
	"net/http"
	"strings"
	"time"

	"regie/internal/metrics"
)

// requestMetrics counts requests by route pattern (as registered, e.g.
// /gezinnen/{id}), method and status class: never the path itself, which
// holds ids, nor the query, which may hold a name searched for.
type requestMetrics struct {
	requests *metrics.Counter
	latency  *metrics.Histogram
}

func newRequestMetrics(r *metrics.Registry) *requestMetrics {
	return &requestMetrics{
		requests: r.Counter("regie_http_requests_total",
			"HTTP requests answered, by route pattern, method and status class.", "route", "method", "status"),
		latency: r.Histogram("regie_http_request_duration_seconds",
			"Time to answer an HTTP request, by route pattern and method.", metrics.LatencyBuckets, "route", "method"),
	}
}

func (m *requestMetrics) observe(method, pattern string, status int, d time.Duration) {
	if m == nil {
		return
	}
	route := routeLabel(pattern)
	method = methodLabel(method)
	m.requests.Inc(route, method, statusClass(status))
	m.latency.Observe(d.Seconds(), route, method)
}

// routeLabel is the path part of a ServeMux pattern ("GET /gezinnen/{id}"
// gives "/gezinnen/{id}"), or "unmatched" for a request no route took
// (refused before the router, for one).
func routeLabel(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	if _, path, ok := strings.Cut(pattern, " "); ok {
		return path
	}
	return pattern
}

// methodLabel keeps the label to the methods HTTP defines: a client's
// made-up method must not make new series.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "OTHER"
}

// statusClass is "2xx", "3xx", "4xx" or "5xx" (a handler that wrote
// nothing answered 200).
func statusClass(status int) string {
	if status == 0 {
		status = http.StatusOK
	}
	if status < 100 || status > 599 {
		return "other"
	}
	return string(rune('0'+status/100)) + "xx"
}
