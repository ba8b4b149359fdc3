package seed

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"regie"
)

// move is a family's entry into a phase (a phase_transitions row).
type move struct {
	id      int64
	phase   regie.Phase
	on      regie.Date
	relapse bool // back from phase 5 into phase 3, and the moves after it
}

// Days in a phase before the next move, by the phase left: 1→2 after 2–6
// weeks, 2→3 after 2–4 months, 3→4 after 3–6 months, 4→5 after 1–2
// months; after a relapse, the short intervention: 3→4 after 1–3 months,
// 4→5 after 1–2 months.
var (
	phaseDays   = [5][2]int{{}, {14, 42}, {60, 120}, {90, 180}, {30, 60}}
	relapseDays = [5][2]int{{}, {}, {}, {30, 90}, {30, 60}}
	// typicalDays is about how long a phase lasts, for how much of the
	// current phase's checklist is ticked.
	typicalDays = [6]int{0, 28, 90, 135, 45, 120}
)

// drawStory draws the course of a family's care: phase 1 from the day it
// was created, the moves of the method up to today, for about 13 % of the
// families that reached phase 5 a relapse into phase 3 (and the short
// intervention after it), and for about one family in ten the closure of
// the file — most after 6–18 months of coordination, others in any phase
// (moved away, care taken over). Moves other than relapses are on the
// Monday of their week: the team decides them in its meeting.
func (g *gen) drawStory(f *family) {
	start := regie.DateOf(f.created)
	f.intensity = 0.5 + g.r.Float64()
	f.moves = append(f.moves[:0], move{phase: regie.PhaseIntroduction, on: start})
	on, p := start, regie.PhaseIntroduction
	next := func(days [2]int, snap bool) bool {
		d := on.AddDays(g.between(days[0], days[1]))
		if m := d.Monday(); snap && m.After(on) {
			d = m
		}
		if d.After(g.today) {
			return false
		}
		on = d
		return true
	}
	for p < regie.PhaseCoordination && next(phaseDays[p], true) {
		p++
		f.moves = append(f.moves, move{phase: p, on: on})
	}
	coordOn := on
	if p == regie.PhaseCoordination && g.chance(0.13) && next([2]int{45, 300}, false) {
		p = regie.PhaseExecution
		f.moves = append(f.moves, move{phase: p, on: on, relapse: true})
		for p < regie.PhaseCoordination && next(relapseDays[p], true) {
			p++
			f.moves = append(f.moves, move{phase: p, on: on, relapse: true})
		}
	}

	// The closure, and with it the end of the story.
	if !g.chance(0.095) {
		return
	}
	last := g.today.AddDays(-1)
	switch {
	case p == regie.PhaseCoordination && !f.moves[len(f.moves)-1].relapse && coordOn.AddDays(180).Before(last) && g.chance(0.75):
		f.closeOn = coordOn.AddDays(g.between(180, min(540, coordOn.DaysUntil(last))))
	case start.DaysUntil(last) > 45:
		f.closeOn = start.AddDays(g.between(45, start.DaysUntil(last)))
	default:
		return
	}
	switch f.closeOn.Time().Weekday() {
	case time.Saturday:
		f.closeOn = f.closeOn.AddDays(-1)
	case time.Sunday:
		f.closeOn = f.closeOn.AddDays(-2)
	}
	for len(f.moves) > 1 && f.moves[len(f.moves)-1].on.After(f.closeOn) {
		f.moves = f.moves[:len(f.moves)-1]
	}
	switch f.moves[len(f.moves)-1].phase {
	case regie.PhaseCoordination:
		f.closeReason = pick(g, closeReasonsCoordination)
	case regie.PhaseClosing:
		f.closeReason = "Intensieve fase afgesloten; geen coördinatie van zorg nodig: de hulp in de wijk loopt."
	default:
		f.closeReason = pick(g, closeReasonsEarly)
	}
	f.closedAt = g.workday(f.closeOn)
}

var closeReasonsCoordination = []string{
	"De coördinatie van zorg is afgerond: het netwerk heeft de zorg overgenomen.",
	"Het netwerk rond het gezin is hecht; buurtteam en school nemen de coördinatie over.",
	"Doelen behaald; het gezin heeft een vast aanspreekpunt bij het buurtteam.",
}

var closeReasonsEarly = []string{
	"Het gezin is verhuisd naar een andere gemeente; warm overgedragen aan het regieteam daar.",
	"Het gezin wil geen begeleiding meer; overgedragen aan het buurtteam.",
	"Jeugdbescherming heeft de regie overgenomen na een ondertoezichtstelling.",
	"Het gezin is opgenomen in de maatschappelijke opvang; de opvang coördineert de zorg.",
}

