package regie

import (
	"context"
	"time"
)

// TrajectoryStatus is where a trajectory with an agency stands.
type TrajectoryStatus string

// The statuses of a trajectory.
const (
	TrajectoryProposed TrajectoryStatus = "voorgesteld"
	TrajectoryWaiting  TrajectoryStatus = "wachtlijst"
	TrajectoryRunning  TrajectoryStatus = "lopend"
	TrajectoryFinished TrajectoryStatus = "afgerond"
	TrajectoryBroken   TrajectoryStatus = "afgebroken"
)

// TrajectoryStatuses lists them with their Dutch labels.
var TrajectoryStatuses = []Choice[TrajectoryStatus]{
	{TrajectoryProposed, "Voorgesteld"},
	{TrajectoryWaiting, "Op de wachtlijst van de instantie"},
	{TrajectoryRunning, "Lopend"},
	{TrajectoryFinished, "Afgerond"},
	{TrajectoryBroken, "Afgebroken"},
}

// Label returns the Dutch label.
func (s TrajectoryStatus) Label() string { return LabelOf(TrajectoryStatuses, s) }

// Active reports whether the agency is involved with the family.
func (s TrajectoryStatus) Active() bool { return s == TrajectoryWaiting || s == TrajectoryRunning }

// Trajectory is an intervention for a member (or the family) on a life
// domain, at an agency of the social map.
type Trajectory struct {
	ID            int64
	FamilyID      int64
	MemberID      int64 // 0: the family
	MemberName    string
	Domain        Domain
	OrgID         int64
	OrgName       string
	Intervention  string
	Status        TrajectoryStatus
	WaitingSince  Date
	StartedOn     Date
	EndedOn       Date
	Reason        string // why it was broken off
	ContactPerson string
	UpdatedAt     time.Time
}

// TrajectoryInput is what the casemanager records.
type TrajectoryInput struct {
	MemberID      int64
	Domain        Domain
	OrgID         int64
	Intervention  string
	Status        TrajectoryStatus
	WaitingSince  string
	StartedOn     string
	EndedOn       string
	Reason        string
	ContactPerson string
}

// Validate checks the input and returns the parsed dates.
func (in *TrajectoryInput) Validate(today Date) (waiting, started, ended Date, err error) {
	in.Intervention, in.Reason, in.ContactPerson = Clean(in.Intervention), Clean(in.Reason), Clean(in.ContactPerson)
	var v Validation
	if !IsChoice(Domains, in.Domain) {
		v.Add("domain", MsgChoiceInvalid)
	}
	if in.OrgID == 0 {
		v.Add("org", MsgRequired)
	}
	v.Required("intervention", in.Intervention)
	v.MaxLen("intervention", in.Intervention, 300)
	if !IsChoice(TrajectoryStatuses, in.Status) {
		v.Add("status", MsgChoiceInvalid)
	}
	waiting = v.PastDate("waiting_since", Clean(in.WaitingSince), today, in.Status == TrajectoryWaiting)
	started = v.PastDate("started_on", Clean(in.StartedOn), today, in.Status == TrajectoryRunning || in.Status == TrajectoryFinished || in.Status == TrajectoryBroken)
	ended = v.PastDate("ended_on", Clean(in.EndedOn), today, in.Status == TrajectoryFinished || in.Status == TrajectoryBroken)
	if !started.IsZero() && !ended.IsZero() && ended.Before(started) {
		v.Add("ended_on", MsgEndBeforeStart)
	}
	if in.Status == TrajectoryBroken {
		v.Required("reason", in.Reason)
	}
	v.MaxLen("reason", in.Reason, 2000)
	v.MaxLen("contact_person", in.ContactPerson, 200)
	return waiting, started, ended, v.Err()
}

// AgencyCount is how many agencies were involved with a family in a month.
type AgencyCount struct {
	Month Date // the first of the month
	Count int
}

// Trajectories is a family's trajectories with the agencies involved.
type Trajectories struct {
	List []*Trajectory
	// AgenciesNow counts the distinct agencies involved now.
	AgenciesNow int
	// AgenciesPerMonth counts them over the last twelve months, oldest first.
	AgenciesPerMonth []AgencyCount
	CanEdit          bool
	// Disclosure says which life domains' trajectories the reader is shown.
	Disclosure Disclosure
}

// TrajectoryService records trajectories.
type TrajectoryService interface {
	// FindTrajectories returns the family's trajectories and the agencies
	// involved now and over time. ENOTFOUND.
	FindTrajectories(ctx context.Context, familyID int64) (*Trajectories, error)
	// SaveTrajectory creates (id 0) or changes a trajectory. EINVALID, ENOTFOUND.
	SaveTrajectory(ctx context.Context, familyID, id int64, in TrajectoryInput) (*Trajectory, error)
}

// involvedFrom returns the first day the agency was involved with the
// family, or the zero date for a trajectory that only was proposed.
func (t *Trajectory) involvedFrom() Date {
	if t.Status == TrajectoryProposed {
		return Date{}
	}
	if !t.WaitingSince.IsZero() {
		return t.WaitingSince
	}
	return t.StartedOn
}

// CountAgencies fills AgenciesNow and AgenciesPerMonth from the list: an
// agency counts for a month when one of its trajectories (on the waiting
// list, running, or ended) overlaps it. The seed asks the approach to bring
// "rust en overzicht": fewer agencies over time is the visible result.
func (ts *Trajectories) CountAgencies(today Date) {
	first := NewDate(today.Time().Year(), today.Time().Month(), 1).AddMonths(-11)
	ts.AgenciesPerMonth = make([]AgencyCount, 12)
	sets := make([]map[int64]bool, 12)
	now := map[int64]bool{}
	for i := range ts.AgenciesPerMonth {
		ts.AgenciesPerMonth[i].Month = first.AddMonths(i)
		sets[i] = map[int64]bool{}
	}
	for _, t := range ts.List {
		from := t.involvedFrom()
		if from.IsZero() {
			continue
		}
		to := t.EndedOn
		if to.IsZero() {
			to = today
		}
		if t.Status.Active() {
			now[t.OrgID] = true
		}
		for i := range sets {
			start := ts.AgenciesPerMonth[i].Month
			end := start.AddMonths(1).AddDays(-1)
			if !from.After(end) && !to.Before(start) {
				sets[i][t.OrgID] = true
			}
		}
	}
	ts.AgenciesNow = len(now)
	for i := range sets {
		ts.AgenciesPerMonth[i].Count = len(sets[i])
	}
}
