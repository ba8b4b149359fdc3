// Package policy is the one place that decides who may do what with which
// family's data. It is pure: the store gathers the facts (the actor's
// assignments, the family's team, later the consents) inside the
// transaction of the access, asks Decide, and writes the decision's basis
// (or the denial) into the audit row of that same transaction.
//
// Deny by default: every rule below grants something explicitly, and
// anything no rule grants is refused.
package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"regie"
)

// Facts are what the store knows about the relation between the actor and
// one family, read in the transaction of the access.
type Facts struct {
	// Exists is false when there is no such family; the decision is then a
	// denial indistinguishable from one for a hidden family.
	Exists bool
	TeamID int64
	Closed bool
	// Assignments are the actor's current assignments to the family.
	Assignments []regie.AssignmentKind
	// LastCoordinator: the family's file is closed (its assignments
	// ended) and the actor was its coordinator at the end.
	LastCoordinator bool
	// ReferrerUserID is, for a referral, the account that referred.
	ReferrerUserID int64
	// WorkerUserID is, for a supervision session, the worker it is about
	// (TeamID is then the worker's team when it was held). The store sets
	// it for the sessions only: the overview of a worker's caseload and
	// hours is the team leader's.
	WorkerUserID int64
	// Consents are the family's consents, read for a partner
	// organisation's user; Today decides which hold.
	Consents []*regie.Consent
	Today    regie.Date
	// Youth holds, for the segments of a youth's own track (SegYouth,
	// SegYouthConfidential), the facts of that youth; nil otherwise.
	Youth *YouthFacts
	// Emergency is the actor's newest break-glass access to the family
	// (noodtoegang), running or not; Now decides whether it still runs.
	Emergency *regie.EmergencyAccess
	Now       time.Time
}

// YouthFacts are what the store knows of one youth's track: the youth's
// age today (their say over what they told in confidence), the youth
// worker assigned to them now, and the youth's own consents.
type YouthFacts struct {
	MemberID int64
	Age      regie.YouthAge
	// WorkerUserID is the youth worker currently assigned to the youth;
	// 0 when none.
	WorkerUserID int64
	Consents     []*regie.YouthConsent
}

// Decision is the answer of the policy.
type Decision struct {
	Allow bool
	// Basis says, in Dutch, why access was allowed: it is written in the
	// audit row, so a privacy officer can answer "why could she see this?".
	Basis string
	// ConsentID is the consent a partner's access relied on, and Kinds
	// what the valid consents naming the partner's organisation cover
	// together: the store shows no more, and says what it left out.
	ConsentID int64
	Kinds     []regie.InfoKind
}

// Denied is the basis written for a refused attempt.
const Denied = "geen"

func allow(basis string) Decision { return Decision{Allow: true, Basis: basis} }

var deny = Decision{Basis: Denied}

