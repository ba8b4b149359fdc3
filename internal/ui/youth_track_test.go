package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie/internal/storetest"
)

// TestYouthTrack_Pages: the youth worker's track page shows the youth's
// plan and offers the forms; a bad plan comes back with what was typed
// and a Dutch message per field. While Kevin's own consent shares with
// the coordinator, the casemanager reads the track's confidential part;
// after it is withdrawn a contact recorded in the track shows its note
// to the youth worker only — the casemanager's family page and
// contacts list say "Contact jeugdhulpverlener met Kevin — inhoud
// vertrouwelijk", the family page says the track runs with its norm and
// shows the agreement that concerns the family, never the goal or the
// other agreement. The final evaluation closes the track.
func TestYouthTrack_Pages(t *testing.T) {
	e := newEnv(t)
	fam, kevin := e.f.FamAssigned, e.f.FamAssigned.Members[1]
	yw, cm := e.session(e.f.YouthWorker), e.session(e.f.Casemanager)
	base := fmt.Sprintf("/gezinnen/%d/jeugd/%d/traject", fam.ID, kevin.ID)

	page := e.do(http.MethodGet, base, yw, nil)
	if page.status != http.StatusOK {
		t.Fatalf("track page %d", page.status)
	}
	for _, want := range []string{"Jeugdtraject van Kevin", "Ik wil weer naar school.", "Mentor bellen", "Samen eten op zondag",
		"betreft het gezin", `href="` + base + `/plan"`, `href="` + base + `/contact"`, `href="` + base + `/eindevaluatie"`,
		"tussen 2 september 2026 en 2 december 2026"} {
		if !strings.Contains(page.body, html.EscapeString(want)) && !strings.Contains(page.body, want) {
			t.Errorf("the youth worker's track page lacks %q", want)
		}
	}

	bad := e.do(http.MethodPost, base+"/plan", yw, url.Values{"domain-relaties": {"Minder ruzie thuis."}, "agreement-1-owner": {"Kevin"},
		"agreement-1-due": {"2026-01-01"}})
	if bad.status != invalid || !strings.Contains(bad.body, "Minder ruzie thuis.") ||
		!strings.Contains(bad.body, "Afspraak 2, wat") || !strings.Contains(bad.body, "Deze datum ligt voor de start van het traject (2 maart 2026).") {
		t.Fatalf("bad plan: %d\n%.3000s", bad.status, bad.body)
	}

	note := "Kevin vertelt dat hij blowt en bang is voor thuis."
	saved := e.do(http.MethodPost, base+"/contact", yw, url.Values{"date": {"2026-03-02"}, "start": {"07:30"}, "minutes": {"50"},
		"kind": {"uitje"}, "attempt": {"contact"}, "note": {note}})
	if saved.status != redirect {
		t.Fatalf("youth contact: %d\n%.2000s", saved.status, saved.body)
	}
	if page := e.do(http.MethodGet, base, yw, nil); !strings.Contains(page.body, note) {
		t.Error("the youth worker does not see their note on the track page")
	}

	// Kevin's own consent (the fixture's, signed with his mother) shares
	// with the coordinator: the policy opens the confidential part to
	// her, and the track page shows it. Once withdrawn, it is closed.
	if track := e.do(http.MethodGet, base, cm, nil); !strings.Contains(track.body, "Ik wil weer naar school.") || !strings.Contains(track.body, note) ||
		strings.Contains(track.body, base+"/plan") {
		t.Errorf("under Kevin's consent the casemanager's track page:\n%.3000s", track.body)
	}
	if err := e.store.WithdrawYouthConsent(storetest.As(e.f.YouthWorker), fam.ID, kevin.ID, template.youthConsents[fam.ID],
		"2026-03-02", "Kevin wil het niet meer."); err != nil {
		t.Fatal(err)
	}

	family := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), cm, nil)
	if family.status != http.StatusOK {
		t.Fatalf("family page %d", family.status)
	}
	for _, want := range []string{"Jeugdtraject Kevin</strong> loopt bij Dewi Visser sinds 2 maart 2026", "(norm 6–9 maanden)",
		"Samen eten op zondag", "Contact jeugdhulpverlener met Kevin — inhoud vertrouwelijk"} {
		if !strings.Contains(family.body, want) {
			t.Errorf("the casemanager's family page lacks %q", want)
		}
	}
	for _, secret := range []string{note, "Ik wil weer naar school.", "Mentor bellen"} {
		if strings.Contains(family.body, secret) || strings.Contains(family.body, html.EscapeString(secret)) {
			t.Errorf("the casemanager's family page shows %q", secret)
		}
	}
	contacts := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/contacten", fam.ID), cm, nil)
	if !strings.Contains(contacts.body, "Contact jeugdhulpverlener met Kevin — inhoud vertrouwelijk") || strings.Contains(contacts.body, note) ||
		!strings.Contains(contacts.body, "50 min") {
		t.Errorf("the casemanager's contacts list:\n%.3000s", contacts.body)
	}
	track := e.do(http.MethodGet, base, cm, nil)
	if track.status != http.StatusOK || strings.Contains(track.body, "Ik wil weer naar school.") || strings.Contains(track.body, note) ||
		!strings.Contains(track.body, "Samen eten op zondag") || strings.Contains(track.body, base+"/plan") {
		t.Errorf("the casemanager's track page (%d):\n%.3000s", track.status, track.body)
	}

	closed := e.do(http.MethodPost, base+"/eindevaluatie", yw, url.Values{"evaluated_on": {"2026-03-02"},
		"goal": {fmt.Sprintf("0:%d", template.youthGoal)}, "goal-0-degree": {"behaald"}, "how_now": {"Ik ga elke dag naar school."}})
	if closed.status != redirect {
		t.Fatalf("final evaluation: %d\n%.2000s", closed.status, closed.body)
	}
	if page := e.do(http.MethodGet, base, yw, nil); !strings.Contains(page.body, "Ik ga elke dag naar school.") ||
		strings.Contains(page.body, `href="`+base+`/plan"`) || !strings.Contains(page.body, "Traject starten") {
		t.Errorf("after closing, the track page:\n%.3000s", page.body)
	}
	if family := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), cm, nil); !strings.Contains(family.body, "afgesloten met de eindevaluatie") ||
		strings.Contains(family.body, "Ik ga elke dag naar school.") {
		t.Error("after closing, the casemanager's family page")
	}
}
