package regie

import (
	"context"
	"fmt"
	"time"
)

// Evaluations of the plan (seed 003 §5.4, §5.5 and appendix 2): the
// interim evaluation three months after the plan, then as the team sets,
// and the final evaluation at the end of the intensive phase. Each is a
// record with its participants, per goal of the agreed plan what it
// found, self-reliance scored again; the final one also scores the eight
// end terms and answers the plan's closing question. Its goal and end
// term scores are rows, countable for the reports.

// EvaluationKind is interim or final.
type EvaluationKind string

// The kinds of evaluation.
const (
	EvalInterim EvaluationKind = "tussen"
	EvalFinal   EvaluationKind = "eind"
)

// EvaluationKinds lists them with their Dutch labels.
var EvaluationKinds = []Choice[EvaluationKind]{
	{EvalInterim, "Tussenevaluatie"},
	{EvalFinal, "Eindevaluatie"},
}

// Label returns the Dutch label.
func (k EvaluationKind) Label() string { return LabelOf(EvaluationKinds, k) }

// Moment returns the scoring moment the evaluation's scores make.
func (k EvaluationKind) Moment() MomentKind {
	if k == EvalFinal {
		return "eindevaluatie"
	}
	return "tussenevaluatie"
}

// Origin returns the origin of a plan version made from the evaluation.
func (k EvaluationKind) Origin() PlanOrigin {
	if k == EvalFinal {
		return "eindevaluatie"
	}
	return "tussenevaluatie"
}

// Evaluation is one recorded evaluation.
type Evaluation struct {
	ID         int64
	FamilyID   int64
	FamilyName string // for the team agenda
	Kind       EvaluationKind
	On         Date
	// VersionNumber is the agreed plan version that was evaluated.
	VersionNumber int
	// Who took part: members of the family, the casemanager, the team,
	// others in their own words.
	Members     []*Member
	Casemanager bool
	Team        bool
	Others      string
	Goals       []*GoalEvaluation
	EndTerms    []*EndTermResult // final only, in the order of EndTerms
	// ClosingAnswer answers the plan's closing question: what does the
	// family need to go on under its own strength (final only).
	ClosingAnswer string
	// NextDueOn is when the next interim evaluation is due (interim only).
	NextDueOn Date
	Scores    map[Domain]Score
	// Discussed in the team meeting: when, by whom, the meeting's day.
	DiscussedAt time.Time
	DiscussedBy string
	MeetingDate Date
	// NewVersion is the number of the plan version made from this
	// evaluation (0: none yet).
	NewVersion int
	CreatedBy  string
	CreatedAt  time.Time

	// What the reader may do with it, as the policy decided.
	CanDiscuss      bool // record the discussion in this week's meeting
	CanStartVersion bool // start a plan version from it (no draft open)
}

// Discussed reports whether the team discussed the evaluation.
func (e *Evaluation) Discussed() bool { return !e.DiscussedAt.IsZero() }

// Participants names who took part, in Dutch, for lists.
func (e *Evaluation) Participants() []string {
	var out []string
	for _, m := range e.Members {
		out = append(out, m.Name())
	}
	if e.Casemanager {
		out = append(out, "de casemanager")
	}
	if e.Team {
		out = append(out, "het team")
	}
	if e.Others != "" {
		out = append(out, e.Others)
	}
	return out
}

// GoalEvaluation is what an evaluation found for one goal of the plan. The
// goal's words are kept with it: the plan may change after.
type GoalEvaluation struct {
	Key    string
	Text   string
	Domain Domain
	Member string
	// Interim: how it goes and what changes.
	Progress string
	Changes  string
	// Final: the degree it was reached, with a note.
	Degree GoalDegree
	Note   string
}

// EndTermResult is the score of one end term.
type EndTermResult struct {
	Term  EndTerm
	Score EndTermScore
	Note  string
}

// EvaluationList is a family's evaluations, newest first, and what the
// reader may start.
type EvaluationList struct {
	FamilyID    int64
	Evaluations []*Evaluation
	// NextInterimOn is when the next interim evaluation is due (zero:
	// none due).
	NextInterimOn Date
	// CanInterim, CanFinal: the reader may record one now (an agreed plan
	// is there; a final evaluation only once per intensive period).
	CanInterim bool
	CanFinal   bool
	// FinalOn is the day of the final evaluation of this intensive period.
	FinalOn Date
}

