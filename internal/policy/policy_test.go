package policy_test

import (
	"testing"

	"regie"
	"regie/internal/policy"
)

// relation builds the facts of a family in a given relation to the actor.
func relation(rel string) *policy.Facts {
	switch rel {
	case "coordinator":
		return &policy.Facts{Exists: true, TeamID: 1, Assignments: []regie.AssignmentKind{regie.AssignCoordinator}}
	case "duo":
		return &policy.Facts{Exists: true, TeamID: 1, Assignments: []regie.AssignmentKind{regie.AssignDuo}}
	case "youth":
		return &policy.Facts{Exists: true, TeamID: 1, Assignments: []regie.AssignmentKind{regie.AssignYouth}}
	case "team":
		return &policy.Facts{Exists: true, TeamID: 1}
	case "other":
		return &policy.Facts{Exists: true, TeamID: 2}
	case "closed":
		return &policy.Facts{Exists: true, TeamID: 1, Closed: true, Assignments: []regie.AssignmentKind{regie.AssignCoordinator}}
	case "missing":
		return &policy.Facts{}
	}
	panic(rel)
}

func TestDecide_FamilyContent(t *testing.T) {
	actor := func(r regie.Role) *regie.Actor {
		a := &regie.Actor{UserID: 7, Role: r}
		if r.InTeam() {
			a.TeamID = 1
		}
		return a
	}
	for _, tc := range []struct {
		role  regie.Role
		rel   string
		act   regie.Action
		allow bool
	}{
		{regie.RoleCasemanager, "coordinator", regie.ActionRead, true},
		{regie.RoleCasemanager, "coordinator", regie.ActionUpdate, true},
		{regie.RoleCasemanager, "coordinator", regie.ActionExport, true},
		{regie.RoleCasemanager, "coordinator", regie.ActionSearch, false},
		{regie.RoleCasemanager, "duo", regie.ActionUpdate, true},
		{regie.RoleCasemanager, "team", regie.ActionRead, false},
		{regie.RoleCasemanager, "other", regie.ActionRead, false},
		{regie.RoleCasemanager, "closed", regie.ActionRead, true},
		{regie.RoleCasemanager, "closed", regie.ActionUpdate, false},
		{regie.RoleCasemanager, "missing", regie.ActionRead, false},
		{regie.RoleYouthWorker, "youth", regie.ActionRead, true},
		{regie.RoleYouthWorker, "youth", regie.ActionUpdate, false},
		{regie.RoleYouthWorker, "team", regie.ActionRead, false},
		{regie.RoleTeamLeader, "team", regie.ActionRead, true},
		{regie.RoleTeamLeader, "team", regie.ActionUpdate, true},
		{regie.RoleTeamLeader, "other", regie.ActionRead, false},
		{regie.RoleAdmin, "team", regie.ActionRead, false},
		{regie.RolePrivacy, "team", regie.ActionRead, false},
		{regie.RoleReferrer, "team", regie.ActionRead, false},
		{regie.RolePartner, "team", regie.ActionRead, false},
		{regie.RoleSystem, "team", regie.ActionRead, false},
	} {
		for _, seg := range []regie.Segment{regie.SegFamily, regie.SegMembers} {
			d := policy.Decide(actor(tc.role), tc.act, seg, relation(tc.rel))
			if d.Allow != tc.allow {
				t.Errorf("%s %s %s on %s family: allow = %v, want %v", tc.role, tc.act, seg, tc.rel, d.Allow, tc.allow)
			}
			if d.Allow && d.Basis == "" || !d.Allow && d.Basis != policy.Denied {
				t.Errorf("%s %s %s: basis %q", tc.role, tc.act, seg, d.Basis)
			}
		}
	}
}

