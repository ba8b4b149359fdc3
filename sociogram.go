package regie

import (
	"context"
	"sort"
	"strings"
	"time"
)

// The sociogram (ecogram, seed 003 §4.2, DOMAIN.md §8): the family's ties
// in circles around the household — family, friends, neighbours, school,
// work, clubs and agencies — each with its strength (the circle it sits
// in) and its quality. It is kept at moments in time: a moment is a dated
// snapshot, so the sociogram at the start and a later one show whether the
// social isolation was broken or the network strengthened.

// SocioSector is the part of the family's world a tie belongs to: a wedge
// of the drawing.
type SocioSector string

// The sectors of a sociogram, in the order of the drawing's wedges.
const (
	SectorFamily     SocioSector = "familie"
	SectorFriends    SocioSector = "vrienden"
	SectorNeighbours SocioSector = "buren"
	SectorSchool     SocioSector = "school"
	SectorWork       SocioSector = "werk"
	SectorClubs      SocioSector = "vereniging"
	SectorAgencies   SocioSector = "instanties"
)

// SocioSectors lists the sectors with their Dutch labels.
var SocioSectors = []Choice[SocioSector]{
	{SectorFamily, "Familie"},
	{SectorFriends, "Vrienden"},
	{SectorNeighbours, "Buren"},
	{SectorSchool, "School"},
	{SectorWork, "Werk"},
	{SectorClubs, "Vereniging of club"},
	{SectorAgencies, "Instanties"},
}

// Label returns the Dutch label.
func (s SocioSector) Label() string { return LabelOf(SocioSectors, s) }

// TieStrength is how strong a tie is: the circle it is drawn in, close to
// the household for a strong one.
type TieStrength string

// The strengths of a tie, strongest (innermost circle) first.
const (
	TieStrong   TieStrength = "sterk"
	TieModerate TieStrength = "matig"
	TieWeak     TieStrength = "zwak"
)

// TieStrengths lists the strengths with their Dutch labels.
var TieStrengths = []Choice[TieStrength]{
	{TieStrong, "Sterk (binnenste cirkel)"},
	{TieModerate, "Matig (middelste cirkel)"},
	{TieWeak, "Zwak (buitenste cirkel)"},
}

// Label returns the Dutch label.
func (s TieStrength) Label() string { return LabelOf(TieStrengths, s) }

// Ring is the circle the strength is drawn in: 0 close, 1 middle, 2 far.
func (s TieStrength) Ring() int {
	switch s {
	case TieStrong:
		return 0
	case TieModerate:
		return 1
	}
	return 2
}

// TieQuality is what a tie means for the family.
type TieQuality string

// The qualities of a tie.
const (
	TieSupportive TieQuality = "steunend"
	TieAmbivalent TieQuality = "wisselend"
	TieStressful  TieQuality = "belastend"
)

// TieQualities lists the qualities with their Dutch labels.
var TieQualities = []Choice[TieQuality]{
	{TieSupportive, "Steunend"},
	{TieAmbivalent, "Wisselend"},
	{TieStressful, "Belastend of conflict"},
}

// Label returns the Dutch label.
func (q TieQuality) Label() string { return LabelOf(TieQualities, q) }

// SocioTie is one tie of the family at a moment.
type SocioTie struct {
	ID       int64
	MomentID int64
	Sector   SocioSector
	// Name is who or what the tie is: a name ("Oma Riet") or a
	// description ("de buurvrouw van boven").
	Name     string
	Strength TieStrength
	Quality  TieQuality
	Note     string
}

// key is how a tie is recognised at another moment: its sector and its
// name, whatever the case and spacing.
func (t *SocioTie) key() string {
	return string(t.Sector) + "|" + strings.ToLower(strings.Join(strings.Fields(t.Name), " "))
}

