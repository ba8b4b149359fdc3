package password_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"regie/internal/password"
)

func TestHashVerify(t *testing.T) {
	ctx := context.Background()
	h := password.NewHasher(password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}, 2)
	hash, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("hash = %q, want an argon2id PHC string", hash)
	}
	if err := h.Verify(ctx, hash, "correct horse battery staple"); err != nil {
		t.Fatalf("Verify(right) = %v", err)
	}
	if err := h.Verify(ctx, hash, "Correct horse battery staple"); !errors.Is(err, password.ErrMismatch) {
		t.Fatalf("Verify(wrong) = %v, want ErrMismatch", err)
	}
	if err := h.Verify(ctx, "", "anything"); !errors.Is(err, password.ErrMismatch) {
		t.Fatalf("Verify(no account) = %v, want ErrMismatch", err)
	}
	other, _ := h.Hash(ctx, "correct horse battery staple")
	if other == hash {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	// A hash made with other parameters still verifies: they are in the string.
	h2 := password.NewHasher(password.Default, 1)
	if err := h2.Verify(ctx, hash, "correct horse battery staple"); err != nil {
		t.Fatalf("Verify with other default params = %v", err)
	}
	if err := h.Verify(ctx, "$bcrypt$x", "x"); err == nil || errors.Is(err, password.ErrMismatch) {
		t.Fatalf("Verify(not argon2id) = %v, want a format error", err)
	}
}

// TestVerify_BoundsParameters: the parameters are read from the stored hash,
// so a crafted one must be refused before argon2 runs with them — 4 GiB of
// memory, minutes of iterations, 255 lanes, a salt or key of any length.
func TestVerify_BoundsParameters(t *testing.T) {
	ctx := context.Background()
	h := password.NewHasher(password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}, 1)
	const salt, key = "c2FsdHNhbHRzYWx0c2FsdA", "0PGPvo+8cQ8dH5dyW6Tnp6Lb2VtNGHPl4aZ9S7o4u+g"
	long := strings.Repeat("QUFB", 100) // 300 bytes
	for name, hash := range map[string]string{
		"Memory":        "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key,
		"MemoryTooLow":  "$argon2id$v=19$m=7,t=1,p=1$" + salt + "$" + key,
		"Iterations":    "$argon2id$v=19$m=1024,t=100000,p=1$" + salt + "$" + key,
		"NoIterations":  "$argon2id$v=19$m=1024,t=0,p=1$" + salt + "$" + key,
		"Parallelism":   "$argon2id$v=19$m=4096,t=1,p=255$" + salt + "$" + key,
		"NoParallelism": "$argon2id$v=19$m=1024,t=1,p=0$" + salt + "$" + key,
		"Overflow":      "$argon2id$v=19$m=1024,t=1,p=256$" + salt + "$" + key,
		"Trailing":      "$argon2id$v=19$m=1024,t=1,p=1,x=9$" + salt + "$" + key,
		"LongSalt":      "$argon2id$v=19$m=1024,t=1,p=1$" + long + "$" + key,
		"ShortSalt":     "$argon2id$v=19$m=1024,t=1,p=1$QUFB$" + key,
		"LongKey":       "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + long,
		"ShortKey":      "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$QUFB",
	} {
		t.Run(name, func(t *testing.T) {
			err := h.Verify(ctx, hash, "wachtwoord-voor-test")
			if err == nil || errors.Is(err, password.ErrMismatch) {
				t.Fatalf("Verify(%s) = %v, want a parameter error", hash, err)
			}
		})
	}
	// The test fixture's hash is within the bounds: it is checked, and
	// this password does not match it.
	ok := "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + key
	if err := h.Verify(ctx, ok, "een ander wachtwoord"); !errors.Is(err, password.ErrMismatch) {
		t.Fatalf("Verify(fixture hash) = %v, want ErrMismatch", err)
	}
}
