package store_test

import (
	"context"
	"strings"
	"testing"

	"regie/internal/keys"
	"regie/internal/store"
	"regie/internal/storetest"
)

// regie's PostgreSQL connections keep one generic plan per statement; the
// reads that ask for custom plans get them for their transaction only;
// an operator's plan_cache_mode in the URL decides instead.
func TestPlanCacheMode(t *testing.T) {
	ctx := context.Background()
	base := storetest.PostgresURL(t)
	open := func(t *testing.T, url string) *store.Store {
		t.Helper()
		// One connection: what one transaction sets, the next would see.
		s, err := store.Open(ctx, url, store.Options{Keys: keys.ForTest(), MaxConns: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	for _, tc := range []struct {
		name, url              string
		outside, custom, after string
	}{
		{"default", base, "force_generic_plan", "auto", "force_generic_plan"},
		{"url", withParam(base, "plan_cache_mode=force_custom_plan"), "force_custom_plan", "force_custom_plan", "force_custom_plan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, tc.url)
			for _, step := range []struct {
				custom bool
				want   string
			}{{false, tc.outside}, {true, tc.custom}, {false, tc.after}} {
				got, err := s.PlanCacheMode(ctx, step.custom)
				if err != nil {
					t.Fatal(err)
				}
				if got != step.want {
					t.Errorf("custom=%v: plan_cache_mode = %q, want %q", step.custom, got, step.want)
				}
			}
		})
	}
}

func withParam(url, param string) string {
	if strings.Contains(url, "?") {
		return url + "&" + param
	}
	return url + "?" + param
}
