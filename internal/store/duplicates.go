package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"regie"
)

// FindDuplicates implements regie.ReferralService: it looks for families
// already known under another name or file — a family referred twice, or
// one that had help before — so the team leader links instead of making a
// duplicate. A member matches on the same birth date and a similar given
// or family name; a family matches on the same postcode and street. Of a
// family in another team only its dossier number and team are shown.
func (s *Store) FindDuplicates(ctx context.Context, referralID int64) ([]*regie.DuplicateCandidate, error) {
	var out []*regie.DuplicateCandidate
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.authorizeReferral(ctx, regie.ActionSearch, regie.SegReferral, referralID)
		if err != nil {
			return err
		}
		ref, err := tx.findReferral(ctx, referralID)
		if err != nil {
			return err
		}
		if out, err = tx.duplicateCandidates(ctx, ref); err != nil {
			return err
		}
		// The search is in the referral's log, and in the log of each
		// family it shows (NEN 7513).
		rec := auditRecord{Action: regie.ActionSearch, Outcome: regie.OutcomeOK, Segment: regie.SegReferral,
			ReferralID: referralID, Basis: dec.Basis, Detail: fmt.Sprintf("controle op een bekend gezin: %d mogelijk", len(out))}
		subjects := make([]auditSubject, len(out))
		for i, c := range out {
			subjects[i] = auditSubject{FamilyID: c.FamilyID, ReferralID: referralID}
		}
		return tx.auditEach(ctx, rec, subjects)
	})
	return out, err
}

// duplicateCandidates finds the known families the referral ref may be,
// same team first and the best matches first: the referral page shows
// them.
func (tx *tx) duplicateCandidates(ctx context.Context, ref *regie.Referral) ([]*regie.DuplicateCandidate, error) {
	out := map[int64][]*regie.DuplicateCandidate{}
	b := tx.batch()
	b.duplicateCandidates([]*regie.Referral{ref}, out)
	err := b.run(ctx)
	return out[ref.ID], err
}

