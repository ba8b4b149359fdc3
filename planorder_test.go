package regie_test

import (
	"testing"

	"regie"
)

func TestPlanStatus_Order(t *testing.T) {
	for _, tc := range []struct {
		status           regie.PlanStatus
		discuss, agree   string // the error code, "" when allowed
		afterEdit        regie.PlanStatus
		reopenedByAnEdit bool
	}{
		{regie.PlanDraft, "", regie.ECONFLICT, regie.PlanDraft, false},
		{regie.PlanDiscussed, regie.ECONFLICT, "", regie.PlanDraft, true},
		{regie.PlanAgreed, regie.ECONFLICT, regie.ECONFLICT, regie.PlanAgreed, false},
	} {
		if got := regie.ErrorCode(tc.status.CheckDiscuss()); got != tc.discuss {
			t.Errorf("%s: CheckDiscuss = %q, want %q", tc.status, got, tc.discuss)
		}
		if got := regie.ErrorCode(tc.status.CheckAgree()); got != tc.agree {
			t.Errorf("%s: CheckAgree = %q, want %q", tc.status, got, tc.agree)
		}
		if next, reopened := tc.status.AfterEdit(); next != tc.afterEdit || reopened != tc.reopenedByAnEdit {
			t.Errorf("%s: AfterEdit = %s, %v; want %s, %v", tc.status, next, reopened, tc.afterEdit, tc.reopenedByAnEdit)
		}
	}
	if got := regie.ErrorMessage(regie.PlanDraft.CheckAgree()); got != regie.Text(regie.MsgPlanNotDiscussed) {
		t.Errorf("agreeing a concept says %q", got)
	}
}
