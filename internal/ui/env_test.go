package ui_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/keys"
	"regie/internal/password"
	"regie/internal/server"
	"regie/internal/store"
	"regie/internal/storetest"
	"regie/internal/ui"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// testPassword is the password of every fixture user in these tests.
const testPassword = "een-lang-test-wachtwoord"

var cheap = password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}

// template is a SQLite file with the fixture, built once and copied for
// each test that needs a fresh database: building it costs ~100 ms, a copy
// a few.
var template struct {
	once sync.Once
	dir  string
	f    *storetest.Fixture
	// RefA is a referral to team A by the fixture's referrer; RefB one to
	// team B, noted by team B's casemanager on a referrer's behalf.
	refA, refB *regie.Referral
	// concerns holds an open safety concern per family; contacts a
	// contact per family.
	concerns map[int64]int64
	contacts map[int64]int64
	// plans: per family, version 1 agreed (with one agreement, whose key
	// is in agreementKeys) and version 2 a draft — discussed in the team
	// meeting for FamTeam, a concept for the others; a consent with a
	// signed paper and a trajectory.
	agreementKeys map[int64]string
	consents      map[int64]int64
	documents     map[int64]int64
	trajectories  map[int64]int64
	// youthConsents: per family a consent of the child of 13 (Kevin),
	// who signed with his mother: recorded by the youth worker in the
	// assigned family, where they work with him.
	youthConsents map[int64]int64
	// evaluations: per family an interim evaluation of version 1, not
	// yet discussed in the team.
	evaluations map[int64]int64
	// stagnations: per family a partner's report of stagnation, open and
	// not discussed.
	stagnations map[int64]int64
	// rectifications: per family an open request to correct the
	// mother's data, recorded by the privacy officer.
	rectifications map[int64]int64
	// pendingChange is an account the administrator made for team A,
	// waiting for the team leader's confirmation.
	pendingChange int64
	// supervisionSession is a session of the team leader with the
	// casemanager, naming the assigned family.
	supervisionSession int64
	// destructionRequest is an open request of the assigned family's
	// mother to destroy the file, recorded by the privacy officer.
	destructionRequest int64
	// youthAgreement and youthGoal are of the youth worker's running
	// track with the 13-year-old of the assigned family.
	youthAgreement, youthGoal int64
	// manager sees the reports' figures of every team, no families.
	manager *regie.User
	// emergency is a break-glass access of the casemanager to the team's
	// other family (FamTeam), run out already, waiting for review.
	emergency int64
	err       error
}

