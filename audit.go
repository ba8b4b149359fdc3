package regie

import (
	"context"
	"time"
)

// Action is what an audit row says was done.
type Action string

// The audited actions (NEN 7513: read, create, change, search, export…).
const (
	ActionRead   Action = "read"
	ActionCreate Action = "create"
	ActionUpdate Action = "update"
	ActionSearch Action = "search"
	ActionExport Action = "export"
	ActionLogin  Action = "login"
	ActionLogout Action = "logout"
	// ActionDestroy is the destruction of a family's file (Jeugdwet
	// 7.3.8 and 7.3.9).
	ActionDestroy Action = "destroy"
)

// Actions lists the actions with their Dutch labels.
var Actions = []Choice[Action]{
	{ActionRead, "Inzien"},
	{ActionCreate, "Aanmaken"},
	{ActionUpdate, "Wijzigen"},
	{ActionSearch, "Zoeken"},
	{ActionExport, "Afdrukken / exporteren"},
	{ActionLogin, "Inloggen"},
	{ActionLogout, "Uitloggen"},
	{ActionDestroy, "Vernietigen"},
}

// Label returns the Dutch label.
func (a Action) Label() string { return LabelOf(Actions, a) }

// Outcome is how an audited attempt ended.
type Outcome string

// The outcomes.
const (
	OutcomeOK     Outcome = "ok"
	OutcomeDenied Outcome = "denied" // the access policy refused
	OutcomeFailed Outcome = "failed" // e.g. a wrong password or code
)

// Outcomes lists the outcomes with their Dutch labels.
var Outcomes = []Choice[Outcome]{
	{OutcomeOK, "Toegestaan"},
	{OutcomeDenied, "Geweigerd"},
	{OutcomeFailed, "Mislukt"},
}

// Label returns the Dutch label.
func (o Outcome) Label() string { return LabelOf(Outcomes, o) }

// Segment names the kind of data an access touched, so the access log (and
// later consent) can tell a look at the address from a look at the plan.
type Segment string

// The data segments.
const (
	SegFamily       Segment = "gezin"
	SegMembers      Segment = "gezinsleden"
	SegAssignment   Segment = "toewijzing"
	SegFamilyList   Segment = "gezinslijst"
	SegAuditLog     Segment = "toegangslog"
	SegAccount      Segment = "account"
	SegOwnAccount   Segment = "eigen_account"
	SegSession      Segment = "sessie"
	SegAssignments  Segment = "toewijzingsoverzicht"
	SegReferral     Segment = "aanmelding"
	SegReferrals    Segment = "aanmeldingenlijst"
	SegIntake       Segment = "intakebesluit"
	SegSafety       Segment = "veiligheid"
	SegSocialMap    Segment = "sociale_kaart"
	SegSettings     Segment = "instellingen"
	SegPhase        Segment = "fase"
	SegContacts     Segment = "contactmomenten"
	SegMeeting      Segment = "teamoverleg"
	SegSupervision  Segment = "werkbegeleiding"
	SegPlan         Segment = "plan"
	SegConsent      Segment = "toestemming"
	SegTrajectories Segment = "trajecten"
	// SegHandover is the warm handover and the referrer's commitment;
	// SegNetwork the network meetings and closing the coordination.
	SegHandover    Segment = "overdracht"
	SegNetwork     Segment = "netwerkoverleg"
	SegEvaluations Segment = "evaluaties"
	SegCheckups    Segment = "checkups"
	// SegNetworkPersons is the family's informal network: people outside
	// the household and outside organisations (grandmother, neighbour).
	SegNetworkPersons Segment = "informeel_netwerk"
	// SegGenogram is the family's genogram: the extended family over
	// generations, relatives outside the household, their relations.
	SegGenogram Segment = "genogram"
	// SegSociogram is the family's sociogram (ecogram): its ties with
	// family, friends, neighbours, school, work, clubs and agencies, kept
	// at moments in time.
	SegSociogram Segment = "sociogram"
	// SegAgreements is the progress of agreements (the plan's and the
	// network meetings'): a partner records it on its own.
	SegAgreements Segment = "afspraken"
	// SegStagnation is a partner's report that the help stagnates
	// (stagnatie melden): a signal for the coordinator, an agenda item.
	SegStagnation Segment = "stagnatie"
	// SegYouth is a youth's own track with the youth worker, as far as
	// it is shared with the family's coordinator: that it runs, who does
	// it, its norm, and the agreements that concern the family.
	SegYouth Segment = "jeugdtraject"
	// SegYouthConfidential is what the youth shared in confidence: the
	// youth plan's content, the notes of the contacts with the youth, the
	// youth's final evaluation (DOMAIN.md §6, confidentiality by age).
	SegYouthConfidential Segment = "jeugdtraject_vertrouwelijk"
	// SegYouthConsent is the youth's own consent to share what they told
	// in confidence: recorded by their own youth worker.
	SegYouthConsent Segment = "jeugdtoestemming"
	// SegAccountConfirm is the second person's confirmation of an account
	// made or reset by an administrator.
	SegAccountConfirm Segment = "accountbevestiging"
	// SegReports is the reports' figures (Rapportages); SegReportFamilies
	// the families behind one figure, the team leader's drill-down.
	SegReports        Segment = "rapportages"
	SegReportFamilies Segment = "rapportage_gezinnen"
	// SegEmergency is break-glass access (noodtoegang): giving one, the
	// list of them a family's coordinator and team leader see, and the
	// privacy officer's review.
	SegEmergency Segment = "noodtoegang"
	// SegRetention is the retention of closed files: their dates, legal
	// holds, the approval of their destruction and the destruction;
	// SegDestructionRequest a family member's request to destroy.
	SegRetention          Segment = "bewaartermijnen"
	SegDestructionRequest Segment = "vernietigingsverzoek"
	// SegPersonExport is the export of everything regie holds about one
	// person (AVG 15 and 20), made by the privacy officer;
	// SegRectification a person's request to correct data (AVG 16) and
	// its outcome; SegRegister the register of processing (AVG 30).
	SegPersonExport  Segment = "inzage_persoon"
	SegRectification Segment = "rectificatie"
	SegRegister      Segment = "verwerkingsregister"
	// SegBalance is the balance model (draagkracht/draaglast): its
	// moments and factors, and the working lines tied to plan goals.
	SegBalance Segment = "balansmodel"
	// SegCouncil is the family council (familieberaad): its plan, who
	// attended, the notes and its agreements.
	SegCouncil Segment = "familieberaad"
)

