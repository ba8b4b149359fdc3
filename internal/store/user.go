package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"regie"
)

const userColumns = `u.id, u.organisation_id, u.team_id, u.email, u.name, u.role, u.usual_contact_minutes, u.password_hash,
	u.totp_secret, u.totp_last_step, u.disabled_at, u.created_at, u.password_temporary, u.password_set_at,
	EXISTS (SELECT 1 FROM account_changes c WHERE c.user_id = u.id AND c.confirmed_at IS NULL), o.name, COALESCE(t.name, ''), u.phone`

const userFrom = ` FROM users u JOIN organisations o ON o.id = u.organisation_id LEFT JOIN teams t ON t.id = u.team_id`

// prefixScanner scans a row whose first columns go to prefix and the rest
// to the caller's destinations: a session joined with its user.
type prefixScanner struct {
	sc     interface{ Scan(...any) error }
	prefix []any
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.sc.Scan(append(p.prefix, dest...)...)
}

func (tx *tx) scanUser(sc interface{ Scan(...any) error }, u *regie.User) error {
	var role string
	err := sc.Scan(&u.ID, &u.OrganisationID, idScan{&u.TeamID}, &u.Email, &u.Name, &role, &u.UsualContactMinutes, &u.PasswordHash,
		openScan{tx.s, &u.TOTPSecret}, &u.TOTPLastStep, timeScan{&u.DisabledAt}, timeScan{&u.CreatedAt}, &u.PasswordTemporary, timeScan{&u.PasswordSetAt},
		&u.Unconfirmed, &u.OrganisationName, &u.TeamName, &u.Phone)
	u.Role = regie.Role(role)
	u.TOTPEnrolled = u.TOTPSecret != ""
	return err
}

// FindUserByID implements regie.UserService.
func (s *Store) FindUserByID(ctx context.Context, id int64) (*regie.User, error) {
	return s.findUser(ctx, `u.id = $1`, id)
}

// FindUserByEmail implements regie.UserService.
func (s *Store) FindUserByEmail(ctx context.Context, email string) (*regie.User, error) {
	return s.findUser(ctx, `u.email = $1`, regie.NormalizeEmail(email))
}

func (s *Store) findUser(ctx context.Context, cond string, arg any) (*regie.User, error) {
	u := &regie.User{}
	err := s.read(ctx, func(tx *tx) error {
		if err := tx.scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+userFrom+` WHERE `+cond, arg), u); errors.Is(err, sql.ErrNoRows) {
			return regie.NotFound()
		} else if err != nil {
			return fmt.Errorf("store: find user: %w", err)
		}
		var err error
		u.DistrictIDs, err = tx.userDistricts(ctx, u.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func (tx *tx) userDistricts(ctx context.Context, userID int64) ([]int64, error) {
	return tx.queryIDs(ctx, `SELECT district_id FROM user_districts WHERE user_id = $1 ORDER BY district_id`, userID)
}

// FindUsers implements regie.UserService. Secrets are not returned.
func (s *Store) FindUsers(ctx context.Context, f regie.UserFilter) ([]*regie.User, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.ID != nil {
		add("u.id = ?", *f.ID)
	}
	if f.Email != nil {
		add("u.email = ?", regie.NormalizeEmail(*f.Email))
	}
	if f.TeamID != nil {
		add("u.team_id = ?", *f.TeamID)
	}
	if f.Role != nil {
		add("u.role = ?", string(*f.Role))
	}
	if f.Active {
		where = append(where, "u.disabled_at IS NULL")
	}
	var users []*regie.User
	err := s.read(ctx, func(tx *tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+userFrom+` WHERE `+strings.Join(append(where, "1 = 1"), " AND ")+` ORDER BY u.sort_name, u.id`, args...)
		if err != nil {
			return fmt.Errorf("store: find users: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			u := &regie.User{}
			if err := tx.scanUser(rows, u); err != nil {
				return err
			}
			u.PasswordHash, u.TOTPSecret = "", ""
			users = append(users, u)
		}
		return rows.Err()
	})
	return users, err
}

// FindAccounts implements regie.UserService.
func (s *Store) FindAccounts(ctx context.Context) ([]*regie.User, error) {
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegAccount, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegAccount,
			Basis: dec.Basis, Detail: "overzicht van accounts"})
	})
	if err != nil {
		return nil, err
	}
	return s.FindUsers(ctx, regie.UserFilter{})
}

