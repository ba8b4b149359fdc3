package store_test

import (
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

func contactIn(date, start, minutes string, kind regie.ContactKind, attempt regie.Attempt) regie.ContactInput {
	return regie.ContactInput{Date: date, Start: start, Minutes: minutes, Kind: kind, Attempt: attempt}
}

func TestContacts_HoursAndSummary(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned

		t.Run("Invalid", func(t *testing.T) {
			before := countRows(t, s, "contacts")
			for _, tc := range []struct {
				in    regie.ContactInput
				field string
			}{
				{contactIn("2026-03-02", "10:00", "60", "huisbezoek", "contact"), "start"}, // clock: 09:00, so in the future
				{contactIn("2026-03-03", "08:00", "60", "huisbezoek", "contact"), "date"},
				{contactIn("2026-03-01", "10:00", "0", "huisbezoek", "contact"), "minutes"},
				{contactIn("2026-03-01", "10:00", "1441", "huisbezoek", "contact"), "minutes"},
				{contactIn("2026-03-01", "25:00", "60", "huisbezoek", "contact"), "start"},
				{contactIn("2026-03-01", "10:00", "60", "vergadering", "contact"), "kind"},
			} {
				_, err := s.CreateContact(cm, fam.ID, tc.in)
				if regie.ErrorFields(err)[tc.field] == "" {
					t.Errorf("%+v: err = %v, want a message on %s", tc.in, err, tc.field)
				}
			}
			in := contactIn("2026-03-01", "10:00", "60", "huisbezoek", "contact")
			in.Members = []int64{f.FamOther.Members[0].ID}
			if _, err := s.CreateContact(cm, fam.ID, in); regie.ErrorFields(err)["members"] == "" {
				t.Errorf("a member of another family: %v", err)
			}
			if got := countRows(t, s, "contacts"); got != before {
				t.Fatalf("contacts %d → %d after refused input", before, got)
			}
		})

		t.Run("RecordAndRollUp", func(t *testing.T) {
			in := contactIn("2026-03-02", "08:00", "90", "huisbezoek", "contact")
			in.Members = []int64{fam.Members[0].ID, fam.Members[1].ID}
			in.Practical = []regie.Practical{"post", "school"}
			in.Note = "Post van drie maanden doorgenomen; Kevin naar school gebracht."
			c, err := s.CreateContact(cm, fam.ID, in)
			if err != nil {
				t.Fatal(err)
			}
			if c.Phase != 1 || c.Minutes != 90 {
				t.Fatalf("contact = %+v", c)
			}
			// Two attempts without contact, one the day before (out of order).
			if _, err := s.CreateContact(cm, fam.ID, contactIn("2026-03-02", "08:45", "15", "onaangekondigd", "geen_gehoor")); err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateContact(cm, fam.ID, contactIn("2026-02-28", "19:00", "15", "huisbezoek", "afgewezen")); err != nil {
				t.Fatal(err)
			}
			list, total, err := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
			if err != nil || total != 1 {
				t.Fatal(err)
			}
			ft := list[0].Facts
			// The attempt of 28 February lies before phase 1 started.
			if ft.MinutesTotal != 120 || ft.MinutesIntensive != 105 || ft.RejectedStreak != 1 || ft.LastContactOn.ISO() != "2026-03-02" ||
				ft.LastReachedOn.ISO() != "2026-03-02" || list[0].MinutesMonth != 105 {
				t.Fatalf("facts = %+v, month %d", ft, list[0].MinutesMonth)
			}
			h, err := s.FindHours(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if h.Total != 120 || h.PerPhase[1] != 105 || h.PerPhase[0] != 15 || h.ThisMonth != 105 || len(h.PerWorker) != 1 || h.PerWorker[0].Minutes != 120 {
				t.Fatalf("hours = %+v", h)
			}
			cs, n, err := s.FindContacts(cm, fam.ID, regie.ContactFilter{})
			if err != nil || n != 3 || cs[0].Start != "08:45" || len(cs[1].MemberNames) != 2 {
				t.Fatalf("contacts: %d, %v", n, err)
			}
		})

		t.Run("EditKeepsHistory", func(t *testing.T) {
			cs, _, _ := s.FindContacts(cm, fam.ID, regie.ContactFilter{})
			c := cs[1]
			in := contactIn(c.Date.ISO(), c.Start, "120", c.Kind, c.Attempt)
			in.Note = "Aangevuld: ook de huur besproken."
			in.Version = c.Version
			if err := s.UpdateContact(cm, fam.ID, c.ID, in); err != nil {
				t.Fatal(err)
			}
			got, versions, err := s.FindContact(cm, fam.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Version != 2 || got.Minutes != 120 || len(versions) != 1 || versions[0].Contact.Minutes != 90 ||
				!strings.Contains(versions[0].Contact.Note, "drie maanden") {
				t.Fatalf("edited = %+v, versions %+v", got, versions)
			}
			list, _, _ := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
			if list[0].Facts.MinutesTotal != 150 {
				t.Fatalf("summary after edit: %d minutes", list[0].Facts.MinutesTotal)
			}
			if err := s.UpdateContact(storetest.As(f.Casemanager2), fam.ID, c.ID, in); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Fatalf("another casemanager edits: %v", err)
			}
		})

		t.Run("YouthWorkerRecordsOwnContacts", func(t *testing.T) {
			if err := s.AssignYouthWorker(storetest.As(f.TeamLeader), fam.ID, fam.Members[1].ID, f.YouthWorker.ID, false); err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateContact(storetest.As(f.YouthWorker), fam.ID, contactIn("2026-03-01", "15:00", "60", "uitje", "contact")); err != nil {
				t.Fatalf("youth worker: %v", err)
			}
			if _, err := s.CreateContact(storetest.As(f.Admin), fam.ID, contactIn("2026-03-01", "15:00", "60", "uitje", "contact")); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Fatalf("administrator: %v", err)
			}
		})
	})
}

