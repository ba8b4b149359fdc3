package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"regie"
)

// memberRows is how many member rows the referral form offers at first;
// rows left empty are ignored. "Nog een gezinslid toevoegen" posts the form
// back with one row more and everything typed kept, so a family of any
// size fits without JavaScript, up to maxMemberRows.
const (
	memberRows    = 8
	maxMemberRows = 40
)

// memberRowCount is how many member rows a posted form has: its
// member_rows field, at least memberRows and at most maxMemberRows.
func memberRowCount(v url.Values) int {
	n, _ := strconv.Atoi(v.Get("member_rows"))
	return min(max(n, memberRows), maxMemberRows)
}

// referralFields lists the form's fields top to bottom, for the error
// summary, with rows member rows.
func referralFields(rows int) []string {
	fs := []string{"referrer_org", "referrer_name", "received_via", "referrer_function", "referrer_phone", "referrer_email",
		"household_name", "street", "postcode", "city", "district", "dutch_proficiency", "languages", "members", "member_rows"}
	for i := range rows {
		for _, f := range []string{"given_name", "family_name", "birth_date", "relation"} {
			fs = append(fs, fmt.Sprintf("member-%d-%s", i, f))
		}
	}
	fs = append(fs, "signals")
	for _, d := range regie.Domains {
		fs = append(fs, "signal-"+string(d.Value))
	}
	return append(fs, "problem_duration", "help_tried", "introducer_name", "introducer_function", "introducer_org",
		"introducer_phone", "commitment", "commitment_notes", "safety", "safety_notes")
}

// referralFormPage is the data of the referral form.
type referralFormPage struct {
	OnBehalf      bool
	Organisations []option
	Districts     []option
	Proficiencies []option
	Relations     []option
	Domains       []regie.Choice[regie.Domain]
	Durations     []option
	Commitments   []option
	Safety        []option
	ReceivedVias  []option
	MemberRows    []int
	MemberAdded   int  // the number of the row just added, 0 if none
	CanAddMember  bool // fewer than maxMemberRows rows
}

func referralInput(f *form) regie.ReferralInput {
	in := regie.ReferralInput{
		ReferrerOrgID: f.Int64("referrer_org"), ReferrerName: f.Get("referrer_name"), ReceivedVia: regie.ReceivedVia(f.Get("received_via")),
		ReferrerFunction: f.Get("referrer_function"), ReferrerPhone: f.Get("referrer_phone"), ReferrerEmail: f.Get("referrer_email"),
		HouseholdName: f.Get("household_name"), Street: f.Get("street"), Postcode: f.Get("postcode"), City: f.Get("city"),
		DistrictID: f.Int64("district"), DutchProficiency: regie.Proficiency(f.Get("dutch_proficiency")), Languages: f.Get("languages"),
		ProblemDuration: regie.ProblemDuration(f.Get("problem_duration")), HelpTried: f.Get("help_tried"),
		IntroducerName: f.Get("introducer_name"), IntroducerFunction: f.Get("introducer_function"),
		IntroducerPhone: f.Get("introducer_phone"), IntroducerOrgID: f.Int64("introducer_org"),
		Commitment: regie.Commitment(f.Get("commitment")), CommitmentNotes: f.Get("commitment_notes"),
		Safety: regie.SafetyLevel(f.Get("safety")), SafetyNotes: f.Get("safety_notes"),
		Signals: map[regie.Domain]string{},
	}
	for i := range memberRowCount(f.Values) {
		get := func(k string) string { return f.Get(fmt.Sprintf("member-%d-%s", i, k)) }
		in.Members = append(in.Members, regie.MemberInput{GivenName: get("given_name"), FamilyName: get("family_name"),
			BirthDate: get("birth_date"), Relation: regie.Relation(get("relation"))})
	}
	for _, d := range regie.Domains {
		if t := f.Get("signal-" + string(d.Value)); strings.TrimSpace(t) != "" {
			in.Signals[d.Value] = t
		}
	}
	return in
}

