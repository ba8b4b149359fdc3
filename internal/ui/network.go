package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/request"
)

// The informal network (Informeel netwerk): people outside the household
// and outside organisations who own agreements and attend the network
// meetings. A page per family lists them, with a form to add one; a page
// per person changes them or records that they no longer take part.

var (
	networkPersonFields = []string{"name", "network_relation", "phone", "note"}
	networkEndFields    = []string{"ended_on"}
)

// networkPage is the data of the informal network pages.
type networkPage struct {
	Family    *regie.Family
	Persons   *regie.NetworkPersons
	Person    *regie.NetworkPerson // the person changed, on their page
	Relations []option
	Today     regie.Date
}

func networkPersonInput(f *form) regie.NetworkPersonInput {
	return regie.NetworkPersonInput{Name: f.Get("name"), Relation: regie.NetworkRelation(f.Get("network_relation")),
		Phone: f.Get("phone"), Note: f.Get("note")}
}

// networkData reads the family and its informal network (both audited).
func (h *Handler) networkData(r *http.Request) (networkPage, error) {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return networkPage{}, err
	}
	ps, err := h.Coordination.FindNetworkPersons(r.Context(), fam.ID)
	if err != nil {
		return networkPage{}, err
	}
	return networkPage{Family: fam, Persons: ps, Relations: choiceOptions(regie.NetworkRelations),
		Today: regie.DateOf(h.Clock.Now())}, nil
}

func (h *Handler) renderNetwork(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	p, err := h.networkData(r)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil, networkPersonFields...)
	}
	h.render(w, r, status, "network_persons", &view{Title: "Informeel netwerk", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showNetworkPersons(w http.ResponseWriter, r *http.Request) error {
	return h.renderNetwork(w, r, http.StatusOK, nil)
}

func (h *Handler) addNetworkPerson(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, networkPersonFields...)
	if err != nil {
		return err
	}
	_, err = h.Coordination.AddNetworkPerson(r.Context(), id, networkPersonInput(f))
	if f.withError(err) {
		return h.renderNetwork(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/netwerk", id), regie.MsgFlashNetworkPersonSaved)
	return nil
}

// renderNetworkPerson shows a person's page: the form to change them and,
// while they take part, the form to end. f is the form posted, if any; the
// other form's fields are filled from the person.
func (h *Handler) renderNetworkPerson(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	p, err := h.networkData(r)
	if err != nil {
		return err
	}
	if !p.Persons.CanEdit {
		return regie.Forbidden()
	}
	pid, err := request.ID(r, "pid")
	if err != nil {
		return err
	}
	for _, x := range p.Persons.List {
		if x.ID == pid {
			p.Person = x
		}
	}
	if p.Person == nil {
		return regie.NotFound()
	}
	if f == nil {
		f = newForm(nil, append(networkPersonFields, networkEndFields...)...)
	}
	stored := url.Values{"name": {p.Person.Name}, "network_relation": {string(p.Person.Relation)}, "phone": {p.Person.Phone},
		"note": {p.Person.Note}, "ended_on": {p.Today.ISO()}}
	for k, v := range stored {
		if _, posted := f.Values[k]; !posted {
			f.Values[k] = v
		}
	}
	h.render(w, r, status, "network_person", &view{Title: p.Person.Name + ", informeel netwerk", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showNetworkPerson(w http.ResponseWriter, r *http.Request) error {
	return h.renderNetworkPerson(w, r, http.StatusOK, nil)
}

func (h *Handler) updateNetworkPerson(w http.ResponseWriter, r *http.Request) error {
	id, pid, err := request.IDs(r, "id", "pid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, networkPersonFields...)
	if err != nil {
		return err
	}
	_, err = h.Coordination.UpdateNetworkPerson(r.Context(), id, pid, networkPersonInput(f))
	if f.withError(err) {
		return h.renderNetworkPerson(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/netwerk", id), regie.MsgFlashNetworkPersonSaved)
	return nil
}

func (h *Handler) endNetworkPerson(w http.ResponseWriter, r *http.Request) error {
	id, pid, err := request.IDs(r, "id", "pid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, networkEndFields...)
	if err != nil {
		return err
	}
	err = h.Coordination.EndNetworkPerson(r.Context(), id, pid, regie.NetworkPersonEnd{EndedOn: f.Get("ended_on")})
	if f.withError(err) {
		return h.renderNetworkPerson(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/netwerk", id), regie.MsgFlashNetworkPersonEnded)
	return nil
}

// networkPersonOptions are the persons of the informal network that can be
// chosen on day on (for an agreement, a meeting, later a family council),
// with value prefix ("p:" for an owner, "" for a plain id).
func networkPersonOptions(ps *regie.NetworkPersons, on regie.Date, prefix string) []option {
	if ps == nil {
		return nil
	}
	var out []option
	for _, p := range ps.List {
		if p.ActiveOn(on) {
			out = append(out, option{prefix + strconv.FormatInt(p.ID, 10), p.Label()})
		}
	}
	return out
}

// endedPersonOption is the choice of an owner value ("p:<id>") of a person
// no longer taking part on day on, for the one row that holds them: the
// agreement keeps its owner, and no new one gets them.
func endedPersonOption(ps *regie.NetworkPersons, on regie.Date, value string) (option, bool) {
	c, ok := regie.ParseOwnerChoice(value)
	if ps == nil || !ok || c.Kind != regie.OwnerNetwork {
		return option{}, false
	}
	for _, p := range ps.List {
		if p.ID == c.ID && !p.ActiveOn(on) {
			return option{value, p.Label() + " — niet meer betrokken"}, true
		}
	}
	return option{}, false
}
