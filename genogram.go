package regie

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// The genogram (seed 003 §4.2, DOMAIN.md §8): the extended family over
// three or more generations, drawn with the standard symbols, to see who
// stands close and who far, which relations are positive or negative, and
// what passes from one generation to the next. A person of the genogram
// either IS a member of the household (MemberID) or is a relative recorded
// only here: a grandparent, an absent parent, a deceased member, a
// half-sibling. Generations are counted from the parents: -1 the
// grandparents, 0 the parents' generation, +1 the children.

// GenogramSex is the sex a genogram's symbol shows: a square for a man, a
// circle for a woman, a diamond for another or unknown sex.
type GenogramSex string

// The sexes of a genogram.
const (
	SexMale   GenogramSex = "m"
	SexFemale GenogramSex = "v"
	SexOther  GenogramSex = "x"
)

// GenogramSexes lists the sexes with their Dutch labels.
var GenogramSexes = []Choice[GenogramSex]{
	{SexMale, "Man"},
	{SexFemale, "Vrouw"},
	{SexOther, "Anders of onbekend"},
}

// Label returns the Dutch label.
func (s GenogramSex) Label() string { return LabelOf(GenogramSexes, s) }

// GenogramMarker is something that plays in a person's life and that the
// genogram shows under the name, to make patterns over generations visible.
type GenogramMarker string

// The markers of a genogram person.
const (
	MarkerAddiction   GenogramMarker = "verslaving"
	MarkerPsychiatric GenogramMarker = "psychiatrie"
	MarkerDetention   GenogramMarker = "detentie"
	MarkerDebt        GenogramMarker = "schulden"
)

// GenogramMarkers lists the markers with their Dutch labels.
var GenogramMarkers = []Choice[GenogramMarker]{
	{MarkerAddiction, "Verslaving"},
	{MarkerPsychiatric, "Psychiatrische problematiek"},
	{MarkerDetention, "Detentie"},
	{MarkerDebt, "Schulden"},
}

// Label returns the Dutch label.
func (m GenogramMarker) Label() string { return LabelOf(GenogramMarkers, m) }

// Abbrev is the marker's short form under the name in the drawing; the
// legend spells it out.
func (m GenogramMarker) Abbrev() string {
	switch m {
	case MarkerAddiction:
		return "VSL"
	case MarkerPsychiatric:
		return "PSY"
	case MarkerDetention:
		return "DET"
	case MarkerDebt:
		return "SCH"
	}
	return string(m)
}

// RelationGroup is the kind of line a relation is drawn with: partners
// below the pair, children hanging from their parents, emotional relations
// between the two symbols.
type RelationGroup int

// The groups of relation kinds.
const (
	GroupPartner RelationGroup = iota + 1
	GroupChild
	GroupEmotional
	GroupCare
)

// GenogramRelationKind is the kind of a relation between two persons.
type GenogramRelationKind string

// The relation kinds. For the child kinds the first person is the parent,
// the second the child; for care the first cares for the second.
const (
	RelMarried   GenogramRelationKind = "gehuwd"
	RelTogether  GenogramRelationKind = "samenwonend"
	RelDivorced  GenogramRelationKind = "gescheiden"
	RelSeparated GenogramRelationKind = "uit_elkaar"
	RelChild     GenogramRelationKind = "kind"
	RelAdopted   GenogramRelationKind = "adoptiekind"
	RelFoster    GenogramRelationKind = "pleegkind"
	RelClose     GenogramRelationKind = "nauw"
	RelDistant   GenogramRelationKind = "afstandelijk"
	RelConflict  GenogramRelationKind = "conflict"
	RelCutOff    GenogramRelationKind = "verbroken"
	RelViolence  GenogramRelationKind = "geweld"
	RelCare      GenogramRelationKind = "zorg"
)

// GenogramRelationKinds lists the relation kinds with their Dutch labels,
// in the order of the form's groups.
var GenogramRelationKinds = []Choice[GenogramRelationKind]{
	{RelMarried, "Gehuwd"},
	{RelTogether, "Samenwonend"},
	{RelDivorced, "Gescheiden"},
	{RelSeparated, "Uit elkaar"},
	{RelChild, "Ouder en kind"},
	{RelAdopted, "Ouder en adoptiekind"},
	{RelFoster, "Pleegouder en pleegkind"},
	{RelClose, "Nauw"},
	{RelDistant, "Afstandelijk"},
	{RelConflict, "Conflict"},
	{RelCutOff, "Verbroken"},
	{RelViolence, "Geweld"},
	{RelCare, "Zorg (de eerste zorgt voor de tweede)"},
}

