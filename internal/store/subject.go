package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"regie"
	"regie/internal/policy"
)

// The data subject's access (AVG 15) and portability (AVG 20): everything
// regie holds about one family member in one export.
//
// What goes in:
//   - the person's own record (members);
//   - every row of every table that references the member (exportRefs: a
//     section per referencing column; a test finds the referencing columns
//     in the schema and fails for one without a section here);
//   - the family's records that concern them (exportFamily): the family's
//     details, the household (names and relation of the others only), the
//     safety concerns about the family as a whole, the family's contacts,
//     the plan's versions (its general part), the consents' organisations,
//     the phases, the balance model; and the person's own youth track's
//     plan;
//   - their requests for rectification, and the family's access log.
//
// What stays out (ExportWithheld, with the reason): another youth's
// confidential track and contacts (SegYouthConfidential is that youth's,
// not the family's), safety concerns about another member, and the
// informal network persons' details (their own personal data: name,
// phone, note); their number is given.

// exportSection is one section of the export: the query's columns are
// the JSON field names. $1 is the member, $2 the family: every query is
// scoped by the family first, so it runs on the family's indexes however
// large the database (a member's rows are all in their family's records;
// the test counts them without that scope, so a row outside it shows).
type exportSection struct {
	key, source, query string
}

// exportRefs are the sections of the rows that reference the member, one
// per referencing column ("table.column").
var exportRefs = []exportSection{
	{"destruction_requests", "destruction_requests.member_id", `SELECT id, received_on, what, outcome, exception, reason, decided_at
		FROM destruction_requests WHERE family_id = $2 AND member_id = $1 ORDER BY received_on, id`},
	{"assignments", "assignments.member_id", `SELECT a.id, a.kind, u.name AS worker, a.started_on, a.ended_on
		FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.family_id = $2 AND a.member_id = $1 ORDER BY a.started_on, a.id`},
	{"safety_concerns", "safety_concerns.member_id", `SELECT id, what, since, severity, actions, meldcode, created_at, resolved_on, resolved_note
		FROM safety_concerns WHERE family_id = $2 AND member_id = $1 ORDER BY since, id`},
	{"contacts_attended", "contact_members.member_id", `SELECT c.id, c.contact_date AS date, c.start_time, c.minutes, c.kind, c.attempt,
		u.name AS worker, c.partners, c.practical,
		CASE WHEN c.youth_member_id IS NULL OR c.youth_member_id = $1 THEN c.note ELSE '' END AS note
		FROM contacts c JOIN contact_members cm ON cm.contact_id = c.id JOIN users u ON u.id = c.user_id
		WHERE c.family_id = $2 AND cm.member_id = $1 ORDER BY c.contact_date, c.start_time, c.id`},
	{"youth_contacts", "contacts.youth_member_id", `SELECT c.id, c.contact_date AS date, c.start_time, c.minutes, c.kind, c.attempt,
		u.name AS worker, c.note
		FROM contacts c JOIN users u ON u.id = c.user_id WHERE c.family_id = $2 AND c.youth_member_id = $1 ORDER BY c.contact_date, c.start_time, c.id`},
	{"plan_member_scores", "plan_member_scores.member_id", `SELECT v.number AS plan_version, s.domain, s.score
		FROM plan_member_scores s JOIN plan_versions v ON v.id = s.version_id WHERE v.family_id = $2 AND s.member_id = $1 ORDER BY v.number, s.domain`},
	{"plan_goals", "plan_goals.member_id", `SELECT v.number AS plan_version, g.term, g.domain, g.text
		FROM plan_goals g JOIN plan_versions v ON v.id = g.version_id WHERE v.family_id = $2 AND g.member_id = $1 ORDER BY v.number, g.position, g.id`},
	{"plan_agreements", "plan_agreements.member_id", `SELECT v.number AS plan_version, a.domain, a.what, a.due
		FROM plan_agreements a JOIN plan_versions v ON v.id = a.version_id WHERE v.family_id = $2 AND a.member_id = $1 ORDER BY v.number, a.position, a.id`},
	{"moment_scores", "moment_scores.member_id", `SELECT m.on_date AS date, m.kind, s.domain, s.score
		FROM moment_scores s JOIN score_moments m ON m.id = s.moment_id WHERE m.family_id = $2 AND s.member_id = $1 ORDER BY m.on_date, s.domain`},
	{"trajectories", "trajectories.member_id", `SELECT t.id, t.domain, COALESCE(o.name, '') AS organisation, t.intervention, t.status,
		t.waiting_since, t.started_on, t.ended_on, t.reason, t.contact_person
		FROM trajectories t LEFT JOIN organisations o ON o.id = t.org_id WHERE t.family_id = $2 AND t.member_id = $1 ORDER BY t.id`},
	{"consents_signed", "consent_signers.member_id", `SELECT c.id, c.signed_on, c.valid_until, c.withdrawn_on, c.withdraw_reason
		FROM consent_signers s JOIN consents c ON c.id = s.consent_id WHERE c.family_id = $2 AND s.member_id = $1 ORDER BY c.signed_on, c.id`},
	{"network_attendance", "network_attendees.member_id", `SELECT m.id AS meeting, m.held_on, m.agencies, m.notes
		FROM network_attendees a JOIN network_meetings m ON m.id = a.meeting_id WHERE m.family_id = $2 AND a.member_id = $1 ORDER BY m.held_on, m.id`},
	{"network_agreements", "network_agreements.owner_member_id", `SELECT a.id, a.meeting_id AS meeting, a.what, a.due
		FROM network_agreements a WHERE a.family_id = $2 AND a.owner_member_id = $1 ORDER BY a.due, a.id`},
	{"council_attendance", "council_people.member_id", `SELECT c.id AS council, c.held_on, c.place,
		CASE WHEN p.invited THEN 'ja' ELSE 'nee' END AS invited, CASE WHEN p.attended THEN 'ja' ELSE 'nee' END AS attended
		FROM council_people p JOIN councils c ON c.id = p.council_id WHERE c.family_id = $2 AND p.member_id = $1 ORDER BY c.held_on, c.id`},
	{"council_agreements", "council_agreements.member_id", `SELECT c.id AS council, c.held_on, a.domain, a.what, a.due
		FROM council_agreements a JOIN councils c ON c.id = a.council_id WHERE c.family_id = $2 AND a.member_id = $1
		ORDER BY c.held_on, a.position, a.id`},
	{"evaluations", "evaluation_members.member_id", `SELECT e.id, e.kind, e.on_date AS date, e.casemanager, e.team, e.others, e.closing_answer
		FROM evaluation_members em JOIN evaluations e ON e.id = em.evaluation_id WHERE e.family_id = $2 AND em.member_id = $1 ORDER BY e.on_date, e.id`},
	{"checkups", "checkup_parties.member_id", `SELECT c.id, c.held_on, c.family_doing, c.cooperation, c.assessment
		FROM checkup_parties p JOIN checkups c ON c.id = p.checkup_id WHERE c.family_id = $2 AND p.member_id = $1 ORDER BY c.held_on, c.id`},
	{"youth_tracks", "youth_tracks.member_id", `SELECT t.id, u.name AS worker, t.started_on, t.closed_on
		FROM youth_tracks t JOIN users u ON u.id = t.worker_id WHERE t.family_id = $2 AND t.member_id = $1 ORDER BY t.started_on, t.id`},
	{"youth_consents", "youth_consents.member_id", `SELECT id, signed_on, valid_until, withdrawn_on, withdraw_reason,
		CASE WHEN youth_signed THEN 'ja' ELSE 'nee' END AS youth_signed,
		CASE WHEN share_coordinator THEN 'ja' ELSE 'nee' END AS share_coordinator,
		CASE WHEN share_family THEN 'ja' ELSE 'nee' END AS share_family, note
		FROM youth_consents WHERE family_id = $2 AND member_id = $1 ORDER BY signed_on, id`},
	// The person in the family's genogram: what is recorded of them
	// there (the relatives' own rows are theirs, see exportWithheld).
	{"genogram", "genogram_persons.member_id", `SELECT sex, generation, death_year,
		CASE WHEN deceased THEN 'ja' ELSE 'nee' END AS deceased, markers, note
		FROM genogram_persons WHERE family_id = $2 AND member_id = $1 ORDER BY id`},
	// A parent who co-signed a youth's consent sees that they signed and
	// what it shares, not the youth's note.
	{"youth_consents_cosigned", "youth_consents.parent_id", `SELECT y.id, m.given_name AS youth, y.signed_on, y.valid_until, y.withdrawn_on,
		CASE WHEN y.share_coordinator THEN 'ja' ELSE 'nee' END AS share_coordinator,
		CASE WHEN y.share_family THEN 'ja' ELSE 'nee' END AS share_family
		FROM youth_consents y JOIN members m ON m.id = y.member_id WHERE y.family_id = $2 AND y.parent_id = $1 ORDER BY y.signed_on, y.id`},
}

