package regie

import (
	"context"
	"time"
)

// Actor is who is acting in a request, with where they act from: the
// subject of every access decision and every audit row.
type Actor struct {
	UserID         int64
	Name           string
	Role           Role
	OrganisationID int64
	TeamID         int64
	// SessionID identifies the session (its database id, not the secret).
	SessionID int64
	// Access point: NEN 7513 asks where an access came from.
	IP        string
	UserAgent string
}

// SystemActor is the command line acting for an operator.
func SystemActor() *Actor {
	return &Actor{Role: RoleSystem, Name: "opdrachtregel", IP: "local", UserAgent: "regie-cli"}
}

type actorKey struct{}

// NewContextWithActor returns a copy of ctx that carries a.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor of the request, or nil when nobody is
// logged in. The store denies every access to family data without one.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// Clock tells the time. Everything that looks at time (sessions, norms,
// signals, ages) gets one injected, so tests run years in milliseconds.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now implements Clock.
func (f ClockFunc) Now() time.Time { return f() }

// SystemClock returns the real clock.
func SystemClock() Clock { return ClockFunc(time.Now) }
