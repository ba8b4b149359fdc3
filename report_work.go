package regie

import (
	"fmt"
	"slices"
	"strings"
)

// The team's work (Inzet, uren en caseload, seed 003 bijlage 2): how long
// families stay in each phase against the method's norms, the hours per
// phase, family and worker, the caseloads, the attempts to get in
// contact, the relapses and the check-ups after the closing.

// PhaseNorm is the longest a phase (or the intensive phase as a whole)
// should take by the method, with where the seed says so.
type PhaseNorm struct {
	Months int
	// Label says the norm in Dutch ("hooguit 9 maanden").
	Label string
	// Source is the seed's words it comes from.
	Source string
}

// Over reports whether a stay from from to to took longer than the norm.
func (n PhaseNorm) Over(from, to Date) bool {
	return n.Months > 0 && to.After(from.AddMonths(n.Months))
}

// PhaseNormOf returns the norm of phase p (PhaseIntroduction…
// PhaseCoordination), or of the intensive phase 1–4 together when p is 0;
// Months is 0 for a phase without a norm of its own (1, 3 and 4: they
// count towards the intensive phase).
func PhaseNormOf(p Phase, n Norms) PhaseNorm {
	norm := func(months int, source string) PhaseNorm {
		return PhaseNorm{Months: months, Label: fmt.Sprintf("hooguit %d maanden", months), Source: source}
	}
	switch p {
	case 0:
		return norm(n.IntensiveMaxMonths, "seed 003 §1.5: “De casemanager is zes tot negen maanden — zo intensief als nodig is — actief in het gezin.”")
	case PhaseContact:
		return norm(n.PlanMaxMonths, "seed 003 §5.3: “Na drie tot vier maanden heeft de casemanager in overleg met het gezin (ouders) een hulpverleningsplan opgesteld.”")
	case PhaseCoordination:
		return norm(n.CoordinationMaxMonths, "seed 003 §1.5: “Daarna volgt een periode van maximaal anderhalf jaar van coördinatie van zorg.”")
	}
	return PhaseNorm{Label: "geen eigen norm (telt mee in de intensieve fase)"}
}

// stayEnd is the last day of a stay in a phase: the day before the next
// phase began (or the file was closed); zero while it goes on.
func stayEnd(s ReportPhase) Date {
	if s.To.IsZero() {
		return Date{}
	}
	return s.To.AddDays(-1)
}

// intensiveRun is one uninterrupted stay in the intensive phases 1–4.
type intensiveRun struct{ from, to Date }

// intensiveRuns returns a family's stays in the intensive phase: each
// run of consecutive stays in phases 1–4 (a relapse from coordination of
// care starts a new one); to is zero while the last one goes on.
func intensiveRuns(fam *ReportFamily) []intensiveRun {
	var runs []intensiveRun
	in := false
	for _, s := range fam.Phases {
		switch {
		case s.Phase.Intensive() && !in:
			runs = append(runs, intensiveRun{from: s.From, to: s.To})
			in = true
		case s.Phase.Intensive():
			runs[len(runs)-1].to = s.To
		default:
			in = false
		}
	}
	return runs
}

// daysIn is how many days of the stay from..to (to the day the next
// phase began, zero while it goes on) lie in the period.
func daysIn(p ReportFilter, from, to Date) int {
	end := p.To
	if !to.IsZero() && to.AddDays(-1).Before(end) {
		end = to.AddDays(-1)
	}
	start := from
	if start.Before(p.From) {
		start = p.From
	}
	if end.Before(start) {
		return 0
	}
	return start.DaysUntil(end) + 1
}