func TestDecide_DenyByDefault(t *testing.T) {
	if d := policy.Decide(nil, regie.ActionRead, regie.SegFamily, relation("team")); d.Allow {
		t.Fatal("no actor was allowed")
	}
	anon := &regie.Actor{IP: "192.0.2.1"}
	for _, seg := range []regie.Segment{regie.SegFamily, regie.SegMembers, regie.SegAssignment, regie.SegAssignments,
		regie.SegFamilyList, regie.SegAuditLog, regie.SegAccount, regie.SegSession, "unknown"} {
		for _, act := range []regie.Action{regie.ActionRead, regie.ActionCreate, regie.ActionUpdate, regie.ActionSearch, regie.ActionExport} {
			if d := policy.Decide(anon, act, seg, relation("team")); d.Allow {
				t.Errorf("logged-out actor allowed %s on %s", act, seg)
			}
		}
	}
	tl := &regie.Actor{UserID: 1, Role: regie.RoleTeamLeader, TeamID: 1}
	if d := policy.Decide(tl, regie.ActionRead, "unknown", relation("team")); d.Allow {
		t.Fatal("an unknown segment was allowed")
	}
}

func TestDecide_Others(t *testing.T) {
	tl := &regie.Actor{UserID: 1, Role: regie.RoleTeamLeader, TeamID: 1}
	cm := &regie.Actor{UserID: 2, Role: regie.RoleCasemanager, TeamID: 1}
	admin := &regie.Actor{UserID: 3, Role: regie.RoleAdmin}
	fg := &regie.Actor{UserID: 4, Role: regie.RolePrivacy}
	for _, tc := range []struct {
		name  string
		a     *regie.Actor
		act   regie.Action
		seg   regie.Segment
		f     *policy.Facts
		allow bool
	}{
		{"team leader creates a family", tl, regie.ActionCreate, regie.SegFamily, nil, true},
		{"casemanager cannot create a family", cm, regie.ActionCreate, regie.SegFamily, nil, false},
		{"team leader assigns in own team", tl, regie.ActionUpdate, regie.SegAssignment, relation("team"), true},
		{"team leader cannot assign in other team", tl, regie.ActionUpdate, regie.SegAssignment, relation("other"), false},
		{"admin cannot assign (separation of duties)", admin, regie.ActionUpdate, regie.SegAssignment, relation("other"), false},
		{"admin cannot assign in the own team either", admin, regie.ActionUpdate, regie.SegAssignment, relation("team"), false},
		{"admin does not see who is assigned", admin, regie.ActionRead, regie.SegAssignment, relation("team"), false},
		{"admin has no assignment overview", admin, regie.ActionRead, regie.SegAssignments, nil, false},
		{"team leader has the assignment overview", tl, regie.ActionRead, regie.SegAssignments, nil, true},
		{"casemanager cannot assign", cm, regie.ActionUpdate, regie.SegAssignment, relation("coordinator"), false},
		{"coordinator sees who is assigned", cm, regie.ActionRead, regie.SegAssignment, relation("coordinator"), true},
		{"privacy officer reads the access log", fg, regie.ActionRead, regie.SegAuditLog, nil, true},
		{"admin cannot read the access log", admin, regie.ActionRead, regie.SegAuditLog, nil, false},
		{"team leader cannot read the access log", tl, regie.ActionRead, regie.SegAuditLog, nil, false},
		{"admin manages accounts", admin, regie.ActionCreate, regie.SegAccount, nil, true},
		{"team leader cannot manage accounts", tl, regie.ActionCreate, regie.SegAccount, nil, false},
		{"command line manages accounts", regie.SystemActor(), regie.ActionUpdate, regie.SegAccount, nil, true},
		{"everyone changes their own password", fg, regie.ActionUpdate, regie.SegOwnAccount, nil, true},
		{"a casemanager changes her own password", cm, regie.ActionUpdate, regie.SegOwnAccount, nil, true},
		{"the command line has no own password", regie.SystemActor(), regie.ActionUpdate, regie.SegOwnAccount, nil, false},
		{"no one exports their own account this way", cm, regie.ActionExport, regie.SegOwnAccount, nil, false},
		{"privacy officer searches families", fg, regie.ActionSearch, regie.SegFamilyList, nil, true},
		{"privacy officer cannot browse families", fg, regie.ActionRead, regie.SegFamilyList, nil, false},
	} {
		if d := policy.Decide(tc.a, tc.act, tc.seg, tc.f); d.Allow != tc.allow {
			t.Errorf("%s: allow = %v, want %v", tc.name, d.Allow, tc.allow)
		}
	}
}

