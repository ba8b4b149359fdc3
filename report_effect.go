package regie

import (
	"fmt"
)

// The effect (seed 003 bijlage 2, DOMAIN.md §11): what changed for the
// families whose intensive phase ended in the period — the effect cohort,
// the families whose (latest) final evaluation falls in it. Self-reliance
// at the start and at the end per life domain, the goals reached, the
// eight end terms, and the agencies involved before, at and after the
// handover.

// SmallNumbers is the number of families below which an effect figure
// carries the warning "kleine aantallen": with fewer than ten families a
// mean change says little, however narrow it looks.
const SmallNumbers = 10

// effectCohort returns the families of the effect cohort, in the order of
// the facts.
func effectCohort(f *ReportFacts) []*ReportFamily {
	var out []*ReportFamily
	for _, fam := range f.Families {
		if f.Filter.Contains(fam.FinalEvaluationOn) {
			out = append(out, fam)
		}
	}
	return out
}

// effectSection computes the effect: Effect.
func effectSection(f *ReportFacts) *ReportSection {
	cohort := effectCohort(f)
	return &ReportSection{
		Key:   "effect",
		Title: "Effect",
		Intro: fmt.Sprintf("Over de gezinnen van wie de eindevaluatie in de periode valt: %d gezinnen. "+
			"Alle cijfers komen uit wat de casemanagers vastlegden in de scores van de zelfredzaamheid, de eindevaluatie en de trajecten.", len(cohort)),
		Tables: []*ReportTable{
			selfRelianceTable(cohort),
			goalsTable(cohort),
			endTermsTable(cohort),
			agenciesTable(cohort),
		},
	}
}

// selfRelianceTable is the self-reliance at the start and at the end per
// life domain: the families scored on it at both, their mean scores, the
// mean change with its 95 % confidence interval and the share improved.
func selfRelianceTable(cohort []*ReportFamily) *ReportTable {
	t := &ReportTable{
		Key:   "zelfredzaamheid",
		Title: "Zelfredzaamheid bij de start en aan het eind",
		Note: fmt.Sprintf("Per leefgebied de gezinnen met een score van het huishouden bij het eerste en bij het laatste scoremoment "+
			"(1 = acute problematiek, 5 = volledig zelfredzaam). De verandering is het gemiddelde van eind min start per gezin, "+
			"met tussen haakjes het 95 %%-betrouwbaarheidsinterval (t-verdeling); vooruitgegaan is een gezin met een hogere score aan het eind. "+
			"Bij minder dan %d gezinnen: kleine aantallen, voorzichtig interpreteren.", SmallNumbers),
		RowHeader:   "Leefgebied",
		Columns:     []string{"Gezinnen", "Gemiddeld bij de start", "Gemiddeld aan het eind", "Gemiddelde verandering (95 %-interval)", "Vooruitgegaan"},
		Chart:       ChartPairs,
		ChartColumn: 1,
	}
	for _, d := range Domains {
		var ids, improved []int64
		var starts, ends, changes []float64
		for _, fam := range cohort {
			s, e := fam.StartScores[d.Value], fam.EndScores[d.Value]
			if s <= 0 || e <= 0 {
				continue
			}
			ids = append(ids, fam.ID)
			starts = append(starts, float64(s))
			ends = append(ends, float64(e))
			changes = append(changes, float64(e-s))
			if e > s {
				improved = append(improved, fam.ID)
			}
		}
		n := len(ids)
		if n == 0 {
			continue
		}
		change := ReportCell{Kind: CellNumber, Value: mean(changes), N: n, Families: ids}
		if low, high, ok := meanInterval(changes); ok {
			change.Interval, change.Low, change.High = true, low, high
		}
		share := ReportCell{Kind: CellPercent, Value: 100 * float64(len(improved)) / float64(n), N: n, Families: improved}
		if n < SmallNumbers {
			change.Warning = Text(MsgEffectSmallNumbers)
			share.Warning = Text(MsgEffectSmallNumbers)
		}
		t.Rows = append(t.Rows, &ReportRow{Key: string(d.Value), Label: d.Label, Cells: []ReportCell{
			{Kind: CellCount, Value: float64(n), N: n, Families: ids},
			{Kind: CellNumber, Value: mean(starts), N: n, Families: ids},
			{Kind: CellNumber, Value: mean(ends), N: n, Families: ids},
			change,
			share,
		}})
	}
	return t
}

// goalsTable counts the goals of the cohort's final evaluations per
// degree reached.
func goalsTable(cohort []*ReportFamily) *ReportTable {
	t := &ReportTable{
		Key:   "doelen",
		Title: "Doelen van het plan in de eindevaluatie",
		Note: "Alle doelen van de plannen van het cohort, naar de mate waarin ze volgens de eindevaluatie behaald zijn. " +
			"Het aandeel is van alle geëvalueerde doelen; gezinnen zijn de gezinnen met minstens één zo'n doel.",
		RowHeader: "Behaald",
		Columns:   []string{"Doelen", "Aandeel", "Gezinnen"},
	}
	total := 0
	var all []int64
	for _, fam := range cohort {
		goals := 0
		for _, n := range fam.Goals {
			goals += n
		}
		if goals > 0 {
			total += goals
			all = append(all, fam.ID)
		}
	}
	for _, deg := range GoalDegrees {
		goals := 0
		var ids []int64
		for _, fam := range cohort {
			if n := fam.Goals[deg.Value]; n > 0 {
				goals += n
				ids = append(ids, fam.ID)
			}
		}
		t.Rows = append(t.Rows, &ReportRow{Key: string(deg.Value), Label: deg.Label, Cells: []ReportCell{
			{Kind: CellCount, Value: float64(goals), N: len(ids), Families: ids},
			effectShare(goals, total, len(ids), ids),
			{Kind: CellCount, Value: float64(len(ids)), N: len(ids), Families: ids},
		}})
	}
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		{Kind: CellCount, Value: float64(total), N: len(all), Families: all},
		effectShare(total, total, len(all), all),
		{Kind: CellCount, Value: float64(len(all)), N: len(all), Families: all},
	}})
	return t
}

