// Package seed generates synthetic data for benchmarks and load tests: an
// own organisation, teams with their districts, team leaders,
// casemanagers, youth workers, a functional administrator and a privacy
// officer, and families of 2–7 members with Dutch and multicultural names,
// each coordinated by a casemanager of its team, with history (an earlier
// coordinator, a duo partner, a youth worker, members who left) and the
// access log that work would have left.
//
// # The history of care
//
// Every family also gets the history of its care (history.go): it
// started in phase 1 on the day it was created (a week to 30 months ago)
// and moved on as the method goes — to phase 2 after 2–6 weeks, 3 after
// 2–4 months, 4 after 3–6 months, 5 after 1–2 months, most moves decided
// in the team's Monday meeting — so families are spread over all five phases;
// about 5 % fell back from phase 5 to phase 3, and about 10 % of the files
// are closed (families.closed_at, their assignments ended). Each phase
// entry has its checklist ticks (most items of past phases), each family
// about Options.ContactsPerFamily contacts (80: 2,000,000 for 25,000
// families; more a week in phases 1–2, fewer in 5; about 15 % attempts
// without contact; network meetings in phase 5; the contact's phase is
// the family's phase on its day and its author the coordinator of that
// day), a few have safety concerns (some acute) and a recorded reason for
// a longer intensive phase, and every team has its weekly meetings with
// items and the decisions that moved families on. Each family's summary
// row (family_summaries) holds exactly what the store's refreshSummary
// computes from those rows (the seed test checks it against the store).
//
// # Plans and evaluations
//
// Every intensive period has its hulpverleningsplan (plans.go): for about
// 90 % of the families that reached phase 3 the first version was made in
// phase 2, discussed in the team meeting and then agreed with the family;
// most others agreed it early in phase 3, a few have none (the
// plan-overdue signal stays, but is not universal), and about half of
// those six weeks or more in phase 2 agreed it already. A version has 3–5
// life domains with scores (a scoring moment), 2–4 goals and 2–5
// agreements with owners, due dates and progress (most past their date
// done, some failed, some overdue). Interim evaluations follow every
// three months while the family is intensive, most discussed in the
// Monday meeting after (about a third give a new version); about 90 % of
// the periods that ended in phase 5 or a closure in phase 4 have their
// final evaluation, with a degree per goal and all eight end terms
// scored. The checklist items regie ticks itself (plan, consent,
// evaluations) get no ticks.
//
// # Not for real data
//
// To be fast — 25,000 families with 2,000,000 contacts in a few minutes —
// Generate writes straight into the tables through st.DB(), with
// multi-row INSERTs in one transaction (building the secondary indexes of
// the access log and the contacts after the load; see deferIndexes).
// That BYPASSES THE STORE'S ACCESS
// POLICY AND ITS AUDIT: nothing here is decided by policy.Decide, and the
// access-log rows it writes describe invented accesses. Use it for
// synthetic benchmark data only, never for real data. Generate refuses to
// run on a database that already has families unless Options.Force is
// set, and it must not run while regie serves the same database (it picks
// ids itself).
//
// The access log it writes continues the hash chains from their current
// heads with the store's own hash (keyed with the store's audit key), so `regie audit verify` (VerifyAudit)
// still reports no broken link.
//
// # Adding a table group
//
// Generation is a list of steps (see steps in Generate), one function per
// table group, all sharing one *gen: ids are handed out by gen.id, rows
// go through gen.insert (batched multi-row INSERTs, flushed in foreign-key
// order), and accesses that the step's data implies are appended to
// gen.events, which the last step writes into the access log. A step
// reads gen.fams (with each family's story: its phase
// moves and closure) and adds its rows and events the same way; a step
// that changes what refreshSummary computes must update the summary that
// history.go writes.
package seed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"regie"
	"regie/internal/store"
)

