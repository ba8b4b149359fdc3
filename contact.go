package regie

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ContactKind is the kind of a contact (contactmoment).
type ContactKind string

// The kinds of contact.
const (
	ContactHomeVisit   ContactKind = "huisbezoek"
	ContactUnannounced ContactKind = "onaangekondigd"
	ContactPhone       ContactKind = "telefoon"
	ContactOuting      ContactKind = "uitje"
	ContactAccompany   ContactKind = "begeleiding"
	ContactCouncil     ContactKind = "familieberaad"
	ContactNetwork     ContactKind = "netwerkoverleg"
	ContactTeam        ContactKind = "teamoverleg"
	ContactCrisis      ContactKind = "crisis"
	ContactOther       ContactKind = "anders"
)

// ContactKinds lists the kinds with their Dutch labels, the most common
// first.
var ContactKinds = []Choice[ContactKind]{
	{ContactHomeVisit, "Huisbezoek"},
	{ContactUnannounced, "Onaangekondigd huisbezoek"},
	{ContactPhone, "Telefonisch contact"},
	{ContactOuting, "Uitje met het gezin"},
	{ContactAccompany, "Begeleiding naar een instantie"},
	{ContactCouncil, "Familieberaad"},
	{ContactNetwork, "Netwerkoverleg"},
	{ContactTeam, "Teamoverleg of consultatie over het gezin"},
	{ContactCrisis, "Crisisinterventie"},
	{ContactOther, "Anders"},
}

// Label returns the Dutch label.
func (k ContactKind) Label() string { return LabelOf(ContactKinds, k) }

// WithFamily reports whether the kind is a contact with the family itself
// (not a meeting about them).
func (k ContactKind) WithFamily() bool { return k != ContactNetwork && k != ContactTeam }

// Attempt is whether the contact happened. A door not opened and a phone
// not answered are contacts too: the casemanager keeps coming.
type Attempt string

// The outcomes of an attempt.
const (
	AttemptReached  Attempt = "contact"
	AttemptNoAnswer Attempt = "geen_gehoor"
	AttemptRefused  Attempt = "afgewezen"
)

// Attempts lists them with their Dutch labels.
var Attempts = []Choice[Attempt]{
	{AttemptReached, "Contact gehad"},
	{AttemptNoAnswer, "Niet opengedaan of niet opgenomen"},
	{AttemptRefused, "Afgewezen: het gezin wilde geen contact"},
}

// Label returns the Dutch label.
func (a Attempt) Label() string { return LabelOf(Attempts, a) }

// Practical is practical work done in a contact (seed 003 §5.3).
type Practical string

// Practicals lists the kinds of practical work.
var Practicals = []Choice[Practical]{
	{"post", "Post en administratie"},
	{"geld", "Geldzaken en betalingen"},
	{"huishouden", "Huishouden, opruimen, schoonmaken"},
	{"boodschappen", "Boodschappen, spullen (tweedehands)"},
	{"school", "Kinderen naar school"},
	{"instantie", "Mee naar een instantie"},
	{"gesprek", "Gesprek over de situatie"},
	{"anders", "Ander praktisch werk"},
}

// Label returns the Dutch label.
func (p Practical) Label() string { return LabelOf(Practicals, p) }

// Contact is one contact moment with or about a family.
type Contact struct {
	ID        int64
	FamilyID  int64
	UserID    int64
	UserName  string
	Date      Date
	Start     string // HH:MM, Dutch time
	Minutes   int
	Kind      ContactKind
	Attempt   Attempt
	Members   []int64 // members who were there
	Partners  string  // partner professionals who were there, by name
	Practical []Practical
	Note      string
	Phase     Phase // the family's phase on the day
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
	// UpdatedByName is who made the current version; "" while the
	// contact is as its author recorded it.
	UpdatedByName string

	// YouthMemberID is set for a contact in a youth's own track: its
	// note is what the youth told in confidence (SegYouthConfidential).
	// NoteWithheld says the reader may not see that note: it is empty,
	// and so are who else was there and the practical work (the day,
	// kind and minutes stay, and count); the page says why. YouthName is
	// the youth's given name.
	YouthMemberID int64
	NoteWithheld  bool
	YouthName     string

	MemberNames []string // joined for display
	// CanEdit says whether the actor who read the contact may change it:
	// the family's access policy allows changing contacts, and only the
	// author changes their own note (policy.ContactChange).
	CanEdit bool
}

// ConfidentialText says what a confidential contact was, without its
// content.
func (c *Contact) ConfidentialText() string { return Text(MsgYouthContactConfidential, c.YouthName) }

// Edited reports whether the contact was changed after it was recorded.
func (c *Contact) Edited() bool { return c.Version > 1 }

// Reached reports whether there was contact.
func (c *Contact) Reached() bool { return c.Attempt == AttemptReached }

// Duration formats the minutes as "1 u 30 min".
func (c *Contact) Duration() string { return FormatMinutes(c.Minutes) }

