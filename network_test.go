package regie_test

import (
	"strings"
	"testing"

	"regie"
)

func TestNetworkPersonInput_Validate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		in     regie.NetworkPersonInput
		fields []string
	}{
		{"OK", regie.NetworkPersonInput{Name: "  Oma Jansen ", Relation: regie.NetworkGrandparent, Phone: "06 1234 5678"}, nil},
		{"ErrNameRequired", regie.NetworkPersonInput{Name: "  ", Relation: regie.NetworkNeighbour}, []string{"name"}},
		{"ErrRelationUnknown", regie.NetworkPersonInput{Name: "Ben", Relation: "collega"}, []string{"network_relation"}},
		{"ErrRelationMissing", regie.NetworkPersonInput{Name: "Ben"}, []string{"network_relation"}},
		{"ErrTooLong", regie.NetworkPersonInput{Name: strings.Repeat("a", 201), Relation: regie.NetworkOther,
			Phone: strings.Repeat("1", 41), Note: strings.Repeat("x", 2001)}, []string{"name", "phone", "note"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate()
			fields := regie.ErrorFields(err)
			if len(fields) != len(tt.fields) {
				t.Fatalf("fields = %v, want %v", fields, tt.fields)
			}
			for _, f := range tt.fields {
				if fields[f] == "" {
					t.Errorf("no message on %s: %v", f, fields)
				}
			}
			if tt.fields == nil && tt.in.Name != "Oma Jansen" {
				t.Errorf("name not cleaned: %q", tt.in.Name)
			}
		})
	}
}

func TestNetworkPersonEnd_Validate(t *testing.T) {
	today := regie.NewDate(2026, 3, 2)
	for _, tt := range []struct {
		on, field string
	}{{"2026-03-02", ""}, {"", "ended_on"}, {"2026-03-03", "ended_on"}, {"gisteren", "ended_on"}} {
		in := regie.NetworkPersonEnd{EndedOn: tt.on}
		d, err := in.Validate(today)
		if got := regie.ErrorFields(err)[tt.field]; (tt.field == "") != (err == nil) || (tt.field != "" && got == "") {
			t.Errorf("%q: err %v", tt.on, err)
		}
		if err == nil && d.ISO() != tt.on {
			t.Errorf("%q: day %v", tt.on, d)
		}
	}
}

func TestNetworkPersons_ActiveAndEnded(t *testing.T) {
	d := func(s string) regie.Date { x, _ := regie.ParseDate(s); return x }
	oma := &regie.NetworkPerson{ID: 1, Name: "Oma", Relation: regie.NetworkGrandparent}
	buur := &regie.NetworkPerson{ID: 2, Name: "Buurman Kees", Relation: regie.NetworkNeighbour, EndedOn: d("2026-03-01")}
	ps := &regie.NetworkPersons{List: []*regie.NetworkPerson{oma, buur}}
	if got := ps.Active(d("2026-02-28")); len(got) != 2 {
		t.Errorf("active the day before the end: %d, want 2", len(got))
	}
	if got := ps.Active(d("2026-03-01")); len(got) != 1 || got[0] != oma {
		t.Errorf("active on the day it ended: %v", got)
	}
	if got := ps.Ended(d("2026-03-01")); len(got) != 1 || got[0] != buur {
		t.Errorf("ended: %v", got)
	}
	if got, want := buur.Label(), "Buurman Kees (buur)"; got != want {
		t.Errorf("Label = %q, want %q", got, want)
	}
}

func TestParseOwnerChoice(t *testing.T) {
	for in, want := range map[string]regie.OwnerChoice{
		"o:3": {regie.OwnerOrganisation, 3}, "m:4": {regie.OwnerMember, 4}, "p:5": {regie.OwnerNetwork, 5}, "c:6": {regie.OwnerCasemanager, 6},
	} {
		if got, ok := regie.ParseOwnerChoice(in); !ok || got != want {
			t.Errorf("ParseOwnerChoice(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "x:1", "p:", "p:0", "p:-2", "p:abc", "School"} {
		if _, ok := regie.ParseOwnerChoice(in); ok {
			t.Errorf("ParseOwnerChoice(%q) accepted", in)
		}
	}
}

func TestNetworkMeetingInput_ValidateOwner(t *testing.T) {
	today := regie.NewDate(2026, 3, 2)
	in := regie.NetworkMeetingInput{HeldOn: "2026-03-01", Persons: []int64{9},
		Agreements: []regie.NetworkAgreementInput{
			{OwnerChoice: "p:9", What: "Elke woensdag koken met de kinderen", Due: "2026-04-01"},
			{OwnerChoice: "o:2", Owner: "GGZ", What: "Intake", Due: "2026-04-01"},
			{OwnerChoice: "z:2", What: "Bellen", Due: "2026-04-01"},
			{What: "Bellen", Due: "2026-04-01"},
			{Owner: "Tante Ans", What: "Oppassen", Due: "2026-04-01"},
		}}
	_, _, err := in.Validate(today)
	fields := regie.ErrorFields(err)
	want := map[string]bool{"agreement-1-owner": true, "agreement-2-who": true, "agreement-3-who": true}
	for f := range want {
		if fields[f] == "" {
			t.Errorf("no message on %s: %v", f, fields)
		}
	}
	for f := range fields {
		if !want[f] {
			t.Errorf("unexpected message on %s: %s", f, fields[f])
		}
	}
	// A person of the informal network counts as an attendee.
	in = regie.NetworkMeetingInput{HeldOn: "2026-03-01", Persons: []int64{9}}
	if _, _, err := in.Validate(today); err != nil {
		t.Errorf("a network person alone attended: %v", err)
	}
	if got := (regie.NetworkAttendee{Kind: regie.AttendeeNetwork, Name: "Oma"}).Label(); got != "Oma (netwerk)" {
		t.Errorf("Label = %q", got)
	}
}
