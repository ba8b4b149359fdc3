package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"regie/internal/keys"
	"regie/internal/store"
)

// openStore opens the database of the configuration in args.
func openStore(ctx context.Context, name string, args []string, extra func(*flag.FlagSet)) (*store.Store, error) {
	st, _, _, err := openStoreConfig(ctx, name, args, extra)
	return st, err
}

// openStoreConfig is openStore that also returns the configuration and
// the key file.
func openStoreConfig(ctx context.Context, name string, args []string, extra func(*flag.FlagSet)) (*store.Store, *Config, *keys.Ring, error) {
	cfg, err := loadConfig(name, args, extra)
	if err != nil {
		return nil, nil, nil, err
	}
	return openConfigured(ctx, name, cfg)
}

// loadConfig reads the configuration of a command from its flags and the
// environment.
func loadConfig(name string, args []string, extra func(*flag.FlagSet)) (*Config, error) {
	cfg := defaultConfig(false)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	if extra != nil {
		extra(fs)
	}
	if err := cfg.load(fs, args, os.Getenv); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// openConfigured opens the store of a loaded configuration with its key
// file and, except for migrate, checks that the schema is up to date.
func openConfigured(ctx context.Context, name string, cfg *Config) (*store.Store, *Config, *keys.Ring, error) {
	// migrate makes the key file of a new SQLite installation beside it;
	// every other command needs the one that exists.
	ring, err := cfg.loadKeys(name == "migrate" && !store.IsPostgres(cfg.Database))
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := store.Open(ctx, cfg.Database, store.Options{Keys: ring})
	if err != nil {
		return nil, nil, nil, err
	}
	if name != "migrate" {
		if err := st.CheckSchema(ctx); err != nil {
			st.Close()
			return nil, nil, nil, err
		}
	}
	return st, cfg, ring, nil
}

// runMigrate runs `regie migrate [--app-role NAME]`. With an app role
// (PostgreSQL only) it grants that role what the running application
// needs and nothing more: see store.GrantAppRole and README, "PostgreSQL
// roles". Run it as the role that owns the tables.
func runMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	appRole := os.Getenv("REGIE_APP_ROLE")
	st, err := openStore(ctx, "migrate", args, func(fs *flag.FlagSet) {
		fs.StringVar(&appRole, "app-role", appRole, "PostgreSQL-rol van de draaiende applicatie: krijgt alleen de rechten die regie nodig heeft (REGIE_APP_ROLE)")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	applied, _, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d migratie(s) uitgevoerd; het schema is op versie %d.\n", n, applied)
	made, err := st.EnsureAuditPartitions(ctx, store.AuditMonthsAhead)
	if err != nil {
		return err
	}
	if len(made) > 0 {
		fmt.Fprintf(stdout, "%d maand(en) van het toegangslog klaargezet: %s.\n", len(made), strings.Join(made, ", "))
	}
	if appRole != "" {
		if err := st.GrantAppRole(ctx, appRole); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Rechten gegeven aan rol %s: lezen en schrijven van de gegevens, van het toegangslog alleen lezen en toevoegen.\n", appRole)
	}
	return nil
}
