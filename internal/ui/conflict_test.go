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

// mustContain fails for every want the body lacks.
func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(body, want) {
			t.Errorf("%s lacks %q", what, want)
		}
	}
}

// TestStaleSave_FormKeptWithWhatChanged: two people edit the same record
// from the same version. The second save answers 409 with the form as it
// was typed, says in Dutch that someone else changed it and who, shows
// what is stored now next to what was typed, and carries the new version,
// so saving again is a choice. Nothing of the first save is lost.
func TestStaleSave_FormKeptWithWhatChanged(t *testing.T) {
	e := newEnv(t)
	cm, tl := e.session(e.f.Casemanager), e.session(e.f.TeamLeader)
	fam := e.f.FamAssigned
	conflictTitle := "Iemand anders heeft dit intussen gewijzigd"

	t.Run("Family", func(t *testing.T) {
		p := fmt.Sprintf("/gezinnen/%d", fam.ID)
		page := e.do(http.MethodGet, p+"/bewerken", cm, nil)
		mustContain(t, "the edit form", page.body, `name="version" value="1"`)
		form := func(notes, version string) url.Values {
			return url.Values{"household_name": {fam.HouseholdName}, "district": {fmt.Sprint(fam.DistrictID)}, "dutch_proficiency": {"redelijk"},
				"street": {fam.Street}, "postcode": {fam.Postcode}, "city": {fam.City}, "composition_notes": {notes}, "version": {version}}
		}
		if r := e.do(http.MethodPost, p, tl, form("Oma woont sinds kort in.", "1")); r.status != http.StatusSeeOther {
			t.Fatalf("first save: %d", r.status)
		}
		r := e.do(http.MethodPost, p, cm, form("Vader woont elders.", "1"))
		if r.status != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409\n%.500s", r.status, r.body)
		}
		mustContain(t, "the refused form", r.body, conflictTitle, regie.Text(regie.MsgStale), "Gewijzigd door "+e.f.TeamLeader.Name,
			"<th scope=\"row\">Samenstelling</th>", "Oma woont sinds kort in.", // stored now
			">Vader woont elders.</textarea>", // typed, kept in the form
			`name="version" value="2"`)
		if strings.Contains(r.body, "<th scope=\"row\">Naam van het huishouden</th>") {
			t.Error("a field that does not differ is listed as changed")
		}
		got, err := e.store.FindFamilyByID(storetest.As(e.f.TeamLeader), fam.ID)
		if err != nil || got.CompositionNotes != "Oma woont sinds kort in." {
			t.Fatalf("after the refused save: %q, %v", got.CompositionNotes, err)
		}
		if r := e.do(http.MethodPost, p, cm, form("Vader woont elders.", "2")); r.status != http.StatusSeeOther {
			t.Fatalf("saving again from the new version: %d", r.status)
		}
	})

	t.Run("Contact", func(t *testing.T) {
		cs, _, err := e.store.FindContacts(storetest.As(e.f.TeamLeader), fam.ID, regie.ContactFilter{})
		if err != nil || len(cs) != 1 {
			t.Fatalf("fixture contact: %v, %v", cs, err)
		}
		c := cs[0]
		p := fmt.Sprintf("/gezinnen/%d/contacten/%d", fam.ID, c.ID)
		form := func(minutes, note string) url.Values {
			return url.Values{"date": {c.Date.ISO()}, "start": {c.Start}, "minutes": {minutes}, "kind": {string(c.Kind)},
				"attempt": {string(c.Attempt)}, "note": {note}, "version": {"1"}}
		}
		if r := e.do(http.MethodPost, p, tl, form("30", "Moeder belt de schuldhulp zelf.")); r.status != http.StatusSeeOther {
			t.Fatalf("first save: %d", r.status)
		}
		r := e.do(http.MethodPost, p, tl, form("45", "Gesprek over school."))
		if r.status != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409\n%.500s", r.status, r.body)
		}
		mustContain(t, "the refused form", r.body, conflictTitle, "<th scope=\"row\">Duur in minuten</th>", ">45<",
			"Moeder belt de schuldhulp zelf.", ">Gesprek over school.</textarea>", `value="45"`, `name="version" value="2"`)

		// The author's change is named on the list; only the author is
		// offered to change it.
		list := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/contacten", fam.ID), cm, nil)
		mustContain(t, "the contact list", list.body, "Gewijzigd door "+e.f.TeamLeader.Name+" op")
		if strings.Contains(list.body, p+`"`) {
			t.Error("the casemanager is offered to change the team leader's contact")
		}
		if mine := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/contacten", fam.ID), tl, nil); !strings.Contains(mine.body, p+`"`) {
			t.Error("the author is not offered to change their own contact")
		}
	})

	t.Run("PlanDraft", func(t *testing.T) {
		v, err := e.store.FindPlanVersion(storetest.As(e.f.TeamLeader), fam.ID, 2)
		if err != nil || v.Frozen() {
			t.Fatalf("fixture draft: %+v, %v", v, err)
		}
		p := fmt.Sprintf("/gezinnen/%d/plan/2", fam.ID)
		mustContain(t, "the plan form", e.do(http.MethodGet, p+"/bewerken", cm, nil).body, `name="revision" value="1"`)
		form := func(situation string, goals ...string) url.Values {
			f := url.Values{"situation": {situation}, "revision": {"1"}, "goal_rows": {"3"}, "agreement_rows": {"3"},
				"goal-0-key": {v.Goals[0].Key}, "goal-0-term": {string(v.Goals[0].Term)}, "goal-0-domain": {string(v.Goals[0].Domain)},
				"goal-0-text": {v.Goals[0].Text}}
			for i, g := range goals {
				f.Set(fmt.Sprintf("goal-%d-term", i+1), "kort")
				f.Set(fmt.Sprintf("goal-%d-domain", i+1), "kinderen")
				f.Set(fmt.Sprintf("goal-%d-text", i+1), g)
			}
			return f
		}
		if r := e.do(http.MethodPost, p, tl, form("", "Kevin gaat elke dag naar school.")); r.status != http.StatusSeeOther {
			t.Fatalf("first save: %d\n%.500s", r.status, r.body)
		}
		// A stale tab without the new goal.
		r := e.do(http.MethodPost, p, cm, form("Rustiger thuis."))
		if r.status != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409\n%.500s", r.status, r.body)
		}
		mustContain(t, "the refused plan form", r.body, conflictTitle, "Doel, intussen toegevoegd", "Kevin gaat elke dag naar school.",
			"Rustiger thuis.", `name="revision" value="2"`)
		got, err := e.store.FindPlanVersion(storetest.As(e.f.TeamLeader), fam.ID, 2)
		if err != nil || len(got.Goals) != 2 || got.Situation != "" {
			t.Fatalf("the other's goal was lost or the stale text stored: %d goals, situation %q, %v", len(got.Goals), got.Situation, err)
		}
	})
}