func fixtureFile(t *testing.T) (string, *storetest.Fixture) {
	t.Helper()
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "regie-ui")
		if err != nil {
			template.err = err
			return
		}
		template.dir = dir
		clock := storetest.NewClock(storetest.Start)
		s, err := store.Open(context.Background(), filepath.Join(dir, "fixture.db"), store.Options{Clock: clock, Keys: keys.ForTest()})
		if err != nil {
			template.err = err
			return
		}
		if _, err := s.Migrate(context.Background()); err != nil {
			template.err = err
			return
		}
		template.f = storetest.NewFixture(t, s)
		template.manager, err = s.CreateUser(storetest.System(), regie.NewUser{Email: "manager@test.nl", Name: "Karin Manders",
			Role: regie.RoleManager, OrganisationID: template.f.Org.ID, Password: testPassword}, storetest.PasswordHash)
		if err != nil {
			template.err = err
			return
		}
		hash, err := password.NewHasher(cheap, 1).Hash(context.Background(), testPassword)
		if err == nil {
			_, err = s.DB().Exec(`UPDATE users SET password_hash = $1`, hash)
		}
		// The youth worker works with the 12-year-old of the assigned
		// family (assigning youth workers has no screen yet).
		if err == nil {
			f := template.f
			_, err = s.DB().Exec(`INSERT INTO assignments (family_id, user_id, kind, member_id, started_on, assigned_by, created_at)
				VALUES ($1, $2, 'jeugd', $3, '2026-03-02', $4, '2026-03-02T09:00:00.000000Z')`,
				f.FamAssigned.ID, f.YouthWorker.ID, f.FamAssigned.Members[1].ID, f.TeamLeader.ID)
		}
		if err != nil {
			template.err = err
			return
		}
		if template.err != nil {
			return
		}
		if template.refA, template.refB, template.concerns, template.err = uiExtras(s, template.f); template.err != nil {
			return
		}
		template.contacts = map[int64]int64{}
		for _, fam := range []*regie.Family{template.f.FamAssigned, template.f.FamTeam, template.f.FamOther} {
			lead := template.f.TeamLeader
			if fam == template.f.FamOther {
				lead = template.f.TeamLeaderB
			}
			c, err := s.CreateContact(storetest.As(lead), fam.ID, regie.ContactInput{Date: "2026-03-02", Start: "08:30", Minutes: "30",
				Kind: "telefoon", Attempt: "contact"})
			if err != nil {
				template.err = err
				return
			}
			template.contacts[fam.ID] = c.ID
		}
		if template.err = planExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = coordinationExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = genogramExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = sociogramExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = balanceExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = councilExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = youthExtras(s, template.f); template.err != nil {
			return
		}
		if template.youthGoal, template.youthAgreement, template.err = youthTrackExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = stagnationExtras(s, template.f); template.err != nil {
			return
		}
		if template.emergency, template.err = emergencyExtras(s, template.f); template.err != nil {
			return
		}
		if template.err = rectificationExtras(s, template.f); template.err != nil {
			return
		}
		sess, err := s.CreateSupervisionSession(storetest.As(template.f.TeamLeader), template.f.Casemanager.ID, regie.SupervisionInput{
			HeldOn: "2026-03-02", LeaderPoints: "Caseload en uren.", WorkerPoints: "Gezin Jansen kost veel tijd.",
			Agreements: "Sanne plant een huisbezoek met de duo-partner, voor 15 maart.", FamilyIDs: []int64{template.f.FamAssigned.ID}})
		if err != nil {
			template.err = err
			return
		}
		template.supervisionSession = sess.ID
		if _, err := s.CreateUser(storetest.As(template.f.Admin), regie.NewUser{Email: "wacht@test.nl", Name: "Willem Wachter",
			Role: regie.RoleCasemanager, OrganisationID: template.f.Org.ID, TeamID: template.f.TeamA.ID,
			Password: "tijdelijk-abcd-efgh", PasswordTemporary: true}, hash); err != nil {
			template.err = err
			return
		}
		if template.err = s.DB().QueryRow(`SELECT id FROM account_changes WHERE confirmed_at IS NULL`).Scan(&template.pendingChange); template.err != nil {
			return
		}
		if template.destructionRequest, template.err = s.RecordDestructionRequest(storetest.As(template.f.Privacy), regie.DestructionRequestInput{
			FamilyID: template.f.FamAssigned.ID, MemberID: template.f.FamAssigned.Members[0].ID, ReceivedOn: "2026-02-20",
			What: "Het hele dossier."}); template.err != nil {
			return
		}
		template.err = s.Close()
	})
	if template.err != nil {
		t.Fatalf("fixture: %v", template.err)
	}
	return filepath.Join(template.dir, "fixture.db"), template.f
}

// emergencyExtras gives the casemanager a break-glass access to FamTeam
// and ends it at once: the privacy officer has one to review, and no
// page of the matrix opens by it.
func emergencyExtras(s *store.Store, f *storetest.Fixture) (int64, error) {
	e, err := s.StartEmergencyAccess(storetest.As(f.Casemanager), f.FamTeam.ID, regie.EmergencyInput{Reason: regie.EmergencyUnreachable,
		Explanation: "School belt: Kevin niet opgehaald, regisseur en duo-partner niet bereikbaar.", Confirmed: true})
	if err != nil {
		return 0, err
	}
	_, err = s.DB().Exec(`UPDATE emergency_accesses SET expires_at = started_at WHERE id = $1`, e.ID)
	return e.ID, err
}

