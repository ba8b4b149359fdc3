package regie

import (
	"context"
	"fmt"
	"time"
)

// A referral (aanmelding) is how a family comes to the team: a professional
// of the external care structure refers it — a family cannot refer itself
// (seed 003 §1.2, §2). The team leader puts it on the weekly team meeting,
// which decides on intake.

// ReferralStatus is where a referral stands, as the referrer also sees it.
type ReferralStatus string

// The statuses of a referral.
const (
	ReferralReceived  ReferralStatus = "ontvangen"
	ReferralOnAgenda  ReferralStatus = "agenda"
	ReferralAccepted  ReferralStatus = "geaccepteerd"
	ReferralPortfolio ReferralStatus = "portefeuille"
	ReferralWaiting   ReferralStatus = "wachtlijst"
	ReferralDeclined  ReferralStatus = "afgewezen"
)

// ReferralStatuses lists the statuses with their Dutch labels.
var ReferralStatuses = []Choice[ReferralStatus]{
	{ReferralReceived, "Ontvangen"},
	{ReferralOnAgenda, "Op de agenda van het teamoverleg"},
	{ReferralAccepted, "Geaccepteerd"},
	{ReferralPortfolio, "In portefeuille"},
	{ReferralWaiting, "Op de wachtlijst"},
	{ReferralDeclined, "Afgewezen"},
}

// Label returns the Dutch label.
func (s ReferralStatus) Label() string { return LabelOf(ReferralStatuses, s) }

// Open reports whether the referral still awaits an intake decision.
func (s ReferralStatus) Open() bool { return s == ReferralReceived || s == ReferralOnAgenda }

// Final reports whether the intake is over: an accepted referral is the
// family's file now, and is no longer scheduled, decided or prioritised.
func (s ReferralStatus) Final() bool { return s == ReferralAccepted }

// ReceivedVia says how a referral reached the team.
type ReceivedVia string

// The ways a referral arrives.
var ReceivedVias = []Choice[ReceivedVia]{
	{"portaal", "Via regie door de aanmelder"},
	{"telefoon", "Telefonisch"},
	{"mail", "Per e-mail of post"},
	{"overleg", "In een casusoverleg"},
}

// Label returns the Dutch label.
func (v ReceivedVia) Label() string { return LabelOf(ReceivedVias, v) }

// ProblemDuration is how long the problems have lasted.
type ProblemDuration string

// ProblemDurations lists the answers.
var ProblemDurations = []Choice[ProblemDuration]{
	{"kort", "Korter dan een jaar"},
	{"jaren", "Eén tot drie jaar"},
	{"lang", "Langer dan drie jaar"},
	{"generaties", "Al generaties"},
	{"onbekend", "Onbekend"},
}

// Label returns the Dutch label.
func (d ProblemDuration) Label() string { return LabelOf(ProblemDurations, d) }

// Commitment is whether the introducing organisation commits to resume
// low-threshold care after the intensive phase (seed 003 §2.3): a condition
// for the team to step in.
type Commitment string

// Commitments lists the answers.
var Commitments = []Choice[Commitment]{
	{"ja", "Ja, de organisatie staat na de intensieve fase weer klaar voor het gezin"},
	{"nee", "Nee"},
	{"onbekend", "Nog niet afgesproken"},
}

// Label returns the Dutch label.
func (c Commitment) Label() string { return LabelOf(Commitments, c) }

// SafetyLevel is the safety check every referral gets: basic care and the
// safety of the children (DOMAIN.md §4a).
type SafetyLevel string

// The levels of the safety check.
const (
	SafetyUnknown SafetyLevel = "onbekend"
	SafetyNone    SafetyLevel = "geen_zorgen"
	SafetyWorried SafetyLevel = "zorgen"
	SafetyAcute   SafetyLevel = "acuut"
)

// SafetyLevels lists the levels with their Dutch labels.
var SafetyLevels = []Choice[SafetyLevel]{
	{SafetyNone, "Geen zorgen over basiszorg en veiligheid van de kinderen"},
	{SafetyWorried, "Zorgen over basiszorg of veiligheid, geen acuut gevaar"},
	{SafetyAcute, "Acuut onveilig: direct starten"},
	{SafetyUnknown, "Nog niet te beoordelen"},
}

// Label returns the Dutch label.
func (l SafetyLevel) Label() string { return LabelOf(SafetyLevels, l) }

