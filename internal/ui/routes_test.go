package ui_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"regie"
	"regie/internal/storetest"
)

// The roles of the matrix, with "uitgelogd" for no session at all.
var matrixRoles = []string{"uitgelogd", "casemanager", "jeugdhulpverlener", "teamleider", "aanmelder", "netwerkpartner",
	"functioneel_beheerder", "privacy_officer", "manager"}

// The relations of the actor to the family in the URL: the casemanager
// coordinates "assigned" (and the youth worker works there), "same-team"
// is another family of the team, "other-team" a family of team B.
var matrixRelations = []string{"assigned", "same-team", "other-team"}

func userOf(f *storetest.Fixture, role string) *regie.User {
	switch role {
	case "casemanager":
		return f.Casemanager
	case "jeugdhulpverlener":
		return f.YouthWorker
	case "teamleider":
		return f.TeamLeader
	case "aanmelder":
		return f.Referrer
	case "netwerkpartner":
		return f.Partner1
	case "functioneel_beheerder":
		return f.Admin
	case "privacy_officer":
		return f.Privacy
	case "manager":
		return template.manager
	}
	return nil
}

func familyOf(f *storetest.Fixture, rel string) *regie.Family {
	switch rel {
	case "same-team":
		return f.FamTeam
	case "other-team":
		return f.FamOther
	}
	return f.FamAssigned
}

// Expectations are functions of role and relation; out is the answer for
// someone not logged in.
type expectation struct {
	family bool // the URL names a family: run once per relation
	// referral: the URL names a referral: run for the team's own (as
	// "assigned") and another team's.
	referral bool
	status   func(role, rel string) int
	form     func(f *storetest.Fixture, rel string) url.Values
}

const (
	ok       = http.StatusOK
	redirect = http.StatusSeeOther
	notFound = http.StatusNotFound
	forbid   = http.StatusForbidden
	unauth   = http.StatusUnauthorized
	invalid  = http.StatusUnprocessableEntity
)

// only allows the given roles (status ok for them) and forbids the rest.
func only(okStatus int, roles ...string) func(role, rel string) int {
	return func(role, rel string) int {
		if role == "uitgelogd" {
			return redirect
		}
		for _, r := range roles {
			if r == role {
				return okStatus
			}
		}
		return forbid
	}
}

// familyRead: the coordinator (and the youth worker of the family) and the
// team leader of the team may read; everyone else gets 404.
func familyRead(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		switch {
		case role == "uitgelogd":
			return redirect
		case (role == "casemanager" || role == "jeugdhulpverlener") && rel == "assigned",
			role == "teamleider" && rel != "other-team":
			return okStatus
		}
		return notFound
	}
}

// privacyFamily: a family's privacy page and its person export are the
// privacy officer's; to everyone else the family is not there.
func privacyFamily(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		switch role {
		case "uitgelogd":
			return redirect
		case "privacy_officer":
			return okStatus
		}
		return notFound
	}
}

// staffRead: like familyRead, but not for the youth worker, who reads the
// family only as far as their work needs: not the consents and their
// papers, not the handover, no export of the family's file.
func staffRead(role, rel string) int {
	if role == "jeugdhulpverlener" && rel == "assigned" {
		return notFound
	}
	return familyRead(ok)(role, rel)
}

// familyEditPage: like familyRead, but a youth worker who may read gets
// 403 on a page for changing things.
func familyEditPage(role, rel string) int {
	if role == "jeugdhulpverlener" && rel == "assigned" {
		return forbid
	}
	return familyRead(ok)(role, rel)
}

// familyWrite: the coordinator and team leader may change; for anyone
// else the family does not exist (the youth worker too: reading is not
// writing).
func familyWrite(role, rel string) int {
	if role == "jeugdhulpverlener" {
		return notFound
	}
	return familyRead(redirect)(role, rel)
}

// pending routes belong to a log-in in progress; a complete session is
// sent home.
func pending(okLoggedIn int) func(role, rel string) int {
	return func(role, rel string) int {
		if role == "uitgelogd" {
			return redirect
		}
		return okLoggedIn
	}
}

// referralRead: the referrer reads their own; the team's staff the team's.
func referralRead(role, rel string) int {
	switch {
	case role == "uitgelogd":
		return redirect
	case rel == "other-team":
		return notFound
	case role == "aanmelder", role == "casemanager", role == "jeugdhulpverlener", role == "teamleider":
		return ok
	}
	return notFound
}

// teamLeaderOnly: the team leader of the referral's team acts; for anyone
// else the referral does not exist.
func teamLeaderOnly(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		switch {
		case role == "uitgelogd":
			return redirect
		case role == "teamleider" && rel != "other-team":
			return okStatus
		}
		return notFound
	}
}

// breakGlass: a casemanager or youth worker of the family's team who is
// not assigned to it may ask for break-glass access (rel "-": the form
// that takes a dossier number); for everyone else,
// and the family they are assigned to, there is no such page.
func breakGlass(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		switch {
		case role == "uitgelogd":
			return redirect
		case (role == "casemanager" || role == "jeugdhulpverlener") && (rel == "same-team" || rel == "-"):
			return okStatus
		}
		return notFound
	}
}

func emergencyForm(*storetest.Fixture, string) url.Values {
	return url.Values{"reason": {"acuut_onveilig"}, "confirm": {"1"},
		"explanation": {"Politie belt over een melding van huiselijk geweld; regisseur met verlof."}}
}

// privacyOrNotFound: the privacy officer's review of an access; for
// everyone else it does not exist.
func privacyOrNotFound(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		switch role {
		case "uitgelogd":
			return redirect
		case "privacy_officer":
			return okStatus
		}
		return notFound
	}
}

// loggedIn allows everyone who is logged in.
func loggedIn(role, rel string) int {
	if role == "uitgelogd" {
		return redirect
	}
	return ok
}

// checkupWrite: a check-up is recorded on a closed file only; on an open
// one the store refuses everyone, as for a family they cannot see.
func checkupWrite(role, rel string) int {
	if role == "uitgelogd" {
		return redirect
	}
	return notFound
}

// partnerWork: a partner's own work with a family, under a consent naming
// its organisation; for the team and everyone else there is no such page.
func partnerWork(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		switch role {
		case "uitgelogd":
			return redirect
		case "netwerkpartner":
			return okStatus
		}
		return notFound
	}
}

func progressForm(*storetest.Fixture, string) url.Values {
	return url.Values{"agreement": {"plan:x"}, "status": {"loopt"}, "note": {"Gesprek gehad."}}
}

func stagnationForm(*storetest.Fixture, string) url.Values {
	return url.Values{"reason": {"De hulp loopt vast."}}
}

func referralForm(f *storetest.Fixture, rel string) url.Values {
	return url.Values{"referrer_org": {fmt.Sprint(f.Partner.ID)}, "referrer_name": {"Wijkagent Bos"}, "received_via": {"telefoon"},
		"referrer_phone": {"030 111 22 33"}, "household_name": {"Gezin Nieuw"}, "district": {fmt.Sprint(f.TeamA.Districts[0].ID)},
		"dutch_proficiency": {"goed"}, "member-0-given_name": {"Sem"}, "member-0-family_name": {"Nieuw"},
		"member-0-birth_date": {"2014-01-01"}, "member-0-relation": {"kind"}, "signal-kinderen": {"Verzuim"},
		"problem_duration": {"lang"}, "commitment": {"ja"}, "safety": {"geen_zorgen"}}
}

func orgForm(*storetest.Fixture, string) url.Values {
	return url.Values{"name": {"Buurtteam Zuilen"}, "kind": {"maatschappelijk_werk"}, "active": {"1"}}
}

// contactWrite: the coordinator, the youth worker of the family and the
// team leader record contacts.
func contactWrite(role, rel string) int {
	if role == "jeugdhulpverlener" && rel == "assigned" {
		return redirect
	}
	return familyRead(redirect)(role, rel)
}

// contactEdit: only the author changes a contact. In the fixture the team
// leader recorded each family's contact; anyone else who reaches the
// family is refused (403), as the store refuses them.
func contactEdit(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		s := familyRead(okStatus)(role, rel)
		if s == okStatus && role != "teamleider" && role != "uitgelogd" {
			return forbid
		}
		return s
	}
}

// youthConsentEditPage: the youth's own worker records the youth's
// consent; the coordinator and the team leader, who read it, get 403.
func youthConsentEditPage(role, rel string) int {
	if s := familyRead(ok)(role, rel); s == ok && role != "jeugdhulpverlener" {
		return forbid
	}
	return familyRead(ok)(role, rel)
}

// youthPage: a form page of the youth's track: the youth's own worker
// (the fixture's youth worker, for the assigned family's 13-year-old)
// opens it; the family's other readers may read the track but not write
// it (403); for anyone else it does not exist.
func youthPage(role, rel string) int {
	if role == "jeugdhulpverlener" && rel == "assigned" {
		return ok
	}
	if s := familyRead(ok)(role, rel); s == ok {
		return forbid
	}
	return familyRead(ok)(role, rel)
}

// youthConsentWrite: only the youth's own worker; for anyone else the
// youth does not exist (the store refuses as for a youth not seen).
func youthConsentWrite(role, rel string) int {
	switch {
	case role == "uitgelogd", role == "jeugdhulpverlener" && rel == "assigned":
		return redirect
	}
	return notFound
}