func TestListScope(t *testing.T) {
	cm := &regie.Actor{UserID: 2, Role: regie.RoleCasemanager, TeamID: 1}
	tl := &regie.Actor{UserID: 1, Role: regie.RoleTeamLeader, TeamID: 1}
	fg := &regie.Actor{UserID: 4, Role: regie.RolePrivacy}
	for _, tc := range []struct {
		a    *regie.Actor
		f    regie.FamilyFilter
		want policy.Scope
		ok   bool
	}{
		{cm, regie.FamilyFilter{Scope: regie.ScopeMine}, policy.Scope{UserID: 2}, true},
		{cm, regie.FamilyFilter{Scope: regie.ScopeTeam}, policy.Scope{}, false},
		{tl, regie.FamilyFilter{Scope: regie.ScopeTeam}, policy.Scope{TeamID: 1}, true},
		{tl, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: "Jansen"}, policy.Scope{}, false},
		{fg, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: "Jansen"}, policy.Scope{All: true}, true},
		{fg, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: " "}, policy.Scope{}, false},
		{fg, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: " J "}, policy.Scope{}, false},
		{fg, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: "J. K."}, policy.Scope{}, false},
		{fg, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: "J. de"}, policy.Scope{All: true}, true},
		{fg, regie.FamilyFilter{Scope: regie.ScopeMine}, policy.Scope{}, false},
		{nil, regie.FamilyFilter{Scope: regie.ScopeMine}, policy.Scope{}, false},
	} {
		got, ok := policy.ListScope(tc.a, tc.f)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ListScope(%v, %+v) = %+v, %v; want %+v, %v", tc.a, tc.f, got, ok, tc.want, tc.ok)
		}
	}
}

// TestDecide_PartnerOnlyWithValidConsent: a partner organisation's user
// reaches a family only while a valid, unwithdrawn consent names that
// organisation, and only the kinds of information it covers.
func TestDecide_PartnerOnlyWithValidConsent(t *testing.T) {
	ggz := &regie.Actor{UserID: 9, Role: regie.RolePartner, OrganisationID: 40}
	other := &regie.Actor{UserID: 10, Role: regie.RolePartner, OrganisationID: 41}
	consent := &regie.Consent{ID: 7, SignedOn: regie.NewDate(2026, 3, 1), ValidUntil: regie.NewDate(2027, 3, 1),
		Parties: []regie.ConsentParty{{OrgID: 40, Purpose: "Afstemming behandeling",
			Kinds: []regie.InfoKind{regie.InfoMembers, regie.InfoPlan, regie.DomainKind("welzijn")}}}}
	facts := func(today regie.Date, cs ...*regie.Consent) *policy.Facts {
		return &policy.Facts{Exists: true, TeamID: 1, Consents: cs, Today: today}
	}
	during := regie.NewDate(2026, 6, 1)
	for _, tc := range []struct {
		name  string
		a     *regie.Actor
		act   regie.Action
		seg   regie.Segment
		f     *policy.Facts
		allow bool
	}{
		{"named and covered", ggz, regie.ActionRead, regie.SegMembers, facts(during, consent), true},
		{"plan covered", ggz, regie.ActionRead, regie.SegPlan, facts(during, consent), true},
		{"contacts not covered", ggz, regie.ActionRead, regie.SegContacts, facts(during, consent), false},
		{"safety not covered", ggz, regie.ActionRead, regie.SegSafety, facts(during, consent), false},
		{"the consent itself is not for partners", ggz, regie.ActionRead, regie.SegConsent, facts(during, consent), false},
		{"another organisation", other, regie.ActionRead, regie.SegMembers, facts(during, consent), false},
		{"no consent", ggz, regie.ActionRead, regie.SegMembers, facts(during), false},
		{"before it was signed", ggz, regie.ActionRead, regie.SegMembers, facts(regie.NewDate(2026, 2, 28), consent), false},
		{"on its last day", ggz, regie.ActionRead, regie.SegMembers, facts(regie.NewDate(2027, 3, 1), consent), true},
		{"expired", ggz, regie.ActionRead, regie.SegMembers, facts(regie.NewDate(2027, 3, 2), consent), false},
		{"partners do not write", ggz, regie.ActionUpdate, regie.SegMembers, facts(during, consent), false},
	} {
		d := policy.Decide(tc.a, tc.act, tc.seg, tc.f)
		if d.Allow != tc.allow {
			t.Errorf("%s: allow = %v, want %v", tc.name, d.Allow, tc.allow)
		}
		if d.Allow && (d.ConsentID != 7 || d.Basis != "toestemmingsverklaring 7" || len(d.Kinds) != 3) {
			t.Errorf("%s: decision %+v does not name the consent and its kinds", tc.name, d)
		}
	}
	withdrawn := *consent
	withdrawn.WithdrawnOn = regie.NewDate(2026, 5, 15)
	if policy.Decide(ggz, regie.ActionRead, regie.SegMembers, facts(regie.NewDate(2026, 5, 14), &withdrawn)).Allow != true {
		t.Error("access before the withdrawal was refused")
	}
	if policy.Decide(ggz, regie.ActionRead, regie.SegMembers, facts(regie.NewDate(2026, 5, 15), &withdrawn)).Allow {
		t.Error("access on the day of the withdrawal was allowed")
	}
}

