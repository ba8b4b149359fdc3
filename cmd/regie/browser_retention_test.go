package main

// The privacy officer's Bewaartermijnen in a real browser on a demo
// instance.
//
//	go test ./cmd/regie/ -run TestBrowser_RetentionRequest -v

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

// TestBrowser_RetentionRequest: Robert Schouten, the privacy officer,
// finds on his start page that a request to destroy must be answered
// within two weeks. Bewaartermijnen shows it, and Gezin Benali's file kept
// longer with its reason. He opens the request of Ingrid Willems and
// refuses it — first without a ground, which comes back marked — on the
// interest of her children, and the request says so. Each page is checked
// with axe and for sideways scrolling at 1280 and 375 px.
func TestBrowser_RetentionRequest(t *testing.T) {
	chromiumPath(t)
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "bewaartermijnen-")
	m := startDemoOnDay(t)
	po, err := m.Store.FindUserByEmail(context.Background(), "privacy@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	as := regie.NewContextWithActor(context.Background(), &regie.Actor{UserID: po.ID, Name: po.Name, Role: po.Role, IP: "127.0.0.1", UserAgent: "browser test setup"})
	ret, err := m.Store.FindRetention(as)
	if err != nil || len(ret.Requests) != 1 {
		t.Fatalf("the demo's requests: %v %+v", err, ret)
	}
	req := ret.Requests[0]

	tab := newBrowserTab(t, browser, m.Server.URL(), "privacy")
	tab.logIn("privacy@demo.regie.nl", demo.Password)
	tab.open("/toegangslog", http.StatusOK)
	tab.wantText("#n-bewaartermijnen", "1 verzoek tot vernietiging binnen twee weken te beantwoorden")
	tab.press(`nav a[href="/bewaartermijnen"]`, http.StatusOK)
	tab.wantText("h1", "Bewaartermijnen")
	tab.wantText(".notice", "moet uiterlijk "+req.Deadline.Dutch()+" beantwoord zijn")
	tab.wantText(`section[aria-labelledby=h-verlengd]`, "Gezin Benali")
	tab.wantText(`section[aria-labelledby=h-verzoeken] tbody`, "Ingrid Willems")
	check(tab, "overzicht")

	tab.press(fmt.Sprintf(`section[aria-labelledby=h-verzoeken] a[href="/bewaartermijnen/verzoeken/%d"]`, req.ID), http.StatusOK)
	tab.wantText("h1", "Verzoek tot vernietiging")
	tab.do("choose refuse", chromedp.Click(chromedp.CSS("#f-outcome-1"), chromedp.NodeVisible))
	tab.press(`form[action^="/bewaartermijnen/verzoeken/"] button[type=submit]`, http.StatusUnprocessableEntity)
	tab.wantText(".error-summary", "Uitzondering")
	check(tab, "verzoek-fout")
	tab.do("choose the ground", chromedp.Click(chromedp.CSS("#f-exception-0"), chromedp.NodeVisible))
	tab.typeNew("#f-reason", "Het dossier gaat ook over Bas en Noa; hun belang weegt zwaar.")
	tab.press(`form[action^="/bewaartermijnen/verzoeken/"] button[type=submit]`, http.StatusOK)
	tab.wantText(".flash", regie.Text(regie.MsgFlashRequestDecided))
	tab.wantText("dl.facts", "Geweigerd")
	tab.wantText("dl.facts", regie.ExceptionOtherInterest.Label())
	check(tab, "verzoek")
}
