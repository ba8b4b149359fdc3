package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/request"
)

// Trajectories: which agency does what with whom, and how many agencies
// are involved with the family now and over the past year.

var trajectoryFields = []string{"member", "domain", "org", "intervention", "status", "waiting_since", "started_on", "ended_on",
	"reason", "contact_person"}

type trajectoriesPage struct {
	Family       *regie.Family
	Trajectories *regie.Trajectories
}

func (h *Handler) showTrajectories(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	ts, err := h.Trajectories.FindTrajectories(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "trajectories", &view{Title: "Trajecten", Nav: h.familyNav(r), Page: trajectoriesPage{fam, ts}})
	return nil
}

type trajectoryFormPage struct {
	Family        *regie.Family
	Trajectory    *regie.Trajectory // nil when new
	Members       []option
	Domains       []option
	Organisations []option
	Statuses      []option
}

func (h *Handler) renderTrajectoryForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	if fam.Trajectories == nil {
		return regie.NotFound()
	}
	p := trajectoryFormPage{Family: fam, Domains: choiceOptions(regie.Domains), Statuses: choiceOptions(regie.TrajectoryStatuses)}
	if tid := r.PathValue("tid"); tid != "" {
		n, _ := strconv.ParseInt(tid, 10, 64)
		for _, t := range fam.Trajectories.List {
			if t.ID == n {
				p.Trajectory = t
			}
		}
		if p.Trajectory == nil {
			return regie.NotFound()
		}
	}
	if !fam.Can.Trajectories {
		return regie.Forbidden()
	}
	if f == nil {
		f = newForm(url.Values{"status": {string(regie.TrajectoryProposed)}})
		if t := p.Trajectory; t != nil {
			f = newForm(url.Values{"member": {idValue(t.MemberID)}, "domain": {string(t.Domain)}, "org": {idValue(t.OrgID)},
				"intervention": {t.Intervention}, "status": {string(t.Status)}, "waiting_since": {t.WaitingSince.ISO()},
				"started_on": {t.StartedOn.ISO()}, "ended_on": {t.EndedOn.ISO()}, "reason": {t.Reason}, "contact_person": {t.ContactPerson}})
		}
	}
	f.Order = trajectoryFields
	for _, m := range fam.CurrentMembers() {
		p.Members = append(p.Members, option{strconv.FormatInt(m.ID, 10), m.Name()})
	}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if o.Own {
			continue
		}
		label := o.Name
		if o.WaitingWeeks > 0 {
			label += fmt.Sprintf(" (wachttijd ± %d weken)", o.WaitingWeeks)
		}
		p.Organisations = append(p.Organisations, option{strconv.FormatInt(o.ID, 10), label})
	}
	title := "Traject toevoegen"
	if p.Trajectory != nil {
		title = "Traject bijwerken"
	}
	h.render(w, r, status, "trajectory_form", &view{Title: title, Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

// idValue is an id as a form value, empty for 0.
func idValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func (h *Handler) showTrajectoryNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderTrajectoryForm(w, r, http.StatusOK, nil)
}

func (h *Handler) showTrajectoryEdit(w http.ResponseWriter, r *http.Request) error {
	return h.renderTrajectoryForm(w, r, http.StatusOK, nil)
}

func (h *Handler) saveTrajectory(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	var tid int64
	if r.PathValue("tid") != "" {
		if tid, err = request.ID(r, "tid"); err != nil {
			return err
		}
	}
	f, err := formFromRequest(r, trajectoryFields...)
	if err != nil {
		return err
	}
	in := regie.TrajectoryInput{MemberID: f.Int64("member"), Domain: regie.Domain(f.Get("domain")), OrgID: f.Int64("org"),
		Intervention: f.Get("intervention"), Status: regie.TrajectoryStatus(f.Get("status")), WaitingSince: f.Get("waiting_since"),
		StartedOn: f.Get("started_on"), EndedOn: f.Get("ended_on"), Reason: f.Get("reason"), ContactPerson: f.Get("contact_person")}
	_, err = h.Trajectories.SaveTrajectory(r.Context(), id, tid, in)
	if f.withError(err) {
		return h.renderTrajectoryForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/trajecten", id), regie.MsgFlashTrajectorySaved)
	return nil
}
