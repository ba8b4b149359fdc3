package store

import (
	"context"
	"fmt"

	"regie"
)

// contact_months (migration 000021) holds the contacts summed per family,
// month, phase and author, for the reports: kept in the same transaction
// as every write of a contact.

// contactMonthsSum is the SELECT list that sums contacts into rows of
// contact_months, with the month expression of the dialect.
func (d dialect) contactMonthsSum() string {
	return `SELECT family_id, ` + d.monthOf("contact_date") + `, phase, user_id, SUM(minutes), COUNT(*),
		SUM(CASE WHEN attempt = 'geen_gehoor' THEN 1 ELSE 0 END), SUM(CASE WHEN attempt = 'afgewezen' THEN 1 ELSE 0 END)
	FROM contacts`
}

// monthOf is the first day of the month of a date column.
func (d dialect) monthOf(col string) string {
	if d.name == "postgres" {
		return "date_trunc('month', " + col + ")::date"
	}
	return "substr(" + col + ", 1, 8) || '01'"
}

// addContactMonth adds a new contact to its family's month.
func (tx *tx) addContactMonth(ctx context.Context, c *regie.Contact) error {
	noAnswer, refused := 0, 0
	switch c.Attempt {
	case regie.AttemptNoAnswer:
		noAnswer = 1
	case regie.AttemptRefused:
		refused = 1
	}
	month := regie.NewDate(c.Date.Time().Year(), c.Date.Time().Month(), 1)
	if _, err := tx.ExecContext(ctx, `INSERT INTO contact_months (family_id, month, phase, user_id, minutes, contacts, no_answer, refused)
		VALUES ($1, $2, $3, $4, $5, 1, $6, $7)
		ON CONFLICT (family_id, month, phase, user_id) DO UPDATE SET minutes = contact_months.minutes + excluded.minutes,
			contacts = contact_months.contacts + 1, no_answer = contact_months.no_answer + excluded.no_answer,
			refused = contact_months.refused + excluded.refused`,
		c.FamilyID, month.ISO(), int(c.Phase), c.UserID, c.Minutes, noAnswer, refused); err != nil {
		return fmt.Errorf("store: contact months: %w", err)
	}
	return nil
}

// refreshContactMonths sums a family's contacts into its months again:
// after an edit or a phase move changed contacts already summed.
func (tx *tx) refreshContactMonths(ctx context.Context, familyID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM contact_months WHERE family_id = $1`, familyID); err != nil {
		return fmt.Errorf("store: contact months: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO contact_months (family_id, month, phase, user_id, minutes, contacts, no_answer, refused)
		`+tx.s.d.contactMonthsSum()+` WHERE family_id = $1 GROUP BY 1, 2, 3, 4`, familyID); err != nil {
		return fmt.Errorf("store: contact months: %w", err)
	}
	return nil
}
