package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"regie/internal/totp"
)

// runLoad runs `regie load`: virtual casemanagers log in to a running
// regie and do what a casemanager does most — open "Mijn gezinnen" and
// then one family after another — for a while, and it reports requests
// per second and latencies per page. Run it from another machine than
// the server to measure the server alone.
//
// Accounts without a second factor enrol one on the way in (the tool
// reads the key from the enrolment page); accounts that already have one
// cannot be used. On `regie demo` (no second factor) any account works,
// so a seeded database served in demo mode is the quickest setup:
//
//	regie seed --families 25000 --database city.db
//	regie demo --database city.db
//	regie user list --database city.db | grep Casemanager | cut -f2 | head -16 > cms.txt
//	regie load --emails-file cms.txt --password … --duration 30s
func runLoad(ctx context.Context, args []string, stdout io.Writer) error {
	var (
		base, emails, emailsFile, pw string
		concurrency                  int
		duration                     time.Duration
	)
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.StringVar(&base, "url", "http://127.0.0.1:8080", "adres van de regie-server")
	fs.StringVar(&emails, "emails", "", "e-mailadressen van casemanagers, met komma's")
	fs.StringVar(&emailsFile, "emails-file", "", "bestand met een e-mailadres per regel")
	fs.StringVar(&pw, "password", "", "het wachtwoord van die accounts")
	fs.IntVar(&concurrency, "concurrency", 16, "aantal gelijktijdige gebruikers")
	fs.DurationVar(&duration, "duration", 30*time.Second, "hoe lang")
	if err := fs.Parse(args); err != nil {
		return err
	}
	list := splitList(emails)
	if emailsFile != "" {
		raw, err := os.ReadFile(emailsFile) //nolint:gosec // the file the operator named
		if err != nil {
			return fmt.Errorf("--emails-file: %w", err)
		}
		list = append(list, strings.Fields(string(raw))...)
	}
	switch {
	case len(list) == 0:
		return errors.New("geef accounts met --emails of --emails-file")
	case pw == "":
		return errors.New("geef het wachtwoord met --password")
	case concurrency < 1 || duration <= 0:
		return errors.New("--concurrency en --duration moeten groter dan 0 zijn")
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--url %q is geen http(s)-adres", base)
	}
	base = strings.TrimSuffix(base, "/")
	client := &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConnsPerHost: concurrency}}

	// Log every account in once; each virtual user keeps its session.
	users := make([]*loadUser, 0, min(len(list), concurrency))
	for _, email := range list[:min(len(list), concurrency)] {
		u, err := loadLogIn(ctx, client, base, email, pw)
		if err != nil {
			return err
		}
		users = append(users, u)
	}
	fmt.Fprintf(stdout, "%d gebruikers ingelogd; %d gelijktijdig, %s lang.\n", len(users), concurrency, duration)

	var (
		mu      sync.Mutex
		times   = map[string][]time.Duration{}
		failed  int
		wg      sync.WaitGroup
		started = time.Now()
	)
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	for i := range concurrency {
		wg.Add(1)
		go func(u *loadUser) {
			defer wg.Done()
			mine := map[string][]time.Duration{}
			bad := 0
			for n := 0; ctx.Err() == nil; n++ {
				// Mijn gezinnen, then three families from it, in turn.
				kind, path := "gezinnen", "/gezinnen"
				if n%4 != 0 && len(u.families) > 0 {
					kind, path = "gezin", u.families[n%len(u.families)]
				}
				t0 := time.Now()
				status, _, err := u.get(ctx, client, base+path)
				if ctx.Err() != nil {
					break
				}
				if err != nil || status != http.StatusOK {
					bad++
					continue
				}
				mine[kind] = append(mine[kind], time.Since(t0))
			}
			mu.Lock()
			for k, ds := range mine {
				times[k] = append(times[k], ds...)
			}
			failed += bad
			mu.Unlock()
		}(users[i%len(users)])
	}
	wg.Wait()
	elapsed := time.Since(started)
	total := 0
	for _, kind := range []string{"gezinnen", "gezin"} {
		ds := times[kind]
		total += len(ds)
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		q := func(p float64) string { return ds[int(p*float64(len(ds)-1))].Round(100 * time.Microsecond).String() }
		fmt.Fprintf(stdout, "%-9s %7d verzoeken %8.1f/s   p50 %-8s p95 %-8s p99 %s\n",
			kind, len(ds), float64(len(ds))/elapsed.Seconds(), q(0.50), q(0.95), q(0.99))
	}
	fmt.Fprintf(stdout, "totaal    %7d verzoeken %8.1f/s   mislukt: %d\n", total, float64(total)/elapsed.Seconds(), failed)
	if total == 0 {
		return errors.New("geen enkel verzoek gelukt")
	}
	return nil
}

