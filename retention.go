package regie

import (
	"context"
	"time"
)

// Retention (Jeugdwet 7.3.8) and destruction (7.3.8, and on request 7.3.9).
//
// What "the kind of data" means in regie:
//   - RetainFamilyFile: everything regie holds about one family — the
//     household, its members, contacts, plans, evaluations, documents,
//     consents, referrals that became the family, youth tracks, the
//     informal network, summaries. Jeugdwet 7.3.8: twenty years after the
//     end of care, or longer when needed (a legal hold). Destroyed as a
//     whole, leaving a tombstone without names.
//   - RetainAccessLog: the access log (NEN 7513). It is the evidence of
//     who saw the file and is hash-chained; it is kept under its own term
//     and never destroyed with the file (regie does not destroy it at
//     all: it has no date here).
//   - Sessions, log-in attempts and account data are not family data:
//     they end with the session (idle 30 min, absolute 12 h) or the
//     account, never by this rule.

// RetentionYears is the term of Jeugdwet 7.3.8, in years after the end of
// care: the one place to change it.
const RetentionYears = 20

// RetentionKind is a kind of data with its own retention rule.
type RetentionKind string

// The kinds of data.
const (
	RetainFamilyFile RetentionKind = "dossier"
	RetainAccessLog  RetentionKind = "toegangslog"
)

// RetentionKinds lists the kinds with their Dutch labels.
var RetentionKinds = []Choice[RetentionKind]{
	{RetainFamilyFile, "Dossier van het gezin (Jeugdwet 7.3.8)"},
	{RetainAccessLog, "Toegangslog (NEN 7513, eigen termijn)"},
}

// Label returns the Dutch label.
func (k RetentionKind) Label() string { return LabelOf(RetentionKinds, k) }

// RetentionFacts are what the rule needs of one family's file.
type RetentionFacts struct {
	// ClosedOn is the day the file was closed: for regie the end of the
	// whole trajectory, the coordination of care included. Zero while
	// the file is open.
	ClosedOn Date
	// LastCheckupOn is the last check-up after closing (zero when none):
	// it is made after the closing and is part of the file, so the term
	// also runs from it (never shorter than the law's term for any part).
	LastCheckupOn Date
}

// RetentionDate is the day from which the data of kind k may be
// destroyed; ok is false when it has none: an open file (care has not
// ended), or the access log (kept under its own term, never destroyed
// with the file). A legal hold does not move the date: it stops the
// destruction while it holds (RetentionState).
func RetentionDate(k RetentionKind, f RetentionFacts) (Date, bool) {
	if k != RetainFamilyFile || f.ClosedOn.IsZero() {
		return Date{}, false
	}
	end := f.ClosedOn
	if f.LastCheckupOn.After(end) {
		end = f.LastCheckupOn
	}
	return Date{end.t.AddDate(RetentionYears, 0, 0)}, true
}

// RetentionState is where a closed file stands with its retention.
type RetentionState string

// The states.
const (
	// RetentionRunning: the date has not come (and is not within Soon).
	RetentionRunning RetentionState = "lopend"
	// RetentionSoon: the date comes within RetentionSoonDays.
	RetentionSoon RetentionState = "binnenkort"
	// RetentionDue: the date has passed; the privacy officer may approve
	// the destruction.
	RetentionDue RetentionState = "verlopen"
	// RetentionHeld: a legal hold keeps the file (bewaarplicht verlengd).
	RetentionHeld RetentionState = "verlengd"
)

// RetentionSoonDays is how far ahead the privacy officer's page shows
// files that become due.
const RetentionSoonDays = 365

// StateOn says where a file with retention date due (ok: it has one)
// and a hold or not stands on day today.
func StateOn(due Date, ok, held bool, today Date) RetentionState {
	switch {
	case held:
		return RetentionHeld
	case !ok:
		return RetentionRunning
	case !today.Before(due):
		return RetentionDue
	case today.AddDays(RetentionSoonDays).After(due) || today.AddDays(RetentionSoonDays) == due:
		return RetentionSoon
	}
	return RetentionRunning
}

// Destructible reports whether the run may destroy a file now: closed,
// approved in a batch, not on hold, and either past its retention date or
// granted on a request of a family member (Jeugdwet 7.3.9).
func Destructible(f RetentionFacts, approved, held, requested bool, today Date) bool {
	if f.ClosedOn.IsZero() || !approved || held {
		return false
	}
	if requested {
		return true
	}
	due, ok := RetentionDate(RetainFamilyFile, f)
	return ok && !today.Before(due)
}

// LegalBasis is the law a destruction rests on, written in the tombstone.
type LegalBasis string

// The legal bases.
const (
	BasisRetention LegalBasis = "jeugdwet_7.3.8"
	BasisRequest   LegalBasis = "jeugdwet_7.3.9"
)

