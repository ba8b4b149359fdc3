package drawing

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"regie"
)

// The genogram's layout: generations in rows, oldest on top; partners
// side by side with their line below the pair; children hanging from the
// middle of their parents' line; emotional relations as lines between the
// two symbols, each kind with its own pattern so the drawing reads in
// black and white; the household inside a dashed line; a legend below
// with every symbol and line the drawing uses.

// The genogram's measures, in user units.
const (
	gR       = 18.0  // half a symbol
	gCol     = 88.0  // a column: one person with their label
	gRow     = 132.0 // a generation
	gMargin  = 16.0
	gPartner = gR + 10 // the partner line below the symbol's centre
	gClip    = 10      // characters of a name
	gMinW    = 360.0   // narrowest drawing: the legend's two columns
)

// genoPos is a person's place.
type genoPos struct {
	p    *regie.GenogramPerson
	x, y float64
}

// unit is a chain of partners in one row, placed side by side.
type unit []*regie.GenogramPerson

// Genogram lays out g as a drawing titled title.
func Genogram(g *regie.Genogram, title string) *Drawing {
	l := newGenoLayout(g)
	l.order()
	l.place()

	// Normalise: the leftmost symbol at the margin; the drawing at least
	// gMinW wide, the picture centred in it.
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, p := range l.pos {
		minX, maxX = min(minX, p.x), max(maxX, p.x)
	}
	if len(l.pos) == 0 {
		minX, maxX = 0, 0
	}
	width := max(maxX-minX+gCol+2*gMargin, gMinW)
	shift := (width-(maxX-minX))/2 - minX
	for _, p := range l.pos {
		p.x += shift
	}

	d := &Drawing{ID: "genogram", Width: width, Title: title, Desc: genogramDesc(g, len(l.rows))}
	d.Items = append(d.Items, l.household()...)
	d.Items = append(d.Items, l.families()...)
	d.Items = append(d.Items, l.emotional()...)
	for _, p := range g.Persons {
		d.Items = append(d.Items, l.symbol(l.pos[p.ID])...)
	}
	top := gMargin + gR + float64(len(l.rows)-1)*gRow + gPartner + 58
	if len(l.rows) == 0 {
		top = gMargin
	}
	legend, h := genogramLegend(g, l, width, top)
	d.Items = append(d.Items, legend...)
	d.Height = top + h + gMargin
	return d
}

func genogramDesc(g *regie.Genogram, rows int) string {
	if g.Empty() {
		return "Een leeg genogram: nog niemand vastgelegd."
	}
	return fmt.Sprintf("Genogram met %d personen over %d generaties en %d relaties. Dezelfde personen en relaties staan als tekst bij de tekening.",
		len(g.Persons), rows, len(g.Relations))
}

type genoLayout struct {
	g        *regie.Genogram
	rows     [][]unit // per generation present, oldest first
	rowOf    map[int]int
	pos      map[int64]*genoPos
	parents  map[int64][]*regie.GenogramRelation // child id → relations to parents
	children map[int64][]*regie.GenogramRelation // parent id → relations to children
	partners map[int64][]*regie.GenogramRelation
}

func newGenoLayout(g *regie.Genogram) *genoLayout {
	l := &genoLayout{g: g, rowOf: map[int]int{}, pos: map[int64]*genoPos{},
		parents: map[int64][]*regie.GenogramRelation{}, children: map[int64][]*regie.GenogramRelation{},
		partners: map[int64][]*regie.GenogramRelation{}}
	for _, r := range g.Relations {
		switch r.Kind.Group() {
		case regie.GroupChild:
			l.parents[r.ToID] = append(l.parents[r.ToID], r)
			l.children[r.FromID] = append(l.children[r.FromID], r)
		case regie.GroupPartner:
			l.partners[r.FromID] = append(l.partners[r.FromID], r)
			l.partners[r.ToID] = append(l.partners[r.ToID], r)
		}
	}
	for i, gen := range g.Generations() {
		l.rowOf[gen.Generation] = i
		l.rows = append(l.rows, l.units(gen.Persons))
		for _, p := range gen.Persons {
			l.pos[p.ID] = &genoPos{p: p, y: gMargin + gR + float64(i)*gRow}
		}
	}
	return l
}

