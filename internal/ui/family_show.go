package ui

import (
	"net/http"

	"regie"
	"regie/internal/request"
)

func (h *Handler) showFamily(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if regie.ErrorCode(err) == regie.ENOTFOUND && !wantsJSON(r) && h.Permissions.Permissions(r.Context()).BreakGlass {
		// The same page for a missing family, another team's and one of
		// the actor's own team: only the way to ask for break-glass
		// access is added, for everyone who may ever ask.
		id, _ := request.ID(r, "id")
		h.render(w, r, http.StatusNotFound, "family_denied", &view{Title: "Niet gevonden", Page: id})
		return nil
	}
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "family_show", &view{Title: fam.HouseholdName, Nav: h.familyNav(r), Page: fam})
	return nil
}

// familyFromPath reads the family of the {id} in the URL (audited: the
// store decides and logs the access).
func (h *Handler) familyFromPath(r *http.Request) (*regie.Family, error) {
	id, err := request.ID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Families.FindFamilyByID(r.Context(), id)
}

// familyNav keeps the list a person came from highlighted.
func (h *Handler) familyNav(r *http.Request) string {
	if h.Permissions.Permissions(r.Context()).TeamFamilies {
		return "team"
	}
	return "mijn"
}
