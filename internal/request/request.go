// Package request holds typed accessors for what a request carries: path
// ids, the client's address.
package request

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
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

// IDs returns the path values outer and inner as ids, as ID does: a
// family's id and the id of something of the family.
func IDs(r *http.Request, outer, inner string) (int64, int64, error) {
	o, err := ID(r, outer)
	if err != nil {
		return 0, 0, err
	}
	i, err := ID(r, inner)
	return o, i, err
}

// QueryInt returns a query parameter as an int, or def when absent or bad.
func QueryInt(r *http.Request, name string, def int) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || n < 0 {
		return def
	}
	return n
}

// Proxies are the addresses of the reverse proxies whose X-Forwarded-For
// regie believes.
type Proxies []netip.Prefix

// Loopback is this machine: a proxy on the same host.
var Loopback = Proxies{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// ParseProxies reads a comma-separated list of addresses and CIDR blocks
// ("10.0.0.5, 10.1.0.0/16, fd00::/8").
func ParseProxies(s string) (Proxies, error) {
	var ps Proxies
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			ps = append(ps, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q is geen IP-adres of CIDR-blok", f)
		}
		ps = append(ps, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return ps, nil
}

// Contains reports whether addr is one of the proxies.
func (ps Proxies) Contains(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ClientIP returns the client's address: the connection's, unless that is
// a trusted proxy. Then X-Forwarded-For is read from the right (each proxy
// appends the address it got the request from) past every trusted proxy;
// the first address that is not one is the client. Entries further left
// were written by the client itself and are never believed.
func ClientIP(r *http.Request, trusted Proxies) string {
	remote, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		remote = r.RemoteAddr
	}
	if len(trusted) == 0 || !trusted.Contains(remote) {
		return remote
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	client := remote
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		a, err := netip.ParseAddr(hop)
		if err != nil {
			break // garbage: keep the last address a trusted proxy vouched for
		}
		client = a.Unmap().String()
		if !trusted.Contains(client) {
			break
		}
	}
	return client
}
