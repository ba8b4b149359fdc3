package regie

import (
	"context"
	"strconv"
	"time"
)

// The balance model (balansmodel, Bakker e.a.; seed 003 §3.1, DOMAIN.md
// §8): a family's carrying capacity (draagkracht: the protective factors
// in the person, the family and the environment, skills included) against
// its burden (draaglast: the tasks and risk factors at micro, meso and
// macro level), weighed like an old-fashioned pair of scales. The
// casemanager records it at moments — at the start, later again — and
// discusses the drawing with the family and the team; the five working
// lines of the model can be tied to the plan's goals.

// BalanceKind is what a factor is: a protective factor (on the side of the
// carrying capacity), a task or a risk factor (both on the burden's side).
type BalanceKind string

// The kinds of factors.
const (
	BalanceProtective BalanceKind = "beschermend"
	BalanceTask       BalanceKind = "taak"
	BalanceRisk       BalanceKind = "risico"
)

// BalanceKinds lists the kinds with their Dutch labels.
var BalanceKinds = []Choice[BalanceKind]{
	{BalanceProtective, "Beschermende factor (draagkracht)"},
	{BalanceTask, "Taak (draaglast)"},
	{BalanceRisk, "Risicofactor (draaglast)"},
}

// Label returns the Dutch label.
func (k BalanceKind) Label() string { return LabelOf(BalanceKinds, k) }

// Carrying reports whether factors of the kind add to the carrying
// capacity; the others add to the burden.
func (k BalanceKind) Carrying() bool { return k == BalanceProtective }

// BalanceLevel is where a factor works: the person, the family or the
// environment for a protective factor; micro, meso or macro for a task or
// a risk factor.
type BalanceLevel string

// The levels of both sides.
const (
	LevelPerson      BalanceLevel = "persoon"
	LevelFamily      BalanceLevel = "gezin"
	LevelEnvironment BalanceLevel = "omgeving"
	LevelMicro       BalanceLevel = "micro"
	LevelMeso        BalanceLevel = "meso"
	LevelMacro       BalanceLevel = "macro"
)

// CarryingLevels are the levels of the protective factors, BurdenLevels
// those of the tasks and risk factors (seed 003 §3.1).
var (
	CarryingLevels = []Choice[BalanceLevel]{
		{LevelPerson, "In de persoon"},
		{LevelFamily, "In het gezin"},
		{LevelEnvironment, "In de omgeving en de maatschappij"},
	}
	BurdenLevels = []Choice[BalanceLevel]{
		{LevelMicro, "Microniveau (kind, ouder, gezin)"},
		{LevelMeso, "Mesoniveau (sociale gezins- en buurtfactoren)"},
		{LevelMacro, "Macroniveau (sociaal-economisch, cultureel, maatschappelijk)"},
	}
)

// Label returns the Dutch label.
func (l BalanceLevel) Label() string {
	if IsChoice(CarryingLevels, l) {
		return LabelOf(CarryingLevels, l)
	}
	return LabelOf(BurdenLevels, l)
}

// LevelsOf returns the levels a factor of kind k may have.
func LevelsOf(k BalanceKind) []Choice[BalanceLevel] {
	if k.Carrying() {
		return CarryingLevels
	}
	return BurdenLevels
}

// BalanceWeight is how heavily a factor weighs: 1, 2 or 3.
type BalanceWeight int

// BalanceWeights lists the weights with their Dutch labels, lightest
// first.
var BalanceWeights = []struct {
	Weight BalanceWeight
	Label  string
}{
	{1, "Licht"},
	{2, "Matig"},
	{3, "Zwaar"},
}

// Label returns the Dutch label ("" when w is no weight).
func (w BalanceWeight) Label() string {
	for _, x := range BalanceWeights {
		if x.Weight == w {
			return x.Label
		}
	}
	return ""
}

// BalanceFactor is one factor of a moment.
type BalanceFactor struct {
	ID     int64
	Kind   BalanceKind
	Level  BalanceLevel
	Text   string
	Weight BalanceWeight
}

// BalanceMoment is the balance as recorded on one day.
type BalanceMoment struct {
	ID            int64
	FamilyID      int64
	On            Date
	Note          string
	Factors       []*BalanceFactor // in the order recorded
	CreatedByName string
	CreatedAt     time.Time
}

// Carrying is the weighted sum of the protective factors.
func (m *BalanceMoment) Carrying() int { return m.sum(true) }