// youthWrite: only the youth's own worker writes the track; for anyone
// else — the coordinator and the team leader included — the store
// answers as for a track that does not exist.
func youthWrite(okStatus int) func(role, rel string) int {
	return func(role, rel string) int {
		switch {
		case role == "uitgelogd":
			return redirect
		case role == "jeugdhulpverlener" && rel == "assigned":
			return okStatus
		}
		return notFound
	}
}

// loggedInRedirect: everyone logged in is sent on.
func loggedInRedirect(role, rel string) int { return redirect }

func contactForm(*storetest.Fixture, string) url.Values {
	return url.Values{"date": {"2026-03-01"}, "start": {"10:00"}, "minutes": {"60"}, "kind": {"huisbezoek"}, "attempt": {"contact"},
		"version": {"1"}} // an edit carries the version it was read at
}

// phaseConfigForm posts the default phases unchanged.
func phaseConfigForm(*storetest.Fixture, string) url.Values {
	v := url.Values{}
	for _, d := range regie.DefaultPhases() {
		for _, it := range d.Checklist {
			name := fmt.Sprintf("p%d-%s", d.Phase, it.Key)
			v.Set(name+"-label", it.Label)
			v.Set(name+"-active", "1")
		}
	}
	return v
}

func trajectoryForm(f *storetest.Fixture, rel string) url.Values {
	return url.Values{"domain": {"wonen"}, "org": {fmt.Sprint(f.Partner.ID)}, "intervention": {"Woonbegeleiding"}, "status": {"voorgesteld"}}
}

func memberForm(f *storetest.Fixture, rel string) url.Values {
	return url.Values{"given_name": {"Nina"}, "family_name": {"Test"}, "birth_date": {"2015-05-05"}, "relation": {"kind"}}
}

func familyForm(f *storetest.Fixture, rel string) url.Values {
	d := f.TeamA.Districts[0].ID
	if rel == "other-team" {
		d = f.TeamB.Districts[0].ID
	}
	return url.Values{"household_name": {"Gezin Gewijzigd"}, "district": {fmt.Sprint(d)}, "dutch_proficiency": {"goed"}, "version": {"1"}}
}

