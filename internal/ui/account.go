package ui

import (
	"net/http"

	"regie"
)

// accountPage is the user's own account: who they are, their second
// factor, and choosing their own password.
type accountPage struct {
	User *regie.User
	// Temporary: the user logged in with a password an administrator
	// made and must choose their own first.
	Temporary bool
}

func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	u := sessionFrom(r.Context()).user
	if f == nil {
		f = newForm(nil, "current", "new", "repeat")
	}
	// Passwords are never sent back, not even after an error.
	for _, name := range []string{"current", "new", "repeat"} {
		f.Values.Del(name)
	}
	h.render(w, r, status, "account", &view{Title: "Mijn account", Nav: "account", Form: f, Page: accountPage{User: u, Temporary: u.PasswordTemporary}})
	return nil
}

func (h *Handler) showAccount(w http.ResponseWriter, r *http.Request) error {
	return h.renderAccount(w, r, http.StatusOK, nil)
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, "current", "new", "repeat")
	if err != nil {
		return err
	}
	in := regie.PasswordChange{Current: f.Get("current"), New: f.Get("new"), Repeat: f.Get("repeat")}
	err = h.Auth.ChangePassword(r.Context(), sessionFrom(r.Context()).user, in)
	if regie.ErrorCode(err) == regie.ETOOMANY {
		f.Errors = map[string]string{"": regie.ErrorMessage(err)}
		return h.renderAccount(w, r, http.StatusTooManyRequests, f)
	}
	if f.withError(err) {
		return h.renderAccount(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/", regie.MsgFlashPasswordChanged)
	return nil
}
