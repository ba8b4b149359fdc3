// Package anchor writes the heads of the access log's hash chains outside
// the database, to an append-only anchor file beside the key file, and
// reads them back for `regie audit verify`.
//
// The keyed hashes (internal/store, v2) stop anyone without the key file
// from changing or removing a row and recomputing the rest of its chain.
// They cannot show that the newest rows of a chain were removed and its
// head (audit_heads) moved back: what is left is a valid chain. An anchor
// can: it says that chain c reached row n with hash h at time t, so
// verify reports a chain that no longer holds that row with that hash.
// Rows written after the last anchor are not covered (the residual
// window: at most the anchoring interval, one minute in `regie serve`).
//
// Each line is signed (HMAC-SHA256) with the audit key derived from the
// key file, so a line cannot be forged or changed without the key. Lines
// can still be removed from the end of the file by whoever can write it:
// ship every line to a place the database's administrators cannot
// rewrite (syslog to another machine, WORM storage); regie also logs
// each line at info level, and it holds no personal data.
//
//	regie-audit-anker v1 2026-03-02T09:01:00Z k1 3:120:h2:k1:9f1c… 7:44:h2:k1:03ab… mac=5d2e…
package anchor

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"regie"
	"regie/internal/keys"
)

const (
	magic   = "regie-audit-anker"
	version = "v1"
	macSep  = " mac="
)

// File is the anchor file, signed with the audit key of a key file.
type File struct {
	Path string
	Keys *keys.Ring

	mu      sync.Mutex
	derived map[string][]byte // audit key per key id, derived once
}

// DefaultPath is the anchor file beside a key file.
func DefaultPath(keyFile string) string { return keyFile + ".anchors" }

func (f *File) mac(id, text string) (string, bool) {
	f.mu.Lock()
	k, ok := f.derived[id]
	if !ok {
		if k, ok = f.Keys.Derive(id, keys.PurposeAudit); ok {
			if f.derived == nil {
				f.derived = map[string][]byte{}
			}
			f.derived[id] = k
		}
	}
	f.mu.Unlock()
	if !ok {
		return "", false
	}
	m := hmac.New(sha256.New, k)
	m.Write([]byte(text))
	return hex.EncodeToString(m.Sum(nil)), true
}

// Line is the signed anchor line for heads at time at, with the key
// file's newest key.
func (f *File) Line(heads []regie.AuditHead, at time.Time) string {
	id := f.Keys.CurrentID()
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s %s", magic, version, at.UTC().Format(time.RFC3339), id)
	for _, h := range heads {
		fmt.Fprintf(&b, " %d:%d:%s", h.Chain, h.Seq, h.Hash)
	}
	text := b.String()
	sum, _ := f.mac(id, text)
	return text + macSep + sum
}

// Append writes one line with the heads to the end of the file (made
// 0600 when absent) and syncs it to disk. It returns the line.
func (f *File) Append(heads []regie.AuditHead, at time.Time) (string, error) {
	line := f.Line(heads, at)
	fh, err := os.OpenFile(f.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", fmt.Errorf("anchor: %w", err)
	}
	// One write of the whole line: appends of two processes (serve and
	// verify) do not interleave.
	if _, err := fh.WriteString(line + "\n"); err != nil {
		fh.Close()
		return "", fmt.Errorf("anchor: write %s: %w", f.Path, err)
	}
	if err := fh.Sync(); err != nil {
		fh.Close()
		return "", fmt.Errorf("anchor: sync %s: %w", f.Path, err)
	}
	return line, fh.Close()
}

// Read returns every anchored head of the file, and a finding for each
// line that is unreadable, unsigned or signed with an unknown key. A file
// that does not exist holds no anchors: exists is false.
func (f *File) Read() (anchors []regie.AuditAnchor, findings []regie.AuditFinding, exists bool, err error) {
	fh, err := os.Open(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("anchor: %w", err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		as, kind, keyID := f.parse(line)
		if kind != "" {
			findings = append(findings, regie.AuditFinding{Kind: kind, Line: n, KeyID: keyID})
			continue
		}
		for i := range as {
			as[i].Line = n
		}
		anchors = append(anchors, as...)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, true, fmt.Errorf("anchor: read %s: %w", f.Path, err)
	}
	return anchors, findings, true, nil
}

// parse checks one line's signature and reads its heads.
func (f *File) parse(line string) ([]regie.AuditAnchor, regie.FindingKind, string) {
	text, sum, ok := strings.Cut(line, macSep)
	fields := strings.Fields(text)
	if !ok || len(fields) < 4 || fields[0] != magic || fields[1] != version {
		return nil, regie.FindingAnchorDamaged, ""
	}
	id := fields[3]
	want, ok := f.mac(id, text)
	if !ok {
		return nil, regie.FindingAnchorUnknownKey, id
	}
	if !hmac.Equal([]byte(want), []byte(sum)) {
		return nil, regie.FindingAnchorDamaged, ""
	}
	at, err := time.Parse(time.RFC3339, fields[2])
	if err != nil {
		return nil, regie.FindingAnchorDamaged, ""
	}
	var as []regie.AuditAnchor
	for _, h := range fields[4:] {
		parts := strings.SplitN(h, ":", 3)
		if len(parts) != 3 {
			return nil, regie.FindingAnchorDamaged, ""
		}
		c, err1 := strconv.Atoi(parts[0])
		seq, err2 := strconv.ParseInt(parts[1], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, regie.FindingAnchorDamaged, ""
		}
		as = append(as, regie.AuditAnchor{AuditHead: regie.AuditHead{Chain: c, Seq: seq, Hash: parts[2]}, Time: at})
	}
	return as, "", ""
}

// Anchorer anchors the heads that moved since it last did: the job of
// `regie serve` (every minute and at shutdown) and of `regie audit verify`.
type Anchorer struct {
	File   *File
	Heads  func(context.Context) ([]regie.AuditHead, error)
	Clock  regie.Clock
	Logger *slog.Logger // nil: no log line

	mu   sync.Mutex
	last map[int]regie.AuditHead
}

// Known tells the Anchorer the heads a file already holds (as read by
// File.Read), so that it does not anchor them again.
func (a *Anchorer) Known(anchors []regie.AuditAnchor) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.last == nil {
		a.last = map[int]regie.AuditHead{}
	}
	for _, an := range anchors {
		if an.Seq >= a.last[an.Chain].Seq {
			a.last[an.Chain] = an.AuditHead
		}
	}
}

// Anchor appends a line with every chain head that moved since the last
// line this Anchorer wrote (all non-empty chains the first time), and
// logs it. It writes nothing when no head moved, and returns how many
// heads it anchored.
func (a *Anchorer) Anchor(ctx context.Context) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	heads, err := a.Heads(ctx)
	if err != nil {
		return 0, err
	}
	var moved []regie.AuditHead
	for _, h := range heads {
		if h.Seq > 0 && a.last[h.Chain] != h {
			moved = append(moved, h)
		}
	}
	if len(moved) == 0 {
		return 0, nil
	}
	line, err := a.File.Append(moved, a.Clock.Now())
	if err != nil {
		return 0, err
	}
	if a.last == nil {
		a.last = map[int]regie.AuditHead{}
	}
	for _, h := range moved {
		a.last[h.Chain] = h
	}
	if a.Logger != nil {
		a.Logger.InfoContext(ctx, "audit anchor", slog.String("anchor", line))
	}
	return len(moved), nil
}
