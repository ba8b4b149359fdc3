package ui

import (
	"net/http"

	"regie"
	"regie/internal/request"
)

// showAccountConfirmations lists the accounts and resets an administrator
// made that wait for this actor's confirmation (the second pair of eyes),
// and those the actor made that wait for someone else.
func (h *Handler) showAccountConfirmations(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Users.FindPendingAccountChanges(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "account_confirm", &view{Title: "Te bevestigen accounts", Nav: "bevestigingen", Page: list})
	return nil
}

func (h *Handler) confirmAccountChange(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Users.ConfirmAccountChange(r.Context(), id); err != nil {
		return err
	}
	h.redirect(w, r, "/bevestigingen", regie.MsgFlashAccountConfirmed)
	return nil
}
