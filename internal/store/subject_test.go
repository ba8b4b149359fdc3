package store_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"regie"
	"regie/internal/store"
	"regie/internal/storetest"
)

// memberColumns finds, in the schema itself, every column that references
// a family member: columns named member_id or *_member_id, and columns
// with a foreign key to members. A table added later shows up here.
func memberReferences(t *testing.T, s *store.Store) []string {
	t.Helper()
	q := `SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND (p.name = 'member_id' OR p.name LIKE '%\_member\_id' ESCAPE '\')
		UNION SELECT m.name || '.' || k."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) k
		WHERE m.type = 'table' AND k."table" = 'members'`
	if s.Dialect() == "postgres" {
		q = `SELECT table_name || '.' || column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition) AND (column_name = 'member_id' OR column_name LIKE '%\_member\_id' ESCAPE '\')
			UNION SELECT kcu.table_name || '.' || kcu.column_name FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'members' AND tc.table_schema = current_schema()`
	}
	rows, err := s.DB().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// subjectFamily fills, through the store's public methods, a row in every
// table that references a member for the fixture's Gezin Jansen: Sandra
// (the mother) and Kevin (14, with his own youth track), and closes the
// file for a check-up. It returns Kevin's confidential words.
func subjectFamily(t *testing.T, s *store.Store, clock *storetest.Clock, f *storetest.Fixture) (secret string) {
	t.Helper()
	fam := f.FamAssigned
	sandra, kevin := fam.Members[0].ID, fam.Members[1].ID
	cm, tl, yw := storetest.As(f.Casemanager), storetest.As(f.TeamLeader), storetest.As(f.YouthWorker)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	v := agreedPlan(t, s, f) // plan goals, agreements, member scores, the score moment
	must(s.AddSafetyConcern(cm, fam.ID, regie.SafetyInput{MemberID: kevin, What: "Kevin heeft blauwe plekken.",
		Since: "2026-03-01", Severity: regie.SeverityHigh, Meldcode: "loopt"}))
	must(s.AddSafetyConcern(cm, fam.ID, regie.SafetyInput{What: "Spanning in huis.", Since: "2026-02-20", Severity: regie.SeverityHigh, Meldcode: "loopt"}))
	in := contactIn("2026-03-01", "10:00", "60", "huisbezoek", "contact")
	in.Members, in.Note = []int64{sandra}, "Sandra vertelt over de schulden."
	_, err := s.CreateContact(cm, fam.ID, in)
	must(err)
	_, err = s.SaveTrajectory(cm, fam.ID, 0, regie.TrajectoryInput{MemberID: sandra, Domain: "financien", OrgID: f.Partner.ID,
		Intervention: "Schuldhulp", Status: regie.TrajectoryRunning, StartedOn: "2026-02-01"})
	must(err)
	partnerConsent(t, s, f, fam, "2026-03-01", "", f.Partner.ID, regie.InfoContacts)
	_, err = s.AddNetworkMeeting(cm, fam.ID, regie.NetworkMeetingInput{HeldOn: "2026-03-02", Members: []int64{sandra},
		Notes:      "Moeder was open over de schulden.",
		Agreements: []regie.NetworkAgreementInput{{OwnerChoice: "m:" + itoa(sandra), What: "Post openen met oma", Due: "2026-04-01"}}})
	must(err)
	council, err := s.PlanCouncil(cm, fam.ID, regie.CouncilPlanInput{On: "2026-03-02", Invited: regie.CouncilPeopleInput{Members: []int64{sandra}}})
	must(err)
	must(s.RecordCouncil(cm, fam.ID, council.ID, regie.CouncilRecordInput{Attended: regie.CouncilPeopleInput{Members: []int64{sandra}},
		Agreements: []regie.AgreementInput{{Owner: "m:" + itoa(sandra), What: "Zondag de week plannen", Due: "2026-04-01"}}}))
	_, err = s.RecordEvaluation(cm, fam.ID, interimInput(f, v, "2026-03-02", "2026-06-01"))
	must(err)

	// Kevin's own track: the youth worker, the track, his plan, a
	// contact with him, his own consent co-signed by Sandra.
	must(s.AssignYouthWorker(tl, fam.ID, kevin, f.YouthWorker.ID, true))
	_, err = s.StartYouthTrack(yw, fam.ID, kevin, regie.YouthStartInput{StartedOn: "2026-03-02"})
	must(err)
	secret = "Ik wil niet dat mama weet van de vriend."
	must(s.SaveYouthPlan(yw, fam.ID, kevin, regie.YouthPlanInput{Goals: map[regie.Domain]string{"dagbesteding": secret},
		Agreements: []regie.YouthAgreementInput{{Owner: "Kevin", What: "Praten over het blowen", Due: "2026-03-20"}}}))
	yc := contactIn("2026-03-02", "08:00", "45", "huisbezoek", "contact")
	yc.Note = "Kevin vertelt over een vriend die drugs verkoopt."
	_, err = s.CreateYouthContact(yw, fam.ID, kevin, yc)
	must(err)
	_, err = s.CreateYouthConsent(yw, fam.ID, kevin, regie.YouthConsentInput{SignedOn: "2026-03-02", YouthSigned: true,
		ParentID: sandra, ShareCoordinator: true})
	must(err)
	_, err = s.CreateRectification(storetest.As(f.Privacy), fam.ID, regie.RectificationInput{MemberID: sandra, Segment: regie.SegContacts,
		What: "Contact van 2 maart", Requested: "Ik heb niet gezegd dat ik schulden heb bij familie.", ReceivedOn: "2026-03-02"})
	must(err)
	_, err = s.RecordDestructionRequest(storetest.As(f.Privacy), regie.DestructionRequestInput{FamilyID: fam.ID, MemberID: kevin,
		ReceivedOn: "2026-03-02", What: "Kevin vraagt zijn dossier te vernietigen."})
	must(err)
	_, err = s.AddNetworkPerson(cm, fam.ID, regie.NetworkPersonInput{Name: "Oma Truus", Relation: regie.NetworkGrandparent, Phone: "06 12345678"})
	must(err)
	_, err = s.AddGenogramPerson(cm, fam.ID, regie.GenogramPersonInput{MemberID: sandra, Sex: regie.SexFemale, Generation: "0",
		Markers: []regie.GenogramMarker{regie.MarkerDebt}})
	must(err)
	moment, err := s.AddSocioMoment(cm, fam.ID, regie.SocioMomentInput{On: "2026-03-02", Label: "Start"})
	must(err)
	_, err = s.SaveSocioTie(cm, fam.ID, moment.ID, 0, regie.SocioTieInput{Sector: regie.SectorFamily, Name: "Oma Truus",
		Strength: regie.TieStrong, Quality: regie.TieSupportive})
	must(err)

	// The closed file's check-up with Sandra.
	must(s.CloseFamily(tl, fam.ID, "Het netwerk heeft de zorg overgenomen"))
	clock.Set(time.Date(2026, 6, 3, 10, 0, 0, 0, regie.Amsterdam))
	_, err = s.CreateCheckup(cm, fam.ID, regie.CheckupInput{HeldOn: "2026-06-02", MemberIDs: []int64{sandra},
		Family: "Sandra heeft werk gevonden.", Cooperation: "School houdt contact.", Assessment: regie.CheckupGood})
	must(err)
	return secret
}

// TestPersonExport_EveryRowThatReferencesThePerson: for each column the
// schema has that references a member, the export of Sandra and of Kevin
// holds as many rows of it as the database (the access log's rows and the
// requests for rectification in their own lists); a referencing column
// the export does not know fails, and so does one the test family leaves
// empty (a table made in the test shows the guard finds a later one).
// Kevin's confidential track is in his export and withheld from
// his mother's, with the reason; the export is audited as an export of
// family and member, only the privacy officer may make it, and its JSON
// reads back with its version.
func TestPersonExport_EveryRowThatReferencesThePerson(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		secret := subjectFamily(t, s, clock, f)
		fg := storetest.As(f.Privacy)
		sandra, kevin := fam.Members[0].ID, fam.Members[1].ID

		refs := memberReferences(t, s)
		known := store.ExportSources()
		for _, r := range refs {
			if !slices.Contains(known, r) {
				t.Errorf("%s references a member but is not in the person export: add a section to exportRefs (internal/store/subject.go)", r)
			}
		}
		for _, k := range known {
			if !slices.Contains(refs, k) {
				t.Errorf("the export names %s, which the schema does not have", k)
			}
		}

		filled := map[string]bool{}
		exports := map[int64]*regie.PersonExport{}
		for _, m := range []int64{sandra, kevin} {
			want := map[string]int{}
			for _, r := range refs {
				table, col, _ := strings.Cut(r, ".")
				var n int
				if err := s.DB().QueryRow(`SELECT count(*) FROM `+table+` WHERE `+col+` = $1`, m).Scan(&n); err != nil {
					t.Fatal(err)
				}
				want[r] = n
				filled[r] = filled[r] || n > 0
			}
			e, err := s.ExportPerson(fg, fam.ID, m)
			if err != nil {
				t.Fatal(err)
			}
			exports[m] = e
			got := map[string]int{}
			for _, sec := range e.Sections {
				if sec.Source != "" {
					got[sec.Source] = len(sec.Rows)
				}
			}
			for _, a := range e.Access {
				if a.MemberID == m {
					got["audit.member_id"]++
				}
			}
			got["rectifications.member_id"] = len(e.Rectifications)
			for _, r := range refs {
				if got[r] != want[r] {
					t.Errorf("member %d: %s: %d rows in the export, %d in the database", m, r, got[r], want[r])
				}
			}
			// The export's own audit row: an export of this family and member.
			if action, outcome, _, seg, uid, fid := lastAudit(t, s); action != string(regie.ActionExport) || outcome != string(regie.OutcomeOK) ||
				seg != string(regie.SegPersonExport) || uid != f.Privacy.ID || fid != fam.ID {
				t.Errorf("export audit: %s %s %s %d %d", action, outcome, seg, uid, fid)
			}
		}
		for _, r := range refs {
			if !filled[r] {
				t.Errorf("%s: the test family has no row referencing Sandra or Kevin; fill one in subjectFamily", r)
			}
		}

		// Kevin's confidential words: in his own export, withheld from his mother's.
		mother, _ := json.Marshal(exports[sandra])
		own, _ := json.Marshal(exports[kevin])
		if strings.Contains(string(mother), secret) || strings.Contains(string(mother), "drugs verkoopt") {
			t.Error("the mother's export holds Kevin's confidential track")
		}
		if !strings.Contains(string(own), secret) || !strings.Contains(string(own), "drugs verkoopt") {
			t.Error("Kevin's export lacks his own track")
		}
		if strings.Contains(string(mother), "06 12345678") {
			t.Error("the informal network person's phone is in the export")
		}
		withheld := map[string]int{}
		for _, w := range exports[sandra].Withheld {
			withheld[w.Key] = w.Count
			if w.Reason == "" || w.Title == "" {
				t.Errorf("withheld %s without title or reason", w.Key)
			}
		}
		if withheld["youth_confidential"] == 0 || withheld["others_safety_concerns"] != 1 || withheld["network_persons"] != 1 {
			t.Errorf("withheld from the mother: %v", withheld)
		}

		// The access list names who read the file, refused attempts too.
		if _, err := s.FindFamilyByID(storetest.As(f.Casemanager2), fam.ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Fatalf("another casemanager: %v", err)
		}
		e, err := s.ExportPerson(fg, fam.ID, sandra)
		if err != nil {
			t.Fatal(err)
		}
		var denied, byCM bool
		for _, a := range e.Access {
			denied = denied || (a.Outcome == regie.OutcomeDenied && a.UserName == f.Casemanager2.Name && a.Role == regie.RoleCasemanager)
			byCM = byCM || (a.Outcome == regie.OutcomeOK && a.UserName == f.Casemanager.Name && a.Segment == regie.SegContacts)
		}
		if !denied || !byCM {
			t.Errorf("access list: denied attempt %v, casemanager's contacts %v", denied, byCM)
		}

		// The JSON reads back, with its version and English keys.
		var back struct {
			Version int    `json:"version"`
			MadeBy  string `json:"made_by"`
			Person  struct {
				GivenName string `json:"given_name"`
			} `json:"person"`
			Sections []struct {
				Key  string              `json:"key"`
				Rows []map[string]string `json:"rows"`
			} `json:"sections"`
			Rectifications []struct {
				Requested string `json:"requested"`
			} `json:"rectification_requests"`
			Access []struct {
				UserName string `json:"user_name"`
			} `json:"access_log"`
		}
		if err := json.Unmarshal(mother, &back); err != nil {
			t.Fatal(err)
		}
		if back.Version != regie.PersonExportVersion || back.MadeBy != f.Privacy.Name || back.Person.GivenName != "Sandra" ||
			len(back.Rectifications) != 1 || len(back.Access) == 0 {
			t.Errorf("JSON read back: %+v", back)
		}
		for _, sec := range back.Sections {
			if sec.Key == "contacts_attended" && (len(sec.Rows) != 1 || sec.Rows[0]["note"] != "Sandra vertelt over de schulden." || sec.Rows[0]["date"] != "2026-03-01") {
				t.Errorf("contacts attended: %v", sec.Rows)
			}
		}

		// No one but the privacy officer: not found, and refused in the log.
		for _, u := range []*regie.User{f.Casemanager, f.TeamLeader, f.Admin, f.Partner1} {
			if _, err := s.ExportPerson(storetest.As(u), fam.ID, sandra); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Errorf("%s exports: %v", u.Role, err)
			}
			if _, outcome, _, seg, _, fid := lastAudit(t, s); outcome != string(regie.OutcomeDenied) || seg != string(regie.SegPersonExport) || fid != fam.ID {
				t.Errorf("%s: refusal not logged: %s %s", u.Role, outcome, seg)
			}
		}
		// The guard itself: a table added later that references a member
		// by name or by foreign key is found, and is not in the export.
		if _, err := s.DB().Exec(`CREATE TABLE later_records (id integer PRIMARY KEY, subject_member_id integer,
			signed_by integer REFERENCES members (id))`); err != nil {
			t.Fatal(err)
		}
		later := memberReferences(t, s)
		for _, c := range []string{"later_records.subject_member_id", "later_records.signed_by"} {
			if !slices.Contains(later, c) || slices.Contains(store.ExportSources(), c) {
				t.Errorf("a later table's %s: found %v", c, slices.Contains(later, c))
			}
		}

		// A member of another family is not found.
		if _, err := s.ExportPerson(fg, fam.ID, f.FamTeam.Members[0].ID); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("another family's member: %v", err)
		}
	})
}

