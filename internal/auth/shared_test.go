package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/keys"
	"regie/internal/password"
	"regie/internal/store"
	"regie/internal/storetest"
)

// With Shared, two log-in services on two store handles of one PostgreSQL
// (two regie processes) count the failures per address and in total
// together: the address limit and the flood are reached over both.
func TestLogIn_SharedLimitsOverTwoProcesses(t *testing.T) {
	dsn := storetest.PostgresURL(t)
	clock := storetest.NewClock(storetest.Start)
	h := password.NewHasher(password.Params{MemoryKiB: 64, Time: 1, Threads: 1}, 2)
	limits := auth.Limits{PerPair: 5, PerAddress: 4, Global: 6, FloodPerPair: 1, FloodPerAddress: 1}
	var services []*auth.Service
	for range 2 {
		s, err := store.Open(context.Background(), dsn, store.Options{Clock: clock, Keys: keys.ForTest()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		services = append(services, auth.New(s, s, h, clock, auth.Config{IdleTimeout: time.Hour, MaxAge: 12 * time.Hour,
			Limits: limits, Keys: keys.ForTest(), Shared: s}))
	}
	try := func(i int, ip, email string) string {
		t.Helper()
		_, err := services[i%2].LogIn(from(ip), email, "geraden-wachtwoord", "")
		if c := regie.ErrorCode(err); c != regie.EUNAUTHORIZED && c != regie.ETOOMANY {
			t.Fatalf("log-in: %v", err)
		}
		return regie.ErrorCode(err)
	}
	// Four failures from one address, spread over both: the fifth is
	// refused on both.
	for i := range 4 {
		if got := try(i, strangerIP, fmt.Sprintf("iemand%d@voorbeeld.nl", i)); got != regie.EUNAUTHORIZED {
			t.Fatalf("failure %d = %s", i+1, got)
		}
	}
	for i := range 2 {
		if got := try(i, strangerIP, "nog.iemand@voorbeeld.nl"); got != regie.ETOOMANY {
			t.Fatalf("fifth try on service %d = %s, want %s", i, got, regie.ETOOMANY)
		}
	}
	// Two more from elsewhere make six over all addresses: a flood, and
	// every address gets one failure a minute.
	try(0, "198.51.100.1", "a@voorbeeld.nl")
	try(1, "198.51.100.2", "b@voorbeeld.nl")
	if got := try(0, userIP, "c@voorbeeld.nl"); got != regie.EUNAUTHORIZED {
		t.Fatalf("a new address's first try in a flood = %s", got)
	}
	if got := try(1, userIP, "d@voorbeeld.nl"); got != regie.ETOOMANY {
		t.Fatalf("its second try in a flood = %s, want %s", got, regie.ETOOMANY)
	}
	// A minute on, the counts are gone.
	clock.Advance(time.Minute + time.Second)
	if got := try(1, strangerIP, "weer@voorbeeld.nl"); got != regie.EUNAUTHORIZED {
		t.Fatalf("a minute on = %s", got)
	}
}
