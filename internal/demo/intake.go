package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/store"
)

// socialMap is the demo's social map; every entry is invented.
var socialMap = []struct {
	key, district string
	in            regie.OrganisationInput
}{
	{"buurtteam-overvecht", "Overvecht", regie.OrganisationInput{Name: "Buurtteam Overvecht (demo)", Kind: "maatschappelijk_werk",
		ContactPerson: "Mirjam Kuipers", Phone: "030 200 10 10", WaitingWeeks: "2", Notes: "Laagdrempelige hulp in de wijk; neemt gezinnen over na de intensieve fase."}},
	{"buurtteam-zuilen", "Zuilen", regie.OrganisationInput{Name: "Buurtteam Zuilen (demo)", Kind: "maatschappelijk_werk",
		ContactPerson: "Dennis Vos", Phone: "030 200 20 20", WaitingWeeks: "3"}},
	{"kredietbank", "", regie.OrganisationInput{Name: "Kredietbank Utrecht (demo)", Kind: "schuldhulp",
		ContactPerson: "Team intake", Phone: "030 200 30 30", WaitingWeeks: "8", Notes: "Budgetbeheer en schuldregeling."}},
	{"politie", "Overvecht", regie.OrganisationInput{Name: "Politie, wijkteam Overvecht (demo)", Kind: "politie",
		ContactPerson: "Wijkagent Ruud Timmer", Phone: "0900 8844"}},
	{"huisarts", "Overvecht", regie.OrganisationInput{Name: "Huisartsenpraktijk De Dreef (demo)", Kind: "huisarts", Phone: "030 200 40 40"}},
	{"jgz", "", regie.OrganisationInput{Name: "Jeugdgezondheidszorg GGD (demo)", Kind: "ggd", ContactPerson: "Jeugdarts S. Brouwer", Phone: "030 200 50 50"}},
	{"woningcorporatie", "", regie.OrganisationInput{Name: "Woonstichting Noord (demo)", Kind: "wonen", ContactPerson: "Afdeling huurachterstand", Phone: "030 200 60 60"}},
	{"veilig-thuis", "", regie.OrganisationInput{Name: "Veilig Thuis regio Utrecht (demo)", Kind: "veilig_thuis", Phone: "0800 2000"}},
	{"opvang", "", regie.OrganisationInput{Name: "Maatschappelijke opvang (demo)", Kind: "wonen", WaitingWeeks: "1", Notes: "Opvang voor dakloze gezinnen."}},
	{"verslavingszorg", "", regie.OrganisationInput{Name: "Verslavingszorg Midden (demo)", Kind: "verslavingszorg", WaitingWeeks: "6"}},
	{"jeugdzorg", "", regie.OrganisationInput{Name: "Jeugdzorg Utrecht (demo)", Kind: "jeugdzorg", WaitingWeeks: "10"}},
}

// referral is a demo referral and what became of it.
type referral struct {
	name, district, referrer string // referrer: e-mail of the referring account, or "" for a phone call noted by staff
	safety                   regie.SafetyLevel
	safetyNotes              string
	introducer               string // key of the introducer's organisation, or ""
	commitment               regie.Commitment
	members                  []member
	signals                  map[regie.Domain]string
	// receivedDaysAgo and decidedDaysAgo place the referral and its
	// decision in time, so the waiting list shows who waits how long.
	receivedDaysAgo, decidedDaysAgo int
	decide                          func(ctx context.Context, st *store.Store, id int64, today regie.Date, ids map[string]int64) error
	// openingDaysAgo: an opening for a family on the priority list
	// (openingKind, openingNote), recorded after the decision.
	openingDaysAgo int
	openingKind    regie.OpeningKind
	openingNote    string
}

func decision(in regie.DecisionInput) func(context.Context, *store.Store, int64, regie.Date, map[string]int64) error {
	return func(ctx context.Context, st *store.Store, id int64, today regie.Date, ids map[string]int64) error {
		_, err := st.DecideIntake(ctx, id, in)
		return err
	}
}

