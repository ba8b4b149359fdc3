package main

// Helpers for the browser tests in browser_test.go: a real regie on
// 127.0.0.1:0, one headless Chromium per test, a fresh browser context
// (its own cookies) per scenario, and axe-core run inside the page.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"regie/internal/password"
	"regie/internal/store"
)

// browserTestTimeout bounds a whole browser test: every tab and every
// action in it. The tests take 20–100 s; the margin is for a busy machine,
// the bound is for a hang.
const browserTestTimeout = 3 * time.Minute

// cheapArgon2 makes argon2id fast in tests; the fixtures hash with it too.
var cheapArgon2 = password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}

// browserSkip skips the test, or fails it under CI=true, where a missing
// browser or axe file is a broken build and not a developer's laptop.
func browserSkip(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: failing instead of skipping)", msg)
	}
	t.Skip(msg)
}

// chromiumPath returns the Chromium to run, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests do not run with -short")
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	browserSkip(t, "no Chromium: install Debian's chromium (/usr/bin/chromium) to run the browser tests")
	return ""
}

// axeSource returns axe-core; see testdata/README.md.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "axe.min.js"))
	if err != nil {
		browserSkip(t, "no axe-core: %v (see cmd/regie/testdata/README.md)", err)
	}
	return string(b)
}

// startRegieForBrowser starts a regie on 127.0.0.1:0 with a new SQLite database.
// A non-demo database is migrated first, as `regie migrate` would.
func startRegieForBrowser(t *testing.T, demo bool) *Main {
	t.Helper()
	db := filepath.Join(t.TempDir(), "regie.db")
	if !demo {
		ctx := context.Background()
		st, err := store.Open(ctx, db, store.Options{})
		if err != nil {
			t.Fatalf("open store: %v", err)
		}
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		if err := st.Close(); err != nil {
			t.Fatalf("close store: %v", err)
		}
	}
	return startRegieOn(t, db, demo)
}

// startRegieOn serves regie on a database file (migrated, unless demo)
// on a free port until the test ends.
func startRegieOn(t *testing.T, db string, demo bool) *Main {
	t.Helper()
	return startRegieWith(t, db, demo, nil)
}

// startRegieWith is startRegieOn with set applied to the Main before it
// runs, such as a clock of the test's own.
func startRegieWith(t *testing.T, db string, demo bool, set func(*Main)) *Main {
	t.Helper()
	ctx := context.Background()
	cfg := defaultConfig(demo)
	cfg.Database, cfg.Addr = db, "127.0.0.1:0"
	if !demo {
		cfg.KeyFile = testKeyFile(t)
	}
	m := &Main{Config: cfg, Demo: demo, Password: cheapArgon2,
		Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if set != nil {
		set(m)
	}
	if err := m.Run(ctx); err != nil {
		m.Close(ctx)
		t.Fatalf("start regie: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := m.Close(ctx); err != nil {
			t.Errorf("stop regie: %v", err)
		}
	})
	return m
}

// newBrowser starts a headless Chromium for one test and returns a context
// with the test's deadline; tabs are made from it with newBrowserTab.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	profile := t.TempDir() // made first, so it is removed after the browser stops
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		// Chromium on Linux takes its language from LANGUAGE, not --lang,
		// and only when its language pack (chromium-l10n) is installed.
		chromedp.Flag("lang", "nl-NL"),
		chromedp.Env("LANGUAGE=nl_NL", "TZ=Europe/Amsterdam"),
		chromedp.WindowSize(1280, 800),
	}
	// chromedp reports protocol errors from its own goroutines: log them
	// with the test, but never after it has finished.
	var mu sync.Mutex
	stopped := false
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			t.Logf("chromedp: "+format, args...)
		}
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(logf))
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		mu.Lock()
		stopped = true
		mu.Unlock()
	})
	// The first Do starts the browser and ties it to browserCtx, which has
	// no deadline; the actions get the test's deadline below.
	start, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(browserCtx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("start chromium: %v", err)
		}
	case <-start.Done():
		t.Fatalf("start chromium: no answer in 20 s")
	}
	ctx, cancelTest := context.WithTimeout(browserCtx, browserTestTimeout)
	t.Cleanup(cancelTest)
	return ctx
}

