package policy_test

import (
	"testing"

	"regie"
	"regie/internal/policy"
)

// TestDataSubjectRights: the person export is the privacy officer's only
// (read to choose the member, export), for a family that exists; the
// requests for rectification are recorded and decided by the privacy
// officer (a closed file too) and read by whoever reads the members, never
// a partner; the register is the privacy officer's and the administrator's.
func TestDataSubjectRights(t *testing.T) {
	fg := &regie.Actor{UserID: 9, Role: regie.RolePrivacy}
	admin := &regie.Actor{UserID: 8, Role: regie.RoleAdmin}
	cm := &regie.Actor{UserID: 2, Role: regie.RoleCasemanager, TeamID: 1}
	tl := &regie.Actor{UserID: 3, Role: regie.RoleTeamLeader, TeamID: 1}
	partner := &regie.Actor{UserID: 4, Role: regie.RolePartner, OrganisationID: 5}
	for _, tc := range []struct {
		name  string
		actor *regie.Actor
		act   regie.Action
		seg   regie.Segment
		facts *policy.Facts
		want  bool
	}{
		{"privacy officer exports a person", fg, regie.ActionExport, regie.SegPersonExport, relation("team"), true},
		{"privacy officer reads the members to choose", fg, regie.ActionRead, regie.SegPersonExport, relation("other"), true},
		{"not of a missing family", fg, regie.ActionExport, regie.SegPersonExport, relation("missing"), false},
		{"the coordinator does not export a person", cm, regie.ActionExport, regie.SegPersonExport, relation("coordinator"), false},
		{"nor the team leader", tl, regie.ActionExport, regie.SegPersonExport, relation("team"), false},
		{"nor the administrator", admin, regie.ActionExport, regie.SegPersonExport, relation("team"), false},
		{"privacy officer records a request", fg, regie.ActionCreate, regie.SegRectification, relation("closed"), true},
		{"privacy officer decides it", fg, regie.ActionUpdate, regie.SegRectification, relation("team"), true},
		{"privacy officer lists all requests", fg, regie.ActionRead, regie.SegRectification, nil, true},
		{"the coordinator reads the family's requests", cm, regie.ActionRead, regie.SegRectification, relation("coordinator"), true},
		{"but records none", cm, regie.ActionCreate, regie.SegRectification, relation("coordinator"), false},
		{"nor lists all", cm, regie.ActionRead, regie.SegRectification, nil, false},
		{"another family's are not the casemanager's", cm, regie.ActionRead, regie.SegRectification, relation("team"), false},
		{"the team leader reads the team's", tl, regie.ActionRead, regie.SegRectification, relation("team"), true},
		{"a partner never", partner, regie.ActionRead, regie.SegRectification, relation("team"), false},
		{"privacy officer reads the register", fg, regie.ActionRead, regie.SegRegister, nil, true},
		{"the administrator too", admin, regie.ActionRead, regie.SegRegister, nil, true},
		{"not the team leader", tl, regie.ActionRead, regie.SegRegister, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := policy.Can(tc.actor, tc.act, tc.seg, tc.facts); got != tc.want {
				t.Errorf("Can(%s, %s, %s) = %v, want %v", tc.actor.Role, tc.act, tc.seg, got, tc.want)
			}
		})
	}
}
