package demo

import (
	"context"
	"fmt"

	"regie"
)

// The informal network in the demo (issue 12): a grandmother, a neighbour,
// a sports coach — recorded when the plan is written, owners of plan
// agreements and of network agreements, at the network meetings of phase 5.
// One neighbour moves away after the first meeting: the agreement he had
// keeps his name, and he is no longer offered. Two families' consents
// name the GGZ — the demo partner's organisation — for the network
// meetings too, and the GGZ owns an agreement in every meeting there.

// personScript is a person of a family's informal network.
type personScript struct {
	name     string
	relation regie.NetworkRelation
	phone    string
	note     string
	// task is what the person takes on in a network meeting.
	task string
	// leavesAfterFirstMeeting: the person stops taking part a month after
	// the first network meeting.
	leavesAfterFirstMeeting bool
}

// networks are the demo families' informal networks.
var networks = map[string][]personScript{
	"Gezin Jansen": {
		{name: "Oma Thea", relation: regie.NetworkGrandparent, phone: "06 2000 1001", note: "Moeder van Sandra; past op woensdag op Lotte.",
			task: "Haalt Lotte op woensdag uit school en blijft tot Sandra thuis is."},
		{name: "Trainer Erik", relation: regie.NetworkCoach, phone: "06 2000 1002", note: "Voetbaltrainer van Dylan bij de club in de wijk.",
			task: "Belt de casemanager als Dylan twee trainingen mist."},
	},
	"Gezin de Bruijn": {
		{name: "Buurvrouw Joke", relation: regie.NetworkNeighbour, phone: "06 2000 2001", note: "Kijkt dagelijks even bij oma Gerda.",
			task: "Gaat elke ochtend even langs bij oma Gerda en belt Ria als er iets is."},
		{name: "Oom Henk", relation: regie.NetworkUncleAunt, phone: "06 2000 2002", note: "Broer van Kees; heeft een schildersbedrijf.",
			task: "Neemt Jordy twee dagen per week mee naar zijn werk."},
	},
	"Gezin Pinas": {
		{name: "Tante Gloria", relation: regie.NetworkUncleAunt, phone: "06 2000 3001", note: "Zus van Marcia; woont in Zuilen.",
			task: "Kookt op dinsdag en donderdag met Shanaya."},
		{name: "Coach Ricardo", relation: regie.NetworkCoach, phone: "06 2000 3002", note: "Basketbaltrainer van Romano.",
			task: "Brengt Romano na de training thuis en spreekt Marcia wekelijks."},
		{name: "Buurman Frits", relation: regie.NetworkNeighbour, note: "Hielp met de administratie; is verhuisd naar Nieuwegein.",
			task: "Samen met Marcia de post van de week doornemen.", leavesAfterFirstMeeting: true},
	},
	"Gezin Mahabier": {
		{name: "Nani Kamla", relation: regie.NetworkGrandparent, phone: "06 2000 4001", note: "Moeder van Sharmila; Anil en Kiran zijn veel bij haar.",
			task: "Vangt Anil en Kiran na school op als beide ouders werken."},
		{name: "Dhr. Ramdin", relation: regie.NetworkCommunity, note: "Vrijwilliger van de mandir; kent het gezin al jaren.",
			task: "Nodigt Ravi uit voor de vrijwilligersgroep op zaterdag."},
	},
}

// ggzNetwork are the families whose consent names the GGZ, the demo
// partner's organisation, for the network meetings as well.
var ggzNetwork = map[string]bool{"Gezin de Bruijn": true, "Gezin Pinas": true}

// ggzNetworkParty is that consent's party.
func ggzNetworkParty() partyScript {
	return partyScript{"ggz", "Behandeling van een ouder en afstemming in het netwerkoverleg",
		[]regie.InfoKind{regie.InfoFamily, regie.InfoMembers, regie.InfoNetwork, regie.DomainKind("welzijn")}}
}

// network records the family's informal network, once.
func (w *world) network(cm context.Context, f family, id int64) error {
	if w.persons[id] != nil {
		return nil
	}
	w.persons[id] = map[string]int64{}
	for _, ps := range networks[f.name] {
		p, err := w.st.AddNetworkPerson(cm, id, regie.NetworkPersonInput{Name: ps.name, Relation: ps.relation, Phone: ps.phone, Note: ps.note})
		if err != nil {
			return fmt.Errorf("demo network person %s: %w", ps.name, err)
		}
		w.persons[id][ps.name] = p.ID
	}
	return w.genogram(cm, f, id)
}

// meetingNetwork adds the informal network to a network meeting on day d:
// those taking part attend, and each takes on their task; the GGZ takes on
// its part where the consent names it. After the first meeting the person
// who leaves is ended a month later (endLeavers).
func (w *world) meetingNetwork(cm context.Context, f family, id int64, d regie.Date, first bool, in *regie.NetworkMeetingInput) error {
	if ggzNetwork[f.name] {
		in.Agreements = append(in.Agreements, regie.NetworkAgreementInput{OwnerChoice: fmt.Sprintf("o:%d", w.orgs["ggz"]),
			What: "Signaleringsplan met " + f.members[0].given + " bespreken en terugkoppelen in het volgende overleg", Due: d.AddDays(45).ISO()})
	}
	scripts := networks[f.name]
	if len(scripts) == 0 {
		return nil
	}
	in.Others = ""
	for _, ps := range scripts {
		pid := w.persons[id][ps.name]
		if pid == 0 || (ps.leavesAfterFirstMeeting && !first) {
			continue
		}
		in.Persons = append(in.Persons, pid)
		in.Agreements = append(in.Agreements, regie.NetworkAgreementInput{OwnerChoice: fmt.Sprintf("p:%d", pid), What: ps.task,
			Due: d.AddDays(60).ISO()})
	}
	return nil
}

// endLeavers ends, on day d (a month after the first meeting), those who
// leave.
func (w *world) endLeavers(cm context.Context, f family, id int64, d regie.Date) error {
	for _, ps := range networks[f.name] {
		if !ps.leavesAfterFirstMeeting {
			continue
		}
		if err := w.st.EndNetworkPerson(cm, id, w.persons[id][ps.name], regie.NetworkPersonEnd{EndedOn: d.ISO()}); err != nil {
			return fmt.Errorf("demo network person %s leaves: %w", ps.name, err)
		}
	}
	return nil
}