// units chains the persons of a row by their partner relations: a
// person with two partners between them, a man left of a woman.
func (l *genoLayout) units(ps []*regie.GenogramPerson) []unit {
	inRow := map[int64]*regie.GenogramPerson{}
	for _, p := range ps {
		inRow[p.ID] = p
	}
	partnersOf := func(p *regie.GenogramPerson) []*regie.GenogramPerson {
		var out []*regie.GenogramPerson
		for _, r := range l.partners[p.ID] {
			o := r.ToID
			if o == p.ID {
				o = r.FromID
			}
			if q := inRow[o]; q != nil {
				out = append(out, q)
			}
		}
		return out
	}
	seen := map[int64]bool{}
	var out []unit
	for _, p := range ps {
		if seen[p.ID] {
			continue
		}
		// Start at an end of the chain: someone of the component with
		// at most one partner in the row.
		start, comp, stack, met := p, []*regie.GenogramPerson{}, []*regie.GenogramPerson{p}, map[int64]bool{p.ID: true}
		for len(stack) > 0 {
			q := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, q)
			for _, o := range partnersOf(q) {
				if !met[o.ID] {
					met[o.ID] = true
					stack = append(stack, o)
				}
			}
		}
		for _, q := range comp {
			if len(partnersOf(q)) <= 1 {
				start = q
				break
			}
		}
		var u unit
		var walk func(q *regie.GenogramPerson)
		walk = func(q *regie.GenogramPerson) {
			if seen[q.ID] {
				return
			}
			seen[q.ID] = true
			u = append(u, q)
			for _, o := range partnersOf(q) {
				walk(o)
			}
		}
		walk(start)
		if len(u) == 2 && u[0].Sex == regie.SexFemale && u[1].Sex == regie.SexMale {
			u[0], u[1] = u[1], u[0]
		}
		out = append(out, u)
	}
	return out
}

// anchor is where a child's line comes from: the middle of the parents'
// partner line, or beside a single parent.
func (l *genoLayout) anchor(child int64) (x float64, ok bool) {
	var xs []float64
	for _, r := range l.parents[child] {
		if p := l.pos[r.FromID]; p != nil {
			xs = append(xs, p.x)
		}
	}
	switch len(xs) {
	case 0:
		return 0, false
	case 1:
		// Beside the parent, on the side of the child (right when the
		// child is not placed yet).
		if c := l.pos[child]; c != nil && c.x < xs[0] {
			return xs[0] - gCol/2, true
		}
		return xs[0] + gCol/2, true
	}
	return (xs[0] + xs[1]) / 2, true
}

// slots places a row's units side by side from x 0.
func (l *genoLayout) slots(row []unit) {
	x := 0.0
	for _, u := range row {
		for _, p := range u {
			l.pos[p.ID].x = x
			x += gCol
		}
	}
}

// order sorts each row's units: first by where their children are (from
// the bottom up), then by where their parents are (from the top down).
func (l *genoLayout) order() {
	for _, row := range l.rows {
		l.slots(row)
	}
	key := func(u unit, of func(int64) []float64) (float64, bool) {
		var sum float64
		var n int
		for _, p := range u {
			for _, x := range of(p.ID) {
				sum += x
				n++
			}
		}
		if n == 0 {
			return 0, false
		}
		return sum / float64(n), true
	}
	sortRow := func(i int, of func(int64) []float64) {
		row := l.rows[i]
		keys := map[*regie.GenogramPerson]float64{}
		for _, u := range row {
			k, ok := key(u, of)
			if !ok {
				k = l.pos[u[0].ID].x
			}
			keys[u[0]] = k
		}
		slices.SortStableFunc(row, func(a, b unit) int {
			switch ka, kb := keys[a[0]], keys[b[0]]; {
			case ka < kb:
				return -1
			case ka > kb:
				return 1
			}
			return 0
		})
		l.slots(row)
	}
	childX := func(id int64) []float64 {
		var xs []float64
		for _, r := range l.children[id] {
			if p := l.pos[r.ToID]; p != nil {
				xs = append(xs, p.x)
			}
		}
		return xs
	}
	parentX := func(id int64) []float64 {
		if x, ok := l.anchor(id); ok {
			return []float64{x}
		}
		return nil
	}
	for i := len(l.rows) - 2; i >= 0; i-- {
		sortRow(i, childX)
	}
	for i := 1; i < len(l.rows); i++ {
		sortRow(i, parentX)
	}
}

