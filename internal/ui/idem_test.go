package ui_test

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"regie"
)

// formValues returns the named values of the form that posts to action on
// page, as a browser would send them (inputs and textareas; a select's
// selected option), including the form's token.
func formValues(t *testing.T, page, action string) url.Values {
	t.Helper()
	i := strings.Index(page, `action="`+action+`"`)
	if i < 0 {
		t.Fatalf("no form posting to %s", action)
	}
	body := page[i:]
	if j := strings.Index(body, "</form>"); j >= 0 {
		body = body[:j]
	}
	vals := url.Values{}
	for _, m := range regexp.MustCompile(`<input[^>]*>`).FindAllString(body, -1) {
		name := attr(m, "name")
		if name == "" || (strings.Contains(m, `type="checkbox"`) || strings.Contains(m, `type="radio"`)) && !strings.Contains(m, " checked") {
			continue
		}
		if strings.Contains(m, `type="submit"`) {
			continue
		}
		vals.Add(name, attr(m, "value"))
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>`).FindAllStringSubmatch(body, -1) {
		vals.Add(m[1], html.UnescapeString(strings.TrimPrefix(m[2], "\n")))
	}
	for _, m := range regexp.MustCompile(`(?s)<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(body, -1) {
		if sel := regexp.MustCompile(`<option value="([^"]*)" selected`).FindStringSubmatch(m[2]); sel != nil {
			vals.Add(m[1], html.UnescapeString(sel[1]))
		}
	}
	return vals
}

// withoutTokens leaves the forms' tokens out of a page, for comparing two
// answers: each form's token is fresh on every page (idem.go).
func withoutTokens(page string) string {
	return regexp.MustCompile(`name="idem" value="[^"]*"`).ReplaceAllString(page, `name="idem"`)
}

func attr(tag, name string) string {
	m := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func (e *env) count(q string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.store.DB().QueryRow(q, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// Every form that posts carries its own token; a page's forms differ.
func TestIdempotency_EveryFormHasAToken(t *testing.T) {
	e := newEnv(t)
	tl := e.session(e.f.TeamLeader)
	page := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID), tl, nil)
	if page.status != http.StatusOK {
		t.Fatalf("family page: %d", page.status)
	}
	posts := strings.Count(page.body, `method="post"`)
	tokens := regexp.MustCompile(`<input type="hidden" name="idem" value="([A-Za-z0-9_-]{22})">`).FindAllStringSubmatch(page.body, -1)
	if posts == 0 || len(tokens) != posts {
		t.Fatalf("%d forms that post, %d tokens", posts, len(tokens))
	}
	seen := map[string]bool{}
	for _, m := range tokens {
		if seen[m[1]] {
			t.Fatalf("token %s twice on one page", m[1])
		}
		seen[m[1]] = true
	}
}

// A contact form posted twice (a double tap) saves one contact; both
// answers lead to the family, the second saying it was saved already.
func TestIdempotency_ContactPostedTwice(t *testing.T) {
	e := newEnv(t)
	cm := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	action := fmt.Sprintf("/gezinnen/%d/contacten", fam.ID)
	page := e.do(http.MethodGet, action+"/nieuw", cm, nil)
	vals := formValues(t, page.body, action)
	if len(vals.Get("idem")) != 22 {
		t.Fatalf("the contact form has no token: %v", vals)
	}
	vals.Set("note", "Dubbel getikt, één keer opgeslagen")
	before := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID)
	first := e.do(http.MethodPost, action, cm, vals)
	second := e.do(http.MethodPost, action, cm, vals)
	want := fmt.Sprintf("/gezinnen/%d", fam.ID)
	for i, r := range []response{first, second} {
		if r.status != http.StatusSeeOther || r.header.Get("Location") != want {
			t.Fatalf("submit %d: %d to %q, want %d to %q", i+1, r.status, r.header.Get("Location"), http.StatusSeeOther, want)
		}
	}
	if got := first.cookie("__Host-regie-flash"); got != string(regie.MsgFlashContactSaved) {
		t.Errorf("the first answer's notice = %q, want %q", got, regie.MsgFlashContactSaved)
	}
	if got := second.cookie("__Host-regie-flash"); got != string(regie.MsgFlashAlreadySaved) {
		t.Errorf("the second answer's notice = %q, want %q", got, regie.MsgFlashAlreadySaved)
	}
	if got := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID); got != before+1 {
		t.Fatalf("contacts = %d, want %d", got, before+1)
	}
	// A new form is a new contact.
	vals2 := formValues(t, e.do(http.MethodGet, action+"/nieuw", cm, nil).body, action)
	vals2.Set("note", "Een tweede bezoek")
	if r := e.do(http.MethodPost, action, cm, vals2); r.status != http.StatusSeeOther {
		t.Fatalf("a new form: %d", r.status)
	}
	if got := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID); got != before+2 {
		t.Fatalf("contacts after a new form = %d, want %d", got, before+2)
	}
}