// meetings gives every team its weekly meeting on Monday over the last
// year up to this week's, a few items on some, and the team leader's
// readings of the agenda. The decisions that moved families on are added
// with the phases (history).
func (g *gen) meetings() error {
	meetings := g.insert("meetings", []string{"id", "team_id", "held_on", "created_by", "created_at"})
	items := g.insert("meeting_items", []string{"id", "meeting_id", "title", "note", "created_by", "created_at"}, meetings)
	this := g.today.Monday()
	g.meetingIDs = map[int64]map[string]int64{}
	for _, t := range g.teams {
		ids := map[string]int64{}
		for w := 52; w >= 0; w-- {
			d := this.AddDays(-7 * w)
			id, err := g.id("meetings")
			if err != nil {
				return err
			}
			created := g.workday(d.AddDays(-4))
			if err := meetings.row(id, t.id, d.ISO(), t.leader.id, ts(created)); err != nil {
				return err
			}
			ids[d.ISO()] = id
			for range g.r.IntN(3) {
				iid, err := g.id("meeting_items")
				if err != nil {
					return err
				}
				at := created.Add(time.Duration(g.between(60, 3*24*3600)) * time.Second)
				if at.After(g.now) {
					at = created
				}
				it := pick(g, meetingItems)
				if err := items.row(iid, id, it[0], it[1], t.leader.id, ts(at)); err != nil {
					return err
				}
				g.event(at, t.leader, regie.ActionCreate, regie.SegMeeting, 0, 0, basisLeader, "agendapunt toegevoegd voor "+d.Dutch())
			}
			g.event(g.at(d, g.between(8*60, 9*60+30)), t.leader, regie.ActionRead, regie.SegMeeting, 0, 0, basisLeader,
				"agenda van het teamoverleg van "+d.Dutch())
		}
		g.meetingIDs[t.id] = ids
	}
	return nil
}

var meetingItems = [][2]string{
	{"Werkverdeling", "Wie neemt de nieuwe aanmeldingen van deze week?"},
	{"Mededelingen", ""},
	{"Casuïstiek: inzet van een tolk", "Ervaringen met de telefonische tolkdienst delen."},
	{"Scholing meldcode", "Datum voor de opfriscursus kiezen."},
	{"Wachtlijst en instroom", "Hoeveel ruimte is er de komende maand?"},
	{"Samenwerking met het buurtteam", "Terugkoppeling van het wijkoverleg."},
	{"Vakantieplanning", ""},
}

