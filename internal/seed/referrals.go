package seed

import (
	"math/rand/v2"
	"time"

	"regie"
)

// referralSources are the referring organisations, by kind, with how
// often each kind refers (schools, the neighbourhood teams and the police
// most).
var referralSources = []struct {
	kind   regie.OrgKind
	name   string
	weight int
}{
	{"school", "Samenwerkingsverband Passend Onderwijs", 22},
	{"maatschappelijk_werk", "Buurtteam Sociaal", 20},
	{"politie", "Politie Basisteam", 12},
	{"huisarts", "Huisartsenpraktijk De Linde", 8},
	{"ggd", "GGD Jeugdgezondheidszorg", 8},
	{"veilig_thuis", "Veilig Thuis regio", 8},
	{"wonen", "Woningcorporatie Stadswonen", 7},
	{"schuldhulp", "Kredietbank Stad", 6},
	{"jeugdzorg", "Jeugdbescherming regio", 5},
	{"ggz", "GGZ Centraal", 4},
}

// referrals makes the intake: for every family the referral it came from,
// received one to six weeks before its file began and accepted on that day
// (the decision made the family); and the referrals that did not become a
// family — about one in five declined (most for a contra-indication), some
// on the waiting list or in portfolio now. On a random source of its own,
// so the other steps draw what they drew before.
func (g *gen) referrals() error {
	saved := g.r
	g.r = rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x696e74616b65)) //nolint:gosec // synthetic data, reproducible
	defer func() { g.r = saved }()

	orgs := g.insert("organisations", []string{"id", "name", "own", "created_at", "kind"})
	refs := g.insert("referrals", []string{"id", "team_id", "status", "referrer_org_id", "referrer_name", "entered_by", "received_via",
		"household_name", "district_id", "dutch_proficiency", "problem_duration", "commitment", "safety", "family_id", "created_at"}, orgs)
	decisions := g.insert("intake_decisions", []string{"id", "referral_id", "outcome", "decided_by", "decided_at", "contact_keeper",
		"contra_indications", "feedback", "family_id"}, refs)
	ids := make([]int64, len(referralSources))
	weights := make([]int, len(referralSources))
	for i, s := range referralSources {
		var err error
		if ids[i], err = g.id("organisations"); err != nil {
			return err
		}
		weights[i] = s.weight
		if err := orgs.row(ids[i], s.name+" (synthetisch)", false, ts(g.now.AddDate(-5, 0, 0)), string(s.kind)); err != nil {
			return err
		}
	}
	via := []string{"portaal", "portaal", "telefoon", "mail", "overleg"}
	durations := []string{"kort", "jaren", "lang", "lang", "generaties", "onbekend"}
	contra := []string{"een_probleem", "psychiatrie", "dakloos", "gemotiveerd"}
	referral := func(t *team, district int64, household string, received time.Time, status regie.ReferralStatus, familyID int64) (int64, error) {
		id, err := g.id("referrals")
		if err != nil {
			return 0, err
		}
		src := g.weighted(weights)
		fam := any(nil)
		if familyID != 0 {
			fam = familyID
		}
		return id, refs.row(id, t.id, string(status), ids[src], "Contactpersoon "+itoa(g.between(1, 400)), t.leader.id, pick(g, via),
			household, district, "redelijk", pick(g, durations), "ja", string(regie.SafetyNone), fam, ts(received))
	}
	decide := func(refID int64, t *team, outcome regie.IntakeOutcome, at time.Time, contraInd string, familyID int64) error {
		id, err := g.id("intake_decisions")
		if err != nil {
			return err
		}
		keeper, feedback := "", ""
		switch outcome {
		case regie.IntakeWaiting, regie.IntakePortfolio:
			keeper = "De aanmelder"
		case regie.IntakeDecline:
			feedback = "Het gezin past niet bij actief casemanagement; wij denken mee over andere hulp."
		}
		fam := any(nil)
		if familyID != 0 {
			fam = familyID
		}
		return decisions.row(id, refID, string(outcome), t.leader.id, ts(at), keeper, contraInd, feedback, fam)
	}
	p := g.progress("aanmeldingen", len(g.fams))
	for _, f := range g.fams {
		received := g.workday(regie.DateOf(f.created).AddDays(-g.between(7, 42)))
		id, err := referral(f.team, f.district, "Gezin "+f.members[0].surname, received, regie.ReferralAccepted, f.id)
		if err != nil {
			return err
		}
		if err := decide(id, f.team, regie.IntakeAccept, f.created.Add(-time.Minute), "", f.id); err != nil {
			return err
		}
		// About one referral in five that did not become a family.
		if !g.chance(0.25) {
			p.add(1)
			continue
		}
		day := regie.DateOf(f.created).AddDays(g.between(-60, 60))
		if day.After(g.today) {
			day = g.today.AddDays(-g.between(1, 30))
		}
		at := g.workday(day)
		decided := at.Add(time.Duration(g.between(5, 30)) * 24 * time.Hour)
		status, outcome, ci := regie.ReferralDeclined, regie.IntakeDecline, ""
		switch x := g.r.Float64(); {
		case decided.After(g.now):
			status = regie.ReferralReceived
		case x < 0.55:
			ci = pick(g, contra)
		case x < 0.75:
			// Declined for another reason.
		case x < 0.9:
			status, outcome = regie.ReferralWaiting, regie.IntakeWaiting
		default:
			status, outcome = regie.ReferralPortfolio, regie.IntakePortfolio
		}
		id, err = referral(f.team, f.district, "Gezin "+pick(g, f.members).surname, at, status, 0)
		if err != nil {
			return err
		}
		if status != regie.ReferralReceived {
			if err := decide(id, f.team, outcome, decided, ci, 0); err != nil {
				return err
			}
		}
		p.add(1)
	}
	p.done()
	return nil
}

// contactMonths sums the contacts per family, month, phase and author
// into contact_months (migration 000021), as the store keeps them with
// every contact it saves.
func (g *gen) contactMonths() error {
	month := "substr(contact_date, 1, 8) || '01'"
	if g.pg {
		month = "date_trunc('month', contact_date)::date"
	}
	if _, err := g.tx.ExecContext(g.ctx, `DELETE FROM contact_months`); err != nil {
		return err
	}
	_, err := g.tx.ExecContext(g.ctx, `INSERT INTO contact_months (family_id, month, phase, user_id, minutes, contacts, no_answer, refused)
		SELECT family_id, `+month+`, phase, user_id, SUM(minutes), COUNT(*),
			SUM(CASE WHEN attempt = 'geen_gehoor' THEN 1 ELSE 0 END), SUM(CASE WHEN attempt = 'afgewezen' THEN 1 ELSE 0 END)
		FROM contacts GROUP BY 1, 2, 3, 4`)
	return err
}
