package response

import (
	"bytes"
	"testing"
)

func TestSafeCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\";\"klik\")", "'=HYPERLINK(\"http://x\";\"klik\")"},
		{"+31 6 1234", "'+31 6 1234"},
		{"-2+3", "'-2+3"},
		{"-2", "-2"},
		{"-0,5", "-0,5"},
		{"-1234.75", "-1234.75"},
		{"-", "'-"},
		{"-,5", "'-,5"},
		{"-5,", "'-5,"},
		{"-1,2,3", "'-1,2,3"},
		{"-1e5", "'-1e5"},
		{"--1", "'--1"},
		{"+5", "'+5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"gewoon", "gewoon"},
		{"a=b", "a=b"},
		{"", ""},
		{"'al veilig", "'al veilig"},
	} {
		if got := SafeCell(tc.in); got != tc.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	c := NewCSV(&b)
	if err := c.Write("Tijdstip", "=cmd|' /C calc'!A0", "de; Bruijn"); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "Tijdstip;'=cmd|' /C calc'!A0;\"de; Bruijn\"\n"; got != want {
		t.Fatalf("CSV = %q, want %q", got, want)
	}
}
