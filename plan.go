package regie

import (
	"context"
	"fmt"
	"time"
)

// The hulpverleningsplan: one plan per family, made with the parents after
// three to four months (seed 003 §4.3), discussed in the team, agreed with
// the family, adjusted at every evaluation. Every version is kept; an
// agreed version is frozen.

// PlanStatus is where a plan version stands.
type PlanStatus string

// The statuses of a plan version.
const (
	PlanDraft     PlanStatus = "concept"
	PlanDiscussed PlanStatus = "besproken"   // discussed in the team meeting
	PlanAgreed    PlanStatus = "vastgesteld" // agreed with the family: frozen
)

// PlanStatuses lists them with their Dutch labels.
var PlanStatuses = []Choice[PlanStatus]{
	{PlanDraft, "Concept"},
	{PlanDiscussed, "Besproken in het teamoverleg"},
	{PlanAgreed, "Vastgesteld met het gezin"},
}

// Label returns the Dutch label.
func (s PlanStatus) Label() string { return LabelOf(PlanStatuses, s) }

// PlanOrigin is why a version was made.
type PlanOrigin string

// PlanOrigins lists the occasions for a new version.
var PlanOrigins = []Choice[PlanOrigin]{
	{"eerste", "Eerste plan"},
	{"tussenevaluatie", "Tussenevaluatie"},
	{"eindevaluatie", "Eindevaluatie"},
	{"wijziging", "Gewijzigde situatie"},
}

// Label returns the Dutch label.
func (o PlanOrigin) Label() string { return LabelOf(PlanOrigins, o) }

// PlanVersion is one version of a family's plan.
type PlanVersion struct {
	ID       int64
	FamilyID int64
	Number   int
	Status   PlanStatus
	Origin   PlanOrigin

	// How the situation arose, the core of the problem, and now.
	History   string
	Strengths string
	Obstacles string
	Problems  string
	Situation string
	// Per life domain, in the order of Domains.
	Domains []*DomainAssessment
	Goals   []*Goal
	// Agreements are who does what when.
	Agreements []*Agreement
	// ClosingQuestion: what does the family need to go on under its own
	// strength (with regular help)?
	ClosingQuestion string
	// Disclosure says what of the version the reader is shown: a
	// partner's consent may cover some life domains only.
	Disclosure Disclosure
	// Youth are the youths of the family with a track of their own, as
	// the plan's PDF shows them (set by PlanService.ExportPlan only):
	// what a youth told in confidence only under their own consent.
	Youth []*YouthInPlan

	DiscussedAt time.Time
	DiscussedBy string
	MeetingDate Date
	// ChangedAfterDiscussion is when a discussed version was changed and
	// so went back to concept (PlanStatus.AfterEdit): it is to be
	// discussed again. Zero when it was not, or was discussed since.
	ChangedAfterDiscussion time.Time
	AgreedOn               Date
	AgreedWith             string // who of the family agreed (signed)
	AgreedBy               string
	CreatedAt              time.Time
	CreatedByName          string
	UpdatedAt              time.Time
	// Revision counts the saves of a draft; the edit form carries it
	// (PlanInput.Revision). UpdatedByName is who saved it last.
	Revision      int
	UpdatedByName string
}

// Frozen reports whether the version can no longer change.
func (v *PlanVersion) Frozen() bool { return v.Status == PlanAgreed }

// Domain returns the assessment of a domain (an empty one if none).
func (v *PlanVersion) Domain(d Domain) *DomainAssessment {
	for _, a := range v.Domains {
		if a.Domain == d {
			return a
		}
	}
	return &DomainAssessment{Domain: d}
}

// DomainAssessment is the plan's view of one life domain.
type DomainAssessment struct {
	Domain    Domain
	Situation string
	Strengths string
	Obstacles string
	Score     Score // the household's
	// MemberScores holds scores of members where it matters.
	MemberScores map[int64]Score
}

// Empty reports whether nothing was written or scored for the domain.
func (a *DomainAssessment) Empty() bool {
	return a.Situation == "" && a.Strengths == "" && a.Obstacles == "" && a.Score == 0 && len(a.MemberScores) == 0
}