// Label returns the Dutch label.
func (k GenogramRelationKind) Label() string { return LabelOf(GenogramRelationKinds, k) }

// Group returns the kind's group.
func (k GenogramRelationKind) Group() RelationGroup {
	switch k {
	case RelMarried, RelTogether, RelDivorced, RelSeparated:
		return GroupPartner
	case RelChild, RelAdopted, RelFoster:
		return GroupChild
	case RelClose, RelDistant, RelConflict, RelCutOff, RelViolence:
		return GroupEmotional
	case RelCare:
		return GroupCare
	}
	return 0
}

// Generations: -2 the great-grandparents up to +2 the grandchildren.
const (
	MinGeneration = -2
	MaxGeneration = 2
)

// GenerationLabel names a generation in Dutch.
func GenerationLabel(g int) string {
	switch g {
	case -2:
		return "Overgrootouders"
	case -1:
		return "Grootouders"
	case 0:
		return "Ouders, hun broers, zussen en partners"
	case 1:
		return "Kinderen"
	case 2:
		return "Kleinkinderen"
	}
	return "Generatie " + strconv.Itoa(g)
}

// GenogramPerson is one person of the genogram.
type GenogramPerson struct {
	ID       int64
	FamilyID int64
	// MemberID is the member of the household this person is; 0 for a
	// relative recorded only in the genogram. For a member, Name and
	// BirthYear come from the member's record.
	MemberID int64
	// InHousehold: the member lives in the household now (the dashed
	// line around the household in the drawing).
	InHousehold bool
	Name        string
	// ShortName is how the drawing names a member: the given name (the
	// family name is the household's); empty for a relative.
	ShortName  string
	Sex        GenogramSex
	BirthYear  int // 0 unknown
	DeathYear  int // 0 unknown or alive
	Deceased   bool
	Generation int
	Markers    []GenogramMarker
	Note       string
}

// DrawnName is the name under the symbol.
func (p *GenogramPerson) DrawnName() string {
	if p.ShortName != "" {
		return p.ShortName
	}
	return p.Name
}

// Years is the person's years as the drawing and the list show them:
// "1948–2019", "*1980", "†2019" or "".
func (p *GenogramPerson) Years() string {
	switch {
	case p.BirthYear != 0 && p.DeathYear != 0:
		return fmt.Sprintf("%d–%d", p.BirthYear, p.DeathYear)
	case p.BirthYear != 0 && p.Deceased:
		return fmt.Sprintf("%d–†", p.BirthYear)
	case p.BirthYear != 0:
		return fmt.Sprintf("*%d", p.BirthYear)
	case p.DeathYear != 0:
		return fmt.Sprintf("†%d", p.DeathYear)
	case p.Deceased:
		return "†"
	}
	return ""
}

// HasMarker reports whether the person has marker m.
func (p *GenogramPerson) HasMarker(m GenogramMarker) bool {
	for _, x := range p.Markers {
		if x == m {
			return true
		}
	}
	return false
}

// Describe is the person as one line of the text alternative, in Dutch.
func (p *GenogramPerson) Describe() string {
	parts := []string{strings.ToLower(p.Sex.Label())}
	if y := p.Years(); y != "" {
		parts = append(parts, y)
	}
	if p.Deceased {
		parts = append(parts, "overleden")
	}
	switch {
	case p.InHousehold:
		parts = append(parts, "woont in het huishouden")
	case p.MemberID != 0:
		parts = append(parts, "woont niet meer in het huishouden")
	}
	s := p.Name + " (" + strings.Join(parts, ", ") + ")"
	if len(p.Markers) > 0 {
		var ms []string
		for _, m := range p.Markers {
			ms = append(ms, strings.ToLower(m.Label()))
		}
		s += ": " + strings.Join(ms, ", ")
	}
	return s
}

// GenogramRelation is a relation between two persons of the genogram.
type GenogramRelation struct {
	ID       int64
	FamilyID int64
	FromID   int64 // for a child kind the parent, for care the carer
	ToID     int64
	Kind     GenogramRelationKind
	Note     string
}

// Genogram is a family's genogram: its persons by generation and their
// relations.
type Genogram struct {
	FamilyID  int64
	Persons   []*GenogramPerson
	Relations []*GenogramRelation
	CanEdit   bool // add, change and remove persons and relations
	CanExport bool // the genogram as PDF
}

