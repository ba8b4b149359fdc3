// Package auth logs people in and keeps them logged in: e-mail and password
// (argon2id), a TOTP second factor that every account must enrol at first
// log-in on a real instance, server-side sessions with idle and absolute
// time-outs, and limits on failed attempts per account and address, per
// address and in total (see Limits).
//
// The browser holds a random 256-bit token; the database holds its SHA-256.
// A session is rotated (a new token) every time it gains trust: after the
// password and again after the second factor.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"regie"
	"regie/internal/keys"
	"regie/internal/metrics"
	"regie/internal/password"
	"regie/internal/totp"
)

// Config are the settings of log-in and sessions.
type Config struct {
	// IdleTimeout ends a session after this long without a request.
	IdleTimeout time.Duration
	// MaxAge ends a session this long after log-in, whatever happens.
	MaxAge time.Duration
	// RequireMFA makes every account enrol and use a second factor. Only
	// the demo turns it off.
	RequireMFA bool
	// Issuer names regie in authenticator apps.
	Issuer string
	// Limits throttle password guessing; zero means DefaultLimits.
	Limits Limits
	// Keys sign device tokens (see Login.Device); without them no device
	// is recognised.
	Keys *keys.Ring
	// Shared, when set, keeps the per-address and total failure counts in
	// the database instead of in memory: for several regie processes on
	// one PostgreSQL (see Limits).
	Shared SharedFailures
	// Metrics, when set, counts failed log-in steps and refusals by a
	// limit (never an account or an address).
	Metrics *metrics.Registry
}

// MaxFailures is how many failed attempts an account gets per minute from
// one address, and at the second factor and a password change.
const MaxFailures = 5

// Service is the log-in service.
type Service struct {
	users    regie.UserService
	sessions regie.SessionService
	hasher   *password.Hasher
	clock    regie.Clock
	cfg      Config
	limiter  limits
	// failures counts failed steps by step (password, second_factor,
	// password_change); refused counts refusals by limit (account, address).
	failures, refused *metrics.Counter
}

// New returns a log-in service.
func New(users regie.UserService, sessions regie.SessionService, hasher *password.Hasher, clock regie.Clock, cfg Config) *Service {
	if cfg.Issuer == "" {
		cfg.Issuer = "regie"
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits
	}
	var l limits = newLimiter(cfg.Limits)
	if cfg.Shared != nil {
		l = &sharedLimiter{limits: cfg.Limits, db: cfg.Shared}
	}
	return &Service{users: users, sessions: sessions, hasher: hasher, clock: clock, cfg: cfg, limiter: l,
		failures: cfg.Metrics.Counter("regie_login_failures_total",
			"Failed log-in steps, by step (password, second_factor, password_change).", "step"),
		refused: cfg.Metrics.Counter("regie_login_refused_total",
			"Log-in attempts refused by a limit without trying the password or code, by limit (account, address).", "limit"),
	}
}

// Config returns the service's settings.
func (s *Service) Config() Config { return s.cfg }

// Step is what a session still needs before it reaches the application.
type Step int

// The steps of logging in.
const (
	StepDone  Step = iota // logged in
	StepCode              // give the code from the authenticator app
	StepEnrol             // enrol a second factor first
)

// Login is a session (new or rotated) and what it still needs.
type Login struct {
	Token   string // the cookie value; shown to no one else
	Session *regie.Session
	User    *regie.User
	Next    Step
	// Device is a new device token for the browser to keep (long-lived):
	// proof that it logged in to this account with the password before.
	// Empty without keys, and after the second step.
	Device string
}

var (
	errLoginFailed = &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgLoginFailed)}
	errTOTP        = &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgTOTPInvalid)}
	errTooMany     = &regie.Error{Code: regie.ETOOMANY, Message: regie.Text(regie.MsgLoginRateLimited)}
	errExpired     = &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgSessionExpired)}
	errBusy        = &regie.Error{Code: regie.EUNAVAILABLE, Message: regie.Text(regie.MsgLoginBusy)}
	errUnconfirmed = &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgAccountUnconfirmed)}
	errTempExpired = &regie.Error{Code: regie.EUNAUTHORIZED,
		Message: regie.Text(regie.MsgPasswordExpired, int(regie.TemporaryPasswordValid.Hours()))}
)

// accountKey identifies an account for the rate limit by a hash of the
// e-mail typed, so an unknown address is limited exactly like a known one
// and no address is stored in the clear.
func accountKey(email string) string {
	sum := sha256.Sum256([]byte("login:" + regie.NormalizeEmail(email)))
	return hex.EncodeToString(sum[:16])
}

