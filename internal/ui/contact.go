package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"regie"
	"regie/internal/request"
)

var contactFields = []string{"kind", "attempt", "date", "start", "minutes", "members", "partners", "practical", "note"}

// contactFormPage is the data of the contact form.
type contactFormPage struct {
	Family     *regie.Family
	Contact    *regie.Contact // nil when new
	Versions   []*regie.ContactVersion
	Kinds      []option
	Attempts   []option
	Practicals []option
}

func contactInput(f *form) regie.ContactInput {
	in := regie.ContactInput{Date: f.Get("date"), Start: f.Get("start"), Minutes: f.Get("minutes"),
		Kind: regie.ContactKind(f.Get("kind")), Attempt: regie.Attempt(f.Get("attempt")), Partners: f.Get("partners"), Note: f.Get("note"),
		Version: int(f.Int64("version"))}
	for _, m := range f.Values["members"] {
		if id, err := strconv.ParseInt(m, 10, 64); err == nil {
			in.Members = append(in.Members, id)
		}
	}
	for _, p := range f.Values["practical"] {
		in.Practical = append(in.Practical, regie.Practical(p))
	}
	return in
}

func (h *Handler) renderContactForm(w http.ResponseWriter, r *http.Request, status int, f *form, c *regie.Contact, versions []*regie.ContactVersion) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	if !fam.Can.Contacts {
		// Reading the file is not writing in it (a partner, a closed file).
		return regie.Forbidden()
	}
	title := "Contact vastleggen"
	if c != nil {
		title = "Contactmoment wijzigen"
	}
	if f.Conflict != nil && c != nil {
		f.Conflict.Fields = diffValues(contactValues(c), f, contactFields, contactShow(fam))
	}
	h.render(w, r, status, "contact_form", &view{Title: title, Nav: h.familyNav(r), Form: f, Page: contactFormPage{
		Family: fam, Contact: c, Versions: versions, Kinds: choiceOptions(regie.ContactKinds), Attempts: choiceOptions(regie.Attempts),
		Practicals: choiceOptions(regie.Practicals)}})
	return nil
}

// showContactNew shows the contact form with the defaults that make a
// home visit two taps from the family page: a home visit of the worker's
// usual duration that has just ended — a contact is logged after the
// visit, so it started that long before now (on the day it started).
func (h *Handler) showContactNew(w http.ResponseWriter, r *http.Request) error {
	now := h.Clock.Now().In(regie.Amsterdam)
	minutes, err := h.Contacts.UsualContactMinutes(r.Context())
	if err != nil {
		return err
	}
	kind, attempt := "huisbezoek", "contact"
	if q := r.URL.Query().Get("poging"); q == "geen_gehoor" {
		// The quick link "niet opengedaan" from the family page.
		attempt, minutes = q, 15
	}
	start := now.Add(-time.Duration(minutes) * time.Minute).Truncate(5 * time.Minute)
	f := newForm(url.Values{"date": {regie.DateOf(start).ISO()}, "start": {start.Format("15:04")},
		"minutes": {fmt.Sprint(minutes)}, "kind": {kind}, "attempt": {attempt}}, contactFields...)
	return h.renderContactForm(w, r, http.StatusOK, f, nil, nil)
}

func (h *Handler) createContact(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, contactFields...)
	if err != nil {
		return err
	}
	_, err = h.Contacts.CreateContact(r.Context(), id, contactInput(f))
	if f.withError(err) {
		return h.renderContactForm(w, r, http.StatusUnprocessableEntity, f, nil, nil)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d", id), regie.MsgFlashContactSaved)
	return nil
}

func (h *Handler) showContactEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	cid, err := request.ID(r, "cid")
	if err != nil {
		return err
	}
	c, versions, err := h.Contacts.FindContact(r.Context(), id, cid)
	if err != nil {
		return err
	}
	if !c.CanEdit {
		// Only the author changes a contact; the store refuses anyone else.
		return regie.Errorf(regie.EFORBIDDEN, "%s", regie.Text(regie.MsgContactOnlyAuthor))
	}
	return h.renderContactForm(w, r, http.StatusOK, newForm(contactValues(c), contactFields...), c, versions)
}

