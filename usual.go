package regie

import "slices"

// UsualContactSample is how many of a worker's latest reached contacts
// their usual duration is taken from.
const UsualContactSample = 20

// UsualContactMinutes is how long a worker's contacts usually take: the
// median of the durations of their latest reached contacts, rounded to five
// minutes (at least five), or fallback when there are none. A contact is
// logged after the visit, so the form's start time is now minus this.
func UsualContactMinutes(recent []int, fallback int) int {
	var ds []int
	for _, m := range recent {
		if m > 0 {
			ds = append(ds, m)
		}
	}
	if len(ds) == 0 {
		return fallback
	}
	slices.Sort(ds)
	mid := len(ds) / 2
	median := ds[mid]
	if len(ds)%2 == 0 {
		median = (ds[mid-1] + ds[mid]) / 2
	}
	return max(5, (median+2)/5*5)
}
