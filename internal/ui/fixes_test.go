package ui_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/storetest"
)

// visibleText is the text of a page a user reads: without tags, so ids and
// names of form fields (which may be English) do not count.
func visibleText(body string) string {
	body = regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>`).ReplaceAllString(body, " ")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, " ")
}

// TestWording_Dutch: the intake, assignment and supervision pages say
// "introducerende hulpverlener", "toezegging" and "werkvoorraad", not the
// English words users noticed.
func TestWording_Dutch(t *testing.T) {
	e := newEnv(t)
	leader := e.session(e.f.TeamLeader)
	referrer := e.session(e.f.Referrer)
	pages := []struct {
		token, path string
		want        []string
	}{
		{leader, fmt.Sprintf("/aanmeldingen/%d", template.refA.ID), []string{"Introducerende hulpverlener", "Toezegging laagdrempelige zorg"}},
		{referrer, "/aanmeldingen/nieuw", []string{"introducerende hulpverlener"}},
		{leader, fmt.Sprintf("/gezinnen/%d/toewijzing", e.f.FamAssigned.ID), []string{"werkvoorraad"}},
		{leader, "/werkbegeleiding", []string{"werkvoorraad"}},
		{leader, fmt.Sprintf("/werkbegeleiding/%d", e.f.Casemanager.ID), []string{"Werkvoorraad"}},
		{leader, fmt.Sprintf("/gezinnen/%d/fase", e.f.FamAssigned.ID), nil},
	}
	english := regexp.MustCompile(`(?i)\bintroducer\b|\bcommitment\b|\bcaseloads?\b`)
	for _, p := range pages {
		r := e.do(http.MethodGet, p.path, p.token, nil)
		if r.status != http.StatusOK {
			t.Errorf("GET %s: status %d", p.path, r.status)
			continue
		}
		text := visibleText(r.body)
		if m := english.FindAllString(text, -1); len(m) > 0 {
			t.Errorf("GET %s shows %q", p.path, m)
		}
		for _, w := range p.want {
			if !strings.Contains(text, w) {
				t.Errorf("GET %s lacks %q", p.path, w)
			}
		}
	}
}

// TestPlanDue_FromNorm: the empty plan page says when the plan is due from
// the norm the organisation set, not a fixed "twee maanden".
func TestPlanDue_FromNorm(t *testing.T) {
	e := newEnv(t)
	ctx := storetest.As(e.f.TeamLeader)
	fam, err := e.store.CreateFamily(ctx, regie.FamilyInput{HouseholdName: "Gezin Zonderplan", DistrictID: e.f.TeamA.Districts[0].ID,
		DutchProficiency: "redelijk", Street: "Teststraat 2", Postcode: "3563 AB", City: "Utrecht"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.AssignFamily(ctx, fam.ID, regie.AssignInput{CoordinatorID: e.f.Casemanager.ID}); err != nil {
		t.Fatal(err)
	}
	token := e.session(e.f.Casemanager)
	path := fmt.Sprintf("/gezinnen/%d/plan", fam.ID)
	for _, months := range []int{regie.DefaultNorms().PlanMaxMonths, 3} {
		if months != regie.DefaultNorms().PlanMaxMonths {
			if err := e.store.SaveNorms(storetest.As(e.f.Admin), map[string]string{"norm.plan_max_maanden": strconv.Itoa(months)}); err != nil {
				t.Fatal(err)
			}
		}
		r := e.do(http.MethodGet, path, token, nil)
		text := visibleText(r.body)
		if want := fmt.Sprintf("uiterlijk %d maanden na de start", months); r.status != http.StatusOK || !strings.Contains(text, want) {
			t.Errorf("norm %d: status %d, page lacks %q", months, r.status, want)
		}
		if strings.Contains(text, "twee maanden") {
			t.Errorf("norm %d: the page still says twee maanden", months)
		}
	}
}

// TestCoordinatorPhone: the administrator gives an account its work phone;
// the family page shows it on the coordinator's line.
func TestCoordinatorPhone(t *testing.T) {
	e := newEnv(t)
	admin := e.session(e.f.Admin)
	form := e.do(http.MethodGet, "/beheer/gebruikers/nieuw", admin, nil)
	if !strings.Contains(form.body, `name="phone"`) {
		t.Fatal("the new-account form has no phone field")
	}
	r := e.do(http.MethodPost, "/beheer/gebruikers", admin, url.Values{"name": {"Noor de Wit"}, "email": {"noor@test.nl"},
		"phone": {"06 1234 5678"}, "role": {string(regie.RoleCasemanager)}, "organisation": {strconv.FormatInt(e.f.Org.ID, 10)},
		"team": {strconv.FormatInt(e.f.TeamA.ID, 10)}, "districts": {strconv.FormatInt(e.f.TeamA.Districts[0].ID, 10)}})
	if r.status != http.StatusOK {
		t.Fatalf("create user: status %d", r.status)
	}
	u, err := e.store.FindUserByEmail(storetest.System(), "noor@test.nl")
	if err != nil || u.Phone != "06 1234 5678" {
		t.Fatalf("created user = %+v, %v; want phone 06 1234 5678", u, err)
	}
	if err := e.store.AssignFamily(storetest.As(e.f.TeamLeader), e.f.FamAssigned.ID,
		regie.AssignInput{CoordinatorID: u.ID, Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	page := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID), e.session(e.f.TeamLeader), nil)
	if !regexp.MustCompile(`Noor de Wit · <a href="tel:06%201234%205678">06 1234 5678</a>`).MatchString(page.body) {
		t.Errorf("the family page does not show the coordinator's phone:\n%s", visibleText(page.body))
	}
}

// TestReferral_MoreThanEightMembers: "Nog een gezinslid toevoegen" posts the
// form back with one empty row more and everything typed kept, without
// sending it; a referral of ten members is then sent whole.
func TestReferral_MoreThanEightMembers(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Referrer)
	form := url.Values{"referrer_org": {strconv.FormatInt(e.f.Partner.ID, 10)}, "referrer_name": {"Wijkagent"},
		"received_via": {"telefoon"}, "referrer_phone": {"030 000 00 00"}, "household_name": {"Gezin Groot"},
		"district": {strconv.FormatInt(e.f.TeamA.Districts[0].ID, 10)}, "dutch_proficiency": {"goed"},
		"signal-kinderen": {"Verzuim"}, "problem_duration": {"lang"}, "commitment": {"ja"}, "safety": {string(regie.SafetyNone)}}
	for i := range 8 {
		form.Set(fmt.Sprintf("member-%d-given_name", i), fmt.Sprintf("Kind%d", i+1))
		form.Set(fmt.Sprintf("member-%d-family_name", i), "Groot")
		form.Set(fmt.Sprintf("member-%d-birth_date", i), fmt.Sprintf("20%02d-01-01", 10+i))
		form.Set(fmt.Sprintf("member-%d-relation", i), "kind")
	}
	before := e.digest()
	for _, rows := range []int{9, 10} {
		add := url.Values{}
		for k, v := range form {
			add[k] = v
		}
		add.Set("add_member", "Nog een gezinslid toevoegen")
		r := e.do(http.MethodPost, "/aanmeldingen", token, add)
		if r.status != http.StatusOK {
			t.Fatalf("add a row: status %d", r.status)
		}
		if !strings.Contains(r.body, fmt.Sprintf(`name="member-%d-given_name"`, rows-1)) ||
			strings.Contains(r.body, fmt.Sprintf(`name="member-%d-given_name"`, rows)) {
			t.Fatalf("after adding: want exactly %d member rows", rows)
		}
		for _, kept := range []string{`value="Gezin Groot"`, `value="Kind8"`, `value="2017-01-01"`, "Verzuim"} {
			if !strings.Contains(r.body, kept) {
				t.Errorf("adding a row lost %q", kept)
			}
		}
		if !strings.Contains(r.body, fmt.Sprintf(`name="member_rows" value="%d"`, rows)) {
			t.Errorf("the form does not carry its %d rows", rows)
		}
		if !strings.Contains(visibleText(r.body), fmt.Sprintf("lege rij voor gezinslid %d", rows)) {
			t.Errorf("the page does not say row %d was added", rows)
		}
		if e.digest() != before {
			t.Fatal("adding a row changed the database")
		}
		form.Set("member_rows", strconv.Itoa(rows))
		form.Set(fmt.Sprintf("member-%d-given_name", rows-1), fmt.Sprintf("Kind%d", rows))
		form.Set(fmt.Sprintf("member-%d-family_name", rows-1), "Groot")
		form.Set(fmt.Sprintf("member-%d-birth_date", rows-1), fmt.Sprintf("20%02d-01-01", 10+rows-1))
		form.Set(fmt.Sprintf("member-%d-relation", rows-1), "kind")
	}
	r := e.do(http.MethodPost, "/aanmeldingen", token, form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("send: status %d\n%s", r.status, visibleText(r.body))
	}
	var id int64
	if _, err := fmt.Sscanf(r.header.Get("Location"), "/aanmeldingen/%d", &id); err != nil {
		t.Fatalf("Location %q", r.header.Get("Location"))
	}
	ref, err := e.store.FindReferralByID(storetest.As(e.f.Referrer), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(ref.Members) != 10 {
		t.Fatalf("the referral holds %d members, want 10", len(ref.Members))
	}
}

// TestContactForm_StartsUsualDurationAgo: a contact is logged after the
// visit, so the new-contact form's start is now minus the worker's usual
// duration (the median of their contacts, 60 minutes before the first), on
// the day the visit started.
func TestContactForm_StartsUsualDurationAgo(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	path := fmt.Sprintf("/gezinnen/%d/contacten/nieuw", e.f.FamAssigned.ID)
	check := func(date, start, minutes string) {
		t.Helper()
		r := e.do(http.MethodGet, path, token, nil)
		for _, want := range []string{`name="date" type="date" value="` + date + `"`, `name="start" type="time" value="` + start + `"`,
			`name="minutes" type="number" value="` + minutes + `"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("the form lacks %s", want)
			}
		}
	}
	// Now is 10:00 on 2 March; no contacts of her own yet: an hour ago.
	check("2026-03-02", "09:00", "60")
	for _, m := range []string{"90", "90", "120"} {
		if _, err := e.store.CreateContact(storetest.As(e.f.Casemanager), e.f.FamAssigned.ID, regie.ContactInput{Date: "2026-03-01",
			Start: "10:00", Minutes: m, Kind: "huisbezoek", Attempt: "contact"}); err != nil {
			t.Fatal(err)
		}
	}
	check("2026-03-02", "08:30", "90")
	// Just after midnight, the visit started the day before.
	e.clock.Set(time.Date(2026, 3, 3, 0, 20, 0, 0, regie.Amsterdam))
	token = "after-midnight-" + t.Name()
	if err := e.store.CreateSession(context.Background(), &regie.Session{TokenHash: auth.HashToken(token), UserID: e.f.Casemanager.ID,
		MFA: true}, 0, "test"); err != nil {
		t.Fatal(err)
	}
	check("2026-03-02", "22:50", "90")
}