// workSection computes the team's work: Inzet, uren en caseload.
func workSection(f *ReportFacts) *ReportSection {
	return &ReportSection{
		Key:   "inzet",
		Title: "Inzet, uren en caseload",
		Intro: "Hoe lang gezinnen in elke fase bleven tegen de normen van de methode, de uren per fase, per gezin en per medewerker, de caseload, de pogingen om contact te krijgen, de terugval en de check-ups na het sluiten van het dossier.",
		Tables: []*ReportTable{
			phaseDurationTable(f), phaseHoursTable(f), familyHoursTable(f), workerHoursTable(f),
			caseloadTable(f), attemptsTable(f), relapseTable(f), checkupsTable(f),
		},
	}
}

// phaseDurationTable is "fasenduur": the days of the stays in a phase that
// ended in the period, against the norms.
func phaseDurationTable(f *ReportFacts) *ReportTable {
	type row struct {
		days       []float64
		fams, over idSet
		overN      int
	}
	var rows [PhaseCoordination + 1]row // 0: the intensive phase together
	count := func(r *row, norm PhaseNorm, id int64, from, to Date) {
		r.days = append(r.days, float64(from.DaysUntil(to)))
		r.fams.add(id)
		if norm.Over(from, to) {
			r.overN++
			r.over.add(id)
		}
	}
	for _, fam := range f.Families {
		for _, s := range fam.Phases {
			if s.Phase < PhaseIntroduction || s.Phase > PhaseCoordination || !f.Filter.Contains(stayEnd(s)) {
				continue
			}
			count(&rows[s.Phase], PhaseNormOf(s.Phase, f.Norms), fam.ID, s.From, s.To)
		}
		for _, run := range intensiveRuns(fam) {
			if !run.to.IsZero() && f.Filter.Contains(run.to.AddDays(-1)) {
				count(&rows[0], PhaseNormOf(0, f.Norms), fam.ID, run.from, run.to)
			}
		}
	}
	var sources []string
	for _, p := range []Phase{0, PhaseContact, PhaseCoordination} {
		n := PhaseNormOf(p, f.Norms)
		what := "de intensieve fase (1–4) samen"
		if p != 0 {
			what = fmt.Sprintf("fase %d", p)
		}
		sources = append(sources, fmt.Sprintf("%s %s (%s)", what, n.Label, n.Source))
	}
	t := &ReportTable{
		Key:   "fasenduur",
		Title: "Duur per fase tegen de norm",
		Note: "Geteld: de verblijven in een fase die in de periode eindigden (de faseovergangen en het sluiten van het dossier), in dagen van het begin van de fase tot het begin van de volgende; een terugval begint een nieuw verblijf. Normen (door de functioneel beheerder in te stellen): " +
			strings.Join(sources, "; ") + ".",
		RowHeader: "Fase",
		Columns:   []string{"Verblijven", "Gemiddeld", "Mediaan", "Norm", "Over de norm"},
	}
	add := func(key, label string, r *row, norm PhaseNorm) {
		cells := []ReportCell{countCell(len(r.days), &r.fams)}
		cells = append(cells, statCells(CellDays, r.days, &r.fams, false)...)
		cells = append(cells, ReportCell{Kind: CellText, Text: norm.Label})
		if norm.Months > 0 {
			cells = append(cells, countCell(r.overN, &r.over))
		} else {
			cells = append(cells, emptyCell(CellCount, "Deze fase heeft geen eigen norm."))
		}
		t.Rows = append(t.Rows, &ReportRow{Key: key, Label: label, Cells: cells})
	}
	for p := PhaseIntroduction; p <= PhaseCoordination; p++ {
		add(phaseRowKey(p), phaseRowLabel(p), &rows[p], PhaseNormOf(p, f.Norms))
		if p == PhaseClosing {
			add("intensief", "Intensieve fase (1–4) samen", &rows[0], PhaseNormOf(0, f.Norms))
		}
	}
	return t
}

