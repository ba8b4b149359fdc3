package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/store"
)

// seedRetention gives the privacy officer's Bewaartermijnen content: the
// closed file of Gezin Willems has a request of the mother to destroy it,
// received almost three months ago (its term ends in about ten days: the
// page signals it), and Gezin Benali's file is kept beyond its term for a
// complaint that is still being handled (a legal hold on an open file).
// No demo file is twenty years closed: the demo's history is two years.
func seedRetention(ctx context.Context, st *store.Store, clock regie.Clock, users map[string]*regie.User, ids map[string]int64) error {
	po := actorFor(ctx, users["privacy@demo.regie.nl"])
	willems, ok := ids["Gezin Willems"]
	if !ok {
		return fmt.Errorf("demo retention: no family Gezin Willems")
	}
	_, members, err := st.FindRequestMembers(po, willems)
	if err != nil {
		return fmt.Errorf("demo retention: %w", err)
	}
	var mother int64
	for _, m := range members {
		if m.GivenName == "Ingrid" {
			mother = m.ID
		}
	}
	if _, err := st.RecordDestructionRequest(po, regie.DestructionRequestInput{FamilyID: willems, MemberID: mother,
		ReceivedOn: regie.DateOf(clock.Now()).AddMonths(-regie.RequestMonths).AddDays(10).ISO(),
		What:       "Mevrouw Willems vraagt per brief het hele dossier te vernietigen: de hulp is afgerond en zij wil niet dat het bewaard blijft."}); err != nil {
		return fmt.Errorf("demo retention: %w", err)
	}
	if benali, ok := ids["Gezin Benali"]; ok {
		if err := st.PlaceHold(po, benali, "Klacht van het gezin bij de klachtencommissie is in behandeling: het dossier blijft bewaard tot de uitspraak."); err != nil {
			return fmt.Errorf("demo retention: %w", err)
		}
	}
	return nil
}
