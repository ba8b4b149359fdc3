package store

import (
	"regie"
	"regie/internal/policy"
)

// What a partner organisation's user is shown. The policy decides whether
// a partner may open a part of a family's file at all, and returns with its
// decision what the valid consents naming the organisation cover — sections
// and life domains. The functions here leave out of what was read every
// part those kinds do not cover, and record the disclosure on the value so
// a page can say that a part is not shared instead of showing it as empty.
// Staff read under an assignment: their disclosure is the whole file.

// disclosure is what a decision lets the reader see.
func disclosure(dec policy.Decision) regie.Disclosure {
	return regie.Disclosure{ConsentID: dec.ConsentID, Kinds: dec.Kinds}
}

// discloseFamily leaves on the family page only what d covers: the
// household itself (or the page would not open), members without their
// BSN, safety and contacts only when named; never the intake nor the
// consents, which no consent covers. The coordinator and duo partner stay:
// a partner must know whom to call.
func discloseFamily(f *regie.Family, d regie.Disclosure) {
	f.Disclosure = d
	if !d.Partial() {
		return
	}
	f.Intake, f.Consents = nil, nil
	if d.Shares(regie.InfoMembers) {
		for _, m := range f.Members {
			m.BSN = ""
		}
	} else {
		f.Members = nil
		// A youth worker's assignment names the member they work with.
		var as []*regie.Assignment
		for _, a := range f.Assignments {
			if a.Kind != regie.AssignYouth {
				as = append(as, a)
			}
		}
		f.Assignments = as
	}
	if !d.Shares(regie.InfoSafety) {
		f.SafetyConcerns = nil
	}
	if !d.Shares(regie.InfoContacts) {
		f.RecentContacts, f.Summary = nil, nil
	} else {
		discloseContacts(f.RecentContacts, d)
		if s := f.Summary; s != nil {
			// The signals and what is due next are the team's working
			// list; they draw on the plan and safety as well.
			s.Signals, s.Due = nil, regie.Due{}
			s.Acute, s.Facts.Acute, s.Facts.OverdueAgreements = f.Acute(), f.Acute(), 0
			s.Facts.OpenStagnations, s.Facts.StagnationSince = 0, regie.Date{}
		}
	}
}

// discloseContacts leaves out who of the family was at a contact when the
// members are not shared.
func discloseContacts(cs []*regie.Contact, d regie.Disclosure) {
	if d.Shares(regie.InfoMembers) {
		return
	}
	for _, c := range cs {
		c.Members, c.MemberNames = nil, nil
	}
}

// disclosePlan keeps of a version what d covers: the assessments, goals
// and agreements of the life domains named (an agreement without a domain
// is shared with no partner), the general part and the closing question
// only when named, scores of members only when the members are.
func disclosePlan(v *regie.PlanVersion, d regie.Disclosure) {
	if v == nil {
		return
	}
	v.Disclosure = d
	if !d.Partial() {
		return
	}
	var ds []*regie.DomainAssessment
	for _, a := range v.Domains {
		if d.SharesDomain(a.Domain) {
			if !d.Shares(regie.InfoMembers) {
				a.MemberScores = nil
			}
			ds = append(ds, a)
		}
	}
	v.Domains = ds
	var gs []*regie.Goal
	for _, g := range v.Goals {
		if d.SharesDomain(g.Domain) {
			gs = append(gs, g)
		}
	}
	v.Goals = gs
	var as []*regie.Agreement
	for _, a := range v.Agreements {
		if a.Domain != "" && d.SharesDomain(a.Domain) {
			as = append(as, a)
		}
	}
	v.Agreements = as
	if !d.Shares(regie.InfoPlanGeneral) {
		v.History, v.Strengths, v.Obstacles, v.Problems, v.Situation, v.ClosingQuestion = "", "", "", "", "", ""
	}
}

// discloseMoments keeps of the scoring moments the scores on the life
// domains d covers (a member's only when the members are), and the
// moments that still hold a score.
func discloseMoments(ms []*regie.ScoreMoment, d regie.Disclosure) []*regie.ScoreMoment {
	if !d.Partial() {
		return ms
	}
	var out []*regie.ScoreMoment
	for _, m := range ms {
		for dm := range m.Scores {
			if !d.SharesDomain(dm) {
				delete(m.Scores, dm)
			}
		}
		for dm := range m.MemberScores {
			if !d.SharesDomain(dm) || !d.Shares(regie.InfoMembers) {
				delete(m.MemberScores, dm)
			}
		}
		if len(m.Scores) > 0 || len(m.MemberScores) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// discloseTrajectories keeps the trajectories on the life domains d
// covers; the agencies are counted after.
func discloseTrajectories(ts *regie.Trajectories, d regie.Disclosure) {
	ts.Disclosure = d
	if !d.Partial() {
		return
	}
	var list []*regie.Trajectory
	for _, t := range ts.List {
		if d.SharesDomain(t.Domain) {
			list = append(list, t)
		}
	}
	ts.List = list
}

// discloseNetwork keeps of the network meetings what a partner of
// organisation orgID is shown under d: only the meetings the organisation
// attended; in them the day, the organisations present (by name, not
// their people), the members only when the members are shared, and the
// organisation's own agreements and their progress — never the other
// organisations' agreements, the notes nor who recorded the meeting.
func discloseNetwork(ms []*regie.NetworkMeeting, orgID int64, d regie.Disclosure) []*regie.NetworkMeeting {
	if !d.Partial() {
		return ms
	}
	var out []*regie.NetworkMeeting
	for _, m := range ms {
		attended := false
		for _, a := range m.Attendees {
			if a.Kind == regie.AttendeeOrganisation && a.OrgID == orgID {
				attended = true
			}
		}
		if !attended {
			continue
		}
		m.Disclosure = d
		var as []regie.NetworkAttendee
		for _, a := range m.Attendees {
			switch {
			case a.Kind == regie.AttendeeOrganisation:
				a.Name = ""
				as = append(as, a)
			case a.Kind == regie.AttendeeMember && d.Shares(regie.InfoMembers):
				as = append(as, a)
			default:
				m.AttendeesWithheld++
			}
		}
		m.Attendees = as
		m.Agreements = ownNetworkAgreements(m.Agreements, orgID)
		own := map[int64]bool{}
		for _, a := range m.Agreements {
			own[a.ID] = true
		}
		var ps []regie.NetworkProgress
		for _, p := range m.Progress {
			if own[p.AgreementID] {
				ps = append(ps, p)
			}
		}
		m.Progress = ps
		m.Notes, m.CreatedByName = "", ""
		out = append(out, m)
	}
	return out
}

// ownNetworkAgreements keeps the agreements organisation orgID owns.
func ownNetworkAgreements(as []*regie.NetworkAgreement, orgID int64) []*regie.NetworkAgreement {
	var out []*regie.NetworkAgreement
	for _, a := range as {
		if a.OwnerOrgID == orgID {
			out = append(out, a)
		}
	}
	return out
}