// GoalTerm is short or long term.
type GoalTerm string

// GoalTerms lists them.
var GoalTerms = []Choice[GoalTerm]{
	{"kort", "Korte termijn"},
	{"lang", "Lange termijn"},
}

// Label returns the Dutch label.
func (t GoalTerm) Label() string { return LabelOf(GoalTerms, t) }

// Goal is a goal in the family's own words, for the family as a whole or
// one member, on a life domain.
type Goal struct {
	ID       int64
	Key      string // stable across versions, for comparing them
	Term     GoalTerm
	Domain   Domain
	MemberID int64 // 0: the family
	Member   string
	Text     string
	// WorkingLines are the balance model's working lines tied to the
	// goal (by its Key), for a reader of the balance model.
	WorkingLines []WorkingLine
}

// OwnerKind is who an agreement belongs to.
type OwnerKind string

// The owners of an agreement.
const (
	OwnerMember       OwnerKind = "gezinslid"
	OwnerCasemanager  OwnerKind = "casemanager"
	OwnerOrganisation OwnerKind = "organisatie"
	// OwnerNetwork is a person of the family's informal network.
	OwnerNetwork OwnerKind = "netwerk"
)

// AgreementStatus is how an agreement is going. It is kept apart from the
// plan's (frozen) text: progress goes on after the plan is agreed.
type AgreementStatus string

// The statuses of an agreement.
const (
	AgreementOpen    AgreementStatus = "afgesproken"
	AgreementRunning AgreementStatus = "loopt"
	AgreementDone    AgreementStatus = "gedaan"
	AgreementFailed  AgreementStatus = "niet_gelukt"
	AgreementDropped AgreementStatus = "vervallen"
)

// AgreementStatuses lists them with their Dutch labels.
var AgreementStatuses = []Choice[AgreementStatus]{
	{AgreementOpen, "Afgesproken"},
	{AgreementRunning, "Loopt"},
	{AgreementDone, "Gedaan"},
	{AgreementFailed, "Niet gelukt"},
	{AgreementDropped, "Vervallen"},
}

// Label returns the Dutch label.
func (s AgreementStatus) Label() string { return LabelOf(AgreementStatuses, s) }

// Finished reports whether the agreement needs no more follow-up.
func (s AgreementStatus) Finished() bool {
	return s == AgreementDone || s == AgreementFailed || s == AgreementDropped
}

// Agreement is who does what by when.
type Agreement struct {
	ID        int64
	Key       string // stable across versions
	OwnerKind OwnerKind
	MemberID  int64
	OrgID     int64
	PersonID  int64  // a person of the informal network (OwnerNetwork)
	Owner     string // the name, for display
	// Domain is the life domain the agreement serves; a partner's consent
	// covers an agreement through it ("": shared with no partner).
	Domain   Domain
	What     string
	Due      Date
	Status   AgreementStatus
	StatusBy string
	StatusAt time.Time
	// StatusNote is the note recorded with the newest status (a
	// partner's short explanation of its progress).
	StatusNote string
}

// Overdue reports whether the agreement is past its date and not finished.
func (a *Agreement) Overdue(today Date) bool { return !a.Status.Finished() && a.Due.Before(today) }

// PlanInput is what the casemanager writes in the plan form. Goals and
// agreements are rows; empty rows are ignored (and keep their number, so a
// message names the row the person sees).
type PlanInput struct {
	History, Strengths, Obstacles, Problems, Situation string
	Domains                                            map[Domain]*DomainAssessment
	Goals                                              []GoalInput
	Agreements                                         []AgreementInput
	ClosingQuestion                                    string
	// Revision is the draft's Revision when the form was read: the store
	// refuses the save (ESTALE) when someone saved the draft since.
	Revision int
}

// GoalInput is one goal row of the form.
type GoalInput struct {
	Key      string
	Term     GoalTerm
	Domain   Domain
	MemberID int64
	Text     string
}

// Empty reports whether nothing was typed or chosen in the row (the term
// has a default, so it does not count). Empty rows are left out.
func (in GoalInput) Empty() bool { return Clean(in.Text) == "" && in.Domain == "" && in.MemberID == 0 }

