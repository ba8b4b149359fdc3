package regie

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// The end of the intensive phase and the coordination of care (seed 003
// §5.4–§5.6): the warm handover to the agencies that take over, the
// referring organisation's commitment to resume low-threshold care, the
// network meetings of phase 5 every three months, and closing the file
// with an outcome that can be counted.

// Handover is a warm handover (warme overdracht) to one receiving agency:
// the concrete agreements on the long-term goals and who does what in
// them, made with a contact person there on a day.
type Handover struct {
	ID            int64
	FamilyID      int64
	OrgID         int64
	OrgName       string
	ContactPerson string
	On            Date
	Goals         string // the agreements on the long-term goals
	Tasks         string // the division of tasks
	CreatedByName string
	CreatedAt     time.Time
}

// HandoverInput is what the casemanager records of a handover.
type HandoverInput struct {
	OrgID         int64
	ContactPerson string
	On            string
	Goals         string
	Tasks         string
}

// Validate checks the input and returns the day of the handover.
func (in *HandoverInput) Validate(today Date) (Date, error) {
	in.ContactPerson, in.Goals, in.Tasks = Clean(in.ContactPerson), Clean(in.Goals), Clean(in.Tasks)
	var v Validation
	if in.OrgID == 0 {
		v.Add("org", MsgRequired)
	}
	v.Required("contact_person", in.ContactPerson)
	v.MaxLen("contact_person", in.ContactPerson, 200)
	on := v.PastDate("on", Clean(in.On), today, true)
	v.Required("goals", in.Goals)
	v.MaxLen("goals", in.Goals, 4000)
	v.Required("tasks", in.Tasks)
	v.MaxLen("tasks", in.Tasks, 4000)
	return on, v.Err()
}

// CommitmentCheck records that the referring organisation confirmed its
// commitment (FamilyIntake.Commitment) to resume low-threshold care after
// the intensive phase: who there confirmed it, and when.
type CommitmentCheck struct {
	ID            int64
	ConfirmedBy   string // the person at the referring organisation
	On            Date
	Note          string
	CreatedByName string
}

// CommitmentInput is what the casemanager records of the confirmation.
type CommitmentInput struct {
	ConfirmedBy string
	On          string
	Note        string
}

// Validate checks the input and returns the day of the confirmation.
func (in *CommitmentInput) Validate(today Date) (Date, error) {
	in.ConfirmedBy, in.Note = Clean(in.ConfirmedBy), Clean(in.Note)
	var v Validation
	v.Required("confirmed_by", in.ConfirmedBy)
	v.MaxLen("confirmed_by", in.ConfirmedBy, 200)
	on := v.PastDate("confirmed_on", Clean(in.On), today, true)
	v.MaxLen("note", in.Note, 2000)
	return on, v.Err()
}

// Handovers is a family's warm handovers with the referrer's commitment.
type Handovers struct {
	List []*Handover // newest first
	// Intake is the referral the family came in by, with the referring
	// organisation's commitment; nil for a family opened directly.
	Intake *FamilyIntake
	// Commitment is the newest confirmation of that commitment, or nil.
	Commitment *CommitmentCheck
	CanEdit    bool // record handovers and the confirmation
	CanExport  bool // the handover letter as PDF
}

// HandoverLetter is what the letter to the receiving professional holds:
// the handover itself, and of the family only what a valid consent naming
// the receiving organisation covers.
type HandoverLetter struct {
	Handover *Handover
	// Family carries the household's name and dossier number, the
	// coordinator, and — when the consent shares them — the address and
	// the members (without their BSN).
	Family *Family
	// Consent is whether a valid consent names the receiving organisation;
	// without one the letter holds the handover's agreements only.
	Consent bool
	// Disclosure is what that consent covers.
	Disclosure Disclosure
	// Goals and Agreements are of the newest agreed plan, on the life
	// domains the consent covers; Trajectories likewise.
	Goals        []*Goal
	Agreements   []*Agreement
	Trajectories []*Trajectory
	// Withheld names, in Dutch, each part the letter leaves out.
	Withheld []string
}

// AttendeeKind is who attended a network meeting.
type AttendeeKind string

// The kinds of attendee.
const (
	AttendeeOrganisation AttendeeKind = "organisatie" // a professional of an agency of the social map
	AttendeeMember       AttendeeKind = "gezinslid"   // a member of the family
	AttendeeOther        AttendeeKind = "anders"      // anyone else, as written
	AttendeeNetwork      AttendeeKind = "netwerk"     // a person of the informal network
)