// browserTab is one scenario's tab, in a browser context of its own: a fresh
// cookie jar, so every scenario logs in from scratch.
type browserTab struct {
	t    *testing.T
	ctx  context.Context
	base string // http://127.0.0.1:port
	name string // for failure messages
}

func newBrowserTab(t *testing.T, browser context.Context, base, name string) *browserTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("%s: open a tab: %v", name, err)
	}
	return &browserTab{t: t, ctx: ctx, base: base, name: name}
}

// do runs actions and fails the test on an error, with where the tab was.
func (tb *browserTab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.fatal(what, err)
	}
}

func (tb *browserTab) fatal(what string, err error) {
	tb.t.Helper()
	// The test's deadline may have passed already: read the page with a
	// few seconds of its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(tb.ctx), 3*time.Second)
	defer cancel()
	loc := "?"
	if l, lerr := chromedp.Run(ctx, chromedp.Location()); lerr == nil {
		loc = l
	}
	body := ""
	if b, berr := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`)); berr == nil {
		body = b
		if len(body) > 1500 {
			body = body[:1500] + "…"
		}
	}
	tb.t.Fatalf("%s: %s: %v\n  at %s\n  page text:\n%s", tb.name, what, err, loc, indentLines(body))
}

func indentLines(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}

// open navigates to a path of regie and checks the answer's status.
func (tb *browserTab) open(path string, wantStatus int) {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.fatal("open "+path, err)
	}
	if resp == nil || int(resp.Status) != wantStatus {
		tb.fatal("open "+path, fmt.Errorf("status %v, want %d", respStatus(resp), wantStatus))
	}
}

// press clicks a button or link that loads a new page, waits for it and
// checks the status of the page it ends on (after redirects).
func (tb *browserTab) press(sel string, wantStatus int) {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.fatal(fmt.Sprintf("press %s", sel), err)
	}
	if resp == nil || int(resp.Status) != wantStatus {
		tb.fatal(fmt.Sprintf("press %s", sel), fmt.Errorf("status %v, want %d", respStatus(resp), wantStatus))
	}
}

func respStatus(resp *network.Response) any {
	if resp == nil {
		return "none"
	}
	return resp.Status
}

// typeInto clears a field and types text into it, as a person would.
func (tb *browserTab) typeInto(sel string, text string) {
	tb.t.Helper()
	tb.do(fmt.Sprintf("type into %s", sel), chromedp.Clear(chromedp.CSS(sel)), typeText(sel, text))
}

// keyedRunes is how much of a text typed types key by key.
const keyedRunes = 12

// typeText types text into the field sel; see typed.
func typeText(sel, text string) chromedp.Action[chromedp.Void] {
	return typed(text, func(head string) chromedp.Action[chromedp.Void] {
		return chromedp.SendKeys(chromedp.CSS(sel), head, chromedp.NodeVisible)
	})
}

// typed types the first keyedRunes characters of text with keys, key by
// key, and puts the rest in at once, as a phone's word suggestions or
// dictation do (Input.insertText: the page gets the same input events and
// the caret stays where a person's would). Key by key, every character of
// a paragraph costs three protocol messages and a layout; it made the
// browser tests spend most of their time typing.
func typed(text string, keys func(head string) chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	head, tail := text, ""
	if i := runeOffset(text, keyedRunes); i < len(text) {
		head, tail = text[:i], text[i:]
	}
	return chromedp.Steps(keys(head),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if tail == "" {
				return nil
			}
			_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: tail})
			return err
		}))
}

// runeOffset is the byte offset of the n-th rune of s, or len(s).
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// path returns the path and query of the page the tab is on.
func (tb *browserTab) path() string {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.fatal("read location", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		tb.fatal("parse location", err)
	}
	return u.RequestURI()
}

// wantPath fails unless the tab is on a page whose path matches re.
func (tb *browserTab) wantPath(re string) []string {
	tb.t.Helper()
	p := tb.path()
	m := regexp.MustCompile("^" + re + "$").FindStringSubmatch(p)
	if m == nil {
		tb.fatal("check location", fmt.Errorf("on %s, want %s", p, re))
	}
	return m
}

// text returns the visible text of the first element that matches sel.
func (tb *browserTab) text(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.fatal(fmt.Sprintf("read %s", sel), err)
	}
	return strings.TrimSpace(s)
}

// wantText fails unless the element sel shows want.
func (tb *browserTab) wantText(sel, want string) {
	tb.t.Helper()
	if got := tb.text(sel); !strings.Contains(got, want) {
		tb.fatal(fmt.Sprintf("read %s", sel), fmt.Errorf("text %q does not contain %q", got, want))
	}
}

// evalJS evaluates JavaScript in the page and returns its value.
func evalJS[T any](tb *browserTab, js string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		tb.fatal("evaluate "+firstLineOf(js), err)
	}
	return v
}

func firstLineOf(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// axeViolation is one rule that failed, as axe reports it.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRun is the script that runs axe on the whole document and returns
// the violations in a form that decodes into axeViolation.
const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({target: JSON.stringify(n.target), html: n.html, summary: n.failureSummary || ''})),
})))`

// axe injects axe-core into the page, when it is not there yet, and
// returns its violations. Runtime.evaluate runs the script as DevTools
// does, so the page's CSP (script-src 'none') does not block it.
func (tb *browserTab) axe(source string) []axeViolation {
	tb.t.Helper()
	if !evalJS[bool](tb, `typeof window.axe === 'object'`) {
		evalJS[chromedp.Void](tb, source)
		if !evalJS[bool](tb, `typeof window.axe === 'object'`) {
			tb.fatal("inject axe-core", errors.New("window.axe is missing after injection"))
		}
	}
	return evalJS[[]axeViolation](tb, axeRun, chromedp.EvalAwaitPromise)
}

// formatViolations describes violations for a failure message.
func formatViolations(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  - %s (%s): %s\n    %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "      at %s\n        %s\n", n.Target, n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&b, "        %s\n", strings.ReplaceAll(n.Summary, "\n", "\n        "))
			}
		}
	}
	return b.String()
}