// Decide decides whether actor a may perform act on segment seg. For
// segments that belong to one family, f holds the facts; for the others
// (the family list, the access log, accounts) f is nil.
func Decide(a *regie.Actor, act regie.Action, seg regie.Segment, f *Facts) Decision {
	if a == nil || (a.UserID == 0 && a.Role != regie.RoleSystem) {
		return deny
	}
	switch seg {
	case regie.SegFamily, regie.SegMembers, regie.SegSafety, regie.SegPhase, regie.SegContacts, regie.SegPlan,
		regie.SegConsent, regie.SegTrajectories, regie.SegHandover, regie.SegNetwork, regie.SegEvaluations:
		// Evaluations follow the plan's rule for the team; a partner never
		// reads them (no consent kind covers them: SegmentKind is empty).
		if act == regie.ActionCreate && seg == regie.SegFamily {
			return createFamily(a)
		}
		return familyContent(a, act, seg, f)
	case regie.SegReferral, regie.SegIntake:
		return referral(a, act, f)
	case regie.SegCheckups:
		return checkups(a, act, f)
	case regie.SegNetworkPersons, regie.SegGenogram, regie.SegSociogram, regie.SegBalance, regie.SegCouncil:
		// The informal network, the genogram (relatives outside the
		// household, what plays in their lives) and the sociogram are the
		// team's working knowledge: no consent kind covers them, so
		// partners see only the names that own an agreement or attended a
		// meeting they see. So is the balance model: drawn with the family,
		// discussed in the team; no partner sees it.
		// The family council is the family's own talk: no consent kind
		// covers it either; its agreements reach a partner through the plan.
		if a.Role == regie.RolePartner {
			return deny
		}
		return familyContent(a, act, seg, f)
	case regie.SegAgreements, regie.SegStagnation:
		return partnerWork(a, act, seg, f)
	case regie.SegYouth:
		return youthShared(a, act, f)
	case regie.SegYouthConfidential:
		return youthConfidential(a, act, f)
	case regie.SegYouthConsent:
		return youthConsent(a, act, f)
	case regie.SegReferrals:
		if act == regie.ActionRead && a.Role.InTeam() {
			return allow(teamMeetingBasis)
		}
		if act == regie.ActionRead && a.Role == regie.RoleReferrer {
			return allow("eigen aanmeldingen")
		}
	case regie.SegMeeting:
		// The team meeting: the team's staff discuss its families and
		// referrals together; the team leader records the decisions.
		if f == nil || a.TeamID == 0 || a.TeamID != f.TeamID {
			return deny
		}
		if (act == regie.ActionRead || act == regie.ActionExport) && a.Role.InTeam() {
			return allow(teamMeetingBasis)
		}
		if (act == regie.ActionCreate || act == regie.ActionUpdate) && a.Role == regie.RoleTeamLeader {
			return allow("teamleider van het team")
		}
	case regie.SegSupervision:
		return supervision(a, act, f)
	case regie.SegEmergency:
		return emergencyAccess(a, act, f)
	case regie.SegReports:
		return reports(a, act, f)
	case regie.SegReportFamilies:
		return reportFamilies(a, act, f)
	case regie.SegSocialMap, regie.SegSettings:
		if act == regie.ActionRead && a.UserID != 0 {
			return allow("organisatiegegevens")
		}
		if (act == regie.ActionCreate || act == regie.ActionUpdate) && (a.Role == regie.RoleAdmin || a.Role == regie.RoleSystem) {
			return allow(adminOrTeamLeaderBasis(a))
		}
	case regie.SegAssignment:
		return assignment(a, act, f)
	case regie.SegAssignments:
		if act == regie.ActionRead && a.Role == regie.RoleTeamLeader && a.TeamID != 0 {
			return allow("teamleider van het team")
		}
	case regie.SegFamilyList:
		// Which families a list shows is decided by Scope; here only
		// whether the actor works with families at all.
		if (act == regie.ActionRead || act == regie.ActionSearch) && a.Role.InTeam() {
			return allow("eigen werkvoorraad")
		}
		if act == regie.ActionSearch && a.Role == regie.RolePrivacy {
			return allow("privacy officer: inzageverzoek of toezicht")
		}
		if act == regie.ActionRead && a.Role == regie.RolePartner && a.OrganisationID != 0 {
			return allow(partnerListBasis)
		}
	case regie.SegRetention, regie.SegDestructionRequest:
		return retention(a, act, seg)
	case regie.SegAuditLog:
		// The privacy officer reads the log and downloads a family's, to
		// answer a parent who asks who saw their file; the download is
		// audited as an export.
		if (act == regie.ActionRead || act == regie.ActionExport) && a.Role == regie.RolePrivacy {
			return allow("privacy officer: toezicht op toegang")
		}
	case regie.SegPersonExport:
		// The data subject's access (AVG 15, 20): the privacy officer
		// chooses the person among the family's members and exports
		// everything regie holds about them.
		if f != nil && f.Exists && (act == regie.ActionRead || act == regie.ActionExport) && a.Role == regie.RolePrivacy {
			return allow(personExportBasis)
		}
	case regie.SegRectification:
		return rectification(a, act, f)
	case regie.SegRegister:
		// The register of processing holds no person's data: the
		// privacy officer keeps it, the administrator prints it too.
		if (act == regie.ActionRead || act == regie.ActionExport) && (a.Role == regie.RolePrivacy || a.Role == regie.RoleAdmin) {
			return allow("verwerkingsregister (AVG 30)")
		}
	case regie.SegOwnAccount:
		// Everyone with an account looks after their own password; the
		// store applies it to the actor's own account only.
		if (act == regie.ActionRead || act == regie.ActionUpdate) && a.UserID != 0 && a.Role != regie.RoleSystem {
			return allow("eigen account")
		}
	case regie.SegAccount:
		if (act == regie.ActionCreate || act == regie.ActionUpdate || act == regie.ActionRead) &&
			(a.Role == regie.RoleAdmin || a.Role == regie.RoleSystem) {
			return allow(adminOrTeamLeaderBasis(a))
		}
	}
	return deny
}

