package regie

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// reportFixture is a small team, worked out by hand in the tests: the
// first half of 2026 (181 days), 8 referrals, 7 families, 3 workers.
func reportFixture() *ReportFacts {
	d := MustParseDate
	ph := func(p Phase, from, to string) ReportPhase {
		s := ReportPhase{Phase: p, From: d(from)}
		if to != "" {
			s.To = d(to)
		}
		return s
	}
	return &ReportFacts{
		Filter: ReportFilter{From: d("2026-01-01"), To: d("2026-06-30")},
		Today:  d("2026-07-01"),
		Norms:  DefaultNorms(),
		Referrals: []*ReportReferral{
			{ID: 1, ReceivedOn: d("2026-01-05"), SourceKind: "school", Status: ReferralAccepted, DecidedOn: d("2026-01-15"), FamilyID: 101, FirstContactOn: d("2026-01-20")},
			{ID: 2, ReceivedOn: d("2026-02-01"), SourceKind: "politie", Status: ReferralAccepted, DecidedOn: d("2026-02-11"), FamilyID: 102, FirstContactOn: d("2026-02-25")},
			{ID: 3, ReceivedOn: d("2026-02-10"), SourceKind: "school", Status: ReferralAccepted, DecidedOn: d("2026-03-02"), FamilyID: 103},
			{ID: 4, ReceivedOn: d("2026-03-01"), SourceKind: "huisarts", Status: ReferralPortfolio, DecidedOn: d("2026-03-08")},
			{ID: 5, ReceivedOn: d("2026-04-01"), SourceKind: "ggz", Status: ReferralWaiting, DecidedOn: d("2026-04-05")},
			{ID: 6, ReceivedOn: d("2026-04-15"), SourceKind: "school", Status: ReferralDeclined, DecidedOn: d("2026-04-20"), ContraIndicated: true},
			{ID: 7, ReceivedOn: d("2026-05-01"), SourceKind: "politie", Status: ReferralDeclined, DecidedOn: d("2026-05-31")},
			{ID: 8, ReceivedOn: d("2026-06-20"), SourceKind: "", Status: ReferralOnAgenda},
		},
		Families: []*ReportFamily{
			{ID: 101, CreatedOn: d("2026-01-15"),
				Phases: []ReportPhase{ph(1, "2026-01-15", "2026-02-01"), ph(2, "2026-02-01", "2026-05-01"), ph(3, "2026-05-01", "")},
				Work: []ReportWork{
					{Phase: 1, UserID: 1, Minutes: 120, Contacts: 2},
					{Phase: 2, UserID: 1, Minutes: 1800, Contacts: 20, NoAnswer: 3, Refused: 1},
					{Phase: 3, UserID: 2, Minutes: 600, Contacts: 5},
				}},
			{ID: 102, CreatedOn: d("2026-02-11"),
				Phases: []ReportPhase{ph(1, "2026-02-11", "2026-02-20"), ph(2, "2026-02-20", "2026-06-25"), ph(3, "2026-06-25", "")},
				Work: []ReportWork{
					{Phase: 1, UserID: 1, Minutes: 60, Contacts: 1},
					{Phase: 2, UserID: 1, Minutes: 9000, Contacts: 40, NoAnswer: 2, Refused: 4},
				}},
			{ID: 103, CreatedOn: d("2026-03-02"), Phases: []ReportPhase{ph(1, "2026-03-02", "")}},
			{ID: 104, CreatedOn: d("2024-01-10"),
				Phases: []ReportPhase{
					ph(1, "2024-01-10", "2024-02-01"), ph(2, "2024-02-01", "2024-05-01"), ph(3, "2024-05-01", "2024-08-01"),
					ph(4, "2024-08-01", "2024-09-01"), ph(5, "2024-09-01", "2026-02-01"),
					{Phase: 3, From: d("2026-02-01"), To: d("2026-04-01"), Relapse: true},
					ph(4, "2026-04-01", "2026-05-01"), ph(5, "2026-05-01", ""),
				},
				FinalEvaluationOn: d("2026-04-20"), MinutesIntensive: 15000,
				Work: []ReportWork{
					{Phase: 3, UserID: 2, Minutes: 900, Contacts: 6},
					{Phase: 5, UserID: 1, Minutes: 300, Contacts: 3, NoAnswer: 1},
				}},
			{ID: 105, CreatedOn: d("2025-01-10"),
				Phases: []ReportPhase{
					ph(1, "2025-01-10", "2025-02-01"), ph(2, "2025-02-01", "2025-06-01"), ph(3, "2025-06-01", "2025-11-01"),
					ph(4, "2025-11-01", "2026-03-15"),
				},
				ClosedOn: d("2026-03-15"), CloseOutcome: CloseOnward,
				FinalEvaluationOn: d("2026-03-01"), MinutesIntensive: 10800,
				Work:     []ReportWork{{Phase: 4, UserID: 1, Minutes: 240, Contacts: 4, Refused: 2}},
				Checkups: []ReportCheckup{{On: d("2026-06-15"), Assessment: CheckupGood}}},
			{ID: 106, CreatedOn: d("2023-06-01"),
				Phases:   []ReportPhase{ph(5, "2024-01-01", "2025-10-01")},
				ClosedOn: d("2025-10-01"), CloseOutcome: CloseNetwork,
				Checkups: []ReportCheckup{
					{On: d("2025-12-01"), Assessment: CheckupGood},
					{On: d("2026-01-05"), Assessment: CheckupConcerns},
					{On: d("2026-04-05"), Assessment: CheckupSerious},
				}},
			// Closed on the period's last day with an outcome regie does
			// not know: counted as "anders", and in no phase on that day.
			{ID: 107, CreatedOn: d("2026-06-01"),
				Phases:   []ReportPhase{ph(1, "2026-06-01", "2026-06-30")},
				ClosedOn: d("2026-06-30"), CloseOutcome: ""},
		},
		Workers: []*ReportWorker{
			{UserID: 3, Name: "Anna van Zanten", Role: RoleCasemanager},
			{UserID: 1, Name: "Bram Akker", Role: RoleCasemanager, Current: 4, Started: 4},
			{UserID: 2, Name: "Carla Bos", Role: RoleYouthWorker, Current: 5, Started: 5},
		},
	}
}

