// Package totp wraps github.com/pquerna/otp for regie's second factor:
// RFC 6238 codes of 6 digits every 30 seconds, with one step of clock skew
// allowed, and the matched time step returned so the caller can refuse a
// code that was already used.
package totp

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"image/png"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

const period = 30

var opts = totp.ValidateOpts{Period: period, Skew: 0, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Key is a newly generated secret with its otpauth:// URL.
type Key struct {
	Secret string // base32, shown as text for typing into an app
	URL    string // otpauth:// URL, shown as a QR code
}

// Generate makes a new secret for an account at issuer.
func Generate(issuer, account string) (*Key, error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account, Period: period, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return nil, fmt.Errorf("totp: generate: %w", err)
	}
	return &Key{Secret: k.Secret(), URL: k.URL()}, nil
}

// KeyFor rebuilds the key of an existing secret (to show its QR code again
// while enrolment is pending). A secret that is not base32, or is empty, is
// an error: handed an empty secret, the library would invent a new one, and
// the user would enrol an app that never matches the stored secret.
func KeyFor(issuer, account, secret string) (*Key, error) {
	raw, err := decodeBase32(secret)
	if err != nil {
		return nil, fmt.Errorf("totp: key: decode secret: %w", err)
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("totp: key: empty secret")
	}
	k, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account, Period: period, Digits: otp.DigitsSix,
		Algorithm: otp.AlgorithmSHA1, Secret: raw})
	if err != nil {
		return nil, fmt.Errorf("totp: key: %w", err)
	}
	return &Key{Secret: k.Secret(), URL: k.URL()}, nil
}

// QRCode returns the key's URL as a PNG QR code of about size pixels.
func QRCode(k *Key, size int) ([]byte, error) {
	key, err := otp.NewKeyFromURL(k.URL)
	if err != nil {
		return nil, err
	}
	img, err := key.Image(size, size)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Match checks code against secret at time t, allowing one step of clock
// skew either way. It returns the time step the code belongs to; a caller
// must refuse a step at or before the last one it accepted.
func Match(secret, code string, t time.Time) (step int64, ok bool) {
	if len(code) != 6 {
		return 0, false
	}
	for _, skew := range []int64{0, -1, 1} {
		at := t.Add(time.Duration(skew*period) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, at, opts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return at.Unix() / period, true
		}
	}
	return 0, false
}

// Code returns the code for secret at t; for tests and the browser test,
// which play the authenticator app.
func Code(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, opts)
}
