package regie

// effectSection computes the effect: Effect.
func effectSection(*ReportFacts) *ReportSection { return nil }