// AgreementInput is one agreement row of the form. Owner is "m:<member
// id>", "c:<user id>", "o:<organisation id>" or "p:<person of the
// informal network>" (an OwnerChoice).
type AgreementInput struct {
	Key    string
	Owner  string
	Domain Domain // optional: without it no partner sees the agreement
	What   string
	Due    string
}

// Empty reports whether nothing was typed in the row.
func (in AgreementInput) Empty() bool {
	return Clean(in.What) == "" && Clean(in.Due) == "" && in.Owner == ""
}

// Validate checks the plan input. Field names of rows are goal-N-field and
// agreement-N-field over the rows given.
func (in *PlanInput) Validate() error {
	var v Validation
	for _, s := range []*string{&in.History, &in.Strengths, &in.Obstacles, &in.Problems, &in.Situation, &in.ClosingQuestion} {
		*s = Clean(*s)
	}
	for _, f := range []struct {
		name  string
		value string
	}{{"history", in.History}, {"strengths", in.Strengths}, {"obstacles", in.Obstacles}, {"problems", in.Problems},
		{"situation", in.Situation}, {"closing_question", in.ClosingQuestion}} {
		v.MaxLen(f.name, f.value, 10000)
	}
	for d, a := range in.Domains {
		if !IsChoice(Domains, d) {
			v.Add("domains", MsgChoiceInvalid)
			continue
		}
		a.Domain = d
		a.Situation, a.Strengths, a.Obstacles = Clean(a.Situation), Clean(a.Strengths), Clean(a.Obstacles)
		if !a.Score.Valid() {
			v.Add("score-"+string(d), MsgChoiceInvalid)
		}
		for _, s := range a.MemberScores {
			if !s.Valid() {
				v.Add("score-"+string(d), MsgChoiceInvalid)
			}
		}
		for _, t := range []string{a.Situation, a.Strengths, a.Obstacles} {
			v.MaxLen("domain-"+string(d), t, 4000)
		}
	}
	for i, g := range in.Goals {
		if g.Empty() {
			continue
		}
		g.Text = Clean(g.Text)
		in.Goals[i] = g
		field := func(f string) string { return fmt.Sprintf("goal-%d-%s", i, f) }
		if g.Text == "" {
			v.Add(field("text"), MsgGoalNeedsWords)
		}
		v.MaxLen(field("text"), g.Text, 2000)
		if !IsChoice(GoalTerms, g.Term) {
			v.Add(field("term"), MsgChoiceInvalid)
		}
		if !IsChoice(Domains, g.Domain) {
			v.Add(field("domain"), MsgGoalNeedsDomain)
		}
	}
	validateAgreementRows(&v, in.Agreements)
	return v.Err()
}

// validateAgreementRows checks agreement rows by the plan's rules (an
// owner, a what and a due date; empty rows skipped), with field names
// agreement-N-field: the plan form's and the family council's.
func validateAgreementRows(v *Validation, rows []AgreementInput) {
	for i, a := range rows {
		if a.Empty() {
			continue
		}
		a.What = Clean(a.What)
		rows[i] = a
		field := func(f string) string { return fmt.Sprintf("agreement-%d-%s", i, f) }
		if a.Domain != "" && !IsChoice(Domains, a.Domain) {
			v.Add(field("domain"), MsgChoiceInvalid)
		}
		v.Required(field("what"), a.What)
		v.MaxLen(field("what"), a.What, 2000)
		if a.Owner == "" {
			v.Add(field("owner"), MsgAgreementNeedsOwner)
		}
		if Clean(a.Due) == "" {
			v.Add(field("due"), MsgAgreementNeedsDate)
		} else if _, err := ParseDate(a.Due); err != nil {
			v.Add(field("due"), MsgDateInvalid)
		}
	}
}

// PlanAgreement records that the family agreed to a version: that freezes it.
type PlanAgreement struct {
	On   string // the day, as typed
	With string // who of the family agreed (signed)
}

