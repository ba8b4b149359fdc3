package regie

import (
	"context"
	"strings"
	"time"
)

// Phase is one of the five phases of actief casemanagement (seed 003 §5).
// Phases 1–4 are the intensive phase; 5 is the coordination of care.
type Phase int

// The phases.
const (
	PhaseIntroduction Phase = 1
	PhaseContact      Phase = 2
	PhaseExecution    Phase = 3
	PhaseClosing      Phase = 4
	PhaseCoordination Phase = 5
)

// Intensive reports whether the phase is part of the intensive phase.
func (p Phase) Intensive() bool { return p >= PhaseIntroduction && p <= PhaseClosing }

// Label returns the phase's Dutch name.
func (p Phase) Label() string {
	if p < PhaseIntroduction || p > PhaseCoordination {
		return ""
	}
	return phaseLabels[p]
}

// phaseLabels are the phases' names from DefaultPhases, by phase: read
// on every line of every list, so looked up once.
var phaseLabels = func() (l [PhaseCoordination + 1]string) {
	for _, d := range DefaultPhases() {
		l[d.Phase] = d.Label
	}
	return l
}()

// ChecklistItem is one thing to do in a phase. Its key is what a tick
// records, so a label can change without losing ticks.
type ChecklistItem struct {
	Key    string
	Label  string
	Active bool
}

// PhaseDef is a phase with its checklist and exit criteria.
type PhaseDef struct {
	Phase     Phase
	Label     string
	Checklist []ChecklistItem
	// ExitCriteria say when the phase is done (the seed's words).
	ExitCriteria []string
}

// Items returns the active checklist items.
func (d PhaseDef) Items() []ChecklistItem {
	var items []ChecklistItem
	for _, it := range d.Checklist {
		if it.Active {
			items = append(items, it)
		}
	}
	return items
}

// Checklist keys that other parts of regie satisfy themselves.
const (
	ItemReferral      = "aanmelding"      // phase 1: satisfied by the accepted referral
	ItemPlan          = "plan"            // phase 2: satisfied by an agreed plan
	ItemConsent       = "toestemming"     // phase 2: satisfied by a signed consent
	ItemInterimEval   = "tussenevaluatie" // phase 3: the first interim evaluation
	ItemFinalEval     = "eindevaluatie"   // phase 4
	ItemNetworkGather = "netwerk"         // phase 5
)

// DefaultPhases returns the five phases of seed 003 §5.1, with its
// checklists and exit criteria. This is the one place they are defined; the
// functional administrator may change the labels, switch items off and add
// items (stored as settings, see PhaseSettings).
func DefaultPhases() []PhaseDef {
	item := func(key, label string) ChecklistItem { return ChecklistItem{key, label, true} }
	return []PhaseDef{
		{PhaseIntroduction, "Introductie", []ChecklistItem{
			item(ItemReferral, "Aanmelding ontvangen"),
			item("commitment", "Toezegging van de aanmeldende hulporganisatie: na de intensieve fase weer laagdrempelig klaar voor het gezin"),
			item("introductie", "Introductie in het gezin"),
			item("vervolgafspraak", "Een vervolgafspraak tot stand gebracht"),
		}, []string{"Er is een vervolgafspraak met het gezin."}},
		{PhaseContact, "Contact leggen en motiveren", []ChecklistItem{
			item("contact", "Contact krijgen met het gezin"),
			item("aanknopingspunt", "Een concreet aanknopingspunt gevonden"),
			item("hulpvraag", "Aansluiting gevonden bij de vraag en behoefte van het gezin"),
			item(ItemPlan, "Hulpverleningsplan opgesteld"),
			item(ItemConsent, "Toestemmingsverklaring getekend"),
		}, []string{
			"De probleeminventarisatie is compleet.",
			"Casemanager en gezin zijn het er (voorlopig) over eens.",
			"Er is een werkbare situatie.",
		}},
		{PhaseExecution, "Uitvoering", []ChecklistItem{
			item("trajecten", "Passende trajecten uitgezet"),
			item("sociale_contacten", "Sociale contacten hersteld"),
			item(ItemInterimEval, "Tussentijdse evaluatie: voortgang besproken"),
		}, []string{
			"De doelen uit het hulpverleningsplan zijn behaald.",
			"Waar nodig krijgt het gezin ondersteuning van reguliere hulp in de wijk; de situatie is stabiel.",
			"Er zijn trajecten uitgezet met perspectief op langere termijn (warme overdracht).",
		}},
		{PhaseClosing, "Afsluiting en evaluatie", []ChecklistItem{
			item("afsluiting", "Intensieve fase afgesloten"),
			item(ItemFinalEval, "Eindevaluatie gehouden"),
		}, []string{
			"De eindevaluatie met het gezin is gehouden: doelen en eindtermen zijn beoordeeld.",
			"De organisatie die aanmeldde komt de afspraken na; het gezin heeft een laagdrempelig contact in de wijk.",
		}},
		{PhaseCoordination, "Coördinatie van zorg", []ChecklistItem{
			item(ItemNetworkGather, "Netwerk bijeengebracht"),
			item("afstemming", "Onderlinge afstemming en samenwerking"),
			item("monitoren", "Afspraken en voortgang gemonitord"),
		}, []string{"Het netwerk rond het gezin is hecht en heeft de zorg overgenomen (uiterlijk na anderhalf jaar)."}},
	}
}

