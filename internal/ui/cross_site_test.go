package ui_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// familyAuditRows counts the access-log rows of a family.
func (e *env) familyAuditRows(id int64) int {
	e.t.Helper()
	var n int
	if err := e.store.DB().QueryRow(`SELECT count(*) FROM audit WHERE family_id = $1`, id).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// getFrom is a GET as a browser sends it when the navigation started at
// site ("cross-site", "same-site", "same-origin" or "none").
func (e *env) getFrom(path, token, site string) response {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	req.Header.Set("Cookie", "__Host-regie="+token)
	req.Header.Set("Sec-Fetch-Site", site)
	req.Header.Set("Sec-Fetch-Mode", "navigate")
	return e.send(req)
}

// TestCrossSiteGET_AsksBeforeReadingAFamily: a link on another website to
// a family page does not open it in the logged-in user's name — nothing is
// read, nothing logged — but asks to confirm, with a link that then opens
// it from regie itself.
func TestCrossSiteGET_AsksBeforeReadingAFamily(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	id := e.f.FamAssigned.ID
	path := fmt.Sprintf("/gezinnen/%d?tab=contact", id)
	for _, site := range []string{"cross-site", "same-site"} {
		before := e.familyAuditRows(id)
		r := e.getFrom(path, token, site)
		if r.status != http.StatusOK || !strings.Contains(r.body, "U komt van een andere website") {
			t.Fatalf("%s: status %d\n%s", site, r.status, r.body)
		}
		if strings.Contains(r.body, e.f.FamAssigned.HouseholdName) {
			t.Fatalf("%s: the page shows the family", site)
		}
		m := regexp.MustCompile(`<a class="button" href="([^"]+)">Verder naar de pagina</a>`).FindStringSubmatch(r.body)
		if m == nil || strings.ReplaceAll(m[1], "&amp;", "&") != path {
			t.Fatalf("%s: no link on to %s: %v", site, path, m)
		}
		if got := e.familyAuditRows(id); got != before {
			t.Fatalf("%s: the family's log grew by %d rows", site, got-before)
		}
		if r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", site, r.header.Get("Cache-Control"))
		}
	}
	// Following the link (from regie itself), a bookmark or a typed
	// address opens the page, and logs it.
	for _, site := range []string{"same-origin", "none"} {
		before := e.familyAuditRows(id)
		r := e.getFrom(path, token, site)
		if r.status != http.StatusOK || !strings.Contains(r.body, e.f.FamAssigned.HouseholdName) {
			t.Fatalf("%s: status %d, family not shown", site, r.status)
		}
		if got := e.familyAuditRows(id); got <= before {
			t.Fatalf("%s: the read was not logged", site)
		}
	}
	// Public pages (the log-in) need no confirmation.
	if r := e.getFrom("/inloggen", "", "cross-site"); r.status != http.StatusOK || strings.Contains(r.body, "andere website") {
		t.Fatalf("log-in page from another site: %d", r.status)
	}
}

// TestSessionCookie_SameSiteStrict: browsers leave the session off every
// request another site starts, top-level links included.
func TestSessionCookie_SameSiteStrict(t *testing.T) {
	e := newEnv(t)
	r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {e.f.Casemanager.Email}, "password": {testPassword}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("log-in: status %d", r.status)
	}
	var found bool
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == "__Host-regie" {
			found = true
			if c.SameSite != http.SameSiteStrictMode || !c.Secure || !c.HttpOnly || c.Path != "/" {
				t.Fatalf("session cookie: SameSite %v, Secure %v, HttpOnly %v, Path %q", c.SameSite, c.Secure, c.HttpOnly, c.Path)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie set")
	}
}

// TestCrossSitePOST_RefusalIsARegiePage: the refusal of a change from
// another site is regie's own page, in Dutch, with a way back.
func TestCrossSitePOST_RefusalIsARegiePage(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.TeamLeader)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/gezinnen", strings.NewReader(familyForm(e.f, "assigned").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", "__Host-regie="+token)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	body := string(b)
	if resp.StatusCode != http.StatusForbidden || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{`<html lang="nl"`, "<h1>Niet uitgevoerd</h1>", "andere website", "niets opgeslagen", `href="/"`, "/static/"} {
		if !strings.Contains(body, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, body)
		}
	}
}
