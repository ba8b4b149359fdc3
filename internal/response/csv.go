package response

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSV writes a CSV download for Dutch spreadsheet programs: semicolons
// between cells, and every cell made safe with SafeCell. Every CSV regie
// serves goes through it.
type CSV struct {
	w *csv.Writer
}

// NewCSV returns a CSV writer on w.
func NewCSV(w io.Writer) *CSV {
	cw := csv.NewWriter(w)
	cw.Comma = ';' // what Dutch spreadsheet settings expect
	return &CSV{w: cw}
}

// Write writes one row.
func (c *CSV) Write(cells ...string) error {
	row := make([]string, len(cells))
	for i, s := range cells {
		row[i] = SafeCell(s)
	}
	return c.w.Write(row)
}

// Flush writes what is buffered and returns the first error of any write.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// SafeCell keeps a spreadsheet from reading a cell as a formula (CSV
// injection): a value that starts with = + - @, a tab or a carriage return
// gets a leading apostrophe, which spreadsheets show as text. Text typed by
// users (a note, a name, a reason) reaches the access log's export. A
// negative number ("-2", "-0,5") is left alone: it cannot be a formula,
// and a report's figures must stay numbers.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !negativeNumber(s) {
		return "'" + s
	}
	return s
}

// negativeNumber reports whether s is a minus sign, digits and at most
// one decimal comma or point followed by digits.
func negativeNumber(s string) bool {
	whole, frac, cut := strings.Cut(strings.TrimPrefix(s, "-"), ",")
	if !cut {
		whole, frac, cut = strings.Cut(whole, ".")
	}
	digits := func(p string) bool {
		return p != "" && strings.Trim(p, "0123456789") == ""
	}
	return s[0] == '-' && digits(whole) && (!cut || digits(frac))
}
