// Package drawing lays out the methodical instruments — the genogram, the
// sociogram, the wrap-around flower and the balance model — as plain
// geometry, and writes that geometry as SVG. The same Drawing goes onto a
// PDF page (internal/pdf), so the screen, the printed page and the plan's
// PDF show one picture. No JavaScript, no external service: regie's own
// layout.
//
// A Drawing is accessible on its own: a title and a description go into
// the SVG (role="img", aria-labelledby); the page beside it lists the same
// people and relations as text.
package drawing

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
)

// Drawing is a picture in user units (1 unit ≈ 1 px on screen; the PDF
// scales it to the page's width).
type Drawing struct {
	// ID prefixes the ids of the title and description, so two drawings
	// can be on one page.
	ID            string
	Width, Height float64
	Title, Desc   string
	Items         []Item
}

// Item is one shape: Line, Rect, Circle, Ellipse, Polygon or Text.
type Item interface{ writeSVG(b *bytes.Buffer) }

// Style is how a shape is stroked and filled. Colours are "#rrggbb" or
// "none"; an empty Fill is "none", an empty Stroke is black.
type Style struct {
	Stroke string
	Fill   string
	Width  float64 // the stroke's width; 0 is 1
	Dash   []float64
}

// Line is a straight line.
type Line struct {
	X1, Y1, X2, Y2 float64
	Style
}

// Rect is a rectangle with its top-left corner at X, Y.
type Rect struct {
	X, Y, W, H float64
	Style
}

// Circle is a circle around CX, CY.
type Circle struct {
	CX, CY, R float64
	Style
}

// Ellipse is an ellipse around CX, CY, turned Rotate degrees clockwise.
type Ellipse struct {
	CX, CY, RX, RY, Rotate float64
	Style
}

// Polygon is a closed shape through Points.
type Polygon struct {
	Points []Point
	Style
}

// Point is a point of a Polygon.
type Point struct{ X, Y float64 }

// Anchor is where a Text is anchored horizontally.
type Anchor string

// The anchors of a text.
const (
	Start  Anchor = "start"
	Middle Anchor = "middle"
	End    Anchor = "end"
)

// Text is one line of text with its baseline at Y.
type Text struct {
	X, Y   float64
	Text   string
	Size   float64 // font size; 0 is 12
	Bold   bool
	Anchor Anchor // "" is Start
	Fill   string // "" is black
}

// The colours the instruments use: readable in black and white (every
// meaning is also in the line's dash or a text), and with enough contrast.
const (
	Black = "#1a1a1a"
	Grey  = "#595959"
	Light = "#d9d9d9"
	White = "#ffffff"
	Red   = "#b3261e"
	Green = "#1e6b3a"
	Blue  = "#1d4f91"
)

// SVG writes the drawing as a standalone SVG element.
func (d *Drawing) SVG() []byte {
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	b.WriteString(num(d.Width) + " " + num(d.Height))
	b.WriteString(`" role="img" aria-labelledby="` + d.ID + `-title ` + d.ID + `-desc" focusable="false">`)
	b.WriteString("\n<title id=\"" + d.ID + "-title\">")
	escape(&b, d.Title)
	b.WriteString("</title>\n<desc id=\"" + d.ID + "-desc\">")
	escape(&b, d.Desc)
	b.WriteString("</desc>\n")
	for _, it := range d.Items {
		it.writeSVG(&b)
		b.WriteByte('\n')
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

func (l Line) writeSVG(b *bytes.Buffer) {
	b.WriteString(`<line x1="` + num(l.X1) + `" y1="` + num(l.Y1) + `" x2="` + num(l.X2) + `" y2="` + num(l.Y2) + `"`)
	l.Style.writeSVG(b)
	b.WriteString("/>")
}

func (r Rect) writeSVG(b *bytes.Buffer) {
	b.WriteString(`<rect x="` + num(r.X) + `" y="` + num(r.Y) + `" width="` + num(r.W) + `" height="` + num(r.H) + `"`)
	r.Style.writeSVG(b)
	b.WriteString("/>")
}

func (c Circle) writeSVG(b *bytes.Buffer) {
	b.WriteString(`<circle cx="` + num(c.CX) + `" cy="` + num(c.CY) + `" r="` + num(c.R) + `"`)
	c.Style.writeSVG(b)
	b.WriteString("/>")
}

func (e Ellipse) writeSVG(b *bytes.Buffer) {
	b.WriteString(`<ellipse cx="` + num(e.CX) + `" cy="` + num(e.CY) + `" rx="` + num(e.RX) + `" ry="` + num(e.RY) + `"`)
	if e.Rotate != 0 {
		b.WriteString(` transform="rotate(` + num(e.Rotate) + " " + num(e.CX) + " " + num(e.CY) + `)"`)
	}
	e.Style.writeSVG(b)
	b.WriteString("/>")
}

func (p Polygon) writeSVG(b *bytes.Buffer) {
	b.WriteString(`<polygon points="`)
	for i, pt := range p.Points {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(pt.X) + "," + num(pt.Y))
	}
	b.WriteString(`"`)
	p.Style.writeSVG(b)
	b.WriteString("/>")
}

func (t Text) writeSVG(b *bytes.Buffer) {
	b.WriteString(`<text x="` + num(t.X) + `" y="` + num(t.Y) + `" font-size="` + num(t.FontSize()) + `"`)
	if t.Bold {
		b.WriteString(` font-weight="bold"`)
	}
	if t.Anchor != "" && t.Anchor != Start {
		b.WriteString(` text-anchor="` + string(t.Anchor) + `"`)
	}
	b.WriteString(` fill="` + or(t.Fill, Black) + `">`)
	escape(b, t.Text)
	b.WriteString("</text>")
}

// FontSize is the text's size (12 when not set).
func (t Text) FontSize() float64 {
	if t.Size == 0 {
		return 12
	}
	return t.Size
}

func (s Style) writeSVG(b *bytes.Buffer) {
	b.WriteString(` fill="` + or(s.Fill, "none") + `" stroke="` + or(s.Stroke, Black) + `"`)
	if s.Width != 0 && s.Width != 1 {
		b.WriteString(` stroke-width="` + num(s.Width) + `"`)
	}
	if len(s.Dash) > 0 {
		b.WriteString(` stroke-dasharray="`)
		for i, d := range s.Dash {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(num(d))
		}
		b.WriteString(`"`)
	}
}

// StrokeWidth is the stroke's width (1 when not set).
func (s Style) StrokeWidth() float64 {
	if s.Width == 0 {
		return 1
	}
	return s.Width
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// num writes a coordinate rounded to a tenth, so a drawing's SVG is the
// same on every machine (golden files).
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
}

// TextWidth estimates the width of s at size: the drawings have no font
// metrics, and an average glyph of DejaVu Sans is about 0.6 of its size.
func TextWidth(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * 0.6
}

// Clip shortens s to at most n characters, ending in "…" when cut.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