// retentionBasis is the basis of the privacy officer's retention work.
const retentionBasis = "privacy officer: bewaartermijnen (Jeugdwet 7.3.8/7.3.9)"

// retention covers the retention of closed files and destruction
// (SegRetention) and the requests to destroy (SegDestructionRequest):
// the privacy officer's alone. The command line (an operator's
// `regie retention run`, and serve's daily run) only destroys what the
// privacy officer approved; it neither approves nor reads.
func retention(a *regie.Actor, act regie.Action, seg regie.Segment) Decision {
	switch {
	case a.Role == regie.RolePrivacy && a.UserID != 0:
		switch act {
		case regie.ActionRead, regie.ActionCreate, regie.ActionUpdate:
			return allow(retentionBasis)
		case regie.ActionDestroy:
			if seg == regie.SegRetention {
				return allow(retentionBasis)
			}
		}
	case a.Role == regie.RoleSystem && act == regie.ActionDestroy && seg == regie.SegRetention:
		return allow("vernietigingsronde: goedgekeurd door de privacy officer")
	}
	return deny
}

// personExportBasis is the basis of the privacy officer's person export.
const personExportBasis = "privacy officer: verzoek van een betrokkene (AVG 15/20)"

// rectification covers a person's request to correct data (AVG 16). The
// privacy officer records the request and its outcome, also for a closed
// file (the data is still held), and reads them all (f nil: the list of
// every family's requests). Whoever reads the family's members reads the
// requests that concern them, beside the data; a partner does not.
func rectification(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if a.Role == regie.RolePrivacy {
		if act == regie.ActionRead && f == nil {
			return allow("privacy officer: verzoeken van betrokkenen (AVG 16)")
		}
		if f != nil && f.Exists && (act == regie.ActionRead || act == regie.ActionCreate || act == regie.ActionUpdate) {
			return allow("privacy officer: verzoek van een betrokkene (AVG 16)")
		}
		return deny
	}
	if act != regie.ActionRead || a.Role == regie.RolePartner {
		return deny
	}
	return familyContent(a, act, regie.SegMembers, f)
}

// Bases of the supervision decisions.
const (
	supervisionBasis    = "teamleider: werkbegeleiding"
	ownSupervisionBasis = "eigen werkbegeleiding"
)

// supervision covers the monthly work supervision of a casemanager or
// youth worker (f: the worker's team, and for a session the worker). The
// team leader of the team reads and writes it; the worker reads the
// sessions about them. No one else — not the administrator, not the
// privacy officer, who sees only that it was read, in the access log.
func supervision(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || !f.Exists {
		return deny
	}
	leader := a.Role == regie.RoleTeamLeader && a.TeamID != 0 && a.TeamID == f.TeamID && f.WorkerUserID != a.UserID
	switch act {
	case regie.ActionRead:
		if leader {
			return allow(supervisionBasis)
		}
		if (a.Role == regie.RoleCasemanager || a.Role == regie.RoleYouthWorker) && f.WorkerUserID != 0 && f.WorkerUserID == a.UserID {
			return allow(ownSupervisionBasis)
		}
	case regie.ActionCreate, regie.ActionUpdate:
		if leader {
			return allow(supervisionBasis)
		}
	}
	return deny
}

// OwnSupervision reports whether a reads sessions of their own work
// supervision: a casemanager's or youth worker's "Mijn werkbegeleiding".
func OwnSupervision(a *regie.Actor) bool {
	if a == nil || a.UserID == 0 {
		return false
	}
	d := Decide(a, regie.ActionRead, regie.SegSupervision, &Facts{Exists: true, TeamID: a.TeamID, WorkerUserID: a.UserID})
	return d.Allow && d.Basis == ownSupervisionBasis
}

// familyContent covers the family's own data: details and members. Later
// segments (plan, contacts, safety) follow the same relation rules, with
// consent for partners. What the actor's relation to the family does not
// open, a running break-glass access may open for reading (emergency).
func familyContent(a *regie.Actor, act regie.Action, seg regie.Segment, f *Facts) Decision {
	if d := assigned(a, act, seg, f); d.Allow {
		return d
	}
	return emergency(a, act, seg, f)
}

