package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// maxPart bounds how much of one part Read decompresses.
const maxPart = 64 << 20

// Read reads a workbook's sheets: their names, the cells (text of
// inline, shared and formula strings; numbers; bold and number format
// from the style sheet) placed by their references, gaps filled with
// empty cells, and the column widths. Formulas are not evaluated: a
// formula cell reads as its cached value.
func Read(r io.ReaderAt, size int64) ([]Sheet, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	part := func(name string, v any) error {
		f, ok := files[name]
		if !ok {
			return fmt.Errorf("xlsx: no part %s", name)
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("xlsx: %s: %w", name, err)
		}
		defer rc.Close()
		if err := xml.NewDecoder(io.LimitReader(rc, maxPart)).Decode(v); err != nil {
			return fmt.Errorf("xlsx: %s: %w", name, err)
		}
		return nil
	}

	var rootRels xRels
	if err := part("_rels/.rels", &rootRels); err != nil {
		return nil, err
	}
	wbPath := rootRels.target("", relOffice)
	if wbPath == "" {
		return nil, errors.New("xlsx: no workbook")
	}
	var wb xWorkbook
	if err := part(wbPath, &wb); err != nil {
		return nil, err
	}
	var wbRels xRels
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if err := part(relsPath, &wbRels); err != nil {
		return nil, err
	}
	dir := path.Dir(wbPath)

	var shared []string
	if p := wbRels.target(dir, relShared); p != "" {
		var sst xShared
		if err := part(p, &sst); err != nil {
			return nil, err
		}
		for _, si := range sst.SI {
			shared = append(shared, si.text())
		}
	}
	var st xStyleSheet
	if p := wbRels.target(dir, relStyles); p != "" {
		if err := part(p, &st); err != nil {
			return nil, err
		}
	}

	var sheets []Sheet
	for _, s := range wb.Sheets {
		p := wbRels.byID(dir, s.RID)
		if p == "" {
			return nil, fmt.Errorf("xlsx: sheet %q has no part", s.Name)
		}
		var ws xWorksheet
		if err := part(p, &ws); err != nil {
			return nil, err
		}
		sheet, err := ws.sheet(s.Name, shared, &st)
		if err != nil {
			return nil, fmt.Errorf("xlsx: sheet %q: %w", s.Name, err)
		}
		sheets = append(sheets, sheet)
	}
	return sheets, nil
}

type xRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(dir, target)
}

func (r xRels) target(dir, typ string) string {
	for _, rel := range r.Rels {
		if rel.Type == typ {
			return resolve(dir, rel.Target)
		}
	}
	return ""
}

func (r xRels) byID(dir, id string) string {
	for _, rel := range r.Rels {
		if rel.ID == id {
			return resolve(dir, rel.Target)
		}
	}
	return ""
}

type xWorkbook struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// xString is a string item: plain (<t>) or rich text (runs of <r><t>).
type xString struct {
	T    string `xml:"t"`
	Runs []struct {
		T string `xml:"t"`
	} `xml:"r"`
}

func (s xString) text() string {
	if len(s.Runs) == 0 {
		return s.T
	}
	var b strings.Builder
	b.WriteString(s.T)
	for _, r := range s.Runs {
		b.WriteString(r.T)
	}
	return b.String()
}

type xShared struct {
	SI []xString `xml:"si"`
}

type xStyleSheet struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	Fonts []struct {
		B *struct{} `xml:"b"`
	} `xml:"fonts>font"`
	Xfs []struct {
		NumFmt int `xml:"numFmtId,attr"`
		Font   int `xml:"fontId,attr"`
	} `xml:"cellXfs>xf"`
}

// builtinFormats are the built-in number formats a reader may meet most.
var builtinFormats = map[int]string{1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"}

// style returns the bold and number format of cellXfs index i.
func (st *xStyleSheet) style(i int) (bool, string) {
	if i < 0 || i >= len(st.Xfs) {
		return false, ""
	}
	x := st.Xfs[i]
	bold := x.Font >= 0 && x.Font < len(st.Fonts) && st.Fonts[x.Font].B != nil
	if x.NumFmt == 0 {
		return bold, ""
	}
	for _, f := range st.NumFmts {
		if f.ID == x.NumFmt {
			return bold, f.Code
		}
	}
	return bold, builtinFormats[x.NumFmt]
}

type xWorksheet struct {
	Cols []struct {
		Min   int     `xml:"min,attr"`
		Max   int     `xml:"max,attr"`
		Width float64 `xml:"width,attr"`
	} `xml:"cols>col"`
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			R  string   `xml:"r,attr"`
			S  int      `xml:"s,attr"`
			T  string   `xml:"t,attr"`
			V  string   `xml:"v"`
			Is *xString `xml:"is"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
}

func (ws *xWorksheet) sheet(name string, shared []string, st *xStyleSheet) (Sheet, error) {
	s := Sheet{Name: name}
	for _, c := range ws.Cols {
		if c.Min < 1 || c.Max < c.Min || c.Max > maxColumns {
			return s, fmt.Errorf("column width of %d–%d", c.Min, c.Max)
		}
		for len(s.ColumnWidths) < c.Max {
			s.ColumnWidths = append(s.ColumnWidths, 0)
		}
		for i := c.Min; i <= c.Max; i++ {
			s.ColumnWidths[i-1] = c.Width
		}
	}
	next := 1
	for _, row := range ws.Rows {
		rn := row.R
		if rn == 0 {
			rn = next
		}
		if rn < next || rn > maxRows {
			return s, fmt.Errorf("row %d out of order", rn)
		}
		for len(s.Rows) < rn-1 {
			s.Rows = append(s.Rows, nil)
		}
		var cells []Cell
		for _, c := range row.Cells {
			col := len(cells)
			if c.R != "" {
				cn, r, err := parseRef(c.R)
				if err != nil {
					return s, err
				}
				if r != rn || cn < len(cells) {
					return s, fmt.Errorf("cell %s out of order", c.R)
				}
				col = cn
			}
			for len(cells) < col {
				cells = append(cells, Cell{})
			}
			cell := Cell{}
			cell.Bold, cell.Format = st.style(c.S)
			switch c.T {
			case "inlineStr":
				if c.Is != nil {
					cell.Text = c.Is.text()
				}
			case "s":
				i, err := strconv.Atoi(c.V)
				if err != nil || i < 0 || i >= len(shared) {
					return s, fmt.Errorf("cell %s: no shared string %q", c.R, c.V)
				}
				cell.Text = shared[i]
			case "str", "e":
				cell.Text = c.V
			case "b":
				cell.Number, cell.IsNumber = 0, true
				if c.V == "1" {
					cell.Number = 1
				}
			default: // "n" or none
				if c.V != "" {
					v, err := strconv.ParseFloat(c.V, 64)
					if err != nil {
						return s, fmt.Errorf("cell %s: %q is not a number", c.R, c.V)
					}
					cell.Number, cell.IsNumber = v, true
				}
			}
			if !cell.IsNumber {
				cell.Format = ""
			}
			cells = append(cells, cell)
		}
		s.Rows = append(s.Rows, cells)
		next = rn + 1
	}
	return s, nil
}

// parseRef splits a cell reference such as "AB12" into its column index
// (from 0) and row number (from 1).
func parseRef(ref string) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
		if col > maxColumns {
			return 0, 0, fmt.Errorf("cell reference %q", ref)
		}
	}
	row, err = strconv.Atoi(ref[i:])
	if i == 0 || err != nil || row < 1 || row > maxRows {
		return 0, 0, fmt.Errorf("cell reference %q", ref)
	}
	return col - 1, row, nil
}