// SocioMoment is the sociogram at one moment in time.
type SocioMoment struct {
	ID       int64
	FamilyID int64
	On       Date
	// Label names the moment: "Start", "Evaluatie", "Afsluiting".
	Label         string
	Note          string
	Ties          []*SocioTie // by sector, then strength, then name
	CreatedByName string
	CreatedAt     time.Time
}

// Title is how the moment is named on the page: its label and its day.
func (m *SocioMoment) Title() string { return m.Label + " (" + m.On.Dutch() + ")" }

// Supportive counts the supportive ties.
func (m *SocioMoment) Supportive() int {
	n := 0
	for _, t := range m.Ties {
		if t.Quality == TieSupportive {
			n++
		}
	}
	return n
}

// InformalSupport counts the supportive ties outside the agencies: the
// family's own network, which the seed asks to strengthen.
func (m *SocioMoment) InformalSupport() int {
	n := 0
	for _, t := range m.Ties {
		if t.Quality == TieSupportive && t.Sector != SectorAgencies {
			n++
		}
	}
	return n
}

// SocioIsolatedBelow is the number of supportive ties outside the
// agencies below which a moment shows the family as socially isolated:
// with none or one person to fall back on, a family stands alone.
const SocioIsolatedBelow = 2

// Isolated reports whether the moment shows the family socially isolated.
func (m *SocioMoment) Isolated() bool { return m.InformalSupport() < SocioIsolatedBelow }

// InSector returns the moment's ties of sector s.
func (m *SocioMoment) InSector(s SocioSector) []*SocioTie {
	var out []*SocioTie
	for _, t := range m.Ties {
		if t.Sector == s {
			out = append(out, t)
		}
	}
	return out
}

