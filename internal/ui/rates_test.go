package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestRates_AdminSetsRates: the functional administrator finds the rates
// in the menu, saves one with its source, and gets a wrong one back with
// what was typed and a Dutch message on the field.
func TestRates_AdminSetsRates(t *testing.T) {
	e := newEnv(t)
	admin := e.session(e.f.Admin)

	page := e.do(http.MethodGet, "/beheer/tarieven", admin, nil)
	if page.status != http.StatusOK || !strings.Contains(page.body, `href="/beheer/tarieven"`) ||
		!strings.Contains(page.body, `name="tarief.uur_casemanager"`) || !strings.Contains(page.body, `name="tarief.uur_casemanager.bron"`) ||
		!strings.Contains(page.body, "Huisuitzetting: maatschappelijke kosten") {
		t.Fatalf("rates page %d:\n%.3000s", page.status, page.body)
	}

	ok := e.do(http.MethodPost, "/beheer/tarieven", admin, url.Values{
		"tarief.uur_casemanager": {"68,50"}, "tarief.uur_casemanager.bron": {"Begroting 2026, p. 12"}})
	if ok.status != redirect || ok.header.Get("Location") != "/beheer/tarieven" || ok.cookie("__Host-regie-flash") != string(regie.MsgFlashRatesSaved) {
		t.Fatalf("save: %d %s\n%.1500s", ok.status, ok.header.Get("Location"), ok.body)
	}
	after := e.do(http.MethodGet, "/beheer/tarieven", admin, nil)
	if !strings.Contains(after.body, `value="68,50"`) ||
		!strings.Contains(after.body, `value="Begroting 2026, p. 12"`) {
		t.Errorf("after saving:\n%.3000s", after.body)
	}
	rs, err := e.store.FindRates(storetest.As(e.f.Admin))
	if err != nil {
		t.Fatal(err)
	}
	if r := rs[regie.RateHour]; !r.Set || r.Value != 68.5 {
		t.Errorf("stored hour %+v", r)
	}

	bad := e.do(http.MethodPost, "/beheer/tarieven", admin, url.Values{
		"tarief.uur_casemanager": {"heel duur"}, "tarief.uur_casemanager.bron": {"Begroting 2027"},
		"gebeurtenis.politie.kans": {"30"}, "gebeurtenis.politie.kans.bron": {""}})
	if bad.status != invalid || !strings.Contains(bad.body, `value="heel duur"`) || !strings.Contains(bad.body, `value="Begroting 2027"`) ||
		!strings.Contains(bad.body, regie.Text(regie.MsgRateNumber)) || !strings.Contains(bad.body, regie.Text(regie.MsgRateSourceRequired)) ||
		!strings.Contains(bad.body, `aria-invalid="true"`) {
		t.Fatalf("a bad value: %d, want the form back with what was typed and the messages:\n%.4000s", bad.status, bad.body)
	}
	if rs, _ = e.store.FindRates(storetest.As(e.f.Admin)); rs[regie.RateHour].Value != 68.5 {
		t.Errorf("a refused save changed the hour: %+v", rs[regie.RateHour])
	}

	// Not in a casemanager's menu.
	if home := e.do(http.MethodGet, "/werkbak", e.session(e.f.Casemanager), nil); strings.Contains(home.body, `href="/beheer/tarieven"`) {
		t.Error("the casemanager's menu links the rates")
	}
}
