package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestSummary_ConcurrentWriters has the coordinator and the duo partner
// record contacts for the same family at the same moment, while the
// coordinator also edits earlier ones: the family summary must end equal
// to what the contacts add up to. On PostgreSQL the transactions truly
// overlap; before the summary row was locked, one increment overwrote the
// other.
func TestSummary_ConcurrentWriters(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		if err := s.AssignFamily(storetest.As(f.TeamLeader), fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID,
			DuoID: f.Casemanager2.ID, Confirmed: true}); err != nil {
			t.Fatal(err)
		}
		cm, duo := storetest.As(f.Casemanager), storetest.As(f.Casemanager2)
		// Contacts for the editor to change while the others write.
		var edit []*regie.Contact
		for i := range 5 {
			c, err := s.CreateContact(cm, fam.ID, contactIn(fmt.Sprintf("2026-02-%02d", 10+i), "10:00", "30", "huisbezoek", "contact"))
			if err != nil {
				t.Fatal(err)
			}
			edit = append(edit, c)
		}

		const perWriter = 25
		var (
			wg    sync.WaitGroup
			start = make(chan struct{})
			errs  = make(chan error, 3*perWriter)
		)
		writer := func(ctx context.Context, minutes int) {
			defer wg.Done()
			<-start
			for i := range perWriter {
				attempt := regie.AttemptReached
				if i%4 == 3 {
					attempt = regie.AttemptNoAnswer
				}
				in := contactIn(fmt.Sprintf("2026-02-%02d", 1+i%27), fmt.Sprintf("%02d:%02d", 8+i%10, minutes), fmt.Sprint(minutes), "huisbezoek", attempt)
				if _, err := s.CreateContact(ctx, fam.ID, in); err != nil {
					errs <- err
				}
			}
		}
		editor := func() {
			defer wg.Done()
			<-start
			for round := range 3 {
				for _, c := range edit {
					in := contactIn(c.Date.ISO(), c.Start, fmt.Sprint(45+round*15), c.Kind, c.Attempt)
					in.Version = c.Version
					if err := s.UpdateContact(cm, fam.ID, c.ID, in); err != nil {
						errs <- err
						continue
					}
					c.Version++
				}
			}
		}
		wg.Add(3)
		go writer(cm, 17)
		go writer(duo, 23)
		go editor()
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent write: %v", err)
		}

		stored, recomputed, err := s.RecomputeSummaryForTest(storetest.System(), fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := fmt.Sprintf("%+v", stored), fmt.Sprintf("%+v", recomputed); a != b {
			t.Errorf("summary after concurrent writes\n%s\ndiffers from the recomputed one\n%s", a, b)
		}
		// And the truth itself: 5 edited contacts of 75 minutes, 25 of 17
		// and 25 of 23 minutes.
		if got, want := stored.Contacts, 5+2*perWriter; got != want {
			t.Errorf("summary counts %d contacts, want %d", got, want)
		}
		if got, want := stored.Facts.MinutesTotal, 5*75+perWriter*(17+23); got != want {
			t.Errorf("summary counts %d minutes, want %d", got, want)
		}
	})
}

