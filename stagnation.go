package regie

import (
	"context"
	"time"
)

// Stagnation is a network partner's report that the help for a family
// stagnates (stagnatie melden, seed 003 §5.6): the casemanager goes back
// for a short intervention when needed. It is a signal for the family's
// coordinator until picked up, and an item on the team's agenda until the
// team leader records that the meeting discussed it.
type Stagnation struct {
	ID       int64
	FamilyID int64
	OrgID    int64
	OrgName  string
	// ReportedByName is the partner who reported it.
	ReportedByName string
	ReportedOn     Date
	Reason         string
	CreatedAt      time.Time
	// HandledOn is the day the coordinator picked it up, with a note.
	HandledOn     Date
	HandledByName string
	HandledNote   string
	// DiscussedOn is the day of the team meeting that discussed it.
	DiscussedOn     Date
	DiscussedByName string
	// FamilyName is filled where reports of several families are listed
	// (the team's agenda).
	FamilyName string
}

// Open reports whether no one has picked the report up yet.
func (s *Stagnation) Open() bool { return s.HandledOn.IsZero() }

// StagnationInput is what a partner types: a short reason.
type StagnationInput struct {
	Reason string
}

// MaxStagnationReason bounds the reason: a short message, not a report.
const MaxStagnationReason = 1000

// Validate checks the input.
func (in *StagnationInput) Validate() error {
	in.Reason = Clean(in.Reason)
	var v Validation
	v.Required("reason", in.Reason)
	v.MaxLen("reason", in.Reason, MaxStagnationReason)
	return v.Err()
}

// StagnationHandling is what the coordinator notes when picking a report
// up: what they did or will do, in a few words.
type StagnationHandling struct {
	Note string
}

// MaxStagnationNote bounds the note.
const MaxStagnationNote = 500

// Validate checks the input.
func (in *StagnationHandling) Validate() error {
	in.Note = Clean(in.Note)
	var v Validation
	v.Required("note", in.Note)
	v.MaxLen("note", in.Note, MaxStagnationNote)
	return v.Err()
}

// StagnationService records partners' reports of stagnation, and the
// team's acting on them.
type StagnationService interface {
	// ReportStagnation records a partner's report for the family, under
	// a valid consent naming the partner's organisation. EINVALID,
	// ENOTFOUND (no such family, or no valid consent naming it).
	ReportStagnation(ctx context.Context, familyID int64, in StagnationInput) (*Stagnation, error)
	// FindStagnations returns the family's reports, newest first: all of
	// them for the team, a partner's own organisation's for a partner.
	// ENOTFOUND.
	FindStagnations(ctx context.Context, familyID int64) ([]*Stagnation, error)
	// HandleStagnation records that the coordinator (or the duo partner,
	// or the team leader) picked a report up, with a short note.
	// EINVALID, ECONFLICT (picked up already), ENOTFOUND.
	HandleStagnation(ctx context.Context, familyID, id int64, in StagnationHandling) error
	// MarkStagnationDiscussed records that the team discussed a report,
	// as a decision of this week's team meeting (the team leader).
	// ECONFLICT (discussed already), EFORBIDDEN, ENOTFOUND.
	MarkStagnationDiscussed(ctx context.Context, familyID, id int64) error
}
