// Package auth logs people in and keeps them logged in: e-mail and password
// (argon2id), a TOTP second factor that every account must enrol at first
// log-in on a real instance, server-side sessions with idle and absolute
// time-outs, and a limit of five failed attempts per account a minute.
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
	"time"

	"regie"
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
}

// MaxFailures is how many failed attempts an account gets per minute.
const MaxFailures = 5

// Service is the log-in service.
type Service struct {
	users    regie.UserService
	sessions regie.SessionService
	hasher   *password.Hasher
	clock    regie.Clock
	cfg      Config
}

// New returns a log-in service.
func New(users regie.UserService, sessions regie.SessionService, hasher *password.Hasher, clock regie.Clock, cfg Config) *Service {
	if cfg.Issuer == "" {
		cfg.Issuer = "regie"
	}
	return &Service{users: users, sessions: sessions, hasher: hasher, clock: clock, cfg: cfg}
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
}

var (
	errLoginFailed = &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgLoginFailed)}
	errTOTP        = &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgTOTPInvalid)}
	errTooMany     = &regie.Error{Code: regie.ETOOMANY, Message: regie.Text(regie.MsgLoginRateLimited)}
	errExpired     = &regie.Error{Code: regie.EUNAUTHORIZED, Message: regie.Text(regie.MsgSessionExpired)}
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

// LogIn checks an e-mail address and password. Whatever is wrong — an
// unknown address, a wrong password, a blocked account — the answer is the
// same EUNAUTHORIZED, after the same work; a sixth attempt within a minute
// gets ETOOMANY.
func (s *Service) LogIn(ctx context.Context, email, pw string) (*Login, error) {
	key := accountKey(email)
	if err := s.checkRate(ctx, key); err != nil {
		return nil, err
	}
	u, err := s.users.FindUserByEmail(ctx, email)
	switch {
	case regie.ErrorCode(err) == regie.ENOTFOUND:
		_ = s.hasher.Verify(ctx, "", pw)
		return nil, s.fail(ctx, key, 0, "onbekend e-mailadres", errLoginFailed)
	case err != nil:
		return nil, err
	}
	if err := s.hasher.Verify(ctx, u.PasswordHash, pw); err != nil {
		if !errors.Is(err, password.ErrMismatch) {
			return nil, err
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
	return s.newSession(ctx, u, next == StepDone, 0, detail, next)
}

func (s *Service) checkRate(ctx context.Context, key string) error {
	n, err := s.sessions.CountLoginFailures(ctx, key, s.clock.Now().Add(-time.Minute))
	if err != nil {
		return err
	}
	if n >= MaxFailures {
		// The refused attempt is logged (and counted) like a failure.
		return s.fail(ctx, key, 0, "geweigerd: te veel mislukte pogingen", errTooMany)
	}
	return nil
}

func (s *Service) fail(ctx context.Context, key string, userID int64, detail string, err *regie.Error) error {
	if rerr := s.sessions.RecordLoginFailure(ctx, key, userID, detail); rerr != nil {
		return rerr
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
	if err := s.checkRate(ctx, key); err != nil {
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
	if err := s.checkRate(ctx, key); err != nil {
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
		return nil, nil, errExpired
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
	if err := s.checkRate(ctx, key); err != nil {
		return err
	}
	if err := s.hasher.Verify(ctx, u.PasswordHash, in.Current); err != nil {
		if !errors.Is(err, password.ErrMismatch) {
			return err
		}
		var v regie.Validation
		v.Add("current", regie.MsgPasswordWrong)
		return s.fail(ctx, key, u.ID, "huidig wachtwoord onjuist bij het wijzigen", v.Err().(*regie.Error))
	}
	hash, err := s.hasher.Hash(ctx, in.New)
	if err != nil {
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
