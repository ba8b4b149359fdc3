// Package demo fills an empty database with a fictional but realistic Dutch
// team and its families, for `regie demo`. Every person here is invented;
// BSNs are taken from the 9999… range that the Dutch government reserves
// for tests.
package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/password"
	"regie/internal/store"
)

// Password is the password of every demo account.
const Password = "regie-demo-2026" //nolint:gosec // the demo's published password for fictional accounts

// PendingEmail is the demo's account that the administrator made and the
// team leader has yet to confirm; it is not one of the Logins.
const PendingEmail = "nieuw@demo.regie.nl"

// Login is a demo account, printed when the demo starts.
type Login struct {
	Email string
	Name  string
	Role  regie.Role
}

// Logins are the demo accounts, in the order they are printed.
var Logins = []Login{
	{"teamleider@demo.regie.nl", "Jolanda van Dijk", regie.RoleTeamLeader},
	{"casemanager@demo.regie.nl", "Sanne Verbeek", regie.RoleCasemanager},
	{"casemanager2@demo.regie.nl", "Youssef Amrani", regie.RoleCasemanager},
	{"casemanager3@demo.regie.nl", "Petra Hoekstra", regie.RoleCasemanager},
	{"jeugd@demo.regie.nl", "Kim de Graaf", regie.RoleYouthWorker},
	{"privacy@demo.regie.nl", "Robert Schouten", regie.RolePrivacy},
	{"beheer@demo.regie.nl", "Esther Vos", regie.RoleAdmin},
	{"aanmelder@demo.regie.nl", "Linda Meijer", regie.RoleReferrer},
	{"partner@demo.regie.nl", "Thomas Wolters", regie.RolePartner},
	{"manager@demo.regie.nl", "Marieke Bos", regie.RoleManager},
}

// member is a demo member; age in years (and extra months) on the day the
// demo is made, so ages look right whenever it runs.
type member struct {
	given, family string
	age, months   int
	relation      regie.Relation
	withBSN       bool
	ended         string // reason, when the member has left the household
}

type family struct {
	name, street, postcode, district string
	proficiency                      regie.Proficiency
	languages                        string
	interpreter                      bool
	notes                            string
	coordinator, duo                 string // e-mail of the casemanagers
	members                          []member
	story                            story
	// effect, when set, gives the family its own risks at the start,
	// scores at the final evaluation and end terms (effect.go).
	effect *effectScript
}

