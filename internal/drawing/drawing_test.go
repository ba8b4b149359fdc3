package drawing

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares an SVG with testdata/name.svg (rewritten with -update),
// after checking it is well-formed XML with a title and a description.
func golden(t *testing.T, name string, d *Drawing) {
	t.Helper()
	got := d.SVG()
	wellFormed(t, got)
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; look at the drawing and run with -update if the change is meant:\n%s", path, got)
	}
}

// wellFormed checks the SVG parses and names itself for a screen reader.
func wellFormed(t *testing.T, svg []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var title, desc bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			title = title || se.Name.Local == "title"
			desc = desc || se.Name.Local == "desc"
		}
	}
	if !title || !desc {
		t.Errorf("SVG without title (%v) or desc (%v)", title, desc)
	}
}

func TestSVG_EscapesTextAndRoundsCoordinates(t *testing.T) {
	d := &Drawing{ID: "x", Width: 100, Height: 50, Title: `Jan & "Piet"`, Desc: "<b>",
		Items: []Item{
			Line{X1: 0.04, Y1: 1.26, X2: 10, Y2: 10, Style: Style{Dash: []float64{4, 2}}},
			Text{X: 5, Y: 5, Text: "Ş<ahin>", Anchor: Middle, Bold: true},
			Ellipse{CX: 5, CY: 5, RX: 3, RY: 2, Rotate: 45, Style: Style{Fill: Light}},
		}}
	svg := string(d.SVG())
	wellFormed(t, []byte(svg))
	for _, want := range []string{
		`<title id="x-title">Jan &amp; &#34;Piet&#34;</title>`,
		`<desc id="x-desc">&lt;b&gt;</desc>`,
		`<line x1="0" y1="1.3" x2="10" y2="10" fill="none" stroke="#1a1a1a" stroke-dasharray="4 2"/>`,
		`font-weight="bold" text-anchor="middle" fill="#1a1a1a">Ş&lt;ahin&gt;</text>`,
		`transform="rotate(45 5 5)" fill="#d9d9d9"`,
	} {
		if !bytes.Contains([]byte(svg), []byte(want)) {
			t.Errorf("SVG lacks %s:\n%s", want, svg)
		}
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{{"Anna", 4, "Anna"}, {"Annemarie", 5, "Anne…"}, {"Şahinoğlu", 4, "Şah…"}} {
		if got := Clip(c.in, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

// TestGolden_Primitives pins every shape's SVG once; the instruments'
// golden files pin their layouts.
func TestGolden_Primitives(t *testing.T) {
	golden(t, "primitives", &Drawing{ID: "p", Width: 200, Height: 100, Title: "Vormen", Desc: "Elke vorm één keer.",
		Items: []Item{
			Rect{X: 10, Y: 10, W: 20, H: 20, Style: Style{Fill: Light, Width: 2}},
			Circle{CX: 60, CY: 20, R: 10},
			Ellipse{CX: 100, CY: 20, RX: 15, RY: 8, Rotate: 30, Style: Style{Stroke: Green}},
			Polygon{Points: []Point{{X: 140, Y: 10}, {X: 160, Y: 30}, {X: 120, Y: 30}}, Style: Style{Fill: Red}},
			Line{X1: 10, Y1: 50, X2: 190, Y2: 50, Style: Style{Dash: []float64{6, 3}, Stroke: Blue}},
			Text{X: 100, Y: 80, Text: "midden", Anchor: Middle, Size: 14, Bold: true},
			Text{X: 190, Y: 95, Text: "eind", Anchor: End, Fill: Grey},
		}})
}
