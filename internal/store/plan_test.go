package store_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// planInput is a draft with scores on two domains, two goals and three
// agreements (a member, the casemanager, a partner organisation).
func planInput(f *storetest.Fixture) regie.PlanInput {
	fam := f.FamAssigned
	return regie.PlanInput{
		History:   "Na de scheiding in 2023 liepen de schulden op.",
		Strengths: "Moeder is betrokken; oma helpt met de kinderen.",
		Obstacles: "Wantrouwen tegenover instanties.",
		Problems:  "Schulden, dreigende huisuitzetting, Kevin verzuimt.",
		Situation: "De huur is drie maanden achterstallig.",
		Domains: map[regie.Domain]*regie.DomainAssessment{
			"financien": {Situation: "Drie maanden huurachterstand.", Score: 1, MemberScores: map[int64]regie.Score{}},
			"kinderen":  {Situation: "Kevin verzuimt.", Score: 2, MemberScores: map[int64]regie.Score{fam.Members[1].ID: 2}},
		},
		Goals: []regie.GoalInput{
			{Term: "kort", Domain: "financien", Text: "We willen weten hoeveel schuld we hebben."},
			{Term: "lang", Domain: "kinderen", MemberID: fam.Members[1].ID, Text: "Ik wil elke dag naar school."},
		},
		Agreements: []regie.AgreementInput{
			{Owner: "m:" + itoa(fam.Members[0].ID), What: "Alle post in de map bewaren.", Due: "2026-03-10"},
			{Owner: "c:" + itoa(f.Casemanager.ID), What: "Aanmelden bij schuldhulp.", Due: "2026-03-05"},
			{Owner: "o:" + itoa(f.Partner.ID), What: "Gesprek met Kevin over verzuim.", Due: "2026-03-20"},
		},
		ClosingQuestion: "Een vaste contactpersoon bij de schuldhulp.",
		Revision:        1, // a draft not saved before
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPlan_DraftDiscussAgreeAndFreeze(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, tl := storetest.As(f.Casemanager), storetest.As(f.TeamLeader)
		fam := f.FamAssigned

		if _, err := s.StartPlanVersion(cm, fam.ID, "onzin"); regie.ErrorFields(err)["origin"] == "" {
			t.Fatalf("unknown origin: %v", err)
		}
		v, err := s.StartPlanVersion(cm, fam.ID, "eerste")
		if err != nil || v.Number != 1 || v.Status != regie.PlanDraft {
			t.Fatalf("start = %+v, %v", v, err)
		}
		if _, err := s.StartPlanVersion(cm, fam.ID, "wijziging"); code(err) != regie.ECONFLICT {
			t.Fatalf("a second draft: %v", err)
		}

		t.Run("BadInputLosesNothing", func(t *testing.T) {
			in := planInput(f)
			in.Goals[1].Text = "   "
			in.Agreements[0].Owner = ""
			in.Agreements[2].Due = ""
			err := s.SavePlanDraft(cm, fam.ID, 1, in)
			fields := regie.ErrorFields(err)
			for _, k := range []string{"goal-1-text", "agreement-0-owner", "agreement-2-due"} {
				if fields[k] == "" {
					t.Errorf("no message on %s: %v", k, fields)
				}
			}
			if fields["goal-1-text"] != regie.Text(regie.MsgGoalNeedsWords) {
				t.Errorf("goal without words: %q", fields["goal-1-text"])
			}
			in = planInput(f)
			in.Agreements[0].Owner = "m:" + itoa(f.FamOther.Members[0].ID)
			if regie.ErrorFields(s.SavePlanDraft(cm, fam.ID, 1, in))["agreement-0-owner"] == "" {
				t.Error("an owner of another family was accepted")
			}
			if n := countRows(t, s, "plan_goals"); n != 0 {
				t.Errorf("refused input wrote %d goals", n)
			}
		})

		if err := s.SavePlanDraft(cm, fam.ID, 1, planInput(f)); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePlanDraft(storetest.As(f.CasemanagerB), fam.ID, 1, planInput(f)); code(err) != regie.ENOTFOUND {
			t.Fatalf("another team's casemanager: %v", err)
		}
		if err := s.MarkPlanDiscussed(cm, fam.ID, 1); code(err) != regie.EFORBIDDEN {
			t.Fatalf("a casemanager records the team's decision: %v", err)
		}
		if err := s.MarkPlanDiscussed(tl, fam.ID, 1); err != nil {
			t.Fatal(err)
		}
		o, err := s.FindPlan(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Current.Status != regie.PlanDiscussed || o.Current.DiscussedBy != f.TeamLeader.Name || o.Current.MeetingDate.IsZero() {
			t.Fatalf("discussed = %+v", o.Current)
		}
		if len(o.Current.Goals) != 2 || len(o.Current.Agreements) != 3 || o.Current.Domain("financien").Score != 1 ||
			o.Current.Domain("kinderen").MemberScores[fam.Members[1].ID] != 2 {
			t.Fatalf("content = %+v", o.Current)
		}
		if got := o.Current.Agreements[2].Owner; got != f.Partner.Name {
			t.Errorf("owner of the third agreement = %q", got)
		}
		st, _ := s.FindPhaseStatus(cm, fam.ID)
		if st.Current.Phase == regie.PhaseIntroduction {
			if err := s.MovePhase(cm, fam.ID, regie.PhaseMove{To: regie.PhaseContact, Reason: "test"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.TickItem(cm, fam.ID, regie.ItemPlan, true, ""); regie.ErrorFields(err)["item"] == "" {
			t.Fatalf("ticking the plan item by hand: %v", err)
		}

		if err := s.AgreePlan(cm, fam.ID, 1, regie.PlanAgreement{On: "2026-03-03"}); regie.ErrorFields(err)["agreed_on"] == "" ||
			regie.ErrorFields(err)["agreed_with"] == "" {
			t.Fatalf("a future day and nobody: %v", err)
		}
		if err := s.AgreePlan(cm, fam.ID, 1, regie.PlanAgreement{On: "2026-03-02", With: "Sandra Jansen"}); err != nil {
			t.Fatal(err)
		}
		st, err = s.FindPhaseStatus(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range st.Ticks {
			if tk.Key == regie.ItemPlan && (!tk.Done || !tk.Auto || tk.DoneBy != f.Casemanager.Name) {
				t.Errorf("plan item after agreement = %+v", tk)
			}
			if tk.Key == regie.ItemConsent && tk.Done {
				t.Errorf("consent item done without a consent: %+v", tk)
			}
		}

		t.Run("FrozenVersionIsImmutable", func(t *testing.T) {
			if err := s.SavePlanDraft(cm, fam.ID, 1, planInput(f)); code(err) != regie.ECONFLICT {
				t.Fatalf("changing an agreed version: %v", err)
			}
			if err := s.MarkPlanDiscussed(tl, fam.ID, 1); code(err) != regie.ECONFLICT {
				t.Fatalf("discussing an agreed version: %v", err)
			}
			// Below the store: the database itself refuses.
			db := s.DB()
			for _, q := range []string{
				`UPDATE plan_versions SET situation = 'anders' WHERE number = 1`,
				`DELETE FROM plan_versions WHERE number = 1`,
				`UPDATE plan_goals SET text = 'anders'`,
				`DELETE FROM plan_agreements`,
				`DELETE FROM plan_domains`,
			} {
				if _, err := db.Exec(q); err == nil {
					t.Errorf("the database allowed: %s", q)
				}
			}
			v, err := s.FindPlanVersion(cm, fam.ID, 1)
			if err != nil || v.Goals[0].Text != "We willen weten hoeveel schuld we hebben." || len(v.Agreements) != 3 {
				t.Fatalf("after the attempts: %+v, %v", v, err)
			}
		})

		t.Run("NewVersionFromTheLast", func(t *testing.T) {
			v2, err := s.StartPlanVersion(cm, fam.ID, "tussenevaluatie")
			if err != nil {
				t.Fatal(err)
			}
			v1, _ := s.FindPlanVersion(cm, fam.ID, 1)
			if v2.Number != 2 || len(v2.Goals) != 2 || v2.Goals[0].Key != v1.Goals[0].Key || v2.History != v1.History {
				t.Fatalf("version 2 = %+v", v2)
			}
			in := planInput(f)
			for i := range in.Goals { // the form sends the keys back
				in.Goals[i].Key = v2.Goals[i].Key
			}
			for i := range in.Agreements {
				in.Agreements[i].Key = v2.Agreements[i].Key
			}
			in.Goals[0].Text = "We willen een betalingsregeling voor de huur."
			if err := s.SavePlanDraft(cm, fam.ID, 2, in); err != nil {
				t.Fatal(err)
			}
			var changed []string
			for _, row := range regie.ComparePlans(v1, mustVersion(t, s, cm, fam.ID, 2)) {
				if row.Changed {
					changed = append(changed, row.Label)
				}
			}
			if len(changed) != 1 || !strings.HasPrefix(changed[0], "Doel") {
				t.Fatalf("changed rows = %q", changed)
			}
		})

		t.Run("OverdueAgreementsAreSignals", func(t *testing.T) {
			clock.Set(storetest.Start.AddDate(0, 0, 7)) // 9 March: the casemanager's agreement of the 5th is overdue
			list, _, err := s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
			if err != nil {
				t.Fatal(err)
			}
			fs := list[0]
			if fs.Facts.OverdueAgreements != 1 || fs.Facts.PlanAgreedOn.ISO() != "2026-03-02" {
				t.Fatalf("facts = %+v", fs.Facts)
			}
			if !hasSignal(fs.Signals, regie.SignalAgreementOverdue) {
				t.Fatalf("signals = %+v", fs.Signals)
			}
			o, _ := s.FindPlan(cm, fam.ID)
			if err := s.SetAgreementStatus(cm, fam.ID, o.Agreed.Agreements[1].Key, regie.AgreementDone); err != nil {
				t.Fatal(err)
			}
			if err := s.SetAgreementStatus(cm, fam.ID, o.Agreed.Agreements[1].Key, "weg"); regie.ErrorFields(err)["status"] == "" {
				t.Fatalf("an unknown status: %v", err)
			}
			list, _, _ = s.FindFamilies(cm, regie.FamilyFilter{Scope: regie.ScopeMine})
			if list[0].Facts.OverdueAgreements != 0 || hasSignal(list[0].Signals, regie.SignalAgreementOverdue) {
				t.Fatalf("after done: %+v", list[0].Facts)
			}
			o, _ = s.FindPlan(cm, fam.ID)
			if got := o.Agreed.Agreements[1]; got.Status != regie.AgreementDone || got.StatusBy != f.Casemanager.Name {
				t.Fatalf("progress = %+v", got)
			}
		})

		t.Run("ScoresOverTime", func(t *testing.T) {
			if err := s.AddScoreMoment(cm, fam.ID, "tussenevaluatie", "2026-03-08", map[regie.Domain]regie.Score{"financien": 3}); err != nil {
				t.Fatal(err)
			}
			if err := s.AddScoreMoment(cm, fam.ID, "tussenevaluatie", "2026-03-08", nil); regie.ErrorFields(err)["scores"] == "" {
				t.Fatalf("a moment without scores: %v", err)
			}
			o, _ := s.FindPlan(cm, fam.ID)
			if len(o.Moments) != 2 || o.Moments[0].Kind != "plan" || o.Moments[0].Scores["financien"] != 1 || o.Moments[1].Scores["financien"] != 3 {
				t.Fatalf("moments = %+v", o.Moments)
			}
		})

		t.Run("ExportIsAudited", func(t *testing.T) {
			v, fam2, err := s.ExportPlan(cm, fam.ID, 1)
			if err != nil || v.Number != 1 || fam2.ID != fam.ID {
				t.Fatal(err)
			}
			if action, _, _, seg, _, _ := lastAudit(t, s); action != string(regie.ActionExport) || seg != string(regie.SegPlan) {
				t.Fatalf("audit = %s %s", action, seg)
			}
		})
	})
}

func mustVersion(t *testing.T, s *store.Store, ctx context.Context, familyID int64, n int) *regie.PlanVersion {
	t.Helper()
	v, err := s.FindPlanVersion(ctx, familyID, n)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func hasSignal(ss []regie.Signal, k regie.SignalKind) bool {
	for _, s := range ss {
		if s.Kind == k {
			return true
		}
	}
	return false
}

func consentInput(f *storetest.Fixture, kinds ...regie.InfoKind) regie.ConsentInput {
	return regie.ConsentInput{
		SignedOn:   "2026-03-02",
		ValidUntil: "2026-06-30",
		Signers:    []int64{f.FamAssigned.Members[0].ID, f.FamAssigned.Members[1].ID},
		Parties:    []regie.ConsentParty{{OrgID: f.Partner.ID, Purpose: "Afstemming over Kevins schoolgang", Kinds: kinds}},
	}
}

func TestConsent_BadInputAndUploads(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 100)...)
		for name, tc := range map[string]struct {
			mutate func(*regie.ConsentInput)
			field  string
		}{
			"no signer":        {func(in *regie.ConsentInput) { in.Signers = nil }, "signers"},
			"no organisation":  {func(in *regie.ConsentInput) { in.Parties = nil }, "parties"},
			"youth alone":      {func(in *regie.ConsentInput) { in.Signers = in.Signers[1:] }, "signers"},
			"no kinds":         {func(in *regie.ConsentInput) { in.Parties[0].Kinds = nil }, "party-0-kinds"},
			"unknown kind":     {func(in *regie.ConsentInput) { in.Parties[0].Kinds = []regie.InfoKind{"alles"} }, "party-0-kinds"},
			"no purpose":       {func(in *regie.ConsentInput) { in.Parties[0].Purpose = " " }, "party-0-purpose"},
			"until before":     {func(in *regie.ConsentInput) { in.ValidUntil = "2026-01-01" }, "valid_until"},
			"signed in future": {func(in *regie.ConsentInput) { in.SignedOn = "2026-03-09" }, "signed_on"},
			"forged pdf": {func(in *regie.ConsentInput) {
				in.Document = &regie.Upload{Name: "verklaring.pdf", Content: append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0}, 200)...)}
			}, "document"},
			"elf renamed": {func(in *regie.ConsentInput) {
				in.Document = &regie.Upload{Name: "scan.jpg", Content: []byte("\x7fELF\x02\x01\x01")}
			}, "document"},
			"oversize": {func(in *regie.ConsentInput) {
				in.Document = &regie.Upload{Name: "groot.pdf", Content: append(pdf, make([]byte, regie.MaxUploadMB<<20)...)}
			}, "document"},
			"empty file": {func(in *regie.ConsentInput) { in.Document = &regie.Upload{Name: "leeg.pdf"} }, "document"},
		} {
			in := consentInput(f, regie.InfoPlan)
			tc.mutate(&in)
			_, err := s.CreateConsent(cm, fam.ID, in)
			if regie.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: err = %v, want a message on %s", name, err, tc.field)
			}
		}
		if n := countRows(t, s, "consents") + countRows(t, s, "documents"); n != 0 {
			t.Fatalf("refused consents wrote %d rows", n)
		}
		in := consentInput(f, regie.InfoPlan)
		in.Document = &regie.Upload{Name: "../../etc/Verklaring Jansen.exe", Content: pdf}
		c, err := s.CreateConsent(cm, fam.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if c.DocumentName != "Verklaring-Jansen.pdf" || len(c.Signers) != 2 || c.Parties[0].OrgName != f.Partner.Name {
			t.Fatalf("consent = %+v", c)
		}
		d, err := s.FindDocument(cm, fam.ID, c.DocumentID)
		if err != nil || d.MIME != "application/pdf" || !bytes.Equal(d.Content, pdf) {
			t.Fatalf("document = %+v, %v", d, err)
		}
		if _, err := s.FindDocument(cm, f.FamOther.ID, c.DocumentID); code(err) != regie.ENOTFOUND {
			t.Fatalf("the document through another family: %v", err)
		}
		if _, err := s.FindDocument(storetest.As(f.Partner1), fam.ID, c.DocumentID); code(err) != regie.ENOTFOUND {
			t.Fatalf("a partner downloads the signed paper: %v", err)
		}
		st, _ := s.FindPhaseStatus(cm, fam.ID)
		for _, tk := range st.Ticks {
			if tk.Key == regie.ItemConsent && !tk.Done {
				t.Errorf("consent item not done: %+v", tk)
			}
		}
	})
}

