package seed

import (
	"strings"
	"time"

	"regie"
)

// Bases of the access log, as policy.Decide words them.
const (
	basisLeader = "teamleider van het team"
	basisCoord  = "toewijzing: vaste regisseur"
	basisDuo    = "toewijzing: duo-partner"
	basisYouth  = "toewijzing: jeugdhulpverlener"
	basisDenied = "geen"
)

// families makes the families of every team with their members and
// assignments (one table group: a family is not complete without them),
// and the accesses that made them.
func (g *gen) families() error {
	fams := g.insert("families", []string{"id", "household_name", "street", "postcode", "city", "district_id", "team_id",
		"dutch_proficiency", "languages", "interpreter_needed", "composition_notes", "search_text", "sort_name", "created_at", "created_by",
		"closed_at", "close_reason"})
	members := g.insert("members", []string{"id", "family_id", "given_name", "family_name", "birth_date", "relation",
		"started_on", "ended_on", "end_reason", "created_at"}, fams)
	assignments := g.insert("assignments", []string{"id", "family_id", "user_id", "kind", "member_id", "started_on",
		"ended_on", "assigned_by", "created_at"}, fams, members)

	p := g.progress("gezinnen", g.opt.Families)
	weights := make([]int, len(origins))
	for i, o := range origins {
		weights[i] = o.weight
	}
	for ti, t := range g.teams {
		n := g.opt.Families / len(g.teams)
		if ti < g.opt.Families%len(g.teams) {
			n++
		}
		offset := g.r.IntN(len(t.cms))
		for k := range n {
			f := &family{team: t, coord: t.cms[(k+offset)%len(t.cms)]}
			var err error
			if f.id, err = g.id("families"); err != nil {
				return err
			}
			o := &origins[g.weighted(weights)]

			// Created on a working day in the last 30 months: the day its
			// phase 1 started.
			day := g.today.AddDays(-g.between(7, g.today.AddMonths(-30).DaysUntil(g.today)))
			switch day.Time().Weekday() {
			case time.Saturday:
				day = day.AddDays(-1)
			case time.Sunday:
				day = day.AddDays(-2)
			}
			f.created = g.workday(day)
			g.drawStory(f)

			surname, people := g.household(o)
			household := "Gezin " + surname
			d := pick(g, f.coord.districts)
			f.district = d.id
			postcode := d.postcode + " " + string(rune('A'+g.r.IntN(26))) + string(rune('A'+g.r.IntN(26))) //nolint:gosec // 0–25
			street := pick(g, streets) + " " + itoa(g.between(1, 320))
			if g.chance(0.2) {
				street += pick(g, []string{"A", "B", "bis", "-1", "-2", "-3", " hs"})
			}
			prof := proficiencies[g.weighted(o.proficiency[:])]
			langs := pick(g, o.languages)
			interpreter := (prof == "geen" || prof == "matig") && g.chance(0.6)
			notes := ""
			if g.chance(0.45) {
				notes = pick(g, compositionNotes)
			}

			// Members, and the search text the store would keep.
			search := []string{household}
			joined := regie.DateOf(f.created)
			for i, ps := range people {
				m := member{given: ps.given, surname: ps.surname, birth: g.birthFor(ps.age), relation: ps.rel}
				if m.id, err = g.id("members"); err != nil {
					return err
				}
				started, added := joined, f.created.Add(time.Duration(45*(i+1)+g.r.IntN(30))*time.Second)
				if m.birth.After(joined) { // born while the family was in care
					started = m.birth
					added = g.workday(m.birth.AddDays(g.between(3, 20)))
				}
				m.started = started
				m.added = added
				f.members = append(f.members, m)
				search = append(search, m.given+" "+m.surname)
			}
			g.endMember(f)

			if err := fams.row(f.id, household, street, postcode, d.city, d.id, t.id, string(prof), langs, interpreter, notes,
				strings.ToLower(strings.Join(search, " | ")), regie.SortName(household), ts(f.created), t.leader.id, nullTS(f.closedAt), f.closeReason); err != nil {
				return err
			}
			g.event(f.created, t.leader, regie.ActionCreate, regie.SegFamily, f.id, 0, basisLeader, "gezin aangemaakt")
			for _, m := range f.members {
				if err := members.row(m.id, f.id, m.given, m.surname, m.birth.ISO(), string(m.relation), m.started.ISO(),
					dateArg(m.ended), m.endReason, ts(m.added)); err != nil {
					return err
				}
				g.event(m.added, t.leader, regie.ActionCreate, regie.SegMembers, f.id, m.id, basisLeader, "gezinslid toegevoegd")
				if !m.ended.IsZero() {
					g.event(g.workday(m.ended), f.coordOn(m.ended), regie.ActionUpdate, regie.SegMembers, f.id, m.id, basisCoord, "gezinslid uitgeschreven")
				}
			}
			if err := g.assign(f, assignments); err != nil {
				return err
			}
			g.reads(f)
			if !f.closeOn.IsZero() {
				g.event(f.closedAt, f.coordOn(f.closeOn), regie.ActionUpdate, regie.SegFamily, f.id, 0, basisCoord,
					"dossier gesloten: "+f.closeReason)
			}
			g.fams = append(g.fams, f)
			p.add(1)
		}
	}
	p.done()
	return nil
}