// loadUser is a logged-in virtual casemanager.
type loadUser struct {
	email    string
	cookie   string   // the session cookie, name=value
	families []string // paths of the families on "Mijn gezinnen"
}

var (
	familyLink = regexp.MustCompile(`href="(/gezinnen/\d+)"`)
	enrolKey   = regexp.MustCompile(`<span class="secret">([A-Z2-7]+)</span>`)
)

// loadLogIn logs an account in with its password, enrols a second factor
// when the server asks for one, and reads the account's families.
func loadLogIn(ctx context.Context, client *http.Client, base, email, pw string) (*loadUser, error) {
	u := &loadUser{email: email}
	status, loc, err := u.post(ctx, client, base+"/inloggen", url.Values{"email": {email}, "password": {pw}})
	if err != nil {
		return nil, err
	}
	if status != http.StatusSeeOther {
		return nil, fmt.Errorf("inloggen als %s mislukt (status %d): klopt het wachtwoord?", email, status)
	}
	switch loc {
	case "/inloggen/code":
		return nil, fmt.Errorf("%s heeft al een tweede factor; gebruik een account zonder, of een server in demo-modus", email)
	case "/inloggen/koppelen":
		_, body, err := u.get(ctx, client, base+loc)
		if err != nil {
			return nil, err
		}
		m := enrolKey.FindStringSubmatch(body)
		if m == nil {
			return nil, fmt.Errorf("%s: geen sleutel op de koppelpagina", email)
		}
		code, err := totp.Code(m[1], time.Now())
		if err != nil {
			return nil, err
		}
		if status, _, err := u.post(ctx, client, base+loc, url.Values{"code": {code}}); err != nil || status != http.StatusSeeOther {
			return nil, fmt.Errorf("%s: tweede factor koppelen mislukt (status %d, %v)", email, status, err)
		}
	}
	status, body, err := u.get(ctx, client, base+"/gezinnen")
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("%s: Mijn gezinnen gaf status %d; is dit een casemanager?", email, status)
	}
	seen := map[string]bool{}
	for _, m := range familyLink.FindAllStringSubmatch(body, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			u.families = append(u.families, m[1])
		}
	}
	return u, nil
}

// get fetches a page with the session and returns its status and body.
func (u *loadUser) get(ctx context.Context, client *http.Client, target string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := u.do(client, req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, html.UnescapeString(string(b)), err
}

// post sends a form and returns the status and where it redirects.
func (u *loadUser) post(ctx context.Context, client *http.Client, target string, form url.Values) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := u.do(client, req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body) //nolint:errcheck // only the status matters
	return resp.StatusCode, resp.Header.Get("Location"), nil
}

// do sends a request with the session cookie and keeps a new one. The
// cookie is __Host- and Secure, which a cookie jar would not send over
// plain http to a test server; the tool carries it itself.
func (u *loadUser) do(client *http.Client, req *http.Request) (*http.Response, error) {
	req.Header.Set("User-Agent", "regie-load")
	if u.cookie != "" {
		req.Header.Set("Cookie", u.cookie)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	for _, c := range resp.Cookies() {
		if c.Name == "__Host-regie" && c.Value != "" {
			u.cookie = c.Name + "=" + c.Value
		}
	}
	return resp, nil
}

// splitList splits a comma-separated flag value, dropping empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