// Person returns the person with id, or nil.
func (g *Genogram) Person(id int64) *GenogramPerson {
	for _, p := range g.Persons {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Empty reports whether the genogram has no persons yet.
func (g *Genogram) Empty() bool { return g == nil || len(g.Persons) == 0 }

// Generations returns the persons grouped by generation, oldest first.
func (g *Genogram) Generations() []GenogramGeneration {
	var out []GenogramGeneration
	for gen := MinGeneration; gen <= MaxGeneration; gen++ {
		var ps []*GenogramPerson
		for _, p := range g.Persons {
			if p.Generation == gen {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			out = append(out, GenogramGeneration{Generation: gen, Label: GenerationLabel(gen), Persons: ps})
		}
	}
	return out
}

// GenogramGeneration is one row of the genogram.
type GenogramGeneration struct {
	Generation int
	Label      string
	Persons    []*GenogramPerson
}

// DescribeRelation is a relation as one line of the text alternative.
func (g *Genogram) DescribeRelation(r *GenogramRelation) string {
	from, to := g.Person(r.FromID), g.Person(r.ToID)
	if from == nil || to == nil {
		return ""
	}
	var s string
	switch r.Kind {
	case RelChild:
		s = from.Name + " is ouder van " + to.Name
	case RelAdopted:
		s = from.Name + " is adoptieouder van " + to.Name
	case RelFoster:
		s = from.Name + " is pleegouder van " + to.Name
	case RelCare:
		s = from.Name + " zorgt voor " + to.Name
	default:
		s = from.Name + " en " + to.Name + ": " + strings.ToLower(r.Kind.Label())
	}
	if r.Note != "" {
		s += " — " + r.Note
	}
	return s
}

// Lines is the genogram as text, the drawing's alternative: the persons
// per generation, then the relations.
func (g *Genogram) Lines() []string {
	var out []string
	for _, gen := range g.Generations() {
		for _, p := range gen.Persons {
			out = append(out, gen.Label+": "+p.Describe())
		}
	}
	for _, r := range g.Relations {
		if s := g.DescribeRelation(r); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// GenogramPersonInput is what the casemanager records of a person, as
// typed.
type GenogramPersonInput struct {
	MemberID   int64 // a member of the household; 0 for a relative
	Name       string
	Sex        GenogramSex
	BirthYear  string
	DeathYear  string
	Deceased   bool
	Generation string
	Markers    []GenogramMarker
	Note       string
}

// GenogramPersonFacts are what the store read for a person's input: the
// member chosen (nil when none, or not of this family), whether that
// member is already in the genogram as another person, and this year.
type GenogramPersonFacts struct {
	Member      *Member
	MemberTaken bool
	ThisYear    int
}

// Validate checks the input against the facts and returns the person's
// values (without ids).
func (in *GenogramPersonInput) Validate(f GenogramPersonFacts) (*GenogramPerson, error) {
	in.Name, in.Note = Clean(in.Name), Clean(in.Note)
	var v Validation
	p := &GenogramPerson{MemberID: in.MemberID, Name: in.Name, Sex: in.Sex, Deceased: in.Deceased, Note: in.Note}
	switch {
	case in.MemberID != 0 && f.Member == nil:
		v.Add("genogram_member", MsgGenogramMemberOther)
	case in.MemberID != 0 && f.MemberTaken:
		v.Add("genogram_member", MsgGenogramMemberTaken)
	case in.MemberID != 0:
		p.Name = f.Member.Name()
	default:
		v.Required("name", in.Name)
	}
	v.MaxLen("name", in.Name, 100)
	if !IsChoice(GenogramSexes, in.Sex) {
		v.Add("sex", MsgChoiceInvalid)
	}
	year := func(field, s string) int {
		s = Clean(s)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1850 || n > f.ThisYear {
			v.Add(field, MsgGenogramYear, f.ThisYear)
			return 0
		}
		return n
	}
	p.BirthYear, p.DeathYear = year("birth_year", in.BirthYear), year("death_year", in.DeathYear)
	if f.Member != nil && in.MemberID != 0 && !f.Member.BirthDate.IsZero() {
		p.BirthYear = f.Member.BirthDate.Time().Year()
	}
	if p.DeathYear != 0 {
		p.Deceased = true
		if p.BirthYear != 0 && p.DeathYear < p.BirthYear {
			v.Add("death_year", MsgGenogramDeathBeforeBirth)
		}
	}
	gen, err := strconv.Atoi(Clean(in.Generation))
	if err != nil || gen < MinGeneration || gen > MaxGeneration {
		v.Add("generation", MsgChoiceInvalid)
	}
	p.Generation = gen
	for _, m := range in.Markers {
		if !IsChoice(GenogramMarkers, m) {
			v.Add("markers", MsgChoiceInvalid)
		} else if !p.HasMarker(m) {
			p.Markers = append(p.Markers, m)
		}
	}
	v.MaxLen("note", in.Note, 500)
	return p, v.Err()
}

// GenogramRelationInput is a relation as the form posts it.
type GenogramRelationInput struct {
	FromID int64
	ToID   int64
	Kind   GenogramRelationKind
	Note   string
}

// Validate checks the relation against the genogram it goes into; id is
// the relation changed (0 for a new one), so it does not clash with
// itself.
func (in *GenogramRelationInput) Validate(g *Genogram, id int64) error {
	in.Note = Clean(in.Note)
	var v Validation
	from, to := g.Person(in.FromID), g.Person(in.ToID)
	if from == nil {
		v.Add("from_id", MsgChoiceInvalid)
	}
	if to == nil {
		v.Add("to_id", MsgChoiceInvalid)
	}
	kind := in.Kind.Group()
	if kind == 0 {
		v.Add("relation_kind", MsgChoiceInvalid)
	}
	v.MaxLen("relation_note", in.Note, 300)
	if from == nil || to == nil || kind == 0 {
		return v.Err()
	}
	if from.ID == to.ID {
		v.Add("to_id", MsgGenogramSelf)
		return v.Err()
	}
	switch kind {
	case GroupPartner:
		if from.Generation != to.Generation {
			v.Add("to_id", MsgGenogramPartnerGeneration)
		}
	case GroupChild:
		if to.Generation != from.Generation+1 {
			v.Add("to_id", MsgGenogramChildGeneration)
		}
		parents := 0
		for _, r := range g.Relations {
			if r.ID != id && r.ToID == to.ID && r.Kind == in.Kind {
				parents++
			}
		}
		if parents >= 2 {
			v.Add("to_id", MsgGenogramTwoParents)
		}
	}
	for _, r := range g.Relations {
		if r.ID == id {
			continue
		}
		same := (r.FromID == from.ID && r.ToID == to.ID) || (r.FromID == to.ID && r.ToID == from.ID)
		if same && (r.Kind == in.Kind || (kind == GroupPartner && r.Kind.Group() == GroupPartner) ||
			(kind == GroupChild && r.Kind.Group() == GroupChild)) {
			v.Add("relation_kind", MsgGenogramRelationExists, strings.ToLower(r.Kind.Label()))
			break
		}
	}
	return v.Err()
}

// GenogramService keeps a family's genogram. Every method decides access
// through the policy (SegGenogram: the team reads, the coordinator, duo
// partner and team leader write, a partner never) and audits in the same
// transaction; a denial is audited and returns ENOTFOUND.
type GenogramService interface {
	// FindGenogram returns the family's genogram (empty when none yet).
	// ENOTFOUND.
	FindGenogram(ctx context.Context, familyID int64) (*Genogram, error)
	// AddGenogramPerson records a person. EINVALID, ENOTFOUND.
	AddGenogramPerson(ctx context.Context, familyID int64, in GenogramPersonInput) (*GenogramPerson, error)
	// UpdateGenogramPerson changes a person; a change of generation that
	// breaks one of the person's relations is refused. EINVALID,
	// ENOTFOUND.
	UpdateGenogramPerson(ctx context.Context, familyID, id int64, in GenogramPersonInput) (*GenogramPerson, error)
	// RemoveGenogramPerson removes a person and their relations.
	// ENOTFOUND.
	RemoveGenogramPerson(ctx context.Context, familyID, id int64) error
	// AddGenogramRelation records a relation. EINVALID, ENOTFOUND.
	AddGenogramRelation(ctx context.Context, familyID int64, in GenogramRelationInput) (*GenogramRelation, error)
	// UpdateGenogramRelation changes a relation. EINVALID, ENOTFOUND.
	UpdateGenogramRelation(ctx context.Context, familyID, id int64, in GenogramRelationInput) error
	// ExportGenogram returns the genogram for its PDF, audited as an
	// export. ENOTFOUND.
	ExportGenogram(ctx context.Context, familyID int64) (*Genogram, error)
	// RemoveGenogramRelation removes a relation. ENOTFOUND.
	RemoveGenogramRelation(ctx context.Context, familyID, id int64) error
}
