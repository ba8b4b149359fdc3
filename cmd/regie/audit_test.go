package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"regie"
	"regie/internal/anchor"
	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

// fillAuditLog writes a fixture and reads of its families through the
// store, so that several chains of the access log hold a handful of rows.
func fillAuditLog(t *testing.T, dsn, keyFile string) {
	t.Helper()
	ctx := context.Background()
	ring, err := keys.Load(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, dsn, store.Options{Keys: ring})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := storetest.NewFixture(t, st)
	for range 3 {
		for _, u := range []*regie.User{f.Casemanager, f.Casemanager2, f.CasemanagerB, f.TeamLeader, f.TeamLeaderB, f.YouthWorker} {
			for _, fam := range []*regie.Family{f.FamAssigned, f.FamTeam, f.FamOther} {
				_, _ = st.FindFamilyByID(storetest.As(u), fam.ID) // allowed or denied, each is logged
			}
		}
	}
}

// insider opens the database as someone with its credentials but without
// regie's key file, and drops the guards.
func insider(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st := insiderless(t, dsn)
	storetest.DropAuditGuards(t, st.DB(), st.Dialect() == "postgres")
	return st
}

// busiestChains returns the n chains with the most rows, each with its
// last row number.
func busiestChains(t *testing.T, st *store.Store, n int) (chains []int, last map[int]int64) {
	t.Helper()
	rows, err := st.DB().Query(`SELECT chain, max(seq) FROM audit GROUP BY chain ORDER BY count(*) DESC, chain LIMIT $1`, n)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	last = map[int]int64{}
	for rows.Next() {
		var c int
		var seq int64
		if err := rows.Scan(&c, &seq); err != nil {
			t.Fatal(err)
		}
		if seq < 5 {
			t.Fatalf("chain %d has %d rows", c, seq)
		}
		chains, last[c] = append(chains, c), seq
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(chains) < n {
		t.Fatalf("%d chains, want %d", len(chains), n)
	}
	return chains, last
}

// findingLines returns the FOUT lines of verify's output.
func findingLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "FOUT: ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// tamperAll does, on three chains: (a) remove the two newest rows and
// move the head back; (b) remove row 3 and recompute the rest with plain
// SHA-256; (b') the same with a key of the right name that is not
// regie's. It returns the finding lines verify must print.
func tamperAll(t *testing.T, dsn string) []string {
	t.Helper()
	st := insider(t, dsn)
	cs, last := busiestChains(t, st, 3)
	cut, sha, wrong := cs[0], cs[1], cs[2]
	storetest.RemoveNewestAuditRows(t, st.DB(), cut, 2)
	storetest.RemoveAuditRowAndRecompute(t, st.DB(), sha, 3, store.AuditHashV1)
	other, err := keys.Parse([]byte("k1 " + strings.Repeat("cd", 32)))
	if err != nil {
		t.Fatal(err)
	}
	storetest.RemoveAuditRowAndRecompute(t, st.DB(), wrong, 3, store.NewAuditKey(other).Hash)
	return []string{
		regie.AuditFinding{Kind: regie.FindingAnchorMissing, Chain: cut, Seq: last[cut]}.Message(),
		regie.AuditFinding{Kind: regie.FindingUnkeyed, Chain: sha, Seq: 3, LastSeq: last[sha] - 1}.Message(),
		regie.AuditFinding{Kind: regie.FindingAnchorMissing, Chain: sha, Seq: last[sha]}.Message(),
		regie.AuditFinding{Kind: regie.FindingChanged, Chain: wrong, Seq: 3, LastSeq: last[wrong] - 1}.Message(),
		regie.AuditFinding{Kind: regie.FindingAnchorMissing, Chain: wrong, Seq: last[wrong]}.Message(),
	}
}

// checkFindings checks that verify failed and printed exactly the
// findings want, one line each, and a summary. Row ids and anchor times
// are not known here, so both sides leave them out.
func checkFindings(t *testing.T, out string, err error, want []string) {
	t.Helper()
	if err == nil || !strings.Contains(oneLine(err), "NIET in orde") || !strings.Contains(oneLine(err), fmt.Sprintf("%d bevinding", len(want))) {
		t.Fatalf("verify after tampering: %v\n%s", err, out)
	}
	unknowns := regexp.MustCompile(` \(id \d+\)|verankerd op [^(]*\(ankerbestand regel \d+\)`)
	var got []string
	for _, l := range findingLines(out) {
		got = append(got, unknowns.ReplaceAllString(strings.TrimPrefix(l, "FOUT: "), ""))
	}
	for i, w := range want {
		want[i] = unknowns.ReplaceAllString(w, "")
	}
	slices.Sort(got)
	slices.Sort(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("findings (-want +got):\n%s\n%s", d, out)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestAuditVerify_Tampering is the insider's end-to-end test: on a copy
// of a database with an access log, remove the newest rows of a chain and
// move its head back, or remove a middle row and recompute the rest
// without regie's key: `regie audit verify` reports each, and exits
// non-zero; on the untouched database it passes.
func TestAuditVerify_Tampering(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		db, keyFile, anchors := filepath.Join(dir, "regie.db"), testKeyFile(t), filepath.Join(dir, "regie.anchors")
		fillAuditLog(t, db, keyFile)
		env := map[string]string{"REGIE_DATABASE": db, "REGIE_KEY_FILE": keyFile, "REGIE_AUDIT_ANCHOR_FILE": anchors}
		out, err := cli(t, env, "audit", "verify")
		if err != nil || !strings.Contains(out, "Toegangslog in orde") || !strings.Contains(out, "verankerd in "+anchors) {
			t.Fatalf("verify: %v\n%s", err, out)
		}

		// (a) alone, on a copy with a copy of the anchors.
		copyA, anchorsA := filepath.Join(dir, "a.db"), filepath.Join(dir, "a.anchors")
		copyFile(t, db, copyA)
		copyFile(t, anchors, anchorsA)
		st := insider(t, copyA)
		cs, last := busiestChains(t, st, 1)
		storetest.RemoveNewestAuditRows(t, st.DB(), cs[0], 2)
		st.Close()
		out, err = cli(t, map[string]string{"REGIE_DATABASE": copyA, "REGIE_AUDIT_ANCHOR_FILE": anchorsA}, "audit", "verify")
		checkFindings(t, out, err, []string{regie.AuditFinding{Kind: regie.FindingAnchorMissing, Chain: cs[0], Seq: last[cs[0]]}.Message()})

		// (a), (b) and (b') together on another copy: every finding.
		copyB, anchorsB := filepath.Join(dir, "b.db"), filepath.Join(dir, "b.anchors")
		copyFile(t, db, copyB)
		copyFile(t, anchors, anchorsB)
		want := tamperAll(t, copyB)
		out, err = cli(t, map[string]string{"REGIE_DATABASE": copyB, "REGIE_AUDIT_ANCHOR_FILE": anchorsB}, "audit", "verify")
		checkFindings(t, out, err, want)
		if n, _ := os.Stat(anchorsB); n.Size() != fileSize(t, anchors) {
			t.Error("verify anchored a log it found broken")
		}

		// The original is untouched.
		out, err = cli(t, env, "audit", "verify")
		if err != nil || !strings.Contains(out, "Toegangslog in orde") {
			t.Fatalf("verify of the original: %v\n%s", err, out)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		url, keyFile := storetest.PostgresURL(t), testKeyFile(t)
		anchors := filepath.Join(t.TempDir(), "regie.anchors")
		fillAuditLog(t, url, keyFile)
		env := map[string]string{"REGIE_DATABASE": url, "REGIE_KEY_FILE": keyFile, "REGIE_AUDIT_ANCHOR_FILE": anchors}
		out, err := cli(t, env, "audit", "verify")
		if err != nil || !strings.Contains(out, "Toegangslog in orde") {
			t.Fatalf("verify: %v\n%s", err, out)
		}
		want := tamperAll(t, url)
		out, err = cli(t, env, "audit", "verify")
		checkFindings(t, out, err, want)
	})
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestServe_AnchorsTheAuditLog: a running regie, and the demo, write the
// heads of the access log to the anchor file beside the key file (at
// start and at shutdown), signed, and log each line; verify then checks
// them.
func TestServe_AnchorsTheAuditLog(t *testing.T) {
	for _, demo := range []bool{false, true} {
		t.Run(map[bool]string{false: "serve", true: "demo"}[demo], func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "regie.db")
			env := map[string]string{"REGIE_DATABASE": db}
			if !demo {
				if out, err := cli(t, env, "migrate"); err != nil {
					t.Fatalf("migrate: %v %s", err, out)
				}
				if out, err := cli(t, env, "user", "create", "--email", "beheer@gemeente.nl", "--name", "Esther Vos",
					"--role", "functioneel_beheerder", "--organisation", "Stade Profiel"); err != nil {
					t.Fatalf("user create: %v %s", err, out)
				}
			}
			var logs bytes.Buffer
			m := &Main{Config: Config{Database: db, Addr: "127.0.0.1:0"}, Demo: demo, Password: cheapArgon2,
				Logger: slog.New(slog.NewTextHandler(&logs, nil))}
			ctx := context.Background()
			if err := m.Run(ctx); err != nil {
				m.Close(ctx)
				t.Fatal(err)
			}
			heads, err := m.Store.AuditHeads(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := m.Close(ctx); err != nil {
				t.Fatal(err)
			}
			// The key file and the anchor file beside the database.
			ring, err := keys.Load(db + ".key")
			if err != nil {
				t.Fatal(err)
			}
			file := &anchor.File{Path: db + ".key.anchors", Keys: ring}
			anchors, damaged, exists, err := file.Read()
			if err != nil || !exists || len(damaged) != 0 {
				t.Fatalf("anchor file: exists %v, damaged %v, %v", exists, damaged, err)
			}
			anchored := map[regie.AuditHead]bool{}
			for _, a := range anchors {
				anchored[a.AuditHead] = true
			}
			n := 0
			for _, h := range heads {
				if h.Seq > 0 {
					n++
					if !anchored[h] {
						t.Errorf("head %+v not anchored", h)
					}
				}
			}
			if n == 0 {
				t.Fatal("no chain has rows")
			}
			if !strings.Contains(logs.String(), "audit anchor") || !strings.Contains(logs.String(), "regie-audit-anker v1") {
				t.Errorf("no anchor in the log:\n%s", logs.String())
			}
			if fi, err := os.Stat(file.Path); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("anchor file mode: %v, %v", fi, err)
			}
			out, err := cli(t, env, "audit", "verify")
			if err != nil || !strings.Contains(out, fmt.Sprintf("%d verankerde koppen", n)) {
				t.Fatalf("verify: %v\n%s", err, out)
			}
		})
	}
}

// TestMigrate_AppRole: `regie migrate --app-role` prepares PostgreSQL's
// application role, and regie runs as that role; SQLite has no roles.
func TestMigrate_AppRole(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	if _, err := cli(t, map[string]string{"REGIE_DATABASE": db}, "migrate", "--app-role", "regie_app"); err == nil || !strings.Contains(oneLine(err), "alleen voor PostgreSQL") {
		t.Fatalf("migrate --app-role on SQLite: %v", err)
	}

	url, keyFile := storetest.PostgresURL(t), testKeyFile(t)
	owner := insiderless(t, url)
	role := fmt.Sprintf("regie_cli_app_%d", os.Getpid())
	if _, err := owner.DB().Exec(`CREATE ROLE ` + role + ` LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = owner.DB().Exec(`DROP OWNED BY ` + role) // the database goes with the test anyway
		_, _ = owner.DB().Exec(`DROP ROLE ` + role)
	})
	env := map[string]string{"REGIE_DATABASE": url, "REGIE_KEY_FILE": keyFile, "REGIE_APP_ROLE": role}
	if out, err := cli(t, env, "migrate"); err != nil || !strings.Contains(out, "Rechten gegeven aan rol "+role) {
		t.Fatalf("migrate with REGIE_APP_ROLE: %v\n%s", err, out)
	}
	appURL := strings.Replace(url, "user=postgres", "user="+role, 1)
	appEnv := map[string]string{"REGIE_DATABASE": appURL, "REGIE_KEY_FILE": keyFile, "REGIE_APP_ROLE": ""}
	if out, err := cli(t, appEnv, "user", "create", "--email", "beheer@gemeente.nl", "--name", "Esther Vos",
		"--role", "functioneel_beheerder", "--organisation", "Stade Profiel"); err != nil {
		t.Fatalf("user create as the app role: %v\n%s", err, out)
	}
	if out, err := cli(t, appEnv, "audit", "verify"); err != nil || !strings.Contains(out, "Toegangslog in orde") {
		t.Fatalf("verify as the app role: %v\n%s", err, out)
	}
	// The daily job makes months as the app role (a SECURITY DEFINER
	// function); the partitions themselves and the cuts stay out of its
	// reach, only audit is.
	app := insiderless(t, appURL)
	var made bool
	if err := app.DB().QueryRow(`SELECT audit_make_partition('2035-01-01')`).Scan(&made); err != nil || !made {
		t.Fatalf("audit_make_partition as the app role = %v, %v; want a new month", made, err)
	}
	for _, q := range []string{`SELECT count(*) FROM audit_y2035m01`, `SELECT count(*) FROM audit_default`,
		`INSERT INTO audit_cuts (chain, seq, hash, detached_at, before_ts) VALUES (0, 1, 'x', now(), now())`} {
		if _, err := app.DB().Exec(q); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s as the app role: %v, want permission denied", q, err)
		}
	}
}

// TestAudit_PartitionsAndDetach: `regie audit partitions` lists the
// access log's months on PostgreSQL (SQLite: one table, said so), and
// `regie audit detach` refuses months younger than the term and detaches
// nothing when no month is wholly past it (the store test detaches with a
// clock years ahead: TestAuditPartitions_DetachThenVerify).
func TestAudit_PartitionsAndDetach(t *testing.T) {
	db := filepath.Join(t.TempDir(), "regie.db")
	lite := map[string]string{"REGIE_DATABASE": db}
	if _, err := cli(t, lite, "migrate"); err != nil {
		t.Fatal(err)
	}
	if out, err := cli(t, lite, "audit", "partitions"); err != nil || !strings.Contains(out, "één tabel") {
		t.Fatalf("audit partitions on SQLite: %v\n%s", err, out)
	}
	if _, err := cli(t, lite, "audit", "detach", "--before", "2020-01"); err == nil || !strings.Contains(oneLine(err), "alleen bij PostgreSQL") {
		t.Fatalf("audit detach on SQLite: %v", err)
	}

	url, keyFile := storetest.PostgresURL(t), testKeyFile(t)
	env := map[string]string{"REGIE_DATABASE": url, "REGIE_KEY_FILE": keyFile}
	out, err := cli(t, env, "audit", "partitions")
	if err != nil || !strings.Contains(out, "audit_default") || !strings.Contains(out, "alles vóór") || !strings.Contains(out, "regie audit detach --before") {
		t.Fatalf("audit partitions: %v\n%s", err, out)
	}
	recent := time.Now().UTC().AddDate(-1, 0, 0).Format("2006-01")
	if _, err := cli(t, env, "audit", "detach", "--before", recent); err == nil || !strings.Contains(oneLine(err), "jaar bewaard") {
		t.Fatalf("audit detach of last year: %v, want refused for the term", err)
	}
	if out, err := cli(t, env, "audit", "detach", "--before", "2001-01"); err != nil || !strings.Contains(out, "Geen maanden") {
		t.Fatalf("audit detach with nothing past the term: %v\n%s", err, out)
	}
	if _, err := cli(t, env, "audit", "detach", "--before", "januari"); err == nil || !strings.Contains(oneLine(err), "JJJJ-MM") {
		t.Fatalf("audit detach --before januari: %v", err)
	}
}

// insiderless opens a store on dsn with no keys, for plain SQL.
func insiderless(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestServe_AuditPartitionsJob: on PostgreSQL the daily job makes the
// access log's partitions of this month and the next three, once a day
// (claimed like the retention run).
func TestServe_AuditPartitionsJob(t *testing.T) {
	dsn, keyFile := storetest.PostgresURL(t), testKeyFile(t)
	clock := storetest.NewClock(time.Date(2031, 5, 10, 9, 0, 0, 0, time.UTC))
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.MarkDemo(ctx); err != nil {
		t.Fatal(err)
	}
	m := startRegieWith(t, dsn, true, func(m *Main) {
		m.Config.KeyFile, m.Config.AnchorFile = keyFile, filepath.Join(t.TempDir(), "anchors")
		m.Clock, m.RetentionDelay = clock, 24*time.Hour
	})
	if ran, err := m.Jobs.runOnce(ctx, m.auditPartitionsJob()); err != nil || !ran {
		t.Fatalf("audit partitions job: %v %v", ran, err)
	}
	if ran, err := m.Jobs.runOnce(ctx, m.auditPartitionsJob()); err != nil || ran {
		t.Fatalf("audit partitions job again the same day: ran %v, %v; want claimed already", ran, err)
	}
	parts, err := st.AuditPartitions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, p := range parts {
		have[p.Name] = true
	}
	for _, want := range []string{"audit_y2031m05", "audit_y2031m06", "audit_y2031m07", "audit_y2031m08"} {
		if !have[want] {
			t.Errorf("no partition %s after the job; have %v", want, have)
		}
	}
	if have["audit_y2031m09"] {
		t.Error("the job made a partition more than three months ahead")
	}
}
