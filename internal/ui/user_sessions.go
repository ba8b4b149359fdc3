package ui

import (
	"fmt"
	"net/http"

	"regie"
	"regie/internal/request"
)

// userSessionsPage is the administrator's view of one user's sessions.
type userSessionsPage struct {
	User     *regie.User
	Sessions []*regie.Session
}

func (h *Handler) showUserSessions(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	// The sessions decide (and log) whether this actor may see them.
	list, err := h.Auth.Sessions(r.Context(), id)
	if err != nil {
		return err
	}
	u, err := h.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "user_sessions", &view{Title: "Sessies van " + u.Name, Nav: "gebruikers",
		Page: userSessionsPage{User: u, Sessions: list}})
	return nil
}

// endUserSession ends one session of a user ({sid}), or all of them when
// the route has no {sid}.
func (h *Handler) endUserSession(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	var sid int64
	msg := regie.MsgFlashSessionsEnded
	if r.PathValue("sid") != "" {
		if sid, err = request.ID(r, "sid"); err != nil {
			return err
		}
		msg = regie.MsgFlashSessionEnded
	}
	if _, err := h.Auth.EndSessions(r.Context(), id, sid); err != nil {
		return err
	}
	if id == actor(r).UserID && (sid == 0 || sid == actor(r).SessionID) {
		clearCookie(w, sessionCookie)
		h.redirect(w, r, "/inloggen", regie.MsgFlashLoggedOut)
		return nil
	}
	h.redirect(w, r, fmt.Sprintf("/beheer/gebruikers/%d/sessies", id), msg)
	return nil
}
