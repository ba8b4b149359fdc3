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
