package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"regie"
	"regie/internal/request"
	"regie/internal/response"
)

// auditSearchPage is the privacy officer's start page.
type auditSearchPage struct {
	Query    string
	Families []*regie.FamilySummary
	Searched bool
	Users    []*regie.User
	Refused  []*regie.AuditEntry
	// OpenEmergencies is the number of break-glass accesses waiting for
	// the privacy officer's review.
	OpenEmergencies int
	// Retention is what needs the privacy officer on Bewaartermijnen.
	Retention *regie.RetentionSignals
}

func (h *Handler) showAuditSearch(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	// The refused and failed attempts of the last week come first: they
	// are what a privacy officer looks at every morning. Reading them also
	// decides whether this actor may see the log at all.
	refused, _, err := h.Audit.FindAuditEntries(ctx, regie.AuditFilter{NotOK: true, Since: h.Clock.Now().Add(-7 * 24 * time.Hour), Limit: 20})
	if err != nil {
		return err
	}
	p := auditSearchPage{Query: regie.Clean(r.URL.Query().Get("q")), Refused: refused}
	if h.Permissions.Permissions(ctx).EmergencyReviews {
		open, err := h.Emergencies.FindEmergencyAccesses(ctx, regie.EmergencyFilter{Open: true})
		if err != nil {
			return err
		}
		p.OpenEmergencies = len(open)
	}
	if h.Permissions.Permissions(ctx).Retention {
		if p.Retention, err = h.Retention.RetentionSignals(ctx); err != nil {
			return err
		}
	}
	// The search form keeps what was typed; a search that names no one
	// (one letter) comes back with the field's error.
	f := newForm(url.Values{"q": {p.Query}}, "q")
	if _, asked := r.URL.Query()["q"]; asked {
		p.Families, _, err = h.Families.FindFamilies(ctx, regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: p.Query, Closed: true, Limit: 50})
		switch {
		case f.withError(err):
		case err != nil:
			return err
		default:
			p.Searched = true
		}
	}
	if p.Users, err = h.Users.FindUsers(ctx, regie.UserFilter{}); err != nil {
		return err
	}
	status := http.StatusOK
	if len(f.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "audit_search", &view{Title: "Toegangslog", Nav: "toegangslog", Form: f, Page: p})
	return nil
}

// auditPage is one family's or one user's access log.
type auditPage struct {
	FamilyID int64
	User     *regie.User
	Entries  []*regie.AuditEntry
	Total    int
	PrevURL  string
	NextURL  string
	Now      time.Time
	// CanExport offers a family's log as a CSV download.
	CanExport bool
}

const auditPerPage = 50

func (h *Handler) showAudit(w http.ResponseWriter, r *http.Request, f regie.AuditFilter, p auditPage, title, base string) error {
	page := max(request.QueryInt(r, "pagina", 1), 1)
	f.Limit, f.Offset = auditPerPage, (page-1)*auditPerPage
	var err error
	if p.Entries, p.Total, err = h.Audit.FindAuditEntries(r.Context(), f); err != nil {
		return err
	}
	if page > 1 {
		p.PrevURL = fmt.Sprintf("%s?pagina=%d", base, page-1)
	}
	if page*auditPerPage < p.Total {
		p.NextURL = fmt.Sprintf("%s?pagina=%d", base, page+1)
	}
	p.Now = h.Clock.Now()
	p.CanExport = p.FamilyID != 0 && h.Permissions.Permissions(r.Context()).ExportAuditLog
	h.render(w, r, http.StatusOK, "audit_log", &view{Title: title, Nav: "toegangslog", Page: p})
	return nil
}

func (h *Handler) showFamilyAudit(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	if r.URL.Query().Get("formaat") == "csv" {
		return h.exportFamilyAudit(w, r, id)
	}
	return h.showAudit(w, r, regie.AuditFilter{FamilyID: &id}, auditPage{FamilyID: id},
		"Toegangslog van gezin "+regie.DossierNumber(id), fmt.Sprintf("/toegangslog/gezinnen/%d", id))
}

func (h *Handler) showUserAudit(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	// The log decides access first; only then is the user looked up.
	if _, _, err := h.Audit.FindAuditEntries(r.Context(), regie.AuditFilter{UserID: &id, Limit: 1}); err != nil {
		return err
	}
	u, err := h.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	return h.showAudit(w, r, regie.AuditFilter{UserID: &id}, auditPage{User: u},
		"Toegangslog van "+u.Name, fmt.Sprintf("/toegangslog/gebruikers/%d", id))
}

// exportFamilyAudit downloads a family's whole access log as CSV, for
// answering a parent's request to see who read their file. The download is
// audited as an export.
func (h *Handler) exportFamilyAudit(w http.ResponseWriter, r *http.Request, id int64) error {
	entries, _, err := h.Audit.FindAuditEntries(r.Context(), regie.AuditFilter{FamilyID: &id, Limit: 10000, Export: true})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="toegangslog-%s.csv"`, regie.DossierNumber(id)))
	cw := response.NewCSV(w)
	if err := cw.Write("Tijdstip", "Medewerker", "Rol", "Handeling", "Gegevens", "Uitkomst", "Grondslag", "Toegangspunt", "Toelichting"); err != nil {
		return err
	}
	for _, e := range entries {
		if err := cw.Write(regie.FormatDateTime(e.Time), e.UserName, e.Role.Label(), e.Action.Label(), e.Segment.Label(),
			e.Outcome.Label(), e.Basis, e.IP, e.Detail); err != nil {
			return err
		}
	}
	return cw.Flush()
}