// youthTrackExtras starts the youth worker's track with the 13-year-old of the
// assigned family, with a goal in the youth's words and two agreements
// (one that concerns the family), and returns the goal's and the
// family agreement's ids.
func youthTrackExtras(s *store.Store, f *storetest.Fixture) (goal, agreement int64, err error) {
	yw := storetest.As(f.YouthWorker)
	fam, kevin := f.FamAssigned.ID, f.FamAssigned.Members[1].ID
	if _, err = s.StartYouthTrack(yw, fam, kevin, regie.YouthStartInput{StartedOn: "2026-03-02"}); err != nil {
		return
	}
	if err = s.SaveYouthPlan(yw, fam, kevin, regie.YouthPlanInput{
		Goals: map[regie.Domain]string{"dagbesteding": "Ik wil weer naar school."},
		Agreements: []regie.YouthAgreementInput{
			{Owner: "Moeder en Kevin", What: "Samen eten op zondag", Due: "2026-03-15", ConcernsFamily: true},
			{Owner: "Kevin", What: "Mentor bellen", Due: "2026-03-09"}}}); err != nil {
		return
	}
	t, _, err := s.FindYouthTrack(yw, fam, kevin)
	if err != nil {
		return
	}
	return t.Goals[0].ID, t.FamilyAgreements[0].ID, nil
}

// uiExtras adds what the UI tests need beyond the store fixture.
func uiExtras(s *store.Store, f *storetest.Fixture) (refA, refB *regie.Referral, concerns map[int64]int64, err error) {
	in := func(team *regie.Team, name string) regie.ReferralInput {
		return regie.ReferralInput{ReferrerPhone: "030 000 00 00", HouseholdName: name, DistrictID: team.Districts[0].ID,
			DutchProficiency: "goed", Members: []regie.MemberInput{{GivenName: "Sem", FamilyName: name[6:], BirthDate: "2014-01-01", Relation: "kind"}},
			Signals: map[regie.Domain]string{"kinderen": "Verzuim"}, ProblemDuration: "lang", Commitment: "ja", Safety: regie.SafetyNone,
			ReferrerOrgID: f.Partner.ID, ReferrerName: "Wijkagent", ReceivedVia: "telefoon"}
	}
	if refA, err = s.CreateReferral(storetest.As(f.Referrer), in(f.TeamA, "Gezin Aanmelding")); err != nil {
		return
	}
	if refB, err = s.CreateReferral(storetest.As(f.CasemanagerB), in(f.TeamB, "Gezin Anderteam")); err != nil {
		return
	}
	concerns = map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		lead := f.TeamLeader
		if fam == f.FamOther {
			lead = f.TeamLeaderB
		}
		if err = s.AddSafetyConcern(storetest.As(lead), fam.ID, regie.SafetyInput{What: "Zorg", Since: "2026-03-01",
			Severity: regie.SeverityLow, Meldcode: "niet_nodig"}); err != nil {
			return
		}
		got, ferr := s.FindFamilyByID(storetest.As(lead), fam.ID)
		if ferr != nil {
			return nil, nil, nil, ferr
		}
		concerns[fam.ID] = got.SafetyConcerns[0].ID
	}
	return refA, refB, concerns, nil
}

