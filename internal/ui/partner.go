package ui

import (
	"fmt"
	"net/http"

	"regie"
	"regie/internal/request"
)

// A network partner's own work: the families whose consent names the
// partner's organisation (Gezinnen), and per family whom to call, the
// organisation's agreements with their progress, and reporting that the
// help stagnates.

type partnerFamiliesPage struct {
	Families []*regie.PartnerFamily
}

func (h *Handler) showPartnerFamilies(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Partners.FindPartnerFamilies(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "partner_families", &view{Title: "Gezinnen", Nav: "partner", Page: partnerFamiliesPage{list}})
	return nil
}

type partnerWorkPage struct {
	Work     *regie.PartnerWork
	Statuses []option
}

func (h *Handler) renderPartnerWork(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	work, err := h.Partners.FindPartnerWork(r.Context(), id)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil)
	}
	h.render(w, r, status, "partner_work", &view{Title: "Samenwerking · " + work.Name(), Nav: "partner", Form: f,
		Page: partnerWorkPage{Work: work, Statuses: choiceOptions(regie.AgreementStatuses)}})
	return nil
}

func (h *Handler) showPartnerWork(w http.ResponseWriter, r *http.Request) error {
	return h.renderPartnerWork(w, r, http.StatusOK, nil)
}

func (h *Handler) recordAgreementProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "status", "note")
	if err != nil {
		return err
	}
	err = h.Partners.RecordAgreementProgress(r.Context(), id, regie.AgreementProgressInput{Agreement: f.Get("agreement"),
		Status: regie.AgreementStatus(f.Get("status")), Note: f.Get("note")})
	if f.withError(err) {
		return h.renderPartnerWork(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/samenwerking#afspraken", id), regie.MsgFlashPartnerProgress)
	return nil
}

func (h *Handler) reportStagnation(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "reason")
	if err != nil {
		return err
	}
	_, err = h.Stagnation.ReportStagnation(r.Context(), id, regie.StagnationInput{Reason: f.Get("reason")})
	if f.withError(err) {
		return h.renderPartnerWork(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/samenwerking#stagnatie", id), regie.MsgFlashStagnationReported)
	return nil
}