// TestDecide_PartnerSeesWhatTheConsentsCoverTogether: two valid consents
// naming the same organisation add up (a family consents to the welfare
// domain first and the children's domain later); a withdrawn one adds
// nothing; the basis names every consent relied on.
func TestDecide_PartnerSeesWhatTheConsentsCoverTogether(t *testing.T) {
	ggz := &regie.Actor{UserID: 9, Role: regie.RolePartner, OrganisationID: 40}
	party := func(kinds ...regie.InfoKind) []regie.ConsentParty {
		return []regie.ConsentParty{{OrgID: 40, Purpose: "Afstemming", Kinds: kinds}}
	}
	first := &regie.Consent{ID: 7, SignedOn: regie.NewDate(2026, 3, 1),
		Parties: party(regie.InfoFamily, regie.InfoPlan, regie.DomainKind("welzijn"))}
	second := &regie.Consent{ID: 9, SignedOn: regie.NewDate(2026, 4, 1), Parties: party(regie.InfoPlan, regie.DomainKind("kinderen"))}
	gone := &regie.Consent{ID: 11, SignedOn: regie.NewDate(2026, 3, 1), WithdrawnOn: regie.NewDate(2026, 4, 2),
		Parties: party(regie.InfoSafety, regie.DomainKind("financien"))}
	f := &policy.Facts{Exists: true, TeamID: 1, Consents: []*regie.Consent{second, first, gone}, Today: regie.NewDate(2026, 6, 1)}

	d := policy.Decide(ggz, regie.ActionRead, regie.SegFamily, f)
	if !d.Allow || d.ConsentID != 7 || d.Basis != "toestemmingsverklaringen 9, 7" {
		t.Fatalf("family page: %+v", d)
	}
	dis := regie.Disclosure{ConsentID: d.ConsentID, Kinds: d.Kinds}
	for _, k := range []regie.InfoKind{regie.InfoFamily, regie.InfoPlan, regie.DomainKind("welzijn"), regie.DomainKind("kinderen")} {
		if !dis.Shares(k) {
			t.Errorf("%s is covered by a valid consent but not shared", k)
		}
	}
	for _, k := range []regie.InfoKind{regie.InfoSafety, regie.DomainKind("financien"), regie.InfoMembers, regie.InfoPlanGeneral} {
		if dis.Shares(k) {
			t.Errorf("%s is shared without a valid consent covering it", k)
		}
	}
	if got := dis.SharedDomains(); len(got) != 2 || got[0] != "kinderen" || got[1] != "welzijn" {
		t.Errorf("shared domains = %v", got)
	}
	if policy.Decide(ggz, regie.ActionRead, regie.SegSafety, f).Allow {
		t.Error("safety through a withdrawn consent")
	}
	if d := policy.Decide(ggz, regie.ActionRead, regie.SegPlan, f); !d.Allow || d.ConsentID != 9 {
		t.Errorf("plan: %+v", d)
	}
	if (regie.Disclosure{}).Partial() || !(regie.Disclosure{}).Shares(regie.InfoSafety) {
		t.Error("the zero disclosure is not the whole file")
	}
}