// Burden is the weighted sum of the tasks and risk factors.
func (m *BalanceMoment) Burden() int { return m.sum(false) }

func (m *BalanceMoment) sum(carrying bool) int {
	n := 0
	for _, f := range m.Factors {
		if f.Kind.Carrying() == carrying {
			n += int(f.Weight)
		}
	}
	return n
}

// Tilt says which way the balance goes.
func (m *BalanceMoment) Tilt() BalanceTilt {
	switch c, b := m.Carrying(), m.Burden(); {
	case len(m.Factors) == 0:
		return TiltEmpty
	case b > c:
		return TiltBurden
	case c > b:
		return TiltCarrying
	}
	return TiltEven
}

// Level returns the moment's factors of one level, in order.
func (m *BalanceMoment) Level(l BalanceLevel) []*BalanceFactor {
	var out []*BalanceFactor
	for _, f := range m.Factors {
		if f.Level == l {
			out = append(out, f)
		}
	}
	return out
}

// BalanceTilt is which way a balance goes.
type BalanceTilt string

// The tilts.
const (
	TiltEmpty    BalanceTilt = "leeg"
	TiltBurden   BalanceTilt = "draaglast"
	TiltCarrying BalanceTilt = "draagkracht"
	TiltEven     BalanceTilt = "evenwicht"
)

// BalanceTilts lists the tilts with the sentence that says them.
var BalanceTilts = []Choice[BalanceTilt]{
	{TiltEmpty, "Nog geen factoren vastgelegd"},
	{TiltBurden, "De draaglast weegt zwaarder dan de draagkracht"},
	{TiltCarrying, "De draagkracht weegt zwaarder dan de draaglast"},
	{TiltEven, "Draagkracht en draaglast zijn in evenwicht"},
}

// Label returns the sentence.
func (t BalanceTilt) Label() string { return LabelOf(BalanceTilts, t) }

// WorkingLine is one of the five lines the casemanager works along in the
// balance model (seed 003 §3.1, "het balansmodel: de praktijk").
type WorkingLine string

// The five working lines.
const (
	LineSkills     WorkingLine = "vaardigheden"
	LineTasks      WorkingLine = "taken"
	LineStress     WorkingLine = "stress"
	LineResilience WorkingLine = "veerkracht"
	LinePathology  WorkingLine = "pathologie"
)

// WorkingLines lists them with their Dutch labels, in the seed's words.
var WorkingLines = []Choice[WorkingLine]{
	{LineSkills, "Vaardigheden vergroten"},
	{LineTasks, "Taken verlichten of verrijken"},
	{LineStress, "Stress verlichten"},
	{LineResilience, "Veerkracht en protectieve factoren activeren"},
	{LinePathology, "(De invloed van) pathologie verminderen"},
}

// Label returns the Dutch label.
func (l WorkingLine) Label() string { return LabelOf(WorkingLines, l) }

// GoalLine ties a working line to a plan goal, by the goal's Key, which
// stays the same across the plan's versions.
type GoalLine struct {
	GoalKey string
	Line    WorkingLine
	// GoalText is the goal's text in the newest version that has it; ""
	// when no version has the goal any more.
	GoalText      string
	CreatedByName string
}

// Balance is a family's balance model: its moments, newest first, the
// working lines tied to goals, and what the reader may do.
type Balance struct {
	FamilyID int64
	Moments  []*BalanceMoment
	Lines    []*GoalLine
	// Goals are the newest plan version's goals, to tie a working line
	// to; empty when the reader may not read the plan or there is none.
	Goals []*Goal
	Can   BalancePermissions
}

// Newest returns the newest moment, or nil.
func (b *Balance) Newest() *BalanceMoment {
	if len(b.Moments) == 0 {
		return nil
	}
	return b.Moments[0]
}

// First returns the oldest moment, or nil.
func (b *Balance) First() *BalanceMoment {
	if len(b.Moments) == 0 {
		return nil
	}
	return b.Moments[len(b.Moments)-1]
}

