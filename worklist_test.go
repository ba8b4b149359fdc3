package regie_test

import (
	"testing"

	"regie"
)

// TestUrgencyOn: overdue before today, today, this week up to Sunday,
// nothing after it.
func TestUrgencyOn(t *testing.T) {
	wed := regie.NewDate(2026, 3, 4) // a Wednesday
	for _, tc := range []struct {
		on   regie.Date
		want regie.Urgency
		ok   bool
	}{
		{regie.Date{}, regie.UrgencyOpen, true},
		{wed.AddDays(-30), regie.UrgencyOverdue, true},
		{wed.AddDays(-1), regie.UrgencyOverdue, true},
		{wed, regie.UrgencyToday, true},
		{wed.AddDays(1), regie.UrgencyWeek, true},
		{wed.AddDays(4), regie.UrgencyWeek, true}, // Sunday
		{wed.AddDays(5), 0, false},                // next Monday
	} {
		got, ok := regie.UrgencyOn(tc.on, wed)
		if got != tc.want || ok != tc.ok {
			t.Errorf("UrgencyOn(%s) = %v, %v; want %v, %v", tc.on, got, ok, tc.want, tc.ok)
		}
	}
}

// TestSortWork: acute first, then overdue oldest first, today, this week
// soonest first, then what has no day, alerts before reminders.
func TestSortWork(t *testing.T) {
	today := regie.NewDate(2026, 3, 4)
	item := func(name string, u regie.Urgency, on regie.Date, alert bool) *regie.WorkItem {
		return &regie.WorkItem{FamilyName: name, Urgency: u, On: on, Alert: alert}
	}
	want := []*regie.WorkItem{
		item("Zwart", regie.UrgencyAcute, regie.Date{}, true),
		item("Bakker", regie.UrgencyOverdue, today.AddDays(-40), false),
		item("Aalders", regie.UrgencyOverdue, today.AddDays(-2), true),
		item("Aalders", regie.UrgencyOverdue, today.AddDays(-2), false),
		item("van Dam", regie.UrgencyOverdue, today.AddDays(-2), false),
		item("Visser", regie.UrgencyToday, today, false),
		item("de Boer", regie.UrgencyWeek, today.AddDays(1), false),
		item("Aalders", regie.UrgencyWeek, today.AddDays(3), false),
		item("Visser", regie.UrgencyOpen, regie.Date{}, true),
		item("Aalders", regie.UrgencyOpen, regie.Date{}, false),
	}
	got := []*regie.WorkItem{want[7], want[9], want[4], want[1], want[5], want[0], want[3], want[8], want[2], want[6]}
	regie.SortWork(got)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("position %d: %s %v %s, want %s %v %s", i, got[i].FamilyName, got[i].Urgency, got[i].On,
				want[i].FamilyName, want[i].Urgency, want[i].On)
		}
	}
	wl := &regie.Worklist{Items: got}
	var us []regie.Urgency
	for _, g := range wl.Groups() {
		us = append(us, g.Urgency)
	}
	if len(us) != 5 || us[0] != regie.UrgencyAcute || us[4] != regie.UrgencyOpen {
		t.Errorf("groups = %v", us)
	}
}

// TestWorkFor: what one family puts on the werkbak, and the page each
// item links to.
func TestWorkFor(t *testing.T) {
	n := regie.DefaultNorms()
	today := regie.NewDate(2026, 6, 3) // a Wednesday
	start := today.AddMonths(-n.PlanMaxMonths).AddDays(-3)
	fw := regie.FamilyWork{FamilyID: 7, FamilyName: "Jansen", Journey: true,
		Facts: regie.FamilyFacts{Phase: regie.PhaseContact, PhaseStartedOn: start, IntensiveStartedOn: start,
			LastContactOn: today, LastReachedOn: today, Acute: true},
		Agreements: []*regie.Agreement{
			{What: "Schuldhulp bellen", Owner: "Moeder", Due: today.AddDays(-5), Status: regie.AgreementOpen},
			{What: "Al gedaan", Due: today.AddDays(-5), Status: regie.AgreementDone},
			{What: "Later", Due: today.AddDays(20), Status: regie.AgreementRunning},
			{What: "Vrijdag", Due: today.AddDays(2), Status: regie.AgreementRunning},
		},
		OpenItems: []regie.ChecklistItem{{Key: "hulpvraag", Label: "Aansluiting gevonden", Active: true}},
	}
	items := regie.WorkFor(fw, n, today)
	regie.SortWork(items)
	type row struct {
		kind regie.WorkKind
		u    regie.Urgency
		link string
	}
	want := []row{
		{regie.WorkAcute, regie.UrgencyAcute, "/gezinnen/7#h-veiligheid"},
		{regie.WorkAgreement, regie.UrgencyOverdue, "/gezinnen/7/plan"},
		{regie.WorkKind(regie.DuePlan), regie.UrgencyOverdue, "/gezinnen/7/plan"},
		{regie.WorkAgreement, regie.UrgencyWeek, "/gezinnen/7/plan"},
		{regie.WorkPhaseItem, regie.UrgencyOpen, "/gezinnen/7/fase"},
		{regie.WorkSignal, regie.UrgencyOpen, "/gezinnen/7"}, // too few hours in the contact phase
	}
	if len(items) != len(want) {
		for _, it := range items {
			t.Logf("%s %v %s %s", it.Kind, it.Urgency, it.On, it.What)
		}
		t.Fatalf("%d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		if got := (row{items[i].Kind, items[i].Urgency, items[i].Link}); got != w {
			t.Errorf("item %d = %+v, want %+v", i, got, w)
		}
	}
	if items[1].What != "Schuldhulp bellen" || items[1].Who != "Moeder" || !items[1].Alert {
		t.Errorf("overdue agreement = %+v", items[1])
	}

	t.Run("YouthWorker", func(t *testing.T) {
		fw := fw
		fw.Journey = false
		for _, it := range regie.WorkFor(fw, n, today) {
			if it.Kind != regie.WorkAcute && it.Kind != regie.WorkAgreement {
				t.Errorf("a youth worker gets %s (%s)", it.Kind, it.What)
			}
		}
	})
	t.Run("NoContactSignal", func(t *testing.T) {
		fw := fw
		fw.Facts.LastReachedOn = today.AddDays(-30)
		var found bool
		for _, it := range regie.WorkFor(fw, n, today) {
			found = found || it.Kind == regie.WorkSignal && it.Link == "/gezinnen/7"
		}
		if !found {
			t.Error("no signal for a month without contact")
		}
	})
}

// TestWorkLink: every due kind goes where it is done.
func TestWorkLink(t *testing.T) {
	for kind, want := range map[regie.WorkKind]string{
		regie.WorkKind(regie.DuePlan):            "/gezinnen/3/plan",
		regie.WorkKind(regie.DueInterim):         "/gezinnen/3/evaluaties",
		regie.WorkKind(regie.DueIntensiveEnd):    "/gezinnen/3/evaluaties",
		regie.WorkKind(regie.DueNetwork):         "/gezinnen/3/netwerkoverleg",
		regie.WorkKind(regie.DueCoordinationEnd): "/gezinnen/3/fase",
		regie.WorkPhaseItem:                      "/gezinnen/3/fase",
		"onbekend":                               "/gezinnen/3",
	} {
		if got := regie.WorkLink(kind, 3); got != want {
			t.Errorf("WorkLink(%s) = %s, want %s", kind, got, want)
		}
	}
}
