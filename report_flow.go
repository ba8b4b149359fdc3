package regie

// flowSection computes the flow of referrals and families: Instroom en doorstroom.
func flowSection(*ReportFacts) *ReportSection { return nil }
