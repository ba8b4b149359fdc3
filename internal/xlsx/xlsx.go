// Package xlsx writes small Office Open XML workbooks (.xlsx) with the
// standard library only, and reads them back.
//
// The writer makes the least a spreadsheet program needs: the content
// types, the package and workbook relationships, the workbook, a style
// sheet (a bold font and the number formats the cells ask for) and one
// worksheet per sheet. Text is written as inline strings (t="inlineStr"),
// never as a formula: no cell of a file regie makes holds an <f> element.
// Text that a spreadsheet would take for a formula once the workbook is
// saved as CSV (starting with = + - @, a tab or a carriage return) gets
// the leading apostrophe of response.SafeCell, and characters XML 1.0
// cannot hold are left out.
//
// The reader reads what the writer wrote, and inline and shared strings
// generally; it is meant for tests and is not a general spreadsheet
// reader (no formulas are evaluated, dates are numbers).
package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"regie/internal/response"
)

// Cell is one cell of a sheet: a number when IsNumber, text otherwise.
type Cell struct {
	Text     string
	Number   float64
	IsNumber bool
	Bold     bool
	// Format is the number format of a number cell, in the spreadsheet's
	// own notation ("#,##0.0", `0" %"`); "" is General.
	Format string
}

// Sheet is one worksheet: rows of cells from A1 on.
type Sheet struct {
	Name string
	Rows [][]Cell
	// ColumnWidths are the widths of the first columns, in characters;
	// 0 leaves a column at the default width.
	ColumnWidths []float64
}

// The limits of the file format.
const (
	// MaxSheetName is the longest sheet name spreadsheet programs accept.
	MaxSheetName = 31
	// MaxCellText is the most characters a cell holds.
	MaxCellText = 32767
	maxRows     = 1048576
	maxColumns  = 16384
)

// Text returns a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Number returns a number cell with a number format ("" is General).
func Number(v float64, format string) Cell {
	return Cell{Number: v, IsNumber: true, Format: format}
}

// Bold returns a bold text cell.
func Bold(s string) Cell { return Cell{Text: s, Bold: true} }

