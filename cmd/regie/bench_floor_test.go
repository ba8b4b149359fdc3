package main

// The floor of ../shared/PERFORMANCE.md, measured beside regie in the same
// process, on the same generated city and database: a minimal net/http
// handler with hand-written SQL and a small html/template page, without
// sessions, policy or regie's templates. regie's pages are held to 70 % of
// its throughput:
//
//	go test -run '^$' -bench 'HTTP(Floor)?(FamilyPage|MyFamilies)' -benchtime 2000x ./cmd/regie/
//
// The floor's family page writes its chained audit row in the same
// transaction (as the floor did); its "Mijn gezinnen" writes none (nor
// did the floor's). regie's list writes one row per family shown, so the
// floor has that list too (MyFamiliesAudited): the same read, in a write
// transaction with one chained audit row per family, in one INSERT.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// floorServer is the minimal handler on the benchmark's database.
type floorServer struct {
	w, r     *sql.DB // SQLite: one writer, a read pool; PostgreSQL: one pool
	postgres bool
	url      string
}

var floorTemplates = template.Must(template.New("list").Parse(`<!doctype html><title>Mijn gezinnen</title><table>
{{range .}}<tr><td><a href="/gezinnen/{{.ID}}">{{.Name}}</a><td>{{.Phase}}<td>{{.Since}}<td>{{.Minutes}}<td>{{.Last}}<td>{{.Rejected}}</tr>
{{end}}</table>`))

func init() {
	template.Must(floorTemplates.New("family").Parse(`<!doctype html><title>{{.Name}}</title><h1>{{.Name}}</h1>
<ul>{{range .Members}}<li>{{.}}{{end}}</ul><ul>{{range .Coordinators}}<li>{{.}}{{end}}</ul>
<ol>{{range .Phases}}<li>{{.}}{{end}}</ol><table>{{range .Contacts}}<tr><td>{{.Date}}<td>{{.Minutes}}<td>{{.Kind}}<td>{{.Attempt}}</tr>{{end}}</table>
<ul>{{range .Hours}}<li>{{.}}{{end}}</ul><ul>{{range .Goals}}<li>{{.}}{{end}}</ul>`))
}

