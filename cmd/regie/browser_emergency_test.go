package main

// Break-glass access (noodtoegang) in a real browser, on an injected
// clock: late in the evening Sanne, on call, must see Gezin Benali, which
// she is not assigned to. On her phone she finds the denied page's way in,
// gives her reason (a short one comes back marked), and reads the family
// under the banner. Youssef, its coordinator, is told on his start page
// and sees her reason at the family. Hours later the access has ended;
// the privacy officer finds it among the open reviews, reads its audit
// rows and judges it.
//
//	go test ./cmd/regie/ -run TestBrowser_Emergency -v

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

func TestBrowser_Emergency(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	clock := &shiftClock{}
	browser := newBrowser(t)
	m := startDemoOnClock(t, clock)
	base := m.Server.URL()
	check := accessibilityCheck(t, axeSource(t), "noodtoegang-")
	shots := newScreenshots(t, "noodtoegang")

	yo := demoActor(t, m, "casemanager2@demo.regie.nl")
	list, _, err := m.Store.FindFamilies(yo, regie.FamilyFilter{Scope: regie.ScopeMine, Query: "Benali", Limit: 5})
	if err != nil || len(list) != 1 {
		t.Fatalf("Gezin Benali: %v %v", list, err)
	}
	page := fmt.Sprintf("/gezinnen/%d", list[0].ID)

	// Sanne, not assigned, gets the family's not-found page, with the way in.
	cm := newPhoneTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.open(page, http.StatusNotFound)
	cm.wantText("h1", "Niet gevonden")
	shots.take(cm.browserTab, "geweigerd")
	if strings.Contains(cm.text("main"), "Benali") {
		t.Errorf("the denied page names the family")
	}
	cm.tapTo(`main a[href="`+page+`/noodtoegang"]`, http.StatusOK)
	cm.wantText("h1", "Noodtoegang")
	cm.wantText(".lead", "Gezin Benali")
	cm.checkPhoneLayout("noodtoegang")
	cm.tap(`input[name=reason][value=crisisdienst] + label`)
	cm.tap("#f-explanation")
	cm.typeFocused("#f-explanation", "Politie belt")
	cm.tapTo(`form[action="`+page+`/noodtoegang"] button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", "ten minste 20 tekens")
	cm.wantText(".error-summary", "Bevestig dat u weet")
	if !evalJS[bool](cm.browserTab, `document.querySelector('input[name=reason][value=crisisdienst]').checked`) {
		t.Errorf("the reason chosen is not kept")
	}
	check(cm.browserTab, "formulier-fouten")
	shots.take(cm.browserTab, "formulier-fouten")
	evalJS[bool](cm.browserTab, `(e => { e.value = ''; return true })(document.querySelector('#f-explanation'))`) // clear what was kept
	cm.tap("#f-explanation")
	cm.typeFocused("#f-explanation", "Politie belt over Anas na een vechtpartij; Youssef is niet bereikbaar.")
	cm.tap(`#f-confirm`)
	cm.tapTo(`form[action="`+page+`/noodtoegang"] button[type=submit]`, http.StatusOK)
	cm.wantPath(page + `$`)
	cm.wantText(".flash", "U heeft noodtoegang tot dit gezin.")
	until := clock.Now().Add(regie.EmergencyAccessDuration).In(regie.Amsterdam).Format("15:04")
	cm.wantText(".emergency-banner", "U gebruikt noodtoegang tot "+until+"; alles wordt vastgelegd.")
	cm.wantText("h1", "Gezin Benali")
	if n := evalJS[int](cm.browserTab, `document.querySelectorAll('a[href$="/contacten/nieuw"], a[href$="/bewerken"]').length`); n != 0 {
		t.Errorf("the family page offers %d ways to write under break-glass", n)
	}
	cm.checkPhoneLayout("gezin onder noodtoegang")
	check(cm.browserTab, "gezin")
	shots.take(cm.browserTab, "gezin-banner")

	// Youssef, the coordinator, is told on his start page.
	co := newBrowserTab(t, browser, base, "casemanager2")
	co.logIn("casemanager2@demo.regie.nl", demo.Password)
	co.wantPath(`/gezinnen`)
	co.wantText("#h-noodtoegang", "Noodtoegang tot uw gezinnen")
	co.wantText("#h-noodtoegang ~ ul", "Sanne Verbeek")
	shots.take(co, "regisseur-start")
	co.press(`#h-noodtoegang ~ ul a[href="`+page+`"]`, http.StatusOK)
	co.wantText("ul.emergencies", "Politie belt over Anas")
	co.wantText("ul.emergencies", "Wacht op beoordeling door de privacy officer")
	shots.take(co, "regisseur-gezin")
	co.open("/gezinnen", http.StatusOK)
	if strings.Contains(co.text("main"), "Sanne Verbeek (casemanager)") {
		t.Errorf("still told after seeing it at the family")
	}

	// Five hours on, the access has ended.
	clock.advanceBy(5 * time.Hour)
	cm2 := newBrowserTab(t, browser, base, "casemanager-later")
	cm2.logIn("casemanager@demo.regie.nl", demo.Password)
	cm2.open(page, http.StatusNotFound)

	// The privacy officer reviews it.
	po := newBrowserTab(t, browser, base, "privacy")
	po.logIn("privacy@demo.regie.nl", demo.Password)
	po.wantPath(`/toegangslog`)
	po.wantText("main .notice", "2 noodtoegangen wachten op uw beoordeling") // the demo's own and Sanne's
	po.press(`main .notice a[href="/noodtoegang"]`, http.StatusOK)
	po.wantText("h1", "Noodtoegang beoordelen")
	check(po, "lijst")
	shots.take(po, "privacy-lijst")
	var id int64
	if err := m.Store.DB().QueryRow(`SELECT id FROM emergency_accesses WHERE family_id = $1`, list[0].ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	review := fmt.Sprintf("/noodtoegang/%d", id)
	po.wantText(`#h-open ~ .table-wrap`, "Sanne Verbeek")
	po.press(`#h-open ~ .table-wrap a[href="`+review+`"]`, http.StatusOK)
	po.wantText("dl.facts", "Crisisdienst / bereikbaarheidsdienst")
	po.wantText("dl.facts", "Politie belt over Anas")
	po.wantText("#h-log ~ .table-wrap", fmt.Sprintf("noodtoegang %d: Crisisdienst / bereikbaarheidsdienst", id))
	po.wantText("#h-log ~ .table-wrap", "Inzien · Gezinsgegevens")
	po.press(`form[action="`+review+`"] button[type=submit]`, http.StatusUnprocessableEntity)
	po.wantText(".error-summary", "Oordeel")
	check(po, "beoordeling-fouten")
	shots.take(po, "privacy-beoordeling")
	po.do("choose the verdict", chromedp.Click(chromedp.CSS(`input[name=verdict][value=gerechtvaardigd] + label`), chromedp.NodeVisible))
	po.do("type the note", chromedp.Click(chromedp.CSS(`#f-note`), chromedp.NodeVisible),
		chromedp.KeyEvent("Crisisdienst in de avond, regisseur onbereikbaar: terecht."))
	po.press(`form[action="`+review+`"] button[type=submit]`, http.StatusOK)
	po.wantPath(`/noodtoegang$`)
	po.wantText(".flash", "De beoordeling van de noodtoegang is vastgelegd.")
	po.wantText("#h-done ~ .table-wrap", "Gezin Benali")
	shots.take(po, "privacy-beoordeeld")
	if strings.Contains(po.text("#h-open ~ *"), "Sanne Verbeek") {
		t.Errorf("the reviewed access is still open")
	}

	// Youssef sees the verdict at the family.
	co2 := newBrowserTab(t, browser, base, "casemanager2-later")
	co2.logIn("casemanager2@demo.regie.nl", demo.Password)
	co2.open(page, http.StatusOK)
	co2.wantText("ul.emergencies", "Beoordeeld door de privacy officer: gerechtvaardigd")
}

// advanceBy moves the clock on by d.
func (c *shiftClock) advanceBy(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.shift += d
}
