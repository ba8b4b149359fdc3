package anchor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/keys"
)

var at = time.Date(2026, 3, 2, 9, 1, 0, 0, time.UTC)

func TestAnchorer_WritesMovedHeadsSigned(t *testing.T) {
	ctx := context.Background()
	f := &File{Path: filepath.Join(t.TempDir(), "regie.key.anchors"), Keys: keys.ForTest()}
	heads := []regie.AuditHead{{Chain: 0, Seq: 0}, {Chain: 1, Seq: 12, Hash: "h2:k1:aa"}, {Chain: 2, Seq: 3, Hash: "h2:k1:bb"}}
	a := &Anchorer{File: f, Heads: func(context.Context) ([]regie.AuditHead, error) { return heads, nil }, Clock: regie.ClockFunc(func() time.Time { return at })}

	if n, err := a.Anchor(ctx); err != nil || n != 2 {
		t.Fatalf("first anchor: %d, %v", n, err)
	}
	// Nothing moved: nothing written.
	if n, err := a.Anchor(ctx); err != nil || n != 0 {
		t.Fatalf("second anchor: %d, %v", n, err)
	}
	heads[2] = regie.AuditHead{Chain: 2, Seq: 4, Hash: "h2:k1:cc"}
	if n, err := a.Anchor(ctx); err != nil || n != 1 {
		t.Fatalf("third anchor: %d, %v", n, err)
	}
	anchors, findings, exists, err := f.Read()
	if err != nil || !exists || len(findings) != 0 {
		t.Fatalf("read: %v %v %v", exists, findings, err)
	}
	// Another Anchorer (regie audit verify) told what the file holds
	// writes nothing either.
	b := &Anchorer{File: f, Heads: a.Heads, Clock: a.Clock}
	b.Known(anchors)
	if n, err := b.Anchor(ctx); err != nil || n != 0 {
		t.Fatalf("anchor after Known: %d, %v", n, err)
	}
	want := []regie.AuditAnchor{
		{AuditHead: heads[1], Time: at, Line: 1},
		{AuditHead: regie.AuditHead{Chain: 2, Seq: 3, Hash: "h2:k1:bb"}, Time: at, Line: 1},
		{AuditHead: heads[2], Time: at, Line: 2},
	}
	if len(anchors) != len(want) {
		t.Fatalf("anchors = %+v", anchors)
	}
	for i := range want {
		if anchors[i] != want[i] {
			t.Errorf("anchor %d = %+v, want %+v", i, anchors[i], want[i])
		}
	}
	if fi, _ := os.Stat(f.Path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
}

func TestRead_RefusesChangedAndForgedLines(t *testing.T) {
	ring := keys.ForTest()
	f := &File{Path: filepath.Join(t.TempDir(), "anchors"), Keys: ring}
	good := f.Line([]regie.AuditHead{{Chain: 1, Seq: 12, Hash: "h2:k1:aa"}}, at)
	other, _ := keys.Parse([]byte("k1 " + strings.Repeat("cd", 32)))
	k9, _ := keys.Parse([]byte("k9 " + strings.Repeat("ef", 32)))
	lines := []string{
		good,
		strings.Replace(good, "1:12:", "1:10:", 1),                                              // head moved back in the file
		(&File{Keys: other}).Line([]regie.AuditHead{{Chain: 1, Seq: 10, Hash: "h2:k1:aa"}}, at), // signed with another key named k1
		(&File{Keys: k9}).Line([]regie.AuditHead{{Chain: 1, Seq: 10, Hash: "h2:k1:aa"}}, at),    // a key regie does not have
		"regie-audit-anker v1 gisteren",
	}
	if err := os.WriteFile(f.Path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	anchors, findings, _, err := f.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(anchors) != 1 || anchors[0].Seq != 12 {
		t.Errorf("anchors = %+v", anchors)
	}
	want := []regie.AuditFinding{
		{Kind: regie.FindingAnchorDamaged, Line: 2},
		{Kind: regie.FindingAnchorDamaged, Line: 3},
		{Kind: regie.FindingAnchorUnknownKey, Line: 4, KeyID: "k9"},
		{Kind: regie.FindingAnchorDamaged, Line: 5},
	}
	if len(findings) != len(want) {
		t.Fatalf("findings = %+v", findings)
	}
	for i := range want {
		if findings[i] != want[i] {
			t.Errorf("finding %d = %+v, want %+v", i, findings[i], want[i])
		}
	}
}

func TestRead_NoFile(t *testing.T) {
	f := &File{Path: filepath.Join(t.TempDir(), "none"), Keys: keys.ForTest()}
	anchors, findings, exists, err := f.Read()
	if err != nil || exists || anchors != nil || findings != nil {
		t.Fatalf("%v %v %v %v", anchors, findings, exists, err)
	}
}
