package regie

// Domain is a life domain (leefgebied). The list is seed 003 §4.3 — the
// domains the hulpverleningsplan describes — in its order and words; the
// referral's signals, the plan, self-reliance scores and trajectories all
// use it. Change or extend it here, in one place.
type Domain string

// Domains lists the life domains with their Dutch labels.
var Domains = []Choice[Domain]{
	{"financien", "Financiële situatie"},
	{"wonen", "Woonsituatie"},
	{"netwerk", "Netwerk"},
	{"integratie", "Integratie"},
	{"zelfredzaamheid", "Communicatieve en sociale zelfredzaamheid"},
	{"dagbesteding", "Dagbesteding"},
	{"huishouding", "Verzorging huishouding"},
	{"verzorging", "Lichamelijke verzorging"},
	{"kinderen", "Kinderen"},
	{"relaties", "Relaties"},
	{"welzijn", "Welzijn"},
	{"trauma", "Trauma"},
	{"onmacht", "Onmacht"},
	{"justitie", "Justitie"},
}

// Label returns the Dutch label.
func (d Domain) Label() string { return LabelOf(Domains, d) }
