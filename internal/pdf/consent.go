package pdf

import (
	"fmt"
	"time"

	"regie"
)

// ConsentForm typesets a consent form to sign, filled in with the family,
// its members and the agencies already involved (more can be written in
// by hand): per organisation the purpose and the kinds of information,
// to tick.
func ConsentForm(fam *regie.Family, agencies []string, now time.Time) ([]byte, error) {
	d := newFamilyDoc("Toestemmingsverklaring", fam, now)
	facts := [][2]string{{"Gezin", fam.HouseholdName}, {"Dossier", fam.DossierNumber()}}
	if c := coordinatorName(fam); c != "" {
		facts = append(facts, [2]string{"Casemanager", c})
	}
	d.title("Toestemmingsverklaring", "Informatie delen met andere organisaties", facts)

	d.para("Om u goed te kunnen helpen, werkt uw casemanager samen met andere organisaties. Met deze verklaring geeft u " +
		"toestemming om met de organisaties hieronder informatie uit te wisselen: alleen voor het doel dat erbij staat, en " +
		"alleen de informatie die u aankruist. U kunt uw toestemming altijd intrekken, helemaal of voor één organisatie; " +
		"zeg het tegen uw casemanager. Daarna kan die organisatie uw gegevens niet meer inzien. U mag altijd vragen wie uw " +
		"gegevens heeft ingezien.")
	d.para("Een jongere van 16 jaar of ouder tekent zelf. Een jongere van 12 tot 16 jaar tekent samen met een ouder of verzorger.")

	d.heading("Organisaties")
	slots := append([]string{}, agencies...)
	for len(slots) < len(agencies)+2 || len(slots) < 3 {
		slots = append(slots, "")
	}
	for i, org := range slots {
		d.needs(78)
		d.subheading(fmt.Sprintf("Organisatie %d", i+1))
		d.fillIn("Naam", org)
		d.fillIn("Waarvoor", "")
		d.SetFont(family, "B", 9)
		d.MultiCell(d.width, 5, "Welke informatie mag gedeeld worden? Uit het dossier:", "", "L", false)
		var sections, domains []string
		for _, s := range regie.InfoSections {
			sections = append(sections, s.Label)
		}
		for _, dm := range regie.Domains {
			domains = append(domains, dm.Label)
		}
		d.boxes(sections)
		d.SetFont(family, "B", 9)
		d.MultiCell(d.width, 5, "Uit het plan, per leefgebied:", "", "L", false)
		d.boxes(domains)
		d.Ln(3)
	}

	d.heading("Geldigheid")
	d.fillIn("Geldig tot en met", "")
	d.SetFont(family, "", 8.5)
	d.MultiCell(d.width, 4.2, "Leeg laten: de verklaring geldt tot u haar intrekt, en uiterlijk tot het einde van de begeleiding.", "", "L", false)

	d.heading("Ondertekening")
	var names []string
	for _, m := range fam.CurrentMembers() {
		age := m.AgeOn(regie.DateOf(now))
		if age >= 12 {
			names = append(names, fmt.Sprintf("%s (%d jaar) — datum:", m.Name(), age))
		}
	}
	if len(names) == 0 {
		names = []string{"Naam — datum:"}
	}
	d.signatures(names)
	return d.bytes()
}

// boxes writes labelled checkboxes in two columns.
func (d *doc) boxes(labels []string) {
	col := d.width / 2
	for j, k := range labels {
		if j%2 == 0 {
			d.SetX(marginLeft)
		}
		d.box(k, col)
		if j%2 == 1 || j == len(labels)-1 {
			d.Ln(5.2)
		}
	}
	d.Ln(1)
}

// fillIn writes a label with a line to write on, or the value.
func (d *doc) fillIn(label, value string) {
	d.SetFont(family, "B", 9)
	d.CellFormat(32, 7, label, "", 0, "L", false, 0, "")
	d.SetFont(family, "", 10)
	x, y := d.GetX(), d.GetY()
	if value != "" {
		d.CellFormat(d.width-32, 7, value, "", 0, "L", false, 0, "")
	}
	d.SetDrawColor(120, 120, 120)
	d.Line(x, y+6, marginLeft+d.width, y+6)
	d.SetXY(marginLeft, y+8)
}
