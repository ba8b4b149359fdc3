// Package request holds typed accessors for what a request carries: path
// ids, the client's address.
package request

import (
	"net"
	"net/http"
	"strconv"
	"strings"

	"regie"
)

// ID returns the path value name as a positive id, or ENOTFOUND: a
// malformed id names nothing, like a missing one.
func ID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, regie.NotFound()
	}
	return id, nil
}

// QueryInt returns a query parameter as an int, or def when absent or bad.
func QueryInt(r *http.Request, name string, def int) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || n < 0 {
		return def
	}
	return n
}

// ClientIP returns the client's address. Behind a reverse proxy that sets
// X-Forwarded-For (trustProxy), the last address it added is the client;
// otherwise the connection's address is.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
