package regie_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"regie"
)

// TestCatalogue_EveryMessageHasDutchText parses messages.go and checks that
// every Msg constant has a text in the catalogue.
func TestCatalogue_EveryMessageHasDutchText(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	cat := regie.Catalogue()
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		vs, ok := node.(*ast.ValueSpec)
		if !ok || vs.Type == nil {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Msg" {
			return true
		}
		for _, v := range vs.Values {
			lit := v.(*ast.BasicLit)
			code := regie.Msg(strings.Trim(lit.Value, `"`))
			n++
			if strings.TrimSpace(cat[code]) == "" {
				t.Errorf("message %s has no Dutch text", code)
			}
		}
		return true
	})
	if n < 20 {
		t.Fatalf("found only %d message constants", n)
	}
}

func TestValidBSN(t *testing.T) {
	for _, tc := range []struct {
		bsn string
		ok  bool
	}{
		{"999990019", true},
		{"111222333", true},
		{"123456782", true},
		{"123456789", false},
		{"000000000", false}, // passes the sum, but is no number
		{"12345678", false},
		{"1234567890", false},
		{"12345678a", false},
	} {
		if got := regie.ValidBSN(tc.bsn); got != tc.ok {
			t.Errorf("ValidBSN(%q) = %v, want %v", tc.bsn, got, tc.ok)
		}
	}
}

func TestDates(t *testing.T) {
	for _, s := range []string{"2012-09-30", "30-09-2012", "30-9-2012", "30/09/2012", "30.9.2012"} {
		d, err := regie.ParseDate(s)
		if err != nil || d.ISO() != "2012-09-30" {
			t.Errorf("ParseDate(%q) = %s, %v", s, d, err)
		}
	}
	if _, err := regie.ParseDate("31-02-2012"); err == nil {
		t.Error("31 February parsed")
	}
	birth := regie.NewDate(2012, 9, 30)
	for _, tc := range []struct {
		on   regie.Date
		want int
	}{
		{regie.NewDate(2024, 9, 29), 11},
		{regie.NewDate(2024, 9, 30), 12},
		{regie.NewDate(2025, 1, 1), 12},
		{regie.NewDate(2011, 1, 1), 0},
	} {
		if got := birth.YearsOn(tc.on); got != tc.want {
			t.Errorf("age on %s = %d, want %d", tc.on, got, tc.want)
		}
	}
	if got := regie.NewDate(2026, 3, 2).Dutch(); got != "2 maart 2026" {
		t.Errorf("Dutch = %q", got)
	}
	// 23 November 2026 is a Monday: every day of its week has it as its
	// Monday, and the Sunday before belongs to the week before.
	for day := 23; day <= 29; day++ {
		if got := regie.NewDate(2026, 11, day).Monday().ISO(); got != "2026-11-23" {
			t.Errorf("Monday of 2026-11-%d = %s", day, got)
		}
	}
	if got := regie.NewDate(2026, 11, 22).Monday().ISO(); got != "2026-11-16" {
		t.Errorf("Monday of Sunday 2026-11-22 = %s", got)
	}
}

func TestFamilyInput_Postcode(t *testing.T) {
	in := regie.FamilyInput{HouseholdName: " Gezin Ouali ", Postcode: "3531ab", DistrictID: 1, DutchProficiency: "goed"}
	in.Normalize()
	if in.Postcode != "3531 AB" || in.HouseholdName != "Gezin Ouali" || in.Validate() != nil {
		t.Fatalf("normalised = %+v, %v", in, in.Validate())
	}
	in.Postcode = "0123 AB"
	if regie.ErrorFields(in.Validate())["postcode"] == "" {
		t.Fatal("a postcode starting with 0 was accepted")
	}
}

