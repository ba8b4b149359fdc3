// Package reportfile writes a report's figures as files that leave regie:
// CSV for Dutch spreadsheet programs and XLSX. The report handed in is
// already suppressed (regie.Report.Suppress); every cell is written
// formula-safe.
package reportfile

import (
	"errors"
	"io"

	"regie"
	"regie/internal/response"
)

// CSV writes the report as one CSV: per table a title line, the header and
// the rows.
func CSV(w io.Writer, p *regie.ReportPage) error {
	c := response.NewCSV(w)
	for _, s := range p.Report.Sections {
		for _, t := range s.Tables {
			if err := c.Write(t.Title); err != nil {
				return err
			}
			if err := c.Write(append([]string{t.RowHeader}, t.Columns...)...); err != nil {
				return err
			}
			for _, r := range t.Rows {
				cells := []string{r.Label}
				for _, cell := range r.Cells {
					cells = append(cells, cell.Plain())
				}
				if err := c.Write(cells...); err != nil {
					return err
				}
			}
		}
	}
	return c.Flush()
}

// XLSX writes the report as a workbook.
func XLSX(io.Writer, *regie.ReportPage) error {
	return errors.New("reportfile: XLSX is not written yet")
}