// startFloor serves the floor on the dialect's database (dsn as regie
// has it) on a free loopback port.
func startFloor(dsn string) (*floorServer, error) {
	f := &floorServer{postgres: strings.HasPrefix(dsn, "postgres")}
	var err error
	if f.postgres {
		if f.w, err = sql.Open("pgx", dsn); err != nil {
			return nil, err
		}
		f.w.SetMaxOpenConns(4)
		f.w.SetMaxIdleConns(4)
		f.r = f.w
	} else {
		base := "file:" + (&url.URL{Path: dsn}).EscapedPath() +
			"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)"
		if f.w, err = sql.Open("sqlite", base+"&_txlock=immediate"); err != nil {
			return nil, err
		}
		f.w.SetMaxOpenConns(1)
		if f.r, err = sql.Open("sqlite", base+"&_pragma=query_only(1)"); err != nil {
			return nil, err
		}
		f.r.SetMaxOpenConns(4)
		f.r.SetMaxIdleConns(4)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /floor/gezinnen", f.list)
	mux.HandleFunc("GET /floor/gezinnen-gelogd", f.listAudited)
	mux.HandleFunc("GET /floor/gezinnen/{id}", f.family)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	go http.Serve(ln, mux) //nolint:errcheck,gosec // a benchmark's server, for the process's life
	f.url = "http://" + ln.Addr().String()
	return f, nil
}

type floorRow struct {
	ID                    int64
	Name                  string
	Phase, Minutes        int
	Rejected              int
	Since, Last           sql.NullString
	Members, Coordinators []string
	Phases, Hours, Goals  []string
	Contacts              []floorContact
}

type floorContact struct {
	Date, Kind, Attempt string
	Minutes             int
}

// list is "Mijn gezinnen": the user's families with phase, hours in the
// phase, last contact and rejected attempts, read on the read pool.
func (f *floorServer) list(w http.ResponseWriter, r *http.Request) {
	user, _ := strconv.ParseInt(r.URL.Query().Get("u"), 10, 64)
	out, err := floorList(r.Context(), f.r, user)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = floorTemplates.ExecuteTemplate(w, "list", out)
}

// listAudited is list as regie must serve it: read in a transaction that
// also appends one chained audit row per family shown (NEN 7513: each
// family's log shows the lists that named it), in one INSERT.
func (f *floorServer) listAudited(w http.ResponseWriter, r *http.Request) {
	user, _ := strconv.ParseInt(r.URL.Query().Get("u"), 10, 64)
	out, err := f.readListAudited(r.Context(), user)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = floorTemplates.ExecuteTemplate(w, "list", out)
}

func (f *floorServer) readListAudited(ctx context.Context, user int64) ([]floorRow, error) {
	tx, err := f.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	out, err := floorList(ctx, tx, user)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(out))
	for i, x := range out {
		ids[i] = x.ID
	}
	if err := f.audit(ctx, tx, user, "read", "mijn gezinnen", ids); err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// floorList reads the list. Hours, last contact and rejected attempts are
// counted from the contacts (the index on family and date covers them),
// as the floor's query did; the phase comes from the family's newest
// transition.
func floorList(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, user int64) ([]floorRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT f.id, f.household_name, COALESCE(p.phase, 0), CAST(p.started_on AS text),
		COALESCE((SELECT SUM(c.minutes) FROM contacts c WHERE c.family_id = f.id AND c.contact_date >= p.started_on), 0),
		(SELECT CAST(MAX(c.contact_date) AS text) FROM contacts c WHERE c.family_id = f.id),
		(SELECT count(*) FROM contacts c WHERE c.family_id = f.id AND c.contact_date >= p.started_on AND c.attempt = 'afgewezen')
		FROM assignments a JOIN families f ON f.id = a.family_id
		LEFT JOIN phase_transitions p ON p.id = (SELECT t.id FROM phase_transitions t WHERE t.family_id = f.id
			ORDER BY t.started_on DESC, t.id DESC LIMIT 1)
		WHERE a.user_id = $1 AND a.ended_on IS NULL ORDER BY f.household_name`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []floorRow
	for rows.Next() {
		var x floorRow
		if err := rows.Scan(&x.ID, &x.Name, &x.Phase, &x.Since, &x.Minutes, &x.Last, &x.Rejected); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// family is the family page: members, coordinators, phase history, 20
// contacts, hours per phase and the goals of the newest plan, read in one
// transaction that also appends the view's row to a hash-chained audit
// log (the chain's head locked, as regie does).
func (f *floorServer) family(w http.ResponseWriter, r *http.Request) {
	user, _ := strconv.ParseInt(r.URL.Query().Get("u"), 10, 64)
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	x, err := f.readFamily(r.Context(), user, id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = floorTemplates.ExecuteTemplate(w, "family", x)
}

func (f *floorServer) readFamily(ctx context.Context, user, id int64) (*floorRow, error) {
	tx, err := f.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	x := &floorRow{ID: id}
	if err := tx.QueryRowContext(ctx, `SELECT household_name FROM families WHERE id = $1`, id).Scan(&x.Name); err != nil {
		return nil, err
	}
	strs := func(q string, args ...any) ([]string, error) {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, rows.Err()
	}
	if x.Members, err = strs(`SELECT given_name || ' ' || family_name FROM members WHERE family_id = $1 ORDER BY birth_date`, id); err != nil {
		return nil, err
	}
	if x.Coordinators, err = strs(`SELECT u.name FROM assignments a JOIN users u ON u.id = a.user_id
		WHERE a.family_id = $1 AND a.ended_on IS NULL`, id); err != nil {
		return nil, err
	}
	if x.Phases, err = strs(`SELECT CAST(phase AS text) || ' ' || CAST(started_on AS text) FROM phase_transitions
		WHERE family_id = $1 ORDER BY started_on`, id); err != nil {
		return nil, err
	}
	if x.Hours, err = strs(`SELECT CAST(phase AS text) || ': ' || CAST(SUM(minutes) AS text) FROM contacts
		WHERE family_id = $1 GROUP BY phase ORDER BY phase`, id); err != nil {
		return nil, err
	}
	if x.Goals, err = strs(`SELECT g.text FROM plan_goals g WHERE g.version_id =
		(SELECT v.id FROM plan_versions v WHERE v.family_id = $1 ORDER BY v.number DESC LIMIT 1) ORDER BY g.position`, id); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT CAST(contact_date AS text), minutes, kind, attempt FROM contacts
		WHERE family_id = $1 ORDER BY contact_date DESC LIMIT 20`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c floorContact
		if err := rows.Scan(&c.Date, &c.Minutes, &c.Kind, &c.Attempt); err != nil {
			rows.Close()
			return nil, err
		}
		x.Contacts = append(x.Contacts, c)
	}
	rows.Close() //nolint:sqlclosecheck // closed before the next statement on the transaction
	if err := rows.Err(); err != nil {
		return nil, err
	}

	if err := f.audit(ctx, tx, user, "read", "gezinspagina", []int64{id}); err != nil {
		return nil, err
	}
	return x, tx.Commit()
}

