package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

var decisionFields = []string{"outcome", "link_family", "review_on", "contact_keeper", "contra_indications", "override_reason",
	"warm_referral_org", "feedback", "notes"}

// decisionPage is the data of the intake decision form.
type decisionPage struct {
	Referral          *regie.Referral
	Outcomes          []option
	ContraIndications []option
	Organisations     []option
	Duplicates        []*regie.DuplicateCandidate
}

func (h *Handler) renderDecision(w http.ResponseWriter, r *http.Request, status int, id int64, f *form) error {
	ref, err := h.Referrals.FindReferralByID(r.Context(), id)
	if err != nil {
		return err
	}
	if !ref.Can.Decide {
		return regie.Forbidden()
	}
	p := decisionPage{Referral: ref, Outcomes: choiceOptions(regie.IntakeOutcomes), ContraIndications: choiceOptions(regie.ContraIndications)}
	if p.Duplicates, err = h.Referrals.FindDuplicates(r.Context(), id); err != nil {
		return err
	}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if !o.Own {
			p.Organisations = append(p.Organisations, option{fmt.Sprint(o.ID), fmt.Sprintf("%s — %s", o.Name, o.Kind.Label())})
		}
	}
	if f == nil {
		// A referral made for a known family (from a worrying check-up)
		// is linked to it unless the team leader chooses otherwise.
		f = newForm(url.Values{"link_family": {fmt.Sprint(ref.FamilyID)}}, decisionFields...)
	}
	h.render(w, r, status, "referral_decide", &view{Title: "Intakebesluit " + ref.Number(), Nav: "aanmeldingen", Form: f, Page: p})
	return nil
}

func (h *Handler) showDecision(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	return h.renderDecision(w, r, http.StatusOK, id, nil)
}

func (h *Handler) saveDecision(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, decisionFields...)
	if err != nil {
		return err
	}
	in := regie.DecisionInput{Outcome: regie.IntakeOutcome(f.Get("outcome")), ReviewOn: f.Get("review_on"),
		ContactKeeper: f.Get("contact_keeper"), OverrideReason: f.Get("override_reason"),
		WarmReferralOrgID: f.Int64("warm_referral_org"), Feedback: f.Get("feedback"), Notes: f.Get("notes"),
		LinkFamilyID: f.Int64("link_family")}
	for _, c := range f.Values["contra_indications"] {
		in.ContraIndications = append(in.ContraIndications, regie.ContraIndication(c))
	}
	d, err := h.Referrals.DecideIntake(r.Context(), id, in)
	if f.withError(err) {
		return h.renderDecision(w, r, http.StatusUnprocessableEntity, id, f)
	} else if err != nil {
		return err
	}
	if d.Outcome == regie.IntakeAccept {
		// Straight on to choosing the coordinator.
		h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/toewijzing", d.FamilyID), regie.MsgFlashAccepted)
		return nil
	}
	h.redirect(w, r, fmt.Sprintf("/aanmeldingen/%d", id), regie.MsgFlashDecided)
	return nil
}
