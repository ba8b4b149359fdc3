package regie

import (
	"context"
	"fmt"
	"time"
)

// The family council (familieberaad, seed 003 §4.2, DOMAIN.md §8): a talk
// of the whole family — and whom they invite from their informal network —
// with a fixed agenda. Everyone gets a turn, the children first if they
// want; first what went well, then what annoyed, then the solutions; every
// point through feeling, cause, effect and solution; it ends with concrete
// agreements who, what and when, which become the plan's agreements in
// one step (CouncilService.TakeOverCouncilAgreements).

// CouncilPoint is a point of the council's fixed agenda.
type CouncilPoint string

// CouncilAgendaPoint is one point of the fixed agenda: its title and what
// the casemanager asks or says at it, printed on the kitchen-table agenda.
type CouncilAgendaPoint struct {
	Point CouncilPoint
	Title string
	Ask   string
}

// CouncilAgenda is the council's fixed agenda, in its order (seed 003
// §4.2, "De opbouw van het familieberaad"). It is the one place the agenda
// is defined: the plan form, the printed agenda, the record form and the
// notes all follow it.
var CouncilAgenda = []CouncilAgendaPoint{
	{"kinderen", "De kinderen eerst", "Kinderen zijn, als ze dat willen, het eerst aan de beurt."},
	{"goed", "Wat ging er goed", "Eerst de dingen die goed zijn gegaan of waar u trots op bent."},
	{"ergernis", "Waar heeft u zich aan geërgerd", "Dan de zaken en feiten die minder prettig waren. Doorvragen bij onduidelijkheid; terechte kritiek erkennen."},
	{"oplossingen", "Oplossingen", "Oplossingen bespreken om frustraties te voorkomen. Wie aan de beurt is, komt zelf met voorstellen."},
}

// Title returns the point's Dutch title.
func (p CouncilPoint) Title() string {
	for _, a := range CouncilAgenda {
		if a.Point == p {
			return a.Title
		}
	}
	return string(p)
}

// CouncilAspect is one of the four questions every point goes through.
type CouncilAspect string

// CouncilAspects lists them in their order with their Dutch labels.
var CouncilAspects = []Choice[CouncilAspect]{
	{"gevoel", "Gevoel"},
	{"oorzaak", "Oorzaak"},
	{"gevolg", "Gevolg"},
	{"oplossing", "Oplossing"},
}

// Label returns the Dutch label.
func (a CouncilAspect) Label() string { return LabelOf(CouncilAspects, a) }

// CouncilRules are the council's rules (seed 003 §4.2), printed with the
// agenda.
var CouncilRules = []string{
	"Iedereen is gelijkwaardig aan elkaar.",
	"Iedereen krijgt een beurt.",
	"Als de een aan de beurt is, luisteren de anderen.",
	"Je valt elkaar niet in de rede en reageert pas als de ander is uitgepraat.",
	"Bij alle punten gaan we in op het gevoel, de oorzaak, het gevolg en de oplossing.",
	"Wie aan de beurt is, komt zelf met voorstellen om het beter te maken.",
	"Het gesprek is klaar als er voor iedereen goede oplossingen zijn.",
	"We maken nieuwe afspraken: wie doet wat, en wanneer.",
}

// CouncilPersonKind is who a person at the council is.
type CouncilPersonKind string

// The kinds of people at a council.
const (
	CouncilMember  CouncilPersonKind = "gezinslid"
	CouncilNetwork CouncilPersonKind = "netwerk"     // a person of the informal network
	CouncilWorker  CouncilPersonKind = "casemanager" // a worker assigned to the family
)

// CouncilPerson is one person invited to a council, and whether they came.
type CouncilPerson struct {
	Kind     CouncilPersonKind
	ID       int64 // the member, the network person or the user
	Name     string
	Invited  bool
	Attended bool
}

// Label is how the person is listed.
func (p CouncilPerson) Label() string {
	switch p.Kind {
	case CouncilNetwork:
		return p.Name + " (netwerk)"
	case CouncilWorker:
		return p.Name + " (casemanager)"
	}
	return p.Name
}

// CouncilNote is what was said at one agenda point on one aspect.
type CouncilNote struct {
	Point  CouncilPoint
	Aspect CouncilAspect
	Text   string
}

// Council is one family council: planned, then recorded.
type Council struct {
	ID       int64
	FamilyID int64
	On       Date
	Place    string
	People   []CouncilPerson
	// RecordedAt is when the council was recorded afterwards; zero while
	// it is only planned.
	RecordedAt     time.Time
	RecordedByName string
	Notes          []CouncilNote
	Agreements     []*Agreement
	// TakenOverIn is the number of the plan version the agreements were
	// added to; 0 while they were not.
	TakenOverIn   int
	TakenOverAt   time.Time
	TakenOverBy   string
	CreatedByName string
	CreatedAt     time.Time
	// CanRecord: the actor records the council (the policy's write on
	// SegCouncil). CanTakeOver: the actor adds its agreements to the plan
	// (the policy's write on SegPlan) and there are some, not yet taken.
	CanRecord   bool
	CanTakeOver bool
}

// Recorded reports whether the council was recorded afterwards.
func (c *Council) Recorded() bool { return !c.RecordedAt.IsZero() }

// Invited returns the people invited.
func (c *Council) Invited() []CouncilPerson {
	var out []CouncilPerson
	for _, p := range c.People {
		if p.Invited {
			out = append(out, p)
		}
	}
	return out
}

