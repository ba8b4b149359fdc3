package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"regie"
	"regie/internal/drawing"
	"regie/internal/pdf"
	"regie/internal/request"
)

// The sociogram (ecogram): the family's ties drawn in circles around the
// household, kept at moments in time. The page shows two moments side by
// side (the first and the newest unless chosen) with what changed, the
// same ties as text, and the forms to add a moment and to add, change and
// remove the ties of the newer moment.

var (
	socioMomentFields = []string{"moment_on", "moment_label", "moment_note", "copy_from"}
	socioTieFields    = []string{"sector", "tie_name", "strength", "quality", "tie_note"}
)

// sociogramPage is the data of the sociogram pages.
type sociogramPage struct {
	Family *regie.Family
	Socio  *regie.Sociograms
	// From and To are the moments shown side by side (From nil with one
	// moment); To's ties are the ones the forms change.
	From, To               *regie.SocioMoment
	FromDrawing, ToDrawing *drawing.Drawing
	Compare                *regie.SocioComparison
	Moments                []option
	Sectors                []option
	Strengths              []option
	Qualities              []option
	MomentForm, TieForm    *form
	// Tie is the tie changed, on its own page.
	Tie   *regie.SocioTie
	Today regie.Date
}

func socioTieInput(f *form) regie.SocioTieInput {
	return regie.SocioTieInput{Sector: regie.SocioSector(f.Get("sector")), Name: f.Get("tie_name"),
		Strength: regie.TieStrength(f.Get("strength")), Quality: regie.TieQuality(f.Get("quality")), Note: f.Get("tie_note")}
}

// momentParam reads a moment's id from the query (0 when absent).
func momentParam(r *http.Request, name string) int64 {
	id, _ := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	return id
}

// sociogramData reads the family and its sociogram (both audited) and
// picks the moments to show: to (0: the newest) and from (0: the first
// other than to).
func (h *Handler) sociogramData(r *http.Request, from, to int64) (*sociogramPage, error) {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return nil, err
	}
	so, err := h.Sociograms.FindSociograms(r.Context(), fam.ID)
	if err != nil {
		return nil, err
	}
	p := &sociogramPage{Family: fam, Socio: so, Sectors: choiceOptions(regie.SocioSectors),
		Strengths: choiceOptions(regie.TieStrengths), Qualities: choiceOptions(regie.TieQualities), Today: regie.DateOf(h.Clock.Now())}
	for _, m := range so.Moments {
		p.Moments = append(p.Moments, option{strconv.FormatInt(m.ID, 10), m.Title()})
	}
	if p.To = so.Moment(to); p.To == nil {
		p.To = so.Latest()
	}
	if p.To == nil {
		return p, nil
	}
	if p.From = so.Moment(from); p.From == nil || p.From == p.To {
		p.From = nil
		for _, m := range so.Moments {
			if m != p.To {
				p.From = m
				break
			}
		}
	}
	p.ToDrawing = drawing.Sociogram("socio-to", fam.HouseholdName, p.To)
	if p.From != nil {
		p.FromDrawing = drawing.Sociogram("socio-from", fam.HouseholdName, p.From)
		if p.From.On.After(p.To.On) {
			p.Compare = regie.CompareSociograms(p.To, p.From)
		} else {
			p.Compare = regie.CompareSociograms(p.From, p.To)
		}
	}
	return p, nil
}

// renderSociogram shows the page; moment and tie are the forms, one of
// them posted with errors (or both nil).
func (h *Handler) renderSociogram(w http.ResponseWriter, r *http.Request, status int, from, to int64, moment, tie *form) error {
	p, err := h.sociogramData(r, from, to)
	if err != nil {
		return err
	}
	posted := moment
	if moment == nil {
		latest := ""
		if l := p.Socio.Latest(); l != nil {
			latest = strconv.FormatInt(l.ID, 10)
		}
		moment = newForm(url.Values{"moment_on": {p.Today.ISO()}, "copy_from": {latest}}, socioMomentFields...)
	}
	if tie == nil {
		tie = newForm(nil, socioTieFields...)
	} else {
		posted = tie
	}
	if posted == nil {
		posted = newForm(nil)
	}
	p.MomentForm, p.TieForm = moment, tie
	h.render(w, r, status, "sociogram", &view{Title: "Sociogram", Nav: h.familyNav(r), Form: posted, Page: p})
	return nil
}

func (h *Handler) showSociogram(w http.ResponseWriter, r *http.Request) error {
	return h.renderSociogram(w, r, http.StatusOK, momentParam(r, "van"), momentParam(r, "tot"), nil, nil)
}

func (h *Handler) addSocioMoment(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, socioMomentFields...)
	if err != nil {
		return err
	}
	m, err := h.Sociograms.AddSocioMoment(r.Context(), id, regie.SocioMomentInput{On: f.Get("moment_on"), Label: f.Get("moment_label"),
		Note: f.Get("moment_note"), CopyFrom: f.Int64("copy_from")})
	if f.withError(err) {
		return h.renderSociogram(w, r, http.StatusUnprocessableEntity, 0, 0, f, nil)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/sociogram?tot=%d", id, m.ID), regie.MsgFlashSocioMomentAdded)
	return nil
}

