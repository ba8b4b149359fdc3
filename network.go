package regie

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// The informal network (seed 003 §5.6, DOMAIN.md §8): people outside the
// household and outside organisations — a grandmother, a neighbour, a
// friend, a sports coach — recorded once per family. They own agreements of
// the plan and of the network meetings and attend the meetings (and, later,
// the family council); they never log in. A person who no longer takes part
// is ended, never deleted: they may own past agreements.

// NetworkRelation is how a person of the informal network relates to the
// family.
type NetworkRelation string

// The relations of the informal network.
const (
	NetworkGrandparent NetworkRelation = "grootouder"
	NetworkUncleAunt   NetworkRelation = "oom_tante"
	NetworkNeighbour   NetworkRelation = "buur"
	NetworkFriend      NetworkRelation = "vriend"
	NetworkCoach       NetworkRelation = "sportcoach"
	NetworkCommunity   NetworkRelation = "kerk_vereniging"
	NetworkOther       NetworkRelation = "overig"
)

// NetworkRelations lists the relations with their Dutch labels.
var NetworkRelations = []Choice[NetworkRelation]{
	{NetworkGrandparent, "Grootouder"},
	{NetworkUncleAunt, "Oom of tante"},
	{NetworkNeighbour, "Buur"},
	{NetworkFriend, "Vriend(in)"},
	{NetworkCoach, "Sportcoach of trainer"},
	{NetworkCommunity, "Kerk, moskee of vereniging"},
	{NetworkOther, "Overig"},
}

// Label returns the Dutch label.
func (r NetworkRelation) Label() string { return LabelOf(NetworkRelations, r) }

// NetworkPerson is one person of a family's informal network.
type NetworkPerson struct {
	ID       int64
	FamilyID int64
	Name     string
	Relation NetworkRelation
	Phone    string
	Note     string
	// EndedOn is the day the person stopped taking part; zero while they
	// do. An ended person keeps the agreements they owned.
	EndedOn       Date
	CreatedByName string
	UpdatedAt     time.Time
}

// ActiveOn reports whether the person takes part in the network on day d:
// not ended on or before it. Only they are offered for new agreements and
// meetings.
func (p *NetworkPerson) ActiveOn(d Date) bool { return p.EndedOn.IsZero() || p.EndedOn.After(d) }

// Label is how the person is listed in a choice: the name with the
// relation.
func (p *NetworkPerson) Label() string {
	return p.Name + " (" + strings.ToLower(p.Relation.Label()) + ")"
}

// NetworkPersonInput is what the casemanager records of a person.
type NetworkPersonInput struct {
	Name     string
	Relation NetworkRelation
	Phone    string
	Note     string
}

// Validate checks the input.
func (in *NetworkPersonInput) Validate() error {
	in.Name, in.Phone, in.Note = Clean(in.Name), Clean(in.Phone), Clean(in.Note)
	var v Validation
	v.Required("name", in.Name)
	v.MaxLen("name", in.Name, 200)
	if !IsChoice(NetworkRelations, in.Relation) {
		v.Add("network_relation", MsgChoiceInvalid)
	}
	v.MaxLen("phone", in.Phone, 40)
	v.MaxLen("note", in.Note, 2000)
	return v.Err()
}

// NetworkPersonEnd records that a person no longer takes part.
type NetworkPersonEnd struct {
	EndedOn string // as typed
}

// Validate checks the day against today and returns it.
func (in *NetworkPersonEnd) Validate(today Date) (Date, error) {
	var v Validation
	on := v.PastDate("ended_on", Clean(in.EndedOn), today, true)
	return on, v.Err()
}

// NetworkPersons is a family's informal network: those taking part first,
// then the ended ones.
type NetworkPersons struct {
	List    []*NetworkPerson
	CanEdit bool // add, change and end persons
}

// Active returns the persons taking part on day d.
func (ps *NetworkPersons) Active(d Date) []*NetworkPerson {
	var out []*NetworkPerson
	for _, p := range ps.List {
		if p.ActiveOn(d) {
			out = append(out, p)
		}
	}
	return out
}

// Ended returns the persons who no longer took part on day d.
func (ps *NetworkPersons) Ended(d Date) []*NetworkPerson {
	var out []*NetworkPerson
	for _, p := range ps.List {
		if !p.ActiveOn(d) {
			out = append(out, p)
		}
	}
	return out
}

// OwnerChoice is an owner picked from a list, as a form carries it:
// "o:<organisation>", "m:<member>", "p:<person of the informal network>"
// or "c:<user>" (a worker assigned to the family).
type OwnerChoice struct {
	Kind OwnerKind
	ID   int64
}

// ParseOwnerChoice reads an owner choice; ok is false for anything else.
func ParseOwnerChoice(s string) (OwnerChoice, bool) {
	prefix, idText, _ := strings.Cut(s, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return OwnerChoice{}, false
	}
	kinds := map[string]OwnerKind{"o": OwnerOrganisation, "m": OwnerMember, "p": OwnerNetwork, "c": OwnerCasemanager}
	k, ok := kinds[prefix]
	if !ok {
		return OwnerChoice{}, false
	}
	return OwnerChoice{Kind: k, ID: id}, true
}

// NetworkPersonService keeps a family's informal network. Every method
// decides access through the policy (SegNetworkPersons: the team reads,
// the coordinator, duo partner and team leader write, a partner never)
// and audits in the same transaction; a denial is audited and returns
// ENOTFOUND.
type NetworkPersonService interface {
	// FindNetworkPersons returns the family's informal network. ENOTFOUND.
	FindNetworkPersons(ctx context.Context, familyID int64) (*NetworkPersons, error)
	// AddNetworkPerson records a person. EINVALID, ENOTFOUND.
	AddNetworkPerson(ctx context.Context, familyID int64, in NetworkPersonInput) (*NetworkPerson, error)
	// UpdateNetworkPerson changes a person's details. EINVALID, ENOTFOUND.
	UpdateNetworkPerson(ctx context.Context, familyID, id int64, in NetworkPersonInput) (*NetworkPerson, error)
	// EndNetworkPerson records that the person no longer takes part; the
	// agreements they owned keep their name. EINVALID, ENOTFOUND.
	EndNetworkPerson(ctx context.Context, familyID, id int64, in NetworkPersonEnd) error
}
