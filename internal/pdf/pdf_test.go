package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/drawing"
	"regie/internal/pdf"
)

// pdfText extracts a PDF's text with pdftotext (Debian poppler-utils). It
// skips without it, and fails under CI=true, where .ci/run installs it.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing (apt-get install poppler-utils); CI=true: failing instead of skipping")
		}
		t.Skip("pdftotext is missing (apt-get install poppler-utils): the PDF's text is not checked")
	}
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var now = time.Date(2026, 3, 9, 10, 0, 0, 0, regie.Amsterdam)

func family() *regie.Family {
	return &regie.Family{ID: 42, HouseholdName: "Gezin Yıldız-Şahin",
		Members: []*regie.Member{
			{ID: 1, GivenName: "Ayşe", FamilyName: "Yıldız", Relation: "ouder", BirthDate: regie.NewDate(1988, 5, 1)},
			{ID: 2, GivenName: "Łukasz", FamilyName: "Şahin", Relation: "kind", BirthDate: regie.NewDate(2012, 1, 2)},
			{ID: 3, GivenName: "Noor", FamilyName: "Şahin", Relation: "kind", BirthDate: regie.NewDate(2020, 7, 3)},
		},
		Assignments: []*regie.Assignment{{Kind: regie.AssignCoordinator, UserName: "Anouk de Vries", UserPhone: "06 1234 5678"}},
	}
}

func TestPlan_AllSectionsAndNamesAsWritten(t *testing.T) {
	long := strings.Repeat("Moeder vertelt over de schulden en de post die bleef liggen. ", 40)
	v := &regie.PlanVersion{Number: 2, Status: regie.PlanAgreed, Origin: "tussenevaluatie", AgreedOn: regie.NewDate(2026, 3, 6),
		AgreedWith: "Ayşe Yıldız", History: long, Strengths: "Oma helpt.", ClosingQuestion: "Een vaste contactpersoon.",
		Domains: []*regie.DomainAssessment{{Domain: "financien", Score: 2, Situation: "Huurachterstand.",
			MemberScores: map[int64]regie.Score{2: 3}}},
		Goals: []*regie.Goal{{Term: "kort", Domain: "financien", Text: "We willen weten hoeveel schuld we hebben."},
			{Term: "lang", Domain: "kinderen", Member: "Łukasz", Text: "Ik wil elke dag naar school."}},
		Agreements: []*regie.Agreement{{Owner: "Ayşe Yıldız", What: "Post in de map bewaren.", Due: regie.NewDate(2026, 3, 20)}},
	}
	b, err := pdf.Plan(v, family(), now)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", b)
	}
	text := pdfText(t, b)
	// A table cell's text wraps over lines: compare with the whitespace
	// folded.
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Hulpverleningsplan", "Gezin Yıldız-Şahin", "G-000042", "Vastgesteld op 6 maart 2026 met Ayşe Yıldız",
		"Hoe de situatie is ontstaan", "Oma helpt.", "Financiële situatie", "Niet zelfredzaam", "Łukasz: 3",
		"We willen weten hoeveel schuld we hebben.", "Ik wil elke dag naar school.", "Post in de map bewaren.", "20 maart 2026",
		"Een vaste contactpersoon.", "Anouk de Vries (casemanager)", "pagina 1 van",
		"Telefoon casemanager 06 1234 5678",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan PDF lacks %q", want)
		}
	}
	if !strings.Contains(flat, "pagina 2 van") {
		t.Error("the long history did not run on to a second page")
	}
	if strings.Contains(flat, "Noor Şahin — datum") {
		t.Error("a child under 12 has a signature line")
	}
}

func TestPlan_DraftSaysSo(t *testing.T) {
	b, err := pdf.Plan(&regie.PlanVersion{Number: 1, Status: regie.PlanDraft, Origin: "eerste"}, family(), now)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, b); !strings.Contains(text, "Concept — nog niet vastgesteld") {
		t.Errorf("draft PDF: %s", text)
	}
}