// Segments lists the segments with their Dutch labels.
var Segments = []Choice[Segment]{
	{SegFamily, "Gezinsgegevens"},
	{SegMembers, "Gezinsleden"},
	{SegAssignment, "Toewijzing"},
	{SegFamilyList, "Gezinnenlijst"},
	{SegAuditLog, "Toegangslog"},
	{SegAccount, "Account"},
	{SegOwnAccount, "Eigen account"},
	{SegSession, "Sessie"},
	{SegAccountConfirm, "Bevestiging van accountbeheer"},
	{SegAssignments, "Toewijzingsoverzicht"},
	{SegReferral, "Aanmelding"},
	{SegReferrals, "Aanmeldingen en wachtlijst"},
	{SegIntake, "Intakebesluit"},
	{SegSafety, "Veiligheid"},
	{SegSocialMap, "Sociale kaart"},
	{SegSettings, "Instellingen"},
	{SegPhase, "Fase"},
	{SegContacts, "Contactmomenten en uren"},
	{SegMeeting, "Teamoverleg"},
	{SegSupervision, "Werkbegeleiding"},
	{SegPlan, "Hulpverleningsplan"},
	{SegConsent, "Toestemmingsverklaring"},
	{SegEvaluations, "Evaluaties"},
	{SegTrajectories, "Trajecten"},
	{SegHandover, "Warme overdracht"},
	{SegNetwork, "Netwerkoverleg en coördinatie van zorg"},
	{SegCheckups, "Check-ups na afsluiting"},
	{SegNetworkPersons, "Informeel netwerk"},
	{SegGenogram, "Genogram"},
	{SegSociogram, "Sociogram"},
	{SegCouncil, "Familieberaad"},
	{SegAgreements, "Voortgang van afspraken"},
	{SegStagnation, "Stagnatiemelding"},
	{SegYouth, "Jeugdtraject (gedeeld deel)"},
	{SegYouthConfidential, "Jeugdtraject (vertrouwelijk)"},
	{SegYouthConsent, "Toestemming van de jongere"},
	{SegReports, "Rapportages"},
	{SegReportFamilies, "Gezinnen achter een rapportagecijfer"},
	{SegEmergency, "Noodtoegang"},
	{SegRetention, "Bewaartermijnen en vernietiging"},
	{SegDestructionRequest, "Verzoek tot vernietiging"},
	{SegPersonExport, "Inzage en export van een persoon"},
	{SegRectification, "Verzoek tot correctie"},
	{SegRegister, "Verwerkingsregister"},
	{SegBalance, "Balansmodel"},
}

// Label returns the Dutch label.
func (s Segment) Label() string { return LabelOf(Segments, s) }

// AuditEntry is one row of the access log, after NEN 7513: when (UTC), who
// (user and role), what (action, segment, outcome), whose data (family,
// member), from where (access point) and on what basis. Rows form hash
// chains: Hash covers the row and the previous row's hash, keyed with a key
// the database never holds, so a row altered or removed in the database
// breaks its chain.
type AuditEntry struct {
	ID         int64
	Chain      int
	Seq        int64
	Time       time.Time
	UserID     int64 // 0 when no one was logged in
	Role       Role
	Action     Action
	Outcome    Outcome
	FamilyID   int64
	MemberID   int64
	ReferralID int64
	IP         string
	UserAgent  string
	Basis      string // why access was allowed (or "geen" when denied)
	Segment    Segment
	Detail     string // e.g. the search terms, or the e-mail tried at log-in
	PrevHash   string
	Hash       string

	UserName string // joined for display
}

// AuditFilter selects access log rows, newest first.
type AuditFilter struct {
	FamilyID   *int64
	UserID     *int64
	ReferralID *int64
	Since      time.Time // inclusive; zero for no bound
	Until      time.Time // exclusive; zero for no bound
	// NotOK selects only refused and failed attempts.
	NotOK  bool
	Limit  int
	Offset int
	// Export marks the read as a download, audited as an export.
	Export bool
}

// AuditService reads and verifies the access log. The application never
// updates or deletes audit rows; only the store writes them, inside the
// transaction of the access they describe.
type AuditService interface {
	// FindAuditEntries returns a page of rows and the total count. Only the
	// privacy officer may read the log, and reading it is audited. EFORBIDDEN.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
	// VerifyAudit recomputes every chain and checks it against its head
	// and against the heads anchored outside the database (anchors, read
	// from the anchor file by the caller); it reports every break it
	// finds, not just the first.
	VerifyAudit(ctx context.Context, anchors []AuditAnchor) (*AuditReport, error)
}