// screenshots saves full-page screenshots into $REGIE_SCREENSHOTS, when
// set, as <prefix>-NN-<name>.png, numbered in the order taken.
type screenshots struct {
	t      *testing.T
	dir    string
	prefix string
	n      int
}

func newScreenshots(t *testing.T, prefix string) *screenshots {
	dir := os.Getenv("REGIE_SCREENSHOTS")
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return &screenshots{t: t, dir: dir, prefix: prefix}
}

func (s *screenshots) take(tb *browserTab, name string) {
	s.t.Helper()
	if s.dir == "" {
		return
	}
	s.n++
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.fatal("screenshot", err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, fmt.Sprintf("%s-%02d-%s.png", s.prefix, s.n, name)), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// download fetches path as the tab's user — with the tab's cookies, as the
// browser would — checks that it is served with status 200 as an
// attachment of contentType, and returns the body and its
// Content-Disposition.
func (tb *browserTab) download(path, contentType string) ([]byte, string) {
	tb.t.Helper()
	cookies, err := chromedp.Call(tb.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{tb.base + path}})
	if err != nil {
		tb.fatal("read the cookies", err)
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tb.base+path, nil)
	if err != nil {
		tb.t.Fatal(err)
	}
	for _, c := range cookies.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.fatal("download "+path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.fatal("download "+path, err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != contentType {
		tb.fatal("download "+path, fmt.Errorf("status %d, %s; want 200, %s", resp.StatusCode, resp.Header.Get("Content-Type"), contentType))
	}
	cd := resp.Header.Get("Content-Disposition")
	if !strings.HasPrefix(cd, "attachment") {
		tb.fatal("download "+path, fmt.Errorf("Content-Disposition %q, want an attachment", cd))
	}
	return body, cd
}
