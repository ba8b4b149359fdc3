package regie

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Reports (Rapportages, DOMAIN.md §11, seed 003 bijlage 2, seed 004): the
// team's figures, computed from what regie registered — never typed. The
// store reads the facts of a filter (ReportFacts) and BuildReport turns
// them into sections of tables; every cell knows how many families (or
// referrals) stand behind it, so a group smaller than MinGroup is
// suppressed in anything that leaves the team (Report.Suppress), and
// which families they are, so the team leader can open them.
//
// Where a figure is defined: the flow and the work (report_flow.go,
// report_work.go), the effect (report_effect.go), the cost and benefit
// (report_cost.go, with the rates in rates.go). Each section is a pure
// function of the facts, tested on a small data set computed by hand.

// ReportFilter is what a report covers: a period (both days inclusive)
// and optionally one team, one district and one worker.
type ReportFilter struct {
	From, To   Date
	TeamID     int64
	DistrictID int64
	// WorkerID narrows the report to the families the worker coordinated
	// (or, for a youth worker, the youths they guided) in the period, and
	// the hours to the worker's own contacts.
	WorkerID int64
}

// MaxReportYears is the longest period a report covers.
const MaxReportYears = 10

// DefaultReportFilter is the last twelve months up to today.
func DefaultReportFilter(today Date) ReportFilter {
	return ReportFilter{From: today.AddMonths(-12).AddDays(1), To: today}
}

// Validate checks a filter typed on the reports page: both dates, the
// start not after the end, the end not after today, and no longer than
// MaxReportYears.
func (f ReportFilter) Validate(today Date) error {
	var v Validation
	if f.From.IsZero() {
		v.Add("van", MsgDateInvalid)
	}
	if f.To.IsZero() {
		v.Add("tot", MsgDateInvalid)
	}
	if !f.From.IsZero() && !f.To.IsZero() {
		switch {
		case f.To.After(today):
			v.Add("tot", MsgDateInFuture)
		case f.From.After(f.To):
			v.Add("van", MsgReportPeriodOrder)
		case f.From.Before(f.To.AddMonths(-12 * MaxReportYears)):
			v.Add("van", MsgReportPeriodTooLong, MaxReportYears)
		}
	}
	return v.Err()
}

// Contains reports whether d lies in the period.
func (f ReportFilter) Contains(d Date) bool {
	return !d.IsZero() && !d.Before(f.From) && !d.After(f.To)
}

// Days is the length of the period in days, both ends counted.
func (f ReportFilter) Days() int { return f.From.DaysUntil(f.To) + 1 }

// Describe says in Dutch what the filter covers, for the page's heading,
// the exports and the access log (names are looked up by the caller).
func (f ReportFilter) Describe(team, district, worker string) string {
	s := fmt.Sprintf("%s t/m %s", f.From.Dutch(), f.To.Dutch())
	for _, part := range []struct{ label, name string }{{"team", team}, {"wijk", district}, {"medewerker", worker}} {
		if part.name != "" {
			s += ", " + part.label + " " + part.name
		}
	}
	return s
}

// ReportAudience is who the figures are for.
type ReportAudience int

const (
	// AudienceTeam is the team leader on screen: exact figures, each
	// linked to the families behind it.
	AudienceTeam ReportAudience = iota
	// AudienceOutside is anything that leaves the team — a manager, who
	// sees figures but no family content, an export, a print: groups
	// smaller than MinGroup suppressed, no links to families.
	AudienceOutside
)

// MinGroup is the smallest group a figure that leaves the team may
// describe; a cell about fewer families (but more than none) is shown as
// "< 5" (seed 004 asks for figures; the AVG asks that no family can be
// recognised in them).
const MinGroup = 5

