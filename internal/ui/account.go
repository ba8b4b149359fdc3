package ui

import (
	"net/http"

	"regie"
	"regie/internal/request"
)

// accountPage is the user's own account: who they are, their second
// factor, who changed their account, their sessions, and choosing their
// own password.
type accountPage struct {
	User *regie.User
	// Temporary: the user logged in with a password an administrator
	// made and must choose their own first.
	Temporary bool
	// Changes are what others did to this account (made it, reset its
	// password), newest first; Unseen those the user has not been told of.
	Changes []*regie.AccountChange
	Unseen  []*regie.AccountChange
	// Sessions are the user's active sessions; CurrentID is this one.
	Sessions  []*regie.Session
	CurrentID int64
}

func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	rs := sessionFrom(r.Context())
	u := rs.user
	if f == nil {
		f = newForm(nil, "current", "new", "repeat")
	}
	// Passwords are never sent back, not even after an error: the field
	// that is wrong is marked and says why.
	for _, name := range []string{"current", "new", "repeat"} {
		f.Values.Del(name)
	}
	p := accountPage{User: u, Temporary: u.PasswordTemporary, CurrentID: rs.session.ID}
	var err error
	if p.Changes, err = h.Users.FindOwnAccountChanges(r.Context()); err != nil {
		return err
	}
	for _, c := range p.Changes {
		if c.Confirmed() && c.SeenAt.IsZero() {
			p.Unseen = append(p.Unseen, c)
		}
	}
	if p.Sessions, err = h.Auth.Sessions(r.Context(), u.ID); err != nil {
		return err
	}
	h.render(w, r, status, "account", &view{Title: "Mijn account", Nav: "account", Form: f, Page: p})
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

// endOwnSession ends one of the user's own sessions — a computer left
// logged in elsewhere. Ending this one is logging out.
func (h *Handler) endOwnSession(w http.ResponseWriter, r *http.Request) error {
	sid, err := request.ID(r, "sid")
	if err != nil {
		return err
	}
	rs := sessionFrom(r.Context())
	if _, err := h.Auth.EndSessions(r.Context(), rs.user.ID, sid); err != nil {
		return err
	}
	if sid == rs.session.ID {
		clearCookie(w, sessionCookie)
		h.redirect(w, r, "/inloggen", regie.MsgFlashLoggedOut)
		return nil
	}
	h.redirect(w, r, "/account", regie.MsgFlashSessionEnded)
	return nil
}
