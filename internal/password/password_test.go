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
