package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

var memberFields = []string{"given_name", "family_name", "birth_date", "relation", "bsn"}

// memberFormPage is the data of the member forms.
type memberFormPage struct {
	Family    *regie.Family
	Member    *regie.Member // nil when adding
	Relations []option
}

func memberInput(f *form) regie.MemberInput {
	return regie.MemberInput{GivenName: f.Get("given_name"), FamilyName: f.Get("family_name"),
		BirthDate: f.Get("birth_date"), Relation: regie.Relation(f.Get("relation")), BSN: f.Get("bsn")}
}

// familyAndMember reads the family (audited), refuses unless the store's
// answer allows what the page is for (may), and finds the member in it.
func (h *Handler) familyAndMember(r *http.Request, needMember bool, may func(regie.FamilyPermissions) bool) (*regie.Family, *regie.Member, error) {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return nil, nil, err
	}
	if !may(fam.Can) {
		return nil, nil, regie.Forbidden()
	}
	if !needMember {
		return fam, nil, nil
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return nil, nil, err
	}
	for _, m := range fam.Members {
		if m.ID == mid {
			return fam, m, nil
		}
	}
	return nil, nil, regie.NotFound()
}

func (h *Handler) renderMemberForm(w http.ResponseWriter, r *http.Request, status int, f *form, fam *regie.Family, m *regie.Member) {
	title := "Gezinslid toevoegen"
	if m != nil {
		title = "Gezinslid wijzigen"
	}
	h.render(w, r, status, "member_form", &view{Title: title, Nav: h.familyNav(r), Form: f,
		Page: memberFormPage{Family: fam, Member: m, Relations: choiceOptions(regie.Relations)}})
}

func (h *Handler) showMemberNew(w http.ResponseWriter, r *http.Request) error {
	fam, _, err := h.familyAndMember(r, false, mayMembers)
	if err != nil {
		return err
	}
	h.renderMemberForm(w, r, http.StatusOK, newForm(nil, memberFields...), fam, nil)
	return nil
}

func (h *Handler) addMember(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, memberFields...)
	if err != nil {
		return err
	}
	_, err = h.Families.AddMember(r.Context(), id, memberInput(f))
	if f.withError(err) {
		fam, _, ferr := h.familyAndMember(r, false, mayMembers)
		if ferr != nil {
			return ferr
		}
		h.renderMemberForm(w, r, http.StatusUnprocessableEntity, f, fam, nil)
		return nil
	} else if err != nil {
		return err
	}
	to := fmt.Sprintf("/gezinnen/%d", id)
	if f.Get("next") == "another" {
		to += "/leden/nieuw"
	}
	h.redirect(w, r, to, regie.MsgFlashMemberAdded)
	return nil
}

func (h *Handler) showMemberEdit(w http.ResponseWriter, r *http.Request) error {
	fam, m, err := h.familyAndMember(r, true, mayMembers)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"given_name": {m.GivenName}, "family_name": {m.FamilyName}, "birth_date": {m.BirthDate.ISO()},
		"relation": {string(m.Relation)}, "bsn": {m.BSN}}, memberFields...)
	h.renderMemberForm(w, r, http.StatusOK, f, fam, m)
	return nil
}

func (h *Handler) updateMember(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, memberFields...)
	if err != nil {
		return err
	}
	err = h.Families.UpdateMember(r.Context(), id, mid, memberInput(f))
	if f.withError(err) {
		fam, m, ferr := h.familyAndMember(r, true, mayMembers)
		if ferr != nil {
			return ferr
		}
		h.renderMemberForm(w, r, http.StatusUnprocessableEntity, f, fam, m)
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashMemberSaved)
	return nil
}

var memberEndFields = []string{"ended_on", "reason"}

func (h *Handler) showMemberEnd(w http.ResponseWriter, r *http.Request) error {
	fam, m, err := h.familyAndMember(r, true, mayMembers)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"ended_on": {regie.DateOf(h.Clock.Now()).ISO()}}, memberEndFields...)
	h.render(w, r, http.StatusOK, "member_end", &view{Title: "Gezinslid uitschrijven", Nav: h.familyNav(r), Form: f,
		Page: memberFormPage{Family: fam, Member: m}})
	return nil
}

func (h *Handler) endMember(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, memberEndFields...)
	if err != nil {
		return err
	}
	err = h.Families.EndMember(r.Context(), id, mid, regie.MemberEnd{EndedOn: f.Get("ended_on"), Reason: f.Get("reason")})
	if f.withError(err) {
		fam, m, ferr := h.familyAndMember(r, true, mayMembers)
		if ferr != nil {
			return ferr
		}
		h.render(w, r, http.StatusUnprocessableEntity, "member_end", &view{Title: "Gezinslid uitschrijven", Nav: h.familyNav(r),
			Form: f, Page: memberFormPage{Family: fam, Member: m}})
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashMemberEnded)
	return nil
}

func mayMembers(c regie.FamilyPermissions) bool { return c.Members }
