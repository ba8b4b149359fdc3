package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"regie"
	"regie/internal/anchor"
)

// runAudit runs `regie audit verify`: it checks every chain of the access
// log against its keyed hashes, its head and the heads anchored outside
// the database, prints every finding (one line each) and a summary, and
// fails when anything is wrong. When all is well it anchors the current
// heads.
func runAudit(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "partitions":
			return runAuditPartitions(ctx, args[1:], stdout)
		case "detach":
			return runAuditDetach(ctx, args[1:], stdout)
		}
	}
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("geef een opdracht: regie audit verify, regie audit partitions of regie audit detach --before JJJJ-MM")
	}
	st, cfg, ring, err := openStoreConfig(ctx, "audit verify", args[1:], nil)
	if err != nil {
		return err
	}
	defer st.Close()
	file := &anchor.File{Path: cfg.anchorFile(), Keys: ring}
	anchors, damaged, exists, err := file.Read()
	if err != nil {
		return err
	}
	rep, err := st.VerifyAudit(ctx, anchors)
	if err != nil {
		return err
	}
	rep.Findings = append(damaged, rep.Findings...)
	for _, f := range rep.Findings {
		fmt.Fprintln(stdout, "FOUT: "+f.Message())
	}
	if !exists {
		fmt.Fprintf(stdout, "Let op: er is nog geen ankerbestand (%s); alleen de sleutel beschermt het log, niet tegen het verwijderen van de nieuwste regels.\n", file.Path)
	}
	if !rep.OK() {
		return fmt.Errorf("toegangslog NIET in orde: %d bevinding(en) in %d regels van %d ketens, %d verankerde koppen gecontroleerd",
			len(rep.Findings), rep.Rows, rep.Chains, rep.Anchors)
	}
	fmt.Fprintf(stdout, "Toegangslog in orde: %d regels in %d ketens (%d met sleutel), %d verankerde koppen; alle hashes, koppelingen en ankers kloppen.\n",
		rep.Rows, rep.Chains, rep.Keyed, rep.Anchors)
	// Only a log found in order is anchored: an anchor vouches for it.
	a := &anchor.Anchorer{File: file, Heads: st.AuditHeads, Clock: regie.SystemClock()}
	a.Known(anchors)
	n, err := a.Anchor(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(stdout, "%d ketenkop(pen) verankerd in %s.\n", n, file.Path)
	}
	return nil
}

// runAuditPartitions runs `regie audit partitions`: the access log's
// months on PostgreSQL with their rows and size, oldest first.
func runAuditPartitions(ctx context.Context, args []string, stdout io.Writer) error {
	st, err := openStore(ctx, "audit partitions", args, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	parts, err := st.AuditPartitions(ctx)
	if err != nil {
		return err
	}
	if st.Dialect() != "postgres" {
		fmt.Fprintln(stdout, "SQLite: het toegangslog is één tabel, zonder maanddelen (alleen PostgreSQL deelt het op per maand).")
		return nil
	}
	for _, p := range parts {
		var what string
		switch {
		case p.Default:
			what = "vangnet (rijen zonder eigen maand; hoort leeg te zijn)"
		case p.From.IsZero():
			what = "alles vóór " + p.To.Format("2006-01")
		default:
			what = p.From.Format("2006-01")
		}
		fmt.Fprintf(stdout, "%-22s %-40s %12d regels %10.1f MB\n", p.Name, what, p.Rows, float64(p.Bytes)/1e6)
	}
	fmt.Fprintf(stdout, "Het toegangslog wordt %d jaar bewaard; maanden daarvoor kunnen los met: regie audit detach --before JJJJ-MM\n", regie.AccessLogYears)
	return nil
}

// runAuditDetach runs `regie audit detach --before YYYY-MM`: it detaches
// the months wholly before that month (past the access log's term) from
// the log. Nothing is removed: each month stays a table to dump and drop.
func runAuditDetach(ctx context.Context, args []string, stdout io.Writer) error {
	var before string
	st, err := openStore(ctx, "audit detach", args, func(fs *flag.FlagSet) {
		fs.StringVar(&before, "before", "", "maanden vóór deze maand (JJJJ-MM) losmaken")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	month, err := time.Parse("2006-01", before)
	if err != nil {
		return errors.New("geef --before JJJJ-MM: de eerste maand die blijft")
	}
	detached, err := st.DetachAuditBefore(regie.NewContextWithActor(ctx, regie.SystemActor()), month)
	if err != nil {
		return err
	}
	if len(detached) == 0 {
		fmt.Fprintf(stdout, "Geen maanden van het toegangslog vóór %s om los te maken.\n", before)
		return nil
	}
	fmt.Fprintf(stdout, "Losgemaakt van het toegangslog: %s.\n", strings.Join(detached, ", "))
	fmt.Fprintln(stdout, "Er is niets verwijderd: elke maand is nu een losse tabel met al zijn regels. Bewaar hem buiten regie en verwijder hem pas daarna:")
	for _, name := range detached {
		fmt.Fprintf(stdout, "  pg_dump --table=%s --file=%s.sql <database>   en daarna   DROP TABLE %s;\n", name, name, name)
	}
	fmt.Fprintln(stdout, "regie audit verify begint elke keten nu bij zijn laatste losgemaakte regel (tabel audit_cuts).")
	return nil
}
