package store_test

import (
	"testing"

	"regie/internal/storetest"
)

// BenchmarkCheckupsDue is the check-ups after closing that "Mijn gezinnen"
// lists for a casemanager: the closed files they coordinated last whose
// check-ups are not all done, with their signals, and the audit rows;
// round the casemanagers.
func BenchmarkCheckupsDue(b *testing.B) {
	forEachDialect(b, func(b *testing.B, env *benchEnv) {
		storetest.Timed(b, func(i int) error {
			_, err := env.st.FindCheckupsDue(storetest.As(env.cms[i%len(env.cms)]))
			return err
		})
	})
}