// PhaseConfig is the phases as configured: the defaults with the
// administrator's changes.
type PhaseConfig []PhaseDef

// Def returns the definition of a phase.
func (c PhaseConfig) Def(p Phase) PhaseDef {
	for _, d := range c {
		if d.Phase == p {
			return d
		}
	}
	return PhaseDef{Phase: p}
}

// PhaseTransition is a family's entry into a phase; kept, never changed,
// so the time per phase is known.
type PhaseTransition struct {
	ID        int64
	FamilyID  int64
	Phase     Phase
	StartedOn Date
	Reason    string
	CreatedBy int64
	CreatedAt time.Time

	CreatedByName string
}

// Relapse reports whether this entry went back from coordination to the
// intensive phase.
func (t *PhaseTransition) Relapse() bool { return strings.HasPrefix(t.Reason, RelapsePrefix) }

// RelapsePrefix starts the reason of a relapse transition.
const RelapsePrefix = "Terugval: "

// Tick is the state of one checklist item in a phase entry.
type Tick struct {
	Key      string
	Label    string
	Done     bool
	DoneBy   string
	DoneAt   time.Time
	Note     string
	Auto     bool // satisfied by regie itself (the plan, the consent)
	Inactive bool // switched off by the administrator, but ticked before
}

// PhaseStatus is a family's current phase with its checklist.
type PhaseStatus struct {
	Current *PhaseTransition
	Def     PhaseDef
	Ticks   []Tick
	History []*PhaseTransition // all entries, oldest first
	// Extension is the recorded reason the intensive phase takes longer
	// (for instance another agency's waiting list), or nil.
	Extension *Extension
}

// Complete reports whether every active item is done.
func (s *PhaseStatus) Complete() bool {
	for _, t := range s.Ticks {
		if !t.Done && !t.Inactive {
			return false
		}
	}
	return true
}

// Next returns the phase a family moves on to, or 0 after phase 5.
func (s *PhaseStatus) Next() Phase {
	if s.Current == nil || s.Current.Phase >= PhaseCoordination {
		return 0
	}
	return s.Current.Phase + 1
}

// Extension explains a longer intensive phase.
type Extension struct {
	ID         int64
	FamilyID   int64
	Reason     string
	AgencyID   int64
	AgencyName string
	Since      Date
	CreatedBy  string
	CreatedAt  time.Time
	EndedOn    Date
}

// PhaseMove is the input to move a family to another phase.
type PhaseMove struct {
	To Phase
	// On is the day of the move as typed (empty: today); it may lie in the
	// past, not before the current phase started and not in the future.
	On string
	// Reason is required when the checklist is not complete, and for a
	// relapse from phase 5 back to the intensive phase.
	Reason string
}

// PhaseService moves families through the phases.
type PhaseService interface {
	// FindPhaseConfig returns the phases as configured.
	FindPhaseConfig(ctx context.Context) (PhaseConfig, error)
	// SavePhaseConfig stores the administrator's changes. EINVALID, EFORBIDDEN.
	SavePhaseConfig(ctx context.Context, c PhaseConfig) error
	// FindPhaseStatus returns the family's phase, checklist and history.
	// ENOTFOUND.
	FindPhaseStatus(ctx context.Context, familyID int64) (*PhaseStatus, error)
	// TickItem ticks (done) or unticks a checklist item of the current
	// phase, recording who and when. EINVALID, ENOTFOUND.
	TickItem(ctx context.Context, familyID int64, key string, done bool, note string) error
	// MovePhase moves the family on to the next phase, or from phase 5
	// back to the intensive phase (a relapse, with a reason). EINVALID,
	// ENOTFOUND.
	MovePhase(ctx context.Context, familyID int64, m PhaseMove) error
	// SetExtension records (or, with an empty reason, ends) why the
	// intensive phase takes longer. EINVALID, ENOTFOUND.
	SetExtension(ctx context.Context, familyID int64, reason string, agencyID int64) error
}
