package policy_test

import (
	"fmt"
	"testing"

	"regie"
	"regie/internal/policy"
)

// TestYouthConfidentiality: what a youth told in confidence is read by
// their own youth worker; by the family's coordinator, the parents' side
// (the family's PDF) and a partner only as the youth's own consent allows
// — from 16 the youth alone, 12–15 with a parent — and below 12 nothing
// is confidential: the parents decide.
func TestYouthConfidentiality(t *testing.T) {
	day := func(s string) regie.Date { d, _ := regie.ParseDate(s); return d }
	today := day("2026-06-01")
	yw := &regie.Actor{UserID: 8, Role: regie.RoleYouthWorker, TeamID: 1}
	otherYW := &regie.Actor{UserID: 18, Role: regie.RoleYouthWorker, TeamID: 1}
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	tl := &regie.Actor{UserID: 9, Role: regie.RoleTeamLeader, TeamID: 1}
	partner := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 5}
	otherPartner := &regie.Actor{UserID: 11, Role: regie.RolePartner, OrganisationID: 6}
	// The family's consent names organisation 5 for everything: it does
	// not speak for the youth.
	family := &regie.Consent{ID: 3, SignedOn: day("2026-01-01"), Parties: []regie.ConsentParty{{OrgID: 5,
		Kinds: []regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.InfoPlan, regie.InfoContacts}}}}
	alone := &regie.YouthConsent{ID: 21, SignedOn: day("2026-02-01"), YouthSigned: true,
		ShareCoordinator: true, ShareFamily: true, OrgIDs: []int64{5}}
	withParent := *alone
	withParent.ID, withParent.ParentID = 22, 40
	withdrawn := withParent
	withdrawn.ID, withdrawn.WithdrawnOn = 23, day("2026-05-01")
	expired := withParent
	expired.ID, expired.ValidUntil = 24, day("2026-05-31")
	parentOnly := withParent
	parentOnly.ID, parentOnly.YouthSigned = 25, false

	facts := func(age int, consents ...*regie.YouthConsent) func(a *regie.Actor) *policy.Facts {
		return func(a *regie.Actor) *policy.Facts {
			f := &policy.Facts{Exists: true, TeamID: 1, Today: today, Consents: []*regie.Consent{family},
				Youth: &policy.YouthFacts{MemberID: 30, Age: regie.YouthAge(age), WorkerUserID: 8, Consents: consents}}
			switch a {
			case cm:
				f.Assignments = []regie.AssignmentKind{regie.AssignCoordinator}
			case yw, otherYW:
				f.Assignments = []regie.AssignmentKind{regie.AssignYouth}
			}
			return f
		}
	}
	type want struct{ yw, otherYW, cm, pdf, tl, partner, otherPartner, ywWrite bool }
	for _, tc := range []struct {
		name  string
		facts func(a *regie.Actor) *policy.Facts
		want  want
	}{
		{"11, no consent: the parents decide, the youth worker writes nothing", facts(11),
			want{yw: true, cm: true, pdf: true, tl: true}},
		{"11, a youth consent counts for nothing", facts(11, alone),
			want{yw: true, cm: true, pdf: true, tl: true}},
		{"12 without consent", facts(12), want{yw: true, ywWrite: true}},
		{"12 signed alone", facts(12, alone), want{yw: true, ywWrite: true}},
		{"12 signed with a parent", facts(12, &withParent),
			want{yw: true, ywWrite: true, cm: true, pdf: true, partner: true}},
		{"15 signed alone", facts(15, alone), want{yw: true, ywWrite: true}},
		{"15 with a parent, the parent alone does not count", facts(15, &parentOnly), want{yw: true, ywWrite: true}},
		{"15 signed with a parent", facts(15, &withParent),
			want{yw: true, ywWrite: true, cm: true, pdf: true, partner: true}},
		{"16 without consent", facts(16), want{yw: true, ywWrite: true}},
		{"16 signed alone", facts(16, alone),
			want{yw: true, ywWrite: true, cm: true, pdf: true, partner: true}},
		{"16, withdrawn", facts(16, &withdrawn), want{yw: true, ywWrite: true}},
		{"16, expired", facts(16, &expired), want{yw: true, ywWrite: true}},
		{"24 signed alone", facts(24, alone),
			want{yw: true, ywWrite: true, cm: true, pdf: true, partner: true}},
		{"24 without consent: the partner named by the family's consent sees nothing", facts(24),
			want{yw: true, ywWrite: true}},
		{"25: past the track, the youth worker reads but no longer writes", facts(25, alone),
			want{yw: true, cm: true, pdf: true, partner: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conf := func(a *regie.Actor, act regie.Action) bool {
				return policy.Can(a, act, regie.SegYouthConfidential, tc.facts(a))
			}
			got := want{
				yw: conf(yw, regie.ActionRead), otherYW: conf(otherYW, regie.ActionRead),
				cm: conf(cm, regie.ActionRead), pdf: conf(cm, regie.ActionExport), tl: conf(tl, regie.ActionRead),
				partner: conf(partner, regie.ActionRead), otherPartner: conf(otherPartner, regie.ActionRead),
				ywWrite: conf(yw, regie.ActionCreate),
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			// Nobody but the youth's own worker ever writes it.
			for _, a := range []*regie.Actor{otherYW, cm, tl, partner} {
				for _, act := range []regie.Action{regie.ActionCreate, regie.ActionUpdate} {
					if conf(a, act) {
						t.Errorf("%s may %s what the youth told in confidence", a.Role, act)
					}
				}
			}
		})
	}
}

