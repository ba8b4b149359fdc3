package regie

import (
	"fmt"
	"strings"
)

// The cost and benefit (seed 004: "Wat kost de aanpak? Wat zijn de
// maatschappelijke én financiële effecten van de aanpak? En wat was er
// gebeurd als deze aanpak niet was ingezet?"), on the effect cohort: the
// hours the approach took times the hour rate, against the costs of the
// events the families were at risk of at the start and, having reached the
// end term, probably avoided. Every money figure names the rates it rests
// on with their sources; a figure that needs a rate without a value or a
// source is not computed (rates.go).

// costSection computes the cost and benefit: Kosten en baten.
func costSection(f *ReportFacts) *ReportSection {
	cohort := effectCohort(f)
	costs, cost := costTable(cohort, f.Rates)
	return &ReportSection{
		Key:   "kosten",
		Title: "Kosten en baten",
		Intro: fmt.Sprintf("Over dezelfde %d gezinnen als het effect: wat de aanpak kostte, en een schatting van wat zij "+
			"opleverde. Elk bedrag noemt de aannames waarop het rust, elk met zijn bron; de functioneel beheerder stelt ze in "+
			"onder Beheer, Tarieven.", len(cohort)),
		Tables: []*ReportTable{costs, benefitTable(cohort, f.Rates, cost)},
	}
}

// costTable is the hours and the cost of the approach; it returns the
// table and the cell of the total cost.
func costTable(cohort []*ReportFamily, rates Rates) (*ReportTable, ReportCell) {
	t := &ReportTable{
		Key:   "kosten",
		Title: "Kosten van de aanpak",
		Note: "De uren zijn alle geregistreerde contacten met het gezin (ook pogingen), van aanmelding tot nu; " +
			"de kosten zijn die uren maal het uurtarief.",
		RowHeader: "Aanpak",
		Columns:   []string{"Gezinnen", "Uren per gezin", "Uren totaal", "Uurtarief", "Kosten per gezin", "Kosten totaal"},
	}
	n := len(cohort)
	ids := make([]int64, 0, n)
	minutes := 0
	for _, fam := range cohort {
		ids = append(ids, fam.ID)
		minutes += fam.MinutesTotal
	}
	hours := float64(minutes) / 60
	hour := rates[RateHour]
	rate := moneyCell(hour.Value, 0, nil, hour)
	perFamily := moneyCell(0, n, ids, hour)
	total := moneyCell(hours*hour.Value, n, ids, hour)
	cells := []ReportCell{{Kind: CellCount, Value: float64(n), N: n, Families: ids}}
	if n == 0 {
		none := ReportCell{Kind: CellHours, Empty: true, Warning: Text(MsgEffectNoFamilies)}
		perFamily.Empty, perFamily.Warning = true, none.Warning
		total.Empty, total.Warning = true, none.Warning
		cells = append(cells, none, none)
	} else {
		perFamily.Value = hours * hour.Value / float64(n)
		cells = append(cells,
			ReportCell{Kind: CellHours, Value: hours / float64(n), N: n, Families: ids},
			ReportCell{Kind: CellHours, Value: hours, N: n, Families: ids})
	}
	cells = append(cells, rate, perFamily, total)
	t.Rows = []*ReportRow{{Key: "aanpak", Label: "Actief casemanagement", Cells: cells}}
	return t, total
}

// moneyCell is an amount resting on rates: Source names each with its
// value and source; Empty with a warning naming the first rate that is
// not set.
func moneyCell(value float64, n int, ids []int64, rates ...Rate) ReportCell {
	c := ReportCell{Kind: CellMoney, Value: value, N: n, Families: ids}
	var sources []string
	for _, r := range rates {
		if !r.Set {
			return ReportCell{Kind: CellMoney, Empty: true, Warning: Text(MsgCostRateMissing, r.Def.Label)}
		}
		sources = append(sources, rateSource(r))
	}
	c.Source = strings.Join(sources, "; ")
	return c
}

// rateSource writes a rate with its source: "<label>: € 68,50 (bron: …)".
func rateSource(r Rate) string {
	return fmt.Sprintf("%s: %s (bron: %s)", r.Def.Label, rateText(r), r.Source)
}

// rateText writes a rate's value the Dutch way, with decimals only when
// it has them.
func rateText(r Rate) string {
	decimals := 0
	if round(r.Value, 0) != round(r.Value, 2) {
		decimals = 2
	}
	if r.Def.Percent {
		return dutchNumber(r.Value, decimals) + " %"
	}
	return "€ " + dutchNumber(r.Value, decimals)
}

