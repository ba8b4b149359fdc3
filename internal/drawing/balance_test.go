package drawing

import (
	"strings"
	"testing"

	"regie"
)

// balanceFixture is a family's balance with factors on every level but
// one, the burden the heavier side.
func balanceFixture() *regie.BalanceMoment {
	f := func(k regie.BalanceKind, l regie.BalanceLevel, w regie.BalanceWeight, text string) *regie.BalanceFactor {
		return &regie.BalanceFactor{Kind: k, Level: l, Weight: w, Text: text}
	}
	return &regie.BalanceMoment{On: regie.MustParseDate("2026-03-02"), Factors: []*regie.BalanceFactor{
		f(regie.BalanceProtective, regie.LevelPerson, 2, "Moeder is doortastend"),
		f(regie.BalanceProtective, regie.LevelPerson, 1, "Kevin is goed in voetbal"),
		f(regie.BalanceProtective, regie.LevelFamily, 2, "Het gezin praat veel met elkaar"),
		f(regie.BalanceTask, regie.LevelMicro, 3, "Zorg voor drie jonge kinderen, waarvan één met een beperking"),
		f(regie.BalanceRisk, regie.LevelMicro, 2, "Vader drinkt"),
		f(regie.BalanceRisk, regie.LevelMeso, 1, "Ruzie met de buren"),
		f(regie.BalanceRisk, regie.LevelMacro, 3, "Schulden & huurachterstand"),
	}}
}

func TestBalance_Golden(t *testing.T) {
	golden(t, "balance", Balance(balanceFixture()))
}

func TestBalance_TiltFollowsTheWeights(t *testing.T) {
	m := balanceFixture()
	if got := BalanceTilt(m); got != 12 { // burden 9 against 5: 4 points
		t.Errorf("tilt = %v, want 12", got)
	}
	if got, want := BalanceSentence(m), "De draaglast weegt zwaarder dan de draagkracht (draagkracht 5 tegen draaglast 9)."; got != want {
		t.Errorf("sentence = %q, want %q", got, want)
	}
	for i := 0; i < 6; i++ {
		m.Factors = append(m.Factors, &regie.BalanceFactor{Kind: regie.BalanceProtective, Level: regie.LevelEnvironment, Weight: 3, Text: "Oma"})
	}
	if got := BalanceTilt(m); got != -balanceMaxTilt {
		t.Errorf("tilt = %v, want the carrying side down at most %v", got, balanceMaxTilt)
	}
	if !strings.Contains(string(Balance(m).SVG()), "De draagkracht weegt zwaarder") {
		t.Error("the drawing does not say the carrying capacity weighs more")
	}
	if sc := BalanceScales(m); sc.Height >= Balance(m).Height || strings.Contains(string(sc.SVG()), "Microniveau") {
		t.Error("the screen's scales hold the lists")
	}
	empty := Balance(&regie.BalanceMoment{On: m.On})
	if BalanceTilt(&regie.BalanceMoment{}) != 0 || !strings.Contains(empty.Desc, "Nog geen factoren") {
		t.Errorf("empty balance: %q", empty.Desc)
	}
}
