package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"regie"
	"regie/internal/store"
)

// story is how a demo family's care went: when it started, when it moved
// on to each next phase, how often the casemanager came and how often the
// door stayed shut. The demo lives it day by day on a clock set in the
// past, so the hours, phases and signals are what regie itself makes of
// such a history.
type story struct {
	startDaysAgo int
	// moves are the days after the start on which the family went on to
	// phase 2, 3, … in turn.
	moves []int
	// perWeek is the contacts a week in the intensive phase.
	perWeek float64
	// refusals is the share of attempts without contact.
	refusals float64
	// quietDays: the last days only attempts, no contact (a signal).
	quietDays int
	// relapseDaysAgo sends a family in coordination back to phase 3.
	relapseDaysAgo int
	extension      string
	youth          string // a member (given name) with the youth worker
	// closeDaysAgo closes the file: the network took over.
	closeDaysAgo int
}

// simClock is the clock the store runs on while the demo's history is made.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *simClock) setTime(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// set puts the clock at the hour of day d, but never after now: the
// demo's history stops at the present.
func (c *simClock) set(d regie.Date, hour int, now time.Time) {
	t := time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), hour, 0, 0, 0, regie.Amsterdam)
	if t.After(now) {
		t = now
	}
	c.setTime(t)
}

// simulate creates the demo families and lives their histories up to
// today, then puts the store's clock back.
func simulate(ctx context.Context, st *store.Store, real regie.Clock, users map[string]*regie.User, district map[string]int64,
	orgs map[string]int64) (map[string]int64, error) {
	today := regie.DateOf(real.Now())
	sim := &simClock{}
	st.Clock = sim
	defer func() { st.Clock = real }()

	lead := actorFor(ctx, users["teamleider@demo.regie.nl"])
	w := &world{st: st, lead: lead, orgs: orgs, saved: map[string]int64{}, updates: map[int64][]statusUpdate{},
		persons: map[int64]map[string]int64{}}
	rnd := rand.New(rand.NewPCG(1, 2026)) //nolint:gosec // fictional demo data, reproducible on purpose
	// The families added for the reports' effect draw from their own
	// dice, so the histories of the others stay as they were.
	effectRnd := rand.New(rand.NewPCG(2, 2026)) //nolint:gosec // as rnd
	bsn := bsnSource()
	ids := map[string]int64{}
	pending := map[string][]member{} // members not yet born on the start day
	var ended []endedMember
	earliest := 0
	for _, f := range families {
		earliest = max(earliest, f.story.startDaysAgo)
	}
	for d := today.AddDays(-earliest); !d.After(today); d = d.AddDays(1) {
		for _, f := range families {
			start := today.AddDays(-f.story.startDaysAgo)
			if d.Before(start) {
				continue
			}
			sim.set(d, 9, real.Now())
			if d == start {
				id, later, left, err := startDemoFamily(lead, st, f, district, users, today, bsn)
				if err != nil {
					return nil, err
				}
				ids[f.name], pending[f.name], ended = id, later, append(ended, left...)
			}
			id := ids[f.name]
			// A baby born since the start joins the household.
			var still []member
			for _, m := range pending[f.name] {
				if birth := birthDate(m, today); birth.After(d) {
					still = append(still, m)
				} else if _, err := st.AddMember(lead, id, regie.MemberInput{GivenName: m.given, FamilyName: m.family,
					Relation: m.relation, BirthDate: birth.ISO()}); err != nil {
					return nil, fmt.Errorf("demo member %s: %w", m.given, err)
				}
			}
			pending[f.name] = still
			if f.coordinator == "" {
				continue
			}
			cm := actorFor(ctx, users[f.coordinator])
			sim.set(d, 20, real.Now())
			dice := rnd
			if f.effect != nil {
				dice = effectRnd
			}
			if err := w.liveDay(cm, users[f.coordinator].ID, dice, f, id, start, d, today); err != nil {
				return nil, fmt.Errorf("demo history %s on %s: %w", f.name, d, err)
			}
			if err := w.youthDay(actorFor(ctx, users["jeugd@demo.regie.nl"]), f, id, start, d); err != nil {
				return nil, fmt.Errorf("demo youth track %s on %s: %w", f.name, d, err)
			}
		}
	}
	// The members who left the household, two months ago, as the story
	// says (they were collected but never ended before).
	for _, e := range ended {
		if err := st.EndMember(lead, e.familyID, e.memberID, regie.MemberEnd{EndedOn: today.AddDays(-61).ISO(), Reason: e.reason}); err != nil {
			return nil, fmt.Errorf("demo member leaves: %w", err)
		}
	}
	return ids, nil
}

