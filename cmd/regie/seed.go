package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"regie"
	"regie/internal/password"
	"regie/internal/seed"
	"regie/internal/store"
)

// runSeed runs `regie seed --families N [--force]`: synthetic families for
// benchmarks and load tests, written around the access policy and the
// audit (see package seed). It migrates an empty database first, and
// refuses a database that already has families unless --force is given.
func runSeed(ctx context.Context, args []string, stdout io.Writer) error {
	var (
		families, teams int
		seedValue       int64
		force           bool
	)
	cfg := defaultConfig(false)
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.IntVar(&families, "families", 25000, "aantal gezinnen")
	fs.IntVar(&teams, "teams", 0, "aantal teams (0: één per 800 gezinnen)")
	fs.Int64Var(&seedValue, "seed", 1, "startwaarde van het toeval: dezelfde waarde geeft dezelfde gegevens")
	fs.BoolVar(&force, "force", false, "ook als de database al gezinnen heeft")
	if err := cfg.load(fs, args, os.Getenv); err != nil {
		return err
	}
	ring, err := cfg.loadKeys(!store.IsPostgres(cfg.Database))
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.Database, store.Options{Keys: ring})
	if err != nil {
		return err
	}
	defer st.Close()
	if applied, _, err := st.SchemaVersion(ctx); err != nil {
		return err
	} else if applied == 0 {
		n, err := st.Migrate(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Lege database: %d migratie(s) uitgevoerd.\n", n)
	}

	// One password for every generated account, so a load test can log
	// in; the first log-in asks for a second factor, as always.
	pw := password.Generate()
	hash, err := password.NewHasher(password.Default, runtime.NumCPU()).Hash(ctx, pw)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Synthetische gegevens voor %s — buiten het toegangsbeleid en de audit om; nooit voor echte gegevens.\n", redacted(cfg.Database))
	start := time.Now()
	if err := seed.Generate(ctx, st, seed.Options{
		Families: families, Teams: teams, Seed: seedValue, Force: force, PasswordHash: hash, Progress: stdout,
	}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d gezinnen aangemaakt in %s.\n", families, time.Since(start).Round(10*time.Millisecond))
	fmt.Fprintf(stdout, "Alle aangemaakte accounts (…@%s) hebben het wachtwoord %s, bijvoorbeeld:\n", seed.Domain, pw)
	for _, role := range []regie.Role{regie.RoleTeamLeader, regie.RoleCasemanager, regie.RolePrivacy, regie.RoleAdmin} {
		users, err := st.FindUsers(ctx, regie.UserFilter{Role: &role})
		if err != nil {
			return err
		}
		for _, u := range users {
			if strings.HasSuffix(u.Email, "@"+seed.Domain) {
				fmt.Fprintf(stdout, "  %-48s %s\n", u.Email, role.Label())
				break
			}
		}
	}
	return nil
}