var expectations = map[string]expectation{
	"GET /inloggen": {status: func(role, rel string) int {
		if role == "uitgelogd" {
			return ok
		}
		return redirect
	}},
	"POST /inloggen": {status: func(role, rel string) int { return unauth },
		form: func(*storetest.Fixture, string) url.Values {
			return url.Values{"email": {"niemand@test.nl"}, "password": {"fout"}}
		}},
	"GET /inloggen/code":            {status: pending(redirect)},
	"POST /inloggen/code":           {status: pending(redirect), form: func(*storetest.Fixture, string) url.Values { return url.Values{"code": {"123456"}} }},
	"GET /inloggen/koppelen":        {status: pending(redirect)},
	"GET /inloggen/koppelen/qr.png": {status: pending(notFound)},
	"POST /inloggen/koppelen":       {status: pending(redirect), form: func(*storetest.Fixture, string) url.Values { return url.Values{"code": {"123456"}} }},
	"POST /uitloggen":               {status: pending(redirect), form: func(*storetest.Fixture, string) url.Values { return url.Values{} }},
	// Everyone's own account. The new password is too short, so the
	// current one is not even checked (and no failure counted).
	"GET /account": {status: pending(ok)},
	// A form kept from an expired session (kept_form.go): without one,
	// back to the start page.
	"GET /formulier-bewaard": {status: loggedInRedirect},
	"POST /account/wachtwoord": {status: pending(invalid), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"current": {"wat-dan-ook"}, "new": {"kort"}, "repeat": {"kort"}}
	}},
	// Ending a session that is not one's own: not found (the session id
	// in the URL is no one's).
	"POST /account/sessies/{sid}/beeindigen": {status: pending(notFound)},
	// The second pair of eyes: the fixture's pending account is a
	// casemanager of team A that the administrator made, so only team
	// A's leader confirms it — not the administrator who made it.
	"GET /bevestigingen":       {status: only(ok, "teamleider", "functioneel_beheerder", "privacy_officer")},
	"POST /bevestigingen/{id}": {status: only(redirect, "teamleider")},
	"GET /{$}": {status: func(role, rel string) int {
		return redirect // each role to where its work starts (a partner: /partner)
	}},
	"GET /werkbak":        {status: only(ok, "casemanager", "jeugdhulpverlener")},
	"GET /gezinnen":       {status: only(ok, "casemanager", "jeugdhulpverlener", "teamleider")},
	"GET /gezinnen/nieuw": {status: only(ok, "teamleider")},
	"POST /gezinnen":      {status: only(redirect, "teamleider"), form: familyForm},

	"GET /gezinnen/{id}":          {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/bewerken": {family: true, status: familyEditPage},
	"POST /gezinnen/{id}":         {family: true, status: familyWrite, form: familyForm},

	"GET /gezinnen/{id}/leden/nieuw":              {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/leden":                   {family: true, status: familyWrite, form: memberForm},
	"GET /gezinnen/{id}/leden/{mid}/bewerken":     {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/leden/{mid}":             {family: true, status: familyWrite, form: memberForm},
	"GET /gezinnen/{id}/leden/{mid}/uitschrijven": {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/leden/{mid}/uitschrijven": {family: true, status: familyWrite,
		form: func(*storetest.Fixture, string) url.Values {
			return url.Values{"ended_on": {"2026-03-01"}, "reason": {"Verhuisd"}}
		}},

	// Only the team leader of the family's team assigns; the functional
	// administrator, who makes accounts, neither assigns nor sees the
	// assignments (separation of duties).
	"GET /gezinnen/{id}/toewijzing": {family: true, status: familyRead(ok)},
	"POST /gezinnen/{id}/toewijzing": {family: true, status: func(role, rel string) int {
		switch {
		case role == "uitgelogd":
			return redirect
		case role == "teamleider" && rel != "other-team":
			return redirect
		}
		return notFound
	}, form: func(f *storetest.Fixture, rel string) url.Values {
		return url.Values{"coordinator": {fmt.Sprint(familyOf(f, rel).Coordinator().UserID)}}
	}},
	"GET /toewijzingen": {status: only(ok, "teamleider")},

	"GET /gezinnen/{id}/veiligheid/nieuw": {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/veiligheid": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"what": {"Kind komt zonder eten naar school"}, "since": {"2026-02-01"}, "severity": {"midden"}, "meldcode": {"beoordelen"}}
	}},
	"GET /gezinnen/{id}/veiligheid/{sid}/afsluiten": {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/veiligheid/{sid}/afsluiten": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"note": {"Opgelost"}}
	}},
	"GET /gezinnen/{id}/jeugd/{mid}": {family: true, status: func(role, rel string) int {
		if (role == "casemanager" || role == "jeugdhulpverlener") && rel == "assigned" {
			return forbid // may read the family, may not assign
		}
		return familyRead(ok)(role, rel)
	}},
	"POST /gezinnen/{id}/jeugd/{mid}": {family: true, status: func(role, rel string) int {
		switch {
		case role == "uitgelogd", role == "teamleider" && rel != "other-team":
			return redirect
		}
		return notFound
	}, form: func(*storetest.Fixture, string) url.Values { return url.Values{"youth_worker": {"0"}} }},

	// The youth's own consent: the youth's worker records it; the
	// coordinator and the team leader read it; for anyone else the youth
	// does not exist.
	"GET /gezinnen/{id}/jeugd/{mid}/toestemming":       {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/jeugd/{mid}/toestemming/nieuw": {family: true, status: youthConsentEditPage},
	"POST /gezinnen/{id}/jeugd/{mid}/toestemming": {family: true, status: youthConsentWrite, form: func(f *storetest.Fixture, rel string) url.Values {
		return url.Values{"signed_on": {"2026-03-02"}, "youth_signed": {"1"}, "parent": {fmt.Sprint(familyOf(f, rel).Members[0].ID)},
			"share_coordinator": {"1"}}
	}},
	"GET /gezinnen/{id}/jeugd/{mid}/toestemming/{vid}/intrekken": {family: true, status: youthConsentEditPage},
	"POST /gezinnen/{id}/jeugd/{mid}/toestemming/{vid}/intrekken": {family: true, status: youthConsentWrite,
		form: func(*storetest.Fixture, string) url.Values {
			return url.Values{"withdrawn_on": {"2026-03-02"}, "withdraw_reason": {"Wil het niet meer"}}
		}},
	// The youth worker's own track with the 13-year-old of the assigned
	// family (running in the fixture): the family's readers read its
	// shared part; only the youth's own worker writes it. Starting a
	// second track while one runs is refused with a field error.
	"GET /gezinnen/{id}/jeugd/{mid}/traject": {family: true, status: familyRead(ok)},
	"POST /gezinnen/{id}/jeugd/{mid}/traject": {family: true, status: youthWrite(invalid),
		form: func(*storetest.Fixture, string) url.Values { return url.Values{"started_on": {"2026-03-02"}} }},
	"GET /gezinnen/{id}/jeugd/{mid}/traject/plan": {family: true, status: youthPage},
	"POST /gezinnen/{id}/jeugd/{mid}/traject/plan": {family: true, status: youthWrite(redirect),
		form: func(*storetest.Fixture, string) url.Values {
			return url.Values{"domain-dagbesteding": {"Ik wil weer naar school, elke dag."}, "agreement-0-owner": {"Kevin"},
				"agreement-0-what": {"Op tijd naar bed"}, "agreement-0-due": {"2026-03-20"}}
		}},
	"POST /gezinnen/{id}/jeugd/{mid}/traject/afspraken/{aid}": {family: true, status: youthWrite(redirect),
		form: func(*storetest.Fixture, string) url.Values { return url.Values{"status": {"loopt"}} }},
	"GET /gezinnen/{id}/jeugd/{mid}/traject/scores": {family: true, status: youthPage},
	"POST /gezinnen/{id}/jeugd/{mid}/traject/scores": {family: true, status: youthWrite(redirect),
		form: func(*storetest.Fixture, string) url.Values {
			return url.Values{"scored_on": {"2026-03-02"}, "kind": {"start"}, "score-dagbesteding": {"2"}}
		}},
	"GET /gezinnen/{id}/jeugd/{mid}/traject/contact": {family: true, status: youthPage},
	"POST /gezinnen/{id}/jeugd/{mid}/traject/contact": {family: true, status: youthWrite(redirect),
		form: func(*storetest.Fixture, string) url.Values {
			return url.Values{"date": {"2026-03-02"}, "start": {"08:00"}, "minutes": {"45"}, "kind": {"uitje"}, "attempt": {"contact"},
				"note": {"Kevin vertelt over school."}}
		}},
	"GET /gezinnen/{id}/jeugd/{mid}/traject/eindevaluatie": {family: true, status: youthPage},
	"POST /gezinnen/{id}/jeugd/{mid}/traject/eindevaluatie": {family: true, status: youthWrite(redirect),
		form: func(*storetest.Fixture, string) url.Values {
			return url.Values{"evaluated_on": {"2026-03-02"}, "goal": {fmt.Sprintf("0:%d", template.youthGoal)}, "goal-0-degree": {"deels"},
				"how_now": {"Beter, ik ga weer naar school."}}
		}},

	"GET /gezinnen/{id}/contacten":        {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/contacten/nieuw":  {family: true, status: familyRead(ok)},
	"POST /gezinnen/{id}/contacten":       {family: true, status: contactWrite, form: contactForm},
	"GET /gezinnen/{id}/contacten/{cid}":  {family: true, status: contactEdit(ok)},
	"POST /gezinnen/{id}/contacten/{cid}": {family: true, status: contactEdit(redirect), form: contactForm},
	"GET /gezinnen/{id}/fase":             {family: true, status: familyRead(ok)},
	"POST /gezinnen/{id}/fase": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"to": {"2"}, "reason": {"Vervolgafspraak staat"}}
	}},
	"POST /gezinnen/{id}/fase/vinken": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"item": {"introductie"}, "done": {"1"}}
	}},
	"POST /gezinnen/{id}/sluiten": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"close_reason": {"Het netwerk heeft de zorg overgenomen"}, "close_outcome": {"netwerk_neemt_over"}}
	}},
	"POST /gezinnen/{id}/verlenging": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"extension": {"Wacht op de Kredietbank"}}
	}},

	"GET /gezinnen/{id}/plan":                  {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/plan/vergelijken":      {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/plan/{nr}":             {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/plan/{nr}/bewerken":    {family: true, status: familyEditPage},
	"GET /gezinnen/{id}/plan/{nr}/pdf":         {family: true, status: staffRead},
	"GET /gezinnen/{id}/zelfredzaamheid/nieuw": {family: true, status: familyEditPage},
	// A draft is open: starting another is refused with the page.
	"POST /gezinnen/{id}/plan": {family: true, status: func(role, rel string) int {
		if familyWrite(role, rel) == redirect && role != "uitgelogd" {
			return http.StatusConflict
		}
		return familyWrite(role, rel)
	}, form: func(*storetest.Fixture, string) url.Values { return url.Values{"origin": {"wijziging"}} }},
	"POST /gezinnen/{id}/plan/{nr}": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"situation": {"Rustiger"}, "goal_rows": {"3"}, "agreement_rows": {"3"}, "revision": {"1"}}
	}},
	// Discussing the plan is the team leader's decision in the team
	// meeting; the same-team family's draft is discussed already.
	"POST /gezinnen/{id}/plan/{nr}/besproken": {family: true, status: func(role, rel string) int {
		if (role == "casemanager" || role == "jeugdhulpverlener") && rel == "assigned" || role == "netwerkpartner" {
			// May read the plan (the partner through the fixture's
			// consent), may not record the team's decision.
			return forbid
		}
		if s := teamLeaderOnly(redirect)(role, rel); s == redirect && role != "uitgelogd" && rel == "same-team" {
			return http.StatusConflict
		}
		return teamLeaderOnly(redirect)(role, rel)
	}},
	// Agreeing with the family: only a draft the team discussed (the
	// same-team family's); the assigned family's is a concept.
	"POST /gezinnen/{id}/plan/{nr}/vaststellen": {family: true, status: func(role, rel string) int {
		if s := familyWrite(role, rel); s == redirect && role != "uitgelogd" && rel == "assigned" {
			return http.StatusConflict
		}
		return familyWrite(role, rel)
	}, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"agreed_on": {"2026-03-02"}, "agreed_with": {"Sandra"}}
	}},
	"POST /gezinnen/{id}/afspraken/{key}": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"status": {"loopt"}}
	}},
	"POST /gezinnen/{id}/zelfredzaamheid": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"kind": {"start"}, "on": {"2026-03-01"}, "score-wonen": {"3"}}
	}},

	// Evaluations follow the plan's rule; a partner never reads them.
	"GET /gezinnen/{id}/evaluaties":       {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/evaluaties/nieuw": {family: true, status: familyEditPage},
	"GET /gezinnen/{id}/evaluaties/{eid}": {family: true, status: familyRead(ok)},
	"POST /gezinnen/{id}/evaluaties": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"kind": {"tussen"}, "on": {"2026-03-02"}, "casemanager": {"1"}, "score-wonen": {"3"}}
	}},
	// Recording the discussion is the team leader's decision in the team
	// meeting.
	// Who sees what: read as the consents are (not the youth worker).
	"GET /gezinnen/{id}/partners": {family: true, status: staffRead},
	// Picking a partner's report up: the coordinator's side.
	"POST /gezinnen/{id}/stagnatie/{rid}/opgepakt": {family: true, status: familyWrite, form: func(f *storetest.Fixture, rel string) url.Values {
		return url.Values{fmt.Sprintf("stagnation-%d", template.stagnations[familyOf(f, rel).ID]): {"Huisbezoek gepland"}}
	}},
	// "Besproken" is the team leader's decision in the meeting; the
	// youth worker and the partner read the report, may not decide.
	"POST /gezinnen/{id}/stagnatie/{rid}/besproken": {family: true, status: func(role, rel string) int {
		if (role == "casemanager" || role == "jeugdhulpverlener") && rel == "assigned" || role == "netwerkpartner" {
			return forbid
		}
		return teamLeaderOnly(redirect)(role, rel)
	}},
	"POST /gezinnen/{id}/evaluaties/{eid}/besproken": {family: true, status: func(role, rel string) int {
		if (role == "casemanager" || role == "jeugdhulpverlener") && rel == "assigned" {
			return forbid // may read the evaluation, may not record the team's decision
		}
		return teamLeaderOnly(redirect)(role, rel)
	}},
	// Version 2 is a draft: a version from the evaluation is refused with
	// the page.
	"POST /gezinnen/{id}/evaluaties/{eid}/planversie": {family: true, status: func(role, rel string) int {
		if familyWrite(role, rel) == redirect && role != "uitgelogd" {
			return http.StatusConflict
		}
		return familyWrite(role, rel)
	}},

	"GET /gezinnen/{id}/trajecten":        {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/trajecten/nieuw":  {family: true, status: familyEditPage},
	"GET /gezinnen/{id}/trajecten/{tid}":  {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/trajecten":       {family: true, status: familyWrite, form: trajectoryForm},
	"POST /gezinnen/{id}/trajecten/{tid}": {family: true, status: familyWrite, form: trajectoryForm},

	"GET /gezinnen/{id}/overdracht":                 {family: true, status: staffRead},
	"POST /gezinnen/{id}/overdracht":                {family: true, status: familyWrite, form: handoverForm},
	"POST /gezinnen/{id}/overdracht/toezegging":     {family: true, status: familyWrite, form: commitmentForm},
	"GET /gezinnen/{id}/overdracht/{hid}/brief.pdf": {family: true, status: staffRead},
	"GET /gezinnen/{id}/netwerkoverleg":             {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/netwerkoverleg/nieuw":       {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/netwerkoverleg":            {family: true, status: familyWrite, form: networkForm},
	"GET /gezinnen/{id}/netwerkoverleg/{nid}":       {family: true, status: familyRead(ok)},
	// The informal network: the team reads, the coordinator and team
	// leader write; a partner never (404), whatever the consent covers.
	// The balance model: the team reads it (the youth worker too), a
	// partner never; the coordinator and team leader change it.
	"GET /gezinnen/{id}/balans":                                   {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/balans/afdruk.pdf":                        {family: true, status: staffRead},
	"POST /gezinnen/{id}/balans":                                  {family: true, status: familyWrite, form: balanceMomentForm},
	"POST /gezinnen/{id}/balans/{bid}/factoren":                   {family: true, status: familyWrite, form: balanceFactorForm},
	"POST /gezinnen/{id}/balans/{bid}/factoren/{fid}/verwijderen": {family: true, status: familyWrite},
	"POST /gezinnen/{id}/balans/werklijnen":                       {family: true, status: familyWrite, form: balanceLineForm(regie.LineTasks)},
	"POST /gezinnen/{id}/balans/werklijnen/ontkoppelen":           {family: true, status: familyWrite, form: balanceLineForm(regie.LineSkills)},

	"GET /gezinnen/{id}/netwerk":                   {family: true, status: familyRead(ok)},
	"POST /gezinnen/{id}/netwerk":                  {family: true, status: familyWrite, form: networkPersonForm},
	"GET /gezinnen/{id}/netwerk/{pid}":             {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/netwerk/{pid}":            {family: true, status: familyWrite, form: networkPersonForm},
	"POST /gezinnen/{id}/netwerk/{pid}/beeindigen": {family: true, status: familyWrite, form: networkEndForm},

	"GET /gezinnen/{id}/genogram":                                    {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/genogram.pdf":                                {family: true, status: staffRead},
	"POST /gezinnen/{id}/genogram/personen":                          {family: true, status: familyWrite, form: genogramPersonForm},
	"GET /gezinnen/{id}/genogram/personen/{gpid}":                    {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/genogram/personen/{gpid}":                   {family: true, status: familyWrite, form: genogramPersonForm},
	"POST /gezinnen/{id}/genogram/personen/{gpid}/verwijderen":       {family: true, status: familyWrite},
	"POST /gezinnen/{id}/genogram/relaties":                          {family: true, status: familyWrite, form: genogramRelationForm},
	"GET /gezinnen/{id}/genogram/relaties/{grid}":                    {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/genogram/relaties/{grid}":                   {family: true, status: familyWrite, form: genogramRelationForm},
	"POST /gezinnen/{id}/genogram/relaties/{grid}/verwijderen":       {family: true, status: familyWrite},
	"GET /gezinnen/{id}/sociogram":                                   {family: true, status: familyRead(ok)},
	"POST /gezinnen/{id}/sociogram":                                  {family: true, status: familyWrite, form: socioMomentForm},
	"GET /gezinnen/{id}/sociogram/{smid}/pdf":                        {family: true, status: staffRead},
	"POST /gezinnen/{id}/sociogram/{smid}/banden":                    {family: true, status: familyWrite, form: socioTieForm},
	"GET /gezinnen/{id}/sociogram/{smid}/banden/{stid}":              {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/sociogram/{smid}/banden/{stid}":             {family: true, status: familyWrite, form: socioTieForm},
	"POST /gezinnen/{id}/sociogram/{smid}/banden/{stid}/verwijderen": {family: true, status: familyWrite},
	"GET /gezinnen/{id}/bloem":                                       {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/bloem/pdf":                                   {family: true, status: staffRead},
	// The family council: the team reads, the coordinator and team
	// leader write; a partner never (no consent covers it). The take-over
	// is the plan's write: into the draft each family has.
	"GET /gezinnen/{id}/familieberaad":                   {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/familieberaad/nieuw":             {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/familieberaad":                  {family: true, status: familyWrite, form: councilPlanForm},
	"GET /gezinnen/{id}/familieberaad/{fcid}":            {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/familieberaad/{fcid}/verslag":    {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/familieberaad/{fcid}/verslag":   {family: true, status: familyWrite, form: councilRecordForm},
	"POST /gezinnen/{id}/familieberaad/{fcid}/overnemen": {family: true, status: familyWrite},

	// A partner's own work: its list, and per family (every family of the
	// matrix has a consent naming the partner's organisation) its
	// agreements and reports; for anyone else the page does not exist.
	// An agreement that is not the organisation's own is not there.
	"GET /partner":                               {status: only(ok, "netwerkpartner")},
	"GET /gezinnen/{id}/samenwerking":            {family: true, status: partnerWork(ok)},
	"POST /gezinnen/{id}/samenwerking/voortgang": {family: true, status: partnerWork(notFound), form: progressForm},
	"POST /gezinnen/{id}/stagnatie":              {family: true, status: partnerWork(redirect), form: stagnationForm},

	// Check-ups follow the closing: on the fixture's open files the page
	// reads (with nothing due) and nothing may be recorded. The closed file
	// is in the crawl's "later" world and in the store tests.
	"GET /gezinnen/{id}/checkups": {family: true, status: familyRead(ok)},
	"GET /gezinnen/{id}/checkups/nieuw": {family: true, status: func(role, rel string) int {
		if familyRead(ok)(role, rel) == ok {
			return forbid
		}
		return familyRead(ok)(role, rel)
	}},
	"POST /gezinnen/{id}/checkups": {family: true, status: checkupWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"checkup_on": {"2026-03-02"}, "member": {"1"}, "family_doing": {"Goed"}, "cooperation": {"Goed"}, "assessment": {"goed"}}
	}},
	"POST /gezinnen/{id}/checkups/{cid}/aanmelding": {family: true, status: checkupWrite},

	"GET /gezinnen/{id}/toestemming":                 {family: true, status: staffRead},
	"GET /gezinnen/{id}/toestemming/nieuw":           {family: true, status: familyEditPage},
	"GET /gezinnen/{id}/toestemming/formulier.pdf":   {family: true, status: staffRead},
	"GET /gezinnen/{id}/toestemming/{vid}/intrekken": {family: true, status: familyEditPage},
	"POST /gezinnen/{id}/toestemming/{vid}/intrekken": {family: true, status: familyWrite, form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"withdrawn_on": {"2026-03-02"}, "withdraw_reason": {"Wil het niet meer"}}
	}},
	"GET /gezinnen/{id}/documenten/{did}": {family: true, status: staffRead},
	// Multipart in the browser; a plain form reaches the handler too and
	// is refused by the service for lack of a signer.
	"POST /gezinnen/{id}/toestemming": {family: true, status: func(role, rel string) int {
		if familyWrite(role, rel) == redirect && role != "uitgelogd" {
			return http.StatusUnprocessableEntity
		}
		return familyWrite(role, rel)
	}},

	"GET /teamoverleg":                 {status: loggedInRedirect},
	"GET /teamoverleg/{dag}":           {status: only(ok, "casemanager", "jeugdhulpverlener", "teamleider")},
	"GET /teamoverleg/{dag}/afdrukken": {status: only(ok, "casemanager", "jeugdhulpverlener", "teamleider")},
	"POST /teamoverleg/{dag}/besluiten": {status: only(redirect, "teamleider"), form: func(f *storetest.Fixture, _ string) url.Values {
		return url.Values{"family": {fmt.Sprint(f.FamAssigned.ID)}, "text": {"Contactfrequentie verhogen"}}
	}},
	"POST /teamoverleg/{dag}/punten": {status: only(redirect, "teamleider"), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"title": {"Vakantieplanning"}}
	}},
	"GET /werkbegeleiding": {status: only(ok, "teamleider")},
	"GET /werkbegeleiding/{id}": {status: func(role, rel string) int {
		switch role {
		case "uitgelogd":
			return redirect
		case "teamleider":
			return ok
		}
		return notFound
	}},
	// The worker's own sessions: casemanagers and youth workers.
	"GET /werkbegeleiding/mijn": {status: only(ok, "casemanager", "jeugdhulpverlener")},
	// The team leader records a session; for anyone else the worker's
	// supervision does not exist.
	"POST /werkbegeleiding/{id}/gesprekken": {status: teamLeaderOnly(redirect), form: func(f *storetest.Fixture, _ string) url.Values {
		return url.Values{"session_on": {"2026-03-02"}, "leader_points": {"Uren"}, "families": {fmt.Sprint(f.FamAssigned.ID)}}
	}},
	// A session: the team leader and the worker it is about read it
	// (the fixture's is the casemanager's); only the team leader changes it.
	"GET /werkbegeleiding/{id}/gesprekken/{gid}": {status: func(role, rel string) int {
		if role == "casemanager" {
			return ok
		}
		return teamLeaderOnly(ok)(role, rel)
	}},
	"GET /werkbegeleiding/{id}/gesprekken/{gid}/bewerken": {status: func(role, rel string) int {
		if role == "casemanager" {
			return forbid // reads it, may not change it
		}
		return teamLeaderOnly(ok)(role, rel)
	}},
	"POST /werkbegeleiding/{id}/gesprekken/{gid}": {status: teamLeaderOnly(redirect), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"session_on": {"2026-03-02"}, "agreements": {"Huisbezoek plannen"}, "version": {"1"}}
	}},
	"GET /beheer/fasen":  {status: only(ok, "functioneel_beheerder")},
	"POST /beheer/fasen": {status: only(redirect, "functioneel_beheerder"), form: phaseConfigForm},

	"GET /aanmeldingen":       {status: only(ok, "casemanager", "jeugdhulpverlener", "teamleider", "aanmelder")},
	"GET /aanmeldingen/nieuw": {status: only(ok, "casemanager", "teamleider", "aanmelder")},
	"POST /aanmeldingen":      {status: only(redirect, "casemanager", "teamleider", "aanmelder"), form: referralForm},
	"GET /aanmeldingen/{id}":  {referral: true, status: referralRead},
	"POST /aanmeldingen/{id}/agenda": {referral: true, status: teamLeaderOnly(redirect), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"meeting": {"2026-03-09"}}
	}},
	"GET /aanmeldingen/{id}/besluit": {referral: true, status: func(role, rel string) int {
		if s := referralRead(role, rel); s == ok && role != "teamleider" {
			return forbid // may read the referral, may not decide
		}
		return referralRead(role, rel)
	}},
	"POST /aanmeldingen/{id}/besluit": {referral: true, status: teamLeaderOnly(redirect), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"outcome": {"wachtlijst"}, "contact_keeper": {"Karin, school"}}
	}},
	"POST /aanmeldingen/{id}/prioriteit": {referral: true, status: teamLeaderOnly(redirect), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"reason": {"Zeer zorgmijdend"}}
	}},
	// Not on the priority list yet: the team leader gets the form back.
	"POST /aanmeldingen/{id}/opening": {referral: true, status: teamLeaderOnly(http.StatusUnprocessableEntity), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"kind": {"crisis"}, "note": {"Politie belt"}}
	}},
	"POST /aanmeldingen/{id}/prioriteit/verwijderen": {referral: true, status: teamLeaderOnly(http.StatusUnprocessableEntity), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"reason": {"Verhuisd"}}
	}},
	"GET /wachtlijst": {status: only(ok, "casemanager", "jeugdhulpverlener", "teamleider")},

	"GET /sociale-kaart":               {status: loggedIn},
	"GET /sociale-kaart/nieuw":         {status: only(ok, "functioneel_beheerder")},
	"POST /sociale-kaart":              {status: only(redirect, "functioneel_beheerder"), form: orgForm},
	"GET /sociale-kaart/{id}/bewerken": {status: only(ok, "functioneel_beheerder")},
	"POST /sociale-kaart/{id}":         {status: only(redirect, "functioneel_beheerder"), form: orgForm},
	"GET /beheer/normen":               {status: only(ok, "functioneel_beheerder")},
	"POST /beheer/normen": {status: only(redirect, "functioneel_beheerder"), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"norm.casemanager_gezinnen_per_jaar": {"7"}, "norm.jeugdhulpverlener_jongeren_per_jaar": {"12"}}
	}},
	"GET /beheer/tarieven": {status: only(ok, "functioneel_beheerder")},
	// The reports: the team leader (own team) and the manager (figures
	// only: no families behind a figure).
	"GET /rapportages":                 {status: only(ok, "teamleider", "manager")},
	"GET /rapportages/grafiek/{table}": {status: only(ok, "teamleider", "manager")},
	"GET /rapportages/gezinnen":        {status: only(ok, "teamleider")},
	"GET /rapportages/afdruk":          {status: only(ok, "teamleider", "manager")},
	"GET /rapportages.csv":             {status: only(ok, "teamleider", "manager")},
	"GET /rapportages.xlsx":            {status: only(ok, "teamleider", "manager")},
	"POST /beheer/tarieven": {status: only(redirect, "functioneel_beheerder"), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"tarief.uur_casemanager": {"68,50"}, "tarief.uur_casemanager.bron": {"Begroting 2026"}}
	}},

	"GET /gezinnen/noodtoegang":       {status: breakGlass(ok)}, // the dossier number's form: as for the team's family
	"GET /gezinnen/{id}/noodtoegang":  {family: true, status: breakGlass(ok)},
	"POST /gezinnen/{id}/noodtoegang": {family: true, status: breakGlass(redirect), form: emergencyForm},
	"GET /noodtoegang":                {status: only(ok, "privacy_officer")},
	"GET /noodtoegang/{id}":           {status: privacyOrNotFound(ok)},
	"POST /noodtoegang/{id}": {status: privacyOrNotFound(redirect), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"verdict": {"gerechtvaardigd"}}
	}},

	"GET /toegangslog":                 {status: only(ok, "privacy_officer")},
	"GET /toegangslog/gezinnen/{id}":   {family: true, status: func(role, rel string) int { return only(ok, "privacy_officer")(role, rel) }},
	"GET /toegangslog/gebruikers/{id}": {status: only(ok, "privacy_officer")},

	// Retention and destruction: the privacy officer's alone.
	"GET /bewaartermijnen": {status: only(ok, "privacy_officer")},
	"POST /bewaartermijnen/verlengen": {status: only(redirect, "privacy_officer"), form: func(f *storetest.Fixture, _ string) url.Values {
		return url.Values{"dossier": {regie.DossierNumber(f.FamAssigned.ID)}, "hold_reason": {"Lopende procedure."}}
	}},
	"POST /bewaartermijnen/gezinnen/{id}/opheffen": {status: only(invalid, "privacy_officer"), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"hold_reason": {"Procedure afgerond."}} // no hold to lift
	}},
	"GET /bewaartermijnen/goedkeuren":      {status: only(ok, "privacy_officer")},
	"POST /bewaartermijnen/goedkeuren":     {status: only(invalid, "privacy_officer")}, // nothing chosen
	"POST /bewaartermijnen/ronde":          {status: only(redirect, "privacy_officer")},
	"GET /bewaartermijnen/verzoeken/nieuw": {status: only(ok, "privacy_officer")},
	"POST /bewaartermijnen/verzoeken": {status: only(redirect, "privacy_officer"), form: func(f *storetest.Fixture, _ string) url.Values {
		return url.Values{"dossier": {fmt.Sprint(f.FamTeam.ID)}, "member_id": {fmt.Sprint(f.FamTeam.Members[0].ID)},
			"received_on": {"2026-03-01"}, "what": {"Het hele dossier."}}
	}},
	"GET /bewaartermijnen/verzoeken/{id}": {status: only(ok, "privacy_officer")},
	"POST /bewaartermijnen/verzoeken/{id}": {status: only(redirect, "privacy_officer"), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"outcome": {"geweigerd"}, "exception": {"belang_ander"}, "reason": {"Het dossier gaat ook over de broer."}}
	}},
	// Privacy: the person export and the requests for rectification are
	// the privacy officer's, whatever the family; the register also the
	// administrator's. A family's page denies others as a missing one.
	"GET /privacy":               {status: only(ok, "privacy_officer", "functioneel_beheerder")},
	"GET /privacy/gezinnen/{id}": {family: true, status: privacyFamily(ok)},
	"GET /privacy/gezinnen/{id}/personen/{mid}/inzage.pdf":  {family: true, status: privacyFamily(ok)},
	"GET /privacy/gezinnen/{id}/personen/{mid}/inzage.json": {family: true, status: privacyFamily(ok)},
	"POST /privacy/gezinnen/{id}/correcties": {family: true, status: privacyFamily(redirect), form: func(f *storetest.Fixture, rel string) url.Values {
		return url.Values{"member": {fmt.Sprint(familyOf(f, rel).Members[1].ID)}, "segment": {string(regie.SegPlan)},
			"data": {"Het doel over school"}, "requested": {"Ik ga wel naar school."}, "received_on": {"2026-03-02"}}
	}},
	"GET /privacy/gezinnen/{id}/correcties/{vzid}": {family: true, status: privacyFamily(ok)},
	"POST /privacy/gezinnen/{id}/correcties/{vzid}": {family: true, status: privacyFamily(redirect), form: func(*storetest.Fixture, string) url.Values {
		return url.Values{"outcome": {string(regie.RectificationGranted)}, "decided_on": {"2026-03-02"}}
	}},
	"GET /privacy/verwerkingsregister": {status: only(ok, "privacy_officer", "functioneel_beheerder")},

	"GET /beheer/gebruikers":       {status: only(ok, "functioneel_beheerder")},
	"GET /beheer/gebruikers/nieuw": {status: only(ok, "functioneel_beheerder")},
	"POST /beheer/gebruikers": {status: only(ok, "functioneel_beheerder"), form: func(f *storetest.Fixture, rel string) url.Values {
		return url.Values{"name": {"Nieuwe Collega"}, "email": {"nieuw@test.nl"}, "role": {"casemanager"},
			"organisation": {fmt.Sprint(f.Org.ID)}, "team": {fmt.Sprint(f.TeamA.ID)}, "districts": {fmt.Sprint(f.TeamA.Districts[0].ID)}}
	}},
	"POST /beheer/gebruikers/{id}/blokkeren":                {status: only(redirect, "functioneel_beheerder"), form: func(*storetest.Fixture, string) url.Values { return url.Values{} }},
	"POST /beheer/gebruikers/{id}/wachtwoord":               {status: only(ok, "functioneel_beheerder"), form: func(*storetest.Fixture, string) url.Values { return url.Values{} }},
	"GET /beheer/gebruikers/{id}/sessies":                   {status: only(ok, "functioneel_beheerder")},
	"POST /beheer/gebruikers/{id}/sessies/beeindigen":       {status: only(redirect, "functioneel_beheerder")},
	"POST /beheer/gebruikers/{id}/sessies/{sid}/beeindigen": {status: only(notFound, "functioneel_beheerder")},
}

