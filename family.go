package regie

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Family (gezin) is one household that receives actief casemanagement: one
// family, one plan, one coordinator. Later parts of the journey (referral,
// phases, plan, consent, contacts) hang off its ID.
type Family struct {
	ID                int64
	HouseholdName     string // "Gezin Jansen", as the team calls the household
	Street            string // street and house number
	Postcode          string
	City              string
	DistrictID        int64
	TeamID            int64
	DutchProficiency  Proficiency
	Languages         string // languages spoken at home
	InterpreterNeeded bool
	CompositionNotes  string // notes on the composition of the household
	CreatedAt         time.Time
	CreatedBy         int64
	ClosedAt          time.Time // zero while the family is in care
	CloseReason       string
	// Version counts the changes of the details; an edit form carries it
	// (FamilyInput.Version). UpdatedAt and UpdatedByName say who changed
	// them last (zero and "" while unchanged since created).
	Version       int
	UpdatedAt     time.Time
	UpdatedByName string

	// Joined for display.
	DistrictName string
	TeamName     string
	Members      []*Member     // all members, current first
	Assignments  []*Assignment // current assignments
	// Phase is the phase the family is in (nil before intake).
	Phase *PhaseTransition
	// Intake is how the family came in: the accepted referral.
	Intake *FamilyIntake
	// SafetyConcerns are the concerns about the children's safety, open
	// ones first.
	SafetyConcerns []*SafetyConcern
	// Summary holds the rolled-up hours, the signals and what is due.
	Summary *FamilySummary
	// RecentContacts are the newest contacts.
	RecentContacts []*Contact
	// Plan, Trajectories and Consents are shown on the family page: the
	// plan without its draft's content. Each is nil when the reader may
	// not see it.
	Plan         *PlanOverview
	Trajectories *Trajectories
	Consents     []*Consent
	// YouthTracks are the youths' own tracks the reader may see the
	// shared part of (SegYouth): one per member with a youth worker or a
	// track, the newest track (ID 0: not started yet), never what the
	// youth told in confidence.
	YouthTracks []*YouthTrack
	// Stagnations are the partners' reports of stagnation (a partner:
	// its own organisation's), newest first, when the reader may see them.
	Stagnations []*Stagnation
	// Rectifications are the requests to correct the family's data
	// (AVG 16) with their outcome, for whoever reads the members.
	Rectifications []*Rectification
	// Disclosure says what of the family the reader is shown; the parts
	// left out are empty and the page says they are not shared.
	Disclosure Disclosure
	// Can says what the actor who read the family may do with it, as the
	// access policy decided when it was read; the UI shows only those
	// actions.
	Can FamilyPermissions
	// YouthCan says, per member with a youth worker, what the actor may
	// do with that youth's own track (YouthPermissionsOf).
	YouthCan map[int64]YouthPermissions
	// Emergency is the actor's own break-glass access that opened the
	// family (the page's banner); nil when the actor reads it otherwise.
	Emergency *EmergencyAccess
	// EmergencyAccesses are the break-glass accesses to the family, for
	// its coordinator, duo partner and team leader; newest first.
	EmergencyAccesses []*EmergencyAccess
}

