package regie

import (
	"context"
	"strconv"
	"time"
)

// The youth worker's own track (seed 003 §6): "Samen besluiten de jongere
// en de jeugdhulpverlener wat er wordt aangepakt … Deze doelen en de
// uitwerking daarvan worden opgenomen in een apart hulpverleningsplan en
// afgestemd met de casemanager. Per leefgebied is vastgesteld welke
// stappen de jongeren gaat nemen … Het traject wordt afgesloten met een
// eindevaluatie." The youth worker is active six to nine months (a norm).
//
// A track has a shared part (SegYouth: that it runs, who, since when, its
// norm, and the agreements that concern the family) and a confidential
// part (SegYouthConfidential: the goals in the youth's words, the other
// agreements, the scores, what the contacts were about, the final
// evaluation). The store fills the confidential part only when the policy
// lets the reader see it; a page says it is confidential otherwise.

// YouthTrack is one period a youth worker works with a youth.
type YouthTrack struct {
	ID            int64
	FamilyID      int64
	HouseholdName string
	MemberID      int64
	MemberName    string
	WorkerID      int64
	WorkerName    string
	StartedOn     Date
	ClosedOn      Date // zero while it runs
	// Shared: the agreements that concern the family (ConcernsFamily).
	FamilyAgreements []*YouthAgreement
	// Shared: the norm (months) and, for a running track, the window of
	// its final evaluation and its signals today.
	NormMin, NormMax  int
	DueFrom, DueUntil Date
	Signals           []Signal

	// Confidential reports whether the reader sees the confidential part
	// below; when false it is empty and the page says so.
	Confidential bool
	Goals        []*YouthGoal
	Agreements   []*YouthAgreement // every agreement, the family's included
	Scores       []*YouthScoreMoment
	Contacts     []*Contact
	Evaluation   *YouthEvaluation
}

// ApplyNorm fills the norm, the window of the final evaluation and the
// signals of the track on a day.
func (t *YouthTrack) ApplyNorm(n Norms, today Date) {
	t.NormMin, t.NormMax = n.YouthTrackMinMonths, n.YouthTrackMaxMonths
	if !t.Running() {
		return
	}
	t.DueFrom, t.DueUntil = YouthTrackWindow(t.Facts(), n)
	t.Signals = YouthTrackSignals(t.Facts(), n, today)
}

// Running reports whether the track has not been closed.
func (t *YouthTrack) Running() bool { return t != nil && t.ID != 0 && t.ClosedOn.IsZero() }

// Facts returns what the norm of the track looks at.
func (t *YouthTrack) Facts() YouthTrackFacts {
	return YouthTrackFacts{TrackID: t.ID, FamilyID: t.FamilyID, MemberID: t.MemberID, MemberName: t.MemberName,
		StartedOn: t.StartedOn, ClosedOn: t.ClosedOn}
}

// GoalOn returns the goal of a life domain, or nil.
func (t *YouthTrack) GoalOn(d Domain) *YouthGoal {
	for _, g := range t.Goals {
		if g.Domain == d {
			return g
		}
	}
	return nil
}

// OwnAgreements returns the agreements that do not concern the family:
// those between the youth and the worker (confidential).
func (t *YouthTrack) OwnAgreements() []*YouthAgreement {
	var out []*YouthAgreement
	for _, a := range t.Agreements {
		if !a.ConcernsFamily {
			out = append(out, a)
		}
	}
	return out
}

// LatestScores returns the newest score moment, or nil.
func (t *YouthTrack) LatestScores() *YouthScoreMoment {
	if len(t.Scores) == 0 {
		return nil
	}
	return t.Scores[len(t.Scores)-1]
}

// YouthGoal is what the youth wants to change on one life domain, in the
// youth's own words, and the steps they take.
type YouthGoal struct {
	ID        int64
	Domain    Domain
	Words     string // the goal as the youth says it
	Steps     string // the steps the youth takes
	UpdatedAt time.Time
}

// YouthAgreement is an agreement of the youth's plan: who does what when.
// One that concerns the family ("betreft het gezin") is shared with the
// family's casemanager; the others stay between the youth and the worker.
type YouthAgreement struct {
	ID             int64
	Owner          string // who: the youth, the youth worker, a parent, an organisation, in words
	What           string
	Due            Date
	Status         AgreementStatus
	ConcernsFamily bool
}

