package ui_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"regie"
)

var secretRe = regexp.MustCompile(`<span class="secret">([^<]+)</span>`)

// TestAccounts_AdminAloneReachesNoFamily walks the back door over HTTP: the
// administrator makes a casemanager and sees its temporary password,
// resets the password of the coordinator of a family, tries to assign, and
// logs in with both passwords — and reaches no family. The team leader's
// confirmation opens the reset account, whose user is then told who reset
// it and who confirmed.
func TestAccounts_AdminAloneReachesNoFamily(t *testing.T) {
	e := newEnv(t)
	f := e.f
	admin := e.session(f.Admin)
	families := []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther}

	made := e.do(http.MethodPost, "/beheer/gebruikers", admin, url.Values{"name": {"Stro Man"}, "email": {"stroman@test.nl"},
		"role": {"casemanager"}, "organisation": {fmt.Sprint(f.Org.ID)}, "team": {fmt.Sprint(f.TeamA.ID)},
		"districts": {fmt.Sprint(f.TeamA.Districts[0].ID)}})
	m := secretRe.FindStringSubmatch(made.body)
	if made.status != http.StatusOK || m == nil || !strings.Contains(made.body, "werkt pas na bevestiging") {
		t.Fatalf("new account: %d\n%s", made.status, made.body)
	}
	newPW := m[1]
	straw, err := e.store.FindUserByEmail(context.Background(), "stroman@test.nl")
	if err != nil {
		t.Fatal(err)
	}
	reset := e.do(http.MethodPost, fmt.Sprintf("/beheer/gebruikers/%d/wachtwoord", f.Casemanager.ID), admin, url.Values{})
	m = secretRe.FindStringSubmatch(reset.body)
	if reset.status != http.StatusOK || m == nil {
		t.Fatalf("reset: %d", reset.status)
	}
	resetPW := m[1]

	for _, fam := range families {
		for _, form := range []url.Values{{"coordinator": {fmt.Sprint(straw.ID)}}, {"coordinator": {fmt.Sprint(f.Casemanager.ID)}, "duo": {fmt.Sprint(straw.ID)}}} {
			if r := e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/toewijzing", fam.ID), admin, form); r.status != http.StatusNotFound {
				t.Errorf("admin assigns family %d: %d", fam.ID, r.status)
			}
		}
		if r := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), admin, nil); r.status != http.StatusNotFound {
			t.Errorf("admin reads family %d: %d", fam.ID, r.status)
		}
	}
	unconfirmed := html.EscapeString(regie.Text(regie.MsgAccountUnconfirmed))
	for email, pw := range map[string]string{straw.Email: newPW, f.Casemanager.Email: resetPW} {
		r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {email}, "password": {pw}})
		if r.status != http.StatusUnauthorized || r.cookie("__Host-regie") != "" || !strings.Contains(r.body, unconfirmed) {
			t.Fatalf("log-in as %s before confirmation: %d\n%.2000s", email, r.status, r.body)
		}
	}
	// The administrator cannot confirm their own work.
	list := e.do(http.MethodGet, "/bevestigingen", admin, nil)
	if list.status != http.StatusOK || strings.Count(list.body, "door u aangevraagd") < 2 || strings.Contains(list.body, `action="/bevestigingen/`) {
		t.Fatalf("admin's confirmations page: %d", list.status)
	}
	var resetChange int64
	if err := e.store.DB().QueryRow(`SELECT id FROM account_changes WHERE user_id = $1 AND confirmed_at IS NULL`, f.Casemanager.ID).Scan(&resetChange); err != nil {
		t.Fatal(err)
	}
	if r := e.do(http.MethodPost, fmt.Sprintf("/bevestigingen/%d", resetChange), admin, url.Values{}); r.status != http.StatusForbidden ||
		!strings.Contains(r.body, html.EscapeString(regie.Text(regie.MsgChangeOwn))) {
		t.Fatalf("admin confirms own reset: %d", r.status)
	}

	// The team leader of the team sees both and confirms the reset.
	lead := e.session(f.TeamLeader)
	page := e.do(http.MethodGet, "/bevestigingen", lead, nil)
	if page.status != http.StatusOK || !strings.Contains(page.body, "Stro Man") || !strings.Contains(page.body, f.Casemanager.Name) ||
		!strings.Contains(page.body, fmt.Sprintf(`action="/bevestigingen/%d"`, resetChange)) {
		t.Fatalf("team leader's confirmations page: %d", page.status)
	}
	if r := e.do(http.MethodPost, fmt.Sprintf("/bevestigingen/%d", resetChange), lead, url.Values{}); r.status != http.StatusSeeOther ||
		r.header.Get("Location") != "/bevestigingen" {
		t.Fatalf("team leader confirms: %d", r.status)
	}
	login := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {f.Casemanager.Email}, "password": {resetPW}})
	token := login.cookie("__Host-regie")
	if login.status != http.StatusSeeOther || token == "" {
		t.Fatalf("log-in after confirmation: %d", login.status)
	}
	acct := e.do(http.MethodGet, "/account", token, nil)
	if acct.status != http.StatusOK || !strings.Contains(acct.body, `id="account-changed"`) || !strings.Contains(acct.body, f.Admin.Name) ||
		!strings.Contains(acct.body, f.TeamLeader.Name) || !strings.Contains(acct.body, "wachtwoord en tweede factor opnieuw ingesteld") {
		t.Fatalf("the user is not told who reset the account:\n%s", acct.body)
	}
	// The made account still waits.
	if r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {straw.Email}, "password": {newPW}}); r.status != http.StatusUnauthorized {
		t.Fatalf("the unconfirmed account logged in: %d", r.status)
	}
}

