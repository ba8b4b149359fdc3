package regie_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"regie"
)

// supCount is a count cell about n families with ids from first on.
func supCount(n int, first int64) regie.ReportCell {
	c := regie.ReportCell{Kind: regie.CellCount, Value: float64(n), N: n}
	for i := range n {
		c.Families = append(c.Families, first+int64(i))
	}
	return c
}

// supHidden is how a hidden count reads after Suppress.
func supHidden() regie.ReportCell {
	return regie.ReportCell{Kind: regie.CellCount, Suppressed: true}
}

// supShown is how a count that stays reads after Suppress.
func supShown(n int) regie.ReportCell {
	return regie.ReportCell{Kind: regie.CellCount, Value: float64(n), N: n}
}

func supReport(tables ...*regie.ReportTable) *regie.Report {
	return &regie.Report{Sections: []*regie.ReportSection{{Key: "s", Tables: tables}}}
}

func supRow(key string, total bool, cells ...regie.ReportCell) *regie.ReportRow {
	return &regie.ReportRow{Key: key, Label: key, Total: total, Cells: cells}
}

func TestSuppress(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in, want []*regie.ReportRow
	}{
		{
			name: "Primary",
			in: []*regie.ReportRow{
				supRow("a", false, supCount(4, 1), supCount(5, 10)),
				supRow("b", false, supCount(1, 20), supCount(12, 30)),
			},
			want: []*regie.ReportRow{
				supRow("a", false, supHidden(), supShown(5)),
				supRow("b", false, supHidden(), supShown(12)),
			},
		},
		{
			name: "ZeroNeverHidden",
			in: []*regie.ReportRow{
				supRow("a", false, supCount(0, 0), supCount(7, 1)),
				supRow("b", false, supCount(0, 0), supCount(3, 10)),
				supRow("totaal", true, supCount(0, 0), supCount(10, 1)),
			},
			want: []*regie.ReportRow{
				// the zero next to the hidden 3 is not chosen: hiding a
				// zero hides nothing, and the 7 is the smallest other
				supRow("a", false, supShown(0), supHidden()),
				supRow("b", false, supShown(0), supHidden()),
				supRow("totaal", true, supShown(0), supShown(10)),
			},
		},
		{
			name: "SecondaryWithTotal",
			in: []*regie.ReportRow{
				supRow("school", false, supCount(20, 1), supCount(6, 100)),
				supRow("politie", false, supCount(3, 30), supCount(9, 110)),
				supRow("huisarts", false, supCount(8, 40), supCount(7, 120)),
				supRow("wijkteam", false, supCount(6, 50), supCount(0, 0)),
				supRow("totaal", true, supCount(37, 1), supCount(22, 100)),
			},
			want: []*regie.ReportRow{
				supRow("school", false, supShown(20), supShown(6)),
				supRow("politie", false, supHidden(), supShown(9)),
				supRow("huisarts", false, supShown(8), supShown(7)),
				// 6 is the smallest other: 37 - 20 - 8 no longer gives the 3
				supRow("wijkteam", false, supHidden(), supShown(0)),
				supRow("totaal", true, supShown(37), supShown(22)),
			},
		},
		{
			name: "TwoHiddenNeedNoMore",
			in: []*regie.ReportRow{
				supRow("a", false, supCount(2, 1)),
				supRow("b", false, supCount(3, 10)),
				supRow("c", false, supCount(9, 20)),
				supRow("totaal", true, supCount(14, 1)),
			},
			want: []*regie.ReportRow{
				supRow("a", false, supHidden()),
				supRow("b", false, supHidden()),
				supRow("c", false, supShown(9)),
				supRow("totaal", true, supShown(14)),
			},
		},
		{
			name: "NoTotalNoSecondary",
			in: []*regie.ReportRow{
				supRow("a", false, supCount(2, 1)),
				supRow("b", false, supCount(6, 10)),
			},
			want: []*regie.ReportRow{
				supRow("a", false, supHidden()),
				supRow("b", false, supShown(6)),
			},
		},
		{
			name: "SmallTotalHidden",
			in: []*regie.ReportRow{
				supRow("a", false, supCount(1, 1)),
				supRow("b", false, supCount(0, 0)),
				supRow("b", false, supCount(3, 2)),
				supRow("totaal", true, supCount(4, 1)),
			},
			want: []*regie.ReportRow{
				supRow("a", false, supHidden()),
				supRow("b", false, supShown(0)),
				supRow("b", false, supHidden()),
				supRow("totaal", true, supHidden()),
			},
		},
		{
			name: "HiddenTotalGivesNothingAway",
			in: []*regie.ReportRow{
				supRow("a", false, supCount(2, 1)),
				supRow("b", false, supCount(0, 0)),
				supRow("totaal", true, supCount(2, 1)),
			},
			want: []*regie.ReportRow{
				supRow("a", false, supHidden()),
				supRow("b", false, supShown(0)),
				supRow("totaal", true, supHidden()),
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := supReport(&regie.ReportTable{Key: "t", Rows: tc.in})
			r.Suppress()
			if got, want := r.Audience, regie.AudienceOutside; got != want {
				t.Fatalf("Audience = %v, want %v", got, want)
			}
			if diff := cmp.Diff(tc.want, r.Table("t").Rows); diff != "" {
				t.Fatalf("suppressed (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSuppressSharesAndMeans: a share or mean computed over fewer than
// MinGroup families is hidden with its interval; its warning and source
// stay; a mean over enough families keeps its figures but not its
// families.
func TestSuppressSharesAndMeans(t *testing.T) {
	r := supReport(&regie.ReportTable{Key: "zelfredzaamheid", Rows: []*regie.ReportRow{
		supRow("werk", false,
			regie.ReportCell{Kind: regie.CellNumber, Value: 0.75, N: 4, Interval: true, Low: -0.2, High: 1.7, Warning: "kleine aantallen", Families: []int64{1, 2, 3, 4}},
			regie.ReportCell{Kind: regie.CellPercent, Value: 75, N: 4, Families: []int64{1, 2, 3, 4}},
			regie.ReportCell{Kind: regie.CellMoney, Value: 1200, N: 3, Source: "uurtarief: cao"}),
		supRow("wonen", false,
			regie.ReportCell{Kind: regie.CellNumber, Value: 1.25, N: 8, Interval: true, Low: 0.5, High: 2, Families: []int64{1, 2, 3, 4, 5, 6, 7, 8}},
			regie.ReportCell{Kind: regie.CellPercent, Value: 50, N: 8},
			regie.ReportCell{Kind: regie.CellMoney, Empty: true, Warning: "geen bron"}),
	}})
	r.Suppress()
	want := []*regie.ReportRow{
		supRow("werk", false,
			regie.ReportCell{Kind: regie.CellNumber, Suppressed: true, Warning: "kleine aantallen"},
			regie.ReportCell{Kind: regie.CellPercent, Suppressed: true},
			regie.ReportCell{Kind: regie.CellMoney, Suppressed: true, Source: "uurtarief: cao"}),
		supRow("wonen", false,
			regie.ReportCell{Kind: regie.CellNumber, Value: 1.25, N: 8, Interval: true, Low: 0.5, High: 2},
			regie.ReportCell{Kind: regie.CellPercent, Value: 50, N: 8},
			regie.ReportCell{Kind: regie.CellMoney, Empty: true, Warning: "geen bron"}),
	}
	if diff := cmp.Diff(want, r.Table("zelfredzaamheid").Rows); diff != "" {
		t.Fatalf("suppressed (-want +got):\n%s", diff)
	}
	if got, want := r.Cell("zelfredzaamheid", "werk", 0).String(), "< 5"; got != want {
		t.Fatalf("String = %q, want %q", got, want)
	}
}

// TestSuppressFamiliesCleared: no cell of any section links to families.
func TestSuppressFamiliesCleared(t *testing.T) {
	r := &regie.Report{Sections: []*regie.ReportSection{
		{Key: "a", Tables: []*regie.ReportTable{{Key: "a1", Rows: []*regie.ReportRow{supRow("x", false, supCount(9, 1), supCount(50, 100))}}}},
		{Key: "b", Tables: []*regie.ReportTable{{Key: "b1", Rows: []*regie.ReportRow{supRow("y", true, supCount(5, 1))}}}},
	}}
	r.Suppress()
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			for _, rw := range tb.Rows {
				for i, c := range rw.Cells {
					if c.Families != nil {
						t.Errorf("%s/%s/%d still names families %v", tb.Key, rw.Key, i, c.Families)
					}
					if c.Suppressed {
						t.Errorf("%s/%s/%d hidden with N ≥ %d", tb.Key, rw.Key, i, regie.MinGroup)
					}
				}
			}
		}
	}
}

// TestSuppressIdempotent: suppressing twice is suppressing once, on a
// table that needs primary and secondary suppression.
func TestSuppressIdempotent(t *testing.T) {
	build := func() *regie.Report {
		return supReport(&regie.ReportTable{Key: "t", Rows: []*regie.ReportRow{
			supRow("a", false, supCount(2, 1), supCount(8, 1), supCount(1, 1)),
			supRow("b", false, supCount(6, 10), supCount(7, 10), supCount(0, 0)),
			supRow("c", false, supCount(11, 20), supCount(3, 20), supCount(4, 20)),
			supRow("totaal", true, supCount(19, 1), supCount(18, 1), supCount(5, 1)),
		}})
	}
	once := build()
	once.Suppress()
	twice := build()
	twice.Suppress()
	twice.Suppress()
	if diff := cmp.Diff(once.Sections, twice.Sections); diff != "" {
		t.Fatalf("Suppress twice differs from once (-once +twice):\n%s", diff)
	}
	// column 0: 2 hidden, 6 hidden too; column 1: 3 hidden, 7 too;
	// column 2: 1 and 4 hidden by themselves, the 5 of the total shows.
	var got [][]bool
	for _, rw := range once.Table("t").Rows {
		var hidden []bool
		for _, c := range rw.Cells {
			hidden = append(hidden, c.Suppressed)
		}
		got = append(got, hidden)
	}
	want := [][]bool{{true, false, true}, {true, true, false}, {false, true, true}, {false, false, false}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("hidden (-want +got):\n%s", diff)
	}
}

// TestSuppressProperties checks on many random tables what suppression
// promises: no small group shows, no zero is hidden, a column with a
// visible total never has exactly one hidden cell while another could
// be hidden, no families remain, and suppressing again changes nothing.
func TestSuppressProperties(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 5))
	for range 1000 {
		build := func(seed uint64) *regie.Report {
			rr := rand.New(rand.NewPCG(seed, 1))
			cols := 1 + rr.IntN(3)
			var rows []*regie.ReportRow
			sums := make([]int, cols)
			for range 1 + rr.IntN(6) {
				var cells []regie.ReportCell
				for c := range cols {
					n := rr.IntN(12)
					if rr.IntN(3) == 0 {
						n = 0
					}
					sums[c] += n
					cells = append(cells, supCount(n, 1))
				}
				rows = append(rows, supRow("r", false, cells...))
			}
			if rr.IntN(4) > 0 {
				var cells []regie.ReportCell
				for _, s := range sums {
					cells = append(cells, supCount(s, 1))
				}
				rows = append(rows, supRow("totaal", true, cells...))
			}
			return supReport(&regie.ReportTable{Key: "t", Rows: rows})
		}
		seed := rnd.Uint64()
		before, r := build(seed), build(seed)
		r.Suppress()
		tb := r.Table("t")
		var total *regie.ReportRow
		for i, rw := range tb.Rows {
			if rw.Total {
				total = rw
			}
			for c, cell := range rw.Cells {
				n := before.Table("t").Rows[i].Cells[c].N
				switch {
				case cell.Families != nil:
					t.Fatalf("seed %d: families remain", seed)
				case n > 0 && n < regie.MinGroup && !cell.Suppressed:
					t.Fatalf("seed %d: a group of %d shows", seed, n)
				case n == 0 && cell.Suppressed:
					t.Fatalf("seed %d: a zero is hidden", seed)
				case rw.Total && cell.Suppressed && n >= regie.MinGroup:
					t.Fatalf("seed %d: a total of %d is hidden", seed, n)
				}
			}
		}
		if total != nil {
			for c := range total.Cells {
				if total.Cells[c].Suppressed {
					continue
				}
				hidden, candidates := 0, 0
				for _, rw := range tb.Rows {
					switch {
					case rw.Total:
					case rw.Cells[c].Suppressed:
						hidden++
					case rw.Cells[c].N > 0:
						candidates++
					}
				}
				if hidden == 1 && candidates > 0 {
					t.Fatalf("seed %d: column %d has one hidden cell beside a visible total", seed, c)
				}
			}
		}
		again := build(seed)
		again.Suppress()
		again.Suppress()
		if !reflect.DeepEqual(r.Sections, again.Sections) {
			t.Fatalf("seed %d: Suppress twice differs:\n%s", seed, cmp.Diff(r.Sections, again.Sections))
		}
	}
}