// ExportSources lists the referencing columns the export covers
// ("table.column"), with the two whose rows are in the export's own
// lists: the access log (audit.member_id) and the requests for
// rectification (rectifications.member_id).
func ExportSources() []string {
	out := []string{"audit.member_id", "rectifications.member_id"}
	for _, s := range exportRefs {
		out = append(out, s.source)
	}
	return out
}

// exportFamily are the family's records that concern the person.
var exportFamily = []exportSection{
	{"family", "", `SELECT f.id, f.household_name, f.street, f.postcode, f.city, COALESCE(d.name, '') AS district,
		f.dutch_proficiency, f.languages, CASE WHEN f.interpreter_needed THEN 'ja' ELSE 'nee' END AS interpreter_needed,
		f.composition_notes, f.created_at, f.closed_at, f.close_reason
		FROM families f LEFT JOIN districts d ON d.id = f.district_id WHERE f.id = $2 AND $1 <> 0`},
	{"household", "", `SELECT given_name, family_name, relation, started_on, ended_on
		FROM members WHERE family_id = $2 AND id <> $1 ORDER BY birth_date, id`},
	{"family_safety_concerns", "", `SELECT id, what, since, severity, actions, meldcode, created_at, resolved_on, resolved_note
		FROM safety_concerns WHERE family_id = $2 AND member_id IS NULL AND $1 <> 0 ORDER BY since, id`},
	{"family_contacts", "", `SELECT c.id, c.contact_date AS date, c.start_time, c.minutes, c.kind, c.attempt, u.name AS worker,
		c.partners, c.practical, c.note
		FROM contacts c JOIN users u ON u.id = c.user_id
		WHERE c.family_id = $2 AND c.youth_member_id IS NULL
			AND NOT EXISTS (SELECT 1 FROM contact_members cm WHERE cm.contact_id = c.id AND cm.member_id = $1)
		ORDER BY c.contact_date, c.start_time, c.id`},
	{"plan_versions", "", `SELECT number, status, origin, history, strengths, obstacles, problems, situation, closing_question,
		agreed_on, agreed_with FROM plan_versions WHERE family_id = $2 AND $1 <> 0 ORDER BY number`},
	{"plan_domains", "", `SELECT v.number AS plan_version, d.domain, d.situation, d.strengths, d.obstacles, d.score
		FROM plan_domains d JOIN plan_versions v ON v.id = d.version_id WHERE v.family_id = $2 AND $1 <> 0 ORDER BY v.number, d.domain`},
	{"plan_family_goals", "", `SELECT v.number AS plan_version, g.term, g.domain, g.text
		FROM plan_goals g JOIN plan_versions v ON v.id = g.version_id WHERE v.family_id = $2 AND g.member_id IS NULL AND $1 <> 0
		ORDER BY v.number, g.position, g.id`},
	{"handovers", "", `SELECT h.handed_over_on, o.name AS organisation, h.contact_person, h.goals, h.tasks
		FROM handovers h JOIN organisations o ON o.id = h.org_id WHERE h.family_id = $2 AND $1 <> 0 ORDER BY h.handed_over_on, h.id`},
	{"family_closings", "", `SELECT c.closed_on, c.outcome, c.reason, COALESCE(o.name, '') AS organisation, c.onward_reason
		FROM family_closings c LEFT JOIN organisations o ON o.id = c.onward_org_id WHERE c.family_id = $2 AND $1 <> 0 ORDER BY c.closed_on, c.id`},
	{"consent_parties", "", `SELECT p.consent_id AS consent, o.name AS organisation, p.purpose, p.kinds
		FROM consent_parties p JOIN consents c ON c.id = p.consent_id JOIN organisations o ON o.id = p.org_id
		WHERE c.family_id = $2 AND $1 <> 0 ORDER BY c.signed_on, c.id, o.name`},
	{"phase_transitions", "", `SELECT phase, started_on, reason FROM phase_transitions WHERE family_id = $2 AND $1 <> 0 ORDER BY started_on, id`},
	{"balance_factors", "", `SELECT m.recorded_on AS date, f.kind, f.level, f.text, f.weight
		FROM balance_factors f JOIN balance_moments m ON m.id = f.moment_id WHERE f.family_id = $2 AND $1 <> 0
		ORDER BY m.recorded_on, m.id, f.id`},
	{"balance_goal_lines", "", `SELECT goal_key, line FROM balance_goal_lines WHERE family_id = $2 AND $1 <> 0 ORDER BY goal_key, line`},
	// The person's own youth track: their goals and agreements.
	{"youth_goals", "", `SELECT g.track_id AS track, g.domain, g.words, g.steps
		FROM youth_goals g JOIN youth_tracks t ON t.id = g.track_id WHERE t.member_id = $1 AND t.family_id = $2 ORDER BY g.track_id, g.id`},
	{"youth_agreements", "", `SELECT a.track_id AS track, a.owner, a.what, a.due, a.status
		FROM youth_agreements a JOIN youth_tracks t ON t.id = a.track_id WHERE t.member_id = $1 AND t.family_id = $2 ORDER BY a.track_id, a.id`},
	{"youth_scores", "", `SELECT m.track_id AS track, m.scored_on, m.kind, s.domain, s.score
		FROM youth_scores s JOIN youth_score_moments m ON m.id = s.moment_id JOIN youth_tracks t ON t.id = m.track_id
		WHERE t.member_id = $1 AND t.family_id = $2 ORDER BY m.scored_on, s.domain`},
	{"youth_evaluations", "", `SELECT e.track_id AS track, e.held_on, e.how_now
		FROM youth_evaluations e JOIN youth_tracks t ON t.id = e.track_id WHERE t.member_id = $1 AND t.family_id = $2 ORDER BY e.held_on, e.id`},
}

