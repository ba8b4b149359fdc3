package seed_test

import (
	"context"
	"testing"

	"regie"
	"regie/internal/seed"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestGenerateCheckups: closed files have their check-ups in realistic
// proportions — most moments that came held, most going well, some with
// concerns, none before the closing or in the future — and the summaries
// count them as the store does (TestGenerateHistory compares every row).
func TestGenerateCheckups(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if err := seed.Generate(context.Background(), s, seed.Options{Families: 400, Seed: 11, Now: clock.Now()}); err != nil {
			t.Fatal(err)
		}
		closed := count(t, s, `SELECT count(*) FROM families WHERE closed_at IS NOT NULL`)
		held := count(t, s, `SELECT count(*) FROM checkups`)
		if closed == 0 || held < closed/2 {
			t.Fatalf("%d check-ups for %d closed files", held, closed)
		}
		if n := count(t, s, `SELECT count(*) FROM checkups c JOIN family_summaries s ON s.family_id = c.family_id
			WHERE s.closed_on IS NULL OR c.held_on < s.closed_on OR c.held_on >= $1`, regie.DateOf(clock.Now()).ISO()); n != 0 {
			t.Errorf("%d check-ups outside the closed period", n)
		}
		good := count(t, s, `SELECT count(*) FROM checkups WHERE assessment = 'goed'`)
		if good*2 < held || good == held {
			t.Errorf("%d of %d check-ups went well: want most, not all", good, held)
		}
		if n := count(t, s, `SELECT count(*) FROM checkups c WHERE NOT EXISTS (SELECT 1 FROM checkup_parties p WHERE p.checkup_id = c.id)`); n != 0 {
			t.Errorf("%d check-ups without anyone spoken to", n)
		}
		if n := count(t, s, `SELECT COALESCE(SUM(checkups_done), 0) FROM family_summaries`); n != held {
			t.Errorf("summaries count %d check-ups, the table has %d", n, held)
		}
	})
}
