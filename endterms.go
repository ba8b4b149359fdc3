package regie

// EndTerm is one of the eight end terms (eindtermen) of actief
// casemanagement: what the family should have reached by the end of the
// intensive phase (seed 003 §1.3 and §5.5). The final evaluation scores
// each; the key is stored with the score, so it never changes.
type EndTerm string

// EndTerms lists the eight end terms in the seed's order and words. This
// is the one definition: the final evaluation's form, its validation and
// the reports read it.
var EndTerms = []Choice[EndTerm]{
	{"leefsituatie", "De leefsituatie van het gezin is gestabiliseerd"},
	{"verantwoordelijkheid", "Het gezin neemt verantwoordelijkheid voor zijn leefsituatie, passend bij zijn mogelijkheden"},
	{"ondersteuning", "Waar het gezin nog niet zelfredzaam is, is ondersteuning op maat georganiseerd"},
	{"vertrouwen", "Het vertrouwen van het gezin in de samenleving is in aanzet hersteld"},
	{"isolement", "Het sociaal isolement is doorbroken"},
	{"overlast", "Afname van overlast en justitiële contacten"},
	{"financien", "Verbetering van de financiële positie (afname schulden)"},
	{"opvoeding", "Opvoedingsondersteuning is gerealiseerd"},
}

// Label returns the Dutch words of the end term.
func (t EndTerm) Label() string { return LabelOf(EndTerms, t) }

// EndTermScore is how far an end term was reached. An end term can be
// "niet van toepassing": a family without children needs no parenting
// support, a family without debts no better financial position.
type EndTermScore string

// EndTermScores lists the scores of an end term.
var EndTermScores = []Choice[EndTermScore]{
	{"behaald", "Behaald"},
	{"deels", "Deels behaald"},
	{"niet", "Niet behaald"},
	{"nvt", "Niet van toepassing"},
}

// Label returns the Dutch label.
func (s EndTermScore) Label() string { return LabelOf(EndTermScores, s) }

// GoalDegree is the degree a goal of the plan was reached, in the final
// evaluation.
type GoalDegree string

// GoalDegrees lists them.
var GoalDegrees = []Choice[GoalDegree]{
	{"behaald", "Behaald"},
	{"deels", "Deels behaald"},
	{"niet", "Niet behaald"},
}

// Label returns the Dutch label.
func (d GoalDegree) Label() string { return LabelOf(GoalDegrees, d) }
