package store

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"regie"
)

// A database that is down, unreachable, full or read-only is EUNAVAILABLE
// (503, the form kept), never an internal error; a broken rule stays what
// it is.
func TestMapError_UnreachableIsUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"ConnectionRefused", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, regie.EUNAVAILABLE},
		{"BadConn", fmt.Errorf("store: begin: %w", driver.ErrBadConn), regie.EUNAVAILABLE},
		{"ConnectionLost", fmt.Errorf("store: commit: %w", io.ErrUnexpectedEOF), regie.EUNAVAILABLE},
		{"DiskFull", &pgconn.PgError{Code: "53100"}, regie.EUNAVAILABLE},
		{"TooManyConnections", &pgconn.PgError{Code: "53300"}, regie.EUNAVAILABLE},
		{"AdminShutdown", &pgconn.PgError{Code: "57P01"}, regie.EUNAVAILABLE},
		{"ConnectionException", &pgconn.PgError{Code: "08006"}, regie.EUNAVAILABLE},
		{"ReadOnlyStandby", &pgconn.PgError{Code: "25006"}, regie.EUNAVAILABLE},
		{"Unique", &pgconn.PgError{Code: "23505"}, regie.ECONFLICT},
		{"SyntaxError", &pgconn.PgError{Code: "42601"}, regie.EINTERNAL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := regie.ErrorCode(postgresDialect.mapError(tc.err)); got != tc.want {
				t.Fatalf("mapError(%v) = %s, want %s", tc.err, got, tc.want)
			}
		})
	}
}
