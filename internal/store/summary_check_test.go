package store_test

import (
	"fmt"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestCheckSummaries_FindsAndRepairs: a summary that lost a contact (as
// concurrent saves did on PostgreSQL before the lock) is found by the
// check, which changes nothing, and repaired by recompute, audited.
func TestCheckSummaries_FindsAndRepairs(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		for _, in := range []regie.ContactInput{
			contactIn("2026-03-02", "08:00", "40", "huisbezoek", "contact"),
			contactIn("2026-03-01", "10:00", "90", "huisbezoek", "contact"),
		} {
			if _, err := s.CreateContact(cm, f.FamAssigned.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		sys := storetest.System()
		rep, err := s.CheckSummaries(sys, false)
		if err != nil || rep.Families != 3 || len(rep.Mismatches) != 0 {
			t.Fatalf("check of correct summaries = %+v, %v", rep, err)
		}
		// The lost update: one contact of 40 minutes missing.
		if _, err := s.DB().Exec(`UPDATE family_summaries SET minutes_total = minutes_total - 40, minutes_phase = minutes_phase - 40,
			minutes_intensive = minutes_intensive - 40, contacts = contacts - 1 WHERE family_id = $1`, f.FamAssigned.ID); err != nil {
			t.Fatal(err)
		}
		rep, err = s.CheckSummaries(sys, false)
		if err != nil || len(rep.Mismatches) != 1 || rep.Mismatches[0].FamilyID != f.FamAssigned.ID {
			t.Fatalf("check = %+v, %v; want the one family", rep, err)
		}
		want := []string{"uren totaal: 1,5 → 2,2", "uren intensieve fase: 0 → 0,7", "uren huidige fase: 0 → 0,7", "contactmomenten: 1 → 2"}
		if got := rep.Mismatches[0].Fields; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("differences = %q, want %q", got, want)
		}
		if rep, _ := s.CheckSummaries(sys, false); len(rep.Mismatches) != 1 {
			t.Fatal("the check repaired what it found")
		}
		audits := countRows(t, s, "audit")
		if rep, err := s.CheckSummaries(sys, true); err != nil || len(rep.Mismatches) != 1 || !rep.Fixed {
			t.Fatalf("recompute = %+v, %v", rep, err)
		}
		if n := countRows(t, s, "audit"); n != audits+1 {
			t.Fatalf("audit rows %d → %d, want one per repaired family", audits, n)
		}
		if action, outcome, _, _, _, fid := lastAudit(t, s); action != "update" || outcome != "ok" || fid != f.FamAssigned.ID {
			t.Fatalf("audit row = %s %s family %d", action, outcome, fid)
		}
		if rep, err := s.CheckSummaries(sys, false); err != nil || len(rep.Mismatches) != 0 {
			t.Fatalf("after recompute: %+v, %v", rep, err)
		}
	})
}