// exportWithheld counts what is another person's, with the reason.
var exportWithheld = []struct {
	key, reason, query string
}{
	{"youth_confidential", "Wat een andere jongere (12–24 jaar) vertrouwelijk met de jeugdhulpverlener deelt, is van die jongere " +
		"en niet van het gezin; het komt alleen in de inzage van die jongere zelf (AVG art. 15 lid 4; Jeugdwet art. 7.3.11).",
		`SELECT (SELECT count(*) FROM contacts c WHERE c.family_id = $2 AND c.youth_member_id IS NOT NULL AND c.youth_member_id <> $1
			AND NOT EXISTS (SELECT 1 FROM contact_members cm WHERE cm.contact_id = c.id AND cm.member_id = $1))
		+ (SELECT count(*) FROM contact_members cm JOIN contacts c ON c.id = cm.contact_id
			WHERE cm.member_id = $1 AND c.youth_member_id IS NOT NULL AND c.youth_member_id <> $1 AND c.note <> '')
		+ (SELECT count(*) FROM youth_goals g JOIN youth_tracks t ON t.id = g.track_id WHERE t.family_id = $2 AND t.member_id <> $1)
		+ (SELECT count(*) FROM youth_agreements a JOIN youth_tracks t ON t.id = a.track_id WHERE t.family_id = $2 AND t.member_id <> $1)
		+ (SELECT count(*) FROM youth_evaluations e JOIN youth_tracks t ON t.id = e.track_id WHERE t.family_id = $2 AND t.member_id <> $1)
		+ (SELECT count(*) FROM youth_score_moments m JOIN youth_tracks t ON t.id = m.track_id WHERE t.family_id = $2 AND t.member_id <> $1)`},
	{"others_safety_concerns", "Zorgen over de veiligheid van een ander gezinslid zijn gegevens van dat gezinslid; een ouder of " +
		"wettelijk vertegenwoordiger vraagt ze op namens dat gezinslid (AVG art. 15 lid 4).",
		`SELECT count(*) FROM safety_concerns WHERE family_id = $2 AND member_id IS NOT NULL AND member_id <> $1`},
	{"genogram_relatives", "Familieleden in het genogram die niet in het huishouden staan (naam, jaren, wat er speelt) zijn " +
		"gegevens van die familieleden zelf (AVG art. 15 lid 4).",
		`SELECT count(*) FROM genogram_persons WHERE family_id = $2 AND member_id IS NULL AND $1 <> 0`},
	{"network_persons", "De personen uit het informele netwerk (naam, telefoon, notitie) zijn gegevens van die personen zelf; " +
		"zij worden alleen genoemd waar zij een afspraak uitvoeren (AVG art. 15 lid 4).",
		`SELECT count(*) FROM network_persons WHERE family_id = $2 AND $1 <> 0`},
	{"sociogram_ties", "De banden in het sociogram noemen mensen buiten het huishouden (familie, vrienden, buren); " +
		"hun namen en wat de band voor het gezin betekent zijn ook gegevens van die personen (AVG art. 15 lid 4).",
		`SELECT count(*) FROM sociogram_ties WHERE family_id = $2 AND $1 <> 0`},
}