// endedMember is a member who left the household two months ago; ended
// when the history is done.
type endedMember struct {
	familyID, memberID int64
	reason             string
}

// startDemoFamily creates a family on its first day, with the members born
// by then, and assigns its casemanagers.
func startDemoFamily(lead context.Context, st *store.Store, f family, district map[string]int64, users map[string]*regie.User,
	today regie.Date, bsn func() string) (id int64, later []member, ended []endedMember, err error) {
	fam, err := st.CreateFamily(lead, regie.FamilyInput{HouseholdName: f.name, Street: f.street, Postcode: f.postcode, City: "Utrecht",
		DistrictID: district[f.district], DutchProficiency: f.proficiency, Languages: f.languages,
		InterpreterNeeded: f.interpreter, CompositionNotes: f.notes})
	if err != nil {
		return 0, nil, nil, fmt.Errorf("demo family %s: %w", f.name, err)
	}
	start := today.AddDays(-f.story.startDaysAgo)
	for _, m := range f.members {
		birth := birthDate(m, today)
		if birth.After(start) {
			later = append(later, m)
			continue
		}
		in := regie.MemberInput{GivenName: m.given, FamilyName: m.family, Relation: m.relation, BirthDate: birth.ISO()}
		if m.withBSN {
			in.BSN = bsn()
		}
		added, err := st.AddMember(lead, fam.ID, in)
		if err != nil {
			return 0, nil, nil, fmt.Errorf("demo member %s: %w", m.given, err)
		}
		if m.ended != "" {
			ended = append(ended, endedMember{fam.ID, added.ID, m.ended})
		}
		if f.story.youth == m.given {
			if err := st.AssignYouthWorker(lead, fam.ID, added.ID, users["jeugd@demo.regie.nl"].ID, true); err != nil {
				return 0, nil, nil, fmt.Errorf("demo youth worker %s: %w", m.given, err)
			}
		}
	}
	if f.coordinator != "" {
		// The demo team took these decisions with open eyes, over norms too.
		in := regie.AssignInput{CoordinatorID: users[f.coordinator].ID, Confirmed: true}
		if f.duo != "" {
			in.DuoID = users[f.duo].ID
		}
		if err := st.AssignFamily(lead, fam.ID, in); err != nil {
			return 0, nil, nil, fmt.Errorf("demo assignment %s: %w", f.name, err)
		}
	}
	return fam.ID, later, ended, nil
}

// birthDate is a demo member's birth date, relative to today so ages look
// right whenever the demo runs.
func birthDate(m member, today regie.Date) regie.Date {
	return today.AddMonths(-(m.age*12 + m.months)).AddDays(-int(m.given[0]) % 27)
}

// moveDecisions are the team meeting's words for moving a family on,
// by the phase it moves to.
var moveDecisions = map[regie.Phase]string{
	regie.PhaseContact:      "De introductie is gelukt en er staat een vervolgafspraak. Door naar contact leggen en motiveren.",
	regie.PhaseExecution:    "Het plan is met het gezin afgesproken en de toestemming is getekend. Door naar de uitvoering.",
	regie.PhaseClosing:      "De belangrijkste doelen zijn bereikt; de intensieve fase wordt afgerond en geëvalueerd.",
	regie.PhaseCoordination: "Eindevaluatie besproken; het netwerk neemt de zorg over. Door naar coördinatie van zorg.",
}

