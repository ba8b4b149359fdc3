package regie

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

func TestPhaseNormOf(t *testing.T) {
	n := DefaultNorms()
	d := MustParseDate
	for _, tc := range []struct {
		p      Phase
		months int
	}{{0, 9}, {PhaseIntroduction, 0}, {PhaseContact, 4}, {PhaseExecution, 0}, {PhaseClosing, 0}, {PhaseCoordination, 18}} {
		norm := PhaseNormOf(tc.p, n)
		if norm.Months != tc.months || norm.Label == "" || (tc.months > 0 && !strings.Contains(norm.Source, "seed 003")) {
			t.Errorf("PhaseNormOf(%d) = %+v, want %d months with a source", tc.p, norm, tc.months)
		}
	}
	n.PlanMaxMonths = 3
	norm := PhaseNormOf(PhaseContact, n)
	for _, tc := range []struct {
		to   string
		over bool
	}{{"2026-04-01", false}, {"2026-04-02", true}} {
		if got := norm.Over(d("2026-01-01"), d(tc.to)); got != tc.over {
			t.Errorf("3 months from 1 January to %s over: %v, want %v", tc.to, got, tc.over)
		}
	}
	if PhaseNormOf(PhaseExecution, n).Over(d("2020-01-01"), d("2026-01-01")) {
		t.Errorf("a phase without a norm is over it")
	}
}