// TestRectification_RecordedDecidedAndKept: the privacy officer records a
// request (bad input comes back per field), the coordinator reads it with
// the family, a partner and another casemanager do not; the deadline is a
// month after receipt and is late after it; the outcome needs a reason
// unless granted, is written once, and everything is in the access log.
func TestRectification_RecordedDecidedAndKept(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		fam := f.FamAssigned
		fg, cm := storetest.As(f.Privacy), storetest.As(f.Casemanager)
		sandra := fam.Members[0].ID

		_, err := s.CreateRectification(fg, fam.ID, regie.RectificationInput{MemberID: f.FamTeam.Members[0].ID, Segment: "onzin", ReceivedOn: "2099-01-01"})
		fields := regie.ErrorFields(err)
		for _, k := range []string{"member", "segment", "data", "requested", "received_on"} {
			if fields[k] == "" {
				t.Errorf("no error for %s: %v", k, fields)
			}
		}
		if _, err := s.CreateRectification(cm, fam.ID, regie.RectificationInput{MemberID: sandra, Segment: regie.SegPlan, What: "x", Requested: "y",
			ReceivedOn: "2026-03-01"}); regie.ErrorCode(err) != regie.ENOTFOUND {
			t.Errorf("the casemanager records a request: %v", err)
		}
		r, err := s.CreateRectification(fg, fam.ID, regie.RectificationInput{MemberID: sandra, Segment: regie.SegPlan,
			What: "De situatie in plan versie 1", Requested: "Niet drie maar twee maanden huurachterstand.", ReceivedOn: "2026-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Due().ISO() != "2026-04-01" || !r.Open() || r.MemberName != "Sandra Jansen" || r.RecordedBy != f.Privacy.Name {
			t.Errorf("request: %+v due %s", r, r.Due())
		}
		open, err := s.FindRectifications(fg, regie.RectificationFilter{OpenOnly: true})
		if err != nil || len(open) != 1 || open[0].HouseholdName != "Gezin Jansen" {
			t.Fatalf("open list: %v %v", open, err)
		}
		if open[0].Late(regie.DateOf(clock.Now())) {
			t.Error("late on the day after receipt")
		}
		if !open[0].Late(regie.NewDate(2026, 4, 2)) {
			t.Error("not late after a month")
		}
		got, err := s.FindRectifications(cm, regie.RectificationFilter{FamilyID: &fam.ID})
		if err != nil || len(got) != 1 {
			t.Fatalf("coordinator reads: %v %v", got, err)
		}
		if !fam.Can.ReadRectifications {
			fresh, err := s.FindFamilyByID(cm, fam.ID)
			if err != nil || !fresh.Can.ReadRectifications {
				t.Errorf("the family does not offer the requests to its coordinator: %v", err)
			}
		}
		for _, u := range []*regie.User{f.Partner1, f.Casemanager2} {
			if _, err := s.FindRectifications(storetest.As(u), regie.RectificationFilter{FamilyID: &fam.ID}); regie.ErrorCode(err) != regie.ENOTFOUND {
				t.Errorf("%s reads the requests: %v", u.Name, err)
			}
		}
		if _, err := s.FindRectifications(cm, regie.RectificationFilter{}); regie.ErrorCode(err) != regie.EFORBIDDEN {
			t.Errorf("the casemanager lists every request: %v", err)
		}

		err = s.DecideRectification(fg, fam.ID, r.ID, regie.RectificationDecision{Outcome: regie.RectificationRejected, DecidedOn: "2026-02-01"})
		if fields := regie.ErrorFields(err); fields["reason"] == "" || fields["decided_on"] == "" {
			t.Errorf("a rejection without reason, before receipt: %v", fields)
		}
		if err := s.DecideRectification(fg, fam.ID, r.ID, regie.RectificationDecision{Outcome: regie.RectificationPartly,
			Reason: "De achterstand was drie maanden op de dag van het plan; een toelichting is toegevoegd.", DecidedOn: "2026-03-02"}); err != nil {
			t.Fatal(err)
		}
		if action, outcome, _, seg, _, fid := lastAudit(t, s); action != string(regie.ActionUpdate) || outcome != string(regie.OutcomeOK) ||
			seg != string(regie.SegRectification) || fid != fam.ID {
			t.Errorf("decision audit: %s %s %s", action, outcome, seg)
		}
		if err := s.DecideRectification(fg, fam.ID, r.ID, regie.RectificationDecision{Outcome: regie.RectificationGranted,
			DecidedOn: "2026-03-02"}); regie.ErrorCode(err) != regie.ECONFLICT {
			t.Errorf("a second decision: %v", err)
		}
		got, err = s.FindRectifications(cm, regie.RectificationFilter{FamilyID: &fam.ID})
		if err != nil || len(got) != 1 || got[0].Outcome != regie.RectificationPartly || got[0].DecidedBy != f.Privacy.Name ||
			got[0].DecidedOn.ISO() != "2026-03-02" {
			t.Fatalf("kept: %+v %v", got, err)
		}
		if open, err := s.FindRectifications(fg, regie.RectificationFilter{OpenOnly: true}); err != nil || len(open) != 0 {
			t.Errorf("still open: %v %v", open, err)
		}
	})
}