// pairKey identifies an account and the address it is tried from, for
// the per-pair limit: the account's key, then the address's.
func pairKey(email, addr string) string {
	return accountKey(email) + ":" + addressKey(addr)
}

// clientAddress is the address of the request in ctx ("" on the command
// line).
func clientAddress(ctx context.Context) string {
	if a := regie.ActorFromContext(ctx); a != nil {
		return a.IP
	}
	return ""
}

// DeviceMaxAge is how long a device token is recognised.
const DeviceMaxAge = 180 * 24 * time.Hour

// newDevice returns a device token for the account of email: when it was
// made and a MAC over that and the account, under the key file.
func (s *Service) newDevice(email string, now time.Time) string {
	if s.cfg.Keys == nil {
		return ""
	}
	issued := strconv.FormatInt(now.Unix(), 10)
	return issued + "." + s.cfg.Keys.Index(keys.PurposeDevice, accountKey(email)+"|"+issued)
}

// knownDevice reports whether token is a device token of the account of
// email, made less than DeviceMaxAge ago.
func (s *Service) knownDevice(email, token string, now time.Time) bool {
	issued, mac, ok := strings.Cut(token, ".")
	if s.cfg.Keys == nil || !ok {
		return false
	}
	sec, err := strconv.ParseInt(issued, 10, 64)
	if err != nil {
		return false
	}
	at := time.Unix(sec, 0)
	if now.Sub(at) > DeviceMaxAge || at.After(now.Add(5*time.Minute)) {
		return false
	}
	return s.cfg.Keys.CheckIndex(keys.PurposeDevice, accountKey(email)+"|"+issued, mac)
}

// LogIn checks an e-mail address and password, from a browser that
// presents device (a token of an earlier log-in, or ""). Whatever is
// wrong — an unknown address, a wrong password, a blocked account — the
// answer is the same EUNAUTHORIZED, after the same work. Past the limits
// (see Limits) the answer is ETOOMANY without trying the password; when
// the password hasher's queue is full it is EUNAVAILABLE, at once.
//
// A browser with the account's device token is the account's own: it
// keeps its own failure count (five a minute, not tightened by a flood),
// is not held to the address limits, and its password check waits for a
// turn instead of being refused, so no flood of guesses locks it out.
func (s *Service) LogIn(ctx context.Context, email, pw, device string) (*Login, error) {
	addr, now := clientAddress(ctx), s.clock.Now()
	known := s.knownDevice(email, device, now)
	// Refused without a database write (in memory, or after one read when
	// the counts are shared): a flood must not become a flood of writes.
	allowed, flood, err := s.limiter.check(ctx, addr, now)
	if err != nil {
		return nil, err
	}
	if !known && !allowed {
		s.refused.Inc("address")
		return nil, errTooMany
	}
	key, limit := pairKey(email, addr), s.cfg.Limits.PerPair
	if flood {
		limit = s.cfg.Limits.FloodPerPair
	}
	verify := s.hasher.Verify
	if known {
		sum := sha256.Sum256([]byte(device))
		key, limit, verify = accountKey(email)+":device:"+hex.EncodeToString(sum[:8]), MaxFailures, s.hasher.VerifyPriority
	}
	if err := s.checkRate(ctx, key, limit); err != nil {
		return nil, err
	}
	u, err := s.users.FindUserByEmail(ctx, email)
	switch {
	case regie.ErrorCode(err) == regie.ENOTFOUND:
		if err := s.hasher.Verify(ctx, "", pw); errors.Is(err, password.ErrBusy) {
			return nil, errBusy
		}
		if err := s.limiter.fail(ctx, addr, now); err != nil {
			return nil, err
		}
		return nil, s.fail(ctx, key, 0, "onbekend e-mailadres", errLoginFailed)
	case err != nil:
		return nil, err
	}
	if err := verify(ctx, u.PasswordHash, pw); err != nil {
		if errors.Is(err, password.ErrBusy) {
			return nil, errBusy
		}
		if !errors.Is(err, password.ErrMismatch) {
			return nil, err
		}
		if !known {
			if err := s.limiter.fail(ctx, addr, now); err != nil {
				return nil, err
			}
		}
		return nil, s.fail(ctx, key, u.ID, "wachtwoord onjuist", errLoginFailed)
	}
	if u.Disabled() {
		return nil, s.fail(ctx, key, u.ID, "account geblokkeerd", errLoginFailed)
	}
	// Only someone who knows the password learns why it cannot be used
	// yet: a change by an administrator waits for a second person, and a
	// temporary password expires.
	if u.Unconfirmed {
		return nil, s.fail(ctx, key, u.ID, "geweigerd: accountwijziging nog niet bevestigd door een tweede persoon", errUnconfirmed)
	}
	if u.TemporaryExpired(s.clock.Now()) {
		return nil, s.fail(ctx, key, u.ID, "geweigerd: tijdelijk wachtwoord verlopen", errTempExpired)
	}
	next := StepDone
	switch {
	case u.HasTOTP():
		next = StepCode
	case s.cfg.RequireMFA:
		next = StepEnrol
	}
	detail := "ingelogd"
	if next != StepDone {
		detail = "wachtwoord juist, tweede factor nodig"
	}
	l, err := s.newSession(ctx, u, next == StepDone, 0, detail, next)
	if err != nil {
		return nil, err
	}
	l.Device = s.newDevice(email, now)
	return l, nil
}

