package regie

import (
	"context"
	"math"
	"strconv"
	"strings"
)

// The rates of the cost/benefit analysis (seed 004: "Wat kost de aanpak?
// Wat zijn de maatschappelijke én financiële effecten van de aanpak? En
// wat was er gebeurd als deze aanpak niet was ingezet?"). Every rate is an
// assumption the municipality makes and must be able to defend: it has a
// value and a source, both set by the functional administrator, and a
// rate without a source is not used — the report says which is missing
// instead of showing a number without its source. regie ships no values:
// the demo sets example values whose source says they are examples.

// RateDef is one rate the administrator sets.
type RateDef struct {
	Key   string // the settings key of the value; Key+".bron" holds the source
	Label string
	Unit  string
	// Percent: the value is a share, 0–100.
	Percent bool
	Max     float64
}

// The rates' keys.
const (
	RateHour = "tarief.uur_casemanager"
)

// AvoidedEvent is a costly event the approach aims to prevent. A family of
// the effect cohort counts as having avoided it when it was at risk at the
// start (its self-reliance on RiskDomain at most RiskScore) and reached
// EndTerm at the final evaluation; the estimate weighs each such family
// with the chance of the event without the approach and its cost.
type AvoidedEvent struct {
	Key        string // the event's rates are "gebeurtenis.<Key>.kosten" and ".kans"
	Label      string
	EndTerm    EndTerm
	RiskDomain Domain
	RiskScore  Score
}

// AvoidedEvents are the events the cost/benefit weighs, in the order the
// report shows them. Change or extend them here.
var AvoidedEvents = []AvoidedEvent{
	{"huisuitzetting", "Huisuitzetting", "leefsituatie", "wonen", 2},
	{"uithuisplaatsing", "Uithuisplaatsing van een kind", "opvoeding", "kinderen", 2},
	{"politie", "Politie-inzet bij overlast en justitiële contacten (per jaar)", "overlast", "justitie", 2},
	{"schuldsanering", "Schuldsanering (Wsnp)", "financien", "financien", 2},
}

// CostKey and ChanceKey are the settings keys of an event's rates.
func (e AvoidedEvent) CostKey() string   { return "gebeurtenis." + e.Key + ".kosten" }
func (e AvoidedEvent) ChanceKey() string { return "gebeurtenis." + e.Key + ".kans" }

// RateDefs lists every rate, in the order of the administrator's screen:
// the hour, then per avoided event its cost and its chance without the
// approach.
var RateDefs = func() []RateDef {
	defs := []RateDef{{Key: RateHour, Label: "Kosten van een uur actief casemanagement (loon, opslag en overhead)", Unit: "euro per uur", Max: 1000}}
	for _, e := range AvoidedEvents {
		defs = append(defs,
			RateDef{Key: e.CostKey(), Label: e.Label + ": maatschappelijke kosten", Unit: "euro", Max: 10_000_000},
			RateDef{Key: e.ChanceKey(), Label: e.Label + ": kans zonder de aanpak, bij een gezin dat bij de start risico liep", Unit: "procent", Percent: true, Max: 100})
	}
	return defs
}()

// Rate is one rate as set: its value and where it comes from.
type Rate struct {
	Def    RateDef
	Value  float64
	Source string
	// Text is the value as stored, for the administrator's form.
	Text string
	// Set: a value and a source are both set; only then is it used.
	Set bool
}

// Rates are the rates as set, by key.
type Rates map[string]Rate

// SourceKey is the settings key of a rate's source.
func SourceKey(key string) string { return key + ".bron" }

// RatesFrom reads the rates from the stored settings; a value that does
// not parse, or one without a source, is not set.
func RatesFrom(settings map[string]string) Rates {
	rs := Rates{}
	for _, d := range RateDefs {
		r := Rate{Def: d, Source: strings.TrimSpace(settings[SourceKey(d.Key)]), Text: strings.TrimSpace(settings[d.Key])}
		if v, err := parseRate(settings[d.Key]); err == nil && v >= 0 && v <= d.Max {
			r.Value = v
			r.Set = r.Source != ""
		}
		rs[d.Key] = r
	}
	return rs
}

// parseRate reads a rate typed the Dutch way ("68,50", "12.500").
func parseRate(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "€"))
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	} else if strings.Count(s, ".") > 1 || (strings.Contains(s, ".") && len(s)-strings.LastIndex(s, ".") == 4) {
		s = strings.ReplaceAll(s, ".", "") // thousands points
	}
	return strconv.ParseFloat(s, 64)
}

// MaxRateSource is the longest source a rate may name.
const MaxRateSource = 300

// ValidateRates checks the rates typed by the administrator, keyed by
// settings key (a rate's Key and its SourceKey); rates not in values stay
// as they are. A value is a number from 0 to the rate's Max (a share at
// most 100), typed the Dutch way; a value needs a source and a source a
// value; both empty clears the rate.
func ValidateRates(values map[string]string) error {
	var v Validation
	for _, d := range RateDefs {
		value, hasValue := values[d.Key]
		source, hasSource := values[SourceKey(d.Key)]
		if !hasValue && !hasSource {
			continue
		}
		value, source = Clean(value), Clean(source)
		if value != "" {
			x, err := parseRate(value)
			switch {
			case err != nil || math.IsNaN(x) || math.IsInf(x, 0):
				v.Add(d.Key, MsgRateNumber)
			case d.Percent && (x < 0 || x > 100):
				v.Add(d.Key, MsgRatePercent)
			case x < 0 || x > d.Max:
				v.Add(d.Key, MsgRateRange, dutchNumber(d.Max, 0))
			}
			if source == "" {
				v.Add(SourceKey(d.Key), MsgRateSourceRequired)
			}
		} else if source != "" {
			v.Add(d.Key, MsgRateValueRequired)
		}
		v.MaxLen(SourceKey(d.Key), source, MaxRateSource)
	}
	return v.Err()
}

// RateService stores the rates of the cost/benefit analysis.
type RateService interface {
	// FindRates returns the rates as set. Everyone logged in may read
	// them: they are the municipality's assumptions, not personal data.
	FindRates(ctx context.Context) (Rates, error)
	// SaveRates stores the rates typed by the functional administrator
	// (keyed by settings key: a rate's Key and its SourceKey), in the
	// access log. EINVALID, EFORBIDDEN.
	SaveRates(ctx context.Context, values map[string]string) error
}
