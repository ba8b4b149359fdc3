package store

import (
	"context"
	"fmt"

	"regie"
)

// FindRates implements regie.RateService. Everyone logged in may read
// the rates, like the norms: they are the municipality's assumptions of
// the cost/benefit analysis, not personal data.
func (s *Store) FindRates(ctx context.Context) (regie.Rates, error) {
	settings := map[string]string{}
	err := s.read(ctx, func(tx *tx) error {
		return tx.settings(ctx, settings)
	})
	return regie.RatesFrom(settings), err
}

// SaveRates implements regie.RateService: the functional administrator's
// rates, each value with its source, in the access log like the norms.
func (s *Store) SaveRates(ctx context.Context, values map[string]string) error {
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegSettings, nil, 0, 0, forbidden())
		if err != nil {
			return err
		}
		if err := regie.ValidateRates(values); err != nil {
			return err
		}
		for _, d := range regie.RateDefs {
			for _, key := range []string{d.Key, regie.SourceKey(d.Key)} {
				value, ok := values[key]
				if !ok {
					continue
				}
				if err := tx.saveSetting(ctx, key, regie.Clean(value)); err != nil {
					return fmt.Errorf("store: save rates: %w", err)
				}
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegSettings,
			Basis: dec.Basis, Detail: "tarieven gewijzigd"})
	})
}
