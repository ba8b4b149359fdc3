package policy_test

import (
	"testing"

	"regie"
	"regie/internal/policy"
)

func TestContactChange_OnlyTheAuthor(t *testing.T) {
	for _, tc := range []struct {
		name   string
		actor  *regie.Actor
		author int64
		allow  bool
	}{
		{"Author", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager}, 7, true},
		{"AuthorYouthWorker", &regie.Actor{UserID: 9, Role: regie.RoleYouthWorker}, 9, true},
		{"YouthWorkerOnCoordinatorsNote", &regie.Actor{UserID: 9, Role: regie.RoleYouthWorker}, 7, false},
		{"DuoOnCoordinatorsNote", &regie.Actor{UserID: 8, Role: regie.RoleCasemanager}, 7, false},
		{"TeamLeaderOnCoordinatorsNote", &regie.Actor{UserID: 3, Role: regie.RoleTeamLeader, TeamID: 1}, 7, false},
		{"System", regie.SystemActor(), 7, false},
		{"NoActor", nil, 7, false},
		{"NoAuthor", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := policy.ContactChange(tc.actor, tc.author)
			if d.Allow != tc.allow {
				t.Fatalf("ContactChange = %+v, want allow %v", d, tc.allow)
			}
			if !d.Allow && d.Basis != policy.Denied {
				t.Fatalf("denied with basis %q, want %q", d.Basis, policy.Denied)
			}
		})
	}
}