// Referral is a referral with everything the referrer told.
type Referral struct {
	ID       int64
	TeamID   int64
	TeamName string
	Status   ReferralStatus

	// Who referred.
	ReferrerUserID   int64 // the referrer's account; 0 when staff entered it for them
	ReferrerOrgID    int64
	ReferrerOrgName  string
	ReferrerName     string
	ReferrerFunction string
	ReferrerPhone    string
	ReferrerEmail    string
	EnteredBy        int64
	EnteredByName    string
	ReceivedVia      ReceivedVia

	// The family.
	HouseholdName    string
	Street           string
	Postcode         string
	City             string
	DistrictID       int64
	DistrictName     string
	DutchProficiency Proficiency
	Languages        string
	Members          []*ReferralMember
	Signals          []DomainSignal // per life domain, in the order of Domains
	ProblemDuration  ProblemDuration
	HelpTried        string

	// The introducer: the professional closest to the family, who brings
	// the casemanager in.
	IntroducerName     string
	IntroducerFunction string
	IntroducerPhone    string
	IntroducerOrgID    int64
	IntroducerOrgName  string
	Commitment         Commitment
	CommitmentNotes    string

	Safety      SafetyLevel
	SafetyNotes string

	FamilyID    int64 // the family it was linked to or created as
	MeetingID   int64 // the team meeting it is on
	MeetingDate Date
	CreatedAt   time.Time

	// Decisions are newest first; the first is the one in force.
	Decisions []*IntakeDecision
	Priority  *Priority // nil when not on the priority list

	// Can says what the actor who read the referral may do with it, as the
	// access policy decided when it was read.
	Can ReferralPermissions
	// Journey is what the referral's reader hears of the family's journey
	// (Can.Journey); nil otherwise or before the family existed.
	Journey *ReferralJourney
}

// ReferralPermissions are the actions on a referral the actor may take.
type ReferralPermissions struct {
	// Team is the team's view (safety, duplicates, the decisions' notes);
	// without it the actor sees what a referrer sent and the answer.
	Team     bool
	Decide   bool // record the intake decision
	Schedule bool // put it on the team meeting's agenda
	Priority bool // the priority list and its openings
	// OpenFamily: the actor may open the family it was linked to.
	OpenFamily bool
	// Journey: the actor hears how the family's journey went — the end of
	// the intensive phase, the handover — by day, without content.
	Journey bool
}

// Number is the referral's reference, without personal data.
func (r *Referral) Number() string { return ReferralNumber(r.ID) }

// ReferralNumber formats a referral id.
func ReferralNumber(id int64) string { return fmt.Sprintf("A-%06d", id) }

// Decision returns the decision in force, or nil.
func (r *Referral) Decision() *IntakeDecision {
	if len(r.Decisions) == 0 {
		return nil
	}
	return r.Decisions[0]
}

// Acute reports whether the safety check found acute unsafety.
func (r *Referral) Acute() bool { return r.Safety == SafetyAcute }

// ReferralMember is a member of the family as the referrer named them.
type ReferralMember struct {
	ID         int64
	GivenName  string
	FamilyName string
	BirthDate  Date
	Relation   Relation
}

// Name returns the full name.
func (m *ReferralMember) Name() string { return m.GivenName + " " + m.FamilyName }

// DomainSignal is what the referrer saw on one life domain.
type DomainSignal struct {
	Domain Domain
	Text   string
}

// ReferralInput is what a referrer (or staff on their behalf) types.
type ReferralInput struct {
	// Only when staff enter a referral received by phone or mail.
	ReferrerOrgID    int64
	ReferrerName     string
	ReceivedVia      ReceivedVia
	ReferrerFunction string
	ReferrerPhone    string
	ReferrerEmail    string

	HouseholdName    string
	Street           string
	Postcode         string
	City             string
	DistrictID       int64
	DutchProficiency Proficiency
	Languages        string
	Members          []MemberInput // rows left empty are ignored
	Signals          map[Domain]string
	ProblemDuration  ProblemDuration
	HelpTried        string

	IntroducerName     string
	IntroducerFunction string
	IntroducerPhone    string
	IntroducerOrgID    int64
	Commitment         Commitment
	CommitmentNotes    string

	Safety      SafetyLevel
	SafetyNotes string
}

