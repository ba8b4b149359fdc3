package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/auth"
	"regie/internal/password"
	"regie/internal/store"
	"regie/internal/storetest"
)

var cheapParams = password.Params{MemoryKiB: 1024, Time: 1, Threads: 1}

// newAuth is the log-in service over s, without a second factor (the
// store's part is what these tests look at).
func newAuth(s *store.Store, clock regie.Clock) *auth.Service {
	return auth.New(s, s, password.NewHasher(cheapParams, 1), clock, auth.Config{IdleTimeout: 30 * time.Minute, MaxAge: 12 * time.Hour})
}

// loginCtx is the context of a log-in request: an access point, no user.
func loginCtx() context.Context {
	return regie.NewContextWithActor(context.Background(), &regie.Actor{IP: "192.0.2.99", UserAgent: "test"})
}

// TestSeparationOfDuties_AdminAloneReadsNoFamily: the functional
// administrator, on their own, creates a casemanager (seeing its temporary
// password), resets the password and second factor of the casemanager who
// coordinates a family, tries every assignment, and tries to log in with
// both temporary passwords — and reaches no family's content. Only when a
// second person (the team leader of the team) confirms does the account
// work, and the user is told who did what.
func TestSeparationOfDuties_AdminAloneReadsNoFamily(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		a := newAuth(s, clock)
		admin := storetest.As(f.Admin)
		families := []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther}
		const tempPW = "tijdelijk-wachtwoord-7k2m"
		hash, err := a.Hasher().Hash(context.Background(), tempPW)
		if err != nil {
			t.Fatal(err)
		}

		// 1. A new casemanager in team A, made by the administrator.
		created, err := s.CreateUser(admin, regie.NewUser{Email: "stroman@test.nl", Name: "Stro Man", Role: regie.RoleCasemanager,
			OrganisationID: f.Org.ID, TeamID: f.TeamA.ID, DistrictIDs: []int64{f.TeamA.Districts[0].ID},
			Password: tempPW, PasswordTemporary: true}, hash)
		if err != nil {
			t.Fatal(err)
		}
		if !created.Unconfirmed {
			t.Fatal("an account the administrator made is usable without a second person")
		}
		// 2. The password (and second factor) of the coordinator of
		// FamAssigned, reset by the administrator.
		if err := s.SetPassword(admin, f.Casemanager.ID, hash, true); err != nil {
			t.Fatal(err)
		}
		// 3. A second administrator, to confirm the first's work.
		accomplice, err := s.CreateUser(admin, regie.NewUser{Email: "beheer2@test.nl", Name: "Tweede Beheerder", Role: regie.RoleAdmin,
			OrganisationID: f.Org.ID, Password: tempPW, PasswordTemporary: true}, hash)
		if err != nil {
			t.Fatal(err)
		}

		// The administrator cannot confirm any of it.
		pending, err := s.FindPendingAccountChanges(admin)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 3 {
			t.Fatalf("the administrator sees %d pending changes, want the 3 they made", len(pending))
		}
		for _, c := range pending {
			if c.CanConfirm {
				t.Errorf("the administrator may confirm their own change %+v", c)
			}
			if err := s.ConfirmAccountChange(admin, c.ID); code(err) != regie.EFORBIDDEN {
				t.Errorf("the administrator confirmed their own change %d: %v", c.ID, err)
			}
		}
		// Every assignment attempt fails.
		for _, fam := range families {
			if err := s.AssignFamily(admin, fam.ID, regie.AssignInput{CoordinatorID: created.ID}); code(err) != regie.ENOTFOUND {
				t.Errorf("admin assigned family %d: %v", fam.ID, err)
			}
			if err := s.AssignFamily(admin, fam.ID, regie.AssignInput{CoordinatorID: f.Casemanager.ID, DuoID: created.ID}); code(err) != regie.ENOTFOUND {
				t.Errorf("admin assigned a duo to family %d: %v", fam.ID, err)
			}
			if err := s.AssignYouthWorker(admin, fam.ID, fam.Members[1].ID, created.ID, true); code(err) != regie.ENOTFOUND {
				t.Errorf("admin assigned a youth worker to family %d: %v", fam.ID, err)
			}
		}
		// Logging in with either temporary password fails, in Dutch, with
		// the reason.
		for _, email := range []string{created.Email, f.Casemanager.Email, accomplice.Email} {
			_, err := a.LogIn(loginCtx(), email, tempPW, "")
			if code(err) != regie.EUNAUTHORIZED || regie.ErrorMessage(err) != regie.Text(regie.MsgAccountUnconfirmed) {
				t.Fatalf("log-in as %s before confirmation: %v", email, err)
			}
		}
		// Neither the administrator nor either account reaches a family.
		for _, ctx := range []context.Context{admin, storetest.As(created), storetest.As(accomplice)} {
			for _, fam := range families {
				if _, err := s.FindFamilyByID(ctx, fam.ID); code(err) != regie.ENOTFOUND {
					t.Errorf("%s read family %d: %v", regie.ActorFromContext(ctx).Name, fam.ID, err)
				}
				if _, _, err := s.FindContacts(ctx, fam.ID, regie.ContactFilter{}); code(err) != regie.ENOTFOUND {
					t.Errorf("%s read the contacts of family %d: %v", regie.ActorFromContext(ctx).Name, fam.ID, err)
				}
			}
		}
		if _, _, err := s.FindFamilies(admin, regie.FamilyFilter{Scope: regie.ScopeMine}); code(err) != regie.EFORBIDDEN {
			t.Errorf("admin listed families: %v", err)
		}
		// The refusals are in the access log.
		var refused int
		if err := s.DB().QueryRow(`SELECT count(*) FROM audit WHERE user_id = $1 AND outcome = 'denied'`, f.Admin.ID).Scan(&refused); err != nil {
			t.Fatal(err)
		}
		if refused < 3+3*len(families) {
			t.Fatalf("%d denied attempts of the administrator logged, want every one", refused)
		}

		// The team leader of team B is no second person for team A.
		if err := s.ConfirmAccountChange(storetest.As(f.TeamLeaderB), pending[0].ID); code(err) != regie.EFORBIDDEN {
			t.Fatalf("team B's leader confirmed for team A: %v", err)
		}
		// The team leader of team A sees and confirms the reset.
		lead := storetest.As(f.TeamLeader)
		forLead, err := s.FindPendingAccountChanges(lead)
		if err != nil {
			t.Fatal(err)
		}
		var reset *regie.AccountChange
		for _, c := range forLead {
			if c.UserID == accomplice.ID {
				t.Fatal("the team leader is offered an administrator's account")
			}
			if c.UserID == f.Casemanager.ID {
				reset = c
			}
		}
		if len(forLead) != 2 || reset == nil || !reset.CanConfirm || reset.Kind != regie.ChangeResetTOTP || reset.MadeByName != f.Admin.Name {
			t.Fatalf("team leader's pending list: %+v", forLead)
		}
		clock.Advance(2 * time.Hour)
		if err := s.ConfirmAccountChange(lead, reset.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.ConfirmAccountChange(lead, reset.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("confirming twice: %v", err)
		}
		_, outcome, basis, segment, userID, _ := lastAudit(t, s)
		if outcome != "ok" || segment != string(regie.SegAccountConfirm) || userID != f.TeamLeader.ID || !strings.Contains(basis, "teamleider") {
			t.Fatalf("confirmation audit: %s %s %s %d", outcome, segment, basis, userID)
		}
		// Now the casemanager logs in and is told who reset the account.
		if _, err := a.LogIn(loginCtx(), f.Casemanager.Email, tempPW, ""); err != nil {
			t.Fatalf("log-in after confirmation: %v", err)
		}
		own, err := s.FindOwnAccountChanges(storetest.As(f.Casemanager))
		if err != nil || len(own) != 1 {
			t.Fatalf("own changes: %v, %v", own, err)
		}
		if c := own[0]; c.MadeByName != f.Admin.Name || c.ConfirmedByName != f.TeamLeader.Name || !c.SeenAt.IsZero() ||
			!c.MadeAt.Equal(storetest.Start.UTC()) || c.ConfirmedAt.Sub(c.MadeAt) != 2*time.Hour {
			t.Fatalf("own change: %+v", c)
		}
		// Choosing their own password is having been told.
		if err := s.ChangeOwnPassword(storetest.As(f.Casemanager), hash); err != nil {
			t.Fatal(err)
		}
		if own, _ := s.FindOwnAccountChanges(storetest.As(f.Casemanager)); own[0].SeenAt.IsZero() {
			t.Fatal("the change is still unseen after the user chose a password")
		}
		// The privacy officer confirms the second administrator; the new
		// casemanager still waits for the team leader.
		if err := s.ConfirmAccountChange(storetest.As(f.Privacy), pendingFor(t, s, f.Privacy, accomplice.ID)); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.FindUserByID(context.Background(), created.ID); !u.Unconfirmed {
			t.Fatal("the new casemanager became usable without the team leader")
		}
	})
}