// Moment returns the moment with id, or nil.
func (b *Balance) Moment(id int64) *BalanceMoment {
	for _, m := range b.Moments {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// LinesOf returns the working lines tied to the goal with key.
func (b *Balance) LinesOf(key string) []WorkingLine {
	var out []WorkingLine
	for _, l := range b.Lines {
		if l.GoalKey == key {
			out = append(out, l.Line)
		}
	}
	return out
}

// BalancePermissions say what the reader may do with the balance model.
type BalancePermissions struct {
	Edit   bool // add moments and factors, tie working lines
	Export bool // print it as PDF
}

// BalanceMomentInput is a new moment. Copy takes over the factors of the
// newest moment, so a later balance starts from the one before.
type BalanceMomentInput struct {
	On   string // as typed
	Note string
	Copy bool
}

// Validate checks the input against today and returns the day.
func (in *BalanceMomentInput) Validate(today Date) (Date, error) {
	in.Note = Clean(in.Note)
	var v Validation
	on := v.PastDate("on", Clean(in.On), today, true)
	v.MaxLen("note", in.Note, 2000)
	return on, v.Err()
}

// BalanceFactorInput is a new factor of a moment. Weight is as chosen
// ("1"–"3").
type BalanceFactorInput struct {
	Kind   BalanceKind
	Level  BalanceLevel
	Text   string
	Weight string
}

// Validate checks the input and returns the factor: the level must be one
// of the kind's side.
func (in *BalanceFactorInput) Validate() (*BalanceFactor, error) {
	in.Text = Clean(in.Text)
	var v Validation
	if !IsChoice(BalanceKinds, in.Kind) {
		v.Add("balance_kind", MsgChoiceInvalid)
	} else if !IsChoice(LevelsOf(in.Kind), in.Level) {
		v.Add("balance_level", MsgBalanceLevelSide)
	}
	v.Required("factor_text", in.Text)
	v.MaxLen("factor_text", in.Text, 200)
	n, err := strconv.Atoi(Clean(in.Weight))
	w := BalanceWeight(n)
	if err != nil || w.Label() == "" {
		v.Add("weight", MsgChoiceInvalid)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return &BalanceFactor{Kind: in.Kind, Level: in.Level, Text: in.Text, Weight: w}, nil
}

// GoalLineInput ties a working line to a goal.
type GoalLineInput struct {
	GoalKey string
	Line    WorkingLine
}

// Validate checks the input against the goals that may be chosen (the
// newest plan version's) and the lines already tied.
func (in *GoalLineInput) Validate(goals []*Goal, tied []*GoalLine) error {
	in.GoalKey = Clean(in.GoalKey)
	var v Validation
	found := false
	for _, g := range goals {
		found = found || g.Key == in.GoalKey
	}
	if !found {
		v.Add("goal", MsgBalanceGoalUnknown)
	}
	if !IsChoice(WorkingLines, in.Line) {
		v.Add("working_line", MsgChoiceInvalid)
	}
	for _, t := range tied {
		if t.GoalKey == in.GoalKey && t.Line == in.Line {
			v.Add("working_line", MsgBalanceLineTied)
		}
	}
	return v.Err()
}

// BalanceService keeps the families' balance models. Every method decides
// access through the policy (SegBalance) and is audited in the same
// transaction; a denied attempt returns ENOTFOUND.
type BalanceService interface {
	// FindBalance returns the family's balance model. ENOTFOUND.
	FindBalance(ctx context.Context, familyID int64) (*Balance, error)
	// ExportBalance returns the balance model and the family to print
	// (audited as an export). ENOTFOUND.
	ExportBalance(ctx context.Context, familyID int64) (*Balance, *Family, error)
	// AddBalanceMoment records a new moment, with a copy of the newest
	// moment's factors when asked. EINVALID, ENOTFOUND.
	AddBalanceMoment(ctx context.Context, familyID int64, in BalanceMomentInput) (*BalanceMoment, error)
	// AddBalanceFactor adds a factor to a moment. EINVALID, ENOTFOUND.
	AddBalanceFactor(ctx context.Context, familyID, momentID int64, in BalanceFactorInput) error
	// RemoveBalanceFactor removes a factor recorded by mistake. ENOTFOUND.
	RemoveBalanceFactor(ctx context.Context, familyID, momentID, factorID int64) error
	// TieWorkingLine ties a working line to a goal of the newest plan
	// version. EINVALID, ENOTFOUND.
	TieWorkingLine(ctx context.Context, familyID int64, in GoalLineInput) error
	// UntieWorkingLine removes the tie. ENOTFOUND.
	UntieWorkingLine(ctx context.Context, familyID int64, goalKey string, line WorkingLine) error
}
