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

// The balance model (Balansmodel): one page per family with the balance
// of a moment drawn (the newest, or an earlier one opened), the same as
// text, the earlier moments and the start against now; forms to add a
// moment (copying the one before) and factors, and to tie the five
// working lines to the plan's goals. Printed on A4 through pdf.Drawing.

var (
	balanceMomentFields = []string{"on", "note", "copy"}
	balanceFactorFields = []string{"balance_kind", "balance_level", "factor_text", "weight"}
	balanceLineFields   = []string{"goal", "working_line"}
)

// balancePage is the data of the balance page.
type balancePage struct {
	Family  *regie.Family
	Balance *regie.Balance
	// Shown is the moment drawn: the newest, or the one asked for.
	Shown   *regie.BalanceMoment
	Drawing *drawing.Drawing
	// Sides are the shown moment's factors by side and level, the
	// drawing's text alternative.
	Sides    []balanceSide
	Kinds    []option
	Levels   []optionGroup
	Weights  []option
	Goals    []option
	Lines    []option
	AllLines []regie.Choice[regie.WorkingLine]
}

// balanceSide is one side of the balance with its levels.
type balanceSide struct {
	Name, Explain string
	Sum           int
	Levels        []balanceLevel
}

// balanceLevel is one level with its factors.
type balanceLevel struct {
	Label   string
	Factors []*regie.BalanceFactor
}

// Sentence says the balance in words.
func (p balancePage) Sentence() string { return drawing.BalanceSentence(p.Shown) }

// FactorNote is a factor's kind and weight in words.
func (p balancePage) FactorNote(f *regie.BalanceFactor) string { return drawing.BalanceFactorNote(f) }

// IsNewest reports whether the shown moment is the newest.
func (p balancePage) IsNewest() bool { return p.Shown != nil && p.Shown == p.Balance.Newest() }

// Compare is the first moment when there is a later one to compare with.
func (p balancePage) Compare() *regie.BalanceMoment {
	if len(p.Balance.Moments) < 2 {
		return nil
	}
	return p.Balance.First()
}

// GoalText returns the text of the newest plan's goal with key, or "".
func (p balancePage) GoalText(key string) string {
	for _, g := range p.Balance.Goals {
		if g.Key == key {
			return g.Text
		}
	}
	return ""
}

func balanceSides(m *regie.BalanceMoment) []balanceSide {
	side := func(name, explain string, sum int, levels []regie.Choice[regie.BalanceLevel]) balanceSide {
		s := balanceSide{Name: name, Explain: explain, Sum: sum}
		for _, l := range levels {
			s.Levels = append(s.Levels, balanceLevel{Label: l.Label, Factors: m.Level(l.Value)})
		}
		return s
	}
	return []balanceSide{
		side("Draagkracht", "beschermende factoren", m.Carrying(), regie.CarryingLevels),
		side("Draaglast", "taken en risicofactoren", m.Burden(), regie.BurdenLevels),
	}
}

// balanceData reads the family and its balance model (both audited) and
// picks the moment to show: momentID, or the newest when 0.
func (h *Handler) balanceData(r *http.Request, momentID int64) (balancePage, error) {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return balancePage{}, err
	}
	b, err := h.Balances.FindBalance(r.Context(), fam.ID)
	if err != nil {
		return balancePage{}, err
	}
	p := balancePage{Family: fam, Balance: b, Shown: b.Newest(), Kinds: choiceOptions(regie.BalanceKinds),
		Levels: []optionGroup{
			{Label: "Draagkracht: beschermende factoren", Options: choiceOptions(regie.CarryingLevels)},
			{Label: "Draaglast: taken en risicofactoren", Options: choiceOptions(regie.BurdenLevels)},
		},
		Lines: choiceOptions(regie.WorkingLines), AllLines: regie.WorkingLines}
	for _, w := range regie.BalanceWeights {
		p.Weights = append(p.Weights, option{strconv.Itoa(int(w.Weight)), fmt.Sprintf("%d · %s", w.Weight, w.Label)})
	}
	for _, g := range b.Goals {
		p.Goals = append(p.Goals, option{g.Key, drawing.Clip(g.Text, 80)})
	}
	if momentID != 0 {
		if p.Shown = b.Moment(momentID); p.Shown == nil {
			return balancePage{}, regie.NotFound()
		}
	}
	if p.Shown != nil {
		p.Drawing, p.Sides = drawing.BalanceScales(p.Shown), balanceSides(p.Shown)
	}
	return p, nil
}

// shownMoment reads the moment asked for in the query (?moment=), 0 when
// none.
func shownMoment(r *http.Request) (int64, error) {
	v := r.URL.Query().Get("moment")
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, regie.NotFound()
	}
	return id, nil
}

