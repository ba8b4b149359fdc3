// Package password hashes and checks passwords with argon2id, stored as PHC
// strings ($argon2id$v=19$m=…,t=…,p=…$salt$hash) so the parameters can be
// raised later without invalidating old hashes.
package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
}

// Default is OWASP's recommended argon2id configuration (19 MiB, 2
// iterations, 1 lane): about 25 ms on this machine kind.
var Default = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1}

// Hasher hashes and verifies passwords. Each hash holds MemoryKiB of
// memory, so it bounds how many run at once: a burst of log-ins must not
// take the server's memory. It also bounds how many may wait for a turn:
// when the queue is full a hash fails at once with ErrBusy, so a flood of
// guesses gets a quick refusal instead of making every log-in (a real
// user's too) wait seconds behind it.
type Hasher struct {
	params Params
	sem    chan struct{}
	// queue holds a place for every hash running or waiting to run.
	queue chan struct{}
	// dummy is a hash of a random password, checked when the account does
	// not exist so the answer takes as long as for a wrong password.
	dummy string
}

// QueuePerSlot is how many hashes may wait per hash that runs: with
// argon2id at about 25 ms, the last one in the queue starts within about
// 0.1 s.
const QueuePerSlot = 4

// NewHasher returns a hasher with params, at most concurrency hashes at a
// time and QueuePerSlot × concurrency waiting.
func NewHasher(params Params, concurrency int) *Hasher {
	return NewHasherQueue(params, concurrency, QueuePerSlot*max(concurrency, 1))
}

// NewHasherQueue returns a hasher with params, at most concurrency hashes
// at a time and at most waiting hashes waiting for their turn.
func NewHasherQueue(params Params, concurrency, waiting int) *Hasher {
	if concurrency < 1 {
		concurrency = 1
	}
	h := &Hasher{params: params, sem: make(chan struct{}, concurrency), queue: make(chan struct{}, concurrency+max(waiting, 0))}
	h.dummy, _ = h.Hash(context.Background(), rand.Text())
	return h
}

// ErrMismatch is returned by Verify when the password does not match.
var ErrMismatch = errors.New("password: mismatch")

// ErrBusy is returned by Hash and Verify, at once, when as many hashes as
// the hasher allows are running and waiting.
var ErrBusy = errors.New("password: too many hashes at once")

// Hash returns the PHC string of password with a new random salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	if err := h.acquire(ctx, false); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, h.params.Time, h.params.MemoryKiB, h.params.Threads, 32)
	h.release(false)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.params.MemoryKiB, h.params.Time, h.params.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify checks password against a PHC string. An empty hash (no account)
// is checked against a dummy hash, costing the same time, and fails.
func (h *Hasher) Verify(ctx context.Context, hash, password string) error {
	return h.verify(ctx, hash, password, false)
}

// VerifyPriority is Verify for a log-in regie has reason to trust (from a
// device the account logged in on before): it is never refused with
// ErrBusy but waits its turn, behind at most the bounded queue.
func (h *Hasher) VerifyPriority(ctx context.Context, hash, password string) error {
	return h.verify(ctx, hash, password, true)
}

func (h *Hasher) verify(ctx context.Context, hash, password string, priority bool) error {
	if hash == "" {
		// Busy like for an account that exists, or the answer would tell.
		if err := h.verify(ctx, h.dummy, password, priority); err != nil && !errors.Is(err, ErrMismatch) {
			return err
		}
		return ErrMismatch
	}
	p, salt, key, err := decode(hash)
	if err != nil {
		return err
	}
	if err := h.acquire(ctx, priority); err != nil {
		return err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(key))) //nolint:gosec // decode bounds the key length to 16–64 bytes
	h.release(priority)
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return ErrMismatch
	}
	return nil
}

// acquire takes a place in the queue, or fails with ErrBusy at once, and
// then waits for a turn to hash. A priority hash takes no place in the
// queue (so it is never refused, nor refuses others) and waits for a turn
// among the queued.
func (h *Hasher) acquire(ctx context.Context, priority bool) error {
	if !priority {
		select {
		case h.queue <- struct{}{}:
		default:
			return ErrBusy
		}
	}
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		if !priority {
			<-h.queue
		}
		return ctx.Err()
	}
}

func (h *Hasher) release(priority bool) {
	<-h.sem
	if !priority {
		<-h.queue
	}
}

func decode(hash string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("password: not an argon2id hash")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errors.New("password: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("password: bad parameters: %w", err)
	}
	if fmt.Sprintf("m=%d,t=%d,p=%d", p.MemoryKiB, p.Time, p.Threads) != parts[3] {
		return p, nil, nil, errors.New("password: bad parameters")
	}
	if err := p.check(); err != nil {
		return p, nil, nil, err
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return p, nil, nil, fmt.Errorf("password: bad salt: %w", err)
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil {
		return p, nil, nil, fmt.Errorf("password: bad hash: %w", err)
	}
	if len(salt) < minSalt || len(salt) > maxSalt {
		return p, nil, nil, fmt.Errorf("password: salt of %d bytes, want %d to %d", len(salt), minSalt, maxSalt)
	}
	if len(key) < minKey || len(key) > maxKey {
		return p, nil, nil, fmt.Errorf("password: hash of %d bytes, want %d to %d", len(key), minKey, maxKey)
	}
	return p, salt, key, nil
}

// The bounds a stored hash's parameters must stay within. A hash is read
// from the database, so one crafted there (m=4194304 asks for 4 GiB per
// log-in, t=100000 for minutes of CPU) must be refused before argon2 runs.
// The upper bounds leave room to raise Default several times.
const (
	maxMemoryKiB = 256 * 1024
	maxTime      = 16
	maxThreads   = 16
	minSalt      = 8
	maxSalt      = 64
	minKey       = 16
	maxKey       = 64
)

// check reports whether p is within the bounds a hash may ask for.
func (p Params) check() error {
	switch {
	case p.Threads < 1 || p.Threads > maxThreads:
		return fmt.Errorf("password: parallelism %d, want 1 to %d", p.Threads, maxThreads)
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("password: %d iterations, want 1 to %d", p.Time, maxTime)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxMemoryKiB:
		return fmt.Errorf("password: memory %d KiB, want %d to %d", p.MemoryKiB, 8*uint32(p.Threads), maxMemoryKiB)
	}
	return nil
}

// Generate returns a new random password of 20 characters in groups of
// four (about 100 bits), for a first log-in or a reset. It is shown once,
// to the administrator who hands it over in person.
func Generate() string {
	t := strings.ToLower(rand.Text()[:20])
	return t[0:4] + "-" + t[4:8] + "-" + t[8:12] + "-" + t[12:16] + "-" + t[16:20]
}
