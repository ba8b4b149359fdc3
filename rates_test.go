package regie_test

import (
	"strings"
	"testing"

	"regie"
)

func TestValidateRates(t *testing.T) {
	const hour, source = "tarief.uur_casemanager", "tarief.uur_casemanager.bron"
	const chance = "gebeurtenis.huisuitzetting.kans"
	for _, tc := range []struct {
		name   string
		values map[string]string
		want   map[string]string // field → message; nil: valid
	}{
		{"OK", map[string]string{hour: "68,50", source: "Begroting 2026"}, nil},
		{"OKThousands", map[string]string{"gebeurtenis.huisuitzetting.kosten": "€ 12.500", "gebeurtenis.huisuitzetting.kosten.bron": "Rapport"}, nil},
		{"OKBothEmptyClears", map[string]string{hour: " ", source: ""}, nil},
		{"OKNotTyped", map[string]string{}, nil},
		{"ErrNotANumber", map[string]string{hour: "veel", source: "x"}, map[string]string{hour: "Geef een getal, bijvoorbeeld 68,50."}},
		{"ErrNegative", map[string]string{hour: "-1", source: "x"}, map[string]string{hour: "Geef een getal van 0 tot en met 1.000."}},
		{"ErrAboveMax", map[string]string{hour: "1000,01", source: "x"}, map[string]string{hour: "Geef een getal van 0 tot en met 1.000."}},
		{"OKMax", map[string]string{hour: "1000", source: "x"}, nil},
		{"ErrPercent", map[string]string{chance: "101", chance + ".bron": "x"}, map[string]string{chance: "Geef een percentage van 0 tot en met 100."}},
		{"OKPercent", map[string]string{chance: "12,5", chance + ".bron": "x"}, nil},
		{"ErrValueWithoutSource", map[string]string{hour: "80", source: "  "},
			map[string]string{source: "Noem de bron van deze waarde: zonder bron gebruikt regie haar niet."}},
		{"ErrSourceWithoutValue", map[string]string{hour: "", source: "Begroting"},
			map[string]string{hour: "Vul ook de waarde in, of maak de bron leeg."}},
		{"ErrSourceTooLong", map[string]string{hour: "80", source: strings.Repeat("b", 301)}, map[string]string{source: "Maximaal 300 tekens."}},
		{"OKSource300", map[string]string{hour: "80", source: strings.Repeat("b", 300)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := regie.ValidateRates(tc.values)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("err %v, want none", err)
				}
				return
			}
			if regie.ErrorCode(err) != regie.EINVALID {
				t.Fatalf("err %v, want EINVALID", err)
			}
			got := regie.ErrorFields(err)
			if len(got) != len(tc.want) {
				t.Errorf("fields %v, want %v", got, tc.want)
			}
			for f, m := range tc.want {
				if got[f] != m {
					t.Errorf("%s: %q, want %q", f, got[f], m)
				}
			}
		})
	}
}

func TestRatesFrom_SetOnlyWithSource(t *testing.T) {
	rs := regie.RatesFrom(map[string]string{"tarief.uur_casemanager": "68,50", "gebeurtenis.politie.kans": "30",
		"gebeurtenis.politie.kans.bron": "CBS"})
	if r := rs["tarief.uur_casemanager"]; r.Set || r.Value != 68.5 || r.Text != "68,50" {
		t.Errorf("hour without source %+v, want not set", r)
	}
	if r := rs["gebeurtenis.politie.kans"]; !r.Set || r.Value != 30 || r.Source != "CBS" {
		t.Errorf("chance %+v", r)
	}
}