// path fills in a route pattern's wildcards for a relation.
func path(pattern string, f *storetest.Fixture, rel string) string {
	_, p, _ := strings.Cut(pattern, " ")
	fam := familyOf(f, rel)
	id := fmt.Sprint(fam.ID)
	member := fam.Members[0]
	switch {
	case strings.HasPrefix(p, "/toegangslog/gebruikers/"):
		id = fmt.Sprint(f.Casemanager.ID)
	case strings.HasPrefix(p, "/beheer/gebruikers/"):
		id = fmt.Sprint(f.Casemanager2.ID)
	case strings.HasPrefix(p, "/bewaartermijnen/verzoeken/"):
		id = fmt.Sprint(template.destructionRequest)
	case strings.HasPrefix(p, "/werkbegeleiding/"):
		id = fmt.Sprint(f.Casemanager.ID)
	case strings.HasPrefix(p, "/noodtoegang/"):
		id = fmt.Sprint(template.emergency)
	case strings.HasPrefix(p, "/bevestigingen/"):
		id = fmt.Sprint(template.pendingChange)
	case strings.HasPrefix(p, "/sociale-kaart/"):
		id = fmt.Sprint(f.Partner.ID)
	case strings.HasPrefix(p, "/aanmeldingen/"):
		id = fmt.Sprint(template.refA.ID)
		if rel == "other-team" {
			id = fmt.Sprint(template.refB.ID)
		}
	case strings.Contains(p, "/jeugd/"):
		member = fam.Members[1] // the child of 13
		p = strings.ReplaceAll(p, "{vid}", fmt.Sprint(template.youthConsents[fam.ID]))
	}
	if strings.Contains(p, "/sessies/{sid}") {
		p = strings.ReplaceAll(p, "{sid}", "999999") // no one's session
	}
	p = strings.ReplaceAll(p, "{bid}", fmt.Sprint(balanceIDs.moments[fam.ID]))
	p = strings.ReplaceAll(p, "{fid}", fmt.Sprint(balanceIDs.factors[fam.ID]))
	p = strings.ReplaceAll(p, "{id}", id)
	p = strings.ReplaceAll(p, "{mid}", fmt.Sprint(member.ID))
	p = strings.ReplaceAll(p, "{sid}", fmt.Sprint(template.concerns[fam.ID]))
	p = strings.ReplaceAll(p, "{cid}", fmt.Sprint(template.contacts[fam.ID]))
	p = strings.ReplaceAll(p, "{dag}", "2026-03-02")
	p = strings.ReplaceAll(p, "{nr}", "2") // the draft
	p = strings.ReplaceAll(p, "{key}", template.agreementKeys[fam.ID])
	p = strings.ReplaceAll(p, "{tid}", fmt.Sprint(template.trajectories[fam.ID]))
	p = strings.ReplaceAll(p, "{vid}", fmt.Sprint(template.consents[fam.ID]))
	p = strings.ReplaceAll(p, "{did}", fmt.Sprint(template.documents[fam.ID]))
	p = strings.ReplaceAll(p, "{hid}", fmt.Sprint(coordIDs.handovers[fam.ID]))
	p = strings.ReplaceAll(p, "{nid}", fmt.Sprint(coordIDs.meetings[fam.ID]))
	p = strings.ReplaceAll(p, "{pid}", fmt.Sprint(coordIDs.persons[fam.ID]))
	p = strings.ReplaceAll(p, "{gpid}", fmt.Sprint(genoIDs.grandmother[fam.ID]))
	p = strings.ReplaceAll(p, "{grid}", fmt.Sprint(genoIDs.relation[fam.ID]))
	p = strings.ReplaceAll(p, "{smid}", fmt.Sprint(socioIDs.moments[fam.ID]))
	p = strings.ReplaceAll(p, "{stid}", fmt.Sprint(socioIDs.ties[fam.ID]))
	p = strings.ReplaceAll(p, "{fcid}", fmt.Sprint(councilIDs[fam.ID]))
	p = strings.ReplaceAll(p, "{eid}", fmt.Sprint(template.evaluations[fam.ID]))
	p = strings.ReplaceAll(p, "{gid}", fmt.Sprint(template.supervisionSession))
	p = strings.ReplaceAll(p, "{aid}", fmt.Sprint(template.youthAgreement))
	p = strings.ReplaceAll(p, "{rid}", fmt.Sprint(template.stagnations[fam.ID]))
	p = strings.ReplaceAll(p, "{vzid}", fmt.Sprint(template.rectifications[fam.ID]))
	p = strings.ReplaceAll(p, "{table}", "instroom")
	if p == "/rapportages/gezinnen" {
		p += "?tabel=instroom&rij=totaal&kolom=0"
	}
	return strings.TrimSuffix(p, "{$}")
}