// planExtras gives every fixture family a plan (version 1 agreed, version 2
// a draft), a consent with its signed paper and a trajectory.
func planExtras(s *store.Store, f *storetest.Fixture) error {
	template.agreementKeys, template.consents = map[int64]string{}, map[int64]int64{}
	template.documents, template.trajectories = map[int64]int64{}, map[int64]int64{}
	template.evaluations = map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		ctx := storetest.As(f.TeamLeader)
		if fam == f.FamOther {
			ctx = storetest.As(f.TeamLeaderB)
		}
		if _, err := s.StartPlanVersion(ctx, fam.ID, "eerste"); err != nil {
			return err
		}
		if err := s.SavePlanDraft(ctx, fam.ID, 1, regie.PlanInput{
			Goals:      []regie.GoalInput{{Term: "kort", Domain: "financien", Text: "Overzicht van de schulden"}},
			Agreements: []regie.AgreementInput{{Owner: fmt.Sprintf("m:%d", fam.Members[0].ID), What: "Post bewaren", Due: "2026-03-20"}},
			Domains:    map[regie.Domain]*regie.DomainAssessment{"financien": {Score: 2}},
			Revision:   1,
		}); err != nil {
			return err
		}
		if err := s.MarkPlanDiscussed(ctx, fam.ID, 1); err != nil {
			return err
		}
		if err := s.AgreePlan(ctx, fam.ID, 1, regie.PlanAgreement{On: "2026-03-02", With: "Sandra"}); err != nil {
			return err
		}
		v2, err := s.StartPlanVersion(ctx, fam.ID, "wijziging")
		if err != nil {
			return err
		}
		// The team's other family has its draft discussed, so the plan
		// page is seen (and its forms submitted) in both states: a
		// concept to discuss, and a discussed version to agree.
		if fam == f.FamTeam {
			if err := s.MarkPlanDiscussed(ctx, fam.ID, 2); err != nil {
				return err
			}
		}
		template.agreementKeys[fam.ID] = v2.Agreements[0].Key
		c, err := s.CreateConsent(ctx, fam.ID, regie.ConsentInput{SignedOn: "2026-03-02", Signers: []int64{fam.Members[0].ID},
			Parties:  []regie.ConsentParty{{OrgID: f.Partner.ID, Purpose: "Schoolgang", Kinds: []regie.InfoKind{regie.InfoPlan}}},
			Document: &regie.Upload{Name: "verklaring.pdf", Content: []byte("%PDF-1.4\n% getekend\n")}})
		if err != nil {
			return err
		}
		template.consents[fam.ID], template.documents[fam.ID] = c.ID, c.DocumentID
		t, err := s.SaveTrajectory(ctx, fam.ID, 0, regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID, Status: "voorgesteld",
			Intervention: "Schuldhulp"})
		if err != nil {
			return err
		}
		template.trajectories[fam.ID] = t.ID
		e, err := s.RecordEvaluation(ctx, fam.ID, regie.EvaluationInput{Kind: regie.EvalInterim, On: "2026-03-02", Casemanager: true,
			Scores: map[regie.Domain]regie.Score{"financien": 3}})
		if err != nil {
			return err
		}
		template.evaluations[fam.ID] = e.ID
	}
	return nil
}

// youthExtras gives every fixture family's child of 13 a consent of his
// own, signed with his mother and shared with the coordinator.
func youthExtras(s *store.Store, f *storetest.Fixture) error {
	template.youthConsents = map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		in := regie.YouthConsentInput{SignedOn: "2026-03-02", YouthSigned: true, ParentID: fam.Members[0].ID, ShareCoordinator: true}
		if fam == f.FamAssigned {
			c, err := s.CreateYouthConsent(storetest.As(f.YouthWorker), fam.ID, fam.Members[1].ID, in)
			if err != nil {
				return err
			}
			template.youthConsents[fam.ID] = c.ID
			continue
		}
		var id int64
		if err := s.DB().QueryRow(`INSERT INTO youth_consents (family_id, member_id, signed_on, youth_signed, parent_id, share_coordinator,
				created_by, created_at) VALUES ($1, $2, '2026-03-02', 1, $3, 1, $4, '2026-03-02T09:00:00.000000Z') RETURNING id`,
			fam.ID, fam.Members[1].ID, fam.Members[0].ID, f.YouthWorker.ID).Scan(&id); err != nil {
			return err
		}
		template.youthConsents[fam.ID] = id
	}
	return nil
}

// stagnationExtras has the partner report stagnation in every fixture
// family, under the consent planExtras recorded.
func stagnationExtras(s *store.Store, f *storetest.Fixture) error {
	template.stagnations = map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		r, err := s.ReportStagnation(storetest.As(f.Partner1), fam.ID, regie.StagnationInput{Reason: "Moeder komt de afspraken niet na."})
		if err != nil {
			return err
		}
		template.stagnations[fam.ID] = r.ID
	}
	return nil
}