// audit appends to the user's chain, in tx, one row per family, chained:
// hash = sha256(prev ‖ row), the chain's head locked, and moves the head
// once. PostgreSQL takes the rows in one INSERT; SQLite one prepared
// INSERT per row (in process, each costs microseconds, where binding a
// long VALUES list costs more in modernc's driver).
func (f *floorServer) audit(ctx context.Context, tx *sql.Tx, user int64, action, detail string, families []int64) error {
	chain, forUpdate := user%16, ""
	if f.postgres {
		forUpdate = " FOR UPDATE"
	}
	var seq int64
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE chain = $1`+forUpdate, chain).Scan(&seq, &prev); err != nil {
		return err
	}
	if len(families) == 0 {
		return nil
	}
	const insert = `INSERT INTO audit (chain, seq, ts, user_id, role, action, outcome, family_id, segment, detail, prev_hash, hash) VALUES `
	const row = "($%d, $%d, $%d, $%d, 'casemanager', $%d, 'ok', $%d, 'gezin', $%d, $%d, $%d)"
	var stmt *sql.Stmt
	if !f.postgres {
		var err error
		if stmt, err = tx.PrepareContext(ctx, insert+fmt.Sprintf(row, 1, 2, 3, 4, 5, 6, 7, 8, 9)); err != nil {
			return err
		}
		defer stmt.Close()
	}
	now := time.Now().UTC()
	var (
		values []string
		args   []any
	)
	for _, id := range families {
		seq++
		sum := sha256.Sum256([]byte(prev + "|" + fmt.Sprintf("%d|%d|%s|%d|%s|ok|%d|%s", chain, seq, now.Format(time.RFC3339Nano), user, action, id, detail)))
		hash := hex.EncodeToString(sum[:])
		one := []any{chain, seq, floorTime(now, f.postgres), user, action, id, detail, prev, hash}
		prev = hash
		if stmt != nil {
			if _, err := stmt.ExecContext(ctx, one...); err != nil {
				return err
			}
			continue
		}
		n := len(args)
		values = append(values, fmt.Sprintf(row, n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9))
		args = append(args, one...)
	}
	if stmt == nil {
		if _, err := tx.ExecContext(ctx, insert+strings.Join(values, ", "), args...); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE audit_heads SET seq = $1, hash = $2 WHERE chain = $3`, seq, prev, chain)
	return err
}

