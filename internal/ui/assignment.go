package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

var assignmentFields = []string{"coordinator", "duo", "confirm"}

// assignmentPage is the data of the assignment form (the team leader's).
type assignmentPage struct {
	Assignments  *regie.FamilyAssignments
	Casemanagers []*regie.Caseload
	YouthWorkers []*regie.Caseload
	// Member is set on the youth worker's form.
	Member *regie.Member
	// CurrentID is the worker assigned now (the coordinator, or the
	// member's youth worker): keeping them needs no confirmation.
	CurrentID int64
}

func (h *Handler) assignmentData(r *http.Request, id int64) (assignmentPage, error) {
	var p assignmentPage
	var err error
	if p.Assignments, err = h.Families.FindFamilyAssignments(r.Context(), id); err != nil {
		return p, err
	}
	loads, err := h.Families.FindCaseloads(r.Context(), id)
	if err != nil {
		return p, err
	}
	for _, l := range loads {
		if l.Role == regie.RoleYouthWorker {
			p.YouthWorkers = append(p.YouthWorkers, l)
		} else {
			p.Casemanagers = append(p.Casemanagers, l)
		}
	}
	return p, nil
}

func (h *Handler) renderAssignment(w http.ResponseWriter, r *http.Request, status int, id int64, f *form) error {
	p, err := h.assignmentData(r, id)
	if err != nil {
		return err
	}
	fa := p.Assignments
	if c := fa.Current(regie.AssignCoordinator); c != nil {
		p.CurrentID = c.UserID
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
	title := "Toewijzing " + fa.DossierNumber()
	if fa.HouseholdName != "" {
		title = "Toewijzing " + fa.HouseholdName + " (" + fa.DossierNumber() + ")"
	}
	h.render(w, r, status, "assignment", &view{Title: title, Nav: "toewijzingen", Form: f, Page: p})
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
	err = h.Families.AssignFamily(r.Context(), id, regie.AssignInput{CoordinatorID: f.Int64("coordinator"), DuoID: f.Int64("duo"),
		Confirmed: f.Get("confirm") != ""})
	if f.withError(err) {
		return h.renderAssignment(w, r, http.StatusUnprocessableEntity, id, f)
	} else if err != nil {
		return err
	}
	// Back where the actor came from: the family, or for one who may not
	// open families (the administrator) the list of assignments.
	to := fmt.Sprintf("/gezinnen/%d", id)
	if !h.Permissions.Permissions(r.Context()).MyFamilies {
		to = "/toewijzingen"
	}
	h.redirect(w, r, to, regie.MsgFlashAssigned)
	return nil
}

func (h *Handler) renderYouthAssignment(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, m, err := h.familyAndMember(r, true, func(c regie.FamilyPermissions) bool { return c.Assign })
	if err != nil {
		return err
	}
	p, err := h.assignmentData(r, fam.ID)
	if err != nil {
		return err
	}
	p.Member = m
	if a := fam.YouthWorkerOf(m.ID); a != nil {
		p.CurrentID = a.UserID
	}
	if f == nil {
		f = newForm(url.Values{}, "youth_worker", "confirm")
		if a := fam.YouthWorkerOf(m.ID); a != nil {
			f.Values.Set("youth_worker", fmt.Sprint(a.UserID))
		}
	}
	h.render(w, r, status, "youth_assignment", &view{Title: "Jeugdhulpverlener voor " + m.GivenName, Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showYouthAssignment(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthAssignment(w, r, http.StatusOK, nil)
}

func (h *Handler) saveYouthAssignment(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "youth_worker", "confirm")
	if err != nil {
		return err
	}
	err = h.Families.AssignYouthWorker(r.Context(), id, mid, f.Int64("youth_worker"), f.Get("confirm") != "")
	if f.withError(err) {
		return h.renderYouthAssignment(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashAssigned)
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
