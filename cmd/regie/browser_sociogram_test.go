package main

// The sociogram and the wrap-around flower in a real browser: the
// casemanager of Gezin Jansen opens the sociogram from the family page,
// sees the start and the interim evaluation side by side with the
// isolation broken, adds a tie (first with a mistake, which comes back
// marked with what was typed) and finds it in the drawing and in the text;
// prints the moment; opens the flower. Every page passes axe at 1280 and
// 375 px without scrolling sideways; with REGIE_SCREENSHOTS set, each is
// saved at both widths.
//
//	go test ./cmd/regie/ -run TestBrowser_Sociogram -v

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

func TestBrowser_Sociogram(t *testing.T) {
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "sociogram-")
	m := startRegieForBrowser(t, true)
	cmCtx := demoActor(t, m, "casemanager@demo.regie.nl")
	list, _, err := m.Store.FindFamilies(cmCtx, regie.FamilyFilter{Scope: regie.ScopeMine, Query: "Jansen", Limit: 5})
	if err != nil || len(list) != 1 {
		t.Fatalf("Gezin Jansen: %v %v", list, err)
	}
	page := fmt.Sprintf("/gezinnen/%d", list[0].ID)

	cm := newBrowserTab(t, browser, m.Server.URL(), "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.open(page, http.StatusOK)
	cm.press(`a[href="`+page+`/sociogram"]`, http.StatusOK)
	cm.wantText("h1", "Sociogram")
	cm.wantText("#h-van", "Start")
	cm.wantText("#h-tot", "Tussenevaluatie")
	cm.wantText("#h-verschil + p", "Sociaal isolement doorbroken")
	if n := evalJS[int](cm, `document.querySelectorAll('.instrument svg[role=img]').length`); n != 2 {
		t.Errorf("%d drawings side by side, want 2", n)
	}
	check(cm, "twee-momenten")

	// A tie with a mistake: no quality chosen.
	cm.do("choose the sector", chromedp.SetValue(chromedp.CSS("#f-sector"), "vrienden"))
	cm.typeInto("#f-tie_name", "Vriendin Naima")
	cm.do("choose the strength", chromedp.Click(chromedp.CSS(`input[name=strength][value=matig]`)))
	cm.press(`form[action$="/banden"] button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", "Kwaliteit van de band")
	if v := evalJS[string](cm, `document.querySelector('#f-tie_name').value`); v != "Vriendin Naima" {
		t.Errorf("the name typed came back as %q", v)
	}
	check(cm, "band-fouten")
	cm.do("choose the quality", chromedp.Click(chromedp.CSS(`input[name=quality][value=steunend]`)))
	cm.press(`form[action$="/banden"] button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "De band is opgeslagen.")
	// In the drawing (a name beside a dot) and in the text.
	cm.wantText("#banden + p + .table-wrap", "Vriendin Naima")
	if !evalJS[bool](cm, `Array.from(document.querySelectorAll('#h-tot ~ svg text')).some(t => t.textContent === 'Vriendin Naima')`) {
		t.Errorf("the new tie is not in the drawing")
	}
	if !evalJS[bool](cm, `/Vrienden\s*1 band/.test(document.querySelector('#h-tot ~ svg').textContent)`) {
		t.Errorf("the drawing does not count the friend")
	}
	check(cm, "band-toegevoegd")
	pdfLink := evalJS[string](cm, `document.querySelector('#h-tot ~ p a[href$="/pdf"]').pathname`)
	body, _ := cm.download(pdfLink, "application/pdf")
	if !strings.HasPrefix(string(body), "%PDF-") {
		t.Errorf("the printed sociogram is not a PDF")
	}

	// The flower: start, handover and today, with the petals counted.
	cm.open(page, http.StatusOK)
	cm.press(`a[href="`+page+`/bloem"]`, http.StatusOK)
	cm.wantText("h1", "Wrap-around bloem")
	cm.wantText("main", "Oma Thea")
	if n := evalJS[int](cm, `document.querySelectorAll('.instrument svg[role=img]').length`); n < 2 {
		t.Errorf("%d flowers, want at least the start and today", n)
	}
	cm.wantText(".flower-count", "uit het informele netwerk")
	check(cm, "bloem")
}