var families = []family{
	{name: "Gezin Jansen", street: "Wolgadreef 112", postcode: "3562 KN", district: "Overvecht", proficiency: "goed",
		notes:       "Ouders wonen samen; vader werkt wisselend in de bouw. Oma (moederskant) is een belangrijke steun.",
		coordinator: "casemanager@demo.regie.nl", duo: "casemanager2@demo.regie.nl",
		story: story{startDaysAgo: 260, moves: []int{20, 110, 235}, perWeek: 2.5, refusals: 0.15, youth: "Dylan"},
		members: []member{{"Sandra", "Jansen", 38, 0, "ouder", true, ""}, {"Rob", "Jansen", 41, 0, "ouder", true, ""},
			{"Dylan", "Jansen", 15, 3, "kind", false, ""}, {"Kevin", "Jansen", 12, 8, "kind", false, ""}, {"Lotte", "Jansen", 7, 1, "kind", false, ""}}},
	{name: "Gezin Benali", street: "Tigrisdreef 48", postcode: "3561 JB", district: "Overvecht", proficiency: "matig",
		languages: "Arabisch, Tamazight", interpreter: true,
		notes:       "Moeder staat er alleen voor sinds vader in 2024 vertrok. Oudste zoon houdt veel van de administratie bij.",
		coordinator: "casemanager2@demo.regie.nl",
		story:       story{startDaysAgo: 135, moves: []int{20}, perWeek: 1.5, refusals: 0.2, youth: "Anas"},
		members: []member{{"Fatima", "Benali", 35, 0, "ouder", true, ""}, {"Anas", "Benali", 17, 2, "kind", false, ""},
			{"Yasmina", "Benali", 14, 5, "kind", false, ""}, {"Ilyas", "Benali", 9, 0, "kind", false, ""}, {"Nour", "Benali", 4, 6, "kind", false, ""}}},
	{name: "Gezin de Bruijn", street: "Amsterdamsestraatweg 601", postcode: "3553 EK", district: "Zuilen", proficiency: "goed",
		notes:       "Oma woont in; zoon (19) woont nog thuis en zit zonder werk of opleiding.",
		coordinator: "casemanager3@demo.regie.nl",
		story:       story{startDaysAgo: 330, moves: []int{15, 100, 250, 300}, perWeek: 2, refusals: 0.1, youth: "Jordy"},
		members: []member{{"Kees", "de Bruijn", 52, 0, "ouder", false, ""}, {"Ria", "de Bruijn-Smit", 47, 0, "ouder", false, ""},
			{"Jordy", "de Bruijn", 19, 4, "kind", false, ""}, {"Gerda", "Smit", 78, 0, "overig", false, ""}}},
	{name: "Gezin Yilmaz", street: "Gangesdreef 7", postcode: "3564 AB", district: "Overvecht", proficiency: "redelijk",
		languages:   "Turks, Nederlands",
		notes:       "Jong gezin met een baby; vader heeft schulden bij meerdere schuldeisers.",
		coordinator: "casemanager@demo.regie.nl",
		story:       story{startDaysAgo: 20, perWeek: 2, refusals: 0.3},
		members: []member{{"Elif", "Yilmaz", 29, 0, "ouder", true, ""}, {"Murat", "Yilmaz", 33, 0, "ouder", true, ""},
			{"Emir", "Yilmaz", 6, 2, "kind", false, ""}, {"Zeynep", "Yilmaz", 3, 0, "kind", false, ""}, {"Aylin", "Yilmaz", 0, 5, "kind", false, ""}}},
	{name: "Gezin Pinas", street: "Marnixlaan 214", postcode: "3552 HK", district: "Zuilen", proficiency: "goed",
		languages:   "Nederlands, Sranantongo",
		coordinator: "casemanager3@demo.regie.nl", duo: "casemanager@demo.regie.nl",
		story: story{startDaysAgo: 430, moves: []int{20, 110, 220, 270}, perWeek: 2, refusals: 0.1},
		members: []member{{"Marcia", "Pinas", 42, 0, "ouder", true, ""}, {"Jermaine", "Pinas", 22, 0, "kind", false, ""},
			{"Shanaya", "Pinas", 16, 9, "kind", false, ""}, {"Romano", "Pinas", 13, 1, "kind", false, ""}}},
	{name: "Gezin Kowalski", street: "Zamenhofdreef 33", postcode: "3562 JT", district: "Overvecht", proficiency: "geen",
		languages: "Pools", interpreter: true,
		notes: "Net in het team besproken; nog geen casemanager toegewezen.",
		story: story{startDaysAgo: 0},
		members: []member{{"Agnieszka", "Kowalska", 31, 0, "ouder", false, ""}, {"Kacper", "Kowalski", 8, 4, "kind", false, ""},
			{"Zofia", "Kowalska", 5, 11, "kind", false, ""}}},
	{name: "Gezin Hoogendoorn", street: "Cartesiusweg 88", postcode: "3534 BD", district: "Zuilen", proficiency: "goed",
		notes:       "Vader alleenstaand na overlijden moeder; kinderen verzuimen veel van school.",
		coordinator: "casemanager3@demo.regie.nl",
		story:       story{startDaysAgo: 290, moves: []int{25, 130}, perWeek: 1.8, refusals: 0.1, extension: "Vader wacht op een plek bij de GGZ (traumabehandeling); tot dan blijft de casemanager intensief betrokken."},
		members: []member{{"Erwin", "Hoogendoorn", 45, 0, "ouder", true, ""}, {"Sven", "Hoogendoorn", 14, 0, "kind", false, ""},
			{"Mila", "Hoogendoorn", 11, 6, "kind", false, ""}}},
	{name: "Gezin Haile", street: "Donaudreef 19", postcode: "3561 XL", district: "Overvecht", proficiency: "matig",
		languages: "Tigrinya", interpreter: true,
		notes:       "Moeder kwam in 2021 als statushouder naar Utrecht; vader woont nog in Ethiopië.",
		coordinator: "casemanager2@demo.regie.nl",
		story:       story{startDaysAgo: 100, moves: []int{12}, perWeek: 2, refusals: 0.1},
		members: []member{{"Senait", "Haile", 27, 0, "ouder", true, ""}, {"Daniel", "Tesfaye", 10, 3, "kind", false, ""},
			{"Ruth", "Tesfaye", 7, 9, "kind", false, ""}, {"Selam", "Haile", 2, 2, "kind", false, ""}}},
	{name: "Gezin van der Linden", street: "Prinses Irenelaan 5", postcode: "3554 EA", district: "Zuilen", proficiency: "goed",
		notes:       "Grootouders zorgen voor twee kleinkinderen; moeder (hun dochter) is in behandeling.",
		coordinator: "casemanager@demo.regie.nl",
		story:       story{startDaysAgo: 60, moves: []int{14}, perWeek: 2.5, refusals: 0.1, quietDays: 18},
		members: []member{{"Henk", "van der Linden", 63, 0, "verzorger", false, ""}, {"Annie", "van der Linden", 60, 0, "verzorger", false, ""},
			{"Bo", "van der Linden", 13, 7, "kind", false, ""}, {"Finn", "van der Linden", 9, 2, "kind", false, ""}}},
	{name: "Gezin Willems", street: "Rubicondreef 23", postcode: "3561 RB", district: "Overvecht", proficiency: "goed",
		notes:       "Eerder geholpen: na de coördinatie van zorg heeft het buurtteam het overgenomen.",
		coordinator: "casemanager2@demo.regie.nl",
		story:       story{startDaysAgo: 720, moves: []int{20, 110, 230, 260}, perWeek: 2, refusals: 0.1, closeDaysAgo: 200},
		members: []member{{"Ingrid", "Willems", 44, 0, "ouder", true, ""}, {"Bas", "Willems", 16, 2, "kind", false, ""},
			{"Noa", "Willems", 13, 8, "kind", false, ""}}},
	{name: "Gezin Mahabier", street: "Einsteindreef 140", postcode: "3562 GZ", district: "Overvecht", proficiency: "redelijk",
		languages:   "Sarnami, Nederlands",
		coordinator: "casemanager2@demo.regie.nl", duo: "casemanager3@demo.regie.nl",
		story: story{startDaysAgo: 500, moves: []int{18, 105, 230, 260}, perWeek: 2, refusals: 0.1, relapseDaysAgo: 30, youth: "Anil"},
		members: []member{{"Ravi", "Mahabier", 40, 0, "ouder", true, ""}, {"Sharmila", "Mahabier", 39, 0, "ouder", true, ""},
			{"Vikash", "Mahabier", 21, 0, "kind", false, "Woont sinds kort op kamers in Utrecht-West"},
			{"Priya", "Mahabier", 18, 1, "kind", false, ""}, {"Anil", "Mahabier", 15, 4, "kind", false, ""},
			{"Kiran", "Mahabier", 12, 10, "kind", false, ""}}},
	// Three families whose intensive phase ended this year, for the
	// reports' effect and cost/benefit (effect.go).
	{name: "Gezin Bakker", street: "Julianaweg 77", postcode: "3554 BE", district: "Zuilen", proficiency: "goed",
		notes:       "Moeder en haar partner; huurachterstand en een buurman die klaagt over geluidsoverlast.",
		coordinator: "casemanager3@demo.regie.nl",
		story:       story{startDaysAgo: 400, moves: []int{20, 110, 240, 280}, perWeek: 2, refusals: 0.1},
		effect: &effectScript{
			risks: map[regie.Domain]regie.Score{"wonen": 2, "justitie": 2},
			final: map[regie.Domain]regie.Score{"wonen": 4, "justitie": 3, "kinderen": 3, "welzijn": 2},
			terms: map[regie.EndTerm]*regie.EndTermInput{
				"overlast": {Score: "behaald", Note: "Geen klachten meer van de buren; de afspraken met de wijkagent lopen."}},
		},
		members: []member{{"Monique", "Bakker", 36, 0, "ouder", true, ""}, {"Dennis", "Vermeulen", 39, 0, "ouder", true, ""},
			{"Jayden", "Bakker", 11, 3, "kind", false, ""}}},
	{name: "Gezin Visser", street: "Vechtdreef 260", postcode: "3563 HK", district: "Overvecht", proficiency: "goed",
		notes:       "Vader alleen met drie kinderen; Veilig Thuis deed een melding over de jongste.",
		coordinator: "casemanager@demo.regie.nl",
		story:       story{startDaysAgo: 360, moves: []int{20, 100, 220, 260}, perWeek: 2.2, refusals: 0.15},
		effect: &effectScript{
			risks: map[regie.Domain]regie.Score{"kinderen": 2, "wonen": 3},
			final: map[regie.Domain]regie.Score{"kinderen": 4, "financien": 2, "netwerk": 2},
			terms: map[regie.EndTerm]*regie.EndTermInput{
				"opvoeding": {Score: "behaald", Note: "Vader volgt de opvoedtraining; de jeugdgezondheidszorg kijkt mee."},
				"financien": {Score: "deels", Note: "Een schuldregeling is aangevraagd; de beslaglegging loopt nog."}},
		},
		members: []member{{"Martijn", "Visser", 40, 0, "ouder", true, ""}, {"Daan", "Visser", 12, 0, "kind", false, ""},
			{"Sara", "Visser", 9, 4, "kind", false, ""}, {"Tim", "Visser", 5, 8, "kind", false, ""}}},
	{name: "Gezin Ramdin", street: "Nijldreef 5", postcode: "3562 AX", district: "Overvecht", proficiency: "goed",
		languages:   "Nederlands, Sarnami",
		notes:       "Ouders met twee pubers; de oudste is in aanraking gekomen met de politie.",
		coordinator: "casemanager2@demo.regie.nl",
		story:       story{startDaysAgo: 320, moves: []int{20, 100, 200, 250}, perWeek: 2, refusals: 0.2},
		effect: &effectScript{
			risks: map[regie.Domain]regie.Score{"wonen": 2, "justitie": 2},
			final: map[regie.Domain]regie.Score{"wonen": 3, "justitie": 2, "dagbesteding": 2},
			terms: map[regie.EndTerm]*regie.EndTermInput{
				"overlast": {Score: "niet", Note: "Nog twee politiecontacten dit kwartaal; de jeugdreclassering is betrokken."}},
		},
		members: []member{{"Anjali", "Ramdin", 43, 0, "ouder", true, ""}, {"Sunil", "Ramdin", 46, 0, "ouder", true, ""},
			{"Rohan", "Ramdin", 17, 0, "kind", false, ""}, {"Maya", "Ramdin", 14, 6, "kind", false, ""}}},
}

