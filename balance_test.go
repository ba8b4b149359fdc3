package regie

import "testing"

func TestBalanceFactorInput_Validate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     BalanceFactorInput
		fields []string
	}{
		{"OK carrying", BalanceFactorInput{Kind: BalanceProtective, Level: LevelFamily, Text: " Oma helpt ", Weight: "2"}, nil},
		{"OK burden", BalanceFactorInput{Kind: BalanceTask, Level: LevelMacro, Text: "Werk zoeken", Weight: "3"}, nil},
		{"ErrLevelOfOtherSide", BalanceFactorInput{Kind: BalanceRisk, Level: LevelPerson, Text: "Schulden", Weight: "1"}, []string{"balance_level"}},
		{"ErrKind", BalanceFactorInput{Kind: "kracht", Level: LevelPerson, Text: "x", Weight: "1"}, []string{"balance_kind"}},
		{"ErrTextWeight", BalanceFactorInput{Kind: BalanceRisk, Level: LevelMeso, Text: " ", Weight: "0"}, []string{"factor_text", "weight"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := tc.in.Validate()
			fields := ErrorFields(err)
			if len(fields) != len(tc.fields) {
				t.Fatalf("fields = %v, want %v", fields, tc.fields)
			}
			for _, k := range tc.fields {
				if fields[k] == "" {
					t.Errorf("no message for %s: %v", k, fields)
				}
			}
			if err == nil && (f.Text != Clean(tc.in.Text) || f.Weight.Label() == "") {
				t.Errorf("factor = %+v", f)
			}
		})
	}
}

func TestGoalLineInput_Validate(t *testing.T) {
	goals := []*Goal{{Key: "a1"}}
	tied := []*GoalLine{{GoalKey: "a1", Line: LineStress}}
	for _, tc := range []struct {
		name  string
		in    GoalLineInput
		field string
	}{
		{"OK", GoalLineInput{GoalKey: "a1", Line: LineSkills}, ""},
		{"ErrGoalNotInNewestPlan", GoalLineInput{GoalKey: "b2", Line: LineSkills}, "goal"},
		{"ErrLine", GoalLineInput{GoalKey: "a1", Line: "toveren"}, "working_line"},
		{"ErrTiedAlready", GoalLineInput{GoalKey: "a1", Line: LineStress}, "working_line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.in.Validate(goals, tied)
			if tc.field == "" && err != nil || tc.field != "" && ErrorFields(err)[tc.field] == "" {
				t.Errorf("Validate = %v, want a message for %q", err, tc.field)
			}
		})
	}
}

func TestBalanceMoment_Tilt(t *testing.T) {
	m := &BalanceMoment{}
	if m.Tilt() != TiltEmpty {
		t.Errorf("empty: %s", m.Tilt())
	}
	m.Factors = []*BalanceFactor{{Kind: BalanceProtective, Weight: 2}, {Kind: BalanceRisk, Weight: 2}}
	if m.Tilt() != TiltEven || m.Carrying() != 2 || m.Burden() != 2 {
		t.Errorf("even: %s", m.Tilt())
	}
	m.Factors = append(m.Factors, &BalanceFactor{Kind: BalanceTask, Weight: 1})
	if m.Tilt() != TiltBurden {
		t.Errorf("burden: %s", m.Tilt())
	}
}
