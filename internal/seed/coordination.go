package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"regie"
)

// The end of the intensive phase in the synthetic city: a warm handover to
// one or two agencies shortly before a family enters phase 5 (and the
// referrer's commitment checked off for most), every network meeting held
// in phase 5 (a contact of kind netwerkoverleg) also as a record with its
// attendees, agreements and the progress of the earlier ones, and every
// closed file with its outcome — an onward referral to long-term help
// where the reason says so. The meetings fall on the days of those
// contacts, so the summary's last network meeting stays what the contacts
// make it. A random source of its own keeps the rest of the city as it was.

// coordSeed writes the handovers, network meetings and closings.
type coordSeed struct {
	g          *gen
	r          *rand.Rand
	receivers  []receiver
	handovers  *inserter
	checks     *inserter
	meetings   *inserter
	attendees  *inserter
	agreements *inserter
	progress   *inserter
	closings   *inserter
	// net writes the partner accounts, the consents and the informal
	// networks (network.go).
	net *netSeed
}

// receiver is an agency of the synthetic social map that takes over care.
type receiver struct {
	id            int64
	name, contact string
	kind          string
}

var receiverDefs = []receiver{
	{name: "Buurtteam (synthetisch)", contact: "Sanne de Boer", kind: "maatschappelijk_werk"},
	{name: "Schuldhulp (synthetisch)", contact: "Henk Vos", kind: "schuldhulp"},
	{name: "Basisschool (synthetisch)", contact: "Juf Marloes", kind: "school"},
	{name: "GGZ wijkteam (synthetisch)", contact: "Peter Smit", kind: "ggz"},
	{name: "Jeugdbescherming (synthetisch)", contact: "Linda Bakker", kind: "jeugdzorg"},
	{name: "Maatschappelijke opvang (synthetisch)", contact: "Ahmed El Amrani", kind: "overig"},
}

// newCoordSeed makes the receiving agencies and the inserters; trs is the
// phase transitions' inserter, flushed first.
func (g *gen) newCoordSeed(deps ...*inserter) (*coordSeed, error) {
	c := &coordSeed{g: g, r: rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x6e6574776b))} //nolint:gosec // synthetic data, reproducible
	orgs := g.insert("organisations", []string{"id", "name", "own", "created_at", "kind", "contact_person"})
	for _, d := range receiverDefs {
		id, err := g.id("organisations")
		if err != nil {
			return nil, err
		}
		d.id = id
		if err := orgs.row(id, d.name, false, ts(g.now.AddDate(-5, 0, 0)), d.kind, d.contact); err != nil {
			return nil, err
		}
		c.receivers = append(c.receivers, d)
	}
	var err error
	if c.net, err = g.newNetSeed(c.receivers, orgs); err != nil {
		return nil, err
	}
	deps = append(deps, orgs)
	c.handovers = g.insert("handovers", []string{"id", "family_id", "org_id", "contact_person", "handed_over_on", "goals", "tasks",
		"created_by", "created_at"}, deps...)
	c.checks = g.insert("commitment_checks", []string{"id", "family_id", "confirmed_by", "confirmed_on", "note", "created_by", "created_at"}, deps...)
	c.meetings = g.insert("network_meetings", []string{"id", "family_id", "held_on", "agencies", "notes", "created_by", "created_at"}, deps...)
	c.attendees = g.insert("network_attendees", []string{"id", "meeting_id", "kind", "name", "org_id", "member_id", "person_id"},
		c.meetings, c.net.persons)
	c.agreements = g.insert("network_agreements", []string{"id", "meeting_id", "family_id", "owner", "what", "due", "owner_kind",
		"owner_org_id", "owner_person_id"}, c.meetings, c.net.persons)
	c.progress = g.insert("network_progress", []string{"id", "meeting_id", "agreement_id", "status"}, c.agreements)
	c.closings = g.insert("family_closings", []string{"id", "family_id", "closed_on", "outcome", "reason", "onward_org_id",
		"onward_reason", "created_by", "created_at"}, deps...)
	return c, nil
}

func (c *coordSeed) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + c.r.IntN(hi-lo+1)
}