// place sets the x of every person: a row's units go as near as they can
// under their parents' lines, left to right; then the oldest couples
// above their children.
func (l *genoLayout) place() {
	layRow := func(row []unit, want func(u unit) (float64, bool)) {
		next := math.Inf(-1)
		for _, u := range row {
			start := next
			if w, ok := want(u); ok && (math.IsInf(next, -1) || w > next) {
				start = w
			}
			if math.IsInf(start, -1) {
				start = 0
			}
			for i, p := range u {
				l.pos[p.ID].x = start + float64(i)*gCol
			}
			next = start + float64(len(u))*gCol
		}
	}
	underParents := func(u unit) (float64, bool) {
		var sum float64
		var n int
		for i, p := range u {
			if x, ok := l.anchor(p.ID); ok {
				sum += x - float64(i)*gCol
				n++
			}
		}
		// A sibling group is centred under its anchor: spread them.
		if n == 0 {
			return 0, false
		}
		return sum/float64(n) - l.siblingOffset(u), true
	}
	for i := 1; i < len(l.rows); i++ {
		layRow(l.rows[i], underParents)
	}
	overChildren := func(u unit) (float64, bool) {
		var sum float64
		var n int
		for _, p := range u {
			if len(l.parents[p.ID]) > 0 {
				return 0, false // placed under their own parents
			}
		}
		for _, p := range u {
			for _, r := range l.children[p.ID] {
				if c := l.pos[r.ToID]; c != nil {
					sum += c.x
					n++
				}
			}
		}
		if n == 0 {
			return 0, false
		}
		return sum/float64(n) - float64(len(u)-1)*gCol/2, true
	}
	for i := len(l.rows) - 2; i >= 0; i-- {
		// Keep a unit that has parents where it is.
		row := l.rows[i]
		layRow(row, func(u unit) (float64, bool) {
			if x, ok := overChildren(u); ok {
				return x, true
			}
			return l.pos[u[0].ID].x, true
		})
	}
	// The couples above moved: the children follow once more.
	for i := 1; i < len(l.rows); i++ {
		layRow(l.rows[i], underParents)
	}
}

// siblingOffset is how far right of its anchor a unit's first person
// stands when it is one of several siblings centred under the anchor.
func (l *genoLayout) siblingOffset(u unit) float64 {
	p := u[0]
	if len(l.parents[p.ID]) == 0 {
		return 0
	}
	// Siblings: the persons of the row with the same parents, in order.
	key := parentKey(l.parents[p.ID])
	row := l.rows[l.rowOf[p.Generation]]
	var sibs []*regie.GenogramPerson
	for _, v := range row {
		for _, q := range v {
			if parentKey(l.parents[q.ID]) == key {
				sibs = append(sibs, q)
			}
		}
	}
	idx := slices.Index(sibs, p)
	return -(float64(idx) - float64(len(sibs)-1)/2) * gCol
}

func parentKey(rs []*regie.GenogramRelation) string {
	var ids []int64
	for _, r := range rs {
		ids = append(ids, r.FromID)
	}
	slices.Sort(ids)
	return fmt.Sprint(ids)
}

// labelBottom is the lowest label line under a symbol at y.
func labelBottom(y float64) float64 { return y + gPartner + 46 }

