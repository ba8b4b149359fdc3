package ui

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/pdf"
	"regie/internal/request"
)

// The consent (toestemmingsverklaring): the family signs it on paper in
// phase 2; the casemanager records who signed, with which organisations
// what may be shared, and uploads the signed paper. The policy enforces it.

// consentPartyRows is how many organisation rows the form offers.
const consentPartyRows = 4

// uploadMaxBody bounds the consent form's body: the document's limit with
// room to spare, so a file a little too large still reaches the service
// and comes back with a clear message and everything else kept.
const uploadMaxBody = (regie.MaxUploadMB + 15) << 20

type consentsPage struct {
	Family   *regie.Family
	Consents []*regie.Consent
	Today    regie.Date
	CanEdit  bool
}

func (h *Handler) showConsents(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	cs, err := h.Consents.FindConsents(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "consents", &view{Title: "Toestemming", Nav: h.familyNav(r), Page: consentsPage{
		Family: fam, Consents: cs, Today: regie.DateOf(h.Clock.Now()), CanEdit: fam.Can.Consent}})
	return nil
}

type consentFormPage struct {
	Family        *regie.Family
	Members       []*regie.Member
	Organisations []option
	Sections      []option
	Domains       []option
	Rows          []int
	Today         regie.Date
	MaxMB         int
}

func consentFields() []string {
	fs := []string{"signed_on", "valid_until", "signers", "parties"}
	for i := range consentPartyRows {
		fs = append(fs, fmt.Sprintf("party-%d-org", i), fmt.Sprintf("party-%d-purpose", i), fmt.Sprintf("party-%d-kinds", i))
	}
	return append(fs, "document")
}

func (h *Handler) renderConsentForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	if !fam.Can.Consent {
		return regie.Forbidden()
	}
	today := regie.DateOf(h.Clock.Now())
	if f == nil {
		f = newForm(url.Values{"signed_on": {today.ISO()}})
	}
	f.Order = consentFields()
	p := consentFormPage{Family: fam, Members: fam.CurrentMembers(), Sections: choiceOptions(regie.InfoSections), Today: today,
		MaxMB: regie.MaxUploadMB}
	for _, d := range regie.Domains {
		p.Domains = append(p.Domains, option{string(regie.DomainKind(d.Value)), d.Label})
	}
	for i := range consentPartyRows {
		p.Rows = append(p.Rows, i)
	}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if !o.Own {
			p.Organisations = append(p.Organisations, option{strconv.FormatInt(o.ID, 10), o.Name})
		}
	}
	h.render(w, r, status, "consent_form", &view{Title: "Toestemmingsverklaring vastleggen", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showConsentNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderConsentForm(w, r, http.StatusOK, nil)
}

// consentInput reads the consent form; rows without an organisation,
// purpose or kind are left out and the others keep their row number.
func consentInput(f *form) (regie.ConsentInput, []int) {
	in := regie.ConsentInput{SignedOn: f.Get("signed_on"), ValidUntil: f.Get("valid_until")}
	for _, s := range f.Values["signers"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			in.Signers = append(in.Signers, id)
		}
	}
	var rows []int
	for i := range consentPartyRows {
		name := func(k string) string { return fmt.Sprintf("party-%d-%s", i, k) }
		org := f.Int64(name("org"))
		kinds := f.Values[name("kinds")]
		if org == 0 && f.Get(name("purpose")) == "" && len(kinds) == 0 {
			continue
		}
		p := regie.ConsentParty{OrgID: org, Purpose: f.Get(name("purpose"))}
		for _, k := range kinds {
			p.Kinds = append(p.Kinds, regie.InfoKind(k))
		}
		in.Parties = append(in.Parties, p)
		rows = append(rows, i)
	}
	return in, rows
}

// renumberPartyErrors maps party-N (counted over the rows filled in) back
// to the form's rows.
func renumberPartyErrors(f *form, rows []int) {
	errs := map[string]string{}
	for k, v := range f.Errors {
		var n int
		var rest string
		if _, err := fmt.Sscanf(k, "party-%d-%s", &n, &rest); err == nil && n < len(rows) {
			k = fmt.Sprintf("party-%d-%s", rows[n], rest)
		}
		errs[k] = v
	}
	f.Errors = errs
}