// person is a member before it has an id.
type person struct {
	given, surname string
	age            int
	rel            regie.Relation
}

// household draws the people of a family: single parents, two parents,
// grandparents raising grandchildren, blended families; 2–7 members, with
// ages that fit their roles (parents 20–60, children 0–24 and at least 18
// years younger than their parent).
func (g *gen) household(o *origin) (string, []person) {
	surname := pick(g, o.surnames)
	child := func(sn string, maxAge int) person {
		names := o.children
		if names == nil || g.chance(0.2) {
			names = o.female
			if g.chance(0.5) {
				names = o.male
			}
		}
		return person{given: pick(g, names), surname: sn, age: g.between(0, maxAge), rel: "kind"}
	}
	adult := func(female bool, sn string, age int, rel regie.Relation) person {
		names := o.male
		if female {
			names = o.female
		}
		return person{given: pick(g, names), surname: sn, age: age, rel: rel}
	}
	otherSurname := func() string {
		if s := pick(g, o.surnames); s != surname {
			return s
		}
		return pick(g, origins[0].surnames)
	}
	parentAge := g.between(22, 56)
	if g.chance(0.1) {
		parentAge = g.between(20, 60)
	}
	childMax := min(24, parentAge-18)
	var ps []person
	kids := func(n int, sn string, maxAge int) {
		for range n {
			if len(ps) >= 7 {
				return
			}
			ps = append(ps, child(sn, maxAge))
		}
	}
	switch g.weighted([]int{45, 33, 8, 4, 4, 6}) {
	case 0: // single parent
		ps = append(ps, adult(g.chance(0.85), surname, parentAge, "ouder"))
		kids(g.between(1, 5), surname, childMax)
	case 1: // two parents
		ps = append(ps, adult(true, surname, parentAge, "ouder"))
		sn := surname
		if g.chance(0.5) {
			sn = otherSurname()
		}
		ps = append(ps, adult(false, sn, min(60, max(20, parentAge+g.between(-3, 6))), "ouder"))
		kids(g.between(1, 5), surname, childMax)
	case 2: // single parent with another adult: a grandparent or an adult relative
		ps = append(ps, adult(g.chance(0.85), surname, parentAge, "ouder"))
		if g.chance(0.6) {
			ps = append(ps, adult(true, otherSurname(), min(88, parentAge+g.between(20, 30)), "overig"))
		} else {
			ps = append(ps, adult(g.chance(0.5), surname, g.between(18, 45), "overig"))
		}
		kids(g.between(1, 4), surname, childMax)
	case 3: // two parents with a grandparent
		ps = append(ps, adult(true, surname, parentAge, "ouder"))
		ps = append(ps, adult(false, surname, min(60, max(20, parentAge+g.between(-3, 6))), "ouder"))
		ps = append(ps, adult(g.chance(0.7), otherSurname(), min(90, parentAge+g.between(22, 32)), "overig"))
		kids(g.between(1, 3), surname, childMax)
	case 4: // grandparents raising grandchildren
		age := g.between(50, 72)
		ps = append(ps, adult(true, surname, age, "verzorger"))
		if g.chance(0.6) {
			ps = append(ps, adult(false, surname, age+g.between(-2, 5), "verzorger"))
		}
		kids(g.between(1, 3), otherSurname(), 17)
	case 5: // blended: a parent, a new partner, children of both
		ps = append(ps, adult(true, surname, parentAge, "ouder"))
		partner := otherSurname()
		ps = append(ps, adult(false, partner, min(60, max(20, parentAge+g.between(-4, 8))), "verzorger"))
		kids(g.between(1, 3), otherSurname(), childMax)
		kids(g.between(0, 2), partner, min(childMax, 6))
	}
	return surname, ps
}

