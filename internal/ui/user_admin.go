package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"regie"
	"regie/internal/password"
	"regie/internal/request"
)

var userFields = []string{"name", "email", "phone", "role", "organisation", "team", "districts"}

// userListPage is the administrator's list of accounts.
type userListPage struct {
	Users []*regie.User
}

func (h *Handler) showUserList(w http.ResponseWriter, r *http.Request) error {
	users, err := h.Users.FindAccounts(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "user_list", &view{Title: "Gebruikers", Nav: "gebruikers", Page: userListPage{Users: users}})
	return nil
}

// userFormPage is the data of the new-account form.
type userFormPage struct {
	Roles         []option
	Organisations []option
	Teams         []*regie.Team
}

func (h *Handler) renderUserForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	orgs, err := h.Users.FindOrganisations(r.Context())
	if err != nil {
		return err
	}
	teams, err := h.Users.FindTeams(r.Context())
	if err != nil {
		return err
	}
	var orgOpts []option
	for _, o := range orgs {
		orgOpts = append(orgOpts, option{fmt.Sprint(o.ID), o.Name})
	}
	h.render(w, r, status, "user_form", &view{Title: "Nieuw account", Nav: "gebruikers", Form: f,
		Page: userFormPage{Roles: choiceOptions(regie.Roles), Organisations: orgOpts, Teams: teams}})
	return nil
}

func (h *Handler) showUserNew(w http.ResponseWriter, r *http.Request) error {
	// The list decides (and logs) whether this actor administers accounts.
	if _, err := h.Users.FindAccounts(r.Context()); err != nil {
		return err
	}
	return h.renderUserForm(w, r, http.StatusOK, newForm(nil, userFields...))
}

// newPasswordPage shows a new password once.
type newPasswordPage struct {
	User     *regie.User
	Password string
	Created  bool
}

func (h *Handler) createUser(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, userFields...)
	if err != nil {
		return err
	}
	n := regie.NewUser{Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), Role: regie.Role(f.Get("role")),
		OrganisationID: f.Int64("organisation"), Password: password.Generate(), PasswordTemporary: true}
	if n.Role.InTeam() {
		n.TeamID = f.Int64("team")
		for _, d := range f.Values["districts"] {
			if id, err := strconv.ParseInt(d, 10, 64); err == nil {
				n.DistrictIDs = append(n.DistrictIDs, id)
			}
		}
	}
	hash, err := h.Auth.Hasher().Hash(r.Context(), n.Password)
	if err != nil {
		return err
	}
	u, err := h.Users.CreateUser(r.Context(), n, hash)
	if f.withError(err) {
		return h.renderUserForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	// Shown once, not redirected: the password must not travel in a URL or
	// a cookie.
	h.render(w, r, http.StatusOK, "user_password", &view{Title: "Account aangemaakt", Nav: "gebruikers",
		Page: newPasswordPage{User: u, Password: n.Password, Created: true}})
	return nil
}

func (h *Handler) disableUser(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	if id == actor(r).UserID {
		return regie.Errorf(regie.EINVALID, "U kunt uw eigen account niet blokkeren.")
	}
	if err := h.Users.DisableUser(r.Context(), id); err != nil {
		return err
	}
	h.redirect(w, r, "/beheer/gebruikers", regie.MsgFlashUserDisabled)
	return nil
}

func (h *Handler) resetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	pw := password.Generate()
	hash, err := h.Auth.Hasher().Hash(r.Context(), pw)
	if err != nil {
		return err
	}
	// A reset also removes the second factor (a lost phone is the usual
	// reason) and ends every session of the account.
	if err := h.Users.SetPassword(r.Context(), id, hash, true); err != nil {
		return err
	}
	u, err := h.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "user_password", &view{Title: "Nieuw wachtwoord", Nav: "gebruikers",
		Page: newPasswordPage{User: u, Password: pw}})
	return nil
}

// TemporaryHours is how long a temporary password stays valid.
func (userListPage) TemporaryHours() int { return int(regie.TemporaryPasswordValid.Hours()) }

// TemporaryHours is how long a temporary password stays valid.
func (newPasswordPage) TemporaryHours() int { return int(regie.TemporaryPasswordValid.Hours()) }
