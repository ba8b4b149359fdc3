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
// same team first and the best matches first: the referral page and the
// team meeting's agenda show them.
func (tx *tx) duplicateCandidates(ctx context.Context, ref *regie.Referral) ([]*regie.DuplicateCandidate, error) {
	var out []*regie.DuplicateCandidate
	found := map[int64]*regie.DuplicateCandidate{}
	reason := func(famID int64, score int, why string) {
		c := found[famID]
		if c == nil {
			c = &regie.DuplicateCandidate{FamilyID: famID}
			found[famID] = c
		}
		c.Reasons, c.Score = append(c.Reasons, why), c.Score+score
	}
	for _, m := range ref.Members {
		rows, err := tx.QueryContext(ctx, `SELECT family_id, given_name, family_name FROM members WHERE birth_date = $1`, m.BirthDate.ISO())
		if err != nil {
			return nil, fmt.Errorf("store: find duplicates: %w", err)
		}
		for rows.Next() {
			var fid int64
			var given, family string
			if err := rows.Scan(&fid, &given, &family); err != nil {
				rows.Close()
				return nil, err
			}
			g, f := similarName(given, m.GivenName), similarName(family, m.FamilyName)
			switch {
			case g && f:
				reason(fid, 3, fmt.Sprintf("%s: zelfde geboortedatum (%s) en gelijkende voor- en achternaam", m.Name(), m.BirthDate.Short()))
			case g || f:
				reason(fid, 1, fmt.Sprintf("%s: zelfde geboortedatum (%s) en een gelijkende naam", m.Name(), m.BirthDate.Short()))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if ref.Postcode != "" && ref.Street != "" {
		rows, err := tx.QueryContext(ctx, `SELECT id, street FROM families WHERE postcode = $1`, ref.Postcode)
		if err != nil {
			return nil, fmt.Errorf("store: find duplicates: %w", err)
		}
		for rows.Next() {
			var fid int64
			var street string
			if err := rows.Scan(&fid, &street); err != nil {
				rows.Close()
				return nil, err
			}
			if fold(street) == fold(ref.Street) {
				reason(fid, 2, "zelfde adres: "+ref.Street+", "+ref.Postcode)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for fid, c := range found {
		var teamID int64
		var household string
		if err := tx.QueryRowContext(ctx, `SELECT f.team_id, t.name, d.name, f.household_name FROM families f
			JOIN teams t ON t.id = f.team_id JOIN districts d ON d.id = f.district_id WHERE f.id = $1`, fid).
			Scan(&teamID, &c.TeamName, &c.DistrictName, &household); err != nil {
			return nil, err
		}
		c.SameTeam = teamID == ref.TeamID
		if c.SameTeam {
			c.HouseholdName = household
		} else {
			// The reasons name the referred member, not the other
			// team's; still, keep them general.
			c.Reasons = []string{fmt.Sprintf("%d overeenkomst(en) met een gezin van een ander team", len(c.Reasons))}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].SameTeam != out[j].SameTeam {
			return out[i].SameTeam
		}
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].FamilyID < out[j].FamilyID
	})
	return out, nil
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