// TestAssignmentPages_ShowTheName: the team leader's assignment list and
// page name the family; the administrator has neither since separation of
// duties.
func TestAssignmentPages_ShowTheName(t *testing.T) {
	e := newEnv(t)
	leader, admin := e.session(e.f.TeamLeader), e.session(e.f.Admin)
	page := fmt.Sprintf("/gezinnen/%d/toewijzing", e.f.FamAssigned.ID)
	for _, path := range []string{"/toewijzingen", page} {
		r := e.do(http.MethodGet, path, leader, nil)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, r.status)
		}
		text := visibleText(r.body)
		if !strings.Contains(text, "Gezin Jansen") {
			t.Errorf("GET %s: the team leader does not see the name", path)
		}
		if !strings.Contains(text, "G-") {
			t.Errorf("GET %s: no dossier number", path)
		}
		if r := e.do(http.MethodGet, path, admin, nil); r.status == http.StatusOK || strings.Contains(visibleText(r.body), "Gezin Jansen") {
			t.Errorf("GET %s as the administrator: status %d", path, r.status)
		}
	}
}

// TestFrozenPlan_SaysWhyNotEditable: an agreed version's page offers no
// editing but says why and where to go (the draft, or a new version); an
// old link to edit it lands on the version with that reason.
func TestFrozenPlan_SaysWhyNotEditable(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned.ID
	r := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan/1", fam), token, nil)
	if r.status != http.StatusOK {
		t.Fatalf("version 1: status %d", r.status)
	}
	if !strings.Contains(r.body, fmt.Sprintf(`href="/gezinnen/%d/plan/2/bewerken">Vastgesteld plan: wijzig het concept, versie 2</a>`, fam)) {
		t.Errorf("the agreed version does not say why it cannot be edited:\n%s", visibleText(r.body))
	}
	if strings.Contains(r.body, "/plan/1/bewerken") {
		t.Error("the agreed version links to its own edit form")
	}
	r = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan/1/bewerken", fam), token, nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != fmt.Sprintf("/gezinnen/%d/plan/1", fam) {
		t.Fatalf("edit an agreed version: status %d to %q", r.status, r.header.Get("Location"))
	}
	if got := r.cookie("__Host-regie-flash"); got != string(regie.MsgFlashPlanFrozen) {
		t.Errorf("flash %q, want %q", got, regie.MsgFlashPlanFrozen)
	}
	// Without a draft, the way to change the plan is a new version.
	if err := e.store.MarkPlanDiscussed(storetest.As(e.f.TeamLeader), fam, 2); err != nil {
		t.Fatal(err)
	}
	if err := e.store.AgreePlan(storetest.As(e.f.TeamLeader), fam, 2, regie.PlanAgreement{On: "2026-03-02", With: "Sandra"}); err != nil {
		t.Fatal(err)
	}
	r = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan/2", fam), token, nil)
	if !strings.Contains(r.body, fmt.Sprintf(`href="/gezinnen/%d/plan#h-nieuw">Vastgesteld plan: maak een nieuwe versie om te wijzigen</a>`, fam)) {
		t.Errorf("the agreed version without a draft does not say to make a new version:\n%s", visibleText(r.body))
	}
}