// effectShare is part of whole as a percentage, about n families; empty
// when the whole is nothing.
func effectShare(part, whole, n int, ids []int64) ReportCell {
	if whole == 0 {
		return ReportCell{Kind: CellPercent, Empty: true, Warning: Text(MsgEffectNothingToShare)}
	}
	return ReportCell{Kind: CellPercent, Value: 100 * float64(part) / float64(whole), N: n, Families: ids}
}

// endTermsTable counts each end term's scores in the cohort's final
// evaluations.
func endTermsTable(cohort []*ReportFamily) *ReportTable {
	t := &ReportTable{
		Key:   "eindtermen",
		Title: "Eindtermen in de eindevaluatie",
		Note: "Per eindterm het aantal gezinnen naar de score in de eindevaluatie. Het aandeel behaald is van de gezinnen " +
			"bij wie de eindterm van toepassing was (behaald, deels of niet behaald).",
		RowHeader: "Eindterm",
		Columns:   []string{"Behaald", "Deels behaald", "Niet behaald", "Niet van toepassing", "Aandeel behaald"},
	}
	scores := []EndTermScore{"behaald", "deels", "niet", "nvt"}
	for _, term := range EndTerms {
		by := map[EndTermScore][]int64{}
		for _, fam := range cohort {
			if s, ok := fam.EndTerms[term.Value]; ok {
				by[s] = append(by[s], fam.ID)
			}
		}
		row := &ReportRow{Key: string(term.Value), Label: term.Label}
		for _, s := range scores {
			row.Cells = append(row.Cells, ReportCell{Kind: CellCount, Value: float64(len(by[s])), N: len(by[s]), Families: by[s]})
		}
		applicable := len(by["behaald"]) + len(by["deels"]) + len(by["niet"])
		share := effectShare(len(by["behaald"]), applicable, applicable, by["behaald"])
		if applicable > 0 && applicable < SmallNumbers {
			share.Warning = Text(MsgEffectSmallNumbers)
		}
		row.Cells = append(row.Cells, share)
		t.Rows = append(t.Rows, row)
	}
	return t
}

// agenciesTable is the number of agencies involved with a family at the
// start of the intensive phase, at the handover and after coordination of
// care; the change is paired: per family against its own start.
func agenciesTable(cohort []*ReportFamily) *ReportTable {
	t := &ReportTable{
		Key:   "instanties",
		Title: "Betrokken instanties per gezin",
		Note: "Het aantal instanties met een lopend traject bij het gezin bij de start van de intensieve fase, bij de overdracht " +
			"(de start van de coördinatie van zorg) en daarna (bij het sluiten van het dossier, of nu). Een gezin telt mee op de " +
			"momenten die het bereikte. De verandering is per gezin ten opzichte van zijn eigen start, over de gezinnen met beide momenten.",
		RowHeader:   "Moment",
		Columns:     []string{"Gezinnen", "Gemiddeld aantal instanties", "Verandering ten opzichte van de start"},
		Chart:       ChartBars,
		ChartColumn: 1,
	}
	moments := []struct {
		key, label string
		at         func(*ReportFamily) int
	}{
		{"start", "Bij de start", func(f *ReportFamily) int { return f.AgenciesStart }},
		{"overdracht", "Bij de overdracht", func(f *ReportFamily) int { return f.AgenciesHandover }},
		{"na", "Na de coördinatie van zorg", func(f *ReportFamily) int { return f.AgenciesAfter }},
	}
	for i, m := range moments {
		var ids, paired []int64
		var counts, changes []float64
		for _, fam := range cohort {
			a := m.at(fam)
			if a < 0 {
				continue
			}
			ids = append(ids, fam.ID)
			counts = append(counts, float64(a))
			if fam.AgenciesStart >= 0 {
				paired = append(paired, fam.ID)
				changes = append(changes, float64(a-fam.AgenciesStart))
			}
		}
		n := len(ids)
		avg := ReportCell{Kind: CellNumber, Empty: true, Warning: Text(MsgEffectNoFamilies)}
		if n > 0 {
			avg = ReportCell{Kind: CellNumber, Value: mean(counts), N: n, Families: ids}
		}
		change := ReportCell{Kind: CellNumber, Empty: true}
		switch {
		case i == 0:
			// The start is what the others are held against.
		case len(paired) == 0:
			change.Warning = Text(MsgEffectNoFamilies)
		default:
			change = ReportCell{Kind: CellNumber, Value: mean(changes), N: len(paired), Families: paired}
			if len(paired) < SmallNumbers {
				change.Warning = Text(MsgEffectSmallNumbers)
			}
		}
		t.Rows = append(t.Rows, &ReportRow{Key: m.key, Label: m.label, Cells: []ReportCell{
			{Kind: CellCount, Value: float64(n), N: n, Families: ids},
			avg,
			change,
		}})
	}
	return t
}
