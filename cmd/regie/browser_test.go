package main

// Browser tests of the foundation: a real regie, a real headless Chromium,
// real forms. They skip when Chromium is missing (and fail under CI=true).
//
//	go test ./cmd/regie/ -run Browser -v
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run Browser_Accessibility

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
	"regie/internal/password"
	"regie/internal/totp"
)

// TestBrowser_FoundationFlow walks the foundation on a real instance, where
// every account must enrol a second factor: a team leader takes a family
// in, adds its members and assigns a casemanager; the casemanager opens the
// family; the privacy officer finds both in the access log.
func TestBrowser_FoundationFlow(t *testing.T) {
	browser := newBrowser(t)
	m := startRegieForBrowser(t, false)
	base := m.Server.URL()

	// The organisation, through the store, as the command line would.
	ctx := regie.NewContextWithActor(context.Background(), regie.SystemActor())
	hasher := password.NewHasher(cheapArgon2, 2)
	const pw = "correct-paard-batterij-niet"
	hash, err := hasher.Hash(ctx, pw)
	if err != nil {
		t.Fatal(err)
	}
	org, err := m.Store.CreateOrganisation(ctx, "Stade Profiel", true)
	if err != nil {
		t.Fatal(err)
	}
	team, err := m.Store.CreateTeam(ctx, org.ID, "Team Noordoost", []string{"Overvecht", "Zuilen"})
	if err != nil {
		t.Fatal(err)
	}
	overvecht, zuilen := team.Districts[0].ID, team.Districts[1].ID
	newUser := func(email, name string, role regie.Role, districts ...int64) *regie.User {
		t.Helper()
		n := regie.NewUser{Email: email, Name: name, Role: role, OrganisationID: org.ID, Password: pw}
		if len(districts) > 0 {
			n.TeamID, n.DistrictIDs = team.ID, districts
		}
		u, err := m.Store.CreateUser(ctx, n, hash)
		if err != nil {
			t.Fatalf("create %s: %v", email, err)
		}
		return u
	}
	lead := newUser("tl@test.nl", "Erik Smit", regie.RoleTeamLeader, overvecht, zuilen)
	cm := newUser("cm@test.nl", "Anouk de Vries", regie.RoleCasemanager, overvecht)
	privacy := newUser("fg@test.nl", "Jeroen Bos", regie.RolePrivacy)

	// The team leader logs in for the first time and enrols a second factor.
	tl := newBrowserTab(t, browser, base, "teamleider")
	secret, enrolCode := tl.logInAndEnrol(lead.Email, pw)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	tl.wantText(".who-name", lead.Name)

	// A code that was used cannot be used again: log out, log in, give the
	// enrolment code once more. It is refused whether the server is still
	// in its time step (already used) or past the window (too old).
	tl.logOut()
	tl.logIn(lead.Email, pw)
	tl.wantPath(`/inloggen/code`)
	tl.typeInto("#f-code", enrolCode)
	tl.press(`form[action="/inloggen/code"] button[type=submit]`, http.StatusUnauthorized)
	tl.wantPath(`/inloggen/code`)
	tl.wantText("#f-code-error", "Deze code klopt niet of is al gebruikt")
	// The code of the next time step is accepted: it is later than the one
	// used, and within the one step of skew the server allows.
	next, err := totp.Code(secret, time.Now().Add(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	tl.typeInto("#f-code", next)
	tl.press(`form[action="/inloggen/code"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	tl.wantText(".who-name", lead.Name)

	// A new family, from the list's "Nieuw gezin".
	tl.press(`.page-head a[href="/gezinnen/nieuw"]`, http.StatusOK)
	tl.wantText("h1", "Nieuw gezin")
	tl.typeInto("#f-household_name", "Gezin Browsertest")
	tl.do("choose the district", chromedp.SetValue(chromedp.CSS("#f-district"), fmt.Sprint(overvecht)))
	tl.typeInto("#f-street", "Wolgadreef 1")
	tl.typeInto("#f-postcode", "3562 KN")
	tl.typeInto("#f-city", "Utrecht")
	tl.do("choose the proficiency", chromedp.Click(chromedp.CSS(`input[name=dutch_proficiency][value=redelijk]`)))
	tl.typeInto("#f-languages", "Nederlands, Turks")
	tl.press(`form[action="/gezinnen"] button[type=submit]`, http.StatusOK)
	famID := tl.wantPath(`/gezinnen/(\d+)/leden/nieuw`)[1]
	tl.wantText(".flash", "")
	tl.wantText(".lead", "Gezin Browsertest")

	// Two members: the first with "Opslaan en nog iemand toevoegen", which
	// comes back to an empty form, the second with "Opslaan".
	tl.fillMember("Marieke", "Browsertest", "1985-04-12", "ouder")
	tl.press(`button[name=next][value=another]`, http.StatusOK)
	tl.wantPath(`/gezinnen/` + famID + `/leden/nieuw`)
	if v := evalJS[string](tl, `document.querySelector('#f-given_name').value`); v != "" {
		t.Errorf("the member form after 'nog iemand toevoegen' has given name %q, want empty", v)
	}
	tl.fillMember("Sem", "Browsertest", "2015-06-30", "kind")
	tl.press(`.form-actions button[type=submit]:not([name])`, http.StatusOK)
	tl.wantPath(`/gezinnen/` + famID)
	tl.wantText("h1", "Gezin Browsertest")
	members := tl.text("#h-leden ~ ul.members")
	for _, want := range []string{"Marieke Browsertest", "Ouder", "Sem Browsertest", "Kind", "Geboren 12 april 1985"} {
		if !strings.Contains(members, want) {
			t.Errorf("members on the family page = %q, want %q in it", members, want)
		}
	}

	// The casemanager becomes the family's coordinator.
	tl.press(`a[href="/gezinnen/`+famID+`/toewijzing"]`, http.StatusOK)
	tl.wantPath(`/gezinnen/` + famID + `/toewijzing`)
	tl.do("choose the coordinator", chromedp.Click(chromedp.CSS(fmt.Sprintf("#f-cm-%d", cm.ID))))
	tl.press(`form[action$="/toewijzing"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/gezinnen/` + famID)
	tl.wantText("#h-regie + dl.facts", cm.Name)
	tl.logOut()

	// The casemanager logs in, enrols, and finds the family in "Mijn gezinnen".
	cmTab := newBrowserTab(t, browser, base, "casemanager")
	cmTab.logInAndEnrol(cm.Email, pw)
	cmTab.wantPath(`/gezinnen`)
	cmTab.wantText(`nav a[aria-current="page"]`, "Mijn gezinnen")
	cmTab.wantText(`ul.list a.title[href="/gezinnen/`+famID+`"]`, "Gezin Browsertest")
	cmTab.press(`ul.list a.title[href="/gezinnen/`+famID+`"]`, http.StatusOK)
	cmTab.wantPath(`/gezinnen/` + famID)
	cmTab.wantText("h1", "Gezin Browsertest")
	cmTab.wantText("#h-leden ~ ul.members", "Marieke Browsertest")
	cmTab.logOut()

	// The privacy officer finds who read and who made the family.
	po := newBrowserTab(t, browser, base, "privacy officer")
	po.logInAndEnrol(privacy.Email, pw)
	po.wantPath(`/toegangslog`)
	po.typeInto("#f-q", "Browsertest")
	po.press(`form.search button[type=submit]`, http.StatusOK)
	po.wantPath(`/toegangslog\?q=Browsertest`)
	po.press(`ul.list a.title[href="/toegangslog/gezinnen/`+famID+`"]`, http.StatusOK)
	po.wantPath(`/toegangslog/gezinnen/` + famID)
	rows := evalJS[[]string](po, `Array.from(document.querySelectorAll('table.data tbody tr'),
		tr => Array.from(tr.cells, td => td.innerText.replace(/\s+/g, ' ').trim()).join(' | '))`)
	has := func(parts ...string) bool {
		for _, r := range rows {
			ok := true
			for _, p := range parts {
				ok = ok && strings.Contains(r, p)
			}
			if ok {
				return true
			}
		}
		return false
	}
	if !has(cm.Name, "Inzien · Gezinsgegevens", "Toegestaan") {
		t.Errorf("the family's access log has no read by %s; rows:\n%s", cm.Name, indentLines(strings.Join(rows, "\n")))
	}
	if !has(lead.Name, "Aanmaken · Gezinsgegevens", "Toegestaan") {
		t.Errorf("the family's access log has no creation by %s; rows:\n%s", lead.Name, indentLines(strings.Join(rows, "\n")))
	}
	if has(privacy.Name, "Gezinsgegevens") {
		t.Errorf("the privacy officer read the family's data; rows:\n%s", indentLines(strings.Join(rows, "\n")))
	}
}

// logIn fills in the log-in form.
func (tb *browserTab) logIn(email, pw string) {
	tb.t.Helper()
	tb.open("/inloggen", http.StatusOK)
	tb.typeInto("#f-email", email)
	tb.typeInto("#f-password", pw)
	tb.press(`form[action="/inloggen"] button[type=submit]`, http.StatusOK)
}

// logInAndEnrol logs in for the first time: the password, then linking an
// authenticator app, played by the test with the secret shown on the page.
// It returns the secret and the code it used.
func (tb *browserTab) logInAndEnrol(email, pw string) (secret, code string) {
	tb.t.Helper()
	tb.logIn(email, pw)
	tb.wantPath(`/inloggen/koppelen`)
	secret = strings.ReplaceAll(tb.text(".secret"), " ", "")
	code, err := totp.Code(secret, time.Now())
	if err != nil {
		tb.fatal("compute the TOTP code", err)
	}
	tb.typeInto("#f-code", code)
	tb.press(`form[action="/inloggen/koppelen"] button[type=submit]`, http.StatusOK)
	tb.wantText(".flash", "")
	return secret, code
}

// logOut presses "Uitloggen" in the header.
func (tb *browserTab) logOut() {
	tb.t.Helper()
	tb.press(`.who form[action="/uitloggen"] button`, http.StatusOK)
	tb.wantPath(`/inloggen`)
	tb.wantText(".flash", "")
	// The session is gone: the application sends the browser back to log in.
	tb.open("/gezinnen", http.StatusOK)
	tb.wantPath(`/inloggen\?terug=%2Fgezinnen`)
}

// fillMember fills in the member form; birth is YYYY-MM-DD.
func (tb *browserTab) fillMember(given, family, birth, relation string) {
	tb.t.Helper()
	tb.typeInto("#f-given_name", given)
	tb.typeInto("#f-family_name", family)
	tb.typeDate("#f-birth_date", birth)
	tb.do("choose the relation", chromedp.Click(chromedp.CSS(`input[name=relation][value=`+relation+`]`)))
}

// typeDate types a date into an <input type=date> as a person does: the
// digits only, the field moves on by itself. The order of day and month is
// the browser's language: dd-mm-jjjj in Dutch, but mm/dd/yyyy in a
// Chromium without its Dutch language pack (Debian's chromium-l10n), which
// ignores --lang. So it types the Dutch order, and the American one when
// the field did not take that.
func (tb *browserTab) typeDate(sel, iso string) {
	tb.t.Helper()
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		tb.t.Fatal(err)
	}
	var got string
	for _, layout := range []string{"02012006", "01022006"} {
		// Leaving the field and coming back starts typing at its first part.
		tb.do(fmt.Sprintf("type a date into %s", sel), chromedp.Blur(chromedp.CSS(sel)), chromedp.Clear(chromedp.CSS(sel)),
			chromedp.SendKeys(chromedp.CSS(sel), d.Format(layout), chromedp.NodeVisible))
		if got = evalJS[string](tb, fmt.Sprintf(`document.querySelector(%q).value`, sel)); got == iso {
			return
		}
	}
	tb.fatal(fmt.Sprintf("type a date into %s", sel), fmt.Errorf("value %q, want %q", got, iso))
}

// TestBrowser_Accessibility runs axe-core on the main pages of every role
// of the demo, at desktop width and at 375 px, and wants no violations.
// With REGIE_SCREENSHOTS set it also saves a screenshot of each page there.
func TestBrowser_Accessibility(t *testing.T) {
	browser := newBrowser(t)
	axeJS := axeSource(t)
	m := startRegieForBrowser(t, true)
	base := m.Server.URL()

	check := accessibilityCheck(t, axeJS, "")
	logIn := func(tb *browserTab, email string) {
		t.Helper()
		tb.logIn(email, demo.Password)
		tb.wantText(".who-name", "")
	}

	// Logged out.
	anon := newBrowserTab(t, browser, base, "niet ingelogd")
	anon.open("/inloggen", http.StatusOK)
	check(anon, "inloggen")

	// Team leader: the team's families, a family, the new-family form (also
	// with its errors), a member form, the assignment pages.
	tl := newBrowserTab(t, browser, base, "teamleider")
	logIn(tl, "teamleider@demo.regie.nl")
	tl.wantPath(`/gezinnen\?overzicht=team`)
	check(tl, "teamleider-gezinnen-team")
	famPath := evalJS[string](tl, `(Array.from(document.querySelectorAll('ul.list a.title')).find(a => a.textContent.trim() === 'Gezin Jansen') || {}).pathname || ''`)
	if famPath == "" {
		tl.fatal("find Gezin Jansen", fmt.Errorf("not on the team's list"))
	}
	tl.open(famPath, http.StatusOK)
	check(tl, "teamleider-gezin")
	tl.open("/gezinnen/nieuw", http.StatusOK)
	check(tl, "teamleider-gezin-nieuw")
	tl.press(`form[action="/gezinnen"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Er is iets niet goed ingevuld")
	check(tl, "teamleider-gezin-nieuw-fouten")
	tl.open(famPath+"/leden/nieuw", http.StatusOK)
	check(tl, "teamleider-gezinslid-nieuw")
	tl.open(famPath+"/toewijzing", http.StatusOK)
	check(tl, "teamleider-toewijzing")
	tl.open("/toewijzingen", http.StatusOK)
	check(tl, "teamleider-toewijzingen")
	// Intake: the referrals, an acute one, its decision form (also with
	// its errors), the waiting list, the social map, a youth worker.
	tl.open("/aanmeldingen", http.StatusOK)
	check(tl, "teamleider-aanmeldingen")
	refPath := evalJS[string](tl, `(Array.from(document.querySelectorAll('ul.list a.title')).find(a => a.textContent.trim() === 'Gezin Demir') || {}).pathname || ''`)
	if refPath == "" {
		tl.fatal("find Gezin Demir", fmt.Errorf("not among the referrals"))
	}
	tl.open(refPath, http.StatusOK)
	check(tl, "teamleider-aanmelding")
	tl.open(refPath+"/besluit", http.StatusOK)
	check(tl, "teamleider-besluit")
	tl.press(`form[action$="/besluit"] button[type=submit]`, http.StatusUnprocessableEntity)
	check(tl, "teamleider-besluit-fouten")
	tl.open("/wachtlijst", http.StatusOK)
	check(tl, "teamleider-wachtlijst")
	tl.open("/sociale-kaart", http.StatusOK)
	check(tl, "teamleider-sociale-kaart")
	tl.open(famPath+"/veiligheid/nieuw", http.StatusOK)
	check(tl, "teamleider-veiligheid-nieuw")
	tl.open(famPath, http.StatusOK)
	youth := evalJS[string](tl, `(document.querySelector('a[href*="/jeugd/"]') || {}).pathname || ''`)
	if youth == "" {
		tl.fatal("find a youth worker link", fmt.Errorf("no member aged 12-24 with a link on %s", famPath))
	}
	tl.open(youth, http.StatusOK)
	check(tl, "teamleider-jeugdhulpverlener")

	// Phases, contacts and hours; the team meeting; supervision.
	tl.open(famPath+"/fase", http.StatusOK)
	check(tl, "teamleider-fase")
	tl.open(famPath+"/contacten", http.StatusOK)
	check(tl, "teamleider-contacten")
	tl.open(famPath+"/contacten/nieuw", http.StatusOK)
	check(tl, "teamleider-contact-nieuw")
	tl.open("/teamoverleg", http.StatusOK)
	check(tl, "teamleider-teamoverleg")
	tl.open(strings.TrimSuffix(tl.path(), "/")+"/afdrukken", http.StatusOK)
	check(tl, "teamleider-teamoverleg-afdrukken")
	tl.open("/werkbegeleiding", http.StatusOK)
	check(tl, "teamleider-werkbegeleiding")
	sup := evalJS[string](tl, `(document.querySelector('ul.list a.title') || {}).pathname || ''`)
	tl.open(sup, http.StatusOK)
	check(tl, "teamleider-werkbegeleiding-medewerker")
	tl.press(`form[action$="/gesprekken"] button[type=submit]`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Punten van de teamleider")
	check(tl, "teamleider-werkbegeleiding-fouten")
	tl.open(sup, http.StatusOK)
	session := evalJS[string](tl, `(document.querySelector('ul.supervision-sessions a.title') || {}).pathname || ''`)
	if session == "" {
		tl.fatal("find a supervision session", fmt.Errorf("none listed on %s", sup))
	}
	tl.open(session, http.StatusOK)
	check(tl, "teamleider-werkbegeleiding-gesprek")
	tl.open(session+"/bewerken", http.StatusOK)
	check(tl, "teamleider-werkbegeleiding-gesprek-wijzigen")

	// Rapportages: the page, a wrong period, a chart, the families behind
	// a figure (when the demo has one), the print; the manager's page.
	tl.open("/rapportages", http.StatusOK)
	check(tl, "teamleider-rapportages")
	if drill := evalJS[string](tl, `(document.querySelector('a[href^="/rapportages/gezinnen?"]') || {}).getAttribute?.('href') || ''`); drill != "" {
		tl.open(drill, http.StatusOK)
		check(tl, "teamleider-rapportages-gezinnen")
	}
	tl.open("/rapportages?van=2026-02-30&tot=", http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Er is iets niet goed ingevuld")
	check(tl, "teamleider-rapportages-fouten")
	tl.open("/rapportages/grafiek/instroom", http.StatusOK)
	check(tl, "teamleider-rapportages-grafiek")
	tl.open("/rapportages/afdruk", http.StatusOK)
	check(tl, "teamleider-rapportages-afdruk")
	mgr := newBrowserTab(t, browser, base, "manager")
	logIn(mgr, "manager@demo.regie.nl")
	mgr.wantPath(`/rapportages`)
	check(mgr, "manager-rapportages")
}

// TestBrowser_AccessibilityOtherRoles checks the pages of the referrer, the
// casemanager, the privacy officer and the functional administrator.
func TestBrowser_AccessibilityOtherRoles(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "rollen-")
	m := startRegieForBrowser(t, true)
	base := m.Server.URL()
	logIn := func(tb *browserTab, email string) {
		t.Helper()
		tb.logIn(email, demo.Password)
		tb.wantText(".who-name", "")
	}

	// Referrer: their referrals and the referral form (also with errors).
	ref := newBrowserTab(t, browser, base, "aanmelder")
	logIn(ref, "aanmelder@demo.regie.nl")
	ref.wantPath(`/aanmeldingen`)
	check(ref, "aanmelder-aanmeldingen")
	ref.open("/aanmeldingen/nieuw", http.StatusOK)
	check(ref, "aanmelder-aanmelden")
	ref.press(`form[action="/aanmeldingen"] button[type=submit]`, http.StatusUnprocessableEntity)
	check(ref, "aanmelder-aanmelden-fouten")
	// Their own account, and a password change with errors.
	ref.open("/account", http.StatusOK)
	check(ref, "aanmelder-account")
	ref.press(`form[action="/account/wachtwoord"] button[type=submit]`, http.StatusUnprocessableEntity)
	ref.wantText(".error-summary", "Huidig wachtwoord")
	check(ref, "aanmelder-account-fouten")

	// Casemanager: "Mijn gezinnen".
	cm := newBrowserTab(t, browser, base, "casemanager")
	logIn(cm, "casemanager@demo.regie.nl")
	cm.wantPath(`/gezinnen`)
	check(cm, "casemanager-gezinnen")
	famPath := evalJS[string](cm, `(Array.from(document.querySelectorAll('ul.list a.title')).find(a => a.textContent.trim() === 'Gezin Jansen') || {}).pathname || ''`)
	if famPath == "" {
		cm.fatal("find Gezin Jansen", fmt.Errorf("not among her families"))
	}
	cm.open("/werkbegeleiding/mijn", http.StatusOK)
	check(cm, "casemanager-werkbegeleiding")

	// Privacy officer: the access log and one family's log.
	po := newBrowserTab(t, browser, base, "privacy officer")
	logIn(po, "privacy@demo.regie.nl")
	po.wantPath(`/toegangslog`)
	check(po, "privacy-toegangslog")
	po.open("/toegangslog/gezinnen/"+strings.TrimPrefix(famPath, "/gezinnen/"), http.StatusOK)
	check(po, "privacy-toegangslog-gezin")

	// Functional administrator: accounts.
	admin := newBrowserTab(t, browser, base, "functioneel beheerder")
	logIn(admin, "beheer@demo.regie.nl")
	admin.open("/beheer/gebruikers", http.StatusOK)
	check(admin, "beheer-gebruikers")
	admin.open("/beheer/gebruikers/nieuw", http.StatusOK)
	check(admin, "beheer-gebruiker-nieuw")
	admin.open("/sociale-kaart/nieuw", http.StatusOK)
	check(admin, "beheer-sociale-kaart-nieuw")
	admin.open("/beheer/normen", http.StatusOK)
	check(admin, "beheer-normen")
	admin.open("/beheer/fasen", http.StatusOK)
	check(admin, "beheer-fasen")
	admin.open("/beheer/tarieven", http.StatusOK)
	check(admin, "beheer-tarieven")
	admin.typeInto(`input[name="tarief.uur_casemanager"]`, "veel")
	admin.press(`form[action="/beheer/tarieven"] button[type=submit]`, http.StatusUnprocessableEntity)
	admin.wantText(".error-summary", "Geef een getal")
	check(admin, "beheer-tarieven-fouten")
}

// accessibilityCheck returns a check that runs axe on the page a tab shows,
// at 1280 and 375 px, and fails on a violation or on a page that scrolls
// sideways on a phone; with REGIE_SCREENSHOTS set it saves screenshots,
// their names starting with prefix.
func accessibilityCheck(t *testing.T, axeJS, prefix string) func(tb *browserTab, name string) {
	shots := os.Getenv("REGIE_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	return func(tb *browserTab, name string) {
		t.Helper()
		n++
		for _, width := range []int64{1280, 375} {
			tb.do(fmt.Sprintf("set the width to %d", width), chromedp.EmulateViewport(width, 800))
			if vs := tb.axe(axeJS); len(vs) > 0 {
				t.Errorf("%s: %s (%s) at %d px: %d axe violation(s):\n%s", tb.name, name, tb.path(), width, len(vs), formatViolations(vs))
			}
			if width < 1280 {
				if w := evalJS[int](tb, `document.documentElement.scrollWidth`); w > int(width) {
					t.Errorf("%s: %s (%s) at %d px: the page is %d px wide and scrolls sideways", tb.name, name, tb.path(), width, w)
				}
			}
			if shots != "" {
				png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
				if err != nil {
					tb.fatal("screenshot", err)
				}
				file := filepath.Join(shots, fmt.Sprintf("%s%02d-%s-%d.png", prefix, n, name, width))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestBrowser_AccessibilityPlan checks the pages of the plan, the
// trajectories, the consent and the evaluations, as the team leader of
// Gezin Jansen.
func TestBrowser_AccessibilityPlan(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "plan-")
	m := startRegieForBrowser(t, true)
	tl := newBrowserTab(t, browser, m.Server.URL(), "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.wantPath(`/gezinnen\?overzicht=team`)
	famPath := evalJS[string](tl, `(Array.from(document.querySelectorAll('ul.list a.title')).find(a => a.textContent.trim() === 'Gezin Jansen') || {}).pathname || ''`)
	if famPath == "" {
		tl.fatal("find Gezin Jansen", fmt.Errorf("not on the team's list"))
	}
	// The plan, its draft form (also with its errors), two versions
	// compared, scoring, trajectories and consent.
	tl.open(famPath+"/plan", http.StatusOK)
	check(tl, "teamleider-plan")
	tl.open(famPath+"/plan/1", http.StatusOK)
	check(tl, "teamleider-plan-versie")
	tl.open(famPath+"/plan", http.StatusOK)
	tl.press(`form[action$="/plan"] button[type=submit]`, http.StatusOK)
	tl.wantPath(`/gezinnen/\d+/plan/2/bewerken`)
	check(tl, "teamleider-plan-concept")
	tl.do("empty the first goal", chromedp.Clear(chromedp.CSS("#f-goal-0-text")))
	tl.press(`.plan-form button[type=submit]:not([name])`, http.StatusUnprocessableEntity)
	tl.wantText(".error-summary", "Schrijf het doel op")
	check(tl, "teamleider-plan-concept-fouten")
	tl.open(famPath+"/plan/vergelijken?van=1&met=2", http.StatusOK)
	check(tl, "teamleider-plan-vergelijken")
	tl.open(famPath+"/zelfredzaamheid/nieuw", http.StatusOK)
	check(tl, "teamleider-zelfredzaamheid")
	tl.open(famPath+"/trajecten", http.StatusOK)
	check(tl, "teamleider-trajecten")
	tl.open(famPath+"/trajecten/nieuw", http.StatusOK)
	check(tl, "teamleider-traject-nieuw")
	tl.open(famPath+"/toestemming", http.StatusOK)
	check(tl, "teamleider-toestemming")
	tl.open(famPath+"/toestemming/nieuw", http.StatusOK)
	check(tl, "teamleider-toestemming-nieuw")
	tl.press(`form[action$="/toestemming"] button[type=submit]`, http.StatusUnprocessableEntity)
	check(tl, "teamleider-toestemming-fouten")
	// The evaluations: the list, one, the final form and its errors.
	tl.open(famPath+"/evaluaties", http.StatusOK)
	check(tl, "teamleider-evaluaties")
	tl.press(`ul.evaluations a[href*="/evaluaties/"]`, http.StatusOK)
	check(tl, "teamleider-tussenevaluatie")
	tl.open(famPath+"/evaluaties/nieuw?soort=eind", http.StatusOK)
	check(tl, "teamleider-eindevaluatie-nieuw")
	tl.press(`form[action$="/evaluaties"] .form-actions button[type=submit]`, http.StatusUnprocessableEntity)
	check(tl, "teamleider-eindevaluatie-fouten")
}
