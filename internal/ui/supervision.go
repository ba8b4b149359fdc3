package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/request"
)

// Werkbegeleiding: the team leader's list of the team's workers with when
// their supervision is due, one worker's caseload with the sessions held
// and the form for the next, a session and its edit form; and the
// worker's own sessions (Mijn werkbegeleiding).

// supervisionFields are the session form's fields, top to bottom.
var supervisionFields = []string{"session_on", "leader_points", "worker_points", "agreements", "families"}

// supervisionListPage lists the workers of the team leader's team.
type supervisionListPage struct {
	Workers []*regie.SupervisionWorker
	Norms   regie.Norms
}

func (h *Handler) showSupervisionList(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).Supervision {
		return regie.Forbidden()
	}
	workers, err := h.Meetings.FindSupervisionWorkers(r.Context())
	if err != nil {
		return err
	}
	norms, err := h.Settings.FindNorms(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "supervision_list", &view{Title: "Werkbegeleiding", Nav: "werkbegeleiding",
		Page: supervisionListPage{Workers: workers, Norms: norms}})
	return nil
}

// supervisionPage is one worker's supervision view, with the form for the
// next session when the actor records one.
type supervisionPage struct {
	S       *regie.Supervision
	Cards   []familyCard // the worker's families
	MaxWeek int
	Phases  []regie.PhaseDef
	// Families are the choices for "families discussed".
	Families []*regie.FamilyName
}

func (h *Handler) showSupervision(w http.ResponseWriter, r *http.Request) error {
	return h.renderSupervision(w, r, http.StatusOK, nil)
}

func (h *Handler) renderSupervision(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	sv, err := h.Meetings.FindSupervision(r.Context(), id)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(url.Values{"session_on": {regie.DateOf(h.Clock.Now()).ISO()}}, supervisionFields...)
	}
	p := supervisionPage{S: sv, Phases: regie.DefaultPhases(), Cards: familyCards(sv.Families, regie.DateOf(h.Clock.Now()), nil)}
	for _, wk := range sv.PerWeek {
		p.MaxWeek = max(p.MaxWeek, wk.Minutes)
	}
	for _, fs := range sv.Families {
		p.Families = append(p.Families, &regie.FamilyName{ID: fs.ID, Name: fs.HouseholdName})
	}
	h.render(w, r, status, "supervision", &view{Title: "Werkbegeleiding " + sv.User.Name, Nav: "werkbegeleiding", Form: f, Page: p})
	return nil
}

// supervisionInput reads the session form.
func supervisionInput(f *form) regie.SupervisionInput {
	in := regie.SupervisionInput{HeldOn: f.Get("session_on"), LeaderPoints: f.Get("leader_points"), WorkerPoints: f.Get("worker_points"),
		Agreements: f.Get("agreements")}
	in.Version, _ = strconv.Atoi(f.Get("version"))
	for _, v := range f.Values["families"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.FamilyIDs = append(in.FamilyIDs, id)
		}
	}
	return in
}

