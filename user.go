package regie

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user does in regie; the access policy decides on it.
type Role string

// The roles of DOMAIN.md. RoleSystem is the command line acting for an
// operator (creating the first administrator); no person logs in with it.
const (
	RoleCasemanager Role = "casemanager"
	RoleYouthWorker Role = "jeugdhulpverlener"
	RoleTeamLeader  Role = "teamleider"
	// RoleManager sees the reports' figures of every team, never a
	// family's content (DOMAIN.md §11).
	RoleManager  Role = "manager"
	RoleReferrer Role = "aanmelder"
	RolePartner  Role = "netwerkpartner"
	RoleAdmin    Role = "functioneel_beheerder"
	RolePrivacy  Role = "privacy_officer"
	RoleSystem   Role = "systeem"
)

// Roles lists the roles a person can have, in the order the UI shows them,
// with their Dutch labels.
var Roles = []Choice[Role]{
	{RoleCasemanager, "Casemanager / regisseur"},
	{RoleYouthWorker, "Jeugdhulpverlener"},
	{RoleTeamLeader, "Teamleider"},
	{RoleManager, "Manager (alleen cijfers)"},
	{RoleReferrer, "Aanmelder"},
	{RolePartner, "Netwerkpartner"},
	{RoleAdmin, "Functioneel beheerder"},
	{RolePrivacy, "Privacy officer (FG)"},
}

// Label returns the Dutch name of the role.
func (r Role) Label() string {
	if r == RoleSystem {
		return "Systeem (opdrachtregel)"
	}
	return LabelOf(Roles, r)
}

// Valid reports whether r is a role a person can have.
func (r Role) Valid() bool { return IsChoice(Roles, r) }

// InTeam reports whether users with this role belong to a team: the staff
// who work with families. Referrers and partners belong to an outside
// organisation; the administrator and privacy officer serve the whole
// organisation.
func (r Role) InTeam() bool {
	return r == RoleCasemanager || r == RoleYouthWorker || r == RoleTeamLeader
}

// Organisation is an organisation on the social map (sociale kaart): the
// team's own organisation or a partner (school, police, GGZ, housing
// corporation…). Referrers and network partners log in on behalf of one;
// referrals, introducers, warm referrals, trajectories and consents name
// one, so the same agency is one record everywhere.
type Organisation struct {
	ID   int64
	Name string
	// Own marks the organisation that runs regie and employs the team.
	Own           bool
	Kind          OrgKind
	DistrictID    int64 // 0: the whole city
	ContactPerson string
	Phone         string
	Email         string
	WaitingWeeks  int // -1 when unknown
	Notes         string
	Active        bool

	DistrictName string // joined for display
}

// Team is a team of casemanagers and youth workers under one team leader,
// working in one or more districts.
type Team struct {
	ID             int64
	OrganisationID int64
	Name           string
	Districts      []District
}

// District (wijk) is an area of the city; a family lives in one, a
// casemanager works in their own.
type District struct {
	ID     int64
	TeamID int64
	Name   string
}

// User is a person who logs in.
type User struct {
	ID             int64
	OrganisationID int64
	TeamID         int64 // 0 for roles outside a team
	Email          string
	Name           string
	Role           Role
	// Phone is the number families and partners reach the user on at work
	// (shown where a coordinator is named); may be empty.
	Phone string
	// DistrictIDs are the districts a casemanager or youth worker works in.
	DistrictIDs []int64
	// UsualContactMinutes is the default duration of this user's contacts.
	UsualContactMinutes int
	PasswordHash        string
	TOTPSecret          string // empty until a second factor is enrolled
	// TOTPEnrolled: a second factor is enrolled. Set when the user is read,
	// it stays when lists strip the secret.
	TOTPEnrolled bool
	TOTPLastStep int64 // the last accepted TOTP time step; codes are single-use
	DisabledAt   time.Time
	CreatedAt    time.Time
	// PasswordTemporary: the password was made by an administrator (a new
	// account or a reset). The user chooses their own before anything else.
	PasswordTemporary bool
	// PasswordSetAt is when the password was set or its change confirmed:
	// a temporary password expires TemporaryPasswordValid after it.
	PasswordSetAt time.Time
	// Unconfirmed: an administrator created the account or reset its
	// password, and no second person has confirmed it yet. Log-in is
	// refused until then.
	Unconfirmed bool

	// Joined for display.
	OrganisationName string
	TeamName         string
}

// Disabled reports whether the account may no longer log in.
func (u *User) Disabled() bool { return !u.DisabledAt.IsZero() }

// TemporaryExpired reports whether the user's password is temporary and
// older than TemporaryPasswordValid at now.
func (u *User) TemporaryExpired(now time.Time) bool {
	return u.PasswordTemporary && !u.PasswordSetAt.IsZero() && now.Sub(u.PasswordSetAt) > TemporaryPasswordValid
}

// HasTOTP reports whether the user has enrolled a second factor.
func (u *User) HasTOTP() bool { return u.TOTPEnrolled || u.TOTPSecret != "" }

