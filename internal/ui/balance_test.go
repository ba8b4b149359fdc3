package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// balanceIDs are the fixture's balance moment, its factor and the key of
// the newest plan's goal, per family.
var balanceIDs struct {
	moments, factors map[int64]int64
	goals            map[int64]string
}

// balanceExtras gives every fixture family a balance moment with one
// factor, and ties the working line "vaardigheden" to the plan's goal.
func balanceExtras(s *store.Store, f *storetest.Fixture) error {
	balanceIDs.moments, balanceIDs.factors, balanceIDs.goals = map[int64]int64{}, map[int64]int64{}, map[int64]string{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		ctx := storetest.As(f.TeamLeader)
		if fam == f.FamOther {
			ctx = storetest.As(f.TeamLeaderB)
		}
		m, err := s.AddBalanceMoment(ctx, fam.ID, regie.BalanceMomentInput{On: "2026-03-01", Note: "Bij de start"})
		if err != nil {
			return err
		}
		if err := s.AddBalanceFactor(ctx, fam.ID, m.ID, regie.BalanceFactorInput{Kind: regie.BalanceRisk, Level: regie.LevelMacro,
			Text: "Schulden", Weight: "3"}); err != nil {
			return err
		}
		b, err := s.FindBalance(ctx, fam.ID)
		if err != nil {
			return err
		}
		if len(b.Goals) == 0 {
			return fmt.Errorf("balance fixture: family %d has no plan goal", fam.ID)
		}
		balanceIDs.moments[fam.ID], balanceIDs.factors[fam.ID], balanceIDs.goals[fam.ID] = m.ID, b.Newest().Factors[0].ID, b.Goals[0].Key
		if err := s.TieWorkingLine(ctx, fam.ID, regie.GoalLineInput{GoalKey: b.Goals[0].Key, Line: regie.LineSkills}); err != nil {
			return err
		}
	}
	return nil
}

func balanceMomentForm(*storetest.Fixture, string) url.Values {
	return url.Values{"on": {"2026-03-02"}, "note": {"Na een maand"}, "copy": {"1"}}
}

func balanceFactorForm(*storetest.Fixture, string) url.Values {
	return url.Values{"balance_kind": {"beschermend"}, "balance_level": {"omgeving"}, "factor_text": {"Oma past op"}, "weight": {"2"}}
}

func balanceLineForm(line regie.WorkingLine) func(*storetest.Fixture, string) url.Values {
	return func(f *storetest.Fixture, rel string) url.Values {
		return url.Values{"goal": {balanceIDs.goals[familyOf(f, rel).ID]}, "working_line": {string(line)}}
	}
}