// race runs the saves at the same moment and returns their errors in
// order. On SQLite they take turns at the one write lock; on PostgreSQL
// they overlap.
func race(saves ...func() error) []error {
	errs := make([]error, len(saves))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, save := range saves {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = save()
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// oneWins checks that of two saves from the same version exactly one was
// stored and the other refused as stale, and returns the winner's index.
func oneWins(t *testing.T, errs []error) int {
	t.Helper()
	switch {
	case errs[0] == nil && code(errs[1]) == regie.ESTALE:
		return 0
	case errs[1] == nil && code(errs[0]) == regie.ESTALE:
		return 1
	}
	t.Fatalf("two saves from one version: %v; want one stored and one ESTALE", errs)
	return -1
}

// TestEdits_StaleSaveRefused: two people edit the same family record,
// contact or plan draft from the same version. The first save is stored;
// the second is refused (ESTALE) and erases nothing, both one after the
// other (a stale tab) and at the same moment.
func TestEdits_StaleSaveRefused(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		cm, tl := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)

		t.Run("Family", func(t *testing.T) {
			read, err := s.FindFamilyByID(cm, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if read.Version != 1 || read.UpdatedByName != "" {
				t.Fatalf("new family: version %d, changed by %q", read.Version, read.UpdatedByName)
			}
			in := func(notes string, version int) regie.FamilyInput {
				return regie.FamilyInput{HouseholdName: read.HouseholdName, Street: read.Street, Postcode: read.Postcode, City: read.City,
					DistrictID: read.DistrictID, DutchProficiency: read.DutchProficiency, CompositionNotes: notes, Version: version}
			}
			clock.Advance(time.Minute)
			if err := s.UpdateFamily(cm, fam.ID, in("Oma woont sinds kort in.", read.Version)); err != nil {
				t.Fatal(err)
			}
			// The team leader's tab still shows version 1.
			if err := s.UpdateFamily(tl, fam.ID, in("Vader woont elders.", read.Version)); code(err) != regie.ESTALE {
				t.Fatalf("a save from a stale version = %v, want ESTALE", err)
			}
			got, err := s.FindFamilyByID(tl, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.CompositionNotes != "Oma woont sinds kort in." || got.Version != 2 || got.UpdatedByName != f.Casemanager.Name ||
				!got.UpdatedAt.Equal(clock.Now()) {
				t.Fatalf("after the refused save: notes %q, version %d, by %q at %v", got.CompositionNotes, got.Version, got.UpdatedByName, got.UpdatedAt)
			}
			// Saved again from the version it now shows, it is stored.
			if err := s.UpdateFamily(tl, fam.ID, in("Vader woont elders.", got.Version)); err != nil {
				t.Fatal(err)
			}
			errs := race(
				func() error { return s.UpdateFamily(cm, fam.ID, in("Eerste.", 3)) },
				func() error { return s.UpdateFamily(tl, fam.ID, in("Tweede.", 3)) },
			)
			w := oneWins(t, errs)
			got, _ = s.FindFamilyByID(tl, fam.ID)
			if want := []string{"Eerste.", "Tweede."}[w]; got.CompositionNotes != want || got.Version != 4 {
				t.Fatalf("after the race: %q version %d, want %q version 4", got.CompositionNotes, got.Version, want)
			}
		})

		t.Run("Contact", func(t *testing.T) {
			c, err := s.CreateContact(cm, fam.ID, contactIn("2026-03-01", "10:00", "60", "huisbezoek", "contact"))
			if err != nil {
				t.Fatal(err)
			}
			first := contactIn("2026-03-01", "10:00", "90", "huisbezoek", "contact")
			first.Note, first.Version = "Huur besproken.", c.Version
			stale := contactIn("2026-03-01", "10:00", "60", "huisbezoek", "contact")
			stale.Note, stale.Version = "Alleen koffie gedronken.", c.Version
			if err := s.UpdateContact(cm, fam.ID, c.ID, first); err != nil {
				t.Fatal(err)
			}
			before := countRows(t, s, "contact_versions")
			if err := s.UpdateContact(cm, fam.ID, c.ID, stale); code(err) != regie.ESTALE {
				t.Fatalf("a save from a stale version = %v, want ESTALE", err)
			}
			got, _, err := s.FindContact(cm, fam.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Note != "Huur besproken." || got.Minutes != 90 || got.Version != 2 || countRows(t, s, "contact_versions") != before {
				t.Fatalf("after the refused save: %+v", got)
			}
			a, b := first, stale
			a.Version, b.Version = 2, 2
			errs := race(
				func() error { return s.UpdateContact(cm, fam.ID, c.ID, a) },
				func() error { return s.UpdateContact(cm, fam.ID, c.ID, b) },
			)
			w := oneWins(t, errs)
			got, versions, _ := s.FindContact(cm, fam.ID, c.ID)
			if want := []string{a.Note, b.Note}[w]; got.Note != want || got.Version != 3 || len(versions) != 2 {
				t.Fatalf("after the race: %q version %d with %d earlier versions, want %q version 3 with 2", got.Note, got.Version, len(versions), want)
			}
			stored, recomputed, err := s.RecomputeSummaryForTest(storetest.System(), fam.ID)
			if err != nil || fmt.Sprintf("%+v", stored) != fmt.Sprintf("%+v", recomputed) {
				t.Fatalf("summary after the edits: %+v, recomputed %+v, %v", stored, recomputed, err)
			}
		})

		t.Run("PlanDraft", func(t *testing.T) {
			v, err := s.StartPlanVersion(cm, fam.ID, "eerste")
			if err != nil {
				t.Fatal(err)
			}
			base := regie.PlanInput{Situation: "Huurachterstand.", Revision: v.Revision,
				Goals: []regie.GoalInput{{Term: "kort", Domain: "financien", Text: "We willen weten hoeveel schuld we hebben."}}}
			if err := s.SavePlanDraft(cm, fam.ID, v.Number, base); err != nil {
				t.Fatal(err)
			}
			v, err = s.FindPlanVersion(cm, fam.ID, v.Number)
			if err != nil {
				t.Fatal(err)
			}
			// Two tabs of revision 2: one adds a goal and an agreement, the
			// other (stale) only rewords the situation.
			added := base
			added.Revision = v.Revision
			added.Goals = []regie.GoalInput{{Key: v.Goals[0].Key, Term: "kort", Domain: "financien", Text: v.Goals[0].Text},
				{Term: "lang", Domain: "kinderen", Text: "Kevin gaat elke dag naar school."}}
			added.Agreements = []regie.AgreementInput{{Owner: "c:" + itoa(f.Casemanager.ID), What: "School bellen.", Due: "2026-03-09"}}
			reworded := base
			reworded.Revision = v.Revision
			reworded.Goals = []regie.GoalInput{{Key: v.Goals[0].Key, Term: "kort", Domain: "financien", Text: v.Goals[0].Text}}
			reworded.Situation = "Drie maanden huurachterstand."
			if err := s.SavePlanDraft(cm, fam.ID, v.Number, added); err != nil {
				t.Fatal(err)
			}
			if err := s.SavePlanDraft(tl, fam.ID, v.Number, reworded); code(err) != regie.ESTALE {
				t.Fatalf("a save from a stale revision = %v, want ESTALE", err)
			}
			got, err := s.FindPlanVersion(tl, fam.ID, v.Number)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Goals) != 2 || len(got.Agreements) != 1 || got.Situation != "Huurachterstand." || got.Revision != 3 ||
				got.UpdatedByName != f.Casemanager.Name {
				t.Fatalf("after the refused save: %d goals, %d agreements, situation %q, revision %d by %q",
					len(got.Goals), len(got.Agreements), got.Situation, got.Revision, got.UpdatedByName)
			}
			a, b := added, reworded
			a.Revision, b.Revision = 3, 3
			w := oneWins(t, race(
				func() error { return s.SavePlanDraft(cm, fam.ID, v.Number, a) },
				func() error { return s.SavePlanDraft(tl, fam.ID, v.Number, b) },
			))
			got, _ = s.FindPlanVersion(tl, fam.ID, v.Number)
			if wantGoals := []int{2, 1}[w]; len(got.Goals) != wantGoals || got.Revision != 4 {
				t.Fatalf("after the race: %d goals, revision %d; want %d goals, revision 4", len(got.Goals), got.Revision, wantGoals)
			}
		})
	})
}
