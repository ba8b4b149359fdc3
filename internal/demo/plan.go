package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/store"
)

// The demo families' plans, consents and trajectories, made on the days
// their history reaches them: the consent and the first plan in phase 2
// (agreed just before phase 3), an interim evaluation in phase 3, a new
// version at the final evaluation, and trajectories with the agencies of
// the social map.

// planScript is what a family's first plan says.
type planScript struct {
	history, strengths, obstacles, problems, situation, closing string
	scores                                                      map[regie.Domain]regie.Score
	situations                                                  map[regie.Domain]string
	goals                                                       []goalScript
	agreements                                                  []agreementScript
	trajectories                                                []trajectoryScript
	consent                                                     []partyScript
}

type goalScript struct {
	term   regie.GoalTerm
	domain regie.Domain
	member string // a given name, or "" for the family
	text   string
}

// agreementScript: owner is "m:<given name>", "cm" or "o:<social map key>".
type agreementScript struct {
	owner   string
	domain  regie.Domain // what a partner's consent covers it by
	what    string
	dueDays int // after the plan was agreed
}

type trajectoryScript struct {
	org, member  string
	domain       regie.Domain
	intervention string
	// waitFrom and startFrom are days after the family's start (0: not);
	// endFrom ends it, broken (with a reason) or finished.
	waitFrom, startFrom, endFrom int
	reason                       string
}

type partyScript struct {
	org, purpose string
	kinds        []regie.InfoKind
}

// plans holds the handwritten plans; other families get planFor's.
var plans = map[string]planScript{
	"Gezin Jansen": {
		history: "Sinds vader in 2023 zijn vaste baan verloor, lopen de rekeningen op. Post bleef ongeopend liggen; " +
			"de woningcorporatie dreigde met ontruiming. Dylan spijbelt sinds de tweede klas.",
		strengths: "Moeder houdt het gezin bij elkaar en wil dat het anders wordt. Oma past op Lotte. Vader is handig en werkt graag.",
		obstacles: "Schaamte over de schulden; eerdere hulpverleners 'kwamen alleen praten'. Vader wantrouwt instanties.",
		problems:  "Schulden bij zeven schuldeisers, huurachterstand van drie maanden, Dylan verzuimt, veel ruzie thuis.",
		situation: "De huurachterstand is bevroren met een afspraak; de post is op orde. Dylan gaat weer drie dagen per week naar school.",
		closing:   "Een vast aanspreekpunt bij de Kredietbank, en een mentor op school die Dylan kent.",
		scores: map[regie.Domain]regie.Score{"financien": 1, "wonen": 2, "kinderen": 2, "relaties": 3, "netwerk": 3,
			"dagbesteding": 2, "huishouding": 3, "welzijn": 3},
		situations: map[regie.Domain]string{
			"financien": "Schulden rond € 14.000 bij zeven schuldeisers; geen overzicht.",
			"wonen":     "Huurachterstand van drie maanden; betalingsregeling in de maak.",
			"kinderen":  "Dylan verzuimt; Kevin en Lotte gaan goed naar school.",
		},
		goals: []goalScript{
			{"kort", "financien", "", "We willen weten hoeveel schuld we precies hebben."},
			{"kort", "wonen", "", "We willen in ons huis blijven wonen."},
			{"lang", "kinderen", "Dylan", "Ik wil mijn diploma halen en daarna de bouw in, net als papa."},
			{"lang", "relaties", "", "Minder ruzie thuis, vooral 's avonds."},
			{"kort", "welzijn", "Rob", "Ik wil weer kunnen slapen en minder piekeren."},
		},
		agreements: []agreementScript{
			{"m:Sandra", "financien", "Alle post in de map bewaren en elke week samen met de casemanager openmaken.", 14},
			{"cm", "financien", "Aanmelden bij de Kredietbank en meegaan naar het intakegesprek.", 10},
			{"o:woningcorporatie", "wonen", "Betalingsregeling voor de huurachterstand voorstellen.", 21},
			{"m:Dylan", "kinderen", "Elke maandag naar het gesprek met de mentor.", 28},
			{"m:Rob", "dagbesteding", "Bij het uitzendbureau inschrijven.", 30},
			{"p:Oma Thea", "kinderen", "Haalt Lotte op woensdag uit school en past op.", 14},
			// Last: the one agreement kept open and running late, which the
			// GGZ's user sees under the consent for welzijn.
			{"o:ggz", "welzijn", "Intakegesprek met Rob over slapen en piekeren.", 21},
		},
		trajectories: []trajectoryScript{
			{org: "kredietbank", domain: "financien", intervention: "Schuldhulpverlening en budgetbeheer", waitFrom: 40, startFrom: 95},
			{org: "woningcorporatie", domain: "wonen", intervention: "Betalingsregeling huurachterstand", startFrom: 60},
			{org: "jgz", member: "Dylan", domain: "kinderen", intervention: "Gesprekken over verzuim", startFrom: 70, endFrom: 150},
			{org: "jeugdzorg", member: "Dylan", domain: "kinderen", intervention: "Ambulante jeugdhulp", waitFrom: 120},
		},
		consent: []partyScript{
			{"kredietbank", "Schuldhulpverlening: aanmelding en afstemming over de schuldregeling",
				[]regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.DomainKind("financien")}},
			{"school", "Afstemming over de schoolgang van Dylan en Kevin",
				[]regie.InfoKind{regie.InfoMembers, regie.InfoPlan, regie.DomainKind("kinderen")}},
			{"ggz", "Afstemming over de behandeling van vader",
				[]regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.InfoPlan, regie.DomainKind("welzijn")}},
		},
	},
}