// contactValues fills the edit form from a stored contact, with its
// version.
func contactValues(c *regie.Contact) url.Values {
	vals := url.Values{"date": {c.Date.ISO()}, "start": {c.Start}, "minutes": {fmt.Sprint(c.Minutes)}, "kind": {string(c.Kind)},
		"attempt": {string(c.Attempt)}, "partners": {c.Partners}, "note": {c.Note}, "version": {fmt.Sprint(c.Version)}}
	for _, m := range c.Members {
		vals.Add("members", fmt.Sprint(m))
	}
	for _, p := range c.Practical {
		vals.Add("practical", string(p))
	}
	return vals
}

// contactShow shows a contact form's values as a person reads them.
func contactShow(fam *regie.Family) func(string, []string) string {
	return func(field string, vs []string) string {
		var out []string
		for _, v := range vs {
			switch field {
			case "kind":
				v = regie.ContactKind(v).Label()
			case "attempt":
				v = regie.Attempt(v).Label()
			case "practical":
				v = regie.Practical(v).Label()
			case "members":
				var id int64
				if _, err := fmt.Sscan(v, &id); err == nil {
					if m := fam.Member(id); m != nil {
						v = m.Name()
					}
				}
			}
			out = append(out, v)
		}
		return strings.Join(out, ", ")
	}
}

func (h *Handler) updateContact(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	cid, err := request.ID(r, "cid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, contactFields...)
	if err != nil {
		return err
	}
	err = h.Contacts.UpdateContact(r.Context(), id, cid, contactInput(f))
	if regie.ErrorCode(err) == regie.ESTALE {
		// Someone saved the contact in between: nothing was saved; show
		// what was typed next to what is stored now, from its version.
		c, versions, ferr := h.Contacts.FindContact(r.Context(), id, cid)
		if ferr != nil {
			return ferr
		}
		f.Conflict = newConflict(err, c.UpdatedByName, c.UpdatedAt)
		f.Values.Set("version", fmt.Sprint(c.Version))
		return h.renderContactForm(w, r, http.StatusConflict, f, c, versions)
	}
	if f.withError(err) {
		c, versions, ferr := h.Contacts.FindContact(r.Context(), id, cid)
		if ferr != nil {
			return ferr
		}
		return h.renderContactForm(w, r, http.StatusUnprocessableEntity, f, c, versions)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/contacten", id), regie.MsgFlashContactSaved)
	return nil
}

// contactsPage is a family's contacts and hours.
type contactsPage struct {
	Family   *regie.Family
	Contacts []*regie.Contact
	Total    int
	Hours    *regie.Hours
	Norms    regie.Norms
	PrevURL  string
	NextURL  string
	MaxWeek  int
}

func (h *Handler) showContacts(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	p := contactsPage{Family: fam}
	page := max(request.QueryInt(r, "pagina", 1), 1)
	if p.Contacts, p.Total, err = h.Contacts.FindContacts(r.Context(), fam.ID, regie.ContactFilter{Limit: 50, Offset: (page - 1) * 50}); err != nil {
		return err
	}
	if p.Hours, err = h.Contacts.FindHours(r.Context(), fam.ID); err != nil {
		return err
	}
	if p.Norms, err = h.Settings.FindNorms(r.Context()); err != nil {
		return err
	}
	for _, wk := range p.Hours.PerWeek {
		p.MaxWeek = max(p.MaxWeek, wk.Minutes)
	}
	if page > 1 {
		p.PrevURL = fmt.Sprintf("/gezinnen/%d/contacten?pagina=%d", fam.ID, page-1)
	}
	if page*50 < p.Total {
		p.NextURL = fmt.Sprintf("/gezinnen/%d/contacten?pagina=%d", fam.ID, page+1)
	}
	h.render(w, r, http.StatusOK, "contacts", &view{Title: "Contactmomenten en uren", Nav: h.familyNav(r), Page: p})
	return nil
}
