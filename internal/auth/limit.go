package auth

import (
	"sync"
	"time"
)

// Limits are the throttles of logging in with a password. They count
// failed attempts a minute:
//
//   - per account and address, in the database (so every instance sees
//     them): a stranger elsewhere cannot lock the real user out, since the
//     user's own address keeps its own count;
//   - per address over all accounts, in memory: one machine trying many
//     accounts;
//   - over all addresses, in memory: when the whole of regie sees more than
//     Global failures a minute it is under a flood (many machines), and the
//     first two limits drop to their Flood values. A real user still gets
//     a try or two, and their log-in is not slowed: the password hasher's
//     bounded queue refuses at once what does not fit (ErrBusy).
//
// The in-memory counts are per instance: with several application
// servers an attacker gets each server's budget, which the database's
// per-pair count does not multiply.
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

// limiter keeps the in-memory counts: per address and in total.
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

// flood reports whether regie is under a flood of failed log-ins.
func (l *limiter) flood(now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.global.count(now) >= l.limits.Global
}

// pairLimit is how many failures an account and address pair gets now.
func (l *limiter) pairLimit(now time.Time) int {
	if l.flood(now) {
		return l.limits.FloodPerPair
	}
	return l.limits.PerPair
}

// allow reports whether addr may try a password now.
func (l *limiter) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	limit := l.limits.PerAddress
	if l.global.count(now) >= l.limits.Global {
		limit = l.limits.FloodPerAddress
	}
	c := l.addrs[addr]
	return c == nil || c.count(now) < limit
}

// fail counts a failed attempt from addr.
func (l *limiter) fail(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.global.add(now)
	c := l.addrs[addr]
	if c == nil {
		if len(l.addrs) >= maxTracked {
			if now.Sub(l.pruned) < limitWindow {
				return // swept less than a window ago: nothing expired since
			}
			l.pruned = now
			for a, c := range l.addrs {
				if c.count(now) == 0 {
					delete(l.addrs, a)
				}
			}
			if len(l.addrs) >= maxTracked {
				return
			}
		}
		c = &counter{}
		l.addrs[addr] = c
	}
	c.add(now)
}