// CreateUser implements regie.UserService.
func (s *Store) CreateUser(ctx context.Context, n regie.NewUser, passwordHash string) (*regie.User, error) {
	n.Normalize()
	var id int64
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegAccount, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		verr := n.Validate()
		var c int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = $1`, n.Email).Scan(&c); err != nil {
			return err
		}
		if c > 0 {
			verr = addField(verr, "email", regie.MsgEmailTaken)
		}
		if n.TeamID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM teams WHERE id = $1 AND organisation_id = $2`, n.TeamID, n.OrganisationID).Scan(&c); err != nil {
				return err
			}
			if c == 0 {
				verr = addField(verr, "team", regie.MsgChoiceInvalid)
			}
		}
		for _, d := range n.DistrictIDs {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM districts WHERE id = $1 AND team_id = $2`, d, n.TeamID).Scan(&c); err != nil {
				return err
			}
			if c == 0 {
				verr = addField(verr, "districts", regie.MsgDistrictUnknown)
			}
		}
		if verr != nil {
			return verr
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO users (organisation_id, team_id, email, name, role, password_hash, password_temporary,
				password_set_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			n.OrganisationID, nullID(n.TeamID), n.Email, n.Name, string(n.Role), passwordHash, n.PasswordTemporary, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET sort_name = $1, phone = $2 WHERE id = $3`, regie.SortName(n.Name), n.Phone, id); err != nil {
			return fmt.Errorf("store: create user: %w", err)
		}
		// A password someone else made (or an account an administrator
		// made) is an account change the user is told about, and that a
		// second person confirms when an administrator made it.
		if n.PasswordTemporary || tx.actor.UserID != 0 {
			if err := tx.recordAccountChange(ctx, id, regie.ChangeCreated); err != nil {
				return err
			}
		}
		for _, d := range n.DistrictIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO user_districts (user_id, district_id) VALUES ($1, $2)`, id, d); err != nil {
				return fmt.Errorf("store: create user: %w", err)
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegAccount,
			Basis: dec.Basis, Detail: fmt.Sprintf("account %d aangemaakt (%s)", id, n.Role.Label())})
	})
	if err != nil {
		return nil, err
	}
	return s.FindUserByID(ctx, id)
}

// SetPassword implements regie.UserService.
func (s *Store) SetPassword(ctx context.Context, userID int64, passwordHash string, resetTOTP bool) error {
	kind := regie.ChangeReset
	if resetTOTP {
		kind = regie.ChangeResetTOTP
	}
	return s.changeAccount(ctx, userID, kind.Label(), func(tx *tx) error {
		q := `UPDATE users SET password_hash = $1, password_temporary = $2, password_set_at = $3 WHERE id = $4`
		if resetTOTP {
			q = `UPDATE users SET password_hash = $1, password_temporary = $2, password_set_at = $3, totp_secret = '', totp_last_step = 0 WHERE id = $4`
		}
		if _, err := tx.ExecContext(ctx, q, passwordHash, true, ts(tx.now), userID); err != nil {
			return err
		}
		return tx.recordAccountChange(ctx, userID, kind)
	})
}

// ChangeOwnPassword implements regie.UserService.
func (s *Store) ChangeOwnPassword(ctx context.Context, passwordHash string) error {
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegOwnAccount, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, password_temporary = $2, password_set_at = $3 WHERE id = $4`,
			passwordHash, false, ts(tx.now), tx.actor.UserID); err != nil {
			return fmt.Errorf("store: change own password: %w", err)
		}
		// The user has now been shown who changed their account (the page
		// of the temporary password says it).
		if _, err := tx.ExecContext(ctx, `UPDATE account_changes SET seen_at = $1
			WHERE user_id = $2 AND seen_at IS NULL AND confirmed_at IS NOT NULL`, ts(tx.now), tx.actor.UserID); err != nil {
			return fmt.Errorf("store: change own password: %w", err)
		}
		// Whoever may have the old password is logged out everywhere else.
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, tx.actor.UserID, tx.actor.SessionID)
		if err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		n, _ := res.RowsAffected()
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegOwnAccount,
			Basis: dec.Basis, Detail: fmt.Sprintf("eigen wachtwoord gewijzigd, %d andere sessies beëindigd", n)})
	})
}

