package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// TestEvaluationForm_FinalLosesNothing: the final evaluation's form shows
// the eight end terms; sent incomplete it comes back with a Dutch message
// per field and what was typed; complete, it is recorded and shown.
func TestEvaluationForm_FinalLosesNothing(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	r := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/evaluaties/nieuw?soort=eind", fam.ID), token, nil)
	if r.status != http.StatusOK {
		t.Fatalf("form: %d", r.status)
	}
	body := html.UnescapeString(r.body)
	for _, term := range regie.EndTerms {
		if !strings.Contains(body, term.Label) || !strings.Contains(body, `name="term-`+string(term.Value)+`-score"`) {
			t.Errorf("the form lacks end term %q", term.Label)
		}
	}
	v, err := e.store.FindPlanVersion(storetest.As(e.f.Casemanager), fam.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	key := v.Goals[0].Key
	form := url.Values{"kind": {"eind"}, "on": {"2026-03-02"}, "others": {"Oma Jansen"}, "goal": {key},
		"goal-" + key + "-note": {"Bijna helemaal"}, "term-leefsituatie-score": {"behaald"}, "term-leefsituatie-note": {"Huur betaald"},
		"score-financien": {"4"}}
	path := fmt.Sprintf("/gezinnen/%d/evaluaties", fam.ID)
	r = e.do(http.MethodPost, path, token, form)
	body = html.UnescapeString(r.body)
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("incomplete: %d", r.status)
	}
	for _, want := range []string{"Oma Jansen", "Bijna helemaal", "Huur betaald", regie.Text(regie.MsgEvalEndTermScore),
		regie.Text(regie.MsgEvalGoalDegree), "Afname van overlast en justitiële contacten, score"} {
		if !strings.Contains(body, want) {
			t.Errorf("the form came back without %q", want)
		}
	}
	form.Set("goal-"+key+"-degree", "deels")
	form.Set("closing_answer", "Een vast aanspreekpunt in de wijk")
	for _, term := range regie.EndTerms[1:] {
		form.Set("term-"+string(term.Value)+"-score", "nvt")
	}
	r = e.do(http.MethodPost, path, token, form)
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), path+"/") {
		t.Fatalf("complete: %d %s", r.status, r.header.Get("Location"))
	}
	r = e.do(http.MethodGet, r.header.Get("Location"), token, nil)
	body = html.UnescapeString(r.body)
	for _, want := range []string{"Eindevaluatie van", "Oma Jansen", "Deels behaald", "Niet van toepassing", "Een vast aanspreekpunt in de wijk"} {
		if !strings.Contains(body, want) {
			t.Errorf("the evaluation page lacks %q", want)
		}
	}
	// After the final evaluation of the period the list offers no other
	// evaluation (a relapse opens a new period).
	r = e.do(http.MethodGet, path, token, nil)
	if r.status != http.StatusOK || strings.Contains(r.body, "soort=") {
		t.Errorf("the list after the final evaluation: %d, still offers one", r.status)
	}
}

// TestEvaluation_DiscussedFromTheAgenda: the team meeting lists the
// evaluations not yet discussed, with the team leader's button; once
// pressed the evaluation leaves the list and the minutes hold it.
func TestEvaluation_DiscussedFromTheAgenda(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.TeamLeader)
	fam := e.f.FamAssigned
	eid := template.evaluations[fam.ID]
	action := fmt.Sprintf("/gezinnen/%d/evaluaties/%d/besproken", fam.ID, eid)
	r := e.do(http.MethodGet, "/teamoverleg/2026-03-02", token, nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, "Evaluaties te bespreken") || !strings.Contains(r.body, `action="`+action+`"`) {
		t.Fatalf("agenda: %d, section or button missing", r.status)
	}
	cm := e.session(e.f.Casemanager)
	if r := e.do(http.MethodGet, "/teamoverleg/2026-03-02", cm, nil); strings.Contains(r.body, `action="`+action+`"`) {
		t.Error("a casemanager is offered the team leader's button")
	}
	r = e.do(http.MethodPost, action, token, url.Values{"terug": {"teamoverleg"}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/teamoverleg#evaluaties" {
		t.Fatalf("discussed: %d %s", r.status, r.header.Get("Location"))
	}
	r = e.do(http.MethodGet, "/teamoverleg/2026-03-02", token, nil)
	if strings.Contains(r.body, `action="`+action+`"`) || !strings.Contains(r.body, "Tussenevaluatie van") {
		t.Error("the discussed evaluation is still on the list, or not in the minutes")
	}
	r = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/evaluaties/%d", fam.ID, eid), token, nil)
	if !strings.Contains(r.body, "Besproken in het teamoverleg van") {
		t.Error("the evaluation page does not say it was discussed")
	}
}
