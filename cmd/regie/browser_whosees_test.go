package main

// The team's side of a partner's report of stagnation, and "wie kan wat
// zien", in a real browser on a demo instance.
//
//	go test ./cmd/regie/ -run TestBrowser_StagnationForTheTeam -v
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run TestBrowser_StagnationForTheTeam

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"regie"
	"regie/internal/demo"
)

// TestBrowser_StagnationForTheTeam: Thomas Wolters of the GGZ reports that
// the help for Gezin Jansen stagnates. Sanne, its coordinator, finds it on
// her werkbak, which leads her to "wie kan wat zien": the GGZ sees the
// household and the plan on welzijn, Thomas can log in, the report waits
// to be picked up, and Dylan's own consent, signed with his mother, shares
// what he told in confidence with Sanne. The family page carries the
// signal. She picks the report up — first without a note, which comes back
// with the message at the field — and the report says who picked it up.
// The team leader finds it on this week's agenda under "Stagnatie gemeld
// door netwerkpartners" and records that the team discussed it; the
// minutes say so. Each page is checked with axe and for sideways scrolling
// at 1280 and 375 px (screenshots with REGIE_SCREENSHOTS).
func TestBrowser_StagnationForTheTeam(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "stagnatie-")
	m := startDemoOnDay(t)
	base := m.Server.URL()
	today := regie.DateOf(m.Clock.Now())
	const reason = "Vader is drie afspraken bij de GGZ niet gekomen; de behandeling ligt stil."

	famID, _, _ := jansenPlan(t, m)
	ctx := context.Background()
	partner, err := m.Store.FindUserByEmail(ctx, "partner@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	as := regie.NewContextWithActor(ctx, &regie.Actor{UserID: partner.ID, Name: partner.Name, Role: partner.Role,
		OrganisationID: partner.OrganisationID, IP: "127.0.0.1", UserAgent: "browser test setup"})
	report, err := m.Store.ReportStagnation(as, famID, regie.StagnationInput{Reason: reason})
	if err != nil {
		t.Fatal(err)
	}
	fam := fmt.Sprintf("/gezinnen/%d", famID)
	// Dylan (15) consented with his mother to share with Sanne, recorded
	// by his youth worker.
	youthWorker, err := m.Store.FindUserByEmail(ctx, "jeugd@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	yw := regie.NewContextWithActor(ctx, &regie.Actor{UserID: youthWorker.ID, Name: youthWorker.Name, Role: youthWorker.Role,
		OrganisationID: youthWorker.OrganisationID, TeamID: youthWorker.TeamID, IP: "127.0.0.1", UserAgent: "browser test setup"})
	family, err := m.Store.FindFamilyByID(yw, famID)
	if err != nil {
		t.Fatal(err)
	}
	var dylan, mother int64
	for _, mb := range family.Members {
		switch mb.GivenName {
		case "Dylan":
			dylan = mb.ID
		case "Sandra":
			mother = mb.ID
		}
	}
	if _, err := m.Store.CreateYouthConsent(yw, famID, dylan, regie.YouthConsentInput{SignedOn: today.ISO(), YouthSigned: true,
		ParentID: mother, ShareCoordinator: true}); err != nil {
		t.Fatalf("Dylan's consent (members %d, %d): %v", dylan, mother, err)
	}

	cm := newBrowserTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.open("/werkbak", http.StatusOK)
	cm.wantText(`main`, "Stagnatie gemeld door "+report.OrgName+": "+reason)
	check(cm, "werkbak")
	cm.press(`main a[href="`+fam+`/partners#stagnatie"]`, http.StatusOK)
	cm.wantPath(fam + `/partners`)
	cm.wantText("h1", "Wie kan wat zien")
	cm.wantText(`section[aria-labelledby=h-vandaag] tbody`, report.OrgName)
	cm.wantText(`section[aria-labelledby=h-vandaag] tbody`, partner.Name)
	cm.wantText(`section[aria-labelledby=h-vandaag] tbody`, "welzijn")
	cm.wantText("#stagnatie", reason)
	cm.wantText("#stagnatie", "nog niet opgepakt")
	cm.wantText(`section[aria-labelledby=h-jongeren]`, "Dylan Jansen (15 jaar)")
	cm.wantText(`section[aria-labelledby=h-jongeren]`, "Gedeeld met: de regisseur")
	check(cm, "wie-kan-wat-zien")

	cm.open(fam, http.StatusOK)
	cm.wantText(`section[aria-labelledby=h-nu] .signals`, regie.Text(regie.MsgSignalStagnation, today.Dutch()))
	cm.wantText(`section[aria-labelledby=h-partners]`, "1 melding van stagnatie nog niet opgepakt")
	check(cm, "gezin")

	cm.press(`section[aria-labelledby=h-partners] a[href="`+fam+`/partners#stagnatie"]`, http.StatusOK)
	field := fmt.Sprintf("#f-stagnation-%d", report.ID)
	form := fmt.Sprintf(`form[action="%s/stagnatie/%d/opgepakt"]`, fam, report.ID)
	cm.press(form+` button[type=submit]`, http.StatusUnprocessableEntity)
	cm.wantText(".error-summary", "Melding van stagnatie, wat u doet")
	cm.wantText(field+"-error", regie.Text(regie.MsgRequired))
	check(cm, "oppakken-fout")
	cm.typeNew(field, "Huisbezoek donderdag; met vader de afspraak bij de GGZ opnieuw gemaakt.")
	cm.press(form+` button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", regie.Text(regie.MsgFlashStagnationHandled))
	cm.wantText("#stagnatie", "Opgepakt door Sanne Verbeek op "+today.Dutch())
	if n := evalJS[int](cm, `document.querySelectorAll('#stagnatie form').length`); n != 0 {
		cm.fatal("look for the form", fmt.Errorf("the report picked up still offers %d form(s)", n))
	}

	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.press(`nav a[href="/teamoverleg"]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + regie.NextMeetingDay(today).ISO())
	tl.wantText("#stagnatie", "Gezin Jansen: "+report.OrgName+", "+today.Dutch())
	tl.wantText("#stagnatie", "Opgepakt door Sanne Verbeek")
	check(tl, "teamoverleg")
	tl.press(fmt.Sprintf(`form[action="%s/stagnatie/%d/besproken"] button[type=submit]`, fam, report.ID), http.StatusOK)
	tl.wantText(".flash", regie.Text(regie.MsgFlashStagnationDiscussed))
	if n := evalJS[int](tl, `document.querySelectorAll('#stagnatie form').length`); n != 0 {
		tl.fatal("look for the button", fmt.Errorf("the discussed report is still offered"))
	}
	// The decision is in this week's minutes.
	if next, monday := regie.NextMeetingDay(today), today.Monday(); next != monday {
		tl.press(`a[href="/teamoverleg/`+next.AddDays(-7).ISO()+`"]`, http.StatusOK)
	}
	minutes := evalJS[[]string](tl, `Array.from(document.querySelectorAll('section[aria-labelledby=notulen] ul.minutes > li'), li => li.innerText.replace(/\s+/g, ' ').trim())`)
	if want := "Gezin Jansen — " + regie.Text(regie.MsgStagnationDecision, report.OrgName, today.Dutch()); !containsAny(minutes, want) {
		tl.fatal("read the minutes", fmt.Errorf("%q, want %s", minutes, want))
	}
	tl.open(fam+"/partners", http.StatusOK)
	tl.wantText("#stagnatie", "besproken in het teamoverleg van "+today.Monday().Dutch())
}
