package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"regie"
	"regie/internal/policy"
)

// CreateContact implements regie.ContactService. It is the busiest write
// in regie: the contact, its members, the family summary and the audit row
// in one transaction, with the summary updated in place rather than
// recomputed when the contact is the newest.
func (s *Store) CreateContact(ctx context.Context, familyID int64, in regie.ContactInput) (*regie.Contact, error) {
	var c *regie.Contact
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionCreate, regie.SegContacts, familyID, 0)
		if err != nil {
			return err
		}
		if c, err = tx.insertContact(ctx, familyID, &in, 0); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionCreate, Outcome: regie.OutcomeOK, Segment: regie.SegContacts,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("contactmoment %d: %s, %s", c.ID, strings.ToLower(in.Kind.Label()), in.Attempt.Label())})
	})
	return c, err
}

// insertContact validates and inserts a contact, with its members, and
// adds it to the family's summary; youthMemberID marks a contact of a
// youth's own track (0: none). The caller decided and audits.
func (tx *tx) insertContact(ctx context.Context, familyID int64, in *regie.ContactInput, youthMemberID int64) (*regie.Contact, error) {
	day, start, minutes, err := tx.validateContact(ctx, familyID, in)
	if err != nil {
		return nil, err
	}
	sum, err := tx.lockSummary(ctx, familyID)
	if err != nil {
		return nil, err
	}
	phase, err := tx.phaseOn(ctx, familyID, day, sum)
	if err != nil {
		return nil, err
	}
	c := &regie.Contact{FamilyID: familyID, UserID: tx.actor.UserID, Date: day, Start: start, Minutes: minutes, Kind: in.Kind,
		Attempt: in.Attempt, Members: in.Members, Partners: in.Partners, Practical: in.Practical, Note: in.Note, Phase: phase,
		Version: 1, CreatedAt: tx.now, UpdatedAt: tx.now, YouthMemberID: youthMemberID}
	if err := tx.QueryRowContext(ctx, `INSERT INTO contacts
		(family_id, user_id, contact_date, start_time, minutes, kind, attempt, partners, practical, note, phase, version, created_at, updated_at,
		 youth_member_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12, $13) RETURNING id`,
		familyID, c.UserID, day.ISO(), start, minutes, string(in.Kind), string(in.Attempt), in.Partners, joinPractical(in.Practical),
		in.Note, int(phase), ts(tx.now), nullID(youthMemberID)).Scan(&c.ID); err != nil {
		return nil, fmt.Errorf("store: create contact: %w", err)
	}
	if err := tx.insertContactMembers(ctx, c.ID, in.Members); err != nil {
		return nil, err
	}
	if err := tx.addContactMonth(ctx, c); err != nil {
		return nil, err
	}
	return c, tx.addToSummary(ctx, familyID, sum, c)
}

// validateContact validates the input and checks that the members belong
// to the family.
func (tx *tx) validateContact(ctx context.Context, familyID int64, in *regie.ContactInput) (regie.Date, string, int, error) {
	day, start, minutes, verr := in.Validate(tx.now)
	slices.Sort(in.Members)
	in.Members = slices.Compact(in.Members)
	for _, m := range in.Members {
		if ok, err := tx.exists(ctx, `SELECT count(*) FROM members WHERE id = $1 AND family_id = $2`, m, familyID); err != nil {
			return day, start, minutes, err
		} else if !ok {
			verr = addField(verr, "members", regie.MsgMemberOtherFamily)
		}
	}
	return day, start, minutes, verr
}