// socioTieIDs reads the family's, the moment's and the tie's ids from
// the path.
func socioTieIDs(r *http.Request) (id, mid, tid int64, err error) {
	if id, mid, err = request.IDs(r, "id", "smid"); err != nil {
		return
	}
	tid, err = request.ID(r, "stid")
	return
}

func (h *Handler) addSocioTie(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := request.IDs(r, "id", "smid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, socioTieFields...)
	if err != nil {
		return err
	}
	_, err = h.Sociograms.SaveSocioTie(r.Context(), id, mid, 0, socioTieInput(f))
	if f.withError(err) {
		return h.renderSociogram(w, r, http.StatusUnprocessableEntity, 0, mid, nil, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/sociogram?tot=%d#banden", id, mid), regie.MsgFlashSocioTieSaved)
	return nil
}

// renderSocioTie shows a tie's page: the form to change it and the button
// to remove it.
func (h *Handler) renderSocioTie(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	_, mid, tid, err := socioTieIDs(r)
	if err != nil {
		return err
	}
	p, err := h.sociogramData(r, 0, mid)
	if err != nil {
		return err
	}
	if !p.Socio.CanEdit {
		return regie.Forbidden()
	}
	if p.To == nil || p.To.ID != mid {
		return regie.NotFound()
	}
	for _, t := range p.To.Ties {
		if t.ID == tid {
			p.Tie = t
		}
	}
	if p.Tie == nil {
		return regie.NotFound()
	}
	if f == nil {
		f = newForm(url.Values{"sector": {string(p.Tie.Sector)}, "tie_name": {p.Tie.Name}, "strength": {string(p.Tie.Strength)},
			"quality": {string(p.Tie.Quality)}, "tie_note": {p.Tie.Note}}, socioTieFields...)
	}
	p.TieForm = f
	h.render(w, r, status, "sociogram_tie", &view{Title: "Band wijzigen, sociogram", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showSocioTie(w http.ResponseWriter, r *http.Request) error {
	return h.renderSocioTie(w, r, http.StatusOK, nil)
}

func (h *Handler) updateSocioTie(w http.ResponseWriter, r *http.Request) error {
	id, mid, tid, err := socioTieIDs(r)
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, socioTieFields...)
	if err != nil {
		return err
	}
	_, err = h.Sociograms.SaveSocioTie(r.Context(), id, mid, tid, socioTieInput(f))
	if f.withError(err) {
		return h.renderSocioTie(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/sociogram?tot=%d#banden", id, mid), regie.MsgFlashSocioTieSaved)
	return nil
}

func (h *Handler) removeSocioTie(w http.ResponseWriter, r *http.Request) error {
	id, mid, tid, err := socioTieIDs(r)
	if err != nil {
		return err
	}
	if err := h.Sociograms.RemoveSocioTie(r.Context(), id, mid, tid); err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/sociogram?tot=%d#banden", id, mid), regie.MsgFlashSocioTieRemoved)
	return nil
}

// sociogramPDF prints one moment on A4: the drawing, then its ties as text.
func (h *Handler) sociogramPDF(w http.ResponseWriter, r *http.Request) error {
	_, mid, err := request.IDs(r, "id", "smid")
	if err != nil {
		return err
	}
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	so, err := h.Sociograms.ExportSociograms(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	m := so.Moment(mid)
	if m == nil {
		return regie.NotFound()
	}
	lines := []string{"Banden op " + m.Title() + ":"}
	for _, t := range m.Ties {
		l := fmt.Sprintf("%s — %s: %s, %s", t.Sector.Label(), t.Name, strings.ToLower(strings.SplitN(t.Strength.Label(), " (", 2)[0]),
			strings.ToLower(t.Quality.Label()))
		if t.Note != "" {
			l += ". " + t.Note
		}
		lines = append(lines, l)
	}
	if m.Note != "" {
		lines = append(lines, "Toelichting: "+m.Note)
	}
	b, err := pdf.Drawing("Sociogram", fam, drawing.Sociogram("socio", fam.HouseholdName, m), lines, h.Clock.Now())
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("sociogram-%s-%s.pdf", fam.DossierNumber(), m.On.ISO()), b)
	return nil
}

// flowerPage is the data of the wrap-around flower's page.
type flowerPage struct {
	Family   *regie.Family
	Flowers  *regie.Flowers
	Drawings []*drawing.Drawing // one per flower
}

// flowerDrawings draws each flower.
func flowerDrawings(fam *regie.Family, fl *regie.Flowers) []*drawing.Drawing {
	out := make([]*drawing.Drawing, len(fl.List))
	for i, f := range fl.List {
		out[i] = drawing.Flower(fmt.Sprintf("bloem-%d", i+1), fam.HouseholdName, f)
	}
	return out
}

func (h *Handler) showFlowers(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	fl, err := h.Sociograms.FindFlowers(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "flower", &view{Title: "Wrap-around bloem", Nav: h.familyNav(r),
		Page: &flowerPage{Family: fam, Flowers: fl, Drawings: flowerDrawings(fam, fl)}})
	return nil
}

// flowersPDF prints the flowers, one after the other, each with its
// petals as text.
func (h *Handler) flowersPDF(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	fl, err := h.Sociograms.ExportFlowers(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	b, err := pdf.Flowers(fam, fl, flowerDrawings(fam, fl), h.Clock.Now())
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("wrap-around-bloem-%s.pdf", fam.DossierNumber()), b)
	return nil
}
