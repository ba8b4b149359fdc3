package request

import (
	"net/http"
	"net/http/httptest"
	"regie"
	"testing"
)

func TestClientIP(t *testing.T) {
	proxies, err := ParseProxies("10.0.0.5, 192.168.1.0/24,::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		remote  string
		xff     []string
		trusted Proxies
		want    string
	}{
		{"no proxy configured: the header is ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, nil, "203.0.113.7"},
		{"from an untrusted address: the header is ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, proxies, "203.0.113.7"},
		{"from a trusted proxy", "10.0.0.5:5000", []string{"198.51.100.1"}, proxies, "198.51.100.1"},
		{"a client's forged entry left of the proxy's", "10.0.0.5:5000", []string{"1.2.3.4, 198.51.100.1"}, proxies, "198.51.100.1"},
		{"two trusted proxies in a row", "10.0.0.5:5000", []string{"198.51.100.1, 192.168.1.20"}, proxies, "198.51.100.1"},
		{"several header lines", "10.0.0.5:5000", []string{"1.2.3.4", "198.51.100.1"}, proxies, "198.51.100.1"},
		{"garbage: the last trusted hop", "10.0.0.5:5000", []string{"198.51.100.1, niet-een-adres"}, proxies, "10.0.0.5"},
		{"no header from a trusted proxy", "10.0.0.5:5000", nil, proxies, "10.0.0.5"},
		{"IPv6 loopback proxy", "[::1]:5000", []string{"2001:db8::7"}, proxies, "2001:db8::7"},
		{"loopback only, from a remote host", "198.51.100.9:5000", []string{"1.2.3.4"}, Loopback, "198.51.100.9"},
		{"loopback only, from this host", "127.0.0.1:5000", []string{"198.51.100.9"}, Loopback, "198.51.100.9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := ClientIP(r, tc.trusted); got != tc.want {
				t.Errorf("ClientIP = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseProxies(t *testing.T) {
	if _, err := ParseProxies("10.0.0.0/8, proxy.example"); err == nil {
		t.Error("a host name was accepted")
	}
	ps, err := ParseProxies("")
	if err != nil || len(ps) != 0 {
		t.Errorf("empty = %v, %v", ps, err)
	}
	ps, err = ParseProxies("10.1.2.3/8")
	if err != nil || !ps.Contains("10.200.0.1") || ps.Contains("11.0.0.1") {
		t.Errorf("a CIDR block with host bits = %v, %v", ps, err)
	}
}

func TestIDs(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.SetPathValue("id", "12")
	r.SetPathValue("pid", "7")
	if id, pid, err := IDs(r, "id", "pid"); err != nil || id != 12 || pid != 7 {
		t.Errorf("IDs = %d, %d, %v; want 12, 7", id, pid, err)
	}
	for _, bad := range [][2]string{{"x", "7"}, {"12", "0"}, {"12", ""}} {
		r.SetPathValue("id", bad[0])
		r.SetPathValue("pid", bad[1])
		if _, _, err := IDs(r, "id", "pid"); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("IDs(%q, %q) = %v, want not found", bad[0], bad[1], err)
		}
	}
}