// planFor returns a family's plan: its own, or a plain one written from
// its members.
func planFor(f family) planScript {
	if p, ok := plans[f.name]; ok {
		p.scores = withRisks(f, p.scores)
		return p
	}
	parent, child := f.members[0].given, ""
	for _, m := range f.members {
		if m.relation == "kind" && child == "" {
			child = m.given
		}
	}
	p := planScript{
		history:   "Problemen op meerdere leefgebieden tegelijk; eerdere hulp sloot niet aan. " + f.notes,
		strengths: parent + " wil dat het beter gaat met de kinderen en doet mee aan de afspraken.",
		obstacles: "Veel instanties tegelijk en weinig overzicht; wantrouwen door eerdere ervaringen.",
		problems:  "Geldzorgen, een rommelige dagindeling en zorgen over de kinderen.",
		situation: "De post is geordend en er is een vast weekritme met de casemanager.",
		closing:   "Vaste hulp in de wijk die het gezin kent, en een netwerk dat helpt als het tegenzit.",
		scores:    map[regie.Domain]regie.Score{"financien": 2, "dagbesteding": 2, "kinderen": 3, "netwerk": 2, "welzijn": 3},
		goals: []goalScript{
			{"kort", "financien", "", "Weten welke rekeningen er zijn en ze op tijd betalen."},
			{"lang", "netwerk", "", "Mensen om ons heen die we kunnen bellen als het niet gaat."},
		},
		agreements: []agreementScript{
			{"m:" + parent, "financien", "Elke week samen de post doornemen.", 14},
			{"cm", "netwerk", "Aanmelden bij het buurtteam voor de nazorg.", 21},
		},
		trajectories: []trajectoryScript{
			{org: "kredietbank", domain: "financien", intervention: "Budgetbeheer", waitFrom: 30, startFrom: 80},
			{org: "buurtteam-overvecht", domain: "netwerk", intervention: "Maatschappelijk werk", startFrom: 50},
		},
		consent: []partyScript{
			{"kredietbank", "Budgetbeheer", []regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.DomainKind("financien")}},
			// A handover: the whole plan, on every life domain it scores.
			{"buurtteam-overvecht", "Overdracht na de intensieve fase", []regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.InfoPlan,
				regie.InfoPlanGeneral, regie.DomainKind("financien"), regie.DomainKind("dagbesteding"), regie.DomainKind("kinderen"),
				regie.DomainKind("netwerk"), regie.DomainKind("welzijn")}},
		},
	}
	if f.district == "Zuilen" {
		p.trajectories[1].org, p.consent[1].org = "buurtteam-zuilen", "buurtteam-zuilen"
	}
	if child != "" {
		p.goals = append(p.goals, goalScript{"kort", "kinderen", child, "Ik wil elke dag op tijd op school zijn."})
		p.agreements = append(p.agreements, agreementScript{"o:jgz", "kinderen", "Gesprek met " + child + " over school en gezondheid.", 35})
	}
	p.scores = withRisks(f, p.scores)
	return p
}

