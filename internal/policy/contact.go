package policy

import "regie"

// ContactChange decides whether actor a may change a contact that the user
// authorID recorded. It is asked after Decide allowed changing the family's
// contacts at all: only the author changes their own contact. The note is
// the author's account of a visit and stays under the author's name, so a
// colleague — a youth worker, the duo partner, the team leader — records a
// contact of their own instead of rewriting someone else's.
func ContactChange(a *regie.Actor, authorID int64) Decision {
	if a == nil || a.UserID == 0 || authorID == 0 || a.UserID != authorID {
		return deny
	}
	return allow("eigen contactmoment")
}
