package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"regie"
	"regie/internal/anchor"
)

// runAudit runs `regie audit verify`: it checks every chain of the access
// log against its keyed hashes, its head and the heads anchored outside
// the database, prints every finding (one line each) and a summary, and
// fails when anything is wrong. When all is well it anchors the current
// heads.
func runAudit(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("geef een opdracht: regie audit verify")
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
