// Package ui is regie's HTML application: server-rendered Dutch pages,
// forms that post and redirect, no JavaScript. Handlers parse the request,
// call the services (which decide access and audit), and render a template
// or redirect; every error goes through serveError.
package ui

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"regie"
	"regie/internal/auth"
	"regie/internal/request"
	"regie/internal/response"
	"regie/internal/server"
)

// Config is what the UI needs; cmd/regie wires it.
type Config struct {
	Families  regie.FamilyService
	Users     regie.UserService
	Audit     regie.AuditService
	Referrals regie.ReferralService
	SocialMap regie.SocialMapService
	Settings  regie.SettingsService
	Rates     regie.RateService   // the rates of the cost/benefit analysis
	Reports   regie.ReportService // the reports' figures (Rapportages)
	Contacts  regie.ContactService
	Phases    regie.PhaseService
	Meetings  regie.MeetingService
	Plans     regie.PlanService
	Consents  regie.ConsentService
	// Evaluations are the plan's interim and final evaluations.
	Evaluations regie.EvaluationService
	// Trajectories are the family's interventions with agencies.
	Trajectories regie.TrajectoryService
	// Coordination is the warm handover, the network meetings and
	// closing the coordination of care.
	Coordination regie.CoordinationService
	// Genograms are the families' genograms.
	Genograms regie.GenogramService
	// Councils are the family councils (familieberaad).
	Councils regie.CouncilService
	// Checkups are the check-ups after a file was closed.
	Checkups regie.CheckupService
	// Stagnation is the partners' reports that the help stagnates.
	Stagnation regie.StagnationService
	// YouthConsents are a youth's own consents to share what they told
	// in confidence.
	YouthConsents regie.YouthConsentService
	// Youth is the youth workers' own tracks with the youths.
	Youth regie.YouthService
	// Partners is a network partner's own work: its families, its
	// organisation's agreements.
	Partners regie.PartnerService
	// Emergencies is break-glass access (noodtoegang) and its review.
	Emergencies regie.EmergencyService
	// Retention is the privacy officer's retention and destruction.
	Retention regie.RetentionService
	// Privacy is the privacy officer's work on the data subject's rights
	// and the register of processing.
	Privacy regie.PrivacyService
	// Sociograms are the family's sociogram moments and the wrap-around
	// flower.
	Sociograms regie.SociogramService
	// Balances are the families' balance models (draagkracht/draaglast).
	Balances regie.BalanceService
	// Permissions say what the actor may do outside one family: the
	// menu and the entries to new things.
	Permissions regie.PermissionService
	Auth        *auth.Service
	Clock       regie.Clock
	Logger      *slog.Logger
	// Demo shows the banner "DEMO — fictieve gegevens".
	Demo bool
	// DevTemplates, when set, is the directory of internal/ui: templates
	// are read from disk on every request, for working on them.
	DevTemplates string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For gives
	// the client's address; none means the connection's address counts.
	TrustedProxies request.Proxies
	// Timeout bounds each request's work — every store call it makes —
	// so a database that stops answering gives a 503 instead of a request
	// that hangs and holds a connection; zero means DefaultTimeout.
	Timeout time.Duration
}

// DefaultTimeout is a request's deadline when Config.Timeout is zero: far
// above any page's own work (a year's city report takes about 1.5 s), far
// below a browser's or a proxy's patience.
const DefaultTimeout = 15 * time.Second

// Handler serves the HTML application.
type Handler struct {
	Config
	mux       *http.ServeMux
	templates *templates
	routes    []route
	kept      keptForms // forms posted into an expired session (kept_form.go)
}

// access says who may reach a route.
type access int

const (
	accessUser    access = iota // a logged-in user with a complete log-in (the default)
	accessPublic                // anyone
	accessPending               // a session that has the password but not yet the second factor
	accessAccount               // a complete log-in, also with a temporary password: the user's own account
)

// route is one entry of the route table.
type route struct {
	pattern string
	handle  func(http.ResponseWriter, *http.Request) error
	access  access
	// maxBody bounds the request body; 0 means 64 KiB, enough for any form.
	maxBody int64
}

// New builds the UI: it parses every template at start and fails when one
// is missing or broken.
func New(cfg Config) (*Handler, error) {
	h := &Handler{Config: cfg, mux: http.NewServeMux()}
	var err error
	if h.templates, err = newTemplates(cfg.DevTemplates); err != nil {
		return nil, err
	}
	h.routes = h.routeTable()
	for _, rt := range h.routes {
		h.mux.Handle(rt.pattern, h.wrap(rt))
	}
	h.mux.Handle("GET /static/{name}", h.wrap(route{pattern: "GET /static/{name}", handle: h.serveStatic, access: accessPublic}))
	h.mux.Handle("/", h.wrap(route{pattern: "/", handle: h.notFound, access: accessPublic}))
	return h, nil
}