// renderBalance shows the page with moment momentID (0: the newest). f
// is the form posted, if any; the others keep their defaults.
func (h *Handler) renderBalance(w http.ResponseWriter, r *http.Request, status int, f *form, momentID int64) error {
	p, err := h.balanceData(r, momentID)
	if err != nil {
		return err
	}
	all := append(append(append([]string{}, balanceMomentFields...), balanceFactorFields...), balanceLineFields...)
	if f == nil {
		f = newForm(nil, all...)
	}
	defaults := url.Values{"on": {regie.DateOf(h.Clock.Now()).ISO()}, "weight": {"2"}}
	if len(p.Balance.Moments) > 0 {
		defaults.Set("copy", "1")
	}
	if len(f.Values) == 0 {
		for k, v := range defaults {
			f.Values[k] = v
		}
	}
	title := "Balansmodel"
	if p.Shown != nil && !p.IsNewest() {
		title = "Balansmodel op " + p.Shown.On.Dutch()
	}
	h.render(w, r, status, "balance", &view{Title: title, Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showBalance(w http.ResponseWriter, r *http.Request) error {
	mid, err := shownMoment(r)
	if err != nil {
		return err
	}
	return h.renderBalance(w, r, http.StatusOK, nil, mid)
}

func (h *Handler) addBalanceMoment(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, balanceMomentFields...)
	if err != nil {
		return err
	}
	_, err = h.Balances.AddBalanceMoment(r.Context(), id, regie.BalanceMomentInput{On: f.Get("on"), Note: f.Get("note"),
		Copy: f.Get("copy") != ""})
	if f.withError(err) {
		return h.renderBalance(w, r, http.StatusUnprocessableEntity, f, 0)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/balans", id), regie.MsgFlashBalanceMoment)
	return nil
}

func (h *Handler) addBalanceFactor(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := request.IDs(r, "id", "bid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, balanceFactorFields...)
	if err != nil {
		return err
	}
	err = h.Balances.AddBalanceFactor(r.Context(), id, mid, regie.BalanceFactorInput{Kind: regie.BalanceKind(f.Get("balance_kind")),
		Level: regie.BalanceLevel(f.Get("balance_level")), Text: f.Get("factor_text"), Weight: f.Get("weight")})
	if f.withError(err) {
		return h.renderBalance(w, r, http.StatusUnprocessableEntity, f, mid)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/balans?moment=%d#h-balans", id, mid), regie.MsgFlashBalanceFactor)
	return nil
}

func (h *Handler) removeBalanceFactor(w http.ResponseWriter, r *http.Request) error {
	id, mid, err := request.IDs(r, "id", "bid")
	if err != nil {
		return err
	}
	fid, err := request.ID(r, "fid")
	if err != nil {
		return err
	}
	if err := h.Balances.RemoveBalanceFactor(r.Context(), id, mid, fid); err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/balans?moment=%d#h-balans", id, mid), regie.MsgFlashBalanceFactorGone)
	return nil
}

func (h *Handler) tieWorkingLine(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, balanceLineFields...)
	if err != nil {
		return err
	}
	err = h.Balances.TieWorkingLine(r.Context(), id, regie.GoalLineInput{GoalKey: f.Get("goal"), Line: regie.WorkingLine(f.Get("working_line"))})
	if f.withError(err) {
		return h.renderBalance(w, r, http.StatusUnprocessableEntity, f, 0)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/balans#h-werklijnen", id), regie.MsgFlashBalanceLine)
	return nil
}

func (h *Handler) untieWorkingLine(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, balanceLineFields...)
	if err != nil {
		return err
	}
	if err := h.Balances.UntieWorkingLine(r.Context(), id, f.Get("goal"), regie.WorkingLine(f.Get("working_line"))); err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/balans#h-werklijnen", id), regie.MsgFlashBalanceLineGone)
	return nil
}

// balancePDF prints the shown moment's balance on A4 (audited as an
// export), with the same text as the page beside the drawing.
func (h *Handler) balancePDF(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	mid, err := shownMoment(r)
	if err != nil {
		return err
	}
	b, fam, err := h.Balances.ExportBalance(r.Context(), id)
	if err != nil {
		return err
	}
	m := b.Newest()
	if mid != 0 {
		m = b.Moment(mid)
	}
	if m == nil {
		return regie.NotFound()
	}
	out, err := pdf.Drawing("Balansmodel", fam, drawing.Balance(m), balanceLines(b, m), h.Clock.Now())
	if err != nil {
		return err
	}
	serveAttachment(w, "application/pdf", fmt.Sprintf("balansmodel-%s-%s.pdf", fam.DossierNumber(), m.On.ISO()), out)
	return nil
}

// balanceLines is the balance as text for the printed page: the moment,
// the factors of each side by level, the working lines with their goals.
func balanceLines(b *regie.Balance, m *regie.BalanceMoment) []string {
	lines := []string{"Balans op " + m.On.Dutch() + "."}
	if m.Note != "" {
		lines = append(lines, "Toelichting: "+m.Note)
	}
	for _, s := range balanceSides(m) {
		lines = append(lines, fmt.Sprintf("%s (%s): %d", s.Name, s.Explain, s.Sum))
		for _, l := range s.Levels {
			var fs []string
			for _, f := range l.Factors {
				fs = append(fs, f.Text+" ("+drawing.BalanceFactorNote(f)+")")
			}
			if len(fs) == 0 {
				fs = []string{"geen"}
			}
			lines = append(lines, "  "+l.Label+": "+strings.Join(fs, "; ")+".")
		}
	}
	if len(b.Lines) > 0 {
		lines = append(lines, "Werklijnen bij de doelen van het plan:")
		for _, l := range b.Lines {
			goal := l.GoalText
			if goal == "" {
				goal = "(doel niet meer in het plan)"
			}
			lines = append(lines, "  "+l.Line.Label()+": “"+goal+"”")
		}
	}
	return lines
}
