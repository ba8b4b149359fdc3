package ui_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
)

// TestPrivacy_PersonExportDownloads: the privacy officer downloads a
// member's JSON and PDF from the family's privacy page; the JSON reads
// back with its version, the person and the family's access list, the PDF
// is a PDF, and both downloads are attachments.
func TestPrivacy_PersonExportDownloads(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned
	token := e.session(e.f.Privacy)
	base := fmt.Sprintf("/privacy/gezinnen/%d/personen/%d/inzage", fam.ID, fam.Members[0].ID)

	j := e.do(http.MethodGet, base+".json", token, nil)
	if j.status != http.StatusOK || j.header.Get("Content-Type") != "application/json" ||
		!strings.HasPrefix(j.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("JSON: status %d, %q %q", j.status, j.header.Get("Content-Type"), j.header.Get("Content-Disposition"))
	}
	var got struct {
		Version int `json:"version"`
		Person  struct {
			GivenName string `json:"given_name"`
		} `json:"person"`
		Family struct {
			DossierNumber string `json:"dossier_number"`
		} `json:"family"`
		Rectifications []struct {
			Requested string `json:"requested"`
		} `json:"rectification_requests"`
		Access []struct {
			UserName string `json:"user_name"`
		} `json:"access_log"`
	}
	if err := json.Unmarshal([]byte(j.body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != regie.PersonExportVersion || got.Person.GivenName != fam.Members[0].GivenName ||
		got.Family.DossierNumber != regie.DossierNumber(fam.ID) || len(got.Rectifications) != 1 || len(got.Access) == 0 {
		t.Errorf("JSON: %+v", got)
	}

	p := e.do(http.MethodGet, base+".pdf", token, nil)
	if p.status != http.StatusOK || p.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(p.body, "%PDF-") {
		t.Fatalf("PDF: status %d, %q", p.status, p.header.Get("Content-Type"))
	}
	// The coordinator may not export, not even by typing the address.
	if r := e.do(http.MethodGet, base+".json", e.session(e.f.Casemanager), nil); r.status != http.StatusNotFound {
		t.Errorf("the coordinator downloads the export: %d", r.status)
	}
}

// TestPrivacy_RectificationFormAndFamilyPage: a request with errors comes
// back with the fields marked and what was typed; a good one shows on the
// privacy officer's list with its deadline, and beside the member on the
// coordinator's family page, with its outcome once decided.
func TestPrivacy_RectificationFormAndFamilyPage(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned
	fg := e.session(e.f.Privacy)
	action := fmt.Sprintf("/privacy/gezinnen/%d/correcties", fam.ID)

	bad := e.do(http.MethodPost, action, fg, url.Values{"member": {fmt.Sprint(fam.Members[1].ID)}, "data": {"Het doel over school"},
		"received_on": {"2099-01-01"}})
	if bad.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad request: status %d", bad.status)
	}
	for _, want := range []string{`class="error-summary"`, `id="f-segment-error"`, `id="f-requested-error"`, `id="f-received_on-error"`,
		"Het doel over school", fmt.Sprintf(`value="%d" selected`, fam.Members[1].ID)} {
		if !strings.Contains(bad.body, want) {
			t.Errorf("the form lacks %q", want)
		}
	}

	good := e.do(http.MethodPost, action, fg, url.Values{"member": {fmt.Sprint(fam.Members[1].ID)}, "segment": {string(regie.SegPlan)},
		"data": {"Het doel over school"}, "requested": {"Ik ga wel elke dag naar school."}, "received_on": {"2026-03-02"}})
	if good.status != http.StatusSeeOther {
		t.Fatalf("good request: status %d\n%.400s", good.status, good.body)
	}
	list := e.do(http.MethodGet, "/privacy", fg, nil)
	if !strings.Contains(list.body, "2 april 2026") || !strings.Contains(list.body, fam.Members[1].Name()) {
		t.Errorf("the open list lacks the request with its deadline")
	}
	page := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), e.session(e.f.Casemanager), nil)
	if !strings.Contains(page.body, "Verzoek tot correctie") || !strings.Contains(page.body, "Ik ga wel elke dag naar school.") ||
		!strings.Contains(page.body, "de privacy officer beslist uiterlijk 2 april 2026") {
		t.Errorf("the family page does not show the request beside the member")
	}
}