// Overdue reports whether the agreement is open past its day.
func (a *YouthAgreement) Overdue(today Date) bool {
	return !a.Status.Finished() && !a.Due.IsZero() && a.Due.Before(today)
}

// YouthScoreKind is the moment a youth's self-reliance was scored.
type YouthScoreKind string

// The moments.
const (
	YouthScoreStart   YouthScoreKind = "start"
	YouthScoreBetween YouthScoreKind = "tussen"
	YouthScoreFinal   YouthScoreKind = "eind"
)

// YouthScoreKinds lists them with their Dutch labels.
var YouthScoreKinds = []Choice[YouthScoreKind]{
	{YouthScoreStart, "Begin van het traject"},
	{YouthScoreBetween, "Tussendoor"},
	{YouthScoreFinal, "Eindevaluatie"},
}

// Label returns the Dutch label.
func (k YouthScoreKind) Label() string { return LabelOf(YouthScoreKinds, k) }

// YouthScoreMoment is the youth's self-reliance per life domain on a day.
type YouthScoreMoment struct {
	ID     int64
	On     Date
	Kind   YouthScoreKind
	Scores map[Domain]Score
}

// YouthEvaluation is the youth's own final evaluation, which closes the
// track: per goal how far it was reached, and in the youth's own words
// how it goes now.
type YouthEvaluation struct {
	On     Date
	Goals  []*YouthGoalResult
	HowNow string
	ByName string
}

// YouthGoalResult is what the final evaluation found for one goal; the
// goal's words are kept with it.
type YouthGoalResult struct {
	GoalID int64
	Domain Domain
	Words  string
	Degree GoalDegree
	Note   string
}

// YouthTrackFacts are what the 6–9 month norm looks at.
type YouthTrackFacts struct {
	TrackID    int64
	FamilyID   int64
	MemberID   int64
	MemberName string
	StartedOn  Date
	ClosedOn   Date
	// Agreements are the track's open agreements due soon (the werkbak).
	Agreements []*YouthAgreement
}

// Link returns the track's page.
func (t YouthTrackFacts) Link() string { return YouthTrackLink(t.FamilyID, t.MemberID) }

// YouthTrackLink returns the page of a youth's track.
func YouthTrackLink(familyID, memberID int64) string {
	return WorkLink("", familyID) + "/jeugd/" + strconv.FormatInt(memberID, 10) + "/traject"
}

// YouthTrackWindow returns the days between which the track's final
// evaluation is due: from Norms.YouthTrackMinMonths to
// Norms.YouthTrackMaxMonths after the start.
func YouthTrackWindow(t YouthTrackFacts, n Norms) (from, until Date) {
	return t.StartedOn.AddMonths(n.YouthTrackMinMonths), t.StartedOn.AddMonths(n.YouthTrackMaxMonths)
}

// YouthTrackDue returns what is due for a running track: its final
// evaluation, due from the norm's lower bound (On) until its upper bound.
// ok is false for a closed track.
func YouthTrackDue(t YouthTrackFacts, n Norms) (d Due, until Date, ok bool) {
	if t.StartedOn.IsZero() || !t.ClosedOn.IsZero() {
		return Due{}, Date{}, false
	}
	from, until := YouthTrackWindow(t, n)
	return Due{Kind: DueYouthTrackEnd, What: Text(MsgDueYouthTrackEnd, t.MemberName), On: from}, until, true
}

// YouthTrackSignals computes the signals of a running track on a day: a
// reminder once the norm's lower bound is reached (the final evaluation
// is due), an alert once its upper bound has passed.
func YouthTrackSignals(t YouthTrackFacts, n Norms, today Date) []Signal {
	d, until, ok := YouthTrackDue(t, n)
	if !ok {
		return nil
	}
	months := MonthsBetween(t.StartedOn, today)
	switch {
	case today.After(until):
		return []Signal{{Kind: SignalYouthTrackLong, Alert: true,
			Text: Text(MsgSignalYouthTrackLong, t.MemberName, months, n.YouthTrackMaxMonths)}}
	case !today.Before(d.On):
		return []Signal{{Kind: SignalYouthTrackEnd,
			Text: Text(MsgSignalYouthTrackEnd, t.MemberName, months, until.Dutch())}}
	}
	return nil
}

