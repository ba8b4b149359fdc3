package regie_test

import (
	"strings"
	"testing"

	"regie"
)

// handRates are the rates of the cost tests; the cost of a debt relief
// has a value but no source.
func handRates() map[string]string {
	return map[string]string{
		"tarief.uur_casemanager":                   "80",
		"tarief.uur_casemanager.bron":              "Begroting 2026, p. 12",
		"gebeurtenis.huisuitzetting.kosten":        "20.000",
		"gebeurtenis.huisuitzetting.kosten.bron":   "Onderzoek A",
		"gebeurtenis.huisuitzetting.kans":          "25",
		"gebeurtenis.huisuitzetting.kans.bron":     "Onderzoek B",
		"gebeurtenis.uithuisplaatsing.kosten":      "60000",
		"gebeurtenis.uithuisplaatsing.kosten.bron": "Onderzoek C",
		"gebeurtenis.uithuisplaatsing.kans":        "10",
		"gebeurtenis.uithuisplaatsing.kans.bron":   "Onderzoek D",
		"gebeurtenis.politie.kosten":               "3000",
		"gebeurtenis.politie.kosten.bron":          "Onderzoek E",
		"gebeurtenis.politie.kans":                 "50",
		"gebeurtenis.politie.kans.bron":            "Onderzoek F",
		"gebeurtenis.schuldsanering.kosten":        "5000",
		"gebeurtenis.schuldsanering.kans":          "40",
		"gebeurtenis.schuldsanering.kans.bron":     "Onderzoek H",
	}
}

func costFacts(rates map[string]string) *regie.ReportFacts {
	f := handFacts()
	f.Rates = regie.RatesFrom(rates)
	return f
}

const hourLabel = "Kosten van een uur actief casemanagement (loon, opslag en overhead)"

func TestCost_Approach(t *testing.T) {
	r := regie.BuildReport(costFacts(handRates()))
	// The cohort is families 1–3: 6000 + 3000 + 4200 = 13.200 minutes =
	// 220 hours, 73,3 per family; at € 80: € 17.600, € 5.866,67 each.
	checkCells(t, r, "kosten", []want{
		{"aanpak", 0, 3, 3, []int64{1, 2, 3}},
		{"aanpak", 1, 220.0 / 3, 3, nil},
		{"aanpak", 2, 220, 3, nil},
		{"aanpak", 3, 80, 0, nil},
		{"aanpak", 4, 17600.0 / 3, 3, []int64{1, 2, 3}},
		{"aanpak", 5, 17600, 3, []int64{1, 2, 3}},
	})
	source := hourLabel + ": € 80 (bron: Begroting 2026, p. 12)"
	for _, col := range []int{3, 4, 5} {
		if c := r.Cell("kosten", "aanpak", col); c.Kind != regie.CellMoney || c.Source != source {
			t.Errorf("kosten[%d] kind %v source %q, want money with %q", col, c.Kind, c.Source, source)
		}
	}
}

func TestCost_HourRateWithoutSource(t *testing.T) {
	rates := handRates()
	delete(rates, "tarief.uur_casemanager.bron")
	r := regie.BuildReport(costFacts(rates))
	for _, cell := range []struct {
		table, row string
		col        int
	}{{"kosten", "aanpak", 3}, {"kosten", "aanpak", 4}, {"kosten", "aanpak", 5}, {"baten", "kosten_aanpak", 4}, {"baten", "opbrengst", 4}, {"baten", "per_euro", 4}} {
		c := r.Cell(cell.table, cell.row, cell.col)
		if !c.Empty || !strings.Contains(c.Warning, hourLabel) {
			t.Errorf("%s %s[%d] = %+v, want empty with a warning naming the hour rate", cell.table, cell.row, cell.col, c)
		}
		if c.String() != "–" {
			t.Errorf("%s %s[%d] written %q", cell.table, cell.row, cell.col, c.String())
		}
	}
	// The hours need no rate.
	if c := r.Cell("kosten", "aanpak", 2); c.Empty || c.Value != 220 {
		t.Errorf("hours %+v", c)
	}
}