// The namespaces and content types of the parts.
const (
	nsMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPackageRels   = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsContentTypes  = "http://schemas.openxmlformats.org/package/2006/content-types"
	relOffice       = nsRelationships + "/officeDocument"
	relWorksheet    = nsRelationships + "/worksheet"
	relStyles       = nsRelationships + "/styles"
	relShared       = nsRelationships + "/sharedStrings"
	ctRels          = "application/vnd.openxmlformats-package.relationships+xml"
	ctWorkbook      = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	ctWorksheet     = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
	ctStyles        = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
	xmlHeader       = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// ContentType is the media type of an .xlsx file, for the download.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Write writes the sheets as one workbook to w. A workbook has at least
// one sheet; the names are made valid and unique (SheetNames).
func Write(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return errors.New("xlsx: a workbook needs a sheet")
	}
	names := SheetNames(sheets)
	st := newStyles()
	parts := make([]string, len(sheets))
	for i, s := range sheets {
		xml, err := sheetXML(s, st)
		if err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", names[i], err)
		}
		parts[i] = xml
	}

	z := zip.NewWriter(w)
	put := func(name, content string) error {
		f, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, content)
		return err
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(xmlHeader + `<Types xmlns="` + nsContentTypes + `">`)
	ct.WriteString(`<Default Extension="rels" ContentType="` + ctRels + `"/>`)
	ct.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	ct.WriteString(`<Override PartName="/xl/workbook.xml" ContentType="` + ctWorkbook + `"/>`)
	ct.WriteString(`<Override PartName="/xl/styles.xml" ContentType="` + ctStyles + `"/>`)
	wb.WriteString(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRelationships + `"><sheets>`)
	rels.WriteString(xmlHeader + `<Relationships xmlns="` + nsPackageRels + `">`)
	for i := range sheets {
		n := strconv.Itoa(i + 1)
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="` + ctWorksheet + `"/>`)
		wb.WriteString(`<sheet name="` + escape(names[i]) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + n + `" Type="` + relWorksheet + `" Target="worksheets/sheet` + n + `.xml"/>`)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`<Relationship Id="rId` + strconv.Itoa(len(sheets)+1) + `" Type="` + relStyles + `" Target="styles.xml"/>`)
	rels.WriteString(`</Relationships>`)

	files := []struct{ name, content string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="` + nsPackageRels + `"><Relationship Id="rId1" Type="` + relOffice + `" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", st.xml()},
	}
	for _, f := range files {
		if err := put(f.name, f.content); err != nil {
			return fmt.Errorf("xlsx: %s: %w", f.name, err)
		}
	}
	for i, p := range parts {
		if err := put("xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml", p); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", names[i], err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// sheetXML writes one worksheet, registering the styles its cells use.
func sheetXML(s Sheet, st *styles) (string, error) {
	if len(s.Rows) > maxRows {
		return "", fmt.Errorf("%d rows, at most %d", len(s.Rows), maxRows)
	}
	var b strings.Builder
	b.WriteString(xmlHeader + `<worksheet xmlns="` + nsMain + `">`)
	if len(s.ColumnWidths) > 0 {
		var cols strings.Builder
		for i, wd := range s.ColumnWidths {
			if wd <= 0 || math.IsInf(wd, 0) || math.IsNaN(wd) {
				continue
			}
			n := strconv.Itoa(i + 1)
			cols.WriteString(`<col min="` + n + `" max="` + n + `" width="` + strconv.FormatFloat(min(wd, 255), 'f', -1, 64) + `" customWidth="1"/>`)
		}
		if cols.Len() > 0 {
			b.WriteString(`<cols>` + cols.String() + `</cols>`)
		}
	}
	b.WriteString(`<sheetData>`)
	for r, row := range s.Rows {
		if len(row) > maxColumns {
			return "", fmt.Errorf("row %d: %d columns, at most %d", r+1, len(row), maxColumns)
		}
		rn := strconv.Itoa(r + 1)
		var cells strings.Builder
		for c, cell := range row {
			ref := ColumnName(c) + rn
			style := st.index(cell)
			attrs := `<c r="` + ref + `"`
			if style != 0 {
				attrs += ` s="` + strconv.Itoa(style) + `"`
			}
			switch {
			case cell.IsNumber:
				if math.IsNaN(cell.Number) || math.IsInf(cell.Number, 0) {
					return "", fmt.Errorf("cell %s: %v is not a number a spreadsheet can hold", ref, cell.Number)
				}
				cells.WriteString(attrs + `><v>` + strconv.FormatFloat(cell.Number, 'g', -1, 64) + `</v></c>`)
			case cell.Text == "":
				if style != 0 {
					cells.WriteString(attrs + `/>`)
				}
			default:
				cells.WriteString(attrs + ` t="inlineStr"><is><t xml:space="preserve">` + escape(SafeText(cell.Text)) + `</t></is></c>`)
			}
		}
		if cells.Len() > 0 { // an empty row needs no element
			b.WriteString(`<row r="` + rn + `">` + cells.String() + `</row>`)
		}
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String(), nil
}

// SafeText is the text as a cell holds it: without the characters XML
// 1.0 cannot hold (control characters other than tab, line feed and
// carriage return; invalid UTF-8), at most MaxCellText characters, and
// with response.SafeCell's apostrophe when a spreadsheet would read it as
// a formula.
func SafeText(s string) string {
	s = response.SafeCell(validXML(s))
	if utf8.RuneCountInString(s) > MaxCellText {
		s = string([]rune(s)[:MaxCellText])
	}
	return s
}

// validXML drops what XML 1.0 cannot hold: #x9 | #xA | #xD |
// [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF], and invalid UTF-8.
func validXML(s string) string {
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' ||
			(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
	}
	clean := true
	for i, r := range s {
		if !ok(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if ok(r) && (r != utf8.RuneError || strings.HasPrefix(s[i:], "\uFFFD")) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escape writes s as XML character data or an attribute value: the five
// special characters as entities, tab, line feed and carriage return as
// character references (so attribute values keep them too), and what XML
// 1.0 cannot hold left out.
func escape(s string) string {
	var b strings.Builder
	for _, r := range validXML(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ColumnName is the letters of the column with index i (from 0): A, B, …,
// Z, AA, AB, …
func ColumnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// SheetNames returns the sheets' names as a workbook can hold them: the
// characters [ ] : * ? / \ replaced by a space, no apostrophe at either
// end, at most MaxSheetName characters, not empty ("Blad N", as Dutch
// spreadsheet programs name a new sheet), and unique regardless of case
// (a number in brackets added to a repeated name).
func SheetNames(sheets []Sheet) []string {
	names := make([]string, len(sheets))
	seen := map[string]bool{}
	for i, s := range sheets {
		name := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
				return ' '
			}
			return r
		}, validXML(s.Name))
		name = strings.Join(strings.Fields(name), " ")
		name = strings.Trim(truncate(name, MaxSheetName), "' ")
		if name == "" || strings.EqualFold(name, "History") { // History is reserved by Excel
			name = "Blad " + strconv.Itoa(i+1)
		}
		base := name
		for n := 2; seen[strings.ToLower(name)]; n++ {
			suffix := " (" + strconv.Itoa(n) + ")"
			name = strings.TrimRight(truncate(base, MaxSheetName-len(suffix)), "' ") + suffix
		}
		seen[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// styles collects the cell formats the sheets use: cellXfs index 0 is the
// default, 1 bold; every other (number format, bold) pair gets the next
// index as cells ask for it. Custom number formats are numbered from 164,
// the first id not built in.
type styles struct {
	formats []string       // custom number formats, id 164+i
	xfs     []xf           // cellXfs from index 2 on
	byKey   map[xf]int     // cellXfs index of a pair
	fmtID   map[string]int // number format id of a format code
}

type xf struct {
	numFmt int
	bold   bool
}

func newStyles() *styles {
	return &styles{byKey: map[xf]int{{0, false}: 0, {0, true}: 1}, fmtID: map[string]int{"": 0}}
}

func (s *styles) index(c Cell) int {
	format := ""
	if c.IsNumber {
		format = validXML(c.Format)
	}
	id, ok := s.fmtID[format]
	if !ok {
		id = 164 + len(s.formats)
		s.formats = append(s.formats, format)
		s.fmtID[format] = id
	}
	k := xf{id, c.Bold}
	i, ok := s.byKey[k]
	if !ok {
		i = 2 + len(s.xfs)
		s.xfs = append(s.xfs, k)
		s.byKey[k] = i
	}
	return i
}

func (s *styles) xml() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<styleSheet xmlns="` + nsMain + `">`)
	if len(s.formats) > 0 {
		b.WriteString(`<numFmts count="` + strconv.Itoa(len(s.formats)) + `">`)
		for i, f := range s.formats {
			b.WriteString(`<numFmt numFmtId="` + strconv.Itoa(164+i) + `" formatCode="` + escape(f) + `"/>`)
		}
		b.WriteString(`</numFmts>`)
	}
	b.WriteString(`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>`)
	b.WriteString(`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`)
	b.WriteString(`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`)
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	all := append([]xf{{0, false}, {0, true}}, s.xfs...)
	b.WriteString(`<cellXfs count="` + strconv.Itoa(len(all)) + `">`)
	for _, x := range all {
		font := "0"
		if x.bold {
			font = "1"
		}
		b.WriteString(`<xf numFmtId="` + strconv.Itoa(x.numFmt) + `" fontId="` + font + `" fillId="0" borderId="0" xfId="0"`)
		if x.numFmt != 0 {
			b.WriteString(` applyNumberFormat="1"`)
		}
		if x.bold {
			b.WriteString(` applyFont="1"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</cellXfs>`)
	b.WriteString(`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`)
	b.WriteString(`</styleSheet>`)
	return b.String()
}
