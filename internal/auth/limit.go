package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// Limits are the throttles of logging in with a password. They count
// failed attempts a minute:
//
//   - per account and address, in the database (so every instance sees
//     them): a stranger elsewhere cannot lock the real user out, since the
//     user's own address keeps its own count;
//   - per address over all accounts: one machine trying many accounts;
//   - over all addresses: when the whole of regie sees more than
//     Global failures a minute it is under a flood (many machines), and the
//     first two limits drop to their Flood values. A real user still gets
//     a try or two, and their log-in is not slowed: the password hasher's
//     bounded queue refuses at once what does not fit (ErrBusy).
//
// The per-address and total counts are kept in memory (one process: no
// database read or write for a refusal), or, with Config.Shared, in the
// database, so that several regie processes on one PostgreSQL count
// together and an attacker does not get each process's budget.
type Limits struct {
	PerPair, PerAddress, Global   int
	FloodPerPair, FloodPerAddress int
}

// DefaultLimits are the limits when Config.Limits is zero.
var DefaultLimits = Limits{PerPair: MaxFailures, PerAddress: 20, Global: 100, FloodPerPair: 2, FloodPerAddress: 5}

// limitWindow is the span the limits count over.
const limitWindow = time.Minute

// maxTracked bounds the addresses kept in memory; beyond it new addresses
// are not tracked one by one (the global count still sees them).
const maxTracked = 100_000

// counter counts events in a window that starts at the first of them.
type counter struct {
	start time.Time
	n     int
}

func (c *counter) count(now time.Time) int {
	if now.Sub(c.start) >= limitWindow {
		return 0
	}
	return c.n
}

func (c *counter) add(now time.Time) {
	if now.Sub(c.start) >= limitWindow {
		c.start, c.n = now, 0
	}
	c.n++
}

// SharedFailures keeps the failed passwords per address (by a hash of it)
// and in total where every regie process sees them: the database.
type SharedFailures interface {
	RecordAddressFailure(ctx context.Context, addressKey string) error
	CountAddressFailures(ctx context.Context, addressKey string, since time.Time) (fromAddress, total int, err error)
}

// limits are the per-address and total counts: in memory or shared.
type limits interface {
	// check reports whether addr may try a password now, and whether
	// regie is under a flood of failed log-ins.
	check(ctx context.Context, addr string, now time.Time) (allowed, flood bool, err error)
	// fail counts a failed password from addr.
	fail(ctx context.Context, addr string, now time.Time) error
}

// sharedLimiter counts in the database.
type sharedLimiter struct {
	limits Limits
	db     SharedFailures
}

// addressKey identifies a client address in the database by a hash (the
// second half of pairKey).
func addressKey(addr string) string {
	sum := sha256.Sum256([]byte("address:" + addr))
	return hex.EncodeToString(sum[:8])
}

func (l *sharedLimiter) check(ctx context.Context, addr string, now time.Time) (bool, bool, error) {
	fromAddr, total, err := l.db.CountAddressFailures(ctx, addressKey(addr), now.Add(-limitWindow))
	if err != nil {
		return false, false, err
	}
	flood := total >= l.limits.Global
	limit := l.limits.PerAddress
	if flood {
		limit = l.limits.FloodPerAddress
	}
	return fromAddr < limit, flood, nil
}

func (l *sharedLimiter) fail(ctx context.Context, addr string, _ time.Time) error {
	return l.db.RecordAddressFailure(ctx, addressKey(addr))
}

// limiter keeps the counts in memory: per address and in total.
type limiter struct {
	limits Limits
	mu     sync.Mutex
	global counter
	addrs  map[string]*counter
	pruned time.Time // the last sweep of a full addrs
}

func newLimiter(l Limits) *limiter {
	return &limiter{limits: l, addrs: map[string]*counter{}}
}

func (l *limiter) check(_ context.Context, addr string, now time.Time) (bool, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	flood := l.global.count(now) >= l.limits.Global
	limit := l.limits.PerAddress
	if flood {
		limit = l.limits.FloodPerAddress
	}
	c := l.addrs[addr]
	return c == nil || c.count(now) < limit, flood, nil
}

func (l *limiter) fail(_ context.Context, addr string, now time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.global.add(now)
	c := l.addrs[addr]
	if c == nil {
		if len(l.addrs) >= maxTracked {
			if now.Sub(l.pruned) < limitWindow {
				return nil // swept less than a window ago: nothing expired since
			}
			l.pruned = now
			for a, c := range l.addrs {
				if c.count(now) == 0 {
					delete(l.addrs, a)
				}
			}
			if len(l.addrs) >= maxTracked {
				return nil
			}
		}
		c = &counter{}
		l.addrs[addr] = c
	}
	c.add(now)
	return nil
}
