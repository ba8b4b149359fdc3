package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"regie/internal/store"
)

// runBackup runs `regie backup --to FILE`: a consistent copy of the SQLite
// database, made while regie serves it (store.BackupTo). PostgreSQL is
// backed up with its own tools (README, "Back-up en herstel"). The key
// file is not in the database; the output says where it is and that it
// must be backed up separately.
func runBackup(ctx context.Context, args []string, stdout io.Writer) error {
	var to string
	cfg, err := loadConfig("backup", args, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "het nieuwe back-upbestand (wordt nooit overschreven)")
	})
	if err != nil {
		return err
	}
	if store.IsPostgres(cfg.Database) {
		return errors.New(`een back-up van PostgreSQL maakt regie backup niet: gebruik pg_dump -Fc (kleine installatie) of pg_basebackup met WAL-archivering (zie README, "Back-up en herstel")`)
	}
	if to == "" {
		return errors.New("geef het back-upbestand: regie backup --to BESTAND")
	}
	st, cfg, _, err := openConfigured(ctx, "backup", cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	switch err := st.BackupTo(ctx, to); {
	case errors.Is(err, store.ErrBackupExists):
		return fmt.Errorf("%s bestaat al; een back-up overschrijft nooit een bestand: kies een nieuwe naam", to)
	case err != nil:
		return fmt.Errorf("back-up mislukt (er is geen bestand %s achtergebleven): %v", to, err)
	}
	size := int64(0)
	if fi, err := os.Stat(to); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(stdout, "Back-up gemaakt: %s (%.1f MB), een consistente kopie van %s, alleen leesbaar voor de eigenaar.\n",
		to, float64(size)/(1<<20), cfg.Database)
	fmt.Fprintf(stdout, "Let op: het sleutelbestand %s zit NIET in de back-up. Bewaar het apart (een andere plek, andere mensen): "+
		"zonder dat bestand is het toegangslog niet te controleren en zijn BSN's en tweede factoren niet te lezen.\n", cfg.keyFile())
	return nil
}