// rectificationExtras has the privacy officer record a request to correct
// the mother's data in every fixture family.
func rectificationExtras(s *store.Store, f *storetest.Fixture) error {
	template.rectifications = map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		r, err := s.CreateRectification(storetest.As(f.Privacy), fam.ID, regie.RectificationInput{MemberID: fam.Members[0].ID,
			Segment: regie.SegContacts, What: "Het verslag van het huisbezoek", Requested: "Ik heb geen schulden bij mijn zus.", ReceivedOn: "2026-03-02"})
		if err != nil {
			return err
		}
		template.rectifications[fam.ID] = r.ID
	}
	return nil
}

// env is a running UI on a fresh copy of the fixture.
type env struct {
	t      *testing.T
	store  *store.Store
	f      *storetest.Fixture
	clock  *storetest.Clock
	srv    *httptest.Server
	ui     *ui.Handler
	auth   *auth.Service
	logBuf *strings.Builder
	// dbPath is the SQLite file of the store.
	dbPath string
}

type envOptions struct {
	requireMFA bool
	// later starts from the fixture further on in time: see laterFile.
	later bool
	// reports, when set, replaces the store's reports (report_test.go).
	reports regie.ReportService
}

// later is the fixture a step further, built once: the assigned family's
// file is closed, the team's referral accepted (a new family), and the
// partner organisation has a consent covering everything for the
// assigned and the team's family — so the partner reaches their pages.
var later struct {
	once sync.Once
	path string
	err  error
}

func laterFile(t *testing.T) string {
	t.Helper()
	src, f := fixtureFile(t)
	later.once.Do(func() {
		later.path = filepath.Join(template.dir, "later.db")
		b, err := os.ReadFile(src)
		if err == nil {
			err = os.WriteFile(later.path, b, 0o600)
		}
		if err != nil {
			later.err = err
			return
		}
		s, err := store.Open(context.Background(), later.path, store.Options{Clock: storetest.NewClock(storetest.Start), Keys: keys.ForTest()})
		if err != nil {
			later.err = err
			return
		}
		defer s.Close()
		lead := storetest.As(f.TeamLeader)
		all := []regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.InfoPlan, regie.InfoContacts, regie.InfoSafety, regie.InfoTrajectories}
		for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam} {
			if _, err := s.CreateConsent(lead, fam.ID, regie.ConsentInput{SignedOn: "2026-03-02", Signers: []int64{fam.Members[0].ID},
				Parties:  []regie.ConsentParty{{OrgID: f.Partner.ID, Purpose: "Alles afstemmen", Kinds: all}},
				Document: &regie.Upload{Name: "verklaring.pdf", Content: []byte("%PDF-1.4\n% getekend\n")}}); err != nil {
				later.err = err
				return
			}
		}
		if _, err := s.DecideIntake(lead, template.refA.ID, regie.DecisionInput{Outcome: regie.IntakeAccept}); err != nil {
			later.err = err
			return
		}
		later.err = s.CloseFamily(lead, f.FamAssigned.ID, "Het netwerk heeft de zorg overgenomen")
	})
	if later.err != nil {
		t.Fatalf("later fixture: %v", later.err)
	}
	return later.path
}

