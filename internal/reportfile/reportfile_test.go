package reportfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/xlsx"
)

// page is a hand-made report page as the team leader would see it
// (exact); the tests suppress it as FindReport does for an export.
func page(t *testing.T) *regie.ReportPage {
	t.Helper()
	today, err := regie.ParseDate("2026-12-03")
	if err != nil {
		t.Fatal(err)
	}
	count := func(n int) regie.ReportCell {
		c := regie.ReportCell{Kind: regie.CellCount, Value: float64(n), N: n}
		for i := range n {
			c.Families = append(c.Families, int64(i+1))
		}
		return c
	}
	rows := func(rs ...*regie.ReportRow) []*regie.ReportRow { return rs }
	return &regie.ReportPage{
		Described: "1 januari 2026 t/m 30 november 2026, team Noord",
		Report: &regie.Report{Today: today, Audience: regie.AudienceTeam, Sections: []*regie.ReportSection{
			{Key: "instroom", Title: "Instroom en doorstroom", Tables: []*regie.ReportTable{{
				Key: "bronnen", Title: "Verwijzers", Note: "Aanmeldingen ontvangen in de periode, naar soort verwijzer.",
				RowHeader: "Verwijzer", Columns: []string{"Aanmeldingen", "Aandeel"},
				Rows: rows(
					&regie.ReportRow{Key: "school", Label: "School", Cells: []regie.ReportCell{count(1234), {Kind: regie.CellPercent, Value: 93.6, N: 1234}}},
					&regie.ReportRow{Key: "politie", Label: "=HYPERLINK(\"http://x\";\"politie\")", Cells: []regie.ReportCell{count(3), {Kind: regie.CellPercent, Value: 0.2, N: 3}}},
					&regie.ReportRow{Key: "huisarts", Label: "Huisarts", Cells: []regie.ReportCell{count(81), {Kind: regie.CellPercent, Value: 6.1, N: 81}}},
					&regie.ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []regie.ReportCell{count(1318), {Kind: regie.CellPercent, Value: 100, N: 1318}}},
				),
			}}},
			{Key: "kosten", Title: "Kosten en baten", Tables: []*regie.ReportTable{{
				Key: "kosten", Title: "Kosten van de aanpak", RowHeader: "Kosten", Columns: []string{"Per gezin", "Verandering"},
				Rows: rows(
					&regie.ReportRow{Key: "uren", Label: "Uren casemanager", Cells: []regie.ReportCell{
						{Kind: regie.CellMoney, Value: 12345.4, N: 20, Source: "uurtarief casemanager € 95: cao 2026"},
						{Kind: regie.CellNumber, Value: -0.54, N: 20, Interval: true, Low: -1.04, High: -0.04, Warning: "kleine aantallen: voorzichtig interpreteren"},
					}},
					&regie.ReportRow{Key: "uithuis", Label: "Uithuisplaatsing", Cells: []regie.ReportCell{
						{Kind: regie.CellMoney, Empty: true, Warning: "geen bron bij de kosten van een uithuisplaatsing"},
						{Kind: regie.CellNumber, Value: 1.5, N: 2, Interval: true, Low: 0.1, High: 2.9, Warning: "2 gezinnen met een score"},
					}},
					&regie.ReportRow{Key: "schuld", Label: "Schuldhulp", Cells: []regie.ReportCell{
						{Kind: regie.CellMoney, Value: 400, N: 6, Source: "uurtarief casemanager € 95: cao 2026"},
						{Kind: regie.CellText, Text: "nvt"},
					}},
				),
			}}},
		}},
	}
}

func suppressed(t *testing.T) *regie.ReportPage {
	p := page(t)
	p.Report.Suppress()
	return p
}