// The answer to a save is lost (the phone's connection dropped, the
// server restarted after the commit): the same body, sent again in a new
// session, saves nothing and answers as the first.
func TestIdempotency_LostAnswer(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned
	action := fmt.Sprintf("/gezinnen/%d/contacten", fam.ID)
	cm := e.session(e.f.Casemanager)
	vals := formValues(t, e.do(http.MethodGet, action+"/nieuw", cm, nil).body, action)
	vals.Set("note", "Antwoord kwijt, toch opgeslagen")
	before := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID)
	_ = e.do(http.MethodPost, action, cm, vals) // its answer never arrives
	again := e.logIn(e.f.Casemanager, nil)
	r := e.do(http.MethodPost, action, again, vals)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != fmt.Sprintf("/gezinnen/%d", fam.ID) {
		t.Fatalf("the retry: %d to %q", r.status, r.header.Get("Location"))
	}
	if got := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1 AND note = $2`, fam.ID, "Antwoord kwijt, toch opgeslagen"); got != 1 {
		t.Fatalf("contacts with the note = %d, want 1", got)
	}
	if got := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID); got != before+1 {
		t.Fatalf("contacts = %d, want %d", got, before+1)
	}
}

// A plan draft saved twice from one form is one revision.
func TestIdempotency_PlanSavedTwice(t *testing.T) {
	e := newEnv(t)
	tl := e.session(e.f.TeamLeader)
	fam := e.f.FamAssigned
	action := fmt.Sprintf("/gezinnen/%d/plan/2", fam.ID)
	page := e.do(http.MethodGet, action+"/bewerken", tl, nil)
	if page.status != http.StatusOK {
		t.Fatalf("plan form: %d", page.status)
	}
	vals := formValues(t, page.body, action)
	vals.Set("situation", "Rustiger sinds de schuldhulp")
	revision := func() int {
		return e.count(`SELECT revision FROM plan_versions WHERE family_id = $1 AND number = 2`, fam.ID)
	}
	before := revision()
	var loc []string
	for i := range 2 {
		r := e.do(http.MethodPost, action, tl, vals)
		if r.status != http.StatusSeeOther {
			t.Fatalf("save %d: %d\n%.2000s", i+1, r.status, r.body)
		}
		loc = append(loc, r.header.Get("Location"))
	}
	if loc[0] != loc[1] {
		t.Fatalf("answers differ: %q, %q", loc[0], loc[1])
	}
	if got := revision(); got != before+1 {
		t.Fatalf("revision = %d, want %d (one save)", got, before+1)
	}
}

// The intake decision posted twice is one decision, one new family, and
// both answers go to choosing its coordinator.
func TestIdempotency_DecisionPostedTwice(t *testing.T) {
	e := newEnv(t)
	tl := e.session(e.f.TeamLeader)
	ref := template.refA
	action := fmt.Sprintf("/aanmeldingen/%d/besluit", ref.ID)
	page := e.do(http.MethodGet, action, tl, nil)
	if page.status != http.StatusOK {
		t.Fatalf("decision form: %d", page.status)
	}
	vals := formValues(t, page.body, action)
	vals.Set("outcome", string(regie.IntakeAccept))
	families := e.count(`SELECT count(*) FROM families`)
	var loc []string
	for i := range 2 {
		r := e.do(http.MethodPost, action, tl, vals)
		if r.status != http.StatusSeeOther {
			t.Fatalf("decision %d: %d\n%.2000s", i+1, r.status, r.body)
		}
		loc = append(loc, r.header.Get("Location"))
	}
	if loc[0] != loc[1] || !strings.HasSuffix(loc[0], "/toewijzing") {
		t.Fatalf("answers: %q, %q; want the same coordinator choice", loc[0], loc[1])
	}
	if got := e.count(`SELECT count(*) FROM intake_decisions WHERE referral_id = $1`, ref.ID); got != 1 {
		t.Fatalf("decisions = %d, want 1", got)
	}
	if got := e.count(`SELECT count(*) FROM families`); got != families+1 {
		t.Fatalf("families = %d, want %d", got, families+1)
	}
}

// While the database is locked past the request's deadline, a contact
// save answers 503 in Dutch with everything typed still in the page, in a
// form that sends it again with the same token; once the lock is gone,
// that saves exactly once.
func TestDeadline_AStuckSaveKeepsTheForm(t *testing.T) {
	e := newEnv(t)
	cm := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	action := fmt.Sprintf("/gezinnen/%d/contacten", fam.ID)
	vals := formValues(t, e.do(http.MethodGet, action+"/nieuw", cm, nil).body, action)
	const note = "Moeder vertelde over de schuldhulp; afspraak dinsdag <10 uur> & zoon weer naar school."
	vals.Set("note", note)
	vals.Set("partners", "Wijkteam Overvecht")
	before := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID)

	// SQLite's one write lock, held by another handle on the file.
	other, err := sql.Open("sqlite", e.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	e.ui.Timeout = 300 * time.Millisecond
	r := e.do(http.MethodPost, action, cm, vals)
	if r.status != http.StatusServiceUnavailable {
		t.Fatalf("a save while the database is locked: %d, want 503\n%.2000s", r.status, r.body)
	}
	if !strings.Contains(r.body, "Tijdelijk niet opgeslagen") || !strings.Contains(r.body, html.EscapeString(note)) {
		t.Fatalf("the 503 page lacks the notice or the typed note:\n%.3000s", r.body)
	}
	kept := formValues(t, r.body, action)
	for _, name := range []string{"note", "partners", "date", "start", "minutes", "kind", "attempt", "idem"} {
		if got, want := kept.Get(name), vals.Get(name); got != want {
			t.Errorf("kept %s = %q, want %q", name, got, want)
		}
	}
	// A read (it writes its access-log row) says the database cannot be
	// reached.
	if r := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), cm, nil); r.status != http.StatusServiceUnavailable ||
		!strings.Contains(r.body, "database nu niet bereiken") {
		t.Fatalf("a read while the database is locked: %d\n%.1500s", r.status, r.body)
	}
	if _, err := conn.ExecContext(context.Background(), `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	e.ui.Timeout = 0

	for i := range 2 { // saved again, and once more for good measure
		r = e.do(http.MethodPost, action, cm, kept)
		if r.status != http.StatusSeeOther {
			t.Fatalf("the save %d after the lock: %d\n%.2000s", i+1, r.status, r.body)
		}
	}
	if got := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID); got != before+1 {
		t.Fatalf("contacts = %d, want %d (saved exactly once)", got, before+1)
	}
}