// EvaluationInput is what the evaluation form holds.
type EvaluationInput struct {
	Kind        EvaluationKind
	On          string
	Members     []int64
	Casemanager bool
	Team        bool
	Others      string
	// Goals by the goal's key.
	Goals         map[string]*GoalEvaluationInput
	EndTerms      map[EndTerm]*EndTermInput
	ClosingAnswer string
	Scores        map[Domain]Score
	// NextDue is when the next interim evaluation is due; empty: the norm
	// after this one.
	NextDue string
}

// GoalEvaluationInput is one goal's row of the form.
type GoalEvaluationInput struct {
	Progress string
	Changes  string
	Degree   GoalDegree
	Note     string
}

// EndTermInput is one end term's row of the form.
type EndTermInput struct {
	Score EndTermScore
	Note  string
}

// EvaluationFacts are what the rules of an evaluation look at, read by the
// store.
type EvaluationFacts struct {
	Today Date
	// PlanAgreedOn is when the plan version to evaluate was agreed (zero:
	// no agreed plan, nothing to evaluate).
	PlanAgreedOn Date
	// Goals are the goals of that version.
	Goals []*Goal
	// Members are the ids of the family's members.
	Members map[int64]bool
	// FinalOn is the day of the final evaluation in the current intensive
	// period (zero: none yet).
	FinalOn Date
	Norms   Norms
}

// The bounds of an evaluation's texts.
const (
	evalNoteMax   = 4000
	evalOthersMax = 500
	evalClosedMax = 10000
)