// TestDecide_PartnerNeverSeesTheAssignment: the assignment page lists the
// team's staff and their caseloads; no consent opens it to a partner, not
// even one covering everything.
func TestDecide_PartnerNeverSeesTheAssignment(t *testing.T) {
	ggz := &regie.Actor{UserID: 9, Role: regie.RolePartner, OrganisationID: 40}
	var all []regie.InfoKind
	for _, s := range regie.InfoSections {
		all = append(all, s.Value)
	}
	for _, d := range regie.Domains {
		all = append(all, regie.DomainKind(d.Value))
	}
	f := &policy.Facts{Exists: true, TeamID: 1, Today: regie.NewDate(2026, 6, 1), Consents: []*regie.Consent{{ID: 7,
		SignedOn: regie.NewDate(2026, 3, 1), Parties: []regie.ConsentParty{{OrgID: 40, Purpose: "Alles", Kinds: all}}}}}
	if !policy.Decide(ggz, regie.ActionRead, regie.SegFamily, f).Allow {
		t.Fatal("the consent does not open the family page")
	}
	for _, act := range []regie.Action{regie.ActionRead, regie.ActionUpdate} {
		if d := policy.Decide(ggz, act, regie.SegAssignment, f); d.Allow {
			t.Errorf("%s assignment: %+v", act, d)
		}
	}
	if policy.Decide(ggz, regie.ActionRead, regie.SegAssignments, nil).Allow {
		t.Error("the assignment list")
	}
	tl := &regie.Actor{UserID: 3, Role: regie.RoleTeamLeader, TeamID: 1}
	if !policy.Decide(tl, regie.ActionRead, regie.SegAssignment, f).Allow {
		t.Error("the team leader lost the assignment page")
	}
}

func TestConfirmAccountChange(t *testing.T) {
	tl := &regie.Actor{UserID: 1, Role: regie.RoleTeamLeader, TeamID: 1}
	tlB := &regie.Actor{UserID: 5, Role: regie.RoleTeamLeader, TeamID: 2}
	admin := &regie.Actor{UserID: 3, Role: regie.RoleAdmin}
	admin2 := &regie.Actor{UserID: 6, Role: regie.RoleAdmin}
	fg := &regie.Actor{UserID: 4, Role: regie.RolePrivacy}
	cm := &regie.Actor{UserID: 7, Role: regie.RoleCasemanager, TeamID: 1}
	newCM := policy.AccountFacts{UserID: 10, Role: regie.RoleCasemanager, TeamID: 1, MadeBy: admin.UserID}
	newTL := policy.AccountFacts{UserID: 11, Role: regie.RoleTeamLeader, TeamID: 1, MadeBy: admin.UserID}
	newAdmin := policy.AccountFacts{UserID: 12, Role: regie.RoleAdmin, MadeBy: admin.UserID}
	resetTL := policy.AccountFacts{UserID: tl.UserID, Role: regie.RoleTeamLeader, TeamID: 1, MadeBy: admin.UserID}
	for _, tc := range []struct {
		name  string
		a     *regie.Actor
		f     policy.AccountFacts
		allow bool
	}{
		{"team leader confirms a casemanager of the team", tl, newCM, true},
		{"team leader of another team cannot", tlB, newCM, false},
		{"the admin who made it cannot", admin, newCM, false},
		{"another admin cannot confirm a team member", admin2, newCM, false},
		{"privacy officer cannot confirm a team member", fg, newCM, false},
		{"a casemanager cannot", cm, newCM, false},
		{"privacy officer confirms a new team leader", fg, newTL, true},
		{"another admin confirms a new team leader", admin2, newTL, true},
		{"the team leader's own team leader role does not confirm team leaders", tl, newTL, false},
		{"the admin who made an admin cannot confirm it", admin, newAdmin, false},
		{"another admin confirms an admin", admin2, newAdmin, true},
		{"no one confirms the reset of their own account", tl, resetTL, false},
		{"the command line's change is confirmed by the privacy officer", fg, policy.AccountFacts{UserID: 12, Role: regie.RoleAdmin}, true},
		{"nobody anonymous", &regie.Actor{Role: regie.RolePrivacy}, newTL, false},
	} {
		if d := policy.ConfirmAccountChange(tc.a, tc.f); d.Allow != tc.allow {
			t.Errorf("%s: allow = %v, want %v", tc.name, d.Allow, tc.allow)
		}
	}
}

