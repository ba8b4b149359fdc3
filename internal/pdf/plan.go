package pdf

import (
	"fmt"
	"strings"
	"time"

	"regie"
	"regie/internal/drawing"
)

// Figure is an instrument's drawing for an appendix of the plan (the
// genogram), with the same content as text below it.
type Figure struct {
	Title   string
	Drawing *drawing.Drawing
	Lines   []string
}

// Plan typesets a version of the plan: all its sections, the domains with
// their scores, the goals, who does what when, the closing question and
// the signatures. A version that is not agreed yet says so on top. The
// figures (the genogram, when the family has one) follow as appendices,
// each on a page of its own.
func Plan(v *regie.PlanVersion, fam *regie.Family, now time.Time, figures ...Figure) ([]byte, error) {
	status := "Concept — nog niet vastgesteld"
	if v.Frozen() {
		status = fmt.Sprintf("Vastgesteld op %s met %s", v.AgreedOn.Dutch(), v.AgreedWith)
	}
	d := newDoc("Hulpverleningsplan", fam.HouseholdName,
		fmt.Sprintf("Vertrouwelijk · %s · %s · versie %d · afgedrukt %s", fam.HouseholdName, fam.DossierNumber(), v.Number,
			regie.FormatDateTime(now)), now)
	facts := [][2]string{
		{"Gezin", fam.HouseholdName},
		{"Dossier", fam.DossierNumber()},
		{"Versie", fmt.Sprintf("%d (%s)", v.Number, v.Origin.Label())},
		{"Stand", status},
	}
	if c := coordinatorName(fam); c != "" {
		facts = append(facts, [2]string{"Casemanager", c})
		if p := coordinatorPhone(fam); p != "" {
			facts = append(facts, [2]string{"Telefoon casemanager", p})
		}
	}
	if v.DiscussedBy != "" {
		on := regie.FormatDateTime(v.DiscussedAt)
		if !v.MeetingDate.IsZero() {
			on = v.MeetingDate.Dutch()
		}
		facts = append(facts, [2]string{"Teamoverleg", "Besproken op " + on})
	}
	var members []string
	for _, m := range fam.CurrentMembers() {
		members = append(members, fmt.Sprintf("%s (%s, %d)", m.Name(), m.Relation.Label(), m.AgeOn(regie.DateOf(now))))
	}
	if len(members) > 0 {
		facts = append(facts, [2]string{"Gezinsleden", strings.Join(members, ", ")})
	}
	d.title("Hulpverleningsplan", "1 gezin, 1 plan, 1 regisseur", facts)

	d.heading("1. Het gezin en zijn situatie")
	d.labelled("Hoe de situatie is ontstaan", v.History)
	d.labelled("Krachten", v.Strengths)
	d.labelled("Belemmeringen", v.Obstacles)
	d.labelled("Problemen", v.Problems)
	d.labelled("Huidige situatie", v.Situation)
	if v.History == "" && v.Strengths == "" && v.Obstacles == "" && v.Problems == "" && v.Situation == "" {
		d.para("")
	}

	d.heading("2. Leefgebieden en zelfredzaamheid")
	d.SetFont(family, "", 8.5)
	d.MultiCell(d.width, 4.2, "Schaal: 1 acute problematiek · 2 niet zelfredzaam · 3 beperkt zelfredzaam · 4 voldoende zelfredzaam · "+
		"5 volledig zelfredzaam.", "", "L", false)
	d.Ln(2)
	if len(v.Domains) == 0 {
		d.para("")
	}
	var rows [][]string
	for _, a := range v.Domains {
		score := "—"
		if a.Score != 0 {
			score = fmt.Sprintf("%d %s\n%s", a.Score, a.Score.Label(), a.Domain.Describe(a.Score))
		}
		for m, s := range a.MemberScores {
			if mem := fam.Member(m); mem != nil {
				score += fmt.Sprintf("\n%s: %d %s", mem.GivenName, s, s.Label())
			}
		}
		text := ""
		for _, p := range [][2]string{{"Situatie", a.Situation}, {"Krachten", a.Strengths}, {"Belemmeringen", a.Obstacles}} {
			if p[1] != "" {
				if text != "" {
					text += "\n"
				}
				text += p[0] + ": " + p[1]
			}
		}
		rows = append(rows, []string{a.Domain.Label(), score, text})
	}
	if len(rows) > 0 {
		d.table([]float64{36, 52, d.width - 88}, []string{"Leefgebied", "Score", "Situatie, krachten, belemmeringen"}, rows)
	}

	d.heading("3. Doelen, in de woorden van het gezin")
	if len(v.Goals) == 0 {
		d.para("")
	}
	rows = nil
	for i, g := range v.Goals {
		who := "het hele gezin"
		if g.Member != "" {
			who = g.Member
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), "“" + g.Text + "”", g.Domain.Label(), who, g.Term.Label()})
	}
	if len(rows) > 0 {
		d.table([]float64{8, d.width - 104, 38, 30, 28}, []string{"", "Doel", "Leefgebied", "Voor wie", "Termijn"}, rows)
	}

	d.heading("4. Wie doet wat, wanneer")
	if len(v.Agreements) == 0 {
		d.para("")
	}
	rows = nil
	for _, a := range v.Agreements {
		rows = append(rows, []string{a.Owner, a.What, a.Due.Dutch()})
	}
	if len(rows) > 0 {
		d.table([]float64{45, d.width - 80, 35}, []string{"Wie", "Wat", "Uiterlijk"}, rows)
	}

	d.heading("5. Wat heeft het gezin nodig om op eigen kracht verder te gaan?")
	d.para(v.ClosingQuestion)

	youthTracks(d, v.Youth)

	d.needs(75) // the signatures stay with their heading
	d.heading("Ondertekening")
	d.SetFont(family, "", 9.5)
	d.MultiCell(d.width, 4.8, "Met onze handtekening zeggen wij dat dit ons plan is: we hebben het samen opgesteld en we werken eraan "+
		"samen met de casemanager. We kunnen het plan altijd samen aanpassen; dan komt er een nieuwe versie.", "", "L", false)
	var names []string
	for _, m := range fam.CurrentMembers() {
		if m.AgeOn(regie.DateOf(now)) >= 12 {
			names = append(names, m.Name()+" — datum:")
		}
	}
	c := coordinatorName(fam)
	if c == "" {
		c = "Casemanager"
	}
	names = append(names, c+" (casemanager) — datum:")
	d.signatures(names)
	for _, f := range figures {
		d.AddPage()
		d.heading("Bijlage: " + f.Title)
		d.drawing(f.Drawing)
		for _, l := range f.Lines {
			d.para(l)
		}
	}
	return d.bytes()
}

