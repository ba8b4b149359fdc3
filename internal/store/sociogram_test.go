package store_test

import (
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

func TestSociogram_MomentsTiesCopyAndAccess(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned

		// Bad input: a message per field, nothing stored.
		_, err := s.AddSocioMoment(cm, fam.ID, regie.SocioMomentInput{On: "2099-01-01", Label: " "})
		if fields := regie.ErrorFields(err); fields["moment_on"] == "" || fields["moment_label"] == "" {
			t.Fatalf("bad moment: %v", err)
		}
		start, err := s.AddSocioMoment(cm, fam.ID, regie.SocioMomentInput{On: "2026-01-10", Label: "Start"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.SaveSocioTie(cm, fam.ID, start.ID, 0, regie.SocioTieInput{Sector: "kerk", Name: "", Strength: "x", Quality: "y"})
		if fields := regie.ErrorFields(err); fields["sector"] == "" || fields["tie_name"] == "" || fields["strength"] == "" || fields["quality"] == "" {
			t.Fatalf("bad tie: %v", err)
		}
		if n := countRows(t, s, "sociogram_ties"); n != 0 {
			t.Fatalf("refused tie stored: %d", n)
		}
		add := func(m *regie.SocioMoment, sec regie.SocioSector, name string, st regie.TieStrength, q regie.TieQuality) *regie.SocioTie {
			t.Helper()
			tie, err := s.SaveSocioTie(cm, fam.ID, m.ID, 0, regie.SocioTieInput{Sector: sec, Name: name, Strength: st, Quality: q})
			if err != nil {
				t.Fatal(err)
			}
			return tie
		}
		add(start, regie.SectorAgencies, "Schuldhulp", regie.TieModerate, regie.TieStressful)
		oma := add(start, regie.SectorFamily, "Oma Riet", regie.TieWeak, regie.TieAmbivalent)
		buur := add(start, regie.SectorNeighbours, "Buurman", regie.TieWeak, regie.TieStressful)

		// A later moment starts as a copy; then it changes.
		clock.Advance(24 * time.Hour)
		later, err := s.AddSocioMoment(cm, fam.ID, regie.SocioMomentInput{On: "2026-03-01", Label: "Evaluatie", CopyFrom: start.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(later.Ties) != 3 {
			t.Fatalf("copied %d ties, want 3", len(later.Ties))
		}
		var laterOma, laterBuur *regie.SocioTie
		for _, tie := range later.Ties {
			switch tie.Name {
			case "Oma Riet":
				laterOma = tie
			case "Buurman":
				laterBuur = tie
			}
		}
		if _, err := s.SaveSocioTie(cm, fam.ID, later.ID, laterOma.ID, regie.SocioTieInput{Sector: regie.SectorFamily, Name: "Oma Riet",
			Strength: regie.TieStrong, Quality: regie.TieSupportive}); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveSocioTie(cm, fam.ID, later.ID, laterBuur.ID); err != nil {
			t.Fatal(err)
		}
		add(later, regie.SectorClubs, "Voetbalclub", regie.TieModerate, regie.TieSupportive)
		// A tie is changed or removed only through its own moment.
		if err := s.RemoveSocioTie(cm, fam.ID, later.ID, buur.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("remove another moment's tie: %v", err)
		}
		if _, err := s.SaveSocioTie(cm, f.FamOther.ID, start.ID, 0, regie.SocioTieInput{Sector: regie.SectorFamily, Name: "X",
			Strength: regie.TieWeak, Quality: regie.TieSupportive}); code(err) != regie.ENOTFOUND {
			t.Fatalf("tie through another family: %v", err)
		}

		got, err := s.FindSociograms(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Moments) != 2 || !got.CanEdit || got.Moments[0].ID != start.ID {
			t.Fatalf("sociograms = %+v", got)
		}
		first, last := got.Moments[0], got.Moments[1]
		if len(first.Ties) != 3 || first.Ties[0].ID != oma.ID || len(last.Ties) != 3 {
			t.Fatalf("the start keeps its ties: %+v / %+v", first.Ties, last.Ties)
		}
		c := regie.CompareSociograms(first, last)
		if len(c.Added) != 1 || c.Added[0].Name != "Voetbalclub" || len(c.Lost) != 1 || c.Lost[0].Name != "Buurman" ||
			len(c.Changed) != 1 || !c.IsolationBroken {
			t.Fatalf("comparison = %+v", c)
		}

		// The youth worker reads; outsiders and a partner do not.
		if err := s.AssignYouthWorker(storetest.As(f.TeamLeader), fam.ID, fam.Members[1].ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		yw := storetest.As(f.YouthWorker)
		if got, err := s.FindSociograms(yw, fam.ID); err != nil || got.CanEdit {
			t.Fatalf("youth worker: %+v, %v", got, err)
		}
		if _, err := s.AddSocioMoment(yw, fam.ID, regie.SocioMomentInput{On: "2026-03-01", Label: "X"}); code(err) != regie.ENOTFOUND {
			t.Fatalf("youth worker writes: %v", err)
		}
		for _, u := range []*regie.User{f.CasemanagerB, f.Partner1, f.Referrer} {
			if _, err := s.FindSociograms(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s reads the sociogram: %v", u.Role, u.Name, err)
			}
			if _, err := s.FindFlowers(storetest.As(u), fam.ID); code(err) != regie.ENOTFOUND {
				t.Errorf("%s %s reads the flower: %v", u.Role, u.Name, err)
			}
		}
		n := tallyAudit(t, s, f, fam.ID, regie.SegSociogram)
		if n.reads != 2 || n.writes != 8 || n.exports != 0 || n.denied < 4 {
			t.Errorf("audit: %d reads, %d writes, %d exports, %d denied", n.reads, n.writes, n.exports, n.denied)
		}
	})
}

func TestFlowers_AgenciesAndNetworkOverTime(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		today := regie.DateOf(clock.Now())
		if _, err := s.SaveTrajectory(cm, fam.ID, 0, regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID,
			Intervention: "Schuldhulp", Status: regie.TrajectoryRunning, StartedOn: today.ISO()}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddNetworkPerson(cm, fam.ID, regie.NetworkPersonInput{Name: "Oma Riet", Relation: regie.NetworkGrandparent}); err != nil {
			t.Fatal(err)
		}
		fl, err := s.FindFlowers(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		now := fl.List[len(fl.List)-1]
		if now.Label != "Vandaag" || now.Agencies() != 1 || now.Informal() != 1 || now.Coordinator != f.Casemanager.Name {
			t.Fatalf("today's flower = %+v", now)
		}
		// Audited as reads of the trajectories and the informal network.
		if n := len(auditOf(t, s, f, fam.ID, regie.SegTrajectories)); n < 2 {
			t.Errorf("trajectories audited %d times", n)
		}
	})
}