// TestAgendaDuplicates: the team's staff see a referral's possible
// duplicates on their own team's agenda; nobody else does.
func TestAgendaDuplicates(t *testing.T) {
	own := &policy.Facts{Exists: true, TeamID: 1}
	for _, tc := range []struct {
		a    *regie.Actor
		f    *policy.Facts
		want bool
	}{
		{&regie.Actor{UserID: 1, Role: regie.RoleCasemanager, TeamID: 1}, own, true},
		{&regie.Actor{UserID: 1, Role: regie.RoleYouthWorker, TeamID: 1}, own, true},
		{&regie.Actor{UserID: 1, Role: regie.RoleTeamLeader, TeamID: 1}, own, true},
		{&regie.Actor{UserID: 1, Role: regie.RoleTeamLeader, TeamID: 2}, own, false},
		{&regie.Actor{UserID: 1, Role: regie.RoleReferrer}, own, false},
		{&regie.Actor{UserID: 1, Role: regie.RolePrivacy}, own, false},
		{&regie.Actor{UserID: 1, Role: regie.RoleCasemanager, TeamID: 1}, &policy.Facts{TeamID: 1}, false},
	} {
		if got := policy.AgendaDuplicates(tc.a, tc.f).Allow; got != tc.want {
			t.Errorf("%s of team %d: %v, want %v", tc.a.Role, tc.a.TeamID, got, tc.want)
		}
	}
}

// TestDecide_Supervision: the team leader of the worker's team reads and
// writes supervision; the worker reads the sessions about them; no one
// else, not even the administrator or the privacy officer.
func TestDecide_Supervision(t *testing.T) {
	const worker, other = 10, 11
	session := &policy.Facts{Exists: true, TeamID: 1, WorkerUserID: worker}
	overview := &policy.Facts{Exists: true, TeamID: 1} // the caseload overview: no session
	for _, tc := range []struct {
		name  string
		a     *regie.Actor
		act   regie.Action
		f     *policy.Facts
		allow bool
	}{
		{"team leader reads a session", &regie.Actor{UserID: 2, Role: regie.RoleTeamLeader, TeamID: 1}, regie.ActionRead, session, true},
		{"team leader writes a session", &regie.Actor{UserID: 2, Role: regie.RoleTeamLeader, TeamID: 1}, regie.ActionCreate, session, true},
		{"team leader changes a session", &regie.Actor{UserID: 2, Role: regie.RoleTeamLeader, TeamID: 1}, regie.ActionUpdate, session, true},
		{"team leader reads the overview", &regie.Actor{UserID: 2, Role: regie.RoleTeamLeader, TeamID: 1}, regie.ActionRead, overview, true},
		{"another team's leader", &regie.Actor{UserID: 3, Role: regie.RoleTeamLeader, TeamID: 2}, regie.ActionRead, session, false},
		{"the worker reads their own", &regie.Actor{UserID: worker, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, session, true},
		{"the youth worker reads their own", &regie.Actor{UserID: worker, Role: regie.RoleYouthWorker, TeamID: 1}, regie.ActionRead, session, true},
		{"the worker writes", &regie.Actor{UserID: worker, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionUpdate, session, false},
		{"the worker reads the overview", &regie.Actor{UserID: worker, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, overview, false},
		{"a colleague", &regie.Actor{UserID: other, Role: regie.RoleCasemanager, TeamID: 1}, regie.ActionRead, session, false},
		{"the administrator", &regie.Actor{UserID: 4, Role: regie.RoleAdmin}, regie.ActionRead, session, false},
		{"the privacy officer", &regie.Actor{UserID: 5, Role: regie.RolePrivacy}, regie.ActionRead, session, false},
		{"no such worker", &regie.Actor{UserID: 2, Role: regie.RoleTeamLeader, TeamID: 1}, regie.ActionCreate, &policy.Facts{TeamID: 1}, false},
	} {
		if got := policy.Decide(tc.a, tc.act, regie.SegSupervision, tc.f).Allow; got != tc.allow {
			t.Errorf("%s: allow = %v, want %v", tc.name, got, tc.allow)
		}
	}
	if policy.OwnSupervision(&regie.Actor{UserID: 2, Role: regie.RoleTeamLeader, TeamID: 1}) {
		t.Error("the team leader has a Mijn werkbegeleiding")
	}
}
