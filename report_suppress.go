package regie

// Suppress makes the report fit to leave the team (AudienceOutside): no
// figure links to families any more, and no figure describes, or lets a
// reader work out, a group of fewer than MinGroup families.
//
//   - Primary suppression: a cell about some but fewer than MinGroup
//     families (0 < N < MinGroup) is hidden — unless it is a worker's
//     load (Workload), which names no family — a count, and equally a
//     share or a mean computed over so few. A cell about none (N = 0) is
//     "none" and never hidden; a total row is hidden only by its own N.
//   - Secondary suppression: in a table with a total row, a column in
//     which exactly one other cell is hidden would give that cell away as
//     the total minus the rest. So the smallest other cell of the column
//     that is about some families is hidden too, whatever its size. When
//     the column's total is itself hidden nothing can be derived.
//
// A hidden cell keeps its kind, warning and source but loses its value,
// interval, N and text, so a page or file that forgets to look at
// Suppressed still cannot show them. Suppress is a pure function of the
// report and idempotent: suppressing twice is suppressing once.
func (r *Report) Suppress() {
	r.Audience = AudienceOutside
	for _, s := range r.Sections {
		for _, t := range s.Tables {
			t.suppress()
		}
	}
}

func (t *ReportTable) suppress() {
	var total *ReportRow
	for _, row := range t.Rows {
		for i := range row.Cells {
			c := &row.Cells[i]
			c.Families = nil
			if c.N > 0 && c.N < MinGroup && !c.Workload {
				c.Suppressed = true
			}
		}
		if row.Total && total == nil {
			total = row
		}
	}
	if total != nil {
		for col := range total.Cells {
			t.suppressSecondary(total, col)
		}
	}
	for _, row := range t.Rows {
		for i := range row.Cells {
			if c := &row.Cells[i]; c.Suppressed {
				c.Value, c.Low, c.High, c.Interval, c.N, c.Text = 0, 0, 0, false, 0, ""
			}
		}
	}
}

// suppressSecondary hides a second cell of column col when exactly one
// cell besides the totals is hidden and the total shows.
func (t *ReportTable) suppressSecondary(total *ReportRow, col int) {
	if total.Cells[col].Suppressed {
		return
	}
	hidden := 0
	var smallest *ReportCell
	for _, row := range t.Rows {
		if row.Total || col >= len(row.Cells) {
			continue
		}
		c := &row.Cells[col]
		switch {
		case c.Suppressed:
			hidden++
		case c.N > 0 && !c.Empty:
			if smallest == nil || c.N < smallest.N || (c.N == smallest.N && c.Value < smallest.Value) {
				smallest = c
			}
		}
	}
	if hidden == 1 && smallest != nil {
		smallest.Suppressed = true
	}
}
