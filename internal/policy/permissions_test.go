package policy_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/policy"
)

// TestFamilyPermissions: what a page offers for a family is the decision
// on the action the store checks, relation by relation.
func TestFamilyPermissions(t *testing.T) {
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	yw := &regie.Actor{UserID: 8, Role: regie.RoleYouthWorker, TeamID: 1}
	tl := &regie.Actor{UserID: 9, Role: regie.RoleTeamLeader, TeamID: 1}
	partner := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 5}
	today := regie.Date{}
	consent := &regie.Consent{ID: 3, Parties: []regie.ConsentParty{{OrgID: 5,
		Kinds: []regie.InfoKind{regie.InfoFamily, regie.InfoContacts, regie.InfoPlan}}}}
	all := regie.FamilyPermissions{Edit: true, Members: true, Assign: false, Contacts: true, Safety: true, Phase: true, Plan: true,
		Consent: true, Trajectories: true, ReadContacts: true, ReadPhase: true, ReadPlan: true, ReadConsent: true,
		ReadTrajectories: true, ReadCheckups: true, ReadAssignment: true, ExportPlan: true, ExportConsent: true,
		ReadHandover: true, Handover: true, ExportHandover: true, ReadNetwork: true, Network: true, Evaluate: true, ReadEvaluations: true,
		ReadNetworkPersons: true, NetworkPersons: true, ReadAgreements: true, Agreements: true, ReadStagnation: true, HandleStagnation: true,
		ReadRectifications: true, ReadGenogram: true, Genogram: true, ReadSociogram: true, Sociogram: true, Flower: true, ReadBalance: true, Balance: true, ReadCouncils: true, Councils: true}
	reads := all
	reads.Evaluate = false
	reads.Edit, reads.Members, reads.Contacts, reads.Safety, reads.Phase, reads.Plan, reads.Consent, reads.Trajectories = false, false, false, false, false, false, false, false
	reads.Handover, reads.Network = false, false
	reads.NetworkPersons, reads.Agreements, reads.HandleStagnation, reads.Genogram = false, false, false, false
	reads.Sociogram, reads.Balance = false, false
	reads.Councils = false
	// The youth worker reads the family as far as their work needs: not
	// the consents and their papers, not the handover, no export.
	youth := reads
	youth.Contacts = true
	youth.ReadConsent, youth.ExportPlan, youth.ExportConsent, youth.ReadHandover, youth.ExportHandover = false, false, false, false, false
	leader := all
	leader.Assign = true
	// A closed file: the check-up is the one thing the team leader may
	// still record.
	closedLeader := reads
	closedLeader.Checkup = true
	for _, tc := range []struct {
		name  string
		actor *regie.Actor
		facts *policy.Facts
		want  regie.FamilyPermissions
	}{
		{"coordinator", cm, relation("coordinator"), all},
		{"coordinator of a closed file", cm, relation("closed"), reads},
		{"casemanager of another family", cm, relation("team"), regie.FamilyPermissions{}},
		{"youth worker records contacts only", yw, relation("youth"), youth},
		{"team leader", tl, relation("team"), leader},
		{"team leader of a closed file reads and holds check-ups", tl, &policy.Facts{Exists: true, TeamID: 1, Closed: true}, closedLeader},
		{"last coordinator of a closed file holds check-ups, reads nothing else", cm,
			&policy.Facts{Exists: true, TeamID: 1, Closed: true, LastCoordinator: true},
			regie.FamilyPermissions{Checkup: true, ReadCheckups: true}},
		{"an earlier coordinator of a closed file: nothing", cm, &policy.Facts{Exists: true, TeamID: 1, Closed: true}, regie.FamilyPermissions{}},
		{"the last coordinator's mark counts only when closed", cm, &policy.Facts{Exists: true, TeamID: 1, LastCoordinator: true},
			regie.FamilyPermissions{}},
		// Not the evaluations either, even with the plan covered.
		{"partner reads what the consent covers, never writes or exports", partner,
			&policy.Facts{Exists: true, TeamID: 1, Consents: []*regie.Consent{consent}, Today: today},
			regie.FamilyPermissions{ReadContacts: true, ReadPlan: true,
				ReadAgreements: true, Agreements: true, ReadStagnation: true, ReportStagnation: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, policy.FamilyPermissions(tc.actor, tc.facts)); diff != "" {
				t.Errorf("FamilyPermissions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReferralPermissions: an accepted referral is no longer scheduled,
// decided or prioritised; the family it became opens only for who may.
func TestReferralPermissions(t *testing.T) {
	tl := &regie.Actor{UserID: 9, Role: regie.RoleTeamLeader, TeamID: 1}
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	referrer := &regie.Actor{UserID: 11, Role: regie.RoleReferrer}
	ref := &policy.Facts{Exists: true, TeamID: 1, ReferrerUserID: 11}
	family := &policy.Facts{Exists: true, TeamID: 1}
	for _, tc := range []struct {
		name   string
		actor  *regie.Actor
		final  bool
		family *policy.Facts
		want   regie.ReferralPermissions
	}{
		{"team leader, open", tl, false, nil, regie.ReferralPermissions{Team: true, Decide: true, Schedule: true, Priority: true}},
		{"team leader, accepted", tl, true, family, regie.ReferralPermissions{Team: true, OpenFamily: true, Journey: true}},
		{"casemanager, open", cm, false, nil, regie.ReferralPermissions{Team: true}},
		{"casemanager, accepted, not the family's", cm, true, family, regie.ReferralPermissions{Team: true, Journey: true}},
		{"referrer", referrer, false, nil, regie.ReferralPermissions{}},
		// The referrer hears how the journey went (days only), and does
		// not open the family.
		{"referrer, accepted", referrer, true, family, regie.ReferralPermissions{Journey: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, policy.ReferralPermissions(tc.actor, ref, tc.final, tc.family)); diff != "" {
				t.Errorf("ReferralPermissions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestActorPermissions: the menu of each role, from the policy.
func TestActorPermissions(t *testing.T) {
	for _, tc := range []struct {
		actor *regie.Actor
		want  regie.Permissions
	}{
		{&regie.Actor{UserID: 1, Role: regie.RoleCasemanager, TeamID: 1}, regie.Permissions{MyFamilies: true, Worklist: true, Meeting: true,
			Referrals: true, Refer: true, ReferOnBehalf: true, WaitingList: true, SocialMap: true, OwnSupervision: true, BreakGlass: true}},
		{&regie.Actor{UserID: 1, Role: regie.RoleYouthWorker, TeamID: 1}, regie.Permissions{MyFamilies: true, Worklist: true, Meeting: true,
			Referrals: true, WaitingList: true, SocialMap: true, OwnSupervision: true, BreakGlass: true}},
		{&regie.Actor{UserID: 1, Role: regie.RoleTeamLeader, TeamID: 1}, regie.Permissions{MyFamilies: true, TeamFamilies: true,
			NewFamily: true, Meeting: true, Referrals: true, Refer: true, ReferOnBehalf: true, WaitingList: true, Supervision: true,
			Assignments: true, Confirmations: true, SocialMap: true, Reports: true}},
		// A manager sees the reports' figures, no family.
		{&regie.Actor{UserID: 1, Role: regie.RoleManager}, regie.Permissions{SocialMap: true, Reports: true}},
		{&regie.Actor{UserID: 1, Role: regie.RoleReferrer}, regie.Permissions{Referrals: true, OwnReferralsOnly: true, Refer: true,
			SocialMap: true}},
		{&regie.Actor{UserID: 1, Role: regie.RolePartner}, regie.Permissions{SocialMap: true}},
		// The administrator makes accounts but neither assigns nor reads
		// assignments (separation of duties).
		{&regie.Actor{UserID: 1, Role: regie.RoleAdmin}, regie.Permissions{SocialMap: true, EditSocialMap: true,
			Accounts: true, Confirmations: true, Settings: true, Rates: true, Privacy: true, Register: true}},
		// The privacy officer: the access log and the data subject's
		// rights; the administrator prints the register too.
		{&regie.Actor{UserID: 1, Role: regie.RolePrivacy}, regie.Permissions{SocialMap: true, Confirmations: true, AuditLog: true, ExportAuditLog: true,
			Privacy: true, PersonExport: true, Rectifications: true, Register: true, EmergencyReviews: true, Retention: true}},
		{&regie.Actor{Role: regie.RoleCasemanager, TeamID: 1}, regie.Permissions{}}, // no complete log-in
	} {
		t.Run(string(tc.actor.Role), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, *policy.ActorPermissions(tc.actor)); diff != "" {
				t.Errorf("ActorPermissions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecide_AuditLogExport: the privacy officer downloads a family's
// log; nobody else reads or exports it.
func TestDecide_AuditLogExport(t *testing.T) {
	for _, r := range []regie.Role{regie.RoleCasemanager, regie.RoleTeamLeader, regie.RoleAdmin, regie.RolePrivacy, regie.RolePartner} {
		a := &regie.Actor{UserID: 1, Role: r, TeamID: 1}
		for _, act := range []regie.Action{regie.ActionRead, regie.ActionExport} {
			if got, want := policy.Can(a, act, regie.SegAuditLog, nil), r == regie.RolePrivacy; got != want {
				t.Errorf("%s %s access log: %v, want %v", r, act, got, want)
			}
		}
	}
}

// TestOrganisationConsent: a handover letter shares with the receiving
// organisation only under a consent valid on the day that names it, and
// what those consents cover together.
func TestOrganisationConsent(t *testing.T) {
	today := regie.NewDate(2026, 3, 2)
	c1 := &regie.Consent{ID: 1, SignedOn: regie.NewDate(2026, 1, 1), Parties: []regie.ConsentParty{{OrgID: 5, Kinds: []regie.InfoKind{regie.InfoMembers}}}}
	c2 := &regie.Consent{ID: 2, SignedOn: regie.NewDate(2026, 1, 1), Parties: []regie.ConsentParty{{OrgID: 5, Kinds: []regie.InfoKind{regie.InfoPlan, regie.InfoMembers}}}}
	expired := &regie.Consent{ID: 3, SignedOn: regie.NewDate(2025, 1, 1), ValidUntil: regie.NewDate(2025, 12, 31),
		Parties: []regie.ConsentParty{{OrgID: 6, Kinds: []regie.InfoKind{regie.InfoFamily}}}}
	d := policy.OrganisationConsent(5, []*regie.Consent{c1, c2, expired}, today)
	if !d.Allow || d.ConsentID != 1 || d.Basis != "toestemmingsverklaring 1, 2" || len(d.Kinds) != 2 {
		t.Fatalf("organisation 5: %+v", d)
	}
	if d := policy.OrganisationConsent(6, []*regie.Consent{c1, c2, expired}, today); d.Allow || len(d.Kinds) != 0 {
		t.Fatalf("organisation 6, consent expired: %+v", d)
	}
	if d := policy.OrganisationConsent(7, []*regie.Consent{c1}, today); d.Allow {
		t.Fatalf("organisation 7, not named: %+v", d)
	}
}