// benefitTable estimates the avoided costs per avoided event, their total,
// and the return on the approach's cost.
func benefitTable(cohort []*ReportFamily, rates Rates, cost ReportCell) *ReportTable {
	var risks []string
	for _, e := range AvoidedEvents {
		risks = append(risks, fmt.Sprintf("%s: zelfredzaamheid op %s bij de start hooguit %d, eindterm “%s” behaald",
			strings.ToLower(e.Label), strings.ToLower(e.RiskDomain.Label()), e.RiskScore, e.EndTerm.Label()))
	}
	t := &ReportTable{
		Key:   "baten",
		Title: "Geschatte baten",
		Note: "Dit is een schatting die rust op de aannames die bij elk bedrag staan, geen gemeten besparing. " +
			"Wat er zonder de aanpak was gebeurd, is gemodelleerd als de kans op de gebeurtenis zonder de aanpak bij een gezin " +
			"dat bij de start risico liep: elk gezin dat risico liep en de bijbehorende eindterm behaalde, telt voor die kans " +
			"maal de kosten van de gebeurtenis als vermeden. Risico en eindterm per gebeurtenis: " + strings.Join(risks, "; ") + ". " +
			"Alleen gezinnen met een score bij de start op het leefgebied tellen mee. De opbrengst is de geschatte vermeden kosten " +
			"min de kosten van de aanpak; per euro is de geschatte vermeden kosten gedeeld door de kosten van de aanpak.",
		RowHeader: "Gebeurtenis",
		Columns:   []string{"Risico bij de start", "Eindterm behaald", "Kans zonder de aanpak", "Kosten per gebeurtenis", "Geschatte vermeden kosten"},
	}
	blank := ReportCell{Kind: CellText}
	var all []int64
	seen := map[int64]bool{}
	totalRates := []Rate{}
	total := 0.0
	for _, e := range AvoidedEvents {
		var atRisk, reached []int64
		for _, fam := range cohort {
			s, ok := fam.StartScores[e.RiskDomain]
			if !ok || s <= 0 || s > e.RiskScore {
				continue
			}
			atRisk = append(atRisk, fam.ID)
			if fam.EndTerms[e.EndTerm] == "behaald" {
				reached = append(reached, fam.ID)
				if !seen[fam.ID] {
					seen[fam.ID] = true
					all = append(all, fam.ID)
				}
			}
		}
		chance, eventCost := rates[e.ChanceKey()], rates[e.CostKey()]
		chanceCell := moneyCell(chance.Value, 0, nil, chance)
		chanceCell.Kind = CellPercent
		avoided := float64(len(reached)) * chance.Value / 100 * eventCost.Value
		totalRates = append(totalRates, chance, eventCost)
		total += avoided
		t.Rows = append(t.Rows, &ReportRow{Key: e.Key, Label: e.Label, Cells: []ReportCell{
			{Kind: CellCount, Value: float64(len(atRisk)), N: len(atRisk), Families: atRisk},
			{Kind: CellCount, Value: float64(len(reached)), N: len(reached), Families: reached},
			chanceCell,
			moneyCell(eventCost.Value, 0, nil, eventCost),
			moneyCell(avoided, len(reached), reached, chance, eventCost),
		}})
	}
	n := len(cohort)
	ids := make([]int64, 0, n)
	for _, fam := range cohort {
		ids = append(ids, fam.ID)
	}
	avoided := moneyCell(total, len(all), all, totalRates...)
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal geschatte vermeden kosten", Total: true,
		Cells: []ReportCell{blank, blank, blank, blank, avoided}})
	t.Rows = append(t.Rows, &ReportRow{Key: "kosten_aanpak", Label: "Kosten van de aanpak",
		Cells: []ReportCell{blank, blank, blank, blank, cost}})

	ret := moneyCell(total-cost.Value, n, ids, append([]Rate{rates[RateHour]}, totalRates...)...)
	if cost.Empty && !ret.Empty {
		ret = ReportCell{Kind: CellMoney, Empty: true, Warning: cost.Warning}
	}
	perEuro := ret
	perEuro.Kind = CellNumber
	switch {
	case ret.Empty:
	case cost.Value == 0:
		perEuro = ReportCell{Kind: CellNumber, Empty: true, Warning: Text(MsgCostNothing)}
	default:
		perEuro.Value = total / cost.Value
	}
	t.Rows = append(t.Rows,
		&ReportRow{Key: "opbrengst", Label: "Opbrengst: geschatte vermeden kosten min de kosten van de aanpak",
			Cells: []ReportCell{blank, blank, blank, blank, ret}},
		&ReportRow{Key: "per_euro", Label: "Geschatte vermeden kosten per euro die de aanpak kost",
			Cells: []ReportCell{blank, blank, blank, blank, perEuro}})
	return t
}