// FamilyPermissions are the actions on a family the actor may take and the
// parts of its file the actor may open, as the access policy decides them
// from the facts read with the family (policy.FamilyPermissions): the same
// rule the store applies when the action is taken. Pages offer a button, a
// link or a form only when its permission is set.
type FamilyPermissions struct {
	Edit         bool // change the family's details, close the file
	Members      bool // add, change and end members
	Assign       bool // change the coordinator and duo partner, youth workers
	Contacts     bool // record and change contacts
	Safety       bool // record and resolve safety concerns
	Phase        bool // move the phase, tick the checklist, extend
	Plan         bool // start, write and agree plan versions, scores
	Consent      bool // record and withdraw consents
	Trajectories bool // add and update trajectories
	Evaluate     bool // record interim and final evaluations
	Checkup      bool // record a check-up after closing

	ReadContacts     bool // the contacts and hours
	ReadPhase        bool // the phase and its checklist
	ReadPlan         bool // the plan
	ReadConsent      bool // the consents
	ReadTrajectories bool // the trajectories
	ReadEvaluations  bool // the interim and final evaluations
	ReadCheckups     bool // the check-ups after closing
	ReadAssignment   bool // the assignment page
	ExportPlan       bool // the plan as PDF
	ExportConsent    bool // the consent form and the signed papers

	// The warm handover and the coordination of care (network meetings,
	// closing with an outcome).
	ReadHandover   bool
	Handover       bool // record handovers and the referrer's commitment
	ExportHandover bool // the handover letter as PDF
	ReadNetwork    bool
	Network        bool // record network meetings

	// The informal network (people outside the household and outside
	// organisations) and the partners' own work in the family.
	ReadNetworkPersons bool
	NetworkPersons     bool // record and change the informal network
	ReadGenogram       bool // the genogram
	Genogram           bool // record and change the genogram
	ReadAgreements     bool // the progress of the agreements
	Agreements         bool // record the progress of agreements (a partner: its own)
	ReadStagnation     bool // the reports of stagnation
	ReportStagnation   bool // report that the help stagnates (a partner)
	HandleStagnation   bool // mark a report as picked up
	// The sociogram (read, and record moments and ties) and the
	// wrap-around flower, drawn from the trajectories and the informal
	// network.
	ReadSociogram bool
	Sociogram     bool
	Flower        bool
	// ReadCouncils, Councils: read, and plan and record, the family
	// councils (familieberaad).
	ReadCouncils bool
	Councils     bool
	// ReadRectifications: the requests to correct data (AVG 16) shown
	// beside the members they concern.
	ReadRectifications bool
	// The balance model (draagkracht/draaglast).
	ReadBalance bool
	Balance     bool // add moments and factors, tie working lines
}

// RectificationsOf returns the requests to correct data of one member.
func (f *Family) RectificationsOf(memberID int64) []*Rectification {
	var out []*Rectification
	for _, r := range f.Rectifications {
		if r.MemberID == memberID {
			out = append(out, r)
		}
	}
	return out
}

// DossierNumber is the family's reference that contains no personal data,
// for the access log and for those who may not see the name.
func (f *Family) DossierNumber() string { return DossierNumber(f.ID) }

// DossierNumber formats a family id as its dossier number.
func DossierNumber(id int64) string { return fmt.Sprintf("G-%06d", id) }

// Closed reports whether the family's file is closed.
func (f *Family) Closed() bool { return !f.ClosedAt.IsZero() }

