package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

var safetyFields = []string{"member", "what", "since", "severity", "actions", "meldcode"}

// safetyPage is the data of the safety forms.
type safetyPage struct {
	Family     *regie.Family
	Concern    *regie.SafetyConcern
	Members    []option
	Severities []option
	Meldcodes  []option
}

func (h *Handler) renderSafetyForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, _, err := h.familyAndMember(r, false, maySafety)
	if err != nil {
		return err
	}
	var members []option
	for _, m := range fam.CurrentMembers() {
		members = append(members, option{fmt.Sprint(m.ID), fmt.Sprintf("%s (%d jaar)", m.Name(), m.AgeOn(regie.DateOf(h.Clock.Now())))})
	}
	h.render(w, r, status, "safety_form", &view{Title: "Zorg over veiligheid vastleggen", Nav: h.familyNav(r), Form: f,
		Page: safetyPage{Family: fam, Members: members, Severities: choiceOptions(regie.Severities), Meldcodes: choiceOptions(regie.Meldcodes)}})
	return nil
}

func (h *Handler) showSafetyNew(w http.ResponseWriter, r *http.Request) error {
	f := newForm(url.Values{"since": {regie.DateOf(h.Clock.Now()).ISO()}, "meldcode": {"beoordelen"}}, safetyFields...)
	return h.renderSafetyForm(w, r, http.StatusOK, f)
}

func (h *Handler) addSafetyConcern(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, safetyFields...)
	if err != nil {
		return err
	}
	err = h.Families.AddSafetyConcern(r.Context(), id, regie.SafetyInput{MemberID: f.Int64("member"), What: f.Get("what"),
		Since: f.Get("since"), Severity: regie.Severity(f.Get("severity")), Actions: f.Get("actions"), Meldcode: regie.Meldcode(f.Get("meldcode"))})
	if f.withError(err) {
		return h.renderSafetyForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashSafetySaved)
	return nil
}

func (h *Handler) renderSafetyResolve(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, _, err := h.familyAndMember(r, false, maySafety)
	if err != nil {
		return err
	}
	sid, err := request.ID(r, "sid")
	if err != nil {
		return err
	}
	for _, c := range fam.OpenSafetyConcerns() {
		if c.ID == sid {
			h.render(w, r, status, "safety_resolve", &view{Title: "Zorg over veiligheid afsluiten", Nav: h.familyNav(r), Form: f,
				Page: safetyPage{Family: fam, Concern: c}})
			return nil
		}
	}
	return regie.NotFound()
}

func (h *Handler) showSafetyResolve(w http.ResponseWriter, r *http.Request) error {
	return h.renderSafetyResolve(w, r, http.StatusOK, newForm(nil, "note"))
}

func (h *Handler) resolveSafetyConcern(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	sid, err := request.ID(r, "sid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "note")
	if err != nil {
		return err
	}
	err = h.Families.ResolveSafetyConcern(r.Context(), id, sid, f.Get("note"))
	if f.withError(err) {
		return h.renderSafetyResolve(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashSafetyResolved)
	return nil
}

func maySafety(c regie.FamilyPermissions) bool { return c.Safety }
