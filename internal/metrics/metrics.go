// Package metrics keeps regie's operational counts and writes them in the
// Prometheus text exposition format (version 0.0.4), by hand: counters,
// gauges, histograms with fixed buckets, and collectors that read a value
// when scraped (the database pools). It has no package state: the
// composition root makes one Registry and hands it to the parts that
// count.
//
// Labels are for bounded sets only — a route pattern, a method, a status
// class, an action, a job name — never a path, a name, an id or an e-mail
// address. A nil *Registry and the nil handles it returns count nothing,
// so a part built without metrics needs no checks.
package metrics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Kind is the type of a metric family.
type Kind string

// The kinds of families.
const (
	KindCounter   Kind = "counter"
	KindGauge     Kind = "gauge"
	KindHistogram Kind = "histogram"
)

// LatencyBuckets are the upper bounds, in seconds, of request latency
// histograms: from 5 ms (a page from memory) to 10 s (a report).
var LatencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Registry holds metric families. It is safe for concurrent use.
type Registry struct {
	mu   sync.Mutex
	fams map[string]*family
}

// New returns an empty registry.
func New() *Registry { return &Registry{fams: map[string]*family{}} }

var nameRE = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)

// family is one metric: its samples by label values.
type family struct {
	name, help string
	kind       Kind
	labels     []string
	buckets    []float64 // histograms: upper bounds, ascending, without +Inf

	mu     sync.Mutex
	series map[string]*series
	// collect, when set, gives the samples at scrape time instead.
	collect func(emit func(v float64, labelValues ...string))
}

type series struct {
	values []string
	value  float64  // counter, gauge
	counts []uint64 // histogram: per bucket, the last one +Inf
	sum    float64
}

// register returns the family of name, made on first use. Registering a
// name again with the same kind and labels returns the same family (two
// parts may count into one); anything else is a programming error.
func (r *Registry) register(name, help string, kind Kind, labels []string, buckets []float64) *family {
	if !nameRE.MatchString(name) {
		panic("metrics: bad metric name " + name)
	}
	for _, l := range labels {
		if !nameRE.MatchString(l) || strings.Contains(l, ":") || strings.HasPrefix(l, "__") || l == "le" {
			panic("metrics: bad label name " + l)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.fams[name]; ok {
		if f.kind != kind || strings.Join(f.labels, ",") != strings.Join(labels, ",") {
			panic("metrics: " + name + " registered twice with different kinds or labels")
		}
		return f
	}
	f := &family{name: name, help: help, kind: kind, labels: labels, buckets: buckets, series: map[string]*series{}}
	r.fams[name] = f
	return f
}

// with returns the series of the label values, made on first use.
func (f *family) with(values []string) *series {
	if len(values) != len(f.labels) {
		panic(fmt.Sprintf("metrics: %s takes %d label values, got %d", f.name, len(f.labels), len(values)))
	}
	key := strings.Join(values, "\xff")
	s := f.series[key]
	if s == nil {
		s = &series{values: append([]string(nil), values...)}
		if f.kind == KindHistogram {
			s.counts = make([]uint64, len(f.buckets)+1)
		}
		f.series[key] = s
	}
	return s
}

// Counter is a family of counters: values that only go up.
type Counter struct{ f *family }

// Counter returns the counter family name with the given label names.
func (r *Registry) Counter(name, help string, labels ...string) *Counter {
	if r == nil {
		return nil
	}
	return &Counter{r.register(name, help, KindCounter, labels, nil)}
}

// Add adds v (≥ 0) to the counter of the label values.
func (c *Counter) Add(v float64, labelValues ...string) {
	if c == nil || v < 0 {
		return
	}
	c.f.mu.Lock()
	c.f.with(labelValues).value += v
	c.f.mu.Unlock()
}

// Inc adds one to the counter of the label values.
func (c *Counter) Inc(labelValues ...string) { c.Add(1, labelValues...) }

// Gauge is a family of values that go up and down.
type Gauge struct{ f *family }

// Gauge returns the gauge family name with the given label names.
func (r *Registry) Gauge(name, help string, labels ...string) *Gauge {
	if r == nil {
		return nil
	}
	return &Gauge{r.register(name, help, KindGauge, labels, nil)}
}

// Set sets the gauge of the label values.
func (g *Gauge) Set(v float64, labelValues ...string) {
	if g == nil {
		return
	}
	g.f.mu.Lock()
	g.f.with(labelValues).value = v
	g.f.mu.Unlock()
}

// Histogram is a family of distributions over fixed buckets.
type Histogram struct{ f *family }

// Histogram returns the histogram family name with the given upper
// bounds (ascending; +Inf is added) and label names.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *Histogram {
	if r == nil {
		return nil
	}
	if !sort.Float64sAreSorted(buckets) {
		panic("metrics: buckets of " + name + " are not ascending")
	}
	return &Histogram{r.register(name, help, KindHistogram, labels, buckets)}
}

// Observe counts v in the histogram of the label values.
func (h *Histogram) Observe(v float64, labelValues ...string) {
	if h == nil {
		return
	}
	i := sort.SearchFloat64s(h.f.buckets, v) // the first bound ≥ v; len means +Inf
	h.f.mu.Lock()
	s := h.f.with(labelValues)
	s.counts[i]++
	s.sum += v
	h.f.mu.Unlock()
}

// Collect registers a counter or gauge family whose samples fn gives when
// the registry is written: fn calls emit once per sample. Registering the
// name again replaces fn (one source per family).
func (r *Registry) Collect(name, help string, kind Kind, labels []string, fn func(emit func(v float64, labelValues ...string))) {
	if r == nil {
		return
	}
	if kind == KindHistogram {
		panic("metrics: collected histograms are not supported")
	}
	f := r.register(name, help, kind, labels, nil)
	f.mu.Lock()
	f.collect = fn
	f.mu.Unlock()
}

// WriteTo writes every family in the text exposition format, sorted by
// name, and the series of each by label values.
func (r *Registry) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: bufio.NewWriter(w)}
	if r != nil {
		r.mu.Lock()
		fams := make([]*family, 0, len(r.fams))
		for _, f := range r.fams {
			fams = append(fams, f)
		}
		r.mu.Unlock()
		sort.Slice(fams, func(i, j int) bool { return fams[i].name < fams[j].name })
		for _, f := range fams {
			f.write(cw)
		}
	}
	if err := cw.w.Flush(); err != nil && cw.err == nil {
		cw.err = err
	}
	return cw.n, cw.err
}

