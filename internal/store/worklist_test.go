package store_test

import (
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestWorklist: the werkbak of a casemanager with families at different
// stages — an agreed plan with agreements and an interim evaluation past
// due, a family without a plan whose plan is due this week and with acute
// unsafety — on an injected clock; a youth worker's and another worker's
// werkbak; and each family it names has the werkbak in its log.
func TestWorklist(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, lead := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		fam := f.FamAssigned
		// FamAssigned: a plan agreed on 2 March with agreements due on
		// 5, 10 and 20 March.
		if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePlanDraft(cm, fam.ID, 1, planInput(f)); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkPlanDiscussed(lead, fam.ID, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.AgreePlan(cm, fam.ID, 1, regie.PlanAgreement{On: "2026-03-02", With: "Sandra Jansen"}); err != nil {
			t.Fatal(err)
		}
		// FamTeam: the casemanager is its duo partner; no plan yet; acute.
		if err := s.AssignFamily(lead, f.FamTeam.ID, regie.AssignInput{CoordinatorID: f.Casemanager2.ID, DuoID: f.Casemanager.ID, Confirmed: true}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddSafetyConcern(lead, f.FamTeam.ID, regie.SafetyInput{What: "Geweld", Since: "2026-03-02", Severity: "acuut", Meldcode: "gemeld"}); err != nil {
			t.Fatal(err)
		}
		// The youth worker works with Kevin of FamAssigned.
		if err := s.AssignYouthWorker(lead, fam.ID, fam.Members[1].ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		// Tuesday 30 June: the interim evaluation was due on 2 June, the
		// plan of FamTeam is due on Thursday 2 July.
		clock.Set(time.Date(2026, 6, 30, 9, 0, 0, 0, regie.Amsterdam))
		wl, err := s.FindWorklist(cm)
		if err != nil {
			t.Fatal(err)
		}
		if wl.Families != 2 || wl.WeekEnd != regie.NewDate(2026, 7, 5) {
			t.Fatalf("families %d, week until %s", wl.Families, wl.WeekEnd)
		}
		type row struct {
			family int64
			kind   regie.WorkKind
			on     string
			u      regie.Urgency
		}
		var dated []row
		for _, it := range wl.Items {
			if it.Urgency != regie.UrgencyOpen {
				dated = append(dated, row{it.FamilyID, it.Kind, it.On.ISO(), it.Urgency})
			}
		}
		want := []row{
			{f.FamTeam.ID, regie.WorkAcute, "", regie.UrgencyAcute},
			{fam.ID, regie.WorkAgreement, "2026-03-05", regie.UrgencyOverdue},
			{fam.ID, regie.WorkAgreement, "2026-03-10", regie.UrgencyOverdue},
			{fam.ID, regie.WorkAgreement, "2026-03-20", regie.UrgencyOverdue},
			{fam.ID, regie.WorkKind(regie.DueInterim), "2026-06-02", regie.UrgencyOverdue},
			{f.FamTeam.ID, regie.WorkKind(regie.DuePlan), "2026-07-02", regie.UrgencyWeek},
		}
		if len(dated) != len(want) {
			t.Fatalf("dated items = %+v\nwant %+v", dated, want)
		}
		for i := range want {
			if dated[i] != want[i] {
				t.Errorf("item %d = %+v, want %+v", i, dated[i], want[i])
			}
		}
		if it := wl.Items[1]; it.FamilyName != fam.HouseholdName || it.Who == "" || it.Link != regie.WorkLink(regie.WorkAgreement, fam.ID) {
			t.Errorf("agreement item = %+v", it)
		}
		// The open items of the phase, of both families; a ticked one
		// leaves.
		if err := s.TickItem(cm, fam.ID, "introductie", true, ""); err != nil {
			t.Fatal(err)
		}
		wl, err = s.FindWorklist(cm)
		if err != nil {
			t.Fatal(err)
		}
		open := map[int64]int{}
		for _, it := range wl.Items {
			if it.Kind == regie.WorkPhaseItem && it.What == "Introductie in het gezin" {
				open[it.FamilyID]++
			}
		}
		if open[fam.ID] != 0 || open[f.FamTeam.ID] != 1 {
			t.Errorf("open item Introductie: %v", open)
		}
		for _, id := range []int64{fam.ID, f.FamTeam.ID} {
			if !seenBy(t, s, f, id, 0, f.Casemanager, regie.SegFamilyList) {
				t.Errorf("the werkbak is not in the log of family %d", id)
			}
		}

		t.Run("DoneAgreementLeaves", func(t *testing.T) {
			o, err := s.FindPlan(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SetAgreementStatus(cm, fam.ID, o.Current.Agreements[1].Key, regie.AgreementDone); err != nil {
				t.Fatal(err)
			}
			wl, err := s.FindWorklist(cm)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range wl.Items {
				if it.Kind == regie.WorkAgreement && it.On.ISO() == "2026-03-05" {
					t.Error("a done agreement is still on the werkbak")
				}
			}
		})
		t.Run("YouthWorker", func(t *testing.T) {
			wl, err := s.FindWorklist(storetest.As(f.YouthWorker))
			if err != nil {
				t.Fatal(err)
			}
			if wl.Families != 1 || len(wl.Items) == 0 {
				t.Fatalf("youth worker: %d families, %d items", wl.Families, len(wl.Items))
			}
			for _, it := range wl.Items {
				if it.FamilyID != fam.ID || it.Kind != regie.WorkAgreement {
					t.Errorf("youth worker sees %+v", it)
				}
			}
		})
		t.Run("OnlyOwnFamilies", func(t *testing.T) {
			wl, err := s.FindWorklist(storetest.As(f.CasemanagerB))
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range wl.Items {
				if it.FamilyID != f.FamOther.ID {
					t.Errorf("another team's casemanager sees family %d", it.FamilyID)
				}
			}
			if seenBy(t, s, f, fam.ID, 0, f.CasemanagerB, regie.SegFamilyList) {
				t.Error("a family another worker's werkbak did not name has it in its log")
			}
		})
		t.Run("TeamLeaderHasNone", func(t *testing.T) {
			if _, err := s.FindWorklist(lead); code(err) != regie.EFORBIDDEN {
				t.Fatalf("team leader: %v", err)
			}
		})
	})
}
