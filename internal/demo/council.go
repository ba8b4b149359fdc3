package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/store"
)

// The family council in the demo (issue 15): Gezin Jansen held one twelve
// days ago at the kitchen table — the children first, what went well,
// what annoyed, the solutions — with oma Thea; Sanne recorded it with
// three agreements, not yet taken over into the plan, so a visitor can
// press the button. The next one is planned in three weeks; its page is
// the agenda to print.

// councilNotes is what Gezin Jansen said, per agenda point and aspect.
var councilNotes = []regie.CouncilNote{
	{Point: "kinderen", Aspect: "gevoel", Text: "Lotte is blij dat oma op woensdag komt. Dylan vindt dat hij te vaak op Kevin moet letten."},
	{Point: "kinderen", Aspect: "oplossing", Text: "Dylan past alleen op als het van tevoren is afgesproken."},
	{Point: "goed", Aspect: "gevoel", Text: "Iedereen is trots dat Dylan deze maand elke dag op school was."},
	{Point: "goed", Aspect: "oorzaak", Text: "De wekker op de gang en het vaste ontbijt om half acht."},
	{Point: "ergernis", Aspect: "gevoel", Text: "Sandra ergert zich aan de ruzies over de Playstation 's avonds."},
	{Point: "ergernis", Aspect: "oorzaak", Text: "Er is geen afspraak wie wanneer mag spelen."},
	{Point: "ergernis", Aspect: "gevolg", Text: "Kevin gaat boos en laat naar bed en is moe op school."},
	{Point: "oplossingen", Aspect: "oplossing", Text: "Een speelrooster op de koelkast; om negen uur gaat de console uit."},
}

// seedCouncil records Gezin Jansen's family councils.
func seedCouncil(ctx context.Context, st *store.Store, real regie.Clock, users map[string]*regie.User, famIDs map[string]int64) error {
	famID, ok := famIDs["Gezin Jansen"]
	if !ok {
		return fmt.Errorf("demo council: no Gezin Jansen")
	}
	today := regie.DateOf(real.Now())
	sim := &simClock{}
	st.Clock = sim
	defer func() { st.Clock = real }()
	sim.set(today.AddDays(-19), 16, real.Now()) // the day it was planned
	cmUser := users["casemanager@demo.regie.nl"]
	cm := actorFor(ctx, cmUser)
	fam, err := st.FindFamilyByID(cm, famID)
	if err != nil {
		return err
	}
	ps, err := st.FindNetworkPersons(cm, famID)
	if err != nil {
		return err
	}
	byName := map[string]int64{}
	var invited regie.CouncilPeopleInput
	for _, m := range fam.CurrentMembers() {
		byName[m.GivenName] = m.ID
		invited.Members = append(invited.Members, m.ID)
	}
	for _, p := range ps.Active(today) {
		if p.Name == "Oma Thea" {
			invited.Persons = append(invited.Persons, p.ID)
		}
	}
	invited.Workers = []int64{cmUser.ID}

	held := today.AddDays(-12)
	c, err := st.PlanCouncil(cm, famID, regie.CouncilPlanInput{On: held.ISO(), Place: "Thuis, aan de keukentafel", Invited: invited})
	if err != nil {
		return fmt.Errorf("demo council: %w", err)
	}
	// Rob worked late; the others came.
	attended := invited
	attended.Members = nil
	for _, id := range invited.Members {
		if id != byName["Rob"] {
			attended.Members = append(attended.Members, id)
		}
	}
	owner := func(name string) string { return fmt.Sprintf("m:%d", byName[name]) }
	sim.set(held, 20, real.Now())
	if err := st.RecordCouncil(cm, famID, c.ID, regie.CouncilRecordInput{Attended: attended, Notes: councilNotes,
		Agreements: []regie.AgreementInput{
			{Owner: owner("Sandra"), Domain: "relaties", What: "Een speelrooster voor de Playstation op de koelkast hangen", Due: held.AddDays(7).ISO()},
			{Owner: owner("Kevin"), Domain: "kinderen", What: "Om negen uur de console uit en naar boven", Due: held.AddDays(28).ISO()},
			{Owner: owner("Dylan"), Domain: "dagbesteding", What: "Zelf de wekker zetten en om acht uur de deur uit", Due: held.AddDays(28).ISO()},
		}}); err != nil {
		return fmt.Errorf("demo council record: %w", err)
	}
	sim.set(today.AddDays(-2), 11, real.Now())
	if _, err := st.PlanCouncil(cm, famID, regie.CouncilPlanInput{On: today.AddDays(21).ISO(), Place: "Thuis, aan de keukentafel",
		Invited: invited}); err != nil {
		return fmt.Errorf("demo council: %w", err)
	}
	return nil
}