// SortTies orders ties by sector (the drawing's order), strength, then
// name.
func SortTies(ts []*SocioTie) {
	order := map[SocioSector]int{}
	for i, c := range SocioSectors {
		order[c.Value] = i
	}
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if order[a.Sector] != order[b.Sector] {
			return order[a.Sector] < order[b.Sector]
		}
		if a.Strength.Ring() != b.Strength.Ring() {
			return a.Strength.Ring() < b.Strength.Ring()
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
}

// SocioMomentInput is a new moment.
type SocioMomentInput struct {
	On    string // as typed
	Label string
	Note  string
	// CopyFrom is the moment whose ties the new one starts with; 0 starts
	// empty.
	CopyFrom int64
}

// Validate checks the input against today and returns the day.
func (in *SocioMomentInput) Validate(today Date) (Date, error) {
	in.Label, in.Note = Clean(in.Label), Clean(in.Note)
	var v Validation
	on := v.PastDate("moment_on", Clean(in.On), today, true)
	v.Required("moment_label", in.Label)
	v.MaxLen("moment_label", in.Label, 100)
	v.MaxLen("moment_note", in.Note, 2000)
	return on, v.Err()
}

// SocioTieInput is a tie as the casemanager records it.
type SocioTieInput struct {
	Sector   SocioSector
	Name     string
	Strength TieStrength
	Quality  TieQuality
	Note     string
}

// Validate checks the input.
func (in *SocioTieInput) Validate() error {
	in.Name, in.Note = Clean(in.Name), Clean(in.Note)
	var v Validation
	if !IsChoice(SocioSectors, in.Sector) {
		v.Add("sector", MsgChoiceInvalid)
	}
	v.Required("tie_name", in.Name)
	v.MaxLen("tie_name", in.Name, 200)
	if !IsChoice(TieStrengths, in.Strength) {
		v.Add("strength", MsgChoiceInvalid)
	}
	if !IsChoice(TieQualities, in.Quality) {
		v.Add("quality", MsgChoiceInvalid)
	}
	v.MaxLen("tie_note", in.Note, 1000)
	return v.Err()
}

// Sociograms are a family's sociogram moments, oldest first.
type Sociograms struct {
	Moments   []*SocioMoment
	CanEdit   bool // add moments, add, change and remove ties
	CanExport bool // print a moment as PDF
}

// Moment returns the moment with id, or nil.
func (s *Sociograms) Moment(id int64) *SocioMoment {
	for _, m := range s.Moments {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Latest returns the newest moment, or nil.
func (s *Sociograms) Latest() *SocioMoment {
	if len(s.Moments) == 0 {
		return nil
	}
	return s.Moments[len(s.Moments)-1]
}

// SectorCount is how many ties a sector has at two moments.
type SectorCount struct {
	Sector   SocioSector
	From, To int
}

// SocioComparison is what changed between two moments.
type SocioComparison struct {
	From, To *SocioMoment
	// Added are the ties of To that From did not have; Lost those of
	// From that To no longer has; Changed those in both whose strength or
	// quality differs (To's version).
	Added, Lost, Changed []*SocioTie
	PerSector            []SectorCount
	// IsolationBroken: From showed the family isolated, To does not (the
	// end term "sociaal isolement doorbroken" made visible).
	IsolationBroken bool
}

// CompareSociograms compares moment from with the later moment to. A tie
// is the same at both moments when its sector and name are.
func CompareSociograms(from, to *SocioMoment) *SocioComparison {
	c := &SocioComparison{From: from, To: to}
	before := map[string]*SocioTie{}
	for _, t := range from.Ties {
		before[t.key()] = t
	}
	after := map[string]bool{}
	for _, t := range to.Ties {
		after[t.key()] = true
		b, ok := before[t.key()]
		switch {
		case !ok:
			c.Added = append(c.Added, t)
		case b.Strength != t.Strength || b.Quality != t.Quality:
			c.Changed = append(c.Changed, t)
		}
	}
	for _, t := range from.Ties {
		if !after[t.key()] {
			c.Lost = append(c.Lost, t)
		}
	}
	for _, s := range SocioSectors {
		c.PerSector = append(c.PerSector, SectorCount{Sector: s.Value, From: len(from.InSector(s.Value)), To: len(to.InSector(s.Value))})
	}
	c.IsolationBroken = from.Isolated() && !to.Isolated()
	return c
}

// SociogramService keeps a family's sociogram moments and draws the
// wrap-around flower from the trajectories and the informal network. Every
// method decides access through the policy (SegSociogram: the team reads,
// the coordinator, duo partner and team leader write, a partner never)
// and audits in the same transaction; a denial is audited and returns
// ENOTFOUND.
type SociogramService interface {
	// FindSociograms returns the family's moments with their ties.
	// ENOTFOUND.
	FindSociograms(ctx context.Context, familyID int64) (*Sociograms, error)
	// ExportSociograms is FindSociograms for a printed page, decided and
	// audited as an export. ENOTFOUND.
	ExportSociograms(ctx context.Context, familyID int64) (*Sociograms, error)
	// AddSocioMoment records a new moment, empty or as a copy of an
	// earlier one's ties. EINVALID, ENOTFOUND.
	AddSocioMoment(ctx context.Context, familyID int64, in SocioMomentInput) (*SocioMoment, error)
	// SaveSocioTie adds (id 0) or changes a tie of a moment. EINVALID,
	// ENOTFOUND.
	SaveSocioTie(ctx context.Context, familyID, momentID, id int64, in SocioTieInput) (*SocioTie, error)
	// RemoveSocioTie removes a tie from a moment. ENOTFOUND.
	RemoveSocioTie(ctx context.Context, familyID, momentID, id int64) error
	// FindFlowers returns the wrap-around flower at the start, at the
	// handover to the coordination of care (if any) and today. ENOTFOUND.
	FindFlowers(ctx context.Context, familyID int64) (*Flowers, error)
	// ExportFlowers is FindFlowers for a printed page, decided and audited
	// as an export. ENOTFOUND.
	ExportFlowers(ctx context.Context, familyID int64) (*Flowers, error)
}
