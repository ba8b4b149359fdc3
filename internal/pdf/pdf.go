// Package pdf typesets the papers a casemanager takes to the kitchen
// table: the plan and the consent form, A4, in Dutch. It uses fpdf (pure
// Go) with DejaVu Sans embedded, so every name prints as written — Şahin,
// Yıldız, Łukasz — and nothing depends on fonts on the server.
package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"regie"
)

//go:embed fonts/DejaVuSans.ttf
var fontRegular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var fontBold []byte

// The page: A4 with margins for a ring binder.
const (
	marginLeft   = 22.0
	marginRight  = 18.0
	marginTop    = 18.0
	marginBottom = 20.0
	lineHeight   = 5.0
	family       = "DejaVu"
)

// doc is an A4 document with regie's header and footer.
type doc struct {
	*fpdf.Fpdf
	width float64 // the text width
}

// newDoc starts a document. title and subject go in the header of every
// page; footer names the family and marks the paper as confidential.
func newDoc(title, subject, footer string, now time.Time) *doc {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontBold)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetTitle(title+" — "+subject, true)
	f.SetCreator("regie", true)
	f.SetLang("nl-NL")
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.AliasNbPages("{nb}")
	pw, _ := f.GetPageSize()
	d := &doc{Fpdf: f, width: pw - marginLeft - marginRight}
	f.SetFooterFunc(func() {
		f.SetY(-14)
		f.SetFont(family, "", 7.5)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(d.width*0.75, 4, footer, "", 0, "L", false, 0, "")
		f.CellFormat(d.width*0.25, 4, fmt.Sprintf("pagina %d van {nb}", f.PageNo()), "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	return d
}

// newFamilyDoc starts a document about a family, its footer naming the
// family, its file and when it was printed.
func newFamilyDoc(title string, fam *regie.Family, now time.Time) *doc {
	return newDoc(title, fam.HouseholdName,
		fmt.Sprintf("Vertrouwelijk · %s · %s · afgedrukt %s", fam.HouseholdName, fam.DossierNumber(), regie.FormatDateTime(now)), now)
}

// title writes the document's title block.
func (d *doc) title(title, lead string, facts [][2]string) {
	d.SetFont(family, "B", 18)
	d.MultiCell(d.width, 8, title, "", "L", false)
	if lead != "" {
		d.SetFont(family, "", 11)
		d.MultiCell(d.width, 6, lead, "", "L", false)
	}
	d.Ln(2)
	d.facts(facts)
	d.SetDrawColor(120, 120, 120)
	d.Line(marginLeft, d.GetY()+1, marginLeft+d.width, d.GetY()+1)
	d.Ln(4)
}

// facts writes label–value pairs in two columns.
func (d *doc) facts(facts [][2]string) {
	for _, kv := range facts {
		d.row([]float64{45, d.width - 45}, []string{kv[0], kv[1]}, []string{"B", ""}, 9.5, false)
	}
}

// heading writes a section heading, on a new page if little room is left.
func (d *doc) heading(s string) {
	d.needs(22)
	d.Ln(3)
	d.SetFont(family, "B", 12.5)
	d.MultiCell(d.width, 6.5, s, "", "L", false)
	d.Ln(1)
}

// subheading writes a smaller heading.
func (d *doc) subheading(s string) {
	d.needs(14)
	d.SetFont(family, "B", 10.5)
	d.MultiCell(d.width, 5.5, s, "", "L", false)
}

// para writes a paragraph; an empty one prints a dash, so a reader sees
// that nothing was written rather than that something is missing.
func (d *doc) para(s string) {
	d.SetFont(family, "", 10)
	if strings.TrimSpace(s) == "" {
		s = "—"
	}
	d.MultiCell(d.width, lineHeight, s, "", "L", false)
	d.Ln(1.5)
}

// labelled writes a bold label and a paragraph under it, if there is text.
func (d *doc) labelled(label, s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	d.needs(12)
	d.SetFont(family, "B", 10)
	d.MultiCell(d.width, lineHeight, label, "", "L", false)
	d.para(s)
}

// label writes a bold label on its own, over what follows.
func (d *doc) label(s string) {
	d.needs(12)
	d.SetFont(family, "B", 10)
	d.MultiCell(d.width, lineHeight, s, "", "L", false)
	d.Ln(0.5)
}

// needs starts a new page when less than h mm is left.
func (d *doc) needs(h float64) {
	_, ph := d.GetPageSize()
	if d.GetY()+h > ph-marginBottom {
		d.AddPage()
	}
}

// row writes one row of a table: each cell wraps within its width and the
// row is as high as its highest cell. styles are "" or "B" per cell.
func (d *doc) row(widths []float64, cells, styles []string, size float64, border bool) {
	lh := size * 0.5
	lines := make([][]string, len(cells))
	height := lh
	for i, c := range cells {
		d.SetFont(family, styles[i%len(styles)], size)
		lines[i] = d.SplitText(c, widths[i]-2)
		height = max(height, float64(len(lines[i]))*lh)
	}
	height += 1.6
	d.needs(height)
	x, y := d.GetX(), d.GetY()
	for i := range cells {
		d.SetFont(family, styles[i%len(styles)], size)
		if border {
			d.SetDrawColor(160, 160, 160)
			d.Rect(x, y, widths[i], height, "D")
		}
		d.SetXY(x+1, y+0.8)
		d.MultiCell(widths[i]-2, lh, strings.Join(lines[i], "\n"), "", "L", false)
		x += widths[i]
	}
	d.SetXY(marginLeft, y+height)
}

// table writes a header row and rows.
func (d *doc) table(widths []float64, head []string, rows [][]string) {
	d.SetFillColor(235, 235, 235)
	d.needs(20)
	d.row(widths, head, []string{"B"}, 9, true)
	for _, r := range rows {
		d.row(widths, r, []string{""}, 9, true)
	}
	d.Ln(2)
}

// box draws an empty checkbox at the cursor with a label after it.
func (d *doc) box(label string, w float64) {
	x, y := d.GetX(), d.GetY()
	d.SetDrawColor(60, 60, 60)
	d.Rect(x, y+0.6, 3.4, 3.4, "D")
	d.SetXY(x+5, y)
	d.SetFont(family, "", 8.5)
	d.CellFormat(w-5, 4.6, label, "", 0, "L", false, 0, "")
}

// signatures writes signature lines with names under them.
func (d *doc) signatures(names []string) {
	d.needs(30)
	col := d.width / 2
	for i, n := range names {
		if i%2 == 0 {
			d.needs(28)
			d.Ln(14)
		}
		x := marginLeft + float64(i%2)*col
		y := d.GetY()
		d.SetDrawColor(60, 60, 60)
		d.Line(x, y, x+col-8, y)
		d.SetXY(x, y+1)
		d.SetFont(family, "", 8.5)
		d.MultiCell(col-8, 4, n, "", "L", false)
		d.SetXY(marginLeft, y)
	}
	d.Ln(10)
}

// bytes finishes the document.
func (d *doc) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// coordinatorPhone returns the work phone number of the coordinator
// coordinatorName names, or "".
func coordinatorPhone(fam *regie.Family) string {
	for _, a := range fam.Assignments {
		if a.Kind == regie.AssignCoordinator {
			return a.UserPhone
		}
	}
	return ""
}

// coordinatorName returns the family's fixed coordinator, or "".
func coordinatorName(fam *regie.Family) string {
	for _, a := range fam.Assignments {
		if a.Kind == regie.AssignCoordinator {
			return a.UserName
		}
	}
	return ""
}