// phaseHoursTable is "uren_fase": the hours of the contacts in the period
// per phase, in all and per family.
func phaseHoursTable(f *ReportFacts) *ReportTable {
	var minutes [PhaseCoordination + 1]int
	var fams [PhaseCoordination + 1]idSet
	var allFams idSet
	allMinutes := 0
	for _, fam := range f.Families {
		for _, w := range fam.Work {
			if w.Phase < PhaseIntroduction || w.Phase > PhaseCoordination || w.Minutes <= 0 {
				continue
			}
			minutes[w.Phase] += w.Minutes
			fams[w.Phase].add(fam.ID)
			allMinutes += w.Minutes
			allFams.add(fam.ID)
		}
	}
	t := &ReportTable{
		Key:         "uren_fase",
		Title:       "Uren per fase",
		Note:        "Geteld: de minuten van de contacten in de periode (het contactlogboek), naar de fase waarin het gezin toen was; gemiddeld per gezin met contacten in die fase.",
		RowHeader:   "Fase",
		Columns:     []string{"Uren", "Gezinnen", "Gemiddeld per gezin"},
		Chart:       ChartBars,
		ChartColumn: 0,
	}
	hours := func(m int, s *idSet) ReportCell {
		c := familiesCell(s)
		c.Kind, c.Value = CellHours, float64(m)/60
		return c
	}
	perFam := func(m int, s *idSet) ReportCell {
		if s.len() == 0 {
			return emptyCell(CellHours, msgReportNothing)
		}
		c := familiesCell(s)
		c.Kind, c.Value = CellHours, float64(m)/60/float64(s.len())
		return c
	}
	for p := PhaseIntroduction; p <= PhaseCoordination; p++ {
		t.Rows = append(t.Rows, &ReportRow{Key: phaseRowKey(p), Label: phaseRowLabel(p), Cells: []ReportCell{
			hours(minutes[p], &fams[p]), familiesCell(&fams[p]), perFam(minutes[p], &fams[p]),
		}})
	}
	// A family with contacts in two phases counts once in the total.
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		hours(allMinutes, &allFams), familiesCell(&allFams), perFam(allMinutes, &allFams),
	}})
	return t
}

// familyHoursTable is "uren_gezin": the hours per family against the
// 200-hour norm of the intensive phase and the 8 hours a week of the
// contact phase.
func familyHoursTable(f *ReportFacts) *ReportTable {
	normMinutes := f.Norms.IntensiveHours * 60
	var intensive []float64
	var intFams, intOver, intUnder idSet
	var weekly []float64
	var weekFams, weekOver, weekUnder idSet
	for _, fam := range f.Families {
		if f.Filter.Contains(fam.FinalEvaluationOn) {
			intensive = append(intensive, float64(fam.MinutesIntensive)/60)
			intFams.add(fam.ID)
			switch {
			case fam.MinutesIntensive > normMinutes:
				intOver.add(fam.ID)
			case fam.MinutesIntensive < normMinutes:
				intUnder.add(fam.ID)
			}
		}
		days := 0
		for _, s := range fam.Phases {
			if s.Phase == PhaseContact {
				days += daysIn(f.Filter, s.From, s.To)
			}
		}
		if days < 7 {
			continue
		}
		minutes := 0
		for _, w := range fam.Work {
			if w.Phase == PhaseContact {
				minutes += w.Minutes
			}
		}
		perWeek := float64(minutes) / 60 / (float64(days) / 7)
		weekly = append(weekly, perWeek)
		weekFams.add(fam.ID)
		switch norm := float64(f.Norms.ContactPhaseHoursPerWeek); {
		case perWeek > norm:
			weekOver.add(fam.ID)
		case perWeek < norm:
			weekUnder.add(fam.ID)
		}
	}
	t := &ReportTable{
		Key:   "uren_gezin",
		Title: "Uren per gezin tegen de norm",
		Note: fmt.Sprintf("Geteld: voor de gezinnen met een eindevaluatie in de periode de uren van hun (laatste) intensieve fase, tegen de norm van gemiddeld %d uur (seed 003 §1.5: “Het uitgangspunt is dat de casemanager gemiddeld 200 uur in een gezin door brengt.”); "+
			"voor de gezinnen die in de periode minstens een week in fase 2 waren de uren van de contacten in fase 2 in de periode gedeeld door de weken in fase 2 in de periode, tegen de norm van gemiddeld %d uur per week (seed 003 §5.3: “De casemanager heeft in de contact- en onderzoeksfase gemiddeld 8 uur per week de tijd voor het gezin.”).",
			f.Norms.IntensiveHours, f.Norms.ContactPhaseHoursPerWeek),
		RowHeader: "Uren",
		Columns:   []string{"Gezinnen", "Gemiddeld", "Norm", "Boven de norm", "Onder de norm"},
	}
	mean1 := func(xs []float64, s *idSet) ReportCell { return statCells(CellHours, xs, s, false)[0] }
	t.Rows = append(t.Rows,
		&ReportRow{Key: "intensief", Label: "Uren in de intensieve fase per gezin", Cells: []ReportCell{
			familiesCell(&intFams), mean1(intensive, &intFams),
			{Kind: CellText, Text: fmt.Sprintf("gemiddeld %d uur", f.Norms.IntensiveHours)},
			familiesCell(&intOver), familiesCell(&intUnder),
		}},
		&ReportRow{Key: "contactfase", Label: "Uren per week in de contactfase (fase 2)", Cells: []ReportCell{
			familiesCell(&weekFams), mean1(weekly, &weekFams),
			{Kind: CellText, Text: fmt.Sprintf("gemiddeld %d uur per week", f.Norms.ContactPhaseHoursPerWeek)},
			familiesCell(&weekOver), familiesCell(&weekUnder),
		}},
	)
	return t
}

