package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

var assignmentFields = []string{"coordinator", "duo"}

// assignmentPage is the data of the assignment form. It shows the family
// only by dossier number: the administrator may assign but not read.
type assignmentPage struct {
	Assignments  *regie.FamilyAssignments
	Casemanagers []option
}

func (h *Handler) renderAssignment(w http.ResponseWriter, r *http.Request, status int, id int64, f *form) error {
	fa, err := h.Families.FindFamilyAssignments(r.Context(), id)
	if err != nil {
		return err
	}
	role := regie.RoleCasemanager
	cms, err := h.Users.FindUsers(r.Context(), regie.UserFilter{TeamID: &fa.TeamID, Role: &role, Active: true})
	if err != nil {
		return err
	}
	var opts []option
	for _, u := range cms {
		opts = append(opts, option{fmt.Sprint(u.ID), u.Name})
	}
	if f == nil {
		f = newForm(url.Values{}, assignmentFields...)
		if c := fa.Current(regie.AssignCoordinator); c != nil {
			f.Values.Set("coordinator", fmt.Sprint(c.UserID))
		}
		if d := fa.Current(regie.AssignDuo); d != nil {
			f.Values.Set("duo", fmt.Sprint(d.UserID))
		}
	}
	h.render(w, r, status, "assignment", &view{Title: "Toewijzing " + fa.DossierNumber(), Nav: "toewijzingen", Form: f,
		Page: assignmentPage{Assignments: fa, Casemanagers: opts}})
	return nil
}

func (h *Handler) showAssignment(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	return h.renderAssignment(w, r, http.StatusOK, id, nil)
}

func (h *Handler) saveAssignment(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, assignmentFields...)
	if err != nil {
		return err
	}
	err = h.Families.AssignFamily(r.Context(), id, regie.AssignInput{CoordinatorID: f.Int64("coordinator"), DuoID: f.Int64("duo")})
	if f.withError(err) {
		return h.renderAssignment(w, r, http.StatusUnprocessableEntity, id, f)
	} else if err != nil {
		return err
	}
	to := fmt.Sprintf("/gezinnen/%d", id)
	if actor(r).Role == regie.RoleAdmin {
		to = "/toewijzingen"
	}
	h.redirect(w, r, to, regie.MsgFlashAssigned)
	return nil
}

func (h *Handler) showAssignmentList(w http.ResponseWriter, r *http.Request) error {
	rows, err := h.Families.FindAssignmentRows(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "assignment_list", &view{Title: "Toewijzingen", Nav: "toewijzingen", Page: rows})
	return nil
}
