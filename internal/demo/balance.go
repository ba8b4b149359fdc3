package demo

import (
	"context"
	"fmt"
	"strconv"

	"regie"
)

// The balance model in the demo (issue 15): Gezin Jansen's balance drawn
// with Sandra and Rob when the plan is written — the debts and the
// threatened eviction weigh more than what carries them — and again at
// the interim evaluation, where the frozen rent arrears and the
// Kredietbank tip it the other way. Three working lines are tied to the
// plan's goals.

// balanceScript is a family's balance at the start, the change at the
// interim evaluation, and the working lines of the plan's goals.
type balanceScript struct {
	start []factorScript
	// gone are the start's factors (by text) that no longer weigh at the
	// interim evaluation; added the new ones.
	gone  []string
	added []factorScript
	// lines ties a working line to the goal with that text.
	lines map[string]regie.WorkingLine
}

// factorScript is one factor of the balance.
type factorScript struct {
	kind   regie.BalanceKind
	level  regie.BalanceLevel
	weight int
	text   string
}

// balances are the demo families with a balance model.
var balances = map[string]balanceScript{
	"Gezin Jansen": {
		start: []factorScript{
			{regie.BalanceProtective, regie.LevelPerson, 3, "Sandra houdt het gezin bij elkaar"},
			{regie.BalanceProtective, regie.LevelPerson, 1, "Rob is handig en werkt graag"},
			{regie.BalanceProtective, regie.LevelFamily, 2, "Kevin en Lotte gaan goed naar school"},
			{regie.BalanceProtective, regie.LevelEnvironment, 2, "Oma Thea past op woensdag op Lotte"},
			{regie.BalanceTask, regie.LevelMicro, 2, "Drie kinderen opvoeden, Dylan in de puberteit"},
			{regie.BalanceRisk, regie.LevelMicro, 2, "Veel ruzie thuis, vooral 's avonds"},
			{regie.BalanceRisk, regie.LevelMicro, 2, "Rob slaapt slecht en piekert"},
			{regie.BalanceRisk, regie.LevelMeso, 1, "Dylan verzuimt van school"},
			{regie.BalanceRisk, regie.LevelMacro, 3, "Schulden bij zeven schuldeisers"},
			{regie.BalanceRisk, regie.LevelMacro, 3, "Huurachterstand, ontruiming dreigt"},
		},
		gone: []string{"Huurachterstand, ontruiming dreigt"},
		added: []factorScript{
			{regie.BalanceProtective, regie.LevelEnvironment, 2, "Kredietbank regelt de schulden"},
			{regie.BalanceProtective, regie.LevelEnvironment, 1, "Trainer Erik let op Dylan"},
		},
		lines: map[string]regie.WorkingLine{
			"We willen weten hoeveel schuld we precies hebben.": regie.LineTasks,
			"Minder ruzie thuis, vooral 's avonds.":             regie.LineStress,
			"Ik wil weer kunnen slapen en minder piekeren.":     regie.LinePathology,
		},
	},
}

// balanceStart records the family's first balance, a few days before day
// d (when the plan is agreed), and ties the working lines to the goals.
func (w *world) balanceStart(cm context.Context, f family, id int64, d regie.Date) error {
	bs, ok := balances[f.name]
	if !ok {
		return nil
	}
	m, err := w.st.AddBalanceMoment(cm, id, regie.BalanceMomentInput{On: d.AddDays(-7).ISO(),
		Note: "Bij de start, samen met Sandra en Rob getekend aan de keukentafel."})
	if err != nil {
		return fmt.Errorf("demo balance: %w", err)
	}
	if err := w.addFactors(cm, id, m.ID, bs.start); err != nil {
		return err
	}
	b, err := w.st.FindBalance(cm, id)
	if err != nil {
		return err
	}
	for _, g := range b.Goals {
		if line, ok := bs.lines[g.Text]; ok {
			if err := w.st.TieWorkingLine(cm, id, regie.GoalLineInput{GoalKey: g.Key, Line: line}); err != nil {
				return fmt.Errorf("demo working line: %w", err)
			}
		}
	}
	return nil
}

// balanceInterim records the balance again at the interim evaluation on
// day d: the start's factors copied, what changed changed.
func (w *world) balanceInterim(cm context.Context, f family, id int64, d regie.Date) error {
	bs, ok := balances[f.name]
	if !ok {
		return nil
	}
	m, err := w.st.AddBalanceMoment(cm, id, regie.BalanceMomentInput{On: d.ISO(), Copy: true,
		Note: "Bij de tussenevaluatie, met het gezin besproken."})
	if err != nil {
		return fmt.Errorf("demo balance: %w", err)
	}
	for _, fa := range m.Factors {
		for _, text := range bs.gone {
			if fa.Text == text {
				if err := w.st.RemoveBalanceFactor(cm, id, m.ID, fa.ID); err != nil {
					return err
				}
			}
		}
	}
	return w.addFactors(cm, id, m.ID, bs.added)
}

func (w *world) addFactors(cm context.Context, id, momentID int64, fs []factorScript) error {
	for _, fa := range fs {
		if err := w.st.AddBalanceFactor(cm, id, momentID, regie.BalanceFactorInput{Kind: fa.kind, Level: fa.level, Text: fa.text,
			Weight: strconv.Itoa(fa.weight)}); err != nil {
			return fmt.Errorf("demo balance factor %q: %w", fa.text, err)
		}
	}
	return nil
}