// pendingFor returns the id of the pending change of userID that u sees.
func pendingFor(t *testing.T, s *store.Store, u *regie.User, userID int64) int64 {
	t.Helper()
	list, err := s.FindPendingAccountChanges(storetest.As(u))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.UserID == userID {
			return c.ID
		}
	}
	t.Fatalf("%s sees no pending change of user %d", u.Name, userID)
	return 0
}

// TestAccountChange_CommandLineAndExpiry: the command line (bootstrap,
// recovery) confirms its own change; a temporary password expires
// TemporaryPasswordValid after it became usable.
func TestAccountChange_CommandLineAndExpiry(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		a := newAuth(s, clock)
		const tempPW = "tijdelijk-wachtwoord-9q4r"
		hash, _ := a.Hasher().Hash(context.Background(), tempPW)
		first, err := s.CreateUser(storetest.System(), regie.NewUser{Email: "eerste@test.nl", Name: "Eerste Beheerder", Role: regie.RoleAdmin,
			OrganisationID: f.Org.ID, Password: tempPW, PasswordTemporary: true}, hash)
		if err != nil {
			t.Fatal(err)
		}
		if first.Unconfirmed {
			t.Fatal("the first administrator from the command line waits for confirmation")
		}
		clock.Advance(regie.TemporaryPasswordValid - time.Minute)
		if _, err := a.LogIn(loginCtx(), first.Email, tempPW, ""); err != nil {
			t.Fatalf("log-in within the validity: %v", err)
		}
		clock.Advance(2 * time.Minute)
		_, err = a.LogIn(loginCtx(), first.Email, tempPW, "")
		if code(err) != regie.EUNAUTHORIZED || !strings.Contains(regie.ErrorMessage(err), "verlopen") || !strings.Contains(regie.ErrorMessage(err), "72 uur") {
			t.Fatalf("log-in after 72 hours: %v", err)
		}
		// Made by the administrator and confirmed late: the 72 hours start
		// at the confirmation.
		made, err := s.CreateUser(storetest.As(f.Admin), regie.NewUser{Email: "laat@test.nl", Name: "Late Start", Role: regie.RoleCasemanager,
			OrganisationID: f.Org.ID, TeamID: f.TeamA.ID, Password: tempPW, PasswordTemporary: true}, hash)
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(100 * time.Hour)
		if err := s.ConfirmAccountChange(storetest.As(f.TeamLeader), pendingFor(t, s, f.TeamLeader, made.ID)); err != nil {
			t.Fatal(err)
		}
		clock.Advance(71 * time.Hour)
		if _, err := a.LogIn(loginCtx(), made.Email, tempPW, ""); err != nil {
			t.Fatalf("log-in 71 hours after the confirmation: %v", err)
		}
		clock.Advance(2 * time.Hour)
		if _, err := a.LogIn(loginCtx(), made.Email, tempPW, ""); code(err) != regie.EUNAUTHORIZED {
			t.Fatalf("log-in 73 hours after the confirmation: %v", err)
		}
		// A password the user chose does not expire.
		if err := s.ChangeOwnPassword(storetest.As(made), hash); err != nil {
			t.Fatal(err)
		}
		clock.Advance(1000 * time.Hour)
		if _, err := a.LogIn(loginCtx(), made.Email, tempPW, ""); err != nil {
			t.Fatalf("log-in with an own password: %v", err)
		}
	})
}

