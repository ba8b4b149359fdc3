package ui_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"regie"
)

// postMultipart posts the consent form with a file, as a browser would.
func (e *env) postMultipart(path, token string, fields map[string][]string, fileName string, content []byte) response {
	e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := w.WriteField(k, v); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	if fileName != "" {
		fw, err := w.CreateFormFile("document", fileName)
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := fw.Write(content); err != nil {
			e.t.Fatal(err)
		}
	}
	w.Close()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, &buf)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Cookie", "__Host-regie="+token)
	return e.send(req)
}

// TestConsentUpload_BadFilesLoseNothing: a forged PDF, a file over the
// limit and one far over it each come back with a Dutch message and what
// was typed; a real scan is stored and downloads only as an attachment.
func TestConsentUpload_BadFilesLoseNothing(t *testing.T) {
	e := newEnv(t)
	token := e.session(e.f.Casemanager)
	fam := e.f.FamAssigned
	path := fmt.Sprintf("/gezinnen/%d/toestemming", fam.ID)
	fields := map[string][]string{
		"signed_on": {"2026-03-02"}, "signers": {fmt.Sprint(fam.Members[0].ID)},
		"party-0-org": {fmt.Sprint(e.f.Partner.ID)}, "party-0-purpose": {"Afstemming over de schoolgang"},
		"party-0-kinds": {string(regie.InfoMembers), string(regie.DomainKind("kinderen"))},
	}
	before := countConsents(t, e)
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 4096)...)
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 2048)...)
	for _, tc := range []struct {
		name    string
		file    string
		content []byte
		status  int
		message string
		kept    bool
	}{
		{"executable renamed .pdf", "verklaring.pdf", exe, http.StatusUnprocessableEntity, "Dit is geen PDF, JPEG of PNG", true},
		{"empty file", "leeg.pdf", []byte{}, http.StatusUnprocessableEntity, "", true},
		{"over the limit", "groot.pdf", append(pdf, make([]byte, regie.MaxUploadMB<<20)...), http.StatusUnprocessableEntity,
			fmt.Sprintf("maximaal %d MB", regie.MaxUploadMB), true},
		{"far over the limit", "enorm.pdf", make([]byte, 30<<20), http.StatusRequestEntityTooLarge, "te groot", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.postMultipart(path, token, fields, tc.file, tc.content)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d\n%.500s", r.status, tc.status, r.body)
			}
			if tc.message != "" && !strings.Contains(r.body, tc.message) {
				t.Errorf("no message %q", tc.message)
			}
			if !strings.Contains(r.body, `class="error-summary"`) || !strings.Contains(r.body, `id="f-document-error"`) {
				t.Errorf("the document field is not marked")
			}
			if tc.kept && (!strings.Contains(r.body, "Afstemming over de schoolgang") ||
				!strings.Contains(r.body, fmt.Sprintf(`value="%d" checked`, fam.Members[0].ID))) {
				t.Errorf("what was typed is lost")
			}
		})
	}
	if got := countConsents(t, e); got != before {
		t.Fatalf("refused uploads stored %d consents", got-before)
	}

	r := e.postMultipart(path, token, fields, "Scan van de verklaring.pdf", pdf)
	if r.status != http.StatusSeeOther {
		t.Fatalf("a real scan: status %d\n%.500s", r.status, r.body)
	}
	page := e.do(http.MethodGet, path, token, nil)
	i := strings.Index(page.body, "/documenten/")
	if i < 0 {
		t.Fatal("no download link")
	}
	link := page.body[strings.LastIndex(page.body[:i], `"`)+1 : i+strings.Index(page.body[i:], `"`)]
	d := e.do(http.MethodGet, link, token, nil)
	if d.status != http.StatusOK || d.body != string(pdf) {
		t.Fatalf("download %s: status %d, %d bytes", link, d.status, len(d.body))
	}
	for h, want := range map[string]string{"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff",
		"Content-Disposition": `attachment; filename=Scan-van-de-verklaring.pdf`} {
		if got := d.header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if got := e.do(http.MethodGet, link, e.session(e.f.CasemanagerB), nil); got.status != http.StatusNotFound {
		t.Errorf("another team's casemanager downloads the paper: %d", got.status)
	}
}

func countConsents(t *testing.T, e *env) int {
	t.Helper()
	var n int
	if err := e.store.DB().QueryRow(`SELECT count(*) FROM consents`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestConsentUpload_AuthorisedBeforeTheBodyIsRead: someone who may not
// record a consent for the family gets 404 without regie reading a byte
// of the upload.
func TestConsentUpload_AuthorisedBeforeTheBodyIsRead(t *testing.T) {
	e := newEnv(t)
	fam := e.f.FamAssigned
	for _, tc := range []struct {
		who    *regie.User
		status int
		read   bool
	}{
		{e.f.CasemanagerB, http.StatusNotFound, false},
		{e.f.Casemanager, http.StatusUnprocessableEntity, true}, // allowed; the form is incomplete
	} {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		fw, _ := w.CreateFormFile("document", "scan.pdf")
		if _, err := fw.Write(append([]byte("%PDF-1.4\n"), make([]byte, 1<<20)...)); err != nil {
			t.Fatal(err)
		}
		w.Close()
		body := &countingReader{r: &buf}
		req := httptest.NewRequest(http.MethodPost, fmt.Sprintf("/gezinnen/%d/toestemming", fam.ID), body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Origin", "http://example.com")
		req.Host = "example.com"
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Cookie", "__Host-regie="+e.session(tc.who))
		rec := httptest.NewRecorder()
		e.ui.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Fatalf("%s: status %d, want %d", tc.who.Email, rec.Code, tc.status)
		}
		if read := body.n > 0; read != tc.read {
			t.Fatalf("%s: %d bytes of the body read, want read=%v", tc.who.Email, body.n, tc.read)
		}
	}
}
