package regie

import (
	"context"
	"strings"
	"time"
)

// Werkbegeleiding (seed 003, bijlage 1): "Elke casemanager krijgt één keer
// per maand werkbegeleiding van de manager. (…) Zowel de manager als
// casemanager kunnen zaken aan de orde stellen." A session is a record the
// team leader writes; the worker reads their own, and no one else does.

// SupervisionSession is one work supervision session of a casemanager or
// youth worker with the team leader.
type SupervisionSession struct {
	ID         int64
	WorkerID   int64
	WorkerName string
	// TeamID is the worker's team when the session was held: its team
	// leader keeps the record.
	TeamID int64
	HeldOn Date
	// LeaderPoints and WorkerPoints are what the team leader and the
	// worker put on the table.
	LeaderPoints string
	WorkerPoints string
	// Agreements are who does what by when, one agreement a line.
	Agreements string
	// Families are the worker's families discussed; each one named is in
	// that family's access log whenever the session is read.
	Families  []*FamilyName
	CreatedBy string
	CreatedAt time.Time
	UpdatedBy string
	UpdatedAt time.Time
	// Version counts the saves; the edit form carries it.
	Version int
	// CanEdit: the actor may change the session (the team leader).
	CanEdit bool
}

// AgreementLines returns the agreements, one a line, without empty ones.
func (s *SupervisionSession) AgreementLines() []string { return nonEmptyLines(s.Agreements) }

// FamilyName names a family where only its name is shown.
type FamilyName struct {
	ID   int64
	Name string
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// SupervisionInput is what the team leader writes in the session form.
type SupervisionInput struct {
	HeldOn       string // as typed
	LeaderPoints string
	WorkerPoints string
	Agreements   string
	// FamilyIDs are the worker's families discussed (optional).
	FamilyIDs []int64
	// Version is the session's Version when the edit form was read: the
	// store refuses the save (ESTALE) when someone saved it since. Not
	// used for a new session.
	Version int
}

// Validate checks the input on a day and returns the day it was held:
// not in the future, and something written down.
func (in *SupervisionInput) Validate(today Date) (Date, error) {
	var v Validation
	in.LeaderPoints, in.WorkerPoints, in.Agreements = Clean(in.LeaderPoints), Clean(in.WorkerPoints), Clean(in.Agreements)
	on := v.PastDate("session_on", Clean(in.HeldOn), today, true)
	if in.LeaderPoints == "" && in.WorkerPoints == "" && in.Agreements == "" {
		v.Add("leader_points", MsgSupervisionEmpty)
	}
	v.MaxLen("leader_points", in.LeaderPoints, 10000)
	v.MaxLen("worker_points", in.WorkerPoints, 10000)
	v.MaxLen("agreements", in.Agreements, 10000)
	if len(in.FamilyIDs) > 100 {
		v.Add("families", MsgChoiceInvalid)
	}
	return on, v.Err()
}

// SupervisionState says whether a worker's supervision is due.
type SupervisionState string

// The states of a worker's supervision.
const (
	// SupervisionNone: no session recorded yet; one is due.
	SupervisionNone    SupervisionState = "geen"
	SupervisionOnTime  SupervisionState = "op_tijd"
	SupervisionDueSoon SupervisionState = "binnenkort"
	SupervisionOverdue SupervisionState = "te_laat"
)

// SupervisionStates lists them with their Dutch labels.
var SupervisionStates = []Choice[SupervisionState]{
	{SupervisionNone, "Nog geen werkbegeleiding vastgelegd"},
	{SupervisionOnTime, "Op tijd"},
	{SupervisionDueSoon, "Binnenkort weer"},
	{SupervisionOverdue, "Te laat"},
}

// Label returns the Dutch label.
func (s SupervisionState) Label() string { return LabelOf(SupervisionStates, s) }

// Signal reports whether the state asks the team leader to plan a session.
func (s SupervisionState) Signal() bool { return s == SupervisionNone || s == SupervisionOverdue }

// SupervisionDueSoonDays: within this many days of the due day, the list
// says a session is coming up.
const SupervisionDueSoonDays = 7

// SupervisionDue is when a worker's next supervision is due.
type SupervisionDue struct {
	Last  Date // the last session; zero when none
	DueOn Date // zero when none was held: due now
	State SupervisionState
}

// SupervisionDueOn decides when the next session is due after the last
// one (zero: none held), by the norm of one every SupervisionMonths
// months, seen on a day.
func SupervisionDueOn(last Date, n Norms, today Date) SupervisionDue {
	if last.IsZero() {
		return SupervisionDue{State: SupervisionNone}
	}
	d := SupervisionDue{Last: last, DueOn: last.AddMonths(n.SupervisionMonths), State: SupervisionOnTime}
	switch {
	case today.After(d.DueOn):
		d.State = SupervisionOverdue
	case !today.Before(d.DueOn.AddDays(-SupervisionDueSoonDays)):
		d.State = SupervisionDueSoon
	}
	return d
}

// SupervisionWorker is a worker on the team leader's supervision list.
type SupervisionWorker struct {
	User *User
	Due  SupervisionDue
}

// SupervisionService keeps the supervision records. Only the team leader
// of the worker's team writes and reads them, and the worker reads their
// own; every read and write is in the access log (of each family a
// session names, too), and so is a refused attempt.
type SupervisionService interface {
	// FindSupervisionWorkers lists the casemanagers and youth workers of
	// the team leader's team, each with their last session and whether
	// one is due. EFORBIDDEN.
	FindSupervisionWorkers(ctx context.Context) ([]*SupervisionWorker, error)
	// CreateSupervisionSession records a session with a worker of the
	// team. EINVALID, ENOTFOUND.
	CreateSupervisionSession(ctx context.Context, workerID int64, in SupervisionInput) (*SupervisionSession, error)
	// FindSupervisionSession returns one session, for the team leader of
	// its team or the worker. ENOTFOUND.
	FindSupervisionSession(ctx context.Context, id int64) (*SupervisionSession, error)
	// UpdateSupervisionSession changes a session, from in.Version.
	// EINVALID, ESTALE, ENOTFOUND.
	UpdateSupervisionSession(ctx context.Context, id int64, in SupervisionInput) error
	// FindOwnSupervision returns the actor's own sessions, newest first,
	// with when the next is due. EFORBIDDEN.
	FindOwnSupervision(ctx context.Context) (*OwnSupervision, error)
}

// OwnSupervision is what a worker reads of their own supervision.
type OwnSupervision struct {
	Sessions []*SupervisionSession // newest first
	Due      SupervisionDue
}
