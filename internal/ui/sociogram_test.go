package ui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// socioIDs are the fixture's sociogram moment and one of its ties per
// family.
var socioIDs struct {
	moments map[int64]int64
	ties    map[int64]int64
}

// sociogramExtras gives every fixture family a sociogram moment "Start"
// with one tie.
func sociogramExtras(s *store.Store, f *storetest.Fixture) error {
	socioIDs.moments, socioIDs.ties = map[int64]int64{}, map[int64]int64{}
	for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
		ctx := storetest.As(f.TeamLeader)
		if fam == f.FamOther {
			ctx = storetest.As(f.TeamLeaderB)
		}
		m, err := s.AddSocioMoment(ctx, fam.ID, regie.SocioMomentInput{On: "2026-01-15", Label: "Start"})
		if err != nil {
			return err
		}
		socioIDs.moments[fam.ID] = m.ID
		t, err := s.SaveSocioTie(ctx, fam.ID, m.ID, 0, regie.SocioTieInput{Sector: regie.SectorAgencies, Name: "Schuldhulp",
			Strength: regie.TieModerate, Quality: regie.TieStressful})
		if err != nil {
			return err
		}
		socioIDs.ties[fam.ID] = t.ID
	}
	return nil
}

func socioMomentForm(*storetest.Fixture, string) url.Values {
	return url.Values{"moment_on": {"2026-03-01"}, "moment_label": {"Evaluatie"}}
}

func socioTieForm(*storetest.Fixture, string) url.Values {
	return url.Values{"sector": {"familie"}, "tie_name": {"Oma Riet"}, "strength": {"sterk"}, "quality": {"steunend"}}
}

