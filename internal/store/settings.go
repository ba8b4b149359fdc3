package store

import (
	"context"
	"fmt"
	"maps"

	"regie"
	"regie/internal/policy"
)

func policyDecide(a *regie.Actor, act regie.Action, seg regie.Segment) bool {
	return policy.Decide(a, act, seg, nil).Allow
}

// FindNorms implements regie.SettingsService. Everyone logged in may read
// the norms; they are the team's agreements, not personal data.
func (s *Store) FindNorms(ctx context.Context) (regie.Norms, error) {
	var n regie.Norms
	err := s.readBatch(ctx, func(b *batch) { b.norms(&n) })
	return n, err
}

func (tx *tx) settings(ctx context.Context, into map[string]string) error {
	b := tx.batch()
	b.settings(into)
	return b.run(ctx)
}

// settings queues the read of every setting into into. A transaction
// reads them once: a later call copies what it read (saveSetting, which
// changes one, makes the next call read them again). Mijn gezinnen needs
// them for its list's signals, its norms and its check-ups.
func (b *batch) settings(into map[string]string) {
	if b.tx.settingsRead != nil {
		maps.Copy(into, b.tx.settingsRead)
		return
	}
	read := map[string]string{}
	b.each("settings", `SELECT key, value FROM settings`, nil, func(sc scanner) error {
		var k, v string
		if err := sc.Scan(&k, &v); err != nil {
			return err
		}
		into[k], read[k] = v, v
		return nil
	})
	b.then(func(context.Context, *batch) error {
		b.tx.settingsRead = read
		return nil
	})
}

// saveSetting sets the setting key to value, as changed by the
// transaction's actor.
func (tx *tx) saveSetting(ctx context.Context, key, value string) error {
	tx.settingsRead = nil
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		key, value, ts(tx.now), tx.actor.UserID)
	return err
}

// norms reads the norms inside a transaction.
func (tx *tx) norms(ctx context.Context) (regie.Norms, error) {
	var n regie.Norms
	b := tx.batch()
	b.norms(&n)
	return n, b.run(ctx)
}

// norms queues the read of the norms into *into: the defaults with the
// settings applied, set before any fn queued with then after it runs.
func (b *batch) norms(into *regie.Norms) {
	settings := map[string]string{}
	b.settings(settings)
	b.then(func(context.Context, *batch) error {
		*into = regie.DefaultNorms()
		into.Apply(settings)
		return nil
	})
}

// SaveNorms implements regie.SettingsService.
func (s *Store) SaveNorms(ctx context.Context, values map[string]string) error {
	return s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegSettings, nil, 0, 0, forbidden())
		if err != nil {
			return err
		}
		if err := regie.ValidateNorms(values); err != nil {
			return err
		}
		for _, ns := range regie.NormSettings {
			value, ok := values[ns.Key]
			if !ok {
				continue
			}
			v := regie.Clean(value)
			if err := tx.saveSetting(ctx, ns.Key, v); err != nil {
				return fmt.Errorf("store: save norms: %w", err)
			}
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegSettings,
			Basis: dec.Basis, Detail: "normen gewijzigd"})
	})
}