func TestPhases_ChecklistMovesAndRelapse(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned

		st, err := s.FindPhaseStatus(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Current == nil || st.Current.Phase != 1 || len(st.Ticks) != 4 || st.Complete() {
			t.Fatalf("status = %+v", st)
		}
		// Moving on with open items needs a reason; skipping a phase is refused.
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 2}); regie.ErrorFields(err)["reason"] == "" {
			t.Fatalf("move with open items and no reason: %v", err)
		}
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 3, Reason: "x"}); regie.ErrorFields(err)["to"] == "" {
			t.Fatalf("skipping a phase: %v", err)
		}
		for _, it := range st.Ticks {
			if err := s.TickItem(cm, fam.ID, it.Key, true, ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.TickItem(cm, fam.ID, "niet-bestaand", true, ""); regie.ErrorFields(err)["item"] == "" {
			t.Fatalf("unknown item: %v", err)
		}
		st, _ = s.FindPhaseStatus(cm, fam.ID)
		if !st.Complete() || st.Ticks[0].DoneBy != f.Casemanager.Name || st.Ticks[0].DoneAt.IsZero() {
			t.Fatalf("ticks = %+v", st.Ticks)
		}
		clock.Advance(21 * 24 * time.Hour)
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 2, On: "2026-03-20"}); err != nil {
			t.Fatal(err)
		}
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 3, On: "2026-02-01", Reason: "x"}); regie.ErrorFields(err)["on"] == "" {
			t.Fatalf("a move before the current phase started: %v", err)
		}
		// Through 3 and 4 to 5, with reasons.
		for _, p := range []regie.Phase{3, 4, 5} {
			clock.Advance(30 * 24 * time.Hour)
			if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: p, Reason: "versneld voor de test"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 6, Reason: "x"}); err == nil {
			t.Fatal("moved past phase 5")
		}
		// A relapse goes back for a short intervention, with a reason.
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 3}); regie.ErrorFields(err)["reason"] == "" {
			t.Fatalf("relapse without reason: %v", err)
		}
		if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: 3, Reason: "Vader weer aan de drank; kinderen verzuimen."}); err != nil {
			t.Fatal(err)
		}
		st, _ = s.FindPhaseStatus(cm, fam.ID)
		if st.Current.Phase != 3 || !st.Current.Relapse() || len(st.History) != 6 || st.History[1].StartedOn.ISO() != "2026-03-20" {
			t.Fatalf("after relapse: current %+v, %d entries", st.Current, len(st.History))
		}
		list, _, _ := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
		if list[0].Phase != 3 || list[0].Facts.IntensiveStartedOn != regie.DateOf(clock.Now()) {
			t.Fatalf("summary after relapse: %+v", list[0].Facts)
		}
		// The youth worker reads the phase but does not move it.
		if err := s.MovePhase(storetest.As(f.Casemanager2), fam.ID, regie.PhaseMove{To: 4, Reason: "x"}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Fatalf("another casemanager moves the phase: %v", err)
		}
	})
}

