package regie

import (
	"context"
	"encoding/json"
	"time"
)

// The data subject's rights (AVG 15, 16 and 20): everything regie holds
// about one person in one export, and requests to correct data with their
// outcome kept beside the data. The privacy officer handles both.

// PersonExportVersion is the version of the person export's JSON. Raise it
// when a field is renamed or removed; adding a field or a section does not
// change it.
const PersonExportVersion = 1

// PersonExport is everything regie holds about one family member (AVG 15,
// access; AVG 20, portability): their own record, every row of every table
// that references them, the family's records that concern them, what was
// withheld because it is another person's, their requests for rectification,
// and who accessed their file. Its JSON form is documented in
// doc/design.md; field names are English and stable.
type PersonExport struct {
	Version    int          `json:"version"`
	MadeAt     time.Time    `json:"made_at"`
	MadeBy     string       `json:"made_by"`
	Controller string       `json:"controller"`
	Person     ExportPerson `json:"person"`
	Family     ExportFamily `json:"family"`
	// Sections hold the rows, each section one kind of record.
	Sections []*ExportSection `json:"sections"`
	// Withheld says what is left out and why: another person's data.
	Withheld []ExportWithheld `json:"withheld"`
	// Rectifications are the person's requests to correct data.
	Rectifications []ExportRectification `json:"rectification_requests"`
	// Access is the family's access log: who accessed the file, also the
	// refused attempts ("wie heeft mijn dossier gezien").
	Access []ExportAccess `json:"access_log"`
}

// ExportPerson is the person's own record (table members).
type ExportPerson struct {
	ID         int64  `json:"id"`
	GivenName  string `json:"given_name"`
	FamilyName string `json:"family_name"`
	BirthDate  string `json:"birth_date"` // ISO 8601
	Relation   string `json:"relation"`   // code: ouder, verzorger, kind, overig
	BSN        string `json:"bsn"`
	StartedOn  string `json:"started_on"`
	EndedOn    string `json:"ended_on"` // "" while the person is in the household
	EndReason  string `json:"end_reason"`
}

// Name is the person's full name.
func (p ExportPerson) Name() string {
	return (&Member{GivenName: p.GivenName, FamilyName: p.FamilyName}).Name()
}

// RelationLabel is the Dutch label of the person's relation.
func (p ExportPerson) RelationLabel() string { return Relation(p.Relation).Label() }

// ExportFamily names the family whose file the person is in.
type ExportFamily struct {
	ID            int64  `json:"id"`
	DossierNumber string `json:"dossier_number"`
	HouseholdName string `json:"household_name"`
}

// ExportSection is one kind of record: its stable key, its Dutch title,
// the table and column that reference the person ("" for the family's
// records that concern them), and its rows.
type ExportSection struct {
	Key    string      `json:"key"`
	Title  string      `json:"title"`
	Source string      `json:"source,omitempty"`
	Rows   []ExportRow `json:"rows"`
}

// ExportRow is one record: its fields in the order of the query. Every
// value is text: dates in ISO 8601, times in UTC RFC 3339, codes as
// stored, "" for none.
type ExportRow []ExportField

// ExportField is one field of a record.
type ExportField struct {
	Name  string
	Value string
}