// TestConsent_PartnerAccessFollowsConsent: a partner organisation's user
// reaches a family only while a valid consent names the organisation, sees
// only the kinds it covers, and loses access when it is withdrawn or ends.
func TestConsent_PartnerAccessFollowsConsent(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, partner := storetest.As(f.Casemanager), storetest.As(f.Partner1)
		fam := f.FamAssigned
		if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePlanDraft(cm, fam.ID, 1, planInput(f)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindPlan(partner, fam.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("before consent: %v", err)
		}
		if action, outcome, _, _, uid, _ := lastAudit(t, s); outcome != string(regie.OutcomeDenied) || uid != f.Partner1.ID || action != "read" {
			t.Fatalf("the denied attempt is not audited: %s %s %d", action, outcome, uid)
		}
		c, err := s.CreateConsent(cm, fam.ID, consentInput(f, regie.InfoPlan, regie.DomainKind("kinderen")))
		if err != nil {
			t.Fatal(err)
		}
		o, err := s.FindPlan(partner, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, basis, _, _, _ := lastAudit(t, s); basis != "toestemmingsverklaring "+itoa(c.ID) {
			t.Fatalf("audit basis = %q", basis)
		}
		v := o.Current
		if len(v.Domains) != 1 || v.Domains[0].Domain != "kinderen" || o.Moments != nil {
			t.Fatalf("partner sees domains %+v and moments %v", v.Domains, o.Moments)
		}
		for _, g := range v.Goals {
			if g.Domain != "kinderen" {
				t.Errorf("partner sees a goal on %s", g.Domain)
			}
		}
		if _, err := s.FindTrajectories(partner, fam.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("trajectories are not covered: %v", err)
		}
		if _, err := s.FindHours(partner, fam.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("contacts are not covered: %v", err)
		}
		if _, err := s.FindPlan(storetest.As(f.Partner1), f.FamTeam.ID); code(err) != regie.ENOTFOUND {
			t.Fatalf("another family: %v", err)
		}
		if err := s.SavePlanDraft(partner, fam.ID, 1, planInput(f)); code(err) != regie.ENOTFOUND {
			t.Fatalf("a partner writes: %v", err)
		}

		t.Run("FamilyPageShowsOnlyWhatIsCovered", func(t *testing.T) {
			if _, err := s.FindFamilyByID(partner, fam.ID); code(err) != regie.ENOTFOUND {
				t.Fatalf("the household is not covered: %v", err)
			}
			if _, err := s.CreateContact(cm, fam.ID, contactIn("2026-03-02", "08:00", "30", "huisbezoek", "contact")); err != nil {
				t.Fatal(err)
			}
			in := consentInput(f, regie.InfoFamily)
			in.ValidUntil = "2026-03-31"
			if _, err := s.CreateConsent(cm, fam.ID, in); err != nil {
				t.Fatal(err)
			}
			got, err := s.FindFamilyByID(partner, fam.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Members) != 0 || len(got.RecentContacts) != 0 || got.Summary != nil || got.Intake != nil || len(got.SafetyConcerns) != 0 {
				t.Fatalf("partner sees more than the household: %+v", got)
			}
			if got.Plan == nil || got.Trajectories != nil || got.Consents != nil {
				t.Fatalf("partner's family page parts: plan %v, trajectories %v, consents %v", got.Plan != nil, got.Trajectories, got.Consents)
			}
		})

		t.Run("Expiry", func(t *testing.T) {
			clock.Set(time.Date(2026, 7, 1, 9, 0, 0, 0, regie.Amsterdam))
			if _, err := s.FindPlan(partner, fam.ID); code(err) != regie.ENOTFOUND {
				t.Fatalf("after valid_until: %v", err)
			}
			clock.Set(storetest.Start.AddDate(0, 0, 1))
			if _, err := s.FindPlan(partner, fam.ID); err != nil {
				t.Fatalf("back within the period: %v", err)
			}
		})

		t.Run("Withdrawal", func(t *testing.T) {
			if err := s.WithdrawConsent(cm, fam.ID, c.ID, "2026-03-03", ""); regie.ErrorFields(err)["withdraw_reason"] == "" {
				t.Fatalf("a withdrawal without a reason: %v", err)
			}
			if err := s.WithdrawConsent(cm, fam.ID, c.ID, "2026-03-03", "Moeder wil niet meer dat school meeleest."); err != nil {
				t.Fatal(err)
			}
			if _, err := s.FindPlan(partner, fam.ID); code(err) != regie.ENOTFOUND {
				t.Fatalf("after withdrawal: %v", err)
			}
			if err := s.WithdrawConsent(cm, fam.ID, c.ID, "2026-03-03", "nogmaals"); regie.ErrorFields(err)["withdrawn_on"] == "" {
				t.Fatalf("withdrawn twice: %v", err)
			}
		})
	})
}