// workersByName returns the workers sorted by name (then id).
func workersByName(f *ReportFacts) []*ReportWorker {
	ws := slices.Clone(f.Workers)
	slices.SortStableFunc(ws, func(a, b *ReportWorker) int {
		if c := strings.Compare(SortName(a.Name), SortName(b.Name)); c != 0 {
			return c
		}
		return int(a.UserID - b.UserID)
	})
	return ws
}

// workerHoursTable is "uren_medewerker": each worker's hours of contacts
// in the period and the families they were for.
func workerHoursTable(f *ReportFacts) *ReportTable {
	t := &ReportTable{
		Key:       "uren_medewerker",
		Title:     "Uren per medewerker",
		Note:      "Geteld: de minuten van de contacten in de periode die de medewerker vastlegde (het contactlogboek), en de gezinnen waarvoor dat was.",
		RowHeader: "Medewerker",
		Columns:   []string{"Uren", "Gezinnen"},
	}
	// One pass over the work, then a row per worker.
	type worked struct {
		minutes int
		fams    idSet
	}
	byUser := map[int64]*worked{}
	for _, fam := range f.Families {
		for _, wk := range fam.Work {
			if wk.Minutes <= 0 && wk.Contacts <= 0 {
				continue
			}
			u := byUser[wk.UserID]
			if u == nil {
				u = &worked{}
				byUser[wk.UserID] = u
			}
			u.minutes += wk.Minutes
			u.fams.add(fam.ID)
		}
	}
	var allFams idSet
	allMinutes := 0
	for _, w := range workersByName(f) {
		u := byUser[w.UserID]
		if u == nil {
			u = &worked{}
		}
		allMinutes += u.minutes
		for _, id := range u.fams.sorted() {
			allFams.add(id)
		}
		hours, fams := familiesCell(&u.fams), familiesCell(&u.fams)
		hours.Kind, hours.Value = CellHours, float64(u.minutes)/60
		hours.Workload, fams.Workload = true, true
		t.Rows = append(t.Rows, &ReportRow{Key: fmt.Sprintf("m%d", w.UserID), Label: w.Name, Cells: []ReportCell{hours, fams}})
	}
	total := familiesCell(&allFams)
	total.Kind, total.Value = CellHours, float64(allMinutes)/60
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{total, familiesCell(&allFams)}})
	return t
}

