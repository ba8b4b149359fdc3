package store

import (
	"testing"

	"regie"
)

// TestWithAlso proves that the check-ups' families are enriched with the
// list's in one go, a family in both once, and that the check-ups then
// show the list's summary of it.
func TestWithAlso(t *testing.T) {
	a, b := &regie.FamilySummary{ID: 1}, &regie.FamilySummary{ID: 2}
	list := []*regie.FamilySummary{a, b}
	if got := withAlso(list, nil); len(got) != 2 || got[0] != a || got[1] != b {
		t.Fatalf("withAlso(list, nil) = %v, want list", got)
	}
	twin, c := &regie.FamilySummary{ID: 2}, &regie.FamilySummary{ID: 3}
	also := []*regie.FamilySummary{twin, c}
	got := withAlso(list, also)
	if len(got) != 3 || got[0] != a || got[1] != b || got[2] != c {
		t.Errorf("withAlso = %v, want the list's two and family 3", got)
	}
	if also[0] != b {
		t.Error("family 2, in both, is not the list's summary among the check-ups")
	}
	if len(list) != 2 || cap(list) < 2 {
		t.Errorf("the list itself changed: %v", list)
	}
}