// ReportFacts are what the store read for a report: the referrals and
// families in the filter's scope with the registered facts the figures
// are computed from, and the norms and rates they are held against.
type ReportFacts struct {
	Filter ReportFilter
	Today  Date
	Norms  Norms
	Rates  Rates
	// Referrals are the referrals received in the period (in scope).
	Referrals []*ReportReferral
	// Families are the families in scope that were open on some day of
	// the period (created on or before its end, not closed before its
	// start), or that had their final evaluation or a check-up in it.
	Families []*ReportFamily
	// Workers are the casemanagers and youth workers in scope (active
	// or with work in the period).
	Workers []*ReportWorker
}

// ReportReferral is one referral as the reports count it.
type ReportReferral struct {
	ID         int64
	TeamID     int64
	DistrictID int64
	ReceivedOn Date
	// SourceKind is the kind of the referring organisation (school,
	// police, GP…); SourceName its name.
	SourceKind OrgKind
	SourceName string
	// Status is the referral's status now.
	Status ReferralStatus
	// DecidedOn is the day of the latest intake decision; zero while none.
	DecidedOn Date
	// ContraIndicated: the latest decision declined and named a
	// contra-indication.
	ContraIndicated bool
	// FamilyID is the family's file an accepted referral became.
	FamilyID int64
	// FirstContactOn is the first contact (or attempt) with that family;
	// zero when none yet.
	FirstContactOn Date
}

// ReportPhase is one stay of a family in a phase: from its transition to
// the next (To zero while the family is still in it and open).
type ReportPhase struct {
	Phase    Phase
	From, To Date
	// Relapse: the family came back to this phase from coordination of
	// care (PhaseTransition.Relapse).
	Relapse bool
}

// ReportWork is a family's registered contacts in the period by one
// worker in one phase.
type ReportWork struct {
	Phase    Phase
	UserID   int64
	Minutes  int
	Contacts int // all contact moments, attempts included
	NoAnswer int // attempts: door not opened, phone not answered
	Refused  int // attempts: the family sent the casemanager away
}

// ReportCheckup is one check-up after the file was closed.
type ReportCheckup struct {
	On         Date
	Assessment CheckupAssessment
}

// ReportFamily is one family as the reports count it.
type ReportFamily struct {
	ID         int64
	TeamID     int64
	DistrictID int64
	// CoordinatorID is the coordinator now, or at the closing.
	CoordinatorID int64
	CreatedOn     Date
	// Phases are the family's stays in a phase, oldest first.
	Phases []ReportPhase
	// ClosedOn and CloseOutcome: the file's closing; zero while open.
	ClosedOn     Date
	CloseOutcome CloseOutcome
	// Work is the family's contacts in the period.
	Work []ReportWork
	// MinutesTotal are all the family's contact minutes, ever;
	// MinutesIntensive those of its (latest) intensive period, held
	// against the 200-hour norm.
	MinutesTotal     int
	MinutesIntensive int
	// StartScores and EndScores are the family's self-reliance per life
	// domain (the household's score, not a member's) at the first scoring
	// moment and at the latest; a domain scored only once is in neither.
	StartScores map[Domain]Score
	EndScores   map[Domain]Score
	// FinalEvaluationOn is the day of the latest final evaluation; zero
	// when none. Goals counts its goals per degree reached, EndTerms its
	// score per end term.
	FinalEvaluationOn Date
	Goals             map[GoalDegree]int
	EndTerms          map[EndTerm]EndTermScore
	// Agencies involved: at the start of the intensive phase, at the
	// handover (the start of coordination of care), and after it (at the
	// closing, or now); -1 when the family did not reach that moment.
	AgenciesStart, AgenciesHandover, AgenciesAfter int
	Checkups                                       []ReportCheckup
}

// PhaseOn returns the family's phase on day d; 0 when it had none yet or
// was closed by then.
func (f *ReportFamily) PhaseOn(d Date) Phase {
	if !f.ClosedOn.IsZero() && !d.Before(f.ClosedOn) {
		return 0
	}
	var p Phase
	for _, s := range f.Phases {
		if s.From.After(d) {
			break
		}
		p = s.Phase
	}
	return p
}

