package policy_test

import (
	"testing"

	"regie"
	"regie/internal/policy"
)

// Retention is the privacy officer's alone; the command line only
// destroys what she approved; everyone else is refused.
func TestDecide_Retention(t *testing.T) {
	acts := []regie.Action{regie.ActionRead, regie.ActionCreate, regie.ActionUpdate, regie.ActionDestroy, regie.ActionExport}
	for _, r := range append(regie.Roles, regie.Choice[regie.Role]{Value: regie.RoleSystem}) {
		a := &regie.Actor{UserID: 7, Role: r.Value, TeamID: 1}
		if r.Value == regie.RoleSystem {
			a.UserID = 0
		}
		for _, seg := range []regie.Segment{regie.SegRetention, regie.SegDestructionRequest} {
			for _, act := range acts {
				want := false
				switch r.Value {
				case regie.RolePrivacy:
					want = act == regie.ActionRead || act == regie.ActionCreate || act == regie.ActionUpdate ||
						act == regie.ActionDestroy && seg == regie.SegRetention
				case regie.RoleSystem:
					want = act == regie.ActionDestroy && seg == regie.SegRetention
				}
				if got := policy.Decide(a, act, seg, nil).Allow; got != want {
					t.Errorf("%s %s %s = %v, want %v", r.Value, act, seg, got, want)
				}
			}
		}
	}
	if p := policy.ActorPermissions(&regie.Actor{UserID: 7, Role: regie.RolePrivacy}); !p.Retention {
		t.Error("the privacy officer's menu lacks Bewaartermijnen")
	}
	if p := policy.ActorPermissions(&regie.Actor{UserID: 7, Role: regie.RoleAdmin}); p.Retention {
		t.Error("the administrator's menu has Bewaartermijnen")
	}
}