// YouthTrackWork returns the werkbak's items of one of the worker's
// running tracks: the track itself with its final evaluation (on the day
// the norm's window opens, the window's end once it is open, late after
// it; a track far from its window is listed without a day), and its open
// agreements due up to this week.
func YouthTrackWork(t YouthTrackFacts, familyName string, n Norms, today Date) []*WorkItem {
	d, until, ok := YouthTrackDue(t, n)
	if !ok {
		return nil
	}
	link := t.Link()
	item := func(kind WorkKind, what, who string, on Date, alert bool) *WorkItem {
		u, ok := UrgencyOn(on, today)
		if !ok {
			u, on = UrgencyOpen, Date{}
		}
		return &WorkItem{FamilyID: t.FamilyID, FamilyName: familyName, Kind: kind, What: what, Who: who, On: on,
			Urgency: u, Alert: alert, Link: link, FamilyLink: WorkLink("", t.FamilyID)}
	}
	from := d.On
	var out []*WorkItem
	switch {
	case today.After(until):
		out = append(out, item(WorkKind(DueYouthTrackEnd), Text(MsgWorkYouthTrackLate, t.MemberName, n.YouthTrackMaxMonths), "", until, true))
	case !today.Before(from):
		out = append(out, item(WorkKind(DueYouthTrackEnd), Text(MsgWorkYouthTrackWindow, t.MemberName, until.Dutch()), "", until, false))
	default:
		out = append(out, item(WorkKind(DueYouthTrackEnd), Text(MsgWorkYouthTrackRuns, t.MemberName, t.StartedOn.Dutch(), from.Dutch(), until.Dutch()), "", from, false))
	}
	for _, a := range t.Agreements {
		if a.Status.Finished() || a.Due.IsZero() {
			continue
		}
		if _, ok := UrgencyOn(a.Due, today); ok {
			out = append(out, item(WorkKind(WorkYouthAgreement), a.What, a.Owner, a.Due, a.Overdue(today)))
		}
	}
	return out
}

// WorkYouthAgreement is an agreement of a youth's own plan on the werkbak.
const WorkYouthAgreement WorkKind = "jeugdafspraak"

// YouthStartInput is the start of a track as typed.
type YouthStartInput struct {
	StartedOn string
}

// YouthStartFacts are what the start of a track is checked against.
type YouthStartFacts struct {
	Today     Date
	BirthDate Date
	// AssignedOn is the day the youth worker was assigned to the youth.
	AssignedOn Date
	// Running: a track of the youth runs already.
	Running bool
}

// Validate checks the start day: not in the future, not before the
// youth worker was assigned, the youth 12 to 24 on that day, and no other
// track of the youth running.
func (in *YouthStartInput) Validate(f YouthStartFacts) (Date, error) {
	var v Validation
	on := v.PastDate("started_on", Clean(in.StartedOn), f.Today, true)
	if !on.IsZero() {
		if !f.AssignedOn.IsZero() && on.Before(f.AssignedOn) {
			v.Add("started_on", MsgYouthStartBeforeAssigned, f.AssignedOn.Dutch())
		}
		if age := f.BirthDate.YearsOn(on); !f.BirthDate.IsZero() && (age < YouthAgeMin || age > YouthAgeMax) {
			v.Add("started_on", MsgYouthAgeRange)
		}
	}
	if f.Running {
		v.Add("started_on", MsgYouthTrackRunning)
	}
	return on, v.Err()
}

// YouthAgreementInput is one agreement row of the plan form.
type YouthAgreementInput struct {
	Owner          string
	What           string
	Due            string
	ConcernsFamily bool
}

// YouthPlanInput is the youth's plan as typed: the goal per life domain
// (an empty one is no goal on that domain) and new agreements (an empty
// row is ignored).
type YouthPlanInput struct {
	Goals      map[Domain]string
	Steps      map[Domain]string
	Agreements []YouthAgreementInput
}

