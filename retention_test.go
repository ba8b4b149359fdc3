package regie

import "testing"

func TestRetentionDate(t *testing.T) {
	d := MustParseDate
	for _, tc := range []struct {
		name  string
		kind  RetentionKind
		f     RetentionFacts
		want  string
		hasOK bool
	}{
		{"open file", RetainFamilyFile, RetentionFacts{}, "", false},
		{"closed", RetainFamilyFile, RetentionFacts{ClosedOn: d("2026-03-02")}, "2046-03-02", true},
		{"leap day", RetainFamilyFile, RetentionFacts{ClosedOn: d("2028-02-29")}, "2048-02-29", true},
		{"check-up after closing", RetainFamilyFile, RetentionFacts{ClosedOn: d("2026-03-02"), LastCheckupOn: d("2027-03-01")}, "2047-03-01", true},
		{"access log", RetainAccessLog, RetentionFacts{ClosedOn: d("2026-03-02")}, "", false},
	} {
		got, ok := RetentionDate(tc.kind, tc.f)
		if got.ISO() != tc.want || ok != tc.hasOK {
			t.Errorf("%s: RetentionDate = %s, %v; want %s, %v", tc.name, got, ok, tc.want, tc.hasOK)
		}
	}
}

func TestStateAndDestructible(t *testing.T) {
	d := MustParseDate
	closed := RetentionFacts{ClosedOn: d("2006-01-10")}
	due, ok := RetentionDate(RetainFamilyFile, closed) // 2026-01-10
	for _, tc := range []struct {
		today string
		held  bool
		want  RetentionState
	}{
		{"2025-01-09", false, RetentionRunning},
		{"2025-01-10", false, RetentionSoon},
		{"2026-01-09", false, RetentionSoon},
		{"2026-01-10", false, RetentionDue},
		{"2026-01-10", true, RetentionHeld},
	} {
		if got := StateOn(due, ok, tc.held, d(tc.today)); got != tc.want {
			t.Errorf("StateOn(%s, held %v) = %s, want %s", tc.today, tc.held, got, tc.want)
		}
	}
	today := d("2026-01-10")
	if Destructible(closed, false, false, false, today) {
		t.Error("destructible without approval")
	}
	if Destructible(closed, true, true, false, today) {
		t.Error("destructible while held")
	}
	if !Destructible(closed, true, false, false, today) || Destructible(closed, true, false, false, today.AddDays(-1)) {
		t.Error("due and approved: destructible on its day, not the day before")
	}
	young := RetentionFacts{ClosedOn: d("2025-06-01")}
	if !Destructible(young, true, false, true, today) {
		t.Error("a granted request is destructible before the term")
	}
	if Destructible(RetentionFacts{}, true, false, true, today) {
		t.Error("an open file is never destructible")
	}
}

func TestRequestDeadlineAndSignal(t *testing.T) {
	d := MustParseDate
	received := d("2026-01-31")
	if got := RequestDeadline(received).ISO(); got != "2026-05-01" {
		t.Errorf("deadline = %s", got) // AddDate normalises 31 April
	}
	for today, want := range map[string]string{"2026-04-16": "", "2026-04-17": "binnenkort", "2026-05-01": "binnenkort", "2026-05-02": "te_laat"} {
		if got := RequestSignal(received, d(today)); got != want {
			t.Errorf("RequestSignal on %s = %q, want %q", today, got, want)
		}
	}
	refuse := RequestDecision{Outcome: RequestRefused}
	if refuse.Validate() == nil {
		t.Error("a refusal without exception and reason validates")
	}
	grant := RequestDecision{Outcome: RequestGranted, Exception: ExceptionLegalDuty}
	if grant.Validate() == nil {
		t.Error("a grant with an exception validates")
	}
}
