package demo

import (
	"context"
	"fmt"

	"regie"
)

// The end of the intensive phase in the demo: ten days into phase 4 the
// casemanager makes the warm handover to the school and the bank for
// debts, and the referrer confirms the low-threshold contact; in phase 5
// the network meets every three months (two weeks in, then each 91 days)
// until the file closes or the family relapses.

// coordinationDay records what day d of the family's story holds of the
// handover and the network meetings.
func (w *world) coordinationDay(cm context.Context, f family, id int64, day int, d, today regie.Date) error {
	s := f.story
	if len(s.moves) >= 3 && day == s.moves[2]+10 && (len(s.moves) < 4 || s.moves[3] > day) {
		if _, err := w.st.AddHandover(cm, id, regie.HandoverInput{OrgID: w.orgs["school"], ContactPerson: "Juf Marloes (intern begeleider)",
			On: d.ISO(), Goals: "De kinderen gaan elke dag naar school; bij verzuim is er binnen een dag contact met moeder.",
			Tasks: "School: verzuim melden en maandelijks een gesprek met moeder. Gezin: ziekmelden voor 8 uur. " +
				"Casemanager: netwerkoverleg elke drie maanden."}); err != nil {
			return err
		}
		if _, err := w.st.AddHandover(cm, id, regie.HandoverInput{OrgID: w.orgs["kredietbank"], ContactPerson: "Henk Vos (schuldhulpverlener)",
			On: d.ISO(), Goals: "Binnen een jaar een schuldregeling; het gezin houdt zelf het budget bij.",
			Tasks: "Kredietbank: budgetbeheer en de schuldregeling. Gezin: post elke week meenemen naar het spreekuur."}); err != nil {
			return err
		}
		if err := w.st.ConfirmCommitment(cm, id, regie.CommitmentInput{ConfirmedBy: "Wijkagent Bos", On: d.ISO(),
			Note: "Loopt eens per maand binnen en is het aanspreekpunt in de wijk."}); err != nil {
			return err
		}
	}
	// A month after the first meeting, the person who leaves the
	// informal network stops.
	if len(s.moves) >= 4 && day == s.moves[3]+14+30 {
		if err := w.endLeavers(cm, f, id, d); err != nil {
			return err
		}
	}
	if len(s.moves) < 4 || day < s.moves[3]+14 || (day-s.moves[3]-14)%91 != 0 {
		return nil
	}
	if s.relapseDaysAgo > 0 && !d.Before(today.AddDays(-s.relapseDaysAgo)) {
		return nil
	}
	c, err := w.st.FindCoordination(cm, id)
	if err != nil {
		return err
	}
	fam, err := w.st.FindFamilyByID(cm, id)
	if err != nil {
		return err
	}
	in := regie.NetworkMeetingInput{HeldOn: d.ISO(), Others: "Oma (op verzoek van moeder)",
		Professionals: []regie.NetworkAttendeeInput{{Name: "Juf Marloes", OrgID: w.orgs["school"]}, {Name: "Henk Vos", OrgID: w.orgs["kredietbank"]}},
		Agreements: []regie.NetworkAgreementInput{
			{OwnerChoice: fmt.Sprintf("o:%d", w.orgs["school"]), What: "Verzuim dezelfde dag aan moeder en de casemanager melden", Due: d.AddDays(60).ISO()},
			{OwnerChoice: fmt.Sprintf("o:%d", w.orgs["kredietbank"]), What: "Stand van de schuldregeling aan het gezin uitleggen", Due: d.AddDays(30).ISO()},
		},
		Progress: map[int64]regie.AgreementStatus{},
		Notes:    "De trajecten lopen; het gezin komt zelf naar de afspraken. Minder instanties dan bij de start."}
	if ms := fam.CurrentMembers(); len(ms) > 0 {
		in.Members = []int64{ms[0].ID}
	}
	for i, a := range c.Open {
		in.Progress[a.ID] = regie.AgreementDone
		if i%3 == 2 {
			in.Progress[a.ID] = regie.AgreementRunning
		}
	}
	first := len(c.Meetings) == 0
	if err := w.meetingNetwork(cm, f, id, d, first, &in); err != nil {
		return err
	}
	_, err = w.st.AddNetworkMeeting(cm, id, in)
	return err
}