func TestConsentForm_PrefilledToTick(t *testing.T) {
	b, err := pdf.ConsentForm(family(), []string{"Kredietbank Utrecht"}, now)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(pdfText(t, b)), " ")
	for _, want := range []string{"Toestemmingsverklaring", "Gezin Yıldız-Şahin", "Kredietbank Utrecht", "Organisatie 3",
		"Financiële situatie", "Communicatieve en sociale zelfredzaamheid", "Veiligheid van de kinderen", "intrekken", "Ayşe Yıldız (37 jaar)", "Łukasz Şahin (14 jaar)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the consent form lacks %q", want)
		}
	}
	if strings.Contains(flat, "Noor Şahin (5 jaar)") {
		t.Error("a child under 12 signs")
	}
}

// TestPlan_YouthTrackOnlyUnderTheYouthsConsent: a youth's track shows its
// content only when shared; otherwise the plan says it is confidential
// and prints none of it.
func TestPlan_YouthTrackOnlyUnderTheYouthsConsent(t *testing.T) {
	shared := &regie.YouthAgreement{Owner: "Moeder en Łukasz", What: "Samen eten op zondag", Due: regie.NewDate(2026, 3, 15),
		Status: regie.AgreementOpen, ConcernsFamily: true}
	own := &regie.YouthAgreement{Owner: "Łukasz", What: "Praten over het blowen", Due: regie.NewDate(2026, 3, 10), Status: regie.AgreementOpen}
	track := func(confidential bool) *regie.YouthTrack {
		t := &regie.YouthTrack{ID: 7, WorkerName: "Dewi de Vries", StartedOn: regie.NewDate(2026, 2, 1),
			ClosedOn: regie.NewDate(2026, 8, 1), FamilyAgreements: []*regie.YouthAgreement{shared}}
		if confidential {
			t.Confidential = true
			t.Goals = []*regie.YouthGoal{{Domain: "dagbesteding", Words: "Ik wil weer naar school, elke dag.", Steps: "Samen naar de mentor."}}
			t.Agreements = []*regie.YouthAgreement{own, shared}
			t.Evaluation = &regie.YouthEvaluation{On: regie.NewDate(2026, 8, 1), HowNow: "Het gaat beter met me.",
				Goals: []*regie.YouthGoalResult{{Domain: "dagbesteding", Words: "Ik wil weer naar school, elke dag.", Degree: "deels", Note: "Bijna elke dag."}}}
		}
		return t
	}
	v := &regie.PlanVersion{Number: 1, Status: regie.PlanDraft, Origin: "eerste", Youth: []*regie.YouthInPlan{
		{MemberID: 2, Name: "Łukasz Şahin", Shared: true, Track: track(true),
			Notes: []*regie.YouthNote{{Date: regie.NewDate(2026, 3, 1), Note: "Wil stage lopen bij de garage."}}},
		{MemberID: 4, Name: "Mila Şahin", Track: &regie.YouthTrack{ID: 8, WorkerName: "Dewi de Vries", StartedOn: regie.NewDate(2026, 2, 1),
			FamilyAgreements: []*regie.YouthAgreement{{Owner: "Vader en Mila", What: "Samen fietsen naar school", Due: regie.NewDate(2026, 3, 20)}}}},
	}}
	b, err := pdf.Plan(v, family(), now)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(pdfText(t, b)), " ")
	for _, want := range []string{"6. Jeugdtrajecten", "Jeugdtraject van Łukasz Şahin", "Wil stage lopen bij de garage.",
		"Jeugdhulpverlener: Dewi de Vries", "Het traject liep van 1 februari 2026 tot 1 augustus 2026.",
		"Samen eten op zondag", "“Ik wil weer naar school, elke dag.”", "Stappen: Samen naar de mentor.", "Praten over het blowen",
		"Eindevaluatie van 1 augustus 2026", "deels behaald — Bijna elke dag.", "Het gaat beter met me.",
		"Jeugdtraject van Mila Şahin: vertrouwelijk", "Het traject loopt sinds 1 februari 2026.", "Samen fietsen naar school",
		"Wat de jongere in vertrouwen vertelde: vertrouwelijk"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the plan PDF lacks %q", want)
		}
	}
	if n := strings.Count(flat, "Samen eten op zondag"); n != 1 {
		t.Errorf("the family's agreement printed %d times", n)
	}
	if strings.Contains(flat, "Jeugdtraject van Łukasz Şahin: vertrouwelijk") {
		t.Error("a shared track is called confidential")
	}
	// Without the consent, nothing of the confidential part, even if a
	// caller filled it.
	v.Youth = []*regie.YouthInPlan{{MemberID: 2, Name: "Łukasz Şahin", Track: track(true),
		Notes: []*regie.YouthNote{{Date: regie.NewDate(2026, 3, 1), Note: "Wil stage lopen bij de garage."}}}}
	b, err = pdf.Plan(v, family(), now)
	if err != nil {
		t.Fatal(err)
	}
	flat = strings.Join(strings.Fields(pdfText(t, b)), " ")
	for _, secret := range []string{"Ik wil weer naar school", "Praten over het blowen", "Het gaat beter met me.", "Wil stage lopen"} {
		if strings.Contains(flat, secret) {
			t.Errorf("without the youth's consent the plan PDF holds %q", secret)
		}
	}
	if !strings.Contains(flat, "Samen eten op zondag") || !strings.Contains(flat, "vertrouwelijk") {
		t.Errorf("without the youth's consent the shared part is missing: %s", flat)
	}
	b, err = pdf.Plan(&regie.PlanVersion{Number: 1, Status: regie.PlanDraft, Origin: "eerste"}, family(), now)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(pdfText(t, b), "Jeugdtrajecten") {
		t.Error("a family without youth tracks has the section")
	}
}

