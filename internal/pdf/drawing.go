package pdf

import (
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"regie"
	"regie/internal/drawing"
)

// Drawing is one instrument (a genogram, a sociogram, …) on A4 for the
// family's file: the title, the drawing, and below it the same content as
// text (lines), as the page shows it.
func Drawing(title string, fam *regie.Family, dr *drawing.Drawing, lines []string, now time.Time) ([]byte, error) {
	d := newFamilyDoc(title, fam, now)
	d.title(title, dr.Desc, [][2]string{{"Gezin", fam.HouseholdName}, {"Dossier", fam.DossierNumber()}})
	d.drawing(dr)
	for _, l := range lines {
		d.para(l)
	}
	return d.bytes()
}

// drawing puts a Drawing on the page at the current position, scaled to
// the text width (at most 0.3 mm a unit, see drawingScale), starting a new page
// when it does not fit below.
func (d *doc) drawing(dr *drawing.Drawing) {
	if dr == nil || dr.Width <= 0 || dr.Height <= 0 {
		return
	}
	scale := d.drawingScale(dr)
	h := dr.Height * scale
	d.needs(h + 4)
	x0, y0 := d.GetX(), d.GetY()
	for _, it := range dr.Items {
		d.drawItem(it, x0, y0, scale)
	}
	d.SetDashPattern(nil, 0)
	d.SetDrawColor(0, 0, 0)
	d.SetFillColor(255, 255, 255)
	d.SetTextColor(0, 0, 0)
	d.SetLineWidth(0.2)
	d.SetXY(x0, y0+h+4)
}

// drawingScale is the size of a drawing's unit on the page (mm): the
// text width, never more than 0.3 mm.
func (d *doc) drawingScale(dr *drawing.Drawing) float64 { return min(d.width/dr.Width, 0.3) }

func (d *doc) drawItem(it drawing.Item, x0, y0, s float64) {
	X := func(v float64) float64 { return x0 + v*s }
	Y := func(v float64) float64 { return y0 + v*s }
	switch v := it.(type) {
	case drawing.Line:
		d.style(v.Style, s)
		d.Line(X(v.X1), Y(v.Y1), X(v.X2), Y(v.Y2))
	case drawing.Rect:
		d.Rect(X(v.X), Y(v.Y), v.W*s, v.H*s, d.style(v.Style, s))
	case drawing.Circle:
		d.Circle(X(v.CX), Y(v.CY), v.R*s, d.style(v.Style, s))
	case drawing.Ellipse:
		// fpdf turns counter-clockwise; SVG's rotate is clockwise.
		d.Ellipse(X(v.CX), Y(v.CY), v.RX*s, v.RY*s, -v.Rotate, d.style(v.Style, s))
	case drawing.Polygon:
		pts := make([]fpdf.PointType, len(v.Points))
		for i, p := range v.Points {
			pts[i] = fpdf.PointType{X: X(p.X), Y: Y(p.Y)}
		}
		d.Polygon(pts, d.style(v.Style, s))
	case drawing.Text:
		bold := ""
		if v.Bold {
			bold = "B"
		}
		size := v.FontSize() * s * 2.835 // units → mm → points
		d.SetFont(family, bold, size)
		r, g, b := rgb(v.Fill, 0x1a1a1a)
		d.SetTextColor(r, g, b)
		x := X(v.X)
		switch v.Anchor {
		case drawing.Middle:
			x -= d.GetStringWidth(v.Text) / 2
		case drawing.End:
			x -= d.GetStringWidth(v.Text)
		}
		d.Text(x, Y(v.Y), v.Text)
	}
}

// style sets the pen and fill for a shape and returns fpdf's style string.
func (d *doc) style(st drawing.Style, s float64) string {
	r, g, b := rgb(st.Stroke, 0x1a1a1a)
	d.SetDrawColor(r, g, b)
	d.SetLineWidth(st.StrokeWidth() * s)
	if len(st.Dash) > 0 {
		dash := make([]float64, len(st.Dash))
		for i, v := range st.Dash {
			dash[i] = v * s
		}
		d.SetDashPattern(dash, 0)
	} else {
		d.SetDashPattern(nil, 0)
	}
	if st.Fill == "" || st.Fill == "none" {
		return "D"
	}
	r, g, b = rgb(st.Fill, 0xffffff)
	d.SetFillColor(r, g, b)
	return "FD"
}

// rgb reads "#rrggbb" (def when it is not one).
func rgb(hex string, def uint64) (int, int, int) {
	v, err := strconv.ParseUint(hex[min(1, len(hex)):], 16, 32)
	if len(hex) != 7 || hex[0] != '#' || err != nil {
		v = def
	}
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}