// exportWithheldTitles are the withheld parts' Dutch titles.
var exportWithheldTitles = map[string]string{
	"youth_confidential":     "Vertrouwelijk jeugdtraject van een andere jongere",
	"others_safety_concerns": "Zorgen over de veiligheid van een ander gezinslid",
	"network_persons":        "Informeel netwerk",
	"genogram_relatives":     "Familieleden in het genogram",
	"sociogram_ties":         "Sociogram",
}

// FindPersonExportFamily implements regie.PrivacyService.
func (s *Store) FindPersonExportFamily(ctx context.Context, familyID int64) (*regie.PersonExportFamily, error) {
	var out *regie.PersonExportFamily
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.familyFacts(ctx, familyID)
		if err != nil {
			return err
		}
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegPersonExport, f, familyID, 0, regie.NotFound())
		if err != nil {
			return err
		}
		out = &regie.PersonExportFamily{ID: familyID}
		if err := tx.QueryRowContext(ctx, `SELECT household_name FROM families WHERE id = $1`, familyID).Scan(&out.HouseholdName); err != nil {
			return fmt.Errorf("store: person export family: %w", err)
		}
		if out.Members, err = tx.findMembers(ctx, familyID); err != nil {
			return err
		}
		if out.Rectifications, err = tx.findRectifications(ctx, regie.RectificationFilter{FamilyID: &familyID}); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegPersonExport,
			FamilyID: familyID, Basis: dec.Basis, Detail: "gezinsleden voor inzage"})
	})
	return out, err
}