func (tx *tx) insertContactMembers(ctx context.Context, contactID int64, members []int64) error {
	for _, m := range members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_members (contact_id, member_id) VALUES ($1, $2)`, contactID, m); err != nil {
			return fmt.Errorf("store: contact members: %w", err)
		}
	}
	return nil
}

// phaseOn returns the family's phase on a day.
func (tx *tx) phaseOn(ctx context.Context, familyID int64, day regie.Date, sum *summary) (regie.Phase, error) {
	if sum.facts.Phase == 0 || !day.Before(sum.facts.PhaseStartedOn) {
		return sum.facts.Phase, nil
	}
	var p regie.Phase
	err := tx.QueryRowContext(ctx, `SELECT phase FROM phase_transitions WHERE family_id = $1 AND started_on <= $2
		ORDER BY started_on DESC, id DESC LIMIT 1`, familyID, day.ISO()).Scan(&p)
	if isNoRows(err) {
		return 0, nil
	}
	return p, err
}

// addToSummary adds a new contact to the family's summary.
func (tx *tx) addToSummary(ctx context.Context, familyID int64, sum *summary, c *regie.Contact) error {
	f := &sum.facts
	// A contact on a later day is the newest; on the same day as the
	// newest, its time decides: it is the newest unless a contact with
	// the family started later that day (at the same time the later
	// recorded counts as the newer, as rejectedStreak orders them).
	// Otherwise the streak is counted again.
	newest := f.LastContactOn.IsZero() || c.Date.After(f.LastContactOn)
	if !newest && c.Kind.WithFamily() && !c.Date.Before(f.LastContactOn) {
		later, err := tx.exists(ctx, `SELECT count(*) FROM contacts WHERE family_id = $1 AND contact_date = $2 AND start_time > $3
			AND `+withFamilySQL, familyID, c.Date.ISO(), c.Start)
		if err != nil {
			return err
		}
		newest = !later
	}
	f.MinutesTotal += c.Minutes
	if c.Phase.Intensive() {
		f.MinutesIntensive += c.Minutes
	}
	if !f.PhaseStartedOn.IsZero() && !c.Date.Before(f.PhaseStartedOn) {
		f.MinutesPhase += c.Minutes
	}
	sum.contacts++
	if f.LastContactOn.IsZero() || c.Date.After(f.LastContactOn) {
		f.LastContactOn = c.Date
	}
	if c.Kind == regie.ContactNetwork && (f.LastNetworkMeetingOn.IsZero() || c.Date.After(f.LastNetworkMeetingOn)) {
		f.LastNetworkMeetingOn = c.Date
	}
	if c.Kind.WithFamily() {
		if c.Reached() && (f.LastReachedOn.IsZero() || c.Date.After(f.LastReachedOn)) {
			f.LastReachedOn = c.Date
		}
		if newest {
			if c.Reached() {
				f.RejectedStreak = 0
			} else {
				f.RejectedStreak++
			}
		} else {
			var err error
			if f.RejectedStreak, err = tx.rejectedStreak(ctx, familyID); err != nil {
				return err
			}
		}
	}
	return tx.writeSummary(ctx, familyID, sum)
}

func joinPractical(ps []regie.Practical) string {
	var ss []string
	for _, p := range ps {
		ss = append(ss, string(p))
	}
	return strings.Join(ss, ",")
}

func splitPractical(s string) []regie.Practical {
	var ps []regie.Practical
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			ps = append(ps, regie.Practical(p))
		}
	}
	return ps
}

const contactColumns = `c.id, c.family_id, c.user_id, u.name, c.contact_date, c.start_time, c.minutes, c.kind, c.attempt, c.partners,
	c.practical, c.note, c.phase, c.version, c.created_at, c.updated_at, COALESCE(ub.name, ''),
	COALESCE(c.youth_member_id, 0), COALESCE(ym.given_name, '')`

// contactFrom joins the author and who changed the contact last.
const contactFrom = ` FROM contacts c JOIN users u ON u.id = c.user_id LEFT JOIN users ub ON ub.id = c.updated_by
	LEFT JOIN members ym ON ym.id = c.youth_member_id`

func scanContact(sc interface{ Scan(...any) error }, c *regie.Contact) error {
	var kind, attempt, practical string
	err := sc.Scan(&c.ID, &c.FamilyID, &c.UserID, &c.UserName, dateScan{&c.Date}, &c.Start, &c.Minutes, &kind, &attempt, &c.Partners,
		&practical, &c.Note, &c.Phase, &c.Version, timeScan{&c.CreatedAt}, timeScan{&c.UpdatedAt}, &c.UpdatedByName,
		&c.YouthMemberID, &c.YouthName)
	c.Kind, c.Attempt, c.Practical = regie.ContactKind(kind), regie.Attempt(attempt), splitPractical(practical)
	return err
}

// contactMembers fills the members of contacts.
func (tx *tx) contactMembers(ctx context.Context, cs []*regie.Contact) error {
	b := tx.batch()
	b.contactMembers(cs)
	return b.run(ctx)
}

// contactMembers queues the read of contactMembers.
func (b *batch) contactMembers(cs []*regie.Contact) {
	if len(cs) == 0 {
		return
	}
	byID := map[int64]*regie.Contact{}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
	}
	d := b.tx.s.d
	b.each("contact members", `SELECT cm.contact_id, m.id, m.given_name FROM contact_members cm JOIN members m ON m.id = cm.member_id
		WHERE `+d.inIDs("cm.contact_id", 1)+` ORDER BY m.birth_date, m.id`, []any{d.idsArg(ids)}, func(sc scanner) error {
		var cid, mid int64
		var name string
		if err := sc.Scan(&cid, &mid, &name); err != nil {
			return err
		}
		c := byID[cid]
		c.Members, c.MemberNames = append(c.Members, mid), append(c.MemberNames, name)
		return nil
	})
}

// findContacts returns a family's contacts, newest first, without a check.
func (tx *tx) findContacts(ctx context.Context, familyID int64, limit, offset int) ([]*regie.Contact, error) {
	var cs []*regie.Contact
	b := tx.batch()
	b.contacts(familyID, limit, offset, &cs)
	return cs, b.run(ctx)
}

// contacts queues findContacts's read into *cs, and their members into
// the next round.
func (b *batch) contacts(familyID int64, limit, offset int, cs *[]*regie.Contact) {
	b.each("find contacts", `SELECT `+contactColumns+contactFrom+`
		WHERE c.family_id = $1 ORDER BY c.contact_date DESC, c.start_time DESC, c.id DESC LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(offset),
		[]any{familyID}, func(sc scanner) error {
			c := &regie.Contact{}
			if err := scanContact(sc, c); err != nil {
				return err
			}
			*cs = append(*cs, c)
			return nil
		})
	b.then(func(_ context.Context, next *batch) error {
		next.contactMembers(*cs)
		return nil
	})
}