// assigned decides on the family's own data by the actor's relation to
// the family: an assignment, the team leader's team, a partner's consent.
func assigned(a *regie.Actor, act regie.Action, seg regie.Segment, f *Facts) Decision {
	if f == nil || !f.Exists {
		return deny
	}
	write := act == regie.ActionUpdate || act == regie.ActionCreate
	if write && f.Closed {
		return deny
	}
	if act != regie.ActionRead && act != regie.ActionExport && !write {
		return deny
	}
	switch a.Role {
	case regie.RoleCasemanager:
		if has(f.Assignments, regie.AssignCoordinator) {
			return allow("toewijzing: vaste regisseur")
		}
		if has(f.Assignments, regie.AssignDuo) {
			return allow("toewijzing: duo-partner")
		}
	case regie.RoleYouthWorker:
		// The youth worker reads the family they work in as far as their
		// work needs and records their own contacts; the family file
		// itself is kept by the coordinator. Not for them: the consents
		// and their signed papers, the handover to other agencies, and
		// any export of the family's file.
		if !has(f.Assignments, regie.AssignYouth) || act == regie.ActionExport {
			return deny
		}
		if seg == regie.SegConsent || seg == regie.SegHandover {
			return deny
		}
		if !write || seg == regie.SegContacts {
			return allow("toewijzing: jeugdhulpverlener")
		}
	case regie.RoleTeamLeader:
		if a.TeamID != 0 && a.TeamID == f.TeamID {
			return allow("teamleider van het team")
		}
	case regie.RolePartner:
		if act == regie.ActionRead {
			return partner(a, seg, f)
		}
	}
	return deny
}

// lastCoordinatorBasis is why the coordinator of a closed file holds its
// check-ups: the assignment ended with the closing, the monitoring did
// not (seed 003, bijlage 2).
const lastCoordinatorBasis = "laatste regisseur: check-up na afsluiting"

// checkups covers the check-ups after closing. Those who may read the
// file read them; the file being closed, its assignments have ended, so
// the family's last coordinator reads them too (and only them, not the
// rest of the closed file). A check-up is recorded on a closed file only
// — the one write a closed file allows — by the team leader of the team
// or the last coordinator. A partner sees none: no consent covers them.
func checkups(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || !f.Exists {
		return deny
	}
	switch act {
	case regie.ActionRead:
		if d := familyContent(a, act, regie.SegCheckups, f); d.Allow {
			return d
		}
		if f.Closed && f.LastCoordinator && a.Role == regie.RoleCasemanager {
			return allow(lastCoordinatorBasis)
		}
	case regie.ActionCreate:
		if !f.Closed {
			return deny
		}
		if a.Role == regie.RoleTeamLeader && a.TeamID != 0 && a.TeamID == f.TeamID {
			return allow("teamleider van het team")
		}
		if a.Role == regie.RoleCasemanager && f.LastCoordinator {
			return allow(lastCoordinatorBasis)
		}
	}
	return deny
}

// partner decides on a partner organisation's user: only while a valid,
// unwithdrawn consent names the organisation, and only for the kinds of
// information it covers. The consent itself is not for partners. When
// several valid consents name the organisation, the partner sees what
// they cover together, and the basis names each.
func partner(a *regie.Actor, seg regie.Segment, f *Facts) Decision {
	kind := regie.SegmentKind(seg)
	if kind == "" || a.OrganisationID == 0 {
		return deny
	}
	var (
		d     Decision
		ids   []string
		kinds []regie.InfoKind
	)
	for _, c := range f.Consents {
		if !c.Valid(f.Today) {
			continue
		}
		for _, p := range c.Parties {
			if p.OrgID != a.OrganisationID {
				continue
			}
			if p.Covers(kind) && d.ConsentID == 0 {
				d.ConsentID = c.ID
			}
			ids = append(ids, fmt.Sprint(c.ID))
			for _, k := range p.Kinds {
				if !slices.Contains(kinds, k) {
					kinds = append(kinds, k)
				}
			}
		}
	}
	if d.ConsentID == 0 {
		return deny
	}
	basis := "toestemmingsverklaring " + ids[0]
	if len(ids) > 1 {
		basis = "toestemmingsverklaringen " + strings.Join(ids, ", ")
	}
	d.Allow, d.Basis, d.Kinds = true, basis, kinds
	return d
}

