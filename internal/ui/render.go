package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regie/internal/drawing"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"regie"
)

//go:embed templates static
var embedded embed.FS

// templates holds the parsed pages and the static files with their
// content hashes.
type templates struct {
	dev    string // when set, re-read templates from this directory
	mu     sync.Mutex
	pages  map[string]*template.Template
	static map[string]staticFile
}

type staticFile struct {
	body        []byte
	hash        string
	contentType string
}

func newTemplates(dev string) (*templates, error) {
	t := &templates{dev: dev}
	if err := t.load(); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *templates) fsys() fs.FS {
	if t.dev != "" {
		return os.DirFS(t.dev)
	}
	return embedded
}

// load parses the layout and partials, then every page on a clone of them,
// and reads the static files.
func (t *templates) load() error {
	fsys := t.fsys()
	static := map[string]staticFile{}
	entries, err := fs.ReadDir(fsys, "static")
	if err != nil {
		return fmt.Errorf("ui: read static: %w", err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(fsys, path.Join("static", e.Name()))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		static[e.Name()] = staticFile{body: b, hash: hex.EncodeToString(sum[:6]), contentType: contentType(e.Name())}
	}
	t.static = static

	base, err := template.New("layout.html").Funcs(t.funcs()).ParseFS(fsys, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return fmt.Errorf("ui: parse layout: %w", err)
	}
	pages := map[string]*template.Template{}
	files, err := fs.Glob(fsys, "templates/pages/*.html")
	if err != nil {
		return err
	}
	for _, f := range files {
		p, err := base.Clone()
		if err == nil {
			p, err = p.ParseFS(fsys, f)
		}
		if err != nil {
			return fmt.Errorf("ui: parse %s: %w", f, err)
		}
		pages[strings.TrimSuffix(path.Base(f), ".html")] = p
	}
	t.pages = pages
	return nil
}

func contentType(name string) string {
	switch filepath.Ext(name) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".ico":
		return "image/x-icon"
	}
	return "application/octet-stream"
}

// PageNames lists the parsed pages, for the test that renders them all.
func (h *Handler) PageNames() []string {
	var names []string
	for n := range h.templates.pages {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// view is what every page template gets.
type view struct {
	Title string
	// Nav names the active item of the navigation.
	Nav   string
	Actor *regie.Actor
	// Can is what the actor may do outside one family, as the policy
	// decides: the menu shows only that.
	Can   *regie.Permissions
	Demo  bool
	Flash string
	Today regie.Date
	// Form holds the values typed and the errors, on form pages.
	Form *form
	// Page is the page's own data.
	Page any
}

// LoggedIn reports whether a complete log-in is behind the page.
func (v *view) LoggedIn() bool { return v.Actor != nil && v.Actor.UserID != 0 }

// render executes a page into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	if h.templates.dev != "" {
		h.templates.mu.Lock()
		if err := h.templates.load(); err != nil {
			h.templates.mu.Unlock()
			h.Logger.Error("reload templates", "error", err.Error())
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		h.templates.mu.Unlock()
	}
	a := actor(r)
	v.Actor, v.Demo, v.Today, v.Can = a, h.Demo, regie.DateOf(h.Clock.Now()), h.Permissions.Permissions(r.Context())
	if v.Flash == "" {
		v.Flash = takeFlash(w, r)
	}
	p, ok := h.templates.pages[name]
	if !ok {
		h.Logger.Error("missing template", "name", name)
		http.Error(w, "template missing", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := p.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		h.Logger.Error("render template", "name", name, "error", err.Error())
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "Er ging iets mis bij het tonen van deze pagina.")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(withFormTokens(r, buf.Bytes())) // after the header only a client that went away fails
}

// serveStatic serves an embedded file. With the right ?v= hash it may be
// cached for a year; the hash changes when the file does.
func (h *Handler) serveStatic(w http.ResponseWriter, r *http.Request) error {
	f, ok := h.templates.static[r.PathValue("name")]
	if !ok {
		return regie.NotFound()
	}
	if r.URL.Query().Get("v") == f.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("Content-Type", f.contentType)
	_, _ = w.Write(f.body) // after the header only a client that went away fails
	return nil
}

func (t *templates) funcs() template.FuncMap {
	return template.FuncMap{
		"static": func(name string) string {
			f, ok := t.static[name]
			if !ok {
				panic("ui: no static file " + name)
			}
			return "/static/" + name + "?v=" + f.hash
		},
		"datetime": regie.FormatDateTime,
		"dateof":   regie.DateOf,
		"msg":      func(m string) string { return regie.Text(regie.Msg(m)) },
		"dossier":  regie.DossierNumber,
		"field":    newField,
		"add":      func(a, b int) int { return a + b },
		"hours":    regie.FormatHours,
		// scale maps v in [0, max] onto [0, full], for bars drawn in SVG
		// (attributes, not styles: the CSP allows no inline style).
		"scale": func(v, max, full int) int {
			if max <= 0 {
				return 0
			}
			return v * full / max
		},
		"times": func(n int) int { return n * 60 },
		// svg embeds an instrument's drawing. Safe as HTML: the drawing
		// package escapes every text it writes, and its attributes are
		// numbers and the package's own colours.
		"svg": func(d *drawing.Drawing) template.HTML {
			return template.HTML(d.SVG()) //nolint:gosec // escaped by drawing.SVG, see above
		},
		"list": func(xs ...int) []int { return xs },
		// dict builds the argument of a partial from key-value pairs.
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"sub":         func(a, b int) int { return a - b },
		"plural":      regie.Plural,
		"lastcontact": lastContact,
		"waited":      waited,
		"lower":       strings.ToLower,
		"scoreof": func(s string) regie.Score {
			n, _ := strconv.Atoi(s)
			return regie.Score(n)
		},
		"scorecharts": scoreCharts,
		"agencychart": agencyChart,
	}
}

// waited says how long since t, in days up to two weeks and in weeks
// after: how long a family has been waiting.
func waited(t time.Time, today regie.Date) string {
	days := regie.DateOf(t).DaysUntil(today)
	switch {
	case days <= 0:
		return "sinds vandaag"
	case days < 14:
		return regie.Plural(days, "dag", "dagen")
	}
	return regie.Plural(days/7, "week", "weken")
}

// flashCookie carries a message code (never personal data) across the
// redirect after a form.
const flashCookie = "__Host-regie-flash"

func setFlash(w http.ResponseWriter, m regie.Msg) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: string(m), Path: "/", MaxAge: 60,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	clearCookie(w, flashCookie)
	if _, ok := regie.Catalogue()[regie.Msg(c.Value)]; !ok {
		return ""
	}
	return regie.Text(regie.Msg(c.Value))
}

func clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}
