package regie

import "context"

// Permissions are what the actor may do outside any one family or
// referral: the items of the menu and the entries to new things, as the
// access policy decides them (policy.ActorPermissions). What belongs to
// one family or referral is in Family.Can and Referral.Can.
type Permissions struct {
	MyFamilies bool // the families assigned to the actor
	// Worklist: the werkbak, what is due across the actor's families.
	Worklist     bool
	TeamFamilies bool // all families of the actor's team
	// PartnerFamilies: a partner's list of the families whose consent,
	// valid today, names the partner's organisation.
	PartnerFamilies bool
	NewFamily       bool // open a family's file directly
	Meeting         bool // the team meeting of the actor's team
	Referrals       bool // the list of referrals
	// OwnReferralsOnly: the list shows the actor's own referrals (a
	// referrer's), not the team's.
	OwnReferralsOnly bool
	Refer            bool // a new referral
	// ReferOnBehalf: a new referral is noted on a referrer's behalf.
	ReferOnBehalf bool
	WaitingList   bool // the team's waiting list and priority list
	Supervision   bool // the supervision of the team's workers
	// OwnSupervision: the sessions of the actor's own work supervision.
	OwnSupervision bool
	Assignments    bool // the list of assignments
	SocialMap      bool // the social map
	EditSocialMap  bool
	Accounts       bool // the administration of accounts
	// Confirmations: the account changes waiting for a second person.
	Confirmations bool
	Settings      bool // the norms and the phases' checklists
	AuditLog      bool // the access log
	// ExportAuditLog: a family's access log as a CSV download.
	ExportAuditLog bool
	// Reports: the reports' figures (the team leader's team, a manager's
	// every team); Rates: setting the cost/benefit's rates.
	Reports bool
	Rates   bool
	// BreakGlass: the actor may ask for break-glass access (noodtoegang)
	// to a family of their team they are not assigned to; which family,
	// the store decides when asked. EmergencyReviews: the privacy
	// officer's review of those accesses.
	BreakGlass       bool
	EmergencyReviews bool
	// Retention: the privacy officer's page of retention dates, legal
	// holds, destruction and requests to destroy.
	Retention bool
	// Privacy is the privacy officer's area: PersonExport (everything
	// about one person, AVG 15/20), Rectifications (requests to correct
	// data, AVG 16) and Register (the register of processing, AVG 30).
	Privacy        bool
	PersonExport   bool
	Rectifications bool
	Register       bool
}

// PermissionService tells what the actor of ctx may do.
type PermissionService interface {
	// Permissions never fails: an actor without a complete log-in may
	// do nothing.
	Permissions(ctx context.Context) *Permissions
}
