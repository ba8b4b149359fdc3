package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"regie"
	"regie/internal/request"
)

const familiesPerPage = 50

// familyListPage is the data of "Mijn gezinnen" and "Gezinnen van het team".
type familyListPage struct {
	Team     bool
	Query    string
	Families []familyCard
	Total    int
	PrevURL  string
	NextURL  string
	Sort     string
	Sorts    []option
	// Checkups are the closed families whose last coordinator the actor
	// was, with check-ups still to do ("Mijn gezinnen" only).
	Checkups []*regie.FamilySummary
	// Emergencies are the break-glass accesses to the actor's families
	// (the team's, for the team leader) the actor has not seen yet.
	Emergencies []*regie.EmergencyAccess
}

func (h *Handler) showFamilyList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := familyListPage{Team: q.Get("overzicht") == "team", Query: regie.Clean(q.Get("q")), Sort: q.Get("sorteer")}
	if !regie.IsChoice(regie.FamilySorts, regie.FamilySort(p.Sort)) {
		p.Sort = "signalen"
		if p.Team {
			p.Sort = "naam"
		}
	}
	p.Sorts = choiceOptions(regie.FamilySorts)
	if p.Team {
		// The team's list is paged in the database, which orders by name,
		// phase or last contact.
		p.Sorts = []option{p.Sorts[1], p.Sorts[2], p.Sorts[3]}
	}
	filter := regie.FamilyFilter{Scope: regie.ScopeMine, Query: p.Query, Limit: familiesPerPage, Sort: regie.FamilySort(p.Sort)}
	title, nav := "Mijn gezinnen", "mijn"
	if p.Team {
		filter.Scope, title, nav = regie.ScopeTeam, "Gezinnen van het team", "team"
	}
	page := max(request.QueryInt(r, "pagina", 1), 1)
	filter.Offset = (page - 1) * familiesPerPage
	// The check-ups and the emergency notices stand above the first page
	// of the list itself, not above a search or a later page.
	first := p.Query == "" && page == 1
	fl, err := h.Families.FindFamilyList(r.Context(), filter, regie.ListWith{Checkups: first && !p.Team, Emergencies: first})
	if err != nil {
		return err
	}
	p.Families, p.Total = familyCards(fl.Families, regie.DateOf(h.Clock.Now()), &fl.Norms), fl.Total
	p.Checkups, p.Emergencies = fl.Checkups, fl.Emergencies
	link := func(n int) string {
		v := url.Values{}
		if p.Team {
			v.Set("overzicht", "team")
		}
		if p.Query != "" {
			v.Set("q", p.Query)
		}
		v.Set("sorteer", p.Sort)
		v.Set("pagina", fmt.Sprint(n))
		return "/gezinnen?" + v.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page*familiesPerPage < p.Total {
		p.NextURL = link(page + 1)
	}
	h.render(w, r, http.StatusOK, "family_list", &view{Title: title, Nav: nav, Page: p})
	return nil
}