func TestDrawing_PrintsTheDrawingAndItsText(t *testing.T) {
	dr := &drawing.Drawing{ID: "g", Width: 300, Height: 120, Title: "Genogram", Desc: "Drie generaties.",
		Items: []drawing.Item{
			drawing.Rect{X: 10, Y: 10, W: 30, H: 30},
			drawing.Circle{CX: 100, CY: 25, R: 15, Style: drawing.Style{Fill: drawing.Light}},
			drawing.Line{X1: 40, Y1: 25, X2: 85, Y2: 25, Style: drawing.Style{Dash: []float64{4, 2}}},
			drawing.Ellipse{CX: 200, CY: 25, RX: 20, RY: 10, Rotate: 30},
			drawing.Polygon{Points: []drawing.Point{{X: 250, Y: 10}, {X: 270, Y: 40}, {X: 230, Y: 40}}},
			drawing.Text{X: 25, Y: 60, Text: "Şahin opa", Anchor: drawing.Middle},
		}}
	b, err := pdf.Drawing("Genogram", family(), dr, []string{"Opa Şahin (overleden)"}, now)
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, b)
	for _, want := range []string{"Genogram", "Drie generaties.", "Şahin opa", "Opa Şahin (overleden)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, txt)
		}
	}
}

// TestPlan_WithTheGenogramAsAppendix: a figure given to the plan comes
// after the signatures as an appendix, with its drawing's words and its
// text; without one the plan has no appendix.
func TestPlan_WithTheGenogramAsAppendix(t *testing.T) {
	v := &regie.PlanVersion{Number: 1, Status: regie.PlanDraft}
	g := &regie.Genogram{Persons: []*regie.GenogramPerson{
		{ID: 1, Name: "Opa Henk", Sex: regie.SexMale, Generation: -1, BirthYear: 1948, DeathYear: 2019, Deceased: true},
		{ID: 2, Name: "Ayşe", Sex: regie.SexFemale, Generation: 0, InHousehold: true},
	}, Relations: []*regie.GenogramRelation{{ID: 1, FromID: 1, ToID: 2, Kind: regie.RelChild}}}
	b, err := pdf.Plan(v, family(), now, pdf.Figure{Title: "Genogram", Drawing: drawing.Genogram(g, "Genogram"), Lines: g.Lines()})
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, b)
	for _, want := range []string{"Bijlage: Genogram", "Opa Henk", "1948–2019", "Legenda", "Opa Henk is ouder van Ayşe"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the plan lacks %q:\n%s", want, txt)
		}
	}
	b, err = pdf.Plan(v, family(), now)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(pdfText(t, b), "Bijlage") {
		t.Error("a plan without figures has an appendix")
	}
}
