package regie

import (
	_ "embed"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// MinPasswordLength is the shortest password accepted, in characters (not
// bytes: "wachtwoördje" counts twelve); length, not composition rules, is
// what makes a password strong (NCSC guidance).
const MinPasswordLength = 12

// TemporaryPasswordValid is how long a password made by an administrator
// (a new account, a reset) can be used to log in, counted from when it
// became usable (its confirmation by a second person). After that the user
// asks for a new one.
const TemporaryPasswordValid = 72 * time.Hour

//go:embed common_passwords.txt
var commonPasswordList string

var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 12000)
	for _, line := range strings.Split(commonPasswordList, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
})

// name particles (tussenvoegsels) and other short parts of a name that are
// no sign of the user's own name in a password.
var nameParticles = map[string]bool{"van": true, "der": true, "den": true, "de": true, "het": true, "ter": true,
	"ten": true, "in": true, "op": true, "la": true, "le": true, "el": true, "al": true, "bin": true, "von": true}

// CheckPassword returns what is wrong with pw as the password of the user
// named name with e-mail address email: too short, a common or breached
// password (also with digits or signs around it, or letters written as
// digits), or one that contains the user's own name or e-mail address.
// It returns "" when pw is acceptable.
func CheckPassword(pw, name, email string) (Msg, []any) {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return MsgPasswordTooShort, []any{MinPasswordLength}
	}
	lower := strings.ToLower(pw)
	if isCommonPassword(lower) {
		return MsgPasswordCommon, nil
	}
	flat := squash(lower)
	for _, part := range personalParts(name, email) {
		if strings.Contains(flat, part) || strings.Contains(unleet(flat), part) {
			return MsgPasswordPersonal, nil
		}
	}
	return "", nil
}

// isCommonPassword looks pw (lower case) up as typed, without the digits
// and signs around a word, and with digits read as the letters they stand
// for ("W4chtw00rd2026!" is "wachtwoord").
func isCommonPassword(lower string) bool {
	list := commonPasswords()
	if list[lower] || list[squash(lower)] {
		return true
	}
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	if core == "" {
		// Only digits and signs: common when it is a run or a repetition.
		return fewDistinct(lower)
	}
	for _, c := range []string{core, unleet(core), squash(unleet(core))} {
		if list[c] || list[strings.TrimFunc(c, func(r rune) bool { return !unicode.IsLetter(r) })] {
			return true
		}
	}
	return fewDistinct(lower)
}

// fewDistinct reports a password of at most four different characters
// ("aaaaaaaaaaaa", "abababababab", "121212121212").
func fewDistinct(s string) bool {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen) <= 4
}

// squash removes spaces, dots, dashes and underscores.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' || r == '_' {
			return -1
		}
		return r
	}, s)
}

var leet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "8", "b", "@", "a", "$", "s", "!", "i")

// unleet reads digits and signs as the letters they are written for.
func unleet(s string) string { return leet.Replace(s) }

// personalParts returns the parts of a name and of the local part of an
// e-mail address that a password must not contain: each word of three or
// more letters (not a particle like "van"), and the whole name and local
// part without spaces.
func personalParts(name, email string) []string {
	var parts []string
	add := func(s string) {
		s = squash(strings.ToLower(s))
		if utf8.RuneCountInString(s) >= 3 && !nameParticles[s] {
			parts = append(parts, s)
		}
	}
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	for _, w := range split(name) {
		add(w)
	}
	if len(split(name)) > 1 {
		add(name)
	}
	local, _, _ := strings.Cut(NormalizeEmail(email), "@")
	add(local)
	for _, w := range split(local) {
		add(w)
	}
	return parts
}

// validatePassword adds the problem of pw, if any, to v under field.
func validatePassword(v *Validation, field, pw, name, email string) {
	if m, args := CheckPassword(pw, name, email); m != "" {
		v.Add(field, m, args...)
	}
}
