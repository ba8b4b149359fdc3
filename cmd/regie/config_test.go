package main

import (
	"flag"
	"strings"
	"testing"
)

func TestConfig_TrustedProxies(t *testing.T) {
	for _, tc := range []struct {
		env     map[string]string
		trusted []string
		not     []string
		err     string
	}{
		{env: map[string]string{}, not: []string{"127.0.0.1", "10.0.0.5"}},
		{env: map[string]string{"REGIE_TRUSTED_PROXIES": "10.0.0.5, 192.168.0.0/16"}, trusted: []string{"10.0.0.5", "192.168.4.4"}, not: []string{"127.0.0.1", "10.0.0.6"}},
		// "true" from before the list: a proxy on this machine only.
		{env: map[string]string{"REGIE_TRUST_PROXY": "true"}, trusted: []string{"127.0.0.1", "::1"}, not: []string{"10.0.0.5", "203.0.113.1"}},
		{env: map[string]string{"REGIE_TRUSTED_PROXIES": "proxy.example"}, err: "REGIE_TRUSTED_PROXIES: \"proxy.example\" is geen IP-adres of CIDR-blok"},
	} {
		env := map[string]string{"REGIE_DATABASE": "x.db"}
		for k, v := range tc.env {
			env[k] = v
		}
		c := defaultConfig(false)
		err := c.load(flag.NewFlagSet("serve", flag.ContinueOnError), nil, func(k string) string { return env[k] })
		if tc.err != "" {
			if err == nil || !strings.Contains(oneLine(err), tc.err) {
				t.Errorf("%v: %v, want %q", tc.env, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tc.env, err)
		}
		for _, a := range tc.trusted {
			if !c.proxies.Contains(a) {
				t.Errorf("%v: %s not trusted", tc.env, a)
			}
		}
		for _, a := range tc.not {
			if c.proxies.Contains(a) {
				t.Errorf("%v: %s trusted", tc.env, a)
			}
		}
	}
}

// REGIE_METRICS_ADDR is off when empty, a host:port otherwise, and never
// the public address.
func TestConfig_MetricsAddr(t *testing.T) {
	for _, tc := range []struct {
		addr, err string
	}{
		{addr: ""},
		{addr: "127.0.0.1:9090"},
		{addr: ":9090"},
		{addr: "9090", err: "REGIE_METRICS_ADDR \"9090\": geef host:poort"},
		{addr: "127.0.0.1:8080", err: "hetzelfde adres als REGIE_ADDR"},
	} {
		env := map[string]string{"REGIE_DATABASE": "x.db", "REGIE_METRICS_ADDR": tc.addr}
		c := defaultConfig(false)
		err := c.load(flag.NewFlagSet("serve", flag.ContinueOnError), nil, func(k string) string { return env[k] })
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.addr, err)
		case tc.err != "" && (err == nil || !strings.Contains(oneLine(err), tc.err)):
			t.Errorf("%q: %v, want %q", tc.addr, err, tc.err)
		case err == nil && c.MetricsAddr != tc.addr:
			t.Errorf("%q: MetricsAddr = %q", tc.addr, c.MetricsAddr)
		}
	}
}