func TestPhaseConfig_AdministratorChangesChecklist(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cfg, err := s.FindPhaseConfig(storetest.As(f.Casemanager))
		if err != nil {
			t.Fatal(err)
		}
		cfg[0].Checklist[2].Label = "Kennismaking in het gezin"
		cfg[0].Checklist[1].Active = false
		cfg[0].Checklist = append(cfg[0].Checklist, regie.ChecklistItem{Key: "eigen-1", Label: "Huisarts geïnformeerd", Active: true})
		if err := s.SavePhaseConfig(storetest.As(f.TeamLeader), cfg); regie.ErrorCode(err) != regie.EFORBIDDEN {
			t.Fatalf("team leader changed the phases: %v", err)
		}
		if err := s.SavePhaseConfig(storetest.As(f.Admin), cfg); err != nil {
			t.Fatal(err)
		}
		st, err := s.FindPhaseStatus(storetest.As(f.Casemanager), f.FamAssigned.ID)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, tk := range st.Ticks {
			labels = append(labels, tk.Label)
		}
		want := "Aanmelding ontvangen|Kennismaking in het gezin|Een vervolgafspraak tot stand gebracht|Huisarts geïnformeerd"
		if strings.Join(labels, "|") != want {
			t.Fatalf("checklist = %q", strings.Join(labels, "|"))
		}
	})
}

func TestMeeting_AgendaAndDecisions(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		lead := storetest.As(f.TeamLeader)
		ref, err := s.CreateReferral(storetest.As(f.Referrer), referralInput(f, "Gezin Agenda"))
		if err != nil {
			t.Fatal(err)
		}
		// Twenty days without contact makes a signal for both team A families.
		clock.Advance(20 * 24 * time.Hour)
		if err := s.AddSafetyConcern(lead, f.FamTeam.ID, regie.SafetyInput{What: "Geweld", Since: "2026-03-20", Severity: "acuut", Meldcode: "gemeld"}); err != nil {
			t.Fatal(err)
		}
		ag, err := s.FindAgenda(storetest.As(f.Casemanager), "2026-03-23", false)
		if err != nil {
			t.Fatal(err)
		}
		if len(ag.Referrals) != 1 || ag.Referrals[0].ID != ref.ID || len(ag.Acute) != 1 || ag.Acute[0].ID != f.FamTeam.ID ||
			len(ag.Signals) != 1 || ag.Signals[0].ID != f.FamAssigned.ID || ag.CanDecide {
			t.Fatalf("agenda: %d referrals, acute %v, signals %v, can decide %v", len(ag.Referrals), ag.Acute, ag.Signals, ag.CanDecide)
		}
		if _, err := s.RecordMeetingDecision(storetest.As(f.Casemanager), "2026-03-23", regie.MeetingDecisionInput{FamilyID: f.FamAssigned.ID, Text: "x"}); regie.ErrorCode(err) != regie.EFORBIDDEN {
			t.Fatalf("casemanager decides: %v", err)
		}
		if _, err := s.FindAgenda(storetest.As(f.TeamLeaderB), "2026-03-23", false); err != nil {
			t.Fatalf("team B's own meeting: %v", err)
		}
		// Decisions: one moves a family on, linked to the phase change.
		if _, err := s.RecordMeetingDecision(lead, "2026-03-23", regie.MeetingDecisionInput{FamilyID: f.FamAssigned.ID, Text: "Door naar fase 2", MovePhase: true}); regie.ErrorFields(err)["phase_reason"] == "" {
			t.Fatalf("phase move with an open checklist and no reason: %v", err)
		}
		d, err := s.RecordMeetingDecision(lead, "2026-03-23", regie.MeetingDecisionInput{FamilyID: f.FamAssigned.ID,
			Text: "Introductie is gelukt; door naar contact leggen.", MovePhase: true, PhaseReason: "Vervolgafspraak staat; checklist volgt."})
		if err != nil {
			t.Fatal(err)
		}
		if d.LinkedKind != regie.LinkPhase || d.LinkedID == 0 {
			t.Fatalf("decision = %+v", d)
		}
		if err := s.AddMeetingItem(lead, "2026-03-23", "Vakantieplanning", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideIntake(lead, ref.ID, regie.DecisionInput{Outcome: regie.IntakeWaiting, ContactKeeper: "school"}); err != nil {
			t.Fatal(err)
		}
		ag, err = s.FindAgenda(lead, "2026-03-23", true)
		if err != nil {
			t.Fatal(err)
		}
		if len(ag.Decisions) != 1 || ag.Decisions[0].LinkedText != "naar fase 2 (Contact leggen en motiveren)" || len(ag.Items) != 1 ||
			len(ag.Waiting) != 1 || !ag.CanDecide {
			t.Fatalf("minutes: %d decisions (%+v), %d items, %d waiting", len(ag.Decisions), ag.Decisions, len(ag.Items), len(ag.Waiting))
		}
		var action string
		if err := s.DB().QueryRow(`SELECT action FROM audit ORDER BY id DESC LIMIT 1`).Scan(&action); err != nil {
			t.Fatal(err)
		}
		if action != "export" {
			t.Fatalf("printing the minutes is audited as %q", action)
		}

		// A week later the meeting is past: its minutes stay as they were,
		// its agenda is not rebuilt from today's signals, and nothing is
		// added to it. Looking back at a week without a meeting makes none.
		clock.Advance(8 * 24 * time.Hour)
		ag, err = s.FindAgenda(lead, "2026-03-23", false)
		if err != nil {
			t.Fatal(err)
		}
		if !ag.Past || ag.CanDecide || len(ag.Decisions) != 1 || len(ag.Items) != 1 ||
			ag.Acute != nil || ag.Signals != nil || ag.Waiting != nil || ag.Referrals != nil {
			t.Fatalf("past meeting: past %v, can decide %v, %d decisions, %d items, acute %v, signals %v, waiting %v",
				ag.Past, ag.CanDecide, len(ag.Decisions), len(ag.Items), ag.Acute, ag.Signals, ag.Waiting)
		}
		if _, err := s.RecordMeetingDecision(lead, "2026-03-23", regie.MeetingDecisionInput{FamilyID: f.FamAssigned.ID, Text: "Te laat"}); regie.ErrorFields(err)["text"] != regie.Text(regie.MsgMeetingPast) {
			t.Fatalf("decision in a past meeting: %v", err)
		}
		if err := s.AddMeetingItem(lead, "2026-03-23", "Te laat", ""); regie.ErrorFields(err)["title"] != regie.Text(regie.MsgMeetingPast) {
			t.Fatalf("item in a past meeting: %v", err)
		}
		var before, after int
		if err := s.DB().QueryRow(`SELECT count(*) FROM meetings`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		if ag, err := s.FindAgenda(lead, "2026-03-09", false); err != nil || !ag.Past || ag.Meeting.ID != 0 {
			t.Fatalf("a past week without a meeting: %+v, %v", ag, err)
		}
		if err := s.DB().QueryRow(`SELECT count(*) FROM meetings`).Scan(&after); err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Fatalf("looking back made a meeting: %d → %d", before, after)
		}
	})
}

