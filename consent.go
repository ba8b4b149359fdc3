package regie

import (
	"context"
	"slices"
	"strings"
	"time"
)

// The toestemmingsverklaring: signed by the family during phase 2, it
// names the organisations with which information may be exchanged, for
// what and which kinds. regie enforces it: a partner organisation's user
// sees a family only while a valid consent names that organisation, and
// only the kinds it covers.

// InfoKind is a kind of information a consent covers: a section of the
// file, or a life domain of the plan.
type InfoKind string

// The sections of the file a consent can cover. Life domains are kinds
// too, as "domein:<domain>".
const (
	InfoFamily       InfoKind = "gezin"         // household, address, language
	InfoMembers      InfoKind = "gezinsleden"   // names, birth dates
	InfoPlan         InfoKind = "plan"          // the plan: goals, agreements and scores of the life domains covered
	InfoPlanGeneral  InfoKind = "plan-algemeen" // the plan's general part and its closing question
	InfoContacts     InfoKind = "contacten"     // contacts and hours
	InfoSafety       InfoKind = "veiligheid"    // safety concerns
	InfoTrajectories InfoKind = "trajecten"     // trajectories with agencies
	// InfoNetwork: the network meetings the organisation takes part in,
	// and its own agreements there; never the other organisations' parts.
	InfoNetwork InfoKind = "netwerkoverleg"
)

// InfoSections lists the sections with their Dutch labels.
var InfoSections = []Choice[InfoKind]{
	{InfoFamily, "Gezinsgegevens (samenstelling, adres, taal)"},
	{InfoMembers, "Gezinsleden (namen, geboortedata)"},
	{InfoPlan, "Hulpverleningsplan: doelen en afspraken op de gekozen leefgebieden"},
	{InfoPlanGeneral, "Hulpverleningsplan: het algemene deel (ontstaan, krachten, problemen) en wat het gezin nodig heeft"},
	{InfoTrajectories, "Trajecten bij instanties"},
	{InfoContacts, "Contactmomenten"},
	{InfoSafety, "Veiligheid van de kinderen"},
	{InfoNetwork, "Netwerkoverleg: de overleggen waarbij de organisatie is, en haar eigen afspraken"},
}

// DomainKind returns the kind for a life domain of the plan.
func DomainKind(d Domain) InfoKind { return InfoKind("domein:" + string(d)) }

// Label returns the Dutch label of a kind.
func (k InfoKind) Label() string {
	if IsChoice(InfoSections, k) {
		return LabelOf(InfoSections, k)
	}
	if d, ok := strings.CutPrefix(string(k), "domein:"); ok {
		return "Leefgebied " + Domain(d).Label()
	}
	return string(k)
}

// Valid reports whether k is a section or a life domain.
func (k InfoKind) Valid() bool {
	if IsChoice(InfoSections, k) {
		return true
	}
	d, ok := strings.CutPrefix(string(k), "domein:")
	return ok && IsChoice(Domains, Domain(d))
}

// SegmentKind returns the kind of information a data segment holds, or ""
// when no consent can cover it.
func SegmentKind(s Segment) InfoKind {
	switch s {
	case SegFamily:
		return InfoFamily
	case SegMembers:
		return InfoMembers
	case SegPlan:
		return InfoPlan
	case SegContacts:
		return InfoContacts
	case SegSafety:
		return InfoSafety
	case SegTrajectories:
		return InfoTrajectories
	case SegNetwork:
		return InfoNetwork
	}
	return ""
}

// Consent is a signed consent.
type Consent struct {
	ID             int64
	FamilyID       int64
	SignedOn       Date
	ValidUntil     Date // zero: until withdrawn
	Signers        []ConsentSigner
	Parties        []ConsentParty
	WithdrawnOn    Date
	WithdrawReason string
	DocumentID     int64 // the scanned, signed paper
	DocumentName   string
	CreatedBy      string
	CreatedAt      time.Time
}

// Valid reports whether the consent holds on a day.
func (c *Consent) Valid(on Date) bool {
	return !on.Before(c.SignedOn) && (c.ValidUntil.IsZero() || !on.After(c.ValidUntil)) &&
		(c.WithdrawnOn.IsZero() || on.Before(c.WithdrawnOn))
}

// ConsentSigner is a member who signed.
type ConsentSigner struct {
	MemberID int64
	Name     string
	Age      int
}

// ConsentParty is an organisation named in a consent, with the purpose and
// the kinds of information it may receive.
type ConsentParty struct {
	OrgID   int64
	OrgName string
	Purpose string
	Kinds   []InfoKind
}

