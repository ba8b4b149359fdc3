package regie_test

import (
	"fmt"
	"strings"
	"testing"

	"regie"
)

// TestYouthConsentInputValidate: a youth's own consent by age — below 12
// and above 24 there is none; 12–15 sign with an adult parent or carer of
// their own family; from 16 alone, and a parent's signature is refused
// as meaningless; the youth always signs; it shares with someone.
func TestYouthConsentInputValidate(t *testing.T) {
	today, _ := regie.ParseDate("2026-06-01")
	born := func(age int) regie.Date { return regie.NewDate(2026-age, 1, 15) }
	mother := &regie.Member{ID: 1, FamilyID: 9, GivenName: "Sandra", BirthDate: born(40), Relation: "ouder"}
	carer := &regie.Member{ID: 2, FamilyID: 9, GivenName: "Ton", BirthDate: born(50), Relation: "verzorger"}
	brother := &regie.Member{ID: 3, FamilyID: 9, GivenName: "Sem", BirthDate: born(19), Relation: "kind"}
	teenMother := &regie.Member{ID: 4, FamilyID: 9, GivenName: "Lisa", BirthDate: born(17), Relation: "ouder"}
	left := &regie.Member{ID: 5, FamilyID: 9, GivenName: "Kees", BirthDate: born(45), Relation: "ouder", EndedOn: today}
	stranger := &regie.Member{ID: 6, FamilyID: 8, GivenName: "Ans", BirthDate: born(45), Relation: "ouder"}
	youth := func(age int) *regie.Member {
		return &regie.Member{ID: 30, FamilyID: 9, GivenName: "Kevin", BirthDate: born(age), Relation: "kind"}
	}
	members := func(y *regie.Member) []*regie.Member {
		return []*regie.Member{mother, carer, brother, teenMother, left, stranger, y}
	}
	ok := func(parent int64) regie.YouthConsentInput {
		return regie.YouthConsentInput{SignedOn: "2026-05-01", YouthSigned: true, ParentID: parent, ShareCoordinator: true}
	}
	for _, tc := range []struct {
		name  string
		age   int
		in    regie.YouthConsentInput
		field string // "" valid
		says  string
	}{
		{"11: none below 12", 11, ok(1), "youth", "Onder de 12 jaar"},
		{"12 with the mother", 12, ok(1), "", ""},
		{"12 with the carer", 12, ok(2), "", ""},
		{"12 without a parent", 12, ok(0), "parent", "tekent een ouder of verzorger mee"},
		{"15 without a parent", 15, ok(0), "parent", "van 12 tot 16 jaar"},
		{"15 with an adult brother", 15, ok(3), "parent", "ouder of verzorger"},
		{"15 with a parent of 17", 15, ok(4), "parent", "volwassen"},
		{"15 with a parent who left", 15, ok(5), "parent", "nog bij het gezin hoort"},
		{"15 with another family's parent", 15, ok(6), "parent", "van dit gezin"},
		{"15 with the mother", 15, ok(1), "", ""},
		{"16 alone", 16, ok(0), "", ""},
		{"16 with a parent: not needed, not counted", 16, ok(1), "parent", "niet nodig en telt"},
		{"24 alone", 24, ok(0), "", ""},
		{"25: past the track", 25, ok(0), "youth", "tot en met 24 jaar"},
		{"the youth did not sign", 16, regie.YouthConsentInput{SignedOn: "2026-05-01", ShareFamily: true}, "youth_signed", "Kevin tekent zelf"},
		{"shares with no one", 16, regie.YouthConsentInput{SignedOn: "2026-05-01", YouthSigned: true}, "share", "Kies met wie"},
		{"an organisation is someone", 16, regie.YouthConsentInput{SignedOn: "2026-05-01", YouthSigned: true, OrgIDs: []int64{5}}, "", ""},
		{"until before signed", 16, regie.YouthConsentInput{SignedOn: "2026-05-01", ValidUntil: "2026-04-01", YouthSigned: true, ShareFamily: true},
			"valid_until", "voor de datum"},
		{"signed in the future", 16, regie.YouthConsentInput{SignedOn: "2026-07-01", YouthSigned: true, ShareFamily: true}, "signed_on", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			y := youth(tc.age)
			in := tc.in
			dates, err := in.Validate(today, y, members(y))
			fields := regie.ErrorFields(err)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v %v", err, fields)
				}
				if dates.SignedOn.ISO() != "2026-05-01" {
					t.Errorf("signed on %s", dates.SignedOn)
				}
				return
			}
			msg, found := fields[tc.field]
			if !found {
				t.Fatalf("no error on %s: %v", tc.field, fields)
			}
			if !strings.Contains(msg, tc.says) {
				t.Errorf("%s: %q does not say %q", tc.field, msg, tc.says)
			}
		})
	}
	// The parents offered are the adult, current parents and carers.
	var names []string
	for _, p := range regie.YouthConsentParents(youth(14), members(youth(14)), today) {
		names = append(names, p.GivenName)
	}
	if got := fmt.Sprint(names); got != "[Sandra Ton]" {
		t.Errorf("parents offered: %s", got)
	}
}
