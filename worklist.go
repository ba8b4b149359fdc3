package regie

import (
	"context"
	"fmt"
	"sort"
)

// The werkbak is a worker's list of what to do across their families:
// acute unsafety, the agreements of the plan in force, what the norms say
// is due (Dues), the open items of the phase, and the signals that have no
// date of their own — each with the page where it is done, the most urgent
// first.

// Urgency says how soon a work item asks for action. Lower is sooner.
type Urgency int

// The urgencies, in the werkbak's order.
const (
	UrgencyAcute   Urgency = iota // acute unsafety: before anything else
	UrgencyOverdue                // its day has passed
	UrgencyToday                  // due today
	UrgencyWeek                   // due later this week
	UrgencyOpen                   // no day of its own: open phase items, signals
)

// Key names the urgency in pages (anchors, styles).
func (u Urgency) Key() string {
	switch u {
	case UrgencyAcute:
		return "acuut"
	case UrgencyOverdue:
		return "te-laat"
	case UrgencyToday:
		return "vandaag"
	case UrgencyWeek:
		return "deze-week"
	}
	return "open"
}

// Label returns the Dutch heading of the urgency.
func (u Urgency) Label() string {
	switch u {
	case UrgencyAcute:
		return "Acute onveiligheid"
	case UrgencyOverdue:
		return "Te laat"
	case UrgencyToday:
		return "Vandaag"
	case UrgencyWeek:
		return "Deze week"
	}
	return "Verder open"
}

// WeekEnd returns the last day (Sunday) of the week of today: what is due
// by then is "this week".
func WeekEnd(today Date) Date { return today.Monday().AddDays(6) }

// UrgencyOn says how urgent something due on day on is, seen from today;
// false when it is due after this week (not on the werkbak yet).
func UrgencyOn(on, today Date) (Urgency, bool) {
	switch {
	case on.IsZero():
		return UrgencyOpen, true
	case on.Before(today):
		return UrgencyOverdue, true
	case !on.After(today):
		return UrgencyToday, true
	case !on.After(WeekEnd(today)):
		return UrgencyWeek, true
	}
	return 0, false
}

// WorkKind names what a work item asks. The kinds of Dues (DueKind) are
// work kinds too: WorkKind(d.Kind).
type WorkKind string

// The work kinds besides the due kinds.
const (
	WorkAcute     WorkKind = "acuut"     // an open acute safety concern
	WorkAgreement WorkKind = "afspraak"  // an agreement of the plan in force
	WorkPhaseItem WorkKind = "fase_item" // an open checklist item of the phase
	WorkSignal    WorkKind = "signaal"   // a signal without a day of its own
	// WorkStagnation: a partner's report of stagnation to pick up.
	WorkStagnation WorkKind = "stagnatie"
)

// WorkLink returns the page where work of a kind for a family is done.
// This is the one place that maps what is due to where: a new due kind
// that has its own page is one line here; anything else opens the family.
func WorkLink(kind WorkKind, familyID int64) string {
	base := fmt.Sprintf("/gezinnen/%d", familyID)
	switch kind {
	case WorkAcute:
		return base + "#h-veiligheid"
	case WorkAgreement, WorkKind(DuePlan):
		return base + "/plan"
	case WorkKind(DueInterim), WorkKind(DueIntensiveEnd):
		return base + "/evaluaties"
	case WorkKind(DueNetwork):
		return base + "/netwerkoverleg"
	case WorkPhaseItem, WorkKind(DueCoordinationEnd):
		return base + "/fase"
	case WorkKind(DueCheckup):
		return base + "/checkups"
	case WorkStagnation:
		return base + "/partners#stagnatie"
	}
	return base
}

// WorkItem is one thing on the werkbak.
type WorkItem struct {
	FamilyID   int64
	FamilyName string
	Kind       WorkKind
	What       string
	// Who does it, for an agreement (a member, the casemanager, an
	// organisation).
	Who     string
	On      Date // zero when it has no day
	Urgency Urgency
	// Alert marks what needs action now (a norm passed).
	Alert bool
	Link  string
	// FamilyLink is where the family's name leads: its page, or for a
	// closed file (whose page the last coordinator no longer opens) its
	// check-ups.
	FamilyLink string
}

// DossierNumber formats the family's reference.
func (w *WorkItem) DossierNumber() string { return DossierNumber(w.FamilyID) }

// FamilyWork is what the store read about one of the worker's families,
// for the werkbak.
type FamilyWork struct {
	FamilyID   int64
	FamilyName string
	Facts      FamilyFacts
	// Agreements are the open agreements of the plan in force.
	Agreements []*Agreement
	// OpenItems are the checklist items of the current phase that are not
	// ticked and that regie does not tick itself.
	OpenItems []ChecklistItem
	// Journey: the worker keeps the family's journey (coordinator or duo),
	// so its dues, phase items and signals are theirs; a youth worker has
	// the acute unsafety and the agreements.
	Journey bool
	// YouthTracks are the worker's own running youth tracks in the
	// family, each with its open agreements due soon.
	YouthTracks []YouthTrackFacts
	// Stagnations are the partners' reports of stagnation no one picked
	// up yet: the journey's keeper picks them up.
	Stagnations []*Stagnation
}

