package demo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/demo"
	"regie/internal/keys"
	"regie/internal/password"
	"regie/internal/store"
)

// TestSeed_ShowsTheWholeJourney checks that the demo a newcomer opens
// shows what regie is for: families in every phase, the signals a team
// leader acts on (among them the attempts in a row at a door that stays
// shut), a closed file, agreed plans and signed consent, referrals
// awaiting the team meeting, phase moves decided in past team meetings.
// And that a second run changes nothing.
func TestSeed_ShowsTheWholeJourney(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	hasher := password.NewHasher(password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}, 2)
	if err := demo.Seed(ctx, st, hasher, regie.SystemClock()); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		t.Helper()
		var n int
		if err := st.DB().QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	families := count(`SELECT count(*) FROM families`)
	if err := demo.Seed(ctx, st, hasher, regie.SystemClock()); err != nil {
		t.Fatal(err)
	}
	if again := count(`SELECT count(*) FROM families`); again != families || families < 8 {
		t.Fatalf("families: %d, after a second run %d", families, again)
	}
	// Gezin Jansen's sociogram at two moments: isolated at the start,
	// the isolation broken at the interim evaluation.
	if n := count(`SELECT count(*) FROM sociogram_moments m JOIN families f ON f.id = m.family_id WHERE f.household_name = 'Gezin Jansen'`); n != 2 {
		t.Errorf("Gezin Jansen has %d sociogram moments, want 2", n)
	}
	if n := count(`SELECT count(*) FROM sociogram_ties t JOIN sociogram_moments m ON m.id = t.moment_id
		WHERE m.label = 'Tussenevaluatie' AND t.quality = 'steunend' AND t.sector <> 'instanties'`); n < 2 {
		t.Errorf("the later moment has %d supportive ties outside the agencies", n)
	}

	// Gezin Jansen's balance model: drawn at the start and again at the
	// interim evaluation, three working lines tied to the plan's goals.
	if n := count(`SELECT count(*) FROM balance_moments m JOIN families f ON f.id = m.family_id WHERE f.household_name = 'Gezin Jansen'`); n != 2 {
		t.Errorf("Gezin Jansen has %d balance moments, want 2", n)
	}
	if n := count(`SELECT count(*) FROM balance_goal_lines`); n != 3 {
		t.Errorf("%d working lines tied to goals, want 3", n)
	}
	// Every worker in the team has a (fictional) 06-number at work; a
	// family's coordinator is reached on it.
	if n := count(`SELECT count(*) FROM users WHERE team_id IS NOT NULL AND phone NOT LIKE '06 %'`); n != 0 {
		t.Errorf("%d team members without a 06-number", n)
	}

	// Gezin Jansen has a genogram over three generations with a divorce,
	// a deceased grandparent and a conflict.
	if n := count(`SELECT count(DISTINCT p.generation) FROM genogram_persons p JOIN families f ON f.id = p.family_id
		WHERE f.household_name = 'Gezin Jansen'`); n != 3 {
		t.Errorf("the demo genogram has %d generations, want 3", n)
	}
	if n := count(`SELECT count(*) FROM genogram_relations WHERE kind IN ('gescheiden', 'conflict')`) +
		count(`SELECT count(*) FROM genogram_persons WHERE generation = -1 AND death_year IS NOT NULL`); n != 3 {
		t.Errorf("the demo genogram lacks the divorce, the conflict or the deceased grandparent (%d)", n)
	}

	// One break-glass access has run out and waits for the privacy
	// officer's review; every read during it is marked in the log.
	if n := count(`SELECT count(*) FROM emergency_accesses WHERE reviewed_at IS NULL`); n != 1 {
		t.Errorf("%d emergency accesses waiting for review, want 1", n)
	}
	if n := count(`SELECT count(*) FROM audit a JOIN emergency_accesses e ON a.user_id = e.user_id AND a.family_id = e.family_id
		WHERE a.outcome = 'ok' AND a.basis LIKE 'noodtoegang %'`); n < 2 {
		t.Errorf("%d marked audit rows of the demo's emergency access", n)
	}

	leader := teamLeader(t, st)
	list, _, err := st.FindFamilies(leader, regie.FamilyFilter{Scope: regie.ScopeTeam, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	phases := map[regie.Phase]bool{}
	signals := map[regie.SignalKind]bool{}
	for _, fs := range list {
		phases[fs.Phase] = true
		for _, s := range fs.Signals {
			signals[s.Kind] = true
		}
	}
	for p := regie.PhaseIntroduction; p <= regie.PhaseCoordination; p++ {
		if !phases[p] {
			t.Errorf("no family in phase %d (%s)", p, p.Label())
		}
	}
	for _, k := range []regie.SignalKind{regie.SignalRejectedStreak, regie.SignalPlanOverdue} {
		if !signals[k] {
			t.Errorf("no family with the signal %q; signals: %v", k, signals)
		}
	}
	for what, q := range map[string]string{
		"a closed file":                          `SELECT count(*) FROM families WHERE closed_at IS NOT NULL`,
		"a check-up after closing":               `SELECT count(*) FROM checkups`,
		"an agreed plan":                         `SELECT count(*) FROM plan_versions WHERE status = 'vastgesteld'`,
		"a signed consent":                       `SELECT count(*) FROM consents WHERE withdrawn_on IS NULL`,
		"a referral awaiting intake":             `SELECT count(*) FROM referrals WHERE status IN ('ontvangen', 'agenda')`,
		"a refused or shut door":                 `SELECT count(*) FROM contacts WHERE attempt <> 'contact'`,
		"a phase move decided in a team meeting": `SELECT count(*) FROM meeting_decisions WHERE linked_kind = 'fase'`,
		"a warm handover in phase 4":             `SELECT count(*) FROM handovers h JOIN family_summaries s ON s.family_id = h.family_id WHERE s.phase = 4`,
		"a family in phase 5 with two network meetings": `SELECT count(*) FROM (SELECT m.family_id FROM network_meetings m
			JOIN family_summaries s ON s.family_id = m.family_id WHERE s.phase = 5 AND s.closed_on IS NULL GROUP BY m.family_id HAVING count(*) >= 2) x`,
		"a closing with its outcome": `SELECT count(*) FROM family_closings WHERE outcome = 'netwerk_neemt_over'`,
		"a work supervision session": `SELECT count(*) FROM supervision_sessions`,
		// The informal network and the partner's side (issue 12).
		"a grandmother, a neighbour and a sports coach": `SELECT CASE WHEN count(DISTINCT relation) = 3 THEN 1 ELSE 0 END
			FROM network_persons WHERE relation IN ('grootouder', 'buur', 'sportcoach')`,
		"a person of the informal network at a network meeting":         `SELECT count(*) FROM network_attendees WHERE person_id IS NOT NULL`,
		"a network agreement owned by a person of the informal network": `SELECT count(*) FROM network_agreements WHERE owner_person_id IS NOT NULL`,
		"a plan agreement owned by a person of the informal network":    `SELECT count(*) FROM plan_agreements WHERE person_id IS NOT NULL`,
		"an ended person who keeps an agreement": `SELECT count(*) FROM network_agreements a JOIN network_persons p ON p.id = a.owner_person_id
			WHERE p.ended_on IS NOT NULL`,
		"a network agreement owned by the demo partner's organisation": `SELECT count(*) FROM network_agreements a
			JOIN users u ON u.organisation_id = a.owner_org_id WHERE u.email = 'partner@demo.regie.nl'`,
		"a consent naming the demo partner's organisation for the network meetings": `SELECT count(*) FROM consent_parties p
			JOIN consents c ON c.id = p.consent_id JOIN users u ON u.organisation_id = p.org_id
			WHERE u.email = 'partner@demo.regie.nl' AND c.withdrawn_on IS NULL AND p.kinds LIKE '%netwerkoverleg%'`,
	} {
		if count(q) == 0 {
			t.Errorf("the demo has no %s", what)
		}
	}

	// Every demo account logs in; the one the administrator made waits
	// for the team leader, who sees it under Bevestigingen.
	for _, l := range demo.Logins {
		u, err := st.FindUserByEmail(ctx, l.Email)
		if err != nil || u.Unconfirmed || u.PasswordTemporary {
			t.Fatalf("demo account %s: %+v, %v", l.Email, u, err)
		}
	}
	if u, err := st.FindUserByEmail(ctx, demo.PendingEmail); err != nil || !u.Unconfirmed {
		t.Fatalf("the administrator's new account: %+v, %v", u, err)
	}
	// Work supervision: one casemanager had hers recently, another's is
	// overdue, and the rest have none yet.
	workers, err := st.FindSupervisionWorkers(leader)
	if err != nil {
		t.Fatal(err)
	}
	states := map[regie.SupervisionState]int{}
	for _, w := range workers {
		states[w.Due.State]++
	}
	if states[regie.SupervisionOnTime] == 0 || states[regie.SupervisionOverdue] == 0 || states[regie.SupervisionNone] == 0 {
		t.Errorf("supervision states %v, want one on time, one overdue, one without", states)
	}
	pending, err := st.FindPendingAccountChanges(leader)
	if err != nil || len(pending) != 1 || !pending[0].CanConfirm || pending[0].UserEmail != demo.PendingEmail {
		t.Fatalf("the team leader's confirmations: %+v, %v", pending, err)
	}

	// The reports: enough families whose final evaluation fell in the
	// last twelve months, each scored as a household at an earlier moment
	// too, for the effect's figures to leave the team; a spread in the
	// changes; the example rates, each saying it is one.
	since := regie.DateOf(time.Now()).AddMonths(-12).ISO()
	var cohort int
	if err := st.DB().QueryRow(`SELECT count(DISTINCT e.family_id) FROM evaluations e
		JOIN moment_scores s ON s.moment_id = e.moment_id AND s.member_id = 0
		WHERE e.kind = 'eind' AND e.on_date >= $1 AND EXISTS (SELECT 1 FROM score_moments m
			JOIN moment_scores ms ON ms.moment_id = m.id AND ms.member_id = 0
			WHERE m.family_id = e.family_id AND m.on_date < e.on_date)`, since).Scan(&cohort); err != nil {
		t.Fatal(err)
	}
	if cohort < regie.MinGroup {
		t.Errorf("%d families with a final evaluation and scores at two moments in the last year, want at least %d", cohort, regie.MinGroup)
	}
	var finals int
	if err := st.DB().QueryRow(`SELECT count(DISTINCT s.score) FROM evaluations e
		JOIN moment_scores s ON s.moment_id = e.moment_id AND s.member_id = 0 WHERE e.kind = 'eind'`).Scan(&finals); err != nil || finals < 3 {
		t.Errorf("%d different scores at the final evaluations (%v), want a spread", finals, err)
	}
	rates, err := st.FindRates(leader)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range regie.RateDefs {
		if r := rates[d.Key]; !r.Set || !strings.Contains(r.Source, "Voorbeeldwaarde voor de demo") {
			t.Errorf("demo rate %s: %+v, want an example value that says so", d.Key, r)
		}
	}
	if u, err := st.FindUserByEmail(ctx, "manager@demo.regie.nl"); err != nil || u.Role != regie.RoleManager || u.TeamID != 0 {
		t.Errorf("the demo manager: %+v, %v", u, err)
	}
	// The privacy officer has an open request for rectification, within
	// its month, and a person to export with something in it.
	fgUser, err := st.FindUserByEmail(ctx, "privacy@demo.regie.nl")
	if err != nil {
		t.Fatal(err)
	}
	fg := regie.NewContextWithActor(ctx, &regie.Actor{UserID: fgUser.ID, Name: fgUser.Name, Role: fgUser.Role, OrganisationID: fgUser.OrganisationID})
	open, err := st.FindRectifications(fg, regie.RectificationFilter{OpenOnly: true})
	if err != nil || len(open) != 1 || open[0].Late(regie.DateOf(time.Now())) {
		t.Errorf("open requests for rectification: %v, %v", open, err)
	}
	if err == nil && len(open) == 1 {
		e, err := st.ExportPerson(fg, open[0].FamilyID, open[0].MemberID)
		rows := 0
		if err == nil {
			for _, s := range e.Sections {
				rows += len(s.Rows)
			}
		}
		if err != nil || rows < 10 || len(e.Rectifications) != 2 || len(e.Access) == 0 {
			t.Errorf("the demo person's export: %d rows, %v", rows, err)
		}
	}
}

// teamLeader returns the demo team leader as the acting user.
func teamLeader(t *testing.T, st *store.Store) context.Context {
	t.Helper()
	sys := regie.NewContextWithActor(context.Background(), regie.SystemActor())
	users, err := st.FindUsers(sys, regie.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Role == regie.RoleTeamLeader {
			return regie.NewContextWithActor(context.Background(), &regie.Actor{UserID: u.ID, Name: u.Name, Role: u.Role,
				OrganisationID: u.OrganisationID, TeamID: u.TeamID})
		}
	}
	t.Fatal("no team leader in the demo")
	return nil
}

// TestSeed_AtAnyHour seeds the demo on a clock set to the hours where a
// history that runs up to "now" can trip over the present: just after
// midnight, before the first visit of the day, and between the visits.
// Whatever the hour, the demo is made, and nothing it records lies in the
// future.
func TestSeed_AtAnyHour(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the demo several times")
	}
	for _, hour := range []int{0, 4, 9, 15, 17} {
		t.Run(fmt.Sprint(hour), func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{Keys: keys.ForTest()})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 12, 4, hour, 30, 0, 0, regie.Amsterdam)
			st.Clock = regie.ClockFunc(func() time.Time { return now })
			hasher := password.NewHasher(password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}, 2)
			if err := demo.Seed(ctx, st, hasher, st.Clock); err != nil {
				t.Fatal(err)
			}
			var future int
			if err := st.DB().QueryRow(`SELECT count(*) FROM contacts WHERE contact_date > ?`, "2026-12-04").Scan(&future); err != nil {
				t.Fatal(err)
			}
			if future != 0 {
				t.Errorf("%d contacts after today", future)
			}
		})
	}
}
