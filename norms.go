package regie

import (
	"context"
	"strconv"
)

// Norms are the numbers the method works with (seed 003), which the system
// warns on. The defaults are the seed's; the functional administrator may
// change them (stored as settings), and everything reads them from here.
type Norms struct {
	// CasemanagerFamiliesPerYear: "begeleidt ongeveer zes gezinnen per jaar".
	CasemanagerFamiliesPerYear int
	// YouthWorkerYouthsPerYear: "begeleidt gemiddeld 12 jongeren per jaar".
	YouthWorkerYouthsPerYear int
}

// DefaultNorms returns the seed's norms.
func DefaultNorms() Norms {
	return Norms{
		CasemanagerFamiliesPerYear: 6,
		YouthWorkerYouthsPerYear:   12,
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
}

// NormSettings lists the adjustable norms.
var NormSettings = []NormSetting{
	{"norm.casemanager_gezinnen_per_jaar", "Gezinnen per casemanager per jaar", "gezinnen", 1, 50,
		func(n *Norms) *int { return &n.CasemanagerFamiliesPerYear }},
	{"norm.jeugdhulpverlener_jongeren_per_jaar", "Jongeren per jeugdhulpverlener per jaar", "jongeren", 1, 100,
		func(n *Norms) *int { return &n.YouthWorkerYouthsPerYear }},
}

// Value returns the setting's value in n.
func (s NormSetting) Value(n Norms) int { return *s.field(&n) }

// Apply overrides the defaults with stored settings; unknown keys and bad
// values are ignored (the form that stores them validates).
func (n *Norms) Apply(settings map[string]string) {
	for _, s := range NormSettings {
		if v, ok := settings[s.Key]; ok {
			if i, err := strconv.Atoi(v); err == nil && i >= s.Min && i <= s.Max {
				*s.field(n) = i
			}
		}
	}
}

// ValidateNorms checks values typed for the norms, keyed by setting key.
func ValidateNorms(values map[string]string) error {
	var v Validation
	for _, s := range NormSettings {
		i, err := strconv.Atoi(Clean(values[s.Key]))
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
