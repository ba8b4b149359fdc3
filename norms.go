package regie

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Norms are the numbers the method works with (seed 003), which the system
// warns on. The defaults are the seed's; the functional administrator may
// change them (stored as settings), and everything reads them from here.
type Norms struct {
	// CasemanagerFamiliesPerYear: "begeleidt ongeveer zes gezinnen per jaar".
	CasemanagerFamiliesPerYear int
	// YouthWorkerYouthsPerYear: "begeleidt gemiddeld 12 jongeren per jaar".
	YouthWorkerYouthsPerYear int
	// IntensiveMaxMonths: the intensive phase (1–4) takes 6 to 9 months;
	// much longer is a sign the family needs more permanent help.
	IntensiveMaxMonths int
	// IntensiveHours: "gemiddeld 200 uur in een gezin".
	IntensiveHours int
	// ContactPhaseHoursPerWeek: "gemiddeld 8 uur per week" in phase 2.
	ContactPhaseHoursPerWeek int
	// PlanMaxMonths: the plan is ready 3–4 months after the start.
	PlanMaxMonths int
	// InterimAfterPlanMonths: the first interim evaluation, 3 months after
	// the plan is discussed.
	InterimAfterPlanMonths int
	// NetworkMeetingMonths: in phase 5, a meeting with the partners every
	// 3 months.
	NetworkMeetingMonths int
	// CoordinationMaxMonths: phase 5 takes at most 18 months.
	CoordinationMaxMonths int
	// NoContactDays: a signal after this many days without contact.
	NoContactDays int
	// RejectedInARow: a signal after this many attempts in a row without
	// contact (door not opened, phone not answered, sent away).
	RejectedInARow int
	// CheckupMonths: the check-ups after the file was closed, in months
	// after the closing (seed 003, bijlage 2; seed 004: long-term
	// monitoring), increasing.
	CheckupMonths []int
	// SupervisionMonths: every casemanager and youth worker has work
	// supervision with the team leader once a month (seed 003, bijlage 1).
	SupervisionMonths int
	// YouthTrackMinMonths, YouthTrackMaxMonths: "De jeugdhulpverlener is
	// zes tot negen maanden actief met de jongere" (seed 003 §6): the
	// youth's final evaluation is due between these months after the
	// start of the track.
	YouthTrackMinMonths int
	YouthTrackMaxMonths int
}

// DefaultNorms returns the seed's norms.
func DefaultNorms() Norms {
	return Norms{
		CasemanagerFamiliesPerYear: 6,
		YouthWorkerYouthsPerYear:   12,
		IntensiveMaxMonths:         9,
		IntensiveHours:             200,
		ContactPhaseHoursPerWeek:   8,
		PlanMaxMonths:              4,
		InterimAfterPlanMonths:     3,
		NetworkMeetingMonths:       3,
		CoordinationMaxMonths:      18,
		NoContactDays:              14,
		RejectedInARow:             5,
		CheckupMonths:              []int{3, 6, 12},
		SupervisionMonths:          1,
		YouthTrackMinMonths:        6,
		YouthTrackMaxMonths:        9,
	}
}

// NormSetting describes one norm for the administrator's screen: its key
// in the settings table, its Dutch label and its bounds.
type NormSetting struct {
	Key      string
	Label    string
	Unit     string
	Min, Max int
	field    func(*Norms) *int
	// list, instead of field, makes the norm a list of increasing
	// numbers each within Min and Max, typed as "3, 6, 12".
	list func(*Norms) *[]int
}