// routeTable is the whole HTML surface, top to bottom. Every route is in
// the route × role matrix test (routes_test.go).
func (h *Handler) routeTable() []route {
	return []route{
		// Logging in and out.
		{pattern: "GET /inloggen", handle: h.showLogin, access: accessPublic},
		{pattern: "POST /inloggen", handle: h.submitLogin, access: accessPublic},
		{pattern: "GET /inloggen/code", handle: h.showCode, access: accessPending},
		{pattern: "POST /inloggen/code", handle: h.submitCode, access: accessPending},
		{pattern: "GET /inloggen/koppelen", handle: h.showEnrol, access: accessPending},
		{pattern: "GET /inloggen/koppelen/qr.png", handle: h.serveEnrolQR, access: accessPending},
		{pattern: "POST /inloggen/koppelen", handle: h.submitEnrol, access: accessPending},
		{pattern: "POST /uitloggen", handle: h.logout, access: accessPending},

		// The user's own account and password.
		{pattern: "GET /account", handle: h.showAccount, access: accessAccount},
		{pattern: "GET " + keptPath, handle: h.showKeptForm},
		{pattern: "POST /account/wachtwoord", handle: h.changePassword, access: accessAccount},
		{pattern: "POST /account/sessies/{sid}/beeindigen", handle: h.endOwnSession, access: accessAccount},

		// The second pair of eyes on accounts an administrator made or reset.
		{pattern: "GET /bevestigingen", handle: h.showAccountConfirmations},
		{pattern: "POST /bevestigingen/{id}", handle: h.confirmAccountChange},

		// Start page per role.
		{pattern: "GET /{$}", handle: h.showHome},

		// Families.
		{pattern: "GET /werkbak", handle: h.showWorklist},
		{pattern: "GET /gezinnen", handle: h.showFamilyList},
		{pattern: "GET /gezinnen/nieuw", handle: h.showFamilyNew},
		{pattern: "POST /gezinnen", handle: h.createFamily},
		{pattern: "GET /gezinnen/{id}", handle: h.showFamily},
		{pattern: "GET /gezinnen/{id}/bewerken", handle: h.showFamilyEdit},
		{pattern: "POST /gezinnen/{id}", handle: h.updateFamily},

		// Members.
		{pattern: "GET /gezinnen/{id}/leden/nieuw", handle: h.showMemberNew},
		{pattern: "POST /gezinnen/{id}/leden", handle: h.addMember},
		{pattern: "GET /gezinnen/{id}/leden/{mid}/bewerken", handle: h.showMemberEdit},
		{pattern: "POST /gezinnen/{id}/leden/{mid}", handle: h.updateMember},
		{pattern: "GET /gezinnen/{id}/leden/{mid}/uitschrijven", handle: h.showMemberEnd},
		{pattern: "POST /gezinnen/{id}/leden/{mid}/uitschrijven", handle: h.endMember},

		// Contacts and hours.
		{pattern: "GET /gezinnen/{id}/contacten", handle: h.showContacts},
		{pattern: "GET /gezinnen/{id}/contacten/nieuw", handle: h.showContactNew},
		{pattern: "POST /gezinnen/{id}/contacten", handle: h.createContact},
		{pattern: "GET /gezinnen/{id}/contacten/{cid}", handle: h.showContactEdit},
		{pattern: "POST /gezinnen/{id}/contacten/{cid}", handle: h.updateContact},

		// The phases and their checklists.
		{pattern: "GET /gezinnen/{id}/fase", handle: h.showPhase},
		{pattern: "POST /gezinnen/{id}/fase", handle: h.movePhase},
		{pattern: "POST /gezinnen/{id}/fase/vinken", handle: h.tickItem},
		{pattern: "POST /gezinnen/{id}/verlenging", handle: h.setExtension},
		{pattern: "POST /gezinnen/{id}/sluiten", handle: h.closeFamily},

		// The plan, its versions and the self-reliance scores.
		{pattern: "GET /gezinnen/{id}/plan", handle: h.showPlan},
		{pattern: "POST /gezinnen/{id}/plan", handle: h.startPlan},
		{pattern: "GET /gezinnen/{id}/plan/vergelijken", handle: h.comparePlan},
		{pattern: "GET /gezinnen/{id}/plan/{nr}", handle: h.showPlanVersion},
		{pattern: "GET /gezinnen/{id}/plan/{nr}/bewerken", handle: h.showPlanEdit},
		{pattern: "POST /gezinnen/{id}/plan/{nr}", handle: h.savePlan, maxBody: 1 << 20},
		{pattern: "POST /gezinnen/{id}/plan/{nr}/besproken", handle: h.discussPlan},
		{pattern: "POST /gezinnen/{id}/plan/{nr}/vaststellen", handle: h.agreePlan},
		{pattern: "GET /gezinnen/{id}/plan/{nr}/pdf", handle: h.planPDF},
		{pattern: "POST /gezinnen/{id}/afspraken/{key}", handle: h.setAgreementStatus},
		{pattern: "GET /gezinnen/{id}/zelfredzaamheid/nieuw", handle: h.showScoresNew},
		{pattern: "POST /gezinnen/{id}/zelfredzaamheid", handle: h.addScores},

		// Interim and final evaluations of the plan.
		{pattern: "GET /gezinnen/{id}/evaluaties", handle: h.showEvaluations},
		{pattern: "GET /gezinnen/{id}/evaluaties/nieuw", handle: h.showEvaluationNew},
		{pattern: "POST /gezinnen/{id}/evaluaties", handle: h.saveEvaluation, maxBody: 1 << 20},
		{pattern: "GET /gezinnen/{id}/evaluaties/{eid}", handle: h.showEvaluation},
		{pattern: "POST /gezinnen/{id}/evaluaties/{eid}/besproken", handle: h.discussEvaluation},
		{pattern: "POST /gezinnen/{id}/evaluaties/{eid}/planversie", handle: h.startPlanFromEvaluation},

		// Trajectories with agencies.
		{pattern: "GET /gezinnen/{id}/trajecten", handle: h.showTrajectories},
		{pattern: "GET /gezinnen/{id}/trajecten/nieuw", handle: h.showTrajectoryNew},
		{pattern: "POST /gezinnen/{id}/trajecten", handle: h.saveTrajectory},
		{pattern: "GET /gezinnen/{id}/trajecten/{tid}", handle: h.showTrajectoryEdit},
		{pattern: "POST /gezinnen/{id}/trajecten/{tid}", handle: h.saveTrajectory},

		// The warm handover and the coordination of care (phase 5).
		{pattern: "GET /gezinnen/{id}/overdracht", handle: h.showHandovers},
		{pattern: "POST /gezinnen/{id}/overdracht", handle: h.addHandover},
		{pattern: "POST /gezinnen/{id}/overdracht/toezegging", handle: h.confirmCommitment},
		{pattern: "GET /gezinnen/{id}/overdracht/{hid}/brief.pdf", handle: h.handoverLetter},
		{pattern: "GET /gezinnen/{id}/netwerkoverleg", handle: h.showCoordination},
		{pattern: "GET /gezinnen/{id}/netwerkoverleg/nieuw", handle: h.showNetworkNew},
		{pattern: "POST /gezinnen/{id}/netwerkoverleg", handle: h.addNetworkMeeting},
		{pattern: "GET /gezinnen/{id}/netwerkoverleg/{nid}", handle: h.showNetworkMeeting},

		// The family council (familieberaad): planned, its agenda printed
		// for the kitchen table, recorded, its agreements into the plan.
		{pattern: "GET /gezinnen/{id}/familieberaad", handle: h.showCouncils},
		{pattern: "GET /gezinnen/{id}/familieberaad/nieuw", handle: h.showCouncilNew},
		{pattern: "POST /gezinnen/{id}/familieberaad", handle: h.planCouncil},
		{pattern: "GET /gezinnen/{id}/familieberaad/{fcid}", handle: h.showCouncil},
		{pattern: "GET /gezinnen/{id}/familieberaad/{fcid}/verslag", handle: h.showCouncilRecord},
		{pattern: "POST /gezinnen/{id}/familieberaad/{fcid}/verslag", handle: h.recordCouncil},
		{pattern: "POST /gezinnen/{id}/familieberaad/{fcid}/overnemen", handle: h.takeOverCouncil},
		// The informal network: people who own agreements and attend meetings.
		{pattern: "GET /gezinnen/{id}/netwerk", handle: h.showNetworkPersons},
		{pattern: "POST /gezinnen/{id}/netwerk", handle: h.addNetworkPerson},
		{pattern: "GET /gezinnen/{id}/netwerk/{pid}", handle: h.showNetworkPerson},
		{pattern: "POST /gezinnen/{id}/netwerk/{pid}", handle: h.updateNetworkPerson},
		{pattern: "POST /gezinnen/{id}/netwerk/{pid}/beeindigen", handle: h.endNetworkPerson},

		// The genogram: the extended family over generations.
		{pattern: "GET /gezinnen/{id}/genogram", handle: h.showGenogram},
		{pattern: "GET /gezinnen/{id}/genogram.pdf", handle: h.genogramPDF},
		{pattern: "POST /gezinnen/{id}/genogram/personen", handle: h.addGenogramPerson},
		{pattern: "GET /gezinnen/{id}/genogram/personen/{gpid}", handle: h.showGenogramPerson},
		{pattern: "POST /gezinnen/{id}/genogram/personen/{gpid}", handle: h.updateGenogramPerson},
		{pattern: "POST /gezinnen/{id}/genogram/personen/{gpid}/verwijderen", handle: h.removeGenogramPerson},
		{pattern: "POST /gezinnen/{id}/genogram/relaties", handle: h.addGenogramRelation},
		{pattern: "GET /gezinnen/{id}/genogram/relaties/{grid}", handle: h.showGenogramRelation},
		{pattern: "POST /gezinnen/{id}/genogram/relaties/{grid}", handle: h.updateGenogramRelation},
		{pattern: "POST /gezinnen/{id}/genogram/relaties/{grid}/verwijderen", handle: h.removeGenogramRelation},
		// The methodical instruments: the sociogram at moments in time and
		// the wrap-around flower.
		{pattern: "GET /gezinnen/{id}/sociogram", handle: h.showSociogram},
		{pattern: "POST /gezinnen/{id}/sociogram", handle: h.addSocioMoment},
		{pattern: "GET /gezinnen/{id}/sociogram/{smid}/pdf", handle: h.sociogramPDF},
		{pattern: "POST /gezinnen/{id}/sociogram/{smid}/banden", handle: h.addSocioTie},
		{pattern: "GET /gezinnen/{id}/sociogram/{smid}/banden/{stid}", handle: h.showSocioTie},
		{pattern: "POST /gezinnen/{id}/sociogram/{smid}/banden/{stid}", handle: h.updateSocioTie},
		{pattern: "POST /gezinnen/{id}/sociogram/{smid}/banden/{stid}/verwijderen", handle: h.removeSocioTie},
		{pattern: "GET /gezinnen/{id}/bloem", handle: h.showFlowers},
		{pattern: "GET /gezinnen/{id}/bloem/pdf", handle: h.flowersPDF},
		// The balance model: draagkracht against draaglast, at moments;
		// the working lines tied to the plan's goals.
		{pattern: "GET /gezinnen/{id}/balans", handle: h.showBalance},
		{pattern: "GET /gezinnen/{id}/balans/afdruk.pdf", handle: h.balancePDF},
		{pattern: "POST /gezinnen/{id}/balans", handle: h.addBalanceMoment},
		{pattern: "POST /gezinnen/{id}/balans/{bid}/factoren", handle: h.addBalanceFactor},
		{pattern: "POST /gezinnen/{id}/balans/{bid}/factoren/{fid}/verwijderen", handle: h.removeBalanceFactor},
		{pattern: "POST /gezinnen/{id}/balans/werklijnen", handle: h.tieWorkingLine},
		{pattern: "POST /gezinnen/{id}/balans/werklijnen/ontkoppelen", handle: h.untieWorkingLine},

		// A network partner's own work: its families under consent, its
		// organisation's agreements, reporting stagnation.
		{pattern: "GET /partner", handle: h.showPartnerFamilies},
		{pattern: "GET /gezinnen/{id}/samenwerking", handle: h.showPartnerWork},
		{pattern: "POST /gezinnen/{id}/samenwerking/voortgang", handle: h.recordAgreementProgress},
		{pattern: "POST /gezinnen/{id}/stagnatie", handle: h.reportStagnation},

		// Check-ups after closing, and a new referral from a worrying one.
		{pattern: "GET /gezinnen/{id}/checkups", handle: h.showCheckups},
		{pattern: "GET /gezinnen/{id}/checkups/nieuw", handle: h.showCheckupNew},
		{pattern: "POST /gezinnen/{id}/checkups", handle: h.createCheckup},
		{pattern: "POST /gezinnen/{id}/checkups/{cid}/aanmelding", handle: h.referFromCheckup},

		// Consent, and the signed paper.
		{pattern: "GET /gezinnen/{id}/toestemming", handle: h.showConsents},
		{pattern: "GET /gezinnen/{id}/toestemming/nieuw", handle: h.showConsentNew},
		{pattern: "POST /gezinnen/{id}/toestemming", handle: h.createConsent, maxBody: uploadMaxBody},
		{pattern: "GET /gezinnen/{id}/toestemming/formulier.pdf", handle: h.consentFormPDF},
		{pattern: "GET /gezinnen/{id}/toestemming/{vid}/intrekken", handle: h.showWithdraw},
		{pattern: "POST /gezinnen/{id}/toestemming/{vid}/intrekken", handle: h.withdrawConsent},
		{pattern: "GET /gezinnen/{id}/documenten/{did}", handle: h.downloadDocument},

		// Who sees what of the family, and what partners recorded: the
		// reports of stagnation picked up, and discussed in the meeting.
		{pattern: "GET /gezinnen/{id}/partners", handle: h.showPartners},
		{pattern: "POST /gezinnen/{id}/stagnatie/{rid}/opgepakt", handle: h.handleStagnation},
		{pattern: "POST /gezinnen/{id}/stagnatie/{rid}/besproken", handle: h.discussStagnation},

		// Safety of the children.
		{pattern: "GET /gezinnen/{id}/veiligheid/nieuw", handle: h.showSafetyNew},
		{pattern: "POST /gezinnen/{id}/veiligheid", handle: h.addSafetyConcern},
		{pattern: "GET /gezinnen/{id}/veiligheid/{sid}/afsluiten", handle: h.showSafetyResolve},
		{pattern: "POST /gezinnen/{id}/veiligheid/{sid}/afsluiten", handle: h.resolveSafetyConcern},

		// Assignment of the coordinator, duo partner and youth workers.
		{pattern: "GET /gezinnen/{id}/toewijzing", handle: h.showAssignment},
		{pattern: "POST /gezinnen/{id}/toewijzing", handle: h.saveAssignment},
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}", handle: h.showYouthAssignment},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}", handle: h.saveYouthAssignment},
		// The youth's own consent.
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/toestemming", handle: h.showYouthConsents},
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/toestemming/nieuw", handle: h.showYouthConsentNew},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/toestemming", handle: h.createYouthConsent},
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/toestemming/{vid}/intrekken", handle: h.showYouthWithdraw},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/toestemming/{vid}/intrekken", handle: h.withdrawYouthConsent},
		// The youth worker's own track with the youth.
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/traject", handle: h.showYouthTrack},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/traject", handle: h.startYouthTrack},
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/traject/plan", handle: h.showYouthPlan},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/traject/plan", handle: h.saveYouthPlan},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/traject/afspraken/{aid}", handle: h.setYouthAgreementStatus},
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/traject/scores", handle: h.showYouthScores},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/traject/scores", handle: h.saveYouthScores},
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/traject/contact", handle: h.showYouthContact},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/traject/contact", handle: h.createYouthContact},
		{pattern: "GET /gezinnen/{id}/jeugd/{mid}/traject/eindevaluatie", handle: h.showYouthEvaluation},
		{pattern: "POST /gezinnen/{id}/jeugd/{mid}/traject/eindevaluatie", handle: h.closeYouthTrack},
		{pattern: "GET /toewijzingen", handle: h.showAssignmentList},

		// Referrals and the intake decision in the team meeting.
		{pattern: "GET /aanmeldingen", handle: h.showReferralList},
		{pattern: "GET /aanmeldingen/nieuw", handle: h.showReferralNew},
		{pattern: "POST /aanmeldingen", handle: h.createReferral},
		{pattern: "GET /aanmeldingen/{id}", handle: h.showReferral},
		{pattern: "POST /aanmeldingen/{id}/agenda", handle: h.scheduleReferral},
		{pattern: "GET /aanmeldingen/{id}/besluit", handle: h.showDecision},
		{pattern: "POST /aanmeldingen/{id}/besluit", handle: h.saveDecision},
		{pattern: "POST /aanmeldingen/{id}/prioriteit", handle: h.placePriority},
		{pattern: "POST /aanmeldingen/{id}/opening", handle: h.recordOpening},
		{pattern: "POST /aanmeldingen/{id}/prioriteit/verwijderen", handle: h.removePriority},
		{pattern: "GET /wachtlijst", handle: h.showWaitingList},

		// The weekly team meeting and the monthly supervision.
		{pattern: "GET /teamoverleg", handle: h.showThisMeeting},
		{pattern: "GET /teamoverleg/{dag}", handle: h.showMeeting},
		{pattern: "POST /teamoverleg/{dag}/besluiten", handle: h.recordMeetingDecision},
		{pattern: "POST /teamoverleg/{dag}/punten", handle: h.addMeetingItem},
		{pattern: "GET /teamoverleg/{dag}/afdrukken", handle: h.printMeeting},
		{pattern: "GET /werkbegeleiding", handle: h.showSupervisionList},
		{pattern: "GET /werkbegeleiding/mijn", handle: h.showOwnSupervision},
		{pattern: "GET /werkbegeleiding/{id}", handle: h.showSupervision},
		{pattern: "POST /werkbegeleiding/{id}/gesprekken", handle: h.createSupervisionSession},
		{pattern: "GET /werkbegeleiding/{id}/gesprekken/{gid}", handle: h.showSupervisionSession},
		{pattern: "GET /werkbegeleiding/{id}/gesprekken/{gid}/bewerken", handle: h.editSupervisionSession},
		{pattern: "POST /werkbegeleiding/{id}/gesprekken/{gid}", handle: h.updateSupervisionSession},

		// The social map.
		{pattern: "GET /sociale-kaart", handle: h.showSocialMap},
		{pattern: "GET /sociale-kaart/nieuw", handle: h.showOrganisationNew},
		{pattern: "POST /sociale-kaart", handle: h.createOrganisation},
		{pattern: "GET /sociale-kaart/{id}/bewerken", handle: h.showOrganisationEdit},
		{pattern: "POST /sociale-kaart/{id}", handle: h.updateOrganisation},

		// The reports' figures, their charts, the families behind a figure,
		// the print and the downloads.
		{pattern: "GET /rapportages", handle: h.showReports},
		{pattern: "GET /rapportages/grafiek/{table}", handle: h.showReportChart},
		{pattern: "GET /rapportages/gezinnen", handle: h.showReportFamilies},
		{pattern: "GET /rapportages/afdruk", handle: h.printReport},
		{pattern: "GET /rapportages.csv", handle: h.downloadReportCSV},
		{pattern: "GET /rapportages.xlsx", handle: h.downloadReportXLSX},

		// Break-glass access (noodtoegang): a team member's form, and the
		// privacy officer's review of each access.
		{pattern: "GET /gezinnen/noodtoegang", handle: h.findEmergencyFamily},
		{pattern: "GET /gezinnen/{id}/noodtoegang", handle: h.showEmergencyForm},
		{pattern: "POST /gezinnen/{id}/noodtoegang", handle: h.startEmergency},
		{pattern: "GET /noodtoegang", handle: h.showEmergencyReviews},
		{pattern: "GET /noodtoegang/{id}", handle: h.showEmergencyReview},
		{pattern: "POST /noodtoegang/{id}", handle: h.reviewEmergency},

		// Access log, for the privacy officer.
		{pattern: "GET /toegangslog", handle: h.showAuditSearch},
		{pattern: "GET /toegangslog/gezinnen/{id}", handle: h.showFamilyAudit},
		{pattern: "GET /toegangslog/gebruikers/{id}", handle: h.showUserAudit},

		// Retention and destruction, for the privacy officer (Jeugdwet
		// 7.3.8 and 7.3.9): the overview, legal holds, the approval after
		// a second look, the run, and the requests to destroy.
		{pattern: "GET /bewaartermijnen", handle: h.showRetention},
		{pattern: "POST /bewaartermijnen/verlengen", handle: h.placeHold},
		{pattern: "POST /bewaartermijnen/gezinnen/{id}/opheffen", handle: h.liftHold},
		{pattern: "GET /bewaartermijnen/goedkeuren", handle: h.showApprove},
		{pattern: "POST /bewaartermijnen/goedkeuren", handle: h.approveDestruction},
		{pattern: "POST /bewaartermijnen/ronde", handle: h.runRetention},
		{pattern: "GET /bewaartermijnen/verzoeken/nieuw", handle: h.showRequestNew},
		{pattern: "POST /bewaartermijnen/verzoeken", handle: h.recordRequest},
		{pattern: "GET /bewaartermijnen/verzoeken/{id}", handle: h.showRequest},
		{pattern: "POST /bewaartermijnen/verzoeken/{id}", handle: h.decideRequest},
		// Privacy: the data subject's rights (a person's export, requests
		// to correct data) and the register of processing.
		{pattern: "GET /privacy", handle: h.showPrivacy},
		{pattern: "GET /privacy/gezinnen/{id}", handle: h.showPrivacyFamily},
		{pattern: "GET /privacy/gezinnen/{id}/personen/{mid}/inzage.pdf", handle: h.downloadPersonPDF},
		{pattern: "GET /privacy/gezinnen/{id}/personen/{mid}/inzage.json", handle: h.downloadPersonJSON},
		{pattern: "POST /privacy/gezinnen/{id}/correcties", handle: h.createRectification},
		{pattern: "GET /privacy/gezinnen/{id}/correcties/{vzid}", handle: h.showRectification},
		{pattern: "POST /privacy/gezinnen/{id}/correcties/{vzid}", handle: h.decideRectification},
		{pattern: "GET /privacy/verwerkingsregister", handle: h.showRegister},

		// Accounts, for the functional administrator.
		{pattern: "GET /beheer/gebruikers", handle: h.showUserList},
		{pattern: "GET /beheer/gebruikers/nieuw", handle: h.showUserNew},
		{pattern: "POST /beheer/gebruikers", handle: h.createUser},
		{pattern: "POST /beheer/gebruikers/{id}/blokkeren", handle: h.disableUser},
		{pattern: "POST /beheer/gebruikers/{id}/wachtwoord", handle: h.resetPassword},
		{pattern: "GET /beheer/gebruikers/{id}/sessies", handle: h.showUserSessions},
		{pattern: "POST /beheer/gebruikers/{id}/sessies/beeindigen", handle: h.endUserSession},
		{pattern: "POST /beheer/gebruikers/{id}/sessies/{sid}/beeindigen", handle: h.endUserSession},
		{pattern: "GET /beheer/normen", handle: h.showNorms},
		{pattern: "POST /beheer/normen", handle: h.saveNorms},
		{pattern: "GET /beheer/tarieven", handle: h.showRates},
		{pattern: "POST /beheer/tarieven", handle: h.saveRates},
		{pattern: "GET /beheer/fasen", handle: h.showPhaseConfig},
		{pattern: "POST /beheer/fasen", handle: h.savePhaseConfig},
	}
}

