package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"regie"
)

// dialect holds every difference between SQLite and PostgreSQL that the
// SQL text cannot hide. Branch on it only where the SQL truly differs.
type dialect struct {
	name string
	// forUpdate locks the selected rows until the transaction ends. SQLite
	// needs none: BEGIN IMMEDIATE already holds the only write lock.
	forUpdate string
}

var (
	sqliteDialect   = dialect{name: "sqlite", forUpdate: ""}
	postgresDialect = dialect{name: "postgres", forUpdate: " FOR UPDATE"}
)

// dayOf is the UTC day of an instant column, comparable with a date
// column.
func (d dialect) dayOf(col string) string {
	if d.name == "postgres" {
		return "(" + col + " AT TIME ZONE 'UTC')::date"
	}
	return "substr(" + col + ", 1, 10)"
}

// inIDs is the condition "col is one of the ids of parameter $n", whose
// argument is idsArg of the ids: one parameter however many ids, so the
// statement's text stays the same for every list (and prepared, see
// stmtCache), and binding does not grow with the list (modernc's SQLite
// looks up each numbered parameter by name: 240 of them cost more than
// the query they were bound to).
func (d dialect) inIDs(col string, n int) string {
	if d.name == "postgres" {
		return fmt.Sprintf("%s = ANY($%d::text::bigint[])", col, n)
	}
	return fmt.Sprintf("%s IN (SELECT value FROM json_each($%d))", col, n)
}

// idsArg is the argument of inIDs: the ids as a JSON array on SQLite, as
// an array literal on PostgreSQL.
func (d dialect) idsArg(ids []int64) string {
	open, closing := byte('['), byte(']')
	if d.name == "postgres" {
		open, closing = '{', '}'
	}
	b := make([]byte, 0, 2+len(ids)*7)
	b = append(b, open)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, closing))
}

// inTexts is the condition "col is one of the values of parameter $n",
// whose argument is textsArg of the values, as inIDs is for ids; pgType
// is col's type on PostgreSQL (text, date), whose values are given as
// text.
func (d dialect) inTexts(col string, n int, pgType string) string {
	if d.name == "postgres" {
		return fmt.Sprintf("%s = ANY($%d::text[]::%s[])", col, n, pgType)
	}
	return fmt.Sprintf("%s IN (SELECT value FROM json_each($%d))", col, n)
}

// textsArg is the argument of inTexts: the values as a JSON array on
// SQLite, as a text array (pgx encodes it) on PostgreSQL.
func (d dialect) textsArg(vals []string) any {
	if d.name == "postgres" {
		return vals
	}
	b, _ := json.Marshal(vals) // a []string always marshals
	return string(b)
}

// mapError turns driver errors that mean something to a user into regie
// errors; anything else stays an internal error with its details.
func (d dialect) mapError(err error) error {
	if err == nil {
		return nil
	}
	var re *regie.Error
	if errors.As(err, &re) {
		return err
	}
	// A deadline passed while the database did not answer (a lock held,
	// a server that stopped answering): the caller's work is refused, not
	// failed, and may be tried again.
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", regie.Errorf(regie.EUNAVAILABLE, "%s", regie.Text(regie.MsgUnavailable)), err)
	}
	if unreachable(err) {
		return fmt.Errorf("%w: %w", regie.Errorf(regie.EUNAVAILABLE, "%s", regie.Text(regie.MsgUnavailable)), err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &regie.Error{Code: regie.ECONFLICT, Message: regie.Text(regie.MsgInternal)}
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%w: %w", referenceBroken(), err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w: %w", regie.Errorf(regie.EUNAVAILABLE, "%s", regie.Text(regie.MsgUnavailable)), err)
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return &regie.Error{Code: regie.ECONFLICT, Message: regie.Text(regie.MsgInternal)}
		case "23503": // foreign_key_violation
			return fmt.Errorf("%w: %w", referenceBroken(), err)
		case "40001", "40P01": // serialization failure, deadlock
			return fmt.Errorf("%w: %w", regie.Errorf(regie.EUNAVAILABLE, "%s", regie.Text(regie.MsgUnavailable)), err)
		}
	}
	return err
}

// unreachable reports whether err says the database is down, cannot be
// reached, or cannot take a write (disk full, read-only): nothing the user
// did, and worth trying again once it is back. A save refused this way
// keeps what was typed (see internal/ui/idem.go).
func unreachable(err error) bool {
	var ce *pgconn.ConnectError
	var ne *net.OpError
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || pgconn.Timeout(err) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary code of an extended one
		case sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
			return true
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			strings.HasPrefix(pe.Code, "53"),                           // insufficient resources: disk full, out of memory, too many connections
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // shutting down, cannot connect now
			pe.Code == "25006", pe.Code == "58030": // read-only transaction (a standby), I/O error
			return true
		}
	}
	return false
}

