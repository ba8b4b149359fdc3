package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestBackup_RestoreDrill backs up a SQLite database while two
// casemanagers save contacts, opens the copy as regie would after a
// restore, and checks that every save acknowledged before the backup began
// is in it and that the access log verifies with the same keys.
func TestBackup_RestoreDrill(t *testing.T) {
	dir := t.TempDir()
	clock := storetest.NewClock(storetest.Start)
	s := storetest.OpenSQLiteAt(t, filepath.Join(dir, "regie.db"), clock)
	f := storetest.NewFixture(t, s)

	type saved struct{ family, contact int64 }
	var (
		mu     sync.Mutex
		acked  []saved // in the order the saves returned
		errs   []error
		wg     sync.WaitGroup
		stop   = make(chan struct{})
		warmed = make(chan struct{}) // closed after the first saves are acknowledged
		once   sync.Once
	)
	const warm = 20
	writer := func(ctx context.Context, fam *regie.Family) {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			c, err := s.CreateContact(ctx, fam.ID, contactIn(fmt.Sprintf("2026-02-%02d", 1+i%27),
				fmt.Sprintf("%02d:%02d", 8+i%10, i%60), "30", "huisbezoek", "contact"))
			mu.Lock()
			if err != nil {
				errs = append(errs, err)
			} else {
				acked = append(acked, saved{fam.ID, c.ID})
				if len(acked) >= warm {
					once.Do(func() { close(warmed) })
				}
			}
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go writer(storetest.As(f.Casemanager), f.FamAssigned)
	go writer(storetest.As(f.Casemanager2), f.FamTeam)
	<-warmed

	// Every save that has returned by now was acknowledged before the
	// backup began; the writers go on while it runs.
	mu.Lock()
	before := append([]saved(nil), acked...)
	mu.Unlock()
	backup := filepath.Join(dir, "backup.db")
	berr := s.BackupTo(context.Background(), backup)
	mu.Lock()
	during := len(acked) - len(before)
	mu.Unlock()
	close(stop)
	wg.Wait()
	if berr != nil {
		t.Fatalf("backup while saving: %v", berr)
	}
	for _, err := range errs {
		t.Errorf("save during the backup: %v", err)
	}
	t.Logf("%d saves acknowledged before the backup, %d while it ran", len(before), during)

	fi, err := os.Stat(backup)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("backup file mode %o, want 600: it holds personal data", perm)
	}

	// Restore: open the copy with the same keys, as regie serve would.
	r := storetest.OpenSQLiteAt(t, backup, clock)
	if err := r.CheckSchema(context.Background()); err != nil {
		t.Fatalf("the copy's schema: %v", err)
	}
	rep, err := r.VerifyAudit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range rep.Findings {
		t.Errorf("access log of the copy: %s", fd.Message())
	}
	if !rep.OK() || rep.Rows == 0 || rep.Keyed != rep.Rows {
		t.Errorf("access log of the copy: %d rows, %d keyed, ok=%v", rep.Rows, rep.Keyed, rep.OK())
	}
	for _, sv := range before {
		ctx := storetest.As(f.Casemanager)
		if sv.family == f.FamTeam.ID {
			ctx = storetest.As(f.Casemanager2)
		}
		if _, _, err := r.FindContact(ctx, sv.family, sv.contact); err != nil {
			t.Errorf("contact %d of family %d, acknowledged before the backup, is not in the copy: %v", sv.contact, sv.family, err)
		}
	}
}

func TestBackup_NeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	s := storetest.OpenSQLiteAt(t, filepath.Join(dir, "regie.db"), storetest.NewClock(storetest.Start))
	target := filepath.Join(dir, "bestaat.db")
	if err := os.WriteFile(target, []byte("iets anders"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupTo(context.Background(), target); !errors.Is(err, store.ErrBackupExists) {
		t.Fatalf("backup onto an existing file: %v, want ErrBackupExists", err)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "iets anders" {
		t.Fatalf("the existing file was changed: %q %v", b, err)
	}
	// A backup that fails leaves nothing behind.
	missing := filepath.Join(dir, "geen-map", "backup.db")
	if err := s.BackupTo(context.Background(), missing); err == nil {
		t.Fatal("backup into a missing directory succeeded")
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed backup left %s: %v", missing, err)
	}
}

func TestBackup_PostgresSaysUseItsTools(t *testing.T) {
	s := storetest.OpenPostgres(t, storetest.NewClock(storetest.Start))
	target := filepath.Join(t.TempDir(), "backup.db")
	if err := s.BackupTo(context.Background(), target); !errors.Is(err, store.ErrBackupPostgres) {
		t.Fatalf("backup of PostgreSQL: %v, want ErrBackupPostgres", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a PostgreSQL backup left %s: %v", target, err)
	}
}