// partnerListBasis is why a partner sees a list of families: the list
// holds only those whose consent, valid today, names their organisation.
const partnerListBasis = "gezinnen onder toestemming van de eigen organisatie"

// partnerNamed decides on a partner whose organisation a valid consent
// names, whatever kinds it covers: the partner's own work with the
// family (its agreements' progress, a report of stagnation) needs no
// more than being named. The basis names the consents.
func partnerNamed(a *regie.Actor, f *Facts) Decision {
	if a.Role != regie.RolePartner || a.OrganisationID == 0 || f == nil || !f.Exists {
		return deny
	}
	d := OrganisationConsent(a.OrganisationID, f.Consents, f.Today)
	if d.Allow {
		d.Kinds = nil
	}
	return d
}

// OrganisationWork reports whether a has an organisation's own work with
// families — the agreements its organisation owns, its reports of
// stagnation (the page "Samenwerking"): a partner organisation's user.
// Which families, and what in them, the decisions on SegAgreements and
// SegStagnation say.
func OrganisationWork(a *regie.Actor) bool {
	return a != nil && a.UserID != 0 && a.Role == regie.RolePartner && a.OrganisationID != 0
}

// partnerWork covers what a partner records in a family it works with:
// the progress of its own agreements (SegAgreements; the store limits it
// to the agreements the partner's organisation owns and may see) and a
// report that the help stagnates (SegStagnation). Both are the partner's
// own writing, allowed while a valid consent names the organisation, and
// read back by the partner as such. The team reads them as family content;
// the coordinator, the duo partner and the team leader set the progress
// and handle a report (the team leader discusses it in the meeting).
func partnerWork(a *regie.Actor, act regie.Action, seg regie.Segment, f *Facts) Decision {
	if f == nil || !f.Exists {
		return deny
	}
	if a.Role == regie.RolePartner {
		if f.Closed && act != regie.ActionRead {
			return deny
		}
		switch {
		case act == regie.ActionRead,
			act == regie.ActionUpdate && seg == regie.SegAgreements,
			act == regie.ActionCreate && seg == regie.SegStagnation:
			return partnerNamed(a, f)
		}
		return deny
	}
	if seg == regie.SegStagnation && act == regie.ActionCreate {
		return deny // the partner's report; the team acts on it
	}
	return familyContent(a, act, seg, f)
}

// Bases of the youth track's decisions.
const (
	youthWorkerBasis  = "toewijzing: jeugdhulpverlener van de jongere"
	youthConsentBasis = "toestemming van de jongere"
	youthUnder12Basis = "jonger dan 12: de ouders beslissen, niets is vertrouwelijk"
)

// youthShared covers the part of a youth's track the family's
// coordinator sees: that it runs, who does it, its norm, and the
// agreements that concern the family. The youth's own worker writes it;
// those who read the family's file read it, except a partner, who reads
// only what the youth's own consent names their organisation for.
func youthShared(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || !f.Exists || f.Youth == nil {
		return deny
	}
	y := f.Youth
	own := a.Role == regie.RoleYouthWorker && y.WorkerUserID != 0 && y.WorkerUserID == a.UserID
	if !y.Age.Confidential() {
		return deny // below 12 there is no youth track: nothing to show
	}
	switch act {
	case regie.ActionRead:
		if own {
			return allow(youthWorkerBasis)
		}
		if a.Role == regie.RolePartner {
			return youthPartner(a, f)
		}
		if a.Role == regie.RoleYouthWorker {
			return deny // another youth's worker in the same family
		}
		return familyContent(a, act, regie.SegFamily, f)
	case regie.ActionCreate, regie.ActionUpdate:
		if own && !f.Closed && y.Age.Confidential() && y.Age <= regie.YouthAgeMax {
			return allow(youthWorkerBasis)
		}
	}
	return deny
}