func TestSupervision(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		if _, err := s.CreateContact(storetest.As(f.Casemanager), f.FamAssigned.ID, contactIn("2026-03-02", "08:00", "45", "telefoon", "contact")); err != nil {
			t.Fatal(err)
		}
		sv, err := s.FindSupervision(storetest.As(f.TeamLeader), f.Casemanager.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(sv.Families) != 1 || sv.ThisMonth != 45 || sv.PerPhase[1] != 1 || sv.Caseload == nil || sv.User.Name != f.Casemanager.Name {
			t.Fatalf("supervision = %+v", sv)
		}
		for _, u := range []*regie.User{f.TeamLeaderB, f.Casemanager2, f.Admin} {
			if _, err := s.FindSupervision(storetest.As(u), f.Casemanager.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Fatalf("%s reads the supervision view: %v", u.Role, err)
			}
		}
	})
}

// TestContacts_SameDayCountsByTime: on one day the start time decides
// which contact is the newest, whatever order they were recorded in.
func TestContacts_SameDayCountsByTime(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		clock.Set(storetest.Start.Add(10 * time.Hour)) // 19:00
		for _, in := range []regie.ContactInput{
			contactIn("2026-03-02", "15:00", "15", "huisbezoek", "geen_gehoor"),
			contactIn("2026-03-02", "09:00", "60", "huisbezoek", "contact"),
		} {
			if _, err := s.CreateContact(cm, f.FamAssigned.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		list, _, err := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
		if err != nil {
			t.Fatal(err)
		}
		if got := list[0].Facts.RejectedStreak; got != 1 {
			t.Fatalf("streak = %d, want 1: the door stayed shut at 15:00, after the visit at 9:00", got)
		}
		// Later that day: the newest counts on (without counting again);
		// at the same time the one recorded later is the newer; one
		// recorded afterwards for an earlier hour changes nothing.
		for _, c := range []struct {
			in   regie.ContactInput
			want int
			why  string
		}{
			{contactIn("2026-03-02", "17:00", "15", "huisbezoek", "geen_gehoor"), 2, "shut again at 17:00"},
			{contactIn("2026-03-02", "17:00", "30", "telefoon", "contact"), 0, "reached by phone at 17:00, recorded after the visit"},
			{contactIn("2026-03-02", "16:00", "15", "huisbezoek", "geen_gehoor"), 0, "shut at 16:00, before the call"},
			{contactIn("2026-03-02", "18:00", "60", "netwerkoverleg", "contact"), 0, "a network meeting is not a contact with the family"},
			{contactIn("2026-03-02", "17:30", "15", "huisbezoek", "geen_gehoor"), 1, "shut at 17:30, after the call; the meeting at 18:00 does not count"},
		} {
			if _, err := s.CreateContact(cm, f.FamAssigned.ID, c.in); err != nil {
				t.Fatal(err)
			}
			list, _, err := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
			if err != nil {
				t.Fatal(err)
			}
			if got := list[0].Facts.RejectedStreak; got != c.want {
				t.Fatalf("streak = %d, want %d: %s", got, c.want, c.why)
			}
		}
	})
}
