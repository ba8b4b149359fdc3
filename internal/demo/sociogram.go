package demo

import (
	"context"
	"fmt"

	"regie"
)

// The sociogram in the demo (issue 15): Gezin Jansen's ties at the start
// of the diagnostics — a family standing alone, the ex-partner and the
// creditors weighing on it — and at the interim evaluation, copied from
// the start and changed: grandma Thea back in the picture, Dylan's
// football club, a neighbour and Sandra's colleague on their side. The
// page shows the isolation broken; the wrap-around flower shows the same
// people as petals.

// socioTieScript is a tie of a demo sociogram.
type socioTieScript struct {
	sector   regie.SocioSector
	name     string
	strength regie.TieStrength
	quality  regie.TieQuality
	note     string
}

// socioScript is a family's sociogram: the days (from the start of the
// file) of the two moments, the ties at the start, and what the later
// moment changes (a tie of the same sector and name replaced, a new one
// added) and drops (by name).
type socioScript struct {
	startDay, laterDay int
	start              []socioTieScript
	later              []socioTieScript
	drops              []string
}

// sociograms are the demo families' sociograms.
var sociograms = map[string]socioScript{
	"Gezin Jansen": {
		startDay: 25, laterDay: 200,
		start: []socioTieScript{
			{regie.SectorFamily, "Oma Thea", regie.TieWeak, regie.TieAmbivalent, "Ruzie na de scheiding; weinig contact."},
			{regie.SectorFamily, "Vader Marco", regie.TieWeak, regie.TieStressful, "Conflict over de omgang met de kinderen."},
			{regie.SectorNeighbours, "Buren op de galerij", regie.TieWeak, regie.TieStressful, "Klachten over geluidsoverlast."},
			{regie.SectorSchool, "Mentor van Dylan", regie.TieModerate, regie.TieAmbivalent, "Belt vooral over verzuim."},
			{regie.SectorAgencies, "Incassobureau", regie.TieModerate, regie.TieStressful, "Brieven die niet geopend worden."},
			{regie.SectorAgencies, "Huisarts", regie.TieWeak, regie.TieSupportive, ""},
		},
		later: []socioTieScript{
			{regie.SectorFamily, "Oma Thea", regie.TieStrong, regie.TieSupportive, "Past op woensdag op Lotte."},
			{regie.SectorSchool, "Mentor van Dylan", regie.TieModerate, regie.TieSupportive, "Wekelijks kort contact, ook over wat goed gaat."},
			{regie.SectorClubs, "Voetbalclub, trainer Erik", regie.TieModerate, regie.TieSupportive, "Dylan traint twee keer per week."},
			{regie.SectorNeighbours, "Buurvrouw Ans", regie.TieModerate, regie.TieSupportive, "Drinkt koffie met Sandra; haalt Lotte soms op."},
			{regie.SectorWork, "Collega van Sandra", regie.TieWeak, regie.TieSupportive, "Sandra werkt sinds kort 16 uur in de thuiszorg."},
			{regie.SectorAgencies, "Kredietbank", regie.TieModerate, regie.TieSupportive, "Schuldhulptraject loopt."},
		},
		drops: []string{"Incassobureau", "Buren op de galerij"},
	},
}

// sociogramDay records a family's sociogram moments on their days.
func (w *world) sociogramDay(cm context.Context, f family, id int64, day int, d regie.Date) error {
	sc, ok := sociograms[f.name]
	if !ok {
		return nil
	}
	switch day {
	case sc.startDay:
		m, err := w.st.AddSocioMoment(cm, id, regie.SocioMomentInput{On: d.ISO(), Label: "Start",
			Note: "Samen met Sandra getekend in het eerste gesprek over het netwerk."})
		if err != nil {
			return fmt.Errorf("demo sociogram start: %w", err)
		}
		for _, t := range sc.start {
			if err := w.socioTie(cm, id, m.ID, 0, t); err != nil {
				return err
			}
		}
	case sc.laterDay:
		so, err := w.st.FindSociograms(cm, id)
		if err != nil {
			return err
		}
		first := so.Latest()
		if first == nil {
			return nil
		}
		m, err := w.st.AddSocioMoment(cm, id, regie.SocioMomentInput{On: d.ISO(), Label: "Tussenevaluatie", CopyFrom: first.ID,
			Note: "Het netwerk is gegroeid: oma is terug in beeld en Dylan voetbalt weer."})
		if err != nil {
			return fmt.Errorf("demo sociogram later: %w", err)
		}
		existing := map[string]int64{}
		for _, t := range m.Ties {
			existing[t.Name] = t.ID
		}
		for _, name := range sc.drops {
			if err := w.st.RemoveSocioTie(cm, id, m.ID, existing[name]); err != nil {
				return fmt.Errorf("demo sociogram drop %s: %w", name, err)
			}
		}
		for _, t := range sc.later {
			if err := w.socioTie(cm, id, m.ID, existing[t.name], t); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *world) socioTie(cm context.Context, id, momentID, tieID int64, t socioTieScript) error {
	if _, err := w.st.SaveSocioTie(cm, id, momentID, tieID, regie.SocioTieInput{Sector: t.sector, Name: t.name,
		Strength: t.strength, Quality: t.quality, Note: t.note}); err != nil {
		return fmt.Errorf("demo sociogram tie %s: %w", t.name, err)
	}
	return nil
}