// history writes each family's story: its phase transitions with their
// checklist ticks (and the meeting decisions that moved it on), its
// contacts with the members who were there, safety concerns, a recorded
// reason for a longer intensive phase, and its summary row — computed
// from exactly those rows as the store's refreshSummary computes it.
func (g *gen) history() error {
	trs := g.insert("phase_transitions", []string{"id", "family_id", "phase", "started_on", "reason", "created_by", "created_at"})
	ticks := g.insert("checklist_ticks", []string{"id", "transition_id", "item_key", "done", "note", "by_user", "at"}, trs)
	decisions := g.insert("meeting_decisions", []string{"id", "meeting_id", "family_id", "text", "linked_kind", "linked_id",
		"decided_by", "decided_at"}, trs)
	contacts := g.insert("contacts", []string{"id", "family_id", "user_id", "contact_date", "start_time", "minutes", "kind",
		"attempt", "partners", "practical", "note", "phase", "created_at", "updated_at"})
	present := g.insert("contact_members", []string{"contact_id", "member_id"}, contacts)
	safety := g.insert("safety_concerns", []string{"id", "family_id", "member_id", "what", "since", "severity", "actions",
		"meldcode", "created_by", "created_at", "resolved_on", "resolved_note"})
	extensions := g.insert("intensive_extensions", []string{"id", "family_id", "reason", "since", "ended_on", "created_by", "created_at"})
	summaries := g.insert("family_summaries", []string{"family_id", "team_id", "phase", "transition_id", "phase_started_on",
		"intensive_started_on", "coordination_started_on", "minutes_total", "minutes_intensive", "minutes_phase", "contacts",
		"last_contact_on", "last_reached_on", "rejected_streak", "last_network_meeting_on", "interim_done_on", "closed_on"}, trs)

	recreate, err := g.deferIndexes("contacts", max(0, g.opt.ContactsPerFamily*len(g.fams)))
	if err != nil {
		return err
	}
	coord, err := g.newCoordSeed(trs)
	if err != nil {
		return err
	}
	scale := g.contactScale()
	if !g.opt.NoAudit {
		// An access-log row per contact and tick: grown once, not doubled
		// from a slice of millions.
		g.events = slices.Grow(g.events, len(g.fams)*(max(0, g.opt.ContactsPerFamily)+30))
	}
	p := g.progress("geschiedenis", len(g.fams))
	var cs []contact
	for _, f := range g.fams {
		if err := g.phases(f, trs, ticks, decisions); err != nil {
			return err
		}
		cs = g.drawContacts(f, scale, cs[:0])
		for i := range cs {
			c := &cs[i]
			if c.id, err = g.id("contacts"); err != nil {
				return err
			}
			if err := contacts.row(c.id, f.id, c.user.id, c.date.ISO(), c.start(), c.minutes, string(c.kind), string(c.attempt),
				c.partners, c.practical, c.note, int(c.phase), ts(c.created), ts(c.created)); err != nil {
				return err
			}
			for _, m := range c.members {
				if m != 0 {
					if err := present.row(c.id, m); err != nil {
						return err
					}
				}
			}
			g.event(c.created, c.user, regie.ActionCreate, regie.SegContacts, f.id, 0, basisCoord,
				fmt.Sprintf("contactmoment %d: %s, %s", c.id, kindLabels[c.kind], attemptLabels[c.attempt]))
		}
		g.contacts += len(cs)
		if err := coord.family(f, cs); err != nil {
			return err
		}
		if err := g.safety(f, safety); err != nil {
			return err
		}
		if err := g.extension(f, extensions); err != nil {
			return err
		}
		s := summarize(f, cs)
		if err := summaries.row(f.id, f.team.id, int(s.phase), idArg(s.transitionID), dateArg(s.phaseStartedOn),
			dateArg(s.intensiveStartedOn), dateArg(s.coordinationStartedOn), s.minutesTotal, s.minutesIntensive, s.minutesPhase,
			s.contacts, dateArg(s.lastContactOn), dateArg(s.lastReachedOn), s.rejectedStreak, dateArg(s.lastNetworkMeetingOn),
			nil, dateArg(s.closedOn)); err != nil {
			return err
		}
		p.add(1)
	}
	p.done()
	for _, in := range []*inserter{contacts, present} {
		if err := in.flush(); err != nil {
			return err
		}
	}
	if err := coord.flush(); err != nil {
		return err
	}
	return recreate()
}

// phases writes the family's phase transitions and checklist ticks.
// A move on a meeting day is, more often than not, the team's decision:
// recorded by the team leader with the decision linked to it, as
// RecordMeetingDecision does; other moves are the coordinator's.
func (g *gen) phases(f *family, trs, ticks, decisions *inserter) error {
	end := f.end(g.today)
	complete := true
	leader := f.team.leader
	for i := range f.moves {
		m := &f.moves[i]
		var err error
		if m.id, err = g.id("phase_transitions"); err != nil {
			return err
		}
		by, at, reason := leader, f.created, "gezin rechtstreeks ingevoerd door de teamleider"
		if i > 0 {
			by, at, reason = f.coordOn(m.on), g.workday(m.on), ""
			switch {
			case m.relapse && m.phase == regie.PhaseExecution:
				reason = regie.RelapsePrefix + pick(g, relapseReasons)
			case !complete:
				reason = "Besproken in het teamoverleg: verder, de rest volgt."
			}
			meeting := g.meetingIDs[f.team.id][m.on.ISO()]
			detail := moveDetail(m.phase, reason)
			if meeting != 0 && !m.relapse && g.chance(0.6) {
				by, at = leader, g.at(m.on, g.between(9*60+30, 11*60+30))
				did, err := g.id("meeting_decisions")
				if err != nil {
					return err
				}
				if err := decisions.row(did, meeting, f.id, fmt.Sprintf("Door naar fase %d (%s).", m.phase, phaseLabels[m.phase]),
					string(regie.LinkPhase), m.id, leader.id, ts(at)); err != nil {
					return err
				}
				g.event(at, leader, regie.ActionUpdate, regie.SegPhase, f.id, 0, basisLeader, detail+" (teamoverleg "+m.on.Dutch()+")")
				g.event(at, leader, regie.ActionCreate, regie.SegMeeting, f.id, 0, basisLeader, "besluit in het teamoverleg van "+m.on.Dutch())
			} else {
				g.event(at, by, regie.ActionUpdate, regie.SegPhase, f.id, 0, basisCoord, detail)
			}
		}
		if err := trs.row(m.id, f.id, int(m.phase), m.on.ISO(), reason, by.id, ts(at)); err != nil {
			return err
		}

		// The checklist: most items of a past phase ticked while in it;
		// of the current phase, more the longer it has lasted.
		until, past := end, i+1 < len(f.moves)
		if past {
			until = f.moves[i+1].on
		}
		share := 0.85
		if !past {
			share = min(0.85, 0.85*float64(m.on.DaysUntil(end))/float64(typicalDays[m.phase]))
		}
		complete = true
		for _, it := range phaseDefs[m.phase-1].Checklist {
			if !g.chance(share) {
				complete = false
				continue
			}
			day := m.on.AddDays(g.r.IntN(max(1, m.on.DaysUntil(until))))
			tat := g.workday(day)
			if i == 0 && tat.Before(f.created) {
				tat = f.created.Add(time.Duration(g.between(60, 3600)) * time.Second)
			}
			if autoItems[it.Key] {
				// regie ticks it itself, from the records (plans.go); drawn
				// all the same, so the rest of the city stays as it was.
				continue
			}
			tid, err := g.id("checklist_ticks")
			if err != nil {
				return err
			}
			u := f.coordOn(day)
			if err := ticks.row(tid, m.id, it.Key, true, "", u.id, ts(tat)); err != nil {
				return err
			}
			g.event(tat, u, regie.ActionUpdate, regie.SegPhase, f.id, 0, basisCoord, fmt.Sprintf("fase %d: %s afgevinkt", m.phase, it.Key))
		}
	}
	return nil
}