// endMember lets one member of about one family in sixteen leave the
// household: an older child, a second parent or another adult.
func (g *gen) endMember(f *family) {
	end := f.end(g.today)
	if !g.chance(0.06) || regie.DateOf(f.created).DaysUntil(end) < 90 {
		return
	}
	var cand []int
	for i, m := range f.members {
		age := m.birth.YearsOn(g.today)
		if (m.relation == "kind" && age >= 16) || (m.relation == "ouder" && i > 0) || m.relation == "overig" {
			cand = append(cand, i)
		}
	}
	if len(cand) == 0 {
		return
	}
	m := &f.members[pick(g, cand)]
	from := m.started.AddDays(30)
	days := from.DaysUntil(end) - 1
	if days < 1 {
		return
	}
	m.ended = from.AddDays(g.r.IntN(days))
	m.endReason = pick(g, endReasons[m.relation])
}

// assign makes the family's assignments: a coordinator from the start
// (one family in ten had another one first), a duo partner for about one
// in seven, a youth worker for about one in eight that has a member of
// 12–24. A closed file's assignments ended on the day it was closed.
func (g *gen) assign(f *family, assignments *inserter) error {
	t := f.team
	leader := t.leader
	end := f.end(g.today)
	start := regie.DateOf(f.created).AddDays(g.between(0, 10))
	if start.After(end) {
		start = end
	}
	firstAt := maxTime(g.workday(start), f.created.Add(20*time.Minute))
	row := func(u *user, kind regie.AssignmentKind, memberID int64, from, until regie.Date, at time.Time) error {
		id, err := g.id("assignments")
		if err != nil {
			return err
		}
		if until.IsZero() {
			until = f.closeOn
		}
		return assignments.row(id, f.id, u.id, string(kind), idArg(memberID), from.ISO(), dateArg(until), leader.id, ts(at))
	}
	f.coordFrom, f.since = start, start
	if len(t.cms) > 1 && start.DaysUntil(end) > 150 && g.chance(0.1) {
		prev := t.cms[g.r.IntN(len(t.cms))]
		if prev == f.coord {
			prev = t.cms[(indexOf(t.cms, prev)+1)%len(t.cms)]
		}
		switchOn := start.AddDays(g.between(60, start.DaysUntil(end)-30))
		if err := row(prev, regie.AssignCoordinator, 0, start, switchOn, firstAt); err != nil {
			return err
		}
		g.event(firstAt, leader, regie.ActionUpdate, regie.SegAssignment, f.id, 0, basisLeader, "vaste regisseur: "+prev.name)
		f.prevCoord, f.coordFrom = prev, switchOn
		at := g.workday(switchOn)
		if err := row(f.coord, regie.AssignCoordinator, 0, switchOn, regie.Date{}, at); err != nil {
			return err
		}
		g.event(at, leader, regie.ActionUpdate, regie.SegAssignment, f.id, 0, basisLeader,
			"vaste regisseur "+prev.name+" beëindigd; vaste regisseur: "+f.coord.name)
	} else {
		if err := row(f.coord, regie.AssignCoordinator, 0, start, regie.Date{}, firstAt); err != nil {
			return err
		}
		g.event(firstAt, leader, regie.ActionUpdate, regie.SegAssignment, f.id, 0, basisLeader, "vaste regisseur: "+f.coord.name)
	}
	if len(t.cms) > 1 && g.chance(0.15) {
		duo := t.cms[(indexOf(t.cms, f.coord)+1+g.r.IntN(len(t.cms)-1))%len(t.cms)]
		from := start.AddDays(g.r.IntN(max(1, start.DaysUntil(end)+1)))
		at := maxTime(g.workday(from), firstAt.Add(time.Minute))
		if err := row(duo, regie.AssignDuo, 0, from, regie.Date{}, at); err != nil {
			return err
		}
		f.duo = duo
		g.event(at, leader, regie.ActionUpdate, regie.SegAssignment, f.id, 0, basisLeader, "duo-partner: "+duo.name)
	}
	if len(t.youth) > 0 && g.chance(0.12) {
		for _, m := range f.members {
			if age := m.birth.YearsOn(g.today); m.ended.IsZero() && age >= 12 && age <= 24 {
				y := pick(g, t.youth)
				from := start.AddDays(g.r.IntN(max(1, start.DaysUntil(end)+1)))
				at := maxTime(g.workday(from), firstAt.Add(time.Minute))
				if err := row(y, regie.AssignYouth, m.id, from, regie.Date{}, at); err != nil {
					return err
				}
				f.youth = y
				g.event(at, leader, regie.ActionUpdate, regie.SegAssignment, f.id, m.id, basisLeader, "jeugdhulpverlener: "+y.name)
				break
			}
		}
	}
	return nil
}

