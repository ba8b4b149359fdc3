package regie

import (
	"sort"
	"strings"
	"time"
)

// Wie kan wat zien: for the casemanager, per family, which organisations
// can see what of the file today and until when, on which consents; which
// consents ended and since when; who of those organisations may log in;
// the youths' own consents; and what partners recorded (issue 12). The
// policy decides a partner's access from the same consents
// (policy.OrganisationConsent); WhoSees says it in the casemanager's words.

// OrgAccess is what one organisation sees of a family today: the union of
// what its valid consents cover.
type OrgAccess struct {
	OrgID   int64
	OrgName string
	// Kinds are the sections and life domains covered, sections first
	// (in the order of InfoSections), then life domains (of Domains).
	Kinds []InfoKind
	// Until is the last day any of its consents holds; UntilWithdrawn:
	// one of them holds until withdrawn ("tot intrekking").
	Until          Date
	UntilWithdrawn bool
	// Consents are the valid consents naming it, oldest signed first.
	Consents []*Consent
	// Accounts are the names of the organisation's partner accounts
	// that may log in (not blocked): who can see it.
	Accounts []string
}

// Sections returns the sections of the file among Kinds.
func (o *OrgAccess) Sections() []InfoKind {
	var out []InfoKind
	for _, k := range o.Kinds {
		if IsChoice(InfoSections, k) {
			out = append(out, k)
		}
	}
	return out
}

// Domains returns the life domains among Kinds.
func (o *OrgAccess) Domains() []Domain {
	var out []Domain
	for _, c := range Domains {
		for _, k := range o.Kinds {
			if k == DomainKind(c.Value) {
				out = append(out, c.Value)
			}
		}
	}
	return out
}

// EndedConsent is a consent that no longer holds, and since when.
type EndedConsent struct {
	Consent *Consent
	// Withdrawn: withdrawn (else it expired). Since is the first day it
	// no longer held.
	Withdrawn bool
	Since     Date
	// Gone are the organisations it named that no valid consent names
	// any more: they see nothing of the family since.
	Gone []string
}

// LastDay returns the last day a consent holds, and false when it holds
// until withdrawn (no end date, not withdrawn).
func (c *Consent) LastDay() (Date, bool) {
	last := c.ValidUntil
	if !c.WithdrawnOn.IsZero() {
		if w := c.WithdrawnOn.AddDays(-1); last.IsZero() || w.Before(last) {
			last = w
		}
	}
	return last, !last.IsZero()
}

// WhoSees computes from a family's consents who sees what today: the
// organisations named by a consent valid today (by name), the consents
// that ended (the most recently ended first) and those not valid yet.
func WhoSees(cs []*Consent, today Date) (orgs []*OrgAccess, ended []*EndedConsent, upcoming []*Consent) {
	byOrg := map[int64]*OrgAccess{}
	kinds := map[int64]map[InfoKind]bool{}
	valid := make([]*Consent, 0, len(cs))
	for _, c := range cs {
		switch {
		case c.Valid(today):
			valid = append(valid, c)
		case today.Before(c.SignedOn) && c.WithdrawnOn.IsZero():
			upcoming = append(upcoming, c)
		default:
			e := &EndedConsent{Consent: c}
			last, _ := c.LastDay()
			e.Since = last.AddDays(1)
			e.Withdrawn = !c.WithdrawnOn.IsZero() && !c.WithdrawnOn.After(e.Since)
			ended = append(ended, e)
		}
	}
	sort.SliceStable(valid, func(i, j int) bool { return valid[i].SignedOn.Before(valid[j].SignedOn) })
	for _, c := range valid {
		last, ends := c.LastDay()
		for _, p := range c.Parties {
			o := byOrg[p.OrgID]
			if o == nil {
				o = &OrgAccess{OrgID: p.OrgID, OrgName: p.OrgName}
				byOrg[p.OrgID], kinds[p.OrgID] = o, map[InfoKind]bool{}
				orgs = append(orgs, o)
			}
			if len(o.Consents) == 0 || o.Consents[len(o.Consents)-1] != c {
				o.Consents = append(o.Consents, c)
			}
			if !ends {
				o.UntilWithdrawn = true
			} else if last.After(o.Until) {
				o.Until = last
			}
			for _, k := range p.Kinds {
				kinds[p.OrgID][k] = true
			}
		}
	}
	for _, o := range orgs {
		for _, s := range InfoSections {
			if kinds[o.OrgID][s.Value] {
				o.Kinds = append(o.Kinds, s.Value)
			}
		}
		for _, d := range Domains {
			if k := DomainKind(d.Value); kinds[o.OrgID][k] {
				o.Kinds = append(o.Kinds, k)
			}
		}
	}
	sort.SliceStable(orgs, func(i, j int) bool { return strings.ToLower(orgs[i].OrgName) < strings.ToLower(orgs[j].OrgName) })
	for _, e := range ended {
		seen := map[int64]bool{}
		for _, p := range e.Consent.Parties {
			if byOrg[p.OrgID] == nil && !seen[p.OrgID] {
				seen[p.OrgID] = true
				e.Gone = append(e.Gone, p.OrgName)
			}
		}
	}
	sort.SliceStable(ended, func(i, j int) bool { return ended[j].Since.Before(ended[i].Since) })
	return orgs, ended, upcoming
}

// YouthConsentView is a youth's own consent as the casemanager sees it:
// whose, and whether it holds today for the youth's age.
type YouthConsentView struct {
	Consent    *YouthConsent
	MemberID   int64
	MemberName string
	Age        int
	Holds      bool
}

// PartnerProgress is progress a partner recorded on an agreement of the
// plan or, when Network, of a network meeting.
type PartnerProgress struct {
	What    string
	Status  AgreementStatus
	Note    string
	Network bool
	ByName  string
	OrgName string
	At      time.Time
}

// PartnerView is the casemanager's view of a family's network partners:
// who can see what today, and what partners recorded.
type PartnerView struct {
	Today    Date
	Orgs     []*OrgAccess
	Ended    []*EndedConsent
	Upcoming []*Consent
	// YouthConsents are the youths' own consents (recorded in their
	// track), newest first.
	YouthConsents []*YouthConsentView
	// Stagnations are the partners' reports, newest first.
	Stagnations []*Stagnation
	// Progress is what partners recorded on the plan's agreements,
	// newest first.
	Progress []*PartnerProgress
	// CanHandle: the actor picks a report up.
	CanHandle bool
}

// OpenStagnations returns the reports no one picked up yet.
func (v *PartnerView) OpenStagnations() []*Stagnation {
	var out []*Stagnation
	for _, s := range v.Stagnations {
		if s.Open() {
			out = append(out, s)
		}
	}
	return out
}