// caseloadTable is "caseload": each worker's families (youths) now and
// started in the period, scaled to a year, against the norm.
func caseloadTable(f *ReportFacts) *ReportTable {
	days := max(f.Filter.Days(), 1)
	t := &ReportTable{
		Key:   "caseload",
		Title: "Caseload per medewerker",
		Note: fmt.Sprintf("Geteld: de gezinnen (bij een jeugdhulpverlener de jongeren) die de medewerker aan het einde van de periode had, en de toewijzingen die in de periode begonnen, omgerekend naar een jaar (× 365 / %d dagen), tegen de norm: een casemanager %s (seed 003 bijlage 1: “begeleidt ongeveer zes gezinnen per jaar”), een jeugdhulpverlener %s (seed 003 bijlage 1: “De jeugdhulpverlener begeleidt gemiddeld 12 jongeren per jaar.”).",
			days, Plural(f.Norms.CasemanagerFamiliesPerYear, "gezin", "gezinnen"), Plural(f.Norms.YouthWorkerYouthsPerYear, "jongere", "jongeren")),
		RowHeader: "Medewerker",
		Columns:   []string{"Nu", "Gestart in de periode", "Gestart per jaar", "Norm per jaar"},
	}
	for _, w := range workersByName(f) {
		norm, unit := f.Norms.CasemanagerFamiliesPerYear, "gezinnen"
		if w.Role == RoleYouthWorker {
			norm, unit = f.Norms.YouthWorkerYouthsPerYear, "jongeren"
		}
		perYear := float64(w.Started) * 365 / float64(days)
		rate := ReportCell{Kind: CellNumber, Value: perYear, N: w.Started}
		// Held against the norm as written (one decimal), so "6,0" is
		// never over 6.
		if round(perYear, 1) > float64(norm) {
			rate.Warning = fmt.Sprintf("Meer dan de norm van %d %s per jaar.", norm, unit)
		}
		row := &ReportRow{Key: fmt.Sprintf("m%d", w.UserID), Label: w.Name, Cells: []ReportCell{
			countCell(w.Current, nil), countCell(w.Started, nil), rate,
			{Kind: CellCount, Value: float64(norm)},
		}}
		for i := range row.Cells {
			row.Cells[i].Workload = true
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// attemptsTable is "pogingen": the contact moments in the period, reached
// or not, and the families with many attempts without contact.
func attemptsTable(f *ReportFacts) *ReportTable {
	var reached, noAnswer, refused, all int
	var reachedF, noAnswerF, refusedF, allF, manyF idSet
	many := 0
	for _, fam := range f.Families {
		failed := 0
		for _, w := range fam.Work {
			r := max(w.Contacts-w.NoAnswer-w.Refused, 0)
			reached += r
			noAnswer += w.NoAnswer
			refused += w.Refused
			all += w.Contacts
			if r > 0 {
				reachedF.add(fam.ID)
			}
			if w.NoAnswer > 0 {
				noAnswerF.add(fam.ID)
			}
			if w.Refused > 0 {
				refusedF.add(fam.ID)
			}
			if w.Contacts > 0 {
				allF.add(fam.ID)
			}
			failed += w.NoAnswer + w.Refused
		}
		if f.Norms.RejectedInARow > 0 && failed >= f.Norms.RejectedInARow {
			many += failed
			manyF.add(fam.ID)
		}
	}
	t := &ReportTable{
		Key:   "pogingen",
		Title: "Contactmomenten en pogingen",
		Note: fmt.Sprintf("Geteld: de contactmomenten in de periode (het contactlogboek), naar of het gezin bereikt werd; de laatste rij telt de gezinnen met in de periode %d of meer pogingen zonder contact (de deur niet open, de telefoon niet opgenomen of weggestuurd), de norm voor een signaal — opgeteld over de periode, niet alleen op rij.",
			f.Norms.RejectedInARow),
		RowHeader: "Contactmoment",
		Columns:   []string{"Aantal", "Gezinnen"},
	}
	add := func(key, label string, n int, s *idSet, total bool) {
		t.Rows = append(t.Rows, &ReportRow{Key: key, Label: label, Total: total, Cells: []ReportCell{countCell(n, s), familiesCell(s)}})
	}
	add("bereikt", "Contact gehad", reached, &reachedF, false)
	add("geen_gehoor", "Niet bereikt: deur niet open of telefoon niet opgenomen", noAnswer, &noAnswerF, false)
	add("weggestuurd", "Weggestuurd door het gezin", refused, &refusedF, false)
	add("totaal", "Totaal", all, &allF, true)
	add("zonder_contact_norm", fmt.Sprintf("Pogingen zonder contact bij gezinnen met %d of meer", f.Norms.RejectedInARow), many, &manyF, false)
	return t
}

// relapseTable is "terugval": the families that came back from
// coordination of care to an intensive phase in the period.
func relapseTable(f *ReportFacts) *ReportTable {
	var counts [PhaseCoordination + 1]int
	var sets [PhaseCoordination + 1]idSet
	var all idSet
	total := 0
	for _, fam := range f.Families {
		for _, s := range fam.Phases {
			if !s.Relapse || !f.Filter.Contains(s.From) || s.Phase < PhaseIntroduction || s.Phase > PhaseClosing {
				continue
			}
			counts[s.Phase]++
			sets[s.Phase].add(fam.ID)
			all.add(fam.ID)
			total++
		}
	}
	t := &ReportTable{
		Key:       "terugval",
		Title:     "Terugval uit coördinatie van zorg",
		Note:      "Geteld: de faseovergangen in de periode die als terugval zijn vastgelegd (het gezin ging vanuit coördinatie van zorg terug naar een intensieve fase), naar de fase waarnaar het terugging.",
		RowHeader: "Terug naar",
		Columns:   []string{"Terugvallen", "Gezinnen"},
	}
	for p := PhaseIntroduction; p <= PhaseClosing; p++ {
		t.Rows = append(t.Rows, &ReportRow{Key: phaseRowKey(p), Label: phaseRowLabel(p), Cells: []ReportCell{
			countCell(counts[p], &sets[p]), familiesCell(&sets[p]),
		}})
	}
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		countCell(total, &all), familiesCell(&all),
	}})
	return t
}