// autoItems are the checklist items regie ticks itself from the records
// (the store's autoItems): the seed writes no ticks for them.
var autoItems = map[string]bool{regie.ItemPlan: true, regie.ItemConsent: true, regie.ItemInterimEval: true, regie.ItemFinalEval: true}

var relapseReasons = []string{
	"Het gezin trekt zich terug uit de schuldhulp; korte interventie nodig.",
	"Moeder is opnieuw opgenomen; de kinderen hebben tijdelijk meer steun nodig.",
	"Dreigende huisuitzetting na nieuwe huurachterstand.",
	"De oudste is van school gestuurd; het netwerk vraagt om intensieve inzet.",
}

// moveDetail is the access log's detail of a phase move, as the store
// words it.
func moveDetail(to regie.Phase, reason string) string {
	d := fmt.Sprintf("naar fase %d (%s)", to, phaseLabels[to])
	if reason != "" {
		d += ": " + reason
	}
	return d
}

// contact is a generated contact before it is written.
type contact struct {
	id        int64
	date      regie.Date
	minute    int // start, in minutes after midnight (Dutch time)
	minutes   int
	kind      regie.ContactKind
	attempt   regie.Attempt
	phase     regie.Phase
	user      *user
	partners  string
	practical string
	note      string
	members   [2]int64
	created   time.Time
}

func (c *contact) start() string { return fmt.Sprintf("%02d:%02d", c.minute/60, c.minute%60) }

// withFamily reports whether the contact was with the family itself: the
// kinds the rejected streak and the last contact that reached it count.
func (c *contact) withFamily() bool { return c.kind.WithFamily() }

// Contacts a week per phase, before scaling to Options.ContactsPerFamily;
// a relapse's short intervention is intensive again.
var (
	contactRate        = [6]float64{0, 3.0, 2.4, 1.6, 1.2, 0.3}
	relapseContactRate = [6]float64{0, 0, 0, 2.2, 1.5, 0.3}
	// failRate is the share of attempts without contact, by phase: a
	// family has to get used to the casemanager first.
	failRate = [6]float64{0, 0.24, 0.2, 0.12, 0.1, 0.1}
)

// segment is a stretch of a family's care in one phase entry: the days
// from (inclusive) to to (exclusive) on which contacts can fall.
type segment struct {
	m        *move
	from, to regie.Date
}

// segments returns the stretches of the family's care with contacts: from
// the first coordinator's start to the day before today (or the day the
// file was closed).
func (f *family) segments(today regie.Date, buf []segment) []segment {
	end := today
	if !f.closeOn.IsZero() {
		end = f.closeOn.AddDays(1)
	}
	for i := range f.moves {
		m := &f.moves[i]
		to := end
		if i+1 < len(f.moves) {
			to = f.moves[i+1].on
		}
		from := m.on
		if from.Before(f.since) {
			from = f.since
		}
		if from.Before(to) {
			buf = append(buf, segment{m, from, to})
		}
	}
	return buf
}