func TestTrajectories(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm := storetest.As(f.Casemanager)
		fam := f.FamAssigned
		for name, tc := range map[string]struct {
			in    regie.TrajectoryInput
			field string
		}{
			"no intervention": {regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID, Status: "voorgesteld"}, "intervention"},
			"waiting, no day": {regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID, Status: "wachtlijst", Intervention: "Schuldhulp"}, "waiting_since"},
			"broken, no why": {regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID, Status: "afgebroken", Intervention: "Schuldhulp",
				StartedOn: "2026-01-05", EndedOn: "2026-02-01"}, "reason"},
			"end before start": {regie.TrajectoryInput{Domain: "financien", OrgID: f.Partner.ID, Status: "afgerond", Intervention: "Schuldhulp",
				StartedOn: "2026-02-05", EndedOn: "2026-02-01"}, "ended_on"},
			"other member": {regie.TrajectoryInput{Domain: "kinderen", OrgID: f.Partner.ID, Status: "voorgesteld", Intervention: "Leerplicht",
				MemberID: f.FamOther.Members[1].ID}, "member"},
			"no agency": {regie.TrajectoryInput{Domain: "kinderen", Status: "voorgesteld", Intervention: "Leerplicht"}, "org"},
		} {
			if _, err := s.SaveTrajectory(cm, fam.ID, 0, tc.in); regie.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: err = %v, want a message on %s", name, err, tc.field)
			}
		}
		if n := countRows(t, s, "trajectories"); n != 0 {
			t.Fatalf("refused input wrote %d trajectories", n)
		}
		debt, err := s.SaveTrajectory(cm, fam.ID, 0, regie.TrajectoryInput{Domain: "financien", OrgID: f.Org.ID, Status: "wachtlijst",
			Intervention: "Schuldhulpverlening", WaitingSince: "2026-01-10", ContactPerson: "Mw. de Graaf"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveTrajectory(cm, fam.ID, 0, regie.TrajectoryInput{Domain: "kinderen", OrgID: f.Partner.ID, Status: "afgerond",
			Intervention: "Begeleiding naar school", MemberID: fam.Members[1].ID, StartedOn: "2025-10-01", EndedOn: "2025-12-15"}); err != nil {
			t.Fatal(err)
		}
		debt, err = s.SaveTrajectory(cm, fam.ID, debt.ID, regie.TrajectoryInput{Domain: "financien", OrgID: f.Org.ID, Status: "lopend",
			Intervention: "Schuldhulpverlening", WaitingSince: "2026-01-10", StartedOn: "2026-02-16", ContactPerson: "Mw. de Graaf"})
		if err != nil || debt.Status != regie.TrajectoryRunning || debt.OrgName != f.Org.Name {
			t.Fatalf("update = %+v, %v", debt, err)
		}
		if _, err := s.SaveTrajectory(cm, f.FamOther.ID, debt.ID, regie.TrajectoryInput{Domain: "financien", OrgID: f.Org.ID,
			Status: "voorgesteld", Intervention: "x"}); code(err) != regie.ENOTFOUND {
			t.Fatalf("through another family: %v", err)
		}
		ts, err := s.FindTrajectories(cm, fam.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ts.List) != 2 || ts.AgenciesNow != 1 || !ts.CanEdit || ts.List[0].ID != debt.ID {
			t.Fatalf("trajectories = %+v", ts)
		}
		months := map[string]int{}
		for _, m := range ts.AgenciesPerMonth {
			months[m.Month.ISO()] = m.Count
		}
		if len(ts.AgenciesPerMonth) != 12 || months["2025-11-01"] != 1 || months["2026-01-01"] != 1 || months["2025-12-01"] != 1 ||
			months["2026-03-01"] != 1 || months["2025-09-01"] != 0 {
			t.Fatalf("per month = %v", months)
		}
	})
}