// Normalize cleans the input in place and drops member rows left empty.
func (in *ReferralInput) Normalize() {
	for _, s := range []*string{&in.ReferrerName, &in.ReferrerFunction, &in.ReferrerPhone, &in.HouseholdName, &in.Street,
		&in.City, &in.Languages, &in.HelpTried, &in.IntroducerName, &in.IntroducerFunction, &in.IntroducerPhone,
		&in.CommitmentNotes, &in.SafetyNotes} {
		*s = Clean(*s)
	}
	in.ReferrerEmail = NormalizeEmail(in.ReferrerEmail)
	fam := FamilyInput{Postcode: in.Postcode}
	fam.Normalize()
	in.Postcode = fam.Postcode
	var ms []MemberInput
	for _, m := range in.Members {
		m.Normalize()
		if m.GivenName != "" || m.FamilyName != "" || m.BirthDate != "" {
			ms = append(ms, m)
		}
	}
	in.Members = ms
	for d, t := range in.Signals {
		in.Signals[d] = Clean(t)
		if in.Signals[d] == "" {
			delete(in.Signals, d)
		}
	}
}

// Validate checks the input; onBehalf is set when staff enter it for a
// referrer. It returns the members' birth dates, parsed. Field names of
// member rows are member-N-field, counting from 0 over the rows typed.
func (in *ReferralInput) Validate(today Date, onBehalf bool) ([]Date, error) {
	var v Validation
	if onBehalf {
		if in.ReferrerOrgID == 0 {
			v.Add("referrer_org", MsgRequired)
		}
		v.Required("referrer_name", in.ReferrerName)
		if !IsChoice(ReceivedVias, in.ReceivedVia) {
			v.Add("received_via", MsgChoiceInvalid)
		}
	}
	v.MaxLen("referrer_function", in.ReferrerFunction, 200)
	v.Required("referrer_phone", in.ReferrerPhone)
	v.MaxLen("referrer_phone", in.ReferrerPhone, 50)
	if in.ReferrerEmail != "" {
		v.Email("referrer_email", in.ReferrerEmail)
	}
	v.Required("household_name", in.HouseholdName)
	v.MaxLen("household_name", in.HouseholdName, 200)
	v.MaxLen("street", in.Street, 200)
	if in.Postcode != "" && !postcodeRE.MatchString(in.Postcode) {
		v.Add("postcode", MsgPostcodeInvalid)
	}
	if in.DistrictID == 0 {
		v.Add("district", MsgRequired)
	}
	if !IsChoice(Proficiencies, in.DutchProficiency) {
		v.Add("dutch_proficiency", MsgChoiceInvalid)
	}
	var births []Date
	if len(in.Members) == 0 {
		v.Add("members", MsgReferralNoMembers)
	}
	for i, m := range in.Members {
		field := func(f string) string { return fmt.Sprintf("member-%d-%s", i, f) }
		v.Required(field("given_name"), m.GivenName)
		v.Required(field("family_name"), m.FamilyName)
		births = append(births, v.PastDate(field("birth_date"), m.BirthDate, today, true))
		if !IsChoice(Relations, m.Relation) {
			v.Add(field("relation"), MsgChoiceInvalid)
		}
	}
	if len(in.Signals) == 0 {
		v.Add("signals", MsgReferralNoSignals)
	}
	for d, t := range in.Signals {
		if !IsChoice(Domains, d) {
			v.Add("signals", MsgChoiceInvalid)
		}
		v.MaxLen("signal-"+string(d), t, 4000)
	}
	if !IsChoice(ProblemDurations, in.ProblemDuration) {
		v.Add("problem_duration", MsgChoiceInvalid)
	}
	v.MaxLen("help_tried", in.HelpTried, 4000)
	v.MaxLen("introducer_name", in.IntroducerName, 200)
	if !IsChoice(Commitments, in.Commitment) {
		v.Add("commitment", MsgChoiceInvalid)
	}
	if !IsChoice(SafetyLevels, in.Safety) {
		v.Add("safety", MsgChoiceInvalid)
	}
	if (in.Safety == SafetyWorried || in.Safety == SafetyAcute) && in.SafetyNotes == "" {
		v.Add("safety_notes", MsgSafetyNotesNeeded)
	}
	return births, v.Err()
}

// IntakeOutcome is what the team meeting decides on a referral.
type IntakeOutcome string

// The outcomes of an intake decision (seed 003 §2.2).
const (
	IntakeAccept    IntakeOutcome = "accepteren"
	IntakePortfolio IntakeOutcome = "portefeuille"
	IntakeWaiting   IntakeOutcome = "wachtlijst"
	IntakeDecline   IntakeOutcome = "afwijzen"
)

// IntakeOutcomes lists the outcomes with their Dutch labels.
var IntakeOutcomes = []Choice[IntakeOutcome]{
	{IntakeAccept, "Accepteren: het gezin start met actief casemanagement"},
	{IntakePortfolio, "In portefeuille: wachten op een introducerende hulpverlener of een geschikt moment"},
	{IntakeWaiting, "Op de wachtlijst"},
	{IntakeDecline, "Afwijzen, met een warme doorverwijzing waar mogelijk"},
}

