package regie_test

import (
	"testing"

	"regie"
)

func day(t *testing.T, s string) regie.Date {
	t.Helper()
	d, err := regie.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestYouthTrackNorm: the final evaluation is due between 6 and 9
// months after the start; a reminder from 6 months, an alert past 9; a
// closed track has nothing due.
func TestYouthTrackNorm(t *testing.T) {
	n := regie.DefaultNorms()
	tr := regie.YouthTrackFacts{FamilyID: 4, MemberID: 9, MemberName: "Kevin", StartedOn: day(t, "2026-01-15")}
	d, until, ok := regie.YouthTrackDue(tr, n)
	if !ok || d.Kind != regie.DueYouthTrackEnd || d.On != day(t, "2026-07-15") || until != day(t, "2026-10-15") {
		t.Fatalf("due %+v until %v ok %v", d, until, ok)
	}
	for _, tc := range []struct {
		today string
		kind  regie.SignalKind
		alert bool
	}{
		{"2026-07-14", "", false},
		{"2026-07-15", regie.SignalYouthTrackEnd, false},
		{"2026-10-15", regie.SignalYouthTrackEnd, false},
		{"2026-10-16", regie.SignalYouthTrackLong, true},
	} {
		sigs := regie.YouthTrackSignals(tr, n, day(t, tc.today))
		switch {
		case tc.kind == "" && len(sigs) != 0:
			t.Errorf("%s: signals %v, want none", tc.today, sigs)
		case tc.kind != "" && (len(sigs) != 1 || sigs[0].Kind != tc.kind || sigs[0].Alert != tc.alert):
			t.Errorf("%s: signals %v, want %s alert %v", tc.today, sigs, tc.kind, tc.alert)
		}
	}
	n.YouthTrackMinMonths, n.YouthTrackMaxMonths = 3, 4
	if d, until, _ := regie.YouthTrackDue(tr, n); d.On != day(t, "2026-04-15") || until != day(t, "2026-05-15") {
		t.Errorf("norm 3–4: %v–%v", d.On, until)
	}
	closed := tr
	closed.ClosedOn = day(t, "2026-08-01")
	if _, _, ok := regie.YouthTrackDue(closed, regie.DefaultNorms()); ok {
		t.Error("a closed track is due")
	}
	if s := regie.YouthTrackSignals(closed, regie.DefaultNorms(), day(t, "2027-01-01")); s != nil {
		t.Errorf("a closed track signals %v", s)
	}
}

// TestYouthTrackWork: the werkbak lists a running track always — without
// a day while its window is far, on the window's first day when that is
// this week, late (an alert) past the window — and its open agreements
// due up to this week.
func TestYouthTrackWork(t *testing.T) {
	n := regie.DefaultNorms()
	tr := regie.YouthTrackFacts{FamilyID: 4, MemberID: 9, MemberName: "Kevin", StartedOn: day(t, "2026-01-15"),
		Agreements: []*regie.YouthAgreement{
			{What: "Mentor bellen", Owner: "Kevin", Due: day(t, "2026-03-03"), Status: regie.AgreementOpen},
			{What: "Al gedaan", Owner: "Kevin", Due: day(t, "2026-03-03"), Status: regie.AgreementDone},
			{What: "Later", Owner: "Kevin", Due: day(t, "2026-05-01"), Status: regie.AgreementOpen},
		}}
	items := regie.YouthTrackWork(tr, "Gezin Jansen", n, day(t, "2026-03-04")) // a Wednesday
	if len(items) != 2 {
		t.Fatalf("items %d, want the track and one agreement", len(items))
	}
	if it := items[0]; it.Kind != regie.WorkKind(regie.DueYouthTrackEnd) || it.Urgency != regie.UrgencyOpen || !it.On.IsZero() ||
		it.Link != "/gezinnen/4/jeugd/9/traject" || it.Alert {
		t.Errorf("track far from its window: %+v", it)
	}
	if it := items[1]; it.Kind != regie.WorkYouthAgreement || it.Urgency != regie.UrgencyOverdue || !it.Alert || it.Who != "Kevin" {
		t.Errorf("late agreement: %+v", it)
	}
	tr.Agreements = nil
	if it := regie.YouthTrackWork(tr, "Gezin Jansen", n, day(t, "2026-07-13"))[0]; it.Urgency != regie.UrgencyWeek || it.On != day(t, "2026-07-15") {
		t.Errorf("window opens this week: %+v", it)
	}
	if it := regie.YouthTrackWork(tr, "Gezin Jansen", n, day(t, "2026-10-20"))[0]; it.Urgency != regie.UrgencyOverdue || !it.Alert {
		t.Errorf("past the window: %+v", it)
	}
	fw := regie.FamilyWork{FamilyID: 4, FamilyName: "Gezin Jansen", YouthTracks: []regie.YouthTrackFacts{tr}}
	found := false
	for _, it := range regie.WorkFor(fw, n, day(t, "2026-03-04")) {
		found = found || it.Kind == regie.WorkKind(regie.DueYouthTrackEnd)
	}
	if !found {
		t.Error("WorkFor leaves out the youth track")
	}
}

func TestYouthStartInput_Validate(t *testing.T) {
	facts := regie.YouthStartFacts{Today: day(t, "2026-03-02"), BirthDate: day(t, "2012-09-30"), AssignedOn: day(t, "2026-02-01")}
	for _, tc := range []struct {
		name, on string
		facts    regie.YouthStartFacts
		msg      regie.Msg
	}{
		{"OK", "2026-03-02", facts, ""},
		{"ErrRequired", "", facts, regie.MsgRequired},
		{"ErrFuture", "2026-03-03", facts, regie.MsgDateInFuture},
		{"ErrBeforeAssigned", "2026-01-31", facts, regie.MsgYouthStartBeforeAssigned},
		{"ErrEleven", "2026-03-02", regie.YouthStartFacts{Today: facts.Today, BirthDate: day(t, "2014-07-01")}, regie.MsgYouthAgeRange},
		{"ErrTwentyFive", "2026-03-02", regie.YouthStartFacts{Today: facts.Today, BirthDate: day(t, "2001-01-01")}, regie.MsgYouthAgeRange},
		{"ErrRunning", "2026-03-02", regie.YouthStartFacts{Today: facts.Today, Running: true}, regie.MsgYouthTrackRunning},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := regie.YouthStartInput{StartedOn: tc.on}
			_, err := in.Validate(tc.facts)
			got := regie.ErrorFields(err)["started_on"]
			if tc.msg == "" && err != nil {
				t.Fatalf("err %v", err)
			}
			if tc.msg != "" && tc.msg != regie.MsgYouthStartBeforeAssigned && got != regie.Text(tc.msg) {
				t.Fatalf("started_on = %q, want %q", got, regie.Text(tc.msg))
			}
			if tc.msg == regie.MsgYouthStartBeforeAssigned && got != regie.Text(tc.msg, "1 februari 2026") {
				t.Fatalf("started_on = %q", got)
			}
		})
	}
}