// household draws the dashed line around the members who live in the
// household: a band per row, joined between rows.
func (l *genoLayout) household() []Item {
	type band struct{ l, r, t, b float64 }
	var bands []band
	for _, row := range l.rows {
		b := band{l: math.Inf(1), r: math.Inf(-1)}
		for _, u := range row {
			for _, p := range u {
				if !p.InHousehold {
					continue
				}
				x, y := l.pos[p.ID].x, l.pos[p.ID].y
				b.l, b.r, b.t, b.b = min(b.l, x-gCol/2+7), max(b.r, x+gCol/2-7), y-gR-8, labelBottom(y)+4
			}
		}
		if !math.IsInf(b.l, 1) {
			bands = append(bands, b)
		}
	}
	if len(bands) == 0 {
		return nil
	}
	style := Style{Stroke: Grey, Width: 1.5, Dash: []float64{6, 4}}
	var items []Item
	// Consecutive bands (rows next to each other) form one outline.
	start := 0
	flush := func(end int) {
		bs := bands[start:end]
		var right, left []Point
		for i, b := range bs {
			top := b.t
			if i > 0 {
				top = (bs[i-1].b + b.t) / 2
			}
			bottom := b.b
			if i < len(bs)-1 {
				bottom = (b.b + bs[i+1].t) / 2
			}
			right = append(right, Point{b.r, top}, Point{b.r, bottom})
			left = append(left, Point{b.l, top}, Point{b.l, bottom})
		}
		pts := right
		for i := len(left) - 1; i >= 0; i-- {
			pts = append(pts, left[i])
		}
		items = append(items, Polygon{Points: pts, Style: style})
	}
	for i := 1; i < len(bands); i++ {
		if bands[i].t-bands[i-1].b > gRow {
			flush(i)
			start = i
		}
	}
	flush(len(bands))
	return items
}

// families draws the partner lines and the children hanging from them.
func (l *genoLayout) families() []Item {
	var items []Item
	for _, r := range l.g.Relations {
		if r.Kind.Group() != regie.GroupPartner {
			continue
		}
		a, b := l.pos[r.FromID], l.pos[r.ToID]
		if a == nil || b == nil {
			continue
		}
		items = append(items, partnerLine(a.x, b.x, a.y, r.Kind)...)
	}
	// Children per set of parents.
	groups := map[string][]*regie.GenogramPerson{}
	var keys []string
	for _, p := range l.g.Persons {
		if len(l.parents[p.ID]) == 0 {
			continue
		}
		k := parentKey(l.parents[p.ID])
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], p)
	}
	perRow := map[int]int{} // sibling groups so far per generation
	for _, k := range keys {
		kids := groups[k]
		first := kids[0]
		ax, _ := l.anchor(first.ID)
		par := l.pos[l.parents[first.ID][0].FromID]
		line := par.y + gPartner // the partner line's height
		if len(l.parents[first.ID]) == 1 {
			// A single parent: a short line aside, then down.
			items = append(items, Line{X1: par.x, Y1: par.y + gR, X2: par.x, Y2: line},
				Line{X1: par.x, Y1: line, X2: ax, Y2: line})
		}
		// Each sibling group of a row has its own height, so two groups'
		// lines never read as one.
		bar := l.pos[first.ID].y - gR - 12 - float64(perRow[first.Generation]%3)*9
		perRow[first.Generation]++
		lo, hi := ax, ax
		for _, c := range kids {
			lo, hi = min(lo, l.pos[c.ID].x), max(hi, l.pos[c.ID].x)
		}
		items = append(items, Line{X1: ax, Y1: line, X2: ax, Y2: bar}, Line{X1: lo, Y1: bar, X2: hi, Y2: bar})
		for _, c := range kids {
			cp := l.pos[c.ID]
			items = append(items, Line{X1: cp.x, Y1: bar, X2: cp.x, Y2: cp.y - gR, Style: childStyle(l.parents[c.ID][0].Kind)})
		}
	}
	return items
}

