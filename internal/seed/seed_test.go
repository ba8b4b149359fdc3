package seed_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/seed"
	"regie/internal/store"
	"regie/internal/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func count(t *testing.T, s *store.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func verifyAudit(t *testing.T, s *store.Store) int64 {
	t.Helper()
	rep, err := s.VerifyAudit(context.Background(), nil)
	if err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	for _, f := range rep.Findings {
		t.Errorf("VerifyAudit: %s", f.Message())
	}
	if rep.Keyed != rep.Rows {
		t.Errorf("VerifyAudit: %d of %d rows have a keyed hash", rep.Keyed, rep.Rows)
	}
	return rep.Rows
}

func TestGenerate(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		var progress bytes.Buffer
		if err := seed.Generate(ctx, s, seed.Options{Families: 300, Seed: 7, Now: clock.Now(), Progress: &progress}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(progress.String(), "\rgezinnen: 300/300") {
			t.Errorf("progress does not count the families:\n%q", progress.String())
		}

		// Counts: one team (300/800 rounds up to one), 11 casemanagers
		// (≈ 28 families each), a team leader, a youth worker, an
		// administrator and a privacy officer.
		if n := count(t, s, `SELECT count(*) FROM families`); n != 300 {
			t.Errorf("families = %d, want 300", n)
		}
		if n := count(t, s, `SELECT count(*) FROM teams`); n != 1 {
			t.Errorf("teams = %d, want 1", n)
		}
		if n := count(t, s, `SELECT count(*) FROM districts`); n < 2 || n > 4 {
			t.Errorf("districts = %d, want 2–4", n)
		}
		if n := count(t, s, `SELECT count(*) FROM users WHERE role = 'casemanager'`); n != 11 {
			t.Errorf("casemanagers = %d, want 11", n)
		}
		// The team and the two office roles; the partners, one at each
		// agency that takes over care (network.go), apart.
		if n := count(t, s, `SELECT count(*) FROM users WHERE role <> 'netwerkpartner'`); n != 15 {
			t.Errorf("users = %d, want 15", n)
		}
		if n := count(t, s, `SELECT count(*) FROM users WHERE role = 'netwerkpartner' AND team_id IS NULL`); n != 6 {
			t.Errorf("partners = %d, want one at each of the 6 agencies", n)
		}
		if n := count(t, s, `SELECT count(*) FROM families f WHERE (SELECT count(*) FROM members m WHERE m.family_id = f.id) NOT BETWEEN 2 AND 7`); n != 0 {
			t.Errorf("%d families without 2–7 members", n)
		}
		if n := count(t, s, `SELECT count(*) FROM members WHERE ended_on IS NOT NULL`); n == 0 {
			t.Error("no member has left a household")
		}

		// Every open family has exactly one current coordinator, a
		// casemanager of its own team, and each casemanager has 25–30
		// families, of which about one in ten closed (their assignments
		// ended on the day the file was closed).
		if n := count(t, s, `SELECT count(*) FROM families f WHERE f.closed_at IS NULL AND (SELECT count(*) FROM assignments a
			JOIN users u ON u.id = a.user_id AND u.role = 'casemanager' AND u.team_id = f.team_id
			WHERE a.family_id = f.id AND a.kind = 'regisseur' AND a.ended_on IS NULL) <> 1`); n != 0 {
			t.Errorf("%d open families without exactly one current coordinator of their team", n)
		}
		if n := count(t, s, `SELECT count(*) FROM families f WHERE f.closed_at IS NOT NULL AND (f.close_reason = '' OR EXISTS
			(SELECT 1 FROM assignments a WHERE a.family_id = f.id AND a.ended_on IS NULL))`); n != 0 {
			t.Errorf("%d closed families without a reason or with assignments running on", n)
		}
		if n := count(t, s, `SELECT count(*) FROM (SELECT a.user_id FROM assignments a WHERE a.kind = 'regisseur'
			AND a.id = (SELECT max(b.id) FROM assignments b WHERE b.family_id = a.family_id AND b.kind = 'regisseur')
			GROUP BY a.user_id HAVING count(*) NOT BETWEEN 25 AND 30) x`); n != 0 {
			t.Errorf("%d casemanagers without 25–30 families", n)
		}
		if n := count(t, s, `SELECT count(*) FROM assignments WHERE kind = 'duo' AND ended_on IS NULL`); n == 0 {
			t.Error("no family has a duo partner")
		}

		// The intake: every family came from an accepted referral in its
		// own team and district, received before its file began; other
		// referrals were declined (most for a contra-indication), wait, or
		// are in portfolio.
		if n := count(t, s, `SELECT count(*) FROM families f WHERE (SELECT count(*) FROM referrals r JOIN intake_decisions d ON d.referral_id = r.id
			WHERE r.family_id = f.id AND r.status = 'geaccepteerd' AND d.outcome = 'accepteren' AND d.family_id = f.id
				AND r.team_id = f.team_id AND r.district_id = f.district_id AND r.created_at < f.created_at AND d.decided_at <= f.created_at) <> 1`); n != 0 {
			t.Errorf("%d families without exactly one accepted referral before their start", n)
		}
		for _, q := range []string{
			`SELECT count(*) FROM referrals r JOIN intake_decisions d ON d.referral_id = r.id WHERE r.status = 'afgewezen' AND d.contra_indications <> ''`,
			`SELECT count(*) FROM referrals WHERE status = 'wachtlijst'`,
			`SELECT count(*) FROM referrals r JOIN organisations o ON o.id = r.referrer_org_id WHERE o.kind = 'school'`,
		} {
			if n := count(t, s, q); n == 0 {
				t.Errorf("none: %s", q)
			}
		}

		// The contacts summed per month are the contacts.
		if n := count(t, s, `SELECT COALESCE(SUM(contacts), 0) - (SELECT count(*) FROM contacts) FROM contact_months`); n != 0 {
			t.Errorf("contact_months counts %d contacts more than there are", n)
		}

		// Ages fit the roles.
		rows, err := s.DB().Query(`SELECT relation, birth_date FROM members`)
		if err != nil {
			t.Fatal(err)
		}
		today := regie.DateOf(clock.Now())
		for rows.Next() {
			var rel string
			var birth any
			if err := rows.Scan(&rel, &birth); err != nil {
				t.Fatal(err)
			}
			d := parseDate(t, birth)
			age := d.YearsOn(today)
			if rel == "ouder" && (age < 20 || age > 60) || rel == "kind" && (age < 0 || age > 24) {
				t.Errorf("%s born %s is %d", rel, d, age)
			}
		}
		rows.Close()

		// The search text is what the store would keep.
		var id int64
		var text string
		if err := s.DB().QueryRow(`SELECT id, search_text FROM families ORDER BY id LIMIT 1`).Scan(&id, &text); err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(text, " | ")
		if len(parts) < 3 || !strings.HasPrefix(parts[0], "gezin ") || parts[0] != strings.ToLower(parts[0]) {
			t.Errorf("search text %q", text)
		}
		// So are the sort keys, by which the lists put names in order.
		for _, q := range []string{`SELECT household_name, sort_name FROM families`, `SELECT name, sort_name FROM users`} {
			rows, err := s.DB().Query(q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var name, key string
				if err := rows.Scan(&name, &key); err != nil {
					t.Fatal(err)
				}
				if want := regie.SortName(name); key != want {
					t.Errorf("%s: sort key of %q is %q, want %q", q, name, key, want)
					break
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
		}

		// A casemanager finds their families through the store.
		cms, err := s.FindUsers(ctx, regie.UserFilter{Role: ptr(regie.RoleCasemanager)})
		if err != nil {
			t.Fatal(err)
		}
		cm := cms[0]
		want := ids(t, s, `SELECT family_id FROM assignments WHERE user_id = $1 AND ended_on IS NULL ORDER BY family_id`, cm.ID)
		list, total, err := s.FindFamilies(storetest.As(cm), regie.FamilyFilter{Scope: regie.ScopeMine, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, f := range list {
			got = append(got, f.ID)
		}
		sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
		if total != len(want) || !equal(got, want) {
			t.Errorf("FindFamilies(mine) = %v (total %d), want %v", got, total, want)
		}
		fam, err := s.FindFamilyByID(storetest.As(cm), want[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(fam.Members) < 2 || fam.Coordinator() == nil && fam.Duo() == nil {
			t.Errorf("family %d: %d members, coordinator %v", fam.ID, len(fam.Members), fam.Coordinator())
		}

		// The access log verifies, and holds the generated rows plus the
		// two reads above.
		n := verifyAudit(t, s)
		if n < 300*8 || n != int64(count(t, s, `SELECT count(*) FROM audit`)) {
			t.Errorf("VerifyAudit checked %d rows", n)
		}

		// A second run is refused.
		if err := seed.Generate(ctx, s, seed.Options{Families: 10, Now: clock.Now()}); err == nil || !strings.Contains(err.Error(), "already has 300 families") {
			t.Errorf("second Generate: %v", err)
		}
	})
}

// TestGenerateForce seeds a database that already has data and an access
// log: the ids and the hash chains continue, and regie's own writes after
// it (new ids from PostgreSQL's sequences, new audit rows) still work.
func TestGenerateForce(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		fx := storetest.NewFixture(t, s)
		if err := seed.Generate(ctx, s, seed.Options{Families: 50, Now: clock.Now()}); err == nil {
			t.Fatal("Generate on a database with families did not refuse")
		}
		if err := seed.Generate(ctx, s, seed.Options{Families: 50, Teams: 2, CasemanagersPerTeam: 3, Seed: 1, Now: clock.Now(), Force: true}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT count(*) FROM families`); n != 53 {
			t.Errorf("families = %d, want 53", n)
		}
		if n := count(t, s, `SELECT count(*) FROM organisations WHERE own = $1`, true); n != 1 {
			t.Errorf("own organisations = %d, want the fixture's one", n)
		}
		verifyAudit(t, s)
		fam, err := s.CreateFamily(storetest.As(fx.TeamLeader), regie.FamilyInput{HouseholdName: "Gezin Na", DistrictID: fx.TeamA.Districts[0].ID, DutchProficiency: "goed"})
		if err != nil {
			t.Fatalf("CreateFamily after seeding: %v", err)
		}
		if _, err := s.AddMember(storetest.As(fx.TeamLeader), fam.ID, regie.MemberInput{GivenName: "Ina", FamilyName: "Na", BirthDate: "1990-01-01", Relation: "ouder"}); err != nil {
			t.Fatalf("AddMember after seeding: %v", err)
		}
		verifyAudit(t, s)
	})
}

// TestGenerateDeterministic: the same seed and moment give the same data.
func TestGenerateDeterministic(t *testing.T) {
	clock := storetest.NewClock(storetest.Start)
	dump := func(seedValue int64) string {
		s := storetest.OpenSQLite(t, clock)
		if err := seed.Generate(context.Background(), s, seed.Options{Families: 40, Seed: seedValue, Now: clock.Now()}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, q := range []string{
			`SELECT id || household_name || street || postcode || search_text || created_at FROM families ORDER BY id`,
			`SELECT id || family_id || user_id || kind || started_on FROM assignments ORDER BY id`,
			`SELECT hash FROM audit ORDER BY id`,
			`SELECT id || family_id || user_id || contact_date || start_time || minutes || kind || attempt || phase FROM contacts ORDER BY id`,
			`SELECT family_id || phase || COALESCE(phase_started_on, '') || minutes_total || rejected_streak FROM family_summaries ORDER BY family_id`,
		} {
			rows, err := s.DB().Query(q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v string
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				b.WriteString(v + "\n")
			}
			rows.Close()
		}
		return b.String()
	}
	a, b, c := dump(3), dump(3), dump(4)
	if a != b {
		t.Error("two runs with the same seed differ")
	}
	if a == c {
		t.Error("two runs with different seeds are the same")
	}
}

// TestGenerateHistory checks the history of care: phases spread over all
// five with relapses and closed files, checklist ticks, contacts in the
// phase of their day by the coordinator of their day, and — essential —
// every family's summary row equal to what the store's refreshSummary
// computes from those rows; and that regie's own writes carry on from it.
func TestGenerateHistory(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		ctx := context.Background()
		const families = 400
		if err := seed.Generate(ctx, s, seed.Options{Families: families, Seed: 11, Now: clock.Now()}); err != nil {
			t.Fatal(err)
		}
		today := regie.DateOf(clock.Now())

		// Phases: every phase has families, some fell back from 5 to 3,
		// about one file in ten is closed.
		perPhase := map[int]int{}
		rows, err := s.DB().Query(`SELECT phase, count(*) FROM family_summaries GROUP BY phase`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var p, n int
			if err := rows.Scan(&p, &n); err != nil {
				t.Fatal(err)
			}
			perPhase[p] = n
		}
		rows.Close()
		t.Logf("families per phase: %v", perPhase)
		for p := 1; p <= 5; p++ {
			if perPhase[p] == 0 {
				t.Errorf("no family in phase %d: %v", p, perPhase)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM family_summaries`); n != families {
			t.Errorf("%d summaries for %d families", n, families)
		}
		relapses := count(t, s, `SELECT count(DISTINCT family_id) FROM phase_transitions WHERE reason LIKE 'Terugval: %'`)
		closed := count(t, s, `SELECT count(*) FROM families WHERE closed_at IS NOT NULL`)
		t.Logf("%d relapses, %d closed files", relapses, closed)
		if relapses < families/100 || relapses > families/10 {
			t.Errorf("%d families relapsed, want about 5 %%", relapses)
		}
		if closed < families/20 || closed > families/6 {
			t.Errorf("%d files closed, want about 10 %%", closed)
		}
		// The end of the intensive phase: every family that reached phase
		// 5 had its warm handover, every network contact of phase 5 is a
		// meeting, every closed file has its outcome.
		if n := count(t, s, `SELECT count(*) FROM family_summaries s WHERE s.coordination_started_on IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM handovers h WHERE h.family_id = s.family_id)`); n != 0 {
			t.Errorf("%d families in coordination without a handover", n)
		}
		meetings := count(t, s, `SELECT count(*) FROM network_meetings`)
		if n := count(t, s, `SELECT count(*) FROM contacts WHERE kind = 'netwerkoverleg' AND phase = 5`); meetings != n || n == 0 {
			t.Errorf("%d network meetings for %d network contacts in phase 5", meetings, n)
		}
		if n := count(t, s, `SELECT count(*) FROM family_closings`); n != closed {
			t.Errorf("%d closings with an outcome for %d closed files", n, closed)
		}
		if n := count(t, s, `SELECT count(*) FROM family_closings WHERE outcome = 'netwerk_neemt_over'`); n == 0 || n == closed {
			t.Errorf("%d of %d closings: the network took over", n, closed)
		}
		checkPartnerSide(t, s)
		if n := count(t, s, `SELECT count(*) FROM phase_transitions p JOIN phase_transitions q ON q.family_id = p.family_id
			AND q.started_on > p.started_on AND q.id < p.id`); n != 0 {
			t.Errorf("%d transitions out of order", n)
		}
		if n := count(t, s, `SELECT count(*) FROM phase_transitions p WHERE p.started_on > $1`, today.ISO()); n != 0 {
			t.Errorf("%d transitions in the future", n)
		}

		// Checklists: most items of past phases ticked.
		// (The items regie ticks itself from the records — the plan, the
		// consent, the evaluations — have no ticks.)
		auto := map[string]bool{regie.ItemPlan: true, regie.ItemConsent: true, regie.ItemInterimEval: true, regie.ItemFinalEval: true}
		items := map[int]int{}
		for _, d := range regie.DefaultPhases() {
			for _, it := range d.Items() {
				if !auto[it.Key] {
					items[int(d.Phase)]++
				}
			}
		}
		if n := count(t, s, `SELECT count(*) FROM checklist_ticks WHERE item_key IN ($1, $2, $3, $4)`,
			regie.ItemPlan, regie.ItemConsent, regie.ItemInterimEval, regie.ItemFinalEval); n != 0 {
			t.Errorf("%d ticks of items regie ticks itself", n)
		}
		var ticked, possible int
		rows, err = s.DB().Query(`SELECT p.phase, (SELECT count(*) FROM checklist_ticks c WHERE c.transition_id = p.id)
			FROM phase_transitions p JOIN family_summaries s ON s.family_id = p.family_id WHERE p.id <> s.transition_id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var p, n int
			if err := rows.Scan(&p, &n); err != nil {
				t.Fatal(err)
			}
			ticked, possible = ticked+n, possible+items[p]
		}
		rows.Close()
		if share := float64(ticked) / float64(possible); share < 0.75 || share > 0.95 {
			t.Errorf("%.0f %% of the items of past phases ticked, want most", share*100)
		}

		// Contacts: about 80 a family, about 15 % without contact, network
		// meetings in phase 5 only, each in the phase of its day, by the
		// coordinator of its day, never in the future or after a closure.
		total := count(t, s, `SELECT count(*) FROM contacts`)
		failed := count(t, s, `SELECT count(*) FROM contacts WHERE attempt <> 'contact'`)
		t.Logf("%d contacts (%.1f a family), %.1f %% without contact", total, float64(total)/families, 100*float64(failed)/float64(total))
		if total < 70*families || total > 90*families {
			t.Errorf("%d contacts for %d families, want about 80 a family", total, families)
		}
		if share := float64(failed) / float64(total); share < 0.11 || share > 0.20 {
			t.Errorf("%.1f %% of the contacts without contact, want about 15 %%", share*100)
		}
		if n := count(t, s, `SELECT count(*) FROM contacts WHERE kind = 'netwerkoverleg'`); n == 0 {
			t.Error("no network meetings")
		}
		for q, what := range map[string]string{
			`SELECT count(*) FROM contacts WHERE kind = 'netwerkoverleg' AND phase <> 5`: "network meetings outside phase 5",
			`SELECT count(*) FROM contacts c WHERE c.phase <> COALESCE((SELECT p.phase FROM phase_transitions p
				WHERE p.family_id = c.family_id AND p.started_on <= c.contact_date ORDER BY p.started_on DESC, p.id DESC LIMIT 1), 0)`: "contacts not in the phase of their day",
			`SELECT count(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.family_id = c.family_id
				AND a.user_id = c.user_id AND a.kind = 'regisseur' AND a.started_on <= c.contact_date
				AND (a.ended_on IS NULL OR c.contact_date <= a.ended_on))`: "contacts not by the coordinator of their day",
			`SELECT count(*) FROM contacts c JOIN assignments a ON a.family_id = c.family_id AND a.kind = 'regisseur'
				JOIN families f ON f.id = c.family_id
				WHERE f.closed_at IS NOT NULL AND a.ended_on IS NOT NULL AND c.contact_date > a.ended_on
				AND a.id = (SELECT max(b.id) FROM assignments b WHERE b.family_id = f.id)`: "contacts after the file was closed",
			`SELECT count(*) FROM contact_members cm JOIN contacts c ON c.id = cm.contact_id JOIN members m ON m.id = cm.member_id
				WHERE m.family_id <> c.family_id`: "members at a contact of another family",
		} {
			if n := count(t, s, q); n != 0 {
				t.Errorf("%d %s", n, what)
			}
		}
		if n := count(t, s, `SELECT count(*) FROM contacts WHERE contact_date >= $1`, today.ISO()); n != 0 {
			t.Errorf("%d contacts today or later", n)
		}
		if n := count(t, s, `SELECT count(*) FROM contact_members`); n == 0 {
			t.Error("no contact names the members who were there")
		}

		// Safety, extensions, meetings and their decisions.
		if n := count(t, s, `SELECT count(*) FROM safety_concerns WHERE severity = 'acuut' AND resolved_on IS NULL`); n == 0 {
			t.Error("no open acute safety concern")
		}
		if n := count(t, s, `SELECT count(*) FROM intensive_extensions`); n == 0 {
			t.Error("no reason for a longer intensive phase")
		}
		if n := count(t, s, `SELECT count(*) FROM meetings`); n != 53 {
			t.Errorf("%d meetings, want a year of Mondays for the one team", n)
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_decisions`); n == 0 {
			t.Error("no meeting decisions")
		}
		if n := count(t, s, `SELECT count(*) FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
			LEFT JOIN phase_transitions p ON p.id = d.linked_id AND p.family_id = d.family_id AND p.started_on = m.held_on
			WHERE d.linked_kind = 'fase' AND p.id IS NULL`); n != 0 {
			t.Errorf("%d decisions not linked to the phase move of their meeting's day", n)
		}

		// Plans and evaluations (plans.go).
		checkPlans(t, s, today)

		// Every summary is what the store computes from the rows.
		for _, id := range ids(t, s, `SELECT id FROM families ORDER BY id`) {
			stored, recomputed, err := s.RecomputeSummaryForTest(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := fmt.Sprintf("%+v", stored), fmt.Sprintf("%+v", recomputed); a != b {
				t.Errorf("family %d: generated summary\n%s\nrecomputed\n%s", id, a, b)
			}
		}
		var signals int
		rows, err = s.DB().Query(`SELECT rejected_streak FROM family_summaries WHERE rejected_streak >= 5`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			signals++
		}
		rows.Close()
		if signals == 0 {
			t.Error("no family with five attempts in a row without contact")
		}

		// The pages read it, and regie's own writes carry on from it.
		var famID, cmID, leaderID int64
		if err := s.DB().QueryRow(`SELECT a.family_id, a.user_id, t.id FROM assignments a JOIN families f ON f.id = a.family_id
			JOIN users t ON t.team_id = f.team_id AND t.role = 'teamleider'
			WHERE a.kind = 'regisseur' AND a.ended_on IS NULL AND f.closed_at IS NULL ORDER BY a.family_id LIMIT 1`).Scan(&famID, &cmID, &leaderID); err != nil {
			t.Fatal(err)
		}
		cm, err := s.FindUserByID(storetest.System(), cmID)
		if err != nil {
			t.Fatal(err)
		}
		leader, err := s.FindUserByID(storetest.System(), leaderID)
		if err != nil {
			t.Fatal(err)
		}
		fam, err := s.FindFamilyByID(storetest.As(cm), famID)
		if err != nil {
			t.Fatal(err)
		}
		if fam.Summary == nil || fam.Summary.Phase == 0 || fam.Phase == nil {
			t.Errorf("family page without its phase: %+v", fam.Summary)
		}
		if _, err := s.FindHours(storetest.As(cm), famID); err != nil {
			t.Fatal(err)
		}
		monday := today.Monday()
		ag, err := s.FindAgenda(storetest.As(leader), monday.ISO(), false)
		if err != nil {
			t.Fatal(err)
		}
		if len(ag.Signals) == 0 {
			t.Error("the team agenda has no families with signals")
		}
		if _, err := s.CreateContact(storetest.As(cm), famID, regie.ContactInput{Date: today.AddDays(-1).ISO(), Start: "10:00",
			Minutes: "60", Kind: regie.ContactHomeVisit, Attempt: regie.AttemptReached}); err != nil {
			t.Fatal(err)
		}
		if stored, recomputed, err := s.RecomputeSummaryForTest(ctx, famID); err != nil {
			t.Fatal(err)
		} else if a, b := fmt.Sprintf("%+v", stored), fmt.Sprintf("%+v", recomputed); a != b {
			t.Errorf("after CreateContact: stored\n%s\nrecomputed\n%s", a, b)
		}
		verifyAudit(t, s)
	})
}

func TestGenerateNeedsSchema(t *testing.T) {
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "leeg.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := seed.Generate(context.Background(), s, seed.Options{Families: 1}); err == nil {
		t.Error("Generate on an empty schema did not fail")
	}
}

func ids(t *testing.T, s *store.Store, q string, args ...any) []int64 {
	t.Helper()
	rows, err := s.DB().Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

func parseDate(t *testing.T, v any) regie.Date {
	t.Helper()
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case interface{ Format(string) string }:
		s = v.Format("2006-01-02")
	}
	if len(s) > 10 {
		s = s[:10]
	}
	d, err := regie.ParseDate(s)
	if err != nil {
		t.Fatalf("date %v: %v", v, err)
	}
	return d
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func ptr[T any](v T) *T { return &v }

// checkPlans checks the generated plans and evaluations: proportions,
// the plan's order (discussed before agreed), eight end terms per final
// evaluation, decisions linked to what they discussed.
func checkPlans(t *testing.T, s *store.Store, today regie.Date) {
	t.Helper()
	p3 := count(t, s, `SELECT count(*) FROM family_summaries WHERE phase >= 3 AND closed_on IS NULL`)
	p3plan := count(t, s, `SELECT count(*) FROM family_summaries WHERE phase >= 3 AND closed_on IS NULL AND plan_agreed_on IS NOT NULL`)
	p2 := count(t, s, `SELECT count(*) FROM family_summaries WHERE phase = 2 AND closed_on IS NULL`)
	p2plan := count(t, s, `SELECT count(*) FROM family_summaries WHERE phase = 2 AND closed_on IS NULL AND plan_agreed_on IS NOT NULL`)
	versions := count(t, s, `SELECT count(*) FROM plan_versions`)
	interims := count(t, s, `SELECT count(*) FROM evaluations WHERE kind = 'tussen'`)
	finals := count(t, s, `SELECT count(*) FROM evaluations WHERE kind = 'eind'`)
	withEval := count(t, s, `SELECT count(DISTINCT family_id) FROM evaluations`)
	undiscussed := count(t, s, `SELECT count(*) FROM evaluations WHERE discussed_at IS NULL`)
	t.Logf("plans: %d of %d open families in phase 3+ and %d of %d in phase 2 have an agreed plan; %d versions; "+
		"%d interim and %d final evaluations in %d families, %d not discussed yet", p3plan, p3, p2plan, p2, versions, interims, finals,
		withEval, undiscussed)
	if share := float64(p3plan) / float64(p3); share < 0.85 || share == 1 {
		t.Errorf("%.0f %% of the open families in phase 3+ have an agreed plan, want most but not all", share*100)
	}
	if p2plan == 0 || p2plan == p2 {
		t.Errorf("%d of %d families in phase 2 have an agreed plan, want some", p2plan, p2)
	}
	if interims < p3plan || finals == 0 || undiscussed == 0 || undiscussed > interims/4 {
		t.Errorf("%d interim, %d final evaluations, %d not discussed: want about one interim per three months in phase 3+", interims,
			finals, undiscussed)
	}
	if n := count(t, s, `SELECT count(*) FROM plan_versions WHERE status <> 'vastgesteld'`); n != 0 {
		t.Errorf("%d plan versions not agreed", n)
	}
	for q, what := range map[string]string{
		`SELECT count(*) FROM plan_versions WHERE discussed_at IS NULL OR agreed_on IS NULL OR discussed_at >= agreed_on
			OR created_at > discussed_at`: "plan versions not made, discussed and agreed in that order",
		`SELECT count(*) FROM plan_versions v WHERE (SELECT count(*) FROM plan_goals g WHERE g.version_id = v.id) NOT BETWEEN 2 AND 5
			OR (SELECT count(*) FROM plan_agreements a WHERE a.version_id = v.id) NOT BETWEEN 1 AND 5`: "plan versions without 2–5 goals and agreements",
		`SELECT count(*) FROM evaluations e WHERE e.kind = 'eind'
			AND (SELECT count(*) FROM evaluation_end_terms t WHERE t.evaluation_id = e.id) <> 8`: "final evaluations without eight end terms",
		`SELECT count(*) FROM evaluation_goals g JOIN evaluations e ON e.id = g.evaluation_id
			WHERE (e.kind = 'eind') <> (g.degree <> '')`: "evaluation goals with a degree in an interim or without one in a final",
		`SELECT count(*) FROM evaluations e JOIN plan_versions v ON v.id = e.version_id
			WHERE e.on_date <= v.agreed_on OR v.family_id <> e.family_id`: "evaluations of a plan not agreed before",
		`SELECT count(*) FROM evaluations WHERE on_date >= $1`: "evaluations today or later",
		`SELECT count(*) FROM meeting_decisions d LEFT JOIN evaluations e ON e.id = d.linked_id AND e.meeting_id = d.meeting_id
			WHERE d.linked_kind = 'evaluatie' AND e.id IS NULL`: "evaluation decisions not linked to their evaluation",
		`SELECT count(*) FROM meeting_decisions d LEFT JOIN plan_versions v ON v.id = d.linked_id AND v.meeting_id = d.meeting_id
			WHERE d.linked_kind = 'plan' AND v.id IS NULL`: "plan decisions not linked to their version",
	} {
		var args []any
		if strings.Contains(q, "$1") {
			args = append(args, today.ISO())
		}
		if n := count(t, s, q, args...); n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
	scores := map[string]int{}
	rows, err := s.DB().Query(`SELECT score, count(*) FROM evaluation_end_terms GROUP BY score`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var sc string
		var n int
		if err := rows.Scan(&sc, &n); err != nil {
			t.Fatal(err)
		}
		scores[sc] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if scores["behaald"]+scores["deels"] < 2*scores["niet"] || scores["niet"] == 0 {
		t.Errorf("end term scores %v: want most reached or partly, some not", scores)
	}
	done := count(t, s, `SELECT count(*) FROM agreement_progress WHERE status = 'gedaan'`)
	overdue := count(t, s, `SELECT count(*) FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id
		JOIN family_summaries f ON f.family_id = v.family_id
		WHERE a.due < $1 AND f.closed_on IS NULL AND NOT EXISTS (SELECT 1 FROM agreement_progress p WHERE p.family_id = v.family_id
			AND p.key = a.key AND p.status IN ('gedaan', 'niet_gelukt', 'vervallen'))`, today.ISO())
	if done == 0 || overdue == 0 {
		t.Errorf("%d agreements done, %d overdue: want both", done, overdue)
	}
}

// checkPartnerSide checks the partners' side (network.go): an account at
// each receiving agency, a consent for every family that reached phase 5
// naming the agencies that own its network agreements, and informal
// networks that attend meetings and own agreements of their own family;
// and that a partner reads such a family's network meetings under it.
func checkPartnerSide(t *testing.T, s *store.Store) {
	t.Helper()
	partners := count(t, s, `SELECT count(*) FROM users WHERE role = 'netwerkpartner' AND organisation_id IN (SELECT org_id FROM handovers)`)
	persons := count(t, s, `SELECT count(*) FROM network_persons`)
	ended := count(t, s, `SELECT count(*) FROM network_persons WHERE ended_on IS NOT NULL`)
	t.Logf("%d partner accounts, %d persons of informal networks (%d ended)", partners, persons, ended)
	if partners == 0 || persons == 0 || ended == 0 || ended > persons/3 {
		t.Errorf("%d partners, %d persons, %d ended", partners, persons, ended)
	}
	for what, q := range map[string]string{
		"a person at a network meeting":             `SELECT count(*) FROM network_attendees WHERE kind = 'netwerk' AND person_id IS NOT NULL`,
		"an agreement owned by a person":            `SELECT count(*) FROM network_agreements WHERE owner_kind = 'netwerk' AND owner_person_id IS NOT NULL`,
		"an agreement owned by an organisation":     `SELECT count(*) FROM network_agreements WHERE owner_kind = 'organisatie' AND owner_org_id IS NOT NULL`,
		"a consent covering the network meetings":   `SELECT count(*) FROM consent_parties WHERE kinds LIKE '%netwerkoverleg%'`,
		"an ended person who keeps their agreement": `SELECT count(*) FROM network_agreements a JOIN network_persons p ON p.id = a.owner_person_id WHERE p.ended_on IS NOT NULL`,
	} {
		if count(t, s, q) == 0 {
			t.Errorf("no %s", what)
		}
	}
	for q, what := range map[string]string{
		`SELECT count(*) FROM family_summaries s WHERE s.coordination_started_on IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.family_id = s.family_id)`: "families in coordination without a consent",
		`SELECT count(*) FROM network_agreements a WHERE a.owner_kind = 'organisatie' AND NOT EXISTS (SELECT 1 FROM consents c
			JOIN consent_parties p ON p.consent_id = c.id WHERE c.family_id = a.family_id AND p.org_id = a.owner_org_id)`: "organisations' agreements without their consent",
		`SELECT count(*) FROM network_agreements a JOIN network_persons p ON p.id = a.owner_person_id WHERE p.family_id <> a.family_id`: "agreements owned by another family's person",
		`SELECT count(*) FROM network_attendees a JOIN network_meetings m ON m.id = a.meeting_id JOIN network_persons p ON p.id = a.person_id
			WHERE p.family_id <> m.family_id OR (p.ended_on IS NOT NULL AND p.ended_on <= m.held_on)`: "persons at a meeting of another family or after they ended",
		`SELECT count(*) FROM consent_parties p JOIN consents c ON c.id = p.consent_id JOIN families f ON f.id = c.family_id
			WHERE c.signed_on < (SELECT min(t.started_on) FROM phase_transitions t WHERE t.family_id = f.id)`: "consents signed before the family's file",
	} {
		if n := count(t, s, q); n != 0 {
			t.Errorf("%d %s", n, what)
		}
	}
	var famID, partnerID int64
	if err := s.DB().QueryRow(`SELECT c.family_id, u.id FROM consents c JOIN consent_parties p ON p.consent_id = c.id
		JOIN users u ON u.organisation_id = p.org_id AND u.role = 'netwerkpartner'
		WHERE EXISTS (SELECT 1 FROM network_meetings m JOIN network_attendees a ON a.meeting_id = m.id
			WHERE m.family_id = c.family_id AND a.org_id = p.org_id)
		ORDER BY c.family_id LIMIT 1`).Scan(&famID, &partnerID); err != nil {
		t.Fatal(err)
	}
	partner, err := s.FindUserByID(storetest.System(), partnerID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.FindCoordination(storetest.As(partner), famID)
	if err != nil || len(c.Meetings) == 0 {
		t.Fatalf("the partner reads the family's network meetings its organisation attended, under its consent: %v", err)
	}
	for _, m := range c.Meetings {
		for _, a := range m.Agreements {
			if a.OwnerOrgID != partner.OrganisationID {
				t.Errorf("the partner reads another's agreement %q (owner %q)", a.What, a.Owner)
			}
		}
	}
}

// Generating drops the secondary indexes of the big tables before their
// rows are loaded and builds them again after (Options.BulkRows: here for
// every table, however small): every index is back as the migrations made
// it, valid, and on PostgreSQL on every partition of the access log.
func TestGenerateRebuildsIndexes(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		pg := s.Dialect() == "postgres"
		indexes := func() []string {
			t.Helper()
			q := `SELECT name || ' ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`
			if pg {
				// By definition, not by name: a partition's index built
				// again through its parent's is named after the partition.
				q = `SELECT regexp_replace(pg_get_indexdef(i.indexrelid), 'INDEX \S+ ON', 'INDEX ON') || ' valid=' || i.indisvalid
					FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1`
			}
			rows, err := s.DB().Query(q)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var def string
				if err := rows.Scan(&def); err != nil {
					t.Fatal(err)
				}
				out = append(out, def)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			return out
		}
		before := indexes()
		if err := seed.Generate(context.Background(), s, seed.Options{Families: 20, Seed: 3, Now: clock.Now(), BulkRows: 1}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, indexes()); diff != "" {
			t.Errorf("indexes after generating (-before +after):\n%s", diff)
		}
		if pg {
			if n := count(t, s, `SELECT count(*) FROM pg_index WHERE NOT indisvalid`); n != 0 {
				t.Errorf("%d invalid indexes", n)
			}
			if n := count(t, s, `SELECT count(*) FROM pg_inherits h WHERE h.inhparent = 'audit'::regclass AND NOT EXISTS (
				SELECT 1 FROM pg_index i WHERE i.indrelid = h.inhrelid AND pg_get_indexdef(i.indexrelid) LIKE '%(family_id, ts DESC)%')`); n != 0 {
				t.Errorf("%d partitions of the access log without the family index", n)
			}
		}
		verifyAudit(t, s)
	})
}