// ScoreMoment is a moment at which self-reliance was scored: the start,
// the plan, every evaluation, the end.
type ScoreMoment struct {
	ID           int64
	FamilyID     int64
	Kind         MomentKind
	On           Date
	VersionID    int64 // the plan version, for a plan moment
	Scores       map[Domain]Score
	MemberScores map[Domain]map[int64]Score
	CreatedBy    string
}

// MomentKind is the kind of scoring moment.
type MomentKind string

// MomentKinds lists them in the order of a family's journey.
var MomentKinds = []Choice[MomentKind]{
	{"start", "Start"},
	{"plan", "Hulpverleningsplan"},
	{"tussenevaluatie", "Tussenevaluatie"},
	{"eindevaluatie", "Eindevaluatie"},
	{"einde", "Einde"},
}

// Label returns the Dutch label.
func (k MomentKind) Label() string { return LabelOf(MomentKinds, k) }

// PlanOverview is a family's plan: the versions, the current one, the
// agreements' progress, the scores over time.
type PlanOverview struct {
	FamilyID   int64
	Versions   []*PlanVersion // newest first, without their content
	Current    *PlanVersion   // the newest version, with its content
	Agreed     *PlanVersion   // the newest agreed version, with its content
	Moments    []*ScoreMoment // oldest first
	Disclosure Disclosure     // what of the plan the reader is shown
	CanEdit    bool
	// CanDiscuss: the actor records the draft as discussed in the team
	// meeting (the team leader, a concept only).
	CanDiscuss bool
	// CanAgree: the actor records the family's agreement to the draft —
	// only once the team discussed it (PlanStatus.CheckAgree).
	CanAgree bool
	// CanExport: the reader may print a version (a partner may not).
	CanExport bool
}

// Draft returns the version being written, or nil.
func (o *PlanOverview) Draft() *PlanVersion {
	if o.Current != nil && !o.Current.Frozen() {
		return o.Current
	}
	return nil
}

// PlanService keeps the plans. Every method decides access through the
// policy and is audited; a frozen version is never changed (the store
// refuses it).
type PlanService interface {
	// FindPlan returns the family's plan. ENOTFOUND.
	FindPlan(ctx context.Context, familyID int64) (*PlanOverview, error)
	// FindPlanVersion returns one version with its content. ENOTFOUND.
	FindPlanVersion(ctx context.Context, familyID int64, number int) (*PlanVersion, error)
	// StartPlanVersion starts the first version, or a new one from the
	// newest: only when no draft is open. ECONFLICT, ENOTFOUND.
	StartPlanVersion(ctx context.Context, familyID int64, origin PlanOrigin) (*PlanVersion, error)
	// SavePlanDraft saves the draft, from the revision in.Revision.
	// EINVALID, ECONFLICT (frozen), ESTALE (saved by someone else since),
	// ENOTFOUND. Saving a discussed version sets it back to concept: it is
	// to be discussed again (PlanStatus.AfterEdit).
	SavePlanDraft(ctx context.Context, familyID int64, number int, in PlanInput) error
	// MarkPlanDiscussed records that the team discussed the version, as a
	// decision of this week's team meeting; only a concept. ECONFLICT,
	// ENOTFOUND, EFORBIDDEN.
	MarkPlanDiscussed(ctx context.Context, familyID int64, number int) error
	// AgreePlan records the family's agreement and freezes the version;
	// its scores become a scoring moment. Only a version the team
	// discussed (ECONFLICT otherwise). EINVALID, ECONFLICT, ENOTFOUND.
	AgreePlan(ctx context.Context, familyID int64, number int, in PlanAgreement) error
	// SetAgreementStatus records the progress of an agreement of the
	// agreed plan. EINVALID, ENOTFOUND.
	SetAgreementStatus(ctx context.Context, familyID int64, key string, status AgreementStatus) error
	// AddScoreMoment records a scoring moment outside the plan (the start,
	// an evaluation, the end). EINVALID, ENOTFOUND.
	AddScoreMoment(ctx context.Context, familyID int64, kind MomentKind, on string, scores map[Domain]Score) error
	// ExportPlan returns an agreed (or the newest) version for printing, and
	// audits it as an export. ENOTFOUND.
	ExportPlan(ctx context.Context, familyID int64, number int) (*PlanVersion, *Family, error)
}