func (h *Handler) createConsent(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	// Decided before a byte of the body is read: who may not record a
	// consent here cannot make regie take in megabytes.
	if err := h.Consents.AuthorizeConsentUpload(r.Context(), id); err != nil {
		return err
	}
	// Everything in memory: a scan of a signed paper never touches a
	// temporary file on disk.
	err = r.ParseMultipartForm(uploadMaxBody) //nolint:gosec // the server's MaxBytesReader bounds every body; uploads get uploadMaxBody
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm() // a form without a file
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			f := newForm(nil)
			f.Errors = map[string]string{"document": regie.Text(regie.MsgFileTooLarge, regie.MaxUploadMB) +
				" Vul het formulier opnieuw in; een te groot bestand kan regie niet lezen."}
			return h.renderConsentForm(w, r, http.StatusRequestEntityTooLarge, f)
		}
		return err
	}
	f := newForm(r.PostForm)
	if r.MultipartForm != nil {
		f = newForm(url.Values(r.MultipartForm.Value))
	}
	setFormToken(r, f)
	// The multipart form's values were not parsed before the handler
	// (checkInput): refused here the same way.
	if err := regie.ValidateValues(f.Values); err != nil {
		return err
	}
	in, rows := consentInput(f)
	if file, header, err := r.FormFile("document"); err == nil {
		content, err := io.ReadAll(file)
		file.Close()
		if err != nil {
			return err
		}
		in.Document = &regie.Upload{Name: header.Filename, Content: content}
	} else if !errors.Is(err, http.ErrMissingFile) && !errors.Is(err, http.ErrNotMultipart) {
		return err
	}
	_, err = h.Consents.CreateConsent(r.Context(), id, in)
	if f.withError(err) {
		renumberPartyErrors(f, rows)
		if in.Document != nil && f.Err("document") == "" {
			// A browser cannot put a file back in the form.
			f.Errors["document"] = "Kies het bestand opnieuw: om veiligheidsredenen vult de browser dit veld niet zelf in."
		}
		return h.renderConsentForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/toestemming", id), regie.MsgFlashConsentSaved)
	return nil
}

type withdrawPage struct {
	Family  *regie.Family
	Consent *regie.Consent
}

func (h *Handler) renderWithdraw(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	vid, err := request.ID(r, "vid")
	if err != nil {
		return err
	}
	fam, err := h.Families.FindFamilyByID(r.Context(), id)
	if err != nil {
		return err
	}
	if !fam.Can.Consent {
		return regie.Forbidden()
	}
	p := withdrawPage{Family: fam}
	for _, c := range fam.Consents {
		if c.ID == vid {
			p.Consent = c
		}
	}
	if p.Consent == nil {
		return regie.NotFound()
	}
	if f == nil {
		f = newForm(url.Values{"withdrawn_on": {regie.DateOf(h.Clock.Now()).ISO()}}, "withdrawn_on", "withdraw_reason")
	}
	h.render(w, r, status, "consent_withdraw", &view{Title: "Toestemming intrekken", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showWithdraw(w http.ResponseWriter, r *http.Request) error {
	return h.renderWithdraw(w, r, http.StatusOK, nil)
}

func (h *Handler) withdrawConsent(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
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
	err = h.Consents.WithdrawConsent(r.Context(), id, vid, f.Get("withdrawn_on"), f.Get("withdraw_reason"))
	if f.withError(err) {
		return h.renderWithdraw(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/toestemming", id), regie.MsgFlashConsentWithdrawn)
	return nil
}

// downloadDocument serves a signed paper as an attachment, never inline:
// the browser saves it instead of rendering whatever it might contain.
func (h *Handler) downloadDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	did, err := request.ID(r, "did")
	if err != nil {
		return err
	}
	d, err := h.Consents.FindDocument(r.Context(), id, did)
	if err != nil {
		return err
	}
	serveAttachment(w, d.MIME, d.Name, d.Content)
	return nil
}

// serveAttachment writes a file for download.
func serveAttachment(w http.ResponseWriter, mimeType, name string, content []byte) {
	w.Header().Set("Content-Type", mimeType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(content)))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(content) //nolint:gosec // an attachment with nosniff, never rendered as a page; an error is a client that went away
}

// consentFormPDF serves the consent form to sign, with the family and the
// agencies involved filled in (audited as an export).
func (h *Handler) consentFormPDF(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	fam, err := h.Consents.ExportConsentForm(r.Context(), id)
	if err != nil {
		return err
	}
	ts, err := h.Trajectories.FindTrajectories(r.Context(), id)
	if err != nil {
		return err
	}
	var agencies []string
	seen := map[int64]bool{}
	for _, t := range ts.List {
		if t.Status.Active() && !seen[t.OrgID] {
			seen[t.OrgID] = true
			agencies = append(agencies, t.OrgName)
		}
	}
	b, err := pdf.ConsentForm(fam, agencies, h.Clock.Now())
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("toestemmingsverklaring-%s.pdf", fam.DossierNumber()), b)
	return nil
}