// datelessSignals are the signals that no due date of Dues or agreement
// already stands for: they go on the werkbak as signals.
var datelessSignals = map[SignalKind]bool{
	SignalIntensiveHours:  true,
	SignalContactHoursLow: true,
	SignalNoContact:       true,
	SignalRejectedStreak:  true,
}

// WorkFor returns the work items of one family on a day: acute unsafety,
// open agreements and dues up to this week, open phase items and the
// signals without a day. The items are not sorted (SortWork).
func WorkFor(fw FamilyWork, n Norms, today Date) []*WorkItem {
	var out []*WorkItem
	familyLink := WorkLink("", fw.FamilyID)
	if !fw.Facts.ClosedOn.IsZero() {
		familyLink = WorkLink(WorkKind(DueCheckup), fw.FamilyID)
	}
	add := func(kind WorkKind, what, who string, on Date, alert bool) {
		u, ok := UrgencyOn(on, today)
		if !ok {
			return
		}
		if kind == WorkAcute {
			u = UrgencyAcute
		}
		out = append(out, &WorkItem{FamilyID: fw.FamilyID, FamilyName: fw.FamilyName, Kind: kind, What: what, Who: who,
			On: on, Urgency: u, Alert: alert, Link: WorkLink(kind, fw.FamilyID), FamilyLink: familyLink})
	}
	if !fw.Facts.ClosedOn.IsZero() {
		// A closed file: only its next check-up, nothing of the journey
		// it finished (no agreements, phase items or signals).
		for _, d := range Dues(fw.Facts, n) {
			add(WorkKind(d.Kind), d.What, "", d.On, d.On.Before(today))
		}
		return out
	}
	if fw.Facts.Acute {
		add(WorkAcute, Text(MsgSignalAcute), "", Date{}, true)
	}
	for _, a := range fw.Agreements {
		if !a.Status.Finished() && !a.Due.IsZero() {
			add(WorkAgreement, a.What, a.Owner, a.Due, a.Overdue(today))
		}
	}
	for _, t := range fw.YouthTracks {
		out = append(out, YouthTrackWork(t, fw.FamilyName, n, today)...)
	}
	if !fw.Journey {
		return out
	}
	for _, d := range Dues(fw.Facts, n) {
		add(WorkKind(d.Kind), d.What, "", d.On, d.On.Before(today))
	}
	// A report is due the day the partner made it: picked up that day,
	// or late since.
	for _, r := range fw.Stagnations {
		if r.Open() {
			add(WorkStagnation, Text(MsgWorkStagnation, r.OrgName, r.Reason), "", r.ReportedOn, true)
		}
	}
	for _, it := range fw.OpenItems {
		add(WorkPhaseItem, it.Label, "", Date{}, false)
	}
	for _, s := range Signals(fw.Facts, n, today) {
		if datelessSignals[s.Kind] {
			add(WorkSignal, s.Text, "", Date{}, s.Alert)
		}
	}
	return out
}

// SortWork orders the werkbak by urgency: acute unsafety first, then what
// is overdue (the oldest first), due today, due this week (the soonest
// first), and what has no day; within that, alerts first, then by family
// name and the order the items came in.
func SortWork(items []*WorkItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Urgency != b.Urgency {
			return a.Urgency < b.Urgency
		}
		if !a.On.IsZero() && !b.On.IsZero() && a.On != b.On {
			return a.On.Before(b.On)
		}
		if a.Alert != b.Alert {
			return a.Alert
		}
		if an, bn := SortName(a.FamilyName), SortName(b.FamilyName); an != bn {
			return an < bn
		}
		return a.FamilyID < b.FamilyID
	})
}

// Worklist is a worker's werkbak on a day.
type Worklist struct {
	Today   Date
	WeekEnd Date
	Items   []*WorkItem
	// Families counts the worker's families looked at.
	Families int
}

// WorkGroup is the items of one urgency.
type WorkGroup struct {
	Urgency Urgency
	Items   []*WorkItem
}

// Groups returns the items by urgency, in order, leaving out empty ones.
func (w *Worklist) Groups() []WorkGroup {
	var gs []WorkGroup
	for _, it := range w.Items {
		if len(gs) == 0 || gs[len(gs)-1].Urgency != it.Urgency {
			gs = append(gs, WorkGroup{Urgency: it.Urgency})
		}
		gs[len(gs)-1].Items = append(gs[len(gs)-1].Items, it)
	}
	return gs
}

// WorklistService gives a worker their werkbak.
type WorklistService interface {
	// FindWorklist returns the werkbak of the actor: the families they
	// are currently assigned to. EFORBIDDEN for anyone who has no
	// families of their own.
	FindWorklist(ctx context.Context) (*Worklist, error)
}

// Journey reports whether an assignment of this kind keeps the family's
// journey — its plan, evaluations, phases and network meetings — so that
// what is due in it is on the worker's werkbak.
func (k AssignmentKind) Journey() bool { return k == AssignCoordinator || k == AssignDuo }
