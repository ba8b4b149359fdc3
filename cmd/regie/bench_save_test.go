package main

import (
	"context"
	"fmt"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// The contact save side by side with the floor's, on the same generated
// city and database (issue 16's budget: ≥ 1,500 saves/s on SQLite and
// ≥ 2,000 on PostgreSQL with 16 writers, every one durable; run with
// REGIE_PGTEST_DURABLE=1 for PostgreSQL with fsync on):
//
//	go test -run '^$' -bench '(Floor)?SaveContact' -benchtime 3000x ./cmd/regie/
//
// Both save a home visit of yesterday with one member present, for the
// families of the benchmark's casemanagers, without HTTP: regie through
// its store (policy, validation, the summary, the month, the chained
// audit row), the floor with its hand-written statements.

// BenchmarkSaveContact is regie's contact save.
func BenchmarkSaveContact(b *testing.B) {
	benchSave(b, func(env *httpBenchEnv) saveFunc {
		day := regie.DateOf(env.m.Store.Clock.Now()).AddDays(-1).ISO()
		return func(s httpBenchSession, i int) error {
			k := i % len(s.families)
			var members []int64
			if s.members[k] != 0 {
				members = []int64{s.members[k]}
			}
			_, err := env.m.Store.CreateContact(storetest.As(s.user), s.families[k], regie.ContactInput{Date: day, Start: "10:30",
				Minutes: "75", Kind: regie.ContactHomeVisit, Attempt: regie.AttemptReached, Members: members,
				Practical: []regie.Practical{"post"}, Note: "Samen de post doorgenomen."})
			return err
		}
	})
}

// BenchmarkFloorSaveContact is the floor's (bench_floor_test.go).
func BenchmarkFloorSaveContact(b *testing.B) {
	benchSave(b, func(env *httpBenchEnv) saveFunc {
		f := env.startFloor(b)
		day := regie.DateOf(env.m.Store.Clock.Now()).AddDays(-1).ISO()
		return func(s httpBenchSession, i int) error {
			k := i % len(s.families)
			return f.saveContact(context.Background(), s.userID, s.families[k], s.members[k], day)
		}
	})
}

// saveFunc saves the i-th contact of a casemanager's session.
type saveFunc func(s httpBenchSession, i int) error

// benchSave runs, on SQLite and on PostgreSQL, a serial save and 16
// writers at once (each a casemanager of its own), reporting saves/s.
func benchSave(b *testing.B, prepare func(env *httpBenchEnv) saveFunc) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			b.Run("serial", func(b *testing.B) {
				env := httpBenchServer(b, d)
				save := prepare(env)
				storetest.Timed(b, func(i int) error { return save(env.sessions[i%len(env.sessions)], i/len(env.sessions)) })
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "saves/s")
			})
			b.Run(fmt.Sprintf("parallel%d", 16), func(b *testing.B) {
				env := httpBenchServer(b, d)
				save := prepare(env)
				storetest.TimedParallel(b, 16, "saves/s", func(w int) func(i int) error {
					s := env.sessions[w%len(env.sessions)]
					return func(i int) error { return save(s, i) }
				})
			})
		})
	}
}