// TestYouthShared: the coordinator and the team leader see that the
// youth's track runs and its agreements that concern the family; a
// partner only under the youth's own consent; the track is written by
// the youth's own worker while the youth is 12–24 and the file is open.
func TestYouthShared(t *testing.T) {
	today, _ := regie.ParseDate("2026-06-01")
	yw := &regie.Actor{UserID: 8, Role: regie.RoleYouthWorker, TeamID: 1}
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	tl := &regie.Actor{UserID: 9, Role: regie.RoleTeamLeader, TeamID: 1}
	partner := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 5}
	family := &regie.Consent{ID: 3, SignedOn: today, Parties: []regie.ConsentParty{{OrgID: 5, Kinds: []regie.InfoKind{regie.InfoPlan}}}}
	for _, age := range []int{11, 12, 15, 16, 24} {
		t.Run(fmt.Sprint(age), func(t *testing.T) {
			f := func(kinds ...regie.AssignmentKind) *policy.Facts {
				return &policy.Facts{Exists: true, TeamID: 1, Today: today, Assignments: kinds, Consents: []*regie.Consent{family},
					Youth: &policy.YouthFacts{MemberID: 30, Age: regie.YouthAge(age), WorkerUserID: 8}}
			}
			read := policy.Can(cm, regie.ActionRead, regie.SegYouth, f(regie.AssignCoordinator)) &&
				policy.Can(tl, regie.ActionRead, regie.SegYouth, f()) &&
				policy.Can(yw, regie.ActionRead, regie.SegYouth, f(regie.AssignYouth))
			if want := age >= 12; read != want {
				t.Errorf("the family's staff see the track of a youth of %d: %v, want %v (below 12 there is none)", age, read, want)
			}
			if policy.Can(partner, regie.ActionRead, regie.SegYouth, f()) {
				t.Error("a partner sees the youth's track under the family's consent")
			}
			if policy.Can(cm, regie.ActionCreate, regie.SegYouth, f(regie.AssignCoordinator)) {
				t.Error("the coordinator writes the youth's track")
			}
			if got, want := policy.Can(yw, regie.ActionCreate, regie.SegYouth, f(regie.AssignYouth)), age >= 12; got != want {
				t.Errorf("youth worker writes the track of a youth of %d: %v, want %v", age, got, want)
			}
			closed := f(regie.AssignYouth)
			closed.Closed = true
			if policy.Can(yw, regie.ActionCreate, regie.SegYouth, closed) {
				t.Error("the youth worker writes in a closed file")
			}
		})
	}
}

// TestYouthWorkerReadsWhatTheWorkNeeds: the youth worker reads the family
// they work in, but not the consents and their signed papers, nor the
// handover, and exports nothing of the family's file.
func TestYouthWorkerReadsWhatTheWorkNeeds(t *testing.T) {
	yw := &regie.Actor{UserID: 8, Role: regie.RoleYouthWorker, TeamID: 1}
	f := &policy.Facts{Exists: true, TeamID: 1, Assignments: []regie.AssignmentKind{regie.AssignYouth}}
	for _, seg := range []regie.Segment{regie.SegFamily, regie.SegMembers, regie.SegPlan, regie.SegSafety, regie.SegContacts} {
		if !policy.Can(yw, regie.ActionRead, seg, f) {
			t.Errorf("youth worker cannot read %s", seg)
		}
	}
	for _, seg := range []regie.Segment{regie.SegConsent, regie.SegHandover} {
		if policy.Can(yw, regie.ActionRead, seg, f) {
			t.Errorf("youth worker reads %s", seg)
		}
	}
	for _, seg := range []regie.Segment{regie.SegPlan, regie.SegConsent, regie.SegHandover} {
		if policy.Can(yw, regie.ActionExport, seg, f) {
			t.Errorf("youth worker exports %s", seg)
		}
	}
}