var referrals = []referral{
	{name: "Gezin Demir", district: "Overvecht", referrer: "aanmelder@demo.regie.nl", safety: regie.SafetyAcute,
		safetyNotes: "De kinderen (3 en 6) waren twee dagen alleen thuis; moeder is onvindbaar. School heeft de meldcode gevolgd.",
		introducer:  "school", commitment: "ja", receivedDaysAgo: 1,
		members: []member{{"Selin", "Demir", 31, 0, "ouder", false, ""}, {"Ali", "Demir", 6, 3, "kind", false, ""}, {"Eda", "Demir", 3, 1, "kind", false, ""}},
		signals: map[regie.Domain]string{"kinderen": "Komen vaak zonder eten en te laat op school; zijn twee dagen alleen thuis geweest.",
			"financien": "Moeder vertelt over schulden bij de energieleverancier.", "welzijn": "Moeder oogt uitgeput en somber."}},
	{name: "Gezin Bouali", district: "Overvecht", referrer: "aanmelder@demo.regie.nl", safety: regie.SafetyWorried,
		safetyNotes: "Oudste dochter (14) vertelt over ruzies thuis waarbij geschreeuwd wordt.", introducer: "school", commitment: "ja",
		receivedDaysAgo: 4,
		members: []member{{"Karima", "Bouali", 40, 0, "ouder", false, ""}, {"Mohamed", "Bouali", 44, 0, "ouder", false, ""},
			{"Sara", "Bouali", 14, 2, "kind", false, ""}, {"Younes", "Bouali", 10, 7, "kind", false, ""}},
		signals: map[regie.Domain]string{"kinderen": "Sara verzuimt; Younes is druk en vecht op het plein.", "relaties": "Veel spanning tussen de ouders.",
			"dagbesteding": "Vader is al jaren zonder werk."}},
	{name: "Gezin Vermeulen", district: "Zuilen", safety: regie.SafetyNone, introducer: "politie", commitment: "onbekend", receivedDaysAgo: 6,
		members: []member{{"Patricia", "Vermeulen", 46, 0, "ouder", false, ""}, {"Tim", "Vermeulen", 17, 0, "kind", false, ""}},
		signals: map[regie.Domain]string{"justitie": "Tim is drie keer aangehouden voor winkeldiefstal.", "wonen": "Overlast-meldingen van buren.",
			"netwerk": "Moeder heeft geen contact meer met familie."},
		decide: func(ctx context.Context, st *store.Store, id int64, today regie.Date, _ map[string]int64) error {
			next := today
			for next.Time().Weekday() != 1 {
				next = next.AddDays(1)
			}
			return st.ScheduleReferral(ctx, id, next.ISO())
		}},
	{name: "Gezin Öztürk", district: "Overvecht", referrer: "aanmelder@demo.regie.nl", safety: regie.SafetyNone, commitment: "onbekend",
		receivedDaysAgo: 30, decidedDaysAgo: 24,
		members: []member{{"Hatice", "Öztürk", 38, 0, "ouder", false, ""}, {"Burak", "Öztürk", 12, 0, "kind", false, ""}},
		signals: map[regie.Domain]string{"integratie": "Moeder spreekt weinig Nederlands en komt de deur niet uit.", "kinderen": "Burak is veel alleen."},
		decide: func(ctx context.Context, st *store.Store, id int64, today regie.Date, _ map[string]int64) error {
			_, err := st.DecideIntake(ctx, id, regie.DecisionInput{Outcome: regie.IntakePortfolio, ReviewOn: today.AddDays(21).ISO(),
				Feedback: "Het team wil het gezin graag helpen, maar zoekt eerst iemand die de casemanager kan introduceren. Kent u iemand die het gezin vertrouwt?",
				Notes:    "Navragen bij de huisarts of die wil introduceren."})
			return err
		}},
	{name: "Gezin Dekker", district: "Zuilen", safety: regie.SafetyWorried, safetyNotes: "Vervuilde woning; kinderen slapen op matrassen op de grond.",
		introducer: "woningcorporatie", commitment: "ja", receivedDaysAgo: 52, decidedDaysAgo: 45,
		openingDaysAgo: 2, openingKind: "uithuiszetting", openingNote: "De woningcorporatie heeft een ontruimingsvonnis; over drie weken. Nu is er een ingang.",
		members: []member{{"Sjaak", "Dekker", 49, 0, "ouder", false, ""}, {"Wendy", "Dekker", 44, 0, "ouder", false, ""},
			{"Kevin", "Dekker", 16, 0, "kind", false, ""}, {"Demi", "Dekker", 11, 0, "kind", false, ""}},
		signals: map[regie.Domain]string{"wonen": "Ernstige huurachterstand, vervuilde woning.", "financien": "Deurwaarder; post wordt niet geopend.",
			"huishouding": "Geen structuur, geen boodschappen in huis."},
		decide: func(ctx context.Context, st *store.Store, id int64, today regie.Date, _ map[string]int64) error {
			if _, err := st.DecideIntake(ctx, id, regie.DecisionInput{Outcome: regie.IntakeWaiting, ContactKeeper: "Afdeling huurachterstand, Woonstichting Noord"}); err != nil {
				return err
			}
			return st.PlaceOnPriorityList(ctx, id, "Zeer zorgmijdend: de deur blijft dicht voor iedereen, ook voor de woningcorporatie.")
		}},
	{name: "Gezin Sanchez", district: "Overvecht", referrer: "aanmelder@demo.regie.nl", safety: regie.SafetyNone, introducer: "school", commitment: "ja",
		receivedDaysAgo: 70, decidedDaysAgo: 63,
		members: []member{{"Maria", "Sanchez", 36, 0, "ouder", false, ""}, {"Luis", "Sanchez", 9, 0, "kind", false, ""}},
		signals: map[regie.Domain]string{"financien": "Geen inkomen sinds de scheiding.", "welzijn": "Moeder is vaak ziek."},
		decide:  decision(regie.DecisionInput{Outcome: regie.IntakeWaiting, ContactKeeper: "Linda Meijer, Basisschool De Klimop"})},
	{name: "Gezin Kowalski", district: "Overvecht", referrer: "aanmelder@demo.regie.nl", safety: regie.SafetyWorried, receivedDaysAgo: 3,
		safetyNotes: "Kacper (8) komt regelmatig met blauwe plekken op school.", introducer: "school", commitment: "ja",
		members: []member{{"Agnieszka", "Kowalska", 31, 0, "ouder", false, ""}, {"Kacper", "Kowalski", 8, 4, "kind", false, ""}},
		signals: map[regie.Domain]string{"integratie": "Moeder spreekt geen Nederlands en kent niemand in de wijk.",
			"kinderen": "Kacper verzuimt en heeft blauwe plekken.", "financien": "Geen toeslagen aangevraagd."},
		decide: func(ctx context.Context, st *store.Store, id int64, today regie.Date, ids map[string]int64) error {
			_, err := st.DecideIntake(ctx, id, regie.DecisionInput{Outcome: regie.IntakeAccept, LinkFamilyID: ids["Gezin Kowalski"],
				Feedback: "Het gezin is geaccepteerd. De casemanager neemt contact met u op om de introductie af te spreken."})
			return err
		}},
	{name: "Gezin Baldewsingh", district: "Zuilen", referrer: "aanmelder@demo.regie.nl", safety: regie.SafetyNone, commitment: "nee",
		receivedDaysAgo: 20, decidedDaysAgo: 14,
		members: []member{{"Anita", "Baldewsingh", 33, 0, "ouder", false, ""}, {"Rohan", "Baldewsingh", 5, 0, "kind", false, ""}},
		signals: map[regie.Domain]string{"wonen": "Moeder en zoon slapen afwisselend bij vrienden; geen eigen woning."},
		decide: func(ctx context.Context, st *store.Store, id int64, today regie.Date, ids map[string]int64) error {
			_, err := st.DecideIntake(ctx, id, regie.DecisionInput{Outcome: regie.IntakeDecline, ContraIndications: []regie.ContraIndication{"dakloos"},
				WarmReferralOrgID: ids["opvang"],
				Feedback:          "Het gezin heeft geen eigen woning; dan past actief casemanagement niet. Wij hebben contact gelegd met de maatschappelijke opvang, die het gezin deze week ziet. Lukt dat, dan kunt u het gezin opnieuw aanmelden."})
			return err
		}},
}

