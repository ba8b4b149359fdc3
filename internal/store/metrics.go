package store

import (
	"database/sql"

	"regie"
	"regie/internal/metrics"
)

// storeMetrics are the store's counts: access-log rows written (counted
// after their transaction commits, so a rolled-back row is not counted).
type storeMetrics struct {
	auditRows *metrics.Counter
}

// auditCount is one kind of access-log row a transaction wrote.
type auditCount struct {
	action  regie.Action
	outcome regie.Outcome
}

// registerMetrics adds the store's families to r: the audit counter and
// the connection pools, read when scraped.
func (s *Store) registerMetrics(r *metrics.Registry) {
	if r == nil {
		return
	}
	s.metrics = &storeMetrics{auditRows: r.Counter("regie_audit_rows_total",
		"Access-log rows written (committed), by action and outcome.", "action", "outcome")}
	pools := []string{"pool"}
	r.Collect("regie_db_connections", "Open database connections, by pool and state (in_use, idle).",
		metrics.KindGauge, []string{"pool", "state"}, func(emit func(float64, ...string)) {
			for _, p := range s.PoolStats() {
				emit(float64(p.InUse), p.Pool, "in_use")
				emit(float64(p.Idle), p.Pool, "idle")
			}
		})
	r.Collect("regie_db_connections_max", "The most connections a pool opens.", metrics.KindGauge, pools,
		func(emit func(float64, ...string)) {
			for _, p := range s.PoolStats() {
				emit(float64(p.Max), p.Pool)
			}
		})
	r.Collect("regie_db_waits_total", "Times a request waited for a free connection.", metrics.KindCounter, pools,
		func(emit func(float64, ...string)) {
			for _, p := range s.PoolStats() {
				emit(float64(p.Waits), p.Pool)
			}
		})
	r.Collect("regie_db_wait_seconds_total", "Time spent waiting for a free connection.", metrics.KindCounter, pools,
		func(emit func(float64, ...string)) {
			for _, p := range s.PoolStats() {
				emit(p.WaitSeconds, p.Pool)
			}
		})
}

// PoolStat is the state of one connection pool.
type PoolStat struct {
	// Pool is "postgres", or "write" and "read" for SQLite's two pools.
	Pool        string
	InUse, Idle int
	Max         int
	// Waits counts the times a connection was not free at once, and
	// WaitSeconds the time spent waiting (pgxpool: acquires that had to
	// wait, and all time spent acquiring).
	Waits       int64
	WaitSeconds float64
}

// PoolStats returns the state of the store's connection pools: pgxpool's
// on PostgreSQL, database/sql's write and read pools on SQLite.
func (s *Store) PoolStats() []PoolStat {
	if s.pool != nil {
		st := s.pool.Stat()
		return []PoolStat{{Pool: "postgres", InUse: int(st.AcquiredConns()), Idle: int(st.IdleConns()), Max: int(st.MaxConns()),
			Waits: st.EmptyAcquireCount(), WaitSeconds: st.AcquireDuration().Seconds()}}
	}
	conv := func(name string, st sql.DBStats) PoolStat {
		return PoolStat{Pool: name, InUse: st.InUse, Idle: st.Idle, Max: st.MaxOpenConnections,
			Waits: st.WaitCount, WaitSeconds: st.WaitDuration.Seconds()}
	}
	return []PoolStat{conv("write", s.db.Stats()), conv("read", s.rdb.Stats())}
}

// countAudit notes n access-log rows of a kind in the transaction.
func (t *tx) countAudit(action regie.Action, outcome regie.Outcome, n int) {
	if t.s.metrics == nil {
		return
	}
	if t.audited == nil {
		t.audited = map[auditCount]int{}
	}
	t.audited[auditCount{action, outcome}] += n
}

// flushAuditCounts adds a committed transaction's rows to the counter.
func (t *tx) flushAuditCounts() {
	for k, n := range t.audited {
		t.s.metrics.auditRows.Add(float64(n), string(k.action), string(k.outcome))
	}
}
