package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"regie"
	"regie/internal/pdf"
	"regie/internal/request"
)

// The warm handover (Overdracht) and the coordination of care
// (Netwerkoverleg): the handovers with the referrer's commitment and the
// letter for the receiving professional, the network meetings of phase 5,
// the agencies over time and the history.

// Rows of the network meeting form: professionals and new agreements.
const (
	attendeeRows  = 4
	agreementRows = 4
)

type handoverPage struct {
	Family        *regie.Family
	Handovers     *regie.Handovers
	Organisations []option
}

func (h *Handler) renderHandovers(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	hs, err := h.Coordination.FindHandovers(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	p := handoverPage{Family: fam, Handovers: hs}
	if hs.CanEdit {
		if p.Organisations, err = h.agencyOptions(r); err != nil {
			return err
		}
	}
	if f == nil {
		f = newForm(nil)
	}
	h.render(w, r, status, "handovers", &view{Title: "Warme overdracht", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

// agencyOptions are the active organisations of the social map other than
// the team's own.
func (h *Handler) agencyOptions(r *http.Request) ([]option, error) {
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return nil, err
	}
	var opts []option
	for _, o := range orgs {
		if !o.Own {
			opts = append(opts, option{strconv.FormatInt(o.ID, 10), o.Name})
		}
	}
	return opts, nil
}

func (h *Handler) showHandovers(w http.ResponseWriter, r *http.Request) error {
	return h.renderHandovers(w, r, http.StatusOK, nil)
}

func (h *Handler) addHandover(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "org", "contact_person", "on", "goals", "tasks")
	if err != nil {
		return err
	}
	_, err = h.Coordination.AddHandover(r.Context(), id, regie.HandoverInput{OrgID: f.Int64("org"), ContactPerson: f.Get("contact_person"),
		On: f.Get("on"), Goals: f.Get("goals"), Tasks: f.Get("tasks")})
	if f.withError(err) {
		return h.renderHandovers(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/overdracht", id), regie.MsgFlashHandoverSaved)
	return nil
}

func (h *Handler) confirmCommitment(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "confirmed_by", "confirmed_on", "note")
	if err != nil {
		return err
	}
	err = h.Coordination.ConfirmCommitment(r.Context(), id, regie.CommitmentInput{ConfirmedBy: f.Get("confirmed_by"),
		On: f.Get("confirmed_on"), Note: f.Get("note")})
	if f.withError(err) {
		return h.renderHandovers(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/overdracht", id), regie.MsgFlashCommitmentConfirmed)
	return nil
}

// handoverLetter serves the letter for the receiving professional as PDF
// (audited as an export).
func (h *Handler) handoverLetter(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	hid, err := request.ID(r, "hid")
	if err != nil {
		return err
	}
	l, err := h.Coordination.ExportHandoverLetter(r.Context(), id, hid)
	if err != nil {
		return err
	}
	b, err := pdf.HandoverLetter(l, h.Clock.Now())
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("overdracht-%s-%d.pdf", l.Family.DossierNumber(), hid), b)
	return nil
}

type coordinationPage struct {
	Family       *regie.Family
	Coordination *regie.Coordination
}

func (h *Handler) showCoordination(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	c, err := h.Coordination.FindCoordination(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "coordination", &view{Title: "Coördinatie van zorg", Nav: h.familyNav(r), Page: coordinationPage{fam, c}})
	return nil
}

type networkFormPage struct {
	Family        *regie.Family
	Open          []*regie.NetworkAgreement
	Members       []option
	Persons       []option // the informal network, by id
	Organisations []option
	Statuses      []option
	// Owners are who can own a new agreement, in groups: the
	// organisations, the family, the informal network, the casemanager.
	Owners        []optionGroup
	AttendeeRows  []int
	AgreementRows []int
}

func (h *Handler) renderNetworkForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	c, err := h.Coordination.FindCoordination(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	if !c.CanEdit {
		return regie.Forbidden()
	}
	p := networkFormPage{Family: fam, Open: c.Open, Statuses: choiceOptions(regie.AgreementStatuses)}
	for i := range attendeeRows {
		p.AttendeeRows = append(p.AttendeeRows, i)
	}
	for i := range agreementRows {
		p.AgreementRows = append(p.AgreementRows, i)
	}
	for _, m := range fam.CurrentMembers() {
		p.Members = append(p.Members, option{strconv.FormatInt(m.ID, 10), m.Name()})
	}
	if p.Organisations, err = h.agencyOptions(r); err != nil {
		return err
	}
	p.Owners = h.ownerGroups(fam, p.Organisations)
	if fam.Can.ReadNetworkPersons {
		ps, err := h.Coordination.FindNetworkPersons(r.Context(), fam.ID)
		if err != nil {
			return err
		}
		today := regie.DateOf(h.Clock.Now())
		p.Persons = networkPersonOptions(ps, today, "")
		p.Owners[2].Options = networkPersonOptions(ps, today, "p:")
	}
	if f == nil {
		f = newForm(url.Values{})
		for _, a := range c.Open {
			f.Values.Set(fmt.Sprintf("progress-%d", a.ID), string(a.Status))
		}
	}
	h.render(w, r, status, "network_form", &view{Title: "Netwerkoverleg vastleggen", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

// ownerGroups are the choices of an agreement's owner: the organisations
// of the social map (orgs, by id), the family's current members, the
// informal network (filled by the caller) and the workers assigned to the
// family, each as an owner choice (regie.ParseOwnerChoice).
func (h *Handler) ownerGroups(fam *regie.Family, orgs []option) []optionGroup {
	groups := []optionGroup{{Label: "Organisatie (sociale kaart)"}, {Label: "Gezin"}, {Label: "Informeel netwerk"}, {Label: "Casemanager"}}
	for _, o := range orgs {
		groups[0].Options = append(groups[0].Options, option{"o:" + o.Value, o.Label})
	}
	for _, m := range fam.CurrentMembers() {
		groups[1].Options = append(groups[1].Options, option{fmt.Sprintf("m:%d", m.ID), m.Name()})
	}
	for _, a := range fam.Assignments {
		groups[3].Options = append(groups[3].Options, option{fmt.Sprintf("c:%d", a.UserID),
			fmt.Sprintf("%s (%s)", a.UserName, strings.ToLower(a.Kind.Label()))})
	}
	return groups
}

func (h *Handler) showNetworkNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderNetworkForm(w, r, http.StatusOK, nil)
}

func (h *Handler) addNetworkMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "held_on", "attendees")
	if err != nil {
		return err
	}
	in := regie.NetworkMeetingInput{HeldOn: f.Get("held_on"), Others: f.Get("others"), Notes: f.Get("notes"),
		Progress: map[int64]regie.AgreementStatus{}}
	for _, v := range f.Values["member"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.Members = append(in.Members, n)
		}
	}
	for _, v := range f.Values["person"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.Persons = append(in.Persons, n)
		}
	}
	for i := range attendeeRows {
		in.Professionals = append(in.Professionals, regie.NetworkAttendeeInput{Name: f.Get(fmt.Sprintf("attendee-%d-name", i)),
			OrgID: f.Int64(fmt.Sprintf("attendee-%d-org", i))})
	}
	for i := range agreementRows {
		in.Agreements = append(in.Agreements, regie.NetworkAgreementInput{OwnerChoice: f.Get(fmt.Sprintf("agreement-%d-who", i)),
			Owner: f.Get(fmt.Sprintf("agreement-%d-owner", i)),
			What:  f.Get(fmt.Sprintf("agreement-%d-what", i)), Due: f.Get(fmt.Sprintf("agreement-%d-due", i))})
	}
	for name := range f.Values {
		if rest, ok := strings.CutPrefix(name, "progress-"); ok {
			if aid, err := strconv.ParseInt(rest, 10, 64); err == nil {
				in.Progress[aid] = regie.AgreementStatus(f.Get(name))
			}
		}
	}
	m, err := h.Coordination.AddNetworkMeeting(r.Context(), id, in)
	if f.withError(err) {
		return h.renderNetworkForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/netwerkoverleg/%d", id, m.ID), regie.MsgFlashNetworkMeetingSaved)
	return nil
}

type networkShowPage struct {
	Family  *regie.Family
	Meeting *regie.NetworkMeeting
}

func (h *Handler) showNetworkMeeting(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	nid, err := request.ID(r, "nid")
	if err != nil {
		return err
	}
	m, err := h.Coordination.FindNetworkMeeting(r.Context(), fam.ID, nid)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "network_show", &view{Title: "Netwerkoverleg " + m.HeldOn.Dutch(), Nav: h.familyNav(r),
		Page: networkShowPage{fam, m}})
	return nil
}
