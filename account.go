package regie

import (
	"context"
	"time"
)

// AccountChangeKind is what an administrator did to someone's account.
type AccountChangeKind string

// The kinds of account change that a second person confirms.
const (
	ChangeCreated   AccountChangeKind = "aangemaakt"
	ChangeReset     AccountChangeKind = "wachtwoord"
	ChangeResetTOTP AccountChangeKind = "wachtwoord_totp"
)

// Label returns the Dutch description of the change.
func (k AccountChangeKind) Label() string {
	switch k {
	case ChangeCreated:
		return "account aangemaakt"
	case ChangeReset:
		return "wachtwoord opnieuw ingesteld"
	case ChangeResetTOTP:
		return "wachtwoord en tweede factor opnieuw ingesteld"
	}
	return string(k)
}

// AccountChange is an account made, or a password or second factor reset,
// by someone other than its user (separation of duties, issue 10). The
// administrator who made it knows the temporary password; so the account
// is usable only after a second person confirms the change, and its user
// is told who made and who confirmed it.
type AccountChange struct {
	ID     int64
	UserID int64
	Kind   AccountChangeKind
	// MadeBy is the administrator; 0 for the command line.
	MadeBy      int64
	MadeAt      time.Time
	ConfirmedBy int64 // 0 for the command line, or while unconfirmed
	ConfirmedAt time.Time
	// SeenAt is when the user was told, after logging in.
	SeenAt time.Time

	// Joined for display.
	UserName        string
	UserEmail       string
	UserRole        Role
	UserTeamName    string
	MadeByName      string
	ConfirmedByName string
	// CanConfirm: the actor who asked may confirm it (the policy's answer).
	CanConfirm bool
}

// Confirmed reports whether a second person (or the command line) has
// confirmed the change.
func (c *AccountChange) Confirmed() bool { return !c.ConfirmedAt.IsZero() }

// AccountConfirmationService is the second pair of eyes on account
// changes. Every method decides through the policy and is audited.
type AccountConfirmationService interface {
	// FindPendingAccountChanges lists the unconfirmed changes the actor
	// may confirm, and those the actor made (which someone else confirms).
	// EFORBIDDEN for roles that confirm nothing.
	FindPendingAccountChanges(ctx context.Context) ([]*AccountChange, error)
	// ConfirmAccountChange confirms one: the account becomes usable and
	// its temporary password valid for TemporaryPasswordValid from now.
	// ENOTFOUND (no such pending change), EFORBIDDEN (not this actor: not
	// the team leader of the user's team, or the person who made it).
	ConfirmAccountChange(ctx context.Context, id int64) error
	// FindOwnAccountChanges lists the changes made to the actor's own
	// account by others, newest first (at most ten).
	FindOwnAccountChanges(ctx context.Context) ([]*AccountChange, error)
}
