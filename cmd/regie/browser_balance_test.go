package main

// The balance model in a real browser: Sanne, Gezin Jansen's coordinator,
// opens the balance from the family page — since the interim evaluation
// the carrying capacity weighs more — adds a heavy risk factor (a bad one
// first comes back marked, with what she typed) and sees the balance tip
// to the burden, in the drawing and in words. She ties a working line to a
// goal of the plan and finds it beside the goal on the plan page, and
// prints the balance. axe finds nothing at 1280 and 375 px.
//
//	go test ./cmd/regie/ -run TestBrowser_Balance -v

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

func TestBrowser_Balance(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	m := startDemoOnDay(t)
	base := m.Server.URL()
	check := accessibilityCheck(t, axeSource(t), "balans-")
	shots := newScreenshots(t, "balans")

	sanne := demoActor(t, m, "casemanager@demo.regie.nl")
	list, _, err := m.Store.FindFamilies(sanne, regie.FamilyFilter{Scope: regie.ScopeMine, Query: "Jansen", Limit: 5})
	if err != nil || len(list) != 1 {
		t.Fatalf("Gezin Jansen: %v %v", list, err)
	}
	famPage := fmt.Sprintf("/gezinnen/%d", list[0].ID)
	page := famPage + "/balans"

	cm := newBrowserTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.open(famPage, http.StatusOK)
	cm.press(`main a[href="`+page+`"]`, http.StatusOK)
	cm.wantText("h1", "Balansmodel")
	cm.wantText(".balance-tilt", "De draagkracht weegt zwaarder dan de draaglast")
	cm.wantText("#h-vergelijk ~ .table-wrap", "De draaglast weegt zwaarder") // at the start
	beam := func() float64 {                                                 // the beam's right end minus its left end, in y: > 0 when the burden goes down
		return evalJS[float64](cm, `(l => l.y2.baseVal.value - l.y1.baseVal.value)(document.querySelector('.balance-drawing line[stroke-width="6"]'))`)
	}
	if b := beam(); b >= 0 {
		t.Errorf("the beam goes down on the burden's side (%v) while the carrying capacity weighs more", b)
	}
	check(cm, "balans")
	desktop := func() { cm.do("back to the desktop's width", chromedp.EmulateViewport(1280, 800)) }
	desktop()
	shots.take(cm, "balans-voor")

	// A factor without its text comes back marked, what was chosen kept.
	form := `form[action$="/factoren"]`
	cm.do("choose the kind", chromedp.SetValue(chromedp.CSS(`#f-balance_kind`), "risico"))
	cm.do("choose the level", chromedp.SetValue(chromedp.CSS(`#f-balance_level`), "macro"))
	cm.do("choose the weight", chromedp.Click(chromedp.CSS(`input[name=weight][value="3"] + label`), chromedp.NodeVisible))
	cm.press(form+` button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", "Factor")
	if v := evalJS[string](cm, `document.querySelector('#f-balance_level').value`); v != "macro" {
		t.Errorf("the level chosen is not kept: %q", v)
	}
	check(cm, "factor-fouten")
	desktop()
	cm.typeInto(`#f-factor_text`, "Rob verliest zijn uitkering")
	cm.press(form+` button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "De factor is toegevoegd aan de balans.")
	cm.wantText(".balance-tilt", "De draaglast weegt zwaarder dan de draagkracht")
	cm.wantText(".balance-text", "Rob verliest zijn uitkering")
	if b := beam(); b <= 0 {
		t.Errorf("after the heavy risk factor the beam does not go down on the burden's side (%v)", b)
	}
	if desc := evalJS[string](cm, `document.querySelector('.balance-drawing svg desc').textContent`); !strings.Contains(desc, "De draaglast weegt zwaarder") {
		t.Errorf("the drawing's description does not say the new tilt: %q", desc)
	}
	shots.take(cm, "balans-na")

	// A working line tied to the plan's first goal (already tied to
	// lightening tasks): activating resilience.
	goal := pickFirst(cm, `#f-goal`)
	cm.do("choose the working line", chromedp.SetValue(chromedp.CSS(`#f-working_line`), string(regie.LineResilience)))
	cm.press(`form[action$="/balans/werklijnen"] button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "De werklijn is aan het doel gekoppeld.")
	cm.wantText("#h-werklijnen ~ ul", "Veerkracht en protectieve factoren activeren")
	check(cm, "werklijn")
	desktop()
	cm.open(famPage+"/plan", http.StatusOK)
	goals := cm.text(".goals")
	if !strings.Contains(goals, "Veerkracht en protectieve factoren activeren") || !strings.Contains(goals, "Taken verlichten of verrijken") {
		t.Errorf("the plan's goals do not show the working lines:\n%s", goals)
	}
	shots.take(cm, "plan-werklijnen")
	if goal == "" {
		t.Fatal("no goal to tie a working line to")
	}

	// The printed balance.
	pdf, disposition := cm.download(page+"/afdruk.pdf", "application/pdf")
	if !strings.HasPrefix(string(pdf), "%PDF-") || !strings.Contains(disposition, "balansmodel-") {
		t.Errorf("the printed balance: %q, %.20q", disposition, pdf)
	}
	if dir := os.Getenv("REGIE_SCREENSHOTS"); dir != "" { // the A4 for a reviewer to look at
		if err := os.WriteFile(filepath.Join(dir, "balans-afdruk.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// On a phone: the drawing fits, the page does not scroll sideways.
	phone := newPhoneTab(t, browser, base, "telefoon")
	phone.logIn("casemanager@demo.regie.nl", demo.Password)
	phone.open(page, http.StatusOK)
	phone.checkPhoneLayout("balans")
	if w := evalJS[float64](phone.browserTab, `document.querySelector('.balance-drawing svg').getBoundingClientRect().width`); w > phoneWidth {
		t.Errorf("the drawing is %v px wide on a %d px phone", w, phoneWidth)
	}
	shots.take(phone.browserTab, "telefoon")
}
