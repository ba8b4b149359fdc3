package regie

import "sort"

// SignalKind names a signal: something in a family's data that asks for
// attention. Signals are computed from the data, never typed by hand.
type SignalKind string

// The signals.
const (
	SignalAcute            SignalKind = "acuut"
	SignalIntensiveLong    SignalKind = "intensief_lang"
	SignalIntensiveHours   SignalKind = "intensief_uren"
	SignalContactHoursLow  SignalKind = "contactfase_uren"
	SignalNoContact        SignalKind = "geen_contact"
	SignalRejectedStreak   SignalKind = "pogingen_op_rij"
	SignalPlanOverdue      SignalKind = "plan_te_laat"
	SignalInterimDue       SignalKind = "tussenevaluatie"
	SignalNetworkOverdue   SignalKind = "netwerkoverleg"
	SignalCoordinationLong SignalKind = "coordinatie_lang"
	SignalAgreementOverdue SignalKind = "afspraak_verlopen"
	SignalCheckupDue       SignalKind = "checkup"
	// A youth's own track (youth_track.go, YouthTrackSignals): its final
	// evaluation is due, or the track runs past the norm.
	SignalYouthTrackEnd  SignalKind = "jeugdtraject_einde"
	SignalYouthTrackLong SignalKind = "jeugdtraject_lang"
	// SignalStagnation: a network partner reported that the help
	// stagnates, and no one picked the report up yet.
	SignalStagnation SignalKind = "stagnatie"
)

// Signal is one signal about a family, in Dutch.
type Signal struct {
	Kind SignalKind
	Text string
	// Alert marks the signals that need action now (acute unsafety, a
	// norm passed); the others are reminders.
	Alert bool
	// Explained is the recorded reason that explains it (a longer
	// intensive phase because of another agency's waiting list).
	Explained string
}

// FamilyFacts are what the signals look at: a family's phase, hours and
// dates, rolled up by the store.
type FamilyFacts struct {
	Phase                 Phase
	PhaseStartedOn        Date
	IntensiveStartedOn    Date // entry into phase 1
	CoordinationStartedOn Date // entry into phase 5
	MinutesTotal          int
	MinutesIntensive      int
	MinutesPhase          int // in the current phase entry
	LastContactOn         Date
	LastReachedOn         Date // the last contact that reached the family
	RejectedStreak        int  // attempts in a row without contact
	PlanAgreedOn          Date
	InterimDoneOn         Date
	LastNetworkMeetingOn  Date
	// NextInterimOn is the day the next interim evaluation is due, as the
	// last interim evaluation set it; zero before the first, when the norm
	// after the plan applies.
	NextInterimOn     Date
	FinalEvalOn       Date // the day of the final evaluation
	ClosedOn          Date // the day the file was closed
	CheckupsDone      int  // check-ups held since the file was closed
	LastCheckupOn     Date
	OverdueAgreements int
	Acute             bool
	Extension         string // why the intensive phase takes longer
	// OpenStagnations counts the partners' reports of stagnation no one
	// picked up yet (regie.Stagnation); StagnationSince is the day of the
	// oldest of them.
	OpenStagnations int
	StagnationSince Date
}

// MonthsBetween returns the whole months from a to b (0 when b is before a).
func MonthsBetween(a, b Date) int {
	if a.IsZero() || b.Before(a) {
		return 0
	}
	m := (b.Time().Year()-a.Time().Year())*12 + int(b.Time().Month()-a.Time().Month())
	if b.Time().Day() < a.Time().Day() {
		m--
	}
	return max(m, 0)
}