// TestAccount_PasswordRulesSayWhy: each rule has its own Dutch message on
// the field.
func TestAccount_PasswordRulesSayWhy(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager) // Anouk de Vries, cm@test.nl
	for pw, msg := range map[string]regie.Msg{
		"Wachtwoord2026!":       regie.MsgPasswordCommon,
		"welkom123456":          regie.MsgPasswordCommon,
		"anouk-houdt-van-thee":  regie.MsgPasswordPersonal,
		"ééééé":                 regie.MsgPasswordTooShort,
		"devries-op-de-fiets-1": regie.MsgPasswordPersonal,
	} {
		r := e.do(http.MethodPost, "/account/wachtwoord", token, url.Values{"current": {testPassword}, "new": {pw}, "repeat": {pw}})
		want := regie.Text(msg)
		if msg == regie.MsgPasswordTooShort {
			want = regie.Text(msg, regie.MinPasswordLength)
		}
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="f-new"`) || !strings.Contains(r.body, html.EscapeString(want)) {
			t.Fatalf("%q: %d, want 422 with %q", pw, r.status, want)
		}
		if !strings.Contains(r.body, `aria-invalid="true"`) {
			t.Fatalf("%q: the field is not marked", pw)
		}
	}
}

// TestAccount_Sessions: the user sees their sessions, this one marked, and
// ends another; the administrator sees and ends every session of a user.
func TestAccount_Sessions(t *testing.T) {
	e := newEnv(t)
	cm := e.f.Casemanager
	token := e.session(cm)
	other := &regie.Session{TokenHash: []byte("the-other-computer-token-hash-00"), UserID: cm.ID, MFA: true, IP: "198.51.100.7",
		UserAgent: "Firefox op de werkplek"}
	if err := e.store.CreateSession(context.Background(), other, 0, "ingelogd"); err != nil {
		t.Fatal(err)
	}
	page := e.do(http.MethodGet, "/account", token, nil)
	if page.status != http.StatusOK || !strings.Contains(page.body, "198.51.100.7") || !strings.Contains(page.body, "Firefox op de werkplek") ||
		strings.Count(page.body, "deze sessie") != 1 || !strings.Contains(page.body, fmt.Sprintf(`action="/account/sessies/%d/beeindigen"`, other.ID)) {
		t.Fatalf("account page sessions: %d\n%s", page.status, page.body)
	}
	if r := e.do(http.MethodPost, fmt.Sprintf("/account/sessies/%d/beeindigen", other.ID), token, url.Values{}); r.status != http.StatusSeeOther ||
		r.header.Get("Location") != "/account" {
		t.Fatalf("end the other session: %d", r.status)
	}
	if _, _, err := e.store.FindSessionByToken(context.Background(), other.TokenHash); regie.ErrorCode(err) != regie.ENOTFOUND {
		t.Fatalf("the other session still exists: %v", err)
	}
	// Another user's session cannot be ended through one's own account.
	theirs := e.session(e.f.Casemanager2)
	var theirID int64
	if err := e.store.DB().QueryRow(`SELECT id FROM sessions WHERE user_id = $1`, e.f.Casemanager2.ID).Scan(&theirID); err != nil {
		t.Fatal(err)
	}
	if r := e.do(http.MethodPost, fmt.Sprintf("/account/sessies/%d/beeindigen", theirID), token, url.Values{}); r.status != http.StatusNotFound {
		t.Fatalf("ending another user's session: %d", r.status)
	}
	if r := e.do(http.MethodGet, "/account", theirs, nil); r.status != http.StatusOK {
		t.Fatalf("their session was ended: %d", r.status)
	}

	// The administrator sees the casemanager's session and ends them all.
	admin := e.session(e.f.Admin)
	var cmSession int64
	if err := e.store.DB().QueryRow(`SELECT id FROM sessions WHERE user_id = $1`, cm.ID).Scan(&cmSession); err != nil {
		t.Fatal(err)
	}
	list := e.do(http.MethodGet, fmt.Sprintf("/beheer/gebruikers/%d/sessies", cm.ID), admin, nil)
	if list.status != http.StatusOK || !strings.Contains(list.body, fmt.Sprintf(`action="/beheer/gebruikers/%d/sessies/%d/beeindigen"`, cm.ID, cmSession)) {
		t.Fatalf("admin's view of the sessions: %d", list.status)
	}
	if r := e.do(http.MethodPost, fmt.Sprintf("/beheer/gebruikers/%d/sessies/beeindigen", cm.ID), admin, url.Values{}); r.status != http.StatusSeeOther {
		t.Fatalf("admin ends all: %d", r.status)
	}
	if r := e.do(http.MethodGet, "/account", token, nil); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/inloggen") {
		t.Fatalf("the casemanager is still logged in: %d", r.status)
	}
	var n int
	if err := e.store.DB().QueryRow(`SELECT count(*) FROM audit WHERE user_id = $1 AND segment = 'sessie' AND detail LIKE 'alle %'`, e.f.Admin.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d audit rows for ending all sessions", n)
	}
}

// TestAccount_CrossSitePOSTsAreRefused: confirming an account and ending
// sessions are refused from another site, like every form of regie.
func TestAccount_CrossSitePOSTsAreRefused(t *testing.T) {
	e := newEnv(t)
	lead := e.session(e.f.TeamLeader)
	admin := e.session(e.f.Admin)
	var sid int64
	if err := e.store.DB().QueryRow(`SELECT id FROM sessions WHERE user_id = $1`, e.f.TeamLeader.ID).Scan(&sid); err != nil {
		t.Fatal(err)
	}
	count := func() string {
		var pending, sessions int
		if err := e.store.DB().QueryRow(`SELECT count(*) FROM account_changes WHERE confirmed_at IS NULL`).Scan(&pending); err != nil {
			t.Fatal(err)
		}
		if err := e.store.DB().QueryRow(`SELECT count(*) FROM sessions`).Scan(&sessions); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(pending, sessions)
	}
	before := count()
	for _, tc := range []struct{ path, token string }{
		{fmt.Sprintf("/bevestigingen/%d", template.pendingChange), lead},
		{fmt.Sprintf("/account/sessies/%d/beeindigen", sid), lead},
		{fmt.Sprintf("/beheer/gebruikers/%d/sessies/beeindigen", e.f.TeamLeader.ID), admin},
		{fmt.Sprintf("/beheer/gebruikers/%d/sessies/%d/beeindigen", e.f.TeamLeader.ID, sid), admin},
	} {
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+tc.path, strings.NewReader(""))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", "__Host-regie="+tc.token)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", tc.path, resp.StatusCode)
		}
	}
	if after := count(); after != before {
		t.Fatalf("cross-site POSTs changed pending confirmations or sessions: %s → %s", before, after)
	}
}
