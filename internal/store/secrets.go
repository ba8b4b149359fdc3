package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"regie"
	"regie/internal/keys"
)

// Secrets at rest — a member's BSN, a user's TOTP secret and one being
// enrolled — are sealed with the key file (internal/keys) on every write
// and opened on every read, here in the store, so no other layer sees a
// sealed value and the database never sees a plain one.

var errNoKeys = errors.New("store: no key file: secrets at rest cannot be sealed or opened (REGIE_KEY_FILE)")

// seal seals a secret for writing.
func (s *Store) seal(plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	if s.keys == nil {
		return "", errNoKeys
	}
	return s.keys.Seal(plain)
}

// open opens a secret read from the database. A value that is not sealed
// is one written before sealing existed and not yet sealed by `regie
// migrate` (Store.SealSecrets); it is returned as it is.
func (s *Store) open(stored string) (string, error) {
	if !keys.IsSealed(stored) {
		return stored, nil
	}
	if s.keys == nil {
		return "", errNoKeys
	}
	return s.keys.Open(stored)
}

// bsnIndex is the blind index stored beside a sealed BSN, for equality
// search; "" for no BSN.
func (s *Store) bsnIndex(bsn string) (string, error) {
	if bsn == "" {
		return "", nil
	}
	if s.keys == nil {
		return "", errNoKeys
	}
	return s.keys.Index(keys.PurposeBSNIndex, bsn), nil
}

// bsnIndexes returns the blind indexes to search for when word is a BSN
// (dots and dashes allowed), under every key of the ring so a search
// during a rotation still finds rows not yet reindexed; nil otherwise.
func (s *Store) bsnIndexes(word string) []string {
	bsn, ok := regie.SearchedBSN(word)
	if s.keys == nil || !ok {
		return nil
	}
	return s.keys.Indexes(keys.PurposeBSNIndex, bsn)
}

// redactBSNs replaces every BSN in a search query by its last three
// digits, for the access log: the log says that a BSN was looked for
// (and which families were found) without holding the number itself.
func redactBSNs(q string) string {
	f := strings.Fields(q)
	for i, w := range f {
		if bsn, ok := regie.SearchedBSN(w); ok {
			f[i] = "BSN …" + bsn[6:]
		}
	}
	return strings.Join(f, " ")
}

// openScan scans a sealed column into dst, opened.
type openScan struct {
	s   *Store
	dst *string
}

func (o openScan) Scan(src any) error {
	var raw string
	switch v := src.(type) {
	case nil:
	case string:
		raw = v
	case []byte:
		raw = string(v)
	default:
		return fmt.Errorf("store: sealed column holds %T", src)
	}
	plain, err := o.s.open(raw)
	if err != nil {
		return fmt.Errorf("store: open sealed value: %w", err)
	}
	*o.dst = plain
	return nil
}

// Keys returns the store's key ring (nil when opened without one).
func (s *Store) Keys() *keys.Ring { return s.keys }

// SealCount says how many values SealSecrets sealed anew.
type SealCount struct {
	BSNs, TOTPSecrets, PendingTOTPSecrets int
}

// Total is the number of values sealed.
func (c SealCount) Total() int { return c.BSNs + c.TOTPSecrets + c.PendingTOTPSecrets }

// SealSecrets seals with the newest key every secret at rest that is not
// sealed with it yet: plaintext left from before sealing existed (the Go
// step of migration 000009) and values sealed with an older key after a
// rotation. It also (re)computes the BSN blind indexes under that key.
// It is idempotent and safe beside a running regie: each row is written
// only if it still holds the value just read, and rows are visited once,
// in id order, in batches of their own transactions.
func (s *Store) SealSecrets(ctx context.Context) (SealCount, error) {
	var c SealCount
	if s.keys == nil {
		return c, errNoKeys
	}
	cur := s.keys.CurrentID()
	sealedPrefix, indexPrefix := "enc:"+cur+":", cur+":"
	var err error
	c.BSNs, err = s.sealColumn(ctx, `SELECT id, bsn, bsn_index FROM members
		WHERE id > $1 AND bsn <> '' AND (substr(bsn, 1, $2) <> $3 OR substr(bsn_index, 1, $4) <> $5) ORDER BY id LIMIT 500`,
		[]any{len(sealedPrefix), sealedPrefix, len(indexPrefix), indexPrefix},
		`UPDATE members SET bsn = $1, bsn_index = $2 WHERE id = $3 AND bsn = $4`, true)
	if err != nil {
		return c, err
	}
	c.TOTPSecrets, err = s.sealColumn(ctx, `SELECT id, totp_secret, '' FROM users
		WHERE id > $1 AND totp_secret <> '' AND substr(totp_secret, 1, $2) <> $3 ORDER BY id LIMIT 500`,
		[]any{len(sealedPrefix), sealedPrefix},
		`UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3`, false)
	if err != nil {
		return c, err
	}
	c.PendingTOTPSecrets, err = s.sealColumn(ctx, `SELECT id, pending_totp_secret, '' FROM sessions
		WHERE id > $1 AND pending_totp_secret <> '' AND substr(pending_totp_secret, 1, $2) <> $3 ORDER BY id LIMIT 500`,
		[]any{len(sealedPrefix), sealedPrefix},
		`UPDATE sessions SET pending_totp_secret = $1 WHERE id = $2 AND pending_totp_secret = $3`, false)
	return c, err
}

// sealColumn runs one column's pass of SealSecrets: query selects (id,
// stored value, stored index) after an id; update writes (sealed, id, old
// value), or with the index (sealed, index, id, old value).
func (s *Store) sealColumn(ctx context.Context, query string, args []any, update string, withIndex bool) (int, error) {
	n := 0
	var after int64
	for {
		type row struct {
			id      int64
			stored  string
			indexed string
		}
		var batch []row
		err := s.write(ctx, func(tx *tx) error {
			rows, err := tx.QueryContext(ctx, query, append([]any{after}, args...)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.id, &r.stored, &r.indexed); err != nil {
					return err
				}
				batch = append(batch, r)
			}
			if err := rows.Err(); err != nil {
				return err
			}
			for _, r := range batch {
				plain, err := s.open(r.stored)
				if err != nil {
					return fmt.Errorf("row %d: %w", r.id, err)
				}
				sealed, err := s.seal(plain)
				if err != nil {
					return err
				}
				uargs := []any{sealed, r.id, r.stored}
				if withIndex {
					index, err := s.bsnIndex(plain)
					if err != nil {
						return err
					}
					uargs = []any{sealed, index, r.id, r.stored}
				}
				res, err := tx.ExecContext(ctx, update, uargs...)
				if err != nil {
					return err
				}
				if k, err := res.RowsAffected(); err == nil && k > 0 {
					n++
				}
			}
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("store: seal secrets: %w", err)
		}
		if len(batch) == 0 {
			return n, nil
		}
		after = batch[len(batch)-1].id
	}
}
