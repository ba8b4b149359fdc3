package regie

// costSection computes the cost and benefit: Kosten en baten.
func costSection(*ReportFacts) *ReportSection { return nil }