// ExportPerson implements regie.PrivacyService: one transaction reads
// everything and writes the export's audit row, naming family and member.
func (s *Store) ExportPerson(ctx context.Context, familyID, memberID int64) (*regie.PersonExport, error) {
	var out *regie.PersonExport
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.familyFacts(ctx, familyID)
		if err != nil {
			return err
		}
		dec, err := tx.decide(ctx, regie.ActionExport, regie.SegPersonExport, f, familyID, memberID, regie.NotFound())
		if err != nil {
			return err
		}
		m, err := tx.findMember(ctx, familyID, memberID)
		if err != nil {
			return err
		}
		e := &regie.PersonExport{Version: regie.PersonExportVersion, MadeAt: tx.now.UTC(),
			Person: regie.ExportPerson{ID: m.ID, GivenName: m.GivenName, FamilyName: m.FamilyName, BirthDate: m.BirthDate.ISO(),
				Relation: string(m.Relation), BSN: m.BSN, StartedOn: m.StartedOn.ISO(), EndedOn: m.EndedOn.ISO(), EndReason: m.EndReason},
			Family:   regie.ExportFamily{ID: familyID, DossierNumber: regie.DossierNumber(familyID)},
			Sections: []*regie.ExportSection{}, Withheld: []regie.ExportWithheld{}, Rectifications: []regie.ExportRectification{},
			Access: []regie.ExportAccess{}}
		if err := tx.QueryRowContext(ctx, `SELECT u.name, COALESCE(o.name, '') FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
			WHERE u.id = $1`, tx.actor.UserID).Scan(&e.MadeBy, &e.Controller); err != nil {
			return fmt.Errorf("store: export person: maker: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT household_name FROM families WHERE id = $1`, familyID).Scan(&e.Family.HouseholdName); err != nil {
			return fmt.Errorf("store: export person: family: %w", err)
		}
		// The family and household first, then the rows that reference
		// the person, then the rest of the family's records.
		sections := make([]exportSection, 0, len(exportFamily)+len(exportRefs))
		sections = append(append(append(sections, exportFamily[:2]...), exportRefs...), exportFamily[2:]...)
		for _, sec := range sections {
			rows, err := tx.exportRows(ctx, sec.query, memberID, familyID)
			if err != nil {
				return fmt.Errorf("store: export person: %s: %w", sec.key, err)
			}
			e.Sections = append(e.Sections, &regie.ExportSection{Key: sec.key, Title: regie.ExportSectionTitle(sec.key), Source: sec.source, Rows: rows})
		}
		for _, w := range exportWithheld {
			var n int
			if err := tx.QueryRowContext(ctx, w.query, memberID, familyID).Scan(&n); err != nil {
				return fmt.Errorf("store: export person: withheld %s: %w", w.key, err)
			}
			if n > 0 {
				e.Withheld = append(e.Withheld, regie.ExportWithheld{Key: w.key, Title: exportWithheldTitles[w.key], Count: n, Reason: w.reason})
			}
		}
		rs, err := tx.findRectifications(ctx, regie.RectificationFilter{FamilyID: &familyID})
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.MemberID == memberID {
				e.Rectifications = append(e.Rectifications, r.Export())
			}
		}
		if e.Access, err = tx.exportAccess(ctx, familyID); err != nil {
			return err
		}
		out = e
		return tx.audit(ctx, auditRecord{Action: regie.ActionExport, Outcome: regie.OutcomeOK, Segment: regie.SegPersonExport,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: "inzage en export van een persoon (AVG 15/20)"})
	})
	return out, err
}

