package regie

import "context"

// OrgKind is the kind of an organisation on the social map.
type OrgKind string

// OrgKinds lists the kinds of organisation (DOMAIN.md §4b).
var OrgKinds = []Choice[OrgKind]{
	{"eigen", "Eigen organisatie"},
	{"ggz", "GGZ"},
	{"verslavingszorg", "Verslavingszorg"},
	{"schuldhulp", "Schuldhulpverlening / Kredietbank"},
	{"wonen", "Wonen / woningcorporatie"},
	{"school", "School / onderwijs"},
	{"jeugdzorg", "Jeugdzorg"},
	{"politie", "Politie"},
	{"huisarts", "Huisarts"},
	{"ggd", "GGD / jeugdgezondheidszorg"},
	{"maatschappelijk_werk", "Maatschappelijk werk / buurtteam"},
	{"werk_inkomen", "Werk en inkomen"},
	{"justitie", "Justitie / reclassering"},
	{"veilig_thuis", "Veilig Thuis"},
	{"overig", "Overig"},
}

// Label returns the Dutch label.
func (k OrgKind) Label() string { return LabelOf(OrgKinds, k) }

// OrganisationInput is what the administrator types for an entry of the
// social map.
type OrganisationInput struct {
	Name          string
	Kind          OrgKind
	DistrictID    int64 // 0: the whole city
	ContactPerson string
	Phone         string
	Email         string
	WaitingWeeks  string // as typed; empty when unknown
	Notes         string
	Active        bool
}

// Normalize cleans the input in place.
func (in *OrganisationInput) Normalize() {
	in.Name = Clean(in.Name)
	in.ContactPerson = Clean(in.ContactPerson)
	in.Phone = Clean(in.Phone)
	in.Email = NormalizeEmail(in.Email)
	in.WaitingWeeks = Clean(in.WaitingWeeks)
	in.Notes = Clean(in.Notes)
}

// Validate checks the input and returns the waiting time in weeks (-1 when
// unknown).
func (in *OrganisationInput) Validate() (int, error) {
	var v Validation
	v.Required("name", in.Name)
	v.MaxLen("name", in.Name, 200)
	if !IsChoice(OrgKinds, in.Kind) {
		v.Add("kind", MsgChoiceInvalid)
	}
	v.MaxLen("contact_person", in.ContactPerson, 200)
	v.MaxLen("phone", in.Phone, 50)
	if in.Email != "" {
		v.Email("email", in.Email)
	}
	v.MaxLen("notes", in.Notes, 2000)
	weeks := v.OptionalInt("waiting_weeks", in.WaitingWeeks, 0, 260)
	return weeks, v.Err()
}

// OptionalInt parses an optional whole number within [min, max]; it returns
// -1 when value is empty or wrong (and adds the message).
func (v *Validation) OptionalInt(field, value string, min, max int) int {
	if value == "" {
		return -1
	}
	n := 0
	for _, c := range value {
		if c < '0' || c > '9' || n > 1e6 {
			v.Add(field, MsgNumberInvalid)
			return -1
		}
		n = n*10 + int(c-'0')
	}
	if n < min || n > max {
		v.Add(field, MsgNumberRange, min, max)
		return -1
	}
	return n
}

// OrgFilter selects entries of the social map.
type OrgFilter struct {
	Kind       OrgKind
	DistrictID int64 // also includes city-wide entries
	Active     bool
}

// SocialMapService keeps the social map: the organisations and services
// the team works with. Everyone on staff may read it; the functional
// administrator maintains it.
type SocialMapService interface {
	// FindOrganisationByID returns ENOTFOUND if missing.
	FindOrganisationByID(ctx context.Context, id int64) (*Organisation, error)
	// FindSocialMap lists the entries. EFORBIDDEN for people outside the
	// staff.
	FindSocialMap(ctx context.Context, f OrgFilter) ([]*Organisation, error)
	// CreateOrganisationEntry adds an entry. EINVALID, EFORBIDDEN.
	CreateOrganisationEntry(ctx context.Context, in OrganisationInput) (*Organisation, error)
	// UpdateOrganisationEntry changes an entry. EINVALID, EFORBIDDEN, ENOTFOUND.
	UpdateOrganisationEntry(ctx context.Context, id int64, in OrganisationInput) error
}