// youthConfidential covers what the youth told in confidence. The
// youth's own worker reads and writes it. Others read it only as the
// youth's own consent allows (YouthConsent.Holds: from 16 the youth
// alone, 12–15 with a parent): the coordinator and duo partner when it
// shares with the coordinator, a partner when it names their
// organisation; the family's PDF (an export by the coordinator) only
// when it shares with the parents' side. Below 12 nothing is
// confidential: the parents decide, and the file's readers read it.
func youthConfidential(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || !f.Exists || f.Youth == nil {
		return deny
	}
	y := f.Youth
	if a.Role == regie.RoleYouthWorker {
		if y.WorkerUserID == 0 || y.WorkerUserID != a.UserID {
			return deny
		}
		if act == regie.ActionRead || act == regie.ActionExport {
			return allow(youthWorkerBasis)
		}
		if (act == regie.ActionCreate || act == regie.ActionUpdate) && !f.Closed && y.Age.Confidential() && y.Age <= regie.YouthAgeMax {
			return allow(youthWorkerBasis)
		}
		return deny
	}
	if act != regie.ActionRead && act != regie.ActionExport {
		return deny
	}
	if a.Role == regie.RolePartner {
		if act != regie.ActionRead {
			return deny
		}
		return youthPartner(a, f)
	}
	coordinator := a.Role == regie.RoleCasemanager &&
		(has(f.Assignments, regie.AssignCoordinator) || has(f.Assignments, regie.AssignDuo))
	if !y.Age.Confidential() {
		// Not under a break-glass access: a child's file under 12 is the
		// parents' say, not an emergency's.
		if d := assigned(a, act, regie.SegFamily, f); d.Allow {
			return allow(youthUnder12Basis)
		}
		return deny
	}
	if !coordinator {
		return deny
	}
	for _, c := range y.Consents {
		if !c.Holds(f.Today, y.Age) {
			continue
		}
		if act == regie.ActionRead && c.ShareCoordinator || act == regie.ActionExport && c.ShareFamily {
			return allow(fmt.Sprintf("%s %d", youthConsentBasis, c.ID))
		}
	}
	return deny
}

// youthConsent covers the youth's own consents. The youth's own worker
// records and withdraws them while the file is open (the youth's age is
// the rule's, YouthConsentInput.Validate, so the page can say why); the
// family's coordinator, duo partner and team leader read them, to know
// what they may see. Another youth's worker and partners do not: a
// partner learns of a youth's consent only by what it shows them.
func youthConsent(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || !f.Exists || f.Youth == nil {
		return deny
	}
	own := a.Role == regie.RoleYouthWorker && f.Youth.WorkerUserID != 0 && f.Youth.WorkerUserID == a.UserID
	switch act {
	case regie.ActionRead:
		if own {
			return allow(youthWorkerBasis)
		}
		if a.Role == regie.RoleCasemanager || a.Role == regie.RoleTeamLeader {
			return assigned(a, act, regie.SegFamily, f) // not under break-glass
		}
	case regie.ActionCreate, regie.ActionUpdate:
		if own && !f.Closed {
			return allow(youthWorkerBasis)
		}
	}
	return deny
}

// youthPartner: a partner reads a youth's track only under the youth's
// own consent naming their organisation (the family's consent does not
// speak for the youth).
func youthPartner(a *regie.Actor, f *Facts) Decision {
	if a.OrganisationID == 0 || !f.Youth.Age.Confidential() {
		return deny
	}
	for _, c := range f.Youth.Consents {
		if c.Holds(f.Today, f.Youth.Age) && c.NamesOrg(a.OrganisationID) {
			d := allow(fmt.Sprintf("%s %d", youthConsentBasis, c.ID))
			d.ConsentID = c.ID
			return d
		}
	}
	return deny
}

// onBehalfBasis is why staff may note a referral: a referrer called or
// wrote, and the team notes it for them.
const onBehalfBasis = "aanmelding genoteerd namens de aanmelder"

// teamMeetingBasis is why staff see the team's referrals: the casemanagers
// discuss new referrals in the weekly team meeting (seed 003, bijlage 1).
const teamMeetingBasis = "teamoverleg"