// checkupsTable is "checkups": the check-ups in the period by assessment.
func checkupsTable(f *ReportFacts) *ReportTable {
	counts := map[CheckupAssessment]int{}
	sets := map[CheckupAssessment]*idSet{}
	for _, a := range CheckupAssessments {
		sets[a.Value] = &idSet{}
	}
	var all idSet
	total := 0
	for _, fam := range f.Families {
		for _, c := range fam.Checkups {
			if !f.Filter.Contains(c.On) || sets[c.Assessment] == nil {
				continue
			}
			counts[c.Assessment]++
			sets[c.Assessment].add(fam.ID)
			all.add(fam.ID)
			total++
		}
	}
	t := &ReportTable{
		Key:       "checkups",
		Title:     "Check-ups na het sluiten van het dossier",
		Note:      "Geteld: de check-ups in de periode bij gezinnen waarvan het dossier gesloten is, naar de beoordeling die de casemanager vastlegde.",
		RowHeader: "Beoordeling",
		Columns:   []string{"Check-ups", "Gezinnen"},
	}
	for _, a := range CheckupAssessments {
		t.Rows = append(t.Rows, &ReportRow{Key: string(a.Value), Label: a.Label, Cells: []ReportCell{
			countCell(counts[a.Value], sets[a.Value]), familiesCell(sets[a.Value]),
		}})
	}
	t.Rows = append(t.Rows, &ReportRow{Key: "totaal", Label: "Totaal", Total: true, Cells: []ReportCell{
		countCell(total, &all), familiesCell(&all),
	}})
	return t
}
