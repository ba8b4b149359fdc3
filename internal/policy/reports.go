package policy

import "regie"

// Bases of the reports' decisions.
const (
	teamReportsBasis    = "teamleider: rapportages van het eigen team"
	managerReportsBasis = "manager: cijfers zonder gezinsinhoud"
	reportFamiliesBasis = "teamleider: gezinnen achter een cijfer van het eigen team"
)

// ReportScope says which team the reports of actor a cover when teamID is
// asked (0: every team): the team leader's own team, whatever is asked; a
// manager's choice. ok is false for everyone else.
func ReportScope(a *regie.Actor, teamID int64) (int64, bool) {
	switch {
	case a == nil || a.UserID == 0:
		return 0, false
	case a.Role == regie.RoleTeamLeader && a.TeamID != 0:
		return a.TeamID, true
	case a.Role == regie.RoleManager:
		return teamID, true
	}
	return 0, false
}

// ReportAudience says for whom the figures are: the team leader's screen
// is the team's; a manager's screen, and every export or print, leave the
// team and are suppressed.
func ReportAudience(a *regie.Actor, export bool) regie.ReportAudience {
	if !export && a != nil && a.Role == regie.RoleTeamLeader && a.TeamID != 0 {
		return regie.AudienceTeam
	}
	return regie.AudienceOutside
}

// reports decides on the figures of a report (f.TeamID: the report's
// team, 0 for every team). Reading is viewing them; exporting is a
// download or a print. The team leader reads and exports the own team's,
// a manager every team's; neither sees a family's content here.
func reports(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || (act != regie.ActionRead && act != regie.ActionExport) {
		return deny
	}
	switch {
	case a.Role == regie.RoleTeamLeader && a.TeamID != 0 && f.TeamID == a.TeamID:
		return allow(teamReportsBasis)
	case a.Role == regie.RoleManager:
		return allow(managerReportsBasis)
	}
	return deny
}

// reportFamilies decides on the list of the families behind a figure
// (f.TeamID: the report's team): only the team leader of that team, who
// may open its families anyway. A manager sees figures, never families.
func reportFamilies(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || act != regie.ActionRead {
		return deny
	}
	if a.Role == regie.RoleTeamLeader && a.TeamID != 0 && f.TeamID == a.TeamID {
		return allow(reportFamiliesBasis)
	}
	return deny
}