// TestRoutes_RoleMatrix walks every registered route × every role ×
// relation over real HTTP, on a fresh database each, and checks the status
// — and that a refused request changed nothing. A route without an
// expectation fails the test: a new route must say who may use it.
func TestRoutes_RoleMatrix(t *testing.T) {
	e := newEnv(t)
	for _, rt := range e.ui.Routes() {
		exp, ok := expectations[rt.Pattern]
		if !ok {
			t.Errorf("route %q has no expectation in the role matrix", rt.Pattern)
			continue
		}
		method, _, _ := strings.Cut(rt.Pattern, " ")
		rels := []string{"-"}
		switch {
		case exp.referral:
			rels = []string{"assigned", "other-team"}
		case exp.family:
			rels = matrixRelations
		}
		for _, role := range matrixRoles {
			t.Run(rt.Pattern+"/"+role, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t)
				token := ""
				if u := userOf(e.f, role); u != nil {
					token = e.session(u)
				}
				for _, rel := range rels {
					want := exp.status(role, rel)
					var form url.Values
					if exp.form != nil {
						form = exp.form(e.f, rel)
					} else if method == http.MethodPost {
						form = url.Values{}
					}
					before := e.digest()
					resp := e.do(method, path(rt.Pattern, e.f, rel), token, form)
					if resp.status != want {
						t.Errorf("%s as %s (%s): status %d, want %d\n%.300s", rt.Pattern, role, rel, resp.status, want, resp.body)
						continue
					}
					if want == forbid || want == notFound || (role == "uitgelogd" && want == redirect) {
						if after := e.digest(); after != before {
							t.Errorf("%s as %s (%s): refused, but the database changed", rt.Pattern, role, rel)
						}
					}
					if role == "uitgelogd" && want == redirect && !strings.HasPrefix(resp.header.Get("Location"), "/inloggen") {
						t.Errorf("%s logged out: redirect to %q, want the log-in page", rt.Pattern, resp.header.Get("Location"))
					}
				}
			})
		}
	}
	for pattern := range expectations {
		found := false
		for _, rt := range e.ui.Routes() {
			found = found || rt.Pattern == pattern
		}
		if !found {
			t.Errorf("expectation for %q, which is not a route", pattern)
		}
	}
}