// world is what the demo's plan work needs besides the family.
type world struct {
	st   *store.Store
	lead context.Context // the team leader
	orgs map[string]int64
	// trajectories saved so far, by family and script index; updates of
	// agreements to come, by family.
	saved   map[string]int64
	updates map[int64][]statusUpdate
	// persons are the families' informal networks: by family, the ids by
	// name (network.go).
	persons map[int64]map[string]int64
	// youths are the members of the youth tracks, by family
	// (youth_track.go).
	youths map[int64]int64
}

// memberIDs maps a family's current members' given names to their ids.
func memberIDs(ctx context.Context, st *store.Store, id int64) (map[string]int64, *regie.Family, error) {
	fam, err := st.FindFamilyByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	ids := map[string]int64{}
	for _, m := range fam.CurrentMembers() {
		ids[m.GivenName] = m.ID
	}
	return ids, fam, nil
}

// consentAndPlan is the work of phase 2, done on the day before the
// family goes on to phase 3: the consent signed, the plan written,
// discussed by the team and agreed with the family.
func (w *world) consentAndPlan(cm context.Context, f family, id int64, d regie.Date, userID int64) error {
	p := planFor(f)
	members, fam, err := memberIDs(cm, w.st, id)
	if err != nil {
		return err
	}
	var signers []int64
	for _, m := range fam.CurrentMembers() {
		if m.Relation == "ouder" || m.Relation == "verzorger" || m.AgeOn(d) >= 12 {
			signers = append(signers, m.ID)
		}
	}
	if err := w.network(cm, f, id); err != nil {
		return err
	}
	consent := p.consent
	if ggzNetwork[f.name] {
		consent = append(consent, ggzNetworkParty())
	}
	var parties []regie.ConsentParty
	for _, ps := range consent {
		parties = append(parties, regie.ConsentParty{OrgID: w.orgs[ps.org], Purpose: ps.purpose, Kinds: ps.kinds})
	}
	if _, err := w.st.CreateConsent(cm, id, regie.ConsentInput{SignedOn: d.AddDays(-5).ISO(), Signers: signers, Parties: parties,
		Document: &regie.Upload{Name: "toestemmingsverklaring-getekend.pdf", Content: demoScan(f.name)}}); err != nil {
		return fmt.Errorf("consent: %w", err)
	}
	if err := w.st.AddScoreMoment(cm, id, "start", d.AddDays(-20).ISO(), startScores(p.scores)); err != nil {
		return fmt.Errorf("start scores: %w", err)
	}
	v, err := w.st.StartPlanVersion(cm, id, "eerste")
	if err != nil {
		return err
	}
	in := p.input(members, w.persons[id], userID, w.orgs, d)
	in.Revision = v.Revision
	if err := w.st.SavePlanDraft(cm, id, 1, in); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	if err := w.st.MarkPlanDiscussed(w.lead, id, 1); err != nil {
		return fmt.Errorf("plan discussed: %w", err)
	}
	if err := w.st.AgreePlan(cm, id, 1, regie.PlanAgreement{On: d.ISO(), With: f.members[0].given + " " + f.members[0].family}); err != nil {
		return err
	}
	if err := w.balanceStart(cm, f, id, d); err != nil {
		return err
	}
	_, handwritten := plans[f.name]
	return w.schedule(cm, id, handwritten)
}