// referral covers a referral and its intake decisions. A referrer reaches
// only their own, and then only what they sent and the team's answer (the
// UI shows no more); the team's staff read the team's referrals; the team
// leader decides.
func referral(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if act == regie.ActionCreate && f == nil {
		switch {
		case a.Role == regie.RoleReferrer:
			return allow("eigen aanmelding")
		case (a.Role == regie.RoleCasemanager || a.Role == regie.RoleTeamLeader) && a.TeamID != 0:
			return allow(onBehalfBasis)
		}
		return deny
	}
	if f == nil || !f.Exists {
		return deny
	}
	switch act {
	case regie.ActionRead:
		if a.Role == regie.RoleReferrer && f.ReferrerUserID == a.UserID {
			return allow("eigen aanmelding")
		}
		if a.Role.InTeam() && a.TeamID != 0 && a.TeamID == f.TeamID {
			return allow(teamMeetingBasis)
		}
	case regie.ActionUpdate, regie.ActionCreate, regie.ActionSearch:
		// Recording decisions, the agenda, the priority list — and looking
		// for the family among the known ones — is the team leader's.
		if a.Role == regie.RoleTeamLeader && a.TeamID != 0 && a.TeamID == f.TeamID {
			return allow("teamleider van het team")
		}
	}
	return deny
}

// AgendaDuplicates decides whether actor a sees, on the agenda of the
// team meeting, the known families a referral of the facts f may be (the
// referral page shows them to the team leader, who decides): the team's
// staff take the intake decision together in the meeting, so they see
// them there. Like the referral page, the store shows another team's
// family only by its dossier number and team.
func AgendaDuplicates(a *regie.Actor, f *Facts) Decision {
	if a == nil || f == nil || !f.Exists || !a.Role.InTeam() || a.TeamID == 0 || a.TeamID != f.TeamID {
		return deny
	}
	return allow(teamMeetingBasis + ": controle op een bekend gezin")
}

// createFamily: a family enters the team through the team leader, who
// decides on intake in the team meeting.
func createFamily(a *regie.Actor) Decision {
	if a.Role == regie.RoleTeamLeader && a.TeamID != 0 {
		return allow("teamleider van het team")
	}
	return deny
}

// assignment covers who coordinates a family. Only the team leader of the
// family's team assigns (separation of duties): the functional
// administrator, who creates accounts, must not also be able to give an
// account of their making a family, so they neither assign nor see the
// assignments.
func assignment(a *regie.Actor, act regie.Action, f *Facts) Decision {
	if f == nil || !f.Exists {
		return deny
	}
	switch act {
	case regie.ActionRead:
		// The assignment page lists the team's staff and their caseloads:
		// internal to the team, whatever a consent covers.
		if a.Role == regie.RolePartner {
			return deny
		}
		return familyContent(a, act, regie.SegFamily, f)
	case regie.ActionUpdate:
		if f.Closed {
			return deny
		}
		if a.Role == regie.RoleTeamLeader && a.TeamID != 0 && a.TeamID == f.TeamID {
			return allow("teamleider van het team")
		}
	}
	return deny
}

func adminOrTeamLeaderBasis(a *regie.Actor) string {
	switch a.Role {
	case regie.RoleSystem:
		return "beheer via de opdrachtregel"
	case regie.RoleTeamLeader:
		return "teamleider van het team"
	}
	return "functioneel beheer"
}

