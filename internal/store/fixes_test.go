package store_test

import (
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestForeignKeyViolation: a row that refers to one that does not exist is
// refused by the database on both dialects and reaches the user as a
// conflict with a Dutch message, not as an internal error.
func TestForeignKeyViolation(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		storetest.NewFixture(t, s)
		_, err := s.CreateUser(storetest.System(), regie.NewUser{Email: "nieuw@example.nl", Name: "Nieuwe Beheerder",
			Role: regie.RoleAdmin, OrganisationID: 987654, Password: "wachtwoord-voor-test"}, storetest.PasswordHash)
		if got, want := code(err), regie.ECONFLICT; got != want {
			t.Fatalf("CreateUser(unknown organisation) = %v, code %s, want %s", err, got, want)
		}
		if got, want := regie.ErrorMessage(err), regie.Text(regie.MsgReferenceBroken); got != want {
			t.Fatalf("message = %q, want %q", got, want)
		}
	})
}
