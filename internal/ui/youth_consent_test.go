package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestYouthConsent_RecordByAge: the youth worker records Kevin's (13)
// consent; without a parent the form comes back with the Dutch reason and
// what was typed; with his mother it is saved and listed as valid. For a
// youth of 16 the form asks no parent and says why; the coordinator reads
// the consents but is offered no form.
func TestYouthConsent_RecordByAge(t *testing.T) {
	e := newEnv(t)
	fam, kevin := e.f.FamAssigned, e.f.FamAssigned.Members[1]
	yw := e.session(e.f.YouthWorker)
	base := fmt.Sprintf("/gezinnen/%d/jeugd/%d/toestemming", fam.ID, kevin.ID)
	resp := e.do(http.MethodPost, base, yw, url.Values{"signed_on": {"2026-03-02"}, "youth_signed": {"1"}, "share_family": {"1"},
		"note": {"Alleen over school."}})
	if resp.status != invalid {
		t.Fatalf("without a parent: status %d", resp.status)
	}
	for _, want := range []string{"Kevin is 13 jaar: van 12 tot 16 jaar tekent een ouder of verzorger mee", "Alleen over school.", `name="share_family" value="1" checked`} {
		if !strings.Contains(html.UnescapeString(resp.body), want) {
			t.Errorf("the form that came back lacks %q", want)
		}
	}
	resp = e.do(http.MethodPost, base, yw, url.Values{"signed_on": {"2026-03-02"}, "youth_signed": {"1"}, "share_family": {"1"},
		"parent": {fmt.Sprint(fam.Members[0].ID)}})
	if resp.status != redirect || resp.header.Get("Location") != base {
		t.Fatalf("with his mother: status %d to %q\n%.400s", resp.status, resp.header.Get("Location"), resp.body)
	}
	page := html.UnescapeString(e.do(http.MethodGet, base, yw, nil).body)
	for _, want := range []string{"Kevin Jansen (jongere), Sandra Jansen (ouder)", "De ouders (het gezinsplan en de pdf)", "geldig"} {
		if !strings.Contains(page, want) {
			t.Errorf("the list lacks %q", want)
		}
	}

	// A youth of 16 decides alone.
	mila, err := e.store.AddMember(storetest.As(e.f.TeamLeader), fam.ID, regie.MemberInput{GivenName: "Mila", FamilyName: "Jansen",
		Relation: "kind", BirthDate: regie.DateOf(e.clock.Now()).AddMonths(-12 * 16).AddDays(-3).ISO()})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.AssignYouthWorker(storetest.As(e.f.TeamLeader), fam.ID, mila.ID, e.f.YouthWorker.ID, true); err != nil {
		t.Fatal(err)
	}
	form := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/jeugd/%d/toestemming/nieuw", fam.ID, mila.ID), yw, nil)
	if form.status != ok {
		t.Fatalf("Mila's form: %d", form.status)
	}
	if body := html.UnescapeString(form.body); !strings.Contains(body, "beslist vanaf 16 jaar alleen") || strings.Contains(body, `name="parent"`) {
		t.Error("the form for a youth of 16 asks for a parent or does not say why not")
	}
	resp = e.do(http.MethodPost, fmt.Sprintf("/gezinnen/%d/jeugd/%d/toestemming", fam.ID, mila.ID), yw,
		url.Values{"signed_on": {"2026-03-02"}, "youth_signed": {"1"}, "share_coordinator": {"1"}})
	if resp.status != redirect {
		t.Fatalf("Mila alone: %d\n%.400s", resp.status, resp.body)
	}

	cm := e.session(e.f.Casemanager)
	page = e.do(http.MethodGet, base, cm, nil).body
	if !strings.Contains(page, "Sandra Jansen (ouder)") || strings.Contains(page, base+"/nieuw") || strings.Contains(page, "/intrekken") {
		t.Error("the coordinator's page: no consents, or a form to record or withdraw")
	}
}

