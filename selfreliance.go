package regie

// Score is a self-reliance score on the usual Dutch five-point scale, from
// acute problems to fully self-reliant; 0 means not scored.
type Score int

// Scores lists the levels with their Dutch names.
var Scores = []struct {
	Score Score
	Label string
}{
	{1, "Acute problematiek"},
	{2, "Niet zelfredzaam"},
	{3, "Beperkt zelfredzaam"},
	{4, "Voldoende zelfredzaam"},
	{5, "Volledig zelfredzaam"},
}

// Label returns the level's Dutch name, or "" for 0.
func (s Score) Label() string {
	for _, x := range Scores {
		if x.Score == s {
			return x.Label
		}
	}
	return ""
}

// Valid reports whether s is a level (or 0, not scored).
func (s Score) Valid() bool { return s >= 0 && s <= 5 }

// ScoreDescriptions says, per life domain, what each level looks like in a
// family, in regie's own short words (not a published matrix's text), so
// that two casemanagers give the same family the same score.
var ScoreDescriptions = map[Domain][5]string{
	"financien": {
		"Geen inkomen of grote, groeiende schulden; afsluiting of ontruiming dreigt.",
		"Inkomen maar schulden groeien; post blijft liggen, rekeningen worden niet betaald.",
		"Schulden zijn in beeld en geregeld met hulp (budgetbeheer, schuldregeling).",
		"Rondkomen lukt; vaste lasten worden betaald, soms met een steuntje in de rug.",
		"Eigen inkomen, geen problematische schulden, het gezin regelt zijn geldzaken zelf.",
	},
	"wonen": {
		"Geen woning of ontruiming staat voor de deur.",
		"Woning is onveilig, vervuild of overvol; huurachterstand.",
		"Woning is op orde met hulp; afspraken met verhuurder lopen.",
		"Woning is schoon en veilig genoeg; huur wordt betaald.",
		"Stabiele, passende woning die het gezin zelf onderhoudt.",
	},
	"netwerk": {
		"Geen steun van familie of vrienden; contacten zijn vooral schadelijk.",
		"Nauwelijks contacten; het gezin vraagt niemand om hulp.",
		"Enkele contacten die soms helpen; het gezin leert hulp te vragen.",
		"Een paar mensen op wie het gezin kan terugvallen.",
		"Een steunend netwerk dat het gezin zelf onderhoudt.",
	},
	"integratie": {
		"Leeft buiten de samenleving; wantrouwen tegen elke instantie.",
		"Weinig kennis van taal en regels; vermijdt instanties.",
		"Redt het met een tolk of begeleiding; leert de weg.",
		"Kent de weg naar de belangrijkste voorzieningen.",
		"Doet volwaardig mee en vindt zelf de weg.",
	},
	"zelfredzaamheid": {
		"Kan zich niet verstaanbaar maken of komt niet voor zichzelf op.",
		"Communicatie loopt vaak vast; conflicten met instanties.",
		"Lukt met voorbereiding en steun.",
		"Communiceert meestal goed, ook met instanties.",
		"Maakt zich zelfstandig begrijpelijk en komt voor zichzelf op.",
	},
	"dagbesteding": {
		"Geen dagritme; volwassenen zonder enige bezigheid, kinderen niet naar school.",
		"Onregelmatig; veel verzuim van school of werk.",
		"Dagritme met hulp; eerste stappen naar werk, opleiding of vrijwilligerswerk.",
		"Vaste bezigheden; kinderen gaan naar school.",
		"Werk, opleiding of zinvolle bezigheden die het gezin zelf volhoudt.",
	},
	"huishouding": {
		"Huishouden ligt stil; onhygiënische toestand.",
		"Huishouden loopt achter; boodschappen en schoonmaak lukken nauwelijks.",
		"Basis lukt met hulp en afspraken.",
		"Huishouden loopt, met af en toe een terugval.",
		"Het gezin voert het huishouden zelfstandig.",
	},
	"verzorging": {
		"Ernstige verwaarlozing van lichaam of gezondheid.",
		"Verzorging en gezondheid schieten tekort; geen huisarts of tandarts.",
		"Verzorging op orde met hulp; zorg wordt gezocht.",
		"Goede verzorging; zorg wordt meestal op tijd gezocht.",
		"Gezinsleden zorgen zelf goed voor lichaam en gezondheid.",
	},
	"kinderen": {
		"Kinderen zijn niet veilig of krijgen geen basiszorg.",
		"Opvoeding schiet tekort; ouders hebben geen grip.",
		"Opvoeding lukt met ondersteuning.",
		"Ouders bieden structuur en aandacht, met af en toe hulp.",
		"Kinderen groeien veilig en gezond op; ouders vragen zelf hulp als het nodig is.",
	},
	"relaties": {
		"Geweld of ernstige conflicten in het gezin.",
		"Veel spanning en ruzie; partners of generaties staan tegenover elkaar.",
		"Conflicten worden met hulp besproken.",
		"Relaties zijn redelijk stabiel.",
		"Gezinsleden gaan respectvol met elkaar om en lossen conflicten zelf op.",
	},
	"welzijn": {
		"Ernstige psychische of lichamelijke klachten zonder behandeling.",
		"Veel klachten; behandeling wordt vermeden of afgebroken.",
		"Klachten zijn in beeld; behandeling loopt.",
		"Klachten zijn beheersbaar.",
		"Gezinsleden voelen zich over het algemeen goed.",
	},
	"trauma": {
		"Onverwerkte ervaringen bepalen het dagelijks leven; crisis.",
		"Ingrijpende ervaringen werken sterk door; geen hulp.",
		"Het gezin praat erover en staat open voor hulp.",
		"Ervaringen zijn verwerkt of in behandeling; minder last.",
		"Het gezin kan met zijn verleden leven.",
	},
	"onmacht": {
		"Het gezin geeft het op; niets lijkt nog te helpen.",
		"Gevoel van machteloosheid; het gezin wacht af.",
		"Eerste successen; het gezin gelooft weer iets.",
		"Het gezin pakt problemen zelf aan, met wat steun.",
		"Het gezin vertrouwt op eigen kracht.",
	},
	"justitie": {
		"Lopende strafzaken, detentie of ernstige overlast.",
		"Regelmatig politiecontact of overlast.",
		"Contacten met justitie nemen af; afspraken worden nagekomen.",
		"Af en toe nog een contact; geen nieuwe zaken.",
		"Geen justitiecontacten en geen overlast.",
	},
}

// Describe returns what level s means on domain d, or "".
func (d Domain) Describe(s Score) string {
	ds, ok := ScoreDescriptions[d]
	if !ok || s < 1 || s > 5 {
		return ""
	}
	return ds[s-1]
}
