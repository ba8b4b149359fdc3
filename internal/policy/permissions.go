package policy

import "regie"

// Can reports whether actor a may perform act on seg given the facts: the
// answer of Decide, for the store to tell the pages what to offer. The
// store asks it with the facts it read for the access itself, so what a
// page offers and what the store allows are one rule.
func Can(a *regie.Actor, act regie.Action, seg regie.Segment, f *Facts) bool {
	return Decide(a, act, seg, f).Allow
}

// FamilyPermissions says what actor a may do with the family of the facts
// f, each permission the decision on the action and segment the store
// checks when the action is taken.
func FamilyPermissions(a *regie.Actor, f *Facts) regie.FamilyPermissions {
	can := func(act regie.Action, seg regie.Segment) bool { return Can(a, act, seg, f) }
	return regie.FamilyPermissions{
		Edit:         can(regie.ActionUpdate, regie.SegFamily),
		Members:      can(regie.ActionUpdate, regie.SegMembers),
		Assign:       can(regie.ActionUpdate, regie.SegAssignment),
		Contacts:     can(regie.ActionCreate, regie.SegContacts),
		Safety:       can(regie.ActionCreate, regie.SegSafety),
		Phase:        can(regie.ActionUpdate, regie.SegPhase),
		Plan:         can(regie.ActionUpdate, regie.SegPlan),
		Consent:      can(regie.ActionCreate, regie.SegConsent),
		Trajectories: can(regie.ActionUpdate, regie.SegTrajectories),
		Evaluate:     can(regie.ActionCreate, regie.SegEvaluations),
		Checkup:      can(regie.ActionCreate, regie.SegCheckups),

		ReadContacts:     can(regie.ActionRead, regie.SegContacts),
		ReadPhase:        can(regie.ActionRead, regie.SegPhase),
		ReadPlan:         can(regie.ActionRead, regie.SegPlan),
		ReadConsent:      can(regie.ActionRead, regie.SegConsent),
		ReadTrajectories: can(regie.ActionRead, regie.SegTrajectories),
		ReadEvaluations:  can(regie.ActionRead, regie.SegEvaluations),
		ReadCheckups:     can(regie.ActionRead, regie.SegCheckups),
		ReadAssignment:   can(regie.ActionRead, regie.SegAssignment),
		ExportPlan:       can(regie.ActionExport, regie.SegPlan),
		ExportConsent:    can(regie.ActionExport, regie.SegConsent),

		ReadHandover:   can(regie.ActionRead, regie.SegHandover),
		Handover:       can(regie.ActionCreate, regie.SegHandover),
		ExportHandover: can(regie.ActionExport, regie.SegHandover),
		ReadNetwork:    can(regie.ActionRead, regie.SegNetwork),
		Network:        can(regie.ActionCreate, regie.SegNetwork),

		ReadNetworkPersons: can(regie.ActionRead, regie.SegNetworkPersons),
		NetworkPersons:     can(regie.ActionUpdate, regie.SegNetworkPersons),
		ReadGenogram:       can(regie.ActionRead, regie.SegGenogram),
		Genogram:           can(regie.ActionUpdate, regie.SegGenogram),
		ReadCouncils:       can(regie.ActionRead, regie.SegCouncil),
		Councils:           can(regie.ActionUpdate, regie.SegCouncil),
		ReadAgreements:     can(regie.ActionRead, regie.SegAgreements),
		Agreements:         can(regie.ActionUpdate, regie.SegAgreements),
		ReadStagnation:     can(regie.ActionRead, regie.SegStagnation),
		ReportStagnation:   can(regie.ActionCreate, regie.SegStagnation),
		HandleStagnation:   can(regie.ActionUpdate, regie.SegStagnation),

		ReadRectifications: can(regie.ActionRead, regie.SegRectification),

		ReadSociogram: can(regie.ActionRead, regie.SegSociogram),
		Sociogram:     can(regie.ActionUpdate, regie.SegSociogram),
		Flower:        can(regie.ActionRead, regie.SegTrajectories) && can(regie.ActionRead, regie.SegNetworkPersons),
		ReadBalance:   can(regie.ActionRead, regie.SegBalance),
		Balance:       can(regie.ActionUpdate, regie.SegBalance),
	}
}

// ReferralPermissions says what actor a may do with the referral of the
// facts f. final is whether its intake is over (regie.ReferralStatus.Final):
// the store refuses scheduling, deciding and the priority list then, by
// the same rule. family holds the facts of the family the referral was
// linked to, nil when none.
func ReferralPermissions(a *regie.Actor, f *Facts, final bool, family *Facts) regie.ReferralPermissions {
	read := Decide(a, regie.ActionRead, regie.SegReferral, f)
	update := Can(a, regie.ActionUpdate, regie.SegReferral, f)
	return regie.ReferralPermissions{
		Team:       read.Allow && read.Basis == teamMeetingBasis,
		Decide:     !final && Can(a, regie.ActionCreate, regie.SegIntake, f),
		Schedule:   !final && update,
		Priority:   !final && update,
		OpenFamily: family != nil && Can(a, regie.ActionRead, regie.SegFamily, family),
		// The referrer promised to resume low-threshold care after the
		// intensive phase (seed 003 §5.5): they hear that it ended and
		// that the handover was made, as does the team; no content.
		Journey: family != nil && read.Allow,
	}
}

