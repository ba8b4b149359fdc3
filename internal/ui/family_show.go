package ui

import (
	"net/http"

	"regie"
	"regie/internal/request"
)

func (h *Handler) showFamily(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	fam, err := h.Families.FindFamilyByID(r.Context(), id)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "family_show", &view{Title: fam.HouseholdName, Nav: h.familyNav(r), Page: fam})
	return nil
}

// familyNav keeps the list a person came from highlighted.
func (h *Handler) familyNav(r *http.Request) string {
	if actor(r).Role == regie.RoleTeamLeader {
		return "team"
	}
	return "mijn"
}