// LegalBases lists the bases with their Dutch labels.
var LegalBases = []Choice[LegalBasis]{
	{BasisRetention, "Bewaartermijn verstreken (Jeugdwet art. 7.3.8)"},
	{BasisRequest, "Verzoek tot vernietiging (Jeugdwet art. 7.3.9)"},
}

// Label returns the Dutch label.
func (b LegalBasis) Label() string { return LabelOf(LegalBases, b) }

// RequestMonths is the law's term for answering a request to destroy
// (Jeugdwet 7.3.9: within three months of receipt).
const RequestMonths = 3

// RequestWarnDays is how long before its deadline an open request is
// signalled.
const RequestWarnDays = 14

// RequestDeadline is the day by which a request received on received must
// be carried out or refused.
func RequestDeadline(received Date) Date { return received.AddMonths(RequestMonths) }

// RequestSignal says whether an open request needs attention on day today:
// "" (not yet), "binnenkort" (within RequestWarnDays of the deadline) or
// "te_laat" (past it).
func RequestSignal(received, today Date) string {
	deadline := RequestDeadline(received)
	switch {
	case today.After(deadline):
		return "te_laat"
	case !today.AddDays(RequestWarnDays).Before(deadline):
		return "binnenkort"
	}
	return ""
}

// RequestOutcome is the privacy officer's answer to a request to destroy.
type RequestOutcome string

// The outcomes.
const (
	RequestOpen    RequestOutcome = ""
	RequestGranted RequestOutcome = "toegewezen"
	RequestRefused RequestOutcome = "geweigerd"
)

// RequestOutcomes lists the outcomes with their Dutch labels.
var RequestOutcomes = []Choice[RequestOutcome]{
	{RequestGranted, "Toegewezen: het dossier wordt vernietigd"},
	{RequestRefused, "Geweigerd"},
}

// Label returns the Dutch label ("In behandeling" while open).
func (o RequestOutcome) Label() string {
	if o == RequestOpen {
		return "In behandeling"
	}
	return LabelOf(RequestOutcomes, o)
}

// RequestException is one of the law's grounds to refuse (Jeugdwet 7.3.9,
// second paragraph).
type RequestException string

// The exceptions.
const (
	ExceptionNone RequestException = ""
	// ExceptionOtherInterest: it may reasonably be assumed that keeping
	// the data is of substantial importance for someone other than the
	// requester.
	ExceptionOtherInterest RequestException = "belang_ander"
	// ExceptionLegalDuty: keeping is required by or under the law.
	ExceptionLegalDuty RequestException = "wettelijk_voorschrift"
)

// RequestExceptions lists the exceptions with their Dutch labels.
var RequestExceptions = []Choice[RequestException]{
	{ExceptionOtherInterest, "Aanmerkelijk belang van een ander dan de verzoeker bij bewaren"},
	{ExceptionLegalDuty, "Bewaren is bij of krachtens de wet verplicht"},
}

// Label returns the Dutch label.
func (e RequestException) Label() string { return LabelOf(RequestExceptions, e) }

// RetentionFile is one closed (or requested) family file on the privacy
// officer's page.
type RetentionFile struct {
	FamilyID      int64
	HouseholdName string
	TeamName      string
	ClosedOn      Date // zero when the file is open
	RetainUntil   Date // zero when it has no date (open)
	State         RetentionState
	Hold          *RetentionHold // the hold in force, nil when none
	// ApprovedBatch is the batch that approved its destruction, 0 when
	// none.
	ApprovedBatch int64
}

// RetentionHold is a legal hold: the file is kept beyond its term.
type RetentionHold struct {
	ID         int64
	FamilyID   int64
	Reason     string
	PlacedBy   string
	PlacedAt   time.Time
	LiftedBy   string
	LiftedAt   time.Time // zero while it holds
	LiftReason string
}

// DestructionBatch is an approval of the destruction of a number of files.
type DestructionBatch struct {
	ID         int64
	ApprovedBy string
	ApprovedAt time.Time
	Families   []int64
	Destroyed  int // how many of them are destroyed
}

// DestructionRequest is a parent's or youth's request to destroy
// (Jeugdwet 7.3.9).
type DestructionRequest struct {
	ID            int64
	FamilyID      int64
	HouseholdName string // "" once destroyed
	MemberID      int64
	MemberName    string // "" once destroyed
	ReceivedOn    Date
	What          string
	Outcome       RequestOutcome
	Exception     RequestException
	Reason        string
	DecidedBy     string
	DecidedAt     time.Time
	BatchID       int64
	FileOpen      bool // the file is still open: destroyed once closed
	Destroyed     bool
	Deadline      Date
	Signal        string // "", "binnenkort", "te_laat" (open requests only)
}

