package regie

import (
	"fmt"
	"slices"
)

// The flow of referrals and families (Instroom en doorstroom, seed 003
// bijlage 2): what came in and what became of it, how families left, where
// they are now, who referred them and how long they waited. The referrals
// are the cohort received in the period, each counted once by its status
// now; the families are those in scope (ReportFacts.Families).

// Referral outcomes: the rows of the table "instroom". Every referral is
// in exactly one (referralOutcome).
const (
	outcomeOpen      = "open"
	outcomeAccepted  = "geaccepteerd"
	outcomePortfolio = "portefeuille"
	outcomeWaiting   = "wachtlijst"
	outcomeContra    = "afgewezen_contra"
	outcomeDeclined  = "afgewezen_anders"
)

// referralOutcomes are the outcome rows in order, with their labels.
var referralOutcomes = []Choice[string]{
	{outcomeOpen, "Nog geen besluit (ontvangen of op de agenda van het teamoverleg)"},
	{outcomeAccepted, "Geaccepteerd"},
	{outcomePortfolio, "In portefeuille"},
	{outcomeWaiting, "Op de wachtlijst"},
	{outcomeContra, "Afgewezen wegens een contra-indicatie"},
	{outcomeDeclined, "Afgewezen om een andere reden"},
}

// referralOutcome is the one outcome row a referral counts in, by its
// status now; a status regie does not know counts as not yet decided.
func referralOutcome(r *ReportReferral) string {
	switch r.Status {
	case ReferralAccepted:
		return outcomeAccepted
	case ReferralPortfolio:
		return outcomePortfolio
	case ReferralWaiting:
		return outcomeWaiting
	case ReferralDeclined:
		if r.ContraIndicated {
			return outcomeContra
		}
		return outcomeDeclined
	}
	return outcomeOpen
}

// idSet collects the families behind a figure, each once; 0 (no family)
// is left out. It keeps no map: a family's facts are read together, so
// repeats mostly come in a row and are skipped at once; the others go
// when the set is first read (sorted).
type idSet struct {
	ids []int64
	// done: ids is sorted without repeats, and may be shared by cells
	// (which only read it), so a later add copies it first.
	done bool
}

func (s *idSet) add(id int64) {
	if n := len(s.ids); id == 0 || n > 0 && s.ids[n-1] == id {
		return
	}
	if s.done {
		s.ids, s.done = slices.Clone(s.ids), false
	}
	s.ids = append(s.ids, id)
}

// sorted returns the ids in increasing order (nil when none); the slice
// is shared, not to be changed.
func (s *idSet) sorted() []int64 {
	if len(s.ids) == 0 {
		return nil
	}
	if !s.done {
		slices.Sort(s.ids)
		s.ids, s.done = slices.Compact(s.ids), true
	}
	return s.ids
}

// len is the number of families in the set.
func (s *idSet) len() int { return len(s.sorted()) }

// countCell is a number of n things (referrals, stays, families) with the
// families behind them.
func countCell(n int, fams *idSet) ReportCell {
	c := ReportCell{Kind: CellCount, Value: float64(n), N: n}
	if fams != nil {
		c.Families = fams.sorted()
	}
	return c
}

// familiesCell is the number of families in fams.
func familiesCell(fams *idSet) ReportCell { return countCell(fams.len(), fams) }

// shareCell is n of total as a percentage (0 when total is 0), about n.
func shareCell(n, total int, fams *idSet) ReportCell {
	c := countCell(n, fams)
	c.Kind = CellPercent
	c.Value = 0
	if total > 0 {
		c.Value = 100 * float64(n) / float64(total)
	}
	return c
}

// emptyCell is a figure there is nothing to compute for, with why.
func emptyCell(kind CellKind, why string) ReportCell {
	return ReportCell{Kind: kind, Empty: true, Warning: why}
}

// msgReportNothing is the warning of a mean or median over nothing.
const msgReportNothing = "Niets te berekenen: geen gegevens in deze periode."

// statCells are the mean, median and longest of xs (days or hours), each
// about len(xs) and the families; empty when xs is.
func statCells(kind CellKind, xs []float64, fams *idSet, longest bool) []ReportCell {
	n := 3
	if !longest {
		n = 2
	}
	cells := make([]ReportCell, 0, n)
	if len(xs) == 0 {
		for range n {
			cells = append(cells, emptyCell(kind, msgReportNothing))
		}
		return cells
	}
	cell := func(v float64) ReportCell {
		c := countCell(len(xs), fams)
		c.Kind, c.Value = kind, v
		return c
	}
	cells = append(cells, cell(mean(xs)), cell(median(xs)))
	if longest {
		cells = append(cells, cell(slices.Max(xs)))
	}
	return cells
}

