package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"regie"
	"regie/internal/drawing"
	"regie/internal/pdf"
	"regie/internal/request"
)

// The genogram (seed 003 §4.2): one page per family with the drawing, the
// same people and relations as text, and the forms to add a person and a
// relation; a page per person and per relation to change or remove it;
// the drawing on A4 as PDF.

var (
	genogramPersonFields   = []string{"genogram_member", "name", "sex", "birth_year", "death_year", "deceased", "generation", "markers", "note"}
	genogramRelationFields = []string{"from_id", "to_id", "relation_kind", "relation_note"}
)

// genogramPage is the data of the genogram's pages.
type genogramPage struct {
	Family   *regie.Family
	Genogram *regie.Genogram
	Drawing  *drawing.Drawing
	// The forms: the person's and the relation's (one of them may have
	// come back with errors).
	PersonForm, RelationForm *form
	Person                   *regie.GenogramPerson   // on a person's page
	Relation                 *regie.GenogramRelation // on a relation's page
	Members                  []option                // the household's members not yet in the genogram (and the person's own)
	Persons                  []option
	Sexes                    []option
	Generations              []option
	Markers                  []option
	Kinds                    []optionGroup
}

func genogramPersonInput(f *form) regie.GenogramPersonInput {
	in := regie.GenogramPersonInput{MemberID: f.Int64("genogram_member"), Name: f.Get("name"), Sex: regie.GenogramSex(f.Get("sex")),
		BirthYear: f.Get("birth_year"), DeathYear: f.Get("death_year"), Deceased: f.Get("deceased") != "",
		Generation: f.Get("generation"), Note: f.Get("note")}
	for _, m := range f.Values["markers"] {
		in.Markers = append(in.Markers, regie.GenogramMarker(m))
	}
	return in
}

func genogramRelationInput(f *form) regie.GenogramRelationInput {
	return regie.GenogramRelationInput{FromID: f.Int64("from_id"), ToID: f.Int64("to_id"),
		Kind: regie.GenogramRelationKind(f.Get("relation_kind")), Note: f.Get("relation_note")}
}

// genogramData reads the family and its genogram (both audited) and
// builds the page's choices; pf and rf are the forms posted, if any.
func (h *Handler) genogramData(r *http.Request, pf, rf *form) (*genogramPage, error) {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return nil, err
	}
	g, err := h.Genograms.FindGenogram(r.Context(), fam.ID)
	if err != nil {
		return nil, err
	}
	if pf == nil {
		pf = newForm(url.Values{"generation": {"0"}}, genogramPersonFields...)
	}
	if rf == nil {
		rf = newForm(nil, genogramRelationFields...)
	}
	p := &genogramPage{Family: fam, Genogram: g, Drawing: drawing.Genogram(g, "Genogram van "+fam.HouseholdName),
		PersonForm: pf, RelationForm: rf, Sexes: choiceOptions(regie.GenogramSexes), Markers: choiceOptions(regie.GenogramMarkers)}
	for gen := regie.MinGeneration; gen <= regie.MaxGeneration; gen++ {
		p.Generations = append(p.Generations, option{strconv.Itoa(gen), fmt.Sprintf("%+d · %s", gen, regie.GenerationLabel(gen))})
	}
	p.Generations[2].Label = "0 · " + regie.GenerationLabel(0)
	for _, gen := range g.Generations() {
		for _, x := range gen.Persons {
			p.Persons = append(p.Persons, option{strconv.FormatInt(x.ID, 10), x.Name + " (" + gen.Label + ")"})
		}
	}
	groups := map[regie.RelationGroup]*optionGroup{
		regie.GroupPartner: {Label: "Partners"}, regie.GroupChild: {Label: "Ouder en kind (eerste persoon is de ouder)"},
		regie.GroupEmotional: {Label: "Hoe ze met elkaar omgaan"}, regie.GroupCare: {Label: "Zorg"},
	}
	for _, k := range regie.GenogramRelationKinds {
		gr := groups[k.Value.Group()]
		gr.Options = append(gr.Options, option{string(k.Value), k.Label})
	}
	p.Kinds = []optionGroup{*groups[regie.GroupPartner], *groups[regie.GroupChild], *groups[regie.GroupEmotional], *groups[regie.GroupCare]}
	return p, nil
}