// Covers reports whether the party may receive kind.
func (p ConsentParty) Covers(k InfoKind) bool {
	for _, x := range p.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// ConsentInput is what the casemanager records from the signed paper.
type ConsentInput struct {
	SignedOn   string
	ValidUntil string
	Signers    []int64
	Parties    []ConsentParty // OrgID, Purpose, Kinds
	Document   *Upload        // the signed paper, optional
}

// Upload is an uploaded file.
type Upload struct {
	Name    string
	Content []byte
}

// MaxUploadMB bounds an uploaded document.
const MaxUploadMB = 10

// DetectDocument returns the MIME type of a document by its content — a
// PDF, JPEG or PNG — or "" for anything else, whatever its name says.
func DetectDocument(b []byte) string {
	switch {
	case len(b) >= 5 && string(b[:5]) == "%PDF-":
		return "application/pdf"
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "image/jpeg"
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "image/png"
	}
	return ""
}

// Document is a stored document (the signed consent).
type Document struct {
	ID       int64
	FamilyID int64
	Name     string
	MIME     string
	Content  []byte
}

// ConsentService records consents; the policy enforces them.
type ConsentService interface {
	// FindConsents returns the family's consents, newest first. ENOTFOUND.
	FindConsents(ctx context.Context, familyID int64) ([]*Consent, error)
	// CreateConsent records a signed consent. It satisfies the phase 2
	// checklist item. EINVALID (no signer, no organisation, a youth of
	// 12–15 without a parent, a forged or oversized document), ENOTFOUND.
	CreateConsent(ctx context.Context, familyID int64, in ConsentInput) (*Consent, error)
	// AuthorizeConsentUpload decides whether the actor may record a
	// consent for the family, before the request's body (a scan of up to
	// MaxUploadMB) is read. A denial is audited. ENOTFOUND.
	AuthorizeConsentUpload(ctx context.Context, familyID int64) error
	// WithdrawConsent withdraws a consent from a day, with a reason;
	// access that relied on it ends. EINVALID, ENOTFOUND.
	WithdrawConsent(ctx context.Context, familyID, consentID int64, on, reason string) error
	// FindDocument returns a stored document for download (audited as an
	// export). ENOTFOUND.
	FindDocument(ctx context.Context, familyID, documentID int64) (*Document, error)
	// ExportConsentForm audits the printing of a pre-filled consent form
	// and returns the family for it. ENOTFOUND.
	ExportConsentForm(ctx context.Context, familyID int64) (*Family, error)
	// FindPartnerView returns who can see what of the family today and
	// until when, the consents that ended, the partner accounts, the
	// youths' own consents, and what partners recorded ("wie kan wat
	// zien"); read as the consents are. ENOTFOUND.
	FindPartnerView(ctx context.Context, familyID int64) (*PartnerView, error)
}

// Disclosure is how much of a family a reader is shown. The zero value is
// the whole file, as the staff who work with the family see it. A partner
// organisation's user reads under a consent: the store leaves out every
// part the consent does not cover — by section and by life domain — and
// sets ConsentID and Kinds from the policy's decision; a page then says of
// each part left out that it is "niet gedeeld onder de toestemming",
// never shows it as empty ("no safety concerns" would be false).
type Disclosure struct {
	// ConsentID is the consent the access relied on; 0: the whole file.
	ConsentID int64
	// Kinds are what the valid consents naming the reader's organisation
	// cover together.
	Kinds []InfoKind
}

// Partial reports whether the reader sees only part of the file.
func (d Disclosure) Partial() bool { return d.ConsentID != 0 }

// Shares reports whether the reader is shown a kind of information.
func (d Disclosure) Shares(k InfoKind) bool { return !d.Partial() || slices.Contains(d.Kinds, k) }

// SharesDomain reports whether the reader is shown what the file holds on
// a life domain (its assessment, goals, agreements, scores, trajectories).
func (d Disclosure) SharesDomain(dm Domain) bool { return d.Shares(DomainKind(dm)) }

// SharedDomains returns the life domains the reader is shown, in the order
// of Domains.
func (d Disclosure) SharedDomains() []Domain {
	var ds []Domain
	for _, c := range Domains {
		if d.SharesDomain(c.Value) {
			ds = append(ds, c.Value)
		}
	}
	return ds
}

// AllDomains reports whether every life domain is shown.
func (d Disclosure) AllDomains() bool { return len(d.SharedDomains()) == len(Domains) }

// SharedSections returns the sections the reader is shown.
func (d Disclosure) SharedSections() []Choice[InfoKind] { return d.sections(true) }

// WithheldSections returns the sections left out.
func (d Disclosure) WithheldSections() []Choice[InfoKind] { return d.sections(false) }

func (d Disclosure) sections(shared bool) []Choice[InfoKind] {
	var cs []Choice[InfoKind]
	for _, s := range InfoSections {
		if d.Shares(s.Value) == shared {
			cs = append(cs, s)
		}
	}
	return cs
}

// ValidateWithdrawal checks the withdrawal of a consent — the family's or
// a youth's own — from a day with a reason, given the day it was signed
// and whether it was withdrawn already; it returns the day.
func ValidateWithdrawal(on, reason string, signed, withdrawn, today Date) (Date, error) {
	var v Validation
	day := v.PastDate("withdrawn_on", Clean(on), today, true)
	reason = Clean(reason)
	v.Required("withdraw_reason", reason)
	v.MaxLen("withdraw_reason", reason, 2000)
	if !withdrawn.IsZero() {
		v.Add("withdrawn_on", MsgConsentWithdrawn)
	}
	if !day.IsZero() && day.Before(signed) {
		v.Add("withdrawn_on", MsgDateTooOld)
	}
	return day, v.Err()
}
