package pdf

import (
	"fmt"
	"strings"
	"time"

	"regie"
)

// PersonExport typesets the answer to a person's request for access (AVG
// 15): everything regie holds about them, section by section, what was
// withheld and why, their requests for rectification, and who accessed
// their file. The JSON of the same export is the machine-readable copy
// (AVG 20).
func PersonExport(e *regie.PersonExport, now time.Time) ([]byte, error) {
	p := e.Person
	d := newDoc("Inzage persoonsgegevens", p.Name(),
		fmt.Sprintf("Vertrouwelijk · inzage van %s · %s · gemaakt %s", p.Name(), e.Family.DossierNumber, regie.FormatDateTime(now)), now)
	d.title("Inzage in uw gegevens", "Alles wat regie over u vastlegt (AVG artikel 15 en 20)", [][2]string{
		{"Naam", p.Name()},
		{"Geboortedatum", isoDutch(p.BirthDate)},
		{"Relatie in het gezin", p.RelationLabel()},
		{"Dossier", e.Family.DossierNumber + " · " + e.Family.HouseholdName},
		{"Organisatie", e.Controller},
		{"Gemaakt door", e.MadeBy + ", " + regie.FormatDateTime(e.MadeAt)},
	})

	d.heading("Uw gegevens")
	facts := [][2]string{{"Voornaam", p.GivenName}, {"Achternaam", p.FamilyName}, {"Geboortedatum", isoDutch(p.BirthDate)},
		{"Relatie", p.RelationLabel()}, {"BSN", dash(p.BSN)}, {"In het huishouden sinds", isoDutch(p.StartedOn)}}
	if p.EndedOn != "" {
		facts = append(facts, [2]string{"Uit het huishouden op", isoDutch(p.EndedOn) + " — " + p.EndReason})
	}
	d.facts(facts)

	for _, s := range e.Sections {
		if len(s.Rows) == 0 {
			continue
		}
		d.heading(fmt.Sprintf("%s (%d)", s.Title, len(s.Rows)))
		for _, r := range s.Rows {
			var pairs [][2]string
			for _, f := range r {
				if strings.TrimSpace(f.Value) == "" {
					continue
				}
				pairs = append(pairs, [2]string{regie.ExportFieldLabel(f.Name), readable(f.Value)})
			}
			d.facts(pairs)
			d.Ln(2)
		}
	}
	var empty []string
	for _, s := range e.Sections {
		if len(s.Rows) == 0 {
			empty = append(empty, s.Title)
		}
	}
	if len(empty) > 0 {
		d.heading("Waarover niets is vastgelegd")
		d.para(strings.Join(empty, "; ") + ".")
	}

	d.heading("Verzoeken tot correctie")
	if len(e.Rectifications) == 0 {
		d.para("U heeft geen verzoek tot correctie gedaan.")
	}
	for _, r := range e.Rectifications {
		outcome := "nog geen besluit; uiterlijk " + isoDutch(r.Due)
		if r.Outcome != "" {
			outcome = r.Outcome.Label() + " op " + isoDutch(r.DecidedOn)
			if r.Reason != "" {
				outcome += " — " + r.Reason
			}
		}
		d.facts([][2]string{{"Ontvangen op", isoDutch(r.ReceivedOn)}, {"Gegevens", r.Segment.Label() + ": " + r.What},
			{"Gevraagde correctie", r.Requested}, {"Besluit", outcome}})
		d.Ln(2)
	}

	if len(e.Withheld) > 0 {
		d.heading("Wat niet in deze inzage staat")
		for _, w := range e.Withheld {
			d.labelled(fmt.Sprintf("%s (%d)", w.Title, w.Count), w.Reason)
		}
	}

	d.heading("Wie heeft uw dossier gezien")
	d.para(fmt.Sprintf("Elke inzage, wijziging, export en geweigerde poging in het dossier van het gezin, nieuwste eerst (%d).", len(e.Access)))
	rows := make([][]string, 0, len(e.Access))
	for _, a := range e.Access {
		rows = append(rows, []string{regie.FormatDateTime(a.Time), a.UserName, a.Role.Label(), a.Action.Label(), a.Segment.Label(), a.Outcome.Label()})
	}
	w := d.width
	d.table([]float64{w * 0.17, w * 0.19, w * 0.17, w * 0.13, w * 0.19, w * 0.15},
		[]string{"Tijdstip", "Wie", "Rol", "Handeling", "Gegevens", "Uitkomst"}, rows)
	return d.bytes()
}

// isoDutch writes an ISO date the Dutch way, "" as a dash.
func isoDutch(s string) string {
	if s == "" {
		return "—"
	}
	d, err := regie.ParseDate(s)
	if err != nil {
		return s
	}
	return d.Dutch()
}

// readable writes an export value for reading: ISO dates the Dutch way,
// instants in Dutch time.
func readable(s string) string {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		return isoDutch(s)
	}
	if len(s) > 10 && strings.HasSuffix(s, "Z") {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return regie.FormatDateTime(t)
		}
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