// Signals computes the signals of a family on a day against the norms.
func Signals(f FamilyFacts, n Norms, today Date) []Signal {
	var out []Signal
	add := func(kind SignalKind, alert bool, m Msg, args ...any) {
		out = append(out, Signal{Kind: kind, Text: Text(m, args...), Alert: alert})
	}
	if f.Acute {
		add(SignalAcute, true, MsgSignalAcute)
	}
	if !f.ClosedOn.IsZero() {
		// A closed file has no phase norms left: only its check-ups.
		if moment, on, ok := NextCheckup(f, n); ok && today.After(on) {
			add(SignalCheckupDue, false, MsgSignalCheckupDue, n.CheckupMonths[moment-1], on.Dutch())
		}
		return out
	}
	// A partner asks the casemanager to act (seed 003 §5.6): an alert
	// until someone picks the report up, in every phase of an open file
	// (a closed one is only read).
	switch {
	case f.OpenStagnations == 1:
		add(SignalStagnation, true, MsgSignalStagnation, f.StagnationSince.Dutch())
	case f.OpenStagnations > 1:
		add(SignalStagnation, true, MsgSignalStagnations, f.OpenStagnations, f.StagnationSince.Dutch())
	}
	if f.Phase == 0 {
		return out
	}
	if f.Phase.Intensive() {
		if months := MonthsBetween(f.IntensiveStartedOn, today); months >= n.IntensiveMaxMonths {
			add(SignalIntensiveLong, true, MsgSignalIntensiveLong, months, n.IntensiveMaxMonths)
			out[len(out)-1].Explained = f.Extension
		}
		if f.MinutesIntensive > n.IntensiveHours*60 {
			add(SignalIntensiveHours, true, MsgSignalIntensiveHours, FormatHours(f.MinutesIntensive), n.IntensiveHours)
			out[len(out)-1].Explained = f.Extension
		}
		if !f.LastReachedOn.IsZero() || !f.IntensiveStartedOn.IsZero() {
			since := f.LastReachedOn
			if since.IsZero() {
				since = f.IntensiveStartedOn
			}
			if days := since.DaysUntil(today); days > n.NoContactDays {
				add(SignalNoContact, false, MsgSignalNoContact, days)
			}
		}
		if months := MonthsBetween(f.IntensiveStartedOn, today); f.PlanAgreedOn.IsZero() && months >= n.PlanMaxMonths {
			add(SignalPlanOverdue, true, MsgSignalPlanOverdue, months, n.PlanMaxMonths)
		}
		if on, first := interimDue(f, n); !on.IsZero() && !today.Before(on) {
			if first {
				add(SignalInterimDue, false, MsgSignalInterimDue, f.PlanAgreedOn.Dutch())
			} else {
				add(SignalInterimDue, false, MsgSignalInterimNext, f.InterimDoneOn.Dutch())
			}
		}
	}
	if f.Phase == PhaseContact {
		days := f.PhaseStartedOn.DaysUntil(today)
		if days >= 14 {
			perWeek := float64(f.MinutesPhase) / 60 / (float64(days) / 7)
			if perWeek < float64(n.ContactPhaseHoursPerWeek) {
				add(SignalContactHoursLow, false, MsgSignalContactHoursLow, FormatHours(int(perWeek*60)), n.ContactPhaseHoursPerWeek)
			}
		}
	}
	if f.Phase == PhaseCoordination {
		base := f.LastNetworkMeetingOn
		if base.Before(f.CoordinationStartedOn) {
			base = f.CoordinationStartedOn
		}
		if due := base.AddMonths(n.NetworkMeetingMonths); today.After(due) {
			if f.LastNetworkMeetingOn.IsZero() || f.LastNetworkMeetingOn.Before(f.CoordinationStartedOn) {
				add(SignalNetworkOverdue, true, MsgSignalNetworkNone, f.CoordinationStartedOn.Dutch(), n.NetworkMeetingMonths)
			} else {
				add(SignalNetworkOverdue, true, MsgSignalNetworkOverdue, f.LastNetworkMeetingOn.Dutch(), n.NetworkMeetingMonths)
			}
		}
		if months := MonthsBetween(f.CoordinationStartedOn, today); months >= n.CoordinationMaxMonths {
			add(SignalCoordinationLong, true, MsgSignalCoordinationLong, months, n.CoordinationMaxMonths)
		}
	}
	if f.RejectedStreak >= n.RejectedInARow {
		add(SignalRejectedStreak, false, MsgSignalRejectedStreak, f.RejectedStreak)
	}
	if f.OverdueAgreements > 0 {
		add(SignalAgreementOverdue, false, MsgSignalAgreementOverdue, f.OverdueAgreements)
	}
	return out
}

