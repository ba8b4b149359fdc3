package regie

import (
	"context"
	"time"
)

// Session is a server-side login session. The browser holds only a random
// token; the database holds its SHA-256, so a copy of the database does not
// hand out live sessions.
type Session struct {
	ID         int64
	TokenHash  []byte
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	// MFA is true once the second factor was given (or is not required);
	// until then the session only reaches the second-factor pages.
	MFA bool
	// PendingTOTPSecret holds a secret being enrolled until the first code
	// confirms it.
	PendingTOTPSecret string
	IP                string
	UserAgent         string
}

// SessionService stores sessions and log-in attempts. Log-in, log-out and
// failures are audited in the same transaction.
type SessionService interface {
	// CreateSession stores a new session for the user and audits the login
	// step described by detail. It deletes the session replaced (if any) in
	// the same transaction, which rotates the token at log-in.
	CreateSession(ctx context.Context, s *Session, replaces int64, detail string) error
	// FindSessionByToken returns the session and its user. ENOTFOUND.
	FindSessionByToken(ctx context.Context, tokenHash []byte) (*Session, *User, error)
	// TouchSession records activity for the idle timeout.
	TouchSession(ctx context.Context, id int64, at time.Time) error
	// SetPendingTOTP stores a secret being enrolled in the session.
	SetPendingTOTP(ctx context.Context, sessionID int64, secret string) error
	// DeleteSession ends a session (log-out) and audits it.
	DeleteSession(ctx context.Context, id int64) error
	// RecordLoginFailure audits a failed attempt and counts it under key
	// (a hash of the e-mail typed, so unknown addresses count the same).
	RecordLoginFailure(ctx context.Context, key string, userID int64, detail string) error
	// CountLoginFailures counts failures under key since a moment.
	CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	// EnableTOTP stores a confirmed TOTP secret and the step of the code
	// that confirmed it.
	EnableTOTP(ctx context.Context, userID int64, secret string, step int64) error
	// UseTOTPStep records that the code of step was used, refusing a step
	// at or before the last used one (a replay). ECONFLICT on replay.
	UseTOTPStep(ctx context.Context, userID int64, step int64) error
	// FindUserSessions lists the active sessions of a user — seen since
	// idleSince and started since createdSince — newest first: the actor's
	// own, or any user's for the functional administrator. EFORBIDDEN.
	// Audited.
	FindUserSessions(ctx context.Context, userID int64, idleSince, createdSince time.Time) ([]*Session, error)
	// EndUserSessions ends the session sessionID of the user, or all of
	// the user's sessions when sessionID is 0, and returns how many ended:
	// the actor's own, or any user's for the functional administrator.
	// ENOTFOUND when the session is not the user's, EFORBIDDEN. Audited.
	EndUserSessions(ctx context.Context, userID, sessionID int64) (int64, error)
	// DeleteExpiredSessions removes sessions idle since before idleSince or
	// created before createdSince.
	DeleteExpiredSessions(ctx context.Context, idleSince, createdSince time.Time) (int64, error)
}
