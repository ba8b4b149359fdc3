package ui

import (
	"fmt"
	"net/http"

	"regie"
	"regie/internal/request"
)

// referralListPage is the list of referrals: a referrer's own, or the
// team's inbox for staff.
type referralListPage struct {
	Referrer bool // the referrer's own referrals
	// Refer offers "Aanmelding noteren": staff note a referral for a
	// referrer.
	Refer   bool
	Open    []*regie.ReferralSummary // awaiting a decision
	Decided []*regie.ReferralSummary
}

func (h *Handler) showReferralList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Referrals.FindReferrals(r.Context(), regie.ReferralFilter{})
	if err != nil {
		return err
	}
	can := h.Permissions.Permissions(r.Context())
	p := referralListPage{Referrer: can.OwnReferralsOnly, Refer: can.Refer}
	for _, x := range list {
		if x.Status.Open() {
			p.Open = append(p.Open, x)
		} else {
			p.Decided = append(p.Decided, x)
		}
	}
	title := "Aanmeldingen"
	if p.Referrer {
		title = "Mijn aanmeldingen"
	}
	h.render(w, r, http.StatusOK, "referral_list", &view{Title: title, Nav: "aanmeldingen", Page: p})
	return nil
}

// referralPage is one referral; Referral.Can says what the actor may do
// with it.
type referralPage struct {
	Referral   *regie.Referral
	Duplicates []*regie.DuplicateCandidate
	NextMeet   string
	Openings   []option
}

func (h *Handler) showReferral(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	return h.renderReferral(w, r, http.StatusOK, id, nil)
}

func (h *Handler) renderReferral(w http.ResponseWriter, r *http.Request, status int, id int64, f *form) error {
	ref, err := h.Referrals.FindReferralByID(r.Context(), id)
	if err != nil {
		return err
	}
	p := referralPage{Referral: ref,
		NextMeet: regie.NextMeetingDay(regie.DateOf(h.Clock.Now())).ISO(), Openings: choiceOptions(regie.OpeningKinds)}
	if ref.Can.Decide {
		if p.Duplicates, err = h.Referrals.FindDuplicates(r.Context(), id); err != nil {
			return err
		}
	}
	if f == nil {
		f = newForm(nil)
	}
	h.render(w, r, status, "referral_show", &view{Title: "Aanmelding " + ref.Number(), Nav: "aanmeldingen", Form: f, Page: p})
	return nil
}

func (h *Handler) scheduleReferral(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "meeting")
	if err != nil {
		return err
	}
	err = h.Referrals.ScheduleReferral(r.Context(), id, f.Get("meeting"))
	if f.withError(err) {
		return h.renderReferral(w, r, http.StatusUnprocessableEntity, id, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/aanmeldingen/%d", id), regie.MsgFlashReferralScheduled)
	return nil
}

func (h *Handler) placePriority(w http.ResponseWriter, r *http.Request) error {
	return h.priorityAction(w, r, func(id int64, f *form) error {
		return h.Referrals.PlaceOnPriorityList(r.Context(), id, f.Get("reason"))
	})
}

func (h *Handler) recordOpening(w http.ResponseWriter, r *http.Request) error {
	return h.priorityAction(w, r, func(id int64, f *form) error {
		return h.Referrals.RecordOpening(r.Context(), id, regie.OpeningKind(f.Get("kind")), f.Get("note"))
	})
}

func (h *Handler) removePriority(w http.ResponseWriter, r *http.Request) error {
	return h.priorityAction(w, r, func(id int64, f *form) error {
		return h.Referrals.RemoveFromPriorityList(r.Context(), id, f.Get("reason"))
	})
}

// priorityAction runs one of the priority-list forms on the referral page.
func (h *Handler) priorityAction(w http.ResponseWriter, r *http.Request, do func(int64, *form) error) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "reason", "kind", "note")
	if err != nil {
		return err
	}
	err = do(id, f)
	if f.withError(err) {
		return h.renderReferral(w, r, http.StatusUnprocessableEntity, id, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/aanmeldingen/%d", id), regie.MsgFlashPrioritySaved)
	return nil
}

// waitingListPage is the team leader's overview of who is waiting.
type waitingListPage struct {
	Waiting   []*regie.ReferralSummary
	Portfolio []*regie.ReferralSummary
	Priority  []*regie.ReferralSummary
	Today     regie.Date
}

func (h *Handler) showWaitingList(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).WaitingList {
		// The waiting list is the team's tool; a referrer follows their
		// own referrals on the list of referrals.
		return regie.Forbidden()
	}
	list, err := h.Referrals.FindReferrals(r.Context(), regie.ReferralFilter{Statuses: []regie.ReferralStatus{
		regie.ReferralReceived, regie.ReferralOnAgenda, regie.ReferralWaiting, regie.ReferralPortfolio}})
	if err != nil {
		return err
	}
	p := waitingListPage{Today: regie.DateOf(h.Clock.Now())}
	for _, x := range list {
		switch x.Status {
		case regie.ReferralWaiting:
			p.Waiting = append(p.Waiting, x)
		case regie.ReferralPortfolio:
			p.Portfolio = append(p.Portfolio, x)
		}
		if x.Priority != nil {
			p.Priority = append(p.Priority, x)
		}
	}
	h.render(w, r, http.StatusOK, "waiting_list", &view{Title: "Wachtlijst en portefeuille", Nav: "wachtlijst", Page: p})
	return nil
}
