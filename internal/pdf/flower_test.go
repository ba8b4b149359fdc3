package pdf

import (
	"bytes"
	"os"
	"testing"
	"time"

	"regie"
	"regie/internal/drawing"
)

// TestFlowers: every flower is printed with its drawing, a page each when
// they do not fit together.
func TestFlowers(t *testing.T) {
	fam := &regie.Family{ID: 7, HouseholdName: "Gezin Jansen"}
	fl := &regie.Flowers{}
	for i, label := range []string{"Start", "Overdracht naar coördinatie", "Vandaag"} {
		f := &regie.Flower{Label: label, On: regie.NewDate(2026, time.Month(1+4*i), 1), Coordinator: "Sanne Verbeek"}
		for j := 0; j < 5-i; j++ {
			f.Petals = append(f.Petals, &regie.Petal{Kind: regie.PetalAgency, Name: "Instantie " + string(rune('A'+j))})
		}
		f.Petals = append(f.Petals, &regie.Petal{Kind: regie.PetalInformal, Name: "Oma Thea", Detail: "Grootouder"})
		fl.List = append(fl.List, f)
	}
	drs := make([]*drawing.Drawing, len(fl.List))
	for i, f := range fl.List {
		drs[i] = drawing.Flower("f", fam.HouseholdName, f)
	}
	b, err := Flowers(fam, fl, drs, time.Date(2026, 9, 1, 10, 0, 0, 0, regie.Amsterdam))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF")
	}
	// fpdf writes the page objects uncompressed: one per flower here, as
	// none fits below the one before.
	if pages := bytes.Count(b, []byte("/Type /Page")) - bytes.Count(b, []byte("/Type /Pages")); pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}
	if dir := os.Getenv("REGIE_PDF_OUT"); dir != "" {
		_ = os.WriteFile(dir+"/bloem.pdf", b, 0o644)
	}
}
