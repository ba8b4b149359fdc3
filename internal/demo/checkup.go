package demo

import (
	"context"
	"fmt"
	"time"

	"regie"
	"regie/internal/store"
)

// The check-ups after closing in the demo: Gezin Willems, closed some
// months ago, had its check-up after 3 months with the mother and the
// network, and the one after 6 months has come due — on the last
// coordinator's list ("Mijn gezinnen") and the family page.

// demoCheckup is a check-up held some days after a demo family's file
// was closed.
type demoCheckup struct {
	family     string
	daysAfter  int    // after the closing
	by         string // e-mail of who held it: the last coordinator
	member     string // given name of the member spoken to
	org        string // key of the organisation spoken to
	orgContact string
	doing      string
	network    string
	assessment regie.CheckupAssessment
}

var checkups = []demoCheckup{
	{family: "Gezin Willems", daysAfter: 93, by: "casemanager2@demo.regie.nl", member: "Ingrid",
		org: "buurtteam-overvecht", orgContact: "Mirjam Kuipers",
		doing:      "Ingrid houdt de administratie zelf bij met het buurtteam; de huur wordt op tijd betaald. Bas heeft een bijbaan, Noa gaat graag naar school.",
		network:    "Het buurtteam komt eens in de twee weken; school belt Ingrid zelf als er iets is. De afspraken uit de overdracht lopen.",
		assessment: regie.CheckupGood},
}

// seedCheckups records the demo's check-ups on a clock set back to their
// day, as the last coordinator.
func seedCheckups(ctx context.Context, st *store.Store, real regie.Clock, users map[string]*regie.User, orgs, ids map[string]int64) error {
	sim := &simClock{}
	st.Clock = sim
	defer func() { st.Clock = real }()
	for _, c := range checkups {
		id, ok := ids[c.family]
		if !ok {
			return fmt.Errorf("demo check-up: no family %s", c.family)
		}
		by := actorFor(ctx, users[c.by])
		sim.setTime(real.Now())
		cs, err := st.FindCheckups(by, id)
		if err != nil {
			return fmt.Errorf("demo check-up %s: %w", c.family, err)
		}
		if cs.ClosedOn.IsZero() {
			return fmt.Errorf("demo check-up %s: the file is open", c.family)
		}
		held := cs.ClosedOn.AddDays(c.daysAfter)
		sim.setTime(time.Date(held.Time().Year(), held.Time().Month(), held.Time().Day(), 15, 0, 0, 0, regie.Amsterdam))
		in := regie.CheckupInput{HeldOn: held.ISO(), Family: c.doing, Cooperation: c.network, Assessment: c.assessment,
			Orgs: []regie.CheckupParty{{OrgID: orgs[c.org], Name: c.orgContact}}}
		for _, m := range cs.Members {
			if m.GivenName == c.member {
				in.MemberIDs = append(in.MemberIDs, m.ID)
			}
		}
		if _, err := st.CreateCheckup(by, id, in); err != nil {
			return fmt.Errorf("demo check-up %s: %w", c.family, err)
		}
	}
	return nil
}