func newEnv(t *testing.T, opts ...envOptions) *env {
	t.Helper()
	var opt envOptions
	if len(opts) > 0 {
		opt = opts[0]
	}
	src, f := fixtureFile(t)
	if opt.later {
		src = laterFile(t)
	}
	dst := filepath.Join(t.TempDir(), "regie.db")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := storetest.NewClock(storetest.Start.Add(time.Hour))
	s, err := store.Open(context.Background(), dst, store.Options{Clock: clock, Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	// The test's cleanups stay reachable until its parent test ends (the
	// testing package keeps them), so each drops what it closes: without
	// that, the role matrix's hundreds of parallel subtests kept every
	// store and server alive at once (over 20 GB).
	t.Cleanup(func() {
		s.Close()
		s = nil
	})
	logBuf := &strings.Builder{}
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: logBuf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a := auth.New(s, s, password.NewHasher(cheap, 2), clock, auth.Config{IdleTimeout: 30 * time.Minute, MaxAge: 12 * time.Hour, RequireMFA: opt.requireMFA, Keys: keys.ForTest()})
	var reports regie.ReportService = s
	if opt.reports != nil {
		reports = opt.reports
	}
	h, err := ui.New(ui.Config{Families: s, Users: s, Audit: s, Referrals: s, SocialMap: s, Settings: s, Rates: s, Reports: reports, Contacts: s, Phases: s, Meetings: s, Plans: s, Consents: s, Trajectories: s, Coordination: s, Councils: s, Genograms: s, Evaluations: s, Permissions: s, Checkups: s, Stagnation: s, YouthConsents: s, Youth: s, Partners: s, Emergencies: s, Retention: s, Privacy: s, Sociograms: s,
		Balances: s, Auth: a, Clock: clock, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Config{UI: h, Logger: logger, Ready: s.CheckSchema, CrossSiteRefused: http.HandlerFunc(h.CrossSiteRefused)}).Handler())
	t.Cleanup(func() {
		srv.Close()
		srv, h, a = nil, nil, nil
	})
	return &env{t: t, store: s, f: f, clock: clock, srv: srv, ui: h, auth: a, logBuf: logBuf, dbPath: dst}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// session logs u in directly (a complete log-in, as after the second
// factor) and returns the cookie value.
func (e *env) session(u *regie.User) string {
	e.t.Helper()
	token := fmt.Sprintf("test-token-%d-%s", u.ID, e.t.Name())
	sess := &regie.Session{TokenHash: auth.HashToken(token), UserID: u.ID, MFA: true}
	if err := e.store.CreateSession(context.Background(), sess, 0, "test"); err != nil {
		e.t.Fatal(err)
	}
	return token
}

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   string
}

// do sends a request like a browser on the same site would: a form POST
// carries Origin and Sec-Fetch-Site: same-origin.
func (e *env) do(method, path, token string, form url.Values) response {
	e.t.Helper()
	req := e.request(method, path, form)
	if token != "" {
		req.Header.Set("Cookie", "__Host-regie="+token)
	}
	req.Header.Set("User-Agent", "ui-test")
	return e.send(req)
}

// request builds a request like a browser on the same site would.
func (e *env) request(method, path string, form url.Values) *http.Request {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == http.MethodPost {
		req.Header.Set("Origin", e.srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	return req
}

// send sends req without following redirects and reads the whole answer.
func (e *env) send(req *http.Request) response {
	e.t.Helper()
	resp, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// cookie returns the value of a cookie set by a response.
func (r response) cookie(name string) string {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// digest summarises every table a denied request must leave alone.
func (e *env) digest() string {
	e.t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT id, household_name, street, postcode, district_id, team_id, dutch_proficiency, closed_at FROM families ORDER BY id`,
		`SELECT id, family_id, given_name, family_name, birth_date, relation, bsn, ended_on FROM members ORDER BY id`,
		`SELECT id, family_id, user_id, kind, ended_on FROM assignments ORDER BY id`,
		`SELECT id, email, role, password_hash, totp_secret, disabled_at FROM users ORDER BY id`,
		`SELECT id, name FROM organisations ORDER BY id`,
		`SELECT id, name FROM teams ORDER BY id`,
		`SELECT id, family_id, number, status, updated_at FROM plan_versions ORDER BY id`,
		`SELECT id, key, text FROM plan_goals ORDER BY id`,
		`SELECT id, key, status FROM agreement_progress ORDER BY id`,
		`SELECT id, kind, on_date FROM score_moments ORDER BY id`,
		`SELECT id, withdrawn_on FROM consents ORDER BY id`,
		`SELECT id, sha256 FROM documents ORDER BY id`,
		`SELECT id, status, updated_at FROM trajectories ORDER BY id`,
	} {
		rows, err := e.store.DB().Query(q)
		if err != nil {
			e.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				e.t.Fatal(err)
			}
			fmt.Fprintln(h, vals...)
		}
		if err := rows.Err(); err != nil {
			e.t.Fatal(err)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}
