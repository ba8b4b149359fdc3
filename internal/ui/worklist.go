package ui

import (
	"net/http"
)

// showWorklist shows the werkbak: what is due across the actor's
// families, the most urgent first, each with the page where it is done.
func (h *Handler) showWorklist(w http.ResponseWriter, r *http.Request) error {
	wl, err := h.Families.FindWorklist(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "worklist", &view{Title: "Werkbak", Nav: "werkbak", Page: wl})
	return nil
}