// ReferOnBehalf reports whether a referral a makes is noted on a
// referrer's behalf (staff taking a call) rather than the actor's own.
func ReferOnBehalf(a *regie.Actor) bool {
	d := Decide(a, regie.ActionCreate, regie.SegReferral, nil)
	return d.Allow && d.Basis == onBehalfBasis
}

// ActorPermissions says what actor a may do outside any one family: the
// menu and the entries to new things. The facts of the actor's own team
// stand for "a family or meeting of my team".
func ActorPermissions(a *regie.Actor) *regie.Permissions {
	p := &regie.Permissions{}
	if a == nil || a.UserID == 0 {
		return p
	}
	own := &Facts{Exists: a.TeamID != 0, TeamID: a.TeamID}
	_, p.MyFamilies = ListScope(a, regie.FamilyFilter{Scope: regie.ScopeMine})
	_, p.Worklist = WorklistScope(a)
	_, p.TeamFamilies = ListScope(a, regie.FamilyFilter{Scope: regie.ScopeTeam})
	_, p.PartnerFamilies = ListScope(a, regie.FamilyFilter{Scope: regie.ScopePartner})
	p.NewFamily = Can(a, regie.ActionCreate, regie.SegFamily, nil)
	p.Meeting = own.Exists && Can(a, regie.ActionRead, regie.SegMeeting, own)
	p.Referrals = Can(a, regie.ActionRead, regie.SegReferrals, nil)
	if scope, ok := ReferralScope(a, false); p.Referrals && ok {
		p.OwnReferralsOnly = scope.UserID != 0
		p.WaitingList = scope.TeamID != 0
	}
	p.Refer = Can(a, regie.ActionCreate, regie.SegReferral, nil)
	p.ReferOnBehalf = ReferOnBehalf(a)
	p.Supervision = own.Exists && Can(a, regie.ActionRead, regie.SegSupervision, own)
	p.OwnSupervision = OwnSupervision(a)
	p.Assignments = Can(a, regie.ActionRead, regie.SegAssignments, nil)
	p.SocialMap = Can(a, regie.ActionRead, regie.SegSocialMap, nil)
	p.EditSocialMap = Can(a, regie.ActionCreate, regie.SegSocialMap, nil)
	p.Accounts = Can(a, regie.ActionRead, regie.SegAccount, nil)
	p.Confirmations = ConfirmsAccounts(a)
	p.Settings = Can(a, regie.ActionUpdate, regie.SegSettings, nil)
	p.AuditLog = Can(a, regie.ActionRead, regie.SegAuditLog, nil)
	p.ExportAuditLog = Can(a, regie.ActionExport, regie.SegAuditLog, nil)
	_, p.Reports = ReportScope(a, 0)
	p.Rates = p.Settings
	p.BreakGlass = BreakGlass(a)
	p.EmergencyReviews = ReviewsEmergencies(a)
	p.Retention = Can(a, regie.ActionRead, regie.SegRetention, nil)
	anyFamily := &Facts{Exists: true}
	p.PersonExport = Can(a, regie.ActionExport, regie.SegPersonExport, anyFamily) && Can(a, regie.ActionSearch, regie.SegFamilyList, nil)
	p.Rectifications = Can(a, regie.ActionCreate, regie.SegRectification, anyFamily) && Can(a, regie.ActionRead, regie.SegRectification, nil)
	p.Register = Can(a, regie.ActionRead, regie.SegRegister, nil)
	p.Privacy = p.PersonExport || p.Rectifications || p.Register
	return p
}

// CheckupPermissions says what actor a may do on the check-up page of the
// family of the facts f.
func CheckupPermissions(a *regie.Actor, f *Facts) regie.CheckupPermissions {
	return regie.CheckupPermissions{
		Record:     Can(a, regie.ActionCreate, regie.SegCheckups, f),
		OpenFamily: Can(a, regie.ActionRead, regie.SegFamily, f),
		Referrals:  Can(a, regie.ActionRead, regie.SegReferrals, nil),
	}
}

// YouthPermissions says what actor a may do with the youth of the facts f
// (f.Youth set, as the store reads it with youthFacts), each the decision
// the store checks when it is done: the youth's own consents (reading,
// recording), reading the track's shared part and its confidential part,
// and writing the track (the youth's own worker, while the youth is 12 to
// 24 and the file open). Writing needs both parts: the plan's
// agreements that concern the family are shared, the rest confidential.
// A contact with the youth is also one of the family's contacts. The
// store narrows these by the track's state (a running track is planned
// and closed; a new one is started only when none runs).
func YouthPermissions(a *regie.Actor, f *Facts) regie.YouthPermissions {
	write := Can(a, regie.ActionCreate, regie.SegYouth, f) && Can(a, regie.ActionCreate, regie.SegYouthConfidential, f)
	return regie.YouthPermissions{
		ReadConsents:     Can(a, regie.ActionRead, regie.SegYouthConsent, f),
		RecordConsent:    Can(a, regie.ActionCreate, regie.SegYouthConsent, f),
		Read:             Can(a, regie.ActionRead, regie.SegYouth, f),
		ReadConfidential: Can(a, regie.ActionRead, regie.SegYouthConfidential, f),
		Start:            write,
		Plan:             write,
		Contact:          write && Can(a, regie.ActionCreate, regie.SegContacts, f),
		Close:            write,
		OpenFamily:       Can(a, regie.ActionRead, regie.SegFamily, f),
		Assign:           Can(a, regie.ActionUpdate, regie.SegAssignment, f),
	}
}
