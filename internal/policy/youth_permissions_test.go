package policy_test

import (
	"testing"

	"regie"
	"regie/internal/policy"
)

// TestYouthPermissions: the youth's own worker reads and writes the
// track and records the youth's consents (the consents' part is
// policy/youth_test.go's); the coordinator and the team leader read the shared part only;
// another youth's worker and a partner without the youth's consent
// nothing; nobody writes the track of an 11-year-old or in a closed file.
func TestYouthPermissions(t *testing.T) {
	today, _ := regie.ParseDate("2026-06-01")
	yw := &regie.Actor{UserID: 8, Role: regie.RoleYouthWorker, TeamID: 1}
	other := &regie.Actor{UserID: 18, Role: regie.RoleYouthWorker, TeamID: 1}
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	tl := &regie.Actor{UserID: 9, Role: regie.RoleTeamLeader, TeamID: 1}
	partner := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 5}
	facts := func(a *regie.Actor, age int, closed bool) *policy.Facts {
		f := &policy.Facts{Exists: true, TeamID: 1, Today: today, Closed: closed,
			Youth: &policy.YouthFacts{MemberID: 30, Age: regie.YouthAge(age), WorkerUserID: 8}}
		switch a {
		case cm:
			f.Assignments = []regie.AssignmentKind{regie.AssignCoordinator}
		case yw, other:
			f.Assignments = []regie.AssignmentKind{regie.AssignYouth}
		}
		return f
	}
	for _, tc := range []struct {
		name   string
		a      *regie.Actor
		age    int
		closed bool
		want   regie.YouthPermissions
	}{
		{"own worker", yw, 14, false, regie.YouthPermissions{ReadConsents: true, RecordConsent: true, Read: true, ReadConfidential: true, Start: true, Plan: true, Contact: true, Close: true, OpenFamily: true}},
		{"own worker, closed file", yw, 14, true, regie.YouthPermissions{ReadConsents: true, Read: true, ReadConfidential: true, OpenFamily: true}},
		{"own worker, 11: no track below 12", yw, 11, false, regie.YouthPermissions{ReadConsents: true, RecordConsent: true, ReadConfidential: true, OpenFamily: true}},
		{"other youth's worker", other, 14, false, regie.YouthPermissions{OpenFamily: true}},
		{"coordinator", cm, 14, false, regie.YouthPermissions{ReadConsents: true, Read: true, OpenFamily: true}},
		{"team leader", tl, 14, false, regie.YouthPermissions{ReadConsents: true, Read: true, OpenFamily: true, Assign: true}},
		{"partner without the youth's consent", partner, 14, false, regie.YouthPermissions{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := policy.YouthPermissions(tc.a, facts(tc.a, tc.age, tc.closed)); got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