// DestructionRun is the report of one retention run.
type DestructionRun struct {
	ID       int64
	At       time.Time
	By       string
	Families []int64
	// Counts are the rows removed per table, summed over the families.
	Counts []TableCount
}

// TableCount is the number of rows of one table.
type TableCount struct {
	Table string
	Rows  int64
}

// Retention is the privacy officer's page: what is due, what becomes due
// within RetentionSoonDays, what is held, the batches, the requests and
// the recent runs.
type Retention struct {
	Today     Date
	Due       []*RetentionFile // due and not yet approved
	Approved  []*RetentionFile // approved, waiting for the run
	Soon      []*RetentionFile
	Held      []*RetentionFile
	Requests  []*DestructionRequest
	Batches   []*DestructionBatch
	Runs      []*DestructionRun
	Tombstone int // files destroyed so far
}

// RetentionSignals are the counts the privacy officer's start page shows:
// files due and not yet approved, open requests to destroy whose term ends
// within RequestWarnDays, and those past it.
type RetentionSignals struct {
	Due, RequestsSoon, RequestsLate int
}

// Any reports whether something needs attention.
func (s *RetentionSignals) Any() bool {
	return s != nil && s.Due+s.RequestsSoon+s.RequestsLate > 0
}

// DestructionRequestInput records a request.
type DestructionRequestInput struct {
	FamilyID   int64
	MemberID   int64
	ReceivedOn string
	What       string
}

// RequestDecision is the privacy officer's assessment of a request.
type RequestDecision struct {
	Outcome   RequestOutcome
	Exception RequestException
	Reason    string
}

// RetentionService is the retention and destruction of family files.
// Only the privacy officer reads and decides (EFORBIDDEN for anyone else,
// audited); the run is also the command line's.
type RetentionService interface {
	// FindRetention returns the privacy officer's page.
	FindRetention(ctx context.Context) (*Retention, error)
	// PlaceHold places a legal hold on a closed or open file (EINVALID
	// without a reason, or when one holds already).
	PlaceHold(ctx context.Context, familyID int64, reason string) error
	// LiftHold lifts the hold in force (EINVALID without a reason).
	LiftHold(ctx context.Context, familyID int64, reason string) error
	// ApproveDestruction approves the destruction of the files given, all
	// due and not held (EINVALID otherwise), as one batch.
	ApproveDestruction(ctx context.Context, familyIDs []int64) (*DestructionBatch, error)
	// RunRetention destroys every file that is destructible today.
	RunRetention(ctx context.Context) (*DestructionRun, error)
	// RecordDestructionRequest records a request (EINVALID on bad input).
	RecordDestructionRequest(ctx context.Context, in DestructionRequestInput) (int64, error)
	// DecideDestructionRequest grants or refuses a request; a granted
	// request approves the file's destruction for the next run.
	DecideDestructionRequest(ctx context.Context, id int64, d RequestDecision) error
	// FindDestructionRequest returns one request (ENOTFOUND).
	FindDestructionRequest(ctx context.Context, id int64) (*DestructionRequest, error)
	// RetentionSignals counts what needs the privacy officer, for the
	// start page: no names, so no audit row (a refusal is audited).
	RetentionSignals(ctx context.Context) (*RetentionSignals, error)
	// FindRequestMembers lists a family's members for recording a
	// request (ENOTFOUND for a missing or destroyed family).
	FindRequestMembers(ctx context.Context, familyID int64) (string, []*Member, error)
}

// Validate checks a recorded request on day today: a member, the day it
// was received (not in the future) and what is asked.
func (in *DestructionRequestInput) Validate(today Date) error {
	in.What = Clean(in.What)
	var v Validation
	if in.MemberID == 0 {
		v.Add("member_id", MsgRequired)
	}
	if v.Required("received_on", in.ReceivedOn) {
		if d, err := ParseDate(in.ReceivedOn); err != nil {
			v.Add("received_on", MsgDateInvalid)
		} else if d.After(today) {
			v.Add("received_on", MsgDateInFuture)
		}
	}
	v.Required("what", in.What)
	v.MaxLen("what", in.What, 2000)
	return v.Err()
}

// Validate checks an assessment: an outcome; a refusal names the law's
// exception it rests on and its reason; a grant names none.
func (d *RequestDecision) Validate() error {
	d.Reason = Clean(d.Reason)
	var v Validation
	switch d.Outcome {
	case RequestGranted:
		if d.Exception != ExceptionNone {
			v.Add("exception", MsgRequestGrantException)
		}
	case RequestRefused:
		if !IsChoice(RequestExceptions, d.Exception) {
			v.Add("exception", MsgChoiceInvalid)
		}
		v.Required("reason", d.Reason)
	default:
		v.Add("outcome", MsgChoiceInvalid)
	}
	v.MaxLen("reason", d.Reason, 2000)
	return v.Err()
}