// exportRows runs one section's query and returns its rows as text
// fields named by the query's columns.
func (tx *tx) exportRows(ctx context.Context, query string, memberID, familyID int64) ([]regie.ExportRow, error) {
	args := []any{memberID}
	if strings.Contains(query, "$2") {
		args = append(args, familyID)
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []regie.ExportRow{}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(regie.ExportRow, len(cols))
		for i, c := range cols {
			row[i] = regie.ExportField{Name: c, Value: exportText(vals[i])}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// exportText writes a value the same on both databases: dates as ISO
// dates, instants in UTC RFC 3339, numbers in decimal.
func exportText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "ja"
		}
		return "nee"
	case time.Time:
		v = v.UTC()
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02")
		}
		return v.Format(time.RFC3339)
	case []byte:
		return exportText(string(v))
	case string:
		if len(v) > 10 && strings.HasSuffix(v, "Z") {
			if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
				return t.UTC().Format(time.RFC3339)
			}
		}
		return v
	}
	return fmt.Sprint(v)
}

// exportAccess is the family's access log, newest first, for the person:
// who, when, what, how it ended.
func (tx *tx) exportAccess(ctx context.Context, familyID int64) ([]regie.ExportAccess, error) {
	rows, err := tx.QueryContext(ctx, `SELECT a.ts, COALESCE(u.name, ''), a.role, a.action, a.segment, a.outcome, a.basis, a.member_id
		FROM audit a LEFT JOIN users u ON u.id = a.user_id
		WHERE a.family_id = $1 AND a.family_id <> 0 ORDER BY a.ts DESC, a.id DESC`, familyID)
	if err != nil {
		return nil, fmt.Errorf("store: export access: %w", err)
	}
	defer rows.Close()
	out := []regie.ExportAccess{}
	for rows.Next() {
		var (
			a                              regie.ExportAccess
			role, action, segment, outcome string
		)
		if err := rows.Scan(timeScan{&a.Time}, &a.UserName, &role, &action, &segment, &outcome, &a.Basis, &a.MemberID); err != nil {
			return nil, err
		}
		a.Role, a.Action, a.Segment, a.Outcome = regie.Role(role), regie.Action(action), regie.Segment(segment), regie.Outcome(outcome)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Requests for rectification (AVG 16).

const rectificationColumns = `r.id, r.family_id, r.member_id, m.given_name, m.family_name, r.segment, r.what, r.requested, r.received_on,
	COALESCE(ur.name, ''), r.outcome, r.reason, r.decided_on, COALESCE(ud.name, ''), f.household_name`

func scanRectification(sc interface{ Scan(...any) error }, r *regie.Rectification) error {
	var given, family, seg, outcome string
	if err := sc.Scan(&r.ID, &r.FamilyID, &r.MemberID, &given, &family, &seg, &r.What, &r.Requested, dateScan{&r.ReceivedOn},
		&r.RecordedBy, &outcome, &r.Reason, dateScan{&r.DecidedOn}, &r.DecidedBy, &r.HouseholdName); err != nil {
		return err
	}
	r.MemberName = strings.TrimSpace(given + " " + family)
	r.Segment, r.Outcome = regie.Segment(seg), regie.RectificationOutcome(outcome)
	return nil
}

func (tx *tx) findRectifications(ctx context.Context, f regie.RectificationFilter) ([]*regie.Rectification, error) {
	var out []*regie.Rectification
	b := tx.batch()
	b.rectifications(f, &out)
	return out, b.run(ctx)
}

// rectifications queues tx.findRectifications's read into *out.
func (b *batch) rectifications(f regie.RectificationFilter, out *[]*regie.Rectification) {
	where, args := []string{"1 = 1"}, []any{}
	if f.FamilyID != nil {
		args = append(args, *f.FamilyID)
		where = append(where, fmt.Sprintf("r.family_id = $%d", len(args)))
	}
	if f.OpenOnly {
		where = append(where, "r.outcome = ''")
	}
	b.each("find rectifications", `SELECT `+rectificationColumns+`
		FROM rectifications r JOIN members m ON m.id = r.member_id JOIN families f ON f.id = r.family_id
		LEFT JOIN users ur ON ur.id = r.recorded_by LEFT JOIN users ud ON ud.id = r.decided_by
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY CASE WHEN r.outcome = '' THEN 0 ELSE 1 END, r.received_on, r.id`, args, func(sc scanner) error {
		r := &regie.Rectification{}
		if err := scanRectification(sc, r); err != nil {
			return err
		}
		*out = append(*out, r)
		return nil
	})
}

// FindRectifications implements regie.PrivacyService. One family's
// requests are read by whoever reads the family's members and the privacy
// officer; the list of all requests (no family) is the privacy officer's,
// audited once per family it shows.
func (s *Store) FindRectifications(ctx context.Context, f regie.RectificationFilter) ([]*regie.Rectification, error) {
	var out []*regie.Rectification
	err := s.write(ctx, func(tx *tx) error {
		var facts *policy.Facts
		var fam int64
		if f.FamilyID != nil {
			fam = *f.FamilyID
			var err error
			if facts, err = tx.familyFacts(ctx, fam); err != nil {
				return err
			}
		}
		denied := regie.Forbidden()
		if f.FamilyID != nil {
			denied = regie.NotFound()
		}
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegRectification, facts, fam, 0, denied)
		if err != nil {
			return err
		}
		if out, err = tx.findRectifications(ctx, f); err != nil {
			return err
		}
		rec := auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegRectification, FamilyID: fam, Basis: dec.Basis}
		if f.FamilyID != nil {
			return tx.audit(ctx, rec)
		}
		var subjects []auditSubject
		seen := map[int64]bool{}
		for _, r := range out {
			if !seen[r.FamilyID] {
				seen[r.FamilyID] = true
				subjects = append(subjects, auditSubject{FamilyID: r.FamilyID})
			}
		}
		rec.Detail = "lijst van verzoeken tot correctie"
		return tx.auditEach(ctx, rec, subjects)
	})
	return out, err
}

