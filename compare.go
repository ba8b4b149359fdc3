package regie

import (
	"fmt"
	"strings"
)

// Comparing two versions of a plan, side by side: every section, domain,
// goal and agreement is a row with the old and the new text, and the words
// that changed are marked. Goals and agreements are matched by their key,
// which a new version keeps, so a reworded goal shows as changed rather
// than as one removed and one added.

// DiffOp says whether a piece of text is in both versions, only in the old
// one, or only in the new one.
type DiffOp int

// The operations.
const (
	DiffSame DiffOp = iota
	DiffDeleted
	DiffInserted
)

// DiffPart is a run of words with one operation.
type DiffPart struct {
	Op   DiffOp
	Text string
}

// CompareRow is one part of the plan in both versions.
type CompareRow struct {
	Label   string
	Old     []DiffPart // the old text: same and deleted parts
	New     []DiffPart // the new text: same and inserted parts
	Changed bool
}

// ComparePlans compares two versions row by row.
func ComparePlans(a, b *PlanVersion) []CompareRow {
	var rows []CompareRow
	add := func(label, old, new string) {
		if old == "" && new == "" {
			return
		}
		o, n := DiffWords(old, new)
		rows = append(rows, CompareRow{Label: label, Old: o, New: n, Changed: old != new})
	}
	add("Hoe de situatie is ontstaan", a.History, b.History)
	add("Krachten", a.Strengths, b.Strengths)
	add("Belemmeringen", a.Obstacles, b.Obstacles)
	add("Problemen", a.Problems, b.Problems)
	add("Huidige situatie", a.Situation, b.Situation)
	for _, d := range Domains {
		da, db := a.Domain(d.Value), b.Domain(d.Value)
		add(d.Label+": score", scoreText(da.Score), scoreText(db.Score))
		add(d.Label+": situatie", da.Situation, db.Situation)
		add(d.Label+": krachten", da.Strengths, db.Strengths)
		add(d.Label+": belemmeringen", da.Obstacles, db.Obstacles)
	}
	goalText := func(g *Goal) string {
		if g == nil {
			return ""
		}
		who := "het gezin"
		if g.Member != "" {
			who = g.Member
		}
		return fmt.Sprintf("%s (%s, %s, %s)", g.Text, g.Term.Label(), g.Domain.Label(), who)
	}
	for i, k := range mergeKeys(goalKeys(a.Goals), goalKeys(b.Goals)) {
		add(fmt.Sprintf("Doel %d", i+1), goalText(findGoal(a.Goals, k)), goalText(findGoal(b.Goals, k)))
	}
	agreementText := func(g *Agreement) string {
		if g == nil {
			return ""
		}
		return fmt.Sprintf("%s: %s, uiterlijk %s", g.Owner, g.What, g.Due.Dutch())
	}
	for i, k := range mergeKeys(agreementKeys(a.Agreements), agreementKeys(b.Agreements)) {
		add(fmt.Sprintf("Afspraak %d", i+1), agreementText(findAgreement(a.Agreements, k)), agreementText(findAgreement(b.Agreements, k)))
	}
	add("Wat heeft het gezin nodig om op eigen kracht verder te gaan?", a.ClosingQuestion, b.ClosingQuestion)
	return rows
}

func scoreText(s Score) string {
	if s == 0 {
		return ""
	}
	return fmt.Sprintf("%d — %s", s, s.Label())
}

func goalKeys(gs []*Goal) []string {
	var ks []string
	for _, g := range gs {
		ks = append(ks, g.Key)
	}
	return ks
}

func agreementKeys(as []*Agreement) []string {
	var ks []string
	for _, a := range as {
		ks = append(ks, a.Key)
	}
	return ks
}

func findGoal(gs []*Goal, key string) *Goal {
	for _, g := range gs {
		if g.Key == key {
			return g
		}
	}
	return nil
}

func findAgreement(as []*Agreement, key string) *Agreement {
	for _, a := range as {
		if a.Key == key {
			return a
		}
	}
	return nil
}

// mergeKeys returns the keys of the old version in order, then the keys
// only the new version has.
func mergeKeys(old, new []string) []string {
	seen := map[string]bool{}
	var ks []string
	for _, k := range append(old, new...) {
		if !seen[k] {
			seen[k] = true
			ks = append(ks, k)
		}
	}
	return ks
}

// maxDiffCells bounds the word diff's table; longer texts are compared as
// a whole.
const maxDiffCells = 4_000_000

// DiffWords compares two texts word by word (a longest common
// subsequence) and returns the old text with its deleted runs and the new
// text with its inserted runs.
func DiffWords(old, new string) (o, n []DiffPart) {
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a)*len(b) > maxDiffCells {
		if old == new {
			return []DiffPart{{DiffSame, old}}, []DiffPart{{DiffSame, new}}
		}
		return parts(DiffDeleted, old), parts(DiffInserted, new)
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	push := func(ps []DiffPart, op DiffOp, w string) []DiffPart {
		if len(ps) > 0 && ps[len(ps)-1].Op == op {
			ps[len(ps)-1].Text += " " + w
			return ps
		}
		// The space between two runs goes to the unchanged one, so
		// only words are marked.
		switch {
		case len(ps) == 0:
		case op == DiffSame:
			w = " " + w
		default:
			ps[len(ps)-1].Text += " "
		}
		return append(ps, DiffPart{op, w})
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			o, n = push(o, DiffSame, a[i]), push(n, DiffSame, b[j])
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			n = push(n, DiffInserted, b[j])
			j++
		default:
			o = push(o, DiffDeleted, a[i])
			i++
		}
	}
	return o, n
}

func parts(op DiffOp, s string) []DiffPart {
	if s == "" {
		return nil
	}
	return []DiffPart{{op, s}}
}