// TestYouthConsent_ContactNoteWithheld: a contact in Kevin's track shows
// its note to the coordinator while Kevin's consent shares with the
// coordinator, and after it is withdrawn only that the note is
// confidential — on the contacts page and the family page.
func TestYouthConsent_ContactNoteWithheld(t *testing.T) {
	e := newEnv(t)
	fam, kevin := e.f.FamAssigned, e.f.FamAssigned.Members[1]
	c, err := e.store.CreateContact(storetest.As(e.f.YouthWorker), fam.ID, regie.ContactInput{Date: "2026-03-02", Start: "09:30",
		Minutes: "30", Kind: regie.ContactOuting, Attempt: regie.AttemptReached, Note: "Kevin spijbelt om zijn broertje op te halen."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.DB().Exec(`UPDATE contacts SET youth_member_id = $1 WHERE id = $2`, kevin.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	cm := e.session(e.f.Casemanager)
	pages := []string{fmt.Sprintf("/gezinnen/%d/contacten", fam.ID), fmt.Sprintf("/gezinnen/%d", fam.ID)}
	for _, p := range pages {
		if body := e.do(http.MethodGet, p, cm, nil).body; !strings.Contains(body, "Kevin spijbelt") {
			t.Errorf("%s: the coordinator does not see the note Kevin shares with him", p)
		}
	}
	if err := e.store.WithdrawYouthConsent(storetest.As(e.f.YouthWorker), fam.ID, kevin.ID, template.youthConsents[fam.ID],
		"2026-03-02", "Kevin wil het niet meer."); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		body := e.do(http.MethodGet, p, cm, nil).body
		if strings.Contains(body, "Kevin spijbelt") || !strings.Contains(body, "wat de jongere vertelde, is vertrouwelijk") {
			t.Errorf("%s: after the withdrawal the note shows, or the page does not say why not", p)
		}
	}
	if body := e.do(http.MethodGet, pages[0], e.session(e.f.YouthWorker), nil).body; !strings.Contains(body, "Kevin spijbelt") {
		t.Error("the youth worker does not see their own note")
	}
}

// TestYouthWorker_ReadsWhatTheWorkNeeds: the youth worker's family page
// shows the members, the safety concerns and the plan; the consents,
// their papers, the handover and the plan's PDF stay closed.
func TestYouthWorker_ReadsWhatTheWorkNeeds(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned
	yw := e.session(e.f.YouthWorker)
	body := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), yw, nil).body
	for _, want := range []string{"Sandra Jansen", "Kevin Jansen", "Veiligheid", "Zorg", "Hulpverleningsplan", "Post bewaren"} {
		if !strings.Contains(body, want) {
			t.Errorf("the youth worker's family page lacks %q", want)
		}
	}
	if resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan/1", fam.ID), yw, nil); resp.status != ok {
		t.Errorf("the plan: %d", resp.status)
	}
	for _, p := range []string{"/toestemming", "/toestemming/formulier.pdf", fmt.Sprintf("/documenten/%d", template.documents[fam.ID]),
		"/overdracht", "/plan/1/pdf"} {
		if resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d%s", fam.ID, p), yw, nil); resp.status != notFound {
			t.Errorf("%s: %d, want 404", p, resp.status)
		}
	}
}

// TestYouthConsent_PlanPDF: the family's plan PDF shows the shared part of
// Kevin's track (his youth worker, since when, the agreement that
// concerns the family) and says the rest is confidential while his
// consent shares with the coordinator only; once a consent of his shares
// with his parents it holds his goal in his words, his own agreement and
// what he told.
func TestYouthConsent_PlanPDF(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is missing: the PDF's text is not checked")
	}
	e := newEnv(t)
	fam, kevin := e.f.FamAssigned, e.f.FamAssigned.Members[1]
	c, err := e.store.CreateContact(storetest.As(e.f.YouthWorker), fam.ID, regie.ContactInput{Date: "2026-03-02", Start: "09:30",
		Minutes: "30", Kind: regie.ContactOuting, Attempt: regie.AttemptReached, Note: "Kevin wil op voetbal."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.DB().Exec(`UPDATE contacts SET youth_member_id = $1 WHERE id = $2`, kevin.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	cm := e.session(e.f.Casemanager)
	text := func() string {
		t.Helper()
		resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan/1/pdf", fam.ID), cm, nil)
		if resp.status != ok {
			t.Fatalf("plan PDF: %d", resp.status)
		}
		in := filepath.Join(t.TempDir(), "plan.pdf")
		if err := os.WriteFile(in, []byte(resp.body), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	// The fixture's track: the goal "Ik wil weer naar school." and the
	// agreements "Samen eten op zondag" (concerns the family) and
	// "Mentor bellen" (Kevin's own).
	if got := text(); !strings.Contains(got, "Jeugdtraject van Kevin Jansen: vertrouwelijk") ||
		!strings.Contains(got, "Wat de jongere in vertrouwen vertelde: vertrouwelijk") ||
		!strings.Contains(got, "Jeugdhulpverlener: "+e.f.YouthWorker.Name) || !strings.Contains(got, "Het traject loopt sinds 2 maart 2026.") ||
		!strings.Contains(got, "Samen eten op zondag") ||
		strings.Contains(got, "Kevin wil op voetbal.") || strings.Contains(got, "Ik wil weer naar school.") || strings.Contains(got, "Mentor bellen") {
		t.Errorf("under a consent for the coordinator only, the PDF: %s", got)
	}
	if _, err := e.store.CreateYouthConsent(storetest.As(e.f.YouthWorker), fam.ID, kevin.ID, regie.YouthConsentInput{SignedOn: "2026-03-02",
		YouthSigned: true, ParentID: fam.Members[0].ID, ShareFamily: true}); err != nil {
		t.Fatal(err)
	}
	if got := text(); strings.Contains(got, "vertrouwelijk") || !strings.Contains(got, "Kevin wil op voetbal.") ||
		!strings.Contains(got, "“Ik wil weer naar school.”") || !strings.Contains(got, "Mentor bellen") ||
		strings.Count(got, "Samen eten op zondag") != 1 {
		t.Errorf("under a consent for the parents, the PDF: %s", got)
	}
}
