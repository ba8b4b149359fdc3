package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regie"
	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

const testBSN = "111222333"

// rawColumn reads one stored value as the database holds it.
func rawColumn(t *testing.T, s *store.Store, query string, args ...any) string {
	t.Helper()
	var v string
	if err := s.DB().QueryRow(query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// searchFamilies returns the ids the privacy officer's search finds.
func searchFamilies(t *testing.T, s *store.Store, f *storetest.Fixture, q string) []int64 {
	t.Helper()
	list, _, err := s.FindFamilies(storetest.As(f.Privacy), regie.FamilyFilter{Scope: regie.ScopeAccessLog, Query: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var ids []int64
	for _, fs := range list {
		ids = append(ids, fs.ID)
	}
	return ids
}

func TestSecrets_SealedAtRest(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := storetest.As(f.Casemanager)
		m, err := s.AddMember(ctx, f.FamAssigned.ID, regie.MemberInput{GivenName: "Sem", FamilyName: "Jansen",
			BirthDate: "01-02-2010", Relation: "kind", BSN: "111.222.333"})
		if err != nil {
			t.Fatal(err)
		}
		if m.BSN != testBSN {
			t.Fatalf("BSN read back = %q, want %q", m.BSN, testBSN)
		}
		stored := rawColumn(t, s, `SELECT bsn FROM members WHERE id = $1`, m.ID)
		index := rawColumn(t, s, `SELECT bsn_index FROM members WHERE id = $1`, m.ID)
		if !keys.IsSealed(stored) || strings.Contains(stored, testBSN) {
			t.Fatalf("stored BSN = %q, want it sealed", stored)
		}
		if !strings.HasPrefix(index, "k1:") || strings.Contains(index, testBSN) {
			t.Fatalf("stored index = %q, want a keyed index without the number", index)
		}
		fam, err := s.FindFamilyByID(ctx, f.FamAssigned.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, mm := range fam.Members {
			found = found || mm.ID == m.ID && mm.BSN == testBSN
		}
		if !found {
			t.Fatalf("family page members do not carry the opened BSN: %+v", fam.Members)
		}

		// A change reseals and reindexes; no BSN leaves both empty.
		if err := s.UpdateMember(ctx, f.FamAssigned.ID, m.ID, regie.MemberInput{GivenName: "Sem", FamilyName: "Jansen",
			BirthDate: "01-02-2010", Relation: "kind"}); err != nil {
			t.Fatal(err)
		}
		if got := rawColumn(t, s, `SELECT bsn || '|' || bsn_index FROM members WHERE id = $1`, m.ID); got != "|" {
			t.Fatalf("without a BSN stored = %q, want both empty", got)
		}

		// TOTP secrets: the enrolled one and the one being enrolled.
		sess := &regie.Session{TokenHash: []byte("token-hash-secrets-test"), UserID: f.Casemanager.ID}
		if err := s.CreateSession(storetest.System(), sess, 0, "test"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPendingTOTP(ctx, sess.ID, "PENDINGSECRET"); err != nil {
			t.Fatal(err)
		}
		if v := rawColumn(t, s, `SELECT pending_totp_secret FROM sessions WHERE id = $1`, sess.ID); !keys.IsSealed(v) || strings.Contains(v, "PENDINGSECRET") {
			t.Fatalf("stored pending secret = %q, want it sealed", v)
		}
		gotSess, _, err := s.FindSessionByToken(ctx, sess.TokenHash)
		if err != nil || gotSess.PendingTOTPSecret != "PENDINGSECRET" {
			t.Fatalf("pending secret read back = %q, %v", gotSess.PendingTOTPSecret, err)
		}
		if err := s.EnableTOTP(ctx, f.Casemanager.ID, "JBSWY3DPEHPK3PXP", 100); err != nil {
			t.Fatal(err)
		}
		if v := rawColumn(t, s, `SELECT totp_secret FROM users WHERE id = $1`, f.Casemanager.ID); !keys.IsSealed(v) || strings.Contains(v, "JBSWY3DP") {
			t.Fatalf("stored TOTP secret = %q, want it sealed", v)
		}
		u, err := s.FindUserByID(ctx, f.Casemanager.ID)
		if err != nil || u.TOTPSecret != "JBSWY3DPEHPK3PXP" {
			t.Fatalf("TOTP secret read back = %q, %v", u.TOTPSecret, err)
		}
	})
}

func TestSecrets_SearchByBSN(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		if _, err := s.AddMember(storetest.As(f.CasemanagerB), f.FamOther.ID, regie.MemberInput{GivenName: "Noor", FamilyName: "Visser",
			BirthDate: "03-04-2012", Relation: "kind", BSN: testBSN}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{testBSN, "1112.22.333"} {
			if got := searchFamilies(t, s, f, q); len(got) != 1 || got[0] != f.FamOther.ID {
				t.Fatalf("search %q = %v, want [%d]", q, got, f.FamOther.ID)
			}
		}
		if got := searchFamilies(t, s, f, "123456782"); len(got) != 0 {
			t.Fatalf("search for another BSN = %v, want none", got)
		}
		// The access log says a BSN was searched for, not which.
		detail := rawColumn(t, s, `SELECT detail FROM audit WHERE action = 'search' ORDER BY id DESC LIMIT 1`)
		if strings.Contains(detail, "123456782") || !strings.Contains(detail, "BSN …782") {
			t.Fatalf("audit detail = %q, want the BSN redacted to its last digits", detail)
		}
	})
}

func TestSecrets_SealExistingAndRotate(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		ctx := storetest.System()
		// As a database from before sealing existed holds them.
		if _, err := s.DB().Exec(`INSERT INTO members (family_id, given_name, family_name, birth_date, relation, bsn, started_on, created_at)
			VALUES ($1, 'Oud', 'Lid', '2011-05-06', 'kind', $2, '2026-01-01', '2026-01-01T00:00:00Z')`, f.FamTeam.ID, testBSN); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec(`UPDATE users SET totp_secret = 'PLAINSECRET' WHERE id = $1`, f.TeamLeader.ID); err != nil {
			t.Fatal(err)
		}
		// Before sealing, the plain value still reads.
		if u, err := s.FindUserByID(ctx, f.TeamLeader.ID); err != nil || u.TOTPSecret != "PLAINSECRET" {
			t.Fatalf("plain secret before sealing = %q, %v", u.TOTPSecret, err)
		}
		// Migrate runs the Go step; a second run finds nothing to do.
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if v := rawColumn(t, s, `SELECT bsn FROM members WHERE given_name = 'Oud'`); keys.SealedWith(v) != "k1" {
			t.Fatalf("BSN after migrate = %q, want sealed with k1", v)
		}
		if v := rawColumn(t, s, `SELECT totp_secret FROM users WHERE id = $1`, f.TeamLeader.ID); keys.SealedWith(v) != "k1" {
			t.Fatalf("TOTP secret after migrate = %q, want sealed with k1", v)
		}
		if got := searchFamilies(t, s, f, testBSN); len(got) != 1 || got[0] != f.FamTeam.ID {
			t.Fatalf("search after sealing = %v, want [%d]", got, f.FamTeam.ID)
		}
		if c, err := s.SealSecrets(ctx); err != nil || c.Total() != 0 {
			t.Fatalf("second SealSecrets = %+v, %v; want nothing to do", c, err)
		}

		// Rotation: a new key; until resealed, old values still open and
		// the search still finds them by their old index.
		if _, err := s.Keys().Rotate(); err != nil {
			t.Fatal(err)
		}
		if got := searchFamilies(t, s, f, testBSN); len(got) != 1 {
			t.Fatalf("search before reseal = %v, want one", got)
		}
		c, err := s.SealSecrets(ctx)
		if err != nil || c.BSNs != 1 || c.TOTPSecrets != 1 {
			t.Fatalf("reseal = %+v, %v; want one BSN and one TOTP secret", c, err)
		}
		if v := rawColumn(t, s, `SELECT bsn FROM members WHERE given_name = 'Oud'`); keys.SealedWith(v) != "k2" {
			t.Fatalf("BSN after rotation = %q, want sealed with k2", v)
		}
		if v := rawColumn(t, s, `SELECT bsn_index FROM members WHERE given_name = 'Oud'`); !strings.HasPrefix(v, "k2:") {
			t.Fatalf("index after rotation = %q, want under k2", v)
		}
		if u, err := s.FindUserByID(ctx, f.TeamLeader.ID); err != nil || u.TOTPSecret != "PLAINSECRET" {
			t.Fatalf("secret after rotation = %q, %v", u.TOTPSecret, err)
		}
		if got := searchFamilies(t, s, f, testBSN); len(got) != 1 || got[0] != f.FamTeam.ID {
			t.Fatalf("search after reseal = %v", got)
		}
	})
}

func TestSecrets_WrongKeyFileFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regie.db")
	ctx := storetest.System()
	s, err := store.Open(ctx, path, store.Options{Keys: keys.ForTest()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := storetest.NewFixture(t, s)
	if err := s.EnableTOTP(ctx, f.Casemanager.ID, "JBSWY3DPEHPK3PXP", 1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	other, err := keys.Create(filepath.Join(t.TempDir(), "other.key"))
	if err != nil {
		t.Fatal(err)
	}
	s2, err := store.Open(ctx, path, store.Options{Keys: other})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.FindUserByID(ctx, f.Casemanager.ID); err == nil || !strings.Contains(err.Error(), "does not open") {
		t.Fatalf("reading with another key file = %v, want a clear failure", err)
	}
}

func TestSQLiteFilesOwnerOnly(t *testing.T) {
	for _, existing := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "regie.db")
		if existing {
			// A file made before, readable by others, is tightened.
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s := storetest.OpenSQLiteAt(t, path, storetest.NewClock(storetest.Start))
		storetest.NewFixture(t, s) // writes, so the WAL and its index exist
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatalf("%s: %v", filepath.Base(p), err)
			}
			if perm := fi.Mode().Perm(); perm != 0o600 {
				t.Errorf("existing=%v: %s mode = %v, want 0600", existing, filepath.Base(p), perm)
			}
		}
	}
}

func TestAuthorizeConsentUpload(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		before := countRows(t, s, "audit")
		if err := s.AuthorizeConsentUpload(storetest.As(f.Casemanager), f.FamAssigned.ID); err != nil {
			t.Fatalf("the coordinator = %v, want allowed", err)
		}
		if got := countRows(t, s, "audit"); got != before {
			t.Fatalf("an allowed check wrote %d audit rows, want none (the consent itself is audited)", got-before)
		}
		if err := s.AuthorizeConsentUpload(storetest.As(f.CasemanagerB), f.FamAssigned.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("another team's casemanager = %v, want ENOTFOUND", err)
		}
		action, outcome, _, segment, userID, familyID := lastAudit(t, s)
		if action != string(regie.ActionCreate) || outcome != string(regie.OutcomeDenied) || segment != string(regie.SegConsent) ||
			userID != f.CasemanagerB.ID || familyID != f.FamAssigned.ID {
			t.Fatalf("denied attempt audited as %s %s %s by %d on %d", action, outcome, segment, userID, familyID)
		}
	})
}