// DisableUser implements regie.UserService.
func (s *Store) DisableUser(ctx context.Context, userID int64) error {
	return s.changeAccount(ctx, userID, "account geblokkeerd", func(tx *tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL`, ts(tx.now), userID)
		return err
	})
}

// changeAccount runs an account change that must end every session of the
// user at once, audited.
func (s *Store) changeAccount(ctx context.Context, userID int64, detail string, fn func(*tx) error) error {
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegAccount, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		var c int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = $1`, userID).Scan(&c); err != nil {
			return err
		}
		if c == 0 {
			return regie.NotFound()
		}
		if err := fn(tx); err != nil {
			return fmt.Errorf("store: change account: %w", err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		if err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		n, _ := res.RowsAffected()
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegAccount,
			Basis: dec.Basis, Detail: fmt.Sprintf("account %d: %s, %d sessies beëindigd", userID, detail, n)})
	})
}

// FindTeams implements regie.UserService.
func (s *Store) FindTeams(ctx context.Context) ([]*regie.Team, error) {
	var teams []*regie.Team
	err := s.read(ctx, func(tx *tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT t.id, t.organisation_id, t.name, d.id, d.name
			FROM teams t LEFT JOIN districts d ON d.team_id = t.id ORDER BY t.name, t.id, d.name`)
		if err != nil {
			return fmt.Errorf("store: find teams: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var t regie.Team
			var did sql.NullInt64
			var dname sql.NullString
			if err := rows.Scan(&t.ID, &t.OrganisationID, &t.Name, &did, &dname); err != nil {
				return err
			}
			if len(teams) == 0 || teams[len(teams)-1].ID != t.ID {
				teams = append(teams, &t)
			}
			if did.Valid {
				cur := teams[len(teams)-1]
				cur.Districts = append(cur.Districts, regie.District{ID: did.Int64, TeamID: t.ID, Name: dname.String})
			}
		}
		return rows.Err()
	})
	return teams, err
}

// FindOrganisations implements regie.UserService.
func (s *Store) FindOrganisations(ctx context.Context) ([]*regie.Organisation, error) {
	var orgs []*regie.Organisation
	err := s.read(ctx, func(tx *tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+orgColumns+orgFrom+` ORDER BY o.own DESC, o.name`)
		if err != nil {
			return fmt.Errorf("store: find organisations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			o := &regie.Organisation{}
			if err := scanOrg(rows, o); err != nil {
				return err
			}
			orgs = append(orgs, o)
		}
		return rows.Err()
	})
	return orgs, err
}

// CreateOrganisation adds an organisation; for set-up by the command line
// and the demo (the administrator's screens for the social map come later).
func (s *Store) CreateOrganisation(ctx context.Context, name string, own bool) (*regie.Organisation, error) {
	o := &regie.Organisation{Name: regie.Clean(name), Own: own}
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegAccount, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		var v regie.Validation
		v.Required("name", o.Name)
		if err := v.Err(); err != nil {
			return err
		}
		o.Kind, o.Active, o.WaitingWeeks = "overig", true, -1
		if own {
			o.Kind = "eigen"
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO organisations (name, own, kind, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			o.Name, own, string(o.Kind), ts(tx.now)).Scan(&o.ID); err != nil {
			return fmt.Errorf("store: create organisation: %w", err)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegAccount,
			Basis: dec.Basis, Detail: fmt.Sprintf("organisatie %d aangemaakt", o.ID)})
	})
	return o, err
}

// CreateTeam adds a team with its districts; for set-up by the command
// line and the demo.
func (s *Store) CreateTeam(ctx context.Context, organisationID int64, name string, districts []string) (*regie.Team, error) {
	t := &regie.Team{OrganisationID: organisationID, Name: regie.Clean(name)}
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegAccount, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		var v regie.Validation
		v.Required("name", t.Name)
		if len(districts) == 0 {
			v.Add("districts", regie.MsgRequired)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO teams (organisation_id, name) VALUES ($1, $2) RETURNING id`,
			organisationID, t.Name).Scan(&t.ID); err != nil {
			return fmt.Errorf("store: create team: %w", err)
		}
		for _, dn := range districts {
			d := regie.District{TeamID: t.ID, Name: regie.Clean(dn)}
			if err := tx.QueryRowContext(ctx, `INSERT INTO districts (team_id, name) VALUES ($1, $2) RETURNING id`, t.ID, d.Name).Scan(&d.ID); err != nil {
				return fmt.Errorf("store: create district: %w", err)
			}
			t.Districts = append(t.Districts, d)
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegAccount,
			Basis: dec.Basis, Detail: fmt.Sprintf("team %d aangemaakt met %d wijken", t.ID, len(districts))})
	})
	return t, err
}