// phaseRowLabel is a phase's row label: "Fase 2: Contact leggen en motiveren".
func phaseRowLabel(p Phase) string { return fmt.Sprintf("Fase %d: %s", p, p.Label()) }

// phaseRowKey is a phase's row key: "fase2".
func phaseRowKey(p Phase) string { return fmt.Sprintf("fase%d", p) }

// flowSection computes the flow of referrals and families: Instroom en doorstroom.
func flowSection(f *ReportFacts) *ReportSection {
	return &ReportSection{
		Key:   "instroom",
		Title: "Instroom en doorstroom",
		Intro: "De aanmeldingen die in de periode binnenkwamen en wat er nu van geworden is, de gezinnen die in de periode werden afgesloten, de gezinnen per fase aan het einde van de periode, de aanmelders en de wachttijden.",
		Tables: []*ReportTable{
			intakeTable(f), closingTable(f), phasesTable(f), sourcesTable(f), waitingTable(f),
		},
	}
}

// intakeTable is "instroom": the referrals received in the period by
// their outcome now.
func intakeTable(f *ReportFacts) *ReportTable {
	counts := map[string]int{}
	fams := map[string]*idSet{}
	var all idSet
	for _, o := range referralOutcomes {
		fams[o.Value] = &idSet{}
	}
	for _, r := range f.Referrals {
		o := referralOutcome(r)
		counts[o]++
		fams[o].add(r.FamilyID)
		all.add(r.FamilyID)
	}
	total := len(f.Referrals)
	t := &ReportTable{
		Key:         "instroom",
		Title:       "Aanmeldingen en het besluit over de intake",
		Note:        "Geteld: de aanmeldingen die in de periode zijn ontvangen, elk één keer, naar hun status nu (het laatste besluit van het teamoverleg over de intake); afgewezen wegens een contra-indicatie is een afwijzing die een contra-indicatie noemt.",
		RowHeader:   "Besluit",
		Columns:     []string{"Aanmeldingen", "Aandeel"},
		Chart:       ChartBars,
		ChartColumn: 0,
	}
	for _, o := range referralOutcomes {
		t.Rows = append(t.Rows, &ReportRow{Key: o.Value, Label: o.Label, Cells: []ReportCell{
			countCell(counts[o.Value], fams[o.Value]), shareCell(counts[o.Value], total, fams[o.Value]),
		}})
	}
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		countCell(total, &all), shareCell(total, total, &all),
	}})
	return t
}

// closingTable is "afsluiting": the families closed in the period by the
// outcome of the closing.
func closingTable(f *ReportFacts) *ReportTable {
	sets := map[CloseOutcome]*idSet{}
	for _, o := range CloseOutcomes {
		sets[o.Value] = &idSet{}
	}
	var all idSet
	for _, fam := range f.Families {
		if !f.Filter.Contains(fam.ClosedOn) {
			continue
		}
		o := fam.CloseOutcome
		if sets[o] == nil {
			o = CloseOther
		}
		sets[o].add(fam.ID)
		all.add(fam.ID)
	}
	t := &ReportTable{
		Key:       "afsluiting",
		Title:     "Afgesloten gezinnen naar uitkomst",
		Note:      "Geteld: de gezinnen waarvan het dossier in de periode is gesloten, naar de uitkomst die bij het sluiten is vastgelegd.",
		RowHeader: "Uitkomst",
		Columns:   []string{"Gezinnen", "Aandeel"},
	}
	for _, o := range CloseOutcomes {
		s := sets[o.Value]
		t.Rows = append(t.Rows, &ReportRow{Key: string(o.Value), Label: o.Label, Cells: []ReportCell{
			familiesCell(s), shareCell(s.len(), all.len(), s),
		}})
	}
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		familiesCell(&all), shareCell(all.len(), all.len(), &all),
	}})
	return t
}

// phasesTable is "fasen": the families per phase on the period's last day.
func phasesTable(f *ReportFacts) *ReportTable {
	var sets [PhaseCoordination + 1]idSet
	var all idSet
	for _, fam := range f.Families {
		if p := fam.PhaseOn(f.Filter.To); p >= PhaseIntroduction && p <= PhaseCoordination {
			sets[p].add(fam.ID)
			all.add(fam.ID)
		}
	}
	t := &ReportTable{
		Key:         "fasen",
		Title:       "Gezinnen per fase",
		Note:        fmt.Sprintf("Geteld: de gezinnen met een open dossier op %s, naar de fase waarin ze toen waren (de faseovergangen in het dossier).", f.Filter.To.Dutch()),
		RowHeader:   "Fase",
		Columns:     []string{"Gezinnen", "Aandeel"},
		Chart:       ChartBars,
		ChartColumn: 0,
	}
	for p := PhaseIntroduction; p <= PhaseCoordination; p++ {
		t.Rows = append(t.Rows, &ReportRow{Key: phaseRowKey(p), Label: phaseRowLabel(p), Cells: []ReportCell{
			familiesCell(&sets[p]), shareCell(sets[p].len(), all.len(), &sets[p]),
		}})
	}
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		familiesCell(&all), shareCell(all.len(), all.len(), &all),
	}})
	return t
}