func (s segment) rate() float64 {
	if s.m.relapse {
		return relapseContactRate[s.m.phase]
	}
	return contactRate[s.m.phase]
}

// networkMeetings estimates the network meetings of a phase 5 stretch of
// days (see drawContacts).
func networkMeetings(days int) float64 {
	if days < 49 {
		return 0
	}
	return 0.85 * (1 + float64(days-49)/78)
}

// contactScale returns the factor on contactRate that gives
// Options.ContactsPerFamily contacts per family on average.
func (g *gen) contactScale() float64 {
	if g.opt.ContactsPerFamily < 0 {
		return 0
	}
	var base, network float64
	var segs []segment
	for _, f := range g.fams {
		segs = f.segments(g.today, segs[:0])
		for _, s := range segs {
			days := s.from.DaysUntil(s.to)
			base += s.rate() * float64(days) / 7 * f.intensity
			if s.m.phase == regie.PhaseCoordination {
				network += networkMeetings(days)
			}
		}
	}
	if base == 0 {
		return 0
	}
	return max(0, float64(g.opt.ContactsPerFamily*len(g.fams))-network) / base
}

// drawContacts draws the family's contacts, sorted as the store orders
// them (date, start) and so numbered: the rejected streak is counted over
// the newest. About one open family in 25 has a streak of attempts
// without contact at the end.
func (g *gen) drawContacts(f *family, scale float64, cs []contact) []contact {
	if scale == 0 {
		return cs
	}
	var segs [8]segment
	network := g.chance(0.85)
	for _, s := range f.segments(g.today, segs[:0]) {
		days := s.from.DaysUntil(s.to)
		n := int(s.rate()*float64(days)/7*f.intensity*scale + g.r.Float64())
		for range n {
			day := s.from.AddDays(g.r.IntN(days))
			switch day.Time().Weekday() { // casemanagers work on weekdays, mostly
			case time.Saturday:
				if d := day.AddDays(-1); !d.Before(s.from) {
					day = d
				}
			case time.Sunday:
				if d := day.AddDays(1); d.Before(s.to) {
					day = d
				}
			}
			cs = append(cs, g.drawContact(f, s.m.phase, day))
		}
		if s.m.phase == regie.PhaseCoordination && network && days >= 49 {
			for d := s.from.AddDays(g.between(28, 70)); d.Before(s.to); d = d.AddDays(g.between(56, 100)) {
				if wd := d.Time().Weekday(); wd == time.Saturday || wd == time.Sunday {
					continue
				}
				c := contact{date: d, phase: s.m.phase, user: f.coordOn(d), kind: regie.ContactNetwork, attempt: regie.AttemptReached,
					minute: pick(g, []int{9 * 60, 10 * 60, 11 * 60, 14 * 60, 15 * 60}), minutes: pick(g, []int{60, 90, 90, 120}),
					partners: pick(g, networkPartners), note: "Netwerkoverleg: afspraken en voortgang doorgenomen."}
				cs = append(cs, c)
			}
		}
	}
	slices.SortStableFunc(cs, func(a, b contact) int {
		if c := a.date.Time().Compare(b.date.Time()); c != 0 {
			return c
		}
		return a.minute - b.minute
	})
	if f.closeOn.IsZero() && g.chance(0.04) {
		// The newest attempts did not reach the family.
		k := g.between(4, 9)
		for i := len(cs) - 1; i >= 0 && k > 0; i-- {
			if c := &cs[i]; c.withFamily() {
				c.kind = pick(g, []regie.ContactKind{regie.ContactHomeVisit, regie.ContactUnannounced, regie.ContactPhone})
				g.fail(c)
				k--
			}
		}
	}
	for i := range cs {
		c := &cs[i]
		t := c.date.Time()
		at := time.Date(t.Year(), t.Month(), t.Day(), 0, c.minute, 0, 0, regie.Amsterdam).
			Add(time.Duration(c.minutes+g.between(10, 180))*time.Minute + time.Duration(g.r.Int64N(int64(time.Minute)))).
			Truncate(time.Microsecond).UTC()
		if at.After(g.now) {
			at = g.now.Add(-time.Duration(g.between(1, 600)) * time.Second)
		}
		c.created = at
	}
	return cs
}

