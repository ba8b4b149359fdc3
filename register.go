package regie

import (
	"fmt"
	"strings"
	"time"
)

// The register of processing (AVG 30) is generated from regie's own
// definitions: the segments of the access log are the categories of data,
// the member relations and roles the categories of persons, the consents'
// organisations the recipients. What the code does not know (the purposes
// of the method, the retention rules of the law) is defined here, once.

// RetentionRule is one retention term of the law.
type RetentionRule struct {
	What  string // the data it covers
	Term  string // the term, in Dutch
	Basis string // the article
}

// RetentionRules are the retention terms regie applies: the one place
// where their wording lives (the register of processing prints it).
var RetentionRules = []RetentionRule{
	{
		What: "Het dossier van een gezin: alle gegevens van het gezin en de gezinsleden, het plan, de contactmomenten, de toestemmingen en de jeugdtrajecten",
		Term: fmt.Sprintf("%d jaar na het einde van de zorg (de afsluiting van het dossier, of de laatste check-up daarna), of langer zolang dat redelijkerwijs "+
			"nodig is voor de zorg van een goed hulpverlener; daarna vernietigd", RetentionYears),
		Basis: "Jeugdwet art. 7.3.8",
	},
	{
		What:  "Het dossier, op verzoek van de betrokkene",
		Term:  "vernietigd binnen drie maanden na het verzoek, tenzij het aanmerkelijk belang van een ander of een wettelijk voorschrift zich ertegen verzet",
		Basis: "Jeugdwet art. 7.3.9",
	},
	{
		What: "Het toegangslog (wie welke gegevens wanneer inzag of wijzigde)",
		Term: "ten minste zo lang als het dossier waarop het betrekking heeft; na vernietiging van het dossier blijven de regels " +
			"staan (zonder de inhoud van het dossier), zodat verantwoording over de toegang mogelijk blijft",
		Basis: "NEN 7513; AVG art. 5 lid 2 en art. 32",
	},
}

// Purposes are the purposes of the processing: the method of actief
// casemanagement (DOMAIN.md, seed 003).
var Purposes = []string{
	"Actief, outreachend casemanagement voor multiprobleemgezinnen: één gezin, één plan, één regisseur",
	"Aanmelding van gezinnen door professionals en het besluit over de intake in het teamoverleg",
	"Het opstellen, uitvoeren en evalueren van één integraal hulpverleningsplan over alle leefgebieden en alle gezinsleden",
	"Het vastleggen van contactmomenten, veiligheid en trajecten met andere organisaties",
	"Samenwerking met netwerkpartners binnen de grenzen van de toestemming van het gezin",
	"Het eigen traject van een jongere (12–24 jaar) met de jeugdhulpverlener, vertrouwelijk tegenover de ouders",
	"Warme overdracht, afsluiting en check-ups na afsluiting",
	"Sturing, werkbegeleiding en effectmeting van het team (rapportages, zonder herleidbare personen naar buiten)",
	"Verantwoording over toegang tot dossiers (toegangslog) en de rechten van betrokkenen",
}

// specialCategory says, for the segments that hold them, which special
// categories of personal data (AVG 9 and 10) and national identifiers
// (UAVG 46) a segment may hold. The life domains named come from Domains.
func specialCategory(s Segment) string {
	health := strings.ToLower(strings.Join([]string{Domain("verzorging").Label(), Domain("welzijn").Label(), Domain("trauma").Label()}, ", "))
	justice := strings.ToLower(Domain("justitie").Label())
	domains := fmt.Sprintf("gezondheid (leefgebieden %s) en strafrechtelijke gegevens (leefgebied %s)", health, justice)
	switch s {
	case SegMembers:
		return "burgerservicenummer (UAVG art. 46)"
	case SegSafety:
		return "gezondheid en (vermoedens van) strafbare feiten: huiselijk geweld en kindermishandeling (meldcode)"
	case SegReferral, SegPlan, SegTrajectories, SegEvaluations:
		return domains
	case SegContacts, SegHandover, SegCheckups, SegYouthConfidential, SegBalance:
		return "kan in vrije tekst " + domains + " bevatten"
	}
	return ""
}