func (h *Handler) createSupervisionSession(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, supervisionFields...)
	if err != nil {
		return err
	}
	s, err := h.Meetings.CreateSupervisionSession(r.Context(), id, supervisionInput(f))
	if f.withError(err) {
		return h.renderSupervision(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/werkbegeleiding/%d/gesprekken/%d", id, s.ID), regie.MsgFlashSupervision)
	return nil
}

// supervisionSessionPage is one session, or its edit form.
type supervisionSessionPage struct {
	Session  *regie.SupervisionSession
	Families []*regie.FamilyName // the choices, on the edit form
	Own      bool                // the worker reads their own
}

// sessionFromPath reads the session of a URL: its worker must be the
// worker of the URL.
func (h *Handler) sessionFromPath(r *http.Request) (*regie.SupervisionSession, error) {
	workerID, err := request.ID(r, "id")
	if err != nil {
		return nil, err
	}
	sid, err := request.ID(r, "gid")
	if err != nil {
		return nil, err
	}
	s, err := h.Meetings.FindSupervisionSession(r.Context(), sid)
	if err != nil {
		return nil, err
	}
	if s.WorkerID != workerID {
		return nil, regie.NotFound()
	}
	return s, nil
}

func (h *Handler) showSupervisionSession(w http.ResponseWriter, r *http.Request) error {
	s, err := h.sessionFromPath(r)
	if err != nil {
		return err
	}
	own := actor(r).UserID == s.WorkerID
	nav := "werkbegeleiding"
	if own {
		nav = "mijn-werkbegeleiding"
	}
	h.render(w, r, http.StatusOK, "supervision_session", &view{Title: "Werkbegeleiding " + s.HeldOn.Dutch(), Nav: nav,
		Page: supervisionSessionPage{Session: s, Own: own}})
	return nil
}

func (h *Handler) editSupervisionSession(w http.ResponseWriter, r *http.Request) error {
	s, err := h.sessionFromPath(r)
	if err != nil {
		return err
	}
	if !s.CanEdit {
		return regie.Forbidden()
	}
	return h.renderSessionForm(w, r, http.StatusOK, sessionForm(s), s)
}

// sessionForm fills the edit form with a session.
func sessionForm(s *regie.SupervisionSession) *form {
	v := url.Values{"session_on": {s.HeldOn.ISO()}, "leader_points": {s.LeaderPoints}, "worker_points": {s.WorkerPoints},
		"agreements": {s.Agreements}, "version": {strconv.Itoa(s.Version)}}
	for _, fn := range s.Families {
		v.Add("families", strconv.FormatInt(fn.ID, 10))
	}
	return newForm(v, supervisionFields...)
}

func (h *Handler) renderSessionForm(w http.ResponseWriter, r *http.Request, status int, f *form, s *regie.SupervisionSession) error {
	sv, err := h.Meetings.FindSupervision(r.Context(), s.WorkerID)
	if err != nil {
		return err
	}
	// The worker's families now, and those the session named before.
	p := supervisionSessionPage{Session: s}
	seen := map[int64]bool{}
	for _, fs := range sv.Families {
		p.Families = append(p.Families, &regie.FamilyName{ID: fs.ID, Name: fs.HouseholdName})
		seen[fs.ID] = true
	}
	for _, fn := range s.Families {
		if !seen[fn.ID] {
			p.Families = append(p.Families, fn)
		}
	}
	h.render(w, r, status, "supervision_form", &view{Title: "Werkbegeleiding wijzigen", Nav: "werkbegeleiding", Form: f, Page: p})
	return nil
}

func (h *Handler) updateSupervisionSession(w http.ResponseWriter, r *http.Request) error {
	workerID, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	sid, err := request.ID(r, "gid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, supervisionFields...)
	if err != nil {
		return err
	}
	err = h.Meetings.UpdateSupervisionSession(r.Context(), sid, supervisionInput(f))
	switch {
	case regie.ErrorCode(err) == regie.ESTALE:
		// Someone saved it in between: nothing was saved; the form comes
		// back with what was typed, from the version stored now.
		s, ferr := h.sessionFromPath(r)
		if ferr != nil {
			return ferr
		}
		f.Conflict = newConflict(err, s.UpdatedBy, s.UpdatedAt)
		f.Conflict.Fields = diffValues(sessionForm(s).Values, f, supervisionFields, nil)
		f.Values.Set("version", strconv.Itoa(s.Version))
		return h.renderSessionForm(w, r, http.StatusConflict, f, s)
	case regie.ErrorCode(err) == regie.EINVALID:
		s, ferr := h.sessionFromPath(r)
		if ferr != nil {
			return ferr
		}
		f.withError(err)
		return h.renderSessionForm(w, r, http.StatusUnprocessableEntity, f, s)
	case err != nil:
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/werkbegeleiding/%d/gesprekken/%d", workerID, sid), regie.MsgFlashSupervision)
	return nil
}

// showOwnSupervision is the worker's own sessions.
func (h *Handler) showOwnSupervision(w http.ResponseWriter, r *http.Request) error {
	if !h.Permissions.Permissions(r.Context()).OwnSupervision {
		return regie.Forbidden()
	}
	own, err := h.Meetings.FindOwnSupervision(r.Context())
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "supervision_own", &view{Title: "Mijn werkbegeleiding", Nav: "mijn-werkbegeleiding", Page: own})
	return nil
}
