package pdf_test

import (
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/pdf"
)

// TestPersonExport_ReadableWithWithheldAndAccess: the PDF of a person
// export holds the person, every section with rows under its Dutch title
// and field labels, the sections without rows by name, the requests for
// rectification, what was withheld with its reason, and who accessed the
// file — names as written.
func TestPersonExport_ReadableWithWithheldAndAccess(t *testing.T) {
	e := &regie.PersonExport{Version: 1, MadeAt: now, MadeBy: "Jeroen Bos", Controller: "Stade Profiel",
		Person: regie.ExportPerson{ID: 1, GivenName: "Ayşe", FamilyName: "Yıldız", BirthDate: "1988-05-01", Relation: "ouder", StartedOn: "2026-01-05"},
		Family: regie.ExportFamily{ID: 42, DossierNumber: "G-000042", HouseholdName: "Gezin Yıldız-Şahin"},
		Sections: []*regie.ExportSection{
			{Key: "contacts_attended", Title: regie.ExportSectionTitle("contacts_attended"), Source: "contact_members.member_id",
				Rows: []regie.ExportRow{{{Name: "date", Value: "2026-03-02"}, {Name: "note", Value: "Ayşe vertelt over de schulden."}}}},
			{Key: "trajectories", Title: regie.ExportSectionTitle("trajectories"), Source: "trajectories.member_id", Rows: []regie.ExportRow{}},
		},
		Withheld: []regie.ExportWithheld{{Key: "youth_confidential", Title: "Vertrouwelijk jeugdtraject van een andere jongere", Count: 3,
			Reason: "Wat een andere jongere vertrouwelijk deelt, is van die jongere."}},
		Rectifications: []regie.ExportRectification{{ID: 1, Segment: regie.SegContacts, What: "Contact van 2 maart",
			Requested: "Geen schulden bij familie.", ReceivedOn: "2026-03-03", Due: "2026-04-03"}},
		Access: []regie.ExportAccess{
			{Time: now.Add(-time.Hour), UserName: "Anouk de Vries", Role: regie.RoleCasemanager, Action: regie.ActionRead, Segment: regie.SegContacts, Outcome: regie.OutcomeOK},
			{Time: now.Add(-2 * time.Hour), UserName: "Bram Jansen", Role: regie.RoleCasemanager, Action: regie.ActionRead, Segment: regie.SegFamily, Outcome: regie.OutcomeDenied},
		},
	}
	b, err := pdf.PersonExport(e, now)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, b)), " ")
	for _, want := range []string{"Inzage in uw gegevens", "Ayşe Yıldız", "G-000042", "Stade Profiel",
		"Contactmomenten waarbij u aanwezig was (1)", "Verslag of notitie", "Ayşe vertelt over de schulden.", "2 maart 2026",
		"Waarover niets is vastgelegd", "Trajecten die over u gaan",
		"Verzoeken tot correctie", "Geen schulden bij familie.", "nog geen besluit; uiterlijk 3 april 2026",
		"Wat niet in deze inzage staat", "Vertrouwelijk jeugdtraject van een andere jongere (3)",
		"Wie heeft uw dossier gezien", "Anouk de Vries", "Bram Jansen", "Geweigerd"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q:\n%s", want, text)
		}
	}
}
