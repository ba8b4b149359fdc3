package totp_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"regie/internal/totp"
)

func TestMatch(t *testing.T) {
	k, err := totp.Generate("regie", "anouk@example.nl")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 9, 0, 15, 0, time.UTC)
	code, _ := totp.Code(k.Secret, now)
	step, ok := totp.Match(k.Secret, code, now)
	if !ok || step != now.Unix()/30 {
		t.Fatalf("Match(now) = %d, %v", step, ok)
	}
	// One step of skew either way is accepted and reports the code's step.
	if s, ok := totp.Match(k.Secret, code, now.Add(30*time.Second)); !ok || s != step {
		t.Fatalf("Match(+30s) = %d, %v", s, ok)
	}
	if _, ok := totp.Match(k.Secret, code, now.Add(95*time.Second)); ok {
		t.Fatal("a code three steps old was accepted")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if _, ok := totp.Match(k.Secret, bad, now); ok {
			t.Fatalf("Match(%q) accepted", bad)
		}
	}
	again, err := totp.KeyFor("regie", "anouk@example.nl", k.Secret)
	if err != nil || again.Secret != k.Secret {
		t.Fatalf("KeyFor = %+v, %v", again, err)
	}
	png, err := totp.QRCode(k, 200)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("QRCode: %v", err)
	}
}

// TestKeyFor_BadSecret: a stored secret that cannot be decoded is an error,
// never a fresh secret the library made up in its place.
func TestKeyFor_BadSecret(t *testing.T) {
	for _, bad := range []string{"", "not base32!", "0189", "ABCDEFGH1"} {
		k, err := totp.KeyFor("regie", "anouk@example.nl", bad)
		if err == nil {
			t.Errorf("KeyFor(%q) = %+v, want an error", bad, k)
		}
	}
	// Lower case and spaces are how people copy a secret; they still decode.
	k, err := totp.Generate("regie", "anouk@example.nl")
	if err != nil {
		t.Fatal(err)
	}
	again, err := totp.KeyFor("regie", "anouk@example.nl", strings.ToLower(k.Secret[:8])+" "+k.Secret[8:])
	if err != nil || again.Secret != k.Secret {
		t.Fatalf("KeyFor(lower case, spaced) = %+v, %v; want secret %s", again, err, k.Secret)
	}
}
