package policy_test

import (
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/policy"
)

var glassStart = time.Date(2026, 3, 2, 22, 15, 0, 0, time.UTC)

// glassFacts: a family of team 1 the actor is not assigned to, with the
// actor's break-glass access 12 given at glassStart, seen at now.
func glassFacts(userID int64, now time.Time) *policy.Facts {
	return &policy.Facts{Exists: true, TeamID: 1, Now: now, Emergency: &regie.EmergencyAccess{
		ID: 12, UserID: userID, Reason: regie.EmergencyUnsafe,
		StartedAt: glassStart, ExpiresAt: glassStart.Add(regie.EmergencyAccessDuration)}}
}

func TestDecide_EmergencyReadsUntilExpiry(t *testing.T) {
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	before := glassFacts(7, glassStart.Add(regie.EmergencyAccessDuration-time.Minute))
	d := policy.Decide(cm, regie.ActionRead, regie.SegPlan, before)
	if !d.Allow || d.Basis != "noodtoegang 12: Acute onveiligheid" {
		t.Fatalf("before expiry: %+v, want allowed on the access's basis", d)
	}
	after := glassFacts(7, glassStart.Add(regie.EmergencyAccessDuration))
	if d := policy.Decide(cm, regie.ActionRead, regie.SegPlan, after); d.Allow {
		t.Fatalf("at expiry: %+v, want denied", d)
	}
	early := glassFacts(7, glassStart.Add(-time.Second))
	if policy.Can(cm, regie.ActionRead, regie.SegFamily, early) {
		t.Fatal("before the access started: allowed")
	}
}

func TestDecide_EmergencyReadOnly(t *testing.T) {
	now := glassStart.Add(time.Hour)
	for _, tc := range []struct {
		name  string
		actor *regie.Actor
		act   regie.Action
		seg   regie.Segment
		f     func() *policy.Facts
		allow bool
	}{
		{"cm reads family", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegFamily, nil, true},
		{"cm reads contacts", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegContacts, nil, true},
		{"youth worker reads safety", &regie.Actor{UserID: 7, Role: regie.RoleYouthWorker, TeamID: 1}, regie.ActionRead, regie.SegSafety, nil, true},
		{"no write", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionUpdate, regie.SegFamily, nil, false},
		{"no contact", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionCreate, regie.SegContacts, nil, false},
		{"no export", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionExport, regie.SegPlan, nil, false},
		{"no consents", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegConsent, nil, false},
		{"no handover", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegHandover, nil, false},
		{"someone else's access", &regie.Actor{UserID: 8, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegFamily, nil, false},
		{"moved to another team", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 2}, regie.ActionRead, regie.SegFamily, nil, false},
		{"closed file", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegFamily,
			func() *policy.Facts { f := glassFacts(7, now); f.Closed = true; return f }, false},
		{"youth confidential", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegYouthConfidential,
			func() *policy.Facts {
				f := glassFacts(7, now)
				f.Youth = &policy.YouthFacts{MemberID: 3, Age: 15}
				return f
			}, false},
		{"child under 12's part", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegYouthConfidential,
			func() *policy.Facts {
				f := glassFacts(7, now)
				f.Youth = &policy.YouthFacts{MemberID: 3, Age: 9}
				return f
			}, false},
		{"youth's own consents", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, regie.SegYouthConsent,
			func() *policy.Facts {
				f := glassFacts(7, now)
				f.Youth = &policy.YouthFacts{MemberID: 3, Age: 15}
				return f
			}, false},
		{"partner with a forged access", &regie.Actor{UserID: 7, Role: regie.RolePartner, OrganisationID: 4}, regie.ActionRead, regie.SegFamily, nil, false},
		{"admin", &regie.Actor{UserID: 7, Role: regie.RoleAdmin}, regie.ActionRead, regie.SegFamily, nil, false},
		{"privacy officer", &regie.Actor{UserID: 7, Role: regie.RolePrivacy}, regie.ActionRead, regie.SegFamily, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := glassFacts(7, now)
			if tc.f != nil {
				f = tc.f()
			}
			d := policy.Decide(tc.actor, tc.act, tc.seg, f)
			if d.Allow != tc.allow {
				t.Fatalf("Decide=%+v, want allow=%v", d, tc.allow)
			}
			if d.Allow && !strings.HasPrefix(d.Basis, "noodtoegang 12: ") {
				t.Fatalf("Basis=%q, want the access marked", d.Basis)
			}
		})
	}
}

