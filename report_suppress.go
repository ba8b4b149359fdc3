package regie

// Suppress makes the report fit to leave the team: every figure about
// fewer than MinGroup families (but some) is hidden, and no figure links
// to families any more.
func (r *Report) Suppress() {
	r.Audience = AudienceOutside
	for _, s := range r.Sections {
		for _, t := range s.Tables {
			for _, row := range t.Rows {
				for i := range row.Cells {
					c := &row.Cells[i]
					c.Families = nil
					if c.N > 0 && c.N < MinGroup {
						c.Suppressed = true
					}
				}
			}
		}
	}
}