// ReportWorker is a casemanager or youth worker as the reports count them.
type ReportWorker struct {
	UserID int64
	Name   string
	Role   Role
	TeamID int64
	// Current is the families (youths) assigned at the period's end;
	// Started those whose assignment started in the period.
	Current int
	Started int
}

// Report is the computed figures of a filter.
type Report struct {
	Filter   ReportFilter
	Today    Date
	Audience ReportAudience
	Sections []*ReportSection
}

// ReportSection is one part of the report page: Instroom en doorstroom,
// Inzet en uren, Effect, Kosten en baten.
type ReportSection struct {
	Key    string
	Title  string
	Intro  string
	Tables []*ReportTable
}

// ChartKind says how a table is drawn next to its numbers.
type ChartKind string

// The charts a table can have (drawn as SVG on the server).
const (
	ChartNone ChartKind = ""
	// ChartBars: one bar per row, of the table's ChartColumn.
	ChartBars ChartKind = "staaf"
	// ChartPairs: two bars per row (start and end), of ChartColumn and
	// the column after it.
	ChartPairs ChartKind = "paren"
)

// ReportTable is one table of figures. Key is unique in the report and
// stable: links to the families behind a figure, the charts and the
// exports name a table by it.
type ReportTable struct {
	Key   string
	Title string
	// Note says how the figures were computed: what was counted, from
	// which registration, against which norm, and each assumption with
	// its source.
	Note      string
	RowHeader string
	Columns   []string
	Rows      []*ReportRow
	// Chart draws the table; ChartColumn is the column drawn.
	Chart       ChartKind
	ChartColumn int
}

// ReportRow is one row of a table.
type ReportRow struct {
	Key   string
	Label string
	Cells []ReportCell
	// Total: the row adds up the others (for the suppression of a cell
	// that could be derived from it).
	Total bool
}

// CellKind says what a cell holds and how it is written.
type CellKind int

// The kinds of figures.
const (
	CellCount   CellKind = iota // a number of families, referrals…
	CellNumber                  // a number with one decimal (a mean)
	CellPercent                 // a share, Value in 0–100
	CellHours                   // hours, one decimal
	CellDays                    // days, whole
	CellMoney                   // euros, whole
	CellText                    // Text only
)

// ReportCell is one figure.
type ReportCell struct {
	Kind  CellKind
	Value float64
	// Low and High bound a 95 % confidence interval when Interval is set.
	Interval  bool
	Low, High float64
	// N is how many families (or referrals) the figure is about: the
	// suppression decides on it. 0 with Value 0 is "none", never hidden.
	N int
	// Families are the families behind the figure, for the drill-down;
	// nil when a figure is not about a set of families.
	Families []int64
	// Empty: there is nothing to compute (no families with a score, no
	// rate with a source): written as "–" with Warning saying why.
	Empty bool
	// Suppressed: the group is too small to leave the team.
	Suppressed bool
	// Workload: the figure is a worker's load (their caseload, their
	// hours), about the worker and not about a group of families: it is
	// never suppressed (a manager steers on it; it shows no family).
	Workload bool
	// Warning is a short Dutch remark shown with the figure, such as
	// "kleine aantallen: voorzichtig interpreteren".
	Warning string
	// Source names the assumptions a money figure rests on, each with
	// its source.
	Source string
	Text   string
}

// String writes the figure the Dutch way: "1.234", "12,5", "45 %",
// "€ 1.234", "12,5 uur", "< 5" when suppressed, "–" when empty.
func (c ReportCell) String() string {
	switch {
	case c.Suppressed:
		return fmt.Sprintf("< %d", MinGroup)
	case c.Empty:
		return "–"
	}
	var s string
	switch c.Kind {
	case CellText:
		return c.Text
	case CellCount, CellDays:
		s = dutchNumber(c.Value, 0)
	case CellNumber:
		s = dutchNumber(c.Value, 1)
	case CellPercent:
		s = dutchNumber(c.Value, 0) + " %"
	case CellHours:
		s = dutchNumber(c.Value, 1) + " uur"
	case CellMoney:
		s = "€ " + dutchNumber(c.Value, 0)
	}
	if c.Kind == CellDays {
		s += " dagen"
	}
	if c.Interval {
		s += fmt.Sprintf(" (%s tot %s)", dutchNumber(c.Low, 1), dutchNumber(c.High, 1))
	}
	return s
}

