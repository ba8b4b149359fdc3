package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"regie"
	"regie/internal/request"
)

// "Wie kan wat zien" and the team's side of the partners' reports of
// stagnation: the casemanager's page of a family's network partners (who
// sees what today and until when, what partners recorded), picking a
// report up there, and the team leader's "besproken" on the agenda.

type partnersPage struct {
	Family *regie.Family
	View   *regie.PartnerView
}

func (h *Handler) renderPartners(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	v, err := h.Consents.FindPartnerView(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil)
	}
	h.render(w, r, status, "visibility", &view{Title: "Wie kan wat zien", Nav: h.familyNav(r), Form: f,
		Page: partnersPage{Family: fam, View: v}})
	return nil
}

func (h *Handler) showPartners(w http.ResponseWriter, r *http.Request) error {
	return h.renderPartners(w, r, http.StatusOK, nil)
}

// reportID reads the {rid} of a report's URL.
func reportID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, regie.NotFound()
	}
	return id, nil
}

// stagnationField is the name of a report's note field on the page: one
// form per open report.
func stagnationField(rid int64) string { return fmt.Sprintf("stagnation-%d", rid) }

func (h *Handler) handleStagnation(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	rid, err := reportID(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	name := stagnationField(rid)
	err = h.Stagnation.HandleStagnation(r.Context(), id, rid, regie.StagnationHandling{Note: f.Get(name)})
	switch {
	case regie.ErrorCode(err) == regie.ECONFLICT:
		f.Errors = map[string]string{"": regie.ErrorMessage(err)}
		return h.renderPartners(w, r, http.StatusConflict, f)
	case f.withError(err):
		if msg, ok := f.Errors["note"]; ok {
			delete(f.Errors, "note")
			f.Errors[name] = msg
		}
		return h.renderPartners(w, r, http.StatusUnprocessableEntity, f)
	case err != nil:
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/partners#stagnatie", id), regie.MsgFlashStagnationHandled)
	return nil
}

// discussStagnation records the team leader's "besproken" from the
// agenda; a report discussed already sends them back with the message.
func (h *Handler) discussStagnation(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	rid, err := reportID(r)
	if err != nil {
		return err
	}
	if err := h.Stagnation.MarkStagnationDiscussed(r.Context(), id, rid); regie.ErrorCode(err) == regie.ECONFLICT {
		h.redirect(w, r, "/teamoverleg#stagnatie", regie.MsgStagnationDiscussed)
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/teamoverleg#stagnatie", regie.MsgFlashStagnationDiscussed)
	return nil
}
