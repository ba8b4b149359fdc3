package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"regie"
	"regie/internal/request"
)

// The family council (Familieberaad): a list per family, a form to plan
// one, the council's page — its fixed agenda printable for the kitchen
// table — a form to record it afterwards, and the one action that adds its
// agreements to the plan.

// councilPeopleField names the checkboxes of a kind of person: member,
// person (the informal network), worker.
var councilPeopleFields = []struct {
	name string
	kind regie.CouncilPersonKind
}{{"member", regie.CouncilMember}, {"person", regie.CouncilNetwork}, {"worker", regie.CouncilWorker}}

// councilPeople reads the checked people of a form.
func councilPeople(f *form) regie.CouncilPeopleInput {
	ids := func(name string) []int64 {
		var out []int64
		for _, v := range f.Values[name] {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				out = append(out, n)
			}
		}
		return out
	}
	return regie.CouncilPeopleInput{Members: ids("member"), Persons: ids("person"), Workers: ids("worker")}
}

// councilChoice is one person that can be checked in a council's form.
type councilChoice struct {
	Name  string // the form field: member, person or worker
	Value string
	Label string
}

// councilChoices are the people that can be invited or checked as
// present: the current members, the informal network taking part on day
// on, the workers assigned; with, for a recorded or planned council, the
// people it already holds (a member who left since, an ended person).
func councilChoices(fam *regie.Family, ps *regie.NetworkPersons, on regie.Date, held []regie.CouncilPerson) []councilChoice {
	var out []councilChoice
	seen := map[string]bool{}
	add := func(name string, id int64, label string) {
		v := strconv.FormatInt(id, 10)
		if !seen[name+v] {
			seen[name+v] = true
			out = append(out, councilChoice{name, v, label})
		}
	}
	for _, m := range fam.CurrentMembers() {
		add("member", m.ID, fmt.Sprintf("%s (%s)", m.Name(), strings.ToLower(m.Relation.Label())))
	}
	for _, p := range held {
		if p.Kind == regie.CouncilMember {
			add("member", p.ID, p.Name)
		}
	}
	for _, o := range networkPersonOptions(ps, on, "") {
		id, _ := strconv.ParseInt(o.Value, 10, 64)
		add("person", id, o.Label+" — informeel netwerk")
	}
	for _, p := range held {
		if p.Kind == regie.CouncilNetwork {
			add("person", p.ID, p.Name+" — informeel netwerk")
		}
	}
	for _, a := range fam.Assignments {
		add("worker", a.UserID, fmt.Sprintf("%s (%s)", a.UserName, strings.ToLower(a.Kind.Label())))
	}
	for _, p := range held {
		if p.Kind == regie.CouncilWorker {
			add("worker", p.ID, p.Name)
		}
	}
	return out
}

// networkOf reads the family's informal network when the reader may see
// it (nil otherwise: no one of it is offered).
func (h *Handler) networkOf(r *http.Request, fam *regie.Family) (*regie.NetworkPersons, error) {
	if !fam.Can.ReadNetworkPersons {
		return nil, nil
	}
	return h.Coordination.FindNetworkPersons(r.Context(), fam.ID)
}

// The list.

type councilsPage struct {
	Family   *regie.Family
	Councils *regie.Councils
	Today    regie.Date
}

func (h *Handler) showCouncils(w http.ResponseWriter, r *http.Request) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	cs, err := h.Councils.FindCouncils(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "councils", &view{Title: "Familieberaad", Nav: h.familyNav(r),
		Page: councilsPage{fam, cs, regie.DateOf(h.Clock.Now())}})
	return nil
}

// Planning one.

type councilPlanPage struct {
	Family *regie.Family
	People []councilChoice
}

var councilPlanFields = []string{"on", "place", "invited"}

func (h *Handler) renderCouncilPlan(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return err
	}
	cs, err := h.Councils.FindCouncils(r.Context(), fam.ID)
	if err != nil {
		return err
	}
	if !cs.CanPlan {
		return regie.Forbidden()
	}
	today := regie.DateOf(h.Clock.Now())
	ps, err := h.networkOf(r, fam)
	if err != nil {
		return err
	}
	p := councilPlanPage{Family: fam, People: councilChoices(fam, ps, today, nil)}
	if f == nil {
		// The whole household is invited, as a rule; the casemanager
		// unticks who is not.
		f = newForm(url.Values{}, councilPlanFields...)
		for _, m := range fam.CurrentMembers() {
			f.Values.Add("member", strconv.FormatInt(m.ID, 10))
		}
	}
	h.render(w, r, status, "council_plan", &view{Title: "Familieberaad plannen", Nav: h.familyNav(r), Form: f, Page: p})
	return nil
}