// Kinds of contact with the family when it was reached, with weights.
var (
	reachedKinds = []regie.ContactKind{regie.ContactHomeVisit, regie.ContactUnannounced, regie.ContactPhone,
		regie.ContactAccompany, regie.ContactOuting, regie.ContactCouncil, regie.ContactCrisis, regie.ContactOther}
	reachedWeights = []int{52, 14, 16, 7, 3, 2, 1, 3}
	kindMinutes    = map[regie.ContactKind][]int{
		regie.ContactHomeVisit:   {45, 60, 60, 75, 90, 90, 120, 150, 180},
		regie.ContactUnannounced: {20, 30, 45, 60},
		regie.ContactPhone:       {5, 10, 15, 15, 20, 30},
		regie.ContactAccompany:   {60, 90, 120, 180, 240},
		regie.ContactOuting:      {120, 180, 240},
		regie.ContactCouncil:     {90, 120, 180},
		regie.ContactCrisis:      {60, 120, 180, 240, 300},
		regie.ContactOther:       {30, 45, 60, 90},
		regie.ContactTeam:        {15, 20, 30, 45},
	}
	practicalWork = []string{"post", "post,geld", "huishouden", "boodschappen", "school", "instantie", "gesprek", "geld", "", ""}
	contactNotes  = []string{
		"Samen de post van de afgelopen weken doorgenomen en gesorteerd in de ordners.",
		"Koffie gedronken; moeder vertelde over de zorgen om de oudste.",
		"Afwas gedaan en keuken opgeruimd; intussen over de week gepraat.",
		"Mee naar de kringloopwinkel voor een bed voor de jongste.",
		"Kinderen naar school gebracht; gesprek met de intern begeleider.",
		"Brief van de deurwaarder besproken; afspraak met schuldhulp gemaakt.",
		"Vader thuis getroffen; kort gesprek over werk.",
		"", "", "",
	}
	networkPartners = []string{"school, buurtteam, schuldhulp", "wijkagent, GGZ, school", "huisarts, buurtteam",
		"Veilig Thuis, jeugdarts, school", "woningcorporatie, schuldhulp, buurtteam"}
)

// drawContact draws one contact on day in phase: about one in 25 a
// consultation about the family in the team, the others with the family,
// reached or not.
func (g *gen) drawContact(f *family, phase regie.Phase, day regie.Date) contact {
	c := contact{date: day, phase: phase, user: f.coordOn(day), minute: 8*60 + 30 + 15*g.r.IntN(35)}
	switch {
	case g.chance(0.04):
		c.kind, c.attempt = regie.ContactTeam, regie.AttemptReached
		c.minutes = pick(g, kindMinutes[c.kind])
		c.note = "Casus besproken in het team."
	case g.chance(failRate[phase]):
		c.kind = []regie.ContactKind{regie.ContactHomeVisit, regie.ContactUnannounced, regie.ContactPhone}[g.weighted([]int{50, 35, 15})]
		g.fail(&c)
	default:
		c.kind, c.attempt = reachedKinds[g.weighted(reachedWeights)], regie.AttemptReached
		if c.kind == regie.ContactCouncil && (phase < regie.PhaseContact || phase > regie.PhaseExecution) {
			c.kind = regie.ContactHomeVisit
		}
		c.minutes = pick(g, kindMinutes[c.kind])
		c.note = pick(g, contactNotes)
		if c.kind != regie.ContactPhone {
			c.practical = pick(g, practicalWork)
			if g.chance(0.35) {
				g.presentMembers(f, &c)
			}
		}
		if c.kind == regie.ContactAccompany && g.chance(0.5) {
			c.partners = pick(g, []string{"schuldhulpverlener", "consulent Werk en Inkomen", "huisarts", "woonconsulent"})
		}
	}
	return c
}

// fail makes c an attempt without contact.
func (g *gen) fail(c *contact) {
	c.attempt, c.practical, c.partners, c.members = regie.AttemptNoAnswer, "", "", [2]int64{}
	if g.chance(0.3) {
		c.attempt = regie.AttemptRefused
	}
	switch {
	case c.attempt == regie.AttemptRefused:
		c.minutes, c.note = pick(g, []int{5, 10, 15, 20}), "Het gezin wilde vandaag geen contact; nieuwe afspraak voorgesteld."
	case c.kind == regie.ContactPhone:
		c.minutes, c.note = 5, "Niet opgenomen; voicemail ingesproken."
	default:
		c.minutes, c.note = pick(g, []int{10, 15, 20, 30}), "Niet opengedaan; briefje door de bus gedaan."
	}
}

