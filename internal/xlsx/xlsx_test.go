package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// MustWrite writes the sheets and returns the file.
func MustWrite(tb testing.TB, sheets []Sheet) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := Write(&b, sheets); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// MustRead reads a file back.
func MustRead(tb testing.TB, data []byte) []Sheet {
	tb.Helper()
	sheets, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	return sheets
}

// parts returns the zip's parts by name, as archive/zip reads them.
func parts(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	m := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		// every part is well-formed XML
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				tb.Fatalf("%s is not well-formed: %v\n%s", f.Name, err, b)
			}
		}
		m[f.Name] = string(b)
	}
	return m
}

func TestRoundTrip(t *testing.T) {
	in := []Sheet{
		{
			Name:         "Instroom",
			ColumnWidths: []float64{30, 12},
			Rows: [][]Cell{
				{Bold("Bron"), Bold("Aantal"), Bold("Aandeel")},
				{Text("School"), Number(1234, "#,##0"), Number(45.5, `0.0" %"`)},
				{Text("Politie & <justitie>"), Number(-2.25, ""), Text("< 5")},
				{},
				{Text("regel 1\nregel 2"), Text("  spaties  "), Text("'al veilig")},
				{Text(""), Text(""), Number(0.1, "#,##0.0")},
			},
		},
		{Name: "Effect", Rows: [][]Cell{{Text("Zelfredzaamheid"), Number(3, "#,##0")}}},
	}
	got := MustRead(t, MustWrite(t, in))
	want := []Sheet{in[0], in[1]}
	// Empty text cells are not written; the reader fills the gap before a
	// written cell.
	want[0].Rows = append([][]Cell{}, in[0].Rows...)
	want[0].Rows[3] = nil
	want[0].Rows[5] = []Cell{{}, {}, Number(0.1, "#,##0.0")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
}

func TestFormulaInjection(t *testing.T) {
	evil := []string{`=HYPERLINK("http://x";"klik")`, "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1", "\r=1"}
	var row []Cell
	for _, s := range evil {
		row = append(row, Text(s))
	}
	data := MustWrite(t, []Sheet{{Name: "Blad", Rows: [][]Cell{row}}})
	sheet := parts(t, data)["xl/worksheets/sheet1.xml"]
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Fatalf("the sheet holds a formula:\n%s", sheet)
	}
	if got, want := strings.Count(sheet, `t="inlineStr"`), len(evil); got != want {
		t.Fatalf("%d inline strings, want %d:\n%s", got, want, sheet)
	}
	got := MustRead(t, data)[0].Rows[0]
	for i, s := range evil {
		if got[i].IsNumber || got[i].Text != "'"+s {
			t.Errorf("cell %d = %+v, want the text %q", i, got[i], "'"+s)
		}
	}
}

func TestInvalidXMLCharacters(t *testing.T) {
	in := "a\x00b\x01c\x0bd\ufffee\xffé\U0001F600\u2028\tx"
	data := MustWrite(t, []Sheet{{Name: "Na\x00am", Rows: [][]Cell{{Text(in)}}}})
	parts(t, data) // well-formed
	sheets := MustRead(t, data)
	if got, want := sheets[0].Rows[0][0].Text, "abcdeé\U0001F600\u2028\tx"; got != want {
		t.Fatalf("text = %q, want %q", got, want)
	}
	if got, want := sheets[0].Name, "Naam"; got != want {
		t.Fatalf("name = %q, want %q", got, want)
	}
}

func TestSheetNames(t *testing.T) {
	long := strings.Repeat("x", 40)
	for _, tc := range []struct {
		in, want []string
	}{
		{[]string{"Kosten en baten", "Inzet/uren [2026]"}, []string{"Kosten en baten", "Inzet uren 2026"}},
		{[]string{"a:b*c?d\\e"}, []string{"a b c d e"}},
		{[]string{"", "  ", "History"}, []string{"Blad 1", "Blad 2", "Blad 3"}},
		{[]string{"'quoted'"}, []string{"quoted"}},
		{[]string{long}, []string{long[:31]}},
		{[]string{"Effect", "effect", "EFFECT"}, []string{"Effect", "effect (2)", "EFFECT (3)"}},
		{[]string{long, long}, []string{long[:31], long[:27] + " (2)"}},
		{[]string{"Blad 2", ""}, []string{"Blad 2", "Blad 2 (2)"}},
	} {
		var sheets []Sheet
		for _, n := range tc.in {
			sheets = append(sheets, Sheet{Name: n})
		}
		got := SheetNames(sheets)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("SheetNames(%q) (-want +got):\n%s", tc.in, diff)
		}
		// the workbook holds the same names
		read := MustRead(t, MustWrite(t, sheets))
		for i, s := range read {
			if s.Name != got[i] {
				t.Errorf("sheet %d read as %q, want %q", i, s.Name, got[i])
			}
		}
	}
}