// NetworkAttendee is one person at a network meeting.
type NetworkAttendee struct {
	Kind     AttendeeKind
	Name     string
	OrgID    int64
	OrgName  string
	MemberID int64
	PersonID int64 // AttendeeNetwork
}

// Label is how the attendee is listed: the name with the organisation.
func (a NetworkAttendee) Label() string {
	switch {
	case a.Kind == AttendeeOrganisation && a.Name != "":
		return a.Name + " (" + a.OrgName + ")"
	case a.Kind == AttendeeOrganisation:
		return a.OrgName
	case a.Kind == AttendeeMember:
		return a.Name + " (gezin)"
	case a.Kind == AttendeeNetwork:
		return a.Name + " (netwerk)"
	}
	return a.Name
}

// NetworkAgreement is an agreement made in a network meeting: who does
// what, by when, and how it stands now (the AgreementStatus of the plan's
// agreements).
type NetworkAgreement struct {
	ID        int64
	MeetingID int64
	MadeOn    Date   // the day of the meeting that made it
	Owner     string // the owner's name, as shown
	// OwnerKind says who owns it when chosen from a list ("" when typed):
	// an organisation of the social map (OwnerOrgID, whose partners see it
	// and record its progress), a member, a person of the informal network
	// or the casemanager (OwnerID: the member, person or user).
	OwnerKind  OwnerKind
	OwnerOrgID int64
	OwnerID    int64
	What       string
	Due        Date
	Status     AgreementStatus
	// Note is the owning partner's note with its newest progress.
	Note string
}

// Overdue reports whether its day has passed while it is not finished.
func (a *NetworkAgreement) Overdue(today Date) bool {
	return !a.Status.Finished() && !a.Due.IsZero() && a.Due.Before(today)
}

// NetworkProgress is the status a meeting gave an earlier agreement.
type NetworkProgress struct {
	AgreementID int64
	Owner       string
	What        string
	Status      AgreementStatus
}

// NetworkMeeting is a meeting of the family's network (netwerkoverleg):
// who attended, what was agreed, how the earlier agreements went, and the
// number of agencies involved on the day, kept as history.
type NetworkMeeting struct {
	ID            int64
	FamilyID      int64
	HeldOn        Date
	Agencies      int
	Notes         string
	Attendees     []NetworkAttendee
	Agreements    []*NetworkAgreement
	Progress      []NetworkProgress
	CreatedByName string
	CreatedAt     time.Time
	// Disclosure is, for a partner, what its consents cover: the meeting
	// then holds only its own organisation's agreements and no notes;
	// AttendeesWithheld counts the attendees left out (people of the
	// family when the members are not shared, others present).
	Disclosure        Disclosure
	AttendeesWithheld int
}

// NetworkAttendeeInput is a professional at the meeting, from the social map.
type NetworkAttendeeInput struct {
	Name  string
	OrgID int64
}

// NetworkAgreementInput is one agreement as typed. The owner is chosen
// from a list (OwnerChoice: an organisation, a member, a person of the
// informal network, a worker of the family) or typed as free text (Owner).
type NetworkAgreementInput struct {
	OwnerChoice string
	Owner       string
	What        string
	Due         string
}

// NetworkMeetingInput is what the casemanager records of a meeting.
type NetworkMeetingInput struct {
	HeldOn        string
	Members       []int64 // family members who attended
	Persons       []int64 // persons of the informal network who attended
	Professionals []NetworkAttendeeInput
	Others        string // anyone else, one per line
	Agreements    []NetworkAgreementInput
	// Progress is the status of earlier agreements, by their id.
	Progress map[int64]AgreementStatus
	Notes    string
}