// childStyle is a child's line: solid, dashed for an adopted child,
// dotted for a foster child.
func childStyle(k regie.GenogramRelationKind) Style {
	switch k {
	case regie.RelAdopted:
		return Style{Dash: []float64{6, 4}}
	case regie.RelFoster:
		return Style{Dash: []float64{2, 3}}
	}
	return Style{}
}

// partnerLine is the line below a pair at row y, from x1 to x2.
func partnerLine(x1, x2, y float64, k regie.GenogramRelationKind) []Item {
	ly := y + gPartner
	st := Style{Width: 1.5}
	if k == regie.RelTogether {
		st.Dash = []float64{6, 4}
	}
	items := []Item{
		Line{X1: x1, Y1: y + gR, X2: x1, Y2: ly, Style: Style{Width: 1.5}},
		Line{X1: x2, Y1: y + gR, X2: x2, Y2: ly, Style: Style{Width: 1.5}},
		Line{X1: x1, Y1: ly, X2: x2, Y2: ly, Style: st},
	}
	mid := (x1 + x2) / 2
	slash := func(dx float64) Item {
		return Line{X1: mid + dx - 4, Y1: ly + 7, X2: mid + dx + 4, Y2: ly - 7, Style: Style{Width: 1.5}}
	}
	switch k {
	case regie.RelDivorced:
		items = append(items, slash(-12), slash(-4))
	case regie.RelSeparated:
		items = append(items, slash(-8))
	}
	return items
}

// emotional draws the emotional and care relations between the symbols.
func (l *genoLayout) emotional() []Item {
	var items []Item
	for _, r := range l.g.Relations {
		g := r.Kind.Group()
		if g != regie.GroupEmotional && g != regie.GroupCare {
			continue
		}
		a, b := l.pos[r.FromID], l.pos[r.ToID]
		if a == nil || b == nil {
			continue
		}
		dx, dy := b.x-a.x, b.y-a.y
		n := math.Hypot(dx, dy)
		if n < 2*gR+12 {
			continue
		}
		ux, uy := dx/n, dy/n
		trim := gR + 5
		items = append(items, relationLine(a.x+ux*trim, a.y+uy*trim, b.x-ux*trim, b.y-uy*trim, r.Kind)...)
	}
	return items
}

// relationLine draws an emotional or care relation from (x1, y1) to
// (x2, y2) in its pattern.
func relationLine(x1, y1, x2, y2 float64, k regie.GenogramRelationKind) []Item {
	dx, dy := x2-x1, y2-y1
	n := math.Hypot(dx, dy)
	ux, uy := dx/n, dy/n
	nx, ny := -uy, ux
	at := func(t, off float64) (float64, float64) { return x1 + ux*t + nx*off, y1 + uy*t + ny*off }
	seg := func(t1, o1, t2, o2 float64, st Style) Item {
		ax, ay := at(t1, o1)
		bx, by := at(t2, o2)
		return Line{X1: ax, Y1: ay, X2: bx, Y2: by, Style: st}
	}
	zigzag := func(st Style) []Item {
		var out []Item
		steps := max(2, int(n/7))
		step := n / float64(steps)
		for i := 0; i < steps; i++ {
			o1, o2 := 4.0, -4.0
			if i%2 == 1 {
				o1, o2 = -4, 4
			}
			if i == 0 {
				o1 = 0
			}
			if i == steps-1 {
				o2 = 0
			}
			out = append(out, seg(float64(i)*step, o1, float64(i+1)*step, o2, st))
		}
		return out
	}
	switch k {
	case regie.RelClose:
		return []Item{seg(0, -2.5, n, -2.5, Style{Stroke: Green, Width: 1.5}), seg(0, 2.5, n, 2.5, Style{Stroke: Green, Width: 1.5})}
	case regie.RelDistant:
		return []Item{seg(0, 0, n, 0, Style{Stroke: Grey, Width: 1.5, Dash: []float64{2, 4}})}
	case regie.RelConflict:
		return zigzag(Style{Width: 1.5})
	case regie.RelViolence:
		return append(zigzag(Style{Stroke: Red, Width: 2}), seg(0, 0, n, 0, Style{Stroke: Red, Width: 1}))
	case regie.RelCutOff:
		mid := n / 2
		return []Item{
			seg(0, 0, mid-5, 0, Style{Width: 1.5}), seg(mid+5, 0, n, 0, Style{Width: 1.5}),
			seg(mid-5, -7, mid-5, 7, Style{Width: 1.5}), seg(mid+5, -7, mid+5, 7, Style{Width: 1.5}),
		}
	case regie.RelCare:
		ax, ay := at(n, 0)
		lx, ly := at(n-9, -5)
		rx, ry := at(n-9, 5)
		return []Item{seg(0, 0, n-8, 0, Style{Stroke: Blue, Width: 1.5}),
			Polygon{Points: []Point{{ax, ay}, {lx, ly}, {rx, ry}}, Style: Style{Stroke: Blue, Fill: Blue}}}
	}
	return nil
}

