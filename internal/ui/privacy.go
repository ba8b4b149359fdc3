package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/pdf"
	"regie/internal/request"
)

// The privacy officer's area: the data subject's rights (AVG 15, 16, 20)
// and the register of processing (AVG 30). The person export is found by
// searching the family (as the access log is), choosing the member and
// downloading the PDF or the JSON; a request to correct data is recorded
// on the family's privacy page and decided on its own page.

// privacyPage is the area's start page.
type privacyPage struct {
	Query    string
	Searched bool
	Families []*regie.FamilySummary
	// Open are the open requests for rectification, oldest first.
	Open []*regie.Rectification
}

func (h *Handler) showPrivacy(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	can := h.Permissions.Permissions(ctx)
	if !can.Privacy {
		return regie.Forbidden()
	}
	p := privacyPage{Query: regie.Clean(r.URL.Query().Get("q"))}
	f := newForm(url.Values{"q": {p.Query}}, "q")
	var err error
	if can.Rectifications {
		if p.Open, err = h.Privacy.FindRectifications(ctx, regie.RectificationFilter{OpenOnly: true}); err != nil {
			return err
		}
	}
	if _, asked := r.URL.Query()["q"]; asked && can.PersonExport {
		p.Families, _, err = h.Families.FindFamilies(ctx, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: p.Query, Closed: true, Limit: 50})
		switch {
		case f.withError(err):
		case err != nil:
			return err
		default:
			p.Searched = true
		}
	}
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "privacy", &view{Title: "Privacy", Nav: "privacy", Form: f, Page: p})
	return nil
}

// privacyFamilyPage is one family on the privacy officer's side: its
// members to export, its requests for rectification and the form for a
// new one.
type privacyFamilyPage struct {
	*regie.PersonExportFamily
	MemberOptions []option
	Segments      []option
}

var rectificationFields = []string{"member", "segment", "data", "requested", "received_on"}

func (h *Handler) renderPrivacyFamily(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	fam, err := h.Privacy.FindPersonExportFamily(r.Context(), id)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(url.Values{"received_on": {regie.DateOf(h.Clock.Now()).ISO()}})
	}
	f.Order = rectificationFields
	p := privacyFamilyPage{PersonExportFamily: fam}
	for _, m := range fam.Members {
		p.MemberOptions = append(p.MemberOptions, option{strconv.FormatInt(m.ID, 10), m.Name() + " (" + m.Relation.Label() + ")"})
	}
	for _, s := range regie.RectificationSegments {
		p.Segments = append(p.Segments, option{string(s), s.Label()})
	}
	h.render(w, r, status, "privacy_family", &view{Title: "Privacy: " + fam.HouseholdName, Nav: "privacy", Form: f, Page: p})
	return nil
}

func (h *Handler) showPrivacyFamily(w http.ResponseWriter, r *http.Request) error {
	return h.renderPrivacyFamily(w, r, http.StatusOK, nil)
}

func (h *Handler) createRectification(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, rectificationFields...)
	if err != nil {
		return err
	}
	_, err = h.Privacy.CreateRectification(r.Context(), id, regie.RectificationInput{MemberID: f.Int64("member"),
		Segment: regie.Segment(f.Get("segment")), What: f.Get("data"), Requested: f.Get("requested"), ReceivedOn: f.Get("received_on")})
	if f.withError(err) {
		return h.renderPrivacyFamily(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/privacy/gezinnen/%d", id), regie.MsgFlashRectificationCreated)
	return nil
}

// personExport reads the export of the path's family and member.
func (h *Handler) personExport(r *http.Request) (*regie.PersonExport, error) {
	id, err := request.ID(r, "id")
	if err != nil {
		return nil, err
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return nil, err
	}
	return h.Privacy.ExportPerson(r.Context(), id, mid)
}

// downloadPersonPDF serves the readable export (AVG 15).
func (h *Handler) downloadPersonPDF(w http.ResponseWriter, r *http.Request) error {
	e, err := h.personExport(r)
	if err != nil {
		return err
	}
	b, err := pdf.PersonExport(e, h.Clock.Now())
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("inzage-%s-%d.pdf", e.Family.DossierNumber, e.Person.ID), b)
	return nil
}

// downloadPersonJSON serves the machine-readable export (AVG 20).
func (h *Handler) downloadPersonJSON(w http.ResponseWriter, r *http.Request) error {
	e, err := h.personExport(r)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	serveAttachment(w, "application/json", fmt.Sprintf("inzage-%s-%d.json", e.Family.DossierNumber, e.Person.ID), b)
	return nil
}

// rectificationPage is one request with the form for its outcome.
type rectificationPage struct {
	FamilyID      int64
	HouseholdName string
	Request       *regie.Rectification
	Outcomes      []option
}

var rectificationDecisionFields = []string{"outcome", "reason", "decided_on"}

func (h *Handler) renderRectification(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	rid, err := request.ID(r, "vzid")
	if err != nil {
		return err
	}
	fam, err := h.Privacy.FindPersonExportFamily(r.Context(), id)
	if err != nil {
		return err
	}
	p := rectificationPage{FamilyID: id, HouseholdName: fam.HouseholdName}
	for _, rq := range fam.Rectifications {
		if rq.ID == rid {
			p.Request = rq
		}
	}
	if p.Request == nil {
		return regie.NotFound()
	}
	if f == nil {
		f = newForm(url.Values{"decided_on": {regie.DateOf(h.Clock.Now()).ISO()}})
	}
	f.Order = rectificationDecisionFields
	for _, o := range regie.RectificationOutcomes {
		p.Outcomes = append(p.Outcomes, option{string(o.Value), o.Label})
	}
	h.render(w, r, status, "rectification", &view{Title: "Verzoek tot correctie van " + p.Request.MemberName, Nav: "privacy", Form: f, Page: p})
	return nil
}

func (h *Handler) showRectification(w http.ResponseWriter, r *http.Request) error {
	return h.renderRectification(w, r, http.StatusOK, nil)
}

func (h *Handler) decideRectification(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	rid, err := request.ID(r, "vzid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, rectificationDecisionFields...)
	if err != nil {
		return err
	}
	err = h.Privacy.DecideRectification(r.Context(), id, rid, regie.RectificationDecision{Outcome: regie.RectificationOutcome(f.Get("outcome")),
		Reason: f.Get("reason"), DecidedOn: f.Get("decided_on")})
	if f.withError(err) {
		return h.renderRectification(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/privacy/gezinnen/%d", id), regie.MsgFlashRectificationDecided)
	return nil
}

// showRegister is the register of processing, printable.
func (h *Handler) showRegister(w http.ResponseWriter, r *http.Request) error {
	reg, err := h.Privacy.ProcessingRegister(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "register", &view{Title: "Verwerkingsregister", Nav: "privacy", Page: reg})
	return nil
}
