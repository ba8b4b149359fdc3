package regie

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"
)

// EmergencyAccessDuration is how long a break-glass access (noodtoegang)
// lasts from the moment it is given. One place: the policy, the store
// and the pages read it from here.
const EmergencyAccessDuration = 4 * time.Hour

// EmergencyExplanationMin is the least an explanation of an emergency
// access says, in characters: enough for the privacy officer to judge it
// afterwards ("acuut" alone is not).
const EmergencyExplanationMin = 20

// EmergencyReason is the category of an emergency access.
type EmergencyReason string

// The reasons for an emergency access.
const (
	EmergencyUnsafe      EmergencyReason = "acuut_onveilig"
	EmergencyUnreachable EmergencyReason = "regisseur_onbereikbaar"
	EmergencyCrisis      EmergencyReason = "crisisdienst"
	EmergencyOther       EmergencyReason = "anders"
)

// EmergencyReasons lists the reasons with their Dutch labels.
var EmergencyReasons = []Choice[EmergencyReason]{
	{EmergencyUnsafe, "Acute onveiligheid"},
	{EmergencyUnreachable, "Regisseur en duo-partner niet bereikbaar"},
	{EmergencyCrisis, "Crisisdienst / bereikbaarheidsdienst"},
	{EmergencyOther, "Anders"},
}

// Label returns the Dutch label.
func (r EmergencyReason) Label() string { return LabelOf(EmergencyReasons, r) }

// EmergencyVerdict is the privacy officer's judgement of an emergency
// access.
type EmergencyVerdict string

// The verdicts.
const (
	EmergencyJustified   EmergencyVerdict = "gerechtvaardigd"
	EmergencyUnjustified EmergencyVerdict = "niet_gerechtvaardigd"
)

// EmergencyVerdicts lists the verdicts with their Dutch labels.
var EmergencyVerdicts = []Choice[EmergencyVerdict]{
	{EmergencyJustified, "Gerechtvaardigd"},
	{EmergencyUnjustified, "Niet gerechtvaardigd"},
}

// Label returns the Dutch label.
func (v EmergencyVerdict) Label() string { return LabelOf(EmergencyVerdicts, v) }

// EmergencyAccess is one break-glass access: a team member who is not
// assigned to a family opened it, for a reason, for a limited time. It
// stays on record, and waits for the privacy officer's review.
type EmergencyAccess struct {
	ID            int64
	FamilyID      int64
	HouseholdName string // to identify the access; nothing more of the family
	TeamID        int64
	UserID        int64
	UserName      string
	UserRole      Role
	Reason        EmergencyReason
	Explanation   string
	StartedAt     time.Time
	ExpiresAt     time.Time
	// The review: zero ReviewedAt while open.
	ReviewedAt   time.Time
	ReviewedBy   int64
	ReviewerName string
	Verdict      EmergencyVerdict
	ReviewNote   string
	// Seen: the reader (the family's coordinator, duo partner or team
	// leader) saw it on the family page already.
	Seen bool
}

// Active reports whether the access still opens the family at now.
func (e *EmergencyAccess) Active(now time.Time) bool {
	return e != nil && !now.Before(e.StartedAt) && now.Before(e.ExpiresAt)
}

// Reviewed reports whether the privacy officer judged it.
func (e *EmergencyAccess) Reviewed() bool { return e != nil && !e.ReviewedAt.IsZero() }

// Basis is what every audit row during the access says: its number and
// reason, so the access log marks each row as break-glass.
func (e *EmergencyAccess) Basis() string {
	return fmt.Sprintf("noodtoegang %d: %s", e.ID, e.Reason.Label())
}

// EmergencyInput is what a team member gives to open a family in an
// emergency.
type EmergencyInput struct {
	Reason      EmergencyReason
	Explanation string
	// Confirmed: the person confirmed that the access is logged and
	// reviewed by the privacy officer.
	Confirmed bool
}

// Validate checks the input: a known reason, an explanation of some
// length, and the confirmation.
func (in *EmergencyInput) Validate() error {
	in.Explanation = Clean(in.Explanation)
	var v Validation
	if !IsChoice(EmergencyReasons, in.Reason) {
		v.Add("reason", MsgEmergencyReason)
	}
	if v.Required("explanation", in.Explanation) && utf8.RuneCountInString(in.Explanation) < EmergencyExplanationMin {
		v.Add("explanation", MsgEmergencyExplainMore, EmergencyExplanationMin)
	}
	v.MaxLen("explanation", in.Explanation, 2000)
	if !in.Confirmed {
		v.Add("confirm", MsgEmergencyConfirm)
	}
	return v.Err()
}

// EmergencyReviewInput is the privacy officer's review.
type EmergencyReviewInput struct {
	Verdict EmergencyVerdict
	Note    string
}

// Validate checks the review: a verdict, and a note when the access was
// not justified (the worker and the team leader must hear why).
func (in *EmergencyReviewInput) Validate() error {
	in.Note = Clean(in.Note)
	var v Validation
	if !IsChoice(EmergencyVerdicts, in.Verdict) {
		v.Add("verdict", MsgChoiceInvalid)
	}
	if in.Verdict == EmergencyUnjustified {
		v.Required("note", in.Note)
	}
	v.MaxLen("note", in.Note, 2000)
	return v.Err()
}

// EmergencyOffer is what the form of an emergency access shows: which
// family (its name and number only), and an access still running.
type EmergencyOffer struct {
	FamilyID      int64
	HouseholdName string
	// Active is the actor's own access to the family still running, or nil.
	Active *EmergencyAccess
}

// EmergencyFilter selects emergency accesses for the privacy officer.
type EmergencyFilter struct {
	// Open selects those waiting for review; false: the reviewed ones.
	Open  bool
	Limit int
}

// EmergencyService is break-glass access (noodtoegang).
type EmergencyService interface {
	// EmergencyOffer returns the form's facts when the actor may open the
	// family in an emergency: a casemanager or youth worker of the
	// family's team who has no access to it otherwise. ENOTFOUND for
	// everyone else, as for a missing family.
	EmergencyOffer(ctx context.Context, familyID int64) (*EmergencyOffer, error)
	// StartEmergencyAccess gives the access for EmergencyAccessDuration.
	// EINVALID with field messages for bad input; ENOTFOUND as above.
	StartEmergencyAccess(ctx context.Context, familyID int64, in EmergencyInput) (*EmergencyAccess, error)
	// FindEmergencyAccesses lists accesses for the privacy officer;
	// EFORBIDDEN for anyone else.
	FindEmergencyAccesses(ctx context.Context, f EmergencyFilter) ([]*EmergencyAccess, error)
	// FindEmergencyAccess returns one access for the privacy officer.
	FindEmergencyAccess(ctx context.Context, id int64) (*EmergencyAccess, error)
	// ReviewEmergencyAccess records the privacy officer's verdict once.
	// EINVALID for bad input or an access reviewed already.
	ReviewEmergencyAccess(ctx context.Context, id int64, in EmergencyReviewInput) error
	// UnseenEmergencyAccesses lists the accesses to families the actor
	// coordinates (or is duo partner of) or leads the team of, that the
	// actor has not yet seen on the family page.
	UnseenEmergencyAccesses(ctx context.Context) ([]*EmergencyAccess, error)
}

// Until is the end of the access as the banner says it: the time of day
// in Dutch time ("tot 02:10").
func (e *EmergencyAccess) Until() string { return e.ExpiresAt.In(Amsterdam).Format("15:04") }
