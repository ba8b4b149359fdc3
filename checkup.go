package regie

import (
	"context"
	"time"
)

// Check-ups after closing (seed 003, bijlage 2): "Op het moment dat de
// zorgcoördinatie stopt wordt door middel van check-up met contacten in
// het netwerk gemonitord hoe de samenwerking verloopt en hoe het gezin het
// doet." The moments are norms (Norms.CheckupMonths: by default 3, 6 and
// 12 months after the file was closed); a worrying check-up starts a new
// referral for the team meeting.

// CheckupAssessment is how the one who held a check-up judges it.
type CheckupAssessment string

// The assessments of a check-up.
const (
	CheckupGood     CheckupAssessment = "goed"
	CheckupConcerns CheckupAssessment = "zorgen"
	CheckupSerious  CheckupAssessment = "ernstige_zorgen"
)

// CheckupAssessments lists the assessments with their Dutch labels.
var CheckupAssessments = []Choice[CheckupAssessment]{
	{CheckupGood, "Goed"},
	{CheckupConcerns, "Zorgen"},
	{CheckupSerious, "Ernstige zorgen"},
}

// Label returns the Dutch label.
func (a CheckupAssessment) Label() string { return LabelOf(CheckupAssessments, a) }

// Worrying reports whether the check-up gives cause for a new referral to
// the team meeting.
func (a CheckupAssessment) Worrying() bool { return a == CheckupConcerns || a == CheckupSerious }

// CheckupPartyKind says who was spoken to at a check-up.
type CheckupPartyKind string

// The kinds of people spoken to.
const (
	PartyMember       CheckupPartyKind = "gezinslid"   // a member of the family
	PartyOrganisation CheckupPartyKind = "organisatie" // someone of an organisation of the social map
	PartyOther        CheckupPartyKind = "anders"      // anyone else, as typed
)

// CheckupParty is one person (or organisation) spoken to at a check-up.
type CheckupParty struct {
	Kind     CheckupPartyKind
	MemberID int64  // PartyMember
	OrgID    int64  // PartyOrganisation
	Name     string // the member's name, the contact at the organisation, or the free text
	OrgName  string
}

// Checkup is one check-up after the file was closed.
type Checkup struct {
	ID          int64
	FamilyID    int64
	HeldOn      Date
	Parties     []CheckupParty
	Family      string // how the family is doing
	Cooperation string // how the cooperation in the network is going
	Assessment  CheckupAssessment
	// ReferralID is the new referral the check-up started, 0 when none.
	ReferralID    int64
	HouseholdName string // on the team agenda
	CreatedBy     int64
	CreatedByName string
	CreatedAt     time.Time
}

// CheckupInput is a check-up as typed.
type CheckupInput struct {
	HeldOn      string
	MemberIDs   []int64
	Orgs        []CheckupParty // OrgID and the contact's Name; rows without an organisation are ignored
	Others      string         // anyone else spoken to, free text
	Family      string
	Cooperation string
	Assessment  CheckupAssessment
}

// Normalize cleans the input in place.
func (in *CheckupInput) Normalize() {
	in.HeldOn, in.Others, in.Family, in.Cooperation = Clean(in.HeldOn), Clean(in.Others), Clean(in.Family), Clean(in.Cooperation)
	var orgs []CheckupParty
	for _, o := range in.Orgs {
		o.Name = Clean(o.Name)
		if o.OrgID != 0 {
			orgs = append(orgs, o)
		}
	}
	in.Orgs = orgs
}

// Validate checks a check-up against the day the file was closed and
// today: it is held after the closing, not in the future, with someone,
// and says how the family and the cooperation are doing.
func (in *CheckupInput) Validate(closedOn, today Date) (Date, error) {
	var v Validation
	var held Date
	if v.Required("checkup_on", in.HeldOn) {
		d, err := ParseDate(in.HeldOn)
		switch {
		case err != nil:
			v.Add("checkup_on", MsgDateInvalid)
		case d.After(today):
			v.Add("checkup_on", MsgDateInFuture)
		case !closedOn.IsZero() && d.Before(closedOn):
			v.Add("checkup_on", MsgCheckupBeforeClosing, closedOn.Dutch())
		default:
			held = d
		}
	}
	if len(in.MemberIDs) == 0 && len(in.Orgs) == 0 && in.Others == "" {
		v.Add("spoken_with", MsgCheckupSpokenWith)
	}
	v.MaxLen("other_people", in.Others, 500)
	for _, o := range in.Orgs {
		v.MaxLen("orgs", o.Name, 200)
	}
	v.Required("family_doing", in.Family)
	v.MaxLen("family_doing", in.Family, 4000)
	v.Required("cooperation", in.Cooperation)
	v.MaxLen("cooperation", in.Cooperation, 4000)
	if in.Assessment == "" {
		v.Add("assessment", MsgRequired)
	} else if !IsChoice(CheckupAssessments, in.Assessment) {
		v.Add("assessment", MsgChoiceInvalid)
	}
	return held, v.Err()
}

