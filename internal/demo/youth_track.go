package demo

import (
	"context"
	"fmt"

	"regie"
)

// The youth worker's own tracks in the demo (seed 003 §6): a month after
// a family started, the youth worker and the story's youth begin the
// youth's own plan; every two weeks they meet. The tracks stand at
// different points of the 6–9 month norm: Anas's runs some months,
// Dylan's final evaluation is due, Jordy's runs past the norm, and
// Anil's was closed with his final evaluation.

// youthScript is one youth's track.
type youthScript struct {
	goals map[regie.Domain]string // in the youth's own words
	steps map[regie.Domain]string
	// shared is an agreement that concerns the family, own one between
	// the youth and the worker; each due so many days after the start.
	shared, own       regie.YouthAgreementInput
	sharedDue, ownDue int
	notes             []string // what the youth told, in turn
	// closeAfter: the final evaluation this many days after the start
	// (0: the track runs).
	closeAfter int
	howNow     string
}

// youthStartDay is the day of a family's story the youth's track starts.
const youthStartDay = 30

// youthContactAt is when the youth worker meets the youth, after school.
const youthContactAt = "16:00"

var youthScripts = map[string]youthScript{
	"Gezin Jansen": {
		goals: map[regie.Domain]string{
			"dagbesteding": "Ik wil mijn diploma halen en niet meer van school gestuurd worden.",
			"relaties":     "Ik wil weer gewoon met mijn vader kunnen praten zonder ruzie.",
		},
		steps:  map[regie.Domain]string{"dagbesteding": "Elke maandag naar de mentor; huiswerk in de bibliotheek."},
		shared: regie.YouthAgreementInput{Owner: "Dylan en vader", What: "Op zondag samen naar het voetbal van Kevin"}, sharedDue: 28,
		own: regie.YouthAgreementInput{Owner: "Dylan", What: "Mee naar het jongerenwerk op woensdag"}, ownDue: 14,
		notes: []string{"Dylan vertelt dat hij blowt met vrienden van school, vooral als het thuis onrustig is.",
			"Hij is bang dat zijn vader weer zijn werk verliest en durft het niet te vragen.",
			"Het gaat beter op school; hij wil minder blowen en heeft daar zelf een plan voor."},
	},
	"Gezin Benali": {
		goals: map[regie.Domain]string{
			"dagbesteding": "Ik wil een stageplek bij een garage.",
			"financien":    "Ik wil niet meer alle post voor mama regelen.",
		},
		shared: regie.YouthAgreementInput{Owner: "Moeder en Anas", What: "De post samen met de casemanager doornemen, niet Anas alleen"}, sharedDue: 21,
		own: regie.YouthAgreementInput{Owner: "Anas", What: "Zijn cv afmaken met de jeugdhulpverlener"}, ownDue: 14,
		notes: []string{"Anas vertelt dat hij zich schaamt voor de schulden en het op school niemand vertelt.",
			"Hij slaapt slecht sinds zijn vader weg is; hij wil daar niet met zijn moeder over praten."},
	},
	"Gezin de Bruijn": {
		goals:  map[regie.Domain]string{"dagbesteding": "Ik wil een baan, maakt niet uit wat, als ik maar uit bed kom."},
		shared: regie.YouthAgreementInput{Owner: "Jordy en moeder", What: "Afspraken over thuis wonen: kostgeld en huishouden"}, sharedDue: 30,
		own: regie.YouthAgreementInput{Owner: "Jordy", What: "Inschrijven bij het uitzendbureau"}, ownDue: 10,
		notes: []string{"Jordy vertelt dat hij nachten gamet en overdag niet uit bed komt.",
			"Hij heeft een schuld bij een vriend en wordt daarover bedreigd; hij wil niet dat zijn ouders het weten."},
	},
	"Gezin Mahabier": {
		goals: map[regie.Domain]string{"dagbesteding": "Ik wil weer elke dag naar school.",
			"netwerk": "Ik wil vrienden die niet alleen op straat hangen."},
		shared: regie.YouthAgreementInput{Owner: "Anil en ouders", What: "Thuis zijn om tien uur op doordeweekse dagen"}, sharedDue: 21,
		own: regie.YouthAgreementInput{Owner: "Anil", What: "Proeftraining bij de kickboksschool"}, ownDue: 14,
		notes: []string{"Anil vertelt dat oudere jongens hem vragen pakketjes weg te brengen.",
			"Hij is gestopt met de jongens van het plein en traint nu twee keer per week."},
		closeAfter: 240, howNow: "Ik ga elke dag naar school en ik train. Met de jongens van het plein heb ik niks meer.",
	},
}