// symbol draws a person: the shape, a cross when deceased, the name, the
// years and the markers.
func (l *genoLayout) symbol(p *genoPos) []Item {
	items := sexShape(p.x, p.y, gR, p.p.Sex)
	if p.p.Deceased {
		items = append(items, deceasedCross(p.x, p.y, gR)...)
	}
	ty := p.y + gPartner + 15
	labels := []Text{{X: p.x, Y: ty, Text: Clip(p.p.DrawnName(), gClip), Size: 12, Bold: true, Anchor: Middle}}
	if y := p.p.Years(); y != "" {
		labels = append(labels, Text{X: p.x, Y: ty + 14, Text: y, Size: 11, Anchor: Middle, Fill: Grey})
	}
	if len(p.p.Markers) > 0 {
		var ms []string
		for _, m := range p.p.Markers {
			ms = append(ms, m.Abbrev())
		}
		labels = append(labels, Text{X: p.x, Y: ty + 28, Text: Clip(strings.Join(ms, " "), 13), Size: 11, Anchor: Middle})
	}
	// A white ground under the labels: a relation line that crosses
	// them passes behind.
	w := 0.0
	for _, t := range labels {
		w = max(w, TextWidth(t.Text, t.FontSize()))
	}
	items = append(items, Rect{X: p.x - w/2 - 2, Y: ty - 12, W: w + 4, H: float64(len(labels))*14 + 2, Style: Style{Stroke: White, Fill: White}})
	for _, t := range labels {
		items = append(items, t)
	}
	return items
}

func sexShape(x, y, r float64, s regie.GenogramSex) []Item {
	st := Style{Fill: White, Width: 2}
	switch s {
	case regie.SexMale:
		return []Item{Rect{X: x - r, Y: y - r, W: 2 * r, H: 2 * r, Style: st}}
	case regie.SexFemale:
		return []Item{Circle{CX: x, CY: y, R: r, Style: st}}
	}
	return []Item{Polygon{Points: []Point{{x, y - r}, {x + r, y}, {x, y + r}, {x - r, y}}, Style: st}}
}

func deceasedCross(x, y, r float64) []Item {
	c := r * 0.75
	return []Item{
		Line{X1: x - c, Y1: y - c, X2: x + c, Y2: y + c, Style: Style{Width: 2}},
		Line{X1: x + c, Y1: y - c, X2: x - c, Y2: y + c, Style: Style{Width: 2}},
	}
}

// legendEntry is one line of the legend: its sample and its words.
type legendEntry struct {
	label  string
	sample func(x, y float64) []Item // the sample in a 40 × 20 box around (x+20, y)
}