// youthTracks writes the youths' own tracks: the shared part always
// (that the track runs, with whom, since when, the agreements that
// concern the family); what a youth told in confidence — the goals per
// life domain in the youth's words, the other agreements, the final
// evaluation, the contacts' notes — only when the youth's own consent
// shares it with the parents' side (YouthInPlan.Shared); otherwise that
// it is confidential, and nothing of it.
func youthTracks(d *doc, ys []*regie.YouthInPlan) {
	if len(ys) == 0 {
		return
	}
	d.heading("6. Jeugdtrajecten")
	for _, y := range ys {
		if !y.Shared {
			d.subheading("Jeugdtraject van " + y.Name + ": vertrouwelijk")
		} else {
			d.subheading("Jeugdtraject van " + y.Name)
		}
		youthShared(d, y)
		if !y.Shared {
			d.labelled("Wat de jongere in vertrouwen vertelde: vertrouwelijk",
				"Wat "+y.Name+" in vertrouwen met de jeugdhulpverlener bespreekt, staat niet in dit plan. "+
					"Dat deelt regie alleen met toestemming van de jongere zelf (van 12 tot 16 jaar samen met een ouder).")
			continue
		}
		d.SetFont(family, "", 8.5)
		d.MultiCell(d.width, 4.2, "Wat de jongere in vertrouwen vertelde, gedeeld met toestemming van de jongere.", "", "L", false)
		d.Ln(1)
		youthConfidential(d, y)
	}
}

// youthShared writes the shared part of a youth's track.
func youthShared(d *doc, y *regie.YouthInPlan) {
	t := y.Track
	if t == nil {
		return
	}
	var facts []string
	if t.WorkerName != "" {
		facts = append(facts, "Jeugdhulpverlener: "+t.WorkerName)
	}
	switch {
	case t.ID == 0:
		facts = append(facts, "Het traject is nog niet gestart.")
	case t.Running():
		facts = append(facts, "Het traject loopt sinds "+t.StartedOn.Dutch()+".")
	default:
		facts = append(facts, "Het traject liep van "+t.StartedOn.Dutch()+" tot "+t.ClosedOn.Dutch()+".")
	}
	d.para(strings.Join(facts, " — "))
	agreements(d, "Afspraken die het gezin betreffen", t.FamilyAgreements)
}

// youthConfidential writes what a youth told in confidence, under the
// youth's consent.
func youthConfidential(d *doc, y *regie.YouthInPlan) {
	if t := y.Track; t != nil && t.Confidential {
		if len(t.Goals) > 0 {
			d.label("Doelen per leefgebied, in de woorden van de jongere")
			for _, g := range t.Goals {
				text := "“" + g.Words + "”"
				if g.Steps != "" {
					text += "\nStappen: " + g.Steps
				}
				d.labelled(g.Domain.Label(), text)
			}
		}
		agreements(d, "Afspraken van de jongere met de jeugdhulpverlener", t.OwnAgreements())
		if e := t.Evaluation; e != nil {
			d.label("Eindevaluatie van " + e.On.Dutch())
			for _, g := range e.Goals {
				text := "“" + g.Words + "”: " + strings.ToLower(g.Degree.Label())
				if g.Note != "" {
					text += " — " + g.Note
				}
				d.labelled(g.Domain.Label(), text)
			}
			d.labelled("Hoe het nu gaat, in de woorden van de jongere", e.HowNow)
		}
	}
	if len(y.Notes) > 0 {
		d.label("Uit de gesprekken")
	}
	for _, n := range y.Notes {
		d.labelled(n.Date.Dutch(), n.Note)
	}
}

// agreements writes a youth track's agreements as a table, if any.
func agreements(d *doc, title string, as []*regie.YouthAgreement) {
	if len(as) == 0 {
		return
	}
	d.needs(25) // the title stays with the table's head and first row
	d.label(title)
	var rows [][]string
	for _, a := range as {
		rows = append(rows, []string{a.Owner, a.What, a.Due.Dutch(), a.Status.Label()})
	}
	d.table([]float64{40, d.width - 105, 35, 30}, []string{"Wie", "Wat", "Uiterlijk", "Stand"}, rows)
}