func TestYouthPlanInput_Validate(t *testing.T) {
	start := day(t, "2026-03-02")
	in := regie.YouthPlanInput{
		Goals: map[regie.Domain]string{"dagbesteding": " Naar school ", "onbekend": "x", "relaties": ""},
		Steps: map[regie.Domain]string{"relaties": "Praten met moeder"},
		Agreements: []regie.YouthAgreementInput{
			{Owner: "Kevin", What: "Mentor bellen", Due: "2026-03-10", ConcernsFamily: true},
			{},
			{What: "Zonder wie", Due: "2026-03-01"},
			{Owner: "Kevin", What: "Datum fout", Due: "morgen"},
		},
	}
	in.Normalize()
	dues, err := in.Validate(start)
	fe := regie.ErrorFields(err)
	for field, want := range map[string]string{
		"domain-onbekend":   regie.Text(regie.MsgChoiceInvalid),
		"domain-relaties":   regie.Text(regie.MsgYouthStepsWithoutGoal),
		"agreement-2-owner": regie.Text(regie.MsgRequired),
		"agreement-2-due":   regie.Text(regie.MsgYouthDueBeforeStart, start.Dutch()),
		"agreement-3-due":   regie.Text(regie.MsgDateInvalid),
	} {
		if fe[field] != want {
			t.Errorf("%s = %q, want %q", field, fe[field], want)
		}
	}
	for _, field := range []string{"domain-dagbesteding", "agreement-0-owner", "agreement-1-what", "agreement-1-owner"} {
		if fe[field] != "" {
			t.Errorf("%s = %q, want none", field, fe[field])
		}
	}
	if in.Goals["dagbesteding"] != "Naar school" || dues[0] != day(t, "2026-03-10") || !dues[1].IsZero() {
		t.Errorf("normalized %q, dues %v", in.Goals["dagbesteding"], dues)
	}
	if regie.FieldLabel("agreement-2-owner") != "Afspraak 3, wie" || regie.FieldLabel("domain-dagbesteding") != "Dagbesteding" {
		t.Errorf("labels %q %q", regie.FieldLabel("agreement-2-owner"), regie.FieldLabel("domain-dagbesteding"))
	}
}

func TestYouthScoresAndEvaluation_Validate(t *testing.T) {
	start, today := day(t, "2026-03-02"), day(t, "2026-09-10")
	sc := regie.YouthScoresInput{On: "2026-03-01", Kind: "x", Scores: map[regie.Domain]regie.Score{"dagbesteding": 0, "relaties": 7}}
	_, err := sc.Validate(start, today)
	fe := regie.ErrorFields(err)
	if fe["scored_on"] == "" || fe["kind"] == "" || fe["score-relaties"] == "" {
		t.Errorf("scores: %v", fe)
	}
	sc = regie.YouthScoresInput{On: "2026-03-02", Kind: regie.YouthScoreStart, Scores: map[regie.Domain]regie.Score{"dagbesteding": 0}}
	if _, err := sc.Validate(start, today); regie.ErrorFields(err)["scores"] != regie.Text(regie.MsgYouthScoresNone) {
		t.Errorf("no score: %v", err)
	}
	tr := &regie.YouthTrack{StartedOn: start, Goals: []*regie.YouthGoal{{ID: 5, Domain: "dagbesteding"}, {ID: 6, Domain: "relaties"}}}
	ev := regie.YouthEvaluationInput{On: "2026-09-10", HowNow: "  ", Goals: []regie.YouthGoalResultInput{{GoalID: 6, Degree: "half"}}}
	_, err = ev.Validate(tr, today)
	fe = regie.ErrorFields(err)
	if fe["goal-0-degree"] != regie.Text(regie.MsgRequired) || fe["goal-1-degree"] != regie.Text(regie.MsgChoiceInvalid) || fe["how_now"] == "" {
		t.Errorf("evaluation: %v", fe)
	}
	ev = regie.YouthEvaluationInput{On: "2026-09-10", HowNow: "Goed.", Goals: []regie.YouthGoalResultInput{{GoalID: 5, Degree: "behaald"}, {GoalID: 6, Degree: "niet"}}}
	if on, err := ev.Validate(tr, today); err != nil || on != today {
		t.Errorf("evaluation OK: %v %v", on, err)
	}
}