// family writes the family's handover, meetings and closing; cs are its
// contacts, in date order.
func (c *coordSeed) family(f *family, cs []contact) error {
	g := c.g
	var phase3, phase4, phase5 regie.Date
	for _, m := range f.moves {
		if m.relapse {
			break
		}
		switch m.phase {
		case regie.PhaseExecution:
			phase3 = m.on
		case regie.PhaseClosing:
			phase4 = m.on
		case regie.PhaseCoordination:
			phase5 = m.on
		}
	}
	orgs := map[int64]bool{} // the agencies the family's consent names
	if !phase5.IsZero() {
		on := phase5.AddDays(-c.between(1, 10))
		if on.Before(phase4) {
			on = phase4
		}
		at := g.at(on, c.between(9*60, 16*60))
		who := f.coordOn(on)
		for i, k := range c.r.Perm(4)[:c.between(1, 2)] {
			r := c.receivers[k]
			id, err := g.id("handovers")
			if err != nil {
				return err
			}
			if err := c.handovers.row(id, f.id, r.id, r.contact, on.ISO(), handoverGoals[k], handoverTasks[k], who.id, ts(at.Add(time.Duration(i)*time.Minute))); err != nil {
				return err
			}
			orgs[r.id] = true
			g.event(at, who, regie.ActionCreate, regie.SegHandover, f.id, 0, basisCoord, fmt.Sprintf("warme overdracht %d aan %s", id, r.name))
		}
		if c.r.Float64() < 0.7 {
			id, err := g.id("commitment_checks")
			if err != nil {
				return err
			}
			if err := c.checks.row(id, f.id, "Wijkagent", on.ISO(), "", who.id, ts(at)); err != nil {
				return err
			}
			g.event(at, who, regie.ActionCreate, regie.SegHandover, f.id, 0, basisCoord, "toezegging van de aanmelder afgevinkt")
		}
	}
	if err := c.networkMeetings(f, cs, orgs); err != nil {
		return err
	}
	if !phase5.IsZero() {
		// The consent was signed at the end of phase 2 (or, for a family
		// whose story has no phase 3, shortly before the handover).
		on := phase3.AddDays(-3)
		if phase3.IsZero() {
			on = phase5.AddDays(-14)
		}
		var ids []int64
		for _, r := range c.receivers {
			if orgs[r.id] {
				ids = append(ids, r.id)
			}
		}
		if err := c.net.consent(f, on, ids); err != nil {
			return err
		}
	}
	return c.closing(f)
}

var (
	handoverGoals = []string{
		"Het gezin heeft een vast aanspreekpunt in de wijk en komt zelf naar het spreekuur.",
		"Binnen een jaar een schuldregeling; het gezin houdt zelf het budget bij.",
		"De kinderen gaan elke dag naar school; verzuim wordt dezelfde dag besproken.",
		"Moeder houdt haar behandeling vol; terugval wordt vroeg gezien.",
	}
	handoverTasks = []string{
		"Buurtteam: maandelijks huisbezoek. Gezin: belt bij problemen. Casemanager: netwerkoverleg elke drie maanden.",
		"Schuldhulp: budgetbeheer en schuldregeling. Gezin: post elke week meenemen.",
		"School: verzuim melden en een gesprek per maand. Gezin: ziekmelden voor 8 uur.",
		"GGZ: behandeling en signaleringsplan. Casemanager: afstemming in het netwerkoverleg.",
	}
	networkWhat = []string{"Verzuim dezelfde dag melden", "Stand van de schuldregeling uitleggen", "Huisbezoek plannen",
		"Aanmelden bij de sportclub", "Signaleringsplan bespreken", "Afspraak bij de huisarts maken"}
	networkStatuses = []regie.AgreementStatus{regie.AgreementDone, regie.AgreementDone, regie.AgreementDone, regie.AgreementRunning,
		regie.AgreementFailed}
)