// Validate checks the input; it returns the day of the meeting and the
// due dates of the agreements. Rows left empty are skipped.
func (in *NetworkMeetingInput) Validate(today Date) (Date, []Date, error) {
	var v Validation
	on := v.PastDate("held_on", Clean(in.HeldOn), today, true)
	in.Notes = Clean(in.Notes)
	v.MaxLen("notes", in.Notes, 4000)
	in.Others = Clean(in.Others)
	v.MaxLen("others", in.Others, 2000)
	people := len(in.Members) + len(in.Persons) + len(in.OtherNames())
	for i := range in.Professionals {
		p := &in.Professionals[i]
		p.Name = Clean(p.Name)
		v.MaxLen(rowField("attendee", i, "name"), p.Name, 200)
		if p.Name != "" && p.OrgID == 0 {
			v.Add(rowField("attendee", i, "org"), MsgRequired)
		}
		if p.OrgID != 0 {
			people++
		}
	}
	if people == 0 {
		v.Add("attendees", MsgNetworkNoAttendees)
	}
	dues := make([]Date, len(in.Agreements))
	for i := range in.Agreements {
		a := &in.Agreements[i]
		a.Owner, a.What, a.Due, a.OwnerChoice = Clean(a.Owner), Clean(a.What), Clean(a.Due), Clean(a.OwnerChoice)
		if a.Owner == "" && a.What == "" && a.Due == "" && a.OwnerChoice == "" {
			continue
		}
		switch _, chosen := ParseOwnerChoice(a.OwnerChoice); {
		case a.OwnerChoice != "" && !chosen:
			v.Add(rowField("agreement", i, "who"), MsgChoiceInvalid)
		case chosen && a.Owner != "":
			v.Add(rowField("agreement", i, "owner"), MsgOwnerChoiceOrName)
		case !chosen && a.Owner == "":
			v.Add(rowField("agreement", i, "who"), MsgNetworkAgreementNeedsOwner)
		}
		v.MaxLen(rowField("agreement", i, "owner"), a.Owner, 200)
		v.Required(rowField("agreement", i, "what"), a.What)
		v.MaxLen(rowField("agreement", i, "what"), a.What, 1000)
		if v.Required(rowField("agreement", i, "due"), a.Due) {
			d, err := ParseDate(a.Due)
			if err != nil {
				v.Add(rowField("agreement", i, "due"), MsgDateInvalid)
			} else if !on.IsZero() && d.Before(on) {
				v.Add(rowField("agreement", i, "due"), MsgDueBeforeMeeting)
			}
			dues[i] = d
		}
	}
	for id, s := range in.Progress {
		if !IsChoice(AgreementStatuses, s) {
			v.Add(rowField("progress", int(id), ""), MsgChoiceInvalid)
		}
	}
	return on, dues, v.Err()
}

