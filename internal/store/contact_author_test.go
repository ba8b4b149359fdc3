package store_test

import (
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestContacts_OnlyTheAuthorChanges: a youth worker, the duo partner and
// the team leader may all reach the family's contacts, but only the one
// who recorded a contact changes it. A refused attempt is audited and
// changes nothing; a change says who made it and when.
func TestContacts_OnlyTheAuthorChanges(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		cm, yw, tl, duo := storetest.As(f.Casemanager), storetest.As(f.YouthWorker), storetest.As(f.TeamLeader), storetest.As(f.Casemanager2)
		if err := s.AssignFamily(tl, fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID, DuoID: f.Casemanager2.ID, Confirmed: true}); err != nil {
			t.Fatal(err)
		}
		if err := s.AssignYouthWorker(tl, fam.ID, fam.Members[1].ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		in := contactIn("2026-03-01", "10:00", "60", "huisbezoek", "contact")
		in.Note = "Moeder vertelt over de schulden; zij wil hulp."
		c, err := s.CreateContact(cm, fam.ID, in)
		if err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			name string
			as   *regie.User
		}{{"YouthWorker", f.YouthWorker}, {"Duo", f.Casemanager2}, {"TeamLeader", f.TeamLeader}} {
			t.Run(tc.name+"Refused", func(t *testing.T) {
				ctx := storetest.As(tc.as)
				got, _, err := s.FindContact(ctx, fam.ID, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.CanEdit {
					t.Errorf("%s may edit the coordinator's contact", tc.as.Name)
				}
				rewrite := in
				rewrite.Note, rewrite.Version = "Gezin werkt niet mee.", got.Version
				before := countRows(t, s, "audit")
				err = s.UpdateContact(ctx, fam.ID, c.ID, rewrite)
				if code(err) != regie.EFORBIDDEN || regie.ErrorMessage(err) != regie.Text(regie.MsgContactOnlyAuthor) {
					t.Fatalf("UpdateContact by %s = %v, want EFORBIDDEN: only the author", tc.as.Name, err)
				}
				if n := countRows(t, s, "audit"); n != before+1 {
					t.Fatalf("audit rows %d → %d, want the denied attempt", before, n)
				}
				action, outcome, basis, seg, uid, fid := lastAudit(t, s)
				if action != "update" || outcome != "denied" || basis != "geen" || seg != string(regie.SegContacts) || uid != tc.as.ID || fid != fam.ID {
					t.Fatalf("audit row = %s %s %q %s user %d family %d", action, outcome, basis, seg, uid, fid)
				}
				after, _, err := s.FindContact(cm, fam.ID, c.ID)
				if err != nil || after.Note != in.Note || after.Version != 1 {
					t.Fatalf("after the refused rewrite: %+v, %v", after, err)
				}
			})
		}

		t.Run("AuthorChangesAndIsNamed", func(t *testing.T) {
			got, _, err := s.FindContact(cm, fam.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.CanEdit || got.Edited() {
				t.Fatalf("the author's own contact: CanEdit %v, Edited %v", got.CanEdit, got.Edited())
			}
			clock.Advance(2 * time.Hour)
			change := in
			change.Note, change.Version = in.Note+" Afspraak met schuldhulp gemaakt.", got.Version
			if err := s.UpdateContact(cm, fam.ID, c.ID, change); err != nil {
				t.Fatal(err)
			}
			got, _, err = s.FindContact(duo, fam.ID, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Edited() || got.UpdatedByName != f.Casemanager.Name || !got.UpdatedAt.Equal(clock.Now()) || got.UserName != f.Casemanager.Name {
				t.Fatalf("changed contact: edited %v by %q at %v, author %q", got.Edited(), got.UpdatedByName, got.UpdatedAt, got.UserName)
			}
		})

		t.Run("EachOwnOnTheFamilyPage", func(t *testing.T) {
			own, err := s.CreateContact(yw, fam.ID, contactIn("2026-03-01", "15:00", "45", "uitje", "contact"))
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range []*regie.User{f.Casemanager, f.YouthWorker, f.TeamLeader} {
				page, err := s.FindFamilyByID(storetest.As(u), fam.ID)
				if err != nil {
					t.Fatal(err)
				}
				list, _, err := s.FindContacts(storetest.As(u), fam.ID, regie.ContactFilter{})
				if err != nil {
					t.Fatal(err)
				}
				for _, cs := range [][]*regie.Contact{page.RecentContacts, list} {
					if len(cs) != 2 {
						t.Fatalf("%s sees %d contacts, want 2", u.Name, len(cs))
					}
					for _, x := range cs {
						if want := x.UserID == u.ID; x.CanEdit != want {
							t.Errorf("%s: CanEdit on %s's contact = %v, want %v", u.Name, x.UserName, x.CanEdit, want)
						}
					}
				}
			}
			change := contactIn("2026-03-01", "15:00", "60", "uitje", "contact")
			change.Version = own.Version
			if err := s.UpdateContact(yw, fam.ID, own.ID, change); err != nil {
				t.Fatalf("the youth worker changes their own contact: %v", err)
			}
		})
	})
}