func TestPackage(t *testing.T) {
	data := MustWrite(t, []Sheet{
		{Name: "Een", Rows: [][]Cell{{Bold("kop"), Number(1.5, "#,##0.0")}}},
		{Name: "Twee", Rows: [][]Cell{{Number(2, "#,##0.0"), Number(3, `"€ "#,##0`)}}},
	})
	p := parts(t, data)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		if _, ok := p[name]; !ok {
			t.Errorf("no part %s", name)
		}
	}
	var types struct {
		Defaults []struct {
			Ext  string `xml:"Extension,attr"`
			Type string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			Part string `xml:"PartName,attr"`
			Type string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal([]byte(p["[Content_Types].xml"]), &types); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range types.Defaults {
		got[d.Ext] = d.Type
	}
	for _, o := range types.Overrides {
		got[o.Part] = o.Type
	}
	want := map[string]string{
		"rels":                      "application/vnd.openxmlformats-package.relationships+xml",
		"xml":                       "application/xml",
		"/xl/workbook.xml":          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
		"/xl/styles.xml":            "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
		"/xl/worksheets/sheet1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
		"/xl/worksheets/sheet2.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("content types (-want +got):\n%s", diff)
	}
	// The same number format is declared once, shared by both sheets.
	if got := strings.Count(p["xl/styles.xml"], `formatCode="#,##0.0"`); got != 1 {
		t.Fatalf("#,##0.0 declared %d times:\n%s", got, p["xl/styles.xml"])
	}
	if !strings.Contains(p["xl/styles.xml"], `formatCode="&quot;€ &quot;#,##0"`) {
		t.Fatalf("the money format is missing:\n%s", p["xl/styles.xml"])
	}
}

func TestWriteRefuses(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, nil); err == nil {
		t.Error("a workbook without sheets was written")
	}
	nan := 0.0
	nan /= nan
	if err := Write(&b, []Sheet{{Rows: [][]Cell{{Number(nan, "")}}}}); err == nil {
		t.Error("NaN was written")
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
		if col, _, err := parseRef(want + "7"); err != nil || col != i {
			t.Errorf("parseRef(%s7) = %d, %v; want %d", want, col, err, i)
		}
	}
}

// TestReadSharedStrings reads a sheet as spreadsheet programs write it:
// shared strings (one rich text), a formula with its cached value, cells
// with gaps.
func TestReadSharedStrings(t *testing.T) {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, content := range map[string]string{
		"_rels/.rels":                `<Relationships xmlns="` + nsPackageRels + `"><Relationship Id="rId1" Type="` + relOffice + `" Target="/xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRelationships + `"><sheets><sheet name="Blad1" sheetId="1" r:id="rId3"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="` + nsPackageRels + `"><Relationship Id="rId3" Type="` + relWorksheet + `" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="` + relShared + `" Target="sharedStrings.xml"/></Relationships>`,
		"xl/sharedStrings.xml":       `<sst xmlns="` + nsMain + `"><si><t>hallo</t></si><si><r><t>rijke </t></r><r><rPr><b/></rPr><t>tekst</t></r></si></sst>`,
		"xl/worksheets/sheet1.xml":   `<worksheet xmlns="` + nsMain + `"><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c r="D2" t="s"><v>0</v></c></row><row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row></sheetData></worksheet>`,
	} {
		f, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(f, content); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	got := MustRead(t, b.Bytes())
	want := []Sheet{{Name: "Blad1", Rows: [][]Cell{
		nil,
		{{}, Text("rijke tekst"), {}, Text("hallo")},
		{Number(2, ""), Text("ab")},
	}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("read (-want +got):\n%s", diff)
	}
}

// TestLibreOffice converts a workbook to CSV with LibreOffice, when it is
// installed: the file opens in a real spreadsheet program, and the
// apostrophe keeps a formula a text in the CSV it saves.
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "rapport.xlsx")
	data := MustWrite(t, []Sheet{{Name: "Blad", Rows: [][]Cell{{Bold("Bron"), Bold("Aantal")}, {Text("=1+1"), Number(7, "#,##0")}}}})
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "csv", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "rapport.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(csv)), "Bron,Aantal\n'=1+1,7"; got != want {
		t.Fatalf("CSV = %q, want %q", got, want)
	}
}