// RouteInfo describes a route for the route × role matrix test.
type RouteInfo struct {
	Pattern string
	Public  bool
}

// Routes lists the routes of the route table.
func (h *Handler) Routes() []RouteInfo {
	var rs []RouteInfo
	for _, rt := range h.routes {
		rs = append(rs, RouteInfo{Pattern: rt.pattern, Public: rt.access == accessPublic})
	}
	return rs
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// sessionCookie holds the session token. The __Host- prefix makes the
// browser insist on Secure, Path=/ and no Domain, so no other site or
// subdomain can set or read it; SameSite=Strict keeps it off every request
// another site starts, links included (see cross_site.go).
const sessionCookie = "__Host-regie"

type sessionKey struct{}

// reqSession is the session and user of a request.
type reqSession struct {
	session *regie.Session
	user    *regie.User
}

func sessionFrom(ctx context.Context) *reqSession {
	s, _ := ctx.Value(sessionKey{}).(*reqSession)
	return s
}

// wrap turns a route into a handler: it loads the session, builds the
// actor, enforces the route's access level, and funnels errors.
func (h *Handler) wrap(rt route) http.Handler {
	maxBody := rt.maxBody
	if maxBody == 0 {
		maxBody = 64 << 10
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		server.SetRoute(r, rt.pattern)
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		timeout := h.Timeout
		if timeout <= 0 {
			timeout = DefaultTimeout
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		actor := &regie.Actor{IP: request.ClientIP(r, h.TrustedProxies), UserAgent: r.UserAgent()}
		ctx = regie.NewContextWithActor(ctx, actor)
		if rt.access != accessPublic && fromOtherSite(r) {
			response.NoStore(w.Header())
			h.showCrossSiteConfirm(w, r.WithContext(ctx))
			return
		}

		var rs *reqSession
		var expiredUser int64 // whose session just timed out
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			sess, u, err := h.Auth.Authenticate(ctx, c.Value)
			switch {
			case err == nil:
				rs = &reqSession{session: sess, user: u}
			case regie.ErrorCode(err) == regie.EUNAUTHORIZED:
				expiredUser = auth.ExpiredUserID(err)
				clearCookie(w, sessionCookie)
			default:
				h.serveError(w, r, err)
				return
			}
		}
		if rs != nil && rs.session.MFA {
			u := rs.user
			*actor = regie.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, OrganisationID: u.OrganisationID, TeamID: u.TeamID,
				SessionID: rs.session.ID, IP: actor.IP, UserAgent: actor.UserAgent}
		}
		if rs != nil {
			ctx = context.WithValue(ctx, sessionKey{}, rs)
		}
		r = r.WithContext(ctx)

		switch rt.access {
		case accessUser, accessAccount:
			if rs == nil {
				if h.keepForm(w, r, rt, expiredUser) {
					http.Redirect(w, r, "/inloggen?terug="+url.QueryEscape(keptPath), http.StatusSeeOther)
					return
				}
				h.redirectToLogin(w, r)
				return
			}
			if !rs.session.MFA {
				http.Redirect(w, r, nextStepURL(rs), http.StatusSeeOther)
				return
			}
			// A temporary password is replaced before anything else.
			if rt.access == accessUser && rs.user.PasswordTemporary {
				http.Redirect(w, r, "/account", http.StatusSeeOther)
				return
			}
		case accessPending:
			if rs == nil {
				h.redirectToLogin(w, r)
				return
			}
		}
		if h.toKeptForm(w, r, rt, rs) {
			return
		}
		if rt.pattern != "GET /static/{name}" {
			response.NoStore(w.Header())
		}
		// What no database may store is refused here, the same way on
		// both, before any handler reads a value.
		if err := checkInput(r); err != nil {
			h.serveError(w, r, err)
			return
		}
		r = withSubmission(r, rs)
		if err := rt.handle(w, r); err != nil {
			h.serveError(w, r, err)
		}
	})
}