func TestDecisionInput(t *testing.T) {
	today := regie.NewDate(2026, 3, 2)
	for _, tc := range []struct {
		name  string
		in    regie.DecisionInput
		field string
	}{
		{"PortfolioNeedsReviewDate", regie.DecisionInput{Outcome: regie.IntakePortfolio}, "review_on"},
		{"ReviewDateNotInPast", regie.DecisionInput{Outcome: regie.IntakePortfolio, ReviewOn: "2026-03-01"}, "review_on"},
		{"WaitingNeedsContactKeeper", regie.DecisionInput{Outcome: regie.IntakeWaiting}, "contact_keeper"},
		{"DeclineNeedsContraIndication", regie.DecisionInput{Outcome: regie.IntakeDecline, Feedback: "x"}, "contra_indications"},
		{"DeclineNeedsFeedback", regie.DecisionInput{Outcome: regie.IntakeDecline, ContraIndications: []regie.ContraIndication{"dakloos"}}, "feedback"},
		{"OverrideNeedsReason", regie.DecisionInput{Outcome: regie.IntakeAccept, ContraIndications: []regie.ContraIndication{"psychiatrie"}}, "override_reason"},
		{"OtherNeedsNote", regie.DecisionInput{Outcome: regie.IntakeDecline, Feedback: "x", ContraIndications: []regie.ContraIndication{"overig"}}, "notes"},
		{"UnknownOutcome", regie.DecisionInput{Outcome: "misschien"}, "outcome"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.in.Validate(today)
			if regie.ErrorFields(err)[tc.field] == "" {
				t.Fatalf("err = %v, want a message on %s", err, tc.field)
			}
		})
	}
	ok := regie.DecisionInput{Outcome: regie.IntakePortfolio, ReviewOn: "2026-04-01"}
	if d, err := ok.Validate(today); err != nil || d.ISO() != "2026-04-01" {
		t.Fatalf("valid portfolio decision: %s, %v", d, err)
	}
}

func TestFieldLabel_NetworkMeetingRows(t *testing.T) {
	for field, want := range map[string]string{
		"attendee-0-org":  "Deelnemer 1, organisatie",
		"agreement-1-due": "Afspraak 2, uiterlijk",
		"progress-12":     "Voortgang van een eerdere afspraak",
		"held_on":         "Datum van het overleg",
		"close_outcome":   "Uitkomst",
		"onward_org":      "Doorverwezen naar",
	} {
		if got := regie.FieldLabel(field); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", field, got, want)
		}
	}
}

func TestFieldLabel(t *testing.T) {
	for field, want := range map[string]string{
		"household_name":       "Naam van het huishouden",
		"member-1-given_name":  "Gezinslid 2, voornaam",
		"signal-financien":     "Signalen, financiële situatie",
		"not-a-field-anywhere": "",
	} {
		if got := regie.FieldLabel(field); got != want {
			t.Errorf("FieldLabel(%q) = %q, want %q", field, got, want)
		}
	}
}

func TestNorms(t *testing.T) {
	n := regie.DefaultNorms()
	n.Apply(map[string]string{"norm.casemanager_gezinnen_per_jaar": "8", "norm.jeugdhulpverlener_jongeren_per_jaar": "abc"})
	if n.CasemanagerFamiliesPerYear != 8 || n.YouthWorkerYouthsPerYear != 12 {
		t.Fatalf("norms = %+v", n)
	}
	err := regie.ValidateNorms(map[string]string{"norm.casemanager_gezinnen_per_jaar": "0", "norm.jeugdhulpverlener_jongeren_per_jaar": "x"})
	if fs := regie.ErrorFields(err); len(fs) != 2 {
		t.Fatalf("fields = %v", fs)
	}
}

func TestDiffWords(t *testing.T) {
	o, n := regie.DiffWords("We willen weten hoeveel schuld we hebben.", "We willen een regeling voor de schuld die we hebben.")
	want := func(ps []regie.DiffPart) string {
		var b strings.Builder
		for _, p := range ps {
			switch p.Op {
			case regie.DiffDeleted:
				b.WriteString("[-" + p.Text + "-]")
			case regie.DiffInserted:
				b.WriteString("{+" + p.Text + "+}")
			default:
				b.WriteString(p.Text)
			}
		}
		return b.String()
	}
	if got := want(o); got != "We willen [-weten hoeveel-] schuld [-we hebben.-]" && got != "We willen [-weten hoeveel-] schuld we hebben." {
		t.Errorf("old = %q", got)
	}
	if got := want(n); !strings.Contains(got, "{+een regeling voor de+}") || !strings.HasPrefix(got, "We willen ") {
		t.Errorf("new = %q", got)
	}
	o, n = regie.DiffWords("gelijk", "gelijk")
	if len(o) != 1 || o[0].Op != regie.DiffSame || len(n) != 1 {
		t.Errorf("same = %v %v", o, n)
	}
	if o, n = regie.DiffWords("", "nieuw"); len(o) != 0 || len(n) != 1 || n[0].Op != regie.DiffInserted {
		t.Errorf("added = %v %v", o, n)
	}
}

