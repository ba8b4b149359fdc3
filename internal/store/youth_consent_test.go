package store_test

import (
	"fmt"
	"strings"
	"testing"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// TestYouthConsent_ByAge: real members of 11, 12, 15, 16 and 24 (born
// relative to the injected clock), each with the youth worker and a
// contact in their track. What the youth told in confidence is read by
// their own worker; by the coordinator only once the youth's own consent
// shares it — recorded by the youth worker, from 16 alone, 12–15 only
// with a parent (refused without, with a Dutch field error), none below
// 12 (nothing is confidential then) — and no longer after it is
// withdrawn. A partner under the family's consent for the contacts but
// without the youth's consent gets ENOTFOUND, with a denied row in the
// access log, and sees the contact without its note; the plan PDF holds
// the youth's part only when the consent shares it with the parents.
func TestYouthConsent_ByAge(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		cm, yw, partner := storetest.As(f.Casemanager), storetest.As(f.YouthWorker), storetest.As(f.Partner1)
		lead := storetest.As(f.TeamLeader)
		fam := f.FamAssigned
		today := regie.DateOf(clock.Now())
		mother := fam.Members[0]
		if _, err := s.CreateConsent(cm, fam.ID, consentInput(f, regie.InfoFamily, regie.InfoMembers, regie.InfoContacts)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartPlanVersion(cm, fam.ID, "eerste"); err != nil {
			t.Fatal(err)
		}
		for _, age := range []int{11, 12, 15, 16, 24} {
			t.Run(fmt.Sprint(age), func(t *testing.T) {
				name := fmt.Sprintf("Jongere%d", age)
				m, err := s.AddMember(lead, fam.ID, regie.MemberInput{GivenName: name, FamilyName: "Jansen", Relation: "kind",
					BirthDate: today.AddMonths(-12 * age).AddDays(-30).ISO()})
				if err != nil {
					t.Fatal(err)
				}
				if age >= regie.YouthAgeMin {
					err = s.AssignYouthWorker(lead, fam.ID, m.ID, f.YouthWorker.ID, true)
				} else {
					// No youth worker below 12 by the screen; one who
					// started a track just before the birthday is alike.
					_, err = s.DB().Exec(`INSERT INTO assignments (family_id, user_id, kind, member_id, started_on, assigned_by, created_at)
						VALUES ($1, $2, 'jeugd', $3, $4, $5, $6)`, fam.ID, f.YouthWorker.ID, m.ID, today.ISO(), f.TeamLeader.ID,
						clock.Now().UTC().Format("2006-01-02T15:04:05.000000Z"))
				}
				if err != nil {
					t.Fatal(err)
				}
				// The youth's own plan: a goal in their words, an
				// agreement of their own and one that concerns the family.
				goal := fmt.Sprintf("%s: ik wil weer elke dag naar school.", name)
				if age >= regie.YouthAgeMin {
					if _, err := s.StartYouthTrack(yw, fam.ID, m.ID, regie.YouthStartInput{StartedOn: today.ISO()}); err != nil {
						t.Fatal(err)
					}
					if err := s.SaveYouthPlan(yw, fam.ID, m.ID, regie.YouthPlanInput{Goals: map[regie.Domain]string{"dagbesteding": goal},
						Agreements: []regie.YouthAgreementInput{
							{Owner: "Moeder en " + name, What: "Samen eten op zondag", Due: today.AddDays(14).ISO(), ConcernsFamily: true},
							{Owner: name, What: "Praten over het blowen", Due: today.AddDays(3).ISO()},
						}}); err != nil {
						t.Fatal(err)
					}
				}
				told := fmt.Sprintf("%s vertelt over een vriend die drugs verkoopt.", name)
				c, err := s.CreateContact(yw, fam.ID, regie.ContactInput{Date: today.ISO(), Start: "08:00", Minutes: "45",
					Kind: regie.ContactOuting, Attempt: regie.AttemptReached, Note: told})
				if err != nil {
					t.Fatal(err)
				}
				// The youth track records its contacts; until its form is
				// on main, the column is set here.
				if _, err := s.DB().Exec(`UPDATE contacts SET youth_member_id = $1 WHERE id = $2`, m.ID, c.ID); err != nil {
					t.Fatal(err)
				}
				noteOf := func(u *regie.User) (string, bool) {
					t.Helper()
					cs, _, err := s.FindContacts(storetest.As(u), fam.ID, regie.ContactFilter{Limit: 200})
					if err != nil {
						t.Fatal(err)
					}
					for _, x := range cs {
						if x.ID == c.ID {
							return x.Note, x.NoteWithheld
						}
					}
					t.Fatalf("contact %d not listed", c.ID)
					return "", false
				}
				reads := func(u *regie.User) bool {
					t.Helper()
					got, err := s.FindYouthConfidential(storetest.As(u), fam.ID, m.ID)
					if regie.ErrorCode(err) == regie.ENOTFOUND {
						return false
					} else if err != nil {
						t.Fatal(err)
					}
					if len(got.Notes) != 1 || got.Notes[0].Note != told {
						t.Errorf("notes read: %+v", got.Notes)
					}
					if age >= regie.YouthAgeMin && (got.Track == nil || len(got.Track.Goals) != 1 || got.Track.Goals[0].Words != goal ||
						len(got.Track.Agreements) != 2) {
						t.Errorf("the track's confidential part read: %+v", got.Track)
					}
					return true
				}
				inPlan := func() *regie.YouthInPlan {
					t.Helper()
					v, _, err := s.ExportPlan(cm, fam.ID, 1)
					if err != nil {
						t.Fatal(err)
					}
					for _, y := range v.Youth {
						if y.MemberID == m.ID {
							return y
						}
					}
					t.Fatal("the youth is not in the plan PDF")
					return nil
				}
				if !reads(f.YouthWorker) {
					t.Error("the youth's own worker does not read the track")
				}
				confidential := age >= regie.YouthAgeMin
				if got := reads(f.Casemanager); got == confidential {
					t.Errorf("before any consent the coordinator reads the track: %v", got)
				}
				if note, withheld := noteOf(f.Casemanager); withheld != confidential || (note == told) == confidential {
					t.Errorf("coordinator's contact list: note %q, withheld %v", note, withheld)
				}
				if y := inPlan(); y.Shared == confidential {
					t.Errorf("plan PDF before consent: shared %v", y.Shared)
				} else if confidential && (y.Track == nil || y.Track.WorkerName != f.YouthWorker.Name || y.Track.StartedOn != today ||
					len(y.Track.FamilyAgreements) != 1 || len(y.Track.Goals) != 0 || len(y.Track.Agreements) != 0 || y.Track.Confidential) {
					t.Errorf("plan PDF before consent: only the shared part, got %+v", y.Track)
				}
				// The partner under the family's consent, without the
				// youth's: not found, audited as refused; the contact
				// stays, its note does not.
				if reads(f.Partner1) {
					t.Error("a partner reads the youth's track under the family's consent")
				}
				if note, withheld := noteOf(f.Partner1); note != "" || !withheld {
					t.Errorf("partner's contact list: note %q, withheld %v", note, withheld)
				}
				if !auditHas(t, s, f, fam.ID, func(e *regie.AuditEntry) bool {
					return e.UserID == f.Partner1.ID && e.MemberID == m.ID && e.Segment == regie.SegYouthConfidential &&
						e.Outcome == regie.OutcomeDenied
				}) {
					t.Error("the partner's refused attempt is not in the access log")
				}

				in := regie.YouthConsentInput{SignedOn: today.ISO(), YouthSigned: true, ShareCoordinator: true}
				_, err = s.CreateYouthConsent(yw, fam.ID, m.ID, in)
				switch {
				case age < regie.YouthAgeMin:
					if msg := regie.ErrorFields(err)["youth"]; !strings.Contains(msg, "Onder de 12 jaar") {
						t.Fatalf("a youth of %d: %v %v", age, err, regie.ErrorFields(err))
					}
					return
				case age < regie.YouthAgeAlone:
					if msg := regie.ErrorFields(err)["parent"]; !strings.Contains(msg, "tekent een ouder of verzorger mee") {
						t.Fatalf("a youth of %d alone: %v %v", age, err, regie.ErrorFields(err))
					}
					in.ParentID = mother.ID
				default:
					if err != nil {
						t.Fatalf("a youth of %d alone: %v", age, err)
					}
				}
				// Nobody else records it.
				for _, other := range []*regie.User{f.Casemanager, f.TeamLeader, f.Partner1} {
					if _, err := s.CreateYouthConsent(storetest.As(other), fam.ID, m.ID, in); regie.ErrorCode(err) != regie.ENOTFOUND {
						t.Errorf("%s records a youth's consent: %v", other.Role, err)
					}
				}
				var yc *regie.YouthConsent
				if in.ParentID != 0 {
					if yc, err = s.CreateYouthConsent(yw, fam.ID, m.ID, in); err != nil {
						t.Fatal(err)
					}
				} else {
					page, err := s.FindYouthConsents(yw, fam.ID, m.ID)
					if err != nil {
						t.Fatal(err)
					}
					yc = page.Consents[0]
				}
				if !reads(f.Casemanager) {
					t.Error("the coordinator does not read under the youth's consent")
				}
				if note, withheld := noteOf(f.Casemanager); note != told || withheld {
					t.Errorf("coordinator's contact list under consent: note %q, withheld %v", note, withheld)
				}
				if !auditHas(t, s, f, fam.ID, func(e *regie.AuditEntry) bool {
					return e.UserID == f.Casemanager.ID && e.MemberID == m.ID && e.Segment == regie.SegYouthConfidential &&
						e.Outcome == regie.OutcomeOK && e.Basis == fmt.Sprintf("toestemming van de jongere %d", yc.ID)
				}) {
					t.Error("the coordinator's read is not in the access log with the youth's consent")
				}
				// Shared with the coordinator, not with the parents nor
				// the partner.
				if y := inPlan(); y.Shared || len(y.Notes) != 0 {
					t.Errorf("plan PDF under a consent for the coordinator only: %+v", y)
				}
				if reads(f.Partner1) {
					t.Error("a partner the youth's consent does not name reads the track")
				}
				page, err := s.FindYouthConsents(cm, fam.ID, m.ID)
				if err != nil || len(page.Consents) != 1 || page.Can.RecordConsent || !page.Can.ReadConfidential {
					t.Fatalf("coordinator's page: %+v %v", page, err)
				}
				if _, err := s.FindYouthConsents(partner, fam.ID, m.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
					t.Errorf("a partner reads the youth's consents: %v", err)
				}

				if err := s.WithdrawYouthConsent(yw, fam.ID, m.ID, yc.ID, today.ISO(), "Wil het toch niet."); err != nil {
					t.Fatal(err)
				}
				if reads(f.Casemanager) {
					t.Error("the coordinator reads after the youth withdrew the consent")
				}
				if note, withheld := noteOf(f.Casemanager); note != "" || !withheld {
					t.Errorf("coordinator's contact list after withdrawal: note %q", note)
				}
				if err := s.WithdrawYouthConsent(yw, fam.ID, m.ID, yc.ID, today.ISO(), "Nog eens."); regie.ErrorFields(err)["withdrawn_on"] == "" {
					t.Errorf("withdrawn twice: %v", err)
				}

				// A consent that shares with the parents and the partner.
				in.ShareCoordinator, in.ShareFamily, in.OrgIDs = false, true, []int64{f.Partner.ID}
				named, err := s.CreateYouthConsent(yw, fam.ID, m.ID, in)
				if err != nil {
					t.Fatal(err)
				}
				if y := inPlan(); !y.Shared || len(y.Notes) != 1 || y.Notes[0].Note != told {
					t.Errorf("plan PDF under a consent for the parents: %+v", y)
				} else if len(y.Track.Goals) != 1 || y.Track.Goals[0].Words != goal || y.Track.Goals[0].Domain != "dagbesteding" ||
					len(y.Track.OwnAgreements()) != 1 || y.Track.OwnAgreements()[0].What != "Praten over het blowen" ||
					len(y.Track.FamilyAgreements) != 1 {
					t.Errorf("plan PDF under a consent for the parents, the track: %+v", y.Track)
				}
				exports := 0
				auditHas(t, s, f, fam.ID, func(e *regie.AuditEntry) bool {
					if e.UserID == f.Casemanager.ID && e.MemberID == m.ID && e.Segment == regie.SegYouthConfidential && e.Action == regie.ActionExport {
						exports++
					}
					return false
				})
				if exports != 1 {
					t.Errorf("one export of the youth's part, %d rows in the access log", exports)
				}
				if !auditHas(t, s, f, fam.ID, func(e *regie.AuditEntry) bool {
					return e.UserID == f.Casemanager.ID && e.MemberID == m.ID && e.Segment == regie.SegYouthConfidential &&
						e.Action == regie.ActionExport && e.Basis == fmt.Sprintf("toestemming van de jongere %d", named.ID)
				}) {
					t.Error("the youth's part in the plan PDF is not in the access log as an export under the youth's consent")
				}
				if !reads(f.Partner1) {
					t.Error("the partner the youth's consent names does not read the track")
				}
				if !auditHas(t, s, f, fam.ID, func(e *regie.AuditEntry) bool {
					return e.UserID == f.Partner1.ID && e.MemberID == m.ID && e.Segment == regie.SegYouthConfidential &&
						e.Outcome == regie.OutcomeOK && strings.HasSuffix(e.Basis, fmt.Sprint(named.ID))
				}) {
					t.Error("the partner's read does not name the youth's consent")
				}
				if reads(f.Casemanager) {
					t.Error("a consent for the parents and a partner lets the coordinator read on screen")
				}
			})
		}
	})
}

