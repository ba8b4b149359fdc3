package store_test

import (
	"strings"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestStagnation_PartnerReportsUnderConsent: a partner named by a valid
// consent reports stagnation with a short reason; the coordinator reads it;
// without a consent, or after it was withdrawn, the family does not exist
// for the partner and the refused attempt is in the access log; a blank
// reason is a field error.
func TestStagnation_PartnerReportsUnderConsent(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, partner := storetest.As(f.Casemanager), storetest.As(f.Partner1)
		fam := f.FamAssigned
		if _, err := s.ReportStagnation(partner, fam.ID, regie.StagnationInput{Reason: "Geen reactie meer van moeder."}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Fatalf("without consent: %v", err)
		}
		c, err := s.CreateConsent(cm, fam.ID, consentInput(f, regie.InfoFamily))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReportStagnation(partner, fam.ID, regie.StagnationInput{Reason: "  "}); regie.ErrorFields(err)["reason"] == "" {
			t.Fatalf("blank reason: %v", err)
		}
		r, err := s.ReportStagnation(partner, fam.ID, regie.StagnationInput{Reason: "Geen reactie meer van moeder."})
		if err != nil {
			t.Fatal(err)
		}
		if r.OrgID != f.Partner.ID || r.ReportedByName != f.Partner1.Name || !r.Open() || r.ReportedOn != regie.DateOf(clock.Now()) {
			t.Errorf("report: %+v", r)
		}
		list, err := s.FindStagnations(cm, fam.ID)
		if err != nil || len(list) != 1 || list[0].Reason != "Geen reactie meer van moeder." {
			t.Fatalf("coordinator reads %v, %v", list, err)
		}
		if err := s.WithdrawConsent(cm, fam.ID, c.ID, regie.DateOf(clock.Now()).ISO(), "Moeder wil het niet meer."); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindStagnations(partner, fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Fatalf("after withdrawal: %v", err)
		}
		log, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var reported, refused bool
		for _, e := range log {
			if e.Segment == regie.SegStagnation && e.Action == regie.ActionCreate && e.Outcome == regie.OutcomeOK &&
				strings.Contains(e.Basis, "toestemmingsverklaring") {
				reported = true
			}
			if e.Segment == regie.SegStagnation && e.Outcome == regie.OutcomeDenied {
				refused = true
			}
		}
		if !reported || !refused {
			t.Errorf("access log: reported under consent %v, refused %v", reported, refused)
		}
	})
}
