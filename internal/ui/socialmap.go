package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

var orgFields = []string{"name", "kind", "district", "contact_person", "phone", "email", "waiting_weeks", "notes", "active"}

// socialMapPage is the social map.
type socialMapPage struct {
	Organisations []*regie.Organisation
	Kind          string
	Kinds         []option
	CanEdit       bool
}

func (h *Handler) showSocialMap(w http.ResponseWriter, r *http.Request) error {
	kind := regie.OrgKind(r.URL.Query().Get("soort"))
	if !regie.IsChoice(regie.OrgKinds, kind) {
		kind = ""
	}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Kind: kind})
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "socialmap", &view{Title: "Sociale kaart", Nav: "socialekaart", Page: socialMapPage{
		Organisations: orgs, Kind: string(kind), Kinds: choiceOptions(regie.OrgKinds), CanEdit: h.Permissions.Permissions(r.Context()).EditSocialMap}})
	return nil
}

// organisationFormPage is the data of the social-map form.
type organisationFormPage struct {
	Organisation *regie.Organisation
	Kinds        []option
	Districts    []option
}

func (h *Handler) renderOrganisationForm(w http.ResponseWriter, r *http.Request, status int, f *form, o *regie.Organisation) error {
	if !h.Permissions.Permissions(r.Context()).EditSocialMap {
		return regie.Forbidden()
	}
	teams, err := h.Users.FindTeams(r.Context())
	if err != nil {
		return err
	}
	var districts []option
	for _, t := range teams {
		for _, d := range t.Districts {
			districts = append(districts, option{fmt.Sprint(d.ID), d.Name})
		}
	}
	title := "Organisatie toevoegen"
	if o != nil {
		title = o.Name + " wijzigen"
	}
	h.render(w, r, status, "organisation_form", &view{Title: title, Nav: "socialekaart", Form: f,
		Page: organisationFormPage{Organisation: o, Kinds: choiceOptions(regie.OrgKinds[1:]), Districts: districts}})
	return nil
}

func organisationInput(f *form) regie.OrganisationInput {
	return regie.OrganisationInput{Name: f.Get("name"), Kind: regie.OrgKind(f.Get("kind")), DistrictID: f.Int64("district"),
		ContactPerson: f.Get("contact_person"), Phone: f.Get("phone"), Email: f.Get("email"), WaitingWeeks: f.Get("waiting_weeks"),
		Notes: f.Get("notes"), Active: f.Get("active") != ""}
}

func (h *Handler) showOrganisationNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderOrganisationForm(w, r, http.StatusOK, newForm(url.Values{"active": {"1"}}, orgFields...), nil)
}

func (h *Handler) createOrganisation(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, orgFields...)
	if err != nil {
		return err
	}
	_, err = h.SocialMap.CreateOrganisationEntry(r.Context(), organisationInput(f))
	if f.withError(err) {
		return h.renderOrganisationForm(w, r, http.StatusUnprocessableEntity, f, nil)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/sociale-kaart", regie.MsgFlashOrganisationSaved)
	return nil
}

func (h *Handler) showOrganisationEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	o, err := h.SocialMap.FindOrganisationByID(r.Context(), id)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"name": {o.Name}, "kind": {string(o.Kind)}, "contact_person": {o.ContactPerson}, "phone": {o.Phone},
		"email": {o.Email}, "notes": {o.Notes}}, orgFields...)
	if o.DistrictID != 0 {
		f.Values.Set("district", fmt.Sprint(o.DistrictID))
	}
	if o.WaitingWeeks >= 0 {
		f.Values.Set("waiting_weeks", fmt.Sprint(o.WaitingWeeks))
	}
	if o.Active {
		f.Values.Set("active", "1")
	}
	return h.renderOrganisationForm(w, r, http.StatusOK, f, o)
}

func (h *Handler) updateOrganisation(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, orgFields...)
	if err != nil {
		return err
	}
	err = h.SocialMap.UpdateOrganisationEntry(r.Context(), id, organisationInput(f))
	if f.withError(err) {
		o, ferr := h.SocialMap.FindOrganisationByID(r.Context(), id)
		if ferr != nil {
			return ferr
		}
		return h.renderOrganisationForm(w, r, http.StatusUnprocessableEntity, f, o)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/sociale-kaart", regie.MsgFlashOrganisationSaved)
	return nil
}

// normsPage is the administrator's page of norms.
type normsPage struct {
	Settings []regie.NormSetting
}

func (h *Handler) showNorms(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).Settings {
		return regie.Forbidden()
	}
	n, err := h.Settings.FindNorms(r.Context())
	if err != nil {
		return err
	}
	f := newForm(nil)
	for _, s := range regie.NormSettings {
		f.Values.Set(s.Key, fmt.Sprint(s.Value(n)))
		f.Order = append(f.Order, s.Key)
	}
	h.render(w, r, http.StatusOK, "norms", &view{Title: "Normen", Nav: "normen", Form: f, Page: normsPage{Settings: regie.NormSettings}})
	return nil
}

func (h *Handler) saveNorms(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	values := map[string]string{}
	for _, s := range regie.NormSettings {
		if _, ok := f.Values[s.Key]; ok {
			values[s.Key] = f.Get(s.Key)
		}
		f.Order = append(f.Order, s.Key)
	}
	err = h.Settings.SaveNorms(r.Context(), values)
	if f.withError(err) {
		h.render(w, r, http.StatusUnprocessableEntity, "norms", &view{Title: "Normen", Nav: "normen", Form: f, Page: normsPage{Settings: regie.NormSettings}})
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/beheer/normen", regie.MsgFlashNormsSaved)
	return nil
}