var digits = regexp.MustCompile(`[0-9]+`)

// refused reports whether a status means the user could not do what the
// page offered: refused (403), not there for them (404), not possible in
// this state (409), a broken form (400, 405) or a failure.
func refused(status int) bool {
	switch status {
	case http.StatusBadRequest, http.StatusUnauthorized, forbid, notFound, http.StatusMethodNotAllowed, http.StatusConflict:
		return true
	}
	return status >= 500
}

// stateRefusals are the answers that say a form cannot be used in the
// state its subject is in, whatever is typed: a page must not offer it.
var stateRefusals = []regie.Msg{regie.MsgReferralDecided, regie.MsgFamilyClosed, regie.MsgPlanFrozen,
	regie.MsgNotOnPriorityList, regie.MsgAlreadyOnList}

// stateRefusal returns the state refusal a form's answer shows, if any.
func stateRefusal(resp response) string {
	if resp.status != invalid {
		return ""
	}
	for _, m := range stateRefusals {
		if text := regie.Text(m); strings.Contains(resp.body, html.EscapeString(text)) {
			return text
		}
	}
	return ""
}

// TestRoutes_OfferedActionsWork: what a screen offers, the policy allows.
// For every role it opens every page of the route table (for every
// relation) and every page those link to, and checks that every link a
// page shows can be followed and every form it shows (<form method=post>)
// submitted — with the page's own fields, on a fresh copy of the database
// per form — without 403, 404, 409 or an error. A form whose fields are
// incomplete may answer 422: the user can fill it in. It runs on the
// fixture as it is ("now") and a step further ("later": a closed file, an
// accepted referral, a partner with a consent that covers everything).
func TestRoutes_OfferedActionsWork(t *testing.T) {
	for _, world := range []string{"now", "later"} {
		for _, role := range matrixRoles[1:] {
			t.Run(world+"/"+role, func(t *testing.T) {
				t.Parallel()
				crawl(t, role, envOptions{later: world == "later"})
			})
		}
	}
}