// FindContacts implements regie.ContactService.
func (s *Store) FindContacts(ctx context.Context, familyID int64, f regie.ContactFilter) ([]*regie.Contact, int, error) {
	var (
		cs    []*regie.Contact
		total int
	)
	err := s.write(ctx, func(tx *tx) error {
		dec, facts, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegContacts, familyID, 0)
		if err != nil {
			return err
		}
		limit := f.Limit
		if limit <= 0 || limit > 200 {
			limit = 50
		}
		if cs, err = tx.findContacts(ctx, familyID, limit, max(f.Offset, 0)); err != nil {
			return err
		}
		discloseContacts(cs, disclosure(dec))
		if err := tx.hideConfidential(ctx, facts, familyID, cs); err != nil {
			return err
		}
		tx.markContactEdits(cs, facts)
		if err := tx.QueryRowContext(ctx, `SELECT contacts FROM family_summaries WHERE family_id = $1`, familyID).Scan(&total); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegContacts,
			FamilyID: familyID, Basis: dec.Basis, Detail: "contactmomenten"})
	})
	return cs, total, err
}

// FindContact implements regie.ContactService.
func (s *Store) FindContact(ctx context.Context, familyID, contactID int64) (*regie.Contact, []*regie.ContactVersion, error) {
	var (
		c        *regie.Contact
		versions []*regie.ContactVersion
	)
	err := s.write(ctx, func(tx *tx) error {
		dec, facts, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegContacts, familyID, 0)
		if err != nil {
			return err
		}
		if c, err = tx.findContact(ctx, familyID, contactID); err != nil {
			return err
		}
		discloseContacts([]*regie.Contact{c}, disclosure(dec))
		tx.markContactEdits([]*regie.Contact{c}, facts)
		rows, err := tx.QueryContext(ctx, `SELECT v.version, v.snapshot, u.name, v.changed_at FROM contact_versions v
			JOIN users u ON u.id = v.changed_by WHERE v.contact_id = $1 ORDER BY v.version DESC`, contactID)
		if err != nil {
			return fmt.Errorf("store: contact versions: %w", err)
		}
		for rows.Next() {
			v := &regie.ContactVersion{}
			var snap string
			if err := rows.Scan(&v.Version, &snap, &v.ChangedBy, timeScan{&v.ChangedAt}); err != nil {
				rows.Close()
				return err
			}
			if err := json.Unmarshal([]byte(snap), &v.Contact); err != nil {
				rows.Close()
				return fmt.Errorf("store: contact version %d: %w", v.Version, err)
			}
			versions = append(versions, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := tx.hideConfidential(ctx, facts, familyID, []*regie.Contact{c}, versions...); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegContacts,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("contactmoment %d", contactID)})
	})
	return c, versions, err
}

