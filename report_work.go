package regie

// workSection computes the team's work: Inzet, uren en caseload.
func workSection(*ReportFacts) *ReportSection { return nil }
