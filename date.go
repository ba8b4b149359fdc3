package regie

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date without a time of day or zone: a birth date, the
// day a member left the household, the day a phase started. Its zero value
// means "not set".
type Date struct {
	t time.Time // always midnight UTC
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t in the Dutch time zone, the zone in
// which "today" is meant for every user of regie.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Amsterdam).Date()
	return NewDate(y, m, d)
}

// Amsterdam is the time zone in which dates and times are shown and typed.
// The binary embeds the zone database (cmd/regie imports time/tzdata).
var Amsterdam = mustLoadLocation("Europe/Amsterdam")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("regie: load time zone %s: %v (import time/tzdata)", name, err))
	}
	return loc
}

// ParseDate parses an ISO date (2006-01-02, what an HTML date input sends)
// or a Dutch typed date (2-1-2006, 02-01-2006, 2/1/2006).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2-1-2006", "2/1/2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{t}, nil
		}
	}
	return Date{}, fmt.Errorf("regie: parse date %q", s)
}

// MustParseDate is ParseDate for literals in tests and seed data.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// ISO returns the date as 2006-01-02, or "" when unset. It is the form
// stored in the database and put in HTML date inputs.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// String implements fmt.Stringer with the ISO form.
func (d Date) String() string { return d.ISO() }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return d.t }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// Compare returns -1, 0 or +1 as d is before, on or after e.
func (d Date) Compare(e Date) int { return d.t.Compare(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns the date n months later, as time.AddDate normalises.
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// Monday returns the Monday of d's week (weeks run Monday to Sunday, as
// the team's weekly meeting does).
func (d Date) Monday() Date { return d.AddDays(-(int(d.t.Weekday()+6) % 7)) }

// DaysUntil returns the number of days from d to e (negative if e is before d).
func (d Date) DaysUntil(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

// YearsOn returns the age in whole years, on date on, of someone born on d.
func (d Date) YearsOn(on Date) int {
	if d.IsZero() || on.Before(d) {
		return 0
	}
	y := on.t.Year() - d.t.Year()
	if on.t.Month() < d.t.Month() || (on.t.Month() == d.t.Month() && on.t.Day() < d.t.Day()) {
		y--
	}
	return y
}

var dutchMonths = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// Dutch returns the date as "3 maart 2026", or "" when unset.
func (d Date) Dutch() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.t.Day(), dutchMonths[d.t.Month()-1], d.t.Year())
}

// Short returns the date as 03-03-2026, the form Dutch forms use.
func (d Date) Short() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02-01-2006")
}

// FormatDateTime returns t as "3 maart 2026 14:05" in Dutch time.
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	l := t.In(Amsterdam)
	return fmt.Sprintf("%s %s", DateOf(l).Dutch(), l.Format("15:04"))
}
