package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

// A network partner's own work: the families whose consent names the
// partner's organisation (Gezinnen), and per family whom to call, the
// organisation's agreements with their progress, and reporting that the
// help stagnates.

type partnerFamiliesPage struct {
	Families         []*regie.PartnerFamily
	Total            int
	Query            string
	PrevURL, NextURL string
}

func (h *Handler) showPartnerFamilies(w http.ResponseWriter, r *http.Request) error {
	p := partnerFamiliesPage{Query: regie.Clean(r.URL.Query().Get("q"))}
	page := max(request.QueryInt(r, "pagina", 1), 1)
	list, err := h.Partners.FindPartnerFamilies(r.Context(), regie.PartnerFilter{Query: p.Query,
		Limit: regie.PartnerFamiliesPerPage, Offset: (page - 1) * regie.PartnerFamiliesPerPage})
	if err != nil {
		return err
	}
	p.Families, p.Total = list.List, list.Total
	link := func(n int) string {
		v := url.Values{}
		if p.Query != "" {
			v.Set("q", p.Query)
		}
		v.Set("pagina", fmt.Sprint(n))
		return "/partner?" + v.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page*regie.PartnerFamiliesPerPage < p.Total {
		p.NextURL = link(page + 1)
	}
	h.render(w, r, http.StatusOK, "partner_families", &view{Title: "Gezinnen", Nav: "partner", Page: p})
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
