package demo

import (
	"context"
	"fmt"

	"regie"
	"regie/internal/store"
)

// The demo's work supervision: the team leader's monthly sessions with
// the casemanagers. Sanne had hers recently (with the one before it, so
// its form shows the agreements of the last); Youssef's is overdue;
// Petra and the youth worker have none yet.

// demoSession is a session held daysAgo with the worker of the e-mail.
type demoSession struct {
	worker   string
	daysAgo  int
	leader   string
	own      string
	agreed   string
	families []string // the worker's families discussed, by name
}

var demoSessions = []demoSession{
	{worker: "casemanager@demo.regie.nl", daysAgo: 38,
		leader: "Uren: de laatste weken ruim boven de 8 uur per week bij Gezin Jansen. Hoe houd je dat vol naast je andere gezinnen?",
		own:    "Gezin van der Linden is net gestart en het contact is moeizaam. Wil graag meedenken over een andere ingang, via school.",
		agreed: "Sanne belt de intern begeleider van de school over Gezin van der Linden, binnen twee weken\n" +
			"Jolanda zet Gezin van der Linden op de agenda van het teamoverleg\nSanne plant haar uren per week vooruit in haar agenda",
		families: []string{"Gezin Jansen", "Gezin van der Linden"}},
	{worker: "casemanager@demo.regie.nl", daysAgo: 9,
		leader: "De afspraken van vorige keer: het gesprek met school is gevoerd. De uren zijn weer binnen de norm.",
		own:    "Wil de training motiverende gespreksvoering volgen. Bij Gezin van der Linden blijft de deur nu al weken dicht.",
		agreed: "Jolanda vraagt budget voor de training aan, voor het volgende gesprek\n" +
			"Sanne gaat met de duo-partner samen langs bij Gezin van der Linden, deze week",
		families: []string{"Gezin van der Linden"}},
	{worker: "casemanager2@demo.regie.nl", daysAgo: 47,
		leader: "Werkvoorraad: vier gezinnen, waarvan twee in fase 2 met veel contactmomenten. Ziekteverlof van een collega vangen we samen op.",
		own:    "Het netwerkoverleg bij Gezin Mahabier loopt stroef: de GGZ komt niet. Wil de werkwijze bij een terugval bespreken.",
		agreed: "Youssef nodigt de GGZ opnieuw uit, met Jolanda in de cc, deze week\n" +
			"Jolanda bespreekt terugvalroutes in het volgende teamoverleg",
		families: []string{"Gezin Mahabier"}},
}

// supervise records the demo's supervision sessions on their days.
func supervise(ctx context.Context, st *store.Store, real regie.Clock, users map[string]*regie.User, famIDs map[string]int64) error {
	sim := &simClock{}
	st.Clock = sim
	defer func() { st.Clock = real }()
	today := regie.DateOf(real.Now())
	lead := actorFor(ctx, users["teamleider@demo.regie.nl"])
	for _, s := range demoSessions {
		on := today.AddDays(-s.daysAgo)
		sim.set(on, 16, real.Now())
		in := regie.SupervisionInput{HeldOn: on.ISO(), LeaderPoints: s.leader, WorkerPoints: s.own, Agreements: s.agreed}
		for _, name := range s.families {
			id, ok := famIDs[name]
			if !ok {
				return fmt.Errorf("demo supervision: no family %s", name)
			}
			in.FamilyIDs = append(in.FamilyIDs, id)
		}
		if _, err := st.CreateSupervisionSession(lead, users[s.worker].ID, in); err != nil {
			return fmt.Errorf("demo supervision of %s on %s: %w", s.worker, on, err)
		}
	}
	return nil
}