func (s *Service) checkRate(ctx context.Context, key string, max int) error {
	n, err := s.sessions.CountLoginFailures(ctx, key, s.clock.Now().Add(-time.Minute))
	if err != nil {
		return err
	}
	if n >= max {
		// The refused attempt is logged (and counted) like a failure.
		return s.fail(ctx, key, 0, "geweigerd: te veel mislukte pogingen", errTooMany)
	}
	return nil
}

func (s *Service) fail(ctx context.Context, key string, userID int64, detail string, err *regie.Error) error {
	if rerr := s.sessions.RecordLoginFailure(ctx, key, userID, detail); rerr != nil {
		return rerr
	}
	switch err {
	case errTooMany:
		s.refused.Inc("account")
	case errTOTP:
		s.failures.Inc("second_factor")
	case errLoginFailed, errUnconfirmed, errTempExpired:
		s.failures.Inc("password")
	default:
		s.failures.Inc("password_change")
	}
	return err
}

func (s *Service) newSession(ctx context.Context, u *regie.User, mfa bool, replaces int64, detail string, next Step) (*Login, error) {
	token, hash, err := newToken()
	if err != nil {
		return nil, err
	}
	sess := &regie.Session{TokenHash: hash, UserID: u.ID, MFA: mfa}
	if a := regie.ActorFromContext(ctx); a != nil {
		sess.IP, sess.UserAgent = a.IP, a.UserAgent
	}
	if err := s.sessions.CreateSession(ctx, sess, replaces, detail); err != nil {
		return nil, err
	}
	return &Login{Token: token, Session: sess, User: u, Next: next}, nil
}

func newToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken returns the stored form of a session token.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// VerifyCode checks the authenticator code of a session that has passed
// the password, and rotates it into a full session.
func (s *Service) VerifyCode(ctx context.Context, sess *regie.Session, u *regie.User, code string) (*Login, error) {
	key := accountKey(u.Email)
	if err := s.checkRate(ctx, key, MaxFailures); err != nil {
		return nil, err
	}
	step, ok := totp.Match(u.TOTPSecret, code, s.clock.Now())
	if !ok {
		return nil, s.fail(ctx, key, u.ID, "code van tweede factor onjuist", errTOTP)
	}
	if err := s.sessions.UseTOTPStep(ctx, u.ID, step); err != nil {
		if regie.ErrorCode(err) == regie.ECONFLICT {
			return nil, s.fail(ctx, key, u.ID, "code van tweede factor al gebruikt", errTOTP)
		}
		return nil, err
	}
	return s.newSession(ctx, u, true, sess.ID, "tweede factor juist, ingelogd", StepDone)
}

// EnrolmentKey returns the secret being enrolled in the session, making
// one when there is none yet.
func (s *Service) EnrolmentKey(ctx context.Context, sess *regie.Session, u *regie.User) (*totp.Key, error) {
	if sess.PendingTOTPSecret != "" {
		return totp.KeyFor(s.cfg.Issuer, u.Email, sess.PendingTOTPSecret)
	}
	k, err := totp.Generate(s.cfg.Issuer, u.Email)
	if err != nil {
		return nil, err
	}
	if err := s.sessions.SetPendingTOTP(ctx, sess.ID, k.Secret); err != nil {
		return nil, err
	}
	sess.PendingTOTPSecret = k.Secret
	return k, nil
}

