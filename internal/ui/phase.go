package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"regie"
	"regie/internal/request"
)

// phasePage is a family's phase, checklist and history.
type phasePage struct {
	Family        *regie.Family
	Status        *regie.PhaseStatus
	Config        regie.PhaseConfig
	CanEdit       bool
	Organisations []option
	// Outcomes are the outcomes of closing the file (regie.CloseOutcomes).
	Outcomes []option
}

func (h *Handler) renderPhase(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	st, err := h.Phases.FindPhaseStatus(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	cfg, err := h.Phases.FindPhaseConfig(r.Context())
	if err != nil {
		return err
	}
	p := phasePage{Family: fam, Status: st, Config: cfg, CanEdit: fam.Can.Phase, Outcomes: choiceOptions(regie.CloseOutcomes)}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if !o.Own {
			p.Organisations = append(p.Organisations, option{fmt.Sprint(o.ID), o.Name})
		}
	}
	if f == nil {
		f = newForm(nil, "to", "on", "reason")
		if n := st.Next(); n != 0 {
			f.Values.Set("to", fmt.Sprint(int(n)))
		}
		if st.Extension != nil {
			f.Values.Set("extension", st.Extension.Reason)
		}
	}
	h.render(w, r, status, "phase", &view{Title: "Fase en checklist", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showPhase(w http.ResponseWriter, r *http.Request) error {
	return h.renderPhase(w, r, http.StatusOK, nil)
}

func (h *Handler) movePhase(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "to", "on", "reason")
	if err != nil {
		return err
	}
	to, _ := strconv.Atoi(f.Get("to"))
	err = h.Phases.MovePhase(r.Context(), id, regie.PhaseMove{To: regie.Phase(to), On: f.Get("on"), Reason: f.Get("reason")})
	if f.withError(err) {
		return h.renderPhase(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/fase", id), regie.MsgFlashPhaseMoved)
	return nil
}

func (h *Handler) tickItem(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "item")
	if err != nil {
		return err
	}
	err = h.Phases.TickItem(r.Context(), id, f.Get("item"), f.Get("done") == "1", f.Get("note"))
	if f.withError(err) {
		return h.renderPhase(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/gezinnen/%d/fase#checklist", id), http.StatusSeeOther) //nolint:gosec // a path built from a numeric id
	return nil
}

func (h *Handler) setExtension(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "extension", "agency")
	if err != nil {
		return err
	}
	err = h.Phases.SetExtension(r.Context(), id, f.Get("extension"), f.Int64("agency"))
	if f.withError(err) {
		return h.renderPhase(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/fase", id), regie.MsgFlashExtensionSaved)
	return nil
}

func (h *Handler) closeFamily(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "close_outcome", "close_reason", "onward_org", "onward_reason")
	if err != nil {
		return err
	}
	err = h.Coordination.CloseCoordination(r.Context(), id, regie.CloseInput{Reason: f.Get("close_reason"),
		Outcome: regie.CloseOutcome(f.Get("close_outcome")), OnwardOrgID: f.Int64("onward_org"), OnwardReason: f.Get("onward_reason")})
	if f.withError(err) {
		return h.renderPhase(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	// The casemanagers' assignments end with the file: back to the list.
	h.redirect(w, r, "/gezinnen", regie.MsgFlashFamilyClosed)
	return nil
}

// phaseConfigPage is the administrator's page of phases and checklists.
type phaseConfigPage struct {
	Config regie.PhaseConfig
	Extra  []int // rows for new items per phase
}

func (h *Handler) showPhaseConfig(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).Settings {
		return regie.Forbidden()
	}
	cfg, err := h.Phases.FindPhaseConfig(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "phase_config", &view{Title: "Fasen en checklists", Nav: "fasen", Form: newForm(nil),
		Page: phaseConfigPage{Config: cfg, Extra: []int{0, 1}}})
	return nil
}

// savePhaseConfig reads the form: per phase and item a label and an
// active box, two empty rows for new items, and the exit criteria one per
// line.
func (h *Handler) savePhaseConfig(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	cfg, err := h.Phases.FindPhaseConfig(r.Context())
	if err != nil {
		return err
	}
	for i := range cfg {
		d := &cfg[i]
		for j := range d.Checklist {
			it := &d.Checklist[j]
			name := fmt.Sprintf("p%d-%s", d.Phase, it.Key)
			it.Label, it.Active = f.Get(name+"-label"), f.Get(name+"-active") != ""
		}
		for n := range 2 {
			if label := regie.Clean(f.Get(fmt.Sprintf("p%d-new%d", d.Phase, n))); label != "" {
				d.Checklist = append(d.Checklist, regie.ChecklistItem{Key: fmt.Sprintf("eigen-%d-%d", d.Phase, len(d.Checklist)+1), Label: label, Active: true})
			}
		}
		if crit := splitLines(f.Get(fmt.Sprintf("p%d-exit", d.Phase))); len(crit) > 0 {
			d.ExitCriteria = crit
		}
	}
	err = h.Phases.SavePhaseConfig(r.Context(), cfg)
	if f.withError(err) {
		h.render(w, r, http.StatusUnprocessableEntity, "phase_config", &view{Title: "Fasen en checklists", Nav: "fasen", Form: f,
			Page: phaseConfigPage{Config: cfg, Extra: []int{0, 1}}})
		return nil
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/beheer/fasen", regie.MsgFlashPhasesSaved)
	return nil
}