func TestCost_Benefit(t *testing.T) {
	r := regie.BuildReport(costFacts(handRates()))
	checkCells(t, r, "baten", []want{
		// Huisuitzetting: wonen ≤ 2 at the start: 1 (2) and 3 (1); both
		// reached leefsituatie: 2 × 25 % × € 20.000 = € 10.000.
		{"huisuitzetting", 0, 2, 2, []int64{1, 3}},
		{"huisuitzetting", 1, 2, 2, []int64{1, 3}},
		{"huisuitzetting", 2, 25, 0, nil},
		{"huisuitzetting", 3, 20000, 0, nil},
		{"huisuitzetting", 4, 10000, 2, []int64{1, 3}},
		// Uithuisplaatsing: kinderen ≤ 2: 2 (1) and 3 (2); opvoeding
		// reached by 2: 1 × 10 % × € 60.000 = € 6.000.
		{"uithuisplaatsing", 0, 2, 2, []int64{2, 3}},
		{"uithuisplaatsing", 1, 1, 1, []int64{2}},
		{"uithuisplaatsing", 4, 6000, 1, nil},
		// Politie: justitie ≤ 2: 3 only (1 scored 3); overlast not reached
		// by 3: 0 × 50 % × € 3.000 = € 0.
		{"politie", 0, 1, 1, []int64{3}},
		{"politie", 1, 0, 0, nil},
		{"politie", 4, 0, 0, nil},
		// Schuldsanering: financien ≤ 2: 1 (1) and 2 (2); 3 has no start
		// score on it and does not count; both reached financien.
		{"schuldsanering", 0, 2, 2, []int64{1, 2}},
		{"schuldsanering", 1, 2, 2, []int64{1, 2}},
		{"schuldsanering", 2, 40, 0, nil},
		{"kosten_aanpak", 4, 17600, 3, nil},
	})
	// The cost of a debt relief has no source: neither it, nor the
	// estimate resting on it, nor the total, nor the return.
	for _, row := range []string{"schuldsanering", "totaal", "opbrengst", "per_euro"} {
		col := 4
		c := r.Cell("baten", row, col)
		if !c.Empty || !strings.Contains(c.Warning, "Schuldsanering (Wsnp): maatschappelijke kosten") {
			t.Errorf("baten %s = %+v, want empty naming the debt relief's cost", row, c)
		}
	}
	if c := r.Cell("baten", "schuldsanering", 3); !c.Empty || c.Warning == "" {
		t.Errorf("cost without source %+v", c)
	}
	c := r.Cell("baten", "huisuitzetting", 4)
	if want := "Huisuitzetting: kans zonder de aanpak, bij een gezin dat bij de start risico liep: 25 % (bron: Onderzoek B); " +
		"Huisuitzetting: maatschappelijke kosten: € 20.000 (bron: Onderzoek A)"; c.Source != want {
		t.Errorf("source\n%q, want\n%q", c.Source, want)
	}
	if tbl := r.Table("baten"); !strings.Contains(tbl.Note, "schatting") || !strings.Contains(tbl.Note, "geen gemeten besparing") ||
		!strings.Contains(tbl.Note, "kans op de gebeurtenis zonder de aanpak") {
		t.Errorf("note %q does not say it is an estimate and how", tbl.Note)
	}
}

func TestCost_Return(t *testing.T) {
	rates := handRates()
	rates["gebeurtenis.schuldsanering.kosten.bron"] = "Onderzoek G"
	r := regie.BuildReport(costFacts(rates))
	// Schuldsanering: 2 × 40 % × € 5.000 = € 4.000. Total: 10.000 + 6.000
	// + 0 + 4.000 = € 20.000; return 20.000 − 17.600 = € 2.400; per euro
	// 20.000 / 17.600 = 1,136.
	checkCells(t, r, "baten", []want{
		{"schuldsanering", 4, 4000, 2, []int64{1, 2}},
		{"totaal", 4, 20000, 3, []int64{1, 3, 2}},
		{"opbrengst", 4, 2400, 3, nil},
		{"per_euro", 4, 20000.0 / 17600, 3, nil},
	})
	ret := r.Cell("baten", "opbrengst", 4)
	for _, s := range []string{"€ 80 (bron: Begroting 2026, p. 12)", "€ 20.000 (bron: Onderzoek A)", "40 % (bron: Onderzoek H)", "€ 5.000 (bron: Onderzoek G)"} {
		if !strings.Contains(ret.Source, s) {
			t.Errorf("return source %q lacks %q", ret.Source, s)
		}
	}
	if got := r.Cell("baten", "per_euro", 4).String(); got != "1,1" {
		t.Errorf("per euro written %q", got)
	}
}

func TestCost_NoRatesAtAll(t *testing.T) {
	r := regie.BuildReport(costFacts(nil))
	for _, row := range []string{"huisuitzetting", "totaal", "kosten_aanpak", "opbrengst"} {
		if c := r.Cell("baten", row, 4); !c.Empty || c.Warning == "" {
			t.Errorf("baten %s without rates: %+v", row, c)
		}
	}
	// The counts need no rate.
	if c := r.Cell("baten", "huisuitzetting", 0); c.Empty || c.Value != 2 {
		t.Errorf("at risk %+v", c)
	}
}