// Label returns the Dutch label.
func (o IntakeOutcome) Label() string { return LabelOf(IntakeOutcomes, o) }

// Status returns the referral status an outcome leads to.
func (o IntakeOutcome) Status() ReferralStatus {
	switch o {
	case IntakeAccept:
		return ReferralAccepted
	case IntakePortfolio:
		return ReferralPortfolio
	case IntakeWaiting:
		return ReferralWaiting
	}
	return ReferralDeclined
}

// ContraIndication is a reason the method does not fit a family (seed 003
// §1.4). Each may be overridden with a recorded reason: the seed knows
// exceptions.
type ContraIndication string

// ContraIndications lists the seed's contra-indications.
var ContraIndications = []Choice[ContraIndication]{
	{"een_probleem", "Eén specifieke problematiek verklaart de situatie van het gezin (bijvoorbeeld ernstige verslaving van een ouder als hoofdoorzaak)"},
	{"psychiatrie", "Een ouder met ernstige psychiatrische problemen die niet meer toe te leiden is naar hulp"},
	{"dakloos", "Het gezin is dakloos"},
	{"gemotiveerd", "Het gezin is gemotiveerd voor reguliere hulpverlening"},
	{"overig", "Een andere reden (licht toe)"},
}

// Label returns the Dutch label.
func (c ContraIndication) Label() string { return LabelOf(ContraIndications, c) }

// IntakeDecision is one decision on a referral. Decisions are records: a
// changed decision is a new one; the old stays.
type IntakeDecision struct {
	ID                  int64
	ReferralID          int64
	Outcome             IntakeOutcome
	DecidedBy           int64
	DecidedByName       string
	DecidedAt           time.Time
	MeetingID           int64 // the team meeting that decided, 0 outside a meeting
	MeetingDate         Date
	ReviewOn            Date   // portfolio: when to look again
	ContactKeeper       string // waiting list: who keeps in touch meanwhile
	ContraIndications   []ContraIndication
	OverrideReason      string
	WarmReferralOrgID   int64
	WarmReferralOrgName string
	Feedback            string // to the referrer: why, and the alternatives
	Notes               string // for the team
	FamilyID            int64  // accept: the family created or linked
}

// DecisionInput is what the team leader records.
type DecisionInput struct {
	Outcome           IntakeOutcome
	ReviewOn          string
	ContactKeeper     string
	ContraIndications []ContraIndication
	OverrideReason    string
	WarmReferralOrgID int64
	Feedback          string
	Notes             string
	// LinkFamilyID, on accept, links the referral to an existing family
	// (referred before) instead of creating a new one.
	LinkFamilyID int64
}

// Validate checks the decision against today and returns the review date.
func (in *DecisionInput) Validate(today Date) (Date, error) {
	in.ContactKeeper, in.OverrideReason = Clean(in.ContactKeeper), Clean(in.OverrideReason)
	in.Feedback, in.Notes = Clean(in.Feedback), Clean(in.Notes)
	var v Validation
	var review Date
	if !IsChoice(IntakeOutcomes, in.Outcome) {
		v.Add("outcome", MsgChoiceInvalid)
	}
	for _, c := range in.ContraIndications {
		if !IsChoice(ContraIndications, c) {
			v.Add("contra_indications", MsgChoiceInvalid)
		}
	}
	switch in.Outcome {
	case IntakePortfolio:
		if in.ReviewOn == "" {
			v.Add("review_on", MsgRequired)
		} else if d, err := ParseDate(in.ReviewOn); err != nil {
			v.Add("review_on", MsgDateInvalid)
		} else if d.Before(today) {
			v.Add("review_on", MsgDateInPast)
		} else {
			review = d
		}
	case IntakeWaiting:
		v.Required("contact_keeper", in.ContactKeeper)
	case IntakeDecline:
		if len(in.ContraIndications) == 0 {
			v.Add("contra_indications", MsgDeclineNeedsReason)
		}
		v.Required("feedback", in.Feedback)
	}
	if in.Outcome != IntakeDecline && len(in.ContraIndications) > 0 && in.OverrideReason == "" {
		v.Add("override_reason", MsgOverrideNeedsReason)
	}
	for _, c := range in.ContraIndications {
		if c == "overig" && in.Notes == "" {
			v.Add("notes", MsgOtherNeedsNote)
		}
	}
	v.MaxLen("feedback", in.Feedback, 4000)
	v.MaxLen("notes", in.Notes, 4000)
	v.MaxLen("override_reason", in.OverrideReason, 2000)
	v.MaxLen("contact_keeper", in.ContactKeeper, 200)
	return review, v.Err()
}

