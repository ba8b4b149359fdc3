package pdf_test

import (
	"strings"
	"testing"

	"regie"
	"regie/internal/pdf"
)

func handover() *regie.Handover {
	return &regie.Handover{ID: 7, OrgName: "Buurtteam Overvecht", ContactPerson: "Marja de Wit", On: regie.NewDate(2026, 3, 5),
		Goals: "Ayşe houdt zelf haar budget bij; het buurtteam kijkt maandelijks mee.",
		Tasks: "Buurtteam: budgetcoaching. School: verzuim melden. Casemanager: netwerkoverleg elke drie maanden."}
}

func TestHandoverLetter_WithoutConsentOnlyTheAgreements(t *testing.T) {
	fam := family()
	l := &regie.HandoverLetter{Handover: handover(),
		Family:   &regie.Family{ID: fam.ID, HouseholdName: fam.HouseholdName, Assignments: fam.Assignments},
		Withheld: []string{"Gezinsgegevens (samenstelling, adres, taal)", "Gezinsleden (namen, geboortedata)"}}
	b, err := pdf.HandoverLetter(l, now)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, b)), " ")
	for _, want := range []string{"Warme overdracht", "Gezin Yıldız-Şahin", "Buurtteam Overvecht, Marja de Wit", "5 maart 2026",
		"Ayşe houdt zelf haar budget bij", "Casemanager: netwerkoverleg elke drie maanden", "Anouk de Vries",
		"geen geldige toestemmingsverklaring", "Gezinsleden (namen, geboortedata): niet gedeeld onder de toestemming"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"Łukasz", "Noor", "Geboortedatum", "Trajecten", "Adres"} {
		if strings.Contains(text, not) {
			t.Errorf("the letter without consent shows %q", not)
		}
	}
}

func TestHandoverLetter_UnderConsentWhatItCovers(t *testing.T) {
	fam := family()
	l := &regie.HandoverLetter{Handover: handover(), Consent: true,
		Family: &regie.Family{ID: fam.ID, HouseholdName: fam.HouseholdName, Assignments: fam.Assignments, Members: fam.Members},
		Trajectories: []*regie.Trajectory{{OrgName: "Buurtteam Overvecht", Intervention: "Budgetcoaching", Domain: "financien",
			Status: regie.TrajectoryRunning}},
		Withheld: []string{"Gezinsgegevens (samenstelling, adres, taal)", "Hulpverleningsplan: doelen en afspraken op de gekozen leefgebieden"}}
	b, err := pdf.HandoverLetter(l, now)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, b)), " ")
	for _, want := range []string{"Łukasz Şahin", "Noor Şahin", "Budgetcoaching", "Trajecten",
		"Hulpverleningsplan: doelen en afspraken op de gekozen leefgebieden: niet gedeeld onder de toestemming",
		"de intake en het burgerservicenummer: niet gedeeld"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "geen geldige toestemmingsverklaring") || strings.Contains(text, "Uit het hulpverleningsplan") {
		t.Errorf("the letter under consent:\n%s", text)
	}
}
