package pdf

import (
	"fmt"
	"time"

	"regie"
	"regie/internal/drawing"
)

// Flowers prints the wrap-around flowers of a family on A4, one after the
// other (a new page when one does not fit), each under its heading with
// its count and its petals as text.
func Flowers(fam *regie.Family, fl *regie.Flowers, drs []*drawing.Drawing, now time.Time) ([]byte, error) {
	const title = "Wrap-around bloem"
	d := newFamilyDoc(title, fam, now)
	d.title(title, "Het gezin en de regisseur in het hart, de betrokken instanties en het informele netwerk als bladeren.",
		[][2]string{{"Gezin", fam.HouseholdName}, {"Dossier", fam.DossierNumber()}})
	for i, f := range fl.List {
		// The heading stays with its drawing.
		if i < len(drs) && drs[i].Width > 0 {
			d.needs(drs[i].Height*d.drawingScale(drs[i]) + 16)
		}
		d.heading(fmt.Sprintf("%s (%s): %s", f.Label, f.On.Dutch(), drawing.FlowerCount(f)))
		if i < len(drs) {
			d.drawing(drs[i])
		}
		for j, p := range f.Petals {
			kind := "informeel netwerk, " + p.Detail
			if p.Kind == regie.PetalAgency {
				kind = "instantie"
			}
			d.para(fmt.Sprintf("%d. %s (%s)", j+1, p.Name, kind))
		}
	}
	return d.bytes()
}