// saveContact is the floor's contact save (PERFORMANCE.md: "insert a
// contact + its chained audit row (one tx, durable)", and the family's
// summary row moved on in the same transaction): the summary updated in
// place, which gives the contact its phase, the contact, its member and
// the audit row, on the writer.
func (f *floorServer) saveContact(ctx context.Context, user, family, member int64, day string) error {
	tx, err := f.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	var phase int
	if err := tx.QueryRowContext(ctx, `UPDATE family_summaries SET minutes_total = minutes_total + 75,
		minutes_phase = minutes_phase + 75, contacts = contacts + 1, rejected_streak = 0,
		last_contact_on = CASE WHEN last_contact_on IS NULL OR last_contact_on < $1 THEN $1 ELSE last_contact_on END,
		last_reached_on = CASE WHEN last_reached_on IS NULL OR last_reached_on < $1 THEN $1 ELSE last_reached_on END
		WHERE family_id = $2 RETURNING phase`, day, family).Scan(&phase); err != nil {
		return err
	}
	now := floorTime(time.Now().UTC(), f.postgres)
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO contacts (family_id, user_id, contact_date, start_time, minutes, kind, attempt,
		practical, note, phase, created_at, updated_at)
		VALUES ($1, $2, $3, '10:30', 75, 'huisbezoek', 'contact', 'post', 'Samen de post doorgenomen.', $4, $5, $5) RETURNING id`,
		family, user, day, phase, now).Scan(&id); err != nil {
		return err
	}
	if member != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_members (contact_id, member_id) VALUES ($1, $2)`, id, member); err != nil {
			return err
		}
	}
	if err := f.audit(ctx, tx, user, "create", "contactmoment "+strconv.FormatInt(id, 10), []int64{family}); err != nil {
		return err
	}
	return tx.Commit()
}

// floorTime is a timestamp as the dialect's audit column takes it (SQLite
// keeps regie's fixed-width UTC text).
func floorTime(t time.Time, postgres bool) any {
	if postgres {
		return t
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

// BenchmarkHTTPFloorFamilyPage is the floor's family page, for the
// families of the casemanagers BenchmarkHTTPFamilyPage reads.
func BenchmarkHTTPFloorFamilyPage(b *testing.B) {
	benchFloor(b, func(s httpBenchSession, i int) string {
		return "/floor/gezinnen/" + strconv.FormatInt(s.families[i%len(s.families)], 10) + "?u=" + strconv.FormatInt(s.userID, 10)
	})
}

// BenchmarkHTTPFloorMyFamilies is the floor's "Mijn gezinnen".
func BenchmarkHTTPFloorMyFamilies(b *testing.B) {
	benchFloor(b, func(s httpBenchSession, _ int) string { return "/floor/gezinnen?u=" + strconv.FormatInt(s.userID, 10) })
}

// BenchmarkHTTPFloorMyFamiliesAudited is the floor's "Mijn gezinnen" with
// what regie must add to it: one chained audit row per family shown,
// written in the read's transaction. On SQLite that puts the list on the
// one writer, as it puts regie's.
func BenchmarkHTTPFloorMyFamiliesAudited(b *testing.B) {
	benchFloor(b, func(s httpBenchSession, _ int) string {
		return "/floor/gezinnen-gelogd?u=" + strconv.FormatInt(s.userID, 10)
	})
}

func benchFloor(b *testing.B, path func(s httpBenchSession, i int) string) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			benchHTTPAt(b, d, false, func(env *httpBenchEnv) string { return env.startFloor(b).url }, path)
		})
	}
}

// startFloor returns the floor on the environment's database, started on
// the first call.
func (env *httpBenchEnv) startFloor(b *testing.B) *floorServer {
	httpBench.mu.Lock()
	defer httpBench.mu.Unlock()
	if env.floor == nil {
		fs, err := startFloor(env.dsn)
		if err != nil {
			b.Fatal(err)
		}
		env.floor = fs
	}
	return env.floor
}
