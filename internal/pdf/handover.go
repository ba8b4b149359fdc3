package pdf

import (
	"fmt"
	"strings"
	"time"

	"regie"
)

// HandoverLetter typesets the letter for the professional of the receiving
// agency after a warm handover: the agreements on the long-term goals and
// the division of tasks, and of the family only what the consent naming
// that agency covers (the store decided it: regie.HandoverLetter). Each
// part left out is named as not shared; without a consent the letter
// says so and holds the agreements alone.
func HandoverLetter(l *regie.HandoverLetter, now time.Time) ([]byte, error) {
	fam, h := l.Family, l.Handover
	d := newDoc("Warme overdracht", fam.HouseholdName,
		fmt.Sprintf("Vertrouwelijk · %s · %s · overdracht aan %s · afgedrukt %s", fam.HouseholdName, fam.DossierNumber(), h.OrgName,
			regie.FormatDateTime(now)), now)
	facts := [][2]string{
		{"Gezin", fam.HouseholdName},
		{"Dossier", fam.DossierNumber()},
		{"Aan", h.OrgName + ", " + h.ContactPerson},
		{"Overdracht op", h.On.Dutch()},
	}
	if c := coordinatorName(fam); c != "" {
		facts = append(facts, [2]string{"Casemanager", c})
		if p := coordinatorPhone(fam); p != "" {
			facts = append(facts, [2]string{"Telefoon casemanager", p})
		}
	}
	if fam.Street != "" {
		facts = append(facts, [2]string{"Adres", strings.TrimSpace(fam.Street + ", " + fam.Postcode + " " + fam.City)})
	}
	d.title("Warme overdracht", "Afspraken over de lange termijn", facts)

	d.heading("Afspraken over de lange termijndoelen")
	d.para(h.Goals)
	d.heading("Taakverdeling")
	d.para(h.Tasks)

	if len(fam.Members) > 0 {
		d.heading("Gezinsleden")
		var rows [][]string
		for _, m := range fam.Members {
			rows = append(rows, []string{m.Name(), m.Relation.Label(), m.BirthDate.Dutch()})
		}
		d.table([]float64{d.width * 0.5, d.width * 0.25, d.width * 0.25}, []string{"Naam", "Rol", "Geboortedatum"}, rows)
	}
	if len(l.Goals) > 0 || len(l.Agreements) > 0 {
		d.heading("Uit het hulpverleningsplan")
		for _, g := range l.Goals {
			who := "het gezin"
			if g.Member != "" {
				who = g.Member
			}
			d.labelled(fmt.Sprintf("%s · %s · %s", g.Domain.Label(), g.Term.Label(), who), g.Text)
		}
		if len(l.Agreements) > 0 {
			var rows [][]string
			for _, a := range l.Agreements {
				rows = append(rows, []string{a.Owner, a.What, a.Due.Dutch(), a.Status.Label()})
			}
			d.table([]float64{d.width * 0.22, d.width * 0.46, d.width * 0.16, d.width * 0.16}, []string{"Wie", "Wat", "Wanneer", "Stand"}, rows)
		}
	}
	if len(l.Trajectories) > 0 {
		d.heading("Trajecten")
		var rows [][]string
		for _, t := range l.Trajectories {
			rows = append(rows, []string{t.OrgName, t.Intervention, t.Domain.Label(), t.Status.Label()})
		}
		d.table([]float64{d.width * 0.3, d.width * 0.3, d.width * 0.2, d.width * 0.2}, []string{"Instantie", "Interventie", "Leefgebied", "Stand"}, rows)
	}

	d.heading("Wat deze brief niet bevat")
	if !l.Consent {
		d.para(fmt.Sprintf("Er is geen geldige toestemmingsverklaring van het gezin die %s noemt. Deze brief bevat daarom alleen "+
			"de afspraken van de overdracht; gegevens uit het dossier worden niet gedeeld.", h.OrgName))
	}
	var withheld []string
	withheld = append(withheld, l.Withheld...)
	withheld = append(withheld, "Contactmomenten, veiligheid van de kinderen, de intake en het burgerservicenummer")
	for _, w := range withheld {
		d.para("• " + w + ": niet gedeeld onder de toestemming.")
	}
	d.para("Wilt u meer weten, vraag het de casemanager; die overlegt met het gezin.")
	return d.bytes()
}
