package regie_test

import (
	"testing"

	"regie"
)

// TestNextMeetingDay: the menu opens this week's meeting on its day, and
// the next week's once it has passed.
func TestNextMeetingDay(t *testing.T) {
	for _, tc := range []struct{ today, want string }{
		{"2026-03-02", "2026-03-02"}, // Monday: the meeting is today
		{"2026-03-03", "2026-03-09"}, // Tuesday: this week's has passed
		{"2026-03-07", "2026-03-09"}, // Saturday
		{"2026-03-08", "2026-03-09"}, // Sunday
	} {
		if got := regie.NextMeetingDay(regie.MustParseDate(tc.today)).ISO(); got != tc.want {
			t.Errorf("NextMeetingDay(%s) = %s, want %s", tc.today, got, tc.want)
		}
	}
}