// networkMeetings records every network meeting contact of phase 5 as a
// meeting: the family's first member, one to three agencies, one or two
// agreements, and the status of the open ones from before. The number of
// agencies falls over the coordination, as it should.
func (c *coordSeed) networkMeetings(f *family, cs []contact, orgs map[int64]bool) error {
	g := c.g
	var open, openPersons []int64
	n := 0
	var persons []*networkPerson
	for i := range cs {
		if ct := &cs[i]; ct.kind == regie.ContactNetwork && ct.phase == regie.PhaseCoordination {
			var err error
			if persons, err = c.net.informalNetwork(f, ct.date, ct.user); err != nil {
				return err
			}
			break
		}
	}
	for i := range cs {
		ct := &cs[i]
		if ct.kind != regie.ContactNetwork || ct.phase != regie.PhaseCoordination {
			continue
		}
		id, err := g.id("network_meetings")
		if err != nil {
			return err
		}
		agencies := max(1, 4-n/2-c.between(0, 1))
		if err := c.meetings.row(id, f.id, ct.date.ISO(), agencies, "", ct.user.id, ts(ct.created)); err != nil {
			return err
		}
		n++
		var member any
		for _, m := range f.members {
			if m.ended.IsZero() && m.id != 0 {
				member = m.id
				break
			}
		}
		if member != nil {
			aid, err := g.id("network_attendees")
			if err != nil {
				return err
			}
			if err := c.attendees.row(aid, id, string(regie.AttendeeMember), "", nil, member, nil); err != nil {
				return err
			}
		}
		var present []*networkPerson
		for _, p := range persons {
			if p.ended.IsZero() || p.ended.After(ct.date) {
				present = append(present, p)
			}
		}
		for _, p := range present {
			aid, err := g.id("network_attendees")
			if err != nil {
				return err
			}
			if err := c.attendees.row(aid, id, string(regie.AttendeeNetwork), "", nil, nil, p.id); err != nil {
				return err
			}
		}
		for _, k := range c.r.Perm(4)[:c.between(1, min(3, agencies))] {
			aid, err := g.id("network_attendees")
			if err != nil {
				return err
			}
			if err := c.attendees.row(aid, id, string(regie.AttendeeOrganisation), c.receivers[k].contact, c.receivers[k].id, nil, nil); err != nil {
				return err
			}
			orgs[c.receivers[k].id] = true
		}
		for _, a := range open {
			pid, err := g.id("network_progress")
			if err != nil {
				return err
			}
			if err := c.progress.row(pid, id, a, string(networkStatuses[c.r.IntN(len(networkStatuses))])); err != nil {
				return err
			}
		}
		// The progress of the informal network's agreements, from the
		// network's own random source.
		for _, a := range openPersons {
			pid, err := g.id("network_progress")
			if err != nil {
				return err
			}
			if err := c.progress.row(pid, id, a, string(networkStatuses[c.net.r.IntN(len(networkStatuses))])); err != nil {
				return err
			}
		}
		open, openPersons = open[:0], openPersons[:0]
		for range c.between(1, 2) {
			aid, err := g.id("network_agreements")
			if err != nil {
				return err
			}
			r := c.receivers[c.r.IntN(4)]
			owner := strings.TrimSuffix(r.name, " (synthetisch)")
			if err := c.agreements.row(aid, id, f.id, owner, networkWhat[c.r.IntN(len(networkWhat))],
				ct.date.AddDays(c.between(21, 80)).ISO(), string(regie.OwnerOrganisation), r.id, nil); err != nil {
				return err
			}
			orgs[r.id] = true
			open = append(open, aid)
		}
		if len(present) > 0 && c.net.r.Float64() < 0.7 {
			p := present[c.net.r.IntN(len(present))]
			aid, err := g.id("network_agreements")
			if err != nil {
				return err
			}
			if err := c.agreements.row(aid, id, f.id, p.name, p.task, ct.date.AddDays(30+c.net.r.IntN(40)).ISO(),
				string(regie.OwnerNetwork), nil, p.id); err != nil {
				return err
			}
			openPersons = append(openPersons, aid)
		}
		g.event(ct.created, ct.user, regie.ActionCreate, regie.SegNetwork, f.id, 0, basisCoord,
			fmt.Sprintf("netwerkoverleg %d op %s", id, ct.date.ISO()))
	}
	return nil
}

// closing records a closed file's outcome, from the reason it was closed
// for: an onward referral where another agency took over for good.
func (c *coordSeed) closing(f *family) error {
	if f.closedAt.IsZero() {
		return nil
	}
	outcome, onward, why := regie.CloseNetwork, int64(0), ""
	switch {
	case strings.Contains(f.closeReason, "verhuisd"):
		outcome = regie.CloseMoved
	case strings.Contains(f.closeReason, "geen begeleiding meer"):
		outcome = regie.CloseWithdrawn
	case strings.Contains(f.closeReason, "Jeugdbescherming"):
		outcome, onward, why = regie.CloseOnward, c.receivers[4].id, "Ondertoezichtstelling: de jeugdbescherming houdt de regie."
	case strings.Contains(f.closeReason, "opvang"):
		outcome, onward, why = regie.CloseOnward, c.receivers[5].id, "Het gezin woont in de opvang en heeft daar langdurige begeleiding."
	}
	id, err := c.g.id("family_closings")
	if err != nil {
		return err
	}
	return c.closings.row(id, f.id, f.closeOn.ISO(), string(outcome), f.closeReason, idArg(onward), why, f.coordOn(f.closeOn).id, ts(f.closedAt))
}

// flush writes what is left.
func (c *coordSeed) flush() error {
	for _, in := range []*inserter{c.handovers, c.checks, c.meetings, c.attendees, c.agreements, c.progress, c.closings,
		c.net.persons, c.net.consents, c.net.signers, c.net.parties} {
		if err := in.flush(); err != nil {
			return err
		}
	}
	return nil
}