func (tx *tx) findContact(ctx context.Context, familyID, contactID int64) (*regie.Contact, error) {
	c := &regie.Contact{}
	err := scanContact(tx.QueryRowContext(ctx, `SELECT `+contactColumns+contactFrom+`
		WHERE c.id = $1 AND c.family_id = $2`, contactID, familyID), c)
	if isNoRows(err) {
		return nil, regie.NotFound()
	} else if err != nil {
		return nil, fmt.Errorf("store: find contact: %w", err)
	}
	return c, tx.contactMembers(ctx, []*regie.Contact{c})
}

// markContactEdits sets CanEdit on contacts the actor read: the policy
// allows changing the family's contacts, and the actor wrote the contact.
func (tx *tx) markContactEdits(cs []*regie.Contact, f *policy.Facts) {
	family := policy.Decide(tx.actor, regie.ActionUpdate, regie.SegContacts, f).Allow
	for _, c := range cs {
		c.CanEdit = family && !c.NoteWithheld && policy.ContactChange(tx.actor, c.UserID).Allow
	}
}

// UpdateContact implements regie.ContactService. Only the author changes
// a contact, and only from the version the form showed; the version
// before the change is kept as a snapshot; the summary is recomputed.
func (s *Store) UpdateContact(ctx context.Context, familyID, contactID int64, in regie.ContactInput) error {
	return s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionUpdate, regie.SegContacts, familyID, 0)
		if err != nil {
			return err
		}
		// The summary first, as every writer of the family takes it
		// (lockSummary); then the contact's own row, so a second save
		// of the same contact waits here and then sees the new version.
		if _, err := tx.lockSummary(ctx, familyID); err != nil {
			return err
		}
		var author int64
		var version int
		err = tx.QueryRowContext(ctx, `SELECT user_id, version FROM contacts WHERE id = $1 AND family_id = $2`+tx.s.d.forUpdate,
			contactID, familyID).Scan(&author, &version)
		if isNoRows(err) {
			return regie.NotFound()
		} else if err != nil {
			return fmt.Errorf("store: update contact: %w", err)
		}
		if !policy.ContactChange(tx.actor, author).Allow {
			if err := tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeDenied, Segment: regie.SegContacts,
				FamilyID: familyID, Basis: policy.Denied, Detail: fmt.Sprintf("contactmoment %d: niet de eigen notitie", contactID)}); err != nil {
				return err
			}
			return &errDenied{err: regie.Errorf(regie.EFORBIDDEN, "%s", regie.Text(regie.MsgContactOnlyAuthor))}
		}
		if in.Version != version {
			return regie.Stale()
		}
		old, err := tx.findContact(ctx, familyID, contactID)
		if err != nil {
			return err
		}
		if old.YouthMemberID != 0 {
			// A contact of a youth's track: what the youth told is
			// changed only as the track is written (SegYouthConfidential).
			if _, _, err := tx.authorizeYouth(ctx, regie.ActionUpdate, regie.SegYouthConfidential, familyID, old.YouthMemberID); err != nil {
				return err
			}
		}
		day, start, minutes, err := tx.validateContact(ctx, familyID, &in)
		if err != nil {
			return err
		}
		snap, err := json.Marshal(old)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_versions (contact_id, version, snapshot, changed_by, changed_at)
			VALUES ($1, $2, $3, $4, $5)`, contactID, old.Version, string(snap), tx.actor.UserID, ts(tx.now)); err != nil {
			return fmt.Errorf("store: keep contact version: %w", err)
		}
		sum, err := tx.readSummary(ctx, familyID)
		if err != nil {
			return err
		}
		phase, err := tx.phaseOn(ctx, familyID, day, sum)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET contact_date = $1, start_time = $2, minutes = $3, kind = $4, attempt = $5,
			partners = $6, practical = $7, note = $8, phase = $9, version = version + 1, updated_at = $10, updated_by = $11 WHERE id = $12`,
			day.ISO(), start, minutes, string(in.Kind), string(in.Attempt), in.Partners, joinPractical(in.Practical), in.Note,
			int(phase), ts(tx.now), nullID(tx.actor.UserID), contactID); err != nil {
			return fmt.Errorf("store: update contact: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contact_members WHERE contact_id = $1`, contactID); err != nil {
			return err
		}
		if err := tx.insertContactMembers(ctx, contactID, in.Members); err != nil {
			return err
		}
		if err := tx.refreshContactMonths(ctx, familyID); err != nil {
			return err
		}
		if err := tx.refreshSummary(ctx, familyID); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionUpdate, Outcome: regie.OutcomeOK, Segment: regie.SegContacts,
			FamilyID: familyID, Basis: dec.Basis, Detail: fmt.Sprintf("contactmoment %d gewijzigd (versie %d bewaard)", contactID, old.Version)})
	})
}

