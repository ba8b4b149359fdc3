package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/request"
)

// Check-ups after closing: the list and the moments, the form, and the new
// referral a worrying check-up starts. The page stands on its own (the
// last coordinator may not open the closed file itself), so it reads the
// check-ups, not the family.

// checkupOrgRows is the number of organisation rows the form offers.
const checkupOrgRows = 3

var checkupFields = []string{"checkup_on", "spoken_with", "orgs", "other_people", "family_doing", "cooperation", "assessment"}

type checkupsPage struct {
	Checkups *regie.Checkups
}

func (h *Handler) showCheckups(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	cs, err := h.Checkups.FindCheckups(r.Context(), id)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "checkups", &view{Title: "Check-ups na afsluiting", Nav: h.familyNav(r), Page: checkupsPage{cs}})
	return nil
}

type checkupFormPage struct {
	Checkups      *regie.Checkups
	Members       []option
	Organisations []option
	OrgRows       []int
	Assessments   []option
}

func (h *Handler) renderCheckupForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	cs, err := h.Checkups.FindCheckups(r.Context(), id)
	if err != nil {
		return err
	}
	if !cs.Can.Record {
		return regie.Forbidden()
	}
	p := checkupFormPage{Checkups: cs, Assessments: choiceOptions(regie.CheckupAssessments)}
	for _, m := range cs.Members {
		p.Members = append(p.Members, option{strconv.FormatInt(m.ID, 10), m.Name() + " (" + m.Relation.Label() + ")"})
	}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if !o.Own {
			p.Organisations = append(p.Organisations, option{strconv.FormatInt(o.ID, 10), o.Name})
		}
	}
	for i := range checkupOrgRows {
		p.OrgRows = append(p.OrgRows, i)
	}
	if f == nil {
		f = newForm(url.Values{"checkup_on": {regie.DateOf(h.Clock.Now()).ISO()}})
	}
	f.Order = checkupFields
	h.render(w, r, status, "checkup_form", &view{Title: "Check-up vastleggen", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showCheckupNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderCheckupForm(w, r, http.StatusOK, nil)
}

func (h *Handler) createCheckup(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, checkupFields...)
	if err != nil {
		return err
	}
	in := regie.CheckupInput{HeldOn: f.Get("checkup_on"), Others: f.Get("other_people"), Family: f.Get("family_doing"),
		Cooperation: f.Get("cooperation"), Assessment: regie.CheckupAssessment(f.Get("assessment"))}
	for _, v := range f.Values["member"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.MemberIDs = append(in.MemberIDs, n)
		}
	}
	for i := range checkupOrgRows {
		in.Orgs = append(in.Orgs, regie.CheckupParty{OrgID: f.Int64(fmt.Sprintf("org-%d", i)), Name: f.Get(fmt.Sprintf("org-%d-name", i))})
	}
	_, err = h.Checkups.CreateCheckup(r.Context(), id, in)
	if f.withError(err) {
		return h.renderCheckupForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/checkups", id), regie.MsgFlashCheckupSaved)
	return nil
}

// referFromCheckup is the button "Nieuwe aanmelding voor het teamoverleg"
// of a worrying check-up: one step, back to the check-ups (the last
// coordinator may not open the team's referrals' decisions).
func (h *Handler) referFromCheckup(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	cid, err := request.ID(r, "cid")
	if err != nil {
		return err
	}
	if _, err := h.Checkups.ReferFromCheckup(r.Context(), id, cid); regie.ErrorCode(err) == regie.EINVALID {
		// Not worrying, or referred already: the page says so.
		cs, ferr := h.Checkups.FindCheckups(r.Context(), id)
		if ferr != nil {
			return ferr
		}
		f := newForm(nil)
		f.withError(err)
		h.render(w, r, http.StatusUnprocessableEntity, "checkups", &view{Title: "Check-ups na afsluiting", Nav: h.familyNav(r),
			Form: f, Page: checkupsPage{cs}})
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/checkups", id), regie.MsgFlashCheckupReferred)
	return nil
}