// want is one expected figure: its value, its N and its families.
type want struct {
	row   string
	col   int
	value float64
	n     int
	fams  []int64
}

// checkTable compares the figures of a table with the expected ones.
func checkTable(t *testing.T, r *Report, table string, wants []want) {
	t.Helper()
	for _, w := range wants {
		c := r.Cell(table, w.row, w.col)
		if c == nil {
			t.Errorf("%s/%s/%d: no such cell", table, w.row, w.col)
			continue
		}
		if c.Empty || math.Abs(c.Value-w.value) > 1e-9 || c.N != w.n || !slices.Equal(c.Families, w.fams) {
			t.Errorf("%s/%s/%d = value %v n %d families %v empty %v, want %v n %d families %v",
				table, w.row, w.col, c.Value, c.N, c.Families, c.Empty, w.value, w.n, w.fams)
		}
	}
}

// rowKeys returns the keys of a table's rows in order.
func rowKeys(r *Report, table string) []string {
	var keys []string
	for _, row := range r.Table(table).Rows {
		keys = append(keys, row.Key)
	}
	return keys
}

func TestFlowSection(t *testing.T) {
	r := BuildReport(reportFixture())
	ids := func(ids ...int64) []int64 { return ids }

	t.Run("Instroom", func(t *testing.T) {
		// 8 referrals: 3 accepted (101, 102, 103), one each in portfolio,
		// on the waiting list, declined for a contra-indication, declined
		// otherwise, and not yet decided (on the agenda).
		if got, want := rowKeys(r, "instroom"), []string{"open", "geaccepteerd", "portefeuille", "wachtlijst", "afgewezen_contra", "afgewezen_anders", "totaal"}; !slices.Equal(got, want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
		checkTable(t, r, "instroom", []want{
			{"open", 0, 1, 1, nil}, {"open", 1, 12.5, 1, nil},
			{"geaccepteerd", 0, 3, 3, ids(101, 102, 103)}, {"geaccepteerd", 1, 37.5, 3, ids(101, 102, 103)},
			{"portefeuille", 0, 1, 1, nil}, {"wachtlijst", 0, 1, 1, nil},
			{"afgewezen_contra", 0, 1, 1, nil}, {"afgewezen_anders", 0, 1, 1, nil},
			{"afgewezen_anders", 1, 12.5, 1, nil},
			{"totaal", 0, 8, 8, ids(101, 102, 103)}, {"totaal", 1, 100, 8, ids(101, 102, 103)},
		})
		if tb := r.Table("instroom"); tb.Chart != ChartBars || tb.ChartColumn != 0 || !tb.Rows[6].Total {
			t.Errorf("chart %q column %d, total row %v", tb.Chart, tb.ChartColumn, tb.Rows[6].Total)
		}
	})

	t.Run("Afsluiting", func(t *testing.T) {
		// Closed in the period: 105 (doorverwezen) and 107 (no known
		// outcome: anders); 106 was closed in 2025.
		checkTable(t, r, "afsluiting", []want{
			{"netwerk_neemt_over", 0, 0, 0, nil},
			{"doorverwezen", 0, 1, 1, ids(105)}, {"doorverwezen", 1, 50, 1, ids(105)},
			{"gezin_trekt_zich_terug", 0, 0, 0, nil}, {"verhuisd", 0, 0, 0, nil},
			{"anders", 0, 1, 1, ids(107)},
			{"totaal", 0, 2, 2, ids(105, 107)}, {"totaal", 1, 100, 2, ids(105, 107)},
		})
	})

	t.Run("Fasen", func(t *testing.T) {
		// On 30 June: 103 in phase 1; 101 and 102 in phase 3 (102 since
		// 25 June); 104 in phase 5 (since 1 May); 105, 106 and 107 closed.
		checkTable(t, r, "fasen", []want{
			{"fase1", 0, 1, 1, ids(103)}, {"fase1", 1, 25, 1, ids(103)},
			{"fase2", 0, 0, 0, nil}, {"fase2", 1, 0, 0, nil},
			{"fase3", 0, 2, 2, ids(101, 102)}, {"fase3", 1, 50, 2, ids(101, 102)},
			{"fase4", 0, 0, 0, nil},
			{"fase5", 0, 1, 1, ids(104)},
			{"totaal", 0, 4, 4, ids(101, 102, 103, 104)},
		})
		if got := r.Table("fasen").Rows[1].Label; got != "Fase 2: Contact leggen en motiveren" {
			t.Errorf("label %q", got)
		}
	})

	t.Run("Bronnen", func(t *testing.T) {
		// In the order of OrgKinds, zero kinds left out: ggz 1, school 3
		// (1, 3, 6), politie 2, huisarts 1, overig 1 (no kind given).
		if got, want := rowKeys(r, "bronnen"), []string{"ggz", "school", "politie", "huisarts", "overig", "totaal"}; !slices.Equal(got, want) {
			t.Fatalf("rows %v, want %v", got, want)
		}
		checkTable(t, r, "bronnen", []want{
			{"ggz", 0, 1, 1, nil}, {"ggz", 1, 12.5, 1, nil},
			{"school", 0, 3, 3, ids(101, 103)}, {"school", 1, 37.5, 3, ids(101, 103)},
			{"politie", 0, 2, 2, ids(102)}, {"politie", 1, 25, 2, ids(102)},
			{"huisarts", 0, 1, 1, nil}, {"overig", 0, 1, 1, nil},
			{"totaal", 0, 8, 8, ids(101, 102, 103)},
		})
	})

	t.Run("Wachttijden", func(t *testing.T) {
		// Decided: 10, 10, 20, 7, 4, 5, 30 days → sorted 4 5 7 10 10 20 30:
		// mean 86/7, median 10, longest 30.
		// First contact after acceptance: 5 (101) and 14 (102); 103 none yet.
		// Waiting list: 1 April → 30 June = 90 days; portfolio: 1 March →
		// 30 June = 121 days.
		dec := ids(101, 102, 103)
		checkTable(t, r, "wachttijden", []want{
			{"besluit", 0, 7, 7, dec}, {"besluit", 1, 86.0 / 7, 7, dec}, {"besluit", 2, 10, 7, dec}, {"besluit", 3, 30, 7, dec},
			{"eerste_contact", 0, 2, 2, ids(101, 102)}, {"eerste_contact", 1, 9.5, 2, ids(101, 102)},
			{"eerste_contact", 2, 9.5, 2, ids(101, 102)}, {"eerste_contact", 3, 14, 2, ids(101, 102)},
			{"wachtlijst", 0, 1, 1, nil}, {"wachtlijst", 1, 90, 1, nil}, {"wachtlijst", 3, 90, 1, nil},
			{"portefeuille", 0, 1, 1, nil}, {"portefeuille", 2, 121, 1, nil},
		})
		if c := r.Cell("wachttijden", "besluit", 1); c.Kind != CellDays || c.String() != "12 dagen" {
			t.Errorf("mean %v written %q", c.Kind, c.String())
		}
	})

	for _, tb := range r.Sections[0].Tables {
		if tb.Note == "" || tb.Title == "" {
			t.Errorf("table %s without title or note", tb.Key)
		}
	}
}

// referralRow is the outcome row a referral belongs in, by the test's own
// reading of the statuses.
func referralRow(r *ReportReferral) string {
	return map[ReferralStatus]string{
		ReferralAccepted: "geaccepteerd", ReferralPortfolio: "portefeuille", ReferralWaiting: "wachtlijst",
		ReferralDeclined: map[bool]string{true: "afgewezen_contra", false: "afgewezen_anders"}[r.ContraIndicated],
	}[r.Status]
}

// TestFlowAddsUp: in ~500 random sets of referrals every referral is in
// exactly one outcome row of "instroom", and the rows add up to the total;
// so do the sources.
func TestFlowAddsUp(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	statuses := []ReferralStatus{ReferralReceived, ReferralOnAgenda, ReferralAccepted, ReferralPortfolio, ReferralWaiting, ReferralDeclined, "onbekend"}
	kinds := []OrgKind{"school", "politie", "ggz", "", "eigen", "niet_bestaand"}
	from := MustParseDate("2026-01-01")
	for i := range 500 {
		f := &ReportFacts{Filter: ReportFilter{From: from, To: from.AddDays(rng.Intn(400))}, Norms: DefaultNorms()}
		n := rng.Intn(60)
		for j := range n {
			// Every referral gets its own family id here, so where it is
			// counted can be read from the families.
			f.Referrals = append(f.Referrals, &ReportReferral{
				ID: int64(j + 1), FamilyID: int64(1000 + j),
				ReceivedOn:      from.AddDays(rng.Intn(f.Filter.Days())),
				Status:          statuses[rng.Intn(len(statuses))],
				ContraIndicated: rng.Intn(2) == 0,
				SourceKind:      kinds[rng.Intn(len(kinds))],
			})
		}
		r := BuildReport(f)
		tb := r.Table("instroom")
		rowOf := map[int64]string{}
		sum, sumN := 0.0, 0
		for _, row := range tb.Rows {
			if row.Total {
				continue
			}
			sum += row.Cells[0].Value
			sumN += row.Cells[0].N
			if int(row.Cells[0].Value) != len(row.Cells[0].Families) {
				t.Fatalf("set %d: row %s counts %v but has %d families", i, row.Key, row.Cells[0].Value, len(row.Cells[0].Families))
			}
			for _, id := range row.Cells[0].Families {
				if prev, ok := rowOf[id]; ok {
					t.Fatalf("set %d: family %d in rows %s and %s", i, id, prev, row.Key)
				}
				rowOf[id] = row.Key
			}
		}
		total := r.Cell("instroom", "totaal", 0)
		if sum != float64(n) || sumN != n || total.Value != float64(n) || total.N != n || len(total.Families) != n {
			t.Fatalf("set %d: rows add up to %v (N %d), total %v (N %d, %d families), want %d", i, sum, sumN, total.Value, total.N, len(total.Families), n)
		}
		if len(rowOf) != n {
			t.Fatalf("set %d: %d of %d referrals in a row", i, len(rowOf), n)
		}
		for _, ref := range f.Referrals {
			want := referralRow(ref)
			if want == "" {
				want = "open"
			}
			if rowOf[ref.FamilyID] != want {
				t.Fatalf("set %d: referral %+v in row %q, want %q", i, ref, rowOf[ref.FamilyID], want)
			}
		}
		share := 0.0
		for _, row := range tb.Rows {
			if !row.Total {
				share += row.Cells[1].Value
			}
		}
		if n > 0 && math.Abs(share-100) > 1e-9 {
			t.Fatalf("set %d: shares add up to %v", i, share)
		}
		sources := 0.0
		for _, row := range r.Table("bronnen").Rows {
			if !row.Total {
				if row.Cells[0].Value == 0 {
					t.Fatalf("set %d: source row %s with none", i, row.Key)
				}
				sources += row.Cells[0].Value
			}
		}
		if sources != float64(n) {
			t.Fatalf("set %d: sources add up to %v, want %d", i, sources, n)
		}
	}
}

// TestReportEmptyFacts: nothing registered — no panic, every table there,
// counts 0 (not hidden, not even outside the team), means empty with why.
func TestReportEmptyFacts(t *testing.T) {
	for _, f := range []*ReportFacts{
		{},
		{Filter: ReportFilter{From: MustParseDate("2026-01-01"), To: MustParseDate("2026-12-31")}, Norms: DefaultNorms()},
	} {
		r := BuildReport(f)
		r.Suppress()
		for _, key := range []string{"instroom", "afsluiting", "fasen", "bronnen", "wachttijden", "fasenduur", "uren_fase", "uren_gezin", "uren_medewerker", "caseload", "pogingen", "terugval", "checkups"} {
			tb := r.Table(key)
			if tb == nil {
				t.Fatalf("no table %s", key)
			}
			for _, row := range tb.Rows {
				for i, c := range row.Cells {
					switch {
					case c.Suppressed:
						t.Errorf("%s/%s/%d suppressed", key, row.Key, i)
					case c.Empty && c.Warning == "":
						t.Errorf("%s/%s/%d empty without a warning", key, row.Key, i)
					case !c.Empty && c.Kind != CellText && c.Value != 0:
						t.Errorf("%s/%s/%d = %v, want 0", key, row.Key, i, c.Value)
					case !c.Empty && c.Kind == CellCount && c.String() != "0":
						t.Errorf("%s/%s/%d written %q", key, row.Key, i, c.String())
					}
				}
			}
		}
		if got := rowKeys(r, "bronnen"); !slices.Equal(got, []string{"totaal"}) {
			t.Errorf("bronnen rows %v", got)
		}
		if c := r.Cell("wachttijden", "besluit", 1); !c.Empty {
			t.Errorf("mean of no waiting times not empty: %+v", c)
		}
	}
}

// TestIDSet: each family once, in order; a slice handed to a cell does not
// change when the set grows afterwards.
func TestIDSet(t *testing.T) {
	var s idSet
	for _, id := range []int64{5, 5, 0, 3, 5, 9, 3} {
		s.add(id)
	}
	first := s.sorted()
	if !slices.Equal(first, []int64{3, 5, 9}) || s.len() != 3 {
		t.Fatalf("sorted %v len %d", first, s.len())
	}
	s.add(1)
	s.add(9)
	if !slices.Equal(first, []int64{3, 5, 9}) || !slices.Equal(s.sorted(), []int64{1, 3, 5, 9}) {
		t.Fatalf("after adding: shared %v, now %v", first, s.sorted())
	}
	var empty idSet
	if empty.sorted() != nil || empty.len() != 0 {
		t.Fatalf("empty set %v", empty.sorted())
	}
}
