package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"regie/internal/store"
)

// openStore opens the database of the configuration in args.
func openStore(ctx context.Context, name string, args []string, extra func(*flag.FlagSet)) (*store.Store, error) {
	cfg := defaultConfig(false)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	if extra != nil {
		extra(fs)
	}
	if err := cfg.load(fs, args, os.Getenv); err != nil {
		return nil, err
	}
	// migrate makes the key file of a new SQLite installation beside it;
	// every other command needs the one that exists.
	ring, err := cfg.loadKeys(name == "migrate" && !store.IsPostgres(cfg.Database))
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cfg.Database, store.Options{Keys: ring})
	if err != nil {
		return nil, err
	}
	if name != "migrate" {
		if err := st.CheckSchema(ctx); err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}

func runMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	st, err := openStore(ctx, "migrate", args, nil)
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
	return nil
}
