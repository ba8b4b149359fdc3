package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/request"
)

// The youth's own consent (DOMAIN.md §6): the youth worker records what
// the youth signed — from 16 alone, 12–15 with a parent — and with whom
// what the youth told in confidence may be shared. The coordinator and
// the team leader read it, to know what they may see.

type youthConsentsPage struct {
	Family *regie.Family
	*regie.YouthConsents
	Worker string
}

// youthConsents reads the family and the youth's consents for a page.
func (h *Handler) youthConsents(r *http.Request) (*youthConsentsPage, error) {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return nil, err
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return nil, err
	}
	yc, err := h.YouthConsents.FindYouthConsents(r.Context(), fam.ID, mid)
	if err != nil {
		return nil, err
	}
	p := &youthConsentsPage{Family: fam, YouthConsents: yc}
	if a := fam.YouthWorkerOf(mid); a != nil {
		p.Worker = a.UserName
	}
	return p, nil
}

func (h *Handler) showYouthConsents(w http.ResponseWriter, r *http.Request) error {
	p, err := h.youthConsents(r)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "youth_consents", &view{Title: "Toestemming van " + p.Youth.GivenName, Nav: h.familyNav(r), Page: p})
	return nil
}

type youthConsentFormPage struct {
	*youthConsentsPage
	Parents       []option
	Organisations []option
}

var youthConsentFields = []string{"youth", "signed_on", "valid_until", "youth_signed", "parent", "share", "orgs", "note"}

func (h *Handler) renderYouthConsentForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	p, err := h.youthConsents(r)
	if err != nil {
		return err
	}
	if !p.Can.RecordConsent {
		return regie.Forbidden()
	}
	if f == nil {
		f = newForm(url.Values{"signed_on": {regie.DateOf(h.Clock.Now()).ISO()}})
	}
	f.Order = youthConsentFields
	fp := youthConsentFormPage{youthConsentsPage: p}
	for _, m := range p.Parents {
		fp.Parents = append(fp.Parents, option{strconv.FormatInt(m.ID, 10), m.Name() + " (" + m.Relation.Label() + ")"})
	}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if !o.Own {
			fp.Organisations = append(fp.Organisations, option{strconv.FormatInt(o.ID, 10), o.Name})
		}
	}
	h.render(w, r, status, "youth_consent_form", &view{Title: "Toestemming van " + p.Youth.GivenName + " vastleggen",
		Nav: h.familyNav(r), Form: f, Page: fp})
	return nil
}

func (h *Handler) showYouthConsentNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthConsentForm(w, r, http.StatusOK, nil)
}

func (h *Handler) createYouthConsent(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, youthConsentFields...)
	if err != nil {
		return err
	}
	in := regie.YouthConsentInput{SignedOn: f.Get("signed_on"), ValidUntil: f.Get("valid_until"), YouthSigned: f.Get("youth_signed") != "",
		ParentID: f.Int64("parent"), ShareCoordinator: f.Get("share_coordinator") != "", ShareFamily: f.Get("share_family") != "",
		Note: f.Get("note")}
	for _, s := range f.Values["orgs"] {
		if org, err := strconv.ParseInt(s, 10, 64); err == nil {
			in.OrgIDs = append(in.OrgIDs, org)
		}
	}
	_, err = h.YouthConsents.CreateYouthConsent(r.Context(), id, mid, in)
	if f.withError(err) {
		return h.renderYouthConsentForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/jeugd/%d/toestemming", id, mid), regie.MsgFlashYouthConsentSaved)
	return nil
}

type youthWithdrawPage struct {
	*youthConsentsPage
	Consent *regie.YouthConsent
}

func (h *Handler) renderYouthWithdraw(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	p, err := h.youthConsents(r)
	if err != nil {
		return err
	}
	vid, err := request.ID(r, "vid")
	if err != nil {
		return err
	}
	if !p.Can.RecordConsent {
		return regie.Forbidden()
	}
	wp := youthWithdrawPage{youthConsentsPage: p}
	for _, c := range p.Consents {
		if c.ID == vid {
			wp.Consent = c
		}
	}
	if wp.Consent == nil {
		return regie.NotFound()
	}
	if f == nil {
		f = newForm(url.Values{"withdrawn_on": {regie.DateOf(h.Clock.Now()).ISO()}}, "withdrawn_on", "withdraw_reason")
	}
	h.render(w, r, status, "youth_consent_withdraw", &view{Title: "Toestemming van " + p.Youth.GivenName + " intrekken",
		Nav: h.familyNav(r), Form: f, Page: wp})
	return nil
}

func (h *Handler) showYouthWithdraw(w http.ResponseWriter, r *http.Request) error {
	return h.renderYouthWithdraw(w, r, http.StatusOK, nil)
}

func (h *Handler) withdrawYouthConsent(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	mid, err := request.ID(r, "mid")
	if err != nil {
		return err
	}
	vid, err := request.ID(r, "vid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, "withdrawn_on", "withdraw_reason")
	if err != nil {
		return err
	}
	err = h.YouthConsents.WithdrawYouthConsent(r.Context(), id, mid, vid, f.Get("withdrawn_on"), f.Get("withdraw_reason"))
	if f.withError(err) {
		return h.renderYouthWithdraw(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/jeugd/%d/toestemming", id, mid), regie.MsgFlashYouthConsentWithdrawn)
	return nil
}