// TestPartnerWork: a partner named by a valid consent records the progress
// of its agreements and reports stagnation, whatever kinds the consent
// covers; not after the consent ends, nor in a closed file; the team
// handles the report and never files one in a partner's name.
func TestPartnerWork(t *testing.T) {
	day := func(s string) regie.Date { d, _ := regie.ParseDate(s); return d }
	partner := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 5}
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	c := &regie.Consent{ID: 3, SignedOn: day("2026-01-01"), Parties: []regie.ConsentParty{{OrgID: 5, Kinds: []regie.InfoKind{regie.InfoFamily}}}}
	f := &policy.Facts{Exists: true, TeamID: 1, Today: day("2026-06-01"), Consents: []*regie.Consent{c}}
	d := policy.Decide(partner, regie.ActionCreate, regie.SegStagnation, f)
	if !d.Allow || d.ConsentID != 3 || d.Basis != "toestemmingsverklaring 3" {
		t.Errorf("stagnation under consent: %+v", d)
	}
	if !policy.Can(partner, regie.ActionUpdate, regie.SegAgreements, f) {
		t.Error("partner cannot record its agreements' progress")
	}
	after := *f
	after.Today = day("2026-06-01")
	withdrawn := *c
	withdrawn.WithdrawnOn = day("2026-05-01")
	after.Consents = []*regie.Consent{&withdrawn}
	for _, seg := range []regie.Segment{regie.SegStagnation, regie.SegAgreements, regie.SegNetwork} {
		for _, act := range []regie.Action{regie.ActionRead, regie.ActionCreate, regie.ActionUpdate} {
			if policy.Can(partner, act, seg, &after) {
				t.Errorf("after the consent was withdrawn a partner may %s %s", act, seg)
			}
		}
	}
	closed := *f
	closed.Closed = true
	if policy.Can(partner, regie.ActionCreate, regie.SegStagnation, &closed) {
		t.Error("a partner reports stagnation in a closed file")
	}
	staff := &policy.Facts{Exists: true, TeamID: 1, Assignments: []regie.AssignmentKind{regie.AssignCoordinator}}
	if policy.Can(cm, regie.ActionCreate, regie.SegStagnation, staff) {
		t.Error("the coordinator files a stagnation report")
	}
	if !policy.Can(cm, regie.ActionUpdate, regie.SegStagnation, staff) {
		t.Error("the coordinator cannot pick up a report")
	}
	// Network meetings need the consent to cover them.
	if policy.Can(partner, regie.ActionRead, regie.SegNetwork, f) {
		t.Error("a partner reads network meetings the consent does not cover")
	}
	c2 := *c
	c2.Parties = []regie.ConsentParty{{OrgID: 5, Kinds: []regie.InfoKind{regie.InfoNetwork}}}
	f.Consents = []*regie.Consent{&c2}
	if !policy.Can(partner, regie.ActionRead, regie.SegNetwork, f) {
		t.Error("a partner cannot read the network meetings its consent covers")
	}
	// The partner's list.
	if s, ok := policy.ListScope(partner, regie.FamilyFilter{Scope: regie.ScopePartner}); !ok || s.OrgID != 5 {
		t.Errorf("partner list scope %+v %v", s, ok)
	}
	if _, ok := policy.ListScope(partner, regie.FamilyFilter{Scope: regie.ScopeMine}); ok {
		t.Error("a partner lists assigned families")
	}
	if _, ok := policy.ListScope(cm, regie.FamilyFilter{Scope: regie.ScopePartner}); ok {
		t.Error("a casemanager lists a partner's families")
	}
}

