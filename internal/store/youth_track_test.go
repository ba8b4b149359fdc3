package store_test

import (
	"strings"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// youthTrackFixture assigns the fixture's youth worker to Kevin (13) of
// FamAssigned, and a second youth worker of the team to his sister Lisa
// (15), and returns Kevin's and Lisa's member ids and the second worker.
func youthTrackFixture(t *testing.T, s *store.Store, f *storetest.Fixture) (kevin, lisa int64, yw2 *regie.User) {
	t.Helper()
	tl := storetest.As(f.TeamLeader)
	fam := f.FamAssigned
	kevin = fam.Members[1].ID
	m, err := s.AddMember(tl, fam.ID, regie.MemberInput{GivenName: "Lisa", FamilyName: "Jansen", BirthDate: "2010-05-01", Relation: "kind"})
	if err != nil {
		t.Fatal(err)
	}
	yw2, err = s.CreateUser(storetest.System(), regie.NewUser{Email: "jhv2@test.nl", Name: "Koen Smits", Role: regie.RoleYouthWorker,
		OrganisationID: f.Org.ID, TeamID: f.TeamA.ID, DistrictIDs: []int64{f.TeamA.Districts[0].ID}, Password: "wachtwoord-voor-test"}, storetest.PasswordHash)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AssignYouthWorker(tl, fam.ID, kevin, f.YouthWorker.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.AssignYouthWorker(tl, fam.ID, m.ID, yw2.ID, true); err != nil {
		t.Fatal(err)
	}
	return kevin, m.ID, yw2
}

// TestYouthTrack_OwnWorkerWritesOthersReadTheSharedPart: the youth's own
// worker starts the track, writes the youth's plan (goals in the youth's
// words, an agreement that concerns the family and one that does not),
// scores and records a contact with a confidential note, and closes with
// the final evaluation. The casemanager and the team leader read the
// shared part (that it runs, who, since when, the family's agreement) and
// not the goals, the other agreement, the scores, the note or the
// evaluation; the contact's minutes count for the family's hours. The
// youth worker of the sister gets ENOTFOUND for Kevin's track, and so
// does the partner the family's consent names.
func TestYouthTrack_OwnWorkerWritesOthersReadTheSharedPart(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		kevin, lisa, yw2 := youthTrackFixture(t, s, f)
		yw, cm, tl := storetest.As(f.YouthWorker), storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		other := storetest.As(yw2)
		today := regie.DateOf(clock.Now())

		// Before the start: the page offers the start to the own worker only.
		tr, can, err := s.FindYouthTrack(yw, fam.ID, kevin)
		if err != nil {
			t.Fatal(err)
		}
		if tr.ID != 0 || !can.Start || can.Plan || tr.MemberName != "Kevin" {
			t.Fatalf("before the start: %+v %+v", tr, can)
		}
		if _, can, err := s.FindYouthTrack(cm, fam.ID, kevin); err != nil || can.Start || !can.Read || can.ReadConfidential {
			t.Fatalf("casemanager before the start: %+v %v", can, err)
		}

		// Only the own worker starts it; not in the future.
		if _, err := s.StartYouthTrack(cm, fam.ID, kevin, regie.YouthStartInput{StartedOn: today.ISO()}); code(err) != regie.ENOTFOUND {
			t.Fatalf("casemanager starts: %v", err)
		}
		if _, err := s.StartYouthTrack(other, fam.ID, kevin, regie.YouthStartInput{StartedOn: today.ISO()}); code(err) != regie.ENOTFOUND {
			t.Fatalf("the sister's youth worker starts: %v", err)
		}
		if _, err := s.StartYouthTrack(yw, fam.ID, kevin, regie.YouthStartInput{StartedOn: today.AddDays(1).ISO()}); regie.ErrorFields(err)["started_on"] == "" {
			t.Fatalf("start in the future: %v", err)
		}
		if _, err := s.StartYouthTrack(yw, fam.ID, kevin, regie.YouthStartInput{StartedOn: today.ISO()}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartYouthTrack(yw, fam.ID, kevin, regie.YouthStartInput{StartedOn: today.ISO()}); regie.ErrorFields(err)["started_on"] != regie.Text(regie.MsgYouthTrackRunning) {
			t.Fatalf("a second running track: %v", err)
		}

		plan := regie.YouthPlanInput{
			Goals: map[regie.Domain]string{"dagbesteding": "Ik wil weer naar school, elke dag.", "relaties": "Minder ruzie met mijn moeder."},
			Steps: map[regie.Domain]string{"dagbesteding": "Samen met Dewi naar de mentor."},
			Agreements: []regie.YouthAgreementInput{
				{Owner: "Moeder en Kevin", What: "Samen eten op zondag", Due: today.AddDays(14).ISO(), ConcernsFamily: true},
				{Owner: "Kevin", What: "Praten met de schoolmaatschappelijk werker over het blowen", Due: today.AddDays(3).ISO()},
				{},
			},
		}
		if err := s.SaveYouthPlan(other, fam.ID, kevin, plan); code(err) != regie.ENOTFOUND {
			t.Fatalf("the sister's youth worker writes Kevin's plan: %v", err)
		}
		if err := s.SaveYouthPlan(cm, fam.ID, kevin, plan); code(err) != regie.ENOTFOUND {
			t.Fatalf("the casemanager writes Kevin's plan: %v", err)
		}
		bad := plan
		bad.Agreements = []regie.YouthAgreementInput{{}, {Owner: "Kevin", Due: today.AddDays(-1).ISO()}}
		err = s.SaveYouthPlan(yw, fam.ID, kevin, bad)
		if fe := regie.ErrorFields(err); fe["agreement-1-what"] == "" || fe["agreement-1-due"] == "" || fe["agreement-0-what"] != "" {
			t.Fatalf("bad agreements: %v", fe)
		}
		if err := s.SaveYouthPlan(yw, fam.ID, kevin, plan); err != nil {
			t.Fatal(err)
		}
		if err := s.ScoreYouth(yw, fam.ID, kevin, regie.YouthScoresInput{On: today.ISO(), Kind: regie.YouthScoreStart,
			Scores: map[regie.Domain]regie.Score{"dagbesteding": 2, "relaties": 3}}); err != nil {
			t.Fatal(err)
		}
		before, err := s.FindHours(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := contactIn(today.ISO(), "08:30", "75", "begeleiding", "contact")
		in.Note = "Kevin vertelt dat hij blowt met vrienden en bang is voor zijn vader."
		c, err := s.CreateYouthContact(yw, fam.ID, kevin, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateYouthContact(other, fam.ID, kevin, in); code(err) != regie.ENOTFOUND {
			t.Fatalf("the sister's youth worker records a contact with Kevin: %v", err)
		}

		// The own worker reads everything.
		tr, can, err = s.FindYouthTrack(yw, fam.ID, kevin)
		if err != nil {
			t.Fatal(err)
		}
		if !tr.Confidential || len(tr.Goals) != 2 || len(tr.Agreements) != 2 || len(tr.FamilyAgreements) != 1 || len(tr.Scores) != 1 ||
			len(tr.Contacts) != 1 || tr.Contacts[0].Note != in.Note || !can.Plan || !can.Close || !can.Contact || can.Start {
			t.Fatalf("own worker reads %+v, %+v", tr, can)
		}
		if g := tr.GoalOn("dagbesteding"); g == nil || g.Words != "Ik wil weer naar school, elke dag." || g.Steps != "Samen met Dewi naar de mentor." {
			t.Fatalf("goal: %+v", g)
		}

		// The casemanager and the team leader: the shared part only.
		for _, who := range []struct {
			name string
			ctx  any
		}{{"casemanager", cm}, {"team leader", tl}} {
			ctx := cm
			if who.name == "team leader" {
				ctx = tl
			}
			tr, can, err := s.FindYouthTrack(ctx, fam.ID, kevin)
			if err != nil {
				t.Fatalf("%s: %v", who.name, err)
			}
			if tr.Confidential || tr.Goals != nil || tr.Agreements != nil || tr.Scores != nil || tr.Evaluation != nil || can.ReadConfidential || can.Plan {
				t.Fatalf("%s reads the confidential part: %+v %+v", who.name, tr, can)
			}
			if len(tr.FamilyAgreements) != 1 || tr.FamilyAgreements[0].What != "Samen eten op zondag" || tr.WorkerName != f.YouthWorker.Name || tr.StartedOn != today {
				t.Fatalf("%s shared part: %+v", who.name, tr)
			}
			if len(tr.Contacts) != 1 || tr.Contacts[0].Note != "" || !tr.Contacts[0].NoteWithheld || tr.Contacts[0].Minutes != 75 {
				t.Fatalf("%s track contact: %+v", who.name, tr.Contacts)
			}
			cs, _, err := s.FindContacts(ctx, fam.ID, regie.ContactFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range cs {
				if x.ID == c.ID && (x.Note != "" || !x.NoteWithheld || x.CanEdit ||
					x.ConfidentialText() != "Contact jeugdhulpverlener met Kevin — inhoud vertrouwelijk") {
					t.Fatalf("%s contacts list: %+v", who.name, x)
				}
			}
			got, versions, err := s.FindContact(ctx, fam.ID, c.ID)
			if err != nil || got.Note != "" || !got.NoteWithheld || versions != nil {
				t.Fatalf("%s contact: %+v %v %v", who.name, got, versions, err)
			}
			page, err := s.FindFamilyByID(ctx, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			yt := page.YouthTrackOf(kevin)
			if yt == nil || yt.ID == 0 || len(yt.FamilyAgreements) != 1 || yt.Goals != nil {
				t.Fatalf("%s family page youth track: %+v", who.name, yt)
			}
			for _, x := range page.RecentContacts {
				if x.ID == c.ID && x.Note != "" {
					t.Fatalf("%s family page shows the note", who.name)
				}
			}
		}
		// The hours count as every contact.
		after, err := s.FindHours(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Total-before.Total != 75 {
			t.Fatalf("hours %d → %d, want +75 minutes", before.Total, after.Total)
		}

		// The sister's youth worker: not Kevin's track, not his note.
		if _, _, err := s.FindYouthTrack(other, fam.ID, kevin); code(err) != regie.ENOTFOUND {
			t.Fatalf("the sister's youth worker reads Kevin's track: %v", err)
		}
		if _, _, err := s.FindYouthTrack(other, fam.ID, lisa); err != nil {
			t.Fatalf("the sister's youth worker reads Lisa's track: %v", err)
		}
		if cs, _, err := s.FindContacts(other, fam.ID, regie.ContactFilter{}); err != nil {
			t.Fatal(err)
		} else {
			for _, x := range cs {
				if x.ID == c.ID && x.Note != "" {
					t.Fatal("the sister's youth worker reads Kevin's note")
				}
			}
		}
		// The partner named by the family's consent: nothing of the track.
		if _, err := s.CreateConsent(cm, fam.ID, consentInput(f, regie.InfoFamily, regie.InfoMembers, regie.InfoContacts, regie.InfoPlan)); err != nil {
			t.Fatal(err)
		}
		partner := storetest.As(f.Partner1)
		if _, _, err := s.FindYouthTrack(partner, fam.ID, kevin); code(err) != regie.ENOTFOUND {
			t.Fatalf("partner reads the track: %v", err)
		}
		if page, err := s.FindFamilyByID(partner, fam.ID); err != nil {
			t.Fatal(err)
		} else if page.YouthTrackOf(kevin) != nil {
			t.Fatal("the partner's family page shows the youth track")
		}
		if cs, _, err := s.FindContacts(partner, fam.ID, regie.ContactFilter{}); err != nil {
			t.Fatal(err)
		} else {
			for _, x := range cs {
				if x.ID == c.ID && x.Note != "" {
					t.Fatal("the partner reads Kevin's note")
				}
			}
		}

		// The final evaluation closes the track.
		tr, _, err = s.FindYouthTrack(yw, fam.ID, kevin)
		if err != nil {
			t.Fatal(err)
		}
		ev := regie.YouthEvaluationInput{On: today.ISO(), HowNow: "Het gaat beter, ik ga weer naar school.",
			Scores: map[regie.Domain]regie.Score{"dagbesteding": 4}}
		for _, g := range tr.Goals {
			ev.Goals = append(ev.Goals, regie.YouthGoalResultInput{GoalID: g.ID, Degree: "deels", Note: "Bijna elke dag."})
		}
		missing := ev
		missing.Goals = missing.Goals[:1]
		if err := s.CloseYouthTrack(yw, fam.ID, kevin, missing); regie.ErrorFields(err)["goal-1-degree"] == "" {
			t.Fatalf("a goal not judged: %v", err)
		}
		if err := s.CloseYouthTrack(cm, fam.ID, kevin, ev); code(err) != regie.ENOTFOUND {
			t.Fatalf("the casemanager closes: %v", err)
		}
		if err := s.CloseYouthTrack(yw, fam.ID, kevin, ev); err != nil {
			t.Fatal(err)
		}
		tr, can, err = s.FindYouthTrack(yw, fam.ID, kevin)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Running() || tr.ClosedOn != today || tr.Evaluation == nil || len(tr.Evaluation.Goals) != 2 || tr.Evaluation.HowNow != ev.HowNow ||
			len(tr.Scores) != 2 || can.Plan || can.Close || !can.Start {
			t.Fatalf("after closing: %+v %+v", tr, can)
		}
		if err := s.SaveYouthPlan(yw, fam.ID, kevin, plan); code(err) != regie.ECONFLICT {
			t.Fatalf("writing a closed track: %v", err)
		}
		if tr, _, err := s.FindYouthTrack(cm, fam.ID, kevin); err != nil || tr.Evaluation != nil || tr.ClosedOn != today {
			t.Fatalf("casemanager after closing: %+v %v", tr, err)
		}

		// Every access is in the log with Kevin's member id.
		log, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &fam.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		segs := map[string]int{}
		for _, e := range log {
			if e.Segment == regie.SegYouth || e.Segment == regie.SegYouthConfidential {
				if e.MemberID != kevin && e.MemberID != lisa {
					t.Errorf("youth audit row without the youth: %+v", e)
				}
				segs[string(e.Segment)+" "+string(e.Action)+" "+string(e.Outcome)]++
			}
		}
		for _, want := range []string{"jeugdtraject create ok", "jeugdtraject read ok", "jeugdtraject_vertrouwelijk update ok",
			"jeugdtraject_vertrouwelijk read ok", "jeugdtraject_vertrouwelijk create ok", "jeugdtraject_vertrouwelijk update denied"} {
			if segs[want] == 0 {
				t.Errorf("no audit row %q in %v", want, segs)
			}
		}
	})
}

// TestYouthTrack_Under12: a youth of 11 gets no youth worker and no
// track: the assignment is refused, and a track for an 11-year-old with
// a youth worker assigned anyway (a row from before the rule) is refused
// by the policy.
func TestYouthTrack_Under12(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		tl, yw := storetest.As(f.TeamLeader), storetest.As(f.YouthWorker)
		m, err := s.AddMember(tl, fam.ID, regie.MemberInput{GivenName: "Noah", FamilyName: "Jansen", BirthDate: "2014-07-01", Relation: "kind"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AssignYouthWorker(tl, fam.ID, m.ID, f.YouthWorker.ID, true); regie.ErrorFields(err)["youth_worker"] == "" {
			t.Fatalf("youth worker for an 11-year-old: %v", err)
		}
		mustExec(t, s.DB(), `INSERT INTO assignments (family_id, user_id, kind, member_id, started_on, assigned_by, created_at)
			VALUES ($1, $2, 'jeugd', $3, '2026-01-01', $4, '2026-01-01T00:00:00.000000Z')`, fam.ID, f.YouthWorker.ID, m.ID, f.TeamLeader.ID)
		if _, err := s.StartYouthTrack(yw, fam.ID, m.ID, regie.YouthStartInput{StartedOn: regie.DateOf(clock.Now()).ISO()}); code(err) != regie.ENOTFOUND {
			t.Fatalf("track for an 11-year-old: %v", err)
		}
		if n := countRows(t, s, "youth_tracks"); n != 0 {
			t.Fatalf("%d tracks", n)
		}
	})
}

// TestYouthTrack_Worklist: the youth worker's werkbak lists the running
// track with its final evaluation due in the norm's window, its open
// agreements due this week, and, past nine months, the track as late.
func TestYouthTrack_Worklist(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		kevin, _, _ := youthTrackFixture(t, s, f)
		yw := storetest.As(f.YouthWorker)
		today := regie.DateOf(clock.Now())
		if _, err := s.StartYouthTrack(yw, fam.ID, kevin, regie.YouthStartInput{StartedOn: today.ISO()}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveYouthPlan(yw, fam.ID, kevin, regie.YouthPlanInput{
			Goals:      map[regie.Domain]string{"dagbesteding": "Naar school."},
			Agreements: []regie.YouthAgreementInput{{Owner: "Kevin", What: "Mentor bellen", Due: today.AddDays(1).ISO()}}}); err != nil {
			t.Fatal(err)
		}
		wl, err := s.FindWorklist(yw)
		if err != nil {
			t.Fatal(err)
		}
		var track, agreement *regie.WorkItem
		for _, it := range wl.Items {
			switch it.Kind {
			case regie.WorkKind(regie.DueYouthTrackEnd):
				track = it
			case regie.WorkYouthAgreement:
				agreement = it
			}
		}
		if track == nil || !strings.Contains(track.What, "Kevin") || track.Link != regie.YouthTrackLink(fam.ID, kevin) || track.Alert {
			t.Fatalf("track item: %+v", track)
		}
		if agreement == nil || agreement.What != "Mentor bellen" || agreement.Who != "Kevin" {
			t.Fatalf("agreement item: %+v", agreement)
		}
		// Another worker's werkbak does not list it.
		if wl, err := s.FindWorklist(storetest.As(f.Casemanager)); err != nil {
			t.Fatal(err)
		} else {
			for _, it := range wl.Items {
				if it.Kind == regie.WorkKind(regie.DueYouthTrackEnd) || it.Kind == regie.WorkYouthAgreement {
					t.Fatalf("casemanager's werkbak: %+v", it)
				}
			}
		}
		clock.Set(clock.Now().AddDate(0, 9, 2))
		wl, err = s.FindWorklist(yw)
		if err != nil {
			t.Fatal(err)
		}
		track = nil
		for _, it := range wl.Items {
			if it.Kind == regie.WorkKind(regie.DueYouthTrackEnd) {
				track = it
			}
		}
		if track == nil || !track.Alert || track.Urgency != regie.UrgencyOverdue {
			t.Fatalf("late track item: %+v", track)
		}
	})
}
