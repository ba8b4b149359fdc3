package regie

import "testing"

func TestReportStats(t *testing.T) {
	for _, tc := range []struct {
		xs           []float64
		mean, median float64
	}{
		{nil, 0, 0},
		{[]float64{4}, 4, 4},
		{[]float64{3, 1, 2}, 2, 2},
		{[]float64{10, 1, 4, 3}, 4.5, 3.5},
	} {
		in := append([]float64(nil), tc.xs...)
		if got := mean(tc.xs); got != tc.mean {
			t.Errorf("mean(%v)=%v, want %v", in, got, tc.mean)
		}
		if got := median(tc.xs); got != tc.median {
			t.Errorf("median(%v)=%v, want %v", in, got, tc.median)
		}
		for i := range in {
			if tc.xs[i] != in[i] {
				t.Errorf("median changed its input: %v, was %v", tc.xs, in)
			}
		}
	}
}