// The bounds of the youth plan's texts.
const (
	youthGoalMax  = 1000
	youthWhatMax  = 500
	youthOwnerMax = 200
	youthNoteMax  = 4000
)

// Normalize cleans the input in place.
func (in *YouthPlanInput) Normalize() {
	for d, s := range in.Goals {
		in.Goals[d] = Clean(s)
	}
	for d, s := range in.Steps {
		in.Steps[d] = Clean(s)
	}
	for i, a := range in.Agreements {
		in.Agreements[i].Owner, in.Agreements[i].What, in.Agreements[i].Due = Clean(a.Owner), Clean(a.What), Clean(a.Due)
	}
}

// Empty reports whether the agreement row was left empty (the form
// offers more rows than are used).
func (a YouthAgreementInput) Empty() bool { return a.Owner == "" && a.What == "" && a.Due == "" }

// Validate checks the plan (after Normalize): goals on known domains
// within bounds, steps only with a goal, and each agreement row that is
// not empty with who, what and a day not before the track started. It
// returns the agreements' days, by row. Field names: domain-<domain>,
// steps-<domain>, agreement-<i>-owner/what/due.
func (in *YouthPlanInput) Validate(startedOn Date) ([]Date, error) {
	var v Validation
	for d, s := range in.Goals {
		if !IsChoice(Domains, d) {
			v.Add("domain-"+string(d), MsgChoiceInvalid)
			continue
		}
		v.MaxLen("domain-"+string(d), s, youthGoalMax)
	}
	for d, s := range in.Steps {
		if s != "" && in.Goals[d] == "" {
			v.Add("domain-"+string(d), MsgYouthStepsWithoutGoal)
		}
		v.MaxLen("steps-"+string(d), s, youthGoalMax)
	}
	dues := make([]Date, len(in.Agreements))
	for i, a := range in.Agreements {
		if a.Empty() {
			continue
		}
		f := "agreement-" + strconv.Itoa(i) + "-"
		v.Required(f+"owner", a.Owner)
		v.MaxLen(f+"owner", a.Owner, youthOwnerMax)
		v.Required(f+"what", a.What)
		v.MaxLen(f+"what", a.What, youthWhatMax)
		if v.Required(f+"due", a.Due) {
			d, err := ParseDate(a.Due)
			switch {
			case err != nil:
				v.Add(f+"due", MsgDateInvalid)
			case !startedOn.IsZero() && d.Before(startedOn):
				v.Add(f+"due", MsgYouthDueBeforeStart, startedOn.Dutch())
			default:
				dues[i] = d
			}
		}
	}
	return dues, v.Err()
}

// HasGoal reports whether the plan names at least one goal.
func (in *YouthPlanInput) HasGoal() bool {
	for _, s := range in.Goals {
		if s != "" {
			return true
		}
	}
	return false
}

// YouthScoresInput is a moment of self-reliance scores as typed.
type YouthScoresInput struct {
	On     string
	Kind   YouthScoreKind
	Scores map[Domain]Score
}

// Validate checks the moment: a day from the start of the track to
// today, a known kind, valid scores, at least one domain scored.
func (in *YouthScoresInput) Validate(startedOn, today Date) (Date, error) {
	var v Validation
	on := v.PastDate("scored_on", Clean(in.On), today, true)
	if !on.IsZero() && !startedOn.IsZero() && on.Before(startedOn) {
		v.Add("scored_on", MsgYouthDateBeforeStart, startedOn.Dutch())
	}
	if !IsChoice(YouthScoreKinds, in.Kind) {
		v.Add("kind", MsgChoiceInvalid)
	}
	validateYouthScores(&v, in.Scores, true)
	return on, v.Err()
}

func validateYouthScores(v *Validation, scores map[Domain]Score, required bool) {
	n := 0
	for d, s := range scores {
		switch {
		case !IsChoice(Domains, d):
			v.Add("scores", MsgChoiceInvalid)
		case !s.Valid():
			v.Add("score-"+string(d), MsgChoiceInvalid)
		case s > 0:
			n++
		}
	}
	if required && n == 0 {
		v.Add("scores", MsgYouthScoresNone)
	}
}

