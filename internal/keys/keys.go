// Package keys holds regie's own secret keys: the keys that are never
// stored in the database. They protect two things an insider with the
// database's credentials must not be able to touch unseen:
//
//   - secrets at rest (BSN, TOTP secrets): sealed with AES-256-GCM under a
//     key derived for that purpose, so a copy of the database alone reveals
//     nothing;
//   - the access log: each row's hash is keyed with a key derived for the
//     audit, so rows cannot be removed and the chain recomputed without it.
//
// The keys live in one small text file, kept outside the database (for
// SQLite beside it as <database>.key, for PostgreSQL on the application
// server), mode 0600, backed up separately from the database. A key file
// holds one or more keys, newest first; the newest seals, every key opens.
// Rotation adds a new key at the top (Rotate) and keeps the old ones so
// what they sealed can still be opened (and resealed).
//
//	# regie keys: keep outside the database; back up separately.
//	k2 9f1c…(64 hex digits)
//	k1 03ab…
package keys

import (
	"bufio"
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// Purposes a key is derived for. A derived key is used for one purpose
// only, so a leak of one use tells nothing about another.
const (
	PurposeSecrets  = "regie secrets v1" //nolint:gosec // a label for key derivation, not a credential
	PurposeAudit    = "regie audit v1"
	PurposeBSNIndex = "regie bsn index v1"
	PurposeDevice   = "regie device v1"
)

// sealedPrefix marks a sealed value: "enc:<key id>:<base64 nonce|ciphertext>".
const sealedPrefix = "enc:"

// Key is one master key of the ring.
type Key struct {
	ID     string
	secret []byte // 32 bytes
}

// Ring is the loaded key file: its keys, newest first.
type Ring struct {
	Path string
	keys []Key
}

// ErrNotFound is returned by Load when the key file does not exist.
var ErrNotFound = errors.New("keys: key file not found")

// Load reads the key file at path. It refuses a file that others than its
// owner may read, as ssh does with private keys.
func Load(path string) (*Ring, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, path)
	}
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("keys: %s may be read by others (mode %v); make it 0600", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path) //nolint:gosec // the key file the operator configured
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	r, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("keys: %s: %w", path, err)
	}
	r.Path = path
	return r, nil
}

// Parse reads a key file's content.
func Parse(b []byte) (*Ring, error) {
	r := &Ring{}
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("line %d: want \"<id> <64 hex digits>\"", n)
		}
		secret, err := hex.DecodeString(f[1])
		if err != nil || len(secret) != 32 {
			return nil, fmt.Errorf("line %d: the key is not 64 hex digits", n)
		}
		if seen[f[0]] || strings.Contains(f[0], ":") {
			return nil, fmt.Errorf("line %d: key id %q is repeated or holds a colon", n, f[0])
		}
		seen[f[0]] = true
		r.keys = append(r.keys, Key{ID: f[0], secret: secret})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(r.keys) == 0 {
		return nil, errors.New("no key in the file")
	}
	return r, nil
}

// Create writes a new key file with one fresh key. It refuses to
// overwrite an existing file.
func Create(path string) (*Ring, error) {
	r := &Ring{Path: path}
	k, err := newKey("k1")
	if err != nil {
		return nil, err
	}
	r.keys = []Key{k}
	if err := r.write(os.O_CREATE | os.O_EXCL); err != nil {
		return nil, err
	}
	return r, nil
}

// LoadOrCreate loads the key file at path, or creates it when there is
// none (the demo and a new SQLite installation).
func LoadOrCreate(path string) (r *Ring, created bool, err error) {
	r, err = Load(path)
	if errors.Is(err, ErrNotFound) {
		r, err = Create(path)
		return r, err == nil, err
	}
	return r, false, err
}

// Rotate adds a new key at the top of the ring and rewrites the file (the
// old keys stay, to open what they sealed). It returns the new key's id.
// A ring without a file (ForTest) is rotated in memory only.
func (r *Ring) Rotate() (string, error) {
	max := 0
	for _, k := range r.keys {
		if n, err := strconv.Atoi(strings.TrimPrefix(k.ID, "k")); err == nil && n > max {
			max = n
		}
	}
	k, err := newKey("k" + strconv.Itoa(max+1))
	if err != nil {
		return "", err
	}
	r.keys = append([]Key{k}, r.keys...)
	if r.Path == "" {
		return k.ID, nil
	}
	if err := r.write(os.O_TRUNC); err != nil {
		r.keys = r.keys[1:]
		return "", err
	}
	return k.ID, nil
}

// write writes the ring to r.Path via a temporary file, so a crash leaves
// either the old file or the new one.
func (r *Ring) write(flag int) error {
	var b strings.Builder
	b.WriteString("# regie keys: keep outside the database, mode 0600; back up separately.\n")
	b.WriteString("# Newest first: the first key seals, every key opens. Never delete a key\n")
	b.WriteString("# while data sealed with it remains (see README, \"Keys\").\n")
	for _, k := range r.keys {
		fmt.Fprintf(&b, "%s %s\n", k.ID, hex.EncodeToString(k.secret))
	}
	if flag&os.O_EXCL != 0 {
		f, err := os.OpenFile(r.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("keys: create %s: %w", r.Path, err)
		}
		if _, err := f.WriteString(b.String()); err != nil {
			f.Close()
			return fmt.Errorf("keys: write %s: %w", r.Path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("keys: write %s: %w", r.Path, err)
		}
		return f.Close()
	}
	tmp := r.Path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("keys: write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, r.Path); err != nil {
		return fmt.Errorf("keys: replace %s: %w", r.Path, err)
	}
	return nil
}

func newKey(id string) (Key, error) {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return Key{}, fmt.Errorf("keys: random: %w", err)
	}
	return Key{ID: id, secret: secret}, nil
}