// duplicateCandidates queues the search for the known families of each
// referral of refs — of which it uses the id, team, street, postcode and
// members — into out, by referral: the team meeting's agenda searches for
// all its referrals at once. The members of every referral are looked up
// by birth date in one read and the addresses by postcode in another; the
// families found follow in the next round.
func (b *batch) duplicateCandidates(refs []*regie.Referral, out map[int64][]*regie.DuplicateCandidate) {
	type person struct {
		familyID     int64
		given, sname string
	}
	type address struct {
		familyID int64
		street   string
	}
	var dates, postcodes []string
	for _, ref := range refs {
		for _, m := range ref.Members {
			dates = append(dates, m.BirthDate.ISO())
		}
		if ref.Postcode != "" && ref.Street != "" {
			postcodes = append(postcodes, ref.Postcode)
		}
	}
	d := b.tx.s.d
	born := map[string][]person{}
	if len(dates) > 0 {
		b.each("find duplicates: members by birth date", `SELECT family_id, given_name, family_name, birth_date FROM members WHERE `+d.inTexts("birth_date", 1, "date"),
			[]any{d.textsArg(dates)}, func(sc scanner) error {
				var p person
				var on regie.Date
				if err := sc.Scan(&p.familyID, &p.given, &p.sname, dateScan{&on}); err != nil {
					return err
				}
				born[on.ISO()] = append(born[on.ISO()], p)
				return nil
			})
	}
	living := map[string][]address{}
	if len(postcodes) > 0 {
		b.each("find duplicates: families by postcode", `SELECT id, street, postcode FROM families WHERE `+d.inTexts("postcode", 1, "text"),
			[]any{d.textsArg(postcodes)}, func(sc scanner) error {
				var a address
				var postcode string
				if err := sc.Scan(&a.familyID, &a.street, &postcode); err != nil {
					return err
				}
				living[postcode] = append(living[postcode], a)
				return nil
			})
	}
	b.then(func(_ context.Context, next *batch) error {
		found := map[int64]map[int64]*regie.DuplicateCandidate{} // by referral, by family
		var families []int64
		for _, ref := range refs {
			byFamily := map[int64]*regie.DuplicateCandidate{}
			found[ref.ID] = byFamily
			reason := func(famID int64, score int, why string) {
				c := byFamily[famID]
				if c == nil {
					c = &regie.DuplicateCandidate{FamilyID: famID}
					byFamily[famID] = c
					families = append(families, famID)
				}
				c.Reasons, c.Score = append(c.Reasons, why), c.Score+score
			}
			for _, m := range ref.Members {
				for _, p := range born[m.BirthDate.ISO()] {
					g, f := similarName(p.given, m.GivenName), similarName(p.sname, m.FamilyName)
					switch {
					case g && f:
						reason(p.familyID, 3, fmt.Sprintf("%s: zelfde geboortedatum (%s) en gelijkende voor- en achternaam", m.Name(), m.BirthDate.Short()))
					case g || f:
						reason(p.familyID, 1, fmt.Sprintf("%s: zelfde geboortedatum (%s) en een gelijkende naam", m.Name(), m.BirthDate.Short()))
					}
				}
			}
			if ref.Postcode != "" && ref.Street != "" {
				for _, a := range living[ref.Postcode] {
					if fold(a.street) == fold(ref.Street) {
						reason(a.familyID, 2, "zelfde adres: "+ref.Street+", "+ref.Postcode)
					}
				}
			}
		}
		if len(families) == 0 {
			return nil
		}
		type family struct {
			teamID                    int64
			team, district, household string
		}
		known := map[int64]family{}
		next.each("find duplicates: families found", `SELECT f.id, f.team_id, t.name, d.name, f.household_name FROM families f
			JOIN teams t ON t.id = f.team_id JOIN districts d ON d.id = f.district_id WHERE `+d.inIDs("f.id", 1),
			[]any{d.idsArg(families)}, func(sc scanner) error {
				var id int64
				var f family
				if err := sc.Scan(&id, &f.teamID, &f.team, &f.district, &f.household); err != nil {
					return err
				}
				known[id] = f
				return nil
			})
		next.then(func(context.Context, *batch) error {
			for _, ref := range refs {
				var list []*regie.DuplicateCandidate
				for fid, c := range found[ref.ID] {
					f, ok := known[fid]
					if !ok {
						return fmt.Errorf("store: find duplicates: family %d not found", fid)
					}
					c.TeamName, c.DistrictName, c.SameTeam = f.team, f.district, f.teamID == ref.TeamID
					if c.SameTeam {
						c.HouseholdName = f.household
					} else {
						// The reasons name the referred member, not the
						// other team's; still, keep them general.
						c.Reasons = []string{fmt.Sprintf("%d overeenkomst(en) met een gezin van een ander team", len(c.Reasons))}
					}
					list = append(list, c)
				}
				sort.Slice(list, func(i, j int) bool {
					if list[i].SameTeam != list[j].SameTeam {
						return list[i].SameTeam
					}
					if list[i].Score != list[j].Score {
						return list[i].Score > list[j].Score
					}
					return list[i].FamilyID < list[j].FamilyID
				})
				if len(list) > 0 {
					out[ref.ID] = list
				}
			}
			return nil
		})
		return nil
	})
}

// fold lower-cases s and strips accents, spaces and punctuation, so
// "Öztürk" and "ozturk", "de Bruijn" and "De  Bruijn" compare equal.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// similarName reports whether two names are the same after folding, or
// differ by at most two edits (a typo, "ij" for "y", a dropped prefix
// letter) when long enough for that to mean something.
func similarName(a, b string) bool {
	fa, fb := fold(a), fold(b)
	if fa == "" || fb == "" {
		return false
	}
	if fa == fb {
		return true
	}
	limit := 1
	if min(len(fa), len(fb)) >= 6 {
		limit = 2
	}
	return min(len(fa), len(fb)) >= 4 && levenshtein(fa, fb) <= limit
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