// interimPending reports whether the plan is agreed and no interim
// evaluation has followed it yet.
func interimPending(f FamilyFacts) bool {
	return !f.PlanAgreedOn.IsZero() && (f.InterimDoneOn.IsZero() || f.InterimDoneOn.Before(f.PlanAgreedOn))
}

// interimDue returns when the next interim evaluation is due, and whether
// it is the first: the norm after the agreed plan before the first, then
// the day the newest interim evaluation set. Zero when none is due: no
// plan yet, the final evaluation was held, or the newest interim was only
// ticked on the checklist (before evaluations were records) and set no
// next day.
func interimDue(f FamilyFacts, n Norms) (on Date, first bool) {
	switch {
	case f.PlanAgreedOn.IsZero() || !f.FinalEvalOn.IsZero():
		return Date{}, false
	case interimPending(f):
		return f.PlanAgreedOn.AddMonths(n.InterimAfterPlanMonths), true
	}
	return f.NextInterimOn, false
}

// DueKind names what is due for a family; the werkbak and the agenda
// link each kind to the page where it is done.
type DueKind string

// The kinds of things due.
const (
	DuePlan            DueKind = "plan"
	DueInterim         DueKind = "tussenevaluatie"
	DueIntensiveEnd    DueKind = "einde_intensief"
	DueNetwork         DueKind = "netwerkoverleg"
	DueCoordinationEnd DueKind = "einde_coordinatie"
	DueCheckup         DueKind = "checkup"
	// DueYouthTrackEnd is the final evaluation of a youth's own track
	// (YouthTrackDue): per youth, not per family, so not in Dues.
	DueYouthTrackEnd DueKind = "einde_jeugdtraject"
)

// Due is something due for a family, and when.
type Due struct {
	Kind DueKind
	What string
	On   Date
}

// Dues returns everything due for a family by the norms, past due
// included, soonest first. This is the one place the due dates of a
// family's journey are defined: the signals say what is past, NextDue
// what comes next, the werkbak lists them all.
func Dues(f FamilyFacts, n Norms) []Due {
	var dues []Due
	add := func(kind DueKind, on Date, m Msg, args ...any) {
		if !on.IsZero() {
			dues = append(dues, Due{kind, Text(m, args...), on})
		}
	}
	switch {
	case !f.ClosedOn.IsZero():
		// A closed file: only the next check-up (NextCheckup), nothing of
		// the phases.
		if moment, on, ok := NextCheckup(f, n); ok {
			add(DueCheckup, on, MsgDueCheckup, n.CheckupMonths[moment-1])
		}
	case f.Phase == 0:
		return nil
	case f.Phase.Intensive():
		if f.PlanAgreedOn.IsZero() {
			add(DuePlan, f.IntensiveStartedOn.AddMonths(n.PlanMaxMonths), MsgDuePlan)
		} else if on, first := interimDue(f, n); first {
			add(DueInterim, on, MsgDueInterim)
		} else {
			add(DueInterim, on, MsgDueInterimNext)
		}
		add(DueIntensiveEnd, f.IntensiveStartedOn.AddMonths(n.IntensiveMaxMonths), MsgDueIntensiveEnd)
	case f.Phase == PhaseCoordination:
		base := f.LastNetworkMeetingOn
		if base.Before(f.CoordinationStartedOn) {
			base = f.CoordinationStartedOn
		}
		add(DueNetwork, base.AddMonths(n.NetworkMeetingMonths), MsgDueNetwork)
		add(DueCoordinationEnd, f.CoordinationStartedOn.AddMonths(n.CoordinationMaxMonths), MsgDueCoordinationEnd)
	}
	sort.SliceStable(dues, func(i, j int) bool { return dues[i].On.Before(dues[j].On) })
	return dues
}

// NextDue returns what is due next from today on, or a zero Due when
// nothing is. What is past due is a signal, not something coming up.
func NextDue(f FamilyFacts, n Norms, today Date) Due {
	for _, d := range Dues(f, n) {
		if !d.On.Before(today) {
			return d
		}
	}
	return Due{}
}