func (f *family) write(w *countWriter) {
	var ss []*series
	f.mu.Lock()
	if f.collect != nil {
		collect := f.collect
		f.mu.Unlock()
		collect(func(v float64, labelValues ...string) {
			if len(labelValues) != len(f.labels) {
				panic(fmt.Sprintf("metrics: %s takes %d label values, got %d", f.name, len(f.labels), len(labelValues)))
			}
			ss = append(ss, &series{values: append([]string(nil), labelValues...), value: v})
		})
	} else {
		for _, s := range f.series {
			c := *s
			c.counts = append([]uint64(nil), s.counts...)
			ss = append(ss, &c)
		}
		f.mu.Unlock()
	}
	sort.Slice(ss, func(i, j int) bool { return strings.Join(ss[i].values, "\xff") < strings.Join(ss[j].values, "\xff") })
	w.printf("# HELP %s %s\n", f.name, escapeHelp(f.help))
	w.printf("# TYPE %s %s\n", f.name, f.kind)
	for _, s := range ss {
		if f.kind != KindHistogram {
			w.printf("%s%s %s\n", f.name, labelText(f.labels, s.values, "", ""), formatFloat(s.value))
			continue
		}
		var cum uint64
		for i, n := range s.counts {
			cum += n
			le := math.Inf(1)
			if i < len(f.buckets) {
				le = f.buckets[i]
			}
			w.printf("%s_bucket%s %d\n", f.name, labelText(f.labels, s.values, "le", formatFloat(le)), cum)
		}
		w.printf("%s_sum%s %s\n", f.name, labelText(f.labels, s.values, "", ""), formatFloat(s.sum))
		w.printf("%s_count%s %d\n", f.name, labelText(f.labels, s.values, "", ""), cum)
	}
}

// labelText is {a="x",b="y"} (with extra, when named, last), or "".
func labelText(names, values []string, extra, extraValue string) string {
	if len(names) == 0 && extra == "" {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(n)
		b.WriteString(`="`)
		b.WriteString(escapeLabel(values[i]))
		b.WriteByte('"')
	}
	if extra != "" {
		if len(names) > 0 {
			b.WriteByte(',')
		}
		b.WriteString(extra)
		b.WriteString(`="`)
		b.WriteString(escapeLabel(extraValue))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

func escapeLabel(s string) string { return labelEscaper.Replace(s) }
func escapeHelp(s string) string  { return helpEscaper.Replace(s) }

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64) // a count or a Unix time, in full
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

type countWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countWriter) printf(format string, args ...any) {
	if c.err != nil {
		return
	}
	n, err := fmt.Fprintf(c.w, format, args...)
	c.n += int64(n)
	c.err = err
}

// ContentType is the media type of the text exposition format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Handler serves the registry at GET (for /metrics).
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", ContentType)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = r.WriteTo(w)
	})
}
