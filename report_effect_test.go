package regie_test

import (
	"math"
	"slices"
	"testing"

	"regie"
)

// handFacts is a small cohort whose every figure the tests compute by
// hand. The period is the first half of 2026; families 1–3 had their
// final evaluation in it (3 on its last day), 4 the day before it, 5 none.
func handFacts() *regie.ReportFacts {
	d := regie.MustParseDate
	type scores = map[regie.Domain]regie.Score
	type goals = map[regie.GoalDegree]int
	type terms = map[regie.EndTerm]regie.EndTermScore
	return &regie.ReportFacts{
		Filter: regie.ReportFilter{From: d("2026-01-01"), To: d("2026-06-30")},
		Today:  d("2026-07-01"),
		Norms:  regie.DefaultNorms(),
		Rates:  regie.RatesFrom(nil),
		Families: []*regie.ReportFamily{
			{ID: 1, FinalEvaluationOn: d("2026-03-10"), MinutesTotal: 6000,
				StartScores:   scores{"wonen": 2, "financien": 1, "justitie": 3},
				EndScores:     scores{"wonen": 4, "financien": 2, "justitie": 3},
				Goals:         goals{"behaald": 2, "deels": 1},
				EndTerms:      terms{"leefsituatie": "behaald", "financien": "behaald", "opvoeding": "nvt", "overlast": "niet"},
				AgenciesStart: 4, AgenciesHandover: 3, AgenciesAfter: 2},
			{ID: 2, FinalEvaluationOn: d("2026-05-20"), MinutesTotal: 3000,
				StartScores:   scores{"wonen": 3, "financien": 2, "kinderen": 1},
				EndScores:     scores{"wonen": 3, "financien": 2, "kinderen": 3},
				Goals:         goals{"behaald": 1, "niet": 1},
				EndTerms:      terms{"leefsituatie": "deels", "financien": "behaald", "overlast": "behaald", "opvoeding": "behaald"},
				AgenciesStart: 2, AgenciesHandover: 2, AgenciesAfter: -1},
			{ID: 3, FinalEvaluationOn: d("2026-06-30"), MinutesTotal: 4200,
				StartScores:   scores{"wonen": 1, "kinderen": 2, "justitie": 2},
				EndScores:     scores{"wonen": 2, "kinderen": 2, "justitie": 3},
				Goals:         goals{"deels": 2},
				EndTerms:      terms{"leefsituatie": "behaald", "financien": "nvt"},
				AgenciesStart: 3, AgenciesHandover: -1, AgenciesAfter: -1},
			{ID: 4, FinalEvaluationOn: d("2025-12-31"), MinutesTotal: 60000,
				StartScores: scores{"wonen": 1, "financien": 1}, EndScores: scores{"wonen": 5, "financien": 5},
				Goals: goals{"behaald": 5}, EndTerms: terms{"leefsituatie": "behaald", "financien": "behaald"},
				AgenciesStart: 5, AgenciesHandover: 1, AgenciesAfter: 0},
			{ID: 5, MinutesTotal: 600, StartScores: scores{"wonen": 1}, EndScores: scores{"wonen": 5},
				AgenciesStart: 1, AgenciesHandover: -1, AgenciesAfter: -1},
		},
	}
}

// want is one expected cell.
type want struct {
	row   string
	col   int
	value float64
	n     int
	ids   []int64
}