func (h *Handler) showCouncilNew(w http.ResponseWriter, r *http.Request) error {
	return h.renderCouncilPlan(w, r, http.StatusOK, nil)
}

func (h *Handler) planCouncil(w http.ResponseWriter, r *http.Request) error {
	id, err := request.ID(r, "id")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r, councilPlanFields...)
	if err != nil {
		return err
	}
	c, err := h.Councils.PlanCouncil(r.Context(), id, regie.CouncilPlanInput{On: f.Get("on"), Place: f.Get("place"), Invited: councilPeople(f)})
	if f.withError(err) {
		return h.renderCouncilPlan(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/familieberaad/%d", id, c.ID), regie.MsgFlashCouncilPlanned)
	return nil
}

// The council's page: the agenda to print, what was recorded, the
// take-over.

type councilPage struct {
	Family  *regie.Family
	Council *regie.Council
	Agenda  []regie.CouncilAgendaPoint
	Aspects []regie.Choice[regie.CouncilAspect]
	Rules   []string
	// BlankRows are the empty agreement rows of the printed agenda, to
	// write in at the table.
	BlankRows []int
}

// councilFromPath reads the family and the council of the path.
func (h *Handler) councilFromPath(r *http.Request) (*regie.Family, *regie.Council, error) {
	fam, err := h.familyFromPath(r)
	if err != nil {
		return nil, nil, err
	}
	cid, err := request.ID(r, "fcid")
	if err != nil {
		return nil, nil, err
	}
	c, err := h.Councils.FindCouncil(r.Context(), fam.ID, cid)
	return fam, c, err
}

func (h *Handler) showCouncil(w http.ResponseWriter, r *http.Request) error {
	fam, c, err := h.councilFromPath(r)
	if err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "council", &view{Title: "Familieberaad " + c.On.Dutch(), Nav: h.familyNav(r),
		Page: councilPage{Family: fam, Council: c, Agenda: regie.CouncilAgenda, Aspects: regie.CouncilAspects, Rules: regie.CouncilRules,
			BlankRows: []int{1, 2, 3, 4}}})
	return nil
}

// Recording it.

type councilRecordPage struct {
	Family        *regie.Family
	Council       *regie.Council
	People        []councilChoice
	Agenda        []regie.CouncilAgendaPoint
	Aspects       []regie.Choice[regie.CouncilAspect]
	Owners        []option
	DomainOptions []option
	AgreementRows []int
}

// councilRecordFields lists the record form's fields top to bottom.
func councilRecordFields(agreements int) []string {
	fs := []string{"attended"}
	for _, p := range regie.CouncilAgenda {
		for _, a := range regie.CouncilAspects {
			fs = append(fs, fmt.Sprintf("note-%s-%s", p.Point, a.Value))
		}
	}
	for i := range agreements {
		for _, k := range []string{"what", "owner", "domain", "due"} {
			fs = append(fs, fmt.Sprintf("agreement-%d-%s", i, k))
		}
	}
	return fs
}

// councilValues fills the record form from the council: those who
// attended (or, the first time, those invited), the notes, the
// agreements.
func councilValues(c *regie.Council) url.Values {
	vals := url.Values{}
	for _, p := range c.People {
		if p.Attended || (!c.Recorded() && p.Invited) {
			for _, pf := range councilPeopleFields {
				if pf.kind == p.Kind {
					vals.Add(pf.name, strconv.FormatInt(p.ID, 10))
				}
			}
		}
	}
	for _, n := range c.Notes {
		vals.Set(fmt.Sprintf("note-%s-%s", n.Point, n.Aspect), n.Text)
	}
	for i, a := range c.Agreements {
		set := func(k, val string) { vals.Set(fmt.Sprintf("agreement-%d-%s", i, k), val) }
		set("what", a.What)
		set("domain", string(a.Domain))
		set("due", a.Due.ISO())
		set("owner", ownerValue(a))
	}
	vals.Set("agreement_rows", strconv.Itoa(len(c.Agreements)+planFormRows))
	return vals
}

// ownerValue is an agreement's owner as the forms carry it
// (regie.OwnerChoice).
func ownerValue(a *regie.Agreement) string {
	switch a.OwnerKind {
	case regie.OwnerMember:
		return fmt.Sprintf("m:%d", a.MemberID)
	case regie.OwnerCasemanager:
		return fmt.Sprintf("c:%d", a.MemberID)
	case regie.OwnerOrganisation:
		return fmt.Sprintf("o:%d", a.OrgID)
	case regie.OwnerNetwork:
		return fmt.Sprintf("p:%d", a.PersonID)
	}
	return ""
}