// TestScoreDescriptions_EveryDomainEveryLevel: two casemanagers give the
// same family the same score only if every level of every domain says
// what it means.
func TestScoreDescriptions_EveryDomainEveryLevel(t *testing.T) {
	seen := map[string]regie.Domain{}
	for _, d := range regie.Domains {
		for s := regie.Score(1); s <= 5; s++ {
			text := d.Value.Describe(s)
			if text == "" {
				t.Errorf("%s, level %d: no description", d.Value, s)
			}
			if other, dup := seen[text]; dup {
				t.Errorf("%s and %s share the description %q", d.Value, other, text)
			}
			seen[text] = d.Value
		}
	}
	if len(regie.ScoreDescriptions) != len(regie.Domains) {
		t.Errorf("descriptions for %d domains, %d domains", len(regie.ScoreDescriptions), len(regie.Domains))
	}
}

func TestSortName(t *testing.T) {
	// Each list is in the order SortName must give.
	for _, tc := range []struct{ name, want string }{
		{"de Bruijn", "bruijn\x01de"},
		{"Gezin de Bruijn", "bruijn\x01gezin de"},
		{"Anouk van der Meer", "meer\x01anouk van der"},
		{"Gezin in 't Veld", "veld\x01gezin in 't"},
		{"Jan ter Horst", "horst\x01jan ter"},
		{"Gezin Jansen", "jansen\x01gezin"},
		{"Jansen", "jansen"},
		{"Fatima El Idrissi", "el idrissi\x01fatima"},
		{"Anna Maria de Vries", "vries\x01anna maria de"},
		{"Gezin Öztürk", "ozturk\x01gezin"},
		{"Van Dijk", "dijk\x01van"},
		{"Gezin Van", "van\x01gezin"},
		{"  ", ""},
	} {
		if got := regie.SortName(tc.name); got != tc.want {
			t.Errorf("SortName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	names := []string{"Gezin Akkerman", "Gezin de Boer", "Gezin van den Broek", "Gezin Bruijn", "Gezin de Bruijn", "Gezin Bruijns",
		"Gezin El Idrissi", "Gezin Jansen", "Gezin van der Meer", "Gezin Öztürk", "Gezin Pinas", "Gezin in 't Veld", "Gezin de Vries"}
	shuffled := slices.Clone(names)
	slices.Reverse(shuffled)
	slices.SortStableFunc(shuffled, func(a, b string) int { return strings.Compare(regie.SortName(a), regie.SortName(b)) })
	if diff := cmp.Diff(names, shuffled); diff != "" {
		t.Errorf("sorted by SortName (-want +got):\n%s", diff)
	}
}

func TestUsualContactMinutes(t *testing.T) {
	for _, tc := range []struct {
		recent []int
		want   int
	}{
		{nil, 60},
		{[]int{0, 0}, 60},
		{[]int{90}, 90},
		{[]int{45, 90, 60}, 60},
		{[]int{45, 60, 90, 240}, 75},
		{[]int{44, 44, 46}, 45},
		{[]int{1, 2}, 5},
	} {
		if got := regie.UsualContactMinutes(tc.recent, 60); got != tc.want {
			t.Errorf("UsualContactMinutes(%v, 60) = %d, want %d", tc.recent, got, tc.want)
		}
	}
}

func TestNamesSomeone(t *testing.T) {
	for q, want := range map[string]bool{
		"Jansen": true, "  de Vries ": true, "J": false, "J. K.": false, "": false,
		"111222333": true, "1112.22.333": true, // a whole valid BSN
		"111222334": false, "1112": false,
	} {
		if got := regie.NamesSomeone(q); got != want {
			t.Errorf("NamesSomeone(%q) = %v, want %v", q, got, want)
		}
	}
}