// ConfirmEnrolment checks the first code from the app against the pending
// secret, stores the secret and rotates the session into a full one.
func (s *Service) ConfirmEnrolment(ctx context.Context, sess *regie.Session, u *regie.User, code string) (*Login, error) {
	key := accountKey(u.Email)
	if err := s.checkRate(ctx, key, MaxFailures); err != nil {
		return nil, err
	}
	if sess.PendingTOTPSecret == "" {
		return nil, errTOTP
	}
	step, ok := totp.Match(sess.PendingTOTPSecret, code, s.clock.Now())
	if !ok {
		return nil, s.fail(ctx, key, u.ID, "eerste code van tweede factor onjuist", errTOTP)
	}
	if err := s.sessions.EnableTOTP(ctx, u.ID, sess.PendingTOTPSecret, step); err != nil {
		return nil, err
	}
	return s.newSession(ctx, u, true, sess.ID, "tweede factor gekoppeld, ingelogd", StepDone)
}

// Authenticate returns the session and user of a token. Idle and expired
// sessions, and sessions of blocked accounts, are ended and refused with
// EUNAUTHORIZED.
func (s *Service) Authenticate(ctx context.Context, token string) (*regie.Session, *regie.User, error) {
	if token == "" {
		return nil, nil, errExpired
	}
	sess, u, err := s.sessions.FindSessionByToken(ctx, HashToken(token))
	if regie.ErrorCode(err) == regie.ENOTFOUND {
		return nil, nil, errExpired
	} else if err != nil {
		return nil, nil, err
	}
	now := s.clock.Now()
	if now.Sub(sess.LastSeenAt) > s.cfg.IdleTimeout || now.Sub(sess.CreatedAt) > s.cfg.MaxAge || u.Disabled() || u.Unconfirmed {
		if err := s.sessions.DeleteSession(ctx, sess.ID); err != nil {
			return nil, nil, err
		}
		if u.Disabled() {
			return nil, nil, errExpired
		}
		return nil, nil, &expired{userID: u.ID}
	}
	// Record activity at most once a minute: the idle time-out does not
	// need more precision, and every write costs.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		if err := s.sessions.TouchSession(ctx, sess.ID, now); err != nil {
			return nil, nil, err
		}
	}
	return sess, u, nil
}

// expired is errExpired for a session that timed out, naming its user.
type expired struct{ userID int64 }

func (e *expired) Error() string { return errExpired.Error() }
func (e *expired) Unwrap() error { return errExpired }

// ExpiredUserID returns the user whose session timed out when err is
// Authenticate's answer for a session that existed but had timed out, and
// 0 otherwise: a form posted into it can be kept for that same user.
func ExpiredUserID(err error) int64 {
	var e *expired
	if errors.As(err, &e) {
		return e.userID
	}
	return 0
}

// ChangePassword lets a logged-in user choose their own password. The
// current one must be given (a session left open on a shared computer
// must not be enough), under the same rate limit as logging in. The new
// password replaces a temporary one, and the user's other sessions end.
func (s *Service) ChangePassword(ctx context.Context, u *regie.User, in regie.PasswordChange) error {
	in.Name, in.Email = u.Name, u.Email
	if err := in.Validate(); err != nil {
		return err
	}
	key := accountKey(u.Email)
	if err := s.checkRate(ctx, key, MaxFailures); err != nil {
		return err
	}
	if err := s.hasher.Verify(ctx, u.PasswordHash, in.Current); err != nil {
		if errors.Is(err, password.ErrBusy) {
			return errBusy
		}
		if !errors.Is(err, password.ErrMismatch) {
			return err
		}
		var v regie.Validation
		v.Add("current", regie.MsgPasswordWrong)
		return s.fail(ctx, key, u.ID, "huidig wachtwoord onjuist bij het wijzigen", v.Err().(*regie.Error))
	}
	hash, err := s.hasher.Hash(ctx, in.New)
	if errors.Is(err, password.ErrBusy) {
		return errBusy
	} else if err != nil {
		return err
	}
	return s.users.ChangeOwnPassword(ctx, hash)
}

// Sessions returns the active sessions of a user (the actor's own, or any
// user's for the functional administrator), newest first.
func (s *Service) Sessions(ctx context.Context, userID int64) ([]*regie.Session, error) {
	now := s.clock.Now()
	return s.sessions.FindUserSessions(ctx, userID, now.Add(-s.cfg.IdleTimeout), now.Add(-s.cfg.MaxAge))
}

// EndSessions ends one session of a user, or all when sessionID is 0.
func (s *Service) EndSessions(ctx context.Context, userID, sessionID int64) (int64, error) {
	return s.sessions.EndUserSessions(ctx, userID, sessionID)
}

// LogOut ends the session.
func (s *Service) LogOut(ctx context.Context, sess *regie.Session) error {
	return s.sessions.DeleteSession(ctx, sess.ID)
}

// Hasher returns the password hasher, for account administration.
func (s *Service) Hasher() *password.Hasher { return s.hasher }
