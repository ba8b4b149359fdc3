package demo

import (
	"context"
	"fmt"
	"time"

	"regie"
	"regie/internal/store"
)

// The demo's break-glass access (noodtoegang): three evenings ago the
// police called the team's on-call number about Gezin de Bruijn, whose
// coordinator Petra could not be reached. Youssef, on call, opened the
// file with a reason and read it; the access has run out and waits for
// the privacy officer's review. Petra and the team leader are told of it
// on their start pages.

// seedEmergency gives and uses the demo's emergency access.
func seedEmergency(ctx context.Context, st *store.Store, real regie.Clock, users map[string]*regie.User, famIDs map[string]int64) error {
	fam, ok := famIDs["Gezin de Bruijn"]
	if !ok {
		return fmt.Errorf("demo emergency: no Gezin de Bruijn")
	}
	sim := &simClock{}
	st.Clock = sim
	defer func() { st.Clock = real }()
	sim.set(regie.DateOf(real.Now()).AddDays(-3), 22, real.Now())
	sim.setTime(sim.Now().Add(40 * time.Minute))
	yo := actorFor(ctx, users["casemanager2@demo.regie.nl"])
	if _, err := st.StartEmergencyAccess(yo, fam, regie.EmergencyInput{Reason: regie.EmergencyUnreachable, Confirmed: true,
		Explanation: "Bereikbaarheidsdienst: de politie belde na een melding van ruzie thuis bij de familie de Bruijn. " +
			"Petra was niet bereikbaar. Ik heb het netwerk en de afspraken nagekeken om de politie en de crisisdienst te woord te staan."}); err != nil {
		return fmt.Errorf("demo emergency: %w", err)
	}
	sim.setTime(sim.Now().Add(5 * time.Minute))
	if _, err := st.FindFamilyByID(yo, fam); err != nil {
		return fmt.Errorf("demo emergency: read: %w", err)
	}
	sim.setTime(sim.Now().Add(3 * time.Minute))
	if _, err := st.FindPlan(yo, fam); err != nil {
		return fmt.Errorf("demo emergency: read plan: %w", err)
	}
	return nil
}
