package regie

import (
	"context"
	"strconv"
	"strings"
)

// A network partner's own work in regie (seed 003 §5.6, DOMAIN.md §9): a
// professional of an organisation the family's consent names sees the
// families it works with, whom to call, the agreements its organisation
// is party to, and records their progress or reports that the help
// stagnates.

// PartnerFamily is one row of a partner's list: a family whose consent,
// valid today, names the partner's organisation.
type PartnerFamily struct {
	ID int64
	// HouseholdName is empty when the consents do not cover the household
	// (InfoFamily): the list then shows the dossier number only.
	HouseholdName    string
	Coordinator      string
	CoordinatorPhone string
	// ValidUntil is the last day the consents naming the organisation
	// hold; zero when one holds until it is withdrawn.
	ValidUntil Date
	// Disclosure is what those consents cover together.
	Disclosure Disclosure
	// FamilyPage: the consents let the partner open the family's page.
	FamilyPage bool
	Closed     bool
	// OpenAgreements counts the organisation's unfinished agreements the
	// partner sees; OpenStagnations its reports not yet picked up.
	OpenAgreements  int
	OpenStagnations int
}

// Name is how the list names the family: its household name when shared,
// else its dossier number.
func (p *PartnerFamily) Name() string {
	if p.HouseholdName != "" {
		return p.HouseholdName
	}
	return DossierNumber(p.ID)
}

// DossierNumber returns the family's dossier number.
func (p *PartnerFamily) DossierNumber() string { return DossierNumber(p.ID) }

// AgreementSource says where an agreement was made.
type AgreementSource string

// The sources of a partner's agreements.
const (
	SourcePlan    AgreementSource = "plan"    // the family's plan (hulpverleningsplan)
	SourceNetwork AgreementSource = "netwerk" // a network meeting
)

// PartnerAgreement is an agreement the partner's organisation owns, with
// how it stands now.
type PartnerAgreement struct {
	Source AgreementSource
	// Key is the plan agreement's key, or the network agreement's id.
	Key    string
	Domain Domain // a plan agreement's life domain
	MadeOn Date   // a network agreement's meeting day
	What   string
	Due    Date
	Status AgreementStatus
	// StatusBy, StatusOn and Note are of the newest progress recorded.
	StatusBy string
	StatusOn Date
	Note     string
}

// Ref names the agreement in a form: "plan:<key>" or "netwerk:<id>".
func (a *PartnerAgreement) Ref() string { return string(a.Source) + ":" + a.Key }

// Overdue reports whether its day has passed while it is not finished.
func (a *PartnerAgreement) Overdue(today Date) bool {
	return !a.Status.Finished() && !a.Due.IsZero() && a.Due.Before(today)
}

// PartnerWork is what a partner sees of its own work with one family:
// whom to call, its organisation's agreements, and its reports.
type PartnerWork struct {
	FamilyID int64
	// HouseholdName is empty when the household is not shared.
	HouseholdName string
	OrgName       string
	Coordinator   *Assignment
	Duo           *Assignment
	ValidUntil    Date
	Disclosure    Disclosure
	// FamilyPage: the consents let the partner open the family's page;
	// Network: they cover the network meetings.
	FamilyPage bool
	Network    bool
	Closed     bool
	Agreements []*PartnerAgreement
	// Stagnations are the organisation's own reports, newest first.
	Stagnations []*Stagnation
	// CanProgress: record progress on the agreements; CanReport: report
	// stagnation (both end when the file is closed).
	CanProgress bool
	CanReport   bool
}

// Name is the household's name when shared, else the dossier number.
func (w *PartnerWork) Name() string {
	if w.HouseholdName != "" {
		return w.HouseholdName
	}
	return DossierNumber(w.FamilyID)
}

// AgreementProgressInput is what a partner records on one agreement.
type AgreementProgressInput struct {
	Agreement string // PartnerAgreement.Ref
	Status    AgreementStatus
	Note      string
}

// MaxProgressNote bounds the note: a line, not a report.
const MaxProgressNote = 500

// Validate checks the input and returns the agreement's source and key.
func (in *AgreementProgressInput) Validate() (AgreementSource, string, error) {
	in.Note = Clean(in.Note)
	var v Validation
	src, key, _ := strings.Cut(in.Agreement, ":")
	source := AgreementSource(src)
	switch source {
	case SourcePlan:
		if key == "" {
			return "", "", NotFound()
		}
	case SourceNetwork:
		if n, err := strconv.ParseInt(key, 10, 64); err != nil || n <= 0 {
			return "", "", NotFound()
		}
	default:
		return "", "", NotFound()
	}
	if !IsChoice(AgreementStatuses, in.Status) {
		v.Add("status", MsgChoiceInvalid)
	}
	v.MaxLen("note", in.Note, MaxProgressNote)
	return source, key, v.Err()
}

// NetworkAgreementID returns the id in a network agreement's Ref.
func NetworkAgreementID(key string) int64 {
	n, _ := strconv.ParseInt(key, 10, 64)
	return n
}

// PartnerFilter selects a page of a partner's families. Query matches
// the household's name where the consent shares it, or the dossier
// number: a name the partner may not see is never searched.
type PartnerFilter struct {
	Query  string
	Limit  int // 0: PartnerFamiliesPerPage
	Offset int
}

// PartnerFamiliesPerPage is a page of a partner's list: a large agency is
// named in the consents of thousands of families.
const PartnerFamiliesPerPage = 50

// Matches reports whether the family is one the query asks for.
func (f PartnerFilter) Matches(pf *PartnerFamily) bool {
	q := strings.ToLower(Clean(f.Query))
	if q == "" {
		return true
	}
	return strings.Contains(strings.ToLower(pf.HouseholdName), q) || strings.Contains(strings.ToLower(pf.DossierNumber()), q)
}

// PartnerFamilies is one page of a partner's list.
type PartnerFamilies struct {
	List  []*PartnerFamily
	Total int // all that match
}

// PartnerService is a network partner's own work.
type PartnerService interface {
	// FindPartnerFamilies lists a page of the families whose consent,
	// valid today, names the actor's organisation, by name, and how many
	// there are; only the page's families are read and audited.
	// EFORBIDDEN for anyone but a partner.
	FindPartnerFamilies(ctx context.Context, f PartnerFilter) (*PartnerFamilies, error)
	// FindPartnerWork returns the partner's work with one family.
	// ENOTFOUND (no such family, no valid consent naming the
	// organisation, or not a partner).
	FindPartnerWork(ctx context.Context, familyID int64) (*PartnerWork, error)
	// RecordAgreementProgress records how an agreement of the partner's
	// organisation stands. ENOTFOUND (also another organisation's
	// agreement, or one the consent does not let the partner see),
	// EINVALID.
	RecordAgreementProgress(ctx context.Context, familyID int64, in AgreementProgressInput) error
}
