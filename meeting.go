package regie

import (
	"context"
	"time"
)

// Meeting is a weekly team meeting (teamoverleg) of one team.
type Meeting struct {
	ID       int64
	TeamID   int64
	TeamName string
	HeldOn   Date
}

// MeetingItem is a free item on the agenda.
type MeetingItem struct {
	ID        int64
	Title     string
	Note      string
	CreatedBy string
}

// DecisionLink says what a meeting decision decided, besides its text.
type DecisionLink string

// The things a decision in the meeting links to.
const (
	LinkNone   DecisionLink = ""
	LinkPhase  DecisionLink = "fase"   // a phase change (the transition id)
	LinkIntake DecisionLink = "intake" // an intake decision
	LinkPlan   DecisionLink = "plan"   // a plan version discussed
	// LinkEvaluation: an interim or final evaluation discussed.
	LinkEvaluation DecisionLink = "evaluatie"
	// LinkStagnation: a partner's report of stagnation discussed.
	LinkStagnation DecisionLink = "stagnatie"
)

// MeetingDecision is one decision recorded in a meeting, per agenda item.
type MeetingDecision struct {
	ID         int64
	MeetingID  int64
	FamilyID   int64
	FamilyName string
	ReferralID int64
	ItemID     int64
	ItemTitle  string
	Text       string
	LinkedKind DecisionLink
	LinkedID   int64
	LinkedText string // e.g. "naar fase 3 (Uitvoering)"
	DecidedBy  string
	DecidedAt  time.Time
}

// MeetingDecisionInput records a decision on a family or a free item; a
// decision on a family may also move it to its next phase.
type MeetingDecisionInput struct {
	FamilyID  int64
	ItemID    int64
	Text      string
	MovePhase bool
	// PhaseReason is needed when the checklist is not complete.
	PhaseReason string
}

// Agenda is a meeting prepared from the data: what the team should
// discuss, acute unsafety first, and what it decided.
type Agenda struct {
	Meeting *Meeting
	// Acute lists families with acute unsafety: always first.
	Acute []*FamilySummary
	// Referrals await an intake decision: new ones and those on this
	// meeting's agenda.
	Referrals []*ReferralSummary
	// Waiting is the waiting list, with the priority list and openings.
	Waiting []*ReferralSummary
	// PortfolioDue are referrals in portfolio whose review date has come.
	PortfolioDue []*ReferralSummary
	// Plans are families whose plan is due or late.
	Plans []*FamilySummary
	// Evaluations are families whose interim evaluation is due.
	Evaluations []*FamilySummary
	// EvaluationsToDiscuss are evaluations recorded and not yet
	// discussed in the team meeting, oldest first.
	EvaluationsToDiscuss []*Evaluation
	// Signals are the other families with signals, most urgent first.
	Signals []*FamilySummary
	// Drafts are every plan draft (concept) of the team's open families:
	// ready for discussion, not only the late ones.
	Drafts []*AgendaDraft
	// Closings are the families closing the intensive phase: in phase 4,
	// or entered phase 5 since the previous meeting (PreviousOn).
	Closings   []*FamilySummary
	PreviousOn Date
	// Unassigned are the team's open families without a casemanager (no
	// current coordinator); CanAssign: the actor assigns one.
	Unassigned []*FamilySummary
	CanAssign  bool
	// Duplicates are, per referral awaiting a decision (by id), the known
	// families it may be: the decision is taken here.
	Duplicates map[int64][]*DuplicateCandidate
	Items      []*MeetingItem
	// Decisions recorded in this meeting, and the intake decisions taken
	// in it: together the minutes.
	Decisions       []*MeetingDecision
	IntakeDecisions []*IntakeDecision
	// IntakeNames names the referrals of the intake decisions.
	IntakeNames map[int64]string
	// CanDecide: the actor (the team leader) records decisions.
	CanDecide bool
	// Past: the meeting was held in an earlier week. Its minutes are
	// fixed, and its agenda is not recomputed from today's data (the
	// signals of today were not discussed then): only its items and
	// decisions are shown.
	Past bool

	// Checkups are the outcomes of the check-ups after closing recorded
	// since the previous meeting, worrying ones first.
	Checkups []*Checkup

	// Stagnations are the partners' reports of stagnation in the team's
	// open families that the team has not discussed yet, oldest first
	// (FamilyName filled); the team leader marks each discussed
	// (CanDecide).
	Stagnations []*Stagnation
}

// AgendaDraft is a plan draft on the agenda.
type AgendaDraft struct {
	FamilyID    int64
	FamilyName  string
	Number      int
	Coordinator string
	UpdatedAt   time.Time
	// CanMarkDiscussed: the actor records that the team discussed it
	// (the team leader; regie.PlanService.MarkPlanDiscussed).
	CanMarkDiscussed bool
}

// MeetingWeekday is the day of the week the team meets.
const MeetingWeekday = time.Monday

// NextMeetingDay returns the day of the team meeting that the
// "Teamoverleg" menu opens on a day: this week's while it has not passed
// (today included), else the next one.
func NextMeetingDay(today Date) Date {
	return today.AddDays((int(MeetingWeekday) - int(today.Time().Weekday()) + 7) % 7)
}

// Supervision is the monthly work supervision (werkbegeleiding) of one
// worker: caseload, hours, signals, families per phase, and the sessions
// held.
type Supervision struct {
	User      *User
	Families  []*FamilySummary
	PerPhase  map[Phase]int
	ThisMonth int // minutes of the worker's own contacts this month
	PerWeek   []WeekHours
	Caseload  *Caseload
	// Sessions are the sessions held with the worker, newest first; the
	// form for the next one shows the agreements of the last.
	Sessions []*SupervisionSession
	Due      SupervisionDue
	// CanRecord: the actor records a session with the worker.
	CanRecord bool
}

// MeetingService prepares the team meeting and records its decisions,
// and keeps the team leader's monthly supervision of the team's workers.
type MeetingService interface {
	SupervisionService
	// FindAgenda returns the meeting of the actor's team on a day (made
	// when first opened) with its agenda. The team's staff read it; the
	// team leader decides. EINVALID (a bad day), EFORBIDDEN.
	FindAgenda(ctx context.Context, day string, export bool) (*Agenda, error)
	// AddMeetingItem adds a free item. EINVALID, EFORBIDDEN.
	AddMeetingItem(ctx context.Context, day, title, note string) error
	// RecordMeetingDecision records a decision, and the phase move it
	// decides. EINVALID, EFORBIDDEN, ENOTFOUND.
	RecordMeetingDecision(ctx context.Context, day string, in MeetingDecisionInput) (*MeetingDecision, error)
	// FindSupervision returns a worker's supervision view, for the team
	// leader of their team. ENOTFOUND.
	FindSupervision(ctx context.Context, userID int64) (*Supervision, error)
}
