package store

import (
	"context"
	"fmt"

	"regie"
)

// UsualContactMinutes implements regie.ContactService: the median of the
// acting worker's latest reached contacts, or their account's usual
// duration (60 minutes unless set) when they have none. It reads only
// their own durations, no family's content, so it writes no audit row.
func (s *Store) UsualContactMinutes(ctx context.Context) (int, error) {
	a := regie.ActorFromContext(ctx)
	if a == nil || a.UserID == 0 {
		return 0, regie.Forbidden()
	}
	var usual int
	err := s.read(ctx, func(tx *tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT usual_contact_minutes FROM users WHERE id = $1`, a.UserID).Scan(&usual); err != nil {
			return fmt.Errorf("store: usual contact minutes: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT minutes FROM contacts WHERE user_id = $1 AND attempt = $2
			ORDER BY contact_date DESC, start_time DESC, id DESC LIMIT $3`, a.UserID, string(regie.AttemptReached), regie.UsualContactSample)
		if err != nil {
			return fmt.Errorf("store: usual contact minutes: %w", err)
		}
		defer rows.Close()
		var recent []int
		for rows.Next() {
			var m int
			if err := rows.Scan(&m); err != nil {
				return err
			}
			recent = append(recent, m)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if usual <= 0 {
			usual = 60
		}
		usual = regie.UsualContactMinutes(recent, usual)
		return nil
	})
	return usual, err
}
