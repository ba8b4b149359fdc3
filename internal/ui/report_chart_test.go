package ui

import (
	"slices"
	"testing"
)

func TestWrapLabel(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", []string{""}},
		{"Geaccepteerd", []string{"Geaccepteerd"}},
		{"Nog geen besluit (ontvangen of op de agenda van het teamoverleg)",
			[]string{"Nog geen besluit (ontvangen of op de agenda van", "het teamoverleg)"}},
		{"Ontwikkelingsstimulering-en-opvoedingsondersteuning kort", []string{"Ontwikkelingsstimulering-en-opvoedingsondersteuning", "kort"}},
	} {
		got := wrapLabel(tc.in, reportChartLabelRunes)
		if !slices.Equal(got, tc.want) {
			t.Errorf("wrapLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
