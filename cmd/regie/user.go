package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"regie"
	"regie/internal/password"
	"regie/internal/store"
)

// runUser runs `regie user create|reset-password|disable|list`: account
// administration from the command line, acting as the system (audited as
// such). The first administrator of a new instance is made this way. The
// command line is the operator at the server (technisch beheer), who holds
// the database's credentials: an account or reset it makes is confirmed at
// once, where one the functional administrator makes in the screens waits
// for a second person. Its user is told either way at the next log-in.
func runUser(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("geef een opdracht: regie user create, reset-password, disable of list")
	}
	var (
		email, name, role, org, team, districts, phone string
	)
	flags := func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "e-mailadres")
		fs.StringVar(&name, "name", "", "naam")
		fs.StringVar(&role, "role", "", "rol: "+roleList())
		fs.StringVar(&org, "organisation", "", "naam van de organisatie (wordt aangemaakt als die nog niet bestaat)")
		fs.StringVar(&team, "team", "", "naam van het team (voor casemanager, jeugdhulpverlener, teamleider)")
		fs.StringVar(&districts, "districts", "", "wijken van de medewerker, met komma's")
		fs.StringVar(&phone, "phone", "", "telefoonnummer op het werk (optioneel), bijvoorbeeld 06 12345678")
	}
	st, err := openStore(ctx, "user "+args[0], args[1:], flags)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx = regie.NewContextWithActor(ctx, regie.SystemActor())
	hasher := password.NewHasher(password.Default, runtime.NumCPU())

	switch args[0] {
	case "create":
		n := regie.NewUser{Email: email, Name: name, Phone: phone, Role: regie.Role(role), Password: password.Generate(), PasswordTemporary: true}
		if err := resolveOrgTeam(ctx, st, &n, org, team, districts); err != nil {
			return err
		}
		hash, err := hasher.Hash(ctx, n.Password)
		if err != nil {
			return err
		}
		u, err := st.CreateUser(ctx, n, hash)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Account %d aangemaakt voor %s (%s).\nTijdelijk wachtwoord: %s\nHet wachtwoord is %d uur geldig. Bij de eerste keer inloggen stelt %s een tweede factor in en kiest een eigen wachtwoord.\n",
			u.ID, u.Name, u.Role.Label(), n.Password, int(regie.TemporaryPasswordValid.Hours()), u.Name)
	case "reset-password":
		u, err := st.FindUserByEmail(ctx, email)
		if err != nil {
			return fmt.Errorf("geen account met e-mailadres %q", email)
		}
		pw := password.Generate()
		hash, err := hasher.Hash(ctx, pw)
		if err != nil {
			return err
		}
		if err := st.SetPassword(ctx, u.ID, hash, true); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Tijdelijk wachtwoord voor %s: %s\nAlle sessies zijn beëindigd en de tweede factor is gewist; bij het inloggen kiest de medewerker een eigen wachtwoord.\n", u.Name, pw)
	case "disable":
		u, err := st.FindUserByEmail(ctx, email)
		if err != nil {
			return fmt.Errorf("geen account met e-mailadres %q", email)
		}
		if err := st.DisableUser(ctx, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Account van %s geblokkeerd; alle sessies zijn beëindigd.\n", u.Name)
	case "list":
		users, err := st.FindUsers(ctx, regie.UserFilter{})
		if err != nil {
			return err
		}
		for _, u := range users {
			status := "actief"
			switch {
			case u.Disabled():
				status = "geblokkeerd"
			case u.Unconfirmed:
				status = "wacht op bevestiging door een tweede persoon"
			case u.PasswordTemporary:
				status = "actief, tijdelijk wachtwoord"
			case !u.HasTOTP():
				status = "actief, nog geen tweede factor"
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role.Label(), status)
		}
	default:
		return fmt.Errorf("onbekende opdracht regie user %s", args[0])
	}
	return nil
}

func roleList() string {
	var rs []string
	for _, r := range regie.Roles {
		rs = append(rs, string(r.Value))
	}
	return strings.Join(rs, ", ")
}

// resolveOrgTeam fills the organisation, team and districts of a new user
// from their names, creating the own organisation on a fresh instance.
func resolveOrgTeam(ctx context.Context, st *store.Store, n *regie.NewUser, org, team, districts string) error {
	orgs, err := st.FindOrganisations(ctx)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if (org == "" && o.Own) || strings.EqualFold(o.Name, org) {
			n.OrganisationID = o.ID
			break
		}
	}
	if n.OrganisationID == 0 {
		if org == "" {
			return errors.New("geef --organisation: de naam van uw organisatie (bij het eerste account wordt die aangemaakt)")
		}
		o, err := st.CreateOrganisation(ctx, org, len(orgs) == 0)
		if err != nil {
			return err
		}
		n.OrganisationID = o.ID
	}
	if team == "" {
		return nil
	}
	teams, err := st.FindTeams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		if !strings.EqualFold(t.Name, team) {
			continue
		}
		n.TeamID = t.ID
		for _, want := range strings.Split(districts, ",") {
			want = strings.TrimSpace(want)
			if want == "" {
				continue
			}
			found := false
			for _, d := range t.Districts {
				if strings.EqualFold(d.Name, want) {
					n.DistrictIDs, found = append(n.DistrictIDs, d.ID), true
				}
			}
			if !found {
				return fmt.Errorf("team %s heeft geen wijk %q", t.Name, want)
			}
		}
		return nil
	}
	return fmt.Errorf("er is geen team %q; maak het eerst met regie team create", team)
}

// runTeam runs `regie team create`.
func runTeam(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("geef een opdracht: regie team create --name T --districts W1,W2")
	}
	var name, districts, org string
	st, err := openStore(ctx, "team create", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "naam van het team")
		fs.StringVar(&districts, "districts", "", "wijken van het team, met komma's")
		fs.StringVar(&org, "organisation", "", "organisatie (standaard de eigen)")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	ctx = regie.NewContextWithActor(ctx, regie.SystemActor())
	n := regie.NewUser{}
	if err := resolveOrgTeam(ctx, st, &n, org, "", ""); err != nil {
		return err
	}
	var ds []string
	for _, d := range strings.Split(districts, ",") {
		if d = strings.TrimSpace(d); d != "" {
			ds = append(ds, d)
		}
	}
	t, err := st.CreateTeam(ctx, n.OrganisationID, name, ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Team %s aangemaakt met %d wijk(en).\n", t.Name, len(t.Districts))
	return nil
}