// Validate checks the input against the facts and returns the day of the
// evaluation and, for an interim one, the day the next is due. Field
// names: on, participants, members, others, goal-<key>-progress|changes|
// degree|note, term-<key>-score|note, closing_answer, scores,
// score-<domain>, next_due.
func (in *EvaluationInput) Validate(f EvaluationFacts) (on, next Date, err error) {
	var v Validation
	in.Others, in.ClosingAnswer = Clean(in.Others), Clean(in.ClosingAnswer)
	if !IsChoice(EvaluationKinds, in.Kind) {
		v.Add("kind", MsgChoiceInvalid)
	}
	if f.PlanAgreedOn.IsZero() {
		v.Add("on", MsgEvalNoPlan)
	}
	on = v.PastDate("on", Clean(in.On), f.Today, true)
	if !on.IsZero() && !f.PlanAgreedOn.IsZero() && on.Before(f.PlanAgreedOn) {
		v.Add("on", MsgEvalBeforePlan, f.PlanAgreedOn.Dutch())
	}
	switch {
	case in.Kind == EvalFinal && !f.FinalOn.IsZero():
		v.Add("kind", MsgEvalFinalDone, f.FinalOn.Dutch())
	case in.Kind == EvalInterim && !f.FinalOn.IsZero():
		v.Add("kind", MsgEvalAfterFinal, f.FinalOn.Dutch())
	}
	if len(in.Members) == 0 && !in.Casemanager && !in.Team && in.Others == "" {
		v.Add("participants", MsgEvalParticipants)
	}
	for _, m := range in.Members {
		if !f.Members[m] {
			v.Add("members", MsgMemberOtherFamily)
		}
	}
	v.MaxLen("others", in.Others, evalOthersMax)
	inPlan := map[string]bool{}
	for _, g := range f.Goals {
		inPlan[g.Key] = true
	}
	for key := range in.Goals {
		if !inPlan[key] {
			v.Add("plan_goals", MsgEvalGoalUnknown)
		}
	}
	for _, g := range f.Goals {
		gi := in.Goals[g.Key]
		if gi == nil {
			gi = &GoalEvaluationInput{}
			if in.Goals == nil {
				in.Goals = map[string]*GoalEvaluationInput{}
			}
			in.Goals[g.Key] = gi
		}
		gi.Progress, gi.Changes, gi.Note = Clean(gi.Progress), Clean(gi.Changes), Clean(gi.Note)
		field := func(name string) string { return fmt.Sprintf("goal-%s-%s", g.Key, name) }
		v.MaxLen(field("progress"), gi.Progress, evalNoteMax)
		v.MaxLen(field("changes"), gi.Changes, evalNoteMax)
		v.MaxLen(field("note"), gi.Note, evalNoteMax)
		switch in.Kind {
		case EvalFinal:
			if gi.Degree == "" {
				v.Add(field("degree"), MsgEvalGoalDegree)
			} else if !IsChoice(GoalDegrees, gi.Degree) {
				v.Add(field("degree"), MsgChoiceInvalid)
			}
		case EvalInterim:
			gi.Degree, gi.Note = "", ""
		}
	}
	if in.Kind == EvalFinal {
		for key := range in.EndTerms {
			if !IsChoice(EndTerms, key) {
				v.Add("terms", MsgChoiceInvalid)
			}
		}
		for _, t := range EndTerms {
			field := func(name string) string { return fmt.Sprintf("term-%s-%s", t.Value, name) }
			ti := in.EndTerms[t.Value]
			if ti == nil || ti.Score == "" {
				v.Add(field("score"), MsgEvalEndTermScore)
				continue
			}
			ti.Note = Clean(ti.Note)
			if !IsChoice(EndTermScores, ti.Score) {
				v.Add(field("score"), MsgChoiceInvalid)
			}
			v.MaxLen(field("note"), ti.Note, evalNoteMax)
		}
		if in.ClosingAnswer == "" {
			v.Add("closing_answer", MsgRequired)
		}
		v.MaxLen("closing_answer", in.ClosingAnswer, evalClosedMax)
	} else {
		in.EndTerms, in.ClosingAnswer = nil, ""
	}
	scored := 0
	for d, s := range in.Scores {
		switch {
		case !IsChoice(Domains, d):
			v.Add("scores", MsgChoiceInvalid)
		case s == 0:
			delete(in.Scores, d)
		case s < 1 || s > 5:
			v.Add("score-"+string(d), MsgChoiceInvalid)
		default:
			scored++
		}
	}
	if scored == 0 {
		v.Add("scores", MsgScoresNeeded)
	}
	if in.Kind == EvalInterim {
		if nd := Clean(in.NextDue); nd == "" {
			if !on.IsZero() {
				next = on.AddMonths(f.Norms.InterimAfterPlanMonths)
			}
		} else if d, perr := ParseDate(nd); perr != nil {
			v.Add("next_due", MsgDateInvalid)
		} else if !on.IsZero() && !d.After(on) {
			v.Add("next_due", MsgEvalNextAfter)
		} else if !on.IsZero() && d.After(on.AddMonths(24)) {
			v.Add("next_due", MsgEvalNextTooFar)
		} else {
			next = d
		}
	}
	return on, next, v.Err()
}

// EvaluationService keeps the evaluations. Every method decides access
// through the policy and is audited, a denied attempt too.
type EvaluationService interface {
	// FindEvaluations returns the family's evaluations. ENOTFOUND.
	FindEvaluations(ctx context.Context, familyID int64) (*EvaluationList, error)
	// FindEvaluation returns one evaluation. ENOTFOUND.
	FindEvaluation(ctx context.Context, familyID, id int64) (*Evaluation, error)
	// EvaluationGoals returns the agreed plan version an evaluation of
	// the family would evaluate, with its goals, for the form. ENOTFOUND
	// (also when no plan was agreed).
	EvaluationGoals(ctx context.Context, familyID int64) (*PlanVersion, error)
	// RecordEvaluation records an evaluation: its scores become a scoring
	// moment, the phase's checklist item is ticked by it. EINVALID,
	// ENOTFOUND.
	RecordEvaluation(ctx context.Context, familyID int64, in EvaluationInput) (*Evaluation, error)
	// MarkEvaluationDiscussed records that the team discussed it, as a
	// decision of this week's team meeting. ECONFLICT (discussed
	// already), EFORBIDDEN, ENOTFOUND.
	MarkEvaluationDiscussed(ctx context.Context, familyID, id int64) error
	// StartPlanFromEvaluation starts the next plan version from the
	// evaluation (origin: its kind), linked to it. ECONFLICT (a draft is
	// open, or a version was made from it already), ENOTFOUND.
	StartPlanFromEvaluation(ctx context.Context, familyID, id int64) (*PlanVersion, error)
}
