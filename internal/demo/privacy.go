package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/store"
)

// The privacy officer's work in the demo (AVG 15, 16): a parent of Gezin Jansen
// asked to correct what a contact's report says of them, a week
// ago, and the answer is due in three weeks; an older request of the same
// family was granted. Any demo person can be exported from "Privacy".
func seedPrivacy(ctx context.Context, st *store.Store, real regie.Clock, users map[string]*regie.User, famIDs map[string]int64) error {
	famID, ok := famIDs["Gezin Jansen"]
	if !ok {
		return fmt.Errorf("demo privacy: no Gezin Jansen")
	}
	today := regie.DateOf(real.Now())
	sim := &simClock{}
	st.Clock = sim
	defer func() { st.Clock = real }()
	fg := actorFor(ctx, users["privacy@demo.regie.nl"])
	fam, err := st.FindPersonExportFamily(fg, famID)
	if err != nil {
		return err
	}
	parent := fam.Members[0] // the parents come first
	sim.set(today.AddDays(-40), 10, real.Now())
	old, err := st.CreateRectification(fg, famID, regie.RectificationInput{MemberID: parent.ID, Segment: regie.SegMembers,
		What: "Geboortedatum", Requested: "Mijn geboortedatum is een dag later dan er staat.", ReceivedOn: today.AddDays(-40).ISO()})
	if err != nil {
		return fmt.Errorf("demo rectification: %w", err)
	}
	sim.set(today.AddDays(-35), 11, real.Now())
	if err := st.DecideRectification(fg, famID, old.ID, regie.RectificationDecision{Outcome: regie.RectificationGranted,
		DecidedOn: today.AddDays(-35).ISO()}); err != nil {
		return fmt.Errorf("demo rectification decision: %w", err)
	}
	sim.set(today.AddDays(-7), 14, real.Now())
	if _, err := st.CreateRectification(fg, famID, regie.RectificationInput{MemberID: parent.ID, Segment: regie.SegContacts,
		What:      "Het verslag van het eerste huisbezoek",
		Requested: "Er staat dat ik de deur niet open wilde doen; ik was die dag niet thuis.", ReceivedOn: today.AddDays(-7).ISO()}); err != nil {
		return fmt.Errorf("demo rectification: %w", err)
	}
	return nil
}