// crawl is TestRoutes_OfferedActionsWork for one role in one world.
func crawl(t *testing.T, role string, opt envOptions) {
	e := newEnv(t, opt)
	token := e.session(userOf(e.f, role))
	// Every page of the route table is a start; one the role may not
	// open is passed over (the matrix test checks that answer), what the
	// pages that open offer is followed.
	var queue []string
	from := map[string]string{} // the page that offered a URL first
	start := map[string]bool{}
	for _, rt := range e.ui.Routes() {
		if !strings.HasPrefix(rt.Pattern, "GET ") || strings.HasPrefix(rt.Pattern, "GET /inloggen") {
			continue
		}
		exp := expectations[rt.Pattern]
		rels := []string{"-"}
		switch {
		case exp.referral:
			rels = []string{"assigned", "other-team"}
		case exp.family:
			rels = matrixRelations
		}
		for _, rel := range rels {
			p := path(rt.Pattern, e.f, rel)
			queue = append(queue, p)
			start[p] = true
		}
	}
	offer := func(u, page string) {
		if _, known := from[u]; !known {
			from[u] = page
		}
		queue = append(queue, u)
	}
	type offered struct {
		form pageForm
		page string
	}
	var forms []offered
	formSeen := map[string]bool{}
	seen := map[string]bool{}
	// The team meeting links to the week before and after, without end:
	// a few URLs of one shape are enough.
	shapes := map[string]int{}
	for len(queue) > 0 && len(seen) < 1000 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		shape := digits.ReplaceAllString(u, "N")
		if shapes[shape] >= 8 {
			continue
		}
		shapes[shape]++
		resp := e.do(http.MethodGet, u, token, nil)
		if refused(resp.status) {
			if from[u] != "" {
				t.Errorf("on %s, the link %s answers %d", from[u], u, resp.status)
			}
			continue
		}
		if loc := resp.header.Get("Location"); resp.status == redirect {
			// Where a start page redirects was not offered by a page.
			if strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "/inloggen") && from[u] != "" {
				offer(loc, u)
			} else if strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "/inloggen") {
				queue = append(queue, loc)
			}
			continue
		}
		if resp.status != ok || !strings.HasPrefix(resp.header.Get("Content-Type"), "text/html") {
			continue
		}
		links, fs, err := parsePage(resp.body)
		if err != nil {
			t.Fatalf("%s: parse: %v", u, err)
		}
		base, _ := url.Parse(u)
		local := func(href string) (string, bool) {
			ref, err := url.Parse(href)
			if err != nil || ref.Host != "" || ref.Scheme != "" {
				return "", false
			}
			abs := base.ResolveReference(ref)
			abs.Fragment = ""
			if abs.String() == u || strings.HasPrefix(abs.Path, "/static/") {
				return "", false
			}
			return abs.String(), true
		}
		for _, href := range links {
			if l, isLocal := local(href); isLocal {
				offer(l, u)
			}
		}
		for _, f := range fs {
			if f.action == "" {
				f.action = u
			}
			if f.method == http.MethodGet {
				if l, isLocal := local(f.action + "?" + f.fields.Encode()); isLocal {
					offer(l, u)
				}
				continue
			}
			if !formSeen[f.key()] {
				formSeen[f.key()] = true
				forms = append(forms, offered{f, u})
			}
		}
	}
	if len(queue) > 0 {
		t.Errorf("more than %d pages: the crawl stopped early", len(seen))
	}
	for _, o := range forms {
		fe := newEnv(t, opt)
		ftoken := fe.session(userOf(fe.f, role))
		var resp response
		if strings.HasPrefix(o.form.enctype, "multipart/") {
			resp = fe.postMultipart(o.form.action, ftoken, o.form.fields, "", nil)
		} else {
			resp = fe.do(http.MethodPost, o.form.action, ftoken, o.form.fields)
		}
		if refused(resp.status) {
			t.Errorf("on %s, the form %s %s answers %d", o.page, o.form.method, o.form.action, resp.status)
		} else if m := stateRefusal(resp); m != "" {
			t.Errorf("on %s, the form %s %s answers %d: %s", o.page, o.form.method, o.form.action, resp.status, m)
		}
	}
	t.Logf("%d pages and links, %d forms", len(seen), len(forms))
}

