package store_test

import (
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestPlan_Order: a plan is discussed in the team meeting before the
// family agrees to it, and a version changed after its discussion goes
// back to concept, with a trace in the access log and on the version.
func TestPlan_Order(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, tl := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		fam := f.FamAssigned
		if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePlanDraft(cm, fam.ID, 1, planInput(f)); err != nil {
			t.Fatal(err)
		}
		agree := regie.PlanAgreement{On: "2026-03-02", With: "Sandra Jansen"}

		t.Run("AgreeBeforeDiscussedRefused", func(t *testing.T) {
			for _, ctx := range []struct {
				name string
				as   *regie.User
			}{{"casemanager", f.Casemanager}, {"team leader", f.TeamLeader}} {
				err := s.AgreePlan(storetest.As(ctx.as), fam.ID, 1, agree)
				if code(err) != regie.ECONFLICT || regie.ErrorMessage(err) != regie.Text(regie.MsgPlanNotDiscussed) {
					t.Fatalf("%s agrees a concept: %v, want ECONFLICT %q", ctx.name, err, regie.Text(regie.MsgPlanNotDiscussed))
				}
			}
			o, err := s.FindPlan(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if o.Current.Status != regie.PlanDraft || o.Agreed != nil {
				t.Fatalf("after the refusal: status %q, agreed %v", o.Current.Status, o.Agreed)
			}
			if !o.CanEdit || o.CanAgree || o.CanDiscuss {
				t.Errorf("casemanager on a concept: edit %v agree %v discuss %v, want edit only", o.CanEdit, o.CanAgree, o.CanDiscuss)
			}
			o, err = s.FindPlan(tl, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !o.CanDiscuss || o.CanAgree {
				t.Errorf("team leader on a concept: discuss %v agree %v, want discuss only", o.CanDiscuss, o.CanAgree)
			}
		})

		t.Run("EditAfterDiscussionReturnsToConcept", func(t *testing.T) {
			if err := s.MarkPlanDiscussed(tl, fam.ID, 1); err != nil {
				t.Fatal(err)
			}
			if err := s.MarkPlanDiscussed(tl, fam.ID, 1); code(err) != regie.ECONFLICT {
				t.Fatalf("discussing a discussed version again: %v, want ECONFLICT", err)
			}
			o, err := s.FindPlan(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if o.Current.Status != regie.PlanDiscussed || !o.CanAgree || o.CanDiscuss {
				t.Fatalf("discussed: status %q agree %v discuss %v", o.Current.Status, o.CanAgree, o.CanDiscuss)
			}
			clock.Advance(time.Hour)
			in := planInput(f)
			in.Revision = o.Current.Revision
			in.Situation = "De huur is nu vier maanden achterstallig."
			if err := s.SavePlanDraft(cm, fam.ID, 1, in); err != nil {
				t.Fatal(err)
			}
			v := mustVersion(t, s, cm, fam.ID, 1)
			if v.Status != regie.PlanDraft || v.DiscussedBy != "" || !v.MeetingDate.IsZero() || !v.DiscussedAt.IsZero() {
				t.Fatalf("after the edit: status %q, discussed by %q on %v", v.Status, v.DiscussedBy, v.MeetingDate)
			}
			if !v.ChangedAfterDiscussion.Equal(clock.Now()) {
				t.Errorf("changed after discussion = %v, want %v", v.ChangedAfterDiscussion, clock.Now())
			}
			var detail string
			if err := s.DB().QueryRow(`SELECT detail FROM audit WHERE segment = 'plan' AND action = 'update' ORDER BY id DESC LIMIT 1`).Scan(&detail); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(detail, "na de bespreking in het teamoverleg") || !strings.Contains(detail, "terug naar concept") {
				t.Errorf("audit detail %q does not say it was discussed before and changed after", detail)
			}
			// The minutes keep the discussion.
			if n := countRows(t, s, "meeting_decisions"); n != 1 {
				t.Errorf("%d meeting decisions, want the one discussion kept", n)
			}
			if err := s.AgreePlan(cm, fam.ID, 1, agree); code(err) != regie.ECONFLICT {
				t.Fatalf("agreeing a version changed after its discussion: %v, want ECONFLICT", err)
			}
			// Discussed again, it can be agreed; the trace is cleared.
			if err := s.MarkPlanDiscussed(tl, fam.ID, 1); err != nil {
				t.Fatal(err)
			}
			if v := mustVersion(t, s, cm, fam.ID, 1); v.Status != regie.PlanDiscussed || !v.ChangedAfterDiscussion.IsZero() {
				t.Fatalf("discussed again: status %q, changed after %v", v.Status, v.ChangedAfterDiscussion)
			}
			if err := s.AgreePlan(cm, fam.ID, 1, agree); err != nil {
				t.Fatal(err)
			}
			if v := mustVersion(t, s, cm, fam.ID, 1); v.Status != regie.PlanAgreed {
				t.Fatalf("agreed: status %q", v.Status)
			}
		})
	})
}