func TestDecide_EmergencyGive(t *testing.T) {
	now := glassStart.Add(time.Hour)
	team := func() *policy.Facts { return &policy.Facts{Exists: true, TeamID: 1, Now: now} }
	for _, tc := range []struct {
		name  string
		actor *regie.Actor
		f     *policy.Facts
		allow bool
	}{
		{"casemanager of the team", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, team(), true},
		{"youth worker of the team", &regie.Actor{UserID: 7, Role: regie.RoleYouthWorker, TeamID: 1}, team(), true},
		{"another team", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 2}, team(), false},
		{"missing family", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, &policy.Facts{Now: now}, false},
		{"coordinator needs none", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, relation("coordinator"), false},
		{"youth worker of the family needs none", &regie.Actor{UserID: 7, Role: regie.RoleYouthWorker, TeamID: 1}, relation("youth"), false},
		{"team leader needs none", &regie.Actor{UserID: 7, Role: regie.RoleTeamLeader, TeamID: 1}, team(), false},
		{"closed file", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, &policy.Facts{Exists: true, TeamID: 1, Closed: true, Now: now}, false},
		{"running already", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, glassFacts(7, now), false},
		{"expired: again", &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, glassFacts(7, glassStart.Add(5*time.Hour)), true},
		{"admin", &regie.Actor{UserID: 7, Role: regie.RoleAdmin}, team(), false},
		{"privacy officer", &regie.Actor{UserID: 7, Role: regie.RolePrivacy}, team(), false},
		{"referrer", &regie.Actor{UserID: 7, Role: regie.RoleReferrer}, team(), false},
		{"partner", &regie.Actor{UserID: 7, Role: regie.RolePartner, OrganisationID: 3}, team(), false},
		{"manager", &regie.Actor{UserID: 7, Role: regie.RoleManager, TeamID: 1}, team(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := policy.Can(tc.actor, regie.ActionCreate, regie.SegEmergency, tc.f); got != tc.allow {
				t.Fatalf("Can give=%v, want %v", got, tc.allow)
			}
		})
	}
}

func TestDecide_EmergencyListAndReview(t *testing.T) {
	po := &regie.Actor{UserID: 9, Role: regie.RolePrivacy}
	if !policy.Can(po, regie.ActionRead, regie.SegEmergency, nil) || !policy.Can(po, regie.ActionUpdate, regie.SegEmergency, nil) {
		t.Fatal("privacy officer may not read and review the accesses")
	}
	if !policy.ReviewsEmergencies(po) {
		t.Fatal("ReviewsEmergencies(privacy officer)=false")
	}
	for _, r := range []regie.Role{regie.RoleCasemanager, regie.RoleTeamLeader, regie.RoleAdmin, regie.RoleManager, regie.RolePartner} {
		a := &regie.Actor{UserID: 9, Role: r, TeamID: 1}
		if policy.Can(a, regie.ActionUpdate, regie.SegEmergency, nil) || policy.ReviewsEmergencies(a) {
			t.Fatalf("%s reviews accesses", r)
		}
	}
	// A family's accesses: its coordinator, duo partner, team leader.
	for _, tc := range []struct {
		actor *regie.Actor
		rel   string
		allow bool
	}{
		{&regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, "coordinator", true},
		{&regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, "duo", true},
		{&regie.Actor{UserID: 7, Role: regie.RoleTeamLeader, TeamID: 1}, "team", true},
		{&regie.Actor{UserID: 7, Role: regie.RoleTeamLeader, TeamID: 1}, "other", false},
		{&regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}, "team", false},
		{&regie.Actor{UserID: 7, Role: regie.RoleYouthWorker, TeamID: 1}, "youth", false},
		{&regie.Actor{UserID: 7, Role: regie.RolePrivacy}, "team", false},
	} {
		if got := policy.Can(tc.actor, regie.ActionRead, regie.SegEmergency, relation(tc.rel)); got != tc.allow {
			t.Errorf("%s/%s reads the family's accesses=%v, want %v", tc.actor.Role, tc.rel, got, tc.allow)
		}
	}
}