// NextCheckup returns the check-up due next for a closed file: its moment
// (1 for the first of Norms.CheckupMonths) and its day; ok is false when
// the file is open (a reopened family has none due) or every moment is
// done. Each check-up held since the closing covers one moment, in order;
// a late one also covers the moments that passed before it was held, so
// a missed moment is not due again after the family was seen.
func NextCheckup(f FamilyFacts, n Norms) (moment int, on Date, ok bool) {
	if f.ClosedOn.IsZero() {
		return 0, Date{}, false
	}
	for i := f.CheckupsDone; i < len(n.CheckupMonths); i++ {
		on := f.ClosedOn.AddMonths(n.CheckupMonths[i])
		if f.LastCheckupOn.IsZero() || on.After(f.LastCheckupOn) {
			return i + 1, on, true
		}
	}
	return 0, Date{}, false
}

// CheckupMoment is one of a closed file's check-up moments, for the page
// that lists them.
type CheckupMoment struct {
	Months int
	On     Date
	// Done: a check-up covers it; Next: it is the one due now or next.
	Done bool
	Next bool
}

// CheckupMoments lists the moments of a closed file: which are done and
// which is next, by NextCheckup's rule. None for an open file.
func CheckupMoments(f FamilyFacts, n Norms) []CheckupMoment {
	if f.ClosedOn.IsZero() {
		return nil
	}
	next, _, ok := NextCheckup(f, n)
	out := make([]CheckupMoment, len(n.CheckupMonths))
	for i, m := range n.CheckupMonths {
		out[i] = CheckupMoment{Months: m, On: f.ClosedOn.AddMonths(m), Done: !ok || i+1 < next, Next: ok && i+1 == next}
	}
	return out
}

// Checkups are a family's check-ups with what the page about them needs.
// A closed file is not open to its last coordinator, so the page stands
// on its own: the household's name and members, not the file.
type Checkups struct {
	FamilyID      int64
	HouseholdName string
	ClosedOn      Date // zero while the file is open
	CloseReason   string
	Members       []*Member // the current members, to say who was spoken to
	List          []*Checkup
	Moments       []CheckupMoment
	Can           CheckupPermissions
}

// CheckupPermissions say what the reader may do on the check-up page, as
// the access policy decides.
type CheckupPermissions struct {
	Record bool // record a check-up (and from a worrying one, refer)
	// OpenFamily: the reader may open the family's file (the team
	// leader; not the last coordinator of a closed file).
	OpenFamily bool
	// Referrals: the reader may open the team's referrals.
	Referrals bool
}

// CheckupService records the check-ups after closing.
type CheckupService interface {
	// FindCheckups returns the family's check-ups and moments. Read by
	// those who may read the file, and by the last coordinator of a
	// closed file. ENOTFOUND.
	FindCheckups(ctx context.Context, familyID int64) (*Checkups, error)
	// CreateCheckup records a check-up of a closed file: the team leader
	// of the team or the family's last coordinator. EINVALID, ENOTFOUND.
	CreateCheckup(ctx context.Context, familyID int64, in CheckupInput) (*Checkup, error)
	// ReferFromCheckup starts, from a worrying check-up, a new referral
	// of the family for the team meeting: prefilled from the family and
	// the check-up, linked to the family (the intake decision reopens
	// it) and on the agenda of the next meeting. EINVALID (not worrying,
	// or referred already), ENOTFOUND.
	ReferFromCheckup(ctx context.Context, familyID, checkupID int64) (*Referral, error)
	// FindCheckupsDue returns the closed families whose last coordinator
	// is the actor and whose check-ups are not all done, soonest due
	// first, each audited as a list read.
	FindCheckupsDue(ctx context.Context) ([]*FamilySummary, error)
}

// CheckupReferralText is the signal of a referral a worrying check-up
// started: the check-up's own answers.
func CheckupReferralText(c *Checkup) string {
	return Text(MsgCheckupReferralSignal, c.HeldOn.Dutch(), c.Assessment.Label(), c.Family, c.Cooperation)
}

// CheckupReferralHistory is the help tried of such a referral: the file
// closed before.
func CheckupReferralHistory(familyID int64, closedOn Date, reason string) string {
	return Text(MsgCheckupReferralPast, DossierNumber(familyID), closedOn.Dutch(), reason)
}

// ReferralNumber is the number of the referral the check-up started, ""
// when none.
func (c *Checkup) ReferralNumber() string {
	if c.ReferralID == 0 {
		return ""
	}
	return ReferralNumber(c.ReferralID)
}

// ToRefer returns the newest check-up when it gives cause for a new
// referral that was not made yet, else nil: the page puts its button on
// top.
func (cs *Checkups) ToRefer() *Checkup {
	if len(cs.List) == 0 || !cs.List[0].Assessment.Worrying() || cs.List[0].ReferralID != 0 {
		return nil
	}
	return cs.List[0]
}