// OtherNames returns the free-text attendees, one per line.
func (in *NetworkMeetingInput) OtherNames() []string {
	var out []string
	for _, l := range strings.Split(in.Others, "\n") {
		if l = Clean(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// rowField names a field of a form row, like agreement-2-what; the row's
// number in the form, from 0.
func rowField(row string, i int, name string) string {
	if name == "" {
		return row + "-" + strconv.Itoa(i)
	}
	return row + "-" + strconv.Itoa(i) + "-" + name
}

// AgencyMoment is the number of agencies involved on a day of the
// coordination: the start of phase 5, a network meeting, today.
type AgencyMoment struct {
	Label string
	On    Date
	Count int
}

// CoordinationEvent is one line of the coordination's history.
type CoordinationEvent struct {
	On   Date
	Kind string // fase, terugval, overdracht, netwerkoverleg, gesloten
	Text string
}

// Coordination is a family's coordination of care: the network meetings,
// the agreements still open, the agencies over time and the history.
type Coordination struct {
	Meetings []*NetworkMeeting // newest first
	// Open are the agreements of earlier meetings that are not finished,
	// for the next meeting to give their progress.
	Open []*NetworkAgreement
	// Agencies is the number of agencies involved at each start of phase
	// 5, at each network meeting (as recorded then) and now.
	Agencies []AgencyMoment
	History  []CoordinationEvent // oldest first
	Closings []*FamilyClosing
	CanEdit  bool
	// Disclosure is, for a partner, what its consents cover: only the
	// meetings its organisation attended and its own agreements; the
	// agencies over time, the history and the closing are not shared.
	Disclosure Disclosure
}

// CloseOutcome is how the coordination of care ended: one of a fixed
// list, so the reports can count them.
type CloseOutcome string

// The outcomes of closing a file.
const (
	CloseNetwork   CloseOutcome = "netwerk_neemt_over"
	CloseOnward    CloseOutcome = "doorverwezen"
	CloseWithdrawn CloseOutcome = "gezin_trekt_zich_terug"
	CloseMoved     CloseOutcome = "verhuisd"
	CloseOther     CloseOutcome = "anders"
)

// CloseOutcomes lists the outcomes with their Dutch labels.
var CloseOutcomes = []Choice[CloseOutcome]{
	{CloseNetwork, "Het netwerk heeft de zorg overgenomen"},
	{CloseOnward, "Doorverwezen naar langdurige hulp"},
	{CloseWithdrawn, "Het gezin trekt zich terug"},
	{CloseMoved, "Verhuisd"},
	{CloseOther, "Anders"},
}

// Label returns the Dutch label.
func (o CloseOutcome) Label() string { return LabelOf(CloseOutcomes, o) }

// CloseInput closes a family's file with a reason and an outcome; an
// onward referral to long-term help names the organisation and why.
type CloseInput struct {
	Reason       string
	Outcome      CloseOutcome
	OnwardOrgID  int64
	OnwardReason string
}

// Validate checks the input.
func (in *CloseInput) Validate() error {
	in.Reason, in.OnwardReason = Clean(in.Reason), Clean(in.OnwardReason)
	var v Validation
	v.Required("close_reason", in.Reason)
	v.MaxLen("close_reason", in.Reason, 2000)
	if !IsChoice(CloseOutcomes, in.Outcome) {
		v.Add("close_outcome", MsgChoiceInvalid)
	}
	if in.Outcome == CloseOnward {
		if in.OnwardOrgID == 0 {
			v.Add("onward_org", MsgRequired)
		}
		v.Required("onward_reason", in.OnwardReason)
	} else if in.OnwardOrgID != 0 || in.OnwardReason != "" {
		v.Add("onward_org", MsgOnwardOnlyWithOutcome)
	}
	v.MaxLen("onward_reason", in.OnwardReason, 2000)
	return v.Err()
}

// FamilyClosing is one closing of the file with its outcome, and the
// onward referral when the family went on to long-term help.
type FamilyClosing struct {
	ID            int64
	ClosedOn      Date
	Outcome       CloseOutcome
	Reason        string
	OnwardOrgID   int64
	OnwardOrgName string
	OnwardReason  string
	CreatedByName string
}

// ReferralJourney is what the referrer of an accepted referral hears of the
// family's journey: that the intensive phase ended, that the warm handover
// was made and that their commitment was confirmed — days only, no content.
type ReferralJourney struct {
	IntensiveEndedOn Date
	HandedOverOn     Date
	CommitmentOn     Date
	ClosedOn         Date
}

// AgenciesOn counts the distinct agencies involved with the family on day
// d: a trajectory on the waiting list, running or ended whose period holds
// d (the same periods CountAgencies counts per month).
func (ts *Trajectories) AgenciesOn(d Date) int {
	set := map[int64]bool{}
	for _, t := range ts.List {
		from := t.involvedFrom()
		if from.IsZero() || from.After(d) {
			continue
		}
		if !t.EndedOn.IsZero() && t.EndedOn.Before(d) {
			continue
		}
		set[t.OrgID] = true
	}
	return len(set)
}

// CoordinationService records the handover, the network meetings and the
// closing of the coordination. Every method decides access through the
// policy and audits in the same transaction; a denial is audited and
// returns ENOTFOUND.
type CoordinationService interface {
	// The family's informal network, whose persons own agreements and
	// attend the meetings.
	NetworkPersonService
	// FindHandovers returns the family's handovers and the referrer's
	// commitment. ENOTFOUND.
	FindHandovers(ctx context.Context, familyID int64) (*Handovers, error)
	// AddHandover records a warm handover. EINVALID, ENOTFOUND.
	AddHandover(ctx context.Context, familyID int64, in HandoverInput) (*Handover, error)
	// ConfirmCommitment checks off the referring organisation's commitment.
	// EINVALID, ENOTFOUND.
	ConfirmCommitment(ctx context.Context, familyID int64, in CommitmentInput) error
	// ExportHandoverLetter returns the letter's content for the receiving
	// organisation, audited as an export. ENOTFOUND.
	ExportHandoverLetter(ctx context.Context, familyID, handoverID int64) (*HandoverLetter, error)
	// FindCoordination returns the network meetings, the agencies over
	// time and the history. ENOTFOUND.
	FindCoordination(ctx context.Context, familyID int64) (*Coordination, error)
	// FindNetworkMeeting returns one meeting. ENOTFOUND.
	FindNetworkMeeting(ctx context.Context, familyID, id int64) (*NetworkMeeting, error)
	// AddNetworkMeeting records a meeting and the progress of earlier
	// agreements. EINVALID, ENOTFOUND.
	AddNetworkMeeting(ctx context.Context, familyID int64, in NetworkMeetingInput) (*NetworkMeeting, error)
	// CloseCoordination closes the file with a reason and an outcome (and
	// an onward referral), as CloseFamily does. EINVALID, ENOTFOUND.
	CloseCoordination(ctx context.Context, familyID int64, in CloseInput) error
}
