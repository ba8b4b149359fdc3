package policy_test

import (
	"testing"

	"regie"
	"regie/internal/policy"
)

// TestReports: the team leader reads and exports the own team's figures
// and opens the families behind them; a manager reads and exports every
// team's figures and never opens a family; nobody else sees reports.
func TestReports(t *testing.T) {
	tl := &regie.Actor{UserID: 9, Role: regie.RoleTeamLeader, TeamID: 1}
	manager := &regie.Actor{UserID: 8, Role: regie.RoleManager}
	own, other, all := &policy.Facts{Exists: true, TeamID: 1}, &policy.Facts{Exists: true, TeamID: 2}, &policy.Facts{Exists: true}
	for _, tc := range []struct {
		name  string
		actor *regie.Actor
		act   regie.Action
		seg   regie.Segment
		facts *policy.Facts
		want  bool
	}{
		{"team leader reads own team", tl, regie.ActionRead, regie.SegReports, own, true},
		{"team leader exports own team", tl, regie.ActionExport, regie.SegReports, own, true},
		{"team leader not another team", tl, regie.ActionRead, regie.SegReports, other, false},
		{"team leader not all teams", tl, regie.ActionRead, regie.SegReports, all, false},
		{"team leader opens own team's families", tl, regie.ActionRead, regie.SegReportFamilies, own, true},
		{"team leader writes no report", tl, regie.ActionUpdate, regie.SegReports, own, false},
		{"manager reads all teams", manager, regie.ActionRead, regie.SegReports, all, true},
		{"manager reads a team", manager, regie.ActionRead, regie.SegReports, other, true},
		{"manager exports", manager, regie.ActionExport, regie.SegReports, all, true},
		{"manager opens no family behind a figure", manager, regie.ActionRead, regie.SegReportFamilies, own, false},
		{"manager reads no family", manager, regie.ActionRead, regie.SegFamily, own, false},
		{"manager reads no family list", manager, regie.ActionRead, regie.SegFamilyList, nil, false},
		{"casemanager sees no reports", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegReports, own, false},
		{"administrator sees no reports", &regie.Actor{UserID: 6, Role: regie.RoleAdmin}, regie.ActionRead, regie.SegReports, all, false},
		{"privacy officer sees no reports", &regie.Actor{UserID: 5, Role: regie.RolePrivacy}, regie.ActionRead, regie.SegReports, all, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := policy.Can(tc.actor, tc.act, tc.seg, tc.facts); got != tc.want {
				t.Errorf("Can(%s, %s, %s) = %v, want %v", tc.actor.Role, tc.act, tc.seg, got, tc.want)
			}
		})
	}
	if team, ok := policy.ReportScope(tl, 2); !ok || team != 1 {
		t.Errorf("team leader's scope asking team 2 = %d, %v; want the own team 1", team, ok)
	}
	if team, ok := policy.ReportScope(manager, 2); !ok || team != 2 {
		t.Errorf("manager's scope asking team 2 = %d, %v", team, ok)
	}
	if policy.ReportAudience(tl, false) != regie.AudienceTeam || policy.ReportAudience(tl, true) != regie.AudienceOutside ||
		policy.ReportAudience(manager, false) != regie.AudienceOutside {
		t.Error("audience: the team leader's screen is the team's; exports and the manager are outside")
	}
}