// CreateRectification implements regie.PrivacyService.
func (s *Store) CreateRectification(ctx context.Context, familyID int64, in regie.RectificationInput) (*regie.Rectification, error) {
	var out *regie.Rectification
	err := s.write(ctx, func(tx *tx) error {
		f, err := tx.familyFacts(ctx, familyID)
		if err != nil {
			return err
		}
		dec, err := tx.decide(ctx, regie.ActionCreate, regie.SegRectification, f, familyID, in.MemberID, regie.NotFound())
		if err != nil {
			return err
		}
		members, err := tx.findMembers(ctx, familyID)
		if err != nil {
			return err
		}
		in.Normalize()
		received, err := in.Validate(members, tx.today())
		if err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO rectifications (family_id, member_id, segment, what, requested, received_on, recorded_by, recorded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			familyID, in.MemberID, string(in.Segment), in.What, in.Requested, date(received), tx.actor.UserID, ts(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("store: create rectification: %w", err)
		}
		out = &regie.Rectification{}
		if err := scanRectification(tx.QueryRowContext(ctx, `SELECT `+rectificationColumns+`
			FROM rectifications r JOIN members m ON m.id = r.member_id JOIN families f ON f.id = r.family_id
			LEFT JOIN users ur ON ur.id = r.recorded_by LEFT JOIN users ud ON ud.id = r.decided_by WHERE r.id = $1`, id), out); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegRectification,
			FamilyID: familyID, MemberID: in.MemberID, Basis: dec.Basis, Detail: fmt.Sprintf("verzoek tot correctie %d", id)})
	})
	return out, err
}

