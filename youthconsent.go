package regie

import "context"

// Recording the youth's own consent (DOMAIN.md §6): the youth worker
// takes down what the youth signed — on which day, until when, whether a
// parent signed with them (12–15), and with whom what they told in
// confidence may be shared. regie applies it wherever that content could
// show: the coordinator's pages, the family's plan PDF, a partner's view.

// YouthConsentInput is what the youth worker records from the signed
// paper.
type YouthConsentInput struct {
	SignedOn   string
	ValidUntil string // "" holds until withdrawn
	// YouthSigned: the youth signed themself; without it nothing holds.
	YouthSigned bool
	// ParentID is the parent or carer (a member) who signed with a youth
	// of 12–15; 0 when none.
	ParentID         int64
	ShareCoordinator bool
	ShareFamily      bool
	OrgIDs           []int64
	Note             string
}

// YouthConsentDates are the days a valid YouthConsentInput holds from and
// until (zero: until withdrawn).
type YouthConsentDates struct{ SignedOn, ValidUntil Date }

// Validate checks the input for a youth (a member) against the family's
// members, on today: the youth is 12 to 24 on the day they signed; they
// signed themself; from 12 to 15 a parent or carer of the family, an
// adult, signed with them; from 16 the youth decides alone, so a parent
// is neither needed nor counted; and the consent shares with someone.
// The organisations are checked by the store, which knows them.
func (in *YouthConsentInput) Validate(today Date, youth *Member, members []*Member) (YouthConsentDates, error) {
	in.Note = Clean(in.Note)
	var v Validation
	var out YouthConsentDates
	out.SignedOn = v.PastDate("signed_on", Clean(in.SignedOn), today, true)
	if u := Clean(in.ValidUntil); u != "" {
		if d, err := ParseDate(u); err != nil {
			v.Add("valid_until", MsgDateInvalid)
		} else if !out.SignedOn.IsZero() && d.Before(out.SignedOn) {
			v.Add("valid_until", MsgUntilBeforeSigned)
		} else {
			out.ValidUntil = d
		}
	}
	on := out.SignedOn
	if on.IsZero() {
		on = today
	}
	age := YouthAge(youth.AgeOn(on))
	switch {
	case !age.Confidential():
		v.Add("youth", MsgYouthConsentTooYoung, youth.GivenName, int(age))
	case age > YouthAgeMax:
		v.Add("youth", MsgYouthConsentTooOld, youth.GivenName, int(age))
	}
	if !in.YouthSigned {
		v.Add("youth_signed", MsgYouthConsentYouthSigns, youth.GivenName)
	}
	if age.Confidential() && age <= YouthAgeMax {
		switch {
		case age.NeedsParent() && in.ParentID == 0:
			v.Add("parent", MsgYouthConsentNeedsParent, youth.GivenName, int(age))
		case age.DecidesAlone() && in.ParentID != 0:
			v.Add("parent", MsgYouthConsentParentAlone, youth.GivenName, int(age))
		case in.ParentID != 0:
			if p := parentOf(in.ParentID, youth, members); p == nil {
				v.Add("parent", MsgYouthConsentParentInvalid)
			} else if !p.EndedOn.IsZero() || p.AgeOn(on) < 18 {
				v.Add("parent", MsgYouthConsentParentInvalid)
			}
		}
	}
	if !in.ShareCoordinator && !in.ShareFamily && len(in.OrgIDs) == 0 {
		v.Add("share", MsgYouthConsentNoShare)
	}
	v.MaxLen("note", in.Note, 2000)
	return out, v.Err()
}

// parentOf returns the member id names if it is a parent or carer in the
// youth's family, else nil.
func parentOf(id int64, youth *Member, members []*Member) *Member {
	for _, m := range members {
		if m.ID == id && m.ID != youth.ID && m.FamilyID == youth.FamilyID && (m.Relation == "ouder" || m.Relation == "verzorger") {
			return m
		}
	}
	return nil
}

// YouthConsentParents returns the members who may sign with a youth: the
// family's current parents and carers who are adults on day.
func YouthConsentParents(youth *Member, members []*Member, day Date) []*Member {
	var ps []*Member
	for _, m := range members {
		if parentOf(m.ID, youth, members) != nil && m.EndedOn.IsZero() && m.AgeOn(day) >= 18 {
			ps = append(ps, m)
		}
	}
	return ps
}

