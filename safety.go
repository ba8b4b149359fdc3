package regie

import "time"

// Severity is how serious a safety concern is.
type Severity string

// The severities; SeverityAcute puts the family at the top of every list
// and agenda.
const (
	SeverityLow    Severity = "laag"
	SeverityMedium Severity = "midden"
	SeverityHigh   Severity = "hoog"
	SeverityAcute  Severity = "acuut"
)

// Severities lists them with their Dutch labels.
var Severities = []Choice[Severity]{
	{SeverityLow, "Licht"},
	{SeverityMedium, "Matig"},
	{SeverityHigh, "Ernstig"},
	{SeverityAcute, "Acuut onveilig"},
}

// Label returns the Dutch label.
func (s Severity) Label() string { return LabelOf(Severities, s) }

// Meldcode is where the statutory reporting code (meldcode huiselijk
// geweld en kindermishandeling) stands for a concern.
type Meldcode string

// Meldcodes lists the steps with their Dutch labels.
var Meldcodes = []Choice[Meldcode]{
	{"beoordelen", "Nog te beoordelen"},
	{"niet_nodig", "Niet nodig"},
	{"loopt", "Stappen van de meldcode lopen"},
	{"gevolgd", "Meldcode gevolgd, geen melding nodig"},
	{"gemeld", "Gemeld bij Veilig Thuis"},
}

// Label returns the Dutch label.
func (m Meldcode) Label() string { return LabelOf(Meldcodes, m) }

// SafetyConcern is a concern about the safety of a child (or the family as
// a whole): what, since when, how serious, what is done, and the meldcode.
type SafetyConcern struct {
	ID           int64
	FamilyID     int64
	MemberID     int64 // 0: the family as a whole
	MemberName   string
	What         string
	Since        Date
	Severity     Severity
	Actions      string
	Meldcode     Meldcode
	CreatedBy    int64
	CreatedAt    time.Time
	ResolvedOn   Date
	ResolvedNote string
}

// Open reports whether the concern is still there.
func (c *SafetyConcern) Open() bool { return c.ResolvedOn.IsZero() }

// SafetyInput is what a casemanager types about a concern.
type SafetyInput struct {
	MemberID int64
	What     string
	Since    string
	Severity Severity
	Actions  string
	Meldcode Meldcode
}

// Validate checks the input and returns the parsed date.
func (in *SafetyInput) Validate(today Date) (Date, error) {
	in.What, in.Actions = Clean(in.What), Clean(in.Actions)
	var v Validation
	v.Required("what", in.What)
	v.MaxLen("what", in.What, 4000)
	since := v.PastDate("since", in.Since, today, true)
	if !IsChoice(Severities, in.Severity) {
		v.Add("severity", MsgChoiceInvalid)
	}
	v.MaxLen("actions", in.Actions, 4000)
	if !IsChoice(Meldcodes, in.Meldcode) {
		v.Add("meldcode", MsgChoiceInvalid)
	}
	return since, v.Err()
}
