package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

var (
	crashKills = flag.Int("crash.kills", 0, "TestCrash_AcknowledgedSavesSurviveKill: kills per database (0: 3 on SQLite, 2 on PostgreSQL)")
	crashSeed  = flag.Uint64("crash.seed", 0, "TestCrash_AcknowledgedSavesSurviveKill: seed of the kill moments (0: a new one, logged)")
)

// crashSavers is the number of clients saving contacts at once: two per
// casemanager of the fixture, so two on each family.
const crashSavers = 6

// TestCrash_AcknowledgedSavesSurviveKill runs the regie binary, lets six
// clients save contacts over HTTP (each with a note of its own, typed into
// the form the server rendered, with its token), kills the server with
// SIGKILL at moments a seeded random source picks, and starts it again, on
// SQLite and on PostgreSQL. A client retries as a phone does: a post cut
// off by a kill, or answered 503, is posted again with the same body and
// token until it is answered 303. Afterwards every save a client started
// is in the database exactly once — also one that committed before the
// kill and whose answer was lost (its retry is answered "Dit was al
// opgeslagen") — no note is there that was never sent, every saved
// contact has exactly one access-log row, and `regie audit verify` and
// `regie summary check` pass.
//
// A few kills by default; more with a flag (seconds per kill):
//
//	go test ./cmd/regie -run Crash -crash.kills=100 [-crash.seed=N]
func TestCrash_AcknowledgedSavesSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the regie binary; not with -short")
	}
	seed := *crashSeed
	if seed == 0 {
		seed = mrand.Uint64()
	}
	t.Logf("seed %d (-crash.seed=%d picks the same kill moments)", seed, seed)
	bin := buildRegie(t)
	for i, db := range []struct {
		name  string
		kills int
	}{{"sqlite", 3}, {"postgres", 2}} {
		t.Run(db.name, func(t *testing.T) {
			kills := db.kills
			if *crashKills > 0 {
				kills = *crashKills
			}
			crashRun(t, bin, db.name, kills, mrand.New(mrand.NewPCG(seed, uint64(i))))
		})
	}
}

// crashClient is one saver: a casemanager's session on one family, and
// every save it started, in order.
type crashClient struct {
	cookie      string
	familyID    int64
	saves       []crashSave
	unavailable int // answers 503
}

// crashSave is one contact save: its unique note, the token of the form
// it was typed in, and how it went.
type crashSave struct {
	note      string
	token     string
	tries     int  // posts until the answer "saved"
	acked     bool // answered 303 to the family page
	replayed  bool // that answer said "Dit was al opgeslagen"
	doubleTap bool // posted once more after the answer, and answered as a replay
}

// crashAttempts bounds the tries of one request: a kill or a 503 costs
// one; this many in a row is a server that does not come back.
const crashAttempts = 25

// crashDoubleTap: every this many saves of a client, the form is posted
// once more after its answer, as a double tap would.
const crashDoubleTap = 8

func crashRun(t *testing.T, bin, dialect string, kills int, r *mrand.Rand) {
	ctx := context.Background()
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "regie.key")
	ring, err := keys.Create(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	dsn := filepath.Join(dir, "regie.db")
	if dialect == "postgres" {
		dsn = storetest.PostgresURL(t)
	}
	clients := crashSetUp(t, dsn, ring)
	env := regieEnv("REGIE_DATABASE="+dsn, "REGIE_KEY_FILE="+keyFile, "REGIE_ADDR=127.0.0.1:0", "REGIE_LOG_LEVEL=warn")

	var procs []*regieProcess
	start := func() {
		p := startRegieProcess(t, bin, env)
		procs = append(procs, p)
	}
	start()
	gate := newCrashGate()
	gate.open(procs[0].URL)
	acks := make(chan struct{}, 1<<16)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Go(func() { c.save(ctx, t, cancel, gate, acks, fmt.Sprintf("crashtest %s c%d", dialect, i)) })
	}
	// However the test ends, no saver outlives it.
	defer func() {
		cancel()
		gate.finish()
		wg.Wait()
	}()
	// waitAcks waits for n more acknowledged saves; false when the savers
	// gave up. The guard only ends a test that would otherwise hang.
	waitAcks := func(n int) bool {
		guard := time.NewTimer(2 * time.Minute)
		defer guard.Stop()
		for range n {
			select {
			case <-acks:
			case <-ctx.Done():
				return false
			case <-guard.C:
				t.Errorf("no saves acknowledged for the guard's time after a restart\n%s", procs[len(procs)-1].Stderr())
				return false
			}
		}
		return true
	}

	startKills := 0
	for k := range kills {
		// The moment: after 0 to 149 acknowledged saves since the server
		// became ready; one kill in five at readiness, before any save
		// (while the access log's heads may still be being anchored).
		n := r.IntN(150)
		if r.IntN(5) == 0 {
			n = 0
		}
		if !waitAcks(n) {
			break
		}
		gate.close()
		procs[len(procs)-1].Kill()
		for len(acks) > 0 {
			<-acks // acknowledged by the server just killed
		}
		if r.IntN(5) == 0 {
			// Killed again while it starts, wherever its start-up is.
			p := spawnRegieProcess(t, bin, env)
			procs = append(procs, p)
			p.Kill()
			startKills++
		}
		start()
		gate.open(procs[len(procs)-1].URL)
		if k%10 == 9 {
			t.Logf("%d kills", k+1)
		}
	}
	// Saves go on after the last restart; then the savers finish what they
	// sent and the server stops as an operator stops it.
	waitAcks(30)
	gate.finish()
	wg.Wait()
	procs[len(procs)-1].Stop()
	for _, p := range procs {
		if strings.Contains(p.Stderr(), "panic") {
			t.Errorf("a regie process panicked:\n%s", p.Stderr())
		}
	}
	if t.Failed() {
		return
	}
	crashCheck(t, dsn, ring, clients)
	t.Logf("%d kills while saving, %d more while starting", kills, startKills)

	for _, args := range [][]string{{"audit", "verify"}, {"summary", "check"}} {
		out, err := runRegie(t, bin, env, args...)
		if err != nil {
			t.Errorf("regie %s after the kills: %v\n%s", strings.Join(args, " "), err, out)
		} else {
			t.Logf("regie %s: %s", strings.Join(args, " "), strings.TrimSpace(out))
		}
	}
}

