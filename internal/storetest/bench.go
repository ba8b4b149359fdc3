package storetest

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Timed runs op b.N times and reports its latencies (ReportLatencies).
func Timed(b *testing.B, op func(i int) error) {
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t0))
	}
	b.StopTimer()
	ReportLatencies(b, ds)
}

// TimedParallel runs the benchmark from about clients goroutines at once
// (b.SetParallelism rounds to the cores); worker w's calls go through
// perWorker(w), made once per goroutine. It reports the throughput in
// unit and the latency of a call under that load.
func TimedParallel(b *testing.B, clients int, unit string, perWorker func(w int) func(i int) error) {
	var (
		next int64
		mu   sync.Mutex
		all  []time.Duration
	)
	b.SetParallelism(max(1, int(math.Round(float64(clients)/float64(runtime.GOMAXPROCS(0))))))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		op := perWorker(int(atomic.AddInt64(&next, 1) - 1))
		var ds []time.Duration
		for i := 0; pb.Next(); i++ {
			t0 := time.Now()
			if err := op(i); err != nil {
				b.Error(err)
				return
			}
			ds = append(ds, time.Since(t0))
		}
		mu.Lock()
		all = append(all, ds...)
		mu.Unlock()
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), unit)
	ReportLatencies(b, all)
}

// ReportLatencies reports the p50 and p95 of ds in milliseconds.
func ReportLatencies(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	q := func(p float64) float64 {
		i := min(len(ds)-1, max(0, int(math.Ceil(p*float64(len(ds))))-1))
		return float64(ds[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
}