// TestRoutes_OffersWhatThePolicyAllows: the other half of the crawl —
// hiding everything would pass it. Each role finds the actions it may take
// on the pages where it works, and not those it may not.
func TestRoutes_OffersWhatThePolicyAllows(t *testing.T) {
	for _, tc := range []struct {
		role, page string
		later      bool
		offers     []string // links or form actions the page must offer
		not        []string // and must not
	}{
		{role: "casemanager", page: "/gezinnen/{assigned}",
			offers: []string{"/gezinnen/{assigned}/contacten/nieuw", "/gezinnen/{assigned}/leden/nieuw", "/gezinnen/{assigned}/veiligheid/nieuw",
				"/gezinnen/{assigned}/fase", "/gezinnen/{assigned}/toestemming"},
			not: []string{"/gezinnen/{assigned}/toewijzing"}},
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}",
			offers: []string{"/gezinnen/{assigned}/contacten/nieuw", "/gezinnen/{assigned}/contacten"},
			not:    []string{"/gezinnen/{assigned}/leden/nieuw", "/gezinnen/{assigned}/bewerken", "/gezinnen/{assigned}/veiligheid/nieuw"}},
		{role: "teamleider", page: "/gezinnen/{assigned}",
			offers: []string{"/gezinnen/{assigned}/contacten/nieuw", "/gezinnen/{assigned}/toewijzing", "/gezinnen/{assigned}/bewerken"}},
		// The youth worker reads the family as far as the work needs: not
		// the consents and their papers, not the handover, no export.
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}",
			offers: []string{"/gezinnen/{assigned}/plan", "/gezinnen/{assigned}/jeugd/{kevin}/toestemming"},
			not: []string{"/gezinnen/{assigned}/toestemming", "/gezinnen/{assigned}/overdracht", "/gezinnen/{assigned}/toestemming/formulier.pdf",
				"/gezinnen/{assigned}/jeugd/{kevin}"}},
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}/plan",
			not: []string{"/gezinnen/{assigned}/plan/1/pdf", "/gezinnen/{assigned}/plan/2/pdf", "/gezinnen/{assigned}/plan/2/bewerken"}},
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}/jeugd/{kevin}/toestemming",
			offers: []string{"/gezinnen/{assigned}/jeugd/{kevin}/toestemming/nieuw", "/gezinnen/{assigned}/jeugd/{kevin}/toestemming/{yc}/intrekken"}},
		{role: "casemanager", page: "/gezinnen/{assigned}", offers: []string{"/gezinnen/{assigned}/jeugd/{kevin}/toestemming"}},
		{role: "casemanager", page: "/gezinnen/{assigned}/jeugd/{kevin}/toestemming",
			not: []string{"/gezinnen/{assigned}/jeugd/{kevin}/toestemming/nieuw", "/gezinnen/{assigned}/jeugd/{kevin}/toestemming/{yc}/intrekken"}},
		{role: "netwerkpartner", page: "/gezinnen/{team}", later: true, not: []string{"/gezinnen/{team}/jeugd/{kevinTeam}/toestemming"}},
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}", offers: []string{"/gezinnen/{assigned}/jeugd/{kevin}/traject"}},
		{role: "casemanager", page: "/gezinnen/{assigned}", offers: []string{"/gezinnen/{assigned}/jeugd/{kevin}/traject"}},
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}/jeugd/{kevin}/traject",
			offers: []string{"/gezinnen/{assigned}/jeugd/{kevin}/traject/plan", "/gezinnen/{assigned}/jeugd/{kevin}/traject/contact",
				"/gezinnen/{assigned}/jeugd/{kevin}/traject/scores", "/gezinnen/{assigned}/jeugd/{kevin}/traject/eindevaluatie",
				"/gezinnen/{assigned}/jeugd/{kevin}/traject/afspraken/{aid}"},
			not: []string{"/gezinnen/{assigned}/jeugd/{kevin}/traject", "/gezinnen/{assigned}/jeugd/{kevin}"}},
		{role: "casemanager", page: "/gezinnen/{assigned}/jeugd/{kevin}/traject",
			not: []string{"/gezinnen/{assigned}/jeugd/{kevin}/traject/plan", "/gezinnen/{assigned}/jeugd/{kevin}/traject/contact",
				"/gezinnen/{assigned}/jeugd/{kevin}/traject/scores", "/gezinnen/{assigned}/jeugd/{kevin}/traject/eindevaluatie",
				"/gezinnen/{assigned}/jeugd/{kevin}/traject/afspraken/{aid}", "/gezinnen/{assigned}/jeugd/{kevin}"}},
		{role: "teamleider", page: "/gezinnen/{assigned}/jeugd/{kevin}/traject",
			offers: []string{"/gezinnen/{assigned}/jeugd/{kevin}"},
			not:    []string{"/gezinnen/{assigned}/jeugd/{kevin}/traject/plan", "/gezinnen/{assigned}/jeugd/{kevin}/traject/contact"}},
		{role: "teamleider", page: "/gezinnen/{assigned}", later: true, // the file is closed
			offers: []string{"/gezinnen/{assigned}/contacten", "/gezinnen/{assigned}/fase"},
			not:    []string{"/gezinnen/{assigned}/contacten/nieuw", "/gezinnen/{assigned}/toewijzing", "/gezinnen/{assigned}/bewerken"}},
		{role: "teamleider", page: "/gezinnen/{assigned}", later: true, // closed: the check-up is what can still be done
			offers: []string{"/gezinnen/{assigned}/checkups", "/gezinnen/{assigned}/checkups/nieuw"},
			not: []string{"/gezinnen/{assigned}/leden/nieuw", "/gezinnen/{assigned}/veiligheid/nieuw", "/gezinnen/{assigned}/trajecten/nieuw",
				"/gezinnen/{assigned}/toestemming/nieuw", "/gezinnen/{assigned}/plan/2/bewerken"}},
		{role: "teamleider", page: "/gezinnen/{assigned}", not: []string{"/gezinnen/{assigned}/checkups/nieuw"}}, // open: no check-up yet
		{role: "casemanager", page: "/gezinnen", later: true, // the last coordinator's list
			offers: []string{"/gezinnen/{assigned}/checkups"}, not: []string{"/gezinnen/{assigned}"}},
		{role: "casemanager", page: "/gezinnen/{assigned}/checkups", later: true,
			offers: []string{"/gezinnen/{assigned}/checkups/nieuw", "/gezinnen"}, not: []string{"/gezinnen/{assigned}"}},
		{role: "casemanager", page: "/gezinnen/{assigned}/checkups/nieuw", later: true, offers: []string{"/gezinnen/{assigned}/checkups"}},
		{role: "netwerkpartner", page: "/gezinnen/{team}", later: true, // a consent that covers everything a partner may read
			offers: []string{"/gezinnen/{team}/contacten", "/gezinnen/{team}/plan"},
			not:    []string{"/gezinnen/{team}/contacten/nieuw", "/gezinnen/{team}/fase", "/gezinnen/{team}/leden/nieuw"}},
		// The balance model: the team's, written by the coordinator, read
		// by the youth worker, closed for writing with the file, never a
		// partner's.
		{role: "casemanager", page: "/gezinnen/{assigned}", offers: []string{"/gezinnen/{assigned}/balans"}},
		{role: "casemanager", page: "/gezinnen/{assigned}/balans",
			offers: []string{"/gezinnen/{assigned}/balans/werklijnen", "/gezinnen/{assigned}/balans/werklijnen/ontkoppelen", "/gezinnen/{assigned}/balans/afdruk.pdf"}},
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}/balans",
			not: []string{"/gezinnen/{assigned}/balans/werklijnen", "/gezinnen/{assigned}/balans/werklijnen/ontkoppelen", "/gezinnen/{assigned}/balans/afdruk.pdf"}},
		{role: "teamleider", page: "/gezinnen/{assigned}/balans", later: true, // the file is closed
			offers: []string{"/gezinnen/{assigned}/balans/afdruk.pdf"},
			not:    []string{"/gezinnen/{assigned}/balans/werklijnen", "/gezinnen/{assigned}/balans/werklijnen/ontkoppelen"}},
		{role: "netwerkpartner", page: "/gezinnen/{team}", later: true, not: []string{"/gezinnen/{team}/balans"}},
		{role: "teamleider", page: "/gezinnen/{assigned}/toewijzing", offers: []string{"/gezinnen/{assigned}/toewijzing"}},
		{role: "casemanager", page: "/gezinnen/{assigned}/toewijzing", not: []string{"/gezinnen/{assigned}/toewijzing"}},
		{role: "teamleider", page: "/aanmeldingen/{refA}",
			offers: []string{"/aanmeldingen/{refA}/agenda", "/aanmeldingen/{refA}/besluit", "/aanmeldingen/{refA}/prioriteit"}},
		{role: "teamleider", page: "/aanmeldingen/{refA}", later: true, // accepted
			not: []string{"/aanmeldingen/{refA}/agenda", "/aanmeldingen/{refA}/besluit", "/aanmeldingen/{refA}/prioriteit"}},
		{role: "casemanager", page: "/aanmeldingen", offers: []string{"/aanmeldingen/nieuw", "/wachtlijst", "/teamoverleg"}},
		{role: "jeugdhulpverlener", page: "/aanmeldingen", offers: []string{"/wachtlijst"}, not: []string{"/aanmeldingen/nieuw"}},
		{role: "aanmelder", page: "/aanmeldingen", offers: []string{"/aanmeldingen/nieuw"}, not: []string{"/wachtlijst", "/teamoverleg"}},
		{role: "privacy_officer", page: "/toegangslog/gezinnen/{assigned}", offers: []string{"/toegangslog/gezinnen/{assigned}?formaat=csv"}},
		// Privacy: the person export found like the access log, the open
		// requests for rectification, the register; the administrator
		// gets the register only, no one else the area.
		{role: "privacy_officer", page: "/privacy?q=jansen", offers: []string{"/privacy/gezinnen/{assigned}", "/privacy/verwerkingsregister",
			"/privacy/gezinnen/{assigned}/correcties/{vz}"}},
		{role: "privacy_officer", page: "/privacy/gezinnen/{assigned}", offers: []string{"/privacy/gezinnen/{assigned}/personen/{kevin}/inzage.pdf",
			"/privacy/gezinnen/{assigned}/personen/{kevin}/inzage.json", "/privacy/gezinnen/{assigned}/correcties",
			"/privacy/gezinnen/{assigned}/correcties/{vz}"}},
		{role: "privacy_officer", page: "/privacy/gezinnen/{assigned}/correcties/{vz}", offers: []string{"/privacy/gezinnen/{assigned}/correcties/{vz}"}},
		{role: "functioneel_beheerder", page: "/privacy", offers: []string{"/privacy/verwerkingsregister"},
			not: []string{"/privacy/gezinnen/{assigned}/correcties/{vz}"}},
		{role: "casemanager", page: "/gezinnen/{assigned}", not: []string{"/privacy", "/privacy/gezinnen/{assigned}"}},
		{role: "functioneel_beheerder", page: "/sociale-kaart", offers: []string{"/sociale-kaart/nieuw", "/beheer/gebruikers", "/beheer/fasen"},
			not: []string{"/gezinnen", "/teamoverleg"}},
		{role: "casemanager", page: "/sociale-kaart", not: []string{"/sociale-kaart/nieuw", "/beheer/gebruikers", "/toewijzingen"}},
		{role: "casemanager", page: "/gezinnen", offers: []string{"/werkbak"}},
		{role: "jeugdhulpverlener", page: "/gezinnen", offers: []string{"/werkbak"}},
		{role: "teamleider", page: "/gezinnen?overzicht=team", not: []string{"/werkbak"}},
		{role: "teamleider", page: "/teamoverleg/2026-03-02", offers: []string{"/gezinnen/{assigned}/plan/2/besproken"}},
		{role: "casemanager", page: "/teamoverleg/2026-03-02", not: []string{"/gezinnen/{assigned}/plan/2/besproken"}},
		// Who sees what: the coordinator's side, not the youth worker.
		{role: "casemanager", page: "/gezinnen/{assigned}", offers: []string{"/gezinnen/{assigned}/partners"}},
		{role: "teamleider", page: "/gezinnen/{team}", offers: []string{"/gezinnen/{team}/partners"}},
		{role: "jeugdhulpverlener", page: "/gezinnen/{assigned}", not: []string{"/gezinnen/{assigned}/partners"}},
		{role: "casemanager", page: "/werkbak", offers: []string{"/gezinnen/{assigned}/partners#stagnatie"}},
	} {
		name := tc.role + " " + tc.page
		if tc.later {
			name += " later"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{later: tc.later})
			fill := strings.NewReplacer("{assigned}", fmt.Sprint(e.f.FamAssigned.ID), "{team}", fmt.Sprint(e.f.FamTeam.ID),
				"{refA}", fmt.Sprint(template.refA.ID), "{kevin}", fmt.Sprint(e.f.FamAssigned.Members[1].ID),
				"{kevinTeam}", fmt.Sprint(e.f.FamTeam.Members[1].ID), "{yc}", fmt.Sprint(template.youthConsents[e.f.FamAssigned.ID]),
				"{aid}", fmt.Sprint(template.youthAgreement), "{vz}", fmt.Sprint(template.rectifications[e.f.FamAssigned.ID]))
			resp := e.do(http.MethodGet, fill.Replace(tc.page), e.session(userOf(e.f, tc.role)), nil)
			if resp.status != ok {
				t.Fatalf("status %d", resp.status)
			}
			links, forms, err := parsePage(resp.body)
			if err != nil {
				t.Fatal(err)
			}
			offered := map[string]bool{}
			for _, l := range links {
				offered[l] = true
			}
			for _, f := range forms {
				offered[f.action] = true
			}
			for _, u := range tc.offers {
				if !offered[fill.Replace(u)] {
					t.Errorf("%s is not offered", fill.Replace(u))
				}
			}
			for _, u := range tc.not {
				if offered[fill.Replace(u)] {
					t.Errorf("%s is offered", fill.Replace(u))
				}
			}
		})
	}
}

// TestAuditLog_CSVDownload: the privacy officer's "Downloaden (CSV)" of a
// family's access log downloads it, and the download is in the log as an
// export.
func TestAuditLog_CSVDownload(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned.ID
	resp := e.do(http.MethodGet, fmt.Sprintf("/toegangslog/gezinnen/%d?formaat=csv", fam), e.session(e.f.Privacy), nil)
	if resp.status != ok || !strings.HasPrefix(resp.header.Get("Content-Type"), "text/csv") || !strings.Contains(resp.body, "Tijdstip;Medewerker") {
		t.Fatalf("status %d, %s:\n%.300s", resp.status, resp.header.Get("Content-Type"), resp.body)
	}
	var action, outcome string
	var familyID, userID int64
	if err := e.store.DB().QueryRow(`SELECT action, outcome, family_id, user_id FROM audit ORDER BY id DESC LIMIT 1`).
		Scan(&action, &outcome, &familyID, &userID); err != nil {
		t.Fatal(err)
	}
	if action != string(regie.ActionExport) || outcome != string(regie.OutcomeOK) || familyID != fam || userID != e.f.Privacy.ID {
		t.Errorf("audit row: %s %s family %d user %d, want the privacy officer's export of the family's log", action, outcome, familyID, userID)
	}
}
