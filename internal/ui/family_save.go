package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"regie"
	"regie/internal/request"
)

// familyFields are the fields of the family form, top to bottom.
var familyFields = []string{"household_name", "street", "postcode", "city", "district", "dutch_proficiency",
	"languages", "interpreter_needed", "composition_notes"}

// familyFormPage is the data of the family form.
type familyFormPage struct {
	Family        *regie.Family // nil when creating
	Districts     []option
	Proficiencies []option
}

func familyInput(f *form) regie.FamilyInput {
	return regie.FamilyInput{
		HouseholdName:     f.Get("household_name"),
		Street:            f.Get("street"),
		Postcode:          f.Get("postcode"),
		City:              f.Get("city"),
		DistrictID:        f.Int64("district"),
		DutchProficiency:  regie.Proficiency(f.Get("dutch_proficiency")),
		Languages:         f.Get("languages"),
		InterpreterNeeded: f.Get("interpreter_needed") != "",
		CompositionNotes:  f.Get("composition_notes"),
		Version:           int(f.Int64("version")),
	}
}

// familyValues fills the edit form from a stored family, with its version.
func familyValues(fam *regie.Family) url.Values {
	vals := url.Values{
		"household_name":    {fam.HouseholdName},
		"street":            {fam.Street},
		"postcode":          {fam.Postcode},
		"city":              {fam.City},
		"district":          {fmt.Sprint(fam.DistrictID)},
		"dutch_proficiency": {string(fam.DutchProficiency)},
		"languages":         {fam.Languages},
		"composition_notes": {fam.CompositionNotes},
		"version":           {fmt.Sprint(fam.Version)},
	}
	if fam.InterpreterNeeded {
		vals.Set("interpreter_needed", "1")
	}
	return vals
}

// districtOptions returns the districts of a team as options.
func (h *Handler) districtOptions(r *http.Request, teamID int64) ([]option, error) {
	teams, err := h.Users.FindTeams(r.Context())
	if err != nil {
		return nil, err
	}
	var opts []option
	for _, t := range teams {
		if t.ID == teamID {
			for _, d := range t.Districts {
				opts = append(opts, option{fmt.Sprint(d.ID), d.Name})
			}
		}
	}
	return opts, nil
}

func (h *Handler) renderFamilyForm(w http.ResponseWriter, r *http.Request, status int, f *form, fam *regie.Family) error {
	teamID := actor(r).TeamID
	title, nav := "Nieuw gezin", "nieuw"
	if fam != nil {
		teamID, title, nav = fam.TeamID, "Gezinsgegevens wijzigen", h.familyNav(r)
	}
	districts, err := h.districtOptions(r, teamID)
	if err != nil {
		return err
	}
	if f.Conflict != nil && fam != nil {
		f.Conflict.Fields = diffValues(familyValues(fam), f, familyFields, func(field string, vs []string) string {
			v := strings.Join(vs, ", ")
			switch field {
			case "district":
				return choiceLabel(districts, v)
			case "dutch_proficiency":
				return regie.Proficiency(v).Label()
			case "interpreter_needed":
				if v != "" {
					return "ja"
				}
				return "nee"
			}
			return v
		})
	}
	h.render(w, r, status, "family_form", &view{Title: title, Nav: nav, Form: f,
		Page: familyFormPage{Family: fam, Districts: districts, Proficiencies: choiceOptions(regie.Proficiencies)}})
	return nil
}

func (h *Handler) showFamilyNew(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).NewFamily {
		// The store would refuse the form's submission anyway.
		return regie.Forbidden()
	}
	f := newForm(url.Values{"city": {""}, "dutch_proficiency": {"onbekend"}}, familyFields...)
	return h.renderFamilyForm(w, r, http.StatusOK, f, nil)
}

func (h *Handler) createFamily(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, familyFields...)
	if err != nil {
		return err
	}
	fam, err := h.Families.CreateFamily(r.Context(), familyInput(f))
	if f.withError(err) {
		return h.renderFamilyForm(w, r, http.StatusUnprocessableEntity, f, nil)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/leden/nieuw", fam.ID), regie.MsgFlashFamilyCreated)
	return nil
}

func (h *Handler) showFamilyEdit(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	if !fam.Can.Edit {
		return regie.Forbidden()
	}
	return h.renderFamilyForm(w, r, http.StatusOK, newForm(familyValues(fam), familyFields...), fam)
}

func (h *Handler) updateFamily(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, familyFields...)
	if err != nil {
		return err
	}
	err = h.Families.UpdateFamily(r.Context(), id, familyInput(f))
	if regie.ErrorCode(err) == regie.ESTALE {
		// Someone saved the family in between: nothing was saved; show
		// what was typed next to what is stored now, from its version.
		fam, ferr := h.Families.FindFamilyByID(r.Context(), id)
		if ferr != nil {
			return ferr
		}
		f.Conflict = newConflict(err, fam.UpdatedByName, fam.UpdatedAt)
		f.Values.Set("version", fmt.Sprint(fam.Version))
		return h.renderFamilyForm(w, r, http.StatusConflict, f, fam)
	}
	if f.withError(err) {
		// Show the form again with what was typed; the family itself is
		// read again (audited) only for its team's districts.
		fam, ferr := h.Families.FindFamilyByID(r.Context(), id)
		if ferr != nil {
			return ferr
		}
		return h.renderFamilyForm(w, r, http.StatusUnprocessableEntity, f, fam)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashFamilySaved)
	return nil
}