// NewUser is the input to create a user.
type NewUser struct {
	Email          string
	Name           string
	Role           Role
	OrganisationID int64
	TeamID         int64
	DistrictIDs    []int64
	Phone          string // optional: the number at work
	Password       string
	// PasswordTemporary: Password was generated for the user, who must
	// replace it at the first log-in.
	PasswordTemporary bool
}

// PasswordChange is a user choosing their own password. Name and Email
// are the user's own, which the new password must not contain.
type PasswordChange struct {
	Current, New, Repeat string
	Name, Email          string
}

// Validate checks the new password against every rule (CheckPassword);
// whether Current is right is for the log-in service to check.
func (c PasswordChange) Validate() error {
	var v Validation
	v.Required("current", c.Current)
	validatePassword(&v, "new", c.New, c.Name, c.Email)
	switch {
	case v.Has("new"):
	case c.New == c.Current:
		v.Add("new", MsgPasswordSame)
	case c.Repeat != c.New:
		v.Add("repeat", MsgPasswordRepeat)
	}
	return v.Err()
}

// Normalize cleans the input in place.
func (n *NewUser) Normalize() {
	n.Email = NormalizeEmail(n.Email)
	n.Name = Clean(n.Name)
	n.Phone = strings.Join(strings.Fields(n.Phone), " ")
}

// Validate checks the input.
func (n *NewUser) Validate() error {
	var v Validation
	v.Email("email", n.Email)
	v.MaxLen("email", n.Email, 254)
	v.Required("name", n.Name)
	v.MaxLen("name", n.Name, 200)
	if n.Phone != "" && !ValidPhone(n.Phone) {
		v.Add("phone", MsgPhoneInvalid)
	}
	if !n.Role.Valid() {
		v.Add("role", MsgChoiceInvalid)
	}
	if n.Role.InTeam() && n.TeamID == 0 {
		v.Add("team", MsgTeamRequired)
	}
	if !n.Role.InTeam() && n.TeamID != 0 {
		v.Add("team", MsgNoTeamForRole)
	}
	if n.PasswordTemporary {
		// Generated at random: only its length is for the rules to check.
		if utf8.RuneCountInString(n.Password) < MinPasswordLength {
			v.Add("password", MsgPasswordTooShort, MinPasswordLength)
		}
	} else {
		validatePassword(&v, "password", n.Password, n.Name, n.Email)
	}
	return v.Err()
}

// ValidPhone reports whether s looks like a Dutch or international phone
// number: digits with spaces, dashes, brackets and a leading +, 10 to 15
// digits.
func ValidPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 10 && digits <= 15 && len(s) <= 30
}

// NormalizeEmail lower-cases and trims an e-mail address so log-in and
// uniqueness do not depend on how it was typed.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// UserFilter selects users.
type UserFilter struct {
	ID     *int64
	Email  *string
	TeamID *int64
	Role   *Role
	// Active excludes disabled accounts.
	Active bool
}

// UserService manages accounts. Methods that change accounts are for the
// functional administrator (or the command line as RoleSystem) and are
// audited.
type UserService interface {
	AccountConfirmationService
	// FindUserByID returns ENOTFOUND if there is no such user.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByEmail returns ENOTFOUND if there is no such user. It is used
	// by log-in before anyone is authenticated and is not audited itself.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	// FindUsers lists users (without secrets) for choice lists; staff
	// names are not family data, so this is neither decided nor audited.
	FindUsers(ctx context.Context, f UserFilter) ([]*User, error)
	// FindAccounts lists accounts for their administration: only the
	// functional administrator, audited. EFORBIDDEN.
	FindAccounts(ctx context.Context) ([]*User, error)
	// CreateUser returns EINVALID or ECONFLICT (email taken). The password
	// hash must already be set in passwordHash. An account an administrator
	// creates waits for a second person's confirmation; one the command
	// line creates is confirmed at once.
	CreateUser(ctx context.Context, n NewUser, passwordHash string) (*User, error)
	// SetPassword replaces the password hash, clears the second factor when
	// resetTOTP is set, and ends every session of the user.
	// The new password is temporary: the user replaces it at log-in. Made
	// by an administrator, the reset waits for a second person's
	// confirmation (AccountConfirmationService) before the account can log
	// in again; made by the command line, it is confirmed at once.
	SetPassword(ctx context.Context, userID int64, passwordHash string, resetTOTP bool) error
	// ChangeOwnPassword replaces the actor's own password hash (no longer
	// temporary) and ends the actor's other sessions; the current one
	// stays.
	ChangeOwnPassword(ctx context.Context, passwordHash string) error
	// DisableUser blocks the account and ends every session at once.
	DisableUser(ctx context.Context, userID int64) error
	// FindTeams returns the teams with their districts.
	FindTeams(ctx context.Context) ([]*Team, error)
	// FindOrganisations returns all organisations.
	FindOrganisations(ctx context.Context) ([]*Organisation, error)
}
