package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"regie"
	"regie/internal/request"
)

// Bewaartermijnen: the privacy officer's page of retention (Jeugdwet
// 7.3.8) — what is due, what comes, what is held — the approval of
// destruction after a second look, the retention run, and the requests to
// destroy (7.3.9).

type retentionPage struct {
	R *regie.Retention
	// LiftFamily and LiftForm are the lift of a hold that came back
	// with an error.
	LiftFamily int64
	LiftForm   *form
}

func (h *Handler) showRetention(w http.ResponseWriter, r *http.Request) error {
	return h.renderRetention(w, r, http.StatusOK, newForm(nil, "dossier", "hold_reason"), 0, nil)
}

func (h *Handler) renderRetention(w http.ResponseWriter, r *http.Request, status int, f *form, liftFamily int64, lift *form) error {
	ret, err := h.Retention.FindRetention(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, status, "retention", &view{Title: "Bewaartermijnen", Nav: "bewaartermijnen", Form: f,
		Page: retentionPage{R: ret, LiftFamily: liftFamily, LiftForm: lift}})
	return nil
}

// parseDossier reads a dossier number as typed: "G-000012", "g12" or "12".
func parseDossier(s string) int64 {
	s = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(strings.ToUpper(s)), "G"), "-"), "0")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// dossiers reads the selected files of the approval.