// seedReferrals adds the demo referrals, in every state, each received
// and decided on its own day.
func seedReferrals(ctx context.Context, st *store.Store, real regie.Clock, users map[string]*regie.User, district, orgs, famIDs map[string]int64) error {
	today := regie.DateOf(real.Now())
	sim := &simClock{}
	st.Clock = sim
	defer func() { st.Clock = real }()
	// at sets the store's clock to a day in the past, or to now for today.
	at := func(daysAgo, hour int) regie.Date {
		if daysAgo == 0 {
			sim.setTime(real.Now())
		} else {
			sim.set(today.AddDays(-daysAgo), hour, real.Now())
		}
		return regie.DateOf(sim.Now())
	}
	ids := map[string]int64{}
	for k, v := range orgs {
		ids[k] = v
	}
	for k, v := range famIDs {
		ids[k] = v
	}
	lead := actorFor(ctx, users["teamleider@demo.regie.nl"])
	for _, r := range referrals {
		in := regie.ReferralInput{ReferrerPhone: "030 299 00 00", HouseholdName: r.name, City: "Utrecht", DistrictID: district[r.district],
			DutchProficiency: "redelijk", ProblemDuration: "lang", Commitment: r.commitment, Safety: r.safety, SafetyNotes: r.safetyNotes,
			Signals: r.signals, HelpTried: "Eerder aangeboden hulp is niet aangenomen."}
		if r.introducer != "" {
			in.IntroducerOrgID, in.IntroducerName, in.IntroducerFunction = orgs[r.introducer], "Contactpersoon van de introducer", "introducer"
		}
		for _, m := range r.members {
			in.Members = append(in.Members, regie.MemberInput{GivenName: m.given, FamilyName: m.family, Relation: m.relation,
				BirthDate: today.AddMonths(-(m.age*12 + m.months)).AddDays(-7).ISO()})
		}
		as := lead
		if r.referrer != "" {
			as = actorFor(ctx, users[r.referrer])
			in.ReferrerFunction = "schoolmaatschappelijk werker"
		} else {
			in.ReferrerOrgID, in.ReferrerName, in.ReceivedVia, in.ReferrerFunction = orgs["politie"], "Ruud Timmer", "telefoon", "wijkagent"
		}
		at(r.receivedDaysAgo, 10)
		ref, err := st.CreateReferral(as, in)
		if err != nil {
			return fmt.Errorf("demo referral %s: %w", r.name, err)
		}
		if r.decide != nil {
			if err := r.decide(lead, st, ref.ID, at(r.decidedDaysAgo, 14), ids); err != nil {
				return fmt.Errorf("demo decision %s: %w", r.name, err)
			}
		}
		if r.openingKind != "" {
			at(r.openingDaysAgo, 11)
			if err := st.RecordOpening(lead, ref.ID, r.openingKind, r.openingNote); err != nil {
				return fmt.Errorf("demo opening %s: %w", r.name, err)
			}
		}
	}
	return nil
}