func TestWorkSection(t *testing.T) {
	r := BuildReport(reportFixture())
	ids := func(ids ...int64) []int64 { return ids }

	t.Run("Fasenduur", func(t *testing.T) {
		// Stays whose last day lies in the period (days from the phase's
		// start to the next phase's start):
		// phase 1: 101 17 (15 Jan–1 Feb), 102 9, 107 29 → mean 55/3, median 17
		// phase 2: 101 89, 102 125 (20 Feb–25 Jun: over 4 months)
		// phase 3: 104 59 (the relapse, 1 Feb–1 Apr)
		// phase 4: 104 30, 105 134 (1 Nov 2025–15 Mar 2026) → 82
		// intensive together: 104 89 (1 Feb–1 May), 105 429 (10 Jan 2025–
		// 15 Mar 2026: over 9 months), 107 29 → mean 547/3, median 89
		// phase 5: 104 518 (1 Sep 2024–1 Feb 2026: under 18 months).
		if got, want := rowKeys(r, "fasenduur"), []string{"fase1", "fase2", "fase3", "fase4", "intensief", "fase5"}; !slices.Equal(got, want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
		checkTable(t, r, "fasenduur", []want{
			{"fase1", 0, 3, 3, ids(101, 102, 107)}, {"fase1", 1, 55.0 / 3, 3, ids(101, 102, 107)}, {"fase1", 2, 17, 3, ids(101, 102, 107)},
			{"fase2", 0, 2, 2, ids(101, 102)}, {"fase2", 1, 107, 2, ids(101, 102)}, {"fase2", 2, 107, 2, ids(101, 102)},
			{"fase2", 4, 1, 1, ids(102)},
			{"fase3", 0, 1, 1, ids(104)}, {"fase3", 1, 59, 1, ids(104)},
			{"fase4", 0, 2, 2, ids(104, 105)}, {"fase4", 1, 82, 2, ids(104, 105)},
			{"intensief", 0, 3, 3, ids(104, 105, 107)}, {"intensief", 1, 547.0 / 3, 3, ids(104, 105, 107)},
			{"intensief", 2, 89, 3, ids(104, 105, 107)}, {"intensief", 4, 1, 1, ids(105)},
			{"fase5", 0, 1, 1, ids(104)}, {"fase5", 1, 518, 1, ids(104)}, {"fase5", 4, 0, 0, nil},
		})
		if c := r.Cell("fasenduur", "fase1", 4); !c.Empty || c.Warning == "" {
			t.Errorf("phase 1 over a norm it does not have: %+v", c)
		}
		if c := r.Cell("fasenduur", "intensief", 3); c.Kind != CellText || c.Text != "hooguit 9 maanden" {
			t.Errorf("norm cell %+v", c)
		}
		if note := r.Table("fasenduur").Note; !strings.Contains(note, "zes tot negen maanden") || !strings.Contains(note, "anderhalf jaar") || !strings.Contains(note, "drie tot vier maanden") {
			t.Errorf("note does not quote the seed: %s", note)
		}
	})

	t.Run("UrenFase", func(t *testing.T) {
		// Minutes: phase 1 120 + 60 = 180 (3 h, 101 102, 1,5 h each);
		// phase 2 1800 + 9000 = 10800 (180 h, 90 each); phase 3 600 + 900
		// (25 h, 101 104); phase 4 240 (4 h, 105); phase 5 300 (5 h, 104);
		// total 13020 = 217 h over 4 families: 54,25 each.
		checkTable(t, r, "uren_fase", []want{
			{"fase1", 0, 3, 2, ids(101, 102)}, {"fase1", 1, 2, 2, ids(101, 102)}, {"fase1", 2, 1.5, 2, ids(101, 102)},
			{"fase2", 0, 180, 2, ids(101, 102)}, {"fase2", 2, 90, 2, ids(101, 102)},
			{"fase3", 0, 25, 2, ids(101, 104)}, {"fase3", 2, 12.5, 2, ids(101, 104)},
			{"fase4", 0, 4, 1, ids(105)}, {"fase5", 0, 5, 1, ids(104)},
			{"totaal", 0, 217, 4, ids(101, 102, 104, 105)}, {"totaal", 1, 4, 4, ids(101, 102, 104, 105)},
			{"totaal", 2, 54.25, 4, ids(101, 102, 104, 105)},
		})
		if tb := r.Table("uren_fase"); tb.Chart != ChartBars || r.Cell("uren_fase", "fase1", 0).Kind != CellHours {
			t.Errorf("chart %q", tb.Chart)
		}
	})

	t.Run("UrenGezin", func(t *testing.T) {
		// Final evaluation in the period: 104 (15000 min = 250 h, over
		// 200) and 105 (180 h, under) → mean 215.
		// Phase 2 in the period: 101 89 days with 30 h → 30·7/89 h a week
		// (under 8); 102 125 days (20 Feb–24 Jun) with 150 h → 8,4 (over).
		weekly := (30.0*7/89 + 8.4) / 2
		checkTable(t, r, "uren_gezin", []want{
			{"intensief", 0, 2, 2, ids(104, 105)}, {"intensief", 1, 215, 2, ids(104, 105)},
			{"intensief", 3, 1, 1, ids(104)}, {"intensief", 4, 1, 1, ids(105)},
			{"contactfase", 0, 2, 2, ids(101, 102)}, {"contactfase", 1, weekly, 2, ids(101, 102)},
			{"contactfase", 3, 1, 1, ids(102)}, {"contactfase", 4, 1, 1, ids(101)},
		})
	})

	t.Run("UrenMedewerker", func(t *testing.T) {
		// By surname: Akker (1), Bos (2), van Zanten (3).
		// Akker: 120+1800+60+9000+300+240 = 11520 min = 192 h for 101 102
		// 104 105; Bos: 600+900 = 25 h for 101 104; van Zanten nothing.
		if got, want := rowKeys(r, "uren_medewerker"), []string{"m1", "m2", "m3", "totaal"}; !slices.Equal(got, want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
		checkTable(t, r, "uren_medewerker", []want{
			{"m1", 0, 192, 4, ids(101, 102, 104, 105)}, {"m1", 1, 4, 4, ids(101, 102, 104, 105)},
			{"m2", 0, 25, 2, ids(101, 104)}, {"m2", 1, 2, 2, ids(101, 104)},
			{"m3", 0, 0, 0, nil}, {"m3", 1, 0, 0, nil},
			{"totaal", 0, 217, 4, ids(101, 102, 104, 105)},
		})
		if got := r.Table("uren_medewerker").Rows[0].Label; got != "Bram Akker" {
			t.Errorf("first worker %q", got)
		}
	})

	t.Run("Caseload", func(t *testing.T) {
		// 181 days. Akker: 4 started → 4·365/181 ≈ 8,07 a year, over 6;
		// Bos (youth worker): 5 → 10,08, under 12.
		checkTable(t, r, "caseload", []want{
			{"m1", 0, 4, 4, nil}, {"m1", 1, 4, 4, nil}, {"m1", 2, 4.0 * 365 / 181, 4, nil}, {"m1", 3, 6, 0, nil},
			{"m2", 0, 5, 5, nil}, {"m2", 2, 5.0 * 365 / 181, 5, nil}, {"m2", 3, 12, 0, nil},
			{"m3", 2, 0, 0, nil},
		})
		if c := r.Cell("caseload", "m1", 2); !strings.Contains(c.Warning, "6 gezinnen") {
			t.Errorf("no warning over the norm: %+v", c)
		}
		if c := r.Cell("caseload", "m2", 2); c.Warning != "" {
			t.Errorf("warning under the norm: %q", c.Warning)
		}
	})

	t.Run("Pogingen", func(t *testing.T) {
		// Contact moments: 101 27 (3 no answer, 1 sent away), 102 41 (2,
		// 4), 104 9 (1, 0), 105 4 (0, 2): 81 in all, 6 no answer, 7 sent
		// away, 68 reached. 102 had 6 attempts without contact (≥ 5).
		checkTable(t, r, "pogingen", []want{
			{"bereikt", 0, 68, 68, ids(101, 102, 104, 105)}, {"bereikt", 1, 4, 4, ids(101, 102, 104, 105)},
			{"geen_gehoor", 0, 6, 6, ids(101, 102, 104)}, {"geen_gehoor", 1, 3, 3, ids(101, 102, 104)},
			{"weggestuurd", 0, 7, 7, ids(101, 102, 105)},
			{"totaal", 0, 81, 81, ids(101, 102, 104, 105)},
			{"zonder_contact_norm", 0, 6, 6, ids(102)}, {"zonder_contact_norm", 1, 1, 1, ids(102)},
		})
	})

	t.Run("Terugval", func(t *testing.T) {
		// 104 went back from coordination of care to phase 3 on 1 February.
		checkTable(t, r, "terugval", []want{
			{"fase1", 0, 0, 0, nil}, {"fase3", 0, 1, 1, ids(104)}, {"fase3", 1, 1, 1, ids(104)},
			{"totaal", 0, 1, 1, ids(104)},
		})
	})

	t.Run("Checkups", func(t *testing.T) {
		// In the period: 105 goed (15 June), 106 zorgen and ernstige
		// zorgen; 106's check-up of December 2025 is outside.
		checkTable(t, r, "checkups", []want{
			{"goed", 0, 1, 1, ids(105)}, {"zorgen", 0, 1, 1, ids(106)}, {"ernstige_zorgen", 0, 1, 1, ids(106)},
			{"totaal", 0, 3, 3, ids(105, 106)}, {"totaal", 1, 2, 2, ids(105, 106)},
		})
	})

	for _, tb := range r.Sections[1].Tables {
		if tb.Note == "" || tb.Title == "" || len(tb.Rows) == 0 && tb.Key != "caseload" {
			t.Errorf("table %s without title, note or rows", tb.Key)
		}
		for _, row := range tb.Rows {
			if len(row.Cells) != len(tb.Columns) {
				t.Errorf("%s/%s: %d cells for %d columns", tb.Key, row.Key, len(row.Cells), len(tb.Columns))
			}
		}
	}
}

// TestReportOneDay: a period of one day (15 March 2026).
func TestReportOneDay(t *testing.T) {
	d := MustParseDate
	day := d("2026-03-15")
	f := &ReportFacts{
		Filter: ReportFilter{From: day, To: day},
		Norms:  DefaultNorms(),
		Referrals: []*ReportReferral{
			{ID: 1, ReceivedOn: day, SourceKind: "school", Status: ReferralWaiting, DecidedOn: day},
		},
		Families: []*ReportFamily{
			// In phase 2 since 1 March: one day of it in the period, too
			// short for hours a week.
			{ID: 1, Phases: []ReportPhase{{Phase: 1, From: d("2026-02-01"), To: d("2026-03-01")}, {Phase: 2, From: d("2026-03-01")}},
				Work: []ReportWork{{Phase: 2, UserID: 7, Minutes: 90, Contacts: 1}}},
			// Phase 1 ended on the day (phase 2 began the next day).
			{ID: 2, Phases: []ReportPhase{{Phase: 1, From: d("2026-03-10"), To: d("2026-03-16")}, {Phase: 2, From: d("2026-03-16")}}},
		},
		Workers: []*ReportWorker{{UserID: 7, Name: "Dirk Dekker", Role: RoleCasemanager, Current: 2, Started: 1}},
	}
	r := BuildReport(f)
	checkTable(t, r, "instroom", []want{{"wachtlijst", 0, 1, 1, nil}, {"totaal", 1, 100, 1, nil}})
	checkTable(t, r, "wachttijden", []want{{"besluit", 1, 0, 1, nil}, {"wachtlijst", 3, 0, 1, nil}})
	checkTable(t, r, "fasen", []want{{"fase1", 0, 1, 1, []int64{2}}, {"fase2", 0, 1, 1, []int64{1}}})
	checkTable(t, r, "fasenduur", []want{{"fase1", 0, 1, 1, []int64{2}}, {"fase1", 1, 6, 1, []int64{2}}})
	checkTable(t, r, "uren_fase", []want{{"fase2", 0, 1.5, 1, []int64{1}}})
	checkTable(t, r, "uren_gezin", []want{{"contactfase", 0, 0, 0, nil}})
	// One started in one day is 365 a year: over the norm.
	checkTable(t, r, "caseload", []want{{"m7", 2, 365, 1, nil}})
	if c := r.Cell("caseload", "m7", 2); c.Warning == "" {
		t.Errorf("no warning at 365 a year")
	}
}

func TestDaysIn(t *testing.T) {
	d := MustParseDate
	p := ReportFilter{From: d("2026-01-01"), To: d("2026-01-31")}
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2025-12-01", "2026-01-01", 0}, // ended the day before the period
		{"2025-12-01", "2026-01-02", 1},
		{"2026-01-10", "2026-01-20", 10},
		{"2026-01-10", "", 22}, // goes on: 10–31 January
		{"2026-02-01", "", 0},
		{"2025-01-01", "2026-03-01", 31},
	} {
		var to Date
		if tc.to != "" {
			to = d(tc.to)
		}
		if got := daysIn(p, d(tc.from), to); got != tc.want {
			t.Errorf("daysIn(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

// TestCaseloadNorm: the norm is held against the figure as written — six
// started in a year is 6,0 and not over six; seven is.
func TestCaseloadNorm(t *testing.T) {
	f := &ReportFacts{
		Filter: ReportFilter{From: MustParseDate("2025-01-01"), To: MustParseDate("2025-12-31")},
		Norms:  DefaultNorms(),
		Workers: []*ReportWorker{
			{UserID: 1, Name: "Els Eerde", Role: RoleCasemanager, Started: 6},
			{UserID: 2, Name: "Fred Fels", Role: RoleCasemanager, Started: 7},
			{UserID: 3, Name: "Gea Goor", Role: RoleYouthWorker, Started: 12},
			{UserID: 4, Name: "Hans Hop", Role: RoleYouthWorker, Started: 13},
		},
	}
	r := BuildReport(f)
	for _, tc := range []struct {
		row  string
		over bool
	}{{"m1", false}, {"m2", true}, {"m3", false}, {"m4", true}} {
		if c := r.Cell("caseload", tc.row, 2); (c.Warning != "") != tc.over {
			t.Errorf("%s: %s a year, warning %q, want over %v", tc.row, c.String(), c.Warning, tc.over)
		}
	}
	if c := r.Cell("caseload", "m4", 2); !strings.Contains(c.Warning, "12 jongeren") {
		t.Errorf("youth worker's warning %q", c.Warning)
	}
	// A caseload is a worker's load, not a group of families: a manager
	// sees it even when it is below the group size hidden elsewhere.
	f.Workers[0].Current = 3
	r = BuildReport(f)
	r.Suppress()
	if c := r.Cell("caseload", "m1", 0); c.Suppressed || c.String() != "3" {
		t.Errorf("caseload of 3 outside the team = %q (suppressed %v), want 3", c.String(), c.Suppressed)
	}
}

// BenchmarkFlowWorkSections: a year of a large city (25,000 families,
// 5,000 referrals, 200 workers) — the store's reading is measured apart.
func BenchmarkFlowWorkSections(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	from := MustParseDate("2025-01-01")
	f := &ReportFacts{Filter: ReportFilter{From: from, To: MustParseDate("2025-12-31")}, Norms: DefaultNorms()}
	statuses := []ReferralStatus{ReferralReceived, ReferralAccepted, ReferralPortfolio, ReferralWaiting, ReferralDeclined}
	for i := range 5000 {
		f.Referrals = append(f.Referrals, &ReportReferral{ID: int64(i + 1), ReceivedOn: from.AddDays(rng.Intn(365)),
			Status: statuses[rng.Intn(len(statuses))], DecidedOn: from.AddDays(rng.Intn(365)), SourceKind: OrgKinds[rng.Intn(len(OrgKinds))].Value,
			FamilyID: int64(rng.Intn(25000) + 1), FirstContactOn: from.AddDays(rng.Intn(365))})
	}
	for i := range 25000 {
		start := from.AddDays(rng.Intn(900) - 600)
		fam := &ReportFamily{ID: int64(i + 1), CreatedOn: start, FinalEvaluationOn: from.AddDays(rng.Intn(700) - 300), MinutesIntensive: rng.Intn(20000)}
		day := start
		for p := PhaseIntroduction; p <= PhaseCoordination; p++ {
			next := day.AddDays(rng.Intn(200) + 10)
			fam.Phases = append(fam.Phases, ReportPhase{Phase: p, From: day, To: next})
			day = next
		}
		fam.Phases[len(fam.Phases)-1].To = Date{}
		for range 5 {
			fam.Work = append(fam.Work, ReportWork{Phase: Phase(rng.Intn(5) + 1), UserID: int64(rng.Intn(200) + 1), Minutes: rng.Intn(3000), Contacts: 16, NoAnswer: rng.Intn(3), Refused: rng.Intn(2)})
		}
		f.Families = append(f.Families, fam)
	}
	for i := range 200 {
		f.Workers = append(f.Workers, &ReportWorker{UserID: int64(i + 1), Name: fmt.Sprintf("Medewerker %03d", i), Role: RoleCasemanager, Current: 6, Started: 7})
	}
	b.ResetTimer()
	for range b.N {
		flowSection(f)
		workSection(f)
	}
}
