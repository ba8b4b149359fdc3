package metrics_test

import (
	"math"
	"net/http/httptest"
	"strings"
	"testing"

	"regie/internal/metrics"
)

func TestRegistry_WritesTheTextFormat(t *testing.T) {
	r := metrics.New()
	c := r.Counter("regie_test_total", "Things counted,\nwith a second line and a \\.", "kind")
	c.Inc("a")
	c.Add(2, `odd "value"`+"\n"+`with \ backslash`)
	r.Gauge("regie_test_gauge", "A gauge.").Set(-1.5)
	h := r.Histogram("regie_test_seconds", "A histogram.", []float64{0.1, 1}, "route")
	h.Observe(0.05, "/a")
	h.Observe(0.5, "/a")
	h.Observe(7, "/a")
	r.Collect("regie_test_collected", "Collected.", metrics.KindGauge, []string{"pool"}, func(emit func(float64, ...string)) {
		emit(3, "write")
		emit(4, "read")
	})
	// Registering again returns the same family.
	r.Counter("regie_test_total", "Things counted.", "kind").Inc("a")

	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if got := rec.Header().Get("Content-Type"); got != metrics.ContentType {
		t.Errorf("Content-Type = %q", got)
	}
	body := rec.Body.String()
	samples, err := metrics.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, body)
	}
	for _, tc := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"regie_test_total", map[string]string{"kind": "a"}, 2},
		{"regie_test_total", map[string]string{"kind": `odd "value"` + "\n" + `with \ backslash`}, 2},
		{"regie_test_gauge", nil, -1.5},
		{"regie_test_seconds_bucket", map[string]string{"route": "/a", "le": "0.1"}, 1},
		{"regie_test_seconds_bucket", map[string]string{"route": "/a", "le": "1"}, 2},
		{"regie_test_seconds_bucket", map[string]string{"route": "/a", "le": "+Inf"}, 3},
		{"regie_test_seconds_count", map[string]string{"route": "/a"}, 3},
		{"regie_test_seconds_sum", map[string]string{"route": "/a"}, 7.55},
		{"regie_test_collected", map[string]string{"pool": "read"}, 4},
	} {
		got := metrics.Find(samples, tc.name, tc.labels)
		if len(got) != 1 || math.Abs(got[0].Value-tc.want) > 1e-9 {
			t.Errorf("%s%v = %v, want one sample of %v\n%s", tc.name, tc.labels, got, tc.want, body)
		}
	}
	if !strings.Contains(body, `# HELP regie_test_total Things counted,\nwith a second line and a \\.`) {
		t.Errorf("help text not escaped:\n%s", body)
	}
}

func TestRegistry_NilCountsNothing(t *testing.T) {
	var r *metrics.Registry
	r.Counter("x_total", "x").Inc()
	r.Gauge("x", "x").Set(1)
	r.Histogram("x_seconds", "x", metrics.LatencyBuckets).Observe(1)
	r.Collect("y", "y", metrics.KindGauge, nil, nil)
	var b strings.Builder
	if _, err := r.WriteTo(&b); err != nil || b.Len() != 0 {
		t.Errorf("WriteTo = %q, %v", b.String(), err)
	}
}

func TestParse_RefusesMalformed(t *testing.T) {
	for name, text := range map[string]string{
		"no type":        "x 1\n",
		"bad escape":     "# TYPE x gauge\nx{a=\"\\t\"} 1\n",
		"unterminated":   "# TYPE x gauge\nx{a=\"b} 1\n",
		"bad value":      "# TYPE x gauge\nx one\n",
		"split family":   "# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\nx 2\n",
		"not cumulative": "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n",
		"no +Inf":        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_count 2\nh_sum 1\n",
		"bad name":       "# TYPE 1x gauge\n",
	} {
		if _, err := metrics.Parse(strings.NewReader(text)); err == nil {
			t.Errorf("%s: parsed %q", name, text)
		}
	}
}