// memberOptions are the household's members not yet in the genogram,
// plus the member of the person being changed (own).
func (p *genogramPage) memberOptions(own int64) {
	taken := map[int64]bool{}
	for _, x := range p.Genogram.Persons {
		if x.MemberID != own {
			taken[x.MemberID] = true
		}
	}
	for _, m := range p.Family.Members {
		if !taken[m.ID] {
			p.Members = append(p.Members, option{strconv.FormatInt(m.ID, 10), m.Name() + " (" + m.Relation.Label() + ")"})
		}
	}
}

func (h *Handler) renderGenogram(w http.ResponseWriter, r *http.Request, status int, pf, rf *form) error {
	p, err := h.genogramData(r, pf, rf)
	if err != nil {
		return err
	}
	p.memberOptions(0)
	f := p.PersonForm
	if rf != nil {
		f = rf
	}
	h.render(w, r, status, "genogram", &view{Title: "Genogram", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showGenogram(w http.ResponseWriter, r *http.Request) error {
	return h.renderGenogram(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) genogramPDF(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	g, err := h.Genograms.ExportGenogram(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	b, err := pdf.Drawing("Genogram", fam, drawing.Genogram(g, "Genogram van "+fam.HouseholdName), g.Lines(), h.Clock.Now())
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("genogram-%s.pdf", fam.DossierNumber()), b)
	return nil
}

// genogramFigure is the family's genogram for the plan's PDF: nil when
// it has none, or the actor may not export it.
func (h *Handler) genogramFigure(r *http.Request, fam *regie.Family) ([]pdf.Figure, error) {
	g, err := h.Genograms.ExportGenogram(r.Context(), fam.ID)
	if regie.ErrorCode(err) == regie.ENOTFOUND {
		return nil, nil
	}
	if err != nil || g.Empty() {
		return nil, err
	}
	return []pdf.Figure{{Title: "Genogram", Drawing: drawing.Genogram(g, "Genogram van "+fam.HouseholdName), Lines: g.Lines()}}, nil
}

func (h *Handler) addGenogramPerson(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, genogramPersonFields...)
	if err != nil {
		return err
	}
	_, err = h.Genograms.AddGenogramPerson(r.Context(), id, genogramPersonInput(f))
	if f.withError(err) {
		return h.renderGenogram(w, r, http.StatusUnprocessableEntity, f, nil)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/genogram", id), regie.MsgFlashGenogramPersonSaved)
	return nil
}

func (h *Handler) addGenogramRelation(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, genogramRelationFields...)
	if err != nil {
		return err
	}
	_, err = h.Genograms.AddGenogramRelation(r.Context(), id, genogramRelationInput(f))
	if f.withError(err) {
		return h.renderGenogram(w, r, http.StatusUnprocessableEntity, nil, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/genogram", id), regie.MsgFlashGenogramRelSaved)
	return nil
}

// renderGenogramPerson shows a person's page: the form to change them,
// filled from the person unless posted, and the button to remove them.
func (h *Handler) renderGenogramPerson(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	_, pid, err := request.IDs(r, "id", "gpid")
	if err != nil {
		return err
	}
	posted := f != nil
	if !posted {
		f = newForm(nil, genogramPersonFields...)
	}
	p, err := h.genogramData(r, f, nil)
	if err != nil {
		return err
	}
	if !p.Genogram.CanEdit {
		return regie.Forbidden()
	}
	if p.Person = p.Genogram.Person(pid); p.Person == nil {
		return regie.NotFound()
	}
	x := p.Person
	if !posted {
		f.Values = url.Values{"sex": {string(x.Sex)}, "generation": {strconv.Itoa(x.Generation)}, "note": {x.Note}}
		if x.MemberID != 0 {
			f.Values.Set("genogram_member", strconv.FormatInt(x.MemberID, 10))
		} else {
			f.Values.Set("name", x.Name)
			if x.BirthYear != 0 {
				f.Values.Set("birth_year", strconv.Itoa(x.BirthYear))
			}
		}
		if x.DeathYear != 0 {
			f.Values.Set("death_year", strconv.Itoa(x.DeathYear))
		}
		if x.Deceased {
			f.Values.Set("deceased", "1")
		}
		for _, m := range x.Markers {
			f.Values.Add("markers", string(m))
		}
	}
	p.memberOptions(x.MemberID)
	h.render(w, r, status, "genogram_person", &view{Title: x.Name + ", genogram", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showGenogramPerson(w http.ResponseWriter, r *http.Request) error {
	return h.renderGenogramPerson(w, r, http.StatusOK, nil)
}

func (h *Handler) updateGenogramPerson(w http.ResponseWriter, r *http.Request) error {
	id, pid, err := request.IDs(r, "id", "gpid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, genogramPersonFields...)
	if err != nil {
		return err
	}
	_, err = h.Genograms.UpdateGenogramPerson(r.Context(), id, pid, genogramPersonInput(f))
	if f.withError(err) {
		return h.renderGenogramPerson(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/genogram", id), regie.MsgFlashGenogramPersonSaved)
	return nil
}

func (h *Handler) removeGenogramPerson(w http.ResponseWriter, r *http.Request) error {
	id, pid, err := request.IDs(r, "id", "gpid")
	if err != nil {
		return err
	}
	if err := h.Genograms.RemoveGenogramPerson(r.Context(), id, pid); err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/genogram", id), regie.MsgFlashGenogramPersonGone)
	return nil
}

// renderGenogramRelation shows a relation's page: the form to change it
// and the button to remove it.
func (h *Handler) renderGenogramRelation(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	_, rid, err := request.IDs(r, "id", "grid")
	if err != nil {
		return err
	}
	p, err := h.genogramData(r, nil, f)
	if err != nil {
		return err
	}
	if !p.Genogram.CanEdit {
		return regie.Forbidden()
	}
	for _, x := range p.Genogram.Relations {
		if x.ID == rid {
			p.Relation = x
		}
	}
	if p.Relation == nil {
		return regie.NotFound()
	}
	if f == nil {
		x := p.Relation
		p.RelationForm.Values = url.Values{"from_id": {strconv.FormatInt(x.FromID, 10)}, "to_id": {strconv.FormatInt(x.ToID, 10)},
			"relation_kind": {string(x.Kind)}, "relation_note": {x.Note}}
	}
	h.render(w, r, status, "genogram_relation", &view{Title: "Relatie in het genogram", Nav: h.familyNav(r), Form: p.RelationForm, Page: p})
	return nil
}

func (h *Handler) showGenogramRelation(w http.ResponseWriter, r *http.Request) error {
	return h.renderGenogramRelation(w, r, http.StatusOK, nil)
}

func (h *Handler) updateGenogramRelation(w http.ResponseWriter, r *http.Request) error {
	id, rid, err := request.IDs(r, "id", "grid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, genogramRelationFields...)
	if err != nil {
		return err
	}
	err = h.Genograms.UpdateGenogramRelation(r.Context(), id, rid, genogramRelationInput(f))
	if f.withError(err) {
		return h.renderGenogramRelation(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/genogram", id), regie.MsgFlashGenogramRelSaved)
	return nil
}

func (h *Handler) removeGenogramRelation(w http.ResponseWriter, r *http.Request) error {
	id, rid, err := request.IDs(r, "id", "grid")
	if err != nil {
		return err
	}
	if err := h.Genograms.RemoveGenogramRelation(r.Context(), id, rid); err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/genogram", id), regie.MsgFlashGenogramRelGone)
	return nil
}
