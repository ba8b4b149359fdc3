package seed

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"regie"
)

// The partners' side of the synthetic city (issue 12): an account of a
// network partner at each agency that takes over care; for every family
// that reached phase 5 a consent, signed at the end of phase 2, naming the
// agencies it works with there — for the network meetings too; and for
// about 60 % of them an informal network of one to three people
// (grandmother, neighbour, sports coach…) who attend the network meetings
// and own some agreements. About one person in seven stops taking part
// after the first meeting; the agreements they had keep their name. A
// random source of its own keeps the rest of the city as it was.

// netSeed writes the partner accounts, the consents and the informal
// networks; coordSeed calls it per family.
type netSeed struct {
	g        *gen
	r        *rand.Rand
	partners map[int64]bool // organisations with a partner account
	persons  *inserter
	consents *inserter
	signers  *inserter
	parties  *inserter
}

// networkPerson is a person of a family's informal network as drawn.
type networkPerson struct {
	id       int64
	name     string
	relation regie.NetworkRelation
	ended    regie.Date // zero: takes part
	task     string
}

var (
	networkRelations = []struct {
		relation regie.NetworkRelation
		prefix   []string
		task     string
	}{
		{regie.NetworkGrandparent, []string{"Oma", "Opa"}, "Past twee middagen per week op de kinderen"},
		{regie.NetworkNeighbour, []string{"Buurvrouw", "Buurman"}, "Kijkt elke dag even of alles goed gaat"},
		{regie.NetworkCoach, []string{"Trainer", "Coach"}, "Haalt en brengt de oudste naar de training"},
		{regie.NetworkUncleAunt, []string{"Tante", "Oom"}, "Gaat mee naar de afspraak bij de schuldhulp"},
		{regie.NetworkFriend, []string{"Vriendin", "Vriend"}, "Belt moeder elke zondagavond"},
		{regie.NetworkCommunity, []string{"Vrijwilliger"}, "Nodigt het gezin uit voor de activiteiten van de vereniging"},
	}
	// consentKinds is what the synthetic consents let the agencies see.
	consentKinds = strings.Join([]string{string(regie.InfoFamily), string(regie.InfoMembers), string(regie.InfoNetwork),
		string(regie.InfoTrajectories)}, ",")
)

// newNetSeed makes a partner account at each receiving agency and the
// inserters; orgs is the organisations' inserter, flushed first.
func (g *gen) newNetSeed(receivers []receiver, orgs *inserter) (*netSeed, error) {
	n := &netSeed{g: g, r: rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x70617274)), partners: map[int64]bool{}} //nolint:gosec // synthetic data, reproducible
	users := g.insert("users", []string{"id", "organisation_id", "email", "name", "sort_name", "role", "password_hash", "created_at"}, orgs)
	for _, rc := range receivers {
		id, err := g.id("users")
		if err != nil {
			return nil, err
		}
		email := fmt.Sprintf("partner.%s.%d@%s", slug(rc.contact), id, Domain)
		if err := users.row(id, rc.id, email, rc.contact, regie.SortName(rc.contact), string(regie.RolePartner), g.opt.PasswordHash,
			ts(g.now.AddDate(-2, 0, 0))); err != nil {
			return nil, err
		}
		n.partners[rc.id] = true
	}
	n.persons = g.insert("network_persons", []string{"id", "family_id", "name", "relation", "phone", "note", "ended_on", "created_by",
		"created_at", "updated_at"})
	n.consents = g.insert("consents", []string{"id", "family_id", "signed_on", "valid_until", "withdrawn_on", "withdraw_reason",
		"document_id", "created_by", "created_at"})
	n.signers = g.insert("consent_signers", []string{"consent_id", "member_id"}, n.consents)
	n.parties = g.insert("consent_parties", []string{"consent_id", "org_id", "purpose", "kinds"}, n.consents, orgs)
	return n, nil
}

// moment returns a moment on day d during office hours, never after now.
func (n *netSeed) moment(d regie.Date) time.Time {
	t := d.Time()
	t = time.Date(t.Year(), t.Month(), t.Day(), 8+n.r.IntN(9), n.r.IntN(60), n.r.IntN(60), 0, regie.Amsterdam).UTC()
	if t.After(n.g.now) {
		t = n.g.now.Add(-time.Duration(n.r.IntN(3600)+1) * time.Second)
	}
	return t
}

// informalNetwork draws the family's informal network, recorded a few
// days before its first network meeting (on first, by who); nil for
// about 40 % of the families.
func (n *netSeed) informalNetwork(f *family, first regie.Date, who *user) ([]*networkPerson, error) {
	if first.IsZero() || n.r.Float64() >= 0.6 {
		return nil, nil
	}
	g := n.g
	var out []*networkPerson
	for _, k := range n.r.Perm(len(networkRelations))[:1+n.r.IntN(3)] {
		rel := networkRelations[k]
		o := &origins[n.r.IntN(len(origins))]
		p := &networkPerson{relation: rel.relation, task: rel.task,
			name: rel.prefix[n.r.IntN(len(rel.prefix))] + " " + o.female[n.r.IntN(len(o.female))]}
		var err error
		if p.id, err = g.id("network_persons"); err != nil {
			return nil, err
		}
		if end := first.AddDays(40); n.r.IntN(7) == 0 && end.Before(g.today) {
			p.ended = end
		}
		on := first.AddDays(-1 - n.r.IntN(20))
		at := n.moment(on)
		if err := n.persons.row(p.id, f.id, p.name, string(p.relation), fmt.Sprintf("06 %04d %04d", n.r.IntN(10000), n.r.IntN(10000)), "",
			dateArg(p.ended), who.id, ts(at), ts(at)); err != nil {
			return nil, err
		}
		g.event(at, who, regie.ActionCreate, regie.SegNetworkPersons, f.id, 0, basisCoord,
			fmt.Sprintf("netwerkpersoon %d toegevoegd: %s", p.id, p.relation.Label()))
		out = append(out, p)
	}
	return out, nil
}

// consent writes the family's consent naming orgs, signed on day on.
func (n *netSeed) consent(f *family, on regie.Date, orgs []int64) error {
	if len(orgs) == 0 || on.IsZero() {
		return nil
	}
	g := n.g
	var signer int64
	for _, m := range f.members {
		if m.id != 0 && m.relation != "kind" && !m.started.After(on) {
			signer = m.id
			break
		}
	}
	if signer == 0 {
		return nil
	}
	id, err := g.id("consents")
	if err != nil {
		return err
	}
	who := f.coordOn(on)
	at := n.moment(on)
	if err := n.consents.row(id, f.id, on.ISO(), nil, nil, "", nil, who.id, ts(at)); err != nil {
		return err
	}
	if err := n.signers.row(id, signer); err != nil {
		return err
	}
	for _, org := range orgs {
		if err := n.parties.row(id, org, "Samenwerking in de coördinatie van zorg en het netwerkoverleg", consentKinds); err != nil {
			return err
		}
	}
	g.event(at, who, regie.ActionCreate, regie.SegConsent, f.id, 0, basisCoord, fmt.Sprintf("toestemmingsverklaring %d vastgelegd", id))
	return nil
}