// crashSetUp makes the fixture (three casemanagers, each with a family)
// in the database and a logged-in session for each client, as the log-in
// with a second factor would leave it.
func crashSetUp(t *testing.T, dsn string, ring *keys.Ring) []*crashClient {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{Keys: ring})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	fx := storetest.NewFixture(t, st)
	pairs := []struct {
		user *regie.User
		fam  *regie.Family
	}{{fx.Casemanager, fx.FamAssigned}, {fx.Casemanager2, fx.FamTeam}, {fx.CasemanagerB, fx.FamOther}}
	clients := make([]*crashClient, crashSavers)
	for i := range clients {
		p := pairs[i%len(pairs)]
		token := rand.Text()
		sess := &regie.Session{TokenHash: auth.HashToken(token), UserID: p.user.ID, MFA: true, IP: "127.0.0.1", UserAgent: "regie-crashtest"}
		if err := st.CreateSession(storetest.System(), sess, 0, "crash test"); err != nil {
			t.Fatal(err)
		}
		clients[i] = &crashClient{cookie: "__Host-regie=" + token, familyID: p.fam.ID}
	}
	return clients
}

// save saves contacts until the gate finishes, as a phone that retries
// does: it fetches the new-contact form, types a note of its own into it
// (prefix and a number) and posts it with the form's token; a post that
// a kill cut off is posted again, the same body with the same token, to
// the next server, and so is one answered 503, until the answer is 303.
// Now and then the form is posted once more after that answer (a double
// tap), which must be answered as the first was, "already saved".
func (c *crashClient) save(ctx context.Context, t *testing.T, giveUp context.CancelFunc, gate *crashGate, acks chan<- struct{}, prefix string) {
	conn := &crashConn{
		http: &http.Client{
			Timeout:       time.Minute, // a guard against a hang, not a measurement
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		gate:   gate,
		cookie: c.cookie,
		client: c,
	}
	family := "/gezinnen/" + strconv.FormatInt(c.familyID, 10)
	fail := func(format string, args ...any) {
		if ctx.Err() == nil {
			t.Errorf(format, args...)
			giveUp()
		}
	}
	for n := 0; ctx.Err() == nil; n++ {
		// The form, as the phone shows it: its hidden fields (the token)
		// are sent back as they came.
		resp, page, _, err := conn.send(ctx, http.MethodGet, family+"/contacten/nieuw", "", "", false)
		if errors.Is(err, errGateFinished) {
			return
		} else if err != nil {
			fail("new-contact form: %v", err)
			return
		}
		if resp.StatusCode != http.StatusOK {
			fail("new-contact form: %s, want 200", resp.Status)
			return
		}
		form := hiddenFields(page, family+"/contacten")
		token := form.Get("idem")
		if len(token) != 22 {
			fail("new-contact form: token %q, want a hidden field idem of 22 characters", token)
			return
		}
		note := fmt.Sprintf("%s n%d", prefix, n)
		// Midnight in Amsterdam, today: never in the future.
		form.Set("kind", "huisbezoek")
		form.Set("attempt", "contact")
		form.Set("date", regie.DateOf(time.Now()).ISO())
		form.Set("start", "00:00")
		form.Set("minutes", "30")
		form.Set("note", note)
		body := form.Encode()
		c.saves = append(c.saves, crashSave{note: note, token: token})
		s := &c.saves[len(c.saves)-1]

		// Started, so finished: the post is sent until it is answered,
		// also after the gate has finished.
		resp, _, tries, err := conn.send(ctx, http.MethodPost, family+"/contacten", body, token, true)
		if err != nil {
			fail("save %q: %v", note, err)
			return
		}
		s.tries = tries
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != family {
			fail("save %q: %s (Location %q), want 303 to %s", note, resp.Status, resp.Header.Get("Location"), family)
			return
		}
		s.acked, s.replayed = true, crashFlash(resp) == string(regie.MsgFlashAlreadySaved)
		if s.replayed && tries == 1 {
			fail("save %q: its first post was answered %q", note, regie.Text(regie.MsgFlashAlreadySaved))
			return
		}
		select {
		case acks <- struct{}{}:
		default:
		}

		if n%crashDoubleTap == crashDoubleTap-1 {
			again, _, _, err := conn.send(ctx, http.MethodPost, family+"/contacten", body, token, true)
			if err != nil {
				fail("save %q posted again: %v", note, err)
				return
			}
			if again.StatusCode != resp.StatusCode || again.Header.Get("Location") != resp.Header.Get("Location") ||
				crashFlash(again) != string(regie.MsgFlashAlreadySaved) {
				fail("save %q posted again: %s (Location %q, notice %q), want %s to %s with the notice %q", note,
					again.Status, again.Header.Get("Location"), crashFlash(again), resp.Status, resp.Header.Get("Location"), regie.MsgFlashAlreadySaved)
				return
			}
			s.doubleTap = true
		}
	}
}

// errGateFinished: the gate finished while a request that need not be
// sent waited for a server.
var errGateFinished = errors.New("the gate finished")

// crashConn is a client's connection to whichever server is up.
type crashConn struct {
	http      *http.Client
	gate      *crashGate
	cookie    string
	client    *crashClient
	failedGen int // the server a request failed on last: wait for a newer one
}

// send sends a request to the server that is up, and sends it again —
// the same body — when a kill cuts it off (to the next server) or it is
// answered 503, up to crashAttempts tries. A request that must be
// finished (a save under way) waits for a server also after the gate
// has finished; any other returns errGateFinished then. A 503 for a
// save must keep what was typed in a form with the same token.
func (cc *crashConn) send(ctx context.Context, method, path, body, token string, finish bool) (*http.Response, []byte, int, error) {
	var last string
	for try := 1; try <= crashAttempts; try++ {
		base, gen, ok := cc.gate.server(cc.failedGen, finish)
		if !ok {
			return nil, nil, try - 1, errGateFinished
		}
		req, err := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
		if err != nil {
			return nil, nil, try, err
		}
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		// The cookie is __Host- and Secure; over plain loopback it is set
		// by hand.
		req.Header.Set("Cookie", cc.cookie)
		resp, err := cc.http.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, try, ctx.Err()
			}
			// Cut off by a kill (or refused by a server already gone):
			// its fate unknown to the client, which tries the next server.
			cc.failedGen, last = gen, err.Error()
			continue
		}
		page, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			// The answer itself cut off.
			cc.failedGen, last = gen, err.Error()
			continue
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			// An honest "not saved now" (e.g. a database still starting).
			cc.client.unavailable++
			if kept := hiddenFields(page, path).Get("idem"); token != "" && kept != "" && kept != token {
				return nil, nil, try, fmt.Errorf("503 keeps the form with the token %q, want %q", kept, token)
			}
			last = resp.Status
			continue
		}
		return resp, page, try, nil
	}
	return nil, nil, crashAttempts, fmt.Errorf("no answer after %d tries: %s", crashAttempts, last)
}

