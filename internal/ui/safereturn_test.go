package ui

import "testing"

func TestSafeReturn(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/gezinnen/12", "/gezinnen/12"},
		{"/gezinnen?zoek=de+Vries", "/gezinnen?zoek=de+Vries"},
		{"", "/"},
		{"https://aanvaller.example/", "/"},
		{"//aanvaller.example/", "/"},
		{"/\\aanvaller.example/", "/"},
		{"/\t/aanvaller.example/", "/"},
		{"/\n/aanvaller.example/", "/"},
		{"/\r\n/aanvaller.example/", "/"},
		{"/gezinnen\x00", "/"},
		{"/gezinnen\x7f", "/"},
		{"/gezinnen\u0085", "/"},
	} {
		if got := safeReturn(tc.in); got != tc.want {
			t.Errorf("safeReturn(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