// FindHours implements regie.ContactService.
func (s *Store) FindHours(ctx context.Context, familyID int64) (*regie.Hours, error) {
	h := &regie.Hours{PerPhase: map[regie.Phase]int{}}
	err := s.write(ctx, func(tx *tx) error {
		dec, _, err := tx.authorizeFamily(ctx, regie.ActionRead, regie.SegContacts, familyID, 0)
		if err != nil {
			return err
		}
		if err := tx.hours(ctx, familyID, h); err != nil {
			return err
		}
		return tx.audit(ctx, auditRecord{Action: regie.ActionRead, Outcome: regie.OutcomeOK, Segment: regie.SegContacts,
			FamilyID: familyID, Basis: dec.Basis, Detail: "uren"})
	})
	return h, err
}

// hours rolls up a family's minutes per phase, per worker, this month and
// over the last eight weeks.
func (tx *tx) hours(ctx context.Context, familyID int64, h *regie.Hours) error {
	rows, err := tx.QueryContext(ctx, `SELECT phase, SUM(minutes) FROM contacts WHERE family_id = $1 GROUP BY phase`, familyID)
	if err != nil {
		return fmt.Errorf("store: hours: %w", err)
	}
	for rows.Next() {
		var p regie.Phase
		var m int
		if err := rows.Scan(&p, &m); err != nil {
			rows.Close()
			return err
		}
		h.PerPhase[p] = m
		h.Total += m
		if p.Intensive() {
			h.Intensive += m
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT c.user_id, u.name, SUM(c.minutes) FROM contacts c JOIN users u ON u.id = c.user_id
		WHERE c.family_id = $1 GROUP BY c.user_id, u.name ORDER BY 3 DESC`, familyID)
	if err != nil {
		return fmt.Errorf("store: hours: %w", err)
	}
	for rows.Next() {
		var w regie.WorkerHours
		if err := rows.Scan(&w.UserID, &w.Name, &w.Minutes); err != nil {
			rows.Close()
			return err
		}
		h.PerWorker = append(h.PerWorker, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	today := tx.today()
	monthStart := regie.NewDate(today.Time().Year(), today.Time().Month(), 1)
	monday := today.Monday()
	weeks := map[string]int{}
	rows, err = tx.QueryContext(ctx, `SELECT contact_date, minutes FROM contacts WHERE family_id = $1 AND contact_date >= $2`,
		familyID, minDate(monthStart, monday.AddDays(-7*7)).ISO())
	if err != nil {
		return fmt.Errorf("store: hours: %w", err)
	}
	for rows.Next() {
		var d regie.Date
		var m int
		if err := rows.Scan(dateScan{&d}, &m); err != nil {
			rows.Close()
			return err
		}
		if !d.Before(monthStart) {
			h.ThisMonth += m
		}
		weeks[d.Monday().ISO()] += m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i := 7; i >= 0; i-- {
		w := monday.AddDays(-7 * i)
		h.PerWeek = append(h.PerWeek, regie.WeekHours{Monday: w, Minutes: weeks[w.ISO()]})
	}
	return nil
}

func minDate(a, b regie.Date) regie.Date {
	if a.Before(b) {
		return a
	}
	return b
}