// draftPlan is a plan still being written, for a family in phase 2.
func (w *world) draftPlan(cm context.Context, f family, id int64, d regie.Date, userID int64) error {
	p := planFor(f)
	members, _, err := memberIDs(cm, w.st, id)
	if err != nil {
		return err
	}
	if err := w.network(cm, f, id); err != nil {
		return err
	}
	v, err := w.st.StartPlanVersion(cm, id, "eerste")
	if err != nil {
		return err
	}
	in := p.input(members, w.persons[id], userID, w.orgs, d)
	in.Agreements, in.ClosingQuestion, in.Revision = in.Agreements[:1], "", v.Revision
	return w.st.SavePlanDraft(cm, id, 1, in)
}

// evaluation is the final evaluation (evaluation.go) and the new version
// made from it, with better scores, agreed.
func (w *world) evaluation(cm context.Context, f family, id int64, d regie.Date, userID int64) error {
	p := planFor(f)
	members, _, err := memberIDs(cm, w.st, id)
	if err != nil {
		return err
	}
	e, err := w.finalEvaluation(cm, f, id, d)
	if err != nil {
		return err
	}
	v, err := w.st.StartPlanFromEvaluation(cm, id, e.ID)
	if err != nil {
		return err
	}
	in := p.input(members, w.persons[id], userID, w.orgs, d)
	in.Revision = v.Revision
	for i := range in.Goals {
		in.Goals[i].Key = v.Goals[i].Key
	}
	for dm, a := range in.Domains {
		a.Score = finalScore(f, dm, a.Score)
		in.Domains[dm] = a
	}
	in.Situation = "Het gezin heeft overzicht: de schulden zijn geregeld, de kinderen gaan naar school. De zorg gaat over naar de wijk."
	in.Agreements = []regie.AgreementInput{
		{Owner: fmt.Sprintf("c:%d", userID), Domain: "netwerk", What: "Netwerkoverleg plannen met buurtteam, school en schuldhulp.",
			Due: d.AddDays(30).ISO()},
		{Owner: fmt.Sprintf("m:%d", members[f.members[0].given]), Domain: "financien", What: "Zelf de rekeningen betalen, met de map.",
			Due: d.AddDays(60).ISO()},
	}
	if err := w.st.SavePlanDraft(cm, id, v.Number, in); err != nil {
		return err
	}
	// The plan's order: the team discusses the evaluation's version before
	// the family signs it.
	if err := w.st.MarkPlanDiscussed(w.lead, id, v.Number); err != nil {
		return fmt.Errorf("evaluation discussed: %w", err)
	}
	if err := w.st.AgreePlan(cm, id, v.Number, regie.PlanAgreement{On: d.ISO(), With: f.members[0].given + " " + f.members[0].family}); err != nil {
		return err
	}
	return w.schedule(cm, id, false)
}

// statusUpdate is a later day on which an agreement's progress is noted.
type statusUpdate struct {
	on     regie.Date
	key    string
	status regie.AgreementStatus
}

// schedule notes the agreed plan's agreements as done the day before
// their date — but for one, when keepOneOpen, that runs late (a signal).
func (w *world) schedule(cm context.Context, id int64, keepOneOpen bool) error {
	o, err := w.st.FindPlan(cm, id)
	if err != nil {
		return err
	}
	as := o.Agreed.Agreements
	for i, a := range as {
		if keepOneOpen && i == len(as)-1 {
			w.updates[id] = append(w.updates[id], statusUpdate{a.Due.AddDays(-7), a.Key, regie.AgreementRunning})
			continue
		}
		w.updates[id] = append(w.updates[id], statusUpdate{a.Due.AddDays(-1), a.Key, regie.AgreementDone})
	}
	return nil
}

// progress notes the agreements' progress due on day d.
func (w *world) progress(cm context.Context, id int64, d regie.Date) error {
	for _, u := range w.updates[id] {
		if u.on == d {
			if err := w.st.SetAgreementStatus(cm, id, u.key, u.status); err != nil {
				return err
			}
		}
	}
	return nil
}