// YouthGoalResultInput is one goal's row of the final evaluation.
type YouthGoalResultInput struct {
	GoalID int64
	Degree GoalDegree
	Note   string
}

// YouthEvaluationInput is the final evaluation as typed.
type YouthEvaluationInput struct {
	On     string
	Goals  []YouthGoalResultInput // in the order of the track's goals
	HowNow string
	Scores map[Domain]Score // optional: self-reliance at the end
}

// Validate checks the final evaluation against the track: held from the
// start to today, every goal of the plan judged (reached, partly, not),
// and the youth's own words on how it goes now. Field names:
// evaluated_on, goal-<i>-degree, goal-<i>-note, how_now, score-<domain>.
func (in *YouthEvaluationInput) Validate(t *YouthTrack, today Date) (Date, error) {
	in.HowNow = Clean(in.HowNow)
	var v Validation
	on := v.PastDate("evaluated_on", Clean(in.On), today, true)
	if !on.IsZero() && on.Before(t.StartedOn) {
		v.Add("evaluated_on", MsgYouthDateBeforeStart, t.StartedOn.Dutch())
	}
	byGoal := map[int64]YouthGoalResultInput{}
	for _, g := range in.Goals {
		byGoal[g.GoalID] = g
	}
	for i, g := range t.Goals {
		f := "goal-" + strconv.Itoa(i) + "-"
		r := byGoal[g.ID]
		if r.Degree == "" {
			v.Add(f+"degree", MsgRequired)
		} else if !IsChoice(GoalDegrees, r.Degree) {
			v.Add(f+"degree", MsgChoiceInvalid)
		}
		v.MaxLen(f+"note", Clean(r.Note), youthNoteMax)
	}
	v.Required("how_now", in.HowNow)
	v.MaxLen("how_now", in.HowNow, youthNoteMax)
	validateYouthScores(&v, in.Scores, false)
	return on, v.Err()
}

// YouthAgreementStatusInput is a new status of one agreement.
type YouthAgreementStatusInput struct {
	AgreementID int64
	Status      AgreementStatus
}

// YouthService keeps the youth workers' tracks. Every method decides
// access by the policy of the youth's track (SegYouth for the shared
// part, SegYouthConfidential for what the youth told in confidence) and
// audits with the youth's member id; a youth the reader may not see
// answers ENOTFOUND.
type YouthService interface {
	// FindYouthTrack returns the youth's newest track (a zero track with
	// only the youth and the permissions when none was started), the
	// confidential part only when the reader may see it. ENOTFOUND.
	FindYouthTrack(ctx context.Context, familyID, memberID int64) (*YouthTrack, YouthPermissions, error)
	// StartYouthTrack opens a track for the youth: the youth's own
	// worker only. EINVALID, ENOTFOUND.
	StartYouthTrack(ctx context.Context, familyID, memberID int64, in YouthStartInput) (*YouthTrack, error)
	// SaveYouthPlan saves the goals per domain and adds the agreements
	// of the running track. EINVALID, ENOTFOUND, ECONFLICT (no running
	// track).
	SaveYouthPlan(ctx context.Context, familyID, memberID int64, in YouthPlanInput) error
	// SetYouthAgreementStatus records how an agreement goes. EINVALID,
	// ENOTFOUND, ECONFLICT.
	SetYouthAgreementStatus(ctx context.Context, familyID, memberID int64, in YouthAgreementStatusInput) error
	// ScoreYouth records a moment of self-reliance scores. EINVALID,
	// ENOTFOUND, ECONFLICT.
	ScoreYouth(ctx context.Context, familyID, memberID int64, in YouthScoresInput) error
	// CreateYouthContact records a contact with the youth: it counts for
	// the family's hours, its note is confidential. EINVALID, ENOTFOUND,
	// ECONFLICT.
	CreateYouthContact(ctx context.Context, familyID, memberID int64, in ContactInput) (*Contact, error)
	// CloseYouthTrack records the final evaluation and closes the
	// track. EINVALID, ENOTFOUND, ECONFLICT.
	CloseYouthTrack(ctx context.Context, familyID, memberID int64, in YouthEvaluationInput) error
}
