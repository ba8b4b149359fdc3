package store_test

import (
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestAudit_SearchNeedsAName: the privacy officer's search across every
// family must name someone; one letter is an input error, and reads
// nothing.
func TestAudit_SearchNeedsAName(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fg := storetest.As(f.Privacy)
		before := countRows(t, s, "audit")
		for _, q := range []string{"", "  ", "J", " j ", "J. P."} {
			_, _, err := s.FindFamilies(fg, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: q, Closed: true})
			if got, want := regie.ErrorFields(err)["q"], regie.Text(regie.MsgSearchNameNeeded); got != want {
				t.Errorf("search %q: field error %q (%v), want %q", q, got, err, want)
			}
		}
		if got := countRows(t, s, "audit"); got != before {
			t.Fatalf("refused searches wrote %d audit rows", got-before)
		}
		if list, _, err := s.FindFamilies(fg, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: " Ja ", Closed: true}); err != nil || len(list) != 1 {
			t.Fatalf("search of two letters: %d, %v", len(list), err)
		}
	})
}