// YouthPermissions say what the actor may do with one youth's track, as
// the access policy decides them (policy.YouthPermissions).
type YouthPermissions struct {
	ReadConsents  bool // the youth's own consents
	RecordConsent bool // record and withdraw them (the youth's own worker)
	// ReadConfidential: what the youth told in confidence is shown to
	// the actor (their own worker, or under the youth's consent).
	ReadConfidential bool
	// The youth's own track (youth_track.go): Read its shared part;
	// Start one (none runs); Plan the goals, agreements and scores of a
	// running one; record a Contact with the youth; Close it with the
	// final evaluation. The policy decides them; the store narrows them
	// by the track's state.
	Read, Start, Plan, Contact, Close bool
	// OpenFamily: the family's page; Assign: the team leader's
	// assignment of the youth worker.
	OpenFamily, Assign bool
}

// YouthPermissionsOf returns what the actor who read the family may do
// with a member's own youth track; nothing for a member without one.
func (f *Family) YouthPermissionsOf(memberID int64) YouthPermissions { return f.YouthCan[memberID] }

// YouthConsents is a youth's page of consents: the youth, their age
// today, their consents newest first, and what the actor may do.
type YouthConsents struct {
	Youth    *Member
	Age      YouthAge
	Consents []*YouthConsent
	// Parents are the members who may sign with the youth.
	Parents []*Member
	Can     YouthPermissions
}

// Recordable reports whether a new consent can be recorded by the actor:
// they may, and the youth is of an age that has a confidential track.
func (p *YouthConsents) Recordable() bool {
	return p.Can.RecordConsent && p.Age.InTrack()
}

// InTrack reports whether a youth of this age is in the youth worker's
// range, 12 to 24: the ages that give their own consent.
func (a YouthAge) InTrack() bool { return a.Confidential() && a <= YouthAgeMax }

// YouthNote is one piece of what a youth told in confidence: a note of a
// contact with the youth.
type YouthNote struct {
	ContactID int64
	Date      Date
	Author    string
	Note      string
}

// YouthConfidential is what a youth told in confidence, as far as the
// reader may see it (the policy on SegYouthConfidential).
type YouthConfidential struct {
	MemberID int64
	Name     string
	Notes    []*YouthNote
	// Track is the youth's newest track with its confidential part (the
	// goals, every agreement, the scores, the final evaluation); nil when
	// none was started.
	Track *YouthTrack
}

// YouthInPlan is a youth's track as the family's plan PDF shows it: the
// shared part always (that it runs, with whom, since when, and the
// agreements that concern the family); what the youth told in confidence
// (the goals per life domain, the other agreements, the final
// evaluation, the notes) only when the youth's own consent shares it
// with the parents' side (Shared); otherwise the plan says it is
// confidential and shows nothing of it.
type YouthInPlan struct {
	MemberID int64
	Name     string
	Shared   bool
	// Track is the youth's newest track; without one recorded, only its
	// youth worker (WorkerName) is known. Its confidential part is filled
	// only when Shared.
	Track *YouthTrack
	Notes []*YouthNote
}

// YouthConsentService records a youth's own consents. Every method
// answers ENOTFOUND for a family, member or consent the actor may not see.
type YouthConsentService interface {
	// FindYouthConsents returns a youth's consents with what the actor
	// may do. ENOTFOUND.
	FindYouthConsents(ctx context.Context, familyID, memberID int64) (*YouthConsents, error)
	// CreateYouthConsent records a youth's consent. EINVALID (see
	// YouthConsentInput.Validate; an unknown organisation), ENOTFOUND.
	CreateYouthConsent(ctx context.Context, familyID, memberID int64, in YouthConsentInput) (*YouthConsent, error)
	// WithdrawYouthConsent withdraws a youth's consent from a day, with a
	// reason. EINVALID, ENOTFOUND.
	WithdrawYouthConsent(ctx context.Context, familyID, memberID, consentID int64, on, reason string) error
	// FindYouthConfidential returns what a youth told in confidence,
	// read under the policy (audited, a denial too). ENOTFOUND.
	FindYouthConfidential(ctx context.Context, familyID, memberID int64) (*YouthConfidential, error)
}
