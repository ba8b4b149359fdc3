package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// submit returns a request context for user that posted a form with token.
func submit(u *regie.User, token string) (context.Context, *regie.Submission) {
	sub := &regie.Submission{Token: token}
	return regie.NewContextWithSubmission(storetest.As(u), sub), sub
}

// A form submitted twice (a double tap, a retry after a lost answer) saves
// once; two forms save twice; a read in the same request does not use up
// the token; a failed save leaves it for the retry.
func TestIdempotency_ASubmitSavesOnce(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		today := regie.DateOf(clock.Now()).ISO()
		in := regie.ContactInput{Date: today, Start: "08:00", Minutes: "45", Kind: "huisbezoek", Attempt: "contact", Note: "Eén keer"}
		tokenA, tokenB := strings.Repeat("A", 22), strings.Repeat("B", 22)

		t.Run("SameTokenOnce", func(t *testing.T) {
			before := countRows(t, s, "contacts")
			ctx, sub := submit(f.Casemanager, tokenA)
			if _, err := s.CreateContact(ctx, fam.ID, in); err != nil {
				t.Fatal(err)
			}
			if sub.Replayed {
				t.Fatal("the first submit counts as a replay")
			}
			ctx, sub = submit(f.Casemanager, tokenA) // the same form, posted again
			if _, err := s.CreateContact(ctx, fam.ID, in); err != nil {
				t.Fatalf("the second submit: %v", err)
			}
			if !sub.Replayed {
				t.Error("the second submit is not reported as already saved")
			}
			if got, want := countRows(t, s, "contacts"), before+1; got != want {
				t.Fatalf("contacts = %d, want %d", got, want)
			}
		})

		t.Run("OtherTokenAgain", func(t *testing.T) {
			before := countRows(t, s, "contacts")
			ctx, _ := submit(f.Casemanager, tokenB)
			if _, err := s.CreateContact(ctx, fam.ID, in); err != nil {
				t.Fatal(err)
			}
			if got, want := countRows(t, s, "contacts"), before+1; got != want {
				t.Fatalf("contacts = %d, want %d", got, want)
			}
		})

		t.Run("ReadsDoNotCount", func(t *testing.T) {
			token := strings.Repeat("C", 22)
			before := countRows(t, s, "contacts")
			ctx, sub := submit(f.Casemanager, token)
			if _, err := s.FindFamilyByID(ctx, fam.ID); err != nil {
				t.Fatal(err)
			}
			if sub.Writes != 0 {
				t.Fatalf("a read used the token: writes = %d", sub.Writes)
			}
			if _, err := s.CreateContact(ctx, fam.ID, in); err != nil {
				t.Fatal(err)
			}
			if got, want := countRows(t, s, "contacts"), before+1; got != want {
				t.Fatalf("contacts = %d, want %d", got, want)
			}
		})

		t.Run("FailedSaveKeepsToken", func(t *testing.T) {
			token := strings.Repeat("D", 22)
			before := countRows(t, s, "contacts")
			bad := in
			bad.Minutes = ""
			ctx, _ := submit(f.Casemanager, token)
			if _, err := s.CreateContact(ctx, fam.ID, bad); code(err) != regie.EINVALID {
				t.Fatalf("a contact without minutes = %v, want EINVALID", err)
			}
			ctx, sub := submit(f.Casemanager, token)
			if _, err := s.CreateContact(ctx, fam.ID, in); err != nil || sub.Replayed {
				t.Fatalf("the corrected form = %v (replayed %v), want saved", err, sub.Replayed)
			}
			if got, want := countRows(t, s, "contacts"), before+1; got != want {
				t.Fatalf("contacts = %d, want %d", got, want)
			}
		})

		t.Run("CreatedIDAnswered", func(t *testing.T) {
			token := strings.Repeat("E", 22)
			fin := regie.FamilyInput{HouseholdName: "Gezin Idem", DistrictID: f.TeamA.Districts[0].ID, DutchProficiency: "goed"}
			ctx, _ := submit(f.TeamLeader, token)
			first, err := s.CreateFamily(ctx, fin)
			if err != nil {
				t.Fatal(err)
			}
			before := countRows(t, s, "families")
			ctx, sub := submit(f.TeamLeader, token)
			again, err := s.CreateFamily(ctx, fin)
			if err != nil {
				t.Fatal(err)
			}
			if !sub.Replayed || again.ID != first.ID {
				t.Fatalf("the second submit = family %d (replayed %v), want %d", again.ID, sub.Replayed, first.ID)
			}
			if got := countRows(t, s, "families"); got != before {
				t.Fatalf("families = %d, want %d", got, before)
			}
		})

		t.Run("AtOnce", func(t *testing.T) {
			// Two submits of one form at the same time: the second waits
			// for the first's token and finds it.
			token := strings.Repeat("F", 22)
			before := countRows(t, s, "contacts")
			errs := make(chan error, 2)
			for range 2 {
				go func() {
					ctx, _ := submit(f.Casemanager, token)
					_, err := s.CreateContact(ctx, fam.ID, in)
					errs <- err
				}()
			}
			for range 2 {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			if got, want := countRows(t, s, "contacts"), before+1; got != want {
				t.Fatalf("contacts = %d, want %d", got, want)
			}
		})

		t.Run("AnotherUsersToken", func(t *testing.T) {
			ctx, _ := submit(f.TeamLeader, tokenA) // the case manager's token
			before := countRows(t, s, "contacts")
			if _, err := s.CreateContact(ctx, f.FamTeam.ID, in); err == nil {
				t.Fatal("a save under another user's token was taken")
			}
			if got := countRows(t, s, "contacts"); got != before {
				t.Fatalf("contacts = %d, want %d", got, before)
			}
		})

		t.Run("Purged", func(t *testing.T) {
			if n := countRows(t, s, "idempotency"); n == 0 {
				t.Fatal("no tokens recorded")
			}
			clock.Advance(store.IdempotencyKept + time.Minute)
			if _, err := s.PurgeIdempotency(context.Background(), clock.Now().Add(-store.IdempotencyKept)); err != nil {
				t.Fatal(err)
			}
			if n := countRows(t, s, "idempotency"); n != 0 {
				t.Fatalf("tokens after the purge = %d, want 0", n)
			}
		})
	})
}
