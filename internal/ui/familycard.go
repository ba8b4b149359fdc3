package ui

import (
	"strconv"

	"regie"
)

// familyCard is one family on a list ("Mijn gezinnen", the team's
// families, supervision) with its lines already in words. Such a list is
// the page a casemanager opens most; a template that calls a method or
// function for every line of thirty families costs more than the query
// behind them, so the words are made here, once.
type familyCard struct {
	ID      int64
	Name    string
	Acute   bool
	Closed  bool
	Phase   string // "Fase 2 · Contact leggen en motiveren", or empty
	Meta    []string
	Signals []regie.Signal
	// DueWhat and DueOn: what is due next, and when; empty when nothing.
	DueWhat, DueOn string
}

// familyCards puts a list of families into words. norms, when given,
// adds the intensive hours against their norm.
func familyCards(list []*regie.FamilySummary, today regie.Date, norms *regie.Norms) []familyCard {
	cards := make([]familyCard, len(list))
	for i, fs := range list {
		c := familyCard{ID: fs.ID, Name: fs.HouseholdName, Acute: fs.Acute, Closed: !fs.ClosedAt.IsZero(), Signals: fs.Signals}
		if fs.Phase != 0 && !c.Closed {
			c.Phase = "Fase " + strconv.Itoa(int(fs.Phase)) + " · " + fs.Phase.Label()
			c.Meta = append(c.Meta, regie.Plural(fs.WeeksInPhase(today), "week", "weken")+" in deze fase")
		}
		total := "totaal " + regie.FormatHours(fs.Facts.MinutesTotal) + " u"
		if norms != nil && fs.Phase.Intensive() {
			total += " (intensief " + regie.FormatHours(fs.Facts.MinutesIntensive) + " van ±" + strconv.Itoa(norms.IntensiveHours) + ")"
		}
		c.Meta = append(c.Meta, "deze maand "+regie.FormatHours(fs.MinutesMonth)+" u", total, "laatste contact: "+lastContact(fs.Facts))
		if fs.Coordinator != "" {
			c.Meta = append(c.Meta, "regisseur: "+fs.Coordinator)
		}
		if fs.Due.What != "" {
			c.DueWhat, c.DueOn = fs.Due.What, fs.Due.On.Dutch()
		}
		cards[i] = c
	}
	return cards
}

// lastContact says when the last contact moment was — a shut door is one
// too — and, when the family was not reached then, when it last was.
func lastContact(f regie.FamilyFacts) string {
	switch {
	case f.LastContactOn.IsZero():
		return "nog geen"
	case f.LastReachedOn.IsZero():
		return f.LastContactOn.Dutch() + " (nog geen contact gehad)"
	case f.LastReachedOn.Before(f.LastContactOn):
		return f.LastContactOn.Dutch() + " (laatste keer contact gehad: " + f.LastReachedOn.Dutch() + ")"
	}
	return f.LastContactOn.Dutch()
}