// doCookies sends a request like e.do, with these cookies.
func (e *env) doCookies(method, path string, cookies map[string]string, form url.Values) response {
	e.t.Helper()
	req := e.request(method, path, form)
	for k, v := range cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	return e.send(req)
}

// TestExpiredSession_KeepsTypedNote: a contact note saved after the idle
// time-out leads to log-in and then to what was typed, for the same user
// only, which one button saves; the note is never in the log.
func TestExpiredSession_KeepsTypedNote(t *testing.T) {
	e := newEnv(t)
	const note = "Moeder vertelde uitgebreid over de schuldhulp; afspraak gemaakt voor dinsdag. Zoon gaat weer naar school."
	newSession := func(u *regie.User, name string) string {
		t.Helper()
		token := name + "-" + t.Name()
		if err := e.store.CreateSession(context.Background(), &regie.Session{TokenHash: auth.HashToken(token), UserID: u.ID, MFA: true},
			0, "test"); err != nil {
			t.Fatal(err)
		}
		return token
	}
	action := fmt.Sprintf("/gezinnen/%d/contacten", e.f.FamAssigned.ID)
	form := url.Values{"date": {"2026-03-02"}, "start": {"09:00"}, "minutes": {"45"}, "kind": {"huisbezoek"}, "attempt": {"contact"},
		"note": {note}}
	keep := func(u *regie.User, name string) string {
		t.Helper()
		old := newSession(u, name)
		e.clock.Advance(31 * time.Minute) // past the idle time-out
		before := e.digest()
		r := e.doCookies(http.MethodPost, action, map[string]string{"__Host-regie": old}, form)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/inloggen?terug=%2Fformulier-bewaard" {
			t.Fatalf("save into an expired session: status %d to %q", r.status, r.header.Get("Location"))
		}
		if e.digest() != before {
			t.Fatal("a save into an expired session changed the database")
		}
		kept := r.cookie("__Host-regie-bewaard")
		if len(kept) < 32 {
			t.Fatalf("no kept-form cookie (%q)", kept)
		}
		return kept
	}

	// Someone else logs in on this browser: nothing is shown to them, and
	// the kept form is gone.
	kept := keep(e.f.Casemanager, "old1")
	other := newSession(e.f.Casemanager2, "other")
	r := e.doCookies(http.MethodGet, "/gezinnen", map[string]string{"__Host-regie": other, "__Host-regie-bewaard": kept}, nil)
	if r.status != http.StatusOK {
		t.Fatalf("another user's next page: status %d, want the page itself", r.status)
	}
	r = e.doCookies(http.MethodGet, "/formulier-bewaard", map[string]string{"__Host-regie": other, "__Host-regie-bewaard": kept}, nil)
	if r.status != http.StatusSeeOther || strings.Contains(r.body, "schuldhulp") {
		t.Fatalf("another user opened the kept form: status %d", r.status)
	}
	again := newSession(e.f.Casemanager, "again1")
	r = e.doCookies(http.MethodGet, "/formulier-bewaard", map[string]string{"__Host-regie": again, "__Host-regie-bewaard": kept}, nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("the kept form survived another user's log-in: status %d", r.status)
	}

	// The same user logs in again: the next page sends her to what she
	// typed, shown once, and one button saves it.
	kept = keep(e.f.Casemanager, "old2")
	mine := newSession(e.f.Casemanager, "mine")
	cookies := map[string]string{"__Host-regie": mine, "__Host-regie-bewaard": kept}
	r = e.doCookies(http.MethodGet, "/", cookies, nil)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/formulier-bewaard" {
		t.Fatalf("after log-in: status %d to %q, want the kept form", r.status, r.header.Get("Location"))
	}
	r = e.doCookies(http.MethodGet, "/formulier-bewaard", cookies, nil)
	if r.status != http.StatusOK || !strings.Contains(visibleText(r.body), note) {
		t.Fatalf("the kept form: status %d, note shown %v", r.status, strings.Contains(r.body, note))
	}
	if !strings.Contains(r.body, `action="`+action+`"`) {
		t.Fatalf("the kept form does not post to %s", action)
	}
	resend := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllStringSubmatch(r.body, -1) {
		resend.Add(m[1], html.UnescapeString(m[2]))
	}
	if resend.Get("note") != note || resend.Get("minutes") != "45" {
		t.Fatalf("the kept form sends %v", resend)
	}
	if again := e.doCookies(http.MethodGet, "/formulier-bewaard", cookies, nil); again.status != http.StatusSeeOther {
		t.Errorf("the kept form was shown twice (status %d)", again.status)
	}
	r = e.doCookies(http.MethodPost, action, map[string]string{"__Host-regie": mine}, resend)
	if r.status != http.StatusSeeOther {
		t.Fatalf("save the kept form: status %d\n%s", r.status, visibleText(r.body))
	}
	list, _, err := e.store.FindContacts(storetest.As(e.f.Casemanager), e.f.FamAssigned.ID, regie.ContactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 || list[0].Note != note {
		t.Fatalf("newest contact %+v, want the kept note", list[0])
	}
	if strings.Contains(e.logBuf.String(), "schuldhulp") {
		t.Error("the typed note is in the log")
	}
}