// Seed fills an empty database with the demo; a database that already has
// accounts is left as it is, so running the demo again reuses its file.
func Seed(ctx context.Context, st *store.Store, hasher *password.Hasher, clock regie.Clock) error {
	existing, err := st.FindUsers(ctx, regie.UserFilter{})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return nil
	}
	sys := regie.NewContextWithActor(ctx, regie.SystemActor())
	org, err := st.CreateOrganisation(sys, "Stade Profiel (demo)", true)
	if err != nil {
		return err
	}
	school, err := st.CreateOrganisation(sys, "Basisschool De Klimop (demo)", false)
	if err != nil {
		return err
	}
	ggz, err := st.CreateOrganisation(sys, "GGZ Utrecht Noord (demo)", false)
	if err != nil {
		return err
	}
	team, err := st.CreateTeam(sys, org.ID, "Team Noordoost", []string{"Overvecht", "Zuilen"})
	if err != nil {
		return err
	}
	district := map[string]int64{}
	for _, d := range team.Districts {
		district[d.Name] = d.ID
	}
	hash, err := hasher.Hash(ctx, Password)
	if err != nil {
		return err
	}
	users := map[string]*regie.User{}
	for i, l := range Logins {
		n := regie.NewUser{Email: l.Email, Name: l.Name, Role: l.Role, OrganisationID: org.ID, Password: Password}
		switch l.Role {
		case regie.RoleReferrer:
			n.OrganisationID = school.ID
		case regie.RolePartner:
			n.OrganisationID = ggz.ID
		}
		if l.Role.InTeam() {
			// A fictional mobile number at work: families reach their one
			// fixed worker on one number (seed 003).
			n.Phone = fmt.Sprintf("06 1234 56%02d", i+1)
			n.TeamID = team.ID
			n.DistrictIDs = []int64{district["Overvecht"]}
			if l.Email == "casemanager3@demo.regie.nl" {
				n.DistrictIDs = []int64{district["Zuilen"]}
			}
			if l.Role == regie.RoleTeamLeader || l.Role == regie.RoleYouthWorker {
				n.DistrictIDs = []int64{district["Overvecht"], district["Zuilen"]}
			}
		}
		u, err := st.CreateUser(sys, n, hash)
		if err != nil {
			return fmt.Errorf("demo account %s: %w", l.Email, err)
		}
		users[l.Email] = u
	}

	admin := actorFor(ctx, users["beheer@demo.regie.nl"])
	// The demo accounts were made by the command line, as on a new
	// instance, and so are usable at once. One more casemanager, made by
	// the administrator in the screens, waits — as every account an
	// administrator makes — for the team leader's confirmation
	// (Bevestigingen), and cannot log in until then.
	if _, err := st.CreateUser(admin, regie.NewUser{Email: PendingEmail, Name: "Mark Janssen", Role: regie.RoleCasemanager,
		OrganisationID: org.ID, TeamID: team.ID, DistrictIDs: []int64{district["Zuilen"]}, Password: password.Generate(),
		PasswordTemporary: true, Phone: "06 1234 5699"}, hash); err != nil {
		return fmt.Errorf("demo account %s: %w", PendingEmail, err)
	}
	orgs := map[string]int64{"school": school.ID, "ggz": ggz.ID}
	for _, o := range socialMap {
		in := o.in
		if o.district != "" {
			in.DistrictID = district[o.district]
		}
		created, err := st.CreateOrganisationEntry(admin, in)
		if err != nil {
			return fmt.Errorf("demo social map %s: %w", in.Name, err)
		}
		orgs[o.key] = created.ID
	}
	if err := seedRates(admin, st); err != nil {
		return err
	}
	famIDs, err := simulate(ctx, st, clock, users, district, orgs)
	if err != nil {
		return err
	}
	if err := seedCheckups(ctx, st, clock, users, orgs, famIDs); err != nil {
		return err
	}
	if err := supervise(ctx, st, clock, users, famIDs); err != nil {
		return err
	}
	if err := seedEmergency(ctx, st, clock, users, famIDs); err != nil {
		return err
	}
	if err := seedRetention(ctx, st, clock, users, famIDs); err != nil {
		return err
	}
	if err := seedReferrals(ctx, st, clock, users, district, orgs, famIDs); err != nil {
		return err
	}
	if err := seedCouncil(ctx, st, clock, users, famIDs); err != nil {
		return err
	}
	return seedPrivacy(ctx, st, clock, users, famIDs)
}

func actorFor(ctx context.Context, u *regie.User) context.Context {
	return regie.NewContextWithActor(ctx, &regie.Actor{UserID: u.ID, Name: u.Name, Role: u.Role,
		OrganisationID: u.OrganisationID, TeamID: u.TeamID, IP: "demo", UserAgent: "regie demo"})
}

// bsnSource returns a function that hands out distinct test BSNs from the
// range 999990000–999999999 that pass the 11-check.
func bsnSource() func() string {
	next := 999990000
	return func() string {
		for {
			next++
			s := fmt.Sprint(next)
			if regie.ValidBSN(s) {
				return s
			}
		}
	}
}