// trajectories records what happened with the agencies up to day.
func (w *world) trajectories(cm context.Context, f family, id int64, day int, start regie.Date) error {
	for i, t := range planFor(f).trajectories {
		key := fmt.Sprintf("%s/%d", f.name, i)
		var status regie.TrajectoryStatus
		switch day {
		case t.waitFrom:
			status = regie.TrajectoryWaiting
		case t.startFrom:
			status = regie.TrajectoryRunning
		case t.endFrom:
			status = regie.TrajectoryFinished
			if t.reason != "" {
				status = regie.TrajectoryBroken
			}
		}
		if status == "" || day == 0 {
			continue
		}
		members, _, err := memberIDs(cm, w.st, id)
		if err != nil {
			return err
		}
		in := regie.TrajectoryInput{MemberID: members[t.member], Domain: t.domain, OrgID: w.orgs[t.org], Intervention: t.intervention,
			Status: status, Reason: t.reason, ContactPerson: ""}
		if t.waitFrom > 0 && day >= t.waitFrom {
			in.WaitingSince = start.AddDays(t.waitFrom).ISO()
		}
		if t.startFrom > 0 && day >= t.startFrom {
			in.StartedOn = start.AddDays(t.startFrom).ISO()
		}
		if t.endFrom > 0 && day >= t.endFrom {
			in.EndedOn = start.AddDays(t.endFrom).ISO()
		}
		tr, err := w.st.SaveTrajectory(cm, id, w.saved[key], in)
		if err != nil {
			return fmt.Errorf("trajectory %s: %w", t.intervention, err)
		}
		w.saved[key] = tr.ID
	}
	return nil
}

// input is the plan as the form would send it.
func (p planScript) input(members, persons map[string]int64, userID int64, orgs map[string]int64, agreed regie.Date) regie.PlanInput {
	in := regie.PlanInput{History: p.history, Strengths: p.strengths, Obstacles: p.obstacles, Problems: p.problems,
		Situation: p.situation, ClosingQuestion: p.closing, Domains: map[regie.Domain]*regie.DomainAssessment{}}
	for d, s := range p.scores {
		in.Domains[d] = &regie.DomainAssessment{Score: s, Situation: p.situations[d], MemberScores: map[int64]regie.Score{}}
	}
	for _, g := range p.goals {
		in.Goals = append(in.Goals, regie.GoalInput{Term: g.term, Domain: g.domain, MemberID: members[g.member], Text: g.text})
	}
	for _, a := range p.agreements {
		owner := fmt.Sprintf("c:%d", userID)
		switch {
		case len(a.owner) > 2 && a.owner[:2] == "m:":
			owner = fmt.Sprintf("m:%d", members[a.owner[2:]])
		case len(a.owner) > 2 && a.owner[:2] == "o:":
			owner = fmt.Sprintf("o:%d", orgs[a.owner[2:]])
		case len(a.owner) > 2 && a.owner[:2] == "p:":
			owner = fmt.Sprintf("p:%d", persons[a.owner[2:]])
		}
		in.Agreements = append(in.Agreements, regie.AgreementInput{Owner: owner, Domain: a.domain, What: a.what,
			Due: agreed.AddDays(a.dueDays).ISO()})
	}
	return in
}

// startScores are the scores at the start: a little lower than the plan's.
func startScores(plan map[regie.Domain]regie.Score) map[regie.Domain]regie.Score {
	s := map[regie.Domain]regie.Score{}
	for d, v := range plan {
		s[d] = max(v-1, 1)
	}
	return s
}

// demoScan is a tiny, valid PDF standing in for the signed paper.
func demoScan(name string) []byte {
	text := "Toestemmingsverklaring " + name + " (demo: getekend exemplaar)"
	stream := fmt.Sprintf("BT /F1 14 Tf 60 760 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	out := "%PDF-1.4\n"
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = len(out)
		out += fmt.Sprintf("%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := len(out)
	out += fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		out += fmt.Sprintf("%010d 00000 n \n", off)
	}
	out += fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(out)
}