// reads adds the family page views of the family's workers over time, and
// for about one family in two hundred a refused attempt by a casemanager
// of another team.
func (g *gen) reads(f *family) {
	if g.opt.NoAudit {
		return
	}
	from := f.created.Add(time.Hour)
	until := g.now
	if !f.closedAt.IsZero() {
		until = f.closedAt
	}
	span := until.Sub(from)
	if span <= 0 {
		return
	}
	for range g.opt.AuditReads {
		at := from.Add(time.Duration(g.r.Int64N(int64(span)))).Truncate(time.Microsecond)
		u, basis := f.coordOn(regie.DateOf(at)), basisCoord
		switch x := g.r.Float64(); {
		case x < 0.2 && f.duo != nil:
			u, basis = f.duo, basisDuo
		case x < 0.3 && f.youth != nil:
			u, basis = f.youth, basisYouth
		case x > 0.93:
			u, basis = f.team.leader, basisLeader
		}
		g.event(at, u, regie.ActionRead, regie.SegFamily, f.id, 0, basis, "gezinspagina")
	}
	if len(g.teams) > 1 && g.chance(0.005) {
		other := g.teams[(indexOf(g.teams, f.team)+1)%len(g.teams)]
		at := from.Add(time.Duration(g.r.Int64N(int64(span)))).Truncate(time.Microsecond)
		e := event{at: at, user: pick(g, other.cms), action: regie.ActionRead, outcome: regie.OutcomeDenied,
			segment: regie.SegFamily, family: f.id, basis: basisDenied}
		g.events = append(g.events, e)
	}
}

// end returns the last day of the family's care: the day its file was
// closed, or today.
func (f *family) end(today regie.Date) regie.Date {
	if !f.closeOn.IsZero() {
		return f.closeOn
	}
	return today
}

// coordOn returns the family's coordinator on day d.
func (f *family) coordOn(d regie.Date) *user {
	if f.prevCoord != nil && d.Before(f.coordFrom) {
		return f.prevCoord
	}
	return f.coord
}

// event records an allowed access.
func (g *gen) event(at time.Time, u *user, act regie.Action, seg regie.Segment, familyID, memberID int64, basis, detail string) {
	if g.opt.NoAudit {
		return
	}
	g.events = append(g.events, event{at: at, user: u, action: act, outcome: regie.OutcomeOK, segment: seg,
		family: familyID, member: memberID, basis: basis, detail: detail})
}

func indexOf[T comparable](xs []T, x T) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}
