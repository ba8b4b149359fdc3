package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/store"
)

// The demo's material for the reports' effect and cost/benefit: a few
// families whose intensive phase ended this year with their own risks at
// the start, scores at the final evaluation and end terms (so the effect
// tables show a spread, not one change for everyone), the example rates
// of the cost/benefit, each saying it is an example.

// effectScript is a family's own effect.
type effectScript struct {
	// risks are plan scores added to (or replacing) the plan's: the start
	// scores are one lower (startScores), so 2 here is a family at risk.
	risks map[regie.Domain]regie.Score
	// final are the scores at the final evaluation, by domain; the
	// others become the plan's score plus two, at most 4.
	final map[regie.Domain]regie.Score
	// terms replace the final evaluation's end terms.
	terms map[regie.EndTerm]*regie.EndTermInput
}

// finalScore is a family's score on a domain at the final evaluation, its
// plan's score being s.
func finalScore(f family, d regie.Domain, s regie.Score) regie.Score {
	if f.effect != nil {
		if v, ok := f.effect.final[d]; ok {
			return v
		}
	}
	return min(s+2, 4)
}

// withRisks returns the plan's scores with the family's risks.
func withRisks(f family, scores map[regie.Domain]regie.Score) map[regie.Domain]regie.Score {
	if f.effect == nil || len(f.effect.risks) == 0 {
		return scores
	}
	out := make(map[regie.Domain]regie.Score, len(scores)+len(f.effect.risks))
	for d, s := range scores {
		out[d] = s
	}
	for d, s := range f.effect.risks {
		out[d] = s
	}
	return out
}

// exampleRateSource is the source of every demo rate: plainly not one.
const exampleRateSource = "Voorbeeldwaarde voor de demo — vervang door de eigen begroting en bron"

// exampleRates are the demo's rates: round example values, no figures of
// any municipality.
var exampleRates = map[string]string{
	regie.RateHour:                        "85",
	"gebeurtenis.huisuitzetting.kosten":   "25.000",
	"gebeurtenis.huisuitzetting.kans":     "20",
	"gebeurtenis.uithuisplaatsing.kosten": "60.000",
	"gebeurtenis.uithuisplaatsing.kans":   "15",
	"gebeurtenis.politie.kosten":          "4.000",
	"gebeurtenis.politie.kans":            "40",
	"gebeurtenis.schuldsanering.kosten":   "8.000",
	"gebeurtenis.schuldsanering.kans":     "30",
}

// seedRates sets the example rates, as the administrator.
func seedRates(admin context.Context, st *store.Store) error {
	values := map[string]string{}
	for k, v := range exampleRates {
		values[k], values[regie.SourceKey(k)] = v, exampleRateSource
	}
	if err := st.SaveRates(admin, values); err != nil {
		return fmt.Errorf("demo rates: %w", err)
	}
	return nil
}