func dossiers(values []string) []int64 {
	var ids []int64
	for _, v := range values {
		if id := parseDossier(v); id != 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

func (h *Handler) placeHold(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, "dossier", "hold_reason")
	if err != nil {
		return err
	}
	id := parseDossier(f.Get("dossier"))
	err = h.Retention.PlaceHold(r.Context(), id, f.Get("hold_reason"))
	if f.withError(err) {
		if msg, ok := f.Errors["family"]; ok {
			delete(f.Errors, "family")
			f.Errors["dossier"] = msg
		}
		if id == 0 {
			f.Errors["dossier"] = regie.Text(regie.MsgRequired)
		}
		return h.renderRetention(w, r, http.StatusUnprocessableEntity, f, 0, nil)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/bewaartermijnen", regie.MsgFlashHoldPlaced)
	return nil
}

func (h *Handler) liftHold(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "hold_reason")
	if err != nil {
		return err
	}
	err = h.Retention.LiftHold(r.Context(), id, f.Get("hold_reason"))
	if f.withError(err) {
		return h.renderRetention(w, r, http.StatusUnprocessableEntity, newForm(nil, "dossier", "hold_reason"), id, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/bewaartermijnen", regie.MsgFlashHoldLifted)
	return nil
}

// approvePage is the second look before the approval: the chosen files.
type approvePage struct {
	Files []*regie.RetentionFile
}

// showApprove shows the files chosen on the overview (?dossier=…) once
// more, with their dates, before the privacy officer approves.
func (h *Handler) showApprove(w http.ResponseWriter, r *http.Request) error {
	ret, err := h.Retention.FindRetention(r.Context())
	if err != nil {
		return err
	}
	chosen := map[int64]bool{}
	for _, id := range dossiers(r.URL.Query()["dossier"]) {
		chosen[id] = true
	}
	f := newForm(nil, "families")
	var files []*regie.RetentionFile
	for _, fl := range ret.Due {
		if chosen[fl.FamilyID] {
			files = append(files, fl)
		}
	}
	if len(files) == 0 {
		f.Errors = map[string]string{"families": regie.Text(regie.MsgNoneSelected)}
	}
	h.render(w, r, http.StatusOK, "retention_approve", &view{Title: "Vernietiging goedkeuren", Nav: "bewaartermijnen", Form: f, Page: approvePage{files}})
	return nil
}

func (h *Handler) approveDestruction(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, "families")
	if err != nil {
		return err
	}
	_, err = h.Retention.ApproveDestruction(r.Context(), dossiers(f.Values["dossier"]))
	if f.withError(err) {
		h.render(w, r, http.StatusUnprocessableEntity, "retention_approve", &view{Title: "Vernietiging goedkeuren", Nav: "bewaartermijnen", Form: f, Page: approvePage{}})
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/bewaartermijnen", regie.MsgFlashBatchApproved)
	return nil
}

func (h *Handler) runRetention(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.Retention.RunRetention(r.Context()); err != nil {
		return err
	}
	h.redirect(w, r, "/bewaartermijnen#rondes", regie.MsgFlashRunDone)
	return nil
}

// requestNewPage records a request: first the file (by its number), then
// who asks, when it came in and what is asked.
type requestNewPage struct {
	FamilyID      int64
	HouseholdName string
	Members       []option
}

var requestFields = []string{"dossier", "member_id", "received_on", "what"}

func (h *Handler) showRequestNew(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).Retention {
		return regie.Forbidden()
	}
	f := newForm(url.Values{"dossier": {r.URL.Query().Get("dossier")}}, requestFields...)
	return h.renderRequestNew(w, r, http.StatusOK, f)
}

func (h *Handler) renderRequestNew(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	page := requestNewPage{}
	if f.Get("dossier") != "" {
		page.FamilyID = parseDossier(f.Get("dossier"))
		name, members, err := h.Retention.FindRequestMembers(r.Context(), page.FamilyID)
		switch {
		case regie.ErrorCode(err) == regie.ENOTFOUND:
			page.FamilyID = 0
			if f.Errors == nil {
				f.Errors = map[string]string{}
			}
			f.Errors["dossier"] = regie.Text(regie.MsgNotFound)
			if status == http.StatusOK {
				status = http.StatusUnprocessableEntity
			}
		case err != nil:
			return err
		}
		page.HouseholdName = name
		for _, m := range members {
			page.Members = append(page.Members, option{strconv.FormatInt(m.ID, 10), m.Name() + " (" + strings.ToLower(m.Relation.Label()) + ")"})
		}
	}
	h.render(w, r, status, "retention_request_new", &view{Title: "Verzoek tot vernietiging vastleggen", Nav: "bewaartermijnen", Form: f, Page: page})
	return nil
}

func (h *Handler) recordRequest(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, requestFields...)
	if err != nil {
		return err
	}
	id, err := h.Retention.RecordDestructionRequest(r.Context(), regie.DestructionRequestInput{
		FamilyID: parseDossier(f.Get("dossier")), MemberID: f.Int64("member_id"), ReceivedOn: f.Get("received_on"), What: f.Get("what")})
	if regie.ErrorCode(err) == regie.ENOTFOUND || f.withError(err) {
		return h.renderRequestNew(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/bewaartermijnen/verzoeken/"+strconv.FormatInt(id, 10), regie.MsgFlashRequestRecorded)
	return nil
}

type requestPage struct {
	Req        *regie.DestructionRequest
	Outcomes   []option
	Exceptions []option
}

func (h *Handler) showRequest(w http.ResponseWriter, r *http.Request) error {
	return h.renderRequest(w, r, http.StatusOK, newForm(nil, "outcome", "exception", "reason"))
}

func (h *Handler) renderRequest(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	req, err := h.Retention.FindDestructionRequest(r.Context(), id)
	if err != nil {
		return err
	}
	h.render(w, r, status, "retention_request", &view{Title: "Verzoek tot vernietiging", Nav: "bewaartermijnen", Form: f,
		Page: requestPage{Req: req, Outcomes: choiceOptions(regie.RequestOutcomes), Exceptions: choiceOptions(regie.RequestExceptions)}})
	return nil
}

func (h *Handler) decideRequest(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "outcome", "exception", "reason")
	if err != nil {
		return err
	}
	err = h.Retention.DecideDestructionRequest(r.Context(), id, regie.RequestDecision{Outcome: regie.RequestOutcome(f.Get("outcome")),
		Exception: regie.RequestException(f.Get("exception")), Reason: f.Get("reason")})
	if f.withError(err) {
		return h.renderRequest(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/bewaartermijnen/verzoeken/"+strconv.FormatInt(id, 10), regie.MsgFlashRequestDecided)
	return nil
}

// Years is the retention term of Jeugdwet 7.3.8.
func (retentionPage) Years() int { return regie.RetentionYears }
