package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

// Break-glass access (noodtoegang): the form a team member fills in to open
// a family of their team they are not assigned to, and the privacy
// officer's list and review of every access. The store decides who may;
// a family the actor may not open this way answers as not found.

var emergencyFields = []string{"reason", "explanation", "confirm"}

type emergencyFormPage struct {
	Offer   *regie.EmergencyOffer
	Reasons []option
	Hours   int
	Min     int
}

func (h *Handler) renderEmergencyForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	o, err := h.Emergencies.EmergencyOffer(r.Context(), id)
	if err != nil {
		return err
	}
	if o.Active != nil {
		// Running already: nothing to ask, the family is open.
		h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), "")
		return nil
	}
	if f == nil {
		f = newForm(nil)
	}
	f.Order = emergencyFields
	p := emergencyFormPage{Offer: o, Reasons: choiceOptions(regie.EmergencyReasons),
		Hours: int(regie.EmergencyAccessDuration.Hours()), Min: regie.EmergencyExplanationMin}
	h.render(w, r, status, "emergency_form", &view{Title: "Noodtoegang", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showEmergencyForm(w http.ResponseWriter, r *http.Request) error {
	return h.renderEmergencyForm(w, r, http.StatusOK, nil)
}

func (h *Handler) startEmergency(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, emergencyFields...)
	if err != nil {
		return err
	}
	in := regie.EmergencyInput{Reason: regie.EmergencyReason(f.Get("reason")), Explanation: f.Get("explanation"),
		Confirmed: f.Get("confirm") == "1"}
	_, err = h.Emergencies.StartEmergencyAccess(r.Context(), id, in)
	if f.withError(err) {
		return h.renderEmergencyForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashEmergencyStarted)
	return nil
}

// findEmergencyFamily is the way in from "Mijn gezinnen": the dossier
// number of a family of the team (as the team meeting's agenda shows it)
// leads to that family's form. It reads nothing: the form answers not
// found for a family the actor may not open this way, as for a missing one.
func (h *Handler) findEmergencyFamily(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).BreakGlass {
		return regie.NotFound()
	}
	q := r.URL.Query()
	f := newForm(url.Values{"dossier": {q.Get("dossier")}}, "dossier")
	status := http.StatusOK
	if _, asked := q["dossier"]; asked {
		if id, ok := regie.ParseDossierNumber(q.Get("dossier")); ok {
			h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/noodtoegang", id), "")
			return nil
		}
		f.Errors = map[string]string{"dossier": regie.Text(regie.MsgDossierNumberInvalid)}
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "emergency_find", &view{Title: "Noodtoegang", Nav: h.familyNav(r), Form: f})
	return nil
}

type emergencyReviewsPage struct {
	Open, Done []*regie.EmergencyAccess
}

func (h *Handler) showEmergencyReviews(w http.ResponseWriter, r *http.Request) error {
	open, err := h.Emergencies.FindEmergencyAccesses(r.Context(), regie.EmergencyFilter{Open: true})
	if err != nil {
		return err
	}
	done, err := h.Emergencies.FindEmergencyAccesses(r.Context(), regie.EmergencyFilter{Limit: 50})
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "emergency_reviews", &view{Title: "Noodtoegang beoordelen", Nav: "noodtoegang",
		Page: emergencyReviewsPage{Open: open, Done: done}})
	return nil
}

var emergencyReviewFields = []string{"verdict", "note"}

type emergencyReviewPage struct {
	Access *regie.EmergencyAccess
	// Entries are the access log's rows of the user in the family while
	// the access ran.
	Entries  []*regie.AuditEntry
	Verdicts []option
}

func (h *Handler) renderEmergencyReview(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	e, err := h.Emergencies.FindEmergencyAccess(r.Context(), id)
	if err != nil {
		return err
	}
	entries, _, err := h.Audit.FindAuditEntries(r.Context(), regie.AuditFilter{FamilyID: &e.FamilyID, UserID: &e.UserID,
		Since: e.StartedAt, Until: e.ExpiresAt, Limit: 200})
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil)
	}
	f.Order = emergencyReviewFields
	h.render(w, r, status, "emergency_review", &view{Title: fmt.Sprintf("Noodtoegang %d", e.ID), Nav: "noodtoegang", Form: f,
		Page: emergencyReviewPage{Access: e, Entries: entries, Verdicts: choiceOptions(regie.EmergencyVerdicts)}})
	return nil
}

func (h *Handler) showEmergencyReview(w http.ResponseWriter, r *http.Request) error {
	return h.renderEmergencyReview(w, r, http.StatusOK, nil)
}

func (h *Handler) reviewEmergency(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, emergencyReviewFields...)
	if err != nil {
		return err
	}
	err = h.Emergencies.ReviewEmergencyAccess(r.Context(), id, regie.EmergencyReviewInput{
		Verdict: regie.EmergencyVerdict(f.Get("verdict")), Note: f.Get("note")})
	if f.withError(err) {
		return h.renderEmergencyReview(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/noodtoegang", regie.MsgFlashEmergencyReviewed)
	return nil
}