// TestYouthConsentRecording: the youth's own worker records and withdraws
// the youth's consents while the file is open, whatever the age (the
// rule, not the policy, says a youth under 12 or over 24 cannot give one);
// the coordinator and the team leader read them; another youth's worker
// and a partner — even one the youth's consent names — do not.
func TestYouthConsentRecording(t *testing.T) {
	day := func(s string) regie.Date { d, _ := regie.ParseDate(s); return d }
	yw := &regie.Actor{UserID: 8, Role: regie.RoleYouthWorker, TeamID: 1}
	otherYW := &regie.Actor{UserID: 18, Role: regie.RoleYouthWorker, TeamID: 1}
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	otherCM := &regie.Actor{UserID: 17, Role: regie.RoleCasemanager, TeamID: 1}
	tl := &regie.Actor{UserID: 9, Role: regie.RoleTeamLeader, TeamID: 1}
	otherTL := &regie.Actor{UserID: 19, Role: regie.RoleTeamLeader, TeamID: 2}
	partner := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 5}
	named := &regie.YouthConsent{ID: 21, SignedOn: day("2026-02-01"), YouthSigned: true, ParentID: 40, OrgIDs: []int64{5}}
	for _, age := range []int{11, 12, 15, 16, 24} {
		t.Run(fmt.Sprint(age), func(t *testing.T) {
			f := func(a *regie.Actor, closed bool) *policy.Facts {
				f := &policy.Facts{Exists: true, TeamID: 1, Today: day("2026-06-01"), Closed: closed,
					Youth: &policy.YouthFacts{MemberID: 30, Age: regie.YouthAge(age), WorkerUserID: 8, Consents: []*regie.YouthConsent{named}}}
				switch a {
				case cm:
					f.Assignments = []regie.AssignmentKind{regie.AssignCoordinator}
				case yw, otherYW:
					f.Assignments = []regie.AssignmentKind{regie.AssignYouth}
				}
				return f
			}
			type want struct{ read, record, closedRecord bool }
			for _, tc := range []struct {
				a    *regie.Actor
				want want
			}{
				{yw, want{read: true, record: true}},
				{otherYW, want{}},
				{cm, want{read: true}},
				{otherCM, want{}},
				{tl, want{read: true}},
				{otherTL, want{}},
				{partner, want{}},
			} {
				got := want{
					read:         policy.Can(tc.a, regie.ActionRead, regie.SegYouthConsent, f(tc.a, false)),
					record:       policy.Can(tc.a, regie.ActionCreate, regie.SegYouthConsent, f(tc.a, false)),
					closedRecord: policy.Can(tc.a, regie.ActionUpdate, regie.SegYouthConsent, f(tc.a, true)),
				}
				if got != tc.want {
					t.Errorf("%s %d: got %+v, want %+v", tc.a.Role, tc.a.UserID, got, tc.want)
				}
				if policy.Can(tc.a, regie.ActionExport, regie.SegYouthConsent, f(tc.a, false)) {
					t.Errorf("%s exports a youth's consents", tc.a.Role)
				}
				p := policy.YouthPermissions(tc.a, f(tc.a, false))
				if p.ReadConsents != tc.want.read || p.RecordConsent != tc.want.record {
					t.Errorf("%s: permissions %+v disagree with the decisions", tc.a.Role, p)
				}
			}
		})
	}
}

// TestYouthPartnerNotUnderFamilyConsent: a partner the family's consent
// names for every kind still does not read a youth's track — shared part
// or confidential — without the youth's own consent naming the
// partner's organisation; with it, the decision names that consent.
func TestYouthPartnerNotUnderFamilyConsent(t *testing.T) {
	day := func(s string) regie.Date { d, _ := regie.ParseDate(s); return d }
	partner := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 5}
	var all []regie.InfoKind
	for _, c := range regie.InfoSections {
		all = append(all, c.Value)
	}
	family := &regie.Consent{ID: 3, SignedOn: day("2026-01-01"), Parties: []regie.ConsentParty{{OrgID: 5, Kinds: all}}}
	otherOrg := &regie.YouthConsent{ID: 31, SignedOn: day("2026-02-01"), YouthSigned: true, OrgIDs: []int64{6}}
	coordinatorOnly := &regie.YouthConsent{ID: 32, SignedOn: day("2026-02-01"), YouthSigned: true, ShareCoordinator: true, ShareFamily: true}
	for _, age := range []int{12, 15, 16, 24} {
		f := &policy.Facts{Exists: true, TeamID: 1, Today: day("2026-06-01"), Consents: []*regie.Consent{family},
			Youth: &policy.YouthFacts{MemberID: 30, Age: regie.YouthAge(age), WorkerUserID: 8,
				Consents: []*regie.YouthConsent{otherOrg, coordinatorOnly}}}
		for _, seg := range []regie.Segment{regie.SegYouth, regie.SegYouthConfidential} {
			if policy.Can(partner, regie.ActionRead, seg, f) {
				t.Errorf("%d: a partner reads %s under the family's consent", age, seg)
			}
		}
		if !policy.Can(partner, regie.ActionRead, regie.SegFamily, f) {
			t.Errorf("%d: the family's consent no longer holds for the family itself", age)
		}
		named := &regie.YouthConsent{ID: 33, SignedOn: day("2026-02-01"), YouthSigned: true, ParentID: 40, OrgIDs: []int64{5}}
		f.Youth.Consents = append(f.Youth.Consents, named)
		d := policy.Decide(partner, regie.ActionRead, regie.SegYouthConfidential, f)
		if !d.Allow || d.ConsentID != 33 {
			t.Errorf("%d: under the youth's own consent: %+v", age, d)
		}
	}
}
