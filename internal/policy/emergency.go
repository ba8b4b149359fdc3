package policy

import "regie"

// Break-glass access (noodtoegang). In an emergency a casemanager or youth
// worker of the family's own team, not assigned to it, may open the family
// after giving a reason. The access runs for regie.EmergencyAccessDuration
// and opens the family's content for reading only: no writing, no export,
// not the consents and their signed papers, not the handover, not what a
// youth told in confidence (nor a child's part the parents decide on), not
// the youths' own consents. Every decision it grants has the access's
// number and reason as its basis, so every audit row during it is marked.

// breakGlassBasis is why a team member may give an emergency access.
const breakGlassBasis = "noodtoegang: lid van het team van het gezin, niet toegewezen"

// emergencyReviewBasis is why the privacy officer reads and reviews them.
const emergencyReviewBasis = "privacy officer: beoordeling van noodtoegang"

// breakGlassRole reports whether a's role may ever use break-glass: the
// team's casemanagers and youth workers. The team leader reaches the
// team's families already; no one outside the team ever does.
func breakGlassRole(a *regie.Actor) bool {
	return (a.Role == regie.RoleCasemanager || a.Role == regie.RoleYouthWorker) && a.TeamID != 0
}

// emergency decides on a read of the family's content under a running
// break-glass access of the actor.
func emergency(a *regie.Actor, act regie.Action, seg regie.Segment, f *Facts) Decision {
	if f == nil || !f.Exists || f.Closed || act != regie.ActionRead || !breakGlassRole(a) || a.TeamID != f.TeamID {
		return deny
	}
	if seg == regie.SegConsent || seg == regie.SegHandover {
		return deny
	}
	e := f.Emergency
	if e == nil || e.UserID != a.UserID || !e.Active(f.Now) {
		return deny
	}
	return allow(e.Basis())
}

// emergencyAccess covers the accesses themselves. Giving one (create): a
// casemanager or youth worker of the family's team, whom nothing else
// opens the open file to, and whose earlier access no longer runs.
// Reading a family's accesses (f set): its coordinator, duo partner and
// team leader. Reading all of them and reviewing one (f nil): the privacy
// officer, who sees no family content by it.
func emergencyAccess(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil {
		if a.Role == regie.RolePrivacy && (act == regie.ActionRead || act == regie.ActionUpdate) {
			return allow(emergencyReviewBasis)
		}
		return deny
	}
	if !f.Exists {
		return deny
	}
	switch act {
	case regie.ActionCreate:
		if f.Closed || !breakGlassRole(a) || a.TeamID != f.TeamID {
			return deny
		}
		if assigned(a, regie.ActionRead, regie.SegFamily, f).Allow || f.Emergency.Active(f.Now) {
			return deny
		}
		return allow(breakGlassBasis)
	case regie.ActionRead:
		if a.Role == regie.RoleCasemanager || a.Role == regie.RoleTeamLeader {
			return assigned(a, act, regie.SegFamily, f)
		}
	}
	return deny
}

// EmergencyNotices says whose families' new emergency accesses the actor
// is told of on their start page — a casemanager's (the families they
// coordinate or are duo partner of, Scope.UserID), a team leader's team's
// (Scope.TeamID) — and the decision's basis for the audit row.
func EmergencyNotices(a *regie.Actor) (Scope, Decision) {
	if a == nil || a.UserID == 0 {
		return Scope{}, deny
	}
	switch a.Role {
	case regie.RoleCasemanager:
		return Scope{UserID: a.UserID}, allow("toewijzing: melding van noodtoegang tot eigen gezinnen")
	case regie.RoleTeamLeader:
		if a.TeamID != 0 {
			return Scope{TeamID: a.TeamID}, allow("teamleider van het team: melding van noodtoegang")
		}
	}
	return Scope{}, deny
}

// BreakGlass reports whether a may ever ask for break-glass access: a
// casemanager or youth worker of a team. The not-found page of a family
// offers it to them whatever the family, so that page stays the same
// for a missing family, another team's and one of their own team.
func BreakGlass(a *regie.Actor) bool {
	return a != nil && a.UserID != 0 && breakGlassRole(a)
}

// ReviewsEmergencies reports whether a reviews break-glass accesses: the
// privacy officer's menu entry.
func ReviewsEmergencies(a *regie.Actor) bool {
	return a != nil && a.UserID != 0 && Can(a, regie.ActionRead, regie.SegEmergency, nil)
}
