package keys

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpenAndRotate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regie.key")
	r, created, err := LoadOrCreate(path)
	if err != nil || !created {
		t.Fatalf("LoadOrCreate = %v, created %v", err, created)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode = %v, want 0600", fi.Mode().Perm())
	}
	old, err := r.Seal("123456782")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(old, "123456782") || !IsSealed(old) || SealedWith(old) != "k1" {
		t.Fatalf("sealed value %q leaks or is unmarked", old)
	}
	again, _ := r.Seal("123456782")
	if again == old {
		t.Error("two seals of one value are equal: the nonce is not random")
	}

	id, err := r.Rotate()
	if err != nil || id != "k2" {
		t.Fatalf("Rotate = %q, %v", id, err)
	}
	r2, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r2.IDs(), ","); got != "k2,k1" {
		t.Fatalf("ids after rotation = %s", got)
	}
	if pt, err := r2.Open(old); err != nil || pt != "123456782" {
		t.Fatalf("old value after rotation: %q, %v", pt, err)
	}
	fresh, _ := r2.Seal("x")
	if SealedWith(fresh) != "k2" {
		t.Errorf("new seals use %s, want k2", SealedWith(fresh))
	}

	// A value moved to another key id does not open.
	forged := strings.Replace(old, "enc:k1:", "enc:k2:", 1)
	if _, err := r2.Open(forged); err == nil {
		t.Error("a value relabelled to another key opened")
	}
	// Another key file opens nothing.
	if _, err := ForTest().Open(old); err == nil {
		t.Error("another key file opened the value")
	}
	if v, err := r2.Seal(""); err != nil || v != "" {
		t.Errorf("empty seals to %q, %v", v, err)
	}
}

func TestLoadRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "none")); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing file: %v", err)
	}
	open := filepath.Join(dir, "open.key")
	if err := os.WriteFile(open, []byte("k1 "+strings.Repeat("ab", 32)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(open); err == nil || !strings.Contains(err.Error(), "0600") {
		t.Errorf("world-readable key file: %v", err)
	}
	for _, bad := range []string{"", "k1 abcd", "k1 " + strings.Repeat("zz", 32), "k1 " + strings.Repeat("ab", 32) + "\nk1 " + strings.Repeat("cd", 32)} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	if _, err := Create(open); err == nil {
		t.Error("Create overwrote an existing file")
	}
}

func TestDerivePurposesDiffer(t *testing.T) {
	r := ForTest()
	a, _ := r.Derive("k1", PurposeAudit)
	s, _ := r.Derive("k1", PurposeSecrets)
	if len(a) != 32 || bytes.Equal(a, s) {
		t.Errorf("derived keys: %x %x", a, s)
	}
	if _, ok := r.Derive("k9", PurposeAudit); ok {
		t.Error("Derive found a key that is not there")
	}
}

func TestIndex(t *testing.T) {
	r := ForTest()
	a, b := r.Index(PurposeBSNIndex, "123456782"), r.Index(PurposeBSNIndex, "123456782")
	if a != b {
		t.Fatalf("Index is not deterministic: %q, %q", a, b)
	}
	if !strings.HasPrefix(a, "k1:") || strings.Contains(a, "123456782") {
		t.Fatalf("Index = %q, want k1:<hmac> without the value", a)
	}
	if r.Index(PurposeBSNIndex, "111222333") == a {
		t.Error("two values share an index")
	}
	if r.Index(PurposeSecrets, "123456782") == a {
		t.Error("the index does not depend on its purpose")
	}
	if _, err := r.Rotate(); err != nil {
		t.Fatal(err)
	}
	idx := r.Indexes(PurposeBSNIndex, "123456782")
	if len(idx) != 2 || idx[1] != a || !strings.HasPrefix(idx[0], "k2:") {
		t.Fatalf("Indexes after rotation = %q, want [k2:…, %q]", idx, a)
	}
	if r.Index(PurposeBSNIndex, "123456782") != idx[0] {
		t.Error("Index does not use the newest key")
	}
	for _, mac := range idx {
		if !r.CheckIndex(PurposeBSNIndex, "123456782", mac) {
			t.Errorf("CheckIndex refuses %q", mac)
		}
	}
	for _, bad := range []string{"", "k1", "k9:" + a[3:], a[:len(a)-1] + "0", a + "0"} {
		if bad != a && r.CheckIndex(PurposeBSNIndex, "123456782", bad) {
			t.Errorf("CheckIndex accepts %q", bad)
		}
	}
	if r.CheckIndex(PurposeDevice, "123456782", a) {
		t.Error("CheckIndex accepts a mac of another purpose")
	}
}

// A key file written by ForTestFile holds ForTest's key: what one seals,
// the other opens, and it refuses to overwrite a file.
func TestForTestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regie.key")
	if err := ForTestFile(path); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := ForTest().Seal("Gezin Jansen")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r.Open(sealed); err != nil || got != "Gezin Jansen" {
		t.Errorf("Open = %q, %v", got, err)
	}
	if got, want := r.Index("bsn", "123456782"), ForTest().Index("bsn", "123456782"); got != want {
		t.Errorf("Index = %q, want %q", got, want)
	}
	if err := ForTestFile(path); err == nil {
		t.Error("ForTestFile overwrote a key file")
	}
}
