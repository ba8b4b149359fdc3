package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"regie/internal/keys"
	"regie/internal/store"
)

// runKeys runs `regie keys create|rotate|seal-existing`: the key file that
// seals secrets at rest and keys the access log, kept outside the
// database (see README, "Keys").
func runKeys(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("geef een opdracht: regie keys create, regie keys rotate of regie keys seal-existing")
	}
	switch args[0] {
	case "create":
		cfg := defaultConfig(false)
		if err := cfg.load(flag.NewFlagSet("keys create", flag.ContinueOnError), args[1:], os.Getenv); err != nil {
			return err
		}
		r, err := keys.Create(cfg.keyFile())
		if err != nil {
			return fmt.Errorf("sleutelbestand %s: %w", cfg.keyFile(), err)
		}
		fmt.Fprintf(stdout, "Sleutelbestand %s gemaakt (sleutel %s, alleen leesbaar voor de eigenaar). Maak er een reservekopie van, apart van de database.\n", r.Path, r.CurrentID())
		return nil
	case "rotate":
		st, err := openStore(ctx, "keys rotate", args[1:], nil)
		if err != nil {
			return err
		}
		defer st.Close()
		ring := st.Keys()
		id, err := ring.Rotate()
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Nieuwe sleutel %s bovenaan %s gezet; de oude sleutels blijven om oude gegevens te openen.\n", id, ring.Path)
		return sealExisting(ctx, st, stdout)
	case "seal-existing":
		st, err := openStore(ctx, "keys seal-existing", args[1:], nil)
		if err != nil {
			return err
		}
		defer st.Close()
		return sealExisting(ctx, st, stdout)
	}
	return fmt.Errorf("onbekende opdracht regie keys %s: kies create, rotate of seal-existing", args[0])
}

// sealExisting seals with the newest key what is not yet sealed with it.
func sealExisting(ctx context.Context, st *store.Store, stdout io.Writer) error {
	c, err := st.SealSecrets(ctx)
	if err != nil {
		return fmt.Errorf("versleutelen onderbroken (opnieuw uitvoeren met regie keys seal-existing kan veilig): %w", err)
	}
	fmt.Fprintf(stdout, "Versleuteld met de nieuwste sleutel: %d BSN's, %d TOTP-geheimen, %d TOTP-geheimen in aanmelding.\n",
		c.BSNs, c.TOTPSecrets, c.PendingTOTPSecrets)
	return nil
}