// Attendees returns the people who attended.
func (c *Council) Attendees() []CouncilPerson {
	var out []CouncilPerson
	for _, p := range c.People {
		if p.Attended {
			out = append(out, p)
		}
	}
	return out
}

// Note returns what was written at a point on an aspect.
func (c *Council) Note(p CouncilPoint, a CouncilAspect) string {
	for _, n := range c.Notes {
		if n.Point == p && n.Aspect == a {
			return n.Text
		}
	}
	return ""
}

// PointNoted reports whether anything was written at a point.
func (c *Council) PointNoted(p CouncilPoint) bool {
	for _, n := range c.Notes {
		if n.Point == p && n.Text != "" {
			return true
		}
	}
	return false
}

// CheckTakeOver says whether the agreements can go into the plan: a
// recorded council with agreements, not taken over before. ECONFLICT.
func (c *Council) CheckTakeOver() error {
	switch {
	case c.TakenOverIn != 0:
		return Errorf(ECONFLICT, "%s", Text(MsgCouncilTakenOver, c.TakenOverIn))
	case !c.Recorded() || len(c.Agreements) == 0:
		return Errorf(ECONFLICT, "%s", Text(MsgCouncilNoAgreements))
	}
	return nil
}

// Councils is a family's councils, newest first.
type Councils struct {
	List []*Council
	// CanPlan: the actor plans and records councils.
	CanPlan bool
}

// CouncilPeopleInput is who is chosen in a form: members, persons of the
// informal network and workers of the family, by id.
type CouncilPeopleInput struct {
	Members []int64
	Persons []int64
	Workers []int64
}

func (in CouncilPeopleInput) count() int { return len(in.Members) + len(in.Persons) + len(in.Workers) }

// CouncilPlanInput is what the casemanager plans: the day, the place and
// who is invited.
type CouncilPlanInput struct {
	On      string
	Place   string
	Invited CouncilPeopleInput
}

// Validate checks the plan of a council and returns its day. A council is
// planned ahead, or recorded afterwards without planning: any valid day.
func (in *CouncilPlanInput) Validate() (Date, error) {
	var v Validation
	in.On, in.Place = Clean(in.On), Clean(in.Place)
	var on Date
	if v.Required("on", in.On) {
		d, err := ParseDate(in.On)
		if err != nil || d.Before(NewDate(1900, 1, 1)) {
			v.Add("on", MsgDateInvalid)
		}
		on = d
	}
	v.MaxLen("place", in.Place, 200)
	if in.Invited.count() == 0 {
		v.Add("invited", MsgCouncilNoInvited)
	}
	return on, v.Err()
}

// CouncilRecordInput is what the casemanager records after the council:
// who attended, the notes per agenda point and aspect, and the
// agreements (the plan's agreement rows).
type CouncilRecordInput struct {
	Attended   CouncilPeopleInput
	Notes      []CouncilNote
	Agreements []AgreementInput
}

// Validate checks the record of a council held on day on: it cannot be
// recorded before it was held; at least one attendee; each agreement
// by the plan's rules (an owner, a what and a due date). Note fields are
// note-<point>-<aspect>.
func (in *CouncilRecordInput) Validate(on, today Date) error {
	var v Validation
	if on.After(today) {
		v.Add("attended", MsgCouncilNotYetHeld, on.Dutch())
	}
	if in.Attended.count() == 0 {
		v.Add("attended", MsgCouncilNoAttendees)
	}
	for i, n := range in.Notes {
		n.Text = Clean(n.Text)
		in.Notes[i] = n
		field := fmt.Sprintf("note-%s-%s", n.Point, n.Aspect)
		if !isCouncilPoint(n.Point) || !IsChoice(CouncilAspects, n.Aspect) {
			v.Add(field, MsgChoiceInvalid)
		}
		v.MaxLen(field, n.Text, 4000)
	}
	validateAgreementRows(&v, in.Agreements)
	return v.Err()
}

func isCouncilPoint(p CouncilPoint) bool {
	for _, a := range CouncilAgenda {
		if a.Point == p {
			return true
		}
	}
	return false
}

// CouncilService keeps the family councils. Every method decides access
// through the policy (SegCouncil: the team reads, the coordinator, duo
// partner and team leader write, a partner never) and audits in the same
// transaction; a denial is audited and returns ENOTFOUND.
type CouncilService interface {
	// FindCouncils returns the family's councils, newest first. ENOTFOUND.
	FindCouncils(ctx context.Context, familyID int64) (*Councils, error)
	// FindCouncil returns one council with its people, notes and
	// agreements. ENOTFOUND.
	FindCouncil(ctx context.Context, familyID, id int64) (*Council, error)
	// PlanCouncil plans a council. EINVALID, ENOTFOUND.
	PlanCouncil(ctx context.Context, familyID int64, in CouncilPlanInput) (*Council, error)
	// RecordCouncil records who attended, the notes and the agreements;
	// again to correct them, until the agreements were taken over
	// (ECONFLICT then). EINVALID, ECONFLICT, ENOTFOUND.
	RecordCouncil(ctx context.Context, familyID, id int64, in CouncilRecordInput) error
	// TakeOverCouncilAgreements adds the council's agreements to the
	// family's plan draft — starting one (the first plan, or a new version
	// of the agreed plan) when there is none — in one transaction, under
	// the plan's write permission, once. It returns the plan version's
	// number. ECONFLICT (taken over, nothing to take), ENOTFOUND.
	TakeOverCouncilAgreements(ctx context.Context, familyID, id int64) (int, error)
}