// renumberMemberErrors maps the store's member-N fields (counted over the
// rows typed) back to the form's rows (which may have empty rows between).
func renumberMemberErrors(f *form) {
	var typed []int
	for i := range memberRowCount(f.Values) {
		for _, k := range []string{"given_name", "family_name", "birth_date"} {
			if strings.TrimSpace(f.Get(fmt.Sprintf("member-%d-%s", i, k))) != "" {
				typed = append(typed, i)
				break
			}
		}
	}
	errs := map[string]string{}
	for k, v := range f.Errors {
		var n int
		var rest string
		if _, err := fmt.Sscanf(k, "member-%d-%s", &n, &rest); err == nil && n < len(typed) {
			k = fmt.Sprintf("member-%d-%s", typed[n], rest)
		}
		errs[k] = v
	}
	f.Errors = errs
}

// renderReferralForm shows the form; added, when given, is the number of
// the member row just added.
func (h *Handler) renderReferralForm(w http.ResponseWriter, r *http.Request, status int, f *form, added ...int) error {
	p := referralFormPage{
		OnBehalf: h.Permissions.Permissions(r.Context()).ReferOnBehalf, Proficiencies: choiceOptions(regie.Proficiencies),
		Relations: choiceOptions(regie.Relations), Domains: regie.Domains, Durations: choiceOptions(regie.ProblemDurations),
		Commitments: choiceOptions(regie.Commitments), Safety: choiceOptions(regie.SafetyLevels),
		ReceivedVias: choiceOptions(regie.ReceivedVias[1:]),
	}
	if len(added) > 0 {
		p.MemberAdded = added[0]
	}
	rows := memberRowCount(f.Values)
	for i := range rows {
		p.MemberRows = append(p.MemberRows, i)
	}
	f.Values.Set("member_rows", strconv.Itoa(rows))
	p.CanAddMember = rows < maxMemberRows
	orgs, err := h.SocialMap.FindSocialMap(r.Context(), regie.OrgFilter{Active: true})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		if !o.Own {
			label := o.Name
			if o.DistrictName != "" {
				label += " (" + o.DistrictName + ")"
			}
			p.Organisations = append(p.Organisations, option{fmt.Sprint(o.ID), label})
		}
	}
	teams, err := h.Users.FindTeams(r.Context())
	if err != nil {
		return err
	}
	for _, t := range teams {
		for _, d := range t.Districts {
			p.Districts = append(p.Districts, option{fmt.Sprint(d.ID), d.Name})
		}
	}
	nav := "aanmelden"
	if p.OnBehalf {
		nav = "aanmeldingen"
	}
	h.render(w, r, status, "referral_form", &view{Title: "Gezin aanmelden", Nav: nav, Form: f, Page: p})
	return nil
}

func (h *Handler) showReferralNew(w http.ResponseWriter, r *http.Request) error {
	can := h.Permissions.Permissions(r.Context())
	if !can.Refer {
		return regie.Forbidden()
	}
	values := url.Values{"city": {"Utrecht"}, "dutch_proficiency": {"onbekend"}, "problem_duration": {"onbekend"},
		"commitment": {"onbekend"}, "received_via": {"telefoon"}}
	if !can.ReferOnBehalf {
		// The referrer's own referral: their own e-mail address.
		if u, err := h.Users.FindUserByID(r.Context(), actor(r).UserID); err == nil {
			values.Set("referrer_email", u.Email)
		}
	}
	return h.renderReferralForm(w, r, http.StatusOK, newForm(values, referralFields(memberRows)...))
}

func (h *Handler) createReferral(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := newForm(r.PostForm, referralFields(memberRowCount(r.PostForm))...)
	if f.Get("add_member") != "" {
		// Not sent: the same form again, with one empty row more.
		f.Values.Del("add_member")
		rows := min(memberRowCount(f.Values)+1, maxMemberRows)
		f.Values.Set("member_rows", strconv.Itoa(rows))
		return h.renderReferralForm(w, r, http.StatusOK, f, rows)
	}
	ref, err := h.Referrals.CreateReferral(r.Context(), referralInput(f))
	if f.withError(err) {
		renumberMemberErrors(f)
		return h.renderReferralForm(w, r, http.StatusUnprocessableEntity, f)
	} else if err != nil {
		return err
	}
	h.redirect(w, r, fmt.Sprintf("/aanmeldingen/%d", ref.ID), regie.MsgFlashReferralSent)
	return nil
}