func (h *Handler) renderCouncilRecord(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	fam, c, err := h.councilFromPath(r)
	if err != nil {
		return err
	}
	if !c.CanRecord {
		if c.TakenOverIn != 0 {
			// An old link or a second tab: the plan holds them now.
			h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/familieberaad/%d", fam.ID, c.ID), regie.MsgFlashCouncilTakenOver)
			return nil
		}
		return regie.Forbidden()
	}
	if f == nil {
		f = newForm(councilValues(c))
	}
	agreements := rowCount(f, "agreement_rows")
	f.Order = councilRecordFields(agreements)
	p := councilRecordPage{Family: fam, Council: c, Agenda: regie.CouncilAgenda, Aspects: regie.CouncilAspects,
		DomainOptions: choiceOptions(regie.Domains)}
	ps, err := h.networkOf(r, fam)
	if err != nil {
		return err
	}
	p.People = councilChoices(fam, ps, c.On, c.People)
	for i := range agreements {
		p.AgreementRows = append(p.AgreementRows, i)
	}
	if p.Owners, err = h.agreementOwners(r, fam, ps, c.On); err != nil {
		return err
	}
	h.render(w, r, status, "council_record", &view{Title: "Familieberaad " + c.On.Dutch() + " vastleggen", Nav: h.familyNav(r),
		Form: f, Page: p})
	return nil
}

// agreementOwners are who can own an agreement made on day on, as the
// plan form offers them: the members, the workers of the family, the
// organisations of the social map, the informal network (ps, nil when
// the reader may not see it).
func (h *Handler) agreementOwners(r *http.Request, fam *regie.Family, ps *regie.NetworkPersons, on regie.Date) ([]option, error) {
	var out []option
	for _, m := range fam.CurrentMembers() {
		out = append(out, option{fmt.Sprintf("m:%d", m.ID), fmt.Sprintf("%s (%s)", m.Name(), strings.ToLower(m.Relation.Label()))})
	}
	for _, a := range fam.Assignments {
		out = append(out, option{fmt.Sprintf("c:%d", a.UserID), fmt.Sprintf("%s (%s)", a.UserName, strings.ToLower(a.Kind.Label()))})
	}
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if !o.Own {
			out = append(out, option{fmt.Sprintf("o:%d", o.ID), o.Name})
		}
	}
	return append(out, networkPersonOptions(ps, on, "p:")...), nil
}

func (h *Handler) showCouncilRecord(w http.ResponseWriter, r *http.Request) error {
	return h.renderCouncilRecord(w, r, http.StatusOK, nil)
}

// councilRecordInput reads the record form.
func councilRecordInput(f *form) regie.CouncilRecordInput {
	in := regie.CouncilRecordInput{Attended: councilPeople(f)}
	for _, p := range regie.CouncilAgenda {
		for _, a := range regie.CouncilAspects {
			in.Notes = append(in.Notes, regie.CouncilNote{Point: p.Point, Aspect: a.Value,
				Text: f.Get(fmt.Sprintf("note-%s-%s", p.Point, a.Value))})
		}
	}
	for i := range rowCount(f, "agreement_rows") {
		get := func(k string) string { return f.Get(fmt.Sprintf("agreement-%d-%s", i, k)) }
		in.Agreements = append(in.Agreements, regie.AgreementInput{Owner: get("owner"), Domain: regie.Domain(get("domain")),
			What: get("what"), Due: get("due")})
	}
	return in
}

func (h *Handler) recordCouncil(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := request.IDs(r, "id", "fcid")
	if err != nil {
		return err
	}
	f, err := formFromRequest(r)
	if err != nil {
		return err
	}
	err = h.Councils.RecordCouncil(r.Context(), id, cid, councilRecordInput(f))
	if f.withError(err) {
		return h.renderCouncilRecord(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/familieberaad/%d", id, cid), regie.MsgFlashCouncilRecorded)
	return nil
}

// takeOverCouncil adds the council's agreements to the plan and shows
// them there: the draft's version, at its agreements.
func (h *Handler) takeOverCouncil(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := request.IDs(r, "id", "fcid")
	if err != nil {
		return err
	}
	n, err := h.Councils.TakeOverCouncilAgreements(r.Context(), id, cid)
	if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/gezinnen/%d/plan/%d#h-wie-%d", id, n, n), regie.MsgFlashCouncilTakenOver)
	return nil
}
