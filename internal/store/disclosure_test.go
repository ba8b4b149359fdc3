package store_test

import (
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestDisclosure_PartnerSeesOnlyTheCoveredDomain: a consent naming the
// school for the household, its members and the plan on the children's
// life domain. The school's user sees the goals, agreements and scores of
// that domain only, no BSN, no closing question nor general part, no
// safety, contacts or intake — each left-out part marked as not shared,
// not returned as an empty list that reads as "nothing there" — and never
// the assignment page with the team's caseloads. The coordinator sees it
// all.
func TestDisclosure_PartnerSeesOnlyTheCoveredDomain(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, partner := storetest.As(f.Casemanager), storetest.As(f.Partner1)
		fam := f.FamAssigned
		sandra, kevin := fam.Members[0], fam.Members[1]
		if err := s.UpdateMember(cm, fam.ID, sandra.ID, regie.MemberInput{GivenName: "Sandra", FamilyName: "Jansen",
			BirthDate: "1985-04-12", Relation: "ouder", BSN: "111222333"}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddSafetyConcern(cm, fam.ID, regie.SafetyInput{MemberID: kevin.ID, What: "Kevin heeft blauwe plekken.",
			Since: "2026-03-01", Severity: regie.SeverityHigh, Meldcode: "loopt"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateContact(cm, fam.ID, contactIn("2026-03-02", "08:00", "30", "huisbezoek", "contact")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
			t.Fatal(err)
		}
		in := planInput(f)
		in.Agreements[0].Domain = "financien" // the post: debts
		in.Agreements[1].Domain = "financien" // debt help
		in.Agreements[2].Domain = "kinderen"  // school and Kevin
		in.Agreements = append(in.Agreements, regie.AgreementInput{Owner: "m:" + itoa(sandra.ID), What: "Zonder leefgebied.", Due: "2026-03-25"})
		if err := s.SavePlanDraft(cm, fam.ID, 1, in); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkPlanDiscussed(storetest.As(f.TeamLeader), fam.ID, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.AgreePlan(cm, fam.ID, 1, regie.PlanAgreement{On: "2026-03-02", With: "Sandra Jansen"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateConsent(cm, fam.ID, consentInput(f, regie.InfoFamily, regie.InfoMembers, regie.InfoPlan,
			regie.DomainKind("kinderen"))); err != nil {
			t.Fatal(err)
		}

		t.Run("FamilyPage", func(t *testing.T) {
			got, err := s.FindFamilyByID(partner, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			d := got.Disclosure
			if !d.Partial() || !d.Shares(regie.InfoMembers) || d.Shares(regie.InfoSafety) || d.Shares(regie.InfoContacts) ||
				d.Shares(regie.InfoTrajectories) || d.Shares(regie.InfoPlanGeneral) {
				t.Fatalf("disclosure = %+v", d)
			}
			if ds := d.SharedDomains(); len(ds) != 1 || ds[0] != "kinderen" {
				t.Errorf("shared domains = %v", ds)
			}
			if len(got.Members) != 2 {
				t.Fatalf("members = %d", len(got.Members))
			}
			for _, m := range got.Members {
				if m.BSN != "" {
					t.Errorf("partner sees the BSN of %s: %q", m.GivenName, m.BSN)
				}
			}
			if len(got.SafetyConcerns) != 0 || got.Acute() || got.Summary != nil || len(got.RecentContacts) != 0 ||
				got.Intake != nil || got.Consents != nil || got.Trajectories != nil {
				t.Errorf("partner sees parts not covered: %+v", got)
			}
			if c := got.Coordinator(); c == nil || c.UserName != f.Casemanager.Name {
				t.Errorf("the coordinator is not shown: %+v", c)
			}
			if got.Plan == nil || got.Plan.Agreed == nil {
				t.Fatal("no plan in force on the family page")
			}
			as := got.Plan.Agreed.Agreements
			if len(as) != 1 || as[0].Domain != "kinderen" || as[0].What != "Gesprek met Kevin over verzuim." {
				t.Errorf("agreements on the family page = %+v", as)
			}
			if !got.Plan.Agreed.Disclosure.Partial() {
				t.Error("the plan's agreements are not marked as a part")
			}
		})

		t.Run("Plan", func(t *testing.T) {
			o, err := s.FindPlan(partner, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []*regie.PlanVersion{o.Current, o.Agreed} {
				if len(v.Goals) != 1 || v.Goals[0].Domain != "kinderen" {
					t.Errorf("goals = %+v", v.Goals)
				}
				if len(v.Agreements) != 1 || v.Agreements[0].Domain != "kinderen" {
					t.Errorf("agreements = %+v", v.Agreements)
				}
				if len(v.Domains) != 1 || v.Domains[0].Domain != "kinderen" || v.Domains[0].MemberScores[kevin.ID] != 2 {
					t.Errorf("domains = %+v", v.Domains)
				}
				if v.History != "" || v.Problems != "" || v.Situation != "" || v.ClosingQuestion != "" {
					t.Errorf("general part or closing question shown: %+v", v)
				}
				if v.Disclosure.Shares(regie.InfoPlanGeneral) || !v.Disclosure.SharesDomain("kinderen") || v.Disclosure.SharesDomain("financien") {
					t.Errorf("version disclosure = %+v", v.Disclosure)
				}
			}
			if len(o.Moments) != 1 || len(o.Moments[0].Scores) != 1 || o.Moments[0].Scores["kinderen"] != 2 {
				t.Errorf("scores = %+v", o.Moments)
			}
			v, err := s.FindPlanVersion(partner, fam.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Agreements) != 1 || len(v.Goals) != 1 || v.ClosingQuestion != "" {
				t.Errorf("version 1 = %+v", v)
			}
		})

		t.Run("NeverTheAssignmentPage", func(t *testing.T) {
			if _, err := s.FindFamilyAssignments(partner, fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("assignments: %v", err)
			}
			if _, err := s.FindCaseloads(partner, fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("caseloads: %v", err)
			}
			if _, outcome, _, segment, uid, _ := lastAudit(t, s); outcome != string(regie.OutcomeDenied) || uid != f.Partner1.ID ||
				segment != string(regie.SegAssignment) {
				t.Errorf("the refusal is not audited: %s %s %d", outcome, segment, uid)
			}
		})

		t.Run("GeneralPartWhenCovered", func(t *testing.T) {
			in := consentInput(f, regie.InfoPlan, regie.InfoPlanGeneral)
			in.SignedOn = "2026-03-01"
			if _, err := s.CreateConsent(cm, fam.ID, in); err != nil {
				t.Fatal(err)
			}
			o, err := s.FindPlan(partner, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if v := o.Agreed; v.ClosingQuestion == "" || v.History == "" || len(v.Agreements) != 1 {
				t.Errorf("with the general part covered: %+v", v)
			}
		})

		t.Run("TheCoordinatorSeesAll", func(t *testing.T) {
			got, err := s.FindFamilyByID(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Disclosure.Partial() || got.Member(sandra.ID).BSN != "111222333" || len(got.OpenSafetyConcerns()) != 1 ||
				got.Summary == nil || len(got.Plan.Agreed.Agreements) != 4 {
				t.Errorf("coordinator's family page = %+v", got)
			}
		})
	})
}