// checkInput parses the request's query and (URL-encoded) form and refuses
// a malformed encoding (EBADREQUEST: "%zz") and a value no database may
// store or no field needs (regie.ValidateValues). A multipart form (an
// upload) is parsed and checked by its handler.
func checkInput(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return regie.Errorf(regie.EBADREQUEST, "%s", regie.Text(regie.MsgUnreadableRequest))
	}
	return regie.ValidateValues(r.Form)
}

// nextStepURL is where a session without its second factor goes.
func nextStepURL(rs *reqSession) string {
	if rs.user.HasTOTP() {
		return "/inloggen/code"
	}
	return "/inloggen/koppelen"
}

func (h *Handler) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	if wantsJSON(r) {
		response.Problem(w, r, &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgSessionExpired)})
		return
	}
	target := "/inloggen"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?terug=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// safeReturn returns a local path to go back to after log-in, refusing
// anything that could lead off-site. Control characters are refused
// anywhere: browsers drop a tab or newline from a URL, so "/\t/host" would
// become "//host".
func safeReturn(s string) string {
	if s == "" || !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") ||
		strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "/"
	}
	return s
}

// serveError is the one place errors become responses.
func (h *Handler) serveError(w http.ResponseWriter, r *http.Request, err error) {
	// The client went away (closed the tab, a load test stopped): there
	// is no one to answer and nothing went wrong on our side.
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		h.Logger.InfoContext(r.Context(), "request canceled by the client", slog.String("route", r.Pattern))
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = regie.Errorf(regie.EINVALID, "Het formulier is te groot om te verwerken.")
	}
	code := regie.ErrorCode(err)
	response.LogError(h.Logger, r, err)
	// A machine client (a script, a monitor) that asks for JSON gets the
	// same answer as problem+json instead of a page or a redirect.
	if wantsJSON(r) {
		response.Problem(w, r, err)
		return
	}
	if code == regie.EUNAUTHORIZED {
		h.redirectToLogin(w, r)
		return
	}
	if h.serveUnsaved(w, r, err) {
		return
	}
	status := response.Status(code)
	title := map[int]string{
		http.StatusBadRequest:          "Ongeldig verzoek",
		http.StatusNotFound:            "Niet gevonden",
		http.StatusForbidden:           "Geen toegang",
		http.StatusTooManyRequests:     "Even geduld",
		http.StatusServiceUnavailable:  "Tijdelijk niet beschikbaar",
		http.StatusUnprocessableEntity: "Niet verwerkt",
		http.StatusConflict:            "Niet verwerkt",
	}[status]
	if title == "" {
		title = "Er ging iets mis"
	}
	h.render(w, r, status, "error", &view{Title: title, Page: regie.ErrorMessage(err)})
}

// wantsJSON reports whether the client asks for JSON rather than HTML.
func wantsJSON(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "application/json") || strings.Contains(accept, "application/problem+json")
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) error {
	return regie.NotFound()
}

// redirect answers a POST with a redirect to a page that shows the result
// (POST-redirect-GET), with a short message for that page.
func (h *Handler) redirect(w http.ResponseWriter, r *http.Request, to string, flash regie.Msg) {
	if replayed(r) {
		flash = regie.MsgFlashAlreadySaved
	}
	if flash != "" {
		setFlash(w, flash)
	}
	http.Redirect(w, r, to, http.StatusSeeOther) //nolint:gosec // callers pass paths of this site
}

// actor returns the request's actor; wrap always sets one.
func actor(r *http.Request) *regie.Actor { return regie.ActorFromContext(r.Context()) }
