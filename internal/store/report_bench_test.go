package store_test

import (
	"testing"

	"regie"
	"regie/internal/storetest"
)

// BenchmarkReport is the reports page on the large city: a year of the
// whole city as a manager (suppressed figures), and a year of one team as
// its team leader (exact figures, with the families behind them).
func BenchmarkReport(b *testing.B) {
	forEachDialect(b, func(b *testing.B, env *benchEnv) {
		today := regie.DateOf(env.st.Clock.Now())
		filter := regie.DefaultReportFilter(today)
		manager := *env.privacy
		manager.Role, manager.TeamID = regie.RoleManager, 0
		b.Run("city-manager", func(b *testing.B) {
			storetest.Timed(b, func(int) error {
				_, err := env.st.FindReport(storetest.As(&manager), filter, false)
				return err
			})
		})
		b.Run("team-leader", func(b *testing.B) {
			storetest.Timed(b, func(i int) error {
				tl := env.leaders[i%len(env.leaders)]
				_, err := env.st.FindReport(storetest.As(tl), filter, false)
				return err
			})
		})
	})
}