// Member returns the member with id, or nil.
func (f *Family) Member(id int64) *Member {
	for _, m := range f.Members {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// CurrentMembers returns the members who still belong to the household.
func (f *Family) CurrentMembers() []*Member {
	var ms []*Member
	for _, m := range f.Members {
		if m.EndedOn.IsZero() {
			ms = append(ms, m)
		}
	}
	return ms
}

// FormerMembers returns the members who have left the household.
func (f *Family) FormerMembers() []*Member {
	var ms []*Member
	for _, m := range f.Members {
		if !m.EndedOn.IsZero() {
			ms = append(ms, m)
		}
	}
	return ms
}

// Acute reports whether an open safety concern is acute: the family then
// comes first in every list and agenda.
func (f *Family) Acute() bool {
	for _, c := range f.SafetyConcerns {
		if c.Open() && c.Severity == SeverityAcute {
			return true
		}
	}
	return false
}

// OpenSafetyConcerns returns the concerns still open.
func (f *Family) OpenSafetyConcerns() []*SafetyConcern {
	var cs []*SafetyConcern
	for _, c := range f.SafetyConcerns {
		if c.Open() {
			cs = append(cs, c)
		}
	}
	return cs
}

// YouthWorkers returns the current youth-worker assignments.
func (f *Family) YouthWorkers() []*Assignment {
	var as []*Assignment
	for _, a := range f.Assignments {
		if a.Kind == AssignYouth {
			as = append(as, a)
		}
	}
	return as
}

// YouthTrackOf returns the youth track of a member the reader sees, or nil.
func (f *Family) YouthTrackOf(memberID int64) *YouthTrack {
	for _, t := range f.YouthTracks {
		if t.MemberID == memberID {
			return t
		}
	}
	return nil
}

// YouthWorkerOf returns the current youth worker of a member, or nil.
func (f *Family) YouthWorkerOf(memberID int64) *Assignment {
	for _, a := range f.Assignments {
		if a.Kind == AssignYouth && a.MemberID == memberID {
			return a
		}
	}
	return nil
}

// FamilyIntake is how a family came in: the referral that was accepted.
type FamilyIntake struct {
	ReferralID         int64
	DecidedAt          time.Time
	DecidedByName      string
	MeetingDate        Date
	OverrideReason     string
	ReferrerName       string
	ReferrerOrgName    string
	IntroducerName     string
	IntroducerFunction string
	IntroducerPhone    string
	IntroducerOrgName  string
	Commitment         Commitment
	CommitmentNotes    string
}

// ReferralNumber formats the referral's reference.
func (i *FamilyIntake) ReferralNumber() string { return ReferralNumber(i.ReferralID) }

// Coordinator returns the current coordinator (regisseur), or nil.
func (f *Family) Coordinator() *Assignment { return f.assignment(AssignCoordinator) }

// Duo returns the current duo partner, or nil.
func (f *Family) Duo() *Assignment { return f.assignment(AssignDuo) }

func (f *Family) assignment(k AssignmentKind) *Assignment {
	for _, a := range f.Assignments {
		if a.Kind == k {
			return a
		}
	}
	return nil
}

// Proficiency is the command of Dutch in the household.
type Proficiency string

// Proficiencies lists the levels of command of Dutch.
var Proficiencies = []Choice[Proficiency]{
	{"goed", "Goed"},
	{"redelijk", "Redelijk"},
	{"matig", "Matig"},
	{"geen", "Spreekt geen Nederlands"},
	{"onbekend", "Nog onbekend"},
}

// Label returns the Dutch label.
func (p Proficiency) Label() string { return LabelOf(Proficiencies, p) }

// FamilyInput is what a person types to create or edit a family.
type FamilyInput struct {
	HouseholdName     string
	Street            string
	Postcode          string
	City              string
	DistrictID        int64
	DutchProficiency  Proficiency
	Languages         string
	InterpreterNeeded bool
	CompositionNotes  string
	// Version is, for an edit, the family's Version when the form was
	// read: the store refuses the save (ESTALE) when it changed since.
	Version int
}

var postcodeRE = regexp.MustCompile(`^[1-9][0-9]{3} ?[A-Za-z]{2}$`)

// Normalize cleans the input in place: trims text and writes the postcode
// as 1234 AB.
func (in *FamilyInput) Normalize() {
	in.HouseholdName = Clean(in.HouseholdName)
	in.Street = Clean(in.Street)
	in.City = Clean(in.City)
	in.Languages = Clean(in.Languages)
	in.CompositionNotes = Clean(in.CompositionNotes)
	pc := strings.ToUpper(strings.ReplaceAll(Clean(in.Postcode), " ", ""))
	if len(pc) == 6 {
		pc = pc[:4] + " " + pc[4:]
	}
	in.Postcode = pc
}

// Validate checks the input; whether the district belongs to the team is
// checked by the store, which knows the districts.
func (in *FamilyInput) Validate() error {
	var v Validation
	v.Required("household_name", in.HouseholdName)
	v.MaxLen("household_name", in.HouseholdName, 200)
	v.MaxLen("street", in.Street, 200)
	v.MaxLen("city", in.City, 100)
	if in.Postcode != "" && !postcodeRE.MatchString(in.Postcode) {
		v.Add("postcode", MsgPostcodeInvalid)
	}
	if in.DistrictID == 0 {
		v.Add("district", MsgRequired)
	}
	if !IsChoice(Proficiencies, in.DutchProficiency) {
		v.Add("dutch_proficiency", MsgChoiceInvalid)
	}
	v.MaxLen("languages", in.Languages, 200)
	v.MaxLen("composition_notes", in.CompositionNotes, 4000)
	return v.Err()
}

// Member (gezinslid) is a person in the household.
type Member struct {
	ID         int64
	FamilyID   int64
	GivenName  string
	FamilyName string
	BirthDate  Date
	Relation   Relation
	BSN        string // optional; validated with the 11-check
	StartedOn  Date   // joined the household (or the file)
	EndedOn    Date   // left the household; zero while current
	EndReason  string
}

// Name returns the member's full name.
func (m *Member) Name() string { return strings.TrimSpace(m.GivenName + " " + m.FamilyName) }

// AgeOn returns the member's age in whole years on date d.
func (m *Member) AgeOn(d Date) int { return m.BirthDate.YearsOn(d) }

// Relation is a member's role in the family.
type Relation string

// Relations lists the roles in the family.
var Relations = []Choice[Relation]{
	{"ouder", "Ouder"},
	{"verzorger", "Verzorger"},
	{"kind", "Kind"},
	{"overig", "Ander lid van het huishouden"},
}

// Label returns the Dutch label.
func (r Relation) Label() string { return LabelOf(Relations, r) }

// MemberInput is what a person types to add or edit a member.
type MemberInput struct {
	GivenName  string
	FamilyName string
	BirthDate  string // as typed; parsed by Validate
	Relation   Relation
	BSN        string
}

// Normalize cleans the input in place.
func (in *MemberInput) Normalize() {
	in.GivenName = Clean(in.GivenName)
	in.FamilyName = Clean(in.FamilyName)
	in.BirthDate = Clean(in.BirthDate)
	in.BSN = strings.NewReplacer(" ", "", ".", "", "-", "").Replace(Clean(in.BSN))
}

// Validate checks the input against today and returns the parsed birth date.
func (in *MemberInput) Validate(today Date) (Date, error) {
	var v Validation
	v.Required("given_name", in.GivenName)
	v.MaxLen("given_name", in.GivenName, 100)
	v.Required("family_name", in.FamilyName)
	v.MaxLen("family_name", in.FamilyName, 100)
	birth := v.PastDate("birth_date", in.BirthDate, today, true)
	if !IsChoice(Relations, in.Relation) {
		v.Add("relation", MsgChoiceInvalid)
	}
	if in.BSN != "" && !ValidBSN(in.BSN) {
		v.Add("bsn", MsgBSNInvalid)
	}
	return birth, v.Err()
}

// PastDate parses a date that cannot lie in the future nor before 1900.
// It adds the right message to field and returns the zero Date on failure.
func (v *Validation) PastDate(field, value string, today Date, required bool) Date {
	if value == "" {
		if required {
			v.Add(field, MsgRequired)
		}
		return Date{}
	}
	d, err := ParseDate(value)
	switch {
	case err != nil:
		v.Add(field, MsgDateInvalid)
	case d.After(today):
		v.Add(field, MsgDateInFuture)
	case d.Before(NewDate(1900, 1, 1)):
		v.Add(field, MsgDateTooOld)
	default:
		return d
	}
	return Date{}
}

// MemberEnd records that a member left the household.
type MemberEnd struct {
	EndedOn string // as typed
	Reason  string
}

// ValidBSN reports whether s is a burgerservicenummer: nine digits that pass
// the 11-check (9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11, and not 0).
func ValidBSN(s string) bool {
	if len(s) != 9 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		w := 9 - i
		if i == 8 {
			w = -1
		}
		sum += w * int(c-'0')
	}
	return sum != 0 && sum%11 == 0
}

// SearchedBSN returns the BSN a search word is, written with or without
// dots and dashes ("1112.22.333"), and false when it is none.
func SearchedBSN(word string) (string, bool) {
	bsn := strings.NewReplacer(".", "", "-", "").Replace(word)
	return bsn, ValidBSN(bsn)
}

// AssignmentKind is the role a worker has for a family.
type AssignmentKind string

// The kinds of assignment. A family has one coordinator and at most one duo
// partner at a time; a youth worker is assigned for one member aged 12–24.
const (
	AssignCoordinator AssignmentKind = "regisseur"
	AssignDuo         AssignmentKind = "duo"
	AssignYouth       AssignmentKind = "jeugd"
)

// AssignmentKinds lists the kinds with their Dutch labels.
var AssignmentKinds = []Choice[AssignmentKind]{
	{AssignCoordinator, "Vaste regisseur"},
	{AssignDuo, "Duo-partner"},
	{AssignYouth, "Jeugdhulpverlener"},
}

// Label returns the Dutch label.
func (k AssignmentKind) Label() string { return LabelOf(AssignmentKinds, k) }

// Assignment is a worker's assignment to a family, kept with its history.
type Assignment struct {
	ID         int64
	FamilyID   int64
	UserID     int64
	Kind       AssignmentKind
	MemberID   int64 // for a youth worker: the member they work with
	StartedOn  Date
	EndedOn    Date // zero while current
	AssignedBy int64
	CreatedAt  time.Time

	UserName  string // joined for display
	UserPhone string // joined for display: the number at work, may be empty
}

// AssignInput sets a family's coordinator and optional duo partner.
type AssignInput struct {
	CoordinatorID int64
	DuoID         int64 // 0: no duo partner
	// Confirmed acknowledges the warnings: a new coordinator above the
	// caseload norm, or one who does not work in the family's district.
	Confirmed bool
}

// Validate checks the shape of the input; that both are casemanagers of the
// family's team is checked by the store.
func (in *AssignInput) Validate() error {
	var v Validation
	if in.CoordinatorID == 0 {
		v.Add("coordinator", MsgCoordinatorNeeded)
	}
	if in.DuoID != 0 && in.DuoID == in.CoordinatorID {
		v.Add("duo", MsgDuoSameAsPrimary)
	}
	return v.Err()
}

// FamilyScope says which families a list shows.
type FamilyScope string

// The list scopes.
const (
	ScopeMine FamilyScope = "mijn" // families assigned to the actor
	ScopeTeam FamilyScope = "team" // all families of the actor's team
	// ScopePartner is a partner's list: the families whose consent, valid
	// today, names the partner's organisation.
	ScopePartner FamilyScope = "partner"
	// ScopeAccessLog is the privacy officer's search for a family whose
	// access log to open; it needs a name (see NamesSomeone).
	ScopeAccessLog FamilyScope = "toegangslog"
)

// NamesSomeone reports whether search terms name someone: at least one
// word of two letters or more, or a whole valid BSN (found through its
// keyed index, never by a part of it). The privacy officer may search every
// family by name, but not browse them: one letter, or initials only, would
// list nearly all.
func NamesSomeone(q string) bool {
	for _, word := range strings.Fields(q) {
		if _, ok := SearchedBSN(word); ok {
			return true
		}
		letters := 0
		for _, r := range word {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			return true
		}
	}
	return false
}

// FamilyFilter selects families for a list or search.
type FamilyFilter struct {
	Scope  FamilyScope
	Query  string // a name of the household or of a member
	Closed bool   // include closed families
	Sort   FamilySort
	Limit  int
	Offset int
}

// ListWith says what a page of a family list shows beside the families.
type ListWith struct {
	Checkups    bool // the check-ups due after closing (FindCheckupsDue)
	Emergencies bool // the unseen emergency accesses (UnseenEmergencyAccesses)
}

// FamilyList is a page of "Mijn gezinnen" or "Gezinnen van het team".
type FamilyList struct {
	Families    []*FamilySummary
	Total       int   // of the whole list, not only this page
	Norms       Norms // the norms the signals were computed with
	Checkups    []*FamilySummary
	Emergencies []*EmergencyAccess
}

// FamilySummary is one row of a family list: "Mijn gezinnen", the team's
// families, the team meeting's agenda.
type FamilySummary struct {
	ID            int64
	Acute         bool  // an open, acute safety concern
	Phase         Phase // 0 before intake
	Facts         FamilyFacts
	MinutesMonth  int // this calendar month
	Signals       []Signal
	Due           Due
	HouseholdName string
	// SortKey is SortName(HouseholdName), as the store keeps it beside
	// the name; empty where a list did not read it.
	SortKey      string
	DistrictName string
	MemberCount  int
	Coordinator  string
	Duo          string
	CreatedAt    time.Time
	ClosedAt     time.Time
}

// DossierNumber formats the family's reference.
func (s *FamilySummary) DossierNumber() string { return DossierNumber(s.ID) }

// Alerts counts the signals that need action now.
func (s *FamilySummary) Alerts() int {
	n := 0
	for _, sig := range s.Signals {
		if sig.Alert {
			n++
		}
	}
	return n
}

// WeeksInPhase returns the whole weeks since the phase started.
func (s *FamilySummary) WeeksInPhase(today Date) int {
	if s.Facts.PhaseStartedOn.IsZero() {
		return 0
	}
	return s.Facts.PhaseStartedOn.DaysUntil(today) / 7
}

// FamilySort is the order of a family list.
type FamilySort string

// The orders of a family list.
var FamilySorts = []Choice[FamilySort]{
	{"signalen", "Signalen"},
	{"naam", "Naam"},
	{"fase", "Fase"},
	{"contact", "Laatste contact"},
	{"uren", "Uren deze maand"},
}

// AssignmentRow is one family in the administrator's assignment overview:
// no names, no addresses, only what is needed to fix an assignment.
type AssignmentRow struct {
	FamilyID int64
	// HouseholdName is empty when the actor sees the family only by its
	// dossier number (the functional administrator).
	HouseholdName string
	TeamName      string
	DistrictName  string
	Coordinator   string
	Duo           string
}

// DossierNumber formats the family's reference.
func (r *AssignmentRow) DossierNumber() string { return DossierNumber(r.FamilyID) }

// FamilyAssignments is the assignment view of one family: its team and
// district, and its assignments, current and ended, newest first.
type FamilyAssignments struct {
	FamilyID int64
	// HouseholdName is empty when the actor sees the family only by its
	// dossier number (the functional administrator).
	HouseholdName string
	TeamID        int64
	TeamName      string
	DistrictName  string
	Closed        bool
	History       []*Assignment
	// Can says whether the actor may change the assignment (Assign) and
	// open the family itself (Read).
	Can struct{ Assign, Read bool }
}

// DossierNumber formats the family's reference.
func (fa *FamilyAssignments) DossierNumber() string { return DossierNumber(fa.FamilyID) }

// Current returns the current assignment of kind k, or nil.
func (fa *FamilyAssignments) Current(k AssignmentKind) *Assignment {
	for _, a := range fa.History {
		if a.Kind == k && a.EndedOn.IsZero() {
			return a
		}
	}
	return nil
}

// Caseload is a worker's load, shown when choosing whom to assign.
type Caseload struct {
	UserID   int64
	Name     string
	Role     Role
	District string // the districts the worker works in
	// InDistrict: the worker works in the family's district.
	InDistrict bool
	// Current is the number of families (or youths) assigned now.
	Current int
	// StartedThisYear is the number started in the last twelve months,
	// which the norm ("about 6 a year") counts.
	StartedThisYear int
	Norm            int
}

// Over reports whether one more would exceed the norm.
func (c *Caseload) Over() bool { return c.StartedThisYear+1 > c.Norm }

// FamilyService reads and changes families. Every method decides access
// through the one access policy with the actor from ctx, and writes its
// audit row in the same transaction as the data; a denied attempt is
// audited too and returns ENOTFOUND (so the record's existence is not
// revealed) or EFORBIDDEN (for actions without a record, like creating).
type FamilyService interface {
	WorklistService
	// FindFamilyByID returns the family with members and current
	// assignments. ENOTFOUND if missing or not allowed.
	FindFamilyByID(ctx context.Context, id int64) (*Family, error)
	// FindFamilies lists the families in the filter's scope that the actor
	// may see, with the total count. Searching is audited with its terms.
	FindFamilies(ctx context.Context, f FamilyFilter) ([]*FamilySummary, int, error)
	// FindFamilyList is FindFamilies for a page of a family list, with
	// what ListWith asks for beside it, read in one transaction.
	FindFamilyList(ctx context.Context, f FamilyFilter, with ListWith) (*FamilyList, error)
	// CreateFamily creates a family in the actor's team. EINVALID, EFORBIDDEN.
	CreateFamily(ctx context.Context, in FamilyInput) (*Family, error)
	// UpdateFamily changes the family's details, from the version
	// in.Version. EINVALID, ESTALE, ENOTFOUND.
	UpdateFamily(ctx context.Context, id int64, in FamilyInput) error
	// AddMember adds a member. EINVALID, ENOTFOUND.
	AddMember(ctx context.Context, familyID int64, in MemberInput) (*Member, error)
	// UpdateMember changes a member. EINVALID, ENOTFOUND.
	UpdateMember(ctx context.Context, familyID, memberID int64, in MemberInput) error
	// EndMember records that a member left the household. EINVALID, ENOTFOUND.
	EndMember(ctx context.Context, familyID, memberID int64, in MemberEnd) error
	// AssignFamily sets the coordinator and duo partner; previous
	// assignments end today and stay in the history. EINVALID, ENOTFOUND.
	AssignFamily(ctx context.Context, familyID int64, in AssignInput) error
	// FindAssignmentRows lists the families of the teams the actor manages
	// by dossier number, for the administrator. EFORBIDDEN.
	FindAssignmentRows(ctx context.Context) ([]*AssignmentRow, error)
	// CloseFamily closes the family's file (the coordination of care has
	// ended, or the family moved away): current assignments end today.
	// A later accepted referral reopens it. It records no outcome; the
	// pages close through CoordinationService.CloseCoordination, which
	// does the same with an outcome. EINVALID, ENOTFOUND.
	CloseFamily(ctx context.Context, familyID int64, reason string) error
	// AddSafetyConcern records a concern about a child's safety (or the
	// family's). EINVALID, ENOTFOUND.
	AddSafetyConcern(ctx context.Context, familyID int64, in SafetyInput) error
	// ResolveSafetyConcern closes a concern with a note; it stays visible
	// in the history. EINVALID, ENOTFOUND.
	ResolveSafetyConcern(ctx context.Context, familyID, concernID int64, note string) error
	// AssignYouthWorker assigns a youth worker of the team to a member aged
	// 12–24 (userID 0 ends the current one). Above the caseload norm it
	// needs confirmed. EINVALID, ENOTFOUND.
	AssignYouthWorker(ctx context.Context, familyID, memberID, userID int64, confirmed bool) error
	// FindCaseloads returns the workers of the family's team with their
	// caseload against the norm, for choosing whom to assign. ENOTFOUND.
	FindCaseloads(ctx context.Context, familyID int64) ([]*Caseload, error)
	// FindFamilyAssignments returns who works with the family now and
	// before, without the family's personal data (the administrator may
	// read it). ENOTFOUND.
	FindFamilyAssignments(ctx context.Context, familyID int64) (*FamilyAssignments, error)
}

// ParseDossierNumber reads a dossier number as typed ("G-000123",
// "g123", "123") back into the family id; ok=false when it is none.
func ParseDossierNumber(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "G"), "g")
	s = strings.TrimPrefix(strings.TrimSpace(s), "-")
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}