// TestUserSessions: a user lists and ends their own sessions; the
// administrator any user's; no one else. Audited.
func TestUserSessions(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := context.Background()
		cm := f.Casemanager
		var ids []int64
		for i, ua := range []string{"Firefox op de laptop", "Safari op de telefoon", "oude sessie"} {
			sess := &regie.Session{TokenHash: []byte(strings.Repeat(string(rune('a'+i)), 32)), UserID: cm.ID, MFA: true, IP: "192.0.2.5", UserAgent: ua}
			if err := s.CreateSession(ctx, sess, 0, "ingelogd"); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, sess.ID)
			clock.Advance(time.Minute)
		}
		// The third is idle: not listed as active.
		if err := s.TouchSession(ctx, ids[2], clock.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		idle, maxAge := clock.Now().Add(-30*time.Minute), clock.Now().Add(-12*time.Hour)
		own, err := s.FindUserSessions(storetest.As(cm), cm.ID, idle, maxAge)
		if err != nil {
			t.Fatal(err)
		}
		if len(own) != 2 || own[0].ID != ids[1] || own[0].UserAgent != "Safari op de telefoon" || own[1].IP != "192.0.2.5" {
			t.Fatalf("own sessions: %+v", own)
		}
		for _, other := range []*regie.User{f.Casemanager2, f.TeamLeader, f.Privacy} {
			if _, err := s.FindUserSessions(storetest.As(other), cm.ID, idle, maxAge); code(err) != regie.EFORBIDDEN {
				t.Fatalf("%s listed another's sessions: %v", other.Name, err)
			}
			if _, err := s.EndUserSessions(storetest.As(other), cm.ID, ids[0]); code(err) != regie.EFORBIDDEN {
				t.Fatalf("%s ended another's session: %v", other.Name, err)
			}
		}
		// A session id of someone else under one's own account: not found.
		mine := &regie.Session{TokenHash: []byte(strings.Repeat("z", 32)), UserID: f.Casemanager2.ID, MFA: true}
		if err := s.CreateSession(ctx, mine, 0, "ingelogd"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.EndUserSessions(storetest.As(f.Casemanager2), f.Casemanager2.ID, ids[0]); code(err) != regie.ENOTFOUND {
			t.Fatalf("ending another's session through one's own account: %v", err)
		}
		if n, err := s.EndUserSessions(storetest.As(cm), cm.ID, ids[0]); err != nil || n != 1 {
			t.Fatalf("ending an own session: %d, %v", n, err)
		}
		if _, _, err := s.FindSessionByToken(ctx, []byte(strings.Repeat("a", 32))); code(err) != regie.ENOTFOUND {
			t.Fatalf("the ended session still works: %v", err)
		}
		_, outcome, basis, segment, userID, _ := lastAudit(t, s)
		if outcome != "ok" || segment != string(regie.SegSession) || basis != "eigen account" || userID != cm.ID {
			t.Fatalf("audit: %s %s %s %d", outcome, segment, basis, userID)
		}
		admin := storetest.As(f.Admin)
		list, err := s.FindUserSessions(admin, cm.ID, idle, maxAge)
		if err != nil || len(list) != 1 {
			t.Fatalf("admin lists: %d, %v", len(list), err)
		}
		if n, err := s.EndUserSessions(admin, cm.ID, 0); err != nil || n != 2 {
			t.Fatalf("admin ends all: %d, %v", n, err)
		}
		_, outcome, basis, _, userID, _ = lastAudit(t, s)
		if outcome != "ok" || basis != "functioneel beheer" || userID != f.Admin.ID {
			t.Fatalf("audit: %s %s %d", outcome, basis, userID)
		}
		if _, _, err := s.FindSessionByToken(ctx, mine.TokenHash); err != nil {
			t.Fatalf("another user's session ended too: %v", err)
		}
	})
}

// BenchmarkFindSessionByToken is the lookup every request makes; it now
// also asks whether the user has an unconfirmed account change (an indexed
// EXISTS). With 2,000 confirmed changes of other users in the table the
// cost should not move.
func BenchmarkFindSessionByToken(b *testing.B) {
	for _, changes := range []int{0, 2000} {
		b.Run(fmt.Sprintf("changes=%d", changes), func(b *testing.B) {
			s := storetest.OpenSQLite(b, storetest.NewClock(storetest.Start))
			f := storetest.NewFixture(b, s)
			for i := 0; i < changes; i++ {
				if _, err := s.DB().Exec(`INSERT INTO account_changes (user_id, kind, made_at, confirmed_at) VALUES ($1, 'wachtwoord', $2, $2)`,
					f.Casemanager2.ID, "2026-03-02T09:00:00.000000Z"); err != nil {
					b.Fatal(err)
				}
			}
			sess := &regie.Session{TokenHash: []byte(strings.Repeat("b", 32)), UserID: f.Casemanager.ID, MFA: true}
			if err := s.CreateSession(context.Background(), sess, 0, "ingelogd"); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := s.FindSessionByToken(context.Background(), sess.TokenHash); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