// MarshalJSON writes the row as one JSON object, its keys in order.
func (r ExportRow) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, f := range r {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(f.Name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a row back (order is lost, which JSON allows).
func (r *ExportRow) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*r = (*r)[:0]
	for k, v := range m {
		*r = append(*r, ExportField{Name: k, Value: v})
	}
	return nil
}

// Get returns the value of the field name, "" when absent.
func (r ExportRow) Get(name string) string {
	for _, f := range r {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// ExportWithheld says that some records were left out of the export and
// why: they are another person's (AVG 15(4)).
type ExportWithheld struct {
	Key    string `json:"key"`
	Title  string `json:"title"`
	Count  int    `json:"count"`
	Reason string `json:"reason"`
}

// ExportAccess is one row of the access log, as the person is shown it:
// who (name and role), when, what, and how it ended. The access point and
// the free-text detail (which may hold search terms naming others) are
// left out.
type ExportAccess struct {
	Time     time.Time `json:"time"`
	UserName string    `json:"user_name"`
	Role     Role      `json:"role"`
	Action   Action    `json:"action"`
	Segment  Segment   `json:"segment"`
	Outcome  Outcome   `json:"outcome"`
	Basis    string    `json:"basis"`
	MemberID int64     `json:"member_id,omitempty"`
}

// ExportSectionTitles are the Dutch titles of the export's sections, by
// key: the one list the store's sections and the PDF read.
var ExportSectionTitles = []Choice[string]{
	{"family", "Gezinsgegevens"},
	{"household", "Huishouden (namen en relatie van de andere gezinsleden)"},
	{"assignments", "Toewijzing van een jeugdhulpverlener"},
	{"safety_concerns", "Zorgen over veiligheid die over u gaan"},
	{"family_safety_concerns", "Zorgen over veiligheid van het gezin"},
	{"contacts_attended", "Contactmomenten waarbij u aanwezig was"},
	{"youth_contacts", "Contactmomenten met de jeugdhulpverlener"},
	{"family_contacts", "Overige contactmomenten met het gezin"},
	{"plan_versions", "Hulpverleningsplan (versies)"},
	{"plan_domains", "Hulpverleningsplan: de leefgebieden"},
	{"plan_family_goals", "Doelen in het plan voor het hele gezin"},
	{"handovers", "Warme overdracht aan andere organisaties"},
	{"family_closings", "Afsluiting van het dossier"},
	{"plan_member_scores", "Zelfredzaamheid in het plan (uw scores)"},
	{"plan_goals", "Doelen in het plan die over u gaan"},
	{"plan_agreements", "Afspraken in het plan die u uitvoert"},
	{"moment_scores", "Zelfredzaamheidsmetingen (uw scores)"},
	{"trajectories", "Trajecten die over u gaan"},
	{"consents_signed", "Toestemmingsverklaringen die u ondertekende"},
	{"consent_parties", "Organisaties in de toestemmingsverklaringen"},
	{"network_attendance", "Netwerkoverleggen waarbij u aanwezig was"},
	{"network_agreements", "Afspraken uit het netwerkoverleg die u uitvoert"},
	{"council_attendance", "Familieberaden waarvoor u was uitgenodigd of waarbij u aanwezig was"},
	{"council_agreements", "Afspraken uit het familieberaad die u uitvoert"},
	{"evaluations", "Evaluaties waaraan u deelnam"},
	{"checkups", "Check-ups na afsluiting waarbij u betrokken was"},
	{"youth_tracks", "Uw eigen jeugdtraject"},
	{"youth_goals", "Uw doelen in het jeugdtraject"},
	{"youth_agreements", "Uw afspraken in het jeugdtraject"},
	{"youth_scores", "Uw scores in het jeugdtraject"},
	{"youth_evaluations", "Eindevaluatie van uw jeugdtraject"},
	{"youth_consents", "Uw toestemmingen als jongere"},
	{"youth_consents_cosigned", "Toestemmingen van een jongere die u mede ondertekende"},
	{"genogram", "Wat het genogram over u vastlegt"},
	{"phase_transitions", "Fasen van het dossier"},
	{"balance_factors", "Balansmodel: draagkracht en draaglast"},
	{"balance_goal_lines", "Balansmodel: werklijnen bij de doelen"},
	{"rectifications", "Verzoeken tot correctie"},
	{"destruction_requests", "Verzoeken tot vernietiging van het dossier"},
}

// ExportSectionTitle returns the Dutch title of a section key.
func ExportSectionTitle(key string) string { return LabelOf(ExportSectionTitles, key) }

// ExportRectification is a request for rectification in the export.
type ExportRectification struct {
	ID         int64                `json:"id"`
	Segment    Segment              `json:"segment"`
	What       string               `json:"what"`
	Requested  string               `json:"requested"`
	ReceivedOn string               `json:"received_on"`
	Due        string               `json:"due"`
	RecordedBy string               `json:"recorded_by"`
	Outcome    RectificationOutcome `json:"outcome"` // "" while open
	Reason     string               `json:"reason"`
	DecidedOn  string               `json:"decided_on"`
	DecidedBy  string               `json:"decided_by"`
}

// Export returns the request as the person export holds it.
func (r *Rectification) Export() ExportRectification {
	return ExportRectification{ID: r.ID, Segment: r.Segment, What: r.What, Requested: r.Requested,
		ReceivedOn: r.ReceivedOn.ISO(), Due: r.Due().ISO(), RecordedBy: r.RecordedBy, Outcome: r.Outcome,
		Reason: r.Reason, DecidedOn: r.DecidedOn.ISO(), DecidedBy: r.DecidedBy}
}

// RectificationOutcome is how a request to correct data ended.
type RectificationOutcome string

// The outcomes of a request for rectification.
const (
	RectificationGranted  RectificationOutcome = "toegewezen"
	RectificationPartly   RectificationOutcome = "gedeeltelijk"
	RectificationRejected RectificationOutcome = "afgewezen"
)

// RectificationOutcomes lists the outcomes with their Dutch labels.
var RectificationOutcomes = []Choice[RectificationOutcome]{
	{RectificationGranted, "Toegewezen: de gegevens zijn gecorrigeerd"},
	{RectificationPartly, "Gedeeltelijk toegewezen"},
	{RectificationRejected, "Afgewezen"},
}

// Label returns the Dutch label.
func (o RectificationOutcome) Label() string { return LabelOf(RectificationOutcomes, o) }

// RectificationSegments are the kinds of a family's data a request may
// concern: the segments of the family file, with their labels from
// Segments.
var RectificationSegments = []Segment{
	SegFamily, SegMembers, SegContacts, SegSafety, SegPlan, SegConsent, SegTrajectories,
	SegEvaluations, SegHandover, SegNetwork, SegNetworkPersons, SegGenogram, SegCheckups, SegYouth, SegYouthConfidential,
}

// RectificationMonths is the term to answer a request (AVG 12(3): one
// month after receipt; an extension is a decision of its own, recorded in
// the outcome).
const RectificationMonths = 1

// Rectification is a request to correct data (AVG 16) and its outcome,
// kept with the family and the member it concerns.
type Rectification struct {
	ID         int64
	FamilyID   int64
	MemberID   int64
	MemberName string
	Segment    Segment
	// What describes the data concerned; Requested the correction asked.
	What       string
	Requested  string
	ReceivedOn Date
	RecordedBy string
	// Outcome is "" while the request is open.
	Outcome   RectificationOutcome
	Reason    string
	DecidedOn Date
	DecidedBy string

	HouseholdName string // joined for the privacy officer's list
}

// Due is the day the answer is due: one month after receipt.
func (r *Rectification) Due() Date { return r.ReceivedOn.AddMonths(RectificationMonths) }

// Open reports whether the request still waits for its outcome.
func (r *Rectification) Open() bool { return r.Outcome == "" }

// Late reports whether an open request is past its deadline on today.
func (r *Rectification) Late(today Date) bool { return r.Open() && r.Due().Before(today) }

// DaysLeft is the number of days until the deadline (negative when late).
func (r *Rectification) DaysLeft(today Date) int { return today.DaysUntil(r.Due()) }

// RectificationInput is a request as the privacy officer records it.
type RectificationInput struct {
	MemberID   int64
	Segment    Segment
	What       string
	Requested  string
	ReceivedOn string // as typed
}

// Normalize cleans the input in place.
func (in *RectificationInput) Normalize() {
	in.What, in.Requested, in.ReceivedOn = Clean(in.What), Clean(in.Requested), Clean(in.ReceivedOn)
}

// Validate checks the request against the family's members and today, and
// returns the day it was received.
func (in *RectificationInput) Validate(members []*Member, today Date) (Date, error) {
	var v Validation
	found := false
	for _, m := range members {
		found = found || m.ID == in.MemberID
	}
	if !found {
		v.Add("member", MsgChoiceInvalid)
	}
	ok := false
	for _, s := range RectificationSegments {
		ok = ok || s == in.Segment
	}
	if !ok {
		v.Add("segment", MsgChoiceInvalid)
	}
	v.Required("data", in.What)
	v.MaxLen("data", in.What, 2000)
	v.Required("requested", in.Requested)
	v.MaxLen("requested", in.Requested, 2000)
	received := v.PastDate("received_on", in.ReceivedOn, today, true)
	return received, v.Err()
}

// RectificationDecision is the outcome as the privacy officer records it.
type RectificationDecision struct {
	Outcome   RectificationOutcome
	Reason    string
	DecidedOn string // as typed
}

// Normalize cleans the input in place.
func (in *RectificationDecision) Normalize() {
	in.Reason, in.DecidedOn = Clean(in.Reason), Clean(in.DecidedOn)
}

// Validate checks the outcome: a reason is required unless the request is
// granted in full; the day lies between receipt and today.
func (in *RectificationDecision) Validate(received, today Date) (Date, error) {
	var v Validation
	if !IsChoice(RectificationOutcomes, in.Outcome) {
		v.Add("outcome", MsgChoiceInvalid)
	}
	if in.Outcome != RectificationGranted && in.Reason == "" {
		v.Add("reason", MsgRectificationReason)
	}
	v.MaxLen("reason", in.Reason, 2000)
	decided := v.PastDate("decided_on", in.DecidedOn, today, true)
	if !decided.IsZero() && decided.Before(received) {
		v.Add("decided_on", MsgRectificationBeforeReceived, received.Dutch())
		decided = Date{}
	}
	return decided, v.Err()
}

// PersonExportFamily is what the privacy officer sees to choose the person
// to export: the family's name and its members' names, no case content.
type PersonExportFamily struct {
	ID            int64
	HouseholdName string
	Members       []*Member
	// Rectifications are the family's requests, open and decided.
	Rectifications []*Rectification
}

// RectificationFilter selects requests for rectification.
type RectificationFilter struct {
	FamilyID *int64
	OpenOnly bool
}

// PrivacyService is the privacy officer's work on the data subject's
// rights and the register of processing. Every method decides access
// through the policy and writes its audit row in the same transaction.
type PrivacyService interface {
	// FindPersonExportFamily returns a family's members to choose the
	// person of an export. ENOTFOUND (also when not allowed).
	FindPersonExportFamily(ctx context.Context, familyID int64) (*PersonExportFamily, error)
	// ExportPerson returns everything regie holds about one member,
	// audited as an export of the family and member. ENOTFOUND.
	ExportPerson(ctx context.Context, familyID, memberID int64) (*PersonExport, error)
	// FindRectifications returns requests for rectification: one family's
	// (for whoever reads the family) or all (the privacy officer's list,
	// audited per family shown). ENOTFOUND, EFORBIDDEN.
	FindRectifications(ctx context.Context, f RectificationFilter) ([]*Rectification, error)
	// CreateRectification records a request. EINVALID, ENOTFOUND.
	CreateRectification(ctx context.Context, familyID int64, in RectificationInput) (*Rectification, error)
	// DecideRectification records the outcome of an open request.
	// EINVALID, ENOTFOUND, ECONFLICT (already decided).
	DecideRectification(ctx context.Context, familyID, id int64, in RectificationDecision) error
	// ProcessingRegister returns the register of processing (AVG 30).
	// EFORBIDDEN.
	ProcessingRegister(ctx context.Context) (*ProcessingRegister, error)
}

// exportFieldLabels are the Dutch labels of the export's field names, for
// the readable PDF; the JSON keeps the English names.
var exportFieldLabels = map[string]string{
	"id": "Nummer", "kind": "Soort", "worker": "Medewerker", "started_on": "Begonnen op", "ended_on": "Beëindigd op",
	"what": "Wat", "since": "Sinds", "severity": "Ernst", "actions": "Genomen stappen", "meldcode": "Meldcode",
	"created_at": "Vastgelegd op", "resolved_on": "Opgelost op", "resolved_note": "Toelichting bij oplossen",
	"date": "Datum", "start_time": "Begintijd", "minutes": "Minuten", "attempt": "Bereikt", "partners": "Met",
	"practical": "Praktische hulp", "note": "Verslag of notitie", "plan_version": "Planversie", "domain": "Leefgebied",
	"score": "Score", "term": "Termijn", "text": "Tekst", "due": "Uiterlijk", "organisation": "Organisatie",
	"intervention": "Interventie", "status": "Stand", "waiting_since": "Wacht sinds", "reason": "Reden",
	"contact_person": "Contactpersoon", "signed_on": "Ondertekend op", "valid_until": "Geldig tot",
	"withdrawn_on": "Ingetrokken op", "withdraw_reason": "Reden van intrekken", "meeting": "Overleg",
	"held_on": "Gehouden op", "agencies": "Instanties", "notes": "Aantekeningen", "casemanager": "Casemanager aanwezig",
	"team": "Team aanwezig", "others": "Anderen", "closing_answer": "Antwoord op de afsluitende vraag",
	"family_doing": "Hoe het gaat met het gezin", "cooperation": "Samenwerking", "assessment": "Beoordeling",
	"closed_on": "Afgesloten op", "youth_signed": "Door de jongere ondertekend", "share_coordinator": "Delen met de casemanager",
	"share_family": "Delen met de ouders", "youth": "Jongere", "household_name": "Naam van het huishouden",
	"street": "Straat", "postcode": "Postcode", "city": "Plaats", "district": "Wijk", "dutch_proficiency": "Beheersing Nederlands",
	"languages": "Talen", "interpreter_needed": "Tolk nodig", "composition_notes": "Over de samenstelling",
	"closed_at": "Dossier afgesloten op", "close_reason": "Reden van afsluiten", "given_name": "Voornaam",
	"family_name": "Achternaam", "relation": "Relatie", "number": "Versie", "origin": "Aanleiding",
	"history": "Voorgeschiedenis", "strengths": "Krachten", "obstacles": "Belemmeringen", "problems": "Problemen",
	"situation": "Situatie", "closing_question": "Afsluitende vraag", "agreed_on": "Afgesproken op",
	"agreed_with": "Afgesproken met", "consent": "Toestemmingsverklaring", "purpose": "Doel", "kinds": "Welke gegevens",
	"phase": "Fase", "track": "Jeugdtraject", "words": "In eigen woorden", "steps": "Stappen", "owner": "Wie",
	"scored_on": "Gescoord op", "how_now": "Hoe het nu gaat", "handed_over_on": "Overgedragen op", "goals": "Afspraken over de doelen",
	"tasks": "Taakverdeling", "outcome": "Uitkomst", "onward_reason": "Reden van doorverwijzing",
}

// ExportFieldLabel returns the Dutch label of an export field name.
func ExportFieldLabel(name string) string {
	if l, ok := exportFieldLabels[name]; ok {
		return l
	}
	return name
}