// presentMembers names one or two members who were there on the day.
func (g *gen) presentMembers(f *family, c *contact) {
	var here [7]int64
	n := 0
	for _, m := range f.members {
		if !m.started.After(c.date) && (m.ended.IsZero() || c.date.Before(m.ended)) && n < len(here) {
			here[n] = m.id
			n++
		}
	}
	if n == 0 {
		return
	}
	i := g.r.IntN(n)
	c.members[0] = here[i]
	if n > 1 && g.chance(0.4) {
		c.members[1] = here[(i+1+g.r.IntN(n-1))%n]
	}
	if c.members[1] != 0 && c.members[1] < c.members[0] {
		c.members[0], c.members[1] = c.members[1], c.members[0]
	}
}

// safety adds safety concerns for about one family in 14: what, since
// when, how serious (some acute), the meldcode, and for about half of them
// (more of the acute ones) the day it was resolved.
func (g *gen) safety(f *family, safety *inserter) error {
	if !g.chance(0.07) {
		return nil
	}
	end := f.end(g.today)
	start := regie.DateOf(f.created)
	for range 1 + g.weighted([]int{7, 3}) {
		since := start.AddDays(g.r.IntN(start.DaysUntil(end) + 1))
		sev := []regie.Severity{regie.SeverityLow, regie.SeverityMedium, regie.SeverityHigh, regie.SeverityAcute}[g.weighted([]int{25, 35, 22, 18})]
		var member any
		if g.chance(0.6) {
			var kids []int64
			for _, m := range f.members {
				if m.relation == "kind" && !m.started.After(since) {
					kids = append(kids, m.id)
				}
			}
			if len(kids) > 0 {
				member = pick(g, kids)
			}
		}
		meld := pick(g, []regie.Meldcode{"beoordelen", "niet_nodig", "loopt", "gevolgd"})
		if sev == regie.SeverityAcute {
			meld = pick(g, []regie.Meldcode{"loopt", "gemeld"})
		}
		u := f.coordOn(since)
		createdOn := since.AddDays(g.r.IntN(3))
		if createdOn.After(end) {
			createdOn = end
		}
		at := g.workday(createdOn)
		var resolved any
		note := ""
		resolveShare, days := 0.5, [2]int{14, 180}
		if sev == regie.SeverityAcute {
			resolveShare, days = 0.6, [2]int{3, 45}
		}
		if on := createdOn.AddDays(g.between(days[0], days[1])); on.Before(end) && g.chance(resolveShare) {
			resolved, note = on.ISO(), pick(g, []string{"Situatie is veilig; afspraken worden nagekomen.",
				"Veilig Thuis heeft het onderzoek afgesloten.", "Zorg weggenomen na gesprek met school en huisarts."})
		}
		id, err := g.id("safety_concerns")
		if err != nil {
			return err
		}
		if err := safety.row(id, f.id, member, pick(g, safetyWhat), since.ISO(), string(sev), pick(g, safetyActions), string(meld),
			u.id, ts(at), resolved, note); err != nil {
			return err
		}
		mid, _ := member.(int64)
		g.event(at, u, regie.ActionCreate, regie.SegSafety, f.id, mid, basisCoord, "zorg over veiligheid vastgelegd ("+sev.Label()+")")
	}
	return nil
}

var safetyWhat = []string{
	"Zorgen over verwaarlozing: onvoldoende eten in huis en de kinderen komen vaak te laat op school.",
	"Buren hebben ruzie en geschreeuw gemeld; vermoeden van huiselijk geweld.",
	"De oudste is 's nachts op straat en spijbelt.",
	"Vader dreigt de kinderen mee te nemen naar het buitenland.",
	"Afsluiting van gas en licht dreigt; de kinderen slapen in de koude woonkamer.",
	"Moeder drinkt overdag; de jongste is dan alleen.",
}

var safetyActions = []string{
	"Wekelijks huisbezoek, overleg met Veilig Thuis.",
	"Afspraken met school over melden van verzuim.",
	"Veiligheidsplan opgesteld met het netwerk.",
	"Noodfonds aangesproken; energieleverancier gebeld.",
	"",
}

