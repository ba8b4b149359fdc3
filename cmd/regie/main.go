// Command regie is the registration and steering system for teams that do
// actief casemanagement with multi-problem families. One binary:
//
//	regie demo                      a populated Dutch demo on an embedded SQLite file
//	regie serve                     a real instance (REGIE_DATABASE: a file or postgres:// URL)
//	regie migrate [--app-role R]    bring the database schema up to date (and grant PostgreSQL's app role)
//	regie user create|reset-password|disable|list
//	regie team create               a team with its districts
//	regie audit verify              check the access log's chains, heads and anchors; report every break
//	regie audit partitions          (PostgreSQL) the access log's months with rows and size
//	regie audit detach --before M   (PostgreSQL) detach months past the term; nothing is removed
//	regie backup --to FILE          a consistent copy of a live SQLite database (PostgreSQL: pg_dump, pg_basebackup)
//	regie retention run             destroy the family files due, approved and not held (Jeugdwet 7.3.8/7.3.9)
//	regie keys create|rotate|seal-existing  the key file outside the database
//	regie summary check|recompute   check or repair the families' summaries (hours, counts)
//	regie seed --families N         synthetic families for benchmarks (bypasses policy and audit)
//	regie load --emails-file F      virtual casemanagers against a running regie: req/s and latencies
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Dutch time without a zone database on the machine

	"regie"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "regie: "+oneLine(err))
		}
		os.Exit(1)
	}
}

const usage = `regie — registratie en regie voor actief casemanagement

Gebruik:
  regie demo [flags]             demo met fictieve gegevens (SQLite-bestand regie-demo.db)
  regie serve [flags]            een echte instantie; REGIE_DATABASE is een bestand of postgres://-URL
  regie migrate [--app-role ROL] het databaseschema bijwerken (en de PostgreSQL-rol van de applicatie rechten geven)
  regie user create --email E --name N --role R [--organisation O] [--team T] [--districts W1,W2]
  regie user reset-password --email E
  regie user disable --email E
  regie user list
  regie team create --name T --districts W1,W2
  regie audit verify             het toegangslog controleren (sleutel, ketenkoppen, ankers); meldt elke breuk
  regie audit partitions         (PostgreSQL) de maanden van het toegangslog met regels en grootte
  regie audit detach --before JJJJ-MM
                                 (PostgreSQL) maanden voorbij de bewaartermijn loskoppelen; niets wordt verwijderd
  regie backup --to BESTAND      een consistente kopie van de SQLite-database, ook terwijl regie draait
                                 (het sleutelbestand apart bewaren; PostgreSQL: zie README, "Back-up en herstel")
  regie retention run            de dossiers vernietigen waarvan de bewaartermijn verstreken is en die de
                                 privacy officer heeft goedgekeurd (niet als de bewaarplicht verlengd is)
  regie keys create|rotate|seal-existing
                                 het sleutelbestand buiten de database (zie README, "Keys")
  regie summary check|recompute  de uren en aantallen per gezin controleren of herberekenen
  regie seed --families N [--force]  synthetische gezinnen voor benchmarks (buiten beleid en audit om)
  regie load --url U --emails-file F --password P [--concurrency 16] [--duration 30s]
                                 belasting meten: casemanagers openen Mijn gezinnen en hun gezinnen

Instellingen gaan via omgevingsvariabelen of flags; zie README.md.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("geef een opdracht, bijvoorbeeld: regie demo")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, stdout, false)
	case "demo":
		return runServe(ctx, rest, stdout, true)
	case "migrate":
		return runMigrate(ctx, rest, stdout)
	case "user":
		return runUser(ctx, rest, stdout)
	case "team":
		return runTeam(ctx, rest, stdout)
	case "audit":
		return runAudit(ctx, rest, stdout)
	case "backup":
		return runBackup(ctx, rest, stdout)
	case "retention":
		return runRetention(ctx, rest, stdout)
	case "keys":
		return runKeys(ctx, rest, stdout)
	case "summary":
		return runSummary(ctx, rest, stdout)
	case "seed":
		return runSeed(ctx, rest, stdout)
	case "load":
		return runLoad(ctx, rest, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("onbekende opdracht %q", cmd)
}

// oneLine makes an error one clear line: a regie error says its user-safe
// message (and the fields that are wrong), anything else its text.
func oneLine(err error) string {
	var re *regie.Error
	if errors.As(err, &re) {
		msg := re.Message
		for field, m := range re.Fields {
			msg += fmt.Sprintf(" %s: %s", field, m)
		}
		return msg
	}
	return err.Error()
}
