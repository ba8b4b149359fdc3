package main

import (
	"context"
	"log/slog"
	"time"

	"regie"
	"regie/internal/metrics"
	"regie/internal/store"
)

// job is background work that runs once per period over all the regie
// processes on one database: each process's ticker tries it, and only the
// one that claims the period in the database (store.ClaimJob) runs it.
type job struct {
	name string
	// period names the period a moment falls in: a day, a ten-minute slot.
	period func(time.Time) string
	// stale is how long an unfinished claim holds before another process
	// may take it over (the claiming process died).
	stale time.Duration
	run   func(ctx context.Context) error
}

// dailyPeriod is the Dutch date of t: a daily job runs once a day.
func dailyPeriod(t time.Time) string { return regie.DateOf(t).ISO() }

// slotPeriod returns the period of slots of length d (UTC, from the Unix
// epoch), for jobs that run every d.
func slotPeriod(d time.Duration) func(time.Time) string {
	return func(t time.Time) string { return t.UTC().Truncate(d).Format(time.RFC3339) }
}

// jobRunner claims and runs jobs, and counts them.
type jobRunner struct {
	store  *store.Store
	clock  regie.Clock
	logger *slog.Logger
	// runs counts by job and outcome (ok, failed, skipped: another
	// process, or an earlier tick, has the period); lastOK is the time of
	// this process's last successful run of each job.
	runs   *metrics.Counter
	lastOK *metrics.Gauge
}

func newJobRunner(st *store.Store, clock regie.Clock, logger *slog.Logger, reg *metrics.Registry) *jobRunner {
	return &jobRunner{store: st, clock: clock, logger: logger,
		runs: reg.Counter("regie_job_runs_total",
			"Scheduled job attempts in this process, by job and outcome (ok, failed, skipped: the period was claimed already).", "job", "outcome"),
		lastOK: reg.Gauge("regie_job_last_success_timestamp_seconds",
			"When this process last ran a job successfully (Unix time).", "job"),
	}
}

// runOnce runs j for the current period if this process claims it, and
// reports whether it ran. A failed run gives its claim up, so a later
// tick (of any process) tries again.
func (r *jobRunner) runOnce(ctx context.Context, j job) (bool, error) {
	period := j.period(r.clock.Now())
	claimed, err := r.store.ClaimJob(ctx, j.name, period, j.stale)
	if err != nil {
		r.runs.Inc(j.name, "failed")
		return false, err
	}
	if !claimed {
		r.runs.Inc(j.name, "skipped")
		return false, nil
	}
	runErr := j.run(ctx)
	// The claim is finished even when ctx ended meanwhile (a shutdown),
	// but not waited on for ever.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := r.store.FinishJob(fctx, j.name, period, runErr == nil); err != nil && runErr == nil {
		runErr = err
	}
	if runErr != nil {
		r.runs.Inc(j.name, "failed")
		return true, runErr
	}
	r.runs.Inc(j.name, "ok")
	r.lastOK.Set(float64(r.clock.Now().Unix()), j.name)
	return true, nil
}

// loop runs j first after first and then every interval until ctx ends.
func (r *jobRunner) loop(ctx context.Context, j job, first, interval time.Duration) {
	t := time.NewTimer(first)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := r.runOnce(ctx, j); err != nil && ctx.Err() == nil {
			r.logger.Error("scheduled job", slog.String("job", j.name), slog.String("error", err.Error()))
		}
		t.Reset(interval)
	}
}