// OpeningKind is what gives a priority family's door a small opening.
type OpeningKind string

// OpeningKinds lists the openings the seed names (§2.1, note 4).
var OpeningKinds = []Choice[OpeningKind]{
	{"uithuiszetting", "Dreigende uithuiszetting"},
	{"justitie", "Bemiddeling door justitie"},
	{"crisis", "Crisis in het gezin"},
	{"overig", "Een andere opening"},
}

// Label returns the Dutch label.
func (k OpeningKind) Label() string { return LabelOf(OpeningKinds, k) }

// Priority is a referral's place on the priority list (prioriteitenlijst)
// of the most care-avoiding families.
type Priority struct {
	Reason   string
	Since    time.Time
	PlacedBy string
	// Opening, when set, is the moment the door opened: the family goes
	// to the front of the waiting list, for an immediate start.
	OpeningKind OpeningKind
	OpeningNote string
	OpeningAt   time.Time
}

// Immediate reports whether an opening calls for an immediate start.
func (p *Priority) Immediate() bool { return p != nil && !p.OpeningAt.IsZero() }

// ReferralSummary is one row of a referral list.
type ReferralSummary struct {
	ID            int64
	Status        ReferralStatus
	HouseholdName string
	DistrictName  string
	ReferrerOrg   string
	CreatedAt     time.Time
	Safety        SafetyLevel
	MeetingDate   Date
	FamilyID      int64
	// For the waiting list and portfolio.
	DecidedAt     time.Time
	ReviewOn      Date
	ContactKeeper string
	Priority      *Priority
	// Feedback is what the team told the referrer, for the referrer's list.
	Feedback        string
	WarmReferralOrg string
}

// Number is the referral's reference.
func (s *ReferralSummary) Number() string { return ReferralNumber(s.ID) }

// ReferralFilter selects referrals.
type ReferralFilter struct {
	// Statuses limits the list to these statuses (none: all).
	Statuses []ReferralStatus
	// Own lists the actor's own referrals (a referrer's view).
	Own   bool
	Limit int
}

// DuplicateCandidate is an existing family that may be the referred one.
type DuplicateCandidate struct {
	FamilyID      int64
	HouseholdName string // empty when the family belongs to another team
	TeamName      string
	DistrictName  string
	SameTeam      bool
	Reasons       []string // why it matched, in Dutch
	// Score ranks candidates: a member with the same birth date and both
	// names alike counts 3, one name alike 1, the same address 2.
	Score int
}

// DossierNumber formats the family's reference.
func (d *DuplicateCandidate) DossierNumber() string { return DossierNumber(d.FamilyID) }

// ReferralService receives referrals and records intake decisions.
type ReferralService interface {
	// CreateReferral records a referral from the actor (a referrer), or —
	// for staff — on a referrer's behalf. EINVALID, EFORBIDDEN.
	CreateReferral(ctx context.Context, in ReferralInput) (*Referral, error)
	// FindReferralByID returns the referral with its decisions. A referrer
	// reaches only their own. ENOTFOUND.
	FindReferralByID(ctx context.Context, id int64) (*Referral, error)
	// FindReferrals lists referrals: the team's for staff, the own for a
	// referrer. Acute ones first, then priority, then oldest first.
	FindReferrals(ctx context.Context, f ReferralFilter) ([]*ReferralSummary, error)
	// FindDuplicates returns existing families that may be the referred
	// one: a member with the same birth date and a similar name, or the
	// same address. ENOTFOUND.
	FindDuplicates(ctx context.Context, referralID int64) ([]*DuplicateCandidate, error)
	// ScheduleReferral puts the referral on the team meeting of a date.
	// EINVALID, ENOTFOUND.
	ScheduleReferral(ctx context.Context, referralID int64, meeting string) error
	// DecideIntake records a decision. Accepting creates the family (or
	// links an existing one), starts phase 1 and returns the family id.
	// EINVALID, ENOTFOUND.
	DecideIntake(ctx context.Context, referralID int64, in DecisionInput) (*IntakeDecision, error)
	// PlaceOnPriorityList puts a referral on the priority list. EINVALID, ENOTFOUND.
	PlaceOnPriorityList(ctx context.Context, referralID int64, reason string) error
	// RecordOpening records an opening for a priority family. EINVALID, ENOTFOUND.
	RecordOpening(ctx context.Context, referralID int64, kind OpeningKind, note string) error
	// RemoveFromPriorityList takes a referral off the list. ENOTFOUND.
	RemoveFromPriorityList(ctx context.Context, referralID int64, reason string) error
}