// TestProcessingRegister_FromRegiesDefinitions: the register names the
// own organisation, the consents' organisations, every segment with its
// label (the special categories marked), the retention of the law, and
// only the privacy officer and the administrator read it.
func TestProcessingRegister_FromRegiesDefinitions(t *testing.T) {
	storetest.ForEachDB(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := storetest.NewFixture(t, s)
		other, err := s.CreateOrganisation(storetest.System(), "GGZ Noord", false)
		if err != nil {
			t.Fatal(err)
		}
		partnerConsent(t, s, f, f.FamAssigned, "2026-03-01", "", other.ID, regie.InfoContacts)
		for _, u := range []*regie.User{f.Privacy, f.Admin} {
			r, err := s.ProcessingRegister(storetest.As(u))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.Controller, []string{"Stade Profiel"}) || !slices.Equal(r.Recipients, []string{"GGZ Noord"}) ||
				!slices.Equal(r.Partners, []string{f.Partner.Name}) {
				t.Errorf("organisations: %v %v %v", r.Controller, r.Recipients, r.Partners)
			}
			if len(r.DataCategories) != len(regie.Segments) {
				t.Errorf("%d data categories for %d segments", len(r.DataCategories), len(regie.Segments))
			}
			for _, c := range r.DataCategories {
				if c.Segment == regie.SegSafety && c.Special == "" || c.Segment == regie.SegSettings && c.Special != "" {
					t.Errorf("special category of %s: %q", c.Segment, c.Special)
				}
			}
			if !strings.Contains(r.Retention[0].Term, "20 jaar") || r.Retention[0].Basis != "Jeugdwet art. 7.3.8" {
				t.Errorf("retention: %+v", r.Retention[0])
			}
		}
		for _, u := range []*regie.User{f.Casemanager, f.TeamLeader, f.Partner1} {
			if _, err := s.ProcessingRegister(storetest.As(u)); regie.ErrorCode(err) != regie.EFORBIDDEN {
				t.Errorf("%s reads the register: %v", u.Role, err)
			}
		}
	})
}