func checkCells(t *testing.T, r *regie.Report, table string, wants []want) {
	t.Helper()
	for _, w := range wants {
		c := r.Cell(table, w.row, w.col)
		if c == nil {
			t.Errorf("%s %s[%d]: no cell", table, w.row, w.col)
			continue
		}
		if c.Empty || math.Abs(c.Value-w.value) > 0.001 || c.N != w.n {
			t.Errorf("%s %s[%d] = %v (N %d, empty %v, %q), want %v (N %d)", table, w.row, w.col, c.Value, c.N, c.Empty, c.Warning, w.value, w.n)
		}
		if w.ids != nil && !slices.Equal(c.Families, w.ids) {
			t.Errorf("%s %s[%d] families %v, want %v", table, w.row, w.col, c.Families, w.ids)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.001 }

func TestEffect_SelfReliance(t *testing.T) {
	r := regie.BuildReport(handFacts())
	tbl := r.Table("zelfredzaamheid")
	if tbl == nil {
		t.Fatal("no table zelfredzaamheid")
	}
	if tbl.Chart != regie.ChartPairs || tbl.ChartColumn != 1 {
		t.Errorf("chart %q column %d, want pairs of the means", tbl.Chart, tbl.ChartColumn)
	}
	// Only the domains scored at start and end in the cohort (1–3), in
	// the order of regie.Domains; family 4 (before the period) and 5 (no
	// final evaluation) are not in it.
	var keys []string
	for _, row := range tbl.Rows {
		keys = append(keys, row.Key)
	}
	if want := []string{"financien", "wonen", "kinderen", "justitie"}; !slices.Equal(keys, want) {
		t.Fatalf("rows %v, want %v", keys, want)
	}
	checkCells(t, r, "zelfredzaamheid", []want{
		// wonen: starts 2, 3, 1 → 2,0; ends 4, 3, 2 → 3,0; changes 2, 0, 1
		// → 1,0; improved 1 and 3: 2/3 = 66,7 %.
		{"wonen", 0, 3, 3, []int64{1, 2, 3}},
		{"wonen", 1, 2, 3, nil},
		{"wonen", 2, 3, 3, nil},
		{"wonen", 3, 1, 3, nil},
		{"wonen", 4, 200.0 / 3, 3, []int64{1, 3}},
		// financien: 1→2, 2→2: starts 1,5, ends 2,0, change 0,5, 1 of 2.
		{"financien", 0, 2, 2, []int64{1, 2}},
		{"financien", 1, 1.5, 2, nil},
		{"financien", 2, 2, 2, nil},
		{"financien", 3, 0.5, 2, nil},
		{"financien", 4, 50, 2, []int64{1}},
		// kinderen: 1→3, 2→2: change (2+0)/2 = 1,0, 1 of 2.
		{"kinderen", 3, 1, 2, []int64{2, 3}},
	})
	// The interval of wonen: s² = ((2−1)² + (0−1)² + (1−1)²)/2 = 1, so
	// s = 1, s/√n = 0,57735; t(0,975; 2) = 4,303: 1 ± 2,48434.
	c := r.Cell("zelfredzaamheid", "wonen", 3)
	if !c.Interval || !near(c.Low, 1-4.303/math.Sqrt(3)) || !near(c.High, 1+4.303/math.Sqrt(3)) {
		t.Errorf("wonen interval %v: %v to %v, want -1,484 to 3,484", c.Interval, c.Low, c.High)
	}
	if got := c.String(); got != "1,0 (-1,5 tot 3,5)" {
		t.Errorf("wonen change written %q", got)
	}
	// financien: s² = (0,5² + 0,5²)/1 = 0,5, s/√2 = 0,5; t(1) = 12,706:
	// 0,5 ± 6,353.
	c = r.Cell("zelfredzaamheid", "financien", 3)
	if !near(c.Low, -5.853) || !near(c.High, 6.853) {
		t.Errorf("financien interval %v to %v, want -5,853 to 6,853", c.Low, c.High)
	}
	// Three families and two: fewer than 10, so the warning on the
	// change and the share, not on the count.
	for _, col := range []int{3, 4} {
		if w := r.Cell("zelfredzaamheid", "wonen", col).Warning; w != "kleine aantallen: voorzichtig interpreteren" {
			t.Errorf("wonen[%d] warning %q", col, w)
		}
	}
	if w := r.Cell("zelfredzaamheid", "wonen", 0).Warning; w != "" {
		t.Errorf("count warning %q", w)
	}
}

func TestEffect_SelfRelianceLargeCohortNoWarning(t *testing.T) {
	f := handFacts()
	f.Families = nil
	// Ten families (the threshold: no warning) that each went from 2 to
	// 3 on wonen: every change is 1, so s = 0 and the interval is 1 to 1.
	for i := int64(1); i <= regie.SmallNumbers; i++ {
		f.Families = append(f.Families, &regie.ReportFamily{ID: i, FinalEvaluationOn: regie.MustParseDate("2026-02-01"),
			StartScores: map[regie.Domain]regie.Score{"wonen": 2}, EndScores: map[regie.Domain]regie.Score{"wonen": 3},
			AgenciesStart: -1, AgenciesHandover: -1, AgenciesAfter: -1})
	}
	r := regie.BuildReport(f)
	c := r.Cell("zelfredzaamheid", "wonen", 3)
	if c.Value != 1 || c.N != 10 || !c.Interval || c.Low != 1 || c.High != 1 || c.Warning != "" {
		t.Errorf("change %+v, want 1 (1 tot 1) about 10 without warning", c)
	}
	if c := r.Cell("zelfredzaamheid", "wonen", 4); c.Value != 100 || c.Warning != "" {
		t.Errorf("improved %+v, want 100 %%", c)
	}
}

func TestEffect_OneFamilyHasNoInterval(t *testing.T) {
	f := handFacts()
	f.Families = f.Families[:1]
	c := regie.BuildReport(f).Cell("zelfredzaamheid", "wonen", 3)
	if c.Value != 2 || c.Interval || c.Warning == "" {
		t.Errorf("one family: %+v, want change 2 without interval, with warning", c)
	}
}

func TestTQuantile975(t *testing.T) {
	for _, tc := range []struct {
		df   int
		want float64
	}{
		{1, 12.706}, {2, 4.303}, {9, 2.262}, {30, 2.042},
		// Between 30 and 40, linear in 1/df: 2,042 + (1/35−1/30)/(1/40−1/30)
		// × (2,021−2,042) = 2,042 − 0,5714 × 0,021 = 2,030 (the exact
		// quantile is 2,0301).
		{35, 2.030},
		{120, 1.980},
		// Beyond 120 towards the normal 1,960: 1,960 + 120/240 × 0,020.
		{240, 1.970},
	} {
		if got := regie.TQuantile975(tc.df); !near(got, tc.want) {
			t.Errorf("t(%d) = %v, want %v", tc.df, got, tc.want)
		}
	}
}

func TestEffect_Goals(t *testing.T) {
	r := regie.BuildReport(handFacts())
	// behaald: 2 (family 1) + 1 (2) = 3; deels: 1 (1) + 2 (3) = 3;
	// niet: 1 (2); 7 goals of three families. Shares 3/7, 3/7, 1/7.
	checkCells(t, r, "doelen", []want{
		{"behaald", 0, 3, 2, []int64{1, 2}},
		{"behaald", 1, 300.0 / 7, 2, nil},
		{"behaald", 2, 2, 2, nil},
		{"deels", 0, 3, 2, []int64{1, 3}},
		{"deels", 1, 300.0 / 7, 2, nil},
		{"niet", 0, 1, 1, []int64{2}},
		{"niet", 1, 100.0 / 7, 1, nil},
		{"totaal", 0, 7, 3, []int64{1, 2, 3}},
		{"totaal", 1, 100, 3, nil},
		{"totaal", 2, 3, 3, nil},
	})
}

func TestEffect_EndTerms(t *testing.T) {
	r := regie.BuildReport(handFacts())
	tbl := r.Table("eindtermen")
	if len(tbl.Rows) != 8 || tbl.Rows[0].Key != "leefsituatie" || tbl.Rows[7].Key != "opvoeding" {
		t.Fatalf("end term rows %d, want the eight in order", len(tbl.Rows))
	}
	checkCells(t, r, "eindtermen", []want{
		// leefsituatie: behaald 1 and 3, deels 2: 2 of 3 applicable.
		{"leefsituatie", 0, 2, 2, []int64{1, 3}},
		{"leefsituatie", 1, 1, 1, []int64{2}},
		{"leefsituatie", 2, 0, 0, nil},
		{"leefsituatie", 3, 0, 0, nil},
		{"leefsituatie", 4, 200.0 / 3, 3, []int64{1, 3}},
		// financien: behaald 1 and 2, nvt 3: 2 of 2.
		{"financien", 0, 2, 2, nil},
		{"financien", 3, 1, 1, []int64{3}},
		{"financien", 4, 100, 2, nil},
		// overlast: niet 1, behaald 2: 1 of 2.
		{"overlast", 2, 1, 1, []int64{1}},
		{"overlast", 4, 50, 2, []int64{2}},
		// opvoeding: nvt 1, behaald 2: 1 of 1.
		{"opvoeding", 4, 100, 1, []int64{2}},
	})
	// No family scored verantwoordelijkheid: no share, said why.
	if c := r.Cell("eindtermen", "verantwoordelijkheid", 4); !c.Empty || c.Warning == "" {
		t.Errorf("share without applicable families: %+v", c)
	}
	if c := r.Cell("eindtermen", "leefsituatie", 4); c.Warning == "" {
		t.Error("3 applicable families: want the small-numbers warning")
	}
}

func TestEffect_Agencies(t *testing.T) {
	r := regie.BuildReport(handFacts())
	if tbl := r.Table("instanties"); tbl.Chart != regie.ChartBars || tbl.ChartColumn != 1 {
		t.Errorf("chart %q column %d", tbl.Chart, tbl.ChartColumn)
	}
	checkCells(t, r, "instanties", []want{
		// start: 4, 2, 3 → 3,0.
		{"start", 0, 3, 3, []int64{1, 2, 3}},
		{"start", 1, 3, 3, nil},
		// overdracht: 3 (1), 2 (2) → 2,5; paired (3−4 + 2−2)/2 = −0,5.
		{"overdracht", 0, 2, 2, []int64{1, 2}},
		{"overdracht", 1, 2.5, 2, nil},
		{"overdracht", 2, -0.5, 2, []int64{1, 2}},
		// na: 2 (1) → 2,0; 2−4 = −2.
		{"na", 1, 2, 1, []int64{1}},
		{"na", 2, -2, 1, nil},
	})
	if c := r.Cell("instanties", "start", 2); !c.Empty {
		t.Errorf("change at the start %+v, want empty", c)
	}
}

func TestEffect_EmptyCohort(t *testing.T) {
	f := handFacts()
	f.Filter.From, f.Filter.To = regie.MustParseDate("2024-01-01"), regie.MustParseDate("2024-12-31")
	r := regie.BuildReport(f)
	if tbl := r.Table("zelfredzaamheid"); len(tbl.Rows) != 0 {
		t.Errorf("%d self-reliance rows without a cohort", len(tbl.Rows))
	}
	if c := r.Cell("doelen", "behaald", 1); !c.Empty {
		t.Errorf("share of no goals %+v, want empty", c)
	}
	if c := r.Cell("instanties", "start", 1); !c.Empty || c.Warning == "" {
		t.Errorf("mean of no families %+v, want empty with warning", c)
	}
}