// genogramLegend is the legend under the drawing: the symbols and lines
// the genogram uses (the three symbols always), in columns that fit
// width. It returns the items and their height.
func genogramLegend(g *regie.Genogram, l *genoLayout, width, top float64) ([]Item, float64) {
	used := map[regie.GenogramRelationKind]bool{}
	for _, r := range g.Relations {
		used[r.Kind] = true
	}
	var deceased, household bool
	markers := map[regie.GenogramMarker]bool{}
	for _, p := range g.Persons {
		deceased = deceased || p.Deceased
		household = household || p.InHousehold
		for _, m := range p.Markers {
			markers[m] = true
		}
	}
	shape := func(s regie.GenogramSex) func(x, y float64) []Item {
		return func(x, y float64) []Item { return sexShape(x+20, y, 8, s) }
	}
	entries := []legendEntry{
		{"Man", shape(regie.SexMale)},
		{"Vrouw", shape(regie.SexFemale)},
		{"Anders of onbekend", shape(regie.SexOther)},
	}
	if deceased {
		entries = append(entries, legendEntry{"Overleden (kruis)", func(x, y float64) []Item {
			return append(sexShape(x+20, y, 8, regie.SexMale), deceasedCross(x+20, y, 8)...)
		}})
	}
	if household {
		entries = append(entries, legendEntry{"Woont in het huishouden (stippellijn)", func(x, y float64) []Item {
			return []Item{Rect{X: x + 4, Y: y - 7, W: 32, H: 14, Style: Style{Stroke: Grey, Width: 1.5, Dash: []float64{6, 4}}}}
		}})
	}
	for _, k := range []regie.GenogramRelationKind{regie.RelMarried, regie.RelTogether, regie.RelDivorced, regie.RelSeparated} {
		if used[k] {
			entries = append(entries, legendEntry{k.Label(), func(x, y float64) []Item {
				return partnerLine(x+4, x+36, y-gPartner-2, k)
			}})
		}
	}
	for _, k := range []regie.GenogramRelationKind{regie.RelChild, regie.RelAdopted, regie.RelFoster} {
		if used[k] {
			label := map[regie.GenogramRelationKind]string{regie.RelChild: "Kind (lijn omlaag)",
				regie.RelAdopted: "Adoptiekind (streepjes)", regie.RelFoster: "Pleegkind (puntjes)"}[k]
			entries = append(entries, legendEntry{label, func(x, y float64) []Item {
				return []Item{Line{X1: x + 20, Y1: y - 9, X2: x + 20, Y2: y + 9, Style: childStyle(k)}}
			}})
		}
	}
	for _, k := range []regie.GenogramRelationKind{regie.RelClose, regie.RelDistant, regie.RelConflict, regie.RelCutOff, regie.RelViolence, regie.RelCare} {
		if used[k] {
			label := map[regie.GenogramRelationKind]string{regie.RelClose: "Nauw (dubbele lijn)", regie.RelDistant: "Afstandelijk (puntjes)",
				regie.RelConflict: "Conflict (zigzag)", regie.RelCutOff: "Verbroken (onderbroken lijn)",
				regie.RelViolence: "Geweld (rode zigzag met lijn)", regie.RelCare: "Zorgt voor (pijl)"}[k]
			entries = append(entries, legendEntry{label, func(x, y float64) []Item { return relationLine(x+2, y, x+38, y, k) }})
		}
	}
	for _, m := range regie.GenogramMarkers {
		if markers[m.Value] {
			entries = append(entries, legendEntry{m.Value.Abbrev() + ": " + m.Label, nil})
		}
	}

	cols := max(1, int((width-2*gMargin)/260))
	colW := (width - 2*gMargin) / float64(cols)
	rows := (len(entries) + cols - 1) / cols
	items := []Item{
		Line{X1: gMargin, Y1: top, X2: width - gMargin, Y2: top, Style: Style{Stroke: Light}},
		Text{X: gMargin, Y: top + 20, Text: "Legenda", Size: 13, Bold: true},
	}
	for i, e := range entries {
		c, r := i/rows, i%rows
		x, y := gMargin+float64(c)*colW, top+40+float64(r)*26
		if e.sample != nil {
			items = append(items, e.sample(x, y)...)
		}
		items = append(items, Text{X: x + 46, Y: y + 4, Text: Clip(e.label, int((colW-50)/6.6)), Size: 11})
	}
	return items, 40 + float64(rows)*26
}