// auditHas reports whether the family's access log has a row like match.
func auditHas(t *testing.T, s *store.Store, f *storetest.Fixture, familyID int64, match func(*regie.AuditEntry) bool) bool {
	t.Helper()
	log, _, err := s.FindAuditEntries(storetest.As(f.Privacy), regie.AuditFilter{FamilyID: &familyID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		if match(e) {
			return true
		}
	}
	return false
}

// TestYouthConsent_Refusals: the youth must sign, a parent of another
// family or under 18 does not count, a youth of 25 gets none, an
// organisation must be on the social map; the form's every problem comes
// back at once.
func TestYouthConsent_Refusals(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		yw, lead := storetest.As(f.YouthWorker), storetest.As(f.TeamLeader)
		fam := f.FamAssigned
		kevin := fam.Members[1] // 13
		if err := s.AssignYouthWorker(lead, fam.ID, kevin.ID, f.YouthWorker.ID, true); err != nil {
			t.Fatal(err)
		}
		other := f.FamTeam.Members[0]
		_, err := s.CreateYouthConsent(yw, fam.ID, kevin.ID, regie.YouthConsentInput{SignedOn: "2026-03-01", ParentID: other.ID,
			OrgIDs: []int64{f.Org.ID}})
		fields := regie.ErrorFields(err)
		for _, k := range []string{"youth_signed", "parent", "orgs"} {
			if fields[k] == "" {
				t.Errorf("no error on %s: %v", k, fields)
			}
		}
		// Kevin's youth worker keeps working with him past 24.
		today := regie.DateOf(clock.Now())
		if _, err := s.DB().Exec(`UPDATE members SET birth_date = $1 WHERE id = $2`, today.AddMonths(-12*25).ISO(), kevin.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateYouthConsent(yw, fam.ID, kevin.ID, regie.YouthConsentInput{SignedOn: today.ISO(), YouthSigned: true, ShareCoordinator: true})
		if !strings.Contains(regie.ErrorFields(err)["youth"], "tot en met 24 jaar") {
			t.Errorf("a youth of 25: %v", regie.ErrorFields(err))
		}
		page, err := s.FindYouthConsents(yw, fam.ID, kevin.ID)
		if err != nil || page.Recordable() || !page.Can.RecordConsent {
			t.Errorf("a youth of 25 is recordable: %+v %v", page, err)
		}
		// A member of another family is not found.
		if _, err := s.FindYouthConsents(yw, fam.ID, other.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("another family's member: %v", err)
		}
	})
}