// DecideRectification implements regie.PrivacyService. The outcome is
// written once: a decided request is not changed (a new request is).
func (s *Store) DecideRectification(ctx context.Context, familyID, id int64, in regie.RectificationDecision) error {
	return s.write(ctx, func(tx *tx) error {
		f, err := tx.familyFacts(ctx, familyID)
		if err != nil {
			return err
		}
		var memberID int64
		var received regie.Date
		var outcome string
		err = tx.QueryRowContext(ctx, `SELECT member_id, received_on, outcome FROM rectifications WHERE id = $1 AND family_id = $2`, id, familyID).
			Scan(&memberID, dateScan{&received}, &outcome)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: decide rectification: %w", err)
		}
		if errors.Is(err, sql.ErrNoRows) {
			f = &policy.Facts{} // no such request: refused like a hidden one
		}
		dec, err := tx.decide(ctx, regie.ActionUpdate, regie.SegRectification, f, familyID, memberID, regie.NotFound())
		if err != nil {
			return err
		}
		if outcome != "" {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgRectificationDecided))
		}
		in.Normalize()
		decided, err := in.Validate(received, tx.today())
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE rectifications SET outcome = $1, reason = $2, decided_on = $3, decided_by = $4, decided_at = $5
			WHERE id = $6 AND outcome = ''`, string(in.Outcome), in.Reason, date(decided), tx.actor.UserID, ts(tx.now), id)
		if err != nil {
			return fmt.Errorf("store: decide rectification: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return regie.Errorf(regie.ECONFLICT, "%s", regie.Text(regie.MsgRectificationDecided))
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegRectification,
			FamilyID: familyID, MemberID: memberID, Basis: dec.Basis, Detail: fmt.Sprintf("besluit op verzoek tot correctie %d: %s", id, in.Outcome)})
	})
}

// ProcessingRegister implements regie.PrivacyService: the register from
// regie's definitions and the organisations in the database.
func (s *Store) ProcessingRegister(ctx context.Context) (*regie.ProcessingRegister, error) {
	var out *regie.ProcessingRegister
	err := s.write(ctx, func(tx *tx) error {
		dec, err := tx.decide(ctx, regie.ActionRead, regie.SegRegister, nil, 0, 0, regie.Forbidden())
		if err != nil {
			return err
		}
		names := func(q string) ([]string, error) {
			rows, err := tx.QueryContext(ctx, q)
			if err != nil {
				return nil, fmt.Errorf("store: register: %w", err)
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var n string
				if err := rows.Scan(&n); err != nil {
					return nil, err
				}
				out = append(out, n)
			}
			return out, rows.Err()
		}
		own, err := names(`SELECT name FROM organisations WHERE own ORDER BY name`)
		if err != nil {
			return err
		}
		recipients, err := names(`SELECT DISTINCT o.name FROM consent_parties p JOIN organisations o ON o.id = p.org_id ORDER BY o.name`)
		if err != nil {
			return err
		}
		partners, err := names(`SELECT DISTINCT o.name FROM users u JOIN organisations o ON o.id = u.organisation_id
			WHERE u.role IN ('` + string(regie.RolePartner) + `', '` + string(regie.RoleReferrer) + `') AND NOT o.own ORDER BY o.name`)
		if err != nil {
			return err
		}
		out = regie.NewProcessingRegister(tx.now, own, recipients, partners)
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegRegister, Basis: dec.Basis})
	})
	return out, err
}
