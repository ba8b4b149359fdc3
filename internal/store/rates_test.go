package store_test

import (
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// userAudit returns the user's access log rows of a segment, newest first.
func userAudit(t *testing.T, s *store.Store, f *storetest.Fixture, userID int64, seg regie.Segment) []*regie.AuditEntry {
	t.Helper()
	entries, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{UserID: &userID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []*regie.AuditEntry
	for _, e := range entries {
		if e.Segment == seg {
			out = append(out, e)
		}
	}
	return out
}

func TestRates_SaveAndFind(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		admin := storetest.As(f.Admin)

		// Nothing set: every rate known, none usable.
		rs, err := s.FindRates(storetest.As(f.Casemanager))
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != len(regie.RateDefs) || rs[regie.RateHour].Set {
			t.Fatalf("rates before any were set: %d, hour %+v", len(rs), rs[regie.RateHour])
		}

		if err := s.SaveRates(admin, map[string]string{
			regie.RateHour: " 68,50 ", regie.SourceKey(regie.RateHour): "Begroting 2026",
			"gebeurtenis.politie.kans": "30", "gebeurtenis.politie.kans.bron": "CBS",
		}); err != nil {
			t.Fatal(err)
		}
		rs, err = s.FindRates(admin)
		if err != nil {
			t.Fatal(err)
		}
		if r := rs[regie.RateHour]; !r.Set || r.Value != 68.5 || r.Source != "Begroting 2026" || r.Text != "68,50" {
			t.Errorf("hour %+v", r)
		}
		if r := rs["gebeurtenis.politie.kans"]; !r.Set || r.Value != 30 {
			t.Errorf("chance %+v", r)
		}
		rows := userAudit(t, s, f, f.Admin.ID, regie.SegSettings)
		if len(rows) != 1 || rows[0].Outcome != regie.OutcomeOK || rows[0].Action != regie.ActionUpdate || rows[0].Detail != "tarieven gewijzigd" {
			t.Fatalf("audit rows %+v, want one update 'tarieven gewijzigd'", rows)
		}

		// Clearing a rate: both empty.
		if err := s.SaveRates(admin, map[string]string{"gebeurtenis.politie.kans": "", "gebeurtenis.politie.kans.bron": ""}); err != nil {
			t.Fatal(err)
		}
		if rs, _ = s.FindRates(admin); rs["gebeurtenis.politie.kans"].Set || !rs[regie.RateHour].Set {
			t.Errorf("after clearing the chance: %+v, hour %+v", rs["gebeurtenis.politie.kans"], rs[regie.RateHour])
		}

		// Bad input: nothing stored.
		err = s.SaveRates(admin, map[string]string{regie.RateHour: "veel", regie.SourceKey(regie.RateHour): ""})
		if fields := regie.ErrorFields(err); fields[regie.RateHour] == "" {
			t.Fatalf("bad value: %v", err)
		}
		if rs, _ = s.FindRates(admin); rs[regie.RateHour].Value != 68.5 {
			t.Errorf("a refused save changed the hour: %+v", rs[regie.RateHour])
		}

		// A casemanager may not: refused, in the log, nothing stored.
		err = s.SaveRates(storetest.As(f.Casemanager), map[string]string{regie.RateHour: "1", regie.SourceKey(regie.RateHour): "eigen idee"})
		if regie.ErrorCode(err) != regie.EFORBIDDEN {
			t.Fatalf("casemanager saved rates: %v", err)
		}
		if rs, _ = s.FindRates(admin); rs[regie.RateHour].Value != 68.5 {
			t.Errorf("a refused save changed the hour: %+v", rs[regie.RateHour])
		}
		denied := userAudit(t, s, f, f.Casemanager.ID, regie.SegSettings)
		if len(denied) != 1 || denied[0].Outcome != regie.OutcomeDenied || denied[0].Action != regie.ActionUpdate {
			t.Fatalf("casemanager's audit rows %+v, want one denied update", denied)
		}
	})
}
