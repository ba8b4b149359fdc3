package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
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
// clients save contacts over HTTP (each with a note of its own), kills the
// server with SIGKILL at moments a seeded random source picks, and starts
// it again, on SQLite and on PostgreSQL. Afterwards every save the server
// acknowledged (303 to the family page) is in the database exactly once,
// a save that was in flight at a kill is there at most once, no note is
// there that was never sent, every saved contact has exactly one access-
// log row, and `regie audit verify` and `regie summary check` pass.
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
// every save it sent, in order.
type crashClient struct {
	cookie      string
	familyID    int64
	saves       []crashSave
	unavailable int // answers 503
}

// crashSave is one contact save: its unique note, and whether the server
// acknowledged it.
type crashSave struct {
	note  string
	acked bool
}

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

// save saves contacts until the gate finishes: each with a new note
// (prefix and a number), recorded before it is sent and marked when the
// server acknowledges it. A request the kill cut off waits for the next
// server; it is not sent again.
func (c *crashClient) save(ctx context.Context, t *testing.T, giveUp context.CancelFunc, gate *crashGate, acks chan<- struct{}, prefix string) {
	client := &http.Client{
		Timeout:       time.Minute, // a guard against a hang, not a measurement
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	family := "/gezinnen/" + strconv.FormatInt(c.familyID, 10)
	failedGen := 0
	for n := 0; ctx.Err() == nil; n++ {
		base, gen, ok := gate.server(failedGen)
		if !ok {
			return
		}
		note := fmt.Sprintf("%s n%d", prefix, n)
		c.saves = append(c.saves, crashSave{note: note})
		// Midnight in Amsterdam, today: never in the future.
		form := url.Values{"kind": {"huisbezoek"}, "attempt": {"contact"}, "date": {regie.DateOf(time.Now()).ISO()},
			"start": {"00:00"}, "minutes": {"30"}, "note": {note}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+family+"/contacten", strings.NewReader(form.Encode()))
		if err != nil {
			t.Error(err)
			giveUp()
			return
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		// The cookie is __Host- and Secure; over plain loopback it is set
		// by hand.
		req.Header.Set("Cookie", c.cookie)
		resp, err := client.Do(req)
		if err != nil {
			// Cut off by a kill (or refused by a server already gone): in
			// flight, its fate unknown to the client.
			failedGen = gen
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusSeeOther && resp.Header.Get("Location") == family:
			c.saves[len(c.saves)-1].acked = true
			select {
			case acks <- struct{}{}:
			default:
			}
		case resp.StatusCode == http.StatusServiceUnavailable:
			// An honest "not saved now" (e.g. a database still starting):
			// not acknowledged, may be tried again by the user.
			c.unavailable++
		default:
			t.Errorf("save %q: %s (Location %q), want 303 to %s", note, resp.Status, resp.Header.Get("Location"), family)
			giveUp()
			return
		}
	}
}

// crashCheck checks the database after the kills: every acknowledged save
// exactly once, an unacknowledged one at most once, no note never sent,
// and one access-log row for every saved contact.
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

	var sent, acked, inFlight, inFlightSaved, unavailable int
	sentNotes := map[string]bool{}
	for _, c := range clients {
		unavailable += c.unavailable
		for _, s := range c.saves {
			sent++
			sentNotes[s.note] = true
			ids := stored[s.note]
			switch {
			case s.acked && len(ids) != 1:
				finding("acknowledged, not stored once", "acknowledged save %q is stored %d times, want once", s.note, len(ids))
			case !s.acked && len(ids) > 1:
				finding("unacknowledged, stored twice", "unacknowledged save %q is stored %d times, want at most once", s.note, len(ids))
			}
			if s.acked {
				acked++
			} else {
				inFlight++
				if len(ids) > 0 {
					inFlightSaved++
				}
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
	if acked == 0 {
		t.Error("no save was acknowledged")
	}
	t.Logf("%d saves sent: %d acknowledged, %d not (cut off by a kill; %d of them answered 503), of which %d stored",
		sent, acked, inFlight, unavailable, inFlightSaved)
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
// its address and generation; ok is false once the gate has finished.
func (g *crashGate) server(after int) (url string, gen int, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.done && (!g.up || g.gen <= after) {
		g.cond.Wait()
	}
	return g.url, g.gen, !g.done
}
