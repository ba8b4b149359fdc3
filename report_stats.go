package regie

import (
	"math"
	"sort"
)

// mean is the average of xs; 0 when there are none.
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// median is the middle value of xs (the mean of the two middle values
// when their number is even); 0 when there are none. xs is not changed.
func median(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// meanInterval is the 95 % confidence interval of the mean of xs: the
// mean ± t(0,975; n−1) × s/√n, with s the sample standard deviation.
// Not ok for fewer than two values (no spread to estimate).
func meanInterval(xs []float64) (low, high float64, ok bool) {
	n := len(xs)
	if n < 2 {
		return 0, 0, false
	}
	m := mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	half := tQuantile975(n-1) * math.Sqrt(ss/float64(n-1)) / math.Sqrt(float64(n))
	return m - half, m + half, true
}

// tTable975 is the 0,975 quantile of Student's t-distribution (two-sided
// 95 %) for 1 to 30 degrees of freedom, then 40, 60 and 120; the usual
// printed table.
var tTable975 = []struct {
	df int
	t  float64
}{
	{1, 12.706}, {2, 4.303}, {3, 3.182}, {4, 2.776}, {5, 2.571}, {6, 2.447}, {7, 2.365}, {8, 2.306},
	{9, 2.262}, {10, 2.228}, {11, 2.201}, {12, 2.179}, {13, 2.160}, {14, 2.145}, {15, 2.131}, {16, 2.120},
	{17, 2.110}, {18, 2.101}, {19, 2.093}, {20, 2.086}, {21, 2.080}, {22, 2.074}, {23, 2.069}, {24, 2.064},
	{25, 2.060}, {26, 2.056}, {27, 2.052}, {28, 2.048}, {29, 2.045}, {30, 2.042}, {40, 2.021}, {60, 2.000},
	{120, 1.980},
}

// tQuantile975 is the 0,975 quantile of the t-distribution with df
// degrees of freedom: from the table, between its rows interpolated
// linearly in 1/df (the usual way, exact to the table's three decimals),
// and beyond 120 between 1,980 and the normal 1,960 at infinity.
func tQuantile975(df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	for i, row := range tTable975 {
		if row.df == df {
			return row.t
		}
		if row.df > df {
			prev := tTable975[i-1]
			return interpolateInverse(df, prev.df, prev.t, row.df, row.t)
		}
	}
	last := tTable975[len(tTable975)-1]
	// Towards the normal quantile at 1/df = 0.
	w := float64(last.df) / float64(df)
	return 1.960 + w*(last.t-1.960)
}

// interpolateInverse interpolates between (d1, t1) and (d2, t2) linearly
// in 1/d.
func interpolateInverse(d, d1 int, t1 float64, d2 int, t2 float64) float64 {
	x, x1, x2 := 1/float64(d), 1/float64(d1), 1/float64(d2)
	return t1 + (x-x1)*(t2-t1)/(x2-x1)
}
