package regie

import (
	"sort"
	"strings"
)

// The wrap-around flower (seed 002): the family and its coordinator at the
// heart, the informal network and the agencies involved as petals. regie
// draws it from what it already holds — the trajectories and the informal
// network — on a chosen day, so the number of petals over time is
// "agencies per family" made visible.

// PetalKind is what a petal stands for.
type PetalKind string

// The kinds of petals.
const (
	PetalAgency   PetalKind = "instantie"
	PetalInformal PetalKind = "informeel"
)

// Petal is one petal of the flower.
type Petal struct {
	Kind PetalKind
	Name string // the agency's name, or the person's name
	// Detail is the person's relation, or the agency's interventions.
	Detail string
}

// Flower is the flower on one day.
type Flower struct {
	// Label names the day: "Start", "Overdracht naar coördinatie", "Vandaag".
	Label       string
	On          Date
	Coordinator string // the coordinator on that day; "" when none
	Petals      []*Petal
}

// Agencies counts the agencies' petals.
func (f *Flower) Agencies() int { return f.count(PetalAgency) }

// Informal counts the informal network's petals.
func (f *Flower) Informal() int { return f.count(PetalInformal) }

func (f *Flower) count(k PetalKind) int {
	n := 0
	for _, p := range f.Petals {
		if p.Kind == k {
			n++
		}
	}
	return n
}

// Flowers are the family's flowers over time, oldest first.
type Flowers struct {
	List      []*Flower
	CanExport bool // print the flowers as PDF
}

// FlowerPerson is a person of the informal network with the days they took
// part: From the day they were recorded, To the day they ended (zero while
// they take part).
type FlowerPerson struct {
	Name     string
	Relation NetworkRelation
	From, To Date
}

// FlowerCoordinator is a coordinator's assignment to the family.
type FlowerCoordinator struct {
	Name     string
	From, To Date // To zero while current
}

// FlowerFacts are what the store reads for the flowers.
type FlowerFacts struct {
	Opened       Date // the day the file was opened
	HandoverOn   Date // the first warm handover; zero when none
	Today        Date
	Coordinators []FlowerCoordinator
	Trajectories []*Trajectory
	Persons      []FlowerPerson
}

// Flowers draws the flower at the start, at the handover (when there was
// one) and today; a file opened today has only today's.
func (ff *FlowerFacts) Flowers() *Flowers {
	out := &Flowers{}
	if ff.Opened.Before(ff.Today) {
		out.List = append(out.List, ff.FlowerOn("Start", ff.Opened))
	}
	if !ff.HandoverOn.IsZero() && ff.HandoverOn.After(ff.Opened) && ff.HandoverOn.Before(ff.Today) {
		out.List = append(out.List, ff.FlowerOn("Overdracht naar coördinatie", ff.HandoverOn))
	}
	out.List = append(out.List, ff.FlowerOn("Vandaag", ff.Today))
	return out
}

// FlowerOn draws the flower on day d: the agencies involved that day (a
// trajectory on the waiting list, running or ended whose period holds d,
// as AgenciesOn counts them) and the persons taking part that day, each
// agency once.
func (ff *FlowerFacts) FlowerOn(label string, d Date) *Flower {
	f := &Flower{Label: label, On: d}
	for _, c := range ff.Coordinators {
		if !c.From.After(d) && (c.To.IsZero() || c.To.After(d)) {
			f.Coordinator = c.Name
		}
	}
	agencies := map[int64]*Petal{}
	var order []int64
	for _, t := range ff.Trajectories {
		from := t.involvedFrom()
		if from.IsZero() || from.After(d) || (!t.EndedOn.IsZero() && t.EndedOn.Before(d)) {
			continue
		}
		p, ok := agencies[t.OrgID]
		if !ok {
			p = &Petal{Kind: PetalAgency, Name: t.OrgName}
			agencies[t.OrgID] = p
			order = append(order, t.OrgID)
		}
		if p.Detail == "" {
			p.Detail = t.Intervention
		} else if !strings.Contains(p.Detail, t.Intervention) {
			p.Detail += ", " + t.Intervention
		}
	}
	for _, id := range order {
		f.Petals = append(f.Petals, agencies[id])
	}
	sort.SliceStable(f.Petals, func(i, j int) bool { return f.Petals[i].Name < f.Petals[j].Name })
	var informal []*Petal
	for _, p := range ff.Persons {
		if !p.From.After(d) && (p.To.IsZero() || p.To.After(d)) {
			informal = append(informal, &Petal{Kind: PetalInformal, Name: p.Name, Detail: p.Relation.Label()})
		}
	}
	sort.SliceStable(informal, func(i, j int) bool { return informal[i].Name < informal[j].Name })
	f.Petals = append(f.Petals, informal...)
	return f
}
