package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"regie"
)

// runRetention runs `regie retention run`: it destroys every family file
// that is past its retention date (or granted on request), approved by the
// privacy officer and not held, and prints the report.
func runRetention(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "run" {
		return errors.New("geef een opdracht: regie retention run")
	}
	st, _, _, err := openStoreConfig(ctx, "retention run", args[1:], nil)
	if err != nil {
		return err
	}
	defer st.Close()
	run, err := st.RunRetention(regie.NewContextWithActor(ctx, regie.SystemActor()))
	if err != nil {
		return fmt.Errorf("vernietigingsronde mislukt: %s", oneLine(err))
	}
	printRun(stdout, run)
	return nil
}

// printRun writes a run's report: the files destroyed and the rows per
// table.
func printRun(w io.Writer, run *regie.DestructionRun) {
	if len(run.Families) == 0 {
		fmt.Fprintln(w, "Vernietigingsronde: niets te vernietigen (geen goedgekeurd dossier waarvan de bewaartermijn verstreken is).")
		return
	}
	fmt.Fprintf(w, "Vernietigingsronde %d: %d dossier(s) vernietigd:", run.ID, len(run.Families))
	for _, id := range run.Families {
		fmt.Fprint(w, " "+regie.DossierNumber(id))
	}
	fmt.Fprintln(w)
	for _, c := range run.Counts {
		fmt.Fprintf(w, "  %-28s %d rijen\n", c.Table, c.Rows)
	}
	fmt.Fprintln(w, "Het toegangslog is ongewijzigd bewaard; van elk dossier blijft alleen een grafsteen (nummer, sluitdatum, vernietigd op, goedkeuring, wettelijke grond).")
}