// sourcesTable is "bronnen": the referrals received in the period by the
// kind of the referring organisation.
func sourcesTable(f *ReportFacts) *ReportTable {
	counts := map[OrgKind]int{}
	sets := map[OrgKind]*idSet{}
	var all idSet
	for _, r := range f.Referrals {
		k := r.SourceKind
		if !IsChoice(OrgKinds, k) {
			k = "overig"
		}
		counts[k]++
		if sets[k] == nil {
			sets[k] = &idSet{}
		}
		sets[k].add(r.FamilyID)
		all.add(r.FamilyID)
	}
	total := len(f.Referrals)
	t := &ReportTable{
		Key:         "bronnen",
		Title:       "Aanmelders",
		Note:        "Geteld: de aanmeldingen die in de periode zijn ontvangen, naar het soort organisatie van de aanmelder (de sociale kaart); soorten zonder aanmeldingen zijn weggelaten.",
		RowHeader:   "Soort organisatie",
		Columns:     []string{"Aanmeldingen", "Aandeel"},
		Chart:       ChartBars,
		ChartColumn: 0,
	}
	for _, k := range OrgKinds {
		if counts[k.Value] == 0 {
			continue
		}
		t.Rows = append(t.Rows, &ReportRow{Key: string(k.Value), Label: k.Label, Cells: []ReportCell{
			countCell(counts[k.Value], sets[k.Value]), shareCell(counts[k.Value], total, sets[k.Value]),
		}})
	}
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		countCell(total, &all), shareCell(total, total, &all),
	}})
	return t
}

// waitingTable is "wachttijden": the days from the referral to the intake
// decision, from the acceptance to the first contact, and the days those
// still waiting (or held in portfolio) have waited at the period's end.
func waitingTable(f *ReportFacts) *ReportTable {
	type row struct {
		key, label string
		days       []float64
		fams       idSet
	}
	decision := &row{key: "besluit", label: "Van aanmelding tot besluit over de intake"}
	contact := &row{key: "eerste_contact", label: "Van acceptatie tot eerste contact met het gezin"}
	waiting := &row{key: "wachtlijst", label: "Op de wachtlijst: van aanmelding tot het einde van de periode"}
	portfolio := &row{key: "portefeuille", label: "In portefeuille: van aanmelding tot het einde van de periode"}
	for _, r := range f.Referrals {
		if !r.Status.Open() && !r.DecidedOn.IsZero() {
			decision.days = append(decision.days, float64(r.ReceivedOn.DaysUntil(r.DecidedOn)))
			decision.fams.add(r.FamilyID)
		}
		switch r.Status {
		case ReferralAccepted:
			if !r.DecidedOn.IsZero() && !r.FirstContactOn.IsZero() {
				contact.days = append(contact.days, float64(r.DecidedOn.DaysUntil(r.FirstContactOn)))
				contact.fams.add(r.FamilyID)
			}
		case ReferralWaiting:
			waiting.days = append(waiting.days, float64(r.ReceivedOn.DaysUntil(f.Filter.To)))
		case ReferralPortfolio:
			portfolio.days = append(portfolio.days, float64(r.ReceivedOn.DaysUntil(f.Filter.To)))
		}
	}
	t := &ReportTable{
		Key:       "wachttijden",
		Title:     "Wachttijden in dagen",
		Note:      "Geteld: de aanmeldingen die in de periode zijn ontvangen; de dagen tussen de ontvangst en het laatste besluit over de intake, tussen de acceptatie en het eerste contact of de eerste poging (het contactlogboek), en voor wie nu op de wachtlijst of in portefeuille staat de dagen sinds de ontvangst tot het einde van de periode.",
		RowHeader: "Wachttijd",
		Columns:   []string{"Aanmeldingen", "Gemiddeld", "Mediaan", "Langst"},
	}
	for _, r := range []*row{decision, contact, waiting, portfolio} {
		fams := &r.fams
		if r == waiting || r == portfolio {
			fams = nil
		}
		cells := append([]ReportCell{countCell(len(r.days), fams)}, statCells(CellDays, r.days, fams, true)...)
		t.Rows = append(t.Rows, &ReportRow{Key: r.key, Label: r.label, Cells: cells})
	}
	return t
}
