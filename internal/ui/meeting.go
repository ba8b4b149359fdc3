package ui

import (
	"fmt"
	"net/http"
	"strings"

	"regie"
)

// showThisMeeting opens the team's next meeting: the team meets weekly
// (regie.MeetingWeekday), and once this week's has passed the menu opens
// next week's (regie.NextMeetingDay).
func (h *Handler) showThisMeeting(w http.ResponseWriter, r *http.Request) error {
	day := regie.NextMeetingDay(regie.DateOf(h.Clock.Now()))
	http.Redirect(w, r, "/teamoverleg/"+day.ISO(), http.StatusSeeOther)
	return nil
}

// meetingPage is the agenda and the minutes.
type meetingPage struct {
	Agenda   *regie.Agenda
	Day      string
	Prev     string
	Next     string
	Print    bool
	Families []option // the families on the agenda, for the decision form
}

func (h *Handler) renderMeeting(w http.ResponseWriter, r *http.Request, status int, f *form, print bool) error {
	day := r.PathValue("dag")
	ag, err := h.Meetings.FindAgenda(r.Context(), day, print)
	if err != nil {
		return err
	}
	d := ag.Meeting.HeldOn
	p := meetingPage{Agenda: ag, Day: d.ISO(), Prev: d.AddDays(-7).ISO(), Next: d.AddDays(7).ISO(), Print: print}
	seen := map[int64]bool{}
	for _, list := range [][]*regie.FamilySummary{ag.Acute, ag.Plans, ag.Evaluations, ag.Signals, ag.Closings, ag.Unassigned} {
		for _, fs := range list {
			if !seen[fs.ID] {
				seen[fs.ID] = true
				p.Families = append(p.Families, option{fmt.Sprint(fs.ID), fs.HouseholdName})
			}
		}
	}
	for _, d := range ag.Drafts {
		if !seen[d.FamilyID] {
			seen[d.FamilyID] = true
			p.Families = append(p.Families, option{fmt.Sprint(d.FamilyID), d.FamilyName})
		}
	}
	if f == nil {
		f = newForm(nil, "family", "text", "phase_reason", "title")
	}
	name := "meeting"
	if print {
		name = "meeting_print"
	}
	h.render(w, r, status, name, &view{Title: "Teamoverleg " + d.Dutch(), Nav: "teamoverleg", Form: f, Page: p})
	return nil
}

func (h *Handler) showMeeting(w http.ResponseWriter, r *http.Request) error {
	return h.renderMeeting(w, r, http.StatusOK, nil, false)
}

func (h *Handler) printMeeting(w http.ResponseWriter, r *http.Request) error {
	return h.renderMeeting(w, r, http.StatusOK, nil, true)
}

func (h *Handler) recordMeetingDecision(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, "family", "text", "phase_reason")
	if err != nil {
		return err
	}
	in := regie.MeetingDecisionInput{FamilyID: f.Int64("family"), ItemID: f.Int64("item"), Text: f.Get("text"),
		MovePhase: f.Get("move_phase") != "", PhaseReason: f.Get("phase_reason")}
	_, err = h.Meetings.RecordMeetingDecision(r.Context(), r.PathValue("dag"), in)
	if f.withError(err) {
		return h.renderMeeting(w, r, http.StatusUnprocessableEntity, f, false)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/teamoverleg/"+r.PathValue("dag")+"#notulen", regie.MsgFlashMeetingDecision)
	return nil
}

func (h *Handler) addMeetingItem(w http.ResponseWriter, r *http.Request) error {
	f, err := formFromRequest(r, "title", "note")
	if err != nil {
		return err
	}
	err = h.Meetings.AddMeetingItem(r.Context(), r.PathValue("dag"), f.Get("title"), f.Get("note"))
	if f.withError(err) {
		return h.renderMeeting(w, r, http.StatusUnprocessableEntity, f, false)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, "/teamoverleg/"+r.PathValue("dag")+"#punten", regie.MsgFlashMeetingItem)
	return nil
}

// splitLines splits a textarea into its non-empty lines.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