// Plain is the figure for a spreadsheet cell: the number without unit or
// thousands separator, a decimal comma; the suppression mark or "" when
// empty.
func (c ReportCell) Plain() string {
	switch {
	case c.Suppressed:
		return fmt.Sprintf("< %d", MinGroup)
	case c.Empty:
		return ""
	case c.Kind == CellText:
		return c.Text
	}
	decimals := 0
	if c.Kind == CellNumber || c.Kind == CellHours {
		decimals = 1
	}
	return strings.Replace(strconv.FormatFloat(round(c.Value, decimals), 'f', decimals, 64), ".", ",", 1)
}

// dutchNumber writes v with the given decimals, a point between
// thousands and a decimal comma.
func dutchNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(round(v, decimals)), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && round(v, decimals) != 0 {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// Table returns the report's table with key, or nil.
func (r *Report) Table(key string) *ReportTable {
	for _, s := range r.Sections {
		for _, t := range s.Tables {
			if t.Key == key {
				return t
			}
		}
	}
	return nil
}

// Cell returns the cell of a table's row and column, or nil.
func (r *Report) Cell(table, row string, col int) *ReportCell {
	t := r.Table(table)
	if t == nil {
		return nil
	}
	for _, rw := range t.Rows {
		if rw.Key == row && col >= 0 && col < len(rw.Cells) {
			return &rw.Cells[col]
		}
	}
	return nil
}

// BuildReport computes the report from the facts, for the team (exact,
// linked); Suppress makes it fit to leave the team.
func BuildReport(f *ReportFacts) *Report {
	r := &Report{Filter: f.Filter, Today: f.Today, Audience: AudienceTeam}
	for _, build := range []func(*ReportFacts) *ReportSection{flowSection, workSection, effectSection, costSection} {
		if s := build(f); s != nil {
			r.Sections = append(r.Sections, s)
		}
	}
	return r
}

// ReportOption is a choice in the reports' filter: a team, a district or
// a worker in scope.
type ReportOption struct {
	ID     int64
	Name   string
	TeamID int64 // the team of a district or worker
}

// ReportPage is what the reports page shows: the report and the filter's
// choices, and what the reader may do with it.
type ReportPage struct {
	Report    *Report
	Teams     []ReportOption
	Districts []ReportOption
	Workers   []ReportOption
	// Described is the filter in words (ReportFilter.Describe).
	Described string
	// CanOpenFamilies: the figures link to the families behind them (the
	// team leader of the team); Export: the CSV and XLSX downloads.
	CanOpenFamilies bool
	CanExport       bool
}

// ReportFamilyRow is one family behind a figure, for the drill-down list.
type ReportFamilyRow struct {
	ID              int64
	HouseholdName   string
	DistrictName    string
	CoordinatorName string
	Phase           Phase
	ClosedOn        Date
}

// ReportService computes the reports. Every view, drill-down and export is
// in the access log.
type ReportService interface {
	// FindReport computes the report of a filter for the actor: the team
	// leader's for their own team (AudienceTeam), the manager's for any
	// (AudienceOutside, suppressed). export says the figures leave regie
	// (a download or a print): suppressed, audited as an export.
	// EINVALID (with a page that holds the filter's choices, so the form
	// comes back with them), EFORBIDDEN.
	FindReport(ctx context.Context, filter ReportFilter, export bool) (*ReportPage, error)
	// FindReportFamilies lists the families behind one figure (table,
	// row, column), each family read into its own log. EINVALID,
	// EFORBIDDEN, ENOTFOUND (no such figure).
	FindReportFamilies(ctx context.Context, filter ReportFilter, table, row string, col int) (*ReportPage, []*ReportFamilyRow, error)
}