// A full disk (SQLite's page limit, reached on the one write connection)
// answers a save with 503 and the typed text; with room again the same
// form saves once.
func TestDiskFull_ASaveKeepsTheForm(t *testing.T) {
	e := newEnv(t)
	cm := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	action := fmt.Sprintf("/gezinnen/%d/contacten", fam.ID)
	vals := formValues(t, e.do(http.MethodGet, action+"/nieuw", cm, nil).body, action)
	note := strings.Repeat("Een lang verslag van het huisbezoek. ", 200)
	vals.Set("note", note)
	before := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID)
	pages := e.count(`PRAGMA page_count`)
	if _, err := e.store.DB().Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	r := e.do(http.MethodPost, action, cm, vals)
	if r.status != http.StatusServiceUnavailable || !strings.Contains(r.body, "Tijdelijk niet opgeslagen") {
		t.Fatalf("a save on a full disk: %d, want 503 with the notice\n%.2000s", r.status, r.body)
	}
	kept := formValues(t, r.body, action)
	if kept.Get("note") != note || kept.Get("idem") != vals.Get("idem") {
		t.Fatal("the note or the form's token is not kept")
	}
	if _, err := e.store.DB().Exec(`PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if r := e.do(http.MethodPost, action, cm, kept); r.status != http.StatusSeeOther {
			t.Fatalf("the save with room again: %d", r.status)
		}
	}
	if got := e.count(`SELECT count(*) FROM contacts WHERE family_id = $1`, fam.ID); got != before+1 {
		t.Fatalf("contacts = %d, want %d", got, before+1)
	}
}

// A sociogram moment and a family council posted twice are one moment
// and one council, and both answers go to the one that was made.
func TestIdempotency_InstrumentsPostedTwice(t *testing.T) {
	e := newEnv(t)
	cm := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	for _, c := range []struct {
		name, action, table, token string
		vals                       url.Values
	}{
		{"sociogram moment", fmt.Sprintf("/gezinnen/%d/sociogram", fam.ID), "sociogram_moments", "sociogramMomentToken01",
			url.Values{"moment_on": {"2026-03-01"}, "moment_label": {"Evaluatie"}}},
		{"family council", fmt.Sprintf("/gezinnen/%d/familieberaad", fam.ID), "councils", "familyCouncilToken0001",
			url.Values{"on": {"2026-03-09"}, "place": {"Bij oma thuis"}, "member": {fmt.Sprint(fam.Members[0].ID)}}},
	} {
		before := e.count(`SELECT count(*) FROM `+c.table+` WHERE family_id = $1`, fam.ID)
		c.vals.Set("idem", c.token)
		var loc []string
		for i := range 2 {
			r := e.do(http.MethodPost, c.action, cm, c.vals)
			if r.status != http.StatusSeeOther {
				t.Fatalf("%s, post %d: %d\n%.1500s", c.name, i+1, r.status, r.body)
			}
			loc = append(loc, r.header.Get("Location"))
		}
		if loc[0] != loc[1] {
			t.Errorf("%s: answers differ: %q, %q", c.name, loc[0], loc[1])
		}
		if got := e.count(`SELECT count(*) FROM `+c.table+` WHERE family_id = $1`, fam.ID); got != before+1 {
			t.Errorf("%s: %d rows, want %d (one save)", c.name, got, before+1)
		}
		if r := e.do(http.MethodGet, loc[1], cm, nil); r.status != http.StatusOK {
			t.Errorf("%s: the second answer's page %s = %d", c.name, loc[1], r.status)
		}
	}
}