// TestBalance_Pages: the coordinator finds the balance model from the
// family page, and submits every form of it: a factor tilts the balance
// the other way, a bad factor comes back with what was typed, a new moment
// copies the factors and the start is compared with now, an earlier
// moment opens, a working line is tied to a goal (shown on the plan page)
// and untied, a factor removed; the PDF prints. The youth worker reads
// without forms; a partner finds nothing.
func TestBalance_Pages(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	base := fmt.Sprintf("/gezinnen/%d/balans", fam.ID)
	start := balanceIDs.moments[fam.ID]

	resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, `href="`+base+`"`) {
		t.Fatalf("family page without the balance model: %d", resp.status)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	for _, want := range []string{"<svg", "De draaglast weegt zwaarder dan de draagkracht", "Schulden", "Factor toevoegen",
		"Nieuw moment vastleggen", "Werklijn koppelen", "Vaardigheden vergroten", "Overzicht van de schulden"} {
		if !strings.Contains(resp.body, want) {
			t.Fatalf("balance page lacks %q: %d\n%.2000s", want, resp.status, resp.body)
		}
	}

	// A bad factor: the messages, and what was typed kept.
	factors := fmt.Sprintf("%s/%d/factoren", base, start)
	resp = e.do(http.MethodPost, factors, token, url.Values{"balance_kind": {"beschermend"}, "balance_level": {"macro"},
		"factor_text": {"Iets dat ik typte"}, "weight": {"9"}})
	if resp.status != invalid || !strings.Contains(resp.body, "Iets dat ik typte") || !strings.Contains(resp.body, "Niveau:") ||
		!strings.Contains(resp.body, "Gewicht:") {
		t.Fatalf("bad factor: %d\n%.1500s", resp.status, resp.body)
	}
	// Two protective factors tilt the balance to the carrying side.
	for _, text := range []string{"Oma past op", "Moeder vraagt hulp"} {
		resp = e.do(http.MethodPost, factors, token, url.Values{"balance_kind": {"beschermend"}, "balance_level": {"omgeving"},
			"factor_text": {text}, "weight": {"2"}})
		if resp.status != redirect {
			t.Fatalf("add factor: %d\n%.800s", resp.status, resp.body)
		}
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if !strings.Contains(resp.body, "De draagkracht weegt zwaarder dan de draaglast") || !strings.Contains(resp.body, "Moeder vraagt hulp") {
		t.Fatalf("the balance did not tip:\n%.2000s", resp.body)
	}

	// A new moment with the factors copied; start and now compared.
	resp = e.do(http.MethodPost, base, token, url.Values{"on": {"2099-01-01"}, "note": {"Te vroeg"}})
	if resp.status != invalid || !strings.Contains(resp.body, "Te vroeg") {
		t.Fatalf("moment in the future: %d", resp.status)
	}
	resp = e.do(http.MethodPost, base, token, url.Values{"on": {"2026-03-02"}, "note": {"Na een maand"}, "copy": {"1"}})
	if resp.status != redirect || resp.header.Get("Location") != base {
		t.Fatalf("add moment: %d %s", resp.status, resp.header.Get("Location"))
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if !strings.Contains(resp.body, "Begin en nu") || !strings.Contains(resp.body, "Alle momenten") || !strings.Contains(resp.body, "Na een maand") ||
		strings.Count(resp.body, "Moeder vraagt hulp") < 1 {
		t.Fatalf("second moment:\n%.3000s", resp.body)
	}
	// The first moment opens on its own.
	resp = e.do(http.MethodGet, fmt.Sprintf("%s?moment=%d", base, start), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Eerder moment: 1 maart 2026") || !strings.Contains(resp.body, "Bij de start") {
		t.Fatalf("earlier moment: %d\n%.1500s", resp.status, resp.body)
	}
	if resp := e.do(http.MethodGet, base+"?moment=999999", token, nil); resp.status != notFound {
		t.Fatalf("unknown moment: %d", resp.status)
	}
	// Removing a factor of the first moment.
	resp = e.do(http.MethodPost, fmt.Sprintf("%s/%d/factoren/%d/verwijderen", base, start, balanceIDs.factors[fam.ID]), token, url.Values{})
	if resp.status != redirect {
		t.Fatalf("remove factor: %d", resp.status)
	}

	// A working line tied to the plan's goal shows on the plan page.
	lines := base + "/werklijnen"
	goal := balanceIDs.goals[fam.ID]
	resp = e.do(http.MethodPost, lines, token, url.Values{"goal": {goal}, "working_line": {"vaardigheden"}})
	if resp.status != invalid || !strings.Contains(resp.body, "Deze werklijn hoort al bij dit doel") {
		t.Fatalf("tied twice: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodPost, lines, token, url.Values{"goal": {goal}, "working_line": {"stress"}})
	if resp.status != redirect {
		t.Fatalf("tie: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d/plan", fam.ID), token, nil)
	if !strings.Contains(resp.body, "Werklijnen uit het balansmodel") || !strings.Contains(resp.body, "Stress verlichten") {
		t.Fatalf("plan page without the working lines:\n%.3000s", resp.body)
	}
	resp = e.do(http.MethodPost, lines+"/ontkoppelen", token, url.Values{"goal": {goal}, "working_line": {"vaardigheden"}})
	if resp.status != redirect {
		t.Fatalf("untie: %d", resp.status)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if strings.Contains(resp.body, `<span class="badge">Vaardigheden vergroten</span>`) || !strings.Contains(resp.body, `<span class="badge">Stress verlichten</span>`) {
		t.Fatalf("after untying:\n%.3000s", resp.body)
	}

	// The PDF.
	resp = e.do(http.MethodGet, base+"/afdruk.pdf", token, nil)
	if resp.status != ok || !strings.HasPrefix(resp.body, "%PDF-") || resp.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("pdf: %d %s", resp.status, resp.header.Get("Content-Type"))
	}

	// The family's youth worker reads, without forms.
	yw := e.session(e.f.YouthWorker)
	resp = e.do(http.MethodGet, base, yw, nil)
	if resp.status != ok || strings.Contains(resp.body, "Factor toevoegen") || strings.Contains(resp.body, "Verwijderen") ||
		strings.Contains(resp.body, "Werklijn koppelen") || strings.Contains(resp.body, "afdruk.pdf") {
		t.Fatalf("youth worker: %d\n%.800s", resp.status, resp.body)
	}
	// A partner: not there.
	if resp := e.do(http.MethodGet, base, e.session(e.f.Partner1), nil); resp.status != notFound {
		t.Fatalf("partner: %d", resp.status)
	}
}