// extension records, for about a third of the families whose intensive
// phase has passed eight months, why it takes longer (another agency's
// waiting list); for some who have moved on to phase 5 since, the
// reason's end.
func (g *gen) extension(f *family, extensions *inserter) error {
	start := f.moves[0].on
	var coordination regie.Date
	for _, m := range f.moves {
		if m.phase == regie.PhaseCoordination {
			coordination = m.on
			break
		}
	}
	end := f.end(g.today)
	since := start.AddMonths(8).AddDays(g.r.IntN(30))
	var ended any
	switch {
	case coordination.IsZero() && !since.After(end) && g.chance(0.35):
		ended = dateArg(f.closeOn)
	case !coordination.IsZero() && since.Before(coordination) && g.chance(0.15):
		ended = coordination.ISO()
	default:
		return nil
	}
	id, err := g.id("intensive_extensions")
	if err != nil {
		return err
	}
	u := f.coordOn(since)
	at := g.workday(since)
	if err := extensions.row(id, f.id, pick(g, extensionReasons), since.ISO(), ended, u.id, ts(at)); err != nil {
		return err
	}
	g.event(at, u, regie.ActionUpdate, regie.SegPhase, f.id, 0, basisCoord, "reden voor langere intensieve fase vastgelegd")
	return nil
}

var extensionReasons = []string{
	"Wachtlijst GGZ-behandeling voor moeder (ongeveer vijf maanden).",
	"Schuldhulpverlening start pas na de wachttijd van de kredietbank.",
	"Wachtlijst jeugd-GGZ voor de oudste.",
	"Wachten op een passende woning via de urgentieregeling.",
}

// summary is a family_summaries row.
type summary struct {
	phase                 regie.Phase
	transitionID          int64
	phaseStartedOn        regie.Date
	intensiveStartedOn    regie.Date
	coordinationStartedOn regie.Date
	minutesTotal          int
	minutesIntensive      int
	minutesPhase          int
	contacts              int
	lastContactOn         regie.Date
	lastReachedOn         regie.Date
	rejectedStreak        int
	lastNetworkMeetingOn  regie.Date
	closedOn              regie.Date
}

// summarize computes the family's summary row from its moves, its
// contacts (sorted by date and start, numbered in that order), exactly as
// the store's refreshSummary (internal/store/summary.go) computes it from
// the rows; keep the two in step. What the plans and evaluations decide
// is added by plans.go, the check-ups by checkup.go.
func summarize(f *family, cs []contact) summary {
	var s summary
	var prev regie.Phase
	for _, m := range f.moves {
		switch {
		case m.phase.Intensive() && (prev == 0 || prev == regie.PhaseCoordination):
			s.intensiveStartedOn = m.on
		case m.phase == regie.PhaseCoordination && prev != regie.PhaseCoordination:
			s.coordinationStartedOn = m.on
		}
		prev, s.phase, s.phaseStartedOn, s.transitionID = m.phase, m.phase, m.on, m.id
	}
	for i := range cs {
		c := &cs[i]
		s.minutesTotal += c.minutes
		if c.phase >= 1 && c.phase <= 4 {
			s.minutesIntensive += c.minutes
		}
		if !s.phaseStartedOn.IsZero() && !c.date.Before(s.phaseStartedOn) {
			s.minutesPhase += c.minutes
		}
		s.contacts++
		if c.date.After(s.lastContactOn) {
			s.lastContactOn = c.date
		}
		if c.attempt == regie.AttemptReached && c.withFamily() && c.date.After(s.lastReachedOn) {
			s.lastReachedOn = c.date
		}
		if c.kind == regie.ContactNetwork && c.date.After(s.lastNetworkMeetingOn) {
			s.lastNetworkMeetingOn = c.date
		}
	}
	// The newest contacts with the family (at most 100), newest first,
	// until one reached it.
	seen := 0
	for i := len(cs) - 1; i >= 0 && seen < 100; i-- {
		c := &cs[i]
		if !c.withFamily() {
			continue
		}
		seen++
		if c.attempt == regie.AttemptReached {
			break
		}
		s.rejectedStreak++
	}
	if !f.closedAt.IsZero() {
		s.closedOn = regie.DateOf(f.closedAt)
	}
	return s
}

var (
	phaseDefs   = regie.DefaultPhases()
	phaseLabels = func() map[regie.Phase]string {
		m := map[regie.Phase]string{}
		for _, d := range phaseDefs {
			m[d.Phase] = d.Label
		}
		return m
	}()
	kindLabels = func() map[regie.ContactKind]string {
		m := map[regie.ContactKind]string{}
		for _, k := range regie.ContactKinds {
			m[k.Value] = strings.ToLower(k.Label)
		}
		return m
	}()
	attemptLabels = func() map[regie.Attempt]string {
		m := map[regie.Attempt]string{}
		for _, a := range regie.Attempts {
			m[a.Value] = a.Label
		}
		return m
	}()
)