func has(ks []regie.AssignmentKind, k regie.AssignmentKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// ReferralScope returns which referrals a list may show: a referrer's own,
// or the team's for its staff; ok=false when none.
func ReferralScope(a *regie.Actor, own bool) (s Scope, ok bool) {
	switch {
	case a == nil || a.UserID == 0:
		return Scope{}, false
	case a.Role == regie.RoleReferrer || own && (a.Role == regie.RoleCasemanager || a.Role == regie.RoleTeamLeader):
		return Scope{UserID: a.UserID}, true
	case a.Role.InTeam() && a.TeamID != 0:
		return Scope{TeamID: a.TeamID}, true
	}
	return Scope{}, false
}

// Scope is the set of families a list may show to an actor.
type Scope struct {
	// All lifts the limits: only for the privacy officer's search, which
	// must name someone (a parent asking who read their file).
	All bool
	// UserID, when set, limits the list to families with a current
	// assignment of this user.
	UserID int64
	// TeamID, when set, limits the list to the families of this team.
	TeamID int64
	// OrgID, when set, limits the list to the families whose consent,
	// valid today, names this organisation (a partner's list).
	OrgID int64
}

// ListScope returns the scope of the list the actor asked for, or ok=false
// when the actor may not see that list at all. A casemanager sees the
// families assigned to them; a team leader also sees the whole team's; the
// privacy officer may search all families by name but not browse them.
func ListScope(a *regie.Actor, f regie.FamilyFilter) (s Scope, ok bool) {
	if a == nil || a.UserID == 0 {
		return Scope{}, false
	}
	if a.Role == regie.RolePrivacy && f.Scope == regie.ScopeAccessLog && regie.NamesSomeone(f.Query) {
		return Scope{All: true}, true
	}
	if a.Role == regie.RolePartner {
		if f.Scope == regie.ScopePartner && a.OrganisationID != 0 {
			return Scope{OrgID: a.OrganisationID}, true
		}
		return Scope{}, false
	}
	if !a.Role.InTeam() {
		return Scope{}, false
	}
	switch f.Scope {
	case regie.ScopeMine:
		return Scope{UserID: a.UserID}, true
	case regie.ScopeTeam:
		if a.Role == regie.RoleTeamLeader && a.TeamID != 0 {
			return Scope{TeamID: a.TeamID}, true
		}
	}
	return Scope{}, false
}

// WorklistScope says whose families the actor's werkbak covers: the
// casemanager's and the youth worker's own (their current assignments —
// coordinator, duo, a child's youth track). Reading it is a read of the
// family list (SegFamilyList), decided and audited as such.
func WorklistScope(a *regie.Actor) (Scope, bool) {
	if a == nil || a.UserID == 0 || (a.Role != regie.RoleCasemanager && a.Role != regie.RoleYouthWorker) {
		return Scope{}, false
	}
	if !Can(a, regie.ActionRead, regie.SegFamilyList, nil) {
		return Scope{}, false
	}
	return Scope{UserID: a.UserID}, true
}

// AccountFacts describe an account change (a new account, a reset
// password or second factor) that waits for a second person.
type AccountFacts struct {
	// UserID, Role and TeamID are of the account changed.
	UserID int64
	Role   regie.Role
	TeamID int64
	// MadeBy made the change; 0 for the command line.
	MadeBy int64
}

// ConfirmAccountChange decides whether a may confirm the change: never the
// person who made it, nor the user it is about. The account of a
// casemanager or youth worker is confirmed by the team leader of their
// team, who knows whether the person exists and starts; any other account
// (a team leader, administrator, privacy officer, referrer or partner) by
// the privacy officer or another functional administrator.
func ConfirmAccountChange(a *regie.Actor, f AccountFacts) Decision {
	if a == nil || a.UserID == 0 || a.UserID == f.MadeBy || a.UserID == f.UserID {
		return deny
	}
	switch f.Role {
	case regie.RoleCasemanager, regie.RoleYouthWorker:
		if a.Role == regie.RoleTeamLeader && a.TeamID != 0 && a.TeamID == f.TeamID {
			return allow("teamleider van het team: tweede persoon bij accountbeheer")
		}
	default:
		switch a.Role {
		case regie.RolePrivacy:
			return allow("privacy officer: tweede persoon bij accountbeheer")
		case regie.RoleAdmin:
			return allow("andere functioneel beheerder: tweede persoon bij accountbeheer")
		}
	}
	return deny
}

// ConfirmsAccounts reports whether a's role confirms any account changes:
// who gets the list of changes waiting for confirmation.
func ConfirmsAccounts(a *regie.Actor) bool {
	if a == nil || a.UserID == 0 {
		return false
	}
	switch a.Role {
	case regie.RoleTeamLeader:
		return a.TeamID != 0
	case regie.RoleAdmin, regie.RolePrivacy:
		return true
	}
	return false
}

// OrganisationConsent decides what may be passed on to an organisation
// outside regie — the receiving agency of a warm handover — under the
// family's consents: like a partner's reading, only while a consent valid
// on today names the organisation, and only the kinds those consents
// cover together. Allow is false when none does.
func OrganisationConsent(orgID int64, consents []*regie.Consent, today regie.Date) Decision {
	var (
		d   Decision
		ids []string
	)
	for _, c := range consents {
		if !c.Valid(today) {
			continue
		}
		for _, p := range c.Parties {
			if p.OrgID != orgID {
				continue
			}
			if d.ConsentID == 0 {
				d.ConsentID = c.ID
			}
			ids = append(ids, fmt.Sprint(c.ID))
			for _, k := range p.Kinds {
				if !slices.Contains(d.Kinds, k) {
					d.Kinds = append(d.Kinds, k)
				}
			}
		}
	}
	if d.ConsentID == 0 {
		return deny
	}
	d.Allow, d.Basis = true, "toestemmingsverklaring "+strings.Join(ids, ", ")
	return d
}