// CurrentID is the id of the newest key, the one that seals.
func (r *Ring) CurrentID() string { return r.keys[0].ID }

// IDs lists the ids of the ring's keys, newest first.
func (r *Ring) IDs() []string {
	ids := make([]string, len(r.keys))
	for i, k := range r.keys {
		ids[i] = k.ID
	}
	return ids
}

// Derive returns the 32-byte key derived from master key id for purpose,
// and false when the ring has no such key.
func (r *Ring) Derive(id, purpose string) ([]byte, bool) {
	for _, k := range r.keys {
		if k.ID == id {
			d, err := hkdf.Key(sha256.New, k.secret, nil, purpose, 32)
			if err != nil {
				panic(err) // only for lengths hkdf cannot give; 32 it always can
			}
			return d, true
		}
	}
	return nil, false
}

// Seal encrypts plaintext with the newest key for secrets at rest. The
// result is text, safe for any column. The empty string seals to itself,
// so "no value" stays visible as such.
func (r *Ring) Seal(plaintext string) (string, error) {
	if plaintext == "" {
		return "", nil
	}
	id := r.CurrentID()
	aead, err := r.aead(id)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("keys: random: %w", err)
	}
	// The key id is authenticated too, so a value cannot be moved to
	// another key's name.
	ct := aead.Seal(nonce, nonce, []byte(plaintext), []byte(id))
	return sealedPrefix + id + ":" + base64.RawStdEncoding.EncodeToString(ct), nil
}

// Open decrypts a value made by Seal, with whichever key sealed it.
func (r *Ring) Open(sealed string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	id, body, ok := strings.Cut(strings.TrimPrefix(sealed, sealedPrefix), ":")
	if !IsSealed(sealed) || !ok {
		return "", errors.New("keys: value is not sealed")
	}
	aead, err := r.aead(id)
	if err != nil {
		return "", err
	}
	ct, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(ct) < aead.NonceSize() {
		return "", errors.New("keys: sealed value is damaged")
	}
	pt, err := aead.Open(nil, ct[:aead.NonceSize()], ct[aead.NonceSize():], []byte(id))
	if err != nil {
		return "", errors.New("keys: sealed value does not open with its key (damaged, or another key file)")
	}
	return string(pt), nil
}

// Index returns a keyed blind index of value for purpose: an HMAC-SHA256
// under the newest key's derived key, as "<key id>:<hex>". Equal values
// give equal indexes under one key, so a column of them can be searched
// for equality, while the index reveals nothing without the key file
// (a BSN has too few possible values for a plain hash to hide it).
func (r *Ring) Index(purpose, value string) string {
	return r.indexWith(r.CurrentID(), purpose, value)
}

// Indexes returns value's blind index under every key of the ring, newest
// first: what to look for while a rotation has not yet reindexed every row.
func (r *Ring) Indexes(purpose, value string) []string {
	out := make([]string, len(r.keys))
	for i, k := range r.keys {
		out[i] = r.indexWith(k.ID, purpose, value)
	}
	return out
}

// CheckIndex reports whether mac is Index(purpose, value) under any key
// of the ring: a signature made by regie (a device cookie) checked in
// constant time.
func (r *Ring) CheckIndex(purpose, value, mac string) bool {
	id, _, ok := strings.Cut(mac, ":")
	if !ok {
		return false
	}
	if _, known := r.Derive(id, purpose); !known {
		return false
	}
	return hmac.Equal([]byte(r.indexWith(id, purpose, value)), []byte(mac))
}

func (r *Ring) indexWith(id, purpose, value string) string {
	k, ok := r.Derive(id, purpose)
	if !ok {
		panic("keys: index with a key not in the ring") // ids come from the ring itself
	}
	m := hmac.New(sha256.New, k)
	m.Write([]byte(value))
	return id + ":" + hex.EncodeToString(m.Sum(nil))
}

// SealedWith returns the id of the key that sealed a value, or "".
func SealedWith(sealed string) string {
	if !IsSealed(sealed) {
		return ""
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(sealed, sealedPrefix), ":")
	return id
}

// IsSealed reports whether s is a value made by Seal (and not plaintext
// left from before encryption at rest).
func IsSealed(s string) bool { return strings.HasPrefix(s, sealedPrefix) }

func (r *Ring) aead(id string) (cipher.AEAD, error) {
	k, ok := r.Derive(id, PurposeSecrets)
	if !ok {
		return nil, fmt.Errorf("keys: key %q is not in the key file", id)
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// ForTest returns a ring with one fixed key, for tests only.
func ForTest() *Ring {
	r, err := Parse([]byte("k1 " + strings.Repeat("ab", 32)))
	if err != nil {
		panic(err)
	}
	return r
}

// ForTestFile writes ForTest's key to a new key file at path, for tests
// only: a regie started with it seals as ForTest does.
func ForTestFile(path string) error {
	r := ForTest()
	r.Path = path
	return r.write(os.O_CREATE | os.O_EXCL)
}