var practicalWork = [][]regie.Practical{{"post"}, {"post", "geld"}, {"huishouden"}, {"boodschappen"}, {"school"}, {"instantie"}, {"gesprek"}, nil}

var notes = []string{
	"Samen de post van de afgelopen weken doorgenomen en gesorteerd in de ordners.",
	"Koffie gedronken; moeder vertelde over de zorgen om de oudste.",
	"Afwas gedaan en keuken opgeruimd; intussen over de week gepraat.",
	"Mee naar de kringloopwinkel voor een bed voor de jongste.",
	"Kinderen naar school gebracht; gesprek met de intern begeleider.",
	"Brief van de deurwaarder besproken; afspraak met schuldhulp gemaakt.",
	"Vader thuis getroffen; kort gesprek over werk.",
	"",
}

// liveDay is one day in a demo family's history: maybe a contact, and a
// phase move when its day has come.
func (w *world) liveDay(cm context.Context, userID int64, rnd *rand.Rand, f family, id int64, start, d, today regie.Date) error {
	st := w.st
	s := f.story
	day := start.DaysUntil(d)
	if s.closeDaysAgo > 0 {
		switch on := today.AddDays(-s.closeDaysAgo); {
		case d == on:
			return st.CloseCoordination(cm, id, regie.CloseInput{Outcome: regie.CloseNetwork,
				Reason: "De coördinatie van zorg is afgerond: het buurtteam en school hebben de zorg overgenomen."})
		case d.After(on):
			return nil
		}
	}
	if err := w.trajectories(cm, f, id, day, start); err != nil {
		return err
	}
	if err := w.progress(cm, id, d); err != nil {
		return err
	}
	if err := w.sociogramDay(cm, f, id, day, d); err != nil {
		return err
	}
	// A plan being written by a family that is still in phase 2.
	if len(s.moves) == 1 && day == s.moves[0]+15 {
		if err := w.draftPlan(cm, f, id, d, userID); err != nil {
			return err
		}
	}
	// The interim evaluation, three months into the execution phase.
	if len(s.moves) >= 2 && day == s.moves[1]+90 && (len(s.moves) < 3 || day < s.moves[2]) {
		// A family that stays in phase 3 gets the next plan version from
		// it (a draft); one that goes on gets it from the final evaluation.
		if err := w.interimEvaluation(cm, f, id, d, len(s.moves) == 2); err != nil {
			return err
		}
	}
	for i, at := range s.moves {
		if day != at {
			continue
		}
		switch regie.Phase(i + 2) {
		case regie.PhaseExecution:
			if err := w.consentAndPlan(cm, f, id, d, userID); err != nil {
				return err
			}
		case regie.PhaseCoordination:
			if err := w.evaluation(cm, f, id, d, userID); err != nil {
				return err
			}
		}
		status, err := st.FindPhaseStatus(cm, id)
		if err != nil {
			return err
		}
		for _, t := range status.Ticks {
			if !t.Done && !t.Auto && rnd.Float64() < 0.85 {
				if err := st.TickItem(cm, id, t.Key, true, ""); err != nil {
					return err
				}
			}
		}
		reason := ""
		if status, err = st.FindPhaseStatus(cm, id); err != nil {
			return err
		} else if !status.Complete() {
			reason = "Besproken in het teamoverleg: verder, de rest volgt."
		}
		// The team leader records the move in the week's team meeting.
		to := regie.Phase(i + 2)
		if _, err := st.RecordMeetingDecision(w.lead, d.Monday().ISO(), regie.MeetingDecisionInput{FamilyID: id,
			Text: moveDecisions[to], MovePhase: true, PhaseReason: reason}); err != nil {
			return err
		}
	}
	if err := w.coordinationDay(cm, f, id, day, d, today); err != nil {
		return err
	}
	if s.relapseDaysAgo > 0 && d == today.AddDays(-s.relapseDaysAgo) {
		if err := st.MovePhase(cm, id, regie.PhaseMove{To: regie.PhaseExecution,
			Reason: "Het gezin trekt zich terug uit de schuldhulp; korte interventie nodig."}); err != nil {
			return err
		}
	}
	if s.extension != "" && day == 200 {
		if err := st.SetExtension(cm, id, s.extension, 0); err != nil {
			return err
		}
	}
	if d.Time().Weekday() == time.Sunday {
		return nil
	}
	phase := regie.PhaseIntroduction
	for _, at := range s.moves {
		if day >= at {
			phase++
		}
	}
	rate := s.perWeek / 6
	if phase == regie.PhaseCoordination && (s.relapseDaysAgo == 0 || d.Before(today.AddDays(-s.relapseDaysAgo))) {
		rate = 0.3 / 6
		// A network meeting about every ten weeks.
		if (day-s.moves[len(s.moves)-1])%70 == 35 {
			return contact(cm, st, id, d, regie.ContactNetwork, regie.AttemptReached, "11:00", 90, nil,
				"Netwerkoverleg met school, buurtteam en schuldhulp: afspraken doorgenomen.")
		}
	}
	quiet := s.quietDays > 0 && !d.Before(today.AddDays(-s.quietDays))
	if quiet {
		// The door stays shut, and the casemanager keeps coming: every
		// Monday, Wednesday and Friday, so the attempts in a row always
		// reach the signal.
		if wd := d.Time().Weekday(); wd != time.Monday && wd != time.Wednesday && wd != time.Friday {
			return nil
		}
	} else if rnd.Float64() >= rate {
		return nil
	}
	attempt := regie.AttemptReached
	if quiet || rnd.Float64() < s.refusals {
		attempt = regie.AttemptNoAnswer
		if rnd.Float64() < 0.3 {
			attempt = regie.AttemptRefused
		}
	}
	kind := regie.ContactHomeVisit
	switch r := rnd.Float64(); {
	case r < 0.2:
		kind = regie.ContactUnannounced
	case r < 0.35:
		kind = regie.ContactPhone
	case r < 0.42 && attempt == regie.AttemptReached:
		kind = regie.ContactAccompany
	case r < 0.45 && attempt == regie.AttemptReached:
		kind = regie.ContactOuting
	}
	minutes := []int{45, 60, 90, 120, 150, 180}[rnd.IntN(6)]
	if kind == regie.ContactPhone {
		minutes = 15
	}
	var practical []regie.Practical
	note := notes[rnd.IntN(len(notes))]
	if attempt != regie.AttemptReached {
		minutes, note = 20, "Niet opengedaan; briefje door de bus gedaan."
	} else {
		practical = practicalWork[rnd.IntN(len(practicalWork))]
	}
	startAt := []string{"09:30", "10:00", "11:15", "13:30", "14:00", "15:45", "16:30"}[rnd.IntN(7)]
	return contact(cm, st, id, d, kind, attempt, startAt, minutes, practical, note)
}

// later reports whether start on day d is still to come by the store's
// clock: a contact later today has not happened yet and is not recorded.
func later(st *store.Store, d regie.Date, start string) bool {
	now := st.Clock.Now().In(regie.Amsterdam)
	return d == regie.DateOf(now) && start+":00" > now.Format("15:04:05")
}

func contact(cm context.Context, st *store.Store, id int64, d regie.Date, kind regie.ContactKind, attempt regie.Attempt,
	start string, minutes int, practical []regie.Practical, note string) error {
	if later(st, d, start) {
		return nil
	}
	_, err := st.CreateContact(cm, id, regie.ContactInput{Date: d.ISO(), Start: start, Minutes: fmt.Sprint(minutes), Kind: kind,
		Attempt: attempt, Practical: practical, Note: note})
	return err
}