// youthDay lives a day of the youth worker's track with the story's
// youth: the start with the youth's plan, a contact every two weeks, the
// agreements kept on their day, and for a closed track the final
// evaluation.
func (w *world) youthDay(yw context.Context, f family, familyID int64, start, d regie.Date) error {
	sc, ok := youthScripts[f.name]
	if !ok || f.story.youth == "" {
		return nil
	}
	day := start.DaysUntil(d) - youthStartDay
	if day < 0 || sc.closeAfter > 0 && day > sc.closeAfter {
		return nil
	}
	if w.youths == nil {
		w.youths = map[int64]int64{}
	}
	youth := w.youths[familyID]
	if youth == 0 {
		ids, _, err := memberIDs(yw, w.st, familyID)
		if err != nil {
			return err
		}
		youth = ids[f.story.youth]
		w.youths[familyID] = youth
	}
	due := func(a regie.YouthAgreementInput, days int) regie.YouthAgreementInput {
		a.Due = d.AddDays(days).ISO()
		return a
	}
	if day > 0 && (day == sc.ownDue || day == sc.sharedDue) {
		// The agreements were kept, on their day.
		t, _, err := w.st.FindYouthTrack(yw, familyID, youth)
		if err != nil {
			return err
		}
		for _, a := range t.Agreements {
			if a.Due == d && !a.Status.Finished() {
				if err := w.st.SetYouthAgreementStatus(yw, familyID, youth, regie.YouthAgreementStatusInput{AgreementID: a.ID,
					Status: regie.AgreementDone}); err != nil {
					return err
				}
			}
		}
	}
	switch {
	case day == 0:
		if _, err := w.st.StartYouthTrack(yw, familyID, youth, regie.YouthStartInput{StartedOn: d.ISO()}); err != nil {
			return fmt.Errorf("youth track: %w", err)
		}
		shared := due(sc.shared, sc.sharedDue)
		shared.ConcernsFamily = true
		if err := w.st.SaveYouthPlan(yw, familyID, youth, regie.YouthPlanInput{Goals: sc.goals, Steps: sc.steps,
			Agreements: []regie.YouthAgreementInput{shared, due(sc.own, sc.ownDue)}}); err != nil {
			return fmt.Errorf("youth plan: %w", err)
		}
		scores := map[regie.Domain]regie.Score{}
		for dom := range sc.goals {
			scores[dom] = 2
		}
		return w.st.ScoreYouth(yw, familyID, youth, regie.YouthScoresInput{On: d.ISO(), Kind: regie.YouthScoreStart, Scores: scores})
	case day == sc.closeAfter && sc.closeAfter > 0:
		t, _, err := w.st.FindYouthTrack(yw, familyID, youth)
		if err != nil {
			return err
		}
		in := regie.YouthEvaluationInput{On: d.ISO(), HowNow: sc.howNow, Scores: map[regie.Domain]regie.Score{}}
		for _, g := range t.Goals {
			in.Goals = append(in.Goals, regie.YouthGoalResultInput{GoalID: g.ID, Degree: "behaald"})
			in.Scores[g.Domain] = 4
		}
		return w.st.CloseYouthTrack(yw, familyID, youth, in)
	case day%14 == 7:
		if later(w.st, d, youthContactAt) {
			return nil
		}
		n := day / 14
		note := ""
		if n < len(sc.notes) {
			note = sc.notes[n]
		}
		_, err := w.st.CreateYouthContact(yw, familyID, youth, regie.ContactInput{Date: d.ISO(), Start: youthContactAt, Minutes: "60",
			Kind: regie.ContactAccompany, Attempt: regie.AttemptReached, Note: note})
		return err
	}
	return nil
}