var (
	formTag     = regexp.MustCompile(`(?s)<form [^>]*action="([^"]*)"[^>]*>(.*?)</form>`)
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
)

// hiddenFields returns the hidden fields of the first form of page that
// posts to action.
func hiddenFields(page []byte, action string) url.Values {
	v := url.Values{}
	for _, f := range formTag.FindAllSubmatch(page, -1) {
		if html.UnescapeString(string(f[1])) != action {
			continue
		}
		for _, in := range hiddenInput.FindAllSubmatch(f[2], -1) {
			v.Add(html.UnescapeString(string(in[1])), html.UnescapeString(string(in[2])))
		}
		break
	}
	return v
}

// crashFlash is the notice an answer leaves for the page it redirects to.
func crashFlash(resp *http.Response) string {
	for _, c := range resp.Cookies() {
		if c.Name == "__Host-regie-flash" {
			return c.Value
		}
	}
	return ""
}

// crashCheck checks the database after the kills: every save a client
// started exactly once, no note never sent, and one access-log row for
// every saved contact.
func crashCheck(t *testing.T, dsn string, ring *keys.Ring, clients []*crashClient) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{Keys: ring, MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stored := map[string][]int64{} // note → contact ids
	rows, err := st.DB().QueryContext(ctx, `SELECT id, note FROM contacts WHERE note LIKE 'crashtest %'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var note string
		if err := rows.Scan(&id, &note); err != nil {
			t.Fatal(err)
		}
		stored[note] = append(stored[note], id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	audited := map[int64]int{} // contact id → access-log rows of its creation
	arows, err := st.DB().QueryContext(ctx, `SELECT detail FROM audit WHERE segment = $1 AND action = $2 AND outcome = $3`,
		string(regie.SegContacts), string(regie.ActionCreate), string(regie.OutcomeOK))
	if err != nil {
		t.Fatal(err)
	}
	defer arows.Close()
	contactID := regexp.MustCompile(`^contactmoment (\d+):`)
	for arows.Next() {
		var detail string
		if err := arows.Scan(&detail); err != nil {
			t.Fatal(err)
		}
		if m := contactID.FindStringSubmatch(detail); m != nil {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			audited[id]++
		}
	}
	if err := arows.Err(); err != nil {
		t.Fatal(err)
	}

	// Findings, the first few of each kind in full.
	found := map[string]int{}
	finding := func(kind, format string, args ...any) {
		t.Helper()
		if found[kind]++; found[kind] <= 5 {
			t.Errorf(format, args...)
		}
	}
	defer func() {
		for kind, n := range found {
			if n > 5 {
				t.Errorf("… %d findings in all of: %s", n, kind)
			}
		}
	}()

	var started, once, resent, replays, doubleTaps, unavailable int
	sentNotes := map[string]bool{}
	for _, c := range clients {
		unavailable += c.unavailable
		for _, s := range c.saves {
			started++
			sentNotes[s.note] = true
			if ids := stored[s.note]; len(ids) == 1 {
				once++
			} else {
				finding("not stored once", "save %q (token %s, %d posts, acknowledged %t) is stored %d times, want once",
					s.note, s.token, s.tries, s.acked, len(ids))
			}
			if !s.acked {
				finding("never acknowledged", "save %q was started but never answered 303", s.note)
			}
			if s.tries > 1 {
				resent++
			}
			if s.replayed {
				replays++
			}
			if s.doubleTap {
				doubleTaps++
			}
		}
	}
	for note, ids := range stored {
		if !sentNotes[note] {
			finding("stored, never sent", "contact %q (ids %v) is stored but was never sent", note, ids)
		}
		for _, id := range ids {
			if audited[id] != 1 {
				finding("not audited once", "contact %d (%q) has %d access-log rows of its creation, want 1", id, note, audited[id])
			}
		}
	}
	if started == 0 {
		t.Error("no save was started")
	}
	t.Logf("%d saves started, %d stored once: %d posted more than once (cut off by a kill or answered 503; %d answers 503 in all), "+
		"of which %d answered \"Dit was al opgeslagen\" (saved before the kill, the answer lost); %d double taps answered the same",
		started, once, resent, unavailable, replays, doubleTaps)
}

// crashGate tells the savers where the server is and holds them while it
// is down, so that no client spins on a refused connection.
type crashGate struct {
	mu   sync.Mutex
	cond *sync.Cond
	gen  int // which server: one more with every start
	url  string
	up   bool
	done bool
}

func newCrashGate() *crashGate {
	g := &crashGate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// open lets the savers in to a new server at url.
func (g *crashGate) open(url string) {
	g.mu.Lock()
	g.gen, g.url, g.up = g.gen+1, url, true
	g.mu.Unlock()
	g.cond.Broadcast()
}

// close holds the savers before the server is killed.
func (g *crashGate) close() {
	g.mu.Lock()
	g.up = false
	g.mu.Unlock()
}

// finish lets every saver end.
func (g *crashGate) finish() {
	g.mu.Lock()
	g.done = true
	g.mu.Unlock()
	g.cond.Broadcast()
}

// server waits for a server that is up and newer than after, and returns
// its address and generation. ok is false once the gate has finished —
// unless finish is set and such a server is up (a request under way is
// finished on the last server).
func (g *crashGate) server(after int, finish bool) (url string, gen int, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.done && (!g.up || g.gen <= after) {
		g.cond.Wait()
	}
	if g.up && g.gen > after && (!g.done || finish) {
		return g.url, g.gen, true
	}
	return "", 0, false
}