// referenceBroken is a foreign-key violation: a row refers to one that does
// not exist (any more), or a row still referred to was to be removed. It is
// a conflict with the data as it is now, not an internal error; the driver's
// error stays wrapped for the operator log.
func referenceBroken() *regie.Error {
	return &regie.Error{Code: regie.ECONFLICT, Message: regie.Text(regie.MsgReferenceBroken)}
}

// Instants are passed to the database as fixed-width UTC text. SQLite
// stores that text as is (so text order is time order); PostgreSQL parses
// it into timestamptz. Scanning accepts what either driver returns.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// ts returns the argument for an instant column.
func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTS returns the argument for a nullable instant column.
// date returns the argument for a date column (NULL when unset).
func date(d regie.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.ISO()
}

// nullID returns the argument for an optional reference (NULL when 0).
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// timeScan scans an instant column into a time.Time (zero for NULL).
type timeScan struct{ t *time.Time }

func (s timeScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.t = time.Time{}
	case time.Time:
		*s.t = v.UTC()
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T into an instant", v)
	}
	return nil
}

// ScanTimestamptz is ScanDate's counterpart for instants.
func (s timeScan) ScanTimestamptz(v pgtype.Timestamptz) error {
	switch {
	case !v.Valid:
		*s.t = time.Time{}
	case v.InfinityModifier != pgtype.Finite:
		return errors.New("store: cannot scan an infinite instant")
	default:
		*s.t = v.Time.UTC()
	}
	return nil
}

func (s timeScan) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("store: parse instant %q: %w", v, err)
	}
	*s.t = t.UTC()
	return nil
}

// dateScan scans a date column into a regie.Date (zero for NULL).
type dateScan struct{ d *regie.Date }

func (s dateScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.d = regie.Date{}
	case time.Time:
		*s.d = regie.NewDate(v.Year(), v.Month(), v.Day())
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T into a date", v)
	}
	return nil
}

// ScanDate lets pgx scan a PostgreSQL date straight into the date, where
// it reads the rows itself (a batch): database/sql's way boxes a
// time.Time per value first, and the team agenda scans thousands.
func (s dateScan) ScanDate(v pgtype.Date) error {
	switch {
	case !v.Valid:
		*s.d = regie.Date{}
	case v.InfinityModifier != pgtype.Finite:
		return errors.New("store: cannot scan an infinite date")
	default:
		*s.d = regie.NewDate(v.Time.Year(), v.Time.Month(), v.Time.Day())
	}
	return nil
}

func (s dateScan) parse(v string) error {
	if len(v) > 10 {
		v = v[:10]
	}
	// The stored form, 2006-01-02, without time.Parse: a list of a
	// team's families scans a dozen dates per family.
	if y, m, day, ok := isoDigits(v); ok {
		if d := regie.NewDate(y, time.Month(m), day); d.Time().Month() == time.Month(m) && d.Time().Day() == day {
			*s.d = d
			return nil
		}
	}
	d, err := regie.ParseDate(v)
	if err != nil {
		return fmt.Errorf("store: parse date %q: %w", v, err)
	}
	*s.d = d
	return nil
}

// isoDigits splits an ISO date, 2006-01-02, into its numbers; ok is
// false for anything else.
func isoDigits(v string) (y, m, d int, ok bool) {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d = num(v[:4]), num(v[5:7]), num(v[8:])
	return y, m, d, y > 0 && m > 0 && d > 0
}

// idScan scans a nullable reference into an int64 (0 for NULL).
type idScan struct{ id *int64 }

// ScanInt64 is ScanDate's counterpart for ids.
func (s idScan) ScanInt64(v pgtype.Int8) error {
	*s.id = 0
	if v.Valid {
		*s.id = v.Int64
	}
	return nil
}

func (s idScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.id = 0
	case int64:
		*s.id = v
	case int32:
		*s.id = int64(v)
	default:
		return fmt.Errorf("store: cannot scan %T into an id", v)
	}
	return nil
}

// likePattern returns a LIKE pattern that matches s anywhere, with LIKE's
// wildcards in s escaped (the queries say ESCAPE '\').
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// newID is the value of the id column of a new row of table (families,
// members, referrals: the ids the access log names). PostgreSQL's
// identity never reuses an id. SQLite gives the largest id plus one, which
// after the newest row was destroyed (retention.go) would be a destroyed
// one's again: the id starts above the floor of the destroyed ids. With
// neither a row nor a floor the expression is NULL, and SQLite picks.
func (d dialect) newID(table string) string {
	if d.name == "postgres" {
		return "DEFAULT"
	}
	return "(SELECT max(v) + 1 FROM (SELECT max(id) AS v FROM " + table + " UNION ALL SELECT id FROM id_floors WHERE tbl = '" + table + "'))"
}