// segmentSubjects says whose data a segment holds.
func segmentSubjects(s Segment) string {
	switch s {
	case SegAccount, SegOwnAccount, SegSession, SegAccountConfirm, SegSupervision, SegAssignments:
		return "medewerkers"
	case SegSocialMap, SegSettings:
		return "organisaties (contactgegevens van hun medewerkers)"
	case SegReports:
		return "geen personen: cijfers van groepen gezinnen"
	case SegAuditLog, SegRegister:
		return "medewerkers, gezinnen en betrokkenen"
	}
	return "gezinnen en betrokkenen"
}

// DataCategory is one category of personal data in the register.
type DataCategory struct {
	Segment Segment
	Label   string
	// Subjects says whose data it is: the families, the staff, …
	Subjects string
	// Special names the special categories it may hold; "" for none.
	Special string
}

// SecurityMeasures are the technical and organisational measures regie
// takes (AVG 32), as the code implements them.
var SecurityMeasures = []string{
	"Wachtwoorden opgeslagen als argon2id-hash; controle tegen veelgebruikte wachtwoorden",
	"Tweestapsverificatie (TOTP) voor elke gebruiker",
	fmt.Sprintf("Scheiding van taken bij accountbeheer: een tweede persoon bevestigt elk nieuw account en elke reset; een tijdelijk wachtwoord vervalt na %d uur", int(TemporaryPasswordValid.Hours())),
	"Eén toegangsbeleid: toegang per rol, toewijzing, team en toestemmingsverklaring; wat niet is toegestaan is geweigerd",
	"Gegevens van een partnerorganisatie alleen onder een geldige toestemmingsverklaring, en alleen wat die dekt",
	"Wat een jongere vertrouwelijk vertelt alleen met de eigen toestemming van de jongere",
	"Toegangslog (NEN 7513) van elke inzage, wijziging, export en geweigerde poging, in dezelfde transactie als de toegang; " +
		"rijen in hashketens met een sleutel buiten de database, ankers buiten de database, database-triggers tegen wijzigen en verwijderen",
	"Gevoelige sleutels (TOTP-geheimen) versleuteld opgeslagen met een sleutel buiten de database",
	"Strikte Content-Security-Policy, CSRF-bescherming op elk formulier, sessies die verlopen",
}

// ProcessingRegister is the register of processing (AVG 30).
type ProcessingRegister struct {
	MadeAt time.Time
	// Controller are the organisations that run regie (the social map's
	// own organisations).
	Controller []string
	Purposes   []string
	// PersonCategories are the categories of persons whose data regie
	// holds.
	PersonCategories []string
	DataCategories   []DataCategory
	// Recipients are the organisations named in the families' consents;
	// Partners the organisations whose staff use regie as network
	// partners or referrers.
	Recipients []string
	Partners   []string
	Transfers  string
	Retention  []RetentionRule
	Security   []string
}

// NewProcessingRegister builds the register from regie's definitions and
// the organisations read from the database.
func NewProcessingRegister(now time.Time, controller, recipients, partners []string) *ProcessingRegister {
	r := &ProcessingRegister{MadeAt: now, Controller: controller, Purposes: Purposes, Recipients: recipients, Partners: partners,
		Transfers: "Geen: regie geeft geen persoonsgegevens door naar landen buiten de Europese Economische Ruimte of aan internationale organisaties.",
		Retention: RetentionRules, Security: SecurityMeasures}
	relations := make([]string, 0, len(Relations))
	for _, c := range Relations {
		relations = append(relations, strings.ToLower(c.Label))
	}
	r.PersonCategories = []string{
		"Gezinsleden: " + strings.Join(relations, ", "),
		fmt.Sprintf("Jongeren van %d tot en met %d jaar met een eigen jeugdtraject", YouthAgeMin, YouthAgeMax),
		"Personen uit het informele netwerk van het gezin (familie, buren, vrienden)",
		"Contactpersonen van organisaties in trajecten en netwerkoverleggen",
	}
	for _, c := range Roles {
		r.PersonCategories = append(r.PersonCategories, "Gebruikers van regie: "+c.Label)
	}
	for _, c := range Segments {
		r.DataCategories = append(r.DataCategories, DataCategory{Segment: c.Value, Label: c.Label, Subjects: segmentSubjects(c.Value),
			Special: specialCategory(c.Value)})
	}
	return r
}
