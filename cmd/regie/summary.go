package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"regie"
)

// runSummary checks or repairs the family summaries (the hours, counts
// and dates the lists and signals read): `check` reports each family whose
// stored summary differs from what its contacts and phases give and fails
// when any does; `recompute` writes the recomputed ones. For installations
// whose summaries lost counts to concurrent saves on PostgreSQL.
func runSummary(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "check" && args[0] != "recompute") {
		return errors.New("geef een opdracht: regie summary check of regie summary recompute")
	}
	fix := args[0] == "recompute"
	st, err := openStore(ctx, "summary "+args[0], args[1:], nil)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.CheckSummaries(regie.NewContextWithActor(ctx, regie.SystemActor()), fix)
	if err != nil {
		return err
	}
	for _, m := range rep.Mismatches {
		verb := "wijkt af"
		if fix {
			verb = "hersteld"
		}
		fmt.Fprintf(stdout, "%s %s: ", regie.DossierNumber(m.FamilyID), verb)
		for i, f := range m.Fields {
			if i > 0 {
				fmt.Fprint(stdout, "; ")
			}
			fmt.Fprint(stdout, f)
		}
		fmt.Fprintln(stdout)
	}
	switch {
	case fix:
		fmt.Fprintf(stdout, "Samenvattingen herberekend: %d gezinnen gecontroleerd, %d hersteld.\n", rep.Families, len(rep.Mismatches))
	case len(rep.Mismatches) > 0:
		return fmt.Errorf("samenvattingen NIET in orde: %d van %d gezinnen wijken af; herstel met: regie summary recompute",
			len(rep.Mismatches), rep.Families)
	default:
		fmt.Fprintf(stdout, "Samenvattingen in orde: %d gezinnen gecontroleerd, uren en aantallen kloppen met de contactmomenten.\n", rep.Families)
	}
	return nil
}