// Options tunes Generate. The zero value of every field but Families has
// a sensible default.
type Options struct {
	// Families is the number of families to generate (e.g. 25000).
	Families int
	// Teams is the number of teams; 0 means one per 800 families (at
	// least one).
	Teams int
	// CasemanagersPerTeam is the number of casemanagers in each team; 0
	// means enough for about 28 families each (PERFORMANCE.md: ≈ 25–30
	// families per casemanager), so about 29 in a team of 800 families.
	CasemanagersPerTeam int
	// Seed makes the data deterministic: the same seed, options and Now
	// give the same database.
	Seed int64
	// Progress, when set, receives a line per step that updates in place
	// ("gezinnen: 12000/25000").
	Progress io.Writer
	// Now is the moment the data is generated at: families started in the
	// 30 months before it. Zero means time.Now().
	Now time.Time
	// Force generates even when the database already has families (for a
	// benchmark database that is being grown on purpose).
	Force bool
	// PasswordHash is the password hash of every generated account; empty
	// means no generated account can log in with a password.
	PasswordHash string
	// NoAudit skips the access log rows.
	NoAudit bool
	// AuditReads is the number of family page views per family that the
	// access log records, on top of the rows for creating the family, its
	// members and assignments; 0 means 6, a negative number none.
	AuditReads int
	// ContactsPerFamily is the average number of contacts per family over
	// all generated families; 0 means 80, a negative number none (the
	// phases, ticks and summaries are generated all the same).
	ContactsPerFamily int
	// BulkRows is the number of rows from which a table's secondary
	// indexes are dropped before its rows are loaded and built again after
	// (deferIndexes); 0 means 100,000.
	BulkRows int
}

// Domain is the e-mail domain of every generated account.
const Domain = "seed.regie.nl"

