package seed

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"regie"
)

// organisation finds the own organisation, or creates one.
func (g *gen) organisation() error {
	err := g.tx.QueryRowContext(g.ctx, `SELECT id FROM organisations WHERE own = $1 ORDER BY id LIMIT 1`, true).Scan(&g.org)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if g.org, err = g.id("organisations"); err != nil {
		return err
	}
	_, err = g.tx.ExecContext(g.ctx, `INSERT INTO organisations (id, name, own, created_at) VALUES ($1, $2, $3, $4)`,
		g.org, "Regieteam Stad (synthetische gegevens)", true, ts(g.now.AddDate(-5, 0, 0)))
	return err
}

// teamsAndDistricts makes the teams, each with 2–4 neighbourhoods of one
// city from the pool (taken in order, so a city's teams sit together).
func (g *gen) teamsAndDistricts() error {
	teams := g.insert("teams", []string{"id", "organisation_id", "name"})
	districts := g.insert("districts", []string{"id", "team_id", "name"}, teams)
	next, round := 0, 0
	for range g.opt.Teams {
		t := &team{}
		var err error
		if t.id, err = g.id("teams"); err != nil {
			return err
		}
		n := g.between(2, 4)
		for i := 0; i < n; i++ {
			if next == len(districtPool) {
				next, round = 0, round+1
			}
			info := districtPool[next]
			if len(t.districts) >= 2 && info.city != t.districts[0].city {
				break // a team stays in one city when it can
			}
			next++
			if round > 0 {
				info.name = fmt.Sprintf("%s %d", info.name, round+1)
			}
			d := &district{districtInfo: info}
			if d.id, err = g.id("districts"); err != nil {
				return err
			}
			t.districts = append(t.districts, d)
		}
		t.name = "Team " + t.districts[0].name
		if err := teams.row(t.id, g.org, t.name); err != nil {
			return err
		}
		for _, d := range t.districts {
			if err := districts.row(d.id, t.id, d.name); err != nil {
				return err
			}
		}
		g.teams = append(g.teams, t)
	}
	return nil
}

// staff makes per team a team leader, the casemanagers and youth workers
// (about one for every six casemanagers), and one functional
// administrator and one privacy officer for the organisation.
func (g *gen) staff() error {
	users := g.insert("users", []string{"id", "organisation_id", "team_id", "email", "name", "sort_name", "role", "password_hash", "created_at"})
	userDistricts := g.insert("user_districts", []string{"user_id", "district_id"}, users)
	total := len(g.teams)*(1+g.opt.CasemanagersPerTeam+max(1, g.opt.CasemanagersPerTeam/6)) + 2
	p := g.progress("medewerkers", total)
	add := func(role regie.Role, t *team, ds []*district) (*user, error) {
		o := &origins[0]
		if !g.chance(0.65) {
			o = &origins[1+g.r.IntN(len(origins)-1)]
		}
		given := pick(g, o.female)
		if g.chance(0.3) {
			given = pick(g, o.male)
		}
		u := &user{name: given + " " + pick(g, o.surnames), role: role, team: t, districts: ds,
			ip: fmt.Sprintf("10.%d.%d.%d", 20+g.r.IntN(10), g.r.IntN(256), 1+g.r.IntN(254)), ua: pick(g, userAgents)}
		var err error
		if u.id, err = g.id("users"); err != nil {
			return nil, err
		}
		email := fmt.Sprintf("%s.%d@%s", slug(u.name), u.id, Domain)
		var teamID int64
		if t != nil {
			teamID = t.id
		}
		created := g.now.Add(-time.Duration(g.between(400, 5*365)) * 24 * time.Hour)
		if err := users.row(u.id, g.org, idArg(teamID), email, u.name, regie.SortName(u.name), string(role), g.opt.PasswordHash, ts(created)); err != nil {
			return nil, err
		}
		for _, d := range ds {
			if err := userDistricts.row(u.id, d.id); err != nil {
				return nil, err
			}
		}
		g.users = append(g.users, u)
		p.add(1)
		return u, nil
	}
	var err error
	for _, t := range g.teams {
		if t.leader, err = add(regie.RoleTeamLeader, t, t.districts); err != nil {
			return err
		}
		for i := range g.opt.CasemanagersPerTeam {
			// Casemanagers work in one district of the team, some in two.
			ds := []*district{t.districts[i%len(t.districts)]}
			if g.chance(0.25) {
				if other := t.districts[(i+1)%len(t.districts)]; other != ds[0] {
					ds = append(ds, other)
				}
			}
			cm, err := add(regie.RoleCasemanager, t, ds)
			if err != nil {
				return err
			}
			t.cms = append(t.cms, cm)
		}
		for range max(1, g.opt.CasemanagersPerTeam/6) {
			y, err := add(regie.RoleYouthWorker, t, t.districts)
			if err != nil {
				return err
			}
			t.youth = append(t.youth, y)
		}
	}
	if g.admin, err = add(regie.RoleAdmin, nil, nil); err != nil {
		return err
	}
	if g.privacy, err = add(regie.RolePrivacy, nil, nil); err != nil {
		return err
	}
	p.done()
	return nil
}
