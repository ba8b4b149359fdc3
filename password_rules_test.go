package regie_test

import (
	"strings"
	"testing"
	"time"

	"regie"
)

func TestCheckPassword(t *testing.T) {
	const name, email = "Anouk de Vries", "a.devries@gemeente.nl"
	for _, tc := range []struct {
		pw   string
		want regie.Msg
	}{
		// Length counts characters, not bytes.
		{"kort", regie.MsgPasswordTooShort},
		{"ééééééékmnp", regie.MsgPasswordTooShort}, // 11 characters, 18 bytes
		{"fiets-ëiland-zon", ""},
		{"ëéèêüïöäáóq", regie.MsgPasswordTooShort},
		{"ëéèêüïöäáóqz", ""}, // 12 characters
		// Common and breached: as typed, with digits and signs around, in
		// capitals, and with letters written as digits.
		{"wachtwoord123", regie.MsgPasswordCommon},
		{"Wachtwoord2026!", regie.MsgPasswordCommon},
		{"W4chtw00rd2026", regie.MsgPasswordCommon},
		{"welkom123456", regie.MsgPasswordCommon},
		{"WELKOM!!2024", regie.MsgPasswordCommon},
		{"123456789012", regie.MsgPasswordCommon},
		{"qwertyuiop12", regie.MsgPasswordCommon},
		{"Password1234", regie.MsgPasswordCommon},
		{"iloveyou2025", regie.MsgPasswordCommon},
		{"feyenoord1908", regie.MsgPasswordCommon},
		{"zomer-2025!!", regie.MsgPasswordCommon},
		{"aaaaaaaaaaaa", regie.MsgPasswordCommon},
		{"abababababab", regie.MsgPasswordCommon},
		{"000000000000", regie.MsgPasswordCommon},
		// The user's own name or e-mail address.
		{"anouk-is-mijn-naam", regie.MsgPasswordPersonal},
		{"VriesVanDeWeek", regie.MsgPasswordPersonal},
		{"x-a.devries-2026", regie.MsgPasswordPersonal},
		{"devries-fietst-hard", regie.MsgPasswordPersonal},
		{"de-rivier-stroomt", ""}, // "de" is a particle, not a name
		// Long phrases pass.
		{"correct-paard-batterij-niet", ""},
		{"mijn-eigen-lange-zin-123", ""},
		{"tafel lamp giraffe boot", ""},
	} {
		got, _ := regie.CheckPassword(tc.pw, name, email)
		if got != tc.want {
			t.Errorf("CheckPassword(%q) = %q, want %q", tc.pw, got, tc.want)
		}
	}
}

func TestPasswordChange_ValidateMarksTheField(t *testing.T) {
	for _, tc := range []struct {
		in    regie.PasswordChange
		field string
		want  string
	}{
		{regie.PasswordChange{Current: "x", New: "welkom2026!!", Repeat: "welkom2026!!"}, "new", regie.Text(regie.MsgPasswordCommon)},
		{regie.PasswordChange{Current: "x", New: "jeroen-bos-zegt-hoi", Repeat: "jeroen-bos-zegt-hoi", Name: "Jeroen Bos", Email: "fg@test.nl"},
			"new", regie.Text(regie.MsgPasswordPersonal)},
		{regie.PasswordChange{Current: "x", New: "wachtwoördje", Repeat: "wachtwoördjf"}, "repeat", regie.Text(regie.MsgPasswordRepeat)},
	} {
		err := tc.in.Validate()
		if got := regie.ErrorFields(err)[tc.field]; got != tc.want {
			t.Errorf("Validate(%q): %s = %q, want %q", tc.in.New, tc.field, got, tc.want)
		}
	}
}

func TestNewUser_ChosenPasswordFollowsTheRules(t *testing.T) {
	n := regie.NewUser{Email: "esther.vos@gemeente.nl", Name: "Esther Vos", Role: regie.RoleAdmin, Password: "esther-vos-beheer"}
	if got := regie.ErrorFields(n.Validate())["password"]; got != regie.Text(regie.MsgPasswordPersonal) {
		t.Fatalf("a chosen password with the own name: %q", got)
	}
	// A generated temporary password is checked for length only.
	n.Password, n.PasswordTemporary = "abcd-efgh-ijkl-mnop", true
	if got := regie.ErrorFields(n.Validate())["password"]; got != "" {
		t.Fatalf("a generated password: %q", got)
	}
}

func TestTemporaryExpired(t *testing.T) {
	u := &regie.User{PasswordTemporary: true, PasswordSetAt: mustTime(t, "2026-03-02T09:00:00Z")}
	if u.TemporaryExpired(u.PasswordSetAt.Add(regie.TemporaryPasswordValid)) {
		t.Fatal("expired at exactly 72 hours")
	}
	if !u.TemporaryExpired(u.PasswordSetAt.Add(regie.TemporaryPasswordValid + 1)) {
		t.Fatal("not expired after 72 hours")
	}
	u.PasswordTemporary = false
	if u.TemporaryExpired(u.PasswordSetAt.Add(1000 * regie.TemporaryPasswordValid)) {
		t.Fatal("an own password expired")
	}
	if !strings.Contains(regie.Text(regie.MsgPasswordExpired, 72), "72 uur") {
		t.Fatal("the message does not say how long a temporary password is valid")
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}