// Generate fills st with synthetic data; see the package documentation.
// The schema must be migrated. All rows are written in one transaction:
// when Generate fails, the database is as it was.
func Generate(ctx context.Context, st *store.Store, opt Options) error {
	if opt.Families <= 0 {
		return errors.New("seed: Families must be at least 1")
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Teams <= 0 {
		opt.Teams = max(1, opt.Families/800)
	}
	opt.Teams = min(opt.Teams, opt.Families)
	if opt.CasemanagersPerTeam <= 0 {
		perTeam := (opt.Families + opt.Teams - 1) / opt.Teams
		opt.CasemanagersPerTeam = max(1, (perTeam+27)/28)
	}
	if opt.AuditReads == 0 {
		opt.AuditReads = 6
	}
	if opt.ContactsPerFamily == 0 {
		opt.ContactsPerFamily = 80
	}
	if err := st.CheckSchema(ctx); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	db := st.DB()
	if !opt.Force {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM families`).Scan(&n); err != nil {
			return fmt.Errorf("seed: count families: %w", err)
		}
		if n > 0 {
			return fmt.Errorf("seed: the database already has %d families; seed only an empty database (or set Force)", n)
		}
	}
	g := &gen{
		ctx:  ctx,
		opt:  opt,
		r:    rand.New(rand.NewPCG(uint64(opt.Seed), 0x7265676965)), //nolint:gosec // synthetic data, reproducible from --seed on purpose
		pg:   st.Dialect() == "postgres",
		now:  opt.Now.UTC().Truncate(time.Microsecond),
		next: map[string]int64{},
	}
	if k := st.AuditKey(); k != nil {
		g.hash = k.Hash
	} else if !opt.NoAudit {
		return errors.New("seed: the store was opened without keys, so it cannot continue the access log")
	}
	g.today = regie.DateOf(g.now)

	steps := []struct {
		name string
		run  func() error
	}{
		{"organisatie", g.organisation},
		{"teams", g.teamsAndDistricts},
		{"medewerkers", g.staff},
		{"gezinnen", g.families}, // families, members, assignments
		{"teamoverleggen", g.meetings},
		{"geschiedenis", g.history}, // phases, ticks, contacts, safety, summaries
		{"contacturen per maand", g.contactMonths},
		{"check-ups", g.checkups},     // after closing; updates the summaries
		{"plannen", g.plans},          // plans and evaluations; updates the summaries
		{"aanmeldingen", g.referrals}, // referrals and intake decisions
		// Later table groups go here: they read g.fams and append to
		// g.events.
		{"toegangslog", g.auditLog},
	}
	start := time.Now()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("seed: connect: %w", err)
	}
	defer conn.Close()
	if !g.pg {
		restore, err := bulkPragmas(ctx, conn)
		if err != nil {
			return err
		}
		defer restore()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("seed: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	g.tx = tx
	for _, s := range steps {
		if err := s.run(); err != nil {
			return fmt.Errorf("seed: %s: %w", s.name, err)
		}
		for _, in := range g.inserters {
			if err := in.flush(); err != nil {
				return fmt.Errorf("seed: %s: %w", s.name, err)
			}
		}
	}
	if g.pg {
		if err := g.advanceSequences(); err != nil {
			return err
		}
	}
	p := g.progress("opslaan", 0)
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("seed: commit: %w", err)
	}
	p.done()
	// Leave the database as a real one would be after quiet hours, so
	// benchmarks measure regie and not the aftermath of a bulk load.
	p = g.progress("opruimen", 0)
	if g.pg {
		// Statistics and the visibility map, as autovacuum would make them
		// soon (and would compete with a benchmark while doing so). SQLite
		// gets no ANALYZE: regie never runs it there, and benchmarks should
		// see the plans a real instance gets.
		if _, err := conn.ExecContext(ctx, `VACUUM (ANALYZE)`); err != nil {
			return fmt.Errorf("seed: vacuum: %w", err)
		}
	} else {
		// Copy the write-ahead log into the database now, not in the first
		// commit after it.
		if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return fmt.Errorf("seed: checkpoint: %w", err)
		}
	}
	p.done()
	if opt.Progress != nil {
		fmt.Fprintf(opt.Progress, "klaar: %d gezinnen, %d contactmomenten, %d medewerkers, %d teams in %s\n",
			len(g.fams), g.contacts, len(g.users), len(g.teams), time.Since(start).Round(10*time.Millisecond))
	}
	return nil
}

// bulkPragmas gives SQLite's write connection a large page cache for the
// bulk load only: the indexes on audit and members take their inserts in
// random order, and with the default 2 MB they thrash. (Statement journals
// in memory, temp_store = MEMORY, were slower: modernc's allocator returns
// their pages to the system after every statement.) restore sets back what
// the store had.
func bulkPragmas(ctx context.Context, conn *sql.Conn) (restore func(), err error) {
	var cache int64
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return nil, fmt.Errorf("seed: read cache_size: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil { // 256 MiB
		return nil, fmt.Errorf("seed: set cache_size: %w", err)
	}
	return func() {
		// Even when ctx was cancelled; a failure costs only the memory the
		// write connection keeps.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
	}, nil
}

// gen is the state of one generation, shared by its steps.
type gen struct {
	ctx context.Context
	opt Options
	r   *rand.Rand
	tx  *sql.Tx
	pg  bool
	// hash is the store's keyed hash of an access-log row.
	hash  func(*regie.AuditEntry) string
	now   time.Time
	today regie.Date

	next      map[string]int64 // the last id handed out per table
	inserters []*inserter

	org     int64
	teams   []*team
	users   []*user
	admin   *user
	privacy *user
	fams    []*family
	// meetingIDs are the generated team meetings, by team and day (ISO).
	meetingIDs map[int64]map[string]int64
	contacts   int // contacts generated
	// events are accesses the generated data implies; auditLog writes
	// them, in time order, as access-log rows.
	events []event
}

type team struct {
	id        int64
	name      string
	districts []*district
	leader    *user
	cms       []*user
	youth     []*user
}

type district struct {
	id int64
	districtInfo
}

type user struct {
	id        int64
	name      string
	role      regie.Role
	team      *team
	districts []*district
	ip, ua    string
}

// family is what later steps need to know of a generated family.
type family struct {
	id        int64
	team      *team
	district  int64
	created   time.Time
	members   []member
	coord     *user // current coordinator
	coordFrom regie.Date
	prevCoord *user // earlier coordinator, or nil
	duo       *user
	youth     *user
	since     regie.Date // the first coordinator's start

	// The story of its care (history.go), drawn before its rows are
	// written: the phase moves, oldest first, and the closure of the file.
	moves       []move
	closeOn     regie.Date // zero while the file is open
	closedAt    time.Time
	closeReason string
	intensity   float64 // contacts relative to the average family
}

type member struct {
	id        int64
	given     string
	surname   string
	birth     regie.Date
	relation  regie.Relation
	started   regie.Date // joined the household (or the file)
	added     time.Time  // the row's created_at
	ended     regie.Date
	endReason string
}

// event is an access for the access log.
type event struct {
	at      time.Time
	user    *user
	action  regie.Action
	outcome regie.Outcome
	segment regie.Segment
	family  int64
	member  int64
	basis   string
	detail  string
}

// id hands out the next id of table. The first call reads the table's
// largest id, so generated rows follow any that exist.
func (g *gen) id(table string) (int64, error) {
	last, ok := g.next[table]
	if !ok {
		if err := g.tx.QueryRowContext(g.ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&last); err != nil {
			return 0, fmt.Errorf("read largest id of %s: %w", table, err)
		}
	}
	last++
	g.next[table] = last
	return last, nil
}

// advanceSequences moves PostgreSQL's identity sequences past the ids
// generated here, so regie's own inserts do not collide with them.
func (g *gen) advanceSequences() error {
	for table, last := range g.next {
		if _, err := g.tx.ExecContext(g.ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), GREATEST($1::bigint, (SELECT COALESCE(MAX(id), 1) FROM `+table+`)))`, last); err != nil { //nolint:gosec // table names from the generator's own list
			return fmt.Errorf("seed: advance sequence of %s: %w", table, err)
		}
	}
	return nil
}

