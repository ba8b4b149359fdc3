package regie

import "time"

// The youth worker's own track (seed 003 §6): a jeugdhulpverlener works
// one on one with a member aged 12 to 24, apart from the parents and in
// coordination with the family's casemanager. What the youth tells in
// confidence stays between the youth and the youth worker unless the
// youth's own consent allows more (DOMAIN.md §6): from 16 the youth
// decides alone, from 12 to 15 together with a parent; below 12 the
// parents decide and there is no confidential track.

// The ages of the youth track and of the youth's say over it.
const (
	YouthAgeMin   = 12 // the youngest a youth worker works with
	YouthAgeMax   = 24 // the oldest
	YouthAgeAlone = 16 // from this age the youth decides alone
)

// YouthAge says what a youth's age means for the confidentiality of what
// they tell: whether there is a confidential track at all, and who must
// sign to share it.
type YouthAge int

// Confidential reports whether what a youth of this age tells in
// confidence is theirs to share: from 12.
func (a YouthAge) Confidential() bool { return a >= YouthAgeMin }

// DecidesAlone reports whether the youth's signature alone decides: 16
// and older.
func (a YouthAge) DecidesAlone() bool { return a >= YouthAgeAlone }

// NeedsParent reports whether a parent must sign with the youth: 12–15.
func (a YouthAge) NeedsParent() bool { return a.Confidential() && !a.DecidesAlone() }

// YouthConsent is the youth's own consent to share what they told in
// confidence: with the family's coordinator, with the parents' side (the
// family's plan and its PDF), and with named organisations. It holds
// only when signed as the youth's age asks (YouthConsent.Holds).
type YouthConsent struct {
	ID       int64
	FamilyID int64
	MemberID int64 // the youth
	SignedOn Date
	// ValidUntil: zero holds until withdrawn.
	ValidUntil  Date
	WithdrawnOn Date
	// WithdrawReason is what the youth said when withdrawing it.
	WithdrawReason string
	// YouthSigned: the youth signed. ParentID is the parent (a member)
	// who signed with them, 0 when none.
	YouthSigned bool
	ParentID    int64
	ParentName  string
	// What may be shared, and with whom.
	ShareCoordinator bool    // the family's coordinator (casemanager, duo partner)
	ShareFamily      bool    // the parents' side: the family's plan and PDF
	OrgIDs           []int64 // partner organisations
	OrgNames         []string
	Note             string
	CreatedByName    string
	CreatedAt        time.Time
}

// Holds reports whether the consent allows sharing on a day for a youth
// of the age: signed, not expired, not withdrawn, and signed by the youth
// (with a parent for 12–15). Below 12 no youth consent holds: the
// parents decide, and nothing is confidential to begin with.
func (c *YouthConsent) Holds(on Date, age YouthAge) bool {
	if c == nil || !age.Confidential() || !c.YouthSigned {
		return false
	}
	if age.NeedsParent() && c.ParentID == 0 {
		return false
	}
	return c.Valid(on)
}

// Valid reports whether the consent's dates hold on a day: signed, not
// expired, not withdrawn — whoever signed it (Holds adds that).
func (c *YouthConsent) Valid(on Date) bool {
	return !on.Before(c.SignedOn) && (c.ValidUntil.IsZero() || !on.After(c.ValidUntil)) &&
		(c.WithdrawnOn.IsZero() || on.Before(c.WithdrawnOn))
}

// NamesOrg reports whether the consent names an organisation.
func (c *YouthConsent) NamesOrg(orgID int64) bool {
	for _, id := range c.OrgIDs {
		if id == orgID {
			return true
		}
	}
	return false
}