// TestSociogram_Pages: the coordinator finds the sociogram from the family
// page, adds a tie (bad input comes back with what was typed), sees it in
// the drawing and in the text; adds a later moment as a copy, changes and
// removes a tie there, and sees the comparison; prints a moment. The youth
// worker reads without forms.
func TestSociogram_Pages(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	base := fmt.Sprintf("/gezinnen/%d/sociogram", fam.ID)
	start := socioIDs.moments[fam.ID]

	resp := e.do(http.MethodGet, fmt.Sprintf("/gezinnen/%d", fam.ID), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, `href="`+base+`"`) || !strings.Contains(resp.body, fmt.Sprintf(`href="/gezinnen/%d/bloem"`, fam.ID)) {
		t.Fatalf("family page without the sociogram and the flower: %d", resp.status)
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "<svg") || !strings.Contains(resp.body, "Schuldhulp") ||
		!strings.Contains(resp.body, "Band toevoegen") || !strings.Contains(resp.body, "Moment toevoegen") {
		t.Fatalf("sociogram page: %d\n%.800s", resp.status, resp.body)
	}

	ties := fmt.Sprintf("%s/%d/banden", base, start)
	bad := url.Values{"sector": {"kerk"}, "tie_name": {""}, "tie_note": {"Iets dat ik typte"}}
	resp = e.do(http.MethodPost, ties, token, bad)
	if resp.status != invalid || !strings.Contains(resp.body, "Iets dat ik typte") || !strings.Contains(resp.body, "Naam of omschrijving:") ||
		!strings.Contains(resp.body, "Kwaliteit van de band:") {
		t.Fatalf("bad tie: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodPost, ties, token, url.Values{"sector": {"buren"}, "tie_name": {"Buurvrouw Els"}, "strength": {"zwak"},
		"quality": {"wisselend"}, "tie_note": {"Groet op straat"}})
	if resp.status != redirect || !strings.HasPrefix(resp.header.Get("Location"), base) {
		t.Fatalf("add tie: %d %s", resp.status, resp.header.Get("Location"))
	}
	resp = e.do(http.MethodGet, base, token, nil)
	if !strings.Contains(resp.body, ">Buurvrouw Els</text>") || !strings.Contains(resp.body, ">Buurvrouw Els</th>") ||
		!strings.Contains(resp.body, "Groet op straat") || !regexp.MustCompile(`>Buren</text>\s*<text[^>]*>1 band</text>`).MatchString(resp.body) {
		t.Fatalf("the tie is not in the drawing and the text:\n%.3000s", resp.body)
	}

	// A later moment: bad input keeps what was typed; then as a copy.
	resp = e.do(http.MethodPost, base, token, url.Values{"moment_on": {"2099-01-01"}, "moment_label": {""}, "moment_note": {"Mijn notitie"}})
	if resp.status != invalid || !strings.Contains(resp.body, "Mijn notitie") || !strings.Contains(resp.body, "Naam van het moment:") {
		t.Fatalf("bad moment: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodPost, base, token, url.Values{"moment_on": {"2026-03-01"}, "moment_label": {"Evaluatie"},
		"copy_from": {fmt.Sprint(start)}})
	loc := resp.header.Get("Location")
	if resp.status != redirect || !strings.Contains(loc, "?tot=") {
		t.Fatalf("add moment: %d %s", resp.status, loc)
	}
	resp = e.do(http.MethodGet, loc, token, nil)
	if resp.status != ok || strings.Count(resp.body, "<svg") < 2 || !strings.Contains(resp.body, "Wat veranderde van Start naar Evaluatie") {
		t.Fatalf("two moments side by side: %d\n%.2000s", resp.status, resp.body)
	}
	so, err := e.store.FindSociograms(storetest.As(e.f.Casemanager), fam.ID)
	if err != nil || len(so.Moments) != 2 || len(so.Moments[1].Ties) != 2 {
		t.Fatalf("moments = %+v, %v", so, err)
	}
	later := so.Moments[1]
	var els *regie.SocioTie
	for _, tie := range later.Ties {
		if tie.Name == "Buurvrouw Els" {
			els = tie
		}
	}
	tie := fmt.Sprintf("%s/%d/banden/%d", base, later.ID, els.ID)
	resp = e.do(http.MethodGet, tie, token, nil)
	if resp.status != ok || !strings.Contains(resp.body, `value="Buurvrouw Els"`) {
		t.Fatalf("tie page: %d\n%.800s\n%s", resp.status, resp.body, e.logBuf.String())
	}
	resp = e.do(http.MethodPost, tie, token, url.Values{"sector": {"buren"}, "tie_name": {""}, "strength": {"sterk"}, "quality": {"steunend"}})
	if resp.status != invalid || !strings.Contains(resp.body, "Naam of omschrijving:") {
		t.Fatalf("bad update: %d\n%.800s", resp.status, resp.body)
	}
	resp = e.do(http.MethodPost, tie, token, url.Values{"sector": {"buren"}, "tie_name": {"Buurvrouw Els"}, "strength": {"sterk"}, "quality": {"steunend"}})
	if resp.status != redirect {
		t.Fatalf("update: %d\n%.800s", resp.status, resp.body)
	}
	var debt *regie.SocioTie
	for _, tie := range later.Ties {
		if tie.Name == "Schuldhulp" {
			debt = tie
		}
	}
	resp = e.do(http.MethodPost, fmt.Sprintf("%s/%d/banden/%d/verwijderen", base, later.ID, debt.ID), token, nil)
	if resp.status != redirect {
		t.Fatalf("remove: %d", resp.status)
	}
	resp = e.do(http.MethodGet, loc, token, nil)
	if !strings.Contains(resp.body, "Veranderd") || !strings.Contains(resp.body, "nu sterk (binnenste cirkel), steunend") {
		t.Fatalf("comparison without the change:\n%.3000s", resp.body)
	}

	// The choice of moments (a GET form): picked the other way round, the
	// comparison still runs from the earlier to the later one.
	resp = e.do(http.MethodGet, fmt.Sprintf("%s?van=%d&tot=%d", base, later.ID, start), token, nil)
	if resp.status != ok || !strings.Contains(resp.body, "Wat veranderde van Start naar Evaluatie") ||
		!strings.Contains(resp.body, fmt.Sprintf(`action="%s/%d/banden"`, base, start)) {
		t.Fatalf("moments chosen: %d\n%.2000s", resp.status, resp.body)
	}

	// Printed: one moment on A4.
	resp = e.do(http.MethodGet, fmt.Sprintf("%s/%d/pdf", base, later.ID), token, nil)
	if resp.status != ok || resp.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.body, "%PDF-") {
		t.Fatalf("pdf: %d %s", resp.status, resp.header.Get("Content-Type"))
	}

	// The youth worker reads, without forms.
	if err := e.store.AssignYouthWorker(storetest.As(e.f.TeamLeader), fam.ID, fam.Members[1].ID, e.f.YouthWorker.ID, true); err != nil {
		t.Fatal(err)
	}
	resp = e.do(http.MethodGet, base, e.session(e.f.YouthWorker), nil)
	if resp.status != ok || strings.Contains(resp.body, "Band toevoegen") || strings.Contains(resp.body, "Moment toevoegen") {
		t.Fatalf("youth worker: %d", resp.status)
	}
}

// TestFlower_Page: the flower at the start and today, with the count of
// petals under each, and printed.
func TestFlower_Page(t *testing.T) {
	e := newEnv(t)
	// A month after the file opened: the flower at the start and today
	// (a file opened today has today's only: TestFlowers_OnTheirDays).
	e.clock.Advance(30 * 24 * time.Hour)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	base := fmt.Sprintf("/gezinnen/%d/bloem", fam.ID)
	resp := e.do(http.MethodGet, base, token, nil)
	if resp.status != ok || strings.Count(resp.body, "<svg") != 2 || !strings.Contains(resp.body, "Oma Riet") ||
		!strings.Contains(resp.body, "uit het informele netwerk") || !strings.Contains(resp.body, "Vandaag") {
		t.Fatalf("flower page: %d\n%.2000s", resp.status, resp.body)
	}
	resp = e.do(http.MethodGet, base+"/pdf", token, nil)
	if resp.status != ok || !strings.HasPrefix(resp.body, "%PDF-") {
		t.Fatalf("flower pdf: %d", resp.status)
	}
}