// NormSettings lists the adjustable norms.
var NormSettings = []NormSetting{
	{"norm.casemanager_gezinnen_per_jaar", "Gezinnen per casemanager per jaar", "gezinnen", 1, 50,
		func(n *Norms) *int { return &n.CasemanagerFamiliesPerYear }, nil},
	{"norm.jeugdhulpverlener_jongeren_per_jaar", "Jongeren per jeugdhulpverlener per jaar", "jongeren", 1, 100,
		func(n *Norms) *int { return &n.YouthWorkerYouthsPerYear }, nil},
	{"norm.intensief_max_maanden", "Intensieve fase (1–4) duurt hooguit", "maanden", 1, 36,
		func(n *Norms) *int { return &n.IntensiveMaxMonths }, nil},
	{"norm.intensief_uren", "Uren in een gezin tijdens de intensieve fase", "uur", 10, 2000,
		func(n *Norms) *int { return &n.IntensiveHours }, nil},
	{"norm.contactfase_uren_per_week", "Uren per week in de contactfase (fase 2)", "uur per week", 1, 40,
		func(n *Norms) *int { return &n.ContactPhaseHoursPerWeek }, nil},
	{"norm.plan_max_maanden", "Hulpverleningsplan klaar binnen", "maanden na de start", 1, 12,
		func(n *Norms) *int { return &n.PlanMaxMonths }, nil},
	{"norm.tussenevaluatie_maanden", "Eerste tussenevaluatie na het plan", "maanden", 1, 12,
		func(n *Norms) *int { return &n.InterimAfterPlanMonths }, nil},
	{"norm.netwerkoverleg_maanden", "Netwerkoverleg in fase 5, elke", "maanden", 1, 12,
		func(n *Norms) *int { return &n.NetworkMeetingMonths }, nil},
	{"norm.coordinatie_max_maanden", "Coördinatie van zorg (fase 5) duurt hooguit", "maanden", 1, 60,
		func(n *Norms) *int { return &n.CoordinationMaxMonths }, nil},
	{"norm.geen_contact_dagen", "Signaal na zoveel dagen zonder contact", "dagen", 1, 90,
		func(n *Norms) *int { return &n.NoContactDays }, nil},
	{"norm.afgewezen_op_rij", "Signaal na zoveel pogingen op rij zonder contact", "pogingen", 2, 50,
		func(n *Norms) *int { return &n.RejectedInARow }, nil},
	{Key: "norm.checkup_maanden", Label: "Check-ups na het sluiten van het dossier, na", Unit: "maanden, oplopend (bijvoorbeeld 3, 6, 12)",
		Min: 1, Max: 60, list: func(n *Norms) *[]int { return &n.CheckupMonths }},
	{Key: "norm.werkbegeleiding_maanden", Label: "Werkbegeleiding per casemanager en jeugdhulpverlener, elke", Unit: "maanden",
		Min: 1, Max: 6, field: func(n *Norms) *int { return &n.SupervisionMonths }},
	{Key: "norm.jeugdtraject_min_maanden", Label: "Jeugdtraject: eindevaluatie op zijn vroegst na", Unit: "maanden",
		Min: 1, Max: 24, field: func(n *Norms) *int { return &n.YouthTrackMinMonths }},
	{Key: "norm.jeugdtraject_max_maanden", Label: "Jeugdtraject duurt hooguit", Unit: "maanden",
		Min: 1, Max: 36, field: func(n *Norms) *int { return &n.YouthTrackMaxMonths }},
}

// Value returns the setting's value in n, as the form shows it.
func (s NormSetting) Value(n Norms) string {
	if s.list != nil {
		parts := make([]string, len(*s.list(&n)))
		for i, m := range *s.list(&n) {
			parts[i] = strconv.Itoa(m)
		}
		return strings.Join(parts, ", ")
	}
	return strconv.Itoa(*s.field(&n))
}

// parseList reads a list norm: numbers separated by commas or spaces,
// each within the bounds, increasing. The message says what is wrong.
func (s NormSetting) parseList(value string) ([]int, Msg, []any) {
	fields := strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
	if len(fields) == 0 {
		return nil, MsgRequired, nil
	}
	if len(fields) > 12 {
		return nil, MsgNormListLong, []any{12}
	}
	out := make([]int, len(fields))
	for i, f := range fields {
		m, err := strconv.Atoi(f)
		switch {
		case err != nil:
			return nil, MsgNormListInvalid, []any{f}
		case m < s.Min || m > s.Max:
			return nil, MsgNumberRange, []any{s.Min, s.Max}
		case i > 0 && m <= out[i-1]:
			return nil, MsgNormListIncreasing, []any{fmt.Sprint(m), fmt.Sprint(out[i-1])}
		}
		out[i] = m
	}
	return out, "", nil
}

// Apply overrides the defaults with stored settings; unknown keys and bad
// values are ignored (the form that stores them validates).
func (n *Norms) Apply(settings map[string]string) {
	for _, s := range NormSettings {
		if v, ok := settings[s.Key]; ok && s.list != nil {
			if list, m, _ := s.parseList(v); m == "" {
				*s.list(n) = list
			}
		} else if ok {
			if i, err := strconv.Atoi(v); err == nil && i >= s.Min && i <= s.Max {
				*s.field(n) = i
			}
		}
	}
}

// ValidateNorms checks values typed for the norms, keyed by setting key;
// norms not in values stay as they are.
func ValidateNorms(values map[string]string) error {
	var v Validation
	for _, s := range NormSettings {
		value, ok := values[s.Key]
		if !ok {
			continue
		}
		if s.list != nil {
			if _, m, args := s.parseList(Clean(value)); m != "" {
				v.Add(s.Key, m, args...)
			}
			continue
		}
		i, err := strconv.Atoi(Clean(value))
		switch {
		case err != nil:
			v.Add(s.Key, MsgNumberInvalid)
		case i < s.Min || i > s.Max:
			v.Add(s.Key, MsgNumberRange, s.Min, s.Max)
		}
	}
	return v.Err()
}

// SettingsService stores the administrator's settings.
type SettingsService interface {
	// FindNorms returns the norms: the defaults with the stored settings.
	FindNorms(ctx context.Context) (Norms, error)
	// SaveNorms stores norms typed by the administrator (keyed by setting
	// key). EINVALID, EFORBIDDEN.
	SaveNorms(ctx context.Context, values map[string]string) error
}