// deferIndexes drops the secondary indexes of table — those made by
// CREATE INDEX, not the ones behind its primary key and unique
// constraints — when about rows rows are to be loaded into it and it holds
// fewer already, and returns the function that creates them again from
// their own definitions (read from the catalogue, so the migrations stay
// the one place they are defined). One sorted build is far faster than
// millions of inserts in random order (the access log's family and user
// indexes, the contacts by worker): 2.7 million access-log rows took
// minutes with their indexes, seconds without. Everything happens in the
// generation's transaction: on failure the indexes are back as they were.
func (g *gen) deferIndexes(table string, rows int) (recreate func() error, err error) {
	nothing := func() error { return nil }
	var have int64
	if err := g.tx.QueryRowContext(g.ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&have); err != nil {
		return nil, fmt.Errorf("size of %s: %w", table, err)
	}
	bulk := g.opt.BulkRows
	if bulk <= 0 {
		bulk = 100_000
	}
	if rows < bulk || int64(rows) <= have {
		return nothing, nil
	}
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL ORDER BY name`
	if g.pg {
		q = `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = $1
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname`
	}
	rs, err := g.tx.QueryContext(g.ctx, q, table)
	if err != nil {
		return nil, fmt.Errorf("indexes of %s: %w", table, err)
	}
	var names, defs []string
	for rs.Next() {
		var name, def string
		if err := rs.Scan(&name, &def); err != nil {
			rs.Close() //nolint:sqlclosecheck // closed on each early return and after the loop
			return nil, err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := g.tx.ExecContext(g.ctx, `DROP INDEX `+name); err != nil {
			return nil, fmt.Errorf("drop index %s: %w", name, err)
		}
	}
	return func() error {
		p := g.progress("indexen "+table, 0)
		if g.pg {
			// Sort in memory rather than in temporary files.
			if _, err := g.tx.ExecContext(g.ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
				return err
			}
		}
		for _, def := range defs {
			if _, err := g.tx.ExecContext(g.ctx, recursiveIndex(def)); err != nil {
				return fmt.Errorf("create index again (%s): %w", def, err)
			}
		}
		p.done()
		return nil
	}, nil
}

// recursiveIndex is the definition of an index as the catalogue gives it,
// made to build on every partition again. PostgreSQL gives a partitioned
// table's index as "CREATE INDEX … ON ONLY audit …": run as given it
// makes only the parent's index, invalid, and no partition's — the access
// log's family, user and referral indexes were gone from every generated
// city on PostgreSQL, so a family's log read the whole table.
func recursiveIndex(def string) string {
	return strings.Replace(def, " ON ONLY ", " ON ", 1)
}

// Time formats, exactly as internal/store/dialect.go writes them.
const (
	timeLayout = "2006-01-02T15:04:05.000000Z"
	dateLayout = "2006-01-02"
)

func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

func nullTS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

func dateArg(d regie.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.ISO()
}

func idArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// inserter writes rows of one table in multi-row INSERTs.
type inserter struct {
	g    *gen
	head string // INSERT INTO t (cols) VALUES
	cols int
	per  int // rows per statement
	args []any
	// stmts are prepared statements by number of rows: a full batch, and
	// the powers of two that a partial one is written in (a flush forced
	// by a dependent table is partial, and parsing a new statement of
	// thousands of parameters each time cost more than the inserts).
	stmts map[int]*sql.Stmt
	// deps are flushed before this one: the tables its foreign keys point
	// to, whose rows must exist first.
	deps []*inserter
	rows int
}

// maxParams bounds the parameters of one statement: well under SQLite's
// 32,766 and PostgreSQL's 65,535; larger batches were not faster.
const maxParams = 8000

// insert returns an inserter for table's columns, flushed after the
// inserters in deps.
func (g *gen) insert(table string, cols []string, deps ...*inserter) *inserter {
	in := &inserter{
		g:    g,
		head: "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ",
		cols: len(cols),
		per:  max(1, maxParams/len(cols)),
		deps: deps,
	}
	g.inserters = append(g.inserters, in)
	return in
}

// row adds a row; its values must match the columns.
func (in *inserter) row(vals ...any) error {
	if len(vals) != in.cols {
		return fmt.Errorf("seed: %s: %d values for %d columns", in.head, len(vals), in.cols)
	}
	in.args = append(in.args, vals...)
	if len(in.args) >= in.per*in.cols {
		return in.flush()
	}
	return nil
}

// flush writes the pending rows, after those of its dependencies.
func (in *inserter) flush() error {
	if len(in.args) == 0 {
		return nil
	}
	for _, d := range in.deps {
		if err := d.flush(); err != nil {
			return err
		}
	}
	n := len(in.args) / in.cols
	for done := 0; done < n; {
		k := in.per
		if rest := n - done; rest < k {
			k = 1
			for k*2 <= rest {
				k *= 2
			}
		}
		st := in.stmts[k]
		if st == nil {
			var err error
			if st, err = in.g.tx.PrepareContext(in.g.ctx, in.sql(k)); err != nil {
				return fmt.Errorf("prepare %s…: %w", in.head, err)
			}
			if in.stmts == nil {
				in.stmts = map[int]*sql.Stmt{}
			}
			in.stmts[k] = st
		}
		if _, err := st.ExecContext(in.g.ctx, in.args[done*in.cols:(done+k)*in.cols]...); err != nil {
			return fmt.Errorf("%s…: %w", in.head, err)
		}
		done += k
	}
	in.rows += n
	in.args = in.args[:0]
	return nil
}

// sql returns the statement for n rows: VALUES ($1, $2), ($3, $4)… on
// PostgreSQL, VALUES (?, ?), (?, ?)… on SQLite. SQLite keeps numbered and
// named parameters ($1, ?1) in a list it searches linearly for each one
// bound, which made 8,000-parameter statements quadratic (70 % of the
// time); a plain ? is bound by position.
func (in *inserter) sql(n int) string {
	var b strings.Builder
	b.Grow(len(in.head) + n*in.cols*7)
	b.WriteString(in.head)
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range in.cols {
			if c > 0 {
				b.WriteString(", ")
			}
			if in.g.pg {
				b.WriteByte('$')
				b.WriteString(itoa(p))
			} else {
				b.WriteByte('?')
			}
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// progress prints one updating line per step.
type progress struct {
	w     io.Writer
	label string
	total int
	n     int
	start time.Time
	shown time.Time
}

func (g *gen) progress(label string, total int) *progress {
	p := &progress{w: g.opt.Progress, label: label, total: total, start: time.Now()}
	p.show()
	return p
}

// add counts n more items done, and shows it at most ten times a second.
func (p *progress) add(n int) {
	p.n += n
	if p.w != nil && time.Since(p.shown) >= 100*time.Millisecond {
		p.show()
	}
}

func (p *progress) show() {
	if p.w == nil {
		return
	}
	p.shown = time.Now()
	if p.total > 0 {
		fmt.Fprintf(p.w, "\r%s: %d/%d", p.label, p.n, p.total)
	} else {
		fmt.Fprintf(p.w, "\r%s…", p.label)
	}
}

// done finishes the line with the time the step took.
func (p *progress) done() {
	if p.w == nil {
		return
	}
	if p.total > 0 {
		fmt.Fprintf(p.w, "\r%s: %d/%d (%s)\n", p.label, p.n, p.total, time.Since(p.start).Round(time.Millisecond))
	} else {
		fmt.Fprintf(p.w, "\r%s: klaar (%s)\n", p.label, time.Since(p.start).Round(time.Millisecond))
	}
}

// Random helpers.

// between returns a random int in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted returns an index into weights, drawn with those weights.
func (g *gen) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// at returns a moment on day d in Dutch time, minute minutes after
// midnight, with random seconds, never after now.
func (g *gen) at(d regie.Date, minute int) time.Time {
	t := d.Time()
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, minute, g.r.IntN(60), g.r.IntN(1_000_000)*1000, regie.Amsterdam).UTC()
	if t.After(g.now) {
		t = g.now.Add(-time.Duration(g.r.IntN(3600)+1) * time.Second)
	}
	return t
}

// workday returns a moment during office hours on day d.
func (g *gen) workday(d regie.Date) time.Time { return g.at(d, g.between(8*60+15, 17*60+30)) }

// birthFor returns a birth date for someone aged years today.
func (g *gen) birthFor(years int) regie.Date {
	return g.today.AddMonths(-12 * years).AddDays(-g.r.IntN(365))
}

// maxTime returns the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// slug turns a name into the ASCII of an e-mail address.
var foldAccents = strings.NewReplacer(
	"é", "e", "è", "e", "ë", "e", "ê", "e", "ę", "e", "á", "a", "à", "a", "ä", "a", "ą", "a", "ï", "i", "í", "i", "ı", "i", "İ", "i",
	"ó", "o", "ö", "o", "ô", "o", "ü", "u", "ú", "u", "ş", "s", "ś", "s", "ç", "c", "ć", "c", "ğ", "g", "ł", "l", "ń", "n",
	"ż", "z", "ź", "z", "Ş", "s", "Ç", "c", "Ö", "o", "Ü", "u", "Ł", "l", "Ż", "z",
)

func slug(s string) string {
	s = foldAccents.Replace(strings.ToLower(s))
	var b strings.Builder
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}
