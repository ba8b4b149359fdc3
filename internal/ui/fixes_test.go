package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// visibleText is the text of a page a user reads: without tags, so ids and
// names of form fields (which may be English) do not count.
func visibleText(body string) string {
	body = regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>`).ReplaceAllString(body, " ")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, " ")
}

// TestWording_Dutch: the intake, assignment and supervision pages say
// "introducerende hulpverlener", "toezegging" and "werkvoorraad", not the
// English words users noticed.
func TestWording_Dutch(t *testing.T) {
	e := newEnv(t)
	leader := e.session(e.f.TeamLeader)
	referrer := e.session(e.f.Referrer)
	pages := []struct {
		token, path string
		want        []string
	}{
		{leader, fmt.Sprintf("/aanmeldingen/%d", template.refA.ID), []string{"Introducerende hulpverlener", "Toezegging laagdrempelige zorg"}},
		{referrer, "/aanmeldingen/nieuw", []string{"introducerende hulpverlener"}},
		{leader, fmt.Sprintf("/gezinnen/%d/toewijzing", e.f.FamAssigned.ID), []string{"werkvoorraad"}},
		{leader, "/werkbegeleiding", []string{"werkvoorraad"}},
		{leader, fmt.Sprintf("/werkbegeleiding/%d", e.f.Casemanager.ID), []string{"Werkvoorraad"}},
		{leader, fmt.Sprintf("/gezinnen/%d/fase", e.f.FamAssigned.ID), nil},
	}
	english := regexp.MustCompile(`(?i)\bintroducer\b|\bcommitment\b|\bcaseloads?\b`)
	for _, p := range pages {
		r := e.do(http.MethodGet, p.path, p.token, nil)
		if r.status != http.StatusOK {
			t.Errorf("GET %s: status %d", p.path, r.status)
			continue
		}
		text := visibleText(r.body)
		if m := english.FindAllString(text, -1); len(m) > 0 {
			t.Errorf("GET %s shows %q", p.path, m)
		}
		for _, w := range p.want {
			if !strings.Contains(text, w) {
				t.Errorf("GET %s lacks %q", p.path, w)
			}
		}
	}
}

// TestPlanDue_FromNorm: the empty plan page says when the plan is due from
// the norm the organisation set, not a fixed "twee maanden".
func TestPlanDue_FromNorm(t *testing.T) {
	e := newEnv(t)
	ctx := storetest.As(e.f.TeamLeader)
	fam, err := e.store.CreateFamily(ctx, regie.FamilyInput{HouseholdName: "Gezin Zonderplan", DistrictID: e.f.TeamA.Districts[0].ID,
		DutchProficiency: "redelijk", Street: "Teststraat 2", Postcode: "3563 AB", City: "Utrecht"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.AssignFamily(ctx, fam.ID, regie.AssignInput{CoordinatorID: e.f.Casemanager.ID}); err != nil {
		t.Fatal(err)
	}
	token := e.session(e.f.Casemanager)
	path := fmt.Sprintf("/gezinnen/%d/plan", fam.ID)
	for _, months := range []int{regie.DefaultNorms().PlanMaxMonths, 3} {
		if months != regie.DefaultNorms().PlanMaxMonths {
			if err := e.store.SaveNorms(storetest.As(e.f.Admin), map[string]string{"norm.plan_max_maanden": strconv.Itoa(months)}); err != nil {
				t.Fatal(err)
			}
		}
		r := e.do(http.MethodGet, path, token, nil)
		text := visibleText(r.body)
		if want := fmt.Sprintf("uiterlijk %d maanden na de start", months); r.status != http.StatusOK || !strings.Contains(text, want) {
			t.Errorf("norm %d: status %d, page lacks %q", months, r.status, want)
		}
		if strings.Contains(text, "twee maanden") {
			t.Errorf("norm %d: the page still says twee maanden", months)
		}
	}
}

// TestCoordinatorPhone: the administrator gives an account its work phone;
// the family page shows it on the coordinator's line.
func TestCoordinatorPhone(t *testing.T) {
	e := newEnv(t)
	admin := e.session(e.f.Admin)
	form := e.do(http.MethodGet, "/beheer/gebruikers/nieuw", admin, nil)
	if !strings.Contains(form.body, `name="phone"`) {
		t.Fatal("the new-account form has no phone field")
	}
	r := e.do(http.MethodPost, "/beheer/gebruikers", admin, url.Values{"name": {"Noor de Wit"}, "email": {"noor@test.nl"},
		"phone": {"06 1234 5678"}, "role": {string(regie.RoleCasemanager)}, "organisation": {strconv.FormatInt(e.f.Org.ID, 10)},
		"team": {strconv.FormatInt(e.f.TeamA.ID, 10)}, "districts": {strconv.FormatInt(e.f.TeamA.Districts[0].ID, 10)}})
	if r.status != http.StatusOK {
		t.Fatalf("create user: status %d", r.status)
	}
	u, err := e.store.FindUserByEmail(storetest.System(), "noor@test.nl")
	if err != nil || u.Phone != "06 1234 5678" {
		t.Fatalf("created user = %+v, %v; want phone 06 1234 5678", u, err)
	}
	if err := e.store.AssignFamily(storetest.As(e.f.TeamLeader), e.f.FamAssigned.ID,
		regie.AssignInput{CoordinatorID: u.ID, Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	page := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", e.f.FamAssigned.ID), e.session(e.f.TeamLeader), nil)
	if !regexp.MustCompile(`Noor de Wit · <a href="tel:06%201234%205678">06 1234 5678</a>`).MatchString(page.body) {
		t.Errorf("the family page does not show the coordinator's phone:\n%s", visibleText(page.body))
	}
}
