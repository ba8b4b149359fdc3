package seed

import (
	"fmt"
	"strings"

	"regie"
)

// Check-ups after closing (regie.CheckupService): every closed file gets
// the check-ups of the default moments (3, 6 and 12 months after the
// closing) that have come, each held by the family's last coordinator
// around its day (two weeks early to four weeks late) — about one in
// seven is missed, so some files have a check-up past due. Most go well;
// about one in five gives concerns and one in twelve serious concerns.
// No referrals are generated from them. The summary's checkups_done and
// last_checkup_on are set as the store's checkupFacts computes them.

// checkupBasis is the policy's basis for the last coordinator's check-up
// (policy.lastCoordinatorBasis).
const checkupBasis = "laatste regisseur: check-up na afsluiting"

var checkupNetwork = []string{"Buurtteam (contactpersoon)", "School, intern begeleider", "Huisarts", "Wijkagent",
	"Schuldhulpverlening", "Jeugdgezondheidszorg", "Woningcorporatie, consulent"}

var checkupTexts = map[regie.CheckupAssessment][2]string{
	regie.CheckupGood: {"Het gaat goed: de post wordt bijgehouden en de kinderen gaan naar school.",
		"De afspraken uit de overdracht lopen; het buurtteam komt geregeld langs."},
	regie.CheckupConcerns: {"Er zijn weer achterstanden in de huur en moeder slaapt slecht.",
		"Het buurtteam is minder in beeld; school maakt zich zorgen over het verzuim."},
	regie.CheckupSerious: {"De situatie is verslechterd: deurwaarder aan de deur, oudste zoon niet meer thuis.",
		"Niemand in het netwerk heeft nog zicht op het gezin."},
}

func (g *gen) checkups() error {
	checkups := g.insert("checkups", []string{"id", "family_id", "held_on", "family_doing", "cooperation", "assessment",
		"created_by", "created_at"})
	parties := g.insert("checkup_parties", []string{"id", "checkup_id", "kind", "member_id", "org_id", "name"}, checkups)
	moments := regie.DefaultNorms().CheckupMonths
	type facts struct {
		done int
		last regie.Date
	}
	summaries := map[int64]facts{}
	for _, f := range g.fams {
		if f.closedAt.IsZero() {
			continue
		}
		closed := regie.DateOf(f.closedAt)
		by := f.coordOn(f.closeOn)
		var s facts
		for _, m := range moments {
			held := closed.AddMonths(m).AddDays(g.between(-14, 28))
			if !held.Before(g.today) {
				break
			}
			if held.Before(closed) || g.chance(0.15) {
				continue
			}
			id, err := g.id("checkups")
			if err != nil {
				return err
			}
			assessment := regie.CheckupGood
			switch r := g.r.Float64(); {
			case r < 0.08:
				assessment = regie.CheckupSerious
			case r < 0.30:
				assessment = regie.CheckupConcerns
			}
			at := g.workday(held)
			texts := checkupTexts[assessment]
			if err := checkups.row(id, f.id, held.ISO(), texts[0], texts[1], string(assessment), by.id, ts(at)); err != nil {
				return err
			}
			for _, mb := range f.members {
				if mb.ended.IsZero() || mb.ended.After(held) {
					pid, err := g.id("checkup_parties")
					if err != nil {
						return err
					}
					if err := parties.row(pid, id, string(regie.PartyMember), mb.id, nil, mb.given+" "+mb.surname); err != nil {
						return err
					}
					break
				}
			}
			pid, err := g.id("checkup_parties")
			if err != nil {
				return err
			}
			if err := parties.row(pid, id, string(regie.PartyOther), nil, nil, pick(g, checkupNetwork)); err != nil {
				return err
			}
			g.event(at, by, regie.ActionCreate, regie.SegCheckups, f.id, 0, checkupBasis,
				fmt.Sprintf("check-up %d van %s: %s", id, held.Dutch(), strings.ToLower(assessment.Label())))
			s.done++
			if held.After(s.last) {
				s.last = held
			}
		}
		if s.done > 0 {
			summaries[f.id] = s
		}
	}
	// The summaries are updated below: the rows go in first.
	if err := parties.flush(); err != nil {
		return err
	}
	for id, s := range summaries {
		if _, err := g.tx.ExecContext(g.ctx, `UPDATE family_summaries SET checkups_done = $1, last_checkup_on = $2 WHERE family_id = $3`,
			s.done, s.last.ISO(), id); err != nil {
			return fmt.Errorf("check-up summary: %w", err)
		}
	}
	return nil
}