func TestRefusesUnsuppressed(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer, *regie.ReportPage) error{
		"CSV":  func(b *bytes.Buffer, p *regie.ReportPage) error { return CSV(b, p) },
		"XLSX": func(b *bytes.Buffer, p *regie.ReportPage) error { return XLSX(b, p) },
	} {
		var b bytes.Buffer
		if err := write(&b, page(t)); !errors.Is(err, ErrNotSuppressed) {
			t.Errorf("%s of the team's report: err = %v, want ErrNotSuppressed", name, err)
		}
		if b.Len() != 0 {
			t.Errorf("%s wrote %d bytes of the team's report", name, b.Len())
		}
		if err := write(&b, &regie.ReportPage{}); err == nil {
			t.Errorf("%s of no report: no error", name)
		}
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := CSV(&b, suppressed(t)); err != nil {
		t.Fatal(err)
	}
	want := bom + `Rapportage actief casemanagement
Periode en selectie: 1 januari 2026 t/m 30 november 2026, team Noord
Gemaakt op 3 december 2026, berekend uit wat in regie is geregistreerd.
"Groepen kleiner dan 5 gezinnen of aanmeldingen staan er als ""< 5"". Zodat zo'n groep niet uit een totaal is af te leiden, is soms ook een cijfer ernaast zo weergegeven, ook als het groter is."

Instroom en doorstroom
Verwijzers
Verwijzer;Aanmeldingen;Aandeel
School;1234;94
"'=HYPERLINK(""http://x"";""politie"")";< 5;< 5
Huisarts;< 5;< 5
Totaal;1318;100
Toelichting: Aanmeldingen ontvangen in de periode, naar soort verwijzer.


Kosten en baten
Kosten van de aanpak
Kosten;Per gezin;Verandering
Uren casemanager;12345;-0,5
Uithuisplaatsing;–;< 5
Schuldhulp;400;nvt
"Bron bij Uren casemanager, Per gezin; Schuldhulp, Per gezin: uurtarief casemanager € 95: cao 2026"
95%-betrouwbaarheidsinterval bij Uren casemanager, Verandering: -1,0 tot 0,0
Let op bij Uren casemanager, Verandering: kleine aantallen: voorzichtig interpreteren
Let op bij Uithuisplaatsing, Per gezin: geen bron bij de kosten van een uithuisplaatsing

`
	if diff := cmp.Diff(strings.Split(want, "\n"), strings.Split(b.String(), "\n")); diff != "" {
		t.Fatalf("CSV (-want +got):\n%s", diff)
	}
	// The hidden group's own warning ("2 gezinnen…") does not leave.
	if strings.Contains(b.String(), "2 gezinnen") {
		t.Fatal("the warning of a hidden figure left")
	}
}

func TestXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := XLSX(&b, suppressed(t)); err != nil {
		t.Fatal(err)
	}
	sheets, err := xlsx.Read(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(sheets), 2; got != want {
		t.Fatalf("%d sheets, want %d", got, want)
	}
	head := [][]xlsx.Cell{
		{xlsx.Bold("Rapportage actief casemanagement")},
		{xlsx.Text("Periode en selectie: 1 januari 2026 t/m 30 november 2026, team Noord")},
		{xlsx.Text("Gemaakt op 3 december 2026, berekend uit wat in regie is geregistreerd.")},
		{xlsx.Text(`Groepen kleiner dan 5 gezinnen of aanmeldingen staan er als "< 5". Zodat zo'n groep niet uit een totaal is af te leiden, is soms ook een cijfer ernaast zo weergegeven, ook als het groter is.`)},
		nil,
	}
	want := []xlsx.Sheet{
		{Name: "Instroom en doorstroom", Rows: append(append([][]xlsx.Cell{}, head...),
			[]xlsx.Cell{xlsx.Bold("Verwijzers")},
			[]xlsx.Cell{xlsx.Bold("Verwijzer"), xlsx.Bold("Aanmeldingen"), xlsx.Bold("Aandeel")},
			[]xlsx.Cell{xlsx.Text("School"), xlsx.Number(1234, "#,##0"), xlsx.Number(94, `0" %"`)},
			[]xlsx.Cell{xlsx.Text(`'=HYPERLINK("http://x";"politie")`), xlsx.Text("< 5"), xlsx.Text("< 5")},
			[]xlsx.Cell{xlsx.Text("Huisarts"), xlsx.Text("< 5"), xlsx.Text("< 5")},
			[]xlsx.Cell{xlsx.Bold("Totaal"), xlsx.Number(1318, "#,##0"), xlsx.Number(100, `0" %"`)},
			[]xlsx.Cell{xlsx.Text("Toelichting: Aanmeldingen ontvangen in de periode, naar soort verwijzer.")},
		)},
		{Name: "Kosten en baten", Rows: append(append([][]xlsx.Cell{}, head...),
			[]xlsx.Cell{xlsx.Bold("Kosten van de aanpak")},
			[]xlsx.Cell{xlsx.Bold("Kosten"), xlsx.Bold("Per gezin"), xlsx.Bold("Verandering")},
			[]xlsx.Cell{xlsx.Text("Uren casemanager"), xlsx.Number(12345, `"€ "#,##0`), xlsx.Number(-0.5, "#,##0.0")},
			[]xlsx.Cell{xlsx.Text("Uithuisplaatsing"), xlsx.Text("–"), xlsx.Text("< 5")},
			[]xlsx.Cell{xlsx.Text("Schuldhulp"), xlsx.Number(400, `"€ "#,##0`), xlsx.Text("nvt")},
			[]xlsx.Cell{xlsx.Text("Bron bij Uren casemanager, Per gezin; Schuldhulp, Per gezin: uurtarief casemanager € 95: cao 2026")},
			[]xlsx.Cell{xlsx.Text("95%-betrouwbaarheidsinterval bij Uren casemanager, Verandering: -1,0 tot 0,0")},
			[]xlsx.Cell{xlsx.Text("Let op bij Uren casemanager, Verandering: kleine aantallen: voorzichtig interpreteren")},
			[]xlsx.Cell{xlsx.Text("Let op bij Uithuisplaatsing, Per gezin: geen bron bij de kosten van een uithuisplaatsing")},
		)},
	}
	for i := range sheets {
		sheets[i].ColumnWidths = nil
		// the empty line after each table is not written
		rows := sheets[i].Rows
		if n := len(rows); n > 0 && rows[n-1] == nil {
			t.Errorf("sheet %d ends in a row the reader should not see", i)
		}
	}
	if diff := cmp.Diff(want, sheets); diff != "" {
		t.Fatalf("XLSX (-want +got):\n%s", diff)
	}
}

// TestDefenceInDepth: a report marked suppressed whose small cell was not
// hidden still leaves without the figure.
func TestDefenceInDepth(t *testing.T) {
	p := page(t)
	p.Report.Audience = regie.AudienceOutside // marked, but never suppressed
	var c, x bytes.Buffer
	if err := CSV(&c, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.String(), "Huisarts;81;6\n") || !strings.Contains(c.String(), `"'=HYPERLINK(""http://x"";""politie"")";< 5;< 5`) {
		t.Fatalf("the group of 3 left the CSV:\n%s", c.String())
	}
	if err := XLSX(&x, p); err != nil {
		t.Fatal(err)
	}
	sheets, err := xlsx.Read(bytes.NewReader(x.Bytes()), int64(x.Len()))
	if err != nil {
		t.Fatal(err)
	}
	got := sheets[0].Rows[8]
	if want := []xlsx.Cell{xlsx.Text(`'=HYPERLINK("http://x";"politie")`), xlsx.Text("< 5"), xlsx.Text("< 5")}; !cmp.Equal(want, got) {
		t.Fatalf("row = %+v, want %+v", got, want)
	}
}

func TestXLSXWithoutSections(t *testing.T) {
	p := suppressed(t)
	p.Report.Sections = nil
	var b bytes.Buffer
	if err := XLSX(&b, p); err != nil {
		t.Fatal(err)
	}
	sheets, err := xlsx.Read(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 1 || sheets[0].Name != "Rapportage" || len(sheets[0].Rows) != 4 {
		t.Fatalf("sheets = %+v", sheets)
	}
}