// FormatMinutes formats minutes as hours and minutes, in Dutch.
func FormatMinutes(m int) string {
	h, min := m/60, m%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", min)
	case min == 0:
		return fmt.Sprintf("%d u", h)
	}
	return fmt.Sprintf("%d u %d min", h, min)
}

// FormatHours formats minutes as hours with one decimal, Dutch style: "12,5".
func FormatHours(m int) string {
	s := fmt.Sprintf("%.1f", float64(m)/60)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}

// ContactVersion is an earlier version of an edited contact.
type ContactVersion struct {
	Version   int
	Contact   Contact
	ChangedBy string
	ChangedAt time.Time
}

// ContactInput is what a casemanager types; the form comes with sensible
// defaults (today, now, a home visit, the usual duration).
type ContactInput struct {
	Date      string
	Start     string
	Minutes   string
	Kind      ContactKind
	Attempt   Attempt
	Members   []int64
	Partners  string
	Practical []Practical
	Note      string
	// Version is, for an edit, the contact's version when the form was
	// read: the store refuses the save (ESTALE) when the contact has
	// changed since.
	Version int
}

// Validate checks the input against now (a contact cannot lie in the
// future) and returns the date, start and minutes.
func (in *ContactInput) Validate(now time.Time) (Date, string, int, error) {
	in.Note, in.Partners = Clean(in.Note), Clean(in.Partners)
	var v Validation
	today := DateOf(now)
	d := v.PastDate("date", Clean(in.Date), today, true)
	start := Clean(in.Start)
	var at time.Time
	if start == "" {
		v.Add("start", MsgRequired)
	} else if t, err := time.ParseInLocation("15:04", start, Amsterdam); err != nil {
		v.Add("start", MsgTimeInvalid)
	} else {
		start = t.Format("15:04")
		if !d.IsZero() {
			at = time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), t.Hour(), t.Minute(), 0, 0, Amsterdam)
			if at.After(now) {
				v.Add("start", MsgTimeInFuture)
			}
		}
	}
	minutes := v.OptionalInt("minutes", Clean(in.Minutes), 0, 1_000_000)
	switch {
	case Clean(in.Minutes) == "":
		v.Add("minutes", MsgRequired)
	case minutes == 0:
		v.Add("minutes", MsgDurationRange)
	case minutes > 24*60:
		v.Add("minutes", MsgDurationRange)
	}
	if !IsChoice(ContactKinds, in.Kind) {
		v.Add("kind", MsgChoiceInvalid)
	}
	if !IsChoice(Attempts, in.Attempt) {
		v.Add("attempt", MsgChoiceInvalid)
	}
	for _, p := range in.Practical {
		if !IsChoice(Practicals, p) {
			v.Add("practical", MsgChoiceInvalid)
		}
	}
	v.MaxLen("partners", in.Partners, 500)
	v.MaxLen("note", in.Note, 10000)
	return d, start, minutes, v.Err()
}

// Hours is the time spent with a family, in minutes, rolled up.
type Hours struct {
	Total     int
	Intensive int // phases 1–4
	ThisMonth int
	PerPhase  map[Phase]int
	// PerWeek are the last weeks, oldest first, each with its Monday.
	PerWeek []WeekHours
	// PerWorker are the minutes per worker, most first.
	PerWorker []WorkerHours
}

// WeekHours is the minutes of one week.
type WeekHours struct {
	Monday  Date
	Minutes int
}

// WorkerHours is the minutes of one worker.
type WorkerHours struct {
	UserID  int64
	Name    string
	Minutes int
}

// ContactFilter selects a family's contacts.
type ContactFilter struct {
	Limit  int
	Offset int
}

// ContactService records contacts and rolls up hours. Every method decides
// access through the policy and is audited.
type ContactService interface {
	// CreateContact records a contact. EINVALID (a contact in the future,
	// a duration of 0 or over 24 h, a member of another family), ENOTFOUND.
	CreateContact(ctx context.Context, familyID int64, in ContactInput) (*Contact, error)
	// UpdateContact changes a contact; the previous version is kept.
	// Only the contact's author may change it (EFORBIDDEN, audited), and
	// only from the version in.Version (ESTALE when someone saved in
	// between). EINVALID, ENOTFOUND.
	UpdateContact(ctx context.Context, familyID, contactID int64, in ContactInput) error
	// FindContacts returns the family's contacts, newest first, and the
	// total count. ENOTFOUND.
	FindContacts(ctx context.Context, familyID int64, f ContactFilter) ([]*Contact, int, error)
	// FindContact returns one contact with its earlier versions. ENOTFOUND.
	FindContact(ctx context.Context, familyID, contactID int64) (*Contact, []*ContactVersion, error)
	// FindHours rolls up the family's hours. ENOTFOUND.
	FindHours(ctx context.Context, familyID int64) (*Hours, error)
	// UsualContactMinutes returns how long the acting worker's contacts
	// usually take (see the function UsualContactMinutes).
	UsualContactMinutes(ctx context.Context) (int, error)
}
