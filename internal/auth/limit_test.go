package auth_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/keys"
	"regie/internal/password"
	"regie/internal/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

const pw = "een-lang-wachtwoord-voor-de-test"

// env is a log-in service on a SQLite store with the fixture, every
// fixture user's password set to pw.
type env struct {
	t     *testing.T
	auth  *auth.Service
	clock *storetest.Clock
	f     *storetest.Fixture
}

func newEnv(t *testing.T, limits auth.Limits) *env {
	t.Helper()
	clock := storetest.NewClock(storetest.Start)
	s := storetest.OpenSQLite(t, clock)
	f := storetest.NewFixture(t, s)
	h := password.NewHasher(password.Params{MemoryKiB: 64, Time: 1, Threads: 1}, 2)
	hash, err := h.Hash(context.Background(), pw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE users SET password_hash = $1`, hash); err != nil {
		t.Fatal(err)
	}
	a := auth.New(s, s, h, clock, auth.Config{IdleTimeout: time.Hour, MaxAge: 12 * time.Hour, Limits: limits, Keys: keys.ForTest()})
	return &env{t: t, auth: a, clock: clock, f: f}
}

// from is a request context from address ip.
func from(ip string) context.Context {
	return regie.NewContextWithActor(context.Background(), &regie.Actor{IP: ip, UserAgent: "test"})
}

// try logs in and returns the error code ("" for success).
func (e *env) try(ip, email, password string) string {
	e.t.Helper()
	return e.tryDevice(ip, email, password, "")
}

// tryDevice logs in from a browser with a device token.
func (e *env) tryDevice(ip, email, password, device string) string {
	e.t.Helper()
	_, err := e.auth.LogIn(from(ip), email, password, device)
	if err != nil && regie.ErrorCode(err) == regie.EINTERNAL {
		e.t.Fatalf("log-in from %s: %v", ip, err)
	}
	return regie.ErrorCode(err)
}

const (
	userIP     = "192.0.2.10"
	strangerIP = "203.0.113.9"
)

func TestLogIn_AStrangerCannotLockOutTheUser(t *testing.T) {
	e := newEnv(t, auth.Limits{})
	email := e.f.Casemanager.Email
	for i := range 5 {
		if got := e.try(strangerIP, email, "geraden-wachtwoord"); got != regie.EUNAUTHORIZED {
			t.Fatalf("guess %d = %q, want %q", i+1, got, regie.EUNAUTHORIZED)
		}
	}
	// The stranger's pair is limited, even with the right password...
	if got := e.try(strangerIP, email, pw); got != regie.ETOOMANY {
		t.Fatalf("stranger's sixth try = %q, want %q", got, regie.ETOOMANY)
	}
	// ...while the user, from their own address, logs in at once.
	if got := e.try(userIP, email, pw); got != "" {
		t.Fatalf("the user after the stranger's guesses = %q, want success", got)
	}
	e.clock.Advance(2 * time.Minute)
	if got := e.try(strangerIP, email, pw); got != "" {
		t.Fatalf("after a minute = %q, want success", got)
	}
}

func TestLogIn_LimitPerAddress(t *testing.T) {
	e := newEnv(t, auth.Limits{})
	// One machine tries many accounts, each once: no pair reaches its
	// limit, the address does.
	for i := range auth.DefaultLimits.PerAddress {
		if got := e.try(strangerIP, fmt.Sprintf("gok%d@test.nl", i), "geraden"); got != regie.EUNAUTHORIZED {
			t.Fatalf("guess %d = %q", i+1, got)
		}
	}
	if got := e.try(strangerIP, e.f.TeamLeader.Email, pw); got != regie.ETOOMANY {
		t.Fatalf("after %d failures from one address = %q, want %q", auth.DefaultLimits.PerAddress, got, regie.ETOOMANY)
	}
	if got := e.try(userIP, e.f.TeamLeader.Email, pw); got != "" {
		t.Fatalf("another address = %q, want success", got)
	}
	e.clock.Advance(2 * time.Minute)
	if got := e.try(strangerIP, e.f.TeamLeader.Email, pw); got != "" {
		t.Fatalf("after a minute = %q, want success", got)
	}
}

func TestLogIn_FloodTightensEveryLimitButTheUserGetsIn(t *testing.T) {
	limits := auth.Limits{PerPair: 5, PerAddress: 20, Global: 10, FloodPerPair: 2, FloodPerAddress: 3}
	e := newEnv(t, limits)
	email := e.f.Casemanager.Email
	// Many machines, one guess each.
	for i := range limits.Global {
		if got := e.try(fmt.Sprintf("198.51.100.%d", i+1), email, "geraden"); got != regie.EUNAUTHORIZED {
			t.Fatalf("guess %d = %q", i+1, got)
		}
	}
	// Under the flood a new pair gets two failures, not five.
	bot := "198.51.100.200"
	for i := range limits.FloodPerPair {
		if got := e.try(bot, email, "geraden"); got != regie.EUNAUTHORIZED {
			t.Fatalf("flood guess %d = %q", i+1, got)
		}
	}
	if got := e.try(bot, email, "geraden"); got != regie.ETOOMANY {
		t.Fatalf("third guess of a pair under the flood = %q, want %q", got, regie.ETOOMANY)
	}
	// An address gets three failures over all accounts.
	other := "198.51.100.201"
	for i := range limits.FloodPerAddress {
		if got := e.try(other, fmt.Sprintf("gok%d@test.nl", i), "geraden"); got != regie.EUNAUTHORIZED {
			t.Fatalf("flood guess %d from one address = %q", i+1, got)
		}
	}
	if got := e.try(other, "nog-een@test.nl", "geraden"); got != regie.ETOOMANY {
		t.Fatalf("fourth account from one address under the flood = %q, want %q", got, regie.ETOOMANY)
	}
	// The real user, who mistypes once, still gets in.
	if got := e.try(userIP, email, "tikfout"); got != regie.EUNAUTHORIZED {
		t.Fatalf("the user's typo = %q", got)
	}
	if got := e.try(userIP, email, pw); got != "" {
		t.Fatalf("the user under the flood = %q, want success", got)
	}
	// The flood passes with its minute (and the pair's count with it).
	e.clock.Advance(2 * time.Minute)
	for i := range limits.PerPair {
		if got := e.try(bot, email, "geraden"); got != regie.EUNAUTHORIZED {
			t.Fatalf("guess %d after the flood = %q", i+1, got)
		}
	}
}

// TestLogIn_TheUsersOwnBrowserIsNeverLockedOut: a stranger behind the
// same address (a shared office connection) guesses the user's password
// until the pair and the address are blocked, under a flood; the user's
// browser, which logged in before, still gets in, and its token is worth
// nothing for another account or once forged.
func TestLogIn_TheUsersOwnBrowserIsNeverLockedOut(t *testing.T) {
	limits := auth.Limits{PerPair: 5, PerAddress: 20, Global: 10, FloodPerPair: 2, FloodPerAddress: 3}
	e := newEnv(t, limits)
	email := e.f.Casemanager.Email
	l, err := e.auth.LogIn(from(userIP), email, pw, "")
	if err != nil || l.Device == "" {
		t.Fatalf("first log-in: device %q, %v", l.Device, err)
	}
	device := l.Device
	for i := range limits.Global {
		e.try(fmt.Sprintf("198.51.100.%d", i+1), "gok@test.nl", "geraden")
	}
	for range 10 {
		e.try(userIP, email, "geraden")
	}
	e.try(userIP, "ander@test.nl", "geraden") // and the address's limit too
	if got := e.try(userIP, email, pw); got != regie.ETOOMANY {
		t.Fatalf("the shared address without the device = %q, want %q", got, regie.ETOOMANY)
	}
	if got := e.tryDevice(userIP, email, pw, device); got != "" {
		t.Fatalf("the user's browser = %q, want success", got)
	}
	if got := e.tryDevice(userIP, e.f.TeamLeader.Email, pw, device); got != regie.ETOOMANY {
		t.Fatalf("the device token for another account = %q, want it ignored (%q)", got, regie.ETOOMANY)
	}
	if got := e.tryDevice(userIP, email, pw, device+"0"); got != regie.ETOOMANY {
		t.Fatalf("a forged device token = %q, want it ignored (%q)", got, regie.ETOOMANY)
	}
	// The device has its own limit: someone who stole the cookie still
	// gets five guesses a minute, no more.
	for i := range auth.MaxFailures {
		if got := e.tryDevice(userIP, email, "geraden", device); got != regie.EUNAUTHORIZED {
			t.Fatalf("guess %d with the device = %q", i+1, got)
		}
	}
	if got := e.tryDevice(userIP, email, pw, device); got != regie.ETOOMANY {
		t.Fatalf("sixth with the device = %q, want %q", got, regie.ETOOMANY)
	}
	// A token expires.
	e.clock.Advance(auth.DeviceMaxAge + time.Hour)
	if got := e.tryDevice(strangerIP, email, pw, device); got != "" {
		t.Fatalf("after expiry, as a new browser = %q, want success", got)
	}
}
