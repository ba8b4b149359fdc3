package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestRetention_PrivacyOfficerDestroysADueFile: twenty-one years after a
// file closed, the privacy officer finds it due, looks once more, approves
// it, runs the destruction and reads the report; an overdue request to
// destroy is signalled; bad input comes back marked; the menu of others
// has no such page.
func TestRetention_PrivacyOfficerDestroysADueFile(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamTeam.ID
	if err := e.store.CloseFamily(storetest.As(e.f.TeamLeader), fam, "Doelen bereikt."); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(e.clock.Now().AddDate(regie.RetentionYears+1, 0, 0))
	po := e.session(e.f.Privacy)

	page := e.do(http.MethodGet, "/bewaartermijnen", po, nil)
	box := fmt.Sprintf(`name="dossier" value="%d"`, fam)
	if page.status != http.StatusOK || !strings.Contains(page.body, `href="/bewaartermijnen"`) || !strings.Contains(page.body, box) ||
		!strings.Contains(page.body, "Te laat:") || !strings.Contains(page.body, regie.DossierNumber(e.f.FamAssigned.ID)) {
		t.Fatalf("retention page %d:\n%.4000s", page.status, page.body)
	}
	start := e.do(http.MethodGet, "/toegangslog", po, nil)
	if !strings.Contains(start.body, "1 verzoek tot vernietiging te laat beantwoord") || !strings.Contains(start.body, "1 dossier met verstreken bewaartermijn") {
		t.Fatalf("the privacy officer's start page does not signal:\n%.3000s", start.body)
	}
	look := e.do(http.MethodGet, "/bewaartermijnen/goedkeuren?dossier="+fmt.Sprint(fam), po, nil)
	if look.status != http.StatusOK || !strings.Contains(look.body, fmt.Sprintf(`type="hidden" name="dossier" value="%d"`, fam)) ||
		!strings.Contains(look.body, "Gezin Pietersen") {
		t.Fatalf("second look %d:\n%.3000s", look.status, look.body)
	}
	approved := e.do(http.MethodPost, "/bewaartermijnen/goedkeuren", po, url.Values{"dossier": {fmt.Sprint(fam)}})
	if approved.status != redirect || approved.cookie("__Host-regie-flash") != string(regie.MsgFlashBatchApproved) {
		t.Fatalf("approve: %d\n%.2000s", approved.status, approved.body)
	}
	if _, err := e.store.FindFamilyByID(storetest.As(e.f.TeamLeader), fam); err != nil {
		t.Fatalf("the approval alone destroyed the file: %v", err)
	}
	run := e.do(http.MethodPost, "/bewaartermijnen/ronde", po, nil)
	if run.status != redirect {
		t.Fatalf("run: %d\n%.2000s", run.status, run.body)
	}
	if _, err := e.store.FindFamilyByID(storetest.As(e.f.TeamLeader), fam); regie.ErrorCode(err) != regie.ENOTFOUND {
		t.Fatalf("after the run the file is still there: %v", err)
	}
	after := e.do(http.MethodGet, "/bewaartermijnen", po, nil)
	if !strings.Contains(after.body, "Ronde 1") || !strings.Contains(after.body, "Vernietigd: "+regie.DossierNumber(fam)) ||
		!strings.Contains(after.body, "<td>contacts</td>") && !strings.Contains(after.body, "<td>members</td>") || strings.Contains(after.body, box) {
		t.Fatalf("after the run:\n%.6000s", after.body)
	}

	bad := e.do(http.MethodPost, "/bewaartermijnen/verlengen", po, url.Values{"dossier": {"G-000001"}, "hold_reason": {" "}})
	if bad.status != invalid || !strings.Contains(bad.body, `value="G-000001"`) || !strings.Contains(bad.body, `aria-invalid="true"`) {
		t.Fatalf("a hold without reason: %d\n%.3000s", bad.status, bad.body)
	}
	refuse := e.do(http.MethodPost, fmt.Sprintf("/bewaartermijnen/verzoeken/%d", template.destructionRequest), po, url.Values{"outcome": {"geweigerd"}})
	if refuse.status != invalid || !strings.Contains(refuse.body, regie.Text(regie.MsgChoiceInvalid)) {
		t.Fatalf("a refusal without its ground: %d\n%.3000s", refuse.status, refuse.body)
	}

	if home := e.do(http.MethodGet, "/werkbak", e.session(e.f.Casemanager), nil); strings.Contains(home.body, `href="/bewaartermijnen"`) {
		t.Error("the casemanager's menu links the retention page")
	}
}
