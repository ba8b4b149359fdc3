package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

// TestBrowser_PrivacyOfficerExportsAPerson: the demo's privacy officer
// opens "Privacy", sees the open request for rectification with its
// deadline, searches Gezin Jansen, downloads the JSON and PDF of the parent who asked —
// read back here: the JSON's version, person and access list, the PDF's
// text through pdftotext — records a request with a mistake (marked,
// what was typed kept) and then right, decides it, and prints the
// register of processing. The team leader sees the requests beside the
// member on the family page; both downloads are in the family's access
// log as exports of that member.
func TestBrowser_PrivacyOfficerExportsAPerson(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "privacy-")
	m := startDemoOnDay(t)
	base := m.Server.URL()
	fg := demoActor(t, m, "privacy@demo.regie.nl")
	open, err := m.Store.FindRectifications(fg, regie.RectificationFilter{OpenOnly: true})
	if err != nil || len(open) != 1 {
		t.Fatalf("the demo's open requests: %v, %v", open, err)
	}
	famID, parentID := open[0].FamilyID, open[0].MemberID

	po := newBrowserTab(t, browser, base, "privacy officer")
	po.logIn("privacy@demo.regie.nl", demo.Password)
	po.press(`nav a[href="/privacy"]`, http.StatusOK)
	po.wantText("h1", "Privacy")
	po.wantText("#h-correcties + p + .table-wrap", open[0].MemberName)
	po.wantText("#h-correcties + p + .table-wrap", open[0].Due().Dutch())
	check(po, "privacy")

	po.typeInto("#f-q", "Jansen")
	po.press(`form[action="/privacy"] button[type=submit]`, http.StatusOK)
	po.press(fmt.Sprintf(`a[href="/privacy/gezinnen/%d"]`, famID), http.StatusOK)
	po.wantText("h1", "Gezin Jansen")
	check(po, "gezin")

	// The JSON of the parent who asked: read back.
	exportBase := fmt.Sprintf("/privacy/gezinnen/%d/personen/%d/inzage", famID, parentID)
	for _, ext := range []string{"json", "pdf"} {
		if !evalJS[bool](po, fmt.Sprintf(`!!document.querySelector('a[href="%s.%s"]')`, exportBase, ext)) {
			t.Fatalf("the family's privacy page offers no %s for the parent", ext)
		}
	}
	var export struct {
		Version int `json:"version"`
		Person  struct {
			ID        int64  `json:"id"`
			GivenName string `json:"given_name"`
		} `json:"person"`
		Sections []struct {
			Key  string              `json:"key"`
			Rows []map[string]string `json:"rows"`
		} `json:"sections"`
		Rectifications []struct {
			Outcome string `json:"outcome"`
		} `json:"rectification_requests"`
		Access []struct {
			UserName string `json:"user_name"`
			Outcome  string `json:"outcome"`
		} `json:"access_log"`
	}
	body, cd := po.download(exportBase+".json", "application/json")
	if !strings.Contains(cd, ".json") {
		t.Errorf("the JSON export's Content-Disposition %q names no .json file", cd)
	}
	if err := json.Unmarshal(body, &export); err != nil {
		t.Fatalf("the JSON does not read back: %v", err)
	}
	rows := 0
	for _, s := range export.Sections {
		rows += len(s.Rows)
	}
	if export.Version != regie.PersonExportVersion || export.Person.ID != parentID || rows < 10 || len(export.Rectifications) != 2 ||
		len(export.Access) == 0 {
		t.Errorf("the JSON: version %d, person %d, %d rows, %d requests, %d access rows", export.Version, export.Person.ID, rows,
			len(export.Rectifications), len(export.Access))
	}

	// The PDF: its text.
	file := po.fetchPDF(exportBase + ".pdf")
	wantPDFText(t, file, "Inzage in uw gegevens", export.Person.GivenName, "Gezin Jansen", "Wie heeft uw dossier gezien",
		"Verzoeken tot correctie", "ik was die dag niet thuis.")

	// A request with a mistake, then right, then decided.
	po.typeNew("#f-data", "Het doel over werk")
	po.press(fmt.Sprintf(`form[action="/privacy/gezinnen/%d/correcties"] button[type=submit]`, famID), http.StatusUnprocessableEntity)
	po.wantText(".error-summary", "Gevraagde correctie")
	po.wantText("#f-requested-error", "Vul dit veld in")
	if got := evalJS[string](po, `document.querySelector('#f-data').value`); got != "Het doel over werk" {
		t.Errorf("what was typed is lost: %q", got)
	}
	check(po, "correctie-fout")
	po.do("choose the member", chromedp.SetValue(chromedp.CSS(`#f-member`), fmt.Sprint(parentID)))
	po.do("choose the data", chromedp.SetValue(chromedp.CSS(`#f-segment`), string(regie.SegPlan)))
	po.typeNew("#f-requested", "Ik werk wel, twee dagen per week.")
	po.press(fmt.Sprintf(`form[action="/privacy/gezinnen/%d/correcties"] button[type=submit]`, famID), http.StatusOK)
	po.wantText(".flash", "Het verzoek tot correctie is vastgelegd")
	// The new request is the one about the plan.
	link := evalJS[string](po, `[...document.querySelectorAll('#h-correcties ~ .list a.title')]
		.filter(a => a.textContent.includes('Hulpverleningsplan')).map(a => a.getAttribute('href'))[0] || ''`)
	if link == "" {
		t.Fatal("the new request is not listed on the family's privacy page")
	}
	po.press(fmt.Sprintf(`a[href=%q]`, link), http.StatusOK)
	po.wantText("h1", "Verzoek tot correctie")
	check(po, "correctie")
	po.do("choose rejected", chromedp.Click(chromedp.CSS(`input[name=outcome][value=afgewezen]`), chromedp.NodeVisible))
	po.press(`form[action*="/correcties/"] button[type=submit]`, http.StatusUnprocessableEntity)
	po.wantText("#f-reason-error", "Geef de reden")
	po.typeNew("#f-reason", "Het plan beschrijft de situatie bij het opstellen.")
	po.press(`form[action*="/correcties/"] button[type=submit]`, http.StatusOK)
	po.wantText(".flash", "Het besluit op het verzoek tot correctie is vastgelegd")

	// The register of processing.
	po.open("/privacy/verwerkingsregister", http.StatusOK)
	po.wantText("h1", "Verwerkingsregister")
	po.wantText("main", "Jeugdwet art. 7.3.8")
	po.wantText("main", "Stade Profiel (demo)")
	po.wantText("main", "GGZ Utrecht Noord (demo)")
	check(po, "register")

	// The team leader sees the requests beside the member on the family
	// page: the open one with its deadline, the decided one with its reason.
	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.open(fmt.Sprintf("/gezinnen/%d", famID), http.StatusOK)
	tl.wantText(".members .rectifications", "Verzoek tot correctie")
	tl.wantText(".members .rectifications", "de privacy officer beslist uiterlijk "+open[0].Due().Dutch())
	tl.wantText(".members .rectifications", "Afgewezen")
	tl.wantText(".members .rectifications", "Het plan beschrijft de situatie bij het opstellen.")
	check(tl, "gezinspagina")

	// Both downloads are in the family's log, as exports of the parent.
	entries, _, err := m.Store.FindAuditEntries(fg, regie.AuditFilter{FamilyID: &famID, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	exports := 0
	for _, e := range entries {
		if e.Segment == regie.SegPersonExport && e.Action == regie.ActionExport && e.MemberID == parentID && e.Outcome == regie.OutcomeOK {
			exports++
		}
	}
	if exports != 2 {
		t.Errorf("%d exports of the parent in the access log, want 2", exports)
	}
}
