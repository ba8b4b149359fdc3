package main

// A network partner's own work in a real browser, on a demo instance.
//
//	go test ./cmd/regie/ -run TestBrowser_PartnerPath -v
//	REGIE_SCREENSHOTS=/tmp/shots go test ./cmd/regie/ -run TestBrowser_PartnerPath

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"regie"
	"regie/internal/demo"
)

// TestBrowser_PartnerPath follows a partner's whole path. Sanne Verbeek,
// casemanager, records a consent of one of her families that names the
// GGZ for the household and the network meetings. Thomas Wolters of the
// GGZ logs in and lands on his list of families, which now holds it;
// he opens the family's work page, records progress on the GGZ's
// agreement from the network meeting, reports stagnation and sees the
// meeting without its notes or the other agreements. Sanne's werkbak and
// family page show the report and its signal, the meeting the new
// status, and the team's agenda lists the report. She records that the
// family withdrew the consent: the family leaves Thomas's list and its
// pages answer 404. The privacy officer's access log of the family holds
// each of Thomas's steps with the consent it relied on. The partner's
// pages are checked with axe and for sideways scrolling at 1280 and 375
// px (screenshots with REGIE_SCREENSHOTS).
func TestBrowser_PartnerPath(t *testing.T) {
	chromiumPath(t) // skips before any waiting
	browser := newBrowser(t)
	check := accessibilityCheck(t, axeSource(t), "partnerpad-")
	m := startRegieForBrowser(t, true)
	base := m.Server.URL()

	// One of Sanne's families whose consents do not name the GGZ, with a
	// network meeting the GGZ attended and an agreement it owns.
	cmCtx := demoActor(t, m, "casemanager@demo.regie.nl")
	ggz := demoActor(t, m, "partner@demo.regie.nl")
	ggzActor := regie.ActorFromContext(ggz)
	list, _, err := m.Store.FindFamilies(cmCtx, regie.FamilyFilter{Scope: regie.ScopeMine, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var fam *regie.Family
	for _, fs := range list {
		if fs.HouseholdName == "Gezin Jansen" || fs.Phase < regie.PhaseContact {
			continue
		}
		f, err := m.Store.FindFamilyByID(cmCtx, fs.ID)
		if err != nil {
			t.Fatal(err)
		}
		named := false
		for _, c := range f.Consents {
			for _, p := range c.Parties {
				named = named || p.OrgID == ggzActor.OrganisationID
			}
		}
		if !named && len(f.CurrentMembers()) > 0 {
			fam = f
			break
		}
	}
	if fam == nil {
		t.Fatal("demo: no family of casemanager@demo without a consent for the GGZ")
	}
	meeting, err := m.Store.AddNetworkMeeting(cmCtx, fam.ID, regie.NetworkMeetingInput{HeldOn: regie.DateOf(m.Clock.Now()).ISO(),
		Members:       []int64{fam.CurrentMembers()[0].ID},
		Professionals: []regie.NetworkAttendeeInput{{Name: "Thomas Wolters", OrgID: ggzActor.OrganisationID}},
		Others:        "Buurvrouw Ans",
		Agreements: []regie.NetworkAgreementInput{
			{OwnerChoice: fmt.Sprintf("o:%d", ggzActor.OrganisationID), What: "Intake bij de GGZ plannen met moeder.", Due: regie.DateOf(m.Clock.Now()).AddDays(21).ISO()},
			{Owner: "Kredietbank", What: "Schuldenoverzicht opstellen.", Due: regie.DateOf(m.Clock.Now()).AddDays(28).ISO()},
		},
		Notes: "Moeder vertelde over de ruzies thuis."})
	if err != nil {
		t.Fatal(err)
	}
	famPath := fmt.Sprintf("/gezinnen/%d", fam.ID)
	signer := fam.CurrentMembers()[0]
	for _, mb := range fam.CurrentMembers() {
		if mb.AgeOn(regie.DateOf(m.Clock.Now())) >= 18 {
			signer = mb
			break
		}
	}
	today := regie.DateOf(m.Clock.Now()).ISO()

	// Before the consent: not in Thomas's list.
	p := newBrowserTab(t, browser, base, "netwerkpartner")
	p.logIn("partner@demo.regie.nl", demo.Password)
	p.wantPath(`/partner`)
	if strings.Contains(p.text("main"), fam.HouseholdName) {
		t.Fatalf("before the consent the list holds %s", fam.HouseholdName)
	}
	p.open(famPath+"/samenwerking", http.StatusNotFound)

	// Sanne records the consent.
	cm := newBrowserTab(t, browser, base, "casemanager")
	cm.logIn("casemanager@demo.regie.nl", demo.Password)
	cm.open(famPath+"/toestemming/nieuw", http.StatusOK)
	cm.typeDate("#f-signed_on", today)
	cm.do("tick the signer", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#f-signer-%d`, signer.ID))))
	cm.do("choose the GGZ", chromedp.SetValue(chromedp.CSS("#f-party-0-org"), fmt.Sprint(ggzActor.OrganisationID)))
	cm.typeInto("#f-party-0-purpose", "Afstemming over de behandeling van moeder")
	cm.do("tick the household", chromedp.Click(chromedp.CSS(`input[name="party-0-kinds"][value="gezin"]`)))
	cm.do("tick the network meetings", chromedp.Click(chromedp.CSS(`input[name="party-0-kinds"][value="netwerkoverleg"]`)))
	cm.press(`.form-actions button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "")
	consents, err := m.Store.FindConsents(cmCtx, fam.ID)
	if err != nil {
		t.Fatal(err)
	}
	var consentID int64
	for _, c := range consents {
		for _, pt := range c.Parties {
			if pt.OrgID == ggzActor.OrganisationID && c.Valid(regie.DateOf(m.Clock.Now())) {
				consentID = c.ID
			}
		}
	}
	if consentID == 0 {
		t.Fatal("the consent naming the GGZ was not recorded")
	}

	// Thomas: the family in his list, with whom to call.
	p.open("/partner", http.StatusOK)
	p.wantText("main table", fam.HouseholdName)
	p.wantText("main table", "Sanne Verbeek")
	p.wantText("main table", "tot intrekken")
	check(p, "gezinnen")
	p.press(fmt.Sprintf(`a[href="%s/samenwerking"]`, famPath), http.StatusOK)
	p.wantText("h1", fam.HouseholdName)
	p.wantText("#afspraken", "Intake bij de GGZ plannen met moeder.")
	if strings.Contains(p.text("main"), "Schuldenoverzicht opstellen.") {
		t.Errorf("the work page shows another organisation's agreement")
	}
	check(p, "samenwerking")

	// Progress on the GGZ's agreement.
	p.do("choose the status", chromedp.SetValue(chromedp.CSS(`#afspraken select[name=status]`), "loopt"))
	p.typeInto(`#afspraken input[name=note]`, "Intake staat op 12 mei.")
	p.press(`#afspraken form button[type=submit]`, http.StatusOK)
	p.wantText(".flash", "De voortgang van uw afspraak is vastgelegd.")
	p.wantText("#afspraken", "Loopt")
	p.wantText("#afspraken", "Intake staat op 12 mei.")

	// Stagnation: a blank reason comes back, a reason is reported.
	p.press(`#stagnatie form button[type=submit]`, http.StatusUnprocessableEntity)
	p.wantText(".error-summary", "Reden: Vul dit veld in.")
	const reason = "Moeder zegt de afspraken bij de GGZ steeds af; de behandeling komt niet op gang."
	p.typeNew("#f-reason", reason)
	p.press(`#stagnatie form button[type=submit]`, http.StatusOK)
	p.wantText(".flash", "Uw melding van stagnatie is verstuurd.")
	p.wantText("#stagnatie", reason)
	check(p, "stagnatie-gemeld")

	// The meeting: the GGZ's part only.
	p.open(fmt.Sprintf("%s/netwerkoverleg/%d", famPath, meeting.ID), http.StatusOK)
	page := p.text("main")
	for _, hidden := range []string{"Moeder vertelde over de ruzies thuis.", "Schuldenoverzicht opstellen.", "Buurvrouw Ans"} {
		if strings.Contains(page, hidden) {
			t.Errorf("the partner's meeting page shows %q", hidden)
		}
	}
	p.wantText("main", "Intake bij de GGZ plannen met moeder.")
	p.wantText("main", "Het verslag: niet gedeeld onder de toestemming")
	check(p, "netwerkoverleg")
	p.open(famPath+"/netwerkoverleg", http.StatusOK)
	p.wantText("main", "niet gedeeld")
	check(p, "coordinatie")
	// The family page leads to the work page, and says whom to call.
	p.open(famPath, http.StatusOK)
	p.wantText("#h-samenwerking + p", "Uw afspraken")
	p.wantText("#h-regie ~ dl", "Sanne Verbeek")
	check(p, "gezinspagina")

	// Sanne sees the report on her werkbak and on the family page, with
	// its signal; the meeting shows the new status; the team's agenda
	// lists the report.
	const ggzName = "GGZ Utrecht Noord (demo)"
	todayDutch := regie.DateOf(m.Clock.Now()).Dutch()
	cm.open("/werkbak", http.StatusOK)
	cm.wantText("main", "Stagnatie gemeld door "+ggzName+": "+reason)
	cm.open(famPath, http.StatusOK)
	cm.wantText("#h-stagnatie + ul", reason)
	cm.wantText("#h-stagnatie + ul", ggzName)
	cm.wantText(`section[aria-labelledby=h-partners]`, "1 melding van stagnatie nog niet opgepakt")
	cm.wantText(`section[aria-labelledby=h-nu] .signals`, regie.Text(regie.MsgSignalStagnation, todayDutch))
	tl := newBrowserTab(t, browser, base, "teamleider")
	tl.logIn("teamleider@demo.regie.nl", demo.Password)
	tl.press(`nav a[href="/teamoverleg"]`, http.StatusOK)
	tl.wantPath(`/teamoverleg/` + regie.NextMeetingDay(regie.DateOf(m.Clock.Now())).ISO())
	tl.wantText("#stagnatie", fam.HouseholdName+": "+ggzName+", "+todayDutch)
	cm.open(fmt.Sprintf("%s/netwerkoverleg/%d", famPath, meeting.ID), http.StatusOK)
	cm.wantText("main", "Loopt")
	cm.wantText("main", "Moeder vertelde over de ruzies thuis.")

	// The family withdraws the consent.
	cm.open(fmt.Sprintf("%s/toestemming/%d/intrekken", famPath, consentID), http.StatusOK)
	cm.typeDate("#f-withdrawn_on", today)
	cm.typeNew("#f-withdraw_reason", "Moeder wil niet meer dat de GGZ meekijkt.")
	cm.press(`.form-actions button[type=submit]`, http.StatusOK)
	cm.wantText(".flash", "")

	p.open("/partner", http.StatusOK)
	if strings.Contains(p.text("main"), fam.HouseholdName) {
		t.Errorf("after the withdrawal the list still holds %s", fam.HouseholdName)
	}
	for _, path := range []string{famPath, famPath + "/samenwerking", famPath + "/netwerkoverleg",
		fmt.Sprintf("%s/netwerkoverleg/%d", famPath, meeting.ID)} {
		p.open(path, http.StatusNotFound)
	}

	// The privacy officer's access log of the family: each step of
	// Thomas's, under the consent.
	po := newBrowserTab(t, browser, base, "privacy officer")
	po.logIn("privacy@demo.regie.nl", demo.Password)
	po.open(fmt.Sprintf("/toegangslog/gezinnen/%d", fam.ID), http.StatusOK)
	logText := po.text("main")
	basis := fmt.Sprintf("toestemmingsverklaring %d", consentID)
	for _, want := range []string{"Thomas Wolters", basis, "gezinnen onder toestemming", "samenwerking:", "voortgang afspraak",
		"stagnatie gemeld", "netwerkoverleg " + fmt.Sprint(meeting.ID)} {
		if !strings.Contains(logText, want) {
			t.Errorf("the family's access log lacks %q", want)
		}
	}
	entries, _, err := m.Store.FindAuditEntries(demoActor(t, m, "privacy@demo.regie.nl"), regie.AuditFilter{FamilyID: &fam.ID, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	steps := map[regie.Segment]bool{}
	var denied int
	for _, e := range entries {
		if e.UserID != ggzActor.UserID {
			continue
		}
		if e.Outcome == regie.OutcomeDenied {
			denied++
			continue
		}
		if e.Basis != basis {
			t.Errorf("a partner's step without the consent's basis: %s %s %q (%s)", e.Action, e.Segment, e.Detail, e.Basis)
		}
		steps[e.Segment] = true
	}
	for _, seg := range []regie.Segment{regie.SegFamilyList, regie.SegAgreements, regie.SegStagnation, regie.SegNetwork} {
		if !steps[seg] {
			t.Errorf("the access log has no step of the partner on %s", seg)
		}
	}
	if denied < 4 {
		t.Errorf("the access log holds %d refused attempts of the partner, want the one before the consent and the 404s after", denied)
	}
}
